//! The US Consolidated Screening List (trade.gov) in its CSV/TSV download (29 columns, one row per listed party,
//! multi-valued fields joined with "; ") and its JSON download (`{"results": [...]}` or a bare array, multi-valued
//! fields as arrays, addresses as objects). The eleven source lists are told apart by the `source` column; each
//! entry keeps its own source, short code and legal effect (DOMAIN.md §1.1). Part of `lists`.

use std::borrow::Cow;

use serde_json::Value;

use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, SharedTexts};
use super::text::{
    birth_date, csv_error, csv_reader, looks_like_organization, opt, record_line, split_list, DateOrder,
};
use crate::error::{Error, Result};
use crate::text::csv;

/// The columns of the CSV download, in order (2022 layout; the parser finds columns by name).
pub const HEADER: [&str; 29] = [
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
];

const CSL_URL: &str = "https://www.trade.gov/consolidated-screening-list";
const LIST_NAME: &str = "US Consolidated Screening List";

/// Short code and legal effect of each CSL source (DOMAIN.md §1.1).
pub fn source_code(source: &str) -> (&'static str, Effect) {
    let s = source.to_ascii_lowercase();
    let table: [(&str, &str, Effect); 13] = [
        ("(sdn)", "SDN", Effect::Prohibition),
        ("entity list", "EL", Effect::LicenceRequired),
        ("military end user", "MEU", Effect::LicenceRequired),
        ("unverified", "UVL", Effect::RedFlag),
        ("denied persons", "DPL", Effect::Prohibition),
        ("nonproliferation", "ISN", Effect::RedFlag),
        ("debarred", "DTC", Effect::Prohibition),
        ("sectoral", "SSI", Effect::RedFlag),
        ("military-industrial", "CMIC", Effect::RedFlag),
        ("capta", "CAP", Effect::RedFlag),
        ("evaders", "FSE", Effect::RedFlag),
        ("palestinian", "PLC", Effect::RedFlag),
        ("menu-based", "NS-MBS", Effect::RedFlag),
    ];
    table.iter().find(|(k, _, _)| s.contains(k)).map(|(_, c, e)| (*c, *e)).unwrap_or(("CSL", Effect::RedFlag))
}

/// One CSL record, whichever download it came from (borrowing from the CSV record or the JSON value).
#[derive(Default)]
struct Row<'a> {
    id: Cow<'a, str>,
    /// OFAC's entity number, on the rows of OFAC's lists (SDN and non-SDN): the same party in OFAC's own files.
    entity_number: Cow<'a, str>,
    source: Cow<'a, str>,
    typ: Cow<'a, str>,
    programs: Vec<Cow<'a, str>>,
    name: Cow<'a, str>,
    title: Cow<'a, str>,
    addresses: Vec<Address>,
    federal_register: Cow<'a, str>,
    start_date: Cow<'a, str>,
    end_date: Cow<'a, str>,
    license_requirement: Cow<'a, str>,
    license_policy: Cow<'a, str>,
    call_sign: Cow<'a, str>,
    remarks: Cow<'a, str>,
    source_list_url: Cow<'a, str>,
    alt_names: Vec<Cow<'a, str>>,
    citizenships: Vec<Cow<'a, str>>,
    dates_of_birth: Vec<Cow<'a, str>>,
    nationalities: Vec<Cow<'a, str>>,
    ids: Vec<Identifier>,
}

/// ISO-2 code at the end of a CSL address ("…, Lahore, PK"), and the city before the postcode.
fn address(v: &str) -> Address {
    let v = v.trim();
    // Parts are joined with ", " and hold no comma themselves: a char split is enough and cheaper.
    let mut parts = v.rsplit(',').map(str::trim);
    let last = parts.next().unwrap_or("");
    let country = (last.len() == 2 && last.bytes().all(|x| x.is_ascii_uppercase())).then(|| last.to_string());
    let city = if country.is_some() {
        parts.find(|p| !p.is_empty() && !p.bytes().all(|c| c.is_ascii_digit())).map(str::to_string)
    } else {
        None
    };
    Address { full: v.to_string(), city, country }
}

