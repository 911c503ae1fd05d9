//! Operations pass: WSDL operations → [`Operation`]s naming the generated element
//! wrappers of their bodies.

use std::collections::BTreeMap;

use crate::ir::{Module, Operation};
use crate::model::{Ns, QName};
use crate::naming;
use crate::wsdl;
use crate::Error;

pub fn lower(
    ops: &[wsdl::Operation],
    element_names: &BTreeMap<QName, (Module, String)>,
) -> Result<Vec<Operation>, Error> {
    let wrapper = |op: &str, q: &QName| {
        element_names.get(q).cloned().ok_or_else(|| {
            Error::Schema(format!("operation {op}: body element {q} is not declared"))
        })
    };
    let headers = |op: &str, hs: &[QName]| -> Result<Vec<String>, Error> {
        hs.iter()
            .map(|h| {
                if h.ns != Ns::Types || !element_names.contains_key(h) {
                    return Err(Error::Schema(format!("operation {op}: unknown header {h}")));
                }
                Ok(h.name.clone())
            })
            .collect()
    };
    ops.iter()
        .map(|op| {
            Ok(Operation {
                name: op.name.clone(),
                rust_name: naming::type_name(&op.name),
                soap_action: op.soap_action.clone(),
                doc: Vec::new(),
                schema_doc: op.documentation.iter().cloned().collect(),
                request: wrapper(&op.name, &op.request)?,
                request_element: op.request.clone(),
                response: wrapper(&op.name, &op.response)?,
                response_element: op.response.clone(),
                request_headers: headers(&op.name, &op.request_headers)?,
                response_headers: headers(&op.name, &op.response_headers)?,
                gate: Vec::new(),
            })
        })
        .collect()
}
