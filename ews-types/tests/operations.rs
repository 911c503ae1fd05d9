//! The operation layer: every operation of `services.wsdl` is generated with the right
//! elements, action and headers; envelopes are written and read in both directions. SOAP
//! faults are tested in `faults.rs`.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

use std::collections::BTreeMap;
use std::path::PathBuf;

use ews_types::messages::{
    RemoveImContactFromGroup, RemoveImContactFromGroupType, ResponseCodeType,
};
use ews_types::operations;
use ews_types::runtime::envelope::{
    read_request, read_response, write_request, write_response, EnvelopeError, HeaderName,
    Operation, RequestHeaders, ResponseHeaders,
};
use ews_types::types::{ExchangeVersionType, ItemIdType, ResponseClassType};
use quick_xml::events::Event;

mod common;

use common::{schema_dir, validate};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// (name, soap action, request element, response element, request headers) per operation,
/// read from the WSDL here, independently of the generator.
fn wsdl_operations() -> BTreeMap<String, (String, String, String, Vec<String>)> {
    let text = std::fs::read_to_string(schema_dir().join("services.wsdl")).unwrap();
    let mut r = quick_xml::Reader::from_str(&text);
    let mut parts: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut message = String::new();
    let mut port: Vec<(String, String, String)> = Vec::new();
    let mut actions: BTreeMap<String, String> = BTreeMap::new();
    let mut bodies: BTreeMap<(String, bool), String> = BTreeMap::new();
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut in_port, mut in_binding, mut in_input, mut op) = (false, false, false, String::new());
    let attr = |e: &quick_xml::events::BytesStart<'_>, n: &str| {
        e.try_get_attribute(n)
            .unwrap()
            .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
    };
    let local = |s: String| s.rsplit(':').next().unwrap().to_owned();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"wsdl:message" => message = attr(&e, "name").unwrap(),
                b"wsdl:part" => {
                    let el = local(attr(&e, "element").unwrap());
                    parts.insert((message.clone(), attr(&e, "name").unwrap()), el);
                }
                b"wsdl:portType" => in_port = true,
                b"wsdl:binding" => in_binding = true,
                b"wsdl:operation" => {
                    op = attr(&e, "name").unwrap();
                    if in_port {
                        port.push((op.clone(), String::new(), String::new()));
                    }
                }
                b"wsdl:input" if in_port => {
                    port.last_mut().unwrap().1 = local(attr(&e, "message").unwrap())
                }
                b"wsdl:output" if in_port => {
                    port.last_mut().unwrap().2 = local(attr(&e, "message").unwrap())
                }
                b"wsdl:input" => in_input = true,
                b"wsdl:output" => in_input = false,
                b"soap:operation" if in_binding => {
                    actions.insert(op.clone(), attr(&e, "soapAction").unwrap());
                }
                b"soap:body" if in_binding => {
                    bodies.insert((op.clone(), in_input), attr(&e, "parts").unwrap());
                }
                b"soap:header" if in_binding && in_input => {
                    let key = (
                        local(attr(&e, "message").unwrap()),
                        attr(&e, "part").unwrap(),
                    );
                    let h = parts[&key].clone();
                    let list = headers.entry(op.clone()).or_default();
                    if !list.contains(&h) {
                        list.push(h);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"wsdl:portType" => in_port = false,
                b"wsdl:binding" => in_binding = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    port.into_iter()
        .map(|(name, input, output)| {
            let req = parts[&(input, bodies[&(name.clone(), true)].clone())].clone();
            let resp = parts[&(output, bodies[&(name.clone(), false)].clone())].clone();
            let hs = headers.get(&name).cloned().unwrap_or_default();
            let action = actions[&name].clone();
            (name, (action, req, resp, hs))
        })
        .collect()
}

struct Headers(BTreeMap<&'static str, Vec<String>>);

impl ews_types::runtime::envelope::OperationVisitor for Headers {
    fn visit<O: Operation>(&mut self) {
        let hs = O::REQUEST_HEADERS
            .iter()
            .map(|h| h.as_str().to_owned())
            .collect();
        self.0.insert(O::NAME, hs);
        assert_eq!(
            O::RESPONSE_HEADERS,
            &[HeaderName::ServerVersionInfo],
            "{}",
            O::NAME
        );
    }
}

#[test]
fn generated_operations_equal_the_wsdl() {
    let wsdl = wsdl_operations();
    assert_eq!(wsdl.len(), 123);
    assert_eq!(operations::OPERATIONS.len(), 123);
    let mut visited = Headers(BTreeMap::new());
    operations::visit_all(&mut visited);
    assert_eq!(visited.0.len(), 123);
    for op in operations::OPERATIONS {
        let (action, req, resp, headers) = wsdl
            .get(op.name)
            .unwrap_or_else(|| panic!("{} not in the WSDL", op.name));
        assert_eq!(op.soap_action, action, "{}", op.name);
        assert_eq!(op.request, format!("m:{req}"), "{}", op.name);
        assert_eq!(op.response, format!("m:{resp}"), "{}", op.name);
        assert_eq!(&visited.0[op.name], headers, "{}", op.name);
    }
    // The WSDL's quirks, taken from it rather than from name patterns.
    let info = |n: &str| operations::OPERATIONS.iter().find(|o| o.name == n).unwrap();
    assert_eq!(
        info("GetStreamingEvents").soap_action,
        info("GetEvents").soap_action
    );
    for n in [
        "CreateMeetingInstance",
        "UpdateMeetingInstance",
        "DeleteMeetingInstance",
        "GetMeetingInstance",
    ] {
        let action = info(n).soap_action;
        assert!(action.ends_with(&format!("/{n}Request")), "{n}: {action}");
    }
    assert_eq!(
        info("GetUserAvailability").request,
        "m:GetUserAvailabilityRequest"
    );
    assert_eq!(info("GetPersona").response, "m:GetPersonaResponseMessage");
    assert_eq!(
        operations::GetUserAvailability::REQUEST_HEADERS,
        &[
            HeaderName::ExchangeImpersonation,
            HeaderName::TimeZoneContext,
            HeaderName::RequestServerVersion
        ]
    );
    // The two operations without RequestServerVersion.
    assert!(!operations::GetUserOofSettings::REQUEST_HEADERS
        .contains(&HeaderName::RequestServerVersion));
    assert!(!operations::SetUserOofSettings::REQUEST_HEADERS
        .contains(&HeaderName::RequestServerVersion));
    assert!(operations::GetItem::REQUEST_HEADERS.contains(&HeaderName::RequestServerVersion));
}

fn seed_request() -> RemoveImContactFromGroup {
    RemoveImContactFromGroup(RemoveImContactFromGroupType {
        contact_id: ItemIdType {
            id: "AAMkAGQ1MjJjMTBkLTcAAAAvcAAA=".into(),
            change_key: Some("EQAAABYAAABtF8oI7iVOQ".into()),
            ..Default::default()
        },
        group_id: ItemIdType {
            id: "AAMkAGQ1MjJjMTBkbWAAAAAAQKAAA=".into(),
            change_key: Some("EgAAAA==".into()),
            ..Default::default()
        },
        ..Default::default()
    })
}

#[test]
fn seed_request_is_written_valid_and_read_back() {
    let headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013)
        .with_mailbox_culture("en-US")
        .expect("a language");
    let body = seed_request();
    let xml = write_request::<operations::RemoveImContactFromGroup>(&headers, &body).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains(r#"<t:RequestServerVersion Version="Exchange2013"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains("<t:MailboxCulture>en-US</t:MailboxCulture>"),
        "{xml}"
    );
    validate("seed-request", &xml);
    let (h, b) = read_request::<operations::RemoveImContactFromGroup>(xml.as_bytes()).unwrap();
    assert_eq!(h, headers);
    assert_eq!(b, body);

    // The documented request reads to the same value.
    let doc =
        std::fs::read(shared().join("doc-samples/wsr.removeimcontactfromgroup-operation.00.xml"))
            .unwrap();
    let (h, b) = read_request::<operations::RemoveImContactFromGroup>(&doc).unwrap();
    assert_eq!(h, headers);
    assert_eq!(b, body);
}

/// XML 1.0 cannot carry control characters (but tab, newline and CR): a request with them is
/// refused, and the plain writer puts U+FFFD in their place, so what it writes is well-formed.
#[test]
fn characters_xml_cannot_carry_are_refused_in_requests() {
    let headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013);
    let mut body = seed_request();
    body.contact_id.id = "AAMk\u{1}AGQ\u{FFFF}".into();
    let err = write_request::<operations::RemoveImContactFromGroup>(&headers, &body).unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::InvalidCharacters {
            operation: "RemoveImContactFromGroup",
            count: 2
        }
    );
    assert!(err.to_string().contains("2 character(s)"), "{err}");

    let xml = ews_types::to_string(&body).unwrap();
    assert!(xml.contains("Id=\"AAMk\u{FFFD}AGQ\u{FFFD}\""), "{xml}");
    let back: RemoveImContactFromGroup = ews_types::from_slice(xml.as_bytes()).unwrap();
    assert_eq!(back.contact_id.id, "AAMk\u{FFFD}AGQ\u{FFFD}");
    // Tab, newline and CR survive, in attributes as character references.
    body.contact_id.id = "a\tb\nc\rd".into();
    let xml = write_request::<operations::RemoveImContactFromGroup>(&headers, &body).unwrap();
    validate("control-characters", &xml);
    let (_, back) = read_request::<operations::RemoveImContactFromGroup>(xml.as_bytes()).unwrap();
    assert_eq!(back.contact_id.id, "a\tb\nc\rd");
}

