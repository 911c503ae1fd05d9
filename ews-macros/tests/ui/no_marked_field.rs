use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
struct GetThingResponseMessage {
    base: u32,
    payload: String,
}

fn main() {}
