//! List queries against the whole CSL (recall, the expected entry ranked first), clean SEC company names against
//! the CSL (false alarms), latency per party, and a brute-force Jaro-Winkler scan on a spread-out sample.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use export_screen::{match_names, Config, LoadOptions, NameKind, PartyQuery, Screener, DEFAULT_THRESHOLD};
use serde::Deserialize;

use crate::metrics::{cell, millis, pct, ratio, thresholds};
use crate::{read_jsonl, Half, Section, SummaryRow, HALVES, SHOWN};

/// Issue 13's targets: recall of list queries, and clean company names raising a hit.
const TARGET_RECALL: f64 = 0.98;
const TARGET_FALSE_ALARMS: f64 = 0.005;
const TARGET_SPEEDUP: f64 = 100.0;

#[derive(Deserialize)]
struct Query {
    query: String,
    expected_id: String,
    expected_name: String,
    transform: String,
    #[serde(default)]
    equivalent_ids: Vec<String>,
    #[serde(default)]
    half: Half,
}

#[derive(Deserialize)]
struct Negative {
    query: String,
    #[serde(default)]
    half: Half,
}

/// A listed name the baseline can scan: its lowercased text and the entry it belongs to.
struct Listed {
    lower: String,
    entry: usize,
}

/// Best Jaro-Winkler of a query over every listed name: (score, entry index).
fn brute_force(names: &[Listed], query: &str) -> (f64, usize) {
    let q = query.to_lowercase();
    let mut best = (0.0, usize::MAX);
    for n in names {
        let s = strsim::jaro_winkler(&q, &n.lower);
        if s > best.0 {
            best = (s, n.entry);
        }
    }
    best
}

