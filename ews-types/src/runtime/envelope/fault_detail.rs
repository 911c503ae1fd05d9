//! The EWS fields of a fault's `detail`: read out of it, and written over it. What else the
//! detail holds (elements of other namespaces, their order, attributes) is kept as read.
//!
//! Exchange's detail is `e:ResponseCode`, `e:Message`, then `t:MessageXml` holding
//! `t:LineNumber`, `t:LinePosition`, `t:Violation` (schema validation) or
//! `t:Value Name="…"` items (e.g. `BackOffMilliseconds` for `ErrorServerBusy`).

use super::fault::Fault;
use super::ERRORS_NS;
use crate::messages::ResponseCodeType;
use crate::runtime::any::{AnyAttribute, AnyElement, AnyNode};
use crate::runtime::error::ValueError;
use crate::runtime::xml::TYPES_URI;

/// A child element a typed field lives in.
struct Child {
    ns: &'static str,
    name: &'static str,
    /// The value of its `Name` attribute (for `t:Value`).
    name_attr: Option<&'static str>,
}

const RESPONSE_CODE: Child = Child::new(ERRORS_NS, "ResponseCode");
const MESSAGE: Child = Child::new(ERRORS_NS, "Message");
const MESSAGE_XML: Child = Child::new(TYPES_URI, "MessageXml");
const LINE_NUMBER: Child = Child::new(TYPES_URI, "LineNumber");
const LINE_POSITION: Child = Child::new(TYPES_URI, "LinePosition");
const VIOLATION: Child = Child::new(TYPES_URI, "Violation");
const BACK_OFF: Child = Child {
    ns: TYPES_URI,
    name: "Value",
    name_attr: Some("BackOffMilliseconds"),
};

/// Exchange's order of the detail's children, and of `t:MessageXml`'s.
const DETAIL_ORDER: [&Child; 3] = [&RESPONSE_CODE, &MESSAGE, &MESSAGE_XML];
const MESSAGE_XML_ORDER: [&Child; 4] = [&LINE_NUMBER, &LINE_POSITION, &VIOLATION, &BACK_OFF];

impl Child {
    const fn new(ns: &'static str, name: &'static str) -> Self {
        Child {
            ns,
            name,
            name_attr: None,
        }
    }

    fn is(&self, e: &AnyElement) -> bool {
        e.namespace.as_deref() == Some(self.ns)
            && e.name == self.name
            && self
                .name_attr
                .is_none_or(|n| e.attribute("Name") == Some(n))
    }

    fn is_node(&self, n: &AnyNode) -> bool {
        matches!(n, AnyNode::Element(e) if self.is(e))
    }

    /// A new element, with `text` as its content.
    fn make(&self, text: Option<String>) -> AnyElement {
        let name = self.name_attr.map(|value| AnyAttribute {
            namespace: None,
            name: "Name".into(),
            value: value.into(),
        });
        AnyElement {
            namespace: Some(self.ns.into()),
            name: self.name.into(),
            attributes: name.into_iter().collect(),
            children: text.map(AnyNode::Text).into_iter().collect(),
        }
    }

    fn first<'e>(&self, parent: &'e AnyElement) -> Option<&'e AnyElement> {
        parent.elements().find(|e| self.is(e))
    }
}

/// Fills the typed fields of `f` from its `detail` (the first element of each kind).
pub(super) fn read(f: &mut Fault) -> Result<(), ValueError> {
    let Some(d) = &f.detail else {
        return Ok(());
    };
    f.response_code = RESPONSE_CODE.first(d).map(response_code);
    f.message = MESSAGE.first(d).map(AnyElement::text);
    let Some(x) = MESSAGE_XML.first(d) else {
        return Ok(());
    };
    f.line_number = number(x, &LINE_NUMBER, "an unsigned integer in t:LineNumber")?;
    f.line_position = number(x, &LINE_POSITION, "an unsigned integer in t:LinePosition")?;
    f.violation = VIOLATION.first(x).map(AnyElement::text);
    f.back_off_milliseconds = number(x, &BACK_OFF, "an unsigned integer in t:Value")?;
    Ok(())
}

fn response_code(e: &AnyElement) -> ResponseCodeType {
    ResponseCodeType::from_wire(e.text().trim())
}

fn number(
    x: &AnyElement,
    child: &Child,
    expected: &'static str,
) -> Result<Option<u64>, ValueError> {
    let Some(e) = child.first(x) else {
        return Ok(None);
    };
    let text = e.text();
    match text.trim().parse() {
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(ValueError::new(expected, &text)),
    }
}

fn parsed_number(e: &AnyElement) -> Option<u64> {
    e.text().trim().parse().ok()
}

