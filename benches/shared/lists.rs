//! The real list files of `../shared/lists` the benchmarks and reports load (benches/shared/lists.txt, the one
//! committed copy of that list, also read by benches/bench-core.mjs and scripts/eval/common.py); shared by the Rust
//! benches, tests/load_same.rs and tests/orders.rs through `#[path]`.

/// Paths under `../shared/lists`, in the order of benches/shared/lists.txt.
pub fn files() -> Vec<&'static str> {
    include_str!("lists.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or(l).trim())
        .collect()
}
