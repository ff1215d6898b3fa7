//! End-use and end-user rules (`src/data/end_use.toml`): words in the order that show a nuclear, missile, UAV,
//! chemical or biological weapons, military or cyber-surveillance end use, each with its catch-all consequence
//! (EU Reg. 2021/821 Arts. 4 and 5; 15 CFR 744.2-744.22) and citation. A WMD end use with a destination of
//! concern stops the order; other catch-all triggers ask for review. Negated mentions ("will not be used for
//! military purposes") and the seller's own name do not count.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::catalogue::{LanguageSource, Words};
use super::terms::TermSet;
use super::vocab::{read_document, read_entries, Condition};
use super::Ctx;
use crate::geo::geo;
use crate::report::{Flag, Severity, Span};
use crate::text;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: String,
    pub title: String,
    /// The condition this category sets for the other rules (nuclear-end-use, military-end-use, ...).
    pub kind: Condition,
    pub wmd: bool,
    pub terms: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    /// The wording in other languages (`terms`, `not`).
    #[serde(default)]
    pub words: Vec<Words>,
    pub severity: Severity,
    pub concern: Vec<String>,
    pub severity_concern: Severity,
    pub message: String,
    pub consequence: String,
    pub action: String,
    pub citation: String,
}

crate::data::readable!(Category {
    code,
    title,
    kind,
    wmd,
    terms,
    not: default,
    words: default,
    severity,
    concern,
    severity_concern,
    message,
    consequence,
    action,
    citation,
});

#[derive(Debug, Default)]
pub struct Rules {
    pub categories: Vec<Category>,
    pub languages: Vec<LanguageSource>,
    terms: TermSet<usize>,
    not: TermSet<usize>,
    pub errors: Vec<String>,
}

const FILE: &str = "src/data/end_use.toml";

impl Rules {
    /// Reads the categories from the embedded JSON form of `src/data/end_use.toml`.
    pub fn from_json(json: &str) -> Result<Rules, String> {
        let doc = read_document(FILE, json, &["language", "category"])?;
        let categories: Vec<Category> = read_entries(FILE, &doc, "category", "code")?;
        let mut r = Rules { languages: read_entries(FILE, &doc, "language", "lang")?, ..Rules::default() };
        for (i, c) in categories.iter().enumerate() {
            if let Some(w) = c.words.iter().find(|w| !r.languages.iter().any(|l| l.lang == w.lang)) {
                return Err(format!(
                    "{FILE}: [[category]] \"{}\": words in {:?} without a [[language]] source",
                    c.code, w.lang
                ));
            }
            for t in c.terms.iter().chain(c.words.iter().flat_map(|w| &w.terms)) {
                r.terms.add(t, i);
            }
            for t in c.not.iter().chain(c.words.iter().flat_map(|w| &w.not)) {
                r.not.add(t, i);
            }
        }
        r.categories = categories;
        Ok(r)
    }
}

pub fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        Rules::from_json(crate::data::END_USE.text()).unwrap_or_else(|e| Rules { errors: vec![e], ..Rules::default() })
    })
}

/// Most evidence spans kept per flag.
const MAX_EVIDENCE: usize = 6;

