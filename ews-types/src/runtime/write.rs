//! The writing side: a small XML writer into a `String`.
//!
//! Writes `m:` for the messages namespace and `t:` for the types namespace, declared once
//! on the outermost element; attributes unprefixed; empty elements self-closed; text and
//! attribute values escaped. Characters XML 1.0 cannot carry (control characters other than
//! tab, newline and carriage return; U+FFFE and U+FFFF) are written as U+FFFD and counted
//! ([`Writer::replaced`]): the output is always well-formed.

use super::any::AnyElement;
use super::unfit::Unfit;
use super::{ChoiceGroup, ComplexType, Ns, SimpleValue, XmlElement};

/// Namespace URIs and the prefixes written for them.
pub(crate) const DECLS: &str = concat!(
    " xmlns:m=\"",
    super::xml::messages_uri!(),
    "\" xmlns:t=\"",
    super::xml::types_uri!(),
    "\""
);

/// An XML writer for generated types.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// A start tag is open (`<t:X a="b"`) and not yet closed with `>` or `/>`.
    open: bool,
    /// The `m:`/`t:` namespace declarations have been written.
    declared: bool,
    /// Characters replaced by U+FFFD because XML cannot carry them.
    replaced: usize,
    /// `xsi:` is declared on the open start tag.
    xsi_declared: bool,
    /// How many elements are open.
    depth: u32,
    /// The first value written that its schema type does not allow, its path growing as
    /// the enclosing elements close.
    unfit: Option<Box<Pending>>,
    /// Values whose unknown child elements go between their known children: the depth of
    /// each one's open element, and where its known children start in `out` (innermost
    /// last; empty but for such values).
    placing: Vec<(u32, Vec<usize>)>,
}

/// What was written holds or lacks what its schema type does not allow (see
/// [`ComplexType::unfit`]): the document is not schema-valid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidContent {
    /// What is wrong.
    pub unfit: Unfit,
    /// The local names of the element it is in and of its ancestors, outermost first,
    /// `/`-separated (`Envelope/Body/GetItemResponse/ResponseMessages/GetItemResponseMessage`).
    pub path: String,
}

impl std::fmt::Display for InvalidContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} in {} (not written: the document would not be schema-valid)",
            self.unfit, self.path
        )
    }
}

impl std::error::Error for InvalidContent {}

/// [`InvalidContent`] while it is being written: the path is collected innermost first.
#[derive(Debug)]
struct Pending {
    unfit: Unfit,
    /// Local names, innermost first.
    path: Vec<String>,
    /// The depth of the next enclosing element to add to `path`.
    next: u32,
}

impl Writer {
    /// A writer into an empty buffer.
    pub fn new() -> Self {
        Writer::default()
    }

    /// A writer that starts with an XML declaration.
    pub fn with_declaration() -> Self {
        let mut w = Writer::new();
        w.out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w
    }

    /// The written XML.
    pub fn into_string(self) -> String {
        self.out
    }

    /// The XML written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// How many characters of text and attribute values were written as U+FFFD because XML
    /// 1.0 cannot carry them (e.g. `\u{1}`).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// The first value written that its schema type does not allow, if any (see
    /// [`ComplexType::unfit`]). Complete once the outermost
    /// element is closed.
    pub fn invalid(&self) -> Option<InvalidContent> {
        self.unfit.as_ref().map(|p| InvalidContent {
            unfit: p.unfit.clone(),
            path: p
                .path
                .iter()
                .rev()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("/"),
        })
    }

    /// Records that the innermost open element is `unfit` (the first record is kept).
    pub fn note_unfit(&mut self, unfit: Unfit) {
        if self.unfit.is_none() {
            self.unfit = Some(Box::new(Pending {
                unfit,
                path: Vec::new(),
                next: self.depth,
            }));
        }
    }

