//! Emission of the SOAP header set of `services.wsdl`'s bindings: `HeaderName` (every header
//! any operation declares), and the typed `RequestHeaders` and `ResponseHeaders` with one
//! field per header of that direction. The file is included by `runtime::envelope`, which
//! adds the builders and the reading and writing of the headers' other content.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Operation, Plan};
use crate::model::{Ns, QName};
use crate::naming;

/// One header of a direction: its element's local name and the Rust names it gets.
struct Header {
    wire: String,
    variant: proc_macro2::Ident,
    field: proc_macro2::Ident,
    ty: TokenStream,
    doc: Vec<String>,
}

/// The headers of one direction, each once, in the order the operations first list them.
fn direction(
    plan: &Plan,
    of: impl Fn(&Operation) -> &[String],
) -> Result<Vec<Header>, crate::Error> {
    let mut out: Vec<Header> = Vec::new();
    for op in &plan.operations {
        for wire in of(op) {
            if out.iter().any(|h| &h.wire == wire) {
                continue;
            }
            out.push(header(plan, wire)?);
        }
    }
    Ok(out)
}

fn header(plan: &Plan, wire: &str) -> Result<Header, crate::Error> {
    let q = QName::new(Ns::Types, wire);
    let (module, name) = plan.element_names.get(&q).ok_or_else(|| {
        crate::Error::Schema(format!(
            "services.wsdl: header {q} is not a declared element"
        ))
    })?;
    let m = format_ident!("{}", module.name());
    let n = format_ident!("{}", name);
    let mut doc = vec![format!(" The `t:{wire}` header.")];
    let vdoc = plan.versions.items.get(&(*module, name.clone()));
    for line in super::versions::doc_lines(vdoc) {
        doc.push(String::new());
        doc.push(format!(" {line}"));
    }
    Ok(Header {
        wire: wire.to_owned(),
        variant: format_ident!("{}", naming::type_name(wire)),
        field: super::types::ident(&naming::field_name(wire)),
        ty: quote!(crate::#m::#n),
        doc,
    })
}

/// The generated file `headers.rs`.
pub fn headers(plan: &Plan) -> Result<TokenStream, crate::Error> {
    let request = direction(plan, |op| &op.request_headers)?;
    let response = direction(plan, |op| &op.response_headers)?;
    let mut all: Vec<&Header> = request.iter().collect();
    all.extend(
        response
            .iter()
            .filter(|h| !request.iter().any(|r| r.wire == h.wire)),
    );
    let name_enum = header_name(&all);
    let request_struct = typed_headers(
        &request,
        &format_ident!("RequestHeaders"),
        &[
            " The typed SOAP headers of a request: one field per header that any operation's",
            " request declares in `services.wsdl`'s bindings. Only headers the operation",
            " declares may be set.",
        ],
    );
    let response_struct = typed_headers(
        &response,
        &format_ident!("ResponseHeaders"),
        &[
            " The typed SOAP headers of a response: one field per header that any operation's",
            " response declares in `services.wsdl`'s bindings.",
        ],
    );
    Ok(quote! {
        #name_enum
        #request_struct
        #response_struct
    })
}

fn header_name(all: &[&Header]) -> TokenStream {
    let variants = all.iter().map(|h| {
        let v = &h.variant;
        let doc = &h.doc;
        quote!(#(#[doc = #doc])* #v,)
    });
    let names = all.iter().map(|h| {
        let (v, wire) = (&h.variant, &h.wire);
        quote!(HeaderName::#v => #wire,)
    });
    let of = all.iter().map(|h| {
        let v = &h.variant;
        let wire = proc_macro2::Literal::byte_string(h.wire.as_bytes());
        quote!(#wire => Some(HeaderName::#v),)
    });
    quote! {
        /// The SOAP headers `services.wsdl`'s bindings declare (all are elements of the `t:`
        /// namespace): those of requests, then those only responses have.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum HeaderName {
            #(#variants)*
        }

        impl HeaderName {
            /// The header element's local name.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }

            /// The header an element of the `t:` namespace is, by its local name.
            fn of_types(local: &[u8]) -> Option<HeaderName> {
                match local {
                    #(#of)*
                    _ => None,
                }
            }
        }
    }
}

/// A typed header struct with its generated members: `set` (the typed headers that hold a
/// value), `write_typed` (writes them, in field order) and `read_typed` (reads the header
/// `name` into its field; `false` when this direction has no such header).
fn typed_headers(hs: &[Header], name: &proc_macro2::Ident, doc: &[&str]) -> TokenStream {
    let fields = hs.iter().map(|h| {
        let (f, ty, doc) = (&h.field, &h.ty, &h.doc);
        quote!(#(#[doc = #doc])* pub #f: Option<#ty>,)
    });
    let set = hs.iter().map(|h| {
        let (f, v) = (&h.field, &h.variant);
        quote!(if self.#f.is_some() { out.push(HeaderName::#v); })
    });
    let writes = hs.iter().map(|h| {
        let f = &h.field;
        quote!(write_header(w, &self.#f);)
    });
    let reads = hs.iter().map(|h| {
        let (f, v) = (&h.field, &h.variant);
        quote!(HeaderName::#v => read_header(&mut self.#f, r, c)?,)
    });
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Other header elements, kept as read: unknown ones, and known ones the
            /// operation does not declare.
            pub other: Vec<AnyElement>,
            /// The envelope's own attributes, as read.
            pub envelope: EnvelopeExtras,
        }

        impl #name {
            /// The typed headers that hold a value, in field order.
            fn set(&self) -> Vec<HeaderName> {
                #[allow(unused_mut)]
                let mut out = Vec::new();
                #(#set)*
                out
            }

            /// Writes the typed headers, in field order.
            fn write_typed(&self, w: &mut Writer) {
                #(#writes)*
            }

            /// Reads header `name` into its field; `false` when this direction has none.
            #[allow(unreachable_patterns)]
            fn read_typed<'a>(
                &mut self,
                name: HeaderName,
                r: &mut Reader<'a>,
                c: &Start<'a>,
            ) -> Result<bool, ReadError> {
                match name {
                    #(#reads)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    }
}
