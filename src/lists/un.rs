//! The UN Security Council Consolidated List XML (`consolidated.xml`, schema `sc-sanctions.xsd`; DOMAIN.md §2.4):
//! `INDIVIDUALS/INDIVIDUAL` (name parts FIRST..FOURTH_NAME in order) and `ENTITIES/ENTITY` (name in FIRST_NAME),
//! aliases with their QUALITY (Low is a weak alias; entities write a.k.a./f.k.a. there), addresses, nationality,
//! dates of birth and documents. Every entry is a prohibition (the list binds member states). Part of `lists`.

use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Strength};
use super::text::{birth_date, iso_date, DateOrder};
use super::xml::{Node, XmlReader};
use crate::error::{Error, Result};
use crate::geo as country;

const SOURCE: &str = "UN Security Council Consolidated List";
const URL: &str = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list";

#[derive(Default)]
struct Partial {
    entry: Entry,
    names: [String; 4],
    data_id: String,
}

#[derive(Default)]
struct Fields {
    alias_quality: String,
    alias_name: String,
    street: String,
    city: String,
    state: String,
    zip: String,
    country: String,
    dob_date: String,
    dob_year: String,
    dob_from: String,
    dob_to: String,
    doc_type: String,
    doc_number: String,
    doc_country: String,
}

