//! XSD loading: xsd-parser reads and resolves the schema files; this module lowers
//! its parsed documents into our [`model`](crate::model).
//!
//! xsd-parser's types stop here. We use its parser (which resolves imports and
//! the prefixes of every QName) but not its interpreter: the interpreter merges
//! an extension's base content into the derived type and names anonymous types
//! with counters, while we keep each type's own content (derived types hold their
//! base, see `emit/types.rs`) and name anonymous types after their place.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use xsd_parser::models::schema::xs::{
    AttributeGroupType, AttributeGroupTypeContent, AttributeInnerType, AttributeUseType,
    ComplexBaseType, ComplexBaseTypeContent, ComplexContentContent, ElementType,
    ElementTypeContent, ExtensionTypeContent, Facet as XsFacet, GroupType, GroupTypeContent,
    NamespaceListType, ProcessContentsType, RestrictionTypeContent, SchemaContent, SimpleBaseType,
    SimpleBaseTypeContent, SimpleContentContent,
};
use xsd_parser::models::schema::{MaxOccurs, QName as XsQName};
use xsd_parser::pipeline::parser::resolver::{
    FileResolver, ResolveRequest, ResolveResult, Resolver,
};
use xsd_parser::Parser;

use crate::model::*;
use crate::Error;

/// Our own minimal schema for the XML namespace (`xml:lang` and friends).
pub(crate) const XML_NAMESPACE_XSD: &str = include_str!("xml.xsd");

/// Loads `messages.xsd` (which imports `types.xsd`) from `dir` into the model.
pub fn load(dir: &Path) -> Result<Schema, Error> {
    let messages = dir.join("messages.xsd");
    let parser = Parser::new()
        .with_resolver(EwsResolver)
        .resolve_includes(true)
        .with_default_namespaces()
        .add_schema_from_file(&messages)
        .map_err(|e| Error::Schema(format!("reading {}: {e}", messages.display())))?;
    let schemas = parser.finish();

    let mut docs = Vec::new();
    for (_, info) in schemas.schemas() {
        let Some(tns) = info.schema.target_namespace.as_deref() else {
            continue;
        };
        let Some(ns) = Ns::from_uri(tns) else {
            continue;
        };
        if ns == Ns::Xml {
            continue;
        }
        docs.push((ns, &info.schema));
    }
    docs.sort_by_key(|(ns, _)| *ns);

    // Pass 1: named groups and attribute groups, for `ref=` expansion.
    let mut lw = Lowerer::default();
    for (ns, doc) in &docs {
        for c in &doc.content {
            match c {
                SchemaContent::Group(g) => {
                    if let Some(name) = &g.name {
                        lw.groups
                            .insert(QName::new(*ns, name.clone()), (*g).clone());
                    }
                }
                SchemaContent::AttributeGroup(g) => {
                    if let Some(name) = &g.name {
                        lw.attribute_groups
                            .insert(QName::new(*ns, name.clone()), (*g).clone());
                    }
                }
                _ => {}
            }
        }
    }
    // Pass 2: types and elements.
    for (ns, doc) in &docs {
        for c in &doc.content {
            match c {
                SchemaContent::ComplexType(ct) => {
                    let name = ct.name.clone().ok_or_else(|| {
                        Error::Schema(format!("unnamed top-level complexType in {ns:?}"))
                    })?;
                    let q = QName::new(*ns, name);
                    lw.complex(q, Origin::Named, ct)?;
                }
                SchemaContent::SimpleType(st) => {
                    let name = st.name.clone().ok_or_else(|| {
                        Error::Schema(format!("unnamed top-level simpleType in {ns:?}"))
                    })?;
                    let q = QName::new(*ns, name);
                    lw.simple(q, Origin::Named, st)?;
                }
                SchemaContent::Element(el) => lw.global_element(*ns, el)?,
                _ => {}
            }
        }
    }
    Ok(lw.schema)
}

