//! Item words in every language the catalogues are written in: a phrase set like [`crate::text::PhraseSet`]
//! that also finds
//! - Russian words whatever their ending ("вакуумные насосы", "вакуумных насосов" for "вакуумный насос"): both
//!   sides are cut to a stem by a light suffix strip;
//! - Chinese (and Japanese) terms inside unspaced text ("涡轮分子真空泵" for "真空泵"), by substring;
//! - the head of a German compound, for a term written with a leading `*` ("*vakuumpumpe" finds
//!   "Turbomolekular­vakuumpumpe", "Hochvakuumpumpe");
//! - any ending of the last word of a phrase written with a trailing `*` ("filament sarma makine*" finds the
//!   Turkish "filament sarma makinesinden", "makineleri": Turkish adds case and possessive suffixes to the noun).
//!
//! Other terms match token by token on [`crate::text::key`] (folded, light English plural strip), as in the
//! other rules; acronyms written in capitals match only in capitals. Finding is linear in the text: phrases are
//! indexed by their first key, Chinese terms by their first character and compound heads by their last three
//! letters.

use crate::text::case::Case as _;
use rustc_hash::FxHashMap as HashMap;

use crate::text::{self, Found, Token};

/// Endings cut from folded Russian words before comparing (longest first), so that case and number do not
/// matter. Folding drops the breve (й → и) and the diaeresis (ё → е), so "-ый" is written "-ыи" here.
const RU_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иеи", "иях", "иям", "ием", "ия", "ию", "ии", "ыи",
    "ои", "еи", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю", "их", "ых", "ов", "ев", "ам", "ям", "ах", "ях", "ом",
    "ем", "ы", "и", "а", "я", "о", "е", "у", "ю", "ь",
];

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Chinese, Japanese and Korean characters: these scripts write words without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

fn has_cjk(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_cjk)
}

/// The matching key of a folded word: a Russian word is cut to its stem; any other word gets
/// [`text::key`] (spelling variants, English plural).
pub fn word_key(norm: &str) -> String {
    if !has_cyrillic(norm) {
        return text::key(norm);
    }
    let n = norm.chars().count();
    for e in RU_ENDINGS {
        if let Some(stem) = norm.strip_suffix(e) {
            if n - e.chars().count() >= 4 {
                return stem.to_string();
            }
        }
    }
    norm.to_string()
}

#[derive(Clone, Debug)]
struct Phrase {
    keys: Vec<String>,
    exact: Option<String>,
    /// The last key is a prefix of the text's word (a term written with a trailing `*`).
    open_end: bool,
    /// The position of its value in [`TermSet::values`].
    value: usize,
}

/// Terms in several languages and scripts, found in one pass. The index holds the positions of the values, kept
/// apart, so its code is compiled once for all the value types (a smaller wasm).
#[derive(Clone, Debug)]
pub struct TermSet<T> {
    terms: Terms,
    values: Vec<T>,
}

#[derive(Clone, Debug, Default)]
struct Terms {
    by_first: HashMap<String, Vec<Phrase>>,
    /// Chinese terms (folded) by their first character.
    cjk: HashMap<char, Vec<(String, usize)>>,
    /// Compound heads (folded) by their last three characters.
    heads: HashMap<String, Vec<(String, usize)>>,
}

impl<T> Default for TermSet<T> {
    fn default() -> Self {
        TermSet { terms: Terms::default(), values: Vec::new() }
    }
}

fn last3(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    c[c.len().saturating_sub(3)..].iter().collect()
}

/// Keys of the tokens of a text, computed once per text ([`word_key`] of each token).
pub fn keys(toks: &[Token]) -> Vec<String> {
    toks.iter().map(|t| if has_cyrillic(&t.norm) { word_key(&t.norm) } else { t.key.clone() }).collect()
}

