//! Compile-fail tests: every error message of `card!` (and of the traits its expansion uses),
//! with the reviewed compiler output in `tests/ui/*.stderr`.
//!
//! Regenerate after a deliberate change with `TRYBUILD=overwrite cargo test --test ui`, then read
//! the diff like code.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
