//! Response-class handling: every EWS response message carries `ResponseClass`
//! (Success / Warning / Error), `ResponseCode` and optionally `MessageText`,
//! `DescriptiveLinkKey` and `MessageXml`. This turns them into `Result`s.
//!
//! Three shapes of responses, one API ([`Response`]):
//! - a batch (`GetItemResponse` → `ResponseMessages` → one message per requested item): the
//!   messages are the batch's entries;
//! - the class on the root (`RemoveImContactFromGroupResponse ResponseClass="…"`): the root
//!   is the only message;
//! - a nested single message (`GetUserOofSettingsResponse` → `ResponseMessage`): the root is
//!   the only message, its class taken from the nested element.
//!
//! The generator derives these traits (with `ews-macros`) on every response message type.

use std::fmt;

use super::any::AnyElement;
use crate::messages::{ResponseCodeType, ResponseMessageType};
use crate::types::ResponseClassType;

#[doc(hidden)]
/// Reaches the `ResponseMessageType` part of a value (used by the derive for nested
/// messages, which may be optional).
pub trait AsHeader {
    /// The header, if present.
    fn as_header(&self) -> Option<&ResponseMessageType>;
}

impl AsHeader for ResponseMessageType {
    fn as_header(&self) -> Option<&ResponseMessageType> {
        Some(self)
    }
}

impl AsHeader for Option<ResponseMessageType> {
    fn as_header(&self) -> Option<&ResponseMessageType> {
        self.as_ref()
    }
}

impl AsHeader for Option<Box<ResponseMessageType>> {
    fn as_header(&self) -> Option<&ResponseMessageType> {
        self.as_deref()
    }
}

/// The result of a successful (or warning) response message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    /// `ResponseClass="Success"`.
    Success(T),
    /// `ResponseClass="Warning"`: the payload, and the warning's code, text and
    /// `MessageXml` (not an error, and not to be silently dropped either).
    Warning {
        /// The message with its payload.
        value: T,
        /// The warning's data.
        warning: ResponseError,
    },
}

impl<T> Outcome<T> {
    /// The message, whatever the class.
    pub fn value(&self) -> &T {
        match self {
            Outcome::Success(v) | Outcome::Warning { value: v, .. } => v,
        }
    }

    /// The message, whatever the class.
    pub fn into_value(self) -> T {
        match self {
            Outcome::Success(v) | Outcome::Warning { value: v, .. } => v,
        }
    }

    /// The warning, if this is one.
    pub fn warning(&self) -> Option<&ResponseError> {
        match self {
            Outcome::Success(_) => None,
            Outcome::Warning { warning, .. } => Some(warning),
        }
    }
}

/// Typed data that some response codes put in `MessageXml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ErrorDetail {
    /// Nothing typed (see [`ResponseError::message_xml`] for raw content).
    #[default]
    None,
    /// `ErrorServerBusy`: `<t:Value Name="BackOffMilliseconds">`.
    ServerBusy {
        /// How long to wait before retrying.
        back_off_milliseconds: u64,
    },
    /// `ErrorInvalidPropertyRequest` / `ErrorInvalidPropertySet`: the offending property.
    InvalidProperty {
        /// `item:Subject`; for an indexed field `contacts:EmailAddress[EmailAddress1]`; for an
        /// extended property its attributes (`PropertyTag=0x1000`, ...).
        field_uri: String,
    },
    /// `ErrorInternalServerError`: `<t:Value Name="InnerErrorResponseCode">`.
    InternalServerError {
        /// The inner error's response code.
        inner_code: String,
    },
}

/// An `Error` response message (or, inside [`Outcome::Warning`], a warning's data): the
/// response code, message text, descriptive link key and the raw `MessageXml`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ResponseError {
    /// `ResponseClass` (`Error`, or `Warning` inside an [`Outcome::Warning`]).
    pub class: ResponseClassType,
    /// `ResponseCode`, if present (servers always send it; the schema allows leaving it out).
    pub code: Option<ResponseCodeType>,
    /// `MessageText`.
    pub message_text: Option<String>,
    /// `DescriptiveLinkKey`.
    pub descriptive_link_key: Option<i32>,
    /// The content of `MessageXml`, as read.
    pub message_xml: Vec<AnyElement>,
    /// What the code's `MessageXml` says, typed where the code defines it.
    pub detail: ErrorDetail,
}

