//! Required content (`ComplexType::lacking`): what a value can lack although its field exists,
//! one rule for reading and writing.
//!
//! - A `Success` response message must carry the payload its schema type requires
//!   (`GetItemResponseMessage/Items`); `Error` and `Warning` messages leave it out, as
//!   Exchange sends them.
//! - A list the schema requires non-empty (`NonEmptyArrayOf…`, `ArrayOfResponseMessages`)
//!   must hold a value.
//!
//! Reading refuses a document that lacks either, with the missing element, the path and
//! line:column; writing (`to_string`, `write_request`, `write_response`) refuses a value
//! that lacks either, with the path, instead of producing a schema-invalid document.

mod common;

use common::{validate, validate_rejects, MT};
use ews_types::messages::{
    GetItem, GetItemResponse, GetItemResponseType, ItemInfoResponseMessageType, ResponseMessage,
};
use ews_types::operations;
use ews_types::runtime::envelope::{
    read_response, write_request, write_response, EnvelopeError, RequestHeaders, ResponseHeaders,
};
use ews_types::runtime::{ErrorKind, ReadError};
use ews_types::types::{ArrayOfRealItemsType, ResponseClassType};

const SOAP: &str = r#"xmlns:s="http://schemas.xmlsoap.org/soap/envelope/""#;

/// A GetItem response envelope whose one message is `message`.
fn get_item_response(message: &str) -> String {
    format!(
        "<s:Envelope {SOAP}><s:Body><m:GetItemResponse {MT}>\n\
         <m:ResponseMessages>\n{message}\n</m:ResponseMessages>\
         </m:GetItemResponse></s:Body></s:Envelope>"
    )
}

fn read_error(xml: &str) -> ReadError {
    match read_response::<operations::GetItem>(xml.as_bytes()) {
        Err(EnvelopeError::Read(e)) => e,
        other => panic!("expected a read error, got {other:?}"),
    }
}

#[test]
fn a_success_message_without_its_payload_is_refused_where_it_stands() {
    let xml = get_item_response(
        r#"<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:GetItemResponseMessage>"#,
    );
    validate_rejects("success without Items", &xml);
    let e = read_error(&xml);
    assert_eq!(e.kind(), &ErrorKind::MissingElement("Items"));
    assert_eq!(
        e.path(),
        "Envelope/Body/GetItemResponse/ResponseMessages/GetItemResponseMessage"
    );
    assert_eq!((e.line(), e.column()), (3, 1));
}

#[test]
fn error_and_warning_messages_read_without_their_payload() {
    for (class, code) in [
        ("Error", "ErrorItemNotFound"),
        ("Warning", "ErrorBatchProcessingStopped"),
    ] {
        let xml = get_item_response(&format!(
            r#"<m:GetItemResponseMessage ResponseClass="{class}"><m:MessageText>x</m:MessageText><m:ResponseCode>{code}</m:ResponseCode></m:GetItemResponseMessage>"#,
        ));
        let (h, body) = read_response::<operations::GetItem>(xml.as_bytes())
            .unwrap_or_else(|e| panic!("{class}: {e}"));
        // ... and write back as read.
        let written = write_response::<operations::GetItem>(&h, &body).unwrap();
        assert!(!written.contains("Items"), "{class}: {written}");
    }
}

#[test]
fn a_required_element_in_another_namespace_is_reported_not_dropped() {
    // `t:Items` is not `m:Items`: kept as unknown content, and the message lacks `m:Items`.
    let xml = get_item_response(
        r#"<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><t:Items/></m:GetItemResponseMessage>"#,
    );
    let e = read_error(&xml);
    assert_eq!(e.kind(), &ErrorKind::MissingElement("Items"));
    assert!(e.path().ends_with("/GetItemResponseMessage"), "{e}");
}

#[test]
fn an_empty_list_the_schema_requires_non_empty_is_refused() {
    // ItemIds is a NonEmptyArrayOfBaseItemIdsType.
    let xml = format!(
        "<m:GetItem {MT}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>\
         <m:ItemIds/></m:GetItem>"
    );
    let e = ews_types::from_slice::<GetItem>(xml.as_bytes()).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingElement(
            "ItemId|OccurrenceItemId|RecurringMasterItemId|RecurringMasterItemIdRanges"
        )
    );
    assert_eq!(e.path(), "GetItem/ItemIds");
}

/// A GetItem response with one message of `class` and `items`.
fn response(class: ResponseClassType, items: Option<ArrayOfRealItemsType>) -> GetItemResponse {
    let mut message = ItemInfoResponseMessageType {
        items: items.map(Box::new),
        ..Default::default()
    };
    message.base.response_class = class;
    let mut body = GetItemResponseType::default();
    body.base
        .response_messages
        .items
        .push(ResponseMessage::GetItemResponseMessage(Box::new(message)));
    GetItemResponse(body)
}

#[test]
fn writing_a_success_message_without_its_payload_is_refused() {
    let h = ResponseHeaders::default();
    match write_response::<operations::GetItem>(&h, &response(ResponseClassType::Success, None)) {
        Err(EnvelopeError::MissingContent { operation, missing }) => {
            assert_eq!(operation, "GetItem");
            assert_eq!(missing.element, "Items");
            assert_eq!(
                missing.path,
                "Envelope/Body/GetItemResponse/ResponseMessages/GetItemResponseMessage"
            );
        }
        other => panic!("expected MissingContent, got {other:?}"),
    }
    let e = ews_types::to_string(&response(ResponseClassType::Success, None)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "missing required element Items in GetItemResponse/ResponseMessages/\
         GetItemResponseMessage (not written: the document would not be schema-valid)"
    );

    // With the payload, or as an error: written, and schema-valid.
    let ok = response(
        ResponseClassType::Success,
        Some(ArrayOfRealItemsType::default()),
    );
    validate(
        "success with Items",
        &write_response::<operations::GetItem>(&h, &ok).unwrap(),
    );
    let error = response(ResponseClassType::Error, None);
    let written = write_response::<operations::GetItem>(&h, &error).unwrap();
    assert!(written.contains(r#"ResponseClass="Error""#));
}

#[test]
fn writing_an_empty_required_list_is_refused() {
    match write_request::<operations::GetItem>(&RequestHeaders::default(), &GetItem::default()) {
        Err(EnvelopeError::MissingContent { missing, .. }) => {
            assert_eq!(missing.path, "Envelope/Body/GetItem/ItemIds");
            assert!(missing.element.starts_with("ItemId|"), "{missing}");
        }
        other => panic!("expected MissingContent, got {other:?}"),
    }
    // An empty response list (`ResponseMessages` needs one message) is refused too.
    let empty = GetItemResponse::default();
    let e = ews_types::to_string(&empty).unwrap_err();
    assert_eq!(e.path, "GetItemResponse/ResponseMessages");
}

#[test]
fn only_the_first_missing_content_is_reported_with_its_own_path() {
    // Two messages lack their Items: the first is reported, its path not disturbed by the
    // elements written after it.
    let mut two = response(ResponseClassType::Success, None);
    let second = two.0.base.response_messages.items[0].clone();
    two.0.base.response_messages.items.push(second);
    let e = ews_types::to_string(&two).unwrap_err();
    assert_eq!(
        e.path,
        "GetItemResponse/ResponseMessages/GetItemResponseMessage"
    );
}
