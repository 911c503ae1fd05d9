//! The "introduced in" table (`../shared/ews-versions/versions.tsv`): optional input,
//! attached to operations, items, fields and choice variants; names documented under
//! several parents resolve by parent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codegen::ir::{ItemKind, Plan, XmlBinding};
use codegen::versions::{Table, Version};

mod common;

/// The Exchange 2019 set, whose operations and fields these tests name.
fn schema_dir() -> PathBuf {
    common::exchange_2019()
}

fn table_path() -> PathBuf {
    codegen::versions::default_path(
        &schema_dir(),
        std::env::var_os(codegen::versions::SETTING).as_deref(),
    )
}

/// The Exchange 2019 set's `ExchangeVersionType` values, in its order.
fn order() -> &'static [String] {
    static ORDER: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ORDER.get_or_init(|| codegen::versions::order(&codegen::load::load(&schema_dir()).unwrap()))
}

fn v(s: &str) -> Option<Version> {
    Some(Version::parse(s, order()).unwrap())
}

#[test]
fn missing_table_generates_without_metadata() {
    let mut config = codegen::Config::new(schema_dir());
    config.versions("/nonexistent/ews-versions/versions.tsv");
    let plan = config.plan().unwrap();
    assert!(plan.versions.operations.is_empty());
    assert!(plan.versions.items.is_empty());
    assert!(plan.versions.fields.is_empty());
    assert!(plan.versions.walk.is_empty());
    let ops = codegen::emit::prelude::with_prelude(codegen::emit::ops::operations(&plan));
    let ops = codegen::format::format(ops).unwrap();
    assert!(!ops.contains("Introduced in"));
    assert!(!ops.contains("Some(rt::version::ExchangeVersion"));
    assert!(ops.contains("const SINCE: Option<rt::version::ExchangeVersion> = None;"));
}

fn plan() -> Plan {
    let mut config = codegen::Config::new(schema_dir());
    config.versions(table_path());
    config.plan().unwrap()
}

#[test]
fn operations_and_fields_carry_their_version() {
    let plan = plan();
    let vs = &plan.versions;
    let op = |n: &str| vs.operations.get(n).and_then(|d| d.since);
    assert_eq!(op("RemoveImContactFromGroup"), v("Exchange2013"));
    assert_eq!(op("ConvertId"), v("Exchange2007_SP1"));
    assert_eq!(op("FindItem"), v("Exchange2007"));
    // Only on the request element's page.
    assert_eq!(op("SetTeamMailbox"), v("Exchange2013"));
    // Not documented: unknown, not guessed.
    assert_eq!(op("FindTags"), None);
    assert!(vs.operations["ConvertId"]
        .url
        .ends_with("/web-service-reference/convertid-operation"));

    let field = |m: &str, item: &str, f: &str| {
        let m = if m == "t" {
            codegen::ir::Module::Types
        } else {
            codegen::ir::Module::Messages
        };
        vs.fields
            .get(&(m, item.to_owned(), f.to_owned()))
            .and_then(|d| d.since)
    };
    // Conflicting names resolve by parent.
    assert_eq!(field("t", "ConversationType", "conversation_id"), None);
    assert_eq!(
        field("t", "ArrayOfImGroupType", "im_group"),
        v("Exchange2013")
    );
    assert_eq!(
        field("t", "ContactItemType", "alias"),
        v("Exchange2010_SP2")
    );
    assert_eq!(
        field("t", "ContactItemType", "photo"),
        v("Exchange2010_SP2")
    );
    // No page documents Alias under PersonaType: unknown.
    assert_eq!(field("t", "PersonaType", "alias"), None);
}

