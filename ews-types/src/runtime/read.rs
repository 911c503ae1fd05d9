//! The reading side: a thin cursor over quick-xml's namespace-resolving reader.
//!
//! Elements are matched by namespace URI + local name ([`Start::ns`], [`Start::local`]),
//! never by prefix. Generated code only calls the functions here; every loop, check and
//! error is written once in this file.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::error::{line_col, ErrorKind, ReadError, ValueError};
use super::{ChoiceGroup, ComplexType, Ns, SimpleValue, XmlElement};

/// Limits for reading untrusted input. The defaults are safe for any EWS response a client
/// would accept: far above what real messages need, low enough that hostile input cannot
/// exhaust the stack or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Deepest element nesting accepted (the document root is depth 1), skipped unknown
    /// elements included. Default: 128; EWS messages nest about 20 deep. At most
    /// [`MAX_DEPTH_CAP`].
    pub max_depth: usize,
    /// Largest input accepted, in bytes. Default: 256 MiB (a response with large
    /// attachments stays below it).
    pub max_input_bytes: usize,
    /// Most elements (start tags, skipped ones included) accepted in one document.
    /// Default: 8,000,000 (a 10 MB FindItem response has about 170,000).
    pub max_elements: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_depth: 128,
            max_input_bytes: 256 << 20,
            max_elements: 8_000_000,
        }
    }
}

impl ReadOptions {
    /// Sets [`max_depth`](Self::max_depth).
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets [`max_input_bytes`](Self::max_input_bytes).
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets [`max_elements`](Self::max_elements).
    pub fn max_elements(mut self, elements: usize) -> Self {
        self.max_elements = elements;
        self
    }
}

/// The largest [`ReadOptions::max_depth`] the reader accepts (larger values are lowered to it).
/// Typed reading recurses once per level: limits far above the default of 128 need a thread
/// with a larger stack than the 2 MiB of spawned threads.
pub const MAX_DEPTH_CAP: usize = 1_000;

/// A start tag that has just been read: its resolved name and attributes.
#[derive(Debug)]
pub struct Start<'a> {
    /// The element's namespace, resolved from its prefix or the default namespace.
    pub ns: Ns,
    /// The element's local name.
    pub local: &'a [u8],
    /// The namespace URI when `ns` is [`Ns::Other`].
    pub other_uri: Option<String>,
    tag: BytesStart<'a>,
    empty: bool,
    offset: usize,
}

impl<'a> Start<'a> {
    /// Whether the element was written `<x/>` (no content to read).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Byte offset of the start tag in the input.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The element's local name as text.
    pub fn local_str(&self) -> &str {
        std::str::from_utf8(self.local).unwrap_or("?")
    }
}

/// A node of mixed content, see [`Reader::next_node`].
#[derive(Debug)]
pub enum Node<'a> {
    /// A child element (its start tag).
    Element(Start<'a>),
    /// Text.
    Text(Cow<'a, str>),
}

/// An attribute as handed to generated code: unqualified ones have `ns` = [`Ns::None`];
/// `xmlns` declarations and `xsi:` attributes are never handed out.
#[derive(Debug)]
pub struct Attr<'x> {
    /// The attribute's namespace.
    pub ns: Ns,
    /// The namespace URI when `ns` is [`Ns::Other`].
    pub uri: &'x [u8],
    /// The local name.
    pub local: &'x [u8],
    /// The value, with entities and character references decoded.
    pub value: Cow<'x, str>,
}

/// Which fields of a struct (and its bases) have been read, by field index.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    bits: [u64; 4],
    /// The highest child-element field index so far.
    last_child: u32,
    /// A child element came after one with a higher field index.
    out_of_order: bool,
}

impl Seen {
    /// Records field `i` (an attribute, or the text) as present.
    #[inline]
    pub fn mark(&mut self, i: u32) {
        if let Some(w) = self.bits.get_mut((i / 64) as usize) {
            *w |= 1 << (i % 64);
        }
    }

