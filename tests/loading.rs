//! The screener's loading rules through the public API, on the hand-written fixtures: a caller's publication date
//! fills in for files without one, a snapshot loads back with the same answers and the official file's sha256, and
//! a failed load leaves the loaded lists as they were.

use std::path::Path;

use export_screen::lists::dating::DateBasis;
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

fn as_of(info: &export_screen::ListInfo) -> (Option<&str>, &str) {
    let basis = match info.as_of.basis {
        DateBasis::File => "file",
        DateBasis::Entries => "entries",
        DateBasis::User => "user",
        DateBasis::Unknown => "unknown",
    };
    (info.as_of.date.as_deref(), basis)
}

#[test]
fn a_list_is_dated_by_its_content_and_says_how() {
    let mut s = empty();
    // The CSL CSV states no date: its newest listing date bounds it from below.
    let csl = s.load_list(&bytes("csl.csv"), &opts("csl.csv")).expect("csl loads");
    assert_eq!(as_of(&csl), (Some("2022-08-24"), "entries"));
    assert_eq!(csl.published, None, "published stays a date the file states (or the caller gives)");
    // The UN XML states its own.
    let un = s.load_list(&bytes("un.xml"), &opts("un.xml")).expect("un loads");
    assert_eq!(as_of(&un), (un.published.as_deref(), "file"));
    assert!(un.published.is_some());
    // A caller's date wins over the entries, and is marked as the caller's.
    let mut t = empty();
    let o = LoadOptions { published: Some("2026-11-30".into()), ..opts("csl.csv") };
    assert_eq!(as_of(&t.load_list(&bytes("csl.csv"), &o).expect("csl loads")), (Some("2026-11-30"), "user"));
    // ... but never over the file's own date.
    let o = LoadOptions { published: Some("2026-11-30".into()), ..opts("un.xml") };
    assert_eq!(as_of(&t.load_list(&bytes("un.xml"), &o).expect("un loads")), (un.published.as_deref(), "file"));
    // OFAC's sdn.csv states no date, and its entries carry none: unknown.
    let sdn = t.load_list(&bytes("sdn.csv"), &opts("sdn.csv")).expect("sdn loads");
    assert_eq!(as_of(&sdn), (None, "unknown"));
    let json = serde_json::to_value(&sdn).expect("json");
    assert_eq!(json["asOf"], serde_json::json!({"date": null, "basis": "unknown"}));
}

#[test]
fn a_snapshot_keeps_the_date_and_its_basis() {
    let mut s = empty();
    for (file, o) in [
        ("csl.csv", opts("csl.csv")),
        ("csl.csv", LoadOptions { published: Some("2026-11-30".into()), ..opts("csl.csv") }),
        ("un.xml", opts("un.xml")),
        ("sdn.csv", opts("sdn.csv")),
    ] {
        let info = s.load_list(&bytes(file), &o).expect("loads");
        let snap = s.snapshot(&info.id).expect("snapshot");
        let mut t = empty();
        let back = t.load_list(&snap, &opts("list.esnap")).expect("snapshot loads");
        assert_eq!(back.as_of, info.as_of, "{file}");
        assert_eq!(back.published, info.published, "{file}");
    }
}

#[test]
fn the_demo_list_can_be_set_aside_and_brought_back() {
    let mut s = Screener::new(Config::default()).expect("screener");
    let before = s.lists();
    assert!(s.add_demo_list().is_err(), "loaded already");
    s.load_list(&bytes("csl.csv"), &opts("csl.csv")).expect("csl loads");
    s.remove_list("demo").expect("set aside");
    assert!(hits(&s, "Hassan Scientific Corporation").is_empty());
    let back = s.add_demo_list().expect("brought back");
    assert_eq!(back, before[0]);
    assert!(!hits(&s, "Hassan Scientific Corporation").is_empty());
}
