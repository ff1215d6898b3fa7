//! The text foundation, below every stage: helpers shared by the order parser (stage 1) and the rules (stage 5): folding, tokens that keep their
//! byte offsets (so every rule hit can point at the pasted text), and phrase sets that find many phrases in one
//! linear pass over the tokens.
//!
//! Folding here keeps non-Latin scripts as they are (Russian labels and phrases are matched in Cyrillic); it only
//! lower-cases and drops diacritics. Keys add light stemming and British/American spelling so that "fibres" finds
//! "fiber".

use crate::text::case::Case as _;
pub(crate) mod case;
pub(crate) mod csv;
pub(crate) mod decimal;
pub mod identifiers;
mod negation;
pub(crate) mod num;
pub mod sha256;
pub mod translit;
pub mod unicode;

pub use negation::{cjk_negated, is_negation, negated, negation_ok};

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use unicode::{is_combining_mark, Nfkd as _};

use crate::report::Span;

/// Folds one character into `out`: lower case, diacritics dropped, a few ligatures spelled out. Letters and digits
/// are kept; everything else becomes a space.
fn fold_char_into(c: char, out: &mut String) {
    // Most text is ASCII: no case table, no decomposition.
    if c.is_ascii() {
        out.push(if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' });
        return;
    }
    for lc in c.to_lower() {
        if lc.is_ascii_alphanumeric() {
            out.push(lc);
            continue;
        }
        match lc {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            // Micro sign and Greek mu are the same unit prefix.
            'µ' | 'μ' => out.push('µ'),
            _ if lc.is_alphanumeric() => {
                if lc.is_ascii() {
                    out.push(lc);
                } else {
                    for d in lc.nfkd() {
                        if !is_combining_mark(d) {
                            out.push(d);
                        }
                    }
                }
            }
            _ => out.push(' '),
        }
    }
}

/// Lower-cases and drops diacritics; anything that is not a letter or digit becomes a space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Folded words of `s`, for comparing short labels and names.
pub fn words(s: &str) -> Vec<String> {
    fold(s).split_whitespace().map(str::to_string).collect()
}

/// British spellings and other variants mapped to one form before stemming.
const SPELLINGS: &[(&str, &str)] = &[
    ("fibre", "fiber"),
    ("fibres", "fibers"),
    ("centre", "center"),
    ("centres", "centers"),
    ("metre", "meter"),
    ("metres", "meters"),
    ("litre", "liter"),
    ("litres", "liters"),
    ("aluminium", "aluminum"),
    ("sulphur", "sulfur"),
    ("sulphide", "sulfide"),
    ("sulphuric", "sulfuric"),
    ("defence", "defense"),
    ("licence", "license"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("armour", "armor"),
    ("armoured", "armored"),
    ("vapour", "vapor"),
    ("colour", "color"),
    ("mould", "mold"),
    ("moulds", "molds"),
    ("catalogue", "catalog"),
    ("tonne", "ton"),
    ("tonnes", "tons"),
    ("grey", "gray"),
    ("modelling", "modeling"),
    ("analyse", "analyze"),
    ("analyser", "analyzer"),
    ("analysers", "analyzers"),
    ("gyroscope", "gyro"),
    ("gyroscopes", "gyros"),
    ("jewellery", "jewelry"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("manoeuvre", "maneuver"),
];

/// A matching key for one folded word: spelling variants unified, then a light plural strip.
pub fn key(word: &str) -> String {
    static SPELLING: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let spelling = SPELLING.get_or_init(|| SPELLINGS.iter().copied().collect());
    let w = spelling.get(word).copied().unwrap_or(word);
    let mut w = w.to_string();
    if let Some(stem) = w.strip_suffix("isation") {
        w = format!("{stem}ization");
    } else if let Some(stem) = w.strip_suffix("iser") {
        w = format!("{stem}izer");
    } else if let Some(stem) = w.strip_suffix("isers") {
        w = format!("{stem}izers");
    }
    let n = w.chars().count();
    if n > 4 && w.is_ascii() {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes") {
            w.truncate(w.len() - 2);
            return w;
        }
        if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
            w.truncate(w.len() - 1);
        }
    }
    w
}

/// A word of the text with its byte offsets.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Folded (lower case, no diacritics).
    pub norm: String,
    /// Matching key ([`key`] of `norm`).
    pub key: String,
}

