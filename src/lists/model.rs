//! The one shape every restricted-party list is parsed into, whatever its official format.
//!
//! Parsers (one file per format in `src/lists/`) produce a [`ParsedList`] of [`Entry`]s; the screener adds the
//! [`ListInfo`] (id, counts, sha256) when it loads them and indexes every name and alias for matching.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text that many entries of a list carry alike (the sub-list's name and code, its web page, the licence policy,
/// an identifier's kind, a programme): one copy in memory however many entries hold it ([`Entry::share_texts`]),
/// read and written as a plain string. Of the 41,522 entries of the shared lists, 24 distinct sub-list names stood
/// in for 2 MiB of copies, 5,616 web pages for 2.7 MiB, 167 identifier kinds for 1 MiB (`cargo bench --bench
/// profile -- --memory --fields`); the wasm's memory holds every list a page loads.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Shared(Arc<str>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Shared {
        Shared(s.into())
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Shared {
        Shared(s.into())
    }
}

impl From<&String> for Shared {
    fn from(s: &String) -> Shared {
        Shared(s.as_str().into())
    }
}

impl From<Shared> for String {
    fn from(s: Shared) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, o: &str) -> bool {
        &*self.0 == o
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, o: &&str) -> bool {
        &*self.0 == *o
    }
}

impl PartialEq<String> for Shared {
    fn eq(&self, o: &String) -> bool {
        &*self.0 == o.as_str()
    }
}

impl PartialEq<Shared> for str {
    fn eq(&self, o: &Shared) -> bool {
        self == &*o.0
    }
}

impl PartialEq<Shared> for &str {
    fn eq(&self, o: &Shared) -> bool {
        *self == &*o.0
    }
}

impl PartialEq<Shared> for String {
    fn eq(&self, o: &Shared) -> bool {
        self.as_str() == &*o.0
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shared, D::Error> {
        String::deserialize(d).map(Shared::from)
    }
}

/// The one copy of each text [`Shared`] values of a list hold (see [`Entry::share_texts`]).
#[derive(Default)]
pub struct SharedTexts(HashSet<Shared>);

impl SharedTexts {
    /// The pooled copy of `s`, made the first time (for a parser that shares while it reads).
    pub(crate) fn get(&mut self, s: &str) -> Shared {
        if let Some(one) = self.0.get(s) {
            return one.clone();
        }
        let one = Shared::from(s);
        self.0.insert(one.clone());
        one
    }

    /// The pooled copy of `s` (`s` itself the first time).
    fn share(&mut self, s: &mut Shared) {
        match self.0.get(s.as_str()) {
            Some(one) => *s = one.clone(),
            None => {
                self.0.insert(s.clone());
            }
        }
    }
}

/// What kind of party an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Vessel,
    Aircraft,
    #[default]
    Unknown,
}

/// The legal effect of a hit on the list (see DOMAIN.md §1.1): drives the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Effect {
    /// No dealing at all (SDN, DPL, UN, EU/UK asset freeze): a hit above threshold stops the order.
    Prohibition,
    /// A licence is needed (Entity List, MEU, EU 833/2014 Annex IV): a hit above threshold stops until licensed.
    LicenceRequired,
    /// Extra diligence (Unverified List, METI End User List, SSI/CMIC): a hit asks for review.
    #[default]
    RedFlag,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AliasKind {
    #[default]
    Aka,
    Fka,
    Nka,
    /// A spelling variation of the primary name (UK "Primary name variation").
    Variant,
    /// A name derived by us from the published name (a compound Entity List name split, an acronym in brackets).
    Derived,
}

