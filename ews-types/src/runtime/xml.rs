//! The XML tokenizer under [`Reader`](super::Reader): start tags, end tags, text, CDATA,
//! comments and processing instructions of a UTF-8 document in memory, with the namespace
//! declarations of each start tag in force until its end tag.
//!
//! Made for reading EWS messages fast: tokens are slices of the input (nothing is allocated
//! per token), element names are checked while they are scanned, end tags must match their
//! start tags, and text and attribute values are only validated and decoded when the reader
//! asks for them ([`decode_text`], [`decode_attribute`]). Line ends are normalised and
//! attribute values whitespace-normalised as XML 1.0 says. A DOCTYPE is reported, never
//! parsed: no entity other than the five predefined ones and character references exists.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr2, memchr3, memmem};

use super::error::ErrorKind;
use super::syntax::{NameFault, NameOf, SyntaxError as S};
use super::Ns;

/// What went wrong, and the byte offset where (the reader adds the element path).
#[derive(Debug)]
pub(crate) struct XmlError {
    pub kind: ErrorKind,
    pub at: usize,
}

/// Boxed: the `Result`s of the hot path stay small.
pub(crate) type Result<T> = std::result::Result<T, Box<XmlError>>;

#[cold]
fn syntax(at: usize, e: S) -> Box<XmlError> {
    Box::new(XmlError {
        kind: ErrorKind::Syntax(e),
        at,
    })
}

#[cold]
fn eof(at: usize) -> Box<XmlError> {
    Box::new(XmlError {
        kind: ErrorKind::UnexpectedEof,
        at,
    })
}

/// One token of the input.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Token<'a> {
    /// A start tag; its namespace declarations are in force (see [`Tokenizer::resolve`]).
    Start(Tag),
    /// The end tag of the innermost open element (the names matched).
    End,
    /// Character data up to the next markup, as written (references undecoded).
    Text(&'a [u8]),
    /// The content of a CDATA section (it starts [`CDATA_START`]`.len()` bytes after the
    /// token's offset).
    CData(&'a [u8]),
    /// A comment or a processing instruction.
    Misc,
    /// The XML declaration (`<?xml …?>`).
    Decl,
    /// A DOCTYPE declaration (not parsed).
    DocType,
    /// The end of the input.
    Eof,
}

/// A start tag, as offsets into the input (the input is at most 4 GiB, see
/// [`MAX_INPUT`]): tokens stay small to move.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag {
    /// Offset of the qualified name (just after `<`).
    name_at: u32,
    /// End of the name: the attributes start here.
    name_end: u32,
    /// Offset of the `:` in the name; 0 without a prefix.
    colon: u32,
    /// Where the attributes end (at `>` or `/>`).
    attrs_end: u32,
    /// Written `<x/>`: there is no content and no end tag.
    pub empty: bool,
}

impl Tag {
    /// The prefix (empty without one).
    pub fn prefix<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        match self.colon {
            0 => &[],
            c => &input[self.name_at as usize..c as usize],
        }
    }

    /// The local name.
    pub fn local<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        let (start, end) = self.local_range();
        &input[start..end]
    }

    /// Where the local name stands in the input.
    pub fn local_range(&self) -> (usize, usize) {
        let start = match self.colon {
            0 => self.name_at,
            c => c + 1,
        };
        (start as usize, self.name_end as usize)
    }

    /// Whether the tag has anything after its name (attributes, or whitespace).
    pub fn has_attributes(&self) -> bool {
        self.attrs_end > self.name_end
    }
}

/// What opens a CDATA section.
pub(crate) const CDATA_START: &[u8] = b"<![CDATA[";

/// The largest input the tokenizer reads: offsets are kept as `u32`.
pub(crate) const MAX_INPUT: usize = u32::MAX as usize;

/// A namespace declaration in force.
#[derive(Debug)]
struct Binding<'a> {
    /// The declared prefix; empty for the default namespace.
    prefix: &'a [u8],
    uri: Cow<'a, str>,
    ns: Ns,
}

