//! The load path's shortcuts give the same answers as the plain steps: every name and alias of every fixture list
//! (and of the real CSL, UN and OpenSanctions samples in `../shared/lists`, when present) normalises the same with
//! a memo shared across names ([`normalize_with`], what indexing uses) as alone ([`normalize`]), on the first look
//! at a word and on every look after.

#[path = "../benches/shared/lists.rs"]
mod bench_lists;
use std::path::Path;

use export_screen::lists::model::{LoadOptions, ParsedList};
use export_screen::normalize::{name_variants, normalize, normalize_with, Memo};

mod common;
use common::shared_lists;

fn parse(path: &Path) -> ParsedList {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().and_then(|n| n.to_str()).map(str::to_string);
    export_screen::lists::parse(&bytes, &LoadOptions { filename: name, ..LoadOptions::default() })
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every variant of every name of the lists, normalised twice through one memo (the second pass reads every word
/// from it), against `normalize` alone. Returns how many variants were compared.
fn same_with_memo(lists: &[ParsedList]) -> usize {
    let mut memo = Memo::default();
    let mut n = 0;
    for pass in 0..2 {
        for l in lists {
            for e in &l.entries {
                for name in std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.name)) {
                    for v in name_variants(name) {
                        assert_eq!(normalize_with(&v, &mut memo), normalize(&v), "pass {pass}: {v:?}");
                        n += 1;
                    }
                }
            }
        }
    }
    n
}

#[test]
fn fixture_names_normalise_the_same_with_a_memo() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists");
    let mut lists = Vec::new();
    for f in std::fs::read_dir(&dir).expect("fixtures") {
        let path = f.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Supplements (add, alt, comments) hold no names of their own worth indexing alone; they parse all the same.
        if name.starts_with("example_") {
            lists.push(parse(&path));
        }
    }
    assert!(lists.len() >= 15, "{} fixture lists", lists.len());
    let n = same_with_memo(&lists);
    assert!(n > 200, "{n} names");
    // Words that the tables change: legal forms written together or onto the name, misspelt known words.
    let tricky = ["Jointstock Company Alfa", "BoschGmbH", "Copmany Engieering Intl", "OOO NPK Optolink", "A Co. O"];
    let mut memo = Memo::default();
    for _ in 0..2 {
        for t in tricky {
            assert_eq!(normalize_with(t, &mut memo), normalize(t), "{t}");
        }
    }
}

#[test]
fn real_list_names_normalise_the_same_with_a_memo() {
    let Some(dir) = shared_lists() else { return };
    let lists: Vec<ParsedList> = [
        "us_csl/consolidated_2022-04.csv",
        "un/UN_consolidated_2026-02-27.xml",
        "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv",
    ]
    .iter()
    .map(|rel| parse(&dir.join(rel)))
    .collect();
    assert!(same_with_memo(&lists) > 50_000);
}

/// The index built list by list, as the screener loads lists ([`export_screen::index::Index::extend`], with its
/// per-entry de-duplication and reused buffers), is the index built over every name of the 7 benchmark lists at once.
#[test]
fn real_lists_index_the_same_list_by_list_and_at_once() {
    use export_screen::index::{Index, NameRef};
    let Some(dir) = shared_lists() else { return };
    let lists: Vec<ParsedList> = bench_lists::files().iter().map(|rel| parse(&dir.join(rel))).collect();
    let names = |li: usize, l: &ParsedList| -> Vec<(NameRef, String)> {
        let mut out = Vec::new();
        for (ei, e) in l.entries.iter().enumerate() {
            out.push((NameRef { list: li as u32, entry: ei as u32, alias: None }, e.name.clone()));
            for (ai, a) in e.aliases.iter().enumerate() {
                out.push((NameRef { list: li as u32, entry: ei as u32, alias: Some(ai as u32) }, a.name.clone()));
            }
        }
        out
    };
    let per_list: Vec<Vec<(NameRef, String)>> = lists.iter().enumerate().map(|(li, l)| names(li, l)).collect();
    let mut by_list = Index::default();
    for l in &per_list {
        by_list.extend(l.iter().map(|(r, n)| (*r, n.as_str())));
    }
    let at_once = Index::build(per_list.iter().flatten().map(|(r, n)| (*r, n.as_str())));
    assert!(at_once.len() > 80_000, "{} names", at_once.len());
    assert_eq!(by_list.len(), at_once.len());
    assert_eq!(by_list.digest(), at_once.digest());
}
