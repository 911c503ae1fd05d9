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

// Reads Microsoft's documentation samples (written for Exchange 2013 and later) and expects
// what the shipped schema level (Exchange 2019, `V2018_01_08`) makes of them; a build for an
// older level leaves it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::trip::{trip, Failure, Options};
use common::{envelope_diff, manifest, parse_tree, sample, write_tree, XElem, XNode};
use common::{MESSAGES_NS, SOAP_NS, TYPES_NS};
use ews_types::runtime::envelope::EnvelopeError;
use ews_types::runtime::{ErrorKind, ReadOptions};

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

/// The round trip of `xml` (default reading options): `Ok` with the written envelope, or
/// why not.
fn round_trip(xml: &str, element: &str) -> Option<Result<String, String>> {
    let t = trip(xml, element, Options::default())?;
    Some(t.outcome.map_err(|e| e.to_string()))
}

/// Whether strict reading refuses `xml`, and with what.
fn strict(xml: &str, element: &str) -> Result<(), EnvelopeError> {
    let options = Options {
        read: ReadOptions::default().strict(),
        ..Options::default()
    };
    match trip(xml, element, options).map(|t| t.outcome) {
        Some(Err(Failure::Read(e))) => Err(e),
        _ => Ok(()),
    }
}

fn check(original: &str, element: &str, tree: &XElem) -> Option<Outcome> {
    match round_trip(original, element)? {
        Err(_) => return Some(Outcome::Baseline),
        Ok(written) => {
            if envelope_diff(&written, original).is_some() {
                return Some(Outcome::Baseline);
            }
        }
    }
    let mut changed = tree.clone();
    let mut counts = (0, 0);
    add_unknown(&mut changed, &mut counts);
    add_soap_attributes(&mut changed, &mut counts);
    let changed = write_tree(&changed);
    let written = match round_trip(&changed, element)? {
        Ok(w) => w,
        Err(e) => return Some(Outcome::Failed(format!("{e}\n{changed}"))),
    };
    if let Some(d) = envelope_diff(&written, &changed) {
        return Some(Outcome::Failed(format!(
            "unknown content lost:\n{d}\n{changed}"
        )));
    }
    match strict(&changed, element) {
        Err(EnvelopeError::Read(e))
            if matches!(
                e.kind(),
                ErrorKind::UnknownAttribute(_) | ErrorKind::UnknownElement(_)
            ) => {}
        // Nothing was added to the Body (e.g. `<m:GetRoomLists/>`, empty; headers the
        // operation does not declare are kept raw, see `RequestHeaders::other`).
        Ok(()) if body_additions(tree) == (0, 0) => {}
        other => {
            return Some(Outcome::Failed(format!(
                "strict mode did not refuse: {other:?}"
            )))
        }
    }
    Some(Outcome::Kept {
        elements: counts.0,
        attributes: counts.1,
    })
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
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&xml, &element, &tree)));
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
