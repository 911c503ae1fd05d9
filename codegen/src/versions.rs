//! The "introduced in" table: `versions.tsv` from `../shared/ews-versions` (one row per
//! page of Microsoft's EWS reference; see that folder's README.md).
//!
//! The table is an optional input beside the schemas: without it the generator still
//! works and the generated code carries no version metadata. [`Table::load`] reads it;
//! [`Table::element`] and [`Table::operation`] find the row that documents an element
//! declaration (by its owner type) or an operation.
//!
//! Versions are `t:ExchangeVersionType` values. `ExchangeOnline` (the docs name only
//! Exchange Online) is not such a value and has no place in the on-premises order, so it
//! is kept as an unknown version (the row's link and description are still used).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Error;

/// A value of the schema's `t:ExchangeVersionType`: its rank in the schema's order (so that
/// versions compare by age) and the value itself, held inline so that a `Version` is `Copy`
/// and needs no list to be read.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    rank: u8,
    len: u8,
    name: [u8; Version::MAX_LEN],
}

impl Version {
    /// Longest value held (the schema's are up to 16 bytes: `Exchange2013_SP1`).
    const MAX_LEN: usize = 32;

    /// The version named `s` in `order` (the schema's values, oldest first).
    pub fn parse(s: &str, order: &[String]) -> Option<Version> {
        let rank = u8::try_from(order.iter().position(|v| v == s)?).ok()?;
        let len = u8::try_from(s.len())
            .ok()
            .filter(|l| usize::from(*l) <= Self::MAX_LEN)?;
        let mut name = [0; Self::MAX_LEN];
        name[..s.len()].copy_from_slice(s.as_bytes());
        Some(Version { rank, len, name })
    }

    /// The `ExchangeVersionType` value.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.name[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Debug for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Version({})", self.as_str())
    }
}

/// The values of the schema's `t:ExchangeVersionType`, in the schema's order (oldest first):
/// the versions the table's rows may name for this schema level.
pub fn order(schema: &crate::model::Schema) -> Vec<String> {
    schema
        .simple_types
        .values()
        .find(|t| t.name.ns == crate::model::Ns::Types && t.name.name == "ExchangeVersionType")
        .map(|t| match &t.kind {
            crate::model::SimpleKind::Restriction { enumeration, .. } => {
                enumeration.iter().map(|v| v.value.clone()).collect()
            }
            _ => Vec::new(),
        })
        .unwrap_or_default()
}

/// Whether `s` is written like an `ExchangeVersionType` value (`Exchange2013_SP1`,
/// `V2017_07_11`): a row may name a version newer than the schema in use, which is not an
/// error, but not something else.
fn looks_like_a_version(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = s.strip_prefix("Exchange") {
        let (year, sp) = rest.split_once("_SP").unwrap_or((rest, "1"));
        return year.len() == 4 && digits(year) && digits(sp);
    }
    s.strip_prefix('V')
        .is_some_and(|r| r.split('_').all(digits) && r.split('_').count() == 3)
}

/// Declarations whose documented version Microsoft's own request samples contradict: the
/// sample (in `../shared/doc-samples`, checked by `ews-types/tests/doc_samples.rs`) sends
/// the element with an older `RequestServerVersion` (and the Exchange 2007/2010 editions of
/// the reference document most of them). Their version is kept unknown (the link stays):
/// (owner type, element, evidence).
pub const ERRATA: &[(&str, &str, &str)] = &[
    (
        "ItemType",
        "Body",
        "page says Exchange 2013; samples ews.email-and-ews-in-exchange.01 (Exchange2010_SP2),          ews.how-to-work-with-exchange-mailbox-items-by-using-ews-in-exchange.01          (Exchange2007_SP1) and 8 more write it; the Exchange 2007 reference documents it",
    ),
    (
        "RuleType",
        "Actions",
        "page says Exchange 2013; samples wsr.updateinboxrules-operation.00/.02 use it with          Exchange2010_SP1",
    ),
    (
        "MailboxData",
        "Email",
        "page says Exchange 2013; sample          ews.how-to-get-free-busy-information-by-using-ews-in-exchange.01 uses it with          Exchange2010 (GetUserAvailability is an Exchange 2007 operation and requires it)",
    ),
    (
        "EmailAddressDictionaryType",
        "Entry",
        "page says Exchange 2013; sample          ews.how-to-access-contacts-as-a-delegate-by-using-ews-in-exchange.03 uses it with          Exchange2007_SP1",
    ),
    (
        "MeetingRegistrationResponseObjectType",
        "ProposedStart",
        "parent page says Exchange 2013 SP1, the element page Exchange 2013; sample          ews.how-to-propose-a-new-meeting-time-by-using-ews-in-exchange.02 uses Exchange2013",
    ),
    (
        "MeetingRegistrationResponseObjectType",
        "ProposedEnd",
        "as ProposedStart",
    ),
];

