//! SOAP 1.1 faults: what a server answers instead of a response. Read faithfully (the
//! `faultcode` QName resolved, `xml:lang`, the whole `detail`, the envelope's headers) so that
//! a fault written back says the same; Exchange's EWS details are typed fields.

use std::fmt;

use super::fault_code::{FaultCode, Scope};
use super::{fault_detail, ResponseHeaders};
use crate::messages::ResponseCodeType;
use crate::runtime::any::AnyElement;
use crate::runtime::error::{ErrorKind, ReadError};
use crate::runtime::read::{Reader, Start};
use crate::runtime::write::Writer;
use crate::runtime::Ns;

/// The `xml:lang` Exchange puts on `faultstring`.
const EXCHANGE_LANG: &str = "en-US";

/// A SOAP fault, with the EWS details of `detail` as typed fields.
///
/// The typed fields are what is written: [`write_fault`](super::write_fault) writes the kept
/// [`detail`](Self::detail) with the typed fields written over it (see
/// [`written_detail`](Self::written_detail)), so a fault read and written back says the same,
/// and a changed field is written as changed. The constructors make the faults Exchange sends
/// ([`Fault::ews`], [`Fault::schema_validation`], [`Fault::server_busy`],
/// [`Fault::internal_server_error`]).
///
/// The SOAP 1.1 fault: section 4.4 of <https://www.w3.org/TR/2000/NOTE-SOAP-20000508/>.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Fault {
    /// `faultcode` (e.g. `a:ErrorSchemaValidation` in the types namespace, `soap:Client`).
    pub code: FaultCode,
    /// `faultstring`.
    pub string: String,
    /// `faultstring/@xml:lang` (Exchange: `en-US`).
    pub lang: Option<String>,
    /// `faultactor`, if any.
    pub actor: Option<String>,
    /// `e:ResponseCode` in `detail` (e.g. `ErrorServerBusy`).
    pub response_code: Option<ResponseCodeType>,
    /// `e:Message` in `detail`.
    pub message: Option<String>,
    /// `t:MessageXml/t:LineNumber` (`ErrorSchemaValidation`).
    pub line_number: Option<u64>,
    /// `t:MessageXml/t:LinePosition` (`ErrorSchemaValidation`).
    pub line_position: Option<u64>,
    /// `t:MessageXml/t:Violation` (`ErrorSchemaValidation`).
    pub violation: Option<String>,
    /// `t:MessageXml/t:Value[@Name="BackOffMilliseconds"]` (`ErrorServerBusy`).
    pub back_off_milliseconds: Option<u64>,
    /// The `detail` element as read: everything in it, known or not, in order. Written as
    /// `detail` (its own name is not used) with the typed fields written over it.
    pub detail: Option<AnyElement>,
    /// The envelope's SOAP headers (e.g. `t:ServerVersionInfo`).
    pub headers: ResponseHeaders,
}

impl Fault {
    /// A fault with `code` and `string` only.
    pub fn new(code: FaultCode, string: impl Into<String>) -> Self {
        Fault {
            code,
            string: string.into(),
            lang: None,
            actor: None,
            response_code: None,
            message: None,
            line_number: None,
            line_position: None,
            violation: None,
            back_off_milliseconds: None,
            detail: None,
            headers: ResponseHeaders::default(),
        }
    }

    /// Whether `e:ResponseCode` means "try again later" (`ErrorServerBusy` and the others
    /// of [`is_retryable_code`](crate::runtime::response::is_retryable_code)).
    pub fn is_retryable(&self) -> bool {
        self.response_code
            .as_ref()
            .is_some_and(crate::runtime::response::is_retryable_code)
    }

