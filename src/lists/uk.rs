//! UK sanctions lists in CSV: the OFSI Consolidated List `ConList.csv` (2022 format; row 1 `Last Updated,dd/mm/yyyy`,
//! row 2 the header, one row per name variant grouped by `Group ID`; DOMAIN.md §2.5; retired on 28 January 2026, still
//! read for the files people kept) and the row grouping it shares with the FCDO's UK Sanctions List CSV, which
//! replaced it (`uk_fcdo.rs` reads that file and its XML, and cites the format guide). Both files write one row per
//! name (and per address), the entry's other details repeated on each. Every entry is a prohibition. Part of `lists`.

use crate::text::case::Case as _;
use rustc_hash::FxHashMap as HashMap;

use super::model::{
    Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Shared, SharedTexts, Strength,
};
use super::text::{birth_date, csv_error, csv_reader, iso_date, record_line, DateOrder};
use crate::error::{Error, Result};
use crate::geo as country;
use crate::listings::{REF_OFSI, REF_UKSL, REF_UN};
use crate::text::csv;

const OFSI_NAME: &str = "UK OFSI Consolidated List of Financial Sanctions Targets (retired 28 January 2026)";
const OFSI_URL: &str = "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets";

/// Column positions by header name (case-insensitive).
pub(super) struct Cols(HashMap<String, usize>);

impl Cols {
    pub(super) fn new(header: &csv::StringRecord) -> Cols {
        Cols(header.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_lower(), i)).collect())
    }
    fn get(&self, name: &str) -> usize {
        self.0.get(&name.to_lower()).copied().unwrap_or(usize::MAX)
    }
    pub(super) fn has(&self, name: &str) -> bool {
        self.0.contains_key(&name.to_lower())
    }
}

