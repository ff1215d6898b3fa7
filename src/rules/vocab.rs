//! The rule vocabulary: the words the rules data files (`src/data/*.toml`) use for conditions, comparators,
//! parameter roles, red-flag checks, party roles, measure kinds and languages, as enums. A misspelt word in a
//! data file is refused when the file is read (the data tests fail, and at run time the screening shows a
//! `rules.data-error` flag), instead of falling through a default. [`read_entries`] reads one `[[section]]` of a
//! data file entry by entry, so an error names the file, the section and the entry.
//!
//! Severity lives with the report types ([`crate::report::Severity`]), since flags carry it.

use serde::{Deserialize, Serialize};

/// What the rules establish about an order, for the rules that run later: a measure's `escalate` table and a
/// red flag's weight name these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// An item is decided controlled, or a candidate at review confidence.
    ControlledItem,
    /// An item is a control-list candidate or a watch item.
    Technical,
    /// ... and it is equipment (not a material or chemical).
    TechnicalEquipment,
    /// A controlled item is on the Common Military List.
    MilitaryItem,
    /// A controlled item comes from the NSG lists.
    NuclearItem,
    /// A party or the destination is in the `concern` group.
    Concern,
    WmdEndUse,
    NuclearEndUse,
    MissileEndUse,
    UavEndUse,
    CbwEndUse,
    MilitaryEndUse,
    SurveillanceEndUse,
    /// No end user is named.
    NoEndUser,
    /// An item is in the goods a destination measure prohibits (by its HS/CN code or its name).
    ListedGoods,
    /// Every item is of a kind the destination measures leave out (food, medicine, garments, ...).
    GoodsOutsideScope,
    /// Goods the Russia measures list go to a country through which such goods reach Russia.
    DiversionGoods,
}

impl Condition {
    pub const ALL: [Condition; 17] = [
        Condition::ControlledItem,
        Condition::Technical,
        Condition::TechnicalEquipment,
        Condition::MilitaryItem,
        Condition::NuclearItem,
        Condition::Concern,
        Condition::WmdEndUse,
        Condition::NuclearEndUse,
        Condition::MissileEndUse,
        Condition::UavEndUse,
        Condition::CbwEndUse,
        Condition::MilitaryEndUse,
        Condition::SurveillanceEndUse,
        Condition::NoEndUser,
        Condition::ListedGoods,
        Condition::GoodsOutsideScope,
        Condition::DiversionGoods,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::ControlledItem => "controlled-item",
            Condition::Technical => "technical",
            Condition::TechnicalEquipment => "technical-equipment",
            Condition::MilitaryItem => "military-item",
            Condition::NuclearItem => "nuclear-item",
            Condition::Concern => "concern",
            Condition::WmdEndUse => "wmd-end-use",
            Condition::NuclearEndUse => "nuclear-end-use",
            Condition::MissileEndUse => "missile-end-use",
            Condition::UavEndUse => "uav-end-use",
            Condition::CbwEndUse => "cbw-end-use",
            Condition::MilitaryEndUse => "military-end-use",
            Condition::SurveillanceEndUse => "surveillance-end-use",
            Condition::NoEndUser => "no-end-user",
            Condition::ListedGoods => "listed-goods",
            Condition::GoodsOutsideScope => "goods-outside-scope",
            Condition::DiversionGoods => "diversion-goods",
        }
    }

    /// Words for the condition in a message ("Severity raised because ...").
    pub fn words(self) -> &'static str {
        match self {
            Condition::ControlledItem => "an item may be on a control list",
            Condition::Technical => "an item is a control-list candidate or a sensitive item",
            Condition::TechnicalEquipment => "an item is technical equipment on or near a control list",
            Condition::MilitaryItem => "an item may be on the Military List",
            Condition::NuclearItem => "an item may be a nuclear (NSG) item",
            Condition::Concern => "a destination of concern",
            Condition::WmdEndUse => "a WMD end use",
            Condition::NuclearEndUse => "a nuclear end use",
            Condition::MissileEndUse => "a missile end use",
            Condition::UavEndUse => "a UAV end use",
            Condition::CbwEndUse => "a chemical or biological weapons end use",
            Condition::MilitaryEndUse => "a military end use",
            Condition::SurveillanceEndUse => "a surveillance end use",
            Condition::NoEndUser => "no end user is named",
            Condition::ListedGoods => "an item is in the goods the measure lists",
            Condition::GoodsOutsideScope => "every item is outside the goods the measure covers",
            Condition::DiversionGoods => {
                "goods the Russia measures list go to a country through which they reach Russia"
            }
        }
    }
}

