//! Renames in a diff: an item or a field that is still there under another Rust name is one
//! change, not a removal, an addition and a changed shape in every place that names it.
//!
//! - An item is renamed when a removed and an added item of the same kind stand for the
//!   same schema declaration (the same XSD name; for a choice enum, which has none, the
//!   added choice whose member elements overlap the removed one's most, each the other's
//!   best match). Its members (fields, variants, values, conversions) move with it.
//! - A field is renamed when a removed and an added field of the same struct bind the same
//!   wire name with the same shape, and no other field of that struct does.
//! - An entry whose shape changed only because it names a renamed item (a field's type)
//!   is a consequence of that rename, counted with it.

use std::collections::{BTreeMap, BTreeSet};

use super::{item_path, owner, Diff};
use crate::surface::Entry;

/// One rename: the old and the new entry key, and how many other changes follow from it
/// (members moved with an item, references to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub old: String,
    pub new: String,
    pub follows: usize,
}

type Entries = BTreeMap<String, Entry>;

/// Moves the renames out of `d`'s removed, added and changed entries into `d.renamed`.
pub(super) fn find(d: &mut Diff, old: &Entries, new: &Entries) {
    let items = item_renames(d, old, new);
    let mut renamed: Vec<Renamed> = items
        .iter()
        .map(|(o, n)| Renamed {
            old: o.clone(),
            new: n.clone(),
            follows: 0,
        })
        .collect();
    let paths: Vec<(String, String)> = items
        .iter()
        .filter_map(|(o, n)| Some((item_path(o)?.to_owned(), item_path(n)?.to_owned())))
        .collect();
    let removed = take(&mut d.removed, items.iter().map(|(o, _)| o));
    let added = take(&mut d.added, items.iter().map(|(_, n)| n));
    let mut added: BTreeSet<String> = added.into_iter().collect();
    let mut left = Vec::new();
    // Members of renamed items: the same entry under the new path.
    for key in removed {
        let moved = paths
            .iter()
            .position(|(o, _)| owner(&key) == Some(o.as_str()))
            .map(|i| (i, key.replacen(&paths[i].0, &paths[i].1, 1)));
        match moved {
            Some((i, new_key)) if added.remove(&new_key) => {
                renamed[i].follows += 1;
                let (o, n) = (&old[&key].shape, &new[&new_key].shape);
                if apply(o, &paths) != *n {
                    d.changed.push((new_key, o.clone(), n.clone()));
                }
            }
            _ => left.push(key),
        }
    }
    // Changes that only follow renamed items: the old shape with the new names.
    d.changed.retain(|(_, o, n)| {
        let explained = paths.iter().position(|(p, _)| names(o, p));
        match explained.filter(|_| apply(o, &paths) == *n) {
            Some(i) => {
                renamed[i].follows += 1;
                false
            }
            None => true,
        }
    });
    let fields = field_renames(&left, &added, old, new, &paths);
    for (o, n) in &fields {
        left.retain(|k| k != o);
        added.remove(n);
        renamed.push(Renamed {
            old: o.clone(),
            new: n.clone(),
            follows: 0,
        });
    }
    // A shared choice's alias that became an enum of its own (or the other way): the same
    // name, another kind; a change, not a removal and an addition.
    left.retain(|key| {
        let Some(path) = item_path(key).filter(|_| matches!(kind(key), "alias" | "choice")) else {
            return true;
        };
        let other = format!(
            "{} {path}",
            if kind(key) == "alias" {
                "choice"
            } else {
                "alias"
            }
        );
        if !added.remove(&other) {
            return true;
        }
        let shape = |k: &str, e: &Entries| match kind(k) {
            "alias" => format!("alias of {}", e[k].shape),
            _ => "enum".to_owned(),
        };
        d.changed
            .push((other.clone(), shape(key, old), shape(&other, new)));
        false
    });
    d.removed = left;
    d.added = added.into_iter().collect();
    d.added.sort();
    d.renamed = renamed;
}

/// `keys` without the renamed items' keys.
fn take<'k>(keys: &mut Vec<String>, renamed: impl Iterator<Item = &'k String>) -> Vec<String> {
    let gone: BTreeSet<&String> = renamed.collect();
    std::mem::take(keys)
        .into_iter()
        .filter(|k| !gone.contains(k))
        .collect()
}