/// An open element.
#[derive(Debug)]
struct Open<'a> {
    qname: &'a [u8],
    /// Number of bindings before its start tag.
    bindings: usize,
}

/// The EWS namespace URIs, stated once, as macros so that `concat!` can build on them (the
/// writer's declarations, SOAP actions).
macro_rules! types_uri {
    () => {
        "http://schemas.microsoft.com/exchange/services/2006/types"
    };
}
macro_rules! messages_uri {
    () => {
        "http://schemas.microsoft.com/exchange/services/2006/messages"
    };
}
pub(crate) use {messages_uri, types_uri};

pub(crate) const TYPES_URI: &str = types_uri!();
pub(crate) const MESSAGES_URI: &str = messages_uri!();
pub(crate) const SOAP_URI: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub(crate) const XSI_URI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub(crate) const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";

/// The URI of a namespace (empty for [`Ns::Other`], whose URI is kept apart, and
/// [`Ns::None`]).
pub(crate) fn uri_of(ns: Ns) -> &'static str {
    match ns {
        Ns::Types => TYPES_URI,
        Ns::Messages => MESSAGES_URI,
        Ns::Soap => SOAP_URI,
        Ns::Xsi => XSI_URI,
        Ns::Xml => XML_URI,
        Ns::Other | Ns::None => "",
    }
}

/// The namespace a URI stands for.
pub(crate) fn ns_of(uri: &str) -> Ns {
    match uri {
        TYPES_URI => Ns::Types,
        MESSAGES_URI => Ns::Messages,
        SOAP_URI => Ns::Soap,
        XSI_URI => Ns::Xsi,
        XML_URI => Ns::Xml,
        "" => Ns::None,
        _ => Ns::Other,
    }
}

