//! Responses pass: decides which structs and enums get the response-class derives of
//! `ews-macros`.
//!
//! - a struct extending `m:ResponseMessageType` → `ResponseMessage` through `base`;
//! - a struct extending `m:BaseResponseMessageType` (a batch) → `BatchResponse` through `base`;
//! - a struct holding a `m:ResponseMessageType` field (the nested shape, e.g.
//!   `GetUserOofSettingsResponse`) → `ResponseMessage` through that field;
//! - a choice whose members are all response messages → `ResponseMessage`.
//!
//! `ResponseMessageType` and `BaseResponseMessageType` themselves are implemented by hand in
//! the runtime.

use std::collections::BTreeMap;

use crate::ir::*;

const MESSAGE: &str = "ResponseMessageType";
const BATCH: &str = "BaseResponseMessageType";

pub fn mark(plan: &mut Plan) {
    let bases: BTreeMap<(Module, String), Option<Ty>> = plan
        .items
        .iter()
        .filter_map(|it| match &it.kind {
            ItemKind::Struct(s) => Some(((it.module, it.name.clone()), s.base.clone())),
            _ => None,
        })
        .collect();
    let derives_from = |start: &Option<Ty>, target: &str| {
        let mut cur = start.clone();
        let mut guard = 0;
        while let Some(Ty::Item(m, n)) = cur {
            if m == Module::Messages && n == target {
                return true;
            }
            guard += 1;
            if guard > 64 {
                return false;
            }
            cur = bases.get(&(m, n)).cloned().flatten();
        }
        false
    };
    let message_ty = Ty::Item(Module::Messages, MESSAGE.to_owned());
    let mut messages: Vec<(Module, String)> = vec![(Module::Messages, MESSAGE.to_owned())];
    for it in &mut plan.items {
        let ItemKind::Struct(s) = &mut it.kind else {
            continue;
        };
        if it.module == Module::Messages && (it.name == MESSAGE || it.name == BATCH) {
            continue;
        }
        s.response = if derives_from(&s.base, MESSAGE) {
            ResponseDerive::MessageBase
        } else if derives_from(&s.base, BATCH) {
            ResponseDerive::Batch
        } else if let Some(f) = s.fields.iter().find(|f| {
            f.ty == message_ty
                && f.card != Card::Many
                && matches!(f.xml, XmlBinding::Element { .. })
        }) {
            ResponseDerive::MessageNested(f.name.clone())
        } else {
            ResponseDerive::None
        };
        if matches!(
            s.response,
            ResponseDerive::MessageBase | ResponseDerive::MessageNested(_)
        ) {
            messages.push((it.module, it.name.clone()));
        }
    }
    for it in &mut plan.items {
        let ItemKind::Choice(c) = &mut it.kind else {
            continue;
        };
        c.response_message = c.variants.iter().all(|v| {
            !v.many && matches!(&v.ty, Ty::Item(m, n) if messages.contains(&(*m, n.clone())))
        });
    }
}
