//! A fake EWS server, as an integration test of an EWS client uses one: it answers GetFolder,
//! FindItem and GetItem from an in-memory mailbox, and anything else with the SOAP fault
//! Exchange sends for a request it cannot take.
//!
//! [`handle`] is what an HTTP handler calls with the POSTed body: it gives the status and
//! the envelope to send back. `main` plays a client against it.
//!
//! Run with `cargo run -p ews-types --example fake_server --features time`.

use ews_types::messages::{
    DeleteItem, DeleteItemType, FindItemResponseMessageType, FolderInfoResponseMessageType,
    ItemInfoResponseMessageType, ResponseCodeType, ResponseMessageType,
};
use ews_types::operations;
use ews_types::prelude::*;
use ews_types::runtime::envelope::body_element;
use ews_types::runtime::DateTime;
use ews_types::types::{
    BaseFolderId, BaseItemIdChoice, DisposalType, DistinguishedFolderIdNameType,
    FieldUriOrConstantPathOrConstant, FindItemParentItemsOrGroups, FindItemParentType, FolderType,
    ItemIdType, MessageType, Path, RealItem, SearchExpression, TwoOperandExpressionType,
    UnindexedFieldUriType,
};
use time::OffsetDateTime;

/// A mailbox with one folder, the Inbox, holding messages.
pub struct Mailbox {
    inbox_id: String,
    messages: Vec<MessageType>,
}

/// The HTTP status and body answering `request` (an envelope POSTed to `/EWS/Exchange.asmx`).
pub fn handle(mailbox: &Mailbox, request: &[u8]) -> (u16, String) {
    let answer = match body_element(request).as_deref() {
        Some("GetFolder") => get_folder(mailbox, request),
        Some("FindItem") => find_item(mailbox, request),
        Some("GetItem") => get_item(mailbox, request),
        Some(other) => Err(Box::new(Fault::ews(
            ResponseCodeType::ErrorInvalidRequest,
            format!("The request is valid but this server does not answer {other}."),
        ))),
        None => Err(Box::new(Fault::schema_validation(
            1,
            1,
            "No SOAP envelope with a Body.",
        ))),
    };
    match answer {
        Ok(envelope) => (200, envelope),
        Err(fault) => (500, write_fault(&fault)),
    }
}

/// The fault Exchange answers a request with that it cannot read: where and why.
fn refuse(error: EnvelopeError) -> Box<Fault> {
    Box::new(match error {
        EnvelopeError::Read(e) => {
            Fault::schema_validation(e.line() as u64, e.column() as u64, e.to_string())
        }
        other => Fault::internal_server_error(other.to_string()),
    })
}

/// Response headers as Exchange Online writes them.
fn headers() -> ResponseHeaders {
    ResponseHeaders::for_server(15, 20, 8632, 12, "V2018_01_08")
}

fn get_folder(mailbox: &Mailbox, request: &[u8]) -> Result<String, Box<Fault>> {
    let (_, request) = read_request::<operations::GetFolder>(request).map_err(refuse)?;
    let messages = request.folder_ids.folder_id.iter().map(|id| {
        if !mailbox.is_inbox(id) {
            return FolderInfoResponseMessageType {
                base: ResponseMessageType::error(
                    ResponseCodeType::ErrorFolderNotFound,
                    "The specified folder could not be found in the store.",
                ),
                folders: None,
            };
        }
        let mut inbox = FolderType::default();
        inbox.base.folder_id = Some(Box::new(mailbox.inbox_id.as_str().into()));
        inbox.base.display_name = Some("Inbox".into());
        inbox.base.total_count = Some(mailbox.messages.len() as i32);
        inbox.unread_count = Some(mailbox.unread());
        FolderInfoResponseMessageType {
            base: ResponseMessageType::success(),
            folders: Some(Box::new(vec![inbox.into()].into())),
        }
    });
    let body = messages.collect::<Vec<_>>().into();
    write_response::<operations::GetFolder>(&headers(), &body).map_err(refuse)
}

