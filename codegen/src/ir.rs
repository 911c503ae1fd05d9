//! The Rust-side plan that the emitters print: every item with its final name, fields
//! with their Rust shapes and XML bindings. Built from the [`model`](crate::model) by
//! [`passes::lower`](crate::passes::lower); emitters never look back at the schema.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Builtin, Ns, QName};
use crate::versions::Version;

/// Which generated module an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// `ews_types::types` (namespace `t:`).
    Types,
    /// `ews_types::messages` (namespace `m:`).
    Messages,
}

impl Module {
    pub fn of(ns: Ns) -> Module {
        match ns {
            Ns::Messages => Module::Messages,
            _ => Module::Types,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Module::Types => "types",
            Module::Messages => "messages",
        }
    }
}

/// A reference to a Rust type used by a field or variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    /// A generated item.
    Item(Module, String),
    /// A built-in XSD type (mapped by the emitter, see `emit::types::builtin`).
    Builtin(Builtin),
    /// Raw XML content of an `xs:anyType` element.
    AnyContent,
    /// The type of an element declared `nillable="true"`: `xsi:nil` or a value.
    Nillable(Box<Ty>),
}

impl Ty {
    /// The generated item the type refers to, through [`Ty::Nillable`].
    pub fn item(&self) -> Option<(Module, &str)> {
        match self {
            Ty::Item(m, n) => Some((*m, n)),
            Ty::Nillable(t) => t.item(),
            Ty::Builtin(_) | Ty::AnyContent => None,
        }
    }
}

/// How many values a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    /// Exactly one (required).
    One,
    /// At most one.
    Optional,
    /// Any number (`Vec`).
    Many,
}

/// The whole plan.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// All items, sorted by module and name.
    pub items: Vec<Item>,
    /// Every named XSD complexType, simpleType and global element → Rust item.
    pub index: Vec<IndexEntry>,
    /// The operations of `services.wsdl`, in port-type order.
    pub operations: Vec<Operation>,
    /// Global elements → the Rust item that wraps each (what operations' bodies and headers
    /// name).
    pub element_names: BTreeMap<crate::model::QName, (Module, String)>,
    /// "Introduced in" versions and documentation links (see `passes::versions`); empty
    /// without the version table.
    pub versions: Versions,
    /// The message elements a batch's `m:ResponseMessages` may hold in the schema (local
    /// names, sorted): a typed batch refuses those that are not its own (see
    /// `passes::batches`).
    pub message_elements: Vec<String>,
    /// The `From` impls that build values from their parts, by the item they build (see
    /// `passes::conversions`).
    pub conversions: BTreeMap<(Module, String), Vec<Conversion>>,
    /// The shared-base accessors of enums, by enum (see `passes::accessors`).
    pub accessors: BTreeMap<(Module, String), Accessor>,
    /// Choice fields whose enum is shared with an earlier owner (the same members): the
    /// type alias named for this owner that the field's declaration names, by (owner's
    /// module, owner, field). The field's `ty` stays the shared enum.
    pub choice_aliases: BTreeMap<(Module, String, String), String>,
    /// The choices whose field name no pin covers (`naming::CHOICE_NAMES`), named from
    /// their members: `Owner: A, B, C → field` (listed by `codegen report`, to be pinned).
    pub unpinned_choices: Vec<String>,
    /// The first line of each item's rustdoc, by item: what it is for a user, from the
    /// plan's structure (see `passes::summaries`).
    pub summaries: BTreeMap<(Module, String), String>,
    /// What the streaming reader needs of each operation whose response holds response
    /// messages, by operation name (see `passes::streams`).
    pub streams: BTreeMap<String, Stream>,
}

/// How an operation's responses are streamed (`runtime::stream::Streamed`).
#[derive(Clone, Debug)]
pub struct Stream {
    /// The type of one response message.
    pub message: Ty,
    /// The local name (`m:`) of a batch's message elements; `None`: the response element
    /// is the message.
    pub message_element: Option<String>,
    /// The elements from a message down to the collection of values (empty: none).
    pub path: Vec<Step>,
    /// The collection's values, if there is a collection.
    pub value: Option<StreamValue>,
}

/// One element on the way from a message to its collection.
#[derive(Clone, Debug)]
pub struct Step {
    pub ns: Ns,
    pub name: String,
    /// The field holding it in its parent's struct.
    pub field: String,
    pub card: Card,
    /// The choice enum and variant, when the field is a choice.
    pub variant: Option<(Ty, String)>,
}

