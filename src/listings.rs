//! One hit per listed party: which loaded entries are the same party, so that a party found on several lists (the
//! CSL repeats a party once per source list and again as its SDN row, `sdn.csv` holds that SDN row again, the demo
//! list copies a few official entries) is one hit naming every listing, with one decision covering it. The step sits
//! after scoring: the screener ranks entries, then keeps the best entry of each party and lists the others.
//!
//! Two entries are the same party when
//! - they carry the same publisher id: OFAC's entity number (the `ent_num` of `sdn.csv` and `cons_prim.csv`, the
//!   `uid` of the XML, the CSL's `entity_number` of its SDN and non-SDN rows), the UN reference number (the UN list's
//!   own, quoted by the UK and EU lists), the UK Sanctions List id or the OFSI group id; or
//! - their primary names are the same once normalised (case, diacritics, punctuation, the spelling of a legal form
//!   (both have one or neither), and what a list
//!   writes in brackets beside the name: "Changzhou Utek Composite Co., Limited", "CHANGZHOU UTEK COMPOSITE
//!   COMPANY LTD" and METI's "Changzhou Utek Composite Co., Limited.（CUC） （常州联拓复合材料有限公司）" are one
//!   name), their kinds agree, nothing
//!   contradicts (where both give dates of birth, one is shared; where both give countries, one is shared), and
//!   something beyond the name agrees (a country, a date of birth, an identifier, a city). Entries of one source
//!   list (the same loaded file and sub-list) are distinct parties by the publisher's own account, save rows that
//!   differ only in address (the BIS Denied Persons List writes one row per address, under one order).
//!
//! Keys are computed once per loaded list ([`ListKeys`]); adding a list to the parties ([`Parties::extend`]) is linear
//! in its number of entries (each name compares with at most [`BUCKET`] earlier entries of the same name; an entry
//! changes party at most log2 n times).

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::lists::model::{EntityKind, Entry};

/// Identifier kinds that name a party in another publisher's numbering (parsers write them into
/// [`Entry::identifiers`]).
pub const REF_OFAC: &str = "OFAC entity number";
pub const REF_UN: &str = "UN reference number";
pub const REF_UKSL: &str = "UK Sanctions List id";
pub const REF_OFSI: &str = "OFSI group id";

/// Entries of one name compared with a new one, at most: a name shared by more entries than this (a common personal
/// name on a long list) groups only within the first ones, which keeps grouping linear.
const BUCKET: usize = 8;

/// The primary name's words, hashed (0 for a name without any): its normalised tokens without what it writes in
/// brackets and without legal forms (but whether it has one), or its folded words where nothing else is left.
fn name_key(name: &str, memo: &mut crate::normalize::Memo) -> u64 {
    let core = crate::mentions::without_brackets(name);
    let n = crate::normalize::normalize_with(&core, memo);
    let mut h = FxHasher::default();
    let mut any = false;
    for t in &n.tokens {
        t.text.hash(&mut h);
        any = true;
    }
    // A name written with a legal form and one without stay apart, as before ("JSC Russian Agricultural Bank" and
    // "Russian Agricultural Bank" are two rows the lists keep as two parties); two spellings of one form do not.
    n.ignored.iter().any(|(_, why)| *why == crate::normalize::IgnoreReason::LegalForm).hash(&mut h);
    if !any {
        for w in crate::text::fold(name).split_whitespace() {
            w.hash(&mut h);
            any = true;
        }
    }
    if any {
        h.finish().max(1)
    } else {
        0
    }
}

/// A publisher id, hashed: the scheme and the id as written, upper case (ids are ASCII).
fn ref_key(scheme: &str, id: &str) -> u64 {
    let mut h = FxHasher::default();
    scheme.hash(&mut h);
    for b in id.trim().bytes() {
        h.write_u8(b.to_ascii_uppercase());
    }
    h.finish()
}

