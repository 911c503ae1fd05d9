//! Emission of the schema's `default=` and `fixed=` values of a struct's fields: a constant
//! with the value as written (`SEARCH_SCOPE_DEFAULT`, `VERSION_FIXED`), and, for an optional
//! field whose type is an enumeration holding the value, `<field>_or_default()`: the value
//! read, or the one its absence stands for. A struct with a required field of a fixed
//! enumeration value starts from that value (its `Default` is written out, not derived). The
//! fixed value's check is `unfit`'s (see [`super::read`]).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, ty};
use crate::ir::*;

/// The inherent impl of `item` with its fields' constants and accessors; nothing when no
/// field has a `default=` or `fixed=` value.
pub fn impls(plan: &Plan, item: &Item) -> TokenStream {
    let ItemKind::Struct(s) = &item.kind else {
        return quote!();
    };
    let members: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| {
            f.constraint
                .as_ref()
                .map(|c| field(plan, item.module, f, c))
        })
        .collect();
    if members.is_empty() {
        return quote!();
    }
    let name = format_ident!("{}", item.name);
    let default = fixed_default(plan, item.module, s).map(|body| {
        quote! {
            impl Default for #name {
                fn default() -> Self { #body }
            }
        }
    });
    quote!(impl #name { #(#members)* } #default)
}

/// Whether struct `s`'s `Default` is written out: it has a required field whose value the
/// schema fixes to one of its enumeration's values.
pub fn has_fixed_default(plan: &Plan, s: &Struct) -> bool {
    s.fields.iter().any(|f| fixed_variant(plan, f).is_some())
}

/// The variant of the value the schema fixes for required field `f`, if it is an enumeration.
fn fixed_variant(plan: &Plan, f: &Field) -> Option<proc_macro2::Ident> {
    let fixed = f.constraint.as_ref()?.fixed()?;
    (f.card == Card::One)
        .then(|| enum_variant(plan, &f.ty, fixed))
        .flatten()
}

/// The body of the written-out `Default` (see [`has_fixed_default`]): the fixed values, the
/// rest defaulted.
fn fixed_default(plan: &Plan, module: Module, s: &Struct) -> Option<TokenStream> {
    if !has_fixed_default(plan, s) {
        return None;
    }
    let base = s.base.as_ref().map(|_| quote!(base: Default::default(),));
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        match fixed_variant(plan, f) {
            Some(variant) => {
                let t = ty(&f.ty, module);
                quote!(#fname: #t::#variant,)
            }
            None => quote!(#fname: Default::default(),),
        }
    });
    let unknown = s
        .base
        .is_none()
        .then(|| quote!(unknown: Default::default(),));
    Some(quote!(Self { #base #(#fields)* #unknown }))
}

/// The constant, and the accessor where there is one, of field `f`.
fn field(plan: &Plan, module: Module, f: &Field, c: &ValueConstraint) -> TokenStream {
    let (kind, suffix) = match c {
        ValueConstraint::Default(_) => ("default", "DEFAULT"),
        ValueConstraint::Fixed(_) => ("fixed", "FIXED"),
    };
    let base = f.name.trim_start_matches("r#").to_uppercase();
    let constant = format_ident!("{base}_{suffix}");
    let value = c.value();
    let doc = format!(
        " The schema's `{kind}=` value of [`{}`](Self::{}).",
        f.name, f.name
    );
    let accessor = (f.card == Card::Optional)
        .then(|| enum_variant(plan, &f.ty, value))
        .flatten()
        .map(|variant| {
            let fname = ident(&f.name);
            let getter = format_ident!("{}_or_default", f.name.trim_start_matches("r#"));
            let t = ty(&f.ty, module);
            let doc = format!(
                " [`{}`](Self::{}), or `{value}` (the schema's `{kind}=` value) when absent.",
                f.name, f.name
            );
            quote! {
                #[doc = #doc]
                pub fn #getter(&self) -> #t {
                    self.#fname.clone().unwrap_or(#t::#variant)
                }
            }
        });
    quote! {
        #[doc = #doc]
        pub const #constant: &'static str = #value;
        #accessor
    }
}

/// The variant of enumeration `ty` whose wire value is `value`.
fn enum_variant(plan: &Plan, ty: &Ty, value: &str) -> Option<proc_macro2::Ident> {
    match &plan.item(ty)?.kind {
        ItemKind::Enum(e) => e
            .values
            .iter()
            .find(|v| v.value == value)
            .map(|v| format_ident!("{}", v.name)),
        _ => None,
    }
}
