//! The prelude of the library's generated files: `use crate::runtime as rt;` at the top,
//! and every `crate::runtime::` path of the emitted code written `rt::`, so that the
//! generated declarations and impls read without the crate path on every line. The
//! emitters keep writing full paths; this pass shortens them in one place.

use proc_macro2::{Group, Ident, Spacing, TokenStream, TokenTree};
use quote::quote;

/// `tokens` as a file: the prelude, then the items with their runtime paths shortened.
pub fn with_prelude(tokens: TokenStream) -> TokenStream {
    let body = shorten(tokens);
    quote! {
        #[allow(unused_imports)]
        use crate::runtime as rt;
        #body
    }
}

/// Rewrites each `crate :: runtime ::` to `rt ::`, inside groups too.
fn shorten(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if is_runtime_path(&trees[i..]) {
            out.push(TokenTree::Ident(Ident::new("rt", trees[i].span())));
            out.extend(trees[i + 4..i + 6].iter().cloned());
            i += 6;
            continue;
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), shorten(g.stream()));
                inner.set_span(g.span());
                TokenTree::Group(inner)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// Whether `t` starts with `crate :: runtime ::`.
fn is_runtime_path(t: &[TokenTree]) -> bool {
    let ident = |i: usize, name: &str| matches!(t.get(i), Some(TokenTree::Ident(x)) if x == name);
    let colon = |i: usize, spacing: Spacing| matches!(t.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == spacing);
    ident(0, "crate")
        && colon(1, Spacing::Joint)
        && colon(2, Spacing::Alone)
        && ident(3, "runtime")
        && colon(4, Spacing::Joint)
        && colon(5, Spacing::Alone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_paths_are_shortened_everywhere() {
        let t = quote! {
            impl crate::runtime::ComplexType for X {
                fn f(r: &mut crate::runtime::Reader<'_>) -> crate::types::Y { crate::runtime::read::one() }
            }
        };
        let s = shorten(t).to_string();
        assert!(!s.contains("crate :: runtime"), "{s}");
        assert!(s.contains("impl rt :: ComplexType for X"), "{s}");
        assert!(s.contains("& mut rt :: Reader"), "{s}");
        assert!(s.contains("rt :: read :: one ()"), "{s}");
        assert!(s.contains("crate :: types :: Y"), "{s}");
        // `crate::runtime` alone (no further segment) is left as it is.
        assert_eq!(
            shorten(quote!(
                use crate::runtime;
            ))
            .to_string(),
            "use crate :: runtime ;"
        );
    }
}
