//! Native load / memory / batch profile over every list the wasm benchmarks load (no criterion: one pass, for
//! profiling with `perf` and for heap figures). Counts live and peak heap bytes with a wrapping allocator.
//!   cargo bench --bench profile [-- --batch-only | --memory [--fields] | --load-only [--repeat N] [--only TEXT]]
//! `--normalize` times normalising every name variant of the CSL alone and through one memo, in turns (a ratio in one
//! process, for a noisy machine).
//! `--timeline` loads the lists into one screener as the wasm API does and prints live and peak heap after each.
//! `--norm-digest` prints a digest of every list name's normalised form (to compare two builds' answers).
//! `--screen-digest` prints a digest of every full and brief result of screening the benchmark names, the SEC names
//! and the evaluation's list queries and customers (`target/eval`, when built) against all lists, with and without
//! a country, at the default threshold and at 0.6 (to show that a change to the screener's speed changed no answer);
//! `--dump FILE` writes every result there too, one JSON line each (to find the ones that differ).
//! `--load-only` loads the lists (those whose path contains TEXT) N times into fresh screeners and stops: the load
//! path alone, for `perf record`; it prints the best time of the N loads of each file.
//! Lists come from ../shared/lists at run time; without them it says so and exits. The batch runs two workloads, as
//! benches/bench-core.mjs does: the names of benches/queries.txt cycled to 10,000 (listed-heavy), and the first
//! 10,000 company names of the SEC company-tickers file (a customer master; skipped with a message when absent).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use export_screen::{Config, LoadOptions, PartyQuery, Screener};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[path = "shared/lists.rs"]
mod bench_lists;
use bench_lists::files;

/// The query names shared with benches/bench-core.mjs and benches/screening.rs.
const QUERIES_TXT: &str = include_str!("queries.txt");

/// The customer-file workload, under ../shared/lists (read at run time, never committed).
const SEC_FILE: &str = "companies/sec_company_tickers_exchange_2025-08.json";
const BATCH: usize = 10_000;

fn queries() -> Vec<&'static str> {
    QUERIES_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The first BATCH names of the SEC file ({fields, data: [[cik, name, ticker, exchange], ...]}), or None.
fn sec_names(root: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(root.join(SEC_FILE)).ok()?;
    let j: serde_json::Value = serde_json::from_str(&text).ok()?;
    let col = j["fields"].as_array()?.iter().position(|f| f == "name")?;
    Some(j["data"].as_array()?.iter().take(BATCH).filter_map(|r| r[col].as_str().map(String::from)).collect())
}

const MIB: f64 = 1048576.0;

fn main() {
    let root = Path::new("../shared/lists");
    if !root.exists() {
        eprintln!("skipping: ../shared/lists not found");
        return;
    }
    let batch_only = std::env::args().any(|a| a == "--batch-only");
    if std::env::args().any(|a| a == "--memory") {
        memory(root);
        return;
    }
    if std::env::args().any(|a| a == "--timeline") {
        timeline(root);
        return;
    }
    if std::env::args().any(|a| a == "--norm-digest") {
        norm_digest(root);
        return;
    }
    if std::env::args().any(|a| a == "--screen-digest") {
        screen_digest(root);
        return;
    }
    if std::env::args().any(|a| a == "--normalize") {
        normalize_ab(root);
        return;
    }
    if std::env::args().any(|a| a == "--load-only") {
        load_only(root);
        return;
    }
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
    let t_all = Instant::now();
    for f in files() {
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let t = Instant::now();
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        // As the wasm API loads a file: the bytes are freed before indexing.
        let info = s.load_list_owned(bytes, &opts).expect("loads");
        if !batch_only {
            println!(
                "load {f}: {} names in {:.1} ms; live {:.1} MiB, peak {:.1} MiB",
                info.names,
                t.elapsed().as_secs_f64() * 1000.0,
                LIVE.load(Relaxed) as f64 / MIB,
                PEAK.load(Relaxed) as f64 / MIB
            );
        }
    }
    println!("all lists: {} names in {:.1} ms", s.index().len(), t_all.elapsed().as_secs_f64() * 1000.0);
    let qs = queries();
    let listed: Vec<PartyQuery> = (0..BATCH)
        .map(|i| PartyQuery {
            name: format!("{}{}", qs[i % qs.len()], if i % 7 == 0 { " Trading" } else { "" }),
            ..Default::default()
        })
        .collect();
    batch(&s, "listed-heavy", &listed);
    match sec_names(root) {
        Some(names) => {
            let sec: Vec<PartyQuery> =
                names.into_iter().map(|name| PartyQuery { name, ..Default::default() }).collect();
            batch(&s, "SEC company names", &sec);
        }
        None => eprintln!("skipping the SEC batch workload: {} not found", root.join(SEC_FILE).display()),
    }
}

