use ews_macros::BatchResponse;

#[derive(BatchResponse)]
enum GetThingResponse {
    A(u32),
}

fn main() {}
