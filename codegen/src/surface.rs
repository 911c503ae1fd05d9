//! The generated API surface as data, for maintainers: counts ([`report`]), a compact
//! one-line-per-entry listing ([`listing`], snapshotted under `snapshots/`), and the
//! entries [`crate::diff`] compares between two schema sets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ir::*;

/// One entry of the surface: a key that identifies it across schema versions, and what
/// describes it (a change of the description is an API change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// `kind name` (`struct types::ItemType`, `field types::ItemType.subject`, ...).
    pub(crate) key: String,
    /// Type, optionality, repetition, wire name.
    pub(crate) shape: String,
    /// Documentation (a change here is not an API change).
    pub(crate) doc: String,
}

fn ty_name(t: &Ty) -> String {
    match t {
        Ty::Item(m, n) => format!("{}::{n}", m.name()),
        Ty::Builtin(b) => format!("xs:{b:?}"),
        Ty::AnyContent => "AnyElement".into(),
        Ty::Nillable(t) => format!("Nillable<{}>", ty_name(t)),
    }
}

fn card(c: Card, inner: String) -> String {
    match c {
        Card::One => inner,
        Card::Optional => format!("Option<{inner}>"),
        Card::Many => format!("Vec<{inner}>"),
    }
}

fn wire(x: &XmlBinding) -> String {
    match x {
        XmlBinding::Attribute { ns: Some(n), name } => format!("@{}:{name}", n.prefix()),
        XmlBinding::Attribute { ns: None, name } => format!("@{name}"),
        XmlBinding::Element { ns, name } => format!("{}:{name}", ns.prefix()),
        XmlBinding::Choice => "(choice)".into(),
        XmlBinding::Text => "(text)".into(),
        XmlBinding::Any => "(xs:any)".into(),
        XmlBinding::AnyAttributes => "(xs:anyAttribute)".into(),
    }
}

/// `text` with each run of white space (line ends included) as one space: files that differ
/// only in line ends (CR LF against LF) or in how text is wrapped have the same
/// documentation.
fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Our doc lines and the schema's annotation: a change in either is a documentation change.
fn both(ours: &[String], schema: &[String]) -> Vec<String> {
    [ours, schema].concat()
}

/// One entry, its documentation lines joined with their white space normalized.
fn entry(key: String, shape: String, doc: &[String]) -> Entry {
    Entry {
        key,
        shape,
        doc: normalize_space(&doc.join("\n")),
    }
}

/// Every entry of the plan, in a stable order.
pub(crate) fn entries(plan: &Plan) -> Vec<Entry> {
    let mut out: Vec<Entry> = plan.operations.iter().map(operation_entry).collect();
    for it in &plan.items {
        let path = format!("{}::{}", it.module.name(), it.name);
        item_entries(plan, it, &path, &mut out);
        helper_entries(plan, it, &path, &mut out);
    }
    out
}

/// An operation: its request and response, SOAP action and request headers.
fn operation_entry(op: &Operation) -> Entry {
    let (rm, rn) = &op.request;
    let (sm, sn) = &op.response;
    let shape = format!(
        "operations::{} = {}::{rn} -> {}::{sn} action={} headers=[{}]",
        op.rust_name,
        rm.name(),
        sm.name(),
        op.soap_action,
        op.request_headers.join(",")
    );
    entry(
        format!("operation {}", op.name),
        shape,
        &both(&op.doc, &op.schema_doc),
    )
}

/// An item and its members (fields, variants, values), by its kind.
fn item_entries(plan: &Plan, it: &Item, path: &str, out: &mut Vec<Entry>) {
    let doc = both(&it.doc, &it.schema_doc);
    match &it.kind {
        ItemKind::Struct(s) => struct_entries(plan, it, s, path, out),
        ItemKind::Choice(c) => choice_entries(&doc, c, path, out),
        ItemKind::Kinds(k) => kinds_entries(&doc, k, path, out),
        ItemKind::Enum(e) => enum_entries(&doc, e, path, out),
        ItemKind::Union(vs) => {
            let members: Vec<String> = vs
                .iter()
                .map(|v| format!("{}({})", v.name, ty_name(&v.ty)))
                .collect();
            out.push(entry(format!("union {path}"), members.join(" | "), &doc));
        }
        ItemKind::Alias(AliasTarget::Ty(t)) => {
            out.push(entry(format!("alias {path}"), ty_name(t), &doc))
        }
        ItemKind::Alias(AliasTarget::List(t)) => out.push(entry(
            format!("alias {path}"),
            format!("List<{}>", ty_name(t)),
            &doc,
        )),
        ItemKind::Element(e) => out.push(entry(
            format!("element {path}"),
            format!("{} = {}", e.xsd, ty_name(&e.ty)),
            &doc,
        )),
    }
}

