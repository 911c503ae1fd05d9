//! Version awareness: operations and request values know the Exchange version they need
//! (from Microsoft's documentation table, see README.md "The version table"), requests
//! are checked against a target version, and the envelope writer refuses (or warns) when
//! `RequestServerVersion` is too old.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

use ews_types::messages::{FindItem, FindItemType, FindItemView, RemoveImContactFromGroup};
use ews_types::operations;
use ews_types::runtime::envelope::{
    write_request, write_request_with, EnvelopeError, Operation, RequestHeaders, VersionPolicy,
    WriteOptions,
};
use ews_types::runtime::version::{self, ExchangeVersion, Versioned};
use ews_types::types::{
    DistinguishedFolderIdNameType, DistinguishedFolderIdType, ExchangeVersionType, ExistsType,
    NonEmptyArrayOfBaseFolderIdsType, PathToUnindexedFieldType, RestrictionType,
    SeekToConditionPageViewType, UnindexedFieldUriType,
};

#[test]
fn operations_know_their_version() {
    assert_eq!(
        operations::RemoveImContactFromGroup::SINCE,
        Some(ExchangeVersion::Exchange2013)
    );
    assert_eq!(
        operations::ConvertId::SINCE,
        Some(ExchangeVersion::Exchange2007Sp1)
    );
    assert_eq!(
        operations::FindItem::SINCE,
        Some(ExchangeVersion::Exchange2007)
    );
    // The docs say nothing about these: unknown, never guessed.
    assert_eq!(operations::FindTags::SINCE, None);
    assert_eq!(operations::CreateMeetingSpace::SINCE, None);
}

