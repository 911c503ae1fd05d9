//! Emission: the [`Plan`](crate::ir::Plan) → Rust token streams, one per output file.
//! Emitters only print the plan; every decision was made by the passes.

pub mod constraints;
pub mod convert;
pub mod fill;
pub mod headers;
pub mod index;
pub mod ops;
pub mod prelude;
pub mod read;
pub mod stream;
pub mod types;
pub mod versions;
pub mod write;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::*;

/// A generated module split in two files: the declarations (structs, enums, aliases,
/// statics, functions, with their docs and attributes) and the `impl` blocks (trait and
/// inherent impls, and the macro calls that expand to impls). The library includes the
/// second from a private module inside the first's (`mod impls { use super::*; ... }`), so
/// that go-to-definition and the source view land on the shape, not on its impls.
pub struct Split {
    /// The declarations: the module's public items.
    pub decls: TokenStream,
    /// Everything that implements them; it names the declarations through `use super::*`.
    pub impls: TokenStream,
}

/// The file name of the impls of the generated file `name` (`types.rs` → `types_impls.rs`).
pub fn impls_file(name: &str) -> String {
    format!("{}_impls.rs", name.trim_end_matches(".rs"))
}

/// Splits a module's items (see [`Split`]). Each item keeps its own attributes (the
/// `#[cfg]` of its gate, see [`gate_items`]), so both halves compile under the same
/// features.
pub fn split(tokens: TokenStream) -> Split {
    // Emitted items always parse; if not, everything stays in the declarations and
    // formatting reports the error.
    let file = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file,
        Err(_) => {
            return Split {
                decls: tokens,
                impls: TokenStream::new(),
            }
        }
    };
    let (impls, decls): (Vec<syn::Item>, Vec<syn::Item>) =
        file.items.into_iter().partition(|item| match item {
            syn::Item::Impl(_) => true,
            // `crate::simple_element!(X);`: a macro call that implements, not one that
            // declares (`macro_rules!` has an ident).
            syn::Item::Macro(m) => m.ident.is_none(),
            _ => false,
        });
    Split {
        decls: quote! { #(#decls)* },
        impls: quote! {
            #[allow(unused_imports)]
            use super::*;
            #(#impls)*
        },
    }
}

/// The token stream of one generated module (`types` or `messages`).
pub fn module(plan: &Plan, module: Module) -> TokenStream {
    let items = plan
        .items
        .iter()
        .filter(|i| i.module == module)
        .map(|i| item(plan, i));
    let elements = (module == Module::Messages && !plan.message_elements.is_empty()).then(|| {
        let names = &plan.message_elements;
        quote! {
            /// The message elements of `m:ResponseMessages` in the schema (sorted): a typed
            /// batch refuses those that are not its own.
            #[doc(hidden)]
            pub static RESPONSE_MESSAGE_ELEMENTS: &[&str] = &[#(#names),*];
        }
    });
    let aliases = choice_aliases(plan, module);
    quote! { #elements #(#items)* #aliases }
}

/// The type aliases of shared choice enums declared in `module` (see
/// [`Plan::choice_aliases`]), each compiled with its owner.
fn choice_aliases(plan: &Plan, module: Module) -> TokenStream {
    let mut out = TokenStream::new();
    for owner in &plan.items {
        let ItemKind::Struct(s) = &owner.kind else {
            continue;
        };
        for f in &s.fields {
            let (Ty::Item(m, shared), Ty::Item(_, alias)) = (&f.ty, plan.declared_ty(owner, f))
            else {
                continue;
            };
            if *m != module || alias == *shared {
                continue;
            }
            let (alias_id, shared_id) = (format_ident!("{}", alias), format_ident!("{}", shared));
            let owner_path = match owner.module == module {
                true => owner.name.clone(),
                false => format!("crate::{}::{}", owner.module.name(), owner.name),
            };
            let doc = format!(
                " The choice of [`{owner_path}`]'s `{}`: the members of [`{shared}`], which it \
                 shares.",
                f.name
            );
            let gate = cfg(&owner.gate);
            out.extend(quote! {
                #[doc = #doc]
                #gate
                pub type #alias_id = #shared_id;
            });
        }
    }
    out
}

fn item(plan: &Plan, item: &Item) -> TokenStream {
    let decl = types::declare(plan, item);
    let name = format_ident!("{}", item.name);
    let imp = match &item.kind {
        ItemKind::Struct(s) => {
            let read::StructRead { shape, members } = read::struct_read(plan, item, s);
            let u = unknown_slot(s);
            let w = write::struct_write(s);
            quote! {
                impl crate::runtime::ComplexType for #name { #members #u #w }
                impl crate::runtime::ComplexShape for #name { #shape }
            }
        }
        ItemKind::Choice(c) => {
            let r = read::choice_read(item, c);
            let w = write::choice_write(c);
            quote! { impl crate::runtime::ChoiceGroup for #name { #r #w } }
        }
        ItemKind::Kinds(k) => {
            let r = read::kinds_read(item, k);
            let w = write::kinds_write(k);
            quote! { impl crate::runtime::XmlElement for #name { #r #w } }
        }
        _ => quote!(),
    };
    let ver = versions::versioned(plan, item);
    let conversions = convert::impls(plan, item);
    let constraints = constraints::impls(plan, item);
    gate_items(
        quote! { #decl #imp #ver #conversions #constraints },
        &cfg(&item.gate),
    )
}

/// The `#[cfg]` attribute of a gate (the operation families any of which compiles the thing,
/// see `passes::families`); nothing for an empty gate.
pub fn cfg(gate: &[String]) -> TokenStream {
    match gate {
        [] => quote!(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// Puts `attr` on every item of `tokens` (a declaration and its impls).
fn gate_items(tokens: TokenStream, attr: &TokenStream) -> TokenStream {
    if attr.is_empty() {
        return tokens;
    }
    // Emitted items always parse; if not, the tokens go on unchanged and formatting reports
    // the error.
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote! { #(#attr #items)* }
        }
        Err(_) => tokens,
    }
}

/// `ComplexType::unknown` and `unknown_mut`: the struct's own slot, or its base's.
fn unknown_slot(s: &Struct) -> TokenStream {
    let (get, get_mut) = match &s.base {
        Some(_) => (quote!(self.base.unknown()), quote!(self.base.unknown_mut())),
        None => (quote!(&self.unknown), quote!(&mut self.unknown)),
    };
    quote! {
        fn unknown(&self) -> &crate::runtime::Unknown { #get }
        fn unknown_mut(&mut self) -> &mut crate::runtime::Unknown { #get_mut }
    }
}
