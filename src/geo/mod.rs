//! The geography foundation, below every stage: for the list parsers, the order parser and the destination rules: country names and codes, a gazetteer of cities,
//! ports and free zones, country groups and transshipment hubs. The destination measures are rules
//! (`src/rules/destination.rs`, `src/data/measures.toml`).
//!
//! Data: `src/data/countries.toml` (names, groups, hubs, each cited) and
//! `src/data/cities.toml` (the gazetteer). Parsed once; a data error is reported by [`Geo::errors`] and turned
//! into a flag by the rules instead of a panic.

use crate::text::case::Case as _;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

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

/// One country's names (`[[country]]`), grouped by where they come from.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct CountryNames {
    code: String,
    /// The usual English short name, shown in messages.
    name: String,
    #[serde(default)]
    iso: Vec<String>,
    #[serde(default)]
    local: Vec<String>,
    #[serde(default)]
    other: Vec<String>,
    #[serde(default)]
    subdivisions: Vec<String>,
    /// Spellings only list files write: read in country fields, never looked for in order text.
    #[serde(default)]
    lists: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    /// Case forms running text writes ("в России"): looked for in text, like the names.
    #[serde(default)]
    inflected: Vec<String>,
}

/// The citation of each group of country spellings (`[spellings]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spellings {
    pub name: String,
    pub iso: String,
    pub local: String,
    pub other: String,
    pub subdivisions: String,
    pub lists: String,
    pub adjectives: String,
    pub inflected: String,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    group: Vec<Group>,
    hub: Vec<Hub>,
    spellings: Spellings,
    country: Vec<CountryNames>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct CityBlock {
    code: String,
    cities: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct CitiesFile {
    streets: Streets,
    country: Vec<CityBlock>,
}

/// Street types (`[streets]` of src/data/cities.toml), written before a street's name and after it.
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct Streets {
    before: Vec<String>,
    after: Vec<String>,
}

crate::data::readable!(Group { code, title, members, verify: default, note: default, citation });
crate::data::readable!(Hub { country, diverts_to, citation });
crate::data::readable!(CountryNames {
    code,
    name,
    iso: default,
    local: default,
    other: default,
    subdivisions: default,
    lists: default,
    adjectives: default,
    inflected: default,
});
crate::data::readable!(Spellings { name, iso, local, other, subdivisions, lists, adjectives, inflected });
crate::data::readable!(CountriesFile { group, hub, spellings, country });
crate::data::readable!(CityBlock { code, cities });
crate::data::readable!(Streets { before, after });
crate::data::readable!(CitiesFile { streets, country });

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

/// The case forms Russian running text gives a city name written in the nominative ("через Стамбул", "в Стамбуле",
/// "из Екатеринбурга", "в Рязани"), by the regular declension of its ending (Зализняк, «Грамматический словарь
/// русского языка», types 1a, 1d, 8a). Names in other scripts, and indeclinable endings (Алматы, Осло), get none.
fn russian_case_forms(name: &str) -> Vec<String> {
    let Some(last) = name.chars().last() else { return Vec::new() };
    if !('\u{0430}'..='\u{044F}').contains(&last) {
        return Vec::new();
    }
    let stem = name.get(..name.len() - last.len_utf8()).unwrap_or(name);
    let soft_before = stem.chars().last().is_some_and(|c| "кгхжшчщ".contains(c));
    let (base, endings): (&str, &[&str]) = match last {
        'а' if soft_before => (stem, &["и", "е", "у", "ой"]),
        'а' => (stem, &["ы", "е", "у", "ой"]),
        'я' => (stem, &["и", "е", "ю", "ей"]),
        'ь' => (stem, &["и", "ью"]),
        'й' => (stem, &["я", "ю", "е", "ем"]),
        'о' | 'е' | 'ы' | 'и' | 'у' | 'ю' | 'э' => (stem, &[]),
        _ => (name, &["а", "у", "е", "ом"]),
    };
    endings.iter().map(|e| [base, e].concat()).collect()
}

/// All geography, parsed once.
#[derive(Debug, Default)]
pub struct Geo {
    pub groups: Vec<Group>,
    pub hubs: Vec<Hub>,
    pub spellings: Spellings,
    codes: HashSet<String>,
    display: HashMap<String, String>,
    /// [`name_key`] of every spelling and adjective → ISO-2 code.
    by_key: HashMap<String, String>,
    places: PhraseSet<Place>,
    /// Names written in Han characters, found inside a run of Chinese text, which has no spaces between words
    /// ("广东省深圳市宝安区" holds 深圳), and the longest of them in characters.
    han: HashMap<String, Place>,
    han_longest: usize,
    /// The token keys of short one-word names that only their letters with diacritics tell from a common
    /// abbreviation ("Çad", Chad in Turkish, and "Cad.", Turkish for "Caddesi", street, in every address): written
    /// without them, no place.
    marked_only: HashSet<String>,
    city_count: usize,
    /// Street types written before a street's name ("av", "ул") and after it ("road", "caddesi"), folded.
    street_before: HashSet<String>,
    street_after: HashSet<String>,
    errors: Vec<String>,
}

impl Geo {
    fn load() -> Geo {
        let mut g = Geo::default();
        match crate::data::read_embedded::<CountriesFile>(crate::data::COUNTRIES.text()) {
            Ok(f) => {
                for c in &f.country {
                    g.codes.insert(c.code.clone());
                    g.display.insert(c.code.clone(), c.name.clone());
                    let place = |kind| Place { code: c.code.clone(), kind };
                    let names = std::iter::once(&c.name).chain(&c.iso).chain(&c.local).chain(&c.other);
                    for n in names.chain(&c.subdivisions).chain(&c.inflected) {
                        g.add_place(n, place(PlaceKind::Country));
                    }
                    for a in &c.adjectives {
                        g.add_place(a, place(PlaceKind::Adjective));
                    }
                    let all = std::iter::once(&c.name).chain(&c.iso).chain(&c.local).chain(&c.other);
                    for n in all.chain(&c.subdivisions).chain(&c.lists).chain(&c.adjectives).chain(&c.inflected) {
                        match g.by_key.entry(name_key(n)) {
                            std::collections::hash_map::Entry::Vacant(v) => {
                                v.insert(c.code.clone());
                            }
                            std::collections::hash_map::Entry::Occupied(o) if o.get() != &c.code => {
                                g.errors.push(format!(
                                    "src/data/countries.toml: \"{n}\" is a name of both {} and {}",
                                    o.get(),
                                    c.code
                                ));
                            }
                            std::collections::hash_map::Entry::Occupied(_) => {}
                        }
                    }
                }
                g.spellings = f.spellings;
                g.groups = f.group;
                g.hubs = f.hub;
            }
            Err(e) => g.errors.push(format!("src/data/countries.toml: {e}")),
        }
        match crate::data::read_embedded::<CitiesFile>(crate::data::CITIES.text()) {
            Ok(f) => {
                g.street_before = f.streets.before.iter().map(|w| text::fold(w)).collect();
                g.street_after = f.streets.after.iter().map(|w| text::fold(w)).collect();
                for b in &f.country {
                    for c in &b.cities {
                        g.add_place(c, Place { code: b.code.clone(), kind: PlaceKind::City });
                        for form in russian_case_forms(c) {
                            g.add_place(&form, Place { code: b.code.clone(), kind: PlaceKind::City });
                        }
                        g.city_count += 1;
                    }
                }
            }
            Err(e) => g.errors.push(format!("src/data/cities.toml: {e}")),
        }
        g
    }

    fn add_place(&mut self, name: &str, place: Place) {
        let toks = text::tokens(name);
        if let [t] = toks.as_slice() {
            if !name.is_ascii() && t.norm.is_ascii() && t.norm.len() <= 3 && name.chars().all(char::is_alphabetic) {
                self.marked_only.insert(t.norm.clone());
            }
        }
        if name.chars().any(is_han) {
            self.han_longest = self.han_longest.max(name.chars().count());
            self.han.insert(name.to_string(), place.clone());
        }
        self.places.add(name, place, true);
    }

    /// Places written in Han characters inside token `i` (a run of Chinese text), left to right, longest first.
    fn han_places_in(&self, s: &str, toks: &[text::Token], i: usize, out: &mut Vec<Found<Place>>) {
        let Some(t) = toks.get(i) else { return };
        let Some(w) = s.get(t.start..t.end) else { return };
        if self.han.is_empty() || !w.chars().any(is_han) {
            return;
        }
        let at: Vec<usize> = w.char_indices().map(|(b, _)| b).chain(std::iter::once(w.len())).collect();
        let chars = at.len() - 1;
        let mut a = 0;
        while a < chars {
            let longest = self.han_longest.min(chars - a);
            let found = (2..=longest).rev().find_map(|n| {
                let (from, to) = (*at.get(a)?, *at.get(a + n)?);
                self.han.get(w.get(from..to)?).map(|p| (n, from, to, p.clone()))
            });
            match found {
                Some((n, from, to, value)) => {
                    out.push(Found { first: i, last: i + 1, start: t.start + from, end: t.start + to, value });
                    a += n;
                }
                None => a += 1,
            }
        }
    }

    /// Whether a place found is written with the diacritics its name needs ([`Geo::marked_only`]).
    fn as_marked(&self, s: &str, f: &Found<Place>) -> bool {
        let written = s.get(f.start..f.end).unwrap_or_default();
        f.last - f.first != 1 || !written.is_ascii() || !self.marked_only.contains(&text::fold(written))
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

    /// ISO-2 code for a code or a country name as orders and lists write it ("Iran (Islamic Republic of)",
    /// "Korea, North", "Türkiye", "UAE", "Former USSR, now Ukraine"); see [`iso2`].
    fn lookup(&'static self, t: &str, depth: u8) -> Option<&'static str> {
        if depth > 3 {
            return None;
        }
        if let Some(code) = self.by_key.get(&name_key(t)) {
            return Some(code.as_str());
        }
        let lower = t.to_lower();
        // "Former USSR, now Ukraine", "Kazakh SSR (now Kazakhstan)", "Former USSR Currently Belarus"
        for marker in ["now ", "currently "] {
            if let Some(pos) = lower.rfind(marker) {
                let rest = t.get(pos + marker.len()..).unwrap_or("").trim_end_matches(')');
                if let Some(c) = self.lookup(rest, depth + 1) {
                    return Some(c);
                }
            }
        }
        if let Some(rest) = lower.strip_prefix("region:") {
            return self.lookup(rest, depth + 1);
        }
        // "Turkey (Turkiye)", "Iraq (previous address)", "Ukrainian SSR (Ukraine)": outside first, then inside.
        if let (Some(open), Some(close)) = (t.find('('), t.rfind(')')) {
            if open < close {
                let outside = format!("{} {}", t.get(..open).unwrap_or(""), t.get(close + 1..).unwrap_or(""));
                if let Some(c) = self.lookup(outside.trim(), depth + 1) {
                    return Some(c);
                }
                if let Some(c) = self.lookup(t.get(open + 1..close).unwrap_or(""), depth + 1) {
                    return Some(c);
                }
            }
        }
        None
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
        self.places_in_tokens(s, &toks)
    }

    /// Place names among already computed tokens of `s`; inside a run of Chinese text, every place it holds.
    pub fn places_in_tokens(&self, s: &str, toks: &[text::Token]) -> Vec<Found<Place>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(f) = self.places.longest_at(s, toks, i).filter(|f| self.as_marked(s, f)) {
                i = f.last;
                out.push(f);
                continue;
            }
            self.han_places_in(s, toks, i, &mut out);
            i += 1;
        }
        out
    }

    /// The place starting at token `i` (or, in a run of Chinese text, the first place inside it), if any.
    pub fn place_at(&self, s: &str, toks: &[text::Token], i: usize) -> Option<Found<Place>> {
        if let Some(f) = self.places.longest_at(s, toks, i).filter(|f| self.as_marked(s, f)) {
            return Some(f);
        }
        let mut inside = Vec::new();
        self.han_places_in(s, toks, i, &mut inside);
        inside.into_iter().next()
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

/// CJK Unified Ideographs (with extension A and the compatibility block).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The geography, parsed on first use.
/// Whether the words at tokens `first..last` of `text` are (part of) a street name (an end-use word there, or a
/// person's name, is part of an address): a street type (`[streets]` of src/data/cities.toml) right before them
/// (after at most one word such as "de", "del"), or right after them, on the same line and in the same part between
/// commas.
pub fn in_street_name(text: &str, toks: &[text::Token], first: usize, last: usize) -> bool {
    let g = geo();
    let is = |i: usize, words: &HashSet<String>| toks.get(i).is_some_and(|t| words.contains(&t.norm));
    let same_line = |a: usize, b: usize| match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => !text.get(x.end..y.start).unwrap_or_default().contains(['\n', ',']),
        _ => false,
    };
    let before = (first.saturating_sub(2)..first).any(|i| is(i, &g.street_before) && same_line(i, first));
    before || (is(last, &g.street_after) && same_line(first, last))
}

pub fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(Geo::load)
}

/// The one name-to-code function: the ISO-2 code for a two-letter code (any case) or a country name as orders
/// and lists write it ("Iran (Islamic Republic of)", "Korea, North", "Congo, Democratic Republic of the",
/// "Türkiye", "UAE", "UK", "Former USSR, now Ukraine", "Region: Crimea"); `None` when unknown, empty or a
/// placeholder ("-0-", "undetermined", "00").
pub fn iso2(name: &str) -> Option<&'static str> {
    let g = geo();
    let t = name.trim().trim_end_matches('.').trim();
    if t.is_empty() {
        return None;
    }
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        if let Some(code) = g.codes.get(t.to_ascii_uppercase().as_str()) {
            return Some(code.as_str());
        }
    }
    g.lookup(t, 0)
}

