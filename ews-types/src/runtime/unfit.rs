//! What a value holds or lacks that its schema type does not allow although its Rust type
//! does: the one check ([`ComplexType::unfit`](super::ComplexType::unfit)) that reading
//! refuses with where it stands and writing reports with the path
//! ([`InvalidContent`](super::write::InvalidContent)).

use std::fmt;

use super::facets::Facets;

/// Content a value of a generated type holds or lacks against its schema type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unfit {
    /// A required element (`Items`) or choice (`ItemId|OccurrenceItemId|…`) is missing: an
    /// empty list that must hold a value, or the payload of a `Success` response message
    /// (see [`response::is_success`](super::response::is_success)).
    Missing(&'static str),
    /// A value outside the facets of its restricted type.
    OutOfFacets {
        /// The element (`MaxItems`) or attribute (`@Priority`) that holds it.
        element: &'static str,
        /// The value, as text.
        value: String,
        /// Its type's facets.
        facets: &'static Facets,
    },
}

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unfit::Missing(name) => write!(f, "missing required element {name}"),
            Unfit::OutOfFacets {
                element,
                value,
                facets,
            } => facets.write_outside(f, element, value),
        }
    }
}
