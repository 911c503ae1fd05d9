//! Emission of `fill.rs`: test-only value builders for every item of the plan, used by
//! the round-trip test over all generated types (`ews-types/tests/roundtrip_all.rs`
//! includes it; the library never does).
//!
//! For every item there is an `impl Fill` that sets every field: `Option` → `Some`,
//! `Vec` → one element (two different members for repeated choices), enumerations → a
//! known value other than the first, choices and `xsi:type` kinds → the member picked by
//! the current variant number. Below a depth limit optional and repeated fields are left
//! empty and choices take a member known to end, so recursive types stay finite.
//! `set_text` changes the value of every string (markup characters, whitespace, empty);
//! `set_minimal` leaves every optional and repeated field empty.
//! `round_trip_all` calls the test's `check*` functions once per item.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ident;
use crate::ir::*;
use crate::model::{Builtin, Ns};

/// The path of an item from outside the crate (`ews_types::types::X`).
fn item_path(item: &Item) -> TokenStream {
    let md = format_ident!("{}", item.module.name());
    let id = format_ident!("{}", item.name);
    quote!(ews_types::#md::#id)
}

type Key = (Module, String);

/// Which items have a finite "minimal" value (optional and repeated fields empty, lists the
/// schema requires non-empty with one value, choices on a finite member), and that member
/// for choices and kinds.
struct Finite<'p> {
    items: HashMap<Key, &'p Item>,
    /// The round of the fixed point in which an item was found finite: a finite item's
    /// required content has a lower rank, so following the lowest-ranked member ends.
    rank: HashMap<Key, u32>,
}

impl<'p> Finite<'p> {
    fn new(plan: &'p Plan) -> Self {
        let items: HashMap<Key, &Item> = plan
            .items
            .iter()
            .map(|i| ((i.module, i.name.clone()), i))
            .collect();
        let mut f = Finite {
            items,
            rank: HashMap::new(),
        };
        for round in 0.. {
            let found: Vec<Key> = plan
                .items
                .iter()
                .map(|item| (item.module, item.name.clone()))
                .filter(|key| !f.rank.contains_key(key))
                .filter(|key| f.item_finite(f.items[key]))
                .collect();
            if found.is_empty() {
                break;
            }
            f.rank.extend(found.into_iter().map(|k| (k, round)));
        }
        f
    }

    /// The rank of `t` (`None`: no finite value).
    fn ty_rank(&self, t: &Ty) -> Option<u32> {
        match t {
            Ty::Item(m, n) => self.rank.get(&(*m, n.clone())).copied(),
            Ty::Builtin(_) | Ty::AnyContent => Some(0),
            Ty::Nillable(t) => self.ty_rank(t),
        }
    }

    fn ty_finite(&self, t: &Ty) -> bool {
        self.ty_rank(t).is_some()
    }

    fn item_finite(&self, item: &Item) -> bool {
        match &item.kind {
            ItemKind::Struct(s) => {
                s.base.as_ref().is_none_or(|b| self.ty_finite(b))
                    && s.fields
                        .iter()
                        .filter(|f| f.card == Card::One || f.at_least_one || f.required_choice)
                        .all(|f| self.ty_finite(&f.ty))
            }
            ItemKind::Choice(c) => c.variants.iter().any(|v| self.ty_finite(&v.ty)),
            ItemKind::Kinds(k) => k.variants.iter().any(|v| self.ty_finite(&v.ty)),
            ItemKind::Enum(_) | ItemKind::Union(_) => true,
            ItemKind::Alias(AliasTarget::Ty(t)) | ItemKind::Alias(AliasTarget::List(t)) => {
                self.ty_finite(t)
            }
            ItemKind::Element(e) => self.ty_finite(&e.ty),
        }
    }

    /// The type `t` stands for, through type aliases.
    fn resolve(&self, t: &Ty) -> Ty {
        if let Ty::Item(m, n) = t {
            if let Some(ItemKind::Alias(AliasTarget::Ty(target))) =
                self.items.get(&(*m, n.clone())).map(|i| &i.kind)
            {
                return self.resolve(target);
            }
        }
        t.clone()
    }

