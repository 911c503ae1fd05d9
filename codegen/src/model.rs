//! The generator's own schema model.
//!
//! `load.rs` lowers xsd-parser's parsed XSD documents into these types; every
//! later stage (passes, emitters) reads only this model. It keeps what the Rust
//! emission needs and nothing else: named and anonymous types with their *own*
//! content (extension is not merged, see [`Derivation`]), global elements with
//! their substitution groups, and documentation.

use std::collections::BTreeMap;
use std::fmt;

/// The namespaces that occur in the EWS schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ns {
    /// `http://schemas.microsoft.com/exchange/services/2006/types` (`t:`).
    Types,
    /// `http://schemas.microsoft.com/exchange/services/2006/messages` (`m:`).
    Messages,
    /// `http://www.w3.org/XML/1998/namespace` (`xml:`).
    Xml,
}

impl Ns {
    /// The namespace URI.
    pub fn uri(self) -> &'static str {
        match self {
            Ns::Types => TYPES_NS,
            Ns::Messages => MESSAGES_NS,
            Ns::Xml => XML_NS,
        }
    }

    /// Maps a namespace URI to [`Ns`].
    pub fn from_uri(uri: &str) -> Option<Ns> {
        match uri {
            TYPES_NS => Some(Ns::Types),
            MESSAGES_NS => Some(Ns::Messages),
            XML_NS => Some(Ns::Xml),
            _ => None,
        }
    }

    /// The prefix Exchange writes for this namespace.
    pub fn prefix(self) -> &'static str {
        match self {
            Ns::Types => "t",
            Ns::Messages => "m",
            Ns::Xml => "xml",
        }
    }
}

/// URI of the EWS types namespace.
pub const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
/// URI of the EWS messages namespace.
pub const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// URI of the XML namespace.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// URI of the XML Schema namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A qualified name in one of the schema namespaces.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    pub ns: Ns,
    pub name: String,
}

impl QName {
    pub fn new(ns: Ns, name: impl Into<String>) -> Self {
        QName {
            ns,
            name: name.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.ns.prefix(), self.name)
    }
}

/// The XSD built-in types used by the EWS schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    String,
    NormalizedString,
    Token,
    Language,
    AnyUri,
    Name,
    NcName,
    Id,
    QName,
    Boolean,
    Byte,
    Short,
    Int,
    Long,
    UnsignedByte,
    UnsignedShort,
    UnsignedInt,
    UnsignedLong,
    Integer,
    NonNegativeInteger,
    PositiveInteger,
    Float,
    Double,
    Decimal,
    Base64Binary,
    HexBinary,
    DateTime,
    Date,
    Time,
    Duration,
    AnyType,
    AnySimpleType,
}

impl Builtin {
    /// Maps an XSD built-in local name (namespace `xs:`) to [`Builtin`].
    pub fn from_name(name: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match name {
            "string" => String,
            "normalizedString" => NormalizedString,
            "token" => Token,
            "language" => Language,
            "anyURI" => AnyUri,
            "Name" => Name,
            "NCName" => NcName,
            "ID" | "IDREF" => Id,
            "QName" => QName,
            "boolean" => Boolean,
            "byte" => Byte,
            "short" => Short,
            "int" => Int,
            "long" => Long,
            "unsignedByte" => UnsignedByte,
            "unsignedShort" => UnsignedShort,
            "unsignedInt" => UnsignedInt,
            "unsignedLong" => UnsignedLong,
            "integer" => Integer,
            "nonNegativeInteger" => NonNegativeInteger,
            "positiveInteger" => PositiveInteger,
            "float" => Float,
            "double" => Double,
            "decimal" => Decimal,
            "base64Binary" => Base64Binary,
            "hexBinary" => HexBinary,
            "dateTime" => DateTime,
            "date" => Date,
            "time" => Time,
            "duration" => Duration,
            "anyType" => AnyType,
            "anySimpleType" => AnySimpleType,
            _ => return None,
        })
    }
}

/// A reference to a type: a named (or named-for-us anonymous) schema type, or a built-in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Named(QName),
    Builtin(Builtin),
}

/// Upper bound of an occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Max {
    Bounded(u32),
    Unbounded,
}

impl Max {
    /// Whether more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, Max::Bounded(0 | 1))
    }
}

/// `minOccurs`/`maxOccurs` of a particle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurs {
    pub min: u32,
    pub max: Max,
}

impl Occurs {
    pub const ONE: Occurs = Occurs {
        min: 1,
        max: Max::Bounded(1),
    };
}

/// The whole schema set.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    pub complex_types: BTreeMap<QName, ComplexType>,
    pub simple_types: BTreeMap<QName, SimpleType>,
    pub elements: BTreeMap<QName, Element>,
}

