//! The job of ews-types' `examples/find_item.rs`, written on the `ews` crate (0.1.2): page
//! through the Inbox with FindItem, keep the messages received since a date, and print each
//! one's subject and received time.
//!
//! Each request is written as a SOAP envelope with its `SOAPAction`; the "server" is a
//! function that answers with the ews-types example's three canned responses (a first page, a
//! busy server, the last page). Run with `cargo run` (see README.md).

use ews::find_item::{FindItem, FindItemResponse, Traversal};
use ews::server_version::ExchangeServerVersion;
use ews::soap::{Envelope, Header};
use ews::{
    BaseFolderId, BasePoint, BaseShape, ItemShape, MessageXml, Operation, OperationResponse,
    PathToElement, RealItem, ResponseClass, View,
};
use time::macros::datetime;

/// How many items a page holds.
const PAGE_SIZE: usize = 2;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `ews` 0.1.2's FindItem has no Restriction: the request asks for every Inbox item and
    // the "received since" filter is applied here, on the client.
    let since = datetime!(2026-11-01 0:00 UTC);
    let soap_action = format!(
        "http://schemas.microsoft.com/exchange/services/2006/messages/{}",
        FindItem::NAME
    );
    let mut server = CannedServer::default();
    let mut offset = 0;
    loop {
        let request = Envelope {
            headers: vec![Header::RequestServerVersion {
                version: ExchangeServerVersion::Exchange2013,
            }],
            body: inbox_page(offset),
        };
        let answer = server.post(&soap_action, &request.as_xml_document()?);
        // `Envelope::from_xml_document` panics on a response without a soap:Header, and the
        // busy and last-page responses have none: give them an empty one.
        let answer = if answer.contains("<s:Header>") {
            answer.to_owned()
        } else {
            answer.replacen("<s:Body>", "<s:Header/><s:Body>", 1)
        };
        let response = Envelope::<FindItemResponse>::from_xml_document(answer.as_bytes())?.body;
        // One message per folder searched: here one, the Inbox's.
        let Some(message) = response.into_response_messages().into_iter().next() else {
            return Err("a FindItem response without messages".into());
        };
        let folder = match message {
            // `ews` 0.1.2 keeps no code or text for a warning.
            ResponseClass::Success(page) | ResponseClass::Warning(page) => page.root_folder,
            ResponseClass::Error(error) => {
                let Some(MessageXml::ServerBusy(busy)) = &error.message_xml else {
                    return Err(error.into());
                };
                let wait = busy.back_off_milliseconds;
                println!("{error}; waiting {wait} ms");
                std::thread::sleep(std::time::Duration::from_millis(wait.into()));
                continue;
            }
        };
        for item in folder.items.inner.iter().map(RealItem::inner_message) {
            if let Some(received) = item.date_time_received.as_ref().filter(|d| d.0 >= since) {
                println!("{}  {}", received.0, item.subject.as_deref().unwrap_or(""));
            }
        }
        if folder.includes_last_item_in_range != Some(false) {
            return Ok(());
        }
        offset = folder.indexed_paging_offset.unwrap_or(offset + PAGE_SIZE);
    }
}

/// FindItem in the Inbox: the subject and received time of `PAGE_SIZE` items from `offset` on.
fn inbox_page(offset: usize) -> FindItem {
    let field = |uri: &str| PathToElement::FieldURI {
        field_URI: uri.into(),
    };
    FindItem {
        traversal: Traversal::Shallow,
        item_shape: ItemShape {
            base_shape: BaseShape::IdOnly,
            additional_properties: Some(vec![
                field("item:Subject"),
                field("item:DateTimeReceived"),
            ]),
            ..Default::default()
        },
        view: Some(View::IndexedPageItemView {
            max_entries_returned: Some(PAGE_SIZE),
            base_point: BasePoint::Beginning,
            offset,
        }),
        parent_folder_ids: vec![BaseFolderId::new_distinguished("inbox")],
    }
}

/// Answers FindItem requests as an Exchange server would: the first page, then a busy
/// server, then the last page.
#[derive(Default)]
struct CannedServer {
    calls: usize,
}

impl CannedServer {
    fn post(&mut self, soap_action: &str, request: &[u8]) -> &'static str {
        println!("POST SOAPAction: {soap_action} ({} bytes)", request.len());
        self.calls += 1;
        match self.calls {
            1 => FIRST_PAGE,
            2 => BUSY,
            _ => LAST_PAGE,
        }
    }
}

/// The canned responses (`ews-types/examples/data/`, schema-valid): a first page, a busy
/// server, the last page.
pub const FIRST_PAGE: &str =
    include_str!("../../../ews-types/examples/data/finditem_first_page.xml");
pub const BUSY: &str = include_str!("../../../ews-types/examples/data/finditem_busy.xml");
pub const LAST_PAGE: &str = include_str!("../../../ews-types/examples/data/finditem_last_page.xml");
