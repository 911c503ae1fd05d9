//! Nothing read is lost: repeated single elements (refused, or kept in lenient mode),
//! unknown elements and attributes seen in real traffic (kept, or refused in strict mode),
//! and attributes on elements of simple type (refused: they cannot be kept).

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::{assert_xml_eq, MT};
use ews_types::messages::{
    CreateItem, FindItem, FindPeople, FindPeopleResponse, GetAttachment, ResolveNames,
};
use ews_types::runtime::{ComplexType, Element, ErrorKind, ReadError, ReadOptions, SyntaxError};

fn read<E: Element>(xml: &str, options: ReadOptions) -> Result<E, ReadError> {
    ews_types::from_slice_with(xml.as_bytes(), options)
}

/// A widely used client batches names: two `m:UnresolvedEntry` where the schema has one.
const RESOLVE_TWO_NAMES: &str = "<m:ResolveNames {MT} ReturnFullContactData=\"true\">
  <m:UnresolvedEntry>alice</m:UnresolvedEntry>
  <m:UnresolvedEntry>bob</m:UnresolvedEntry>
</m:ResolveNames>";

fn resolve_two_names() -> String {
    RESOLVE_TWO_NAMES.replace("{MT}", MT)
}

#[test]
fn a_repeated_single_element_is_refused_by_default() {
    let xml = resolve_two_names();
    for options in [ReadOptions::default(), ReadOptions::default().strict()] {
        let e = read::<ResolveNames>(&xml, options).unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::Repeated {
                element:
                    "{http://schemas.microsoft.com/exchange/services/2006/messages}UnresolvedEntry"
                        .into(),
                count: 2
            }
        );
        assert_eq!((e.line(), e.column()), (3, 3), "{e}");
        assert_eq!(e.path(), "ResolveNames");
        assert!(e.to_string().contains("appears 2 times"), "{e}");
    }
    // Three: counted.
    let three = xml.replace(
        "</m:ResolveNames>",
        "<m:UnresolvedEntry>carol</m:UnresolvedEntry></m:ResolveNames>",
    );
    let e = read::<ResolveNames>(&three, ReadOptions::default()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Repeated { count: 3, .. }),
        "{e}"
    );
}

#[test]
fn lenient_mode_keeps_the_extra_occurrences() {
    let xml = resolve_two_names();
    let r: ResolveNames = read(&xml, ReadOptions::default().lenient()).unwrap();
    assert_eq!(r.unresolved_entry, "alice");
    let extra = r.unknown().elements();
    assert_eq!(extra.len(), 1);
    assert_eq!(
        (extra[0].name.as_str(), extra[0].text()),
        ("UnresolvedEntry", "bob".into())
    );
    // Written back: both names, in order.
    assert_xml_eq(&ews_types::to_string(&r).unwrap(), &xml);
}

#[test]
fn a_repeated_choice_is_refused_or_kept() {
    let xml = format!(
        "<m:FindItem {MT} Traversal=\"Shallow\">
  <m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>
  <m:IndexedPageItemView BasePoint=\"Beginning\" Offset=\"0\"/>
  <m:FractionalPageItemView Numerator=\"1\" Denominator=\"2\" MaxEntriesReturned=\"5\"/>
  <m:ParentFolderIds><t:DistinguishedFolderId Id=\"inbox\"/></m:ParentFolderIds>
</m:FindItem>"
    );
    let e = read::<FindItem>(&xml, ReadOptions::default()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Repeated { element, .. } if element.ends_with("}FractionalPageItemView")),
        "{e}"
    );
    assert_eq!(e.line(), 4, "{e}");
    let f: FindItem = read(&xml, ReadOptions::default().lenient()).unwrap();
    assert!(matches!(
        f.view,
        Some(ews_types::messages::FindItemView::IndexedPageItemView(_))
    ));
    let kept: Vec<_> = f
        .unknown()
        .elements()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(kept, ["FractionalPageItemView"]);
    // Kept, and written back where it stood.
    assert_xml_eq(&ews_types::to_string(&f).unwrap(), &xml);
}

