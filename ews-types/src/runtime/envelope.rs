//! SOAP 1.1 envelopes for EWS operations: typed headers, the operation's body, and faults.
//!
//! Both directions exist for every operation (clients write requests and read responses;
//! servers and test doubles read requests and write responses):
//! [`write_request`], [`read_request`], [`write_response`], [`read_response`]; and for faults,
//! [`write_fault`] and [`EnvelopeError::Fault`]. The push notifications of Exchange's
//! notification service are the operation [`SendNotification`] (feature `notifications`).

use std::fmt;

use super::any::{write_attributes, AnyAttribute, AnyElement};
use super::error::{ErrorKind, ReadError};
use super::read::{ReadOptions, Reader, Start};
use super::response::Response;
use super::version::{self, ExchangeVersion, VersionViolation, Versioned};
use super::write::{InvalidContent, Writer};
use super::{Element, Ns, XmlElement};
use crate::types;

mod fault;
mod fault_code;
mod fault_detail;
#[cfg(feature = "notifications")]
mod notification;

pub use fault::Fault;
pub use fault_code::FaultCode;
#[cfg(feature = "notifications")]
pub use notification::SendNotification;

/// The SOAP 1.1 envelope namespace.
pub const SOAP_NS: &str = super::xml::SOAP_URI;
/// The namespace of the EWS fault details (`e:ResponseCode`, `e:Message`).
pub const ERRORS_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/errors";

// HeaderName, RequestHeaders and ResponseHeaders: the header set of the WSDL's bindings.
generated!("headers.rs");

/// Writes a typed header that holds a value (generated `write_typed`).
fn write_header<E: Element>(w: &mut Writer, v: &Option<E>) {
    if let Some(v) = v {
        v.write_element(w, E::NS, E::NAME);
    }
}

/// Reads a header element into its typed field (generated `read_typed`).
fn read_header<'a, E: Element>(
    slot: &mut Option<E>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    *slot = Some(E::read_element(r, c)?);
    Ok(())
}

impl HeaderName {
    /// The header `c` is, if it is one of the WSDL's.
    fn of(c: &Start<'_>) -> Option<HeaderName> {
        match c.ns {
            Ns::Types => HeaderName::of_types(c.local),
            _ => None,
        }
    }
}

/// An EWS operation, as declared by `services.wsdl`: generated for all of them in
/// [`crate::operations`].
pub trait Operation {
    /// The operation's name (`GetItem`).
    const NAME: &'static str;
    /// The `SOAPAction` HTTP header value, exactly as the WSDL binding gives it.
    const SOAP_ACTION: &'static str;
    /// The SOAP headers the binding declares for the request.
    const REQUEST_HEADERS: &'static [HeaderName];
    /// The SOAP headers the binding declares for the response.
    const RESPONSE_HEADERS: &'static [HeaderName];
    /// The Exchange version that introduced the operation, from Microsoft's documentation;
    /// `None` when the docs do not say (see [`version`]).
    const SINCE: Option<ExchangeVersion> = None;
    /// The request body element.
    type Request: Element + Versioned + fmt::Debug + PartialEq;
    /// The response body element. Its [`Response::Message`] is the operation's message
    /// type: `ItemInfoResponseMessageType` for `GetItem`, the body itself where the class
    /// stands on the root or a nested message.
    type Response: Element + Response + fmt::Debug + PartialEq;
}

/// The message type of operation `O`'s responses (`Message<operations::GetItem>` is
/// `ItemInfoResponseMessageType`).
pub type Message<O> = <<O as Operation>::Response as Response>::Message;

/// Something that wants to see every operation's type (see `operations::visit_all`).
pub trait OperationVisitor {
    /// Called once per operation.
    fn visit<O: Operation>(&mut self);
}

/// What a SOAP envelope carries besides its header entries and body: the attributes of
/// `Envelope`, `Header` and `Body` (SOAP 1.1 allows any) and whether a `Header` element
/// stood there though empty. Kept when read, so that writing reproduces the envelope. Its
/// `Debug` form is `EnvelopeExtras` when there is nothing (the usual case).
#[derive(Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct EnvelopeExtras {
    /// Attributes of `soap:Envelope` (namespace declarations aside).
    pub envelope_attributes: Vec<AnyAttribute>,
    /// Attributes of `soap:Header`.
    pub header_attributes: Vec<AnyAttribute>,
    /// Attributes of `soap:Body`.
    pub body_attributes: Vec<AnyAttribute>,
    /// A `soap:Header` element is written even when there are no header entries (read:
    /// the envelope had an empty one).
    pub header_element: bool,
}

