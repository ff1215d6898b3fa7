//! The index's keys for transcriptions ([`crate::normalize::sound`]): a run of Han syllables used for their sound
//! and a Latin word meet under the key of their consonant skeleton, so that "Hudson" reaches a listed "哈德森公司"
//! and "霍尼韦尔" a listed "Honeywell". The transcription marks of a listed name are per occurrence (斯 and 思 both
//! read "si"), so the index keeps them beside the name, for the few names that have any.

use super::{fold32, Index, IndexedName, NameRef, GENERIC_POSTINGS_LIMIT};
use crate::normalize::sound::{latin_keys, run_keys};
use crate::normalize::{NormName, Token, Transcribed};
use crate::score::WTok;

/// A name's place as the marks are kept: list, entry, alias (`u32::MAX` for the primary name), variant.
pub(super) type At = (u32, u32, u32, u16);

fn at(from: NameRef, variant: u16) -> At {
    (from.list, from.entry, from.alias.unwrap_or(u32::MAX), variant)
}

impl Index {
    /// Keeps the transcription marks of a name being indexed (`from`, `variant`; `id`: its id) and adds the keys of
    /// its runs to `extra`.
    pub(super) fn index_sounds(&mut self, n: &NormName, from: (NameRef, u16), id: u32, extra: &mut Vec<(u32, u32)>) {
        if let Some(m) = marks(n) {
            let key = at(from.0, from.1);
            match self.sound_marks.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(i) => self.sound_marks[i].1 = m,
                Err(i) => self.sound_marks.insert(i, (key, m)),
            }
            run_keys(&n.tokens, |h| extra.push((fold32(h), id)));
        }
    }

    /// The transcription marks kept for a name.
    pub(super) fn sound_marks_of(&self, n: &IndexedName) -> Option<&[u64; 2]> {
        let key = at(n.from, n.variant);
        let i = self.sound_marks.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
        self.sound_marks.get(i).map(|(_, m)| m)
    }

    /// Sets the transcription marks of a name's weighed tokens.
    pub(super) fn mark_sounds(&self, n: &IndexedName, out: &mut [WTok]) {
        if let Some(&m) = self.sound_marks_of(n) {
            for (i, t) in out.iter_mut().enumerate() {
                t.transcribed = mark_of(m, i);
            }
        }
    }

    /// Names reached by sound: a Latin word of the query against listed Han runs that sound like it, a Han run of
    /// the query against listed Latin words; appended to `hits`.
    pub(super) fn sound_candidates(&self, q: &NormName, hits: &mut Vec<u32>) {
        for t in q.tokens.iter().filter(|t| latin_word(t)) {
            for k in latin_keys(&t.text) {
                self.extra.lookup(k, hits);
            }
        }
        let mut tids = Vec::new();
        run_keys(&q.tokens, |k| self.sounds.lookup(k, &mut tids));
        tids.sort_unstable();
        tids.dedup();
        for tid in tids {
            let st = &self.stats[tid as usize];
            if st.postings.len() <= GENERIC_POSTINGS_LIMIT {
                hits.extend_from_slice(&st.postings);
            }
        }
    }
}

/// The transcription marks of a name's first 64 tokens: (transcription syllables, those that start a run); `None`
/// for a name without any.
fn marks(n: &NormName) -> Option<[u64; 2]> {
    let mut m = [0u64; 2];
    for (i, t) in n.tokens.iter().take(64).enumerate() {
        match t.transcribed {
            Transcribed::No => {}
            Transcribed::Starts => {
                m[0] |= 1 << i;
                m[1] |= 1 << i;
            }
            Transcribed::Continues => m[0] |= 1 << i,
        }
    }
    (m[0] != 0).then_some(m)
}

/// The mark of token `i` from [`marks`].
fn mark_of(m: [u64; 2], i: usize) -> Transcribed {
    match (i < 64 && m[0] >> i & 1 == 1, i < 64 && m[1] >> i & 1 == 1) {
        (false, _) => Transcribed::No,
        (true, true) => Transcribed::Starts,
        (true, false) => Transcribed::Continues,
    }
}

/// Whether a token is compared by sound from the Latin side (as the scorer's `latin_word`).
fn latin_word(t: &Token) -> bool {
    !t.syllabic && !t.generic && !t.stopword && !t.numeric && !t.roman && t.text.len() >= 3
}

/// The keys of a vocabulary word written in Latin letters (none for a generic word, an article, a number).
pub(super) fn word_keys(text: &str, generic: bool, stopword: bool, numeric: bool) -> Vec<u64> {
    if generic || stopword || numeric || text.len() < 3 {
        return Vec::new();
    }
    latin_keys(text)
}
