//! How well names published in a non-Latin script match the Latin form the same list gives them, per script:
//! UK OFSI "Name Non-Latin Script" against the Latin names of the same Group ID, UN "NAME_ORIGINAL_SCRIPT" against
//! the entry's name and aliases, CN MOFCOM and JP METI non-Latin aliases against the entry's Latin names, and the
//! OpenSanctions PRC counter-sanctions "Chinese name" against its Name and Alias.
//!
//! Each non-Latin name is scored with `match_names` against every Latin name of its entry, and the best score
//! counts (screening compares a query with every name of an entry). The table goes to stderr and to
//! `target/translit_lists.md`. The lists are only beside the project (never committed): without them the test is
//! skipped with a message, except under CI, where their absence fails.
//!
//! Run: `cargo test --release --test translit_lists -- --nocapture`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use export_screen::{match_names, NameKind};

const THRESHOLD: f64 = 0.80;

fn shared_lists() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lists");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared/lists not found, and CI is set: the non-Latin names cannot be checked");
    }
    eprintln!("skipping: ../shared/lists not found");
    None
}

/// The script of a name: the first letter that is neither Latin nor a full-width Latin letter. Kana anywhere makes
/// the name Japanese (its Han characters are kanji).
fn script(s: &str) -> Option<&'static str> {
    if s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}')) {
        return Some("Kana (+kanji)");
    }
    s.chars().filter(|c| c.is_alphabetic()).find_map(|c| {
        Some(match c {
            '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => "Greek",
            '\u{0400}'..='\u{052F}' => "Cyrillic",
            '\u{0530}'..='\u{058F}' => "Armenian",
            '\u{0590}'..='\u{05FF}' => "Hebrew",
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                "Arabic"
            }
            '\u{0900}'..='\u{097F}' => "Devanagari",
            '\u{0E00}'..='\u{0E7F}' => "Thai",
            '\u{10A0}'..='\u{10FF}' | '\u{1C90}'..='\u{1CBF}' => "Georgian",
            '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => "Hangul",
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => {
                "Han"
            }
            '\u{1200}'..='\u{139F}' => "Ethiopic",
            '\u{1000}'..='\u{109F}' => "Myanmar",
            '\u{0000}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF5A}' | '\u{02B0}'..='\u{02FF}' => {
                return None
            }
            _ => "other",
        })
    })
}

/// One entry: its non-Latin names and its Latin names.
#[derive(Default)]
struct Entry {
    non_latin: Vec<String>,
    latin: Vec<String>,
}

impl Entry {
    fn add(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let v = if script(name).is_some() { &mut self.non_latin } else { &mut self.latin };
        if !v.iter().any(|x| x == name) {
            v.push(name.to_string());
        }
    }
}

fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// UK OFSI: rows grouped by Group ID; the Latin name is Name 1..5 then Name 6 (the surname or the entity name).
fn ofsi(dir: &Path) -> Vec<Entry> {
    let text = read(dir, "uk/ofsi_conlist_2025-04-10.csv");
    // The first line is "Last Updated,<date>"; the header follows.
    let body = text.split_once('\n').map(|x| x.1).unwrap_or("");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
    let headers = rdr.headers().expect("OFSI header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("OFSI column {name}"));
    let (non_latin, group) = (col("Name Non-Latin Script"), col("Group ID"));
    let names: Vec<usize> =
        ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"].iter().map(|n| col(n)).collect();
    let mut by_group: BTreeMap<String, Entry> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.expect("OFSI row");
        let e = by_group.entry(rec.get(group).unwrap_or("").to_string()).or_default();
        let latin: Vec<&str> = names.iter().filter_map(|&i| rec.get(i)).filter(|s| !s.trim().is_empty()).collect();
        e.add(&latin.join(" "));
        e.add(rec.get(non_latin).unwrap_or(""));
    }
    by_group.into_values().collect()
}

