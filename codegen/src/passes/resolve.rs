//! Resolution pass: fills in what the loader could not know in document order.
//!
//! - `ref=` elements take the type of the global element they refer to;
//! - `simpleContent` extensions of a *complex* type (one with simple content)
//!   become ordinary extensions of that type;
//! - every referenced type must exist.

use crate::model::*;
use crate::Error;

pub fn resolve(schema: &mut Schema) -> Result<(), Error> {
    let elements = schema.elements.clone();
    let complex_names: Vec<QName> = schema.complex_types.keys().cloned().collect();
    for name in &complex_names {
        let is_complex = |t: &TypeRef| matches!(t, TypeRef::Named(q) if complex_names.contains(q));
        let ct = schema.complex_types.get_mut(name).expect("listed above");
        if let Content::Simple(base) = &ct.content {
            if is_complex(base) {
                ct.base = Some(Derivation::Extension(base.clone()));
                ct.content = Content::Empty;
            }
        }
        if let Content::Complex(g) = &mut ct.content {
            fill_refs(name, g, &elements)?;
        }
    }
    check_refs(schema)
}

fn fill_refs(
    owner: &QName,
    g: &mut Group,
    elements: &std::collections::BTreeMap<QName, Element>,
) -> Result<(), Error> {
    for p in &mut g.particles {
        match p {
            Particle::Element(el) if el.is_ref => {
                let global = elements.get(&el.name).ok_or_else(|| {
                    Error::Schema(format!("{owner}: ref to unknown element {}", el.name))
                })?;
                el.type_ = global.type_.clone();
                if el.doc.is_empty() {
                    el.doc = global.doc.clone();
                }
            }
            Particle::Group(inner) => fill_refs(owner, inner, elements)?,
            _ => {}
        }
    }
    Ok(())
}

fn check_refs(schema: &Schema) -> Result<(), Error> {
    let exists = |t: &TypeRef| match t {
        TypeRef::Builtin(_) => true,
        TypeRef::Named(q) => {
            schema.complex_types.contains_key(q) || schema.simple_types.contains_key(q)
        }
    };
    let check = |ctx: &dyn std::fmt::Display, t: &TypeRef| {
        if exists(t) {
            Ok(())
        } else {
            Err(Error::Schema(format!("{ctx}: unknown type {t:?}")))
        }
    };
    for ct in schema.complex_types.values() {
        if let Some(Derivation::Extension(b) | Derivation::Restriction(b)) = &ct.base {
            check(&ct.name, b)?;
        }
        if let Content::Simple(t) = &ct.content {
            check(&ct.name, t)?;
        }
        for a in &ct.attributes {
            check(&ct.name, &a.type_)?;
        }
        if let Content::Complex(g) = &ct.content {
            let mut stack = vec![g];
            while let Some(g) = stack.pop() {
                for p in &g.particles {
                    match p {
                        Particle::Element(el) => check(&ct.name, &el.type_)?,
                        Particle::Group(inner) => stack.push(inner),
                        Particle::Any(_) => {}
                    }
                }
            }
        }
    }
    for st in schema.simple_types.values() {
        match &st.kind {
            SimpleKind::Restriction { base, .. } => check(&st.name, base)?,
            SimpleKind::List(item) => check(&st.name, item)?,
            SimpleKind::Union(members) => {
                for m in members {
                    check(&st.name, m)?;
                }
            }
        }
    }
    for el in schema.elements.values() {
        check(&el.name, &el.type_)?;
    }
    Ok(())
}
