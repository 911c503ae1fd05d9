//! The API-surface snapshot and the report's counts (`codegen diff` is tested in
//! `tests/diff.rs`).

use std::path::{Path, PathBuf};

fn schema_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml"),
    )
}

fn plan(dir: &Path) -> codegen::ir::Plan {
    codegen::Config::new(dir).plan().unwrap()
}

#[test]
fn api_surface_snapshot() {
    let listing = codegen::surface::listing(&plan(&schema_dir()));
    assert!(listing.lines().count() > 7000);
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots"),
        prepend_module_to_snapshot => false,
        description => "The generated API: one line per operation, item, field, variant and value. \
                        A change here is an API change: review it.",
        omit_expression => true,
    }, {
        insta::assert_snapshot!("api_surface", listing);
    });
}

#[test]
fn report_counts() {
    let rows = codegen::surface::report(&plan(&schema_dir()));
    let get = |k: &str| rows.iter().find(|(w, _)| *w == k).map(|(_, n)| *n);
    assert_eq!(get("operations"), Some(123));
    assert_eq!(get("schema complexTypes"), Some(968));
    assert_eq!(get("schema simpleTypes"), Some(189));
    assert_eq!(get("schema global elements"), Some(321));
    assert_eq!(get("enumeration values"), Some(2134));
}