/// A struct: its XSD name and base, then each of its fields.
fn struct_entries(plan: &Plan, it: &Item, s: &Struct, path: &str, out: &mut Vec<Entry>) {
    let base = s
        .base
        .as_ref()
        .map(|b| format!(" base={}", ty_name(b)))
        .unwrap_or_default();
    out.push(entry(
        format!("struct {path}"),
        format!("{}{base}", s.xsd),
        &both(&it.doc, &it.schema_doc),
    ));
    for f in &s.fields {
        field_entries(plan, it, f, path, out);
    }
}

/// A field: the alias it is declared with (when not its type), then its shape and wire name.
fn field_entries(plan: &Plan, it: &Item, f: &Field, path: &str, out: &mut Vec<Entry>) {
    let declared = plan.declared_ty(it, f);
    let inner = match f.xml {
        XmlBinding::AnyAttributes => "AnyAttribute".into(),
        _ => ty_name(&declared),
    };
    if declared != f.ty {
        out.push(entry(
            format!("alias {}", ty_name(&declared)),
            ty_name(&f.ty),
            &[],
        ));
    }
    // A repeated element the schema requires once or more: `Vec<T> (1..)`.
    let min = if f.at_least_one { " (1..)" } else { "" };
    let value = match &f.constraint {
        Some(ValueConstraint::Default(v)) => format!(" default={v}"),
        Some(ValueConstraint::Fixed(v)) => format!(" fixed={v}"),
        None => String::new(),
    };
    let shape = format!("{}{min} <- {}{value}", card(f.card, inner), wire(&f.xml));
    out.push(entry(
        format!("field {path}.{}", f.name),
        shape,
        &both(&f.doc, &f.schema_doc),
    ));
}

/// A choice enum, then each variant: its type (a `Vec` when repeated) and element.
fn choice_entries(doc: &[String], c: &Choice, path: &str, out: &mut Vec<Entry>) {
    out.push(entry(format!("choice {path}"), String::new(), doc));
    for v in &c.variants {
        let inner = ty_name(&v.ty);
        let inner = if v.many {
            format!("Vec<{inner}>")
        } else {
            inner
        };
        out.push(entry(
            format!("variant {path}::{}", v.name),
            format!("{inner} <- {}", v.element),
            &both(&v.doc, &v.schema_doc),
        ));
    }
}

/// A kinds enum and its base, then each variant's `xsi:type`.
fn kinds_entries(doc: &[String], k: &Kinds, path: &str, out: &mut Vec<Entry>) {
    out.push(entry(format!("kinds {path}"), k.base.to_string(), doc));
    for v in &k.variants {
        out.push(entry(
            format!("variant {path}::{}", v.name),
            format!("xsi:type={}", v.xsi_type),
            &[],
        ));
    }
}

/// An enumeration and its XSD name, then each value.
fn enum_entries(doc: &[String], e: &Enumeration, path: &str, out: &mut Vec<Entry>) {
    out.push(entry(format!("enum {path}"), e.xsd.to_string(), doc));
    for v in &e.values {
        out.push(entry(
            format!("value {path}::{}", v.name),
            format!("{:?}", v.value),
            &both(&v.doc, &v.schema_doc),
        ));
    }
}

/// The accessor and the `From` conversions generated for an item.
fn helper_entries(plan: &Plan, it: &Item, path: &str, out: &mut Vec<Entry>) {
    if let Some(a) = plan.accessors.get(&(it.module, it.name.clone())) {
        let base = ty_name(&Ty::Item(a.base.0, a.base.1.clone()));
        out.push(entry(format!("accessor {path}::{}", a.name), base, &[]));
    }
    for c in plan
        .conversions
        .get(&(it.module, it.name.clone()))
        .into_iter()
        .flatten()
    {
        out.push(entry(
            format!("from {path} <- {}", source_name(&c.source)),
            how(&c.how),
            &[],
        ));
    }
}