    /// An EWS fault as Exchange writes it: `faultcode` `a:<code>` in the types namespace,
    /// `message` as `faultstring` (`xml:lang="en-US"`) and as `e:Message`, `code` as
    /// `e:ResponseCode`.
    pub fn ews(code: ResponseCodeType, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut f = Fault::new(FaultCode::ews(&code), message.clone());
        f.lang = Some(EXCHANGE_LANG.into());
        f.response_code = Some(code);
        f.message = Some(message);
        f.with_written_detail()
    }

    /// `ErrorSchemaValidation`: the request is not valid against the schema at `line`,
    /// `position` (`t:LineNumber`, `t:LinePosition`), for the reason `violation`.
    pub fn schema_validation(line: u64, position: u64, violation: impl Into<String>) -> Self {
        const MESSAGE: &str = "The request is not valid against the EWS schema.";
        let violation = violation.into();
        let mut f = Fault::ews(ResponseCodeType::ErrorSchemaValidation, MESSAGE);
        f.string = format!("{MESSAGE} {violation}");
        f.line_number = Some(line);
        f.line_position = Some(position);
        f.violation = Some(violation);
        f.with_written_detail()
    }

    /// `ErrorServerBusy`: retry after `back_off_ms` milliseconds
    /// (`t:Value Name="BackOffMilliseconds"`).
    pub fn server_busy(back_off_ms: u64) -> Self {
        const MESSAGE: &str =
            "The server is too busy for this request; retry after the back-off time.";
        let mut f = Fault::ews(ResponseCodeType::ErrorServerBusy, MESSAGE);
        f.back_off_milliseconds = Some(back_off_ms);
        f.with_written_detail()
    }

    /// `ErrorInternalServerError`, saying `message`.
    pub fn internal_server_error(message: impl Into<String>) -> Self {
        Fault::ews(ResponseCodeType::ErrorInternalServerError, message)
    }

    /// The `detail` [`write_fault`](super::write_fault) writes: the kept
    /// [`detail`](Self::detail) with the typed fields written over it (an element whose value
    /// differs gets the field's value, a missing one is inserted in Exchange's order, one
    /// whose field is `None` is removed); unknown content stays as it is.
    pub fn written_detail(&self) -> Option<AnyElement> {
        fault_detail::written(self)
    }

    /// Keeps the written detail, so that the fault equals what reading it back gives.
    fn with_written_detail(mut self) -> Self {
        self.detail = self.written_detail();
        self
    }

    /// Writes the fault as a SOAP `Fault` element.
    pub(super) fn write(&self, w: &mut Writer) {
        w.start(Ns::Soap, "Fault");
        self.code.write(w);
        w.start_raw("faultstring");
        if let Some(lang) = &self.lang {
            w.attr_str("xml:lang", lang);
        }
        w.text_str(&self.string);
        w.end_raw("faultstring");
        if let Some(a) = &self.actor {
            w.start_raw("faultactor");
            w.text_str(a);
            w.end_raw("faultactor");
        }
        if let Some(d) = self.written_detail() {
            w.start_raw("detail");
            crate::runtime::any::write_attributes(&d.attributes, w);
            d.write_content(w);
            w.end_raw("detail");
        }
        w.end(Ns::Soap, "Fault");
    }

    /// Reads the `Fault` element `start`; `outer` are its ancestors' start tags (`Envelope`,
    /// `Body`), whose namespace declarations the `faultcode` may use.
    pub(super) fn read<'a>(
        r: &mut Reader<'a>,
        outer: &[&Start<'a>],
        start: &Start<'a>,
    ) -> Result<Fault, ReadError> {
        let mut scope = Scope::default();
        for s in outer.iter().copied().chain([start]) {
            scope.enter(r, s)?;
        }
        r.enter(start)?;
        no_attributes(r, start)?;
        let mut parts = Parts::default();
        if !start.is_empty() {
            while let Some(c) = r.next_child()? {
                parts.read(r, &c, &mut scope)?;
            }
        }
        let fault = parts.into_fault(r, start)?;
        r.leave();
        Ok(fault)
    }
}

