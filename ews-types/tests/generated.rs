//! The generated code that `ews-types` ships (`src/generated/`, and the test-only
//! `tests/generated/fill.rs`) is exactly what the generator writes from the locked schema
//! files and the version table. When it is not, this test rewrites the files and fails:
//! review the change with `git diff` and commit it (README.md, "Updating the schemas").
//!
//! It also checks that no generated file carries prose from the schemas' annotations or
//! from Microsoft's documentation pages: generated rustdoc is ours and links to the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> codegen::Config {
    let dir = PathBuf::from(
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml"),
    );
    let lock = std::fs::read_to_string(crate_dir().join("../schemas/ews-schemas.lock")).unwrap();
    let mut config = codegen::Config::new(&dir);
    config.lock(lock);
    if let Some(versions) = std::env::var_os(codegen::versions::SETTING) {
        config.versions(codegen::versions::default_path(&dir, Some(&versions)));
    }
    config
}

/// The plan of the locked schemas and the files the generator makes of it, computed once
/// for all the tests of this file.
struct Generated {
    plan: codegen::ir::Plan,
    files: BTreeMap<String, String>,
}

fn generated() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let config = config();
        assert!(
            config.versions_path().is_file(),
            "the committed code is generated with the version table; {} is missing",
            config.versions_path().display()
        );
        let plan = config.plan().unwrap();
        let files = codegen::emit_files(&plan).unwrap();
        Generated { plan, files }
    })
}

#[test]
fn committed_code_is_what_the_generator_writes() {
    let files = &generated().files;
    let changed = codegen::write_committed(files, crate_dir()).unwrap();
    // Files in the generated folders that the generator no longer writes are stale too.
    let expected: Vec<PathBuf> = files
        .keys()
        .map(|n| crate_dir().join(codegen::committed_path(n)))
        .collect();
    let mut extra = Vec::new();
    for dir in ["src/generated", "tests/generated"] {
        for entry in std::fs::read_dir(crate_dir().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if !expected.contains(&path) {
                extra.push(path);
            }
        }
    }
    assert!(
        changed.is_empty() && extra.is_empty(),
        "the committed generated code was stale: rewrote {changed:?}; not generated any more \
         (delete them): {extra:?}. Review with `git diff` and commit."
    );
}

/// The build script sets `cfg(ews_version = ...)` from the line of `versions.rs` that the
/// generator marks for it: both name the mark alike, and the line lists every version.
#[test]
fn build_script_reads_the_versions_line() {
    let mark = codegen::emit::versions::VALUES_MARK;
    let build = std::fs::read_to_string(crate_dir().join("build.rs")).expect("build.rs");
    assert!(
        build.contains(&format!("{mark:?}")),
        "build.rs lacks {mark:?}"
    );
    let versions = &generated().files["versions.rs"];
    let line = versions.lines().find_map(|l| l.strip_prefix(mark));
    let values: Vec<&str> = line.expect("the versions line").split(' ').collect();
    let all = ews_types::runtime::version::ExchangeVersion::ALL;
    assert_eq!(values, all.iter().map(|v| v.as_str()).collect::<Vec<_>>());
}

/// Longer texts of the schemas' `xs:documentation` and of the version table's page
/// descriptions: none may appear in what we commit.
#[test]
fn generated_files_carry_no_copied_prose() {
    let plan = &generated().plan;
    let mut prose: Vec<String> = Vec::new();
    for item in &plan.items {
        prose.extend(item.schema_doc.iter().cloned());
        if let codegen::ir::ItemKind::Struct(s) = &item.kind {
            for f in &s.fields {
                prose.extend(f.schema_doc.iter().cloned());
            }
        }
    }
    for op in &plan.operations {
        prose.extend(op.schema_doc.iter().cloned());
    }
    let descriptions = [
        &plan.versions.operations.values().collect::<Vec<_>>()[..],
        &plan.versions.items.values().collect::<Vec<_>>()[..],
        &plan.versions.fields.values().collect::<Vec<_>>()[..],
        &plan.versions.variants.values().collect::<Vec<_>>()[..],
    ]
    .concat();
    prose.extend(descriptions.iter().map(|d| d.description.clone()));
    // Short texts ("The item identifier.") could be our own words by chance: check the
    // longer ones, by their first 40 characters.
    let probes: Vec<&str> = prose
        .iter()
        .map(|p| p.trim())
        .filter(|p| p.len() >= 40)
        .map(|p| &p[..p.char_indices().nth(40).map_or(p.len(), |(i, _)| i)])
        .collect();
    assert!(
        probes.len() > 100,
        "too few texts to check: {}",
        probes.len()
    );
    for name in generated().files.keys() {
        let text = std::fs::read_to_string(crate_dir().join(codegen::committed_path(name)))
            .unwrap()
            .replace("\n    /// ", " ")
            .replace("\n/// ", " ");
        for p in &probes {
            assert!(!text.contains(p), "{name} holds copied prose: {p:?}");
        }
    }
}

/// The crate's cargo features are the generator's operation families (plus `full`, the
/// default, holding them all), so that every `#[cfg(feature = ...)]` it emits names a real
/// feature.
#[test]
fn features_are_the_operation_families() {
    let manifest = std::fs::read_to_string(crate_dir().join("Cargo.toml")).unwrap();
    let section = manifest
        .split("\n[features]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [features] table");
    let mut features = std::collections::BTreeMap::new();
    let mut current: Option<String> = None;
    for line in section.lines().filter(|l| !l.trim_start().starts_with('#')) {
        if let Some((name, value)) = line.split_once(" = ") {
            current = Some(name.trim().to_owned());
            features.insert(name.trim().to_owned(), value.to_owned());
        } else if let Some(name) = &current {
            features.get_mut(name).unwrap().push_str(line);
        }
    }
    let families: Vec<&str> = codegen::families::FAMILIES
        .iter()
        .map(|f| f.feature)
        .chain([
            codegen::families::OTHER.feature,
            codegen::passes::families::UNUSED,
        ])
        .collect();
    let full: Vec<String> = features["full"]
        .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        full, families,
        "`full` lists the families in the table's order"
    );
    assert_eq!(features["default"].trim(), "[\"full\"]");
    for f in &families {
        assert_eq!(
            features.get(*f).map(|v| v.trim()),
            Some("[]"),
            "feature {f}"
        );
    }
    let mut expected: Vec<&str> = families.clone();
    expected.extend([
        "default",
        "full",
        "serde",
        "buildtime-codegen",
        "time",
        "chrono",
        "jiff",
    ]);
    expected.sort_unstable();
    let mut found: Vec<&str> = features.keys().map(String::as_str).collect();
    found.sort_unstable();
    assert_eq!(found, expected);
    // Every gate the generator emits names one of these features.
    let plan = &generated().plan;
    let gates = plan
        .items
        .iter()
        .flat_map(|it| &it.gate)
        .chain(plan.operations.iter().flat_map(|op| &op.gate));
    for g in gates {
        assert!(families.contains(&g.as_str()), "gate {g}");
    }
}