/// The values of a streamed collection.
#[derive(Clone, Debug)]
pub struct StreamValue {
    /// A choice enum (`element` is `None`) or the type of the one repeated element.
    pub ty: Ty,
    pub element: Option<(Ns, String)>,
    /// The collection struct's `Vec` field.
    pub field: String,
}

/// `name()` and `name_mut()` on an enum whose members all derive from `base`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accessor {
    /// The getter's name (`item`); the setter adds `_mut`.
    pub name: String,
    /// The struct every member holds.
    pub base: (Module, String),
    /// Per variant: its name, the number of `.base` hops from the member to `base`, and
    /// whether the variant boxes its value.
    pub arms: Vec<(String, usize, bool)>,
}

/// A `From<source>` impl on a generated item (see `passes::conversions`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    /// What the value is made from.
    pub source: Source,
    /// How.
    pub how: How,
    /// The features the source needs besides the item's own (a subset choice of another
    /// family); empty when the item's gate is enough.
    pub gate: Vec<String>,
}

/// The type a [`Conversion`] takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A type of the plan or a built-in one.
    Ty(Ty),
    /// `Vec` of it.
    Vec(Ty),
    /// `&str` (for a `String` field).
    Str,
}

/// How a [`Conversion`] builds the item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum How {
    /// The choice's variant holding the source (`Box`ed if `boxed`).
    Variant { variant: String, boxed: bool },
    /// The choice's variant holding `member`, made from the source by `member`'s own
    /// conversion.
    VariantFrom {
        variant: String,
        member: Ty,
        boxed: bool,
    },
    /// The struct's one field that matters (the only required one, or the only one), reached
    /// through `bases` `.base` hops; the others keep their defaults.
    Field {
        bases: usize,
        field: String,
        card: Card,
        boxed: bool,
        /// The field's type, when the source goes into it by that type's own conversion.
        via: Option<Ty>,
    },
    /// The struct adds no field to its base: the source is the base.
    Base,
    /// The source is a choice holding each of this choice's members and more: `From` this
    /// choice into it, and `TryFrom` it back (`Err` hands the value back), pairing variants
    /// (this one's, whether boxed; the source's, whether boxed).
    Subset {
        pairs: Vec<(String, bool, String, bool)>,
    },
}

impl Plan {
    /// The type field `f` of struct `owner` is declared with: its choice alias (see
    /// [`Plan::choice_aliases`]) where it has one, else its type.
    pub fn declared_ty(&self, owner: &Item, f: &Field) -> Ty {
        let key = (owner.module, owner.name.clone(), f.name.clone());
        match (self.choice_aliases.get(&key), &f.ty) {
            (Some(alias), Ty::Item(m, _)) => Ty::Item(*m, alias.clone()),
            _ => f.ty.clone(),
        }
    }

    /// The complex types (XSD local names) whose structs hold each choice enum, by the enum;
    /// a choice no struct holds has no entry.
    pub fn choice_owners(&self) -> BTreeMap<(Module, String), BTreeSet<String>> {
        let mut out: BTreeMap<(Module, String), BTreeSet<String>> = BTreeMap::new();
        for item in &self.items {
            let ItemKind::Struct(s) = &item.kind else {
                continue;
            };
            for f in &s.fields {
                if let (XmlBinding::Choice, Ty::Item(m, n)) = (&f.xml, &f.ty) {
                    out.entry((*m, n.clone()))
                        .or_default()
                        .insert(s.xsd.name.clone());
                }
            }
        }
        out
    }

    /// The item `ty` names, if it names one.
    pub fn item(&self, ty: &Ty) -> Option<&Item> {
        let Ty::Item(m, n) = ty else { return None };
        self.items
            .iter()
            .find(|it| it.module == *m && it.name == *n)
    }

    /// The struct `ty` and its bases (through `base`), nearest first; empty if `ty` is not
    /// a struct.
    pub fn base_chain(&self, ty: &Ty) -> Vec<(&Item, &Struct)> {
        let mut chain = Vec::new();
        let mut cur = Some(ty);
        // A base chain is short; the bound only guards against a cycle.
        while let (Some(t), true) = (cur.take(), chain.len() < 64) {
            if let Some(it) = self.item(t) {
                if let ItemKind::Struct(s) = &it.kind {
                    chain.push((it, s));
                    cur = s.base.as_ref();
                }
            }
        }
        chain
    }

    /// The position of each item in [`Plan::items`], by (module, Rust name).
    pub fn item_positions(&self) -> BTreeMap<(Module, String), usize> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, it)| ((it.module, it.name.clone()), i))
            .collect()
    }
}

