//! The first line of each item's rustdoc: what the item is for a user, said from the plan's
//! structure alone (the operation whose request or response it is, where it is used, what
//! it holds), never from the schema's annotations or Microsoft's pages. The wire facts (XSD
//! name, kind, namespace, version, link) follow it in the emitted docs.
//!
//! Kept in [`Plan::summaries`], apart from the items' own doc lines: a summary restates the
//! structure (its uses, its members), which the API surface already shows, so `codegen
//! diff` does not count it as a documentation change.

use std::collections::BTreeMap;

use crate::ir::*;

/// How many names a summary lists before it says "and N more".
const LISTED: usize = 4;

/// One place an item is used: the owner's Rust name, the field (`.name`) or variant
/// (`::Name`) holding it, and the wire name it stands under there (an element, an
/// attribute).
struct Use {
    owner: String,
    member: Option<String>,
    wire: Option<String>,
    /// A variant of a kinds enum (chosen by `xsi:type`).
    xsi: bool,
}

impl Use {
    fn place(&self) -> String {
        match &self.member {
            Some(m) => format!("`{}{m}`", self.owner),
            None => format!("`{}`", self.owner),
        }
    }
}

/// What the summaries are made of, collected once over the plan.
#[derive(Default)]
struct Facts {
    /// Where each item is held (fields, variants, aliases, unions).
    uses: BTreeMap<(Module, String), Vec<Use>>,
    /// The structs that extend each struct (hold it in `base`).
    derived: BTreeMap<(Module, String), Vec<String>>,
    /// The element wrappers of each type: (wrapper, element).
    wrapped: BTreeMap<(Module, String), Vec<String>>,
    /// The operations whose request (`true`) or response (`false`) element each wrapper is.
    bodies: BTreeMap<(Module, String), Vec<(String, bool)>>,
    /// The SOAP headers (local names of `t:` elements): in how many operations' requests
    /// and responses.
    headers: BTreeMap<String, (usize, usize)>,
}

fn key(ty: &Ty) -> Option<(Module, String)> {
    ty.item().map(|(m, n)| (m, n.to_owned()))
}

fn facts(plan: &Plan) -> Facts {
    let mut f = Facts::default();
    let mut add = |ty: &Ty, u: Use| {
        if let Some(k) = key(ty) {
            f.uses.entry(k).or_default().push(u);
        }
    };
    for item in &plan.items {
        let place = |member: Option<String>, wire: Option<String>, xsi: bool| Use {
            owner: item.name.clone(),
            member,
            wire,
            xsi,
        };
        let variant = |name: &str| Some(format!("::{name}"));
        match &item.kind {
            ItemKind::Struct(s) => {
                for field in &s.fields {
                    let wire = match &field.xml {
                        XmlBinding::Element { ns, name } => Some(format!("{}:{name}", ns.prefix())),
                        XmlBinding::Attribute { name, .. } => Some(format!("@{name}")),
                        _ => None,
                    };
                    // A field naming a shared choice by its alias holds the shared enum.
                    let member = Some(format!(".{}", field.name));
                    add(&field.ty, place(member, wire, false));
                }
            }
            ItemKind::Choice(c) => {
                for v in &c.variants {
                    let wire = Some(v.element.to_string());
                    add(&v.ty, place(variant(&v.name), wire, false));
                }
            }
            ItemKind::Kinds(k) => {
                for v in &k.variants {
                    add(&v.ty, place(variant(&v.name), None, true));
                }
            }
            ItemKind::Union(vs) => {
                for v in vs {
                    add(&v.ty, place(variant(&v.name), None, false));
                }
            }
            ItemKind::Alias(AliasTarget::Ty(t) | AliasTarget::List(t)) => {
                add(t, place(None, None, false))
            }
            ItemKind::Element(_) | ItemKind::Enum(_) => {}
        }
    }
    for item in &plan.items {
        match &item.kind {
            ItemKind::Struct(Struct { base: Some(b), .. }) => {
                if let Some(k) = key(b) {
                    f.derived.entry(k).or_default().push(item.name.clone());
                }
            }
            ItemKind::Element(e) => {
                if let Some(k) = key(&e.ty) {
                    f.wrapped.entry(k).or_default().push(item.name.clone());
                }
            }
            _ => {}
        }
    }
    for op in &plan.operations {
        f.bodies
            .entry(op.request.clone())
            .or_default()
            .push((op.name.clone(), true));
        f.bodies
            .entry(op.response.clone())
            .or_default()
            .push((op.name.clone(), false));
        for h in &op.request_headers {
            f.headers.entry(h.clone()).or_default().0 += 1;
        }
        for h in &op.response_headers {
            f.headers.entry(h.clone()).or_default().1 += 1;
        }
    }
    f
}

