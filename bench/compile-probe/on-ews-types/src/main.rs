//! Compile-time probe, ews-types side: reads a GetItem response envelope and prints the
//! message's subject, then writes a GetItem request envelope and prints it. The same job as
//! `../on-ews` (see `../README.md`); what is measured is how long this takes to build.

use ews_types::messages::{GetItem, GetItemType};
use ews_types::operations;
use ews_types::runtime::envelope::{read_response, write_request, RequestHeaders};
use ews_types::types::{
    BaseItemIdChoice, DefaultShapeNamesType, ExchangeVersionType, ItemIdType,
    ItemResponseShapeType, NonEmptyArrayOfBaseItemIdsType, RealItem, ResponseClassType,
};

/// The response both probes read (shared so they read the same bytes).
const RESPONSE: &str = include_str!("../../getitem_response.xml");

const ITEM_ID: &str = "AAMkADE4NjQ3ZTk4LWFmYzAtNDY0Ny1iMTk3LTY0MmY1ODBiYWI3MgBGAAAAAACbbvBx0+6JSpB8ilRbMCnFBwBg9v6xnsfqTqzRQXYAAAIBDAAAAAAAAGD2/rGex+pOrNFBdgAAAk3hAAA=";
const CHANGE_KEY: &str = "CQAAABYAAABg9v6xnsfqTqzRQXYAAAJN8z4S";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Read.
    let (headers, body) = read_response::<operations::GetItem>(RESPONSE.as_bytes())?;
    if let Some(v) = &headers.server_version_info {
        println!(
            "server: {} build {}.{}",
            v.version.as_deref().unwrap_or("?"),
            v.major_build_number.unwrap_or(0),
            v.minor_build_number.unwrap_or(0)
        );
    }
    for message in &body.response_messages.items {
        if message.base.response_class != ResponseClassType::Success {
            return Err(format!("response message is not a success: {message:?}").into());
        }
        let items = message.items.as_ref().map(|i| &i.items[..]).unwrap_or(&[]);
        for item in items {
            if let RealItem::Message(m) = item {
                println!("subject: {}", m.base.subject.as_deref().unwrap_or(""));
                if let Some(from) = &m.from {
                    println!(
                        "from: {} <{}>",
                        from.mailbox.name.as_deref().unwrap_or(""),
                        from.mailbox.email_address.as_deref().unwrap_or("")
                    );
                }
                if let Some(received) = &m.base.date_time_received {
                    println!("received: {}", received.as_str());
                }
            }
        }
    }

    // Write.
    let request = GetItem(GetItemType {
        item_shape: ItemResponseShapeType {
            base_shape: DefaultShapeNamesType::Default,
            ..Default::default()
        },
        item_ids: NonEmptyArrayOfBaseItemIdsType {
            items: vec![BaseItemIdChoice::ItemId(Box::new(ItemIdType {
                id: ITEM_ID.into(),
                change_key: Some(CHANGE_KEY.into()),
                ..Default::default()
            }))],
            ..Default::default()
        },
        ..Default::default()
    });
    let headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013);
    let xml = write_request::<operations::GetItem>(&headers, &request)?;
    println!("request:\n{xml}");
    Ok(())
}
