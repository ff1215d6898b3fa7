//! Every list format on the small hand-written fixtures in `tests/fixtures/lists/` (invented names, official
//! layouts): detection, counts, field values, OFAC supplements merged by id, and every kind of bad input (binary
//! junk, truncation, another format, UTF-16 and Latin-1 bytes, XML entity declarations and deep nesting, empty
//! files). Runs through the public API, `export_screen::lists::parse`.

use std::path::Path;

use export_screen::lists::model::{AliasKind, Effect, EntityKind, Entry, LoadOptions, ParsedList, Strength};
use export_screen::lists::{merge, parse};
use export_screen::ErrorKind;

const FIXTURES: &[&str] = &[
    "csl.csv",
    "csl.json",
    "sdn.csv",
    "add.csv",
    "alt.csv",
    "sdn_comments.csv",
    "cons_prim.csv",
    "sdn.xml",
    "cons_enhanced.xml",
    "dpl.txt",
    "un.xml",
    "uk_conlist.csv",
    "uk_sanctions_list.csv",
    "uk_sanctions_list.xml",
    "eu_fsf.xml",
    "eu_fsf.csv",
    "targets.simple.csv",
    "entities.ftm.json",
    "nsfreg.json",
    "xyna.json",
];

fn bytes(name: &str) -> Vec<u8> {
    // On disk the fixtures carry an "example_" prefix, so no file is mistaken for a copy of a real list.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(format!("example_{name}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn opts(name: &str) -> LoadOptions {
    LoadOptions { filename: Some(name.to_string()), ..LoadOptions::default() }
}

fn load(name: &str) -> ParsedList {
    parse(&bytes(name), &opts(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse_err(data: &[u8], name: &str) -> export_screen::Error {
    match parse(data, &opts(name)) {
        Ok(l) => panic!("{name}: expected an error, parsed {} entries as {}", l.entries.len(), l.format),
        Err(e) => e,
    }
}

fn entry<'a>(l: &'a ParsedList, id: &str) -> &'a Entry {
    l.entries.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entry {id} in {}", l.format))
}

fn alias_names(e: &Entry) -> Vec<&str> {
    e.aliases.iter().map(|a| a.name.as_str()).collect()
}

fn alias<'a>(e: &'a Entry, name: &str) -> &'a export_screen::lists::model::Alias {
    e.aliases
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{}: no alias {name:?} in {:?}", e.id, alias_names(e)))
}

// ---------------------------------------------------------------------------------------------------------------
// US Consolidated Screening List
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn csl_csv_reads_every_source_with_its_code_and_effect() {
    let l = load("csl.csv");
    assert_eq!(l.format, "csl-csv");
    assert_eq!(l.name, "US Consolidated Screening List");
    assert_eq!(l.published, None);
    let codes: Vec<(&str, Effect)> = l.entries.iter().map(|e| (e.list_code.as_str(), e.effect)).collect();
    assert_eq!(
        codes,
        vec![
            ("SDN", Effect::Prohibition),
            ("EL", Effect::LicenceRequired),
            ("EL", Effect::LicenceRequired),
            ("DPL", Effect::Prohibition),
            ("MEU", Effect::LicenceRequired),
            ("UVL", Effect::RedFlag),
            ("SSI", Effect::RedFlag),
            ("SDN", Effect::Prohibition),
        ]
    );
}

#[test]
fn csl_csv_keeps_entity_list_details() {
    let l = load("csl.csv");
    let e = entry(&l, "aaaa000000000000000000000000000000000001");
    assert_eq!(e.name, "EXAMPLE TRADING LLC");
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(e.source, "Entity List (EL) - Bureau of Industry and Security");
    assert_eq!(e.federal_register.as_deref(), Some("86 FR 29193"));
    assert_eq!(e.start_date.as_deref(), Some("2021-06-01"));
    assert_eq!(e.license_policy.as_deref(), Some("Presumption of denial."));
    assert!(e.license_requirement.as_deref().is_some_and(|r| r.starts_with("For all items subject to the EAR")));
    assert_eq!(e.countries, vec!["PK", "AE"]);
    assert_eq!(e.addresses[0].city.as_deref(), Some("Lahore"));
    assert_eq!(e.source_url.as_deref(), Some("http://bit.ly/1L47xrV"));
    // "and " dropped; an alias holding "f.k.a." split in two, the second a former name.
    assert_eq!(
        alias_names(e),
        vec!["Example Traders", "Example Trading Company", "Example Works", "Example Old Works (EOW)"]
    );
    assert_eq!(alias(e, "Example Old Works (EOW)").kind, AliasKind::Fka);
}

#[test]
fn csl_csv_keeps_names_as_published_but_trimmed() {
    let l = load("csl.csv");
    // Compound names are not split here (normalize/index do that for every list).
    let e = entry(&l, "aaaa000000000000000000000000000000000002");
    assert_eq!(e.name, "Example Atomic Commission (EAC), and subordinate entity Example Development Complex (EDC)");
    let dpl = entry(&l, "aaaa000000000000000000000000000000000003");
    assert_eq!(dpl.name, "I. M. EXAMPLE");
    assert_eq!(dpl.kind, EntityKind::Unknown);
    assert_eq!(dpl.end_date.as_deref(), Some("2026-01-14"));
    let meu = entry(&l, "aaaa000000000000000000000000000000000004");
    assert_eq!(meu.kind, EntityKind::Organization);
    assert_eq!(meu.source_url.as_deref(), Some("https://www.trade.gov/consolidated-screening-list"));
}

