//! Identifiers as evidence: an identifier written in the order (an IMO number, a registration or tax number, an
//! LEI, ...) equal to one a listed entry publishes, of the same kind, is a hit on that entry whatever the names say
//! (a renamed vessel, a front company under a new name), scored 1.0; one of the same kind that differs, beside a
//! name match, lowers the score a little and never below the threshold: the hit stays for a person to judge.
//!
//! Entries are found through [`IdIndex`], the loaded entries' normalised identifiers hashed and sorted (16 bytes an
//! identifier; a look-up is a binary search), never by a scan of the lists.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::{hit_of, NameKind, Screener};
use crate::index::NameRef;
use crate::lists::model::{Entry, Identifier};
use crate::order::Party;
use crate::report::{Evidence, Explanation, Hit, IdentifierEvidence, PartyReport};
use crate::score::round3;
use crate::text::identifiers::{self as idt, Found, IdKind};

/// Most entries one identifier in the order is a hit on (one party's listings on the loaded lists).
const MAX_PER_ID: usize = 16;

/// How much a listed identifier of the same kind that differs from the order's takes off a name match.
const ID_CONTRADICT: f64 = 0.05;

/// The loaded entries' identifiers: (hash of the normalised value, list, entry), sorted.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    keys: Vec<(u64, u32, u32)>,
}

/// Two strings hashed together (a listing's list and entry id).
fn pair(a: &str, b: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(a.as_bytes());
    h.write_u8(0xFF);
    h.write(b.as_bytes());
    h.finish()
}

fn hash(value: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(value.as_bytes());
    h.finish()
}

impl IdIndex {
    /// Adds a loaded list's entries.
    pub(crate) fn extend(&mut self, list: u32, entries: &[Entry]) {
        // Room for all of them at once: a vector grown by pushing would leave its doubled capacity in wasm memory.
        self.keys.reserve_exact(entries.iter().map(|e| e.identifiers.len()).sum());
        for (ei, e) in entries.iter().enumerate() {
            for i in &e.identifiers {
                if let Some((_, v)) = idt::listed(&i.kind, &i.value) {
                    self.keys.push((hash(&v), list, ei as u32));
                }
            }
        }
        crate::sort::sort_by(&mut self.keys, |a, b| a.cmp(b));
        self.keys.dedup();
        self.keys.shrink_to_fit();
    }

    /// The entries with an identifier of this normalised value (or of one with the same hash: callers check).
    fn lookup(&self, value: &str) -> impl Iterator<Item = NameRef> + '_ {
        let h = hash(value);
        let start = self.keys.partition_point(|k| k.0 < h);
        self.keys[start..].iter().take_while(move |k| k.0 == h).map(|k| NameRef { list: k.1, entry: k.2, alias: None })
    }
}

/// The entry's published identifier equal to the one found, of a kind that can be the same identifier.
fn equal<'e>(e: &'e Entry, f: &Found) -> Option<&'e Identifier> {
    e.identifiers.iter().find(|i| {
        idt::listed(&i.kind, &i.value).is_some_and(|(k, v)| v == f.value && idt::same_kind(f.kind, k, v.len()))
    })
}

/// Shortest registration, tax, passport or other number that makes a hit on its own, when no name agrees.
const ALONE_MIN_LEN: usize = 8;

/// Whether an identifier can make a hit with no name agreeing: an IMO number, LEI or BIC is unique worldwide, but a
/// registration, tax, passport or national number is unique only in the country that issues it, and a short one
/// (a 7-digit company number) is the same number as some listed entry's in another country often enough to stop
/// ordinary orders; such a number only weighs a name match.
fn unique_alone(f: &Found) -> bool {
    matches!(f.kind, IdKind::Imo | IdKind::Lei | IdKind::Bic) || f.value.chars().count() >= ALONE_MIN_LEN
}

/// The vocabulary's kind of a published identifier.
fn kind_of(i: &Identifier) -> Option<IdKind> {
    idt::listed(&i.kind, &i.value).map(|x| x.0)
}

