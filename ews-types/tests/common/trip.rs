//! One envelope through the operation its Body child names: read (as the request or the
//! response of that operation), written back, read again. Shared by the tests that take
//! whole envelopes (documentation samples, forward compatibility, mutations), so that finding
//! the operation and the round trip are written once.

use std::fmt::Debug;

use ews_types::operations;
use ews_types::runtime::envelope::{
    read_request_with, read_response_with, write_request, write_response, EnvelopeError, Operation,
    OperationVisitor,
};
use ews_types::runtime::{Element, ReadOptions};

/// What happened to one envelope.
#[derive(Debug)]
pub struct Trip {
    /// `request` or `response`.
    pub direction: &'static str,
    /// The operation.
    pub operation: &'static str,
    /// `(headers, body)` as read, in `{:#?}` form (when [`Options::debug`] asked for it).
    pub debug: Option<String>,
    /// The first step that failed, if any.
    pub outcome: Result<String, Failure>,
}

/// Where a round trip stopped (the written envelope is `Ok` in [`Trip::outcome`]).
#[derive(Debug)]
pub enum Failure {
    /// The envelope was refused.
    Read(EnvelopeError),
    /// What was read could not be written.
    Write(EnvelopeError),
    /// The written envelope does not read back.
    ReadBack(String, EnvelopeError),
    /// The written envelope reads back to another value.
    Different(String),
}

/// How to take the envelope.
#[derive(Clone, Copy, Default)]
pub struct Options {
    /// The reading options.
    pub read: ReadOptions,
    /// Fill [`Trip::debug`].
    pub debug: bool,
}

/// Takes `xml`, whose Body child is `element` (its local name in the messages namespace),
/// through the operation that has it as request or response; `None` when none has.
pub fn trip(xml: &str, element: &str, options: Options) -> Option<Trip> {
    let mut v = Visitor {
        xml,
        element,
        options,
        out: None,
    };
    operations::visit_all(&mut v);
    v.out
}

struct Visitor<'s> {
    xml: &'s str,
    element: &'s str,
    options: Options,
    out: Option<Trip>,
}

impl OperationVisitor for Visitor<'_> {
    fn visit<O: Operation>(&mut self) {
        if self.out.is_some() {
            return;
        }
        let (x, o) = (self.xml, self.options);
        if <O::Request as Element>::NAME == self.element {
            self.out = Some(run::<O, _, _>(
                "request",
                x,
                o,
                read_request_with::<O>,
                |h, b| write_request::<O>(h, b),
            ));
        } else if <O::Response as Element>::NAME == self.element {
            self.out = Some(run::<O, _, _>(
                "response",
                x,
                o,
                read_response_with::<O>,
                |h, b| write_response::<O>(h, b),
            ));
        }
    }
}

/// `read_request_with::<O>` or `read_response_with::<O>`.
type ReadFn<H, B> = fn(&[u8], ReadOptions) -> Result<(H, B), EnvelopeError>;

/// Read with `read`, write with `write`, read again: one direction of operation `O`.
fn run<O: Operation, H: Debug + PartialEq, B: Debug + PartialEq>(
    direction: &'static str,
    xml: &str,
    options: Options,
    read: ReadFn<H, B>,
    write: impl Fn(&H, &B) -> Result<String, EnvelopeError>,
) -> Trip {
    let mut t = Trip {
        direction,
        operation: O::NAME,
        debug: None,
        outcome: Err(Failure::Different(String::new())),
    };
    let value = match read(xml.as_bytes(), options.read) {
        Ok(v) => v,
        Err(e) => {
            t.outcome = Err(Failure::Read(e));
            return t;
        }
    };
    if options.debug {
        t.debug = Some(format!("{:#?}", (&value.0, &value.1)));
    }
    t.outcome = match write(&value.0, &value.1) {
        Err(e) => Err(Failure::Write(e)),
        Ok(written) => match read(written.as_bytes(), options.read) {
            Err(e) => Err(Failure::ReadBack(written, e)),
            Ok(again) if again != value => Err(Failure::Different(written)),
            Ok(_) => Ok(written),
        },
    };
    t
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Read(e) => write!(f, "read: {e}"),
            Failure::Write(e) => write!(f, "writing failed: {e}"),
            Failure::ReadBack(_, e) => write!(f, "the written envelope does not read back: {e}"),
            Failure::Different(_) => {
                f.write_str("the written envelope reads back to a different value")
            }
        }
    }
}
