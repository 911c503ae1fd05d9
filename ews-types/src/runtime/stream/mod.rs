//! Streaming responses: reading a response envelope from a [`BufRead`] (an HTTP body, a
//! file through a `BufReader`) one typed value at a time, with memory bounded by the
//! largest single value instead of the whole response.
//!
//! [`ResponseStream::open`] reads the envelope up to the operation's response element and
//! gives its [`headers`](ResponseStream::headers). Each [`Event`] then is one of:
//!
//! - a [`Value`](Event::Value): one entry of the collection the operation's messages carry
//!   ([`Streamed::PATH`]): the items of `FindItem`'s `RootFolder/Items`, the folders of
//!   `FindFolder`, the `Changes` of `SyncFolderItems`, the people of `FindPeople`, the
//!   attachments of `GetAttachment`, the items of `GetItem`;
//! - a [`Message`](Event::Message), after its values: the response message with everything
//!   but those values (class, code, paging attributes, sync state, unknown content), so
//!   that the response-class handling ([`ResponseMessage::into_result`]) applies per message;
//! - [`Unknown`](Event::Unknown) content around the messages that the schema does not
//!   declare (from newer servers), kept as it is everywhere else in this crate.
//!
//! Every value is read by the same generated reader as in memory: the stream cuts the
//! input into pieces (`scan.rs`) and hands each to the reader in a document of its own
//! (`doc.rs`), which starts with the start tags around it, or, for a value, with the
//! namespaces in force and the names of the open elements, so that namespaces, limits, the
//! element path of errors and their line and column are those of the input. Reading a document in memory
//! and streaming it give equal values (`tests/stream.rs` checks it on every documentation
//! sample).
//!
//! Large `xs:base64Binary` content (`t:FileAttachment/t:Content`, `t:MimeContent`) can go
//! to a [`ContentSink`], decoded, while it is read: the value then comes without it.
//!
//! An element a collection holds that is not one of its values (from a newer server) stays
//! in the message, in the collection's [`Unknown`](super::Unknown) content, as in memory;
//! its place among the values is not kept (it is written after them).
//!
//! The attributes of a batch's response element and of its `m:ResponseMessages` (the schema
//! declares none) are checked as reading in memory checks them, and not kept.
//!
//! The [`ReadOptions`] limits apply to what the stream holds at a time: each value, and each
//! message without its values ([`max_input_bytes`](ReadOptions::max_input_bytes),
//! [`max_elements`](ReadOptions::max_elements)), and the nesting depth. A stream's length is
//! not limited: that is what streaming is for; the consumer decides when to stop.
//!
//! ```
//! # #[cfg(feature = "mail")] {
//! use ews_types::operations::FindItem;
//! use ews_types::runtime::response::ResponseMessage;
//! use ews_types::runtime::stream::{Event, ResponseStream};
//!
//! # let body: &[u8] = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
//! # <m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
//! #   xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>
//! # <m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
//! # <m:RootFolder TotalItemsInView="2" IncludesLastItemInRange="true"><t:Items>
//! # <t:Message><t:Subject>One</t:Subject></t:Message><t:Message><t:Subject>Two</t:Subject></t:Message>
//! # </t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>
//! # </s:Body></s:Envelope>"#;
//! // `body` is any `BufRead`: an HTTP response body, or a file in a `BufReader`.
//! let mut stream = ResponseStream::<_, FindItem>::open(body)?;
//! let mut items = 0;
//! for event in &mut stream {
//!     match event? {
//!         Event::Value(_item) => items += 1,
//!         Event::Message(message) => {
//!             message.into_result()?;
//!         }
//!         _ => {}
//!     }
//! }
//! assert_eq!(items, 2);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod base64;
mod doc;
mod frames;
mod head;
mod scan;
mod values;

use std::fmt;
use std::io::{self, BufRead};
use std::marker::PhantomData;

use super::any::AnyElement;
use super::envelope::{self, EnvelopeError, Fault, Operation, ResponseHeaders};
use super::error::{ErrorKind, ReadError};
use super::read::{self, ReadMode, ReadOptions, Reader, Start};
use super::response::{Response, ResponseMessage};
use super::syntax::SyntaxError;
use super::xml::{self, is_whitespace, Token, Tokenizer};
use super::{ChoiceGroup, ComplexShape, Ns, XmlElement};
use doc::{Doc, Scope};
use scan::{Pos, ScanError, Scanner, Unit};

