//! Runtime support for the generated code: the reader, the writer, value types and errors.
//!
//! Generated types are declarations plus small trait impls whose bodies are one-line calls
//! into the generic functions here, so the logic exists (and is tested) once.
//!
//! What users call is documented here: the envelope functions ([`envelope`]), response
//! handling ([`response`]), the value types, [`ReadOptions`], the errors, and
//! [`ComplexType::unknown`]/[`ComplexType::unfit`]. The plumbing the generated code calls
//! (the `read` and `write` modules, `Reader`, `Writer`, `Start`, `Attr`, `Seen`, the
//! `XmlElement`, `ChoiceGroup` and `ComplexShape` traits, and `ComplexType`'s reading and
//! writing members) is public for the generated code's sake but hidden from the docs, as
//! prost hides its `encoding` module: it may change without notice.

pub mod any;
pub mod envelope;
pub mod error;
pub mod facets;
pub mod nil;
#[doc(hidden)]
pub mod read;
pub mod response;
pub mod stream;
pub mod syntax;
pub mod unfit;
pub mod unknown;
pub mod value;
pub mod version;
#[doc(hidden)]
pub mod write;
mod xml;

use std::borrow::Cow;

pub use any::{AnyAttribute, AnyElement, AnyNode};
pub use error::{ErrorKind, ReadError, ValueError};
pub use facets::Facets;
pub use nil::Nillable;
#[doc(hidden)]
pub use read::{Attr, Reader, Seen, Start};
pub use read::{ReadMode, ReadOptions};
pub use syntax::{NameFault, NameOf, PrefixPlace, SyntaxError};
pub use unfit::Unfit;
pub use unknown::{Unknown, UnknownContent};
pub use value::{Base64Binary, Date, DateTime, Decimal, Duration, List, Time};
pub use value::{DateParts, DateTimeParts, DurationParts, TimeParts};
pub use write::InvalidContent;
#[doc(hidden)]
pub use write::Writer;

/// The namespaces the reader tells apart (matched by URI, never by prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ns {
    /// `http://schemas.microsoft.com/exchange/services/2006/types`, written `t:`.
    Types,
    /// `http://schemas.microsoft.com/exchange/services/2006/messages`, written `m:`.
    Messages,
    /// `http://schemas.xmlsoap.org/soap/envelope/`, written `soap:`.
    Soap,
    /// `http://www.w3.org/2001/XMLSchema-instance`.
    Xsi,
    /// `http://www.w3.org/XML/1998/namespace`.
    Xml,
    /// Any other namespace.
    Other,
    /// No namespace.
    None,
}

impl Ns {
    /// The usual prefix, for messages (`t`, `m`, ...).
    pub fn prefix(self) -> &'static str {
        match self {
            Ns::Types => "t",
            Ns::Messages => "m",
            Ns::Soap => "soap",
            Ns::Xsi => "xsi",
            Ns::Xml => "xml",
            Ns::Other | Ns::None => "",
        }
    }
}

/// A value with a text form: simple types, used as attribute values and element text.
pub trait SimpleValue: Sized {
    /// Parses the text (strings keep it exactly; other types trim whitespace).
    fn parse(s: &str) -> Result<Self, ValueError>;
    /// The text form written to XML.
    fn to_text(&self) -> Cow<'_, str>;
}

#[doc(hidden)]
/// A value that is read from, and written as, one whole element.
pub trait XmlElement: Sized {
    /// Reads the element whose start tag is `start` (the reader is just past it).
    fn read_element<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError>;
    /// Reads the element into a box (structs are filled in place, not moved).
    fn read_boxed<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Box<Self>, ReadError> {
        Self::read_element(r, start).map(Box::new)
    }
    /// Writes the value as element `name` in `ns`.
    fn write_element(&self, w: &mut Writer, ns: Ns, name: &str);
}

/// A struct generated from a complex type: its attributes, children and text, field by
/// field. Field indices count the base's fields first.
///
/// Dyn-compatible (`&dyn ComplexType`): reading and writing go through one non-generic
/// function for every type (see BENCHMARKS.md, compile time). The constants reading needs
/// and the empty value to start from are [`ComplexShape`]'s.
pub trait ComplexType {
    #[doc(hidden)]
    /// Reads one attribute; `false` if it is not one of this type's.
    fn read_attribute(&mut self, _a: &Attr<'_>, _seen: &mut Seen) -> Result<bool, ValueError> {
        Ok(false)
    }
    #[doc(hidden)]
    /// Reads one child element; `false` if it is not one of this type's, or is one the
    /// schema allows once that was read already (see [`Seen::single`]).
    fn read_child<'a>(
        &mut self,
        _r: &mut Reader<'a>,
        _c: &Start<'a>,
        _seen: &mut Seen,
    ) -> Result<bool, ReadError> {
        Ok(false)
    }
    #[doc(hidden)]
    /// Takes the element's text (simple content only).
    fn read_text(&mut self, _text: &str) -> Result<(), ValueError> {
        Ok(())
    }
    #[doc(hidden)]
    /// The first required element (`Name`) or attribute (`@Name`) that `seen` lacks.
    fn missing(&self, _seen: &Seen) -> Option<&'static str> {
        None
    }
    /// The first thing the value holds or lacks that its schema type does not allow although
    /// its Rust type does ([`Unfit`]): an empty list that must hold one value, the payload a
    /// `Success` response message must carry (see [`response::is_success`]), a value outside
    /// its type's facets. The one rule for both directions: reading refuses it with where it
    /// stands, writing reports it with the path (see [`Writer::invalid`]).
    fn unfit(&self) -> Option<Unfit> {
        None
    }
    /// The content of the element that the schema type does not declare (see [`Unknown`]):
    /// one slot per value, held by the root of its base chain.
    fn unknown(&self) -> &Unknown;
    /// The unknown content, for changing it.
    fn unknown_mut(&mut self) -> &mut Unknown;
    #[doc(hidden)]
    /// Writes the attributes (base first).
    fn write_attributes(&self, _w: &mut Writer) {}
    #[doc(hidden)]
    /// Writes the children or text (base first).
    fn write_content(&self, _w: &mut Writer) {}
}

