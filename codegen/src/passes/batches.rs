//! Batches pass: the response of a batch operation holds that operation's messages only.
//!
//! In the schema every batch response (`m:GetItemResponseType`, ...) extends
//! `m:BaseResponseMessageType`, whose `m:ResponseMessages` (`m:ArrayOfResponseMessagesType`)
//! is a choice of some 80 message elements: nothing ties `GetItemResponse` to
//! `m:GetItemResponseMessage`. The operation does (`GetItem` answers with
//! `GetItemResponseMessage`, the naming every batch operation of `services.wsdl` follows), so
//! for each response element `m:<Operation>Response` (and `m:SendNotification`, which the
//! notification service's server sends) whose type is such a batch, and whose message
//! element `m:<Operation>ResponseMessage` the choice lists, this pass gives the type its own
//! array:
//!
//! - a new struct `<Response>Messages` (e.g. `GetItemResponseMessages`) whose one field,
//!   `items`, holds the messages, each of the element's type (`ItemInfoResponseMessageType`),
//!   and which refuses the other message elements of the choice ([`Struct::only_child`],
//!   [`Plan::message_elements`]; elements the schema does not know are kept, as everywhere);
//! - the response type holds it in `response_messages` instead of extending
//!   `BaseResponseMessageType`.
//!
//! The wire form is unchanged: this is a restriction of the schema's content to what the
//! operation can carry. A response whose message element the choice does not list (e.g.
//! `SetUserPhotoResponse`), or whose type is shared or extended, keeps the schema's shape.

use std::collections::BTreeSet;

use crate::ir::*;
use crate::model::Ns;
use crate::naming;

const BATCH: &str = "BaseResponseMessageType";

/// Specialises the response type of every batch operation (see the module docs).
pub fn specialise(plan: &mut Plan) {
    let Some(shape) = BatchShape::of(plan) else {
        return;
    };
    let mut elements: Vec<String> = shape
        .choice
        .variants
        .iter()
        .filter(|v| v.element.ns == Ns::Messages)
        .map(|v| v.element.name.clone())
        .collect();
    elements.sort();
    plan.message_elements = elements;
    let mut taken: BTreeSet<String> = plan
        .items
        .iter()
        .filter(|it| it.module == Module::Messages)
        .map(|it| it.name.clone())
        .collect();
    let wrappers: Vec<(String, Ty)> = plan
        .items
        .iter()
        .filter_map(|it| match &it.kind {
            ItemKind::Element(e) if e.xsd.ns == Ns::Messages => {
                Some((e.xsd.name.clone(), e.ty.clone()))
            }
            _ => None,
        })
        .collect();
    for (element, ty) in wrappers {
        let operation = element.strip_suffix("Response").unwrap_or(&element);
        let Some((response, variant)) = candidate(plan, &shape, operation, &ty) else {
            continue;
        };
        let name = naming::unique(
            format!("{}Messages", naming::stem(&response)),
            &["Array"],
            &mut taken,
        );
        plan.items
            .push(messages_item(&shape, operation, &name, &variant));
        let it = plan
            .items
            .iter_mut()
            .find(|it| it.module == Module::Messages && it.name == response);
        if let Some(Item {
            kind: ItemKind::Struct(s),
            doc,
            ..
        }) = it
        {
            s.base = None;
            s.fields.insert(0, shape.field_holding(&name));
            doc.push(format!(
                "Its messages are `{operation}`'s only: see [`{name}`]."
            ));
        }
    }
}

/// What the schema's batch base looks like: `BaseResponseMessageType`'s field holding the
/// array, and the choice of message elements the array holds.
struct BatchShape {
    field: Field,
    array_xsd: crate::model::QName,
    choice: Choice,
}

impl BatchShape {
    fn of(plan: &Plan) -> Option<Self> {
        let base = plan.item(&Ty::Item(Module::Messages, BATCH.to_owned()))?;
        let ItemKind::Struct(bs) = &base.kind else {
            return None;
        };
        let [field] = bs.fields.as_slice() else {
            return None;
        };
        let array = plan.item(&field.ty)?;
        let ItemKind::Struct(arr) = &array.kind else {
            return None;
        };
        let [items] = arr.fields.as_slice() else {
            return None;
        };
        let ItemKind::Choice(choice) = &plan.item(&items.ty)?.kind else {
            return None;
        };
        let single = field.card == Card::One && items.card == Card::Many && bs.base.is_none();
        single.then(|| BatchShape {
            field: field.clone(),
            array_xsd: arr.xsd.clone(),
            choice: choice.clone(),
        })
    }

    /// The response type's field holding its array `name` (as `BaseResponseMessageType`
    /// holds the schema's).
    fn field_holding(&self, name: &str) -> Field {
        Field {
            ty: Ty::Item(Module::Messages, name.to_owned()),
            doc: vec!["The messages, one per entry of the request.".into()],
            ..self.field.clone()
        }
    }
}

/// The Rust name of `ty`, the type of element `m:<operation>Response` (or of
/// `m:<operation>`, as for the notification service's `SendNotification`), and the choice
/// member that is its message, if `ty` is a batch that only this element uses and nothing
/// extends.
fn candidate(
    plan: &Plan,
    shape: &BatchShape,
    operation: &str,
    ty: &Ty,
) -> Option<(String, ChoiceVariant)> {
    let (Module::Messages, response) = ty.item()? else {
        return None;
    };
    let ItemKind::Struct(s) = &plan.item(ty)?.kind else {
        return None;
    };
    let batch = Ty::Item(Module::Messages, BATCH.to_owned());
    if s.base.as_ref() != Some(&batch) || uses(plan, ty) != 1 {
        return None;
    }
    let element = format!("{operation}ResponseMessage");
    let variant = shape
        .choice
        .variants
        .iter()
        .find(|v| v.element.ns == Ns::Messages && v.element.name == element && !v.many)?;
    Some((response.to_owned(), variant.clone()))
}

/// How many places hold values of `ty` (fields, variants, wrappers, bases).
fn uses(plan: &Plan, ty: &Ty) -> usize {
    let mut n = 0;
    for it in &plan.items {
        it.kind.each_ty(|t, _| n += usize::from(t == ty));
    }
    n
}

/// The array of `op`'s messages: one repeated element, nothing else.
fn messages_item(shape: &BatchShape, operation: &str, name: &str, v: &ChoiceVariant) -> Item {
    let element = v.element.name.clone();
    let items = Field {
        name: "items".into(),
        doc: vec![format!("The `{element}` messages, in request order.")],
        schema_doc: Vec::new(),
        ty: v.ty.clone(),
        card: Card::Many,
        at_least_one: true,
        success_only: false,
        required_choice: false,
        constraint: None,
        boxed: false,
        xml: XmlBinding::Element {
            ns: Ns::Messages,
            name: element.clone(),
        },
    };
    Item {
        module: Module::Messages,
        name: name.to_owned(),
        doc: vec![format!(
            "The `m:ResponseMessages` of a `{operation}` response: its `m:{element}` \
                 messages. Another message element here is an error when read."
        )],
        schema_doc: Vec::new(),
        kind: ItemKind::Struct(Struct {
            xsd: shape.array_xsd.clone(),
            base: None,
            fields: vec![items],
            is_abstract: false,
            is_response_message: false,
            response: ResponseDerive::None,
            unordered: false,
            only_child: Some(format!("m:{element}")),
        }),
        facets: Vec::new(),
        gate: Vec::new(),
    }
}