/// The evidence against the documented version of element `name` in `owner`, if any.
pub fn erratum(owner: &str, name: &str) -> Option<&'static str> {
    ERRATA
        .iter()
        .find(|(o, n, _)| *o == owner && *n == name)
        .map(|(_, _, e)| *e)
}

/// The file name of the table.
pub const FILE: &str = "versions.tsv";
/// The setting naming the folder that holds the table.
pub const SETTING: &str = "EWS_VERSIONS_DIR";

/// Where the table is looked for: `$EWS_VERSIONS_DIR/versions.tsv` when the setting is
/// given, else `<schema dir>/../ews-versions/versions.tsv`.
pub fn default_path(schema_dir: &Path, setting: Option<&std::ffi::OsStr>) -> PathBuf {
    match setting {
        Some(d) => PathBuf::from(d).join(FILE),
        None => schema_dir.join("..").join("ews-versions").join(FILE),
    }
}

/// What one page says about an operation or element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `operation` or `element` (other kinds are not kept).
    pub kind: String,
    pub name: String,
    /// The title's parenthetical (a parent, a type, an operation variant), or empty.
    pub context: String,
    /// The version the page gives, if it is an `ExchangeVersionType` value.
    pub since: Option<Version>,
    /// The version phrase as written (`Exchange Server 2013`), or empty.
    pub since_raw: String,
    /// `ExchangeOnline`: the docs name only Exchange Online (no on-premises version).
    pub online_only: bool,
    pub url: String,
    pub description: String,
    /// How the row was matched to the schemas (`wsdl-operation`, `local-element`, ...).
    pub matched: String,
    /// The complex types (or `(global)`, `group:X`) whose declaration the page documents.
    pub owners: Vec<String>,
    /// The title's context is the element's own type (`Value (ExtendedPropertyType)`
    /// documents the `Value` elements of type `ExtendedPropertyType`), not its parent:
    /// set by [`Table::retarget`], which also replaced `owners`.
    pub context_is_type: bool,
}

/// Where an element is declared, for [`Table::element`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner<'a> {
    /// A global element.
    Global,
    /// A local element (or a `ref=`) inside the named complex type (local name).
    Type(&'a str),
}

/// The table, by name.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub operations: BTreeMap<String, Vec<Row>>,
    pub elements: BTreeMap<String, Vec<Row>>,
}

const SCHEMA_MATCHES: [&str; 4] = [
    "wsdl-operation",
    "messages-element",
    "global-element",
    "local-element",
];