/// Splits text into tokens (runs of letters and digits), keeping byte offsets into `text`. Linear in the text.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == 'µ' {
            if start.is_none() {
                start = Some(i);
                buf.clear();
            }
            fold_char_into(c, &mut buf);
        } else if let Some(s) = start.take() {
            push_token(&mut out, s, i, &buf);
        }
    }
    if let Some(s) = start {
        push_token(&mut out, s, text.len(), &buf);
    }
    out
}

fn push_token(out: &mut Vec<Token>, start: usize, end: usize, folded: &str) {
    // Folding can split a character into a space (never for alphanumerics in practice); keep one token.
    let norm: String = if folded.contains(char::is_whitespace) {
        folded.split_whitespace().collect::<Vec<_>>().join("")
    } else {
        folded.to_string()
    };
    if norm.is_empty() {
        return;
    }
    let k = key(&norm);
    out.push(Token { start, end, norm, key: k });
}

/// The span of `text[start..end]`, with offsets.
pub fn span(text: &str, start: usize, end: usize) -> Span {
    Span { text: text.get(start..end).unwrap_or_default().to_string(), start: Some(start), end: Some(end) }
}

/// Byte offset of `part` inside `whole`, when `part` is a sub-slice of it.
pub fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    (p >= w && p + part.len() <= w + whole.len()).then(|| p - w)
}

/// The span of a sub-slice of `whole` (offsets absent when `part` is not inside it).
pub fn slice_span(whole: &str, part: &str) -> Span {
    match offset_in(whole, part) {
        Some(o) => Span { text: part.to_string(), start: Some(o), end: Some(o + part.len()) },
        None => Span { text: part.to_string(), start: None, end: None },
    }
}

/// One phrase of a [`PhraseSet`].
#[derive(Clone, Debug)]
struct Phrase {
    keys: Vec<String>,
    /// Written as an acronym ("FOG", "NDC", "MoD"): the text must show the same capitals.
    exact: Option<String>,
    /// Place names must start with a capital letter in the text ("Chad", "Nice" vs "nice").
    capital: bool,
    /// The position of its value in [`PhraseSet::values`].
    value: usize,
}

/// A phrase found in the text: token range and the phrase's value.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<T> {
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub value: T,
}

/// Many phrases, indexed by their first key, found in one pass. The index holds the positions of the values,
/// kept apart, so the finding code is compiled once for all the value types (a smaller wasm).
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    by_first: HashMap<String, Vec<Phrase>>,
    longest: usize,
    values: Vec<T>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet { by_first: HashMap::default(), longest: 0, values: Vec::new() }
    }
}

/// Whether a written phrase is an acronym that must match with its capitals: one word, at least two capitals,
/// no lower-case run longer than one letter ("FOG", "PAEC", "MoD", "UAE"; not "Dubai").
pub(crate) fn is_acronym(written: &str) -> bool {
    let t = written.trim();
    if t.contains(char::is_whitespace) || t.chars().count() > 8 {
        return false;
    }
    let caps = t.chars().filter(|c| c.is_uppercase()).count();
    let lower = t.chars().filter(|c| c.is_lowercase()).count();
    caps >= 2 && lower <= 1
}