impl fmt::Debug for EnvelopeExtras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == EnvelopeExtras::default() {
            return f.write_str("EnvelopeExtras");
        }
        f.debug_struct("EnvelopeExtras")
            .field("envelope_attributes", &self.envelope_attributes)
            .field("header_attributes", &self.header_attributes)
            .field("body_attributes", &self.body_attributes)
            .field("header_element", &self.header_element)
            .finish()
    }
}

impl EnvelopeExtras {
    fn read_attributes<'a>(
        r: &Reader<'a>,
        start: &Start<'a>,
        into: &mut Vec<AnyAttribute>,
    ) -> Result<(), ReadError> {
        r.all_attributes(start, |a| {
            into.push(AnyAttribute::from_attr(a));
            Ok(())
        })
    }
}

impl RequestHeaders {
    /// Headers with `RequestServerVersion` set to `version`.
    pub fn for_version(version: types::ExchangeVersionType) -> Self {
        RequestHeaders {
            request_server_version: Some(types::RequestServerVersion(
                types::RequestServerVersionContent {
                    version,
                    ..Default::default()
                },
            )),
            ..Default::default()
        }
    }

    /// Sets `MailboxCulture` (e.g. `en-US`); fails when `culture` is not an `xs:language`
    /// value.
    pub fn with_mailbox_culture(mut self, culture: &str) -> Result<Self, ReadError> {
        self.mailbox_culture = Some(super::from_text(culture)?);
        Ok(self)
    }

    /// Sets `ExchangeImpersonation`.
    pub fn with_impersonation(mut self, who: types::ConnectingSidType) -> Self {
        self.exchange_impersonation = Some(types::ExchangeImpersonation(
            types::ExchangeImpersonationType {
                connecting_sid: who,
                ..Default::default()
            },
        ));
        self
    }

    fn write(&self, w: &mut Writer) {
        self.write_typed(w);
        for e in &self.other {
            e.write(w);
        }
    }

    /// Reads one header element: a header `declared` by the operation goes to its typed
    /// field, anything else (unknown, or known but not declared for this operation, which
    /// [`write_request`] would refuse in a typed field) to [`other`](Self::other).
    fn read_one<'a>(
        &mut self,
        r: &mut Reader<'a>,
        c: &Start<'a>,
        declared: &[HeaderName],
    ) -> Result<(), ReadError> {
        if let Some(name) = HeaderName::of(c).filter(|n| declared.contains(n)) {
            if self.read_typed(name, r, c)? {
                return Ok(());
            }
        }
        self.other.push(AnyElement::read(r, c)?);
        Ok(())
    }
}

impl ResponseHeaders {
    /// Headers with `ServerVersionInfo` as Exchange writes it: the server's version and
    /// build (`15`, `2`, `1544`, `4`: an Exchange 2019 build) and `Version`, the schema
    /// version it answers with (`V2018_01_08`, or `Exchange2013` and alike for older ones).
    pub fn for_server(
        major: i32,
        minor: i32,
        major_build: i32,
        minor_build: i32,
        version: impl Into<String>,
    ) -> Self {
        ResponseHeaders {
            server_version_info: Some(types::ServerVersionInfo(types::ServerVersionInfoContent {
                major_version: Some(major),
                minor_version: Some(minor),
                major_build_number: Some(major_build),
                minor_build_number: Some(minor_build),
                version: Some(version.into()),
                ..Default::default()
            })),
            ..Default::default()
        }
    }

    /// Whether there is no header entry at all.
    pub fn is_empty(&self) -> bool {
        self.set().is_empty() && self.other.is_empty()
    }

    fn write(&self, w: &mut Writer) {
        self.write_typed(w);
        for e in &self.other {
            e.write(w);
        }
    }

    fn read_one<'a>(&mut self, r: &mut Reader<'a>, c: &Start<'a>) -> Result<(), ReadError> {
        if let Some(name) = HeaderName::of(c) {
            if self.read_typed(name, r, c)? {
                return Ok(());
            }
        }
        self.other.push(AnyElement::read(r, c)?);
        Ok(())
    }
}