/// Parses the UN consolidated list.
pub(crate) fn parse(text: &str) -> Result<ParsedList> {
    let mut x = XmlReader::new(text);
    let (root, e) = x.root()?;
    if root != "CONSOLIDATED_LIST" {
        return Err(Error::list_format(format!("expected the UN root element <CONSOLIDATED_LIST>, found <{root}>")));
    }
    let published = x.attr(&e, "dateGenerated")?.and_then(|d| iso_date(&d, DateOrder::DayFirst));
    let mut entries = Vec::new();
    let mut cur: Option<Partial> = None;
    let mut f = Fields::default();
    loop {
        match x.next()? {
            Node::Eof => break,
            Node::Open(name, _) => match name.as_str() {
                "INDIVIDUAL" | "ENTITY" => {
                    let kind = if name == "INDIVIDUAL" { EntityKind::Person } else { EntityKind::Organization };
                    cur = Some(Partial {
                        entry: Entry {
                            kind,
                            source: SOURCE.into(),
                            list_code: "UN".into(),
                            effect: Effect::Prohibition,
                            source_url: Some(URL.into()),
                            ..Entry::default()
                        },
                        ..Partial::default()
                    });
                }
                "INDIVIDUAL_ALIAS"
                | "ENTITY_ALIAS"
                | "INDIVIDUAL_ADDRESS"
                | "ENTITY_ADDRESS"
                | "INDIVIDUAL_DATE_OF_BIRTH"
                | "INDIVIDUAL_DOCUMENT" => f = Fields::default(),
                _ => {}
            },
            Node::Close(name, text) => {
                let Some(p) = cur.as_mut() else { continue };
                let e = &mut p.entry;
                match (x.parent(), name.as_str()) {
                    ("INDIVIDUAL" | "ENTITY", field) => match field {
                        "DATAID" => p.data_id = text,
                        "FIRST_NAME" => p.names[0] = text,
                        "SECOND_NAME" => p.names[1] = text,
                        "THIRD_NAME" => p.names[2] = text,
                        "FOURTH_NAME" => p.names[3] = text,
                        "UN_LIST_TYPE" => e.programs.push(text.into()),
                        "REFERENCE_NUMBER" => e.id = text,
                        "LISTED_ON" => e.start_date = iso_date(&text, DateOrder::DayFirst),
                        "COMMENTS1" => e.remarks = Some(text),
                        "NAME_ORIGINAL_SCRIPT" => {
                            e.aliases.push(Alias { name: text, kind: AliasKind::Aka, strength: Strength::Unknown })
                        }
                        "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => {
                            let (kind, strength) = match f.alias_quality.to_ascii_lowercase().as_str() {
                                "good" => (AliasKind::Aka, Strength::Strong),
                                "low" => (AliasKind::Aka, Strength::Weak),
                                "f.k.a." => (AliasKind::Fka, Strength::Unknown),
                                _ => (AliasKind::Aka, Strength::Unknown),
                            };
                            let name = std::mem::take(&mut f.alias_name);
                            e.aliases.push(Alias { name, kind, strength });
                        }
                        "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                            let parts: Vec<&str> = [&f.street, &f.city, &f.state, &f.zip, &f.country]
                                .into_iter()
                                .map(String::as_str)
                                .filter(|s| !s.is_empty())
                                .collect();
                            e.addresses.push(Address {
                                full: parts.join(", "),
                                city: (!f.city.is_empty()).then(|| f.city.clone()),
                                country: country::iso2(&f.country).map(str::to_string),
                            });
                        }
                        "INDIVIDUAL_DATE_OF_BIRTH" => {
                            let d = if !f.dob_date.is_empty() {
                                birth_date(&f.dob_date, DateOrder::DayFirst)
                            } else if !f.dob_year.is_empty() {
                                birth_date(&f.dob_year, DateOrder::DayFirst)
                            } else if !f.dob_from.is_empty() {
                                Some(format!("{}–{}", f.dob_from, f.dob_to))
                            } else {
                                None
                            };
                            e.dates_of_birth.extend(d);
                        }
                        "INDIVIDUAL_DOCUMENT" if !f.doc_number.is_empty() => {
                            e.identifiers.push(Identifier {
                                kind: std::mem::take(&mut f.doc_type).into(),
                                value: std::mem::take(&mut f.doc_number),
                                country: country::iso2(&f.doc_country).map(str::to_string),
                            });
                        }
                        _ => {}
                    },
                    ("NATIONALITY", "VALUE") => {
                        if let Some(c) = country::iso2(&text) {
                            e.countries.push(c.to_string());
                        }
                        e.nationalities.push(text);
                    }
                    ("INDIVIDUAL_ALIAS" | "ENTITY_ALIAS", "QUALITY") => f.alias_quality = text,
                    ("INDIVIDUAL_ALIAS" | "ENTITY_ALIAS", "ALIAS_NAME") => f.alias_name = text,
                    ("INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS", field) => match field {
                        "STREET" => f.street = text,
                        "CITY" => f.city = text,
                        "STATE_PROVINCE" => f.state = text,
                        "ZIP_CODE" => f.zip = text,
                        "COUNTRY" => f.country = text,
                        _ => {}
                    },
                    ("INDIVIDUAL_DATE_OF_BIRTH", field) => match field {
                        "DATE" => f.dob_date = text,
                        "YEAR" => f.dob_year = text,
                        "FROM_YEAR" => f.dob_from = text,
                        "TO_YEAR" => f.dob_to = text,
                        _ => {}
                    },
                    ("INDIVIDUAL_DOCUMENT", field) => match field {
                        "TYPE_OF_DOCUMENT" => f.doc_type = text,
                        "NUMBER" => f.doc_number = text,
                        "ISSUING_COUNTRY" => f.doc_country = text,
                        "COUNTRY_OF_ISSUE" if f.doc_country.is_empty() => f.doc_country = text,
                        _ => {}
                    },
                    ("INDIVIDUALS" | "ENTITIES", "INDIVIDUAL" | "ENTITY") => {
                        if let Some(mut p) = cur.take() {
                            let name: Vec<&str> = p.names.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
                            p.entry.name = name.join(" ");
                            if p.entry.id.trim().is_empty() {
                                p.entry.id = p.data_id;
                            }
                            if p.entry.name.is_empty() {
                                return Err(x.error(format!("entry {} has no name", p.entry.id)));
                            }
                            super::room_for_one_more(&entries)?;
                            entries.push(p.entry);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(ParsedList { format: "un-xml".into(), name: SOURCE.into(), published, entries, supplement_for: None })
}
