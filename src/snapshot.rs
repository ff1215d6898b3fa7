//! Compact binary snapshots of parsed lists, so an intranet admin can turn the official files into small files
//! on a schedule (`export-screen snapshot`) and deploy them next to the widget, which loads them at start-up from
//! its own origin. A snapshot holds one parsed list (entries with every field) and where it came from; the index
//! is rebuilt on load, which keeps the format independent of the matcher's internals.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lists::model::{Entry, ParsedList};

/// First bytes of every snapshot file.
pub const MAGIC: &[u8] = b"EXPORT-SCREEN-SNAPSHOT\n";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SnapshotV1 {
    name: String,
    format: String,
    published: Option<String>,
    /// sha256 of the official file(s) the snapshot was made from.
    source_sha256: Vec<String>,
    files: Vec<String>,
    entries: Vec<Entry>,
}

/// What a snapshot says about its origin, besides the list itself.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Origin {
    pub source_sha256: Vec<String>,
    pub files: Vec<String>,
}

pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Encodes a parsed list (the supplement marker is dropped: a snapshot is always a whole list).
pub fn encode(list: &ParsedList, origin: &Origin) -> Result<Vec<u8>> {
    let snap = SnapshotV1 {
        name: list.name.clone(),
        format: list.format.clone(),
        published: list.published.clone(),
        source_sha256: origin.source_sha256.clone(),
        files: origin.files.clone(),
        entries: list.entries.clone(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    let body = postcard::to_allocvec(&snap).map_err(|e| Error::invalid(format!("snapshot: cannot encode: {e}")))?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes a snapshot; a truncated or corrupted file is an error, never a partial list.
pub fn decode(bytes: &[u8]) -> Result<(ParsedList, Origin)> {
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| Error::list_format("not an export-screen snapshot"))?;
    let (version, body) = rest.split_at_checked(4).ok_or_else(|| Error::list_format("snapshot: truncated header"))?;
    let version = u32::from_le_bytes([version[0], version[1], version[2], version[3]]);
    if version != VERSION {
        return Err(Error::list_format(format!(
            "snapshot: version {version} is not supported (this build reads {VERSION})"
        )));
    }
    let (snap, tail): (SnapshotV1, &[u8]) = postcard::take_from_bytes(body)
        .map_err(|e| Error::list_format(format!("snapshot: corrupted or truncated ({e})")))?;
    if !tail.is_empty() {
        return Err(Error::list_format(format!("snapshot: {} unexpected bytes after the list", tail.len())));
    }
    if snap.entries.is_empty() {
        return Err(Error::list_format("snapshot: no entries"));
    }
    let list = ParsedList {
        format: snap.format,
        name: snap.name,
        published: snap.published,
        entries: snap.entries,
        supplement_for: None,
    };
    Ok((list, Origin { source_sha256: snap.source_sha256, files: snap.files }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> ParsedList {
        crate::lists::demo::embedded().expect("demo list")
    }

    #[test]
    fn snapshot_round_trip() {
        let origin = Origin { source_sha256: vec!["ab".into()], files: vec!["demo_list.toml".into()] };
        let bytes = encode(&demo(), &origin).expect("encodes");
        assert!(is_snapshot(&bytes));
        let (back, o) = decode(&bytes).expect("decodes");
        assert_eq!(back, demo());
        assert_eq!(o, origin);
    }

    #[test]
    fn snapshot_truncated_or_corrupted_is_an_error() {
        let bytes = encode(&demo(), &Origin::default()).expect("encodes");
        for cut in (0..bytes.len()).step_by(7) {
            let e = decode(&bytes[..cut]).expect_err("a cut snapshot must not decode");
            assert_eq!(e.kind(), &crate::ErrorKind::ListFormat, "cut at {cut}");
            assert!(e.message().contains("snapshot"), "cut at {cut}: {e}");
        }
        let mut flipped = bytes.clone();
        if let Some(b) = flipped.get_mut(MAGIC.len() + 4) {
            *b ^= 0xff;
        }
        let _ = decode(&flipped); // any result but a panic
    }
}
