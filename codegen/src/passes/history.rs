//! The schema history as version evidence: an element (or operation) that a real earlier
//! schema level declares is available at that level, whatever the documentation table says.
//!
//! [`History`] holds, per earlier level, what it declares; [`apply`] runs inside the
//! versions pass, after the table's versions are attached and before the types' versions
//! are derived from them: where the table gives a version newer than the earliest level
//! declaring the element, the level wins, and the disagreement is recorded in
//! [`Versions::history`] (listed by `codegen report`). An unknown version stays unknown: a
//! level says the element was there, not when it came.

use std::collections::BTreeSet;

use crate::ir::*;
use crate::versions::Version;

/// What the real schema levels of a history folder declare.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Oldest first.
    pub levels: Vec<Level>,
}

/// One earlier schema level.
#[derive(Clone, Debug)]
pub struct Level {
    /// Its folder's name (`2007_SP1`).
    pub name: String,
    /// Its newest `ExchangeVersionType` value, as a version of the schema being generated.
    pub version: Version,
    /// (owner complex type or `(global)`, element name) of every element it declares.
    pub elements: BTreeSet<(String, String)>,
    /// Its operations.
    pub operations: BTreeSet<String>,
}

impl Level {
    /// What the `plan` of a level declares (see [`Level::elements`]).
    pub fn new(name: String, version: Version, plan: &Plan) -> Level {
        Level {
            name,
            version,
            elements: declared(plan),
            operations: plan.operations.iter().map(|o| o.name.clone()).collect(),
        }
    }
}

impl History {
    /// The earliest level declaring element `name` in `owner`.
    fn element(&self, owner: &str, name: &str) -> Option<&Level> {
        let key = (owner.to_owned(), name.to_owned());
        self.levels
            .iter()
            .filter(|l| l.elements.contains(&key))
            .min_by_key(|l| l.version)
    }

    /// The earliest level declaring operation `name`.
    fn operation(&self, name: &str) -> Option<&Level> {
        self.levels
            .iter()
            .filter(|l| l.operations.contains(name))
            .min_by_key(|l| l.version)
    }
}

/// (owner, element) of every element declaration of a plan: struct fields by their complex
/// type, choice members by each complex type holding the choice, global elements as
/// `(global)`.
pub fn declared(plan: &Plan) -> BTreeSet<(String, String)> {
    let owners = plan.choice_owners();
    let mut out = BTreeSet::new();
    for item in &plan.items {
        match &item.kind {
            ItemKind::Struct(s) => {
                for f in &s.fields {
                    if let XmlBinding::Element { name, .. } = &f.xml {
                        out.insert((s.xsd.name.clone(), name.clone()));
                    }
                }
            }
            ItemKind::Element(e) => {
                out.insert(("(global)".to_owned(), e.xsd.name.clone()));
            }
            ItemKind::Choice(c) => {
                for o in owners
                    .get(&(item.module, item.name.clone()))
                    .into_iter()
                    .flatten()
                {
                    for var in &c.variants {
                        out.insert((o.clone(), var.element.name.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Lowers each documented version that a level contradicts to that level (see the module
/// docs), recording the disagreements.
pub fn apply(plan: &Plan, v: &mut Versions, history: &History) {
    let mut fixes = Vec::new();
    for (name, d) in v.operations.iter_mut() {
        let level = history.operation(name);
        lower(d, level, format!("operation {name}"), &mut fixes);
    }
    let owners = plan.choice_owners();
    for item in &plan.items {
        let key = |f: &str| (item.module, item.name.clone(), f.to_owned());
        match &item.kind {
            ItemKind::Element(e) => {
                if let Some(d) = v.items.get_mut(&(item.module, item.name.clone())) {
                    let name = &e.xsd.name;
                    let level = history.element("(global)", name);
                    lower(d, level, format!("(global)/{name}"), &mut fixes);
                }
            }
            ItemKind::Struct(s) => {
                for f in &s.fields {
                    let XmlBinding::Element { name, .. } = &f.xml else {
                        continue;
                    };
                    if let Some(d) = v.fields.get_mut(&key(&f.name)) {
                        let owner = &s.xsd.name;
                        let level = history.element(owner, name);
                        lower(d, level, format!("{owner}/{name}"), &mut fixes);
                    }
                }
            }
            ItemKind::Choice(c) => {
                let of = owners.get(&(item.module, item.name.clone()));
                for var in &c.variants {
                    let Some(d) = v.variants.get_mut(&key(&var.name)) else {
                        continue;
                    };
                    // The earliest level declaring the member in any of the choice's owners.
                    let name = &var.element.name;
                    let best = of
                        .into_iter()
                        .flatten()
                        .filter_map(|o| history.element(o, name).map(|l| (l, o)))
                        .min_by_key(|(l, _)| l.version);
                    let what = format!("{}/{name}", best.map_or("(global)", |b| b.1.as_str()));
                    lower(d, best.map(|b| b.0), what, &mut fixes);
                }
            }
            _ => {}
        }
    }
    fixes.sort_by(|a, b| a.what.cmp(&b.what));
    fixes.dedup_by(|a, b| a.what == b.what);
    v.history = fixes;
}

/// Where `level` declares what `d` documents as newer, `d` takes the level's version (and
/// keeps the documented one); the disagreement goes to `fixes`.
fn lower(d: &mut VersionDoc, level: Option<&Level>, what: String, fixes: &mut Vec<HistoryFix>) {
    let (Some(since), Some(level)) = (d.since, level) else {
        return;
    };
    if level.version < since {
        fixes.push(HistoryFix {
            what,
            documented: since,
            level: level.name.clone(),
            present: level.version,
        });
        d.documented = Some(since);
        d.since = Some(level.version);
    }
}
