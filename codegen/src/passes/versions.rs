//! Versions pass: attaches the "introduced in" table ([`versions::Table`]) to the plan:
//! a [`VersionDoc`] (since, documentation link, description) for operations, element
//! wrappers, struct fields and choice variants, a since for types, and the set of items
//! whose values must be walked to find the versions they use ([`Versions::walk`]).
//!
//! How a row is found for an element declaration: see [`versions::Table::element`]; the
//! owner of a struct field is the struct's complex type (fields are the type's own
//! declarations: an extension's base is a separate struct), the owner of a choice variant
//! is each struct holding the choice (a shared choice whose owners disagree gets the
//! earliest known version: never refuse what one of its parents allows).
//!
//! - operations: the operation's page (the plain one, not a variant page); without a
//!   version there, the request element's page (4 operations are documented only there);
//! - errata ([`versions::ERRATA`]): declarations whose documented version Microsoft's own
//!   samples contradict keep their link but get no version;
//! - types: a type gets a since only when every element declared with it has one (the
//!   earliest); it has no page of its own.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::*;
use crate::versions::{self, Owner, Row, Table};

fn doc(r: &Row) -> VersionDoc {
    VersionDoc {
        since: r.since,
        online_only: r.online_only,
        url: r.url.clone(),
        description: r.description.clone(),
        erratum: None,
        documented: None,
    }
}

/// Rust item → the local name of the named schema type it was made from.
fn schema_types(plan: &Plan) -> BTreeMap<(Module, String), String> {
    plan.index
        .iter()
        .filter(|e| e.kind != IndexKind::Element)
        .map(|e| ((e.module, e.rust.clone()), e.xsd.name.clone()))
        .collect()
}

/// (element name, its schema type) → the owners declaring it (`(global)` for globals).
fn declarations(
    plan: &Plan,
    xsd: &BTreeMap<(Module, String), String>,
) -> BTreeMap<(String, String), Vec<String>> {
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut add = |name: &str, t: &Ty, owner: &str| {
        if let Some((m, n)) = t.item() {
            if let Some(x) = xsd.get(&(m, n.to_owned())) {
                out.entry((name.to_owned(), x.clone()))
                    .or_default()
                    .insert(owner.to_owned());
            }
        }
    };
    let choice_owners = plan.choice_owners();
    for item in &plan.items {
        match &item.kind {
            ItemKind::Struct(s) => {
                for f in &s.fields {
                    if let XmlBinding::Element { name, .. } = &f.xml {
                        add(name, &f.ty, &s.xsd.name);
                    }
                }
            }
            ItemKind::Element(e) => add(&e.xsd.name, &e.ty, "(global)"),
            ItemKind::Choice(c) => {
                let owners = choice_owners
                    .get(&(item.module, item.name.clone()))
                    .cloned()
                    .unwrap_or_else(|| ["(global)".to_owned()].into());
                for var in &c.variants {
                    for o in &owners {
                        add(&var.element.name, &var.ty, o);
                    }
                }
            }
            _ => {}
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect()
}

/// Attaches the table to the plan (replacing what was there), with the schema history's
/// evidence where it has any (see [`super::history`]).
pub fn attach(plan: &mut Plan, table: &Table, history: Option<&super::history::History>) {
    let mut v = Versions::default();
    let xsd = schema_types(plan);
    let own = |t: &Ty| {
        t.item()
            .and_then(|(m, n)| xsd.get(&(m, n.to_owned())))
            .map(String::as_str)
    };
    let mut table = table.clone();
    table.retarget(&declarations(plan, &xsd));
    let table = &table;

    // Operations.
    let wrappers: BTreeMap<(Module, String), &ElementWrapper> = plan
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Element(e) => Some(((i.module, i.name.clone()), e)),
            _ => None,
        })
        .collect();
    for op in &plan.operations {
        let page = table.operation(&op.name);
        let element = table.element(&op.request_element.name, Owner::Global, None);
        let mut d = match (page, element) {
            (Some(p), _) => doc(p),
            (None, Some(e)) => doc(e),
            (None, None) => continue,
        };
        if d.since.is_none() {
            d.since = element.and_then(|e| e.since);
        }
        v.operations.insert(op.name.clone(), d);
    }

    // Element wrappers (global elements).
    for ((m, n), e) in &wrappers {
        if let Some(r) = table.element(&e.xsd.name, Owner::Global, own(&e.ty)) {
            v.items.insert((*m, n.clone()), doc(r));
        }
    }

    // Struct fields.
    for item in &plan.items {
        let ItemKind::Struct(s) = &item.kind else {
            continue;
        };
        let owner = s.xsd.name.as_str();
        for f in &s.fields {
            let XmlBinding::Element { name, .. } = &f.xml else {
                continue;
            };
            if let Some(r) = table.element(name, Owner::Type(owner), own(&f.ty)) {
                let mut d = doc(r);
                if let Some(e) = versions::erratum(owner, name) {
                    d.since = None;
                    d.erratum = Some(e.to_owned());
                }
                v.fields
                    .insert((item.module, item.name.clone(), f.name.clone()), d);
            }
        }
    }

    // Choice variants: resolved under each owner; the earliest known version wins.
    let choice_owners = plan.choice_owners();
    for item in &plan.items {
        let ItemKind::Choice(c) = &item.kind else {
            continue;
        };
        let key = (item.module, item.name.clone());
        let owners: Vec<Owner<'_>> = match choice_owners.get(&key) {
            Some(os) => os.iter().map(|o| Owner::Type(o)).collect(),
            None => vec![Owner::Global],
        };
        for var in &c.variants {
            let best = owners
                .iter()
                .filter_map(|o| table.element(&var.element.name, *o, own(&var.ty)))
                .min_by_key(|r| (r.since.is_none(), r.since));
            if let Some(r) = best {
                v.variants
                    .insert((item.module, item.name.clone(), var.name.clone()), doc(r));
            }
        }
    }

    if let Some(history) = history {
        super::history::apply(plan, &mut v, history);
    }
    types_since(plan, &mut v);
    walk_set(plan, &mut v);
    plan.versions = v;
}

