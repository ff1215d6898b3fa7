//! The compact snapshot layout (version 2): every distinct string once, in a table ordered by how often it is used,
//! and the entries as small integers into it. Official lists repeat most of their text (the sub-list name and link
//! on every row, programmes, countries, identifier kinds), so a snapshot is smaller than the file it came from (the
//! SDN's 3.9 MB `sdn.csv` gives a 3.6 MB snapshot, the 5.8 MB CSL CSV 2.7 MB; version 1 wrote 6.3 MB for the SDN). A 64-bit checksum over the body makes
//! a corrupted file an error, never a changed list.
//!
//! Encoding and decoding name every field of [`Entry`] and its parts without `..`: a field added to the model does
//! not compile here until the layout carries it (and the version goes up, the older layouts still read).

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::lists::dating::{AsOf, DateBasis};
use crate::lists::model::{
    Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Shared, Strength,
};

use super::Origin;

/// The version this module writes.
pub(super) const VERSION: u32 = 2;

/// FNV-1a, 64 bits: a cheap check that the body is the one written.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

// ---------------------------------------------------------------- writing

/// Collects the strings of a list, then writes them as a table and the entries as indexes into it.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, usize>,
    all: Vec<(&'a str, usize)>,
}

impl<'a> Strings<'a> {
    fn count(&mut self, s: &'a str) {
        match self.index.get(s) {
            Some(&i) => self.all[i].1 += 1,
            None => {
                self.index.insert(s, self.all.len());
                self.all.push((s, 1));
            }
        }
    }

    /// Orders the table by use, most used first (their indexes take one byte), and renumbers.
    fn finish(&mut self) {
        crate::sort::sort_by(&mut self.all, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        self.index = self.all.iter().enumerate().map(|(i, (s, _))| (*s, i)).collect();
    }
}

struct Writer<'a> {
    out: Vec<u8>,
    strings: &'a Strings<'a>,
}

impl Writer<'_> {
    fn uint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn str(&mut self, s: &str) {
        let i = self.strings.index.get(s).copied().unwrap_or(0);
        self.uint(i as u64);
    }

    fn opt<S: AsRef<str>>(&mut self, s: &Option<S>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                let i = self.strings.index.get(s.as_ref()).copied().unwrap_or(0);
                self.uint(i as u64 + 1);
            }
        }
    }

    fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.len(v.len());
        for s in v {
            self.str(s.as_ref());
        }
    }
}

/// Every string an entry writes, in the order [`write_entry`] writes them.
fn entry_strings<'a>(e: &'a Entry, f: &mut impl FnMut(&'a str)) {
    let Entry {
        id,
        kind: _,
        name,
        aliases,
        addresses,
        countries,
        programs,
        source,
        list_code,
        effect: _,
        start_date,
        end_date,
        dates_of_birth,
        nationalities,
        identifiers,
        remarks,
        license_requirement,
        license_policy,
        federal_register,
        source_url,
    } = e;
    f(id);
    f(name);
    for Alias { name, kind: _, strength: _ } in aliases {
        f(name);
    }
    for Address { full, city, country } in addresses {
        f(full);
        city.iter().chain(country).for_each(|s| f(s));
    }
    countries.iter().for_each(|s| f(s));
    programs.iter().for_each(|s| f(s));
    f(source);
    f(list_code);
    start_date.iter().chain(end_date).for_each(|s| f(s));
    dates_of_birth.iter().chain(nationalities).for_each(|s| f(s));
    for Identifier { kind, value, country } in identifiers {
        f(kind);
        f(value);
        country.iter().for_each(|s| f(s));
    }
    remarks.iter().for_each(|s| f(s));
    [license_requirement, license_policy].into_iter().flatten().for_each(|s| f(s));
    federal_register.iter().for_each(|s| f(s));
    source_url.iter().for_each(|s| f(s));
}

fn kind_code(k: EntityKind) -> u64 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Vessel => 2,
        EntityKind::Aircraft => 3,
        EntityKind::Unknown => 4,
    }
}

fn effect_code(e: Effect) -> u64 {
    match e {
        Effect::Prohibition => 0,
        Effect::LicenceRequired => 1,
        Effect::RedFlag => 2,
    }
}

fn alias_kind_code(k: AliasKind) -> u64 {
    match k {
        AliasKind::Aka => 0,
        AliasKind::Fka => 1,
        AliasKind::Nka => 2,
        AliasKind::Variant => 3,
        AliasKind::Derived => 4,
    }
}

