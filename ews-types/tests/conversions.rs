//! Values built from their parts with the generated `From` impls, and what they write: the
//! same elements as the long form.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::validate;
use ews_types::messages::{FindItem, FindItemType};
use ews_types::runtime::{ComplexType, DateTime};
use ews_types::types::{
    AllItem, BaseFolderId, BaseItemIdChoice, BasePagingType, DistinguishedFolderIdNameType,
    DistinguishedFolderIdType, FieldUriOrConstantPathOrConstant, FieldUriOrConstantType,
    IsEqualToType, ItemIdType, MessageType, NonEmptyArrayOfBaseItemIdsType, Path,
    PathToUnindexedFieldType, RealItem, ReplyToItemType, RestrictionType, SearchExpression,
    TwoOperandExpressionType, UnindexedFieldUriType,
};

#[test]
fn simple_values_go_into_the_member_made_from_them() {
    assert_eq!(
        Path::from(UnindexedFieldUriType::ItemSubject),
        Path::FieldUri(Box::new(PathToUnindexedFieldType {
            field_uri: UnindexedFieldUriType::ItemSubject,
            ..Default::default()
        }))
    );
    assert_eq!(
        BaseFolderId::from(DistinguishedFolderIdNameType::Inbox),
        BaseFolderId::DistinguishedFolderId(Box::new(DistinguishedFolderIdType {
            id: DistinguishedFolderIdNameType::Inbox,
            ..Default::default()
        }))
    );
    let BaseFolderId::FolderId(id) = BaseFolderId::from("AQMkAD") else {
        panic!("a string is a FolderId's id");
    };
    assert_eq!(id.id, "AQMkAD");
    let FieldUriOrConstantPathOrConstant::Constant(c) = "2026-11-01T00:00:00Z".into() else {
        panic!("a string is a constant");
    };
    assert_eq!(c.value, "2026-11-01T00:00:00Z");
}

#[test]
fn structs_are_made_from_their_one_field() {
    assert_eq!(ItemIdType::from("AAMk").id, "AAMk");
    assert_eq!(
        ItemIdType::from(String::from("AAMk")),
        ItemIdType::from("AAMk")
    );
    assert_eq!(BasePagingType::from(50).max_entries_returned, Some(50));
    let ids = NonEmptyArrayOfBaseItemIdsType::from(vec![ItemIdType::from("a").into()]);
    assert_eq!(
        ids.items,
        vec![BaseItemIdChoice::from(ItemIdType::from("a"))]
    );
    // Through the field's own conversion, and a derived type from its base.
    let operand = FieldUriOrConstantType::from("1");
    assert!(matches!(
        operand.path_or_constant,
        Some(FieldUriOrConstantPathOrConstant::Constant(_))
    ));
    let equal = IsEqualToType::from(TwoOperandExpressionType {
        path: Some(UnindexedFieldUriType::ItemSubject.into()),
        field_uri_or_constant: "Hello".into(),
        ..Default::default()
    });
    let restriction = RestrictionType::from(SearchExpression::from(equal));
    assert!(restriction.unfit().is_none());
    let request = FindItem(FindItemType {
        restriction: Some(Box::new(restriction)),
        parent_folder_ids: vec![DistinguishedFolderIdNameType::Inbox.into()].into(),
        ..Default::default()
    });
    let xml = ews_types::to_string(&request).unwrap();
    validate("FindItem built with conversions", &xml);
    assert!(
        xml.contains(r#"<t:IsEqualTo><t:FieldURI FieldURI="item:Subject"/><t:FieldURIOrConstant><t:Constant Value="Hello"/></t:FieldURIOrConstant></t:IsEqualTo>"#),
        "{xml}"
    );
}

#[test]
fn response_items_go_into_requests_and_back() {
    let mut message = MessageType::default();
    message.base.subject = Some("Hi".into());
    message.base.date_time_received = Some(DateTime::new("2026-11-30T16:05:12Z").unwrap());
    let real = RealItem::from(message);
    let all = AllItem::from(real.clone());
    assert!(matches!(&all, AllItem::Message(m) if m.base.subject.as_deref() == Some("Hi")));
    assert_eq!(RealItem::try_from(all), Ok(real));
    // A request-only item has no RealItem: handed back as it was.
    let reply = AllItem::from(ReplyToItemType::default());
    assert_eq!(RealItem::try_from(reply.clone()), Err(reply));
}
