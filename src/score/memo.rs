//! The token similarities of one query, kept across its candidates ([`Memo`]): part of scoring (stage 4).

use super::NO_ID;

/// A token similarity and how it was reached ([`super::similarity`]).
pub(crate) type Similarity = Option<(f64, &'static str)>;

/// Token similarities already computed for one query: (query token position, vocabulary id) → result. Candidates
/// share most of their words ("trading", "company", a common surname), and a weighted edit distance costs more
/// than a lookup. The candidate search ([`crate::index::Index::candidates_memo`]) fills it with the words it
/// compares, and the scorer finds them there.
///
/// A similarity is kept as an `f32`: the first use of a pair gets the computed value, every later use the value
/// rounded to `f32` (as the memo has always answered, so that scores stay the same to the last bit; a candidate
/// scored with any first-use value may differ in the last bits from a later one with the same words, see
/// [`Memo::first_uses`]).
#[derive(Debug, Default)]
pub struct Memo {
    /// (query token, word) → the similarity and whether its first use went by.
    map: rustc_hash::FxHashMap<u64, Slot>,
    first_uses: u64,
}

/// A pair's place in the [`Memo`].
#[derive(Clone, Copy, Debug)]
enum Slot {
    /// Computed by the candidate search, not used yet.
    Kept(Similarity),
    /// Given at its first use: later uses get it rounded.
    Used(Similarity),
    /// Its first use went by without the value (a candidate the bound set aside, [`Memo::pass`]): later uses compute
    /// it and get it rounded, as they would have after that use.
    Passed,
}

impl Memo {
    fn key(qi: usize, id: u32) -> u64 {
        (qi as u64) << 32 | id as u64
    }

    /// The similarity of query token `qi` and vocabulary word `id`, computed by `f` the first time.
    pub(crate) fn get_or(
        &mut self,
        qi: usize,
        id: u32,
        f: impl FnOnce() -> Option<(f64, &'static str)>,
    ) -> Option<(f64, &'static str)> {
        if id == NO_ID {
            return f();
        }
        let rounded = |v: Similarity| v.map(|(s, h)| (s as f32 as f64, h));
        match self.map.get_mut(&Self::key(qi, id)) {
            Some(slot) => match *slot {
                Slot::Used(v) => rounded(v),
                Slot::Passed => {
                    let v = f();
                    *slot = Slot::Used(v);
                    rounded(v)
                }
                Slot::Kept(v) => {
                    *slot = Slot::Used(v);
                    self.first_uses += 1;
                    v
                }
            },
            None => {
                let v = f();
                self.first_uses += 1;
                self.map.insert(Self::key(qi, id), Slot::Used(v));
                v
            }
        }
    }

    /// Whether query token `qi` and vocabulary word `id` correspond at all (the candidate search's question),
    /// computing and keeping their similarity for the scorer's first use.
    pub(crate) fn corresponds(&mut self, qi: usize, id: u32, f: impl FnOnce() -> Option<(f64, &'static str)>) -> bool {
        use std::collections::hash_map::Entry;
        let slot = match self.map.entry(Self::key(qi, id)) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(slot) => {
                let v = f();
                slot.insert(Slot::Kept(v));
                return v.is_some();
            }
        };
        match *slot {
            Slot::Kept(v) | Slot::Used(v) => v.is_some(),
            Slot::Passed => {
                let v = f();
                *slot = Slot::Used(v);
                v.is_some()
            }
        }
    }

    /// The similarity of `qi` and `id`, computed by `f` and kept when it is not at hand, without using it: the
    /// scorer's first use still gets it as computed (as [`Memo::corresponds`] keeps it).
    pub(crate) fn peek_or(&mut self, qi: usize, id: u32, f: impl FnOnce() -> Similarity) -> Similarity {
        use std::collections::hash_map::Entry;
        if id == NO_ID {
            return f();
        }
        let slot = match self.map.entry(Self::key(qi, id)) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(slot) => {
                let v = f();
                slot.insert(Slot::Kept(v));
                return v;
            }
        };
        match *slot {
            Slot::Kept(v) | Slot::Used(v) => v,
            Slot::Passed => {
                let v = f();
                *slot = Slot::Used(v);
                v
            }
        }
    }

    /// Records the first use of `qi` and `id` as [`Memo::get_or`] would, without computing it: for a candidate that
    /// is not scored, so that the candidates after it get the values they got when it was.
    pub(crate) fn pass(&mut self, qi: usize, id: u32) {
        if id == NO_ID {
            return;
        }
        match self.map.get_mut(&Self::key(qi, id)) {
            Some(slot) => {
                if let Slot::Kept(v) = *slot {
                    *slot = Slot::Used(v);
                    self.first_uses += 1;
                }
            }
            None => {
                self.first_uses += 1;
                self.map.insert(Self::key(qi, id), Slot::Passed);
            }
        }
    }

    /// How many times a pair's similarity was given at its first use (not yet rounded): a score computed while
    /// this did not change used only rounded values, and another candidate with the same words scores the same.
    pub(crate) fn first_uses(&self) -> u64 {
        self.first_uses
    }
}