/// `a`, `a and b`, `a, b and c`, `a, b, c, d and 3 more`.
fn listing(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(LISTED).map(String::as_str).collect();
    match (shown.split_last(), names.len() - shown.len()) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => (*last).to_owned(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}

fn code(s: &str) -> String {
    format!("`{s}`")
}

/// Each of `names` as code.
fn codes<T: std::fmt::Display>(names: impl Iterator<Item = T>) -> Vec<String> {
    names.map(|n| format!("`{n}`")).collect()
}

/// The operations of `bodies` as "the `A` operation" / "the `A` and `B` operations".
fn operations(ops: &[&String]) -> String {
    let names: Vec<String> = ops.iter().map(|o| code(o)).collect();
    match names.len() {
        1 => format!("the {} operation", names[0]),
        _ => format!("the {} operations", listing(&names)),
    }
}

/// " Used in `A.b` and `C.d`." (or how many places), nothing when unused.
fn used_in(uses: &[Use]) -> String {
    match uses.len() {
        0 => String::new(),
        1..=3 => {
            let places: Vec<String> = uses.iter().map(Use::place).collect();
            format!(" Used in {}.", listing(&places))
        }
        n => format!(" Used in {n} places, e.g. {}.", uses[0].place()),
    }
}

/// The distinct wire names of `uses` that are elements.
fn elements(uses: &[Use]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in uses.iter().filter_map(|u| u.wire.as_deref()) {
        if !w.starts_with('@') && !out.iter().any(|o| o == &code(w)) {
            out.push(code(w));
        }
    }
    out
}

/// The request and response bodies among the wrappers of a type: (operation, is request).
fn bodies<'f>(facts: &'f Facts, wrappers: &[String], module: Module) -> Vec<&'f (String, bool)> {
    wrappers
        .iter()
        .flat_map(|w| facts.bodies.get(&(module, w.clone())).into_iter().flatten())
        .collect()
}

fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Item(_, n) => n.clone(),
        Ty::Builtin(b) => {
            let t = crate::emit::types::builtin(*b).to_string();
            t.rsplit(' ').next().unwrap_or_default().to_owned()
        }
        Ty::AnyContent => "AnyElement".into(),
        Ty::Nillable(t) => type_text(t),
    }
}

/// The summary of one item: dispatches on its kind.
fn summary(plan: &Plan, facts: &Facts, item: &Item) -> String {
    let k = (item.module, item.name.clone());
    let uses: &[Use] = facts.uses.get(&k).map_or(&[], Vec::as_slice);
    match &item.kind {
        ItemKind::Element(e) => element_summary(facts, &k, e),
        ItemKind::Struct(s) => struct_summary(plan, facts, item, s, uses),
        ItemKind::Choice(c) => choice_summary(c, uses),
        ItemKind::Kinds(kinds) => kinds_summary(kinds, uses),
        ItemKind::Enum(e) => enum_summary(e, uses),
        ItemKind::Union(vs) => union_summary(vs, uses),
        ItemKind::Alias(AliasTarget::List(t)) => format!(
            "A list of {} values, separated by spaces.{}",
            code(&type_text(t)),
            used_in(uses)
        ),
        ItemKind::Alias(AliasTarget::Ty(t)) => alias_summary(plan, item, t, uses),
    }
}

