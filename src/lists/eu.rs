//! The EU consolidated list of persons, groups and entities subject to financial sanctions, as the Financial
//! Sanctions Files (FSF v1.1; DOMAIN.md §2.6): the XML (namespace `http://eu.europa.ec/fpi/fsd/export`, root
//! `export[@generationDate]`, one `sanctionEntity` per listed party with its data in attributes of `nameAlias`,
//! `subjectType`, `citizenship`, `address`, `birthdate`, `identification`, `regulation`) and the semicolon-separated
//! CSV (one row per combination of name, address, birth date, …, grouped by `Entity_LogicalId`). Every entry is a
//! prohibition (asset freeze). Part of `lists`.

use rustc_hash::FxHashMap as HashMap;

use super::model::{Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Strength};
use super::text::{birth_date, csv_error, csv_reader, iso_date, record_line, DateOrder};
use super::xml::{Node, XmlReader};
use crate::error::{Error, Result};
use crate::text::csv;

const NAME: &str = "EU Consolidated Financial Sanctions List";
const URL: &str = "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions";

fn kind_of(code: &str) -> EntityKind {
    match code.trim().to_ascii_lowercase().as_str() {
        "person" | "p" => EntityKind::Person,
        "enterprise" | "e" | "entity" => EntityKind::Organization,
        _ => EntityKind::Unknown,
    }
}

fn new_entry(id: String) -> Entry {
    Entry { id, source: NAME.into(), list_code: "EU".into(), effect: Effect::Prohibition, ..Entry::default() }
}

/// An ISO-2 code as the FSF writes it ("00" means unknown).
fn code(c: &str) -> Option<String> {
    let c = c.trim().to_ascii_uppercase();
    (c.len() == 2 && c != "00" && c.bytes().all(|b| b.is_ascii_alphabetic())).then_some(c)
}

/// Adds a name: the first becomes the primary name, the rest aliases.
fn add_name(e: &mut Entry, name: String, strong: Option<&str>) {
    if name.trim().is_empty() {
        return;
    }
    let strength = match strong.map(str::trim) {
        Some("true") => Strength::Strong,
        Some("false") => Strength::Weak,
        _ => Strength::Unknown,
    };
    if e.name.is_empty() {
        e.name = name;
    } else {
        e.aliases.push(Alias { name, kind: AliasKind::Aka, strength });
    }
}

fn add_regulation(e: &mut Entry, programme: &str, number_title: &str, url: &str) {
    if !programme.trim().is_empty() {
        e.programs.push(programme.trim().into());
    }
    let nt = number_title.trim();
    if !nt.is_empty() {
        match &mut e.federal_register {
            Some(fr) if !fr.split("; ").any(|x| x == nt) => {
                fr.push_str("; ");
                fr.push_str(nt);
            }
            Some(_) => {}
            None => e.federal_register = Some(nt.to_string()),
        }
    }
    if e.source_url.is_none() && !url.trim().is_empty() {
        e.source_url = Some(url.trim().into());
    }
}

