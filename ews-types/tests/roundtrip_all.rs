//! Round trip of every generated type: a value with every field set (built by the
//! generated `fill.rs`, see `codegen/src/emit/fill.rs`) is written, read back and
//! compared, for every item of the generator's plan and every member of each choice,
//! `xsi:type` kind and enumeration (plus an unknown enumeration value).

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};

use ews_types::runtime::{
    read, ChoiceGroup, ComplexShape, ComplexType, Element, Ns, ReadError, ReadOptions, Reader,
    Seen, Start, Unknown, Writer, XmlElement,
};

#[cfg(not(feature = "buildtime-codegen"))]
include!("generated/fill.rs");
#[cfg(feature = "buildtime-codegen")]
include!(concat!(env!("OUT_DIR"), "/fill.rs"));

/// The result of one round trip: the item (`types::X`), the variant number, the outcome.
pub struct Outcome {
    pub name: &'static str,
    /// `struct`, `choice`, `kinds`, `enum`, `union`, `alias` or `element`.
    pub kind: &'static str,
    pub variant: usize,
    pub result: Result<(), String>,
}

/// Holds a choice as the only content of an element, the way a struct field does (not every
/// choice has a `Default`, so the slot starts empty).
#[derive(Debug, PartialEq)]
struct Holder<C>(Option<C>, Unknown);

impl<C> Default for Holder<C> {
    fn default() -> Self {
        Holder(None, Unknown::default())
    }
}

impl<C: ChoiceGroup> ComplexShape for Holder<C> {
    const FIELD_COUNT: u32 = 1;
}

impl<C: ChoiceGroup> ComplexType for Holder<C> {
    fn read_child<'a>(
        &mut self,
        r: &mut Reader<'a>,
        c: &Start<'a>,
        seen: &mut Seen,
    ) -> Result<bool, ReadError> {
        read::choice_opt(&mut self.0, r, c, seen, 0)
    }
    fn unknown(&self) -> &Unknown {
        &self.1
    }
    fn unknown_mut(&mut self) -> &mut Unknown {
        &mut self.1
    }
    fn missing(&self, seen: &Seen) -> Option<&'static str> {
        seen.first_missing(&[(0, "choice")])
    }
    fn write_content(&self, w: &mut Writer) {
        w.choice_opt(self.0.as_ref());
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Where the `{:#?}` forms first differ: the path of fields down to it
/// (`base > items > Message > subject`) and the two lines.
fn first_difference(wrote: &str, read: &str) -> String {
    let a: Vec<&str> = wrote.lines().collect();
    let b: Vec<&str> = read.lines().collect();
    let i = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    // Each line opening a `{`, `(` or `[` names a level; keep the open ones above line i.
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut path: Vec<(usize, &str)> = Vec::new();
    for line in &a[..i] {
        let level = indent(line);
        path.retain(|&(l, _)| l < level);
        let t = line.trim();
        if let Some(open) = t.strip_suffix(['{', '(', '[']) {
            let label = open.trim_end();
            path.push((level, if label.is_empty() { "[]" } else { label }));
        }
    }
    let level = a.get(i).or(b.get(i)).map_or(0, |l| indent(l));
    path.retain(|&(l, _)| l < level);
    let path: Vec<&str> = path.iter().map(|(_, p)| *p).collect();
    format!(
        "first difference at {}:\n  wrote: {}\n  read:  {}",
        path.join(" > "),
        a.get(i).unwrap_or(&"<end>").trim(),
        b.get(i).unwrap_or(&"<end>").trim(),
    )
}

/// Writes `v` as element `name`, reads it back and compares.
fn round_trip<T: XmlElement + PartialEq + Debug>(v: &T, ns: Ns, name: &str) -> Result<(), String> {
    let mut w = Writer::new();
    v.write_element(&mut w, ns, name);
    let xml = w.into_string();
    let mut r = Reader::new(xml.as_bytes(), ReadOptions::default());
    let back = r
        .root()
        .and_then(|start| T::read_element(&mut r, &start))
        .map_err(|e| format!("read error: {e}\n  xml: {}", shorten(&xml, 2000)))?;
    if back != *v {
        return Err(format!(
            "{}\n  xml: {}",
            first_difference(&format!("{v:#?}"), &format!("{back:#?}")),
            shorten(&xml, 2000)
        ));
    }
    // Writing what was read gives the same XML.
    let mut w = Writer::new();
    back.write_element(&mut w, ns, name);
    let again = w.into_string();
    if again != xml {
        return Err(format!(
            "written again differently:\n  first:  {}\n  second: {}",
            shorten(&xml, 2000),
            shorten(&again, 2000)
        ));
    }
    Ok(())
}

fn run(
    out: &mut Vec<Outcome>,
    name: &'static str,
    kind: &'static str,
    variants: usize,
    f: impl Fn(usize) -> Result<(), String>,
) {
    for i in 0..variants {
        set_variant(i);
        let result = catch_unwind(AssertUnwindSafe(|| f(i))).unwrap_or_else(|p| {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("panicked: {msg}"))
        });
        out.push(Outcome {
            name,
            kind,
            variant: i,
            result,
        });
    }
    set_variant(0);
}

