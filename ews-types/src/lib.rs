//! Typed Rust API for Exchange Web Services (EWS).
//!
//! Every complex type, simple type and global element of Microsoft's EWS schemas
//! (`types.xsd`, `messages.xsd`, Exchange 2019 level) has a Rust item here, generated at
//! build time by the `codegen` crate, with an XML reader and writer.
//!
//! - [`types`]: the namespace `http://schemas.microsoft.com/exchange/services/2006/types`
//!   (written `t:`).
//! - [`messages`]: the namespace `http://schemas.microsoft.com/exchange/services/2006/messages`
//!   (written `m:`): requests, responses and their messages.
//! - [`runtime`]: the reader, writer, value types and errors the generated code uses.
//! - [`runtime::version`]: which Exchange version an operation or a request value needs,
//!   from Microsoft's documentation (README.md, "The version table"); items' rustdoc links
//!   to their documentation page.
//!
//! ```
//! use ews_types::messages::RemoveImContactFromGroup;
//!
//! let xml = r#"<RemoveImContactFromGroup xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"
//!         xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
//!       <ContactId Id="AAMkADAy"/>
//!       <GroupId Id="AAMkADBz"/>
//!     </RemoveImContactFromGroup>"#;
//! let request: RemoveImContactFromGroup = ews_types::from_slice(xml.as_bytes()).unwrap();
//! assert_eq!(request.contact_id.id, "AAMkADAy");
//! let written = ews_types::to_string(&request);
//! assert!(written.starts_with("<m:RemoveImContactFromGroup"));
//! ```
//!
//! # Naming rules
//!
//! - **Types** keep their XSD name in UpperCamelCase, `Type` suffix included
//!   (`t:ItemType` → [`types::ItemType`], `t:NonEmptyArrayOfExtendedFieldURIs` →
//!   `NonEmptyArrayOfExtendedFieldUris`). Modules follow the namespace: [`types`] for `t:`,
//!   [`messages`] for `m:`.
//! - **Global elements** get a newtype wrapper named after the element
//!   ([`messages::RemoveImContactFromGroup`] wraps [`messages::RemoveImContactFromGroupType`]);
//!   it knows its element name, so it can be read and written as a document root. When the
//!   name is taken by a type (12 names are both a global element and a type, e.g.
//!   `t:UserOofSettings`), the wrapper gets the suffix `Element`.
//! - **Anonymous types** are named after their place: the type of global element `X` is
//!   `XContent`; the type of a local element or attribute `M` of type `OwnerType` is
//!   `OwnerM`.
//! - **Choices** (`xs:choice` of several elements) are enums named after their owner and the
//!   field holding them (`FindItemType::view` has type `FindItemView`); identical choices are
//!   shared. A choice of one element is just that element.
//! - **Substitution groups** are enums named after the head element: [`types::Path`]
//!   (`FieldURI`, `IndexedFieldURI`, `ExtendedFieldURI`), [`types::SearchExpression`],
//!   [`types::Transition`].
//! - **Abstract types** used for elements get an enum of their concrete descendants, chosen
//!   on the wire by `xsi:type`, named `<Type without "Type">Kind` (e.g.
//!   [`types::AlternateIdBaseKind`]).
//! - **Fields** are the snake_case element or attribute name (`DateTimeSent` →
//!   `date_time_sent`); an attribute named like an element gets `_attr`; keywords are raw
//!   identifiers (`r#type`).
//! - **Enumeration values** are UpperCamelCase wire values (`Exchange2007_SP1` →
//!   `Exchange2007Sp1`, `item:Subject` → `ItemSubject`); every enumeration also has
//!   `Unknown(String)` for values from newer servers.
//!
//! # Shapes
//!
//! - A derived type (XSD extension) holds its base in a field named `base`, then its own
//!   fields: `message.base.subject` is the `t:Subject` of a `t:MessageType`. Composition
//!   keeps each base's fields and reader/writer code in one place, which keeps the crate's
//!   compile time small; a restriction restates its content and has no `base`.
//! - `minOccurs="0"` → `Option<T>`, repeated → `Vec<T>`, recursion → `Box<T>`. Optional
//!   fields of struct type are `Option<Box<T>>`, and struct members of choice enums are boxed
//!   (`RealItem::Message(Box<MessageType>)`): an absent field then costs a pointer, not the
//!   struct's size, and values are read in place. Field access goes through the box as usual.
//!   Fields of response messages (types derived from `m:ResponseMessageType`) are `Option`
//!   even where the schema requires them, because servers leave them out in `Error`
//!   responses.
//! - Attributes are fields too; simple content is a `value` field.
//! - Built-in XSD types map as described in [`runtime::value`].

#![forbid(unsafe_code)]

pub mod runtime;

/// Includes a generated file: the one committed under `src/generated/` (the default), or the
/// one `build.rs` wrote into `OUT_DIR` with the `buildtime-codegen` feature.
macro_rules! generated {
    ($file:literal) => {
        #[cfg(not(feature = "buildtime-codegen"))]
        include!(concat!("generated/", $file));
        #[cfg(feature = "buildtime-codegen")]
        include!(concat!(env!("OUT_DIR"), "/", $file));
    };
}

/// The namespace `http://schemas.microsoft.com/exchange/services/2006/types` (`t:`).
#[allow(clippy::all, clippy::pedantic, non_camel_case_types)]
pub mod types {
    generated!("types.rs");
}

/// The namespace `http://schemas.microsoft.com/exchange/services/2006/messages` (`m:`).
#[allow(clippy::all, clippy::pedantic, non_camel_case_types)]
pub mod messages {
    generated!("messages.rs");
}

/// The operations of `services.wsdl`: one marker type per operation implementing
/// [`runtime::envelope::Operation`] (name, SOAP action, request and response body
/// elements, declared headers), used with [`runtime::envelope`].
#[allow(clippy::all, clippy::pedantic)]
pub mod operations {
    generated!("operations.rs");
}

mod index {
    generated!("index.rs");
}
pub use index::{batch_response_types, response_message_types, SCHEMA_INDEX};

pub use runtime::{from_slice, from_slice_with, to_string, ReadError, ReadOptions};

/// One row of [`operations::OPERATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation's name.
    pub name: &'static str,
    /// The SOAP action.
    pub soap_action: &'static str,
    /// The request body element (`m:Name`).
    pub request: &'static str,
    /// The response body element (`m:Name`).
    pub response: &'static str,
}

/// One row of [`SCHEMA_INDEX`].
#[derive(Debug, Clone, Copy)]
pub struct IndexEntry {
    /// `complexType`, `simpleType` or `element`.
    pub kind: &'static str,
    /// The XSD name, `t:Name` or `m:Name`.
    pub xsd: &'static str,
    /// The Rust path under this crate, e.g. `types::ItemType`.
    pub rust: &'static str,
    /// `std::any::type_name` of the generated item (proves it exists).
    pub type_name: fn() -> &'static str,
}