/// The operations of `ops` whose request (`true`) or response (`false`) it is.
fn sided<'o>(ops: &[&'o (String, bool)], request: bool) -> Vec<&'o String> {
    ops.iter()
        .filter(|o| o.1 == request)
        .map(|o| &o.0)
        .collect()
}

/// An element wrapper: the request or response of operations, a SOAP header, or a document.
fn element_summary(facts: &Facts, k: &(Module, String), e: &ElementWrapper) -> String {
    let ops: Vec<&(String, bool)> = facts.bodies.get(k).into_iter().flatten().collect();
    let (requests, responses) = (sided(&ops, true), sided(&ops, false));
    let element = code(&e.xsd.to_string());
    if !requests.is_empty() {
        return format!("The request of {}.", operations(&requests));
    }
    if !responses.is_empty() {
        return format!("The response of {}.", operations(&responses));
    }
    if let (Some(counts), crate::model::Ns::Types) = (facts.headers.get(&e.xsd.name), e.xsd.ns) {
        return format!("The SOAP header {element}, {}.", header_side(*counts));
    }
    format!(
        "The element {element} as a value of its own, to read or write it as a document: \
         it holds a {}.",
        code(&type_text(&e.ty))
    )
}

/// Where a SOAP header goes, from how many operations' requests and responses have it.
fn header_side(counts: (usize, usize)) -> String {
    match counts {
        (0, n) => format!("in the responses of {n} operations"),
        (n, 0) => format!("in the requests of {n} operations"),
        (n, m) => format!("in the requests of {n} and the responses of {m} operations"),
    }
}

/// A struct: what a request or response holds, a response message, or its other sentences.
fn struct_summary(plan: &Plan, facts: &Facts, item: &Item, s: &Struct, uses: &[Use]) -> String {
    let k = (item.module, item.name.clone());
    let wrappers = facts.wrapped.get(&k).map_or(&[][..], Vec::as_slice);
    let ops = bodies(facts, wrappers, item.module);
    let (requests, responses) = (sided(&ops, true), sided(&ops, false));
    if !requests.is_empty() {
        return format!("What the request of {} holds.", operations(&requests));
    }
    if !responses.is_empty() {
        return format!("What the response of {} holds.", operations(&responses));
    }
    let els = struct_elements(plan, item.module, wrappers, uses);
    let kinds: Vec<String> = uses
        .iter()
        .filter(|u| u.xsi)
        .map(|u| code(&u.owner))
        .collect();
    let uses: Vec<&Use> = uses.iter().filter(|u| !u.xsi).collect();
    if s.is_response_message {
        return response_message_summary(facts, &uses, &els);
    }
    let sentences: Vec<String> = [
        held_sentence(&els, &uses),
        kinds_sentence(&kinds),
        base_sentence(facts.derived.get(&k).map_or(&[][..], Vec::as_slice), s),
    ]
    .into_iter()
    .flatten()
    .collect();
    if sentences.is_empty() {
        return format!(
            "A type of the schema that none of its elements uses (`{}`).",
            s.xsd.name.replace('#', "/")
        );
    }
    sentences.join(" ")
}

/// The elements a struct is the content of: its wrappers' elements, then those of its uses.
fn struct_elements(plan: &Plan, module: Module, wrappers: &[String], uses: &[Use]) -> Vec<String> {
    let mut els = Vec::new();
    for w in wrappers {
        let wrapper = plan.item(&Ty::Item(module, w.clone()));
        if let Some(ItemKind::Element(e)) = wrapper.map(|it| &it.kind) {
            els.push(code(&e.xsd.to_string()));
        }
    }
    for e in elements(uses) {
        if !els.contains(&e) {
            els.push(e);
        }
    }
    els
}