    /// Records a child element of field `i`, checking the schema's order: field indices
    /// follow the sequence (base content first), so a lower index than the previous
    /// child's means the element is out of order.
    #[inline]
    pub fn child(&mut self, i: u32) {
        if i < self.last_child {
            self.out_of_order = true;
        } else {
            self.last_child = i;
        }
        self.mark(i);
    }

    /// Whether the last child made the order wrong (and forgets it).
    #[inline]
    pub fn take_out_of_order(&mut self) -> bool {
        std::mem::take(&mut self.out_of_order)
    }

    /// Whether field `i` was present.
    #[inline]
    pub fn has(&self, i: u32) -> bool {
        self.bits
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The name of the first required field (index, name) that was not present.
    pub fn first_missing(&self, required: &[(u32, &'static str)]) -> Option<&'static str> {
        required
            .iter()
            .find(|(i, _)| !self.has(*i))
            .map(|(_, n)| *n)
    }
}

/// The cursor generated readers work with.
pub struct Reader<'a> {
    xml: NsReader<&'a [u8]>,
    input: &'a [u8],
    /// Byte ranges of the local names of the open elements.
    path: Vec<(usize, usize)>,
    options: ReadOptions,
    /// Start tags read so far (for [`ReadOptions::max_elements`]).
    elements: usize,
}

const TYPES_URI: &[u8] = b"http://schemas.microsoft.com/exchange/services/2006/types";
const MESSAGES_URI: &[u8] = b"http://schemas.microsoft.com/exchange/services/2006/messages";
const SOAP_URI: &[u8] = b"http://schemas.xmlsoap.org/soap/envelope/";
const XSI_URI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
const XML_URI: &[u8] = b"http://www.w3.org/XML/1998/namespace";

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        TYPES_URI => Ns::Types,
        MESSAGES_URI => Ns::Messages,
        SOAP_URI => Ns::Soap,
        XSI_URI => Ns::Xsi,
        XML_URI => Ns::Xml,
        _ => Ns::Other,
    }
}

impl<'a> Reader<'a> {
    /// A reader over `input` (a leading UTF-8 byte-order mark is skipped).
    pub fn new(input: &'a [u8], options: ReadOptions) -> Self {
        let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        let mut xml = NsReader::from_reader(body);
        let config = xml.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        // quick-xml counts namespace scopes in a u16: stay well below it.
        let options = ReadOptions {
            max_depth: options.max_depth.min(MAX_DEPTH_CAP),
            ..options
        };
        Reader {
            xml,
            input: body,
            path: Vec::with_capacity(16),
            options,
            elements: 0,
        }
    }