/// Seen in GetAttachment requests: `RootItemId`/`RootItemChangeKey` on `t:AttachmentId`,
/// which `t:RequestAttachmentIdType` does not have.
#[test]
fn unknown_attributes_are_kept() {
    let xml = format!(
        "<m:GetAttachment {MT}><m:AttachmentIds>
  <t:AttachmentId Id=\"AAMkAD=\" RootItemId=\"AAMkAG=\" RootItemChangeKey=\"CQAAAB\"/>
</m:AttachmentIds></m:GetAttachment>"
    );
    let g: GetAttachment = read(&xml, ReadOptions::default()).unwrap();
    let id = &g.attachment_ids.attachment_id[0];
    assert_eq!(id.id, "AAMkAD=");
    let kept: Vec<_> = id
        .unknown()
        .attributes()
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        kept,
        [("RootItemId", "AAMkAG="), ("RootItemChangeKey", "CQAAAB")]
    );
    assert_xml_eq(&ews_types::to_string(&g).unwrap(), &xml);
    let e = read::<GetAttachment>(&xml, ReadOptions::default().strict()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnknownAttribute("RootItemId".into()));
    assert_eq!(e.path(), "GetAttachment/AttachmentIds/AttachmentId");
    assert_eq!((e.line(), e.column()), (2, 32), "{e}");
}

/// Seen in FindPeople requests: a `Traversal` attribute FindPeople does not have.
#[test]
fn an_unknown_request_attribute_is_kept() {
    let xml = format!(
        "<m:FindPeople {MT} Traversal=\"Shallow\">
  <m:IndexedPageItemView BasePoint=\"Beginning\" Offset=\"0\" MaxEntriesReturned=\"10\"/>
  <m:ParentFolderId><t:DistinguishedFolderId Id=\"directory\"/></m:ParentFolderId>
  <m:QueryString>ann</m:QueryString>
</m:FindPeople>"
    );
    let f: FindPeople = read(&xml, ReadOptions::default()).unwrap();
    assert_eq!(f.unknown().attributes()[0].name, "Traversal");
    assert_eq!(f.query_string.as_deref(), Some("ann"));
    assert_xml_eq(&ews_types::to_string(&f).unwrap(), &xml);
}

/// Seen in FindPeople responses: `m:Persona` where `t:Persona` belongs. The people array
/// then has no (typed) people, but the personas are kept, not lost, and written back.
#[test]
fn an_element_in_the_wrong_namespace_is_kept() {
    let xml = format!(
        "<m:FindPeopleResponse {MT} ResponseClass=\"Success\">
  <m:ResponseCode>NoError</m:ResponseCode>
  <m:People>
    <m:Persona><t:PersonaId Id=\"AAUQ=\"/><t:DisplayName>Ann</t:DisplayName></m:Persona>
    <t:Persona><t:PersonaId Id=\"AAUR=\"/><t:DisplayName>Bo</t:DisplayName></t:Persona>
  </m:People>
  <m:TotalNumberOfPeopleInView>2</m:TotalNumberOfPeopleInView>
</m:FindPeopleResponse>"
    );
    let f: FindPeopleResponse = read(&xml, ReadOptions::default()).unwrap();
    let people = f.people.as_ref().unwrap();
    assert_eq!(people.persona.len(), 1);
    let kept = &people.unknown.elements()[0];
    assert_eq!(
        (kept.namespace.as_deref(), kept.name.as_str()),
        (Some(common::MESSAGES_NS), "Persona")
    );
    assert!(kept
        .elements()
        .any(|e| e.name == "DisplayName" && e.text() == "Ann"));
    // The misplaced persona is written back where it stood, before the known one.
    assert_xml_eq(&ews_types::to_string(&f).unwrap(), &xml);
    let e = read::<FindPeopleResponse>(&xml, ReadOptions::default().strict()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::UnknownElement(n) if n.ends_with("messages}Persona")),
        "{e}"
    );
    assert_eq!(
        (e.line(), e.path()),
        (4, "FindPeopleResponse/People"),
        "{e}"
    );
}

/// A newer server's element in a base type's sequence stands before the derived type's
/// elements (`t:Message` extends `t:Item`): it is written back there, not after them (also
/// inside an element that itself stands after an unknown one); one added by hand goes after
/// the known children.
#[test]
fn unknown_elements_are_written_where_they_stood() {
    let xml = format!(
        "<m:CreateItem {MT} MessageDisposition=\"SaveOnly\"><m:Items><t:FutureItem/><t:Message>\
         <t:Subject>Hi</t:Subject><t:FutureItemField>1</t:FutureItemField>\
         <t:Sensitivity>Normal</t:Sensitivity><t:FutureItemField>2</t:FutureItemField>\
         <t:IsRead>true</t:IsRead><t:FutureMessageField>3</t:FutureMessageField>\
         </t:Message></m:Items></m:CreateItem>"
    );
    let mut c: CreateItem = read(&xml, ReadOptions::default()).unwrap();
    let written = ews_types::to_string(&c).unwrap();
    assert_xml_eq(&written, &xml);
    assert_eq!(
        read::<CreateItem>(&written, ReadOptions::default()).unwrap(),
        c
    );

    let ews_types::types::AllItem::Message(message) = &mut c.0.items.items[0] else {
        panic!("not a message")
    };
    let mut added = ews_types::runtime::AnyElement {
        namespace: Some(common::TYPES_NS.into()),
        name: "Added".into(),
        ..Default::default()
    };
    added
        .children
        .push(ews_types::runtime::AnyNode::Text("4".into()));
    message.unknown_mut().push_element(added);
    let expected = xml.replace("</t:Message>", "<t:Added>4</t:Added></t:Message>");
    assert_xml_eq(&ews_types::to_string(&c).unwrap(), &expected);
}

