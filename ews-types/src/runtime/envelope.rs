//! SOAP 1.1 envelopes for EWS operations: typed headers, the operation's body, and faults.
//!
//! Both directions exist for every operation (clients write requests and read responses;
//! servers and test doubles read requests and write responses):
//! [`write_request`], [`read_request`], [`write_response`], [`read_response`].

use std::fmt;

use super::any::AnyElement;
use super::error::{ErrorKind, ReadError};
use super::read::{ReadOptions, Reader, Start};
use super::version::{self, ExchangeVersion, VersionViolation, Versioned};
use super::write::Writer;
use super::{Element, Ns, XmlElement};
use crate::messages::ResponseCodeType;
use crate::types;

/// The SOAP 1.1 envelope namespace.
pub const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const ERRORS_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/errors";
const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

/// The SOAP headers EWS operations declare (all in the `t:` namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HeaderName {
    /// `t:RequestServerVersion`: the schema version the request is written against.
    RequestServerVersion,
    /// `t:ExchangeImpersonation`: act as another user.
    ExchangeImpersonation,
    /// `t:MailboxCulture`: the culture for localized strings.
    MailboxCulture,
    /// `t:TimeZoneContext`: the time zone for dates without one.
    TimeZoneContext,
    /// `t:DateTimePrecision`: seconds or milliseconds in returned dates.
    DateTimePrecision,
    /// `t:ManagementRole`: RBAC roles for the call.
    ManagementRole,
    /// `t:ServerVersionInfo`: the server's version (responses).
    ServerVersionInfo,
}

impl HeaderName {
    /// The header element's local name.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderName::RequestServerVersion => "RequestServerVersion",
            HeaderName::ExchangeImpersonation => "ExchangeImpersonation",
            HeaderName::MailboxCulture => "MailboxCulture",
            HeaderName::TimeZoneContext => "TimeZoneContext",
            HeaderName::DateTimePrecision => "DateTimePrecision",
            HeaderName::ManagementRole => "ManagementRole",
            HeaderName::ServerVersionInfo => "ServerVersionInfo",
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
    /// The response body element.
    type Response: Element + fmt::Debug + PartialEq;
}

/// Something that wants to see every operation's type (see `operations::visit_all`).
pub trait OperationVisitor {
    /// Called once per operation.
    fn visit<O: Operation>(&mut self);
}

