//! The scanner of a streamed document: cuts the bytes of a [`BufRead`] into markup units
//! (start tags, end tags, text runs, comments and the like) and keeps the position of each,
//! without holding more than the unit it is cutting.
//!
//! It only finds where units begin and end. Whatever it passes on is read again, in full,
//! by the crate's tokenizer and reader (`runtime/xml.rs`, `runtime/read.rs`), which check it
//! and say what is wrong and where: the scanner's own errors are only those that stop the
//! cutting (a DOCTYPE, a held unit over the size limit, an I/O error).

use std::io::{self, BufRead};

use memchr::{memchr, memchr3};

use super::super::error::{ErrorKind, ReadError};
use super::super::syntax::SyntaxError;

/// A position in the streamed input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    /// Byte offset from the start of the input.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes.
    pub column: usize,
}

impl Pos {
    /// An error of `kind` here, in the element `path`.
    pub fn error(self, kind: ErrorKind, path: &str) -> ReadError {
        ReadError::new(kind, self.offset, self.line, self.column, path.to_owned())
    }
}

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A start tag; `empty` when written `<x/>`.
    Start { empty: bool },
    /// An end tag.
    End,
    /// Character data up to the next `<`.
    Text,
    /// A CDATA section.
    CData,
    /// A comment, a processing instruction or the XML declaration.
    Misc,
    /// The end of the input.
    Eof,
}

/// Why the scanner stopped.
#[derive(Debug)]
pub(crate) enum ScanError {
    /// The input could not be read.
    Io(io::Error),
    /// The input cannot be cut further (see the module's documentation).
    Read(ReadError),
}

impl From<io::Error> for ScanError {
    fn from(e: io::Error) -> Self {
        ScanError::Io(e)
    }
}

/// What takes the pieces of a text run ([`Scanner::text_pieces`]): the bytes and where they
/// stood.
pub(crate) type TextPiece<'f> = dyn FnMut(&[u8], Pos) -> Result<(), ScanError> + 'f;

/// The scanner over `R`.
pub(crate) struct Scanner<R> {
    input: R,
    /// Offset of the next byte.
    offset: usize,
    line: usize,
    /// Offset of the first byte of the current line.
    line_start: usize,
}