    /// The member of a choice or kinds enum with the lowest rank (the first of those).
    fn safe_variant<'a>(&self, tys: impl Iterator<Item = &'a Ty>) -> usize {
        tys.enumerate()
            .filter_map(|(i, t)| self.ty_rank(t).map(|r| (r, i)))
            .min()
            .map_or(0, |(_, i)| i)
    }

    /// The number of members of the choice or kinds enum `t` (1 for anything else).
    fn choice_len(&self, t: &Ty) -> usize {
        match t {
            Ty::Item(m, n) => match self.items.get(&(*m, n.clone())).map(|i| &i.kind) {
                Some(ItemKind::Choice(c)) => c.variants.len(),
                Some(ItemKind::Kinds(k)) => k.variants.len(),
                _ => 1,
            },
            _ => 1,
        }
    }

    /// How many passes a struct needs so that every member of each of its choice and
    /// kinds fields (its bases' included) is written once.
    fn struct_passes(&self, s: &Struct) -> usize {
        let own = s
            .fields
            .iter()
            .map(|f| self.choice_len(&f.ty))
            .max()
            .unwrap_or(1);
        let base = match &s.base {
            Some(Ty::Item(m, n)) => match self.items.get(&(*m, n.clone())).map(|i| &i.kind) {
                Some(ItemKind::Struct(b)) => self.struct_passes(b),
                _ => 1,
            },
            _ => 1,
        };
        own.max(base).max(1)
    }
}

