//! Conversions pass: the `From` impls that let a value be built from its parts, so that
//! requests read as their data (`parent_folder_ids: vec![DistinguishedFolderIdNameType::Inbox
//! .into()].into()`):
//!
//! - a choice (or the kinds of an abstract type) from each member type no other member has
//!   (`BaseItemIdChoice::from(ItemIdType)`);
//! - a choice from what one of its members is made from, when no other member is made from
//!   the same type (`Path::from(UnindexedFieldUriType::ItemSubject)` is a `FieldURI`);
//! - a struct from its one field that matters: the only required one (`ItemIdType` from the
//!   id, `DistinguishedFolderIdType` from the name), or the only one
//!   (`NonEmptyArrayOfPathsToElementType` from `Vec<Path>`, `BasePagingType` from its
//!   `MaxEntriesReturned`), through the base chain; a `String` field also takes `&str`;
//! - a struct that adds no field to its base from the base (`IsEqualToType` from a
//!   `TwoOperandExpressionType`);
//! - a choice from a smaller choice whose members it all has, and `TryFrom` back (the items
//!   of a response, `RealItem`, into a request's `AllItem`).
//!
//! Two rules giving the same source to one item would make the impls conflict (and the
//! conversion ambiguous): such a source gets none, except a member type itself, which wins.

use std::collections::BTreeMap;

use crate::ir::*;
use crate::model::Builtin;

type Key = (Module, String);

/// Fills [`Plan::conversions`].
pub fn find(plan: &mut Plan) {
    let mut found: BTreeMap<Key, Vec<Conversion>> = BTreeMap::new();
    for it in &plan.items {
        let list = direct(plan, it);
        if !list.is_empty() {
            found.insert((it.module, it.name.clone()), list);
        }
    }
    for (key, extra) in through_fields(plan, &found) {
        found.entry(key).or_default().extend(extra);
    }
    plan.conversions = found;
}

/// The conversions of `it` that use no other conversion but a member's own.
fn direct(plan: &Plan, it: &Item) -> Vec<Conversion> {
    let mut list = match (&it.kind, it.kind.plain_members()) {
        (ItemKind::Struct(s), _) if !is_response_message(it, s) => struct_conversions(plan, s),
        (_, Some(members)) => member_conversions(plan, &members),
        _ => Vec::new(),
    };
    if let ItemKind::Choice(c) = &it.kind {
        if c.is_plain() {
            list.extend(subset_conversions(plan, it, c));
        }
    }
    // `From<T> for T` is the standard library's (a `Not` is made from a search expression).
    let own = rust_type(plan, &Ty::Item(it.module, it.name.clone()));
    let list: Vec<_> = list
        .into_iter()
        .filter(|c| source_key(plan, &c.source) != own)
        .collect();
    unambiguous(plan, list)
}

/// A struct made from one field is made from the simple values that field's type is made
/// from (`FieldUriOrConstantType` from the `&str` of a constant), when that adds a source
/// and no other way gives the same one.
fn through_fields(
    plan: &Plan,
    found: &BTreeMap<Key, Vec<Conversion>>,
) -> BTreeMap<Key, Vec<Conversion>> {
    let mut out = BTreeMap::new();
    for it in &plan.items {
        let ItemKind::Struct(s) = &it.kind else {
            continue;
        };
        let Some((bases, f)) = sole_field(plan, s).filter(|(_, f)| f.card != Card::Many) else {
            continue;
        };
        if is_response_message(it, s) {
            continue;
        }
        let Some(inner) = f.ty.item().and_then(|(m, n)| found.get(&(m, n.to_owned()))) else {
            continue;
        };
        let key = (it.module, it.name.clone());
        let taken: Vec<String> = found
            .get(&key)
            .into_iter()
            .flatten()
            .map(|c| source_key(plan, &c.source))
            .collect();
        let extra: Vec<Conversion> = inner
            .iter()
            .filter(|c| simple(plan, &c.source) && !taken.contains(&source_key(plan, &c.source)))
            .map(|c| {
                plain(
                    c.source.clone(),
                    How::Field {
                        bases,
                        field: f.name.clone(),
                        card: f.card,
                        boxed: f.boxed,
                        via: Some(f.ty.clone()),
                    },
                )
            })
            .collect();
        if !extra.is_empty() {
            out.insert(key, extra);
        }
    }
    out
}