fn find_item(mailbox: &Mailbox, request: &[u8]) -> Result<String, Box<Fault>> {
    let (_, request) = read_request::<operations::FindItem>(request).map_err(refuse)?;
    let (offset, max) = match &request.view {
        Some(ews_types::messages::FindItemView::IndexedPageItemView(v)) => {
            (v.offset.max(0) as usize, v.base.max_entries_returned)
        }
        _ => (0, None),
    };
    let mut messages = Vec::new();
    for folder in &request.parent_folder_ids.folder_id {
        if !mailbox.is_inbox(folder) {
            messages.push(FindItemResponseMessageType {
                base: ResponseMessageType::error(
                    ResponseCodeType::ErrorFolderNotFound,
                    "The specified folder could not be found in the store.",
                ),
                ..Default::default()
            });
            continue;
        }
        let filter = match request
            .restriction
            .as_ref()
            .and_then(|r| r.search_expression.as_ref())
        {
            None => None,
            Some(expression) => match received_filter(expression) {
                Some(filter) => Some(filter),
                None => {
                    messages.push(FindItemResponseMessageType {
                        base: ResponseMessageType::error(
                            ResponseCodeType::ErrorUnsupportedQueryFilter,
                            "This server filters on item:DateTimeReceived only.",
                        ),
                        ..Default::default()
                    });
                    continue;
                }
            },
        };
        let matching: Vec<&MessageType> = mailbox
            .messages
            .iter()
            .filter(|m| filter.as_ref().is_none_or(|f| f.passes(m)))
            .collect();
        let end = max.map_or(matching.len(), |n| {
            (offset + n.max(0) as usize).min(matching.len())
        });
        let page: Vec<RealItem> = matching
            .get(offset..end)
            .unwrap_or_default()
            .iter()
            .map(|m| RealItem::from((*m).clone()))
            .collect();
        messages.push(FindItemResponseMessageType {
            base: ResponseMessageType::success(),
            root_folder: Some(Box::new(FindItemParentType {
                items_or_groups: Some(FindItemParentItemsOrGroups::Items(Box::new(page.into()))),
                indexed_paging_offset: Some(end.max(offset) as i32),
                includes_last_item_in_range: Some(end >= matching.len()),
                total_items_in_view: Some(matching.len() as i32),
                ..Default::default()
            })),
            ..Default::default()
        });
    }
    write_response::<operations::FindItem>(&headers(), &messages.into()).map_err(refuse)
}

fn get_item(mailbox: &Mailbox, request: &[u8]) -> Result<String, Box<Fault>> {
    let (_, request) = read_request::<operations::GetItem>(request).map_err(refuse)?;
    let messages = request.item_ids.items.iter().map(|id| {
        let found = match id {
            BaseItemIdChoice::ItemId(id) => mailbox.message(&id.id),
            _ => None,
        };
        match found {
            Some(m) => ItemInfoResponseMessageType {
                base: ResponseMessageType::success(),
                items: Some(Box::new(vec![m.clone().into()].into())),
            },
            None => ItemInfoResponseMessageType {
                base: ResponseMessageType::error(
                    ResponseCodeType::ErrorItemNotFound,
                    "The specified object was not found in the store.",
                ),
                // Exchange writes an empty `m:Items` in GetItem's errors.
                items: Some(Box::default()),
            },
        }
    });
    let body = messages.collect::<Vec<_>>().into();
    write_response::<operations::GetItem>(&headers(), &body).map_err(refuse)
}

/// A restriction this server knows: `item:DateTimeReceived` compared with a constant.
struct ReceivedFilter {
    test: fn(std::cmp::Ordering) -> bool,
    limit: OffsetDateTime,
}

impl ReceivedFilter {
    fn passes(&self, m: &MessageType) -> bool {
        let received = m.base.date_time_received.as_ref();
        received
            .and_then(|r| r.to_offset_date_time().ok())
            .is_some_and(|r| (self.test)(r.cmp(&self.limit)))
    }
}

/// The filter `expression` asks for, if this server knows it.
fn received_filter(expression: &SearchExpression) -> Option<ReceivedFilter> {
    let (operands, test): (&TwoOperandExpressionType, fn(std::cmp::Ordering) -> bool) =
        match expression {
            SearchExpression::IsGreaterThan(e) => (&e.base, |o| o.is_gt()),
            SearchExpression::IsGreaterThanOrEqualTo(e) => (&e.base, |o| o.is_ge()),
            SearchExpression::IsLessThan(e) => (&e.base, |o| o.is_lt()),
            SearchExpression::IsLessThanOrEqualTo(e) => (&e.base, |o| o.is_le()),
            _ => return None,
        };
    let Some(Path::FieldUri(field)) = &operands.path else {
        return None;
    };
    let Some(FieldUriOrConstantPathOrConstant::Constant(c)) =
        &operands.field_uri_or_constant.path_or_constant
    else {
        return None;
    };
    let limit = DateTime::new(c.value.as_str())
        .ok()?
        .to_offset_date_time()
        .ok()?;
    (field.field_uri == UnindexedFieldUriType::ItemDateTimeReceived)
        .then_some(ReceivedFilter { test, limit })
}

impl Mailbox {
    fn is_inbox(&self, id: &BaseFolderId) -> bool {
        match id {
            BaseFolderId::DistinguishedFolderId(d) => d.id == DistinguishedFolderIdNameType::Inbox,
            BaseFolderId::FolderId(f) => f.id == self.inbox_id,
        }
    }

    fn message(&self, id: &str) -> Option<&MessageType> {
        self.messages
            .iter()
            .find(|m| m.base.item_id.as_ref().is_some_and(|i| i.id == id))
    }

    fn unread(&self) -> i32 {
        self.messages
            .iter()
            .filter(|m| m.is_read == Some(false))
            .count() as i32
    }
}

