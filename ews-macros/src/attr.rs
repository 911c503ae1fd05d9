//! `#[ews(...)]` attributes: `base`, `message` and `messages` on fields, `crate = "path"` on
//! the container.

use syn::spanned::Spanned;

use crate::ctxt::Ctxt;

/// What a field is marked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `#[ews(base)]`: the field holds the base type.
    Base,
    /// `#[ews(message)]`: the field holds the `ResponseMessageType`.
    Message,
    /// `#[ews(messages)]`: the field holds a batch's messages (a type implementing
    /// `Response`: the array, or the `Vec` of messages).
    Messages,
}

/// A field's role, with the span of the attribute that set it.
pub struct FieldAttr {
    pub role: Option<(Role, proc_macro2::Span)>,
}

/// Parses the `#[ews(...)]` attributes of a field.
pub fn field(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> FieldAttr {
    let mut role: Option<(Role, proc_macro2::Span)> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("ews")) {
        let result = attr.parse_nested_meta(|meta| {
            let found = if meta.path.is_ident("base") {
                Role::Base
            } else if meta.path.is_ident("message") {
                Role::Message
            } else if meta.path.is_ident("messages") {
                Role::Messages
            } else {
                let name = meta.path.to_token_stream_string();
                return Err(meta.error(format!(
                    "unknown ews field attribute `{name}`; expected `base`, `message` or `messages`"
                )));
            };
            if role.is_some() {
                return Err(meta.error(
                    "duplicate ews field attribute: a field is `base`, `message` or `messages`, once",
                ));
            }
            role = Some((found, meta.path.span()));
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    FieldAttr { role }
}

/// Parses the container's `#[ews(crate = "...")]`; default `::ews_types`.
pub fn container(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> syn::Path {
    let mut path: Option<syn::Path> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("ews")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                if path.is_some() {
                    return Err(meta.error("duplicate ews attribute `crate`"));
                }
                path = Some(lit.parse()?);
                Ok(())
            } else {
                let name = meta.path.to_token_stream_string();
                Err(meta.error(format!(
                    "unknown ews container attribute `{name}`; expected `crate`"
                )))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    path.unwrap_or_else(|| syn::parse_quote!(::ews_types))
}

trait PathString {
    fn to_token_stream_string(&self) -> String;
}

impl PathString for syn::Path {
    fn to_token_stream_string(&self) -> String {
        quote::ToTokens::to_token_stream(self)
            .to_string()
            .replace(' ', "")
    }
}
