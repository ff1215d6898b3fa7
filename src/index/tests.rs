//! Unit tests of the candidate index.

use super::*;

fn r(entry: u32) -> NameRef {
    NameRef { list: 0, entry, alias: None }
}

fn build() -> Index {
    Index::build([
        (r(0), "Hassan Scientific Corporation"),
        (r(1), "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development Complex (NDC)"),
        (r(2), "Beijing Luo Luo Technology Development Co., Limited"),
        (r(3), "National Supercomputing Center Jinan"),
        (r(4), "Scientific Production Company Optolink"),
    ])
}

fn top(ix: &Index, q: &str) -> Vec<u32> {
    ix.candidates(&normalize(q), 10, 0.0).into_iter().filter_map(|id| ix.name(id)).map(|n| n.from.entry).collect()
}

#[test]
fn candidates_typo_reaches_name() {
    let ix = build();
    assert_eq!(top(&ix, "Hasan Scientfic").first(), Some(&0));
    assert_eq!(top(&ix, "Optolnik").first(), Some(&4));
}

#[test]
fn candidates_acronym_and_joined() {
    let ix = build();
    assert!(top(&ix, "PAEC").contains(&1));
    assert!(top(&ix, "NDC").contains(&1));
    assert!(top(&ix, "Luoluo Technology").contains(&2));
}

#[test]
fn candidates_generic_only_query_still_reaches_but_weakly() {
    let ix = build();
    // "Jinan" is a place name: reached, but the scorer caps generic-only agreement.
    assert!(top(&ix, "Jinan").contains(&3));
}

#[test]
fn candidates_follow_only_words_the_scorer_pairs() {
    let ix = Index::build([(r(0), "Viza Holdings"), (r(1), "Visa Trading"), (r(2), "Lisa Ahmadi"), (r(3), "Vida")]);
    // "lisa" and "vida" are one deletion from "visa" but the scorer rejects them (a full edit in a word of four
    // letters is over its budget); "viza" it pairs (s/z is a cheap slip).
    assert_eq!(crate::score::token_similarity("visa", "lisa"), None);
    assert_eq!(crate::score::token_similarity("visa", "vida"), None);
    assert!(crate::score::token_similarity("visa", "viza").is_some());
    let mut got = top(&ix, "Visa");
    got.sort_unstable();
    assert_eq!(got, vec![0, 1]);
    // An acronym shorter than four letters can only be initials, which never carry a match: "IT" for "Intel
    // Trading" does not reach every name holding "it".
    let ix = Index::build([(r(0), "It Kim"), (r(1), "Intel Corp")]);
    assert_eq!(top(&ix, "Intel Trading"), vec![1]);
}

#[test]
fn key_table_finds_every_key_after_merges() {
    // Keys spread over every bucket, with repeats, added in two merges (as two lists load).
    let pairs: Vec<(u64, u32)> = (0..20_000u64).map(|i| (fnv(&[&(i % 7_001).to_le_bytes()]), i as u32)).collect();
    let mut table = KeyTable::default();
    table.merge(pairs[..9_000].iter().map(|&(k, id)| (fold32(k), id)).collect());
    table.merge(pairs[9_000..].iter().map(|&(k, id)| (fold32(k), id)).collect());
    for &(k, _) in pairs.iter().step_by(13) {
        let mut got = Vec::new();
        table.lookup(k, &mut got);
        let mut want: Vec<u32> = pairs.iter().filter(|(k2, _)| fold32(*k2) == fold32(k)).map(|&(_, id)| id).collect();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    let mut none = Vec::new();
    table.lookup(fnv(&[b"absent"]), &mut none);
    assert!(none.is_empty());
    KeyTable::default().lookup(1, &mut none);
    assert!(none.is_empty());
}

#[test]
fn indexed_name_stays_small() {
    assert!(std::mem::size_of::<IndexedName>() <= 56, "{}", std::mem::size_of::<IndexedName>());
}

#[test]
fn weight_rare_tokens_count_more() {
    let ix = build();
    let t = |s: &str| normalize(s).tokens.into_iter().next().unwrap_or_else(|| panic!("no token in {s}"));
    assert!(ix.weight(&t("optolink")) > ix.weight(&t("national")));
}

#[test]
fn content_hash_is_fnv_of_the_content_key() {
    for s in ["Hassan Scientific Corporation", "Osama bin Laden", "al Rashid", "X", "", "Bank of the East 2"] {
        let n = normalize(s);
        assert_eq!(content_hash(&n), fnv(&[crate::score::content_key(&n).as_bytes()]), "{s:?}");
    }
}
