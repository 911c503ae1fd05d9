//! Content an element carries that its schema type does not declare: child elements and
//! attributes from a newer server, misplaced by a client, or (in
//! [`ReadMode::Lenient`](super::ReadMode::Lenient)) extra occurrences of an element the
//! schema allows once. Every generated struct keeps it in one [`Unknown`] slot, reachable
//! with [`ComplexType::unknown`](super::ComplexType::unknown), and writes it back: attributes
//! after the known ones, each child element where it stood among the known children (a
//! newer server's element in a base type's sequence comes before the derived type's
//! elements), elements added by hand after them.

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
    /// Child elements, in document order.
    pub elements: Vec<AnyElement>,
    /// Where each of `elements` stood when read: `places[i]` known child elements came
    /// before `elements[i]`. Elements without an entry (those that came after the known
    /// children, and those added by hand) are written after the known children.
    places: Vec<u32>,
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

    /// Adds a child element read after `known` known child elements (see [`settle`]).
    ///
    /// [`settle`]: Self::settle
    pub(crate) fn push_read_element(&mut self, e: AnyElement, known: u32) {
        let c = self.content_mut();
        c.places.resize(c.elements.len(), u32::MAX);
        c.elements.push(e);
        c.places.push(known);
    }

    /// Once the element is read, with `known` known children in all: the elements that came
    /// after the last known child have no place (they are written after the known children).
    pub(crate) fn settle(&mut self, known: u32) {
        if let Some(c) = &mut self.0 {
            for p in &mut c.places {
                if *p >= known {
                    *p = u32::MAX;
                }
            }
            while c.places.last() == Some(&u32::MAX) {
                c.places.pop();
            }
        }
    }

    /// Whether some child element stood before a known child (see [`write_placed`]).
    ///
    /// [`write_placed`]: Self::write_placed
    pub(crate) fn has_places(&self) -> bool {
        self.0.as_ref().is_some_and(|c| !c.places.is_empty())
    }

    /// Writes the attributes on the open start tag.
    pub(crate) fn write_attributes(&self, w: &mut Writer) {
        write_attributes(self.attributes(), w);
    }

    /// Writes the child elements (after the known children).
    pub(crate) fn write_elements(&self, w: &mut Writer) {
        for e in self.elements() {
            e.write(w);
        }
    }

    /// Writes the child elements, the known children written already: each one with a
    /// place before the known child it stood before (`starts[i]`: where the `i`-th known
    /// child starts in `w`), the others after them.
    pub(crate) fn write_placed(&self, w: &mut Writer, starts: &[usize]) {
        let Some(c) = &self.0 else { return };
        let mut rest = Vec::new();
        let mut placed = Vec::new();
        for (i, e) in c.elements.iter().enumerate() {
            match c.places.get(i).and_then(|&p| starts.get(p as usize)) {
                Some(&at) => placed.push((at, e)),
                None => rest.push(e),
            }
        }
        // From the end, so that the offsets before stay right; equal offsets keep their
        // document order.
        for (at, e) in placed.into_iter().rev() {
            w.insert_element(at, e);
        }
        for e in rest {
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
