//! What a screening run returns: report types of their own (serde, camelCase, `schemaVersion`), separate from
//! the internal types, so the core can change without breaking embedders. `pkg/export_screen.d.ts` mirrors them
//! by hand.

use serde::{Deserialize, Serialize};

use crate::decisions::Decision;
use crate::lists::model::{AliasKind, Effect, EntityKind, ListInfo, Strength};
use crate::order::{Order, Parameter};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    #[default]
    Clear,
    Review,
    Stop,
}

/// How much a rule finding weighs, least first (`Ord` follows it): `none` (the finding is dropped), `info` (shown,
/// no effect on the verdict), `review`, `stop`. The rules data (`src/data/*.toml`) writes these words; a flag
/// carries one of `info`, `review`, `stop`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    None,
    #[default]
    Info,
    Review,
    Stop,
}

crate::data::readable_enum!(Severity { None = "none", Info = "info", Review = "review", Stop = "stop" });

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Info => "info",
            Severity::Review => "review",
            Severity::Stop => "stop",
        }
    }

    /// The verdict a flag of this severity asks for (`None` and `Info` ask for none).
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Severity::None | Severity::Info => None,
            Severity::Review => Some(Verdict::Review),
            Severity::Stop => Some(Verdict::Stop),
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Severity {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Severity {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// How one query token lined up with one listed token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    /// Normalised query token(s) (several for a split name or an acronym's expansion).
    pub query: String,
    /// Normalised listed token(s).
    pub listed: String,
    /// Similarity 0..1.
    pub similarity: f64,
    /// "exact", "synonym", "fuzzy", "phonetic", "joined", "acronym", "prefix".
    pub how: String,
    /// Share of the name's weight this pair carries (rare tokens weigh more).
    pub weight: f64,
    /// What made the pair besides the written form, when something did: the symbol both tokens stand for
    /// ("number 2", "given-name variants"), the key they share ("spelling key \"aliksii\"", "consonants \"mmd\""),
    /// or how words were joined or abbreviated. Absent for exact and close spellings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// A token that did not count, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ignored {
    pub token: String,
    /// "legal form", "honorific", "generic", "stopword".
    pub reason: String,
    /// "query" or "listed".
    pub side: String,
}

/// Supporting or contradicting evidence beyond the name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// "country", "address", "kind".
    pub kind: String,
    pub supports: bool,
    pub detail: String,
    /// What it did to the score (positive or negative).
    pub adjustment: f64,
    /// For evidence of kind "identifier": the identifier in the order and the listed one it was compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<IdentifierEvidence>,
}

/// An identifier written in the order, compared with an entry's published identifiers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifierEvidence {
    /// The vocabulary's kind: "imo", "registration", "tax", "lei", "passport", "nationalId", "bic", "other".
    pub kind: crate::text::identifiers::IdKind,
    /// As written in the order (label and value), with where.
    pub written: Span,
    /// The normalised value compared (letters and digits, upper case; an IMO number without "IMO").
    pub value: String,
    /// The listed identifier(s) as published: the equal one, or for a disagreeing one those of the same kind.
    pub listed: String,
    /// The identifier type as the list publishes it ("Tax ID No.", "Vessel Registration Identification").
    pub listed_type: String,
    /// Display name of the list and the entry's id there.
    pub list: String,
    pub entry_id: String,
    /// The public source for the kind (`src/data/identifiers.toml`).
    pub citation: String,
}

/// Why a name scored what it did: the pieces, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The listed name or alias that matched best, as published.
    pub matched_name: String,
    /// Whether it is the primary name or an alias, and of what kind.
    pub matched_alias: Option<AliasKind>,
    pub alias_strength: Option<Strength>,
    pub pairs: Vec<TokenPair>,
    pub unmatched_query: Vec<String>,
    pub unmatched_listed: Vec<String>,
    pub ignored: Vec<Ignored>,
    pub evidence: Vec<Evidence>,
    /// Score from the names alone, before evidence.
    pub name_score: f64,
    /// One sentence for people.
    pub summary: String,
}

/// One listed entry that matched a party.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub list_id: String,
    /// Display name of the list the entry came from.
    pub list: String,
    /// Short code of the sub-list ("EL", "SDN", ...) and its full name.
    pub list_code: String,
    pub source: String,
    pub effect: Effect,
    pub entry_id: String,
    /// The entry's primary name.
    pub name: String,
    /// The listed name or alias that matched.
    pub matched_name: String,
    pub score: f64,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub countries: Vec<String>,
    pub addresses: Vec<String>,
    pub programs: Vec<String>,
    pub remarks: Option<String>,
    pub license_requirement: Option<String>,
    pub license_policy: Option<String>,
    pub federal_register: Option<String>,
    pub source_url: Option<String>,
    pub start_date: Option<String>,
    pub explanation: Explanation,
    /// The reviewer's decision in force on this hit (see [`crate::decisions`]); absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// A decision on this hit that has expired: it no longer applies, and the hit counts again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_decision: Option<Decision>,
    /// Every list and entry that lists this party (see [`crate::listings`]), this hit's own entry first: the CSL's
    /// copies of one party, its SDN row and the same entry of `sdn.csv`, a demo entry and its official one are one
    /// hit. A decision on any of them covers the hit.
    #[serde(default)]
    pub listings: Vec<Listing>,
}

