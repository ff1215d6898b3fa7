//! Restricted-party lists: every official format parsed into one model ([`model::Entry`]), locally.
//!
//! [`parse`] decodes the bytes (UTF-8, UTF-16, and Windows-1252 for the formats known to be single-byte), detects
//! the format from the content (the file name is only a hint; [`model::LoadOptions::format`] forces one), runs that
//! format's parser and tidies every entry (names trimmed, aliases and countries de-duplicated, countries as ISO-2).
//! A file either parses whole or fails with an error naming the file, line or element: nothing half-loads, and a
//! file without a single entry is an error. Names are kept as published: splitting compound names and bracketed
//! acronyms is the job of [`crate::normalize`] and [`crate::index`], for every list alike.
//!
//! Formats (machine names as in [`model::ParsedList::format`]): see [`FORMATS`].

use crate::text::case::Case as _;
pub mod model;

use crate::geo as country;
pub mod csl;
pub mod dating;
pub mod demo;
mod derived;
mod detect;
mod dpl;
mod eu;
mod ofac;
mod opensanctions;
mod text;
mod uk;
mod uk_fcdo;
mod un;
mod xml;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::{Error, ErrorKind, Result};
use model::{Entry, LoadOptions, ParsedList};
pub use model::{Shared, SharedTexts};

/// Every format `parse` reads: machine name and what it is.
pub const FORMATS: &[(&str, &str)] = &[
    ("csl-csv", "US Consolidated Screening List (trade.gov), CSV"),
    ("csl-tsv", "US Consolidated Screening List (trade.gov), TSV"),
    ("csl-json", "US Consolidated Screening List (trade.gov), JSON"),
    ("ofac-sdn-csv", "OFAC SDN list, legacy sdn.csv"),
    ("ofac-cons-csv", "OFAC Consolidated (non-SDN) list, legacy cons_prim.csv"),
    ("ofac-add-csv", "OFAC add.csv / cons_add.csv (addresses, adds to sdn.csv / cons_prim.csv)"),
    ("ofac-alt-csv", "OFAC alt.csv / cons_alt.csv (aliases, adds to sdn.csv / cons_prim.csv)"),
    ("ofac-comments-csv", "OFAC sdn_comments.csv / cons_comments.csv (remarks, adds to sdn.csv / cons_prim.csv)"),
    ("ofac-xml", "OFAC SDN.XML / CONSOLIDATED.XML (classic XML)"),
    ("ofac-enhanced-xml", "OFAC SDN_ENHANCED.XML / CONS_ENHANCED.XML"),
    ("bis-dpl", "BIS Denied Persons List, tab-separated dpl.txt"),
    ("un-xml", "UN Security Council Consolidated List XML"),
    ("uk-ofsi-csv", "UK OFSI Consolidated List ConList.csv (2022 format; the list was retired on 28 January 2026)"),
    ("uk-sl-csv", "UK Sanctions List CSV (FCDO)"),
    ("uk-sl-xml", "UK Sanctions List XML (FCDO)"),
    ("eu-fsf-xml", "EU Financial Sanctions Files (FSF) XML"),
    ("eu-fsf-csv", "EU Financial Sanctions Files (FSF) CSV"),
    ("opensanctions-csv", "OpenSanctions targets.simple.csv"),
    ("ftm-json", "OpenSanctions / FollowTheMoney entities (JSON lines)"),
    ("nsfreg-json", "derived JSON {list_id, entities:[…]} (nsfreg)"),
    ("xyna-json", "derived JSON array of {entity_name, list_id, …} (METI End User List, MOFCOM lists)"),
];

/// Parses one list file.
pub fn parse(bytes: &[u8], opts: &LoadOptions) -> Result<ParsedList> {
    let label = opts.filename.clone().unwrap_or_else(|| "list file".to_string());
    parse_inner(bytes, opts).map_err(|e| e.context(&label))
}

/// Formats whose files are, or historically were, single-byte encoded: only these accept non-UTF-8 bytes.
fn single_byte_ok(format: &str, text: &str) -> bool {
    match format {
        "ofac-sdn-csv" | "ofac-cons-csv" | "ofac-add-csv" | "ofac-alt-csv" | "ofac-comments-csv" | "bis-dpl"
        | "uk-ofsi-csv" => true,
        "ofac-xml" | "ofac-enhanced-xml" | "un-xml" | "uk-sl-xml" | "eu-fsf-xml" => {
            // An XML file may declare a single-byte encoding.
            let decl = text.get(..text.len().min(200)).unwrap_or("").to_ascii_lowercase();
            decl.starts_with("<?xml")
                && ["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"].iter().any(|e| decl.contains(e))
        }
        _ => false,
    }
}