/// An operation whose responses can be streamed: where its messages stand and which of
/// their collections is yielded value by value. Generated for every operation whose
/// response holds response messages (`crate::operations`).
pub trait Streamed: Operation<Response: Response<Message = Self::Message>> {
    /// One response message.
    type Message: ComplexShape + ResponseMessage + fmt::Debug + Clone + PartialEq;
    /// One value of the streamed collection ([`NoValue`] when the messages carry none).
    type Value: fmt::Debug + Clone + PartialEq;
    /// The local name of the message elements (`m:`) in `m:ResponseMessages`; `None` when
    /// the response element is itself the one message.
    const MESSAGE: Option<&'static str>;
    /// The elements from a message down to the collection whose children are the values
    /// (`m:RootFolder`, `t:Items` for `FindItem`); empty when only messages are streamed.
    const PATH: &'static [(Ns, &'static str)];
    /// Reads `c` as a value; `None` (nothing read) if it is not one.
    fn read_value<'a>(
        _r: &mut Reader<'a>,
        _c: &Start<'a>,
    ) -> Result<Option<Self::Value>, ReadError> {
        Ok(None)
    }
    /// The collection in `message` the values come from (`None` where the message holds no
    /// such collection, e.g. the other member of a choice): putting the streamed values back
    /// gives the message as read in memory.
    fn values(_message: &mut Self::Message) -> Option<&mut Vec<Self::Value>> {
        None
    }
}

/// Something done for each streamed operation (see `operations::visit_streamed`).
pub trait StreamedVisitor {
    /// Called once per operation.
    fn visit<O: Streamed>(&mut self);
}

/// The value type of operations whose messages carry no collection to stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoValue {}

/// [`Streamed::read_value`] for a collection of a choice's members.
pub fn choice<'a, C: ChoiceGroup>(
    r: &mut Reader<'a>,
    c: &Start<'a>,
) -> Result<Option<C>, ReadError> {
    C::read_choice(r, c)
}

/// [`Streamed::read_value`] for a collection of one element, `ns:name`.
pub fn element<'a, T: XmlElement>(
    r: &mut Reader<'a>,
    c: &Start<'a>,
    ns: Ns,
    name: &str,
) -> Result<Option<T>, ReadError> {
    if c.ns == ns && c.local == name.as_bytes() {
        return T::read_element(r, c).map(Some);
    }
    Ok(None)
}

/// What a stream yields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event<O: Streamed> {
    /// One value of the current message's collection.
    Value(O::Value),
    /// A response message, after its values, without them.
    Message(O::Message),
    /// An element the schema does not declare where it stands, around the messages.
    Unknown(AnyElement),
}

/// Where decoded base64 content goes while it is read (see [`ResponseStream::content_sink`]).
/// Any [`io::Write`] is one: all content is written to it, one after another.
pub trait ContentSink {
    /// Content begins.
    fn start(&mut self, _content: &ContentInfo) -> io::Result<()> {
        Ok(())
    }
    /// The next decoded bytes.
    fn write(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// The content ended (all its bytes were written).
    fn end(&mut self, _content: &ContentInfo) -> io::Result<()> {
        Ok(())
    }
}

impl<W: io::Write> ContentSink for W {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write_all(bytes)
    }
}

/// Which content a [`ContentSink`] receives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContentInfo {
    /// `Content` (of a `t:FileAttachment`) or `MimeContent` (of an item).
    pub element: &'static str,
    /// The value it belongs to: its index among the values the stream yielded (0 for the
    /// first); that value comes without this content.
    pub value: usize,
    /// Line and column of its start tag.
    pub line: usize,
    /// See [`line`](Self::line).
    pub column: usize,
}

/// Why a stream stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be read.
    Io(io::Error),
    /// The XML could not be read (position and element path inside).
    Read(ReadError),
    /// The server answered with a SOAP fault.
    Fault(Box<Fault>),
    /// The [`ContentSink`] failed.
    Sink(io::Error),
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Io(e) => write!(f, "reading the response failed: {e}"),
            StreamError::Read(e) => e.fmt(f),
            StreamError::Fault(x) => x.fmt(f),
            StreamError::Sink(e) => write!(f, "the content sink failed: {e}"),
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StreamError::Io(e) | StreamError::Sink(e) => Some(e),
            StreamError::Read(e) => Some(e),
            StreamError::Fault(_) => None,
        }
    }
}

impl From<ReadError> for StreamError {
    fn from(e: ReadError) -> Self {
        StreamError::Read(e)
    }
}

