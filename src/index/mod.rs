//! Stage 3: candidate generation, so that a query never scans every listed name.
//!
//! Every listed name and alias is split into the names it holds ([`crate::normalize::name_variants`]),
//! normalised once, and indexed by:
//! - its tokens (postings per token, with a weight learnt from the loaded lists: rarer tokens count more);
//! - each token's one-edit deletion neighbourhood (so a typo or transposition in any token still reaches it);
//! - each token's sound key (transliteration variants: Tehnocenter / Technocenter);
//! - the concatenation of adjacent tokens ("Luo Luo" ↔ "Luoluo") and the name's acronym ("PAEC").
//!
//! A query collects the names reached through its non-generic tokens, ranks them by the weight they share, and
//! hands the best few hundred to the scorer.

use rustc_hash::FxHashMap as HashMap;

use crate::normalize::Symbol;
use crate::normalize::{
    consonants, deletion_hashes, name_variants, normalize, normalize_with, phonetic_key, trailing_roman, translit_key,
    Memo, NormName, Token,
};
use crate::score::{
    letter_set, similarity, Shape, WTok, GENERIC_WEIGHT, PATRONYMIC_FACTOR, SHORT_WEIGHT, STOPWORD_WEIGHT,
};

/// Where an indexed name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// Position of the list in the screener.
    pub list: u32,
    /// Position of the entry in its list.
    pub entry: u32,
    /// `None` for the primary name, `Some(i)` for alias `i`.
    pub alias: Option<u32>,
}

/// One indexed name (a variant of a published name or alias). Tokens are ids into the index's vocabulary, so
/// each distinct word is stored once however many names hold it.
#[derive(Clone, Debug)]
pub struct IndexedName {
    pub from: NameRef,
    /// Position of this variant among `name_variants` of the published name (0: the name itself). The variant's
    /// text is not stored: it is recomputed from the published name when a hit is shown.
    pub variant: u16,
    /// [`LOOSE`] (written in Arabic script: compared by consonants too) and [`SYLLABIC`] (romanised from Han,
    /// Hangul or Kana: short syllables are compared whole, [`crate::normalize::Token::syllabic`]).
    script: u8,
    /// The first letters of the legal-form words that ended the name ([`NormName::legal_tail`]), at most
    /// [`TAIL_LETTERS`], zero-padded: acronyms may spell them ("SMIC"), as the scorer reads them. Kept in place
    /// (it fits the record's padding) so that the screener scores a candidate as `match_names` does.
    tail: [u8; TAIL_LETTERS],
    /// Hash of the content key (tokens without articles) that decides an exact match.
    pub content: u64,
    /// Token ids (see [`Index::token_ids`]): in place for names of up to [`INLINE_TOKENS`] tokens, so that scoring a
    /// candidate reads one record instead of following a pointer; longer names keep them in the index's overflow.
    len: u16,
    inline: [u32; INLINE_TOKENS],
}

/// Per-name sums of a query's shared weight: a dense table indexed by name id plus the ids touched.
struct Accumulator<'t> {
    table: &'t mut Vec<f64>,
    touched: Vec<u32>,
}

impl Accumulator<'_> {
    /// Adds `w` (always positive) to name `n`.
    fn add(&mut self, n: u32, w: f64) {
        let Some(slot) = self.table.get_mut(n as usize) else { return };
        if *slot == 0.0 {
            self.touched.push(n);
        }
        *slot += w;
    }

    /// The sums, leaving the table zeroed for the next query.
    fn drain(&mut self) -> impl Iterator<Item = (u32, f64)> + '_ {
        let table = &mut *self.table;
        self.touched.iter().map(move |&n| (n, std::mem::take(&mut table[n as usize])))
    }
}

/// The accumulator table and working buffers of [`Index::candidates`], kept between queries. A query that finds
/// them in use (another thread) uses buffers of its own.
#[derive(Debug, Default)]
struct Scratch(std::sync::Mutex<Buffers>);

#[derive(Debug, Default)]
struct Buffers {
    table: Vec<f64>,
    touched: Vec<u32>,
    ids: Vec<u32>,
    reached: Vec<u32>,
    joined_hits: Vec<u32>,
}

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

/// Most names have this many tokens or fewer.
const INLINE_TOKENS: usize = 6;

/// Letters of a legal tail kept per indexed name ("cl" for "Co., Ltd."; "jsc" for "Joint Stock Company").
const TAIL_LETTERS: usize = 3;
/// [`IndexedName::script`] bits.
const LOOSE: u8 = 1;
const SYLLABIC: u8 = 2;

