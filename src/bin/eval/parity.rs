//! The page's screener and `matchNames` on the same pairs: each pair's listed side (`b`) loaded alone in a
//! `Screener` (so every word weighs what `matchNames`' list-independent weights say), its query side (`a`) screened
//! against it, and the screener's score compared with `match_names` with the pair's known kind. A pair the
//! screener scores otherwise, or does not reach while `matchNames` scores it near the threshold, is a name the page
//! and `matchNames` would judge differently.

use export_screen::normalize::{name_variants, normalize, query_variants};
use export_screen::{Config, LoadOptions, NameKind, PartyQuery, Screener, DEFAULT_THRESHOLD};

use crate::metrics::{cell, pct, ratio};
use crate::pairs::Scored;
use crate::{Half, Section, SummaryRow, HALVES, SHOWN};

/// The most country evidence adds to a name score (the screener's `COUNTRY_SUPPORT`): below the threshold by
/// more than this, a name cannot be a hit, and the index may leave it out.
const COUNTRY_SUPPORT: f64 = 0.03;

/// `eval --screen QUERY LISTED`: the query screened against the listed name loaded alone, beside `matchNames`.
pub fn explain(query: &str, listed: &str) {
    for person in [false, true] {
        let kind = if person { NameKind::Person } else { NameKind::Organization };
        let m = export_screen::match_names(query, listed, kind);
        let hit = one_entry(listed, person).and_then(|s| {
            s.screen_party(&PartyQuery { name: query.into(), ..Default::default() }).hits.first().cloned()
        });
        println!("{query:?} / {listed:?} ({kind:?}): matchNames {} ({})", m.score, m.explanation.summary);
        match hit {
            Some(h) => println!(
                "  screener {} ({}) {}",
                h.score,
                h.explanation.summary,
                serde_json::to_string(&h.explanation.pairs).unwrap_or_default()
            ),
            None => println!("  screener: no hit"),
        }
    }
}

fn one_entry(listed: &str, person: bool) -> Option<Screener> {
    let json = serde_json::json!({ "results": [{
        "name": listed,
        "source": "Entity List (EL) - Bureau of Industry and Security",
        "type": if person { "Individual" } else { "Entity" },
    }]});
    let mut s = Screener::new(Config { demo_list: false, threshold: 0.05, ..Config::default() }).ok()?;
    let opts = LoadOptions { filename: Some("one.json".into()), ..Default::default() };
    s.load_list(json.to_string().as_bytes(), &opts).ok()?;
    Some(s)
}

/// Whether the screener compares the pair as `matchNames` does: one name on each side (the screener keeps a
/// query's bracketed part out, `matchNames` tries it), and no company-written query against a person (the
/// screener holds that below the threshold as evidence, which `matchNames` has no entry to weigh).
fn comparable(a: &str, b: &str, person: bool) -> bool {
    let single = |s: &str| {
        let v = name_variants(s);
        v.len() == 1 && query_variants(s) == v && v[0] == s.trim()
    };
    let company = |s: &str| {
        let n = normalize(s);
        n.legal_edge || n.tokens.iter().any(|t| t.org)
    };
    single(a) && single(b) && !(person && company(a))
}

/// Compares both paths on every comparable pair of the sets given (their scores with the known kind).
pub fn run(sets: &[(&str, &Scored)]) -> Section {
    let mut md = String::from("## Screener and matchNames on the same pairs\n\nEach pair's listed name loaded alone in a `Screener` (threshold 0.05), its query screened against it, and the score compared with `match_names` with the known kind. *Differ*: the screener scored the pair otherwise, or did not reach it while `matchNames` scored it within the country evidence of the threshold.\n\n| set | half | pairs compared | differ |\n|---|---|---|---|\n");
    let mut errors = String::new();
    let mut shown = Vec::new();
    let (mut per_half, mut total) = ([(0usize, 0usize); 2], (0usize, 0usize));
    for (name, scored) in sets {
        for h in HALVES {
            let (mut n, mut bad) = (0usize, 0usize);
            for (i, row) in scored.rows.iter().enumerate().filter(|(_, r)| r.half == h) {
                let person = row.known_kind() == NameKind::Person;
                if !comparable(&row.a, &row.b, person) {
                    continue;
                }
                let Some(s) = one_entry(&row.b, person) else { continue };
                let got = s
                    .screen_party(&PartyQuery { name: row.a.clone(), ..Default::default() })
                    .hits
                    .first()
                    .map_or(0.0, |h| h.score);
                let want = scored.known[i];
                n += 1;
                let reachable = want + COUNTRY_SUPPORT >= DEFAULT_THRESHOLD;
                if (got - want).abs() > 1e-9 && (got > 0.0 || reachable) {
                    bad += 1;
                    if h == Half::Tune {
                        errors.push_str(&format!(
                            "parity\t{}\t{}\tscreener {got:.3}\t{want:.3}\t\t\t{:?}\t\t{name}\t\n",
                            cell(&row.a),
                            cell(&row.b),
                            row.known_kind()
                        ));
                        if shown.len() < SHOWN {
                            shown.push(format!(
                                "| {name} | {} | {} | {got:.3} | {want:.3} |",
                                cell(&row.a),
                                cell(&row.b)
                            ));
                        }
                    }
                }
            }
            md.push_str(&format!("| {name} | {} | {n} | {bad} ({}) |\n", h.label(), pct(ratio(bad, n))));
            per_half[h as usize].0 += n;
            per_half[h as usize].1 += bad;
            total.0 += n;
            total.1 += bad;
        }
    }
    if !shown.is_empty() {
        md.push_str("\nPairs that differ (tune half):\n\n| set | query | listed | screener | matchNames |\n|---|---|---|---|---|\n");
        for l in shown {
            md.push_str(&l);
            md.push('\n');
        }
    }
    let cellf = |(n, bad): (usize, usize)| format!("{bad} of {n}");
    let summary = vec![SummaryRow {
        measure: "screener vs matchNames: pairs scored differently".into(),
        tune: cellf(per_half[0]),
        heldout: cellf(per_half[1]),
        baseline: String::new(),
        target: "0".into(),
        met: Some(total.1 == 0),
    }];
    Section { markdown: md, summary, errors }
}