/// An operation: its marker type implements `runtime::Operation`.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The WSDL's name (`ExpandDL`), as `Operation::NAME` gives it.
    pub name: String,
    /// The marker type's name under `operations` (`ExpandDl`), made as every type name is
    /// (`naming::type_name`), so that it equals the request element's wrapper.
    pub rust_name: String,
    pub soap_action: String,
    /// Our rustdoc lines (markdown).
    pub doc: Vec<String>,
    /// The schema's own annotation (`xs:documentation`, WSDL `documentation`): Microsoft's
    /// prose, kept only so that `codegen diff` can tell when it changed; never emitted.
    pub schema_doc: Vec<String>,
    /// Element wrapper of the request body.
    pub request: (Module, String),
    pub request_element: QName,
    /// Element wrapper of the response body.
    pub response: (Module, String),
    pub response_element: QName,
    /// SOAP headers of the request (local names of `t:` elements), as the binding lists them.
    pub request_headers: Vec<String>,
    /// SOAP headers of the response.
    pub response_headers: Vec<String>,
    /// The operation families (cargo features of `ews-types`) any of which compiles this;
    /// empty: always compiled. Set by `passes::families`.
    pub gate: Vec<String>,
}

/// One row of the XSD → Rust index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexEntry {
    pub kind: IndexKind,
    pub xsd: QName,
    pub module: Module,
    pub rust: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IndexKind {
    ComplexType,
    SimpleType,
    Element,
}

impl IndexKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IndexKind::ComplexType => "complexType",
            IndexKind::SimpleType => "simpleType",
            IndexKind::Element => "element",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Item {
    pub module: Module,
    pub name: String,
    /// Our rustdoc lines (markdown).
    pub doc: Vec<String>,
    /// The schema's own annotation (`xs:documentation`, WSDL `documentation`): Microsoft's
    /// prose, kept only so that `codegen diff` can tell when it changed; never emitted.
    pub schema_doc: Vec<String>,
    pub kind: ItemKind,
    /// The facets of a restricted simple type (aliases), its bases' included: (kind,
    /// value), e.g. `("maxInclusive", "1440")`.
    pub facets: Vec<(String, String)>,
    /// The operation families (cargo features of `ews-types`) any of which compiles this;
    /// empty: always compiled. Set by `passes::families`.
    pub gate: Vec<String>,
}

impl Item {
    /// The `xs:pattern` facet, if any.
    pub fn pattern(&self) -> Option<&str> {
        self.facet("pattern")
    }

