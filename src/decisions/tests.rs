use super::*;
use crate::screener::{OrderInput, PartyQuery, Screener};

const ORDER: &str = "Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 40 office chairs";
const ENTRY: &str = "demo-el-hassan-scientific";

fn decision(party: &str, country: Option<&str>, kind: DecisionKind, expires: Option<&str>) -> Decision {
    Decision {
        party: DecisionParty { name: party.into(), country: country.map(str::to_string), address: None },
        entry_id: ENTRY.into(),
        list_id: "demo".into(),
        kind,
        note: "a school supplier in Lahore, not the listed firm".into(),
        by: "A. Reviewer".into(),
        expires: expires.map(str::to_string),
        decided_at: None,
        strong_match_reason: None,
        listed_name: None,
        list: None,
        id: None,
    }
}

fn fp(party: &str, country: Option<&str>) -> Decision {
    decision(party, country, DecisionKind::FalsePositive, Some("2027-12-01"))
}

fn screener(decisions: Vec<Decision>, as_of: &str) -> Screener {
    let mut s = Screener::new(Config::default()).expect("demo list loads");
    s.set_decisions(decisions, as_of).expect("decisions are valid");
    s
}

fn buyer_hit(s: &Screener, text: &str) -> (Report, Hit) {
    let r = s.screen_order(&OrderInput::Text(text.into())).expect("screens");
    let p = r.parties.iter().find(|p| p.role == "buyer").expect("a buyer");
    let h = p.hits.iter().find(|h| h.entry_id == ENTRY).expect("the Hassan hit").clone();
    (r, h)
}

#[test]
fn valid_day_checks_the_calendar() {
    assert!(valid_day("2028-02-29"));
    assert!(!valid_day("2027-02-29"));
    assert!(!valid_day("2027-13-01"));
    assert!(!valid_day("2027-1-01"));
    assert!(!valid_day("next year"));
    assert_eq!(day_of("2026-12-01T10:00:00Z").as_deref(), Ok("2026-12-01"));
    let e = day_of("2026-12-01 10:00").expect_err("a space, not T");
    assert!(e.to_string().contains("is not a date"), "{e}");
}

#[test]
fn party_key_ignores_case_punctuation_and_legal_forms() {
    assert_eq!(party_key("M/S HASAN SCIENTIFIC CORP."), party_key("M/s Hasan Scientific Corporation"));
    assert_eq!(party_key("Société Générale"), party_key("SOCIETE GENERALE"));
    assert_ne!(party_key("Hasan Scientific"), party_key("Hasan Scientific Trading"));
    assert!(!party_key("Ltd.").is_empty(), "a name of legal-form words keeps its folded words");
}

#[test]
fn apply_false_positive_clears_the_reason_and_keeps_the_engine_verdict() {
    let s = screener(vec![fp("M/s Hasan Scientific Corp", Some("PK"))], "2026-12-01");
    let (r, h) = buyer_hit(&s, ORDER);
    assert_eq!(r.verdict, Verdict::Stop, "the engine's verdict is unchanged");
    assert_eq!(r.verdict_after_decisions, Verdict::Clear);
    assert_eq!(r.decisions_as_of.as_deref(), Some("2026-12-01"));
    assert_eq!(h.decision.as_ref().map(|d| d.kind), Some(DecisionKind::FalsePositive));
    let reason = r.reasons.iter().find(|x| x.code == "party.el").expect("the Entity List reason");
    assert_eq!(reason.verdict, Verdict::Stop);
    assert_eq!(reason.after_decisions, Some(Verdict::Clear));
}

#[test]
fn apply_matches_the_party_written_otherwise_and_by_country_name() {
    let s = screener(vec![fp("M/s Hasan Scientific Corp", Some("Pakistan"))], "2026-12-01");
    let text =
        "PO 77\nBuyer: M/S HASAN SCIENTIFIC CORP., Lahore, Pakistan\nItems: 40 office chairs\nPayment: cash deposit";
    let (r, h) = buyer_hit(&s, text);
    assert!(h.decision.is_some());
    assert_eq!(r.verdict, Verdict::Stop);
    assert_eq!(r.verdict_after_decisions, Verdict::Review, "the cash payment still asks for review");
}