impl Table {
    /// Reads the table at `path` for a schema whose `ExchangeVersionType` values are `order`
    /// (see [`order`]); `Ok(None)` when there is no such file.
    pub fn load(path: &Path, order: &[String]) -> Result<Option<Table>, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::Setup(format!(
                    "cannot read the version table {}: {e}",
                    path.display()
                )))
            }
        };
        Table::parse(&text, order)
            .map(Some)
            .map_err(|m| Error::Setup(format!("version table {}: {m}", path.display())))
    }

    /// Parses the table's text (tab-separated, header line first). A row naming a version the
    /// schema (`order`) does not list, as an older schema level does for what came later,
    /// keeps no version.
    pub fn parse(text: &str, order: &[String]) -> Result<Table, String> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().ok_or("empty file")?.split('\t').collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .ok_or_else(|| format!("no column `{name}`"))
        };
        let [kind, name, context, since, since_raw, url, description, matched, owners] = [
            "kind",
            "name",
            "context",
            "since",
            "since_raw",
            "doc_url",
            "description",
            "match",
            "xsd_owners",
        ]
        .map(col);
        let (kind, name, context, since, since_raw, url, description, matched, owners) = (
            kind?,
            name?,
            context?,
            since?,
            since_raw?,
            url?,
            description?,
            matched?,
            owners?,
        );
        let mut table = Table::default();
        for (i, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |c: usize| cells.get(c).copied().unwrap_or("").trim();
            if !SCHEMA_MATCHES.contains(&cell(matched)) {
                continue;
            }
            let since_text = cell(since);
            let parsed = Version::parse(since_text, order);
            let known = since_text.is_empty() || since_text == "ExchangeOnline";
            if parsed.is_none() && !known && !looks_like_a_version(since_text) {
                return Err(format!(
                    "line {}: `{since_text}` is not an ExchangeVersionType value",
                    i + 2
                ));
            }
            let row = Row {
                kind: cell(kind).to_owned(),
                name: cell(name).to_owned(),
                context: cell(context).to_owned(),
                since: parsed,
                since_raw: cell(since_raw).to_owned(),
                online_only: since_text == "ExchangeOnline",
                url: cell(url).to_owned(),
                description: cell(description).to_owned(),
                matched: cell(matched).to_owned(),
                owners: cell(owners)
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                context_is_type: false,
            };
            let map = match row.kind.as_str() {
                "operation" => &mut table.operations,
                "element" => &mut table.elements,
                _ => continue,
            };
            map.entry(row.name.clone()).or_default().push(row);
        }
        Ok(table)
    }

    /// Titles name either a parent or the element's own type (`Value (ExtendedPropertyType)`
    /// is the `Value` of type `ExtendedPropertyType`, whose parent is
    /// `ExtendedPropertyAttributedValueType`; the table's `xsd_owners` then lists the
    /// wrong parent). `declared` maps (element name, schema type name) to the owners
    /// declaring an element of that name with that type (`(global)` for global ones): a
    /// row whose context is such a type documents exactly those declarations, and gets
    /// them as owners. Built-in contexts (`string`) are too common to tell anything.
    pub fn retarget(&mut self, declared: &BTreeMap<(String, String), Vec<String>>) {
        for (name, rows) in &mut self.elements {
            for r in rows.iter_mut() {
                if r.context.is_empty() {
                    continue;
                }
                if let Some(owners) = declared.get(&(name.clone(), r.context.clone())) {
                    r.owners = owners.clone();
                    r.context_is_type = true;
                }
            }
        }
    }

    /// The row of operation `name`: its plain page (no variant in the title) first, else
    /// the first variant page with a version, else the first page.
    pub fn operation(&self, name: &str) -> Option<&Row> {
        let rows = self.operations.get(name)?;
        rows.iter()
            .find(|r| r.context.is_empty())
            .or_else(|| rows.iter().find(|r| r.since.is_some()))
            .or_else(|| rows.first())
    }

    /// The row documenting element `name` of type `own_type` (its Rust/XSD type name, if
    /// any) declared in `owner`:
    ///
    /// 1. a page whose owners name the owner; for several, the most specific: title
    ///    context = the owner, then = the element's own type, then blank, then anything
    ///    else (another parent, a feature area: pinned to this owner only because a name
    ///    is ambiguous); then one with a version; then the one with fewest owners;
    /// 2. for a local element, a page about the global element of that name (the
    ///    declaration may be a `ref=`);
    /// 3. the only page of that name when it is not pinned to other owners (its owners are
    ///    blank or `xs:group`s, which the schema model no longer shows).
    ///
    /// Otherwise none: a page about the same name under other parents says nothing about
    /// this declaration.
    pub fn element(&self, name: &str, owner: Owner<'_>, own_type: Option<&str>) -> Option<&Row> {
        let rows = self.elements.get(name)?;
        let pick = |key: &str| {
            rows.iter()
                .filter(|r| r.owners.iter().any(|o| o == key))
                .min_by_key(|r| {
                    let context = if r.context == key && !r.context_is_type {
                        0
                    } else if own_type.is_some_and(|t| t == r.context) {
                        1
                    } else if r.context.is_empty() {
                        2
                    } else {
                        3
                    };
                    (context, r.since.is_none(), r.owners.len())
                })
        };
        if let Owner::Type(t) = owner {
            if let Some(r) = pick(t) {
                return Some(r);
            }
        }
        if let Some(r) = pick("(global)") {
            return Some(r);
        }
        match rows.as_slice() {
            [only] if only.owners.iter().all(|o| o.starts_with("group:")) => Some(only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "page\tkind\tname\tcontext\tschema_file\tsince\tsince_raw\tdoc_url\tdescription\tsince_source\tmatch\txsd_owners\n";

    fn row(kind: &str, name: &str, context: &str, since: &str, owners: &str) -> String {
        format!(
            "docs/x.md\t{kind}\t{name}\t{context}\ttypes\t{since}\traw\thttps://learn.microsoft.com/x/{}\tThe {name} element.\tpage\t{}\t{owners}\n",
            name.to_lowercase(),
            if kind == "operation" { "wsdl-operation" } else { "local-element" }
        )
    }

    /// The values of the shipped schema's `ExchangeVersionType` that the tests name, in its
    /// order (test data).
    fn order() -> Vec<String> {
        [
            "Exchange2007",
            "Exchange2007_SP1",
            "Exchange2010",
            "Exchange2010_SP1",
            "Exchange2010_SP2",
            "Exchange2013",
            "Exchange2013_SP1",
            "Exchange2016",
            "V2015_10_05",
        ]
        .map(String::from)
        .to_vec()
    }

    fn v(s: &str) -> Option<Version> {
        Version::parse(s, &order())
    }

    fn table(rows: &[String]) -> Table {
        Table::parse(&format!("{HEAD}{}", rows.concat()), &order()).unwrap()
    }

    #[test]
    fn versions_are_ordered_like_the_schema() {
        assert!(v("Exchange2007").unwrap() < v("Exchange2007_SP1").unwrap());
        assert!(v("Exchange2016").unwrap() < v("V2015_10_05").unwrap());
        assert_eq!(v("Exchange2013").unwrap().as_str(), "Exchange2013");
        assert_eq!(v("ExchangeOnline"), None);
        assert_eq!(
            format!("{:?}", v("Exchange2013").unwrap()),
            "Version(Exchange2013)"
        );
    }

    #[test]
    fn missing_file_is_no_table() {
        let t = Table::load(
            Path::new("/nonexistent/ews-versions/versions.tsv"),
            &order(),
        )
        .unwrap();
        assert!(t.is_none());
    }

    #[test]
    fn default_path_is_beside_the_schemas() {
        let p = default_path(Path::new("/x/ews-schemas"), None);
        assert_eq!(p, Path::new("/x/ews-schemas/../ews-versions/versions.tsv"));
        let p = default_path(Path::new("/x/ews-schemas"), Some("/y".as_ref()));
        assert_eq!(p, Path::new("/y/versions.tsv"));
    }

    #[test]
    fn bad_version_is_an_error_and_online_is_unknown() {
        let bad = format!("{HEAD}{}", row("element", "A", "", "Exchange 2013", "T"));
        assert!(Table::parse(&bad, &order())
            .unwrap_err()
            .contains("Exchange 2013"));
        // A version newer than the schema's: no version, not an error.
        let t = table(&[row("element", "A", "", "V2018_01_08", "T")]);
        assert_eq!(t.element("A", Owner::Type("T"), None).unwrap().since, None);
        assert!(looks_like_a_version("Exchange2010_SP2") && !looks_like_a_version("Exchange_SP"));
        let t = table(&[row("element", "A", "", "ExchangeOnline", "T")]);
        let r = t.element("A", Owner::Type("T"), None).unwrap();
        assert_eq!(r.since, None);
        assert!(r.online_only);
    }

    #[test]
    fn operations_prefer_the_plain_page() {
        let t = table(&[
            row("operation", "CreateItem", "email message", "", ""),
            row("operation", "CreateItem", "", "Exchange2007", ""),
        ]);
        assert_eq!(t.operation("CreateItem").unwrap().since, v("Exchange2007"));
        assert!(t.operation("Nope").is_none());
    }

    #[test]
    fn conflicting_names_resolve_by_owner() {
        let t = table(&[
            row(
                "element",
                "Alias",
                "FederatedDirectoryGroupType",
                "Exchange2013_SP1",
                "FederatedDirectoryGroupType",
            ),
            row("element", "Alias", "", "Exchange2010_SP2", "PersonaType"),
            row("element", "Groups", "", "", ""),
            row(
                "element",
                "Groups",
                "ArrayOfImGroupType",
                "Exchange2013",
                "ArrayOfImGroupType",
            ),
            row("element", "Only", "", "Exchange2010", "group:G"),
            row("element", "Pinned", "", "Exchange2010", "OtherType"),
        ]);
        let since = |n: &str, o: Owner<'_>| {
            t.element(n, o, None)
                .and_then(|r| r.since)
                .map(|v| v.as_str().to_owned())
        };
        assert_eq!(
            since("Alias", Owner::Type("FederatedDirectoryGroupType")).as_deref(),
            Some("Exchange2013_SP1")
        );
        assert_eq!(
            since("Alias", Owner::Type("PersonaType")).as_deref(),
            Some("Exchange2010_SP2")
        );
        // Under a parent no page documents: unknown, not another parent's version.
        assert!(t
            .element("Alias", Owner::Type("SomethingElse"), None)
            .is_none());
        assert_eq!(
            since("Groups", Owner::Type("ArrayOfImGroupType")).as_deref(),
            Some("Exchange2013")
        );
        assert!(t.element("Groups", Owner::Type("X"), None).is_none());
        // Two pages pinned to the same parent: the one titled after another parent loses.
        let t2 = table(&[
            row(
                "element",
                "Photo",
                "MasterMailboxType",
                "Exchange2013_SP1",
                "ContactItemType",
            ),
            row(
                "element",
                "Photo",
                "",
                "Exchange2010_SP2",
                "ContactItemType",
            ),
        ]);
        assert_eq!(
            t2.element("Photo", Owner::Type("ContactItemType"), None)
                .and_then(|r| r.since),
            v("Exchange2010_SP2")
        );
        // A single page not pinned to parents (or pinned to xs:groups) covers every use.
        assert_eq!(
            since("Only", Owner::Type("RecurrenceType")).as_deref(),
            Some("Exchange2010")
        );
        // A single page pinned to other parents does not.
        assert!(t.element("Pinned", Owner::Type("ThisType"), None).is_none());
    }
}
