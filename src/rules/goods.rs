//! Kinds of goods (`src/data/goods.toml`): which kind an order line is (food, textiles, machinery, electronics,
//! luxury goods, ...), by its HS code or, when the order gives none, by the names orders use in seven languages.
//! The destination measures use the kinds to apply only to the goods they cover: machinery to Russia falls under
//! the annexes of Reg. 833/2014, fresh food does not.

use std::sync::OnceLock;

use serde::Deserialize;

use super::catalogue::{LanguageSource, Words};
use super::terms::{self, TermSet};
use super::vocab::{read_document, read_entries};
use crate::order::Item;
use crate::text;

/// One kind of goods.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub hs: Vec<String>,
    #[serde(default)]
    pub not_hs: Vec<String>,
    #[serde(default)]
    pub words: Vec<Words>,
    pub citation: String,
}

crate::data::readable!(Kind { code, title, hs: default, not_hs: default, words: default, citation });

/// The kinds, with their names indexed.
#[derive(Debug, Default)]
pub struct Goods {
    pub kinds: Vec<Kind>,
    pub languages: Vec<LanguageSource>,
    names: TermSet<usize>,
    pub errors: Vec<String>,
}

const FILE: &str = "src/data/goods.toml";

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

impl Goods {
    /// Reads the kinds from the embedded JSON form of `src/data/goods.toml`.
    pub fn from_json(json: &str) -> Result<Goods, String> {
        let doc = read_document(FILE, json, &["language", "goods"])?;
        let mut g = Goods {
            languages: read_entries(FILE, &doc, "language", "lang")?,
            kinds: read_entries(FILE, &doc, "goods", "code")?,
            ..Goods::default()
        };
        for (i, k) in g.kinds.iter().enumerate() {
            for w in &k.words {
                if !g.languages.iter().any(|l| l.lang == w.lang) {
                    return Err(format!(
                        "{FILE}: [[goods]] \"{}\": names in {:?} without a [[language]] source",
                        k.code, w.lang
                    ));
                }
                for t in &w.terms {
                    g.names.add(t, i);
                }
            }
            if let Some(h) = k.hs.iter().chain(&k.not_hs).find(|h| !matches!(digits(h).len(), 2 | 4 | 6 | 8 | 10)) {
                return Err(format!(
                    "{FILE}: [[goods]] \"{}\": \"{h}\" is not an HS chapter, heading or subheading",
                    k.code
                ));
            }
        }
        Ok(g)
    }

