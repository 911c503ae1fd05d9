//! Push notifications: the one operation of Exchange's notification service, which the
//! server calls on the client. It is not in `services.wsdl`, so it has no generated marker in
//! [`crate::operations`]; this one makes the envelope functions work for it like for the
//! others.

use super::{HeaderName, Operation};
use crate::messages;

/// The `SendNotification` operation of the notification service: Exchange POSTs a request
/// `m:SendNotification` (the events of a push subscription) to the URL the client gave in
/// `Subscribe`, and the client answers `m:SendNotificationResult` (`OK` to keep the
/// subscription, `Unsubscribe` to end it).
///
/// A client's endpoint reads the request with
/// [`read_request`](super::read_request)`::<SendNotification>` and writes its answer with
/// [`write_response`](super::write_response)`::<SendNotification>`.
///
/// SOAPAction: `http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification`.
/// Request headers: `t:RequestServerVersion`. Response headers: none.
///
/// [Microsoft documentation](<https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/sendnotification>);
/// the service's WSDL:
/// [MS-OXWSPSNTIF](<https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxwspsntif/>).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SendNotification;

impl Operation for SendNotification {
    const NAME: &'static str = "SendNotification";
    const SOAP_ACTION: &'static str =
        concat!(crate::runtime::xml::messages_uri!(), "/SendNotification");
    const REQUEST_HEADERS: &'static [HeaderName] = &[HeaderName::RequestServerVersion];
    const RESPONSE_HEADERS: &'static [HeaderName] = &[];
    type Request = messages::SendNotification;
    type Response = messages::SendNotificationResult;
}

/// The client's answer carries no response class: it is its own one message, a success.
impl crate::runtime::response::ResponseMessage for messages::SendNotificationResult {
    fn header(&self) -> Option<&messages::ResponseMessageType> {
        None
    }
}

impl crate::runtime::response::Response for messages::SendNotificationResult {
    type Message = Self;

    fn headers(&self) -> Vec<Option<&messages::ResponseMessageType>> {
        vec![None]
    }

    fn into_messages(self) -> Vec<Self> {
        vec![self]
    }
}
