//! The screener's side of listed parties (see [`crate::listings`]): grouping the loaded lists' entries again when
//! a list comes, goes or grows, keeping one ranked entry per party, and naming a hit's listings.

use super::{PartyQuery, RankedEntry, Screener};
use crate::decisions::Decision;
use crate::index::NameRef;
use crate::listings::{ListView, Parties};
use crate::report::{stronger, Listing};
use crate::score::round3;

/// Most listings one hit names (a party is on a handful of lists; a name shared by thousands of look-alike rows is
/// a hostile file).
const MAX_LISTINGS: usize = 100;

impl Screener {
    /// Groups the loaded entries into listed parties again (after a list went or grew, as the index is rebuilt):
    /// linear in the number of entries, from keys computed once per list.
    pub(super) fn regroup(&mut self) {
        let views: Vec<ListView<'_>> =
            self.lists.iter().map(|l| ListView { keys: &l.keys, entries: &l.entries }).collect();
        self.parties = Parties::group(&views);
    }

    /// Adds the list loaded last to the parties: linear in its size, whatever was loaded before.
    pub(super) fn group_last(&mut self) {
        let views: Vec<ListView<'_>> =
            self.lists.iter().map(|l| ListView { keys: &l.keys, entries: &l.entries }).collect();
        self.parties.extend(&views, views.len().saturating_sub(1));
    }

    /// The entries of the party an entry belongs to, as (list, entry), that entry first, at most
    /// [`MAX_LISTINGS`].
    pub(super) fn party_members(&self, key: NameRef) -> Vec<(u32, u32)> {
        self.parties.members_of(key.list, key.entry, MAX_LISTINGS)
    }

    /// Every listing of the party an entry belongs to, that entry's first.
    pub(super) fn listings_of(&self, key: NameRef) -> Vec<Listing> {
        self.party_members(key)
            .into_iter()
            .filter_map(|(list, entry)| {
                let (l, e) = self.entry(NameRef { list, entry, alias: None })?;
                Some(Listing {
                    list_id: l.info.id.clone(),
                    list: l.info.name.clone(),
                    entry_id: e.id.clone(),
                    source: e.source.to_string(),
                    programs: e.programs.iter().map(|p| p.to_string()).collect(),
                    list_code: e.list_code.to_string(),
                    effect: e.effect,
                    name: e.name.trim().to_string(),
                })
            })
            .collect()
    }

    /// One ranked entry per listed party, in rank order: the best of each party, or one of its entries that scores
    /// the same with a stronger legal effect (a party on the SDN and the Entity List shows as its SDN entry).
    pub(super) fn one_per_party(&self, ranked: Vec<RankedEntry>) -> Vec<RankedEntry> {
        if self.parties.merged() == 0 {
            return ranked;
        }
        let effect = |r: &RankedEntry| self.entry(r.key).map(|(_, e)| e.effect).unwrap_or_default();
        let mut at: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
        let mut kept: Vec<RankedEntry> = Vec::with_capacity(ranked.len());
        for r in ranked {
            let party = self.parties.of(r.key.list, r.key.entry);
            match at.get(&party) {
                Some(&i) => {
                    let k = &kept[i];
                    if round3(k.score) == round3(r.score) && stronger(effect(k), effect(&r)) != effect(k) {
                        kept[i] = r;
                    }
                }
                None => {
                    at.insert(party, kept.len());
                    kept.push(r);
                }
            }
        }
        kept
    }

    /// The decision in force on a party's hit: on any listing of the listed party, as for full results.
    pub(super) fn party_decision(&self, q: &PartyQuery, key: NameRef) -> Option<Decision> {
        self.party_members(key).into_iter().find_map(|(list, entry)| {
            let (l, e) = self.entry(NameRef { list, entry, alias: None })?;
            self.decisions
                .active_for(&q.name, q.country.as_deref(), &e.id, &l.info.id, std::slice::from_ref(&l.info))
                .cloned()
        })
    }
}
