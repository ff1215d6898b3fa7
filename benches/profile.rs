//! Native load / memory / batch profile over every list the wasm benchmarks load (no criterion: one pass, for
//! profiling with `perf` and for heap figures). Counts live and peak heap bytes with a wrapping allocator.
//!   cargo bench --bench profile [-- --batch-only | --memory [--fields]]
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

/// The files and order of benches/bench-core.mjs.
const FILES: &[&str] = &[
    "bis/dpl_2023-11.txt",
    "un/UN_consolidated_2026-02-27.xml",
    "us_csl/consolidated_2022-04.csv",
    "ofac_sdn/2024-05-03/sdn.csv",
    "uk/ofsi_conlist_2025-04-10.csv",
    "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML",
    "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv",
];

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
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
    let t_all = Instant::now();
    for f in FILES {
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
    for f in FILES {
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
    let mut add = |field: &'static str, s: &String| {
        let f = by.entry(field).or_default();
        f.values += 1;
        f.text += s.len();
        f.held += s.capacity();
        if !f.distinct.contains(s.as_str()) {
            f.distinct.insert(s.clone());
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
                ("programs", &e.programs),
                ("dates_of_birth", &e.dates_of_birth),
                ("nationalities", &e.nationalities),
            ] {
                v.iter().for_each(|c| add(field, c));
                vecs += v.capacity() * 24;
            }
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
                ("license_requirement", &e.license_requirement),
                ("license_policy", &e.license_policy),
                ("federal_register", &e.federal_register),
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