/// End-use flags; records the conditions ("nuclear-end-use", "wmd-end-use", ...) in `ctx`.
pub fn assess(ctx: &mut Ctx<'_>) -> Vec<Flag> {
    let r = rules();
    let found = r.terms.find_longest(&ctx.text, &ctx.toks, &ctx.keys);
    // Sentences where a category's exclusion ("nuclear medicine", "navy blue") occurs, by sentence start.
    let excluded: HashSet<(usize, usize)> = r
        .not
        .find_all(&ctx.text, &ctx.toks, &ctx.keys)
        .into_iter()
        .map(|n| (n.value, ctx.sentence_of(n.start).0))
        .collect();
    let (small_drones, items) = (small_drone_items(ctx), item_ranges(ctx));
    let mut drone_items_small = !small_drones.is_empty();
    let mut by_cat: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
    for f in found {
        if text::negated(&ctx.text, &ctx.toks, f.first)
            || text::cjk_negated(&ctx.text, f.start)
            || ctx.in_seller(f.start, f.end)
        {
            continue;
        }
        if excluded.contains(&(f.value, ctx.sentence_of(f.start).0))
            || crate::geo::in_street_name(&ctx.text, &ctx.toks, f.first, f.last)
        {
            continue;
        }
        // Every item line that names a drone must state a flight time below 9A012's for the drone words to name
        // consumer goods; one drone item that does not keeps the UAV end use.
        let uav = r.categories.get(f.value).is_some_and(|c| c.kind == Condition::UavEndUse);
        let inside = |rs: &[(usize, usize)]| rs.iter().any(|&(a, z)| f.start >= a && f.end <= z);
        if uav && inside(&items) && !inside(&small_drones) {
            drone_items_small = false;
        }
        let spans = by_cat.entry(f.value).or_default();
        if spans.len() < MAX_EVIDENCE
            && !spans.iter().any(|s| s.text.eq_ignore_ascii_case(ctx.text.get(f.start..f.end).unwrap_or_default()))
        {
            spans.push(ctx.span(f.start, f.end));
        }
    }
    let g = geo();
    let mut out = Vec::new();
    for (i, evidence) in by_cat {
        let Some(c) = r.categories.get(i) else { continue };
        if drone_items_small && c.kind == Condition::UavEndUse {
            continue;
        }
        ctx.conditions.insert(c.kind);
        if c.wmd {
            ctx.conditions.insert(Condition::WmdEndUse);
        }
        let concern = ctx.destinations_in(&c.concern);
        let severity = if concern.is_empty() { c.severity } else { c.severity.max(c.severity_concern) };
        let words: Vec<String> = evidence.iter().map(|s| format!("\"{}\"", s.text)).collect();
        let mut message = format!("{} Evidence: {}.", c.message, words.join(", "));
        if let Some(d) = concern.first() {
            let groups: Vec<&str> = c.concern.iter().filter(|gr| g.in_group(&d.code, gr)).map(String::as_str).collect();
            message.push_str(&format!(
                " The {} is in {} ({}), a destination of concern for this end use.",
                d.role,
                g.name(&d.code),
                groups.join(", ")
            ));
        }
        message.push(' ');
        message.push_str(&c.consequence);
        out.push(Flag {
            code: c.code.clone(),
            severity,
            message,
            evidence,
            citation: c.citation.clone(),
            action: Some(c.action.clone()),
        });
    }
    out
}

/// Byte ranges of the items that state a flight endurance, each below the lowest of entry 9A012 (30 minutes, with
/// gust tolerance; Regulation (EU) 2021/821 Annex I 9A012.a): when every item that names a drone is one of these, the
/// text's drone words name consumer goods, not a UAV end use. Only items read from the pasted text have ranges.
fn small_drone_items(ctx: &Ctx<'_>) -> Vec<(usize, usize)> {
    const FLOOR_H: f64 = 0.5;
    ctx.items
        .iter()
        .filter(|i| {
            let mut endurance = i
                .parameters
                .iter()
                .filter(|p| p.unit == "h" && (p.name.contains("flight time") || p.name.contains("endurance")))
                .peekable();
            endurance.peek().is_some() && endurance.all(|p| p.value < FLOOR_H)
        })
        .filter_map(|i| i.span.as_ref().and_then(|s| s.start.zip(s.end)))
        .collect()
}

