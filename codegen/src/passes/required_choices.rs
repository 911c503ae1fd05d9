//! Required choices pass: a field holding a choice (or the kinds of an abstract type) that
//! the schema requires once becomes an `Option`, required when read and written.
//!
//! No member of a choice is a meaningful default (`BaseItemIdChoice::default()` would be an
//! empty `AttachmentId`), so choice and kinds enums have no `Default`; the structs holding
//! them keep theirs (`..Default::default()` builds every request) by holding `None` until
//! the value is set, as prost does with its `oneof` fields. Reading refuses a missing choice
//! (`MissingElement`) and writing refuses `None` (`InvalidContent`), through
//! `ComplexType::unfit`.

use crate::ir::*;

/// Marks every required single choice field (see the module docs).
pub fn mark(plan: &mut Plan) {
    let choices: std::collections::BTreeSet<(Module, String)> = plan
        .items
        .iter()
        .filter(|it| matches!(it.kind, ItemKind::Choice(_) | ItemKind::Kinds(_)))
        .map(|it| (it.module, it.name.clone()))
        .collect();
    for it in &mut plan.items {
        let ItemKind::Struct(s) = &mut it.kind else {
            continue;
        };
        for f in &mut s.fields {
            let is_choice = matches!(&f.ty, Ty::Item(m, n) if choices.contains(&(*m, n.clone())));
            if f.card == Card::One && is_choice {
                f.card = Card::Optional;
                f.required_choice = true;
            }
        }
    }
}
