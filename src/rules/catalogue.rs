//! The control-list catalogue as data (`src/data/controls.toml`): EU Reg. 2021/821 Annex I entries and the
//! Common Military List, each cited, with their wording in English, German, French, Spanish, Russian, Turkish and
//! Chinese (`[[entry.words]]`, each language with its source in `[[language]]`), the notes and exclusions of the
//! entries (`[[entry.note]]`), the parameters they test and the names those parameters go by in each language
//! (`[[parameter]]`), and the unlisted "watch items". [`super::items`] classifies items against it.

use std::sync::OnceLock;

use serde::Deserialize;

use super::terms::{is_cjk, word_key, TermSet};
use super::vocab::{read_document, read_entries, Comparator, Lang, Logic, ParamRole};
use crate::text;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    pub name: String,
    /// Words of the parameter's name as orders write it, in English; `[[parameter]]` adds the other languages.
    pub keys: Vec<String>,
    pub cmp: Comparator,
    pub value: f64,
    pub unit: String,
    #[serde(default)]
    pub role: ParamRole,
    #[serde(default)]
    pub specific: bool,
    #[serde(default)]
    pub density: Option<f64>,
    pub meaning: String,
    #[serde(default)]
    pub verify: bool,
    /// `keys` and their translations, as matching keys (filled when the catalogue is read).
    #[serde(skip)]
    pub names: Vec<String>,
}

/// Wording of an entry (or a watch item) in one language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub lang: Lang,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub weak: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// A note or exclusion of an entry: wording that shows the goods are released by it, and the note it rests on.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDef {
    /// What the note says, in our words.
    pub says: String,
    /// Wording (any language) that shows the note applies to the item.
    pub terms: Vec<String>,
    /// Wording that shows it does not, whatever `terms` say ("tow", "prepreg": the fibre itself, not an article).
    #[serde(default)]
    pub unless: Vec<String>,
    pub citation: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDef {
    pub entry: String,
    pub title: String,
    #[serde(default)]
    pub eccn: Vec<String>,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub weak: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    #[serde(default)]
    pub words: Vec<Words>,
    #[serde(default)]
    pub note: Vec<NoteDef>,
    #[serde(default)]
    pub hs: Vec<String>,
    #[serde(default)]
    pub base: Option<f64>,
    #[serde(default)]
    pub named: bool,
    #[serde(default)]
    pub param: Vec<ParamDef>,
    #[serde(default)]
    pub logic: Logic,
    pub question: String,
    #[serde(default)]
    pub unusual_qty: Option<f64>,
    pub citation: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchDef {
    pub code: String,
    pub title: String,
    pub terms: Vec<String>,
    #[serde(default)]
    pub words: Vec<Words>,
    pub concern: Vec<String>,
    pub message: String,
    pub citation: String,
}

/// Where the wording of one language comes from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSource {
    pub lang: Lang,
    pub source: String,
}

/// The names a parameter goes by in each language; they apply to every catalogue parameter whose `keys` hold
/// `name`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterWords {
    pub name: String,
    #[serde(default)]
    pub de: Vec<String>,
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub es: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub tr: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub pt: Vec<String>,
    #[serde(default)]
    pub it: Vec<String>,
}

impl ParameterWords {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.de
            .iter()
            .chain(&self.fr)
            .chain(&self.es)
            .chain(&self.ru)
            .chain(&self.tr)
            .chain(&self.zh)
            .chain(&self.pt)
            .chain(&self.it)
    }
}

crate::data::readable!(ParamDef {
    name,
    keys,
    cmp,
    value,
    unit,
    role: default,
    specific: default,
    density: default,
    meaning,
    verify: default,
    names: skip,
});
crate::data::readable!(Words { lang, terms: default, weak: default, context: default, not: default });
crate::data::readable!(NoteDef { says, terms, unless: default, citation });
crate::data::readable!(EntryDef {
    entry,
    title,
    eccn: default,
    terms: default,
    weak: default,
    context: default,
    not: default,
    words: default,
    note: default,
    hs: default,
    base: default,
    named: default,
    param: default,
    logic: default,
    question,
    unusual_qty: default,
    citation,
});
crate::data::readable!(WatchDef { code, title, terms, words: default, concern, message, citation });
crate::data::readable!(LanguageSource { lang, source });
crate::data::readable!(ParameterWords {
    name,
    de: default,
    fr: default,
    es: default,
    ru: default,
    tr: default,
    zh: default,
    pt: default,
    it: default,
});