/// A type's since: the earliest since of the elements declared with it, when all of
/// them have one.
fn types_since(plan: &Plan, v: &mut Versions) {
    // Every use of an item type: Some(since) for a versioned element, None otherwise.
    let mut uses: BTreeMap<(Module, String), Vec<Option<crate::versions::Version>>> =
        BTreeMap::new();
    let mut add = |t: &Ty, since| {
        if let Some((m, n)) = t.item() {
            uses.entry((m, n.to_owned())).or_default().push(since);
        }
    };
    for item in &plan.items {
        let key = |f: &str| (item.module, item.name.clone(), f.to_owned());
        match &item.kind {
            ItemKind::Struct(s) => {
                if let Some(b) = &s.base {
                    add(b, None);
                }
                for f in &s.fields {
                    let since = match f.xml {
                        XmlBinding::Element { .. } => {
                            v.fields.get(&key(&f.name)).and_then(|d| d.since)
                        }
                        _ => None,
                    };
                    add(&f.ty, since);
                }
            }
            ItemKind::Choice(c) => {
                for var in &c.variants {
                    add(
                        &var.ty,
                        v.variants.get(&key(&var.name)).and_then(|d| d.since),
                    );
                }
            }
            ItemKind::Kinds(k) => {
                for var in &k.variants {
                    add(&var.ty, None);
                }
            }
            ItemKind::Union(vs) => {
                for var in vs {
                    add(&var.ty, None);
                }
            }
            ItemKind::Alias(AliasTarget::Ty(t) | AliasTarget::List(t)) => add(t, None),
            ItemKind::Element(e) => {
                let since = v
                    .items
                    .get(&(item.module, item.name.clone()))
                    .and_then(|d| d.since);
                add(&e.ty, since);
            }
            ItemKind::Enum(_) => {}
        }
    }
    for item in &plan.items {
        if matches!(item.kind, ItemKind::Element(_)) {
            continue;
        }
        let key = (item.module, item.name.clone());
        let Some(us) = uses.get(&key) else { continue };
        if us.iter().all(Option::is_some) {
            let since = us.iter().flatten().min().copied();
            v.items.insert(
                key,
                VersionDoc {
                    since,
                    online_only: false,
                    url: String::new(),
                    description: String::new(),
                    erratum: None,
                    documented: None,
                },
            );
        }
    }
}

/// The items whose values can hold an element with a known version (fixpoint), among
/// those a request can contain (response-only types are never checked: their walk would
/// only cost compile time).
fn walk_set(plan: &Plan, v: &mut Versions) {
    let in_requests = request_items(plan);
    let since = |d: Option<&VersionDoc>| d.and_then(|d| d.since).is_some();
    loop {
        let mut changed = false;
        for item in &plan.items {
            let key = (item.module, item.name.clone());
            if v.walk.contains(&key) || !in_requests.contains(&key) {
                continue;
            }
            let walks = |t: &Ty| {
                t.item()
                    .is_some_and(|(m, n)| v.walk.contains(&(m, n.to_owned())))
            };
            let fkey = |f: &str| (item.module, item.name.clone(), f.to_owned());
            let needed = match &item.kind {
                ItemKind::Struct(s) => {
                    s.base.as_ref().is_some_and(walks)
                        || s.fields
                            .iter()
                            .any(|f| walks(&f.ty) || since(v.fields.get(&fkey(&f.name))))
                }
                ItemKind::Choice(c) => c
                    .variants
                    .iter()
                    .any(|var| walks(&var.ty) || since(v.variants.get(&fkey(&var.name)))),
                ItemKind::Kinds(k) => k.variants.iter().any(|var| walks(&var.ty)),
                ItemKind::Element(e) => walks(&e.ty) || since(v.items.get(&key)),
                _ => false,
            };
            if needed {
                v.walk.insert(key);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The items reachable from the operations' request elements.
fn request_items(plan: &Plan) -> BTreeSet<(Module, String)> {
    let by_name: BTreeMap<(Module, String), &Item> = plan
        .items
        .iter()
        .map(|i| ((i.module, i.name.clone()), i))
        .collect();
    let mut seen = BTreeSet::new();
    let mut todo: Vec<(Module, String)> =
        plan.operations.iter().map(|o| o.request.clone()).collect();
    while let Some(key) = todo.pop() {
        if !seen.insert(key.clone()) {
            continue;
        }
        let Some(item) = by_name.get(&key) else {
            continue;
        };
        item.kind.each_ty(|t, _| {
            if let Ty::Item(m, n) = t {
                todo.push((*m, n.clone()));
            }
        });
    }
    seen
}
