//! Helpers shared by the XML integration tests:
//!
//! - [`xml_diff`] / [`assert_xml_eq`]: namespace-aware XML equivalence (prefixes, namespace
//!   declarations, attribute order and whitespace between elements do not matter).
//! - [`validate`]: validates XML with `../shared/tools/ews-validate` (xmllint against the
//!   EWS schemas). A missing tool or xmllint makes the test fail, never skip.
//! - [`sample`], [`body_child_xml`], [`read_body_child`]: the first child of a SOAP
//!   envelope's Body, as its own document or read as a typed element.

#![allow(dead_code)]

pub mod trip;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use ews_types::runtime::{Element, Ns, ReadError, ReadOptions, Reader, XmlElement};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

pub const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
pub const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
pub const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// `xmlns:m` and `xmlns:t` declarations, to paste into hand-written test documents.
pub const MT: &str = concat!(
    r#"xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" "#,
    r#"xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types""#
);

// ---------------------------------------------------------------------------------------
// (a) Namespace-aware XML equivalence.

/// An element of the comparison tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XElem {
    /// Namespace URI (`None`: no namespace).
    pub ns: Option<String>,
    pub local: String,
    /// Attributes by `{uri}local` (or `local` when unqualified); `xmlns` declarations
    /// left out; `xsi:type` values resolved to `{uri}local`.
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<XNode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XNode {
    Elem(XElem),
    Text(String),
}

fn short_ns(ns: Option<&str>) -> String {
    match ns {
        None => String::new(),
        Some(TYPES_NS) => "t:".into(),
        Some(MESSAGES_NS) => "m:".into(),
        Some(SOAP_NS) => "soap:".into(),
        Some(XSI_NS) => "xsi:".into(),
        Some(other) => format!("{{{other}}}"),
    }
}

impl XElem {
    fn name(&self) -> String {
        format!("{}{}", short_ns(self.ns.as_deref()), self.local)
    }
}

fn resolved_uri(res: ResolveResult<'_>, what: &str) -> Result<Option<String>, String> {
    match res {
        ResolveResult::Bound(ns) => Ok(Some(String::from_utf8_lossy(ns.as_ref()).into_owned())),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(p) => Err(format!(
            "undeclared prefix {:?} in {what}",
            String::from_utf8_lossy(&p)
        )),
    }
}

fn make_elem(r: &NsReader<&[u8]>, e: &BytesStart<'_>) -> Result<XElem, String> {
    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let (res, _) = r.resolve_element(e.name());
    let ns = resolved_uri(res, &local)?;
    let mut attrs = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_namespace_binding().is_some() {
            continue;
        }
        let (res, alocal) = r.resolve_attribute(a.key);
        let auri = resolved_uri(res, "attribute")?;
        let alocal = String::from_utf8_lossy(alocal.as_ref()).into_owned();
        let mut value = a
            .decode_and_unescape_value(r.decoder())
            .map_err(|e| e.to_string())?
            .into_owned();
        if auri.as_deref() == Some(XSI_NS) && alocal == "type" {
            // A QName value: compare the namespace it resolves to, not the prefix.
            let v = value.trim().to_owned();
            let (tres, tlocal) = r.resolve_element(QName(v.as_bytes()));
            let turi = resolved_uri(tres, "xsi:type")?;
            let tlocal = String::from_utf8_lossy(tlocal.as_ref()).into_owned();
            value = match turi {
                Some(u) => format!("{{{u}}}{tlocal}"),
                None => tlocal,
            };
        }
        let key = match auri {
            Some(u) => format!("{{{u}}}{alocal}"),
            None => alocal,
        };
        attrs.insert(key, value);
    }
    Ok(XElem {
        ns,
        local,
        attrs,
        children: Vec::new(),
    })
}

fn push_text(stack: &mut [XElem], s: &str) {
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(XNode::Text(prev)) => prev.push_str(s),
            _ => top.children.push(XNode::Text(s.to_owned())),
        }
    }
}

/// Drops empty text, and whitespace-only text when the element has element children.
fn finish(mut el: XElem) -> XElem {
    let has_elements = el.children.iter().any(|c| matches!(c, XNode::Elem(_)));
    el.children.retain(|c| match c {
        XNode::Text(t) => {
            let between_elements = has_elements && t.trim().is_empty();
            !t.is_empty() && !between_elements
        }
        XNode::Elem(_) => true,
    });
    el
}

