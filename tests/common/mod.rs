//! Shared drivers for data-driven test cases, run natively (tests/*.rs) and in wasm (tests/web.rs).
#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
pub struct NameCases {
    pub case: Vec<NameCase>,
}

#[derive(Deserialize)]
pub struct NameCase {
    pub query: String,
    pub listed: String,
    #[serde(rename = "match")]
    pub expected: bool,
    pub source: String,
}

pub const NAME_CASES: &str = include_str!("../cases/names.toml");

/// Runs every name case; returns the failures as readable lines.
pub fn run_name_cases() -> Vec<String> {
    let cases: NameCases = toml::from_str(NAME_CASES).expect("tests/cases/names.toml parses");
    assert!(cases.case.len() >= 10, "name cases present");
    let mut failures = Vec::new();
    for c in &cases.case {
        let m = export_screen::match_names(&c.query, &c.listed, export_screen::NameKind::Any);
        if m.is_match != c.expected {
            failures.push(format!(
                "{:?} vs {:?}: expected match={} got score {} ({}) [{}]",
                c.query, c.listed, c.expected, m.score, m.explanation.summary, c.source
            ));
        }
        assert!((0.0..=1.0).contains(&m.score));
    }
    failures
}