/// The header of a response message as Exchange writes it, for servers and test doubles:
/// the base of every response message type (`ItemInfoResponseMessageType { base:
/// ResponseMessageType::success(), items: Some(…), .. }`).
impl ResponseMessageType {
    /// `ResponseClass="Success"` with `ResponseCode` `NoError`.
    pub fn success() -> Self {
        ResponseMessageType {
            response_class: ResponseClassType::Success,
            response_code: Some(ResponseCodeType::NoError),
            ..Default::default()
        }
    }

    /// `ResponseClass="Error"` with `code`, its `MessageText` and `DescriptiveLinkKey` 0
    /// (Exchange writes all three).
    pub fn error(code: ResponseCodeType, text: impl Into<String>) -> Self {
        ResponseMessageType {
            response_class: ResponseClassType::Error,
            message_text: Some(text.into()),
            response_code: Some(code),
            descriptive_link_key: Some(0),
            ..Default::default()
        }
    }

    /// `ResponseClass="Warning"` with `code`, its `MessageText` and `DescriptiveLinkKey` 0
    /// (e.g. `ErrorBatchProcessingStopped` for the requests not processed after an error).
    pub fn warning(code: ResponseCodeType, text: impl Into<String>) -> Self {
        ResponseMessageType {
            response_class: ResponseClassType::Warning,
            ..Self::error(code, text)
        }
    }
}

/// The response codes that mean "try again later" ([`ResponseError::is_retryable`]), by
/// their wire value: the server is busy or timed out, too many connections or objects are
/// open, a connection or the mailbox store failed for a while, the mailbox is moving.
/// Compared as text, so that a code the schema level in use does not list (it reads as
/// `Unlisted`) counts too: `ErrorConnectionFailedTransientError` is in no schema's
/// enumeration, `ErrorTooManyObjectsOpened` is not in Exchange 2010's.
const RETRYABLE_CODES: &[&str] = &[
    "ErrorServerBusy",
    "ErrorTimeoutExpired",
    "ErrorExceededConnectionCount",
    "ErrorConnectionFailed",
    "ErrorConnectionFailedTransientError",
    "ErrorInternalServerTransientError",
    "ErrorMailboxStoreUnavailable",
    "ErrorMailboxMoveInProgress",
    "ErrorTooManyObjectsOpened",
];

/// Whether response code `code` means "try again later" (one of `RETRYABLE_CODES`).
pub fn is_retryable_code(code: &ResponseCodeType) -> bool {
    RETRYABLE_CODES.contains(&code.as_str())
}

impl ResponseError {
    /// Collects the error data of `header`.
    pub fn from_header(header: &ResponseMessageType) -> Self {
        let message_xml = header
            .message_xml
            .as_ref()
            .map(|m| m.any.clone())
            .unwrap_or_default();
        let detail = detail(header.response_code.as_ref(), &message_xml);
        ResponseError {
            class: header.response_class.clone(),
            code: header.response_code.clone(),
            message_text: header.message_text.clone(),
            descriptive_link_key: header.descriptive_link_key,
            message_xml,
            detail,
        }
    }

    /// Whether the code means "try again later" (see [`is_retryable_code`]).
    pub fn is_retryable(&self) -> bool {
        self.code.as_ref().is_some_and(is_retryable_code)
    }

    /// The back-off a busy server asked for.
    pub fn back_off_milliseconds(&self) -> Option<u64> {
        match self.detail {
            ErrorDetail::ServerBusy {
                back_off_milliseconds,
            } => Some(back_off_milliseconds),
            _ => None,
        }
    }
}

fn value_named<'e>(xml: &'e [AnyElement], name: &str) -> Option<&'e AnyElement> {
    xml.iter()
        .find(|e| e.name == "Value" && e.attribute("Name") == Some(name))
}

