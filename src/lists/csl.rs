//! The US Consolidated Screening List (trade.gov) in its CSV download: 29 columns, one row per listed party, the
//! eleven source lists told apart by the `source` column, multi-valued fields joined with "; ".

use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList};
use crate::error::{Error, Result};

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

fn split_multi(v: &str) -> impl Iterator<Item = &str> {
    v.split("; ").map(str::trim).filter(|x| !x.is_empty())
}

fn opt(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// ISO-2 code at the end of a CSL address ("…, Lahore, PK").
fn address(v: &str) -> Address {
    let parts: Vec<&str> = v.split(", ").map(str::trim).collect();
    let country =
        parts.last().filter(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase())).map(|c| c.to_string());
    let city = if country.is_some() && parts.len() >= 2 {
        parts
            .iter()
            .rev()
            .skip(1)
            .find(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit()))
            .map(|s| s.to_string())
    } else {
        None
    };
    Address { full: v.trim().to_string(), city, country }
}

/// Parses the CSL CSV; `text` must start with the header row.
pub fn parse_csv(text: &str) -> Result<ParsedList> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| Error::list_format(format!("header line: {e}")))?.clone();
    if headers.len() != HEADER.len() || headers.iter().zip(HEADER).any(|(a, b)| a.trim() != b) {
        return Err(Error::list_format(format!(
            "line 1: expected the {} CSL columns ({}, …), found {} columns",
            HEADER.len(),
            HEADER[..3].join(", "),
            headers.len()
        )));
    }
    let mut entries = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| Error::list_format(format!("line {line}: {e}")))?;
        let f = |k: usize| rec.get(k).unwrap_or("");
        let name = f(5).trim();
        if name.is_empty() {
            return Err(Error::list_format(format!("line {line}: empty name")));
        }
        let (code, effect) = source_code(f(1));
        let kind = match f(3).trim().to_ascii_lowercase().as_str() {
            "individual" => EntityKind::Person,
            "entity" => EntityKind::Organization,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            _ => EntityKind::Unknown,
        };
        let addresses: Vec<Address> = split_multi(f(7)).map(address).collect();
        let mut countries: Vec<String> = addresses.iter().filter_map(|a| a.country.clone()).collect();
        for c in split_multi(f(23)).chain(split_multi(f(25))) {
            if c.len() == 2 {
                countries.push(c.to_ascii_uppercase());
            }
        }
        countries.sort();
        countries.dedup();
        let aliases: Vec<Alias> = split_multi(f(22))
            .map(|a| a.strip_prefix("and ").unwrap_or(a).trim())
            .filter(|a| !a.is_empty() && *a != name)
            .map(|a| Alias { name: a.to_string(), kind: AliasKind::Aka, ..Alias::default() })
            .collect();
        let identifiers = split_multi(f(28))
            .filter_map(|id| {
                let parts: Vec<&str> = id.split(", ").collect();
                let kind = parts.last()?.trim().to_string();
                let value = parts
                    .len()
                    .checked_sub(2)
                    .and_then(|k| parts.get(k))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default();
                let country = parts.first().filter(|c| parts.len() > 2 && c.len() == 2).map(|c| c.to_string());
                Some(Identifier { kind, value, country })
            })
            .collect();
        entries.push(Entry {
            id: f(0).trim().to_string(),
            kind,
            name: name.to_string(),
            aliases,
            addresses,
            countries,
            programs: split_multi(f(4)).map(str::to_string).collect(),
            source: f(1).trim().to_string(),
            list_code: code.to_string(),
            effect,
            start_date: opt(f(9)),
            end_date: opt(f(10)),
            dates_of_birth: split_multi(f(24)).map(str::to_string).collect(),
            nationalities: split_multi(f(25)).map(str::to_string).collect(),
            identifiers,
            remarks: opt(f(20)),
            license_requirement: opt(f(12)),
            license_policy: opt(f(13)),
            federal_register: opt(f(8)),
            source_url: opt(f(21)).or_else(|| Some(CSL_URL.to_string())),
        });
    }
    if entries.is_empty() {
        return Err(Error::list_format("no entries found after the header line"));
    }
    Ok(ParsedList {
        format: "csl-csv".into(),
        name: "US Consolidated Screening List".into(),
        published: None,
        entries,
        supplement_for: None,
    })
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
        let l = parse_csv(&text).expect("parses");
        let e = &l.entries[0];
        assert_eq!((e.list_code.as_str(), e.effect), ("EL", Effect::LicenceRequired));
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
        assert!(parse_csv("a,b,c\n1,2,3\n").is_err());
    }
}
