//! OpenSanctions exports: `targets.simple.csv` (one row per target, multi-valued fields joined with ";", countries
//! as lower-case ISO-2; DOMAIN.md §2.8) and FollowTheMoney entities (`entities.ftm.json`: one JSON object per line,
//! `{id, schema, properties: {name: [...], alias: [...], country: [...], ...}, datasets}`). Part of `lists`.
//!
//! Legal effect, kept simple: an entry is a prohibition when the source says it is sanctioned (a non-empty
//! `sanctions` column in the CSV; the topic `sanction` in FollowTheMoney), otherwise a red flag. OpenSanctions is a
//! secondary source: the official list decides.

use serde_json::Value;

use super::detect::JsonDoc;
use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Shared, Strength};
use super::text::{birth_date, csv_error, csv_reader, iso_date, record_line, split_list, DateOrder};
use crate::error::{Error, Result};
use crate::text::csv;

const NAME: &str = "OpenSanctions";

fn kind_of(schema: &str) -> Option<EntityKind> {
    Some(match schema {
        "Person" => EntityKind::Person,
        "Company" | "Organization" | "LegalEntity" | "PublicBody" => EntityKind::Organization,
        "Vessel" => EntityKind::Vessel,
        "Airplane" => EntityKind::Aircraft,
        _ => return None,
    })
}

fn entity_url(id: &str) -> String {
    format!("https://www.opensanctions.org/entities/{id}/")
}

/// The later of two ISO timestamps' dates.
fn later(cur: Option<String>, candidate: &str) -> Option<String> {
    let d = iso_date(candidate, DateOrder::DayFirst);
    match (cur, d) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Parses `targets.simple.csv`.
pub(crate) fn parse_csv(text: &str) -> Result<ParsedList> {
    let mut rdr = csv_reader(text, b',');
    let mut rec = csv::StringRecord::new();
    if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        return Err(Error::list_format("no header line"));
    }
    let col = |n: &str| rec.iter().position(|h| h.trim().trim_start_matches('\u{feff}') == n).unwrap_or(usize::MAX);
    let cols = [
        "id",
        "schema",
        "name",
        "aliases",
        "birth_date",
        "countries",
        "addresses",
        "identifiers",
        "sanctions",
        "program_ids",
        "dataset",
        "first_seen",
        "last_seen",
    ]
    .map(col);
    let [c_id, c_schema, c_name, c_aliases, c_birth, c_countries, c_addresses, c_ids, c_sanctions, c_programs, c_dataset, c_first, c_last] =
        cols;
    if c_id == usize::MAX || c_name == usize::MAX || c_schema == usize::MAX {
        return Err(Error::list_format("line 1: expected the targets.simple.csv header (id, schema, name, …)"));
    }
    let header_len = rec.len();
    let mut published: Option<String> = None;
    let mut dataset_name: Option<String> = None;
    let mut entries = Vec::new();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = || record_line(text, &rec);
        if rec.len() != header_len {
            return Err(Error::list_format(format!(
                "line {}: expected {header_len} fields, found {}",
                line(),
                rec.len()
            )));
        }
        let f = |k: usize| rec.get(k).unwrap_or("").trim();
        // An empty value sometimes arrives as the two characters `""`.
        let g = |k: usize| {
            let v = f(k);
            if v == "\"\"" {
                ""
            } else {
                v
            }
        };
        let (id, name) = (f(c_id), f(c_name));
        if id.is_empty() || name.is_empty() {
            return Err(Error::list_format(format!("line {}: empty id or name", line())));
        }
        published = later(published, f(c_last));
        if dataset_name.is_none() && !f(c_dataset).is_empty() {
            dataset_name = Some(f(c_dataset).to_string());
        }
        let sanctioned = !g(c_sanctions).is_empty();
        entries.push(Entry {
            id: id.to_string(),
            kind: kind_of(f(c_schema)).unwrap_or_default(),
            name: name.to_string(),
            aliases: split_list(g(c_aliases), ";")
                .map(|a| Alias { name: a.to_string(), kind: AliasKind::Aka, strength: Strength::Unknown })
                .collect(),
            addresses: split_list(g(c_addresses), ";")
                .map(|a| Address { full: a.to_string(), city: None, country: None })
                .collect(),
            countries: split_list(g(c_countries), ";").map(str::to_ascii_uppercase).collect(),
            programs: split_list(g(c_programs), ";").map(Shared::from).collect(),
            source: if f(c_dataset).is_empty() { NAME.into() } else { f(c_dataset).into() },
            list_code: "OS".into(),
            effect: if sanctioned { Effect::Prohibition } else { Effect::RedFlag },
            start_date: iso_date(f(c_first), DateOrder::DayFirst),
            dates_of_birth: split_list(g(c_birth), ";").filter_map(|d| birth_date(d, DateOrder::DayFirst)).collect(),
            identifiers: split_list(g(c_ids), ";")
                .map(|v| Identifier { kind: "Identifier".into(), value: v.to_string(), country: None })
                .collect(),
            remarks: (sanctioned).then(|| g(c_sanctions).to_string()),
            source_url: Some(entity_url(id).into()),
            ..Entry::default()
        });
    }
    let name = dataset_name.map_or_else(|| NAME.to_string(), |d| format!("{NAME}: {d}"));
    Ok(ParsedList { format: "opensanctions-csv".into(), name, published, entries, supplement_for: None })
}