#[test]
fn csl_csv_reads_individuals_and_vessels() {
    let l = load("csl.csv");
    let p = entry(&l, "90001");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.name, "DOE, John Example");
    // The alias equal to the primary name is dropped.
    assert_eq!(alias_names(p), vec!["DOE, Jon"]);
    assert_eq!(p.programs, vec!["SDGT", "IRAN"]);
    assert_eq!(p.dates_of_birth, vec!["1960-01-15"]);
    assert_eq!(p.countries, vec!["IR"]);
    assert_eq!(p.nationalities, vec!["IR"]);
    let passport = p.identifiers.iter().find(|i| i.kind == "Passport").expect("passport");
    assert_eq!((passport.value.as_str(), passport.country.as_deref()), ("X1234567", Some("IR")));
    assert!(p.remarks.as_deref().is_some_and(|r| r.contains("Director of Example Works")));
    let v = entry(&l, "90003");
    assert_eq!(v.kind, EntityKind::Vessel);
    assert!(v.identifiers.iter().any(|i| i.kind == "Call Sign" && i.value == "EXST1"));
}

#[test]
fn csl_tsv_reads_like_the_csv() {
    let data = bytes("csl.csv");
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(&data[..]);
    let mut w = csv::WriterBuilder::new().delimiter(b'\t').from_writer(Vec::new());
    for r in rdr.records() {
        w.write_record(&r.expect("fixture row")).expect("writes");
    }
    let tsv = w.into_inner().expect("tsv");
    let l = parse(&tsv, &opts("consolidated.tsv")).expect("parses");
    assert_eq!(l.format, "csl-tsv");
    let csv_list = load("csl.csv");
    assert_eq!(l.entries, csv_list.entries);
}

#[test]
fn csl_json_reads_arrays_and_address_objects() {
    let l = load("csl.json");
    assert_eq!(l.format, "csl-json");
    assert_eq!(l.entries.len(), 3);
    let p = entry(&l, "90001");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(p.addresses[0].full, "12 Example Street, Tehran, IR");
    assert_eq!(p.addresses[0].city.as_deref(), Some("Tehran"));
    assert_eq!(p.countries, vec!["IR"]);
    assert_eq!(p.identifiers[0].value, "X1234567");
    let el = entry(&l, "aaaa000000000000000000000000000000000001");
    assert_eq!(alias_names(el), vec!["Example Traders", "Example Trading Company"]);
    assert_eq!(el.list_code, "EL");
    // Lenient: a string where an array is expected.
    let uvl = entry(&l, "aaaa000000000000000000000000000000000005");
    assert_eq!(alias_names(uvl), vec!["Example Comp", "Example Components Limited"]);
    assert_eq!(uvl.countries, vec!["HK"]);
    // A bare array of records is read too.
    let v: serde_json::Value = serde_json::from_slice(&bytes("csl.json")).expect("json");
    let arr = serde_json::to_vec(&v["results"]).expect("array");
    assert_eq!(parse(&arr, &opts("csl.json")).expect("array parses").entries.len(), 3);
}

// ---------------------------------------------------------------------------------------------------------------
// OFAC legacy CSV set
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn ofac_sdn_csv_reads_the_official_layout() {
    let l = load("sdn.csv");
    assert_eq!(l.format, "ofac-sdn-csv");
    assert_eq!(l.entries.len(), 4, "the 0x1A end-of-file byte is not a row");
    assert!(l.entries.iter().all(|e| e.list_code == "SDN" && e.effect == Effect::Prohibition));
    let kinds: Vec<EntityKind> = l.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EntityKind::Organization, EntityKind::Person, EntityKind::Vessel, EntityKind::Aircraft]);
    let org = entry(&l, "90010");
    assert_eq!(org.programs, vec!["IRAN", "SDGT"]);
    // The a.k.a. quoted in the remarks is OFAC's weak alias.
    assert_eq!(alias(org, "ETL").strength, Strength::Weak);
    assert!(org.identifiers.iter().any(|i| i.kind == "Registration Number" && i.value == "123456"));
    let p = entry(&l, "90011");
    assert_eq!(p.name, "DOE, John Example");
    assert_eq!(p.dates_of_birth, vec!["1960-01-15"]);
    assert_eq!(p.countries, vec!["IR"]);
    assert!(p.remarks.as_deref().is_some_and(|r| r.starts_with("Director; DOB 15 Jan 1960")));
    let v = entry(&l, "90012");
    assert!(v.identifiers.iter().any(|i| i.kind == "Vessel Flag" && i.country.as_deref() == Some("PA")));
}

