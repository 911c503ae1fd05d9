//! Elements the schemas declare `nillable="true"`: their value is either `xsi:nil="true"`
//! (an empty element that stands for "no value") or a value of their type.

use super::error::ReadError;
use super::read::{Reader, Start};
use super::version::{Versioned, Walk};
use super::write::Writer;
use super::{Ns, XmlElement};

/// The value of a nillable element: [`Nil`](Self::Nil) is written `xsi:nil="true"`.
///
/// Read: `xsi:nil="true"` (or `"1"`) gives `Nil`, and such an element must have no content
/// and no other attributes (an error says where otherwise); anything else is read as `T`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Nillable<T> {
    /// `xsi:nil="true"`: no value.
    Nil,
    /// A value.
    Value(T),
}

impl<T: Default> Default for Nillable<T> {
    fn default() -> Self {
        Nillable::Value(T::default())
    }
}

impl<T> Nillable<T> {
    /// The value, unless nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// Whether it is nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil)
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(v: T) -> Self {
        Nillable::Value(v)
    }
}

impl<T: XmlElement> XmlElement for Nillable<T> {
    fn read_element<'a>(r: &mut Reader<'a>, start: &Start<'a>) -> Result<Self, ReadError> {
        if !r.xsi_nil(start)? {
            return T::read_element(r, start).map(Nillable::Value);
        }
        r.enter(start)?;
        // Nothing but `xsi:nil` itself: any other attribute is refused where it stands.
        r.attributes(start, |a| Ok((a.ns, a.local) == (Ns::Xsi, &b"nil"[..])))?;
        if !start.is_empty() {
            r.empty_content()?;
        }
        r.leave();
        Ok(Nillable::Nil)
    }

    fn write_element(&self, w: &mut Writer, ns: Ns, name: &str) {
        match self {
            Nillable::Value(v) => v.write_element(w, ns, name),
            Nillable::Nil => {
                w.start(ns, name);
                w.declare_xsi();
                w.attr_str("xsi:nil", "true");
                w.end(ns, name);
            }
        }
    }
}

impl<T: Versioned> Versioned for Nillable<T> {
    fn walk_versions(&self, w: &mut Walk<'_>) {
        if let Nillable::Value(v) = self {
            v.walk_versions(w)
        }
    }
    fn is_present(&self) -> bool {
        true
    }
}
