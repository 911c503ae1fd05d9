//! Cross-field rules, one function per rule. Each records errors at the offending span.

use crate::ast::{Container, Data, Derive, Field};
use crate::attr::Role;
use crate::ctxt::Ctxt;

/// The field that gives the header (base or message), if the rules hold.
pub fn header_field<'c, 'a>(
    cx: &mut Ctxt,
    cont: &'c Container<'a>,
    derive: Derive,
) -> Option<&'c Field<'a>> {
    let Data::Struct(fields) = &cont.data else {
        return None;
    };
    let marked: Vec<&Field<'a>> = fields.iter().filter(|f| f.role.is_some()).collect();
    match marked.as_slice() {
        [] => {
            let what = match derive {
                Derive::ResponseMessage => {
                    "one field marked `#[ews(base)]` (the base response message) or `#[ews(message)]` (the nested ResponseMessage)"
                }
                Derive::BatchResponse => {
                    "one field marked `#[ews(base)]` (the base batch response) or `#[ews(messages)]` (the batch's messages)"
                }
            };
            cx.error_spanned_by(cont.ident, format!("`{}` needs {what}", derive.name()));
            None
        }
        [one] => {
            let role = one.role.map(|r| r.0);
            let wrong = match derive {
                Derive::BatchResponse if role == Some(Role::Message) => Some(
                    "`BatchResponse` takes its messages from an `#[ews(base)]` or `#[ews(messages)]` field, not `#[ews(message)]`",
                ),
                Derive::ResponseMessage if role == Some(Role::Messages) => Some(
                    "`ResponseMessage` takes its header from an `#[ews(base)]` or `#[ews(message)]` field; `#[ews(messages)]` is for `BatchResponse`",
                ),
                _ => None,
            };
            if let Some(msg) = wrong {
                cx.error_spanned_by(&one.original.ty, msg);
                return None;
            }
            Some(one)
        }
        [_, rest @ ..] => {
            for f in rest {
                if let Some((_, span)) = f.role {
                    cx.error_at(
                        span,
                        "only one field may be marked `#[ews(base)]`, `#[ews(message)]` or `#[ews(messages)]`",
                    );
                }
            }
            None
        }
    }
}

/// Every variant of an enum holds exactly one unnamed field.
pub fn newtype_variants(cx: &mut Ctxt, cont: &Container<'_>, derive: Derive) -> bool {
    let Data::Enum(variants) = &cont.data else {
        return true;
    };
    if derive == Derive::BatchResponse {
        cx.error_spanned_by(cont.ident, "`BatchResponse` is derived on structs only");
        return false;
    }
    let mut ok = true;
    for v in variants {
        let fine = matches!(&v.original.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1);
        if !fine {
            cx.error_spanned_by(
                v.original,
                format!(
                    "variant `{}` must hold exactly one response message, like `{}(T)`",
                    v.ident, v.ident
                ),
            );
            ok = false;
        }
    }
    ok
}