#[test]
fn ofac_supplements_are_detected_by_shape_and_merge_by_id() {
    let mut base = load("sdn.csv");
    for (file, format) in
        [("add.csv", "ofac-add-csv"), ("alt.csv", "ofac-alt-csv"), ("sdn_comments.csv", "ofac-comments-csv")]
    {
        // No file name: the shape alone tells them apart.
        let sup = parse(&bytes(file), &LoadOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(sup.format, format);
        assert_eq!(sup.supplement_for.as_deref(), Some("ofac-csv"));
    }
    let add = load("add.csv");
    assert_eq!(add.entries.len(), 3);
    assert_eq!(merge(&mut base, add).expect("add merges"), 2, "90099 is not in sdn.csv");
    let org = entry(&base, "90010");
    assert_eq!(org.addresses.len(), 2);
    assert_eq!(org.addresses[0].full, "Example Tower, Floor 3, Tehran, Iran");
    assert_eq!(org.countries, vec!["IR", "AE"]);

    assert_eq!(merge(&mut base, load("alt.csv")).expect("alt merges"), 2);
    let org = entry(&base, "90010");
    assert_eq!(alias(org, "EXAMPLE TRADING COMPANY").strength, Strength::Strong);
    assert_eq!(alias(org, "EXAMPLE OLD TRADING").kind, AliasKind::Fka);
    assert_eq!(alias(entry(&base, "90011"), "DOE, Jon").kind, AliasKind::Aka);

    assert_eq!(merge(&mut base, load("sdn_comments.csv")).expect("comments merge"), 1);
    let remarks = entry(&base, "90011").remarks.clone().unwrap_or_default();
    assert!(remarks.ends_with("continues in the comments file and names no one.; alt. Example Remark."), "{remarks}");
}

#[test]
fn ofac_merge_refuses_files_that_do_not_fit() {
    let mut other = load("cons_prim.csv");
    let e = merge(&mut other, load("alt.csv")).expect_err("no id in common");
    assert!(e.message().contains("none of the"), "{}", e.message());
    let mut base = load("sdn.csv");
    let e = merge(&mut base, load("cons_prim.csv")).expect_err("not a supplement");
    assert!(e.message().contains("not a supplement"), "{}", e.message());
    let mut csl = load("csl.csv");
    let e = merge(&mut csl, load("alt.csv")).expect_err("OFAC supplements only go into OFAC lists");
    assert_eq!(e.kind(), &ErrorKind::InvalidInput);
    assert!(e.message().contains("adds to an OFAC list"), "{e}");
}

#[test]
fn ofac_cons_prim_is_told_from_sdn_by_name_or_forced_format() {
    let l = load("cons_prim.csv");
    assert_eq!(l.format, "ofac-cons-csv");
    assert_eq!(l.entries.len(), 2);
    assert!(l.entries.iter().all(|e| e.list_code == "NONSDN" && e.effect == Effect::RedFlag));
    assert_eq!(entry(&l, "90020").programs, vec!["UKRAINE-EO13662", "RUSSIA-EO14024"]);
    assert_eq!(entry(&l, "90021").dates_of_birth, vec!["1962"]);
    // The same bytes without a telling name read as SDN; a forced format wins.
    assert_eq!(parse(&bytes("cons_prim.csv"), &opts("list.csv")).expect("parses").format, "ofac-sdn-csv");
    let forced = LoadOptions { format: Some("ofac-cons-csv".into()), ..opts("list.csv") };
    assert_eq!(parse(&bytes("cons_prim.csv"), &forced).expect("parses").format, "ofac-cons-csv");
}

// ---------------------------------------------------------------------------------------------------------------
// OFAC XML
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn ofac_classic_xml_reads_entries_aliases_and_date() {
    let l = load("sdn.xml");
    assert_eq!(l.format, "ofac-xml");
    assert_eq!(l.published.as_deref(), Some("2026-06-22"));
    assert_eq!(l.entries.len(), 3);
    let org = entry(&l, "90010");
    assert_eq!(alias(org, "ETL").strength, Strength::Weak);
    assert_eq!(alias(org, "EXAMPLE TRADING COMPANY").strength, Strength::Strong);
    assert_eq!(alias(org, "EXAMPLE OLD TRADING").kind, AliasKind::Fka);
    assert_eq!(org.countries, vec!["IR", "AE"]);
    assert_eq!(org.identifiers[0].country.as_deref(), Some("IR"));
    let p = entry(&l, "90011");
    assert_eq!(p.name, "DOE, John Example");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias_names(p), vec!["DOE, Jon"]);
    assert_eq!(p.dates_of_birth, vec!["1960-01-15"]);
    assert_eq!(p.countries, vec!["IR"]);
    let v = entry(&l, "90012");
    assert_eq!(v.name, "EXAMPLE STAR & SEA");
    assert_eq!(v.kind, EntityKind::Vessel);
}

#[test]
fn ofac_enhanced_xml_reads_sub_lists_and_weak_aliases() {
    let l = load("cons_enhanced.xml");
    assert_eq!(l.format, "ofac-enhanced-xml");
    assert_eq!(l.published.as_deref(), Some("2025-01-10"));
    assert_eq!(l.entries.len(), 2);
    let p = entry(&l, "90021");
    assert_eq!(p.name, "ROE, Jane");
    assert_eq!((p.list_code.as_str(), p.effect), ("PLC", Effect::RedFlag));
    assert_eq!(p.source, "Non-SDN Palestinian Legislative Council List");
    assert_eq!(alias(p, "RHO, Jayne").strength, Strength::Weak);
    assert_eq!(p.countries, vec!["PS"]);
    assert_eq!(p.dates_of_birth, vec!["1962"]);
    assert_eq!(p.programs, vec!["NS-PLC"]);
    assert_eq!(p.start_date.as_deref(), Some("2006-04-12"));
    let b = entry(&l, "90020");
    assert_eq!((b.list_code.as_str(), b.effect), ("SDN", Effect::Prohibition));
    assert_eq!(b.kind, EntityKind::Organization);
    assert_eq!(alias_names(b), vec!["ПРИМЕР БАНК"]);
    assert_eq!(b.addresses[0].city.as_deref(), Some("Moscow"));
    assert_eq!(b.countries, vec!["RU"]);
    assert_eq!(b.identifiers[0].value, "1027700000000");
    assert_eq!(b.identifiers[0].country.as_deref(), Some("RU"));
    assert_eq!(b.remarks.as_deref(), Some("Example remark"));
}

// ---------------------------------------------------------------------------------------------------------------
// BIS Denied Persons List
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn dpl_reads_rows_with_stable_ids() {
    let l = load("dpl.txt");
    assert_eq!(l.format, "bis-dpl");
    assert_eq!(l.entries.len(), 4);
    assert!(l.entries.iter().all(|e| e.list_code == "DPL" && e.effect == Effect::Prohibition));
    let first = &l.entries[0];
    assert_eq!(first.name, "I. M. EXAMPLE");
    assert_eq!(first.start_date.as_deref(), Some("2022-08-24"));
    assert_eq!(first.end_date.as_deref(), Some("2026-01-14"));
    assert_eq!(first.federal_register.as_deref(), Some("87 F.R. 52741 8/29/2022"));
    assert_eq!(first.countries, vec!["US"], "a US state with an empty country");
    assert_eq!(l.entries[1].kind, EntityKind::Organization);
    assert_eq!(l.entries[1].countries, vec!["PK"]);
    // One person at two addresses: two entries, two ids, the same every time.
    assert_eq!(l.entries[2].name, l.entries[3].name);
    assert_ne!(l.entries[2].id, l.entries[3].id);
    let again = load("dpl.txt");
    let ids = |l: &ParsedList| l.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&l), ids(&again));
}

