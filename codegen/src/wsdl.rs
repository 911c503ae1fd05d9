//! WSDL loading: the operations of `services.wsdl` (port type + SOAP binding).
//!
//! Everything is taken from the WSDL's messages and parts, not from name patterns: the
//! body element of each direction is the part named by `soap:body parts=` (or the message's
//! only non-header part), and headers are the parts named by `soap:header` (duplicates, such
//! as `GetUserAvailability`'s second `RequestVersion`, are kept once).

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::model::{Ns, QName};
use crate::Error;

const WSDL_NS: &[u8] = b"http://schemas.xmlsoap.org/wsdl/";
const SOAP_BINDING_NS: &[u8] = b"http://schemas.xmlsoap.org/wsdl/soap/";

/// One operation of the port type, with its binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub name: String,
    pub soap_action: String,
    pub documentation: Option<String>,
    pub request: QName,
    pub response: QName,
    pub request_headers: Vec<QName>,
    pub response_headers: Vec<QName>,
}

/// What a binding says of one direction of an operation.
#[derive(Default)]
struct Direction {
    /// `soap:body parts=`, when given.
    body_parts: Option<Vec<String>>,
    /// `soap:header`s: (message, part).
    headers: Vec<(String, String)>,
}

/// What the bindings say of one operation.
#[derive(Default)]
struct Binding {
    action: Option<String>,
    input: Direction,
    output: Direction,
}

/// Loads the operations of `services.wsdl` in `dir`, in port-type order.
pub fn load(dir: &Path) -> Result<Vec<Operation>, Error> {
    let path = dir.join("services.wsdl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::Setup(format!("cannot read {}: {e}", path.display())))?;
    parse(text.trim_start_matches('\u{feff}'))
}

/// Which namespace a WSDL element is in, as far as reading operations goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Space {
    Wsdl,
    Soap,
    Other,
}

/// An element of the WSDL as read: the small tree that [`parse`] then walks.
struct Node {
    space: Space,
    local: String,
    attributes: Vec<(String, String)>,
    /// A `part`'s `element=` QName, resolved where it stood (prefixes are scoped).
    element: Option<QName>,
    children: Vec<Node>,
    /// The text directly inside, as written.
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The children in `space` named `local`.
    fn children<'a>(&'a self, space: Space, local: &'a str) -> impl Iterator<Item = &'a Node> {
        self.children
            .iter()
            .filter(move |c| c.space == space && c.local == local)
    }

    fn child(&self, space: Space, local: &str) -> Option<&Node> {
        self.children
            .iter()
            .find(|c| c.space == space && c.local == local)
    }
}

/// Parses WSDL text: reads it into a tree, then takes the messages, the port types'
/// operations and the bindings from it.
pub fn parse(text: &str) -> Result<Vec<Operation>, Error> {
    let root = read_tree(text)?;
    let messages = messages(&root);
    let bindings = bindings(&root);
    let mut ops = Vec::new();
    for port_type in root.children(Space::Wsdl, "portType") {
        for op in port_type.children(Space::Wsdl, "operation") {
            ops.push(operation(op, &messages, &bindings)?);
        }
    }
    Ok(ops)
}

