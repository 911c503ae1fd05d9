//! Any element: read as raw XML (what `xs:any` keeps), written back and read again; and read
//! as a few typed roots of different shapes. Never a panic.
#![no_main]

use ews_types::messages::{FindItemResponse, GetItem, GetItemResponse};
use ews_types::runtime::{AnyElement, ReadOptions, Reader, Writer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = Reader::new(data, ReadOptions::default());
    if let Ok(root) = r.root() {
        if let Ok(any) = AnyElement::read(&mut r, &root) {
            let mut w = Writer::new();
            any.write(&mut w);
            let replaced = w.replaced();
            let xml = w.into_string();
            let mut again = Reader::new(xml.as_bytes(), ReadOptions::default());
            let root = again.root().expect("what we write has a root");
            let back = AnyElement::read(&mut again, &root).expect("what we write reads back");
            assert_eq!(back.name, any.name);
            if replaced == 0 {
                assert_eq!(back, any, "read, written and read again: {xml}");
            }
        }
    }
    let _ = ews_types::from_slice::<GetItem>(data);
    let _ = ews_types::from_slice::<GetItemResponse>(data);
    let _ = ews_types::from_slice::<FindItemResponse>(data);
});