/// Why an envelope could not be read or written.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The XML could not be read (position and element path inside).
    Read(ReadError),
    /// The server answered with a SOAP fault.
    Fault(Box<Fault>),
    /// A header was set that the operation's binding does not declare.
    HeaderNotDeclared {
        /// The operation.
        operation: &'static str,
        /// The header.
        header: HeaderName,
    },
    /// `RequestServerVersion` is older than what the request needs (the operation or
    /// elements it uses were introduced later; see [`version`]).
    VersionTooLow {
        /// The operation.
        operation: &'static str,
        /// The `RequestServerVersion` of the headers.
        requested: ExchangeVersion,
        /// What the request needs ([`version::required`]).
        required: ExchangeVersion,
        /// The operation and elements newer than `requested`.
        violations: Vec<VersionViolation>,
    },
    /// Text or attribute values of the request hold characters XML 1.0 cannot carry
    /// (control characters other than tab, newline and carriage return; U+FFFE, U+FFFF).
    /// Exchange would refuse the request; remove them first.
    InvalidCharacters {
        /// The operation.
        operation: &'static str,
        /// How many such characters.
        count: usize,
    },
    /// The body holds or lacks what its schema types do not allow (e.g. a `Success`
    /// response message without its payload, an empty list that must hold one value, a value
    /// outside its type's facets); the envelope was not returned, because it would not be
    /// schema-valid.
    InvalidContent {
        /// The operation.
        operation: &'static str,
        /// What is wrong, and where.
        invalid: InvalidContent,
    },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::Read(e) => e.fmt(f),
            EnvelopeError::Fault(x) => x.fmt(f),
            EnvelopeError::HeaderNotDeclared { operation, header } => {
                write!(
                    f,
                    "operation {operation} does not declare the SOAP header {}",
                    header.as_str()
                )
            }
            EnvelopeError::VersionTooLow {
                operation,
                requested,
                required,
                violations,
            } => {
                write!(
                    f,
                    "{operation} request needs {required} but RequestServerVersion is {requested}: "
                )?;
                for (i, v) in violations.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    v.fmt(f)?;
                }
                Ok(())
            }
            EnvelopeError::InvalidCharacters { operation, count } => write!(
                f,
                "{operation} request has {count} character(s) XML cannot carry \
                 (control characters other than tab, newline and carriage return, U+FFFE, U+FFFF)"
            ),
            EnvelopeError::InvalidContent { operation, invalid } => {
                write!(f, "{operation}: {invalid}")
            }
        }
    }
}

impl std::error::Error for EnvelopeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EnvelopeError::Read(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ReadError> for EnvelopeError {
    fn from(e: ReadError) -> Self {
        EnvelopeError::Read(e)
    }
}

fn start_envelope(w: &mut Writer, extras: &EnvelopeExtras) {
    w.start(Ns::Soap, "Envelope");
    w.declare("soap", SOAP_NS);
    write_attributes(&extras.envelope_attributes, w);
}

/// What [`write_request_with`] does when `RequestServerVersion` is set and older than
/// what the request needs ([`version::required`]: the operation's
/// [`SINCE`](Operation::SINCE) and the newest element the body uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum VersionPolicy {
    /// Refuse with [`EnvelopeError::VersionTooLow`] (the default, and what
    /// [`write_request`] does).
    #[default]
    Refuse,
    /// Write the request and return the violations in [`WrittenRequest::warnings`].
    Warn,
    /// Do not check.
    Ignore,
}

/// Options of [`write_request_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// What to do when `RequestServerVersion` is too old for the request.
    pub version_policy: VersionPolicy,
}

impl WriteOptions {
    /// Options with the given version policy.
    pub fn version_policy(mut self, policy: VersionPolicy) -> Self {
        self.version_policy = policy;
        self
    }
}

/// A request written by [`write_request_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WrittenRequest {
    /// The envelope.
    pub xml: String,
    /// With [`VersionPolicy::Warn`]: what is newer than `RequestServerVersion`.
    pub warnings: Vec<VersionViolation>,
}

/// Writes the request envelope of operation `O`. When `RequestServerVersion` is set to a
/// version older than the request needs, it refuses with [`EnvelopeError::VersionTooLow`]
/// (see [`write_request_with`] to only warn).
pub fn write_request<O: Operation>(
    headers: &RequestHeaders,
    body: &O::Request,
) -> Result<String, EnvelopeError> {
    write_request_with::<O>(headers, body, &WriteOptions::default()).map(|w| w.xml)
}

