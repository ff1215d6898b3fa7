//! Third-party JSON renderings of official lists that users may still have (DOMAIN.md §2.9; not official formats):
//! the `nsfreg` files (`{list_id, extracted, entities: [{name, aliases, country, address, federal_register, …}]}`,
//! one file per US list) and the `xyna` registry files (an array of `{id, entity_name, aliases, addresses, country,
//! list_id, reason, source_url, …}`: Japan's METI End User List, China's MOFCOM lists). Their `country` is sometimes
//! the issuing country, so for `xyna` files the parties' countries come from their addresses. Part of `lists`.

use serde_json::Value;

use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, ParsedList, Shared, Strength};
use super::text::{iso_date, short_hash, split_list, DateOrder};
use crate::error::{Error, Result};
use crate::geo as country;

fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(x)) => x.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().map(|x| s(Some(x))).filter(|x| !x.is_empty()).collect(),
        Some(Value::String(x)) if !x.trim().is_empty() => vec![x.trim().to_string()],
        _ => Vec::new(),
    }
}

/// List code, effect and display name of an nsfreg `list_id`.
fn nsfreg_list(id: &str) -> (&'static str, Effect, &'static str) {
    match id {
        "bis-entity-list" => ("EL", Effect::LicenceRequired, "BIS Entity List"),
        "bis-meu" => ("MEU", Effect::LicenceRequired, "BIS Military End-User List"),
        "bis-dpl" => ("DPL", Effect::Prohibition, "BIS Denied Persons List"),
        "state-debarred-statutory" => ("DTC", Effect::Prohibition, "State Department statutory debarment (ITAR)"),
        "state-debarred-admin" => ("DTC", Effect::Prohibition, "State Department administrative debarment (ITAR)"),
        "state-nonproliferation" => ("ISN", Effect::RedFlag, "State Department Nonproliferation Sanctions"),
        "ofac-nscmic" => ("CMIC", Effect::RedFlag, "OFAC Non-SDN Chinese Military-Industrial Complex List"),
        "ofac-eo14032" => ("CMIC", Effect::RedFlag, "EO 14032 Annex (Chinese military-industrial complex)"),
        "dow-1260h" => ("1260H", Effect::RedFlag, "Section 1260H List (Chinese military companies)"),
        "dow-1286" => ("1286", Effect::RedFlag, "NDAA Section 1286 List"),
        "dhs-uflpa" => ("UFLPA", Effect::RedFlag, "UFLPA Entity List"),
        "cbp-wro" => ("WRO", Effect::RedFlag, "CBP Withhold Release Orders"),
        "fcc-covered" => ("FCC", Effect::RedFlag, "FCC Covered List"),
        _ => ("US", Effect::RedFlag, "US restricted-party list (derived)"),
    }
}

/// The official page of an nsfreg list where one is stable, else the page the derived files were made for.
fn nsfreg_url(code: &str) -> &'static str {
    match code {
        "EL" => "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%204%20to%20Part%20744",
        "MEU" => "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%207%20to%20Part%20744",
        "DPL" => "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls/denied-persons-list",
        _ => "https://www.nsf.gov/funding/information/dcl-prohibition-collaborations-entities-us-prohibited-party",
    }
}

/// The country a free-text address ends with ("…, Kabul, Afghanistan.").
fn address_country(a: &str) -> Option<String> {
    let last = a.trim().trim_end_matches('.').rsplit(',').next()?.trim();
    country::iso2(last).map(str::to_string)
}

