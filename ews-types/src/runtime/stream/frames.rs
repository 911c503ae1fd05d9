//! The frames a stream walks through: the envelope, the Body, the response element and
//! `m:ResponseMessages` (their units are checked by reading them in their context), and
//! each message, held without its values and read at its end.

use std::io::BufRead;

use super::*;

impl<R: BufRead, O: Streamed> ResponseStream<R, O> {
    /// The next unit inside the envelope, the Body, the response element or
    /// `m:ResponseMessages`: whitespace and comments pass, elements open frames or are
    /// unknown content, the end tag closes the frame; anything else is an error, as in memory.
    pub(super) fn in_frame(&mut self, frame: Frame) -> Result<Option<Event<O>>, StreamError> {
        let at = self.scan.pos();
        self.probe.reset(&self.context);
        self.probe.mark(at);
        let unit = self.scan.next_unit(&mut self.probe.bytes, self.cap)?;
        if self.passes(unit) {
            return Ok(None);
        }
        let Some((ns, local)) = self.probe_name()? else {
            match frame {
                Frame::Messages => {
                    self.pop();
                    self.end_batch()?;
                }
                Frame::Response => self.end_response()?,
                _ => self.pop(),
            }
            return Ok(None);
        };
        let empty = unit == (Unit::Start { empty: true });
        let tag = self.probe.bytes[self.context.len()..].to_vec();
        match (frame, ns, local.as_str()) {
            (Frame::Response, Ns::Messages, "ResponseMessages") => {
                self.check_attributes()?;
                self.batch = (tag.clone(), at, 0);
                if empty {
                    self.end_batch()?;
                } else {
                    self.push(Frame::Messages, &tag);
                }
                Ok(None)
            }
            (Frame::Messages, Ns::Messages, name) if Some(name) == O::MESSAGE => {
                self.begin_message(&tag, at, empty)?;
                Ok(self.ready.take())
            }
            (Frame::Response | Frame::Messages, _, _) if !self.refused(frame, ns, &local) => {
                self.unknown(empty).map(Some)
            }
            _ => Err(self.unexpected(frame, ns, &local)),
        }
    }

    /// Checks the attributes of the start tag in `probe` (of an element whose type declares
    /// none).
    pub(super) fn check_attributes(&mut self) -> Result<(), StreamError> {
        self.probe.read(self.marks.len(), self.options, |r, c| {
            let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
            r.check_attributes(&c)
        })?;
        Ok(())
    }

    /// Whether `unit` (in `probe`) needs no reading: whitespace, comments, processing
    /// instructions.
    pub(super) fn passes(&self, unit: Unit) -> bool {
        let bytes = &self.probe.bytes[self.context.len()..];
        match unit {
            Unit::Text => is_whitespace(bytes),
            Unit::CData => is_whitespace(&bytes[xml::CDATA_START.len()..bytes.len() - 3]),
            Unit::Misc => !is_declaration(bytes),
            _ => false,
        }
    }

    /// Reads the unit in `probe` inside the innermost frame: the name of a start tag,
    /// `None` for the frame's end tag; anything else is the reader's error.
    pub(super) fn probe_name(&mut self) -> Result<Option<(Ns, String)>, StreamError> {
        let name = self.probe.read(self.marks.len(), self.options, |_, c| {
            Ok(c.map(|c| (c.ns, c.local_str().to_owned())))
        })?;
        Ok(name)
    }

    /// Whether an element is refused where it stands in every read mode: another
    /// message element among the messages (as `ComplexShape::ONLY_CHILD` does in memory).
    pub(super) fn refused(&self, frame: Frame, ns: Ns, _local: &str) -> bool {
        frame == Frame::Messages && ns == Ns::Messages
    }

    /// The error for an element that cannot stand in `frame`.
    pub(super) fn unexpected(&self, frame: Frame, ns: Ns, local: &str) -> StreamError {
        let expected = match frame {
            Frame::Envelope => "soap:Header or soap:Body".to_owned(),
            Frame::Body => "</soap:Body> (one element only)".to_owned(),
            _ => format!("m:{}", O::MESSAGE.unwrap_or("ResponseMessages")),
        };
        let uri = xml::uri_of(ns);
        let kind = ErrorKind::UnexpectedElement {
            expected,
            found: format!("{{{uri}}}{local}"),
        };
        // The probe holds the element's start tag just after the context.
        let offset = self.context.len();
        let e = self.probe.read(self.marks.len(), self.options, |r, _| {
            Err::<(), _>(r.error_at(kind, offset))
        });
        match e {
            Err(e) => StreamError::Read(e),
            Ok(()) => self.error_here(ErrorKind::UnexpectedEof),
        }
    }