/// One list entry of a listed party (a [`Hit`] names them all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Listing {
    pub list_id: String,
    /// Display name of the loaded list.
    pub list: String,
    pub entry_id: String,
    /// The sub-list, as published ("Specially Designated Nationals (SDN) - Treasury Department").
    pub source: String,
    pub programs: Vec<String>,
    /// Short code of the sub-list ("SDN", "EL", ...).
    pub list_code: String,
    pub effect: Effect,
    /// The entry's primary name on this list.
    pub name: String,
}

impl Hit {
    /// The strongest legal effect among the hit's listings (its own when it has none): what the party being listed
    /// means for the order.
    pub fn strongest_effect(&self) -> Effect {
        self.listings.iter().map(|l| l.effect).fold(self.effect, stronger)
    }
}

/// The stronger of two effects: a prohibition over a licence requirement over a red flag.
pub fn stronger(a: Effect, b: Effect) -> Effect {
    let rank = |e: Effect| match e {
        Effect::Prohibition => 2,
        Effect::LicenceRequired => 1,
        Effect::RedFlag => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Result of `screenParty`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PartyResult {
    pub hits: Vec<Hit>,
    pub threshold: f64,
    /// The day the decisions on its hits were judged on, when the screener has decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions_as_of: Option<String>,
}

/// Result of `matchNames`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameMatch {
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub threshold: f64,
    pub explanation: Explanation,
}

/// A party of the order with its list hits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyReport {
    /// "buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party", "vessel" (a ship
    /// named on the order); "namedInText" for a
    /// listed name found written in the text that no parsed party carries (`crate::mentions`).
    pub role: String,
    pub name: String,
    pub country: Option<String>,
    pub address: Option<String>,
    pub hits: Vec<Hit>,
    /// Where the party was read from in the order text (for highlighting), when it came as text.
    pub span: Option<Span>,
}

/// A span of the pasted text that a rule fired on, so the page can highlight it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    pub text: String,
    /// Byte offsets into the order text, when the order came as text.
    pub start: Option<usize>,
    pub end: Option<usize>,
}

/// A candidate control-list entry for an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ControlMatch {
    /// EU Annex I entry ("7A002") or Common Military List heading ("ML4").
    pub entry: String,
    pub title: String,
    /// "WA", "MTCR", "NSG", "AG", "CWC", "ML".
    pub regimes: Vec<String>,
    pub eccn: Vec<String>,
    /// 0..1.
    pub confidence: f64,
    pub why: Vec<String>,
    /// What to ask the supplier when control depends on a parameter the order does not give.
    pub parameter_check: Option<String>,
    /// `true` when the order's parameters meet the control threshold, `false` when they fall outside it,
    /// absent when unknown.
    pub controlled: Option<bool>,
    pub citation: String,
    /// A threshold used here could not be checked against the current annex ([verify] in the catalogue).
    pub verify: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ItemReport {
    pub description: String,
    pub hs: Option<String>,
    pub quantity: Option<String>,
    pub controls: Vec<ControlMatch>,
    /// Where the item was read in the order text.
    pub span: Option<Span>,
    /// Technical parameters read from the item, units normalised.
    pub parameters: Vec<Parameter>,
}

/// A rule that fired: an end use, a destination measure, a red flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Flag {
    /// Rule id from the rules data ("end-use.nuclear", "kyc.cash-payment", "dest.embargo.IR").
    pub code: String,
    /// `stop`, `review` or `info`.
    pub severity: Severity,
    pub message: String,
    pub evidence: Vec<Span>,
    pub citation: String,
    /// What to do or ask to resolve it.
    pub action: Option<String>,
}

/// One reason for the verdict, cited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Reason {
    pub verdict: Verdict,
    pub code: String,
    pub message: String,
    pub citation: String,
    /// The text the reason rests on, for highlighting.
    pub evidence: Vec<Span>,
    /// For a list hit: the index of the party in `Report::parties` (so a reviewer's decision on that party's hits
    /// can be matched to its reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<usize>,
    /// When a reviewer's decision changed this reason: its verdict after the decisions (`clear`: cleared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_decisions: Option<Verdict>,
}

/// Result of `screenOrder`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema_version: u32,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub parties: Vec<PartyReport>,
    pub items: Vec<ItemReport>,
    pub flags: Vec<Flag>,
    /// What was checked (parties, the text, items, destination, end use, rules), so a reader sees what the verdict
    /// rests on.
    #[serde(default)]
    pub checks: Vec<crate::checks::Check>,
    pub lists: Vec<ListInfo>,
    /// The order as understood, so the page can show it and the user can correct it and screen again.
    pub order: Order,
    pub threshold: f64,
    pub version: String,
    /// The verdict once the reviewer's decisions are applied (`verdict` when there are none).
    #[serde(default)]
    pub verdict_after_decisions: Verdict,
    /// The day the decisions were judged on (expiry), when the screener has decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions_as_of: Option<String>,
}
