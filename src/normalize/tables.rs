//! The normaliser's word tables (legal forms, honorifics, stopwords, generic words, places, canonical spellings),
//! read once from the embedded data files, and the corrections of misspelt known words they allow.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use super::fold::{fold, simple_tokens};
use super::keys::{deletion_hashes, translit_key};
use crate::data::{LEGAL_FORMS, LEGAL_FORMS_ELF, NAME_SYMBOLS, VOCABULARY};

/// `src/data/name_symbols.toml`: number words and ordinals, given-name variants.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct SymbolsFile {
    number: Vec<NumberEntry>,
    given_name: Vec<GivenNameGroup>,
    #[serde(default)]
    concept: Vec<ConceptEntry>,
    #[serde(default)]
    transcription: Vec<TranscriptionRow>,
    #[serde(default)]
    chinese_surname: Vec<TranscriptionRow>,
}

/// One row of Han characters: used for their sound in transcribed foreign names, or common surnames.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct TranscriptionRow {
    characters: String,
}

/// One concept: the words that name it in the lists' languages (generic words, or a country's names).
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct ConceptEntry {
    words: Vec<String>,
    /// A country: its words weigh as places.
    #[serde(default)]
    place: bool,
    /// Words that name what one body is rather than a kind of business ("auction" / "auktsion"): they keep a name
    /// word's weight.
    #[serde(default)]
    keeps_weight: bool,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct NumberEntry {
    value: u32,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct GivenNameGroup {
    names: Vec<String>,
}

/// `src/data/legal_forms_elf.toml`, generated from ISO 20275 by `scripts/data/legal_forms_elf.py`.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct ElfFile {
    country: Vec<ElfCountry>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct ElfCountry {
    #[allow(dead_code)]
    code: String,
    /// Removed anywhere in a name.
    forms: Vec<String>,
    /// Removed only at the start or end of a name.
    edge_forms: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct LegalFormsFile {
    form: Vec<LegalFormEntry>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct LegalFormEntry {
    /// Spellings, already folded ("co ltd", "sa de cv", "ooo").
    forms: Vec<String>,
    /// Only strip at the start or end of a name (the spelling is also an ordinary word, e.g. "as", "ag").
    #[serde(default)]
    edge_only: bool,
    #[allow(dead_code)]
    country: String,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct VocabularyFile {
    honorifics: Vec<String>,
    stopwords: Vec<String>,
    generic: Vec<String>,
    /// Business-activity words: generic, and they say a name is an organisation's.
    #[serde(default)]
    business: Vec<String>,
    places: Vec<String>,
    canonical: Vec<Canonical>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct Canonical {
    to: String,
    from: Vec<String>,
}

crate::data::readable!(SymbolsFile {
    number,
    given_name,
    concept: default,
    transcription: default,
    chinese_surname: default,
});
crate::data::readable!(TranscriptionRow { characters });
crate::data::readable!(ConceptEntry { words, place: default, keeps_weight: default });
crate::data::readable!(NumberEntry { value, words });
crate::data::readable!(GivenNameGroup { names });
crate::data::readable!(ElfFile { country });
crate::data::readable!(ElfCountry { code, forms, edge_forms });
crate::data::readable!(LegalFormsFile { form });
crate::data::readable!(LegalFormEntry { forms, edge_only: default, country });
crate::data::readable!(VocabularyFile { honorifics, stopwords, generic, business: default, places, canonical });
crate::data::readable!(Canonical { to, from });

pub(super) struct Tables {
    /// Legal forms as token sequences, longest first.
    pub(super) legal: Vec<(Vec<String>, bool)>,
    /// Positions in `legal` by first token, so a name's tokens only try the forms that can start there.
    pub(super) legal_by_first: HashMap<String, Vec<usize>>,
    /// The forms' words by their transliteration keys ([`legal_key`]), position for position with `legal`, and
    /// positions in `legal` by the key of their first word: a form written in another romanisation or with a
    /// slip is the form ("Aktsionernoe Obshcestvo", "Publichnoye Aktsionernoe Obschestvo").
    pub(super) legal_keys: Vec<Vec<String>>,
    pub(super) legal_by_key: HashMap<String, Vec<usize>>,
    pub(super) honorifics: HashSet<String>,
    pub(super) stopwords: HashSet<String>,
    pub(super) generic: HashSet<String>,
    /// Business-activity words (a subset of `generic`): a name holding one is an organisation's.
    pub(super) business: HashSet<String>,
    /// Name symbols: number words and ordinals by their value, given-name variants by their group
    /// (`src/data/name_symbols.toml`).
    pub(super) symbols: HashMap<String, super::Symbol>,
    pub(super) places: HashSet<String>,
    pub(super) canonical: HashMap<String, String>,
    /// The words the tables spell out (legal-form words, canonical forms and their sources), by each one-letter
    /// deletion, for correcting a misspelt known word ("copmany", "engieering", "mohamemd"). Generic words and
    /// place names stay out: too many real names sit one letter from one ("Parsian" / "Persian").
    pub(super) known_deletes: HashMap<u64, Vec<u32>>,
    pub(super) known: Vec<String>,
    /// Known words by their transliteration key ([`translit_key`]), where the key is one word's only: "enginirs"
    /// is read as "engineers" as "Hameed" is compared with "Hamid".
    pub(super) known_translit: HashMap<String, Option<u32>>,
    /// Adjacent words of multi-word legal forms written together ("jointstock", "openjoint"), with the words.
    pub(super) legal_joined: HashMap<String, Vec<String>>,
    /// The words of legal forms (four letters or more), by each one-letter deletion, for correcting a misspelt one
    /// next to another legal-form word ("Jooint Stock Company", "Joint Stck Company").
    pub(super) legal_word_deletes: HashMap<u64, Vec<u32>>,
    pub(super) legal_words: Vec<String>,
    /// The first words of legal forms and `legal_words`: one look-up per word for "is it a legal-form word".
    pub(super) legal_word_set: HashSet<String>,
    /// Han characters used for their sound in transcribed foreign names (`src/data/name_symbols.toml`), sorted (a
    /// set of characters would add a hash table's code to the wasm for 300 entries).
    pub(super) transcription: Vec<char>,
    /// Common Chinese surnames among those characters, sorted.
    pub(super) surnames: Vec<char>,
}

/// Words shorter than this are never corrected (too many real names sit one letter from a short word).
pub(super) const CORRECT_MIN_LEN: usize = 7;

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The files are ours and covered by tests (`tables_parse`); a broken file yields empty tables rather than
        // a panic inside the wasm module.
        let legal_file: LegalFormsFile =
            crate::data::read_embedded(LEGAL_FORMS.text()).unwrap_or(LegalFormsFile { form: Vec::new() });
        let vocab: VocabularyFile = crate::data::read_embedded(VOCABULARY.text()).unwrap_or(VocabularyFile {
            honorifics: vec![],
            stopwords: vec![],
            generic: vec![],
            business: vec![],
            places: vec![],
            canonical: vec![],
        });
        let mut canonical = HashMap::default();
        for c in &vocab.canonical {
            for f in &c.from {
                canonical.insert(fold(f), c.to.clone());
            }
        }
        let mut legal: Vec<(Vec<String>, bool)> = legal_file
            .form
            .iter()
            .flat_map(|f| f.forms.iter().map(move |s| (s.as_str(), f.edge_only)))
            .map(|(s, e)| (simple_tokens(s).into_iter().map(|x| canonical_of(&canonical, &x)).collect::<Vec<_>>(), e))
            .filter(|(t, _)| !t.is_empty())
            .collect();
        let mut places: HashSet<String> = vocab.places.iter().map(|s| canonical_of(&canonical, &fold(s))).collect();
        let mut generic: HashSet<String> = vocab
            .generic
            .iter()
            .chain(vocab.places.iter())
            .chain(vocab.business.iter())
            .map(|s| canonical_of(&canonical, &fold(s)))
            .collect();
        let business: HashSet<String> =
            vocab.business.iter().map(|s| canonical_of(&canonical, &fold(s))).filter(|w| !places.contains(w)).collect();
        // The legal forms of every jurisdiction (ISO 20275), besides our own: removed, but never corrected towards
        // (the corrections below know only our own, curated table).
        let elf: ElfFile =
            crate::data::read_embedded(LEGAL_FORMS_ELF.text()).unwrap_or(ElfFile { country: Vec::new() });
        let mut have: HashSet<Vec<String>> = legal.iter().map(|(t, _)| t.clone()).collect();
        for c in &elf.country {
            let spellings = c.forms.iter().map(|s| (s, false)).chain(c.edge_forms.iter().map(|s| (s, true)));
            for (s, edge) in spellings {
                let raw = simple_tokens(s);
                let toks: Vec<String> = raw.iter().map(|x| canonical_of(&canonical, x)).collect();
                // A one-word form that is also an abbreviation of ours ("SCI", société civile immobilière, is our
                // "Sci" for Scientific) or a generic word stays a word of the name.
                if toks.len() == 1 && (toks != raw || generic.contains(&toks[0])) {
                    continue;
                }
                if !toks.is_empty() && have.insert(toks.clone()) {
                    legal.push((toks, edge));
                }
            }
        }
        crate::sort::sort_by_key(&mut legal, |f| std::cmp::Reverse(f.0.len()));
        let mut known: Vec<String> = legal
            .iter()
            .flat_map(|(f, _)| f.iter().cloned())
            // Source spellings only when long: short ones are abbreviations ("technol"), and correcting towards
            // them would turn "Techno Logy" into "technology logy". A seven-letter spelling that does not abbreviate
            // its word is a variant ("mohamad"), so that "Mohamda" is read as it.
            .chain(
                canonical
                    .iter()
                    .filter(|(k, v)| k.chars().count() >= 8 || (k.chars().count() == 7 && !v.starts_with(k.as_str())))
                    .map(|(k, _)| k.clone()),
            )
            .chain(canonical.values().cloned())
            .filter(|w| w.chars().count() >= CORRECT_MIN_LEN && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        crate::sort::sort_by(&mut known, Ord::cmp);
        known.dedup();
        let mut known_deletes: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, w) in known.iter().enumerate() {
            for d in deletion_hashes(w) {
                known_deletes.entry(d).or_default().push(i as u32);
            }
        }
        let mut known_translit: HashMap<String, Option<u32>> = HashMap::default();
        for (i, w) in known.iter().enumerate() {
            let k = translit_key(w);
            let target = canonical_of(&canonical, w);
            known_translit
                .entry(k)
                .and_modify(|e| {
                    // Two known words with one key (and different meanings) make the key ambiguous.
                    if e.is_some_and(|j| canonical_of(&canonical, &known[j as usize]) != target) {
                        *e = None;
                    }
                })
                .or_insert(Some(i as u32));
        }
        let mut legal_joined: HashMap<String, Vec<String>> = HashMap::default();
        let mut legal_words: Vec<String> = Vec::new();
        for f in &legal_file.form {
            for form in &f.forms {
                let raw = simple_tokens(form);
                legal_words.extend(raw.iter().filter(|w| w.chars().count() >= 4).cloned());
                for n in 2..=3 {
                    for w in raw.windows(n) {
                        let joined: String = w.concat();
                        if joined.chars().count() >= 8 && w.iter().all(|x| x.chars().count() >= 3) {
                            legal_joined.insert(joined, w.to_vec());
                        }
                    }
                }
            }
        }
        let spellings: Vec<String> = canonical
            .iter()
            .filter(|(k, v)| k.chars().count() >= 4 && legal_words.contains(v))
            .map(|(k, _)| k.clone())
            .collect();
        legal_words.extend(spellings);
        crate::sort::sort_by(&mut legal_words, Ord::cmp);
        legal_words.dedup();
        let mut legal_word_deletes: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, w) in legal_words.iter().enumerate() {
            for d in deletion_hashes(w) {
                legal_word_deletes.entry(d).or_default().push(i as u32);
            }
        }
        let mut symbols: HashMap<String, super::Symbol> = HashMap::default();
        let sym_file: SymbolsFile = crate::data::read_embedded(NAME_SYMBOLS.text()).unwrap_or(SymbolsFile {
            number: Vec::new(),
            given_name: Vec::new(),
            concept: Vec::new(),
            transcription: Vec::new(),
            chinese_surname: Vec::new(),
        });
        for n in &sym_file.number {
            for w in &n.words {
                symbols.insert(fold(w).trim().to_string(), super::Symbol::Number(n.value));
            }
        }
        for (g, group) in sym_file.given_name.iter().enumerate() {
            for w in &group.names {
                symbols.entry(fold(w).trim().to_string()).or_insert(super::Symbol::GivenName(g as u32));
            }
        }
        // Concepts: each word as written and in its canonical form ("industries" is read as "industry"); a word that
        // is already a number or a given name stays one. Every word of a concept is generic unless it keeps its weight, a
        // country's a place.
        for (k, c) in sym_file.concept.iter().enumerate() {
            for w in &c.words {
                let w = fold(w).trim().to_string();
                let canon = canonical_of(&canonical, &w);
                for x in [w, canon] {
                    symbols.entry(x.clone()).or_insert(super::Symbol::Concept(k as u32));
                    if c.place {
                        places.insert(x.clone());
                    }
                    if !c.keeps_weight {
                        generic.insert(x);
                    }
                }
            }
        }
        let mut legal_by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, (form, _)) in legal.iter().enumerate() {
            if let Some(first) = form.first() {
                legal_by_first.entry(first.clone()).or_default().push(i);
            }
        }
        let legal_keys: Vec<Vec<String>> =
            legal.iter().map(|(f, _)| f.iter().map(|w| legal_key(w)).collect()).collect();
        let mut legal_by_key: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, keys) in legal_keys.iter().enumerate() {
            if let Some(first) = keys.first().filter(|k| !k.is_empty()) {
                legal_by_key.entry(first.clone()).or_default().push(i);
            }
        }
        let legal_word_set = legal_by_first.keys().chain(&legal_words).cloned().collect();
        let sorted = |rows: &[TranscriptionRow]| {
            let mut v: Vec<char> = rows.iter().flat_map(|r| r.characters.chars()).collect();
            crate::sort::sort(&mut v);
            v.dedup();
            v
        };
        let transcription = sorted(&sym_file.transcription);
        let surnames = sorted(&sym_file.chinese_surname);
        Tables {
            legal_keys,
            legal_by_key,
            transcription,
            surnames,
            legal_word_set,
            legal_by_first,
            legal,
            honorifics: vocab.honorifics.iter().map(|s| fold(s)).collect(),
            stopwords: vocab.stopwords.iter().map(|s| fold(s)).collect(),
            generic,
            business,
            symbols,
            places,
            canonical,
            known_deletes,
            known,
            known_translit,
            legal_joined,
            legal_word_deletes,
            legal_words,
        }
    })
}