/// Resolves schema locations from files, and the XML namespace to our own schema.
#[derive(Debug)]
struct EwsResolver;

impl Resolver for EwsResolver {
    type Buffer = Cursor<Vec<u8>>;
    type Error = std::io::Error;

    fn resolve(&mut self, req: &ResolveRequest) -> ResolveResult<Self> {
        let is_xml_ns = req
            .requested_ns
            .as_ref()
            .is_some_and(|ns| ns.as_ref() == XML_NS.as_bytes());
        if is_xml_ns {
            let url = url::Url::parse("urn:ews-types:xml-namespace.xsd")
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let bytes = XML_NAMESPACE_XSD.as_bytes().to_vec();
            return Ok(Some((Some("xml".to_owned()), url, Cursor::new(bytes))));
        }
        let Some((name, url, mut file)) = FileResolver.resolve(req)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        // Microsoft's copies start with a UTF-8 byte-order mark.
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(Some((name, url, Cursor::new(bytes))))
    }
}

#[derive(Default)]
struct Lowerer {
    schema: Schema,
    groups: BTreeMap<QName, GroupType>,
    attribute_groups: BTreeMap<QName, AttributeGroupType>,
}

fn qname(q: &XsQName) -> Result<QName, Error> {
    let local = String::from_utf8_lossy(q.local_name()).into_owned();
    let ns = q
        .namespace()
        .map(|n| String::from_utf8_lossy(n.as_ref()).into_owned());
    let uri = ns.unwrap_or_default();
    let ns = Ns::from_uri(&uri)
        .ok_or_else(|| Error::Schema(format!("QName {local} in unexpected namespace `{uri}`")))?;
    Ok(QName::new(ns, local))
}

fn type_ref(q: &XsQName) -> Result<TypeRef, Error> {
    if q.namespace()
        .is_some_and(|n| n.as_ref() == XS_NS.as_bytes())
    {
        let local = String::from_utf8_lossy(q.local_name()).into_owned();
        return Builtin::from_name(&local)
            .map(TypeRef::Builtin)
            .ok_or_else(|| Error::Schema(format!("unsupported built-in type xs:{local}")));
    }
    qname(q).map(TypeRef::Named)
}

fn occurs(min: usize, max: &MaxOccurs) -> Occurs {
    Occurs {
        min: u32::try_from(min).unwrap_or(u32::MAX),
        max: match max {
            MaxOccurs::Unbounded => Max::Unbounded,
            MaxOccurs::Bounded(n) => Max::Bounded(u32::try_from(*n).unwrap_or(u32::MAX)),
        },
    }
}

fn docs(ann: Option<&xsd_parser::models::schema::xs::Annotation>) -> Vec<String> {
    ann.and_then(|a| a.extract_documentation().ok())
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .collect()
}

impl Lowerer {
    fn global_element(&mut self, ns: Ns, el: &ElementType) -> Result<(), Error> {
        let name = el
            .name
            .clone()
            .ok_or_else(|| Error::Schema("global element without a name".into()))?;
        let q = QName::new(ns, name);
        let mut doc = Vec::new();
        let mut inline = None;
        for c in &el.content {
            match c {
                ElementTypeContent::Annotation(a) => doc.extend(docs(Some(a))),
                ElementTypeContent::ComplexType(ct) => {
                    inline = Some(self.anonymous_complex(
                        ns,
                        format!("{}#", q.name),
                        Origin::GlobalElement(q.clone()),
                        ct,
                    )?)
                }
                ElementTypeContent::SimpleType(st) => {
                    inline = Some(self.anonymous_simple(
                        ns,
                        format!("{}#", q.name),
                        Origin::GlobalElement(q.clone()),
                        st,
                    )?)
                }
                _ => {}
            }
        }
        let type_ = match (&el.type_, inline) {
            (Some(t), _) => type_ref(t)?,
            (None, Some(t)) => t,
            (None, None) => TypeRef::Builtin(Builtin::AnyType),
        };
        let substitution_group = match &el.substitution_group {
            Some(list) => match list.0.first() {
                Some(head) => Some(qname(head)?),
                None => None,
            },
            None => None,
        };
        self.schema.elements.insert(
            q.clone(),
            Element {
                name: q,
                type_,
                is_abstract: el.abstract_,
                substitution_group,
                nillable: el.nillable.unwrap_or(false),
                doc,
            },
        );
        Ok(())
    }