/// The publisher ids of an entry, passed to `out`: its own id where the format's ids are a publisher's numbering,
/// and the identifiers that quote one.
fn refs(format: &str, e: &Entry, mut out: impl FnMut(u64)) {
    let own = if format.starts_with("ofac-") {
        Some("ofac")
    } else if format == "un-xml" {
        Some("un")
    } else if format == "uk-ofsi-csv" {
        Some("ofsi")
    } else if format.starts_with("uk-sl-") {
        Some("uksl")
    } else {
        None
    };
    if let (Some(scheme), false) = (own, e.id.trim().is_empty()) {
        out(ref_key(scheme, &e.id));
    }
    for i in &e.identifiers {
        let scheme = match i.kind.as_str() {
            REF_OFAC => "ofac",
            REF_UN => "un",
            REF_UKSL => "uksl",
            REF_OFSI => "ofsi",
            _ => continue,
        };
        if !i.value.trim().is_empty() {
            out(ref_key(scheme, &i.value));
        }
    }
}

/// What grouping needs of one loaded list, computed once when it is loaded.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListKeys {
    /// Per entry: the folded primary name's hash (0 for an entry without a name).
    names: Vec<u64>,
    /// (entry, publisher id hash).
    refs: Vec<(u32, u64)>,
}

impl ListKeys {
    pub(crate) fn new(format: &str, entries: &[Entry]) -> ListKeys {
        let mut keys = ListKeys { names: Vec::with_capacity(entries.len()), refs: Vec::new() };
        let mut memo = crate::normalize::Memo::default();
        for (i, e) in entries.iter().enumerate() {
            keys.names.push(name_key(&e.name, &mut memo));
            refs(format, e, |r| keys.refs.push((i as u32, r)));
        }
        keys.refs.dedup();
        keys.refs.shrink_to_fit();
        keys
    }
}

/// A date of birth as (year, full date when it has month and day).
fn birth(d: &str) -> (&str, Option<&str>) {
    let d = d.trim();
    (d.get(..4).unwrap_or(d), (d.len() == 10).then_some(d))
}

/// Whether two sets of dates of birth share one: the same full date, or the same year where one gives only a year.
fn births_agree(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        let (xy, xf) = birth(x);
        b.iter().any(|y| {
            let (yy, yf) = birth(y);
            match (xf, yf) {
                (Some(p), Some(q)) => p == q,
                _ => xy == yy,
            }
        })
    })
}

fn cities(e: &Entry) -> impl Iterator<Item = String> + '_ {
    e.addresses.iter().filter_map(|a| a.city.as_deref()).map(crate::text::fold).map(|c| c.trim().to_string())
}

/// The order or notice that listed an entry, where it has one.
fn order(e: &Entry) -> Option<&str> {
    e.federal_register.as_deref().map(str::trim).filter(|f| !f.is_empty())
}

/// Whether two entries with the same folded primary name are the same party (see the module docs).
fn same_party(a: &Entry, b: &Entry, same_source: bool) -> bool {
    let kinds_agree = a.kind == b.kind || a.kind == EntityKind::Unknown || b.kind == EntityKind::Unknown;
    if !kinds_agree {
        return false;
    }
    if same_source {
        // One list's rows are distinct parties, save a party listed once per address under one order (DPL).
        return order(a).is_some() && order(a) == order(b) && a.start_date == b.start_date;
    }
    let births = !a.dates_of_birth.is_empty() && !b.dates_of_birth.is_empty();
    if births && !births_agree(&a.dates_of_birth, &b.dates_of_birth) {
        return false;
    }
    let countries = !a.countries.is_empty() && !b.countries.is_empty();
    let shared_country = a.countries.iter().any(|c| b.countries.contains(c));
    if countries && !shared_country {
        return false;
    }
    let shared_id = a.identifiers.iter().any(|i| {
        let v = i.value.trim();
        v.len() >= 4 && b.identifiers.iter().any(|j| j.value.trim().eq_ignore_ascii_case(v))
    });
    if shared_id {
        return true;
    }
    let organization = |e: &Entry| e.kind == EntityKind::Organization;
    if !organization(a) && !organization(b) {
        // People share names far more often than companies: a country or a city is not enough, a date of birth
        // (or an identifier) is. Vessels and aircraft are told apart by their identifiers.
        return births && a.kind != EntityKind::Vessel && a.kind != EntityKind::Aircraft;
    }
    shared_country || births || cities(a).any(|c| c.len() >= 3 && cities(b).any(|d| d == c))
}