#[test]
fn headers_the_operation_does_not_declare_are_refused() {
    let mut headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013);
    headers.management_role = Some(Default::default());
    let err = write_request::<operations::RemoveImContactFromGroup>(&headers, &seed_request())
        .unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::HeaderNotDeclared {
            operation: "RemoveImContactFromGroup",
            header: HeaderName::ManagementRole
        }
    );
}

#[test]
fn documented_responses_read_with_server_version() {
    let ok =
        std::fs::read(shared().join("doc-samples/wsr.removeimcontactfromgroup-operation.01.xml"))
            .unwrap();
    let (h, body) = read_response::<operations::RemoveImContactFromGroup>(&ok).unwrap();
    let v = h.server_version_info.expect("ServerVersionInfo header");
    assert_eq!(
        (v.major_version, v.minor_version, v.major_build_number),
        (Some(15), Some(0), Some(349))
    );
    assert_eq!(v.version.as_deref(), Some("Exchange2013"));
    assert_eq!(body.base.response_class, ResponseClassType::Success);
    assert_eq!(body.base.response_code, Some(ResponseCodeType::NoError));

    let err =
        std::fs::read(shared().join("doc-samples/wsr.removeimcontactfromgroup-operation.02.xml"))
            .unwrap();
    let (h, body) = read_response::<operations::RemoveImContactFromGroup>(&err).unwrap();
    assert_eq!(
        h.server_version_info.as_ref().unwrap().major_build_number,
        Some(349)
    );
    assert_eq!(body.base.response_class, ResponseClassType::Error);
    assert_eq!(
        body.base.response_code,
        Some(ResponseCodeType::ErrorInvalidImContactId)
    );
    assert_eq!(
        body.base.message_text.as_deref(),
        Some("The specified Im Contact Id is invalid.")
    );
    assert_eq!(body.base.descriptive_link_key, Some(0));

    // Written back as a response envelope: valid, and read back equal.
    let xml = write_response::<operations::RemoveImContactFromGroup>(&h, &body).unwrap();
    validate("error-response", &xml);
    let (h2, body2) =
        read_response::<operations::RemoveImContactFromGroup>(xml.as_bytes()).unwrap();
    assert_eq!((h2, body2), (h, body));
}

