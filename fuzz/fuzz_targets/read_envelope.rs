//! Envelope reading for every operation: the input's SOAP Body element picks the operation
//! (as request or response; a fault is read as any operation's response), in each reading
//! mode; the readers must return, never panic.
#![no_main]

use ews_types::operations;
use ews_types::runtime::envelope::{
    read_request_with, read_response_with, Operation, OperationVisitor, SendNotification,
};
use ews_types::runtime::{Element, ReadMode, ReadOptions};
use libfuzzer_sys::fuzz_target;

const MODES: [ReadMode; 3] = [ReadMode::KeepUnknown, ReadMode::Strict, ReadMode::Lenient];

struct ReadAs<'a> {
    body: &'a str,
    xml: &'a [u8],
}

impl OperationVisitor for ReadAs<'_> {
    fn visit<O: Operation>(&mut self) {
        for mode in MODES {
            let options = ReadOptions::default().mode(mode);
            if <O::Request as Element>::NAME == self.body {
                let _ = read_request_with::<O>(self.xml, options);
            }
            if <O::Response as Element>::NAME == self.body {
                let _ = read_response_with::<O>(self.xml, options);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    match ews_types::runtime::envelope::body_element(data) {
        Some(body) if body == "Fault" => {
            let _ = read_response_with::<operations::GetItem>(data, ReadOptions::default());
        }
        Some(body) => {
            let mut reader = ReadAs { body: &body, xml: data };
            operations::visit_all(&mut reader);
            reader.visit::<SendNotification>();
        }
        // Not an envelope with a body: the operation readers must still refuse it cleanly.
        None => {
            let _ = read_response_with::<operations::GetItem>(data, ReadOptions::default());
        }
    }
});
