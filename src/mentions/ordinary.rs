//! Ordinary words that are also listed names: "in September", "Gross weight", "Argon humidifier" are dates, labels
//! and goods, though "LIMITED LIABILITY COMPANY SEPTEMBER", "LLC GROSS" and "ARGON OOO" are listed. A listed name
//! of one word (its legal form set aside) that is a word the product knows from its own vocabularies (months and
//! days, `src/data/ordinary.toml`; field labels, `labels.toml`; units, `units.toml`; goods, `goods.toml`;
//! control-list wording, `controls.toml`) is found only with something in the text that makes it a name: its
//! legal form beside it, quotes, capitals in a text written in lower case, or a party label. One rule for the
//! safety net and for the parsed parties; a hit it lets stand carries the reason as evidence.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

use crate::normalize::{IgnoreReason, NormName};
use crate::report::Evidence;
use crate::text;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct OrdinaryFile {
    language: Vec<Language>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct Language {
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    days: Vec<String>,
}

crate::data::readable!(OrdinaryFile { language });
crate::data::readable!(Language { months: default, days: default });

/// What in the text makes an ordinary word a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Support {
    /// Its legal form is written beside it ("Argon OOO").
    LegalForm,
    /// It is written in quotes ("«Argon»").
    Quoted,
    /// It is written in capitals in a text written in lower case ("ARGON").
    Capitals,
    /// The parser read it under a party label or in a party's place; the role.
    Party,
}

impl Support {
    fn detail(self) -> &'static str {
        match self {
            Support::LegalForm => "its legal form is written beside it",
            Support::Quoted => "the text writes it in quotes",
            Support::Capitals => "the text writes it in capitals",
            Support::Party => "the order gives it as a party",
        }
    }
}

/// Each ordinary word (folded) and the vocabulary it is from.
fn vocabulary() -> &'static HashMap<String, &'static str> {
    static V: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    V.get_or_init(|| {
        let mut v: HashMap<String, &'static str> = HashMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &str>, from: &'static str| {
            for w in words {
                for word in text::words(w.trim_start_matches('*')) {
                    v.entry(text::fold(&word)).or_insert(from);
                }
            }
        };
        // The file is ours and covered by tests; a broken file yields no dates rather than a panic in the wasm.
        let file = crate::data::read_embedded::<OrdinaryFile>(crate::data::ORDINARY.text())
            .unwrap_or(OrdinaryFile { language: Vec::new() });
        for l in &file.language {
            add(&mut l.months.iter().map(String::as_str), "a month");
            add(&mut l.days.iter().map(String::as_str), "a day of the week");
        }
        let (labels, units) = crate::order::known_words();
        add(&mut units.into_iter(), "a unit");
        add(&mut labels.into_iter(), "a word of a field label");
        for k in &crate::rules::goods::goods().kinds {
            add(&mut k.words.iter().flat_map(|w| w.terms.iter()).map(String::as_str), "a name of goods");
        }
        for e in &crate::rules::catalogue::catalogue().entries {
            let wording = e.terms.iter().chain(&e.weak).chain(&e.context);
            let more = e.words.iter().flat_map(|w| w.terms.iter().chain(&w.weak).chain(&w.context));
            add(&mut wording.chain(more).map(String::as_str), "a word of the control list");
        }
        v
    })
}

/// The vocabulary an ordinary word is from, if it is one (any case, any accents).
pub(crate) fn ordinary(word: &str) -> Option<&'static str> {
    vocabulary().get(&text::fold(word)).copied()
}

/// The one word a name holds once its legal form and joiners are set aside, if it holds one.
fn one_word(name: &NormName) -> Option<&str> {
    match name.tokens.iter().filter(|t| !t.stopword).collect::<Vec<_>>().as_slice() {
        [t] => Some(t.text.as_str()),
        _ => None,
    }
}

/// Whether a hit on `name` (as the text writes it, normalised) stands: a hit whose query is one ordinary word
/// needs `support`, and then carries it in `evidence` (the hit's); any other hit stands as it is.
pub(crate) fn vouch(evidence: &mut Vec<Evidence>, name: &NormName, support: Option<Support>) -> bool {
    let Some(word) = one_word(name) else { return true };
    let Some(from) = ordinary(word) else { return true };
    let support = if name.ignored.iter().any(|(_, why)| *why == IgnoreReason::LegalForm) {
        Some(Support::LegalForm)
    } else {
        support
    };
    let Some(support) = support else { return false };
    evidence.push(Evidence {
        kind: "text".into(),
        supports: true,
        detail: format!("\"{word}\" is also an ordinary word ({from}); read as a name because {}", support.detail()),
        adjustment: 0.0,
        identifier: None,
    });
    true
}

