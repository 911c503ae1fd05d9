//! Emission of the `From` (and for subset choices `TryFrom`) impls the conversions pass found
//! (see `passes::conversions`). They are `#[inline]`: compiled where a program uses them, not
//! all thousand of them in every release build of the crate.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ty;
use crate::ir::*;

/// The conversions into `item`.
pub fn impls(plan: &Plan, item: &Item) -> TokenStream {
    let Some(list) = plan.conversions.get(&(item.module, item.name.clone())) else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", item.name);
    let impls = list.iter().map(|c| {
        let gate = super::cfg(&c.gate);
        let source = source(&c.source, item.module);
        let body = match &c.how {
            How::Subset { pairs } => return subset(&name, &source, pairs, &gate),
            How::Variant { variant, boxed } => {
                let v = format_ident!("{}", variant);
                let value = boxed_if(*boxed, quote!(value));
                quote!(Self::#v(#value))
            }
            How::VariantFrom {
                variant,
                member,
                boxed,
            } => {
                let v = format_ident!("{}", variant);
                let m = ty(member, item.module);
                let value = boxed_if(*boxed, quote!(<#m>::from(value)));
                quote!(Self::#v(#value))
            }
            How::Field {
                bases,
                field,
                card,
                boxed,
                via,
            } => {
                let hops = std::iter::repeat_n(quote!(.base), *bases);
                let f = super::types::ident(field);
                let value = match (via, &c.source) {
                    (Some(t), _) => {
                        let t = ty(t, item.module);
                        quote!(<#t>::from(value))
                    }
                    (None, Source::Str) => quote!(value.to_owned()),
                    (None, _) => quote!(value),
                };
                let value = boxed_if(*boxed, value);
                let value = match card {
                    Card::Optional => quote!(Some(#value)),
                    Card::One | Card::Many => value,
                };
                quote! {
                    let mut built = Self::default();
                    built #(#hops)* .#f = #value;
                    built
                }
            }
            How::Base => quote!(Self {
                base: value,
                ..Default::default()
            }),
        };
        quote! {
            #gate
            impl From<#source> for #name {
                #[inline]
                fn from(value: #source) -> Self { #body }
            }
        }
    });
    quote!(#(#impls)*)
}

fn source(s: &Source, module: Module) -> TokenStream {
    match s {
        Source::Ty(t) => ty(t, module),
        Source::Vec(t) => {
            let t = ty(t, module);
            quote!(Vec<#t>)
        }
        Source::Str => quote!(&str),
    }
}

fn boxed_if(boxed: bool, value: TokenStream) -> TokenStream {
    if boxed {
        quote!(Box::new(#value))
    } else {
        value
    }
}

/// `From<name> for sup` and `TryFrom<sup> for name`, `Err` handing the value back.
fn subset(
    name: &proc_macro2::Ident,
    sup: &TokenStream,
    pairs: &[(String, bool, String, bool)],
    gate: &TokenStream,
) -> TokenStream {
    let arm = |from: &str, from_boxed, to: &str, to_boxed| {
        let (f, t) = (format_ident!("{}", from), format_ident!("{}", to));
        let value = match (from_boxed, to_boxed) {
            (true, false) => quote!(*v),
            (false, true) => quote!(Box::new(v)),
            _ => quote!(v),
        };
        (f, t, value)
    };
    let up = pairs.iter().map(|(v, vb, w, wb)| {
        let (f, t, value) = arm(v, *vb, w, *wb);
        quote!(#name::#f(v) => Self::#t(#value),)
    });
    let down = pairs.iter().map(|(v, vb, w, wb)| {
        let (f, t, value) = arm(w, *wb, v, *vb);
        quote!(#sup::#f(v) => Ok(Self::#t(#value)),)
    });
    quote! {
        #gate
        impl From<#name> for #sup {
            #[inline]
            fn from(value: #name) -> Self {
                match value { #(#up)* }
            }
        }
        #gate
        impl TryFrom<#sup> for #name {
            type Error = #sup;
            /// The value as this smaller choice; `Err` hands it back when it is another member.
            #[inline]
            fn try_from(value: #sup) -> Result<Self, #sup> {
                match value {
                    #(#down)*
                    other => Err(other),
                }
            }
        }
    }
}
