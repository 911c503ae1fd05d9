//! Emission of the schema index: every named complexType, simpleType and global element
//! of the schemas with the Rust item generated for it. Each row names the item in code
//! (`type_name::<T>`), so the table only compiles if every item exists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::*;

pub fn index(plan: &Plan) -> TokenStream {
    let rows = plan.index.iter().map(|e| {
        let kind = e.kind.as_str();
        let xsd = e.xsd.to_string();
        let rust = format!("{}::{}", e.module.name(), e.rust);
        let md = format_ident!("{}", e.module.name());
        let id = format_ident!("{}", e.rust);
        quote! {
            crate::IndexEntry {
                kind: #kind,
                xsd: #xsd,
                rust: #rust,
                type_name: ::std::any::type_name::<crate::#md::#id>,
            },
        }
    });
    let n = plan.index.len();
    quote! {
        /// Every named complexType, simpleType and global element of `types.xsd` and
        /// `messages.xsd`, with the Rust item generated for it (sorted by kind and name).
        pub static SCHEMA_INDEX: [crate::IndexEntry; #n] = [ #(#rows)* ];
    }
}
