//! Building the index: names, vocabulary, postings and key tables, and the token weights learnt from them.

use super::*;

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
}