#[test]
fn apply_another_country_or_party_is_not_covered() {
    let s = screener(vec![fp("M/s Hasan Scientific Corp", Some("PK"))], "2026-12-01");
    let (r, h) = buyer_hit(&s, &ORDER.replace("Lahore, Pakistan", "Dubai, United Arab Emirates"));
    assert!(h.decision.is_none());
    assert_eq!(r.verdict_after_decisions, Verdict::Stop);
    // A decision with a country does not cover the party screened without one.
    let q = PartyQuery { name: "M/s Hasan Scientific Corp".into(), ..Default::default() };
    assert!(s.screen_party(&q).hits.iter().all(|h| h.decision.is_none()));
    // A decision without a country covers the name in any country.
    let any = screener(vec![fp("Hasan Scientific Corp", None)], "2026-12-01");
    let (_, h) = buyer_hit(&any, &ORDER.replace("Lahore, Pakistan", "Dubai, United Arab Emirates"));
    assert!(h.decision.is_some());
}

#[test]
fn apply_expired_decision_applies_nowhere() {
    let d = decision("M/s Hasan Scientific Corp", Some("PK"), DecisionKind::FalsePositive, Some("2026-12-15"));
    let on_last_day = screener(vec![d.clone()], "2026-12-15");
    assert!(buyer_hit(&on_last_day, ORDER).1.decision.is_some(), "in force through its expiry day");
    let later = screener(vec![d], "2026-12-16");
    let (r, h) = buyer_hit(&later, ORDER);
    assert!(h.decision.is_none());
    assert_eq!(h.expired_decision.as_ref().and_then(|d| d.expires.as_deref()), Some("2026-12-15"));
    assert_eq!(r.verdict_after_decisions, Verdict::Stop);
    assert!(r.reasons.iter().all(|x| x.after_decisions.is_none()));
    let q = PartyQuery { name: "M/s Hasan Scientific Corp".into(), country: Some("PK".into()), ..Default::default() };
    assert!(later.screen_party(&q).hits.iter().all(|h| h.decision.is_none()));
    assert_eq!(later.screen_party_brief(&q).set_aside, 0);
}

#[test]
fn apply_list_by_session_id_or_format() {
    let mut by_format = fp("M/s Hasan Scientific Corp", Some("PK"));
    by_format.list_id = "demo-toml".into();
    assert!(buyer_hit(&screener(vec![by_format], "2026-12-01"), ORDER).1.decision.is_some());
    let mut other = fp("M/s Hasan Scientific Corp", Some("PK"));
    other.list_id = "list-1".into();
    assert!(buyer_hit(&screener(vec![other], "2026-12-01"), ORDER).1.decision.is_none());
}

#[test]
fn apply_confirmed_match_raises_a_weak_hit_to_the_lists_verdict() {
    // A stop threshold above the hit's score: the engine asks to confirm or rule out the identity.
    let config = Config { stop_threshold: 0.999, ..Config::default() };
    let mut s = Screener::new(config).expect("demo list loads");
    let text = "Buyer: Hasan Scientific Trading Corp, Lahore, Pakistan\nItems: 40 office chairs";
    let r = s.screen_order(&OrderInput::Text(text.into())).expect("screens");
    let h = r.parties[0].hits.iter().find(|h| h.entry_id == ENTRY).expect("the Hassan hit");
    assert!(h.score < 0.999, "{}", h.score);
    assert_eq!(r.verdict, Verdict::Review);
    let d = decision(&r.parties[0].name, Some("PK"), DecisionKind::Confirmed, None);
    s.set_decisions(vec![d], "2026-12-01").expect("valid");
    let r2 = s.screen_order(&OrderInput::Text(text.into())).expect("screens");
    assert_eq!(r2.verdict, Verdict::Review);
    assert_eq!(r2.verdict_after_decisions, Verdict::Stop, "a confirmed Entity List buyer stops the order");
    let reason = r2.reasons.iter().find(|x| x.code == "party.el").expect("the Entity List reason");
    assert_eq!((reason.verdict, reason.after_decisions), (Verdict::Review, Some(Verdict::Stop)));
}

#[test]
fn apply_confirmed_match_lowers_nothing() {
    let d = decision("M/s Hasan Scientific Corp", Some("PK"), DecisionKind::Confirmed, None);
    let (r, h) = buyer_hit(&screener(vec![d], "2026-12-01"), ORDER);
    assert!(h.decision.is_some());
    assert_eq!(r.verdict_after_decisions, Verdict::Stop);
    assert!(r.reasons.iter().all(|x| x.after_decisions.is_none()), "nothing changed");
}