fn describe(format: &str) -> &'static str {
    FORMATS.iter().find(|(f, _)| *f == format).map_or("list", |(_, d)| *d)
}

/// Most entries one list file may hold. The largest official lists have about 20,000 entries (OFAC SDN, the CSL);
/// a million entries take about 1.5 GiB of wasm memory once indexed, and a few million exhaust the 4 GiB a
/// WebAssembly instance can address, which would end in a trap instead of an error.
pub const MAX_ENTRIES: usize = 1_000_000;

/// Refuses, before parsing, a file that holds more records than [`MAX_ENTRIES`]: lines for the line-based formats,
/// objects for JSON (parsed into a tree first, so counted before). XML is checked after parsing only: its entries
/// cost far more bytes each.
fn check_record_count(text: &str) -> Result<()> {
    let t = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let (count, what) = if t.starts_with('<') {
        return Ok(());
    } else if t.starts_with('{') || t.starts_with('[') {
        (t.bytes().filter(|&b| b == b'{').count(), "JSON objects")
    } else {
        (t.bytes().filter(|&b| b == b'\n').count(), "lines")
    };
    // Every format spends at least one line or object per entry, plus a header.
    if count > MAX_ENTRIES + 10 {
        return Err(too_many(format!("{count} {what}")));
    }
    Ok(())
}

/// For the XML parsers, which cannot count entries before parsing: an error once a file reaches [`MAX_ENTRIES`].
pub(crate) fn room_for_one_more<T>(entries: &[T]) -> Result<()> {
    if entries.len() >= MAX_ENTRIES {
        return Err(too_many(format!("over {} entries", entries.len())));
    }
    Ok(())
}

fn too_many(what: String) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!(
            "{what}: more than the {MAX_ENTRIES} entries one list file may hold (the largest official lists have about \
             20,000; a file this size would exhaust the page's memory)"
        ),
    )
}

fn parse_inner(bytes: &[u8], opts: &LoadOptions) -> Result<ParsedList> {
    let decoded = text::decode(bytes)?;
    let text: &str = &decoded.text;
    check_record_count(text)?;
    let hint = opts.filename.as_deref();
    let detected = match opts.format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(forced) => forced_format(forced, text, hint)?,
        None => detect::detect(text, hint)?,
    };
    let format = detected.format();
    if decoded.single_byte && !single_byte_ok(format, text) {
        let (pos, byte) = decoded.first_bad.unwrap_or((0, 0));
        return Err(Error::list_format(format!(
            "not UTF-8 text (byte 0x{byte:02X} at line {}): {} files are UTF-8; re-save the file as UTF-8",
            text::line_at(text, pos),
            describe(format)
        )));
    }
    let mut list = match detected {
        detect::Detected::Json(format, value) => parse_json(format, value)?,
        detect::Detected::Format(format) => parse_text(format, text, hint)?,
    };
    finish(&mut list)?;
    Ok(list)
}

/// The format the caller forced: an exact machine name, or a family ("csl", "ofac", "uk", "eu") that detection
/// must confirm.
fn forced_format<'a>(forced: &str, text: &'a str, hint: Option<&str>) -> Result<detect::Detected<'a>> {
    let forced = forced.to_ascii_lowercase();
    if let Some((name, _)) = FORMATS.iter().find(|(f, _)| *f == forced) {
        if name.ends_with("-json") {
            let value = detect::json_value(text)?;
            return Ok(detect::Detected::Json(name, value));
        }
        return Ok(detect::Detected::Format(name));
    }
    let families = ["csl", "ofac", "ofac-csv", "bis", "un", "uk", "eu", "eu-fsf", "opensanctions", "ftm"];
    if !families.contains(&forced.as_str()) {
        let known: Vec<&str> = FORMATS.iter().map(|(f, _)| *f).collect();
        return Err(Error::new(
            ErrorKind::UnknownFormat,
            format!("unknown list format \"{forced}\" (known: {})", known.join(", ")),
        ));
    }
    let detected = detect::detect(text, hint)?;
    let fam_ok = match forced.as_str() {
        "ofac-csv" => detected.format().starts_with("ofac-") && detected.format().ends_with("-csv"),
        "ftm" => detected.format() == "ftm-json" || detected.format() == "opensanctions-csv",
        "opensanctions" => detected.format() == "ftm-json" || detected.format() == "opensanctions-csv",
        f => detected.format().starts_with(f),
    };
    if !fam_ok {
        return Err(Error::new(
            ErrorKind::UnknownFormat,
            format!("the file is not a {forced} list: it looks like {}", describe(detected.format())),
        ));
    }
    Ok(detected)
}

