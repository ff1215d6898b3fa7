//! Native load / memory / batch profile over every list the wasm benchmarks load (no criterion: one pass, for
//! profiling with `perf` and for heap figures). Counts live and peak heap bytes with a wrapping allocator.
//!   cargo bench --bench profile [-- --batch-only]
//! Lists come from ../shared/lists at run time; without them it says so and exits.

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

/// The queries of benches/bench-core.mjs.
const QUERIES: &[&str] = &[
    "Hasan Scientific Corp",
    "M/s Pakistan Atomic Energy Comission",
    "Beijing Luoluo Technology Development",
    "Rosoboronexport OAO",
    "Islamic Revolutionary Guard Corps",
    "Huawei Technologies Co Ltd",
    "Siemens Healthineers AG",
    "Jinan Metal Forming Machinery Engineering Co",
    "Muhammad Kamran Wali",
    "Apple Hospitality REIT",
    "Sberbank of Russia",
    "Korea Mining Development Trading Corporation",
    "Mahan Air",
    "Tehnocenter Ltd",
    "Optolink Scientific Production",
    "General Technology Limited",
    "Shenzhen Huiyuan Trading",
    "Acme Widgets Inc",
    "Bank Melli Iran",
    "Al Rashid Trust",
    "Hong Kong Electronics Trading Co",
    "Ivanov Sergei Petrovich",
];

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
        let info = s.load_list(&bytes, &opts).expect("loads");
        drop(bytes);
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
    let batch: Vec<PartyQuery> = (0..10_000)
        .map(|i| PartyQuery {
            name: format!("{}{}", QUERIES[i % QUERIES.len()], if i % 7 == 0 { " Trading" } else { "" }),
            ..Default::default()
        })
        .collect();
    let t = Instant::now();
    let mut hits = 0usize;
    for q in &batch {
        hits += s.screen_party(q).hits.len();
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "batch (full results): {} parties in {:.0} ms = {:.0}/s ({hits} hits)",
        batch.len(),
        el * 1000.0,
        batch.len() as f64 / el
    );
    let t = Instant::now();
    let mut hits = 0usize;
    for q in &batch {
        hits += s.screen_party_brief(q).hits;
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "batch (brief results): {} parties in {:.0} ms = {:.0}/s ({hits} hits)",
        batch.len(),
        el * 1000.0,
        batch.len() as f64 / el
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
        lists.push(export_screen::lists::parse(&bytes, &opts).expect("parses"));
    }
    let entries = LIVE.load(Relaxed) - base;
    println!("parsed entries of every list: {:.1} MiB", entries as f64 / MIB);
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
    let ix = Index::build(refs);
    println!(
        "index over {n} published names ({} indexed): {:.1} MiB",
        ix.len(),
        (LIVE.load(Relaxed) - before) as f64 / MIB
    );
    println!("{}", ix.memory_report());
}
