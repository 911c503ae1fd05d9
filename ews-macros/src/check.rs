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
                Derive::BatchResponse => "one field marked `#[ews(base)]` (the base batch response)",
            };
            cx.error_spanned_by(cont.ident, format!("`{}` needs {what}", derive.name()));
            None
        }
        [one] => {
            if derive == Derive::BatchResponse && one.role.map(|r| r.0) == Some(Role::Message) {
                cx.error_spanned_by(
                    &one.original.ty,
                    "`BatchResponse` takes its messages from an `#[ews(base)]` field, not `#[ews(message)]`",
                );
                return None;
            }
            Some(one)
        }
        [_, rest @ ..] => {
            for f in rest {
                if let Some((_, span)) = f.role {
                    cx.error_at(
                        span,
                        "only one field may be marked `#[ews(base)]` or `#[ews(message)]`",
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
