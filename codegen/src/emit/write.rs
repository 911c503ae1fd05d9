//! Emission of the writing half of the trait impls: one call per field into
//! `ews_types::runtime::Writer`, base first.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, ns};
use crate::ir::*;

/// `ComplexType::write_attributes` and `write_content` of a struct.
pub fn struct_write(s: &Struct) -> TokenStream {
    let mut attrs = Vec::new();
    let mut content = Vec::new();
    if s.base.is_some() {
        attrs.push(quote!(self.base.write_attributes(w);));
        content.push(quote!(self.base.write_content(w);));
    }
    for f in &s.fields {
        let fname = ident(&f.name);
        match &f.xml {
            XmlBinding::Attribute { ns: ans, name } => {
                let wire = match ans {
                    Some(a) => format!("{}:{name}", a.prefix()),
                    None => name.clone(),
                };
                attrs.push(match f.card {
                    Card::One => quote!(w.attr(#wire, &self.#fname);),
                    _ => quote!(w.attr_opt(#wire, &self.#fname);),
                });
            }
            XmlBinding::AnyAttributes => {
                attrs.push(quote!(crate::runtime::any::write_attributes(&self.#fname, w);))
            }
            XmlBinding::Element { ns: ens, name } => {
                let ens = ns(*ens);
                content.push(match (f.card, f.boxed) {
                    (Card::One, false) => quote!(w.one(#ens, #name, &self.#fname);),
                    (Card::One, true) => quote!(w.one(#ens, #name, &*self.#fname);),
                    (Card::Optional, false) => quote!(w.opt(#ens, #name, self.#fname.as_ref());),
                    (Card::Optional, true) => quote!(w.opt(#ens, #name, self.#fname.as_deref());),
                    (Card::Many, _) => quote!(w.many(#ens, #name, &self.#fname);),
                });
            }
            XmlBinding::Choice => content.push(match f.card {
                Card::One => quote!(w.choice(&self.#fname);),
                Card::Optional => quote!(w.choice_opt(self.#fname.as_ref());),
                Card::Many => quote!(w.choice_many(&self.#fname);),
            }),
            XmlBinding::Text => content.push(quote!(w.text(&self.#fname);)),
            XmlBinding::Any => content.push(quote! {
                for e in &self.#fname {
                    e.write(w);
                }
            }),
        }
    }
    let write_attributes = (!attrs.is_empty()).then(|| {
        quote! { fn write_attributes(&self, w: &mut crate::runtime::Writer) { #(#attrs)* } }
    });
    let write_content = (!content.is_empty()).then(|| {
        quote! { fn write_content(&self, w: &mut crate::runtime::Writer) { #(#content)* } }
    });
    quote! { #write_attributes #write_content }
}

/// `ChoiceGroup::write_choice` of a choice enum.
pub fn choice_write(c: &Choice) -> TokenStream {
    let arms = c.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let ens = ns(v.element.ns);
        let name = &v.element.name;
        let gate = super::cfg(&v.gate);
        if v.many {
            quote!(#gate Self::#vn(v) => w.many(#ens, #name, v),)
        } else if v.boxed {
            quote!(#gate Self::#vn(v) => w.one(#ens, #name, &**v),)
        } else {
            quote!(#gate Self::#vn(v) => w.one(#ens, #name, v),)
        }
    });
    let gated = c.is_gated();
    let rest = gated.then(|| quote!(#[allow(unreachable_patterns)] _ => {}));
    let allow = gated.then(|| quote!(#[allow(unused_variables)]));
    quote! {
        #allow
        fn write_choice(&self, w: &mut crate::runtime::Writer) {
            match self { #(#arms)* #rest }
        }
    }
}

/// `XmlElement::write_element` of a kinds enum (writes `xsi:type`).
pub fn kinds_write(k: &Kinds) -> TokenStream {
    let arms = k.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let tns = ns(v.xsi_type.ns);
        let tname = &v.xsi_type.name;
        let val = if v.boxed { quote!(&**v) } else { quote!(v) };
        quote!(Self::#vn(v) => crate::runtime::write::write_complex_typed(#val, w, ns, name, #tns, #tname),)
    });
    quote! {
        fn write_element(&self, w: &mut crate::runtime::Writer, ns: crate::runtime::Ns, name: &str) {
            match self { #(#arms)* }
        }
    }
}
