//! OFAC (US Treasury) list files: the legacy CSV set (`sdn.csv`/`cons_prim.csv` with 12 headerless columns, `-0- `
//! as null, CRLF and a trailing 0x1A byte; `add.csv`, `alt.csv` and `sdn_comments.csv` and their `cons_` twins,
//! which only add addresses, aliases and remarks to the primary file by `ent_num`), the classic `SDN.XML` and the
//! `SDN_ENHANCED.XML` / `CONS_ENHANCED.XML` schema (DOMAIN.md §2.2–2.3). Part of `lists`.
//!
//! Weak aliases (the `a.k.a. '…'` quoted in the CSV remarks, `category` weak in the XML, `isLowQuality` in the
//! enhanced XML) are kept with [`Strength::Weak`]. SDN entries are prohibitions; non-SDN entries (SSI, NS-PLC,
//! NS-MBS, CMIC, CAPTA, FSE) are red flags (DOMAIN.md §1.1).

use rustc_hash::FxHashMap as HashMap;

use super::model::{
    Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, SharedTexts, Strength,
};
use super::text::{birth_date, csv_error, csv_reader, iso_date, push_unique, record_line, DateOrder};
use super::xml::{Node, XmlReader};
use crate::error::{Error, Result};
use crate::geo as country;
use crate::text::csv;

const SDN_NAME: &str = "OFAC Specially Designated Nationals (SDN) List";
const CONS_NAME: &str = "OFAC Consolidated Sanctions List (non-SDN)";
const SDN_URL: &str =
    "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists";
const CONS_URL: &str = "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists";

/// The value of a legacy CSV field, empty for the null marker `-0- `.
fn val(f: &str) -> &str {
    let t = f.trim();
    if t == "-0-" {
        ""
    } else {
        t
    }
}

/// The text without the DOS end-of-file byte the legacy files end with.
fn body(text: &str) -> &str {
    text.trim_end_matches(|c: char| c == '\u{1a}' || c.is_whitespace())
}

/// Which legacy CSV file this is, from the shape of its first rows: 12 fields (`sdn.csv`), 6 (`add.csv`),
/// 5 (`alt.csv`) or 2 (`sdn_comments.csv`), each starting with a numeric `ent_num`.
pub(crate) fn shape(text: &str) -> Option<&'static str> {
    let mut rdr = csv_reader(body(text), b',');
    let mut rec = csv::StringRecord::new();
    let mut len = None;
    let mut rows = 0;
    while rows < 5 && rdr.read_record(&mut rec).ok()? {
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        let id = rec.get(0)?.trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if *len.get_or_insert(rec.len()) != rec.len() {
            return None;
        }
        match rec.len() {
            12 => {
                let t = val(rec.get(2)?).to_ascii_lowercase();
                if !matches!(t.as_str(), "" | "individual" | "vessel" | "aircraft" | "entity") {
                    return None;
                }
            }
            5 => {
                let t = val(rec.get(2)?).to_ascii_lowercase();
                if !matches!(t.as_str(), "aka" | "fka" | "nka") {
                    return None;
                }
            }
            6 | 2 => {}
            _ => return None,
        }
        rows += 1;
    }
    match (len?, rows > 0) {
        (12, true) => Some("ofac-sdn-csv"),
        (6, true) => Some("ofac-add-csv"),
        (5, true) => Some("ofac-alt-csv"),
        (2, true) => Some("ofac-comments-csv"),
        _ => None,
    }
}

/// Reads the rows of a legacy CSV file, checking each has `fields` fields and a numeric ent_num.
fn rows(text: &str, fields: usize, what: &str, mut each: impl FnMut(&csv::StringRecord) -> Result<()>) -> Result<()> {
    let mut rdr = csv_reader(body(text), b',');
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        let line = || record_line(text, &rec);
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != fields {
            return Err(Error::list_format(format!(
                "line {}: expected {fields} fields ({what}), found {}",
                line(),
                rec.len()
            )));
        }
        let id = rec.get(0).unwrap_or("").trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::list_format(format!("line {}: the ent_num \"{id}\" is not a number", line())));
        }
        each(&rec)?;
    }
    Ok(())
}

