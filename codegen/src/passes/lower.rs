//! Lowering pass: the schema model → the Rust [`Plan`].
//!
//! Decides every item and its shape; names come from [`naming`](crate::naming).
//! - complex type → struct: a derived type (extension) holds its base in a `base` field
//!   (composition, not flattening: the base's fields and reader/writer code exist once, so
//!   the 383 derived types stay small), then its own elements in schema order, then its
//!   attributes. A restriction restates its content and has no `base` field.
//! - nested sequences are flattened into the owner (an optional sequence makes its members
//!   optional); a choice of one element is that element; a choice of several becomes a
//!   [`Choice`] enum, shared by every owner with the same members.
//! - `ref=` to the head of a substitution group → the head's [`Choice`] enum of members.
//! - an element whose type is abstract → the type's [`Kinds`] enum (by `xsi:type`).
//! - simple types: enumerations → enums; lists → `List<T>` aliases; unions → enums;
//!   other restrictions → aliases of their base.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::*;
use crate::model::*;
use crate::naming;
use crate::Error;

/// The schema model → a plan of items (operations and the later passes' data empty; see
/// [`super::run`]).
pub fn lower(schema: &Schema) -> Result<Plan, Error> {
    let mut lw = Lower::new(schema);
    lw.assign_names();
    lw.lower_simple_types()?;
    lw.lower_complex_types()?;
    lw.lower_elements();
    lw.lower_kinds();
    Ok(Plan {
        items: lw.items,
        index: lw.index,
        operations: Vec::new(),
        element_names: lw.element_names,
        versions: Versions::default(),
        message_elements: Vec::new(),
        conversions: Default::default(),
        accessors: Default::default(),
        choice_aliases: lw.choice_aliases,
        unpinned_choices: lw.unpinned_choices,
        summaries: BTreeMap::new(),
        streams: Default::default(),
    })
}

struct Lower<'s> {
    schema: &'s Schema,
    /// Rust names of schema types (named and anonymous).
    type_names: BTreeMap<QName, (Module, String)>,
    /// Rust names of global element wrappers (or head enums).
    element_names: BTreeMap<QName, (Module, String)>,
    /// Abstract complex types → their kinds enum.
    kinds_names: BTreeMap<QName, (Module, String)>,
    /// Substitution group heads → members (in name order), head first if concrete.
    substitution: BTreeMap<QName, Vec<QName>>,
    taken: BTreeMap<Module, BTreeSet<String>>,
    /// Choice enums already made, by signature.
    choices: BTreeMap<String, (Module, String)>,
    /// See [`Plan::choice_aliases`].
    choice_aliases: BTreeMap<(Module, String, String), String>,
    /// See [`Plan::unpinned_choices`].
    unpinned_choices: Vec<String>,
    items: Vec<Item>,
    index: Vec<IndexEntry>,
}

impl<'s> Lower<'s> {
    fn new(schema: &'s Schema) -> Self {
        Lower {
            schema,
            type_names: BTreeMap::new(),
            element_names: BTreeMap::new(),
            kinds_names: BTreeMap::new(),
            substitution: BTreeMap::new(),
            taken: [Module::Types, Module::Messages]
                .into_iter()
                .map(|m| {
                    (
                        m,
                        naming::RESERVED.iter().map(|s| (*s).to_owned()).collect(),
                    )
                })
                .collect(),
            choices: BTreeMap::new(),
            choice_aliases: BTreeMap::new(),
            unpinned_choices: Vec::new(),
            items: Vec::new(),
            index: Vec::new(),
        }
    }

    fn take(&mut self, module: Module, base: String, suffixes: &[&str]) -> String {
        let taken = self.taken.entry(module).or_default();
        naming::unique(base, suffixes, taken)
    }

