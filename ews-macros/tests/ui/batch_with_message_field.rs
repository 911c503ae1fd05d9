use ews_macros::BatchResponse;

#[derive(BatchResponse)]
struct GetThingResponse {
    #[ews(message)]
    response_message: u32,
}

fn main() {}