/// Prints the counts and how the conflicting names resolved (run with --nocapture).
#[test]
fn coverage_and_conflicts() {
    let plan = plan();
    let table = Table::load(&table_path(), order()).unwrap().unwrap();
    let vs = &plan.versions;
    let known = |d: &codegen::ir::VersionDoc| d.since.is_some();
    let ops = vs.operations.values().filter(|d| known(d)).count();
    let elements = plan
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Element(_)))
        .filter(|i| vs.items.get(&(i.module, i.name.clone())).is_some_and(known))
        .count();
    let types = vs.items.values().filter(|d| known(d)).count() - elements;
    let fields = vs.fields.values().filter(|d| known(d)).count();
    let variants = vs.variants.values().filter(|d| known(d)).count();
    let linked = vs.fields.len() + vs.variants.len();
    println!(
        "operations with since: {ops}/{}; element wrappers: {elements}; other types: {types}; \
         fields: {fields}; choice variants: {variants}; fields+variants with a doc link: {linked}; \
         items walked: {}",
        plan.operations.len(),
        vs.walk.len()
    );
    assert!(ops >= 94, "{ops}");
    assert!(fields > 500, "{fields}");

    // The conflicting names: every (parent, element) declaration of them and its version.
    let conflicts: BTreeSet<&str> = table
        .elements
        .iter()
        .filter(|(_, rows)| {
            rows.iter()
                .filter_map(|r| r.since)
                .collect::<BTreeSet<_>>()
                .len()
                > 1
        })
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(conflicts.len(), 18, "{conflicts:?}");
    let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for item in &plan.items {
        if let ItemKind::Struct(s) = &item.kind {
            for f in &s.fields {
                if let XmlBinding::Element { name, .. } = &f.xml {
                    if conflicts.contains(name.as_str()) {
                        let since = vs
                            .fields
                            .get(&(item.module, item.name.clone(), f.name.clone()))
                            .and_then(|d| d.since)
                            .map_or("unknown".to_owned(), |v| v.as_str().to_owned());
                        by_name
                            .entry(conflicts.get(name.as_str()).unwrap())
                            .or_default()
                            .push(format!("{} -> {since}", s.xsd.name));
                    }
                }
            }
        }
        if let ItemKind::Choice(c) = &item.kind {
            for var in &c.variants {
                if conflicts.contains(var.element.name.as_str()) {
                    let since = vs
                        .variants
                        .get(&(item.module, item.name.clone(), var.name.clone()))
                        .and_then(|d| d.since)
                        .map_or("unknown".to_owned(), |v| v.as_str().to_owned());
                    by_name
                        .entry(conflicts.get(var.element.name.as_str()).unwrap())
                        .or_default()
                        .push(format!("(choice {}) -> {since}", item.name));
                }
            }
        }
    }
    for (name, uses) in &by_name {
        println!("{name}: {}", uses.join("; "));
    }
}

/// The real earlier levels are evidence: an element their schema declares is available at
/// that level, whatever the table says. The disagreements are listed (`codegen report`) and
/// pinned here; without the history the table's versions stand.
#[test]
fn the_schema_history_corrects_the_table() {
    let with = codegen::Config::new(schema_dir()).plan().unwrap();
    let fixes: Vec<String> = with
        .versions
        .history
        .iter()
        .map(|f| {
            format!(
                "{}: {} -> {} ({})",
                f.what,
                f.documented.as_str(),
                f.present.as_str(),
                f.level
            )
        })
        .collect();
    // The three the issue found by hand, then the rest: FindMailboxStatisticsByKeywords and
    // its types are in the 2010 SP1 schema, documented as Exchange 2013.
    for expected in [
        "ArrayOfStringsType/String: Exchange2010_SP1 -> Exchange2007_SP1 (2007_SP1)",
        "NonEmptyArrayOfNotificationEventTypesType/EventType: Exchange2010_SP1 -> Exchange2007_SP1 (2007_SP1)",
        "DistributionListType/Members: Exchange2013_SP1 -> Exchange2010_SP1 (2010_SP1)",
    ] {
        assert!(fixes.iter().any(|f| f == expected), "{expected} in {fixes:#?}");
    }
    assert_eq!(fixes.len(), 19, "{fixes:#?}");
    let field = |plan: &codegen::ir::Plan, item: &str, field: &str| {
        plan.versions
            .fields
            .iter()
            .find(|((_, i, f), _)| i == item && f == field)
            .map(|(_, d)| (d.since.map(|v| v.as_str().to_owned()), d.documented))
            .expect("a documented field")
    };
    let (since, documented) = field(&with, "ArrayOfStringsType", "string");
    assert_eq!(since.as_deref(), Some("Exchange2007_SP1"));
    assert_eq!(
        documented.map(|v| v.as_str().to_owned()).as_deref(),
        Some("Exchange2010_SP1")
    );

    let empty = std::env::temp_dir().join("ews-codegen-no-history");
    let without = codegen::Config::new(schema_dir())
        .history(&empty)
        .plan()
        .unwrap();
    assert!(without.versions.history.is_empty());
    let (since, documented) = field(&without, "ArrayOfStringsType", "string");
    assert_eq!(since.as_deref(), Some("Exchange2010_SP1"));
    assert!(documented.is_none());
}
