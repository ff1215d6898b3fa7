//! Every real list sample in `../shared/lists` that the parsers support, read through `export_screen::lists::parse`:
//! entry counts as recorded in `shared/lists/SOURCES.md`, and spot checks of known entries.
//!
//! The samples are only beside the project (never committed): without them each test is skipped with a message,
//! except under CI, where their absence fails.

use std::collections::BTreeMap;
use std::path::Path;

use export_screen::lists::model::{EntityKind, LoadOptions, ParsedList, Strength};
use export_screen::lists::{merge, parse};

mod common;
use common::shared_lists;

fn load(dir: &Path, rel: &str) -> ParsedList {
    let path = dir.join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = rel.rsplit('/').next().map(str::to_string);
    parse(&bytes, &LoadOptions { filename: name, ..LoadOptions::default() }).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn count_by<F: Fn(&export_screen::Entry) -> String>(l: &ParsedList, f: F) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in &l.entries {
        *m.entry(f(e)).or_insert(0) += 1;
    }
    m
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn csl_2022_has_every_row_by_source() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "us_csl/consolidated_2022-04.csv");
    assert_eq!(l.format, "csl-csv");
    assert_eq!(l.entries.len(), 14_160);
    let by_code = count_by(&l, |e| e.list_code.to_string());
    assert_eq!(
        by_code,
        counts(&[
            ("SDN", 10_026),
            ("EL", 2_001),
            ("DTC", 727),
            ("DPL", 462),
            ("SSI", 290),
            ("UVL", 201),
            ("ISN", 163),
            ("PLC", 78),
            ("MEU", 71),
            ("CMIC", 68),
            ("CAP", 53),
            ("NS-MBS", 17),
            ("FSE", 3),
        ])
    );
    let hassan = l.entries.iter().find(|e| e.name == "Hassan Scientific Corporation").expect("Hassan Scientific");
    assert_eq!(hassan.list_code, "EL");
    assert!(hassan.aliases.iter().any(|a| a.name == "Hasan Scientific Corporation"));
    assert!(hassan.federal_register.as_deref().is_some_and(|f| f.contains("86 FR 29193")));
    assert_eq!(hassan.countries, vec!["PK"]);
    assert_eq!(hassan.start_date.as_deref(), Some("2021-06-01"));
    assert_eq!(hassan.addresses[0].city.as_deref(), Some("Lahore"));
    let ndc = l
        .entries
        .iter()
        .find(|e| {
            e.name.starts_with("Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development")
        })
        .expect("PAEC / NDC row, name unsplit");
    assert!(ndc.aliases.iter().any(|a| a.name == "National Development Centre"));
    assert!(ndc.federal_register.as_deref().is_some_and(|f| f.contains("63 FR 64322")));
    // No alias of the Entity List keeps the prose "and " in front.
    assert!(l.entries.iter().flat_map(|e| &e.aliases).all(|a| !a.name.starts_with("and ")));
}

#[test]
fn sdn_2024_has_every_entry_by_type() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "ofac_sdn/2024-05-03/sdn.csv");
    assert_eq!(l.format, "ofac-sdn-csv");
    assert_eq!(l.entries.len(), 14_965);
    let kinds = count_by(&l, |e| format!("{:?}", e.kind));
    assert_eq!(kinds, counts(&[("Person", 6_854), ("Organization", 6_884), ("Vessel", 851), ("Aircraft", 376)]));
    let optolink = l.entries.iter().find(|e| e.id == "44035").expect("ent_num 44035");
    assert_eq!(optolink.name, "SCIENTIFIC PRODUCTION COMPANY OPTOLINK");
    assert_eq!(optolink.programs, vec!["RUSSIA-EO14024"]);
    // 1,685 rows list several programmes joined by "] [".
    assert_eq!(l.entries.iter().filter(|e| e.programs.len() > 1).count(), 1_685);
}