// ---------------------------------------------------------------------------------------------------------------
// UN, UK, EU
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn un_xml_reads_individuals_and_entities() {
    let l = load("un.xml");
    assert_eq!(l.format, "un-xml");
    assert_eq!(l.published.as_deref(), Some("2026-02-27"));
    let ids: Vec<&str> = l.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["CDi.901", "KPi.901", "KPe.901"]);
    assert!(l.entries.iter().all(|e| e.list_code == "UN" && e.effect == Effect::Prohibition));
    let p = entry(&l, "CDi.901");
    assert_eq!(p.name, "JOHN EXAMPLE DOE");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias(p, "Jon Example Doe").strength, Strength::Strong);
    assert_eq!(alias(p, "Johnny").strength, Strength::Weak);
    assert_eq!(p.countries, vec!["CD", "RW"]);
    assert_eq!(p.programs, vec!["DRC"]);
    assert_eq!(p.dates_of_birth, vec!["1971"]);
    assert_eq!(p.start_date.as_deref(), Some("2012-12-31"));
    assert_eq!(p.identifiers[0].country.as_deref(), Some("CD"));
    let q = entry(&l, "KPi.901");
    assert_eq!(q.name, "RI EXAMPLE HO JUNIOR");
    assert_eq!(alias_names(q), vec!["리 예 호"]);
    assert_eq!(q.dates_of_birth, vec!["1964-07-17"]);
    let org = entry(&l, "KPe.901");
    assert_eq!(org.name, "KOREA EXAMPLE TRADING CORPORATION & CO");
    assert_eq!(org.kind, EntityKind::Organization);
    assert_eq!(alias(org, "Old Example Trading").kind, AliasKind::Fka);
    assert_eq!(org.countries, vec!["KP"]);
}

#[test]
fn uk_ofsi_conlist_groups_rows_by_group_id() {
    let l = load("uk_conlist.csv");
    assert_eq!(l.format, "uk-ofsi-csv");
    assert_eq!(l.published.as_deref(), Some("2025-04-10"));
    assert_eq!(l.entries.len(), 3);
    let p = entry(&l, "99001");
    assert_eq!(p.name, "Ivan Examplovich EXAMPLOV");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias(p, "Ivan EXAMPLOFF").strength, Strength::Weak);
    assert!(alias_names(p).contains(&"Иван Примерович ПРИМЕРОВ"));
    assert_eq!(p.countries, vec!["RU", "UA"]);
    assert_eq!(p.nationalities, vec!["Russia", "Ukraine"]);
    assert_eq!(p.dates_of_birth, vec!["1965-04-28"]);
    assert_eq!(p.federal_register.as_deref(), Some("UK Sanctions List Ref RUS9901"));
    assert_eq!(p.start_date.as_deref(), Some("2022-03-15"));
    assert_eq!(p.programs, vec!["Russia"]);
    let org = entry(&l, "99002");
    assert_eq!(org.kind, EntityKind::Organization);
    assert_eq!(alias(org, "AO EXAMPLE DEFENCE ELECTRONICS").strength, Strength::Strong);
    let ship = entry(&l, "99003");
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert_eq!(alias(ship, "EXAMPLE OLD VOYAGER").kind, AliasKind::Fka);
}

