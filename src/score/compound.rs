//! Russian syllabic compound words (сложносокращённые слова): one word made of the beginnings of consecutive words
//! of a registered name, "Kriogenmash" for Kriogennogo Mashinostroeniya, "Uraltransmash" for Uralskiy [Zavod]
//! Transportnogo Mashinostroeniya, "Kurganmashzavod" for Kurganskiy Mashinostroitelnyy Zavod. The Great Soviet
//! Encyclopedia, 3rd ed., "Abbreviations, Words Compounded of" (Сложносокращённые слова), describes the types read
//! here: words "formed from the beginning parts of words" (mestkom, prodmag), "the beginning part of one or more
//! words with a whole word" (zapchasti), and "not all the words that constitute a complete designation are
//! necessarily included" (https://encyclopedia2.thefreedictionary.com/Abbreviations%2C+Words+Compounded+of).
//! A name and its compound are one word against a run of adjacent words ([`super::multi_pairings`]).

use super::WTok;
use crate::normalize::{concept_words, Symbol};

/// How the pairing is named in explanations.
pub(super) const HOW: &str = "compound";
/// Similarity of a compound word with the words it is made of: as an acronym's.
pub const COMPOUND_SIM: f64 = 0.9;
/// Letters from which a word may be a compound: shorter ones join two short words by chance ("Alkon" / "Al Kon").
pub const COMPOUND_MIN_CHARS: usize = 7;
/// Fewest letters of a piece: the beginning of a word is a syllable or more ("mash", "prom", "kriogen"); a whole
/// word may be shorter.
pub const PIECE_MIN_CHARS: usize = 3;
/// Most words a compound stands for, skipped generic words included (the encyclopedia's examples join two to four).
const MAX_RUN: usize = 6;

/// Endings of Russian adjectives and nouns as the lists romanise them (BGN/PCGN and its variants): nominative and
/// genitive adjectives (-iy, -yy, -oy, -aya, -oye, -ogo, -ykh), feminine nouns (-iya, -ost from -ость), neuter ones
/// (-ie, -stvo). A compound cuts such a word after its stem ("Kriogen-nogo", "Ural-skiy"); an English word cut
/// short ("Sun-rise Power" / "Sunpower", "Inter-national Trade" / "Intertrade") is a name of its own. Endings from
/// the declension tables of Wikipedia, "Russian declension" (https://en.wikipedia.org/wiki/Russian_declension).
/// "-sky", "-ski", "-lny", "-nny" are the adjective endings as other romanisations write them ("Kurgansky
/// Mashinostroitelny").
const RUSSIAN_ENDINGS: [&str; 26] = [
    "iy", "yy", "ij", "yj", "ii", "yi", "oy", "oi", "oj", "aya", "oye", "oe", "ogo", "ego", "ykh", "ikh", "ya", "ie",
    "iye", "ost", "stvo", "stva", "sky", "ski", "lny", "nny",
];

/// Whether a word cut short by a compound reads as a Russian word (one of [`RUSSIAN_ENDINGS`]).
fn russian(form: &[u8]) -> bool {
    RUSSIAN_ENDINGS.iter().any(|e| form.ends_with(e.as_bytes()))
}

/// The word's forms: canonical, as written ([`WTok::written`]: "zavod" is read "factory"), and the other words of
/// its concept ("machine" / "mashinostroeniya", "factory" / "zavod"), so that a compound is read against the
/// English the list gives for its words ("Kurganmashzavod" / "Kurgansky Mashinostroitelny Factory").
fn forms<'b>(x: &WTok<'b>) -> impl Iterator<Item = &'b str> {
    let concept = match x.symbol {
        Some(Symbol::Concept(k)) => concept_words(k),
        _ => &[],
    };
    [x.text, x.written].into_iter().chain(concept.iter().map(String::as_str))
}