/// A misspelt known word ("copmany", "engieering", "mohamemd"), one edit away from exactly one word the tables
/// know, is read as that word; anything else is returned as it is.
pub(super) fn correct(t: &Tables, w: &str) -> Option<String> {
    // A known word is never corrected towards another ("publichnoe", a legal form's word, is not "publichnye").
    if w.chars().count() + 1 < CORRECT_MIN_LEN
        || t.canonical.contains_key(w)
        || t.generic.contains(w)
        || t.known.binary_search_by(|k| k.as_str().cmp(w)).is_ok()
    {
        return None;
    }
    let mut found: Option<u32> = None;
    for d in deletion_hashes(w) {
        for &i in t.known_deletes.get(&d).map(Vec::as_slice).unwrap_or(&[]) {
            let cand = &t.known[i as usize];
            // A known word with a letter added at the end is often a name of its own ("Mohammadi", "Hosseini").
            let suffixed =
                w.len() == cand.len() + 1 && w.starts_with(cand.as_str()) && !w.ends_with(&cand[cand.len() - 1..]);
            if cand == w || suffixed || strsim::osa_distance(cand, w) > 1 {
                continue;
            }
            match found {
                Some(f) if f != i => return None,
                _ => found = Some(i),
            }
        }
    }
    if found.is_none() && w.bytes().all(|b| b.is_ascii_lowercase()) {
        found = t.known_translit.get(&translit_key(w)).copied().flatten();
    }
    found.map(|i| t.known[i as usize].clone())
}

