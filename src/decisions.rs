//! After the report: a reviewer's decisions on hits ("this hit is a false positive", "this is a confirmed
//! match"), applied to what the screener returns. A pure function of a result, the decisions and a date the
//! caller gives (`as_of`; the core has no clock), so the page, its batch workers and the command line apply the
//! same decisions the same way.
//!
//! **Which hits a decision covers.** A decision names a party, a listed entry (`entryId`) and the list it is on
//! (`listId`). It covers a hit when
//! - the entry id is the hit's `entryId`;
//! - `listId` is the hit's `listId` in this screener (`"demo"`, `"list-1"`, …) or the format of the hit's list
//!   (`"csl-csv"`, `"ofac-sdn-csv"`, `"demo-toml"`), which stays the same across sessions and list releases;
//! - the party's name equals the decision's once both are normalised as the matcher normalises names (case,
//!   accents, punctuation, legal forms and honorifics, transliteration: "M/S HASAN SCIENTIFIC CORP." is
//!   "M/s Hasan Scientific Corporation");
//! - and, when the decision gives a country, the party has the same country (compared as ISO codes, so "Pakistan"
//!   is "PK"). A decision without a country covers the name in any country; a party without a country is not
//!   covered by a decision that gives one.
//!
//! **What a decision does.** A false positive sets the hit aside: the hit stays in the result, carrying the
//! decision (`hit.decision`), but no longer counts for the verdict after decisions. A confirmed match counts as a
//! certain match (score 1): a reason that asked to confirm or rule out the identity takes the verdict the list asks
//! for. A decision whose `expires` day is before `as_of` applies nowhere (the hit carries it as
//! `expiredDecision`, so a reader sees why it counts again). The engine's own `verdict` and `reasons` are never
//! changed: the report adds `verdictAfterDecisions`, and each reason a decision changed carries its
//! `afterDecisions` verdict (`clear` when the decisions cleared it).

use crate::text::case::Case as _;
use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::lists::model::ListInfo;
use crate::report::{Hit, PartyReport, Report, Verdict};

/// What the reviewer decided about a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// The party is not the listed entry: the hit is set aside.
    FalsePositive,
    /// The party is the listed entry.
    Confirmed,
}

/// The party a decision is about, as it was screened: a name alone, or `{name, country?, address?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct DecisionParty {
    pub name: String,
    /// ISO-2 code or country name; absent: the decision covers the name in any country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Kept for the record; not compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// The fields a decision's party may have.
pub const PARTY_FIELDS: &[&str] = &["name", "country", "address"];

// By hand rather than an untagged enum, which buffers its input and costs the wasm several kilobytes per format.
impl<'de> Deserialize<'de> for DecisionParty {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{Error as _, MapAccess, Visitor};
        struct PartyVisitor;
        impl<'de> Visitor<'de> for PartyVisitor {
            type Value = DecisionParty;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a party name, or {name, country?, address?}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<DecisionParty, E> {
                Ok(DecisionParty { name: v.to_string(), ..DecisionParty::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<DecisionParty, A::Error> {
                let (mut party, mut name) = (DecisionParty::default(), None);
                while let Some(key) = m.next_key::<String>()? {
                    match key.as_str() {
                        "name" => name = Some(m.next_value()?),
                        "country" => party.country = m.next_value()?,
                        "address" => party.address = m.next_value()?,
                        other => return Err(A::Error::unknown_field(other, PARTY_FIELDS)),
                    }
                }
                party.name = name.ok_or_else(|| A::Error::missing_field("name"))?;
                Ok(party)
            }
        }
        d.deserialize_any(PartyVisitor)
    }
}

/// One decision on one hit, as the caller gives it (`Screener.setDecisions`) and as a hit carries it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    pub party: DecisionParty,
    /// The listed entry's id (`hit.entryId`).
    pub entry_id: String,
    /// The list: its id in this screener (`hit.listId`) or its format (`ListInfo.format`, stable across sessions).
    pub list_id: String,
    pub kind: DecisionKind,
    /// Why: for a false positive, why the party is not the listed one; for a confirmed match, how it was confirmed.
    #[serde(default)]
    pub note: String,
    /// Who decided (the reviewer's name).
    #[serde(default)]
    pub by: String,
    /// Last day (YYYY-MM-DD) the decision is in force; absent or null: it does not expire.
    #[serde(default)]
    pub expires: Option<String>,
    /// When it was decided (an ISO date or date-time), for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    /// For a false positive on a strong stop-list match: the reason given at the second, explicit confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong_match_reason: Option<String>,
    /// The listed entry's name and the list's name when it was decided, for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// An identifier of the caller's choosing (the page's storage key), returned as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The fields a decision may have (the wasm boundary refuses others, as serde does here).
pub const FIELDS: &[&str] = &[
    "party",
    "entryId",
    "listId",
    "kind",
    "note",
    "by",
    "expires",
    "decidedAt",
    "strongMatchReason",
    "listedName",
    "list",
    "id",
];

/// Longest note, reason or name a decision may carry (characters).
const MAX_TEXT: usize = 4000;

/// Whether `s` is a calendar day written YYYY-MM-DD.
pub fn valid_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r.clone()].iter().all(u8::is_ascii_digit).then(|| s[r].parse().ok()).flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A caller's date: YYYY-MM-DD, or an ISO date-time whose date part is taken.
pub fn day_of(date: &str) -> Result<String> {
    let t = date.trim();
    let day = t.get(..10).unwrap_or("");
    if valid_day(day) && (t.len() == 10 || t.as_bytes()[10] == b'T') {
        Ok(day.to_string())
    } else {
        Err(Error::invalid(format!("\"{date}\" is not a date (expected YYYY-MM-DD)")))
    }
}

/// How a decision compares party names: the matcher's normalised form (legal forms and honorifics set aside,
/// transliterated, abbreviations spelt out), or the folded words when nothing is left of it.
pub fn party_key(name: &str) -> String {
    let key = crate::normalize::normalize(name).key();
    if key.is_empty() {
        crate::text::words(name).join(" ")
    } else {
        key
    }
}

/// How a decision compares countries: the ISO-2 code, or the upper-cased text when it names no known country.
fn country_key(country: Option<&str>) -> Option<String> {
    let c = country.map(str::trim).filter(|c| !c.is_empty())?;
    Some(crate::geo::iso2(c).map(str::to_string).unwrap_or_else(|| c.to_upper()))
}

/// A decision that covers a hit, and whether it is in force.
struct Found<'a> {
    decision: &'a Decision,
    active: bool,
}

