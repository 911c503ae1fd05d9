//! Emission of the schema index: every named complexType, simpleType and global element
//! of the schemas with the Rust item generated for it. Each row names the item in code
//! (`type_name::<T>`), so the table only compiles if every item exists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::*;

pub fn index(plan: &Plan) -> TokenStream {
    let gates: std::collections::BTreeMap<(Module, &str), &[String]> = plan
        .items
        .iter()
        .map(|it| ((it.module, it.name.as_str()), it.gate.as_slice()))
        .collect();
    let rows = plan.index.iter().map(|e| {
        let kind = e.kind.as_str();
        let xsd = e.xsd.to_string();
        let rust = format!("{}::{}", e.module.name(), e.rust);
        let md = format_ident!("{}", e.module.name());
        let id = format_ident!("{}", e.rust);
        let gate = super::cfg(
            gates
                .get(&(e.module, e.rust.as_str()))
                .copied()
                .unwrap_or(&[]),
        );
        quote! {
            #gate
            crate::IndexEntry {
                kind: #kind,
                xsd: #xsd,
                rust: #rust,
                type_name: ::std::any::type_name::<crate::#md::#id>,
            },
        }
    });
    quote! {
        /// Every named complexType, simpleType and global element of `types.xsd` and
        /// `messages.xsd`, with the Rust item generated for it (sorted by kind and name); the
        /// items compiled in (see the crate's features).
        pub static SCHEMA_INDEX: &[crate::IndexEntry] = &[ #(#rows)* ];
    }
}

/// The response-class coverage lists: every type given `ResponseMessage` or `Response` by
/// the derives. Each entry names its type through a function bounded by the trait, so the
/// lists only compile if every listed type implements it.
pub fn response_lists(plan: &Plan) -> TokenStream {
    let mut messages = Vec::new();
    let mut batches = Vec::new();
    for it in &plan.items {
        let md = format_ident!("{}", it.module.name());
        let id = format_ident!("{}", it.name);
        let gate = super::cfg(&it.gate);
        match &it.kind {
            ItemKind::Struct(s) => match s.response {
                ResponseDerive::MessageBase | ResponseDerive::MessageNested(_) => {
                    messages.push(quote!(#gate message::<crate::#md::#id>(),))
                }
                ResponseDerive::Batch(_) => batches.push(quote!(#gate batch::<crate::#md::#id>(),)),
                ResponseDerive::None => {}
            },
            ItemKind::Choice(c) if c.response_message => {
                messages.push(quote!(#gate message::<crate::#md::#id>(),))
            }
            _ => {}
        }
    }
    quote! {
        // Unused in builds whose families have no such type (see the crate's features).
        #[allow(dead_code)]
        fn message<T: crate::runtime::response::ResponseMessage>() -> &'static str {
            ::std::any::type_name::<T>()
        }
        #[allow(dead_code)]
        fn batch<T: crate::runtime::response::Response>() -> &'static str {
            ::std::any::type_name::<T>()
        }
        /// Every generated type that implements `ResponseMessage` through the derive.
        pub fn response_message_types() -> Vec<&'static str> {
            [#(#messages)*].to_vec()
        }
        /// Every generated batch response type (`Response` through `BatchResponse`).
        pub fn batch_response_types() -> Vec<&'static str> {
            [#(#batches)*].to_vec()
        }
    }
}
