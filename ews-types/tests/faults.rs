//! SOAP faults: read into typed values, written back faithfully (the `faultcode` QName with
//! its namespace, `xml:lang`, the whole `detail`, the envelope's headers), valid against the
//! schemas, and the constructors write Exchange's shape.
//!
//! XML equivalence here is `common::tree_diff` (names and attributes by namespace URI,
//! whitespace between elements ignored) with one addition: `faultcode` holds a QName, so its
//! text is compared as the (namespace, local name) it resolves to where it stands, resolved
//! with quick-xml, independently of the crate's reader.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

use ews_types::messages::ResponseCodeType;
use ews_types::operations;
use ews_types::runtime::envelope::{
    read_response, write_fault, EnvelopeError, Fault, FaultCode, ResponseHeaders, ERRORS_NS,
    SOAP_NS,
};
use ews_types::runtime::{AnyAttribute, AnyElement, AnyNode};
use ews_types::types::{ServerVersionInfo, ServerVersionInfoContent};
use quick_xml::events::Event;
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

mod common;

use common::{parse_tree, tree_diff, validate, XElem, XNode, MESSAGES_NS, TYPES_NS};

// ---------------------------------------------------------------------------------------
// Helpers.

/// The `faultcode` of `xml` resolved where it stands: `{uri}local`, or `local`.
fn resolved_faultcode(xml: &str) -> Option<String> {
    let mut r = NsReader::from_str(xml);
    let mut text: Option<String> = None;
    loop {
        match r.read_event().expect("well-formed") {
            Event::Start(e) if e.name().as_ref() == b"faultcode" => text = Some(String::new()),
            Event::Text(t) => {
                if let Some(s) = &mut text {
                    s.push_str(&t.xml_content().expect("text"));
                }
            }
            Event::End(_) if text.is_some() => {
                let code = text.take().unwrap_or_default();
                let code = code.trim();
                let (res, local) = r.resolve_element(QName(code.as_bytes()));
                let local = String::from_utf8_lossy(local.as_ref()).into_owned();
                return Some(match res {
                    ResolveResult::Bound(ns) => {
                        format!("{{{}}}{local}", String::from_utf8_lossy(ns.as_ref()))
                    }
                    ResolveResult::Unbound => local,
                    ResolveResult::Unknown(p) => {
                        panic!(
                            "undeclared prefix {:?} in faultcode",
                            String::from_utf8_lossy(&p)
                        )
                    }
                });
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Puts `code` as the text of the first `faultcode` under `el`.
fn set_faultcode(el: &mut XElem, code: &str) -> bool {
    if el.ns.is_none() && el.local == "faultcode" {
        el.children = vec![XNode::Text(code.to_owned())];
        return true;
    }
    el.children.iter_mut().any(|c| match c {
        XNode::Elem(e) => set_faultcode(e, code),
        XNode::Text(_) => false,
    })
}

/// The comparison tree of `xml`, its `faultcode` resolved.
fn tree(xml: &str) -> XElem {
    let mut t = parse_tree(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    if let Some(code) = resolved_faultcode(xml) {
        assert!(
            set_faultcode(&mut t, &code),
            "faultcode not found in the tree"
        );
    }
    t
}

#[track_caller]
fn assert_equivalent(label: &str, actual: &str, expected: &str) {
    if let Some(d) = tree_diff(&tree(actual), &tree(expected)) {
        panic!(
            "{label}: not equivalent:\n{d}\n--- actual ---\n{actual}\n--- expected ---\n{expected}"
        );
    }
}

/// Reads `xml` as a response; it must be a fault.
#[track_caller]
fn fault(xml: &str) -> Fault {
    match read_response::<operations::GetItem>(xml.as_bytes()) {
        Err(EnvelopeError::Fault(f)) => *f,
        other => panic!("expected a fault, got {other:?}\n{xml}"),
    }
}

/// Reads `xml` (a fault envelope), writes it back and checks: equivalent to `xml`, valid,
/// read back equal. Returns the fault and what was written.
#[track_caller]
fn round_trip(label: &str, xml: &str) -> (Fault, String) {
    let f = fault(xml);
    let written = write_fault(&f);
    assert_equivalent(label, &written, xml);
    validate(label, &written);
    assert_eq!(fault(&written), f, "{label}: read back\n{written}");
    (f, written)
}

/// Writes `f`, checks the output is valid and reads back to `f` with the detail it wrote.
/// Returns what was written.
#[track_caller]
fn written_and_read_back(label: &str, f: &Fault) -> String {
    let written = write_fault(f);
    validate(label, &written);
    let mut expected = f.clone();
    expected.detail = f.written_detail();
    assert_eq!(fault(&written), expected, "{label}: read back\n{written}");
    let again = write_fault(&fault(&written));
    assert_equivalent(label, &again, &written);
    written
}

fn envelope(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>"#
    )
}

// ---------------------------------------------------------------------------------------
// Documentation samples.

/// The first element child of the Body (by local names: the envelope namespace may be
/// wrong in a sample), as its local name.
fn body_child_local(xml: &str) -> Option<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut in_body = false;
    loop {
        let (e, empty) = match r.read_event().ok()? {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                depth = depth.checked_sub(1)?;
                continue;
            }
            Event::Eof => return None,
            _ => continue,
        };
        let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        if in_body && depth == 2 {
            return Some(local);
        }
        in_body = depth == 1 && local == "Body";
        if !empty {
            depth += 1;
        }
    }
}

#[test]
fn documented_faults_round_trip() {
    let rows: Vec<common::Row> = common::manifest()
        .into_iter()
        .filter(|r| r.kind == "error_response")
        .collect();
    let mut faults = Vec::new();
    for row in &rows {
        if !row.well_formed {
            println!(
                "skipped {}: not well-formed as published (whether its Body is a fault \
                 cannot be told)",
                row.id
            );
            continue;
        }
        let text = common::sample(&row.file);
        if body_child_local(&text).as_deref() == Some("Fault") {
            faults.push((row, text));
        }
    }
    let mut passed = 0;
    for (row, text) in common::valid_as_published(&faults) {
        let (f, _) = round_trip(&row.id, text);
        assert!(!f.string.is_empty(), "{}", row.id);
        passed += 1;
    }
    println!("{passed} of {} documented faults round-trip", faults.len());
    assert!(passed >= 3, "only {passed} documented faults passed");
}

#[test]
fn documented_ews_fault_is_typed() {
    let text = common::sample("wsr.getserviceconfiguration-operation.02.xml");
    let (f, written) = round_trip("getserviceconfiguration fault", &text);
    assert!(f.code.is(Some(TYPES_NS), "ErrorSchemaValidation"));
    assert_eq!(f.code.prefix, "a");
    assert_eq!(f.code.to_string(), "a:ErrorSchemaValidation");
    assert_eq!(
        f.code.response_code(),
        Some(ResponseCodeType::ErrorSchemaValidation)
    );
    assert_eq!(f.lang.as_deref(), Some("en-US"));
    assert_eq!(
        f.response_code,
        Some(ResponseCodeType::ErrorSchemaValidation)
    );
    assert_eq!((f.line_number, f.line_position), (Some(13), Some(62)));
    assert!(f
        .violation
        .as_deref()
        .unwrap()
        .contains("Enumeration constraint"));
    // Exchange's form: the code's prefix declared on faultcode, e: declared on its elements.
    assert!(
        written.contains(&format!(
            r#"<faultcode xmlns:a="{TYPES_NS}">a:ErrorSchemaValidation</faultcode>"#
        )),
        "{written}"
    );
    assert!(
        written.contains(r#"<faultstring xml:lang="en-US">"#),
        "{written}"
    );
    assert!(
        written.contains(&format!(r#"<e:ResponseCode xmlns:e="{ERRORS_NS}">"#)),
        "{written}"
    );
}

#[test]
fn documented_soap_client_fault_keeps_header_actor_and_unknown_detail() {
    let text = common::sample("wsr.getuseroofsettings-operation.02.xml");
    let (f, written) = round_trip("getuseroofsettings fault", &text);
    assert!(f.code.is(Some(SOAP_NS), "Client"));
    assert_eq!(f.code.to_string(), "soap:Client");
    assert_eq!(f.code.response_code(), None);
    assert_eq!(f.lang, None);
    assert_eq!(
        f.actor.as_deref(),
        Some("https://CAS01.example.com/EWS/Exchange.asmx")
    );
    let v = f
        .headers
        .server_version_info
        .as_ref()
        .expect("ServerVersionInfo");
    assert_eq!(
        (v.major_version, v.major_build_number),
        (Some(8), Some(685))
    );
    assert_eq!(f.response_code, None);
    let detail = f.detail.as_ref().expect("detail");
    let code = detail.elements().next().expect("ErrorCode");
    assert_eq!(
        (code.namespace.as_deref(), code.name.as_str()),
        (Some(MESSAGES_NS), "ErrorCode")
    );
    assert_eq!(code.text(), "-2146233088");
    assert!(written.contains("<soap:Header>"), "{written}");
}

// ---------------------------------------------------------------------------------------
// The constructors: Exchange's shape, valid, read back equal.

#[test]
fn ews_constructor() {
    let f = Fault::ews(ResponseCodeType::ErrorAccessDenied, "Not allowed here.");
    let written = written_and_read_back("ews", &f);
    assert!(
        written.contains(&format!(
            r#"<faultcode xmlns:a="{TYPES_NS}">a:ErrorAccessDenied</faultcode><faultstring xml:lang="en-US">Not allowed here.</faultstring><detail><e:ResponseCode xmlns:e="{ERRORS_NS}">ErrorAccessDenied</e:ResponseCode><e:Message xmlns:e="{ERRORS_NS}">Not allowed here.</e:Message></detail>"#
        )),
        "{written}"
    );
    assert_eq!(
        f.code.response_code(),
        Some(ResponseCodeType::ErrorAccessDenied)
    );
}

#[test]
fn schema_validation_constructor() {
    let f = Fault::schema_validation(3, 17, "Element 'X' is not expected here.");
    let written = written_and_read_back("schema_validation", &f);
    let back = fault(&written);
    assert_eq!(
        back.response_code,
        Some(ResponseCodeType::ErrorSchemaValidation)
    );
    assert_eq!((back.line_number, back.line_position), (Some(3), Some(17)));
    assert_eq!(
        back.violation.as_deref(),
        Some("Element 'X' is not expected here.")
    );
    assert!(
        back.string.ends_with("Element 'X' is not expected here."),
        "{}",
        back.string
    );
    assert!(
        written.contains(
            r#"<t:MessageXml><t:LineNumber>3</t:LineNumber><t:LinePosition>17</t:LinePosition><t:Violation>Element 'X' is not expected here.</t:Violation></t:MessageXml></detail>"#
        ),
        "{written}"
    );
    assert!(f.to_string().contains("line 3, position 17"), "{f}");
}

#[test]
fn server_busy_constructor() {
    let f = Fault::server_busy(5_000);
    let written = written_and_read_back("server_busy", &f);
    let back = fault(&written);
    assert_eq!(back.response_code, Some(ResponseCodeType::ErrorServerBusy));
    assert_eq!(back.back_off_milliseconds, Some(5_000));
    assert!(back.is_retryable());
    assert!(!Fault::schema_validation(1, 2, "bad").is_retryable());
    assert!(
        written.contains(
            r#"<t:MessageXml><t:Value Name="BackOffMilliseconds">5000</t:Value></t:MessageXml>"#
        ),
        "{written}"
    );
    assert!(
        written.contains("a:ErrorServerBusy</faultcode>"),
        "{written}"
    );
    assert!(f.to_string().contains("5000 ms"), "{f}");
}

#[test]
fn internal_server_error_constructor() {
    let f = Fault::internal_server_error("Something broke on our side.");
    let written = written_and_read_back("internal_server_error", &f);
    let back = fault(&written);
    assert!(back.code.is(Some(TYPES_NS), "ErrorInternalServerError"));
    assert_eq!(
        back.response_code,
        Some(ResponseCodeType::ErrorInternalServerError)
    );
    assert_eq!(
        back.message.as_deref(),
        Some("Something broke on our side.")
    );
    assert_eq!(back.string, "Something broke on our side.");
}

// ---------------------------------------------------------------------------------------
// Hand-made faults.

const SERVER_BUSY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>
      <faultstring xml:lang="en-US">Busy; come back later.</faultstring>
      <detail>
        <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>
        <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">Busy; come back later.</e:Message>
        <t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
          <t:Value Name="BackOffMilliseconds">297749</t:Value>
        </t:MessageXml>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>"#;

#[test]
fn server_busy_fault_is_typed_and_round_trips() {
    let (f, _) = round_trip("server busy", SERVER_BUSY);
    assert_eq!(f.response_code, Some(ResponseCodeType::ErrorServerBusy));
    assert_eq!(f.message.as_deref(), Some("Busy; come back later."));
    assert_eq!(f.back_off_milliseconds, Some(297_749));
    assert_eq!(
        (f.line_number, f.line_position, f.violation.as_deref()),
        (None, None, None)
    );
    assert!(f.to_string().contains("297749 ms"), "{f}");
}

#[test]
fn soap11_prefix_bound_to_the_envelope_namespace() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/">
  <soap11:Body>
    <soap11:Fault>
      <faultcode>soap11:Client</faultcode>
      <faultstring>The request could not be read.</faultstring>
    </soap11:Fault>
  </soap11:Body>
</soap11:Envelope>"#;
    let (f, written) = round_trip("soap11", xml);
    assert!(f.code.is(Some(SOAP_NS), "Client"));
    assert_eq!(f.code, FaultCode::new(Some(SOAP_NS), "soap11", "Client"));
    assert!(
        written.contains(&format!(
            r#"<faultcode xmlns:soap11="{SOAP_NS}">soap11:Client</faultcode>"#
        )),
        "{written}"
    );
    assert!(f
        .code
        .is(FaultCode::soap_client().namespace.as_deref(), "Client"));
}

#[test]
fn faultcode_prefix_declared_on_the_envelope() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="urn:example:faults">
  <s:Body><s:Fault><faultcode> x:Throttled </faultcode><faultstring>Slow down.</faultstring></s:Fault></s:Body>
</s:Envelope>"#;
    let (f, written) = round_trip("prefix on envelope", xml);
    assert_eq!(
        f.code,
        FaultCode::new(Some("urn:example:faults"), "x", "Throttled")
    );
    assert!(
        written.contains(r#"<faultcode xmlns:x="urn:example:faults">x:Throttled</faultcode>"#),
        "{written}"
    );
}

#[test]
fn faultcode_prefix_declared_on_the_fault_and_shadowed_on_faultcode() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="urn:example:outer">
  <s:Body><s:Fault xmlns:y="urn:example:fault"><faultcode xmlns:x="urn:example:inner">x:A</faultcode><faultstring>a</faultstring><faultactor>urn:example:actor</faultactor></s:Fault></s:Body>
</s:Envelope>"#;
    let (f, _) = round_trip("shadowed prefix", xml);
    assert_eq!(f.code.namespace.as_deref(), Some("urn:example:inner"));
    let xml = xml.replace("x:A", "y:B");
    let (f, _) = round_trip("prefix on Fault", &xml);
    assert_eq!(f.code, FaultCode::new(Some("urn:example:fault"), "y", "B"));
}

#[test]
fn unprefixed_faultcode() {
    let xml = envelope(
        "<s:Fault><faultcode>Client</faultcode><faultstring>No namespace.</faultstring></s:Fault>",
    );
    let (f, written) = round_trip("unprefixed", &xml);
    assert_eq!(f.code, FaultCode::new(None, "", "Client"));
    assert_eq!(f.code.to_string(), "Client");
    assert!(
        written.contains("<faultcode>Client</faultcode>"),
        "{written}"
    );

    // A code in a namespace without a prefix of its own (e.g. made for a default namespace,
    // which an unqualified faultcode cannot have) is written with a generated one.
    let f = Fault::new(FaultCode::new(Some("urn:example:codes"), "", "Custom"), "x");
    assert_eq!(f.code.to_string(), "a:Custom");
    let written = write_fault(&f);
    validate("generated prefix", &written);
    assert!(
        written.contains(r#"<faultcode xmlns:a="urn:example:codes">a:Custom</faultcode>"#),
        "{written}"
    );
    let back = fault(&written);
    assert!(back.code.is(Some("urn:example:codes"), "Custom"));
    assert_eq!(back.code.prefix, "a");
}

#[test]
fn fault_with_a_header() {
    let mut f = Fault::server_busy(30_000);
    f.headers = ResponseHeaders::default();
    f.headers.server_version_info = Some(ServerVersionInfo(ServerVersionInfoContent {
        major_version: Some(15),
        minor_version: Some(1),
        major_build_number: Some(2507),
        minor_build_number: Some(6),
        version: Some("V2017_07_11".into()),
        ..Default::default()
    }));
    let written = written_and_read_back("header", &f);
    assert!(
        written.contains("<soap:Header><t:ServerVersionInfo"),
        "{written}"
    );
    let back = fault(&written);
    assert_eq!(back.headers, f.headers);
    // And a hand-written one, with the header in another form.
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="5" MinorBuildNumber="1" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
  <s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Down.</faultstring></s:Fault></s:Body>
</s:Envelope>"#;
    let (f, _) = round_trip("hand-written header", xml);
    assert_eq!(
        f.headers.server_version_info.unwrap().minor_version,
        Some(20)
    );
    assert!(f.code.is(Some(SOAP_NS), "Server"));
}

const UNKNOWN_DETAIL: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorInternalServerError</faultcode>
      <faultstring xml:lang="de-DE">Interner Fehler.</faultstring>
      <detail xmlns:x="urn:example:extra" x:id="7">
        <ErrorCode xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">-2146233088</ErrorCode>
        <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorInternalServerError</e:ResponseCode>
        <x:Trace when="now"><x:Step>one</x:Step>mixed <x:Step>two</x:Step></x:Trace>
        <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">Internal error.</e:Message>
        <e:ExceptionType xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">Some.Exception</e:ExceptionType>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>"#;

#[test]
fn unknown_detail_content_is_kept() {
    let (f, written) = round_trip("unknown detail", UNKNOWN_DETAIL);
    assert_eq!(f.lang.as_deref(), Some("de-DE"));
    assert_eq!(
        f.response_code,
        Some(ResponseCodeType::ErrorInternalServerError)
    );
    assert_eq!(f.message.as_deref(), Some("Internal error."));
    assert!(
        written.contains(&format!(
            r#"<e:ExceptionType xmlns:e="{ERRORS_NS}">Some.Exception</e:ExceptionType>"#
        )),
        "{written}"
    );
}

/// The names of the element children of `detail` as written, in order.
fn detail_children(f: &Fault) -> Vec<String> {
    f.written_detail()
        .map(|d| d.elements().map(|e| e.name.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn typed_fields_drive_writing() {
    // Changed values are written; unknown content stays where it was.
    let mut f = fault(UNKNOWN_DETAIL);
    f.response_code = Some(ResponseCodeType::ErrorServerBusy);
    f.back_off_milliseconds = Some(1_000);
    f.message = None;
    let written = written_and_read_back("changed", &f);
    let back = fault(&written);
    assert_eq!(back.response_code, Some(ResponseCodeType::ErrorServerBusy));
    assert_eq!(back.back_off_milliseconds, Some(1_000));
    assert_eq!(back.message, None);
    assert_eq!(
        detail_children(&f),
        [
            "ErrorCode",
            "ResponseCode",
            "MessageXml",
            "Trace",
            "ExceptionType"
        ]
    );

    // Fields of a fault without detail make one, in Exchange's order.
    let mut f = Fault::new(FaultCode::soap_server(), "x");
    assert_eq!(f.written_detail(), None);
    f.violation = Some("v".into());
    f.message = Some("m".into());
    f.line_number = Some(4);
    f.response_code = Some(ResponseCodeType::ErrorSchemaValidation);
    let written = written_and_read_back("made", &f);
    assert!(
        written.contains(&format!(
            r#"<detail><e:ResponseCode xmlns:e="{ERRORS_NS}">ErrorSchemaValidation</e:ResponseCode><e:Message xmlns:e="{ERRORS_NS}">m</e:Message><t:MessageXml><t:LineNumber>4</t:LineNumber><t:Violation>v</t:Violation></t:MessageXml></detail>"#
        )),
        "{written}"
    );

    // Clearing the fields removes them, and the MessageXml they emptied.
    let mut f = fault(SERVER_BUSY);
    f.back_off_milliseconds = None;
    f.message = None;
    assert_eq!(detail_children(&f), ["ResponseCode"]);
    written_and_read_back("cleared", &f);

    // An unchanged value keeps its text as read (whitespace, leading zeros).
    let f = fault(&SERVER_BUSY.replace(">297749<", "> 0297749 <"));
    assert_eq!(f.back_off_milliseconds, Some(297_749));
    let d = f.written_detail().unwrap();
    assert_eq!(d, f.detail.clone().unwrap());
}

#[test]
fn detail_values_that_do_not_parse_are_located_errors() {
    let xml = SERVER_BUSY.replace(">297749<", ">soon<");
    let Err(EnvelopeError::Read(e)) = read_response::<operations::GetItem>(xml.as_bytes()) else {
        panic!("expected a read error");
    };
    assert_eq!(e.path(), "Envelope/Body/Fault");
    assert_eq!(e.line(), 7, "{e}");
    assert!(e.to_string().contains("\"soon\""), "{e}");
}

#[test]
fn an_undeclared_faultcode_prefix_is_a_located_error() {
    let xml = envelope(
        "<s:Fault>\n<faultcode>zz:Client</faultcode><faultstring>x</faultstring></s:Fault>",
    );
    let Err(EnvelopeError::Read(e)) = read_response::<operations::GetItem>(xml.as_bytes()) else {
        panic!("expected a read error");
    };
    assert_eq!(e.path(), "Envelope/Body/Fault/faultcode");
    assert_eq!(e.line(), 3);
    assert!(e.to_string().contains("\"zz\""), "{e}");
}

#[test]
fn malformed_faults_are_located_errors() {
    let cases = [
        (
            "<s:Fault><faultstring>x</faultstring></s:Fault>",
            "missing required element faultcode",
        ),
        (
            "<s:Fault><faultcode>Client</faultcode></s:Fault>",
            "missing required element faultstring",
        ),
        (
            "<s:Fault><faultstring>x</faultstring><faultcode>Client</faultcode></s:Fault>",
            "out of order",
        ),
        (
            "<s:Fault><faultcode>Client</faultcode><faultstring>x</faultstring><s:detail/></s:Fault>",
            "expected element faultcode, faultstring, faultactor or detail",
        ),
        (
            "<s:Fault><faultcode>a b</faultcode><faultstring>x</faultstring></s:Fault>",
            "QName",
        ),
        (
            "<s:Fault><faultcode>Client</faultcode><faultstring lang=\"en\">x</faultstring></s:Fault>",
            "attribute lang is not declared",
        ),
        (
            "<s:Fault><faultcode>Client</faultcode><faultstring>x</faultstring></s:Fault><s:Fault/>",
            "</soap:Body>",
        ),
    ];
    for (body, message) in cases {
        let xml = envelope(body);
        match read_response::<operations::GetItem>(xml.as_bytes()) {
            Err(EnvelopeError::Read(e)) => {
                assert!(e.to_string().contains(message), "{body}: {e}");
                assert!(e.path().starts_with("Envelope/Body"), "{body}: {e}");
            }
            other => panic!("{body}: expected a read error, got {other:?}"),
        }
    }
}

#[test]
fn a_second_body_element_is_a_located_error() {
    type Op = operations::RemoveImContactFromGroup;
    let response = r#"<RemoveImContactFromGroupResponse ResponseClass="Success" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><ResponseCode>NoError</ResponseCode></RemoveImContactFromGroupResponse>"#;
    let one = envelope(&format!("\n{response}\n"));
    read_response::<Op>(one.as_bytes()).expect("one body element");
    let two = envelope(&format!("\n{response}\n{response}\n"));
    let Err(EnvelopeError::Read(e)) = read_response::<Op>(two.as_bytes()) else {
        panic!("expected a read error");
    };
    assert_eq!((e.path(), e.line()), ("Envelope/Body", 4), "{e}");
    assert!(
        e.to_string().contains("RemoveImContactFromGroupResponse"),
        "{e}"
    );
}

#[test]
fn kept_detail_nodes_are_written_as_read() {
    // Building a detail by hand: unknown content and a typed field together.
    let extra = AnyElement {
        namespace: Some("urn:example:extra".into()),
        name: "Note".into(),
        attributes: vec![AnyAttribute {
            namespace: None,
            name: "kind".into(),
            value: "hint".into(),
        }],
        children: vec![AnyNode::Text("see logs".into())],
    };
    let mut f = Fault::internal_server_error("Broken.");
    f.detail
        .as_mut()
        .unwrap()
        .children
        .push(AnyNode::Element(extra));
    let written = written_and_read_back("hand-built detail", &f);
    assert!(
        written.contains(r#"<Note xmlns="urn:example:extra" kind="hint">see logs</Note></detail>"#),
        "{written}"
    );
}

/// Every truncation of a fault is refused with a located error (never a panic, never a
/// fault read from half a document).
#[test]
fn truncated_faults_are_read_errors() {
    for xml in [SERVER_BUSY, UNKNOWN_DETAIL] {
        for end in 0..xml.len() {
            match read_response::<operations::GetItem>(&xml.as_bytes()[..end]) {
                Err(EnvelopeError::Read(e)) => assert!(e.offset() <= end, "{end}: {e}"),
                other => panic!("{end}: expected a read error, got {other:?}"),
            }
        }
    }
}