/// A CSL `ids` item: parts joined with ", ", the type last ("JO, 2014-08-30, 2009-08-31, K475336, Passport").
fn identifier(id: &str) -> Option<Identifier> {
    let mut parts = id.rsplit(',').map(str::trim);
    let kind = parts.next()?.to_string();
    let value = parts.next().unwrap_or("").to_string();
    let more = parts.next().is_some();
    let country = id.split(',').next().map(str::trim).filter(|c| more && c.len() == 2).map(str::to_string);
    Some(Identifier { kind: kind.into(), value, country })
}

/// Aliases of one `alt_names` item: a leading "and " dropped (Entity List prose), and an alias that holds
/// "a.k.a." or "f.k.a." split there ("X, f.k.a., Y" gives X and Y, the latter a former name).
fn alias_parts(raw: &str) -> Vec<Alias> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("and ").unwrap_or(raw);
    if !raw.contains(".k.a.") {
        return vec![Alias { name: raw.to_string(), kind: AliasKind::Aka, ..Alias::default() }];
    }
    let mut out = Vec::new();
    let mut rest = raw;
    let mut kind = AliasKind::Aka;
    loop {
        let next = ["a.k.a.", "f.k.a.", "n.k.a."].iter().filter_map(|m| rest.find(m).map(|p| (p, *m))).min();
        let (part, tail) = match next {
            Some((p, m)) => (rest.get(..p).unwrap_or(""), Some((rest.get(p + m.len()..).unwrap_or(""), m))),
            None => (rest, None),
        };
        let part = clean_alias(part);
        if !part.is_empty() {
            out.push(Alias { name: part, kind, ..Alias::default() });
        }
        match tail {
            Some((t, m)) => {
                kind = match m {
                    "f.k.a." => AliasKind::Fka,
                    "n.k.a." => AliasKind::Nka,
                    _ => AliasKind::Aka,
                };
                rest = t;
            }
            None => break,
        }
    }
    out
}

/// Trims the punctuation a split leaves behind, and a closing bracket that has no opening one.
fn clean_alias(s: &str) -> String {
    let mut s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':')).trim_end_matches('(');
    s = s.trim();
    while s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        s = s.get(..s.len() - 1).unwrap_or("").trim();
    }
    s.to_string()
}

fn kind_of(typ: &str, code: &str, name: &str) -> EntityKind {
    let typ = typ.trim();
    let is = |k: &str| typ.eq_ignore_ascii_case(k);
    match () {
        _ if is("individual") => EntityKind::Person,
        _ if is("entity") => EntityKind::Organization,
        _ if is("vessel") => EntityKind::Vessel,
        _ if is("aircraft") => EntityKind::Aircraft,
        _ if looks_like_organization(name) => EntityKind::Organization,
        // BIS entity lists name organisations, save the odd person with a title before the name.
        _ if matches!(code, "EL" | "MEU" | "UVL") => {
            let first = name.split_whitespace().next().unwrap_or("").trim_end_matches('.').to_ascii_lowercase();
            if matches!(first.as_str(), "mr" | "mrs" | "ms" | "dr" | "prof" | "gen" | "col" | "maj" | "capt") {
                EntityKind::Person
            } else {
                EntityKind::Organization
            }
        }
        // DPL, DTC and ISN rows without a type are mostly people, but not always: say so rather than guess.
        _ => EntityKind::Unknown,
    }
}