    fn anonymous_complex(
        &mut self,
        ns: Ns,
        name: String,
        origin: Origin,
        ct: &ComplexBaseType,
    ) -> Result<TypeRef, Error> {
        let q = QName::new(ns, name);
        self.complex(q.clone(), origin, ct)?;
        Ok(TypeRef::Named(q))
    }

    fn anonymous_simple(
        &mut self,
        ns: Ns,
        name: String,
        origin: Origin,
        st: &SimpleBaseType,
    ) -> Result<TypeRef, Error> {
        let q = QName::new(ns, name);
        self.simple(q.clone(), origin, st)?;
        Ok(TypeRef::Named(q))
    }

    fn simple(&mut self, name: QName, origin: Origin, st: &SimpleBaseType) -> Result<(), Error> {
        let mut doc = Vec::new();
        let mut kind = None;
        for c in &st.content {
            match c {
                SimpleBaseTypeContent::Annotation(a) => doc.extend(docs(Some(a))),
                SimpleBaseTypeContent::Restriction(r) => {
                    let mut enumeration = Vec::new();
                    let mut facets = Vec::new();
                    let mut base = r.base.as_ref().map(type_ref).transpose()?;
                    for rc in &r.content {
                        use xsd_parser::models::schema::xs::RestrictionContent as RC;
                        match rc {
                            RC::Facet(XsFacet::Enumeration(f)) => enumeration.push(EnumValue {
                                value: f.value.clone(),
                                doc: docs(f.annotation.as_ref()),
                            }),
                            RC::Facet(f) => facets.extend(facet(f)),
                            RC::SimpleType(inner) => {
                                base = Some(self.anonymous_simple(
                                    name.ns,
                                    format!("{}#base", name.name),
                                    Origin::Local {
                                        owner: name.clone(),
                                        member: "Base".into(),
                                    },
                                    inner,
                                )?)
                            }
                            RC::Annotation(_) => {}
                        }
                    }
                    let base = base.ok_or_else(|| {
                        Error::Schema(format!("restriction without base in {name}"))
                    })?;
                    kind = Some(SimpleKind::Restriction {
                        base,
                        enumeration,
                        facets,
                    });
                }
                SimpleBaseTypeContent::List(l) => {
                    let item = match (&l.item_type, &l.simple_type) {
                        (Some(t), _) => type_ref(t)?,
                        (None, Some(inner)) => self.anonymous_simple(
                            name.ns,
                            format!("{}#item", name.name),
                            Origin::Local {
                                owner: name.clone(),
                                member: "Item".into(),
                            },
                            inner,
                        )?,
                        (None, None) => {
                            return Err(Error::Schema(format!("list without item type in {name}")))
                        }
                    };
                    kind = Some(SimpleKind::List(item));
                }
                SimpleBaseTypeContent::Union(u) => {
                    let mut members = Vec::new();
                    if let Some(list) = &u.member_types {
                        for m in &list.0 {
                            members.push(type_ref(m)?);
                        }
                    }
                    for (i, inner) in u.simple_type.iter().enumerate() {
                        members.push(self.anonymous_simple(
                            name.ns,
                            format!("{}#member{}", name.name, i + 1),
                            Origin::Local {
                                owner: name.clone(),
                                member: format!("Member{}", i + 1),
                            },
                            inner,
                        )?);
                    }
                    kind = Some(SimpleKind::Union(members));
                }
            }
        }
        let kind = kind.ok_or_else(|| Error::Schema(format!("empty simpleType {name}")))?;
        self.schema.simple_types.insert(
            name.clone(),
            SimpleType {
                name,
                origin,
                doc,
                kind,
            },
        );
        Ok(())
    }