fn entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    })
}

/// Parses `xml` into a comparison tree.
pub fn parse_tree(xml: &str) -> Result<XElem, String> {
    let mut r = NsReader::from_str(xml);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<XElem> = Vec::new();
    let mut root: Option<XElem> = None;
    loop {
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => return Err(format!("not well-formed at {}: {e}", r.error_position())),
        };
        let done = match ev {
            Event::Start(e) => {
                let el = make_elem(&r, &e)?;
                stack.push(el);
                None
            }
            Event::Empty(e) => Some(make_elem(&r, &e)?),
            Event::End(_) => Some(stack.pop().ok_or("end tag without start")?),
            Event::Text(t) => {
                let s = t.xml_content().map_err(|e| e.to_string())?;
                if stack.is_empty() {
                    if !s.trim().is_empty() {
                        return Err(format!("text outside the root: {s:?}"));
                    }
                } else {
                    push_text(&mut stack, &s);
                }
                None
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                push_text(&mut stack, &s);
                None
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => entity(&g).ok_or_else(|| {
                        format!("unknown entity &{};", String::from_utf8_lossy(&g))
                    })?,
                };
                push_text(&mut stack, &c.to_string());
                None
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => None,
        };
        if let Some(el) = done {
            let el = finish(el);
            match stack.last_mut() {
                Some(parent) => parent.children.push(XNode::Elem(el)),
                None => {
                    if root.is_some() {
                        return Err("more than one root element".into());
                    }
                    root = Some(el);
                }
            }
        }
    }
    if !stack.is_empty() {
        return Err("unclosed element at end of input".into());
    }
    root.ok_or_else(|| "no root element".into())
}

fn diff_elem(a: &XElem, b: &XElem, path: &str, out: &mut Vec<String>) {
    if a.ns != b.ns || a.local != b.local {
        out.push(format!(
            "{path}: element is {} (ns {:?}), expected {} (ns {:?})",
            a.name(),
            a.ns,
            b.name(),
            b.ns
        ));
        return;
    }
    let keys: BTreeSet<&String> = a.attrs.keys().chain(b.attrs.keys()).collect();
    for k in keys {
        match (a.attrs.get(k), b.attrs.get(k)) {
            (Some(x), Some(y)) if x != y => {
                out.push(format!("{path}/@{k}: value {x:?}, expected {y:?}"))
            }
            (Some(x), None) => out.push(format!("{path}/@{k}: unexpected attribute ({x:?})")),
            (None, Some(y)) => out.push(format!("{path}/@{k}: missing attribute ({y:?})")),
            _ => {}
        }
    }
    let describe = |n: &XNode| match n {
        XNode::Elem(e) => format!("element {}", e.name()),
        XNode::Text(t) => format!("text {t:?}"),
    };
    let n = a.children.len().max(b.children.len());
    for i in 0..n {
        match (a.children.get(i), b.children.get(i)) {
            (Some(XNode::Elem(x)), Some(XNode::Elem(y))) => {
                let p = format!("{path}/{}[{i}]", y.name());
                diff_elem(x, y, &p, out);
            }
            (Some(XNode::Text(x)), Some(XNode::Text(y))) => {
                if x != y {
                    out.push(format!("{path}/text()[{i}]: {x:?}, expected {y:?}"));
                }
            }
            (Some(x), Some(y)) => out.push(format!(
                "{path}/node()[{i}]: {}, expected {}",
                describe(x),
                describe(y)
            )),
            (Some(x), None) => out.push(format!("{path}/node()[{i}]: unexpected {}", describe(x))),
            (None, Some(y)) => out.push(format!("{path}/node()[{i}]: missing {}", describe(y))),
            (None, None) => {}
        }
    }
}

/// `None` when `actual` and `expected` are equivalent XML; otherwise a readable list of
/// differences (path + what differs).
pub fn xml_diff(actual: &str, expected: &str) -> Option<String> {
    let a = match parse_tree(actual) {
        Ok(t) => t,
        Err(e) => return Some(format!("actual document does not parse: {e}")),
    };
    let b = match parse_tree(expected) {
        Ok(t) => t,
        Err(e) => return Some(format!("expected document does not parse: {e}")),
    };
    let mut out = Vec::new();
    diff_elem(&a, &b, &format!("/{}", b.name()), &mut out);
    if out.is_empty() {
        None
    } else {
        Some(out.join("\n"))
    }
}

