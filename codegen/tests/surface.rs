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

/// `codegen report` flags a set xmllint does not compile (here a pattern facet that is not
/// a regular expression, which the generator itself takes as text) and exits with 1; the
/// real set has no flag.
#[test]
fn report_flags_a_schema_xmllint_refuses() {
    let cli = env!("CARGO_BIN_EXE_codegen");
    let run = |dir: &Path| {
        let out = std::process::Command::new(cli)
            .args(["report", "--schemas"])
            .arg(dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (status, text) = run(&common::under_test());
    assert_eq!(status, Some(0), "{text}");
    assert!(!text.contains("FLAG"), "{text}");

    let broken = common::copy_with(env!("CARGO_TARGET_TMPDIR"), "bad-pattern", |f, t| {
        if f != "types.xsd" {
            return t;
        }
        let anchor = "<xs:simpleType name=\"NonEmptyStringType\">";
        let at = t.find(anchor).expect("NonEmptyStringType");
        let end = at + t[at..].find("</xs:restriction>").unwrap();
        format!("{}<xs:pattern value=\"[a-\"/>{}", &t[..end], &t[end..])
    });
    let (status, text) = run(&broken);
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains("FLAG xmllint: xmllint does not compile"),
        "{text}"
    );
    assert!(text.contains("pattern"), "{text}");
}

/// Every choice of the Exchange 2019 set has its pinned name, and every pin names a choice
/// of that set: names that later members cannot change (naming::CHOICE_NAMES).
#[test]
fn every_choice_is_pinned() {
    let plan = plan(&common::exchange_2019());
    assert!(
        plan.unpinned_choices.is_empty(),
        "{:#?}",
        plan.unpinned_choices
    );
    for (owner, anchor, _) in codegen::naming::CHOICE_NAMES {
        let holds_anchor = plan.items.iter().any(|it| match &it.kind {
            codegen::ir::ItemKind::Struct(s) if s.xsd.name == *owner => s.fields.iter().any(|f| {
                matches!(f.xml, codegen::ir::XmlBinding::Choice)
                    && f.doc.iter().any(|d| d.contains(&format!("`{anchor}`")))
            }),
            _ => false,
        });
        assert!(holds_anchor, "pin ({owner}, {anchor}) names no choice");
    }
}