/// The catalogue, with its wording indexed for finding.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub entries: Vec<EntryDef>,
    pub watch: Vec<WatchDef>,
    pub languages: Vec<LanguageSource>,
    pub parameters: Vec<ParameterWords>,
    pub(crate) strong: TermSet<usize>,
    pub(crate) weak: TermSet<usize>,
    pub(crate) context: TermSet<usize>,
    pub(crate) not: TermSet<usize>,
    /// Note wording: (entry index, note index).
    pub(crate) notes: TermSet<(usize, usize)>,
    /// Wording that keeps a note from applying: (entry index, note index).
    pub(crate) notes_unless: TermSet<(usize, usize)>,
    pub(crate) watch_terms: TermSet<usize>,
    errors: Vec<String>,
}

const FILE: &str = "src/data/controls.toml";

impl Catalogue {
    /// Reads the catalogue from the embedded JSON form of `src/data/controls.toml`.
    pub fn from_json(json: &str) -> Result<Catalogue, String> {
        let doc = read_document(FILE, json, &["language", "parameter", "entry", "watch"])?;
        let mut c = Catalogue {
            languages: read_entries(FILE, &doc, "language", "lang")?,
            parameters: read_entries(FILE, &doc, "parameter", "name")?,
            ..Catalogue::default()
        };
        let mut entries: Vec<EntryDef> = read_entries(FILE, &doc, "entry", "entry")?;
        let watch: Vec<WatchDef> = read_entries(FILE, &doc, "watch", "code")?;
        let sourced = |lang: Lang| c.languages.iter().any(|l| l.lang == lang);
        for e in &entries {
            if let Some(w) = e.words.iter().find(|w| !sourced(w.lang)) {
                return Err(format!(
                    "{FILE}: [[entry]] \"{}\": words in {:?} without a [[language]] source",
                    e.entry, w.lang
                ));
            }
        }
        for w in &watch {
            if let Some(x) = w.words.iter().find(|x| !sourced(x.lang)) {
                return Err(format!(
                    "{FILE}: [[watch]] \"{}\": words in {:?} without a [[language]] source",
                    w.code, x.lang
                ));
            }
        }
        for (i, e) in entries.iter_mut().enumerate() {
            let lists = std::iter::once((&e.terms, &e.weak, &e.context, &e.not))
                .chain(e.words.iter().map(|w| (&w.terms, &w.weak, &w.context, &w.not)));
            for (terms, weak, context, not) in lists {
                terms.iter().for_each(|t| c.strong.add(t, i));
                weak.iter().for_each(|t| c.weak.add(t, i));
                context.iter().for_each(|t| c.context.add(t, i));
                not.iter().for_each(|t| c.not.add(t, i));
            }
            for (n, note) in e.note.iter().enumerate() {
                note.terms.iter().for_each(|t| c.notes.add(t, (i, n)));
                note.unless.iter().for_each(|t| c.notes_unless.add(t, (i, n)));
            }
            for p in &mut e.param {
                p.names = parameter_names(&p.keys, &c.parameters);
            }
        }
        for (i, w) in watch.iter().enumerate() {
            for t in w.terms.iter().chain(w.words.iter().flat_map(|x| &x.terms)) {
                c.watch_terms.add(t, i);
            }
        }
        c.entries = entries;
        c.watch = watch;
        Ok(c)
    }