/// Length of the common beginning of two byte strings.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The run of `b`, as a bit mask, whose words' beginnings spell `word` in order, when there is one: each piece the
/// first [`PIECE_MIN_CHARS`] letters or more of its word (or the whole word), two words or more, articles and
/// generic words between pieces left out ("Uralskiy Zavod Transportnogo Mashinostroeniya"). Words that spell it
/// whole are joined words ([`super::joined`]), not a compound. Cost: the run's words times the word's letters.
pub(super) fn pairing(word: &WTok, b: &[WTok]) -> Option<u64> {
    let w = word.text.as_bytes();
    if w.len() < COMPOUND_MIN_CHARS || w.len() > 63 || !w.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let usable = |x: &WTok| !x.numeric && !x.roman && !x.stopword;
    for start in 0..b.len() {
        if !usable(&b[start]) || !forms(&b[start]).any(|f| f.as_bytes().first() == w.first()) {
            continue;
        }
        // Positions of `word` reached after the words so far, as bits: bit 0 before the first word.
        let mut reach: u64 = 1;
        let mut whole_words = true;
        for (end, x) in b.iter().enumerate().skip(start).take(MAX_RUN) {
            let mut next = 0u64;
            let mut partial = false;
            if usable(x) {
                for pos in (0..w.len()).filter(|&p| reach & (1u64 << p) != 0) {
                    for f in forms(x) {
                        let f = f.as_bytes();
                        let l = common_prefix(&w[pos..], f);
                        // The whole word, or its beginning when it reads as a Russian word.
                        let cut = russian(f);
                        for len in
                            (PIECE_MIN_CHARS.min(l)..l + 1).filter(|&n| n == f.len() || cut && n >= PIECE_MIN_CHARS)
                        {
                            next |= 1u64 << (pos + len);
                            partial |= len < f.len();
                        }
                    }
                }
            }
            let done = next & (1u64 << w.len()) != 0;
            whole_words &= !partial;
            if done && end > start && !whole_words {
                // Generic words right after the run are left out of the compound too ("Zlatmash" for Zlatoustovskiy
                // Mashinostroitelnyy Zavod).
                let tail = b[end + 1..].iter().take_while(|x| x.generic && !x.place && usable(x)).count();
                return Some((start..end + 1 + tail).fold(0u64, |m, k| m | (1u64 << k)));
            }
            // A word between pieces may be left out when it is an article or a generic word, never the first.
            let skip = if end > start && (x.stopword || x.generic) { reach } else { 0 };
            reach = (next & !(1u64 << w.len())) | skip;
            if reach == 0 {
                break;
            }
        }
    }
    None
}

/// Letters of each piece in an index key of a compound ([`listed_keys`], [`query_keys`]): the fewest a piece has.
const KEY_PIECE: usize = PIECE_MIN_CHARS;

/// A listed word's forms for [`listed_keys`] (as [`forms`]), long enough for a key's piece.
fn key_forms<'w>(
    &(text, written, symbol, _): &(&'w str, &'w str, Option<Symbol>, bool),
) -> impl Iterator<Item = &'w str> {
    let concept = match symbol {
        Some(Symbol::Concept(k)) => concept_words(k),
        _ => &[],
    };
    [text, written].into_iter().chain(concept.iter().map(String::as_str)).filter(|f| f.len() >= KEY_PIECE)
}

/// The index keys of a listed name's compounds, `words` its words as (text, as written, concept, may be skipped
/// between pieces: an article or a generic word), in order: the first [`KEY_PIECE`] letters of a word and of the
/// next word, or of the word after one that may be skipped ("Ural[skiy] [Zavod] Trans[portnogo]"), in any of their
/// forms ([`forms`]: "Kurgan Machine" keys "kurmas" from "mashinostroitelny"), when one of the two reads as Russian
/// ([`russian`]) as a compound's cut word does. A constant number per word: linear in the name's words.
pub(crate) fn listed_keys(words: &[(&str, &str, Option<Symbol>, bool)], mut f: impl FnMut(&[u8])) {
    let mut key = [0u8; 2 * KEY_PIECE];
    for (i, first_word) in words.iter().enumerate() {
        let skip = words.get(i + 1).is_some_and(|w| w.3);
        let first_russian = key_forms(first_word).any(|f| russian(f.as_bytes()));
        for second_word in words[i + 1..].iter().take(if skip { 2 } else { 1 }) {
            if !first_russian && !key_forms(second_word).any(|f| russian(f.as_bytes())) {
                continue;
            }
            for first in [first_word.0, first_word.1].into_iter().filter(|f| f.len() >= KEY_PIECE) {
                for second in key_forms(second_word) {
                    key[..KEY_PIECE].copy_from_slice(&first.as_bytes()[..KEY_PIECE]);
                    key[KEY_PIECE..].copy_from_slice(&second.as_bytes()[..KEY_PIECE]);
                    f(&key);
                }
            }
        }
    }
}

/// The keys a query word probes as a compound ([`listed_keys`]): its first [`KEY_PIECE`] letters with those at each
/// place a second piece may begin. Linear in the word's letters; none for a word too short to be a compound.
pub(crate) fn query_keys(word: &str, mut f: impl FnMut(&[u8])) {
    let w = word.as_bytes();
    if w.len() < COMPOUND_MIN_CHARS || w.len() > 63 || !w.iter().all(u8::is_ascii_lowercase) {
        return;
    }
    let mut key = [0u8; 2 * KEY_PIECE];
    key[..KEY_PIECE].copy_from_slice(&w[..KEY_PIECE]);
    for p in KEY_PIECE..w.len() - KEY_PIECE + 1 {
        key[KEY_PIECE..].copy_from_slice(&w[p..p + KEY_PIECE]);
        f(&key);
    }
}
