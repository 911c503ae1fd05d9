//! Compile-time probe, `ews` 0.1.2 side: reads a GetItem response envelope and prints the
//! message's subject, then writes a GetItem request envelope and prints it. The same job as
//! `../on-ews-types` (see `../README.md`); what is measured is how long this takes to build.

use ews::get_item::{GetItem, GetItemResponse};
use ews::server_version::ExchangeServerVersion;
use ews::soap::{Envelope, Header};
use ews::{BaseItemId, BaseShape, ItemShape, OperationResponse, RealItem, ResponseClass};

/// The response both probes read (shared so they read the same bytes).
const RESPONSE: &str = include_str!("../../getitem_response.xml");

const ITEM_ID: &str = "AAMkADE4NjQ3ZTk4LWFmYzAtNDY0Ny1iMTk3LTY0MmY1ODBiYWI3MgBGAAAAAACbbvBx0+6JSpB8ilRbMCnFBwBg9v6xnsfqTqzRQXYAAAIBDAAAAAAAAGD2/rGex+pOrNFBdgAAAk3hAAA=";
const CHANGE_KEY: &str = "CQAAABYAAABg9v6xnsfqTqzRQXYAAAJN8z4S";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Read.
    let envelope = Envelope::<GetItemResponse>::from_xml_document(RESPONSE.as_bytes())?;
    for header in &envelope.headers {
        if let Header::ServerVersionInfo(v) = header {
            println!(
                "server: {} build {}.{}",
                v.version.as_deref().unwrap_or("?"),
                v.major_build_number.as_deref().unwrap_or("?"),
                v.minor_build_number.as_deref().unwrap_or("?")
            );
        }
    }
    for message in envelope.body.response_messages() {
        let ResponseClass::Success(message) = message else {
            return Err(format!("response message is not a success: {message:?}").into());
        };
        for item in &message.items.inner {
            if let RealItem::Message(m) = item {
                println!("subject: {}", m.subject.as_deref().unwrap_or(""));
                if let Some(from) = &m.from {
                    println!(
                        "from: {} <{}>",
                        from.mailbox.name.as_deref().unwrap_or(""),
                        from.mailbox.email_address.as_deref().unwrap_or("")
                    );
                }
                if let Some(received) = &m.date_time_received {
                    println!("received: {}", received.0);
                }
            }
        }
    }

    // Write.
    let request = Envelope {
        headers: vec![Header::RequestServerVersion {
            version: ExchangeServerVersion::Exchange2013,
        }],
        body: GetItem {
            item_shape: ItemShape {
                base_shape: BaseShape::Default,
                ..Default::default()
            },
            item_ids: vec![BaseItemId::ItemId {
                id: ITEM_ID.to_owned(),
                change_key: Some(CHANGE_KEY.to_owned()),
            }],
        },
    };
    let xml = request.as_xml_document()?;
    println!("request:\n{}", String::from_utf8(xml)?);
    Ok(())
}
