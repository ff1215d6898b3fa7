//! Order cases from tests/cases/orders/*.toml (one case per file, each citing its public basis), run through the
//! public API: `Screener::new(Config::default())?.screen_order(&OrderInput::Text(..))`, with the embedded demo
//! list. Each case states the expected verdict and, where it matters, the flags, control entries, party roles
//! and list hits, and what the parser must read: parties (role, name, country), items (description, quantity, HS
//! code, parameters), destination and route. Set `ORDERS_DEBUG=1` to print every report, `ORDERS_ONLY=<part of a
//! file name>` to run some cases only.
use std::path::Path;

use export_screen::report::Report;
use export_screen::{Config, OrderInput, Screener};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedHit {
    role: String,
    /// A part of the listed entry's primary name (case-insensitive).
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedParty {
    role: String,
    /// A part of the party's name as read (case-insensitive).
    name: String,
    /// ISO-2 country read for the party.
    #[serde(default)]
    country: Option<String>,
    /// Words that must not be in the party's name or address (a neighbouring line read into it).
    #[serde(default)]
    lacks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedItem {
    /// A part of the item's description (case-insensitive).
    description: String,
    #[serde(default)]
    quantity: Option<f64>,
    #[serde(default)]
    hs: Option<String>,
    /// Text that must not remain in the description (the HS code and quantity have fields of their own).
    #[serde(default)]
    lacks: Vec<String>,
    /// Parameters that must be read, as "name:value:unit" ("bias stability:0.05:deg/h"; the name is a part).
    #[serde(default)]
    parameters: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    source: String,
    text: String,
    verdict: String,
    /// Flag codes that must be present, optionally with the severity: "end-use.nuclear=stop".
    #[serde(default)]
    flags: Vec<String>,
    /// Flag codes that must be absent (a code ending in "." is a prefix: "kyc.").
    #[serde(default)]
    no_flags: Vec<String>,
    /// Control entries that must be among the items' candidates.
    #[serde(default)]
    controls: Vec<String>,
    /// Control entries the order's parameters must decide as controlled.
    #[serde(default)]
    controlled: Vec<String>,
    /// Control entries the order's parameters must decide as not controlled.
    #[serde(default)]
    not_controlled: Vec<String>,
    /// No item may have any candidate entry.
    #[serde(default)]
    no_controls: bool,
    /// Party roles that must be read.
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    hits: Vec<ExpectedHit>,
    /// No party may have a list hit.
    #[serde(default)]
    no_hits: bool,
    #[serde(default)]
    destination: Option<String>,
    /// Parties that must be read: role, part of the name, and optionally the country.
    #[serde(default)]
    parties: Vec<ExpectedParty>,
    /// Roles that must not be read.
    #[serde(default)]
    no_roles: Vec<String>,
    /// Items that must be read (each matched by a part of its description).
    #[serde(default)]
    items: Vec<ExpectedItem>,
    /// The number of items read.
    #[serde(default)]
    item_count: Option<usize>,
    /// Countries that must be on the route (`order.via`).
    #[serde(default)]
    via: Vec<String>,
}

fn cases() -> Vec<(String, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/orders");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let file = p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            (file, case)
        })
        .collect()
}