    fn complex(&mut self, name: QName, origin: Origin, ct: &ComplexBaseType) -> Result<(), Error> {
        let mut out = ComplexType {
            name: name.clone(),
            origin,
            doc: Vec::new(),
            is_abstract: ct.abstract_,
            base: None,
            content: Content::Empty,
            attributes: Vec::new(),
            any_attribute: false,
        };
        for c in &ct.content {
            match c {
                ComplexBaseTypeContent::Annotation(a) => out.doc.extend(docs(Some(a))),
                ComplexBaseTypeContent::Sequence(g)
                | ComplexBaseTypeContent::Choice(g)
                | ComplexBaseTypeContent::All(g)
                | ComplexBaseTypeContent::Group(g) => {
                    let kind = group_kind(c);
                    out.content = Content::Complex(self.group(&name, kind, g)?);
                }
                ComplexBaseTypeContent::Attribute(a) => {
                    let a = self.attribute(&name, a)?;
                    out.attributes.extend(a);
                }
                ComplexBaseTypeContent::AttributeGroup(g) => {
                    self.attribute_group(&name, g, &mut out)?
                }
                ComplexBaseTypeContent::AnyAttribute(_) => out.any_attribute = true,
                ComplexBaseTypeContent::SimpleContent(sc) => {
                    for scc in &sc.content {
                        match scc {
                            SimpleContentContent::Extension(ext) => {
                                // Whether the base is a simple type or a complex type with
                                // simple content is settled by `passes::resolve`.
                                out.content = Content::Simple(type_ref(&ext.base)?);
                                self.extension_members(&name, &ext.content, &mut out)?;
                            }
                            SimpleContentContent::Restriction(r) => {
                                let base = type_ref(&r.base)?;
                                out.base = Some(Derivation::Restriction(base));
                                self.restriction_members(&name, &r.content, &mut out)?;
                            }
                            SimpleContentContent::Annotation(a) => out.doc.extend(docs(Some(a))),
                        }
                    }
                }
                ComplexBaseTypeContent::ComplexContent(cc) => {
                    for ccc in &cc.content {
                        match ccc {
                            ComplexContentContent::Extension(ext) => {
                                out.base = Some(Derivation::Extension(type_ref(&ext.base)?));
                                self.extension_members(&name, &ext.content, &mut out)?;
                            }
                            ComplexContentContent::Restriction(r) => {
                                out.base = Some(Derivation::Restriction(type_ref(&r.base)?));
                                self.restriction_members(&name, &r.content, &mut out)?;
                            }
                            ComplexContentContent::Annotation(a) => out.doc.extend(docs(Some(a))),
                        }
                    }
                }
                ComplexBaseTypeContent::OpenContent(_) | ComplexBaseTypeContent::Assert(_) => {
                    return Err(Error::Schema(format!(
                        "{name}: openContent/assert are not used by EWS and not supported"
                    )))
                }
            }
        }
        self.schema.complex_types.insert(name, out);
        Ok(())
    }