/// [`xml_diff`] of two trees already parsed (and possibly normalised) with [`parse_tree`].
pub fn tree_diff(actual: &XElem, expected: &XElem) -> Option<String> {
    let mut out = Vec::new();
    diff_elem(actual, expected, &format!("/{}", expected.name()), &mut out);
    if out.is_empty() {
        None
    } else {
        Some(out.join("\n"))
    }
}

/// Panics with the differences when `actual` is not XML-equivalent to `expected`.
#[track_caller]
pub fn assert_xml_eq(actual: &str, expected: &str) {
    if let Some(d) = xml_diff(actual, expected) {
        panic!(
            "XML documents differ:\n{d}\n\n--- actual ---\n{actual}\n\n--- expected ---\n{expected}\n"
        );
    }
}

// ---------------------------------------------------------------------------------------
// (b) Schema validation with ews-validate.

/// Runs an `ews-validate` command: (all files valid, its output). Panics when the validator
/// cannot run (missing tool or xmllint) rather than report a file as invalid.
fn run_validator(mut cmd: Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!(
            "cannot run {} ({e}); the schema validation tool is required",
            ews_validate_tool().display()
        )
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    match out.status.code() {
        Some(0) | Some(1) => {}
        other => panic!(
            "ews-validate could not validate (exit status {other:?}; is xmllint installed? \
             apt-get install -y libxml2-utils):\n{text}"
        ),
    }
    (out.status.success(), text)
}

/// The folder of the schema set under test (`EWS_SCHEMA_DIR`, which `.cargo/config.toml`
/// sets; the validator reads it too).
pub fn schema_dir() -> PathBuf {
    let dir =
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml");
    PathBuf::from(dir)
}

/// The operations of the schema set's `services.wsdl` (its port types' `wsdl:operation`
/// names), scanned here independently of the generator.
pub fn wsdl_operations() -> Vec<String> {
    const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
    let path = schema_dir().join("services.wsdl");
    let text = std::fs::read_to_string(&path).expect("read services.wsdl");
    let root = parse_tree(&text).expect("services.wsdl is XML");
    let wsdl = |e: &XElem, local: &str| e.ns.as_deref() == Some(WSDL) && e.local == local;
    let elems = |e: &XElem| -> Vec<XElem> {
        e.children
            .iter()
            .filter_map(|c| match c {
                XNode::Elem(e) => Some(e.clone()),
                _ => None,
            })
            .collect()
    };
    elems(&root)
        .iter()
        .filter(|p| wsdl(p, "portType"))
        .flat_map(elems)
        .filter(|o| wsdl(o, "operation"))
        .filter_map(|o| o.attrs.get("name").cloned())
        .collect()
}

/// The path of `shared/tools/ews-validate`.
pub fn ews_validate_tool() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tools/ews-validate")
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn run_validate(label: &str, xml: &str) -> (bool, String, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ews-validate");
    std::fs::create_dir_all(&dir).expect("create the validation folder");
    let safe: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let file = dir.join(format!("{safe}-{}-{n}.xml", std::process::id()));
    std::fs::write(&file, xml).expect("write the XML to validate");
    let mut cmd = Command::new(ews_validate_tool());
    cmd.arg(&file);
    let (valid, text) = run_validator(cmd);
    (valid, text, file)
}

/// Validates `xml` (a bare EWS element or an envelope) against the EWS schemas; panics with
/// the validator's output when it is not valid, or when the validator cannot run.
#[track_caller]
pub fn validate(label: &str, xml: &str) {
    let (ok, text, file) = run_validate(label, xml);
    assert!(
        ok,
        "{label}: not valid against the EWS schemas ({}):\n{text}\n--- document ---\n{xml}\n",
        file.display()
    );
    let _ = std::fs::remove_file(file);
}

/// Asserts that ews-validate rejects `xml` (for documents that are deliberately invalid).
#[track_caller]
pub fn validate_rejects(label: &str, xml: &str) -> String {
    let (ok, text, file) = run_validate(label, xml);
    assert!(
        !ok,
        "{label}: expected ews-validate to reject the document, but it passed:\n{xml}"
    );
    let _ = std::fs::remove_file(file);
    text
}