/// The FCDO's UK Sanctions List, CSV and XML: the fixtures hold the same invented entries in the two published
/// layouts (column and element names as the FCDO publishes them; no real FCDO file is on this machine, see
/// `src/lists/uk_fcdo.rs`), and both read to the same entries.
#[test]
fn uk_sanctions_list_csv_and_xml_read_names_types_and_strengths() {
    for file in ["uk_sanctions_list.csv", "uk_sanctions_list.xml"] {
        let l = load(file);
        assert_eq!(l.format, if file.ends_with(".csv") { "uk-sl-csv" } else { "uk-sl-xml" });
        assert_eq!(l.name, "UK Sanctions List");
        assert_eq!(l.published.as_deref(), Some("2026-10-08"), "{file}: the date the file states");
        assert_eq!(
            l.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["RUS9901", "RUS9902", "RUS9903", "AFG9904"]
        );
        assert!(l.entries.iter().all(|e| e.list_code == "UK" && e.effect == Effect::Prohibition));

        let p = entry(&l, "RUS9901");
        assert_eq!(p.name, "Ivan Examplovich EXAMPLOV", "{file}");
        assert_eq!(p.kind, EntityKind::Person);
        let mut names = alias_names(p);
        names.sort_unstable();
        assert_eq!(names, ["Ivan EKZAMPLOV", "Vanya EXAMPLOFF", "Иван Примерович ПРИМЕРОВ"], "{file}");
        assert_eq!(alias(p, "Ivan EKZAMPLOV").kind, AliasKind::Variant, "{file}: a primary name variation");
        assert_eq!(alias(p, "Vanya EXAMPLOFF").strength, Strength::Weak, "{file}: a low quality a.k.a.");
        assert_eq!(p.addresses.len(), 2, "{file}: one row per address");
        assert_eq!(p.countries, ["RU", "BY"], "{file}");
        assert_eq!(p.nationalities, ["Russia"]);
        assert_eq!(p.dates_of_birth, ["1965-04-28"]);
        assert_eq!(p.start_date.as_deref(), Some("2022-03-15"));
        assert_eq!(p.programs, ["The Russia (Sanctions) (EU Exit) Regulations 2019"]);
        assert!(p.identifiers.iter().any(|i| i.kind == "OFSI group id" && i.value == "99001"), "{file}");
        assert!(p.identifiers.iter().any(|i| i.kind == "Passport" && i.value == "AB0000001"), "{file}");
        assert_eq!(p.remarks.as_deref(), Some("Invented entry for tests: no such person is listed."));

        let org = entry(&l, "RUS9902");
        assert_eq!(org.kind, EntityKind::Organization);
        assert_eq!(alias(org, "AO EXAMPLE DEFENCE ELECTRONICS").strength, Strength::Strong, "{file}");
        assert_eq!(alias(org, "EXAMPLE DEFENSE ELECTRONICS JSC").strength, Strength::Unknown, "{file}: blank strength");
        assert!(alias_names(org).contains(&"АО ПРИМЕР ОБОРОННАЯ ЭЛЕКТРОНИКА"), "{file}");
        assert_eq!(org.addresses[0].full, "Example Embankment 5, Saint Petersburg, 190000, Russia", "{file}");
        assert!(org.identifiers.iter().any(|i| i.kind == "Registration Number" && i.value == "OGRN 1000000000001"));

        let ship = entry(&l, "RUS9903");
        assert_eq!(ship.kind, EntityKind::Vessel);
        assert_eq!(alias_names(ship), ["EXAMPLE OLD VOYAGER"]);
        assert!(ship.identifiers.iter().any(|i| i.kind == "IMO" && i.value == "IMO9999992"), "{file}");

        let un = entry(&l, "AFG9904");
        assert_eq!(un.name, "MOHAMMAD EXAMPLE EXAMPLAKHUND");
        assert_eq!(un.dates_of_birth, ["1950"], "{file}: dd/mm/1950 is the year 1950");
        assert_eq!(alias(un, "Example Sahib").strength, Strength::Weak);
        assert_eq!(alias(un, "Haji Mohammad Example").strength, Strength::Strong);
        assert!(alias_names(un).contains(&"محمد مثال آخوند"), "{file}");
        assert!(un.identifiers.iter().any(|i| i.kind == "UN reference number" && i.value == "TAi.901"), "{file}");
        assert_eq!(un.countries, ["AF"]);
    }
    let (csv, xml) = (load("uk_sanctions_list.csv"), load("uk_sanctions_list.xml"));
    for (a, b) in csv.entries.iter().zip(&xml.entries) {
        assert_eq!(a.name, b.name);
        let sorted = |e: &Entry| {
            let mut v: Vec<_> = e.aliases.iter().map(|x| (x.name.clone(), x.kind, x.strength)).collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            v
        };
        assert_eq!(sorted(a), sorted(b), "{}: the CSV and the XML name the entry alike", a.id);
        assert_eq!((&a.countries, &a.dates_of_birth, &a.programs), (&b.countries, &b.dates_of_birth, &b.programs));
    }
}

#[test]
fn eu_fsf_xml_reads_attributes() {
    let l = load("eu_fsf.xml");
    assert_eq!(l.format, "eu-fsf-xml");
    assert_eq!(l.published.as_deref(), Some("2026-08-05"));
    assert_eq!(l.entries.len(), 2);
    assert!(l.entries.iter().all(|e| e.list_code == "EU" && e.effect == Effect::Prohibition));
    let p = entry(&l, "9001");
    assert_eq!(p.name, "Ivan Examplovich Examplov");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias(p, "Иван Примерович Примеров").strength, Strength::Strong);
    assert_eq!(alias(p, "I. Examplov").strength, Strength::Weak);
    assert_eq!(p.countries, vec!["RU"]);
    assert_eq!(p.dates_of_birth, vec!["1965-04-28"]);
    assert_eq!(p.programs, vec!["UKR"]);
    assert_eq!(p.federal_register.as_deref(), Some("2022/427 (OJ L87)"));
    assert_eq!(p.start_date.as_deref(), Some("2022-03-15"));
    assert_eq!(p.remarks.as_deref(), Some("Invented entry for tests."));
    assert!(p.source_url.as_deref().is_some_and(|u| u.contains("CELEX:32022R0427&from=EN")));
    assert_eq!(p.identifiers[0].kind, "National passport");
    let org = entry(&l, "9002");
    assert_eq!(org.kind, EntityKind::Organization);
    assert_eq!(alias_names(org), vec!["AO Example Defence Electronics"]);
    assert_eq!(org.countries, vec!["RU"], "country code 00 means unknown");
    assert_eq!(org.addresses[0].city.as_deref(), Some("Saint Petersburg"));
}

#[test]
fn eu_fsf_csv_groups_rows_by_entity() {
    let l = load("eu_fsf.csv");
    assert_eq!(l.format, "eu-fsf-csv");
    assert_eq!(l.published.as_deref(), Some("2026-08-05"));
    assert_eq!(l.entries.len(), 3);
    let p = entry(&l, "9001");
    assert_eq!(p.name, "Ivan Examplovich Examplov");
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias_names(p), vec!["Иван Примерович Примеров"]);
    assert_eq!(p.countries, vec!["RU"]);
    assert_eq!(p.dates_of_birth, vec!["1965-04-28"]);
    assert_eq!(p.identifiers.len(), 1);
    let org = entry(&l, "9002");
    assert_eq!(org.countries, vec!["RU", "BY"]);
    assert_eq!(org.addresses.len(), 2);
    assert_eq!(org.federal_register.as_deref(), Some("2023/1214 (OJ L159I)"));
    // Names are not split here.
    assert_eq!(entry(&l, "9003").name, "EXAMPLE SHIPPING LINES; EXAMPLE LINES");
    assert!(entry(&l, "9003").countries.is_empty());
}

