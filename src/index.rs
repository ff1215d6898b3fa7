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

use crate::fxhash::FxHashMap as HashMap;

use crate::normalize::{deletion_hashes, name_variants, normalize, phonetic_key, translit_key, NormName, Token};
use crate::score::{content_key, WTok, GENERIC_WEIGHT, SHORT_WEIGHT, STOPWORD_WEIGHT};

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
    /// Written in Arabic script (compared by consonants too).
    loose: bool,
    /// Hash of the content key (tokens without articles) that decides an exact match.
    pub content: u64,
    tokens: Box<[u32]>,
}

impl IndexedName {
    /// Whether this variant was derived by us (split from a compound name, bracketed acronym).
    pub fn derived(&self) -> bool {
        self.variant > 0
    }
}

/// What the vocabulary knows of a token.
#[derive(Clone, Copy, Debug, Default)]
struct TokenFlags {
    generic: bool,
    place: bool,
    numeric: bool,
    stopword: bool,
}

#[derive(Clone, Debug, Default)]
struct TokenStats {
    /// Ids of the names holding the token, ascending (its document frequency is their number).
    postings: Box<[u32]>,
}

/// The index over every name of every loaded list.
#[derive(Clone, Debug, Default)]
pub struct Index {
    names: Vec<IndexedName>,
    vocab: HashMap<Box<str>, u32>,
    /// Every token's text, one after the other; `ends[id]` is where token `id` ends.
    texts: String,
    ends: Vec<u32>,
    /// Token id → flags.
    flags: Vec<TokenFlags>,
    stats: Vec<TokenStats>,
    /// Token id → weight learnt from the loaded lists (see [`Index::weight`]).
    weights: Vec<f32>,
    /// (hash of a token or one of its one-deletions, token id), sorted for binary search.
    deletes: Vec<(u32, u32)>,
    /// (hash of a sound key, token id), sorted.
    sounds: Vec<(u32, u32)>,
    /// (hash of an acronym or of two adjacent tokens joined, name id), sorted.
    extra: Vec<(u32, u32)>,
}

