//! Shared drivers for data-driven test cases, run natively (tests/*.rs) and in wasm (tests/web.rs).
#![allow(dead_code)]

use std::io::Write as _;
use std::path::PathBuf;

use serde::Deserialize;

/// `../shared/lists` (the real published lists, never committed), or `None` when it is absent: the calling test is
/// then skipped, and says so on the terminal (the test harness captures `eprintln!`, so a skipped test would read
/// as a plain "ok"). Under `CI` its absence fails the test instead.
pub fn shared_lists() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/lists");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared/lists not found, and CI is set: the tests that read the real lists cannot run");
    }
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    // Written to the process's stderr directly, past the harness's capture.
    let _ = writeln!(std::io::stderr().lock(), "\n    {test}: skipped (../shared/lists not found)");
    None
}

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

#[derive(Deserialize)]
pub struct TranslitCases {
    pub case: Vec<TranslitCase>,
}

#[derive(Deserialize)]
pub struct TranslitCase {
    pub script: String,
    pub input: String,
    pub expected: String,
    pub latin: Option<String>,
    #[serde(rename = "match", default)]
    pub must_match: bool,
    pub source: String,
}

pub const TRANSLIT_CASES: &str = include_str!("../cases/translit.toml");

/// Runs every transliteration case: the Latin text exactly, and the score against the published Latin form where
/// the case says it must match. Returns the failures and one line per case with its score.
pub fn run_translit_cases() -> (Vec<String>, Vec<String>) {
    let cases: TranslitCases = toml::from_str(TRANSLIT_CASES).expect("tests/cases/translit.toml parses");
    assert!(cases.case.len() >= 30, "transliteration cases present");
    let (mut failures, mut lines) = (Vec::new(), Vec::new());
    for c in &cases.case {
        let got = export_screen::text::translit::to_latin(&c.input);
        if got != c.expected {
            failures
                .push(format!("{} {:?}: expected {:?}, got {:?} [{}]", c.script, c.input, c.expected, got, c.source));
        }
        if let Some(latin) = &c.latin {
            let m = export_screen::match_names(&c.input, latin, export_screen::NameKind::Any);
            lines.push(format!("{:.3}  {}  {} / {}", m.score, c.script, c.input, latin));
            if c.must_match && m.score < export_screen::DEFAULT_THRESHOLD {
                failures.push(format!(
                    "{} {:?} vs {:?}: expected a match, got score {} ({}) [{}]",
                    c.script, c.input, latin, m.score, m.explanation.summary, c.source
                ));
            }
        }
    }
    (failures, lines)
}