/// Whether `code` is an ISO-2 code of the table (upper case).
pub fn is_code(code: &str) -> bool {
    geo().is_code(code)
}

/// The key by which a country name is looked up: its folded words ([`text::fold`], with apostrophes and dots
/// dropped first, so "People's" is "peoples" and "U.S.A." is "usa") without "the", "of" and "and", sorted, so
/// "Congo, Democratic Republic of the" and "Democratic Republic of the Congo" meet.
fn name_key(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !matches!(c, '\'' | '’' | '.')).collect();
    let folded = text::fold(&cleaned);
    let mut words: Vec<&str> = folded.split_whitespace().filter(|w| !matches!(*w, "the" | "of" | "and")).collect();
    crate::sort::sort(&mut words);
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_case_forms_of_city_names() {
        let city = |s: &str| geo().country_of(s);
        for s in ["через Стамбул", "в Стамбуле", "из Екатеринбурга", "в Рязани", "в Ташкенте", "в Москве"]
        {
            assert!(city(s).is_some(), "{s}");
        }
        assert_eq!(city("груз через Стамбул").as_deref(), Some("TR"));
        assert!(russian_case_forms("Алматы").is_empty());
        assert!(russian_case_forms("Istanbul").is_empty());
        assert_eq!(russian_case_forms("Москва"), ["Москвы", "Москве", "Москву", "Москвой"]);
    }

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
    fn iso2_reads_order_and_list_spellings() {
        for (name, code) in [
            ("Iran (Islamic Republic of)", "IR"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Russian Federation", "RU"),
            ("UAE", "AE"),
            ("UK", "GB"),
            ("DPRK", "KP"),
            ("North Korea", "KP"),
            ("the Netherlands", "NL"),
            ("Korea, North", "KP"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Congo, Democratic Republic of the", "CD"),
            ("Democratic Republic of the Congo", "CD"),
            ("Congo (Democratic Republic)", "CD"),
            ("Turkey (Turkiye)", "TR"),
            ("Palestinian", "PS"),
            ("Former USSR, now Ukraine", "UA"),
            ("Kazakh SSR (now Kazakhstan)", "KZ"),
            ("Region: Crimea", "UA"),
            ("Bahamas, The", "BS"),
            ("Bosnia-Herzegovina", "BA"),
            ("People’s Republic of China", "CN"),
            ("pk", "PK"),
            ("Iraq (previous address)", "IQ"),
            ("Russia.", "RU"),
            ("Moldova, Repubic of", "MD"),
            ("Netherlands Antilles", "AN"),
            ("Россия", "RU"),
        ] {
            assert_eq!(iso2(name), Some(code), "{name}");
        }
    }

    #[test]
    fn iso2_rejects_placeholders() {
        for name in ["", "-0-", "undetermined", "00", "Fishing Vessels", "ZZ", "Atlantis"] {
            assert_eq!(iso2(name), None, "{name}");
        }
    }

    #[test]
    fn spellings_are_cited_and_list_spellings_stay_out_of_text() {
        let g = geo();
        let s = &g.spellings;
        for (group, citation) in [
            ("name", &s.name),
            ("iso", &s.iso),
            ("local", &s.local),
            ("other", &s.other),
            ("subdivisions", &s.subdivisions),
            ("lists", &s.lists),
            ("adjectives", &s.adjectives),
            ("inflected", &s.inflected),
        ] {
            assert!(citation.len() > 20, "[spellings] {group} has no citation");
        }
        // "CAR" is how a list writes the Central African Republic; in an order it is a car.
        assert_eq!(iso2("CAR"), Some("CF"));
        assert!(g.places_in("CAR PARTS for a CAR").is_empty());
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
        assert_eq!(g.country_of("广东省深圳市宝安区").as_deref(), Some("CN"));
        assert_eq!(g.country_of("莫斯科 OOO Mikrotekh").as_deref(), Some("RU"));
        assert_eq!(g.country_of("伊朗德黑兰").as_deref(), Some("IR"));
        assert_eq!(g.country_of("Moskova, Rusya").as_deref(), Some("RU"));
        assert_eq!(g.country_of("для нашего клиента в России").as_deref(), Some("RU"));
    }

    #[test]
    fn short_names_need_their_diacritics() {
        let g = geo();
        // "Cad." is Turkish for "Caddesi" (street), in every address; "Çad" is Chad.
        assert_eq!(g.country_of("Kosgeb Cad. No: 27, Karatay / KONYA").as_deref(), Some("TR"));
        assert_eq!(g.country_of("Atatürk Cad. 12").as_deref(), None);
        assert_eq!(g.country_of("N'Djamena, Çad").as_deref(), Some("TD"));
        assert_eq!(g.country_of("Şam").as_deref(), Some("SY"));
        assert_eq!(g.country_of("Sam Wilson"), None);
    }

    #[test]
    fn country_and_city_names_in_other_languages() {
        let g = geo();
        for (s, code) in [
            ("über unser Lager in Litauen", "LT"),
            ("через склад в Литве", "LT"),
            ("1740 Luxemburg", "LU"),
            ("livraison depuis Beyrouth", "LB"),
            ("nach Bischkek", "KG"),
            ("Karaçi'deki bir müşterimiz", "PK"),
            ("г. Ижевск", "RU"),
        ] {
            assert_eq!(g.country_of(s).as_deref(), Some(code), "{s}");
        }
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