    fn assign_names(&mut self) {
        let schema = self.schema;
        // Named types first: they keep their XSD names.
        let named_complex = schema
            .complex_types
            .values()
            .filter(|t| t.origin == Origin::Named);
        let named_simple = schema
            .simple_types
            .values()
            .filter(|t| t.origin == Origin::Named);
        let mut named: Vec<&QName> = named_complex
            .map(|t| &t.name)
            .chain(named_simple.map(|t| &t.name))
            .collect();
        named.sort();
        for q in named {
            let m = Module::of(q.ns);
            let n = self.take(m, naming::type_name(&q.name), &[]);
            self.type_names.insert(q.clone(), (m, n));
        }
        // Substitution groups.
        for el in schema.elements.values() {
            if let Some(head) = &el.substitution_group {
                self.substitution
                    .entry(head.clone())
                    .or_default()
                    .push(el.name.clone());
            }
        }
        for (head, members) in &mut self.substitution {
            members.sort();
            if let Some(h) = schema.elements.get(head) {
                if !h.is_abstract {
                    members.insert(0, head.clone());
                }
            }
        }
        // Global elements (wrappers, or enums for substitution heads).
        for q in schema.elements.keys() {
            let m = Module::of(q.ns);
            let n = self.take(m, naming::type_name(&q.name), &["Element"]);
            self.element_names.insert(q.clone(), (m, n));
        }
        // Anonymous types, named after their place.
        let anon_complex = schema
            .complex_types
            .values()
            .filter(|t| t.origin != Origin::Named);
        let anon_simple = schema
            .simple_types
            .values()
            .filter(|t| t.origin != Origin::Named);
        let mut anon: Vec<(&QName, &Origin)> = anon_complex
            .map(|t| (&t.name, &t.origin))
            .chain(anon_simple.map(|t| (&t.name, &t.origin)))
            .collect();
        anon.sort_by(|a, b| a.0.cmp(b.0));
        for (q, origin) in anon {
            let m = Module::of(q.ns);
            let base = match origin {
                Origin::Named => unreachable!("filtered above"),
                Origin::GlobalElement(el) => format!("{}Content", naming::type_name(&el.name)),
                Origin::Local { owner, member } => {
                    let owner_rust = self
                        .type_names
                        .get(owner)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_else(|| naming::type_name(&owner.name.replace('#', " ")));
                    format!("{}{}", naming::stem(&owner_rust), naming::type_name(member))
                }
            };
            let n = self.take(m, base, &["Type", "Content"]);
            self.type_names.insert(q.clone(), (m, n));
        }
        // Kinds enums for abstract types with concrete descendants.
        let abstracts: Vec<QName> = schema
            .complex_types
            .values()
            .filter(|t| t.is_abstract)
            .map(|t| t.name.clone())
            .collect();
        for q in abstracts {
            if self.descendants(&q).is_empty() {
                continue;
            }
            let m = Module::of(q.ns);
            let rust = self.type_names[&q].1.clone();
            let n = self.take(m, format!("{}Kind", naming::stem(&rust)), &["Enum"]);
            self.kinds_names.insert(q, (m, n));
        }
    }

