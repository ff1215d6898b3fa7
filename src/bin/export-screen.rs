//! Native command line for nightly batch screening, built from the same core as the page.
//!
//! ```text
//! export-screen [--list FILE]... [--no-demo] [--threshold X] parties FILE.csv   # CSV out: one row per party
//! export-screen [--list FILE]... [--no-demo] [--threshold X] order FILE.txt     # JSON report out
//! export-screen ... --decisions FILE [--as-of YYYY-MM-DD] [--all-hits] parties FILE.csv
//!                                                # every hit with the reviewer's decision on it
//! export-screen [--list FILE]... [--no-demo] lists                              # loaded lists as JSON
//! export-screen --no-demo --list FILE... snapshot DIR     # one .esnap per loaded list + DIR/manifest.json
//! ```
//!
//! `snapshot` is for intranet deployment: run it on a schedule over freshly downloaded official files and copy
//! DIR next to the page as `www/lists/`; the page loads every snapshot the manifest names at start-up.
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
//! decisions: a hit every false-positive decision sets aside does not count), 2 on errors.

use std::io::Write;
use std::process::ExitCode;

use export_screen::{Config, LoadOptions, OrderInput, Screener, Verdict};

const USAGE: &str = "usage: export-screen [--list FILE]... [--no-demo] [--threshold X] [--decisions FILE [--as-of \
                     YYYY-MM-DD]] [--all-hits] (parties FILE.csv | order FILE.txt | lists)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("export-screen: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<u8, String> {
    let mut config = Config::default();
    let mut lists: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let mut decisions: Option<String> = None;
    let mut as_of: Option<String> = None;
    let mut all_hits = false;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--list" => lists.push(it.next().ok_or("--list needs a file")?),
            "--no-demo" => config.demo_list = false,
            "--decisions" => decisions = Some(it.next().ok_or("--decisions needs a file")?),
            "--as-of" => as_of = Some(it.next().ok_or("--as-of needs a date (YYYY-MM-DD)")?),
            "--all-hits" => all_hits = true,
            "--threshold" => {
                let v = it.next().ok_or("--threshold needs a number")?;
                config.threshold = v.parse().map_err(|_| format!("--threshold: not a number: {v}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            _ => rest.push(a),
        }
    }
    let mut s = Screener::new(config).map_err(|e| e.to_string())?;
    for path in &lists {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned());
        let info =
            s.load_list(&bytes, &LoadOptions { filename: name, ..Default::default() }).map_err(|e| e.to_string())?;
        eprintln!("loaded {} ({}): {} entries, {} names", info.name, info.format, info.entries, info.names);
    }
    if let Some(path) = &decisions {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let list = export_screen::decisions::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
        let day = as_of.clone().unwrap_or_else(today_utc);
        let n = list.len();
        s.set_decisions(list, &day).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("{path}: {n} decision(s), judged on {day}");
    } else if as_of.is_some() {
        return Err("--as-of needs --decisions".into());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match rest.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["lists"] => {
            let json = serde_json::to_string_pretty(&s.lists()).map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(|e| e.to_string())?;
            Ok(0)
        }
        ["order", path] => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let report = s.screen_order(&OrderInput::Text(text)).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(|e| e.to_string())?;
            Ok(if report.verdict_after_decisions == Verdict::Clear { 0 } else { 3 })
        }
        ["parties", path] => screen_parties(&s, path, all_hits, &mut out),
        ["snapshot", dir] => write_snapshots(&s, dir),
        _ => Err(USAGE.to_string()),
    }
}

/// Today's date in UTC (YYYY-MM-DD), from the system clock: the day decisions are judged on by default.
fn today_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, proleptic Gregorian).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
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

/// A Unix time as an ISO 8601 date-time in UTC ("2026-11-18T11:06:40Z"), from the civil-from-days algorithm of
/// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (http://howardhinnant.github.io/date_algorithms.html).
fn iso_time(unix: u64) -> String {
    let (days, secs) = ((unix / 86_400) as i64, unix % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Writes one snapshot per loaded list (the demo list too, unless --no-demo) and a manifest the page reads.
fn write_snapshots(s: &Screener, dir: &str) -> Result<u8, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    let generated =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    let mut lists = Vec::new();
    for info in s.lists() {
        let bytes = s.snapshot(&info.id).map_err(|e| e.to_string())?;
        let file = format!("{}.esnap", info.id);
        std::fs::write(std::path::Path::new(dir).join(&file), &bytes).map_err(|e| format!("{dir}/{file}: {e}"))?;
        eprintln!("wrote {dir}/{file}: {} ({} entries, {} bytes)", info.name, info.entries, bytes.len());
        lists.push(serde_json::json!({
            "file": file, "name": info.name, "format": info.format, "entries": info.entries, "names": info.names,
            "published": info.published, "asOf": info.as_of, "sourceSha256": info.sha256, "sourceFiles": info.files,
            "bytes": bytes.len(),
        }));
    }
    // `generated` is what the page and the element show as "updated on"; `generatedUnix` is kept for older readers.
    let manifest = serde_json::json!({
        "schemaVersion": 1, "generated": iso_time(generated), "generatedUnix": generated, "lists": lists,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(std::path::Path::new(dir).join("manifest.json"), text)
        .map_err(|e| format!("{dir}/manifest.json: {e}"))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::iso_time;

    #[test]
    fn iso_time_gives_utc_dates_across_leap_years_and_centuries() {
        assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_time(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(iso_time(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