pub fn run(dir: &Path, csl_path: &Path, baseline: usize) -> Result<Section, String> {
    let queries: Vec<Query> = read_jsonl(&dir.join("queries.jsonl"))?;
    let negatives: Vec<Negative> = read_jsonl(&dir.join("negatives.jsonl"))?;
    let csl = std::fs::read(csl_path).map_err(|e| format!("{}: {e}", csl_path.display()))?;
    let opts = LoadOptions { filename: Some("consolidated.csv".into()), ..Default::default() };
    let t0 = Instant::now();
    let mut screener = Screener::new(Config { demo_list: false, ..Config::default() }).map_err(|e| e.to_string())?;
    let info = screener.load_list(&csl, &opts).map_err(|e| format!("loading the CSL: {e}"))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let entries = export_screen::lists::parse(&csl, &opts).map_err(|e| e.to_string())?.entries;
    let index_of: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let listed: Vec<Listed> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            std::iter::once(&e.name)
                .chain(e.aliases.iter().map(|a| &a.name))
                .map(move |n| Listed { lower: n.to_lowercase(), entry: i })
        })
        .collect();
    let threshold = DEFAULT_THRESHOLD;

    let expected: Vec<HashSet<&str>> = queries
        .iter()
        .map(|q| std::iter::once(q.expected_id.as_str()).chain(q.equivalent_ids.iter().map(String::as_str)).collect())
        .collect();
    let mut times = Vec::with_capacity(queries.len() + negatives.len());
    let mut found = Vec::with_capacity(queries.len());
    let mut top1 = Vec::with_capacity(queries.len());
    let mut top_hit: Vec<Option<(String, f64)>> = Vec::with_capacity(queries.len());
    for (q, ids) in queries.iter().zip(&expected) {
        let t = Instant::now();
        let r = screener.screen_party(&PartyQuery { name: q.query.clone(), ..Default::default() });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        // A hit stands for one listed party: the expected entry may be one of its listings (the CSL's copies of a
        // party on several of its source lists are one hit).
        let names = |h: &export_screen::Hit| {
            ids.contains(h.entry_id.as_str()) || h.listings.iter().any(|l| ids.contains(l.entry_id.as_str()))
        };
        found.push(r.hits.iter().any(names));
        top1.push(r.hits.first().is_some_and(names));
        top_hit.push(r.hits.first().map(|h| (h.matched_name.clone(), h.score)));
    }
    let mut alarm: Vec<Option<(String, f64)>> = Vec::with_capacity(negatives.len());
    for n in &negatives {
        let t = Instant::now();
        let r = screener.screen_party(&PartyQuery { name: n.query.clone(), ..Default::default() });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        alarm.push(r.hits.first().map(|h| (h.matched_name.clone(), h.score)));
    }

    // The brute-force baseline on a spread-out sample: the best name over the whole CSL per query.
    let step_q = queries.len().div_ceil(baseline.max(1)).max(1);
    let step_n = negatives.len().div_ceil(baseline.max(1)).max(1);
    let mut bf_times = Vec::new();
    let mut bf_queries: Vec<(f64, bool)> = Vec::new();
    for (q, ids) in queries.iter().zip(&expected).step_by(step_q) {
        let t = Instant::now();
        let (s, e) = brute_force(&listed, &q.query);
        bf_times.push(t.elapsed().as_secs_f64() * 1e3);
        bf_queries.push((s, entries.get(e).is_some_and(|x| ids.contains(x.id.as_str()))));
    }
    let mut bf_negatives: Vec<f64> = Vec::new();
    for n in negatives.iter().step_by(step_n) {
        let t = Instant::now();
        bf_negatives.push(brute_force(&listed, &n.query).0);
        bf_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let bf_at = |t: f64| {
        let r = ratio(bf_queries.iter().filter(|(s, ok)| *ok && *s >= t).count(), bf_queries.len());
        let fa = ratio(bf_negatives.iter().filter(|&&s| s >= t).count(), bf_negatives.len());
        (r, fa)
    };
    let bf_best = thresholds().find(|&t| bf_at(t).1 <= TARGET_FALSE_ALARMS).unwrap_or(1.0);
    let (bf_recall, bf_fa) = bf_at(threshold);
    let (bf_recall_best, bf_fa_best) = bf_at(bf_best);
    let (med, p99) = millis(times);
    let (bf_med, bf_p99) = millis(bf_times);
    let speedup = if med > 0.0 { bf_med / med } else { 0.0 };

    let recall_of = |h: Half| {
        let idx: Vec<usize> = (0..queries.len()).filter(|&i| queries[i].half == h).collect();
        let f = idx.iter().filter(|&&i| found[i]).count();
        let t1 = idx.iter().filter(|&&i| top1[i]).count();
        (idx.len(), ratio(f, idx.len()), ratio(t1, idx.len()))
    };
    let alarms_of = |h: Half| {
        let idx: Vec<usize> = (0..negatives.len()).filter(|&i| negatives[i].half == h).collect();
        (idx.len(), ratio(idx.iter().filter(|&&i| alarm[i].is_some()).count(), idx.len()))
    };
    let ((nt, rt, t1t), (nh, rh, t1h)) = (recall_of(Half::Tune), recall_of(Half::Heldout));
    let ((at, ft), (ah, fh)) = (alarms_of(Half::Tune), alarms_of(Half::Heldout));
    let mut summary = vec![
        SummaryRow {
            measure: format!("list queries vs CSL: recall ({nt} + {nh} queries)"),
            tune: pct(rt),
            heldout: pct(rh),
            baseline: format!("{} (JW @{threshold:.2})", pct(bf_recall)),
            target: format!("≥ {}", pct(TARGET_RECALL)),
            met: Some(rt >= TARGET_RECALL && rh >= TARGET_RECALL),
        },
        SummaryRow {
            measure: "list queries vs CSL: expected entry ranked first".into(),
            tune: pct(t1t),
            heldout: pct(t1h),
            baseline: String::new(),
            target: String::new(),
            met: None,
        },
        SummaryRow {
            measure: format!("clean SEC names vs CSL raising a hit ({at} + {ah})"),
            tune: pct(ft),
            heldout: pct(fh),
            baseline: format!("{} (JW @{threshold:.2})", pct(bf_fa)),
            target: format!("≤ {}", pct(TARGET_FALSE_ALARMS)),
            met: Some(ft <= TARGET_FALSE_ALARMS && fh <= TARGET_FALSE_ALARMS),
        },
    ];
    summary.push(SummaryRow {
        measure: "median / p99 ms per party vs CSL (native)".into(),
        tune: format!("{med:.3} / {p99:.3}"),
        heldout: String::new(),
        baseline: format!("brute force {bf_med:.1} / {bf_p99:.1}"),
        target: format!("≥ {TARGET_SPEEDUP:.0}× brute force"),
        met: Some(speedup >= TARGET_SPEEDUP),
    });

    let mut md = format!(
        "## List queries and clean company names against the whole CSL\n\nThe CSL: {} entries, {} names, loaded \
         and indexed in {load_ms:.0} ms. Brute force: the best `strsim::jaro_winkler` over every listed name, on \
         {} queries and {} clean names spread over the files; at its own best threshold (the lowest with ≤ {} \
         false alarms, @{bf_best:.2}) it finds {} and raises {}. Speed-up {speedup:.0}×.\n\n",
        info.entries,
        info.names,
        bf_queries.len(),
        bf_negatives.len(),
        pct(TARGET_FALSE_ALARMS),
        pct(bf_recall_best),
        pct(bf_fa_best),
    );
    md.push_str("| transformation | queries (tune) | recall (tune) | ranked first (tune) | recall (held out) |\n|---|---|---|---|---|\n");
    let mut qt: BTreeMap<&str, [(usize, usize, usize); 2]> = BTreeMap::new();
    for (i, q) in queries.iter().enumerate() {
        let e = &mut qt.entry(q.transform.as_str()).or_default()[q.half as usize];
        e.0 += 1;
        e.1 += usize::from(found[i]);
        e.2 += usize::from(top1[i]);
    }
    for (t, [tu, he]) in &qt {
        md.push_str(&format!(
            "| {t} | {} | {} | {} | {} |\n",
            tu.0,
            pct(ratio(tu.1, tu.0)),
            pct(ratio(tu.2, tu.0)),
            pct(ratio(he.1, he.0))
        ));
    }

    // Tune-half listings: misses (lowest score against the expected entry first) and false alarms.
    let score_expected = |q: &Query| -> f64 {
        index_of
            .get(q.expected_id.as_str())
            .and_then(|&i| entries.get(i))
            .map(|e| {
                std::iter::once(&e.name)
                    .chain(e.aliases.iter().map(|a| &a.name))
                    .map(|n| match_names(&q.query, n, NameKind::Any).score)
                    .fold(0.0, f64::max)
            })
            .unwrap_or(0.0)
    };
    let mut misses: Vec<(f64, usize)> = (0..queries.len())
        .filter(|&i| queries[i].half == Half::Tune && !found[i])
        .map(|i| (score_expected(&queries[i]), i))
        .collect();
    misses.sort_by(|a, b| a.0.total_cmp(&b.0));
    md.push_str(&format!(
        "\nWorst misses (tune half: {} list queries whose entry was not among the hits; first {SHOWN}):\n\n| query | \
         expected entry | transformation | score vs expected | top hit |\n|---|---|---|---|---|\n",
        misses.len()
    ));
    let mut errors = String::new();
    for (k, (s, i)) in misses.iter().enumerate() {
        let q = &queries[*i];
        let top = top_hit[*i].as_ref().map(|(n, s)| format!("{} ({s:.2})", cell(n))).unwrap_or_else(|| "none".into());
        if k < SHOWN {
            md.push_str(&format!(
                "| {} | {} | {} | {s:.2} | {top} |\n",
                cell(&q.query),
                cell(&q.expected_name),
                q.transform
            ));
        }
        errors.push_str(&format!(
            "query_miss\t{}\t{}\t{}\t{s:.3}\t\t\t\t\tCSL\t{top}\n",
            cell(&q.query),
            cell(&q.expected_name),
            q.transform
        ));
    }
    let mut alarms: Vec<(usize, &String, f64)> = (0..negatives.len())
        .filter(|&i| negatives[i].half == Half::Tune)
        .filter_map(|i| alarm[i].as_ref().map(|(n, s)| (i, n, *s)))
        .collect();
    alarms.sort_by(|a, b| b.2.total_cmp(&a.2));
    md.push_str(&format!(
        "\nFalse alarms (tune half: {} clean SEC names with a hit in the CSL; highest score first, first {SHOWN}):\n\n\
         | clean name | listed name hit | score |\n|---|---|---|\n",
        alarms.len()
    ));
    for (k, (i, name, s)) in alarms.iter().enumerate() {
        if k < SHOWN {
            md.push_str(&format!("| {} | {} | {s:.2} |\n", cell(&negatives[*i].query), cell(name)));
        }
        errors.push_str(&format!(
            "sec_alarm\t{}\t{}\t\t{s:.3}\t\t\t\t\tCSL\t\n",
            cell(&negatives[*i].query),
            cell(name)
        ));
    }
    md.push('\n');
    let _ = HALVES;
    Ok(Section { markdown: md, summary, errors })
}
