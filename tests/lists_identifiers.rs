//! How many entries of each real list sample in `../shared/lists` carry identifiers of each kind of the vocabulary
//! (`src/data/identifiers.toml`), as the screener indexes them for matching an order's identifiers.
//!
//! The floors are below the counts measured on these samples (printed by the test): they fail when a reader stops
//! reading a column or a remark, or the vocabulary stops naming a published type. The samples are never committed:
//! without them the test is skipped with a message, except under CI, where their absence fails.

use std::collections::BTreeMap;
use std::path::Path;

use export_screen::lists::model::{LoadOptions, ParsedList};
use export_screen::lists::{merge, parse};
use export_screen::text::identifiers::{listed, IdKind};

mod common;
use common::shared_lists;

fn load(dir: &Path, rel: &str) -> ParsedList {
    let path = dir.join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = rel.rsplit('/').next().map(str::to_string);
    parse(&bytes, &LoadOptions { filename: name, ..LoadOptions::default() }).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Entries carrying at least one identifier of each kind.
fn entries_by_kind(l: &ParsedList) -> BTreeMap<IdKind, usize> {
    let mut out = BTreeMap::new();
    for e in &l.entries {
        let mut kinds: Vec<IdKind> =
            e.identifiers.iter().filter_map(|i| listed(&i.kind, &i.value)).map(|x| x.0).collect();
        kinds.sort();
        kinds.dedup();
        for k in kinds {
            *out.entry(k).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn identifiers_per_list_and_kind() {
    let Some(dir) = shared_lists() else { return };
    let mut sdn22 = load(&dir, "ofac_sdn/2022-01/sdn.csv");
    merge(&mut sdn22, load(&dir, "ofac_sdn/2022-01/alt.csv")).expect("alt merges");
    let lists: Vec<(&str, ParsedList)> = vec![
        ("CSL 2022-04", load(&dir, "us_csl/consolidated_2022-04.csv")),
        ("OFAC SDN 2024-05", load(&dir, "ofac_sdn/2024-05-03/sdn.csv")),
        ("OFAC SDN 2022-01", sdn22),
        ("OFAC cons. XML 2025", load(&dir, "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML")),
        ("UN 2026-02", load(&dir, "un/UN_consolidated_2026-02-27.xml")),
        ("UK OFSI 2025-04", load(&dir, "uk/ofsi_conlist_2025-04-10.csv")),
        ("OpenSanctions UA 2026-03", load(&dir, "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv")),
    ];
    // (list, kind, at least this many entries): about 90% of the counts measured on these samples.
    let floors: &[(&str, IdKind, usize)] = &[
        ("CSL 2022-04", IdKind::Imo, 380),
        ("CSL 2022-04", IdKind::Tax, 1500),
        ("CSL 2022-04", IdKind::Registration, 1450),
        ("CSL 2022-04", IdKind::Passport, 1150),
        ("CSL 2022-04", IdKind::Bic, 150),
        ("OFAC SDN 2024-05", IdKind::Imo, 750),
        ("OFAC SDN 2024-05", IdKind::Tax, 3300),
        ("OFAC SDN 2024-05", IdKind::Registration, 3100),
        ("OFAC SDN 2024-05", IdKind::Passport, 1450),
        ("OFAC SDN 2022-01", IdKind::Imo, 370),
        ("OFAC cons. XML 2025", IdKind::Registration, 260),
        ("UN 2026-02", IdKind::Passport, 210),
        ("UN 2026-02", IdKind::NationalId, 100),
        ("UK OFSI 2025-04", IdKind::Imo, 13),
        ("UK OFSI 2025-04", IdKind::Registration, 220),
        ("UK OFSI 2025-04", IdKind::Passport, 470),
        ("OpenSanctions UA 2026-03", IdKind::Imo, 1300),
        ("OpenSanctions UA 2026-03", IdKind::Other, 4400),
    ];

    let mut report = String::from("entries with identifiers, per list and kind:\n");
    let mut failures = Vec::new();
    for (name, l) in &lists {
        let by = entries_by_kind(l);
        report.push_str(&format!("  {name} ({} entries): {by:?}\n", l.entries.len()));
        for &(list, kind, min) in floors.iter().filter(|f| f.0 == *name) {
            let n = by.get(&kind).copied().unwrap_or(0);
            if n < min {
                failures.push(format!("{list}: {n} entries with {kind:?}, expected at least {min}"));
            }
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{failures:#?}\n{report}");
}