fn programs(v: &str) -> Vec<String> {
    v.split("] [").map(|p| p.trim().trim_matches(['[', ']']).trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Identifier prefixes OFAC writes in remarks ("Passport A123456 (Iran)").
const ID_PREFIXES: &[&str] = &[
    "Passport",
    "National ID No.",
    "Registration Number",
    "Registration ID",
    "Tax ID No.",
    "Cedula No.",
    "C.U.R.P.",
    "R.F.C.",
    "NIT #",
    "RUC #",
    "SWIFT/BIC",
    "MMSI",
    "Vessel Registration Identification",
    "Identification Number",
    "Business Registration Number",
    "Company Number",
    "Government Gazette Number",
    "V.A.T. Number",
    "Legal Entity Number",
    "Unified Social Credit Code (USCC)",
];

/// Reads the structured extras out of OFAC remarks (weak aliases, dates of birth, nationality, documents) into
/// the entry; the remarks themselves stay as published. Document kinds are taken from `pool` (one copy each).
fn read_remarks(remarks: &str, e: &mut Entry, pool: &mut SharedTexts) {
    for seg in remarks.split("; ") {
        let seg = seg.trim().trim_end_matches('.');
        let quoted = |prefix: &str| -> Option<String> {
            let rest = seg.strip_prefix(prefix)?.trim_start();
            let inner = rest.strip_prefix('\'')?;
            let end = inner.rfind('\'')?;
            inner.get(..end).map(|s| s.trim().to_string())
        };
        if let Some(a) = quoted("a.k.a.") {
            e.aliases.push(Alias { name: a, kind: AliasKind::Aka, strength: Strength::Weak });
        } else if let Some(a) = quoted("f.k.a.") {
            e.aliases.push(Alias { name: a, kind: AliasKind::Fka, strength: Strength::Weak });
        } else if let Some(a) = quoted("n.k.a.") {
            e.aliases.push(Alias { name: a, kind: AliasKind::Nka, strength: Strength::Weak });
        } else if let Some(d) = seg.strip_prefix("DOB ") {
            if let Some(d) = birth_date(d, DateOrder::MonthFirst) {
                push_unique(&mut e.dates_of_birth, &d);
            }
        } else if let Some(n) = seg.strip_prefix("nationality ").or_else(|| seg.strip_prefix("citizen ")) {
            push_unique(&mut e.nationalities, n);
            if let Some(c) = country::iso2(n) {
                e.countries.push(c.to_string());
            }
        } else if let Some(prefix) = ID_PREFIXES.iter().find(|p| seg.starts_with(**p)) {
            let rest = seg.get(prefix.len()..).unwrap_or("").trim();
            let (value, country) = match rest.find(" (") {
                Some(p) => {
                    let inside = rest.get(p + 2..).and_then(|s| s.split(')').next()).unwrap_or("");
                    (rest.get(..p).unwrap_or(""), country::iso2(inside).map(str::to_string))
                }
                // "Vessel Registration Identification IMO 9187629": the scheme's prefix is part of the value.
                None if rest.starts_with("IMO ") => (rest.get(..11).unwrap_or(rest), None),
                None => (rest.split_whitespace().next().unwrap_or(""), None),
            };
            if !value.is_empty() {
                e.identifiers.push(Identifier { kind: pool.get(prefix), value: value.to_string(), country });
            }
        }
    }
}

fn kind_of(sdn_type: &str) -> EntityKind {
    match sdn_type.trim().to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "vessel" => EntityKind::Vessel,
        "aircraft" => EntityKind::Aircraft,
        _ => EntityKind::Organization,
    }
}

fn base_list(format: &str, cons: bool, entries: Vec<Entry>) -> ParsedList {
    ParsedList {
        format: format.into(),
        name: if cons { CONS_NAME } else { SDN_NAME }.into(),
        published: None,
        entries,
        supplement_for: None,
    }
}

fn code_effect(cons: bool) -> (&'static str, Effect) {
    if cons {
        ("NONSDN", Effect::RedFlag)
    } else {
        ("SDN", Effect::Prohibition)
    }
}

/// Parses `sdn.csv` (`cons` false) or `cons_prim.csv` (`cons` true).
pub(crate) fn parse_primary(text: &str, cons: bool) -> Result<ParsedList> {
    let (code, effect) = code_effect(cons);
    let name = if cons { CONS_NAME } else { SDN_NAME };
    let url = if cons { CONS_URL } else { SDN_URL };
    let mut entries = Vec::new();
    // One copy of each text that many entries carry alike, from the first row on (`lists::finish` would share them
    // only after the whole file is parsed, while the file is in memory).
    let mut pool = SharedTexts::default();
    let (source, code, url) = (pool.get(name), pool.get(code), pool.get(url));
    rows(text, 12, "ent_num, SDN_Name, SDN_Type, Program, …, Remarks", |r| {
        let f = |k: usize| val(r.get(k).unwrap_or(""));
        if f(1).is_empty() {
            return Err(Error::list_format(format!("line {}: empty SDN_Name", record_line(text, r))));
        }
        let mut e = Entry {
            id: f(0).to_string(),
            kind: kind_of(f(2)),
            name: f(1).to_string(),
            programs: programs(f(3)).iter().map(|p| pool.get(p)).collect(),
            source: source.clone(),
            list_code: code.clone(),
            effect,
            remarks: (!f(11).is_empty()).then(|| f(11).to_string()),
            source_url: Some(url.clone()),
            ..Entry::default()
        };
        if !f(4).is_empty() {
            e.remarks = Some(match e.remarks.take() {
                Some(r) => format!("{}; {r}", f(4)),
                None => f(4).to_string(),
            });
        }
        if !f(5).is_empty() {
            e.identifiers.push(Identifier { kind: pool.get("Call Sign"), value: f(5).to_string(), country: None });
        }
        if !f(9).is_empty() {
            e.identifiers.push(Identifier {
                kind: pool.get("Vessel Flag"),
                value: f(9).to_string(),
                country: country::iso2(f(9)).map(str::to_string),
            });
        }
        read_remarks(f(11), &mut e, &mut pool);
        entries.push(e);
        Ok(())
    })?;
    Ok(base_list(if cons { "ofac-cons-csv" } else { "ofac-sdn-csv" }, cons, entries))
}

fn supplement(format: &str, name: &str, entries: Vec<Entry>) -> ParsedList {
    ParsedList {
        format: format.into(),
        name: name.into(),
        published: None,
        entries,
        supplement_for: Some("ofac-csv".into()),
    }
}

/// Parses `add.csv` / `cons_add.csv`: `ent_num, add_num, address, city/state/zip, country, add_remarks`.
pub(crate) fn parse_add(text: &str) -> Result<ParsedList> {
    let mut entries: Vec<Entry> = Vec::new();
    rows(text, 6, "ent_num, add_num, address, city/state/zip, country, add_remarks", |r| {
        let f = |k: usize| val(r.get(k).unwrap_or(""));
        let parts: Vec<&str> = [f(2), f(3), f(4)].into_iter().filter(|s| !s.is_empty()).collect();
        let address = Address {
            full: parts.join(", "),
            city: (!f(3).is_empty()).then(|| f(3).to_string()),
            country: country::iso2(f(4)).map(str::to_string),
        };
        push_to(&mut entries, f(0), |e| e.addresses.push(address));
        Ok(())
    })?;
    Ok(supplement("ofac-add-csv", "OFAC addresses (add.csv)", entries))
}

/// Parses `alt.csv` / `cons_alt.csv`: `ent_num, alt_num, alt_type, alt_name, alt_remarks`.
pub(crate) fn parse_alt(text: &str) -> Result<ParsedList> {
    let mut entries: Vec<Entry> = Vec::new();
    rows(text, 5, "ent_num, alt_num, alt_type, alt_name, alt_remarks", |r| {
        let f = |k: usize| val(r.get(k).unwrap_or(""));
        if f(3).is_empty() {
            return Ok(());
        }
        let kind = match f(2).to_ascii_lowercase().as_str() {
            "fka" => AliasKind::Fka,
            "nka" => AliasKind::Nka,
            _ => AliasKind::Aka,
        };
        let alias = Alias { name: f(3).to_string(), kind, strength: Strength::Strong };
        push_to(&mut entries, f(0), |e| e.aliases.push(alias));
        Ok(())
    })?;
    Ok(supplement("ofac-alt-csv", "OFAC aliases (alt.csv)", entries))
}

/// Parses `sdn_comments.csv` / `cons_comments.csv`: `ent_num, remarks_overflow`.
pub(crate) fn parse_comments(text: &str) -> Result<ParsedList> {
    let mut entries: Vec<Entry> = Vec::new();
    rows(text, 2, "ent_num, remarks_overflow", |r| {
        // Not trimmed: the overflow continues the primary file's remarks, often mid-word.
        let overflow = r.get(1).unwrap_or("");
        if val(overflow).is_empty() {
            return Ok(());
        }
        let overflow = overflow.to_string();
        push_to(&mut entries, val(r.get(0).unwrap_or("")), |e| {
            let r = e.remarks.get_or_insert_with(String::new);
            r.push_str(&overflow);
        });
        Ok(())
    })?;
    Ok(supplement("ofac-comments-csv", "OFAC remarks (sdn_comments.csv)", entries))
}

/// Adds to the last entry when it has this id (the files are sorted by ent_num), else starts a new one.
fn push_to(entries: &mut Vec<Entry>, id: &str, f: impl FnOnce(&mut Entry)) {
    match entries.last_mut() {
        Some(e) if e.id == id => f(e),
        _ => {
            let mut e = Entry { id: id.to_string(), ..Entry::default() };
            f(&mut e);
            entries.push(e);
        }
    }
}

/// Parses OFAC XML: the classic `sdnList` schema or the enhanced `sanctionsData` schema.
pub(crate) fn parse_xml(text: &str, hint: Option<&str>) -> Result<ParsedList> {
    let mut x = XmlReader::new(text);
    let (root, _) = x.root()?;
    match root.as_str() {
        "sdnList" => {
            let cons = hint.is_some_and(|f| f.to_ascii_lowercase().contains("cons"));
            parse_classic(&mut x, cons)
        }
        "sanctionsData" => parse_enhanced(&mut x),
        other => {
            Err(Error::list_format(format!("expected the OFAC XML root <sdnList> or <sanctionsData>, found <{other}>")))
        }
    }
}

/// "LAST, First" as OFAC's CSV writes individuals; the last name alone for others.
fn join_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", l) => l.to_string(),
        (f, "") => f.to_string(),
        (f, l) => format!("{l}, {f}"),
    }
}