/// Where each field is, looked up once per file.
pub(super) struct Layout {
    id: (usize, &'static str),
    names: [usize; 6],
    alias_type: usize,
    alias_quality: usize,
    non_latin: usize,
    kind: usize,
    address_lines: Vec<usize>,
    postal: usize,
    country: usize,
    nationality: usize,
    dob: usize,
    ids: Vec<(usize, &'static str)>,
    regime: usize,
    listed_on: usize,
    remarks: [usize; 2],
    /// OFSI quotes the UK Sanctions List reference in Other Information.
    ofsi_reference: bool,
}

impl Layout {
    fn ofsi(c: &Cols) -> Layout {
        Layout {
            id: (c.get("Group ID"), "Group ID"),
            names: ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"].map(|n| c.get(n)),
            alias_type: c.get("Alias Type"),
            alias_quality: c.get("Alias Quality"),
            non_latin: c.get("Name Non-Latin Script"),
            kind: c.get("Group Type"),
            address_lines: (1..=6).map(|i| c.get(&format!("Address {i}"))).collect(),
            postal: c.get("Post/Zip Code"),
            country: c.get("Country"),
            nationality: c.get("Nationality"),
            dob: c.get("DOB"),
            ids: vec![(c.get("Passport Number"), "Passport"), (c.get("National Identification Number"), "National ID")],
            regime: c.get("Regime"),
            listed_on: c.get("Listed On"),
            remarks: [c.get("Other Information"), usize::MAX],
            ofsi_reference: true,
        }
    }

    /// The FCDO UK Sanctions List CSV (58 columns; the names are those of the published header).
    pub(super) fn fcdo(c: &Cols) -> Layout {
        Layout {
            id: (c.get("Unique ID"), "Unique ID"),
            names: ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"].map(|n| c.get(n)),
            alias_type: c.get("Name type"),
            alias_quality: c.get("Alias strength"),
            non_latin: c.get("Name non-latin script"),
            kind: if c.has("Designation Type") { c.get("Designation Type") } else { c.get("Type of entity") },
            address_lines: (1..=6).map(|i| c.get(&format!("Address Line {i}"))).collect(),
            postal: c.get("Address Postal Code"),
            country: c.get("Address Country"),
            nationality: c.get("Nationality(/ies)"),
            dob: c.get("D.O.B"),
            ids: vec![
                (c.get("Passport number"), "Passport"),
                (c.get("National Identifier number"), "National ID"),
                (c.get("IMO number"), "IMO"),
                (c.get("Business registration number (s)"), "Registration Number"),
                (c.get("OFSI Group ID"), REF_OFSI),
                (c.get("UN Reference Number"), REF_UN),
            ],
            regime: c.get("Regime Name"),
            listed_on: c.get("Date Designated"),
            remarks: [c.get("Other Information"), c.get("UK Statement of Reasons")],
            ofsi_reference: false,
        }
    }
}

pub(super) fn kind_of(s: &str) -> EntityKind {
    match s.trim().to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "entity" => EntityKind::Organization,
        "ship" | "vessel" => EntityKind::Vessel,
        _ => EntityKind::Unknown,
    }
}

pub(super) fn alias_kind(s: &str) -> Option<AliasKind> {
    let s = s.trim().to_ascii_lowercase();
    if s.contains("variation") {
        Some(AliasKind::Variant)
    } else if s.starts_with("primary") || s.is_empty() {
        None
    } else if s.contains("fka") || s.contains("former") {
        Some(AliasKind::Fka)
    } else {
        Some(AliasKind::Aka)
    }
}

pub(super) fn strength(s: &str) -> Strength {
    let s = s.trim().to_ascii_lowercase();
    if s.starts_with("low") {
        Strength::Weak
    } else if s.starts_with("good") || s.starts_with("high") {
        Strength::Strong
    } else {
        Strength::Unknown
    }
}

/// Given names then surname (`Name 1`..`Name 5`, then `Name 6`).
fn full_name(r: &csv::StringRecord, cols: &[usize; 6]) -> String {
    join_words(cols.iter().map(|&c| r.get(c).unwrap_or("")))
}

/// The non-empty parts, trimmed, joined by single spaces.
pub(super) fn join_words<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in parts.map(str::trim).filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn address(r: &csv::StringRecord, l: &Layout) -> Option<Address> {
    let f = |k: usize| r.get(k).unwrap_or("").trim();
    let country = f(l.country);
    let parts: Vec<&str> =
        l.address_lines.iter().map(|&k| f(k)).chain([f(l.postal), country]).filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    Some(Address {
        full: parts.join(", "),
        city: None,
        country: split_numbered(country).into_iter().find_map(country::iso2).map(str::to_string),
    })
}

/// The UK Sanctions List id quoted in OFSI's Other Information ("(UK Sanctions List Ref):RUS2305. …").
fn uksl_ref(other: &str) -> Option<String> {
    let rest = other.split("(UK Sanctions List Ref):").nth(1)?;
    let id: String = rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (!id.is_empty()).then_some(id)
}

/// The identifiers OFSI writes in Other Information: "(IMO number):7408873" and "(Business Reg No):" followed by
/// free text ("(1) Kazakhstan BIN - 170440031562", "TIN (Taxpayer Identification Number) 9718168599 / SRN (State
/// registration number) 1217700038710"), of which every number of six digits or more is taken.
fn other_ids(other: &str, out: &mut Vec<Identifier>) {
    for (label, kind) in [("(IMO number):", "IMO"), ("(Business Reg No):", "Registration Number")] {
        let Some(rest) = other.split(label).nth(1) else { continue };
        // The field ends where the next "(Label):" starts.
        let field = rest.find("):").and_then(|p| rest.get(..p)).and_then(|f| f.rfind(" (").map(|q| &f[..q]));
        let field = field.unwrap_or(rest);
        let field = if kind == "IMO" { field.split_whitespace().next().unwrap_or("") } else { field };
        for v in field.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            if v.bytes().filter(u8::is_ascii_digit).count() >= 6 && !out.iter().any(|i| i.value == v) {
                out.push(Identifier { kind: kind.into(), value: v.to_string(), country: None });
            }
        }
    }
}

/// How many of the latest values a new one is compared with while rows are read. The files repeat an entry's details
/// on consecutive rows, so this keeps one copy of nearly all of them; `finish_entry` removes the rest. A full search
/// would make an entry with thousands of names or addresses cost quadratic time.
pub(super) const RECENT: usize = 16;