/// How much the source trusts the alias. Weak aliases (OFAC "weak", UN "Low", UK "Low quality") still match,
/// but the explanation says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Weak,
    #[default]
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Alias {
    pub name: String,
    pub kind: AliasKind,
    pub strength: Strength,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Address {
    /// The address as one line, as published.
    pub full: String,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, upper case, where known.
    pub country: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Identifier {
    /// "Passport", "Registration Number", "IMO", ...
    pub kind: Shared,
    pub value: String,
    pub country: Option<String>,
}

/// One listed party, with everything the source says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Entry {
    /// The source's own id (OFAC ent_num, CSL `_id`, UN DATAID / reference number, UK Group ID, ...).
    pub id: String,
    pub kind: EntityKind,
    /// Primary name as published.
    pub name: String,
    pub aliases: Vec<Alias>,
    pub addresses: Vec<Address>,
    /// ISO-2 codes from addresses, nationality, citizenship; upper case, no duplicates.
    pub countries: Vec<String>,
    /// Programmes or regimes ("SDGT", "NPWMD", "RUSSIA-EO14024", "Iran (Nuclear)").
    pub programs: Vec<Shared>,
    /// The sub-list inside a combined file ("Entity List (EL) - Bureau of Industry and Security").
    pub source: Shared,
    /// Short code of the sub-list: "EL", "SDN", "DPL", "UVL", "MEU", "ISN", "DTC", "SSI", "CMIC", "CAP", "FSE",
    /// "PLC", "NONSDN", "UN", "UK", "EU", "EU-833-IV", "METI", "OS", "DEMO", ...
    pub list_code: Shared,
    pub effect: Effect,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub dates_of_birth: Vec<String>,
    pub nationalities: Vec<String>,
    pub identifiers: Vec<Identifier>,
    pub remarks: Option<String>,
    /// Entity List: the licence requirement and review policy, as published.
    pub license_requirement: Option<Shared>,
    pub license_policy: Option<Shared>,
    /// Federal Register notice(s) or the regulation / list reference that listed the party.
    pub federal_register: Option<String>,
    /// Link to the source list or the entry.
    pub source_url: Option<Shared>,
}

impl Entry {
    /// Makes the entry's texts that many entries carry alike ([`Shared`]) the one copy `pool` holds.
    pub fn share_texts(&mut self, pool: &mut SharedTexts) {
        let Entry { programs, source, list_code, identifiers, license_requirement, license_policy, source_url, .. } =
            self;
        let optional = [license_requirement, license_policy, source_url].into_iter().flatten();
        let ids = identifiers.iter_mut().map(|i| &mut i.kind);
        for s in programs.iter_mut().chain([source, list_code]).chain(optional).chain(ids) {
            pool.share(s);
        }
    }
}

crate::data::readable_enum!(EntityKind {
    Person = "person",
    Organization = "organization",
    Vessel = "vessel",
    Aircraft = "aircraft",
    Unknown = "unknown",
});
crate::data::readable_enum!(Effect {
    Prohibition = "prohibition",
    LicenceRequired = "licenceRequired",
    RedFlag = "redFlag",
});
crate::data::readable_enum!(AliasKind { Aka = "aka", Fka = "fka", Nka = "nka", Variant = "variant", Derived = "derived" });
crate::data::readable_enum!(Strength { Strong = "strong", Weak = "weak", Unknown = "unknown" });
crate::data::readable!(Alias { name: default, kind: default, strength: default });
crate::data::readable!(Address { full: default, city: default, country: default });
crate::data::readable!(Identifier { kind: default, value: default, country: default });
// The embedded demo list's reader (`lists::demo`): every field optional, keys in camelCase (the serde attributes).
crate::data::readable!(Entry {
    id: default,
    kind: default,
    name: default,
    aliases: default,
    addresses: default,
    countries: default,
    programs: default,
    source: default,
    list_code as "listCode": default,
    effect: default,
    start_date as "startDate": default,
    end_date as "endDate": default,
    dates_of_birth as "datesOfBirth": default,
    nationalities: default,
    identifiers: default,
    remarks: default,
    license_requirement as "licenseRequirement": default,
    license_policy as "licensePolicy": default,
    federal_register as "federalRegister": default,
    source_url as "sourceUrl": default,
});

/// What a parser returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ParsedList {
    /// Machine name of the detected format (`lists::FORMATS`): "csl-csv", "csl-tsv", "csl-json", "ofac-sdn-csv",
    /// "ofac-cons-csv", "ofac-add-csv", "ofac-alt-csv", "ofac-comments-csv", "ofac-xml", "ofac-enhanced-xml",
    /// "bis-dpl", "un-xml", "uk-ofsi-csv", "uk-sl-csv", "uk-sl-xml", "eu-fsf-xml", "eu-fsf-csv", "opensanctions-csv",
    /// "ftm-json", "nsfreg-json", "xyna-json"; "demo-toml" for the embedded demo list.
    pub format: String,
    /// A default display name ("US Consolidated Screening List").
    pub name: String,
    /// Publication date from the file (ISO `YYYY-MM-DD`), where the file has one.
    pub published: Option<String>,
    pub entries: Vec<Entry>,
    /// For files that only add to another list (OFAC `add.csv`, `alt.csv`, `sdn_comments.csv`): the format family
    /// they extend ("ofac-csv"). The screener merges them into the most recently loaded list of that family.
    pub supplement_for: Option<String>,
}

/// Options the caller gives with a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LoadOptions {
    /// The file name: only a hint for detection, and used in error messages.
    pub filename: Option<String>,
    /// Force a format instead of detecting it.
    pub format: Option<String>,
    /// Display name for the list.
    pub name: Option<String>,
    /// Publication date (YYYY-MM-DD) for a file that carries none, e.g. the day the user downloaded it; a date
    /// read from the file takes precedence.
    pub published: Option<String>,
}

/// What the caller sees about a loaded list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ListInfo {
    pub id: String,
    pub name: String,
    pub format: String,
    pub entries: usize,
    pub names: usize,
    /// The publication date the file states, or else the one given at load (`LoadOptions.published`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The date the list speaks for and where it comes from (the file, the caller, the newest listing date, or
    /// unknown): what a page or report shows as the list's date and judges its age by.
    #[serde(default)]
    pub as_of: super::dating::AsOf,
    /// sha256 of the loaded bytes (of the first file, for a list assembled from several).
    pub sha256: String,
    /// Set on the embedded demo list: never use it for real decisions.
    pub demo: bool,
    /// File names that make up the list.
    pub files: Vec<String>,
    /// What loading changed without refusing the file, each naming the entry: a name longer than the limit was
    /// cut (see [`crate::lists::cut_long_names`]). Empty (and left out of JSON) when nothing was changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}
