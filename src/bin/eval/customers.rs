//! Clean customers (SEC company names; Faker persons and companies in 30 locales) screened against all seven
//! shared lists loaded together in one `Screener`, as `benches/bench-core.mjs` loads them: the share raising any
//! hit at the default threshold, by kind, script and origin, and the generic-only matches scoring ≥ 0.99.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use export_screen::{Config, Hit, LoadOptions, PartyQuery, Screener};
use serde::Deserialize;

use crate::metrics::{cell, millis, pct, ratio};
use crate::{read_jsonl, Half, Section, SummaryRow, HALVES, SHOWN};

const TARGET_FALSE_ALARMS: f64 = 0.005;

#[derive(Deserialize)]
struct Customer {
    query: String,
    kind: String,
    origin: String,
    #[serde(default)]
    script: String,
    #[serde(default)]
    half: Half,
}

/// Tokens as the generator's `fold` writes them (lower case, accents and punctuation dropped), for looking up
/// `generic_words.txt`.
fn fold_tokens(s: &str) -> Vec<String> {
    use export_screen::text::unicode;
    // NFKD character by character (the marks a whole-string NFKD would reorder are dropped anyway); the crate's own
    // tables, so this binary also builds for wasm32 (unicode-normalization is a native-only dependency).
    let mut decomposed = String::with_capacity(s.len());
    for c in s.chars() {
        unicode::decompose_compatible(c, |d| decomposed.push(d));
    }
    let folded: String = decomposed
        .chars()
        .filter(|c| !unicode::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// Whether every token the hit's explanation aligned is generic: a word of `generic_words.txt` (words in ≥ 0.2%
/// of SEC company names or of listed names: company words, trading, bank, cities, countries), or a token the
/// matcher itself set aside (generic, stopword, legal form, honorific), or a number.
fn generic_only(hit: &Hit, generic: &HashSet<String>) -> bool {
    let ex = &hit.explanation;
    let ignored: HashSet<String> = ex.ignored.iter().flat_map(|i| fold_tokens(&i.token)).collect();
    let aligned: Vec<String> = if ex.pairs.is_empty() {
        fold_tokens(&hit.matched_name)
    } else {
        ex.pairs.iter().flat_map(|p| fold_tokens(&p.listed)).collect()
    };
    !aligned.is_empty()
        && aligned.iter().all(|t| generic.contains(t) || ignored.contains(t) || t.chars().all(|c| c.is_ascii_digit()))
}

pub fn run(dir: &Path, lists: &[PathBuf]) -> Result<Section, String> {
    let customers: Vec<Customer> = read_jsonl(&dir.join("customers.jsonl"))?;
    let generic: HashSet<String> = std::fs::read_to_string(dir.join("generic_words.txt"))
        .map_err(|e| format!("{}/generic_words.txt: {e}", dir.display()))?
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let t0 = Instant::now();
    let mut screener = Screener::new(Config { demo_list: false, ..Config::default() }).map_err(|e| e.to_string())?;
    let mut names = 0;
    for path in lists {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let filename = path.file_name().map(|f| f.to_string_lossy().into_owned());
        let info = screener
            .load_list_owned(bytes, &LoadOptions { filename, ..Default::default() })
            .map_err(|e| format!("loading {}: {e}", path.display()))?;
        names += info.names;
    }
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;

    // (customer index, top hit, generic-only hits >= 0.99 among all its hits)
    let mut results: Vec<Option<Hit>> = Vec::with_capacity(customers.len());
    let mut generic_hits: Vec<(usize, Hit)> = Vec::new();
    let mut times = Vec::with_capacity(customers.len());
    for (i, c) in customers.iter().enumerate() {
        let t = Instant::now();
        let r = screener.screen_party(&PartyQuery { name: c.query.clone(), ..Default::default() });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        for h in r.hits.iter().filter(|h| h.score >= 0.99) {
            if generic_only(h, &generic) {
                generic_hits.push((i, h.clone()));
            }
        }
        results.push(r.hits.into_iter().next());
    }
    let (med, p99) = millis(times);

    let share = |pred: &dyn Fn(&Customer) -> bool, h: Half| {
        let idx: Vec<usize> = (0..customers.len()).filter(|&i| customers[i].half == h && pred(&customers[i])).collect();
        (idx.len(), ratio(idx.iter().filter(|&&i| results[i].is_some()).count(), idx.len()))
    };
    let mut summary = Vec::new();
    for kind in ["company", "person"] {
        let ((nt, st), (nh, sh)) = (share(&|c| c.kind == kind, Half::Tune), share(&|c| c.kind == kind, Half::Heldout));
        summary.push(SummaryRow {
            measure: format!("clean {kind} customers vs all 7 lists raising a hit ({nt} + {nh})"),
            tune: pct(st),
            heldout: pct(sh),
            baseline: String::new(),
            target: format!("≤ {}", pct(TARGET_FALSE_ALARMS)),
            met: Some(st <= TARGET_FALSE_ALARMS && sh <= TARGET_FALSE_ALARMS),
        });
    }
    let generic_in = |h: Half| generic_hits.iter().filter(|(i, _)| customers[*i].half == h).count();
    summary.push(SummaryRow {
        measure: "clean customers: generic-only hits scoring ≥ 0.99".into(),
        tune: generic_in(Half::Tune).to_string(),
        heldout: generic_in(Half::Heldout).to_string(),
        baseline: String::new(),
        target: "0".into(),
        met: Some(generic_hits.is_empty()),
    });

    let mut md = format!(
        "## Clean customers against all shared lists together\n\n{} customers screened by name alone against the 7 \
         list files of `benches/bench-core.mjs` in one screener ({names} names, loaded and indexed in {load_ms:.0} \
         ms; median {med:.3} ms, p99 {p99:.3} ms per party natively). A hit is any entry at or above the default \
         threshold. *Generic-only*: a hit whose aligned listed tokens are all generic words (`generic_words.txt`: in \
         ≥ 0.2% of SEC company names or of listed names), tokens the matcher itself set aside, or numbers.\n\n",
        customers.len()
    );
    type By = fn(&Customer) -> String;
    let groups: [(&str, By); 3] = [
        ("kind", |c| c.kind.clone()),
        ("kind and script", |c| format!("{} {}", c.kind, c.script)),
        ("origin", |c| format!("{} {}", c.kind, c.origin)),
    ];
    for (what, by) in groups {
        let mut g: BTreeMap<String, [(usize, usize); 2]> = BTreeMap::new();
        for (i, c) in customers.iter().enumerate() {
            let e = &mut g.entry(by(c)).or_default()[c.half as usize];
            e.0 += 1;
            e.1 += usize::from(results[i].is_some());
        }
        md.push_str(&format!(
            "By {what}:\n\n| {what} | customers (tune + held out) | raising a hit (tune) | raising a hit (held out) \
             |\n|---|---|---|---|\n"
        ));
        for (k, [t, h]) in &g {
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(k),
                t.0 + h.0,
                pct(ratio(t.1, t.0)),
                pct(ratio(h.1, h.0))
            ));
        }
        md.push('\n');
    }

    // Tune-half listings.
    let mut alarms: Vec<(usize, &Hit)> = (0..customers.len())
        .filter(|&i| customers[i].half == Half::Tune)
        .filter_map(|i| results[i].as_ref().map(|h| (i, h)))
        .collect();
    alarms.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    let mut errors = String::new();
    md.push_str(&format!(
        "False alarms (tune half: {} customers with a hit; highest score first, first {}):\n\n| customer | kind | \
         origin | listed name hit | entry | list | score |\n|---|---|---|---|---|---|---|\n",
        alarms.len(),
        SHOWN * 2
    ));
    for (k, (i, h)) in alarms.iter().enumerate() {
        let c = &customers[*i];
        if k < SHOWN * 2 {
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {:.3} |\n",
                cell(&c.query),
                c.kind,
                c.origin,
                cell(&h.matched_name),
                cell(&h.name),
                h.list_code,
                h.score
            ));
        }
        errors.push_str(&format!(
            "customer_alarm\t{}\t{}\t{}\t{:.3}\t\t\t{}\t{}\t{}\t{}\n",
            cell(&c.query),
            cell(&h.matched_name),
            c.origin,
            h.score,
            c.kind,
            c.script,
            h.list_code,
            cell(&h.name)
        ));
    }
    md.push_str(&format!(
        "\nGeneric-only hits scoring ≥ 0.99 (tune half: {}):\n\n| customer | listed name hit | aligned | score \
         |\n|---|---|---|---|\n",
        generic_in(Half::Tune)
    ));
    for (i, h) in generic_hits.iter().filter(|(i, _)| customers[*i].half == Half::Tune).take(SHOWN) {
        let aligned: Vec<String> = h.explanation.pairs.iter().map(|p| format!("{}={}", p.query, p.listed)).collect();
        md.push_str(&format!(
            "| {} | {} | {} | {:.3} |\n",
            cell(&customers[*i].query),
            cell(&h.matched_name),
            cell(&aligned.join(", ")),
            h.score
        ));
    }
    md.push('\n');
    let _ = HALVES;
    Ok(Section { markdown: md, summary, errors })
}