/// The tokenizer: a position in the input, the open elements and the namespaces in force.
#[derive(Debug)]
pub(crate) struct Tokenizer<'a> {
    input: &'a [u8],
    pos: usize,
    open: Vec<Open<'a>>,
    bindings: Vec<Binding<'a>>,
    /// Bindings count to go back to before the next token: the declarations of an empty
    /// element stay in force until then, for its attributes.
    pending_pop: Option<usize>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `input`; an input larger than [`MAX_INPUT`] reads as empty (the
    /// reader refuses it before).
    pub fn new(input: &'a [u8]) -> Self {
        Tokenizer {
            input: if input.len() > MAX_INPUT { &[] } else { input },
            pos: 0,
            open: Vec::with_capacity(32),
            bindings: Vec::with_capacity(16),
            pending_pop: None,
        }
    }

    /// A tokenizer at `pos` of `input`, inside open elements whose namespace declarations
    /// (prefix, URI, as ranges of `input`; and the namespace) are `scope`: the streaming
    /// reader's way into a value without the start tags around it.
    pub fn inside(input: &'a [u8], pos: usize, scope: &[(Range<usize>, Range<usize>, Ns)]) -> Self {
        let mut t = Tokenizer::new(input);
        t.pos = pos.min(t.input.len());
        for (prefix, uri, ns) in scope {
            let (Some(prefix), Some(uri)) = (input.get(prefix.clone()), input.get(uri.clone()))
            else {
                continue;
            };
            let uri = std::str::from_utf8(uri).unwrap_or_default();
            t.bindings.push(Binding {
                prefix,
                uri: Cow::Borrowed(uri),
                ns: *ns,
            });
        }
        t
    }

    /// The namespace declarations in force (prefix, URI, namespace), outermost first.
    pub fn bindings(&self) -> impl Iterator<Item = (&[u8], &str, Ns)> + '_ {
        self.bindings.iter().map(|b| (b.prefix, &*b.uri, b.ns))
    }

    /// Offset of the next token.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The next token.
    pub fn next_token(&mut self) -> Result<Token<'a>> {
        if let Some(n) = self.pending_pop.take() {
            self.bindings.truncate(n);
        }
        let input = self.input;
        let p = self.pos;
        match input.get(p) {
            None => Ok(Token::Eof),
            Some(b'<') => match input.get(p + 1) {
                Some(b'/') => self.end_tag(p),
                Some(b'!') => self.bang(p),
                Some(b'?') => self.pi(p),
                Some(_) => self.start_tag(p),
                None => Err(eof(p)),
            },
            Some(_) => {
                let end = memchr(b'<', &input[p..]).map_or(input.len(), |i| p + i);
                self.pos = end;
                Ok(Token::Text(&input[p..end]))
            }
        }
    }

    fn start_tag(&mut self, lt: usize) -> Result<Token<'a>> {
        let input = self.input;
        let name_at = lt + 1;
        let (name_end, colon) = qname_end(input, name_at);
        let qname = &input[name_at..name_end];
        match input.get(name_end) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') => {}
            None => return Err(eof(lt)),
            Some(_) => {
                let fault = NameFault::NotAName;
                return Err(syntax(
                    lt,
                    S::BadName {
                        of: NameOf::Element,
                        fault,
                    },
                ));
            }
        }
        check_name_parts(qname, colon.map(|c| c - name_at)).map_err(|fault| {
            syntax(
                lt,
                S::BadName {
                    of: NameOf::Element,
                    fault,
                },
            )
        })?;
        let bindings = self.bindings.len();
        let mut attrs = Attrs {
            input,
            pos: name_end,
        };
        while let Some(a) = attrs.next_attr()? {
            if let Some(prefix) = xmlns_prefix(a.name) {
                self.declare(prefix, a.value, a.value_at)?;
            }
        }
        let attrs_end = attrs.pos;
        let empty = match input.get(attrs_end) {
            Some(b'>') => {
                self.pos = attrs_end + 1;
                false
            }
            Some(b'/') => match input.get(attrs_end + 1) {
                Some(b'>') => {
                    self.pos = attrs_end + 2;
                    true
                }
                Some(_) => return Err(syntax(attrs_end, S::UnclosedTag { end_tag: false })),
                None => return Err(eof(attrs_end)),
            },
            _ => return Err(eof(attrs_end)),
        };
        if empty {
            if self.bindings.len() > bindings {
                self.pending_pop = Some(bindings);
            }
        } else {
            self.open.push(Open { qname, bindings });
        }
        // Offsets fit: the input is at most MAX_INPUT bytes (Tokenizer::new).
        let offset = |p: usize| p as u32;
        Ok(Token::Start(Tag {
            name_at: offset(name_at),
            name_end: offset(name_end),
            colon: colon.map_or(0, offset),
            attrs_end: offset(attrs_end),
            empty,
        }))
    }

    fn declare(&mut self, prefix: &'a [u8], raw: &'a [u8], at: usize) -> Result<()> {
        let uri = decode_attribute(raw, at)?;
        let ns = ns_of(&uri);
        match prefix {
            b"xml" if ns != Ns::Xml => return Err(syntax(at, S::ReservedPrefix("xml"))),
            b"xmlns" => return Err(syntax(at, S::ReservedPrefix("xmlns"))),
            b"" => {}
            _ if uri.is_empty() => {
                let p = String::from_utf8_lossy(prefix).into_owned();
                return Err(syntax(at, S::EmptyPrefixBinding(p)));
            }
            _ => {}
        }
        self.bindings.push(Binding { prefix, uri, ns });
        Ok(())
    }

    fn end_tag(&mut self, lt: usize) -> Result<Token<'a>> {
        let input = self.input;
        let name_at = lt + 2;
        let (name_end, _) = qname_end(input, name_at);
        let found = &input[name_at..name_end];
        let Some(open) = self.open.last() else {
            let name = String::from_utf8_lossy(found).into_owned();
            return Err(syntax(lt, S::EndTagWithoutStart(name)));
        };
        if open.qname != found {
            let (found, open) = (
                String::from_utf8_lossy(found).into_owned(),
                String::from_utf8_lossy(open.qname).into_owned(),
            );
            return Err(syntax(lt, S::MismatchedEndTag { found, open }));
        }
        let mut p = skip_ws(input, name_end);
        match input.get(p) {
            Some(b'>') => p += 1,
            Some(_) => return Err(syntax(p, S::UnclosedTag { end_tag: true })),
            None => return Err(eof(p)),
        }
        let bindings = open.bindings;
        self.open.pop();
        self.bindings.truncate(bindings);
        self.pos = p;
        Ok(Token::End)
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE`.
    fn bang(&mut self, lt: usize) -> Result<Token<'a>> {
        let rest = &self.input[lt..];
        let (close, body_at, cdata) = if rest.starts_with(b"<!--") {
            (&b"-->"[..], lt + 4, false)
        } else if rest.starts_with(CDATA_START) {
            (&b"]]>"[..], lt + CDATA_START.len(), true)
        } else if rest.starts_with(b"<!DOCTYPE") {
            return Ok(Token::DocType);
        } else if CDATA_START.starts_with(rest) || b"<!--".starts_with(rest) {
            return Err(eof(lt));
        } else {
            return Err(syntax(lt, S::UnknownMarkup { after_bang: true }));
        };
        let end = memmem::find(&self.input[body_at..], close).ok_or_else(|| eof(lt))? + body_at;
        self.pos = end + close.len();
        Ok(if cdata {
            Token::CData(&self.input[body_at..end])
        } else {
            Token::Misc
        })
    }

    /// `<?target …?>`: the XML declaration or a processing instruction.
    fn pi(&mut self, lt: usize) -> Result<Token<'a>> {
        let body_at = lt + 2;
        let end = memmem::find(&self.input[body_at..], b"?>").ok_or_else(|| eof(lt))? + body_at;
        self.pos = end + 2;
        let body = &self.input[body_at..end];
        let target_end = body.iter().position(|b| is_ws(*b)).unwrap_or(body.len());
        Ok(if &body[..target_end] == b"xml" {
            Token::Decl
        } else {
            Token::Misc
        })
    }

    /// The namespace of `prefix` where the last start tag stands; `None` when the prefix is
    /// not declared. The empty prefix is the default namespace (none when not declared).
    pub fn resolve(&self, prefix: &[u8]) -> Option<(Ns, &str)> {
        if let Some(b) = self.bindings.iter().rev().find(|b| b.prefix == prefix) {
            return Some((b.ns, &b.uri));
        }
        match prefix {
            b"" => Some((Ns::None, "")),
            b"xml" => Some((Ns::Xml, XML_URI)),
            _ => None,
        }
    }
}

/// One attribute as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAttr<'a> {
    pub name: &'a [u8],
    /// The value between the quotes, undecoded.
    pub value: &'a [u8],
    /// Offset of the name in the input.
    pub at: usize,
    /// Offset of the value in the input.
    pub value_at: usize,
}

/// The attributes of a start tag, one by one (stops before `>` or `/>`).
pub(crate) struct Attrs<'a> {
    input: &'a [u8],
    pos: usize,
}

impl<'a> Attrs<'a> {
    /// The attributes of `tag` (re-read from the input).
    pub fn of(input: &'a [u8], tag: &Tag) -> Self {
        // Reading the input itself (up to the tag's end) keeps error offsets absolute.
        Attrs {
            input: &input[..tag.attrs_end as usize],
            pos: tag.name_end as usize,
        }
    }

    /// The next attribute, or `None` at the end of the tag.
    pub fn next_attr(&mut self) -> Result<Option<RawAttr<'a>>> {
        let input = self.input;
        let p = skip_ws(input, self.pos);
        match input.get(p) {
            None | Some(b'>' | b'/') => {
                self.pos = p;
                return Ok(None);
            }
            Some(_) if p == self.pos => return Err(syntax(p, S::MissingSpaceBeforeAttribute)),
            Some(_) => {}
        }
        let name_end = input[p..]
            .iter()
            .position(|&b| {
                matches!(
                    b,
                    b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'>' | b'/' | b'<' | b'"' | b'\''
                )
            })
            .map_or(input.len(), |i| p + i);
        let name = &input[p..name_end];
        let mut q = skip_ws(input, name_end);
        match input.get(q) {
            Some(b'=') => q = skip_ws(input, q + 1),
            Some(_) => {
                let n = String::from_utf8_lossy(name).into_owned();
                return Err(syntax(p, S::AttributeWithoutValue(n)));
            }
            None => return Err(eof(q)),
        }
        let quote = match input.get(q) {
            Some(&c @ (b'"' | b'\'')) => c,
            Some(_) => return Err(syntax(q, S::UnquotedAttributeValue)),
            None => return Err(eof(q)),
        };
        let value_at = q + 1;
        let close = memchr2(quote, b'<', &input[value_at..]).ok_or_else(|| eof(value_at))?;
        let value_end = value_at + close;
        if input[value_end] == b'<' {
            return Err(syntax(value_end, S::LtInAttributeValue));
        }
        self.pos = value_end + 1;
        Ok(Some(RawAttr {
            name,
            value: &input[value_at..value_end],
            at: p,
            value_at,
        }))
    }
}

/// The prefix an `xmlns` attribute declares (`Some(b"")` for the default namespace).
pub(crate) fn xmlns_prefix(name: &[u8]) -> Option<&[u8]> {
    match name.strip_prefix(b"xmlns") {
        Some([]) => Some(b""),
        Some([b':', prefix @ ..]) => Some(prefix),
        _ => None,
    }
}

const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;

/// Byte classes of names: ASCII letters, `_` and (for UTF-8 names) all non-ASCII bytes start
/// a name; digits, `-` and `.` may follow.
static NAME_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            t[i] = NAME_START | NAME_CHAR;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[i] = NAME_CHAR;
        }
        i += 1;
    }
    t
};

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `t` is only XML whitespace (space, tab, newline, carriage return).
pub(crate) fn is_whitespace(t: &[u8]) -> bool {
    t.iter().all(|&b| is_ws(b))
}

fn skip_ws(input: &[u8], mut p: usize) -> usize {
    while input.get(p).is_some_and(|b| is_ws(*b)) {
        p += 1;
    }
    p
}

/// The end of the name characters from `p`.
fn name_run(input: &[u8], mut p: usize) -> usize {
    while input
        .get(p)
        .is_some_and(|&b| NAME_CLASS[b as usize] & NAME_CHAR != 0)
    {
        p += 1;
    }
    p
}

/// The end of a qualified name starting at `p` (name characters with at most one `:`
/// between them), and the `:`'s offset.
fn qname_end(input: &[u8], p: usize) -> (usize, Option<usize>) {
    let end = name_run(input, p);
    if input.get(end) == Some(&b':') {
        (name_run(input, end + 1), Some(end))
    } else {
        (end, None)
    }
}

/// Checks the parts of a name found by [`qname_end`] (`colon`: the offset of its `:` in
/// `qname`).
fn check_name_parts(qname: &[u8], colon: Option<usize>) -> std::result::Result<(), NameFault> {
    let starts_ok = |part: &[u8]| {
        part.first()
            .is_some_and(|&b| NAME_CLASS[b as usize] & NAME_START != 0)
    };
    let ok = match colon {
        None => starts_ok(qname),
        Some(c) => starts_ok(&qname[..c]) && starts_ok(&qname[c + 1..]),
    };
    if !ok {
        return Err(NameFault::NotAName);
    }
    if !qname.is_ascii() && std::str::from_utf8(qname).is_err() {
        return Err(NameFault::NotUtf8);
    }
    Ok(())
}

/// Checks that `name` is a qualified XML name: made of name characters (non-ASCII ones as
/// valid UTF-8), with at most one `:` that neither starts nor ends it. Returns the `:`'s
/// offset, if any.
pub(crate) fn check_qname(name: &[u8]) -> std::result::Result<Option<usize>, NameFault> {
    let (end, colon) = qname_end(name, 0);
    if end != name.len() {
        return Err(match name.get(end) {
            Some(b':') => NameFault::MoreThanOneColon,
            _ => NameFault::NotAName,
        });
    }
    check_name_parts(name, colon)?;
    Ok(colon)
}

/// `raw` (at offset `at`) as text: valid UTF-8 of characters XML 1.0 allows (not the control
/// characters below U+0020 but tab, newline and carriage return, nor U+FFFE and U+FFFF).
/// Character references are checked where they are decoded ([`is_xml_char`]).
/// Also says whether the text has a byte below U+0020 or a `&` (whether it may need decoding).
fn checked_text(raw: &[u8], at: usize) -> Result<(&str, bool)> {
    let s = std::str::from_utf8(raw).map_err(|e| syntax(at + e.valid_up_to(), S::InvalidUtf8))?;
    // One comparison per byte and no early exit, so that it vectorises; the rare hits are
    // looked at again below.
    let special = raw
        .iter()
        .fold(false, |found, &b| found | (b < 0x20) | (b == b'&'));
    if special && raw.iter().fold(false, |found, &b| found | is_control(b)) {
        let i = raw.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(syntax(at + i, S::ForbiddenCharacter(u32::from(raw[i]))));
    }
    // 0xEF leads U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`), the only characters XML
    // excludes that are not control characters: only such text is checked char by char.
    if raw.iter().fold(false, |found, &b| found | (b == 0xEF)) {
        if let Some((i, c)) = s.char_indices().find(|&(_, c)| !is_xml_char(c)) {
            return Err(syntax(at + i, S::ForbiddenCharacter(u32::from(c))));
        }
    }
    Ok((s, special))
}

