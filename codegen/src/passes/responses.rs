//! Responses pass: decides which structs and enums get the response-class derives of
//! `ews-macros`.
//!
//! - a struct extending `m:ResponseMessageType` → `ResponseMessage` through `base`;
//! - a struct holding a `m:ResponseMessageType` field (the nested shape, e.g.
//!   `GetUserOofSettingsResponse`) → `ResponseMessage` through that field;
//! - a choice whose members are all response messages → `ResponseMessage`;
//! - a batch's array (one repeated field of response messages and nothing else, e.g.
//!   `GetItemResponseMessages`, `ArrayOfResponseMessagesType`) → `BatchResponse` through
//!   that field;
//! - a struct holding an array in a required field (`GetItemResponseType`,
//!   `BaseResponseMessageType`) → `BatchResponse` through that field;
//! - a struct extending such a struct → `BatchResponse` through `base`.
//!
//! `ResponseMessageType` itself is implemented by hand in the runtime.

use std::collections::BTreeSet;

use crate::ir::*;

/// The messages-namespace type every response message extends or nests.
pub const MESSAGE: &str = "ResponseMessageType";

type Key = (Module, String);

pub fn mark(plan: &mut Plan) {
    let message_ty = Ty::Item(Module::Messages, MESSAGE.to_owned());
    let mut messages: BTreeSet<Key> = BTreeSet::from([(Module::Messages, MESSAGE.to_owned())]);
    for i in 0..plan.items.len() {
        let derive = message_derive(plan, &plan.items[i], &message_ty);
        let it = &mut plan.items[i];
        if let (ItemKind::Struct(s), Some(d)) = (&mut it.kind, derive) {
            s.response = d;
            messages.insert((it.module, it.name.clone()));
        }
    }
    for it in &mut plan.items {
        if let ItemKind::Choice(c) = &mut it.kind {
            c.response_message = c.variants.iter().all(|v| {
                !v.many && matches!(&v.ty, Ty::Item(m, n) if messages.contains(&(*m, n.clone())))
            });
            if c.response_message {
                messages.insert((it.module, it.name.clone()));
            }
        }
    }
    let arrays = mark_each(plan, |_, s| {
        let [f] = s.fields.as_slice() else {
            return None;
        };
        let holds = matches!(&f.ty, Ty::Item(m, n) if messages.contains(&(*m, n.clone())));
        (s.base.is_none() && f.card == Card::Many && holds).then(|| f.name.clone())
    });
    let holders = mark_each(plan, |_, s| {
        s.fields
            .iter()
            .find(|f| {
                f.card == Card::One
                    && matches!(&f.ty, Ty::Item(m, n) if arrays.contains(&(*m, n.clone())))
            })
            .map(|f| f.name.clone())
    });
    mark_each(plan, |plan, s| {
        let chain = plan.base_chain(s.base.as_ref()?);
        chain
            .iter()
            .any(|(it, _)| holders.contains(&(it.module, it.name.clone())))
            .then(|| "base".to_owned())
    });
}

/// `ResponseMessage` through `base` or a nested header field, if the struct is a message.
fn message_derive(plan: &Plan, it: &Item, message_ty: &Ty) -> Option<ResponseDerive> {
    let ItemKind::Struct(s) = &it.kind else {
        return None;
    };
    if it.module == Module::Messages && it.name == MESSAGE {
        return None;
    }
    let extends_message = s.base.as_ref().is_some_and(|b| {
        plan.base_chain(b)
            .iter()
            .any(|(b, _)| b.module == Module::Messages && b.name == MESSAGE)
    });
    if extends_message {
        return Some(ResponseDerive::MessageBase);
    }
    s.fields
        .iter()
        .find(|f| {
            f.ty == *message_ty
                && f.card != Card::Many
                && matches!(f.xml, XmlBinding::Element { .. })
        })
        .map(|f| ResponseDerive::MessageNested(f.name.clone()))
}

/// Marks `BatchResponse` on each struct (not yet marked) for which `through` names the field;
/// returns the marked structs.
fn mark_each(plan: &mut Plan, through: impl Fn(&Plan, &Struct) -> Option<String>) -> BTreeSet<Key> {
    let found: Vec<(usize, String)> = plan
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match &it.kind {
            ItemKind::Struct(s) if s.response == ResponseDerive::None => {
                through(plan, s).map(|f| (i, f))
            }
            _ => None,
        })
        .collect();
    let mut marked = BTreeSet::new();
    for (i, field) in found {
        let it = &mut plan.items[i];
        if let ItemKind::Struct(s) = &mut it.kind {
            s.response = ResponseDerive::Batch(field);
            marked.insert((it.module, it.name.clone()));
        }
    }
    marked
}
