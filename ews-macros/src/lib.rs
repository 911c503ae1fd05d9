//! Derives for `ews-types`: response-class handling on EWS response messages.
//!
//! The pipeline, as in serde_derive: [`ast`] (the input as we see it) ← [`attr`]
//! (`#[ews(...)]` attributes) → [`check`] (cross-field rules) → [`expand`] (impls). Errors are
//! collected in a [`ctxt::Ctxt`] and reported together, each at its own span; the macros
//! never panic.
//!
//! - `#[derive(ResponseMessage)]` on a struct with one field marked `#[ews(base)]` (its base
//!   type is a response message) or `#[ews(message)]` (it holds a `ResponseMessageType`,
//!   possibly in an `Option`), or on an enum whose variants each hold one response message.
//!   Implements `ews_types::runtime::response::ResponseMessage` (and, for structs,
//!   `Response` with the struct as its only message).
//! - `#[derive(BatchResponse)]` on a struct with one field marked `#[ews(base)]` whose type
//!   is a batch response: implements `Response` with the batch's messages.
//! - `#[ews(crate = "path")]` on the container overrides the path to `ews_types`.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `ResponseMessage` (see the crate docs).
#[proc_macro_derive(ResponseMessage, attributes(ews))]
pub fn derive_response_message(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, ast::Derive::ResponseMessage)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `Response` for batch responses (see the crate docs).
#[proc_macro_derive(BatchResponse, attributes(ews))]
pub fn derive_batch_response(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, ast::Derive::BatchResponse)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
