//! The UK lists through the screener: the FCDO's UK Sanctions List (CSV and XML, on the invented fixtures in the
//! published layouts) dated by the file, its weak aliases marked as for OFAC and the UN, the same party on the
//! retired OFSI list and the FCDO list as one hit, and hostile files (a malformed row or element named by file and
//! line, a 200,000-character name, HTML in a name).

use std::path::Path;
use std::time::{Duration, Instant};

use export_screen::lists::dating::{AsOf, DateBasis};
use export_screen::lists::model::Strength;
use export_screen::{Config, LoadOptions, PartyQuery, Screener};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(format!("example_{name}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn opts(filename: &str) -> LoadOptions {
    LoadOptions { filename: Some(filename.to_string()), ..LoadOptions::default() }
}

fn screener() -> Screener {
    Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener")
}

fn party(name: &str) -> PartyQuery {
    PartyQuery { name: name.to_string(), ..PartyQuery::default() }
}

/// The FCDO CSV header as published (58 columns).
fn csv_header() -> String {
    let text = String::from_utf8(fixture("uk_sanctions_list.csv")).expect("UTF-8");
    text.lines().nth(1).expect("header").to_string()
}

/// A one-entry FCDO CSV: `Unique ID`, `Name 6` and `Name type` set, every other column empty.
fn csv_with_name(name: &str) -> Vec<u8> {
    let header = csv_header();
    let cols: Vec<&str> = header.split(',').collect();
    let row: Vec<String> = cols
        .iter()
        .map(|c| match *c {
            "Unique ID" => "RUS9990".to_string(),
            "Name 6" => format!("\"{}\"", name.replace('"', "\"\"")),
            "Name type" => "Primary Name".to_string(),
            "Designation Type" => "Entity".to_string(),
            _ => String::new(),
        })
        .collect();
    format!("Report Date: 08-Oct-2026\r\n{header}\r\n{}\r\n", row.join(",")).into_bytes()
}

fn xml_with_name(escaped_name: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Designations>\n<DateGenerated>08/10/2026</DateGenerated>\n\
         <Designation><UniqueID>RUS9990</UniqueID><Names><Name><Name6>{escaped_name}</Name6>\
         <NameType>Primary Name</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip>\
         </Designation>\n</Designations>\n"
    )
    .into_bytes()
}