    /// The input being read.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    fn offset(&self) -> usize {
        usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX)
    }

    /// An error of `kind` at `offset`, with the current element path.
    pub fn error_at(&self, kind: ErrorKind, offset: usize) -> ReadError {
        let (line, column) = line_col(self.input, offset);
        let mut path = String::new();
        for &(s, e) in &self.path {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&String::from_utf8_lossy(
                self.input.get(s..e).unwrap_or(b"?"),
            ));
        }
        ReadError {
            kind,
            offset,
            line,
            column,
            path,
        }
    }

    /// A value error for the element starting at `start`.
    pub fn value_error(&self, e: ValueError, start: &Start<'a>) -> ReadError {
        self.error_at(
            ErrorKind::InvalidValue {
                expected: e.expected,
                found: e.found,
            },
            start.offset,
        )
    }

    fn syntax(&self, e: quick_xml::Error) -> ReadError {
        let at = usize::try_from(self.xml.error_position()).unwrap_or(0);
        let kind = match e {
            quick_xml::Error::Syntax(quick_xml::errors::SyntaxError::UnclosedTag)
            | quick_xml::Error::IllFormed(quick_xml::errors::IllFormedError::MissingEndTag(_)) => {
                ErrorKind::UnexpectedEof
            }
            other => ErrorKind::Syntax(other.to_string()),
        };
        self.error_at(kind, at)
    }

    /// Range of `s` inside the input, if it is a sub-slice of it.
    fn range_of(&self, s: &[u8]) -> Option<(usize, usize)> {
        let base = self.input.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        let start = p.checked_sub(base)?;
        let end = start.checked_add(s.len())?;
        (end <= self.input.len()).then_some((start, end))
    }

    fn make_start(
        &mut self,
        ns: (Ns, Option<String>),
        tag: BytesStart<'a>,
        empty: bool,
        offset: usize,
    ) -> Result<Start<'a>, ReadError> {
        self.count_element(offset)?;
        let (ns, other_uri) = ns;
        let local_name = tag.local_name();
        let (s, e) = self.range_of(local_name.as_ref()).ok_or_else(|| {
            self.error_at(
                ErrorKind::Syntax("element name outside input".into()),
                offset,
            )
        })?;
        let local = &self.input[s..e];
        // Names are compared as bytes, but handed out (paths, raw XML) as text, and
        // raw XML is written back under them: they must be XML names.
        if let Err(why) = check_qname(tag.name().as_ref()) {
            let msg = format!("element name {why}");
            return Err(self.error_at(ErrorKind::Syntax(msg), offset));
        }
        Ok(Start {
            ns,
            local,
            other_uri,
            tag,
            empty,
            offset,
        })
    }

    fn ns_or_err(
        &self,
        ns: Option<Result<(Ns, Option<String>), String>>,
        offset: usize,
    ) -> Result<(Ns, Option<String>), ReadError> {
        match ns {
            None => Ok((Ns::None, None)),
            Some(Ok(x)) => Ok(x),
            Some(Err(prefix)) => Err(self.error_at(
                ErrorKind::Syntax(format!("undeclared namespace prefix {prefix:?}")),
                offset,
            )),
        }
    }

    /// Reads up to the document's root element and returns its start tag.
    pub fn root(&mut self) -> Result<Start<'a>, ReadError> {
        if self.input.len() > self.options.max_input_bytes {
            let kind = ErrorKind::InputTooLarge(self.options.max_input_bytes);
            return Err(self.error_at(kind, 0));
        }
        loop {
            let before = self.offset();
            let (res, ev) = match self.xml.read_resolved_event() {
                Ok(x) => x,
                Err(e) => return Err(self.syntax(e)),
            };
            let ns = match &ev {
                Event::Start(_) | Event::Empty(_) => Some(res),
                _ => None,
            }
            .map(resolve_ns);
            match ev {
                Event::Start(tag) => {
                    return self.make_start(self.ns_or_err(ns, before)?, tag, false, before)
                }
                Event::Empty(tag) => {
                    return self.make_start(self.ns_or_err(ns, before)?, tag, true, before)
                }
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::DocType(_) => return Err(self.error_at(ErrorKind::DocType, before)),
                Event::Eof => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("content before the root element".into()),
                        before,
                    ))
                }
            }
        }
    }

    /// Reads the rest of the document after the root element: only whitespace, comments
    /// and processing instructions may follow it (a second root element or text is not
    /// well-formed XML).
    pub fn end_of_document(&mut self) -> Result<(), ReadError> {
        loop {
            let before = self.offset();
            match self.xml.read_event() {
                Ok(Event::Eof) => return Ok(()),
                Ok(Event::Comment(_) | Event::PI(_)) => {}
                Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Event::DocType(_)) => return Err(self.error_at(ErrorKind::DocType, before)),
                Ok(_) => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("content after the root element".into()),
                        before,
                    ))
                }
                Err(e) => return Err(self.syntax(e)),
            }
        }
    }

    /// Counts one more start tag against [`ReadOptions::max_elements`].
    fn count_element(&mut self, offset: usize) -> Result<(), ReadError> {
        self.elements += 1;
        if self.elements > self.options.max_elements {
            let kind = ErrorKind::TooManyElements(self.options.max_elements);
            return Err(self.error_at(kind, offset));
        }
        Ok(())
    }

    /// Enters `start`: pushes it on the element path, checking the depth limit.
    pub fn enter(&mut self, start: &Start<'a>) -> Result<(), ReadError> {
        let range = self.range_of(start.local).unwrap_or((0, 0));
        self.path.push(range);
        if self.path.len() > self.options.max_depth {
            return Err(self.error_at(ErrorKind::DepthLimit(self.options.max_depth), start.offset));
        }
        Ok(())
    }

    /// Leaves the current element (pops the element path).
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// The next child element of the element being read, or `None` at its end tag.
    /// Comments and processing instructions are skipped; whitespace between elements is
    /// ignored; other text is an error.
    pub fn next_child(&mut self) -> Result<Option<Start<'a>>, ReadError> {
        loop {
            let before = self.offset();
            let (res, ev) = match self.xml.read_resolved_event() {
                Ok(x) => x,
                Err(e) => return Err(self.syntax(e)),
            };
            let ns = match &ev {
                Event::Start(_) | Event::Empty(_) => Some(res),
                _ => None,
            }
            .map(resolve_ns);
            match ev {
                Event::Start(tag) => {
                    return self
                        .make_start(self.ns_or_err(ns, before)?, tag, false, before)
                        .map(Some)
                }
                Event::Empty(tag) => {
                    return self
                        .make_start(self.ns_or_err(ns, before)?, tag, true, before)
                        .map(Some)
                }
                Event::End(_) => return Ok(None),
                Event::Text(t) => {
                    if !t.iter().all(u8::is_ascii_whitespace) {
                        let text = String::from_utf8_lossy(&t).trim().to_owned();
                        return Err(self.error_at(ErrorKind::UnexpectedText(shorten(text)), before));
                    }
                }
                Event::CData(t) => {
                    if !t.iter().all(u8::is_ascii_whitespace) {
                        let text = String::from_utf8_lossy(&t).into_owned();
                        return Err(self.error_at(ErrorKind::UnexpectedText(shorten(text)), before));
                    }
                }
                Event::GeneralRef(r) => {
                    let text = format!("&{};", String::from_utf8_lossy(&r));
                    return Err(self.error_at(ErrorKind::UnexpectedText(text), before));
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("XML declaration inside an element".into()),
                        before,
                    ))
                }
                Event::DocType(_) => return Err(self.error_at(ErrorKind::DocType, before)),
                Event::Eof => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
            }
        }
    }

    /// The next node of mixed content (for raw XML kept by `xs:any`): a child element,
    /// a piece of text, or `None` at the end tag.
    pub fn next_node(&mut self) -> Result<Option<Node<'a>>, ReadError> {
        loop {
            let before = self.offset();
            let (res, ev) = match self.xml.read_resolved_event() {
                Ok(x) => x,
                Err(e) => return Err(self.syntax(e)),
            };
            let ns = match &ev {
                Event::Start(_) | Event::Empty(_) => Some(res),
                _ => None,
            }
            .map(resolve_ns);
            return Ok(Some(match ev {
                Event::Start(tag) => Node::Element(self.make_start(
                    self.ns_or_err(ns, before)?,
                    tag,
                    false,
                    before,
                )?),
                Event::Empty(tag) => Node::Element(self.make_start(
                    self.ns_or_err(ns, before)?,
                    tag,
                    true,
                    before,
                )?),
                Event::End(_) => return Ok(None),
                Event::Text(t) => Node::Text(t.xml_content().map_err(|e| self.syntax(e.into()))?),
                Event::CData(t) => Node::Text(t.decode().map_err(|e| self.syntax(e.into()))?),
                Event::GeneralRef(r) => {
                    Node::Text(Cow::Owned(self.general_ref(&r, before)?.to_string()))
                }
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Decl(_) => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("XML declaration inside an element".into()),
                        before,
                    ))
                }
                Event::DocType(_) => return Err(self.error_at(ErrorKind::DocType, before)),
                Event::Eof => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
            }));
        }
    }

    fn general_ref(
        &self,
        r: &quick_xml::events::BytesRef<'_>,
        at: usize,
    ) -> Result<char, ReadError> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c),
            Ok(None) => match &**r {
                b"amp" => Ok('&'),
                b"lt" => Ok('<'),
                b"gt" => Ok('>'),
                b"quot" => Ok('"'),
                b"apos" => Ok('\''),
                other => {
                    let msg = format!("unknown entity &{};", String::from_utf8_lossy(other));
                    Err(self.error_at(ErrorKind::Syntax(msg), at))
                }
            },
            Err(e) => Err(self.syntax(e)),
        }
    }

    /// Skips the rest of `start`'s element (all of its subtree).
    ///
    /// Reads event by event (not with quick-xml's `read_to_end`, which bypasses the
    /// namespace resolver: the skipped element's scope would never be popped, so its
    /// `xmlns` declarations would stay in force for the following siblings and every
    /// later scope would be off by one level).
    pub fn skip(&mut self, start: &Start<'a>) -> Result<(), ReadError> {
        if start.empty {
            return Ok(());
        }
        let mut depth = 0usize;
        loop {
            let before = self.offset();
            match self.xml.read_event() {
                Ok(Event::Start(_)) => {
                    self.count_element(before)?;
                    depth += 1;
                    // The skipped subtree counts against the depth limit too (the
                    // namespace resolver below keeps a scope per open element).
                    if self.path.len() + 1 + depth > self.options.max_depth {
                        let kind = ErrorKind::DepthLimit(self.options.max_depth);
                        return Err(self.error_at(kind, before));
                    }
                }
                Ok(Event::Empty(_)) => self.count_element(before)?,
                Ok(Event::End(_)) => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => return Ok(()),
                },
                Ok(Event::DocType(_)) => return Err(self.error_at(ErrorKind::DocType, before)),
                Ok(Event::Eof) => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
                Ok(_) => {}
                Err(e) => return Err(self.syntax(e)),
            }
        }
    }

    /// Reads the text content of `start`'s element up to its end tag: entities and
    /// character references decoded, CDATA included, comments skipped. A child element is
    /// an error.
    pub fn text(&mut self, start: &Start<'a>) -> Result<Cow<'a, str>, ReadError> {
        if start.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut acc: Option<Cow<'a, str>> = None;
        loop {
            let before = self.offset();
            let ev = match self.xml.read_event() {
                Ok(ev) => ev,
                Err(e) => return Err(self.syntax(e)),
            };
            let piece: Cow<'a, str> = match ev {
                Event::Text(t) => t.xml_content().map_err(|e| self.syntax(e.into()))?,
                Event::CData(t) => match t.decode() {
                    Ok(s) => s,
                    Err(e) => return Err(self.syntax(e.into())),
                },
                Event::GeneralRef(r) => Cow::Owned(self.general_ref(&r, before)?.to_string()),
                Event::End(_) => return Ok(acc.unwrap_or(Cow::Borrowed(""))),
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Start(tag) | Event::Empty(tag) => {
                    let found = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
                    return Err(self.error_at(
                        ErrorKind::UnexpectedElement {
                            expected: "text".into(),
                            found,
                        },
                        before,
                    ));
                }
                Event::DocType(_) => return Err(self.error_at(ErrorKind::DocType, before)),
                Event::Decl(_) => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("XML declaration inside an element".into()),
                        before,
                    ))
                }
                Event::Eof => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
            };
            acc = Some(match acc {
                None => piece,
                Some(prev) => Cow::Owned(prev.into_owned() + &piece),
            });
        }
    }

    /// Calls `f` for each attribute of `start` that is data: `xmlns` declarations and
    /// `xsi:` attributes are left out.
    pub fn attributes(
        &self,
        start: &Start<'a>,
        f: impl FnMut(&Attr<'_>) -> Result<(), ValueError>,
    ) -> Result<(), ReadError> {
        self.each_attribute(start, false, f)
    }

    /// Like [`attributes`](Self::attributes), but `xsi:` attributes are handed out too (for
    /// raw XML kept by `xs:any`). The value of `xsi:type`, a QName, is handed out resolved,
    /// as `{namespace}local` (just `local` when it has no namespace), since the prefix means
    /// nothing once the namespace declarations are gone.
    pub fn all_attributes(
        &self,
        start: &Start<'a>,
        f: impl FnMut(&Attr<'_>) -> Result<(), ValueError>,
    ) -> Result<(), ReadError> {
        self.each_attribute(start, true, f)
    }

    fn each_attribute(
        &self,
        start: &Start<'a>,
        with_xsi: bool,
        mut f: impl FnMut(&Attr<'_>) -> Result<(), ValueError>,
    ) -> Result<(), ReadError> {
        for a in start.tag.attributes() {
            let a = a.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), start.offset))?;
            let key = a.key;
            if key.as_namespace_binding().is_some() {
                continue;
            }
            let (res, local) = self.xml.resolve_attribute(key);
            let (ns, uri): (Ns, &[u8]) = match res {
                ResolveResult::Unbound => (Ns::None, b""),
                ResolveResult::Bound(n) => (ns_of(n.as_ref()), n.into_inner()),
                ResolveResult::Unknown(p) => {
                    let msg = format!(
                        "undeclared namespace prefix {:?}",
                        String::from_utf8_lossy(&p)
                    );
                    return Err(self.error_at(ErrorKind::Syntax(msg), start.offset));
                }
            };
            if ns == Ns::Xsi && !with_xsi {
                continue;
            }
            let mut value = a
                .decode_and_unescape_value(self.xml.decoder())
                .map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), start.offset))?;
            if ns == Ns::Xsi && local.as_ref() == b"type" {
                value = Cow::Owned(self.resolve_qname(value.trim(), start)?);
            }
            if let Err(why) = check_qname(key.as_ref()) {
                let msg = format!("attribute name {why}");
                return Err(self.error_at(ErrorKind::Syntax(msg), start.offset));
            }
            let attr = Attr {
                ns,
                uri,
                local: local.into_inner(),
                value,
            };
            f(&attr).map_err(|e| {
                self.error_at(
                    ErrorKind::InvalidValue {
                        expected: e.expected,
                        found: e.found,
                    },
                    start.offset,
                )
            })?;
        }
        Ok(())
    }

    /// The `xsi:type` of `start`, as (namespace, local name), if present.
    pub fn xsi_type(&self, start: &Start<'a>) -> Result<Option<(Ns, String)>, ReadError> {
        for a in start.tag.attributes() {
            let a = a.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), start.offset))?;
            let (res, local) = self.xml.resolve_attribute(a.key);
            let is_xsi = matches!(res, ResolveResult::Bound(n) if n.as_ref() == XSI_URI);
            if !is_xsi || local.as_ref() != b"type" {
                continue;
            }
            let value = a
                .decode_and_unescape_value(self.xml.decoder())
                .map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), start.offset))?;
            let value = value.trim();
            let (prefix, name) = match value.split_once(':') {
                Some((p, n)) => (Some(p), n),
                None => (None, value),
            };
            let ns = match prefix {
                Some(p) => self.resolve_prefix(p, start)?,
                None => self.resolve_prefix("", start)?,
            };
            return Ok(Some((ns, name.to_owned())));
        }
        Ok(None)
    }

    /// A QName value (`p:local`) in Clark notation: `{namespace}local`, or `local`.
    fn resolve_qname(&self, qname: &str, start: &Start<'a>) -> Result<String, ReadError> {
        let (res, local) = self
            .xml
            .resolve_element(quick_xml::name::QName(qname.as_bytes()));
        let local = String::from_utf8_lossy(local.as_ref());
        match res {
            ResolveResult::Bound(n) => Ok(format!(
                "{{{}}}{local}",
                String::from_utf8_lossy(n.as_ref())
            )),
            ResolveResult::Unbound => Ok(local.into_owned()),
            ResolveResult::Unknown(p) => Err(self.error_at(
                ErrorKind::Syntax(format!(
                    "undeclared namespace prefix {:?} in xsi:type",
                    String::from_utf8_lossy(&p)
                )),
                start.offset,
            )),
        }
    }

    fn resolve_prefix(&self, prefix: &str, start: &Start<'a>) -> Result<Ns, ReadError> {
        // Resolve `prefix` as an element name with that prefix would be.
        let probe = if prefix.is_empty() {
            "x".to_owned()
        } else {
            format!("{prefix}:x")
        };
        let (res, _) = self
            .xml
            .resolve_element(quick_xml::name::QName(probe.as_bytes()));
        match res {
            ResolveResult::Bound(n) => Ok(ns_of(n.as_ref())),
            ResolveResult::Unbound => Ok(Ns::None),
            ResolveResult::Unknown(_) => Err(self.error_at(
                ErrorKind::Syntax(format!(
                    "undeclared namespace prefix {prefix:?} in xsi:type"
                )),
                start.offset,
            )),
        }
    }
}