/// A value, not a structure: a built-in type, a string slice, an enumeration, a union or an
/// alias of one. Conversions through a member or a field take only these, so that what a
/// value becomes stays evident (`Path::from(UnindexedFieldUriType::ItemSubject)`).
fn simple(plan: &Plan, source: &Source) -> bool {
    match source {
        Source::Str => true,
        Source::Vec(_) => false,
        Source::Ty(Ty::Builtin(_)) => true,
        Source::Ty(t) => plan.item(t).is_some_and(|it| {
            matches!(
                it.kind,
                ItemKind::Enum(_) | ItemKind::Alias(_) | ItemKind::Union(_)
            )
        }),
    }
}

/// The one field a value of struct `s` is made from, and the conversions through it.
fn struct_conversions(plan: &Plan, s: &Struct) -> Vec<Conversion> {
    let mut out = Vec::new();
    if s.fields.is_empty() {
        if let Some(base) = &s.base {
            out.push(plain(Source::Ty(base.clone()), How::Base));
        }
    }
    let Some((bases, f)) = sole_field(plan, s) else {
        return out;
    };
    let how = How::Field {
        bases,
        field: f.name.clone(),
        card: f.card,
        boxed: f.boxed,
        via: None,
    };
    if f.card == Card::Many {
        out.push(plain(Source::Vec(f.ty.clone()), how));
        return out;
    }
    if is_string(plan, &f.ty) {
        out.push(plain(Source::Str, how.clone()));
    }
    out.push(plain(Source::Ty(f.ty.clone()), how));
    out
}

/// The field of `s` (or of a base, with the number of `.base` hops to it) that a value is
/// made from: the only required one, else the only one. Structs holding raw content or
/// `xsi:nil` values have none.
fn sole_field<'p>(plan: &'p Plan, s: &'p Struct) -> Option<(usize, &'p Field)> {
    let bases = s
        .base
        .as_ref()
        .map(|b| plan.base_chain(b))
        .unwrap_or_default();
    let fields: Vec<(usize, &Field)> = std::iter::once(s)
        .chain(bases.into_iter().map(|(_, b)| b))
        .enumerate()
        .flat_map(|(depth, st)| st.fields.iter().map(move |f| (depth, f)))
        .collect();
    let usable = |f: &Field| {
        !matches!(f.xml, XmlBinding::Any | XmlBinding::AnyAttributes)
            && !matches!(f.ty, Ty::Nillable(_) | Ty::AnyContent)
    };
    if !fields.iter().all(|(_, f)| usable(f)) {
        return None;
    }
    let required: Vec<_> = fields
        .iter()
        .filter(|(_, f)| f.card == Card::One || f.required_choice || f.at_least_one)
        .collect();
    match (required.as_slice(), fields.as_slice()) {
        ([one], _) => Some(**one),
        ([], [only]) => Some(*only),
        _ => None,
    }
}

/// Response messages are built from their header (`ResponseMessageType::success()`), not
/// from the one field the schema requires of them.
fn is_response_message(it: &Item, s: &Struct) -> bool {
    s.is_response_message
        || s.response != ResponseDerive::None
        || (it.module == Module::Messages && it.name == super::responses::MESSAGE)
}

