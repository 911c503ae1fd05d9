//! The derive input as the expansion sees it.

use crate::attr::{self, Role};
use crate::ctxt::Ctxt;

/// Which derive is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derive {
    ResponseMessage,
    BatchResponse,
}

impl Derive {
    pub fn name(self) -> &'static str {
        match self {
            Derive::ResponseMessage => "ResponseMessage",
            Derive::BatchResponse => "BatchResponse",
        }
    }
}

pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub generics: &'a syn::Generics,
    pub krate: syn::Path,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

pub struct Field<'a> {
    pub member: syn::Member,
    pub role: Option<(Role, proc_macro2::Span)>,
    pub original: &'a syn::Field,
}

pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub original: &'a syn::Variant,
}

impl<'a> Container<'a> {
    /// Reads the input; `None` (with errors recorded) when its shape cannot be derived at all.
    pub fn from_ast(cx: &mut Ctxt, input: &'a syn::DeriveInput, derive: Derive) -> Option<Self> {
        let krate = attr::container(cx, &input.attrs);
        let data = match &input.data {
            syn::Data::Struct(s) => Data::Struct(
                s.fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| Field {
                        member: match &f.ident {
                            Some(id) => syn::Member::Named(id.clone()),
                            None => syn::Member::Unnamed(syn::Index::from(i)),
                        },
                        role: attr::field(cx, &f.attrs).role,
                        original: f,
                    })
                    .collect(),
            ),
            syn::Data::Enum(e) => {
                for v in &e.variants {
                    for f in &v.fields {
                        if let Some(a) = f.attrs.iter().find(|a| a.path().is_ident("ews")) {
                            cx.error_spanned_by(
                                a,
                                "ews attributes are not used on enum variants' fields",
                            );
                        }
                    }
                }
                Data::Enum(
                    e.variants
                        .iter()
                        .map(|v| Variant {
                            ident: &v.ident,
                            original: v,
                        })
                        .collect(),
                )
            }
            syn::Data::Union(u) => {
                cx.error_spanned_by(
                    u.union_token,
                    format!("`{}` cannot be derived for a union", derive.name()),
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            krate,
            data,
        })
    }
}
