//! Emission of declarations: structs, enums, aliases, element wrappers, with rustdoc.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::*;
use crate::model::{Builtin, Ns};
use crate::naming;

/// An identifier, raw for keywords.
pub fn ident(name: &str) -> Ident {
    if naming::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust type of a built-in.
pub fn builtin(b: Builtin) -> TokenStream {
    use Builtin::*;
    match b {
        String | NormalizedString | Token | Language | AnyUri | Name | NcName | Id | QName
        | HexBinary | AnySimpleType => quote!(String),
        Boolean => quote!(bool),
        Byte => quote!(i8),
        Short => quote!(i16),
        Int => quote!(i32),
        Long | Integer => quote!(i64),
        UnsignedByte => quote!(u8),
        UnsignedShort => quote!(u16),
        UnsignedInt => quote!(u32),
        UnsignedLong | NonNegativeInteger | PositiveInteger => quote!(u64),
        Float => quote!(f32),
        Double => quote!(f64),
        Decimal => quote!(crate::runtime::Decimal),
        Base64Binary => quote!(crate::runtime::Base64Binary),
        DateTime => quote!(crate::runtime::DateTime),
        Date => quote!(crate::runtime::Date),
        Time => quote!(crate::runtime::Time),
        Duration => quote!(crate::runtime::Duration),
        AnyType => quote!(crate::runtime::AnyElement),
    }
}

/// The path of `ty` as seen from module `from`.
pub fn ty(t: &Ty, from: Module) -> TokenStream {
    match t {
        Ty::Item(m, n) => {
            let id = format_ident!("{}", n);
            if *m == from {
                quote!(#id)
            } else {
                let md = format_ident!("{}", m.name());
                quote!(crate::#md::#id)
            }
        }
        Ty::Builtin(b) => builtin(*b),
        Ty::AnyContent => quote!(crate::runtime::AnyElement),
        Ty::Nillable(t) => {
            let inner = ty(t, from);
            quote!(crate::runtime::Nillable<#inner>)
        }
    }
}

/// A field's full Rust type (with `Option`/`Vec`/`Box`).
pub fn field_ty(f: &Field, from: Module) -> TokenStream {
    let inner = match f.xml {
        XmlBinding::AnyAttributes => quote!(crate::runtime::AnyAttribute),
        _ => ty(&f.ty, from),
    };
    let inner = if f.boxed { quote!(Box<#inner>) } else { inner };
    match f.card {
        Card::One => inner,
        Card::Optional => quote!(Option<#inner>),
        Card::Many => quote!(Vec<#inner>),
    }
}

/// The runtime namespace constant for a schema namespace.
pub fn ns(n: Ns) -> TokenStream {
    match n {
        Ns::Types => quote!(crate::runtime::Ns::Types),
        Ns::Messages => quote!(crate::runtime::Ns::Messages),
        Ns::Xml => quote!(crate::runtime::Ns::Xml),
    }
}

/// Makes schema documentation safe and readable as rustdoc (no accidental code blocks,
/// HTML tags or intra-doc links).
pub fn clean_doc(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let line = line.trim();
        if !out.is_empty() {
            out.push('\n');
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(c);
                continue;
            }
            if in_code {
                out.push(c);
                continue;
            }
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '[' => out.push_str("\\["),
                ']' => out.push_str("\\]"),
                '*' => out.push_str("\\*"),
                '_' => out.push_str("\\_"),
                '#' => out.push_str("\\#"),
                _ => out.push(c),
            }
        }
        if in_code {
            out.push('`');
        }
    }
    // Bare URLs would warn; keep them as code.
    let mut fixed = String::new();
    for (i, word) in out.split(' ').enumerate() {
        if i > 0 {
            fixed.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            fixed.push('`');
            fixed.push_str(&word.replace("\\_", "_"));
            fixed.push('`');
        } else {
            fixed.push_str(word);
        }
    }
    fixed
}

/// `#[doc]` attributes: schema documentation first, then our own lines (already markdown).
pub fn docs(schema_doc: &[String], ours: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for d in schema_doc {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(clean_doc(d).lines().map(|l| format!(" {l}")));
    }
    for d in ours {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(" {d}"));
    }
    quote!(#(#[doc = #lines])*)
}

fn serde_attr() -> TokenStream {
    quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))])
}

/// What the declaration of one item needs: the plan, the item, its Rust name and its version
/// doc lines.
struct Decl<'p> {
    plan: &'p Plan,
    item: &'p Item,
    name: Ident,
    item_version: Vec<String>,
}

