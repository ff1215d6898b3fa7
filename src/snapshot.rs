//! Compact binary snapshots of parsed lists, so an intranet admin can turn the official files into small files
//! on a schedule (`export-screen snapshot`, `export-screen lists update`) and deploy them next to the widget, which
//! loads them at start-up from its own origin; the page keeps its lists in IndexedDB the same way. A snapshot holds
//! one parsed list (entries with every field), where it came from and the date it speaks for; the index is rebuilt
//! on load, which keeps the format independent of the matcher's internals.
//!
//! Version 2 ([`compact`]) is what this build writes and reads: a string table and small integers, smaller than the
//! source file. Version 1 (postcard of the entries, written before 2026-12-06) is refused with a message saying to
//! make the snapshot again from the official file: its reader (with postcard) was 4.4 KB of the gzipped wasm, and
//! every place a snapshot comes from (the page's kept lists, a worker's copy, `export-screen snapshot`) can make it
//! again.

use crate::error::{Error, Result};
use crate::lists::dating::AsOf;
use crate::lists::model::ParsedList;

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
        compact::VERSION => compact::decode(body)?,
        _ => {
            return Err(Error::list_format(format!(
                "snapshot: version {version} is not supported (this build reads version {VERSION} only; make the \
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

    /// Version 1 (postcard, before 2026-12-06) and unknown versions are refused with a message that says what to do.
    #[test]
    fn snapshot_of_an_unknown_version_is_refused_clearly() {
        for version in [1u32, 9] {
            let mut bytes = encode(&demo(), &Origin::default()).expect("encodes");
            bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&version.to_le_bytes());
            let e = decode(&bytes).expect_err("an old or unknown version");
            assert_eq!(e.kind(), &crate::ErrorKind::ListFormat);
            let m = e.to_string();
            assert!(m.contains(&format!("version {version} is not supported")), "{m}");
            assert!(m.contains("make the snapshot again from the official file"), "{m}");
        }
    }
}
