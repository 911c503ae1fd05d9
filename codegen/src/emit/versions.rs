//! Emission of version metadata: the rustdoc lines ("Introduced in ...", the
//! documentation link and description) and the `runtime::version::Versioned` impls, which
//! only list the versioned or walkable fields; the walk itself is in the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{clean_doc, ident};
use crate::ir::*;
use crate::versions::Version;

/// The Rust variant of `runtime::version::ExchangeVersion` for a version: named as the
/// lowering names `ExchangeVersionType`'s values, which [`exchange_version`] generates it from.
pub fn variant(v: Version) -> proc_macro2::Ident {
    format_ident!("{}", crate::naming::type_name(v.as_str()))
}

/// `Some(ExchangeVersion::X)` or `None`.
pub fn since(v: Option<Version>) -> TokenStream {
    match v {
        Some(v) => {
            let id = variant(v);
            quote!(Some(crate::runtime::version::ExchangeVersion::#id))
        }
        None => quote!(None),
    }
}

/// Our rustdoc lines (markdown) for a documented item: "Introduced in X. [Microsoft
/// documentation](url)". The page's own description is Microsoft's prose and is not copied.
pub fn doc_lines(d: Option<&VersionDoc>) -> Vec<String> {
    let Some(d) = d else { return Vec::new() };
    let mut out = Vec::new();
    let mut line = match (d.since, d.documented, d.online_only) {
        (Some(v), Some(documented), _) => format!(
            "Introduced in {}: that level's schema has it (the documentation says {}).",
            v.as_str(),
            documented.as_str()
        ),
        (Some(v), None, _) => format!("Introduced in {}.", v.as_str()),
        (None, _, true) => "Documented for Exchange Online only.".to_owned(),
        (None, _, false) => String::new(),
    };
    if !d.url.is_empty() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&format!("[Microsoft documentation](<{}>)", d.url));
    }
    if !line.is_empty() {
        out.push(line);
    }
    if let Some(e) = &d.erratum {
        out.push(format!(
            "Version unknown: the page's version is contradicted by Microsoft's samples ({}).",
            clean_doc(e)
        ));
    }
    out
}