impl<R: BufRead> Scanner<R> {
    pub fn new(input: R) -> Self {
        Scanner {
            input,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// Where the next unit starts.
    pub fn pos(&self) -> Pos {
        Pos {
            offset: self.offset,
            line: self.line,
            column: self.offset - self.line_start + 1,
        }
    }

    /// Skips a UTF-8 byte-order mark at the start of the input. Positions count from after
    /// it, as the in-memory reader's do.
    pub fn skip_bom(&mut self) -> Result<(), ScanError> {
        let mut bom = Vec::new();
        while bom.len() < 3 {
            let buf = self.input.fill_buf()?;
            let Some(&b) = buf.first() else { break };
            if b != b"\xEF\xBB\xBF"[bom.len()] {
                break;
            }
            bom.push(b);
            self.input.consume(1);
        }
        match bom.len() {
            0 | 3 => Ok(()),
            // A partial mark is not UTF-8: the reader refuses the document that starts so.
            _ => {
                let kind = ErrorKind::Syntax(SyntaxError::InvalidUtf8);
                Err(ScanError::Read(self.pos().error(kind, "")))
            }
        }
    }

    /// Appends the next unit to `out` and says what it is. `out` may hold at most `cap`
    /// bytes; a unit that would make it longer is refused ([`ErrorKind::InputTooLarge`]).
    /// Markup cut short by the end of the input is appended as far as it goes, and is
    /// [`Unit::Eof`]: the reader of what holds it reports it, as reading in memory does.
    pub fn next_unit(&mut self, out: &mut Vec<u8>, cap: usize) -> Result<Unit, ScanError> {
        let at = self.pos();
        let first = match self.input.fill_buf()?.first() {
            None => return Ok(Unit::Eof),
            Some(&b) => b,
        };
        if first != b'<' {
            self.copy_while(out, cap, at, true, |chunk, _| (memchr(b'<', chunk), 0))?;
            return Ok(Unit::Text);
        }
        let start = out.len();
        // `<` and what tells the kind of markup apart (at most `<![CDATA[`).
        if !self.copy_exact(out, cap, at, 2)? {
            return Ok(Unit::Eof);
        }
        let whole = match out[start + 1] {
            b'/' => self.copy_while(out, cap, at, false, |chunk, _| (memchr(b'>', chunk), 1))?,
            b'?' => self.copy_terminated(out, cap, at, start, b"?>", 4)?,
            b'!' => return self.bang(out, cap, at, start),
            _ => return self.start_tag(out, cap, at, start),
        };
        Ok(match (whole, out[start + 1]) {
            (false, _) => Unit::Eof,
            (true, b'/') => Unit::End,
            (true, _) => Unit::Misc,
        })
    }

    /// Appends the rest of an element whose start tag was just read, up to and including
    /// its end tag, in one pass over the buffer (no unit at a time: what the stream holds
    /// whole is read by the reader, which checks it). Whether the element ended before the
    /// input did.
    pub fn copy_element(&mut self, out: &mut Vec<u8>, cap: usize) -> Result<bool, ScanError> {
        let at = self.pos();
        let mut cut = Cutter::default();
        self.copy_while(out, cap, at, false, |chunk, _| match cut.feed(chunk) {
            (n, true) => (Some(n), 0),
            (_, false) => (None, 0),
        })
    }

    /// Passes the text up to the next `<` to `f`, a piece at a time, without holding it.
    pub fn text_pieces(&mut self, f: &mut TextPiece<'_>) -> Result<(), ScanError> {
        loop {
            let at = self.pos();
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let (n, done) = match memchr(b'<', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            f(&buf[..n], at)?;
            self.advance(n);
            if done {
                return Ok(());
            }
        }
    }

    fn bang(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
        at: Pos,
        start: usize,
    ) -> Result<Unit, ScanError> {
        if !self.copy_exact(out, cap, at, 1)? {
            return Ok(Unit::Eof);
        }
        match out[start + 2] {
            b'-' => Ok(
                match self.copy_terminated(out, cap, at, start, b"-->", 7)? {
                    true => Unit::Misc,
                    false => Unit::Eof,
                },
            ),
            b'[' => Ok(
                match self.copy_terminated(out, cap, at, start, b"]]>", 12)? {
                    true => Unit::CData,
                    false => Unit::Eof,
                },
            ),
            b'D' => Err(ScanError::Read(at.error(ErrorKind::DocType, ""))),
            _ => {
                let kind = SyntaxError::UnknownMarkup { after_bang: true };
                Err(ScanError::Read(at.error(ErrorKind::Syntax(kind), "")))
            }
        }
    }

    /// A start tag: up to the `>` outside attribute quotes.
    fn start_tag(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
        at: Pos,
        start: usize,
    ) -> Result<Unit, ScanError> {
        let mut quote = 0u8;
        let whole = self.copy_while(out, cap, at, false, |chunk, _| {
            let mut p = 0;
            loop {
                if quote != 0 {
                    match memchr(quote, &chunk[p..]) {
                        Some(i) => {
                            p += i + 1;
                            quote = 0;
                        }
                        None => return (None, 0),
                    }
                }
                match memchr3(b'>', b'"', b'\'', &chunk[p..]) {
                    Some(i) if chunk[p + i] == b'>' => return (Some(p + i), 1),
                    Some(i) => {
                        quote = chunk[p + i];
                        p += i + 1;
                    }
                    None => return (None, 0),
                }
            }
        })?;
        if !whole {
            return Ok(Unit::Eof);
        }
        let empty = out.len() >= start + 3 && out[out.len() - 2] == b'/';
        Ok(Unit::Start { empty })
    }

    /// Copies up to and including `end`, which must not start before `min` bytes of the
    /// unit (so that `<!-->` is not a whole comment).
    fn copy_terminated(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
        at: Pos,
        start: usize,
        end: &[u8],
        min: usize,
    ) -> Result<bool, ScanError> {
        let last = end[end.len() - 1];
        self.copy_while(out, cap, at, false, |chunk, held| {
            let mut p = 0;
            while let Some(i) = memchr(last, &chunk[p..]) {
                let upto = held.len() + p + i + 1;
                let unit_len = upto - start;
                let tail_ok = unit_len >= min && {
                    let from = upto - end.len();
                    // The terminator may straddle what is held and this chunk.
                    (from..upto).all(|k| {
                        let b = if k < held.len() {
                            held[k]
                        } else {
                            chunk[k - held.len()]
                        };
                        b == end[k - from]
                    })
                };
                if tail_ok {
                    return (Some(p + i), 1);
                }
                p += i + 1;
            }
            (None, 0)
        })
    }

    /// Copies exactly `n` more bytes.
    fn copy_exact(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
        at: Pos,
        n: usize,
    ) -> Result<bool, ScanError> {
        let mut left = n;
        self.copy_while(out, cap, at, false, |chunk, _| {
            if chunk.len() >= left {
                (Some(left), 0)
            } else {
                left -= chunk.len();
                (None, 0)
            }
        })
    }

    /// Copies chunks to `out` until `find(chunk, out)` gives `(Some(i), extra)`: the bytes
    /// before `i`, and `extra` more, are the rest of the unit. Whether the unit is whole: the
    /// end of the input ends a `text` unit, and cuts markup short.
    fn copy_while(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
        at: Pos,
        text: bool,
        mut find: impl FnMut(&[u8], &[u8]) -> (Option<usize>, usize),
    ) -> Result<bool, ScanError> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                // Text may end with the input; markup may not.
                return Ok(text);
            }
            let (n, done) = match find(buf, out) {
                (Some(i), extra) => ((i + extra).min(buf.len()), true),
                (None, _) => (buf.len(), false),
            };
            if out.len() + n > cap {
                let kind = ErrorKind::InputTooLarge(cap);
                return Err(ScanError::Read(at.error(kind, "")));
            }
            out.extend_from_slice(&buf[..n]);
            self.advance(n);
            if done {
                return Ok(true);
            }
        }
    }