    /// The value of facet `kind`, if the type has it.
    pub fn facet(&self, kind: &str) -> Option<&str> {
        self.facets
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Struct(Struct),
    /// A choice between elements, or a substitution group: chosen by element name.
    Choice(Choice),
    /// An abstract type's concrete kinds, chosen by `xsi:type`.
    Kinds(Kinds),
    /// A string enumeration with a catch-all variant.
    Enum(Enumeration),
    /// `xs:union`: the first member type that parses.
    Union(Vec<Variant>),
    /// A type alias (restrictions without enumeration, `xs:list`).
    Alias(AliasTarget),
    /// A global element's wrapper.
    Element(ElementWrapper),
}

impl ItemKind {
    /// Calls `f` with each type the item's values hold directly (a struct's base and fields,
    /// a choice's or union's variants, an alias's or wrapper's type), and whether it is held
    /// repeated (a `Vec`: a repeated field or choice variant, an `xs:list`).
    pub fn each_ty<'a>(&'a self, mut f: impl FnMut(&'a Ty, bool)) {
        match self {
            ItemKind::Struct(s) => {
                if let Some(b) = &s.base {
                    f(b, false);
                }
                for field in &s.fields {
                    f(&field.ty, field.card == Card::Many);
                }
            }
            ItemKind::Choice(c) => c.variants.iter().for_each(|v| f(&v.ty, v.many)),
            ItemKind::Kinds(k) => k.variants.iter().for_each(|v| f(&v.ty, false)),
            ItemKind::Union(vs) => vs.iter().for_each(|v| f(&v.ty, false)),
            ItemKind::Alias(AliasTarget::Ty(t)) => f(t, false),
            ItemKind::Alias(AliasTarget::List(t)) => f(t, true),
            ItemKind::Element(e) => f(&e.ty, false),
            ItemKind::Enum(_) => {}
        }
    }
}

#[derive(Clone, Debug)]
pub struct Struct {
    /// The XSD type this struct was made from.
    pub xsd: QName,
    /// The base type held in the `base` field (extension).
    pub base: Option<Ty>,
    pub fields: Vec<Field>,
    /// Whether the XSD type is abstract.
    pub is_abstract: bool,
    /// Derives from `m:ResponseMessageType` (payload fields are optional: servers omit them
    /// in error responses).
    pub is_response_message: bool,
    /// Which response-class derive the struct gets.
    pub response: ResponseDerive,
    /// The content is an `xs:all`: child elements may come in any order.
    pub unordered: bool,
    /// The one message element (`prefix:Name`) this struct takes: the other elements of
    /// [`Plan::message_elements`] are refused when read, whatever the read mode (the typed
    /// messages of a batch, see `passes::batches`); unknown elements are kept as usual.
    pub only_child: Option<String>,
}

/// The response-class handling derived on a struct (see `ews-macros`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ResponseDerive {
    #[default]
    None,
    /// `ResponseMessage` through the `base` field (extends `m:ResponseMessageType`).
    MessageBase,
    /// `ResponseMessage` through the named field holding a `m:ResponseMessageType`.
    MessageNested(String),
    /// `BatchResponse` through the named field: `base` (the struct extends a batch), the
    /// field holding the batch's array, or the array's repeated messages.
    Batch(String),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    /// Our rustdoc lines (markdown).
    pub doc: Vec<String>,
    /// The schema's own annotation (`xs:documentation`, WSDL `documentation`): Microsoft's
    /// prose, kept only so that `codegen diff` can tell when it changed; never emitted.
    pub schema_doc: Vec<String>,
    pub ty: Ty,
    pub card: Card,
    /// For [`Card::Many`]: the schema requires at least one value.
    pub at_least_one: bool,
    /// In a response message: the schema requires the element, but only `Success` messages
    /// must carry it (`Error` and `Warning` messages leave their payload out), so the field is
    /// optional (or may be empty) and the requirement is checked against the message's class.
    pub success_only: bool,
    /// A choice (or `xsi:type` kinds) the schema requires once: an `Option` in Rust, because
    /// no member is a meaningful default, and required when read and written (see
    /// `passes::required_choices`).
    pub required_choice: bool,
    /// The schema's `default=` or `fixed=` value for the attribute or element.
    pub constraint: Option<ValueConstraint>,
    pub boxed: bool,
    pub xml: XmlBinding,
}

/// A value the schema gives an attribute or element (XSD allows one of the two), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueConstraint {
    /// `default=`: what an absent attribute (or an empty element) stands for.
    Default(String),
    /// `fixed=`: the only value allowed (an absent attribute stands for it too).
    Fixed(String),
}

impl ValueConstraint {
    /// From the `default=` and `fixed=` attributes of a declaration.
    pub fn of(default: &Option<String>, fixed: &Option<String>) -> Option<Self> {
        match (default, fixed) {
            (_, Some(f)) => Some(ValueConstraint::Fixed(f.clone())),
            (Some(d), None) => Some(ValueConstraint::Default(d.clone())),
            (None, None) => None,
        }
    }

    /// The value as written in the schema.
    pub fn value(&self) -> &str {
        match self {
            ValueConstraint::Default(v) | ValueConstraint::Fixed(v) => v,
        }
    }

    /// The fixed value, if it is one.
    pub fn fixed(&self) -> Option<&str> {
        match self {
            ValueConstraint::Fixed(v) => Some(v),
            ValueConstraint::Default(_) => None,
        }
    }
}

/// Where a field's value is on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlBinding {
    /// An attribute (`ns` is `Some` only for `xml:lang`).
    Attribute { ns: Option<Ns>, name: String },
    /// A child element.
    Element { ns: Ns, name: String },
    /// One of several child elements (the field's type is a [`Choice`]).
    Choice,
    /// The element's text (simple content).
    Text,
    /// `xs:any`: raw elements kept as they were.
    Any,
    /// `xs:anyAttribute`: attributes kept as they were.
    AnyAttributes,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub variants: Vec<ChoiceVariant>,
    /// Every variant is a response message: the enum derives `ResponseMessage`.
    pub response_message: bool,
}

impl Choice {
    /// Some variant has a gate of its own (see `passes::families`): a build may have none of
    /// them, so code matching on the enum needs a catch-all.
    pub fn is_gated(&self) -> bool {
        self.variants.iter().any(|v| !v.gate.is_empty())
    }

    /// Every member stands once and is compiled with the enum (no `Vec` member, no gate of
    /// its own): the choices the accessors and conversions passes work on.
    pub fn is_plain(&self) -> bool {
        !self.is_gated() && self.variants.iter().all(|v| !v.many)
    }
}