impl<T: Clone> TermSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Adds a term as written in the data (see the module doc for `*` and Chinese terms).
    pub fn add(&mut self, written: &str, value: T) {
        if self.terms.add(written, self.values.len()) {
            self.values.push(value);
        }
    }

    /// Every occurrence (overlapping ones too), in text order. `keys` are [`keys`] of `toks`.
    pub fn find_all(&self, text: &str, toks: &[Token], keys: &[String]) -> Vec<Found<T>> {
        let mut out = Vec::new();
        let mut here = Vec::new();
        for i in 0..toks.len() {
            here.clear();
            self.terms.at(text, toks, keys, i, &mut here);
            out.extend(here.iter().map(|f| self.found(f)));
        }
        out
    }

    /// Non-overlapping occurrences, the longest at each position, left to right.
    pub fn find_longest(&self, text: &str, toks: &[Token], keys: &[String]) -> Vec<Found<T>> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut here = Vec::new();
        while i < toks.len() {
            here.clear();
            self.terms.at(text, toks, keys, i, &mut here);
            match here.iter().max_by_key(|f| (f.last - f.first, f.end - f.start)) {
                Some(f) => {
                    i = f.last.max(i + 1);
                    out.push(self.found(f));
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

impl Terms {
    /// Adds a term whose value is at position `value`; false if it has no word to find it by.
    fn add(&mut self, written: &str, value: usize) -> bool {
        let w = written.trim();
        if let Some(head) = w.strip_prefix('*') {
            let f = text::fold(head).split_whitespace().collect::<String>();
            if f.chars().count() >= 4 {
                self.heads.entry(last3(&f)).or_default().push((f, value));
                return true;
            }
            return false;
        }
        if has_cjk(w) {
            let f: String = text::fold(w).split_whitespace().collect();
            if let Some(c) = f.chars().next() {
                self.cjk.entry(c).or_default().push((f, value));
                return true;
            }
            return false;
        }
        // A trailing `*` opens the last word of a phrase of two words or more (the first finds the phrase); the
        // open word is compared folded, before any plural strip, and must keep three letters.
        let (w, open_end) = match w.strip_suffix('*') {
            Some(head) => (head.trim_end(), true),
            None => (w, false),
        };
        let toks = text::tokens(w);
        let mut keys: Vec<String> = toks.iter().map(|t| word_key(&t.norm)).collect();
        if open_end {
            match (toks.last(), keys.len()) {
                (Some(t), 2..) if t.norm.chars().count() >= 3 => {
                    if let Some(k) = keys.last_mut() {
                        k.clone_from(&t.norm);
                    }
                }
                _ => return false,
            }
        }
        let Some(first) = keys.first().cloned() else { return false };
        let exact = crate::text::is_acronym(w).then(|| w.to_string());
        self.by_first.entry(first).or_default().push(Phrase { keys, exact, open_end, value });
        true
    }

    /// The occurrences that start in token `i`.
    fn at(&self, text: &str, toks: &[Token], keys: &[String], i: usize, out: &mut Vec<Found<usize>>) {
        let (Some(tok), Some(key)) = (toks.get(i), keys.get(i)) else { return };
        if let Some(cands) = self.by_first.get(key) {
            for p in cands {
                let n = p.keys.len();
                let Some(window) = keys.get(i..i + n) else { continue };
                let fits = if p.open_end {
                    let m = n - 1;
                    window.get(..m) == p.keys.get(..m)
                        && toks.get(i + m).zip(p.keys.get(m)).is_some_and(|(t, k)| t.norm.starts_with(k.as_str()))
                } else {
                    window == p.keys.as_slice()
                };
                if !fits {
                    continue;
                }
                let Some(last) = toks.get(i + n - 1) else { continue };
                if let Some(ex) = &p.exact {
                    // The whole phrase as written: an acronym of several tokens ("ICP-MS") is compared whole.
                    let written = text.get(tok.start..last.end).unwrap_or_default();
                    if written != ex && written != ex.to_upper() {
                        continue;
                    }
                }
                out.push(Found { first: i, last: i + n, start: tok.start, end: last.end, value: p.value });
            }
        }
        if !self.heads.is_empty() && tok.norm.chars().count() >= 4 {
            if let Some(cands) = self.heads.get(&last3(&tok.norm)) {
                for (h, v) in cands {
                    if tok.norm.ends_with(h.as_str()) {
                        out.push(Found { first: i, last: i + 1, start: tok.start, end: tok.end, value: *v });
                    }
                }
            }
        }
        if !self.cjk.is_empty() && has_cjk(&tok.norm) {
            self.cjk_in(text, tok, i, out);
        }
    }

    /// Chinese terms inside one token. The token's text is written in a script without case or diacritics for
    /// its CJK part, so byte offsets in the folded token match the text's where the term starts.
    fn cjk_in(&self, text: &str, tok: &Token, i: usize, out: &mut Vec<Found<usize>>) {
        let written = text.get(tok.start..tok.end).unwrap_or_default();
        for (at, c) in written.char_indices() {
            let Some(cands) = self.cjk.get(&c) else { continue };
            let rest = written.get(at..).unwrap_or_default();
            for (term, v) in cands {
                if rest.starts_with(term.as_str()) {
                    let start = tok.start + at;
                    out.push(Found { first: i, last: i + 1, start, end: start + term.len(), value: *v });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(set: &TermSet<u8>, t: &str) -> Vec<(u8, String)> {
        let toks = text::tokens(t);
        let k = keys(&toks);
        set.find_longest(t, &toks, &k).into_iter().map(|f| (f.value, t[f.start..f.end].to_string())).collect()
    }

    #[test]
    fn word_key_russian_endings() {
        let k = |w: &str| word_key(&text::fold(w));
        assert_eq!(k("насосов"), k("насос"));
        assert_eq!(k("вакуумных"), k("вакуумный"));
        assert_eq!(k("Гироскопы"), "гироскоп");
        assert_eq!(k("преобразователей"), k("преобразователь"));
        for w in ["электростанции", "электростанцию", "электростанцией", "электростанциях"]
        {
            assert_eq!(k(w), k("электростанция"), "{w}");
        }
        assert_eq!(k("назначением"), k("назначение"));
        assert_eq!(k("fibres"), k("fiber"));
    }

    #[test]
    fn term_set_languages_and_scripts() {
        let mut s = TermSet::new();
        s.add("вакуумный насос", 1);
        s.add("真空泵", 2);
        s.add("*vakuumpumpe", 3);
        s.add("pompe à vide", 4);
        s.add("CNC", 5);
        s.add("vakum pompası", 6);
        s.add("filament sarma makine*", 7);
        assert_eq!(found(&s, "Вакуумные насосы, 12 шт."), vec![(1, "Вакуумные насосы".into())]);
        assert_eq!(found(&s, "涡轮分子真空泵，抽速 2000 L/s"), vec![(2, "真空泵".into())]);
        assert_eq!(found(&s, "12 Stück Turbomolekular-Vakuumpumpe"), vec![(3, "Vakuumpumpe".into())]);
        assert_eq!(found(&s, "Hochvakuumpumpe HV-3"), vec![(3, "Hochvakuumpumpe".into())]);
        assert_eq!(found(&s, "6 pompes à vide"), vec![(4, "pompes à vide".into())]);
        assert_eq!(found(&s, "CNC lathe; cnc is lower case"), vec![(5, "CNC".into())]);
        assert_eq!(found(&s, "2 adet vakum pompasi"), vec![(6, "vakum pompasi".into())]);
        assert!(found(&s, "Pumpe, vacuum cleaner, насосная станция").is_empty());
        // A trailing `*`: the Turkish noun with its suffixes, not another word that only starts the same.
        assert_eq!(
            found(&s, "CNC filament sarma makinesinden bir adet"),
            vec![(5, "CNC".into()), (7, "filament sarma makinesinden".into())]
        );
        assert_eq!(found(&s, "2 filament sarma makineleri"), vec![(7, "filament sarma makineleri".into())]);
        assert!(found(&s, "filament sarma makaralari").is_empty());
        assert!(found(&s, "filament sarma").is_empty());
    }

    #[test]
    fn term_set_acronym_of_several_tokens() {
        let mut s = TermSet::new();
        s.add("ICP-MS", 1);
        assert_eq!(found(&s, "1 ICP-MS, mass range 2-260 amu"), vec![(1, "ICP-MS".into())]);
        assert!(found(&s, "icp-ms in lower case, ICP alone").is_empty());
    }
}