/// Without branches, so that the folds over it vectorise.
fn is_control(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')
}

/// Character data as written (at offset `at`) decoded: references replaced, line ends
/// (`\r\n`, `\r`) made `\n`.
pub(crate) fn decode_text(raw: &[u8], at: usize) -> Result<Cow<'_, str>> {
    let (s, special) = checked_text(raw, at)?;
    if !special {
        return Ok(Cow::Borrowed(s));
    }
    match memchr2(b'&', b'\r', raw) {
        None => Ok(Cow::Borrowed(s)),
        Some(first) => decode_from(s, first, at, false).map(Cow::Owned),
    }
}

/// An attribute value as written (at offset `at`) decoded: references replaced, and each
/// tab, line end or newline written as such made a space.
pub(crate) fn decode_attribute(raw: &[u8], at: usize) -> Result<Cow<'_, str>> {
    let (s, special) = checked_text(raw, at)?;
    if !special {
        return Ok(Cow::Borrowed(s));
    }
    match attribute_special(raw, 0) {
        None => Ok(Cow::Borrowed(s)),
        Some(first) => decode_from(s, first, at, true).map(Cow::Owned),
    }
}

/// CDATA content (at offset `at`): line ends normalised, nothing else.
pub(crate) fn decode_cdata(raw: &[u8], at: usize) -> Result<Cow<'_, str>> {
    let (s, _) = checked_text(raw, at)?;
    if memchr(b'\r', raw).is_none() {
        return Ok(Cow::Borrowed(s));
    }
    Ok(Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n")))
}

