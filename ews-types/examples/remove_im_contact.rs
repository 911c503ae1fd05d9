//! Builds a `RemoveImContactFromGroup` request, prints its SOAP envelope, and parses a
//! success response and an error response.
//!
//! Run with `cargo run -p ews-types --example remove_im_contact`.

use ews_types::messages::{RemoveImContactFromGroup, RemoveImContactFromGroupType};
use ews_types::operations;
use ews_types::runtime::envelope::{read_response, write_request, RequestHeaders};
use ews_types::types::{ExchangeVersionType, ItemIdType, ResponseClassType};

const SUCCESS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" MinorVersion="0" MajorBuildNumber="349" MinorBuildNumber="0"
        Version="Exchange2013" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
  </s:Header>
  <s:Body>
    <RemoveImContactFromGroupResponse ResponseClass="Success"
        xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <ResponseCode>NoError</ResponseCode>
    </RemoveImContactFromGroupResponse>
  </s:Body>
</s:Envelope>"#;

const ERROR: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <RemoveImContactFromGroupResponse ResponseClass="Error"
        xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <MessageText>The specified Im Contact Id is invalid.</MessageText>
      <ResponseCode>ErrorInvalidImContactId</ResponseCode>
      <DescriptiveLinkKey>0</DescriptiveLinkKey>
    </RemoveImContactFromGroupResponse>
  </s:Body>
</s:Envelope>"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let request = RemoveImContactFromGroup(RemoveImContactFromGroupType {
        contact_id: ItemIdType {
            id: "AAMkAGQ1MjJjMTBkLTcAAAAvcAAA=".into(),
            ..Default::default()
        },
        group_id: ItemIdType {
            id: "AAMkAGQ1MjJjMTBkbWAAAAAAQKAAA=".into(),
            ..Default::default()
        },
        ..Default::default()
    });
    let headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013)
        .with_mailbox_culture("en-US")?;
    let xml = write_request::<operations::RemoveImContactFromGroup>(&headers, &request)?;
    println!("SOAPAction: {}", <operations::RemoveImContactFromGroup as ews_types::runtime::envelope::Operation>::SOAP_ACTION);
    println!("{xml}\n");

    for response in [SUCCESS, ERROR] {
        let (headers, body) =
            read_response::<operations::RemoveImContactFromGroup>(response.as_bytes())?;
        if let Some(v) = &headers.server_version_info {
            println!(
                "server: {:?}.{:?} build {:?}",
                v.major_version, v.minor_version, v.major_build_number
            );
        }
        match body.base.response_class {
            ResponseClassType::Success => println!("removed"),
            _ => println!(
                "failed: {} ({})",
                body.base.message_text.as_deref().unwrap_or(""),
                body.base
                    .response_code
                    .as_ref()
                    .map(|c| c.as_str())
                    .unwrap_or("no code")
            ),
        }
    }
    Ok(())
}