/// Whether one of the latest [`RECENT`] values is `same`.
pub(super) fn seen_recently<T>(v: &[T], same: &dyn Fn(&T) -> bool) -> bool {
    v.iter().rev().take(RECENT).any(same)
}

/// Pushes a value unless one of the latest is equal (exact comparison: `finish_entry` does the rest).
pub(super) fn push_new<T: AsRef<str> + for<'a> From<&'a str>>(v: &mut Vec<T>, s: &str) {
    if !seen_recently(v, &|x| x.as_ref() == s) {
        v.push(s.into());
    }
}

/// Builds entries from rows, grouped by id in the order groups first appear.
pub(super) struct Groups {
    by_id: HashMap<String, usize>,
    entries: Vec<Entry>,
    /// The texts every entry or many carry alike (sub-list, code, web page, regimes, identifier kinds), one copy
    /// each from the first row on: `lists::finish` would share them too, but only after the whole file is parsed,
    /// while the file (15 MB for OFSI) is in memory and sets wasm memory's high-water mark.
    pool: SharedTexts,
    source: Shared,
    code: Shared,
    url: Shared,
}

impl Groups {
    pub(super) fn new(source: &'static str, url: &'static str) -> Groups {
        let (source, code, url) = (source.into(), "UK".into(), url.into());
        Groups { by_id: HashMap::default(), entries: Vec::new(), pool: SharedTexts::default(), source, code, url }
    }