    /// Consumes `n` bytes of the buffer, counting lines.
    fn advance(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        let buf = match self.input.fill_buf() {
            Ok(b) => &b[..n],
            // The bytes were just handed out by `fill_buf`, which does not fail on a
            // second call over a filled buffer.
            Err(_) => &[],
        };
        for i in memchr::memchr_iter(b'\n', buf) {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.input.consume(n);
        self.offset += n;
    }
}

/// Where [`Scanner::copy_element`] stands between buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum In {
    /// Character data.
    #[default]
    Text,
    /// Just after `<`.
    Lt,
    /// Just after `<!`.
    Bang,
    /// An end tag, up to `>`.
    EndTag,
    /// A start tag (or other `<!…>` markup), up to the `>` outside quotes.
    Tag { quote: u8, start: bool },
    /// A comment, CDATA section or processing instruction, up to its terminator.
    Until { end: &'static [u8], min: usize },
}

/// The state of [`Scanner::copy_element`]: the open elements and the markup it is in.
#[derive(Debug, Default)]
struct Cutter {
    /// Open elements (1: the element whose start tag was read).
    depth: usize,
    state: In,
    /// Bytes of the current markup so far, its `<` included.
    len: usize,
    /// The last two bytes fed.
    last: [u8; 2],
}

impl Cutter {
    /// Goes through `buf`: how many of its bytes belong to the element, and whether its end
    /// tag ends there.
    fn feed(&mut self, buf: &[u8]) -> (usize, bool) {
        if self.depth == 0 {
            self.depth = 1;
        }
        let mut p = 0;
        while p < buf.len() {
            let text = self.state == In::Text;
            let (next, closed) = self.step(buf, p);
            let seen = &buf[p..next];
            // Markup is counted from its `<`.
            self.len = if text { 1 } else { self.len + seen.len() };
            match seen {
                [.., a, b] => self.last = [*a, *b],
                [b] => self.last = [self.last[1], *b],
                [] => {}
            }
            p = next;
            if closed && self.depth == 0 {
                return (p, true);
            }
        }
        (p, false)
    }

