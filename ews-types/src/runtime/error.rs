//! Errors of reading XML into typed values.

use std::fmt;

use super::facets::Facets;
use super::syntax::SyntaxError;

/// Why a value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed XML (or not UTF-8): which rule it breaks.
    Syntax(SyntaxError),
    /// The document ended inside an element.
    UnexpectedEof,
    /// A different element was found where a specific one was expected.
    UnexpectedElement {
        /// The expected element, `prefix:Name` style with the namespace's usual prefix.
        expected: String,
        /// The element found, `{namespace}Name`.
        found: String,
    },
    /// A child element stands before one that the schema's sequence puts ahead of it.
    OutOfOrder {
        /// The element found.
        element: String,
        /// The element it came after, which the schema wants after it.
        after: String,
    },
    /// A required child element is missing.
    MissingElement(&'static str),
    /// A required attribute is missing.
    MissingAttribute(&'static str),
    /// A text or attribute value does not fit its type.
    InvalidValue {
        /// The XSD type (or Rust type) the value should have.
        expected: &'static str,
        /// The value as found (shortened when long).
        found: String,
    },
    /// A value outside the facets of its restricted type (`MaxItems` 500 where the schema
    /// allows 0 to 200), located at the element that holds it.
    OutOfFacets {
        /// The child element (`MaxItems`) or attribute (`@Priority`) holding the value.
        element: &'static str,
        /// The value, as text.
        value: String,
        /// Its type's facets.
        facets: &'static Facets,
    },
    /// A value other than the one the schema fixes (`fixed=`), located at the element that
    /// holds it.
    NotFixed {
        /// The child element (`Name`) or attribute (`@Version`) holding the value.
        element: &'static str,
        /// The value, as text.
        value: String,
        /// The value the schema fixes.
        fixed: &'static str,
    },
    /// `xsi:type` names a type that cannot stand here.
    UnknownXsiType {
        /// The abstract type declared for the element.
        declared: &'static str,
        /// The `xsi:type` value found.
        found: String,
    },
    /// An abstract type's element has no `xsi:type`.
    MissingXsiType(&'static str),
    /// Elements were nested deeper than [`ReadOptions::max_depth`](crate::runtime::ReadOptions).
    DepthLimit(usize),
    /// The input is larger than [`ReadOptions::max_input_bytes`](crate::runtime::ReadOptions).
    InputTooLarge(usize),
    /// More elements than [`ReadOptions::max_elements`](crate::runtime::ReadOptions).
    TooManyElements(usize),
    /// A DOCTYPE declaration: refused, nothing in it is expanded.
    DocType,
    /// Text where only elements may stand.
    UnexpectedText(String),
    /// A child element the schema type does not declare, in
    /// [`ReadMode::Strict`](crate::runtime::ReadMode::Strict): `{namespace}Name`.
    UnknownElement(String),
    /// An attribute the schema type does not declare, as written (`Name` or `p:Name`): in
    /// [`ReadMode::Strict`](crate::runtime::ReadMode::Strict), and on elements of simple
    /// type, which have no place to keep it.
    UnknownAttribute(String),
    /// An element with `xsi:nil="true"` has content.
    NilWithContent,
    /// An element the schema allows once stands several times (refused unless
    /// [`ReadMode::Lenient`](crate::runtime::ReadMode::Lenient)). The position is the
    /// second occurrence's.
    Repeated {
        /// The element, `{namespace}Name`.
        element: String,
        /// How many times it stands in its parent (from its first occurrence on).
        count: usize,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(m) => write!(f, "malformed XML: {m}"),
            ErrorKind::UnexpectedEof => f.write_str("unexpected end of input"),
            ErrorKind::UnexpectedElement { expected, found } => {
                write!(f, "expected element {expected}, found {found}")
            }
            ErrorKind::OutOfOrder { element, after } => {
                write!(
                    f,
                    "element {element} out of order: the schema puts it before {after}"
                )
            }
            ErrorKind::MissingElement(n) => write!(f, "missing required element {n}"),
            ErrorKind::OutOfFacets {
                element,
                value,
                facets,
            } => facets.write_outside(f, element, value),
            ErrorKind::NotFixed {
                element,
                value,
                fixed,
            } => super::unfit::write_not_fixed(f, element, value, fixed),
            ErrorKind::MissingAttribute(n) => write!(f, "missing required attribute {n}"),
            ErrorKind::InvalidValue { expected, found } => {
                write!(f, "invalid value {found:?}: expected {expected}")
            }
            ErrorKind::UnknownXsiType { declared, found } => {
                write!(
                    f,
                    "xsi:type {found:?} is not a concrete type derived from {declared}"
                )
            }
            ErrorKind::MissingXsiType(t) => {
                write!(
                    f,
                    "element of abstract type {t} needs an xsi:type attribute"
                )
            }
            ErrorKind::DepthLimit(d) => write!(f, "elements nested deeper than {d}"),
            ErrorKind::InputTooLarge(n) => write!(f, "input larger than {n} bytes"),
            ErrorKind::TooManyElements(n) => write!(f, "more than {n} elements"),
            ErrorKind::DocType => f.write_str("DOCTYPE declarations are not accepted"),
            ErrorKind::UnexpectedText(t) => write!(f, "unexpected text {t:?} between elements"),
            ErrorKind::NilWithContent => {
                f.write_str("an element with xsi:nil=\"true\" has content")
            }
            ErrorKind::UnknownElement(n) => {
                write!(f, "element {n} is not declared here by the schema")
            }
            ErrorKind::UnknownAttribute(n) => {
                write!(f, "attribute {n} is not declared here by the schema")
            }
            ErrorKind::Repeated { element, count } => write!(
                f,
                "element {element} appears {count} times where the schema allows it once"
            ),
        }
    }
}

/// An error while reading XML: what went wrong, where (byte offset, line and column),
/// and in which element (the path from the document root).
///
/// One pointer wide (the details are boxed), so that the `Result`s of the reading hot path
/// stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(Box<Details>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    kind: ErrorKind,
    offset: usize,
    line: usize,
    column: usize,
    path: String,
}