/// The `Versioned` impl of an item (empty when nothing in it has a known version).
pub fn versioned(plan: &Plan, item: &Item) -> TokenStream {
    let name = format_ident!("{}", item.name);
    let v = &plan.versions;
    let key = (item.module, item.name.clone());
    let walks = |t: &Ty| {
        t.item()
            .is_some_and(|(m, n)| v.walk.contains(&(m, n.to_owned())))
    };
    let fdoc = |f: &str| {
        v.fields
            .get(&(item.module, item.name.clone(), f.to_owned()))
            .and_then(|d| d.since)
    };
    let vdoc = |f: &str| {
        v.variants
            .get(&(item.module, item.name.clone(), f.to_owned()))
            .and_then(|d| d.since)
    };
    let body = if !v.walk.contains(&key) {
        None
    } else {
        match &item.kind {
            ItemKind::Struct(s) => {
                let mut steps = Vec::new();
                if s.base.as_ref().is_some_and(walks) {
                    steps.push(quote!(self.base.walk_versions(w);));
                }
                for f in &s.fields {
                    let fname = ident(&f.name);
                    let sv = fdoc(&f.name);
                    match &f.xml {
                        XmlBinding::Element { name, .. } => {
                            if walks(&f.ty) {
                                let s = since(sv);
                                steps.push(quote!(w.field(#name, #s, &self.#fname);));
                            } else if sv.is_some() {
                                let s = since(sv);
                                let present = match f.card {
                                    Card::One => quote!(true),
                                    Card::Optional => quote!(self.#fname.is_some()),
                                    Card::Many => quote!(!self.#fname.is_empty()),
                                };
                                steps.push(quote!(w.leaf(#name, #s, #present);));
                            }
                        }
                        XmlBinding::Choice if walks(&f.ty) => {
                            steps.push(quote!(self.#fname.walk_versions(w);));
                        }
                        _ => {}
                    }
                }
                Some(quote!(#(#steps)*))
            }
            ItemKind::Choice(c) => {
                let arms = c.variants.iter().filter_map(|var| {
                    let vn = format_ident!("{}", var.name);
                    let wire = &var.element.name;
                    let sv = vdoc(&var.name);
                    let gate = super::cfg(&var.gate);
                    if walks(&var.ty) {
                        let s = since(sv);
                        Some(quote!(#gate Self::#vn(v) => w.field(#wire, #s, v),))
                    } else if sv.is_some() {
                        let s = since(sv);
                        Some(if var.many {
                            quote!(#gate Self::#vn(v) => w.leaf(#wire, #s, !v.is_empty()),)
                        } else {
                            quote!(#gate Self::#vn(_) => w.leaf(#wire, #s, true),)
                        })
                    } else {
                        None
                    }
                });
                let arms: Vec<TokenStream> = arms.collect();
                // With gated variants the catch-all may cover nothing in some builds.
                let rest = (arms.len() < c.variants.len())
                    .then(|| quote!(#[allow(unreachable_patterns)] _ => {}));
                Some(quote!(match self { #(#arms)* #rest }))
            }
            ItemKind::Kinds(k) => {
                let arms = k.variants.iter().filter(|var| walks(&var.ty)).map(|var| {
                    let vn = format_ident!("{}", var.name);
                    quote!(Self::#vn(v) => v.walk_versions(w),)
                });
                let arms: Vec<TokenStream> = arms.collect();
                let rest = (arms.len() < k.variants.len()).then(|| quote!(_ => {}));
                Some(quote!(match self { #(#arms)* #rest }))
            }
            ItemKind::Element(e) => {
                let wire = &e.xsd.name;
                let s = since(v.items.get(&key).and_then(|d| d.since));
                if walks(&e.ty) {
                    Some(quote!(w.field(#wire, #s, &self.0);))
                } else {
                    Some(quote!(w.leaf(#wire, #s, true);))
                }
            }
            _ => None,
        }
    };
    match (&item.kind, body) {
        (
            ItemKind::Struct(_) | ItemKind::Choice(_) | ItemKind::Kinds(_) | ItemKind::Element(_),
            None,
        ) => {
            quote!(impl crate::runtime::version::Versioned for #name {})
        }
        (_, Some(body)) => quote! {
            impl crate::runtime::version::Versioned for #name {
                fn walk_versions(&self, w: &mut crate::runtime::version::Walk<'_>) { #body }
            }
        },
        _ => quote!(),
    }
}

/// `runtime::version::ExchangeVersion` (file `versions.rs`): the values of the schema's
/// `t:ExchangeVersionType` in the schema's order, oldest first, comparable, with their wire
/// forms and the conversions to and from `ExchangeVersionType`; generated so that the set of
/// versions is the schema's, whatever its level.
pub fn exchange_version(plan: &Plan) -> Result<TokenStream, crate::Error> {
    let values = version_values(plan)?;
    let vs: Vec<_> = values.iter().map(|v| format_ident!("{}", v.name)).collect();
    let wires: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let docs = wires.iter().map(|w| format!(" `{w}`"));
    let (first, last) = (wires[0], wires[wires.len() - 1]);
    let doc = format!(
        " A version of the EWS schema: the {} values of `t:ExchangeVersionType`, in the \
         schema's order, oldest first (`{first}` < … < `{last}`).",
        wires.len()
    );
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ExchangeVersion {
            #( #[doc = #docs] #vs, )*
        }

        impl ExchangeVersion {
            /// Every version, oldest first.
            pub const ALL: &'static [ExchangeVersion] = &[#(ExchangeVersion::#vs),*];

            /// The `ExchangeVersionType` value (`Exchange2007_SP1`).
            pub fn as_str(self) -> &'static str {
                match self { #(ExchangeVersion::#vs => #wires,)* }
            }

            /// The version of an `ExchangeVersionType` value; `None` for other strings.
            pub fn from_wire(s: &str) -> Option<ExchangeVersion> {
                match s { #(#wires => Some(ExchangeVersion::#vs),)* _ => None }
            }
        }

        impl From<ExchangeVersion> for crate::types::ExchangeVersionType {
            fn from(v: ExchangeVersion) -> Self {
                match v { #(ExchangeVersion::#vs => crate::types::ExchangeVersionType::#vs,)* }
            }
        }

        impl TryFrom<&crate::types::ExchangeVersionType> for ExchangeVersion {
            /// The value this schema does not list.
            type Error = String;
            fn try_from(v: &crate::types::ExchangeVersionType) -> Result<Self, String> {
                match v {
                    #(crate::types::ExchangeVersionType::#vs => Ok(ExchangeVersion::#vs),)*
                    crate::types::ExchangeVersionType::Unlisted(s) => Err(s.clone()),
                }
            }
        }
    })
}

/// The values of the schema's `ExchangeVersionType`, in its order.
fn version_values(plan: &Plan) -> Result<&[EnumVariant], crate::Error> {
    plan.items
        .iter()
        .find_map(|it| match &it.kind {
            ItemKind::Enum(e)
                if it.module == Module::Types && e.xsd.name == "ExchangeVersionType" =>
            {
                Some(e.values.as_slice())
            }
            _ => None,
        })
        .filter(|v| !v.is_empty())
        .ok_or_else(|| crate::Error::Schema("types.xsd: no ExchangeVersionType enumeration".into()))
}

/// The last line of `versions.rs`: the schema's versions as a comment that `ews-types`'s
/// build script reads (before anything is compiled) to set `cfg(ews_version = "...")` for
/// each, so that code written for one schema level can say which versions it needs.
pub fn values_line(plan: &Plan) -> Result<String, crate::Error> {
    let wires: Vec<&str> = version_values(plan)?
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    Ok(format!("\n{VALUES_MARK}{}\n", wires.join(" ")))
}

/// What starts [`values_line`].
pub const VALUES_MARK: &str = "// ExchangeVersionType: ";
