//! The reading side: the cursor generated readers work with, over the crate's own XML
//! tokenizer (`runtime/xml.rs`).
//!
//! Elements are matched by namespace URI + local name ([`Start::ns`], [`Start::local`]),
//! never by prefix. Generated code only calls the functions here; every loop, check and
//! error is written once in this file.

use std::borrow::Cow;

use super::any::{AnyAttribute, AnyElement};
use super::error::{line_col, ErrorKind, ReadError, ValueError};
use super::syntax::{NameOf, PrefixPlace, SyntaxError};
use super::unfit::Unfit;
use super::write::Writer;
use super::xml::{self, is_whitespace, Attrs, Tag, Token, Tokenizer, XmlError};
use super::{ChoiceGroup, ComplexShape, ComplexType, Ns, SimpleValue, XmlElement};

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
    /// attachments stays below it). At most 4 GiB − 1 (larger values are lowered to it).
    pub max_input_bytes: usize,
    /// Most elements (start tags, skipped ones included) accepted in one document.
    /// Default: 8,000,000 (a 10 MB FindItem response has about 170,000).
    pub max_elements: usize,
    /// What to do with content the schema does not declare. Default:
    /// [`ReadMode::KeepUnknown`].
    pub mode: ReadMode,
}

/// What reading does with content the schemas do not declare where it stands.
///
/// Whatever the mode, nothing read is dropped: content is either kept (in the
/// [`Unknown`](super::Unknown) slot of the value it stands in, and written back) or refused
/// with an error that says what, where (line:column) and in which element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReadMode {
    /// Unknown child elements and attributes are kept; an element repeated where the
    /// schema allows it once is refused ([`ErrorKind::Repeated`]).
    ///
    /// The default: newer Exchange versions add elements and attributes, and a client or a
    /// proxy must neither break on them nor lose them. A repeated element, on the other hand,
    /// cannot fit the typed field, and taking one occurrence would hand the caller a request
    /// that says less than what was sent (e.g. a `ResolveNames` with two names): the caller
    /// decides, with [`Lenient`](Self::Lenient).
    #[default]
    KeepUnknown,
    /// The first unknown element or attribute is refused ([`ErrorKind::UnknownElement`],
    /// [`ErrorKind::UnknownAttribute`]), as are repeated elements: for servers and tests that
    /// want schema conformance.
    Strict,
    /// Like [`KeepUnknown`](Self::KeepUnknown), and the extra occurrences of an element the
    /// schema allows once are kept as unknown content (the typed field holds the first), so
    /// that writing back reproduces them.
    Lenient,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_depth: 128,
            max_input_bytes: 256 << 20,
            max_elements: 8_000_000,
            mode: ReadMode::KeepUnknown,
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

    /// Sets [`mode`](Self::mode).
    pub fn mode(mut self, mode: ReadMode) -> Self {
        self.mode = mode;
        self
    }

    /// [`ReadMode::Strict`]: unknown content and repeated elements are refused.
    pub fn strict(self) -> Self {
        self.mode(ReadMode::Strict)
    }

    /// [`ReadMode::Lenient`]: repeated elements are kept as unknown content too.
    pub fn lenient(self) -> Self {
        self.mode(ReadMode::Lenient)
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
    tag: Tag,
    offset: usize,
}