/// A message as the store holds it.
fn message(id: &str, subject: &str, received: DateTime, is_read: bool) -> MessageType {
    let mut m = MessageType::default();
    m.base.item_id = Some(Box::new(ItemIdType {
        id: id.into(),
        change_key: Some(format!("CQAAAB{id}")),
        ..Default::default()
    }));
    m.base.subject = Some(subject.into());
    m.base.date_time_received = Some(received);
    m.is_read = Some(is_read);
    m
}

/// The mailbox `main` serves: three messages in the Inbox, one of them from October.
pub fn mailbox() -> Result<Mailbox, ews_types::runtime::ValueError> {
    Ok(Mailbox {
        inbox_id: "AQMkAGE0Zj".into(),
        messages: vec![
            message(
                "AAMkAGE0Zj1",
                "Quarterly figures",
                DateTime::new("2026-11-30T16:05:12Z")?,
                false,
            ),
            message(
                "AAMkAGE0Zj2",
                "Planning, Thursday",
                DateTime::new("2026-11-29T09:41:00Z")?,
                true,
            ),
            message(
                "AAMkAGE0Zj3",
                "Old newsletter",
                DateTime::new("2026-10-02T07:58:30Z")?,
                true,
            ),
        ],
    })
}

pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    use ews_types::messages::{FindItem, GetFolder, GetItem};
    let mailbox = mailbox()?;
    let client = RequestHeaders::for_version(ews_types::types::ExchangeVersionType::Exchange2013);

    let get_folder: GetFolder = from_slice(GET_FOLDER.as_bytes())?;
    let request = write_request::<operations::GetFolder>(&client, &get_folder)?;
    let (status, answer) = handle(&mailbox, request.as_bytes());
    let (_, response) = read_response::<operations::GetFolder>(answer.as_bytes())?;
    for folder in response.into_all()? {
        for f in folder
            .into_value()
            .folders
            .into_iter()
            .flat_map(|f| f.folder)
        {
            let f = f.folder();
            println!(
                "{status} GetFolder: {:?}, {:?} items",
                f.display_name, f.total_count
            );
        }
    }

    let find_item: FindItem = from_slice(FIND_ITEM.as_bytes())?;
    let request = write_request::<operations::FindItem>(&client, &find_item)?;
    let (status, answer) = handle(&mailbox, request.as_bytes());
    let (_, response) = read_response::<operations::FindItem>(answer.as_bytes())?;
    for page in response.into_all()? {
        let folder = page.into_value().root_folder.ok_or("no RootFolder")?;
        if let Some(FindItemParentItemsOrGroups::Items(items)) = folder.items_or_groups {
            for item in &items.items {
                println!("{status} FindItem: {:?}", item.item().subject);
            }
        }
    }

    let get_item: GetItem = from_slice(GET_ITEM.as_bytes())?;
    let request = write_request::<operations::GetItem>(&client, &get_item)?;
    let (status, answer) = handle(&mailbox, request.as_bytes());
    let (_, response) = read_response::<operations::GetItem>(answer.as_bytes())?;
    for result in response.into_results() {
        match result {
            Ok(found) => println!(
                "{status} GetItem: found {} item(s)",
                found.value().items.as_ref().map_or(0, |i| i.items.len())
            ),
            Err(error) => println!("{status} GetItem: {error}"),
        }
    }

    // Not one of the three: an Exchange-style fault.
    let delete = DeleteItem(DeleteItemType {
        delete_type: DisposalType::MoveToDeletedItems,
        item_ids: vec![ItemIdType::from("AAMkAGE0Zj3").into()].into(),
        ..Default::default()
    });
    let request = write_request::<operations::DeleteItem>(&client, &delete)?;
    let (status, answer) = handle(&mailbox, request.as_bytes());
    match read_response::<operations::DeleteItem>(answer.as_bytes()) {
        Err(EnvelopeError::Fault(fault)) => {
            println!(
                "{status} DeleteItem: fault {:?}: {}",
                fault.response_code, fault.string
            )
        }
        other => return Err(format!("expected a fault, got {other:?}").into()),
    }
    Ok(())
}

/// The requests `main` sends, as a client would write them.
pub const GET_FOLDER: &str = r#"<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>
  <m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds>
</m:GetFolder>"#;

pub const FIND_ITEM: &str = r#"<m:FindItem Traversal="Shallow" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>
  <m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>
  <m:Restriction>
    <t:IsGreaterThanOrEqualTo>
      <t:FieldURI FieldURI="item:DateTimeReceived"/>
      <t:FieldURIOrConstant><t:Constant Value="2026-11-01T00:00:00Z"/></t:FieldURIOrConstant>
    </t:IsGreaterThanOrEqualTo>
  </m:Restriction>
  <m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds>
</m:FindItem>"#;

pub const GET_ITEM: &str = r#"<m:GetItem xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
  <m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>
  <m:ItemIds><t:ItemId Id="AAMkAGE0Zj1"/><t:ItemId Id="AAMkAGE0Zj9"/></m:ItemIds>
</m:GetItem>"#;
