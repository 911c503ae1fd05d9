//! Emission of `runtime::stream::Streamed` for an operation (see `passes::streams`): its
//! message type and element, the path to its collection, how a value is read and where the
//! values go back in a message.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, ns};
use crate::ir::*;

/// The `Streamed` impl of `op` (named `name`), if its responses hold response messages.
pub fn streamed(plan: &Plan, op: &Operation, name: &proc_macro2::Ident) -> TokenStream {
    let Some(s) = plan.streams.get(&op.name) else {
        return TokenStream::new();
    };
    let message = path(&s.message);
    let message_element = match &s.message_element {
        Some(e) => quote!(Some(#e)),
        None => quote!(None),
    };
    let steps = s.path.iter().map(|step| {
        let n = ns(step.ns);
        let name = &step.name;
        quote!((#n, #name))
    });
    let (value, fns) = match &s.value {
        Some(v) => (path(&v.ty), value_fns(s, v)),
        None => (quote!(crate::runtime::stream::NoValue), TokenStream::new()),
    };
    let gate = super::cfg(&op.gate);
    quote! {
        #gate
        impl crate::runtime::stream::Streamed for #name {
            type Message = #message;
            type Value = #value;
            const MESSAGE: Option<&'static str> = #message_element;
            const PATH: &'static [(crate::runtime::Ns, &'static str)] = &[#(#steps),*];
            #fns
        }
    }
}

/// `read_value` and `values`, for an operation with a collection.
fn value_fns(s: &Stream, v: &StreamValue) -> TokenStream {
    let read = read_value(v);
    let values = values(s, v);
    quote! {
        fn read_value<'a>(
            r: &mut crate::runtime::Reader<'a>,
            c: &crate::runtime::Start<'a>,
        ) -> Result<Option<Self::Value>, crate::runtime::ReadError> {
            #read
        }
        #[allow(unreachable_patterns)]
        fn values(message: &mut Self::Message) -> Option<&mut Vec<Self::Value>> {
            #values
        }
    }
}

/// How a value is read: as a member of its choice, or as the one element.
fn read_value(v: &StreamValue) -> TokenStream {
    match &v.element {
        None => quote!(crate::runtime::stream::choice(r, c)),
        Some((n, name)) => {
            let n = ns(*n);
            quote!(crate::runtime::stream::element(r, c, #n, #name))
        }
    }
}

/// The body of `values`: down the path's fields and choice members to the `Vec`.
fn values(s: &Stream, v: &StreamValue) -> TokenStream {
    let steps = s.path.iter().map(|step| {
        let field = ident(&step.field);
        let held = match step.card {
            Card::One => quote!(&mut x.#field),
            _ => quote!(x.#field.as_mut()?),
        };
        match &step.variant {
            None => quote!(let x = #held;),
            Some((choice, variant)) => {
                let choice = path(choice);
                let variant = format_ident!("{}", variant);
                quote!(let x = match #held { #choice::#variant(x) => x, _ => return None };)
            }
        }
    });
    let field = ident(&v.field);
    quote! {
        let x = message;
        #(#steps)*
        Some(&mut x.#field)
    }
}

/// The full path of `t` (the impls stand in the operations module).
fn path(t: &Ty) -> TokenStream {
    match t.item() {
        Some((m, n)) => {
            let (m, n) = (format_ident!("{}", m.name()), format_ident!("{}", n));
            quote!(crate::#m::#n)
        }
        None => super::types::ty(t, Module::Types),
    }
}

/// `visit_streamed`: calls the visitor for every operation with a `Streamed` impl.
pub fn visits(plan: &Plan) -> TokenStream {
    let visits = plan
        .operations
        .iter()
        .filter(|op| plan.streams.contains_key(&op.name))
        .map(|op| {
            let name = ident(&op.rust_name);
            let gate = super::cfg(&op.gate);
            quote!(#gate v.visit::<#name>();)
        });
    quote! {
        /// Calls `v.visit::<O>()` for every operation compiled in whose responses can be
        /// streamed ([`crate::runtime::stream`]), in the WSDL's order.
        #[allow(unused_variables)] // a build may have no operation (see the crate's features)
        pub fn visit_streamed<V: crate::runtime::stream::StreamedVisitor>(v: &mut V) {
            #(#visits)*
        }
    }
}
