//! Required content (`ComplexType::unfit`): what a value can lack although its field exists,
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
//! Values outside their type's facets go the same way (`facets.rs`).

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::{validate, validate_rejects, MT};
use ews_types::messages::{
    GetEvents, GetItem, GetItemResponse, GetReminders, ItemInfoResponseMessageType,
};
use ews_types::operations;
use ews_types::runtime::envelope::{
    read_response, write_request, write_response, EnvelopeError, RequestHeaders, ResponseHeaders,
};
use ews_types::runtime::{ErrorKind, ReadError, Unfit};
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
    GetItemResponse::from(vec![message])
}

#[test]
fn writing_a_success_message_without_its_payload_is_refused() {
    let h = ResponseHeaders::default();
    match write_response::<operations::GetItem>(&h, &response(ResponseClassType::Success, None)) {
        Err(EnvelopeError::InvalidContent { operation, invalid }) => {
            assert_eq!(operation, "GetItem");
            assert_eq!(invalid.unfit, Unfit::Missing("Items"));
            assert_eq!(
                invalid.path,
                "Envelope/Body/GetItemResponse/ResponseMessages/GetItemResponseMessage"
            );
        }
        other => panic!("expected InvalidContent, got {other:?}"),
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
        Err(EnvelopeError::InvalidContent { invalid, .. }) => {
            assert_eq!(invalid.path, "Envelope/Body/GetItem/ItemIds");
            assert!(
                matches!(invalid.unfit, Unfit::Missing(n) if n.starts_with("ItemId|")),
                "{invalid}"
            );
        }
        other => panic!("expected InvalidContent, got {other:?}"),
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
    let second = two.response_messages.items[0].clone();
    two.response_messages.items.push(second);
    let e = ews_types::to_string(&two).unwrap_err();
    assert_eq!(
        e.path,
        "GetItemResponse/ResponseMessages/GetItemResponseMessage"
    );
}

// ---------------------------------------------------------------------------------------
// Facets of restricted simple types.

#[test]
fn a_value_outside_its_facets_is_refused_where_it_stands() {
    // GetReminders/MaxItems: an int from 0 to 200.
    let xml = format!("<m:GetReminders {MT}>\n  <m:MaxItems>500</m:MaxItems>\n</m:GetReminders>");
    let e = ews_types::from_slice::<GetReminders>(xml.as_bytes()).unwrap_err();
    match e.kind() {
        ErrorKind::OutOfFacets {
            element,
            value,
            facets,
        } => {
            assert_eq!((*element, value.as_str()), ("MaxItems", "500"));
            assert_eq!(facets.max_inclusive, Some(200));
        }
        other => panic!("expected OutOfFacets, got {other:?}"),
    }
    assert_eq!((e.line(), e.column(), e.path()), (1, 1, "GetReminders"));
    assert!(
        e.to_string().contains("minInclusive 0, maxInclusive 200"),
        "{e}"
    );
    // Within them: read and written back.
    let ok = xml.replace("500", "200");
    let value = ews_types::from_slice::<GetReminders>(ok.as_bytes()).unwrap();
    validate("MaxItems 200", &ews_types::to_string(&value).unwrap());
}

#[test]
fn patterns_and_lengths_are_checked() {
    // A GUID with a digit too many (a documentation sample has one).
    let guid = "e2d42cdf-a227-1ec3-486b-6fa0ebaadb9f5";
    assert!(!ews_types::types::GUID_TYPE_FACETS.allow(guid));
    assert!(ews_types::types::GUID_TYPE_FACETS.allow(&guid[..36]));
    // An empty watermark (NonEmptyStringType, through WatermarkType's base).
    let xml = format!(
        "<m:GetEvents {MT}><m:SubscriptionId>s</m:SubscriptionId>\
         <m:Watermark></m:Watermark></m:GetEvents>"
    );
    let e = ews_types::from_slice::<GetEvents>(xml.as_bytes()).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::OutOfFacets {
                element: "Watermark",
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn writing_a_value_outside_its_facets_is_refused() {
    let mut value = GetReminders::default();
    value.0.max_items = Some(201);
    let e = ews_types::to_string(&value).unwrap_err();
    assert_eq!(e.path, "GetReminders");
    assert!(
        matches!(&e.unfit, Unfit::OutOfFacets { element: "MaxItems", value, .. } if value == "201"),
        "{e}"
    );
    value.0.max_items = Some(200);
    assert!(ews_types::to_string(&value).is_ok());
}