impl Decl<'_> {
    /// The key of member `sub` of the item in the plan's version maps.
    fn key(&self, sub: &str) -> (Module, String, String) {
        (self.item.module, self.item.name.clone(), sub.to_owned())
    }
}

/// `ours` with the version lines `extra` after it.
fn with_version(mut ours: Vec<String>, extra: &[String]) -> Vec<String> {
    ours.extend(extra.iter().cloned());
    ours
}

/// The declaration of `item` with its rustdoc, by its shape.
pub fn declare(plan: &Plan, item: &Item) -> TokenStream {
    let cx = Decl {
        plan,
        item,
        name: format_ident!("{}", item.name),
        item_version: super::versions::doc_lines(
            plan.versions.items.get(&(item.module, item.name.clone())),
        ),
    };
    let declaration = match &item.kind {
        ItemKind::Struct(s) => declare_struct(&cx, s),
        ItemKind::Choice(c) => declare_choice(&cx, c),
        ItemKind::Kinds(k) => declare_kinds(&cx, k),
        ItemKind::Enum(e) => declare_enum(&cx, e),
        ItemKind::Union(vs) => declare_union(&cx, vs),
        ItemKind::Alias(target) => declare_alias(&cx, target),
        ItemKind::Element(e) => declare_element(&cx, e),
    };
    // The summary (what the item is for a user) opens the docs; the item's own lines and
    // the wire facts (XSD name, namespace, version, link) follow it.
    let more = !item.doc.is_empty()
        || !cx.item_version.is_empty()
        || matches!(
            item.kind,
            ItemKind::Struct(_) | ItemKind::Enum(_) | ItemKind::Union(_)
        );
    match plan.summaries.get(&(item.module, item.name.clone())) {
        Some(summary) => {
            let summary = format!(" {summary}");
            let gap = more.then(|| quote!(#[doc = ""]));
            quote! { #[doc = #summary] #gap #declaration }
        }
        None => declaration,
    }
}

/// A struct from a complex type: its fields (the base first), the unknown-content slot at
/// the root of a base chain, the response derives where the plan says.
fn declare_struct(cx: &Decl<'_>, s: &Struct) -> TokenStream {
    let plan = cx.plan;
    let item = cx.item;
    let name = &cx.name;
    let item_version = cx.item_version.as_slice();
    let versions = &cx.plan.versions;
    let key = |sub: &str| cx.key(sub);
    let serde = serde_attr();
    let doc = docs(
        &item.doc,
        &[format!(
            "XSD: `{}`, complexType{} in `{}`.",
            s.xsd.name.replace('#', "/"),
            if s.is_abstract { " (abstract)" } else { "" },
            s.xsd.ns.uri()
        )]
        .into_iter()
        .chain(item_version.iter().cloned())
        .collect::<Vec<_>>(),
    );
    let base_attr = match &s.response {
        ResponseDerive::MessageBase => quote!(#[ews(base)]),
        ResponseDerive::Batch(f) if f == "base" => quote!(#[ews(base)]),
        _ => quote!(),
    };
    let base = s.base.as_ref().map(|b| {
        let bt = ty(b, item.module);
        quote! {
            /// The base type's fields (this type extends it).
            #base_attr
            pub base: #bt,
        }
    });
    let derive_response = match &s.response {
        ResponseDerive::None => quote!(),
        ResponseDerive::MessageBase | ResponseDerive::MessageNested(_) => quote! {
            #[derive(ews_macros::ResponseMessage)]
            #[ews(crate = "crate")]
        },
        ResponseDerive::Batch(_) => quote! {
            #[derive(ews_macros::BatchResponse)]
            #[ews(crate = "crate")]
        },
    };
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let declared = Field {
            ty: plan.declared_ty(item, f),
            ..f.clone()
        };
        let fty = field_ty(&declared, item.module);
        let wire = match &f.xml {
            XmlBinding::Element { name, ns } => {
                format!("Element `{}:{name}`.", ns.prefix())
            }
            _ => String::new(),
        };
        let ours: Vec<String> = if wire.is_empty() { vec![] } else { vec![wire] };
        let ours = with_version(
            ours,
            &super::versions::doc_lines(versions.fields.get(&key(&f.name))),
        );
        let fdoc = docs(&f.doc, &ours);
        let marker = match &s.response {
            ResponseDerive::MessageNested(n) if *n == f.name => quote!(#[ews(message)]),
            ResponseDerive::Batch(n) if *n == f.name => quote!(#[ews(messages)]),
            _ => quote!(),
        };
        quote! { #fdoc #marker pub #fname: #fty, }
    });
    // The root of a base chain holds the chain's one unknown-content slot.
    let unknown = s.base.is_none().then(|| {
        quote! {
            /// Content the schema does not declare here, kept as read (see
            /// [`crate::runtime::Unknown`]).
            pub unknown: crate::runtime::Unknown,
        }
    });
    let default = (!super::constraints::has_fixed_default(plan, s)).then(|| quote!(Default));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #derive_response
        #serde
        pub struct #name { #base #(#fields)* #unknown }
    }
}

/// A choice enum: one variant per element, boxed or repeated as the plan says.
fn declare_choice(cx: &Decl<'_>, c: &Choice) -> TokenStream {
    let item = cx.item;
    let item_version = cx.item_version.as_slice();
    let versions = &cx.plan.versions;
    let key = |sub: &str| cx.key(sub);
    let doc = docs(&item.doc, item_version);
    let variants = c.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let vt = ty(&v.ty, item.module);
        let vt = if v.boxed { quote!(Box<#vt>) } else { vt };
        let vt = if v.many { quote!(Vec<#vt>) } else { vt };
        let vdoc = docs(
            &v.doc,
            &with_version(
                vec![format!("Element `{}`.", v.element)],
                &super::versions::doc_lines(versions.variants.get(&key(&v.name))),
            ),
        );
        let gate = super::cfg(&v.gate);
        quote! { #vdoc #gate #vn(#vt), }
    });
    let derive_response = c.response_message.then(|| {
        quote! {
            #[derive(ews_macros::ResponseMessage)]
            #[ews(crate = "crate")]
        }
    });
    member_enum(cx, doc, derive_response, variants.collect())
}

/// The kinds enum of an abstract type: one variant per concrete `xsi:type`.
fn declare_kinds(cx: &Decl<'_>, k: &Kinds) -> TokenStream {
    let item = cx.item;
    let item_version = cx.item_version.as_slice();
    let doc = docs(&item.doc, item_version);
    let variants = k.variants.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let vt = ty(&v.ty, item.module);
        let vt = if v.boxed { quote!(Box<#vt>) } else { vt };
        let line = format!(" `xsi:type=\"{}\"`.", v.xsi_type);
        quote! { #[doc = #line] #vn(#vt), }
    });
    member_enum(cx, doc, None, variants.collect())
}

/// A choice or kinds enum: its variants, the derives both have, and the shared-base
/// accessors (see `passes::accessors`).
fn member_enum(
    cx: &Decl<'_>,
    doc: TokenStream,
    derive: Option<TokenStream>,
    variants: Vec<TokenStream>,
) -> TokenStream {
    let name = &cx.name;
    let serde = serde_attr();
    let common = common_base(cx.plan, name, cx.item);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #derive
        #serde
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants)* }
        #common
    }
}

/// An enumeration: one variant per value, the catch-all `Unlisted`, its text forms.
fn declare_enum(cx: &Decl<'_>, e: &Enumeration) -> TokenStream {
    let item = cx.item;
    let name = &cx.name;
    let item_version = cx.item_version.as_slice();
    let serde = serde_attr();
    let doc = docs(
        &item.doc,
        &[
            format!(
                "XSD: `{}`, enumeration in `{}`.",
                e.xsd.name.replace('#', "/"),
                e.xsd.ns.uri()
            ),
            "Values this schema does not know (from newer servers) are kept in `Unlisted`; \
                 the default is the schema's first value."
                .into(),
        ]
        .into_iter()
        .chain(item_version.iter().cloned())
        .collect::<Vec<_>>(),
    );
    let variants = e.values.iter().enumerate().map(|(i, v)| {
        let vn = format_ident!("{}", v.name);
        let vdoc = docs(&v.doc, &[format!("`{}`", v.value)]);
        let default = (i == 0).then(|| quote!(#[default]));
        quote! { #vdoc #default #vn, }
    });
    let as_str = e.values.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let s = &v.value;
        quote!(Self::#vn => #s,)
    });
    // A restriction of `xs:string` keeps spaces around a value: such a value is not
    // one of the enumeration's, and is kept as written (`Unlisted`).
    let wire = if e.collapse {
        quote!(s.trim())
    } else {
        quote!(s)
    };
    let parse = e.values.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let s = &v.value;
        quote!(#s => Self::#vn,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        #serde
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the schema's enumeration does not list (from a newer server, or
            /// with spaces around it), kept as written.
            Unlisted(String),
        }
        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self { #(#as_str)* Self::Unlisted(s) => s }
            }
            /// The value for a wire string (never fails: see `Unlisted`).
            pub fn from_wire(s: &str) -> Self {
                match s { #(#parse)* other => Self::Unlisted(other.to_owned()) }
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(s))
            }
        }
        impl crate::runtime::SimpleValue for #name {
            fn parse(s: &str) -> Result<Self, crate::runtime::ValueError> {
                Ok(Self::from_wire(#wire))
            }
            fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
        crate::simple_element!(#name);
    }
}

/// A union of simple types: one variant per member type, tried in the schema's order.
fn declare_union(cx: &Decl<'_>, vs: &[Variant]) -> TokenStream {
    let item = cx.item;
    let name = &cx.name;
    let item_version = cx.item_version.as_slice();
    let serde = serde_attr();
    let doc = docs(
        &item.doc,
        &with_version(
            vec!["A union: the first member type that parses the value.".into()],
            item_version,
        ),
    );
    let variants = vs.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let vt = ty(&v.ty, item.module);
        quote!(#vn(#vt),)
    });
    let tries = vs.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        let vt = ty(&v.ty, item.module);
        quote! {
            if let Ok(v) = <#vt as crate::runtime::SimpleValue>::parse(s) {
                return Ok(Self::#vn(v));
            }
        }
    });
    let texts = vs.iter().map(|v| {
        let vn = format_ident!("{}", v.name);
        quote!(Self::#vn(v) => crate::runtime::SimpleValue::to_text(v),)
    });
    let first = format_ident!("{}", vs[0].name);
    let xsd = item.name.clone();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #serde
        pub enum #name { #(#variants)* }
        impl Default for #name {
            fn default() -> Self { Self::#first(Default::default()) }
        }
        impl crate::runtime::SimpleValue for #name {
            fn parse(s: &str) -> Result<Self, crate::runtime::ValueError> {
                #(#tries)*
                Err(crate::runtime::ValueError::new(#xsd, s))
            }
            fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                match self { #(#texts)* }
            }
        }
        crate::simple_element!(#name);
    }
}

/// A type alias (a restriction without enumeration, or a list), with its facets.
fn declare_alias(cx: &Decl<'_>, target: &AliasTarget) -> TokenStream {
    let item = cx.item;
    let name = &cx.name;
    let item_version = cx.item_version.as_slice();
    let doc = docs(&item.doc, item_version);
    let t = match target {
        AliasTarget::Ty(t) => ty(t, item.module),
        AliasTarget::List(t) => {
            let t = ty(t, item.module);
            quote!(crate::runtime::List<#t>)
        }
    };
    let facets = facets_const(item);
    quote! { #doc pub type #name = #t; #facets }
}

/// The wrapper of a global element: a newtype naming the element, with the response
/// handling of its type where it has any.
fn declare_element(cx: &Decl<'_>, e: &ElementWrapper) -> TokenStream {
    let plan = cx.plan;
    let item = cx.item;
    let name = &cx.name;
    let item_version = cx.item_version.as_slice();
    let serde = serde_attr();
    let doc = docs(&item.doc, item_version);
    let inner = ty(&e.ty, item.module);
    let ns = ns(e.xsd.ns);
    let wire = &e.xsd.name;
    let response = is_response(plan, &e.ty).then(|| match typed_batch(plan, &e.ty) {
        Some((field, array)) => {
            let field = ident(field);
            let array = format_ident!("{array}");
            quote!(crate::response_wrapper!(#name, #inner, #field: #array);)
        }
        None if is_message(plan, &e.ty) => {
            quote!(crate::response_wrapper!(#name, #inner, message);)
        }
        None => quote!(crate::response_wrapper!(#name, #inner);),
    });
    // Choices and kinds have no meaningful default (see `passes::required_choices`).
    let default = (!matches!(
        plan.item(&e.ty).map(|it| &it.kind),
        Some(ItemKind::Choice(_) | ItemKind::Kinds(_))
    ))
    .then(|| quote!(Default));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #serde
        pub struct #name(pub #inner);
        crate::element_wrapper!(#name, #inner, #ns, #wire);
        #response
    }
}

/// Whether `ty` is a struct the response derives give `Response` (a batch, or a message that
/// is its own response), so that its element wrapper delegates to it.
fn is_response(plan: &Plan, ty: &Ty) -> bool {
    matches!(
        plan.item(ty).map(|it| &it.kind),
        Some(ItemKind::Struct(s)) if s.response != ResponseDerive::None
    )
}

/// Whether `ty` is a struct that derives `ResponseMessage` (and is its own response).
fn is_message(plan: &Plan, ty: &Ty) -> bool {
    matches!(
        plan.item(ty).map(|it| &it.kind),
        Some(ItemKind::Struct(s)) if matches!(s.response, ResponseDerive::MessageBase | ResponseDerive::MessageNested(_))
    )
}

/// The field holding the typed messages array of batch response `ty`, and the array's name
/// (see `passes::batches`), if `ty` is such a batch.
fn typed_batch<'p>(plan: &'p Plan, ty: &Ty) -> Option<(&'p str, &'p str)> {
    let ItemKind::Struct(s) = &plan.item(ty)?.kind else {
        return None;
    };
    let ResponseDerive::Batch(field) = &s.response else {
        return None;
    };
    let f = s.fields.iter().find(|f| f.name == *field)?;
    let array = plan.item(&f.ty)?;
    match &array.kind {
        ItemKind::Struct(a) if a.only_child.is_some() => Some((&f.name, &array.name)),
        _ => None,
    }
}

/// The name of the `Facets` static (see `ews_types::runtime::Facets`) of alias `name`
/// (`SubscriptionTimeoutType` → `SUBSCRIPTION_TIMEOUT_TYPE_FACETS`).
pub fn facets_ident(name: &str) -> proc_macro2::Ident {
    let snake = crate::naming::field_name(name);
    format_ident!("{}_FACETS", snake.trim_start_matches("r#").to_uppercase())
}

/// The `Facets` static of a restricted simple type with facets its Rust type does not hold.
fn facets_const(item: &Item) -> Option<TokenStream> {
    let int = |k: &str| {
        item.facet(k)
            .and_then(|v| v.parse::<i64>().ok())
            .map_or(quote!(None), |v| quote!(Some(#v)))
    };
    let len = |k: &str| {
        item.facet(k)
            .and_then(|v| v.parse::<usize>().ok())
            .map_or(quote!(None), |v| quote!(Some(#v)))
    };
    if !has_checked_facets(item) {
        return None;
    }
    let cname = facets_ident(&item.name);
    let name = &item.name;
    let doc = format!(
        " The facets of [`{name}`] its Rust type does not hold: checked after reading and \
         before writing (see [`crate::runtime::Facets`])."
    );
    let (min, max) = (int("minInclusive"), int("maxInclusive"));
    let (length, min_length, max_length) = (len("length"), len("minLength"), len("maxLength"));
    let pattern = item.pattern().map_or(
        quote!(None),
        |p| quote!(Some(crate::runtime::facets::Pattern::new(#p))),
    );
    Some(quote! {
        #[doc = #doc]
        pub static #cname: crate::runtime::Facets = crate::runtime::Facets {
            name: #name,
            min_inclusive: #min,
            max_inclusive: #max,
            length: #length,
            min_length: #min_length,
            max_length: #max_length,
            pattern: #pattern,
        };
    })
}

/// Whether `item` is a restricted simple type with facets that `Facets` checks.
pub fn has_checked_facets(item: &Item) -> bool {
    const CHECKED: [&str; 6] = [
        "minInclusive",
        "maxInclusive",
        "length",
        "minLength",
        "maxLength",
        "pattern",
    ];
    matches!(item.kind, ItemKind::Alias(AliasTarget::Ty(_)))
        && item
            .facets
            .iter()
            .any(|(k, _)| CHECKED.contains(&k.as_str()))
}

/// `item()`/`item_mut()` on enum `name` (see `passes::accessors`).
fn common_base(plan: &Plan, name: &Ident, item: &Item) -> Option<TokenStream> {
    let a = plan.accessors.get(&(item.module, item.name.clone()))?;
    let getter = format_ident!("{}", a.name);
    let setter = format_ident!("{}_mut", a.name);
    let (bm, bn) = &a.base;
    let ct = ty(&Ty::Item(*bm, bn.clone()), item.module);
    let arms = |mutable: bool| {
        a.arms.iter().map(move |(variant, depth, boxed)| {
            let vn = format_ident!("{}", variant);
            let bases = std::iter::repeat_n(quote!(.base), *depth);
            let value = match (depth, boxed, mutable) {
                (0, true, false) => quote!(&**v),
                (0, true, true) => quote!(&mut **v),
                (0, false, _) => quote!(v),
                (_, _, false) => quote!(&v #(#bases)*),
                (_, _, true) => quote!(&mut v #(#bases)*),
            };
            quote!(Self::#vn(v) => #value,)
        })
    };
    let (get, set) = (arms(false), arms(true));
    let link = if *bm == item.module {
        format!("[`{bn}`]")
    } else {
        format!("[`{bn}`](crate::{}::{bn})", bm.name())
    };
    let doc = format!(" The {link} part every member has (through its `base` fields).");
    Some(quote! {
        impl #name {
            #[doc = #doc]
            #[inline]
            pub fn #getter(&self) -> &#ct {
                match self { #(#get)* }
            }
            #[doc = #doc]
            #[inline]
            pub fn #setter(&mut self) -> &mut #ct {
                match self { #(#set)* }
            }
        }
    })
}