impl<'a> Start<'a> {
    /// Whether the element was written `<x/>` (no content to read).
    pub fn is_empty(&self) -> bool {
        self.tag.empty
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
    /// A child element the schema allows once came again (see [`Seen::single`]).
    repeated: bool,
    /// An extra occurrence of a choice, already read, to keep as unknown content
    /// ([`ReadMode::Lenient`]).
    kept: Option<Box<AnyElement>>,
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

    /// Records a child element of field `i` that the schema allows once: `false` (and
    /// nothing recorded) when the field was read already, so that the caller leaves the
    /// element to [`read_complex_into`], which refuses or keeps it by [`ReadMode`].
    #[inline]
    pub fn single(&mut self, i: u32) -> bool {
        if self.has(i) {
            self.repeated = true;
            return false;
        }
        self.child(i);
        true
    }

    /// Whether the last child was a repeated single element (and forgets it).
    #[inline]
    fn take_repeated(&mut self) -> bool {
        std::mem::take(&mut self.repeated)
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
    xml: Tokenizer<'a>,
    input: &'a [u8],
    /// Byte ranges of the local names of the open elements.
    path: Vec<(usize, usize)>,
    options: ReadOptions,
    /// Start tags read so far (for [`ReadOptions::max_elements`]).
    elements: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `input` (a leading UTF-8 byte-order mark is skipped).
    pub fn new(input: &'a [u8], options: ReadOptions) -> Self {
        let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        let options = ReadOptions {
            max_depth: options.max_depth.min(MAX_DEPTH_CAP),
            max_input_bytes: options.max_input_bytes.min(xml::MAX_INPUT),
            ..options
        };
        Reader {
            xml: Tokenizer::new(body),
            input: body,
            path: Vec::with_capacity(16),
            options,
            elements: 0,
        }
    }

    /// A reader at `pos` of `input`, inside open elements: their namespace declarations
    /// `scope` (see [`Tokenizer::inside`]) and the ranges of their local names in `input`,
    /// outermost first (for the element path and the depth limit). The streaming reader's
    /// way into a value without reading the start tags around it.
    pub(crate) fn inside(
        input: &'a [u8],
        options: ReadOptions,
        pos: usize,
        scope: &[(std::ops::Range<usize>, std::ops::Range<usize>, Ns)],
        path: &[(usize, usize)],
    ) -> Self {
        let mut r = Reader::new(b"", options);
        r.xml = Tokenizer::inside(input, pos, scope);
        r.input = input;
        r.path.extend_from_slice(path);
        r
    }

    /// The input being read.
    pub fn input(&self) -> &'a [u8] {
        self.input
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
        ReadError::new(kind, offset, line, column, path)
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

    #[cold]
    fn xml_error(&self, e: XmlError) -> ReadError {
        self.error_at(e.kind, e.at)
    }

    #[inline]
    fn token(&mut self) -> Result<Token<'a>, ReadError> {
        self.xml.next_token().map_err(|e| self.xml_error(*e))
    }

    fn make_start(&mut self, tag: Tag, offset: usize) -> Result<Start<'a>, ReadError> {
        self.count_element(offset)?;
        let (ns, other_uri) = match self.xml.resolve(tag.prefix(self.input)) {
            Some((Ns::Other, uri)) => (Ns::Other, Some(uri.to_owned())),
            Some((ns, _)) => (ns, None),
            None => {
                let prefix = String::from_utf8_lossy(tag.prefix(self.input)).into_owned();
                let place = PrefixPlace::Name;
                let kind = ErrorKind::Syntax(SyntaxError::UndeclaredPrefix { prefix, place });
                return Err(self.error_at(kind, offset));
            }
        };
        Ok(Start {
            ns,
            local: tag.local(self.input),
            other_uri,
            tag,
            offset,
        })
    }

    /// Reads up to the document's root element and returns its start tag.
    pub fn root(&mut self) -> Result<Start<'a>, ReadError> {
        if self.input.len() > self.options.max_input_bytes {
            let kind = ErrorKind::InputTooLarge(self.options.max_input_bytes);
            return Err(self.error_at(kind, 0));
        }
        loop {
            let before = self.xml.pos();
            match self.token()? {
                Token::Start(tag) => return self.make_start(tag, before),
                Token::Decl | Token::Misc => {}
                Token::Text(t) if is_whitespace(t) => {}
                Token::DocType => return Err(self.error_at(ErrorKind::DocType, before)),
                Token::Eof => return Err(self.error_at(ErrorKind::UnexpectedEof, before)),
                Token::Text(_) | Token::CData(_) | Token::End => {
                    return Err(self.error_at(
                        ErrorKind::Syntax(SyntaxError::ContentOutsideRoot { after: false }),
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
            let before = self.xml.pos();
            match self.token()? {
                Token::Eof => return Ok(()),
                Token::Misc => {}
                Token::Text(t) if is_whitespace(t) => {}
                Token::DocType => return Err(self.error_at(ErrorKind::DocType, before)),
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Syntax(SyntaxError::ContentOutsideRoot { after: true }),
                        before,
                    ))
                }
            }
        }
    }

