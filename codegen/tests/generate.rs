//! The generator is a pure, deterministic function of the schema files.

use std::path::PathBuf;

mod common;

/// The set under test (the locked one).
fn schema_dir() -> PathBuf {
    common::under_test()
}

#[test]
fn generation_is_deterministic() {
    let config = codegen::Config::new(schema_dir());
    let a = config.generate().unwrap();
    let b = config.generate().unwrap();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, code) in &a {
        assert!(code == &b[name], "{name} differs between two runs");
        assert!(
            code.starts_with("// @generated"),
            "{name} lacks the @generated header"
        );
    }
}

#[test]
fn locked_schemas_verify_and_wrong_ones_are_refused() {
    let lock = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schemas/ews-schemas.lock"
    ))
    .unwrap();
    codegen::lock::verify(&schema_dir(), &lock, "EWS_SCHEMA_DIR").unwrap();

    // A copy with one byte changed is refused, naming the file and the setting.
    let tmp = std::env::temp_dir().join(format!("ews-codegen-lock-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for f in codegen::lock::FILES {
        std::fs::copy(schema_dir().join(f), tmp.join(f)).unwrap();
    }
    let mut types = std::fs::read(tmp.join("types.xsd")).unwrap();
    types.push(b'\n');
    std::fs::write(tmp.join("types.xsd"), types).unwrap();
    let err = codegen::lock::verify(&tmp, &lock, "EWS_SCHEMA_DIR")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("types.xsd") && err.contains("EWS_SCHEMA_DIR"),
        "{err}"
    );
    assert!(!err.contains("messages.xsd: sha256"), "{err}");
    std::fs::remove_dir_all(&tmp).unwrap();

    // A folder without the files says what to do.
    let err = codegen::Config::new("/nonexistent-ews")
        .plan()
        .unwrap_err()
        .to_string();
    assert!(err.contains("EWS_SCHEMA_DIR"), "{err}");
}

#[test]
fn a_bom_in_the_schema_files_is_accepted() {
    let tmp = std::env::temp_dir().join(format!("ews-codegen-bom-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for f in ["types.xsd", "messages.xsd", "services.wsdl"] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(schema_dir().join(f)).unwrap());
        std::fs::write(tmp.join(f), bytes).unwrap();
    }
    // The copy has no version table or history beside it: point at the real ones.
    let real = codegen::Config::new(schema_dir());
    let with_bom = codegen::Config::new(&tmp)
        .versions(real.versions_path())
        .history(real.history_path())
        .generate()
        .unwrap();
    let plain = codegen::Config::new(schema_dir()).generate().unwrap();
    assert_eq!(with_bom, plain);
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// `fixed=` of a real older level (2010 SP2 pins `RequestServerVersion/@Version`): the
/// constant, the check that refuses or reports another value, and a `Default` that starts
/// from the fixed value; `default=` of the Exchange 2019 set: the constant and the accessor.
#[test]
fn fixed_and_default_values_are_generated() {
    let sp2 = common::level("2010_SP2");
    let files = codegen::Config::new(&sp2).generate().unwrap();
    let types = files["types.rs"].clone() + &files["types_impls.rs"];
    for needle in [
        "pub const VERSION_FIXED: &'static str = \"Exchange2010_SP2\";",
        "rt::Unfit::not_fixed(",
        "version: ExchangeVersionType::Exchange2010Sp2,",
    ] {
        assert!(types.contains(needle), "{needle}");
    }
    let plan = codegen::Config::new(&sp2).plan().unwrap();
    let fixed = plan
        .items
        .iter()
        .filter_map(|it| match &it.kind {
            codegen::ir::ItemKind::Struct(s) => Some(s),
            _ => None,
        })
        .flat_map(|s| &s.fields)
        .filter(|f| matches!(f.constraint, Some(codegen::ir::ValueConstraint::Fixed(_))))
        .count();
    assert_eq!(fixed, 1, "RequestServerVersion/@Version only");

    let files = codegen::Config::new(common::exchange_2019())
        .generate()
        .unwrap();
    let messages = &files["messages_impls.rs"];
    assert!(messages
        .contains("pub const SEARCH_SCOPE_DEFAULT: &'static str = \"ActiveDirectoryContacts\";"));
    assert!(messages.contains("pub fn search_scope_or_default(&self)"));
}
