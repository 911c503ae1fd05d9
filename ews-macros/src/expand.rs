//! Expansion: small impls that call into `ews_types::runtime::response`, wrapped in
//! `const _: () = { ... };` so they leak no names.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Container, Data, Derive};
use crate::attr::Role;
use crate::check;
use crate::ctxt::Ctxt;

pub fn derive(input: &syn::DeriveInput, derive: Derive) -> syn::Result<TokenStream> {
    let mut cx = Ctxt::default();
    let Some(cont) = Container::from_ast(&mut cx, input, derive) else {
        cx.check()?;
        return Ok(TokenStream::new());
    };
    let body = match (&cont.data, derive) {
        (Data::Struct(_), _) => {
            let field = check::header_field(&mut cx, &cont, derive);
            field.map(|f| (f.member.clone(), f.role.map(|r| r.0), f.original.ty.clone()))
        }
        (Data::Enum(_), _) => {
            check::newtype_variants(&mut cx, &cont, derive);
            None
        }
    };
    cx.check()?;
    let krate = &cont.krate;
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let rt = quote!(#krate::runtime::response);
    let header_ty = quote!(#krate::messages::ResponseMessageType);
    let impls = match (&cont.data, derive, body) {
        (Data::Struct(_), Derive::ResponseMessage, Some((member, role, _))) => {
            let header = match role {
                Some(Role::Base) => quote!(#rt::ResponseMessage::header(&self.#member)),
                _ => quote!(#rt::AsHeader::as_header(&self.#member)),
            };
            quote! {
                #[automatically_derived]
                impl #impl_generics #rt::ResponseMessage for #ident #ty_generics #where_clause {
                    fn header(&self) -> ::core::option::Option<&#header_ty> {
                        #header
                    }
                }
                #[automatically_derived]
                impl #impl_generics #rt::Response for #ident #ty_generics #where_clause {
                    type Message = Self;
                    fn headers(&self) -> ::std::vec::Vec<::core::option::Option<&#header_ty>> {
                        ::std::vec![#rt::ResponseMessage::header(self)]
                    }
                    fn into_messages(self) -> ::std::vec::Vec<Self> {
                        ::std::vec![self]
                    }
                }
            }
        }
        (Data::Struct(_), Derive::BatchResponse, Some((member, _, ty))) => quote! {
            #[automatically_derived]
            impl #impl_generics #rt::Response for #ident #ty_generics #where_clause {
                type Message = <#ty as #rt::Response>::Message;
                fn headers(&self) -> ::std::vec::Vec<::core::option::Option<&#header_ty>> {
                    #rt::Response::headers(&self.#member)
                }
                fn into_messages(self) -> ::std::vec::Vec<Self::Message> {
                    #rt::Response::into_messages(self.#member)
                }
            }
        },
        (Data::Enum(variants), Derive::ResponseMessage, _) => {
            let arms = variants.iter().map(|v| {
                let vi = v.ident;
                quote!(Self::#vi(m) => #rt::ResponseMessage::header(m),)
            });
            // An enum without variants (all of them compiled out by features) has no values.
            let scrutinee = if variants.is_empty() {
                quote!(*self)
            } else {
                quote!(self)
            };
            quote! {
                #[automatically_derived]
                impl #impl_generics #rt::ResponseMessage for #ident #ty_generics #where_clause {
                    fn header(&self) -> ::core::option::Option<&#header_ty> {
                        match #scrutinee { #(#arms)* }
                    }
                }
            }
        }
        _ => TokenStream::new(),
    };
    Ok(quote! {
        const _: () = { #impls };
    })
}
