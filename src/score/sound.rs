//! Transcription pairings: a Latin word against a run of Han syllables used for their sound ("Hudson" / 哈德森),
//! compared by consonant classes ([`crate::normalize::sound`]). An extra comparison beside the written form and
//! the spelling keys: it only pairs Latin words with syllables the normaliser marked as transcription ones.

use super::{Pairing, WTok};
use crate::normalize::sound::{compare, latin_skeleton, push_syllable, Consonant, MAX_RUN};
use crate::normalize::Transcribed;

/// How a transcription pairing is named in explanations.
pub const HOW: &str = "transcription";

/// Similarity from which a transcription pairing has the same consonants on both sides ([`compare`]): as good as a
/// word written alike beside another word that agrees.
pub const EXACT: f64 = 0.86;

/// Similarity from which a transcription pairing has the same consonants, four or more: enough to carry a name of
/// one word.
pub const STRONG: f64 = 0.9;

/// Whether a token may be compared by sound from the Latin side: a word of three letters or more, written in Latin
/// letters (not romanised syllables), not generic (company words are translated, never transcribed).
fn latin_word(t: &WTok) -> bool {
    !t.syllabic && !t.generic && !t.stopword && !t.numeric && !t.roman && t.text.len() >= 3
}

/// Pairings of each Latin word of `a` with each run of transcription syllables of `b` that sounds like it.
/// `flip` says the roles are swapped (so the pairing is recorded the right way round). Nothing when `b` has no
/// transcription syllable; otherwise O(words × syllables × [`MAX_RUN`]) small alignments (names are capped at
/// [`super::MAX_TOKENS`]).
pub fn pairings(a: &[WTok], b: &[WTok], flip: bool, out: &mut Vec<Pairing>) {
    if !b.iter().any(|t| t.transcribed != Transcribed::No) || !a.iter().any(latin_word) {
        return;
    }
    let mut latin: Vec<Consonant> = Vec::new();
    let mut han: Vec<u8> = Vec::new();
    for (i, t) in a.iter().enumerate() {
        if !latin_word(t) {
            continue;
        }
        latin_skeleton(t.text, &mut latin);
        if latin.is_empty() {
            continue;
        }
        for start in 0..b.len() {
            if b[start].transcribed == Transcribed::No {
                continue;
            }
            han.clear();
            let mut mask = 0u64;
            for (k, s) in b[start..].iter().take(MAX_RUN).enumerate() {
                if s.transcribed == Transcribed::No || k > 0 && s.transcribed == Transcribed::Starts {
                    break;
                }
                push_syllable(s.text, &mut han);
                mask |= 1u64 << (start + k);
                if let Some(sim) = compare(&latin, &han) {
                    let (am, bm) = (1u64 << i, mask);
                    out.push(if flip {
                        Pairing { q: bm, c: am, sim, how: HOW }
                    } else {
                        Pairing { q: am, c: bm, sim, how: HOW }
                    });
                }
            }
        }
    }
}