/// An `xs:anyType` element read as raw XML keeps its own name, so its value must carry
/// the name it is written under.
fn any_named(t: &Ty, ns: Ns, name: &str) -> Option<TokenStream> {
    let is_any = matches!(t, Ty::AnyContent | Ty::Builtin(Builtin::AnyType));
    is_any.then(|| {
        let uri = ns.uri();
        quote!(any_named(#uri, #name))
    })
}

/// A value matching one of the schema's `xs:pattern` facets (strings restricted by a
/// pattern are aliases of `String`, so their fill value is chosen per field).
fn pattern_example(pattern: &str) -> Option<&'static str> {
    Some(match pattern {
        "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}" => {
            "6f9619ff-8b86-d011-b42d-00c04fc964ff"
        }
        "(0x|0X)[0-9A-Fa-f]{1,4}" => "0x1A2b",
        "((0x|0X)[0-9A-Fa-f]*)|([0-9]*)" => "0x10",
        "[a-zA-Z0-9]+_[a-zA-Z0-9]+" => "Outlook_Desktop",
        "[0-9]{1,4}\\.[0-9]{1,4}(\\.[0-9]{1,4}(\\.[0-9]{1,4})?)?" => "15.1.2",
        _ => return None,
    })
}

/// A value within the facets of a restricted string type (numbers: the fill value 7 is
/// within every range of the schemas).
fn faceted(item: &Item) -> Option<TokenStream> {
    if let Some(example) = item.pattern().and_then(pattern_example) {
        return Some(quote!(patterned(d, #example)));
    }
    match (item.facet("length"), item.facet("minLength")) {
        (Some("0"), _) => Some(quote!(String::new())),
        (_, Some(_)) => Some(quote!(non_empty(d))),
        _ => None,
    }
}

/// The initialiser of one struct field.
fn field_init(f: &Field, fin: &Finite<'_>) -> TokenStream {
    let name = ident(&f.name);
    // A string restricted by facets gets a value within them.
    let faceted = match &f.ty {
        Ty::Item(m, n) => fin.items.get(&(*m, n.clone())).and_then(|it| faceted(it)),
        _ => None,
    };
    // A required choice is an `Option` only for want of a default: always set.
    if f.required_choice {
        return quote!(#name: Some(one(d)));
    }
    // A `fixed=` value is the only one the field may hold.
    let fixed = f.constraint.as_ref().and_then(|c| c.fixed());
    if let Some(v) = fixed.filter(|_| f.card != Card::Many) {
        let one = quote!(fixed(#v));
        return match f.card {
            Card::Optional => quote!(#name: opt_with(d, || #one)),
            _ => quote!(#name: #one),
        };
    }
    if let Some(one) = faceted {
        let value = match f.card {
            Card::One => one,
            Card::Optional => quote!(opt_with(d, || #one)),
            Card::Many => quote!(vec![#one]),
        };
        return quote!(#name: #value);
    }
    let value = match &f.xml {
        XmlBinding::Attribute { .. } => match f.card {
            Card::One => quote!(Fill::fill(d)),
            Card::Optional => quote!(attr(d)),
            Card::Many => quote!(vec![Fill::fill(d)]),
        },
        XmlBinding::Text => quote!(Fill::fill(d)),
        XmlBinding::Any => quote!(many(d)),
        XmlBinding::AnyAttributes => quote!(opt_with(0, any_attributes).unwrap_or_default()),
        XmlBinding::Choice => match f.card {
            Card::One => quote!(one(d)),
            Card::Optional => quote!(opt(d)),
            Card::Many if f.at_least_one => quote!(at_least_one_choice(d)),
            Card::Many => quote!(many_choice(d)),
        },
        XmlBinding::Element { ns, name } => match any_named(&f.ty, *ns, name) {
            Some(v) => match f.card {
                Card::One => v,
                Card::Optional => quote!(opt_with(d, || #v)),
                Card::Many => quote!(opt_with(d, || #v).into_iter().collect()),
            },
            None => match f.card {
                Card::One => quote!(one(d)),
                Card::Optional => quote!(opt(d)),
                Card::Many if f.at_least_one => quote!(at_least_one(d)),
                Card::Many => quote!(many(d)),
            },
        },
    };
    quote!(#name: #value)
}

fn item_impl(item: &Item, fin: &Finite<'_>) -> TokenStream {
    let p = item_path(item);
    match &item.kind {
        ItemKind::Struct(s) => {
            let base = match &s.base {
                Some(_) => quote!(base: Fill::fill(d),),
                None => quote!(unknown: Default::default(),),
            };
            let fields = s.fields.iter().map(|f| field_init(f, fin));
            let passes = fin.struct_passes(s);
            let variants = (passes > 1).then(|| quote!(fn variants() -> usize { #passes }));
            let d = if s.base.is_none() && s.fields.is_empty() {
                quote!(_)
            } else {
                quote!(d)
            };
            quote! {
                impl Fill for #p {
                    #variants
                    fn fill(#d: u32) -> Self { Self { #base #(#fields,)* } }
                }
            }
        }
        ItemKind::Choice(c) => {
            let n = c.variants.len();
            let safe = fin.safe_variant(c.variants.iter().map(|v| &v.ty));
            let arms = c.variants.iter().enumerate().map(|(i, v)| {
                let vn = format_ident!("{}", v.name);
                let one = any_named(&v.ty, v.element.ns, &v.element.name)
                    .unwrap_or_else(|| quote!(Fill::fill(d)));
                let value = if v.many {
                    quote!(vec![#one, #one])
                } else {
                    one
                };
                if i + 1 == n {
                    quote!(_ => Self::#vn(#value),)
                } else {
                    quote!(#i => Self::#vn(#value),)
                }
            });
            quote! {
                impl Fill for #p {
                    fn variants() -> usize { #n }
                    fn fill(d: u32) -> Self { Self::fill_variant(pick(d, #n, #safe), d) }
                    fn fill_variant(i: usize, d: u32) -> Self { match i { #(#arms)* } }
                }
            }
        }
        ItemKind::Kinds(k) => {
            let n = k.variants.len();
            let safe = fin.safe_variant(k.variants.iter().map(|v| &v.ty));
            let arms = k.variants.iter().enumerate().map(|(i, v)| {
                let vn = format_ident!("{}", v.name);
                if i + 1 == n {
                    quote!(_ => Self::#vn(Fill::fill(d)),)
                } else {
                    quote!(#i => Self::#vn(Fill::fill(d)),)
                }
            });
            quote! {
                impl Fill for #p {
                    fn variants() -> usize { #n }
                    fn fill(d: u32) -> Self { Self::fill_variant(pick(d, #n, #safe), d) }
                    fn fill_variant(i: usize, d: u32) -> Self { match i { #(#arms)* } }
                }
            }
        }
        ItemKind::Enum(e) => {
            let n = e.values.len() + 1;
            let pick = format_ident!("{}", e.values[usize::from(e.values.len() > 1)].name);
            let arms = e.values.iter().enumerate().map(|(i, v)| {
                let vn = format_ident!("{}", v.name);
                quote!(#i => Self::#vn,)
            });
            quote! {
                impl Fill for #p {
                    fn variants() -> usize { #n }
                    fn fill(_: u32) -> Self { Self::#pick }
                    fn fill_variant(i: usize, _: u32) -> Self {
                        match i { #(#arms)* _ => Self::Unlisted("FutureValue".into()) }
                    }
                }
            }
        }
        ItemKind::Union(vs) => {
            // A member whose Rust type repeats an earlier member's reads back as that member
            // (member facets are not checked): only the first of each type is round-tripped.
            let mut seen = Vec::new();
            let members: Vec<_> = vs
                .iter()
                .filter(|v| {
                    let t = fin.resolve(&v.ty);
                    let new = !seen.contains(&t);
                    seen.push(t);
                    new
                })
                .collect();
            let n = members.len();
            let first = format_ident!("{}", vs[0].name);
            let arms = members.iter().enumerate().map(|(i, v)| {
                let vn = format_ident!("{}", v.name);
                quote!(#i => Self::#vn(Fill::fill(d)),)
            });
            let variants = (n > 1).then(|| {
                quote! {
                    fn variants() -> usize { #n }
                    fn fill_variant(i: usize, d: u32) -> Self { match i { #(#arms)* _ => Self::fill(d) } }
                }
            });
            quote! {
                impl Fill for #p {
                    fn fill(d: u32) -> Self { Self::#first(Fill::fill(d)) }
                    #variants
                }
            }
        }
        // A type alias is its target type, which has its own impl.
        ItemKind::Alias(_) => quote!(),
        ItemKind::Element(_) => quote! {
            impl Fill for #p {
                fn variants() -> usize { Fill::variants_of(&Self::fill(0).0) }
                fn fill(d: u32) -> Self { Self(Fill::fill(d)) }
                fn fill_variant(i: usize, d: u32) -> Self { Self(Fill::fill_variant(i, d)) }
            }
        },
    }
}

/// The call checking one item in `round_trip_all`.
fn item_check(item: &Item) -> TokenStream {
    let p = item_path(item);
    let label = format!("{}::{}", item.module.name(), item.name);
    let kind = kind_label(&item.kind);
    match &item.kind {
        ItemKind::Choice(_) => quote!(check_choice::<#p>(out, #label, #kind);),
        ItemKind::Element(_) => quote!(check_global::<#p>(out, #label, #kind);),
        _ => quote!(check::<#p>(out, #label, #kind);),
    }
}

fn kind_label(k: &ItemKind) -> &'static str {
    match k {
        ItemKind::Struct(_) => "struct",
        ItemKind::Choice(_) => "choice",
        ItemKind::Kinds(_) => "kinds",
        ItemKind::Enum(_) => "enum",
        ItemKind::Union(_) => "union",
        ItemKind::Alias(_) => "alias",
        ItemKind::Element(_) => "element",
    }
}

/// The whole `fill.rs`.
pub fn fill(plan: &Plan) -> TokenStream {
    let fin = Finite::new(plan);
    let impls = plan.items.iter().map(|i| item_impl(i, &fin));
    let checks = plan.items.iter().map(item_check);
    let facts = plan_facts(plan);
    let helpers = helpers();
    let builtins = builtin_fills();
    quote! {
        #facts
        #helpers
        #builtins
        #(#impls)*

        /// Round-trips every item of the plan (see the test's `check*` functions).
        pub fn round_trip_all(out: &mut Vec<Outcome>) {
            #(#checks)*
        }
    }
}

/// What the tests learn of the plan: the operations to visit, the item counts.
fn plan_facts(plan: &Plan) -> TokenStream {
    let count = plan.items.len();
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for i in &plan.items {
        let k = kind_label(&i.kind);
        match kinds.iter_mut().find(|(n, _)| *n == k) {
            Some((_, c)) => *c += 1,
            None => kinds.push((k, 1)),
        }
    }
    kinds.sort();
    let kind_rows = kinds.iter().map(|(k, c)| quote!((#k, #c),));
    let op_visits = plan.operations.iter().map(|op| {
        let id = super::types::ident(&op.rust_name);
        quote!(v.visit::<ews_types::operations::#id>();)
    });
    quote! {
        /// `OperationVisitor` for tests that fill requests: the bound on the request type
        /// names the test-only `Fill` trait.
        pub trait FillOperationVisitor {
            /// Called once per operation.
            fn visit<O: ews_types::runtime::envelope::Operation>(&mut self)
            where
                O::Request: Fill + PartialEq + ::std::fmt::Debug;
        }

        /// Calls `v.visit::<O>()` for every operation, in the WSDL's order.
        pub fn visit_operations<V: FillOperationVisitor>(v: &mut V) {
            #(#op_visits)*
        }

        /// Fields below this depth are left empty (`None`, no elements).
        pub const FILL_DEPTH: u32 = 4;

        /// The number of items in the generator's plan (each is checked once).
        pub const PLAN_ITEM_COUNT: usize = #count;

        /// The number of items of each kind in the plan.
        pub const PLAN_KIND_COUNTS: &[(&str, usize)] = &[#(#kind_rows)*];
    }
}

/// The `Fill` trait and the helpers the generated impls call (depth, variant, text, the
/// minimal pass).
fn helpers() -> TokenStream {
    quote! {
        ::std::thread_local! {
            static VARIANT: ::std::cell::Cell<usize> = const { ::std::cell::Cell::new(0) };
        }

        ::std::thread_local! {
            static TEXT: ::std::cell::Cell<&'static str> = const { ::std::cell::Cell::new("text") };
        }

        /// The value a `fixed=` declaration allows (levels without one leave it unused).
        #[allow(dead_code)]
        fn fixed<T: ews_types::runtime::SimpleValue>(s: &str) -> T {
            T::parse(s).expect("the fixed value fits its type")
        }

        /// Sets the value of string fields (default `text`).
        pub fn set_text(s: &'static str) {
            TEXT.with(|t| t.set(s));
        }

        /// Sets the member that choices and kinds pick when filled (modulo their size).
        pub fn set_variant(i: usize) {
            VARIANT.with(|v| v.set(i));
        }

        fn pick(d: u32, n: usize, safe: usize) -> usize {
            if d > FILL_DEPTH { safe } else { VARIANT.with(|v| v.get()) % n }
        }

        /// A value with every field set.
        pub trait Fill: Sized {
            /// A value with every field set, `d` levels below the value being built.
            fn fill(d: u32) -> Self;
            /// How many different values `fill_variant` gives.
            fn variants() -> usize { 1 }
            /// `variants` for a value's type.
            fn variants_of(_: &Self) -> usize { Self::variants() }
            /// The `i`-th value (choice member, kind, enumeration value).
            fn fill_variant(_i: usize, d: u32) -> Self { Self::fill(d) }
        }

        fn one<T: Fill>(d: u32) -> T { T::fill(d + 1) }
        ::std::thread_local! {
            static MINIMAL: ::std::cell::Cell<bool> = const { ::std::cell::Cell::new(false) };
        }

        /// Fills only what is required: every `Option` `None`, every `Vec` empty.
        pub fn set_minimal(on: bool) {
            MINIMAL.with(|m| m.set(on));
        }

        fn full(d: u32) -> bool { d < FILL_DEPTH && !MINIMAL.with(|m| m.get()) }
        fn opt_with<T>(d: u32, f: impl FnOnce() -> T) -> Option<T> { full(d).then(f) }
        fn attr<T: Fill>(d: u32) -> Option<T> { opt_with(0, || T::fill(d)) }
        fn opt<T: Fill>(d: u32) -> Option<T> { opt_with(d, || T::fill(d + 1)) }
        fn many<T: Fill>(d: u32) -> Vec<T> { opt(d).into_iter().collect() }
        /// Like `many`, but never empty: the schema requires at least one value (the
        /// minimal pass and deep values still get one; choices deep down pick their member
        /// with the least required content, so that recursive required content ends).
        fn at_least_one<T: Fill>(d: u32) -> Vec<T> {
            if full(d) {
                many(d)
            } else {
                vec![T::fill(d + 1)]
            }
        }
        /// Like `many_choice`, but never empty.
        fn at_least_one_choice<T: Fill>(d: u32) -> Vec<T> {
            if full(d) {
                many_choice(d)
            } else {
                vec![T::fill(d + 1)]
            }
        }
        /// The text of the pass, or `x` where the schema wants at least one character.
        fn non_empty(_d: u32) -> String {
            let t = TEXT.with(|t| t.get());
            if t.is_empty() { "x".into() } else { t.into() }
        }
        /// The value of a string restricted by a pattern (the same at any depth).
        fn patterned(_d: u32, example: &str) -> String {
            example.to_owned()
        }
        /// Two different members (a member repeated twice would merge into one on reading).
        fn many_choice<T: Fill>(d: u32) -> Vec<T> {
            if !full(d) {
                return vec![];
            }
            let i = VARIANT.with(|v| v.get());
            let n = T::variants();
            let mut v = vec![T::fill_variant(i % n, d + 1)];
            if n > 1 {
                v.push(T::fill_variant((i + 1) % n, d + 1));
            }
            v
        }

        #[allow(dead_code)]
        fn any_named(ns: &str, name: &str) -> ews_types::runtime::AnyElement {
            ews_types::runtime::AnyElement {
                namespace: Some(ns.into()),
                name: name.into(),
                ..Fill::fill(0)
            }
        }
    }
}

/// `Fill` for the built-in and runtime types, and content from a future schema.
fn builtin_fills() -> TokenStream {
    quote! {
        impl Fill for String { fn fill(_: u32) -> Self { TEXT.with(|t| t.get()).into() } }
        impl Fill for bool { fn fill(_: u32) -> Self { true } }
        impl Fill for i8 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for i16 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for i32 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for i64 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for u8 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for u16 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for u32 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for u64 { fn fill(_: u32) -> Self { 7 } }
        impl Fill for f32 { fn fill(_: u32) -> Self { 1.5 } }
        impl Fill for f64 { fn fill(_: u32) -> Self { 1.5 } }
        impl Fill for ews_types::runtime::DateTime {
            fn fill(_: u32) -> Self { Self::new("2024-01-02T03:04:05Z").unwrap() }
        }
        impl Fill for ews_types::runtime::Date {
            fn fill(_: u32) -> Self { Self::new("2024-01-02").unwrap() }
        }
        impl Fill for ews_types::runtime::Time {
            fn fill(_: u32) -> Self { Self::new("03:04:05").unwrap() }
        }
        impl Fill for ews_types::runtime::Duration {
            fn fill(_: u32) -> Self { Self::new("PT1H").unwrap() }
        }
        impl Fill for ews_types::runtime::Decimal {
            fn fill(_: u32) -> Self { Self::new("1.5").unwrap() }
        }
        impl Fill for ews_types::runtime::Base64Binary {
            fn fill(_: u32) -> Self { Self::new("AAEC").unwrap() }
        }
        impl<T: Fill> Fill for ews_types::runtime::List<T> {
            /// List items are separated by whitespace, so they hold none and are not empty.
            fn fill(d: u32) -> Self {
                let text = TEXT.with(|t| t.get());
                if text.is_empty() || text.contains(char::is_whitespace) {
                    set_text("text");
                }
                let item = T::fill(d);
                set_text(text);
                ews_types::runtime::List(vec![item])
            }
        }
        impl<T: Fill> Fill for Box<T> {
            fn variants() -> usize { T::variants() }
            fn fill(d: u32) -> Self { Box::new(T::fill(d)) }
            fn fill_variant(i: usize, d: u32) -> Self { Box::new(T::fill_variant(i, d)) }
        }
        /// A value (nil elements are tested apart, in tests/nil.rs).
        impl<T: Fill> Fill for ews_types::runtime::Nillable<T> {
            fn variants() -> usize { T::variants() }
            fn fill(d: u32) -> Self { Self::Value(T::fill(d)) }
            fn fill_variant(i: usize, d: u32) -> Self { Self::Value(T::fill_variant(i, d)) }
        }
        /// An element from a future schema, with mixed content:
        /// `<Future xmlns="urn:x-future" a="text" a1:b="text">text<Child>text</Child><Plain xmlns=""/></Future>`
        /// (no text nodes for empty strings: those vanish on writing).
        impl Fill for ews_types::runtime::AnyElement {
            fn fill(_: u32) -> Self {
                use ews_types::runtime::{AnyElement, AnyNode};
                let text = || TEXT.with(|t| t.get()).to_owned();
                let texts = || (!text().is_empty()).then(|| AnyNode::Text(text()));
                let element = |namespace: Option<&str>, name: &str, children: Vec<AnyNode>| AnyElement {
                    namespace: namespace.map(Into::into),
                    name: name.into(),
                    attributes: vec![],
                    children,
                };
                let child = element(Some("urn:x-future"), "Child", texts().into_iter().collect());
                let plain = element(None, "Plain", vec![]);
                let children = texts()
                    .into_iter()
                    .chain([AnyNode::Element(child), AnyNode::Element(plain)])
                    .collect();
                AnyElement {
                    attributes: any_attributes(),
                    ..element(Some("urn:x-future"), "Future", children)
                }
            }
        }
        /// Attributes from a future schema: one unqualified, one in another namespace.
        fn any_attributes() -> Vec<ews_types::runtime::AnyAttribute> {
            let attribute = |namespace: Option<&str>, name: &str| ews_types::runtime::AnyAttribute {
                namespace: namespace.map(Into::into),
                name: name.into(),
                value: TEXT.with(|t| t.get()).into(),
            };
            vec![attribute(None, "FutureAttribute"), attribute(Some("urn:x-other"), "Other")]
        }
    }
}