// ---------------------------------------------------------------------------------------
// (c) SOAP samples: the Body's first child.

/// The folder of the documentation samples.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/doc-samples")
}

/// One row of `../shared/doc-samples/manifest.tsv` (the columns the tests use).
pub struct Row {
    pub id: String,
    pub source_page: String,
    pub kind: String,
    pub well_formed: bool,
    pub file: String,
}

pub fn manifest() -> Vec<Row> {
    let path = samples_dir().join("manifest.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("manifest header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("manifest has no column {name}"))
    };
    let (id, page, kind, wf, file) = (
        col("id"),
        col("source_page"),
        col("kind"),
        col("well_formed"),
        col("file"),
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                id: f[id].to_owned(),
                source_page: f[page].to_owned(),
                kind: f[kind].to_owned(),
                well_formed: match f[wf] {
                    "yes" => true,
                    "no" => false,
                    other => panic!("{}: unknown well_formed value {other:?}", f[id]),
                },
                file: f[file].to_owned(),
            }
        })
        .collect()
}

/// The text of `../shared/doc-samples/<name>`.
pub fn sample(name: &str) -> String {
    let path = samples_dir().join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read sample {}: {e}", path.display()))
}

fn is_soap(res: &ResolveResult<'_>, local: &[u8], want: &[u8]) -> bool {
    matches!(res, ResolveResult::Bound(ns) if ns.as_ref() == SOAP_NS.as_bytes()) && local == want
}

/// The `xmlns`/`xmlns:p` declarations on a start tag, as (prefix, uri).
pub fn declarations(
    e: &BytesStart<'_>,
    decoder: quick_xml::encoding::Decoder,
) -> Vec<(String, String)> {
    e.attributes()
        .filter_map(Result::ok)
        .filter_map(|a| {
            let key = a.key.as_ref();
            let prefix = if key == b"xmlns" {
                String::new()
            } else {
                String::from_utf8_lossy(key.strip_prefix(b"xmlns:")?).into_owned()
            };
            let uri = a.decode_and_unescape_value(decoder).ok()?.into_owned();
            Some((prefix, uri))
        })
        .collect()
}

/// The first element child of the SOAP Body of `envelope`, cut out of the text as is, with
/// the namespace declarations in scope (from the Envelope and Body) re-declared on it.
pub fn body_child_xml(envelope: &str) -> String {
    let mut r = NsReader::from_str(envelope);
    r.config_mut().trim_text(false);
    // Declarations of the open ancestors, outermost first.
    let mut scopes: Vec<Vec<(String, String)>> = Vec::new();
    let mut names: Vec<(bool, bool)> = Vec::new(); // (is soap:Envelope, is soap:Body)
    loop {
        let pos = usize::try_from(r.buffer_position()).unwrap();
        let (res, ev) = r.read_resolved_event().expect("sample is well-formed");
        let (tag, empty) = match ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                scopes.pop();
                names.pop();
                continue;
            }
            Event::Eof => panic!("no element child in the SOAP Body"),
            _ => continue,
        };
        let local = tag.local_name().as_ref().to_vec();
        let in_body = names.len() == 2 && names[0].0 && names[1].1;
        if in_body {
            let end = if empty {
                usize::try_from(r.buffer_position()).unwrap()
            } else {
                let name = tag.name().as_ref().to_vec();
                r.read_to_end(QName(&name)).expect("body child is closed");
                usize::try_from(r.buffer_position()).unwrap()
            };
            let text = &envelope[pos..end];
            assert!(text.starts_with('<'), "body child slice: {text:?}");
            let own: BTreeSet<String> = declarations(&tag, r.decoder())
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            let mut inherited: BTreeMap<String, String> = BTreeMap::new();
            for scope in &scopes {
                for (p, u) in scope {
                    inherited.insert(p.clone(), u.clone());
                }
            }
            let mut decls = String::new();
            for (p, u) in inherited.iter().filter(|(p, _)| !own.contains(*p)) {
                let attr = if p.is_empty() {
                    "xmlns".to_owned()
                } else {
                    format!("xmlns:{p}")
                };
                write!(
                    decls,
                    " {attr}=\"{}\"",
                    u.replace('&', "&amp;").replace('"', "&quot;")
                )
                .unwrap();
            }
            let name_len = tag.name().as_ref().len();
            let split = 1 + name_len;
            return format!("{}{}{}", &text[..split], decls, &text[split..]);
        }
        if !empty {
            names.push((
                names.is_empty() && is_soap(&res, &local, b"Envelope"),
                is_soap(&res, &local, b"Body"),
            ));
            scopes.push(declarations(&tag, r.decoder()));
        }
    }
}