// ---------------------------------------------------------------------------------------------------------------
// OpenSanctions and derived files
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn opensanctions_csv_reads_targets() {
    let l = load("targets.simple.csv");
    assert_eq!(l.format, "opensanctions-csv");
    assert_eq!(l.published.as_deref(), Some("2026-03-13"));
    assert_eq!(l.entries.len(), 3);
    let v = entry(&l, "NK-example2");
    assert_eq!(v.kind, EntityKind::Vessel);
    assert_eq!(v.countries, vec!["LR", "PA"]);
    assert_eq!(alias_names(v), vec!["Example Sea", "Example Sun"]);
    assert_eq!(v.effect, Effect::Prohibition, "a row naming its sanctions");
    let c = entry(&l, "NK-example1");
    assert_eq!(c.effect, Effect::RedFlag, "the `\"\"` empty-sanctions quirk");
    assert_eq!(c.kind, EntityKind::Organization);
    assert_eq!(c.list_code, "OS");
    assert_eq!(c.source_url.as_deref(), Some("https://www.opensanctions.org/entities/NK-example1/"));
    assert_eq!(entry(&l, "NK-example3").dates_of_birth, vec!["1965-04-28"]);
}

#[test]
fn ftm_json_lines_keep_parties_only() {
    let l = load("entities.ftm.json");
    assert_eq!(l.format, "ftm-json");
    let ids: Vec<&str> = l.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["NK-example3", "NK-example1"], "Sanction objects and non-targets are skipped");
    let p = entry(&l, "NK-example3");
    assert_eq!(p.effect, Effect::Prohibition);
    assert_eq!(p.kind, EntityKind::Person);
    assert_eq!(alias(p, "Vanya").strength, Strength::Weak);
    assert_eq!(p.countries, vec!["RU"]);
    let c = entry(&l, "NK-example1");
    assert_eq!(c.effect, Effect::RedFlag);
    assert_eq!(alias(c, "Old Example Science").kind, AliasKind::Fka);
    assert_eq!(l.published.as_deref(), Some("2026-03-13"));
}

#[test]
fn derived_json_files_read_with_their_list_codes() {
    let n = load("nsfreg.json");
    assert_eq!(n.format, "nsfreg-json");
    assert_eq!(n.published.as_deref(), Some("2026-07-09"));
    assert!(n.entries.iter().all(|e| e.list_code == "EL" && e.effect == Effect::LicenceRequired));
    assert_eq!(n.entries[0].federal_register.as_deref(), Some("86 FR 29193, 6/1/21"));
    assert_eq!(n.entries[0].countries, vec!["PK"]);
    assert_eq!(n.entries[1].addresses.len(), 2);
    let x = load("xyna.json");
    assert_eq!(x.format, "xyna-json");
    assert!(x.entries.iter().all(|e| e.list_code == "METI" && e.effect == Effect::RedFlag));
    // `country` is the issuing country ("jp"): the party's country comes from its address.
    assert_eq!(entry(&x, "jp-eul-9001").countries, vec!["AE"]);
    assert_eq!(entry(&x, "jp-eul-9002").name, "Example Nuclear Power Plant");
    assert_eq!(entry(&x, "jp-eul-9002").countries, vec!["PK"]);
}

#[test]
fn demo_list_toml_is_not_a_loadable_format() {
    // The demo list is embedded (build.rs); its TOML is not a list format a user loads.
    let e = parse(export_screen::lists::demo::DEMO_LIST_TOML.as_bytes(), &LoadOptions::default())
        .expect_err("not a list format");
    assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
    let opts = LoadOptions { format: Some("demo-toml".into()), ..Default::default() };
    let e = parse(export_screen::lists::demo::DEMO_LIST_TOML.as_bytes(), &opts).expect_err("not a list format");
    assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
    assert!(e.message().contains("unknown list format \"demo-toml\""), "{e}");
}

// ---------------------------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn binary_junk_is_refused_naming_the_file() {
    let mut junk = vec![0u8, 159, 146, 150, 0, 1, 2, 3];
    junk.extend(std::iter::repeat_n(7u8, 100));
    let e = parse_err(&junk, "upload.bin");
    assert_eq!(e.kind(), &ErrorKind::ListFormat);
    assert!(e.message().starts_with("upload.bin: not a list file: binary data"), "{}", e.message());
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let e = parse_err(png, "logo.png");
    assert!(e.message().contains("not a list file: binary data (a PNG image)"), "{}", e.message());
    let zip = b"PK\x03\x04\x14\0\x06\0\x08\0";
    assert!(parse_err(zip, "list.xlsx").message().contains("ZIP archive"));
}

#[test]
fn empty_files_are_refused() {
    for data in [&b""[..], b"   \n\r\n"] {
        assert!(parse_err(data, "empty.csv").message().contains("the file is empty"));
    }
    let header_only = bytes("csl.csv").split(|&b| b == b'\n').next().map(<[u8]>::to_vec).unwrap_or_default();
    let e = parse_err(&header_only, "consolidated.csv");
    assert!(e.message().contains("no entries found"), "{}", e.message());
    let e = parse_err(b"<CONSOLIDATED_LIST dateGenerated=\"2026-01-01\"><INDIVIDUALS/></CONSOLIDATED_LIST>", "un.xml");
    assert!(e.message().contains("no entries found"), "{}", e.message());
}

#[test]
fn other_kinds_of_file_say_what_was_expected() {
    let e = parse_err(b"order,qty,price\n1,2,3\n", "orders.csv");
    assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
    assert!(e.message().contains("a table whose first line is \"order,qty,price\""), "{}", e.message());
    assert!(e.message().contains("expected the US Consolidated Screening List"), "{}", e.message());
    let e = parse_err(b"{\"type\":\"FeatureCollection\",\"features\":[]}", "map.json");
    assert!(e.message().contains("JSON of another kind"), "{}", e.message());
    let e = parse_err(b"<!DOCTYPE html><html><body>Download</body></html>", "page.html");
    assert!(e.message().contains("HTML page"), "{}", e.message());
    let e = parse_err(b"<?xml version=\"1.0\"?><rss><channel/></rss>", "feed.xml");
    assert!(e.message().contains("root element <rss>"), "{}", e.message());
}