/// [`write_request`] with options: what to do when `RequestServerVersion` is too old.
pub fn write_request_with<O: Operation>(
    headers: &RequestHeaders,
    body: &O::Request,
    options: &WriteOptions,
) -> Result<WrittenRequest, EnvelopeError> {
    if let Some(h) = headers
        .set()
        .into_iter()
        .find(|h| !O::REQUEST_HEADERS.contains(h))
    {
        return Err(EnvelopeError::HeaderNotDeclared {
            operation: O::NAME,
            header: h,
        });
    }
    let mut warnings = Vec::new();
    let requested = headers
        .request_server_version
        .as_ref()
        .and_then(|h| ExchangeVersion::try_from(&h.0.version).ok());
    if let (Some(requested), false) = (requested, options.version_policy == VersionPolicy::Ignore) {
        let violations = version::check_request::<O>(body, requested);
        if !violations.is_empty() {
            if options.version_policy == VersionPolicy::Refuse {
                let required = version::required::<O>(body).unwrap_or(requested);
                return Err(EnvelopeError::VersionTooLow {
                    operation: O::NAME,
                    requested,
                    required,
                    violations,
                });
            }
            warnings = violations;
        }
    }
    let has_headers = !headers.set().is_empty() || !headers.other.is_empty();
    let w = write_envelope(
        &headers.envelope,
        has_headers.then_some(|w: &mut Writer| headers.write(w)),
        |w| body.write_element(w, O::Request::NS, O::Request::NAME),
    );
    if w.replaced() > 0 {
        return Err(EnvelopeError::InvalidCharacters {
            operation: O::NAME,
            count: w.replaced(),
        });
    }
    complete::<O>(&w)?;
    Ok(WrittenRequest {
        xml: w.into_string(),
        warnings,
    })
}

/// Writes the response envelope of operation `O` (characters XML cannot carry are written as
/// U+FFFD, see [`Writer::replaced`]). Refuses with [`EnvelopeError::InvalidContent`] a body
/// that holds or lacks what the schema does not allow, such as a `Success` message without
/// its payload (e.g. a `GetItemResponseMessage` without `Items`).
pub fn write_response<O: Operation>(
    headers: &ResponseHeaders,
    body: &O::Response,
) -> Result<String, EnvelopeError> {
    let w = write_envelope(
        &headers.envelope,
        (!headers.is_empty()).then_some(|w: &mut Writer| headers.write(w)),
        |w| body.write_element(w, O::Response::NS, O::Response::NAME),
    );
    complete::<O>(&w)?;
    Ok(w.into_string())
}

/// `Err` when what `w` wrote is not what the schema allows (see [`Writer::invalid`]).
fn complete<O: Operation>(w: &Writer) -> Result<(), EnvelopeError> {
    match w.invalid() {
        Some(invalid) => Err(EnvelopeError::InvalidContent {
            operation: O::NAME,
            invalid,
        }),
        None => Ok(()),
    }
}

/// An envelope with a `Header` (when `headers` is given, or `extras` asks for one) and what
/// `body` writes in the Body.
fn write_envelope(
    extras: &EnvelopeExtras,
    headers: Option<impl FnOnce(&mut Writer)>,
    body: impl FnOnce(&mut Writer),
) -> Writer {
    let mut w = Writer::with_declaration();
    start_envelope(&mut w, extras);
    let header = extras.header_element || !extras.header_attributes.is_empty();
    if headers.is_some() || header {
        w.start(Ns::Soap, "Header");
        write_attributes(&extras.header_attributes, &mut w);
        if let Some(write_headers) = headers {
            write_headers(&mut w);
        }
        w.end(Ns::Soap, "Header");
    }
    w.start(Ns::Soap, "Body");
    write_attributes(&extras.body_attributes, &mut w);
    body(&mut w);
    w.end(Ns::Soap, "Body");
    w.end(Ns::Soap, "Envelope");
    w
}

/// Writes a fault envelope (what a server answers instead of a response), with the fault's
/// [`headers`](Fault::headers) (characters XML cannot carry are written as U+FFFD).
pub fn write_fault(fault: &Fault) -> String {
    let headers = &fault.headers;
    write_envelope(
        &headers.envelope,
        (!headers.is_empty()).then_some(|w: &mut Writer| headers.write(w)),
        |w| fault.write(w),
    )
    .into_string()
}

