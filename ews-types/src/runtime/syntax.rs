//! What is malformed in a document that is not well-formed XML
//! ([`ErrorKind::Syntax`](super::ErrorKind::Syntax)): one variant per rule the tokenizer and
//! the reader check, so that callers and tests match the variant, not the message.

use std::fmt;

/// A rule of XML 1.0 (or of Namespaces in XML) that the input breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxError {
    /// An element or attribute name that is not a (qualified) XML name.
    BadName {
        /// Whose name it is.
        of: NameOf,
        /// What is wrong with it.
        fault: NameFault,
    },
    /// A tag not closed by `>`: after the `/` of an empty-element tag (`end_tag` false), or
    /// at the end of an end tag.
    UnclosedTag {
        /// Whether it is an end tag.
        end_tag: bool,
    },
    /// The prefix `xml` bound to another namespace, or `xmlns` declared as a prefix.
    ReservedPrefix(&'static str),
    /// A prefix bound to the empty namespace name (`xmlns:p=""`).
    EmptyPrefixBinding(String),
    /// An end tag with no open element.
    EndTagWithoutStart(String),
    /// An end tag whose name is not the open element's.
    MismatchedEndTag {
        /// The end tag's name.
        found: String,
        /// The open element's name.
        open: String,
    },
    /// Markup that is none of the known kinds (after `<!`, or where no markup may stand).
    UnknownMarkup {
        /// After `<!`.
        after_bang: bool,
    },
    /// Two attributes, or a tag name and an attribute, without white space between them.
    MissingSpaceBeforeAttribute,
    /// An attribute name without `=` and a value.
    AttributeWithoutValue(String),
    /// An attribute value not in quotes.
    UnquotedAttributeValue,
    /// A `<` inside an attribute value.
    LtInAttributeValue,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A character XML 1.0 does not allow (a control character below U+0020 other than tab,
    /// newline and carriage return, or U+FFFE, U+FFFF), written as itself.
    ForbiddenCharacter(u32),
    /// A `&` that does not start a reference.
    BareAmpersand,
    /// A reference to an entity other than the five predefined ones (`&lol;`).
    UnknownEntity(String),
    /// A character reference to no character or one XML does not allow (`&#0;`), as written.
    InvalidCharacterReference(String),
    /// A namespace prefix with no declaration in force.
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
        /// Where it was used.
        place: PrefixPlace,
    },
    /// The same attribute twice on one start tag.
    DuplicatedAttribute(String),
    /// Text, CDATA or an element before the root element (`after` false) or after it.
    ContentOutsideRoot {
        /// After the root element.
        after: bool,
    },
    /// An XML declaration (`<?xml …?>`) inside an element.
    DeclarationInsideElement,
    /// Something other than a start tag where one must stand.
    ExpectedStartTag,
}

/// Whose name a [`SyntaxError::BadName`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameOf {
    /// An element's.
    Element,
    /// An attribute's.
    Attribute,
}

/// What is wrong with a name ([`SyntaxError::BadName`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    /// It does not start with a name character, or holds a character names may not hold.
    NotAName,
    /// It has more than one `:`.
    MoreThanOneColon,
    /// It is not valid UTF-8.
    NotUtf8,
}

/// Where an undeclared prefix was used ([`SyntaxError::UndeclaredPrefix`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrefixPlace {
    /// An element's or attribute's name.
    Name,
    /// The value of `xsi:type`.
    XsiType,
    /// The `faultcode` of a SOAP fault (its text as written).
    FaultCode(String),
}

impl fmt::Display for NameFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameFault::NotAName => "is not an XML name",
            NameFault::MoreThanOneColon => "has more than one ':'",
            NameFault::NotUtf8 => "is not valid UTF-8",
        })
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SyntaxError as E;
        match self {
            E::BadName { of, fault } => {
                let of = match of {
                    NameOf::Element => "element",
                    NameOf::Attribute => "attribute",
                };
                write!(f, "{of} name {fault}")
            }
            E::UnclosedTag { end_tag: false } => f.write_str("expected '>' after '/'"),
            E::UnclosedTag { end_tag: true } => f.write_str("expected '>' to close the end tag"),
            E::ReservedPrefix("xml") => {
                f.write_str("the prefix xml cannot be bound to another namespace")
            }
            E::ReservedPrefix(p) => write!(f, "the prefix {p} cannot be declared"),
            E::EmptyPrefixBinding(p) => write!(f, "prefix {p:?} bound to an empty namespace"),
            E::EndTagWithoutStart(n) => write!(f, "end tag </{n}> without a start tag"),
            E::MismatchedEndTag { found, open } => {
                write!(
                    f,
                    "end tag </{found}> does not match the open element <{open}>"
                )
            }
            E::UnknownMarkup { after_bang: true } => f.write_str("unknown markup after '<!'"),
            E::UnknownMarkup { after_bang: false } => f.write_str("unexpected markup"),
            E::MissingSpaceBeforeAttribute => {
                f.write_str("expected whitespace before an attribute")
            }
            E::AttributeWithoutValue(n) => write!(f, "attribute {n} has no value"),
            E::UnquotedAttributeValue => f.write_str("attribute value without quotes"),
            E::LtInAttributeValue => f.write_str("'<' in an attribute value"),
            E::InvalidUtf8 => f.write_str("invalid UTF-8"),
            E::ForbiddenCharacter(c) if *c < 0x20 => {
                write!(f, "control character U+{c:04X} is not allowed in XML")
            }
            E::ForbiddenCharacter(c) => write!(f, "character U+{c:04X} is not allowed in XML"),
            E::BareAmpersand => f.write_str("'&' without a reference (write &amp;)"),
            E::UnknownEntity(n) => write!(f, "unknown entity &{n};"),
            E::InvalidCharacterReference(r) => write!(f, "invalid character reference {r}"),
            E::UndeclaredPrefix { prefix, place } => {
                write!(f, "undeclared namespace prefix {prefix:?}")?;
                match place {
                    PrefixPlace::Name => Ok(()),
                    PrefixPlace::XsiType => f.write_str(" in xsi:type"),
                    PrefixPlace::FaultCode(q) => write!(f, " in faultcode {q:?}"),
                }
            }
            E::DuplicatedAttribute(n) => write!(f, "duplicated attribute {n}"),
            E::ContentOutsideRoot { after: false } => {
                f.write_str("content before the root element")
            }
            E::ContentOutsideRoot { after: true } => f.write_str("content after the root element"),
            E::DeclarationInsideElement => f.write_str("XML declaration inside an element"),
            E::ExpectedStartTag => f.write_str("expected a start tag"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let bad = SyntaxError::BadName {
            of: NameOf::Attribute,
            fault: NameFault::MoreThanOneColon,
        };
        assert_eq!(bad.to_string(), "attribute name has more than one ':'");
        assert_eq!(
            SyntaxError::ForbiddenCharacter(1).to_string(),
            "control character U+0001 is not allowed in XML"
        );
        assert_eq!(
            SyntaxError::ForbiddenCharacter(0xFFFE).to_string(),
            "character U+FFFE is not allowed in XML"
        );
        let prefix = SyntaxError::UndeclaredPrefix {
            prefix: "q".into(),
            place: PrefixPlace::FaultCode("q:Server".into()),
        };
        assert_eq!(
            prefix.to_string(),
            "undeclared namespace prefix \"q\" in faultcode \"q:Server\""
        );
        assert_eq!(
            SyntaxError::ReservedPrefix("xmlns").to_string(),
            "the prefix xmlns cannot be declared"
        );
    }
}