/// The text of every `<tag>...</tag>` in `block`.
fn tags<'a>(block: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = block;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let Some(j) = rest.find(&close) else { break };
        out.push(&rest[..j]);
        rest = &rest[j..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// UN: each INDIVIDUAL / ENTITY: FIRST..FOURTH_NAME and ALIAS_NAMEs against NAME_ORIGINAL_SCRIPT.
fn un(dir: &Path) -> Vec<Entry> {
    let text = read(dir, "un/UN_consolidated_2026-02-27.xml");
    let mut out = Vec::new();
    for tag in ["INDIVIDUAL", "ENTITY"] {
        for block in tags(&text, tag) {
            let mut e = Entry::default();
            let parts: Vec<String> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
                .iter()
                .flat_map(|t| tags(block, t).into_iter().take(1))
                .map(unescape)
                .collect();
            e.add(&parts.join(" "));
            for a in tags(block, "ALIAS_NAME") {
                e.add(&unescape(a));
            }
            for o in tags(block, "NAME_ORIGINAL_SCRIPT") {
                e.add(&unescape(o));
            }
            out.push(e);
        }
    }
    out
}

/// The derived registry JSON (CN MOFCOM, JP METI): entity_name and aliases.
fn registry(dir: &Path, rel: &str) -> Vec<Entry> {
    let v: serde_json::Value = serde_json::from_str(&read(dir, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut out = Vec::new();
    for item in v.as_array().unwrap_or_else(|| panic!("{rel}: expected an array")) {
        let mut e = Entry::default();
        e.add(item["entity_name"].as_str().unwrap_or(""));
        for a in item["aliases"].as_array().into_iter().flatten() {
            e.add(a.as_str().unwrap_or(""));
        }
        out.push(e);
    }
    out
}

/// OpenSanctions PRC counter-sanctions: "Chinese name" against Name and Alias.
fn cn_sanctions(dir: &Path) -> Vec<Entry> {
    let text = read(dir, "opensanctions/cn_sanctions.csv");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = rdr.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let (name, alias, chinese) = (col("Name"), col("Alias"), col("Chinese name"));
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("row");
        let mut e = Entry::default();
        e.add(rec.get(name).unwrap_or(""));
        for a in rec.get(alias).unwrap_or("").split(';') {
            e.add(a);
        }
        e.add(rec.get(chinese).unwrap_or(""));
        out.push(e);
    }
    out
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    matched: usize,
    score_sum: f64,
}

#[test]
fn non_latin_names_match_their_latin_names() {
    let Some(dir) = shared_lists() else { return };
    let sources: Vec<(&str, Vec<Entry>)> = vec![
        ("UK OFSI", ofsi(&dir)),
        ("UN", un(&dir)),
        ("CN MOFCOM", registry(&dir, "cn/mofcom_entity_lists.json")),
        ("JP METI", registry(&dir, "jp/meti_end_user_list.json")),
        ("OpenSanctions CN", cn_sanctions(&dir)),
    ];
    // TRANSLIT_LISTS_DUMP=<script> prints that script's pairs with their scores (for looking at misses).
    let dump = std::env::var("TRANSLIT_LISTS_DUMP").ok();
    let mut table: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut by_script: BTreeMap<&str, Tally> = BTreeMap::new();
    for (source, entries) in &sources {
        for e in entries.iter().filter(|e| !e.latin.is_empty()) {
            for nl in &e.non_latin {
                let Some(sc) = script(nl) else { continue };
                let (best, best_latin) = e
                    .latin
                    .iter()
                    .map(|l| (match_names(nl, l, NameKind::Any).score, l))
                    .fold((0.0, &e.latin[0]), |a, b| if b.0 > a.0 { b } else { a });
                if dump.as_deref() == Some(sc) {
                    let latin = export_screen::normalize::fold(nl);
                    eprintln!(
                        "{best:.3}\t{source}\t{nl}\t{}\t{best_latin}",
                        latin.split_whitespace().collect::<Vec<_>>().join(" ")
                    );
                }
                for t in [table.entry((source, sc)).or_default(), by_script.entry(sc).or_default()] {
                    t.pairs += 1;
                    t.score_sum += best;
                    if best >= THRESHOLD {
                        t.matched += 1;
                    }
                }
            }
        }
    }
    let mut report = String::from(
        "# Non-Latin names against the same entry's Latin names (best score; share at or above 0.80)\n\n\
         | source | script | pairs | >= 0.80 | share | mean score |\n|---|---|---|---|---|---|\n",
    );
    let row = |r: &mut String, a: &str, b: &str, t: &Tally| {
        let share = 100.0 * t.matched as f64 / t.pairs.max(1) as f64;
        let mean = t.score_sum / t.pairs.max(1) as f64;
        let _ = writeln!(r, "| {a} | {b} | {} | {} | {share:.1}% | {mean:.3} |", t.pairs, t.matched);
    };
    for ((source, sc), t) in &table {
        row(&mut report, source, sc, t);
    }
    for (sc, t) in &by_script {
        row(&mut report, "all", sc, t);
    }
    eprintln!("{report}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/translit_lists.md");
    let _ = std::fs::write(&out, &report);

    // Every source yields pairs (the readers found the columns), and the scripts the lists use most are present.
    for (source, entries) in &sources {
        assert!(entries.iter().any(|e| !e.non_latin.is_empty() && !e.latin.is_empty()), "{source}: no pairs read");
    }
    for sc in ["Cyrillic", "Arabic", "Han", "Georgian", "Hebrew", "Hangul", "Greek"] {
        assert!(by_script.get(sc).is_some_and(|t| t.pairs > 0), "no {sc} pairs read");
    }
}