/// The local name of the SOAP Body's first element (which says the operation, e.g.
/// `GetItem` or `GetItemResponse`), if `xml` is an envelope with one.
pub fn body_element(xml: &[u8]) -> Option<String> {
    let mut r = Reader::new(xml, ReadOptions::default());
    let env = r.root().ok()?;
    if (env.ns, env.local) != (Ns::Soap, &b"Envelope"[..]) {
        return None;
    }
    r.enter(&env).ok()?;
    while let Some(c) = r.next_child().ok()? {
        if (c.ns, c.local) == (Ns::Soap, &b"Body"[..]) {
            r.enter(&c).ok()?;
            return r.next_child().ok()?.map(|b| b.local_str().to_owned());
        }
        r.skip(&c).ok()?;
    }
    None
}

/// Reads a request envelope of operation `O`. A Body holding a SOAP fault (which no request
/// has) is [`EnvelopeError::Fault`], without the request headers.
pub fn read_request<O: Operation>(
    xml: &[u8],
) -> Result<(RequestHeaders, O::Request), EnvelopeError> {
    read_request_with::<O>(xml, ReadOptions::default())
}

/// [`read_request`] with explicit limits.
pub fn read_request_with<O: Operation>(
    xml: &[u8],
    options: ReadOptions,
) -> Result<(RequestHeaders, O::Request), EnvelopeError> {
    let mut headers = RequestHeaders::default();
    let mut extras = EnvelopeExtras::default();
    let payload = read_envelope::<O::Request>(xml, options, &mut extras, &mut |r, c| {
        headers.read_one(r, c, O::REQUEST_HEADERS)
    })?;
    headers.envelope = extras;
    match payload {
        Payload::Body(body) => Ok((headers, body)),
        Payload::Fault(fault) => Err(EnvelopeError::Fault(fault)),
    }
}

/// Reads a response envelope of operation `O`; a SOAP fault becomes [`EnvelopeError::Fault`]
/// (with the envelope's headers in [`Fault::headers`]). A response without a `Header` is
/// fine.
pub fn read_response<O: Operation>(
    xml: &[u8],
) -> Result<(ResponseHeaders, O::Response), EnvelopeError> {
    read_response_with::<O>(xml, ReadOptions::default())
}

/// [`read_response`] with explicit limits.
pub fn read_response_with<O: Operation>(
    xml: &[u8],
    options: ReadOptions,
) -> Result<(ResponseHeaders, O::Response), EnvelopeError> {
    let mut headers = ResponseHeaders::default();
    let mut extras = EnvelopeExtras::default();
    let payload = read_envelope::<O::Response>(xml, options, &mut extras, &mut |r, c| {
        headers.read_one(r, c)
    })?;
    headers.envelope = extras;
    match payload {
        Payload::Body(body) => Ok((headers, body)),
        Payload::Fault(mut fault) => {
            fault.headers = headers;
            Err(EnvelopeError::Fault(fault))
        }
    }
}

/// What a SOAP Body holds: the operation's element or a fault.
enum Payload<B> {
    Body(B),
    Fault(Box<Fault>),
}

type HeaderFn<'f> = dyn for<'a> FnMut(&mut Reader<'a>, &Start<'a>) -> Result<(), ReadError> + 'f;

/// An element as error messages name it: `{namespace}Name`.
/// How an unexpected element is named in errors: `{namespace URI}local`, as everywhere.
fn found(c: &Start<'_>) -> String {
    super::read::qualified(c)
}

fn expect(r: &Reader<'_>, c: &Start<'_>, ns: Ns, name: &str) -> Result<(), ReadError> {
    if c.ns == ns && c.local == name.as_bytes() {
        return Ok(());
    }
    Err(r.error_at(
        ErrorKind::UnexpectedElement {
            expected: format!("{}:{name}", ns.prefix()),
            found: found(c),
        },
        c.offset(),
    ))
}

/// Reads the envelope's `Header` element `c`: its attributes, and each entry with `header`.
fn read_header_element<'a>(
    r: &mut Reader<'a>,
    c: &Start<'a>,
    extras: &mut EnvelopeExtras,
    header: &mut HeaderFn<'_>,
) -> Result<(), ReadError> {
    r.enter(c)?;
    EnvelopeExtras::read_attributes(r, c, &mut extras.header_attributes)?;
    // An empty Header is kept as such; one with entries is written anyway.
    extras.header_element = true;
    if !c.is_empty() {
        while let Some(h) = r.next_child()? {
            header(r, &h)?;
            extras.header_element = false;
        }
    }
    r.leave();
    Ok(())
}

