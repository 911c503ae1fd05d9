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

#[derive(Default)]
struct Direction {
    body_parts: Option<Vec<String>>,
    headers: Vec<(String, String)>,
}

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

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Parses WSDL text.
pub fn parse(text: &str) -> Result<Vec<Operation>, Error> {
    let mut r = NsReader::from_str(text);
    // message name → [(part name, element QName)]
    let mut messages: BTreeMap<String, Vec<(String, QName)>> = BTreeMap::new();
    let mut port_ops: Vec<(String, String, String, Option<String>)> = Vec::new();
    let mut bindings: BTreeMap<String, Binding> = BTreeMap::new();

    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut current_message: Option<String> = None;
    let mut current_op: Option<String> = None;
    let mut in_port_type = false;
    let mut in_binding = false;
    let mut in_input = false;
    let mut in_output = false;
    let mut doc_text: Option<String> = None;
    let mut port_op: Option<(String, String, String)> = None;
    loop {
        let (res, ev) = r
            .read_resolved_event()
            .map_err(|e| Error::Schema(format!("services.wsdl: {e}")))?;
        let ns: Option<Vec<u8>> = match res {
            ResolveResult::Bound(n) => Some(n.as_ref().to_vec()),
            _ => None,
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = e.local_name().as_ref().to_vec();
                let is_wsdl = ns.as_deref() == Some(WSDL_NS);
                let is_soap = ns.as_deref() == Some(SOAP_BINDING_NS);
                match (is_wsdl, is_soap, local.as_slice()) {
                    (true, _, b"message") => current_message = attr(e, "name"),
                    (true, _, b"part") => {
                        if let (Some(m), Some(part), Some(el)) =
                            (&current_message, attr(e, "name"), attr(e, "element"))
                        {
                            let q = resolve_qname(&r, &el)?;
                            messages.entry(m.clone()).or_default().push((part, q));
                        }
                    }
                    (true, _, b"portType") => in_port_type = true,
                    (true, _, b"binding") => in_binding = true,
                    (true, _, b"operation") => {
                        current_op = attr(e, "name");
                        if in_port_type {
                            port_op = current_op
                                .clone()
                                .map(|n| (n, String::new(), String::new()));
                        }
                        if in_binding {
                            if let Some(n) = &current_op {
                                bindings.entry(n.clone()).or_default();
                            }
                        }
                    }
                    (true, _, b"input") => {
                        in_input = true;
                        if let (true, Some(op), Some(m)) =
                            (in_port_type, port_op.as_mut(), attr(e, "message"))
                        {
                            op.1 = local_part(&m);
                        }
                    }
                    (true, _, b"output") => {
                        in_output = true;
                        if let (true, Some(op), Some(m)) =
                            (in_port_type, port_op.as_mut(), attr(e, "message"))
                        {
                            op.2 = local_part(&m);
                        }
                    }
                    (true, _, b"documentation") if current_op.is_some() && in_port_type => {
                        doc_text = Some(String::new())
                    }
                    (_, true, b"operation") if in_binding => {
                        if let (Some(op), Some(action)) = (&current_op, attr(e, "soapAction")) {
                            bindings.entry(op.clone()).or_default().action = Some(action);
                        }
                    }
                    (_, true, b"body") | (_, true, b"header") if in_binding => {
                        if let Some(op) = &current_op {
                            let b = bindings.entry(op.clone()).or_default();
                            let dir = if in_input {
                                Some(&mut b.input)
                            } else if in_output {
                                Some(&mut b.output)
                            } else {
                                None
                            };
                            if let Some(dir) = dir {
                                if local.as_slice() == b"body" {
                                    dir.body_parts = attr(e, "parts")
                                        .map(|p| p.split_whitespace().map(str::to_owned).collect());
                                } else if let (Some(m), Some(p)) =
                                    (attr(e, "message"), attr(e, "part"))
                                {
                                    dir.headers.push((local_part(&m), p));
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(local);
                } else {
                    close(&local, &mut current_message, &mut in_input, &mut in_output);
                }
            }
            Event::Text(t) => {
                if let Some(d) = doc_text.as_mut() {
                    d.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(_) => {
                let local = stack.pop().unwrap_or_default();
                match local.as_slice() {
                    b"portType" => in_port_type = false,
                    b"binding" => in_binding = false,
                    b"documentation" => {}
                    b"operation" => {
                        if let Some((name, input, output)) = port_op.take() {
                            let doc = doc_text
                                .take()
                                .map(|d| d.trim().to_owned())
                                .filter(|d| !d.is_empty());
                            port_ops.push((name, input, output, doc));
                        }
                        current_op = None;
                    }
                    _ => {}
                }
                close(&local, &mut current_message, &mut in_input, &mut in_output);
            }
            Event::Eof => break,
            _ => {}
        }
    }

    let mut ops = Vec::new();
    for (name, input, output, documentation) in port_ops {
        let b = bindings.get(&name).ok_or_else(|| {
            Error::Schema(format!("services.wsdl: operation {name} has no binding"))
        })?;
        let soap_action = b.action.clone().ok_or_else(|| {
            Error::Schema(format!("services.wsdl: operation {name} has no soapAction"))
        })?;
        let body = |msg: &str, dir: &Direction| -> Result<QName, Error> {
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
        };
        let headers = |dir: &Direction| -> Result<Vec<QName>, Error> {
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
        };
        ops.push(Operation {
            request: body(&input, &b.input)?,
            response: body(&output, &b.output)?,
            request_headers: headers(&b.input)?,
            response_headers: headers(&b.output)?,
            soap_action,
            documentation,
            name,
        });
    }
    Ok(ops)
}

fn close(local: &[u8], message: &mut Option<String>, input: &mut bool, output: &mut bool) {
    match local {
        b"message" => *message = None,
        b"input" => *input = false,
        b"output" => *output = false,
        _ => {}
    }
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
