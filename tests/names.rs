//! Name-matching cases from tests/cases/names.toml, natively.
mod common;

#[test]
fn name_cases_native() {
    let failures = common::run_name_cases();
    assert!(failures.is_empty(), "{} name case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
