//! Push notifications: the notification service's `SendNotification` (Exchange POSTs
//! `m:SendNotification` to the client, which answers `m:SendNotificationResult`) read and
//! written with the envelope functions like any operation: documentation samples and
//! hand-made notifications of each event kind read, write back equivalent and valid, and read
//! back equal.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

use ews_types::messages::{self, SendNotificationResult, SendNotificationResultType};
use ews_types::operations;
use ews_types::runtime::envelope::{
    body_element, read_request, read_response, write_request, write_response, EnvelopeError,
    HeaderName, Operation, RequestHeaders, ResponseHeaders, SendNotification,
};
use ews_types::runtime::Element;
use ews_types::types::{
    BaseObjectChangedEventId, BaseObjectChangedEventType, ExchangeVersionType, MovedCopiedEventId,
    NotificationEvent, NotificationType, ResponseClassType, SubscriptionStatusType,
};
use quick_xml::events::Event;

mod common;

use common::{assert_xml_eq, validate, MESSAGES_NS};

type Request = <SendNotification as Operation>::Request;
type Response = <SendNotification as Operation>::Response;

// ---------------------------------------------------------------------------------------
// The operation.

#[test]
fn the_operation_is_declared_like_the_generated_ones() {
    assert_eq!(SendNotification::NAME, "SendNotification");
    assert_eq!(Request::NAME, "SendNotification");
    assert_eq!(Response::NAME, "SendNotificationResult");
    // Every operation of services.wsdl but a few has the action <messages namespace>/<name>;
    // the notification service follows the same rule.
    let follow_rule = operations::OPERATIONS
        .iter()
        .filter(|o| o.soap_action == format!("{MESSAGES_NS}/{}", o.name))
        .count();
    assert!(follow_rule > 100, "{follow_rule}");
    assert_eq!(
        SendNotification::SOAP_ACTION,
        format!("{MESSAGES_NS}/{}", SendNotification::NAME)
    );
    assert!(operations::OPERATIONS
        .iter()
        .all(|o| o.name != "SendNotification"));
    // Exchange sends RequestServerVersion (and nothing else); the client answers without
    // headers.
    assert_eq!(
        SendNotification::REQUEST_HEADERS,
        &[HeaderName::RequestServerVersion]
    );
    assert!(SendNotification::RESPONSE_HEADERS.is_empty());
}

// ---------------------------------------------------------------------------------------
// Helpers.