    fn load() -> Catalogue {
        Catalogue::from_json(crate::data::CONTROLS.text())
            .unwrap_or_else(|e| Catalogue { errors: vec![e], ..Catalogue::default() })
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    pub fn entry(&self, code: &str) -> Option<&EntryDef> {
        self.entries.iter().find(|e| e.entry == code)
    }
}

/// The catalogue, parsed on first use.
pub fn catalogue() -> &'static Catalogue {
    static C: OnceLock<Catalogue> = OnceLock::new();
    C.get_or_init(Catalogue::load)
}

/// A name as a matching key: folded words, Russian words cut to their stem, joined by single spaces; Chinese
/// kept whole.
pub fn name_key(s: &str) -> String {
    text::words(s).iter().map(|w| word_key(w)).collect::<Vec<_>>().join(" ")
}

/// The keys of a parameter and the names `[[parameter]]` gives them in other languages, as matching keys.
fn parameter_names(keys: &[String], vocab: &[ParameterWords]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let k = fit_key(s);
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    };
    for k in keys {
        push(k);
        let kk = name_key(k);
        for p in vocab.iter().filter(|p| name_key(&p.name) == kk) {
            p.all().for_each(|w| push(w));
        }
    }
    out
}

/// A parameter's name as [`name_fits`] compares it, computed once when the catalogue is read: its matching key
/// without one-letter words, or, for a Chinese name, without spaces.
pub fn fit_key(s: &str) -> String {
    let k = name_key(s);
    if k.chars().any(is_cjk) {
        k.replace(' ', "")
    } else {
        without_letters(&k)
    }
}

/// Whether a parameter's name (as the order wrote it) fits one of `names` (keys made by [`fit_key`]): whole
/// words, or a Chinese name inside it. One-letter words count on neither side: the order's reader drops the
/// article "a", which is also the French "à" folded ("résistance à la traction" is read as "résistance la
/// traction").
pub fn name_fits(name: &str, names: &[String]) -> bool {
    let n = format!(" {} ", without_letters(&name_key(name)));
    let mut bare: Option<String> = None;
    names.iter().any(|k| {
        if k.chars().any(is_cjk) {
            bare.get_or_insert_with(|| n.replace(' ', "")).contains(k.as_str())
        } else {
            !k.is_empty() && n.contains(&format!(" {k} "))
        }
    })
}

/// A matching key without its one-letter words (the key itself when it has no other word).
fn without_letters(key: &str) -> String {
    let kept: Vec<&str> = key.split(' ').filter(|w| w.chars().count() > 1).collect();
    if kept.is_empty() {
        key.to_string()
    } else {
        kept.join(" ")
    }
}

/// The regimes an entry comes from, by its number (Annex I introductory note; DOMAIN.md §3.1): category 0 is the
/// NSG Trigger List; otherwise the first of the three digits: 0 Wassenaar, 1 MTCR, 2 NSG, 3 Australia Group,
/// 4 CWC. Common Military List headings are "ML".
pub fn regimes(entry: &str) -> Vec<String> {
    if entry.starts_with("ML") {
        return vec!["ML".into()];
    }
    let mut c = entry.chars();
    let (Some(cat), Some(_group), Some(first)) = (c.next(), c.next(), c.next()) else { return vec![] };
    if cat == '0' {
        return vec!["NSG".into()];
    }
    match first {
        '0' => vec!["WA".into()],
        '1' => vec!["MTCR".into()],
        '2' => vec!["NSG".into()],
        '3' => vec!["AG".into()],
        '4' => vec!["CWC".into()],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::{fit_key, name_fits};

    #[test]
    fn parameter_names_fit_as_whole_words_without_one_letter_words() {
        let names: Vec<String> = ["tensile strength", "résistance à la traction", "抗拉强度"].map(fit_key).into();
        // The keys are made once: one-letter words dropped, a Chinese name without spaces.
        assert_eq!(names.get(1).map(String::as_str), Some("resistance la traction"));
        assert_eq!(names.get(2).map(String::as_str), Some("抗拉强度"));
        assert!(name_fits("ultimate tensile strength", &names));
        assert!(name_fits("résistance a la traction", &names));
        assert!(name_fits("抗拉 强度", &names));
        assert!(!name_fits("strength", &names));
        assert!(!name_fits("yield strength", &names));
    }
}