/// Whether tokens `first..last` of the text are written in quotes ("«Argon»", "\"September\"").
pub(crate) fn quoted(text: &str, toks: &[text::Token], first: usize, last: usize) -> bool {
    let (Some(a), Some(b)) = (toks.get(first), toks.get(last.wrapping_sub(1))) else { return false };
    let before = first.checked_sub(1).and_then(|p| toks.get(p)).map_or("", |p| text.get(p.end..a.start).unwrap_or(""));
    let after =
        toks.get(last).map_or_else(|| text.get(b.end..).unwrap_or(""), |n| text.get(b.end..n.start).unwrap_or(""));
    before.trim_end().ends_with(['"', '“', '«', '„', '\'', '‘'])
        && after.trim_start().starts_with(['"', '”', '»', '“', '\'', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn ordinary_months_units_labels_goods_and_control_words() {
        for (w, from) in [
            ("September", "a month"),
            ("сентября", "a month"),
            ("Eylül", "a month"),
            ("Gross", "a unit"),
            ("argon", "a word of the control list"),
        ] {
            assert_eq!(ordinary(w), Some(from), "{w}");
        }
        for w in ["Kalashnikov", "Optolink", "Hikvision", "Mikron"] {
            assert_eq!(ordinary(w), None, "{w}");
        }
    }

    #[test]
    fn vouch_asks_an_ordinary_word_for_support() {
        let mut ev = Vec::new();
        assert!(!vouch(&mut ev, &normalize("September"), None));
        assert!(ev.is_empty());
        assert!(vouch(&mut ev, &normalize("September"), Some(Support::Quoted)));
        assert!(ev.iter().any(|e| e.detail.contains("a month") && e.detail.contains("quotes")));
        // Its legal form beside it is support enough.
        let mut ev = Vec::new();
        assert!(vouch(&mut ev, &normalize("September LLC"), None));
        assert!(ev.iter().any(|e| e.detail.contains("legal form")));
        // A name of two words, or a word no vocabulary holds, stands as it is, with no evidence added.
        for name in ["September Trading House", "Optolink"] {
            let mut ev = Vec::new();
            assert!(vouch(&mut ev, &normalize(name), None), "{name}");
            assert!(ev.is_empty(), "{name}");
        }
    }

    /// A screener holding the demo list and three invented listed companies whose one word is an ordinary word.
    fn screener() -> crate::Screener {
        let header = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,\
                      end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,\
                      gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,\
                      citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids";
        let mut csv = String::from(header);
        for (id, name, place) in
            [(1, "OOO OKTOBER", "Moscow, RU"), (2, "ARGON LLC", "Minsk, BY"), (3, "GROSS LTD", "Vienna, AT")]
        {
            csv += &format!(
                "\nord{id},Entity List (EL) - Bureau of Industry and Security,,,,{name},,\"{place}\",,,,,,,,,,,,,,,,,,,,,"
            );
        }
        let mut s = crate::Screener::new(crate::Config::default()).expect("screener");
        let opts = crate::LoadOptions { filename: Some("ordinary.csv".into()), ..Default::default() };
        s.load_list_owned(csv.into_bytes(), &opts).expect("list");
        s
    }

    #[test]
    fn screen_order_finds_an_ordinary_word_only_as_a_name() {
        let s = screener();
        // (text, the listed name a party must hit, or none)
        let cases = [
            ("Vielen Dank für die Muster, die Sie im Oktober geschickt haben. Bitte liefern Sie 20 Ventile.", None),
            ("| # | Item | Qty |\n|---|---|---|\n| 3 | Argon humidifier | 1 |\n", None),
            ("AIR WAYBILL\nNo. of pieces: 3   Gross weight: 84 kg   Chargeable weight: 96 kg\n", None),
            ("Die Ware geht dann an Oktober OOO in Moskau.", Some("OOO OKTOBER")),
            ("The pumps will then go to \u{ab}Argon\u{bb} in Minsk.", Some("ARGON LLC")),
            ("The pumps will then go to ARGON in Minsk, please quote.", Some("ARGON LLC")),
            // The same word unquoted first and quoted after: the quoted one is still a name (the screenings kept
            // per window know where the window is).
            (
                "Samples go to Argon in Minsk first. The pumps will then go to \u{ab}Argon\u{bb} in Minsk.",
                Some("ARGON LLC"),
            ),
            ("Buyer: Gross\nAddress: Ringstrasse 1, Vienna, Austria\n1 pc pressure gauge", Some("GROSS LTD")),
        ];
        for (text, want) in cases {
            let r = s.screen_order(&crate::OrderInput::Text(text.into())).expect("report");
            let hits: Vec<&crate::report::Hit> = r.parties.iter().flat_map(|p| &p.hits).collect();
            match want {
                None => assert!(hits.is_empty(), "{text}: {:?}", hits.iter().map(|h| &h.name).collect::<Vec<_>>()),
                Some(name) => {
                    let h = hits.iter().find(|h| h.name == name);
                    assert!(h.is_some(), "{text}: {:?}", hits.iter().map(|h| &h.name).collect::<Vec<_>>());
                    // The reason it stands is in its evidence.
                    let ev = h.map(|h| &h.explanation.evidence).into_iter().flatten();
                    assert!(ev.into_iter().any(|e| e.detail.contains("ordinary word")), "{text}");
                }
            }
        }
    }
}