/// Reads the first child of the envelope's SOAP Body as element `E`, walking the envelope
/// with [`Reader`] (so namespace declarations of the Envelope and Body are in scope).
pub fn read_body_child<E: Element>(envelope: &[u8]) -> Result<E, ReadError> {
    let mut r = Reader::new(envelope, ReadOptions::default());
    let env = r.root()?;
    assert!(
        env.ns == Ns::Soap && env.local == b"Envelope",
        "root is not soap:Envelope: {:?} {}",
        env.ns,
        env.local_str()
    );
    r.enter(&env)?;
    while let Some(c) = r.next_child()? {
        if c.ns == Ns::Soap && c.local == b"Body" {
            r.enter(&c)?;
            let child = r.next_child()?.expect("the Body has an element child");
            assert!(
                child.ns == E::NS && child.local == E::NAME.as_bytes(),
                "Body child is {{{:?}}}{}, expected {}:{}",
                child.ns,
                child.local_str(),
                E::NS.prefix(),
                E::NAME
            );
            return <E as XmlElement>::read_element(&mut r, &child);
        }
        r.skip(&c)?;
    }
    panic!("no soap:Body in the envelope");
}

/// Runs `ews-validate --quiet [--body-only]` over `files` (named `<dir>/<id>.xml`) and
/// returns the error lines of each failing id.
/// The samples of `found` (row, text) that are schema-valid as published (`ews-validate`
/// on the whole file); the others are printed with why, and left out.
pub fn valid_as_published<R: std::borrow::Borrow<Row>>(found: &[(R, String)]) -> Vec<(&Row, &str)> {
    let ids: Vec<&str> = found.iter().map(|(r, _)| r.borrow().id.as_str()).collect();
    let invalid = validate_all(&samples_dir(), &ids, false);
    let mut valid = Vec::new();
    for (row, text) in found {
        let row = row.borrow();
        match invalid.get(&row.id) {
            Some(why) => println!(
                "skipped {}: not valid as published: {}",
                row.id,
                why.join("; ")
            ),
            None => valid.push((row, text.as_str())),
        }
    }
    valid
}

pub fn validate_all(dir: &Path, ids: &[&str], body_only: bool) -> BTreeMap<String, Vec<String>> {
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let tool = ews_validate_tool();
    // A few batches keep the command lines reasonable.
    for chunk in ids.chunks(200) {
        let mut cmd = Command::new(&tool);
        cmd.arg("--quiet");
        if body_only {
            cmd.arg("--body-only");
        }
        cmd.args(chunk.iter().map(|id| dir.join(format!("{id}.xml"))));
        let (all_valid, text) = run_validator(cmd);
        let prefix = format!("{}/", dir.display());
        let mut attributed = false;
        let mut last: Option<&str> = None;
        for line in text.lines() {
            let id = line
                .strip_prefix(&prefix)
                .and_then(|rest| Some((rest, rest.find(".xml")?)))
                .filter(|(rest, end)| chunk.contains(&&rest[..*end]));
            match id {
                Some((rest, end)) => {
                    let id = &rest[..end];
                    failures
                        .entry(id.to_owned())
                        .or_default()
                        .push(rest[end + 4..].to_owned());
                    attributed = true;
                    last = Some(id);
                }
                // A message that goes on over several lines (a value with line breaks).
                None => {
                    if let Some(msg) = last.and_then(|id| failures.get_mut(id)?.last_mut()) {
                        msg.push('\n');
                        msg.push_str(line);
                    }
                }
            }
        }
        assert!(
            all_valid || attributed,
            "ews-validate failed without naming a file:\n{text}"
        );
    }
    failures
}

// ---------------------------------------------------------------------------------------
// (e) Envelopes compared.

