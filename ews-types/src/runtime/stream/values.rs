//! The values of a streamed collection: each held whole and read with the generated
//! reader, its large base64 content sent to the sink on the way.

use std::io::BufRead;

use super::*;

impl<R: BufRead, O: Streamed> ResponseStream<R, O> {
    /// A child of the collection starts at `at` with `tag`: it is held whole and read as a value; an
    /// element that is not one goes into the message's document (kept there as in memory).
    pub(super) fn value_at(
        &mut self,
        tag: &[u8],
        at: Pos,
        empty: bool,
    ) -> Result<Option<Event<O>>, StreamError> {
        // Without a sink, the value is read inside the scope of the open elements instead of
        // after their start tags (the sink's tag checks need the tags).
        let fast = self.sink.is_none();
        if fast && self.scope.is_none() {
            self.scope = Some(Scope::of(&self.context));
        }
        let head = match &self.scope {
            Some(scope) if fast => &scope.bytes,
            _ => &self.context,
        };
        let head_len = head.len();
        self.value.reset(head);
        self.value.mark(at);
        self.value.bytes.extend_from_slice(tag);
        if !empty {
            self.capture_value()?;
        }
        let read = value_of::<O>;
        let value = match &self.scope {
            Some(scope) if fast => self.value.read_inside(scope, self.options, read)?,
            _ => self.value.read(self.marks.len(), self.options, read)?,
        };
        match value {
            Some(v) => {
                self.count += 1;
                Ok(Some(Event::Value(v)))
            }
            None => {
                self.message.append(&self.value, head_len);
                Ok(None)
            }
        }
    }

