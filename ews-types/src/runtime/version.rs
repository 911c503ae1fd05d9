//! Which Exchange version a request needs.
//!
//! The generator reads Microsoft's documentation table (`versions.tsv`, see README.md,
//! "The version table") and records, for operations, elements and fields, the
//! `ExchangeVersionType` value that introduced them, where the docs say it. From that:
//!
//! - [`Operation::SINCE`]: the operation's version;
//! - [`Versioned::min_version`]: the newest version among the elements a value actually
//!   uses (fields that are `Some`, non-empty `Vec`s, the chosen variant of a choice),
//!   recursively;
//! - [`Versioned::validate_for`]: the elements that are newer than a target server,
//!   named by their element path;
//! - [`required`] / [`check_request`]: both together for an operation's request, as
//!   [`write_request`](super::envelope::write_request) checks them against
//!   `RequestServerVersion`.
//!
//! `None` means *unknown*: the docs say nothing (mostly elements of the first EWS
//! release, Exchange 2007). It is never guessed.
//!
//! ```
//! use ews_types::runtime::version::{ExchangeVersion, Versioned};
//! use ews_types::messages::RemoveImContactFromGroup;
//!
//! let request = RemoveImContactFromGroup::default();
//! assert_eq!(request.min_version(), Some(ExchangeVersion::Exchange2013));
//! assert!(request.validate_for(ExchangeVersion::Exchange2010Sp2).is_err());
//! ```

use std::fmt;

use super::envelope::Operation;
use crate::types::ExchangeVersionType;

// `ExchangeVersion`: generated from the schema's `t:ExchangeVersionType` (its values are the
// schema's, in its order).
generated!("versions.rs");

impl TryFrom<ExchangeVersionType> for ExchangeVersion {
    type Error = String;
    fn try_from(v: ExchangeVersionType) -> Result<Self, String> {
        ExchangeVersion::try_from(&v)
    }
}

impl fmt::Display for ExchangeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ExchangeVersion {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ExchangeVersion::from_wire(s)
            .ok_or_else(|| format!("`{s}` is not an ExchangeVersionType value"))
    }
}

/// An element (or operation) a request uses that is newer than the target version. The
/// elements inside a reported element are not reported again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VersionViolation {
    /// The element path from the root, `/`-separated, e.g.
    /// `FindItem/SeekToConditionPageItemView`; for the operation itself, its name.
    pub path: String,
    /// The version that introduced it.
    pub since: ExchangeVersion,
}

impl fmt::Display for VersionViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (introduced in {})", self.path, self.since)
    }
}

/// [`Versioned::validate_for`] failed: the request uses elements newer than the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    /// The target version.
    pub target: ExchangeVersion,
    /// What is too new, in document order.
    pub violations: Vec<VersionViolation>,
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not available in {}: ", self.target)?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            v.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for VersionError {}

/// The state of a walk over a value (used by the generated [`Versioned`] impls).
#[doc(hidden)]
pub struct Walk<'o> {
    max: Option<ExchangeVersion>,
    target: Option<ExchangeVersion>,
    path: Vec<&'static str>,
    prefix: &'o str,
    out: Option<&'o mut Vec<VersionViolation>>,
    /// Inside an element already reported: its descendants are not reported again.
    inside_reported: bool,
}

impl Walk<'_> {
    /// Records `name`'s version; `true` if it was reported as too new.
    fn seen(&mut self, name: &'static str, since: Option<ExchangeVersion>) -> bool {
        let Some(since) = since else { return false };
        self.max = self.max.max(Some(since));
        if self.inside_reported {
            return false;
        }
        if let (Some(target), Some(out)) = (self.target, self.out.as_deref_mut()) {
            if since > target {
                let mut path = String::from(self.prefix);
                for p in self.path.iter().chain([&name]) {
                    if !path.is_empty() {
                        path.push('/');
                    }
                    path.push_str(p);
                }
                // The same element in several items of a list is named once.
                if !out.iter().any(|v| v.path == path) {
                    out.push(VersionViolation { path, since });
                }
                return true;
            }
        }
        false
    }

    /// An element whose content has nothing versioned: only its own version counts.
    pub fn leaf(&mut self, name: &'static str, since: Option<ExchangeVersion>, present: bool) {
        if present {
            self.seen(name, since);
        }
    }

    /// An element (field or variant) `name`: its own version if it is present, then its
    /// content.
    pub fn field<T: Versioned + ?Sized>(
        &mut self,
        name: &'static str,
        since: Option<ExchangeVersion>,
        value: &T,
    ) {
        if !value.is_present() {
            return;
        }
        let reported = self.seen(name, since);
        let outer = self.inside_reported;
        self.inside_reported |= reported;
        self.path.push(name);
        value.walk_versions(self);
        self.path.pop();
        self.inside_reported = outer;
    }
}

