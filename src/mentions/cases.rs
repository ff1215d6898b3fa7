//! Russian nouns written in another case than the lists write them (src/mentions.rs). A list writes a name in
//! the nominative ("Концерн Калашников"); a sentence declines the noun that heads it ("станки стоят на концерне
//! Калашников", "для концерна", "с корпорацией"). A word in lower case in Cyrillic right before a name is read in
//! its nominative when that form is a word the loaded lists hold: the window is screened under it.

use super::{breaks_between, Word};
use crate::normalize::normalize;
use crate::screener::Screener;
use crate::text::Token;

/// Endings of the singular oblique cases and the nominative ending each replaces, by declension (Wikipedia,
/// "Russian declension", § Nouns, tables of the first and second declensions:
/// https://en.wikipedia.org/wiki/Russian_declension). Tried in order; the first nominative the lists hold wins.
const ENDINGS: &[(&str, &str)] = &[
    // Feminine in -ия (корпорация): genitive, dative and prepositional -ии, accusative -ию, instrumental -ией.
    ("ией", "ия"),
    ("ии", "ия"),
    ("ию", "ия"),
    // Neuter in -ие (объединение): genitive -ия, dative -ию, instrumental -ием, prepositional -ии.
    ("ием", "ие"),
    ("ия", "ие"),
    ("ию", "ие"),
    ("ии", "ие"),
    // Masculine, hard stem (концерн, завод): genitive -а, dative -у, instrumental -ом, prepositional -е.
    ("ом", ""),
    ("а", ""),
    ("у", ""),
    ("е", ""),
    // Feminine in -а (фирма): genitive -ы, dative and prepositional -е, accusative -у, instrumental -ой.
    ("ой", "а"),
    ("ы", "а"),
    ("е", "а"),
    ("у", "а"),
];

/// The nominative of a Russian noun written in an oblique case, when the loaded lists hold that form: a word of
/// Cyrillic lower-case letters, its stem three letters or more.
pub(super) fn nominative(s: &Screener, word: &str) -> Option<String> {
    if !word.chars().all(|c| ('\u{0430}'..='\u{044f}').contains(&c) || c == 'ё') {
        return None;
    }
    let index = s.index();
    ENDINGS.iter().find_map(|&(end, nom)| {
        let stem = word.strip_suffix(end)?;
        if stem.chars().count() < 3 {
            return None;
        }
        let form = format!("{stem}{nom}");
        let n = normalize(&form);
        let [t] = n.tokens.as_slice() else { return None };
        (!t.stopword && index.learnt(&t.text).is_some()).then_some(form)
    })
}

/// Per token: the nominative under which a declined word heading a name is screened ("концерне" before
/// "Калашников" is screened as "концерн"); such a word becomes part of the name's run.
pub(super) fn declined_heads(s: &Screener, text: &str, toks: &[Token], words: &mut [Word]) -> Vec<Option<String>> {
    let mut out = vec![None; toks.len()];
    for i in 0..toks.len().saturating_sub(1) {
        let next = words.get(i + 1).is_some_and(|w| w.name_like && !w.joiner);
        if !next || words.get(i).is_some_and(|w| w.joiner) || breaks_between(text, toks, i + 1, words) {
            continue;
        }
        let Some(t) = toks.get(i) else { break };
        let Some(form) = text.get(t.start..t.end).and_then(|w| nominative(s, w)) else { continue };
        if let Some(w) = words.get_mut(i) {
            w.name_like = true;
        }
        if let Some(x) = out.get_mut(i) {
            *x = Some(form);
        }
    }
    out
}