/// Checks that `name` is a qualified XML name: valid UTF-8, made of name characters, with at
/// most one `:` that neither starts nor ends it. (quick-xml takes a tag's name up to the first
/// whitespace, so `<a="b">` would otherwise give an element named `a="b"`.)
fn check_qname(name: &[u8]) -> Result<(), &'static str> {
    const NOT_A_NAME: &str = "is not an XML name";
    // Byte by byte (names are short and this runs for every element); non-ASCII bytes are
    // name characters here, and must form valid UTF-8.
    let mut colons = 0;
    let mut at_start = true;
    for &b in name {
        match b {
            b':' if !at_start && colons == 0 => {
                colons += 1;
                at_start = true;
            }
            b':' if colons > 0 => return Err("has more than one ':'"),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80..=0xFF => at_start = false,
            b'0'..=b'9' | b'-' | b'.' if !at_start => {}
            _ => return Err(NOT_A_NAME),
        }
    }
    if at_start {
        return Err(NOT_A_NAME);
    }
    if !name.is_ascii() && std::str::from_utf8(name).is_err() {
        return Err("is not valid UTF-8");
    }
    Ok(())
}

/// The namespace of a resolved element name; `Err(prefix)` for an undeclared prefix.
fn resolve_ns(r: ResolveResult<'_>) -> Result<(Ns, Option<String>), String> {
    match r {
        ResolveResult::Bound(ns) => match ns_of(ns.as_ref()) {
            Ns::Other => Ok((
                Ns::Other,
                Some(String::from_utf8_lossy(ns.as_ref()).into_owned()),
            )),
            known => Ok((known, None)),
        },
        ResolveResult::Unbound => Ok((Ns::None, None)),
        ResolveResult::Unknown(p) => Err(String::from_utf8_lossy(&p).into_owned()),
    }
}

