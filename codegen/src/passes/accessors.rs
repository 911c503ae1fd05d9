//! Accessors pass: an enum whose members all derive from one struct with fields of its own
//! gets `item()`/`item_mut()` (named after that struct: `folder()` for `BaseFolderType`),
//! reaching the nearest such base through each member's `base` chain, so that
//! `real_item.item().subject` needs no match over 15 kinds.

use std::collections::BTreeMap;

use crate::ir::*;
use crate::naming;

/// Fills [`Plan::accessors`].
pub fn find(plan: &mut Plan) {
    let mut found = BTreeMap::new();
    for it in &plan.items {
        let Some(members) = it.kind.plain_members() else {
            continue;
        };
        if let Some(a) = common_base(plan, &members) {
            found.insert((it.module, it.name.clone()), a);
        }
    }
    plan.accessors = found;
}

/// The nearest struct with fields that every member's base chain holds.
fn common_base(plan: &Plan, members: &[(&str, &Ty, bool)]) -> Option<Accessor> {
    if members.len() < 2 {
        return None;
    }
    let chains: Vec<_> = members.iter().map(|m| plan.base_chain(m.1)).collect();
    let (common, common_struct) = chains.first()?.iter().copied().find(|(c, _)| {
        chains
            .iter()
            .all(|chain| chain.iter().any(|(it, _)| std::ptr::eq(*it, *c)))
    })?;
    if common_struct.fields.is_empty() {
        return None;
    }
    let stem = common.name.strip_prefix("Base").unwrap_or(&common.name);
    let stem = stem.strip_suffix("Type").unwrap_or(stem);
    let arms = members
        .iter()
        .zip(&chains)
        .map(|((variant, _, boxed), chain)| {
            let depth = chain
                .iter()
                .position(|(it, _)| std::ptr::eq(*it, common))
                .unwrap_or(0);
            ((*variant).to_owned(), depth, *boxed)
        })
        .collect();
    Some(Accessor {
        name: naming::field_name(stem),
        base: (common.module, common.name.clone()),
        arms,
    })
}
