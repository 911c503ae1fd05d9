//! What the generator writes for each schema construct, pinned by small fixtures (as
//! prost-build's are): `tests/fixtures/<construct>/types.xsd` is a tiny schema, and
//! `expected.rs` the `types.rs` generated from it followed by its `types_impls.rs`. Run
//! with `UPDATE_FIXTURES=1` to rewrite the expected files after an intended change of the
//! emitter, then review `git diff`.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The generated `types.rs` and `types_impls.rs` of one fixture, one after the other: its
/// `types.xsd` with the shared `messages.xsd` and `services.wsdl`, in a folder of its own
/// (the other generated files, such as `versions.rs`, which needs an
/// `ExchangeVersionType`, are not the fixtures' concern).
fn generate(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fixture-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let from = |f: &str| -> PathBuf {
        let own = fixtures().join(name).join(f);
        if own.is_file() {
            own
        } else {
            fixtures().join(f)
        }
    };
    for f in ["types.xsd", "messages.xsd", "services.wsdl"] {
        std::fs::copy(from(f), dir.join(f)).unwrap();
    }
    let plan = codegen::Config::new(&dir)
        .plan()
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    let module = codegen::emit::module(&plan, codegen::ir::Module::Types);
    let codegen::emit::Split { decls, impls } = codegen::emit::split(module);
    let format = |tokens| {
        codegen::format::format(codegen::emit::prelude::with_prelude(tokens))
            .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
    };
    let impls = format(impls);
    let impls = impls
        .strip_prefix(codegen::format::HEADER)
        .unwrap_or(&impls);
    format!("{}\n{IMPLS_MARK}\n\n{impls}", format(decls))
}

/// Where `expected.rs` passes from the generated `types.rs` (the declarations) to
/// `types_impls.rs` (their impls): one file per fixture shows a construct whole.
const IMPLS_MARK: &str = "// ---- types_impls.rs ----";

/// Compares (or, with `UPDATE_FIXTURES`, rewrites) one fixture's expected output.
fn check(name: &str) {
    let actual = generate(name);
    let path = fixtures().join(name).join("expected.rs");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_FIXTURES=1 writes it)", path.display()));
    if actual != expected {
        panic!(
            "fixture {name}: the generated code differs from {} (first difference at line \
             {}); if intended, rewrite with UPDATE_FIXTURES=1 and review the diff",
            path.display(),
            first_difference(&actual, &expected)
        );
    }
}

fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}

/// Every fixture folder has its test below.
#[test]
fn every_fixture_is_tested() {
    let mut found: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| Path::new(&e.path()).join("types.xsd").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed = TESTED.to_vec();
    listed.sort();
    assert_eq!(found, listed);
}

const TESTED: &[&str] = &[
    "abstract_xsi_type",
    "all",
    "attribute_group",
    "choice",
    "extension",
    "list",
    "name_collision",
    "recursion",
    "restriction",
    "substitution_group",
    "union",
];

macro_rules! fixture_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
    };
}

fixture_tests!(
    abstract_xsi_type,
    all,
    attribute_group,
    choice,
    extension,
    list,
    name_collision,
    recursion,
    restriction,
    substitution_group,
    union,
);
