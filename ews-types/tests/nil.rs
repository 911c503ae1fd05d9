//! `xsi:nil` on the elements the schemas declare `nillable="true"`: each one reads as
//! [`Nillable::Nil`], is written back as `xsi:nil="true"` (schema-valid), and a nil element
//! with content or attributes is refused with where it stands. `xsi:nil` on an element that
//! is not nillable is not dropped: kept as an unknown attribute on a complex type (refused
//! in strict mode), refused on a simple type.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

mod common;

use common::{assert_xml_eq, validate, MT, XSI_NS};
use ews_types::messages::{
    GetUserAvailabilityRequest, GetUserAvailabilityResponse, UpdateUserConfiguration,
};
use ews_types::runtime::{ComplexType, Element, ErrorKind, Nillable, ReadError, ReadOptions};
use ews_types::types::AttendeeConflictDataChoice as ConflictData;

const XSI: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

fn read<E: Element>(xml: &str) -> Result<E, ReadError> {
    ews_types::from_slice(xml.as_bytes())
}

/// Reads, checks the written form is the same XML and schema-valid, and gives the value.
fn round_trip<E: Element + PartialEq + std::fmt::Debug>(label: &str, xml: &str) -> E {
    let value: E = read(xml).unwrap_or_enough(label);
    let written = ews_types::to_string(&value).unwrap();
    assert_xml_eq(&written, xml);
    validate(label, &written);
    assert_eq!(read::<E>(&written).unwrap(), value);
    value
}

trait UnwrapOrEnough<T> {
    fn unwrap_or_enough(self, label: &str) -> T;
}

impl<T> UnwrapOrEnough<T> for Result<T, ReadError> {
    fn unwrap_or_enough(self, label: &str) -> T {
        self.unwrap_or_else(|e| panic!("{label}: {e}"))
    }
}