/// A response message: the operations whose responses hold it and its elements.
fn response_message_summary(facts: &Facts, uses: &[&Use], els: &[String]) -> String {
    let ops = response_operations(facts, uses);
    let of = match ops.is_empty() {
        true => String::new(),
        false => format!(" of {}", operations(&ops)),
    };
    let sent = match els.is_empty() {
        true => String::new(),
        false => format!(" ({})", listing(els)),
    };
    format!(
        "One response message{of}{sent}: the class, code and payload of one entry \
         of the response."
    )
}

/// "The content of `t:A` in `B.c`." / "Held in ...": none without elements or uses.
fn held_sentence(els: &[String], uses: &[&Use]) -> Option<String> {
    if els.is_empty() && uses.is_empty() {
        return None;
    }
    let what = match els.len() {
        0 => String::new(),
        1 => format!(" {}", els[0]),
        _ => format!(" the elements {}", listing(els)),
    };
    let place = match uses.len() {
        0 => String::new(),
        1..=3 => {
            let places: Vec<String> = uses.iter().map(|u| u.place()).collect();
            format!(" in {}", listing(&places))
        }
        n => format!(" in {n} places, e.g. {}", uses[0].place()),
    };
    Some(match what.is_empty() {
        true => format!("Held{place}."),
        false => format!("The content of{what}{place}."),
    })
}

/// "A kind of `A`, chosen on the wire by `xsi:type`.": none when no kinds enum holds it.
fn kinds_sentence(kinds: &[String]) -> Option<String> {
    (!kinds.is_empty()).then(|| {
        format!(
            "A kind of {}, chosen on the wire by `xsi:type`.",
            listing(kinds)
        )
    })
}

/// "The base of `A`, which holds its fields in its `base` field.": none when none extends it.
fn base_sentence(derived: &[String], s: &Struct) -> Option<String> {
    if derived.is_empty() {
        return None;
    }
    let names: Vec<String> = derived.iter().map(|d| code(d)).collect();
    let those = match names.len() {
        1 => format!("{}, which holds its fields in its", names[0]),
        n => format!(
            "the {n} types that extend it ({}), which hold its fields in their",
            listing(&names)
        ),
    };
    let own = match s.is_abstract {
        true => " (it is abstract: a value is always one of them)",
        false => "",
    };
    Some(format!("The base of {those} `base` field{own}."))
}

/// A choice enum: its elements, and the field it stands in.
fn choice_summary(c: &Choice, uses: &[Use]) -> String {
    let els = codes(c.variants.iter().map(|v| &v.element));
    let n = els.len();
    let owners: Vec<&Use> = uses.iter().filter(|u| u.wire.is_none()).collect();
    let place = match owners.as_slice() {
        [] => String::new(),
        [one] => format!(" stands in {}", one.place()),
        [one, rest @ ..] => {
            let places = if rest.len() == 1 { "place" } else { "places" };
            format!(
                " stands in {} (and {} more {places})",
                one.place(),
                rest.len()
            )
        }
    };
    match place.is_empty() {
        true => format!("One of {n} elements: {}.", listing_or(&els)),
        false => format!("Which of {n} elements{place}: {}.", listing_or(&els)),
    }
}

/// A kinds enum: the derived types its `xsi:type` chooses among.
fn kinds_summary(kinds: &Kinds, uses: &[Use]) -> String {
    let names = codes(kinds.variants.iter().map(|v| &v.xsi_type));
    format!(
        "Which type derived from {} a value is, as its `xsi:type` says: {}.{}",
        code(&kinds.base.to_string()),
        listing_or(&names),
        used_in(uses)
    )
}

/// An enumeration: its values, and where it is used.
fn enum_summary(e: &Enumeration, uses: &[Use]) -> String {
    let values: Vec<String> = e.values.iter().map(|v| code(&v.value)).collect();
    match uses {
        [one] => format!("The values of {}: {}.", one.place(), listing_or(&values)),
        _ => format!(
            "One of {} values: {}.{}",
            values.len(),
            listing_or(&values),
            used_in(uses)
        ),
    }
}

