//! Property tests (issue 7): normalisation is idempotent, scores lie in 0..1, an exact listed name scores 1.0,
//! screening is deterministic, and loading then removing a list restores the previous state.
#![cfg(not(target_arch = "wasm32"))]

use export_screen::normalize::normalize;
use export_screen::{match_names, Config, LoadOptions, NameKind, PartyQuery, Screener};
use proptest::prelude::*;

/// Name-like strings: Latin, Cyrillic, Arabic, punctuation and legal-form words mixed.
fn name_strategy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Za-z]{1,12}",
        "[А-Яа-я]{1,10}",
        "[\u{0621}-\u{064A}]{1,8}",
        Just("Co.".to_string()),
        Just("Ltd".to_string()),
        Just("M/s".to_string()),
        Just("OOO".to_string()),
        Just("(Pvt.)".to_string()),
        Just("&".to_string()),
        "[0-9]{1,4}",
        "[ -/:-@]{1,3}",
    ];
    prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn normalize_is_idempotent(s in name_strategy()) {
        let once = normalize(&s).key();
        let twice = normalize(&once).key();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn match_scores_lie_in_unit_interval_and_are_deterministic(a in name_strategy(), b in name_strategy()) {
        let m1 = match_names(&a, &b, NameKind::Any);
        let m2 = match_names(&a, &b, NameKind::Any);
        prop_assert!((0.0..=1.0).contains(&m1.score), "score {} out of range", m1.score);
        prop_assert_eq!(m1, m2);
    }

    #[test]
    fn a_name_matches_itself_exactly(a in name_strategy()) {
        let m = match_names(&a, &a, NameKind::Any);
        if !normalize(&a).tokens.is_empty() {
            prop_assert_eq!(m.score, 1.0);
        }
    }
}

#[test]
fn every_demo_name_and_alias_scores_one() {
    let s = Screener::new(Config::default()).expect("demo list loads");
    let demo = export_screen::lists::demo::parse(export_screen::lists::demo::DEMO_LIST_TOML).expect("demo parses");
    assert!(!demo.entries.is_empty());
    for e in &demo.entries {
        for name in std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.name)) {
            let r = s.screen_party(&PartyQuery { name: name.clone(), ..Default::default() });
            let hit = r.hits.iter().find(|h| h.entry_id == e.id);
            assert_eq!(hit.map(|h| h.score), Some(1.0), "{name:?} should be an exact hit on {}", e.id);
        }
    }
}

#[test]
fn load_then_remove_restores_state() {
    let mut s = Screener::new(Config::default()).expect("demo list loads");
    let q = PartyQuery { name: "Hassan Scientific Corporation".into(), ..Default::default() };
    let (lists_before, hits_before) = (s.lists(), s.screen_party(&q));
    let info = s
        .load_list(
            export_screen::lists::demo::DEMO_LIST_TOML.as_bytes(),
            &LoadOptions { format: Some("demo-toml".into()), ..Default::default() },
        )
        .expect("a second copy loads");
    assert_eq!(s.lists().len(), lists_before.len() + 1);
    s.remove_list(&info.id).expect("removable");
    assert_eq!(s.lists(), lists_before);
    assert_eq!(s.screen_party(&q), hits_before);
}

/// Found by `scripts/fuzz.sh` (match_names): a string whose only names are split off by "Fka" still matches
/// itself.
#[test]
fn fuzz_regression_string_matches_itself() {
    let bytes: &[u8] = b";&@\x00\xec\x8b\x8b\xa4\x9b\x8b.\xf1\x8b\x8b\x94\x06Fka \x00hhhhhhhhhhhhhhhhhoh";
    let s = String::from_utf8_lossy(bytes);
    let half = s.char_indices().nth(s.chars().count() / 2).map(|(i, _)| i).unwrap_or(0);
    let a = &s[..half];
    assert_eq!(match_names(a, a, NameKind::Any).score, 1.0);
}