#[doc(hidden)]
/// What reading a [`ComplexType`] needs besides its members: the empty value to fill
/// ([`Default`]) and constants of the type.
pub trait ComplexShape: ComplexType + Default {
    /// Number of fields, the base's included (for [`Seen`] indices).
    const FIELD_COUNT: u32;
    /// Whether the type has simple content (text plus attributes).
    const HAS_TEXT: bool = false;
    /// Whether child elements must follow the schema's order (`false` for `xs:all`).
    const ORDERED: bool = true;
    /// The one message element (`prefix:Name`) the type takes, and the local names of the
    /// `m:` message elements it refuses in every read mode: the typed messages of a batch
    /// response (`GetItemResponseMessages` holds `m:GetItemResponseMessage`s; another
    /// operation's message there is an error). Elements the schema does not know are kept as
    /// anywhere else.
    const ONLY_CHILD: Option<(&'static str, &'static [&'static str])> = None;
}

impl<T: ComplexShape> XmlElement for T {
    fn read_element<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError> {
        read::read_complex(r, start)
    }
    fn read_boxed<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Box<Self>, ReadError> {
        read::read_complex_boxed(r, start)
    }
    fn write_element(&self, w: &mut Writer, ns: Ns, name: &str) {
        write::write_complex(self, w, ns, name)
    }
}

#[doc(hidden)]
/// A choice between elements (or a substitution group): read and written by element name.
pub trait ChoiceGroup: Sized {
    /// Reads `c` if it is one of the choice's elements; `None` (nothing consumed) otherwise.
    fn read_choice<'a>(r: &mut Reader<'a>, c: &Start<'a>) -> Result<Option<Self>, ReadError>;
    /// Writes the chosen element.
    fn write_choice(&self, w: &mut Writer);
    /// Merges `next` into `self` when both are the same repeatable member (its `Vec` grows);
    /// otherwise gives `next` back.
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        Err(next)
    }
}

impl<C: ChoiceGroup> ChoiceGroup for Box<C> {
    fn read_choice<'a>(r: &mut Reader<'a>, c: &Start<'a>) -> Result<Option<Self>, ReadError> {
        Ok(C::read_choice(r, c)?.map(Box::new))
    }
    fn write_choice(&self, w: &mut Writer) {
        (**self).write_choice(w)
    }
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        (**self).absorb(*next).map_err(Box::new)
    }
}

/// A global element: a root that can be read from and written to a document.
pub trait Element: XmlElement {
    /// The element's namespace.
    const NS: Ns;
    /// The element's local name.
    const NAME: &'static str;
}

/// Implements [`XmlElement`] for simple types (elements whose content is their text).
#[macro_export]
#[doc(hidden)]
macro_rules! simple_element {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::runtime::XmlElement for $t {
            fn read_element<'a>(
                r: &mut $crate::runtime::Reader<'a>,
                start: &$crate::runtime::Start<'a>,
            ) -> Result<Self, $crate::runtime::ReadError> {
                $crate::runtime::read::read_simple(r, start)
            }
            fn write_element(&self, w: &mut $crate::runtime::Writer, ns: $crate::runtime::Ns, name: &str) {
                $crate::runtime::write::write_simple(self, w, ns, name)
            }
        }
    )*};
}

