//! Envelope reading for every operation: the input's SOAP Body element picks the operation
//! (as request or response); both readers must return, never panic.
#![no_main]

use ews_types::operations;
use ews_types::runtime::envelope::{read_request, read_response, Operation, OperationVisitor};
use ews_types::runtime::Element;
use libfuzzer_sys::fuzz_target;

struct ReadAs<'a> {
    body: &'a str,
    xml: &'a [u8],
}

impl OperationVisitor for ReadAs<'_> {
    fn visit<O: Operation>(&mut self) {
        if <O::Request as Element>::NAME == self.body {
            let _ = read_request::<O>(self.xml);
        }
        if <O::Response as Element>::NAME == self.body {
            let _ = read_response::<O>(self.xml);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(body) = ews_types::runtime::envelope::body_element(data) {
        operations::visit_all(&mut ReadAs { body: &body, xml: data });
    } else {
        // Not an envelope with a body: the operation readers must still refuse it cleanly.
        let _ = read_response::<operations::GetItem>(data);
    }
});
