//! The 7 benchmark list files of `../shared/lists`, in the order benches/bench-core.mjs loads them; shared by the
//! Rust benches and tests/load_same.rs through `#[path]`.

/// Paths under `../shared/lists`.
pub const FILES: &[&str] = &[
    "bis/dpl_2023-11.txt",
    "un/UN_consolidated_2026-02-27.xml",
    "us_csl/consolidated_2022-04.csv",
    "ofac_sdn/2024-05-03/sdn.csv",
    "uk/ofsi_conlist_2025-04-10.csv",
    "ofac_consolidated/2025-01-10/CONS_ENHANCED.XML",
    "opensanctions/ua_war_sanctions_targets.simple_2026-03-13.csv",
];