/// The typed SOAP headers of a request. Only headers the operation declares may be set.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct RequestHeaders {
    /// `t:RequestServerVersion`.
    pub request_server_version: Option<types::RequestServerVersion>,
    /// `t:ExchangeImpersonation`.
    pub exchange_impersonation: Option<types::ExchangeImpersonation>,
    /// `t:MailboxCulture`.
    pub mailbox_culture: Option<types::MailboxCulture>,
    /// `t:TimeZoneContext`.
    pub time_zone_context: Option<types::TimeZoneContext>,
    /// `t:DateTimePrecision`.
    pub date_time_precision: Option<types::DateTimePrecision>,
    /// `t:ManagementRole`.
    pub management_role: Option<types::ManagementRole>,
    /// Other header elements, kept as read: unknown ones, and known ones the operation
    /// does not declare.
    pub other: Vec<AnyElement>,
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

    /// Sets `MailboxCulture` (e.g. `en-US`).
    pub fn with_mailbox_culture(mut self, culture: impl Into<String>) -> Self {
        self.mailbox_culture = Some(types::MailboxCulture(types::MailboxCultureType {
            value: culture.into(),
            ..Default::default()
        }));
        self
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

    fn set(&self) -> Vec<HeaderName> {
        let mut out = Vec::new();
        if self.request_server_version.is_some() {
            out.push(HeaderName::RequestServerVersion);
        }
        if self.exchange_impersonation.is_some() {
            out.push(HeaderName::ExchangeImpersonation);
        }
        if self.mailbox_culture.is_some() {
            out.push(HeaderName::MailboxCulture);
        }
        if self.time_zone_context.is_some() {
            out.push(HeaderName::TimeZoneContext);
        }
        if self.date_time_precision.is_some() {
            out.push(HeaderName::DateTimePrecision);
        }
        if self.management_role.is_some() {
            out.push(HeaderName::ManagementRole);
        }
        out
    }

    fn write(&self, w: &mut Writer) {
        fn one<E: Element>(w: &mut Writer, v: &Option<E>) {
            if let Some(v) = v {
                v.write_element(w, E::NS, E::NAME);
            }
        }
        one(w, &self.request_server_version);
        one(w, &self.exchange_impersonation);
        one(w, &self.mailbox_culture);
        one(w, &self.time_zone_context);
        one(w, &self.date_time_precision);
        one(w, &self.management_role);
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
        fn slot<'a, E: Element>(
            s: &mut Option<E>,
            r: &mut Reader<'a>,
            c: &Start<'a>,
        ) -> Result<(), ReadError> {
            *s = Some(E::read_element(r, c)?);
            Ok(())
        }
        let name = match (c.ns, c.local) {
            (Ns::Types, b"RequestServerVersion") => Some(HeaderName::RequestServerVersion),
            (Ns::Types, b"ExchangeImpersonation") => Some(HeaderName::ExchangeImpersonation),
            (Ns::Types, b"MailboxCulture") => Some(HeaderName::MailboxCulture),
            (Ns::Types, b"TimeZoneContext") => Some(HeaderName::TimeZoneContext),
            (Ns::Types, b"DateTimePrecision") => Some(HeaderName::DateTimePrecision),
            (Ns::Types, b"ManagementRole") => Some(HeaderName::ManagementRole),
            _ => None,
        };
        match name.filter(|n| declared.contains(n)) {
            Some(HeaderName::RequestServerVersion) => slot(&mut self.request_server_version, r, c),
            Some(HeaderName::ExchangeImpersonation) => slot(&mut self.exchange_impersonation, r, c),
            Some(HeaderName::MailboxCulture) => slot(&mut self.mailbox_culture, r, c),
            Some(HeaderName::TimeZoneContext) => slot(&mut self.time_zone_context, r, c),
            Some(HeaderName::DateTimePrecision) => slot(&mut self.date_time_precision, r, c),
            Some(HeaderName::ManagementRole) => slot(&mut self.management_role, r, c),
            _ => {
                self.other.push(AnyElement::read(r, c)?);
                Ok(())
            }
        }
    }
}

/// The typed SOAP headers of a response.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ResponseHeaders {
    /// `t:ServerVersionInfo`: major/minor version and build numbers, version string.
    pub server_version_info: Option<types::ServerVersionInfo>,
    /// Other header elements, kept as read.
    pub other: Vec<AnyElement>,
}

impl ResponseHeaders {
    fn write(&self, w: &mut Writer) {
        if let Some(v) = &self.server_version_info {
            v.write_element(w, Ns::Types, "ServerVersionInfo");
        }
        for e in &self.other {
            e.write(w);
        }
    }

    fn read_one<'a>(&mut self, r: &mut Reader<'a>, c: &Start<'a>) -> Result<(), ReadError> {
        if (c.ns, c.local) == (Ns::Types, &b"ServerVersionInfo"[..]) {
            self.server_version_info = Some(types::ServerVersionInfo::read_element(r, c)?);
        } else {
            self.other.push(AnyElement::read(r, c)?);
        }
        Ok(())
    }
}

/// A SOAP fault, with the EWS details taken out of `detail`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Fault {
    /// `faultcode` as written (e.g. `a:ErrorSchemaValidation`, `s:Client`).
    pub code: String,
    /// `faultstring`.
    pub string: String,
    /// `faultactor`, if any.
    pub actor: Option<String>,
    /// The EWS `ResponseCode` from `detail` (e.g. `ErrorServerBusy`).
    pub response_code: Option<ResponseCodeType>,
    /// The EWS `Message` from `detail`.
    pub message: Option<String>,
    /// `MessageXml/LineNumber` (`ErrorSchemaValidation`).
    pub line_number: Option<u64>,
    /// `MessageXml/LinePosition` (`ErrorSchemaValidation`).
    pub line_position: Option<u64>,
    /// `MessageXml/Violation` (`ErrorSchemaValidation`).
    pub violation: Option<String>,
    /// `MessageXml/Value[@Name="BackOffMilliseconds"]` (`ErrorServerBusy`).
    pub back_off_milliseconds: Option<u64>,
    /// The whole `detail` element, as read.
    pub detail: Option<AnyElement>,
}

