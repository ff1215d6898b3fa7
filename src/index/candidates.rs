//! Candidate generation: the names a query reaches through its tokens, their keys, acronyms and joined words,
//! ranked by the weight they share.

use super::*;

impl Index {
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
}