/// `common::xml_diff` of a written envelope and the sample, with three differences that
/// carry no information left out:
///
/// - the order of the SOAP header entries (not significant in SOAP 1.1; the typed headers
///   are written in a fixed order);
/// - a redundant `xsi:type` on an element of a concrete type, which the reader accepts and
///   the writer leaves out (see the constructs test `xsi_type_selects_the_concrete_type`); that the
///   written element needs none is checked by validating what was written;
/// - whitespace-only content of an element written empty (an element of element-only or
///   empty content, where that whitespace is not significant; strings keep their text).
pub fn envelope_diff(written: &str, original: &str) -> Option<String> {
    let mut w = match parse_tree(written) {
        Ok(t) => t,
        Err(e) => return Some(format!("the written envelope does not parse: {e}")),
    };
    let mut o = match parse_tree(original) {
        Ok(t) => t,
        Err(e) => return Some(format!("the sample does not parse: {e}")),
    };
    sort_headers(&mut w);
    sort_headers(&mut o);
    align(&w, &mut o);
    tree_diff(&w, &o)
}

fn sort_headers(envelope: &mut XElem) {
    for c in &mut envelope.children {
        if let XNode::Elem(h) = c {
            if h.ns.as_deref() == Some(SOAP_NS) && h.local == "Header" {
                h.children.sort_by(|a, b| match (a, b) {
                    (XNode::Elem(a), XNode::Elem(b)) => (&a.ns, &a.local).cmp(&(&b.ns, &b.local)),
                    _ => std::cmp::Ordering::Equal,
                });
            }
        }
    }
}

fn align(w: &XElem, o: &mut XElem) {
    if w.ns != o.ns || w.local != o.local {
        return;
    }
    let xsi_type = format!("{{{XSI_NS}}}type");
    if !w.attrs.contains_key(&xsi_type) {
        o.attrs.remove(&xsi_type);
    }
    let whitespace_only = o
        .children
        .iter()
        .all(|c| matches!(c, XNode::Text(t) if t.trim().is_empty()));
    if w.children.is_empty() && whitespace_only {
        o.children.clear();
    }
    for (wc, oc) in w.children.iter().zip(o.children.iter_mut()) {
        if let (XNode::Elem(wc), XNode::Elem(oc)) = (wc, oc) {
            align(wc, oc);
        }
    }
}

// ---------------------------------------------------------------------------------------
// (f) Trees written back as XML.

/// Writes a comparison tree as a document: each element declares the prefixes of its own
/// name and attributes (`n0`, `n1`, ... by depth, so that nothing clashes), and `xsi:type`
/// values (kept resolved) get a prefix declared for their namespace.
pub fn write_tree(e: &XElem) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    write_elem(e, 0, &mut out);
    out
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn write_elem(e: &XElem, depth: usize, out: &mut String) {
    let mut decls: Vec<(String, String)> = Vec::new();
    let prefix_for = |uri: &str, decls: &mut Vec<(String, String)>| -> String {
        if let Some((p, _)) = decls.iter().find(|(_, u)| u == uri) {
            return p.clone();
        }
        let p = format!("n{depth}x{}", decls.len());
        decls.push((p.clone(), uri.to_owned()));
        p
    };
    let name = match &e.ns {
        Some(uri) => format!("{}:{}", prefix_for(uri, &mut decls), e.local),
        None => e.local.clone(),
    };
    let mut attrs = String::new();
    for (key, value) in &e.attrs {
        let (qname, value) = match key.strip_prefix('{').and_then(|k| k.split_once('}')) {
            Some((uri, local)) => {
                let mut value = value.clone();
                if uri == XSI_NS && local == "type" {
                    if let Some((tu, tl)) = value.strip_prefix('{').and_then(|v| v.split_once('}'))
                    {
                        value = format!("{}:{tl}", prefix_for(tu, &mut decls));
                    }
                }
                (format!("{}:{local}", prefix_for(uri, &mut decls)), value)
            }
            None => (key.clone(), value.clone()),
        };
        let _ = write!(attrs, " {qname}=\"{}\"", escape(&value, true));
    }
    out.push('<');
    out.push_str(&name);
    if e.ns.is_none() {
        out.push_str(" xmlns=\"\"");
    }
    for (p, uri) in &decls {
        let _ = write!(out, " xmlns:{p}=\"{}\"", escape(uri, true));
    }
    out.push_str(&attrs);
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &e.children {
        match c {
            XNode::Elem(child) => write_elem(child, depth + 1, out),
            XNode::Text(t) => out.push_str(&escape(t, false)),
        }
    }
    let _ = write!(out, "</{name}>");
}
