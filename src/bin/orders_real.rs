//! The order cases screened with the real lists loaded (native only; not part of the page): the cases of
//! `tests/cases/orders/` numbered in a range, screened with `screen_order` by one `Screener` holding the list files
//! that `scripts/eval/build_prose.py` names in its manifest (the demo list too, as the order tests load it). Prints
//! how many verdicts are right and, for each wrong one, what was expected and got and the hits of every party.
//! Nothing is written: the lists stay in `../shared/lists`.
//!
//! Usage: `cargo run --release --bin orders_real -- [FROM-TO (default 800-859)] [--prose DIR] [--lists DIR]`

use std::path::PathBuf;
use std::process::ExitCode;

use export_screen::{Config, LoadOptions, OrderInput, Screener};
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    lists_dir: String,
    load: Vec<String>,
}

#[derive(Deserialize)]
struct Case {
    text: Option<String>,
    verdict: String,
    #[serde(default)]
    pending: Option<String>,
}

fn run() -> Result<(), String> {
    let (mut range, mut prose, mut lists) = ((800u32, 859u32), PathBuf::from("target/prose"), None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--prose" => prose = PathBuf::from(it.next().ok_or("--prose needs a folder")?),
            "--lists" => lists = Some(PathBuf::from(it.next().ok_or("--lists needs a folder")?)),
            r => {
                let (a, b) = r.split_once('-').ok_or("usage: orders_real [FROM-TO] [--prose DIR] [--lists DIR]")?;
                range = (a.parse().map_err(|_| "bad range")?, b.parse().map_err(|_| "bad range")?);
            }
        }
    }
    let m: Manifest = serde_json::from_str(
        &std::fs::read_to_string(prose.join("manifest.json"))
            .map_err(|e| format!("{e} (run python3 scripts/eval/build_prose.py first)"))?,
    )
    .map_err(|e| e.to_string())?;
    let lists = lists.unwrap_or_else(|| PathBuf::from(&m.lists_dir));
    let mut s = Screener::new(Config::default()).map_err(|e| e.to_string())?;
    for rel in &m.load {
        let bytes = std::fs::read(lists.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        let opts = LoadOptions { filename: rel.rsplit('/').next().map(String::from), ..Default::default() };
        s.load_list_owned(bytes, &opts).map_err(|e| format!("{rel}: {e}"))?;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/cases/orders")
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let num: Option<u32> = n.split('-').next().and_then(|d| d.parse().ok());
            num.is_some_and(|n| n >= range.0 && n <= range.1) && n.ends_with(".toml")
        })
        .collect();
    files.sort();
    let (mut right, mut all) = (0, 0);
    for f in &files {
        let case: Case = toml::from_str(&std::fs::read_to_string(f).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", f.display()))?;
        let Some(text) = case.text else { continue };
        let r = s.screen_order(&OrderInput::Text(text)).map_err(|e| e.to_string())?;
        let got = serde_json::to_value(r.verdict).map_err(|e| e.to_string())?;
        let got = got.as_str().unwrap_or_default().to_string();
        all += 1;
        let ok = got == case.verdict;
        right += usize::from(ok);
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        println!(
            "{} {name}: expected {}, got {got}{}",
            if ok { "ok  " } else { "WRONG" },
            case.verdict,
            if case.pending.is_some() { " (pending)" } else { "" }
        );
        for p in &r.parties {
            for h in &p.hits {
                println!("      {} {:?} ~ {} [{}] {:.2}", p.role, p.name, h.name, h.list_id, h.score);
            }
        }
    }
    println!("{}-{} with the real lists: verdict right {right} of {all}", range.0, range.1);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("orders_real: {e}");
            ExitCode::FAILURE
        }
    }
}
