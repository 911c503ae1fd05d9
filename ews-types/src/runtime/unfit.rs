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
    /// A value other than the one the schema fixes (`fixed=`).
    NotFixed {
        /// The element (`Name`) or attribute (`@Version`) that holds it.
        element: &'static str,
        /// The value, as text.
        value: String,
        /// The value the schema fixes.
        fixed: &'static str,
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
            Unfit::NotFixed {
                element,
                value,
                fixed,
            } => write_not_fixed(f, element, value, fixed),
        }
    }
}

/// How [`Unfit::NotFixed`] (and the reading error of the same name) reads.
pub(crate) fn write_not_fixed(
    f: &mut fmt::Formatter<'_>,
    element: &str,
    value: &str,
    fixed: &str,
) -> fmt::Result {
    write!(
        f,
        "{element} is `{value}`; the schema fixes it to `{fixed}`"
    )
}

impl Unfit {
    /// [`Unfit::NotFixed`] when `value`'s text is not `fixed` (generated checks call it).
    #[doc(hidden)]
    pub fn not_fixed<T: super::SimpleValue>(
        element: &'static str,
        value: Option<&T>,
        fixed: &'static str,
    ) -> Option<Unfit> {
        let text = value?.to_text();
        (text != fixed).then(|| Unfit::NotFixed {
            element,
            value: text.into_owned(),
            fixed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_other_than_the_fixed_one_is_unfit() {
        let v = String::from("Exchange2013");
        let unfit = Unfit::not_fixed("@Version", Some(&v), "Exchange2010_SP2").unwrap();
        assert_eq!(
            unfit.to_string(),
            "@Version is `Exchange2013`; the schema fixes it to `Exchange2010_SP2`"
        );
        let fixed = String::from("Exchange2010_SP2");
        assert_eq!(
            Unfit::not_fixed("@Version", Some(&fixed), "Exchange2010_SP2"),
            None
        );
        assert_eq!(
            Unfit::not_fixed::<String>("@Version", None, "Exchange2010_SP2"),
            None
        );
    }
}