/// The strings of a FollowTheMoney property (nested entities in `targets.nested.json` give their caption).
fn prop<'v>(props: &'v serde_json::Map<String, Value>, key: &str) -> impl Iterator<Item = String> + 'v {
    props.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(|v| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => o.get("caption").and_then(Value::as_str).map(|s| s.trim().to_string()),
        _ => None,
    })
}

/// One FollowTheMoney entity, or `None` for schemata that are not parties (Sanction, Address, Ownership, …) and
/// for non-target entities when the export marks targets.
fn ftm_entity(v: &Value, line: usize, published: &mut Option<String>) -> Result<Option<Entry>> {
    let Some(o) = v.as_object() else {
        return Err(Error::list_format(format!("line {line}: expected a JSON object")));
    };
    let schema = o.get("schema").and_then(Value::as_str).unwrap_or("");
    let Some(kind) = kind_of(schema) else { return Ok(None) };
    if o.get("target").and_then(Value::as_bool) == Some(false) {
        return Ok(None);
    }
    let id = o.get("id").and_then(Value::as_str).unwrap_or("").trim().to_string();
    let empty = serde_json::Map::new();
    let props = o.get("properties").and_then(Value::as_object).unwrap_or(&empty);
    let mut names = prop(props, "name");
    let name =
        names.next().or_else(|| o.get("caption").and_then(Value::as_str).map(str::to_string)).unwrap_or_default();
    if id.is_empty() || name.is_empty() {
        return Err(Error::list_format(format!("line {line}: a {schema} without id or name")));
    }
    for k in ["last_change", "last_seen"] {
        if let Some(t) = o.get(k).and_then(Value::as_str) {
            *published = later(published.take(), t);
        }
    }
    let aka = |s: String, kind, strength| Alias { name: s, kind, strength };
    let mut aliases: Vec<Alias> = names.map(|s| aka(s, AliasKind::Aka, Strength::Unknown)).collect();
    aliases.extend(prop(props, "alias").map(|s| aka(s, AliasKind::Aka, Strength::Unknown)));
    aliases.extend(prop(props, "previousName").map(|s| aka(s, AliasKind::Fka, Strength::Unknown)));
    aliases.extend(prop(props, "weakAlias").map(|s| aka(s, AliasKind::Aka, Strength::Weak)));
    let mut countries = Vec::new();
    for k in ["country", "nationality", "citizenship", "jurisdiction", "mainCountry"] {
        countries.extend(prop(props, k).filter(|c| c.len() == 2).map(|c| c.to_ascii_uppercase()));
    }
    let mut identifiers = Vec::new();
    for (k, label) in [
        ("idNumber", "ID"),
        ("passportNumber", "Passport"),
        ("registrationNumber", "Registration Number"),
        ("taxNumber", "Tax ID"),
        ("innCode", "INN"),
        ("ogrnCode", "OGRN"),
        ("imoNumber", "IMO"),
        ("leiCode", "LEI"),
    ] {
        identifiers.extend(prop(props, k).map(|v| Identifier { kind: label.into(), value: v, country: None }));
    }
    let topics: Vec<String> = prop(props, "topics").collect();
    let sanctioned = topics.iter().any(|t| t == "sanction");
    let datasets: Vec<String> = o
        .get("datasets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let notes: Vec<String> = prop(props, "notes").collect();
    let start_date = prop(props, "createdAt").next().and_then(|d| iso_date(&d, DateOrder::DayFirst));
    let entry = Entry {
        id: id.clone(),
        kind,
        name,
        aliases,
        addresses: prop(props, "address").map(|a| Address { full: a, city: None, country: None }).collect(),
        countries,
        programs: prop(props, "programId").map(Shared::from).collect(),
        source: if datasets.is_empty() { NAME.into() } else { format!("{NAME} ({})", datasets.join(", ")).into() },
        list_code: "OS".into(),
        effect: if sanctioned { Effect::Prohibition } else { Effect::RedFlag },
        start_date,
        dates_of_birth: prop(props, "birthDate").filter_map(|d| birth_date(&d, DateOrder::DayFirst)).collect(),
        nationalities: prop(props, "nationality").collect(),
        identifiers,
        remarks: (!notes.is_empty()).then(|| notes.join(" ")),
        source_url: Some(entity_url(&id).into()),
        ..Entry::default()
    };
    Ok(Some(entry))
}

/// Parses FollowTheMoney entities: JSON lines, an array, or one object.
pub(crate) fn parse_ftm(doc: JsonDoc<'_>) -> Result<ParsedList> {
    let mut published = None;
    let mut entries = Vec::new();
    match doc {
        JsonDoc::Lines(text) => {
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line)
                    .map_err(|e| Error::list_format(format!("line {}: invalid JSON ({e}; truncated file?)", i + 1)))?;
                entries.extend(ftm_entity(&v, i + 1, &mut published)?);
            }
        }
        JsonDoc::Value(Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                entries.extend(ftm_entity(v, i + 1, &mut published)?);
            }
        }
        JsonDoc::Value(v) => entries.extend(ftm_entity(&v, 1, &mut published)?),
    }
    Ok(ParsedList { format: "ftm-json".into(), name: NAME.into(), published, entries, supplement_for: None })
}
