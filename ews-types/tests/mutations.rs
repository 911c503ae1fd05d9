//! Mutations of the documentation samples: every sample envelope that is schema-valid and
//! round-trips as published (see `doc_samples.rs`) is changed in one place per kind of
//! change, and each changed envelope (a mutant) must either
//!
//! - read, and write back XML-equivalent to itself (and read back to the same value), or
//! - read to the same value as the sample and write back as the sample (spaces around a
//!   number, date or enumeration, which XML Schema collapses), or
//! - be refused with an error that says where (line:column and the element path).
//!
//! A mutant that is schema-valid (`ews-validate`) must read. The kinds of change: an element
//! duplicated, dropped, swapped with its next sibling, moved into the other EWS namespace,
//! given another prefix for the same namespace, nil (`xsi:nil="true"`, its content dropped),
//! a bad value in its text or an attribute; an unknown element or attribute added; a
//! comment, whitespace (between elements, or around a value) or a CDATA section added. Where the change is made is chosen from the
//! sample's id and the kind, so every run makes the same mutants.
//!
//! Run with `--nocapture` to see how many mutants of each kind were valid, read and refused.

// Reads Microsoft's documentation samples (written for Exchange 2013 and later) and expects
// what the shipped schema level (Exchange 2019, `V2018_01_08`) makes of them; a build for an
// older level leaves it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::trip::{trip, Failure, Options, Trip};
use common::{envelope_diff, manifest, sample, validate_all};
use common::{MESSAGES_NS, SOAP_NS, TYPES_NS, XSI_NS};
use ews_types::runtime::envelope::EnvelopeError;
use ews_types::runtime::ErrorKind;
use quick_xml::events::Event;
use quick_xml::Reader;

const HTTPS_SOAP_NS: &str = "https://schemas.xmlsoap.org/soap/envelope/";

// ---------------------------------------------------------------------------------------
// The elements of a document, by byte range.

/// One element of a document.
#[derive(Debug, Clone)]
struct Node {
    /// The qualified name as written (`t:Subject`).
    qname: String,
    /// `<` of the start tag.
    start: usize,
    /// Just after the start tag's `>`.
    start_end: usize,
    /// `<` of the end tag (`start_end` for `<x/>`).
    content_end: usize,
    /// Just after the end tag (`start_end` for `<x/>`).
    end: usize,
    /// Whether it is written `<x/>`.
    empty: bool,
    depth: usize,
    children: Vec<usize>,
    /// Whether it has text (character data or references) among its content.
    has_text: bool,
    /// Namespace declarations on its start tag (prefix, URI).
    declares: Vec<(String, String)>,
    parent: Option<usize>,
}

/// The elements of `xml`, in document order.
fn index(xml: &str) -> Vec<Node> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let before = position(&r);
        let ev = r.read_event().expect("the samples taken are well-formed");
        let after = position(&r);
        let (tag, empty) = match ev {
            Event::Start(t) => (t, false),
            Event::Empty(t) => (t, true),
            Event::End(_) => {
                if let Some(i) = open.pop() {
                    nodes[i].content_end = before;
                    nodes[i].end = after;
                }
                continue;
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                if let Some(&i) = open.last() {
                    nodes[i].has_text = true;
                }
                continue;
            }
            Event::Eof => return nodes,
            _ => continue,
        };
        let i = nodes.len();
        if let Some(&p) = open.last() {
            nodes[p].children.push(i);
        }
        nodes.push(Node {
            qname: String::from_utf8_lossy(tag.name().as_ref()).into_owned(),
            start: before,
            start_end: after,
            content_end: after,
            end: after,
            empty,
            depth: open.len(),
            children: Vec::new(),
            has_text: false,
            declares: common::declarations(&tag, r.decoder()),
            parent: open.last().copied(),
        });
        if !empty {
            open.push(i);
        }
    }
}

fn position(r: &Reader<&[u8]>) -> usize {
    usize::try_from(r.buffer_position()).expect("small")
}

/// The Body's first child element (by local names: the samples taken all have the SOAP
/// envelope namespace, checked when they are read).
fn body_child(nodes: &[Node]) -> Option<usize> {
    (0..nodes.len()).find(|&i| {
        nodes[i].depth == 2 && nodes[i].parent.is_some_and(|p| nodes[p].local() == "Body")
    })
}