#[test]
fn a_response_without_header_is_fine() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <RemoveImContactFromGroupResponse ResponseClass="Success" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
        <ResponseCode>NoError</ResponseCode></RemoveImContactFromGroupResponse></s:Body></s:Envelope>"#;
    let (h, body) = read_response::<operations::RemoveImContactFromGroup>(xml.as_bytes()).unwrap();
    assert_eq!(h, ResponseHeaders::default());
    assert_eq!(body.base.response_code, Some(ResponseCodeType::NoError));
}

#[test]
fn a_wrong_body_element_is_an_error_with_its_path() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <GetItemResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"/></s:Body></s:Envelope>"#;
    let Err(EnvelopeError::Read(e)) =
        read_response::<operations::RemoveImContactFromGroup>(xml.as_bytes())
    else {
        panic!("expected a read error");
    };
    assert_eq!(e.path(), "Envelope/Body");
    assert!(
        e.to_string().contains("RemoveImContactFromGroupResponse"),
        "{e}"
    );
    assert_eq!(e.line(), 2);
}

/// An unexpected Body element is named by its namespace URI, as unknown elements are
/// everywhere else.
#[test]
fn an_unexpected_body_element_is_named_by_uri() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:GetItem xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Body></s:Envelope>"#;
    let e = match read_request::<operations::GetItem>(xml.as_bytes()) {
        Err(EnvelopeError::Read(e)) => e,
        other => panic!("expected a read error, got {other:?}"),
    };
    assert!(
        e.to_string()
            .contains("{http://schemas.microsoft.com/exchange/services/2006/types}GetItem"),
        "{e}"
    );
}