    /// Counts one more start tag against [`ReadOptions::max_elements`].
    #[inline]
    fn count_element(&mut self, offset: usize) -> Result<(), ReadError> {
        self.elements += 1;
        if self.elements > self.options.max_elements {
            let kind = ErrorKind::TooManyElements(self.options.max_elements);
            return Err(self.error_at(kind, offset));
        }
        Ok(())
    }

    /// Enters `start`: pushes it on the element path, checking the depth limit.
    #[inline]
    pub fn enter(&mut self, start: &Start<'a>) -> Result<(), ReadError> {
        self.path.push(start.tag.local_range());
        if self.path.len() > self.options.max_depth {
            return Err(self.error_at(ErrorKind::DepthLimit(self.options.max_depth), start.offset));
        }
        Ok(())
    }

    /// Leaves the current element (pops the element path).
    #[inline]
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// The next child element of the element being read, or `None` at its end tag.
    /// Comments and processing instructions are skipped; whitespace between elements is
    /// ignored; other text is an error.
    pub fn next_child(&mut self) -> Result<Option<Start<'a>>, ReadError> {
        loop {
            let before = self.xml.pos();
            match self.token()? {
                Token::Start(tag) => return self.make_start(tag, before).map(Some),
                Token::End => return Ok(None),
                Token::Text(t) | Token::CData(t) => {
                    if !is_whitespace(t) {
                        let text = String::from_utf8_lossy(t).trim().to_owned();
                        return Err(self.error_at(ErrorKind::UnexpectedText(shorten(text)), before));
                    }
                }
                Token::Misc => {}
                other => return Err(self.misplaced(other, before)),
            }
        }
    }

    /// The error for a declaration, DOCTYPE or end of input inside an element.
    #[cold]
    fn misplaced(&self, token: Token<'a>, at: usize) -> ReadError {
        let kind = match token {
            Token::DocType => ErrorKind::DocType,
            Token::Eof => ErrorKind::UnexpectedEof,
            Token::Decl => ErrorKind::Syntax(SyntaxError::DeclarationInsideElement),
            _ => ErrorKind::Syntax(SyntaxError::UnknownMarkup { after_bang: false }),
        };
        self.error_at(kind, at)
    }

    /// The next node of mixed content (for raw XML kept by `xs:any`): a child element,
    /// a piece of text, or `None` at the end tag.
    pub fn next_node(&mut self) -> Result<Option<Node<'a>>, ReadError> {
        loop {
            let before = self.xml.pos();
            return Ok(Some(match self.token()? {
                Token::Start(tag) => Node::Element(self.make_start(tag, before)?),
                Token::End => return Ok(None),
                Token::Text(t) => {
                    Node::Text(xml::decode_text(t, before).map_err(|e| self.xml_error(*e))?)
                }
                Token::CData(t) => Node::Text(
                    xml::decode_cdata(t, before + xml::CDATA_START.len())
                        .map_err(|e| self.xml_error(*e))?,
                ),
                Token::Misc => continue,
                other => return Err(self.misplaced(other, before)),
            }));
        }
    }

    /// Skips the rest of `start`'s element (all of its subtree).
    pub fn skip(&mut self, start: &Start<'a>) -> Result<(), ReadError> {
        if start.tag.empty {
            return Ok(());
        }
        let mut depth = 0usize;
        loop {
            let before = self.xml.pos();
            match self.token()? {
                Token::Start(tag) => {
                    self.count_element(before)?;
                    if !tag.empty {
                        depth += 1;
                        // The skipped subtree counts against the depth limit too.
                        if self.path.len() + 1 + depth > self.options.max_depth {
                            let kind = ErrorKind::DepthLimit(self.options.max_depth);
                            return Err(self.error_at(kind, before));
                        }
                    }
                }
                Token::End => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => return Ok(()),
                },
                Token::Text(_) | Token::CData(_) | Token::Misc => {}
                other => return Err(self.misplaced(other, before)),
            }
        }
    }

    /// Reads the text content of `start`'s element up to its end tag: entities and
    /// character references decoded, CDATA included, comments skipped. A child element is
    /// an error.
    pub fn text(&mut self, start: &Start<'a>) -> Result<Cow<'a, str>, ReadError> {
        if start.tag.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut acc: Option<Cow<'a, str>> = None;
        loop {
            let before = self.xml.pos();
            let piece = match self.token()? {
                Token::Text(t) => xml::decode_text(t, before),
                Token::CData(t) => xml::decode_cdata(t, before + xml::CDATA_START.len()),
                Token::End => return Ok(acc.unwrap_or(Cow::Borrowed(""))),
                Token::Misc => continue,
                Token::Start(tag) => {
                    let found = String::from_utf8_lossy(tag.local(self.input)).into_owned();
                    return Err(self.error_at(
                        ErrorKind::UnexpectedElement {
                            expected: "text".into(),
                            found,
                        },
                        before,
                    ));
                }
                other => return Err(self.misplaced(other, before)),
            }
            .map_err(|e| self.xml_error(*e))?;
            acc = Some(match acc {
                None => piece,
                Some(prev) => Cow::Owned(prev.into_owned() + &piece),
            });
        }
    }

    /// Calls `f` for each attribute of `start` that is data: `xmlns` declarations and
    /// `xsi:type` are left out (the typed value stands for the type).
    /// `f` says whether it took the attribute; one it did not take is refused with
    /// [`ErrorKind::UnknownAttribute`]. Call it before reading the element's content.
    pub fn attributes(
        &self,
        start: &Start<'a>,
        mut f: impl FnMut(&Attr<'_>) -> Result<bool, ValueError>,
    ) -> Result<(), ReadError> {
        self.each_attribute(start, false, &mut f)
    }

    /// Like [`attributes`](Self::attributes), but every attribute is handed out, `xsi:`
    /// ones included (for raw XML kept by `xs:any`). The value of `xsi:type`, a QName, is
    /// handed out resolved, as `{namespace}local` (just `local` when it has no namespace),
    /// since the prefix means nothing once the namespace declarations are gone.
    pub fn all_attributes(
        &self,
        start: &Start<'a>,
        mut f: impl FnMut(&Attr<'_>) -> Result<(), ValueError>,
    ) -> Result<(), ReadError> {
        self.each_attribute(start, true, &mut |a| f(a).map(|()| true))
    }

    /// Checks the attributes of an element whose type declares none, as reading it would:
    /// their syntax and prefixes, and in [`ReadMode::Strict`] that there are none (the
    /// streaming reader, for the elements around the messages; it does not keep them).
    pub(crate) fn check_attributes(&self, start: &Start<'a>) -> Result<(), ReadError> {
        let keep = self.options.mode != ReadMode::Strict;
        self.each_attribute(start, false, &mut |_| Ok(keep))
    }

    /// Not generic (the callback is a trait object): compiled once, not once per type.
    fn each_attribute(
        &self,
        start: &Start<'a>,
        with_xsi: bool,
        f: &mut dyn FnMut(&Attr<'_>) -> Result<bool, ValueError>,
    ) -> Result<(), ReadError> {
        if !start.tag.has_attributes() {
            return Ok(());
        }
        let syntax = |e: SyntaxError, at: usize| self.error_at(ErrorKind::Syntax(e), at);
        let mut names = SeenNames::default();
        let mut attrs = Attrs::of(self.input, &start.tag);
        while let Some(a) = attrs.next_attr().map_err(|e| self.xml_error(*e))? {
            if !names.insert(a.name) {
                let name = String::from_utf8_lossy(a.name).into_owned();
                return Err(syntax(SyntaxError::DuplicatedAttribute(name), a.at));
            }
            if xml::xmlns_prefix(a.name).is_some() {
                continue;
            }
            let colon = xml::check_qname(a.name).map_err(|fault| {
                let of = NameOf::Attribute;
                syntax(SyntaxError::BadName { of, fault }, a.at)
            })?;
            let (prefix, local) = match colon {
                Some(c) => (&a.name[..c], &a.name[c + 1..]),
                None => (&b""[..], a.name),
            };
            // Unprefixed attributes are in no namespace (the default one does not apply).
            let (ns, uri) = if prefix.is_empty() {
                (Ns::None, "")
            } else {
                self.xml.resolve(prefix).ok_or_else(|| {
                    let prefix = String::from_utf8_lossy(prefix).into_owned();
                    let place = PrefixPlace::Name;
                    syntax(SyntaxError::UndeclaredPrefix { prefix, place }, a.at)
                })?
            };
            if ns == Ns::Xsi && !with_xsi && local == b"type" {
                continue;
            }
            let mut value =
                xml::decode_attribute(a.value, a.value_at).map_err(|e| self.xml_error(*e))?;
            if ns == Ns::Xsi && local == b"type" {
                value = Cow::Owned(self.resolve_qname(value.trim(), start)?);
            }
            let attr = Attr {
                ns,
                uri: uri.as_bytes(),
                local,
                value,
            };
            if !f(&attr).map_err(|e| self.value_error(e, start))? {
                let name = String::from_utf8_lossy(a.name).into_owned();
                return Err(self.error_at(ErrorKind::UnknownAttribute(name), a.at));
            }
        }
        Ok(())
    }

    /// Whether `start` has `xsi:nil="true"` (or `"1"`); another value than `true`, `false`,
    /// `1` or `0` is an error.
    pub fn xsi_nil(&self, start: &Start<'a>) -> Result<bool, ReadError> {
        if !start.tag.has_attributes() {
            return Ok(false);
        }
        let mut nil = false;
        self.each_attribute(start, true, &mut |a| {
            if (a.ns, a.local) == (Ns::Xsi, &b"nil"[..]) {
                nil = bool::parse(&a.value)?;
            }
            Ok(true)
        })?;
        Ok(nil)
    }

    /// Reads up to the end tag of the element just entered, which must have no content but whitespace,
    /// comments and processing instructions (a nil element).
    pub fn empty_content(&mut self) -> Result<(), ReadError> {
        loop {
            let before = self.xml.pos();
            match self.token()? {
                Token::End => return Ok(()),
                Token::Misc => {}
                Token::Text(t) if is_whitespace(t) => {}
                Token::Start(_) | Token::Text(_) | Token::CData(_) => {
                    return Err(self.error_at(ErrorKind::NilWithContent, before));
                }
                other => return Err(self.misplaced(other, before)),
            }
        }
    }

    /// The `xsi:type` of `start`, as (namespace, local name), if present.
    pub fn xsi_type(&self, start: &Start<'a>) -> Result<Option<(Ns, String)>, ReadError> {
        let mut attrs = Attrs::of(self.input, &start.tag);
        while let Some(a) = attrs.next_attr().map_err(|e| self.xml_error(*e))? {
            let Some(prefix) = a.name.strip_suffix(b":type") else {
                continue;
            };
            if !matches!(self.xml.resolve(prefix), Some((Ns::Xsi, _))) {
                continue;
            }
            let value =
                xml::decode_attribute(a.value, a.value_at).map_err(|e| self.xml_error(*e))?;
            let value = value.trim();
            let (prefix, name) = value.split_once(':').unwrap_or(("", value));
            let ns = self.resolve_prefix(prefix, start)?.0;
            return Ok(Some((ns, name.to_owned())));
        }
        Ok(None)
    }

    /// A QName value (`p:local`) in Clark notation: `{namespace}local`, or `local`.
    fn resolve_qname(&self, qname: &str, start: &Start<'a>) -> Result<String, ReadError> {
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        let (_, uri) = self.resolve_prefix(prefix, start)?;
        Ok(if uri.is_empty() {
            local.to_owned()
        } else {
            format!("{{{uri}}}{local}")
        })
    }

    fn resolve_prefix(&self, prefix: &str, start: &Start<'a>) -> Result<(Ns, &str), ReadError> {
        self.xml.resolve(prefix.as_bytes()).ok_or_else(|| {
            self.error_at(
                ErrorKind::Syntax(SyntaxError::UndeclaredPrefix {
                    prefix: prefix.to_owned(),
                    place: PrefixPlace::XsiType,
                }),
                start.offset,
            )
        })
    }
}

/// Attribute names of one start tag, for the duplicate check (no allocation for the usual
/// few; a set beyond, so that a tag with many attributes costs linear time).
#[derive(Default)]
struct SeenNames<'x> {
    few: [&'x [u8]; 8],
    len: usize,
    many: Option<std::collections::HashSet<&'x [u8]>>,
}

impl<'x> SeenNames<'x> {
    /// Adds `name`; `false` when it was there already.
    fn insert(&mut self, name: &'x [u8]) -> bool {
        if let Some(set) = &mut self.many {
            return set.insert(name);
        }
        if self.few[..self.len].contains(&name) {
            return false;
        }
        if self.len < self.few.len() {
            self.few[self.len] = name;
            self.len += 1;
        } else {
            let mut set: std::collections::HashSet<&[u8]> = self.few.iter().copied().collect();
            set.insert(name);
            self.many = Some(set);
        }
        true
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
pub fn read_complex<'a, T: ComplexShape>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<T, ReadError> {
    let mut value = T::default();
    read_complex_into(&mut value, r, start)?;
    Ok(value)
}

/// Reads a whole element of a complex type into a new box, filled in place (large structs
/// are not moved after reading).
pub fn read_complex_boxed<'a, T: ComplexShape>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<Box<T>, ReadError> {
    let mut value = Box::<T>::default();
    read_complex_into(&mut *value, r, start)?;
    Ok(value)
}

/// Reads a whole element of a complex type into `value` (which starts as its default).
/// Content the type does not declare is kept in its [`Unknown`](super::Unknown) slot or
/// refused, by [`ReadMode`].
///
/// A thin shim: the work is done once, in `read_into`, for every type (one copy of the
/// loop in the binary instead of one per type; see BENCHMARKS.md, compile time).
#[inline]
pub fn read_complex_into<'a, T: ComplexShape>(
    value: &mut T,
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<(), ReadError> {
    let layout = Layout {
        has_text: T::HAS_TEXT,
        ordered: T::ORDERED,
        only_child: T::ONLY_CHILD,
    };
    read_into(value, layout, r, start)
}

/// The constants of a [`ComplexShape`] that [`read_into`] needs.
#[derive(Clone, Copy)]
struct Layout {
    has_text: bool,
    ordered: bool,
    only_child: Option<(&'static str, &'static [&'static str])>,
}

/// The reading of a complex element: attributes, then text or children, then the checks
/// for what is missing or unfit.
fn read_into<'a>(
    value: &mut dyn ComplexType,
    layout: Layout,
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<(), ReadError> {
    r.enter(start)?;
    let mut seen = Seen::default();
    let keep = r.options.mode != ReadMode::Strict;
    r.each_attribute(start, false, &mut |a| {
        if value.read_attribute(a, &mut seen)? {
            return Ok(true);
        }
        if keep {
            value
                .unknown_mut()
                .push_attribute(AnyAttribute::from_attr(a));
        }
        Ok(keep)
    })?;
    if layout.has_text {
        let text = r.text(start)?;
        if let Err(e) = value.read_text(&text) {
            return Err(r.value_error(e, start));
        }
    } else if !start.is_empty() {
        read_children(value, layout, r, &mut seen)?;
    }
    if let Some(name) = value.missing(&seen) {
        return Err(missing(r, name, start));
    }
    if let Some(unfit) = value.unfit() {
        return Err(unfit_error(r, unfit, start));
    }
    r.leave();
    Ok(())
}

/// The child elements of a complex element: the type's own read, the rest kept as unknown
/// content where they stand, or refused, by [`ReadMode`].
fn read_children<'a>(
    value: &mut dyn ComplexType,
    layout: Layout,
    r: &mut Reader<'a>,
    seen: &mut Seen,
) -> Result<(), ReadError> {
    let mut previous: &[u8] = b"";
    // Known children read so far: where unknown ones stand among them.
    let mut known = 0u32;
    while let Some(child) = r.next_child()? {
        if !value.read_child(r, &child, seen)? {
            if let Some((only, refused)) = layout.only_child {
                if child.ns == Ns::Messages && refused.binary_search(&child.local_str()).is_ok() {
                    return Err(not_the_only_child(r, &child, only));
                }
            }
            let repeated = seen.take_repeated();
            value
                .unknown_mut()
                .push_read_element(not_read(r, &child, repeated)?, known);
        } else if seen.take_out_of_order() && layout.ordered {
            return Err(out_of_order(r, &child, previous));
        } else {
            match seen.kept.take() {
                Some(kept) => value.unknown_mut().push_read_element(*kept, known),
                None => known = known.saturating_add(1),
            }
            previous = child.local;
        }
    }
    value.unknown_mut().settle(known);
    Ok(())
}

// The paths of `read_into` and `read_children` for content they do not read, apart and
// cold: the loop stays small.

/// A child the type did not read: unknown, or a repeated single element. Kept as unknown
/// content (the whole subtree), or refused, by [`ReadMode`].
#[cold]
#[inline(never)]
fn not_read<'a>(
    r: &mut Reader<'a>,
    child: &Start<'a>,
    repeated: bool,
) -> Result<AnyElement, ReadError> {
    match (repeated, r.options.mode) {
        (true, ReadMode::Lenient) | (false, ReadMode::KeepUnknown | ReadMode::Lenient) => {
            AnyElement::read(r, child)
        }
        (true, _) => Err(repeated_error(r, child)),
        (false, _) => {
            let kind = ErrorKind::UnknownElement(qualified(child));
            Err(r.error_at(kind, child.offset()))
        }
    }
}

/// The error for `child` in a type that takes only elements `only` ([`ComplexType::ONLY_CHILD`]).
#[cold]
#[inline(never)]
fn not_the_only_child(r: &Reader<'_>, child: &Start<'_>, only: &str) -> ReadError {
    let kind = ErrorKind::UnexpectedElement {
        expected: only.to_owned(),
        found: qualified(child),
    };
    r.error_at(kind, child.offset())
}

/// `{namespace}local` of an element, or `local` without a namespace.
pub(crate) fn qualified(c: &Start<'_>) -> String {
    match (c.ns, &c.other_uri) {
        (Ns::None, _) => c.local_str().to_owned(),
        (_, Some(uri)) => format!("{{{uri}}}{}", c.local_str()),
        (ns, None) => format!("{{{}}}{}", xml::uri_of(ns), c.local_str()),
    }
}

/// The error for `child`, an element the schema allows once that stands a second time (not
/// read yet): see [`repeated_after`].
#[cold]
fn repeated_error<'a>(r: &mut Reader<'a>, child: &Start<'a>) -> ReadError {
    match r.skip(child) {
        Ok(()) => repeated_after(r, child),
        Err(e) => e,
    }
}

/// The error for `c`, an element the schema allows once that stood a second time and has
/// been read past: counts the ones that follow too (the rest of the parent is read, since
/// reading stops here).
#[cold]
fn repeated_after<'a>(r: &mut Reader<'a>, c: &Start<'a>) -> ReadError {
    let mut count = 2;
    let mut next = r.next_child();
    while let Ok(Some(s)) = next {
        if (s.ns, s.local) == (c.ns, c.local) {
            count += 1;
        }
        next = r.skip(&s).and_then(|()| r.next_child());
    }
    let kind = ErrorKind::Repeated {
        element: qualified(c),
        count,
    };
    r.error_at(kind, c.offset())
}

#[cold]
fn out_of_order(r: &Reader<'_>, child: &Start<'_>, previous: &[u8]) -> ReadError {
    let kind = ErrorKind::OutOfOrder {
        element: child.local_str().to_owned(),
        after: String::from_utf8_lossy(previous).into_owned(),
    };
    r.error_at(kind, child.offset())
}

/// The error for a value its schema type does not allow (see `ComplexType::unfit`), at the
/// start of the element that holds it.
#[cold]
fn unfit_error(r: &Reader<'_>, unfit: Unfit, start: &Start<'_>) -> ReadError {
    let kind = match unfit {
        Unfit::Missing(name) => return missing(r, name, start),
        Unfit::OutOfFacets {
            element,
            value,
            facets,
        } => ErrorKind::OutOfFacets {
            element,
            value,
            facets,
        },
        Unfit::NotFixed {
            element,
            value,
            fixed,
        } => ErrorKind::NotFixed {
            element,
            value,
            fixed,
        },
    };
    r.error_at(kind, start.offset())
}

#[cold]
fn missing(r: &Reader<'_>, name: &'static str, start: &Start<'_>) -> ReadError {
    let kind = if name.starts_with('@') {
        ErrorKind::MissingAttribute(name)
    } else {
        ErrorKind::MissingElement(name)
    };
    r.error_at(kind, start.offset)
}

/// Reads a whole element of a simple type (its text).
pub fn read_simple<'a, T: SimpleValue>(
    r: &mut Reader<'a>,
    start: &Start<'a>,
) -> Result<T, ReadError> {
    let text = simple_text(r, start)?;
    let v = T::parse(&text).map_err(|e| r.value_error(e, start))?;
    r.leave();
    Ok(v)
}