/// `source_code` of the previous row: a file holds a dozen sources in long runs. `pool` holds one copy of each
/// text that many entries carry alike (sub-list, code, web page, programmes, licence policy) from the first row on,
/// so that the copies `lists::finish` would share afterwards are never made while the file is in memory.
#[derive(Default)]
struct SourceCache {
    source: String,
    code: (&'static str, Effect),
    pool: SharedTexts,
}

impl SourceCache {
    fn get(&mut self, source: &str) -> (&'static str, Effect) {
        if self.source.is_empty() || self.source != source {
            self.source = source.to_string();
            self.code = source_code(source);
        }
        self.code
    }
}

fn owned(v: Vec<Cow<'_, str>>) -> Vec<String> {
    v.into_iter().map(Cow::into_owned).collect()
}

fn entry(row: Row<'_>, cache: &mut SourceCache) -> Entry {
    let (code, effect) = cache.get(&row.source);
    let kind = kind_of(&row.typ, code, &row.name);
    let mut countries: Vec<String> = row.addresses.iter().filter_map(|a| a.country.clone()).collect();
    countries.extend(row.citizenships.iter().chain(&row.nationalities).filter(|c| c.len() == 2).map(|c| c.to_string()));
    let aliases = row.alt_names.iter().flat_map(|a| alias_parts(a)).collect();
    let mut identifiers = row.ids;
    let ent = row.entity_number.trim();
    if !ent.is_empty() {
        identifiers.push(Identifier { kind: crate::listings::REF_OFAC.into(), value: ent.to_string(), country: None });
    }
    if !row.call_sign.trim().is_empty() {
        identifiers.push(Identifier {
            kind: "Call Sign".into(),
            value: row.call_sign.trim().to_string(),
            country: None,
        });
    }
    let pool = &mut cache.pool;
    let mut remarks = opt(&row.remarks);
    if let Some(title) = opt(&row.title) {
        remarks = Some(match remarks {
            Some(r) => format!("{title}; {r}"),
            None => title,
        });
    }
    Entry {
        id: row.id.trim().to_string(),
        kind,
        name: row.name.trim().to_string(),
        aliases,
        addresses: row.addresses,
        countries,
        programs: row.programs.iter().map(|p| pool.get(p)).collect(),
        source: pool.get(row.source.trim()),
        list_code: pool.get(code),
        effect,
        start_date: opt(&row.start_date),
        end_date: opt(&row.end_date),
        dates_of_birth: row.dates_of_birth.iter().filter_map(|d| birth_date(d, DateOrder::MonthFirst)).collect(),
        nationalities: owned(row.nationalities),
        identifiers,
        remarks,
        license_requirement: opt(&row.license_requirement).map(|s| pool.get(&s)),
        license_policy: opt(&row.license_policy).map(|s| pool.get(&s)),
        federal_register: opt(&row.federal_register),
        source_url: Some(pool.get(opt(&row.source_list_url).as_deref().unwrap_or(CSL_URL))),
    }
}

fn list(format: &str, entries: Vec<Entry>) -> ParsedList {
    ParsedList { format: format.into(), name: LIST_NAME.into(), published: None, entries, supplement_for: None }
}

/// Parses the CSL CSV (`delimiter` b',') or TSV (b'\t'); the text must start with the header row.
pub fn parse_csv(text: &str, delimiter: u8) -> Result<ParsedList> {
    let mut rdr = csv_reader(text, delimiter);
    let mut rec = csv::StringRecord::new();
    if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        return Err(Error::list_format("no header line"));
    }
    let col = |name: &str| rec.iter().position(|h| h.trim().trim_start_matches('\u{feff}') == name);
    let (Some(c_name), Some(c_source)) = (col("name"), col("source")) else {
        return Err(Error::list_format(format!(
            "line 1: expected the CSL header ({}, …), found \"{}\"",
            HEADER.get(..6).unwrap_or(&[]).join(", "),
            rec.iter().take(6).collect::<Vec<_>>().join(",")
        )));
    };
    let c = |name: &str| col(name).unwrap_or(usize::MAX);
    let cols = [
        c("_id"),
        c("entity_number"),
        c("type"),
        c("programs"),
        c("title"),
        c("addresses"),
        c("federal_register_notice"),
        c("start_date"),
        c("end_date"),
        c("license_requirement"),
        c("license_policy"),
        c("call_sign"),
        c("remarks"),
        c("source_list_url"),
        c("alt_names"),
        c("citizenships"),
        c("dates_of_birth"),
        c("nationalities"),
        c("ids"),
    ];
    let [c_id, c_ent, c_type, c_programs, c_title, c_addresses, c_frn, c_start, c_end, c_lreq, c_lpol, c_call, c_remarks, c_url, c_alt, c_cit, c_dob, c_nat, c_ids] =
        cols;
    let header_len = rec.len();
    let mut entries = Vec::new();
    let mut cache = SourceCache::default();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        let line = || record_line(text, &rec);
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != header_len {
            return Err(Error::list_format(format!(
                "line {}: expected {header_len} fields, found {} (a broken quote or a truncated file?)",
                line(),
                rec.len()
            )));
        }
        let f = |k: usize| Cow::Borrowed(rec.get(k).unwrap_or(""));
        let multi = |k: usize| split_list(rec.get(k).unwrap_or(""), "; ").map(Cow::Borrowed).collect::<Vec<_>>();
        let name = f(c_name);
        if name.trim().is_empty() {
            return Err(Error::list_format(format!("line {}: empty name", line())));
        }
        entries.push(entry(
            Row {
                id: f(c_id),
                entity_number: f(c_ent),
                source: f(c_source),
                typ: f(c_type),
                programs: multi(c_programs),
                name,
                title: f(c_title),
                addresses: split_list(rec.get(c_addresses).unwrap_or(""), "; ").map(address).collect(),
                federal_register: f(c_frn),
                start_date: f(c_start),
                end_date: f(c_end),
                license_requirement: f(c_lreq),
                license_policy: f(c_lpol),
                call_sign: f(c_call),
                remarks: f(c_remarks),
                source_list_url: f(c_url),
                alt_names: multi(c_alt),
                citizenships: multi(c_cit),
                dates_of_birth: multi(c_dob),
                nationalities: multi(c_nat),
                ids: split_list(rec.get(c_ids).unwrap_or(""), "; ").filter_map(identifier).collect(),
            },
            &mut cache,
        ));
    }
    Ok(list(if delimiter == b'\t' { "csl-tsv" } else { "csl-csv" }, entries))
}