impl IndexedName {
    /// Whether this variant was derived by us (split from a compound name, bracketed acronym).
    pub fn derived(&self) -> bool {
        self.variant > 0
    }

    /// The initials of the legal forms that ended the name ([`NormName::legal_tail`], its first [`TAIL_LETTERS`]).
    pub fn legal_tail(&self) -> &str {
        let n = self.tail.iter().position(|&b| b == 0).unwrap_or(TAIL_LETTERS);
        std::str::from_utf8(&self.tail[..n]).unwrap_or("")
    }
}

/// The ASCII initials of a legal tail, as an [`IndexedName`] keeps them.
fn tail_of(n: &NormName) -> [u8; TAIL_LETTERS] {
    let mut tail = [0u8; TAIL_LETTERS];
    for (slot, b) in tail.iter_mut().zip(n.legal_tail.bytes().take_while(u8::is_ascii_alphabetic)) {
        *slot = b;
    }
    tail
}

/// The acronyms the scorer's acronym rule reads for a name whose legal forms ended it ("Semiconductor Manufacturing
/// International Corporation" → "smic"; "China Communications Construction Co., Ltd" → "cccc", "ccccl"): the
/// initials of a run of two words or more ending the name, followed by the first letters of its legal tail, four
/// to eight letters in all (see `multi_pairings` in [`crate::score`]).
fn tail_acronyms(n: &NormName, tail: &str, written: bool, mut f: impl FnMut(&str)) {
    if tail.is_empty() {
        return;
    }
    let content: Vec<&Token> = n.tokens.iter().filter(|t| !t.stopword).collect();
    if content.len() < 2 {
        return;
    }
    let initials = initials_of(n, written);
    if !initials.is_ascii() {
        return;
    }
    // Only runs short enough to spell eight letters with the tail: the last eight words at most (starting earlier
    // would copy ever longer runs of initials, quadratic in a long name's words, to test keys that are too long).
    let mut key = String::new();
    for start in content.len().saturating_sub(8)..content.len() - 1 {
        for k in 1..=tail.len() {
            key.clear();
            key.push_str(&initials[start..]);
            key.push_str(&tail[..k]);
            if is_acronym_like(&key) {
                f(&key);
            }
        }
    }
}

/// What the vocabulary knows of a token.
#[derive(Clone, Copy, Debug, Default)]
struct TokenFlags {
    generic: bool,
    place: bool,
    numeric: bool,
    stopword: bool,
    /// Occurs in a name written in Arabic script, which the scorer also compares by consonants.
    in_loose: bool,
    patronymic: bool,
    symbol: Option<Symbol>,
}

/// What the index keeps of a vocabulary token besides its postings.
#[derive(Clone, Copy, Debug, Default)]
struct TokenInfo {
    /// The token's text is `texts[start..start + len]`, its transliteration key the next `key_len` bytes.
    start: u32,
    len: u32,
    key_len: u32,
    /// Length in characters and character set ([`letter_set`]), for the scorer's cheap rejections.
    chars: u32,
    letters: u64,
    /// Weight learnt from the loaded lists (see [`Index::weight`]).
    learnt: f32,
    /// The canonical token this one stands for: itself, or, for a word as written that normalisation rewrote
    /// ([`Token::written`], "technic" for "technology"), the canonical token, whose text, key, postings and weight it
    /// shares; its own `start` and `len` then give the word as written (and `key_len` is 0).
    canon: u32,
    flags: TokenFlags,
}

#[derive(Clone, Debug, Default)]
struct TokenStats {
    /// Ids of the names holding the token, ascending (its document frequency is their number).
    postings: Box<[u32]>,
}

/// The index over every name of every loaded list.
#[derive(Clone, Debug, Default)]
pub struct Index {
    names: Names,
    /// Token ids of the names longer than [`INLINE_TOKENS`].
    overflow: Vec<u32>,
    vocab: HashMap<Box<str>, u32>,
    /// Every token's text followed by its transliteration key, one token after the other (see [`TokenInfo`]).
    texts: String,
    /// Token id → where its text and key are, its shape and flags, in one place (one cache line per token read).
    toks: Vec<TokenInfo>,
    stats: Vec<TokenStats>,
    /// (hash of a token or one of its one-deletions, token id).
    deletes: KeyTable,
    scratch: Scratch,
    /// (hash of a sound key, token id).
    sounds: KeyTable,
    /// (hash of an acronym or of two adjacent tokens joined, or of a transcription run's sound, name id).
    extra: KeyTable,
    /// The transcription marks of the names that have any ([`sound::marks`]), by name and variant, sorted (a
    /// sorted vector rather than a map: few names have any, and a map of this type would add its code to the wasm).
    sound_marks: Vec<(sound::At, [u64; 2])>,
}