#[test]
fn apply_reaches_screen_party_and_the_brief_results() {
    let s = screener(vec![fp("M/s Hasan Scientific Corp", Some("PK"))], "2026-12-01");
    let q = PartyQuery { name: "Hasan Scientific Corp.".into(), country: Some("PK".into()), ..Default::default() };
    let full = s.screen_party(&q);
    assert_eq!(full.decisions_as_of.as_deref(), Some("2026-12-01"));
    assert!(full.hits.iter().find(|h| h.entry_id == ENTRY).is_some_and(|h| h.decision.is_some()));
    let brief = s.screen_party_brief(&q);
    assert_eq!(brief.hits, full.hits.len());
    assert_eq!(brief.set_aside, full.hits.iter().filter(|h| h.decision.is_some()).count());
    let best = brief.best.expect("a best hit");
    assert_eq!(best.decision.is_some(), full.hits[0].decision.is_some());
}

#[test]
fn apply_pure_function_equals_the_screener() {
    let plain = Screener::new(Config::default()).expect("demo list loads");
    let report = plain.screen_order(&OrderInput::Text(ORDER.into())).expect("screens");
    let ds = vec![fp("M/s Hasan Scientific Corp", Some("PK"))];
    let applied = apply(&report, &ds, "2026-12-01", plain.config()).expect("valid");
    let with = screener(ds, "2026-12-01").screen_order(&OrderInput::Text(ORDER.into())).expect("screens");
    assert_eq!(applied, with);
    assert_eq!(report.verdict_after_decisions, report.verdict, "without decisions both verdicts agree");
}

#[test]
fn new_names_the_bad_decision() {
    let mut bad = fp("x", None);
    bad.expires = Some("2027-02-30".into());
    let e = Decisions::new(vec![fp("a", None), bad], "2026-12-01").expect_err("a bad date");
    assert_eq!(e.message(), "decision 2: expires: \"2027-02-30\" is not a date (expected YYYY-MM-DD)");
    let e = Decisions::new(vec![fp("  ", None)], "2026-12-01").expect_err("no name");
    assert!(e.message().starts_with("decision 1: the party has no name"), "{e}");
    let mut no_entry = fp("a", None);
    no_entry.entry_id = " ".into();
    assert!(Decisions::new(vec![no_entry], "2026-12-01").expect_err("no entry").message().contains("entryId"));
    let e = Decisions::new(vec![], "tomorrow").expect_err("bad asOf");
    assert_eq!(e.message(), "asOf: \"tomorrow\" is not a date (expected YYYY-MM-DD)");
}

#[test]
fn new_keeps_the_decisions_on_error() {
    let mut s = screener(vec![fp("M/s Hasan Scientific Corp", Some("PK"))], "2026-12-01");
    let e = s.set_decisions(vec![fp("", None)], "2026-12-01").expect_err("a decision without a party");
    assert!(e.to_string().contains("party"), "{e}");
    assert_eq!(s.decisions().len(), 1);
}

#[test]
fn new_later_decision_wins() {
    let first = fp("M/s Hasan Scientific Corp", Some("PK"));
    let second = decision("M/s Hasan Scientific Corp", Some("PK"), DecisionKind::Confirmed, None);
    let (r, h) = buyer_hit(&screener(vec![first, second], "2026-12-01"), ORDER);
    assert_eq!(h.decision.map(|d| d.kind), Some(DecisionKind::Confirmed));
    assert_eq!(r.verdict_after_decisions, Verdict::Stop);
}