fn verdict_str(r: &Report) -> String {
    serde_json::to_value(r.verdict).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// What differs between the report and the case, one line per difference.
fn check(file: &str, c: &Case, r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut fail = |m: String| out.push(format!("{file} ({}): {m}", c.name));
    let v = verdict_str(r);
    if v != c.verdict {
        let reasons: Vec<String> = r.reasons.iter().map(|x| format!("{:?} {}", x.verdict, x.code)).collect();
        fail(format!("verdict {v}, expected {} — reasons: {}", c.verdict, reasons.join(", ")));
    }
    for f in &c.flags {
        let (code, sev) = f.split_once('=').map(|(a, b)| (a, Some(b))).unwrap_or((f.as_str(), None));
        match r.flags.iter().find(|x| x.code == code) {
            None => fail(format!(
                "flag {code} missing; flags: {:?}",
                r.flags.iter().map(|x| (&x.code, &x.severity)).collect::<Vec<_>>()
            )),
            Some(x) => {
                if let Some(s) = sev {
                    if x.severity != s {
                        fail(format!("flag {code} is {}, expected {s}", x.severity));
                    }
                }
                if x.citation.is_empty() {
                    fail(format!("flag {code} has no citation"));
                }
            }
        }
    }
    for f in &c.no_flags {
        let bad: Vec<&str> = r
            .flags
            .iter()
            .filter(|x| {
                if f.ends_with('.') {
                    x.code.starts_with(f.as_str()) && x.severity != "info"
                } else {
                    x.code == *f
                }
            })
            .map(|x| x.code.as_str())
            .collect();
        if !bad.is_empty() {
            fail(format!("unexpected flag(s) {bad:?}"));
        }
    }
    let all: Vec<_> = r.items.iter().flat_map(|i| i.controls.iter()).collect();
    for e in &c.controls {
        if !all.iter().any(|m| &m.entry == e) {
            fail(format!(
                "control entry {e} missing; got {:?}",
                all.iter().map(|m| (&m.entry, m.confidence)).collect::<Vec<_>>()
            ));
        }
    }
    for e in &c.controlled {
        if !all.iter().any(|m| &m.entry == e && m.controlled == Some(true)) {
            fail(format!(
                "{e} not decided as controlled; got {:?}",
                all.iter().map(|m| (&m.entry, m.controlled)).collect::<Vec<_>>()
            ));
        }
    }
    for e in &c.not_controlled {
        if !all.iter().any(|m| &m.entry == e && m.controlled == Some(false)) {
            fail(format!(
                "{e} not decided as outside control; got {:?}",
                all.iter().map(|m| (&m.entry, m.controlled)).collect::<Vec<_>>()
            ));
        }
    }
    if c.no_controls && !all.is_empty() {
        fail(format!(
            "expected no control candidates, got {:?}",
            all.iter().map(|m| (&m.entry, m.confidence)).collect::<Vec<_>>()
        ));
    }
    for role in &c.roles {
        if !r.parties.iter().any(|p| &p.role == role) {
            fail(format!(
                "no party with role {role}; parties: {:?}",
                r.parties.iter().map(|p| (&p.role, &p.name)).collect::<Vec<_>>()
            ));
        }
    }
    for h in &c.hits {
        let found = r
            .parties
            .iter()
            .filter(|p| p.role == h.role)
            .any(|p| p.hits.iter().any(|x| x.name.to_lowercase().contains(&h.name.to_lowercase())));
        if !found {
            fail(format!(
                "no {} hit on \"{}\"; parties: {:?}",
                h.role,
                h.name,
                r.parties
                    .iter()
                    .map(|p| (&p.role, &p.name, p.hits.iter().map(|x| (&x.name, x.score)).collect::<Vec<_>>()))
                    .collect::<Vec<_>>()
            ));
        }
    }
    if c.no_hits {
        for p in &r.parties {
            if let Some(x) = p.hits.first() {
                fail(format!("unexpected hit: {} \"{}\" ~ \"{}\" ({})", p.role, p.name, x.name, x.score));
            }
        }
    }
    if let Some(d) = &c.destination {
        if r.order.destination.as_deref() != Some(d.as_str()) {
            fail(format!("destination {:?}, expected {d}", r.order.destination));
        }
    }
    let parties: Vec<_> = r.order.parties.iter().map(|p| (&p.role, &p.name, &p.country)).collect();
    for e in &c.parties {
        let found = r.order.parties.iter().find(|p| {
            p.role == e.role
                && p.name.to_lowercase().contains(&e.name.to_lowercase())
                && e.country.as_ref().is_none_or(|c| p.country.as_ref() == Some(c))
        });
        match found {
            None => fail(format!(
                "no {} \"{}\" ({}); parties: {parties:?}",
                e.role,
                e.name,
                e.country.as_deref().unwrap_or("any country")
            )),
            Some(p) => {
                let all = format!("{} {}", p.name, p.address.as_deref().unwrap_or_default()).to_lowercase();
                for w in &e.lacks {
                    if all.contains(&w.to_lowercase()) {
                        fail(format!("{} \"{}\" has \"{w}\" in its name or address {:?}", p.role, p.name, p.address));
                    }
                }
            }
        }
    }
    for role in &c.no_roles {
        if r.order.parties.iter().any(|p| &p.role == role) {
            fail(format!("unexpected role {role}; parties: {parties:?}"));
        }
    }
    let items: Vec<_> = r.order.items.iter().map(|i| (&i.description, &i.quantity_value, &i.hs)).collect();
    for e in &c.items {
        let Some(it) =
            r.order.items.iter().find(|i| i.description.to_lowercase().contains(&e.description.to_lowercase()))
        else {
            fail(format!("no item \"{}\"; items: {items:?}", e.description));
            continue;
        };
        if let Some(q) = e.quantity {
            if it.quantity_value != Some(q) {
                fail(format!("item \"{}\": quantity {:?}, expected {q}", it.description, it.quantity_value));
            }
        }
        if let Some(h) = &e.hs {
            if it.hs.as_ref() != Some(h) {
                fail(format!("item \"{}\": HS {:?}, expected {h}", it.description, it.hs));
            }
        }
        for w in &e.lacks {
            if it.description.to_lowercase().contains(&w.to_lowercase()) {
                fail(format!("item \"{}\" still has \"{w}\" in its description", it.description));
            }
        }
        for spec in &e.parameters {
            let mut parts = spec.splitn(3, ':');
            let (name, value, unit) = (parts.next().unwrap_or_default(), parts.next(), parts.next());
            let value: Option<f64> = value.and_then(|v| v.parse().ok());
            let ok = it.parameters.iter().any(|p| {
                p.name.contains(name)
                    && value.is_none_or(|v| (p.value - v).abs() <= 1e-9 * v.abs().max(1.0))
                    && unit.is_none_or(|u| p.unit == u)
            });
            if !ok {
                fail(format!(
                    "item \"{}\": no parameter {spec}; read {:?}",
                    it.description,
                    it.parameters.iter().map(|p| format!("{}:{}:{}", p.name, p.value, p.unit)).collect::<Vec<_>>()
                ));
            }
        }
    }
    if let Some(n) = c.item_count {
        if r.order.items.len() != n {
            fail(format!("{} items read, expected {n}: {items:?}", r.order.items.len()));
        }
    }
    for v in &c.via {
        if !r.order.via.contains(v) {
            fail(format!("{v} not on the route {:?}", r.order.via));
        }
    }
    for reason in &r.reasons {
        if reason.citation.is_empty() {
            fail(format!("reason {} has no citation", reason.code));
        }
    }
    out
}

#[test]
fn order_cases_native() {
    let screener = Screener::new(Config::default()).expect("screener with the demo list");
    let cases = cases();
    assert!(cases.len() >= 20, "expected at least 20 order cases, found {}", cases.len());
    let clear = cases.iter().filter(|(_, c)| c.verdict == "clear").count();
    assert!(clear >= 10, "expected at least 10 ordinary orders that come out clear, found {clear}");
    let debug = std::env::var_os("ORDERS_DEBUG").is_some();
    let mut failures = Vec::new();
    let only = std::env::var("ORDERS_ONLY").ok();
    for (file, c) in &cases {
        assert!(!c.source.trim().is_empty(), "{file}: every case cites its public basis in `source`");
        if only.as_ref().is_some_and(|o| !file.contains(o.as_str())) {
            continue;
        }
        let r = screener.screen_order(&OrderInput::Text(c.text.clone())).unwrap_or_else(|e| panic!("{file}: {e}"));
        if debug {
            eprintln!("=== {file}\n{}", serde_json::to_string_pretty(&r).unwrap_or_default());
        }
        failures.extend(check(file, c, &r));
    }
    assert!(failures.is_empty(), "{} order case check(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The page shows `report.order`, the user corrects it and screens the object again: the same order gives the
/// same verdict.
#[test]
fn order_cases_round_trip_as_objects() {
    let screener = Screener::new(Config::default()).expect("screener with the demo list");
    for (file, c) in cases() {
        let r = screener.screen_order(&OrderInput::Text(c.text.clone())).unwrap_or_else(|e| panic!("{file}: {e}"));
        let json = serde_json::to_string(&r.order).expect("order serialises");
        let order: export_screen::Order = serde_json::from_str(&json).expect("order deserialises");
        let again = screener.screen_order(&OrderInput::Order(order)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(again.verdict, r.verdict, "{file}: verdict changed when the order object was screened again");
    }
}

/// A corrected object without the text still gets every rule (spans then carry no offsets).
#[test]
fn order_object_without_text_is_screened() {
    let screener = Screener::new(Config::default()).expect("screener with the demo list");
    let mut order = export_screen::order::parse(
        "Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan\nItems: hand and foot contamination monitors, 2 units",
    );
    order.text = None;
    if let Some(p) = order.parties.first_mut() {
        p.role = "endUser".into();
    }
    let r = screener.screen_order(&OrderInput::Order(order)).expect("report");
    assert_eq!(verdict_str(&r), "stop");
    assert_eq!(r.parties.first().map(|p| p.role.as_str()), Some("endUser"));
}

/// A megabyte of junk is parsed and screened (bounded work; no timing assertion).
#[test]
fn large_junk_input_finishes() {
    let screener = Screener::new(Config::default()).expect("screener with the demo list");
    let chunk = "Buyer: ;;; Käufer\tx|y|z, 0.5 deg/h via via Dubai 9014.20.00 (((M/s))) end user: N/A \u{fffd}\n";
    let mut text = String::new();
    while text.len() + chunk.len() < Config::default().max_order_bytes {
        text.push_str(chunk);
    }
    let r = screener.screen_order(&OrderInput::Text(text)).expect("a report for a large paste");
    assert!(r.parties.len() <= 40 && r.items.len() <= 400);
    let too_big = "x".repeat(Config::default().max_order_bytes + 1);
    assert!(screener.screen_order(&OrderInput::Text(too_big)).is_err());
}

/// Every list-hit reason names its party, so the page can tie a reviewer's decision on the party's hits to it.
#[test]
fn list_hit_reasons_name_their_party() {
    let screener = Screener::new(Config::default()).expect("screener with the demo list");
    let text = "Buyer: Nordic Office Interiors AS, Oslo, Norway\nConsignee: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 6 hand-foot contamination monitors";
    let r = screener.screen_order(&OrderInput::Text(text.into())).expect("screened");
    let party_reasons: Vec<_> = r.reasons.iter().filter(|x| x.code.starts_with("party.")).collect();
    assert!(!party_reasons.is_empty(), "the listed consignee gives a reason: {:?}", r.reasons);
    for reason in party_reasons {
        let p = &r.parties[reason.party.expect("a party reason carries its party")];
        assert_eq!(p.role, "consignee", "{}", reason.message);
        assert!(!p.hits.is_empty());
        assert!(reason.evidence.iter().any(|e| e.text.contains("Hasan")), "{:?}", reason.evidence);
    }
    assert!(r.reasons.iter().filter(|x| !x.code.starts_with("party.")).all(|x| x.party.is_none()));
}
