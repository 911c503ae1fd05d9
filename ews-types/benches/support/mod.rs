//! What the Criterion benches (`benches/ews.rs`) and the one-command table
//! (`examples/bench.rs`) share: the workloads, the two quick-xml floors, the typed reads and the
//! hand-written quick-xml writers, so both measure exactly the same code on the same bytes.
//!
//! Included with `mod support;` by the bench and with
//! `#[path = "../benches/support/mod.rs"] mod support;` by the example.

use std::path::{Path, PathBuf};
use std::process::Command;

use ews_types::messages::{FindItem, FindItemType, FindItemView, GetItem, GetItemType};
use ews_types::operations;
use ews_types::runtime::envelope::{read_request, read_response, RequestHeaders};
use ews_types::types::{BaseFolderId, BaseItemIdChoice, Path as PathChoice};
use quick_xml_bench::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml_bench::XmlVersion;

/// The response files of `gen_workload.py`, in the table's order.
pub const RESPONSES: [&str; 8] = [
    "finditem_10k",
    "finditem_1m",
    "finditem_10m",
    "getitem_10k",
    "getitem_1m",
    "getitem_10m",
    "removeimcontactfromgroup",
    "deleteitem_small",
];

/// The GetItem request files (1 and 1000 ItemIds).
pub const GETITEM_REQUESTS: [&str; 2] = ["req_getitem_1", "req_getitem_1000"];

/// Where the workloads are written: `target/bench-data/`.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data")
}

/// Runs `../shared/bench/gen_workload.py` into `dir` when its files are missing.
pub fn ensure_workloads(dir: &Path) {
    if dir.join("getitem_10m.xml").is_file() && dir.join("req_getitem_1000.xml").is_file() {
        return;
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench/gen_workload.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .status()
        .expect("run python3");
    assert!(status.success(), "{} failed", script.display());
}

/// The data directory, created and filled with the workloads when missing.
pub fn workloads() -> PathBuf {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    ensure_workloads(&dir);
    dir
}

/// The bytes of workload `name` (without `.xml`).
pub fn load(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(format!("{name}.xml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Raw quick-xml events: the ratio-1 floor (quick-xml 0.42, as in the peers' table).
pub fn raw_reader(data: &[u8]) -> usize {
    let mut r = quick_xml_bench::Reader::from_reader(data);
    let mut n = 0;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => return n,
            Ok(_) => n += 1,
            Err(e) => panic!("{e}"),
        }
    }
}

/// NsReader with every attribute value and text node decoded: what any typed reader must do.
pub fn decode_floor(data: &[u8]) -> usize {
    let mut r = quick_xml_bench::NsReader::from_reader(data);
    let mut n = 0;
    loop {
        match r.read_resolved_event() {
            Ok((_, Event::Eof)) => return n,
            Ok((_, Event::Start(e) | Event::Empty(e))) => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    n += a.normalized_value(XmlVersion::Implicit1_0).unwrap().len();
                }
            }
            Ok((_, Event::Text(t))) => n += t.xml10_content().len(),
            Ok((_, Event::GeneralRef(g))) => n += g.len(),
            Ok(_) => n += 1,
            Err(e) => panic!("{e}"),
        }
    }
}

/// Reads response file `name` into the typed values of its operation.
pub fn read_ours(name: &str, data: &[u8]) -> usize {
    if name.starts_with("finditem") {
        let (_, b) = read_response::<operations::FindItem>(data).unwrap();
        b.0.response_messages.items.len()
    } else if name.starts_with("getitem") {
        let (_, b) = read_response::<operations::GetItem>(data).unwrap();
        b.0.response_messages.items.len()
    } else if name.starts_with("removeim") {
        let (_, b) = read_response::<operations::RemoveImContactFromGroup>(data).unwrap();
        usize::from(b.0.base.response_code.is_some())
    } else {
        let (_, b) = read_response::<operations::DeleteItem>(data).unwrap();
        b.0.response_messages.items.len()
    }
}

/// The `Version` of the request's `t:RequestServerVersion` header.
fn server_version(headers: &RequestHeaders) -> String {
    headers
        .request_server_version
        .as_ref()
        .unwrap()
        .version
        .as_str()
        .to_owned()
}

/// A GetItem request file read back: its headers, its body and its server version.
pub fn getitem_request(data: &[u8]) -> (RequestHeaders, GetItem, String) {
    let (headers, body) = read_request::<operations::GetItem>(data).unwrap();
    let version = server_version(&headers);
    (headers, body, version)
}

/// `req_finditem` read back: its headers, its body and its server version.
// Like `write_finditem_by_hand`, only the Criterion bench uses it.
#[allow(dead_code)]
pub fn finditem_request(data: &[u8]) -> (RequestHeaders, FindItem, String) {
    let (headers, body) = read_request::<operations::FindItem>(data).unwrap();
    let version = server_version(&headers);
    (headers, body, version)
}

/// A quick-xml `Writer` with the XML declaration, `soap:Envelope` and the `soap:Header` of
/// ews-types' request envelopes written, and `soap:Body` opened.
fn open_envelope(version: &str, capacity: usize) -> quick_xml_bench::Writer<Vec<u8>> {
    let mut w = quick_xml_bench::Writer::new(Vec::with_capacity(capacity));
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .unwrap();
    let mut env = BytesStart::new("soap:Envelope");
    env.push_attribute((
        "xmlns:m",
        "http://schemas.microsoft.com/exchange/services/2006/messages",
    ));
    env.push_attribute((
        "xmlns:t",
        "http://schemas.microsoft.com/exchange/services/2006/types",
    ));
    env.push_attribute(("xmlns:soap", "http://schemas.xmlsoap.org/soap/envelope/"));
    w.write_event(Event::Start(env)).unwrap();
    w.write_event(Event::Start(BytesStart::new("soap:Header")))
        .unwrap();
    let mut v = BytesStart::new("t:RequestServerVersion");
    v.push_attribute(("Version", version));
    w.write_event(Event::Empty(v)).unwrap();
    w.write_event(Event::End(BytesEnd::new("soap:Header")))
        .unwrap();
    w.write_event(Event::Start(BytesStart::new("soap:Body")))
        .unwrap();
    w
}