    /// Reads the element whose start tag is in `probe` whole, as unknown content.
    pub(super) fn unknown(&mut self, empty: bool) -> Result<Event<O>, StreamError> {
        if !empty {
            capture(&mut self.scan, &mut self.probe, self.cap)?;
        }
        let strict = self.options.mode == ReadMode::Strict;
        let any = self.probe.read(self.marks.len(), self.options, |r, c| {
            let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
            if strict {
                let kind = ErrorKind::UnknownElement(read::qualified(&c));
                return Err(r.error_at(kind, c.offset()));
            }
            AnyElement::read(r, &c)
        })?;
        Ok(Event::Unknown(any))
    }

    /// After the envelope: only whitespace, comments and processing instructions.
    pub(super) fn epilog(&mut self) -> Result<(), StreamError> {
        if self.done {
            return Ok(());
        }
        loop {
            let at = self.scan.pos();
            self.probe.reset(&[]);
            match self.scan.next_unit(&mut self.probe.bytes, self.cap)? {
                Unit::Eof if self.probe.bytes.is_empty() => {
                    self.done = true;
                    return Ok(());
                }
                Unit::Eof => return Err(StreamError::Read(at.error(ErrorKind::UnexpectedEof, ""))),
                Unit::Misc if !is_declaration(&self.probe.bytes) => {}
                Unit::Text if is_whitespace(&self.probe.bytes) => {}
                _ => {
                    let kind = ErrorKind::Syntax(SyntaxError::ContentOutsideRoot { after: true });
                    return Err(StreamError::Read(at.error(kind, "")));
                }
            }
        }
    }

    // --- messages -----------------------------------------------------------------------

    /// A message begins with its start tag `tag`: its document starts. One written empty is
    /// read at once, and is the next event.
    pub(super) fn begin_message(
        &mut self,
        tag: &[u8],
        at: Pos,
        empty: bool,
    ) -> Result<(), StreamError> {
        self.batch.2 += 1;
        self.message_depth = self.marks.len();
        self.message.reset(&self.context);
        self.message.mark(at);
        self.message.bytes.extend_from_slice(tag);
        if empty {
            let message = self.read_message()?;
            self.ready = Some(Event::Message(message));
        } else {
            self.push(Frame::Message, tag);
        }
        Ok(())
    }

    /// The next unit inside a message (or an element of [`Streamed::PATH`] in it): it goes
    /// into the message's document, except the values of the collection and the start tags
    /// along the path, which also open frames.
    pub(super) fn in_message(&mut self, frame: Frame) -> Result<Option<Event<O>>, StreamError> {
        let step = match frame {
            Frame::Step(i) => i + 1,
            _ => 0,
        };
        let at = self.scan.pos();
        let from = self.message.bytes.len();
        self.message.mark(at);
        let unit = self.scan.next_unit(&mut self.message.bytes, self.cap)?;
        let in_collection = step == O::PATH.len() && !O::PATH.is_empty();
        if in_collection && unit != Unit::End && unit != Unit::Eof {
            return self.in_collection(unit, from, at);
        }
        match unit {
            Unit::Start { empty } => {
                self.message_child(from, at, step, empty)?;
                Ok(None)
            }
            Unit::End => self.end_in_message(frame),
            Unit::Eof => Err(self.message_error()),
            _ => Ok(None),
        }
    }

    /// A child element in a message, whose start tag begins at `from` in the message's
    /// document: the next element of the path opens a frame; any other is held whole.
    pub(super) fn message_child(
        &mut self,
        from: usize,
        at: Pos,
        step: usize,
        empty: bool,
    ) -> Result<(), StreamError> {
        let tag = self.message.bytes[from..].to_vec();
        if !empty && step < O::PATH.len() {
            self.probe.reset(&self.context);
            self.probe.mark(at);
            self.probe.bytes.extend_from_slice(&tag);
            if let Some((ns, local)) = self.probe_name()? {
                let (want_ns, want) = O::PATH[step];
                if ns == want_ns && local == want {
                    self.push(Frame::Step(step), &tag);
                    return Ok(());
                }
            }
        }
        if !empty {
            capture(&mut self.scan, &mut self.message, self.cap)?;
        }
        Ok(())
    }

    /// A unit inside the collection (at `from` in the message's document): a value, or
    /// what goes into the message's document. Whitespace and comments are dropped, and a
    /// separator keeps text from running into text before a value that was taken out (so
    /// that it is reported where it stands).
    pub(super) fn in_collection(
        &mut self,
        unit: Unit,
        from: usize,
        at: Pos,
    ) -> Result<Option<Event<O>>, StreamError> {
        let bytes = &self.message.bytes[from..];
        let drop = match unit {
            Unit::Text => is_whitespace(bytes),
            Unit::Misc => !is_declaration(bytes),
            _ => false,
        };
        if let Unit::Start { empty } = unit {
            let tag = bytes.to_vec();
            self.message.truncate(from);
            return self.value_at(&tag, at, empty);
        }
        if drop {
            self.message.truncate(from);
        } else {
            let unit = self.message.bytes.split_off(from);
            self.message.truncate(from);
            self.message.bytes.extend_from_slice(b"<!---->");
            self.message.mark(at);
            self.message.bytes.extend_from_slice(&unit);
        }
        Ok(None)
    }