    /// Holds the rest of the value whose start tag `value` holds; its large base64
    /// content goes to the sink, if there is one.
    pub(super) fn capture_value(&mut self) -> Result<(), StreamError> {
        if self.sink.is_none() {
            return super::frames::capture(&mut self.scan, &mut self.value, self.cap);
        }
        let mut open = vec![self.context.len()];
        while !open.is_empty() {
            let at = self.scan.pos();
            let from = self.value.bytes.len();
            self.value.mark(at);
            match self.scan.next_unit(&mut self.value.bytes, self.cap)? {
                Unit::Start { empty } => {
                    if let Some(element) = self.sunk_content(&open, from) {
                        let name = qualified_name(&self.value.bytes[from..]).to_vec();
                        self.value.truncate(from);
                        self.stream_content(element, &name, &open, at, empty)?;
                    } else if !empty {
                        open.push(from);
                    }
                }
                Unit::End => {
                    open.pop();
                }
                // The reader reports the value's missing end.
                Unit::Eof => return Ok(()),
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether the start tag at `from` in the value opens content for the sink (there is
    /// one: `capture_value` takes this path only then): which.
    pub(super) fn sunk_content(&self, open: &[usize], from: usize) -> Option<&'static str> {
        let bytes = &self.value.bytes;
        let element = match local_name(&bytes[from..]) {
            b"MimeContent" => "MimeContent",
            b"Content" if local_name(&bytes[*open.last()?..]) == b"FileAttachment" => "Content",
            _ => return None,
        };
        (namespace_of_last_tag(&bytes[..]) == Some(Ns::Types)).then_some(element)
    }

    /// Decodes the text of the content element whose start tag was at `at` into the sink,
    /// up to its end tag, without holding it.
    pub(super) fn stream_content(
        &mut self,
        element: &'static str,
        name: &[u8],
        open: &[usize],
        at: Pos,
        empty: bool,
    ) -> Result<(), StreamError> {
        let info = ContentInfo {
            element,
            value: self.count,
            line: at.line,
            column: at.column,
        };
        let path = self.path_to(open, element);
        let Some(sink) = self.sink.as_mut() else {
            return Ok(());
        };
        sink.start(&info).map_err(StreamError::Sink)?;
        if !empty {
            decode_into(&mut self.scan, sink.as_mut(), name, &path)?;
        }
        sink.end(&info).map_err(StreamError::Sink)
    }

    /// The element path of `element` inside the value's open elements `open`.
    pub(super) fn path_to(&self, open: &[usize], element: &str) -> String {
        let mut path = String::new();
        let tags = self.marks.iter().map(|&m| &self.context[m..]);
        let inner = open.iter().map(|&o| &self.value.bytes[o..]);
        for tag in tags.chain(inner) {
            path.push_str(&String::from_utf8_lossy(local_name(tag)));
            path.push('/');
        }
        path.push_str(element);
        path
    }
}

/// Decodes base64 text up to the next markup into `sink`, then reads the end tag that must
/// follow. `path` names the element in errors.
pub(super) fn decode_into<R: BufRead>(
    scan: &mut Scanner<R>,
    sink: &mut dyn ContentSink,
    name: &[u8],
    path: &str,
) -> Result<(), StreamError> {
    let invalid = |at: Pos, found: &str| {
        let kind = ErrorKind::InvalidValue {
            expected: "base64Binary",
            found: found.to_owned(),
        };
        at.error(kind, path)
    };
    let mut decoder = base64::Decoder::default();
    let mut out = Vec::with_capacity(8192);
    let mut sink_failed = false;
    let decoded = scan.text_pieces(&mut |piece, at| {
        out.clear();
        if let Err(base64::Invalid(i)) = decoder.feed(piece, &mut out) {
            let bad = String::from_utf8_lossy(&piece[i..piece.len().min(i + 16)]).into_owned();
            let at = Pos {
                offset: at.offset + i,
                column: at.column + i,
                ..at
            };
            return Err(ScanError::Read(invalid(at, &bad)));
        }
        sink.write(&out).map_err(|e| {
            sink_failed = true;
            ScanError::Io(e)
        })
    });
    match decoded {
        Err(ScanError::Io(e)) if sink_failed => return Err(StreamError::Sink(e)),
        other => other?,
    }
    let at = scan.pos();
    let mut end = Vec::new();
    match scan.next_unit(&mut end, 1024)? {
        Unit::End if qualified_name(&end) == name => {}
        Unit::End => {
            let kind = SyntaxError::MismatchedEndTag {
                found: String::from_utf8_lossy(qualified_name(&end)).into_owned(),
                open: String::from_utf8_lossy(name).into_owned(),
            };
            return Err(at.error(ErrorKind::Syntax(kind), path).into());
        }
        Unit::Eof => return Err(at.error(ErrorKind::UnexpectedEof, path).into()),
        _ => return Err(invalid(at, "markup inside streamed content").into()),
    }
    out.clear();
    if !decoder.finish(&mut out) {
        let found = "text that is not whole groups of four characters";
        return Err(invalid(at, found).into());
    }
    sink.write(&out).map_err(StreamError::Sink)
}

/// The qualified name of the start or end tag at the start of `tag`.
pub(super) fn qualified_name(tag: &[u8]) -> &[u8] {
    let name = tag
        .strip_prefix(b"</")
        .or_else(|| tag.strip_prefix(b"<"))
        .unwrap_or(tag);
    let end = name
        .iter()
        .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'))
        .unwrap_or(name.len());
    &name[..end]
}

/// The local name of the start or end tag at the start of `tag`.
pub(super) fn local_name(tag: &[u8]) -> &[u8] {
    let name = qualified_name(tag);
    match memchr::memchr(b':', name) {
        Some(c) => &name[c + 1..],
        None => name,
    }
}

/// The namespace of the last start tag of `doc` (tokenized from its start); `None` when it
/// cannot be told (the reader then reports what is wrong).
pub(super) fn namespace_of_last_tag(doc: &[u8]) -> Option<Ns> {
    let mut t = Tokenizer::new(doc);
    let mut last = None;
    loop {
        match t.next_token() {
            Ok(Token::Start(tag)) => {
                // Resolved now: the bindings of an empty element end with the next token.
                last = t.resolve(tag.prefix(doc)).map(|(ns, _)| ns);
            }
            Ok(Token::Eof) => return last,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// Reads the value `c` (the first element of its document).
fn value_of<'a, O: Streamed>(
    r: &mut Reader<'a>,
    c: Option<Start<'a>>,
) -> Result<Option<O::Value>, ReadError> {
    let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
    O::read_value(r, &c)
}