/// The namespace URI `prefix` stands for at node `i`.
fn resolve(nodes: &[Node], mut i: usize, prefix: &str) -> Option<String> {
    loop {
        if let Some((_, uri)) = nodes[i].declares.iter().find(|(p, _)| p == prefix) {
            return Some(uri.clone());
        }
        i = nodes[i].parent?;
    }
}

impl Node {
    fn prefix(&self) -> &str {
        self.qname.split_once(':').map_or("", |(p, _)| p)
    }
    fn local(&self) -> &str {
        self.qname.split_once(':').map_or(&self.qname, |(_, l)| l)
    }
    /// Where the start tag's attributes end (before `>` or `/>`).
    fn attributes_end(&self) -> usize {
        self.start_end - if self.empty { 2 } else { 1 }
    }
    /// The range of its content (empty for `<x/>`).
    fn content(&self) -> (usize, usize) {
        (self.start_end, self.content_end)
    }
    /// A leaf: text only, no element children.
    fn is_leaf(&self) -> bool {
        self.children.is_empty() && !self.empty && self.has_text
    }
}

// ---------------------------------------------------------------------------------------
// The mutations.

/// The kinds of change.
const KINDS: &[&str] = &[
    "duplicate",
    "drop",
    "swap",
    "other-namespace",
    "other-prefix",
    "nil",
    "bad-text",
    "bad-attribute",
    "unknown-element",
    "unknown-attribute",
    "comment",
    "whitespace",
    "padding",
    "cdata",
];

/// A deterministic choice in `0..n` for `key`.
fn pick(key: &str, n: usize) -> usize {
    // FNV-1a.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    usize::try_from(h % n as u64).expect("small")
}