impl<T: Clone> PhraseSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a phrase as written in the data. Acronyms match case-sensitively; `capital` asks for a capital first
    /// letter in the text.
    pub fn add(&mut self, written: &str, value: T, capital: bool) {
        let keys: Vec<String> = tokens(written).into_iter().map(|t| t.key).collect();
        let Some(first) = keys.first().cloned() else { return };
        self.longest = self.longest.max(keys.len());
        let exact = is_acronym(written).then(|| written.trim().to_string());
        let value_at = self.values.len();
        self.values.push(value);
        self.by_first.entry(first).or_default().push(Phrase { keys, exact, capital, value: value_at });
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Every phrase occurrence, longest first at each position; overlapping shorter matches are kept (callers
    /// decide). Linear in the number of tokens times the phrases sharing a first word.
    pub fn find_all(&self, text: &str, toks: &[Token]) -> Vec<Found<T>> {
        find_all(&self.by_first, text, toks).iter().map(|f| self.found(f)).collect()
    }

    /// The longest phrase starting at token `i`, if any.
    pub fn longest_at(&self, text: &str, toks: &[Token], i: usize) -> Option<Found<T>> {
        longest_at(&self.by_first, text, toks, i).map(|f| self.found(&f))
    }

    /// Non-overlapping occurrences, preferring the longest phrase at each position (left to right).
    pub fn find_longest(&self, text: &str, toks: &[Token]) -> Vec<Found<T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match longest_at(&self.by_first, text, toks, i) {
                Some(f) => {
                    i = f.last;
                    out.push(self.found(&f));
                }
                None => i += 1,
            }
        }
        out
    }

    /// An occurrence with its value.
    fn found(&self, f: &Found<usize>) -> Found<T> {
        Found { first: f.first, last: f.last, start: f.start, end: f.end, value: self.values[f.value].clone() }
    }
}

/// [`PhraseSet::find_all`] with the values' positions.
fn find_all(by_first: &HashMap<String, Vec<Phrase>>, text: &str, toks: &[Token]) -> Vec<Found<usize>> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let Some(cands) = toks.get(i).and_then(|t| by_first.get(&t.key)) else { continue };
        for p in cands {
            if let Some(f) = match_at(text, toks, i, p) {
                out.push(f);
            }
        }
    }
    out
}

/// [`PhraseSet::longest_at`] with the value's position.
fn longest_at(by_first: &HashMap<String, Vec<Phrase>>, text: &str, toks: &[Token], i: usize) -> Option<Found<usize>> {
    let cands = by_first.get(&toks.get(i)?.key)?;
    cands.iter().filter_map(|p| match_at(text, toks, i, p)).max_by_key(|f| f.last - f.first)
}

fn match_at(text: &str, toks: &[Token], i: usize, p: &Phrase) -> Option<Found<usize>> {
    let n = p.keys.len();
    let window = toks.get(i..i + n)?;
    if !window.iter().zip(&p.keys).all(|(t, k)| &t.key == k) {
        return None;
    }
    let first = window.first()?;
    let last = window.last()?;
    let written = text.get(first.start..first.end).unwrap_or_default();
    if let Some(ex) = &p.exact {
        if written != ex && written != ex.to_upper() {
            return None;
        }
    }
    if p.capital && !written.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()) {
        return None;
    }
    Some(Found { first: i, last: i + n, start: first.start, end: last.end, value: p.value })
}

/// Byte ranges of the sentences of `text` (split at . ! ? followed by a space or line end, and at blank lines),
/// so an evidence span or a prose rule can stay inside one sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let next = bytes.get(i + 1).copied().unwrap_or(b'\n');
        let end_here = match b {
            b'.' | b'!' | b'?' => {
                // "Co. Ltd", "Pvt. Ltd.", "No. 5": an abbreviation before the dot does not end a sentence.
                (next == b' ' || next == b'\n' || next == b'\r')
                    && !abbreviation_before(text, i)
                    && text.get(i + 2..).and_then(|r| r.chars().next()).is_none_or(|c| !c.is_lowercase())
            }
            b'\n' => next == b'\n' || next == b'\r' || line_is_list(text, i + 1) || line_is_label(text, i),
            _ => false,
        };
        if end_here {
            if i + 1 > start {
                out.push((start, i + 1));
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.into_iter()
        .filter_map(|(s, e)| {
            let t = text.get(s..e)?;
            let lead = t.len() - t.trim_start().len();
            let trail = t.len() - t.trim_end().len();
            (e - trail > s + lead).then_some((s + lead, e - trail))
        })
        .collect()
}

/// Short words that end in a dot without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "co", "ltd", "pvt", "inc", "corp", "no", "nr", "st", "rd", "dr", "mr", "mrs", "ms", "prof", "engr", "messrs",
    "approx", "e.g", "i.e", "etc", "vs", "jsc", "llc", "sa", "ag", "av", "ave", "blvd", "bldg", "p.o", "ph", "tel",
    // Count units written with a dot before the goods they count: "8 шт. осциллографы", "2 Stk. Haubenspülmaschine".
    "шт", "stk", "pcs", "pce", "nos", "ctn", "ctns", "pkgs",
];

fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = text.get(..dot).unwrap_or_default();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '/')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = word.to_lower();
    w.chars().count() == 1 || ABBREVIATIONS.contains(&w.as_str()) || w.ends_with("m/s")
}

/// Whether the line ending at byte `nl` (a newline) is a labelled field ("Subject: inquiry"): its end is a
/// sentence boundary.
fn line_is_label(text: &str, nl: usize) -> bool {
    let before = text.get(..nl).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default().trim_start();
    line.find(':').is_some_and(|p| p > 0 && p < 40)
}

/// Whether the line starting at byte `i` starts a new list item or labelled field (a sentence boundary).
fn line_is_list(text: &str, i: usize) -> bool {
    let line = text.get(i..).unwrap_or_default();
    let line = line.split('\n').next().unwrap_or_default().trim_start();
    line.starts_with(['-', '*', '•', '·']) || line.chars().next().is_some_and(|c| c.is_ascii_digit()) || {
        let head = line.split(':').next().unwrap_or_default();
        line.contains(':') && head.len() < 40
    }
}

/// The text with the first letter of every word in capitals where that keeps its byte length, so that places
/// written in lower case are read and every offset stays the text's own.
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for c in text.chars() {
        let mut up = c.to_upper();
        match (word_start && c.is_lowercase(), up.next(), up.next()) {
            (true, Some(u), None) if u.len_utf8() == c.len_utf8() => out.push(u),
            _ => out.push(c),
        }
        word_start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_capitalises_words_and_keeps_every_offset() {
        assert_eq!(title_case("for hik vision hangzhou, 2 pcs"), "For Hik Vision Hangzhou, 2 Pcs");
        assert_eq!(title_case("доставка в москву"), "Доставка В Москву");
        // A letter whose capital is longer in UTF-8 ("ı" → "I" is shorter, "ǳ" stays) is left as it is.
        for s in ["ıstanbul", "ǳemal", "ﬁne"] {
            assert_eq!(title_case(s).len(), s.len(), "{s}");
        }
    }

    #[test]
    fn fold_drops_diacritics_keeps_cyrillic() {
        assert_eq!(fold("Käufer"), "kaufer");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Покупатель"), "покупатель");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn key_unifies_spelling_and_plural() {
        assert_eq!(key("fibres"), key("fiber"));
        assert_eq!(key("gyroscopes"), key("gyros"));
        assert_eq!(key("gyros"), "gyro");
        assert_eq!(key("centrifuges"), key("centrifuge"));
        assert_eq!(key("batteries"), "battery");
        assert_eq!(key("glass"), "glass");
    }

    #[test]
    fn tokens_keep_offsets() {
        let t = "M/s Hasan, Lahore";
        let toks = tokens(t);
        assert_eq!(toks.len(), 4);
        assert_eq!(&t[toks[2].start..toks[2].end], "Hasan");
    }

    #[test]
    fn phrase_set_finds_longest_and_respects_acronyms() {
        let mut p = PhraseSet::new();
        p.add("fibre optic gyroscope", 1, false);
        p.add("gyro", 2, false);
        p.add("FOG", 3, false);
        let text = "Fiber-optic gyroscopes (FOG), no fog lamps";
        let toks = tokens(text);
        let found: Vec<i32> = p.find_longest(text, &toks).into_iter().map(|f| f.value).collect();
        assert_eq!(found, vec![1, 3]);
    }

    #[test]
    fn phrase_set_capital_rule() {
        let mut p = PhraseSet::new();
        p.add("Chad", "TD", true);
        let text = "chad and Chad";
        let toks = tokens(text);
        let found = p.find_all(text, &toks);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, 9);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let text = "We buy for Hasan Co. Ltd. in Lahore. The goods go via Dubai.";
        let s = sentences(text);
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn offset_in_finds_subslice() {
        let text = "Buyer: X";
        assert_eq!(offset_in(text, &text[7..]), Some(7));
        assert_eq!(offset_in(text, "X"), None);
    }
}