fn arg_after(flag: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1).cloned())
}

/// The load path alone, repeated: each file into a fresh screener, N times; the best time of each.
fn load_only(root: &Path) {
    let repeat: usize = arg_after("--repeat").and_then(|v| v.parse().ok()).unwrap_or(5);
    let only = arg_after("--only").unwrap_or_default();
    for f in files().into_iter().filter(|f| f.contains(only.as_str())) {
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        let mut best = f64::MAX;
        let mut names = 0;
        for _ in 0..repeat {
            let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
            let t = Instant::now();
            names = s.load_list_owned(bytes.clone(), &opts).expect("loads").names;
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!("load {f}: {names} names, best of {repeat} {best:.1} ms");
    }
}

/// Live and peak heap as the wasm API loads the lists into one screener, one after the other (the file's bytes held
/// while it is parsed, then freed before indexing): wasm memory is about the highest peak, with 32-bit pointers.
fn timeline(root: &Path) {
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
    println!(
        "screener: live {:.1} MiB, peak {:.1} MiB",
        LIVE.load(Relaxed) as f64 / MIB,
        PEAK.load(Relaxed) as f64 / MIB
    );
    for f in files() {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        let info = s.load_list_owned(bytes, &opts).expect("loads");
        println!(
            "{f}: {} names; live {:.1} MiB (+{:.1}), peak {:.1} MiB (+{:.1} over the live bytes before, file included)",
            info.names,
            LIVE.load(Relaxed) as f64 / MIB,
            (LIVE.load(Relaxed) - before) as f64 / MIB,
            PEAK.load(Relaxed) as f64 / MIB,
            (PEAK.load(Relaxed) - before) as f64 / MIB
        );
    }
}

/// One workload through the full and the brief screening, one thread.
fn batch(s: &Screener, workload: &str, parties: &[PartyQuery]) {
    let t = Instant::now();
    let mut hits = 0usize;
    for q in parties {
        hits += s.screen_party(q).hits.len();
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "batch {workload} (full results): {} parties in {:.0} ms = {:.0}/s ({hits} hits)",
        parties.len(),
        el * 1000.0,
        parties.len() as f64 / el
    );
    let t = Instant::now();
    let mut hits = 0usize;
    for q in parties {
        hits += s.screen_party_brief(q).hits;
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "batch {workload} (brief results): {} parties in {:.0} ms = {:.0}/s ({hits} hits)",
        parties.len(),
        el * 1000.0,
        parties.len() as f64 / el
    );
}

/// Where the heap goes: parsed entries alone, then the index over their names.
fn memory(root: &Path) {
    use export_screen::index::{Index, NameRef};
    let base = LIVE.load(Relaxed);
    let mut lists = Vec::new();
    for f in files() {
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        let start = LIVE.load(Relaxed);
        PEAK.store(start, Relaxed);
        lists.push(export_screen::lists::parse(&bytes, &opts).expect("parses"));
        println!(
            "parse {f} ({:.1} MiB): entries {:.1} MiB, peak while parsing {:.1} MiB over the file",
            bytes.len() as f64 / MIB,
            (LIVE.load(Relaxed) - start) as f64 / MIB,
            (PEAK.load(Relaxed) - start) as f64 / MIB
        );
    }
    let entries = LIVE.load(Relaxed) - base;
    println!("parsed entries of every list: {:.1} MiB", entries as f64 / MIB);
    if std::env::args().any(|a| a == "--fields") {
        fields(&lists);
    }
    if std::env::args().any(|a| a == "--dups") {
        dups(&lists);
    }
    let before = LIVE.load(Relaxed);
    let mut refs = Vec::new();
    for (li, l) in lists.iter().enumerate() {
        for (ei, e) in l.entries.iter().enumerate() {
            refs.push((NameRef { list: li as u32, entry: ei as u32, alias: None }, e.name.as_str()));
            for (ai, a) in e.aliases.iter().enumerate() {
                refs.push((NameRef { list: li as u32, entry: ei as u32, alias: Some(ai as u32) }, a.name.as_str()));
            }
        }
    }
    let n = refs.len();
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let ix = Index::build(refs);
    println!("index build peak {:.1} MiB over the entries", (PEAK.load(Relaxed) - before) as f64 / MIB);
    println!(
        "index over {n} published names ({} indexed): {:.1} MiB",
        ix.len(),
        (LIVE.load(Relaxed) - before) as f64 / MIB
    );
    println!("{}", ix.memory_report());
}

/// A text field of `Entry`: its text, the heap bytes it holds, and whether entries share one copy.
trait Held {
    fn text(&self) -> &str;
    fn held(&self) -> usize;
    fn shared(&self) -> bool;
}

impl Held for String {
    fn text(&self) -> &str {
        self
    }
    fn held(&self) -> usize {
        self.capacity()
    }
    fn shared(&self) -> bool {
        false
    }
}

impl Held for export_screen::Shared {
    fn text(&self) -> &str {
        self
    }
    fn held(&self) -> usize {
        self.len() + 16
    }
    fn shared(&self) -> bool {
        true
    }
}

/// Per field of `Entry`, over every list: values, text bytes, heap bytes held (capacity) and the text bytes of the
/// distinct values (what sharing repeated values would keep).
fn fields(lists: &[export_screen::ParsedList]) {
    use std::collections::{BTreeMap, HashSet};
    #[derive(Default)]
    struct F {
        values: usize,
        text: usize,
        held: usize,
        distinct: HashSet<String>,
    }
    let mut by: BTreeMap<&str, F> = BTreeMap::new();
    // A `Shared` text holds its bytes once for every entry that carries it: its first sight counts them.
    let mut add = |field: &'static str, s: &dyn Held| {
        let f = by.entry(field).or_default();
        f.values += 1;
        f.text += s.text().len();
        if !f.distinct.contains(s.text()) {
            f.held += s.held();
            f.distinct.insert(s.text().to_string());
        } else if !s.shared() {
            f.held += s.held();
        }
    };
    let mut vecs = 0usize;
    for l in lists {
        vecs += l.entries.capacity() * std::mem::size_of::<export_screen::Entry>();
        for e in &l.entries {
            add("id", &e.id);
            add("name", &e.name);
            add("source", &e.source);
            add("list_code", &e.list_code);
            for a in &e.aliases {
                add("alias", &a.name);
            }
            vecs += e.aliases.capacity() * std::mem::size_of_val(&e.aliases.first());
            for a in &e.addresses {
                add("address", &a.full);
                a.city.iter().for_each(|c| add("address.city", c));
                a.country.iter().for_each(|c| add("address.country", c));
            }
            for (field, v) in [
                ("countries", &e.countries),
                ("dates_of_birth", &e.dates_of_birth),
                ("nationalities", &e.nationalities),
            ] {
                v.iter().for_each(|c| add(field, c));
                vecs += v.capacity() * 24;
            }
            e.programs.iter().for_each(|c| add("programs", c));
            vecs += e.programs.capacity() * 16;
            vecs += e.addresses.capacity() * 72 + e.identifiers.capacity() * 72;
            for i in &e.identifiers {
                add("identifier.kind", &i.kind);
                add("identifier.value", &i.value);
                i.country.iter().for_each(|c| add("identifier.country", c));
            }
            for (field, v) in [
                ("start_date", &e.start_date),
                ("end_date", &e.end_date),
                ("remarks", &e.remarks),
                ("federal_register", &e.federal_register),
            ] {
                v.iter().for_each(|c| add(field, c));
            }
            for (field, v) in [
                ("license_requirement", &e.license_requirement),
                ("license_policy", &e.license_policy),
                ("source_url", &e.source_url),
            ] {
                v.iter().for_each(|c| add(field, c));
            }
        }
    }
    println!(
        "Entry is {} bytes; entry and element arrays (capacity) {:.1} MiB",
        std::mem::size_of::<export_screen::Entry>(),
        vecs as f64 / MIB
    );
    println!("{:<20} {:>8} {:>9} {:>9} {:>9} {:>9}", "field", "values", "text KiB", "held KiB", "distinct", "dist KiB");
    for (k, f) in &by {
        let dist: usize = f.distinct.iter().map(String::len).sum();
        println!(
            "{k:<20} {:>8} {:>9.0} {:>9.0} {:>9} {:>9.0}",
            f.values,
            f.text as f64 / 1024.0,
            f.held as f64 / 1024.0,
            f.distinct.len(),
            dist as f64 / 1024.0
        );
    }
}

