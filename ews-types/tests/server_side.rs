//! Building responses, as a server or a test double does: response headers and message
//! headers with Exchange's shape, written as a schema-valid envelope that reads back to the
//! same value; a `Success` message without its payload is refused when written (see
//! `required_content.rs`).

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::validate;
use ews_types::messages::{
    GetItemResponse, ItemInfoResponseMessageType, ResponseCodeType, ResponseMessageType,
};
use ews_types::operations;
use ews_types::runtime::envelope::{read_response, write_response, ResponseHeaders};
use ews_types::runtime::response::{Outcome, Response};
use ews_types::types::{ArrayOfRealItemsType, ItemIdType, MessageType, RealItem};

fn message_with_id(id: &str) -> RealItem {
    let mut m = MessageType::default();
    m.base.item_id = Some(Box::new(ItemIdType {
        id: id.into(),
        ..Default::default()
    }));
    m.into()
}

#[test]
fn a_fake_server_answers_get_item() {
    let found = ItemInfoResponseMessageType {
        base: ResponseMessageType::success(),
        items: Some(Box::new(ArrayOfRealItemsType {
            items: vec![message_with_id("AAMkAD1=")],
            ..Default::default()
        })),
    };
    let missing = ItemInfoResponseMessageType {
        base: ResponseMessageType::error(
            ResponseCodeType::ErrorItemNotFound,
            "The specified object was not found in the store.",
        ),
        // Exchange writes an empty `m:Items` in its GetItem errors, as the schema wants.
        items: Some(Box::default()),
    };
    let stopped = ItemInfoResponseMessageType {
        base: ResponseMessageType::warning(
            ResponseCodeType::ErrorBatchProcessingStopped,
            "Processing stopped after an error.",
        ),
        items: Some(Box::default()),
    };
    // A GetItem response holds GetItem's messages only: built from them.
    let body = GetItemResponse::from(vec![found, missing, stopped]);
    let headers = ResponseHeaders::for_server(15, 2, 1544, 4, "V2018_01_08");

    let xml = write_response::<operations::GetItem>(&headers, &body).unwrap();
    validate("fake server GetItem", &xml);
    assert!(xml.contains(r#"MajorVersion="15""#), "{xml}");
    assert!(
        xml.contains("<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"),
        "{xml}"
    );
    let (h, b) = read_response::<operations::GetItem>(xml.as_bytes()).unwrap();
    assert_eq!(
        (&h.server_version_info, &b),
        (&headers.server_version_info, &body)
    );

    // What a client makes of it: one item, one error, one warning.
    let results = b.into_results();
    assert!(matches!(&results[0], Ok(Outcome::Success(_))));
    let e = results[1].as_ref().unwrap_err();
    assert_eq!(e.code, Some(ResponseCodeType::ErrorItemNotFound));
    assert!(matches!(&results[2], Ok(Outcome::Warning { .. })));
}

/// Member types convert into their choice and substitution enums, so building a request
/// reads as the data: `vec![id.into()]`.
#[test]
fn members_convert_into_their_choices() {
    use ews_types::messages::{GetItem, GetItemType};
    use ews_types::types::{BaseItemIdChoice, NonEmptyArrayOfBaseItemIdsType};
    let id = ItemIdType {
        id: "AAMkAD1=".into(),
        ..Default::default()
    };
    let choice: BaseItemIdChoice = id.clone().into();
    assert_eq!(choice, BaseItemIdChoice::ItemId(Box::new(id.clone())));
    let request = GetItem(GetItemType {
        item_ids: NonEmptyArrayOfBaseItemIdsType {
            items: vec![id.into()],
            ..Default::default()
        },
        ..Default::default()
    });
    assert!(ews_types::to_string(&request)
        .unwrap()
        .contains(r#"<t:ItemId Id="AAMkAD1="/>"#));
}

/// The part every member of a substitution or choice enum shares is one call away:
/// `RealItem::item()` whatever the kind of item, `folder()` alike.
#[test]
fn the_shared_base_of_items_and_folders() {
    use ews_types::types::{
        BaseFolderKind, CalendarItemType, FolderType, MeetingRequestMessageType,
    };
    let mut items: Vec<RealItem> = vec![
        message_with_id("m"),
        CalendarItemType::default().into(),
        MeetingRequestMessageType::default().into(),
    ];
    for (i, item) in items.iter_mut().enumerate() {
        item.item_mut().subject = Some(format!("subject {i}"));
    }
    let subjects: Vec<_> = items
        .iter()
        .map(|i| i.item().subject.clone().unwrap())
        .collect();
    assert_eq!(subjects, ["subject 0", "subject 1", "subject 2"]);
    // Four levels down for a meeting request (MeetingRequest → MeetingMessage → Message →
    // Item): the same field.
    let RealItem::MeetingRequest(m) = &items[2] else {
        panic!("not a meeting request")
    };
    assert_eq!(m.base.base.base.subject.as_deref(), Some("subject 2"));
    assert_eq!(items[0].item().item_id.as_ref().unwrap().id, "m");

    let mut folder: BaseFolderKind = FolderType::default().into();
    folder.folder_mut().display_name = Some("Inbox".into());
    assert_eq!(folder.folder().display_name.as_deref(), Some("Inbox"));
}