/// Hash of a name's content key: equal hashes (and equal token counts) are an exact match.
pub fn content_hash(n: &NormName) -> u64 {
    fnv(&[content_key(n).as_bytes()])
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

fn acronym(n: &NormName) -> Option<String> {
    let content: Vec<&Token> = n.tokens.iter().filter(|t| !t.stopword).collect();
    if content.len() < 2 || content.iter().any(|t| t.numeric) {
        return None;
    }
    Some(content.iter().filter_map(|t| t.text.chars().next()).collect())
}

/// Looks up a key in a sorted (key, id) table. Keys are 64-bit hashes folded to 32 bits to halve the tables'
/// memory; a rare collision only adds a candidate, which the scorer then rejects.
fn lookup_sorted(v: &[(u32, u32)], key: u64, out: &mut Vec<u32>) {
    let key = fold32(key);
    let start = v.partition_point(|(k, _)| *k < key);
    out.extend(v[start..].iter().take_while(|(k, _)| *k == key).map(|(_, id)| *id));
}

fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Adds `new` to the sorted, deduplicated table `v`, keeping it sorted and deduplicated. The stable sort merges
/// the two sorted runs in linear time.
fn merge_sorted(v: &mut Vec<(u32, u32)>, mut new: Vec<(u32, u32)>) {
    new.sort_unstable();
    v.append(&mut new);
    v.sort();
    v.dedup();
    v.shrink_to_fit();
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
    /// The names of one entry must come in one call (duplicates within an entry are indexed once).
    pub fn extend<'a>(&mut self, names: impl IntoIterator<Item = (NameRef, &'a str)>) -> usize {
        let first_name = self.names.len();
        let first_token = self.stats.len();
        let mut extra: Vec<(u32, u32)> = Vec::new();
        // (token id, name id) of the new names, added to the postings at the end (one reallocation per token).
        let mut postings: Vec<(u32, u32)> = Vec::new();
        let mut seen: crate::fxhash::FxHashSet<(u32, u32, u64)> = Default::default();
        for (from, published) in names {
            for (k, variant) in name_variants(published).into_iter().enumerate() {
                let norm = normalize(&variant);
                if norm.tokens.is_empty() {
                    continue;
                }
                // The same normalised name twice for one entry (e.g. "X Ltd" and "X Limited") is indexed once.
                let content = content_hash(&norm);
                if !seen.insert((from.list, from.entry, content)) {
                    continue;
                }
                let id = self.names.len() as u32;
                let mut tokens = Vec::with_capacity(norm.tokens.len());
                for t in &norm.tokens {
                    let tid = match self.vocab.get(t.text.as_str()) {
                        Some(&tid) => tid,
                        None => {
                            let tid = self.stats.len() as u32;
                            self.vocab.insert(t.text.as_str().into(), tid);
                            self.texts.push_str(&t.text);
                            self.ends.push(self.texts.len() as u32);
                            self.flags.push(TokenFlags {
                                generic: t.generic,
                                place: t.place,
                                numeric: t.numeric,
                                stopword: t.stopword,
                            });
                            self.stats.push(TokenStats::default());
                            tid
                        }
                    };
                    postings.push((tid, id));
                    tokens.push(tid);
                }
                if let Some(a) = acronym(&norm) {
                    extra.push((fold32(fnv(&[b"acr", a.as_bytes()])), id));
                }
                // Two adjacent tokens written together ("Luo Luo" / "Luoluo", "Feroz Khan" / "FerozKhan"), keyed by
                // the joined text; the query side adds its own one-letter deletions ("MarkvHenry").
                let mut joined = String::new();
                for w in norm.tokens.windows(2) {
                    if !w[0].numeric && !w[1].numeric {
                        joined.clear();
                        joined.push_str(&w[0].text);
                        joined.push_str(&w[1].text);
                        extra.push((fold32(fnv(&[joined.as_bytes()]) ^ CAT), id));
                    }
                }
                let loose = norm.tokens.iter().any(|t| t.loose);
                self.names.push(IndexedName {
                    from,
                    variant: k.min(u16::MAX as usize) as u16,
                    loose,
                    content,
                    tokens: tokens.into_boxed_slice(),
                });
            }
        }
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
        for id in first_token..self.stats.len() {
            let text = self.text(id as u32);
            for k in deletion_keys(text) {
                deletes.push((fold32(k), id as u32));
            }
            if text.chars().count() >= 4 && !text.chars().any(|c| c.is_ascii_digit()) {
                let key = phonetic_key(text);
                if key.len() >= SOUND_KEY_MIN {
                    sounds.push((fold32(fnv(&[key.as_bytes()])), id as u32));
                }
                sounds.push((fold32(fnv(&[b"tr", translit_key(text).as_bytes()])), id as u32));
            }
        }
        merge_sorted(&mut self.deletes, deletes);
        merge_sorted(&mut self.sounds, sounds);
        merge_sorted(&mut self.extra, extra);
        self.names.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.flags.shrink_to_fit();
        self.stats.shrink_to_fit();
        self.reweigh();
        self.names.len() - first_name
    }

    /// Token weights from the document frequencies: rarer tokens weigh more. Cheap (one pass over the vocabulary),
    /// so it runs after every change.
    fn reweigh(&mut self) {
        let n = self.names.len().max(1) as f64;
        let denom = (1.0 + n).ln();
        self.weights.clear();
        self.weights.extend(self.stats.iter().map(|st| {
            let df = st.postings.len().max(1) as f64;
            ((1.0 + n / df).ln() / denom).clamp(0.3, 1.0) as f32
        }));
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
        let learnt = self.token_id(&t.text).map(|id| self.weights[id as usize] as f64).unwrap_or(1.0);
        Self::shape(learnt, &t.text, t.generic, t.numeric, t.stopword)
    }

    fn shape(learnt: f64, text: &str, generic: bool, numeric: bool, stopword: bool) -> f64 {
        if stopword {
            STOPWORD_WEIGHT
        } else if numeric {
            1.0
        } else if generic {
            learnt.min(GENERIC_WEIGHT)
        } else if text.chars().count() <= 2 {
            learnt.min(SHORT_WEIGHT)
        } else {
            learnt
        }
    }

    /// The weighed tokens of an indexed name.
    pub fn weighed<'a>(&'a self, name: &IndexedName) -> Vec<WTok<'a>> {
        let mut out = Vec::with_capacity(name.tokens.len());
        self.weighed_into(name, &mut out);
        out
    }

    /// [`Index::weighed`] into a buffer the caller reuses (one allocation per query instead of per candidate).
    pub fn weighed_into<'a>(&'a self, name: &IndexedName, out: &mut Vec<WTok<'a>>) {
        out.clear();
        out.extend(name.tokens.iter().filter_map(|&id| {
            let (text, f) = (self.text_of(id)?, self.flags.get(id as usize)?);
            let learnt = self.weights.get(id as usize).copied().unwrap_or(1.0) as f64;
            Some(WTok {
                text,
                weight: Self::shape(learnt, text, f.generic, f.numeric, f.stopword),
                generic: f.generic,
                numeric: f.numeric,
                stopword: f.stopword,
                place: f.place,
                loose: name.loose,
            })
        }));
    }

    /// The id of a token in the vocabulary.
    fn token_id(&self, text: &str) -> Option<u32> {
        self.vocab.get(text).copied()
    }

    /// The text of a token.
    fn text_of(&self, id: u32) -> Option<&str> {
        let end = *self.ends.get(id as usize)? as usize;
        let start = if id == 0 { 0 } else { self.ends[id as usize - 1] as usize };
        self.texts.get(start..end)
    }

    fn text(&self, id: u32) -> &str {
        self.text_of(id).unwrap_or("")
    }

    /// Names worth scoring for a normalised query, best first, at most `limit`.
    ///
    /// `min_share` prunes names whose shared weight cannot reach that share of the query's weight (each query
    /// token counts once; unmatched generic tokens count half, as in the scorer): such names cannot score high
    /// enough, whatever the alignment.
    pub fn candidates(&self, q: &NormName, limit: usize, min_share: f64) -> Vec<u32> {
        let mut acc: HashMap<u32, f64> = HashMap::default();
        let only_generic = q.tokens.iter().all(|t| t.generic || t.stopword);
        let mut ids: Vec<u32> = Vec::new();
        let mut reached: Vec<u32> = Vec::new();
        for t in &q.tokens {
            if t.stopword {
                continue;
            }
            let w = self.weight(t);
            ids.clear();
            if let Some(id) = self.token_id(&t.text) {
                ids.push(id);
            }
            if !t.numeric && t.text.chars().count() >= 4 {
                for k in deletion_keys(&t.text) {
                    lookup_sorted(&self.deletes, k, &mut ids);
                }
                let key = phonetic_key(&t.text);
                if key.len() >= SOUND_KEY_MIN {
                    lookup_sorted(&self.sounds, fnv(&[key.as_bytes()]), &mut ids);
                }
                lookup_sorted(&self.sounds, fnv(&[b"tr", translit_key(&t.text).as_bytes()]), &mut ids);
            }
            ids.sort_unstable();
            ids.dedup();
            reached.clear();
            for &tid in &ids {
                let st = &self.stats[tid as usize];
                if t.generic && !only_generic && st.postings.len() > GENERIC_POSTINGS_LIMIT {
                    continue;
                }
                reached.extend_from_slice(&st.postings);
            }
            // A query token that is an acronym of a listed name, or two listed tokens joined.
            if !t.numeric {
                lookup_sorted(&self.extra, fnv(&[b"acr", t.text.as_bytes()]), &mut reached);
            }
            reached.sort_unstable();
            reached.dedup();
            for &n in &reached {
                *acc.entry(n).or_insert(0.0) += w;
            }
        }
        // The query's own acronym against listed single-token names, and adjacent query tokens joined.
        if let Some(a) = acronym(q) {
            if let Some(id) = self.token_id(&a) {
                for &n in &self.stats[id as usize].postings {
                    *acc.entry(n).or_insert(0.0) += 1.0;
                }
            }
        }
        // Adjacent query tokens joined, against a listed token or two listed tokens joined ("Evr oPolis" /
        // "Evro Polis"); a long query token against two listed tokens joined ("FerozKhan", "MarkvHenry").
        let mut joined_hits: Vec<u32> = Vec::new();
        for w in q.tokens.windows(2) {
            let joined = format!("{}{}", w[0].text, w[1].text);
            if let Some(id) = self.token_id(&joined) {
                joined_hits.extend_from_slice(&self.stats[id as usize].postings);
            } else if joined.len() >= 8 && !w[0].numeric && !w[1].numeric {
                // One edit away from a listed token ("Tele Communications" / "Telecommunication").
                let mut tids = Vec::new();
                for k in deletion_keys(&joined) {
                    lookup_sorted(&self.deletes, k, &mut tids);
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
            lookup_sorted(&self.extra, fnv(&[joined.as_bytes()]) ^ CAT, &mut joined_hits);
        }
        for t in q.tokens.iter().filter(|t| !t.numeric && !t.stopword && t.text.len() >= 4) {
            if t.text.len() < 6 {
                // Short syllables joined ("Mali" / "Ma Li"): exactly, as one-letter deletions would join too much.
                lookup_sorted(&self.extra, fnv(&[t.text.as_bytes()]) ^ CAT, &mut joined_hits);
                continue;
            }
            for k in deletion_keys(&t.text) {
                lookup_sorted(&self.extra, k ^ CAT, &mut joined_hits);
            }
        }
        joined_hits.sort_unstable();
        joined_hits.dedup();
        for n in joined_hits {
            *acc.entry(n).or_insert(0.0) += 1.0;
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
        let mut ranked: Vec<(u32, f64)> = acc.into_iter().filter(|(_, a)| *a >= floor).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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
            for (k, &t) in n.tokens.iter().enumerate() {
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
    pub fn names(&self) -> &[IndexedName] {
        &self.names
    }

    /// Token ids of a name (for statistics and tests).
    pub fn token_count(&self) -> usize {
        self.stats.len()
    }

    /// Approximate heap bytes per part of the index (for the memory benchmark).
    #[doc(hidden)]
    pub fn memory_report(&self) -> String {
        let names = self.names.capacity() * std::mem::size_of::<IndexedName>()
            + self.names.iter().map(|n| n.tokens.len() * 4).sum::<usize>();
        let vocab = self.vocab.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self.vocab.keys().map(|k| k.len()).sum::<usize>();
        let texts = self.texts.capacity() + self.ends.capacity() * 4;
        let stats = self.stats.capacity() * std::mem::size_of::<TokenStats>()
            + self.stats.iter().map(|s| s.postings.len() * 4).sum::<usize>();
        let tables = (self.deletes.capacity() + self.sounds.capacity() + self.extra.capacity()) * 8;
        format!(
            "names {} ({:.1} MiB), tokens {} (vocab {:.1} MiB, texts {:.1} MiB, postings {:.1} MiB), deletes {} sounds {} extra {} ({:.1} MiB)",
            self.names.len(),
            names as f64 / 1048576.0,
            self.ends.len(),
            vocab as f64 / 1048576.0,
            texts as f64 / 1048576.0,
            stats as f64 / 1048576.0,
            self.deletes.len(),
            self.sounds.len(),
            self.extra.len(),
            tables as f64 / 1048576.0
        )
    }

    #[doc(hidden)]
    pub fn name_tokens(&self, id: u32) -> usize {
        self.names.get(id as usize).map(|n| n.tokens.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(entry: u32) -> NameRef {
        NameRef { list: 0, entry, alias: None }
    }

    fn build() -> Index {
        Index::build([
            (r(0), "Hassan Scientific Corporation"),
            (
                r(1),
                "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development Complex (NDC)",
            ),
            (r(2), "Beijing Luo Luo Technology Development Co., Limited"),
            (r(3), "National Supercomputing Center Jinan"),
            (r(4), "Scientific Production Company Optolink"),
        ])
    }

    fn top(ix: &Index, q: &str) -> Vec<u32> {
        ix.candidates(&normalize(q), 10, 0.0).into_iter().filter_map(|id| ix.name(id)).map(|n| n.from.entry).collect()
    }

    #[test]
    fn candidates_typo_reaches_name() {
        let ix = build();
        assert_eq!(top(&ix, "Hasan Scientfic").first(), Some(&0));
        assert_eq!(top(&ix, "Optolnik").first(), Some(&4));
    }

    #[test]
    fn candidates_acronym_and_joined() {
        let ix = build();
        assert!(top(&ix, "PAEC").contains(&1));
        assert!(top(&ix, "NDC").contains(&1));
        assert!(top(&ix, "Luoluo Technology").contains(&2));
    }

    #[test]
    fn candidates_generic_only_query_still_reaches_but_weakly() {
        let ix = build();
        // "Jinan" is a place name: reached, but the scorer caps generic-only agreement.
        assert!(top(&ix, "Jinan").contains(&3));
    }

    #[test]
    fn weight_rare_tokens_count_more() {
        let ix = build();
        let t = |s: &str| normalize(s).tokens.into_iter().next().unwrap_or_else(|| panic!("no token in {s}"));
        assert!(ix.weight(&t("optolink")) > ix.weight(&t("national")));
    }
}