/// How often the index's inputs repeat: published names, their variants and the variants' words, per list and over
/// all (what normalising each distinct text once would save).
fn dups(lists: &[export_screen::ParsedList]) {
    use export_screen::normalize::{name_variants, normalize};
    use std::collections::HashSet;
    let (mut all_names, mut all_variants, mut all_tokens) = (HashSet::new(), HashSet::new(), HashSet::new());
    let (mut n_names, mut n_variants, mut n_tokens) = (0usize, 0usize, 0usize);
    for l in lists {
        let (mut names, mut variants, mut tokens) = (HashSet::new(), HashSet::new(), HashSet::new());
        let (mut nn, mut nv, mut nt) = (0usize, 0usize, 0usize);
        for e in &l.entries {
            for name in std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.name)) {
                nn += 1;
                names.insert(name.clone());
                for v in name_variants(name) {
                    nv += 1;
                    for t in normalize(&v).tokens {
                        nt += 1;
                        tokens.insert(t.text.clone());
                        all_tokens.insert(t.text);
                    }
                    variants.insert(v.clone());
                    all_variants.insert(v);
                }
                all_names.insert(name.clone());
            }
        }
        println!(
            "{}: names {nn} ({} distinct), variants {nv} ({} distinct), tokens {nt} ({} distinct)",
            l.format,
            names.len(),
            variants.len(),
            tokens.len()
        );
        (n_names, n_variants, n_tokens) = (n_names + nn, n_variants + nv, n_tokens + nt);
    }
    println!(
        "all: names {n_names} ({} distinct), variants {n_variants} ({} distinct), tokens {n_tokens} ({} distinct)",
        all_names.len(),
        all_variants.len(),
        all_tokens.len()
    );
}