fn attribute_special(raw: &[u8], from: usize) -> Option<usize> {
    let rest = &raw[from..];
    let a = memchr3(b'&', b'\r', b'\n', rest);
    let t = memchr(b'\t', &rest[..a.unwrap_or(rest.len())]);
    t.or(a).map(|i| from + i)
}

fn decode_from(s: &str, first: usize, at: usize, attribute: bool) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut done = 0;
    let mut i = first;
    loop {
        out.push_str(&s[done..i]);
        match bytes[i] {
            b'&' => {
                let (c, len) = reference(&bytes[i..], at + i)?;
                out.push(c);
                done = i + len;
            }
            b'\r' => {
                out.push(if attribute { ' ' } else { '\n' });
                done = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'\n'));
            }
            _ => {
                out.push(' ');
                done = i + 1;
            }
        }
        let next = if attribute {
            attribute_special(bytes, done)
        } else {
            memchr2(b'&', b'\r', &bytes[done..]).map(|j| done + j)
        };
        match next {
            Some(j) => i = j,
            None => break,
        }
    }
    out.push_str(&s[done..]);
    Ok(out)
}

/// The character of the reference at the start of `r` (`&…;`) and the reference's length.
fn reference(r: &[u8], at: usize) -> Result<(char, usize)> {
    // The longest valid reference is `&#x0010FFFF;`-like; look a little further for a
    // helpful message about unknown entities.
    let window = &r[..r.len().min(64)];
    let Some(semi) = memchr(b';', window) else {
        return Err(syntax(at, S::BareAmpersand));
    };
    let name = &r[1..semi];
    let c = match name {
        b"lt" => '<',
        b"gt" => '>',
        b"amp" => '&',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x', hex @ ..] => char_ref(hex, 16, at)?,
        [b'#', dec @ ..] => char_ref(dec, 10, at)?,
        other => {
            let n = String::from_utf8_lossy(other).into_owned();
            return Err(syntax(at, S::UnknownEntity(n)));
        }
    };
    Ok((c, semi + 1))
}