    /// One move from `p`: where it ends, and whether it ended an element.
    fn step(&mut self, buf: &[u8], p: usize) -> (usize, bool) {
        let rest = &buf[p..];
        match self.state {
            In::Text => match memchr(b'<', rest) {
                Some(i) => {
                    self.state = In::Lt;
                    (p + i + 1, false)
                }
                None => (buf.len(), false),
            },
            In::Lt => {
                self.state = match rest[0] {
                    b'/' => In::EndTag,
                    b'?' => In::Until { end: b"?>", min: 4 },
                    b'!' => In::Bang,
                    _ => In::Tag {
                        quote: 0,
                        start: true,
                    },
                };
                (p + 1, false)
            }
            In::Bang => {
                self.state = match rest[0] {
                    b'-' => In::Until {
                        end: b"-->",
                        min: 7,
                    },
                    b'[' => In::Until {
                        end: b"]]>",
                        min: 12,
                    },
                    _ => In::Tag {
                        quote: 0,
                        start: false,
                    },
                };
                (p + 1, false)
            }
            In::EndTag => match memchr(b'>', rest) {
                Some(i) => {
                    self.state = In::Text;
                    self.depth -= 1;
                    (p + i + 1, true)
                }
                None => (buf.len(), false),
            },
            In::Tag { quote, start } => self.tag(buf, p, quote, start),
            In::Until { end, min } => self.until(buf, p, end, min),
        }
    }

    /// Inside a tag: up to the `>` outside quotes; a start tag not ended by `/>` opens an
    /// element.
    fn tag(&mut self, buf: &[u8], p: usize, quote: u8, start: bool) -> (usize, bool) {
        let rest = &buf[p..];
        if quote != 0 {
            return match memchr(quote, rest) {
                Some(i) => {
                    self.state = In::Tag { quote: 0, start };
                    (p + i + 1, false)
                }
                None => (buf.len(), false),
            };
        }
        match memchr3(b'>', b'"', b'\'', rest) {
            Some(i) if rest[i] == b'>' => {
                let before = if i > 0 { rest[i - 1] } else { self.last[1] };
                if start && before != b'/' {
                    self.depth += 1;
                }
                self.state = In::Text;
                (p + i + 1, false)
            }
            Some(i) => {
                self.state = In::Tag {
                    quote: rest[i],
                    start,
                };
                (p + i + 1, false)
            }
            None => (buf.len(), false),
        }
    }