impl From<ScanError> for StreamError {
    fn from(e: ScanError) -> Self {
        match e {
            ScanError::Io(e) => StreamError::Io(e),
            ScanError::Read(e) => StreamError::Read(e),
        }
    }
}

/// The open elements the stream walks through (their start tags are the context of what is
/// read inside them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Envelope,
    Body,
    /// The response element of a batch (holding `m:ResponseMessages`).
    Response,
    /// `m:ResponseMessages`.
    Messages,
    /// A response message (the response element itself for one-message responses).
    Message,
    /// The element of [`Streamed::PATH`] at this index, inside the message.
    Step(usize),
}

/// A streamed response of operation `O` (see the [module](self)).
pub struct ResponseStream<R, O: Streamed> {
    scan: Scanner<R>,
    options: ReadOptions,
    /// Most bytes held at once in one document.
    cap: usize,
    headers: ResponseHeaders,
    frames: Vec<Frame>,
    /// The start tags of the open frames, as written.
    context: Vec<u8>,
    /// Where each frame's start tag begins in `context`.
    marks: Vec<usize>,
    /// The unit being looked at, in its context.
    probe: Doc,
    /// The current message without its values.
    message: Doc,
    /// The current value.
    value: Doc,
    /// What stands for `context` when a value is read (made when first needed after the open
    /// frames change).
    scope: Option<Scope>,
    /// Values yielded so far.
    count: usize,
    /// How many frames are open around the current message.
    message_depth: usize,
    /// Where a batch's response element starts.
    response_at: Pos,
    /// The start tag of `m:ResponseMessages`, where it stood, and the messages in it so far.
    batch: (Vec<u8>, Pos, usize),
    sink: Option<Box<dyn ContentSink>>,
    /// An event read ahead (a message written empty where its frame opens).
    ready: Option<Event<O>>,
    done: bool,
    op: PhantomData<fn() -> O>,
}

impl<R, O: Streamed> fmt::Debug for ResponseStream<R, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseStream")
            .field("operation", &O::NAME)
            .field("headers", &self.headers)
            .field("values", &self.count)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead, O: Streamed> ResponseStream<R, O> {
    /// Reads the envelope up to `O`'s response element. A SOAP fault is
    /// [`StreamError::Fault`] (with the envelope's headers in [`Fault::headers`]).
    pub fn open(input: R) -> Result<Self, StreamError> {
        Self::open_with(input, ReadOptions::default())
    }

    /// [`open`](Self::open) with explicit limits and mode.
    pub fn open_with(input: R, options: ReadOptions) -> Result<Self, StreamError> {
        let mut stream = ResponseStream {
            scan: Scanner::new(input),
            options,
            cap: options.max_input_bytes.min(xml::MAX_INPUT),
            headers: ResponseHeaders::default(),
            frames: Vec::new(),
            context: Vec::new(),
            marks: Vec::new(),
            probe: Doc::default(),
            message: Doc::default(),
            value: Doc::default(),
            scope: None,
            count: 0,
            message_depth: 0,
            response_at: Pos::default(),
            batch: (Vec::new(), Pos::default(), 0),
            sink: None,
            ready: None,
            done: false,
            op: PhantomData,
        };
        stream.read_head()?;
        Ok(stream)
    }

    /// Sends the `t:FileAttachment/t:Content` and `t:MimeContent` of the values read from
    /// now on to `sink`, decoded, instead of keeping them in the values.
    pub fn content_sink(mut self, sink: impl ContentSink + 'static) -> Self {
        self.sink = Some(Box::new(sink));
        self
    }

    /// The SOAP headers of the response.
    pub fn headers(&self) -> &ResponseHeaders {
        &self.headers
    }

    /// The next event; `None` after the end of the envelope.
    pub fn next_event(&mut self) -> Result<Option<Event<O>>, StreamError> {
        if let Some(event) = self.ready.take() {
            return Ok(Some(event));
        }
        loop {
            let Some(&frame) = self.frames.last() else {
                self.epilog()?;
                return Ok(None);
            };
            let event = match frame {
                Frame::Message | Frame::Step(_) => self.in_message(frame)?,
                _ => self.in_frame(frame)?,
            };
            if event.is_some() {
                return Ok(event);
            }
        }
    }
}

impl<R: BufRead, O: Streamed> Iterator for ResponseStream<R, O> {
    type Item = Result<Event<O>, StreamError>;

    /// The next event; after an error, `None`.
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_event() {
            Ok(Some(event)) => Some(Ok(event)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
