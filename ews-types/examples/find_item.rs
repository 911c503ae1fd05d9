//! A client's everyday job: page through the Inbox with FindItem, asking only for the
//! messages received since a date, and print each one's subject and received time.
//!
//! Each request is written as a SOAP envelope with its `SOAPAction`; the "server" is a
//! function that answers with canned responses (a first page, a busy server, the last page),
//! so the example runs anywhere. Put an HTTP client in `post` to talk to a real Exchange.
//!
//! Run with `cargo run -p ews-types --example find_item --features time`.

use ews_types::messages::{FindItem, FindItemType};
use ews_types::operations;
use ews_types::prelude::*;
use ews_types::runtime::DateTime;
use ews_types::types::{
    BasePagingType, ConstantValueType, DefaultShapeNamesType, DistinguishedFolderIdNameType,
    DistinguishedFolderIdType, ExchangeVersionType, FieldUriOrConstantType,
    FindItemParentItemsOrGroups, IndexedPageViewType, IsGreaterThanOrEqualToType,
    ItemResponseShapeType, NonEmptyArrayOfBaseFolderIdsType, NonEmptyArrayOfPathsToElementType,
    Path, PathToUnindexedFieldType, RestrictionType, TwoOperandExpressionType,
    UnindexedFieldUriType,
};
use time::{Date, Month, OffsetDateTime, Time};

/// How many items a page holds.
const PAGE_SIZE: i32 = 2;

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let november = Date::from_calendar_date(2026, Month::November, 1)?;
    let since = DateTime::try_from(OffsetDateTime::new_utc(november, Time::MIDNIGHT))?;
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
        let folder = page
            .root_folder
            .ok_or("a FindItem page without RootFolder")?;
        if let Some(FindItemParentItemsOrGroups::Items(items)) = &folder.items_or_groups {
            for item in &items.items {
                let item = item.item();
                let received = match &item.date_time_received {
                    Some(date) => date.to_offset_date_time()?.to_string(),
                    None => "(not received)".into(),
                };
                println!("{received}  {}", item.subject.as_deref().unwrap_or(""));
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
    let field = |uri| {
        Path::from(PathToUnindexedFieldType {
            field_uri: uri,
            ..Default::default()
        })
    };
    let received_since = IsGreaterThanOrEqualToType {
        base: TwoOperandExpressionType {
            path: Some(field(UnindexedFieldUriType::ItemDateTimeReceived)),
            field_uri_or_constant: FieldUriOrConstantType {
                path_or_constant: Some(
                    ConstantValueType {
                        value: since.as_str().into(),
                        ..Default::default()
                    }
                    .into(),
                ),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    FindItem(FindItemType {
        item_shape: ItemResponseShapeType {
            base_shape: DefaultShapeNamesType::IdOnly,
            additional_properties: Some(Box::new(NonEmptyArrayOfPathsToElementType {
                path: vec![
                    field(UnindexedFieldUriType::ItemSubject),
                    field(UnindexedFieldUriType::ItemDateTimeReceived),
                ],
                ..Default::default()
            })),
            ..Default::default()
        },
        view: Some(
            IndexedPageViewType {
                offset,
                base: BasePagingType {
                    max_entries_returned: Some(PAGE_SIZE),
                    ..Default::default()
                },
                ..Default::default()
            }
            .into(),
        ),
        restriction: Some(Box::new(RestrictionType {
            search_expression: Some(received_since.into()),
            ..Default::default()
        })),
        parent_folder_ids: NonEmptyArrayOfBaseFolderIdsType {
            folder_id: vec![DistinguishedFolderIdType {
                id: DistinguishedFolderIdNameType::Inbox,
                ..Default::default()
            }
            .into()],
            ..Default::default()
        },
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

pub const FIRST_PAGE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="8632" MinorBuildNumber="12" Version="V2018_01_08" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
  </s:Header>
  <s:Body>
    <m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:FindItemResponseMessage ResponseClass="Success">
          <m:ResponseCode>NoError</m:ResponseCode>
          <m:RootFolder IndexedPagingOffset="2" TotalItemsInView="3" IncludesLastItemInRange="false">
            <t:Items>
              <t:Message>
                <t:ItemId Id="AAMkAGE0Zj1" ChangeKey="CQAAABYAAAA1"/>
                <t:Subject>Quarterly figures</t:Subject>
                <t:DateTimeReceived>2026-11-30T16:05:12Z</t:DateTimeReceived>
              </t:Message>
              <t:MeetingRequest>
                <t:ItemId Id="AAMkAGE0Zj2" ChangeKey="CwAAABYAAAA2"/>
                <t:Subject>Planning, Thursday</t:Subject>
                <t:DateTimeReceived>2026-11-29T09:41:00Z</t:DateTimeReceived>
              </t:MeetingRequest>
            </t:Items>
          </m:RootFolder>
        </m:FindItemResponseMessage>
      </m:ResponseMessages>
    </m:FindItemResponse>
  </s:Body>
</s:Envelope>"#;

pub const BUSY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:FindItemResponseMessage ResponseClass="Error">
          <m:MessageText>The server cannot service this request right now. Try again later.</m:MessageText>
          <m:ResponseCode>ErrorServerBusy</m:ResponseCode>
          <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
          <m:MessageXml>
            <t:Value Name="BackOffMilliseconds">297</t:Value>
          </m:MessageXml>
        </m:FindItemResponseMessage>
      </m:ResponseMessages>
    </m:FindItemResponse>
  </s:Body>
</s:Envelope>"#;

pub const LAST_PAGE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:FindItemResponseMessage ResponseClass="Success">
          <m:ResponseCode>NoError</m:ResponseCode>
          <m:RootFolder IndexedPagingOffset="3" TotalItemsInView="3" IncludesLastItemInRange="true">
            <t:Items>
              <t:Message>
                <t:ItemId Id="AAMkAGE0Zj3" ChangeKey="CQAAABYAAAA3"/>
                <t:Subject>Re: travel booking</t:Subject>
                <t:DateTimeReceived>2026-11-02T07:58:30Z</t:DateTimeReceived>
              </t:Message>
            </t:Items>
          </m:RootFolder>
        </m:FindItemResponseMessage>
      </m:ResponseMessages>
    </m:FindItemResponse>
  </s:Body>
</s:Envelope>"#;