fn shorten(mut s: String) -> String {
    if s.len() > 64 {
        let mut end = 64;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

// ---------------------------------------------------------------------------------------
// Generic readers called by generated code.

/// Reads a whole element of a complex type.
pub fn read_complex<'a, T: ComplexType>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<T, ReadError> {
    let mut value = T::default();
    read_complex_into(&mut value, r, start)?;
    Ok(value)
}

/// Reads a whole element of a complex type into a new box, filled in place (large structs
/// are not moved after reading).
pub fn read_complex_boxed<'a, T: ComplexType>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<Box<T>, ReadError> {
    let mut value = Box::<T>::default();
    read_complex_into(&mut *value, r, start)?;
    Ok(value)
}

/// Reads a whole element of a complex type into `value` (which starts as its default).
pub fn read_complex_into<'a, T: ComplexType>(
    value: &mut T,
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<(), ReadError> {
    r.enter(start)?;
    let mut seen = Seen::default();
    r.attributes(start, |a| value.read_attribute(a, &mut seen).map(|_| ()))?;
    if T::HAS_TEXT {
        let text = r.text(start)?;
        value
            .read_text(&text)
            .map_err(|e| r.value_error(e, start))?;
    } else if !start.is_empty() {
        let mut previous: &[u8] = b"";
        while let Some(child) = r.next_child()? {
            if !value.read_child(r, &child, &mut seen)? {
                r.skip(&child)?;
            } else if seen.take_out_of_order() && T::ORDERED {
                let kind = ErrorKind::OutOfOrder {
                    element: child.local_str().to_owned(),
                    after: String::from_utf8_lossy(previous).into_owned(),
                };
                return Err(r.error_at(kind, child.offset()));
            } else {
                previous = child.local;
            }
        }
    }
    if let Some(name) = T::missing(&seen) {
        let kind = if name.starts_with('@') {
            ErrorKind::MissingAttribute(name)
        } else {
            ErrorKind::MissingElement(name)
        };
        return Err(r.error_at(kind, start.offset));
    }
    r.leave();
    Ok(())
}