fn whole_name(whole: &str, first: &str, middle: &str, last: &str) -> String {
    if !whole.trim().is_empty() {
        return whole.trim().to_string();
    }
    [first, middle, last].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// An address from its parts in the FSF order (street, PO box, zip code, city, place, region, country name) and
/// the ISO-2 code.
fn address(parts: [&str; 7], iso: &str) -> Option<Address> {
    let city = parts[3].trim();
    let parts: Vec<&str> = parts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    let country = code(iso);
    if parts.is_empty() && country.is_none() {
        return None;
    }
    Some(Address { full: parts.join(", "), city: (!city.is_empty()).then(|| city.to_string()), country })
}

/// Parses the FSF XML.
pub(crate) fn parse_xml(text: &str) -> Result<ParsedList> {
    let mut x = XmlReader::new(text);
    let (root, e) = x.root()?;
    if root != "export" {
        return Err(Error::list_format(format!("expected the EU FSF root element <export>, found <{root}>")));
    }
    let published = x.attr(&e, "generationDate")?.and_then(|d| iso_date(&d, DateOrder::DayFirst));
    let mut entries = Vec::new();
    let mut cur: Option<Entry> = None;
    let mut reg_url = String::new();
    let (mut reg_programme, mut reg_title) = (String::new(), String::new());
    loop {
        match x.next()? {
            Node::Eof => break,
            Node::Open(tag, e) => {
                if tag == "sanctionEntity" {
                    let id = x.attr(&e, "logicalId")?.unwrap_or_default();
                    let mut entry = new_entry(id);
                    entry.start_date = x.attr(&e, "designationDate")?.and_then(|d| iso_date(&d, DateOrder::DayFirst));
                    cur = Some(entry);
                    continue;
                }
                let Some(entry) = cur.as_mut() else { continue };
                // Only direct children of sanctionEntity describe the party (regulationSummary repeats regulations).
                if x.ancestor(1) != "sanctionEntity" {
                    continue;
                }
                let a = |name: &str| x.attr(&e, name).map(Option::unwrap_or_default);
                match tag.as_str() {
                    "subjectType" => {
                        let code = a("code")?;
                        let code = if code.is_empty() { a("classificationCode")? } else { code };
                        entry.kind = kind_of(&code);
                    }
                    "nameAlias" => {
                        let name = whole_name(&a("wholeName")?, &a("firstName")?, &a("middleName")?, &a("lastName")?);
                        let strong = x.attr(&e, "strong")?;
                        add_name(entry, name, strong.as_deref());
                    }
                    "citizenship" => {
                        if let Some(c) = code(&a("countryIso2Code")?) {
                            entry.countries.push(c);
                        }
                        let desc = a("countryDescription")?;
                        if !desc.is_empty() && desc != "UNKNOWN" {
                            entry.nationalities.push(desc);
                        }
                    }
                    "address" => {
                        let parts = [
                            a("street")?,
                            a("poBox")?,
                            a("zipCode")?,
                            a("city")?,
                            a("place")?,
                            a("region")?,
                            a("countryDescription")?,
                        ];
                        let addr = address(parts.each_ref().map(String::as_str), &a("countryIso2Code")?);
                        entry.addresses.extend(addr);
                    }
                    "birthdate" => {
                        let d = a("birthdate")?;
                        let d = if d.is_empty() { a("year")? } else { d };
                        entry.dates_of_birth.extend(birth_date(&d, DateOrder::DayFirst));
                    }
                    "identification" => {
                        let number = a("number")?;
                        if !number.is_empty() {
                            let kind = a("identificationTypeDescription")?;
                            let kind = if kind.is_empty() { a("identificationTypeCode")? } else { kind };
                            entry.identifiers.push(Identifier {
                                kind: kind.into(),
                                value: number,
                                country: code(&a("countryIso2Code")?),
                            });
                        }
                    }
                    "regulation" => {
                        reg_programme = a("programme")?;
                        reg_title = a("numberTitle")?;
                        reg_url.clear();
                    }
                    _ => {}
                }
            }
            Node::Close(tag, text) => {
                let Some(entry) = cur.as_mut() else { continue };
                match (x.parent(), tag.as_str()) {
                    ("sanctionEntity", "remark") => {
                        entry.remarks = Some(match entry.remarks.take() {
                            Some(r) => format!("{r}; {text}"),
                            None => text,
                        })
                    }
                    ("regulation", "publicationUrl") if x.ancestor(1) == "sanctionEntity" => reg_url = text,
                    ("sanctionEntity", "regulation") => {
                        add_regulation(entry, &reg_programme, &reg_title, &reg_url);
                    }
                    (_, "sanctionEntity") => {
                        if let Some(mut done) = cur.take() {
                            if done.name.is_empty() {
                                return Err(x.error(format!("sanctionEntity {} has no nameAlias", done.id)));
                            }
                            if done.source_url.is_none() {
                                done.source_url = Some(URL.into());
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
    Ok(ParsedList { format: "eu-fsf-xml".into(), name: NAME.into(), published, entries, supplement_for: None })
}

/// Parses the FSF CSV.
pub(crate) fn parse_csv(text: &str) -> Result<ParsedList> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv_reader(text, b';');
    let mut rec = csv::StringRecord::new();
    let mut published = None;
    let mut header = None;
    for _ in 0..3 {
        if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
            break;
        }
        if rec.iter().any(|h| h.trim() == "Entity_LogicalId") {
            header = Some(rec.clone());
            break;
        }
        // A preamble "fileGenerationDate;2026-09-29" seen in some copies.
        if rec.get(0).is_some_and(|f| f.trim() == "fileGenerationDate") {
            published = rec.get(1).and_then(|d| iso_date(d, DateOrder::DayFirst));
        }
    }
    let Some(header) = header else {
        return Err(Error::list_format("expected the EU FSF CSV header (…;Entity_LogicalId;…;NameAlias_WholeName;…)"));
    };
    let index: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h.trim(), i)).collect();
    let c = |name: &str| index.get(name).copied().unwrap_or(usize::MAX);
    let c_id = c("Entity_LogicalId");
    if !index.contains_key("NameAlias_WholeName") && !index.contains_key("NameAlias_LastName") {
        return Err(Error::list_format("the EU FSF CSV header has no NameAlias_WholeName column"));
    }
    let cols = [
        "fileGenerationDate",
        "Entity_SubjectType",
        "Entity_SubjectType_ClassificationCode",
        "Entity_DesignationDate",
        "Entity_Remark",
        "Entity_Regulation_Programme",
        "Entity_Regulation_NumberTitle",
        "Entity_Regulation_PublicationUrl",
        "NameAlias_WholeName",
        "NameAlias_FirstName",
        "NameAlias_MiddleName",
        "NameAlias_LastName",
        "NameAlias_Strong",
        "Address_Street",
        "Address_PoBox",
        "Address_ZipCode",
        "Address_City",
        "Address_Place",
        "Address_Region",
        "Address_CountryDescription",
        "Address_CountryIso2Code",
        "BirthDate_BirthDate",
        "BirthDate_Year",
        "Identification_Number",
        "Identification_TypeDescription",
        "Identification_TypeCode",
        "Identification_CountryIso2Code",
        "Citizenship_CountryIso2Code",
        "Citizenship_CountryDescription",
    ]
    .map(c);
    let [c_gen, c_type, c_class, c_desig, c_remark, c_prog, c_title, c_url, c_whole, c_first, c_middle, c_last, c_strong, c_street, c_pobox, c_zip, c_city, c_place, c_region, c_cdesc, c_ciso, c_bdate, c_byear, c_idnum, c_iddesc, c_idcode, c_idiso, c_cit, c_citdesc] =
        cols;
    let mut by_id: HashMap<String, usize> = HashMap::default();
    let mut entries: Vec<Entry> = Vec::new();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = || record_line(text, &rec);
        let f = |k: usize| rec.get(k).unwrap_or("").trim();
        let id = f(c_id);
        if id.is_empty() {
            return Err(Error::list_format(format!("line {}: empty Entity_LogicalId", line())));
        }
        if published.is_none() {
            published = iso_date(f(c_gen), DateOrder::DayFirst);
        }
        let i = match by_id.get(id) {
            Some(&i) => i,
            None => {
                let mut e = new_entry(id.to_string());
                let t = if f(c_type).is_empty() { f(c_class) } else { f(c_type) };
                e.kind = kind_of(t);
                e.start_date = iso_date(f(c_desig), DateOrder::DayFirst);
                entries.push(e);
                by_id.insert(id.to_string(), entries.len() - 1);
                entries.len() - 1
            }
        };
        let Some(e) = entries.get_mut(i) else { continue };
        let name = whole_name(f(c_whole), f(c_first), f(c_middle), f(c_last));
        if !name.is_empty() && e.name != name && !e.aliases.iter().any(|a| a.name == name) {
            let strong = rec.get(c_strong);
            add_name(e, name, strong);
        }
        if e.remarks.is_none() && !f(c_remark).is_empty() {
            e.remarks = Some(f(c_remark).to_string());
        }
        add_regulation(e, f(c_prog), f(c_title), f(c_url));
        let parts = [f(c_street), f(c_pobox), f(c_zip), f(c_city), f(c_place), f(c_region), f(c_cdesc)];
        e.addresses.extend(address(parts, f(c_ciso)));
        let dob = if f(c_bdate).is_empty() { f(c_byear) } else { f(c_bdate) };
        e.dates_of_birth.extend(birth_date(dob, DateOrder::DayFirst));
        if !f(c_idnum).is_empty() {
            let kind = if f(c_iddesc).is_empty() { f(c_idcode) } else { f(c_iddesc) };
            e.identifiers.push(Identifier {
                kind: kind.into(),
                value: f(c_idnum).to_string(),
                country: code(f(c_idiso)),
            });
        }
        if let Some(cc) = code(f(c_cit)) {
            e.countries.push(cc);
            if !f(c_citdesc).is_empty() && f(c_citdesc) != "UNKNOWN" {
                e.nationalities.push(f(c_citdesc).to_string());
            }
        }
    }
    for e in &mut entries {
        if e.name.is_empty() && !e.aliases.is_empty() {
            e.name = e.aliases.remove(0).name;
        }
        if e.name.is_empty() {
            return Err(Error::list_format(format!("entity {} has no name in any row", e.id)));
        }
        if e.source_url.is_none() {
            e.source_url = Some(URL.into());
        }
    }
    Ok(ParsedList { format: "eu-fsf-csv".into(), name: NAME.into(), published, entries, supplement_for: None })
}