/// The children of `Fault`, in the order SOAP 1.1 gives them.
const PARTS: [&str; 4] = ["faultcode", "faultstring", "faultactor", "detail"];

/// What `Fault` held, as read.
#[derive(Default)]
struct Parts {
    code: Option<FaultCode>,
    string: Option<String>,
    lang: Option<String>,
    actor: Option<String>,
    /// The detail, and the offset of its start tag (for errors in its typed fields).
    detail: Option<(AnyElement, usize)>,
    /// The index in [`PARTS`] of the last child read.
    last: Option<usize>,
}

impl Parts {
    /// Reads the child `c` of `Fault`: one of [`PARTS`], in order, each at most once.
    fn read<'a>(
        &mut self,
        r: &mut Reader<'a>,
        c: &Start<'a>,
        scope: &mut Scope,
    ) -> Result<(), ReadError> {
        let Some(i) = PARTS
            .iter()
            .position(|p| c.ns == Ns::None && c.local == p.as_bytes())
        else {
            let kind = ErrorKind::UnexpectedElement {
                expected: "faultcode, faultstring, faultactor or detail".into(),
                found: super::found(c),
            };
            return Err(r.error_at(kind, c.offset()));
        };
        if let Some(last) = self.last.filter(|&l| l >= i) {
            let kind = ErrorKind::OutOfOrder {
                element: PARTS[i].into(),
                after: PARTS[last].into(),
            };
            return Err(r.error_at(kind, c.offset()));
        }
        self.last = Some(i);
        match i {
            0 => self.code = Some(FaultCode::read(r, c, scope)?),
            1 => self.string = Some(read_string(r, c, &mut self.lang)?),
            2 => self.actor = Some(read_text(r, c)?),
            _ => self.detail = Some((AnyElement::read(r, c)?, c.offset())),
        }
        Ok(())
    }

    /// The fault of the `Fault` element `start`, whose children were read.
    fn into_fault(self, r: &Reader<'_>, start: &Start<'_>) -> Result<Fault, ReadError> {
        let missing = |name| r.error_at(ErrorKind::MissingElement(name), start.offset());
        let code = self.code.ok_or_else(|| missing("faultcode"))?;
        let string = self.string.ok_or_else(|| missing("faultstring"))?;
        let mut f = Fault::new(code, string);
        f.lang = self.lang;
        f.actor = self.actor;
        if let Some((detail, at)) = self.detail {
            f.detail = Some(detail);
            fault_detail::read(&mut f).map_err(|e| {
                let kind = ErrorKind::InvalidValue {
                    expected: e.expected,
                    found: e.found,
                };
                r.error_at(kind, at)
            })?;
        }
        Ok(f)
    }
}

/// The text of `faultstring`, and its `xml:lang` into `lang`.
fn read_string<'a>(
    r: &mut Reader<'a>,
    c: &Start<'a>,
    lang: &mut Option<String>,
) -> Result<String, ReadError> {
    r.enter(c)?;
    r.attributes(c, |a| match (a.ns, a.local) {
        (Ns::Xml, b"lang") => {
            *lang = Some(a.value.clone().into_owned());
            Ok(true)
        }
        _ => Ok(false),
    })?;
    let text = r.text(c)?.into_owned();
    r.leave();
    Ok(text)
}

/// The text of an element without attributes.
fn read_text<'a>(r: &mut Reader<'a>, c: &Start<'a>) -> Result<String, ReadError> {
    r.enter(c)?;
    no_attributes(r, c)?;
    let text = r.text(c)?.into_owned();
    r.leave();
    Ok(text)
}

/// An error for any attribute of `start` ([`ErrorKind::UnknownAttribute`]; `xmlns`
/// declarations are not attributes).
pub(super) fn no_attributes<'a>(r: &Reader<'a>, start: &Start<'a>) -> Result<(), ReadError> {
    r.attributes(start, |_| Ok(false))
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