    /// Bookkeeping of a closing element `local`: its depth, and its place in the path of
    /// what is invalid.
    #[inline]
    fn closing(&mut self, local: &str) {
        if let Some(l) = &mut self.unfit {
            if l.next == self.depth {
                l.path.push(local.to_owned());
                l.next = l.next.saturating_sub(1);
            }
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// Where a child element of the innermost placing value starts (see [`Self::placing`]).
    #[cold]
    fn child_start(&mut self) {
        if let Some((depth, starts)) = self.placing.last_mut() {
            if *depth == self.depth {
                starts.push(self.out.len());
            }
        }
    }

    /// Writes `e` at byte offset `at` of what was written (a start of a child element of an
    /// element still open).
    pub(crate) fn insert_element(&mut self, at: usize, e: &AnyElement) {
        let mut w = Writer::new();
        w.set_declared();
        e.write(&mut w);
        self.replaced += w.replaced;
        if self.out.is_char_boundary(at) {
            self.out.insert_str(at, &w.out);
        } else {
            // Not a place this writer recorded; nothing is lost: after the children.
            self.out.push_str(&w.out);
        }
    }

    /// Marks the `m:`/`t:` declarations as already written by an enclosing element
    /// (e.g. the SOAP envelope).
    pub fn set_declared(&mut self) {
        self.declared = true;
    }

    #[inline]
    fn close_open(&mut self) {
        if self.open {
            self.out.push('>');
            self.open = false;
        }
    }

    /// Writes a raw start-tag name (`prefix:local`), declaring `m:`/`t:` on the first element.
    pub fn start_raw(&mut self, qname: &str) {
        self.close_open();
        if !self.placing.is_empty() {
            self.child_start();
        }
        self.out.push('<');
        self.out.push_str(qname);
        self.xsi_declared = false;
        self.depth += 1;
        if !self.declared {
            self.out.push_str(DECLS);
            self.declared = true;
        }
        self.open = true;
    }

    /// Opens element `name` in `ns`.
    #[inline]
    pub fn start(&mut self, ns: Ns, name: &str) {
        self.close_open();
        if !self.placing.is_empty() {
            self.child_start();
        }
        self.out.push('<');
        push_prefix(&mut self.out, ns);
        self.out.push_str(name);
        self.xsi_declared = false;
        self.depth += 1;
        if !self.declared {
            self.out.push_str(DECLS);
            self.declared = true;
        }
        self.open = true;
    }

    /// Closes element `name` in `ns` (self-closing when it got no content).
    #[inline]
    pub fn end(&mut self, ns: Ns, name: &str) {
        self.closing(name);
        if self.open {
            self.out.push_str("/>");
            self.open = false;
        } else {
            self.out.push_str("</");
            push_prefix(&mut self.out, ns);
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Closes a raw element opened with [`start_raw`](Self::start_raw).
    pub fn end_raw(&mut self, qname: &str) {
        self.closing(qname.rsplit(':').next().unwrap_or(qname));
        if self.open {
            self.out.push_str("/>");
            self.open = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(qname);
            self.out.push('>');
        }
    }

    /// Writes an attribute on the open start tag (value escaped).
    #[inline]
    pub fn attr_str(&mut self, name: &str, value: &str) {
        debug_assert!(self.open, "attribute outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.replaced += escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Writes text content (escaped).
    #[inline]
    pub fn text_str(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.close_open();
        self.replaced += escape_into(&mut self.out, value, false);
    }

    /// Writes a simple value as text content.
    pub fn text<T: SimpleValue>(&mut self, value: &T) {
        let s = value.to_text();
        self.text_str(&s);
    }

    /// Writes a required attribute.
    #[inline]
    pub fn attr<T: SimpleValue>(&mut self, name: &str, value: &T) {
        let s = value.to_text();
        self.attr_str(name, &s);
    }

    /// Writes an optional attribute when present.
    #[inline]
    pub fn attr_opt<T: SimpleValue>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.attr(name, v);
        }
    }

    /// Writes a required child element.
    #[inline]
    pub fn one<T: XmlElement>(&mut self, ns: Ns, name: &str, value: &T) {
        value.write_element(self, ns, name);
    }

    /// Writes an optional child element when present.
    #[inline]
    pub fn opt<T: XmlElement>(&mut self, ns: Ns, name: &str, value: Option<&T>) {
        if let Some(v) = value {
            v.write_element(self, ns, name);
        }
    }

    /// Writes a repeated child element.
    #[inline]
    pub fn many<T: XmlElement>(&mut self, ns: Ns, name: &str, values: &[T]) {
        for v in values {
            v.write_element(self, ns, name);
        }
    }

    /// Writes a required choice.
    #[inline]
    pub fn choice<C: ChoiceGroup>(&mut self, value: &C) {
        value.write_choice(self);
    }

    /// Writes an optional choice when present.
    #[inline]
    pub fn choice_opt<C: ChoiceGroup>(&mut self, value: Option<&C>) {
        if let Some(v) = value {
            v.write_choice(self);
        }
    }

    /// Writes a repeated choice.
    #[inline]
    pub fn choice_many<C: ChoiceGroup>(&mut self, values: &[C]) {
        for v in values {
            v.write_choice(self);
        }
    }

    /// Writes an `xmlns:prefix="uri"` declaration on the open start tag.
    pub fn declare(&mut self, prefix: &str, uri: &str) {
        self.out.push_str(" xmlns");
        if !prefix.is_empty() {
            self.out.push(':');
            self.out.push_str(prefix);
        }
        self.out.push_str("=\"");
        self.replaced += escape_into(&mut self.out, uri, true);
        self.out.push('"');
    }

    /// Declares `xsi:` on the open start tag, unless it was already.
    pub fn declare_xsi(&mut self) {
        if !self.xsi_declared {
            self.declare("xsi", super::xml::XSI_URI);
            self.xsi_declared = true;
        }
    }

    /// Writes `xsi:type="p:name"` (declaring `xsi:`) on the open start tag.
    pub fn xsi_type(&mut self, ns: Ns, name: &str) {
        self.declare_xsi();
        self.out.push_str(" xsi:type=\"");
        push_prefix(&mut self.out, ns);
        self.out.push_str(name);
        self.out.push('"');
    }
}

#[inline]
fn push_prefix(out: &mut String, ns: Ns) {
    match ns {
        Ns::Messages => out.push_str("m:"),
        Ns::Types => out.push_str("t:"),
        Ns::Soap => out.push_str("soap:"),
        Ns::Xml => out.push_str("xml:"),
        Ns::Xsi => out.push_str("xsi:"),
        Ns::None | Ns::Other => {}
    }
}

/// What a byte needs when written: nothing (0), an escape (its table index), or, for 0xEF,
/// a look at whether it starts U+FFFE or U+FFFF.
const PLAIN: u8 = 0;
const REPLACE: u8 = 8;
const MAYBE_NONCHAR: u8 = 9;
const ESCAPES: [&str; 8] = [
    "", "&amp;", "&lt;", "&gt;", "&quot;", "&#9;", "&#10;", "&#13;",
];

const fn escape_table(attribute: bool) -> [u8; 256] {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = REPLACE;
        b += 1;
    }
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 2;
    t[b'>' as usize] = 3;
    t[b'\r' as usize] = 7;
    if attribute {
        t[b'"' as usize] = 4;
        t[b'\t' as usize] = 5;
        t[b'\n' as usize] = 6;
    } else {
        t[b'\t' as usize] = PLAIN;
        t[b'\n' as usize] = PLAIN;
    }
    t[0xEF] = MAYBE_NONCHAR;
    t
}

static TEXT_ESCAPES: [u8; 256] = escape_table(false);
static ATTRIBUTE_ESCAPES: [u8; 256] = escape_table(true);

/// Appends `s` escaped for text (`&`, `<`, `>`) or for a double-quoted attribute
/// (also `"`, and tab/newline/CR as character references so they survive normalisation).
/// Characters XML 1.0 cannot carry are written as U+FFFD; returns how many.
pub fn escape_into(out: &mut String, s: &str, attribute: bool) -> usize {
    let table = if attribute {
        &ATTRIBUTE_ESCAPES
    } else {
        &TEXT_ESCAPES
    };
    let bytes = s.as_bytes();
    let mut replaced = 0;
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let class = table[bytes[i] as usize];
        if class == PLAIN {
            i += 1;
            continue;
        }
        let (rep, len) = match class {
            REPLACE => ("\u{FFFD}", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            MAYBE_NONCHAR => match bytes.get(i + 1..i + 3) {
                Some([0xBF, 0xBE | 0xBF]) => ("\u{FFFD}", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            escape => (ESCAPES[usize::from(escape)], 1),
        };
        replaced += usize::from(class >= REPLACE);
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += len;
        last = i;
    }
    out.push_str(&s[last..]);
    replaced
}

/// Writes a whole element of a complex type: its known attributes and content, then its
/// unknown ones (see [`Unknown`](super::Unknown)).
pub fn write_complex(value: &dyn ComplexType, w: &mut Writer, ns: Ns, name: &str) {
    w.start(ns, name);
    write_body(value, w);
    w.end(ns, name);
}

/// The attributes and content of a complex value, unknown ones last.
fn write_body(value: &dyn ComplexType, w: &mut Writer) {
    if let Some(unfit) = value.unfit() {
        w.note_unfit(unfit);
    }
    value.write_attributes(w);
    let unknown = value.unknown();
    unknown.write_attributes(w);
    if unknown.has_places() {
        write_placed(w, unknown, &|w| value.write_content(w));
    } else {
        value.write_content(w);
        unknown.write_elements(w);
    }
}

/// The content of a value whose unknown child elements go between its known children
/// (rare: apart from [`write_body`]).
#[cold]
#[inline(never)]
fn write_placed(w: &mut Writer, unknown: &super::Unknown, content: &dyn Fn(&mut Writer)) {
    w.placing.push((w.depth, Vec::new()));
    content(w);
    let starts = w.placing.pop().map(|(_, s)| s).unwrap_or_default();
    unknown.write_placed(w, &starts);
}

/// Writes a whole element of a complex type with `xsi:type` (for abstract declared types).
pub fn write_complex_typed(
    value: &dyn ComplexType,
    w: &mut Writer,
    ns: Ns,
    name: &str,
    type_ns: Ns,
    type_name: &str,
) {
    w.start(ns, name);
    w.xsi_type(type_ns, type_name);
    write_body(value, w);
    w.end(ns, name);
}

/// Writes a whole element of a simple type.
pub fn write_simple<T: SimpleValue>(value: &T, w: &mut Writer, ns: Ns, name: &str) {
    w.start(ns, name);
    w.text(value);
    w.end(ns, name);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape_into(&mut s, "a<b>&\"c\"\n", false);
        assert_eq!(s, "a&lt;b&gt;&amp;\"c\"\n");
        s.clear();
        escape_into(&mut s, "a<b>&\"c\"\n\t", true);
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;");
        let mut s = String::new();
        assert_eq!(
            escape_into(&mut s, "a\u{1}b\u{FFFF}c\u{FFFD}\u{1F}\r", false),
            3
        );
        assert_eq!(s, "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}&#13;");
    }

    #[test]
    fn elements_and_declarations() {
        let mut w = Writer::new();
        w.start(Ns::Messages, "A");
        w.attr_str("X", "1");
        w.start(Ns::Types, "B");
        w.end(Ns::Types, "B");
        w.start(Ns::Types, "C");
        w.text_str("x&y");
        w.end(Ns::Types, "C");
        w.end(Ns::Messages, "A");
        assert_eq!(
            w.into_string(),
            format!("<m:A{DECLS} X=\"1\"><t:B/><t:C>x&amp;y</t:C></m:A>")
        );
    }
}
