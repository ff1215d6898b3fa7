//! Native command line for nightly batch screening, built from the same core as the page.
//!
//! ```text
//! export-screen [--list FILE]... [--no-demo] [--threshold X] parties FILE.csv   # CSV out: one row per party
//! export-screen [--list FILE]... [--no-demo] [--threshold X] order FILE.txt     # JSON report out
//! export-screen ... --decisions FILE [--as-of YYYY-MM-DD] [--all-hits] parties FILE.csv
//!                                                # every hit with the reviewer's decision on it
//! export-screen [--list FILE]... [--no-demo] lists                              # loaded lists as JSON
//! export-screen --no-demo --list FILE... snapshot DIR     # one .esnap per loaded list + DIR/manifest.json
//! export-screen lists update DIR [--sources FILE] [--allow-http] [--timeout SECS] [--max-bytes N]
//!               [--all-or-nothing] [--accept-shrink]     # download the official lists into DIR (see update.rs)
//! ```
//!
//! `lists update` is for intranet deployment: run it from cron with DIR next to the page as `www/lists/`; it
//! downloads every list of the sources file (`data/list-sources.toml`, built in) from its publisher, checks it,
//! and replaces the bundle (snapshots + `manifest.json`) in one step. `snapshot` writes the same bundle from files
//! already downloaded. The page loads every snapshot the manifest names at start-up.
//!
//! The parties CSV needs a `name` column; `country`, `address` and any other columns (ids from the ERP) are kept.
//! `--all-hits` writes one row per hit (not only the best) with the decision on it.
//!
//! `--decisions FILE` applies a reviewer's decisions (a JSON array of decisions, or the decisions log the page
//! exports; see `export_screen::decisions`) to every result, as the page does: hits carry them, the order report
//! gives `verdictAfterDecisions`. They are judged on `--as-of` (default: today's date, UTC): an expired decision
//! applies nowhere.
//!
//! Exit status: 0 when nothing was found, 3 when a party had a hit or an order's verdict was not `clear` (after the
//! decisions: a hit every false-positive decision sets aside does not count), 2 on errors; `lists update`: 0 when
//! every list was updated, 4 when some kept their previous copy, 2 when the bundle was left as it was.

use std::io::Write;
use std::process::ExitCode;

use export_screen::{Config, LoadOptions, OrderInput, Screener, Verdict};

#[path = "export-screen/bundle.rs"]
mod bundle;
#[cfg(not(target_arch = "wasm32"))]
#[path = "export-screen/changes.rs"]
mod changes;
#[cfg(not(target_arch = "wasm32"))]
#[path = "export-screen/http.rs"]
mod http;
#[cfg(not(target_arch = "wasm32"))]
#[path = "export-screen/sources.rs"]
mod sources;
#[cfg(not(target_arch = "wasm32"))]
#[path = "export-screen/update.rs"]
mod update;

const USAGE: &str = "usage: export-screen [--list FILE]... [--no-demo] [--threshold X] [--decisions FILE [--as-of \
                     YYYY-MM-DD]] [--all-hits] (parties FILE.csv | order FILE.txt | lists | snapshot DIR)
       export-screen lists update DIR [--sources FILE] [--allow-http] [--timeout SECS] [--max-bytes N] \
                     [--all-or-nothing] [--accept-shrink]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("export-screen: {e}");
            ExitCode::from(2)
        }
    }
}

/// What the command line asks for.
enum Command {
    Lists,
    Order(String),
    Parties(String),
    Snapshot(String),
    ListsUpdate(String),
}

/// Every flag, whichever command it is for.
#[derive(Default)]
struct Flags {
    config: Config,
    lists: Vec<String>,
    decisions: Option<String>,
    as_of: Option<String>,
    all_hits: bool,
    // lists update
    sources: Option<String>,
    allow_http: bool,
    timeout: Option<u64>,
    max_bytes: Option<u64>,
    all_or_nothing: bool,
    accept_shrink: bool,
}

/// The value after a flag, parsed, or an error naming the flag and what it needs.
fn value<T: std::str::FromStr>(it: &mut impl Iterator<Item = String>, flag: &str, what: &str) -> Result<T, String> {
    let v = it.next().ok_or_else(|| format!("{flag} needs {what}"))?;
    v.parse().map_err(|_| format!("{flag}: not {what}: {v}"))
}

