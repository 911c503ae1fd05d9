//! The documents the streaming reader hands to the reader of `runtime/read.rs`: the start
//! tags of the open elements around what is read (the context, copied as written, so that
//! namespaces, the element path and the depth are those of the input), then the held
//! pieces of input. Errors are moved back to where their bytes stood in the input.

use std::ops::Range;

use super::super::error::{ErrorKind, ReadError};
use super::super::read::{ReadOptions, Reader, Start};
use super::super::xml::{Token, Tokenizer};
use super::super::Ns;
use super::scan::Pos;

/// What stands for the start tags around a value: the namespaces in force and the local
/// names of the open elements, written once per change of the open elements, so that a
/// value is read without reading those tags again ([`Doc::read_inside`]).
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// The prefixes, URIs and local names, one after another (not XML).
    pub bytes: Vec<u8>,
    bindings: Vec<(Range<usize>, Range<usize>, Ns)>,
    path: Vec<(usize, usize)>,
}

impl Scope {
    /// The scope inside `context` (start tags as written, already read once).
    pub fn of(context: &[u8]) -> Scope {
        let mut t = Tokenizer::new(context);
        let mut names = Vec::new();
        while let Ok(token) = t.next_token() {
            match token {
                Token::Start(tag) => names.push(tag.local_range()),
                Token::Eof => break,
                _ => {}
            }
        }
        let mut scope = Scope::default();
        for (prefix, uri, ns) in t.bindings() {
            let p = scope.push(prefix);
            let u = scope.push(uri.as_bytes());
            scope.bindings.push((p, u, ns));
        }
        for (s, e) in names {
            let r = scope.push(&context[s..e]);
            scope.path.push((r.start, r.end));
        }
        scope
    }

    fn push(&mut self, bytes: &[u8]) -> Range<usize> {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        start..self.bytes.len()
    }
}

/// A document: context, then pieces of the input.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    /// The bytes handed to the reader.
    pub bytes: Vec<u8>,
    /// Where each run of contiguous input starts in `bytes`, and where it stood in the input.
    pieces: Vec<(usize, Pos)>,
}

impl Doc {
    /// Starts over with `context` (start tags as written).
    pub fn reset(&mut self, context: &[u8]) {
        self.bytes.clear();
        self.bytes.extend_from_slice(context);
        self.pieces.clear();
    }

    /// Notes that the bytes appended next were read at `pos`.
    pub fn mark(&mut self, pos: Pos) {
        let follows = self
            .pieces
            .last()
            .is_some_and(|&(at, p)| p.offset + (self.bytes.len() - at) == pos.offset);
        if !follows {
            self.pieces.push((self.bytes.len(), pos));
        }
    }

    /// Drops what was appended from `len` on.
    pub fn truncate(&mut self, len: usize) {
        self.bytes.truncate(len);
        while self.pieces.last().is_some_and(|&(at, _)| at >= len) {
            self.pieces.pop();
        }
    }

    /// Appends what `other` holds from `from` on (with where it stood).
    pub fn append(&mut self, other: &Doc, from: usize) {
        for &(at, pos) in other.pieces.iter().filter(|&&(at, _)| at >= from) {
            self.pieces.push((self.bytes.len() + (at - from), pos));
        }
        self.bytes.extend_from_slice(&other.bytes[from..]);
    }

    /// Reads the document: goes down through the `depth` elements of the context, then
    /// calls `f` on the reader and the next thing inside the innermost one (`None`: its
    /// end tag). Errors stand where their bytes stood in the input.
    pub fn read<T>(
        &self,
        depth: usize,
        options: ReadOptions,
        f: impl for<'a> FnOnce(&mut Reader<'a>, Option<Start<'a>>) -> Result<T, ReadError>,
    ) -> Result<T, ReadError> {
        let mut r = Reader::new(&self.bytes, options);
        self.inside(&mut r, depth)
            .and_then(|next| f(&mut r, next))
            .map_err(|e| self.locate(e))
    }

    /// Reads the document that starts with `scope`'s bytes (instead of start tags): calls `f`
    /// on the reader and the first thing after them. Errors stand where their bytes stood.
    pub fn read_inside<T>(
        &self,
        scope: &Scope,
        options: ReadOptions,
        f: impl for<'a> FnOnce(&mut Reader<'a>, Option<Start<'a>>) -> Result<T, ReadError>,
    ) -> Result<T, ReadError> {
        let mut r = Reader::inside(
            &self.bytes,
            options,
            scope.bytes.len(),
            &scope.bindings,
            &scope.path,
        );
        r.next_child()
            .and_then(|next| f(&mut r, next))
            .map_err(|e| self.locate(e))
    }

    /// Goes down through the `depth` elements of the context: the next thing inside.
    fn inside<'a>(&self, r: &mut Reader<'a>, depth: usize) -> Result<Option<Start<'a>>, ReadError> {
        let mut open = r.root()?;
        for _ in 1..depth {
            r.enter(&open)?;
            open = r.next_child()?.ok_or_else(|| self.eof(r))?;
        }
        r.enter(&open)?;
        r.next_child()
    }

    /// The end of the document, as an error (the context ended early: it cannot, as it is
    /// made of start tags).
    #[cold]
    fn eof(&self, r: &Reader<'_>) -> ReadError {
        r.error_at(ErrorKind::UnexpectedEof, self.bytes.len())
    }

    /// `e` at the place in the input its offset in the document stands for.
    fn locate(&self, e: ReadError) -> ReadError {
        let off = e.offset();
        let Some(&(at, pos)) = self.pieces.iter().rev().find(|&&(at, _)| at <= off) else {
            return e;
        };
        let run = &self.bytes[at..off.min(self.bytes.len())];
        let (line, column) = match memchr::memrchr(b'\n', run) {
            None => (pos.line, pos.column + run.len()),
            Some(nl) => {
                let lines = memchr::memchr_iter(b'\n', run).count();
                (pos.line + lines, run.len() - nl)
            }
        };
        e.moved(pos.offset + (off - at), line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stand_where_their_bytes_stood() {
        let mut doc = Doc::default();
        doc.reset(b"<a xmlns='u'>\n<b>");
        let at = Pos {
            offset: 100,
            line: 7,
            column: 5,
        };
        doc.mark(at);
        doc.bytes.extend_from_slice(b"<c>\n  <d>x</e>");
        let e = doc
            .read(2, ReadOptions::default(), |r, c| {
                let c = c.expect("c");
                r.enter(&c)?;
                let d = r.next_child()?.expect("d");
                r.enter(&d)?;
                r.text(&d).map(|_| ())
            })
            .unwrap_err();
        // `</e>` is byte 10 of the piece, on its second line: line 8, column 7 of the input.
        assert_eq!((e.offset(), e.line(), e.column()), (110, 8, 7));
        assert_eq!(e.path(), "a/b/c/d");
    }

    #[test]
    fn contiguous_input_is_one_piece() {
        let mut doc = Doc::default();
        doc.reset(b"<a>");
        let p = |offset| Pos {
            offset,
            line: 1,
            column: offset + 1,
        };
        doc.mark(p(10));
        doc.bytes.extend_from_slice(b"<b>");
        doc.mark(p(13));
        assert_eq!(doc.pieces.len(), 1);
        doc.mark(p(20));
        assert_eq!(doc.pieces.len(), 2);
        doc.truncate(6);
        assert_eq!(doc.pieces.len(), 1);
    }
}
