//! Compact binary snapshots of parsed lists, so an intranet admin can turn the official files into small files
//! on a schedule (`export-screen snapshot`, `export-screen lists update`) and deploy them next to the widget, which
//! loads them at start-up from its own origin; the page keeps its lists in IndexedDB the same way. A snapshot holds
//! one parsed list (entries with every field), where it came from and the date it speaks for; the index is rebuilt
//! on load, which keeps the format independent of the matcher's internals.
//!
//! Version 2 ([`compact`]) is what this build writes: a string table and small integers, smaller than the source
//! file. Version 1 (postcard of the entries, bigger than the file) still loads.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lists::dating::{AsOf, DateBasis};
use crate::lists::model::{
    Address, Alias, AliasKind, Effect, EntityKind, Entry, Identifier, ParsedList, Shared, Strength,
};

mod compact;

/// First bytes of every snapshot file.
pub const MAGIC: &[u8] = b"EXPORT-SCREEN-SNAPSHOT\n";
/// The snapshot version this build writes.
pub const VERSION: u32 = compact::VERSION;

/// What a snapshot says about its origin, besides the list itself.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Origin {
    pub source_sha256: Vec<String>,
    pub files: Vec<String>,
    /// The date the list speaks for (see [`crate::lists::dating`]).
    pub as_of: AsOf,
}

pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Encodes a parsed list (the supplement marker is dropped: a snapshot is always a whole list).
pub fn encode(list: &ParsedList, origin: &Origin) -> Result<Vec<u8>> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&compact::encode(list, origin));
    Ok(out)
}

/// Decodes a snapshot; a truncated or corrupted file is an error, never a partial list.
pub fn decode(bytes: &[u8]) -> Result<(ParsedList, Origin)> {
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| Error::list_format("not an export-screen snapshot"))?;
    let (version, body) = rest.split_at_checked(4).ok_or_else(|| Error::list_format("snapshot: truncated header"))?;
    let version = u32::from_le_bytes([version[0], version[1], version[2], version[3]]);
    let (list, origin) = match version {
        1 => v1::decode(body)?,
        compact::VERSION => compact::decode(body)?,
        _ => {
            return Err(Error::list_format(format!(
                "snapshot: version {version} is not supported (this build reads versions 1 and {VERSION}; make the \
                 snapshot again from the official file with this version of export-screen)"
            )))
        }
    };
    if list.entries.is_empty() {
        return Err(Error::list_format("snapshot: no entries"));
    }
    let mut list = list;
    crate::lists::share_texts(&mut list.entries);
    Ok((list, origin))
}

/// Version 1: postcard of the entries as the model stood then (frozen here, so that fields added to the model
/// later do not change how these files read).
mod v1 {
    use super::*;

