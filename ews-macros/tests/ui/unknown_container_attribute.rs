use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
#[ews(krate = "ews_types")]
struct GetThingResponseMessage {
    #[ews(base)]
    base: u32,
}

fn main() {}
