//! What maintainers see with `codegen generate` is exactly what `build.rs` generated for this
//! build (same schemas, same version table).

use std::path::PathBuf;

#[test]
fn generate_equals_build_output() {
    let dir = PathBuf::from(
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml"),
    );
    let mut config = codegen::Config::new(&dir);
    if let Some(versions) = std::env::var_os(codegen::versions::SETTING) {
        config.versions(codegen::versions::default_path(&dir, Some(&versions)));
    }
    let files = config.generate().unwrap();
    let built = [
        (
            "types.rs",
            include_str!(concat!(env!("OUT_DIR"), "/types.rs")),
        ),
        (
            "messages.rs",
            include_str!(concat!(env!("OUT_DIR"), "/messages.rs")),
        ),
        (
            "operations.rs",
            include_str!(concat!(env!("OUT_DIR"), "/operations.rs")),
        ),
        (
            "index.rs",
            include_str!(concat!(env!("OUT_DIR"), "/index.rs")),
        ),
        (
            "fill.rs",
            include_str!(concat!(env!("OUT_DIR"), "/fill.rs")),
        ),
    ];
    assert_eq!(
        files.len(),
        built.len(),
        "{:?}",
        files.keys().collect::<Vec<_>>()
    );
    for (name, text) in built {
        assert!(
            files[name] == text,
            "{name} differs from what build.rs generated"
        );
    }
}