#[test]
fn sdn_2022_set_merges_addresses_and_aliases() {
    let Some(dir) = shared_lists() else { return };
    let mut l = load(&dir, "ofac_sdn/2022-01/sdn.csv");
    assert_eq!(l.entries.len(), 9_044);
    let aliases_before: usize = l.entries.iter().map(|e| e.aliases.len()).sum();
    let alt = load(&dir, "ofac_sdn/2022-01/alt.csv");
    assert_eq!(alt.entries.iter().map(|e| e.aliases.len()).sum::<usize>(), 12_409);
    merge(&mut l, alt).expect("alt.csv merges");
    let aliases_after: usize = l.entries.iter().map(|e| e.aliases.len()).sum();
    assert_eq!(aliases_after - aliases_before, 12_409);
    let add = load(&dir, "ofac_sdn/2022-01/add.csv");
    assert!(merge(&mut l, add).expect("add.csv merges") > 9_000);
    let cuba = l.entries.iter().find(|e| e.id == "306").expect("ent_num 306");
    assert!(cuba.aliases.iter().any(|a| a.name == "NATIONAL BANK OF CUBA"));
    assert!(cuba.countries.contains(&"CH".to_string()));
}

#[test]
fn ofac_consolidated_2025_set_merges() {
    let Some(dir) = shared_lists() else { return };
    let mut l = load(&dir, "ofac_consolidated/2025-12/cons_prim.csv");
    assert_eq!(l.format, "ofac-cons-csv");
    // SOURCES.md counts 443 lines: 442 rows and the 0x1A end-of-file byte.
    assert_eq!(l.entries.len(), 442);
    let alt = load(&dir, "ofac_consolidated/2025-12/cons_alt.csv");
    assert_eq!(alt.entries.iter().map(|e| e.aliases.len()).sum::<usize>(), 1_073);
    merge(&mut l, alt).expect("cons_alt merges");
    merge(&mut l, load(&dir, "ofac_consolidated/2025-12/cons_add.csv")).expect("cons_add merges");
    let comments = load(&dir, "ofac_consolidated/2025-12/cons_comments.csv");
    assert_eq!(comments.entries.len(), 10);
    assert_eq!(merge(&mut l, comments).expect("cons_comments merges"), 10);
    let haniya = l.entries.iter().find(|e| e.id == "9639").expect("ent_num 9639");
    assert!(haniya.aliases.iter().any(|a| a.name == "HANIYYA, Ismaeel"));
    let gaza = l.entries.iter().find(|e| e.id == "9641").expect("ent_num 9641");
    assert_eq!(gaza.countries, vec!["PS"], "cons_add.csv country \"Palestinian\"");
    assert_eq!(gaza.addresses[0].city.as_deref(), Some("Gaza"));
}

#[test]
fn ofac_enhanced_xml_2025() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML");
    assert_eq!(l.format, "ofac-enhanced-xml");
    assert_eq!(l.entries.len(), 443);
    assert_eq!(l.published.as_deref(), Some("2025-01-10"));
    let haniya = l.entries.iter().find(|e| e.id == "9639").expect("entity 9639");
    assert_eq!(haniya.name, "HANIYA, Ismail Abdul Salah");
    assert_eq!(haniya.list_code, "PLC");
    assert!(haniya.aliases.iter().any(|a| a.name == "HANIYYA, Ismaeel"));
    assert!(l.entries.iter().any(|e| e.list_code == "SSI"));
    assert!(l.entries.iter().flat_map(|e| &e.aliases).any(|a| a.strength == Strength::Weak));
}

#[test]
fn dpl_2023_has_every_row() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "bis/dpl_2023-11.txt");
    assert_eq!(l.format, "bis-dpl");
    assert_eq!(l.entries.len(), 665);
    let ash = l.entries.iter().find(|e| e.name == "I. ASH").expect("\" I. ASH\" trimmed");
    assert_eq!(ash.start_date.as_deref(), Some("2003-06-19"));
    assert!(ash.federal_register.as_deref().is_some_and(|f| f.starts_with("68 F.R. 38290")));
    let mut ids: Vec<&str> = l.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 665, "ids are unique");
}

#[test]
fn un_2026_has_every_individual_and_entity() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "un/UN_consolidated_2026-02-27.xml");
    assert_eq!(l.format, "un-xml");
    assert_eq!(l.published.as_deref(), Some("2026-02-27"));
    let kinds = count_by(&l, |e| format!("{:?}", e.kind));
    assert_eq!(kinds, counts(&[("Person", 730), ("Organization", 273)]));
    let weak: usize = l.entries.iter().map(|e| e.aliases.iter().filter(|a| a.strength == Strength::Weak).count()).sum();
    assert_eq!(weak, 615, "QUALITY Low");
    let badege = l.entries.iter().find(|e| e.id == "CDi.001").expect("CDi.001");
    assert_eq!(badege.name, "ERIC BADEGE");
    assert_eq!(badege.programs, vec!["DRC"]);
    assert_eq!(badege.countries, vec!["CD", "RW"], "nationality, then address");
    let adf = l.entries.iter().find(|e| e.id == "CDe.001").expect("CDe.001");
    assert_eq!(adf.kind, EntityKind::Organization);
    assert!(adf.aliases.iter().any(|a| a.name == "Allied Democratic Forces"));
}

