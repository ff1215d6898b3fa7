//! The name-matching evaluation of issue 4, as a report (native only; not part of the page).
//!
//! `python3 scripts/eval/build_eval.py target/eval` generates the sets from the real lists in `../shared/lists`
//! (labelled name pairs, list queries with their expected CSL entry, clean SEC company names); this binary runs
//! them through the crate's matcher (`match_names`, `Screener::screen_party` on the whole CSL) and through a plain
//! Jaro-Winkler baseline (`strsim::jaro_winkler` on lowercased full strings, the same in every set), and prints a
//! Markdown report that it also writes to `<dir>/report.md`. Missing a target is reported, not an error; a missing
//! or malformed input file is (exit code 1).
//!
//! Every error (missed queries, false alarms, pair errors) is also written to `<dir>/errors.tsv`, and
//! `eval --explain A B` prints one comparison with its explanation.
//!
//! Usage: `cargo run --release --bin eval -- [DIR] [--csl PATH] [--baseline N]`

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use export_screen::{match_names, Config, LoadOptions, NameKind, PartyQuery, Screener, DEFAULT_THRESHOLD};
use serde::Deserialize;

/// Issue 4's targets at the default threshold.
const TARGET_RECALL: f64 = 0.97;
const TARGET_FALSE_ALARMS: f64 = 0.01;
const TARGET_F1: f64 = 0.90;
const TARGET_SPEEDUP: f64 = 50.0;
/// How many list queries and clean names also go through the brute-force baseline (every k-th, so the sample is
/// spread over the file): a full scan of every listed name per query is slow by design.
const DEFAULT_BASELINE: usize = 1500;
const SHOWN: usize = 20;

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
    #[serde(rename = "match")]
    is_match: bool,
    kind: String,
    transform: String,
}

#[derive(Deserialize)]
struct Query {
    query: String,
    expected_id: String,
    expected_name: String,
    transform: String,
    #[serde(default)]
    equivalent_ids: Vec<String>,
}

#[derive(Deserialize)]
struct Negative {
    query: String,
}

#[derive(Deserialize)]
struct Manifest {
    csl: String,
    seed: u64,
    /// What the generator does and does not produce (printed in the report).
    #[serde(default)]
    notes: Vec<String>,
}

struct Args {
    dir: PathBuf,
    csl: Option<PathBuf>,
    baseline: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { dir: PathBuf::from("target/eval"), csl: None, baseline: DEFAULT_BASELINE };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--csl" => args.csl = Some(PathBuf::from(it.next().ok_or("--csl needs a path")?)),
            "--baseline" => {
                let n = it.next().ok_or("--baseline needs a number")?;
                args.baseline = n.parse().map_err(|_| format!("--baseline: expected a number, found {n:?}"))?;
            }
            "-h" | "--help" => {
                return Err("usage: eval [DIR (default target/eval)] [--csl PATH] [--baseline N]".into());
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other:?}")),
            other => args.dir = PathBuf::from(other),
        }
    }
    Ok(args)
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (run python3 scripts/eval/build_eval.py first)", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1)))
        .collect()
}

fn kind_of(label: &str) -> NameKind {
    match label {
        "person" => NameKind::Person,
        "organization" => NameKind::Organization,
        _ => NameKind::Any,
    }
}

/// The plain baseline: Jaro-Winkler on lowercased full strings.
fn jw(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase())
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

fn millis(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (quantile(&v, 0.5), quantile(&v, 0.99))
}

#[derive(Clone, Copy, Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn of(scores: &[f64], labels: &[bool], threshold: f64) -> Prf {
        let mut m = Prf::default();
        for (&s, &l) in scores.iter().zip(labels) {
            match (s >= threshold, l) {
                (true, true) => m.tp += 1,
                (true, false) => m.fp += 1,
                (false, true) => m.fn_ += 1,
                (false, false) => {}
            }
        }
        m
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn cells(&self) -> String {
        format!("{:.3} | {:.3} | **{:.3}**", self.precision(), self.recall(), self.f1())
    }
}

/// Thresholds 0.50, 0.51, ... 0.99.
fn thresholds() -> impl Iterator<Item = f64> {
    (50..100).map(|t| t as f64 / 100.0)
}