/// (party key, entry id) → (country key, decision index) of each decision on that pair, in the order given.
type ByKey = HashMap<(String, String), Vec<(Option<String>, usize)>>;

/// A checked set of decisions and the day they are judged on, indexed by party name and entry id.
#[derive(Clone, Debug, Default)]
pub struct Decisions {
    decisions: Vec<Decision>,
    by_key: ByKey,
    as_of: String,
}

impl Decisions {
    /// Checks every decision (an error names it by its position, from 1) and the date. For one party, entry and
    /// list, the later decision in the array wins.
    pub fn new(decisions: Vec<Decision>, as_of: &str) -> Result<Decisions> {
        let as_of = day_of(as_of).map_err(|e| e.context("asOf"))?;
        let mut by_key = ByKey::default();
        for (i, d) in decisions.iter().enumerate() {
            let at = |msg: String| Error::invalid(format!("decision {}: {msg}", i + 1));
            let key = party_key(&d.party.name);
            if key.is_empty() {
                return Err(at("the party has no name (expected party: a name or {name, country?})".into()));
            }
            if d.entry_id.trim().is_empty() {
                return Err(at("entryId is empty (expected the hit's entryId)".into()));
            }
            if d.list_id.trim().is_empty() {
                return Err(at("listId is empty (expected the hit's listId or the list's format)".into()));
            }
            if let Some(e) = &d.expires {
                if !valid_day(e) {
                    return Err(at(format!("expires: \"{e}\" is not a date (expected YYYY-MM-DD)")));
                }
            }
            for (field, text) in [
                ("note", Some(&d.note)),
                ("by", Some(&d.by)),
                ("strongMatchReason", d.strong_match_reason.as_ref()),
                ("party.name", Some(&d.party.name)),
            ] {
                if text.is_some_and(|t| t.chars().count() > MAX_TEXT) {
                    return Err(at(format!("{field} is longer than {MAX_TEXT} characters")));
                }
            }
            by_key
                .entry((key, d.entry_id.trim().to_string()))
                .or_default()
                .push((country_key(d.party.country.as_deref()), i));
        }
        Ok(Decisions { decisions, by_key, as_of })
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    pub fn len(&self) -> usize {
        self.decisions.len()
    }

    /// The day decisions are judged on (YYYY-MM-DD).
    pub fn as_of(&self) -> &str {
        &self.as_of
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The decision covering (party, entry on a list), the latest one given; in force or expired.
    fn find(
        &self,
        party: &str,
        country: Option<&str>,
        entry_id: &str,
        list_id: &str,
        lists: &[ListInfo],
    ) -> Option<Found<'_>> {
        if self.decisions.is_empty() {
            return None;
        }
        let candidates = self.by_key.get(&(party_key(party), entry_id.to_string()))?;
        let country = country_key(country);
        let format = lists.iter().find(|l| l.id == list_id).map(|l| l.format.as_str());
        let decision = candidates
            .iter()
            .rev()
            .filter(|(c, _)| c.is_none() || *c == country)
            .map(|&(_, i)| &self.decisions[i])
            .find(|d| d.list_id == list_id || Some(d.list_id.as_str()) == format)?;
        let active = decision.expires.as_deref().is_none_or(|e| self.as_of.as_str() <= e);
        Some(Found { decision, active })
    }

    /// The decision in force on one hit of a party, if any (what `hit.decision` carries).
    pub fn active_for(
        &self,
        party: &str,
        country: Option<&str>,
        entry_id: &str,
        list_id: &str,
        lists: &[ListInfo],
    ) -> Option<&Decision> {
        self.find(party, country, entry_id, list_id, lists).filter(|f| f.active).map(|f| f.decision)
    }

    /// Puts on each hit of a party the decision that covers it (`decision` in force, `expiredDecision` not). A
    /// decision on any listing of the hit's party covers the hit (see [`crate::listings`]): the hit's own entry
    /// first, then its other listings in order.
    pub fn apply_hits(&self, party: &str, country: Option<&str>, hits: &mut [Hit], lists: &[ListInfo]) {
        for h in hits {
            h.decision = None;
            h.expired_decision = None;
            let own = std::iter::once((h.entry_id.as_str(), h.list_id.as_str()));
            let found = own
                .chain(h.listings.iter().map(|l| (l.entry_id.as_str(), l.list_id.as_str())))
                .find_map(|(entry, list)| self.find(party, country, entry, list, lists));
            if let Some(f) = found {
                if f.active {
                    h.decision = Some(f.decision.clone());
                } else {
                    h.expired_decision = Some(f.decision.clone());
                }
            }
        }
    }

    /// Completes a report: decisions on its hits, `afterDecisions` on each reason they changed,
    /// `verdictAfterDecisions` and `decisionsAsOf`. The engine's verdict and reasons stay as they are.
    pub fn apply_report(&self, report: &mut Report, config: &Config) {
        let lists = std::mem::take(&mut report.lists);
        for p in &mut report.parties {
            self.apply_hits(&p.name, p.country.as_deref(), &mut p.hits, &lists);
        }
        report.lists = lists;
        report.decisions_as_of = (!self.is_empty()).then(|| self.as_of.clone());
        for r in &mut report.reasons {
            r.after_decisions = None;
            let Some(p) = r.party.and_then(|pi| report.parties.get(pi)) else { continue };
            let on_list = |h: &Hit| format!("party.{}", h.list_code.to_lower()) == r.code;
            if !p.hits.iter().any(|h| on_list(h) && h.decision.is_some()) {
                continue;
            }
            let after = reason_after_decisions(p, &r.code, &on_list, config);
            if after != r.verdict {
                r.after_decisions = Some(after);
            }
        }
        report.verdict_after_decisions =
            report.reasons.iter().map(|r| r.after_decisions.unwrap_or(r.verdict)).max().unwrap_or(Verdict::Clear);
    }
}

/// The verdict a party's list reason asks for once decisions are applied: the verdict policy run again on the
/// party's hits of that list, without the hits set aside and with confirmed matches counted as certain.
fn reason_after_decisions(p: &PartyReport, code: &str, on_list: &dyn Fn(&Hit) -> bool, config: &Config) -> Verdict {
    let hits: Vec<Hit> = p
        .hits
        .iter()
        .filter(|h| on_list(h))
        .filter(|h| h.decision.as_ref().is_none_or(|d| d.kind != DecisionKind::FalsePositive))
        .map(|h| {
            let mut h = h.clone();
            if h.decision.as_ref().is_some_and(|d| d.kind == DecisionKind::Confirmed) {
                h.score = 1.0;
            }
            h
        })
        .collect();
    if hits.is_empty() {
        return Verdict::Clear;
    }
    let party = PartyReport { hits, ..p.clone() };
    let (_, reasons) = crate::verdict::decide(std::slice::from_ref(&party), &[], &[], config);
    reasons.iter().filter(|r| r.code == code).map(|r| r.verdict).max().unwrap_or(Verdict::Clear)
}

/// Applies `decisions`, judged on the day `as_of` (YYYY-MM-DD), to a report: the pure form of what a
/// [`crate::Screener`] with decisions does to every report it returns.
pub fn apply(report: &Report, decisions: &[Decision], as_of: &str, config: &Config) -> Result<Report> {
    let set = Decisions::new(decisions.to_vec(), as_of)?;
    let mut out = report.clone();
    set.apply_report(&mut out, config);
    Ok(out)
}

/// Reads decisions from JSON text: see [`from_value`].
pub fn from_json(text: &str) -> Result<Vec<Decision>> {
    from_value(serde_json::from_str(text).map_err(|e| Error::invalid(format!("not JSON ({e})")))?)
}

/// Reads decisions from a JSON value: an array of decisions, or an object with a `decisions` array (the page's
/// exported log). An unknown field is an error (a misspelt `expires` must not make a decision last for ever); an
/// error names the decision by its position, from 1.
pub fn from_value(value: serde_json::Value) -> Result<Vec<Decision>> {
    let items = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("decisions") {
            Some(serde_json::Value::Array(a)) => a,
            _ => return Err(Error::invalid("expected an array of decisions or an object with a \"decisions\" array")),
        },
        _ => return Err(Error::invalid("expected an array of decisions or an object with a \"decisions\" array")),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            crate::data::read_input::<Decision>(&v).map_err(|e| Error::invalid(format!("decision {}: {e}", i + 1)))
        })
        .collect()
}