/// A value whose elements may have been introduced after Exchange 2007: every generated
/// struct, choice and element wrapper implements it (see the [module docs](self)). Types
/// that only occur in responses are not walked (their `min_version` is `None`): the
/// checks are for requests.
pub trait Versioned {
    /// Walks the fields that are set (generated; the provided methods use it).
    #[doc(hidden)]
    fn walk_versions(&self, _w: &mut Walk<'_>) {}

    /// Whether the value is there at all (`Some`, a non-empty `Vec`).
    #[doc(hidden)]
    fn is_present(&self) -> bool {
        true
    }

    /// The newest version among the elements this value uses, or `None` when no element
    /// it uses has a known version.
    fn min_version(&self) -> Option<ExchangeVersion> {
        let mut w = Walk {
            max: None,
            target: None,
            path: Vec::new(),
            prefix: "",
            out: None,
            inside_reported: false,
        };
        self.walk_versions(&mut w);
        w.max
    }

    /// Adds to `out` every element of this value newer than `target`, named by its path
    /// under `path` (give `""` for paths from this value).
    fn check_version(&self, target: ExchangeVersion, path: &str, out: &mut Vec<VersionViolation>) {
        let mut w = Walk {
            max: None,
            target: Some(target),
            path: Vec::new(),
            prefix: path,
            out: Some(out),
            inside_reported: false,
        };
        self.walk_versions(&mut w);
    }

    /// `Ok` when a server of version `target` knows every element this value uses (as
    /// far as the docs say).
    fn validate_for(&self, target: ExchangeVersion) -> Result<(), VersionError> {
        let mut violations = Vec::new();
        self.check_version(target, "", &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(VersionError { target, violations })
        }
    }
}

impl<T: Versioned + ?Sized> Versioned for Box<T> {
    fn walk_versions(&self, w: &mut Walk<'_>) {
        (**self).walk_versions(w)
    }
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

impl<T: Versioned> Versioned for Option<T> {
    fn walk_versions(&self, w: &mut Walk<'_>) {
        if let Some(v) = self {
            v.walk_versions(w)
        }
    }
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

impl<T: Versioned> Versioned for Vec<T> {
    fn walk_versions(&self, w: &mut Walk<'_>) {
        for v in self {
            v.walk_versions(w)
        }
    }
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

/// The version a request of operation `O` needs: the newer of the operation's
/// [`SINCE`](Operation::SINCE) and the body's [`min_version`](Versioned::min_version);
/// `None` when neither is known.
pub fn required<O: Operation>(body: &O::Request) -> Option<ExchangeVersion> {
    O::SINCE.max(body.min_version())
}

/// What a request of operation `O` uses that a `target` server does not have: the
/// operation itself (path = its name), else the body's elements.
pub fn check_request<O: Operation>(
    body: &O::Request,
    target: ExchangeVersion,
) -> Vec<VersionViolation> {
    let mut out = Vec::new();
    if let Some(since) = O::SINCE.filter(|s| *s > target) {
        out.push(VersionViolation {
            path: O::NAME.to_owned(),
            since,
        });
    } else {
        body.check_version(target, "", &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_names() {
        assert!(ExchangeVersion::ALL.windows(2).all(|w| w[0] < w[1]));
        for v in ExchangeVersion::ALL {
            assert_eq!(ExchangeVersion::from_wire(v.as_str()), Some(*v));
            let t: ExchangeVersionType = (*v).into();
            assert_eq!(t.as_str(), v.as_str());
            assert_eq!(ExchangeVersion::try_from(&t), Ok(*v));
        }
        assert!(ExchangeVersion::try_from(ExchangeVersionType::Unlisted("X".into())).is_err());
        assert_eq!(
            "Exchange2007_SP1".parse::<ExchangeVersion>(),
            Ok(ExchangeVersion::Exchange2007Sp1)
        );
    }
}