fn parse_text(format: &str, text: &str, hint: Option<&str>) -> Result<ParsedList> {
    match format {
        "csl-csv" => csl::parse_csv(text, b','),
        "csl-tsv" => csl::parse_csv(text, b'\t'),
        "ofac-sdn-csv" => ofac::parse_primary(text, false),
        "ofac-cons-csv" => ofac::parse_primary(text, true),
        "ofac-add-csv" => ofac::parse_add(text),
        "ofac-alt-csv" => ofac::parse_alt(text),
        "ofac-comments-csv" => ofac::parse_comments(text),
        "ofac-xml" | "ofac-enhanced-xml" => ofac::parse_xml(text, hint),
        "bis-dpl" => dpl::parse(text),
        "un-xml" => un::parse(text),
        "uk-ofsi-csv" => uk::parse_ofsi(text),
        "uk-sl-csv" => uk_fcdo::parse_csv(text),
        "uk-sl-xml" => uk_fcdo::parse_xml(text),
        "eu-fsf-xml" => eu::parse_xml(text),
        "eu-fsf-csv" => eu::parse_csv(text),
        "opensanctions-csv" => opensanctions::parse_csv(text),
        "ftm-json" | "csl-json" | "nsfreg-json" | "xyna-json" => parse_json(format, detect::json_value(text)?),
        other => Err(Error::new(ErrorKind::UnknownFormat, format!("unknown list format \"{other}\""))),
    }
}

fn parse_json(format: &str, value: detect::JsonDoc<'_>) -> Result<ParsedList> {
    match format {
        "csl-json" => csl::parse_json(value.into_value()?),
        "ftm-json" => opensanctions::parse_ftm(value),
        "nsfreg-json" => derived::parse_nsfreg(value.into_value()?),
        "xyna-json" => derived::parse_xyna(value.into_value()?),
        other => Err(Error::new(ErrorKind::UnknownFormat, format!("\"{other}\" is not a JSON list format"))),
    }
}

/// Case-insensitive equality of two names, without allocating, reading only as far as their first difference (an
/// entry's names are compared pairwise, and a name may be long).
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || a.chars().flat_map(crate::text::case::lower_char).eq(b.chars().flat_map(crate::text::case::lower_char))
}

/// Most warnings one file reports by entry; the rest are counted in one more.
const MAX_WARNINGS: usize = 20;

/// Cuts every name and alias longer than `max_bytes` (the screener's `max_field_bytes`) at the last word boundary
/// before the limit, notes it in the entry's remarks, and returns one warning per cut name naming the entry (the
/// first [`MAX_WARNINGS`], then a count). The longest published names run to about 500 characters; a longer one is
/// an export error or an attack, and would make indexing and screening slow. Nothing else of the entry changes.
pub fn cut_long_names(list: &mut ParsedList, max_bytes: usize) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut cut = 0usize;
    for e in &mut list.entries {
        let mut notes: Vec<String> = Vec::new();
        // Named only when cut: every load passes every entry through here.
        let names = std::iter::once(&mut e.name).chain(e.aliases.iter_mut().map(|a| &mut a.name));
        for (i, name) in names.enumerate() {
            if name.len() <= max_bytes {
                continue;
            }
            let what = if i == 0 { "the name".to_string() } else { format!("alias {i}") };
            let long = name.len();
            let head = crate::config::cut_at(name, max_bytes);
            // At a space in the last quarter, so that no word is cut in two.
            let head = match head.rfind(char::is_whitespace) {
                Some(i) if i >= max_bytes - max_bytes / 4 => &head[..i],
                _ => head,
            };
            *name = head.trim_end().to_string();
            notes.push(format!("{what} has {long} bytes; its first {} are screened", name.len()));
        }
        if notes.is_empty() {
            continue;
        }
        let note = format!("[export-screen: {}]", notes.join("; "));
        e.remarks = Some(match e.remarks.take().filter(|r| !r.is_empty()) {
            Some(r) => format!("{r} {note}"),
            None => note,
        });
        for n in notes {
            cut += 1;
            if warnings.len() < MAX_WARNINGS {
                warnings.push(format!(
                    "entry {}: {n} (names longer than {max_bytes} bytes are cut: maxFieldBytes)",
                    if e.id.is_empty() { "without an id" } else { e.id.as_str() }
                ));
            }
        }
    }
    if cut > warnings.len() {
        warnings.push(format!("and {} more names cut at {max_bytes} bytes", cut - warnings.len()));
    }
    warnings
}

