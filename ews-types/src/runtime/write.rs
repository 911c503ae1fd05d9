//! The writing side: a small XML writer into a `String`.
//!
//! Writes `m:` for the messages namespace and `t:` for the types namespace, declared once
//! on the outermost element; attributes unprefixed; empty elements self-closed; text and
//! attribute values escaped.

use super::{ChoiceGroup, ComplexType, Ns, SimpleValue, XmlElement};

/// Namespace URIs and the prefixes written for them.
pub(crate) const DECLS: &str = concat!(
    " xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\"",
    " xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\""
);

/// An XML writer for generated types.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// A start tag is open (`<t:X a="b"`) and not yet closed with `>` or `/>`.
    open: bool,
    /// The `m:`/`t:` namespace declarations have been written.
    declared: bool,
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
        self.out.push('<');
        self.out.push_str(qname);
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
        self.out.push('<');
        push_prefix(&mut self.out, ns);
        self.out.push_str(name);
        if !self.declared {
            self.out.push_str(DECLS);
            self.declared = true;
        }
        self.open = true;
    }

    /// Closes element `name` in `ns` (self-closing when it got no content).
    #[inline]
    pub fn end(&mut self, ns: Ns, name: &str) {
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
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Writes text content (escaped).
    #[inline]
    pub fn text_str(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.close_open();
        escape_into(&mut self.out, value, false);
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
        escape_into(&mut self.out, uri, true);
        self.out.push('"');
    }

    /// Writes `xsi:type="p:name"` (declaring `xsi:`) on the open start tag.
    pub fn xsi_type(&mut self, ns: Ns, name: &str) {
        self.declare("xsi", "http://www.w3.org/2001/XMLSchema-instance");
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

/// Appends `s` escaped for text (`&`, `<`, `>`) or for a double-quoted attribute
/// (also `"`, and tab/newline/CR as character references so they survive normalisation).
pub fn escape_into(out: &mut String, s: &str, attribute: bool) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\t' if attribute => "&#9;",
            b'\n' if attribute => "&#10;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Writes a whole element of a complex type.
pub fn write_complex<T: ComplexType>(value: &T, w: &mut Writer, ns: Ns, name: &str) {
    w.start(ns, name);
    value.write_attributes(w);
    value.write_content(w);
    w.end(ns, name);
}

/// Writes a whole element of a complex type with `xsi:type` (for abstract declared types).
pub fn write_complex_typed<T: ComplexType>(
    value: &T,
    w: &mut Writer,
    ns: Ns,
    name: &str,
    type_ns: Ns,
    type_name: &str,
) {
    w.start(ns, name);
    w.xsi_type(type_ns, type_name);
    value.write_attributes(w);
    value.write_content(w);
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