fn parse_args(args: Vec<String>) -> Result<Option<(Flags, Command)>, String> {
    let mut f = Flags::default();
    let mut rest: Vec<String> = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--list" => f.lists.push(value(&mut it, &a, "a file")?),
            "--no-demo" => f.config.demo_list = false,
            "--decisions" => f.decisions = Some(value(&mut it, &a, "a file")?),
            "--as-of" => f.as_of = Some(value(&mut it, &a, "a date (YYYY-MM-DD)")?),
            "--all-hits" => f.all_hits = true,
            "--threshold" => f.config.threshold = value(&mut it, &a, "a number")?,
            "--sources" => f.sources = Some(value(&mut it, &a, "a file")?),
            "--allow-http" => f.allow_http = true,
            "--timeout" => f.timeout = Some(value(&mut it, &a, "a number of seconds")?),
            "--max-bytes" => f.max_bytes = Some(value(&mut it, &a, "a number of bytes")?),
            "--all-or-nothing" => f.all_or_nothing = true,
            "--accept-shrink" => f.accept_shrink = true,
            "-h" | "--help" => return Ok(None),
            _ => rest.push(a),
        }
    }
    let command = match rest.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["lists"] => Command::Lists,
        ["lists", "update", dir] => Command::ListsUpdate(dir.to_string()),
        ["order", path] => Command::Order(path.to_string()),
        ["parties", path] => Command::Parties(path.to_string()),
        ["snapshot", dir] => Command::Snapshot(dir.to_string()),
        _ => return Err(USAGE.to_string()),
    };
    let update_only = f.sources.is_some()
        || f.allow_http
        || f.timeout.is_some()
        || f.max_bytes.is_some()
        || f.all_or_nothing
        || f.accept_shrink;
    if update_only && !matches!(command, Command::ListsUpdate(_)) {
        return Err(
            "--sources, --allow-http, --timeout, --max-bytes, --all-or-nothing and --accept-shrink are for `lists update`".into()
        );
    }
    if f.as_of.is_some() && f.decisions.is_none() {
        return Err("--as-of needs --decisions".into());
    }
    Ok(Some((f, command)))
}

fn run(args: Vec<String>) -> Result<u8, String> {
    let Some((flags, command)) = parse_args(args)? else {
        println!("{USAGE}");
        return Ok(0);
    };
    if let Command::ListsUpdate(dir) = command {
        return lists_update(dir, &flags);
    }
    let s = screener(&flags)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Lists => {
            let json = serde_json::to_string_pretty(&s.lists()).map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Order(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            let report = s.screen_order(&OrderInput::Text(text)).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(|e| e.to_string())?;
            Ok(if report.verdict_after_decisions == Verdict::Clear { 0 } else { 3 })
        }
        Command::Parties(path) => screen_parties(&s, &path, flags.all_hits, &mut out),
        Command::Snapshot(dir) => bundle::write_snapshots(&s, &dir),
        Command::ListsUpdate(_) => unreachable!("handled above"),
    }
}

/// The screener the flags describe: lists loaded, decisions set.
fn screener(f: &Flags) -> Result<Screener, String> {
    let mut s = Screener::new(f.config.clone()).map_err(|e| e.to_string())?;
    for path in &f.lists {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned());
        let info =
            s.load_list(&bytes, &LoadOptions { filename: name, ..Default::default() }).map_err(|e| e.to_string())?;
        eprintln!("loaded {} ({}): {} entries, {} names", info.name, info.format, info.entries, info.names);
    }
    if let Some(path) = &f.decisions {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let list = export_screen::decisions::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
        let day = f.as_of.clone().unwrap_or_else(bundle::today_utc);
        let n = list.len();
        s.set_decisions(list, &day).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("{path}: {n} decision(s), judged on {day}");
    }
    Ok(s)
}

#[cfg(not(target_arch = "wasm32"))]
fn lists_update(dir: String, f: &Flags) -> Result<u8, String> {
    update::run(update::Args {
        dir,
        sources: f.sources.clone(),
        http: http::Options {
            timeout_secs: f.timeout.unwrap_or(600),
            max_bytes: f.max_bytes.unwrap_or(256 << 20),
            allow_http: f.allow_http,
        },
        all_or_nothing: f.all_or_nothing,
        accept_shrink: f.accept_shrink,
    })
}

#[cfg(target_arch = "wasm32")]
fn lists_update(_dir: String, _f: &Flags) -> Result<u8, String> {
    Err("lists update is not available in this build (it needs the network: use the native command)".into())
}

fn screen_parties(s: &Screener, path: &str, all_hits: bool, out: &mut impl Write) -> Result<u8, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    // The same limits as the page (rows per file, bytes per field), from the screener's config.
    let file = export_screen::batch::parse_parties(&text, s.config()).map_err(|e| format!("{path}: {e}"))?;
    let queries: Vec<_> = file.rows.iter().map(|r| r.query.clone()).collect();
    let results = s.screen_parties(&queries).map_err(|e| format!("{path}: {e}"))?;
    let counts = |h: &export_screen::Hit| {
        h.decision.as_ref().is_none_or(|d| d.kind != export_screen::DecisionKind::FalsePositive)
    };
    let any = results.iter().any(|r| r.hits.iter().any(counts));
    let csv = if all_hits {
        export_screen::decisions::hits_csv(&file, &results)
    } else {
        export_screen::batch::results_csv(&file, &results)
    }
    .map_err(|e| e.to_string())?;
    out.write_all(csv.as_bytes()).map_err(|e| e.to_string())?;
    if file.skipped > 0 {
        eprintln!("{path}: {} row(s) without a name were skipped", file.skipped);
    }
    Ok(if any { 3 } else { 0 })
}