/// Keeps the first of each group of equal items, in order: pairwise for the short lists entries have (no
/// allocation per comparison), hashed by `key` for long ones so that nothing is quadratic.
fn dedup_with<T, K: Eq + std::hash::Hash>(v: &mut Vec<T>, same: impl Fn(&T, &T) -> bool, key: impl Fn(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    if v.len() <= 32 {
        let mut kept: Vec<T> = Vec::with_capacity(v.len());
        for x in v.drain(..) {
            if !kept.iter().any(|k| same(k, &x)) {
                kept.push(x);
            }
        }
        *v = kept;
    } else {
        let mut seen: HashSet<K> = HashSet::with_capacity_and_hasher(v.len(), Default::default());
        v.retain(|x| seen.insert(key(x)));
    }
}

fn dedup_strings(v: &mut Vec<String>) {
    v.iter_mut().for_each(trim_in_place);
    v.retain(|s| !s.is_empty());
    dedup_with(v, |a, b| a == b, String::clone);
}

/// Tidies one entry: trimmed name, aliases without blanks, duplicates or the primary name, countries as upper-case
/// ISO-2 codes (from the addresses too) without duplicates, other lists de-duplicated.
pub(crate) fn finish_entry(e: &mut Entry) {
    trim_in_place(&mut e.name);
    for a in &mut e.aliases {
        trim_in_place(&mut a.name);
    }
    let name = e.name.as_str();
    e.aliases.retain(|a| !a.name.is_empty() && !same_name(&a.name, name));
    dedup_with(&mut e.aliases, |a, b| same_name(&a.name, &b.name), |a| a.name.to_lower());
    for a in &mut e.addresses {
        trim_in_place(&mut a.full);
        if let Some(c) = &a.country {
            if !(c.len() == 2 && country::is_code(c)) {
                a.country = country::iso2(c).map(str::to_string);
            }
        }
    }
    e.addresses.retain(|a| !a.full.is_empty() || a.country.is_some() || a.city.is_some());
    dedup_with(
        &mut e.addresses,
        |a, b| a.country == b.country && same_name(&a.full, &b.full),
        |a| (a.full.to_lower(), a.country.clone()),
    );
    for c in &mut e.countries {
        trim_in_place(c);
        c.make_ascii_uppercase();
    }
    e.countries.retain(|c| c.len() == 2 && country::is_code(c));
    for a in &e.addresses {
        if let Some(c) = &a.country {
            e.countries.push(c.clone());
        }
    }
    dedup_strings(&mut e.countries);
    e.programs.retain(|p| !p.trim().is_empty());
    for p in &mut e.programs {
        if p.trim().len() != p.len() {
            *p = p.trim().into();
        }
    }
    dedup_with(&mut e.programs, |a, b| a == b, Shared::clone);
    dedup_strings(&mut e.nationalities);
    dedup_strings(&mut e.dates_of_birth);
    e.identifiers.retain(|i| !i.value.trim().is_empty());
    dedup_with(
        &mut e.identifiers,
        |a, b| a.kind == b.kind && a.value == b.value,
        |i| (i.kind.clone(), i.value.clone()),
    );
    for field in [&mut e.remarks, &mut e.start_date, &mut e.end_date, &mut e.federal_register] {
        if field.as_deref().is_some_and(|s| s.trim().is_empty()) {
            *field = None;
        }
    }
    shrink_entry(e);
}

/// Gives back the spare capacity of every vector and string of an entry: a loaded list lives as long as the page,
/// and a vector grown by pushing holds room for at least four elements (wasm memory never shrinks).
fn shrink_entry(e: &mut Entry) {
    for s in [&mut e.id, &mut e.name] {
        s.shrink_to_fit();
    }
    for s in [&mut e.start_date, &mut e.end_date, &mut e.remarks, &mut e.federal_register].into_iter().flatten() {
        s.shrink_to_fit();
    }
    for a in &mut e.aliases {
        a.name.shrink_to_fit();
    }
    for a in &mut e.addresses {
        a.full.shrink_to_fit();
        for s in [&mut a.city, &mut a.country].into_iter().flatten() {
            s.shrink_to_fit();
        }
    }
    e.programs.shrink_to_fit();
    for v in [&mut e.countries, &mut e.dates_of_birth, &mut e.nationalities] {
        v.iter_mut().for_each(String::shrink_to_fit);
        v.shrink_to_fit();
    }
    for i in &mut e.identifiers {
        i.value.shrink_to_fit();
        if let Some(c) = &mut i.country {
            c.shrink_to_fit();
        }
    }
    e.aliases.shrink_to_fit();
    e.addresses.shrink_to_fit();
    e.identifiers.shrink_to_fit();
}

fn trim_in_place(s: &mut String) {
    // Fast path: nearly every value starts and ends with a visible ASCII character.
    let b = s.as_bytes();
    let visible = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_graphic());
    if visible(b.first()) && visible(b.last()) {
        return;
    }
    let t = s.trim();
    if t.len() != s.len() {
        *s = t.to_string();
    }
}