    fn extension_members(
        &mut self,
        owner: &QName,
        content: &[ExtensionTypeContent],
        out: &mut ComplexType,
    ) -> Result<(), Error> {
        for c in content {
            match c {
                ExtensionTypeContent::Sequence(g)
                | ExtensionTypeContent::Choice(g)
                | ExtensionTypeContent::All(g)
                | ExtensionTypeContent::Group(g) => {
                    let kind = match c {
                        ExtensionTypeContent::Choice(_) => GroupKind::Choice,
                        ExtensionTypeContent::All(_) => GroupKind::All,
                        _ => GroupKind::Sequence,
                    };
                    let g = if matches!(c, ExtensionTypeContent::Group(_)) {
                        self.group_ref(owner, g)?
                    } else {
                        self.group(owner, kind, g)?
                    };
                    out.content = Content::Complex(g);
                }
                ExtensionTypeContent::Attribute(a) => {
                    let a = self.attribute(owner, a)?;
                    out.attributes.extend(a);
                }
                ExtensionTypeContent::AttributeGroup(g) => self.attribute_group(owner, g, out)?,
                ExtensionTypeContent::AnyAttribute(_) => out.any_attribute = true,
                ExtensionTypeContent::Annotation(a) => out.doc.extend(docs(Some(a))),
                ExtensionTypeContent::OpenContent(_) | ExtensionTypeContent::Assert(_) => {
                    return Err(Error::Schema(format!(
                        "{owner}: unsupported extension content"
                    )))
                }
            }
        }
        Ok(())
    }

    fn restriction_members(
        &mut self,
        owner: &QName,
        content: &[RestrictionTypeContent],
        out: &mut ComplexType,
    ) -> Result<(), Error> {
        for c in content {
            match c {
                RestrictionTypeContent::Sequence(g)
                | RestrictionTypeContent::Choice(g)
                | RestrictionTypeContent::All(g) => {
                    let kind = match c {
                        RestrictionTypeContent::Choice(_) => GroupKind::Choice,
                        RestrictionTypeContent::All(_) => GroupKind::All,
                        _ => GroupKind::Sequence,
                    };
                    out.content = Content::Complex(self.group(owner, kind, g)?);
                }
                RestrictionTypeContent::Group(g) => {
                    out.content = Content::Complex(self.group_ref(owner, g)?)
                }
                RestrictionTypeContent::Attribute(a) => {
                    let a = self.attribute(owner, a)?;
                    out.attributes.extend(a);
                }
                RestrictionTypeContent::AttributeGroup(g) => self.attribute_group(owner, g, out)?,
                RestrictionTypeContent::AnyAttribute(_) => out.any_attribute = true,
                RestrictionTypeContent::Annotation(a) => out.doc.extend(docs(Some(a))),
                RestrictionTypeContent::Facet(_) | RestrictionTypeContent::SimpleType(_) => {}
                RestrictionTypeContent::OpenContent(_) | RestrictionTypeContent::Assert(_) => {
                    return Err(Error::Schema(format!(
                        "{owner}: unsupported restriction content"
                    )))
                }
            }
        }
        Ok(())
    }

    fn group_ref(&mut self, owner: &QName, g: &GroupType) -> Result<Group, Error> {
        let r = g
            .ref_
            .as_ref()
            .ok_or_else(|| Error::Schema(format!("{owner}: xs:group without ref")))?;
        let q = qname(r)?;
        let def = self
            .groups
            .get(&q)
            .cloned()
            .ok_or_else(|| Error::Schema(format!("{owner}: unknown group {q}")))?;
        // A named group holds exactly one sequence/choice/all.
        for c in &def.content {
            let kind = match c {
                GroupTypeContent::Sequence(_) => GroupKind::Sequence,
                GroupTypeContent::Choice(_) => GroupKind::Choice,
                GroupTypeContent::All(_) => GroupKind::All,
                _ => continue,
            };
            if let GroupTypeContent::Sequence(inner)
            | GroupTypeContent::Choice(inner)
            | GroupTypeContent::All(inner) = c
            {
                let mut group = self.group(owner, kind, inner)?;
                // The occurrence written on the reference applies to the group.
                group.occurs = occurs(g.min_occurs, &g.max_occurs);
                return Ok(group);
            }
        }
        Err(Error::Schema(format!(
            "{owner}: group {q} has no model group"
        )))
    }

