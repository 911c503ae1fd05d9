use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
struct GetThingResponseMessage {
    #[ews(base, message)]
    base: u32,
}

fn main() {}