/// Hash of a name's content key: equal hashes (and equal token counts) are an exact match. The same as
/// [`fnv`] of [`crate::score::content_key`], without building the key (this runs for every name indexed and every query).
pub fn content_hash(n: &NormName) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    for (k, t) in n.tokens.iter().filter(|t| !t.stopword).enumerate() {
        if k > 0 {
            eat(b' ');
        }
        t.text.bytes().for_each(&mut eat);
    }
    eat(0xff);
    h
}

/// FNV-1a: a small deterministic hash, identical natively and in wasm.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The token and its one-character deletions (tokens of four letters or more, no digits).
fn deletion_keys(t: &str) -> Vec<u64> {
    if t.chars().count() < 4 || t.bytes().any(|c| c.is_ascii_digit()) {
        return vec![fnv(&[t.as_bytes()])];
    }
    let mut keys = deletion_hashes(t);
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether a token can stand for a run of words in the scorer ([`crate::score`]'s acronym pairing): four to eight
/// ASCII letters.
fn is_acronym_like(t: &str) -> bool {
    (4..=8).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_alphabetic())
}

/// The initials of a name's words (articles left out) into `out`; false (and `out` empty) for a name of fewer than two
/// such words or with a number.
fn acronym_into(n: &NormName, written: bool, out: &mut String) -> bool {
    out.clear();
    let content = || n.tokens.iter().filter(|t| !t.stopword);
    if content().nth(1).is_none() || content().any(|t| t.numeric) {
        return false;
    }
    out.push_str(&initials_of(n, written));
    true
}

/// The first letters of a name's words (articles left out), canonical or as written ([`Token::written`]): an
/// acronym may spell either ("NZPP" / "Novosibirski Zavod Poluprovodnikovykh Priborov", "zavod" read "factory").
fn initials_of(n: &NormName, written: bool) -> String {
    let word = |t: &Token| if written { t.written() } else { t.text.as_str() }.chars().next();
    n.tokens.iter().filter(|t| !t.stopword).filter_map(word).collect()
}

/// Whether a canonical rewrite changed one of a name's words ([`Token::written`]).
fn rewritten(n: &NormName) -> bool {
    n.tokens.iter().any(|t| !t.written.is_empty())
}

/// The key under which a token standing for a number or a given name is found by its equivalents ("second" /
/// "2nd", "Pavlo" / "Pavel"), which the scorer pairs whatever their spelling.
fn symbol_key(sym: Symbol) -> u64 {
    let (tag, v): (&[u8], u32) = match sym {
        Symbol::Number(n) => (b"sym-n", n),
        Symbol::GivenName(g) => (b"sym-g", g),
        Symbol::Concept(c) => (b"sym-c", c),
    };
    fnv(&[tag, &v.to_le_bytes()])
}

fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Sound keys shorter than this ("hn", "mn") join too many words to be worth following.
const SOUND_KEY_MIN: usize = 3;

/// Mixed into the keys of joined adjacent tokens so they never collide with acronym keys.
const CAT: u64 = 0x9e37_79b9_7f4a_7c15;

/// Postings longer than this are not followed for a generic token: such a token cannot carry a match anyway.
const GENERIC_POSTINGS_LIMIT: usize = 200;
/// How many candidates go on to full scoring.
pub const MAX_CANDIDATES: usize = 400;

impl Index {
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn name(&self, id: u32) -> Option<&IndexedName> {
        self.names.get(id as usize)
    }

    /// Weight of a token from the loaded lists: rarer tokens weigh more; generic tokens and articles stay low;
    /// numbers are hard evidence; a token no list contains weighs fully.
    pub fn weight(&self, t: &Token) -> f64 {
        self.word_weight(t) * if t.patronymic { PATRONYMIC_FACTOR } else { 1.0 }
    }

    /// [`Index::weight`] before a patronymic's factor, which [`crate::score::weigh`] applies (as `matchNames`'
    /// list-independent weights do).
    pub fn word_weight(&self, t: &Token) -> f64 {
        let learnt = self.token_id(&t.text).and_then(|id| self.toks.get(id as usize)).map_or(1.0, |i| i.learnt as f64);
        Self::shape(learnt, t.text.chars().count() <= 2, t.generic, t.numeric, t.stopword)
    }

    /// `short`: the token has two characters or fewer.
    fn shape(learnt: f64, short: bool, generic: bool, numeric: bool, stopword: bool) -> f64 {
        if stopword {
            STOPWORD_WEIGHT
        } else if numeric {
            1.0
        } else if generic {
            learnt.min(GENERIC_WEIGHT)
        } else if short {
            learnt.min(SHORT_WEIGHT)
        } else {
            learnt
        }
    }

    /// The token ids of an indexed name, in order.
    fn token_ids<'a>(&'a self, name: &'a IndexedName) -> &'a [u32] {
        let len = name.len as usize;
        if len <= INLINE_TOKENS {
            &name.inline[..len]
        } else {
            let start = name.inline[0] as usize;
            self.overflow.get(start..start + len).unwrap_or(&[])
        }
    }

    /// The weighed tokens of an indexed name.
    pub fn weighed<'a>(&'a self, name: &IndexedName) -> Vec<WTok<'a>> {
        let mut out = Vec::with_capacity(name.len as usize);
        self.weighed_into(name, &mut out);
        out
    }

    /// [`Index::weighed`] into a buffer the caller reuses (one allocation per query instead of per candidate).
    pub fn weighed_into<'a>(&'a self, name: &IndexedName, out: &mut Vec<WTok<'a>>) {
        out.clear();
        out.extend(self.token_ids(name).iter().filter_map(|&wid| {
            let own = self.toks.get(wid as usize)?;
            let id = own.canon;
            let info = self.toks.get(id as usize)?;
            let (start, end) = (info.start as usize, (info.start + info.len) as usize);
            let text = self.texts.get(start..end)?;
            let key = self.texts.get(end..end + info.key_len as usize)?;
            let written =
                if id == wid { text } else { self.texts.get(own.start as usize..(own.start + own.len) as usize)? };
            let (f, learnt) = (info.flags, info.learnt as f64);
            Some(WTok {
                text,
                written,
                shape: Shape { key: key.into(), chars: info.chars, letters: info.letters, digit: f.numeric },
                weight: Self::shape(learnt, info.chars <= 2, f.generic, f.numeric, f.stopword)
                    * if f.patronymic { PATRONYMIC_FACTOR } else { 1.0 },
                generic: f.generic,
                numeric: f.numeric,
                stopword: f.stopword,
                place: f.place,
                loose: name.script & LOOSE != 0,
                id,
                symbol: f.symbol,
                patronymic: f.patronymic,
                roman: false,
                syllabic: name.script & SYLLABIC != 0,
                transcribed: crate::normalize::Transcribed::No,
            })
        }));
        self.mark_sounds(name, out);
        if let Some(k) = trailing_roman(out.iter().map(|t| (t.text, t.stopword))) {
            out[k].roman = true;
        }
    }

    /// Whether two indexed names score alike against any query: the same words in the same order, the same script
    /// marks and legal tail (the scorer reads nothing else of a name but its kind, which the caller compares).
    pub(crate) fn score_alike(&self, a: &IndexedName, b: &IndexedName) -> bool {
        a.content == b.content
            && a.script == b.script
            && a.tail == b.tail
            && self.token_ids(a) == self.token_ids(b)
            && self.sound_marks_of(a) == self.sound_marks_of(b)
    }

    /// A hash of what [`Index::score_alike`] compares.
    pub(crate) fn score_hash(&self, n: &IndexedName) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        (n.content, n.script, n.tail, self.token_ids(n), self.sound_marks_of(n)).hash(&mut h);
        h.finish()
    }

    /// The id of a token in the vocabulary.
    fn token_id(&self, text: &str) -> Option<u32> {
        self.vocab.get(text).copied()
    }

    /// The text of a token.
    fn text_of(&self, id: u32) -> Option<&str> {
        let info = self.toks.get(self.toks.get(id as usize)?.canon as usize)?;
        self.texts.get(info.start as usize..(info.start + info.len) as usize)
    }

    fn text(&self, id: u32) -> &str {
        self.text_of(id).unwrap_or("")
    }

    /// What the scorer reads of a vocabulary token besides its text.
    fn token_shape(&self, id: u32) -> Shape<'_> {
        let info = self.toks.get(id as usize).copied().unwrap_or_default();
        Shape { key: self.key(id).into(), chars: info.chars, letters: info.letters, digit: info.flags.numeric }
    }

    /// The transliteration key of a token.
    fn key(&self, id: u32) -> &str {
        let Some(info) = self.toks.get(id as usize) else { return "" };
        let start = (info.start + info.len) as usize;
        self.texts.get(start..start + info.key_len as usize).unwrap_or("")
    }

    /// The brute-force baseline of the benchmarks: Jaro-Winkler of the query against every indexed name, as a
    /// plain screener without an index would do. Returns the best name and its similarity.
    pub fn brute_force(&self, query: &str) -> Option<(u32, f64)> {
        let q = normalize(query).key();
        let mut best: Option<(u32, f64)> = None;
        let mut key = String::new();
        for (i, n) in self.names.iter().enumerate() {
            key.clear();
            for (k, &t) in self.token_ids(n).iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(self.text(t));
            }
            let s = strsim::jaro_winkler(&q, &key);
            if best.is_none_or(|b| s > b.1) {
                best = Some((i as u32, s));
            }
        }
        best
    }

    /// Every name, for the brute-force baseline in benchmarks.
    pub fn names(&self) -> impl Iterator<Item = &IndexedName> {
        self.names.iter()
    }

    /// Token ids of a name (for statistics and tests).
    pub fn token_count(&self) -> usize {
        self.stats.len()
    }

    /// Approximate heap bytes per part of the index (for the memory benchmark).
    #[doc(hidden)]
    pub fn memory_report(&self) -> String {
        let names = self.names.bytes() + self.overflow.capacity() * 4;
        let vocab = self.vocab.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self.vocab.keys().map(|k| k.len()).sum::<usize>();
        let texts = self.texts.capacity() + self.toks.capacity() * std::mem::size_of::<TokenInfo>();
        let stats = self.stats.capacity() * std::mem::size_of::<TokenStats>()
            + self.stats.iter().map(|s| s.postings.len() * 4).sum::<usize>();
        let tables = self.deletes.bytes() + self.sounds.bytes() + self.extra.bytes();
        format!(
            "names {} ({:.1} MiB), tokens {} (vocab {:.1} MiB, texts and keys {:.1} MiB, postings {:.1} MiB), deletes {} sounds {} extra {} ({:.1} MiB)",
            self.names.len(),
            names as f64 / 1048576.0,
            self.toks.len(),
            vocab as f64 / 1048576.0,
            texts as f64 / 1048576.0,
            stats as f64 / 1048576.0,
            self.deletes.len(),
            self.sounds.len(),
            self.extra.len(),
            tables as f64 / 1048576.0
        )
    }

    /// FNV-1a over everything the index holds (names, vocabulary, token data, postings, key tables), in a fixed
    /// order: equal digests from two builds mean the same index (`cargo bench --bench profile -- --norm-digest`,
    /// tests/load_same.rs).
    #[doc(hidden)]
    pub fn digest(&self) -> u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        let mut eat = |s: &str| {
            for b in s.bytes().chain([0xff]) {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        };
        for n in self.names.iter() {
            eat(&format!("{n:?}"));
        }
        eat(&format!("{:?}", self.overflow));
        eat(&self.texts);
        for (id, (info, st)) in self.toks.iter().zip(&self.stats).enumerate() {
            let text = self.text(id as u32);
            eat(&format!("{text} {:?} {:?} {:?}", self.vocab.get(text), info, st.postings));
        }
        for t in [&self.deletes, &self.sounds, &self.extra] {
            let (pairs, starts) = t.flat();
            eat(&format!("{:?} {:?} {:?}", pairs, starts, t.present));
        }
        h
    }

    #[doc(hidden)]
    pub fn name_tokens(&self, id: u32) -> usize {
        self.names.get(id as usize).map(|n| n.len as usize).unwrap_or(0)
    }
}

// --- Read-only accessors for the text screen (`src/mentions.rs`), kept in one block -------------------------------

impl Index {
    /// The weight learnt for a vocabulary token from the loaded lists (rarer tokens weigh more, see
    /// [`Index::weight`]); `None` when no listed name holds the token.
    pub(crate) fn learnt(&self, token: &str) -> Option<f64> {
        self.token_id(token).and_then(|id| self.toks.get(id as usize)).map(|i| f64::from(i.learnt))
    }
}

mod build;
mod candidates;
mod sound;
mod store;
use store::{KeyTable, Names};

#[cfg(test)]
mod tests;
