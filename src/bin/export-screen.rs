//! Native command line for nightly batch screening, built from the same core as the page.
//!
//! ```text
//! export-screen [--list FILE]... [--no-demo] [--threshold X] parties FILE.csv   # CSV out: one row per party
//! export-screen [--list FILE]... [--no-demo] [--threshold X] order FILE.txt     # JSON report out
//! export-screen [--list FILE]... [--no-demo] lists                              # loaded lists as JSON
//! export-screen --no-demo --list FILE... snapshot DIR     # one .esnap per loaded list + DIR/manifest.json
//! ```
//!
//! `snapshot` is for intranet deployment: run it on a schedule over freshly downloaded official files and copy
//! DIR next to the page as `www/lists/`; the page loads every snapshot the manifest names at start-up.
//!
//! The parties CSV needs a `name` column; `country`, `address` and any other columns (ids from the ERP) are kept.
//! Exit status: 0 when nothing was found, 3 when a party had a hit or an order's verdict was not `clear`,
//! 2 on errors.

use std::io::Write;
use std::process::ExitCode;

use export_screen::{Config, LoadOptions, OrderInput, Screener, Verdict};

const USAGE: &str =
    "usage: export-screen [--list FILE]... [--no-demo] [--threshold X] (parties FILE.csv | order FILE.txt | lists)";

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
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--list" => lists.push(it.next().ok_or("--list needs a file")?),
            "--no-demo" => config.demo_list = false,
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
            Ok(if report.verdict == Verdict::Clear { 0 } else { 3 })
        }
        ["parties", path] => screen_parties(&s, path, &mut out),
        ["snapshot", dir] => write_snapshots(&s, dir),
        _ => Err(USAGE.to_string()),
    }
}

fn screen_parties(s: &Screener, path: &str, out: &mut impl Write) -> Result<u8, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    // The same limits as the page (rows per file, bytes per field), from the screener's config.
    let file = export_screen::batch::parse_parties(&text, s.config()).map_err(|e| format!("{path}: {e}"))?;
    let queries: Vec<_> = file.rows.iter().map(|r| r.query.clone()).collect();
    let results = s.screen_parties(&queries).map_err(|e| format!("{path}: {e}"))?;
    let any = results.iter().any(|r| !r.hits.is_empty());
    let csv = export_screen::batch::results_csv(&file, &results).map_err(|e| e.to_string())?;
    out.write_all(csv.as_bytes()).map_err(|e| e.to_string())?;
    if file.skipped > 0 {
        eprintln!("{path}: {} row(s) without a name were skipped", file.skipped);
    }
    Ok(if any { 3 } else { 0 })
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
            "published": info.published, "sourceSha256": info.sha256, "sourceFiles": info.files, "bytes": bytes.len(),
        }));
    }
    let manifest = serde_json::json!({ "schemaVersion": 1, "generatedUnix": generated, "lists": lists });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(std::path::Path::new(dir).join("manifest.json"), text)
        .map_err(|e| format!("{dir}/manifest.json: {e}"))?;
    Ok(0)
}
