//! Stage 2: names → comparable tokens, the same way for list names (once, at load) and for queries.
//!
//! The steps run in a fixed order:
//! 1. split a published name into the names it contains ([`name_variants`]: bracketed acronyms, "a.k.a.",
//!    "and subordinate entity", inverted legal forms); a place in brackets stays in the name;
//! 2. fold each character ([`fold`]): other scripts transliterated to Latin (`text::translit`), NFKD with marks
//!    dropped, lower case, apostrophes removed, `&` read as "and";
//! 3. split into tokens on anything not alphanumeric, and join runs of single letters ("s.a." → "sa",
//!    "m/s" → "ms");
//! 4. drop honorifics at the start ("M/s", "Messrs", "Dr", "Engr") and legal forms (our own multi-language
//!    table in `src/data/legal_forms.toml`; also when their words are written together or one is misspelt,
//!    "Jointstock", "Jooint Stock Company"; the longest of overlapping forms wins), recording each as ignored;
//! 5. map abbreviations and spelling variants to one form ("intl" → "international", "centre" → "center");
//! 6. mark generic tokens (company words, place names) that must not carry a match on their own.
//!
//! The result, [`NormName`], is what the index and the scorer work on.

use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::data::{LEGAL_FORMS, VOCABULARY};

/// Why a token was left out of matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    LegalForm,
    Honorific,
}

impl IgnoreReason {
    pub fn as_str(self) -> &'static str {
        match self {
            IgnoreReason::LegalForm => "legal form",
            IgnoreReason::Honorific => "honorific",
        }
    }
}

/// One comparable token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Canonical form ("international" for "Intl").
    pub text: String,
    /// Weak evidence on its own: company words, place names, articles.
    pub generic: bool,
    /// Contains a digit: compared exactly, never fuzzily.
    pub numeric: bool,
    /// Articles and joiners ("and", "of", "al"): almost no weight.
    pub stopword: bool,
    /// A place name (country, region, city): generic, and when a query has one its listed name lacks, it is
    /// taken as an address written into the name ("M/s Hasan Scientific Corp, Lahore").
    pub place: bool,
    /// Transliterated from a script that does not write short vowels (Arabic, Persian, Urdu): compared by its
    /// consonants too ("محمد" → "mhmd" ~ "Muhammad").
    pub loose: bool,
}

/// A normalised name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormName {
    pub tokens: Vec<Token>,
    /// Tokens removed before matching, with the reason.
    pub ignored: Vec<(String, IgnoreReason)>,
}