/// Reads an envelope: its headers with `header`, and its Body's one element (`B` or a
/// fault); anything else in it, or after it, is an error.
fn read_envelope<B: Element>(
    xml: &[u8],
    options: ReadOptions,
    extras: &mut EnvelopeExtras,
    header: &mut HeaderFn<'_>,
) -> Result<Payload<B>, ReadError> {
    let mut r = Reader::new(xml, options);
    let env = r.root()?;
    expect(&r, &env, Ns::Soap, "Envelope")?;
    r.enter(&env)?;
    EnvelopeExtras::read_attributes(&r, &env, &mut extras.envelope_attributes)?;
    let mut payload = None;
    while let Some(c) = r.next_child()? {
        match (c.ns, c.local) {
            (Ns::Soap, b"Header") if payload.is_none() => {
                read_header_element(&mut r, &c, extras, header)?;
            }
            (Ns::Soap, b"Body") if payload.is_none() => {
                EnvelopeExtras::read_attributes(&r, &c, &mut extras.body_attributes)?;
                payload = Some(read_body::<B>(&mut r, &env, &c)?);
            }
            _ => {
                let kind = ErrorKind::UnexpectedElement {
                    expected: "soap:Header or soap:Body".into(),
                    found: found(&c),
                };
                return Err(r.error_at(kind, c.offset()));
            }
        }
    }
    r.leave();
    r.end_of_document()?;
    payload.ok_or_else(|| r.error_at(ErrorKind::MissingElement("Body"), env.offset()))
}

/// Reads the head of a response envelope for the streaming reader ([`super::stream`]):
/// `head` is the document up to the start tag of the Body's element, which must be `B`'s (a
/// fault is read with [`read_response_with`] instead). Gives the headers.
pub(crate) fn read_response_head<B: Element>(
    head: &[u8],
    options: ReadOptions,
) -> Result<ResponseHeaders, ReadError> {
    let mut headers = ResponseHeaders::default();
    let mut extras = EnvelopeExtras::default();
    let mut r = Reader::new(head, options);
    let env = r.root()?;
    expect(&r, &env, Ns::Soap, "Envelope")?;
    r.enter(&env)?;
    EnvelopeExtras::read_attributes(&r, &env, &mut extras.envelope_attributes)?;
    while let Some(c) = r.next_child()? {
        match (c.ns, c.local) {
            (Ns::Soap, b"Header") => {
                read_header_element(&mut r, &c, &mut extras, &mut |r, h| headers.read_one(r, h))?;
            }
            (Ns::Soap, b"Body") => {
                EnvelopeExtras::read_attributes(&r, &c, &mut extras.body_attributes)?;
                r.enter(&c)?;
                let first = r.next_child()?;
                let first =
                    first.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, head.len()))?;
                expect(&r, &first, B::NS, B::NAME)?;
                headers.envelope = extras;
                return Ok(headers);
            }
            _ => {
                let kind = ErrorKind::UnexpectedElement {
                    expected: "soap:Header or soap:Body".into(),
                    found: found(&c),
                };
                return Err(r.error_at(kind, c.offset()));
            }
        }
    }
    Err(r.error_at(ErrorKind::MissingElement("Body"), env.offset()))
}

/// Reads the Body `body` of the envelope `env`: exactly one element, `B` or a fault.
fn read_body<'a, B: Element>(
    r: &mut Reader<'a>,
    env: &Start<'a>,
    body: &Start<'a>,
) -> Result<Payload<B>, ReadError> {
    r.enter(body)?;
    let Some(first) = (if body.is_empty() {
        None
    } else {
        r.next_child()?
    }) else {
        return Err(r.error_at(ErrorKind::MissingElement(B::NAME), body.offset()));
    };
    let payload = if (first.ns, first.local) == (Ns::Soap, &b"Fault"[..]) {
        Payload::Fault(Box::new(Fault::read(r, &[env, body], &first)?))
    } else {
        expect(r, &first, B::NS, B::NAME)?;
        Payload::Body(B::read_element(r, &first)?)
    };
    if let Some(extra) = r.next_child()? {
        let kind = ErrorKind::UnexpectedElement {
            expected: "</soap:Body> (one element only)".into(),
            found: found(&extra),
        };
        return Err(r.error_at(kind, extra.offset()));
    }
    r.leave();
    Ok(payload)
}