fn detail(code: Option<&ResponseCodeType>, xml: &[AnyElement]) -> ErrorDetail {
    let Some(code) = code else {
        return ErrorDetail::None;
    };
    use ResponseCodeType as C;
    match code {
        C::ErrorServerBusy => value_named(xml, "BackOffMilliseconds")
            .and_then(|v| v.text().trim().parse().ok())
            .map_or(ErrorDetail::None, |ms| ErrorDetail::ServerBusy {
                back_off_milliseconds: ms,
            }),
        C::ErrorInvalidPropertyRequest | C::ErrorInvalidPropertySet => {
            let field = xml.iter().find_map(|e| match e.name.as_str() {
                "FieldURI" => e.attribute("FieldURI").map(str::to_owned),
                "IndexedFieldURI" => e
                    .attribute("FieldURI")
                    .map(|f| format!("{f}[{}]", e.attribute("FieldIndex").unwrap_or(""))),
                "ExtendedFieldURI" => {
                    let parts: Vec<String> = e
                        .attributes
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect();
                    Some(parts.join(", "))
                }
                _ => None,
            });
            field.map_or(ErrorDetail::None, |field_uri| {
                ErrorDetail::InvalidProperty { field_uri }
            })
        }
        C::ErrorInternalServerError => value_named(xml, "InnerErrorResponseCode")
            .map(|v| ErrorDetail::InternalServerError {
                inner_code: v.text().trim().to_owned(),
            })
            .unwrap_or(ErrorDetail::None),
        _ => ErrorDetail::None,
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self
            .code
            .as_ref()
            .map_or("(no response code)", |c| c.as_str());
        write!(f, "EWS {}: {code}", self.class)?;
        if let Some(t) = &self.message_text {
            write!(f, ": {t}")?;
        }
        if let Some(k) = self.descriptive_link_key {
            write!(f, " (descriptive link key {k})")?;
        }
        match &self.detail {
            ErrorDetail::None => {}
            ErrorDetail::ServerBusy {
                back_off_milliseconds,
            } => write!(f, "; retry after {back_off_milliseconds} ms")?,
            ErrorDetail::InvalidProperty { field_uri } => write!(f, "; property {field_uri}")?,
            ErrorDetail::InternalServerError { inner_code } => {
                write!(f, "; inner error {inner_code}")?
            }
        }
        Ok(())
    }
}

impl std::error::Error for ResponseError {}

/// One response message: derived on every type that extends `m:ResponseMessageType`, on
/// those that nest one, and on the batch entries enum.
pub trait ResponseMessage: Sized {
    /// The class, code and texts (`None` only where the schema lets the message out).
    fn header(&self) -> Option<&ResponseMessageType>;

    /// `ResponseClass` (a missing nested message counts as `Success`).
    fn response_class(&self) -> ResponseClassType {
        self.header()
            .map_or(ResponseClassType::Success, |h| h.response_class.clone())
    }

    /// `ResponseCode`.
    fn response_code(&self) -> Option<&ResponseCodeType> {
        self.header().and_then(|h| h.response_code.as_ref())
    }

    /// `Ok(Success)`, `Ok(Warning)` with the warning's data, or `Err` with the error's data.
    /// A class this schema does not know is treated as an error.
    // Error responses are the rare path; a plain struct keeps matching on its fields easy.
    #[allow(clippy::result_large_err)]
    fn into_result(self) -> Result<Outcome<Self>, ResponseError> {
        match self.header() {
            None => Ok(Outcome::Success(self)),
            Some(h) => match h.response_class {
                ResponseClassType::Success => Ok(Outcome::Success(self)),
                ResponseClassType::Warning => {
                    let warning = ResponseError::from_header(h);
                    Ok(Outcome::Warning {
                        value: self,
                        warning,
                    })
                }
                _ => Err(ResponseError::from_header(h)),
            },
        }
    }
}

/// Whether `message` must carry the content its schema type requires: only `Success`
/// messages must. `Error` messages leave their payload out, and so do `Warning` messages,
/// which Exchange sends for requests it did not process (e.g. `ErrorBatchProcessingStopped`,
/// see the `ResponseClass` attribute in the
/// [documentation](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsemessage)).
/// Generated [`ComplexType::unfit`](super::ComplexType::unfit) asks it.
pub fn is_success<M: ResponseMessage>(message: &M) -> bool {
    message
        .header()
        .is_none_or(|h| h.response_class == ResponseClassType::Success)
}

/// Boxed messages (the batch entries enum boxes its members).
impl<T: ResponseMessage> ResponseMessage for Box<T> {
    fn header(&self) -> Option<&ResponseMessageType> {
        (**self).header()
    }
}

impl ResponseMessage for ResponseMessageType {
    fn header(&self) -> Option<&ResponseMessageType> {
        Some(self)
    }
}

/// Counts of messages by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassCounts {
    /// `Success` messages.
    pub success: usize,
    /// `Warning` messages.
    pub warning: usize,
    /// `Error` messages (and classes this schema does not know).
    pub error: usize,
}