/// Reads `xml` as a SendNotification request, writes it back and checks: equivalent, valid,
/// read back equal.
#[track_caller]
fn request_round_trip(label: &str, xml: &str) -> (RequestHeaders, Request) {
    let (h, b) = read_request::<SendNotification>(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{label}: {e}\n{xml}"));
    let written = write_request::<SendNotification>(&h, &b).expect("written");
    assert_xml_eq(&written, xml);
    validate(label, &written);
    let back = read_request::<SendNotification>(written.as_bytes()).expect("read back");
    assert_eq!(back, (h.clone(), b.clone()), "{label}");
    (h, b)
}

/// Reads `xml` as a SendNotificationResult response, writes it back and checks:
/// equivalent, valid, read back equal.
#[track_caller]
fn response_round_trip(label: &str, xml: &str) -> (ResponseHeaders, Response) {
    let (h, b) = read_response::<SendNotification>(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{label}: {e}\n{xml}"));
    let written = write_response::<SendNotification>(&h, &b).unwrap();
    assert_xml_eq(&written, xml);
    validate(label, &written);
    let back = read_response::<SendNotification>(written.as_bytes()).expect("read back");
    assert_eq!(back, (h.clone(), b.clone()), "{label}");
    (h, b)
}

/// The notifications of a request, one per response message.
fn notifications(b: &Request) -> Vec<&NotificationType> {
    b.response_messages
        .items
        .iter()
        .filter_map(|m| m.notification.as_deref())
        .collect()
}

/// A SendNotification request as Exchange sends it (prefix `soap11`, `RequestServerVersion`
/// Exchange2007_SP1), with `messages` inside `m:ResponseMessages`.
fn notification_envelope(messages: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/">
  <soap11:Header>
    <t:RequestServerVersion xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" Version="Exchange2007_SP1" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" />
  </soap11:Header>
  <soap11:Body>
    <m:SendNotification xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
      <m:ResponseMessages>{messages}
      </m:ResponseMessages>
    </m:SendNotification>
  </soap11:Body>
</soap11:Envelope>"#
    )
}

/// A successful response message notifying `events` for subscription `id`.
fn notification(id: &str, more_events: bool, events: &str) -> String {
    format!(
        r#"
        <m:SendNotificationResponseMessage ResponseClass="Success">
          <m:ResponseCode>NoError</m:ResponseCode>
          <m:Notification>
            <t:SubscriptionId>{id}</t:SubscriptionId>
            <t:PreviousWatermark>AQAAAHdtLTAwMQ==</t:PreviousWatermark>
            <t:MoreEvents>{more_events}</t:MoreEvents>{events}
          </m:Notification>
        </m:SendNotificationResponseMessage>"#
    )
}

/// An event of `kind` about an item (`ItemId`) or folder (`FolderId`), with `extra` content
/// after `ParentFolderId`.
fn event(kind: &str, id_element: &str, extra: &str) -> String {
    format!(
        r#"
            <t:{kind}>
              <t:Watermark>AQAAAHdtLTAwMg==</t:Watermark>
              <t:TimeStamp>2024-05-06T07:08:09Z</t:TimeStamp>
              <t:{id_element} Id="AAMkAGV4YW1wbGUtaWQ=" ChangeKey="CQAAABYAAAB0ZXN0" />
              <t:ParentFolderId Id="AAMkAGluYm94LWlk" ChangeKey="AQAAABYAAAB0ZXN0" />{extra}
            </t:{kind}>"#
    )
}

fn object_event(e: &NotificationEvent) -> &BaseObjectChangedEventType {
    match e {
        NotificationEvent::NewMailEvent(x)
        | NotificationEvent::CreatedEvent(x)
        | NotificationEvent::DeletedEvent(x) => x,
        NotificationEvent::ModifiedEvent(x) => &x.base,
        NotificationEvent::MovedEvent(x) | NotificationEvent::CopiedEvent(x) => &x.base,
        other => panic!("not an object event: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Documentation samples.

/// The local name of the element a sample is about: the Body's first child of an envelope,
/// else the root (by local names, whatever the namespaces).
fn sample_element(xml: &str) -> Option<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut names: Vec<String> = Vec::new();
    loop {
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                match names.as_slice() {
                    [] if local != "Envelope" => return Some(local),
                    [_, body] if body == "Body" => return Some(local),
                    _ => names.push(local),
                }
            }
            Event::End(_) => {
                names.pop();
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[test]
fn documented_samples() {
    let wanted = [Request::NAME, Response::NAME];
    let mut found = Vec::new();
    for row in common::manifest() {
        if !row.well_formed {
            continue;
        }
        let text = common::sample(&row.file);
        if sample_element(&text).is_some_and(|e| wanted.contains(&e.as_str())) {
            found.push((row, text));
        }
    }
    let ids: Vec<&str> = found.iter().map(|(r, _)| r.id.as_str()).collect();
    assert!(ids.len() >= 2, "SendNotification samples: {ids:?}");
    let mut passed = 0;
    for (row, text) in common::valid_as_published(&found) {
        match body_element(text.as_bytes()).as_deref() {
            Some("SendNotification") => {
                request_round_trip(&row.id, text);
            }
            Some("SendNotificationResult") => {
                response_round_trip(&row.id, text);
            }
            _ => {
                // A bare element.
                if sample_element(text).as_deref() == Some(Request::NAME) {
                    let v: Request = ews_types::from_slice(text.as_bytes()).expect(&row.id);
                    assert_xml_eq(&ews_types::to_string(&v).unwrap(), text);
                } else {
                    let v: Response = ews_types::from_slice(text.as_bytes()).expect(&row.id);
                    assert_xml_eq(&ews_types::to_string(&v).unwrap(), text);
                }
            }
        }
        passed += 1;
    }
    println!(
        "{passed} of {} SendNotification samples round-trip",
        found.len()
    );
}

// ---------------------------------------------------------------------------------------
// Hand-made notifications.

#[test]
fn new_mail_event() {
    let xml = notification_envelope(&notification(
        "c3ViLW5ldy1tYWls",
        false,
        &event("NewMailEvent", "ItemId", ""),
    ));
    let (h, b) = request_round_trip("NewMailEvent", &xml);
    let v = h.request_server_version.expect("RequestServerVersion");
    assert_eq!(v.0.version, ExchangeVersionType::Exchange2007Sp1);
    let n = notifications(&b);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].subscription_id, "c3ViLW5ldy1tYWls");
    assert_eq!(n[0].previous_watermark.as_deref(), Some("AQAAAHdtLTAwMQ=="));
    assert_eq!(n[0].more_events, Some(false));
    let [NotificationEvent::NewMailEvent(e)] = n[0].event.as_slice() else {
        panic!("{:?}", n[0].event);
    };
    assert_eq!(e.base.watermark.as_deref(), Some("AQAAAHdtLTAwMg=="));
    let Some(BaseObjectChangedEventId::ItemId(id)) = &e.id else {
        panic!("{:?}", e.id);
    };
    assert_eq!(id.id, "AAMkAGV4YW1wbGUtaWQ=");
    assert_eq!(e.parent_folder_id.id, "AAMkAGluYm94LWlk");
}

#[test]
fn created_event() {
    let xml = notification_envelope(&notification(
        "c3ViLWNyZWF0ZWQ=",
        false,
        &event("CreatedEvent", "FolderId", ""),
    ));
    let (_, b) = request_round_trip("CreatedEvent", &xml);
    let n = notifications(&b);
    let [NotificationEvent::CreatedEvent(e)] = n[0].event.as_slice() else {
        panic!("{:?}", n[0].event);
    };
    assert!(
        matches!(&e.id, Some(BaseObjectChangedEventId::FolderId(f)) if f.id == "AAMkAGV4YW1wbGUtaWQ=")
    );
    assert_eq!(e.time_stamp.to_string(), "2024-05-06T07:08:09Z");
}

#[test]
fn modified_event() {
    let xml = notification_envelope(&notification(
        "c3ViLW1vZGlmaWVk",
        false,
        &event(
            "ModifiedEvent",
            "FolderId",
            "\n              <t:UnreadCount>3</t:UnreadCount>",
        ),
    ));
    let (_, b) = request_round_trip("ModifiedEvent", &xml);
    let n = notifications(&b);
    let [NotificationEvent::ModifiedEvent(e)] = n[0].event.as_slice() else {
        panic!("{:?}", n[0].event);
    };
    assert_eq!(e.unread_count, Some(3));
}

#[test]
fn moved_event() {
    let old = r#"
              <t:OldItemId Id="AAMkAG9sZC1pdGVt" ChangeKey="CQAAABYAAABvbGQ=" />
              <t:OldParentFolderId Id="AAMkAGRyYWZ0cw==" ChangeKey="AQAAABYAAABvbGQ=" />"#;
    let xml = notification_envelope(&notification(
        "c3ViLW1vdmVk",
        false,
        &event("MovedEvent", "ItemId", old),
    ));
    let (_, b) = request_round_trip("MovedEvent", &xml);
    let n = notifications(&b);
    let [NotificationEvent::MovedEvent(e)] = n[0].event.as_slice() else {
        panic!("{:?}", n[0].event);
    };
    assert!(matches!(&e.id, Some(MovedCopiedEventId::OldItemId(i)) if i.id == "AAMkAG9sZC1pdGVt"));
    assert_eq!(e.old_parent_folder_id.id, "AAMkAGRyYWZ0cw==");
}

#[test]
fn status_event() {
    let status = r#"
            <t:StatusEvent>
              <t:Watermark>AQAAAHdtLTAwMw==</t:Watermark>
            </t:StatusEvent>"#;
    let xml = notification_envelope(&notification("c3ViLXN0YXR1cw==", false, status));
    let (_, b) = request_round_trip("StatusEvent", &xml);
    let n = notifications(&b);
    let [NotificationEvent::StatusEvent(e)] = n[0].event.as_slice() else {
        panic!("{:?}", n[0].event);
    };
    assert_eq!(e.watermark.as_deref(), Some("AQAAAHdtLTAwMw=="));
}

#[test]
fn several_events_and_messages() {
    let events = [
        event("NewMailEvent", "ItemId", ""),
        event("CreatedEvent", "ItemId", ""),
        event("ModifiedEvent", "ItemId", ""),
        event(
            "MovedEvent",
            "FolderId",
            r#"<t:OldFolderId Id="b2xk"/><t:OldParentFolderId Id="cm9vdA=="/>"#,
        ),
        event("DeletedEvent", "ItemId", ""),
    ]
    .concat();
    let status = r#"
            <t:StatusEvent>
              <t:Watermark>AQAAAHdtLTAwNA==</t:Watermark>
            </t:StatusEvent>"#;
    let messages = [
        notification("c3ViLW1hbnk=", true, &events),
        notification("c3ViLW90aGVy", false, status),
    ]
    .concat();
    let (_, b) = request_round_trip("several", &notification_envelope(&messages));
    let n = notifications(&b);
    assert_eq!(n.len(), 2);
    assert_eq!(n[0].more_events, Some(true));
    let kinds: Vec<&str> = n[0]
        .event
        .iter()
        .map(|e| match e {
            NotificationEvent::NewMailEvent(_) => "NewMail",
            NotificationEvent::CreatedEvent(_) => "Created",
            NotificationEvent::ModifiedEvent(_) => "Modified",
            NotificationEvent::MovedEvent(_) => "Moved",
            NotificationEvent::DeletedEvent(_) => "Deleted",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["NewMail", "Created", "Modified", "Moved", "Deleted"]
    );
    let stamps = n[0]
        .event
        .iter()
        .map(|e| object_event(e).time_stamp.to_string());
    assert!(stamps.into_iter().all(|t| t == "2024-05-06T07:08:09Z"));
    assert_eq!(n[1].subscription_id, "c3ViLW90aGVy");
    assert!(matches!(
        n[1].event.as_slice(),
        [NotificationEvent::StatusEvent(_)]
    ));
}

/// Exchange reports a subscription it cannot serve with an `Error` message without
/// `Notification`, which the schema requires: such a request is read and written back as it
/// is (the validator rejects it, for that reason only).
#[test]
fn an_error_message_without_notification() {
    let error = r#"
        <m:SendNotificationResponseMessage ResponseClass="Error">
          <m:MessageText>The events of this subscription cannot be read.</m:MessageText>
          <m:ResponseCode>ErrorReadEventsFailed</m:ResponseCode>
          <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
          <m:MessageXml>
            <t:Value Name="SubscriptionId">c3ViLWZhaWxlZA==</t:Value>
          </m:MessageXml>
        </m:SendNotificationResponseMessage>"#;
    let xml = notification_envelope(error);
    let (h, b) = read_request::<SendNotification>(xml.as_bytes()).expect("read");
    let written = write_request::<SendNotification>(&h, &b).expect("written");
    assert_xml_eq(&written, &xml);
    assert_eq!(
        read_request::<SendNotification>(written.as_bytes()).expect("read back"),
        (h, b.clone())
    );
    let why = common::validate_rejects("error message", &written);
    assert!(why.contains("Expected is ( {http://schemas.microsoft.com/exchange/services/2006/messages}Notification )"), "{why}");
    assert!(notifications(&b).is_empty());
    let err = &b.response_messages.items[0];
    assert_eq!(err.base.response_class, ResponseClassType::Error);
    assert_eq!(
        err.base.response_code,
        Some(messages::ResponseCodeType::ErrorReadEventsFailed)
    );
    let value = &err.base.message_xml.as_ref().expect("MessageXml").any[0];
    assert_eq!(value.attribute("Name"), Some("SubscriptionId"));
    assert_eq!(value.text(), "c3ViLWZhaWxlZA==");
}

#[test]
fn only_the_declared_header_may_be_written() {
    let xml = notification_envelope(&notification(
        "c3ViLWhlYWRlcg==",
        false,
        &event("NewMailEvent", "ItemId", ""),
    ));
    let (h, b) = read_request::<SendNotification>(xml.as_bytes()).expect("read");
    let h = h.with_mailbox_culture("en-US").expect("a language");
    assert_eq!(
        write_request::<SendNotification>(&h, &b),
        Err(EnvelopeError::HeaderNotDeclared {
            operation: "SendNotification",
            header: HeaderName::MailboxCulture,
        })
    );
}

// ---------------------------------------------------------------------------------------
// The client's answer.

#[test]
fn subscription_status_ok_and_unsubscribe() {
    for status in [
        SubscriptionStatusType::Ok,
        SubscriptionStatusType::Unsubscribe,
    ] {
        let answer = SendNotificationResult(SendNotificationResultType {
            subscription_status: status.clone(),
            ..Default::default()
        });
        let xml = write_response::<SendNotification>(&ResponseHeaders::default(), &answer).unwrap();
        validate(status.as_str(), &xml);
        assert!(
            xml.contains(&format!(
                "<soap:Body><m:SendNotificationResult><m:SubscriptionStatus>{}</m:SubscriptionStatus></m:SendNotificationResult></soap:Body>",
                status.as_str()
            )),
            "{xml}"
        );
        assert!(!xml.contains("Header"), "{xml}");
        let (h, back) = response_round_trip(status.as_str(), &xml);
        assert!(h.is_empty());
        assert_eq!(back, answer);
    }
    // As a client stack writes it: default namespace, other prefixes.
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <soap:Body>
    <SendNotificationResult xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <SubscriptionStatus>Unsubscribe</SubscriptionStatus>
    </SendNotificationResult>
  </soap:Body>
</soap:Envelope>"#;
    let (_, b) = response_round_trip("client answer", xml);
    assert_eq!(b.subscription_status, SubscriptionStatusType::Unsubscribe);
}
