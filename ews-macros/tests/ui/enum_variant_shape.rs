use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
enum Entry {
    Good(u32),
    TwoFields(u32, u32),
    Unit,
    Named { message: u32 },
}

fn main() {}
