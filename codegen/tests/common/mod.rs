//! Where the generator's tests find schema sets.
//!
//! Two kinds of test read schemas. Tests of the set under test (`EWS_SCHEMA_DIR`, the locked
//! set the workspace is generated from, whatever its level) take their expectations from it:
//! the counts of the API from an independent scan ([`scan`]), the surface from its reviewed
//! snapshot. Tests of particular constructs (a `From` impl of `ItemType`, a documented
//! version, a `default=`) read the real sets in `../shared` as fixtures, named by level, so
//! that they run alike whichever level the workspace is generated from.

#![allow(dead_code)] // each test file uses some of these

use std::path::PathBuf;

/// The schema set under test: `EWS_SCHEMA_DIR` (set by `.cargo/config.toml`).
pub fn under_test() -> PathBuf {
    PathBuf::from(
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml"),
    )
}

/// `../shared` beside the workspace.
fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// The Exchange 2019 set (`../shared/ews-schemas`, `ExchangeVersionType` up to
/// `V2018_01_08`): the fixture of tests about constructs that set has.
pub fn exchange_2019() -> PathBuf {
    shared().join("ews-schemas")
}

/// The real earlier levels of `../shared/ews-schemas-history`, by folder name (oldest
/// first: `2007_SP1`, `2010_SP1`, `2010_SP2`).
pub fn history() -> Vec<(String, PathBuf)> {
    let dir = shared().join("ews-schemas-history");
    let mut levels: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().join("messages.xsd").is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    levels.sort();
    levels
}

/// One level of [`history`] by name.
pub fn level(name: &str) -> PathBuf {
    shared().join("ews-schemas-history").join(name)
}

/// A copy of the Exchange 2019 set in a fresh folder `<tmp>/schemas-<name>`, with `edit`
/// applied to (file name, text).
pub fn copy_with(tmp: &str, name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let dir = PathBuf::from(tmp).join(format!("schemas-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["types.xsd", "messages.xsd", "services.wsdl"] {
        let text = std::fs::read_to_string(exchange_2019().join(f)).unwrap();
        std::fs::write(dir.join(f), edit(f, text)).unwrap();
    }
    dir
}

/// What a scan of a schema set finds, independently of the generator: the WSDL's
/// operations, the named top-level declarations of both XSDs by kind, and the number of
/// enumeration values (of named and anonymous simple types).
#[derive(Debug, Default)]
pub struct Scan {
    pub operations: usize,
    pub complex_types: usize,
    pub simple_types: usize,
    pub elements: usize,
    pub enumeration_values: usize,
}

const XS: &[u8] = b"http://www.w3.org/2001/XMLSchema";
const WSDL: &[u8] = b"http://schemas.xmlsoap.org/wsdl/";

/// Scans the set in `dir` (see [`Scan`]).
pub fn scan(dir: &std::path::Path) -> Scan {
    let mut out = Scan::default();
    for file in ["types.xsd", "messages.xsd", "services.wsdl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        scan_file(&text, &mut out);
    }
    out
}

/// Counts in one file: top-level `xs:` declarations (depth 1 of the schema), enumeration
/// values, and `wsdl:operation`s of port types.
fn scan_file(text: &str, out: &mut Scan) {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut r = quick_xml::NsReader::from_str(text);
    // The open elements: (namespace is xs, namespace is wsdl, local name).
    let mut open: Vec<(bool, bool, Vec<u8>)> = Vec::new();
    loop {
        let (ns, ev) = r.read_resolved_event().unwrap();
        let (xs, wsdl) = match ns {
            ResolveResult::Bound(n) => (n.as_ref() == XS, n.as_ref() == WSDL),
            _ => (false, false),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name().as_ref().to_vec();
                let named = e.try_get_attribute("name").unwrap().is_some();
                let parent = open.last();
                let top = open.len() == 1 && open[0].0;
                match (xs, wsdl, local.as_slice()) {
                    (true, _, b"complexType") if top && named => out.complex_types += 1,
                    (true, _, b"simpleType") if top && named => out.simple_types += 1,
                    (true, _, b"element") if top && named => out.elements += 1,
                    (true, _, b"enumeration") => out.enumeration_values += 1,
                    (_, true, b"operation")
                        if parent.is_some_and(|p| p.1 && p.2 == b"portType") =>
                    {
                        out.operations += 1
                    }
                    _ => {}
                }
                if matches!(ev, Event::Start(_)) {
                    open.push((xs, wsdl, local));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
}
