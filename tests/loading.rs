//! The screener's loading rules through the public API, on the hand-written fixtures: a caller's publication date
//! fills in for files without one, a snapshot loads back with the same answers and the official file's sha256, and
//! a failed load leaves the loaded lists as they were.

use std::path::Path;

use export_screen::{Config, LoadOptions, PartyQuery, Screener};

fn bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(format!("example_{name}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn opts(name: &str) -> LoadOptions {
    LoadOptions { filename: Some(name.to_string()), ..LoadOptions::default() }
}

fn empty() -> Screener {
    Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener")
}

fn hits(s: &Screener, name: &str) -> Vec<(String, String, f64)> {
    let q = PartyQuery { name: name.into(), ..PartyQuery::default() };
    s.screen_party(&q).hits.into_iter().map(|h| (h.list, h.entry_id, h.score)).collect()
}

#[test]
fn a_callers_publication_date_fills_in_for_a_file_without_one() {
    let mut s = empty();
    let o = LoadOptions { published: Some("2026-11-30".into()), ..opts("csl.csv") };
    let info = s.load_list(&bytes("csl.csv"), &o).expect("csl loads");
    assert_eq!(info.published.as_deref(), Some("2026-11-30"));

    let mut s = empty();
    let o = LoadOptions { published: Some("2026-11-30T08:15:00Z".into()), ..opts("csl.csv") };
    assert_eq!(s.load_list(&bytes("csl.csv"), &o).expect("csl loads").published.as_deref(), Some("2026-11-30"));
}

#[test]
fn a_bad_publication_date_is_refused_and_nothing_loads() {
    for bad in ["30.11.2026", "2026-13-01", "2026-11-3", "yesterday", "2026-11-30 junk"] {
        let mut s = empty();
        let o = LoadOptions { published: Some(bad.into()), ..opts("csl.csv") };
        let err = s.load_list(&bytes("csl.csv"), &o).expect_err(bad).to_string();
        assert!(err.contains("csl.csv") && err.contains("YYYY-MM-DD"), "{bad}: {err}");
        assert!(s.lists().is_empty(), "{bad}: nothing half-loaded");
    }
}

#[test]
fn a_snapshot_loads_back_with_the_same_answers() {
    let mut s = empty();
    let info = s.load_list(&bytes("csl.csv"), &opts("csl.csv")).expect("csl loads");
    let snap = s.snapshot(&info.id).expect("snapshot");
    let mut t = empty();
    let back = t.load_list(&snap, &opts("csl.snapshot")).expect("snapshot loads");
    assert_eq!(
        (back.entries, back.names, &back.name, &back.files),
        (info.entries, info.names, &info.name, &info.files)
    );
    assert_eq!(back.sha256, info.sha256, "a restored list names the official file it came from");
    for q in ["Example Trading LLC", "Example Atomic Commission", "John Doe Example", "EDC"] {
        assert!(!hits(&s, q).is_empty(), "{q} is found in the fixture");
        assert_eq!(hits(&t, q), hits(&s, q), "{q}");
    }
    assert!(s.snapshot("list-99").is_err(), "an unknown id is an error");
}
