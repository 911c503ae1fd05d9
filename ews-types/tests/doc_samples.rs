//! Every SOAP envelope of the documentation samples (`../shared/doc-samples`, see its
//! `README.md` and `manifest.tsv`) whose Body child is an element of the messages namespace
//! goes through the whole envelope API:
//!
//! 1. **read**: `read_request` / `read_response` of the operation whose request or
//!    response element the Body child is (found with `operations::visit_all`), headers
//!    included;
//! 2. **snapshot**: the typed `(headers, body)` value, `{:#?}`, is compared with
//!    `snapshots/doc_samples/<sample id>.snap` (insta; review changes with
//!    `cargo insta review`);
//! 3. **roundtrip**: `write_request` / `write_response` of that value must be XML-equivalent
//!    to the sample (namespace-aware, see `common::xml_diff`) and read back to the same value;
//! 4. **valid**: what was written must be valid against the EWS schemas (`ews-validate`, run
//!    once over all written envelopes).
//!
//! The only change made to a sample is the SOAP envelope namespace: some samples use
//! `https://schemas.xmlsoap.org/soap/envelope/`, which is replaced by the real `http://`
//! one (counted). A sample that fails a stage because the sample itself is wrong is listed
//! in `tests/doc_samples_known_bad.tsv` with the first stage it fails and why; the test
//! checks that each listed sample's Body is really not schema-valid (`ews-validate
//! --body-only` on the original), so a bug of ours cannot hide there. The test fails when
//! an unlisted sample fails, when a listed one passes (or fails at another stage), and when
//! a snapshot is missing, changed or stale. Samples outside the criteria (not well-formed,
//! fragments, other namespaces such as Autodiscover, SOAP faults) are counted by reason.
//!
//! Run with `--nocapture` to see the summary.

// Reads Microsoft's documentation samples (written for Exchange 2013 and later) and expects
// what the shipped schema level (Exchange 2019, `V2018_01_08`) makes of them; a build for an
// older level leaves it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::trip::{trip, Failure, Options};
use common::{envelope_diff, validate_all, Row, MESSAGES_NS, SOAP_NS};
use ews_types::operations;
use ews_types::runtime::envelope::{read_request, write_request};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The wrong envelope namespace some samples use.
const HTTPS_SOAP_NS: &str = "https://schemas.xmlsoap.org/soap/envelope/";

const KNOWN_BAD: &str = "tests/doc_samples_known_bad.tsv";

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/doc_samples")
}

// ---------------------------------------------------------------------------------------
// The manifest and the expectations file.

/// The stages a sample goes through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Read,
    Roundtrip,
    Valid,
}

impl Stage {
    fn parse(s: &str) -> Option<Stage> {
        Some(match s {
            "read" => Stage::Read,
            "roundtrip" => Stage::Roundtrip,
            "valid" => Stage::Valid,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Roundtrip => "roundtrip",
            Stage::Valid => "valid",
        }
    }
}

/// A line of the expectations file: `id <TAB> stage <TAB> category <TAB> reason`.
struct KnownBad {
    stage: Stage,
    category: String,
    reason: String,
}

fn known_bad() -> BTreeMap<String, KnownBad> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(KNOWN_BAD);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let [id, stage, category, reason] = f[..] else {
            panic!("{KNOWN_BAD}:{}: expected 4 tab-separated columns", n + 1);
        };
        let stage = Stage::parse(stage)
            .unwrap_or_else(|| panic!("{KNOWN_BAD}:{}: unknown stage {stage:?}", n + 1));
        let entry = KnownBad {
            stage,
            category: category.to_owned(),
            reason: reason.to_owned(),
        };
        assert!(
            out.insert(id.to_owned(), entry).is_none(),
            "{KNOWN_BAD}:{}: {id} is listed twice",
            n + 1
        );
    }
    out
}

// ---------------------------------------------------------------------------------------
// What a sample is.