/// A type read and written as a whole element (structs, kinds, simple types), under a
/// placeholder name: the reader does not check the root's name.
fn check<T: Fill + XmlElement + PartialEq + Debug>(
    out: &mut Vec<Outcome>,
    name: &'static str,
    kind: &'static str,
) {
    run(out, name, kind, T::variants(), |i| {
        round_trip(&T::fill_variant(i, 0), Ns::Types, "Root")
    });
}

/// A global element, under its own name.
fn check_global<T: Fill + Element + PartialEq + Debug>(
    out: &mut Vec<Outcome>,
    name: &'static str,
    kind: &'static str,
) {
    run(out, name, kind, T::variants(), |i| {
        round_trip(&T::fill_variant(i, 0), T::NS, T::NAME)
    });
}

/// A choice, as the content of a placeholder element.
fn check_choice<C: Fill + ChoiceGroup + PartialEq + Debug>(
    out: &mut Vec<Outcome>,
    name: &'static str,
    kind: &'static str,
) {
    run(out, name, kind, C::variants(), |i| {
        round_trip(
            &Holder(Some(C::fill_variant(i, 0)), Unknown::default()),
            Ns::Types,
            "Root",
        )
    });
}

/// Round-trips every item, with `text` as the value of every string; `minimal`: only
/// required fields set.
fn all_outcomes(text: &'static str, minimal: bool) -> Vec<Outcome> {
    // Values of deep types are large: give the writer and reader room.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            set_text(text);
            set_minimal(minimal);
            let mut out = Vec::new();
            round_trip_all(&mut out);
            out
        })
        .expect("spawn")
        .join()
        .expect("round trips")
}

/// Asserts that every item was checked and that no round trip failed, listing all failures.
fn assert_all_pass(outcomes: &[Outcome], what: &str) {
    // Nothing is skipped: every item of the plan, and every schema index row, was checked.
    let names: BTreeSet<&str> = outcomes.iter().map(|o| o.name).collect();
    assert_eq!(
        names.len(),
        PLAN_ITEM_COUNT,
        "every item of the plan is round-tripped"
    );
    for &(kind, count) in PLAN_KIND_COUNTS {
        let checked: BTreeSet<&str> = outcomes
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| o.name)
            .collect();
        assert_eq!(
            checked.len(),
            count,
            "every {kind} of the plan is round-tripped"
        );
    }
    let missing: Vec<&str> = ews_types::SCHEMA_INDEX
        .iter()
        .map(|e| e.rust)
        .filter(|r| !names.contains(r))
        .collect();
    assert!(
        missing.is_empty(),
        "index rows not round-tripped: {missing:?}"
    );

    let failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            o.result
                .as_ref()
                .err()
                .map(|e| format!("{} (variant {}): {e}", o.name, o.variant))
        })
        .collect();
    let failed_items: BTreeSet<&str> = outcomes
        .iter()
        .filter(|o| o.result.is_err())
        .map(|o| o.name)
        .collect();
    assert!(
        failures.is_empty(),
        "{what}: {} of {} round trips failed ({} of {} items):\n\n{}",
        failures.len(),
        outcomes.len(),
        failed_items.len(),
        names.len(),
        failures.join("\n\n")
    );
    let kinds: Vec<String> = PLAN_KIND_COUNTS
        .iter()
        .map(|(k, c)| format!("{c} {k}"))
        .collect();
    eprintln!(
        "{what}: {} round trips of {} items passed ({})",
        outcomes.len(),
        names.len(),
        kinds.join(", ")
    );
}

#[test]
fn every_generated_type_round_trips() {
    assert_all_pass(&all_outcomes("text", false), "strings `text`");
}