fn strength_code(s: Strength) -> u64 {
    match s {
        Strength::Strong => 0,
        Strength::Weak => 1,
        Strength::Unknown => 2,
    }
}

fn basis_code(b: DateBasis) -> u64 {
    match b {
        DateBasis::File => 0,
        DateBasis::Entries => 1,
        DateBasis::User => 2,
        DateBasis::Unknown => 3,
    }
}

fn write_entry(w: &mut Writer<'_>, e: &Entry) {
    let Entry {
        id,
        kind,
        name,
        aliases,
        addresses,
        countries,
        programs,
        source,
        list_code,
        effect,
        start_date,
        end_date,
        dates_of_birth,
        nationalities,
        identifiers,
        remarks,
        license_requirement,
        license_policy,
        federal_register,
        source_url,
    } = e;
    w.str(id);
    w.uint(kind_code(*kind));
    w.str(name);
    w.len(aliases.len());
    for Alias { name, kind, strength } in aliases {
        w.str(name);
        w.uint(alias_kind_code(*kind) * 3 + strength_code(*strength));
    }
    w.len(addresses.len());
    for Address { full, city, country } in addresses {
        w.str(full);
        w.opt(city);
        w.opt(country);
    }
    w.strs(countries);
    w.strs(programs);
    w.str(source);
    w.str(list_code);
    w.uint(effect_code(*effect));
    w.opt(start_date);
    w.opt(end_date);
    w.strs(dates_of_birth);
    w.strs(nationalities);
    w.len(identifiers.len());
    for Identifier { kind, value, country } in identifiers {
        w.str(kind);
        w.str(value);
        w.opt(country);
    }
    w.opt(remarks);
    w.opt(license_requirement);
    w.opt(license_policy);
    w.opt(federal_register);
    w.opt(source_url);
}

/// The body of a version-2 snapshot (what follows the magic and the version), checksum last.
pub(super) fn encode(list: &ParsedList, origin: &Origin) -> Vec<u8> {
    let mut strings = Strings::default();
    {
        let mut count = |s| strings.count(s);
        count(list.name.as_str());
        count(list.format.as_str());
        list.published.iter().chain(&origin.as_of.date).for_each(|s| count(s));
        origin.source_sha256.iter().chain(&origin.files).for_each(|s| count(s));
        for e in &list.entries {
            entry_strings(e, &mut count);
        }
    }
    strings.finish();
    let text: usize = strings.all.iter().map(|(s, _)| s.len() + 2).sum();
    let mut w = Writer { out: Vec::with_capacity(text + list.entries.len() * 24), strings: &strings };
    w.len(strings.all.len());
    for (s, _) in &strings.all {
        w.len(s.len());
        w.out.extend_from_slice(s.as_bytes());
    }
    w.str(&list.name);
    w.str(&list.format);
    w.opt(&list.published);
    w.opt(&origin.as_of.date);
    w.uint(basis_code(origin.as_of.basis));
    w.strs(&origin.source_sha256);
    w.strs(&origin.files);
    w.len(list.entries.len());
    for e in &list.entries {
        write_entry(&mut w, e);
    }
    let sum = checksum(&w.out);
    w.out.extend_from_slice(&sum.to_le_bytes());
    w.out
}

// ---------------------------------------------------------------- reading

fn corrupt(what: &str) -> Error {
    Error::list_format(format!("snapshot: corrupted or truncated ({what})"))
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    table: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn uint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.pos).ok_or_else(|| corrupt("ends inside a number"))?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt("a number is too long"))
    }

    /// A count of items that each take at least one byte: never more than the bytes left (so a corrupted count
    /// cannot make the reader reserve memory it will never fill).
    fn count(&mut self) -> Result<usize> {
        let n = self.uint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(corrupt("a count is larger than the file"));
        }
        Ok(n as usize)
    }

    fn raw_str(&mut self) -> Result<&'a str> {
        let n = self.count()?;
        let b = self.bytes.get(self.pos..self.pos + n).ok_or_else(|| corrupt("ends inside a string"))?;
        self.pos += n;
        std::str::from_utf8(b).map_err(|_| corrupt("a string is not UTF-8"))
    }

    fn str(&mut self) -> Result<String> {
        let i = self.uint()?;
        self.table.get(i as usize).map(|s| s.to_string()).ok_or_else(|| corrupt("a string index is out of range"))
    }

    fn opt(&mut self) -> Result<Option<String>> {
        match self.uint()? {
            0 => Ok(None),
            i => self
                .table
                .get(i as usize - 1)
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| corrupt("a string index is out of range")),
        }
    }

    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn code<T>(&mut self, what: &str, values: &[T]) -> Result<T>
    where
        T: Copy,
    {
        let i = self.uint()?;
        values.get(i as usize).copied().ok_or_else(|| corrupt(&format!("unknown {what} {i}")))
    }
}

