//! Raw XML kept as it was read: content allowed by `xs:any` (e.g. `MessageXml`) and
//! attributes allowed by `xs:anyAttribute`. Written back namespace-correctly.

use super::envelope::ERRORS_NS;
use super::error::ReadError;
use super::read::{Node, Reader, Start};
use super::write::Writer;
use super::xml::{self, MESSAGES_URI, TYPES_URI, XML_URI, XSI_URI};
use super::Ns;

/// The namespace URI of an element or attribute the reader resolved (`other` is the URI of
/// [`Ns::Other`]).
fn uri_of(ns: Ns, other: Option<&str>) -> Option<String> {
    match ns {
        Ns::Other => other.map(str::to_owned),
        Ns::None => None,
        known => Some(xml::uri_of(known).to_owned()),
    }
}

/// An element of arbitrary XML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnyElement {
    /// Namespace URI (`None`: no namespace).
    pub namespace: Option<String>,
    /// Local name.
    pub name: String,
    /// Attributes (namespace declarations are not kept: they are re-made on writing).
    pub attributes: Vec<AnyAttribute>,
    /// Child nodes in document order.
    pub children: Vec<AnyNode>,
}

/// A child of an [`AnyElement`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AnyNode {
    /// An element.
    Element(AnyElement),
    /// Text (entities decoded).
    Text(String),
}

/// An attribute of arbitrary XML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnyAttribute {
    /// Namespace URI (`None` for unqualified attributes).
    pub namespace: Option<String>,
    /// Local name.
    pub name: String,
    /// Value (entities decoded). For `xsi:type` (a QName) the QName resolved when read:
    /// `{namespace}local`, or `local` when it has no namespace; written back with a prefix
    /// declared for that namespace.
    pub value: String,
}

impl AnyElement {
    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &AnyElement> {
        self.children.iter().filter_map(|c| match c {
            AnyNode::Element(e) => Some(e),
            AnyNode::Text(_) => None,
        })
    }

    /// The element's own text (its text children, concatenated).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                AnyNode::Text(t) => Some(t.as_str()),
                AnyNode::Element(_) => None,
            })
            .collect()
    }

    /// The value of the unqualified attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Reads the element `start` and its whole subtree.
    pub fn read<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError> {
        r.enter(start)?;
        let mut el = AnyElement {
            namespace: uri_of(start.ns, start.other_uri.as_deref()),
            name: start.local_str().to_owned(),
            attributes: Vec::new(),
            children: Vec::new(),
        };
        r.all_attributes(start, |a| {
            el.attributes.push(AnyAttribute::from_attr(a));
            Ok(())
        })?;
        if !start.is_empty() {
            while let Some(node) = r.next_node()? {
                match node {
                    Node::Element(child) => el
                        .children
                        .push(AnyNode::Element(AnyElement::read(r, &child)?)),
                    Node::Text(t) => match el.children.last_mut() {
                        Some(AnyNode::Text(prev)) => prev.push_str(&t),
                        _ => el.children.push(AnyNode::Text(t.into_owned())),
                    },
                }
            }
        }
        r.leave();
        Ok(el)
    }

    /// Writes the element: EWS namespaces with `m:`/`t:`, EWS errors with `e:` declared on
    /// the element (as Exchange writes them), others with a default-namespace declaration.
    pub fn write(&self, w: &mut Writer) {
        let qname = match self.namespace.as_deref() {
            Some(MESSAGES_URI) => format!("m:{}", self.name),
            Some(TYPES_URI) => format!("t:{}", self.name),
            Some(ERRORS_NS) => format!("e:{}", self.name),
            _ => self.name.clone(),
        };
        w.start_raw(&qname);
        match self.namespace.as_deref() {
            Some(MESSAGES_URI) | Some(TYPES_URI) => {}
            Some(ERRORS_NS) => w.declare("e", ERRORS_NS),
            Some(uri) => w.declare("", uri),
            None => w.declare("", ""),
        }
        write_attributes(&self.attributes, w);
        self.write_content(w);
        w.end_raw(&qname);
    }

    /// Writes the element's children (text and elements), not the element itself.
    pub fn write_content(&self, w: &mut Writer) {
        for c in &self.children {
            match c {
                AnyNode::Element(e) => e.write(w),
                AnyNode::Text(t) => w.text_str(t),
            }
        }
    }
}

impl AnyAttribute {
    /// Keeps an attribute handed out by the reader.
    pub fn from_attr(a: &super::read::Attr<'_>) -> Self {
        AnyAttribute {
            namespace: uri_of(a.ns, std::str::from_utf8(a.uri).ok()),
            name: String::from_utf8_lossy(a.local).into_owned(),
            value: a.value.clone().into_owned(),
        }
    }
}

/// Writes kept attributes, declaring a prefix for each namespaced one.
pub fn write_attributes(attributes: &[AnyAttribute], w: &mut Writer) {
    for (i, a) in attributes.iter().enumerate() {
        match a.namespace.as_deref() {
            None => w.attr_str(&a.name, &a.value),
            Some(XML_URI) => w.attr_str(&format!("xml:{}", a.name), &a.value),
            Some(XSI_URI) => {
                w.declare_xsi();
                let value = if a.name == "type" {
                    qname_value(&a.value, i, w)
                } else {
                    a.value.clone()
                };
                w.attr_str(&format!("xsi:{}", a.name), &value);
            }
            Some(uri) => {
                let prefix = format!("a{i}");
                w.declare(&prefix, uri);
                w.attr_str(&format!("{prefix}:{}", a.name), &a.value);
            }
        }
    }
}

/// The written form of a QName kept as `{namespace}local`: `t:`/`m:` for the EWS
/// namespaces, else a prefix declared here (on the open start tag).
fn qname_value(value: &str, i: usize, w: &mut Writer) -> String {
    let Some((uri, local)) = value
        .strip_prefix('{')
        .and_then(|rest| rest.split_once('}'))
    else {
        return value.to_owned();
    };
    match uri {
        TYPES_URI => format!("t:{local}"),
        MESSAGES_URI => format!("m:{local}"),
        XSI_URI => format!("xsi:{local}"),
        XML_URI => format!("xml:{local}"),
        _ => {
            let prefix = format!("q{i}");
            w.declare(&prefix, uri);
            format!("{prefix}:{local}")
        }
    }
}

impl super::XmlElement for AnyElement {
    fn read_element<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError> {
        AnyElement::read(r, start)
    }

    fn write_element(&self, w: &mut Writer, _ns: Ns, _name: &str) {
        self.write(w);
    }
}
