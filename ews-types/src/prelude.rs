//! The names most programs use, for a glob import: `use ews_types::prelude::*;`.
//!
//! The traits that give the generated types their methods ([`Operation`]'s constants,
//! [`Response::into_results`], [`ResponseMessage::into_result`], [`ComplexType::unknown`]),
//! the envelope functions of a client (`write_request`, `read_response`) and of a server or
//! test double (`read_request`, `write_response`, `write_fault`) with their headers, and the
//! document-level `from_slice` / `to_string`. Types of the schema stay in [`crate::types`]
//! and [`crate::messages`], and operations in [`crate::operations`].

pub use crate::runtime::envelope::{
    read_request, read_response, write_fault, write_request, write_response, EnvelopeError, Fault,
    Message, Operation, RequestHeaders, ResponseHeaders,
};
pub use crate::runtime::response::{Outcome, Response, ResponseError, ResponseMessage};
pub use crate::runtime::{ComplexType, Element, ReadError, ReadOptions};
pub use crate::{from_slice, to_string};