/// An attribute on an element of simple type has nowhere to be kept: refused in every mode,
/// with where it stands (`xsi:type` and `xsi:nil` are about the type, not data).
#[test]
fn attributes_on_simple_elements_are_refused() {
    let xml = format!(
        "<m:ResolveNames {MT} ReturnFullContactData=\"true\"><m:UnresolvedEntry Lang=\"en\">ann</m:UnresolvedEntry></m:ResolveNames>"
    );
    for options in [
        ReadOptions::default(),
        ReadOptions::default().lenient(),
        ReadOptions::default().strict(),
    ] {
        let e = read::<ResolveNames>(&xml, options).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::UnknownAttribute("Lang".into()));
        assert_eq!(e.path(), "ResolveNames/UnresolvedEntry");
    }
    let typed = format!(
        "<m:ResolveNames {MT} ReturnFullContactData=\"true\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\
         <m:UnresolvedEntry xsi:type=\"xs:string\">ann</m:UnresolvedEntry></m:ResolveNames>"
    );
    let r: ResolveNames = read(&typed, ReadOptions::default().strict()).unwrap();
    assert_eq!(r.unresolved_entry, "ann");
}

/// Unknown content can be built by hand too, and is written after the known content.
#[test]
fn unknown_content_can_be_added() {
    use ews_types::runtime::{AnyAttribute, AnyElement};
    let mut r = ResolveNames(ews_types::messages::ResolveNamesType {
        unresolved_entry: "ann".into(),
        ..Default::default()
    });
    r.unknown_mut().push_attribute(AnyAttribute {
        name: "Future".into(),
        value: "1".into(),
        ..Default::default()
    });
    r.unknown_mut().push_element(AnyElement {
        namespace: Some(common::TYPES_NS.into()),
        name: "FutureProperty".into(),
        ..Default::default()
    });
    assert_xml_eq(
        &ews_types::to_string(&r).unwrap(),
        &format!(
            "<m:ResolveNames {MT} ReturnFullContactData=\"false\" Future=\"1\">\
             <m:UnresolvedEntry>ann</m:UnresolvedEntry><t:FutureProperty/></m:ResolveNames>"
        ),
    );
}

/// XML 1.0 forbids references to characters it cannot carry (`&#1;`, `&#x1F;`, `&#xFFFE;`):
/// refused with where they stand, like the raw characters, rather than read and then
/// written as U+FFFD.
#[test]
fn references_to_illegal_characters_are_refused() {
    for reference in ["&#1;", "&#x1F;", "&#xFFFE;", "&#xffff;", "&#8;"] {
        let xml = format!(
            "<m:ResolveNames {MT} ReturnFullContactData=\"true\">\n  <m:UnresolvedEntry>a{reference}b</m:UnresolvedEntry></m:ResolveNames>"
        );
        let e = read::<ResolveNames>(&xml, ReadOptions::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Syntax(SyntaxError::InvalidCharacterReference(r)) if r == reference),
            "{reference}: {e}"
        );
        assert_eq!((e.line(), e.column()), (2, 23), "{reference}: {e}");
        assert_eq!(e.path(), "ResolveNames/UnresolvedEntry", "{reference}");
        let attr = format!("<m:ResolveNames {MT} ReturnFullContactData=\"t{reference}\"/>");
        assert!(
            read::<ResolveNames>(&attr, ReadOptions::default()).is_err(),
            "{reference}"
        );
    }
    let fine = format!(
        "<m:ResolveNames {MT} ReturnFullContactData=\"true\"><m:UnresolvedEntry>a&#x9;&#xE9;&#x1F600;</m:UnresolvedEntry></m:ResolveNames>"
    );
    let r: ResolveNames = read(&fine, ReadOptions::default()).unwrap();
    assert_eq!(r.unresolved_entry, "a\t\u{e9}\u{1F600}");
}