impl ReadError {
    pub(crate) fn new(
        kind: ErrorKind,
        offset: usize,
        line: usize,
        column: usize,
        path: String,
    ) -> Self {
        ReadError(Box::new(Details {
            kind,
            offset,
            line,
            column,
            path,
        }))
    }

    /// The same error at another place (the streaming reader reads pieces of its input in
    /// documents of their own, and gives positions in the input).
    pub(crate) fn moved(mut self, offset: usize, line: usize, column: usize) -> Self {
        self.0.offset = offset;
        self.0.line = line;
        self.0.column = column;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// What went wrong, taken out of the error.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// Byte offset in the input.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// 1-based line of [`offset`](Self::offset).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column (in bytes) of [`offset`](Self::offset).
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// Local names from the root to the element being read, joined by `/`
    /// (e.g. `Envelope/Body/GetItemResponse/ResponseMessages/GetItemResponseMessage`).
    pub fn path(&self) -> &str {
        &self.0.path
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(
            f,
            "{} at {}:{} (byte {})",
            d.kind, d.line, d.column, d.offset
        )?;
        if !d.path.is_empty() {
            write!(f, " in {}", d.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

/// A value that does not parse as its type (no position yet: the reader adds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The expected type.
    pub expected: &'static str,
    /// The value found (shortened).
    pub found: String,
}

impl ValueError {
    /// A value error for `found`, which should have been a `expected`.
    pub fn new(expected: &'static str, found: &str) -> Self {
        const MAX: usize = 64;
        let found = if found.len() > MAX {
            let mut end = MAX;
            while !found.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", &found[..end])
        } else {
            found.to_owned()
        };
        ValueError { expected, found }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid value {:?}: expected {}",
            self.found, self.expected
        )
    }
}

impl std::error::Error for ValueError {}

/// Line and column (1-based) of a byte offset.
pub(crate) fn line_col(input: &[u8], offset: usize) -> (usize, usize) {
    let upto = &input[..offset.min(input.len())];
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = match upto.iter().rposition(|&b| b == b'\n') {
        Some(nl) => upto.len() - nl,
        None => upto.len() + 1,
    };
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let s = b"ab\ncd\nef";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 1), (1, 2));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 7), (3, 2));
        assert_eq!(line_col(s, 100), (3, 3));
    }

    #[test]
    fn long_values_are_shortened() {
        let e = ValueError::new("int", &"9".repeat(100));
        assert!(e.found.chars().count() <= 65);
        assert!(e.to_string().contains("expected int"));
    }
}