    /// Inside a comment, CDATA section or processing instruction: up to `end`, which may
    /// not start before `min` bytes of the markup.
    fn until(&mut self, buf: &[u8], p: usize, end: &[u8], min: usize) -> (usize, bool) {
        let rest = &buf[p..];
        let last = end[end.len() - 1];
        let mut from = 0;
        while let Some(i) = memchr(last, &rest[from..]) {
            let i = from + i;
            // The markup's length up to and including this byte.
            let upto = self.len + i + 1;
            let before = |k: usize| -> u8 {
                // The byte k places before this one.
                if i >= k {
                    rest[i - k]
                } else {
                    self.last[2 - (k - i)]
                }
            };
            let matches = (1..end.len()).all(|k| before(k) == end[end.len() - 1 - k]);
            if upto >= min && matches {
                self.state = In::Text;
                return (p + i + 1, false);
            }
            from = i + 1;
        }
        (buf.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cuts `xml`, read through a buffer of `size` bytes, into units and where they start.
    fn units(xml: &str, size: usize) -> Vec<(Unit, String, usize, usize)> {
        let mut s = Scanner::new(io::BufReader::with_capacity(size, xml.as_bytes()));
        let mut all = Vec::new();
        let mut out = Vec::new();
        loop {
            out.clear();
            let at = s.pos();
            match s.next_unit(&mut out, usize::MAX) {
                Ok(Unit::Eof) => return all,
                Ok(u) => all.push((
                    u,
                    String::from_utf8(out.clone()).unwrap(),
                    at.line,
                    at.column,
                )),
                Err(e) => panic!("{e:?}"),
            }
        }
    }

    #[test]
    fn cuts_markup_whatever_the_buffer_size() {
        let xml =
            "<?xml version=\"1.0\"?>\n<a x='>' y=\">\"><!-- c -> -->t&amp;<![CDATA[<]]>]]><b/></a>";
        let expected = vec![
            (Unit::Misc, "<?xml version=\"1.0\"?>".to_owned(), 1, 1),
            (Unit::Text, "\n".to_owned(), 1, 22),
            (
                Unit::Start { empty: false },
                "<a x='>' y=\">\">".to_owned(),
                2,
                1,
            ),
            (Unit::Misc, "<!-- c -> -->".to_owned(), 2, 16),
            (Unit::Text, "t&amp;".to_owned(), 2, 29),
            (Unit::CData, "<![CDATA[<]]>".to_owned(), 2, 35),
            (Unit::Text, "]]>".to_owned(), 2, 48),
            (Unit::Start { empty: true }, "<b/>".to_owned(), 2, 51),
            (Unit::End, "</a>".to_owned(), 2, 55),
        ];
        for size in [1, 2, 3, 5, 7, 64] {
            assert_eq!(units(xml, size), expected, "buffer of {size} bytes");
        }
    }

    #[test]
    fn copying_an_element_ends_at_its_end_tag_whatever_the_buffer_size() {
        let element =
            "<a x='>' y=\"/>\"><!-- <b> --><!----><![CDATA[</a>]]><?p </a>?><b/><c>t</c></a>";
        let xml = format!("{element}<next/>");
        for size in [1, 2, 3, 5, 7, 64] {
            let mut s = Scanner::new(io::BufReader::with_capacity(size, xml.as_bytes()));
            let mut out = Vec::new();
            assert_eq!(
                s.next_unit(&mut out, usize::MAX).unwrap(),
                Unit::Start { empty: false }
            );
            assert!(
                s.copy_element(&mut out, usize::MAX).unwrap(),
                "buffer of {size} bytes"
            );
            assert_eq!(
                String::from_utf8(out).unwrap(),
                element,
                "buffer of {size} bytes"
            );
        }
        let mut s = Scanner::new(io::BufReader::with_capacity(4, &b"<a><b>"[..]));
        let mut out = Vec::new();
        s.next_unit(&mut out, usize::MAX).unwrap();
        assert!(
            !s.copy_element(&mut out, usize::MAX).unwrap(),
            "the input ends inside"
        );
    }

    #[test]
    fn short_comments_are_not_closed_early() {
        let all = units("<!---->x<!-->-->", 1);
        assert_eq!(all[0].1, "<!---->");
        assert_eq!(all[2].1, "<!-->-->");
    }

    #[test]
    fn what_stops_the_cutting() {
        let stop = |xml: &str, cap: usize| {
            let mut s = Scanner::new(io::BufReader::with_capacity(4, xml.as_bytes()));
            let mut out = Vec::new();
            loop {
                match s.next_unit(&mut out, cap) {
                    Ok(Unit::Eof) => return None,
                    Ok(_) => {}
                    Err(ScanError::Read(e)) => return Some(e.kind().clone()),
                    Err(ScanError::Io(e)) => panic!("{e}"),
                }
            }
        };
        assert_eq!(stop("<a b='1", 100), None);
        assert_eq!(stop("<!DOCTYPE a><a/>", 100), Some(ErrorKind::DocType));
        assert_eq!(
            stop("<a>0123456789</a>", 8),
            Some(ErrorKind::InputTooLarge(8))
        );
        assert_eq!(stop("<a>text", 100), None);
    }

    #[test]
    fn text_pieces_stop_at_markup() {
        let mut s = Scanner::new(io::BufReader::with_capacity(3, &b"abcdefg<x/>"[..]));
        let mut seen = Vec::new();
        s.text_pieces(&mut |piece, at| {
            seen.push((String::from_utf8(piece.to_vec()).unwrap(), at.column));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [("abc".into(), 1), ("def".into(), 4), ("g".into(), 7)]
        );
        assert_eq!(s.pos().offset, 7);
    }
}