/// How a parameter compares with a catalogue threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Comparator {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Comparator {
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparator::Lt => value < threshold,
            Comparator::Le => value <= threshold,
            Comparator::Gt => value > threshold,
            Comparator::Ge => value >= threshold,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Lt => "<",
            Comparator::Le => "≤",
            Comparator::Gt => ">",
            Comparator::Ge => "≥",
        }
    }

    /// Whether the threshold is an upper bound (the item is controlled below it).
    pub fn below(self) -> bool {
        match self {
            Comparator::Lt | Comparator::Le => true,
            Comparator::Gt | Comparator::Ge => false,
        }
    }
}

/// What meeting a catalogue parameter means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamRole {
    /// Meeting it is needed for control.
    #[default]
    Control,
    /// Meeting it releases the item (a note or exclusion of the entry).
    Exclude,
    /// A figure inside the entry's range corroborates the wording but decides nothing: the entry turns on a
    /// criterion without a number (2B230: the sensing element material).
    Indicative,
}

/// How an entry's control parameters combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Logic {
    #[default]
    All,
    Any,
}

/// How a red flag is looked for (`src/rules/red_flags.rs` has one function per check).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Phrases,
    PartyWords,
    TradingBuyer,
    Undisclosed,
    NoEndUser,
    Unnamed,
    Transshipment,
    Mismatch,
    Quantity,
    Packing,
    FreeMail,
    /// Goods named only by part numbers (no word says what they are).
    PartNumbers,
    /// `party-words` for a forwarder: a review whatever the goods when the forwarder ends the chain.
    ForwarderWords,
}

/// Which sentences a phrase red flag counts in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Anywhere in the text.
    #[default]
    Text,
    /// Only in a sentence about payment.
    Payment,
    /// Only in a sentence about delivery.
    Delivery,
}

/// A party's role, as the order model writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Buyer,
    Seller,
    Consignee,
    EndUser,
    Intermediate,
    Notify,
    Forwarder,
    Party,
    /// A ship named on the order ("Vessel: ...", "MV ..."): screened like a party, because vessels are listed.
    Vessel,
    /// A listed name the safety net found written in the order text (`src/mentions.rs`).
    NamedInText,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "buyer",
            Role::Seller => "seller",
            Role::Consignee => "consignee",
            Role::EndUser => "endUser",
            Role::Intermediate => "intermediate",
            Role::Notify => "notify",
            Role::Forwarder => "forwarder",
            Role::Party => "party",
            Role::Vessel => "vessel",
            Role::NamedInText => "namedInText",
        }
    }

    /// Whether the order's role string is this role.
    pub fn is(self, role: &str) -> bool {
        self.as_str() == role
    }
}

/// What kind of destination measure a `[[measure]]` is (it chooses the action the flag proposes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureKind {
    Embargo,
    ArmsEmbargo,
    Sectoral,
    Nuclear,
    CountryGroup,
    EndUseRule,
    /// A country through which listed goods reach Russia or Belarus.
    Diversion,
}

/// The languages the item vocabulary is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    De,
    Fr,
    Es,
    Ru,
    Tr,
    Zh,
    /// Portuguese: wording for the entries most often ordered only, not the whole vocabulary; Italian: none yet
    /// (the reader accepts it).
    Pt,
    It,
}

impl Lang {
    /// The languages every vocabulary must cover.
    pub const ALL: [Lang; 7] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::Ru, Lang::Tr, Lang::Zh];
}

