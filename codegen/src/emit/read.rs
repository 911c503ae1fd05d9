//! Emission of the reading half of the trait impls: one `match` on (namespace, local name)
//! per type, each arm a one-line call into `ews_types::runtime::read`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, ns, ty};
use crate::ir::*;

/// The index expression of field `i` (the base's fields count first).
fn index(base: &Option<Ty>, module: Module, i: usize) -> TokenStream {
    let i = u32::try_from(i).expect("fewer fields than u32::MAX");
    match base {
        Some(b) => {
            let bt = ty(b, module);
            quote!(<#bt as crate::runtime::ComplexShape>::FIELD_COUNT + #i)
        }
        None => quote!(#i),
    }
}

/// The reading half of a struct's impls.
pub struct StructRead {
    /// The `ComplexShape` constants.
    pub shape: TokenStream,
    /// The `ComplexType` methods: read_attribute, read_child, read_text, missing, unfit.
    pub members: TokenStream,
}

/// The reading half of a struct's impls.
pub fn struct_read(plan: &Plan, item: &Item, s: &Struct) -> StructRead {
    let m = item.module;
    let base_ty = s.base.as_ref().map(|b| ty(b, m));
    let read_attribute = read_attribute(s, m, &base_ty);
    let read_child = read_child(s, m, &base_ty);
    let read_text = read_text(s, &base_ty);
    let missing = missing(plan, s, m, &base_ty);
    let unfit = unfit(plan, s);
    StructRead {
        shape: shape(s, &base_ty),
        members: quote! { #read_attribute #read_child #read_text #missing #unfit },
    }
}

/// The `ComplexShape` constants: the field count (the base's first), simple content, `xs:all`,
/// the one message element of a typed batch.
fn shape(s: &Struct, base_ty: &Option<TokenStream>) -> TokenStream {
    let n = u32::try_from(s.fields.len()).expect("small");
    let field_count = match &base_ty {
        Some(bt) => {
            quote!(const FIELD_COUNT: u32 = <#bt as crate::runtime::ComplexShape>::FIELD_COUNT + #n;)
        }
        None => quote!(const FIELD_COUNT: u32 = #n;),
    };
    let has_text = if s.fields.iter().any(|f| f.xml == XmlBinding::Text) {
        quote!(
            const HAS_TEXT: bool = true;
        )
    } else if let Some(bt) = &base_ty {
        quote!(const HAS_TEXT: bool = <#bt as crate::runtime::ComplexShape>::HAS_TEXT;)
    } else {
        quote!()
    };

    let ordered = s.unordered.then(|| {
        quote!(
            const ORDERED: bool = false;
        )
    });
    let only_child = s.only_child.as_ref().map(|name| {
        quote!(
            const ONLY_CHILD: Option<(&'static str, &'static [&'static str])> =
                Some((#name, crate::messages::RESPONSE_MESSAGE_ELEMENTS));
        )
    });
    quote! { #field_count #has_text #ordered #only_child }
}

/// `read_attribute`: one arm per attribute, then the base's, then `xs:anyAttribute`.
fn read_attribute(s: &Struct, m: Module, base_ty: &Option<TokenStream>) -> Option<TokenStream> {
    let mut attr_arms = Vec::new();
    let mut any_attrs = None;
    for (i, f) in s.fields.iter().enumerate() {
        let fname = ident(&f.name);
        let idx = index(&s.base, m, i);
        match &f.xml {
            XmlBinding::Attribute { ns: ans, name } => {
                let ans = match ans {
                    Some(a) => ns(*a),
                    None => quote!(crate::runtime::Ns::None),
                };
                let lit = proc_macro2::Literal::byte_string(name.as_bytes());
                let call = match f.card {
                    Card::One => quote!(crate::runtime::read::attr(&mut self.#fname, a)?),
                    _ => quote!(crate::runtime::read::attr_opt(&mut self.#fname, a)?),
                };
                attr_arms.push(quote!((#ans, #lit) => { seen.mark(#idx); #call }));
            }
            XmlBinding::AnyAttributes => any_attrs = Some(fname),
            _ => {}
        }
    }
    // The base's attributes come before `xs:anyAttribute`, which takes the rest.
    let attr_fallback = match (&base_ty, &any_attrs) {
        (Some(_), Some(f)) => quote!({
            if !self.base.read_attribute(a, seen)? {
                self.#f.push(crate::runtime::AnyAttribute::from_attr(a));
            }
        }),
        (None, Some(f)) => quote!({
            self.#f.push(crate::runtime::AnyAttribute::from_attr(a));
        }),
        (Some(_), None) => quote!(return self.base.read_attribute(a, seen)),
        (None, None) => quote!(return Ok(false)),
    };
    let has_attrs = !attr_arms.is_empty() || any_attrs.is_some() || base_ty.is_some();
    let read_attribute = has_attrs.then(|| {
        let (seen_param, body) = if attr_arms.is_empty() {
            match (&base_ty, &any_attrs) {
                (Some(_), None) => (quote!(seen), quote!(self.base.read_attribute(a, seen))),
                (Some(_), Some(_)) => (quote!(seen), quote! { #attr_fallback; Ok(true) }),
                _ => (quote!(_seen), quote! { #attr_fallback; Ok(true) }),
            }
        } else {
            (quote!(seen), quote! {
                match (a.ns, a.local) {
                    #(#attr_arms)*
                    _ => #attr_fallback,
                }
                Ok(true)
            })
        };
        quote! {
            fn read_attribute(&mut self, a: &crate::runtime::Attr<'_>, #seen_param: &mut crate::runtime::Seen)
                -> Result<bool, crate::runtime::ValueError> {
                #body
            }
        }
    });

    read_attribute
}

/// `read_child`: one arm per element, then the choices, the base's children, `xs:any`.
fn read_child(s: &Struct, m: Module, base_ty: &Option<TokenStream>) -> Option<TokenStream> {
    let mut child_arms = Vec::new();
    let mut choices = Vec::new();
    let mut any_field = None;
    for (i, f) in s.fields.iter().enumerate() {
        let fname = ident(&f.name);
        let idx = index(&s.base, m, i);
        match &f.xml {
            XmlBinding::Element { ns: ens, name } => {
                let ens = ns(*ens);
                let lit = proc_macro2::Literal::byte_string(name.as_bytes());
                let func = match (f.card, f.boxed) {
                    (Card::One, false) => quote!(one),
                    (Card::One, true) => quote!(one_box),
                    (Card::Optional, false) => quote!(opt),
                    (Card::Optional, true) => quote!(opt_box),
                    (Card::Many, _) => quote!(many),
                };
                child_arms.push(quote! {
                    (#ens, #lit) => crate::runtime::read::#func(&mut self.#fname, r, c, seen, #idx),
                });
            }
            XmlBinding::Choice => {
                choices.push(match f.card {
                    Card::One => quote! {
                        if crate::runtime::read::choice_one(&mut self.#fname, r, c, seen, #idx)? {
                            return Ok(true);
                        }
                    },
                    Card::Optional => quote! {
                        if crate::runtime::read::choice_opt(&mut self.#fname, r, c, seen, #idx)? {
                            return Ok(true);
                        }
                    },
                    Card::Many => quote! {
                        if crate::runtime::read::choice_many(&mut self.#fname, r, c)? {
                            seen.child(#idx);
                            return Ok(true);
                        }
                    },
                });
            }
            XmlBinding::Any => any_field = Some(fname),
            _ => {}
        }
    }
    let base_child = base_ty.as_ref().map(|_| {
        quote! {
            if self.base.read_child(r, c, seen)? {
                return Ok(true);
            }
        }
    });
    let read_child = (!child_arms.is_empty()
        || !choices.is_empty()
        || any_field.is_some()
        || base_child.is_some())
    .then(|| {
        let fallback = match &any_field {
            Some(f) => quote! {
                self.#f.push(crate::runtime::AnyElement::read(r, c)?);
                Ok(true)
            },
            None => quote!(Ok(false)),
        };
        let body = if child_arms.is_empty() {
            quote! { #(#choices)* #base_child #fallback }
        } else {
            quote! {
                match (c.ns, c.local) {
                    #(#child_arms)*
                    _ => {
                        #(#choices)*
                        #base_child
                        #fallback
                    }
                }
            }
        };
        let seen_param = if child_arms.is_empty() && choices.is_empty() && base_child.is_none() {
            quote!(_seen)
        } else {
            quote!(seen)
        };
        quote! {
            fn read_child<'a>(
                &mut self,
                r: &mut crate::runtime::Reader<'a>,
                c: &crate::runtime::Start<'a>,
                #seen_param: &mut crate::runtime::Seen,
            ) -> Result<bool, crate::runtime::ReadError> {
                #body
            }
        }
    });

    read_child
}

/// `read_text`: the simple content's own field, or the base's.
fn read_text(s: &Struct, base_ty: &Option<TokenStream>) -> Option<TokenStream> {
    let read_text = if let Some(f) = s.fields.iter().find(|f| f.xml == XmlBinding::Text) {
        let fname = ident(&f.name);
        Some(quote! {
            fn read_text(&mut self, text: &str) -> Result<(), crate::runtime::ValueError> {
                self.#fname = crate::runtime::SimpleValue::parse(text)?;
                Ok(())
            }
        })
    } else {
        base_ty.as_ref().map(|_| {
            quote! {
                fn read_text(&mut self, text: &str) -> Result<(), crate::runtime::ValueError> {
                    self.base.read_text(text)
                }
            }
        })
    };

    read_text
}

/// `missing`: the first required element or attribute not read, this type's then the base's.
fn missing(
    plan: &Plan,
    s: &Struct,
    m: Module,
    base_ty: &Option<TokenStream>,
) -> Option<TokenStream> {
    let required: Vec<TokenStream> = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.card == Card::One && f.xml != XmlBinding::Text)
        .map(|(i, f)| {
            let idx = index(&s.base, m, i);
            let label = label(plan, f);
            quote!((#idx, #label))
        })
        .collect();
    let missing = match (&base_ty, required.is_empty()) {
        (None, true) => None,
        (None, false) => Some(quote!(seen.first_missing(&[#(#required),*]))),
        (Some(_), true) => Some(quote!(self.base.missing(seen))),
        (Some(_), false) => Some(quote!(
            seen.first_missing(&[#(#required),*]).or_else(|| self.base.missing(seen))
        )),
    }
    .map(|body| {
        quote! {
            fn missing(&self, seen: &crate::runtime::Seen) -> Option<&'static str> { #body }
        }
    });

    missing
}

/// Whether struct `ty` or one of its bases has a field [`unfit`] checks.
fn can_be_unfit(plan: &Plan, ty: &Ty) -> bool {
    plan.base_chain(ty)
        .iter()
        .any(|(_, s)| s.fields.iter().any(|f| checked(plan, f)))
}

/// Whether [`unfit`] checks field `f`: required content its type can lack, or facets.
fn checked(plan: &Plan, f: &Field) -> bool {
    f.at_least_one
        || f.success_only
        || f.required_choice
        || f.constraint.as_ref().is_some_and(|c| c.fixed().is_some())
        || plan
            .item(&f.ty)
            .is_some_and(super::types::has_checked_facets)
}

/// The path of the `Facets` static of `ty`, if it is a restricted simple type with facets.
fn facets_path(plan: &Plan, ty: &Ty) -> Option<TokenStream> {
    let item = plan.item(ty)?;
    super::types::has_checked_facets(item).then(|| {
        let module = format_ident!("{}", item.module.name());
        let c = super::types::facets_ident(&item.name);
        quote!(crate::#module::#c)
    })
}

/// How errors name a field: `Name` for an element, `@Name` for an attribute, the element
/// names of a choice.
fn label(plan: &Plan, f: &Field) -> String {
    match &f.xml {
        XmlBinding::Attribute { name, .. } => format!("@{name}"),
        XmlBinding::Element { name, .. } => name.clone(),
        _ => choice_label(plan, &f.ty).unwrap_or_else(|| f.name.clone()),
    }
}

/// `ComplexType::unfit`: what a value can hold or lack that its schema type does not allow
/// although its Rust type does (an empty list that must not be; the payload of a `Success`
/// response message; a value outside its type's facets), checked after reading and before
/// writing. `None` when the type (and its base) has nothing to check.
fn unfit(plan: &Plan, s: &Struct) -> Option<TokenStream> {
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| checked(plan, f))
        .map(|f| field_checks(plan, f))
        .collect();
    let base_checked = s.base.as_ref().is_some_and(|b| can_be_unfit(plan, b));
    if checks.is_empty() {
        return base_checked.then(|| {
            quote!(
                fn unfit(&self) -> Option<crate::runtime::Unfit> {
                    self.base.unfit()
                }
            )
        });
    }
    let success = s
        .fields
        .iter()
        .any(|f| f.success_only)
        .then(|| quote!(let success = crate::runtime::response::is_success(self);));
    let base = base_checked.then(|| {
        quote!(if let Some(unfit) = self.base.unfit() {
            return Some(unfit);
        })
    });
    Some(quote! {
        fn unfit(&self) -> Option<crate::runtime::Unfit> {
            #base
            #success
            #(#checks)*
            None
        }
    })
}

/// The checks of one field: present when required, within its type's facets, the value the
/// schema fixes.
fn field_checks(plan: &Plan, f: &Field) -> TokenStream {
    let fname = ident(&f.name);
    let label = label(plan, f);
    let missing = (f.at_least_one || f.success_only || f.required_choice).then(|| {
        let absent = match f.card {
            Card::Many => quote!(self.#fname.is_empty()),
            _ => quote!(self.#fname.is_none()),
        };
        let when = f.success_only.then(|| quote!(&&success));
        quote!(if #absent #when {
            return Some(crate::runtime::Unfit::Missing(#label));
        })
    });
    let facets = facets_path(plan, &f.ty).map(|path| {
        let call = match f.card {
            Card::One => quote!(#path.one(#label, &self.#fname)),
            Card::Optional => quote!(#path.opt(#label, self.#fname.as_ref())),
            Card::Many => quote!(#path.many(#label, &self.#fname)),
        };
        quote!(if let Some(unfit) = #call {
            return Some(unfit);
        })
    });
    let fixed = f.constraint.as_ref().and_then(|c| c.fixed()).map(|v| {
        let value = match f.card {
            Card::One => quote!(Some(&self.#fname)),
            Card::Optional => quote!(self.#fname.as_ref()),
            // A repeated element with a fixed value: each one.
            Card::Many => {
                return quote!(for v in &self.#fname {
                    if let Some(unfit) = crate::runtime::Unfit::not_fixed(#label, Some(v), #v) {
                        return Some(unfit);
                    }
                });
            }
        };
        quote!(if let Some(unfit) = crate::runtime::Unfit::not_fixed(#label, #value, #v) {
            return Some(unfit);
        })
    });
    quote!(#missing #facets #fixed)
}

/// The element names of a choice (`FieldURI|IndexedFieldURI|Constant`), for the error
/// naming a missing required choice.
fn choice_label(plan: &Plan, ty: &Ty) -> Option<String> {
    plan.item(ty).and_then(|it| match &it.kind {
        ItemKind::Choice(c) => Some(
            c.variants
                .iter()
                .map(|v| v.element.name.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        ),
        _ => None,
    })
}

/// `ChoiceGroup::read_choice` (and `absorb`) of a choice enum.
pub fn choice_read(item: &Item, c: &Choice) -> TokenStream {
    let arms = c.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let ens = ns(v.element.ns);
        let lit = proc_macro2::Literal::byte_string(v.element.name.as_bytes());
        let read = quote!(crate::runtime::XmlElement::read_element(r, c)?);
        let value = if v.many {
            quote!(vec![#read])
        } else if v.boxed {
            quote!(crate::runtime::XmlElement::read_boxed(r, c)?)
        } else {
            read
        };
        let gate = super::cfg(&v.gate);
        quote!(#gate (#ens, #lit) => Self::#vn(#value),)
    });
    let allow = c
        .is_gated()
        .then(|| quote!(#[allow(unused_variables, unreachable_code)]));
    let many: Vec<_> = c
        .variants
        .iter()
        .filter(|v| v.many)
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let absorb = (!many.is_empty()).then(|| {
        quote! {
            fn absorb(&mut self, next: Self) -> Result<(), Self> {
                match (self, next) {
                    #((Self::#many(a), Self::#many(b)) => { a.extend(b); Ok(()) })*
                    (_, next) => Err(next),
                }
            }
        }
    });
    let _ = item;
    quote! {
        #allow
        fn read_choice<'a>(
            r: &mut crate::runtime::Reader<'a>,
            c: &crate::runtime::Start<'a>,
        ) -> Result<Option<Self>, crate::runtime::ReadError> {
            Ok(Some(match (c.ns, c.local) {
                #(#arms)*
                _ => return Ok(None),
            }))
        }
        #absorb
    }
}

/// `XmlElement::read_element` of a kinds enum (dispatch on `xsi:type`).
pub fn kinds_read(item: &Item, k: &Kinds) -> TokenStream {
    let arms = k.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let tns = ns(v.xsi_type.ns);
        let lit = &v.xsi_type.name;
        let read = quote!(crate::runtime::XmlElement::read_element(r, start)?);
        let value = if v.boxed {
            quote!(Box::new(#read))
        } else {
            read
        };
        quote!((#tns, #lit) => Self::#vn(#value),)
    });
    let declared = k.base.to_string();
    let _ = item;
    quote! {
        fn read_element<'a>(
            r: &mut crate::runtime::Reader<'a>,
            start: &crate::runtime::Start<'a>,
        ) -> Result<Self, crate::runtime::ReadError> {
            let (tns, name) = crate::runtime::read::xsi_type_of(r, start, #declared)?;
            Ok(match (tns, name.as_str()) {
                #(#arms)*
                _ => return Err(crate::runtime::read::unknown_xsi_type(r, start, #declared, &name)),
            })
        }
    }
}