/// Markup characters in every string (attribute values and text): escaped on writing,
/// decoded on reading.
#[test]
fn strings_with_markup_characters_round_trip() {
    assert_all_pass(
        &all_outcomes("x&<y>\"z\"'w'&amp;]]>", false),
        "strings with markup characters",
    );
}

/// Whitespace inside every string (tab, CR, LF, space) is kept exactly, in attribute
/// values too. Not at the start or end: types other than strings trim it. List items are
/// filled with `text` (they are separated by whitespace).
#[test]
fn strings_with_inner_whitespace_round_trip() {
    assert_all_pass(
        &all_outcomes("a\tb\r\nc  d\re", false),
        "strings with whitespace",
    );
}

/// Empty strings stay empty strings (`Some("")` is not read as `None`). List items are
/// filled with `text` (an empty item would vanish).
#[test]
fn empty_strings_round_trip() {
    assert_all_pass(&all_outcomes("", false), "empty strings");
}

/// Values with only their required fields: every `Option` `None`, every `Vec` empty.
#[test]
fn minimal_values_round_trip() {
    assert_all_pass(&all_outcomes("text", true), "minimal values");
}

/// Enumerations keep values they do not know.
#[test]
fn unknown_enumeration_values_round_trip() {
    let v = ews_types::types::BodyTypeType::Unlisted("FutureValue".into());
    round_trip(&v, Ns::Types, "BodyType").unwrap();
    let v = <ews_types::types::BodyTypeType as Fill>::fill_variant(usize::MAX, 0);
    assert_eq!(
        v,
        ews_types::types::BodyTypeType::Unlisted("FutureValue".into())
    );
}

// ---------------------------------------------------------------------------------------
// Every operation: a minimal request envelope (what the schema requires) is written,
// validated against the schemas with `ews-validate` (one run over all of them), and read
// back equal.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use ews_types::runtime::envelope::{
    read_request, write_request, HeaderName, Operation, RequestHeaders,
};
use ews_types::runtime::version::ExchangeVersion;

struct Requests {
    dir: PathBuf,
    /// operation → problems found while writing or reading back
    problems: BTreeMap<&'static str, String>,
    names: Vec<&'static str>,
}

impl FillOperationVisitor for Requests {
    fn visit<O: Operation>(&mut self)
    where
        O::Request: Fill + PartialEq + Debug,
    {
        set_minimal(true);
        let body = <O::Request as Fill>::fill(0);
        set_minimal(false);
        // The schema's newest version, which every element has.
        let newest = *ExchangeVersion::ALL
            .last()
            .expect("the schema has versions");
        let headers = if O::REQUEST_HEADERS.contains(&HeaderName::RequestServerVersion) {
            RequestHeaders::for_version(newest.into())
        } else {
            RequestHeaders::default()
        };
        self.names.push(O::NAME);
        let xml = match write_request::<O>(&headers, &body) {
            Ok(x) => x,
            Err(e) => {
                self.problems.insert(O::NAME, format!("write: {e}"));
                return;
            }
        };
        std::fs::write(self.dir.join(format!("{}.xml", O::NAME)), &xml).unwrap();
        match read_request::<O>(xml.as_bytes()) {
            Ok((h, b)) if h == headers && b == body => {}
            Ok(_) => {
                self.problems
                    .insert(O::NAME, format!("read back differs:\n{xml}"));
            }
            Err(e) => {
                self.problems
                    .insert(O::NAME, format!("read back: {e}\n{xml}"));
            }
        }
    }
}

#[test]
fn every_operation_has_a_minimal_valid_request() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("operations-minimal");
    std::fs::create_dir_all(&dir).unwrap();
    let mut v = Requests {
        dir: dir.clone(),
        problems: BTreeMap::new(),
        names: Vec::new(),
    };
    visit_operations(&mut v);
    assert_eq!(v.names, common::wsdl_operations());

    // One validator run over all the envelopes.
    for (name, errors) in common::validate_all(&dir, &v.names, false) {
        let op = v
            .names
            .iter()
            .copied()
            .find(|n| *n == name)
            .expect("a file it was given");
        v.problems
            .entry(op)
            .or_default()
            .push_str(&errors.join("\n"));
    }
    assert!(
        v.problems.is_empty(),
        "{} of 123 operations have problems:\n{}",
        v.problems.len(),
        v.problems
            .iter()
            .map(|(k, p)| format!("== {k}\n{p}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
