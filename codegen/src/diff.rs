//! `codegen diff`: what changed in the generated API between two schema sets, for a
//! maintainer to review. Breaking changes come first and are marked: entries removed or
//! changed, structs whose elements changed order (the writer's order and the reader's order
//! check change with them), enumerations whose first value changed (it is the Rust
//! `Default`). Additions follow as names; the members of a new item are folded into it
//! unless the full listing is asked for. Documentation changes are counted apart (line ends
//! do not count). [`Diff::json`] gives the same as JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::ir::{ItemKind, Plan, XmlBinding};
use crate::surface::{entries, Entry};

mod renames;
pub use renames::Renamed;

/// What changed between two plans.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Entries only in the new plan (`operation X`, `field types::T.f`, ...).
    pub added: Vec<String>,
    /// Entries only in the old plan.
    pub removed: Vec<String>,
    /// Entries whose shape changed: `(key, old shape, new shape)`.
    pub changed: Vec<(String, String, String)>,
    /// Items and fields still there under another Rust name (see [`renames`]).
    pub renamed: Vec<Renamed>,
    /// Structs whose elements (those in both plans) stand in another order.
    pub reordered: Vec<Reordered>,
    /// Enumerations whose first value, the Rust `Default`, changed: `(key, old, new)`.
    pub default_changed: Vec<(String, String, String)>,
    /// Entries whose documentation changed (not an API change).
    pub doc_changed: Vec<String>,
}

/// A struct whose child elements changed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reordered {
    /// `struct types::T`.
    pub key: String,
    /// The elements (wire names) that moved: those outside the longest run the two orders
    /// share.
    pub moved: Vec<String>,
    /// The elements in both plans, in the new order.
    pub order: Vec<String>,
}

impl Reordered {
    /// Each moved element with where it stands now: `t:Subject (now after t:Sensitivity)`.
    pub fn moves(&self) -> Vec<String> {
        self.moved
            .iter()
            .map(|m| {
                let at = self.order.iter().position(|o| o == m);
                match at.and_then(|i| i.checked_sub(1)).map(|i| &self.order[i]) {
                    Some(before) => format!("{m} moved (now after {before})"),
                    None => format!("{m} moved (now first)"),
                }
            })
            .collect()
    }
}

/// How [`Diff::render`] lists additions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// New items by name, their members counted.
    Names,
    /// Every added entry.
    Full,
}

/// The differences from `old` to `new`.
pub fn diff(old: &Plan, new: &Plan) -> Diff {
    let by_key = |plan: &Plan| -> BTreeMap<String, Entry> {
        entries(plan)
            .into_iter()
            .map(|e| (e.key.clone(), e))
            .collect()
    };
    let (old_entries, new_entries) = (by_key(old), by_key(new));
    let mut d = Diff::default();
    for (k, n) in &new_entries {
        match old_entries.get(k) {
            None => d.added.push(k.clone()),
            Some(o) => {
                if o.shape != n.shape {
                    d.changed
                        .push((k.clone(), o.shape.clone(), n.shape.clone()));
                }
                if o.doc != n.doc {
                    d.doc_changed.push(k.clone());
                }
            }
        }
    }
    d.removed = old_entries
        .keys()
        .filter(|k| !new_entries.contains_key(*k))
        .cloned()
        .collect();
    renames::find(&mut d, &old_entries, &new_entries);
    d.reordered = reordered(old, new);
    d.default_changed = defaults_changed(old, new);
    d
}

/// Per struct (`struct types::T`), its child elements' wire names in order.
fn element_orders(plan: &Plan) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for it in &plan.items {
        if let ItemKind::Struct(s) = &it.kind {
            let names = s
                .fields
                .iter()
                .filter_map(|f| match &f.xml {
                    XmlBinding::Element { ns, name } => Some(format!("{}:{name}", ns.prefix())),
                    _ => None,
                })
                .collect();
            out.insert(format!("struct {}::{}", it.module.name(), it.name), names);
        }
    }
    out
}