impl ItemKind {
    /// The members (variant name, type, whether boxed) of a plain choice (see
    /// [`Choice::is_plain`]) or of the kinds of an abstract type; `None` for other items.
    pub fn plain_members(&self) -> Option<Vec<(&str, &Ty, bool)>> {
        let members = match self {
            ItemKind::Choice(c) if c.is_plain() => c
                .variants
                .iter()
                .map(|v| (v.name.as_str(), &v.ty, v.boxed))
                .collect(),
            ItemKind::Kinds(k) => k
                .variants
                .iter()
                .map(|v| (v.name.as_str(), &v.ty, v.boxed))
                .collect(),
            _ => return None,
        };
        Some(members)
    }
}

#[derive(Clone, Debug)]
pub struct ChoiceVariant {
    pub name: String,
    pub element: QName,
    pub ty: Ty,
    /// A member that may repeat inside a single choice holds a `Vec`.
    pub many: bool,
    pub boxed: bool,
    /// Set on the members of response-message choices only (see `passes::families`);
    /// other variants are compiled with their enum.
    pub gate: Vec<String>,
    /// Our rustdoc lines (markdown).
    pub doc: Vec<String>,
    /// The schema's own annotation (`xs:documentation`, WSDL `documentation`): Microsoft's
    /// prose, kept only so that `codegen diff` can tell when it changed; never emitted.
    pub schema_doc: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Kinds {
    /// The abstract type.
    pub base: QName,
    pub variants: Vec<KindVariant>,
}

#[derive(Clone, Debug)]
pub struct KindVariant {
    pub name: String,
    /// The `xsi:type` value that selects it (local name in `ns`).
    pub xsi_type: QName,
    pub ty: Ty,
    pub boxed: bool,
}

#[derive(Clone, Debug)]
pub struct Enumeration {
    pub xsd: QName,
    pub values: Vec<EnumVariant>,
    /// Whether its base collapses whitespace (`xs:token`), so that spaces around a value
    /// are not part of it; a restriction of `xs:string` keeps them.
    pub collapse: bool,
}

#[derive(Clone, Debug)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
    /// Our rustdoc lines (markdown).
    pub doc: Vec<String>,
    /// The schema's own annotation (`xs:documentation`, WSDL `documentation`): Microsoft's
    /// prose, kept only so that `codegen diff` can tell when it changed; never emitted.
    pub schema_doc: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    pub ty: Ty,
}

#[derive(Clone, Debug)]
pub enum AliasTarget {
    Ty(Ty),
    List(Ty),
}

#[derive(Clone, Debug)]
pub struct ElementWrapper {
    pub xsd: QName,
    pub ty: Ty,
}

/// What Microsoft's documentation says about an item, field, variant or operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionDoc {
    /// The `ExchangeVersionType` value that introduced it; `None`: the docs do not say.
    pub since: Option<Version>,
    /// The docs name only Exchange Online.
    pub online_only: bool,
    /// The documentation page.
    pub url: String,
    /// The page's one-line description.
    pub description: String,
    /// Why the page's version is not used (see `versions::ERRATA`).
    pub erratum: Option<String>,
    /// The page's version, when an earlier schema level declares the item and `since` is
    /// that level's instead (see `passes::history`).
    pub documented: Option<Version>,
}

/// A documented version that the schema history contradicts (see `passes::history`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryFix {
    /// `Owner/Element`, `(global)/Element` or `operation Name`.
    pub what: String,
    /// What the documentation table says.
    pub documented: Version,
    /// The earliest level (its folder's name) whose schema declares it.
    pub level: String,
    /// That level's version, the one used.
    pub present: Version,
}

/// Version metadata of the plan, by Rust name.
#[derive(Clone, Debug, Default)]
pub struct Versions {
    /// Items (element wrappers, and types all of whose elements have a known version).
    pub items: BTreeMap<(Module, String), VersionDoc>,
    /// Struct fields: (item, field name).
    pub fields: BTreeMap<(Module, String, String), VersionDoc>,
    /// Choice variants: (enum, variant name).
    pub variants: BTreeMap<(Module, String, String), VersionDoc>,
    /// Operations, by name.
    pub operations: BTreeMap<String, VersionDoc>,
    /// Items whose values can contain something with a known version: their
    /// `Versioned` impl walks their fields; the others get an empty impl.
    pub walk: BTreeSet<(Module, String)>,
    /// The documented versions the schema history contradicts, by `what` (see
    /// `passes::history`).
    pub history: Vec<HistoryFix>,
}