/// The text of an element of a simple type, the element left open (the part of
/// [`read_simple`] that does not depend on the type).
fn simple_text<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Cow<'a, str>, ReadError> {
    r.enter(start)?;
    // A simple type has no attributes (xsi:type and xsi:nil aside), and no slot to keep
    // unknown ones in: refused, whatever the mode.
    r.each_attribute(start, false, &mut |_| Ok(false))?;
    r.text(start)
}

// The readers of one child element, field `i` of the struct being read. Each returns
// whether it took the element: an element the schema allows once that was read already is
// not taken (see `Seen::single`).

/// Reads a required child into `slot`.
#[inline]
pub fn one<'a, T: XmlElement>(
    slot: &mut T,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    if !seen.single(i) {
        return Ok(false);
    }
    *slot = T::read_element(r, c)?;
    Ok(true)
}

/// Reads an optional child into `slot`.
#[inline]
pub fn opt<'a, T: XmlElement>(
    slot: &mut Option<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    if !seen.single(i) {
        return Ok(false);
    }
    *slot = Some(T::read_element(r, c)?);
    Ok(true)
}

/// Reads one more repeated child into `slot`.
#[inline]
pub fn many<'a, T: XmlElement>(
    slot: &mut Vec<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    seen.child(i);
    slot.push(T::read_element(r, c)?);
    Ok(true)
}

