//! The "listed names written into prose" evaluation of issue 14, as a report (native only; not part of the page).
//!
//! `python3 scripts/eval/build_prose.py target/prose` writes texts that put real listed names (CSL, OFAC, UN, UK,
//! EU, OpenSanctions; companies and persons) into ordinary order prose in many forms, each with a clean twin (the
//! same template with a name on no list). This binary loads the list files the manifest names into one
//! `Screener` (without the demo list), screens every text with `screen_order`, and reports:
//! - listed names found: a party of the report carries a hit on the right entry (the hit's entry has the listed
//!   name as its name or an alias);
//! - clean names raising a hit: any party of the clean twin has any hit;
//! - both per template family, with the held-out families apart (nobody tunes on them), per list and per way the
//!   name was written; and the time per text.
//!
//! The report is printed and written to `<dir>/report.md`; the misses of the tuning families go to
//! `<dir>/errors.tsv` (held-out families: counts only). A missing input file is an error (exit code 1).
//!
//! Usage: `cargo run --release --bin eval_orders -- [DIR] [--lists DIR]`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use export_screen::report::Report;
use export_screen::{Config, LoadOptions, OrderInput, Screener};
use serde::Deserialize;

/// Issue 14's targets (40 of 40 listed names found; at most 1 of 40 clean names raising a hit).
const TARGET_FOUND: f64 = 1.0;
const TARGET_FALSE: f64 = 1.0 / 40.0;

#[derive(Deserialize)]
struct Manifest {
    seed: u64,
    lists_dir: String,
    load: Vec<String>,
    heldout_families: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct Row {
    id: String,
    family: String,
    language: String,
    heldout: bool,
    kind: String,
    listed: bool,
    text: String,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    form: Option<String>,
}

struct Args {
    dir: PathBuf,
    lists: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { dir: PathBuf::from("target/prose"), lists: None };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lists" => args.lists = Some(PathBuf::from(it.next().ok_or("--lists needs a folder")?)),
            "-h" | "--help" => return Err("usage: eval_orders [DIR (default target/prose)] [--lists DIR]".into()),
            other if other.starts_with('-') => return Err(format!("unknown option {other:?}")),
            other => args.dir = PathBuf::from(other),
        }
    }
    Ok(args)
}

