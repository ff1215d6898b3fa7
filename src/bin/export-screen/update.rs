//! `export-screen lists update DIR`: downloads every list the sources file names from its publisher, checks each
//! by loading it with the crate's own parsers, and replaces the bundle in DIR (snapshots + `manifest.json`, the
//! format of [`crate::bundle`]) in one step, saying per list what changed since the previous bundle.
//!
//! How a run ends:
//! - every list downloaded and parsed: the new bundle replaces DIR; exit 0; the summary on stdout only.
//! - some lists failed (HTTP error, time-out, truncated, over the size limit, does not parse, not the expected
//!   format): the others are updated, and each failed list keeps its previous snapshot byte for byte, marked in
//!   the manifest with `error` and the `downloaded` time of the copy kept, so the page and the element say so
//!   next to the list's age. A compliance officer gets the fresh lists that could be had, and is told which one is
//!   stale and since when, rather than every list held back for one publisher's outage. Exit 4, naming each list
//!   and the reason on stderr. With `--all-or-nothing` any failure leaves DIR as it was (exit 2).
//! - nothing could be updated (every list failed, a bad sources file, the lock is held): DIR is untouched; exit 2.
//!
//! The new bundle is built in `.DIR.new` beside DIR and swapped in by two renames (DIR to `.DIR.old`, the new one
//! to DIR), so a reader sees either the whole old bundle or the whole new one; a lock file `.DIR.lock` keeps two
//! runs (two cron jobs, a run by hand) from overlapping.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use export_screen::{Config, LoadOptions, Screener};
use serde_json::{json, Value};

use crate::bundle::{self, iso_time, now_unix};
use crate::changes;
use crate::http;
use crate::sources::{self, Source};

/// Exit status when some lists kept their previous copy.
pub const PARTIAL: u8 = 4;

/// What `lists update` was asked to do.
pub struct Args {
    pub dir: String,
    pub sources: Option<String>,
    pub http: http::Options,
    pub all_or_nothing: bool,
    /// Takes a list that lost more than half its entries since the previous bundle (refused otherwise).
    pub accept_shrink: bool,
}

/// One list's outcome.
enum Outcome {
    Updated { entry: Value, changes: Option<changes::Changes> },
    Failed { reason: String, kept: Option<Value> },
}

pub fn run(args: Args) -> Result<u8, String> {
    let (text, label) = match &args.sources {
        Some(path) => (fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?, path.clone()),
        None => (sources::DEFAULT.to_string(), "built-in data/list-sources.toml".to_string()),
    };
    let sources = sources::parse(&text, &label)?;
    let dir = PathBuf::from(&args.dir);
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{}: not a directory name", args.dir))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let _lock = lock(&parent.join(format!(".{name}.lock")), &args.dir)?;

    check_only_a_bundle(&dir)?;
    let previous = if dir.is_dir() { bundle::read_manifest(&dir)? } else { None };
    let prev_entries = previous_entries(previous.as_ref());
    let prev_generated = previous.as_ref().and_then(|m| m["generated"].as_str()).map(str::to_string);

    let tmp = parent.join(format!(".{name}.new"));
    remove_if_there(&tmp)?;
    fs::create_dir(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let client = http::Client::new(args.http.clone());
    let started = now_unix();

    let mut outcomes = Vec::new();
    for src in &sources {
        let prev = prev_entries.get(src.id.as_str());
        let ctx = Context { client: &client, tmp: &tmp, dir: &dir, started, accept_shrink: args.accept_shrink };
        let outcome = match fetch_one(&ctx, src, prev, prev_generated.as_deref()) {
            Ok(o) => o,
            Err(reason) => Outcome::Failed { kept: keep_previous(&dir, &tmp, prev, &reason, started), reason },
        };
        outcomes.push((src, outcome));
    }

    let failed = outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Failed { .. })).count();
    for (src, o) in &outcomes {
        if let Outcome::Failed { reason, kept } = o {
            eprintln!(
                "export-screen: lists update: {} ({}): {reason}; {}",
                src.id,
                src.name,
                kept_words(kept.as_ref(), started)
            );
        }
    }
    if failed > 0 && (args.all_or_nothing || failed == outcomes.len()) {
        remove_if_there(&tmp)?;
        let why = if args.all_or_nothing { "--all-or-nothing" } else { "no list could be downloaded" };
        return Err(format!("{failed} of {} lists failed ({why}): {} is unchanged", outcomes.len(), args.dir));
    }

    let mut lists = Vec::new();
    for (_, o) in &outcomes {
        match o {
            Outcome::Updated { entry, .. } => lists.push(entry.clone()),
            Outcome::Failed { kept: Some(entry), .. } => lists.push(entry.clone()),
            Outcome::Failed { kept: None, .. } => {}
        }
    }
    bundle::write_manifest(&tmp, started, lists).inspect_err(|_| {
        let _ = fs::remove_dir_all(&tmp);
    })?;
    swap(&tmp, &dir, &parent.join(format!(".{name}.old")))?;

    println!("{}: lists updated on {} UTC", args.dir, iso_time(started).replace('T', " ").trim_end_matches('Z'));
    for (src, o) in &outcomes {
        match o {
            Outcome::Updated { entry, changes } => {
                let what = match changes {
                    None => "first download".to_string(),
                    Some(c) => format!("since the previous bundle: {}", c.summary()),
                };
                println!("  {}: {} entries, {}; {what}", src.id, entry["entries"], as_of_words(entry));
                if let Some(c) = changes {
                    for line in c.lines(20) {
                        println!("{line}");
                    }
                }
            }
            Outcome::Failed { kept, .. } => println!("  {}: FAILED; {}", src.id, kept_words(kept.as_ref(), started)),
        }
    }
    for id in prev_entries.keys().filter(|id| !sources.iter().any(|s| s.id == **id)) {
        println!("  {id}: dropped (no longer in the sources file)");
    }
    Ok(if failed > 0 { PARTIAL } else { 0 })
}

