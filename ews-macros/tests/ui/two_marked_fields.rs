use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
struct GetThingResponseMessage {
    #[ews(base)]
    base: u32,
    #[ews(message)]
    response_message: u32,
}

fn main() {}
