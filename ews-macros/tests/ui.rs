//! Every error the derives can report, as compile-fail cases (`tests/ui/*.rs` with the
//! expected `.stderr` beside each). Regenerate with `TRYBUILD=overwrite` and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