/// The mutant of `xml` of `kind`, with `key` choosing where; `None` when the sample has no
/// place for that kind of change.
fn mutate(xml: &str, nodes: &[Node], kind: &str, key: &str) -> Option<String> {
    // The Body's descendants below its child (depth 3 on); the Body child itself too for
    // changes that keep its name.
    let inner: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].depth >= 3).collect();
    let body: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].depth >= 2).collect();
    let choose = |from: &[usize]| (!from.is_empty()).then(|| from[pick(key, from.len())]);
    let splice = |at: usize, to: usize, with: &str| format!("{}{with}{}", &xml[..at], &xml[to..]);
    match kind {
        "duplicate" => {
            let n = &nodes[choose(&inner)?];
            Some(splice(n.end, n.end, &xml[n.start..n.end]))
        }
        "drop" => {
            let n = &nodes[choose(&inner)?];
            Some(splice(n.start, n.end, ""))
        }
        "swap" => swap(xml, nodes, &inner, key),
        "other-namespace" | "other-prefix" => rename(xml, nodes, choose(&body)?, kind),
        "nil" => {
            let n = &nodes[choose(&inner)?];
            let tag = &xml[n.start..n.attributes_end()];
            Some(splice(
                n.start,
                n.end,
                &format!(r#"{tag} xmlns:xsi="{XSI_NS}" xsi:nil="true"/>"#),
            ))
        }
        "bad-text" => {
            let leaves = leaves(nodes, &inner);
            let (from, to) = nodes[choose(&leaves)?].content();
            Some(splice(
                from,
                to,
                BAD_VALUES[pick(&format!("{key}/v"), BAD_VALUES.len())],
            ))
        }
        "bad-attribute" => bad_attribute(xml, nodes, &body, key),
        "unknown-element" => {
            let parents = parents(nodes, &body);
            let at = between_children(nodes, choose(&parents)?, key);
            let element = if pick(&format!("{key}/ns"), 2) == 0 {
                format!(r#"<FutureField xmlns="{TYPES_NS}">x</FutureField>"#)
            } else {
                r#"<f:Future xmlns:f="urn:example:future" f:Level="1"><f:Inner/></f:Future>"#
                    .to_owned()
            };
            Some(splice(at, at, &element))
        }
        "unknown-attribute" => {
            let n = &nodes[choose(&body)?];
            let attribute = if pick(&format!("{key}/ns"), 2) == 0 {
                r#" FutureAttribute="1""#
            } else {
                r#" xmlns:f="urn:example:future" f:Flag="on""#
            };
            Some(splice(n.attributes_end(), n.attributes_end(), attribute))
        }
        "comment" => {
            let at = text_or_child_position(xml, nodes, &body, key)?;
            Some(splice(at, at, "<!-- a comment -->"))
        }
        "whitespace" => {
            let parents = parents(nodes, &body);
            let at = between_children(nodes, choose(&parents)?, key);
            Some(splice(at, at, "\n \t \r\n  "))
        }
        "padding" => {
            let leaves = leaves(nodes, &inner);
            let (a, b) = nodes[choose(&leaves)?].content();
            Some(format!("{}  {}\n {}", &xml[..a], &xml[a..b], &xml[b..]))
        }
        "cdata" => {
            // Text without references or `]]>`, so that the CDATA section says the same.
            let leaves: Vec<usize> = leaves(nodes, &inner)
                .into_iter()
                .filter(|&i| {
                    let (a, b) = nodes[i].content();
                    !xml[a..b].contains(['&', '<', ']'])
                })
                .collect();
            let (a, b) = nodes[choose(&leaves)?].content();
            Some(splice(a, b, &format!("<![CDATA[{}]]>", &xml[a..b])))
        }
        other => panic!("unknown kind {other}"),
    }
}

/// The elements of `from` that hold text only.
fn leaves(nodes: &[Node], from: &[usize]) -> Vec<usize> {
    from.iter()
        .copied()
        .filter(|&i| nodes[i].is_leaf())
        .collect()
}

/// The elements of `from` that have element children.
fn parents(nodes: &[Node], from: &[usize]) -> Vec<usize> {
    from.iter()
        .copied()
        .filter(|&i| !nodes[i].children.is_empty())
        .collect()
}

/// Values no EWS simple type has in common with the one it replaces, or only some: a day
/// that does not exist, out-of-range numbers, words where numbers or enumerations go.
const BAD_VALUES: &[&str] = &[
    "2026-02-30T10:00:00Z",
    "13",
    "-99999999999999999999",
    "not-a-value",
    "P1Y-2M",
    "25:61:00",
    "",
    "true false",
];

/// Swaps an element with its next sibling of another name.
fn swap(xml: &str, nodes: &[Node], inner: &[usize], key: &str) -> Option<String> {
    let pairs: Vec<(usize, usize)> = inner
        .iter()
        .filter_map(|&i| {
            let siblings = &nodes[nodes[i].parent?].children;
            let k = siblings.iter().position(|&s| s == i)?;
            let j = *siblings.get(k + 1)?;
            (nodes[j].qname != nodes[i].qname).then_some((i, j))
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let (a, b) = pairs[pick(key, pairs.len())];
    let (a, b) = (&nodes[a], &nodes[b]);
    Some(format!(
        "{}{}{}{}{}",
        &xml[..a.start],
        &xml[b.start..b.end],
        &xml[a.end..b.start],
        &xml[a.start..a.end],
        &xml[b.end..]
    ))
}

/// Gives element `i` a new prefix `px`: bound to its own namespace (`other-prefix`, the
/// same element) or to the other EWS namespace (`other-namespace`, another element).
fn rename(xml: &str, nodes: &[Node], i: usize, kind: &str) -> Option<String> {
    let n = &nodes[i];
    let uri = resolve(nodes, i, n.prefix())?;
    let uri = match (kind, uri.as_str()) {
        ("other-prefix", _) => uri,
        (_, MESSAGES_NS) => TYPES_NS.to_owned(),
        (_, TYPES_NS) => MESSAGES_NS.to_owned(),
        _ => return None,
    };
    let new = format!("px:{}", n.local());
    let start_tag = format!(
        r#"<{new} xmlns:px="{uri}"{}"#,
        &xml[n.start + 1 + n.qname.len()..n.start_end]
    );
    let end_tag = if n.empty {
        String::new()
    } else {
        format!("</{new}>")
    };
    let (a, b) = n.content();
    Some(format!(
        "{}{start_tag}{}{end_tag}{}",
        &xml[..n.start],
        &xml[a..b],
        &xml[n.end..]
    ))
}

/// Replaces the value of one attribute (not a namespace declaration) with a bad one.
fn bad_attribute(xml: &str, nodes: &[Node], body: &[usize], key: &str) -> Option<String> {
    // (value start, value end) of every attribute value in the Body.
    let mut values = Vec::new();
    for &i in body {
        let n = &nodes[i];
        let tag = &xml[n.start..n.attributes_end()];
        let mut rest = 0;
        while let Some(eq) = tag[rest..].find("=\"").or_else(|| tag[rest..].find("='")) {
            let name_start = tag[..rest + eq]
                .rfind(char::is_whitespace)
                .map_or(0, |s| s + 1);
            let quote = &tag[rest + eq + 1..rest + eq + 2];
            let from = rest + eq + 2;
            let len = tag[from..].find(quote)?;
            if !tag[name_start..rest + eq].starts_with("xmlns") {
                values.push((n.start + from, n.start + from + len));
            }
            rest = from + len + 1;
        }
    }
    if values.is_empty() {
        return None;
    }
    let (a, b) = values[pick(key, values.len())];
    let bad = BAD_VALUES[pick(&format!("{key}/v"), BAD_VALUES.len())];
    Some(format!("{}{bad}{}", &xml[..a], &xml[b..]))
}

/// A place before one of the children of `parent`, or after the last one.
fn between_children(nodes: &[Node], parent: usize, key: &str) -> usize {
    let children = &nodes[parent].children;
    let k = pick(&format!("{key}/at"), children.len() + 1);
    match children.get(k) {
        Some(&c) => nodes[c].start,
        None => nodes[children[children.len() - 1]].end,
    }
}

/// Inside a leaf's text (at a character boundary), or between elements.
fn text_or_child_position(xml: &str, nodes: &[Node], body: &[usize], key: &str) -> Option<usize> {
    let leaves = leaves(nodes, body);
    if !leaves.is_empty() && pick(&format!("{key}/in-text"), 2) == 0 {
        let (a, b) = nodes[leaves[pick(key, leaves.len())]].content();
        // Not inside a reference: before the first `&`, if any.
        let b = xml[a..b].find('&').map_or(b, |i| a + i);
        let mut at = a + (b - a) / 2;
        while !xml.is_char_boundary(at) {
            at -= 1;
        }
        return Some(at);
    }
    let parents = parents(nodes, body);
    (!parents.is_empty()).then(|| between_children(nodes, parents[pick(key, parents.len())], key))
}

// ---------------------------------------------------------------------------------------
// The test.

/// A sample taken: it is schema-valid and round-trips as published.
struct Taken {
    id: String,
    xml: String,
    /// The Body child's local name (the operation's request or response element).
    element: String,
}

/// The samples that read and round-trip XML-equivalent as published (schema validity is
/// checked with the mutants, in the same validator runs).
fn round_tripping_samples() -> Vec<Taken> {
    let mut taken = Vec::new();
    for row in manifest() {
        if !row.well_formed || !matches!(row.kind.as_str(), "request" | "response") {
            continue;
        }
        let xml = sample(&row.file).replace(HTTPS_SOAP_NS, SOAP_NS);
        let nodes = index(&xml);
        let Some(element) = body_child(&nodes).map(|i| nodes[i].local().to_owned()) else {
            continue;
        };
        let Some(t) = trip(&xml, &element, Options::default()) else {
            continue;
        };
        if matches!(&t.outcome, Ok(w) if envelope_diff(w, &xml).is_none()) {
            taken.push(Taken {
                id: row.id.clone(),
                xml,
                element,
            });
        }
    }
    taken
}

/// What became of one mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    /// Read, written back XML-equivalent, read back to the same value.
    RoundTrips,
    /// Read to the same value as the sample, and written back as the sample (see
    /// [`same_value`]).
    Collapsed,
    /// Refused with where.
    Refused,
    /// Called valid by the validator, refused by the schema's rule (see [`libxml2_lax`]).
    RefusedValidatorLax,
}

/// Where xmllint (libxml2) accepts what XML Schema refuses, so that its "valid" is not the
/// schema's: a `base64Binary` value with characters outside the base64 alphabet (`-`,
/// `@`, `é`) is valid to it as long as the alphabet's characters in it count a multiple of
/// four (it skips the others). XML Schema's lexical space of `base64Binary` allows only the
/// alphabet, `=` padding and spaces, and the reader refuses the rest (one rule for every
/// built-in type, see `runtime::value`).
fn libxml2_lax(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::InvalidValue {
            expected: "base64Binary",
            ..
        }
    )
}

/// Whether `mutant` reads to the same value as `original`: the change was not data (spaces
/// around the value of a type whose whitespace facet is `collapse`, such as a number, a
/// date or an enumeration, which are written back without them).
fn same_value(mutant: &str, original: &str, element: &str) -> bool {
    let options = Options {
        debug: true,
        ..Options::default()
    };
    let value = |xml: &str| trip(xml, element, options).and_then(|t| t.debug);
    value(mutant).is_some_and(|m| Some(m) == value(original))
}

/// The fate of `mutant` (whose validity is `valid`), or what is wrong.
fn judge(mutant: &str, original: &str, element: &str, valid: bool) -> Result<Fate, String> {
    let t: Option<Trip> = catch_unwind(AssertUnwindSafe(|| {
        trip(mutant, element, Options::default())
    }))
    .map_err(|_| "panicked".to_owned())?;
    let Some(t) = t else {
        return Err("no operation".into());
    };
    match t.outcome {
        Ok(written) => match envelope_diff(&written, mutant) {
            None => Ok(Fate::RoundTrips),
            Some(_) if same_value(mutant, original, element) => Ok(Fate::Collapsed),
            Some(d) => Err(format!("read, but written back differently:\n{d}")),
        },
        Err(Failure::Read(EnvelopeError::Read(e))) if valid && libxml2_lax(e.kind()) => {
            Ok(Fate::RefusedValidatorLax)
        }
        Err(Failure::Read(_)) if valid => Err(format!(
            "schema-valid, but refused: {}",
            failure_text(&t.outcome)
        )),
        Err(Failure::Read(EnvelopeError::Read(e))) => {
            if e.line() >= 1 && e.column() >= 1 && !e.path().is_empty() {
                Ok(Fate::Refused)
            } else {
                Err(format!("refused without saying where: {e}"))
            }
        }
        Err(other) => Err(other.to_string()),
    }
}

fn failure_text(outcome: &Result<String, Failure>) -> String {
    match outcome {
        Ok(_) => "ok".into(),
        Err(e) => e.to_string(),
    }
}

fn mutants_dir() -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mutations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn mutated_samples_round_trip_or_are_refused_with_where() {
    let taken = round_tripping_samples();
    let dir = mutants_dir();
    // (id, kind, sample index, mutant); `<id>.orig` is the sample itself.
    let mut mutants: Vec<(String, &str, usize, String)> = Vec::new();
    for (s, t) in taken.iter().enumerate() {
        mutants.push((format!("{}.orig", t.id), "orig", s, t.xml.clone()));
        let nodes = index(&t.xml);
        for kind in KINDS {
            if let Some(m) = mutate(&t.xml, &nodes, kind, &format!("{}/{kind}", t.id)) {
                mutants.push((format!("{}.{kind}", t.id), kind, s, m));
            }
        }
    }
    for (id, _, _, m) in &mutants {
        std::fs::write(dir.join(format!("{id}.xml")), m).unwrap();
    }
    let ids: Vec<&str> = mutants.iter().map(|(id, ..)| id.as_str()).collect();
    let invalid = validate_all(&dir, &ids, false);

    let mut tally: BTreeMap<(&str, bool, Fate), usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut originals = 0;
    for (id, kind, s, m) in &mutants {
        let valid = !invalid.contains_key(id);
        if *kind == "orig" {
            // Only samples that are schema-valid as published are mutated.
            originals += usize::from(valid);
            continue;
        }
        if invalid.contains_key(&format!("{}.orig", taken[*s].id)) {
            continue;
        }
        match judge(m, &taken[*s].xml, &taken[*s].element, valid) {
            Ok(fate) => *tally.entry((kind, valid, fate)).or_default() += 1,
            Err(why) => failures.push(format!("{id}: {why}\n--- mutant ---\n{m}")),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    println!("mutations of {originals} schema-valid samples:");
    println!(
        "  {:<18} {:>6} {:>8} {:>8} {:>10} {:>8} {:>12}",
        "kind", "valid", "invalid", "read", "collapsed", "refused", "libxml2-lax"
    );
    for kind in KINDS {
        let n = |valid: Option<bool>, fate: Option<Fate>| -> usize {
            tally
                .iter()
                .filter(|((k, v, f), _)| {
                    k == kind && valid.is_none_or(|x| x == *v) && fate.is_none_or(|x| x == *f)
                })
                .map(|(_, c)| c)
                .sum()
        };
        println!(
            "  {kind:<18} {:>6} {:>8} {:>8} {:>10} {:>8} {:>12}",
            n(Some(true), None),
            n(Some(false), None),
            n(None, Some(Fate::RoundTrips)),
            n(None, Some(Fate::Collapsed)),
            n(None, Some(Fate::Refused)),
            n(None, Some(Fate::RefusedValidatorLax)),
        );
        assert!(
            n(None, None) >= originals / 4,
            "kind {kind}: only {} mutants",
            n(None, None)
        );
    }
    assert!(originals > 300, "only {originals} samples were mutated");
    assert!(
        failures.is_empty(),
        "{} of the mutants broke the rule:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