/// The legal-form word one edit from `w` ("jooint" → "joint", "stck" → "stock"), when there is exactly one.
pub(super) fn correct_legal_word(t: &Tables, w: &str) -> Option<String> {
    if w.chars().count() < 4 || t.canonical.contains_key(w) || t.legal_by_first.contains_key(w) {
        return None;
    }
    let mut found: Option<u32> = None;
    for d in deletion_hashes(w) {
        for &i in t.legal_word_deletes.get(&d).map(Vec::as_slice).unwrap_or(&[]) {
            let cand = &t.legal_words[i as usize];
            if cand == w || strsim::osa_distance(cand, w) > 1 {
                continue;
            }
            match found {
                Some(f) if f != i => return None,
                _ => found = Some(i),
            }
        }
    }
    found.map(|i| canonical_of(&t.canonical, &t.legal_words[i as usize]))
}

/// Letters from which a legal-form word is compared by its transliteration key: shorter ones are abbreviations
/// ("ao", "ooo", "zao"), which differ by a letter from one form to another.
pub(super) const LEGAL_KEY_CHARS: usize = 5;

/// The transliteration key of a legal-form word of [`LEGAL_KEY_CHARS`] letters or more ([`translit_key`]: kh/h,
/// shch/sch, y/i, e/i, o/u, doubled letters), empty for a shorter one.
pub(super) fn legal_key(w: &str) -> String {
    if w.chars().count() >= LEGAL_KEY_CHARS && w.bytes().all(|b| b.is_ascii_lowercase()) {
        translit_key(w)
    } else {
        String::new()
    }
}