    fn add(&mut self, r: &csv::StringRecord, l: &Layout, line: impl Fn() -> u64) -> Result<()> {
        let f = |k: usize| r.get(k).unwrap_or("").trim();
        let id = f(l.id.0);
        if id.is_empty() {
            return Err(Error::list_format(format!("line {}: empty {}", line(), l.id.1)));
        }
        // A row without a Latin name (only a non-Latin one, or only an address) still adds its details; an entry
        // with no name on any row is refused by `finish`.
        let name = full_name(r, &l.names);
        let kind = kind_of(f(l.kind));
        let i = match self.by_id.get(id) {
            Some(&i) => i,
            None => {
                self.entries.push(Entry {
                    id: id.to_string(),
                    kind,
                    source: self.source.clone(),
                    list_code: self.code.clone(),
                    effect: Effect::Prohibition,
                    source_url: Some(self.url.clone()),
                    ..Entry::default()
                });
                self.by_id.insert(id.to_string(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        let pool = &mut self.pool;
        let Some(e) = self.entries.get_mut(i) else { return Ok(()) };
        if e.kind == EntityKind::Unknown {
            e.kind = kind;
        }
        let strength = strength(f(l.alias_quality));
        // Every row of a group repeats the group's details (addresses, nationality, ids, regime, …): a value already
        // there is not stored again. `finish_entry` would drop the copies anyway (it keeps the first of equal
        // values), but a file of 15 MB holds them all until then.
        let has_alias = |e: &Entry, n: &str| seen_recently(&e.aliases, &|a| a.name == n);
        match alias_kind(f(l.alias_type)) {
            // The FCDO file repeats the primary name on a row per address.
            _ if name.is_empty() || e.name == name || has_alias(e, &name) => {}
            None if e.name.is_empty() => e.name = name,
            None => e.aliases.push(Alias { name, kind: AliasKind::Aka, strength }),
            Some(kind) => e.aliases.push(Alias { name, kind, strength }),
        }
        for nl in f(l.non_latin).split('|').map(str::trim).filter(|s| !s.is_empty()) {
            if !has_alias(e, nl) {
                e.aliases.push(Alias { name: nl.to_string(), kind: AliasKind::Aka, strength: Strength::Unknown });
            }
        }
        if let Some(a) = address(r, l).filter(|a| !seen_recently(&e.addresses, &|b| b == a)) {
            e.addresses.push(a);
        }
        for n in f(l.nationality).split('|').flat_map(split_numbered) {
            if let Some(c) = country::iso2(n) {
                push_new(&mut e.countries, c);
            }
            push_new(&mut e.nationalities, n);
        }
        for d in f(l.dob).split('|').flat_map(split_numbered) {
            if let Some(d) = uk_birth_date(d).filter(|d| !seen_recently(&e.dates_of_birth, &|b| b == d)) {
                e.dates_of_birth.push(d);
            }
        }
        for &(c, kind) in &l.ids {
            for v in f(c).split('|').flat_map(split_numbered) {
                if !seen_recently(&e.identifiers, &|i| i.kind == kind && i.value == v && i.country.is_none()) {
                    e.identifiers.push(Identifier { kind: pool.get(kind), value: v.to_string(), country: None });
                }
            }
        }
        let regime = f(l.regime);
        if !regime.is_empty() && !seen_recently(&e.programs, &|p| *p == regime) {
            e.programs.push(pool.get(regime));
        }
        if e.start_date.is_none() {
            e.start_date = iso_date(f(l.listed_on), DateOrder::DayFirst);
        }
        if e.remarks.is_none() {
            let parts: Vec<&str> = l.remarks.iter().map(|&c| f(c)).filter(|s| !s.is_empty()).collect();
            if !parts.is_empty() {
                e.remarks = Some(parts.join(" "));
            }
            if let Some(other) = parts.first() {
                other_ids(other, &mut e.identifiers);
            }
            if l.ofsi_reference {
                if let Some(id) = parts.first().and_then(|r| uksl_ref(r)) {
                    e.federal_register = Some(format!("UK Sanctions List Ref {id}"));
                    e.identifiers.push(Identifier { kind: REF_UKSL.into(), value: id, country: None });
                }
            }
        }
        Ok(())
    }

    pub(super) fn finish(mut self, id_column: &str) -> Result<Vec<Entry>> {
        for e in &mut self.entries {
            if e.name.is_empty() {
                if e.aliases.is_empty() {
                    return Err(Error::list_format(format!(
                        "{id_column} {}: no name in Name 1..Name 6 or the non-Latin name on any of its rows",
                        e.id
                    )));
                }
                e.name = e.aliases.remove(0).name;
            }
        }
        Ok(self.entries)
    }
}

/// Reads the data rows after the header, checking their length, into the groups.
pub(super) fn read_rows(
    text: &str,
    rdr: &mut csv::Reader<'_>,
    header_len: usize,
    layout: &Layout,
    groups: &mut Groups,
) -> Result<()> {
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Counting lines costs the whole text up to here: only for an error message.
        let line = || record_line(text, &rec);
        if rec.len() != header_len {
            return Err(Error::list_format(format!(
                "line {}: expected {header_len} fields, found {}",
                line(),
                rec.len()
            )));
        }
        groups.add(&rec, layout, line)?;
    }
    Ok(())
}

/// Parses the OFSI `ConList.csv`.
pub(crate) fn parse_ofsi(text: &str) -> Result<ParsedList> {
    let mut rdr = csv_reader(text, b',');
    let mut rec = csv::StringRecord::new();
    let mut published = None;
    // Row 1: "Last Updated,dd/mm/yyyy" (absent when someone removed it); then the header.
    if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        return Err(Error::list_format("no header line"));
    }
    if rec.get(0).is_some_and(|f| f.trim() == "Last Updated") {
        published = rec.get(1).and_then(|d| iso_date(d, DateOrder::DayFirst));
        if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
            return Err(Error::list_format("no header line after \"Last Updated\""));
        }
    }
    let cols = Cols::new(&rec);
    if !cols.has("Name 6") || !cols.has("Group ID") {
        return Err(Error::list_format("expected the OFSI ConList header (Name 6, Name 1, …, Group ID)"));
    }
    let mut groups = Groups::new(OFSI_NAME, OFSI_URL);
    read_rows(text, &mut rdr, rec.len(), &Layout::ofsi(&cols), &mut groups)?;
    let entries = groups.finish("Group ID")?;
    Ok(ParsedList { format: "uk-ofsi-csv".into(), name: OFSI_NAME.into(), published, entries, supplement_for: None })
}

/// A date of birth as the UK lists write it: `dd/mm/yyyy`, with `dd` and `mm` standing for an unknown day or month
/// (`dd/mm/1950` is the year 1950).
pub(super) fn uk_birth_date(d: &str) -> Option<String> {
    let unknown = |p: &str| p.eq_ignore_ascii_case("dd") || p.eq_ignore_ascii_case("mm");
    if d.split('/').any(unknown) {
        let fixed: Vec<&str> = d.split('/').map(|p| if unknown(p) { "00" } else { p }).collect();
        return birth_date(&fixed.join("/"), DateOrder::DayFirst);
    }
    birth_date(d, DateOrder::DayFirst)
}

/// Splits a UK-style numbered list "(1) Russia (2) Ukraine" into its items; a value without numbers is one item.
pub(super) fn split_numbered(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut markers: Vec<(usize, usize)> = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'(') {
            let mut j = i + 1;
            while bytes.get(j).is_some_and(|b| b.is_ascii_digit() || *b == b'-') {
                j += 1;
            }
            if j > i + 1 && bytes.get(j) == Some(&b')') {
                markers.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    for (a, b) in markers.into_iter().chain(std::iter::once((s.len(), s.len()))) {
        let v = s.get(start..a).unwrap_or("").trim().trim_end_matches('.').trim();
        if !v.is_empty() && v != "-" && v != "to" {
            out.push(v);
        }
        start = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_add_keeps_one_copy_of_repeated_details() {
        let header = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name Non-Latin Script,DOB,Nationality,Passport Number,\
                      National Identification Number,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,\
                      Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,\
                      Group ID";
        let rows = [
            "EXAMPLE,Ivan,,,,,ИВАН,01/02/1960,(1) Russia (2) Ukraine,P123,,1 Main St,,,,,,,Russia,,Individual,\
             Primary name,,Russia,01/03/2022,1",
            "EXAMPLOV,Ivan,,,,,ИВАН,01/02/1960,(1) Russia (2) Ukraine,P123,,1 Main St,,,,,,,Russia,,Individual,AKA,\
             Good quality,Russia,01/03/2022,1",
            "EXAMPLOV,Ivan,,,,,ИВАН,01/02/1960,(1) Russia (2) Ukraine,P123,,2 Other St,,,,,,,Russia,,Individual,\
             AKA,Low quality,Russia,01/03/2022,1",
        ];
        let text = format!("{header}\n{}\n", rows.join("\n"));
        let mut rdr = csv_reader(&text, b',');
        let mut rec = csv::StringRecord::new();
        assert!(rdr.read_record(&mut rec).expect("header"));
        let layout = Layout::ofsi(&Cols::new(&rec));
        let mut groups = Groups::new(OFSI_NAME, OFSI_URL);
        read_rows(&text, &mut rdr, rec.len(), &layout, &mut groups).expect("rows");
        let e = &groups.entries[0];
        assert_eq!(e.name, "Ivan EXAMPLE");
        let aliases: Vec<&str> = e.aliases.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(aliases, vec!["ИВАН", "Ivan EXAMPLOV"]);
        assert_eq!(e.aliases[1].strength, Strength::Strong);
        assert_eq!(
            e.addresses.iter().map(|a| a.full.as_str()).collect::<Vec<_>>(),
            vec!["1 Main St, Russia", "2 Other St, Russia"]
        );
        assert_eq!(e.countries, vec!["RU", "UA"]);
        assert_eq!(e.nationalities, vec!["Russia", "Ukraine"]);
        assert_eq!(e.dates_of_birth, vec!["1960-02-01"]);
        assert_eq!(e.identifiers.len(), 1);
        assert_eq!(e.programs, vec!["Russia"]);
    }

    #[test]
    fn split_numbered_reads_uk_lists() {
        assert_eq!(split_numbered("(1) Russia (2) Ukraine"), vec!["Russia", "Ukraine"]);
        assert_eq!(split_numbered("(1) Afghanistan. (2) Pakistan"), vec!["Afghanistan", "Pakistan"]);
        assert_eq!(split_numbered("(1-3) Libya (4) Morocco"), vec!["Libya", "Morocco"]);
        assert_eq!(split_numbered("Syria"), vec!["Syria"]);
        assert!(split_numbered("  ").is_empty());
    }
}