/// An unknown `xsi:` attribute kept on an element written with `xsi:type` (an abstract
/// declared type, here `m:AlternateId` of ConvertIdResponseMessage): `xsi:` is declared
/// once on the tag.
#[test]
fn unknown_xsi_attributes_next_to_xsi_type() {
    let xml = format!(
        "<m:ConvertIdResponse {MT} xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <m:ResponseMessages><m:ConvertIdResponseMessage ResponseClass=\"Success\">\
         <m:ResponseCode>NoError</m:ResponseCode>\
         <m:AlternateId xsi:type=\"t:AlternateIdType\" Format=\"EwsId\" Id=\"AAMk\" \
         Mailbox=\"a@example.com\" xsi:schemaLocation=\"urn:example x.xsd\"/>\
         </m:ConvertIdResponseMessage></m:ResponseMessages></m:ConvertIdResponse>"
    );
    let c: ews_types::messages::ConvertIdResponse = read(&xml, ReadOptions::default()).unwrap();
    let written = ews_types::to_string(&c).unwrap();
    assert_eq!(written.matches("xmlns:xsi=").count(), 1, "{written}");
    assert_xml_eq(&written, &xml);
}

/// The envelope's own attributes (SOAP allows any on Envelope, Header and Body) and an
/// empty `soap:Header` are kept and written back.
#[test]
fn envelope_attributes_and_an_empty_header_are_kept() {
    use ews_types::operations::ResolveNames as Op;
    use ews_types::runtime::envelope::{read_request, write_request};
    let xml = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" {MT} \
         xmlns:x=\"urn:example:trace\" x:id=\"42\" \
         s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">\
         <s:Header x:hop=\"1\"/>\
         <s:Body x:part=\"2\">{}</s:Body></s:Envelope>",
        resolve_two_names().replace("\n  <m:UnresolvedEntry>bob</m:UnresolvedEntry>", "")
    );
    let (headers, body) = read_request::<Op>(xml.as_bytes()).unwrap();
    let extras = &headers.envelope;
    assert_eq!(extras.envelope_attributes.len(), 2);
    assert_eq!(extras.header_attributes[0].name, "hop");
    assert_eq!(extras.body_attributes[0].value, "2");
    assert!(extras.header_element);
    let written = write_request::<Op>(&headers, &body).unwrap();
    assert_xml_eq(&written, &xml);
    // An empty Header alone is kept too.
    let plain = xml
        .replace(" x:id=\"42\"", "")
        .replace(" x:hop=\"1\"", "")
        .replace(" x:part=\"2\"", "");
    let (headers, body) = read_request::<Op>(plain.as_bytes()).unwrap();
    assert!(headers.envelope.header_attributes.is_empty());
    assert_xml_eq(&write_request::<Op>(&headers, &body).unwrap(), &plain);
}

/// A date that does not exist, an hour 25 or a zone beyond ±14:00 is refused when read,
/// with where it stands (one rule for every built-in type: see `runtime::value`).
#[test]
fn values_outside_their_type_are_refused() {
    for bad in [
        "2026-02-30T10:00:00",
        "2026-13-01T10:00:00",
        "2026-01-01T25:00:00",
        "2026-01-01T10:00:00+25:00",
    ] {
        let xml = format!(
            "<m:GetUserAvailabilityRequest {MT}>\n<m:MailboxDataArray/>\
             <t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2026-01-01T00:00:00</t:StartTime>\
             \n<t:EndTime>{bad}</t:EndTime></t:TimeWindow></t:FreeBusyViewOptions>\
             </m:GetUserAvailabilityRequest>"
        );
        let e =
            read::<ews_types::messages::GetUserAvailabilityRequest>(&xml, ReadOptions::default())
                .unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidValue {
                    expected: "dateTime",
                    ..
                }
            ),
            "{bad}: {e}"
        );
        assert_eq!((e.line(), e.column()), (3, 1), "{bad}: {e}");
        assert!(e.path().ends_with("TimeWindow/EndTime"), "{bad}: {e}");
    }
    let xml = format!(
        "<m:ResolveNames {MT} ReturnFullContactData=\"true\">\
         <m:ParentFolderIds><t:FolderId Id=\"a\"/></m:ParentFolderIds>\
         <m:UnresolvedEntry>x</m:UnresolvedEntry></m:ResolveNames>"
    );
    assert!(read::<ResolveNames>(&xml, ReadOptions::default()).is_ok());
    let e = read::<ResolveNames>(
        &xml.replace("\"true\"", "\"maybe\""),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "boolean",
                ..
            }
        ),
        "{e}"
    );
}
