//! One test per XSD construct, on real schema types: read (or build) a value, check its typed
//! fields, write it, compare the written XML with the input (namespace-aware) and validate
//! what was written against the EWS schemas with `ews-validate`.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::{assert_xml_eq, validate, validate_rejects, xml_diff, MT, TYPES_NS};
use ews_types::messages::{
    ConvertIdResponse, FindItem, GetItem, GetItemResponse, ItemInfoResponseMessageType,
    ResponseCodeType,
};
use ews_types::runtime::{
    AnyElement, AnyNode, ComplexType, Element, ErrorKind, ReadOptions, SimpleValue, SyntaxError,
};
use ews_types::types::{
    AlternateIdBaseKind, BodyTypeType, CalendarItemType, ContactItemType, DayOfWeekType,
    DefaultShapeNamesType, DictionaryUriType, DistinguishedPropertySetType,
    FieldUriOrConstantPathOrConstant, IdFormatType, ItemQueryTraversalType, MapiPropertyTypeType,
    MessageType, Path, PropertyTagType, RealItem, RecurrencePattern, RecurrenceRange,
    ResponseClassType, SearchExpression, UnindexedFieldUriType,
};

// ---------------------------------------------------------------------------------------
// Helpers.

/// Reads `xml` as `E`, writes it back, checks the writing is XML-equivalent to `xml`,
/// valid against the schemas, and reads back to the same value.
#[track_caller]
fn round_trip<E: Element + PartialEq + std::fmt::Debug>(label: &str, xml: &str) -> E {
    let value: E = ews_types::from_slice(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{label}: reading failed: {e}\n{xml}"));
    let written = ews_types::to_string(&value).unwrap();
    assert_xml_eq(&written, xml);
    validate(label, &written);
    let again: E = ews_types::from_slice(written.as_bytes())
        .unwrap_or_else(|e| panic!("{label}: reading what we wrote failed: {e}\n{written}"));
    assert_eq!(again, value, "{label}: value changed through write + read");
    value
}

/// A `m:GetItemResponse` with one successful `m:GetItemResponseMessage` holding `items`
/// (the children of `m:Items`), with `m:`/`t:` prefixes.
fn get_item_response(items: &str) -> String {
    format!(
        r#"<m:GetItemResponse {MT}>
  <m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      <m:Items>{items}</m:Items>
    </m:GetItemResponseMessage>
  </m:ResponseMessages>
</m:GetItemResponse>"#
    )
}

/// The response messages of a `GetItemResponse`, as `ItemInfoResponseMessageType`s.
fn get_item_messages(resp: &GetItemResponse) -> Vec<&ItemInfoResponseMessageType> {
    resp.response_messages.items.iter().collect()
}

/// The items of the only response message.
fn items(resp: &GetItemResponse) -> &[RealItem] {
    let msgs = get_item_messages(resp);
    assert_eq!(msgs.len(), 1);
    &msgs[0].items.as_ref().expect("m:Items").items
}

fn message(item: &RealItem) -> &MessageType {
    match item {
        RealItem::Message(m) => m,
        other => panic!("expected t:Message, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// The helpers themselves: the comparison and the validator must be able to fail.

#[test]
fn equivalence_check_and_validator_can_fail() {
    let a = format!(r#"<m:A {MT} X="1" Y="2"><t:B>text</t:B> <t:C/></m:A>"#);
    // Other prefixes, default namespace, attribute order, whitespace between elements,
    // <C></C> for <C/>: all equivalent.
    let b = r#"<A xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:q="http://schemas.microsoft.com/exchange/services/2006/types" Y="2" X="1">
          <q:B>text</q:B>
          <q:C></q:C>
        </A>"#;
    assert_eq!(xml_diff(&a, b), None);

    let attr = format!(r#"<m:A {MT} X="1" Y="3"><t:B>text</t:B><t:C/></m:A>"#);
    let d = xml_diff(&attr, &a).expect("attribute value differs");
    assert!(d.contains("/m:A/@Y") && d.contains("\"3\""), "{d}");

    let ns = format!(r#"<m:A {MT} X="1" Y="2"><m:B>text</m:B><t:C/></m:A>"#);
    let d = xml_diff(&ns, &a).expect("namespace differs");
    assert!(d.contains("/m:A/t:B[0]") && d.contains("m:B"), "{d}");

    let text = format!(r#"<m:A {MT} X="1" Y="2"><t:B>text </t:B><t:C/></m:A>"#);
    assert!(xml_diff(&text, &a)
        .expect("text differs")
        .contains("text()"));

    let missing = format!(r#"<m:A {MT} X="1" Y="2"><t:B>text</t:B></m:A>"#);
    let d = xml_diff(&missing, &a).expect("element missing");
    assert!(d.contains("missing element t:C"), "{d}");

    // xsi:type values are compared by the namespace their prefix stands for.
    let x1 = format!(
        r#"<m:A {MT} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t:T"/>"#
    );
    let x2 = r#"<m:A xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:i="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:z="http://schemas.microsoft.com/exchange/services/2006/types" i:type="z:T"/>"#;
    assert_eq!(xml_diff(&x1, x2), None);
    let x3 = format!(
        r#"<m:A {MT} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="m:T"/>"#
    );
    assert!(xml_diff(&x3, &x1).is_some());

    // The validator rejects what the schema forbids (an unknown child of m:GetItem).
    let out = validate_rejects(
        "invalid-get-item",
        &format!(r#"<m:GetItem {MT}><m:Nonsense/></m:GetItem>"#),
    );
    assert!(out.contains("Nonsense"), "{out}");
}

// ---------------------------------------------------------------------------------------
// Extension: t:MessageType extends t:ItemType; the base's fields live in `base`.

#[test]
fn extension_message_extends_item() {
    let xml = get_item_response(
        r#"
        <t:Message>
          <t:ItemId Id="AAMkAGI2TG93AAA=" ChangeKey="CQAAABYAAAA"/>
          <t:Subject>Quarterly report</t:Subject>
          <t:Importance>High</t:Importance>
          <t:DateTimeSent>2026-11-20T09:30:00Z</t:DateTimeSent>
          <t:HasAttachments>false</t:HasAttachments>
          <t:From>
            <t:Mailbox>
              <t:Name>Ana Example</t:Name>
              <t:EmailAddress>ana@example.com</t:EmailAddress>
              <t:RoutingType>SMTP</t:RoutingType>
            </t:Mailbox>
          </t:From>
          <t:IsRead>true</t:IsRead>
        </t:Message>"#,
    );
    let resp: GetItemResponse = round_trip("extension", &xml);
    let items = items(&resp);
    assert_eq!(items.len(), 1);
    let m = message(&items[0]);
    // Fields of t:ItemType, through `base`.
    let id = m.base.item_id.as_ref().expect("ItemId");
    assert_eq!(id.id, "AAMkAGI2TG93AAA=");
    assert_eq!(id.change_key.as_deref(), Some("CQAAABYAAAA"));
    assert_eq!(m.base.subject.as_deref(), Some("Quarterly report"));
    assert_eq!(
        m.base.date_time_sent.as_ref().map(|d| d.as_str()),
        Some("2026-11-20T09:30:00Z")
    );
    assert_eq!(m.base.has_attachments, Some(false));
    assert!(m.base.importance.is_some());
    // Fields of t:MessageType itself.
    assert_eq!(m.is_read, Some(true));
    let from = &m.from.as_ref().expect("From").mailbox;
    assert_eq!(from.name.as_deref(), Some("Ana Example"));
    assert_eq!(from.email_address.as_deref(), Some("ana@example.com"));
    assert_eq!(from.routing_type.as_deref(), Some("SMTP"));
    assert_eq!(m.sender, None);
    // The response message's own base fields.
    let msg = get_item_messages(&resp)[0];
    assert_eq!(msg.base.response_class, ResponseClassType::Success);
    assert_eq!(msg.base.response_code, Some(ResponseCodeType::NoError));
}

// ---------------------------------------------------------------------------------------
// Choice: t:ArrayOfRealItemsType is a repeated choice of item elements; order is kept.

#[test]
fn choice_items_of_several_kinds() {
    let xml = get_item_response(
        r#"
        <t:Message><t:Subject>one</t:Subject><t:IsRead>false</t:IsRead></t:Message>
        <t:CalendarItem>
          <t:Subject>two</t:Subject>
          <t:Start>2026-12-01T10:00:00Z</t:Start>
          <t:End>2026-12-01T11:00:00Z</t:End>
          <t:Location>Room 1</t:Location>
        </t:CalendarItem>
        <t:Contact>
          <t:Subject>three</t:Subject>
          <t:DisplayName>Bo Example</t:DisplayName>
          <t:GivenName>Bo</t:GivenName>
        </t:Contact>
        <t:Message><t:Subject>four</t:Subject></t:Message>"#,
    );
    let resp: GetItemResponse = round_trip("choice", &xml);
    let items = items(&resp);
    assert_eq!(items.len(), 4, "{items:#?}");
    assert_eq!(message(&items[0]).base.subject.as_deref(), Some("one"));
    assert_eq!(message(&items[0]).is_read, Some(false));
    let cal: &CalendarItemType = match &items[1] {
        RealItem::CalendarItem(c) => c,
        other => panic!("expected t:CalendarItem, got {other:?}"),
    };
    assert_eq!(cal.base.subject.as_deref(), Some("two"));
    assert_eq!(
        cal.start.as_ref().map(|d| d.as_str()),
        Some("2026-12-01T10:00:00Z")
    );
    assert_eq!(cal.location.as_deref(), Some("Room 1"));
    let contact: &ContactItemType = match &items[2] {
        RealItem::Contact(c) => c,
        other => panic!("expected t:Contact, got {other:?}"),
    };
    assert_eq!(contact.base.subject.as_deref(), Some("three"));
    assert_eq!(contact.display_name.as_deref(), Some("Bo Example"));
    assert_eq!(contact.given_name.as_deref(), Some("Bo"));
    assert_eq!(message(&items[3]).base.subject.as_deref(), Some("four"));
}

// ---------------------------------------------------------------------------------------
// Substitution groups: t:Path (FieldURI / IndexedFieldURI / ExtendedFieldURI) and
// t:SearchExpression (And, IsEqualTo, Not, Exists, Contains, ...).

#[test]
fn substitution_group_paths_in_item_shape() {
    let xml = format!(
        r#"<m:GetItem {MT}>
  <m:ItemShape>
    <t:BaseShape>IdOnly</t:BaseShape>
    <t:AdditionalProperties>
      <t:FieldURI FieldURI="item:Subject"/>
      <t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>
      <t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="X-Custom" PropertyType="String"/>
      <t:FieldURI FieldURI="message:IsRead"/>
    </t:AdditionalProperties>
  </m:ItemShape>
  <m:ItemIds>
    <t:ItemId Id="AAMkAGI2TG93AAA=" ChangeKey="CQAAABYAAAA"/>
  </m:ItemIds>
</m:GetItem>"#
    );
    let req: GetItem = round_trip("substitution-group-paths", &xml);
    assert_eq!(req.item_shape.base_shape, DefaultShapeNamesType::IdOnly);
    let paths = &req
        .item_shape
        .additional_properties
        .as_ref()
        .expect("AdditionalProperties")
        .path;
    assert_eq!(paths.len(), 4);
    match &paths[0] {
        Path::FieldUri(p) => assert_eq!(p.field_uri, UnindexedFieldUriType::ItemSubject),
        other => panic!("expected t:FieldURI, got {other:?}"),
    }
    match &paths[1] {
        Path::IndexedFieldUri(p) => {
            assert_eq!(p.field_uri, DictionaryUriType::ContactsEmailAddress);
            assert_eq!(p.field_index, "EmailAddress1");
        }
        other => panic!("expected t:IndexedFieldURI, got {other:?}"),
    }
    match &paths[2] {
        Path::ExtendedFieldUri(p) => {
            assert_eq!(
                p.distinguished_property_set_id,
                Some(DistinguishedPropertySetType::PublicStrings)
            );
            assert_eq!(p.property_name.as_deref(), Some("X-Custom"));
            assert_eq!(p.property_type, MapiPropertyTypeType::String);
            assert_eq!(p.property_tag, None);
        }
        other => panic!("expected t:ExtendedFieldURI, got {other:?}"),
    }
    match &paths[3] {
        Path::FieldUri(p) => assert_eq!(p.field_uri, UnindexedFieldUriType::MessageIsRead),
        other => panic!("expected t:FieldURI, got {other:?}"),
    }
}

#[test]
fn substitution_group_search_expressions_in_restriction() {
    let xml = format!(
        r#"<m:FindItem {MT} Traversal="Shallow">
  <m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>
  <m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>
  <m:Restriction>
    <t:And>
      <t:IsEqualTo>
        <t:FieldURI FieldURI="message:IsRead"/>
        <t:FieldURIOrConstant><t:Constant Value="false"/></t:FieldURIOrConstant>
      </t:IsEqualTo>
      <t:Not>
        <t:Exists><t:ExtendedFieldURI PropertyTag="0x1000" PropertyType="String"/></t:Exists>
      </t:Not>
      <t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">
        <t:FieldURI FieldURI="item:Subject"/>
        <t:Constant Value="report"/>
      </t:Contains>
    </t:And>
  </m:Restriction>
  <m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds>
</m:FindItem>"#
    );
    let req: FindItem = round_trip("substitution-group-restriction", &xml);
    let restriction = req.restriction.as_ref().expect("Restriction");
    let and = match &restriction.search_expression {
        Some(SearchExpression::And(a)) => a,
        other => panic!("expected t:And, got {other:?}"),
    };
    let ops = &and.base.search_expression;
    assert_eq!(ops.len(), 3, "{ops:#?}");
    match &ops[0] {
        SearchExpression::IsEqualTo(eq) => {
            match &eq.base.path {
                Some(Path::FieldUri(p)) => {
                    assert_eq!(p.field_uri, UnindexedFieldUriType::MessageIsRead)
                }
                other => panic!("expected t:FieldURI, got {other:?}"),
            }
            match &eq.base.field_uri_or_constant.path_or_constant {
                Some(FieldUriOrConstantPathOrConstant::Constant(c)) => assert_eq!(c.value, "false"),
                other => panic!("expected t:Constant, got {other:?}"),
            }
        }
        other => panic!("expected t:IsEqualTo, got {other:?}"),
    }
    match &ops[1] {
        SearchExpression::Not(not) => match not.search_expression.as_deref() {
            Some(SearchExpression::Exists(ex)) => match &ex.path {
                Some(Path::ExtendedFieldUri(p)) => assert_eq!(
                    p.property_tag,
                    Some(PropertyTagType::PropertyTagMember1("0x1000".into()))
                ),
                other => panic!("expected t:ExtendedFieldURI, got {other:?}"),
            },
            other => panic!("expected t:Exists, got {other:?}"),
        },
        other => panic!("expected t:Not, got {other:?}"),
    }
    match &ops[2] {
        SearchExpression::Contains(c) => {
            assert_eq!(c.constant.value, "report");
            assert!(c.containment_mode.is_some() && c.containment_comparison.is_some());
            match &c.path {
                Some(Path::FieldUri(p)) => {
                    assert_eq!(p.field_uri, UnindexedFieldUriType::ItemSubject)
                }
                other => panic!("expected t:FieldURI, got {other:?}"),
            }
        }
        other => panic!("expected t:Contains, got {other:?}"),
    }
    assert_eq!(req.traversal, ItemQueryTraversalType::Shallow);
}

/// `t:FieldURIOrConstant` is a choice of `<xs:element ref="t:Path"/>` (the abstract head of
/// a substitution group) and `t:Constant`: a member of the group (`t:FieldURI`) must be
/// accepted there, as in comparing two fields.
#[test]
fn substitution_group_member_inside_choice() {
    let xml = format!(
        r#"<m:FindItem {MT} Traversal="Shallow">
  <m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>
  <m:Restriction>
    <t:IsEqualTo>
      <t:FieldURI FieldURI="calendar:Start"/>
      <t:FieldURIOrConstant><t:FieldURI FieldURI="calendar:End"/></t:FieldURIOrConstant>
    </t:IsEqualTo>
  </m:Restriction>
  <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds>
</m:FindItem>"#
    );
    if let Err(e) = ews_types::from_slice::<FindItem>(xml.as_bytes()) {
        panic!(
            "t:FieldURI inside t:FieldURIOrConstant not read ({e}). Generator: a choice member \
             `<xs:element ref=\"t:Path\"/>` (head of a substitution group) must stand for the \
             group's members (FieldURI, IndexedFieldURI, ExtendedFieldURI), not for an \
             element named `Path` (codegen/src/passes/lower.rs, choice_enum)."
        );
    }
    let req: FindItem = round_trip("substitution-group-in-choice", &xml);
    let eq = match &req
        .restriction
        .as_ref()
        .expect("Restriction")
        .search_expression
    {
        Some(SearchExpression::IsEqualTo(eq)) => eq,
        other => panic!("expected t:IsEqualTo, got {other:?}"),
    };
    let written = ews_types::to_string(&req).unwrap();
    assert!(
        written.contains(r#"<t:FieldURIOrConstant><t:FieldURI FieldURI="calendar:End"/>"#),
        "{written}\n{eq:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// xsi:type: m:AlternateId of ConvertIdResponseMessage has the abstract type
// t:AlternateIdBaseType; the concrete type is chosen by xsi:type (AlternateIdBaseKind).

const XSI_DECL: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

fn convert_id_response(alternate_id: &str) -> String {
    format!(
        r#"<m:ConvertIdResponse {MT} {XSI_DECL}>
  <m:ResponseMessages>
    <m:ConvertIdResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      {alternate_id}
    </m:ConvertIdResponseMessage>
    <m:ConvertIdResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      <m:AlternateId xsi:type="t:AlternatePublicFolderIdType" Format="EwsId" FolderId="AQEuAAAD"/>
    </m:ConvertIdResponseMessage>
    <m:ConvertIdResponseMessage ResponseClass="Error">
      <m:MessageText>Id is malformed.</m:MessageText>
      <m:ResponseCode>ErrorInvalidIdMalformed</m:ResponseCode>
      <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
    </m:ConvertIdResponseMessage>
  </m:ResponseMessages>
</m:ConvertIdResponse>"#
    )
}

fn alternate_ids(resp: &ConvertIdResponse) -> Vec<Option<&AlternateIdBaseKind>> {
    resp.response_messages
        .items
        .iter()
        .map(|m| m.alternate_id.as_ref())
        .collect()
}

#[test]
fn xsi_type_selects_the_concrete_type() {
    let xml = convert_id_response(
        r#"<m:AlternateId xsi:type="t:AlternateIdType" Format="HexEntryId" Id="00000000DC1B4B" Mailbox="user@example.com"/>"#,
    );
    let resp: ConvertIdResponse = round_trip("xsi-type", &xml);
    let ids = alternate_ids(&resp);
    assert_eq!(ids.len(), 3);
    match ids[0] {
        Some(AlternateIdBaseKind::AlternateId(a)) => {
            assert_eq!(a.base.format, IdFormatType::HexEntryId);
            assert_eq!(a.id, "00000000DC1B4B");
            assert_eq!(a.mailbox, "user@example.com");
            assert_eq!(a.is_archive, None);
        }
        other => panic!("expected t:AlternateIdType, got {other:?}"),
    }
    match ids[1] {
        Some(AlternateIdBaseKind::AlternatePublicFolderId(a)) => {
            assert_eq!(a.base.format, IdFormatType::EwsId);
            assert_eq!(a.folder_id, "AQEuAAAD");
        }
        other => panic!("expected t:AlternatePublicFolderIdType, got {other:?}"),
    }
    assert_eq!(ids[2], None);
    let written = ews_types::to_string(&resp).unwrap();
    assert!(
        written.contains(r#"xsi:type="t:AlternateIdType""#),
        "{written}"
    );

    // Other prefixes for xsi: and for the type's namespace read to the same value.
    let other_prefixes = convert_id_response(
        r#"<m:AlternateId xmlns:i="http://www.w3.org/2001/XMLSchema-instance"
             xmlns:ty="http://schemas.microsoft.com/exchange/services/2006/types"
             i:type="ty:AlternateIdType" Format="HexEntryId" Id="00000000DC1B4B" Mailbox="user@example.com"/>"#,
    );
    let again: ConvertIdResponse = ews_types::from_slice(other_prefixes.as_bytes()).unwrap();
    assert_eq!(again, resp);

    // Without xsi:type, or with a type that is not derived from t:AlternateIdBaseType,
    // reading fails with a precise error.
    let missing = convert_id_response(
        r#"<m:AlternateId Format="HexEntryId" Id="00000000DC1B4B" Mailbox="user@example.com"/>"#,
    );
    let err = ews_types::from_slice::<ConvertIdResponse>(missing.as_bytes()).unwrap_err();
    assert_eq!(
        *err.kind(),
        ErrorKind::MissingXsiType("t:AlternateIdBaseType"),
        "{err}"
    );
    let unknown = convert_id_response(
        r#"<m:AlternateId xsi:type="t:ItemIdType" Format="HexEntryId" Id="00000000DC1B4B" Mailbox="user@example.com"/>"#,
    );
    let err = ews_types::from_slice::<ConvertIdResponse>(unknown.as_bytes()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownXsiType { found, .. } if found == "ItemIdType"),
        "{err}"
    );
}

#[test]
fn convert_id_request_alternate_ids() {
    let xml = format!(
        r#"<m:ConvertId {MT} DestinationFormat="HexEntryId">
  <m:SourceIds>
    <t:AlternateId Format="EwsId" Id="AAMkAGI2TG93AAA=" Mailbox="user@example.com"/>
    <t:AlternatePublicFolderId Format="EwsId" FolderId="AQEuAAAD"/>
  </m:SourceIds>
</m:ConvertId>"#
    );
    let req: ews_types::messages::ConvertId = round_trip("convert-id", &xml);
    assert_eq!(req.destination_format, IdFormatType::HexEntryId);
    assert_eq!(req.source_ids.id.len(), 2);

    // t:AlternateId has the concrete type t:AlternateIdType: a redundant
    // xsi:type="t:AlternateIdType" (as some clients send) is accepted and not written.
    let with_xsi = xml.replace(
        "<t:AlternateId ",
        &format!(r#"<t:AlternateId {XSI_DECL} xsi:type="t:AlternateIdType" "#),
    );
    assert_ne!(with_xsi, xml);
    let v: ews_types::messages::ConvertId = ews_types::from_slice(with_xsi.as_bytes()).unwrap();
    assert_eq!(v, req);
    assert_xml_eq(&ews_types::to_string(&v).unwrap(), &xml);
}

// ---------------------------------------------------------------------------------------
// xs:list: t:DaysOfWeekType is a list of t:DayOfWeekType.

#[test]
fn xs_list_days_of_week() {
    let xml = get_item_response(
        r#"
        <t:CalendarItem>
          <t:Subject>Stand-up</t:Subject>
          <t:Recurrence>
            <t:WeeklyRecurrence>
              <t:Interval>1</t:Interval>
              <t:DaysOfWeek>Monday Wednesday Friday</t:DaysOfWeek>
              <t:FirstDayOfWeek>Monday</t:FirstDayOfWeek>
            </t:WeeklyRecurrence>
            <t:NoEndRecurrence><t:StartDate>2026-01-05</t:StartDate></t:NoEndRecurrence>
          </t:Recurrence>
        </t:CalendarItem>"#,
    );
    let resp: GetItemResponse = round_trip("xs-list", &xml);
    let cal = match &items(&resp)[0] {
        RealItem::CalendarItem(c) => c,
        other => panic!("expected t:CalendarItem, got {other:?}"),
    };
    let rec = cal.recurrence.as_ref().expect("Recurrence");
    match &rec.pattern {
        Some(RecurrencePattern::WeeklyRecurrence(w)) => {
            assert_eq!(w.base.interval, 1);
            assert_eq!(
                w.days_of_week.0,
                vec![
                    DayOfWeekType::Monday,
                    DayOfWeekType::Wednesday,
                    DayOfWeekType::Friday
                ]
            );
            assert_eq!(w.first_day_of_week, Some(DayOfWeekType::Monday));
        }
        other => panic!("expected t:WeeklyRecurrence, got {other:?}"),
    }
    match &rec.range {
        Some(RecurrenceRange::NoEndRecurrence(r)) => {
            assert_eq!(r.base.start_date.as_str(), "2026-01-05")
        }
        other => panic!("expected t:NoEndRecurrence, got {other:?}"),
    }

    // Any XML whitespace separates list items; writing uses single spaces.
    let messy = xml.replace("Monday Wednesday Friday", "\n  Monday\tWednesday   Friday ");
    let again: GetItemResponse = ews_types::from_slice(messy.as_bytes()).unwrap();
    assert_eq!(again, resp);
    let days = ews_types::types::DaysOfWeekType::parse(" Saturday  Sunday ").unwrap();
    assert_eq!(days.to_text(), "Saturday Sunday");
}

// ---------------------------------------------------------------------------------------
// xs:union: t:PropertyTagType is xs:unsignedShort or a hex string ("0x1000").

#[test]
fn xs_union_property_tag() {
    let xml = format!(
        r#"<m:GetItem {MT}>
  <m:ItemShape>
    <t:BaseShape>IdOnly</t:BaseShape>
    <t:AdditionalProperties>
      <t:ExtendedFieldURI PropertyTag="0x1000" PropertyType="String"/>
      <t:ExtendedFieldURI PropertyTag="4096" PropertyType="String"/>
      <t:ExtendedFieldURI PropertyTag="0X0E07" PropertyType="Integer"/>
    </t:AdditionalProperties>
  </m:ItemShape>
  <m:ItemIds><t:ItemId Id="AAMkAGI2TG93AAA="/></m:ItemIds>
</m:GetItem>"#
    );
    let req: GetItem = round_trip("xs-union", &xml);
    let tags: Vec<&PropertyTagType> = req
        .item_shape
        .additional_properties
        .as_ref()
        .unwrap()
        .path
        .iter()
        .map(|p| match p {
            Path::ExtendedFieldUri(e) => e.property_tag.as_ref().expect("PropertyTag"),
            other => panic!("expected t:ExtendedFieldURI, got {other:?}"),
        })
        .collect();
    assert_eq!(
        tags,
        [
            &PropertyTagType::PropertyTagMember1("0x1000".into()),
            &PropertyTagType::UnsignedShort(4096),
            &PropertyTagType::PropertyTagMember1("0X0E07".into()),
        ]
    );
    // Each member keeps its lexical form on writing.
    assert_eq!(PropertyTagType::UnsignedShort(4096).to_text(), "4096");
    assert_eq!(
        PropertyTagType::parse("0x1000").unwrap().to_text(),
        "0x1000"
    );
}

// ---------------------------------------------------------------------------------------
// Simple content with attributes: t:BodyType is text plus BodyType / IsTruncated.

#[test]
fn simple_content_with_attributes_body() {
    let xml = get_item_response(
        r#"
        <t:Message>
          <t:Subject>Body <!-- a comment --> test<![CDATA[ <in CDATA> & more]]></t:Subject>
          <t:Body BodyType="HTML" IsTruncated="false">&lt;html&gt;&lt;body&gt;Hi &amp;amp; bye
  &lt;b&gt;"quoted"&lt;/b&gt;&lt;/body&gt;&lt;/html&gt;</t:Body>
          <t:UniqueBody BodyType="Text">  plain  text  </t:UniqueBody>
        </t:Message>"#,
    );
    let resp: GetItemResponse = round_trip("simple-content", &xml);
    let m = message(&items(&resp)[0]);
    // Comments are dropped, CDATA is text.
    assert_eq!(
        m.base.subject.as_deref(),
        Some("Body  test <in CDATA> & more")
    );
    let body = m.base.body.as_ref().expect("Body");
    assert_eq!(body.body_type, BodyTypeType::Html);
    assert_eq!(body.is_truncated, Some(false));
    assert_eq!(
        body.value,
        "<html><body>Hi &amp; bye\n  <b>\"quoted\"</b></body></html>"
    );
    let unique = m.base.unique_body.as_ref().expect("UniqueBody");
    assert_eq!(unique.body_type, BodyTypeType::Text);
    assert_eq!(unique.is_truncated, None);
    assert_eq!(unique.value, "  plain  text  ");
}

// ---------------------------------------------------------------------------------------
// xs:any: m:MessageXml keeps arbitrary XML and writes it back.

#[test]
fn xs_any_message_xml_kept() {
    let xml = format!(
        r#"<m:GetItemResponse {MT} {XSI_DECL}>
  <m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Error">
      <m:MessageText>The request failed schema validation.</m:MessageText>
      <m:ResponseCode>ErrorSchemaValidation</m:ResponseCode>
      <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
      <m:MessageXml>
        <t:LineNumber>12</t:LineNumber>
        <t:LinePosition>7</t:LinePosition>
        <t:Violation>The element 'Foo' is invalid &amp; unexpected.</t:Violation>
        <t:FieldURI FieldURI="item:Subject"/>
        <t:Value Name="BackOffMilliseconds">297749</t:Value>
        <y:Typed xmlns:y="urn:example:typed" xmlns:xs="http://www.w3.org/2001/XMLSchema"
                 xsi:type="xs:int">42</y:Typed>
        <y:Empty xmlns:y="urn:example:typed" xsi:nil="true"/>
        <x:Detail xmlns:x="urn:example:detail" x:code="E7" plain="y">before <x:b>bold</x:b> after<Unqualified/></x:Detail>
      </m:MessageXml>
      <m:Items/>
    </m:GetItemResponseMessage>
  </m:ResponseMessages>
</m:GetItemResponse>"#
    );
    let resp: GetItemResponse = round_trip("xs-any", &xml);
    let msg = get_item_messages(&resp)[0];
    assert_eq!(msg.base.response_class, ResponseClassType::Error);
    assert_eq!(
        msg.base.response_code,
        Some(ResponseCodeType::ErrorSchemaValidation)
    );
    assert_eq!(msg.items.as_ref().map(|i| i.items.len()), Some(0));
    let any: &[AnyElement] = &msg.base.message_xml.as_ref().expect("MessageXml").any;
    let names: Vec<(&str, Option<&str>)> = any
        .iter()
        .map(|e| (e.name.as_str(), e.namespace.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("LineNumber", Some(TYPES_NS)),
            ("LinePosition", Some(TYPES_NS)),
            ("Violation", Some(TYPES_NS)),
            ("FieldURI", Some(TYPES_NS)),
            ("Value", Some(TYPES_NS)),
            ("Typed", Some("urn:example:typed")),
            ("Empty", Some("urn:example:typed")),
            ("Detail", Some("urn:example:detail")),
        ]
    );
    assert_eq!(
        any[2].children,
        [AnyNode::Text(
            "The element 'Foo' is invalid & unexpected.".into()
        )]
    );
    assert_eq!(any[3].attributes.len(), 1);
    assert_eq!(any[3].attributes[0].name, "FieldURI");
    assert_eq!(any[3].attributes[0].value, "item:Subject");
    assert_eq!(any[4].children, [AnyNode::Text("297749".into())]);
    // xsi: attributes are kept too; the xsi:type QName resolved to `{namespace}local`.
    let attr = |e: &AnyElement| {
        e.attributes
            .iter()
            .map(|a| (a.namespace.clone(), a.name.clone(), a.value.clone()))
            .collect::<Vec<_>>()
    };
    let xsi = Some(common::XSI_NS.to_owned());
    assert_eq!(
        attr(&any[5]),
        [(
            xsi.clone(),
            "type".into(),
            "{http://www.w3.org/2001/XMLSchema}int".into()
        )]
    );
    assert_eq!(attr(&any[6]), [(xsi, "nil".into(), "true".into())]);
    let detail = &any[7];
    let mut attrs: Vec<(Option<&str>, &str, &str)> = detail
        .attributes
        .iter()
        .map(|a| (a.namespace.as_deref(), a.name.as_str(), a.value.as_str()))
        .collect();
    attrs.sort();
    assert_eq!(
        attrs,
        [
            (None, "plain", "y"),
            (Some("urn:example:detail"), "code", "E7")
        ]
    );
    assert_eq!(detail.children.len(), 4, "{:#?}", detail.children);
    assert_eq!(detail.children[0], AnyNode::Text("before ".into()));
    match &detail.children[3] {
        AnyNode::Element(e) => {
            assert_eq!(e.name, "Unqualified");
            assert_eq!(e.namespace, None);
        }
        other => panic!("expected an element, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Enumerations keep values they do not know in `Unknown` and write them back unchanged.

#[test]
fn enum_catch_all_keeps_unknown_values() {
    let xml = format!(
        r#"<m:GetItemResponse {MT}>
  <m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Error">
      <m:MessageText>Something new went wrong.</m:MessageText>
      <m:ResponseCode>ErrorFromAFutureServer</m:ResponseCode>
      <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
      <m:Items>
        <t:Message><t:Subject>x</t:Subject><t:Body BodyType="Markdown">*hi*</t:Body></t:Message>
      </m:Items>
    </m:GetItemResponseMessage>
  </m:ResponseMessages>
</m:GetItemResponse>"#
    );
    let resp: GetItemResponse = ews_types::from_slice(xml.as_bytes()).unwrap();
    let msg = get_item_messages(&resp)[0];
    assert_eq!(
        msg.base.response_code,
        Some(ResponseCodeType::Unlisted("ErrorFromAFutureServer".into()))
    );
    let body = message(&items(&resp)[0]).base.body.as_ref().unwrap();
    assert_eq!(body.body_type, BodyTypeType::Unlisted("Markdown".into()));
    assert_eq!(body.value, "*hi*");

    let written = ews_types::to_string(&resp).unwrap();
    assert_xml_eq(&written, &xml);
    let again: GetItemResponse = ews_types::from_slice(written.as_bytes()).unwrap();
    assert_eq!(again, resp);
    // The unknown values are, by definition, not valid against this schema version: the
    // validator must say so (and nothing else must be wrong: with known values it passes).
    let out = validate_rejects("enum-catch-all", &written);
    assert!(
        out.contains("ErrorFromAFutureServer") || out.contains("ResponseCode"),
        "{out}"
    );
    let mut known = resp.clone();
    get_response_message_mut(&mut known).base.response_code =
        Some(ResponseCodeType::ErrorItemNotFound);
    match &mut get_response_message_mut(&mut known)
        .items
        .as_mut()
        .unwrap()
        .items[0]
    {
        RealItem::Message(m) => m.base.body.as_mut().unwrap().body_type = BodyTypeType::Text,
        other => panic!("expected t:Message, got {other:?}"),
    }
    validate("enum-known", &ews_types::to_string(&known).unwrap());
}

fn get_response_message_mut(resp: &mut GetItemResponse) -> &mut ItemInfoResponseMessageType {
    &mut resp.response_messages.items[0]
}

// ---------------------------------------------------------------------------------------
// Tolerance: elements this schema does not know are skipped.

/// An unknown element inside a known one is kept whole, in the known element's unknown
/// slot, with the namespace declarations it makes not leaking to its siblings; unknown
/// attributes are kept too. Writing puts them back (unknown children where they stood).
/// In strict mode the first unknown attribute is refused, with where it stands.
#[test]
fn unknown_element_is_kept() {
    let with_unknown = |future: &str, after: &str| {
        format!(
            r#"<m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      <m:Items>
        <Message xmlns="http://schemas.microsoft.com/exchange/services/2006/types" FutureAttribute="1" xmlns:f="urn:example:future" f:Flag="on">
          <Subject>Hello</Subject>{future}
          <IsRead>true</IsRead>{after}
        </Message>
        <Message xmlns="http://schemas.microsoft.com/exchange/services/2006/types">
          <Subject>Second</Subject>
        </Message>
      </m:Items>
    </m:GetItemResponseMessage>
    <m:GetItemResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      <m:Items/>
    </m:GetItemResponseMessage>
  </m:ResponseMessages>
</m:GetItemResponse>"#
        )
    };
    let future = r#"
          <FutureProperty xmlns="urn:example:future" xmlns:m="urn:example:not-messages">
            <Nested Level="1"><Deeper>x</Deeper><Deeper/></Nested>
          </FutureProperty>"#;
    let input = with_unknown(future, "");
    let resp: GetItemResponse = ews_types::from_slice(input.as_bytes())
        .unwrap_or_else(|e| panic!("reading with an unknown element failed: {e}"));
    let msgs = get_item_messages(&resp);
    assert_eq!(msgs.len(), 2, "the second response message was lost");
    let items = &msgs[0].items.as_ref().unwrap().items;
    assert_eq!(items.len(), 2, "{items:#?}");
    let m = message(&items[0]);
    assert_eq!(m.base.subject.as_deref(), Some("Hello"));
    assert_eq!(
        m.is_read,
        Some(true),
        "IsRead after the unknown element was lost"
    );
    let unknown = m.unknown();
    let kept: Vec<_> = unknown
        .elements()
        .iter()
        .map(|e| (e.namespace.as_deref(), e.name.as_str()))
        .collect();
    assert_eq!(kept, [(Some("urn:example:future"), "FutureProperty")]);
    let nested = unknown.elements()[0].elements().next().unwrap();
    assert_eq!(nested.attribute("Level"), Some("1"));
    assert_eq!(nested.elements().count(), 2);
    let attrs: Vec<_> = unknown
        .attributes()
        .iter()
        .map(|a| (a.namespace.as_deref(), a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            (None, "FutureAttribute", "1"),
            (Some("urn:example:future"), "Flag", "on")
        ]
    );
    assert!(message(&items[1]).unknown().is_empty());
    assert_eq!(message(&items[1]).base.subject.as_deref(), Some("Second"));

    // Written back: nothing lost, the unknown child where it stood.
    let written = ews_types::to_string(&resp).unwrap();
    assert_xml_eq(&written, &input);

    // Strict: the first unknown attribute is refused, at its place.
    let err = ews_types::from_slice_with::<GetItemResponse>(
        input.as_bytes(),
        ReadOptions::default().strict(),
    )
    .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UnknownAttribute("FutureAttribute".into())
    );
    assert_eq!(err.line(), 6, "{err}");
    assert!(err.path().ends_with("Items/Message"), "{err}");
    // Strict, without the unknown attributes: the unknown element is refused.
    let no_attrs = input
        .replace(r#" FutureAttribute="1""#, "")
        .replace(r#" f:Flag="on""#, "");
    let err = ews_types::from_slice_with::<GetItemResponse>(
        no_attrs.as_bytes(),
        ReadOptions::default().strict(),
    )
    .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UnknownElement("{urn:example:future}FutureProperty".into())
    );
    assert_eq!((err.line(), err.column()), (8, 11), "{err}");
}

/// An unknown item kind inside `m:Items` (a newer server's `t:FutureItem`): reading
/// succeeds, the known items around it are read in order, and the unknown ones are kept in
/// the items array's unknown slot and written back where they stood.
#[test]
fn unknown_item_kind_is_kept() {
    let future = r#"
        <t:FutureItem xmlns:f="urn:example:future">
          <t:Subject>from the future</t:Subject>
          <f:Hologram Resolution="8K"><f:Layer/></f:Hologram>
        </t:FutureItem>
        <t:FutureItem/>"#;
    let xml = get_item_response(&format!(
        r#"
        <t:Message><t:Subject>before</t:Subject></t:Message>{future}
        <t:Contact><t:DisplayName>after</t:DisplayName></t:Contact>"#
    ));
    let resp: GetItemResponse = ews_types::from_slice(xml.as_bytes())
        .unwrap_or_else(|e| panic!("reading with an unknown item kind failed: {e}"));
    let items = items(&resp);
    assert_eq!(items.len(), 2, "{items:#?}");
    assert_eq!(message(&items[0]).base.subject.as_deref(), Some("before"));
    match &items[1] {
        RealItem::Contact(c) => assert_eq!(c.display_name.as_deref(), Some("after")),
        other => panic!("expected t:Contact, got {other:?}"),
    }
    let array = get_item_messages(&resp)[0].items.as_ref().unwrap();
    let kept: Vec<_> = array
        .unknown()
        .elements()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(kept, ["FutureItem", "FutureItem"]);
    let written = ews_types::to_string(&resp).unwrap();
    assert_xml_eq(&written, &xml);
}

// ---------------------------------------------------------------------------------------
// Namespaces are matched by URI: default namespace, m:/t:, other prefixes all read alike.

#[test]
fn default_namespace_and_prefixes_read_alike() {
    let prefixed = get_item_response(
        r#"<t:Message><t:ItemId Id="AAMk" ChangeKey="CQAA"/><t:Subject>ns</t:Subject>
             <t:Body BodyType="Text">hi</t:Body><t:IsRead>false</t:IsRead></t:Message>"#,
    );
    let default_ns = r#"<GetItemResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <ResponseMessages>
    <GetItemResponseMessage ResponseClass="Success">
      <ResponseCode>NoError</ResponseCode>
      <Items><t:Message><t:ItemId Id="AAMk" ChangeKey="CQAA"/><t:Subject>ns</t:Subject>
             <t:Body BodyType="Text">hi</t:Body><t:IsRead>false</t:IsRead></t:Message></Items>
    </GetItemResponseMessage>
  </ResponseMessages>
</GetItemResponse>"#;
    let other_prefixes = r#"<a:GetItemResponse xmlns:a="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:b="http://schemas.microsoft.com/exchange/services/2006/types">
  <a:ResponseMessages>
    <a:GetItemResponseMessage ResponseClass="Success">
      <a:ResponseCode>NoError</a:ResponseCode>
      <a:Items><b:Message><b:ItemId Id="AAMk" ChangeKey="CQAA"/><b:Subject>ns</b:Subject>
             <b:Body BodyType="Text">hi</b:Body><b:IsRead>false</b:IsRead></b:Message></a:Items>
    </a:GetItemResponseMessage>
  </a:ResponseMessages>
</a:GetItemResponse>"#;
    // Both namespaces as default namespaces, switched per element, and m:/t: bound to the
    // other namespaces on the way (prefixes mean nothing, only URIs do).
    let switching = r#"<GetItemResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/messages">
  <t:ResponseMessages>
    <GetItemResponseMessage ResponseClass="Success">
      <ResponseCode>NoError</ResponseCode>
      <Items xmlns:m="http://schemas.microsoft.com/exchange/services/2006/types">
        <Message xmlns="http://schemas.microsoft.com/exchange/services/2006/types"><ItemId Id="AAMk" ChangeKey="CQAA"/><m:Subject>ns</m:Subject>
             <Body BodyType="Text">hi</Body><IsRead>false</IsRead></Message></Items>
    </GetItemResponseMessage>
  </t:ResponseMessages>
</GetItemResponse>"#;

    let reference: GetItemResponse = round_trip("namespaces-prefixed", &prefixed);
    let m = message(&items(&reference)[0]);
    assert_eq!(m.base.subject.as_deref(), Some("ns"));
    assert_eq!(m.is_read, Some(false));
    for (label, doc) in [
        ("default namespace", default_ns),
        ("a:/b: prefixes", other_prefixes),
        ("switching defaults", switching),
    ] {
        let v: GetItemResponse = ews_types::from_slice(doc.as_bytes())
            .unwrap_or_else(|e| panic!("{label}: reading failed: {e}"));
        assert_eq!(v, reference, "{label}: reads to a different value");
        let written = ews_types::to_string(&v).unwrap();
        assert_xml_eq(&written, doc);
        assert_eq!(
            written,
            ews_types::to_string(&reference).unwrap(),
            "{label}"
        );
    }
    validate("namespaces", &ews_types::to_string(&reference).unwrap());

    // The same local names in the wrong namespace are not taken for EWS elements.
    let wrong_ns = prefixed.replace(
        r#"xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types""#,
        r#"xmlns:t="urn:example:not-types""#,
    );
    let v: GetItemResponse = ews_types::from_slice(wrong_ns.as_bytes()).unwrap();
    assert!(items(&v).is_empty(), "{v:#?}");
}

/// Many skipped unknown elements in a row (each with content): reading still succeeds and
/// the namespace scopes stay balanced (the element after them is read).
#[test]
fn many_unknown_elements_are_skipped() {
    let unknown = r#"<t:FutureProperty><t:X>1</t:X></t:FutureProperty>"#.repeat(70_000);
    let xml = get_item_response(&format!(
        "<t:Message><t:Subject>many</t:Subject>{unknown}<t:IsRead>true</t:IsRead></t:Message>"
    ));
    let resp: GetItemResponse = ews_types::from_slice(xml.as_bytes())
        .unwrap_or_else(|e| panic!("reading many unknown elements failed: {e}"));
    let m = message(&items(&resp)[0]);
    assert_eq!(m.base.subject.as_deref(), Some("many"));
    assert_eq!(m.is_read, Some(true));
}

// ---------------------------------------------------------------------------------------
// An attribute in the xml: namespace (`<xs:attribute ref="xml:lang"/>` of t:ReplyBody), on
// a request whose type and global element share a name (wrapper with the `Element` suffix).

#[test]
fn xml_lang_attribute_and_element_suffix() {
    let xml = format!(
        r#"<m:SetUserOofSettingsRequest {MT}>
  <t:Mailbox><t:Address>user@example.com</t:Address></t:Mailbox>
  <t:UserOofSettings>
    <t:OofState>Scheduled</t:OofState>
    <t:ExternalAudience>Known</t:ExternalAudience>
    <t:Duration>
      <t:StartTime>2026-12-20T00:00:00Z</t:StartTime>
      <t:EndTime>2027-01-04T00:00:00Z</t:EndTime>
    </t:Duration>
    <t:InternalReply xml:lang="en-US"><t:Message>Back in January.</t:Message></t:InternalReply>
    <t:ExternalReply xml:lang="de"><t:Message>Zurück im Januar &amp; erreichbar.</t:Message></t:ExternalReply>
  </t:UserOofSettings>
</m:SetUserOofSettingsRequest>"#
    );
    let req: ews_types::messages::SetUserOofSettingsRequestElement = round_trip("xml-lang", &xml);
    assert_eq!(
        ews_types::messages::SetUserOofSettingsRequestElement::NAME,
        "SetUserOofSettingsRequest"
    );
    assert_eq!(req.mailbox.address, "user@example.com");
    let s = &req.user_oof_settings;
    let internal = s.internal_reply.as_ref().expect("InternalReply");
    assert_eq!(internal.lang.as_deref(), Some("en-US"));
    assert_eq!(internal.message.as_deref(), Some("Back in January."));
    let external = s.external_reply.as_ref().expect("ExternalReply");
    assert_eq!(external.lang.as_deref(), Some("de"));
    assert_eq!(
        external.message.as_deref(),
        Some("Zurück im Januar & erreichbar.")
    );
    let d = s.duration.as_ref().expect("Duration");
    assert_eq!(d.start_time.as_str(), "2026-12-20T00:00:00Z");
    // An unqualified `lang` attribute is not xml:lang.
    let unqualified = xml.replace("xml:lang=\"de\"", "lang=\"de\"");
    let v: ews_types::messages::SetUserOofSettingsRequestElement =
        ews_types::from_slice(unqualified.as_bytes()).unwrap();
    assert_eq!(
        v.user_oof_settings.external_reply.as_ref().unwrap().lang,
        None
    );
}

// ---------------------------------------------------------------------------------------
// A document is one root element: nothing but whitespace, comments and processing
// instructions may follow it.

#[test]
fn nothing_may_follow_the_root_element() {
    let doc = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<m:RemoveImContactFromGroup {MT}><m:ContactId Id="c"/><m:GroupId Id="g"/></m:RemoveImContactFromGroup>"#
    );
    type R = ews_types::messages::RemoveImContactFromGroup;
    let ok: R = ews_types::from_slice(doc.as_bytes()).unwrap();
    assert_eq!(ok.contact_id.id, "c");
    let tail_ok = format!("{doc}\n  <!-- done --><?pi x?>\n");
    assert_eq!(ews_types::from_slice::<R>(tail_ok.as_bytes()).unwrap(), ok);
    for tail in [
        "<m:GroupId Id=\"x\"/>",
        "trailing text",
        "<other/>",
        "&amp;",
    ] {
        let bad = format!("{doc}\n{tail}");
        let err = ews_types::from_slice::<R>(bad.as_bytes()).expect_err(tail);
        let outside = ErrorKind::Syntax(SyntaxError::ContentOutsideRoot { after: true });
        assert_eq!(*err.kind(), outside, "{tail}: {err}");
    }
}

// ---------------------------------------------------------------------------------------
// Untrusted input: nesting is bounded (no stack overflow), DOCTYPEs are refused.

#[test]
fn deep_nesting_and_doctype_are_refused() {
    let nested = |depth: usize| {
        format!(
            "{}x{}",
            r#"<x:a xmlns:x="urn:example:deep">"#.repeat(depth),
            "</x:a>".repeat(depth)
        )
    };
    let response = |message_xml: &str| {
        format!(
            r#"<m:GetItemResponse {MT}><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Error"><m:ResponseCode>ErrorInternalServerError</m:ResponseCode><m:MessageXml>{message_xml}</m:MessageXml><m:Items/></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>"#
        )
    };
    // Raw XML kept by xs:any: within the limit it is read; beyond it, a DepthLimit error.
    let ok: GetItemResponse = ews_types::from_slice(response(&nested(100)).as_bytes()).unwrap();
    let kept = &get_item_messages(&ok)[0]
        .base
        .message_xml
        .as_ref()
        .unwrap()
        .any;
    assert_eq!(kept.len(), 1);
    let err = ews_types::from_slice::<GetItemResponse>(response(&nested(20_000)).as_bytes())
        .expect_err("20000 levels");
    assert_eq!(*err.kind(), ErrorKind::DepthLimit(128), "{err}");
    let limited = ews_types::ReadOptions::default().max_depth(64);
    let err =
        ews_types::from_slice_with::<GetItemResponse>(response(&nested(100)).as_bytes(), limited)
            .expect_err("100 levels with a limit of 64");
    assert_eq!(*err.kind(), ErrorKind::DepthLimit(64), "{err}");

    // Unknown content is skipped without recursion; its depth counts against the limit
    // all the same (the namespace scopes of a skipped subtree are still tracked).
    let unknown = |depth: usize| {
        get_item_response(&format!(
            "<t:Message><t:Subject>s</t:Subject><t:Future>{}</t:Future><t:IsRead>true</t:IsRead></t:Message>",
            nested(depth)
        ))
    };
    let v: GetItemResponse = ews_types::from_slice(unknown(100).as_bytes()).unwrap();
    assert_eq!(message(&items(&v)[0]).is_read, Some(true));
    let err = ews_types::from_slice::<GetItemResponse>(unknown(20_000).as_bytes())
        .expect_err("20000 levels of unknown content");
    assert_eq!(*err.kind(), ErrorKind::DepthLimit(128), "{err}");

    // DOCTYPE (entity expansion attacks) is refused.
    let doctype = format!(
        r#"<?xml version="1.0"?><!DOCTYPE m:GetItemResponse [<!ENTITY a "aaaa">]>{}"#,
        get_item_response("")
    );
    let err = ews_types::from_slice::<GetItemResponse>(doctype.as_bytes()).unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::DocType, "{err}");
}