impl NormName {
    /// The canonical tokens joined by spaces: equal keys mean an exact match.
    pub fn key(&self) -> String {
        let mut s = String::new();
        for t in &self.tokens {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
}

#[derive(Deserialize)]
struct LegalFormsFile {
    form: Vec<LegalFormEntry>,
}

#[derive(Deserialize)]
struct LegalFormEntry {
    /// Spellings, already folded ("co ltd", "sa de cv", "ooo").
    forms: Vec<String>,
    /// Only strip at the start or end of a name (the spelling is also an ordinary word, e.g. "as", "ag").
    #[serde(default)]
    edge_only: bool,
    #[allow(dead_code)]
    country: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
struct VocabularyFile {
    honorifics: Vec<String>,
    stopwords: Vec<String>,
    generic: Vec<String>,
    places: Vec<String>,
    canonical: Vec<Canonical>,
}

#[derive(Deserialize)]
struct Canonical {
    to: String,
    from: Vec<String>,
}

struct Tables {
    /// Legal forms as token sequences, longest first.
    legal: Vec<(Vec<String>, bool)>,
    /// Positions in `legal` by first token, so a name's tokens only try the forms that can start there.
    legal_by_first: HashMap<String, Vec<usize>>,
    honorifics: HashSet<String>,
    stopwords: HashSet<String>,
    generic: HashSet<String>,
    places: HashSet<String>,
    canonical: HashMap<String, String>,
    /// The words the tables spell out (legal-form words, canonical forms and their sources), by each one-letter
    /// deletion, for correcting a misspelt known word ("copmany", "engieering", "mohamemd"). Generic words and
    /// place names stay out: too many real names sit one letter from one ("Parsian" / "Persian").
    known_deletes: HashMap<u64, Vec<u32>>,
    known: Vec<String>,
    /// Known words by their transliteration key ([`translit_key`]), where the key is one word's only: "enginirs"
    /// is read as "engineers" as "Hameed" is compared with "Hamid".
    known_translit: HashMap<String, Option<u32>>,
    /// Adjacent words of multi-word legal forms written together ("jointstock", "openjoint"), with the words.
    legal_joined: HashMap<String, Vec<String>>,
    /// The words of legal forms (four letters or more), by each one-letter deletion, for correcting a misspelt one
    /// next to another legal-form word ("Jooint Stock Company", "Joint Stck Company").
    legal_word_deletes: HashMap<u64, Vec<u32>>,
    legal_words: Vec<String>,
}

/// Words shorter than this are never corrected (too many real names sit one letter from a short word).
const CORRECT_MIN_LEN: usize = 7;

/// Hashes of a word and of each of its one-letter deletions (FNV-1a over the bytes; no allocation per deletion).
pub fn deletion_hashes(w: &str) -> Vec<u64> {
    fn fnv_skip(b: &[u8], from: usize, to: usize) -> u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        for (k, &x) in b.iter().enumerate() {
            if k >= from && k < to {
                continue;
            }
            h ^= x as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h.wrapping_mul(0x100000001b3)
    }
    let b = w.as_bytes();
    let mut out = Vec::with_capacity(b.len() + 1);
    out.push(fnv_skip(b, 0, 0));
    for (i, c) in w.char_indices() {
        out.push(fnv_skip(b, i, i + c.len_utf8()));
    }
    out
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The files are ours and covered by tests (`tables_parse`); a broken file yields empty tables rather than
        // a panic inside the wasm module.
        let legal_file: LegalFormsFile = crate::data::read(LEGAL_FORMS).unwrap_or(LegalFormsFile { form: Vec::new() });
        let vocab: VocabularyFile = crate::data::read(VOCABULARY).unwrap_or(VocabularyFile {
            honorifics: vec![],
            stopwords: vec![],
            generic: vec![],
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
        legal.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        let places: HashSet<String> = vocab.places.iter().map(|s| canonical_of(&canonical, &fold(s))).collect();
        let generic: HashSet<String> =
            vocab.generic.iter().chain(vocab.places.iter()).map(|s| canonical_of(&canonical, &fold(s))).collect();
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
        known.sort();
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
        legal_words.sort();
        legal_words.dedup();
        let mut legal_word_deletes: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, w) in legal_words.iter().enumerate() {
            for d in deletion_hashes(w) {
                legal_word_deletes.entry(d).or_default().push(i as u32);
            }
        }
        let mut legal_by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, (form, _)) in legal.iter().enumerate() {
            if let Some(first) = form.first() {
                legal_by_first.entry(first.clone()).or_default().push(i);
            }
        }
        Tables {
            legal_by_first,
            legal,
            honorifics: vocab.honorifics.iter().map(|s| fold(s)).collect(),
            stopwords: vocab.stopwords.iter().map(|s| fold(s)).collect(),
            generic,
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
fn correct(t: &Tables, w: &str) -> Option<String> {
    if w.chars().count() + 1 < CORRECT_MIN_LEN || t.canonical.contains_key(w) || t.generic.contains(w) {
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
fn correct_legal_word(t: &Tables, w: &str) -> Option<String> {
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

/// Whether a legal form of two words or more covers position `i` of `toks`.
fn in_multiword_form(t: &Tables, toks: &[String], i: usize) -> bool {
    (i.saturating_sub(3)..=i).any(|start| {
        t.legal_by_first.get(&toks[start]).is_some_and(|forms| {
            forms.iter().filter_map(|&k| t.legal.get(k)).any(|(form, _)| {
                form.len() >= 2 && start + form.len() > i && toks.get(start..start + form.len()) == Some(&form[..])
            })
        })
    })
}

fn canonical_of(map: &HashMap<String, String>, t: &str) -> String {
    map.get(t).cloned().unwrap_or_else(|| t.to_string())
}

/// Whether the embedded tables parsed (checked by tests; the page keeps working without them).
pub fn tables_ok() -> bool {
    crate::data::read::<LegalFormsFile>(LEGAL_FORMS).is_ok() && crate::data::read::<VocabularyFile>(VOCABULARY).is_ok()
}

/// Apostrophes and ʿayn/hamza marks join ("Xi'an" → "xian", "'ABBAS" → "abbas"); `&` is read as "and".
fn punct(c: char) -> Option<&'static str> {
    Some(match c {
        '\'' | '’' | '‘' | '`' | 'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' | '´' => "",
        '&' => " and ",
        _ => return None,
    })
}

/// Folds text to lower-case Latin: transliteration ([`crate::text::translit`]), NFKD without marks, apostrophes
/// removed, `&` → "and". Everything that is not a letter or digit becomes a space (runs of spaces are kept;
/// tokenizers split them).
pub fn fold(s: &str) -> String {
    let s = crate::text::translit::to_latin(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase();
        for lc in lower {
            if lc.is_ascii_alphanumeric() {
                out.push(lc);
            } else if let Some(t) = punct(lc) {
                out.push_str(t);
            } else if lc.is_ascii() {
                out.push(if lc == '.' || lc == '/' { '.' } else { ' ' });
            } else {
                for d in lc.nfkd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    if d.is_ascii_alphanumeric() {
                        out.push(d.to_ascii_lowercase());
                    } else if let Some(t) = punct(d) {
                        out.push_str(t);
                    } else if d.is_alphanumeric() {
                        // Scripts without a table (Thai, Han beyond Extension A, ...) are kept as they are.
                        out.push(d);
                    } else {
                        out.push(' ');
                    }
                }
            }
        }
    }
    out
}

/// Splits folded text into tokens and joins runs of single letters ("s a de c v" → "sa de cv").
fn simple_tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out: Vec<String> = Vec::new();
    // Single letters are joined within a written chunk ("S.A.", "M/s", "P.B."), not across chunks, so that
    // "M/s P.B. Sadr" reads "ms pb sadr" (and the honorific can go), not "mspb sadr".
    for chunk in folded.split(' ') {
        let mut run = String::new();
        for part in chunk.split('.').filter(|p| !p.is_empty()) {
            if part.chars().count() == 1 && part.chars().all(|c| c.is_alphabetic()) {
                run.push_str(part);
                continue;
            }
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(part.to_string());
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

/// Normalises one name (use [`name_variants`] first to split a published name that holds several).
pub fn normalize(name: &str) -> NormName {
    let abjad = name.chars().any(crate::text::translit::is_abjad);
    let (mut n, mut rejoined) = normalize_once(name);
    // Removing a legal form can bring single letters together, which may spell another legal form ("A Co. O"):
    // repeat until nothing changes, so that normalising a normalised name is a no-op. Each round only removes.
    for _ in 0..4 {
        if !rejoined {
            break;
        }
        let key = n.key();
        let (again, again_rejoined) = normalize_once(&key);
        if again.key() == key {
            break;
        }
        rejoined = again_rejoined;
        let mut ignored = std::mem::take(&mut n.ignored);
        ignored.extend(again.ignored.iter().cloned());
        n = NormName { tokens: again.tokens, ignored };
    }
    if abjad {
        for t in &mut n.tokens {
            t.loose = true;
        }
    }
    n
}

/// The consonants of a word, for comparing a word transliterated from Arabic script with a Latin spelling:
/// the sound key without its leading vowel ("ali" → "l", "علي" → "li" → "l"; "mhmd" and "muhammad" → "mmd").
pub fn consonants(token: &str) -> String {
    let k = phonetic_key(token);
    match k.strip_prefix('a') {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => k,
    }
}

/// One pass of steps 3–6; also says whether single letters were joined after a removal (then another pass may
/// find a legal form the join spelt).
fn normalize_once(name: &str) -> (NormName, bool) {
    let t = tables();
    let mut toks: Vec<String> = Vec::new();
    for s in simple_tokens(name) {
        // Legal-form words written together ("Jointstock Company", "Openjoint Stock") are split first.
        if let Some(parts) = t.legal_joined.get(&s) {
            toks.extend(parts.iter().map(|p| canonical_of(&t.canonical, p)));
            continue;
        }
        let s = correct(t, &s).unwrap_or(s);
        toks.push(canonical_of(&t.canonical, &s));
    }
    // A misspelt legal-form word is read as that word when the correction completes a multi-word legal form
    // ("Jooint Stock Company", "Joint Stck Company"); "Stork Joint Stock" keeps its "Stork".
    let legal_word =
        |w: &str| t.legal_by_first.contains_key(w) || t.legal_words.binary_search_by(|x| x.as_str().cmp(w)).is_ok();
    for i in 0..toks.len() {
        let next_to_legal = (i > 0 && legal_word(&toks[i - 1])) || toks.get(i + 1).is_some_and(|n| legal_word(n));
        if !next_to_legal || in_multiword_form(t, &toks, i) {
            continue;
        }
        if let Some(fixed) = correct_legal_word(t, &toks[i]) {
            let old = std::mem::replace(&mut toks[i], fixed);
            if !in_multiword_form(t, &toks, i) {
                toks[i] = old;
            }
        }
    }
    let mut ignored = Vec::new();
    let mut keep = vec![true; toks.len()];
    let kept = |keep: &[bool]| keep.iter().filter(|k| **k).count();

    // Honorifics at the start ("M/s", "Messrs.", "Dr", "Engr", "Haji"), before and after legal forms
    // ("Co. M/s X" and "M/s Co. X" end the same).
    let strip_honorifics = |keep: &mut Vec<bool>, ignored: &mut Vec<(String, IgnoreReason)>| {
        while kept(keep) > 1 {
            let Some(first) = keep.iter().position(|k| *k) else { break };
            if !t.honorifics.contains(&toks[first]) {
                break;
            }
            keep[first] = false;
            ignored.push((toks[first].clone(), IgnoreReason::Honorific));
        }
    };
    strip_honorifics(&mut keep, &mut ignored);

    // Legal forms, longest spelling first; edge-only spellings just at the start or end. Never empty a name.
    // The length of the longest form starting at `i` among the kept tokens (0 for none).
    let longest_at = |i: usize, keep: &[bool]| -> usize {
        if !keep[i] {
            return 0;
        }
        let first_kept = keep.iter().position(|k| *k).unwrap_or(0);
        let last_kept = keep.iter().rposition(|k| *k).unwrap_or(0);
        let forms = t.legal_by_first.get(&toks[i]).map(Vec::as_slice).unwrap_or(&[]);
        for (form, edge_only) in forms.iter().filter_map(|&k| t.legal.get(k)) {
            let n = form.len();
            if i + n > toks.len() || toks[i..i + n] != form[..] || keep[i..i + n].iter().any(|k| !k) {
                continue;
            }
            if *edge_only && i != first_kept && i + n - 1 != last_kept {
                continue;
            }
            return n;
        }
        0
    };
    let mut i = 0;
    while i < toks.len() {
        if !keep[i] {
            i += 1;
            continue;
        }
        let mut matched = longest_at(i, &keep);
        // A longer form overlapping this one wins ("Holding Limited Liability Company" is "Holding" and an LLC,
        // not "Holding Limited" and a stray "Liability").
        if (i + 1..i + matched).any(|j| j + longest_at(j, &keep) > i + matched && longest_at(j, &keep) > matched) {
            matched = 0;
        }
        if matched > 0 && kept(&keep) > matched {
            for k in keep.iter_mut().skip(i).take(matched) {
                *k = false;
            }
            ignored.push((toks[i..i + matched].join(" "), IgnoreReason::LegalForm));
            // A removal can put another edge-only form at the new edge ("A AS OOO"): scan again from the start.
            i = 0;
            continue;
        }
        i += 1;
    }
    strip_honorifics(&mut keep, &mut ignored);

    // Single letters left next to each other once a legal form between them is gone are joined again, as in
    // step 3, so that normalising a normalised name changes nothing.
    let mut texts: Vec<String> = Vec::new();
    let mut last_single = false;
    let mut rejoined = false;
    for (text, _) in toks.into_iter().zip(keep).filter(|(_, k)| *k) {
        let single = text.chars().count() == 1 && text.chars().all(char::is_alphabetic);
        match texts.last_mut() {
            Some(prev) if single && last_single => {
                prev.push_str(&text);
                rejoined = true;
            }
            _ => texts.push(text),
        }
        last_single = single;
    }
    let tokens = texts
        .into_iter()
        .map(|text| Token {
            generic: t.generic.contains(&text),
            place: t.places.contains(&text),
            numeric: text.chars().any(|c| c.is_ascii_digit()),
            stopword: t.stopwords.contains(&text),
            loose: false,
            text,
        })
        .collect();
    (NormName { tokens, ignored }, rejoined)
}

/// Byte position of an ASCII `marker` in `lower` (the name, ASCII-lower-cased: every byte stays where it was) that
/// starts a word ("aka " is found in "x aka y", not in "kaka y"); always a char boundary of the name.
fn find_ci(lower: &str, marker: &str) -> Option<usize> {
    let word_marker = marker.starts_with(|m: char| m.is_ascii_alphanumeric());
    lower
        .match_indices(marker)
        .map(|(i, _)| i)
        .find(|&i| !word_marker || !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

const MARKERS: [&str; 9] = [
    ", and subordinate entity ",
    " and subordinate entity ",
    "subordinate institution -",
    "affiliated entity:",
    "a.k.a.",
    "f.k.a.",
    "n.k.a.",
    "aka ",
    "fka ",
];

/// The names a published name stands for: itself without bracketed parts, each bracketed part that looks like a
/// name or acronym, the parts of "X, a.k.a. Y" / "X (f.k.a. Y)", and the subordinate of "X, and subordinate
/// entity Y" / "X. Affiliated Entity: Y". The first element is the main name.
pub fn name_variants(published: &str) -> Vec<String> {
    variants(published, true)
}

/// The names a query stands for: as [`name_variants`], but bracketed parts stay out: on an order they are
/// usually a place or a short form ("(HK)", "(Pvt)") that would match unrelated entries on their own.
pub fn query_variants(query: &str) -> Vec<String> {
    variants(query, false)
}

fn variants(published: &str, brackets: bool) -> Vec<String> {
    let s = published.trim();
    let lower = s.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        let v = v.trim().trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c == ':' || c.is_whitespace());
        let v = v.strip_prefix("and ").unwrap_or(v).trim();
        if v.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    };
    // Most names hold one name: no brackets, no markers.
    if !s.contains(['(', '[']) && !MARKERS.iter().any(|m| lower.contains(m)) {
        push(s);
        if out.is_empty() && !s.is_empty() {
            out.push(s.to_string());
        }
        return out;
    }

    // Compound Entity List names: "X (ABC), and subordinate entity Y (DEF)", "X.  Subordinate Institution - Y",
    // "X.  Affiliated Entity:  Y".
    for marker in
        [", and subordinate entity ", " and subordinate entity ", "subordinate institution -", "affiliated entity:"]
    {
        if let Some(pos) = find_ci(&lower, marker) {
            let (head, tail) = (&s[..pos], &s[pos + marker.len()..]);
            for v in variants(tail, brackets) {
                push(&v);
            }
            for v in variants(head, brackets) {
                push(&v);
            }
            return out;
        }
    }
    // "X, a.k.a. Y" / "X a.k.a. Y" / "X (f.k.a. Y)".
    for marker in ["a.k.a.", "f.k.a.", "n.k.a.", "aka ", "fka "] {
        if let Some(pos) = find_ci(&lower, marker) {
            if pos > 0 {
                let head = s[..pos].trim_end_matches(['(', ',', ' ', ';']);
                let tail = s[pos + marker.len()..].trim_matches([')', ',', ' ', ':']);
                for v in variants(head, brackets) {
                    push(&v);
                }
                for part in tail.split(';') {
                    for v in variants(part, brackets) {
                        push(&v);
                    }
                }
                return out;
            }
        }
    }

    // Bracketed parts: removed from the main name, and kept as names of their own when they carry a
    // distinctive word (an acronym such as "PAEC"; not "(HK)", "(Pvt.)" or "(Shenzhen)").
    let mut main = String::new();
    let mut inner: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    cur.clear();
                } else {
                    cur.push(c);
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    // A place in brackets stays in the name ("Panda Electronics (Nanjing) Co." is the Nanjing
                    // company): place names weigh little, and they tell a group's companies apart.
                    let n = normalize(&cur);
                    main.push(' ');
                    if !n.tokens.is_empty() && n.tokens.iter().all(|t| t.place) {
                        main.push_str(&cur);
                        main.push(' ');
                    }
                    inner.push(std::mem::take(&mut cur));
                } else {
                    cur.push(c);
                }
            }
            _ if depth > 0 => cur.push(c),
            _ => main.push(c),
        }
    }
    let main = main.split_whitespace().collect::<Vec<_>>().join(" ");
    push(&main);
    if brackets {
        for i in inner {
            let n = normalize(&i);
            let legal_word = |w: &str| tables().legal.iter().any(|(f, _)| f.len() == 1 && f[0] == w);
            if n.tokens.iter().any(|t| !t.generic && !t.stopword && !legal_word(&t.text)) && n.ignored.is_empty() {
                push(&i);
            }
        }
    }
    if out.is_empty() && !s.is_empty() {
        out.push(s.to_string());
    }
    out
}

/// A spelling key that joins common transliteration variants of one name while keeping its vowels' places:
/// x/ks, kh/h, ph/f, ck/k, q/k, w/v, y/i, zh/j, o/u, e/i, doubled letters ("Aleksey" / "Alexei", "Mansoor" /
/// "Mansur", "Hameed" / "Hamid", "Mohsen" / "Muhsin"). Used for tokens of four letters or more.
pub fn translit_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let (c, next) = (b[i], b.get(i + 1).copied().unwrap_or(0));
        let (emit, step): (&[u8], usize) = match (c, next) {
            // Russian дж written "dzh" ("Dzhafar" / "Jafar"); ц written "tz" ("Otvetztvennost", "Kuznetzov").
            (b'd', b'z') if b.get(i + 2) == Some(&b'h') => (b"j", 3),
            (b't', b'z') => (b"ts", 2),
            (b'k', b'h') => (b"h", 2),
            (b'p', b'h') => (b"f", 2),
            (b'c', b'k') => (b"k", 2),
            (b'z', b'h') | (b'd', b'j') => (b"j", 2),
            (b'x', _) => (b"ks", 1),
            (b'q', _) => (b"k", 1),
            (b'w', _) => (b"v", 1),
            (b'y', _) | (b'e', _) => (b"i", 1),
            (b'o', _) => (b"u", 1),
            _ => (&b[i..i + 1], 1),
        };
        for &e in emit {
            if out.last() != Some(&e) {
                out.push(e);
            }
        }
        i += step;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A coarse sound key for candidate generation: transliteration variants (kh/h, ts/tz/c, ph/f, w/v, q/k, ou/u,
/// doubled letters, vowels after the first letter) fall together. Never used as a score by itself.
pub fn phonetic_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    let mut last: u8 = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(0);
        let (code, step) = match (c, next) {
            // х/خ: kh, ch and h fall together (and are dropped inside a word, like vowels)
            (b'k', b'h') | (b'c', b'h') => (b'h', 2),
            (b'g', b'h') => (b'g', 2),
            (b's', b'h') => (b's', 2),
            (b'z', b'h') => (b'j', 2),
            (b'p', b'h') => (b'f', 2),
            (b't', b'h') => (b't', 2),
            (b't', b's') | (b't', b'z') | (b'c', b'z') => (b's', 2),
            (b'c', b'k') => (b'k', 2),
            (b'c', b'e') | (b'c', b'i') | (b'c', b'y') => (b's', 1),
            (b'q', _) | (b'c', _) | (b'x', _) => (b'k', 1),
            (b'w', _) => (b'v', 1),
            _ => (c, 1),
        };
        i += step;
        let is_vowel = matches!(code, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if out.is_empty() {
            out.push(if is_vowel { 'a' } else { code as char });
            last = code;
            continue;
        }
        if is_vowel || code == b'h' || code == last {
            last = code;
            continue;
        }
        out.push(code as char);
        last = code;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        normalize(s).key()
    }

    #[test]
    fn tables_parse() {
        assert!(tables_ok());
        assert!(tables().legal.len() > 50);
        assert!(tables().generic.len() > 50);
    }

    #[test]
    fn fold_scripts() {
        assert_eq!(fold("Оптолинк").trim(), "optolink");
        assert_eq!(fold("Ünal Çelik").trim(), "unal celik");
        assert_eq!(fold("Xi'an"), "xian");
        assert_eq!(fold("ΑΘΗΝΑ"), "athina");
    }

    #[test]
    fn normalize_legal_forms_and_honorifics() {
        assert_eq!(key("M/s Hasan Scientific Corp."), key("Hasan Scientific Corporation"));
        assert_eq!(key("Messrs. Business World (Pvt.) Ltd."), "business world");
        assert_eq!(key("OOO NPK Optolink"), key("Optolink"));
        assert_eq!(key("Grupo Ejemplo S.A. de C.V."), "group ejemplo");
        assert_eq!(key("Company Limited"), "company");
    }

    #[test]
    fn normalize_abbreviations() {
        assert_eq!(key("Xian Longde Tech Dev Co"), key("Xi'an Longde Technology Development Company"));
        assert_eq!(key("Intl Engg Centre"), key("International Engineering Center"));
    }

    #[test]
    fn normalize_legal_form_words_joined_or_misspelt() {
        assert_eq!(key("Jointstock Company Helicopter Service"), "helicopter service");
        assert_eq!(key("Openjoint Stock Company Chayka"), "chayka");
        assert_eq!(key("Jooint Stock Company Chayka"), "chayka");
        assert_eq!(key("Joint Stck Company Chayka"), "chayka");
        // A name word one letter from a legal-form word stays when no legal form would result.
        assert_eq!(key("Point Limited"), "point");
        assert_eq!(key("Stork Joint Stock Company"), "stork");
    }

    #[test]
    fn normalize_overlapping_legal_forms_longest_wins() {
        assert_eq!(key("Magus Holding Limited Liability Company"), "magus holding");
        assert_eq!(key("Magus Holding Limited Liability Companyy"), "magus holding");
    }

    #[test]
    fn normalize_misspelt_known_words() {
        assert_eq!(key("Paktech Enginirs"), key("Paktech Engineers"));
        assert_eq!(key("Mohamda"), "muhammad");
        // A known word with a letter added is a name of its own.
        assert_eq!(key("Mohammadi"), "mohammadi");
    }

    #[test]
    fn query_variants_keep_places_in_brackets() {
        assert_eq!(query_variants("Panda Electronics (Nanjing) Co., Ltd.")[0], "Panda Electronics Nanjing Co., Ltd");
        assert_eq!(query_variants("Business World (Pvt.) Ltd")[0], "Business World Ltd");
    }

    #[test]
    fn translit_key_tz_and_dzh() {
        assert_eq!(translit_key("kuznetzov"), translit_key("kuznetsov"));
        assert_eq!(translit_key("yunidzhet"), translit_key("yunidjet"));
        assert_ne!(translit_key("jiang"), translit_key("yang"));
    }

    #[test]
    fn normalize_is_idempotent_on_keys() {
        for s in ["M/s Hasan Scientific Corp, Lahore", "ООО НПК Оптолинк", "Beijing Luo Luo Technology Development"]
        {
            let k = key(s);
            assert_eq!(key(&k), k);
        }
    }

    #[test]
    fn name_variants_compound() {
        let v = name_variants(
            "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development Complex (NDC) ",
        );
        assert!(v.contains(&"National Development Complex".to_string()), "{v:?}");
        assert!(v.contains(&"NDC".to_string()), "{v:?}");
        assert!(v.contains(&"Pakistan Atomic Energy Commission".to_string()), "{v:?}");
        assert!(v.contains(&"PAEC".to_string()), "{v:?}");
    }

    #[test]
    fn name_variants_aka() {
        let v = name_variants(
            "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)",
        );
        assert_eq!(v[0], "Chitron Electronics Company Ltd");
        assert!(v.iter().any(|x| x.starts_with("Chi-Chung Electronics")), "{v:?}");
    }

    #[test]
    fn name_variants_marker_needs_word_start() {
        assert_eq!(name_variants("Ahmad Hassan Kaka AL-UBAYDI"), vec!["Ahmad Hassan Kaka AL-UBAYDI".to_string()]);
        assert_eq!(name_variants("Alpha aka Beta").len(), 2);
    }

    #[test]
    fn phonetic_key_variants() {
        assert_eq!(phonetic_key("muhammad"), phonetic_key("mohammed"));
        assert_eq!(phonetic_key("tehnocenter"), phonetic_key("technocenter"));
        assert_eq!(phonetic_key("hassan"), phonetic_key("hasan"));
        assert_eq!(phonetic_key("yusuf"), phonetic_key("yousef"));
        assert_ne!(phonetic_key("optolink"), phonetic_key("hassan"));
    }
}