/// Normalising the CSL's name variants one by one, and through one memo (as `Index::extend` does), in turns.
fn normalize_ab(root: &Path) {
    use export_screen::normalize::{name_variants, normalize, normalize_with, Memo};
    let f = "us_csl/consolidated_2022-04.csv";
    let Ok(bytes) = std::fs::read(root.join(f)) else { return };
    let opts = LoadOptions { filename: Some("consolidated_2022-04.csv".into()), ..Default::default() };
    let list = export_screen::lists::parse(&bytes, &opts).expect("parses");
    let variants: Vec<String> = list
        .entries
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.name)))
        .flat_map(|n| name_variants(n))
        .collect();
    let (mut plain, mut memo) = (f64::MAX, f64::MAX);
    for _ in 0..10 {
        let t = Instant::now();
        let a: usize = variants.iter().map(|v| normalize(v).tokens.len()).sum();
        plain = plain.min(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let mut m = Memo::default();
        let b: usize = variants.iter().map(|v| normalize_with(v, &mut m).tokens.len()).sum();
        memo = memo.min(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(a, b);
    }
    println!(
        "normalize {} CSL variants: alone {plain:.1} ms, with a memo {memo:.1} ms (best of 10; {:.2}x)",
        variants.len(),
        plain / memo
    );
}

/// FNV-1a over the debug form of `normalize` of every name variant of every list, and over the index's token ids of
/// every indexed name: equal digests from two builds mean the same normalised names and the same index.
fn norm_digest(root: &Path) {
    use export_screen::normalize::{name_variants, normalize};
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |s: &str| {
        for b in s.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    let mut n = 0usize;
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
    for f in files() {
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        let list = export_screen::lists::parse(&bytes, &opts).expect("parses");
        for e in &list.entries {
            for name in std::iter::once(&e.name).chain(e.aliases.iter().map(|a| &a.name)) {
                for v in name_variants(name) {
                    eat(&format!("{:?}", normalize(&v)));
                    n += 1;
                }
            }
        }
        s.load_list(&bytes, &opts).expect("loads");
    }
    let ix = s.index();
    for id in 0..ix.len() as u32 {
        if let Some(name) = ix.name(id) {
            eat(&format!("{:?}", name));
        }
    }
    println!(
        "digest of {n} normalised variants and {} indexed names: {h:016x}; of the whole index: {:016x}",
        ix.len(),
        ix.digest()
    );
}

/// The query names of an evaluation set (`target/eval/*.jsonl`, one JSON object a line with a "query" field), or
/// none when it is not built.
fn eval_queries(file: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(Path::new("target/eval").join(file)) else {
        eprintln!("skipping target/eval/{file}: not built (python3 scripts/eval/build_eval.py target/eval)");
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["query"].as_str().map(String::from))
        .collect()
}

/// A digest of every result (full and brief, as JSON) of screening several query sets against all lists: two
/// builds that print the same digest gave the same answers.
fn screen_digest(root: &Path) {
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
    for f in files() {
        let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
        let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
        s.load_list_owned(bytes, &opts).expect("loads");
    }
    let qs = queries();
    let mut sets: Vec<(&str, Vec<String>)> = vec![(
        "benchmark names",
        qs.iter().map(|q| q.to_string()).chain(qs.iter().map(|q| format!("{q} Trading"))).collect(),
    )];
    sets.push(("SEC names", sec_names(root).unwrap_or_default()));
    sets.push(("eval list queries", eval_queries("queries.jsonl")));
    sets.push(("eval customers", eval_queries("customers.jsonl")));
    let countries = [None, Some("IR"), Some("CN"), Some("RU"), Some("United States")];
    let mut dump = arg_after("--dump").map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
    for threshold in [export_screen::DEFAULT_THRESHOLD, 0.6] {
        s.set_threshold(threshold).expect("valid threshold");
        let mut all: u64 = 0xcbf29ce484222325;
        for (label, names) in &sets {
            let t = Instant::now();
            let mut h: u64 = 0xcbf29ce484222325;
            let mut eat = |s: &str| {
                for b in s.bytes().chain([0xff]) {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100000001b3);
                }
            };
            let mut hits = 0usize;
            // At 0.6 every fourth name (the slower threshold: more candidates pass).
            let step = if threshold < export_screen::DEFAULT_THRESHOLD { 4 } else { 1 };
            for (i, name) in names.iter().enumerate().step_by(step) {
                let q = PartyQuery {
                    name: name.clone(),
                    country: countries[i % countries.len()].map(String::from),
                    address: (i % 3 == 0).then(|| "12 Main Street, Tehran, Moscow, Shenzhen".to_string()),
                };
                let full = serde_json::to_string(&s.screen_party(&q)).expect("serialises");
                let brief = serde_json::to_string(&s.screen_party_brief(&q)).expect("serialises");
                hits += s.screen_party_brief(&q).hits;
                if let Some(d) = dump.as_mut() {
                    use std::io::Write;
                    writeln!(d, "{threshold} {label} {i} {full}\n{threshold} {label} {i} {brief}").expect("writes");
                }
                eat(&full);
                eat(&brief);
            }
            println!(
                "threshold {threshold}: {label}: {} parties, {hits} hits, digest {h:016x} ({:.1} s)",
                names.len().div_ceil(step),
                t.elapsed().as_secs_f64()
            );
            all = (all ^ h).wrapping_mul(0x100000001b3);
        }
        println!("threshold {threshold}: all: {all:016x}");
    }
}
