//! Checks the embedded demo list (`src/data/demo_list.toml`) against the real published lists in `../shared/lists`:
//! every entry's primary name, aliases, Federal Register notices, programmes, list reference, dates, identifiers
//! and cities must be found in the record of its own list that publishes that name. The readers below are
//! deliberately small and independent of the crate's own parsers, so a parser bug cannot hide a wrong entry.
//!
//! The real lists are only beside the project (never committed): without them the cross-check is skipped with a
//! message, except under CI, where their absence fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use export_screen::lists::demo::DEMO_LIST_TOML;
use export_screen::lists::model::{Alias, AliasKind, Effect, EntityKind, Entry, ParsedList};

mod common;
use common::shared_lists;

fn demo_list() -> ParsedList {
    export_screen::lists::demo::embedded().expect("the demo list parses")
}

// ---------------------------------------------------------------------------------------------------------------
// One record of a real list, as the readers below see it.
// ---------------------------------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Record {
    /// Which file it came from (for messages).
    file: &'static str,
    /// The demo list code it belongs to: "EL", "MEU", "UVL", "DPL", "SDN", "ISN", "UN", "UK", "METI" (or "" when the
    /// record is on a list the demo does not use).
    list: &'static str,
    /// The source's own id: CSL `_id`, OFAC ent_num, UN reference number, UK Group ID, METI id.
    id: String,
    kind: Option<EntityKind>,
    names: Vec<String>,
    /// Federal Register citations and other notice text.
    citations: String,
    programs: Vec<String>,
    /// ISO dates the record gives (listing, effective, expiry, and the dates of its notices).
    dates: Vec<String>,
    /// The licence requirement and policy texts.
    licence: String,
    /// Everything else (addresses, remarks, identifiers, dates of birth), for "does it say this" checks.
    text: String,
}

