//! The FCDO's UK Sanctions List, the only UK list of sanctions designations since OFSI's Consolidated List closed on
//! 28 January 2026, in the two machine-readable layouts the FCDO publishes: CSV and XML. Part of `lists`.
//!
//! Sources for the layout (the FCDO's published format guide and files, and parsers of the real files; no copy of
//! the real file is on this machine, so the tests use invented entries in the published layout):
//! - Format guide: <https://www.gov.uk/guidance/format-guide-for-the-uk-sanctions-list>; the list and its downloads:
//!   <https://www.gov.uk/government/publications/the-uk-sanctions-list>, files at
//!   `https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.{csv,xml,ods,odt,html,txt,pdf}`; the single list from
//!   28 January 2026: <https://www.gov.uk/guidance/moving-to-a-single-list-for-uk-sanctions-designations-28-january-2026>;
//!   the name types and alias strength (2022 format change):
//!   <https://www.gov.uk/government/publications/uk-sanctions-list-change-in-format/uk-sanctions-list-change-to-the-lists-format>.
//! - OpenSanctions' crawler of the real files, `opensanctions/opensanctions` `datasets/gb/fcdo_sanctions/crawler.py`
//!   (CSV column and XML element names, "Good quality a.k.a" / "Low quality a.k.a", the metadata line above the CSV
//!   header) and its `gb_fcdo_sanctions.yml` (name types, `dd/mm/yyyy` dates); moov-io/watchman's UK parser test
//!   `pkg/sources/csl_uk` (the 58-column header under `Report Date: 13-Feb-2026`).
//!
//! **CSV** (`UK-Sanctions-List.csv`): line 1 `Report Date: dd-Mon-yyyy` (the list's date), line 2 the header
//! (`Last Updated, Unique ID, OFSI Group ID, UN Reference Number, Name 6, Name 1 … Name 5, Name type, Alias strength,
//! Title, Name non-latin script, …, Regime Name, Designation Type, …, Date Designated, D.O.B, Nationality(/ies), …,
//! IMO number, …`), then one row per name and address, the entry's other details repeated, grouped by `Unique ID`.
//! Columns are found by name, so a reordered or extended header still reads.
//!
//! **XML** (`UK-Sanctions-List.xml`): `<Designations>` holding `<DateGenerated>dd/mm/yyyy</DateGenerated>` and one
//! `<Designation>` per entry: `UniqueID`, `OFSIGroupID`, `UNReferenceNumber`, `LastUpdated`, `DateDesignated`,
//! `Names/Name` (`Name1`…`Name6`, `NameType`, `AliasStrength`), `NonLatinNames/NonLatinName/NameNonLatinScript`,
//! `RegimeName`, `IndividualEntityShip`, `OtherInformation`, `UKStatementofReasons`, `Addresses/Address`
//! (`AddressLine1`…`6`, `AddressPostalCode`, `AddressCountry`), `IndividualDetails/Individual` (`DOBs/DOB`,
//! `Nationalities/Nationality`, `PassportDetails/Passport/PassportNumber`,
//! `NationalIdentifierDetails/NationalIdentifier/NationalIdentifierNumber`), `EntityDetails/Entity/
//! BusinessRegistrationNumbers/BusinessRegistrationNumber` and `ShipDetails/Ship/IMONumbers/IMONumber`.
//!
//! Both map alike: `Name 1`…`Name 5` then `Name 6` (given names, then the surname or the whole name of an entity or
//! ship) make a name; name type "Primary Name" is the entry's name, "Primary name variation" a spelling variant,
//! "Alias" an a.k.a.; alias strength "Good quality a.k.a" is strong and "Low quality a.k.a" weak (as OFAC's weak and
//! the UN's Low aliases: they still match, and the explanation says so); non-Latin names are aliases; the unique id
//! is the entry's id, the OFSI group id and UN reference number are identifiers (the same party on OFSI's or the UN's
//! list is one hit); `Date Designated` is the listing date and the regime the programme. `Last Updated` has no
//! place in the entry model and is not kept. Not read: the `.ods` and `.odt` files (zipped OpenDocument with the
//! same data as the CSV: refused as a zip archive, with a message naming the CSV), the `.html`, `.txt` and `.pdf`
//! renderings (for people, not machines; detection names the CSV and XML instead).