    fn group(&mut self, owner: &QName, kind: GroupKind, g: &GroupType) -> Result<Group, Error> {
        if g.ref_.is_some() {
            return self.group_ref(owner, g);
        }
        let mut particles = Vec::new();
        for c in &g.content {
            match c {
                GroupTypeContent::Element(el) => {
                    particles.push(Particle::Element(self.local_element(owner, el)?))
                }
                GroupTypeContent::Sequence(inner) => particles.push(Particle::Group(self.group(
                    owner,
                    GroupKind::Sequence,
                    inner,
                )?)),
                GroupTypeContent::Choice(inner) => particles.push(Particle::Group(self.group(
                    owner,
                    GroupKind::Choice,
                    inner,
                )?)),
                GroupTypeContent::All(inner) => {
                    particles.push(Particle::Group(self.group(owner, GroupKind::All, inner)?))
                }
                GroupTypeContent::Group(inner) => {
                    particles.push(Particle::Group(self.group_ref(owner, inner)?))
                }
                GroupTypeContent::Any(any) => particles.push(Particle::Any(Wildcard {
                    occurs: occurs(any.min_occurs, &any.max_occurs),
                    namespace: match &any.namespace {
                        Some(NamespaceListType::Any) | None => "##any".into(),
                        Some(NamespaceListType::Other) => "##other".into(),
                        Some(other) => format!("{other:?}"),
                    },
                    process_contents: match any.process_contents {
                        ProcessContentsType::Skip => "skip",
                        ProcessContentsType::Lax => "lax",
                        ProcessContentsType::Strict => "strict",
                    }
                    .into(),
                })),
                GroupTypeContent::Annotation(_) => {}
            }
        }
        Ok(Group {
            kind,
            occurs: occurs(g.min_occurs, &g.max_occurs),
            particles,
        })
    }

    fn local_element(&mut self, owner: &QName, el: &ElementType) -> Result<LocalElement, Error> {
        let occ = occurs(el.min_occurs, &el.max_occurs);
        let mut doc = Vec::new();
        if let Some(r) = &el.ref_ {
            let q = qname(r)?;
            for c in &el.content {
                if let ElementTypeContent::Annotation(a) = c {
                    doc.extend(docs(Some(a)));
                }
            }
            // The type is filled in by the passes once all global elements are known.
            return Ok(LocalElement {
                name: q,
                type_: TypeRef::Builtin(Builtin::AnyType),
                occurs: occ,
                nillable: el.nillable.unwrap_or(false),
                default: el.default.clone(),
                fixed: el.fixed.clone(),
                is_ref: true,
                doc,
            });
        }
        let name = el
            .name
            .clone()
            .ok_or_else(|| Error::Schema(format!("{owner}: local element without name")))?;
        // elementFormDefault="qualified": local elements are in the owner's namespace.
        let q = QName::new(owner.ns, name.clone());
        let mut inline = None;
        for c in &el.content {
            match c {
                ElementTypeContent::Annotation(a) => doc.extend(docs(Some(a))),
                ElementTypeContent::ComplexType(ct) => {
                    inline = Some(self.anonymous_complex(
                        owner.ns,
                        format!("{}#{}", owner.name, name),
                        Origin::Local {
                            owner: owner.clone(),
                            member: name.clone(),
                        },
                        ct,
                    )?)
                }
                ElementTypeContent::SimpleType(st) => {
                    inline = Some(self.anonymous_simple(
                        owner.ns,
                        format!("{}#{}", owner.name, name),
                        Origin::Local {
                            owner: owner.clone(),
                            member: name.clone(),
                        },
                        st,
                    )?)
                }
                _ => {}
            }
        }
        let type_ = match (&el.type_, inline) {
            (Some(t), _) => type_ref(t)?,
            (None, Some(t)) => t,
            (None, None) => TypeRef::Builtin(Builtin::AnyType),
        };
        Ok(LocalElement {
            name: q,
            type_,
            occurs: occ,
            nillable: el.nillable.unwrap_or(false),
            default: el.default.clone(),
            fixed: el.fixed.clone(),
            is_ref: false,
            doc,
        })
    }

