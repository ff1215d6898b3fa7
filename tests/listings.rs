//! One hit per listed party, through the public API on invented rows in the official layouts: the CSL's copies of
//! one party, its SDN row and the same `sdn.csv` entry, and a demo entry with its official copy are one hit whose
//! `listings` name every list and entry; a decision on any listing covers it; the verdict counts the strongest
//! listing. The real files are in `tests/lists_current.rs`.

use export_screen::decisions::{Decision, DecisionKind, DecisionParty};
use export_screen::lists::model::Effect;
use export_screen::{Config, LoadOptions, OrderInput, PartyQuery, Screener, Verdict};

const CSL_HEADER: &str = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,\
end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,\
vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,\
source_information_url,ids";

const SDN: &str = "Specially Designated Nationals (SDN) - Treasury Department";
const EL: &str = "Entity List (EL) - Bureau of Industry and Security";
const SSI: &str = "Sectoral Sanctions Identifications List (SSI) - Treasury Department";

/// A CSL row with the given id, source, OFAC entity number, type, name and address; the other columns empty.
fn csl_row(id: &str, source: &str, ent: &str, typ: &str, name: &str, address: &str, fr: &str) -> String {
    let mut cells = vec![String::new(); 29];
    cells[0] = id.into();
    cells[1] = source.into();
    cells[2] = ent.into();
    cells[3] = typ.into();
    cells[5] = format!("\"{name}\"");
    cells[7] = format!("\"{address}\"");
    cells[8] = fr.into();
    cells.join(",")
}

fn csl(rows: &[String]) -> Vec<u8> {
    format!("{CSL_HEADER}\n{}\n", rows.join("\n")).into_bytes()
}

fn opts(name: &str) -> LoadOptions {
    LoadOptions { filename: Some(name.into()), ..LoadOptions::default() }
}

fn empty() -> Screener {
    Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener")
}

fn query(name: &str) -> PartyQuery {
    PartyQuery { name: name.into(), ..PartyQuery::default() }
}

/// The CSL with an invented bank on the SDN (OFAC number 99001) and on the Entity List, and OFAC's `sdn.csv` with
/// the same SDN entry and an unrelated one.
fn bank_lists(s: &mut Screener) -> (String, String) {
    let csl_bytes = csl(&[
        csl_row("99001", SDN, "99001", "Entity", "EXAMPLE NATIONAL BANK", "1 Example Square, Tehran, IR", ""),
        csl_row("el-7", EL, "", "", "Example National Bank", "Tehran, IR", "91 FR 1234"),
        csl_row("99002", SSI, "99002", "Entity", "EXAMPLE OIL COMPANY", "Moscow, RU", ""),
    ]);
    let sdn_bytes = b"99001,\"EXAMPLE NATIONAL BANK\",-0- ,\"IRAN] [SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Website www.example.invalid.\"\r\n\
99003,\"EXAMPLE NATIONAL BANKING GROUP\",-0- ,\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let a = s.load_list(&csl_bytes, &opts("consolidated.csv")).expect("csl loads").id;
    let b = s.load_list(sdn_bytes, &opts("sdn.csv")).expect("sdn loads").id;
    (a, b)
}

#[test]
fn a_party_on_the_csl_and_in_sdn_csv_is_one_hit_naming_every_listing() {
    let mut s = empty();
    let (csl_id, sdn_id) = bank_lists(&mut s);
    let hits = s.screen_party(&query("Example National Bank")).hits;
    let bank: Vec<_> = hits.iter().filter(|h| h.name.eq_ignore_ascii_case("EXAMPLE NATIONAL BANK")).collect();
    assert_eq!(bank.len(), 1, "one hit for the bank, not three: {hits:#?}");
    let h = bank[0];
    let listed: Vec<(&str, &str, &str)> =
        h.listings.iter().map(|l| (l.list_id.as_str(), l.entry_id.as_str(), l.list_code.as_str())).collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.contains(&(csl_id.as_str(), "99001", "SDN")));
    assert!(listed.contains(&(csl_id.as_str(), "el-7", "EL")));
    assert!(listed.contains(&(sdn_id.as_str(), "99001", "SDN")));
    assert_eq!(
        (h.listings[0].list_id.as_str(), h.listings[0].entry_id.as_str()),
        (h.list_id.as_str(), h.entry_id.as_str())
    );
    assert_eq!(h.effect, Effect::Prohibition, "of equal scores, the SDN entry stands for the party");
    // The other bank (another OFAC number, another name) stays its own hit, if it is one at all.
    assert!(hits.iter().all(|x| x.listings.iter().all(|l| l.entry_id != "99003") || x.entry_id == "99003"));
    // The JSON keeps every field it had and adds the listings.
    let json = serde_json::to_value(h).expect("json");
    for key in ["listId", "list", "listCode", "source", "effect", "entryId", "name", "matchedName", "score", "type"] {
        assert!(json.get(key).is_some(), "{key} is kept");
    }
    let listings = json["listings"].as_array().expect("listings");
    assert!(listings.iter().any(|l| l["programs"] == serde_json::json!(["IRAN", "SDGT"])), "{listings:?}");
    for key in ["listId", "list", "entryId", "source", "programs"] {
        assert!(json["listings"][0].get(key).is_some(), "listings[].{key}");
    }
}