    /// An end tag in a message: the message's own ends it (and it is read); one of the
    /// path's closes its frame.
    pub(super) fn end_in_message(&mut self, frame: Frame) -> Result<Option<Event<O>>, StreamError> {
        self.pop();
        if frame != Frame::Message {
            return Ok(None);
        }
        self.read_message().map(|m| Some(Event::Message(m)))
    }

    /// The end of `m:ResponseMessages` (its start tag is `batch`): one without messages is
    /// read empty with the response element, which reports it as reading in memory does.
    pub(super) fn end_batch(&mut self) -> Result<(), StreamError> {
        if self.batch.2 > 0 {
            return Ok(());
        }
        let (tag, at) = (std::mem::take(&mut self.batch.0), self.batch.1);
        let checked = self.check_emptied(&tag, at);
        self.batch.0 = tag;
        checked
    }

    /// The end of a batch's response element: one without `m:ResponseMessages` is read
    /// empty, which reports it as reading in memory does.
    pub(super) fn end_response(&mut self) -> Result<(), StreamError> {
        let tag = self.context[*self.marks.last().unwrap_or(&0)..].to_vec();
        self.pop();
        if self.batch.0.is_empty() {
            self.check_emptied(&tag, self.response_at)?;
        }
        Ok(())
    }

    /// Reads the response element as far as `tag` (read at `at`, written here empty), the
    /// next element after the open frames' start tags; what it lacks is an error.
    pub(super) fn check_emptied(&mut self, tag: &[u8], at: Pos) -> Result<(), StreamError> {
        self.probe.reset(&self.context);
        self.probe.mark(at);
        self.probe.bytes.extend_from_slice(tag);
        if !tag.ends_with(b"/>") {
            self.probe.bytes.pop();
            self.probe.bytes.extend_from_slice(b"/>");
        }
        // Down to the Body: the response element is next.
        let read = self.probe.read(2, self.options, |r, c| {
            let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
            <O::Response as XmlElement>::read_element(r, &c).map(drop)
        });
        match read {
            // The document ends after `tag`: nothing was missing in it.
            Err(e) if *e.kind() == ErrorKind::UnexpectedEof => Ok(()),
            other => other.map_err(StreamError::Read),
        }
    }

    /// Reads the message's document (the message without its values).
    pub(super) fn read_message(&mut self) -> Result<O::Message, StreamError> {
        let depth = self.message_depth;
        let message = self.message.read(depth, self.options, |r, c| {
            let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
            read::read_complex::<O::Message>(r, &c)
        })?;
        Ok(message)
    }

    /// The error for the input ending inside a message, as reading it gives.
    pub(super) fn message_error(&mut self) -> StreamError {
        match self.read_message() {
            Err(e) => e,
            Ok(_) => self.error_here(ErrorKind::UnexpectedEof),
        }
    }

    // --- frames ---------------------------------------------------------------------------

    /// Opens `frame` with its start tag `tag`.
    pub(super) fn push(&mut self, frame: Frame, tag: &[u8]) {
        self.scope = None;
        self.marks.push(self.context.len());
        self.context.extend_from_slice(tag);
        self.frames.push(frame);
    }

    /// Closes the innermost frame.
    pub(super) fn pop(&mut self) {
        self.scope = None;
        if let Some(m) = self.marks.pop() {
            self.context.truncate(m);
        }
        self.frames.pop();
    }

    /// An error of `kind` where the scanner stands.
    pub(super) fn error_here(&self, kind: ErrorKind) -> StreamError {
        StreamError::Read(self.scan.pos().error(kind, ""))
    }
}

/// Holds the rest of the element whose start tag `doc` ends with, up to its end tag (or
/// the end of the input, which the reader then reports).
pub(super) fn capture<R: BufRead>(
    scan: &mut Scanner<R>,
    doc: &mut Doc,
    cap: usize,
) -> Result<(), StreamError> {
    doc.mark(scan.pos());
    // The input ending inside is reported by the reader of `doc`.
    scan.copy_element(&mut doc.bytes, cap)?;
    Ok(())
}

/// Whether a `<?…?>` unit is the XML declaration (which may stand only first).
pub(super) fn is_declaration(unit: &[u8]) -> bool {
    unit.strip_prefix(b"<?xml")
        .is_some_and(|rest| matches!(rest.first(), Some(b' ' | b'\t' | b'\n' | b'\r' | b'?')))
}