simple_element!(String, bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
simple_element!(DateTime, Date, Time, Duration, Decimal, Base64Binary);

impl<T: SimpleValue> XmlElement for List<T> {
    fn read_element<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError> {
        read::read_simple(r, start)
    }
    fn write_element(&self, w: &mut Writer, ns: Ns, name: &str) {
        write::write_simple(self, w, ns, name)
    }
}

/// Implements the wrapper traits of a global element's newtype.
#[macro_export]
#[doc(hidden)]
macro_rules! element_wrapper {
    ($name:ident, $inner:ty, $ns:expr, $wire:literal) => {
        impl ::std::ops::Deref for $name {
            type Target = $inner;
            #[inline]
            fn deref(&self) -> &$inner {
                &self.0
            }
        }
        impl ::std::ops::DerefMut for $name {
            #[inline]
            fn deref_mut(&mut self) -> &mut $inner {
                &mut self.0
            }
        }
        impl ::std::convert::From<$inner> for $name {
            #[inline]
            fn from(v: $inner) -> Self {
                $name(v)
            }
        }
        impl $crate::runtime::XmlElement for $name {
            fn read_element<'a>(
                r: &mut $crate::runtime::Reader<'a>,
                start: &$crate::runtime::Start<'a>,
            ) -> ::std::result::Result<Self, $crate::runtime::ReadError> {
                <$inner as $crate::runtime::XmlElement>::read_element(r, start).map($name)
            }
            fn write_element(
                &self,
                w: &mut $crate::runtime::Writer,
                ns: $crate::runtime::Ns,
                name: &str,
            ) {
                self.0.write_element(w, ns, name)
            }
        }
        impl $crate::runtime::Element for $name {
            const NS: $crate::runtime::Ns = $ns;
            const NAME: &'static str = $wire;
        }
    };
}

/// Implements `Response` on the wrapper of a response element by delegating to its type, so
/// that `GetItemResponse` answers `into_results()` without `.0`; for a typed batch (`field:
/// Array`), also `From<Vec<Message>>`, which builds the response from its messages; for a
/// message that is its own response (`message`), also `ResponseMessage`.
#[macro_export]
#[doc(hidden)]
macro_rules! response_wrapper {
    ($name:ident, $inner:ty, message) => {
        $crate::response_wrapper!($name, $inner);
        impl $crate::runtime::response::ResponseMessage for $name {
            fn header(&self) -> ::core::option::Option<&$crate::messages::ResponseMessageType> {
                $crate::runtime::response::ResponseMessage::header(&self.0)
            }
        }
    };
    ($name:ident, $inner:ident, $field:ident: $array:ident) => {
        $crate::response_wrapper!($name, $inner);
        impl
            ::std::convert::From<
                ::std::vec::Vec<<$inner as $crate::runtime::response::Response>::Message>,
            > for $name
        {
            #[inline]
            fn from(
                items: ::std::vec::Vec<<$inner as $crate::runtime::response::Response>::Message>,
            ) -> Self {
                $name($inner {
                    $field: $array {
                        items,
                        ..::core::default::Default::default()
                    },
                    ..::core::default::Default::default()
                })
            }
        }
    };
    ($name:ident, $inner:ty) => {
        impl $crate::runtime::response::Response for $name {
            type Message = <$inner as $crate::runtime::response::Response>::Message;
            fn headers(
                &self,
            ) -> ::std::vec::Vec<::core::option::Option<&$crate::messages::ResponseMessageType>>
            {
                $crate::runtime::response::Response::headers(&self.0)
            }
            fn into_messages(self) -> ::std::vec::Vec<Self::Message> {
                $crate::runtime::response::Response::into_messages(self.0)
            }
        }
    };
}

/// Reads a document whose root is the global element `E`.
pub fn from_slice<E: Element>(xml: &[u8]) -> Result<E, ReadError> {
    from_slice_with(xml, ReadOptions::default())
}

/// The global element `E` whose content is `text`: for elements of simple type or of simple
/// content (`t:MailboxCulture`), whichever shape the schema level gives them. Fails as
/// reading `<E>text</E>` would (a value outside its type, or an element whose content is
/// not text alone).
pub fn from_text<E: Element>(text: &str) -> Result<E, ReadError> {
    let mut xml = format!("<{} xmlns=\"{}\">", E::NAME, xml::uri_of(E::NS));
    write::escape_into(&mut xml, text, false);
    xml.push_str(&format!("</{}>", E::NAME));
    from_slice(xml.as_bytes())
}

/// [`from_slice`] with explicit limits.
pub fn from_slice_with<E: Element>(xml: &[u8], options: ReadOptions) -> Result<E, ReadError> {
    let mut r = Reader::new(xml, options);
    let root = r.root()?;
    if root.ns != E::NS || root.local != E::NAME.as_bytes() {
        let found = format!("{{{:?}}}{}", root.ns, root.local_str());
        let expected = format!("{}:{}", E::NS.prefix(), E::NAME);
        return Err(r.error_at(
            ErrorKind::UnexpectedElement { expected, found },
            root.offset(),
        ));
    }
    let value = E::read_element(&mut r, &root)?;
    r.end_of_document()?;
    Ok(value)
}

/// Writes `value` as a document (no XML declaration). Refuses a value that holds or lacks
/// what its schema type does not allow (see [`ComplexType::unfit`]): the document would not
/// be schema-valid.
pub fn to_string<E: Element>(value: &E) -> Result<String, InvalidContent> {
    let mut w = Writer::new();
    value.write_element(&mut w, E::NS, E::NAME);
    match w.invalid() {
        Some(invalid) => Err(invalid),
        None => Ok(w.into_string()),
    }
}
