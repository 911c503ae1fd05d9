use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
struct GetThingResponseMessage {
    #[ews(bases)]
    base: u32,
}

fn main() {}