/// The effect as the report writes it.
fn effect_word(e: crate::lists::model::Effect) -> &'static str {
    use crate::lists::model::Effect;
    match e {
        Effect::Prohibition => "prohibition",
        Effect::LicenceRequired => "licenceRequired",
        Effect::RedFlag => "redFlag",
    }
}

/// Writes a screened parties file with every hit (not only the best) and the decision on it, for the record: the
/// file's own columns, then per hit its rank, score, list, entry, names and the decision (kind, by whom, note,
/// expiry). A row without a hit is written once with empty hit columns. Formula-like cells are neutralised.
pub fn hits_csv(file: &crate::batch::PartiesFile, results: &[crate::report::PartyResult]) -> Result<String> {
    use crate::batch::inert_cell;
    const HEAD: [&str; 17] = [
        "hits",
        "hits_set_aside",
        "hit",
        "score",
        "list",
        "list_name",
        "entry_id",
        "listed_name",
        "matched_name",
        "effect",
        "decision",
        "decided_by",
        "decision_note",
        "decision_expires",
        "decided_at",
        "strong_match_reason",
        "threshold",
    ];
    let mut w = crate::text::csv::Writer::new();
    let mut head: Vec<String> = file.headers.iter().map(|h| inert_cell(h)).collect();
    head.extend(HEAD.map(String::from));
    w.write_record(&head);
    for (row, r) in file.rows.iter().zip(results) {
        let mut cells: Vec<String> = row.cells.iter().map(|c| inert_cell(c)).collect();
        cells.resize(file.headers.len(), String::new());
        let set_aside =
            r.hits.iter().filter(|h| h.decision.as_ref().is_some_and(|d| d.kind == DecisionKind::FalsePositive));
        let counts = [r.hits.len().to_string(), set_aside.count().to_string()];
        let threshold = crate::text::num::shortest(r.threshold);
        if r.hits.is_empty() {
            let mut out = cells.clone();
            out.extend(counts.iter().cloned());
            out.extend(std::iter::repeat_n(String::new(), HEAD.len() - 3));
            out.push(threshold.clone());
            w.write_record(&out);
        }
        for (i, h) in r.hits.iter().enumerate() {
            let (d, expired) = match (&h.decision, &h.expired_decision) {
                (Some(d), _) => (Some(d), false),
                (None, Some(d)) => (Some(d), true),
                (None, None) => (None, false),
            };
            let kind = d.map(|d| {
                let k = if d.kind == DecisionKind::FalsePositive { "false positive" } else { "confirmed match" };
                if expired {
                    format!("{k} (expired, not applied)")
                } else {
                    k.to_string()
                }
            });
            let text = |f: fn(&Decision) -> Option<String>| d.and_then(f).unwrap_or_default();
            let mut out = cells.clone();
            out.extend(counts.iter().cloned());
            out.extend(
                [
                    (i + 1).to_string(),
                    crate::text::num::fixed(h.score, 3),
                    h.list_code.clone(),
                    h.list.clone(),
                    h.entry_id.clone(),
                    h.name.clone(),
                    h.matched_name.clone(),
                    effect_word(h.effect).to_string(),
                    kind.unwrap_or_default(),
                    text(|d| Some(d.by.clone())),
                    text(|d| Some(d.note.clone())),
                    text(|d| d.expires.clone()),
                    text(|d| d.decided_at.clone()),
                    text(|d| d.strong_match_reason.clone()),
                    threshold.clone(),
                ]
                .iter()
                .map(|c| inert_cell(c)),
            );
            w.write_record(&out);
        }
    }
    Ok(w.into_string())
}

#[cfg(test)]
mod tests;