/// Reads a required, boxed child into `slot`.
#[inline]
pub fn one_box<'a, T: XmlElement>(
    slot: &mut Box<T>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    if !seen.single(i) {
        return Ok(false);
    }
    *slot = T::read_boxed(r, c)?;
    Ok(true)
}

/// Reads an optional, boxed child into `slot`.
#[inline]
pub fn opt_box<'a, T: XmlElement>(
    slot: &mut Option<Box<T>>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    if !seen.single(i) {
        return Ok(false);
    }
    *slot = Some(T::read_boxed(r, c)?);
    Ok(true)
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

/// Tries `c` as a member of choice `C`, field `i` of the struct being read; on a match
/// stores it in a required slot.
#[inline]
pub fn choice_one<'a, C: ChoiceGroup>(
    slot: &mut C,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    let Some(v) = C::read_choice(r, c)? else {
        return Ok(false);
    };
    if !seen.has(i) {
        *slot = v;
    } else if let Err(v) = slot.absorb(v) {
        return choice_repeated(r, c, seen, &v);
    }
    seen.child(i);
    Ok(true)
}

/// Tries `c` as a member of choice `C`, field `i` of the struct being read; on a match
/// stores it in an optional slot.
#[inline]
pub fn choice_opt<'a, C: ChoiceGroup>(
    slot: &mut Option<C>,
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    i: u32,
) -> Result<bool, ReadError> {
    let Some(v) = C::read_choice(r, c)? else {
        return Ok(false);
    };
    match slot {
        Some(prev) if seen.has(i) => {
            if let Err(v) = prev.absorb(v) {
                return choice_repeated(r, c, seen, &v);
            }
        }
        _ => *slot = Some(v),
    }
    seen.child(i);
    Ok(true)
}

/// A choice the schema allows once, read a second time (as `v`): refused, or kept as
/// unknown content in [`ReadMode::Lenient`] (the element was read already: it is kept as
/// written back). `Ok(true)`: the element is taken care of.
#[cold]
#[inline(never)]
fn choice_repeated<'a, C: ChoiceGroup>(
    r: &mut Reader<'a>,
    c: &Start<'a>,
    seen: &mut Seen,
    v: &C,
) -> Result<bool, ReadError> {
    if r.options.mode != ReadMode::Lenient {
        return Err(repeated_after(r, c));
    }
    let mut w = Writer::new();
    v.write_choice(&mut w);
    let xml = w.into_string();
    let mut again = Reader::new(xml.as_bytes(), ReadOptions::default());
    let kept = again
        .root()
        .and_then(|root| AnyElement::read(&mut again, &root))
        .map_err(|e| r.error_at(e.into_kind(), c.offset()))?;
    seen.kept = Some(Box::new(kept));
    Ok(true)
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