impl Fault {
    fn from_parts(
        code: String,
        string: String,
        actor: Option<String>,
        detail: Option<AnyElement>,
    ) -> Self {
        let mut f = Fault {
            code,
            string,
            actor,
            detail,
            ..Default::default()
        };
        if let Some(d) = &f.detail {
            for c in d.elements() {
                match (c.namespace.as_deref(), c.name.as_str()) {
                    (Some(ERRORS_NS), "ResponseCode") => {
                        f.response_code = Some(ResponseCodeType::from_wire(c.text().trim()))
                    }
                    (Some(ERRORS_NS), "Message") => f.message = Some(c.text()),
                    (Some(TYPES_NS), "MessageXml") => {
                        for x in c.elements() {
                            let t = x.text();
                            match x.name.as_str() {
                                "LineNumber" => f.line_number = t.trim().parse().ok(),
                                "LinePosition" => f.line_position = t.trim().parse().ok(),
                                "Violation" => f.violation = Some(t),
                                "Value" if x.attribute("Name") == Some("BackOffMilliseconds") => {
                                    f.back_off_milliseconds = t.trim().parse().ok();
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        f
    }

    /// Writes the fault as a SOAP `Fault` element.
    fn write(&self, w: &mut Writer) {
        w.start(Ns::Soap, "Fault");
        w.start_raw("faultcode");
        w.text_str(&self.code);
        w.end_raw("faultcode");
        w.start_raw("faultstring");
        w.text_str(&self.string);
        w.end_raw("faultstring");
        if let Some(a) = &self.actor {
            w.start_raw("faultactor");
            w.text_str(a);
            w.end_raw("faultactor");
        }
        if let Some(d) = &self.detail {
            d.write(w);
        }
        w.end(Ns::Soap, "Fault");
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}: {}", self.code, self.string)?;
        if let Some(c) = &self.response_code {
            write!(f, " ({c})")?;
        }
        if let (Some(l), Some(p)) = (self.line_number, self.line_position) {
            write!(f, " at request line {l}, position {p}")?;
        }
        if let Some(ms) = self.back_off_milliseconds {
            write!(f, "; retry after {ms} ms")?;
        }
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

fn start_envelope(w: &mut Writer) {
    w.start(Ns::Soap, "Envelope");
    w.declare("soap", SOAP_NS);
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
        has_headers.then_some(|w: &mut Writer| headers.write(w)),
        body,
    );
    if w.replaced() > 0 {
        return Err(EnvelopeError::InvalidCharacters {
            operation: O::NAME,
            count: w.replaced(),
        });
    }
    Ok(WrittenRequest {
        xml: w.into_string(),
        warnings,
    })
}

/// Writes the response envelope of operation `O` (characters XML cannot carry are written as
/// U+FFFD, see [`Writer::replaced`]).
pub fn write_response<O: Operation>(headers: &ResponseHeaders, body: &O::Response) -> String {
    let has_headers = headers.server_version_info.is_some() || !headers.other.is_empty();
    write_envelope(
        has_headers.then_some(|w: &mut Writer| headers.write(w)),
        body,
    )
    .into_string()
}

/// An envelope with a `Header` (when `headers` is given) and `body` as the Body's element.
fn write_envelope<B: Element>(headers: Option<impl FnOnce(&mut Writer)>, body: &B) -> Writer {
    let mut w = Writer::with_declaration();
    start_envelope(&mut w);
    if let Some(write_headers) = headers {
        w.start(Ns::Soap, "Header");
        write_headers(&mut w);
        w.end(Ns::Soap, "Header");
    }
    w.start(Ns::Soap, "Body");
    body.write_element(&mut w, B::NS, B::NAME);
    w.end(Ns::Soap, "Body");
    w.end(Ns::Soap, "Envelope");
    w
}

/// Writes a fault envelope (what a server answers instead of a response).
pub fn write_fault(fault: &Fault) -> String {
    let mut w = Writer::with_declaration();
    start_envelope(&mut w);
    w.start(Ns::Soap, "Body");
    fault.write(&mut w);
    w.end(Ns::Soap, "Body");
    w.end(Ns::Soap, "Envelope");
    w.into_string()
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

/// Reads a request envelope of operation `O`.
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
    let body = read_envelope::<O::Request>(xml, options, &mut |r, c| {
        headers.read_one(r, c, O::REQUEST_HEADERS)
    })?;
    Ok((headers, body))
}

/// Reads a response envelope of operation `O`; a SOAP fault becomes [`EnvelopeError::Fault`].
/// A response without a `Header` is fine.
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
    let body = read_envelope::<O::Response>(xml, options, &mut |r, c| headers.read_one(r, c))?;
    Ok((headers, body))
}

type HeaderFn<'f> = dyn for<'a> FnMut(&mut Reader<'a>, &Start<'a>) -> Result<(), ReadError> + 'f;

fn expect(r: &Reader<'_>, c: &Start<'_>, ns: Ns, name: &str) -> Result<(), ReadError> {
    if c.ns == ns && c.local == name.as_bytes() {
        return Ok(());
    }
    let found = format!("{{{:?}}}{}", c.ns, c.local_str());
    Err(r.error_at(
        ErrorKind::UnexpectedElement {
            expected: format!("{}:{name}", ns.prefix()),
            found,
        },
        c.offset(),
    ))
}

fn read_envelope<B: Element>(
    xml: &[u8],
    options: ReadOptions,
    header: &mut HeaderFn<'_>,
) -> Result<B, EnvelopeError> {
    let mut r = Reader::new(xml, options);
    let env = r.root()?;
    expect(&r, &env, Ns::Soap, "Envelope")?;
    r.enter(&env)?;
    let mut body = None;
    while let Some(c) = r.next_child()? {
        match (c.ns, c.local) {
            (Ns::Soap, b"Header") if body.is_none() => {
                r.enter(&c)?;
                if !c.is_empty() {
                    while let Some(h) = r.next_child()? {
                        header(&mut r, &h)?;
                    }
                }
                r.leave();
            }
            (Ns::Soap, b"Body") if body.is_none() => {
                r.enter(&c)?;
                let Some(first) = (if c.is_empty() { None } else { r.next_child()? }) else {
                    return Err(r
                        .error_at(ErrorKind::MissingElement(B::NAME), c.offset())
                        .into());
                };
                if (first.ns, first.local) == (Ns::Soap, &b"Fault"[..]) {
                    return Err(EnvelopeError::Fault(Box::new(read_fault(&mut r, &first)?)));
                }
                expect(&r, &first, B::NS, B::NAME)?;
                body = Some(B::read_element(&mut r, &first)?);
                while let Some(extra) = r.next_child()? {
                    r.skip(&extra)?;
                }
                r.leave();
            }
            _ => {
                let found = format!("{{{:?}}}{}", c.ns, c.local_str());
                return Err(r
                    .error_at(
                        ErrorKind::UnexpectedElement {
                            expected: "soap:Header or soap:Body".into(),
                            found,
                        },
                        c.offset(),
                    )
                    .into());
            }
        }
    }
    r.leave();
    body.ok_or_else(|| {
        r.error_at(ErrorKind::MissingElement("Body"), env.offset())
            .into()
    })
}

fn read_fault<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Fault, ReadError> {
    let raw = AnyElement::read(r, start)?;
    let mut code = String::new();
    let mut string = String::new();
    let mut actor = None;
    let mut detail = None;
    for c in raw.elements() {
        match c.name.as_str() {
            "faultcode" => code = c.text().trim().to_owned(),
            "faultstring" => string = c.text(),
            "faultactor" => actor = Some(c.text()),
            "detail" => detail = Some(c.clone()),
            _ => {}
        }
    }
    Ok(Fault::from_parts(code, string, actor, detail))
}