/// Reads the whole document into a tree of [`Node`]s; gives its `wsdl:definitions`.
fn read_tree(text: &str) -> Result<Node, Error> {
    let mut r = NsReader::from_str(text);
    // The open elements; the first holds the document's top-level elements.
    let mut stack = vec![Node {
        space: Space::Other,
        local: String::new(),
        attributes: Vec::new(),
        element: None,
        children: Vec::new(),
        text: String::new(),
    }];
    loop {
        let (res, ev) = r
            .read_resolved_event()
            .map_err(|e| Error::Schema(format!("services.wsdl: {e}")))?;
        let space = match res {
            ResolveResult::Bound(n) if n.as_ref() == WSDL_NS => Space::Wsdl,
            ResolveResult::Bound(n) if n.as_ref() == SOAP_BINDING_NS => Space::Soap,
            _ => Space::Other,
        };
        match ev {
            Event::Start(ref e) => stack.push(node(&r, space, e)?),
            Event::Empty(ref e) => {
                let n = node(&r, space, e)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(n);
                }
            }
            Event::Text(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(_) if stack.len() > 1 => {
                if let Some(done) = stack.pop() {
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(done);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack
        .swap_remove(0)
        .children
        .into_iter()
        .find(|d| d.space == Space::Wsdl && d.local == "definitions")
        .ok_or_else(|| Error::Schema("services.wsdl: no wsdl:definitions element".into()))
}

/// The [`Node`] of start tag `e` (its children come later).
fn node(r: &NsReader<&[u8]>, space: Space, e: &BytesStart<'_>) -> Result<Node, Error> {
    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let attributes: Vec<(String, String)> = e
        .attributes()
        .flatten()
        .map(|a| {
            let name = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            (name, String::from_utf8_lossy(&a.value).into_owned())
        })
        .collect();
    let element = match (space, local.as_str()) {
        (Space::Wsdl, "part") => attributes
            .iter()
            .find(|(n, _)| n == "element")
            .map(|(_, q)| resolve_qname(r, q))
            .transpose()?,
        _ => None,
    };
    Ok(Node {
        space,
        local,
        attributes,
        element,
        children: Vec::new(),
        text: String::new(),
    })
}

/// Message name → its parts: (part name, element).
fn messages(root: &Node) -> BTreeMap<String, Vec<(String, QName)>> {
    let mut out: BTreeMap<String, Vec<(String, QName)>> = BTreeMap::new();
    for m in root.children(Space::Wsdl, "message") {
        let Some(name) = m.attr("name") else { continue };
        let parts = out.entry(name.to_owned()).or_default();
        for p in m.children(Space::Wsdl, "part") {
            if let (Some(part), Some(q)) = (p.attr("name"), &p.element) {
                parts.push((part.to_owned(), q.clone()));
            }
        }
    }
    out
}

/// Operation name → what the bindings say of it (all bindings merged).
fn bindings(root: &Node) -> BTreeMap<String, Binding> {
    let mut out: BTreeMap<String, Binding> = BTreeMap::new();
    for binding in root.children(Space::Wsdl, "binding") {
        for op in binding.children(Space::Wsdl, "operation") {
            let Some(name) = op.attr("name") else {
                continue;
            };
            let b = out.entry(name.to_owned()).or_default();
            if let Some(action) = op
                .child(Space::Soap, "operation")
                .and_then(|o| o.attr("soapAction"))
            {
                b.action = Some(action.to_owned());
            }
            for d in op.children(Space::Wsdl, "input") {
                direction(d, &mut b.input);
            }
            for d in op.children(Space::Wsdl, "output") {
                direction(d, &mut b.output);
            }
        }
    }
    out
}

/// Adds what a binding's `input` or `output` says (its `soap:body` and `soap:header`s).
fn direction(node: &Node, dir: &mut Direction) {
    for c in &node.children {
        match (c.space, c.local.as_str()) {
            (Space::Soap, "body") => {
                dir.body_parts = c
                    .attr("parts")
                    .map(|p| p.split_whitespace().map(str::to_owned).collect());
            }
            (Space::Soap, "header") => {
                if let (Some(m), Some(p)) = (c.attr("message"), c.attr("part")) {
                    dir.headers.push((local_part(m), p.to_owned()));
                }
            }
            _ => {}
        }
    }
}

/// One operation of a port type, with what its binding and messages say.
fn operation(
    op: &Node,
    messages: &BTreeMap<String, Vec<(String, QName)>>,
    bindings: &BTreeMap<String, Binding>,
) -> Result<Operation, Error> {
    let name = op.attr("name").unwrap_or_default().to_owned();
    let message = |local: &str| {
        op.child(Space::Wsdl, local)
            .and_then(|d| d.attr("message"))
            .map(local_part)
            .unwrap_or_default()
    };
    let documentation = op
        .child(Space::Wsdl, "documentation")
        .map(|d| d.text.trim().to_owned())
        .filter(|d| !d.is_empty());
    let b = bindings
        .get(&name)
        .ok_or_else(|| Error::Schema(format!("services.wsdl: operation {name} has no binding")))?;
    let soap_action = b.action.clone().ok_or_else(|| {
        Error::Schema(format!("services.wsdl: operation {name} has no soapAction"))
    })?;
    Ok(Operation {
        request: body(messages, &message("input"), &b.input)?,
        response: body(messages, &message("output"), &b.output)?,
        request_headers: headers(messages, &b.input)?,
        response_headers: headers(messages, &b.output)?,
        soap_action,
        documentation,
        name,
    })
}

/// The body element of message `msg`: the part `soap:body parts=` names, else the first
/// part that is not a header.
fn body(
    messages: &BTreeMap<String, Vec<(String, QName)>>,
    msg: &str,
    dir: &Direction,
) -> Result<QName, Error> {
    let parts = messages
        .get(msg)
        .ok_or_else(|| Error::Schema(format!("services.wsdl: unknown message {msg}")))?;
    let header_parts: Vec<&str> = dir.headers.iter().map(|(_, p)| p.as_str()).collect();
    let chosen = match &dir.body_parts {
        Some(names) => parts.iter().find(|(p, _)| names.iter().any(|n| n == p)),
        None => parts
            .iter()
            .find(|(p, _)| !header_parts.contains(&p.as_str())),
    };
    chosen
        .map(|(_, q)| q.clone())
        .ok_or_else(|| Error::Schema(format!("services.wsdl: no body part in {msg}")))
}

/// The header elements of a direction, each once.
fn headers(
    messages: &BTreeMap<String, Vec<(String, QName)>>,
    dir: &Direction,
) -> Result<Vec<QName>, Error> {
    let mut out: Vec<QName> = Vec::new();
    for (msg, part) in &dir.headers {
        let q = messages
            .get(msg)
            .and_then(|ps| ps.iter().find(|(p, _)| p == part))
            .map(|(_, q)| q.clone())
            .ok_or_else(|| {
                Error::Schema(format!("services.wsdl: unknown header part {msg}/{part}"))
            })?;
        if !out.contains(&q) {
            out.push(q);
        }
    }
    Ok(out)
}

fn local_part(q: &str) -> String {
    q.rsplit(':').next().unwrap_or(q).to_owned()
}

fn resolve_qname(r: &NsReader<&[u8]>, q: &str) -> Result<QName, Error> {
    let probe = if q.contains(':') {
        q.to_owned()
    } else {
        format!("x:{q}")
    };
    let (res, local) = r.resolve_element(quick_xml::name::QName(probe.as_bytes()));
    let local = String::from_utf8_lossy(local.as_ref()).into_owned();
    match res {
        ResolveResult::Bound(n) => {
            let uri = String::from_utf8_lossy(n.as_ref()).into_owned();
            let ns = Ns::from_uri(&uri).ok_or_else(|| {
                Error::Schema(format!("services.wsdl: element {q} in namespace {uri}"))
            })?;
            Ok(QName::new(ns, local))
        }
        _ => Err(Error::Schema(format!(
            "services.wsdl: cannot resolve prefix of {q}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <wsdl:message name="GetItemSoapIn">
    <wsdl:part name="request" element="m:GetItem"/>
    <wsdl:part name="Impersonation" element="t:ExchangeImpersonation"/>
    <wsdl:part name="RequestVersion" element="t:RequestServerVersion"/>
  </wsdl:message>
  <wsdl:message name="GetItemSoapOut">
    <wsdl:part name="GetItemResult" element="m:GetItemResponse"/>
  </wsdl:message>
  <wsdl:portType name="ExchangeServicePortType">
    <wsdl:operation name="GetItem">
      <wsdl:documentation> Gets items. </wsdl:documentation>
      <wsdl:input message="tns:GetItemSoapIn"/>
      <wsdl:output message="tns:GetItemSoapOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="ExchangeServiceBinding" type="tns:ExchangeServicePortType">
    <wsdl:operation name="GetItem">
      <soap:operation soapAction="http://example/GetItem"/>
      <wsdl:input>
        <soap:header message="tns:GetItemSoapIn" part="Impersonation" use="literal"/>
        <soap:header message="tns:GetItemSoapIn" part="RequestVersion" use="literal"/>
        <soap:header message="tns:GetItemSoapIn" part="RequestVersion" use="literal"/>
      </wsdl:input>
      <wsdl:output><soap:body use="literal" parts="GetItemResult"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#;

    #[test]
    fn operations_come_from_port_type_binding_and_messages() {
        let ops = parse(WSDL).unwrap();
        assert_eq!(ops.len(), 1);
        let op = &ops[0];
        assert_eq!(op.name, "GetItem");
        assert_eq!(op.soap_action, "http://example/GetItem");
        assert_eq!(op.documentation.as_deref(), Some("Gets items."));
        // No `parts=` on the input's body: the part that is not a header.
        assert_eq!(op.request, QName::new(Ns::Messages, "GetItem"));
        assert_eq!(op.response, QName::new(Ns::Messages, "GetItemResponse"));
        let names: Vec<&str> = op.request_headers.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["ExchangeImpersonation", "RequestServerVersion"]);
        assert!(op.response_headers.is_empty());
    }

    #[test]
    fn an_operation_without_binding_is_an_error() {
        let unbound = WSDL.replace(
            "<wsdl:operation name=\"GetItem\">\n      <soap:operation",
            "<wsdl:operation name=\"Other\">\n      <soap:operation",
        );
        let err = parse(&unbound).unwrap_err().to_string();
        assert!(err.contains("operation GetItem has no binding"), "{err}");
        assert!(parse("<x/>")
            .unwrap_err()
            .to_string()
            .contains("wsdl:definitions"));
    }
}