/// Closes `soap:Body` and `soap:Envelope` and returns the document.
fn close_envelope(mut w: quick_xml_bench::Writer<Vec<u8>>) -> Vec<u8> {
    w.write_event(Event::End(BytesEnd::new("soap:Body")))
        .unwrap();
    w.write_event(Event::End(BytesEnd::new("soap:Envelope")))
        .unwrap();
    w.into_inner()
}

/// `<name>text</name>`.
fn text_element(w: &mut quick_xml_bench::Writer<Vec<u8>>, name: &str, text: &str) {
    w.write_event(Event::Start(BytesStart::new(name))).unwrap();
    w.write_event(Event::Text(BytesText::new(text))).unwrap();
    w.write_event(Event::End(BytesEnd::new(name))).unwrap();
}

/// `<name Id="…" ChangeKey="…"/>` (ChangeKey when given).
fn id_element(
    w: &mut quick_xml_bench::Writer<Vec<u8>>,
    name: &str,
    id: &str,
    change_key: Option<&str>,
) {
    let mut e = BytesStart::new(name);
    e.push_attribute(("Id", id));
    if let Some(ck) = change_key {
        e.push_attribute(("ChangeKey", ck));
    }
    w.write_event(Event::Empty(e)).unwrap();
}

/// `m:ItemShape` with its BaseShape, IncludeMimeContent and AdditionalProperties/FieldURI
/// (the parts the request workloads use).
fn item_shape(
    w: &mut quick_xml_bench::Writer<Vec<u8>>,
    shape: &ews_types::types::ItemResponseShapeType,
) {
    w.write_event(Event::Start(BytesStart::new("m:ItemShape")))
        .unwrap();
    text_element(w, "t:BaseShape", shape.base_shape.as_str());
    if let Some(b) = shape.include_mime_content {
        text_element(w, "t:IncludeMimeContent", if b { "true" } else { "false" });
    }
    if let Some(props) = &shape.additional_properties {
        w.write_event(Event::Start(BytesStart::new("t:AdditionalProperties")))
            .unwrap();
        for p in &props.path {
            if let PathChoice::FieldUri(f) = p {
                let mut e = BytesStart::new("t:FieldURI");
                e.push_attribute(("FieldURI", f.field_uri.as_str()));
                w.write_event(Event::Empty(e)).unwrap();
            }
        }
        w.write_event(Event::End(BytesEnd::new("t:AdditionalProperties")))
            .unwrap();
    }
    w.write_event(Event::End(BytesEnd::new("m:ItemShape")))
        .unwrap();
}

/// The same GetItem request envelope written by hand with quick-xml's `Writer`.
pub fn write_by_hand(version: &str, req: &GetItemType) -> Vec<u8> {
    let mut w = open_envelope(version, 256 * 1024);
    w.write_event(Event::Start(BytesStart::new("m:GetItem")))
        .unwrap();
    item_shape(&mut w, &req.item_shape);
    w.write_event(Event::Start(BytesStart::new("m:ItemIds")))
        .unwrap();
    for id in &req.item_ids.items {
        if let BaseItemIdChoice::ItemId(id) = id {
            id_element(&mut w, "t:ItemId", &id.id, id.change_key.as_deref());
        }
    }
    w.write_event(Event::End(BytesEnd::new("m:ItemIds")))
        .unwrap();
    w.write_event(Event::End(BytesEnd::new("m:GetItem")))
        .unwrap();
    close_envelope(w)
}

/// The same FindItem request envelope (`req_finditem`: IdOnly + FieldURIs, an
/// IndexedPageItemView, DistinguishedFolderIds) written by hand with quick-xml's `Writer`.
// The table (examples/bench.rs) has no FindItem request row; only the Criterion bench uses it.
#[allow(dead_code)]
pub fn write_finditem_by_hand(version: &str, req: &FindItemType) -> Vec<u8> {
    let mut w = open_envelope(version, 4 * 1024);
    let mut find = BytesStart::new("m:FindItem");
    find.push_attribute(("Traversal", req.traversal.as_str()));
    w.write_event(Event::Start(find)).unwrap();
    item_shape(&mut w, &req.item_shape);
    if let Some(FindItemView::IndexedPageItemView(v)) = &req.view {
        let mut e = BytesStart::new("m:IndexedPageItemView");
        if let Some(max) = v.base.max_entries_returned {
            e.push_attribute(("MaxEntriesReturned", max.to_string().as_str()));
        }
        e.push_attribute(("Offset", v.offset.to_string().as_str()));
        e.push_attribute(("BasePoint", v.base_point.as_str()));
        w.write_event(Event::Empty(e)).unwrap();
    }
    w.write_event(Event::Start(BytesStart::new("m:ParentFolderIds")))
        .unwrap();
    for id in &req.parent_folder_ids.folder_id {
        if let BaseFolderId::DistinguishedFolderId(id) = id {
            let ck = id.change_key.as_deref();
            id_element(&mut w, "t:DistinguishedFolderId", id.id.as_str(), ck);
        }
    }
    w.write_event(Event::End(BytesEnd::new("m:ParentFolderIds")))
        .unwrap();
    w.write_event(Event::End(BytesEnd::new("m:FindItem")))
        .unwrap();
    close_envelope(w)
}