#[test]
fn uk_sanctions_list_is_dated_by_the_file_and_named() {
    for file in ["UK-Sanctions-List.csv", "UK-Sanctions-List.xml"] {
        let fixture_name = if file.ends_with("csv") { "uk_sanctions_list.csv" } else { "uk_sanctions_list.xml" };
        let mut s = screener();
        let info = s.load_list(&fixture(fixture_name), &opts(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(info.name, "UK Sanctions List", "{file}");
        assert_eq!(info.entries, 4, "{file}");
        assert_eq!(info.published.as_deref(), Some("2026-10-08"), "{file}");
        assert_eq!(info.as_of, AsOf { date: Some("2026-10-08".into()), basis: DateBasis::File }, "{file}");
    }
}

/// A "Low quality a.k.a" is handled as OFAC's weak and the UN's Low aliases are: it never reaches the threshold on its
/// own (the screener caps it below); the same alias marked "Good quality a.k.a" is a hit like any name.
#[test]
fn uk_sanctions_list_low_quality_alias_is_weak_evidence() {
    for file in ["uk_sanctions_list.csv", "uk_sanctions_list.xml"] {
        let mut s = screener();
        s.load_list(&fixture(file), &opts(file)).expect("loads");
        assert!(s.screen_party(&party("Vanya Examploff")).hits.is_empty(), "{file}: a weak alias alone is no hit");
        let strong = s.screen_party(&party("Haji Mohammad Example"));
        let hit = strong.hits.iter().find(|h| h.entry_id == "AFG9904").expect("a hit on the good alias");
        assert_eq!(hit.matched_name, "Haji Mohammad Example");
        assert_eq!(hit.explanation.alias_strength, Some(Strength::Strong), "{file}");
        assert!(!hit.explanation.evidence.iter().any(|e| e.kind == "weak"), "{:?}", hit.explanation.evidence);

        let text = String::from_utf8(fixture(file)).expect("UTF-8");
        let good = text.replacen("Low quality a.k.a", "Good quality a.k.a", 1);
        let mut s = screener();
        s.load_list(good.as_bytes(), &opts(file)).expect("loads");
        let r = s.screen_party(&party("Vanya Examploff"));
        let hit = r.hits.iter().find(|h| h.entry_id == "RUS9901").unwrap_or_else(|| panic!("{file}: {r:?}"));
        assert_eq!(hit.matched_name, "Vanya EXAMPLOFF");
        assert_eq!(hit.explanation.alias_strength, Some(Strength::Strong), "{file}");
    }
}

/// The retired OFSI ConList and the FCDO list hold the same invented party (OFSI group 99001 = UK Sanctions List
/// RUS9901): one hit naming both.
#[test]
fn uk_party_on_the_ofsi_and_fcdo_lists_is_one_hit() {
    let mut s = screener();
    let ofsi = s.load_list(&fixture("uk_conlist.csv"), &opts("ConList.csv")).expect("OFSI loads");
    assert_eq!(ofsi.format, "uk-ofsi-csv");
    let fcdo = s.load_list(&fixture("uk_sanctions_list.csv"), &opts("UK-Sanctions-List.csv")).expect("FCDO loads");
    assert_eq!(fcdo.format, "uk-sl-csv");
    let r = s.screen_party(&party("Ivan Examplovich Examplov"));
    let hits: Vec<_> = r.hits.iter().filter(|h| h.listings.iter().any(|l| l.entry_id == "RUS9901")).collect();
    assert_eq!(hits.len(), 1, "{:?}", r.hits.iter().map(|h| (&h.list, &h.entry_id)).collect::<Vec<_>>());
    let mut entries: Vec<&str> = hits[0].listings.iter().map(|l| l.entry_id.as_str()).collect();
    entries.sort_unstable();
    assert_eq!(entries, ["99001", "RUS9901"]);
}

#[test]
fn uk_malformed_row_or_element_names_the_file_and_line() {
    let text = String::from_utf8(fixture("uk_sanctions_list.csv")).expect("UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "04/08/2026,RUS9901,99001,,EXAMPLOV,Ivan";
    let broken = lines.join("\r\n");
    let e = screener().load_list(broken.as_bytes(), &opts("UK-Sanctions-List.csv")).expect_err("refused");
    let msg = e.to_string();
    assert!(msg.contains("UK-Sanctions-List.csv") && msg.contains("line 5"), "{msg}");
    assert!(msg.contains("expected 58 fields, found 6"), "{msg}");

    let xml = String::from_utf8(fixture("uk_sanctions_list.xml")).expect("UTF-8");
    let broken = xml.replacen("<UniqueID>RUS9902</UniqueID>", "<UniqueID>RUS9902</UniqueId>", 1);
    let e = screener().load_list(broken.as_bytes(), &opts("UK-Sanctions-List.xml")).expect_err("refused");
    let line = xml.lines().position(|l| l.contains("RUS9902")).expect("line") + 1;
    let msg = e.to_string();
    assert!(msg.contains("UK-Sanctions-List.xml") && msg.contains(&format!("line {line}")), "{msg}");

    let cut = &xml[..xml.find("<UniqueID>RUS9903").expect("ship")];
    let e = screener().load_list(cut.as_bytes(), &opts("UK-Sanctions-List.xml")).expect_err("refused");
    assert!(e.to_string().contains("ends inside <Designation>"), "{e}");
}

#[test]
fn uk_name_of_200000_characters_loads_cut_and_fast() {
    let long = "EXAMPLE ".repeat(25_000);
    for (file, bytes) in
        [("UK-Sanctions-List.csv", csv_with_name(&long)), ("UK-Sanctions-List.xml", xml_with_name(&long))]
    {
        let started = Instant::now();
        let mut s = screener();
        let info = s.load_list(&bytes, &opts(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let took = started.elapsed();
        // A backstop against a hang (the growth is checked by tests/growth.rs), generous for a loaded machine.
        assert!(took < Duration::from_secs(30), "{file}: {took:?}");
        assert!(
            info.warnings.iter().any(|w| w.contains("RUS9990") && w.contains("199999 bytes")),
            "{:?}",
            info.warnings
        );
        assert!(!s.screen_party(&party("Example Example")).hits.is_empty() || info.entries == 1);
    }
}

#[test]
fn uk_html_in_a_name_is_kept_as_text() {
    let html = "<img src=x onerror=alert(1)> EXAMPLE TRADING";
    let csv = csv_with_name(html);
    let xml = xml_with_name("&lt;img src=x onerror=alert(1)&gt; EXAMPLE TRADING");
    for (file, bytes) in [("UK-Sanctions-List.csv", csv), ("UK-Sanctions-List.xml", xml)] {
        let parsed = export_screen::lists::parse(&bytes, &opts(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(parsed.entries[0].name, html, "{file}: the name is kept as the text it is");
        // An unescaped tag in the XML is an element, never a name: refused, not read as markup.
        let raw = xml_with_name("<img src=\"x\"/> EXAMPLE");
        let p = export_screen::lists::parse(&raw, &opts("UK-Sanctions-List.xml")).expect("parses");
        assert_eq!(p.entries[0].name, "EXAMPLE", "a child element adds no text to the name");
    }
}

/// A row with only a non-Latin name (or no name) still adds to its entry; an entry with no name on any row is refused,
/// naming it.
#[test]
fn uk_rows_without_a_latin_name_add_to_their_entry() {
    let text = String::from_utf8(fixture("uk_sanctions_list.csv")).expect("UTF-8");
    let header = csv_header();
    let cols: Vec<&str> = header.split(',').collect();
    let row = |id: &str, non_latin: &str| {
        cols.iter()
            .map(|c| match *c {
                "Unique ID" => id.to_string(),
                "Name non-latin script" => non_latin.to_string(),
                "Address Line 6" => "Kazan".to_string(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let with_row = format!("{}{}\r\n", text, row("RUS9901", "Ваня ПРИМЕРОВ"));
    let l = export_screen::lists::parse(with_row.as_bytes(), &opts("UK-Sanctions-List.csv")).expect("loads");
    let p = l.entries.iter().find(|e| e.id == "RUS9901").expect("RUS9901");
    assert_eq!(p.name, "Ivan Examplovich EXAMPLOV");
    assert!(p.aliases.iter().any(|a| a.name == "Ваня ПРИМЕРОВ"));
    assert!(p.addresses.iter().any(|a| a.full == "Kazan"));

    let nameless = format!("{}{}\r\n", text, row("RUS9995", ""));
    let e = export_screen::lists::parse(nameless.as_bytes(), &opts("UK-Sanctions-List.csv")).expect_err("refused");
    assert!(e.to_string().contains("Unique ID RUS9995: no name"), "{e}");
}