/// The parties of all loaded entries, grown one list at a time ([`Parties::extend`]): loading k lists costs the sum
/// of their sizes, not k regroupings.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parties {
    /// Index of each list's first entry in the global numbering.
    offsets: Vec<u32>,
    /// Per global entry: its party's id (an entry of the party).
    party: Vec<u32>,
    /// The members (global entries) of every party with more than one, unordered.
    members: FxHashMap<u32, Vec<u32>>,
    /// The first entry that carried each publisher id.
    by_ref: FxHashMap<u64, u32>,
    /// The latest entry of each name kept for comparison, and how many are kept (at most [`BUCKET`]); the earlier
    /// ones chain through `next`: no allocation per name.
    by_name: FxHashMap<u64, (u32, u32)>,
    next: Vec<u32>,
}

/// One loaded list as grouping sees it.
pub(crate) struct ListView<'a> {
    pub keys: &'a ListKeys,
    pub entries: &'a [Entry],
}

impl Parties {
    /// Groups the entries of every loaded list (in load order) into parties.
    pub(crate) fn group(lists: &[ListView<'_>]) -> Parties {
        let mut p = Parties::default();
        for li in 0..lists.len() {
            p.extend(lists, li);
        }
        p
    }

    /// The list and entry of a global entry number.
    fn locate(&self, g: u32) -> (usize, usize) {
        let li = self.offsets.partition_point(|&o| o <= g).saturating_sub(1);
        (li, (g - self.offsets.get(li).copied().unwrap_or(0)) as usize)
    }

    /// Puts two entries' parties together: the smaller party's entries take the larger one's id, so that an entry
    /// changes party at most log2(n) times.
    fn join(&mut self, a: u32, b: u32) {
        let (pa, pb) = (self.party[a as usize], self.party[b as usize]);
        if pa == pb {
            return;
        }
        let size = |p: u32| self.members.get(&p).map_or(1, Vec::len);
        let (big, small) = if size(pa) >= size(pb) { (pa, pb) } else { (pb, pa) };
        let moved = self.members.remove(&small).unwrap_or_else(|| vec![small]);
        for &g in &moved {
            self.party[g as usize] = big;
        }
        self.members.entry(big).or_insert_with(|| vec![big]).extend(moved);
    }

    /// Adds the entries of `lists[li]`, the list loaded after all those grouped so far, to the parties.
    pub(crate) fn extend(&mut self, lists: &[ListView<'_>], li: usize) {
        let Some(l) = lists.get(li) else { return };
        let base = self.party.len() as u32;
        self.offsets.push(base);
        let n = l.entries.len();
        self.party.extend(base..base + n as u32);
        self.next.resize(self.party.len(), u32::MAX);
        self.by_ref.reserve(l.keys.refs.len());
        self.by_name.reserve(n);
        for &(ei, r) in &l.keys.refs {
            let g = base + ei;
            match self.by_ref.get(&r) {
                Some(&first) => self.join(first, g),
                None => {
                    self.by_ref.insert(r, g);
                }
            }
        }
        for (ei, (&key, e)) in l.keys.names.iter().zip(l.entries).enumerate() {
            if key == 0 {
                continue;
            }
            let g = base + ei as u32;
            let (head, len) = self.by_name.get(&key).copied().unwrap_or((u32::MAX, 0));
            // The parties among the earlier entries of this name that this one agrees with: joined when there is
            // exactly one; two distinct parties of one name it agrees with both leave it ambiguous.
            let mut agree: Option<u32> = None;
            let mut ambiguous = false;
            let mut other = head;
            while other != u32::MAX {
                let (oli, oei) = self.locate(other);
                if let Some(o) = lists.get(oli).and_then(|l| l.entries.get(oei)) {
                    if same_party(e, o, oli == li && o.list_code == e.list_code) {
                        let p = self.party[other as usize];
                        match agree {
                            Some(q) if q != p => ambiguous = true,
                            _ => agree = Some(p),
                        }
                    }
                }
                other = self.next[other as usize];
            }
            match agree {
                Some(p) if !ambiguous => self.join(p, g),
                _ if (len as usize) < BUCKET => {
                    self.next[g as usize] = head;
                    self.by_name.insert(key, (g, len + 1));
                }
                _ => {}
            }
        }
    }

    /// The party of an entry.
    pub(crate) fn of(&self, list: u32, entry: u32) -> u32 {
        let g = self.offsets.get(list as usize).map(|o| o + entry);
        g.and_then(|g| self.party.get(g as usize)).copied().unwrap_or(u32::MAX)
    }

    /// Every entry of the party of (list, entry), as (list, entry): that one first, then at most `max - 1` others
    /// in load order.
    pub(crate) fn members_of(&self, list: u32, entry: u32, max: usize) -> Vec<(u32, u32)> {
        let own = (list, entry);
        let Some(members) = self.members.get(&self.of(list, entry)) else { return vec![own] };
        let g = self.offsets.get(list as usize).map_or(u32::MAX, |o| o + entry);
        let mut others: Vec<u32> = members.iter().copied().filter(|&m| m != g).collect();
        // The first ones in load order, without sorting thousands of look-alike rows of a hostile file.
        let keep = max.saturating_sub(1);
        if others.len() > keep {
            if keep == 0 {
                others.clear();
            } else {
                others.select_nth_unstable(keep - 1);
                others.truncate(keep);
            }
        }
        others.sort_unstable();
        let pair = |(li, ei): (usize, usize)| (li as u32, ei as u32);
        std::iter::once(own).chain(others.into_iter().map(|m| pair(self.locate(m)))).collect()
    }

    /// How many parties have more than one entry (for tests and figures).
    pub(crate) fn merged(&self) -> usize {
        self.members.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::model::{Address, Identifier};

    fn entry(id: &str, name: &str, kind: EntityKind, countries: &[&str], code: &str) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            kind,
            countries: countries.iter().map(|c| c.to_string()).collect(),
            list_code: code.into(),
            ..Entry::default()
        }
    }

    fn group(lists: &[(&str, Vec<Entry>)]) -> Parties {
        let keys: Vec<ListKeys> = lists.iter().map(|(f, e)| ListKeys::new(f, e)).collect();
        let views: Vec<ListView<'_>> =
            lists.iter().zip(&keys).map(|((_, e), k)| ListView { keys: k, entries: e }).collect();
        Parties::group(&views)
    }

    #[test]
    fn group_joins_the_same_ofac_number_across_lists() {
        let mut csl = entry("25578", "BANK MELLI IRAN", EntityKind::Organization, &["IR"], "SDN");
        csl.identifiers.push(Identifier { kind: REF_OFAC.into(), value: "25578".into(), country: None });
        let sdn = entry("25578", "BANK MELLI IRAN", EntityKind::Unknown, &[], "SDN");
        let other = entry("25420", "MELLI BANK PLC", EntityKind::Organization, &["GB"], "SDN");
        let p = group(&[("csl-csv", vec![csl]), ("ofac-sdn-csv", vec![other, sdn])]);
        assert_eq!(p.of(0, 0), p.of(1, 1));
        assert_ne!(p.of(0, 0), p.of(1, 0));
        assert_eq!(p.members_of(0, 0, 10), vec![(0, 0), (1, 1)]);
        assert_eq!(p.members_of(1, 1, 10), vec![(1, 1), (0, 0)], "that entry first");
        assert_eq!(p.members_of(1, 0, 10), vec![(1, 0)]);
    }

    #[test]
    fn group_joins_one_name_with_agreeing_details_only() {
        let el = entry("a1", "Hassan Scientific Corporation", EntityKind::Organization, &["PK"], "EL");
        let demo = entry("demo-1", "HASSAN SCIENTIFIC CORPORATION.", EntityKind::Organization, &["PK"], "EL");
        let elsewhere = entry("b2", "Hassan Scientific Corporation", EntityKind::Organization, &["AE"], "MEU");
        let bare = entry("c3", "Hassan Scientific Corporation", EntityKind::Organization, &[], "UVL");
        let p = group(&[("csl-csv", vec![el, elsewhere, bare]), ("demo-toml", vec![demo])]);
        assert_eq!(p.of(0, 0), p.of(1, 0), "same name, same country: one party");
        assert_ne!(p.of(0, 0), p.of(0, 1), "another country: another party");
        assert_ne!(p.of(0, 0), p.of(0, 2), "nothing beyond the name: not joined");
    }

    #[test]
    fn group_joins_one_name_written_with_other_legal_forms_or_brackets() {
        let el = entry("el", "Changzhou Utek Composite Co., Limited", EntityKind::Organization, &["CN"], "EL");
        let sdn = entry("45718", "CHANGZHOU UTEK COMPOSITE COMPANY LTD", EntityKind::Organization, &["CN"], "SDN");
        let meti = entry(
            "504",
            "Changzhou Utek Composite Co., Limited.（CUC） （常州联拓复合材料有限公司）",
            EntityKind::Organization,
            &["CN"],
            "METI",
        );
        let other = entry("x", "Changzhou Utek Trading Co., Limited", EntityKind::Organization, &["CN"], "EL");
        let p = group(&[("csl-csv", vec![el, other]), ("ofac-sdn-csv", vec![sdn]), ("demo-toml", vec![meti])]);
        assert_eq!(p.of(0, 0), p.of(1, 0), "another legal form: one party");
        assert_eq!(p.of(0, 0), p.of(2, 0), "the name's bracketed short forms set aside: one party");
        assert_ne!(p.of(0, 0), p.of(0, 1), "another word: another party");
        let jsc = entry("1", "JSC Russian Example Bank", EntityKind::Organization, &["RU"], "SDN");
        let bare = entry("2", "RUSSIAN EXAMPLE BANK", EntityKind::Organization, &["RU"], "UK");
        let p = group(&[("ofac-sdn-csv", vec![jsc]), ("uk-ofsi-csv", vec![bare])]);
        assert_eq!(p.merged(), 0, "a legal form on one name only: kept apart");
    }

    #[test]
    fn group_keeps_people_of_one_name_apart_by_birth_date() {
        let mut a = entry("1", "Ali Hassan", EntityKind::Person, &["SY"], "SDN");
        a.dates_of_birth = vec!["1960-01-01".into()];
        let mut b = entry("9", "ALI HASSAN", EntityKind::Person, &["SY"], "UN");
        b.dates_of_birth = vec!["1971".into()];
        let mut c = entry("7", "Ali Hassan", EntityKind::Person, &["SY"], "UK");
        c.dates_of_birth = vec!["1960".into()];
        let vessel = entry("8", "ALI HASSAN", EntityKind::Vessel, &["SY"], "EU");
        let p = group(&[("ofac-sdn-csv", vec![a]), ("eu-fsf-xml", vec![b, c, vessel])]);
        assert_ne!(p.of(0, 0), p.of(1, 0), "born 1960 and 1971: two people");
        assert_eq!(p.of(0, 0), p.of(1, 1), "born 1960 on both");
        assert_ne!(p.of(0, 0), p.of(1, 2), "a person is not a vessel");
    }

    #[test]
    fn group_keeps_one_lists_entries_apart_save_a_party_listed_per_address() {
        let mut a = entry("x1", "JOHN EXAMPLE", EntityKind::Person, &["US"], "DPL");
        a.federal_register = Some("88 FR 1".into());
        a.addresses =
            vec![Address { full: "1 Main St".into(), city: Some("Miami".into()), country: Some("US".into()) }];
        let mut b = a.clone();
        b.id = "x2".into();
        b.addresses =
            vec![Address { full: "9 Side St".into(), city: Some("Tampa".into()), country: Some("US".into()) }];
        let mut c = a.clone();
        c.id = "x3".into();
        c.federal_register = Some("91 FR 7".into());
        let twin = entry("s1", "EXAMPLE SHIP", EntityKind::Vessel, &["PA"], "SDN");
        let twin2 = entry("s2", "EXAMPLE SHIP", EntityKind::Vessel, &["PA"], "SDN");
        let p = group(&[("bis-dpl", vec![a, b, c]), ("ofac-sdn-csv", vec![twin, twin2])]);
        assert_eq!(p.of(0, 0), p.of(0, 1), "one order, two addresses");
        assert_ne!(p.of(0, 0), p.of(0, 2), "another order");
        assert_ne!(p.of(1, 0), p.of(1, 1), "two SDN entries of one name are two parties");
        assert_eq!(p.merged(), 1);
    }

    #[test]
    fn group_leaves_a_copy_apart_when_two_parties_of_its_name_agree_with_it() {
        let a = entry("1", "EXAMPLE TRADING", EntityKind::Organization, &["IR"], "SDN");
        let b = entry("2", "EXAMPLE TRADING", EntityKind::Organization, &["IR"], "SDN");
        let copy = entry("c", "Example Trading", EntityKind::Organization, &["IR"], "EL");
        let p = group(&[("ofac-sdn-csv", vec![a.clone(), b]), ("csl-csv", vec![copy.clone()])]);
        assert_eq!(p.merged(), 0, "which of the two? neither");
        let p = group(&[("ofac-sdn-csv", vec![a]), ("csl-csv", vec![copy])]);
        assert_eq!(p.merged(), 1);
    }
}