/// The `detail` to write for `f`: its kept detail with the typed fields written over it
/// (an element whose value differs gets the field's text, a missing one is inserted in
/// Exchange's order, one whose field is `None` is removed); `None` when there is neither.
pub(super) fn written(f: &Fault) -> Option<AnyElement> {
    let mut d = match &f.detail {
        Some(d) => d.clone(),
        None if has_typed(f) => AnyElement {
            name: "detail".into(),
            ..AnyElement::default()
        },
        None => return None,
    };
    let code = f.response_code.as_ref();
    put(
        &mut d,
        &DETAIL_ORDER,
        0,
        code,
        |e| Some(response_code(e)),
        |c| c.as_str().to_owned(),
    );
    put(
        &mut d,
        &DETAIL_ORDER,
        1,
        f.message.as_ref(),
        |e| Some(e.text()),
        String::clone,
    );
    put_message_xml(&mut d, f);
    Some(d)
}

fn has_typed(f: &Fault) -> bool {
    f.response_code.is_some() || f.message.is_some() || has_message_xml(f)
}

fn has_message_xml(f: &Fault) -> bool {
    f.line_number.is_some()
        || f.line_position.is_some()
        || f.violation.is_some()
        || f.back_off_milliseconds.is_some()
}

/// Writes the fields of `t:MessageXml`; removes it when that emptied it.
fn put_message_xml(d: &mut AnyElement, f: &Fault) {
    let wanted = has_message_xml(f);
    let at = match d.children.iter().position(|n| MESSAGE_XML.is_node(n)) {
        Some(i) => i,
        None if wanted => {
            let i = position(d, &DETAIL_ORDER, 2);
            d.children
                .insert(i, AnyNode::Element(MESSAGE_XML.make(None)));
            i
        }
        None => return,
    };
    let AnyNode::Element(x) = &mut d.children[at] else {
        return;
    };
    let before = x.elements().count();
    let text = |n: &u64| n.to_string();
    put(
        x,
        &MESSAGE_XML_ORDER,
        0,
        f.line_number.as_ref(),
        parsed_number,
        text,
    );
    put(
        x,
        &MESSAGE_XML_ORDER,
        1,
        f.line_position.as_ref(),
        parsed_number,
        text,
    );
    put(
        x,
        &MESSAGE_XML_ORDER,
        2,
        f.violation.as_ref(),
        |e| Some(e.text()),
        String::clone,
    );
    let back_off = f.back_off_milliseconds.as_ref();
    put(x, &MESSAGE_XML_ORDER, 3, back_off, parsed_number, text);
    let emptied = before > 0 && x.elements().next().is_none();
    if !wanted && emptied {
        remove(d, |i, _| i == at);
    }
}

/// Removes the children `which` picks, joining the text around them (as reading does).
fn remove(parent: &mut AnyElement, which: impl Fn(usize, &AnyNode) -> bool) {
    let mut kept: Vec<AnyNode> = Vec::with_capacity(parent.children.len());
    for (i, n) in std::mem::take(&mut parent.children).into_iter().enumerate() {
        if which(i, &n) {
            continue;
        }
        match (kept.last_mut(), n) {
            (Some(AnyNode::Text(prev)), AnyNode::Text(t)) => prev.push_str(&t),
            (_, n) => kept.push(n),
        }
    }
    parent.children = kept;
}

/// Writes `value` into the first child `order[k]` of `parent`: left as it is when it already
/// reads as `value`, its text replaced otherwise, inserted when missing; every such child is
/// removed when `value` is `None`.
fn put<T: PartialEq>(
    parent: &mut AnyElement,
    order: &[&Child],
    k: usize,
    value: Option<&T>,
    read: impl Fn(&AnyElement) -> Option<T>,
    text: impl Fn(&T) -> String,
) {
    let child = order[k];
    let Some(value) = value else {
        remove(parent, |_, n| child.is_node(n));
        return;
    };
    let found = parent.children.iter_mut().find_map(|n| match n {
        AnyNode::Element(e) if child.is(e) => Some(e),
        _ => None,
    });
    match found {
        Some(e) if read(e).as_ref() == Some(value) => {}
        Some(e) => e.children = vec![AnyNode::Text(text(value))],
        None => {
            let at = position(parent, order, k);
            let e = child.make(Some(text(value)));
            parent.children.insert(at, AnyNode::Element(e));
        }
    }
}

/// Where child `order[k]` goes: after the last child that comes before it in `order`, else
/// before the first that comes after it, else last.
fn position(parent: &AnyElement, order: &[&Child], k: usize) -> usize {
    let any_of = |set: &[&Child], n: &AnyNode| set.iter().any(|c| c.is_node(n));
    let nodes = &parent.children;
    match nodes.iter().rposition(|n| any_of(&order[..k], n)) {
        Some(i) => i + 1,
        None => nodes
            .iter()
            .position(|n| any_of(&order[k + 1..], n))
            .unwrap_or(nodes.len()),
    }
}
