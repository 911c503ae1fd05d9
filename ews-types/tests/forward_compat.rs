//! Forward compatibility: what a newer Exchange (or a client that misplaces something) adds
//! is kept, never lost. Every documentation sample envelope that reads and round-trips as
//! published (`doc_samples.rs` checks that they all do, or lists why not) is changed the way
//! a newer server would change it: each element of the EWS namespaces that has element
//! children gets an unknown child element (with attributes, text and a child of its own) in
//! the messages or types namespace, and each element with element children or attributes
//! gets unknown attributes (one unqualified, one in the types namespace); `soap:Envelope`,
//! `soap:Header` and `soap:Body` get an attribute in another namespace. The changed
//! envelope must read (default mode), write back XML-equivalent to itself (unknown children
//! stay last, as they were added) and read back to the same value; in strict mode it must
//! be refused with an unknown element or attribute error.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{envelope_diff, manifest, parse_tree, sample, write_tree, XElem, XNode};
use common::{MESSAGES_NS, SOAP_NS, TYPES_NS};
use ews_types::operations;
use ews_types::runtime::envelope::{
    read_request, read_request_with, read_response, read_response_with, write_request,
    write_response, EnvelopeError, Operation, OperationVisitor,
};
use ews_types::runtime::{Element, ErrorKind, ReadOptions};

const HTTPS_SOAP_NS: &str = "https://schemas.xmlsoap.org/soap/envelope/";

/// The outcome of one sample.
#[derive(Debug)]
enum Outcome {
    /// Does not read or round-trip as published (see `doc_samples.rs`): not changed.
    Baseline,
    /// The changed envelope kept everything: how many elements and attributes were added.
    Kept { elements: usize, attributes: usize },
    /// Something was lost or refused.
    Failed(String),
}

/// Adds the unknown content to `e` and its descendants in the EWS namespaces; counts it.
fn add_unknown(e: &mut XElem, counts: &mut (usize, usize)) {
    let ews = matches!(e.ns.as_deref(), Some(MESSAGES_NS | TYPES_NS));
    let has_elements = e.children.iter().any(|c| matches!(c, XNode::Elem(_)));
    for c in &mut e.children {
        if let XNode::Elem(child) = c {
            add_unknown(child, counts);
        }
    }
    if !ews {
        return;
    }
    if has_elements || !e.attrs.is_empty() {
        e.attrs
            .insert("FutureAttribute".into(), "future & <value>".into());
        e.attrs
            .insert(format!("{{{TYPES_NS}}}FutureFlag"), "on".into());
        counts.1 += 2;
    }
    if has_elements {
        let ns = e.ns.clone();
        let mut inner = XElem {
            ns: Some("urn:example:future".into()),
            local: "Inner".into(),
            attrs: Default::default(),
            children: vec![XNode::Text("x".into())],
        };
        inner.attrs.insert("Level".into(), "2".into());
        let mut future = XElem {
            ns,
            local: "FutureElement".into(),
            attrs: Default::default(),
            children: vec![XNode::Elem(inner)],
        };
        future.attrs.insert("Version".into(), "16".into());
        e.children.push(XNode::Elem(future));
        counts.0 += 1;
    }
}

/// An attribute in another namespace on `soap:Envelope`, `soap:Header` and `soap:Body`
/// (SOAP 1.1 allows any there).
fn add_soap_attributes(envelope: &mut XElem, counts: &mut (usize, usize)) {
    let mark = |e: &mut XElem, counts: &mut (usize, usize)| {
        e.attrs.insert("{urn:example:trace}id".into(), "42".into());
        counts.1 += 1;
    };
    mark(envelope, counts);
    for c in &mut envelope.children {
        if let XNode::Elem(e) = c {
            if e.ns.as_deref() == Some(SOAP_NS) {
                mark(e, counts);
            }
        }
    }
}

/// What [`add_unknown`] adds to the Body's child.
fn body_additions(tree: &XElem) -> (usize, usize) {
    let mut counts = (0, 0);
    if let Some(body) = body_child(tree) {
        add_unknown(&mut body.clone(), &mut counts);
    }
    counts
}

/// The Body's first child element of an envelope tree, if in the messages namespace.
fn body_child(envelope: &XElem) -> Option<&XElem> {
    if (envelope.ns.as_deref(), envelope.local.as_str()) != (Some(SOAP_NS), "Envelope") {
        return None;
    }
    let body = envelope.children.iter().find_map(|c| match c {
        XNode::Elem(b) if b.ns.as_deref() == Some(SOAP_NS) && b.local == "Body" => Some(b),
        _ => None,
    })?;
    body.children.iter().find_map(|c| match c {
        XNode::Elem(e) if e.ns.as_deref() == Some(MESSAGES_NS) => Some(e),
        _ => None,
    })
}

/// Round trip of one envelope by operation `O`: `Ok` with the written envelope, or why not.
trait Direction {
    fn round_trip<O: Operation>(xml: &str) -> Result<String, String>;
    fn strict<O: Operation>(xml: &str) -> Result<(), EnvelopeError>;
}