#[test]
fn uk_ofsi_2025_has_every_group() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "uk/ofsi_conlist_2025-04-10.csv");
    assert_eq!(l.format, "uk-ofsi-csv");
    assert_eq!(l.published.as_deref(), Some("2025-04-10"));
    let kinds = count_by(&l, |e| format!("{:?}", e.kind));
    assert_eq!(kinds, counts(&[("Person", 3_662), ("Organization", 1_009), ("Vessel", 15)]));
    let regime = |r: &str| l.entries.iter().filter(|e| e.programs.iter().any(|p| p == r)).count();
    assert_eq!(regime("Russia"), 2_181);
    assert_eq!(regime("Democratic People's Republic of Korea"), 239);
    assert_eq!(regime("Iran"), 235);
    assert!(l.entries.iter().all(|e| !e.name.is_empty()));
    assert!(l.entries.iter().any(|e| e.federal_register.as_deref() == Some("UK Sanctions List Ref RUS2305")));
}

#[test]
fn opensanctions_targets_2026() {
    let Some(dir) = shared_lists() else { return };
    let l = load(&dir, "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv");
    assert_eq!(l.format, "opensanctions-csv");
    assert_eq!(l.published.as_deref(), Some("2026-03-13"));
    let kinds = count_by(&l, |e| format!("{:?}", e.kind));
    // Company 1,524 + LegalEntity 1,193 are organisations.
    assert_eq!(kinds, counts(&[("Person", 1_543), ("Organization", 2_717), ("Vessel", 1_340)]));
    assert!(l
        .entries
        .iter()
        .all(|e| e.countries.iter().all(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase()))));
}

#[test]
fn derived_json_files_2026() {
    let Some(dir) = shared_lists() else { return };
    for (file, n, code) in [
        ("bis_entity_list.json", 3_409, "EL"),
        ("bis_meu.json", 70, "MEU"),
        ("bis_dpl.json", 564, "DPL"),
        ("state_nonproliferation.json", 528, "ISN"),
        ("state_debarred_statutory.json", 779, "DTC"),
        ("state_debarred_admin.json", 8, "DTC"),
        ("dow_1260h.json", 80, "1260H"),
        ("dow_1286.json", 134, "1286"),
        ("ofac_nscmic.json", 68, "CMIC"),
        ("ofac_eo14032_annex.json", 59, "CMIC"),
        ("dhs_uflpa.json", 148, "UFLPA"),
        ("cbp_wro.json", 67, "WRO"),
        ("fcc_covered.json", 15, "FCC"),
    ] {
        let l = load(&dir, &format!("bis_derived_2026-07/{file}"));
        assert_eq!((l.format.as_str(), l.entries.len()), ("nsfreg-json", n), "{file}");
        assert!(l.entries.iter().all(|e| e.list_code == code), "{file}");
    }
    let cn = load(&dir, "cn/mofcom_entity_lists.json");
    assert_eq!(cn.entries.len(), 240);
    // METI: records whose name and aliases are both empty (debris of the derived file's own parse) are skipped.
    let raw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("jp/meti_end_user_list.json")).expect("reads")).expect("json");
    let usable = raw
        .as_array()
        .expect("array")
        .iter()
        .filter(|e| {
            e["entity_name"].as_str().is_some_and(|s| !s.trim().is_empty())
                || e["aliases"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x.as_str().is_some_and(|s| !s.trim().is_empty())))
        })
        .count();
    let jp = load(&dir, "jp/meti_end_user_list.json");
    assert_eq!(jp.entries.len(), usable);
    assert!(usable > 800);
    let paec = jp.entries.iter().find(|e| e.id == "jp-eul-669").expect("jp-eul-669");
    assert!(paec.name.contains("Pakistan Atomic Energy Commission"));
    assert_eq!(paec.list_code, "METI");
}
