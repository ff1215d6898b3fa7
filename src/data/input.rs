//! The readers of the JS API's inputs (the configuration, load options, parties, order objects, decisions) and of
//! decision logs: [`FromData`] over the input as JSON data, as the embedded data files are read.
//!
//! serde's derived readers for the same types took about 16 KB of the gzipped wasm (each struct's visitor, its
//! field visitors, `Vec` and `Option` visitors, instantiated per type); these share the readers of the embedded
//! data. They read what serde's derives read from the same tree: the keys in camelCase, a missing `Option` is
//! `None`, a missing field of a `#[serde(default)]` struct takes the default's value, a missing required field is
//! "missing field `x`", a key that is not a field is skipped except where the type denies unknown fields (a
//! decision, the configuration). The types keep their `Deserialize` derives (the native API and the tests); the
//! tests below read each input through both and compare.

use serde_json::{Map, Value};

use super::fields::{deny_unknown, field, field_or, field_or_default, readable, readable_enum, table, FromData};
use super::ReadError;
use crate::decisions::{Decision, DecisionKind, DecisionParty, FIELDS, PARTY_FIELDS};
use crate::lists::model::LoadOptions;
use crate::order::{Field, Item, Order, Parameter, Party};
use crate::report::Span;
use crate::screener::{NameKind, PartyQuery};
use crate::Config;

readable_enum!(NameKind { Person = "person", Organization = "organization", Any = "any" });
readable_enum!(DecisionKind { FalsePositive = "false-positive", Confirmed = "confirmed" });
readable!(PartyQuery { name: default, address: default, country: default });
readable!(LoadOptions { filename: default, format: default, name: default, published: default });
readable!(Span { text, start, end });
readable!(Party {
    role: default,
    name: default,
    address: default,
    country: default,
    span: default,
    descriptor: default,
    read_from as "readFrom": default,
});
readable!(Parameter { name: default, value: default, unit: default, text: default, comparator: default });
readable!(Item {
    description: default,
    quantity: default,
    hs: default,
    parameters: default,
    span: default,
    quantity_value as "quantityValue": default,
    unit: default,
});
readable!(Field { key: default, label: default, value: default, span: default });
readable!(Order {
    parties: default,
    items: default,
    destination: default,
    end_use as "endUse": default,
    payment: default,
    delivery: default,
    text: default,
    via: default,
    fields: default,
});

/// The keys of [`Config`] (camelCase), which it denies others than.
const CONFIG_FIELDS: &[&str] = &[
    "threshold",
    "stopThreshold",
    "maxHits",
    "demoList",
    "maxOrderBytes",
    "maxListBytes",
    "maxFieldBytes",
    "maxBatchRows",
];

/// Every field optional, a missing one from `Config::default()` (`#[serde(default)]` on the struct).
impl FromData for Config {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let m = table(v, "struct Config")?;
        let (d, mut err) = (Config::default(), None);
        deny_unknown(m, CONFIG_FIELDS, &mut err);
        let read = Config {
            threshold: field_or(m, "threshold", d.threshold, &mut err),
            stop_threshold: field_or(m, "stopThreshold", d.stop_threshold, &mut err),
            max_hits: field_or(m, "maxHits", d.max_hits, &mut err),
            demo_list: field_or(m, "demoList", d.demo_list, &mut err),
            max_order_bytes: field_or(m, "maxOrderBytes", d.max_order_bytes, &mut err),
            max_list_bytes: field_or(m, "maxListBytes", d.max_list_bytes, &mut err),
            max_field_bytes: field_or(m, "maxFieldBytes", d.max_field_bytes, &mut err),
            max_batch_rows: field_or(m, "maxBatchRows", d.max_batch_rows, &mut err),
        };
        super::done(read, err)
    }

    fn fallback() -> Self {
        Config::default()
    }
}

/// A name alone, or `{name, country?, address?}` (no other key).
impl FromData for DecisionParty {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let m = match v {
            Value::String(name) => return Ok(DecisionParty { name: name.clone(), ..DecisionParty::default() }),
            Value::Object(m) => m,
            _ => return Err(invalid_party(v)),
        };
        let mut err = None;
        deny_unknown(m, PARTY_FIELDS, &mut err);
        let read = DecisionParty {
            name: field(m, "name", &mut err),
            country: field(m, "country", &mut err),
            address: field(m, "address", &mut err),
        };
        super::done(read, err)
    }

    fn fallback() -> Self {
        DecisionParty::default()
    }
}