/// A response body with its messages (one for root-class and nested responses, one per
/// entry for batches).
pub trait Response: Sized {
    /// The message type.
    type Message: ResponseMessage;

    /// The headers (class, code, texts) of the messages, in order; `None` for a nested
    /// message the schema lets out.
    fn headers(&self) -> Vec<Option<&ResponseMessageType>>;

    /// The messages, in order, by value.
    fn into_messages(self) -> Vec<Self::Message>;

    /// Each message as a `Result`.
    fn into_results(self) -> Vec<Result<Outcome<Self::Message>, ResponseError>> {
        self.into_messages()
            .into_iter()
            .map(ResponseMessage::into_result)
            .collect()
    }

    /// All messages if none is an error; else the first error.
    #[allow(clippy::result_large_err)]
    fn into_all(self) -> Result<Vec<Outcome<Self::Message>>, ResponseError> {
        self.into_messages()
            .into_iter()
            .map(ResponseMessage::into_result)
            .collect()
    }

    /// How many messages of each class.
    fn counts(&self) -> ClassCounts {
        let mut c = ClassCounts::default();
        for h in self.headers() {
            match h.map_or(ResponseClassType::Success, |h| h.response_class.clone()) {
                ResponseClassType::Success => c.success += 1,
                ResponseClassType::Warning => c.warning += 1,
                _ => c.error += 1,
            }
        }
        c
    }
}

/// A batch's messages as read: the derive on each array type (`GetItemResponseMessages`)
/// delegates here.
impl<M: ResponseMessage> Response for Vec<M> {
    type Message = M;

    fn headers(&self) -> Vec<Option<&ResponseMessageType>> {
        self.iter().map(ResponseMessage::header).collect()
    }

    fn into_messages(self) -> Vec<M> {
        self
    }
}

#[cfg(feature = "availability")]
pub use availability::AvailabilityMessage;

/// `GetUserAvailability`'s nested messages (its operation family: `availability`).
#[cfg(feature = "availability")]
mod availability {
    use super::{Response, ResponseMessage, ResponseMessageType};
    use crate::messages::GetUserAvailabilityResponse;

    /// One entry of a `GetUserAvailability` response: the free/busy answer for one requested
    /// mailbox, or the meeting-time suggestions. Each nests its own `ResponseMessage`.
    #[derive(Debug, Clone, PartialEq)]
    #[allow(clippy::large_enum_variant)] // as the generated choice enums: entries are read in place
    pub enum AvailabilityMessage {
        /// One `FreeBusyResponse`, in the order the mailboxes were requested.
        FreeBusy(crate::messages::FreeBusyResponseType),
        /// The `SuggestionsResponse`.
        Suggestions(Box<crate::messages::SuggestionsResponseType>),
    }

    impl ResponseMessage for AvailabilityMessage {
        fn header(&self) -> Option<&ResponseMessageType> {
            match self {
                AvailabilityMessage::FreeBusy(m) => m.header(),
                AvailabilityMessage::Suggestions(m) => m.header(),
            }
        }
    }

    /// `GetUserAvailability` nests its messages in the free/busy entries and the suggestions:
    /// its messages are those, free/busy first.
    impl Response for crate::messages::GetUserAvailabilityResponseType {
        type Message = AvailabilityMessage;

        fn headers(&self) -> Vec<Option<&ResponseMessageType>> {
            let free_busy = self
                .free_busy_response_array
                .iter()
                .flat_map(|a| &a.free_busy_response);
            let mut out: Vec<Option<&ResponseMessageType>> =
                free_busy.map(ResponseMessage::header).collect();
            out.extend(
                self.suggestions_response
                    .as_ref()
                    .map(ResponseMessage::header),
            );
            out
        }

        fn into_messages(self) -> Vec<Self::Message> {
            let mut out: Vec<AvailabilityMessage> = self
                .free_busy_response_array
                .map(|a| {
                    a.free_busy_response
                        .into_iter()
                        .map(AvailabilityMessage::FreeBusy)
                        .collect()
                })
                .unwrap_or_default();
            out.extend(
                self.suggestions_response
                    .map(AvailabilityMessage::Suggestions),
            );
            out
        }
    }

    crate::response_wrapper!(
        GetUserAvailabilityResponse,
        crate::messages::GetUserAvailabilityResponseType
    );
}