#[test]
fn a_decision_on_any_listing_covers_the_one_hit() {
    let mut s = empty();
    let (_, sdn_id) = bank_lists(&mut s);
    let decision = Decision {
        party: DecisionParty { name: "Example National Bank".into(), country: None, address: None },
        entry_id: "99001".into(),
        list_id: sdn_id,
        kind: DecisionKind::FalsePositive,
        note: "Another bank: checked its registration".into(),
        by: "tester".into(),
        expires: None,
        decided_at: None,
        strong_match_reason: None,
        listed_name: None,
        list: None,
        id: None,
    };
    // The decision names the entry of sdn.csv; the hit stands for the CSL's SDN row: it is covered all the same.
    s.set_decisions(vec![decision], "2026-12-01").expect("decisions");
    let hits = s.screen_party(&query("Example National Bank")).hits;
    let h = hits.iter().find(|h| h.name.eq_ignore_ascii_case("EXAMPLE NATIONAL BANK")).expect("the bank");
    assert!(h.decision.as_ref().is_some_and(|d| d.kind == DecisionKind::FalsePositive), "{h:#?}");
    let brief = s.screen_party_brief(&query("Example National Bank"));
    assert_eq!(brief.set_aside, 1, "the batch path applies it to the party too");
}

#[test]
fn the_verdict_counts_the_strongest_listing_and_names_the_others() {
    let mut s = empty();
    // One company under one OFAC number: a red-flag SSI row that matches the buyer's name exactly, and an SDN row
    // (a prohibition) under a longer name that matches it less well.
    let csl_bytes = csl(&[
        csl_row("99010", SSI, "99010", "Entity", "EXAMPLE PETROLEUM", "Moscow, RU", ""),
        csl_row("99011", SDN, "99010", "Entity", "EXAMPLE PETROLEUM REFINING HOLDING", "Moscow, RU", ""),
    ]);
    s.load_list(&csl_bytes, &opts("consolidated.csv")).expect("loads");
    let report = s
        .screen_order(&OrderInput::Text("Buyer: Example Petroleum, Moscow, Russia\nItems: 10 valves".into()))
        .expect("screens");
    let hits = &report.parties[0].hits;
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].listings.len(), 2);
    assert_eq!((hits[0].list_code.as_str(), hits[0].effect), ("SSI", Effect::RedFlag), "the best match stands for it");
    assert_eq!(hits[0].strongest_effect(), Effect::Prohibition);
    assert_eq!(report.verdict, Verdict::Stop, "the SDN listing stops the order: {:#?}", report.reasons);
    let reason = report.reasons.iter().find(|r| r.code.starts_with("party.")).expect("a party reason");
    assert!(reason.message.contains("the same party is also listed on the"), "{}", reason.message);
}

#[test]
fn a_demo_entry_and_its_official_copy_are_one_hit() {
    let mut s = Screener::new(Config::default()).expect("screener with the demo list");
    let csl_bytes = csl(&[csl_row(
        "a1b2c3",
        EL,
        "",
        "",
        "Hassan Scientific Corporation",
        "50 Akbari Road, New Anarkali, Lahore, PK",
        "86 FR 29193",
    )]);
    let official = s.load_list(&csl_bytes, &opts("consolidated.csv")).expect("loads").id;
    let hits = s.screen_party(&PartyQuery { country: Some("PK".into()), ..query("Hasan Scientific Corp") }).hits;
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let ids: Vec<&str> = hits[0].listings.iter().map(|l| l.list_id.as_str()).collect();
    assert!(ids.contains(&"demo") && ids.contains(&official.as_str()), "{ids:?}");
}

#[test]
fn entries_that_only_share_a_name_stay_apart() {
    let mut s = empty();
    let a = csl(&[
        csl_row("p1", SDN, "91001", "Individual", "ALI HASSAN", "Damascus, SY", ""),
        csl_row("p2", SDN, "91002", "Individual", "ALI HASSAN", "Aleppo, SY", ""),
    ]);
    s.load_list(&a, &opts("consolidated.csv")).expect("loads");
    let b = csl(&[csl_row("p3", EL, "", "Individual", "Ali Hassan", "Homs, SY", "90 FR 1")]);
    s.load_list(&b, &opts("other.csv")).expect("loads");
    let hits = s.screen_party(&query("Ali Hassan")).hits;
    assert_eq!(hits.len(), 3, "three people of one name, no date of birth to tell them: three hits");
    assert!(hits.iter().all(|h| h.listings.len() == 1));
}
