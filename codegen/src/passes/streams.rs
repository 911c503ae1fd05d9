//! Streams pass: for each operation whose response holds response messages, what the
//! streaming reader (`runtime::stream::Streamed`) needs: the message type, the message
//! element of a batch, and the collection its values come from.
//!
//! The collection is the first, in field order and depth first (at most three elements
//! down), of a message's elements whose type holds nothing but one repeated element or
//! choice (e.g. `ArrayOfRealItemsType`), reached through single elements and members of
//! single choices: `FindItem`'s `RootFolder/Items`, `SyncFolderItems`'s `Changes`,
//! `FindPeople`'s `People`. A collection that must hold one value is not streamed (the
//! message without its values would not be valid).

use crate::ir::*;
use crate::model::Ns;

/// How far below the message the collection may stand.
const MAX_DEPTH: usize = 3;

/// Fills [`Plan::streams`].
pub fn find(plan: &mut Plan) {
    let streams = plan
        .operations
        .iter()
        .filter_map(|op| Some((op.name.clone(), of(plan, op)?)))
        .collect();
    plan.streams = streams;
}

/// The stream of `op`'s responses, if they hold response messages.
fn of(plan: &Plan, op: &Operation) -> Option<Stream> {
    let (m, n) = &op.response;
    let wrapper = plan.item(&Ty::Item(*m, n.clone()))?;
    let ItemKind::Element(e) = &wrapper.kind else {
        return None;
    };
    let (message, message_element) = messages(plan, &e.ty)?;
    let found = plan
        .base_chain(&message)
        .first()
        .and_then(|(_, s)| collection(plan, s, 1));
    let (path, value) = match found {
        Some((path, value)) => (path, Some(value)),
        None => (Vec::new(), None),
    };
    Some(Stream {
        message,
        message_element,
        path,
        value,
    })
}

/// The message type of a response of type `ty`, and the local name of a batch's message
/// elements (`None`: the response is the message).
fn messages(plan: &Plan, ty: &Ty) -> Option<(Ty, Option<String>)> {
    let (_, s) = *plan.base_chain(ty).first()?;
    match &s.response {
        ResponseDerive::MessageBase => Some((ty.clone(), None)),
        ResponseDerive::Batch(_) => {
            let array = s.fields.iter().find(|f| {
                f.xml
                    == XmlBinding::Element {
                        ns: Ns::Messages,
                        name: "ResponseMessages".into(),
                    }
            })?;
            let (_, a) = *plan.base_chain(&array.ty).first()?;
            let [f] = content_fields(a)[..] else {
                return None;
            };
            match (&f.xml, f.card) {
                (
                    XmlBinding::Element {
                        ns: Ns::Messages,
                        name,
                    },
                    Card::Many,
                ) => {
                    plan.base_chain(&f.ty).first()?;
                    Some((f.ty.clone(), Some(name.clone())))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The first collection under struct `s` (at `depth` below the message): the steps to it
/// and its values.
fn collection(plan: &Plan, s: &Struct, depth: usize) -> Option<(Vec<Step>, StreamValue)> {
    if depth > MAX_DEPTH {
        return None;
    }
    for f in s.fields.iter().filter(|f| f.card != Card::Many) {
        for (step, inner) in steps(plan, f) {
            if let Some(value) = values(inner) {
                return Some((vec![step], value));
            }
            if let Some((mut path, value)) = collection(plan, inner, depth + 1) {
                path.insert(0, step);
                return Some((path, value));
            }
        }
    }
    None
}

/// The ways down from field `f`: itself if it is a struct element, each struct member if it
/// is a choice.
fn steps<'p>(plan: &'p Plan, f: &Field) -> Vec<(Step, &'p Struct)> {
    let struct_of = |ty: &Ty| plan.base_chain(ty).first().map(|(_, s)| *s);
    match &f.xml {
        XmlBinding::Element { ns, name } => struct_of(&f.ty)
            .map(|s| {
                let step = Step {
                    ns: *ns,
                    name: name.clone(),
                    field: f.name.clone(),
                    card: f.card,
                    variant: None,
                };
                vec![(step, s)]
            })
            .unwrap_or_default(),
        XmlBinding::Choice => {
            let Some(ItemKind::Choice(c)) = plan.item(&f.ty).map(|it| &it.kind) else {
                return Vec::new();
            };
            let enum_ty = f.ty.clone();
            c.variants
                .iter()
                .filter(|v| !v.many)
                .filter_map(|v| {
                    let step = Step {
                        ns: v.element.ns,
                        name: v.element.name.clone(),
                        field: f.name.clone(),
                        card: f.card,
                        variant: Some((enum_ty.clone(), v.name.clone())),
                    };
                    Some((step, struct_of(&v.ty)?))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The values of `s` if it is a collection: no base, one repeated element or choice of
/// items, which may be empty.
fn values(s: &Struct) -> Option<StreamValue> {
    if s.base.is_some() {
        return None;
    }
    let [f] = content_fields(s)[..] else {
        return None;
    };
    if f.card != Card::Many || f.at_least_one || !matches!(f.ty, Ty::Item(..)) {
        return None;
    }
    let element = match &f.xml {
        XmlBinding::Choice => None,
        XmlBinding::Element { ns, name } => Some((*ns, name.clone())),
        _ => return None,
    };
    Some(StreamValue {
        ty: f.ty.clone(),
        element,
        field: f.name.clone(),
    })
}

/// The fields of `s` that hold child elements.
fn content_fields(s: &Struct) -> Vec<&Field> {
    s.fields
        .iter()
        .filter(|f| {
            matches!(
                f.xml,
                XmlBinding::Element { .. } | XmlBinding::Choice | XmlBinding::Any
            )
        })
        .collect()
}