/// Parses an nsfreg file.
pub(crate) fn parse_nsfreg(v: Value) -> Result<ParsedList> {
    let list_id = s(v.get("list_id"));
    let Some(items) = v.get("entities").and_then(Value::as_array) else {
        return Err(Error::list_format("expected an \"entities\" array"));
    };
    let (code, effect, name) = nsfreg_list(&list_id);
    let mut entries = Vec::with_capacity(items.len());
    for (i, e) in items.iter().enumerate() {
        let n = s(e.get("name"));
        if n.is_empty() {
            return Err(Error::list_format(format!("entity {}: no \"name\"", i + 1)));
        }
        let country_name = s(e.get("country"));
        let address = s(e.get("address"));
        let addresses: Vec<Address> = split_list(&address, "; and ")
            .flat_map(|a| split_list(a, "; "))
            .map(|a| Address { full: a.to_string(), city: None, country: address_country(a) })
            .collect();
        let mut countries: Vec<String> = country::iso2(&country_name).map(str::to_string).into_iter().collect();
        countries.extend(addresses.iter().filter_map(|a| a.country.clone()));
        let fr = s(e.get("federal_register"));
        entries.push(Entry {
            id: format!("{list_id}-{}", short_hash(&[&n, &address, &fr])),
            kind: EntityKind::Unknown,
            name: n,
            aliases: strings(e.get("aliases"))
                .into_iter()
                .map(|a| Alias { name: a, kind: AliasKind::Aka, strength: Strength::Unknown })
                .collect(),
            addresses,
            countries,
            source: name.into(),
            list_code: code.into(),
            effect,
            start_date: iso_date(&s(e.get("effective_date")), DateOrder::MonthFirst),
            remarks: Some(s(e.get("notes"))).filter(|x| !x.is_empty()),
            federal_register: Some(fr).filter(|x| !x.is_empty()),
            source_url: Some(nsfreg_url(code).into()),
            ..Entry::default()
        });
    }
    Ok(ParsedList {
        format: "nsfreg-json".into(),
        name: format!("{name} (derived copy)"),
        published: iso_date(&s(v.get("extracted")), DateOrder::MonthFirst),
        entries,
        supplement_for: None,
    })
}

/// Parses an xyna registry file.
pub(crate) fn parse_xyna(v: Value) -> Result<ParsedList> {
    let Some(items) = v.as_array() else {
        return Err(Error::list_format("expected a JSON array of entities"));
    };
    let mut published: Option<String> = None;
    let mut list_names: Vec<String> = Vec::new();
    let mut entries = Vec::with_capacity(items.len());
    for (i, e) in items.iter().enumerate() {
        let mut aliases = strings(e.get("aliases"));
        let mut n = s(e.get("entity_name"));
        if n.is_empty() && !aliases.is_empty() {
            // A few records have only aliases: the first stands in for the name.
            n = aliases.remove(0);
        }
        let id = s(e.get("id"));
        if n.is_empty() {
            // The derived file's own parse left a few records with no name at all: nothing to screen against.
            continue;
        }
        if id.is_empty() {
            return Err(Error::list_format(format!("entity {}: no \"id\"", i + 1)));
        }
        let list_id = s(e.get("list_id"));
        let (code, effect) = if list_id.starts_with("jp-") {
            ("METI", Effect::RedFlag)
        } else if list_id.starts_with("cn-") {
            ("MOFCOM", Effect::RedFlag)
        } else {
            ("OTHER", Effect::RedFlag)
        };
        let source = s(e.get("source_list_name"));
        if !source.is_empty() && !list_names.contains(&source) {
            list_names.push(source.clone());
        }
        if let Some(d) = iso_date(&s(e.get("last_verified")), DateOrder::MonthFirst) {
            if published.as_ref().is_none_or(|p| d > *p) {
                published = Some(d);
            }
        }
        let addresses: Vec<Address> = strings(e.get("addresses"))
            .into_iter()
            .map(|a| Address { country: address_country(&a), full: a, city: None })
            .collect();
        let kind = match s(e.get("entity_type")).to_ascii_lowercase().as_str() {
            "organization" | "entity" | "company" => EntityKind::Organization,
            "individual" | "person" => EntityKind::Person,
            _ => EntityKind::Unknown,
        };
        let reason = s(e.get("reason"));
        entries.push(Entry {
            id,
            kind,
            name: n,
            aliases: aliases
                .into_iter()
                .map(|a| Alias { name: a, kind: AliasKind::Aka, strength: Strength::Unknown })
                .collect(),
            addresses,
            source: if source.is_empty() { list_id.into() } else { source.into() },
            list_code: code.into(),
            effect,
            start_date: iso_date(&s(e.get("date_added")), DateOrder::MonthFirst),
            remarks: (!reason.is_empty()).then_some(reason),
            source_url: Some(s(e.get("source_url"))).filter(|u| !u.is_empty()).map(Shared::from),
            ..Entry::default()
        });
    }
    Ok(ParsedList {
        format: "xyna-json".into(),
        name: match list_names.as_slice() {
            [one] => format!("{one} (derived copy)"),
            _ if entries.iter().all(|e| e.list_code == "MOFCOM") => {
                "China MOFCOM export-control lists (derived copy)".into()
            }
            _ => "Export-control lists (derived copy)".into(),
        },
        published,
        entries,
        supplement_for: None,
    })
}