/// A JSON scalar as text (strings as they are, numbers printed, arrays joined, null and others empty).
fn text_of(v: Option<&Value>) -> Cow<'_, str> {
    match v {
        Some(Value::String(s)) => Cow::Borrowed(s.trim()),
        Some(Value::Number(n)) => Cow::Owned(n.to_string()),
        Some(Value::Array(a)) => {
            Cow::Owned(a.iter().map(|x| text_of(Some(x))).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; "))
        }
        _ => Cow::Borrowed(""),
    }
}

/// A multi-valued JSON field: an array of strings, or one string joined with "; ".
fn texts_of(v: Option<&Value>) -> Vec<Cow<'_, str>> {
    match v {
        Some(Value::Array(a)) => a.iter().map(|x| text_of(Some(x))).filter(|s| !s.is_empty()).collect(),
        Some(Value::String(s)) => split_list(s, "; ").map(Cow::Borrowed).collect(),
        _ => Vec::new(),
    }
}

fn json_address(v: &Value) -> Option<Address> {
    match v {
        Value::String(s) => Some(address(s)),
        Value::Object(o) => {
            let get = |k: &str| text_of(o.get(k)).into_owned();
            let country = get("country");
            let city = get("city");
            let full: Vec<String> = ["address", "city", "state", "postal_code", "country"]
                .iter()
                .map(|k| get(k))
                .filter(|s| !s.is_empty())
                .collect();
            Some(Address {
                full: full.join(", "),
                city: (!city.is_empty()).then_some(city),
                country: (!country.is_empty()).then_some(country),
            })
        }
        _ => None,
    }
}

fn json_identifier(v: &Value) -> Option<Identifier> {
    match v {
        Value::String(s) => identifier(s),
        Value::Object(o) => {
            let get = |k: &str| text_of(o.get(k)).into_owned();
            let country = get("country");
            Some(Identifier {
                kind: get("type").into(),
                value: get("number"),
                country: (!country.is_empty()).then_some(country),
            })
        }
        _ => None,
    }
}