#[derive(Default)]
struct ClassicAka {
    first: String,
    last: String,
    kind: AliasKind,
    strength: Strength,
}

#[derive(Default)]
struct ClassicAddress {
    lines: Vec<String>,
    city: String,
    state: String,
    postal: String,
    country: String,
}

fn parse_classic(x: &mut XmlReader<'_>, cons: bool) -> Result<ParsedList> {
    let (code, effect) = code_effect(cons);
    let source = if cons { CONS_NAME } else { SDN_NAME };
    let url = if cons { CONS_URL } else { SDN_URL };
    let mut published = None;
    let mut entries = Vec::new();
    let mut cur: Option<Entry> = None;
    let (mut first, mut last) = (String::new(), String::new());
    let mut aka = ClassicAka::default();
    let mut addr = ClassicAddress::default();
    let mut id = Identifier::default();
    let mut pool = SharedTexts::default();
    loop {
        match x.next()? {
            Node::Eof => break,
            Node::Open(name, _) => match name.as_str() {
                "sdnEntry" => {
                    cur = Some(Entry {
                        source: source.into(),
                        list_code: code.into(),
                        effect,
                        source_url: Some(url.into()),
                        ..Entry::default()
                    });
                    first.clear();
                    last.clear();
                }
                "aka" => aka = ClassicAka::default(),
                "address" => addr = ClassicAddress::default(),
                "id" => id = Identifier::default(),
                _ => {}
            },
            Node::Close(name, text) => {
                let parent = x.parent();
                if name == "Publish_Date" {
                    published = iso_date(&text, DateOrder::MonthFirst);
                    continue;
                }
                let Some(e) = cur.as_mut() else { continue };
                match (parent, name.as_str()) {
                    ("sdnEntry", "uid") => e.id = text,
                    ("sdnEntry", "firstName") => first = text,
                    ("sdnEntry", "lastName") => last = text,
                    ("sdnEntry", "sdnType") => e.kind = kind_of(&text),
                    ("sdnEntry", "remarks") => {
                        read_remarks(&text, e, &mut pool);
                        e.remarks = Some(text);
                    }
                    ("sdnEntry", "title") if !text.is_empty() => {
                        e.remarks = Some(match e.remarks.take() {
                            Some(r) => format!("{text}; {r}"),
                            None => text,
                        });
                    }
                    ("programList", "program") => e.programs.push(text.into()),
                    ("aka", "firstName") => aka.first = text,
                    ("aka", "lastName") => aka.last = text,
                    ("aka", "type") => {
                        aka.kind = match text.to_ascii_lowercase().as_str() {
                            "f.k.a." => AliasKind::Fka,
                            "n.k.a." => AliasKind::Nka,
                            _ => AliasKind::Aka,
                        }
                    }
                    ("aka", "category") => {
                        aka.strength = if text.eq_ignore_ascii_case("weak") { Strength::Weak } else { Strength::Strong }
                    }
                    ("akaList", "aka") => {
                        let a = std::mem::take(&mut aka);
                        e.aliases.push(Alias {
                            name: join_name(&a.first, &a.last),
                            kind: a.kind,
                            strength: a.strength,
                        });
                    }
                    ("address", "address1" | "address2" | "address3") => addr.lines.push(text),
                    ("address", "city") => addr.city = text,
                    ("address", "stateOrProvince") => addr.state = text,
                    ("address", "postalCode") => addr.postal = text,
                    ("address", "country") => addr.country = text,
                    ("addressList", "address") => {
                        let a = std::mem::take(&mut addr);
                        let mut parts = a.lines;
                        parts.extend([a.city.clone(), a.state, a.postal, a.country.clone()]);
                        parts.retain(|p| !p.is_empty());
                        e.addresses.push(Address {
                            full: parts.join(", "),
                            city: (!a.city.is_empty()).then_some(a.city),
                            country: country::iso2(&a.country).map(str::to_string),
                        });
                    }
                    ("id", "idType") => id.kind = text.into(),
                    ("id", "idNumber") => id.value = text,
                    ("id", "idCountry") => id.country = country::iso2(&text).map(str::to_string),
                    ("idList", "id") => e.identifiers.push(std::mem::take(&mut id)),
                    ("nationality" | "citizenship", "country") => {
                        if let Some(c) = country::iso2(&text) {
                            e.countries.push(c.to_string());
                        }
                        e.nationalities.push(text);
                    }
                    ("dateOfBirthItem", "dateOfBirth") => {
                        if let Some(d) = birth_date(&text, DateOrder::MonthFirst) {
                            e.dates_of_birth.push(d);
                        }
                    }
                    ("vesselInfo", "callSign") => {
                        e.identifiers.push(Identifier { kind: "Call Sign".into(), value: text, country: None })
                    }
                    (_, "sdnEntry") => {
                        if let Some(mut done) = cur.take() {
                            done.name = join_name(&first, &last);
                            if done.name.is_empty() || done.id.is_empty() {
                                return Err(x.error("an <sdnEntry> without <uid> or <lastName>"));
                            }
                            super::room_for_one_more(&entries)?;
                            entries.push(done);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let mut list = base_list("ofac-xml", cons, entries);
    list.published = published;
    Ok(list)
}

/// Sub-list of the enhanced XML's `sanctionsList` names: short code and effect.
fn enhanced_code(lists: &[String]) -> (&'static str, Effect, String) {
    if let Some(l) = lists.iter().find(|l| l.as_str() == "SDN List") {
        return ("SDN", Effect::Prohibition, l.clone());
    }
    let own: Vec<&String> = lists.iter().filter(|l| l.as_str() != "Consolidated List").collect();
    let name = own.first().map_or_else(|| CONS_NAME.to_string(), |s| s.to_string());
    let lower = name.to_ascii_lowercase();
    let code = [
        ("palestinian", "PLC"),
        ("sectoral", "SSI"),
        ("menu-based", "NS-MBS"),
        ("chinese military", "CMIC"),
        ("payable-through", "CAP"),
        ("capta", "CAP"),
        ("evaders", "FSE"),
    ]
    .iter()
    .find(|(k, _)| lower.contains(k))
    .map_or("NONSDN", |(_, c)| c);
    (code, Effect::RedFlag, name)
}

#[derive(Default)]
struct EnhancedName {
    primary: bool,
    alias_type: AliasKind,
    low_quality: bool,
    /// (is primary translation, full name)
    translations: Vec<(bool, String)>,
    tr_primary: bool,
    tr_full: String,
    tr_first: String,
    tr_last: String,
}

#[derive(Default)]
struct EnhancedAddress {
    country: String,
    country_ref: String,
    parts: Vec<(String, String)>,
    part_type: String,
    translation: usize,
}

#[derive(Default)]
struct EnhancedFeature {
    typ: String,
    value: String,
    value_ref: String,
    from: String,
    to: String,
}

fn parse_enhanced(x: &mut XmlReader<'_>) -> Result<ParsedList> {
    let mut published = None;
    let mut iso_by_ref: HashMap<String, String> = HashMap::default();
    let (mut ref_id, mut ref_type, mut ref_iso) = (String::new(), String::new(), String::new());
    let mut entries = Vec::new();
    let mut cur: Option<Entry> = None;
    let mut lists: Vec<String> = Vec::new();
    let mut name = EnhancedName::default();
    let mut addr = EnhancedAddress::default();
    let mut feat = EnhancedFeature::default();
    let mut doc = Identifier::default();
    let mut doc_ref = String::new();
    let mut primary_name: Option<String> = None;
    let mut start_date: Option<String> = None;
    loop {
        match x.next()? {
            Node::Eof => break,
            Node::Open(tag, e) => match tag.as_str() {
                "referenceValue" => {
                    ref_id = x.attr(&e, "refId")?.unwrap_or_default();
                    ref_type.clear();
                    ref_iso.clear();
                }
                "entity" if x.ancestor(1) == "entities" => {
                    cur = Some(Entry {
                        id: x.attr(&e, "id")?.unwrap_or_default(),
                        source_url: Some(CONS_URL.into()),
                        ..Entry::default()
                    });
                    lists.clear();
                    primary_name = None;
                    start_date = None;
                }
                "sanctionsList" if cur.is_some() && start_date.is_none() => {
                    start_date = x.attr(&e, "datePublished")?.and_then(|d| iso_date(&d, DateOrder::MonthFirst));
                }
                "name" if x.ancestor(1) == "names" => name = EnhancedName::default(),
                "translation" if x.ancestor(2) == "name" => {
                    name.tr_primary = false;
                    name.tr_full.clear();
                    name.tr_first.clear();
                    name.tr_last.clear();
                }
                "translation" if x.ancestor(2) == "address" => addr.translation += 1,
                "address" if x.ancestor(1) == "addresses" => addr = EnhancedAddress::default(),
                "country" if x.ancestor(1) == "address" => addr.country_ref = x.attr(&e, "refId")?.unwrap_or_default(),
                "feature" => feat = EnhancedFeature::default(),
                "identityDocument" => {
                    doc = Identifier::default();
                    doc_ref.clear();
                }
                "issuingCountry" => doc_ref = x.attr(&e, "refId")?.unwrap_or_default(),
                _ => {}
            },
            Node::Close(tag, text) => {
                let parent = x.parent().to_string();
                match (parent.as_str(), tag.as_str()) {
                    ("publicationInfo", "dataAsOf") => published = iso_date(&text, DateOrder::MonthFirst),
                    ("referenceValue", "type") => {
                        ref_type = text;
                        continue;
                    }
                    ("referenceValue", "isoCode") => {
                        ref_iso = text;
                        continue;
                    }
                    ("referenceValues", "referenceValue") if ref_type == "COUNTRY" && !ref_iso.is_empty() => {
                        iso_by_ref.insert(std::mem::take(&mut ref_id), std::mem::take(&mut ref_iso));
                    }
                    _ => {}
                }
                let Some(e) = cur.as_mut() else { continue };
                match (parent.as_str(), tag.as_str()) {
                    ("generalInfo", "entityType") => e.kind = kind_of(&text),
                    ("generalInfo", "remarks") => e.remarks = Some(text),
                    ("sanctionsLists", "sanctionsList") => lists.push(text),
                    ("sanctionsPrograms", "sanctionsProgram") => e.programs.push(text.into()),
                    ("name", "isPrimary") => name.primary = text == "true",
                    ("name", "aliasType") => {
                        name.alias_type = match text.to_ascii_uppercase().as_str() {
                            "F.K.A." => AliasKind::Fka,
                            "N.K.A." => AliasKind::Nka,
                            _ => AliasKind::Aka,
                        }
                    }
                    ("name", "isLowQuality") => name.low_quality = text == "true",
                    ("translation", "isPrimary") if x.ancestor(1) == "translations" => name.tr_primary = text == "true",
                    ("translation", "formattedFullName") => name.tr_full = text,
                    ("translation", "formattedFirstName") => name.tr_first = text,
                    ("translation", "formattedLastName") => name.tr_last = text,
                    ("translations", "translation") if x.ancestor(1) == "name" => {
                        let full = if name.tr_full.is_empty() {
                            join_name(&name.tr_first, &name.tr_last)
                        } else {
                            std::mem::take(&mut name.tr_full)
                        };
                        if !full.is_empty() {
                            name.translations.push((name.tr_primary, full));
                        }
                    }
                    ("names", "name") => {
                        let n = std::mem::take(&mut name);
                        let mut trs = n.translations.into_iter();
                        let mut rest = Vec::new();
                        let main = trs.by_ref().find(|(p, _)| *p).map(|(_, s)| s);
                        rest.extend(trs.map(|(_, s)| s));
                        let main = main.or_else(|| if rest.is_empty() { None } else { Some(rest.remove(0)) });
                        let strength = if n.low_quality { Strength::Weak } else { Strength::Strong };
                        if let Some(main) = main {
                            if n.primary && primary_name.is_none() {
                                primary_name = Some(main);
                            } else {
                                e.aliases.push(Alias { name: main, kind: n.alias_type, strength });
                            }
                        }
                        // Other scripts of the same name.
                        for s in rest {
                            e.aliases.push(Alias { name: s, kind: AliasKind::Aka, strength: Strength::Unknown });
                        }
                    }
                    ("address", "country") => addr.country = text,
                    ("addressPart", "type") => addr.part_type = text,
                    ("addressPart", "value") if addr.translation <= 1 => {
                        addr.parts.push((std::mem::take(&mut addr.part_type), text));
                    }
                    ("addresses", "address") => {
                        let a = std::mem::take(&mut addr);
                        let city = a.parts.iter().find(|(t, _)| t == "CITY").map(|(_, v)| v.clone());
                        let mut parts: Vec<String> = a.parts.into_iter().map(|(_, v)| v).collect();
                        if !a.country.is_empty() {
                            parts.push(a.country.clone());
                        }
                        let country = iso_by_ref
                            .get(&a.country_ref)
                            .cloned()
                            .or_else(|| country::iso2(&a.country).map(str::to_string));
                        e.addresses.push(Address { full: parts.join(", "), city, country });
                    }
                    ("feature", "type") => feat.typ = text,
                    ("feature", "value") => feat.value = text,
                    ("feature", "valueRefId") => feat.value_ref = text,
                    ("valueDate", "fromDateBegin") => feat.from = text,
                    ("valueDate", "toDateEnd") => feat.to = text,
                    ("features", "feature") => {
                        let f = std::mem::take(&mut feat);
                        let typ = f.typ.to_ascii_lowercase();
                        if typ == "birthdate" {
                            let exact = !f.from.is_empty() && f.from == f.to;
                            let d = if exact { iso_date(&f.from, DateOrder::MonthFirst) } else { None };
                            if let Some(d) = d.or_else(|| birth_date(&f.value, DateOrder::MonthFirst)) {
                                e.dates_of_birth.push(d);
                            }
                        } else if typ.starts_with("nationality") || typ.starts_with("citizenship") {
                            let code = iso_by_ref
                                .get(&f.value_ref)
                                .cloned()
                                .or_else(|| country::iso2(&f.value).map(str::to_string));
                            if let Some(c) = code {
                                e.countries.push(c);
                            }
                            if !typ.contains("registration") {
                                e.nationalities.push(f.value);
                            }
                        }
                    }
                    ("identityDocument", "type") => doc.kind = text.into(),
                    ("identityDocument", "documentNumber") => doc.value = text,
                    ("identityDocuments", "identityDocument") => {
                        let mut d = std::mem::take(&mut doc);
                        d.country = iso_by_ref.get(&doc_ref).cloned();
                        e.identifiers.push(d);
                    }
                    ("entities", "entity") => {
                        if let Some(mut done) = cur.take() {
                            let (code, effect, source) = enhanced_code(&lists);
                            done.list_code = code.into();
                            done.effect = effect;
                            if code == "SDN" {
                                done.source_url = Some(SDN_URL.into());
                            }
                            done.source = source.into();
                            done.start_date = start_date.take();
                            done.name = match primary_name.take() {
                                Some(n) => n,
                                None if !done.aliases.is_empty() => done.aliases.remove(0).name,
                                None => return Err(x.error(format!("entity {} has no name", done.id))),
                            };
                            super::room_for_one_more(&entries)?;
                            entries.push(done);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let sdn_only = entries.iter().all(|e| e.list_code == "SDN");
    Ok(ParsedList {
        format: "ofac-enhanced-xml".into(),
        name: if sdn_only { SDN_NAME } else { CONS_NAME }.into(),
        published,
        entries,
        supplement_for: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_tells_the_legacy_files_apart() {
        assert_eq!(
            shape("36,\"EXAMPLE AIR\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a"),
            Some("ofac-sdn-csv")
        );
        assert_eq!(shape("36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n"), Some("ofac-add-csv"));
        assert_eq!(shape("36,12,\"aka\",\"EXAMPLE-AIR\",-0- \r\n"), Some("ofac-alt-csv"));
        assert_eq!(shape("36,\"continued remarks\"\r\n"), Some("ofac-comments-csv"));
        assert_eq!(shape("a,b,c\n"), None);
        assert_eq!(shape("1,2,3\n"), None);
    }

    #[test]
    fn read_remarks_takes_weak_aliases_and_dates() {
        let mut e = Entry::default();
        read_remarks(
            "DOB 12 Mar 1962; POB Example City; nationality Iran; a.k.a. 'EXAMPLE ONE'; Passport X123 (Iran).",
            &mut e,
            &mut SharedTexts::default(),
        );
        assert_eq!(e.dates_of_birth, vec!["1962-03-12"]);
        assert_eq!(e.countries, vec!["IR"]);
        assert_eq!(e.aliases[0].name, "EXAMPLE ONE");
        assert_eq!(e.aliases[0].strength, Strength::Weak);
        assert_eq!(e.identifiers[0].value, "X123");
        assert_eq!(e.identifiers[0].country.as_deref(), Some("IR"));
    }

    #[test]
    fn programs_split_on_bracket_pairs() {
        assert_eq!(programs("IRAN] [SDGT] [IRGC"), vec!["IRAN", "SDGT", "IRGC"]);
        assert_eq!(programs("[CUBA]"), vec!["CUBA"]);
    }
}