/// `From` each member type, and from what each member is made from (unless that is the
/// Rust type of a member).
fn member_conversions(plan: &Plan, members: &[(&str, &Ty, bool)]) -> Vec<Conversion> {
    let member_types: Vec<String> = members.iter().map(|m| rust_type(plan, m.1)).collect();
    let mut out = Vec::new();
    for &(variant, ty, boxed) in members {
        if !nominal(plan, ty) {
            continue;
        }
        out.push(plain(
            Source::Ty(ty.clone()),
            How::Variant {
                variant: variant.to_owned(),
                boxed,
            },
        ));
        let Some(ItemKind::Struct(s)) = plan.item(ty).map(|it| &it.kind) else {
            continue;
        };
        for c in struct_conversions(plan, s) {
            let is_member = member_types.contains(&source_key(plan, &c.source));
            if matches!(c.how, How::Field { .. }) && simple(plan, &c.source) && !is_member {
                out.push(plain(
                    c.source,
                    How::VariantFrom {
                        variant: variant.to_owned(),
                        member: ty.clone(),
                        boxed,
                    },
                ));
            }
        }
    }
    out
}

/// A type of the plan that is not an alias of another type (an alias is that type in Rust).
fn nominal(plan: &Plan, ty: &Ty) -> bool {
    plan.item(ty)
        .is_some_and(|it| !matches!(it.kind, ItemKind::Alias(_)))
}

/// `From` this choice into every larger choice holding all its members (same element, same
/// type), and `TryFrom` back.
fn subset_conversions(plan: &Plan, it: &Item, sub: &Choice) -> Vec<Conversion> {
    plan.items
        .iter()
        .filter(|sup| !std::ptr::eq(*sup, it))
        .filter_map(|sup| {
            let ItemKind::Choice(s) = &sup.kind else {
                return None;
            };
            if !s.is_plain() || s.variants.len() <= sub.variants.len() {
                return None;
            }
            let pairs = sub
                .variants
                .iter()
                .map(|v| {
                    let w = s
                        .variants
                        .iter()
                        .find(|w| w.element == v.element && w.ty == v.ty)?;
                    Some((v.name.clone(), v.boxed, w.name.clone(), w.boxed))
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Conversion {
                source: Source::Ty(Ty::Item(sup.module, sup.name.clone())),
                how: How::Subset { pairs },
                gate: sup.gate.clone(),
            })
        })
        .collect()
}

/// Drops the conversions whose source another conversion of the same item has too, unless
/// one of them is a member's own type ([`How::Variant`]), which is kept alone.
fn unambiguous(plan: &Plan, list: Vec<Conversion>) -> Vec<Conversion> {
    let mut by_source: BTreeMap<String, Vec<Conversion>> = BTreeMap::new();
    for c in list {
        by_source
            .entry(source_key(plan, &c.source))
            .or_default()
            .push(c);
    }
    by_source
        .into_values()
        .filter_map(|mut same| match same.len() {
            1 => same.pop(),
            _ => same
                .into_iter()
                .find(|c| matches!(c.how, How::Variant { .. })),
        })
        .collect()
}

/// The Rust type a source is, aliases resolved (two names of one Rust type conflict).
fn source_key(plan: &Plan, source: &Source) -> String {
    match source {
        Source::Ty(t) => rust_type(plan, t),
        Source::Vec(t) => format!("Vec<{}>", rust_type(plan, t)),
        Source::Str => "&str".into(),
    }
}

fn rust_type(plan: &Plan, ty: &Ty) -> String {
    match plan.item(ty).map(|it| &it.kind) {
        Some(ItemKind::Alias(AliasTarget::Ty(t))) => rust_type(plan, t),
        Some(ItemKind::Alias(AliasTarget::List(t))) => format!("List<{}>", rust_type(plan, t)),
        _ => crate::emit::types::ty(ty, Module::Types).to_string(),
    }
}

/// Whether `ty` is a Rust `String` (a string built-in, or an alias of one).
fn is_string(plan: &Plan, ty: &Ty) -> bool {
    rust_type(plan, ty) == crate::emit::types::builtin(Builtin::String).to_string()
}

fn plain(source: Source, how: How) -> Conversion {
    Conversion {
        source,
        how,
        gate: Vec::new(),
    }
}