#[cold]
#[inline(never)]
fn invalid_party(v: &Value) -> ReadError {
    // The type error of `table`, with what a party may be.
    let e = table(v, "a party name, or {name, country?, address?}").err();
    e.unwrap_or_else(|| ReadError::new(String::new()))
}

/// No key but [`FIELDS`] (a misspelt `expires` must not make a decision last for ever).
impl FromData for Decision {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let m: &Map<String, Value> = table(v, "struct Decision")?;
        let mut err = None;
        deny_unknown(m, FIELDS, &mut err);
        let read = Decision {
            party: field(m, "party", &mut err),
            entry_id: field(m, "entryId", &mut err),
            list_id: field(m, "listId", &mut err),
            kind: field(m, "kind", &mut err),
            note: field_or_default(m, "note", &mut err),
            by: field_or_default(m, "by", &mut err),
            expires: field(m, "expires", &mut err),
            decided_at: field(m, "decidedAt", &mut err),
            strong_match_reason: field(m, "strongMatchReason", &mut err),
            listed_name: field(m, "listedName", &mut err),
            list: field(m, "list", &mut err),
            id: field(m, "id", &mut err),
        };
        super::done(read, err)
    }

    fn fallback() -> Self {
        Decision {
            party: DecisionParty::default(),
            entry_id: String::new(),
            list_id: String::new(),
            kind: DecisionKind::FalsePositive,
            note: String::new(),
            by: String::new(),
            expires: None,
            decided_at: None,
            strong_match_reason: None,
            listed_name: None,
            list: None,
            id: None,
        }
    }
}