    pub fn kind(&self, code: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    /// The kind of an HS code: the kind with the longest matching chapter or heading (none when a `not_hs`
    /// subheading of it matches).
    pub fn kind_of_hs(&self, hs: &str) -> Option<usize> {
        let d = digits(hs);
        if d.len() < 2 {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, k) in self.kinds.iter().enumerate() {
            if k.not_hs.iter().any(|n| d.starts_with(&digits(n))) {
                continue;
            }
            for h in &k.hs {
                let hd = digits(h);
                if d.starts_with(&hd) && best.is_none_or(|(_, l)| hd.len() > l) {
                    best = Some((i, hd.len()));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    /// The kinds whose names occur in `s`, with the words found, in text order (each kind once).
    pub fn kinds_named(&self, s: &str) -> Vec<(usize, String)> {
        let toks = text::tokens(s);
        self.kinds_named_in(s, &toks, &terms::keys(&toks))
    }

    /// [`Goods::kinds_named`], given the text's tokens and their [`terms::keys`].
    pub fn kinds_named_in(&self, s: &str, toks: &[text::Token], keys: &[String]) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for f in self.names.find_longest(s, toks, keys) {
            if !out.iter().any(|(k, _)| *k == f.value) {
                out.push((f.value, s.get(f.start..f.end).unwrap_or_default().to_string()));
            }
        }
        out
    }
}

/// The kinds, parsed on first use.
pub fn goods() -> &'static Goods {
    static G: OnceLock<Goods> = OnceLock::new();
    G.get_or_init(|| {
        Goods::from_json(crate::data::GOODS.text()).unwrap_or_else(|e| Goods { errors: vec![e], ..Goods::default() })
    })
}

/// How an item's kinds were found.
#[derive(Clone, Debug, PartialEq)]
pub enum By {
    /// Its HS code.
    Hs(String),
    /// Names in its description.
    Words(Vec<String>),
}

/// The kinds of one item (indexes into [`Goods::kinds`]); empty when neither its HS code nor its words say.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemKinds {
    pub kinds: Vec<usize>,
    pub by: By,
}

/// The kinds of an item: by its HS code when it has one the kinds know, else by the names in its description.
pub fn classify(item: &Item) -> ItemKinds {
    let g = goods();
    if let Some(hs) = item.hs.as_deref().filter(|h| digits(h).len() >= 2) {
        if let Some(k) = g.kind_of_hs(hs) {
            return ItemKinds { kinds: vec![k], by: By::Hs(hs.to_string()) };
        }
        return ItemKinds { kinds: vec![], by: By::Hs(hs.to_string()) };
    }
    let named = g.kinds_named(&item.description);
    ItemKinds {
        kinds: named.iter().map(|(k, _)| *k).collect(),
        by: By::Words(named.into_iter().map(|(_, w)| w).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::vocab::Lang;

    fn kinds(desc: &str, hs: Option<&str>) -> Vec<String> {
        let it = Item { description: desc.into(), hs: hs.map(str::to_string), ..Item::default() };
        classify(&it).kinds.into_iter().filter_map(|k| goods().kinds.get(k).map(|x| x.code.clone())).collect()
    }

    #[test]
    fn data_parses_and_is_cited() {
        let g = goods();
        assert!(g.errors.is_empty(), "{:?}", g.errors);
        for l in Lang::ALL {
            assert!(g.languages.iter().any(|s| s.lang == l && !s.source.is_empty()), "no source for {l:?}");
        }
        for k in &g.kinds {
            assert!(!k.citation.is_empty(), "{}", k.code);
            for l in Lang::ALL {
                assert!(k.words.iter().any(|w| w.lang == l && !w.terms.is_empty()), "{}: no names in {l:?}", k.code);
            }
        }
    }

    #[test]
    fn classify_by_hs_code_longest_prefix() {
        assert_eq!(kinds("Beluga caviar", Some("1604.31")), ["luxury"]);
        assert_eq!(kinds("Canned tuna", Some("1604.14")), ["food"]);
        assert_eq!(kinds("Vacuum pump", Some("8414.10.00")), ["machinery"]);
        assert_eq!(kinds("Office chairs", Some("9401.30")), Vec::<String>::new());
    }

    #[test]
    fn classify_by_words_in_every_language() {
        for (d, want) in [
            ("Fresh apples, class I, 20 t", "food"),
            ("Frische Äpfel, Klasse I", "food"),
            ("pommes fraîches", "food"),
            ("свежие яблоки, 20 т", "food"),
            ("taze elma", "food"),
            ("新鲜苹果 20吨", "food"),
            ("Cotton T-shirts, assorted sizes", "textiles"),
            ("Vakuumpumpe, Saugvermögen 1.200 m³/h", "machinery"),
            ("pompe à vide", "machinery"),
            ("bomba de vacío", "machinery"),
            ("вакуумные насосы", "machinery"),
            ("vakum pompası", "machinery"),
            ("涡轮分子真空泵", "machinery"),
            // Drives and controllers of automation lines (HS 85.01, 85.04.40, 85.37.10), in every language.
            ("12 industrial servo drives, 7.5 kW", "electrical"),
            ("30 adet programlanabilir lojik kontrolör (PLC)", "electrical"),
            ("Servoantriebe mit Servomotoren", "electrical"),
            ("automates programmables, 20 unités", "electrical"),
            ("autómatas programables", "electrical"),
            ("сервоприводы 7,5 кВт", "electrical"),
            ("伺服驱动器 20 台", "electrical"),
        ] {
            assert!(kinds(d, None).contains(&want.to_string()), "{d}: {:?}", kinds(d, None));
        }
        assert!(kinds("Meat grinder, stainless", None).contains(&"equipment".to_string()));
        assert!(kinds("Consulting services", None).is_empty());
    }

    /// A name of one kind must not read as a name of another ("elmas", diamond, would read as "elma", apple).
    #[test]
    fn names_of_different_kinds_do_not_collide() {
        let g = goods();
        let mut seen: std::collections::HashMap<Vec<String>, (String, String)> = std::collections::HashMap::new();
        let mut clashes = Vec::new();
        for k in &g.kinds {
            for t in k.words.iter().flat_map(|w| &w.terms) {
                let key: Vec<String> = text::tokens(t).iter().map(|x| terms::word_key(&x.norm)).collect();
                if let Some((other, ot)) = seen.get(&key) {
                    if *other != k.code {
                        clashes.push(format!("{} \"{t}\" / {other} \"{ot}\"", k.code));
                    }
                } else {
                    seen.insert(key, (k.code.clone(), t.clone()));
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }
}
