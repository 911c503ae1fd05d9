//! The API-surface snapshot and the report's counts (`codegen diff` is tested in
//! `tests/diff.rs`).

use std::path::Path;

mod common;

fn plan(dir: &Path) -> codegen::ir::Plan {
    codegen::Config::new(dir).plan().unwrap()
}

#[test]
fn api_surface_snapshot() {
    let listing = codegen::surface::listing(&plan(&common::under_test()));
    // At least a line per operation and per named declaration of the schema set.
    let scan = common::scan(&common::under_test());
    let declared = scan.operations + scan.complex_types + scan.simple_types + scan.elements;
    assert!(listing.lines().count() > declared);
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
    // The counts of the set under test, scanned independently of the generator.
    let scan = common::scan(&common::under_test());
    let rows = codegen::surface::report(&plan(&common::under_test()));
    let get = |k: &str| rows.iter().find(|(w, _)| *w == k).map(|(_, n)| *n);
    assert_eq!(get("operations"), Some(scan.operations));
    assert_eq!(get("schema complexTypes"), Some(scan.complex_types));
    assert_eq!(get("schema simpleTypes"), Some(scan.simple_types));
    assert_eq!(get("schema global elements"), Some(scan.elements));
    assert_eq!(get("enumeration values"), Some(scan.enumeration_values));
}
