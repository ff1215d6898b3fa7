//! The geography foundation, below every stage: for the list parsers, the order parser and the destination rules: country names and codes, a gazetteer of cities,
//! ports and free zones, country groups and transshipment hubs. The destination measures are rules
//! (`src/rules/destination.rs`, `src/data/measures.toml`).
//!
//! Data: `src/data/countries.toml` (names, groups, hubs, each cited) and
//! `src/data/cities.toml` (the gazetteer). Parsed once; a data error is reported by [`Geo::errors`] and turned
//! into a flag by the rules instead of a panic.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

pub(crate) mod country_names;

use crate::text::{self, Found, PhraseSet};

/// A named group of countries (EAR Country Groups, non-NPT states, arms embargoes, ...).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub code: String,
    pub title: String,
    pub members: Vec<String>,
    #[serde(default)]
    pub verify: bool,
    #[serde(default)]
    pub note: Option<String>,
    pub citation: String,
}

/// A transshipment hub and the destinations goods are often diverted to from it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    pub country: String,
    pub diverts_to: Vec<String>,
    pub citation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryNames {
    code: String,
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    group: Vec<Group>,
    hub: Vec<Hub>,
    country: Vec<CountryNames>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CityBlock {
    code: String,
    cities: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CitiesFile {
    country: Vec<CityBlock>,
}

/// What a place name in the text stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    /// "Pakistani", "Iranian": only a hint.
    Adjective,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// ISO-2 code.
    pub code: String,
    pub kind: PlaceKind,
}

/// All geography, parsed once.
#[derive(Debug, Default)]
pub struct Geo {
    pub groups: Vec<Group>,
    pub hubs: Vec<Hub>,
    codes: HashSet<String>,
    display: HashMap<String, String>,
    by_name: HashMap<String, String>,
    places: PhraseSet<Place>,
    city_count: usize,
    errors: Vec<String>,
}

impl Geo {
    fn load() -> Geo {
        let mut g = Geo::default();
        match crate::data::read::<CountriesFile>(crate::data::COUNTRIES) {
            Ok(f) => {
                for c in &f.country {
                    g.codes.insert(c.code.clone());
                    if let Some(first) = c.names.first() {
                        g.display.insert(c.code.clone(), first.clone());
                    }
                    for n in &c.names {
                        g.by_name.insert(text::words(n).join(" "), c.code.clone());
                        g.places.add(n, Place { code: c.code.clone(), kind: PlaceKind::Country }, true);
                    }
                    for a in &c.adjectives {
                        g.places.add(a, Place { code: c.code.clone(), kind: PlaceKind::Adjective }, true);
                    }
                }
                g.groups = f.group;
                g.hubs = f.hub;
            }
            Err(e) => g.errors.push(format!("src/data/countries.toml: {e}")),
        }
        match crate::data::read::<CitiesFile>(crate::data::CITIES) {
            Ok(f) => {
                for b in &f.country {
                    for c in &b.cities {
                        g.places.add(c, Place { code: b.code.clone(), kind: PlaceKind::City }, true);
                        g.city_count += 1;
                    }
                }
            }
            Err(e) => g.errors.push(format!("src/data/cities.toml: {e}")),
        }
        g
    }

    /// Data errors (empty when both files parsed).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    pub fn is_code(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// The country's usual English name, or the code itself.
    pub fn name(&self, code: &str) -> String {
        self.display.get(code).cloned().unwrap_or_else(|| code.to_string())
    }

    /// ISO-2 code for a country name written in full ("Iran (Islamic Republic of)", "Türkiye", "UAE").
    pub fn code_for_name(&self, name: &str) -> Option<String> {
        let key = text::words(name).join(" ");
        if let Some(c) = self.by_name.get(&key) {
            return Some(c.clone());
        }
        let stripped = key.strip_prefix("the ").unwrap_or(&key);
        self.by_name.get(stripped).cloned()
    }

    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    pub fn in_group(&self, country: &str, group: &str) -> bool {
        self.group(group).is_some_and(|g| g.members.iter().any(|m| m == country))
    }

    /// The EAR country groups (D:x, E:x) the country belongs to.
    pub fn ear_groups(&self, country: &str) -> Vec<String> {
        self.groups
            .iter()
            .filter(|g| {
                (g.code.starts_with("D:") || g.code.starts_with("E:")) && g.members.iter().any(|m| m == country)
            })
            .map(|g| g.code.clone())
            .collect()
    }

    pub fn hub(&self, country: &str) -> Option<&Hub> {
        self.hubs.iter().find(|h| h.country == country)
    }

    /// Place names (countries, cities, adjectives) in `s`, left to right, longest first.
    pub fn places_in(&self, s: &str) -> Vec<Found<Place>> {
        let toks = text::tokens(s);
        self.places.find_longest(s, &toks)
    }

    /// Place names among already computed tokens of `s`.
    pub fn places_in_tokens(&self, s: &str, toks: &[text::Token]) -> Vec<Found<Place>> {
        self.places.find_longest(s, toks)
    }

    /// The place starting at token `i`, if any.
    pub fn place_at(&self, s: &str, toks: &[text::Token], i: usize) -> Option<Found<Place>> {
        self.places.longest_at(s, toks, i)
    }

    /// The country an address (or any short text) is in: the last country written; else the last city; else a
    /// trailing ISO code ("Lahore, PK"). Adjectives do not count.
    pub fn country_of(&self, s: &str) -> Option<String> {
        let found = self.places_in(s);
        if let Some(c) = found.iter().rev().find(|f| f.value.kind == PlaceKind::Country) {
            return Some(c.value.code.clone());
        }
        if let Some(c) = found.iter().rev().find(|f| f.value.kind == PlaceKind::City) {
            return Some(c.value.code.clone());
        }
        let last = s.trim_end_matches(|c: char| c.is_whitespace() || c == '.' || c == ')');
        let tail: String = last.chars().rev().take_while(|c| c.is_ascii_alphabetic()).collect();
        let before = last.chars().rev().nth(tail.chars().count());
        if tail.len() == 2
            && tail.chars().all(|c| c.is_ascii_uppercase())
            && before.is_none_or(|c| !c.is_alphanumeric())
        {
            let code: String = tail.chars().rev().collect();
            if self.is_code(&code) {
                return Some(code);
            }
        }
        None
    }

    pub fn city_count(&self) -> usize {
        self.city_count
    }

    pub fn country_count(&self) -> usize {
        self.codes.len()
    }
}

/// The geography, parsed on first use.
pub fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(Geo::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_parses_and_is_not_empty() {
        let g = geo();
        assert!(g.errors().is_empty(), "{:?}", g.errors());
        assert!(g.country_count() >= 240, "{}", g.country_count());
        assert!(g.city_count() >= 300, "{}", g.city_count());
        assert!(!g.groups.is_empty() && !g.hubs.is_empty());
        for gr in &g.groups {
            for c in &gr.members {
                assert!(g.is_code(c), "{}: unknown country {c}", gr.code);
            }
        }
        for h in &g.hubs {
            assert!(g.is_code(&h.country) && h.diverts_to.iter().all(|c| g.is_code(c)));
        }
    }

    #[test]
    fn code_for_name_variants() {
        let g = geo();
        assert_eq!(g.code_for_name("Iran (Islamic Republic of)").as_deref(), Some("IR"));
        assert_eq!(g.code_for_name("Türkiye").as_deref(), Some("TR"));
        assert_eq!(g.code_for_name("Turkey").as_deref(), Some("TR"));
        assert_eq!(g.code_for_name("Russian Federation").as_deref(), Some("RU"));
        assert_eq!(g.code_for_name("UAE").as_deref(), Some("AE"));
        assert_eq!(g.code_for_name("DPRK").as_deref(), Some("KP"));
        assert_eq!(g.code_for_name("North Korea").as_deref(), Some("KP"));
        assert_eq!(g.code_for_name("the Netherlands").as_deref(), Some("NL"));
        assert_eq!(g.code_for_name("Atlantis"), None);
    }

    #[test]
    fn country_of_address() {
        let g = geo();
        assert_eq!(g.country_of("50 Akbari Road, Lahore, Pakistan").as_deref(), Some("PK"));
        assert_eq!(g.country_of("50 Akbari Road, New Anarkali, Lahore").as_deref(), Some("PK"));
        assert_eq!(g.country_of("Zelenograd, Moscow").as_deref(), Some("RU"));
        assert_eq!(g.country_of("Fateh Jang").as_deref(), Some("PK"));
        assert_eq!(g.country_of("Jebel Ali Free Zone").as_deref(), Some("AE"));
        assert_eq!(g.country_of("Unit 5, 12 Nathan Road, Kowloon, Hong Kong").as_deref(), Some("HK"));
        assert_eq!(g.country_of("Street 5, Lahore, PK").as_deref(), Some("PK"));
        assert_eq!(g.country_of("Atlanta, Georgia, USA").as_deref(), Some("US"));
        assert_eq!(g.country_of("some street"), None);
    }

    #[test]
    fn groups_membership() {
        let g = geo();
        assert!(g.in_group("PK", "D:4"));
        assert!(g.in_group("PK", "non-NPT"));
        assert!(!g.in_group("DE", "D:1"));
        assert_eq!(g.hub("AE").map(|h| h.diverts_to.contains(&"PK".to_string())), Some(true));
    }
}