    fn attribute(
        &mut self,
        owner: &QName,
        a: &AttributeInnerType,
    ) -> Result<Option<Attribute>, Error> {
        if matches!(a.use_, AttributeUseType::Prohibited) {
            return Ok(None);
        }
        let doc = docs(a.annotation.as_ref());
        let required = matches!(a.use_, AttributeUseType::Required);
        if let Some(r) = &a.ref_ {
            let q = qname(r)?;
            let type_ = match (q.ns, q.name.as_str()) {
                (Ns::Xml, "lang") => TypeRef::Builtin(Builtin::Language),
                (Ns::Xml, _) => TypeRef::Builtin(Builtin::String),
                _ => {
                    return Err(Error::Schema(format!(
                        "{owner}: attribute ref to {q} is not supported"
                    )))
                }
            };
            return Ok(Some(Attribute {
                ns: Some(q.ns),
                name: q.name,
                type_,
                required,
                default: a.default.clone(),
                fixed: a.fixed.clone(),
                doc,
            }));
        }
        let name = a
            .name
            .clone()
            .ok_or_else(|| Error::Schema(format!("{owner}: attribute without name")))?;
        let type_ = match (&a.type_, &a.simple_type) {
            (Some(t), _) => type_ref(t)?,
            (None, Some(st)) => self.anonymous_simple(
                owner.ns,
                format!("{}#@{}", owner.name, name),
                Origin::Local {
                    owner: owner.clone(),
                    member: name.clone(),
                },
                st,
            )?,
            (None, None) => TypeRef::Builtin(Builtin::String),
        };
        Ok(Some(Attribute {
            ns: None,
            name,
            type_,
            required,
            default: a.default.clone(),
            fixed: a.fixed.clone(),
            doc,
        }))
    }

    fn attribute_group(
        &mut self,
        owner: &QName,
        g: &AttributeGroupType,
        out: &mut ComplexType,
    ) -> Result<(), Error> {
        let def = match &g.ref_ {
            Some(r) => {
                let q = qname(r)?;
                self.attribute_groups
                    .get(&q)
                    .cloned()
                    .ok_or_else(|| Error::Schema(format!("{owner}: unknown attributeGroup {q}")))?
            }
            None => g.clone(),
        };
        for c in &def.content {
            match c {
                AttributeGroupTypeContent::Attribute(a) => {
                    let a = self.attribute(owner, a)?;
                    out.attributes.extend(a);
                }
                AttributeGroupTypeContent::AttributeGroup(inner) => {
                    self.attribute_group(owner, inner, out)?
                }
                AttributeGroupTypeContent::AnyAttribute(_) => out.any_attribute = true,
                AttributeGroupTypeContent::Annotation(_) => {}
            }
        }
        Ok(())
    }
}

fn group_kind(c: &ComplexBaseTypeContent) -> GroupKind {
    match c {
        ComplexBaseTypeContent::Choice(_) => GroupKind::Choice,
        ComplexBaseTypeContent::All(_) => GroupKind::All,
        _ => GroupKind::Sequence,
    }
}

fn facet(f: &XsFacet) -> Option<Facet> {
    let (kind, v) = match f {
        XsFacet::Pattern(v) => ("pattern", v),
        XsFacet::MinLength(v) => ("minLength", v),
        XsFacet::MaxLength(v) => ("maxLength", v),
        XsFacet::Length(v) => ("length", v),
        XsFacet::MinInclusive(v) => ("minInclusive", v),
        XsFacet::MaxInclusive(v) => ("maxInclusive", v),
        XsFacet::MinExclusive(v) => ("minExclusive", v),
        XsFacet::MaxExclusive(v) => ("maxExclusive", v),
        XsFacet::TotalDigits(v) => ("totalDigits", v),
        XsFacet::FractionDigits(v) => ("fractionDigits", v),
        XsFacet::WhiteSpace(v) => ("whiteSpace", v),
        _ => return None,
    };
    Some(Facet {
        kind,
        value: v.value.clone(),
    })
}
