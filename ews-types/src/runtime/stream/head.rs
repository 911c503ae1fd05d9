//! The head of a streamed response: the envelope up to the operation's response element,
//! read in memory (it is small), and the headers read from it.

use std::io::BufRead;

use super::*;

impl<R: BufRead, O: Streamed> ResponseStream<R, O> {
    /// Reads up to the start tag of the Body's element, then the headers from what was
    /// read; sets up the frames.
    pub(super) fn read_head(&mut self) -> Result<(), StreamError> {
        self.scan.skip_bom()?;
        let mut head = Vec::new();
        // The start tags of the open elements (ranges in `head`), and whether the open
        // child of the envelope is the Body.
        let mut tags: Vec<(usize, usize)> = Vec::new();
        let mut in_body = false;
        loop {
            let at = self.scan.pos();
            let from = head.len();
            match self.scan.next_unit(&mut head, self.cap)? {
                Unit::Start { empty } => {
                    let tag = (from, head.len());
                    if tags.len() == 1 {
                        in_body =
                            self.head_name(&head, &tags, tag, at)? == (Ns::Soap, "Body".into());
                    } else if tags.len() == 2 && in_body {
                        return self.body_element(head, &tags, tag, at, empty);
                    }
                    if !empty {
                        tags.push(tag);
                    }
                }
                Unit::End => {
                    tags.pop();
                    if tags.is_empty() {
                        return self.whole_document(head);
                    }
                }
                Unit::Eof => return self.whole_document(head),
                _ => {}
            }
        }
    }

    /// The name of the start tag `tag` of `head`, inside the open elements `tags`.
    pub(super) fn head_name(
        &mut self,
        head: &[u8],
        tags: &[(usize, usize)],
        tag: (usize, usize),
        at: Pos,
    ) -> Result<(Ns, String), StreamError> {
        self.probe.reset(&[]);
        for &(s, e) in tags {
            self.probe.bytes.extend_from_slice(&head[s..e]);
        }
        self.probe.mark(at);
        self.probe.bytes.extend_from_slice(&head[tag.0..tag.1]);
        let name = self.probe.read(tags.len(), self.options, |r, c| {
            let c = c.ok_or_else(|| r.error_at(ErrorKind::UnexpectedEof, r.input().len()))?;
            Ok((c.ns, c.local_str().to_owned()))
        })?;
        Ok(name)
    }

    /// The Body's element `tag` has begun: a fault is read whole; otherwise the headers
    /// are read and the stream goes on inside the response element.
    pub(super) fn body_element(
        &mut self,
        mut head: Vec<u8>,
        tags: &[(usize, usize)],
        tag: (usize, usize),
        at: Pos,
        empty: bool,
    ) -> Result<(), StreamError> {
        if self.head_name(&head, tags, tag, at)? == (Ns::Soap, "Fault".into()) {
            while self.scan.next_unit(&mut head, self.cap)? != Unit::Eof {}
            return self.whole_document(head);
        }
        self.headers = envelope::read_response_head::<O::Response>(&head, self.options)?;
        for (frame, &(s, e)) in [Frame::Envelope, Frame::Body].into_iter().zip(tags) {
            self.push(frame, &head[s..e]);
        }
        let element = &head[tag.0..tag.1];
        match O::MESSAGE {
            None => self.begin_message(element, at, empty),
            Some(_) if empty => self.check_emptied(element, at),
            Some(_) => {
                self.response_at = at;
                self.probe.reset(&self.context);
                self.probe.mark(at);
                self.probe.bytes.extend_from_slice(element);
                self.check_attributes()?;
                self.push(Frame::Response, element);
                Ok(())
            }
        }
    }

    /// Reads `head`, the whole document or as much as there is, in memory: for a fault, and
    /// for documents that end before the Body's element (to report them as reading in memory
    /// does).
    pub(super) fn whole_document(&mut self, head: Vec<u8>) -> Result<(), StreamError> {
        match envelope::read_response_with::<O>(&head, self.options) {
            Err(EnvelopeError::Fault(fault)) => Err(StreamError::Fault(fault)),
            Err(EnvelopeError::Read(e)) => Err(StreamError::Read(e)),
            // Reading cannot fail otherwise, and a whole response has a Body's element, which
            // the head would have found.
            _ => Err(self.error_here(ErrorKind::UnexpectedEof)),
        }
    }
}