/// Reads an input (JSON data) into `T`.
pub(crate) fn read_input<T: FromData>(value: &Value) -> Result<T, ReadError> {
    T::read(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `json` as `T` with [`FromData`] and with serde's derived reader (the crate's serde reader over the same
    /// tree), and asserts they agree: the same value, or both an error. Returns ours.
    fn both<T>(json: &str) -> Result<T, String>
    where
        T: FromData + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
    {
        let v = super::super::parse(json).expect("JSON");
        let ours = read_input::<T>(&v).map_err(|e| e.to_string());
        let theirs = super::super::from_value::<T>(&v).map_err(|e| e.to_string());
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{json}: FromData {ours:?}, serde {theirs:?}"),
        }
        ours
    }

    #[test]
    fn read_input_reads_what_serde_reads() {
        let c: Config = both(r#"{"threshold":0.85,"maxHits":3,"demoList":false}"#).expect("config");
        assert_eq!((c.threshold, c.max_hits, c.demo_list), (0.85, 3, false));
        assert_eq!(c.stop_threshold, Config::default().stop_threshold);
        assert_eq!(both::<Config>("{}").expect("empty config"), Config::default());
        let q: PartyQuery = both(r#"{"name":"Hasan Scientific","country":"PK","other":1}"#).expect("query");
        assert_eq!((q.name.as_str(), q.country.as_deref(), q.address), ("Hasan Scientific", Some("PK"), None));
        both::<PartyQuery>(r#"{"name":"A","address":null}"#).expect("null address");
        both::<LoadOptions>(r#"{"filename":"x.csv","format":"csl-csv","published":"2026-11-30"}"#).expect("options");
        let order = r#"{"parties":[{"role":"buyer","name":"A","country":"PK","span":{"text":"A","start":3,"end":4},
            "readFrom":"label"}],"items":[{"description":"gyro","quantityValue":2.5,"parameters":[{"name":"bias",
            "value":0.01,"unit":"deg/h","text":"bias 0.01 deg/h","comparator":"<"}],"span":{"text":"g","start":null}}],
            "destination":"PK","endUse":"research","via":["AE"],"fields":[{"key":"buyer","label":"Buyer","value":"A"}],
            "verdict":"ignored"}"#;
        let o: Order = both(order).expect("order");
        assert_eq!((o.parties[0].read_from.as_str(), o.items[0].quantity_value), ("label", Some(2.5)));
        assert_eq!(o.items[0].parameters[0].comparator.as_deref(), Some("<"));
        assert_eq!(o.items[0].span.as_ref().map(|s| (s.start, s.end)), Some((None, None)));
        both::<Order>("{}").expect("empty order");
        let d = r#"{"party":{"name":"Hasan","country":"PK"},"entryId":"e1","listId":"csl-csv","kind":"false-positive",
            "note":"n","expires":null,"id":"k"}"#;
        let d: Decision = both(d).expect("decision");
        assert_eq!((d.kind, d.party.country.as_deref(), d.by.as_str()), (DecisionKind::FalsePositive, Some("PK"), ""));
        let d: Decision = both(r#"{"party":"Hasan","entryId":"e","listId":"l","kind":"confirmed"}"#).expect("by name");
        assert_eq!((d.party.name.as_str(), d.kind), ("Hasan", DecisionKind::Confirmed));
    }

    #[test]
    fn read_input_errors_name_the_field_and_the_value() {
        let err = |r: Result<(), String>| r.expect_err("an error");
        let e = err(both::<PartyQuery>(r#"{"name":5}"#).map(drop));
        assert_eq!(e, "name: invalid type: integer `5`, expected a string");
        let e = err(both::<Config>(r#"{"treshold":0.5}"#).map(drop));
        assert!(e.starts_with("unknown field `treshold`, expected one of `threshold`"), "{e}");
        let e = err(both::<Config>(r#"{"maxHits":-1}"#).map(drop));
        assert!(e.starts_with("maxHits: invalid type: integer `-1`"), "{e}");
        let e = err(both::<Config>(r#"{"threshold":"high"}"#).map(drop));
        assert_eq!(e, r#"threshold: invalid type: string "high", expected f64"#);
        let e = err(both::<Order>(r#"{"parties":"not a list"}"#).map(drop));
        assert_eq!(e, r#"parties: invalid type: string "not a list", expected a sequence"#);
        let e = err(both::<Order>(r#"{"items":[{},{"span":{"start":1}}]}"#).map(drop));
        assert_eq!(e, "items[2].span: missing field `text`");
        let e = err(both::<Order>(r#"{"parties":[{"name":true}]}"#).map(drop));
        assert_eq!(e, "parties[1].name: invalid type: boolean `true`, expected a string");
        let ok = r#""party":"H","entryId":"e","listId":"l""#;
        let e = err(both::<Decision>(&format!(r#"{{{ok},"kind":"maybe"}}"#)).map(drop));
        assert_eq!(e, "kind: unknown variant `maybe`, expected one of `false-positive`, `confirmed`");
        let e = err(both::<Decision>(&format!(r#"{{{ok},"kind":"confirmed","expiry":"2027-01-01"}}"#)).map(drop));
        assert!(e.starts_with("unknown field `expiry`, expected one of `party`, `entryId`"), "{e}");
        let e =
            err(both::<Decision>(r#"{"party":{"land":"PK"},"entryId":"e","listId":"l","kind":"confirmed"}"#).map(drop));
        assert!(e.starts_with("party: unknown field `land`"), "{e}");
        let e = err(both::<Decision>(r#"{"party":{},"entryId":"e","listId":"l","kind":"confirmed"}"#).map(drop));
        assert_eq!(e, "party: missing field `name`");
        let e = err(both::<Decision>(r#"{"party":"H","listId":"l","kind":"confirmed"}"#).map(drop));
        assert_eq!(e, "missing field `entryId`");
        let e = err(both::<Decision>(r#"{"party":7,"entryId":"e","listId":"l","kind":"confirmed"}"#).map(drop));
        assert_eq!(e, "party: invalid type: integer `7`, expected a party name, or {name, country?, address?}");
        let e = err(both::<NameKind>(r#""robot""#).map(drop));
        assert_eq!(e, "unknown variant `robot`, expected one of `person`, `organization`, `any`");
        let e = err(both::<PartyQuery>("[1]").map(drop));
        assert_eq!(e, "invalid type: sequence, expected struct PartyQuery");
    }
}