/// For each identifier found, the order party it is written under: the last party read from the text before it,
/// or else the first one; `None` when no party has a place in the text. O(n log n): the parties' places are sorted
/// once and searched.
pub(super) fn owners(found: &[Found], parties: &[Party]) -> Vec<Option<usize>> {
    let mut starts: Vec<(usize, usize)> =
        parties.iter().enumerate().filter_map(|(i, p)| Some((p.span.as_ref()?.start?, i))).collect();
    crate::sort::sort_by(&mut starts, |a, b| a.cmp(b));
    found
        .iter()
        .map(|f| {
            let before = starts.partition_point(|(s, _)| *s <= f.start);
            starts.get(before.saturating_sub(1)).map(|(_, i)| *i)
        })
        .collect()
}

/// The identifiers written under each of `n` parties.
pub(super) fn per_party<'f>(found: &'f [Found], owners: &[Option<usize>], n: usize) -> Vec<Vec<&'f Found>> {
    let mut out: Vec<Vec<&Found>> = (0..n).map(|_| Vec::new()).collect();
    for (f, o) in found.iter().zip(owners) {
        if let Some(v) = o.and_then(|o| out.get_mut(o)) {
            v.push(f);
        }
    }
    out
}

impl Screener {
    /// The entries an identifier found in the order is on, with the listed identifier, at most [`MAX_PER_ID`].
    fn entries_with(&self, f: &Found) -> Vec<(NameRef, &Identifier)> {
        self.ids
            .lookup(&f.value)
            .filter_map(|key| Some((key, equal(self.entry(key)?.1, f)?)))
            .take(MAX_PER_ID)
            .collect()
    }

    /// The evidence an identifier of the order gives on an entry: agreeing (`listed` is the equal identifier) or
    /// disagreeing (`listed` is the entry's identifiers of that kind).
    fn id_evidence(list: &str, entry: &Entry, f: &Found, text: &str, agree: Option<&Identifier>, adj: f64) -> Evidence {
        let list = list.to_string();
        let same: Vec<&Identifier> = match agree {
            Some(i) => vec![i],
            None => entry.identifiers.iter().filter(|i| kind_of(i) == Some(f.kind)).collect(),
        };
        let listed = same.iter().map(|i| i.value.trim()).collect::<Vec<_>>().join(", ");
        let listed_type = same.first().map(|i| i.kind.to_string()).unwrap_or_default();
        let written = crate::text::span(text, f.start, f.end);
        let detail = format!(
            "the order gives {} \"{}\"; the {} publishes {} for this entry ({} {})",
            idt::kind_name(f.kind),
            written.text,
            list,
            if agree.is_some() { "it" } else { "another" },
            listed_type,
            listed
        );
        Evidence {
            kind: "identifier".into(),
            supports: agree.is_some(),
            detail,
            adjustment: round3(adj),
            identifier: Some(IdentifierEvidence {
                kind: f.kind,
                written,
                value: f.value.clone(),
                listed,
                listed_type,
                list,
                entry_id: entry.id.clone(),
                citation: idt::citation(f.kind).to_string(),
            }),
        }
    }

    /// A name hit weighed by the identifiers written under its party: an equal one raises it to 1.0, one of the
    /// same kind that differs lowers it by [`ID_CONTRADICT`], never below the threshold.
    pub(super) fn weigh_identifiers(&self, hit: &mut Hit, list: &str, entry: &Entry, found: &[&Found], text: &str) {
        for f in found {
            let agree = equal(entry, f);
            let adj = match agree {
                Some(_) => 1.0 - hit.score,
                None if f.kind != IdKind::Other && entry.identifiers.iter().any(|i| kind_of(i) == Some(f.kind)) => {
                    -ID_CONTRADICT.min((hit.score - self.config.threshold).max(0.0))
                }
                None => continue,
            };
            hit.score = round3(hit.score + adj);
            hit.explanation.evidence.push(Self::id_evidence(list, entry, f, text, agree, adj));
        }
    }

