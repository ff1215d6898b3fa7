//! Native benchmarks (criterion): list load (parse + index) and screening latency per party, against the indexed
//! screener and the brute-force Jaro-Winkler baseline in the same run. Lists come from ../shared/lists at run
//! time; without them the benchmarks that need them are skipped with a message.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use export_screen::{Config, LoadOptions, PartyQuery, Screener};

const CSL: &str = "../shared/lists/us_csl/consolidated_2022-04.csv";

/// The query names shared with benches/bench-core.mjs and benches/profile.rs (names we wrote: listed-looking ones
/// with a typo, a legal form or words in another order, and clean company and person names).
const QUERIES_TXT: &str = include_str!("queries.txt");

fn queries() -> Vec<&'static str> {
    QUERIES_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

fn screener_with_csl() -> Option<(Screener, Vec<u8>)> {
    let bytes = std::fs::read(Path::new(CSL)).ok()?;
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).ok()?;
    s.load_list(&bytes, &LoadOptions { filename: Some("consolidated.csv".into()), ..Default::default() }).ok()?;
    Some((s, bytes))
}

fn bench(c: &mut Criterion) {
    let Some((s, bytes)) = screener_with_csl() else {
        eprintln!("skipping list benchmarks: {CSL} not found or not loadable");
        return;
    };
    eprintln!("CSL: {} names indexed", s.index().len());
    let queries = queries();
    let mut g = c.benchmark_group("csl");
    g.sample_size(10);
    g.bench_function("load (parse + index)", |b| {
        b.iter(|| {
            let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
            s.load_list(
                black_box(&bytes),
                &LoadOptions { filename: Some("consolidated.csv".into()), ..Default::default() },
            )
            .expect("loads")
        })
    });
    g.sample_size(50);
    g.bench_function(format!("screen_party (index), {} queries", queries.len()), |b| {
        b.iter(|| {
            for q in &queries {
                black_box(s.screen_party(&PartyQuery { name: (*q).into(), ..Default::default() }));
            }
        })
    });
    g.sample_size(10);
    g.bench_function(format!("brute-force Jaro-Winkler, {} queries", queries.len()), |b| {
        b.iter(|| {
            for q in &queries {
                black_box(s.brute_force(q));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
