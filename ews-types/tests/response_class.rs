//! Response-class handling (the `ews-macros` derives) on documented responses of all three
//! shapes: batch, class on the root, nested message.

// Written against the shipped schema level (Exchange 2019, `V2018_01_08`): it names
// operations, types or fields that older levels lack, so a build for an older level leaves
// it out (see README.md, "Updating the schemas").
#![cfg(ews_version = "V2018_01_08")]

use std::collections::BTreeSet;
use std::path::PathBuf;

use ews_types::messages::ResponseCodeType;
use ews_types::operations;
use ews_types::runtime::envelope::read_response;
use ews_types::runtime::response::{
    ErrorDetail, Outcome, Response, ResponseError, ResponseMessage,
};
use ews_types::types::ResponseClassType;
use quick_xml::events::Event;

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/doc-samples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Some documentation samples use `https://` for the SOAP envelope namespace, which no
    // server sends; fix that typo only.
    text.replace(
        "https://schemas.xmlsoap.org/soap/envelope/",
        "http://schemas.xmlsoap.org/soap/envelope/",
    )
    .into_bytes()
}

#[test]
fn root_class_error_and_success() {
    let (_, err) = read_response::<operations::RemoveImContactFromGroup>(&sample(
        "wsr.removeimcontactfromgroup-operation.02.xml",
    ))
    .unwrap();
    assert_eq!(err.response_class(), ResponseClassType::Error);
    assert_eq!(
        err.response_code(),
        Some(&ResponseCodeType::ErrorInvalidImContactId)
    );
    let e = err.0.into_result().unwrap_err();
    assert_eq!(e.class, ResponseClassType::Error);
    assert_eq!(e.code, Some(ResponseCodeType::ErrorInvalidImContactId));
    assert_eq!(
        e.message_text.as_deref(),
        Some("The specified Im Contact Id is invalid.")
    );
    assert_eq!(e.descriptive_link_key, Some(0));
    assert!(e.message_xml.is_empty());
    assert_eq!(e.detail, ErrorDetail::None);
    assert!(!e.is_retryable());
    assert_eq!(
        e.to_string(),
        "EWS Error: ErrorInvalidImContactId: The specified Im Contact Id is invalid. (descriptive link key 0)"
    );

    let (_, ok) = read_response::<operations::RemoveImContactFromGroup>(&sample(
        "wsr.removeimcontactfromgroup-operation.01.xml",
    ))
    .unwrap();
    let results = ok.into_results();
    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Ok(Outcome::Success(_))));
}

#[test]
fn batch_with_mixed_classes() {
    let (_, body) =
        read_response::<operations::ExportItems>(&sample("wsr.exportitems-operation.02.xml"))
            .unwrap();
    let counts = body.counts();
    assert_eq!((counts.success, counts.warning, counts.error), (1, 0, 2));
    let results = body.clone().into_results();
    assert_eq!(results.len(), 3);
    let Ok(Outcome::Success(first)) = &results[0] else {
        panic!("first entry: {:?}", results[0]);
    };
    assert_eq!(
        first.item_id.as_ref().unwrap().id,
        "AAMkADhhOGU0oMf0GPIQeAAAAUC8iAABseAAAAUFZ7AAA="
    );
    let Err(second) = &results[1] else {
        panic!("second entry should be an error")
    };
    assert_eq!(second.code, Some(ResponseCodeType::ErrorInvalidChangeKey));
    let Err(third) = &results[2] else {
        panic!("third entry should be an error")
    };
    assert_eq!(third.code, Some(ResponseCodeType::ErrorNonExistentMailbox));
    // An unknown MessageXml shape is kept raw.
    assert_eq!(third.message_xml.len(), 1);
    assert_eq!(third.message_xml[0].name, "Value");
    assert_eq!(third.detail, ErrorDetail::None);
    // "All succeeded or first error".
    let first_error = body.into_all().unwrap_err();
    assert_eq!(
        first_error.code,
        Some(ResponseCodeType::ErrorInvalidChangeKey)
    );
}

#[test]
fn batch_of_errors() {
    let (_, body) = read_response::<operations::DeleteItem>(&sample(
        "ews.how-to-process-calendar-items-in-batches-in-exchange.13.xml",
    ))
    .unwrap();
    assert_eq!(body.counts().error, 3);
    assert!(body
        .into_results()
        .iter()
        .all(|r| matches!(r, Err(e) if e.code == Some(ResponseCodeType::ErrorItemNotFound))));
}