fn source_name(s: &Source) -> String {
    match s {
        Source::Ty(t) => ty_name(t),
        Source::Vec(t) => format!("Vec<{}>", ty_name(t)),
        Source::Str => "&str".into(),
    }
}

/// What a conversion sets.
fn how(h: &How) -> String {
    match h {
        How::Variant { variant, .. } => format!("variant {variant}"),
        How::VariantFrom {
            variant, member, ..
        } => format!("variant {variant} via {}", ty_name(member)),
        How::Field {
            bases, field, via, ..
        } => {
            let via = via.as_ref().map(|t| format!(" via {}", ty_name(t)));
            format!(
                "field {}{field}{}",
                "base.".repeat(*bases),
                via.unwrap_or_default()
            )
        }
        How::Base => "base".into(),
        How::Subset { .. } => "same variant (TryFrom back)".into(),
    }
}

/// The API surface, one line per operation, item, field, variant and enumeration value.
pub fn listing(plan: &Plan) -> String {
    let mut s = String::new();
    for e in entries(plan) {
        let indent = match e.key.split(' ').next() {
            Some("field" | "variant" | "value" | "from" | "accessor") => "  ",
            _ => "",
        };
        let _ = writeln!(s, "{indent}{}: {}", e.key, e.shape);
    }
    s
}

/// Counts of the generated API, as `(what, count)` rows.
pub fn report(plan: &Plan) -> Vec<(&'static str, usize)> {
    let mut rows: BTreeMap<&'static str, usize> = BTreeMap::new();
    rows.insert("operations", plan.operations.len());
    rows.insert(
        "conversions (From impls)",
        plan.conversions.values().map(Vec::len).sum(),
    );
    for it in &plan.items {
        let k = match &it.kind {
            ItemKind::Struct(s) => {
                *rows.entry("struct fields").or_default() += s.fields.len();
                "structs (complex types)"
            }
            ItemKind::Choice(c) => {
                *rows.entry("choice variants").or_default() += c.variants.len();
                "choice enums"
            }
            ItemKind::Kinds(_) => "xsi:type enums (abstract types)",
            ItemKind::Enum(e) => {
                *rows.entry("enumeration values").or_default() += e.values.len();
                "enumerations"
            }
            ItemKind::Union(_) => "unions",
            ItemKind::Alias(_) => "aliases (restricted or list simple types)",
            ItemKind::Element(_) => "element wrappers",
        };
        *rows.entry(k).or_default() += 1;
    }
    for e in &plan.index {
        *rows
            .entry(match e.kind {
                IndexKind::ComplexType => "schema complexTypes",
                IndexKind::SimpleType => "schema simpleTypes",
                IndexKind::Element => "schema global elements",
            })
            .or_default() += 1;
    }
    rows.into_iter().collect()
}

/// Per operation family: how many operations it has and how many items a build with only
/// that family compiles (the items always compiled included). The first row, `(always)`,
/// counts the items every build compiles; `other` lists operations no family names.
pub fn family_report(plan: &Plan) -> String {
    let always = plan.items.iter().filter(|it| it.gate.is_empty()).count();
    let mut out = format!(
        "| family | operations | items compiled |\n|---|---|---|\n| (always) | | {always} |\n"
    );
    let features = crate::families::FAMILIES.iter().map(|f| f.feature).chain([
        crate::families::OTHER.feature,
        crate::passes::families::UNUSED,
    ]);
    for feature in features {
        let ops: Vec<&str> = plan
            .operations
            .iter()
            .filter(|op| op.gate.iter().any(|g| g == feature))
            .map(|op| op.name.as_str())
            .collect();
        let items = plan
            .items
            .iter()
            .filter(|it| it.gate.iter().any(|g| g == feature))
            .count();
        let listed = if feature == crate::families::OTHER.feature && !ops.is_empty() {
            format!(" ({})", ops.join(", "))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "| {feature} | {}{listed} | {} |\n",
            ops.len(),
            always + items
        ));
    }
    out
}

/// The documented versions that the schema history contradicts (see
/// `passes::history`), one line each: what, the documented version, the level whose schema
/// has it. Empty without the version table or the history.
pub fn history_report(plan: &Plan) -> String {
    let mut out = String::new();
    for f in &plan.versions.history {
        out.push_str(&format!(
            "{}: documented {}, in the {} schema ({})\n",
            f.what,
            f.documented.as_str(),
            f.level,
            f.present.as_str()
        ));
    }
    out
}