/// Byte ranges of every item read from the pasted text.
fn item_ranges(ctx: &Ctx<'_>) -> Vec<(usize, usize)> {
    ctx.items.iter().filter_map(|i| i.span.as_ref().and_then(|s| s.start.zip(s.end))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::order::parse;
    use crate::rules::assess as assess_order;

    fn flags(t: &str) -> Vec<Flag> {
        assess_order(&parse(t), &[], &Config::default()).flags
    }

    #[test]
    fn data_parses_and_is_not_empty() {
        let r = rules();
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.categories.len() >= 8);
        for c in &r.categories {
            assert!(!c.citation.is_empty() && !c.terms.is_empty(), "{}", c.code);
            assert!(c.severity > Severity::None && c.severity_concern > Severity::None, "{}", c.code);
            for gr in &c.concern {
                assert!(geo().group(gr).is_some(), "{}: unknown group {gr}", c.code);
            }
        }
    }

    #[test]
    fn nuclear_power_station_in_pakistan_stops() {
        let f = flags("End user: Chashma Nuclear Power Plant, Chashma, Pakistan\nItems: contamination monitors");
        let n = f.iter().find(|f| f.code == "end-use.nuclear").expect("nuclear flag");
        assert_eq!(n.severity, "stop");
        assert!(n.evidence.iter().all(|s| s.start.is_some()));
    }

    #[test]
    fn nuclear_power_in_finland_reviews() {
        let f = flags("End user: Olkiluoto nuclear power plant, Eurajoki, Finland\nItems: pumps");
        assert_eq!(f.iter().find(|f| f.code == "end-use.nuclear").map(|f| f.severity.as_str()), Some("review"));
    }

    #[test]
    fn negation_and_exclusions_do_not_count() {
        let f = flags(
            "Buyer: City Hospital, Nairobi, Kenya\nEnd use: nuclear medicine department. The goods will not be used for military purposes or weapons.\nItems: navy blue scrubs",
        );
        assert!(f.iter().all(|f| !f.code.starts_with("end-use.")), "{f:#?}");
    }

    #[test]
    fn missile_end_user_to_d4_stops() {
        let f = flags("End user: National Development Complex (NDC), Islamabad, Pakistan\nItems: ring rolling machine");
        assert_eq!(f.iter().find(|f| f.code == "end-use.missile").map(|f| f.severity.as_str()), Some("stop"));
    }

    #[test]
    fn military_end_use_with_arms_embargo_stops() {
        let f = flags("Buyer: Ministry of Defence, Caracas, Venezuela\nItems: radios");
        assert_eq!(f.iter().find(|f| f.code == "end-use.military").map(|f| f.severity.as_str()), Some("stop"));
        let f = flags("Buyer: Ministry of Defence, Canberra, Australia\nItems: radios");
        assert_eq!(f.iter().find(|f| f.code == "end-use.military").map(|f| f.severity.as_str()), Some("review"));
    }

    #[test]
    fn an_end_use_word_in_a_street_name_does_not_count() {
        for t in [
            "Ship to: Minera Cerro Blanco S.A.C., Av. Ejército 710, Arequipa, Peru\nItems: safety helmets",
            "Buyer: Lahore Textiles, 12 Army Road, Lahore, Pakistan\nItems: sewing machines",
        ] {
            let f = flags(t);
            assert!(f.iter().all(|x| x.code != "end-use.military"), "{t}: {f:#?}");
        }
        let f = flags("Usuario final: Ejército del Perú, Lima\nArtículos: cascos");
        assert!(f.iter().any(|x| x.code == "end-use.military"), "{f:#?}");
    }

    #[test]
    fn drones_below_the_endurance_of_9a012_are_no_uav_end_use() {
        let f =
            flags("Buyer: Happy Toys Co., Guangzhou, China\nItems: mini camera drone, flight time 8 min, 2,000 pcs");
        assert!(f.iter().all(|x| x.code != "end-use.uav"), "{f:#?}");
        // A small drone beside another drone that states no flight time does not excuse the other.
        let f = flags(
            "Buyer: Happy Toys Co., Guangzhou, China\nItems:\n1. mini camera drone, flight time 8 min, 2,000 pcs\n\
             2. long-range fixed-wing UAV, 2 pcs",
        );
        assert!(f.iter().any(|x| x.code == "end-use.uav"), "{f:#?}");
        let f = flags("Buyer: Sky Survey Co., Guangzhou, China\nItems: fixed-wing drone, flight time 3 h, 2 pcs");
        assert!(f.iter().any(|x| x.code == "end-use.uav"), "{f:#?}");
    }

    #[test]
    fn chemical_weapons_stop_anywhere() {
        let f = flags("We need reactors for producing nerve agents.");
        assert_eq!(f.iter().find(|f| f.code == "end-use.chemical-weapons").map(|f| f.severity.as_str()), Some("stop"));
    }

    #[test]
    fn end_use_words_in_every_language() {
        for (t, code) in [
            ("Endverwender: Verteidigungsministerium, Caracas, Venezuela\nWare: Funkgeräte", "end-use.military"),
            ("Utilisateur final : ministère de la défense, Caracas, Venezuela", "end-use.military"),
            ("Usuario final: Ministerio de Defensa, Caracas, Venezuela", "end-use.military"),
            ("Конечный пользователь: Министерства обороны Республики Беларусь, Минск", "end-use.military"),
            ("Son kullanıcı: Kara Kuvvetleri Komutanlığı, Ankara, Türkiye", "end-use.military"),
            ("最终用户：中国人民解放军某部，北京", "end-use.military"),
            ("Les pièces sont destinées à une centrale nucléaire au Pakistan.", "end-use.nuclear"),
            ("Запчасти для атомной электростанции, Пакистан", "end-use.nuclear"),
            ("用于铀浓缩", "end-use.nuclear-fuel-cycle"),
        ] {
            let f = flags(t);
            assert!(f.iter().any(|x| x.code == code), "{t}: {:?}", f.iter().map(|x| &x.code).collect::<Vec<_>>());
        }
        for t in [
            "Items: marine radar, navy blue overalls",
            "Artikel: Jacke im Militärstil, olivgrün",
            "Ware: Rucola, frisch",
        ] {
            let f = flags(t);
            assert!(
                f.iter().all(|x| !x.code.starts_with("end-use.")),
                "{t}: {:?}",
                f.iter().map(|x| &x.code).collect::<Vec<_>>()
            );
        }
    }
}