#[test]
fn warning_keeps_payload_and_text() {
    let (_, body) = read_response::<operations::ResolveNames>(&sample(
        "ews.how-to-access-contacts-as-a-delegate-by-using-ews-in-exchange.06.xml",
    ))
    .unwrap();
    let counts = body.counts();
    assert_eq!((counts.success, counts.warning, counts.error), (0, 1, 0));
    let outcomes = body.into_all().expect("a warning is not an error");
    let Outcome::Warning { value, warning } = &outcomes[0] else {
        panic!("expected a warning")
    };
    assert_eq!(warning.class, ResponseClassType::Warning);
    assert_eq!(
        warning.code,
        Some(ResponseCodeType::ErrorNameResolutionMultipleResults)
    );
    assert_eq!(
        warning.message_text.as_deref(),
        Some("Multiple results were found.")
    );
    assert_eq!(value.resolution_set.as_ref().unwrap().resolution.len(), 2);
}

#[test]
fn nested_message() {
    let (_, body) = read_response::<operations::GetUserOofSettings>(&sample(
        "wsr.getuseroofsettings-operation.01.xml",
    ))
    .unwrap();
    assert_eq!(body.response_class(), ResponseClassType::Success);
    assert_eq!(body.response_code(), Some(&ResponseCodeType::NoError));
    let outcome = body.into_result().unwrap();
    let value = outcome.into_value();
    assert!(value.oof_settings.is_some());
}

fn message_with(class: &str, code: &str, xml: &str) -> ResponseError {
    let doc = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
            xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>
        <m:GetItemResponseMessage ResponseClass="{class}"><m:MessageText>text</m:MessageText>
        <m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
        <m:MessageXml>{xml}</m:MessageXml></m:GetItemResponseMessage>
        </m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>"#
    );
    let (_, body) = read_response::<operations::GetItem>(doc.as_bytes()).unwrap();
    body.into_results().remove(0).unwrap_err()
}

#[test]
fn typed_message_xml_extras() {
    let busy = message_with(
        "Error",
        "ErrorServerBusy",
        r#"<t:Value Name="BackOffMilliseconds">297749</t:Value>"#,
    );
    assert_eq!(
        busy.detail,
        ErrorDetail::ServerBusy {
            back_off_milliseconds: 297_749
        }
    );
    assert_eq!(busy.back_off_milliseconds(), Some(297_749));
    assert!(busy.is_retryable());
    assert!(busy.to_string().contains("retry after 297749 ms"), "{busy}");

    let prop = message_with(
        "Error",
        "ErrorInvalidPropertyRequest",
        r#"<t:FieldURI FieldURI="item:Subject"/>"#,
    );
    assert_eq!(
        prop.detail,
        ErrorDetail::InvalidProperty {
            field_uri: "item:Subject".into()
        }
    );
    let set = message_with(
        "Error",
        "ErrorInvalidPropertySet",
        r#"<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>"#,
    );
    assert_eq!(
        set.detail,
        ErrorDetail::InvalidProperty {
            field_uri: "contacts:EmailAddress[EmailAddress1]".into()
        }
    );

    let internal = message_with(
        "Error",
        "ErrorInternalServerError",
        r#"<t:Value Name="InnerErrorMessageText">x</t:Value><t:Value Name="InnerErrorResponseCode">ErrorMailboxStoreUnavailable</t:Value>"#,
    );
    assert_eq!(
        internal.detail,
        ErrorDetail::InternalServerError {
            inner_code: "ErrorMailboxStoreUnavailable".into()
        }
    );
    assert!(!internal.is_retryable());
}

#[test]
fn unknown_response_code_is_kept() {
    let e = message_with("Error", "ErrorFromAFutureServer", "");
    assert_eq!(
        e.code,
        Some(ResponseCodeType::Unlisted("ErrorFromAFutureServer".into()))
    );
    assert!(e.to_string().contains("ErrorFromAFutureServer"));
    assert!(!e.is_retryable());
}

