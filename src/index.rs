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
    /// Builds the index from `(ref, published name)` pairs.
    pub fn build<'a>(names: impl IntoIterator<Item = (NameRef, &'a str)>) -> Index {
        let mut ix = Index::default();
        ix.extend(names);
        ix
    }

    /// Appends names to the index (a newly loaded list) without touching what is indexed already: new names get
    /// the next ids, new tokens their postings and keys; token weights (which depend on every loaded name) are
    /// recomputed from the per-token counts. The result is identical to [`Index::build`] over all names in the
    /// same order. Returns how many names were added.
    ///
    /// The names of one entry must come in one call and one after the other (duplicates within an entry are indexed
    /// once).
    pub fn extend<'a>(&mut self, names: impl IntoIterator<Item = (NameRef, &'a str)>) -> usize {
        let first_name = self.names.len();
        let first_token = self.stats.len();
        let mut extra: Vec<(u32, u32)> = Vec::new();
        // (token id, name id) of the new names, added to the postings at the end (one reallocation per token).
        let mut postings: Vec<(u32, u32)> = Vec::new();
        // The content hashes of the current entry's names (a set over the whole list cost a table of every name).
        let mut seen: rustc_hash::FxHashSet<u64> = Default::default();
        let mut seen_entry: Option<(u32, u32)> = None;
        // Buffers reused from name to name.
        let (mut tokens, mut key, mut joined) = (Vec::new(), String::new(), String::new());
        // The new names' words repeat (about four times each): each distinct word is looked up in the tables once.
        let mut memo = Memo::default();
        for (from, published) in names {
            if seen_entry != Some((from.list, from.entry)) {
                seen_entry = Some((from.list, from.entry));
                // An entry of very many names leaves a large table: start afresh rather than clear it every time.
                if seen.capacity() > 64 {
                    seen = Default::default();
                }
                seen.clear();
            }
            for (k, variant) in name_variants(published).into_iter().enumerate() {
                let norm = normalize_with(&variant, &mut memo);
                if norm.tokens.is_empty() {
                    continue;
                }
                // The same normalised name twice for one entry (e.g. "X Ltd" and "X Limited") is indexed once.
                let content = content_hash(&norm);
                if !seen.insert(content) {
                    continue;
                }
                let id = self.names.len() as u32;
                tokens.clear();
                for t in &norm.tokens {
                    let canon = match self.vocab.get(t.text.as_str()) {
                        Some(&tid) => tid,
                        None => {
                            let tid = self.stats.len() as u32;
                            self.vocab.insert(t.text.as_str().into(), tid);
                            let start = self.texts.len() as u32;
                            self.texts.push_str(&t.text);
                            let key = translit_key(&t.text);
                            self.texts.push_str(&key);
                            let (chars, letters) = letter_set(&t.text);
                            self.toks.push(TokenInfo {
                                start,
                                len: t.text.len() as u32,
                                key_len: key.len() as u32,
                                chars,
                                letters,
                                learnt: 1.0,
                                canon: tid,
                                flags: TokenFlags {
                                    generic: t.generic,
                                    place: t.place,
                                    numeric: t.numeric,
                                    stopword: t.stopword,
                                    in_loose: false,
                                    patronymic: t.patronymic,
                                    symbol: t.symbol,
                                },
                            });
                            self.stats.push(TokenStats::default());
                            tid
                        }
                    };
                    postings.push((canon, id));
                    tokens.push(if t.written.is_empty() { canon } else { self.written_id(canon, &t.written) });
                }
                let tail = tail_of(&norm);
                let tail_str = std::str::from_utf8(&tail).unwrap_or("").trim_end_matches('\0');
                for written in [false, true] {
                    if written && !rewritten(&norm) {
                        break;
                    }
                    if acronym_into(&norm, written, &mut key) {
                        extra.push((fold32(fnv(&[b"acr", key.as_bytes()])), id));
                    }
                    let mut push = |a: &str| extra.push((fold32(fnv(&[b"acr", a.as_bytes()])), id));
                    tail_acronyms(&norm, tail_str, written, &mut push);
                }
                // Two adjacent tokens written together ("Luo Luo" / "Luoluo", "Feroz Khan" / "FerozKhan"), keyed by
                // the joined text; the query side adds its own one-letter deletions ("MarkvHenry").
                // The words as written too, where a canonical rewrite changed one ("Aero Technic" / "Aerotechnic").
                for w in norm.tokens.windows(2) {
                    if !w[0].numeric && !w[1].numeric {
                        joined.clear();
                        joined.push_str(&w[0].text);
                        joined.push_str(&w[1].text);
                        extra.push((fold32(fnv(&[joined.as_bytes()]) ^ CAT), id));
                        if !w[0].written.is_empty() || !w[1].written.is_empty() {
                            joined.clear();
                            joined.push_str(w[0].written());
                            joined.push_str(w[1].written());
                            extra.push((fold32(fnv(&[joined.as_bytes()]) ^ CAT), id));
                        }
                    }
                }
                self.index_sounds(&norm, (from, k.min(u16::MAX as usize) as u16), id, &mut extra);
                let loose = norm.tokens.iter().any(|t| t.loose);
                let syllabic = norm.tokens.iter().any(|t| t.syllabic);
                if loose {
                    for &tid in &tokens {
                        let canon = self.toks[tid as usize].canon;
                        self.toks[tid as usize].flags.in_loose = true;
                        self.toks[canon as usize].flags.in_loose = true;
                    }
                }
                tokens.truncate(u16::MAX as usize);
                let mut inline = [0u32; INLINE_TOKENS];
                if tokens.len() <= INLINE_TOKENS {
                    inline[..tokens.len()].copy_from_slice(&tokens);
                } else {
                    inline[0] = self.overflow.len() as u32;
                    self.overflow.extend_from_slice(&tokens);
                }
                self.names.push(IndexedName {
                    from,
                    variant: k.min(u16::MAX as usize) as u16,
                    script: if loose { LOOSE } else { 0 } | if syllabic { SYLLABIC } else { 0 },
                    tail,
                    content,
                    len: tokens.len() as u16,
                    inline,
                });
            }
        }
        drop((memo, seen, tokens, key, joined));
        // Keys of the new tokens only: a token's deletions and sound keys never change.
        let mut deletes: Vec<(u32, u32)> = Vec::new();
        let mut sounds: Vec<(u32, u32)> = Vec::new();
        postings.sort_unstable();
        postings.dedup();
        for run in postings.chunk_by(|a, b| a.0 == b.0) {
            let st = &mut self.stats[run[0].0 as usize];
            let mut v = std::mem::take(&mut st.postings).into_vec();
            v.reserve_exact(run.len());
            v.extend(run.iter().map(|p| p.1));
            st.postings = v.into_boxed_slice();
        }
        drop(postings);
        // A word as written is found through its canonical token: it has no keys of its own.
        for id in (first_token..self.stats.len()).filter(|&id| self.toks[id].canon == id as u32) {
            if let Some(sym) = self.toks[id].flags.symbol {
                sounds.push((fold32(symbol_key(sym)), id as u32));
            }
            let text = self.text(id as u32);
            let f = self.toks[id].flags;
            for k in sound::word_keys(text, f.generic, f.stopword, f.numeric) {
                sounds.push((fold32(k), id as u32));
            }
            for k in deletion_keys(text) {
                deletes.push((fold32(k), id as u32));
            }
            if text.chars().count() >= 4 && !text.chars().any(|c| c.is_ascii_digit()) {
                let key = phonetic_key(text);
                if key.len() >= SOUND_KEY_MIN {
                    sounds.push((fold32(fnv(&[key.as_bytes()])), id as u32));
                }
                sounds.push((fold32(fnv(&[b"tr", self.key(id as u32).as_bytes()])), id as u32));
            }
        }
        self.deletes.merge(deletes);
        self.sounds.merge(sounds);
        self.extra.merge(extra);
        self.overflow.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.toks.shrink_to_fit();
        self.stats.shrink_to_fit();
        self.reweigh();
        self.names.len() - first_name
    }

    /// Token weights from the document frequencies: rarer tokens weigh more. Cheap (one pass over the vocabulary),
    /// so it runs after every change.
    fn reweigh(&mut self) {
        let n = self.names.len().max(1) as f64;
        let denom = (1.0 + n).ln();
        for (info, st) in self.toks.iter_mut().zip(&self.stats) {
            let df = st.postings.len().max(1) as f64;
            info.learnt = ((1.0 + n / df).ln() / denom).clamp(0.3, 1.0) as f32;
        }
        // A word as written weighs as its canonical token (which comes before it).
        for id in 0..self.toks.len() {
            let canon = self.toks[id].canon as usize;
            if canon != id {
                self.toks[id].learnt = self.toks[canon].learnt;
            }
        }
    }

    /// The token id of a listed word as written beside its canonical token `canon` ([`TokenInfo::canon`]), added
    /// the first time. The vocabulary keys it by the written word, a NUL and the canonical id: no canonical word
    /// holds a NUL, so a query's word never finds it.
    fn written_id(&mut self, canon: u32, written: &str) -> u32 {
        let key = format!("{written}\0{canon}");
        if let Some(&tid) = self.vocab.get(key.as_str()) {
            return tid;
        }
        let tid = self.stats.len() as u32;
        self.vocab.insert(key.into(), tid);
        let start = self.texts.len() as u32;
        self.texts.push_str(written);
        let info = TokenInfo { start, len: written.len() as u32, key_len: 0, canon, ..self.toks[canon as usize] };
        self.toks.push(info);
        self.stats.push(TokenStats::default());
        tid
    }

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

    /// Names worth scoring for a normalised query, best first, at most `limit`.
    ///
    /// `min_share` prunes names whose shared weight cannot reach that share of the query's weight (each query
    /// token counts once; unmatched generic tokens count half, as in the scorer): such names cannot score high
    /// enough, whatever the alignment.
    pub fn candidates(&self, q: &NormName, limit: usize, min_share: f64) -> Vec<u32> {
        self.candidates_memo(q, limit, min_share, &mut crate::score::Memo::default())
    }

    /// [`Index::candidates`], keeping the word comparisons it makes in `memo`, where the scorer of the same query
    /// finds them instead of comparing the words again.
    pub fn candidates_memo(
        &self,
        q: &NormName,
        limit: usize,
        min_share: f64,
        memo: &mut crate::score::Memo,
    ) -> Vec<u32> {
        // The weight shared with each name reached, in a dense table reused across queries (only the entries
        // touched are reset), which is several times faster than a hash map over thousands of postings.
        // The working buffers are reused too (taken here, given back at the end).
        let mut scratch = self.scratch.0.try_lock().ok();
        let mut own = Buffers::default();
        let bufs: &mut Buffers = scratch.as_deref_mut().unwrap_or(&mut own);
        let mut ids = std::mem::take(&mut bufs.ids);
        let mut reached = std::mem::take(&mut bufs.reached);
        let mut joined_hits = std::mem::take(&mut bufs.joined_hits);
        joined_hits.clear();
        let touched = std::mem::take(&mut bufs.touched);
        bufs.table.resize(self.names.len(), 0.0);
        let mut acc = Accumulator { table: &mut bufs.table, touched };
        let only_generic = q.tokens.iter().all(|t| t.generic || t.stopword);
        for (qi, t) in q.tokens.iter().enumerate() {
            if t.stopword {
                continue;
            }
            let w = self.weight(t);
            ids.clear();
            let exact = self.token_id(&t.text);
            ids.extend(exact);
            let shape = Shape::of(&t.text);
            if !t.numeric && t.text.chars().count() >= 4 {
                for k in deletion_keys(&t.text) {
                    self.deletes.lookup(k, &mut ids);
                }
                let key = phonetic_key(&t.text);
                if key.len() >= SOUND_KEY_MIN {
                    self.sounds.lookup(fnv(&[key.as_bytes()]), &mut ids);
                }
                self.sounds.lookup(fnv(&[b"tr", shape.key.as_bytes()]), &mut ids);
            }
            if let Some(sym) = t.symbol {
                self.sounds.lookup(symbol_key(sym), &mut ids);
            }
            ids.sort_unstable();
            ids.dedup();
            // Follow only the words the scorer would pair with this one: a word one deletion or one sound key away
            // that the scorer rejects ("visa" / "vida", "coca" / "coal") would only bring names to score in vain.
            // Consonant spellings of Arabic-script names are compared by the scorer too, so they are kept.
            if !t.loose {
                let mut cons: Option<String> = None;
                ids.retain(|&tid| {
                    exact == Some(tid)
                        || t.symbol.is_some() && self.toks[tid as usize].flags.symbol == t.symbol
                        || memo.corresponds(qi, tid, || {
                            similarity(&t.text, &shape, self.text(tid), &self.token_shape(tid))
                        })
                        || (self.toks[tid as usize].flags.in_loose
                            && *cons.get_or_insert_with(|| consonants(&t.text)) == consonants(self.text(tid)))
                });
            }
            reached.clear();
            for &tid in &ids {
                let st = &self.stats[tid as usize];
                if t.generic && !only_generic && st.postings.len() > GENERIC_POSTINGS_LIMIT {
                    continue;
                }
                reached.extend_from_slice(&st.postings);
            }
            // A query token that is an acronym of a listed name: four to eight letters, as the scorer's acronym rule
            // (shorter ones can only be initials there, which never carry a match).
            if is_acronym_like(&t.text) {
                self.extra.lookup(fnv(&[b"acr", t.text.as_bytes()]), &mut reached);
            }
            reached.sort_unstable();
            reached.dedup();
            for &n in &reached {
                acc.add(n, w);
            }
        }
        // The query's acronyms against listed single-token names, as the scorer reads them: the initials of any run of two words or more ("Beijing Computing Science
        // Research Center" / "CSRC"), and of a run ending the name followed by its legal tail ("Semiconductor
        // Manufacturing International Corp" / "SMIC").
        // Each listed token once (a name's runs can spell one acronym twice): their ids, sorted and de-duplicated
        // (linear in the query's words; a scan of the acronyms found so far was quadratic).
        let mut acronym_ids: Vec<u32> = Vec::new();
        let mut add = |a: &str| {
            if is_acronym_like(a) {
                if let Some(id) = self.token_id(a) {
                    acronym_ids.push(id);
                }
            }
        };
        let tail = tail_of(q);
        for written in [false, true] {
            if written && !rewritten(q) {
                break;
            }
            let initials = initials_of(q, written);
            if initials.is_ascii() {
                for start in 0..initials.len() {
                    for end in start + 4..=initials.len().min(start + 8) {
                        add(&initials[start..end]);
                    }
                }
            }
            tail_acronyms(q, std::str::from_utf8(&tail).unwrap_or("").trim_end_matches('\0'), written, &mut add);
        }
        acronym_ids.sort_unstable();
        acronym_ids.dedup();
        for id in acronym_ids {
            for &n in &self.stats[id as usize].postings {
                acc.add(n, 1.0);
            }
        }
        self.sound_candidates(q, &mut joined_hits);
        // Adjacent query tokens joined, against a listed token or two listed tokens joined ("Evr oPolis" /
        // "Evro Polis"); a long query token against two listed tokens joined ("FerozKhan", "MarkvHenry").
        for w in q.tokens.windows(2) {
            let joined = format!("{}{}", w[0].text, w[1].text);
            if let Some(id) = self.token_id(&joined) {
                joined_hits.extend_from_slice(&self.stats[id as usize].postings);
            } else if joined.len() >= 8 && !w[0].numeric && !w[1].numeric {
                // One edit away from a listed token ("Tele Communications" / "Telecommunication").
                let mut tids = Vec::new();
                for k in deletion_keys(&joined) {
                    self.deletes.lookup(k, &mut tids);
                }
                tids.sort_unstable();
                tids.dedup();
                for tid in tids {
                    let st = &self.stats[tid as usize];
                    if st.postings.len() <= GENERIC_POSTINGS_LIMIT {
                        joined_hits.extend_from_slice(&st.postings);
                    }
                }
            }
            self.extra.lookup(fnv(&[joined.as_bytes()]) ^ CAT, &mut joined_hits);
            // The words as written, where a canonical rewrite changed one ("Aero Technic" / "Aerotechnic").
            if w[0].written != w[0].text || w[1].written != w[1].text {
                let written = format!("{}{}", w[0].written(), w[1].written());
                if let Some(id) = self.token_id(&written) {
                    joined_hits.extend_from_slice(&self.stats[id as usize].postings);
                }
                self.extra.lookup(fnv(&[written.as_bytes()]) ^ CAT, &mut joined_hits);
            }
        }
        for t in q.tokens.iter().filter(|t| !t.numeric && !t.stopword && t.text.len() >= 4) {
            if t.text.len() < 6 {
                // Short syllables joined ("Mali" / "Ma Li"): exactly, as one-letter deletions would join too much.
                self.extra.lookup(fnv(&[t.text.as_bytes()]) ^ CAT, &mut joined_hits);
                continue;
            }
            for k in deletion_keys(&t.text) {
                self.extra.lookup(k ^ CAT, &mut joined_hits);
            }
        }
        joined_hits.sort_unstable();
        joined_hits.dedup();
        for &n in &joined_hits {
            acc.add(n, 1.0);
        }
        // Generic words alone match only when every word of both names pairs up (see `score_tokens`): then a
        // candidate must be reached through every query word.
        let floor: f64 = if only_generic {
            q.tokens.iter().filter(|t| !t.stopword).map(|t| self.weight(t)).sum::<f64>() - 1e-9
        } else {
            min_share
                * q.tokens
                    .iter()
                    .filter(|t| !t.stopword)
                    .map(|t| if t.generic { self.weight(t) * 0.5 } else { self.weight(t) })
                    .sum::<f64>()
        };
        let mut ranked: Vec<(u32, f64)> = acc.drain().filter(|(_, a)| *a >= floor).collect();
        let mut touched = acc.touched;
        touched.clear();
        (bufs.ids, bufs.reached, bufs.joined_hits, bufs.touched) = (ids, reached, joined_hits, touched);
        crate::sort::sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked.into_iter().map(|(id, _)| id).collect()
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

mod sound;
mod store;
use store::{KeyTable, Names};

#[cfg(test)]
mod tests;