/// The threshold that maximises F1 on these scores.
fn best_f1_threshold(scores: &[f64], labels: &[bool]) -> f64 {
    thresholds()
        .map(|t| (t, Prf::of(scores, labels, t).f1()))
        .fold((DEFAULT_THRESHOLD, -1.0), |best, x| if x.1 > best.1 { x } else { best })
        .0
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

fn run(args: &Args, out: &mut String) -> Result<(), String> {
    let dir = &args.dir;
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json"))
            .map_err(|e| format!("{}: {e} (run python3 scripts/eval/build_eval.py first)", dir.display()))?,
    )
    .map_err(|e| format!("{}/manifest.json: {e}", dir.display()))?;
    let pairs: Vec<Pair> = read_jsonl(&dir.join("pairs.jsonl"))?;
    let queries: Vec<Query> = read_jsonl(&dir.join("queries.jsonl"))?;
    let negatives: Vec<Negative> = read_jsonl(&dir.join("negatives.jsonl"))?;
    let csl_path = args.csl.clone().unwrap_or_else(|| PathBuf::from(&manifest.csl));
    let csl = std::fs::read(&csl_path).map_err(|e| format!("{}: {e}", csl_path.display()))?;

    // The whole CSL in a screener without the demo list, and its entries for the baseline and the explanations.
    let opts = LoadOptions { filename: Some("consolidated.csv".into()), ..Default::default() };
    let t0 = Instant::now();
    let mut screener = Screener::new(Config { demo_list: false, ..Config::default() }).map_err(|e| e.to_string())?;
    let info = screener.load_list(&csl, &opts).map_err(|e| format!("loading the CSL: {e}"))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let parsed = export_screen::lists::parse(&csl, &opts).map_err(|e| e.to_string())?;
    let entries = parsed.entries;
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

    // (a) Labelled pairs.
    let labels: Vec<bool> = pairs.iter().map(|p| p.is_match).collect();
    let ours: Vec<f64> = pairs.iter().map(|p| match_names(&p.a, &p.b, kind_of(&p.kind)).score).collect();
    let base: Vec<f64> = pairs.iter().map(|p| jw(&p.a, &p.b)).collect();
    let base_best = best_f1_threshold(&base, &labels);
    let ours_best = best_f1_threshold(&ours, &labels);
    let (pair_ours, pair_base, pair_base_best) =
        (Prf::of(&ours, &labels, threshold), Prf::of(&base, &labels, threshold), Prf::of(&base, &labels, base_best));

    // (b) List queries against the whole CSL, and (c) clean names: the matcher on every one, timed.
    let expected_sets: Vec<HashSet<&str>> = queries
        .iter()
        .map(|q| std::iter::once(q.expected_id.as_str()).chain(q.equivalent_ids.iter().map(String::as_str)).collect())
        .collect();
    let mut times = Vec::with_capacity(queries.len() + negatives.len());
    let mut found = Vec::with_capacity(queries.len());
    let mut top1 = Vec::with_capacity(queries.len());
    let mut top_hit: Vec<Option<(String, f64)>> = Vec::with_capacity(queries.len());
    for (q, ids) in queries.iter().zip(&expected_sets) {
        let t = Instant::now();
        let r = screener.screen_party(&PartyQuery { name: q.query.clone(), ..Default::default() });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        found.push(r.hits.iter().any(|h| ids.contains(h.entry_id.as_str())));
        top1.push(r.hits.first().is_some_and(|h| ids.contains(h.entry_id.as_str())));
        top_hit.push(r.hits.first().map(|h| (h.matched_name.clone(), h.score)));
    }
    let mut alarms: Vec<(usize, String, f64)> = Vec::new();
    for (i, n) in negatives.iter().enumerate() {
        let t = Instant::now();
        let r = screener.screen_party(&PartyQuery { name: n.query.clone(), ..Default::default() });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if let Some(h) = r.hits.first() {
            alarms.push((i, h.matched_name.clone(), h.score));
        }
    }
    let recall = ratio(found.iter().filter(|&&f| f).count(), queries.len());
    let top1_rate = ratio(top1.iter().filter(|&&f| f).count(), queries.len());
    let false_alarms = ratio(alarms.len(), negatives.len());

    // The brute-force baseline on a spread-out sample: the best name over the whole CSL per query.
    let step_q = queries.len().div_ceil(args.baseline.max(1)).max(1);
    let step_n = negatives.len().div_ceil(args.baseline.max(1)).max(1);
    let mut bf_times = Vec::new();
    let mut bf_queries: Vec<(f64, bool)> = Vec::new(); // (best score, best name is on the expected entry)
    for (q, ids) in queries.iter().zip(&expected_sets).step_by(step_q) {
        let t = Instant::now();
        let (s, e) = brute_force(&listed, &q.query);
        bf_times.push(t.elapsed().as_secs_f64() * 1e3);
        let on_expected = entries.get(e).is_some_and(|x| ids.contains(x.id.as_str()));
        bf_queries.push((s, on_expected));
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
    // The baseline's own operating point: the lowest threshold at which at most 1% of clean names raise a hit.
    let bf_best = thresholds().find(|&t| bf_at(t).1 <= TARGET_FALSE_ALARMS).unwrap_or(1.0);
    let (bf_recall, bf_fa) = bf_at(threshold);
    let (bf_recall_best, bf_fa_best) = bf_at(bf_best);
    let (med, p99) = millis(times);
    let (bf_med, bf_p99) = millis(bf_times);
    let speedup = if med > 0.0 { bf_med / med } else { 0.0 };

    // Report.
    let w = |out: &mut String, s: String| out.push_str(&s);
    w(out, "# Name-matching evaluation (issue 4)\n\n".into());
    w(
        out,
        format!(
            "Generated by `scripts/eval/build_eval.py` (seed {}) from `../shared/lists`; screened against the whole \
             CSL ({} entries, {} names, loaded and indexed in {load_ms:.0} ms). Default threshold {threshold:.2}. \
             Baseline: `strsim::jaro_winkler` on lowercased full strings.\n\n",
            manifest.seed, info.entries, info.names
        ),
    );
    if !manifest.notes.is_empty() {
        w(out, "Notes on the evaluation set:\n\n".into());
        for n in &manifest.notes {
            w(out, format!("- {n}\n"));
        }
        w(out, "\n".into());
    }
    w(out, "## Summary against the targets\n\n".into());
    w(out, format!("| measure | export-screen @{threshold:.2} | Jaro-Winkler @{threshold:.2} | Jaro-Winkler @own best | target | met |\n|---|---|---|---|---|---|\n"));
    let met = |ok: bool| if ok { "yes" } else { "**no**" };
    w(
        out,
        format!(
            "| list queries: recall ({} queries; baseline on {}) | **{}** | {} | {} (@{bf_best:.2}) | ≥ {} | {} |\n",
            queries.len(),
            bf_queries.len(),
            pct(recall),
            pct(bf_recall),
            pct(bf_recall_best),
            pct(TARGET_RECALL),
            met(recall >= TARGET_RECALL)
        ),
    );
    w(out, format!("| list queries: expected entry ranked first | {} | | | | |\n", pct(top1_rate)));
    w(
        out,
        format!(
            "| clean names raising a hit ({} SEC names; baseline on {}) | **{}** | {} | {} (@{bf_best:.2}) | ≤ {} | {} |\n",
            negatives.len(),
            bf_negatives.len(),
            pct(false_alarms),
            pct(bf_fa),
            pct(bf_fa_best),
            pct(TARGET_FALSE_ALARMS),
            met(false_alarms <= TARGET_FALSE_ALARMS)
        ),
    );
    w(
        out,
        format!(
            "| labelled pairs: F1 ({} pairs) | **{:.3}** | {:.3} | {:.3} (@{base_best:.2}) | ≥ {TARGET_F1:.2} | {} |\n",
            pairs.len(),
            pair_ours.f1(),
            pair_base.f1(),
            pair_base_best.f1(),
            met(pair_ours.f1() >= TARGET_F1)
        ),
    );
    w(
        out,
        format!(
            "| median / p99 per party (ms, native) | **{med:.3} / {p99:.3}** | brute force {bf_med:.2} / {bf_p99:.2} | \
             | ≥ {TARGET_SPEEDUP:.0}× faster than brute force | {} ({speedup:.0}×) |\n\n",
            met(speedup >= TARGET_SPEEDUP)
        ),
    );
    w(
        out,
        format!(
            "Pairs at each side's best threshold: export-screen F1 {:.3} @{ours_best:.2}, Jaro-Winkler F1 {:.3} \
             @{base_best:.2}.\n\n",
            Prf::of(&ours, &labels, ours_best).f1(),
            pair_base_best.f1()
        ),
    );

    w(out, "## Labelled pairs\n\n| | precision | recall | F1 |\n|---|---|---|---|\n".into());
    w(out, format!("| export-screen @{threshold:.2} | {} |\n", pair_ours.cells()));
    w(out, format!("| Jaro-Winkler @{threshold:.2} | {} |\n", pair_base.cells()));
    w(out, format!("| Jaro-Winkler @{base_best:.2} | {} |\n\n", pair_base_best.cells()));
    w(
        out,
        "By kind:\n\n| kind | pairs | export-screen P / R / F1 | Jaro-Winkler @best P / R / F1 |\n|---|---|---|---|\n"
            .into(),
    );
    let mut kinds: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in pairs.iter().enumerate() {
        kinds.entry(p.kind.as_str()).or_default().push(i);
    }
    for (kind, idx) in &kinds {
        let pick = |v: &[f64]| idx.iter().filter_map(|&i| v.get(i).copied()).collect::<Vec<f64>>();
        let l: Vec<bool> = idx.iter().filter_map(|&i| labels.get(i).copied()).collect();
        w(
            out,
            format!(
                "| {kind} | {} | {} | {} |\n",
                idx.len(),
                Prf::of(&pick(&ours), &l, threshold).cells().replace(" | ", " / "),
                Prf::of(&pick(&base), &l, base_best).cells().replace(" | ", " / ")
            ),
        );
    }
    w(
        out,
        "\nBy transformation (matches: share found; non-matches: share wrongly matched):\n\n| transformation | \
         pairs | label | export-screen | Jaro-Winkler @0.80 | Jaro-Winkler @best |\n|---|---|---|---|---|---|\n"
            .to_string(),
    );
    let mut by_t: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in pairs.iter().enumerate() {
        by_t.entry(p.transform.as_str()).or_default().push(i);
    }
    for (t, idx) in &by_t {
        let positive = idx.first().and_then(|&i| labels.get(i)).copied().unwrap_or(true);
        let share = |v: &[f64], thr: f64| {
            let hit = idx.iter().filter(|&&i| v.get(i).is_some_and(|&s| s >= thr)).count();
            pct(ratio(hit, idx.len()))
        };
        w(
            out,
            format!(
                "| {t} | {} | {} | {} | {} | {} |\n",
                idx.len(),
                if positive { "match" } else { "non-match" },
                share(&ours, threshold),
                share(&base, threshold),
                share(&base, base_best)
            ),
        );
    }

    w(out, "\n## List queries by transformation\n\n| transformation | queries | recall | ranked first |\n|---|---|---|---|\n".into());
    let mut qt: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (i, q) in queries.iter().enumerate() {
        let e = qt.entry(q.transform.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(found.get(i).copied().unwrap_or(false));
        e.2 += usize::from(top1.get(i).copied().unwrap_or(false));
    }
    for (t, (n, f, t1)) in &qt {
        w(out, format!("| {t} | {n} | {} | {} |\n", pct(ratio(*f, *n)), pct(ratio(*t1, *n))));
    }

    // Worst misses: list queries whose entry was not found, lowest score against the expected entry first.
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
    let mut misses: Vec<(f64, usize)> = queries
        .iter()
        .enumerate()
        .filter(|(i, _)| !found.get(*i).copied().unwrap_or(true))
        .map(|(i, q)| (score_expected(q), i))
        .collect();
    misses.sort_by(|a, b| a.0.total_cmp(&b.0));
    w(
        out,
        format!(
            "\n## Worst misses ({} list queries whose entry was not among the hits; first {SHOWN})\n\n| query | \
             expected entry | transformation | score vs expected | top hit |\n|---|---|---|---|---|\n",
            misses.len()
        ),
    );
    for (s, i) in misses.iter().take(SHOWN) {
        if let Some(q) = queries.get(*i) {
            let top = top_hit.get(*i).cloned().flatten().map(|(n, s)| format!("{} ({s:.2})", cell(&n)));
            w(
                out,
                format!(
                    "| {} | {} | {} | {s:.2} | {} |\n",
                    cell(&q.query),
                    cell(&q.expected_name),
                    q.transform,
                    top.unwrap_or_else(|| "none".into())
                ),
            );
        }
    }
    alarms.sort_by(|a, b| b.2.total_cmp(&a.2));
    w(
        out,
        format!(
            "\n## False alarms ({} clean names with a hit; highest score first, first {SHOWN})\n\n| clean name | \
             listed name hit | score |\n|---|---|---|\n",
            alarms.len()
        ),
    );
    for (i, name, s) in alarms.iter().take(SHOWN) {
        let q = negatives.get(*i).map(|n| n.query.as_str()).unwrap_or("");
        w(out, format!("| {} | {} | {s:.2} |\n", cell(q), cell(name)));
    }
    // Every error, one per line, for tuning (`<dir>/errors.tsv`; the report shows only the first few).
    let mut errors = String::from("set\tquery or a\texpected or b\ttransformation\tscore\ttop hit\n");
    for (s, i) in &misses {
        if let Some(q) = queries.get(*i) {
            let top = top_hit.get(*i).cloned().flatten().map(|(n, s)| format!("{n} ({s:.2})")).unwrap_or_default();
            errors.push_str(&format!("miss\t{}\t{}\t{}\t{s:.2}\t{top}\n", q.query, q.expected_name, q.transform));
        }
    }
    for (i, name, s) in &alarms {
        let q = negatives.get(*i).map(|n| n.query.as_str()).unwrap_or("");
        errors.push_str(&format!("alarm\t{q}\t{name}\t\t{s:.2}\t\n"));
    }
    for (i, p) in pairs.iter().enumerate() {
        if labels[i] != (ours[i] >= threshold) {
            let set = if labels[i] { "pair_fn" } else { "pair_fp" };
            errors.push_str(&format!("{set}\t{}\t{}\t{}\t{:.2}\t{}\n", p.a, p.b, p.transform, ours[i], p.kind));
        }
    }
    std::fs::write(dir.join("errors.tsv"), errors).map_err(|e| format!("{}/errors.tsv: {e}", dir.display()))?;
    // Pair errors, for tuning the scorer.
    let mut fns: Vec<usize> = (0..pairs.len()).filter(|&i| labels[i] && ours[i] < threshold).collect();
    fns.sort_by(|&a, &b| ours[a].total_cmp(&ours[b]));
    let mut fps: Vec<usize> = (0..pairs.len()).filter(|&i| !labels[i] && ours[i] >= threshold).collect();
    fps.sort_by(|&a, &b| ours[b].total_cmp(&ours[a]));
    for (title, list) in [("Pairs missed", &fns), ("Pairs wrongly matched", &fps)] {
        w(
            out,
            format!(
                "\n## {title} ({} pairs; first {SHOWN})\n\n| a | b | transformation | export-screen | Jaro-Winkler \
                 |\n|---|---|---|---|---|\n",
                list.len()
            ),
        );
        for &i in list.iter().take(SHOWN) {
            if let Some(p) = pairs.get(i) {
                w(
                    out,
                    format!(
                        "| {} | {} | {} | {:.2} | {:.2} |\n",
                        cell(&p.a),
                        cell(&p.b),
                        p.transform,
                        ours[i],
                        base[i]
                    ),
                );
            }
        }
    }
    Ok(())
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn main() -> ExitCode {
    // `eval --explain A B`: one comparison with its explanation, for looking into an error of the report.
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("--explain") {
        for pair in argv[2..].chunks(2) {
            if let [a, b] = pair {
                let m = match_names(a, b, NameKind::Any);
                println!("{a:?} vs {b:?}: {}", serde_json::to_string_pretty(&m).unwrap_or_default());
            }
        }
        return ExitCode::SUCCESS;
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    let mut report = String::new();
    if let Err(e) = run(&args, &mut report) {
        eprintln!("eval: {e}");
        return ExitCode::FAILURE;
    }
    print!("{report}");
    let path = args.dir.join("report.md");
    if let Err(e) = std::fs::write(&path, &report) {
        eprintln!("eval: {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    eprintln!("eval: report written to {}", path.display());
    ExitCode::SUCCESS
}
