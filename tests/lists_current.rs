//! Lists users can trust as current, on the real files in `../shared/lists`: the date each list speaks for and its
//! basis, snapshots no larger than the files they come from, and one hit per listed party across lists.
//!
//! The files are only beside the project (never committed): without them each test is skipped with a message,
//! except under CI, where their absence fails.

use std::path::{Path, PathBuf};

use export_screen::lists::dating::DateBasis;
use export_screen::{Config, ListInfo, LoadOptions, Screener};

/// `../shared/lists`, or `None` (with a printed message) when it is absent outside CI.
fn shared_lists() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lists");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared/lists not found, and CI is set: the real lists cannot be checked");
    }
    eprintln!("skipped: ../shared/lists not found");
    None
}

fn read(dir: &Path, rel: &str) -> Vec<u8> {
    let path = dir.join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(s: &mut Screener, dir: &Path, rel: &str) -> ListInfo {
    let name = rel.rsplit('/').next().map(str::to_string);
    s.load_list(&read(dir, rel), &LoadOptions { filename: name, ..LoadOptions::default() })
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn empty() -> Screener {
    Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener")
}

#[test]
fn csl_2022_is_dated_by_its_newest_listing_and_nothing_later() {
    let Some(dir) = shared_lists() else { return };
    let mut s = empty();
    let info = load(&mut s, &dir, "us_csl/consolidated_2022-04.csv");
    assert_eq!(info.as_of.date.as_deref(), Some("2022-04-21"));
    assert_eq!(info.as_of.basis, DateBasis::Entries);
    assert_eq!(info.published, None, "the CSL CSV states no publication date");
    // Nothing in what a report carries about the list is dated later.
    let report =
        s.screen_order(&export_screen::OrderInput::Text("Buyer: Bank Melli Iran, Tehran".into())).expect("screens");
    let json = serde_json::to_string(&report.lists).expect("json");
    for year in 2023..=2030 {
        assert!(!json.contains(&format!("\"{year}-")), "a date of {year} in {json}");
    }
}

#[test]
fn un_xml_states_its_own_date() {
    let Some(dir) = shared_lists() else { return };
    let mut s = empty();
    let info = load(&mut s, &dir, "un/UN_consolidated_2026-02-27.xml");
    assert_eq!(info.as_of.date.as_deref(), Some("2026-02-27"));
    assert_eq!(info.as_of.basis, DateBasis::File);
}

#[test]
fn undated_files_say_so_and_dated_ones_keep_their_date() {
    let Some(dir) = shared_lists() else { return };
    let mut s = empty();
    let cases: [(&str, Option<&str>, DateBasis); 5] = [
        ("ofac_sdn/2024-05-03/sdn.csv", None, DateBasis::Unknown),
        ("ofac_consolidated/2025-01-10/CONS_ENHANCED.XML", Some("2025-01-10"), DateBasis::File),
        ("uk/ofsi_conlist_2025-04-10.csv", Some("2025-04-10"), DateBasis::File),
        ("opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv", Some("2026-03-13"), DateBasis::File),
        // The DPL states no date; its newest effective date dates it, and a typing error (3033) does not.
        ("bis/dpl_2023-11.txt", Some("2023-11-16"), DateBasis::Entries),
    ];
    for (rel, date, basis) in cases {
        let info = load(&mut s, &dir, rel);
        assert_eq!((info.as_of.date.as_deref(), info.as_of.basis), (date, basis), "{rel}");
    }
}

#[test]
fn snapshots_are_no_larger_than_their_files() {
    let Some(dir) = shared_lists() else { return };
    for rel in [
        "ofac_sdn/2024-05-03/sdn.csv",
        "us_csl/consolidated_2022-04.csv",
        "un/UN_consolidated_2026-02-27.xml",
        "uk/ofsi_conlist_2025-04-10.csv",
        "bis/dpl_2023-11.txt",
        "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML",
    ] {
        let file = read(&dir, rel);
        let mut s = empty();
        let info = load(&mut s, &dir, rel);
        let snap = s.snapshot(&info.id).expect("snapshot");
        eprintln!(
            "{rel}: {} bytes, snapshot {} bytes ({:.0}%)",
            file.len(),
            snap.len(),
            100.0 * snap.len() as f64 / file.len() as f64
        );
        assert!(snap.len() <= file.len(), "{rel}: snapshot {} > file {}", snap.len(), file.len());
        let mut t = empty();
        let back = t
            .load_list(&snap, &LoadOptions { filename: Some("x.esnap".into()), ..LoadOptions::default() })
            .expect("loads");
        assert_eq!(
            (back.entries, back.names, &back.as_of, &back.sha256),
            (info.entries, info.names, &info.as_of, &info.sha256),
            "{rel}"
        );
    }
}

#[test]
fn bank_melli_on_the_csl_and_in_sdn_csv_is_one_hit_naming_both() {
    let Some(dir) = shared_lists() else { return };
    let mut s = empty();
    let csl = load(&mut s, &dir, "us_csl/consolidated_2022-04.csv");
    let sdn = load(&mut s, &dir, "ofac_sdn/2024-05-03/sdn.csv");
    let q =
        export_screen::PartyQuery { name: "Bank Melli Iran".into(), country: Some("IR".into()), ..Default::default() };
    let hits = s.screen_party(&q).hits;
    let melli: Vec<_> = hits.iter().filter(|h| h.name.eq_ignore_ascii_case("BANK MELLI IRAN")).collect();
    assert_eq!(
        melli.len(),
        1,
        "one hit for Bank Melli Iran: {:#?}",
        hits.iter().map(|h| (&h.list_id, &h.entry_id, &h.name)).collect::<Vec<_>>()
    );
    let listed: Vec<(&str, &str)> =
        melli[0].listings.iter().map(|l| (l.list_id.as_str(), l.entry_id.as_str())).collect();
    assert!(listed.contains(&(csl.id.as_str(), "25578")), "{listed:?}");
    assert!(listed.contains(&(sdn.id.as_str(), "25578")), "{listed:?}");
    // Every other hit is a party of its own: no entry is named by two hits.
    let mut named: Vec<(&str, &str)> =
        hits.iter().flat_map(|h| h.listings.iter().map(|l| (l.list_id.as_str(), l.entry_id.as_str()))).collect();
    let n = named.len();
    named.sort_unstable();
    named.dedup();
    assert_eq!(named.len(), n, "an entry appears in two hits");
}