/// Why a sample is not one of those this test reads.
fn outside(row: &Row, text: &str) -> Result<String, String> {
    if !row.well_formed {
        return Err("not well-formed XML".into());
    }
    let mut r = NsReader::from_str(text);
    let mut depth = 0usize;
    let mut in_body = false;
    loop {
        let (res, ev) = match r.read_resolved_event() {
            Ok(x) => x,
            Err(e) => return Err(format!("not namespace-well-formed ({e})")),
        };
        let (tag, empty) = match ev {
            Event::Start(t) => (t, false),
            Event::Empty(t) => (t, true),
            Event::End(_) => {
                depth -= 1;
                if in_body && depth == 1 {
                    return Err("SOAP Body without an element child".into());
                }
                continue;
            }
            Event::Eof => return Err("SOAP envelope without a Body".into()),
            _ => continue,
        };
        let ns = match res {
            ResolveResult::Bound(n) => Some(String::from_utf8_lossy(n.as_ref()).into_owned()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(p) => {
                let p = String::from_utf8_lossy(&p).into_owned();
                return Err(format!("undeclared prefix {p:?}"));
            }
        };
        let local = tag.local_name();
        let is_soap = ns.as_deref() == Some(SOAP_NS);
        match depth {
            0 if !(is_soap && local.as_ref() == b"Envelope") => {
                return Err(format!("not a SOAP envelope (manifest kind {})", row.kind));
            }
            1 if is_soap && local.as_ref() == b"Body" => in_body = true,
            2 if in_body => {
                return match ns.as_deref() {
                    Some(MESSAGES_NS) => Ok(String::from_utf8_lossy(local.as_ref()).into_owned()),
                    Some(SOAP_NS) if local.as_ref() == b"Fault" => Err("SOAP Fault body".into()),
                    Some(other) => Err(format!("Body child in namespace {other:?}")),
                    None => Err("Body child in no namespace".into()),
                };
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------
// One sample through the operation API.

/// The result of reading and writing one sample.
struct Processed {
    /// `request` or `response`, and the operation.
    direction: &'static str,
    operation: &'static str,
    /// `{:#?}` of `(headers, body)`, when reading worked.
    snapshot: Option<String>,
    /// The written envelope, when writing worked.
    written: Option<String>,
    /// The first stage that failed before validation, and why.
    failure: Option<(Stage, String)>,
}

/// Runs the sample through the operation whose request or response element is `element`.
fn run(xml: &str, element: &str) -> Option<Processed> {
    let options = Options {
        debug: true,
        ..Options::default()
    };
    let t = trip(xml, element, options)?;
    let failure = t.outcome.as_ref().err().map(|e| match e {
        Failure::Read(_) => (Stage::Read, e.to_string()),
        _ => (Stage::Roundtrip, e.to_string()),
    });
    let written = match t.outcome {
        Ok(w) | Err(Failure::ReadBack(w, _) | Failure::Different(w)) => Some(w),
        Err(Failure::Read(_) | Failure::Write(_)) => None,
    };
    // Not XML-equivalent is the first thing to say about a written envelope.
    let diff = written.as_deref().and_then(|w| envelope_diff(w, xml));
    let p = Processed {
        direction: t.direction,
        operation: t.operation,
        snapshot: t.debug.as_deref().map(snapshot_text),
        failure: match diff {
            Some(d) => Some((Stage::Roundtrip, format!("not XML-equivalent:\n{d}"))),
            None => failure,
        },
        written,
    };
    Some(p)
}

/// The snapshot of a typed value: `{:#?}` of `(headers, body)` (as `full`), without the
/// fields that are `None` or `[]` (most of them: EWS types have many optional fields), which
/// carry nothing and would bury what was read. (Debug output escapes line breaks inside
/// strings, so every line is one field or one bracket.)
fn snapshot_text(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    for line in full.lines() {
        let t = line.trim_start();
        let empty_field = t
            .split_once(": ")
            .is_some_and(|(name, v)| is_field_name(name) && (v == "None," || v == "[],"));
        if !empty_field {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn is_field_name(s: &str) -> bool {
    let s = s.strip_prefix("r#").unwrap_or(s);
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

// ---------------------------------------------------------------------------------------
// Validation, once over many files.

/// The first error of a validator's output for one file, without its position.
fn first_error(lines: &[String]) -> String {
    let line = lines
        .iter()
        .find(|l| l.contains("error") || l.contains("not well-formed"))
        .or(lines.first())
        .map(String::as_str)
        .unwrap_or("?");
    let msg = match line.find("Schemas validity error : ") {
        Some(i) => &line[i + "Schemas validity error : ".len()..],
        None => line.trim_start_matches(|c: char| c != ' ').trim_start(),
    };
    let msg = msg
        .trim()
        .replace(
            "{http://schemas.microsoft.com/exchange/services/2006/types}",
            "t:",
        )
        .replace(
            "{http://schemas.microsoft.com/exchange/services/2006/messages}",
            "m:",
        );
    // Enumerations list every allowed value: keep the message short, on one line.
    let msg = match msg.find(" is not an element of the set {") {
        Some(i) => format!("{} is not an element of the enumeration.", &msg[..i]),
        None => msg,
    };
    // Long quoted values (base64 data) are cut.
    let mut short = String::new();
    for (i, part) in msg.split('\'').enumerate() {
        if i > 0 {
            short.push('\'');
        }
        if i % 2 == 1 && part.chars().count() > 48 {
            short.extend(part.chars().take(40));
            short.push('…');
        } else {
            short.push_str(part);
        }
    }
    let mut one_line = short.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 240 {
        one_line = one_line.chars().take(240).collect::<String>() + "…";
    }
    one_line
}

/// A short name for the kind of schema error, for the summary.
fn category(error: &str) -> &'static str {
    if error.contains("This element is not expected") {
        "unexpected-element"
    } else if error.contains("Missing child element") {
        "missing-element"
    } else if error.contains("No matching global") {
        "unknown-element"
    } else if error.contains("attribute") && error.contains("is not allowed") {
        "unexpected-attribute"
    } else if error.contains("is required but missing") {
        "missing-attribute"
    } else if error.contains("[facet ")
        || error.contains("is not a valid value")
        || error.contains("is not accepted by the pattern")
        || error.contains("is not an element of the set")
        || error.contains("is not a valid")
    {
        "invalid-value"
    } else if error.contains("not namespace-well-formed") {
        "not-namespace-well-formed"
    } else if error.contains("Character content") {
        "unexpected-text"
    } else {
        "other"
    }
}

// ---------------------------------------------------------------------------------------
// The test.

#[derive(Default)]
struct Summary {
    considered: usize,
    read: usize,
    snapshots: usize,
    round_tripped: usize,
    valid: usize,
    https_fixed: usize,
    outside: BTreeMap<String, usize>,
    known_bad: BTreeMap<(Stage, String), usize>,
    original_valid: usize,
    envelope_valid: usize,
}

/// What one run of the test gathers, stage by stage.
struct Run<'r> {
    /// The originals (https namespace normalised) and what was written, for validation.
    orig_dir: PathBuf,
    written_dir: PathBuf,
    sum: Summary,
    problems: Vec<String>,
    /// id → first failing stage and detail.
    failed: BTreeMap<String, (Stage, String)>,
    considered: Vec<&'r Row>,
    written_ids: Vec<&'r str>,
    snapshotted: BTreeSet<String>,
    snapshot_failures: Vec<String>,
    /// id → Body element of samples no operation has.
    no_operation: BTreeMap<String, String>,
    fixed_ids: BTreeSet<&'r str>,
    /// The schema errors of the originals (Body, else whole envelope), by id.
    original_invalid: BTreeMap<String, Vec<String>>,
    /// Lines for the known-bad list that an unlisted failing sample would need.
    suggested: String,
}

#[test]
fn doc_samples() {
    let rows = common::manifest();
    // One folder per run: several runs (other checkouts' agents, CI) may share the target.
    let work =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("doc_samples-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let mut run = Run::new(&work);
    for row in &rows {
        run.sample(row);
    }
    run.validate();
    run.compare(&known_bad());
    run.check_snapshots();
    let summary = run.summary(rows.len());
    println!("{summary}");
    run.finish(&work, &summary);
}

impl<'r> Run<'r> {
    fn new(work: &Path) -> Self {
        let (orig_dir, written_dir) = (work.join("original"), work.join("written"));
        std::fs::create_dir_all(&orig_dir).unwrap();
        std::fs::create_dir_all(&written_dir).unwrap();
        Run {
            orig_dir,
            written_dir,
            sum: Summary::default(),
            problems: Vec::new(),
            failed: BTreeMap::new(),
            considered: Vec::new(),
            written_ids: Vec::new(),
            snapshotted: BTreeSet::new(),
            snapshot_failures: Vec::new(),
            no_operation: BTreeMap::new(),
            fixed_ids: BTreeSet::new(),
            original_invalid: BTreeMap::new(),
            suggested: String::new(),
        }
    }

    /// Reads, snapshots and writes one sample (validation comes after, for all at once).
    fn sample(&mut self, row: &'r Row) {
        let path = common::samples_dir().join(&row.file);
        let raw = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let (text, fixed) = if raw.contains(HTTPS_SOAP_NS) {
            (raw.replace(HTTPS_SOAP_NS, SOAP_NS), true)
        } else {
            (raw, false)
        };
        let element = match outside(row, &text) {
            Ok(e) => e,
            Err(why) => {
                *self.sum.outside.entry(why).or_default() += 1;
                return;
            }
        };
        let processed = run(&text, &element);
        if fixed {
            self.fixed_ids.insert(row.id.as_str());
        }
        self.considered.push(row);
        std::fs::write(self.orig_dir.join(format!("{}.xml", row.id)), &text).unwrap();
        let Some(p) = processed else {
            // Decided in `validate`: a wrong element name (the Body is not schema-valid) is
            // the sample's fault; an element messages.xsd declares but whose operation
            // services.wsdl does not have (GetReminders, ...) has no envelope API to be read
            // with, and is counted outside the criteria.
            self.no_operation.insert(row.id.clone(), element);
            self.failed.insert(
                row.id.clone(),
                (Stage::Read, "no operation has this element".into()),
            );
            return;
        };
        if let Some(snap) = &p.snapshot {
            self.snapshot(row, &element, &p, snap);
        }
        if let Some(w) = &p.written {
            std::fs::write(self.written_dir.join(format!("{}.xml", row.id)), w).unwrap();
        }
        match p.failure {
            Some(f) => {
                self.failed.insert(row.id.clone(), f);
            }
            None => {
                self.sum.round_tripped += 1;
                self.written_ids.push(row.id.as_str());
            }
        }
    }

    /// Compares the typed value read with its snapshot (a mismatch is counted, reported
    /// at the end).
    fn snapshot(&mut self, row: &Row, element: &str, p: &Processed, snap: &str) {
        self.sum.read += 1;
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(snapshot_dir());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(format!(
            "m:{element}, the {} of operation {} (manifest kind {}); sample {} from {}",
            p.direction, p.operation, row.kind, row.file, row.source_page
        ));
        let id = row.id.as_str();
        let res = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(id, snap));
        }));
        match res {
            Ok(()) => self.sum.snapshots += 1,
            Err(_) => self.snapshot_failures.push(row.id.clone()),
        }
        self.snapshotted.insert(row.id.clone());
    }

    /// Schema validity of what was written (the round-tripped ones), and of the originals'
    /// Bodies and whole envelopes (to tell the sample's faults from ours).
    fn validate(&mut self) {
        let written_invalid = validate_all(&self.written_dir, &self.written_ids, false);
        for id in &self.written_ids {
            match written_invalid.get(*id) {
                None => self.sum.valid += 1,
                Some(lines) => {
                    let detail = format!("not schema-valid: {}", lines.join("\n"));
                    self.failed.insert((*id).to_owned(), (Stage::Valid, detail));
                }
            }
        }
        let all_ids: Vec<&str> = self.considered.iter().map(|r| r.id.as_str()).collect();
        let body_invalid = validate_all(&self.orig_dir, &all_ids, true);
        // The whole envelope too: the headers are read and written as well, and a sample
        // whose Body is fine may still have a header or envelope that is not.
        let mut original_invalid = validate_all(&self.orig_dir, &all_ids, false);
        let envelope_invalid: BTreeSet<String> = original_invalid.keys().cloned().collect();
        original_invalid.extend(body_invalid.clone());
        for (id, element) in &self.no_operation {
            if !original_invalid.contains_key(id) {
                let why = format!(
                    "Body child m:{element}: declared by messages.xsd, but no operation of \
                     services.wsdl has it"
                );
                *self.sum.outside.entry(why).or_default() += 1;
                self.failed.remove(id);
                self.considered.retain(|r| &r.id != id);
            }
        }
        let considered = &self.considered;
        let count = |keep: &dyn Fn(&Row) -> bool| considered.iter().filter(|r| keep(r)).count();
        self.sum.considered = considered.len();
        self.sum.original_valid = count(&|r| !body_invalid.contains_key(&r.id));
        self.sum.envelope_valid = count(&|r| !envelope_invalid.contains(&r.id));
        self.sum.https_fixed = count(&|r| self.fixed_ids.contains(r.id.as_str()));
        self.original_invalid = original_invalid;
    }

    /// Compares each sample's outcome with the known-bad list.
    fn compare(&mut self, known: &BTreeMap<String, KnownBad>) {
        for i in 0..self.considered.len() {
            let row = self.considered[i];
            self.compare_one(row, known.get(&row.id));
        }
        for id in known.keys() {
            if !self.considered.iter().any(|r| &r.id == id) {
                self.problems.push(format!(
                    "{id}: listed in {KNOWN_BAD} but not a sample this test reads"
                ));
            }
        }
    }

    fn compare_one(&mut self, row: &Row, listed: Option<&KnownBad>) {
        let id = &row.id;
        let original_error = self.original_invalid.get(id).map(|l| first_error(l));
        match (self.failed.get(id), listed) {
            (None, None) => {}
            (None, Some(k)) => self.problems.push(format!(
                "{id}: listed as failing at {} in {KNOWN_BAD}, but it passes now: \
                 remove it from the list",
                k.stage.as_str()
            )),
            (Some((stage, detail)), None) => match &original_error {
                Some(err) => {
                    self.problems.push(format!(
                        "{id}: fails at {} ({}), and the sample is not schema-valid \
                             ({err}): list it in {KNOWN_BAD} if the sample is wrong:\n{detail}",
                        stage.as_str(),
                        row.file,
                    ));
                    let _ = writeln!(
                        self.suggested,
                        "{id}\t{}\t{}\t{err}",
                        stage.as_str(),
                        category(err)
                    );
                }
                None => self.problems.push(format!(
                    "{id}: fails at {} but the sample is schema-valid, so this is a bug \
                         of the generator or the runtime ({}):\n{detail}",
                    stage.as_str(),
                    row.file,
                )),
            },
            (Some((stage, detail)), Some(k)) => {
                let problem = if *stage != k.stage {
                    Some(format!(
                        "{id}: listed as failing at {} but fails at {}:\n{detail}",
                        k.stage.as_str(),
                        stage.as_str()
                    ))
                } else if original_error.is_none() {
                    Some(format!(
                        "{id}: listed as a bad sample ({}), but the sample is schema-valid: \
                         this is a bug to fix, not to list:\n{detail}",
                        k.reason
                    ))
                } else {
                    let now = original_error.as_deref().map(category).unwrap_or("?");
                    if now == k.category {
                        let n = self.sum.known_bad.entry((k.stage, k.category.clone()));
                        *n.or_default() += 1;
                        None
                    } else {
                        Some(format!(
                            "{id}: listed with the schema error kind {}, but the sample's first \
                             error is now of kind {now}: {}",
                            k.category,
                            original_error.as_deref().unwrap_or("?")
                        ))
                    }
                };
                self.problems.extend(problem);
            }
        }
    }

    /// Snapshots: one per sample that was read, none stale, none new or changed.
    fn check_snapshots(&mut self) {
        for entry in std::fs::read_dir(snapshot_dir()).into_iter().flatten() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".snap") {
                if !self.snapshotted.contains(id) {
                    self.problems.push(format!(
                        "snapshots/doc_samples/{name} belongs to no sample that was read: \
                         delete it"
                    ));
                }
            }
        }
        if !self.snapshot_failures.is_empty() {
            self.problems.push(format!(
                "{} snapshots are new or changed (review with `cargo insta review`): {}",
                self.snapshot_failures.len(),
                self.snapshot_failures.join(", ")
            ));
        }
    }

    /// The summary printed with `--nocapture` (and with a failure).
    fn summary(&self, rows: usize) -> String {
        let sum = &self.sum;
        let mut s = String::new();
        let _ = writeln!(s, "doc samples: {rows} manifest rows");
        for (why, n) in &sum.outside {
            let _ = writeln!(s, "  outside the criteria: {n:4}  {why}");
        }
        let total_bad: usize = sum.known_bad.values().sum();
        let lines = [
            (
                "considered (envelopes with a messages Body child)",
                sum.considered,
                2,
            ),
            ("https envelope namespace normalised", sum.https_fixed, 4),
            ("Body schema-valid as published", sum.original_valid, 4),
            (
                "whole envelope schema-valid as published",
                sum.envelope_valid,
                4,
            ),
            ("read", sum.read, 4),
            ("snapshot matched", sum.snapshots, 4),
            ("round-tripped XML-equivalent", sum.round_tripped, 4),
            ("written schema-valid", sum.valid, 4),
        ];
        for (what, n, indent) in lines {
            let label = format!("{what}:");
            match indent {
                2 => {
                    let _ = writeln!(s, "  {label} {n}");
                }
                _ => {
                    let _ = writeln!(s, "    {label:<43}{n}");
                }
            }
        }
        let _ = writeln!(
            s,
            "    known-bad samples (listed in {KNOWN_BAD}):  {total_bad}"
        );
        for ((stage, cat), n) in &sum.known_bad {
            let _ = writeln!(s, "      {n:4}  fail at {:9}  {cat}", stage.as_str());
        }
        s
    }

    /// Passes (and removes the work folder) or fails with every problem found.
    fn finish(&self, work: &Path, summary: &str) {
        if self.problems.is_empty() {
            let _ = std::fs::remove_dir_all(work);
            return;
        }
        if !self.suggested.is_empty() {
            let out = work.join("known_bad_suggested.tsv");
            std::fs::write(&out, &self.suggested).unwrap();
            println!(
                "lines for {KNOWN_BAD} (samples whose Body is not schema-valid): {}",
                out.display()
            );
        }
        panic!(
            "{} problems with the documentation samples:\n\n{}\n\n{summary}",
            self.problems.len(),
            self.problems.join("\n\n")
        );
    }
}

/// A header the operation does not declare (the documentation sends `t:TimeZoneContext`
/// with `DeleteItem`, whose binding has no such header) is read into `other`, raw, so that
/// the request writes back (`write_request` refuses undeclared headers in typed fields).
#[test]
fn undeclared_header_is_kept_raw() {
    let id = "ews.how-to-delete-appointments-and-cancel-meetings-by-using-ews-in-exchange.01";
    let xml = common::sample(&format!("{id}.xml")).replace(HTTPS_SOAP_NS, SOAP_NS);
    let (headers, body) = read_request::<operations::DeleteItem>(xml.as_bytes()).unwrap();
    assert!(headers.request_server_version.is_some());
    assert!(headers.time_zone_context.is_none());
    let names: Vec<&str> = headers.other.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["TimeZoneContext"]);
    let written = write_request::<operations::DeleteItem>(&headers, &body).unwrap();
    assert!(written.contains("TimeZoneDefinition"), "{written}");
    assert_eq!(envelope_diff(&written, &xml), None);
}