    /// Concrete (non-abstract) types derived from `q` by extension, directly or not.
    fn descendants(&self, q: &QName) -> Vec<QName> {
        let mut out = Vec::new();
        let mut todo = vec![q.clone()];
        while let Some(cur) = todo.pop() {
            for t in self.schema.complex_types.values() {
                if let Some(Derivation::Extension(TypeRef::Named(b))) = &t.base {
                    if *b == cur {
                        if !t.is_abstract {
                            out.push(t.name.clone());
                        }
                        todo.push(t.name.clone());
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn ty(&self, t: &TypeRef) -> Ty {
        match t {
            TypeRef::Builtin(Builtin::AnyType) => Ty::AnyContent,
            TypeRef::Builtin(b) => Ty::Builtin(*b),
            TypeRef::Named(q) => {
                let (m, n) = &self.type_names[q];
                Ty::Item(*m, n.clone())
            }
        }
    }

    /// The type of an element field: the kinds enum for abstract types.
    fn element_ty(&self, t: &TypeRef) -> Ty {
        if let TypeRef::Named(q) = t {
            if let Some((m, n)) = self.kinds_names.get(q) {
                return Ty::Item(*m, n.clone());
            }
        }
        self.ty(t)
    }

    /// [`element_ty`](Self::element_ty) of an element declaration, as [`Ty::Nillable`] when
    /// it is declared `nillable="true"`.
    fn declared_ty(&self, t: &TypeRef, nillable: bool) -> Ty {
        let ty = self.element_ty(t);
        if nillable {
            Ty::Nillable(Box::new(ty))
        } else {
            ty
        }
    }

    fn push(&mut self, module: Module, name: String, doc: Docs, kind: ItemKind) {
        self.items.push(Item {
            module,
            name,
            doc: doc.ours,
            schema_doc: doc.schema,
            kind,
            facets: Vec::new(),
            gate: Vec::new(),
        });
    }

    fn index_entry(&mut self, kind: IndexKind, xsd: &QName, module: Module, rust: &str) {
        self.index.push(IndexEntry {
            kind,
            xsd: xsd.clone(),
            module,
            rust: rust.to_owned(),
        });
    }

    fn lower_simple_types(&mut self) -> Result<(), Error> {
        for st in self.schema.simple_types.values() {
            let (m, name) = self.type_names[&st.name].clone();
            let mut doc = Docs::schema(&st.doc);
            let kind = match &st.kind {
                SimpleKind::Restriction {
                    enumeration, base, ..
                } if !enumeration.is_empty() => {
                    let mut taken = BTreeSet::new();
                    // `Unlisted` is the catch-all variant.
                    taken.insert("Unlisted".to_owned());
                    let values = enumeration
                        .iter()
                        .map(|v| EnumVariant {
                            name: naming::unique(naming::type_name(&v.value), &[], &mut taken),
                            value: v.value.clone(),
                            doc: Vec::new(),
                            schema_doc: v.doc.clone(),
                        })
                        .collect();
                    ItemKind::Enum(Enumeration {
                        xsd: st.name.clone(),
                        values,
                        collapse: self.collapses(base),
                    })
                }
                SimpleKind::Restriction { base, facets, .. } => {
                    for f in facets {
                        doc.ours
                            .push(format!("Restriction: `{}` = `{}`.", f.kind, f.value));
                    }
                    ItemKind::Alias(AliasTarget::Ty(self.ty(base)))
                }
                SimpleKind::List(item) => ItemKind::Alias(AliasTarget::List(self.ty(item))),
                SimpleKind::Union(members) => {
                    let mut taken = BTreeSet::new();
                    let variants = members
                        .iter()
                        .map(|t| {
                            let base = match t {
                                TypeRef::Builtin(b) => naming::type_name(&format!("{b:?}")),
                                TypeRef::Named(_) => match self.ty(t) {
                                    Ty::Item(_, n) => n,
                                    _ => "Value".into(),
                                },
                            };
                            Variant {
                                name: naming::unique(base, &[], &mut taken),
                                ty: self.ty(t),
                            }
                        })
                        .collect();
                    ItemKind::Union(variants)
                }
            };
            if st.origin == Origin::Named {
                self.index_entry(IndexKind::SimpleType, &st.name, m, &name);
            }
            self.push(m, name, doc, kind);
            let facets = self.facets_of(&st.name);
            if let Some(last) = self.items.last_mut() {
                last.facets = facets;
            }
        }
        Ok(())
    }

    /// The facets of simple type `q` that restricts a type (not an enumeration), its bases'
    /// included: a facet restated lower down overrides the base's.
    fn facets_of(&self, q: &QName) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut cur = Some(q.clone());
        // A restriction chain is short; the bound only guards against a cycle.
        for _ in 0..64 {
            let Some(st) = cur.and_then(|q| self.schema.simple_types.get(&q)) else {
                break;
            };
            let SimpleKind::Restriction {
                base,
                facets,
                enumeration,
            } = &st.kind
            else {
                break;
            };
            if !enumeration.is_empty() {
                break;
            }
            for f in facets {
                if !out.iter().any(|(k, _)| *k == f.kind) {
                    out.push((f.kind.to_owned(), f.value.clone()));
                }
            }
            cur = match base {
                TypeRef::Named(b) => Some(b.clone()),
                TypeRef::Builtin(_) => None,
            };
        }
        out
    }

    /// Whether values of simple type `t` have their whitespace collapsed (XML Schema's
    /// `whiteSpace` facet): every built-in type but `string` and `normalizedString`, and
    /// what restricts them.
    fn collapses(&self, t: &TypeRef) -> bool {
        let mut cur = t.clone();
        // A restriction chain is short; the bound only guards against a cycle.
        for _ in 0..64 {
            match cur {
                TypeRef::Builtin(b) => {
                    return !matches!(b, Builtin::String | Builtin::NormalizedString)
                }
                TypeRef::Named(q) => match self.schema.simple_types.get(&q).map(|s| &s.kind) {
                    Some(SimpleKind::Restriction { base, .. }) => cur = base.clone(),
                    _ => return true,
                },
            }
        }
        true
    }

    /// Whether `q` is `m:ResponseMessageType` or derives from it.
    fn is_response_message(&self, q: &QName) -> bool {
        let mut cur = Some(q.clone());
        let mut guard = 0;
        while let Some(c) = cur {
            if c.ns == Ns::Messages && c.name == "ResponseMessageType" {
                return true;
            }
            guard += 1;
            if guard > 64 {
                return false;
            }
            cur = match self
                .schema
                .complex_types
                .get(&c)
                .and_then(|t| t.base.as_ref())
            {
                Some(Derivation::Extension(TypeRef::Named(b))) => Some(b.clone()),
                _ => None,
            };
        }
        false
    }

    fn lower_complex_types(&mut self) -> Result<(), Error> {
        // Array types first: a choice shared with them is named after the array's items.
        let mut order: Vec<ComplexType> = self.schema.complex_types.values().cloned().collect();
        order.sort_by(|a, b| {
            let key = |ct: &ComplexType| (!naming::is_array(&ct.name.name), ct.name.clone());
            key(a).cmp(&key(b))
        });
        for ct in &order {
            self.lower_complex_type(ct)?;
        }
        Ok(())
    }

    /// One complex type → its struct: the content's fields, then the attributes', then the
    /// `xs:anyAttribute` slot.
    fn lower_complex_type(&mut self, ct: &ComplexType) -> Result<(), Error> {
        let (m, name) = self.type_names[&ct.name].clone();
        let is_response_message = self.is_response_message(&ct.name)
            && !(ct.name.ns == Ns::Messages && ct.name.name == "ResponseMessageType");
        // `base` is reserved for the base type, `unknown` for the unknown content.
        let mut field_names: BTreeSet<String> =
            ["base", "unknown"].iter().map(|s| s.to_string()).collect();
        let base = match &ct.base {
            Some(Derivation::Extension(b)) => Some(self.ty(b)),
            _ => None,
        };
        let mut fields = self.content_fields(ct, &name, is_response_message, &mut field_names)?;
        fields.extend(self.attribute_fields(ct, &mut field_names));
        if ct.any_attribute {
            fields.push(any_attributes_field(&mut field_names));
        }
        let mut doc = Docs::schema(&ct.doc);
        if is_response_message {
            doc.ours.push(
                "Payload fields are optional here even where the schema requires them: \
                 servers omit them in `Error` responses."
                    .into(),
            );
        }
        if ct.origin == Origin::Named {
            self.index_entry(IndexKind::ComplexType, &ct.name, m, &name);
        }
        self.push(
            m,
            name,
            doc,
            ItemKind::Struct(Struct {
                xsd: ct.name.clone(),
                base,
                fields,
                is_abstract: ct.is_abstract,
                is_response_message,
                response: ResponseDerive::None,
                unordered: matches!(&ct.content, Content::Complex(g) if g.kind == GroupKind::All),
                only_child: None,
            }),
        );
        Ok(())
    }

    /// The fields of a complex type's content: its text, or its flattened members.
    fn content_fields(
        &mut self,
        ct: &ComplexType,
        name: &str,
        is_response_message: bool,
        field_names: &mut BTreeSet<String>,
    ) -> Result<Vec<Field>, Error> {
        match &ct.content {
            Content::Empty => Ok(Vec::new()),
            Content::Simple(t) => {
                field_names.insert("value".into());
                Ok(vec![Field {
                    name: "value".into(),
                    doc: vec!["The element's text.".into()],
                    schema_doc: Vec::new(),
                    ty: self.ty(t),
                    card: Card::One,
                    at_least_one: false,
                    success_only: false,
                    required_choice: false,
                    constraint: None,
                    boxed: false,
                    xml: XmlBinding::Text,
                }])
            }
            Content::Complex(g) => {
                let mut members = Vec::new();
                flatten(&ct.name, g, Occurs::ONE, &mut members)?;
                members
                    .into_iter()
                    .map(|member| {
                        self.member_field(ct, name, member, is_response_message, field_names)
                    })
                    .collect()
            }
        }
    }

    /// The fields of a complex type's attributes (a restriction keeps the base's attributes
    /// it does not restate).
    fn attribute_fields(
        &mut self,
        ct: &ComplexType,
        field_names: &mut BTreeSet<String>,
    ) -> Vec<Field> {
        let mut attributes = ct.attributes.clone();
        if let Some(Derivation::Restriction(TypeRef::Named(b))) = &ct.base {
            for a in self.all_attributes(b) {
                if !attributes.iter().any(|x| x.name == a.name && x.ns == a.ns) {
                    attributes.push(a);
                }
            }
        }
        attributes
            .iter()
            .map(|a| self.attribute_field(a, field_names))
            .collect()
    }

    fn attribute_field(&mut self, a: &Attribute, field_names: &mut BTreeSet<String>) -> Field {
        let mut fname = naming::field_name(&a.name);
        if field_names.contains(&fname) {
            fname.push_str("_attr");
        }
        let fname = naming::unique(fname, &["_2"], field_names);
        let mut doc = Vec::new();
        doc.push(format!(
            "Attribute `{}`{}.",
            a.name,
            if a.required { " (required)" } else { "" }
        ));
        let constraint = ValueConstraint::of(&a.default, &a.fixed);
        doc.extend(constraint.as_ref().map(constraint_doc));
        Field {
            name: fname,
            doc,
            schema_doc: a.doc.clone(),
            ty: self.ty(&a.type_),
            card: if a.required {
                Card::One
            } else {
                Card::Optional
            },
            at_least_one: false,
            success_only: false,
            required_choice: false,
            constraint,
            boxed: false,
            xml: XmlBinding::Attribute {
                ns: a.ns,
                name: a.name.clone(),
            },
        }
    }

    /// All attributes of `q` including inherited ones.
    fn all_attributes(&self, q: &QName) -> Vec<Attribute> {
        let Some(t) = self.schema.complex_types.get(q) else {
            return Vec::new();
        };
        let mut out = match &t.base {
            Some(Derivation::Extension(TypeRef::Named(b))) => self.all_attributes(b),
            _ => Vec::new(),
        };
        out.extend(t.attributes.iter().cloned());
        out
    }

    fn member_field(
        &mut self,
        ct: &ComplexType,
        owner_rust: &str,
        member: Member,
        response_payload: bool,
        field_names: &mut BTreeSet<String>,
    ) -> Result<Field, Error> {
        let card = |occ: Occurs| {
            if occ.max.is_many() {
                Card::Many
            } else if occ.min == 0 || response_payload {
                Card::Optional
            } else {
                Card::One
            }
        };
        Ok(match member {
            Member::Element(el, occ) => {
                if let Some(members) = self.substitution.get(&el.name).cloned() {
                    // A reference to a substitution group head: any member may appear.
                    let (m, n) = self.head_enum(&el.name, &members);
                    let fname =
                        naming::unique(naming::field_name(&el.name.name), &["_2"], field_names);
                    return Ok(Field {
                        name: fname,
                        doc: Vec::new(),
                        schema_doc: el.doc.clone(),
                        ty: Ty::Item(m, n),
                        card: card(occ),
                        at_least_one: occ.max.is_many() && occ.min > 0,
                        success_only: response_payload && occ.min > 0,
                        required_choice: false,
                        constraint: None,
                        boxed: false,
                        xml: XmlBinding::Choice,
                    });
                }
                let constraint = ValueConstraint::of(&el.default, &el.fixed);
                let doc: Vec<String> = constraint.iter().map(constraint_doc).collect();
                let fname = naming::unique(naming::field_name(&el.name.name), &["_2"], field_names);
                Field {
                    name: fname,
                    doc,
                    schema_doc: el.doc.clone(),
                    ty: self.declared_ty(&el.type_, el.nillable),
                    card: card(occ),
                    at_least_one: occ.max.is_many() && occ.min > 0,
                    success_only: response_payload && occ.min > 0,
                    required_choice: false,
                    constraint,
                    boxed: false,
                    xml: XmlBinding::Element {
                        ns: el.name.ns,
                        name: el.name.name.clone(),
                    },
                }
            }
            Member::Choice(els, occ) => {
                let names: Vec<&str> = els.iter().map(|(e, _)| e.name.name.as_str()).collect();
                let field_camel = naming::choice_field(&ct.name.name, &names, occ.max.is_many());
                if naming::pinned_choice_field(&ct.name.name, &names).is_none() {
                    self.unpinned_choices.push(format!(
                        "{}: {} -> {field_camel}",
                        ct.name.name,
                        names.join(", ")
                    ));
                }
                let (m, n, alias) =
                    self.choice_enum(owner_rust, &field_camel, occ.max.is_many(), &els);
                let fname = naming::unique(naming::field_name(&field_camel), &["_2"], field_names);
                if let Some(alias) = alias {
                    let owner_module = self.type_names[&ct.name].0;
                    let key = (owner_module, owner_rust.to_owned(), fname.clone());
                    self.choice_aliases.insert(key, alias);
                }
                let listing = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Field {
                    name: fname,
                    doc: vec![format!("One of {listing}.")],
                    schema_doc: Vec::new(),
                    ty: Ty::Item(m, n),
                    card: card(occ),
                    at_least_one: occ.max.is_many() && occ.min > 0,
                    success_only: response_payload && occ.min > 0,
                    required_choice: false,
                    constraint: None,
                    boxed: false,
                    xml: XmlBinding::Choice,
                }
            }
            Member::Any(w) => {
                let fname = naming::unique("any".into(), &["_2"], field_names);
                Field {
                    name: fname,
                    doc: vec![format!(
                        "Content allowed by `xs:any` (namespace `{}`, processContents `{}`), kept as raw XML.",
                        w.namespace, w.process_contents
                    )],
                    schema_doc: Vec::new(),
                    ty: Ty::AnyContent,
                    card: Card::Many,
                    at_least_one: false,
success_only: false,
required_choice: false,
constraint: None,
                    boxed: false,
                    xml: XmlBinding::Any,
                }
            }
        })
    }

    fn head_enum(&mut self, head: &QName, members: &[QName]) -> (Module, String) {
        let (m, n) = self.element_names[head].clone();
        let key = format!("head:{head}");
        if self.choices.contains_key(&key) {
            return (m, n);
        }
        self.choices.insert(key, (m, n.clone()));
        let mut taken = BTreeSet::new();
        let variants = members
            .iter()
            .map(|q| {
                let el = &self.schema.elements[q];
                ChoiceVariant {
                    name: naming::unique(naming::type_name(&q.name), &[], &mut taken),
                    element: q.clone(),
                    ty: self.declared_ty(&el.type_, el.nillable),
                    many: false,
                    boxed: false,
                    gate: Vec::new(),
                    doc: Vec::new(),
                    schema_doc: el.doc.clone(),
                }
            })
            .collect();
        let doc = Docs::ours(format!(
            "The substitution group of `{head}`: any of its member elements."
        ));
        self.push(
            m,
            n.clone(),
            doc,
            ItemKind::Choice(Choice {
                variants,
                response_message: false,
            }),
        );
        (m, n)
    }

    fn choice_enum(
        &mut self,
        owner_rust: &str,
        field_camel: &str,
        repeated: bool,
        els: &[(LocalElement, bool)],
    ) -> (Module, String, Option<String>) {
        // A member that refers to a substitution group head stands for every member of the
        // group: each becomes a variant of its own.
        let mut members: Vec<(QName, Ty, bool, Vec<String>)> = Vec::new();
        for (e, many) in els {
            match self.substitution.get(&e.name) {
                Some(group) => {
                    for q in group {
                        let g = &self.schema.elements[q];
                        let ty = self.declared_ty(&g.type_, g.nillable);
                        members.push((q.clone(), ty, *many, g.doc.clone()));
                    }
                }
                None => {
                    let ty = self.declared_ty(&e.type_, e.nillable);
                    members.push((e.name.clone(), ty, *many, e.doc.clone()));
                }
            }
        }
        let variants: Vec<ChoiceVariant> = {
            let mut taken = BTreeSet::new();
            members
                .iter()
                .map(|(name, ty, many, doc)| ChoiceVariant {
                    name: naming::unique(naming::type_name(&name.name), &[], &mut taken),
                    element: name.clone(),
                    ty: ty.clone(),
                    many: *many,
                    boxed: false,
                    gate: Vec::new(),
                    doc: Vec::new(),
                    schema_doc: doc.clone(),
                })
                .collect()
        };
        let signature = variants
            .iter()
            .map(|v| format!("{}={:?}{}", v.element, v.ty, v.many))
            .collect::<Vec<_>>()
            .join(",");
        let base = naming::choice_enum(owner_rust, field_camel, repeated);
        if let Some((module, name)) = self.choices.get(&signature).cloned() {
            // Shared with an earlier owner: this owner names it by an alias of its own, so
            // that its field keeps its type's name when the two choices part.
            let alias = (base != name).then(|| self.take(module, base, &["Choice"]));
            return (module, name, alias);
        }
        let module = Module::of(els.first().map(|(e, _)| e.name.ns).unwrap_or(Ns::Types));
        let name = self.take(module, base, &["Choice"]);
        self.choices.insert(signature, (module, name.clone()));
        let doc = Docs::ours(format!(
            "XSD: an `xs:choice` in the content of `{owner_rust}`."
        ));
        self.push(
            module,
            name.clone(),
            doc,
            ItemKind::Choice(Choice {
                variants,
                response_message: false,
            }),
        );
        (module, name, None)
    }

    fn lower_elements(&mut self) {
        let elements: Vec<Element> = self.schema.elements.values().cloned().collect();
        for el in elements {
            let (m, n) = self.element_names[&el.name].clone();
            self.index_entry(IndexKind::Element, &el.name, m, &n);
            if let Some(members) = self.substitution.get(&el.name).cloned() {
                self.head_enum(&el.name, &members);
                continue;
            }
            let mut doc = Docs::schema(&el.doc);
            doc.ours.push(format!("The global element `{}`.", el.name));
            let ty = self.element_ty(&el.type_);
            self.push(
                m,
                n,
                doc,
                ItemKind::Element(ElementWrapper {
                    xsd: el.name.clone(),
                    ty,
                }),
            );
        }
    }

    fn lower_kinds(&mut self) {
        let kinds: Vec<(QName, (Module, String))> = self
            .kinds_names
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (q, (m, n)) in kinds {
            let mut taken = BTreeSet::new();
            let variants = self
                .descendants(&q)
                .into_iter()
                .map(|d| {
                    let rust = self.type_names[&d].1.clone();
                    KindVariant {
                        name: naming::unique(naming::stem(&rust).to_owned(), &[], &mut taken),
                        ty: self.ty(&TypeRef::Named(d.clone())),
                        xsi_type: d,
                        boxed: false,
                    }
                })
                .collect();
            let doc = Docs::ours(format!(
                "A value of the abstract type `{q}`: one of its concrete types, chosen on the \
                 wire by `xsi:type`."
            ));
            self.push(m, n, doc, ItemKind::Kinds(Kinds { base: q, variants }));
        }
    }
}

/// A member of a flattened content model.
enum Member {
    Element(LocalElement, Occurs),
    /// A choice between elements; `bool` = the member may repeat inside one choice.
    Choice(Vec<(LocalElement, bool)>, Occurs),
    Any(Wildcard),
}

fn times(a: Occurs, b: Occurs) -> Occurs {
    let max = match (a.max, b.max) {
        (Max::Bounded(x), Max::Bounded(y)) => Max::Bounded(x.saturating_mul(y)),
        _ => Max::Unbounded,
    };
    Occurs {
        min: a.min.saturating_mul(b.min),
        max,
    }
}

fn flatten(owner: &QName, g: &Group, outer: Occurs, out: &mut Vec<Member>) -> Result<(), Error> {
    let occ = times(outer, g.occurs);
    match g.kind {
        GroupKind::Sequence | GroupKind::All => {
            if occ.max.is_many() && g.particles.len() > 1 {
                return Err(Error::Schema(format!(
                    "{owner}: a repeated sequence of several particles is not supported"
                )));
            }
            for p in &g.particles {
                match p {
                    Particle::Element(el) => {
                        out.push(Member::Element(el.clone(), times(occ, el.occurs)))
                    }
                    Particle::Group(inner) => flatten(owner, inner, occ, out)?,
                    Particle::Any(w) => out.push(Member::Any(w.clone())),
                }
            }
        }
        GroupKind::Choice => {
            let mut els = Vec::new();
            for p in &g.particles {
                match p {
                    Particle::Element(el) => els.push(el.clone()),
                    Particle::Any(w) if g.particles.len() == 1 => {
                        out.push(Member::Any(w.clone()));
                        return Ok(());
                    }
                    _ => {
                        return Err(Error::Schema(format!(
                            "{owner}: a choice containing groups or wildcards is not supported"
                        )))
                    }
                }
            }
            if els.len() == 1 {
                let el = els.remove(0);
                let o = times(occ, el.occurs);
                out.push(Member::Element(el, o));
            } else {
                // Inside one choice, a member that may repeat holds a Vec — unless the
                // choice itself repeats, where each occurrence is one more entry.
                let repeated_choice = occ.max.is_many();
                let any_optional = els.iter().any(|e| e.occurs.min == 0);
                let members = els
                    .into_iter()
                    .map(|e| {
                        let many = !repeated_choice && e.occurs.max.is_many();
                        (e, many)
                    })
                    .collect();
                let mut o = occ;
                if any_optional {
                    o.min = 0;
                }
                out.push(Member::Choice(members, o));
            }
        }
    }
    Ok(())
}

/// An item's documentation while it is lowered: our lines, and the schema's annotation (kept
/// apart: it is never emitted, see [`Item::schema_doc`]).
struct Docs {
    ours: Vec<String>,
    schema: Vec<String>,
}

impl Docs {
    fn schema(annotation: &[String]) -> Docs {
        Docs {
            ours: Vec::new(),
            schema: annotation.to_vec(),
        }
    }

    fn ours(line: String) -> Docs {
        Docs {
            ours: vec![line],
            schema: Vec::new(),
        }
    }
}

/// The doc line of a field with a `default=` or `fixed=` value.
fn constraint_doc(c: &ValueConstraint) -> String {
    match c {
        ValueConstraint::Default(d) => {
            format!("Default when absent: `{d}` (see the `_DEFAULT` constant).")
        }
        ValueConstraint::Fixed(f) => format!(
            "Fixed by the schema to `{f}` (see the `_FIXED` constant): another value is refused \
             when read and reported when written."
        ),
    }
}

/// The slot of `xs:anyAttribute`: the attributes it allows, kept as read.
fn any_attributes_field(field_names: &mut BTreeSet<String>) -> Field {
    Field {
        name: naming::unique("other_attributes".into(), &[], field_names),
        doc: vec!["Attributes allowed by `xs:anyAttribute`, kept as read.".into()],
        schema_doc: Vec::new(),
        ty: Ty::AnyContent,
        card: Card::Many,
        at_least_one: false,
        success_only: false,
        required_choice: false,
        constraint: None,
        boxed: false,
        xml: XmlBinding::AnyAttributes,
    }
}

/// The hard parts of lowering, checked on the plan (not on generated text): tiny `t:`
/// schemas written for each test (`test_schemas/`), loaded and resolved as the real ones
/// are.
#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The plan `lower` makes of `test_schemas/<name>.xsd` (a tiny `t:` schema written for
    /// the test) as `types.xsd`, beside the fixtures' `messages.xsd`, which only imports it.
    pub(crate) fn lowered(name: &str) -> Plan {
        try_lower(name).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// [`lowered`], or the error lowering refuses the schema with.
    fn try_lower(name: &str) -> Result<Plan, Error> {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::temp_dir().join(format!("codegen-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let schema = here.join(format!("src/passes/test_schemas/{name}.xsd"));
        std::fs::copy(schema, dir.join("types.xsd")).unwrap();
        let messages = here.join("tests/fixtures/messages.xsd");
        std::fs::copy(messages, dir.join("messages.xsd")).unwrap();
        let loaded = crate::load::load(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let mut schema = loaded?;
        crate::passes::resolve::resolve(&mut schema)?;
        lower(&schema)
    }

    /// The struct named `name` in `t:`.
    pub(crate) fn strukt<'p>(plan: &'p Plan, name: &str) -> &'p Struct {
        match plan
            .item(&Ty::Item(Module::Types, name.into()))
            .map(|it| &it.kind)
        {
            Some(ItemKind::Struct(s)) => s,
            other => panic!("{name}: {other:?}"),
        }
    }

    /// The field `name` of `s`.
    pub(crate) fn field<'s>(s: &'s Struct, name: &str) -> &'s Field {
        s.fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no field {name} in {:?}", s.xsd))
    }

    /// The choice enum a field holds.
    fn choice<'p>(plan: &'p Plan, f: &Field) -> &'p Choice {
        match plan.item(&f.ty).map(|it| &it.kind) {
            Some(ItemKind::Choice(c)) => c,
            other => panic!("{}: {other:?}", f.name),
        }
    }

    fn names(s: &Struct) -> Vec<&str> {
        s.fields.iter().map(|f| f.name.as_str()).collect()
    }

    fn element(f: &Field) -> &str {
        match &f.xml {
            XmlBinding::Element {
                ns: Ns::Types,
                name,
            } => name,
            other => panic!("{}: {other:?}", f.name),
        }
    }

    /// An extension holds its base in `base` and flattens its own content (nested
    /// sequences, a single-element choice) into fields, the occurrences multiplied.
    #[test]
    fn extension_and_nested_sequences_flatten_into_fields() {
        let plan = lowered("flatten");
        let base = strukt(&plan, "BaseType");
        assert_eq!(base.base, None);
        assert_eq!(names(base), ["id"]);
        assert_eq!(field(base, "id").card, Card::One);

        let s = strukt(&plan, "DerivedType");
        assert_eq!(s.base, Some(Ty::Item(Module::Types, "BaseType".into())));
        // The base's fields stay in the base; an attribute named like an element gets
        // `_attr`.
        assert_eq!(names(s), ["size", "start", "entry", "only", "size_attr"]);
        let cards: Vec<Card> = s.fields.iter().map(|f| f.card).collect();
        // `Start` is required inside an optional sequence: optional; `Entry` repeats.
        assert_eq!(
            cards,
            [
                Card::Optional,
                Card::Optional,
                Card::Many,
                Card::One,
                Card::Optional
            ]
        );
        assert!(
            !field(s, "entry").at_least_one,
            "the sequence may be absent"
        );
        assert_eq!(element(field(s, "start")), "Start");
        // A choice of one element is just that element.
        assert_eq!(element(field(s, "only")), "Only");
        assert!(matches!(
            &field(s, "size_attr").xml,
            XmlBinding::Attribute { name, .. } if name == "Size"
        ));
    }

    /// A repeated sequence of several particles has no field shape: refused by name.
    #[test]
    fn a_repeated_sequence_of_several_particles_is_refused() {
        let err = try_lower("pairs").expect_err("refused").to_string();
        assert!(err.contains("PairsType"), "{err}");
        assert!(err.contains("repeated sequence"), "{err}");
    }

    /// A choice of several elements is one field holding an enum with a variant per
    /// element: a member repeating inside a single choice holds a `Vec`, a repeated choice
    /// is a `Vec` of single members, an optional member makes the field optional, and an
    /// identical choice elsewhere shares the enum through an alias of its owner's.
    #[test]
    fn choices_become_member_fields() {
        let plan = lowered("choices");
        let pin = strukt(&plan, "PinType");
        assert_eq!(pin.fields.len(), 2, "{:?}", names(pin));
        let f = &pin.fields[1];
        assert_eq!((f.card, &f.xml), (Card::One, &XmlBinding::Choice));
        let c = choice(&plan, f);
        let members: Vec<(String, bool)> = c
            .variants
            .iter()
            .map(|v| (v.element.to_string(), v.many))
            .collect();
        assert_eq!(
            members,
            [
                ("t:NoteId".to_owned(), false),
                ("t:LabelId".to_owned(), true)
            ]
        );
        assert_eq!(c.variants[1].ty, Ty::Builtin(Builtin::Int));

        let array = strukt(&plan, "ArrayOfThingsType");
        let [f] = array.fields.as_slice() else {
            panic!("{:?}", names(array))
        };
        assert_eq!((f.card, f.at_least_one), (Card::Many, false));
        // Each occurrence of a repeated choice is one entry: no `Vec` inside.
        assert!(choice(&plan, f).variants.iter().all(|v| !v.many));

        let maybe = strukt(&plan, "MaybeType");
        assert_eq!(maybe.fields[0].card, Card::Optional);

        // The same members in another owner: the same enum, named there by an alias.
        let other = strukt(&plan, "OtherPinType");
        let (o, p) = (&other.fields[0], &pin.fields[1]);
        assert_eq!(o.ty, p.ty);
        let owner = plan
            .item(&Ty::Item(Module::Types, "OtherPinType".into()))
            .unwrap();
        let pin_item = plan
            .item(&Ty::Item(Module::Types, "PinType".into()))
            .unwrap();
        let shared_by_alias = plan.declared_ty(owner, o) != o.ty;
        let shared_by_pin = plan.declared_ty(pin_item, p) != p.ty;
        assert!(
            shared_by_alias ^ shared_by_pin,
            "one owner names the enum itself, the other by an alias"
        );
    }
}
