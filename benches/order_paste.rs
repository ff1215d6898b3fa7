//! The cost of one large pasted order (issue 14: a 1 MiB paste finishes in ≤ 2 s in wasm), natively, by stage: the
//! parser alone, then the whole `screen_order` (parser, parties, rules, the safety net, checks). Two texts of the
//! configured limit (`Config::max_order_bytes`): the tuning order cases of `tests/cases/orders/` one after another,
//! and a line of junk repeated. With `--lists`, every list of benches/profile.rs is loaded from ../shared/lists
//! first (the safety net then has real seeds); without, the demo list. One pass each, for `perf` and callgrind:
//!   cargo bench --bench order_paste [-- --lists] [-- --only cases|junk]
//! Also prints the median time of one typical order (each tuning case screened alone).

use std::path::Path;
use std::time::{Duration, Instant};

/// CPU time of this thread (Linux: `/proc/thread-self/schedstat`), so that other processes on a shared machine do
/// not count; wall-clock time elsewhere.
struct Clock(Option<Duration>, Instant);

impl Clock {
    fn cpu() -> Option<Duration> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
    }
    fn start() -> Clock {
        Clock(Clock::cpu(), Instant::now())
    }
    fn elapsed(&self) -> Duration {
        match (self.0, Clock::cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => self.1.elapsed(),
        }
    }
}

use export_screen::{Config, LoadOptions, OrderInput, Screener};

#[path = "shared/lists.rs"]
mod bench_lists;
use bench_lists::files;

/// The `text` of every tuning case.
fn case_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/orders");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/cases/orders").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(s) = std::fs::read_to_string(&f) else { continue };
        let Ok(v) = s.parse::<toml::Table>() else { continue };
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            out.push(t.to_string());
        }
    }
    out
}

fn fill(parts: &[String], max: usize) -> String {
    let mut t = String::with_capacity(max);
    if parts.is_empty() {
        return t;
    }
    'outer: loop {
        for p in parts {
            if t.len() + p.len() + 2 > max {
                break 'outer;
            }
            t.push_str(p);
            t.push_str("\n\n");
        }
    }
    t
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let with_lists = args.iter().any(|a| a == "--lists");
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let mut s = Screener::new(Config { demo_list: !with_lists, ..Config::default() }).expect("screener");
    if with_lists {
        let root = Path::new("../shared/lists");
        if !root.exists() {
            eprintln!("skipping: ../shared/lists not found");
            return;
        }
        for f in files() {
            let Ok(bytes) = std::fs::read(root.join(f)) else { continue };
            let opts = LoadOptions { filename: f.rsplit('/').next().map(String::from), ..Default::default() };
            s.load_list_owned(bytes, &opts).expect("loads");
        }
        println!("lists loaded: {} names", s.index().len());
    }
    let max = Config::default().max_order_bytes;
    let cases = case_texts();
    let junk = "Buyer: ;;; Käufer\tx|y|z, 0.5 deg/h via via Dubai 9014.20.00 (((M/s))) end user: N/A \u{fffd}\n";
    let texts = [("cases", fill(&cases, max)), ("junk", fill(&[junk.to_string()], max))];
    for (name, text) in &texts {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        let t = Clock::start();
        let order = export_screen::order::parse(text);
        let parse = t.elapsed();
        let t = Clock::start();
        let r = s.screen_order(&OrderInput::Text(text.clone())).expect("screened");
        let all = t.elapsed();
        println!(
            "{name} ({} bytes): parse {:.0} ms ({} parties, {} items); screen_order {:.0} ms ({} parties, {} flags)",
            text.len(),
            parse.as_secs_f64() * 1000.0,
            order.parties.len(),
            order.items.len(),
            all.as_secs_f64() * 1000.0,
            r.parties.len(),
            r.flags.len()
        );
    }
    if only.is_none() {
        let mut times: Vec<f64> = cases
            .iter()
            .map(|c| {
                let t = Clock::start();
                let _ = s.screen_order(&OrderInput::Text(c.clone()));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let med = times.get(times.len() / 2).copied().unwrap_or_default();
        let max = times.last().copied().unwrap_or_default();
        println!("one order ({} tuning cases): median {med:.2} ms, slowest {max:.2} ms", times.len());
    }
}