fn char_ref(digits: &[u8], radix: u32, at: usize) -> Result<char> {
    let bad = || {
        let d = String::from_utf8_lossy(digits);
        let x = if radix == 16 { "x" } else { "" };
        syntax(at, S::InvalidCharacterReference(format!("&#{x}{d};")))
    };
    if digits.is_empty() || digits.len() > 8 {
        return Err(bad());
    }
    let mut v: u32 = 0;
    for &d in digits {
        let x = (d as char).to_digit(radix).ok_or_else(bad)?;
        v = v * radix + x;
    }
    match char::from_u32(v) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ => Err(bad()),
    }
}

/// XML 1.0's `Char` production: what a character reference may stand for (the Legal
/// Character constraint), as raw characters may.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Vec<String> {
        let mut t = Tokenizer::new(xml.as_bytes());
        let mut out = Vec::new();
        loop {
            let tok = t.next_token().unwrap_or_else(|e| panic!("{xml}: {e:?}"));
            out.push(match tok {
                Token::Start(tag) => {
                    let (ns, _) = t.resolve(tag.prefix(xml.as_bytes())).expect("declared");
                    format!(
                        "<{:?}:{}{}>",
                        ns,
                        String::from_utf8_lossy(tag.local(xml.as_bytes())),
                        if tag.empty { "/" } else { "" }
                    )
                }
                Token::End => "</>".into(),
                Token::Text(s) => format!("T{}", decode_text(s, 0).unwrap()),
                Token::CData(s) => format!("C{}", decode_cdata(s, 0).unwrap()),
                Token::Misc => "M".into(),
                Token::Decl => "D".into(),
                Token::DocType => "DT".into(),
                Token::Eof => break,
            });
        }
        out
    }

    #[test]
    fn tokens_and_namespaces() {
        let xml = "<?xml version=\"1.0\"?><!--c--><a xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\" \
                   xmlns:m='http://schemas.microsoft.com/exchange/services/2006/messages'>x&lt;y\r\nz<m:b/><c xmlns=\"\">\
                   <![CDATA[<&>]]></c><?pi x?></a>";
        assert_eq!(
            tokens(xml),
            [
                "D",
                "M",
                "<Types:a>",
                "Tx<y\nz",
                "<Messages:b/>",
                "<None:c>",
                "C<&>",
                "</>",
                "M",
                "</>"
            ]
        );
    }

    #[test]
    fn empty_element_declarations_end_with_it() {
        let mut t = Tokenizer::new(b"<a><b xmlns:p=\"urn:x\" p:x=\"1\"/><c/></a>");
        t.next_token().unwrap();
        t.next_token().unwrap();
        assert_eq!(t.resolve(b"p"), Some((Ns::Other, "urn:x")));
        t.next_token().unwrap();
        assert_eq!(t.resolve(b"p"), None);
    }

    #[test]
    fn attribute_values_are_normalised() {
        assert_eq!(
            decode_attribute(b"a\tb\r\nc\nd&#10;e", 0).unwrap(),
            "a b c d\ne"
        );
        assert_eq!(decode_attribute(b"plain", 0).unwrap(), "plain");
        assert_eq!(
            decode_text(b"a\rb&#x1F600;&quot;", 0).unwrap(),
            "a\nb\u{1F600}\""
        );
    }

    #[test]
    fn raw_control_characters_are_refused() {
        assert!(decode_text(b"a\x01b", 0).is_err());
        assert!(decode_attribute(b"a\x00b", 0).is_err());
        assert!(decode_cdata(b"a\x1Fb", 0).is_err());
        assert_eq!(decode_text(b"a&#x9;b\t", 0).unwrap(), "a\tb\t");
    }

    #[test]
    fn raw_noncharacters_xml_excludes_are_refused() {
        for bad in ["a\u{FFFE}b", "\u{FFFF}"] {
            let e = decode_text(bad.as_bytes(), 10).unwrap_err();
            assert_eq!(e.at, 10 + bad.find(|c| c > '\u{FFFD}').unwrap(), "{bad}");
            assert!(decode_attribute(bad.as_bytes(), 0).is_err(), "{bad}");
        }
        // Their neighbours and characters sharing their bytes are text.
        let fine = "\u{FFFD}\u{10000}\u{BF}\u{3FFE}\u{FFEF}";
        assert_eq!(decode_text(fine.as_bytes(), 0).unwrap(), fine);
    }

    #[test]
    fn references_to_legal_characters() {
        let text = "&#x9;&#xA;&#xD;&#x20;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;";
        assert_eq!(
            decode_text(text.as_bytes(), 0).unwrap(),
            "\t\n\r\u{20}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"
        );
    }

    #[test]
    fn bad_references() {
        for bad in [
            "&",
            "&#;",
            "&#x;",
            "&#0;",
            "&#1;",
            "&#x1F;",
            "&#xFFFE;",
            "&#xFFFF;",
            "&#8;",
            "&#xD800;",
            "&#x110000;",
            "&lol;",
            "&#12a;",
            "&#999999999999;",
        ] {
            assert!(decode_text(bad.as_bytes(), 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_markup() {
        for bad in [
            "<a></b>",
            "<a x=\"1\"y=\"2\"/>",
            "<a x=1/>",
            "<a x=\"<\"/>",
            "<a x/>",
            "<1a/>",
            "<a:b:c/>",
            "<:a/>",
            "<a: />",
            "<a/ >",
            "</a>",
            "<a xmlns:p=\"\"/>",
            "<!x>",
        ] {
            let mut t = Tokenizer::new(bad.as_bytes());
            let r = (0..4).try_for_each(|_| t.next_token().map(|_| ()));
            assert!(r.is_err(), "{bad}");
        }
    }

    #[test]
    fn qualified_names() {
        for ok in ["a", "t:Message", "_x", "é", "a-b.c", "m:Item2"] {
            assert!(check_qname(ok.as_bytes()).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ":a",
            "a:",
            "a:b:c",
            "1a",
            "a=\"b\"",
            "-a",
            "a:1",
            "t:F=\"c:x\"",
        ] {
            assert!(check_qname(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(check_qname(b"a\xBEb").is_err());
    }
}