    #[derive(Serialize, Deserialize)]
    pub(super) struct SnapshotV1 {
        pub name: String,
        pub format: String,
        pub published: Option<String>,
        pub source_sha256: Vec<String>,
        pub files: Vec<String>,
        pub entries: Vec<EntryV1>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct AliasV1 {
        pub name: String,
        pub kind: AliasKind,
        pub strength: Strength,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct AddressV1 {
        pub full: String,
        pub city: Option<String>,
        pub country: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct IdentifierV1 {
        pub kind: String,
        pub value: String,
        pub country: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct EntryV1 {
        pub id: String,
        pub kind: EntityKind,
        pub name: String,
        pub aliases: Vec<AliasV1>,
        pub addresses: Vec<AddressV1>,
        pub countries: Vec<String>,
        pub programs: Vec<String>,
        pub source: String,
        pub list_code: String,
        pub effect: Effect,
        pub start_date: Option<String>,
        pub end_date: Option<String>,
        pub dates_of_birth: Vec<String>,
        pub nationalities: Vec<String>,
        pub identifiers: Vec<IdentifierV1>,
        pub remarks: Option<String>,
        pub license_requirement: Option<String>,
        pub license_policy: Option<String>,
        pub federal_register: Option<String>,
        pub source_url: Option<String>,
    }

    // `..Default::default()` below gives fields added to the model since version 1 their default.
    #[allow(clippy::needless_update)]
    impl From<EntryV1> for Entry {
        fn from(e: EntryV1) -> Entry {
            Entry {
                id: e.id,
                kind: e.kind,
                name: e.name,
                aliases: e
                    .aliases
                    .into_iter()
                    .map(|a| Alias { name: a.name, kind: a.kind, strength: a.strength, ..Alias::default() })
                    .collect(),
                addresses: e
                    .addresses
                    .into_iter()
                    .map(|a| Address { full: a.full, city: a.city, country: a.country })
                    .collect(),
                countries: e.countries,
                programs: e.programs.into_iter().map(Shared::from).collect(),
                source: e.source.into(),
                list_code: e.list_code.into(),
                effect: e.effect,
                start_date: e.start_date,
                end_date: e.end_date,
                dates_of_birth: e.dates_of_birth,
                nationalities: e.nationalities,
                identifiers: e
                    .identifiers
                    .into_iter()
                    .map(|i| Identifier { kind: i.kind.into(), value: i.value, country: i.country })
                    .collect(),
                remarks: e.remarks,
                license_requirement: e.license_requirement.map(Shared::from),
                license_policy: e.license_policy.map(Shared::from),
                federal_register: e.federal_register,
                source_url: e.source_url.map(Shared::from),
                ..Entry::default()
            }
        }
    }

    /// Formats whose files state no date: a version-1 snapshot of one with a date had it from whoever loaded it.
    const UNDATED_FORMATS: [&str; 9] = [
        "csl-csv",
        "csl-tsv",
        "csl-json",
        "ofac-sdn-csv",
        "ofac-cons-csv",
        "ofac-add-csv",
        "ofac-alt-csv",
        "ofac-comments-csv",
        "bis-dpl",
    ];

    pub(super) fn decode(body: &[u8]) -> Result<(ParsedList, Origin)> {
        let (snap, tail): (SnapshotV1, &[u8]) = postcard::take_from_bytes(body)
            .map_err(|e| Error::list_format(format!("snapshot: corrupted or truncated ({e})")))?;
        if !tail.is_empty() {
            return Err(Error::list_format(format!("snapshot: {} unexpected bytes after the list", tail.len())));
        }
        let list = ParsedList {
            format: snap.format,
            name: snap.name,
            published: snap.published,
            entries: snap.entries.into_iter().map(Entry::from).collect(),
            supplement_for: None,
        };
        let mut as_of = crate::lists::dating::as_of(&list, None);
        if as_of.basis == DateBasis::File && UNDATED_FORMATS.contains(&list.format.as_str()) {
            as_of.basis = DateBasis::User;
        }
        Ok((list, Origin { source_sha256: snap.source_sha256, files: snap.files, as_of }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> ParsedList {
        crate::lists::demo::embedded().expect("demo list")
    }

    fn origin() -> Origin {
        Origin {
            source_sha256: vec!["ab".into()],
            files: vec!["demo_list.toml".into()],
            as_of: crate::lists::dating::as_of(&demo(), None),
        }
    }

    #[test]
    fn snapshot_round_trip() {
        let bytes = encode(&demo(), &origin()).expect("encodes");
        assert!(is_snapshot(&bytes));
        let (back, o) = decode(&bytes).expect("decodes");
        assert_eq!(back, demo());
        assert_eq!(o, origin());
    }

    #[test]
    fn snapshot_truncated_or_corrupted_is_an_error() {
        let bytes = encode(&demo(), &Origin::default()).expect("encodes");
        for cut in (0..bytes.len()).step_by(7) {
            let e = decode(&bytes[..cut]).expect_err("a cut snapshot must not decode");
            assert_eq!(e.kind(), &crate::ErrorKind::ListFormat, "cut at {cut}");
            assert!(e.message().contains("snapshot"), "cut at {cut}: {e}");
        }
        for at in (MAGIC.len() + 4..bytes.len()).step_by(13) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x5a;
            let e = decode(&flipped).expect_err("a changed byte is found");
            assert!(e.to_string().contains("corrupted"), "{e}");
        }
    }

    /// A version-1 file, as the previous build wrote it: still loads, with the caller's date told from the file's.
    #[test]
    fn snapshot_v1_still_loads() {
        let list = demo();
        let v1 = |format: &str| {
            let snap = v1::SnapshotV1 {
                name: list.name.clone(),
                format: format.into(),
                published: Some("2026-11-30".into()),
                source_sha256: vec!["cd".into()],
                files: vec!["f".into()],
                entries: list
                    .entries
                    .iter()
                    .map(|e| v1::EntryV1 {
                        id: e.id.clone(),
                        kind: e.kind,
                        name: e.name.clone(),
                        aliases: e
                            .aliases
                            .iter()
                            .map(|a| v1::AliasV1 { name: a.name.clone(), kind: a.kind, strength: a.strength })
                            .collect(),
                        addresses: e
                            .addresses
                            .iter()
                            .map(|a| v1::AddressV1 {
                                full: a.full.clone(),
                                city: a.city.clone(),
                                country: a.country.clone(),
                            })
                            .collect(),
                        countries: e.countries.clone(),
                        programs: e.programs.iter().map(|p| p.to_string()).collect(),
                        source: e.source.to_string(),
                        list_code: e.list_code.to_string(),
                        effect: e.effect,
                        start_date: e.start_date.clone(),
                        end_date: e.end_date.clone(),
                        dates_of_birth: e.dates_of_birth.clone(),
                        nationalities: e.nationalities.clone(),
                        identifiers: e
                            .identifiers
                            .iter()
                            .map(|i| v1::IdentifierV1 {
                                kind: i.kind.to_string(),
                                value: i.value.clone(),
                                country: i.country.clone(),
                            })
                            .collect(),
                        remarks: e.remarks.clone(),
                        license_requirement: e.license_requirement.as_deref().map(str::to_string),
                        license_policy: e.license_policy.as_deref().map(str::to_string),
                        federal_register: e.federal_register.clone(),
                        source_url: e.source_url.as_deref().map(str::to_string),
                    })
                    .collect(),
            };
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&1u32.to_le_bytes());
            bytes.extend_from_slice(&postcard::to_allocvec(&snap).expect("v1 encodes"));
            bytes
        };
        let (back, o) = decode(&v1("demo-toml")).expect("v1 decodes");
        assert_eq!(back.entries, list.entries);
        assert_eq!(o.as_of, AsOf { date: Some("2026-11-30".into()), basis: DateBasis::File });
        let (_, o) = decode(&v1("csl-csv")).expect("v1 decodes");
        assert_eq!(o.as_of, AsOf { date: Some("2026-11-30".into()), basis: DateBasis::User });
    }

    #[test]
    fn snapshot_of_an_unknown_version_is_refused_clearly() {
        let mut bytes = encode(&demo(), &Origin::default()).expect("encodes");
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&9u32.to_le_bytes());
        let e = decode(&bytes).expect_err("version 9");
        assert!(e.to_string().contains("version 9 is not supported"), "{e}");
    }
}