/// A FindItem that pages from the first item with a subject.
fn find_item_seek() -> FindItem {
    let has_subject = ExistsType {
        path: Some(
            PathToUnindexedFieldType {
                field_uri: UnindexedFieldUriType::ItemSubject,
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    let view = SeekToConditionPageViewType {
        condition: RestrictionType {
            search_expression: Some(has_subject.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let inbox = DistinguishedFolderIdType {
        id: DistinguishedFolderIdNameType::Inbox,
        ..Default::default()
    };
    FindItem(FindItemType {
        view: Some(FindItemView::SeekToConditionPageItemView(Box::new(view))),
        parent_folder_ids: NonEmptyArrayOfBaseFolderIdsType {
            folder_id: vec![inbox.into()],
            ..Default::default()
        },
        ..Default::default()
    })
}

#[test]
fn a_request_needs_the_newest_element_it_uses() {
    // Nothing with a documented version set: unknown, not Exchange2007.
    let plain = FindItem::default();
    assert_eq!(plain.min_version(), None);
    assert!(plain.validate_for(ExchangeVersion::Exchange2007).is_ok());

    // SeekToConditionPageItemView was introduced in Exchange 2013.
    let seek = find_item_seek();
    assert_eq!(seek.min_version(), Some(ExchangeVersion::Exchange2013));
    assert!(seek.validate_for(ExchangeVersion::Exchange2013).is_ok());
    let err = seek
        .validate_for(ExchangeVersion::Exchange2010Sp2)
        .unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(
        err.violations[0].path,
        "FindItem/SeekToConditionPageItemView"
    );
    assert_eq!(err.violations[0].since, ExchangeVersion::Exchange2013);
    assert!(
        err.to_string().contains("SeekToConditionPageItemView"),
        "{err}"
    );

    // A nested optional field counts only when set; the maximum wins.
    let mut shape = find_item_seek();
    shape.0.item_shape.unique_body_type = Some(Default::default());
    assert_eq!(shape.min_version(), Some(ExchangeVersion::Exchange2013Sp1));
    let err = shape
        .validate_for(ExchangeVersion::Exchange2010Sp2)
        .unwrap_err();
    let paths: Vec<&str> = err.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "FindItem/ItemShape/UniqueBodyType",
            "FindItem/SeekToConditionPageItemView"
        ]
    );

    // The request element itself has a version.
    assert_eq!(
        RemoveImContactFromGroup::default().min_version(),
        Some(ExchangeVersion::Exchange2013)
    );
}

#[test]
fn required_combines_operation_and_body() {
    assert_eq!(
        version::required::<operations::FindItem>(&FindItem::default()),
        Some(ExchangeVersion::Exchange2007)
    );
    assert_eq!(
        version::required::<operations::FindItem>(&find_item_seek()),
        Some(ExchangeVersion::Exchange2013)
    );
    let v = version::check_request::<operations::RemoveImContactFromGroup>(
        &Default::default(),
        ExchangeVersion::Exchange2010,
    );
    let paths: Vec<&str> = v.iter().map(|v| v.path.as_str()).collect();
    // The operation is too new: its body's elements are not listed again.
    assert_eq!(paths, ["RemoveImContactFromGroup"]);
}

#[test]
fn the_envelope_writer_refuses_or_warns() {
    let body = find_item_seek();
    let old = RequestHeaders::for_version(ExchangeVersionType::Exchange2010Sp2);
    match write_request::<operations::FindItem>(&old, &body) {
        Err(EnvelopeError::VersionTooLow {
            operation,
            requested,
            required,
            violations,
        }) => {
            assert_eq!(operation, "FindItem");
            assert_eq!(requested, ExchangeVersion::Exchange2010Sp2);
            assert_eq!(required, ExchangeVersion::Exchange2013);
            assert_eq!(violations[0].path, "FindItem/SeekToConditionPageItemView");
        }
        other => panic!("expected VersionTooLow, got {other:?}"),
    }

    // Warn: written, with the violations.
    let options = WriteOptions::default().version_policy(VersionPolicy::Warn);
    let written = write_request_with::<operations::FindItem>(&old, &body, &options).unwrap();
    assert!(written.xml.contains("SeekToConditionPageItemView"));
    assert_eq!(written.warnings.len(), 1);

    // Ignore, a new enough version, or no RequestServerVersion: written, no warnings.
    let options = WriteOptions::default().version_policy(VersionPolicy::Ignore);
    let written = write_request_with::<operations::FindItem>(&old, &body, &options).unwrap();
    assert!(written.warnings.is_empty());
    let new = RequestHeaders::for_version(ExchangeVersionType::Exchange2013);
    write_request::<operations::FindItem>(&new, &body).unwrap();
    write_request::<operations::FindItem>(&RequestHeaders::default(), &body).unwrap();
    // An unknown version string is not checked.
    let unknown = RequestHeaders::for_version(ExchangeVersionType::Unlisted("Future".into()));
    write_request::<operations::FindItem>(&unknown, &body).unwrap();
}

#[test]
fn versions_are_ordered_and_convert() {
    assert_eq!(ExchangeVersion::ALL.len(), 21);
    assert!(ExchangeVersion::Exchange2010Sp2 < ExchangeVersion::Exchange2013);
    assert!(ExchangeVersion::Exchange2016 < ExchangeVersion::V20180108);
    let t: ExchangeVersionType = ExchangeVersion::Exchange2007Sp1.into();
    assert_eq!(t, ExchangeVersionType::Exchange2007Sp1);
    assert_eq!(
        ExchangeVersion::try_from(&ExchangeVersionType::V20151005),
        Ok(ExchangeVersion::V20151005)
    );
}

/// The generated rustdoc carries the version and the documentation link (checked on the
/// committed generated source: building the docs in a test would be too slow).
#[test]
fn generated_docs_show_version_and_link() {
    let ops = include_str!("../src/generated/operations.rs");
    let convert = ops.find("pub struct ConvertId;").unwrap();
    let doc = &ops[ops[..convert]
        .rfind("/// The `ConvertId` operation")
        .unwrap()..convert];
    assert!(doc.contains("/// Introduced in Exchange2007_SP1. [Microsoft documentation](<https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation>)"), "{doc}");
    let impls = include_str!("../src/generated/operations_impls.rs");
    assert!(impls.contains("const SINCE: Option<rt::version::ExchangeVersion> = Some(\n        rt::version::ExchangeVersion::Exchange2013,\n    );")
        || impls.contains("const SINCE: Option<rt::version::ExchangeVersion> = Some(rt::version::ExchangeVersion::Exchange2013);"));

    let messages = include_str!("../src/generated/messages.rs");
    let at = messages
        .find("pub struct RemoveImContactFromGroup(")
        .unwrap();
    let doc = &messages[messages[..at].rfind("/// The global element").unwrap()..at];
    // The page's description is Microsoft's prose: the doc links to the page instead.
    assert!(
        !doc.contains("The RemoveImContactFromGroup element defines a request"),
        "{doc}"
    );
    assert!(doc.contains("/// Introduced in Exchange2013. [Microsoft documentation](<https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/removeimcontactfromgroup>)"), "{doc}");

    // A field (choice variant) documented per parent.
    let at = messages
        .find("SeekToConditionPageItemView(Box<crate::types::SeekToConditionPageViewType>)")
        .unwrap();
    let doc = &messages[messages[..at]
        .rfind("/// Element `m:SeekToConditionPageItemView`")
        .unwrap()..at];
    assert!(
        doc.contains("/// Introduced in Exchange2013. [Microsoft documentation]"),
        "{doc}"
    );
}

/// Requests Exchange 2007 SP1 takes: the elements they use are in that level's schema
/// (`../shared/ews-schemas-history/2007_SP1`), though the documentation table gives a later
/// version. The schema history wins (see `codegen::passes::history`).
#[test]
fn the_schema_history_corrects_documented_versions() {
    let subscribe: ews_types::messages::Subscribe = ews_types::from_slice(
        br#"<m:Subscribe xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <m:PullSubscriptionRequest>
                <t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>
                <t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes>
                <t:Timeout>10</t:Timeout>
              </m:PullSubscriptionRequest>
            </m:Subscribe>"#,
    )
    .expect("a pull Subscribe");
    let create: ews_types::messages::CreateItem = ews_types::from_slice(
        br#"<m:CreateItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"
                MessageDisposition="SaveOnly">
              <m:Items>
                <t:Message>
                  <t:Subject>Hello</t:Subject>
                  <t:Categories><t:String>Blue</t:String></t:Categories>
                </t:Message>
              </m:Items>
            </m:CreateItem>"#,
    )
    .expect("a CreateItem with categories");
    let sp1 = RequestHeaders::for_version(ExchangeVersionType::Exchange2007Sp1);
    write_request::<operations::Subscribe>(&sp1, &subscribe).expect("Subscribe for 2007 SP1");
    write_request::<operations::CreateItem>(&sp1, &create).expect("CreateItem for 2007 SP1");
    assert!(subscribe
        .validate_for(ExchangeVersion::Exchange2007Sp1)
        .is_ok());
    assert!(create
        .validate_for(ExchangeVersion::Exchange2007Sp1)
        .is_ok());
    // Exchange 2007 (RTM) is older than the level that shows them: still refused.
    let paths: Vec<String> = subscribe
        .validate_for(ExchangeVersion::Exchange2007)
        .unwrap_err()
        .violations
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("/EventType")), "{paths:?}");
}
