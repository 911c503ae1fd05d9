//! The `faultcode` of a SOAP fault: an `xs:QName`, resolved when read (its prefix means
//! nothing once the namespace declarations are gone) and re-declared where it is written.

use std::fmt;

use crate::messages::ResponseCodeType;
use crate::runtime::error::{ErrorKind, ReadError, ValueError};
use crate::runtime::read::{Reader, Start};
use crate::runtime::syntax::{PrefixPlace, SyntaxError};
use crate::runtime::write::Writer;
use crate::runtime::xml::{self, Attrs, Token, Tokenizer, SOAP_URI, TYPES_URI, XML_URI};

/// The `faultcode` of a SOAP fault: a qualified name, kept with the namespace its prefix was
/// bound to where it was read and the prefix itself.
///
/// Exchange writes EWS codes in the types namespace with the prefix `a`, declared on
/// `faultcode` itself (`<faultcode xmlns:a="…/types">a:ErrorSchemaValidation</faultcode>`,
/// see [`FaultCode::ews`]); SOAP stacks write `Client`/`Server` in the SOAP envelope
/// namespace under any prefix ([`FaultCode::soap_client`]). Codes are written back in that
/// form: the prefix declared on `faultcode` (see [`written_prefix`](Self::written_prefix)).
/// Two codes name the same thing when their namespace and local name agree
/// ([`is`](Self::is)); `==` also compares the prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FaultCode {
    /// The namespace URI the code's prefix (or, unprefixed, the default namespace) was bound
    /// to; `None`: no namespace.
    pub namespace: Option<String>,
    /// The prefix the code was written with; empty when it had none.
    pub prefix: String,
    /// The local name (`ErrorSchemaValidation`, `Client`).
    pub local: String,
}

/// The prefix written for a code in a namespace whose own prefix is missing or unusable.
const GENERATED_PREFIX: &str = "a";

impl FaultCode {
    /// A code `prefix:local` in `namespace` (`None` and an empty prefix for an unqualified
    /// code).
    pub fn new(
        namespace: Option<&str>,
        prefix: impl Into<String>,
        local: impl Into<String>,
    ) -> Self {
        FaultCode {
            namespace: namespace.map(str::to_owned),
            prefix: prefix.into(),
            local: local.into(),
        }
    }

    /// An EWS response code as Exchange writes it: `a:<code>` in the types namespace.
    pub fn ews(code: &ResponseCodeType) -> Self {
        FaultCode::new(Some(TYPES_URI), GENERATED_PREFIX, code.as_str())
    }

    /// `soap:Client`: the request was wrong.
    pub fn soap_client() -> Self {
        FaultCode::new(Some(SOAP_URI), "soap", "Client")
    }

    /// `soap:Server`: the server failed.
    pub fn soap_server() -> Self {
        FaultCode::new(Some(SOAP_URI), "soap", "Server")
    }

    /// Whether the code is `local` in `namespace`, whatever its prefix.
    pub fn is(&self, namespace: Option<&str>, local: &str) -> bool {
        self.bound_namespace() == namespace && self.local == local
    }

    /// The EWS response code, when the code is in the types namespace.
    pub fn response_code(&self) -> Option<ResponseCodeType> {
        (self.bound_namespace() == Some(TYPES_URI))
            .then(|| ResponseCodeType::from_wire(&self.local))
    }

    /// The prefix the code is written with: none without a namespace, `xml` for the XML
    /// namespace, else [`prefix`](Self::prefix) when it is a usable prefix (an XML name
    /// without `:` that does not start with `xml`), else `a`.
    pub fn written_prefix(&self) -> &str {
        match self.bound_namespace() {
            None => "",
            Some(XML_URI) => "xml",
            Some(_) if usable_prefix(&self.prefix) => &self.prefix,
            Some(_) => GENERATED_PREFIX,
        }
    }

    /// The namespace, an empty one counting as none.
    fn bound_namespace(&self) -> Option<&str> {
        self.namespace.as_deref().filter(|ns| !ns.is_empty())
    }