/// Takes the lock beside DIR, or says who holds it. The lock goes when the process ends, however it ends.
fn lock(path: &Path, dir: &str) -> Result<fs::File, String> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            Err(format!("another `lists update` of {dir} is running (it holds {}); nothing done", path.display()))
        }
        Err(fs::TryLockError::Error(e)) => Err(format!("{}: {e}", path.display())),
    }
}

/// DIR is replaced whole, so it may hold nothing but a bundle (`manifest.json` and `.esnap` snapshots): a
/// directory of other files (the page itself, named by mistake) is refused before anything is written.
fn check_only_a_bundle(dir: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let is_file = e.file_type().is_ok_and(|t| t.is_file());
        if !(is_file && (name == bundle::MANIFEST || name.ends_with(".esnap"))) {
            return Err(format!(
                "{}: holds {name}, which is not part of a bundle; lists update replaces the whole directory, so give it \
                 a directory of its own (new, or made by lists update or snapshot)",
                dir.display()
            ));
        }
    }
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<(), String> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}

/// Puts the new bundle in DIR's place: DIR to `old`, `new` to DIR, then `old` away. Should the second rename
/// fail, the first is undone.
fn swap(new: &Path, dir: &Path, old: &Path) -> Result<(), String> {
    remove_if_there(old)?;
    let had = dir.exists();
    if had {
        fs::rename(dir, old).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    if let Err(e) = fs::rename(new, dir) {
        if had {
            let _ = fs::rename(old, dir);
        }
        return Err(format!("{}: {e}", dir.display()));
    }
    if had {
        remove_if_there(old)?;
    }
    Ok(())
}

/// The previous bundle's entries by list id: the `id` `lists update` writes, or for a bundle made by
/// `export-screen snapshot`, the file name without `.esnap`.
fn previous_entries(manifest: Option<&Value>) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for e in manifest.and_then(|m| m["lists"].as_array()).into_iter().flatten() {
        let id = e["id"]
            .as_str()
            .map(str::to_string)
            .or_else(|| e["file"].as_str().and_then(|f| f.strip_suffix(".esnap")).map(str::to_string));
        if let Some(id) = id {
            out.insert(id, e.clone());
        }
    }
    out
}

/// What every list's download shares.
struct Context<'a> {
    client: &'a http::Client,
    tmp: &'a Path,
    dir: &'a Path,
    started: u64,
    accept_shrink: bool,
}

