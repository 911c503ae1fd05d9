//! Content an element carries that its schema type does not declare: child elements and
//! attributes from a newer server, misplaced by a client, or (in
//! [`ReadMode::Lenient`](super::ReadMode::Lenient)) extra occurrences of an element the
//! schema allows once. Every generated struct keeps it in one [`Unknown`] slot, reachable
//! with [`ComplexType::unknown`](super::ComplexType::unknown), and writes it back after its
//! known attributes and children.

use super::any::{write_attributes, AnyAttribute, AnyElement};
use super::write::Writer;

/// The unknown content of one element. Empty, it is one pointer wide and allocates nothing.
///
/// Its `Debug` form is `Unknown` when empty (it stands in every struct), else the content.
#[derive(Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unknown(Option<Box<UnknownContent>>);

/// What an [`Unknown`] holds when it is not empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct UnknownContent {
    /// Attributes, in document order.
    pub attributes: Vec<AnyAttribute>,
    /// Child elements, in document order (written after the known children).
    pub elements: Vec<AnyElement>,
}

impl std::fmt::Debug for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(c) if !self.is_empty() => f
                .debug_struct("Unknown")
                .field("attributes", &c.attributes)
                .field("elements", &c.elements)
                .finish(),
            _ => f.write_str("Unknown"),
        }
    }
}

impl Unknown {
    /// Whether there is no unknown content.
    pub fn is_empty(&self) -> bool {
        self.0
            .as_ref()
            .is_none_or(|c| c.attributes.is_empty() && c.elements.is_empty())
    }

    /// The unknown attributes.
    pub fn attributes(&self) -> &[AnyAttribute] {
        self.0.as_ref().map_or(&[], |c| &c.attributes)
    }

    /// The unknown child elements.
    pub fn elements(&self) -> &[AnyElement] {
        self.0.as_ref().map_or(&[], |c| &c.elements)
    }

    /// The content, for changing it (allocated on first use).
    pub fn content_mut(&mut self) -> &mut UnknownContent {
        self.0.get_or_insert_with(Box::default)
    }

    /// Adds an attribute.
    pub fn push_attribute(&mut self, a: AnyAttribute) {
        self.content_mut().attributes.push(a);
    }

    /// Adds a child element.
    pub fn push_element(&mut self, e: AnyElement) {
        self.content_mut().elements.push(e);
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// Writes the attributes on the open start tag.
    pub(crate) fn write_attributes(&self, w: &mut Writer) {
        write_attributes(self.attributes(), w);
    }

    /// Writes the child elements.
    pub(crate) fn write_elements(&self, w: &mut Writer) {
        for e in self.elements() {
            e.write(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_costs_one_pointer() {
        assert_eq!(std::mem::size_of::<Unknown>(), std::mem::size_of::<usize>());
        let u = Unknown::default();
        assert!(u.is_empty());
        assert!(u.attributes().is_empty() && u.elements().is_empty());
    }

    #[test]
    fn keeps_in_order() {
        let mut u = Unknown::default();
        u.push_element(AnyElement {
            name: "A".into(),
            ..Default::default()
        });
        u.push_element(AnyElement {
            name: "B".into(),
            ..Default::default()
        });
        u.push_attribute(AnyAttribute {
            name: "x".into(),
            value: "1".into(),
            ..Default::default()
        });
        assert!(!u.is_empty());
        let names: Vec<_> = u.elements().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(u.attributes()[0].value, "1");
        u.clear();
        assert!(u.is_empty());
    }
}