/// Checks the list has entries and tidies every one.
fn finish(list: &mut ParsedList) -> Result<()> {
    if list.entries.is_empty() {
        return Err(Error::list_format(format!("no entries found in this {} file", describe(&list.format))));
    }
    if list.entries.len() > MAX_ENTRIES {
        return Err(too_many(format!("{} entries", list.entries.len())));
    }
    for e in &mut list.entries {
        finish_entry(e);
    }
    list.entries.shrink_to_fit();
    share_texts(&mut list.entries);
    Ok(())
}

/// One copy of each text the entries of a list carry alike ([`Shared`]).
pub(crate) fn share_texts(entries: &mut [Entry]) {
    let mut pool = SharedTexts::default();
    entries.iter_mut().for_each(|e| e.share_texts(&mut pool));
}

/// Merges a supplement file (OFAC `add.csv`, `alt.csv`, `sdn_comments.csv`) into its base list by entry id and
/// returns the number of entries it touched. Used by src/screener.rs: keep this signature.
pub fn merge(base: &mut ParsedList, sup: ParsedList) -> Result<usize> {
    let Some(family) = sup.supplement_for.as_deref() else {
        return Err(Error::invalid("this file is a complete list, not a supplement to another list"));
    };
    if family == "ofac-csv" && !base.format.starts_with("ofac-") {
        return Err(Error::invalid(format!(
            "this file adds to an OFAC list, but the list it would go into is a {} file",
            describe(&base.format)
        )));
    }
    let by_id: HashMap<String, usize> = base.entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let continuation = sup.format == "ofac-comments-csv";
    let total = sup.entries.len();
    let first_id = sup.entries.first().map(|e| e.id.clone()).unwrap_or_default();
    let mut touched: Vec<usize> = Vec::new();
    for s in sup.entries {
        let Some(b) = by_id.get(&s.id).and_then(|&i| base.entries.get_mut(i).map(|b| (i, b))) else { continue };
        let (i, b) = b;
        b.addresses.extend(s.addresses);
        b.aliases.extend(s.aliases);
        b.identifiers.extend(s.identifiers);
        b.countries.extend(s.countries);
        if let Some(r) = s.remarks.filter(|r| !r.is_empty()) {
            b.remarks = Some(match b.remarks.take() {
                // sdn_comments.csv continues the remarks that sdn.csv cut at 1,000 characters, often mid-word.
                Some(old) if continuation => old + &r,
                Some(old) => format!("{old}; {r}"),
                None => r,
            });
        }
        touched.push(i);
    }
    crate::sort::sort(&mut touched);
    touched.dedup();
    if touched.is_empty() {
        return Err(Error::list_format(format!(
            "none of the {total} entry ids in this file (the first is {first_id}) is in the loaded list \"{}\": load \
             the matching main file (sdn.csv or cons_prim.csv) first",
            base.name
        )));
    }
    for &i in &touched {
        if let Some(e) = base.entries.get_mut(i) {
            finish_entry(e);
        }
    }
    share_texts(&mut base.entries);
    Ok(touched.len())
}

#[cfg(test)]
mod tests {
    use super::model::{Address, Alias};
    use super::*;