/// Downloads one list (and its supplements), loads it, writes its snapshot into `tmp` and compares it with the
/// previous bundle's copy. A list that lost more than half its entries at once is refused unless
/// `--accept-shrink`: a file cut short at a line or element boundary still parses, and official lists shrink by a
/// few percent at most between two downloads.
fn fetch_one(
    ctx: &Context,
    src: &Source,
    prev: Option<&Value>,
    prev_generated: Option<&str>,
) -> Result<Outcome, String> {
    let (client, tmp, dir, started) = (ctx.client, ctx.tmp, ctx.dir, ctx.started);
    let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).map_err(|e| e.to_string())?;
    for (i, url) in std::iter::once(&src.url).chain(&src.supplements).enumerate() {
        let bytes = client.get(url)?;
        let file = src.file_name(url);
        let opts = LoadOptions {
            filename: Some(file.clone()),
            format: if i == 0 { src.format.clone() } else { None },
            name: if i == 0 { Some(src.name.clone()) } else { None },
            ..Default::default()
        };
        s.load_list(&bytes, &opts).map_err(|e| format!("{url}: does not load: {e}"))?;
    }
    let lists = s.lists();
    let [info] = lists.as_slice() else {
        return Err(format!("the supplements did not merge into {}: {} lists loaded", src.url, lists.len()));
    };
    let before = prev.and_then(|p| p["entries"].as_u64()).unwrap_or(0);
    if !ctx.accept_shrink && (info.entries as u64) * 2 < before {
        return Err(format!(
            "{} entries where the previous bundle had {before}: more than half gone at once looks like a truncated or \
             partial file (--accept-shrink takes it)",
            info.entries
        ));
    }
    let file = format!("{}.esnap", src.id);
    let mut entry = bundle::write_list(&s, info, tmp, &file)?;
    entry["id"] = json!(src.id);
    entry["url"] = json!(src.url);
    entry["downloaded"] = json!(iso_time(started));
    let new_list = read_snapshot(&tmp.join(&file))?;
    let changes = prev.and_then(|p| p["file"].as_str()).and_then(|f| read_snapshot(&dir.join(f)).ok()).map(|old| {
        let c = changes::compare(&old.entries, &new_list.entries);
        entry["changes"] = c.to_json(prev_generated);
        c
    });
    if changes.is_none() {
        entry["changes"] = json!({"first": true});
    }
    Ok(Outcome::Updated { entry, changes })
}

fn read_snapshot(path: &Path) -> Result<export_screen::ParsedList, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    export_screen::snapshot::decode(&bytes).map(|(list, _)| list).map_err(|e| format!("{}: {e}", path.display()))
}

/// Copies the previous snapshot of a failed list into the new bundle, unchanged, and returns its manifest entry
/// marked with the error; None when there is no previous copy (or it cannot be read).
fn keep_previous(dir: &Path, tmp: &Path, prev: Option<&Value>, reason: &str, started: u64) -> Option<Value> {
    let prev = prev?;
    let file = prev["file"].as_str()?;
    let bytes = fs::read(dir.join(file)).ok()?;
    export_screen::snapshot::decode(&bytes).ok()?;
    fs::write(tmp.join(file), &bytes).ok()?;
    let mut entry = prev.clone();
    entry["error"] = json!(reason);
    entry["failedAt"] = json!(iso_time(started));
    if entry.get("sha256").is_none() {
        entry["sha256"] = json!(bundle::sha256_hex(&bytes));
    }
    if let Some(o) = entry.as_object_mut() {
        o.remove("changes");
    }
    Some(entry)
}

/// "as of 2026-02-27 (stated in the file)".
fn as_of_words(entry: &Value) -> String {
    match entry["asOf"]["date"].as_str() {
        Some(d) => format!("as of {d} ({})", entry["asOf"]["basis"].as_str().unwrap_or("unknown")),
        None => "date unknown".into(),
    }
}

/// What happened to a failed list's copy, with its age.
fn kept_words(kept: Option<&Value>, now: u64) -> String {
    let Some(e) = kept else {
        return "no previous copy, so it is not in the bundle".into();
    };
    let age = e["asOf"]["date"].as_str().and_then(|d| bundle::days_since(d, now));
    let age = age.map_or(String::new(), |n| format!(", {n} days old"));
    let when = e["downloaded"].as_str().map_or(String::new(), |d| format!(", downloaded {}", &d[..d.len().min(10)]));
    format!("kept the previous copy ({}{age}{when})", as_of_words(e))
}
