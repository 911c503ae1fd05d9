//! Streaming responses (`runtime::stream`): the input's SOAP Body element picks the
//! streamed operation (a fault is streamed as `FindItem`'s), streamed through a 7-byte
//! buffer with a content sink and through an 8 KiB one without. The stream must return,
//! never panic, and agree with reading in memory: it reads a document exactly when reading
//! in memory does, with as many messages.
#![no_main]

use std::io::BufReader;

use ews_types::operations;
use ews_types::runtime::envelope::read_response_with;
use ews_types::runtime::response::Response;
use ews_types::runtime::stream::{Event, ResponseStream, Streamed, StreamedVisitor};
use ews_types::runtime::{Element, ReadMode, ReadOptions};
use libfuzzer_sys::fuzz_target;

struct StreamAs<'a> {
    body: &'a str,
    xml: &'a [u8],
}

/// The messages streamed, or `None` if the stream stopped with an error.
fn messages<O: Streamed>(xml: &[u8], buffer: usize, sink: bool, options: ReadOptions) -> Option<usize> {
    let input = BufReader::with_capacity(buffer, xml);
    let mut stream = ResponseStream::<_, O>::open_with(input, options).ok()?;
    if sink {
        stream = stream.content_sink(std::io::sink());
    }
    let mut count = 0;
    for event in stream {
        if let Event::Message(_) = event.ok()? {
            count += 1;
        }
    }
    Some(count)
}

impl StreamedVisitor for StreamAs<'_> {
    fn visit<O: Streamed>(&mut self) {
        let fault = self.body == "Fault" && O::NAME == "FindItem";
        if <O::Response as Element>::NAME != self.body && !fault {
            return;
        }
        for mode in [ReadMode::KeepUnknown, ReadMode::Strict] {
            let options = ReadOptions::default().mode(mode);
            let memory = read_response_with::<O>(self.xml, options)
                .ok()
                .map(|(_, r)| r.into_messages().len());
            let small = messages::<O>(self.xml, 7, true, options);
            let large = messages::<O>(self.xml, 8192, false, options);
            assert_eq!(large, memory, "streaming and reading in memory disagree ({mode:?})");
            // Content sent to the sink is checked as base64 by the stream only.
            if small.is_some() {
                assert_eq!(small, memory, "a small buffer changes the outcome ({mode:?})");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(body) = ews_types::runtime::envelope::body_element(data) {
        operations::visit_streamed(&mut StreamAs { body: &body, xml: data });
    }
});