/// Reads a whole element of a simple type (its text).
pub fn read_simple<'a, T: SimpleValue>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<T, ReadError> {
    r.enter(start)?;
    let text = r.text(start)?;
    let v = T::parse(&text).map_err(|e| r.value_error(e, start))?;
    r.leave();
    Ok(v)
}

/// Reads a required child into `slot`.
#[inline]
pub fn one<'a, T: XmlElement>(
    slot: &mut T,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    *slot = T::read_element(r, c)?;
    Ok(())
}

/// Reads an optional child into `slot`.
#[inline]
pub fn opt<'a, T: XmlElement>(
    slot: &mut Option<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    *slot = Some(T::read_element(r, c)?);
    Ok(())
}

/// Reads one more repeated child into `slot`.
#[inline]
pub fn many<'a, T: XmlElement>(
    slot: &mut Vec<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    slot.push(T::read_element(r, c)?);
    Ok(())
}

/// Reads a required, boxed child into `slot`.
#[inline]
pub fn one_box<'a, T: XmlElement>(
    slot: &mut Box<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    *slot = T::read_boxed(r, c)?;
    Ok(())
}

/// Reads an optional, boxed child into `slot`.
#[inline]
pub fn opt_box<'a, T: XmlElement>(
    slot: &mut Option<Box<T>>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<(), ReadError> {
    *slot = Some(T::read_boxed(r, c)?);
    Ok(())
}

