//! The examples a user copies (`examples/find_item.rs`, `examples/fake_server.rs`) run to
//! the end, and what they send and answer is schema-valid: their canned responses, the
//! requests they write and every answer of the fake server, faults included.
//!
//! The examples convert dates with the `time` feature, so this file needs it (and the
//! `mail` and `folders` families of their operations); the README's test command turns it
//! on.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]
#![cfg(all(feature = "time", feature = "mail", feature = "folders"))]

mod common;

use common::validate;
use ews_types::operations;
use ews_types::prelude::*;
use ews_types::runtime::DateTime;

#[allow(dead_code)]
#[path = "../examples/find_item.rs"]
mod find_item;

#[allow(dead_code)]
#[path = "../examples/fake_server.rs"]
mod fake_server;

#[test]
fn the_client_example_runs() {
    find_item::main().unwrap();
}

#[test]
fn the_client_example_writes_and_reads_valid_envelopes() {
    for (name, xml) in [
        ("first page", find_item::FIRST_PAGE),
        ("busy", find_item::BUSY),
        ("last page", find_item::LAST_PAGE),
    ] {
        validate(name, xml);
        read_response::<operations::FindItem>(xml.as_bytes()).unwrap();
    }
    let since = DateTime::new("2026-11-01T00:00:00Z").unwrap();
    let request = find_item::inbox_page(&since, 2);
    let headers = RequestHeaders::for_version(ews_types::types::ExchangeVersionType::Exchange2013);
    let xml = write_request::<operations::FindItem>(&headers, &request).unwrap();
    validate("FindItem request", &xml);
    assert!(xml.contains(r#"Offset="2""#), "{xml}");
    assert!(
        xml.contains(r#"<t:Constant Value="2026-11-01T00:00:00Z"/>"#),
        "{xml}"
    );
}

#[test]
fn the_fake_server_example_runs() {
    fake_server::main().unwrap();
}

/// Every answer of the fake server is a valid envelope, faults included.
#[test]
fn the_fake_server_answers_valid_envelopes() {
    let mailbox = fake_server::mailbox().unwrap();
    for (name, body) in [
        ("GetFolder", fake_server::GET_FOLDER),
        ("FindItem", fake_server::FIND_ITEM),
        ("GetItem", fake_server::GET_ITEM),
    ] {
        let request = envelope(body);
        validate(name, &request);
        let (status, answer) = fake_server::handle(&mailbox, request.as_bytes());
        assert_eq!(status, 200, "{name}: {answer}");
        validate(&format!("answer to {name}"), &answer);
    }
}

#[test]
fn the_fake_server_pages_and_filters() {
    let mailbox = fake_server::mailbox().unwrap();
    let client = RequestHeaders::for_version(ews_types::types::ExchangeVersionType::Exchange2013);
    let since = DateTime::new("2026-11-01T00:00:00Z").unwrap();
    // The client example's request: two items a page, received since November.
    let first = find_item::inbox_page(&since, 0);
    let xml = write_request::<operations::FindItem>(&client, &first).unwrap();
    let (_, answer) = fake_server::handle(&mailbox, xml.as_bytes());
    let (_, response) = read_response::<operations::FindItem>(answer.as_bytes()).unwrap();
    let page = response.into_all().unwrap().remove(0).into_value();
    let folder = page.root_folder.unwrap();
    assert_eq!(
        folder.total_items_in_view,
        Some(2),
        "the October message is filtered out"
    );
    assert_eq!(folder.includes_last_item_in_range, Some(true));
    assert_eq!(folder.indexed_paging_offset, Some(2));
}

#[test]
fn the_fake_server_refuses_what_it_does_not_answer() {
    let mailbox = fake_server::mailbox().unwrap();
    // Another operation: an EWS fault, as Exchange sends it.
    let request = envelope(
        r#"<m:ResolveNames xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ReturnFullContactData="false"><m:UnresolvedEntry>Sadie</m:UnresolvedEntry></m:ResolveNames>"#,
    );
    let (status, answer) = fake_server::handle(&mailbox, request.as_bytes());
    assert_eq!(status, 500);
    validate("fault", &answer);
    let Err(EnvelopeError::Fault(fault)) =
        read_response::<operations::ResolveNames>(answer.as_bytes())
    else {
        panic!("not a fault: {answer}");
    };
    assert_eq!(
        fault.response_code,
        Some(ews_types::messages::ResponseCodeType::ErrorInvalidRequest)
    );

    // A request it cannot read: a schema-validation fault saying where.
    let bad = fake_server::GET_ITEM.replace(
        "<m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>",
        "",
    );
    assert_ne!(bad, fake_server::GET_ITEM);
    let request = envelope(&bad);
    let (status, answer) = fake_server::handle(&mailbox, request.as_bytes());
    assert_eq!(status, 500);
    validate("schema-validation fault", &answer);
    let Err(EnvelopeError::Fault(fault)) = read_response::<operations::GetItem>(answer.as_bytes())
    else {
        panic!("not a fault: {answer}");
    };
    assert!(
        fault.line_number.is_some() && fault.line_position.is_some(),
        "{answer}"
    );
}

/// A request envelope around `body`, as a client writes it.
fn envelope(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>
  <soap:Body>{body}</soap:Body>
</soap:Envelope>"#
    )
}