#[test]
fn a_forced_format_that_does_not_fit_is_an_error() {
    let forced = |f: &str| LoadOptions { format: Some(f.to_string()), ..opts("consolidated.csv") };
    let e = parse(&bytes("csl.csv"), &forced("un-xml")).expect_err("not XML");
    assert!(e.message().starts_with("consolidated.csv: "), "{}", e.message());
    let e = parse(&bytes("csl.csv"), &forced("ofac-sdn-csv")).expect_err("not 12 fields");
    assert!(e.message().contains("expected 12 fields"), "{}", e.message());
    let e = parse(&bytes("csl.csv"), &forced("pdf")).expect_err("unknown format");
    assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
    assert!(e.message().contains("known: csl-csv"), "{}", e.message());
    // A family name is confirmed by detection.
    assert_eq!(parse(&bytes("csl.csv"), &forced("csl")).expect("csl family").format, "csl-csv");
    let e = parse(&bytes("csl.csv"), &forced("eu")).expect_err("a CSL file is not an EU list");
    assert_eq!(e.kind(), &ErrorKind::UnknownFormat);
    assert!(e.message().contains("not a eu list"), "{e}");
}

#[test]
fn truncated_files_name_the_element_or_line() {
    let un = bytes("un.xml");
    let cut = un.len() / 2;
    let e = parse_err(&un[..cut], "un.xml");
    assert!(e.message().contains("line "), "{}", e.message());
    assert!(e.message().contains("ends inside <") || e.message().contains("malformed XML"), "{}", e.message());
    let eu = bytes("eu_fsf.xml");
    let e = parse_err(&eu[..eu.len() - "</export>\n".len()], "eu.xml");
    assert!(e.message().contains("ends inside <export>"), "{}", e.message());
    // A CSV cut inside a quoted field: the row is incomplete.
    let csl = bytes("csl.csv");
    let text = String::from_utf8(csl).expect("utf-8");
    let cut = text.find("Presumption of denial").expect("fixture text");
    let e = parse_err(text.get(..cut).expect("cut").as_bytes(), "consolidated.csv");
    assert!(e.message().contains("line 3"), "{}", e.message());
    let json = bytes("csl.json");
    let e = parse_err(&json[..json.len() / 2], "consolidated.json");
    assert!(e.message().contains("truncated"), "{}", e.message());
}