/// Structs in both plans whose shared elements stand in another order.
fn reordered(old: &Plan, new: &Plan) -> Vec<Reordered> {
    let old_orders = element_orders(old);
    let mut out = Vec::new();
    for (key, new_order) in element_orders(new) {
        let Some(old_order) = old_orders.get(&key) else {
            continue;
        };
        let a: Vec<&String> = old_order.iter().filter(|n| new_order.contains(n)).collect();
        let b: Vec<&String> = new_order.iter().filter(|n| old_order.contains(n)).collect();
        if a == b {
            continue;
        }
        let kept = longest_common_run(&a, &b);
        let moved = b
            .iter()
            .filter(|n| !kept.contains(*n))
            .map(|n| (*n).clone())
            .collect();
        out.push(Reordered {
            key,
            moved,
            order: b.into_iter().cloned().collect(),
        });
    }
    out
}

/// The longest common subsequence of `a` and `b` (small lists: the elements of one struct).
fn longest_common_run<'a>(a: &[&'a String], b: &[&'a String]) -> BTreeSet<&'a String> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, BTreeSet::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.insert(a[i]);
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Enumerations in both plans whose first value changed.
fn defaults_changed(old: &Plan, new: &Plan) -> Vec<(String, String, String)> {
    let firsts = |plan: &Plan| -> BTreeMap<String, String> {
        plan.items
            .iter()
            .filter_map(|it| match &it.kind {
                ItemKind::Enum(e) => e.values.first().map(|v| {
                    let key = format!("enum {}::{}", it.module.name(), it.name);
                    (key, v.name.clone())
                }),
                _ => None,
            })
            .collect()
    };
    let old_firsts = firsts(old);
    firsts(new)
        .into_iter()
        .filter_map(|(key, new_first)| {
            let old_first = old_firsts.get(&key)?;
            (*old_first != new_first).then(|| (key, old_first.clone(), new_first))
        })
        .collect()
}

/// The item an entry belongs to (`types::T` for `field types::T.f`, `variant types::C::V`,
/// `from types::T <- ...`), or `None` for an item itself.
fn owner(key: &str) -> Option<&str> {
    let (kind, rest) = key.split_once(' ')?;
    match kind {
        "field" => rest.rsplit_once('.').map(|(p, _)| p),
        "variant" | "value" | "accessor" => rest.rsplit_once("::").map(|(p, _)| p),
        "from" => rest.split_once(" <- ").map(|(p, _)| p),
        _ => None,
    }
}

/// The path of an item's entry (`types::T` for `struct types::T`), if it is an item.
fn item_path(key: &str) -> Option<&str> {
    match key.split_once(' ')? {
        ("operation", _) => None,
        (_, rest) if owner(key).is_none() => Some(rest),
        _ => None,
    }
}

/// For changed shapes of many words, only the words that differ (`headers=[A,B]  =>
/// headers=[A,B,C]` instead of the whole operation twice).
fn shape_change(old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.split(' ').collect(), new.split(' ').collect());
    if old.len() + new.len() > 100 && a.len() == b.len() {
        let words: Vec<String> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| format!("{x}  =>  {y}"))
            .collect();
        return format!("… {} …", words.join("; "));
    }
    format!("{old}  =>  {new}")
}

impl Diff {
    /// Whether the generated API differs (documentation aside).
    pub fn api_changed(&self) -> bool {
        !self.added.is_empty() || self.breaking() > 0
    }

    /// How many breaking changes: removed, renamed, changed, reordered, default changed.
    pub fn breaking(&self) -> usize {
        self.breaking_counts().iter().map(|(_, n)| n).sum()
    }