#[test]
fn from_json_reads_an_array_or_a_log_and_names_the_bad_entry() {
    let one = r#"{"party":"Nova Technologies","entryId":"e1","listId":"demo","kind":"false-positive","note":"n","by":"R","expires":"2027-01-01"}"#;
    let ds = from_json(&format!("[{one}]")).expect("an array");
    assert_eq!(ds[0].party.name, "Nova Technologies");
    assert_eq!(ds[0].party.country, None);
    let log = format!(r#"{{"kind":"export-screen-decisions","version":2,"decisions":[{one},{one}]}}"#);
    assert_eq!(from_json(&log).expect("a log").len(), 2);
    let typo = one.replace("\"expires\"", "\"expiry\"");
    let e = from_json(&format!("[{one},{typo}]")).expect_err("unknown field");
    assert!(e.message().starts_with("decision 2: unknown field `expiry`"), "{e}");
    let kind = one.replace("false-positive", "maybe");
    assert!(from_json(&format!("[{kind}]")).expect_err("bad kind").message().contains("maybe"));
    let e = from_json("{}").expect_err("neither an array nor a log");
    assert!(e.message().contains("expected an array of decisions"), "{e}");
    assert!(from_json("not json").expect_err("not JSON").message().starts_with("not JSON"));
    let obj = one.replace("\"Nova Technologies\"", r#"{"name":"Nova Technologies","country":"DE"}"#);
    assert_eq!(from_json(&format!("[{obj}]")).expect("object party")[0].party.country.as_deref(), Some("DE"));
}

#[test]
fn remove_demo_list_updates_config() {
    let mut s = Screener::new(Config::default()).expect("demo list loads");
    assert!(s.config().demo_list);
    s.remove_list("demo").expect("removable");
    assert!(!s.config().demo_list, "the config in force no longer loads the demo list");
    s.add_demo_list().expect("back");
    assert!(s.config().demo_list, "and does again once it is back");
}

#[test]
fn set_threshold_is_recorded_in_the_report() {
    let mut s = Screener::new(Config::default()).expect("demo list loads");
    s.set_threshold(0.9).expect("valid");
    assert_eq!(s.screen_order(&OrderInput::Text(ORDER.into())).expect("screens").threshold, 0.9);
    let e = s.set_threshold(1.5).expect_err("above 1");
    assert!(e.to_string().contains("threshold"), "{e}");
    assert_eq!(s.config().threshold, 0.9, "a bad value changes nothing");
}

#[test]
fn hits_csv_writes_every_hit_with_its_decision() {
    let file = crate::batch::parse_parties(
        "id;Firma;Land\n1;M/s Hasan Scientific Corp;PK\n2;=Nordic Office Interiors AS;NO\n3;Pakistan Atomic Energy Commission;PK\n",
        &crate::Config { max_batch_rows: 10, ..crate::Config::default() },
    )
    .expect("parses");
    let s = screener(vec![fp("M/s Hasan Scientific Corp", Some("PK"))], "2026-12-01");
    let results: Vec<_> = file.rows.iter().map(|r| s.screen_party(&r.query)).collect();
    let csv = hits_csv(&file, &results).expect("writes");
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("id;Firma;Land,hits,hits_set_aside,hit,score") || rows[0].starts_with("id,Firma,Land,hits")
    );
    let hits: usize = results.iter().map(|r| r.hits.len().max(1)).sum();
    assert_eq!(rows.len(), 1 + hits, "one row per hit, one per party without a hit");
    assert!(results[2].hits.len() > 1, "PAEC has several entries: {:?}", results[2].hits.len());
    let hassan = rows.iter().find(|r| r.contains(ENTRY)).expect("the Hassan row");
    assert!(
        hassan.contains("false positive,A. Reviewer,\"a school supplier in Lahore, not the listed firm\",2027-12-01"),
        "{hassan}"
    );
    assert!(rows.iter().any(|r| r.starts_with("2,'=Nordic Office Interiors AS,NO,0,0,,")), "{csv}");
    assert!(rows.iter().filter(|r| r.starts_with("3,")).count() == results[2].hits.len());
    assert!(rows[1..].iter().all(|r| r.ends_with(",0.8")), "the threshold used, on every row");
}

#[test]
fn fields_are_the_serde_fields() {
    let mut d = fp("Nova Technologies", Some("DE"));
    d.decided_at = Some("2026-12-01".into());
    d.strong_match_reason = Some("r".into());
    d.listed_name = Some("n".into());
    d.list = Some("l".into());
    d.id = Some("k".into());
    d.party.address = Some("a".into());
    let v = serde_json::to_value(&d).expect("serialises");
    let mut keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    let mut fields = FIELDS.to_vec();
    keys.sort_unstable();
    fields.sort_unstable();
    assert_eq!(keys, fields);
    let party: Vec<&str> = v["party"].as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(party.len(), PARTY_FIELDS.len());
    assert!(party.iter().all(|k| PARTY_FIELDS.contains(k)));
    let back: Decision = serde_json::from_value(v).expect("reads back");
    assert_eq!(back, d);
    let e = from_json(r#"[{"party":{"name":"x","land":"DE"},"entryId":"e","listId":"l","kind":"confirmed"}]"#)
        .expect_err("unknown party field");
    assert!(e.message().contains("unknown field `land`"), "{e}");
    let e = from_json(r#"[{"party":{"country":"DE"},"entryId":"e","listId":"l","kind":"confirmed"}]"#)
        .expect_err("no name");
    assert!(e.message().contains("missing field `name`"), "{e}");
}