#[test]
fn utf16_files_are_decoded() {
    let text = String::from_utf8(bytes("csl.csv")).expect("utf-8");
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let want = load("csl.csv").entries;
    for (name, data) in [("utf16le.csv", le), ("utf16be.csv", be)] {
        let l = parse(&data, &opts(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(l.entries, want, "{name}");
    }
    let xml = String::from_utf8(bytes("un.xml")).expect("utf-8").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut le = vec![0xff, 0xfe];
    le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse(&le, &opts("un.xml")).expect("utf-16 xml").entries.len(), 3);
}

#[test]
fn latin1_is_read_only_where_a_format_is_single_byte() {
    // OFAC's legacy files and the DPL text were single-byte: a Latin-1 "Ñ" (0xD1) is read.
    let sdn =
        b"90030,\"PE\xd1A EXAMPLE, Jos\xe9\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a";
    let l = parse(sdn, &opts("sdn.csv")).expect("latin-1 sdn.csv");
    assert_eq!(l.entries[0].name, "PEÑA EXAMPLE, José");
    // The CSL, UN, EU, JSON formats are UTF-8: the same byte is an error saying so.
    let mut csl = bytes("csl.csv");
    let pos = csl.windows(7).position(|w| w == b"EXAMPLE").expect("fixture text");
    if let Some(b) = csl.get_mut(pos) {
        *b = 0xc9;
    }
    let e = parse_err(&csl, "consolidated.csv");
    assert!(e.message().contains("not UTF-8 text (byte 0xC9 at line 3)"), "{}", e.message());
    let mut un = bytes("un.xml");
    let pos = un.windows(4).position(|w| w == b"JOHN").expect("fixture text");
    if let Some(b) = un.get_mut(pos) {
        *b = 0xc9;
    }
    assert!(parse_err(&un, "un.xml").message().contains("not UTF-8"));
    // ... unless the XML declares a single-byte encoding.
    let declared = String::from_utf8_lossy(&bytes("un.xml")).replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    let mut declared = declared.into_bytes();
    let pos = declared.windows(4).position(|w| w == b"JOHN").expect("fixture text");
    if let Some(b) = declared.get_mut(pos + 1) {
        *b = 0xd6;
    }
    let l = parse(&declared, &opts("un.xml")).expect("declared latin-1");
    assert_eq!(l.entries[0].name, "JÖHN EXAMPLE DOE");
}

#[test]
fn xml_entities_are_never_expanded() {
    let a = "a".repeat(1000);
    let bomb = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n<!ENTITY a \"{a}\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n\
         <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>\
         <FIRST_NAME>&c;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    );
    let e = parse_err(bomb.as_bytes(), "bomb.xml");
    assert!(e.message().contains("declares entities"), "{}", e.message());
    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE sdnList SYSTEM \"file:///etc/passwd\">\n\
                    <sdnList><sdnEntry><uid>1</uid><lastName>&xxe;</lastName></sdnEntry></sdnList>";
    let e = parse_err(external.as_bytes(), "sdn.xml");
    assert!(e.message().contains("undeclared entity &xxe;"), "{}", e.message());
    let declared_external = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
                             <sdnList><sdnEntry><uid>1</uid><lastName>&xxe;</lastName></sdnEntry></sdnList>";
    assert!(parse_err(declared_external.as_bytes(), "sdn.xml").message().contains("declares entities"));
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("<CONSOLIDATED_LIST>{}", "<INDIVIDUALS>".repeat(10_000));
    let e = parse_err(deep.as_bytes(), "un.xml");
    assert!(e.message().contains("nested deeper than 64"), "{}", e.message());
    let forced = LoadOptions { format: Some("eu-fsf-xml".into()), ..opts("eu.xml") };
    let deep = format!("<export>{}", "<a>".repeat(10_000));
    let e = parse(deep.as_bytes(), &forced).expect_err("refused");
    assert!(e.message().contains("nested deeper than 64"), "{}", e.message());
}

/// Truncations of every fixture at every 7th byte: each either parses or fails with an error, never panics.
#[test]
fn truncated_fixtures_never_panic() {
    for name in FIXTURES {
        let data = bytes(name);
        for cut in (0..data.len()).step_by(7) {
            let slice = data.get(..cut).unwrap_or_default();
            if let Ok(l) = parse(slice, &opts(name)) {
                assert!(!l.entries.is_empty(), "{name} cut at {cut}: parsed but empty");
            }
        }
    }
}

/// UTF-16 in both byte orders, with and without a byte-order mark, as "Unicode text" exports write it.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = if bom { "\u{feff}".encode_utf16().collect::<Vec<u16>>() } else { Vec::new() };
    out.extend(text.encode_utf16());
    out.into_iter().flat_map(|u| if little_endian { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
}

/// Every fixture re-encoded as UTF-16 (LE/BE, with and without a BOM) parses to the very same entries as UTF-8.
#[test]
fn every_fixture_reads_the_same_from_utf16() {
    for name in FIXTURES {
        let text = String::from_utf8(bytes(name)).expect("fixtures are UTF-8");
        let want = parse(&bytes(name), &opts(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
            let l = parse(&utf16(&text, le, bom), &opts(name))
                .unwrap_or_else(|e| panic!("{name} utf-16 le={le} bom={bom}: {e}"));
            assert_eq!(l.format, want.format, "{name} le={le} bom={bom}");
            assert_eq!(l.entries, want.entries, "{name} le={le} bom={bom}");
        }
    }
}

/// Latin-1 bytes (every fixture whose text fits in Latin-1): single-byte formats read the same entries, the UTF-8
/// formats refuse with a message that says the file is not UTF-8 and names the line.
#[test]
fn every_fixture_in_latin1_reads_the_same_or_says_it_is_not_utf8() {
    let mut refused = 0;
    for name in FIXTURES {
        let text = String::from_utf8(bytes(name)).expect("fixtures are UTF-8");
        let Some(latin1) = text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect::<Option<Vec<u8>>>() else {
            continue;
        };
        if latin1.is_ascii() {
            continue;
        }
        let want = parse(&bytes(name), &opts(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        match parse(&latin1, &opts(name)) {
            Ok(l) => assert_eq!(l.entries, want.entries, "{name}: Latin-1 read but not as the UTF-8 text"),
            Err(e) => {
                assert!(e.message().contains("not UTF-8 text (byte 0x"), "{name}: {}", e.message());
                assert!(e.message().contains("re-save the file as UTF-8"), "{name}: {}", e.message());
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "at least one UTF-8 format met a Latin-1 byte");
}

/// A file with more records than one list may hold is refused before parsing (a few million compact rows used to
/// exhaust the 4 GiB of wasm memory and trap): lines for CSV, objects for JSON; the error says what was counted.
#[test]
fn files_with_more_than_max_entries_records_are_refused_before_parsing() {
    use export_screen::lists::MAX_ENTRIES;
    let mut sdn = String::with_capacity((MAX_ENTRIES + 20) * 40);
    for i in 0..MAX_ENTRIES + 20 {
        sdn.push_str(&format!("{i},\"EXAMPLE {i}\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n"));
    }
    let e = parse_err(sdn.as_bytes(), "sdn.csv");
    assert_eq!(e.kind(), &ErrorKind::TooLarge);
    assert!(e.message().starts_with("sdn.csv: 1000020 lines: more than the 1000000 entries"), "{}", e.message());
    let json = format!("[{}]", "{\"name\":\"X\",\"source\":\"Y\"},".repeat(MAX_ENTRIES + 20).trim_end_matches(','));
    let e = parse_err(json.as_bytes(), "consolidated.json");
    assert_eq!(e.kind(), &ErrorKind::TooLarge);
    assert!(e.message().contains("1000020 JSON objects: more than the 1000000 entries"), "{}", e.message());
    // Just under the bound, the same rows load.
    let head: String = sdn.lines().take(1000).map(|l| format!("{l}\n")).collect();
    assert_eq!(parse(head.as_bytes(), &opts("sdn.csv")).expect("1,000 rows").entries.len(), 1000);
}

/// A broken last row is named by its line, whether the file ends its lines with LF or with CRLF (most published
/// list files do; the csv crate's own line count lags one line behind there).
#[test]
fn broken_csv_row_is_named_by_its_line_with_lf_and_crlf() {
    // OFAC's legacy files are told apart by the shape of their rows, so theirs keeps the shape and lacks the name.
    let ofac = r#"99999,"",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#;
    for (name, bad) in [
        ("csl.csv", "x,y"),
        ("sdn.csv", ofac),
        ("cons_prim.csv", ofac),
        ("dpl.txt", "x,y"),
        ("uk_conlist.csv", "x,y"),
        ("uk_sanctions_list.csv", "x,y"),
        ("eu_fsf.csv", "x,y"),
        ("targets.simple.csv", "x,y"),
    ] {
        let text = String::from_utf8(bytes(name)).expect("UTF-8");
        let mut lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        assert!(lines.len() >= 3, "{name}: too short to test");
        let last = lines.len();
        *lines.last_mut().expect("a line") = bad;
        for end in ["\n", "\r\n"] {
            let broken = lines.join(end) + end;
            let e = parse(broken.as_bytes(), &opts(name)).expect_err(name);
            let msg = e.to_string();
            assert!(msg.contains(&format!("line {last}:")), "{name} ({end:?} line ends): {msg}");
        }
    }
}