/// Case-insensitive, whitespace-normalised form of a name; surrounding quotes and typographic apostrophes folded.
fn norm(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'");
    let s = s.trim().trim_matches('"').trim();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Letters and digits only, lower case: for comparing citation strings written with different punctuation.
fn alnum(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Federal Register citations ("86 FR 29193", "85 F.R. 40966") in a text, as "86 fr 29193".
fn fr_citations(s: &str) -> BTreeSet<String> {
    let s = s.replace("F.R.", "FR").replace("F. R.", "FR");
    let tokens: Vec<&str> = s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let mut out = BTreeSet::new();
    for w in tokens.windows(3) {
        if let [vol, fr, page] = w {
            if fr.eq_ignore_ascii_case("FR")
                && vol.chars().all(|c| c.is_ascii_digit())
                && page.chars().all(|c| c.is_ascii_digit())
            {
                out.insert(format!("{vol} fr {page}"));
            }
        }
    }
    out
}

/// Dates written M/D/YY or MM/DD/YYYY (US order) anywhere in a text, as ISO.
fn us_dates(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split(|c: char| !(c.is_ascii_digit() || c == '/')) {
        let parts: Vec<&str> = word.split('/').collect();
        if let [m, d, y] = parts[..] {
            let (Ok(m), Ok(d), Ok(y)) = (m.parse::<u32>(), d.parse::<u32>(), y.parse::<u32>()) else { continue };
            let y = match y {
                0..=49 => 2000 + y,
                50..=99 => 1900 + y,
                _ => y,
            };
            if (1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2100).contains(&y) {
                out.push(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    out
}

/// "dd/mm/yyyy" (UK order) as ISO.
fn uk_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.trim().split('/').collect();
    match parts[..] {
        [d, m, y] if d.len() == 2 && m.len() == 2 && y.len() == 4 => Some(format!("{y}-{m}-{d}")),
        _ => None,
    }
}

/// Alphabetic words of a text (for "every word of the licence text we wrote is in the published one").
fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 1).map(str::to_lowercase).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Readers, one per file format (small and forgiving: they only collect what the checks compare).
// ---------------------------------------------------------------------------------------------------------------

fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csl_list_code(source: &str) -> &'static str {
    const CODES: [(&str, &str); 6] = [
        ("Entity List (EL)", "EL"),
        ("Military End User (MEU)", "MEU"),
        ("Unverified List (UVL)", "UVL"),
        ("Denied Persons List (DPL)", "DPL"),
        ("Specially Designated Nationals (SDN)", "SDN"),
        ("Nonproliferation Sanctions (ISN)", "ISN"),
    ];
    CODES.iter().find(|(prefix, _)| source.starts_with(prefix)).map(|(_, code)| *code).unwrap_or("")
}

/// trade.gov Consolidated Screening List CSV (29 columns, header row, multi-valued fields joined with "; ").
fn read_csl(dir: &Path) -> Vec<Record> {
    let text = read(dir, "us_csl/consolidated_2022-04.csv");
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = rd.headers().expect("CSL header").clone();
    let col = |row: &csv::StringRecord, name: &str| -> String {
        headers.iter().position(|h| h == name).and_then(|i| row.get(i)).unwrap_or("").to_string()
    };
    let mut out = Vec::new();
    for row in rd.records() {
        let row = row.expect("CSL row");
        let mut names = vec![col(&row, "name")];
        // Entity List aliases written as English prose ("...; and JSC 140 Repair Plant"): drop the leading "and ".
        names.extend(
            col(&row, "alt_names")
                .split("; ")
                .map(|a| a.trim().strip_prefix("and ").unwrap_or(a.trim()).to_string())
                .filter(|a| !a.is_empty()),
        );
        let kind = match col(&row, "type").as_str() {
            "Individual" => Some(EntityKind::Person),
            "Entity" => Some(EntityKind::Organization),
            "Vessel" => Some(EntityKind::Vessel),
            "Aircraft" => Some(EntityKind::Aircraft),
            _ => None,
        };
        let citations = col(&row, "federal_register_notice");
        let mut dates: Vec<String> =
            [col(&row, "start_date"), col(&row, "end_date")].into_iter().filter(|d| !d.is_empty()).collect();
        dates.extend(us_dates(&citations));
        let text =
            ["addresses", "remarks", "ids", "dates_of_birth", "nationalities", "citizenships", "places_of_birth"]
                .iter()
                .map(|c| col(&row, c))
                .collect::<Vec<_>>()
                .join(" | ");
        out.push(Record {
            file: "us_csl/consolidated_2022-04.csv",
            list: csl_list_code(&col(&row, "source")),
            id: col(&row, "_id"),
            kind,
            names,
            citations,
            programs: col(&row, "programs").split("; ").filter(|p| !p.is_empty()).map(str::to_string).collect(),
            dates,
            licence: format!("{} {}", col(&row, "license_requirement"), col(&row, "license_policy")),
            text,
        });
    }
    out
}

/// OFAC legacy `sdn.csv` (no header, 12 columns, "-0- " for null, programmes joined by "] [", weak aliases quoted in
/// the remarks as `a.k.a. 'NAME'`).
fn read_sdn(dir: &Path) -> Vec<Record> {
    let text = read(dir, "ofac_sdn/2024-05-03/sdn.csv");
    let mut rd = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for row in rd.records() {
        let row = row.expect("sdn.csv row");
        if row.len() < 12 {
            continue; // the trailing 0x1A end-of-file byte
        }
        let field = |i: usize| row.get(i).unwrap_or("").trim().to_string();
        let remarks = field(11);
        let mut names = vec![field(1)];
        for piece in remarks.split("a.k.a. '").skip(1) {
            if let Some(end) = piece.find('\'') {
                names.push(piece[..end].to_string());
            }
        }
        let kind = match field(2).as_str() {
            "individual" => EntityKind::Person,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            _ => EntityKind::Organization,
        };
        out.push(Record {
            file: "ofac_sdn/2024-05-03/sdn.csv",
            list: "SDN",
            id: field(0),
            kind: Some(kind),
            names,
            programs: field(3).split("] [").map(str::to_string).collect(),
            text: (4..12).map(field).collect::<Vec<_>>().join(" | "),
            ..Record::default()
        });
    }
    out
}

/// BIS Denied Persons List text file (tab-separated, quoted, header). One denial order often has several name rows
/// at the same address: rows with the same address and citation are read as one record with several names.
fn read_dpl(dir: &Path) -> Vec<Record> {
    let text = read(dir, "bis/dpl_2023-11.txt");
    let mut rd = csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).from_reader(text.as_bytes());
    let mut groups: BTreeMap<(String, String, String), Record> = BTreeMap::new();
    for row in rd.records() {
        let row = row.expect("DPL row");
        let f = |i: usize| row.get(i).unwrap_or("").trim().to_string();
        let key = (f(1), f(2), f(11));
        let rec = groups.entry(key).or_insert_with(|| Record {
            file: "bis/dpl_2023-11.txt",
            list: "DPL",
            citations: f(11),
            text: [f(1), f(2), f(3), f(4), f(5)].join(" | "),
            ..Record::default()
        });
        rec.names.push(f(0));
        rec.dates.extend(us_dates(&format!("{} {}", f(6), f(7))));
        rec.dates.extend(us_dates(&f(11)));
    }
    groups.into_values().collect()
}

/// The `bis_derived_2026-07/*.json` extractions (`{entities: [{name, aliases, country, address, effective_date,
/// federal_register, notes}]}`).
fn read_bis_json(dir: &Path, rel: &'static str, list: &'static str) -> Vec<Record> {
    let v: serde_json::Value = serde_json::from_str(&read(dir, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let s = |e: &serde_json::Value, k: &str| e.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let mut out = Vec::new();
    for (i, e) in v.get("entities").and_then(|x| x.as_array()).into_iter().flatten().enumerate() {
        let mut names = vec![s(e, "name")];
        for a in e.get("aliases").and_then(|x| x.as_array()).into_iter().flatten().filter_map(|a| a.as_str()) {
            // Parser debris in this extraction: "X, a.k.a., the following two aliases:".
            names.push(a.split(", a.k.a.").next().unwrap_or(a).to_string());
        }
        let (fr, notes) = (s(e, "federal_register"), s(e, "notes"));
        let mut dates: Vec<String> = vec![s(e, "effective_date")].into_iter().filter(|d| !d.is_empty()).collect();
        dates.extend(us_dates(&format!("{fr} {notes}")));
        // State Department measures: "Authority: Executive Order 13382; imposed 4/19/2024; ..." per measure.
        let programs = notes
            .split("Authority: ")
            .skip(1)
            .filter_map(|p| p.split(';').next())
            .map(|p| p.trim().to_string())
            .collect();
        out.push(Record {
            file: rel,
            list,
            id: format!("{rel}#{i}"),
            names,
            citations: format!("{fr} {notes}"),
            programs,
            dates,
            licence: notes.clone(),
            text: format!("{} | {} | {notes}", s(e, "address"), s(e, "country")),
            ..Record::default()
        });
    }
    out
}

/// Japan METI End User List extraction (`[{id, entity_name, aliases, addresses, reason}]`).
fn read_meti(dir: &Path) -> Vec<Record> {
    let rel = "jp/meti_end_user_list.json";
    let v: serde_json::Value = serde_json::from_str(&read(dir, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let s = |e: &serde_json::Value, k: &str| e.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let strings = |e: &serde_json::Value, k: &str| -> Vec<String> {
        e.get(k).and_then(|x| x.as_array()).into_iter().flatten().filter_map(|a| a.as_str()).map(String::from).collect()
    };
    let mut out = Vec::new();
    for e in v.as_array().into_iter().flatten() {
        let mut names = vec![s(e, "entity_name")];
        names.extend(strings(e, "aliases"));
        out.push(Record {
            file: rel,
            list: "METI",
            id: s(e, "id"),
            names,
            text: format!("{} | {}", strings(e, "addresses").join("; "), s(e, "reason")),
            ..Record::default()
        });
    }
    out
}

/// OFSI consolidated list CSV (row 1 "Last Updated", row 2 the header, one row per name, grouped by Group ID).
fn read_uk(dir: &Path) -> Vec<Record> {
    let text = read(dir, "uk/ofsi_conlist_2025-04-10.csv");
    let body = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
    let headers = rd.headers().expect("OFSI header").clone();
    let mut groups: BTreeMap<String, Record> = BTreeMap::new();
    for row in rd.records() {
        let row = row.expect("OFSI row");
        let col = |name: &str| -> String {
            headers.iter().position(|h| h == name).and_then(|i| row.get(i)).unwrap_or("").trim().to_string()
        };
        let rec = groups.entry(col("Group ID")).or_insert_with(|| Record {
            file: "uk/ofsi_conlist_2025-04-10.csv",
            list: "UK",
            id: col("Group ID"),
            ..Record::default()
        });
        let given: Vec<String> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5"]
            .iter()
            .map(|c| col(c))
            .filter(|n| !n.is_empty())
            .collect();
        let mut full = given.clone();
        full.push(col("Name 6"));
        rec.names.push(full.join(" "));
        let script = col("Name Non-Latin Script");
        if !script.is_empty() {
            rec.names.push(script);
        }
        rec.kind = match col("Group Type").as_str() {
            "Individual" => Some(EntityKind::Person),
            "Entity" => Some(EntityKind::Organization),
            "Ship" => Some(EntityKind::Vessel),
            _ => None,
        };
        rec.programs.push(col("Regime"));
        rec.dates.extend(uk_date(&col("Listed On")));
        let address: Vec<String> = ["Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6"]
            .iter()
            .map(|c| col(c))
            .chain([col("Post/Zip Code"), col("Country"), col("Other Information"), col("DOB")])
            .collect();
        rec.text.push_str(&address.join(" | "));
        rec.text.push('\n');
    }
    groups.into_values().collect()
}

/// UN Security Council consolidated list XML: INDIVIDUAL and ENTITY elements, names in FIRST_NAME..FOURTH_NAME,
/// aliases in ALIAS_NAME, the list reference in REFERENCE_NUMBER.
fn read_un(dir: &Path) -> Vec<Record> {
    use quick_xml::events::Event;
    let text = read(dir, "un/UN_consolidated_2026-02-27.xml");
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut out = Vec::new();
    let mut current: Option<(Record, Vec<String>)> = None; // the record and its name parts
    let mut element = String::new();
    let mut value = String::new();
    loop {
        let event = reader.read_event().expect("UN XML is well-formed");
        match event {
            Event::Start(e) => {
                let tag = String::from_utf8_lossy(e.local_name().as_ref()).to_string();
                if tag == "INDIVIDUAL" || tag == "ENTITY" {
                    let kind = if tag == "ENTITY" { EntityKind::Organization } else { EntityKind::Person };
                    let rec = Record {
                        file: "un/UN_consolidated_2026-02-27.xml",
                        list: "UN",
                        kind: Some(kind),
                        ..Record::default()
                    };
                    current = Some((rec, Vec::new()));
                }
                element = tag;
                value.clear();
            }
            Event::Text(t) => value.push_str(&t.decode().expect("UTF-8 text")),
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8 reference").to_string();
                let resolved = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    _ => name
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                };
                value.push_str(&resolved);
            }
            Event::End(e) => {
                let tag = String::from_utf8_lossy(e.local_name().as_ref()).to_string();
                let v = value.trim().to_string();
                if let Some((rec, parts)) = current.as_mut() {
                    match tag.as_str() {
                        "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME" | "FOURTH_NAME" if !v.is_empty() => parts.push(v),
                        "ALIAS_NAME" | "NAME_ORIGINAL_SCRIPT" if !v.is_empty() => rec.names.push(v),
                        "REFERENCE_NUMBER" => rec.id = v,
                        "UN_LIST_TYPE" => rec.programs.push(v),
                        "LISTED_ON" => rec.dates.push(v),
                        "INDIVIDUAL" | "ENTITY" => {
                            if let Some((mut rec, parts)) = current.take() {
                                rec.names.insert(0, parts.join(" "));
                                out.push(rec);
                            }
                        }
                        _ if tag == element && !v.is_empty() => {
                            rec.text.push_str(&v);
                            rec.text.push_str(" | ");
                        }
                        _ => {}
                    }
                }
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn read_all(dir: &Path) -> Vec<Record> {
    let mut all = read_csl(dir);
    all.extend(read_sdn(dir));
    all.extend(read_dpl(dir));
    all.extend(read_bis_json(dir, "bis_derived_2026-07/bis_entity_list.json", "EL"));
    all.extend(read_bis_json(dir, "bis_derived_2026-07/bis_meu.json", "MEU"));
    all.extend(read_bis_json(dir, "bis_derived_2026-07/bis_dpl.json", "DPL"));
    all.extend(read_bis_json(dir, "bis_derived_2026-07/state_nonproliferation.json", "ISN"));
    all.extend(read_meti(dir));
    all.extend(read_uk(dir));
    all.extend(read_un(dir));
    all
}

// ---------------------------------------------------------------------------------------------------------------
// The list reference an entry cites in its remarks.
// ---------------------------------------------------------------------------------------------------------------

const REFERENCE_MARKERS: [&str; 5] = ["OFAC SDN ent_num ", "UN reference ", "UK Group ID ", "METI ", "CSL id "];

/// The id the entry's remarks cite ("OFAC SDN ent_num 44035" → "44035"), if any.
fn cited_reference(e: &Entry) -> Option<String> {
    let remarks = e.remarks.as_deref()?;
    REFERENCE_MARKERS.iter().find_map(|m| {
        let rest = remarks.split_once(m)?.1;
        let id: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-').collect();
        let id = id.trim_end_matches('.').to_string();
        (!id.is_empty()).then_some(id)
    })
}

/// The entity's own name in its own script, where the list gives only a romanisation: accepted when the name is
/// written in a non-Latin script and the remarks cite the entity's official site ("Own name: https://..."). The
/// site cannot be read at test time, so the citation is what is checked.
fn own_name_cited(e: &Entry, alias: &str) -> bool {
    let non_latin =
        alias.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && !('\u{00C0}'..='\u{024F}').contains(&c));
    non_latin && e.remarks.as_deref().is_some_and(|r| r.contains("Own name: https://"))
}

/// Everything wrong with one demo entry, checked against the records of its own list.
fn problems(e: &Entry, all: &[Record]) -> Vec<String> {
    let mut out = Vec::new();
    let name = norm(&e.name);
    let mut recs: Vec<&Record> =
        all.iter().filter(|r| r.list == e.list_code && r.names.iter().any(|n| norm(n) == name)).collect();
    if recs.is_empty() {
        return vec![format!("{}: name {:?} is on no {} record", e.id, e.name, e.list_code)];
    }
    if let Some(reference) = cited_reference(e) {
        recs.retain(|r| r.id == reference);
        if recs.is_empty() {
            return vec![format!("{}: no {} record with id {reference} publishes {:?}", e.id, e.list_code, e.name)];
        }
    }
    let files: BTreeSet<&str> = recs.iter().map(|r| r.file).collect();
    let mut say = |what: String| out.push(format!("{}: {what} (records from {files:?})", e.id));

    for a in &e.aliases {
        let alias = norm(&a.name);
        let found = if a.kind == AliasKind::Derived {
            name.contains(&alias)
        } else {
            recs.iter().any(|r| r.names.iter().any(|n| norm(n) == alias)) || own_name_cited(e, &a.name)
        };
        if !found {
            say(format!("alias {:?} is not published with this name", a.name));
        }
    }
    if let Some(fr) = &e.federal_register {
        let cites = fr_citations(fr);
        let published: BTreeSet<String> = recs.iter().flat_map(|r| fr_citations(&r.citations)).collect();
        if cites.is_empty() {
            if !recs.iter().any(|r| alnum(&r.citations).contains(&alnum(fr))) {
                say(format!("notice {fr:?} is not in the record"));
            }
        } else {
            for c in cites.difference(&published) {
                say(format!("notice {c:?} is not in the record"));
            }
        }
    }
    let programs: BTreeSet<String> = recs.iter().flat_map(|r| r.programs.iter().map(|p| norm(p))).collect();
    for p in &e.programs {
        if !programs.contains(&norm(p)) {
            say(format!("programme {p:?} is not in the record ({programs:?})"));
        }
    }
    let dates: BTreeSet<&str> = recs.iter().flat_map(|r| r.dates.iter().map(String::as_str)).collect();
    for d in e.start_date.iter().chain(e.end_date.iter()) {
        if !dates.contains(d.as_str()) {
            say(format!("date {d} is not in the record ({dates:?})"));
        }
    }
    let text = recs.iter().map(|r| r.text.to_lowercase()).collect::<Vec<_>>().join("\n");
    let said = |needle: &str| text.contains(&needle.to_lowercase());
    for d in &e.dates_of_birth {
        if !said(d) {
            say(format!("date of birth {d} is not in the record"));
        }
    }
    for i in &e.identifiers {
        if !said(&i.value) {
            say(format!("identifier {} {} is not in the record", i.kind, i.value));
        }
    }
    for a in &e.addresses {
        if let Some(city) = &a.city {
            if !said(city) {
                say(format!("city {city:?} is not in the record's addresses"));
            }
        }
    }
    let kinds: BTreeSet<String> = recs.iter().filter_map(|r| r.kind).map(|k| format!("{k:?}")).collect();
    if !kinds.is_empty() && !kinds.contains(&format!("{:?}", e.kind)) {
        say(format!("kind {:?} disagrees with the record ({kinds:?})", e.kind));
    }
    let licence: BTreeSet<String> = recs.iter().flat_map(|r| words(&r.licence)).collect();
    for text in e.license_requirement.iter().chain(e.license_policy.iter()) {
        let missing: Vec<String> = words(text).difference(&licence).cloned().collect();
        if !missing.is_empty() {
            say(format!("licence text {text:?} has words the record does not: {missing:?}"));
        }
    }
    out
}

#[test]
fn demo_entries_match_the_published_lists() {
    let Some(dir) = shared_lists() else { return };
    let all = read_all(&dir);
    // Guard against a reader that silently reads nothing.
    for list in ["EL", "MEU", "UVL", "DPL", "SDN", "ISN", "UN", "UK", "METI"] {
        let n = all.iter().filter(|r| r.list == list).count();
        assert!(n >= 10, "only {n} {list} records read from {}", dir.display());
    }
    let demo = demo_list();
    let failures: Vec<String> = demo.entries.iter().flat_map(|e| problems(e, &all)).collect();
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn cross_check_catches_a_wrong_entry() {
    let Some(dir) = shared_lists() else { return };
    let all = read_all(&dir);
    let demo = demo_list();
    let hassan = demo.entries.iter().find(|e| e.id == "demo-el-hassan-scientific").expect("Hassan Scientific entry");
    assert!(problems(hassan, &all).is_empty());
    let mut wrong = hassan.clone();
    wrong.federal_register = Some("86 FR 29194, 6/1/21".into());
    wrong.aliases[0].name = "Hassan Scientific Company".into();
    wrong.start_date = Some("2021-06-02".into());
    assert_eq!(problems(&wrong, &all).len(), 3, "{:?}", problems(&wrong, &all));
    // A name in another script is accepted only with the entity's own site cited, and never a Latin one.
    let mut scripted = hassan.clone();
    scripted.aliases.push(Alias { name: "حسن سائنٹیفک".into(), ..Alias::default() });
    assert_eq!(problems(&scripted, &all).len(), 1);
    scripted.remarks = Some("Own name: https://example.com".into());
    assert!(problems(&scripted, &all).is_empty());
    scripted.aliases.push(Alias { name: "Hassan Scientific Co".into(), ..Alias::default() });
    assert_eq!(problems(&scripted, &all).len(), 1);
    let mut unknown = hassan.clone();
    unknown.name = "Hassan Scientific Corporation of Lahore".into();
    assert_eq!(problems(&unknown, &all).len(), 1);
}

#[test]
fn every_demo_entry_is_cited_and_consistent() {
    let demo = demo_list();
    assert!(
        demo.name.contains("demo") || demo.name.contains("Demo"),
        "list name {:?} must say it is a demo",
        demo.name
    );
    assert!(!demo.entries.is_empty());
    let mut ids = BTreeSet::new();
    for e in &demo.entries {
        assert!(ids.insert(e.id.as_str()), "duplicate id {}", e.id);
        let cited = e.federal_register.as_deref().is_some_and(|f| !f.trim().is_empty()) || cited_reference(e).is_some();
        assert!(cited, "{}: needs federalRegister or a list reference in remarks", e.id);
        assert!(
            e.source_url.as_deref().is_some_and(|u| u.starts_with("https://")),
            "{}: needs an https sourceUrl",
            e.id
        );
        assert!(!e.source.is_empty(), "{}: needs a source", e.id);
        let expected = match e.list_code.as_str() {
            "EL" | "MEU" => Effect::LicenceRequired,
            "SDN" | "UN" | "DPL" | "UK" => Effect::Prohibition,
            "UVL" | "ISN" | "METI" => Effect::RedFlag,
            other => panic!("{}: unexpected listCode {other:?}", e.id),
        };
        assert_eq!(e.effect, expected, "{}: effect for {}", e.id, e.list_code);
        assert!(!e.countries.is_empty(), "{}: needs countries", e.id);
        for c in e.countries.iter().chain(e.addresses.iter().filter_map(|a| a.country.as_ref())) {
            assert!(
                c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()),
                "{}: country {c:?} is not ISO-2",
                e.id
            );
        }
    }
}

/// `Entry` fills missing fields with defaults, so a misspelt key in the TOML would be dropped silently: every key
/// written must be a field of the model.
#[test]
fn demo_list_has_no_unknown_keys() {
    let raw: toml::Value = toml::from_str(DEMO_LIST_TOML).expect("TOML");
    let demo = demo_list();
    let entries = raw.get("entry").and_then(|v| v.as_array()).expect("[[entry]] blocks");
    assert_eq!(entries.len(), demo.entries.len());
    for (raw, parsed) in entries.iter().zip(&demo.entries) {
        let known = toml::Value::try_from(parsed).expect("entry serialises");
        check_keys(raw, &known, &parsed.id);
    }
}

fn check_keys(raw: &toml::Value, known: &toml::Value, at: &str) {
    match (raw, known) {
        (toml::Value::Table(r), toml::Value::Table(k)) => {
            for (key, value) in r {
                let Some(kv) = k.get(key) else { panic!("{at}: unknown key {key:?}") };
                check_keys(value, kv, &format!("{at}.{key}"));
            }
        }
        (toml::Value::Array(r), toml::Value::Array(k)) => {
            assert_eq!(r.len(), k.len(), "{at}");
            for (i, (rv, kv)) in r.iter().zip(k).enumerate() {
                check_keys(rv, kv, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}