/// The kind of an item key (`struct`, `choice`, ...).
fn kind(key: &str) -> &str {
    key.split(' ').next().unwrap_or("")
}

/// What an item stands for in the schema: its XSD name (the shape's first word), or for a
/// choice the elements of its variants.
fn identity(key: &str, entries: &Entries) -> BTreeSet<String> {
    let Some(path) = item_path(key) else {
        return BTreeSet::new();
    };
    if kind(key) == "choice" {
        let prefix = format!("variant {path}::");
        return entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(_, e)| e.shape.rsplit_once(" <- ").map(|(_, w)| w.to_owned()))
            .collect();
    }
    let first = entries[key].shape.split(' ').next().unwrap_or("");
    [first.to_owned()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
}

/// Removed and added items that are the same declaration (see the module docs).
fn item_renames(d: &Diff, old: &Entries, new: &Entries) -> Vec<(String, String)> {
    let items = |keys: &[String], entries: &Entries| -> Vec<(String, BTreeSet<String>)> {
        keys.iter()
            .filter(|k| item_path(k).is_some())
            .map(|k| (k.clone(), identity(k, entries)))
            .filter(|(_, id)| !id.is_empty())
            .collect()
    };
    let (gone, came) = (items(&d.removed, old), items(&d.added, new));
    let best = |from: &(String, BTreeSet<String>), among: &[(String, BTreeSet<String>)]| {
        among
            .iter()
            .filter(|c| kind(&c.0) == kind(&from.0))
            .map(|c| (c.1.intersection(&from.1).count(), c))
            .filter(|(n, c)| *n > 0 && (kind(&c.0) == "choice" || c.1 == from.1))
            .max_by_key(|(n, _)| *n)
            .map(|(_, c)| c.0.clone())
    };
    let mut out = Vec::new();
    for g in &gone {
        let Some(c) = best(g, &came) else { continue };
        let back = came.iter().find(|x| x.0 == c).and_then(|x| best(x, &gone));
        if back.as_deref() == Some(g.0.as_str()) {
            out.push((g.0.clone(), c));
        }
    }
    out
}

/// Whether the text after a match (starting with `next`) ends the name matched: a path is
/// named whole, not as the prefix of a longer name.
fn ends_name(next: Option<char>) -> bool {
    !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether `shape` names item `path` (as a whole name).
fn names(shape: &str, path: &str) -> bool {
    shape
        .match_indices(path)
        .any(|(i, _)| ends_name(shape[i + path.len()..].chars().next()))
}

/// `shape` with each renamed item's old path replaced, where it is named whole, by its new
/// one.
fn apply(shape: &str, paths: &[(String, String)]) -> String {
    let mut out = shape.to_owned();
    for (from, to) in paths {
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(from.as_str()) {
            next.push_str(&rest[..i]);
            let after = &rest[i + from.len()..];
            next.push_str(if ends_name(after.chars().next()) {
                to
            } else {
                from
            });
            rest = after;
        }
        next.push_str(rest);
        out = next;
    }
    out
}

/// Removed and added fields of one struct with the same shape (see the module docs).
fn field_renames(
    removed: &[String],
    added: &BTreeSet<String>,
    old: &Entries,
    new: &Entries,
    paths: &[(String, String)],
) -> Vec<(String, String)> {
    let fields = |keys: Vec<&String>, entries: &Entries, rename: bool| {
        let mut by: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for k in keys.into_iter().filter(|k| kind(k) == "field") {
            let Some(o) = owner(k) else { continue };
            let (o, shape) = match rename {
                true => (apply(o, paths), apply(&entries[k].shape, paths)),
                false => (o.to_owned(), entries[k].shape.clone()),
            };
            by.entry((o, shape)).or_default().push(k.clone());
        }
        by
    };
    let gone = fields(removed.iter().collect(), old, true);
    let came = fields(added.iter().collect(), new, false);
    gone.iter()
        .filter_map(
            |(at, g)| match (g.as_slice(), came.get(at).map(Vec::as_slice)) {
                ([o], Some([n])) => Some((o.clone(), n.clone())),
                _ => None,
            },
        )
        .collect()
}