/// Names of the complex types of messages.xsd that extend `base`, directly or not.
fn extending(base: &str) -> BTreeSet<String> {
    let dir = PathBuf::from(std::env::var_os("EWS_SCHEMA_DIR").unwrap());
    let text = std::fs::read_to_string(dir.join("messages.xsd")).unwrap();
    let mut r = quick_xml::Reader::from_str(&text);
    let mut current: Option<String> = None;
    let mut parent: Vec<(String, String)> = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"complexType" => {
                    current = e
                        .try_get_attribute("name")
                        .unwrap()
                        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                }
                b"extension" => {
                    if let Some(c) = &current {
                        let b = e.try_get_attribute("base").unwrap().unwrap();
                        let b = String::from_utf8(b.value.to_vec()).unwrap();
                        parent.push((c.clone(), b.rsplit(':').next().unwrap().to_owned()));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    let mut frontier = vec![base.to_owned()];
    while let Some(b) = frontier.pop() {
        for (child, p) in &parent {
            if *p == b && out.insert(child.clone()) {
                frontier.push(child.clone());
            }
        }
    }
    out
}

fn short(type_name: &str) -> String {
    type_name.rsplit("::").next().unwrap().to_owned()
}

/// The Rust name of a messages.xsd complex type, from the schema index.
fn rust_name(xsd: &str) -> String {
    let e = ews_types::SCHEMA_INDEX
        .iter()
        .find(|e| e.kind == "complexType" && e.xsd == format!("m:{xsd}"))
        .unwrap_or_else(|| panic!("m:{xsd} not in the index"));
    short(e.rust)
}

#[test]
fn every_response_message_type_implements_the_trait() {
    let derived: BTreeSet<String> = ews_types::response_message_types()
        .iter()
        .map(|t| short(t))
        .collect();
    let schema: BTreeSet<String> = extending("ResponseMessageType")
        .iter()
        .map(|t| rust_name(t))
        .collect();
    assert!(schema.len() > 100, "{}", schema.len());
    let missing: Vec<&String> = schema.iter().filter(|t| !derived.contains(*t)).collect();
    assert!(
        missing.is_empty(),
        "response message types without the derive: {missing:?}"
    );
    // Plus the nested shape and the batch entries enum.
    for extra in [
        "GetUserOofSettingsResponse",
        "SetUserOofSettingsResponse",
        "ResponseMessage",
    ] {
        assert!(derived.contains(extra), "{extra}");
    }

    let batches: BTreeSet<String> = ews_types::batch_response_types()
        .iter()
        .map(|t| short(t))
        .collect();
    let schema_batches: BTreeSet<String> = extending("BaseResponseMessageType")
        .iter()
        .map(|t| rust_name(t))
        .collect();
    let missing: Vec<&String> = schema_batches.difference(&batches).collect();
    assert!(
        missing.is_empty(),
        "batches without the derive: {missing:?}"
    );
    // Besides them: the schema's batch base, the arrays of messages (a typed batch's
    // `GetItemResponseMessages`, the schema's `ArrayOf...ResponseMessage...`).
    let others: Vec<&String> = batches
        .difference(&schema_batches)
        .filter(|t| {
            *t != "BaseResponseMessageType"
                && !t.ends_with("ResponseMessages")
                && !t.starts_with("ArrayOf")
        })
        .collect();
    assert!(others.is_empty(), "unexpected batch types: {others:?}");

    // Every operation's response body is covered: a batch, a message with the class on
    // its root, or a nested message.
    let bodies: BTreeSet<String> = ews_types::operations::OPERATIONS
        .iter()
        .map(|o| o.response[2..].to_owned())
        .collect();
    let mut uncovered = Vec::new();
    for body in &bodies {
        let ty = rust_name(&element_type(body));
        if !(derived.contains(&ty) || batches.contains(&ty)) {
            uncovered.push(format!("{body}: {ty}"));
        }
    }
    // GetUserAvailability answers with free/busy and suggestion entries, each a nested
    // message (FreeBusyResponseType, SuggestionsResponseType); the runtime implements
    // `Response` for it by hand.
    assert_eq!(
        uncovered,
        vec!["GetUserAvailabilityResponse: GetUserAvailabilityResponseType".to_owned()]
    );
    assert!(
        derived.contains("FreeBusyResponseType") && derived.contains("SuggestionsResponseType")
    );
    fn is_response<T: Response>() {}
    is_response::<ews_types::messages::GetUserAvailabilityResponseType>();
}

#[test]
fn availability_entries_are_messages() {
    let (_, body) = read_response::<operations::GetUserAvailability>(&sample(
        "ews.how-to-get-free-busy-information-by-using-ews-in-exchange.02.xml",
    ))
    .unwrap();
    let counts = body.counts();
    assert!(counts.success >= 1, "{counts:?}");
    let results = body.into_results();
    assert_eq!(
        results.len(),
        counts.success + counts.warning + counts.error
    );
    assert!(matches!(
        results[0],
        Ok(Outcome::Success(
            ews_types::runtime::response::AvailabilityMessage::FreeBusy(_)
        ))
    ));
}

/// The type of a global element of messages.xsd.
fn element_type(name: &str) -> String {
    let dir = PathBuf::from(std::env::var_os("EWS_SCHEMA_DIR").unwrap());
    let text = std::fs::read_to_string(dir.join("messages.xsd")).unwrap();
    let needle = format!("<xs:element name=\"{name}\" type=\"m:");
    let start = text.find(&needle).unwrap_or_else(|| panic!("{name}")) + needle.len();
    text[start..].split('"').next().unwrap().to_owned()
}

/// "Try again later" is decided on the typed response code, and a code newer than the
/// schema's enumeration that Exchange Online sends is known too.
#[test]
fn retryable_codes_are_typed() {
    use ews_types::runtime::response::is_retryable_code;
    assert!(is_retryable_code(&ResponseCodeType::ErrorServerBusy));
    assert!(is_retryable_code(
        &ResponseCodeType::ErrorMailboxMoveInProgress
    ));
    assert!(is_retryable_code(&ResponseCodeType::from_wire(
        "ErrorConnectionFailedTransientError"
    )));
    assert!(!is_retryable_code(&ResponseCodeType::ErrorItemNotFound));
    assert!(!is_retryable_code(&ResponseCodeType::from_wire(
        "ErrorSomethingNew"
    )));
}

// ---------------------------------------------------------------------------------------
// Typed batches: a response holds its operation's messages only.

const GET_ITEM_RESPONSE: &str = r#"<m:GetItemResponse
    xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Success">
      <m:ResponseCode>NoError</m:ResponseCode>
      <m:Items><t:Message><t:Subject>one</t:Subject></t:Message></m:Items>
    </m:GetItemResponseMessage>
    MESSAGE
  </m:ResponseMessages>
</m:GetItemResponse>"#;

#[test]
fn a_batch_gives_its_operations_message_type() {
    use ews_types::messages::{GetItemResponse, ItemInfoResponseMessageType};
    let xml = GET_ITEM_RESPONSE.replace("MESSAGE", "");
    let response: GetItemResponse = ews_types::from_slice(xml.as_bytes()).unwrap();
    // The message type is the operation's, with no enum to match.
    let results: Vec<Result<Outcome<ItemInfoResponseMessageType>, ResponseError>> =
        response.into_results();
    let [Ok(Outcome::Success(message))] = results.as_slice() else {
        panic!("{results:?}")
    };
    let items = &message.items.as_ref().unwrap().items;
    assert_eq!(items[0].item().subject.as_deref(), Some("one"));
}

#[test]
fn another_operations_message_in_a_batch_is_an_error() {
    use ews_types::messages::GetItemResponse;
    use ews_types::runtime::ErrorKind;
    let wrong = r#"<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items/></m:CreateItemResponseMessage>"#;
    let xml = GET_ITEM_RESPONSE.replace("MESSAGE", wrong);
    for options in [
        ews_types::runtime::ReadOptions::default(),
        ews_types::runtime::ReadOptions::default().lenient(),
    ] {
        let e = ews_types::from_slice_with::<GetItemResponse>(xml.as_bytes(), options).unwrap_err();
        let ErrorKind::UnexpectedElement { expected, found } = e.kind() else {
            panic!("{e}")
        };
        assert_eq!(expected, "m:GetItemResponseMessage");
        assert!(found.ends_with("}CreateItemResponseMessage"), "{found}");
        assert_eq!(e.path(), "GetItemResponse/ResponseMessages");
        assert_eq!(e.line(), 9, "{e}");
    }
}

#[test]
fn an_unknown_element_in_a_batch_is_kept() {
    use ews_types::messages::GetItemResponse;
    use ews_types::runtime::ComplexType;
    let xml = GET_ITEM_RESPONSE.replace("MESSAGE", "<m:FutureResponseMessage/>");
    let response: GetItemResponse = ews_types::from_slice(xml.as_bytes()).unwrap();
    assert_eq!(response.response_messages.items.len(), 1);
    let kept = response.response_messages.unknown().elements();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].name, "FutureResponseMessage");
    assert!(ews_types::to_string(&response)
        .unwrap()
        .contains("<m:FutureResponseMessage/>"));
}