crate::data::readable_enum!(Condition {
    ControlledItem = "controlled-item",
    Technical = "technical",
    TechnicalEquipment = "technical-equipment",
    MilitaryItem = "military-item",
    NuclearItem = "nuclear-item",
    Concern = "concern",
    WmdEndUse = "wmd-end-use",
    NuclearEndUse = "nuclear-end-use",
    MissileEndUse = "missile-end-use",
    UavEndUse = "uav-end-use",
    CbwEndUse = "cbw-end-use",
    MilitaryEndUse = "military-end-use",
    SurveillanceEndUse = "surveillance-end-use",
    NoEndUser = "no-end-user",
    ListedGoods = "listed-goods",
    GoodsOutsideScope = "goods-outside-scope",
    DiversionGoods = "diversion-goods",
});
crate::data::readable_enum!(Comparator { Lt = "lt", Le = "le", Gt = "gt", Ge = "ge" });
crate::data::readable_enum!(ParamRole { Control = "control", Exclude = "exclude", Indicative = "indicative" });
crate::data::readable_enum!(Logic { All = "all", Any = "any" });
crate::data::readable_enum!(Check {
    Phrases = "phrases",
    PartyWords = "party-words",
    TradingBuyer = "trading-buyer",
    Undisclosed = "undisclosed",
    NoEndUser = "no-end-user",
    Unnamed = "unnamed",
    Transshipment = "transshipment",
    Mismatch = "mismatch",
    Quantity = "quantity",
    Packing = "packing",
    FreeMail = "free-mail",
    PartNumbers = "part-numbers",
    ForwarderWords = "forwarder-words",
});
crate::data::readable_enum!(Scope { Text = "text", Payment = "payment", Delivery = "delivery" });
crate::data::readable_enum!(Role {
    Buyer = "buyer",
    Seller = "seller",
    Consignee = "consignee",
    EndUser = "endUser",
    Intermediate = "intermediate",
    Notify = "notify",
    Forwarder = "forwarder",
    Party = "party",
    Vessel = "vessel",
    NamedInText = "namedInText",
});
crate::data::readable_enum!(MeasureKind {
    Embargo = "embargo",
    ArmsEmbargo = "arms-embargo",
    Sectoral = "sectoral",
    Nuclear = "nuclear",
    CountryGroup = "country-group",
    EndUseRule = "end-use-rule",
    Diversion = "diversion",
});
crate::data::readable_enum!(Lang { En = "en", De = "de", Fr = "fr", Es = "es", Ru = "ru", Tr = "tr", Zh = "zh", Pt = "pt", It = "it" });

/// Reads the `[[section]]` array of a data document entry by entry into `T`; an error names the file, the section
/// and the entry (by its `id` field, or its position). A missing section is an empty list.
pub(crate) fn read_entries<T: crate::data::FromData + crate::data::Same>(
    file: &str,
    doc: &serde_json::Value,
    section: &str,
    id: &str,
) -> Result<Vec<T>, String> {
    let Some(v) = doc.get(section) else { return Ok(Vec::new()) };
    let Some(arr) = v.as_array() else { return Err(format!("{file}: [[{section}]] is not a list of tables")) };
    let mut out = Vec::with_capacity(arr.len());
    for (i, e) in arr.iter().enumerate() {
        let t = crate::data::from_embedded::<T>(e).map_err(|err| entry_error(file, section, e, id, i, err))?;
        out.push(t);
    }
    Ok(out)
}

/// The message of [`read_entries`] for entry `i` (from 0): one copy for every `T` (a smaller wasm).
#[cold]
#[inline(never)]
fn entry_error(
    file: &str,
    section: &str,
    e: &serde_json::Value,
    id: &str,
    i: usize,
    err: crate::data::ReadError,
) -> String {
    let name = e.get(id).and_then(|x| x.as_str()).map(|s| format!("\"{s}\"")).unwrap_or(format!("#{}", i + 1));
    format!("{file}: [[{section}]] {name}: {err}")
}

