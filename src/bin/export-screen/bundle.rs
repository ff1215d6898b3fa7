//! A deployed bundle of lists: one snapshot per list and `manifest.json`, the files the page (`www/manifest.js`)
//! and the `<export-screen>` element load. `export-screen snapshot DIR` and `export-screen lists update DIR` both
//! write it through this module, so the two make the same format.
//!
//! The manifest: `schemaVersion`, `generated` (ISO date-time, UTC: what the page shows as "updated on"),
//! `generatedUnix`, and `lists`, one object per snapshot with `file`, `name`, `format`, `entries`, `names`,
//! `published`, `asOf`, `sourceSha256`, `sourceFiles`, `bytes` and `sha256` (of the snapshot); `lists update` adds
//! `id`, `url`, `downloaded`, `changes` and, for a list whose download failed and whose previous copy was kept,
//! `error`.

use std::path::Path;

use export_screen::{ListInfo, Screener};
use serde_json::{json, Value};

/// The manifest's file name inside a bundle.
pub const MANIFEST: &str = "manifest.json";

/// Seconds since 1970 by the system clock.
pub fn now_unix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

/// A Unix time as an ISO 8601 date-time in UTC ("2026-11-18T11:06:40Z"), from the civil-from-days algorithm of
/// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (http://howardhinnant.github.io/date_algorithms.html).
pub fn iso_time(unix: u64) -> String {
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

/// Today's date in UTC (YYYY-MM-DD).
pub fn today_utc() -> String {
    iso_time(now_unix())[..10].to_string()
}

/// Whole days from an ISO date (YYYY-MM-DD...) to `unix`, or None when the date cannot be read.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by `lists update`, native only
pub fn days_since(date: &str, unix: u64) -> Option<i64> {
    let (y, m, d) = (date.get(..4)?.parse::<i64>().ok()?, date.get(5..7)?.parse::<i64>().ok()?, date.get(8..10)?);
    let d = d.parse::<i64>().ok()?;
    // Days from civil (the inverse of iso_time's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(unix as i64 / 86_400 - days)
}

/// sha256 of bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use export_screen::text::sha256;
    sha256::hex(&sha256::digest(bytes))
}

/// Writes the snapshot of one loaded list into `dir` as `file` and returns its manifest entry.
pub fn write_list(s: &Screener, info: &ListInfo, dir: &Path, file: &str) -> Result<Value, String> {
    let bytes = s.snapshot(&info.id).map_err(|e| e.to_string())?;
    let path = dir.join(file);
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(json!({
        "file": file, "name": info.name, "format": info.format, "entries": info.entries, "names": info.names,
        "published": info.published, "asOf": info.as_of, "sourceSha256": info.sha256, "sourceFiles": info.files,
        "bytes": bytes.len(), "sha256": sha256_hex(&bytes),
    }))
}

/// Writes `manifest.json` into `dir`: `generated` (what the page and the element show as "updated on") and the
/// lists' entries, in order.
pub fn write_manifest(dir: &Path, generated: u64, lists: Vec<Value>) -> Result<(), String> {
    let manifest = json!({
        "schemaVersion": 1, "generated": iso_time(generated), "generatedUnix": generated, "lists": lists,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    let path = dir.join(MANIFEST);
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a bundle's manifest; None when the directory holds none.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by `lists update`, native only
pub fn read_manifest(dir: &Path) -> Result<Option<Value>, String> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            serde_json::from_str(&text).map(Some).map_err(|e| format!("{}: not a manifest ({e})", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// `export-screen snapshot DIR`: one snapshot per loaded list (the demo list too, unless --no-demo), named by the
/// list's id, and the manifest.
pub fn write_snapshots(s: &Screener, dir: &str) -> Result<u8, String> {
    let path = Path::new(dir);
    std::fs::create_dir_all(path).map_err(|e| format!("{dir}: {e}"))?;
    let mut lists = Vec::new();
    for info in s.lists() {
        let file = format!("{}.esnap", info.id);
        let entry = write_list(s, &info, path, &file)?;
        eprintln!("wrote {dir}/{file}: {} ({} entries, {} bytes)", info.name, info.entries, entry["bytes"]);
        lists.push(entry);
    }
    write_manifest(path, now_unix(), lists)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_time_gives_utc_dates_across_leap_years_and_centuries() {
        assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_time(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(iso_time(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    #[test]
    fn days_since_inverts_iso_time() {
        for t in [0, 951_782_400, 1_795_000_000, 4_107_542_399] {
            assert_eq!(days_since(&iso_time(t), t), Some(0), "{}", iso_time(t));
            assert_eq!(days_since(&iso_time(t), t + 86_400 * 282), Some(282));
        }
        assert_eq!(days_since("2026-02-27", 1_795_000_000), Some(264));
        assert_eq!(days_since("not a date", 0), None);
    }
}
