//! Emission of the operations module: a marker type per WSDL operation implementing
//! `runtime::Operation`, a table of all operations, and `visit_all`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ident;
use crate::ir::*;

fn header(name: &str) -> TokenStream {
    let id = format_ident!("{}", name);
    quote!(crate::runtime::envelope::HeaderName::#id)
}

pub fn operations(plan: &Plan) -> TokenStream {
    let items = plan.operations.iter().map(|op| {
        let name = ident(&op.rust_name);
        let wire = &op.name;
        let action = &op.soap_action;
        let (rm, rn) = &op.request;
        let (sm, sn) = &op.response;
        let rmod = format_ident!("{}", rm.name());
        let rid = format_ident!("{}", rn);
        let smod = format_ident!("{}", sm.name());
        let sid = format_ident!("{}", sn);
        let req_headers = op.request_headers.iter().map(|h| header(h));
        let resp_headers = op.response_headers.iter().map(|h| header(h));
        let mut doc: Vec<String> = Vec::new();
        doc.push(format!(" The `{}` operation: request `{}`, response `{}`.", op.name, op.request_element, op.response_element));
        doc.push(String::new());
        doc.push(format!(" SOAPAction: `{}`.", op.soap_action));
        let listed = |hs: &[String]| {
            if hs.is_empty() {
                "none".to_owned()
            } else {
                hs.iter().map(|h| format!("`t:{h}`")).collect::<Vec<_>>().join(", ")
            }
        };
        doc.push(format!(" Request headers: {}.", listed(&op.request_headers)));
        doc.push(format!(" Response headers: {}.", listed(&op.response_headers)));
        let vdoc = plan.versions.operations.get(&op.name);
        for line in super::versions::doc_lines(vdoc) {
            doc.push(String::new());
            doc.push(format!(" {line}"));
        }
        let since = super::versions::since(vdoc.and_then(|d| d.since));
        let gate = super::cfg(&op.gate);
        let streamed = super::stream::streamed(plan, op, &name);
        quote! {
            #(#[doc = #doc])*
            #gate
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
            pub struct #name;
            #gate
            impl crate::runtime::envelope::Operation for #name {
                const NAME: &'static str = #wire;
                const SOAP_ACTION: &'static str = #action;
                const REQUEST_HEADERS: &'static [crate::runtime::envelope::HeaderName] = &[#(#req_headers),*];
                const RESPONSE_HEADERS: &'static [crate::runtime::envelope::HeaderName] = &[#(#resp_headers),*];
                const SINCE: Option<crate::runtime::version::ExchangeVersion> = #since;
                type Request = crate::#rmod::#rid;
                type Response = crate::#smod::#sid;
            }
            #streamed
        }
    });
    let visits = plan.operations.iter().map(|op| {
        let name = ident(&op.rust_name);
        let gate = super::cfg(&op.gate);
        quote!(#gate v.visit::<#name>();)
    });
    let rows = plan.operations.iter().map(|op| {
        let name = &op.name;
        let action = &op.soap_action;
        let req = op.request_element.to_string();
        let resp = op.response_element.to_string();
        let gate = super::cfg(&op.gate);
        quote!(#gate crate::OperationInfo { name: #name, soap_action: #action, request: #req, response: #resp },)
    });
    let streamed_visits = super::stream::visits(plan);
    quote! {
        #(#items)*

        #streamed_visits

        /// Calls `v.visit::<O>()` for every operation compiled in (see the crate's features),
        /// in the WSDL's order.
        #[allow(unused_variables)] // a build may have no operation (see the crate's features)
        pub fn visit_all<V: crate::runtime::envelope::OperationVisitor>(v: &mut V) {
            #(#visits)*
        }

        /// Every operation of `services.wsdl` compiled in (see the crate's features): name,
        /// SOAP action, request and response elements.
        pub static OPERATIONS: &[crate::OperationInfo] = &[#(#rows)*];
    }
}