    #[test]
    fn finish_entry_dedups_aliases_and_countries() {
        let mut e = Entry {
            name: "  EXAMPLE TRADING LLC ".into(),
            aliases: vec![
                Alias { name: "Example Trading LLC".into(), ..Alias::default() },
                Alias { name: " ETL ".into(), ..Alias::default() },
                Alias { name: "etl".into(), ..Alias::default() },
                Alias { name: "".into(), ..Alias::default() },
            ],
            countries: vec!["pk".into(), "PK".into(), "XX".into()],
            addresses: vec![Address {
                full: "1 Main Road, Lahore".into(),
                city: None,
                country: Some("Pakistan".into()),
            }],
            ..Entry::default()
        };
        finish_entry(&mut e);
        assert_eq!(e.name, "EXAMPLE TRADING LLC");
        assert_eq!(e.aliases.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), vec!["ETL"]);
        assert_eq!(e.countries, vec!["PK"]);
        assert_eq!(e.addresses[0].country.as_deref(), Some("PK"));
    }

    #[test]
    fn cut_long_names_cuts_at_a_word_and_says_so() {
        let long = "Example Trading ".repeat(400); // 6,400 bytes
        let mut list = ParsedList {
            entries: vec![
                Entry {
                    id: "e1".into(),
                    name: long.clone(),
                    aliases: vec![
                        Alias { name: "ETL".into(), ..Alias::default() },
                        Alias { name: "x".repeat(5000), ..Alias::default() },
                    ],
                    remarks: Some("As published.".into()),
                    ..Entry::default()
                },
                Entry { id: "e2".into(), name: "Short Name".into(), ..Entry::default() },
            ],
            ..ParsedList::default()
        };
        let w = cut_long_names(&mut list, 4096);
        let e = &list.entries[0];
        assert!(e.name.len() <= 4096 && e.name.len() > 3000, "{}", e.name.len());
        assert!(e.name.ends_with("Trading"), "cut at a word: {:?}", &e.name[e.name.len() - 20..]);
        assert_eq!(e.aliases[0].name, "ETL");
        assert_eq!(e.aliases[1].name.len(), 4096, "a name without spaces is cut at the limit");
        assert_eq!(w.len(), 2);
        assert!(w[0].starts_with("entry e1: the name has 6400 bytes; its first 40"), "{}", w[0]);
        assert!(w[1].starts_with("entry e1: alias 2 has 5000 bytes; its first 4096 are screened"), "{}", w[1]);
        let remarks = e.remarks.as_deref().unwrap_or("");
        assert!(remarks.starts_with("As published. [export-screen: the name has 6400 bytes"), "{remarks}");
        assert_eq!(list.entries[1].name, "Short Name");
        assert_eq!(list.entries[1].remarks, None);
    }

    #[test]
    fn cut_long_names_counts_past_the_first_warnings() {
        let mut list = ParsedList {
            entries: (0..30)
                .map(|i| Entry { id: format!("e{i}"), name: "y".repeat(100), ..Entry::default() })
                .collect(),
            ..ParsedList::default()
        };
        let w = cut_long_names(&mut list, 50);
        assert_eq!(w.len(), MAX_WARNINGS + 1);
        assert_eq!(w[MAX_WARNINGS], "and 10 more names cut at 50 bytes");
        assert!(list.entries.iter().all(|e| e.name.len() == 50));
    }

    #[test]
    fn same_name_ignores_case_in_any_script() {
        assert!(same_name("Example Trading", "EXAMPLE trading"));
        assert!(same_name("Общество Пример", "ОБЩЕСТВО ПРИМЕР"));
        assert!(!same_name("Example Trading", "Example Tradin"));
        assert!(!same_name("Пример", "Примерь"));
    }

    #[test]
    fn room_for_one_more_stops_at_max_entries() {
        assert!(room_for_one_more(&[(); MAX_ENTRIES - 1]).is_ok());
        let e = room_for_one_more(&[(); MAX_ENTRIES]).expect_err("full");
        assert_eq!(e.kind(), &ErrorKind::TooLarge);
        assert!(e.message().contains("more than the 1000000 entries one list file may hold"), "{}", e.message());
    }

    #[test]
    fn merge_refuses_a_complete_list() {
        let mut base = ParsedList { format: "ofac-sdn-csv".into(), ..ParsedList::default() };
        let e = merge(&mut base, ParsedList::default()).expect_err("not a supplement");
        assert_eq!(e.kind(), &ErrorKind::InvalidInput);
        assert!(e.message().contains("not a supplement"), "{e}");
    }
}