/// Letters and digits, lower case, words sorted: the comparison of a hit's entry names with the listed name
/// (lists write one person "SURNAME, Given" and "Given SURNAME").
fn fold(s: &str) -> String {
    let mut words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// Does a party of the report carry a hit on the entry that lists `expected`?
fn found(r: &Report, expected: &str) -> bool {
    let want = fold(expected);
    r.parties
        .iter()
        .flat_map(|p| p.hits.iter())
        .any(|h| fold(&h.name) == want || h.aliases.iter().any(|a| fold(a) == want) || fold(&h.matched_name) == want)
}

fn any_hit(r: &Report) -> bool {
    r.parties.iter().any(|p| !p.hits.is_empty())
}

/// Counts of one group: listed texts and how many were found, clean texts and how many raised a hit.
#[derive(Default, Clone, Copy)]
struct Tally {
    listed: usize,
    found: usize,
    clean: usize,
    false_alarms: usize,
}

impl Tally {
    fn add(&mut self, listed: bool, ok: bool) {
        if listed {
            self.listed += 1;
            self.found += usize::from(ok);
        } else {
            self.clean += 1;
            self.false_alarms += usize::from(!ok);
        }
    }
    fn merge(&mut self, o: &Tally) {
        self.listed += o.listed;
        self.found += o.found;
        self.clean += o.clean;
        self.false_alarms += o.false_alarms;
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

fn read_rows(path: &Path) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (run python3 scripts/eval/build_prose.py first)", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1)))
        .collect()
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn run(args: &Args, out: &mut String) -> Result<(), String> {
    let dir = &args.dir;
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json"))
            .map_err(|e| format!("{}: {e} (run python3 scripts/eval/build_prose.py first)", dir.display()))?,
    )
    .map_err(|e| format!("{}/manifest.json: {e}", dir.display()))?;
    let rows = read_rows(&dir.join("prose.jsonl"))?;
    let lists = args.lists.clone().unwrap_or_else(|| PathBuf::from(&manifest.lists_dir));

    let t0 = Instant::now();
    let mut screener = Screener::new(Config { demo_list: false, ..Config::default() }).map_err(|e| e.to_string())?;
    let mut loaded = Vec::new();
    for rel in &manifest.load {
        let path = lists.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let opts = LoadOptions { filename: rel.rsplit('/').next().map(String::from), ..Default::default() };
        let info = screener.load_list_owned(bytes, &opts).map_err(|e| format!("{rel}: {e}"))?;
        loaded.push(format!("{rel} ({} entries)", info.entries));
    }
    let load_s = t0.elapsed().as_secs_f64();

    let mut by_family: BTreeMap<(bool, String, String), Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<(bool, String), Tally> = BTreeMap::new();
    let mut by_form: BTreeMap<(bool, String), Tally> = BTreeMap::new();
    let mut times = Vec::with_capacity(rows.len());
    let mut errors = String::from("id\tfamily\tlisted\texpected\tsource\tparties read\thits\n");
    let mut held_errors = 0usize;
    for row in &rows {
        let t = Instant::now();
        let r = screener.screen_order(&OrderInput::Text(row.text.clone())).map_err(|e| format!("{}: {e}", row.id))?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let ok = if row.listed { found(&r, row.expected.as_deref().unwrap_or_default()) } else { !any_hit(&r) };
        by_family.entry((row.heldout, row.family.clone(), row.language.clone())).or_default().add(row.listed, ok);
        by_kind.entry((row.heldout, row.kind.clone())).or_default().add(row.listed, ok);
        if row.listed {
            by_source.entry(row.source.clone().unwrap_or_default()).or_default().add(true, ok);
            by_form.entry((row.heldout, row.form.clone().unwrap_or_default())).or_default().add(true, ok);
        }
        if !ok {
            if row.heldout {
                held_errors += 1;
            } else {
                let parties: Vec<String> = r.parties.iter().map(|p| format!("{}: {}", p.role, p.name)).collect();
                let hits: Vec<String> = r
                    .parties
                    .iter()
                    .flat_map(|p| p.hits.iter().map(move |h| format!("{} ~ {} ({:.2})", p.name, h.name, h.score)))
                    .collect();
                errors += &format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    row.id,
                    row.family,
                    row.listed,
                    row.expected.as_deref().unwrap_or_default(),
                    row.source.as_deref().unwrap_or_default(),
                    parties.join(" | "),
                    hits.join(" | ")
                );
            }
        }
    }
    times.sort_by(f64::total_cmp);

    let mut tuning = Tally::default();
    let mut held = Tally::default();
    for ((h, _, _), t) in &by_family {
        if *h {
            held.merge(t)
        } else {
            tuning.merge(t)
        }
    }
    let mut all = tuning;
    all.merge(&held);

    out.push_str("## Listed names written into prose (issue 14)\n\n");
    out.push_str(&format!(
        "Generated by `scripts/eval/build_prose.py` (seed {}) from `../shared/lists`; every text screened with \
         `screen_order` against one screener holding {} lists (loaded in {load_s:.1} s, no demo list). A listed \
         name counts as found when a party of the report has a hit on an entry carrying that name; a clean twin \
         counts as a false alarm when any party has any hit.\n\n",
        manifest.seed,
        loaded.len()
    ));
    out.push_str("| set | listed found | clean names raising a hit |\n|---|---:|---:|\n");
    for (label, t) in [("tuning families", &tuning), ("held-out families", &held), ("all", &all)] {
        out.push_str(&format!(
            "| {label} | {}/{} ({}) | {}/{} ({}) |\n",
            t.found,
            t.listed,
            pct(t.found, t.listed),
            t.false_alarms,
            t.clean,
            pct(t.false_alarms, t.clean)
        ));
    }
    let meets = |t: &Tally| {
        t.listed > 0
            && t.found as f64 / t.listed as f64 >= TARGET_FOUND
            && (t.false_alarms as f64) / (t.clean.max(1) as f64) <= TARGET_FALSE
    };
    out.push_str(&format!(
        "\nIssue 14's target (every listed name found, at most 1 in 40 clean names raising a hit): tuning {}, \
         held out {}.\n\n",
        if meets(&tuning) { "met" } else { "not met" },
        if meets(&held) { "met" } else { "not met" }
    ));

    out.push_str("### Per template family\n\n| family | language | held out | listed found | clean raising a hit |\n");
    out.push_str("|---|---|---|---:|---:|\n");
    for ((h, fam, lang), t) in &by_family {
        out.push_str(&format!(
            "| {fam} | {lang} | {} | {}/{} | {}/{} |\n",
            if *h { "yes" } else { "" },
            t.found,
            t.listed,
            t.false_alarms,
            t.clean
        ));
    }
    out.push_str("\n### Per kind of party\n\n| kind | held out | listed found | clean raising a hit |\n");
    out.push_str("|---|---|---:|---:|\n");
    for ((h, kind), t) in &by_kind {
        out.push_str(&format!(
            "| {kind} | {} | {}/{} | {}/{} |\n",
            if *h { "yes" } else { "" },
            t.found,
            t.listed,
            t.false_alarms,
            t.clean
        ));
    }
    out.push_str(
        "\n### Listed names found, per list and per way the name was written\n\n| list | found |\n|---|---:|\n",
    );
    for (src, t) in &by_source {
        out.push_str(&format!("| {src} | {}/{} ({}) |\n", t.found, t.listed, pct(t.found, t.listed)));
    }
    out.push_str("\n| written | held out | found |\n|---|---|---:|\n");
    for ((h, form), t) in &by_form {
        out.push_str(&format!("| {form} | {} | {}/{} |\n", if *h { "yes" } else { "" }, t.found, t.listed));
    }
    out.push_str(&format!(
        "\n### Time per text\n\n{} texts: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms (native, release \
         build if run so; one thread).\n\n",
        times.len(),
        quantile(&times, 0.5),
        quantile(&times, 0.9),
        quantile(&times, 0.99),
        times.last().copied().unwrap_or(0.0)
    ));
    out.push_str(&format!(
        "Misses of the tuning families: `{}/errors.tsv`; the held-out families' {held_errors} misses are counted \
         only.\n\nLists: {}.\n",
        dir.display(),
        loaded.join("; ")
    ));
    for n in &manifest.notes {
        out.push_str(&format!("\n- {n}"));
    }
    out.push_str(&format!("\n- Held-out families: {}.\n", manifest.heldout_families.join(", ")));
    std::fs::write(dir.join("errors.tsv"), errors).map_err(|e| format!("{}/errors.tsv: {e}", dir.display()))?;
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval_orders: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    match run(&args, &mut out) {
        Ok(()) => {
            println!("{out}");
            if let Err(e) = std::fs::write(args.dir.join("report.md"), &out) {
                eprintln!("eval_orders: {}/report.md: {e}", args.dir.display());
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eval_orders: {e}");
            ExitCode::from(1)
        }
    }
}
