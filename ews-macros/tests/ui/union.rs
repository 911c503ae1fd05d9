use ews_macros::ResponseMessage;

#[derive(ResponseMessage)]
union Thing {
    a: u32,
    b: f32,
}

fn main() {}