/// Parses the CSL JSON download.
pub fn parse_json(v: Value) -> Result<ParsedList> {
    let rows = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("results") {
            Some(Value::Array(a)) => a,
            _ => return Err(Error::list_format("expected a \"results\" array of CSL records")),
        },
        _ => return Err(Error::list_format("expected a JSON array or {\"results\": [...]} of CSL records")),
    };
    let mut entries = Vec::with_capacity(rows.len());
    let mut cache = SourceCache::default();
    for (i, r) in rows.iter().enumerate() {
        let Some(o) = r.as_object() else {
            return Err(Error::list_format(format!("record {}: expected a JSON object", i + 1)));
        };
        let get = |k: &str| text_of(o.get(k));
        let name = get("name");
        if name.is_empty() {
            return Err(Error::list_format(format!("record {}: no \"name\"", i + 1)));
        }
        let id = [get("_id"), get("id"), get("entity_number")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
        let addresses = match o.get("addresses") {
            Some(Value::Array(a)) => a.iter().filter_map(json_address).collect(),
            Some(Value::String(s)) => split_list(s, "; ").map(address).collect(),
            _ => Vec::new(),
        };
        let ids = match o.get("ids") {
            Some(Value::Array(a)) => a.iter().filter_map(json_identifier).collect(),
            Some(Value::String(s)) => split_list(s, "; ").filter_map(identifier).collect(),
            _ => Vec::new(),
        };
        entries.push(entry(
            Row {
                id,
                entity_number: get("entity_number"),
                source: get("source"),
                typ: get("type"),
                programs: texts_of(o.get("programs")),
                name,
                title: get("title"),
                addresses,
                federal_register: get("federal_register_notice"),
                start_date: get("start_date"),
                end_date: get("end_date"),
                license_requirement: get("license_requirement"),
                license_policy: get("license_policy"),
                call_sign: get("call_sign"),
                remarks: get("remarks"),
                source_list_url: get("source_list_url"),
                alt_names: texts_of(o.get("alt_names")),
                citizenships: texts_of(o.get("citizenships")),
                dates_of_birth: texts_of(o.get("dates_of_birth")),
                nationalities: texts_of(o.get("nationalities")),
                ids,
            },
            &mut cache,
        ));
    }
    Ok(list("csl-json", entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_csv_reads_an_entity_list_row() {
        let text = format!(
            "{}\nabc,Entity List (EL) - Bureau of Industry and Security,,,,Example Trading Co.,,\"1 Main Road, Lahore, PK\",86 FR 29193,2021-06-01,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,http://example.invalid,Example Traders; and Example Trading Company,,,,,,\n",
            HEADER.join(",")
        );
        let l = parse_csv(&text, b',').expect("parses");
        let e = &l.entries[0];
        assert_eq!((e.list_code.as_str(), e.effect), ("EL", Effect::LicenceRequired));
        assert_eq!(e.kind, EntityKind::Organization);
        assert_eq!(e.countries, vec!["PK"]);
        assert_eq!(e.addresses[0].city.as_deref(), Some("Lahore"));
        assert_eq!(
            e.aliases.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            vec!["Example Traders", "Example Trading Company"]
        );
        assert_eq!(e.federal_register.as_deref(), Some("86 FR 29193"));
    }

    #[test]
    fn parse_csv_rejects_other_columns() {
        let e = parse_csv("a,b,c\n1,2,3\n", b',').expect_err("not CSL columns");
        assert_eq!(e.kind(), &crate::ErrorKind::ListFormat);
        assert!(e.message().contains("_id"), "{e}");
    }

    #[test]
    fn alias_parts_splits_aka_inside_an_alias() {
        let names = |s: &str| alias_parts(s).into_iter().map(|a| (a.name, a.kind)).collect::<Vec<_>>();
        assert_eq!(
            names("and Example Testing Institute a.k.a. Example Institute of Testing"),
            vec![
                ("Example Testing Institute".to_string(), AliasKind::Aka),
                ("Example Institute of Testing".to_string(), AliasKind::Aka)
            ]
        );
        assert_eq!(
            names("Example Works (f.k.a., Example Old Works (EOW))"),
            vec![
                ("Example Works".to_string(), AliasKind::Aka),
                ("Example Old Works (EOW)".to_string(), AliasKind::Fka)
            ]
        );
        assert_eq!(names("f.k.a. Example Former OAO"), vec![("Example Former OAO".to_string(), AliasKind::Fka)]);
    }
}