struct Request;
struct Response;

impl Direction for Request {
    fn round_trip<O: Operation>(xml: &str) -> Result<String, String> {
        let (h, b) = read_request::<O>(xml.as_bytes()).map_err(|e| format!("read: {e}"))?;
        let written = write_request::<O>(&h, &b).map_err(|e| format!("write: {e}"))?;
        let again = read_request::<O>(written.as_bytes()).map_err(|e| format!("read back: {e}"))?;
        if again != (h, b) {
            return Err("reads back to a different value".into());
        }
        Ok(written)
    }
    fn strict<O: Operation>(xml: &str) -> Result<(), EnvelopeError> {
        read_request_with::<O>(xml.as_bytes(), ReadOptions::default().strict()).map(|_| ())
    }
}

impl Direction for Response {
    fn round_trip<O: Operation>(xml: &str) -> Result<String, String> {
        let (h, b) = read_response::<O>(xml.as_bytes()).map_err(|e| format!("read: {e}"))?;
        let written = write_response::<O>(&h, &b).unwrap();
        let again =
            read_response::<O>(written.as_bytes()).map_err(|e| format!("read back: {e}"))?;
        if again != (h, b) {
            return Err("reads back to a different value".into());
        }
        Ok(written)
    }
    fn strict<O: Operation>(xml: &str) -> Result<(), EnvelopeError> {
        read_response_with::<O>(xml.as_bytes(), ReadOptions::default().strict()).map(|_| ())
    }
}

fn check<O: Operation, D: Direction>(original: &str, tree: &XElem) -> Outcome {
    match D::round_trip::<O>(original) {
        Err(_) => return Outcome::Baseline,
        Ok(written) => {
            if envelope_diff(&written, original).is_some() {
                return Outcome::Baseline;
            }
        }
    }
    let mut changed = tree.clone();
    let mut counts = (0, 0);
    add_unknown(&mut changed, &mut counts);
    add_soap_attributes(&mut changed, &mut counts);
    let changed = write_tree(&changed);
    let written = match D::round_trip::<O>(&changed) {
        Ok(w) => w,
        Err(e) => return Outcome::Failed(format!("{e}\n{changed}")),
    };
    if let Some(d) = envelope_diff(&written, &changed) {
        return Outcome::Failed(format!("unknown content lost:\n{d}\n{changed}"));
    }
    match D::strict::<O>(&changed) {
        Err(EnvelopeError::Read(e))
            if matches!(
                e.kind(),
                ErrorKind::UnknownAttribute(_) | ErrorKind::UnknownElement(_)
            ) => {}
        // Nothing was added to the Body (e.g. `<m:GetRoomLists/>`, empty; headers the
        // operation does not declare are kept raw, see `RequestHeaders::other`).
        Ok(()) if body_additions(tree) == (0, 0) => {}
        other => return Outcome::Failed(format!("strict mode did not refuse: {other:?}")),
    }
    Outcome::Kept {
        elements: counts.0,
        attributes: counts.1,
    }
}

struct Runner<'s> {
    element: &'s str,
    xml: &'s str,
    tree: &'s XElem,
    out: Option<Outcome>,
}

impl OperationVisitor for Runner<'_> {
    fn visit<O: Operation>(&mut self) {
        if self.out.is_some() {
            return;
        }
        if <O::Request as Element>::NAME == self.element {
            self.out = Some(check::<O, Request>(self.xml, self.tree));
        } else if <O::Response as Element>::NAME == self.element {
            self.out = Some(check::<O, Response>(self.xml, self.tree));
        }
    }
}

#[test]
fn unknown_content_from_newer_servers_is_kept() {
    let (mut kept, mut baseline, mut elements, mut attributes) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for row in manifest() {
        if !row.well_formed || !matches!(row.kind.as_str(), "request" | "response") {
            continue;
        }
        let xml = sample(&row.file).replace(HTTPS_SOAP_NS, SOAP_NS);
        let Ok(tree) = parse_tree(&xml) else { continue };
        let Some(element) = body_child(&tree).map(|e| e.local.clone()) else {
            continue;
        };
        let mut runner = Runner {
            element: &element,
            xml: &xml,
            tree: &tree,
            out: None,
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            operations::visit_all(&mut runner);
            runner.out
        }));
        match outcome {
            Ok(Some(Outcome::Kept {
                elements: e,
                attributes: a,
            })) => {
                kept += 1;
                elements += e;
                attributes += a;
            }
            Ok(Some(Outcome::Baseline)) | Ok(None) => baseline += 1,
            Ok(Some(Outcome::Failed(why))) => failures.push(format!("{}: {why}", row.id)),
            Err(_) => failures.push(format!("{}: panicked", row.id)),
        }
    }
    println!(
        "forward compatibility: {kept} envelopes kept {elements} unknown elements and \
         {attributes} unknown attributes; {baseline} not taken (they do not read or \
         round-trip as published, see doc_samples.rs)"
    );
    assert!(
        failures.is_empty(),
        "{} samples lost or refused unknown content:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(kept > 300, "only {kept} envelopes were checked");
}