/// Every `nillable="true"` element of the schemas, by name: the tests below cover each; a
/// schema update that adds one fails here until it is covered too.
#[test]
fn the_nillable_elements_are_these() {
    let mut found = Vec::new();
    for file in ["types.xsd", "messages.xsd"] {
        let path = common::schema_dir().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| l.contains(r#"nillable="true""#)) {
            let name = line
                .split(r#"name=""#)
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            found.push(name.to_owned());
        }
    }
    assert_eq!(
        found,
        [
            "MailboxData",
            "UnknownAttendeeConflictData",
            "IndividualAttendeeConflictData",
            "TooBigGroupAttendeeConflictData",
            "GroupAttendeeConflictData",
            "DictionaryValue",
        ]
    );
}

fn update_user_configuration(value: &str) -> String {
    format!(
        r#"<m:UpdateUserConfiguration {MT} {XSI}><m:UserConfiguration>
  <t:UserConfigurationName Name="Config"><t:DistinguishedFolderId Id="inbox"/></t:UserConfigurationName>
  <t:Dictionary><t:DictionaryEntry>
    <t:DictionaryKey><t:Type>String</t:Type><t:Value>key</t:Value></t:DictionaryKey>
    {value}
  </t:DictionaryEntry></t:Dictionary>
</m:UserConfiguration></m:UpdateUserConfiguration>"#
    )
}

fn dictionary_value(
    u: &UpdateUserConfiguration,
) -> &Nillable<ews_types::types::UserConfigurationDictionaryObjectType> {
    &u.user_configuration
        .dictionary
        .as_ref()
        .unwrap()
        .dictionary_entry[0]
        .dictionary_value
}

#[test]
fn dictionary_value_may_be_nil() {
    let nil = update_user_configuration(r#"<t:DictionaryValue xsi:nil="true"/>"#);
    let u: UpdateUserConfiguration = round_trip("nil-dictionary-value", &nil);
    assert!(dictionary_value(&u).is_nil());
    let written = ews_types::to_string(&u).unwrap();
    assert!(written.contains(r#"<t:DictionaryValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#), "{written}");

    let one = update_user_configuration(
        "<t:DictionaryValue><t:Type>Integer32</t:Type><t:Value>7</t:Value></t:DictionaryValue>",
    );
    let u: UpdateUserConfiguration = round_trip("dictionary-value", &one);
    assert_eq!(dictionary_value(&u).value().unwrap().value, ["7"]);

    // "1" is true too; "false" is a value.
    let u: UpdateUserConfiguration = read(&update_user_configuration(
        r#"<t:DictionaryValue xsi:nil="1"></t:DictionaryValue>"#,
    ))
    .unwrap();
    assert!(dictionary_value(&u).is_nil());
    let not_nil = update_user_configuration(
        r#"<t:DictionaryValue xsi:nil="false"><t:Type>String</t:Type><t:Value>v</t:Value></t:DictionaryValue>"#,
    );
    let u: UpdateUserConfiguration = read(&not_nil).unwrap();
    assert_eq!(dictionary_value(&u).value().unwrap().value, ["v"]);
    assert_xml_eq(&ews_types::to_string(&u).unwrap(), &not_nil);
}

#[test]
fn a_nil_element_with_content_or_attributes_is_refused() {
    let with_content = update_user_configuration(
        "<t:DictionaryValue xsi:nil=\"true\">\n      <t:Type>String</t:Type></t:DictionaryValue>",
    );
    let e = read::<UpdateUserConfiguration>(&with_content).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NilWithContent);
    assert_eq!((e.line(), e.column()), (6, 7), "{e}");
    assert!(e.path().ends_with("DictionaryEntry/DictionaryValue"), "{e}");
    let text =
        update_user_configuration(r#"<t:DictionaryValue xsi:nil="true">x</t:DictionaryValue>"#);
    assert_eq!(
        read::<UpdateUserConfiguration>(&text).unwrap_err().kind(),
        &ErrorKind::NilWithContent
    );
    let attr = update_user_configuration(r#"<t:DictionaryValue Extra="1" xsi:nil="true"/>"#);
    assert_eq!(
        read::<UpdateUserConfiguration>(&attr).unwrap_err().kind(),
        &ErrorKind::UnknownAttribute("Extra".into())
    );
    let bad = update_user_configuration(r#"<t:DictionaryValue xsi:nil="yes"/>"#);
    assert!(matches!(
        read::<UpdateUserConfiguration>(&bad).unwrap_err().kind(),
        ErrorKind::InvalidValue { .. }
    ));
    // Whitespace and comments are no content.
    let spaced = update_user_configuration(
        "<t:DictionaryValue xsi:nil=\"true\"> <!-- none --> </t:DictionaryValue>",
    );
    assert!(dictionary_value(&read(&spaced).unwrap()).is_nil());
}

#[test]
fn mailbox_data() {
    let xml = format!(
        r#"<m:GetUserAvailabilityRequest {MT} {XSI}>
  <m:MailboxDataArray>
    <t:MailboxData xsi:nil="true"/>
    <t:MailboxData><t:Email><t:Address>ann@example.com</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>
    <t:MailboxData xsi:nil="true"></t:MailboxData>
  </m:MailboxDataArray>
  <t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2026-12-01T00:00:00</t:StartTime><t:EndTime>2026-12-02T00:00:00</t:EndTime></t:TimeWindow></t:FreeBusyViewOptions>
</m:GetUserAvailabilityRequest>"#
    );
    let r: GetUserAvailabilityRequest = round_trip("nil-mailbox-data", &xml);
    let data = &r.mailbox_data_array.mailbox_data;
    assert_eq!(
        data.iter().map(Nillable::is_nil).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(data[1].value().unwrap().email.address, "ann@example.com");
}

#[test]
fn attendee_conflict_data() {
    let xml = format!(
        r#"<m:GetUserAvailabilityResponse {MT} {XSI}>
  <m:SuggestionsResponse>
    <m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>
    <m:SuggestionDayResultArray><t:SuggestionDayResult>
      <t:Date>2026-12-01T00:00:00</t:Date><t:DayQuality>Good</t:DayQuality>
      <t:SuggestionArray><t:Suggestion>
        <t:MeetingTime>2026-12-01T09:00:00</t:MeetingTime><t:IsWorkTime>true</t:IsWorkTime>
        <t:SuggestionQuality>Good</t:SuggestionQuality>
        <t:AttendeeConflictDataArray>
          <t:UnknownAttendeeConflictData xsi:nil="true"/>
          <t:IndividualAttendeeConflictData xsi:nil="true"/>
          <t:TooBigGroupAttendeeConflictData xsi:nil="true"/>
          <t:GroupAttendeeConflictData xsi:nil="true"/>
          <t:IndividualAttendeeConflictData><t:BusyType>Busy</t:BusyType></t:IndividualAttendeeConflictData>
          <t:UnknownAttendeeConflictData/>
        </t:AttendeeConflictDataArray>
      </t:Suggestion></t:SuggestionArray>
    </t:SuggestionDayResult></m:SuggestionDayResultArray>
  </m:SuggestionsResponse>
</m:GetUserAvailabilityResponse>"#
    );
    let r: GetUserAvailabilityResponse = round_trip("nil-attendee-conflict-data", &xml);
    let days = &r
        .suggestions_response
        .as_ref()
        .unwrap()
        .suggestion_day_result_array
        .as_ref()
        .unwrap();
    let suggestion = &days.suggestion_day_result[0]
        .suggestion_array
        .as_ref()
        .unwrap()
        .suggestion[0];
    let conflicts = &suggestion
        .attendee_conflict_data_array
        .as_ref()
        .unwrap()
        .attendee_conflict_data;
    let nil: Vec<bool> = conflicts
        .iter()
        .map(|c| match c {
            ConflictData::UnknownAttendeeConflictData(v) => v.is_nil(),
            ConflictData::IndividualAttendeeConflictData(v) => v.is_nil(),
            ConflictData::TooBigGroupAttendeeConflictData(v) => v.is_nil(),
            ConflictData::GroupAttendeeConflictData(v) => v.is_nil(),
        })
        .collect();
    assert_eq!(nil, [true, true, true, true, false, false]);
}

/// `xsi:nil` on an element that is not nillable is schema-invalid; it is not dropped.
#[test]
fn xsi_nil_on_an_element_that_is_not_nillable() {
    // Complex type: kept as an unknown attribute (and written back); refused in strict mode.
    let xml = update_user_configuration(
        r#"<t:DictionaryValue><t:Type>String</t:Type><t:Value>v</t:Value></t:DictionaryValue>"#,
    )
    .replace("<t:Dictionary>", r#"<t:Dictionary xsi:nil="false">"#);
    let u: UpdateUserConfiguration = read(&xml).unwrap();
    let dictionary = u.user_configuration.dictionary.as_ref().unwrap();
    let kept = &dictionary.unknown().attributes()[0];
    assert_eq!(
        (kept.namespace.as_deref(), kept.name.as_str()),
        (Some(XSI_NS), "nil")
    );
    assert_xml_eq(&ews_types::to_string(&u).unwrap(), &xml);
    let strict = ews_types::from_slice_with::<UpdateUserConfiguration>(
        xml.as_bytes(),
        ReadOptions::default().strict(),
    );
    assert_eq!(
        strict.unwrap_err().kind(),
        &ErrorKind::UnknownAttribute("xsi:nil".into())
    );
    // Simple type: nowhere to keep it.
    let simple = update_user_configuration(
        r#"<t:DictionaryValue><t:Type>String</t:Type><t:Value xsi:nil="true"/></t:DictionaryValue>"#,
    );
    let e = read::<UpdateUserConfiguration>(&simple).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnknownAttribute("xsi:nil".into()));
    assert!(e.path().ends_with("DictionaryValue/Value"), "{e}");
}