const KINDS: [EntityKind; 5] =
    [EntityKind::Person, EntityKind::Organization, EntityKind::Vessel, EntityKind::Aircraft, EntityKind::Unknown];
const EFFECTS: [Effect; 3] = [Effect::Prohibition, Effect::LicenceRequired, Effect::RedFlag];
const ALIAS_KINDS: [AliasKind; 5] =
    [AliasKind::Aka, AliasKind::Fka, AliasKind::Nka, AliasKind::Variant, AliasKind::Derived];
const STRENGTHS: [Strength; 3] = [Strength::Strong, Strength::Weak, Strength::Unknown];
const BASES: [DateBasis; 4] = [DateBasis::File, DateBasis::Entries, DateBasis::User, DateBasis::Unknown];

fn read_entry(r: &mut Reader<'_>) -> Result<Entry> {
    let id = r.str()?;
    let kind = r.code("entity kind", &KINDS)?;
    let name = r.str()?;
    let n = r.count()?;
    let mut aliases = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.str()?;
        let code = r.uint()?;
        let kind = *ALIAS_KINDS.get((code / 3) as usize).ok_or_else(|| corrupt("unknown alias kind"))?;
        let strength = *STRENGTHS.get((code % 3) as usize).ok_or_else(|| corrupt("unknown alias strength"))?;
        aliases.push(Alias { name, kind, strength });
    }
    let n = r.count()?;
    let mut addresses = Vec::with_capacity(n);
    for _ in 0..n {
        addresses.push(Address { full: r.str()?, city: r.opt()?, country: r.opt()? });
    }
    let countries = r.strs()?;
    let programs = r.strs()?.into_iter().map(Shared::from).collect();
    let source = r.str()?.into();
    let list_code = r.str()?.into();
    let effect = r.code("effect", &EFFECTS)?;
    let start_date = r.opt()?;
    let end_date = r.opt()?;
    let dates_of_birth = r.strs()?;
    let nationalities = r.strs()?;
    let n = r.count()?;
    let mut identifiers = Vec::with_capacity(n);
    for _ in 0..n {
        identifiers.push(Identifier { kind: r.str()?.into(), value: r.str()?, country: r.opt()? });
    }
    Ok(Entry {
        id,
        kind,
        name,
        aliases,
        addresses,
        countries,
        programs,
        source,
        list_code,
        effect,
        start_date,
        end_date,
        dates_of_birth,
        nationalities,
        identifiers,
        remarks: r.opt()?,
        license_requirement: r.opt()?.map(Shared::from),
        license_policy: r.opt()?.map(Shared::from),
        federal_register: r.opt()?,
        source_url: r.opt()?.map(Shared::from),
    })
}

/// Reads the body of a version-2 snapshot.
pub(super) fn decode(body: &[u8]) -> Result<(ParsedList, Origin)> {
    let split = body.len().checked_sub(8).ok_or_else(|| corrupt("too short"))?;
    let (content, sum) = body.split_at(split);
    let mut stored = [0u8; 8];
    stored.copy_from_slice(sum);
    if checksum(content) != u64::from_le_bytes(stored) {
        return Err(corrupt("the checksum does not match"));
    }
    let mut r = Reader { bytes: content, pos: 0, table: Vec::new() };
    let n = r.count()?;
    let mut table = Vec::with_capacity(n);
    for _ in 0..n {
        table.push(r.raw_str()?);
    }
    r.table = table;
    let name = r.str()?;
    let format = r.str()?;
    let published = r.opt()?;
    let date = r.opt()?;
    let basis = r.code("date basis", &BASES)?;
    let source_sha256 = r.strs()?;
    let files = r.strs()?;
    let n = r.count()?;
    if n > crate::lists::MAX_ENTRIES {
        return Err(corrupt("more entries than a list may hold"));
    }
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        entries.push(read_entry(&mut r)?);
    }
    if r.pos != content.len() {
        return Err(corrupt(&format!("{} unexpected bytes after the list", content.len() - r.pos)));
    }
    let list = ParsedList { format, name, published, entries, supplement_for: None };
    Ok((list, Origin { source_sha256, files, as_of: AsOf { date, basis } }))
}