use super::model::{Address, Alias, AliasKind, Effect, Entry, Identifier, ParsedList, Strength};
use super::text::{csv_error, csv_reader, iso_date, DateOrder};
use super::uk::{
    alias_kind, join_words, kind_of, push_new, read_rows, seen_recently, split_numbered, strength, uk_birth_date, Cols,
    Groups, Layout,
};
use super::xml::{Node, XmlReader};
use crate::error::{Error, Result};
use crate::geo as country;
use crate::listings::{REF_OFSI, REF_UN};
use crate::text::csv;

pub(crate) const NAME: &str = "UK Sanctions List";
pub(crate) const URL: &str = "https://www.gov.uk/government/publications/the-uk-sanctions-list";

/// Parses the FCDO UK Sanctions List CSV.
pub(crate) fn parse_csv(text: &str) -> Result<ParsedList> {
    let mut rdr = csv_reader(text, b',');
    let mut rec = csv::StringRecord::new();
    let mut published = None;
    let mut header = None;
    // "Report Date: 13-Feb-2026" (and possibly other preamble lines) before the header.
    for _ in 0..5 {
        if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
            break;
        }
        let first = rec.get(0).unwrap_or("").trim().trim_start_matches('\u{feff}');
        if let Some(d) = first.strip_prefix("Report Date:") {
            published = uk_date(d);
        }
        if rec.iter().any(|h| h.trim().eq_ignore_ascii_case("Unique ID")) {
            header = Some(rec.clone());
            break;
        }
    }
    let Some(header) = header else {
        return Err(Error::list_format("expected the UK Sanctions List header (… Unique ID, …, Name 6, …)"));
    };
    let cols = Cols::new(&header);
    if !cols.has("Name 6") {
        return Err(Error::list_format("the UK Sanctions List header has no \"Name 6\" column"));
    }
    let mut groups = Groups::new(NAME, URL);
    read_rows(text, &mut rdr, header.len(), &Layout::fcdo(&cols), &mut groups)?;
    let entries = groups.finish("Unique ID")?;
    Ok(ParsedList { format: "uk-sl-csv".into(), name: NAME.into(), published, entries, supplement_for: None })
}

/// A date as the list writes it (`dd/mm/yyyy`, `13-Feb-2026`), a time after it ignored.
fn uk_date(s: &str) -> Option<String> {
    iso_date(s, DateOrder::DayFirst).or_else(|| iso_date(s.split_whitespace().next()?, DateOrder::DayFirst))
}

/// One `<Name>` being read.
#[derive(Default)]
struct NameParts {
    parts: [String; 6],
    full: String,
    name_type: String,
    strength: String,
}

impl NameParts {
    /// Given names (`Name1`…`Name5`) then `Name6`; the element's own full name where no part is given.
    fn joined(&self) -> String {
        let mut out = join_words(self.parts.iter().map(String::as_str));
        if out.is_empty() {
            out = self.full.trim().to_string();
        }
        out
    }
}

/// One `<Address>` being read: `AddressLine1`…`6`, postal code, country.
#[derive(Default)]
struct AddressParts {
    lines: Vec<String>,
    country: String,
}

/// One `<Designation>` being read.
#[derive(Default)]
struct Designation {
    entry: Entry,
    other: String,
    reasons: String,
}

fn identifier(e: &mut Entry, kind: &str, value: String) {
    let value = value.trim();
    if !value.is_empty() && !seen_recently(&e.identifiers, &|i| i.kind == kind && i.value == value) {
        e.identifiers.push(Identifier { kind: kind.into(), value: value.to_string(), country: None });
    }
}

fn add_name(e: &mut Entry, n: &NameParts) {
    let name = n.joined();
    if name.is_empty() {
        return;
    }
    let strength = strength(&n.strength);
    match alias_kind(&n.name_type) {
        _ if e.name == name || seen_recently(&e.aliases, &|a| a.name == name) => {}
        None if e.name.is_empty() => e.name = name,
        None => e.aliases.push(Alias { name, kind: AliasKind::Aka, strength }),
        Some(kind) => e.aliases.push(Alias { name, kind, strength }),
    }
}