    /// The breaking changes counted by kind, as the summary names them.
    fn breaking_counts(&self) -> [(&'static str, usize); 5] {
        [
            ("removed", self.removed.len()),
            ("renamed", self.renamed.len()),
            ("changed", self.changed.len()),
            ("reordered", self.reordered.len()),
            ("default changed", self.default_changed.len()),
        ]
    }

    /// Added entries by kind (`struct`, `field`, ...), counted.
    fn added_by_kind(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for k in &self.added {
            *out.entry(k.split(' ').next().unwrap_or("")).or_default() += 1;
        }
        out
    }

    /// The paths of items new in this diff.
    fn new_items(&self) -> BTreeSet<&str> {
        self.added.iter().filter_map(|k| item_path(k)).collect()
    }

    /// The summary line: counts per kind of change.
    pub fn summary(&self) -> String {
        if !self.api_changed() {
            return match self.doc_changed.len() {
                0 => "no changes".into(),
                n => format!("no API change; documentation changed on {n} entries"),
            };
        }
        let added: Vec<String> = self
            .added_by_kind()
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        let breaking: Vec<String> = self
            .breaking_counts()
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        format!(
            "API change: {} breaking ({}); {} added ({}); documentation changed on {} entries",
            self.breaking(),
            breaking.join(", "),
            self.added.len(),
            if added.is_empty() {
                "none".into()
            } else {
                added.join(", ")
            },
            self.doc_changed.len()
        )
    }

    /// A report for review: the summary, breaking changes (marked `!`), additions, then
    /// documentation changes.
    pub fn render(&self, detail: Detail) -> String {
        let mut s = format!("{}\n", self.summary());
        if !self.api_changed() && self.doc_changed.is_empty() {
            return s;
        }
        self.render_breaking(&mut s);
        self.render_added(&mut s, detail);
        if !self.doc_changed.is_empty() {
            let _ = writeln!(s, "\n== documentation changed ({})", self.doc_changed.len());
            for d in self.doc_changed.iter().take(20) {
                let _ = writeln!(s, "  * {d}");
            }
            if self.doc_changed.len() > 20 {
                let _ = writeln!(s, "  * ... and {} more", self.doc_changed.len() - 20);
            }
        }
        s
    }

    fn render_breaking(&self, s: &mut String) {
        if self.breaking() == 0 {
            return;
        }
        let _ = writeln!(s, "\n== breaking ({})", self.breaking());
        for r in &self.removed {
            let _ = writeln!(s, "! removed {r}");
        }
        for r in &self.renamed {
            let follows = match r.follows {
                0 => String::new(),
                n => format!(" (with {n} members and references)"),
            };
            let _ = writeln!(s, "! renamed {}  =>  {}{follows}", r.old, r.new);
        }
        for (k, old, new) in &self.changed {
            let _ = writeln!(s, "! changed {k}: {}", shape_change(old, new));
        }
        for r in &self.reordered {
            let _ = writeln!(s, "! reordered {}: {}", r.key, r.moves().join(", "));
        }
        for (k, old, new) in &self.default_changed {
            let _ = writeln!(s, "! default changed {k}: {old}  =>  {new}");
        }
    }

    fn render_added(&self, s: &mut String, detail: Detail) {
        if self.added.is_empty() {
            return;
        }
        let new_items = self.new_items();
        let mut members: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &self.added {
            if let Some(o) = owner(k).filter(|o| new_items.contains(o)) {
                *members.entry(o).or_default() += 1;
            }
        }
        let _ = writeln!(s, "\n== added ({})", self.added.len());
        for k in &self.added {
            let folded = owner(k).is_some_and(|o| new_items.contains(o));
            if folded && detail == Detail::Names {
                continue;
            }
            let count = item_path(k).and_then(|p| members.get(p));
            match (count, detail) {
                (Some(n), Detail::Names) => {
                    let _ = writeln!(s, "+ {k} (and {n} members: --full lists them)");
                }
                _ => {
                    let _ = writeln!(s, "+ {k}");
                }
            }
        }
    }

    /// The diff as JSON: `summary`, `breaking` (objects with `change` = `removed`, `renamed`,
    /// `changed`, `reordered` or `default_changed`), `added` and `doc_changed` (keys).
    pub fn json(&self) -> String {
        let mut breaking = Vec::new();
        for r in &self.removed {
            breaking.push(format!("{{\"change\":\"removed\",\"key\":{}}}", js(r)));
        }
        for r in &self.renamed {
            breaking.push(format!(
                "{{\"change\":\"renamed\",\"old\":{},\"new\":{},\"follows\":{}}}",
                js(&r.old),
                js(&r.new),
                r.follows
            ));
        }
        for (k, old, new) in &self.changed {
            breaking.push(format!(
                "{{\"change\":\"changed\",\"key\":{},\"old\":{},\"new\":{}}}",
                js(k),
                js(old),
                js(new)
            ));
        }
        for r in &self.reordered {
            breaking.push(format!(
                "{{\"change\":\"reordered\",\"key\":{},\"moved\":{},\"order\":{}}}",
                js(&r.key),
                js_list(&r.moved),
                js_list(&r.order)
            ));
        }
        for (k, old, new) in &self.default_changed {
            breaking.push(format!(
                "{{\"change\":\"default_changed\",\"key\":{},\"old\":{},\"new\":{}}}",
                js(k),
                js(old),
                js(new)
            ));
        }
        let by_kind: Vec<String> = self
            .added_by_kind()
            .iter()
            .map(|(k, n)| format!("{}:{n}", js(k)))
            .collect();
        let counts: Vec<String> = self
            .breaking_counts()
            .iter()
            .map(|(k, n)| format!("{}:{n}", js(&k.replace(' ', "_"))))
            .collect();
        format!(
            "{{\"summary\":{{\"api_changed\":{},\"breaking\":{},{},\"added\":{},\
             \"added_by_kind\":{{{}}},\"doc_changed\":{}}},\n\"breaking\":[{}],\n\"added\":{},\n\
             \"doc_changed\":{}}}\n",
            self.api_changed(),
            self.breaking(),
            counts.join(","),
            self.added.len(),
            by_kind.join(","),
            self.doc_changed.len(),
            breaking.join(",\n"),
            js_list(&self.added),
            js_list(&self.doc_changed)
        )
    }
}

/// A JSON string literal.
fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON array of strings.
fn js_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| js(s)).collect();
    format!("[{}]", items.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_and_items() {
        assert_eq!(owner("field types::T.f"), Some("types::T"));
        assert_eq!(owner("variant types::C::V"), Some("types::C"));
        assert_eq!(owner("from types::T <- types::U"), Some("types::T"));
        assert_eq!(owner("struct types::T"), None);
        assert_eq!(item_path("struct types::T"), Some("types::T"));
        assert_eq!(item_path("field types::T.f"), None);
        assert_eq!(item_path("operation GetItem"), None);
    }

    #[test]
    fn moved_elements_are_those_off_the_common_run() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (a, b) = (s(&["A", "B", "C", "D"]), s(&["A", "C", "D", "B"]));
        let a: Vec<&String> = a.iter().collect();
        let b: Vec<&String> = b.iter().collect();
        let kept = longest_common_run(&a, &b);
        let moved: Vec<&&String> = b.iter().filter(|n| !kept.contains(**n)).collect();
        assert_eq!(moved, vec![&&"B".to_string()]);
    }

    #[test]
    fn long_shapes_show_the_words_that_differ() {
        let old = format!("{} headers=[A,B]", "x".repeat(60));
        let new = format!("{} headers=[A,B,C]", "x".repeat(60));
        assert_eq!(
            shape_change(&old, &new),
            "… headers=[A,B]  =>  headers=[A,B,C] …"
        );
        assert_eq!(shape_change("a", "b"), "a  =>  b");
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(js("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
