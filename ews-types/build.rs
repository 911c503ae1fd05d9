//! With the `buildtime-codegen` feature, runs the generator on the EWS schema files named by
//! `EWS_SCHEMA_DIR` and writes its output into `OUT_DIR`, where `src/lib.rs` includes it
//! from. Without it (the default) the crate compiles the generated code committed under
//! `src/generated/` (see README.md, "The schema files").
//!
//! Either way it then sets `cfg(ews_version = "<value>")` for each value of the schema's
//! `ExchangeVersionType` (from the last line of the generated `versions.rs`), so that tests
//! and examples written against one schema level can say which versions they need and stay
//! out of builds for older levels (`#![cfg(ews_version = "V2018_01_08")]`).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "buildtime-codegen")]
    let generated = {
        buildtime::generate();
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"))
    };
    #[cfg(not(feature = "buildtime-codegen"))]
    let generated = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"))
        .join("src/generated");
    schema_versions(&generated.join("versions.rs"));
}

/// What starts the line of the generated `versions.rs` that lists the schema's versions
/// (`codegen::emit::versions::VALUES_MARK`; `tests/generated.rs` checks they agree).
const VALUES_MARK: &str = "// ExchangeVersionType: ";

/// Sets `cfg(ews_version = "...")` for each version the generated code has.
fn schema_versions(path: &std::path::Path) {
    println!("cargo:rerun-if-changed={}", path.display());
    println!("cargo:rustc-check-cfg=cfg(ews_version, values(any()))");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let values = text.lines().find_map(|l| l.strip_prefix(VALUES_MARK));
    for v in values.into_iter().flat_map(str::split_whitespace) {
        println!("cargo:rustc-cfg=ews_version=\"{v}\"");
    }
}

#[cfg(feature = "buildtime-codegen")]
mod buildtime {
    use std::path::PathBuf;

    const SETTING: &str = "EWS_SCHEMA_DIR";

    pub fn generate() {
        println!("cargo:rerun-if-env-changed={SETTING}");
        let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
        let lock_path = manifest.join("../schemas/ews-schemas.lock");
        println!("cargo:rerun-if-changed={}", lock_path.display());
        let lock = std::fs::read_to_string(&lock_path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", lock_path.display())));
        let dir = match std::env::var_os(SETTING) {
            Some(d) => PathBuf::from(d),
            None => fail(&format!(
                "the buildtime-codegen feature needs {SETTING}: point it to the folder holding \
                 the EWS schema files (types.xsd, messages.xsd, services.wsdl); see \
                 schemas/README.md. Without the feature the crate uses the generated code it \
                 ships."
            )),
        };
        for f in ["types.xsd", "messages.xsd", "services.wsdl"] {
            println!("cargo:rerun-if-changed={}", dir.join(f).display());
        }
        // The "introduced in" table (optional): $EWS_VERSIONS_DIR/versions.tsv, else
        // ../ews-versions/versions.tsv beside the schema folder.
        println!("cargo:rerun-if-env-changed={}", codegen::versions::SETTING);
        let versions = codegen::versions::default_path(
            &dir,
            std::env::var_os(codegen::versions::SETTING).as_deref(),
        );
        // Watch the file, or (while it is missing) its folder, so that adding it regenerates.
        match (versions.is_file(), versions.parent()) {
            (true, _) => println!("cargo:rerun-if-changed={}", versions.display()),
            (false, Some(d)) if d.is_dir() => println!("cargo:rerun-if-changed={}", d.display()),
            _ => {}
        }
        let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
        let mut config = codegen::Config::new(&dir);
        config.lock(lock).setting(SETTING).versions(versions);
        if let Err(e) = config.write_to(&out) {
            fail(&e.to_string());
        }
    }

    fn fail(msg: &str) -> ! {
        eprintln!("error: ews-types: {msg}");
        std::process::exit(1);
    }
}