/// Parses an embedded data document and refuses sections other than `sections` (a misspelt section name would
/// otherwise read as an empty list).
pub fn read_document(file: &str, json: &str, sections: &[&str]) -> Result<serde_json::Value, String> {
    let doc: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("{file}: {e}"))?;
    let Some(map) = doc.as_object() else { return Err(format!("{file}: not a table")) };
    if let Some(k) = map.keys().find(|k| !sections.contains(&k.as_str())) {
        return Err(format!("{file}: unknown section \"{k}\" (expected one of {})", sections.join(", ")));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condition_words_round_trip() {
        for c in Condition::ALL {
            let json = serde_json::to_string(&c).expect("serialises");
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            let back: Condition = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, c);
        }
    }

    #[test]
    fn read_entries_names_file_section_and_entry() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct E {
            code: String,
            cmp: Comparator,
        }
        crate::data::readable!(E { code, cmp });
        let doc: serde_json::Value =
            serde_json::from_str(r#"{"e":[{"code":"a","cmp":"lt"},{"code":"b","cmp":"lte"}]}"#).expect("json");
        let err = read_entries::<E>("src/data/x.toml", &doc, "e", "code").expect_err("a typo is refused");
        assert!(err.starts_with("src/data/x.toml: [[e]] \"b\": cmp: unknown variant `lte`"), "{err}");
        let err = read_document("src/data/x.toml", r#"{"entyr":[]}"#, &["entry"]).expect_err("unknown section");
        assert!(err.contains("unknown section \"entyr\""), "{err}");
    }

    /// A misspelt word of each vocabulary, written into a copy of the real data file, is refused with a message
    /// that names the file and the entry.
    #[test]
    fn typo_in_each_vocabulary_is_refused_naming_file_and_entry() {
        fn ok<T>(r: Result<T, String>) -> Result<(), String> {
            r.map(|_| ())
        }
        type Load = fn(&str) -> Result<(), String>;
        let measures: Load = |j| ok(crate::rules::destination::Measures::from_json(j));
        let end_use: Load = |j| ok(crate::rules::end_use::Rules::from_json(j));
        let red_flags: Load = |j| ok(crate::rules::red_flags::Rules::from_json(j));
        let controls: Load = |j| ok(crate::rules::items::Catalogue::from_json(j));
        let verdict: Load = |j| ok(crate::verdict::read_policy(j));
        // (file, load, the entry's line, the text in that entry to misspell, the misspelling, the entry as named)
        let cases: &[(&str, Load, &str, &str, &str, &str)] = &[
            (
                "measures",
                measures,
                "code = \"dest.russia\"",
                "severity = \"review\"",
                "severity = \"reveiw\"",
                "\"dest.russia\"",
            ),
            (
                "measures",
                measures,
                "code = \"dest.russia\"",
                "controlled-item = ",
                "controled-item = ",
                "\"dest.russia\"",
            ),
            (
                "measures",
                measures,
                "code = \"dest.russia\"",
                "kind = \"sectoral\"",
                "kind = \"sectorial\"",
                "\"dest.russia\"",
            ),
            (
                "end_use",
                end_use,
                "code = \"end-use.nuclear\"",
                "kind = \"nuclear-end-use\"",
                "kind = \"nuclear-enduse\"",
                "\"end-use.nuclear\"",
            ),
            (
                "red_flags",
                red_flags,
                "code = \"kyc.cash-payment\"",
                "scope = \"payment\"",
                "scope = \"payments\"",
                "\"kyc.cash-payment\"",
            ),
            (
                "red_flags",
                red_flags,
                "code = \"kyc.cash-payment\"",
                "check = \"phrases\"",
                "check = \"phrase\"",
                "\"kyc.cash-payment\"",
            ),
            (
                "red_flags",
                red_flags,
                "code = \"kyc.forwarder-end-user\"",
                "\"endUser\"",
                "\"enduser\"",
                "\"kyc.forwarder-end-user\"",
            ),
            ("controls", controls, "entry = \"1C010\"", "cmp = \"gt\"", "cmp = \"gte\"", "\"1C010\""),
            ("controls", controls, "entry = \"1C010\"", "role = \"control\"", "role = \"controll\"", "\"1C010\""),
            ("controls", controls, "entry = \"1C010\"", "logic = \"all\"", "logic = \"al\"", "\"1C010\""),
            ("verdict", verdict, "effect = \"prohibition\"", "\"buyer\"", "\"buyr\"", "\"prohibition\""),
        ];
        for (name, load, at, from, to, entry) in cases {
            let file = format!("src/data/{name}.toml");
            let text = std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).expect("data file");
            let json = |t: &str| {
                let v: serde_json::Value = toml::from_str(t).expect("TOML");
                serde_json::to_string(&v).expect("JSON")
            };
            assert_eq!(load(&json(&text)), Ok(()), "{file} as committed");
            let start = text.find(at).unwrap_or_else(|| panic!("{file}: {at} not found"));
            let pos = start + text[start..].find(from).unwrap_or_else(|| panic!("{file}: {from} not after {at}"));
            let bad = format!("{}{to}{}", &text[..pos], &text[pos + from.len()..]);
            let err = load(&json(&bad)).expect_err("a misspelt word is refused");
            assert!(err.starts_with(&format!("{file}: ")) && err.contains(entry), "{file} {to}: {err}");
            let word = to.rsplit('"').nth(1).unwrap_or(to).trim_end_matches(" = ").trim();
            assert!(err.contains(word.trim_matches('"')), "{file}: the message names the word {word}: {err}");
        }
    }
}
