//! A client's everyday job: page through the Inbox with FindItem, asking only for the
//! messages received since a date, and print each one's subject and received time.
//!
//! Each request is written as a SOAP envelope with its `SOAPAction`; the "server" is a
//! function that answers with canned responses (a first page, a busy server, the last page),
//! so the example runs anywhere. Put an HTTP client in `post` to talk to a real Exchange.
//!
//! Run with `cargo run -p ews-types --example find_item --features time`.

use ews_types::prelude::*;
use ews_types::types::{
    DefaultShapeNamesType, DistinguishedFolderIdNameType, ExchangeVersionType,
    FindItemParentItemsOrGroups, IndexedPageViewType, IsGreaterThanOrEqualToType,
    ItemResponseShapeType, RealItem, SearchExpression, TwoOperandExpressionType,
    UnindexedFieldUriType,
};
use ews_types::{messages::FindItem, messages::FindItemType, operations, runtime::DateTime};
use time::macros::datetime;

/// How many items a page holds.
const PAGE_SIZE: i32 = 2;

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let since = DateTime::try_from(datetime!(2026-11-01 0:00 UTC))?;
    let headers = RequestHeaders::for_version(ExchangeVersionType::Exchange2013);
    let mut server = CannedServer::default();
    let mut offset = 0;
    loop {
        let request = inbox_page(&since, offset);
        let xml = write_request::<operations::FindItem>(&headers, &request)?;
        let answer = server.post(operations::FindItem::SOAP_ACTION, &xml);
        let (_, response) = read_response::<operations::FindItem>(answer.as_bytes())?;
        // One message per folder searched: here one, the Inbox's.
        let Some(message) = response.into_results().into_iter().next() else {
            return Err("a FindItem response without messages".into());
        };
        let page = match message {
            Ok(Outcome::Success(page)) => page,
            Ok(Outcome::Warning { value, warning }) => {
                eprintln!("warning: {warning}");
                value
            }
            Err(error) if error.is_retryable() => {
                let wait = error.back_off_milliseconds().unwrap_or(1000);
                println!("{error}; waiting {wait} ms");
                std::thread::sleep(std::time::Duration::from_millis(wait));
                continue;
            }
            Err(error) => return Err(error.into()),
        };
        let folder = page.root_folder.ok_or("a page without RootFolder")?;
        if let Some(FindItemParentItemsOrGroups::Items(items)) = &folder.items_or_groups {
            for item in items.items.iter().map(RealItem::item) {
                if let Some(received) = &item.date_time_received {
                    let received = received.to_offset_date_time()?;
                    println!("{received}  {}", item.subject.as_deref().unwrap_or(""));
                }
            }
        }
        if folder.includes_last_item_in_range != Some(false) {
            return Ok(());
        }
        offset = folder.indexed_paging_offset.unwrap_or(offset + PAGE_SIZE);
    }
}

/// FindItem in the Inbox: the subject and received time of each message received on or
/// after `since`, `PAGE_SIZE` items from `offset` on.
pub fn inbox_page(since: &DateTime, offset: i32) -> FindItem {
    use UnindexedFieldUriType::{ItemDateTimeReceived, ItemSubject};
    let received_since = IsGreaterThanOrEqualToType::from(TwoOperandExpressionType {
        path: Some(ItemDateTimeReceived.into()),
        field_uri_or_constant: since.as_str().into(),
        ..Default::default()
    });
    FindItem(FindItemType {
        item_shape: ItemResponseShapeType {
            additional_properties: Some(Box::new(
                vec![ItemSubject.into(), ItemDateTimeReceived.into()].into(),
            )),
            ..DefaultShapeNamesType::IdOnly.into()
        },
        view: Some(
            IndexedPageViewType {
                offset,
                base: PAGE_SIZE.into(),
                ..Default::default()
            }
            .into(),
        ),
        restriction: Some(Box::new(SearchExpression::from(received_since).into())),
        parent_folder_ids: vec![DistinguishedFolderIdNameType::Inbox.into()].into(),
        ..Default::default()
    })
}

/// Answers FindItem requests as an Exchange server would: the first page, then a busy
/// server, then the last page.
#[derive(Default)]
struct CannedServer {
    calls: usize,
}

impl CannedServer {
    fn post(&mut self, soap_action: &str, request: &str) -> &'static str {
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
pub const FIRST_PAGE: &str = include_str!("data/finditem_first_page.xml");
pub const BUSY: &str = include_str!("data/finditem_busy.xml");
pub const LAST_PAGE: &str = include_str!("data/finditem_last_page.xml");