/// A union: the types it reads, in order.
fn union_summary(vs: &[Variant], uses: &[Use]) -> String {
    let types: Vec<String> = vs.iter().map(|v| code(&type_text(&v.ty))).collect();
    format!(
        "A value of one of {} types, the first that reads it: {}.{}",
        types.len(),
        listing_or(&types),
        used_in(uses)
    )
}

/// An alias of a simple type: its type, whether restricted, and its XSD name.
fn alias_summary(plan: &Plan, item: &Item, t: &Ty, uses: &[Use]) -> String {
    let restricted = match item.facets.is_empty() {
        true => "",
        false => " that the schema restricts (below)",
    };
    format!(
        "A {} value{restricted}, named `{}` in the schema.{}",
        code(&type_text(t)),
        item_xsd_name(plan, item),
        used_in(uses)
    )
}

/// Like [`listing`], with "or" before the last of a short list.
fn listing_or(names: &[String]) -> String {
    match names.len() {
        0..=1 => listing(names),
        n if n <= LISTED => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
        _ => listing(names),
    }
}

/// The XSD name of an item, from the schema index (its Rust name when it has none there).
fn item_xsd_name(plan: &Plan, item: &Item) -> String {
    plan.index
        .iter()
        .find(|e| e.module == item.module && e.rust == item.name)
        .map_or_else(|| item.name.clone(), |e| e.xsd.to_string())
}

/// The operations whose response holds a response message used at `uses`: the message
/// stands in a batch (or a choice of messages), which stands in an operation's response
/// content; two steps.
fn response_operations<'f>(facts: &'f Facts, uses: &[&Use]) -> Vec<&'f String> {
    let mut ops: Vec<&String> = Vec::new();
    for u in uses {
        for module in [Module::Messages, Module::Types] {
            let holders = facts.uses.get(&(module, u.owner.clone()));
            for h in holders.into_iter().flatten() {
                for m in [Module::Messages, Module::Types] {
                    let wrappers = facts.wrapped.get(&(m, h.owner.clone()));
                    let wrappers = wrappers.map_or(&[][..], Vec::as_slice);
                    for (op, request) in bodies(facts, wrappers, m) {
                        if !request && !ops.contains(&op) {
                            ops.push(op);
                        }
                    }
                }
            }
        }
    }
    ops
}

/// Writes [`Plan::summaries`]: one line per item.
pub fn write(plan: &mut Plan) {
    let facts = facts(plan);
    let summaries = plan
        .items
        .iter()
        .map(|item| {
            (
                (item.module, item.name.clone()),
                summary(plan, &facts, item),
            )
        })
        .collect();
    plan.summaries = summaries;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::lower::tests::lowered;

    /// Summaries say where a type stands and what a choice or an enumeration holds, from
    /// names and structure only.
    #[test]
    fn summaries_say_where_and_what() {
        let mut plan = lowered("summaries");
        write(&mut plan);
        let summary = |name: &str| plan.summaries[&(Module::Types, name.to_owned())].clone();
        assert_eq!(
            summary("ColourType"),
            "The values of `LabelType.colour`: `Red` or `Blue`."
        );
        assert_eq!(
            summary("LabelType"),
            "The content of `t:Label` in `TaggedTagOrLabel::Label`. The base of `TaggedType`, \
             which holds its fields in its `base` field."
        );
        assert_eq!(summary("TaggedType"), "The content of `t:Tagged`.");
        assert_eq!(
            summary("TaggedTagOrLabel"),
            "Which of 2 elements stands in `TaggedType.tag_or_label`: `t:Tag` or `t:Label`."
        );
        assert!(
            summary("Tagged").starts_with("The element `t:Tagged` as a value of its own"),
            "{}",
            summary("Tagged")
        );
    }
}