impl Schema {
    /// Whether `name` names a simple type (or a built-in) rather than a complex type.
    pub fn is_simple(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Builtin(b) => *b != Builtin::AnyType,
            TypeRef::Named(q) => self.simple_types.contains_key(q),
        }
    }
}

/// Where an anonymous type was declared (so that it can be named after its place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A named `xs:complexType`/`xs:simpleType`.
    Named,
    /// The inline type of a global element.
    GlobalElement(QName),
    /// The inline type of a local element or attribute inside another type.
    Local { owner: QName, member: String },
}

/// A global `xs:element`.
#[derive(Clone, Debug)]
pub struct Element {
    pub name: QName,
    pub type_: TypeRef,
    pub is_abstract: bool,
    pub substitution_group: Option<QName>,
    pub nillable: bool,
    pub doc: Vec<String>,
}

/// How a complex type derives from its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// `xs:extension`: the base's content comes first, then [`ComplexType::content`].
    Extension(TypeRef),
    /// `xs:restriction`: [`ComplexType::content`] is the whole (restricted) content.
    Restriction(TypeRef),
}

/// An `xs:complexType`.
#[derive(Clone, Debug)]
pub struct ComplexType {
    pub name: QName,
    pub origin: Origin,
    pub doc: Vec<String>,
    pub is_abstract: bool,
    pub base: Option<Derivation>,
    pub content: Content,
    /// Own attributes (attribute groups expanded), in schema order.
    pub attributes: Vec<Attribute>,
    /// `xs:anyAttribute` is present.
    pub any_attribute: bool,
}

/// The content model of a complex type (its own part, for extensions).
#[derive(Clone, Debug)]
pub enum Content {
    /// No element content (attributes only), or nothing added by an extension.
    Empty,
    /// Simple content: text of the given type (for extensions of complex types with
    /// simple content, the base's text type).
    Simple(TypeRef),
    /// Element content.
    Complex(Group),
}

/// The kind of a model group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    Sequence,
    Choice,
    All,
}

/// `xs:sequence`, `xs:choice` or `xs:all` (group references are expanded by the loader).
#[derive(Clone, Debug)]
pub struct Group {
    pub kind: GroupKind,
    pub occurs: Occurs,
    pub particles: Vec<Particle>,
}

/// One member of a model group.
#[derive(Clone, Debug)]
pub enum Particle {
    Element(LocalElement),
    Group(Group),
    Any(Wildcard),
}

/// An element inside a content model (declared locally or by `ref`).
#[derive(Clone, Debug)]
pub struct LocalElement {
    pub name: QName,
    pub type_: TypeRef,
    pub occurs: Occurs,
    pub nillable: bool,
    /// `default=`: the value an empty element stands for.
    pub default: Option<String>,
    /// `fixed=`: the only value the element may hold.
    pub fixed: Option<String>,
    /// Declared with `ref=` to a global element.
    pub is_ref: bool,
    pub doc: Vec<String>,
}

/// `xs:any`.
#[derive(Clone, Debug)]
pub struct Wildcard {
    pub occurs: Occurs,
    /// The `namespace` attribute as written (`##any`, `##other`, ...).
    pub namespace: String,
    /// `processContents`: strict, lax or skip.
    pub process_contents: String,
}

/// An attribute declaration.
#[derive(Clone, Debug)]
pub struct Attribute {
    /// The attribute's namespace: `None` for the (usual) unqualified attributes,
    /// `Some(Ns::Xml)` for `xml:lang`.
    pub ns: Option<Ns>,
    pub name: String,
    pub type_: TypeRef,
    pub required: bool,
    /// `default=`: the value an absent attribute stands for.
    pub default: Option<String>,
    /// `fixed=`: the only value the attribute may hold (and the one an absent one stands for).
    pub fixed: Option<String>,
    pub doc: Vec<String>,
}

/// An `xs:simpleType`.
#[derive(Clone, Debug)]
pub struct SimpleType {
    pub name: QName,
    pub origin: Origin,
    pub doc: Vec<String>,
    pub kind: SimpleKind,
}

/// The variety of a simple type.
#[derive(Clone, Debug)]
pub enum SimpleKind {
    /// A restriction; enumerations carry their values.
    Restriction {
        base: TypeRef,
        enumeration: Vec<EnumValue>,
        facets: Vec<Facet>,
    },
    /// `xs:list` of the item type.
    List(TypeRef),
    /// `xs:union` of the member types, in schema order.
    Union(Vec<TypeRef>),
}

/// One `xs:enumeration` value.
#[derive(Clone, Debug)]
pub struct EnumValue {
    pub value: String,
    pub doc: Vec<String>,
}

/// A facet other than `xs:enumeration`, kept for documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facet {
    pub kind: &'static str,
    pub value: String,
}