fn finish(d: Designation, x: &XmlReader<'_>) -> Result<Entry> {
    let Designation { mut entry, other, reasons } = d;
    if entry.id.is_empty() {
        return Err(x.error("a <Designation> without a <UniqueID>"));
    }
    if entry.name.is_empty() {
        if entry.aliases.is_empty() {
            return Err(x.error(format!("designation {}: no name in <Names>", entry.id)));
        }
        entry.name = entry.aliases.remove(0).name;
    }
    let remarks: Vec<&str> = [other.as_str(), reasons.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    if !remarks.is_empty() {
        entry.remarks = Some(remarks.join(" "));
    }
    Ok(entry)
}

/// Parses the FCDO UK Sanctions List XML.
pub(crate) fn parse_xml(text: &str) -> Result<ParsedList> {
    let mut x = XmlReader::new(text);
    let (root, _) = x.root()?;
    if root != "Designations" {
        return Err(Error::list_format(format!(
            "expected the UK Sanctions List root element <Designations>, found <{root}>"
        )));
    }
    let mut published = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur: Option<Designation> = None;
    let mut name = NameParts::default();
    let mut addr = AddressParts::default();
    loop {
        match x.next()? {
            Node::Eof => break,
            Node::Open(n, _) => match n.as_str() {
                "Designation" => {
                    if cur.is_some() {
                        return Err(x.error("a <Designation> inside another"));
                    }
                    cur = Some(Designation {
                        entry: Entry {
                            source: NAME.into(),
                            list_code: "UK".into(),
                            effect: Effect::Prohibition,
                            source_url: Some(URL.into()),
                            ..Entry::default()
                        },
                        ..Designation::default()
                    });
                }
                "Name" if x.ancestor(1) == "Names" => name = NameParts::default(),
                "Address" => addr = AddressParts::default(),
                _ => {}
            },
            Node::Close(n, text) => {
                if n == "DateGenerated" && x.parent() == "Designations" {
                    published = uk_date(&text);
                    continue;
                }
                if n == "Designation" {
                    let Some(d) = cur.take() else { continue };
                    let entry = finish(d, &x)?;
                    super::room_for_one_more(&entries)?;
                    // The file has one designation per id; were one repeated, the two entries' shared id would make
                    // them one hit (`listings`).
                    entries.push(entry);
                    continue;
                }
                let Some(d) = cur.as_mut() else { continue };
                let e = &mut d.entry;
                match (x.parent(), n.as_str()) {
                    ("Designation", "UniqueID") => e.id = text,
                    ("Designation", "OFSIGroupID") => identifier(e, REF_OFSI, text),
                    ("Designation", "UNReferenceNumber") => identifier(e, REF_UN, text),
                    ("Designation", "DateDesignated") => e.start_date = uk_date(&text),
                    ("Designation", "RegimeName") if !text.is_empty() => push_new(&mut e.programs, &text),
                    ("Designation", "IndividualEntityShip") => e.kind = kind_of(&text),
                    ("Designation", "OtherInformation") => d.other = text,
                    ("Designation", "UKStatementofReasons") => d.reasons = text,
                    ("Name", field) if field.len() == 5 && field.starts_with("Name") => {
                        let i = field.as_bytes()[4].wrapping_sub(b'1') as usize;
                        if let Some(p) = name.parts.get_mut(i) {
                            *p = text;
                        }
                    }
                    ("Name", "Name") => name.full = text,
                    ("Name", "NameType") => name.name_type = text,
                    ("Name", "AliasStrength") => name.strength = text,
                    ("Names", "Name") => add_name(e, &name),
                    (_, "NameNonLatinScript")
                        if !text.is_empty() && e.name != text && !seen_recently(&e.aliases, &|a| a.name == text) =>
                    {
                        e.aliases.push(Alias { name: text, kind: AliasKind::Aka, strength: Strength::Unknown });
                    }
                    ("Address", "AddressCountry") => addr.country = text,
                    ("Address", f)
                        if (f.starts_with("AddressLine") || f == "AddressPostalCode") && !text.is_empty() =>
                    {
                        addr.lines.push(text);
                    }
                    ("Addresses", "Address") => {
                        let a = std::mem::take(&mut addr);
                        let mut parts = a.lines;
                        if !a.country.is_empty() {
                            parts.push(a.country.clone());
                        }
                        if !parts.is_empty() {
                            let country = country::iso2(&a.country).map(str::to_string);
                            let address = Address { full: parts.join(", "), city: None, country };
                            if !seen_recently(&e.addresses, &|b| *b == address) {
                                e.addresses.push(address);
                            }
                        }
                    }
                    ("DOBs", "DOB") => {
                        if let Some(dob) =
                            uk_birth_date(&text).filter(|d| !seen_recently(&e.dates_of_birth, &|b| b == d))
                        {
                            e.dates_of_birth.push(dob);
                        }
                    }
                    ("Nationalities", "Nationality") => {
                        for c in split_numbered(&text) {
                            if let Some(code) = country::iso2(c) {
                                push_new(&mut e.countries, code);
                            }
                            push_new(&mut e.nationalities, c);
                        }
                    }
                    ("Passport", "PassportNumber") => identifier(e, "Passport", text),
                    ("NationalIdentifier", "NationalIdentifierNumber") => identifier(e, "National ID", text),
                    ("BusinessRegistrationNumbers", "BusinessRegistrationNumber") => {
                        identifier(e, "Registration Number", text)
                    }
                    ("IMONumbers", "IMONumber") => identifier(e, "IMO", text),
                    _ => {}
                }
            }
        }
    }
    Ok(ParsedList { format: "uk-sl-xml".into(), name: NAME.into(), published, entries, supplement_for: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(body: &str) -> String {
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Designations>\n<DateGenerated>02/10/2026</DateGenerated>\n{body}</Designations>")
    }

    #[test]
    fn parse_xml_maps_name_types_and_alias_strength() {
        let l = parse_xml(&xml("<Designation><UniqueID>AFG9901</UniqueID><OFSIGroupID>99101</OFSIGroupID>\
             <UNReferenceNumber>TAi.901</UNReferenceNumber><Names>\
             <Name><Name6>Exampli</Name6><Name1>Mohammad</Name1><NameType>Primary name variation</NameType></Name>\
             <Name><Name1>MOHAMMAD</Name1><Name6>EXAMPLI</Name6><NameType>Primary Name</NameType></Name>\
             <Name><Name6>Haji Example</Name6><NameType>Alias</NameType>\
             <AliasStrength>Good quality a.k.a</AliasStrength></Name>\
             <Name><Name6>Mullah Ex</Name6><NameType>ALias</NameType>\
             <AliasStrength>Low quality a.k.a</AliasStrength></Name></Names>\
             <IndividualEntityShip>Individual</IndividualEntityShip>\
             <IndividualDetails><Individual><DOBs><DOB>dd/mm/1950</DOB><DOB>01/03/1958</DOB></DOBs>\
             </Individual></IndividualDetails></Designation>"))
        .expect("parses");
        assert_eq!(l.published.as_deref(), Some("2026-10-02"));
        let e = &l.entries[0];
        assert_eq!(e.name, "MOHAMMAD EXAMPLI");
        let kinds: Vec<(&str, AliasKind, Strength)> =
            e.aliases.iter().map(|a| (a.name.as_str(), a.kind, a.strength)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Mohammad Exampli", AliasKind::Variant, Strength::Unknown),
                ("Haji Example", AliasKind::Aka, Strength::Strong),
                ("Mullah Ex", AliasKind::Aka, Strength::Weak),
            ]
        );
        assert_eq!(e.dates_of_birth, vec!["1950", "1958-03-01"]);
        let ids: Vec<(&str, &str)> = e.identifiers.iter().map(|i| (i.kind.as_str(), i.value.as_str())).collect();
        assert_eq!(ids, vec![(REF_OFSI, "99101"), (REF_UN, "TAi.901")]);
    }

    #[test]
    fn parse_xml_names_the_line_of_a_designation_without_id() {
        let e = parse_xml(&xml("<Designation>\n<Names><Name><Name6>X</Name6></Name></Names>\n</Designation>\n"))
            .expect_err("refused");
        assert!(e.message().contains("line 6") && e.message().contains("without a <UniqueID>"), "{}", e.message());
        let e = parse_xml(&xml("<Designation><UniqueID>RUS9999</UniqueID></Designation>")).expect_err("refused");
        assert!(e.message().contains("designation RUS9999: no name"), "{}", e.message());
    }

    #[test]
    fn uk_date_reads_the_lists_dates() {
        assert_eq!(uk_date(" 13-Feb-2026").as_deref(), Some("2026-02-13"));
        assert_eq!(uk_date("20/08/2026 10:15:00").as_deref(), Some("2026-08-20"));
        assert_eq!(uk_date("2026-08-20T10:15:00").as_deref(), Some("2026-08-20"));
        assert_eq!(uk_date("13 Feb 2026").as_deref(), Some("2026-02-13"));
        assert_eq!(uk_date(""), None);
    }

    #[test]
    fn uk_birth_date_reads_unknown_day_and_month() {
        assert_eq!(uk_birth_date("dd/mm/1950").as_deref(), Some("1950"));
        assert_eq!(uk_birth_date("dd/06/1950").as_deref(), Some("1950-06"));
        assert_eq!(uk_birth_date("28/04/1965").as_deref(), Some("1965-04-28"));
    }
}