    /// Writes the `faultcode` element, declaring the code's prefix on it.
    pub(super) fn write(&self, w: &mut Writer) {
        w.start_raw("faultcode");
        let prefix = self.written_prefix();
        match self.bound_namespace() {
            Some(ns) if prefix != "xml" => w.declare(prefix, ns),
            _ => {}
        }
        w.text_str(&self.to_string());
        w.end_raw("faultcode");
    }

    /// Reads the `faultcode` element `start`, resolving its prefix with the declarations of
    /// `scope` and those on `faultcode` itself.
    pub(super) fn read<'a>(
        r: &mut Reader<'a>,
        start: &Start<'a>,
        scope: &mut Scope,
    ) -> Result<Self, ReadError> {
        scope.enter(r, start)?;
        r.enter(start)?;
        super::fault::no_attributes(r, start)?;
        let text = r.text(start)?;
        let code = scope
            .resolve(text.trim())
            .map_err(|kind| r.error_at(kind, start.offset()))?;
        r.leave();
        Ok(code)
    }
}

fn usable_prefix(prefix: &str) -> bool {
    let reserved = prefix
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("xml"));
    !reserved && matches!(xml::check_qname(prefix.as_bytes()), Ok(None))
}

/// As written: `prefix:local`, or `local` without a namespace.
impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.written_prefix() {
            "" => f.write_str(&self.local),
            p => write!(f, "{p}:{}", self.local),
        }
    }
}

/// The namespace declarations in force at `faultcode`: those of its ancestors
/// (`Envelope`, `Body`, `Fault`) and its own, innermost last. The reader resolves element
/// names only; a QName in text needs these.
#[derive(Debug, Default)]
pub(super) struct Scope(Vec<(String, String)>);

impl Scope {
    /// Adds the declarations on the start tag `start`.
    pub(super) fn enter(&mut self, r: &Reader<'_>, start: &Start<'_>) -> Result<(), ReadError> {
        let at = start.offset();
        let input = r.input().get(at..).unwrap_or_default();
        let located = |e: Box<xml::XmlError>| r.error_at(e.kind, at + e.at);
        let mut tokens = Tokenizer::new(input);
        let Token::Start(tag) = tokens.next_token().map_err(located)? else {
            let kind = ErrorKind::Syntax(SyntaxError::ExpectedStartTag);
            return Err(r.error_at(kind, at));
        };
        let mut attrs = Attrs::of(input, &tag);
        while let Some(a) = attrs.next_attr().map_err(located)? {
            if let Some(prefix) = xml::xmlns_prefix(a.name) {
                let uri = xml::decode_attribute(a.value, a.value_at).map_err(located)?;
                let prefix = String::from_utf8_lossy(prefix).into_owned();
                self.0.push((prefix, uri.into_owned()));
            }
        }
        Ok(())
    }

    /// The namespace `prefix` stands for (`""`: the default namespace, empty when none);
    /// `None` when it is not declared.
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        match self.0.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, uri)) => Some(uri),
            None if prefix.is_empty() => Some(""),
            None if prefix == "xml" => Some(XML_URI),
            None => None,
        }
    }

    /// The code `qname` (`prefix:local` or `local`) stands for here.
    fn resolve(&self, qname: &str) -> Result<FaultCode, ErrorKind> {
        let colon = xml::check_qname(qname.as_bytes()).map_err(|_| {
            let e = ValueError::new("a QName (faultcode)", qname);
            ErrorKind::InvalidValue {
                expected: e.expected,
                found: e.found,
            }
        })?;
        let (prefix, local) = match colon {
            Some(c) => (&qname[..c], &qname[c + 1..]),
            None => ("", qname),
        };
        let Some(uri) = self.namespace_of(prefix) else {
            return Err(ErrorKind::Syntax(SyntaxError::UndeclaredPrefix {
                prefix: prefix.to_owned(),
                place: PrefixPlace::FaultCode(qname.to_owned()),
            }));
        };
        Ok(FaultCode::new(
            Some(uri).filter(|u| !u.is_empty()),
            prefix,
            local,
        ))
    }
}