/// Parses a required attribute value into `slot`.
#[inline]
pub fn attr<T: SimpleValue>(slot: &mut T, a: &Attr<'_>) -> Result<(), ValueError> {
    *slot = T::parse(&a.value)?;
    Ok(())
}

/// Parses an optional attribute value into `slot`.
#[inline]
pub fn attr_opt<T: SimpleValue>(slot: &mut Option<T>, a: &Attr<'_>) -> Result<(), ValueError> {
    *slot = Some(T::parse(&a.value)?);
    Ok(())
}

/// Tries `c` as a member of choice `C`; on a match stores it in a required slot.
#[inline]
pub fn choice_one<'a, C: ChoiceGroup>(
    slot: &mut C,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<bool, ReadError> {
    match C::read_choice(r, c)? {
        Some(v) => {
            if let Err(v) = slot.absorb(v) {
                *slot = v;
            }
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Tries `c` as a member of choice `C`; on a match stores it in an optional slot.
#[inline]
pub fn choice_opt<'a, C: ChoiceGroup>(
    slot: &mut Option<C>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<bool, ReadError> {
    match C::read_choice(r, c)? {
        Some(v) => {
            match slot {
                Some(prev) => {
                    if let Err(v) = prev.absorb(v) {
                        *prev = v;
                    }
                }
                None => *slot = Some(v),
            }
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Tries `c` as a member of choice `C`; on a match appends it.
#[inline]
pub fn choice_many<'a, C: ChoiceGroup>(
    slot: &mut Vec<C>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<bool, ReadError> {
    match C::read_choice(r, c)? {
        Some(v) => {
            slot.push(v);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The `xsi:type` of an element whose declared type `declared` is abstract.
pub fn xsi_type_of<'a>(
    r: &Reader<'a>,
    start: &Start<'a>,
    declared: &'static str,
) -> Result<(Ns, String), ReadError> {
    match r.xsi_type(start)? {
        Some(t) => Ok(t),
        None => Err(r.error_at(ErrorKind::MissingXsiType(declared), start.offset())),
    }
}

/// The error for an `xsi:type` that is not a concrete descendant of `declared`.
pub fn unknown_xsi_type<'a>(
    r: &Reader<'a>,
    start: &Start<'a>,
    declared: &'static str,
    found: &str,
) -> ReadError {
    r.error_at(
        ErrorKind::UnknownXsiType {
            declared,
            found: found.to_owned(),
        },
        start.offset(),
    )
}

#[cfg(test)]
mod tests {
    use super::check_qname;

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
            "t:FieldURI2FieldURI=\"calendar:x\"",
            "-a",
        ] {
            assert!(check_qname(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(check_qname(b"a\xBEb").is_err());
    }
}