    /// Hits that only an identifier makes: every entry whose published identifier equals one written in the order
    /// (an IMO number, LEI or BIC, or another number of at least [`ALONE_MIN_LEN`] characters: [`unique_alone`])
    /// and that no party has a hit on yet becomes a hit (score 1.0) of the party the identifier is written under, or
    /// of a party "named in the text" (the identifier as written) when the order has none. A party already hit on
    /// the entry (by the name net, or on another of its listings) gets the identifier as evidence.
    pub(super) fn identifier_hits(
        &self,
        text: &str,
        found: &[Found],
        owners: &[Option<usize>],
        parties: &mut Vec<PartyReport>,
    ) {
        // Where each listed entry already has a hit: hash of (list id, entry id) -> party and hit (as party << 16 |
        // hit), for every listing of a hit; checked on use.
        let mut at: FxHashMap<u64, u32> = FxHashMap::default();
        let pack = |pi: usize, hi: usize| (pi as u32) << 16 | (hi as u32 & 0xFFFF);
        for (pi, p) in parties.iter().enumerate() {
            for (hi, h) in p.hits.iter().enumerate() {
                for (l, e) in h.listings.iter().map(|l| (&l.list_id, &l.entry_id)).chain([(&h.list_id, &h.entry_id)]) {
                    at.entry(pair(l, e)).or_insert(pack(pi, hi));
                }
            }
        }
        // Each identifier once (a value written again adds nothing).
        let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
        for (f, owner) in found.iter().zip(owners) {
            if seen.insert(pair(&f.value, ""), f.kind as u32).is_some_and(|k| k == f.kind as u32) {
                continue;
            }
            for (key, listed) in self.entries_with(f) {
                let Some((list, entry)) = self.entry(key) else { continue };
                let on = |h: &Hit| {
                    (h.list_id == list.info.id && h.entry_id == entry.id)
                        || h.listings.iter().any(|l| l.list_id == list.info.id && l.entry_id == entry.id)
                };
                let known_at =
                    at.get(&pair(&list.info.id, &entry.id)).map(|&x| ((x >> 16) as usize, (x & 0xFFFF) as usize));
                let hit_at = known_at.filter(|&(pi, hi)| parties.get(pi).and_then(|p| p.hits.get(hi)).is_some_and(on));
                if let Some((pi, hi)) = hit_at {
                    let h = &mut parties[pi].hits[hi];
                    let known = h.explanation.evidence.iter().any(|e| {
                        e.supports && e.identifier.as_ref().is_some_and(|i| i.value == f.value && i.kind == f.kind)
                    });
                    if !known {
                        let adj = 1.0 - h.score;
                        h.score = 1.0;
                        let ev = Self::id_evidence(&list.info.name, entry, f, text, Some(listed), adj);
                        h.explanation.evidence.push(ev);
                    }
                    continue;
                }
                if !unique_alone(f) {
                    continue;
                }
                let pi = match owner.filter(|&o| o < parties.len()) {
                    Some(o) => o,
                    None => {
                        parties.push(PartyReport {
                            role: "namedInText".into(),
                            name: text.get(f.start..f.end).unwrap_or_default().to_string(),
                            country: None,
                            address: None,
                            hits: Vec::new(),
                            span: Some(crate::text::span(text, f.start, f.end)),
                        });
                        parties.len() - 1
                    }
                };
                let name_score = round3(super::match_names(&parties[pi].name, &entry.name, NameKind::Any).score);
                let ev = Self::id_evidence(&list.info.name, entry, f, text, Some(listed), 1.0 - name_score);
                let summary = format!(
                    "{}: {} (name score {}).",
                    entry.name.trim(),
                    ev.detail,
                    crate::text::num::fixed(name_score, 2)
                );
                let ex = Explanation {
                    matched_name: entry.name.trim().to_string(),
                    evidence: vec![ev],
                    name_score,
                    summary,
                    ..Explanation::default()
                };
                let hit = hit_of(list, entry, entry.name.trim().to_string(), 1.0, ex, self.listings_of(key));
                let hits = &mut parties[pi].hits;
                for (l, e) in
                    hit.listings.iter().map(|l| (&l.list_id, &l.entry_id)).chain([(&hit.list_id, &hit.entry_id)])
                {
                    at.entry(pair(l, e)).or_insert(pack(pi, hits.len()));
                }
                hits.push(hit);
            }
        }
        // Hits raised or added: best first again (stable, so a name hit stays before an identifier's at 1.0).
        if !seen.is_empty() {
            for p in parties.iter_mut() {
                crate::sort::sort_by(&mut p.hits, |a, b| b.score.total_cmp(&a.score));
            }
        }
    }
}