/// Whether a legal form of two words or more covers position `i` of `toks`.
pub(super) fn in_multiword_form(t: &Tables, toks: &[String], i: usize) -> bool {
    (i.saturating_sub(3)..=i).any(|start| {
        t.legal_by_first.get(&toks[start]).is_some_and(|forms| {
            forms.iter().filter_map(|&k| t.legal.get(k)).any(|(form, _)| {
                form.len() >= 2 && start + form.len() > i && toks.get(start..start + form.len()) == Some(&form[..])
            })
        })
    })
}

pub(super) fn canonical_of(map: &HashMap<String, String>, t: &str) -> String {
    map.get(t).cloned().unwrap_or_else(|| t.to_string())
}

/// Whether the embedded tables parsed (checked by tests; the page keeps working without them).
pub fn tables_ok() -> bool {
    crate::data::read_embedded::<LegalFormsFile>(LEGAL_FORMS.text()).is_ok()
        && crate::data::read_embedded::<ElfFile>(LEGAL_FORMS_ELF.text()).is_ok_and(|f| f.country.len() > 50)
        && crate::data::read_embedded::<VocabularyFile>(VOCABULARY.text()).is_ok()
        && crate::data::read_embedded::<SymbolsFile>(NAME_SYMBOLS.text()).is_ok_and(|f| {
            !f.number.is_empty()
                && !f.given_name.is_empty()
                && !f.concept.is_empty()
                && f.transcription.len() >= 8
                && !f.chinese_surname.is_empty()
        })
}
