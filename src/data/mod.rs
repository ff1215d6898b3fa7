//! The data files under `src/data/*.toml` as embedded: `build.rs` parses each one at build time, writes it as
//! minified JSON (comments and layout dropped, every key and value kept) and embeds them all, one after the other,
//! PPMd-compressed; the modules that use a file read it into their own types with [`fields`]' `FromData`, as the
//! JS API's inputs are read ([`input`]).
//! The TOML files are the source of truth; edit those.
//!
//! Why JSON, compressed: the wasm is served gzipped, and gzip packs JSON's repeated keys and punctuation into a
//! few bits each (a binary form with interned keys and length-prefixed strings measured 9% larger gzipped than
//! the JSON, 150 vs 138 KB). But gzip sees 32 KB back, one file at a time; a compressor over all of them
//! together takes about 23 KB (LZMA) or 35 KB (PPMd, which models text better) less of the gzipped wasm. The
//! whole text (about 600 KB) is unpacked once, at the first use of any file. [`unpack`] also unpacks the other
//! packed tables (Unicode decompositions, Han readings), so the wasm has one decoder.

mod fields;
mod input;
mod reader;

use std::sync::OnceLock;

pub(crate) use fields::{
    done, field, field_or_default, from_embedded, read_embedded, readable, readable_enum, table, variant, FromData,
    Same,
};
pub(crate) use input::read_input;
#[cfg(test)]
pub(crate) use reader::from_value;
pub(crate) use reader::{parse, ReadError};

/// One embedded data file: where its JSON is in the decompressed text.
#[derive(Clone, Copy)]
pub(crate) struct Embedded {
    start: usize,
    end: usize,
}

include!(concat!(env!("OUT_DIR"), "/data_index.rs"));

impl Embedded {
    /// The file's JSON text (empty if the embedded data does not decompress, which a test rules out; each
    /// reader then reports its file as unreadable).
    pub(crate) fn text(self) -> &'static str {
        all().get(self.start..self.end).unwrap_or_default()
    }
}

/// All the data files' JSON, decompressed once.
fn all() -> &'static str {
    static ALL: OnceLock<String> = OnceLock::new();
    ALL.get_or_init(|| {
        let bytes = unpack(include_bytes!(concat!(env!("OUT_DIR"), "/data.ppmd"))).unwrap_or_default();
        String::from_utf8(bytes).ok().filter(|s| s.len() == TOTAL).unwrap_or_default()
    })
}

/// The bytes `build.rs` packed (its `pack`: PPMd's model order, memory and the unpacked length, then the PPMd7
/// stream); `None` if they are not such a form. The model takes the memory the header names (at most 16 MiB, for
/// the data files) while it unpacks, and frees it after.
pub(crate) fn unpack(packed: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let word = |at: usize| packed.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
    let (order, mem, len) = (*packed.first()?, word(1)?, word(5)?);
    if mem > 64 << 20 {
        return None;
    }
    let mut reader = ppmd_rust::Ppmd7Decoder::new(packed.get(9..)?, order.into(), mem).ok()?;
    let mut out = vec![0; usize::try_from(len).ok()?];
    reader.read_exact(&mut out).ok()?;
    Some(out)
}

/// SHA-256 (hex) of `src/data/demo_list.toml` as a file, computed by `build.rs`.
pub(crate) const DEMO_LIST_SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/demo_list.sha256"));

#[cfg(test)]
mod tests {
    /// The embedded form carries exactly what the TOML file says (the build compacts, it does not edit), but the
    /// keys no reader reads (`build.rs`'s `UNREAD`: citations).
    #[test]
    fn embedded_json_equals_the_toml_files() {
        let pairs = [
            ("cities", super::CITIES),
            ("controls", super::CONTROLS),
            ("countries", super::COUNTRIES),
            ("demo_list", super::DEMO_LIST),
            ("end_use", super::END_USE),
            ("goods", super::GOODS),
            ("identifiers", super::IDENTIFIERS),
            ("labels", super::LABELS),
            ("legal_forms", super::LEGAL_FORMS),
            ("legal_forms_elf", super::LEGAL_FORMS_ELF),
            ("name_symbols", super::NAME_SYMBOLS),
            ("measures", super::MEASURES),
            ("negation", super::NEGATION),
            ("ordinary", super::ORDINARY),
            ("red_flags", super::RED_FLAGS),
            ("units", super::UNITS),
            ("verdict", super::VERDICT),
            ("vocabulary", super::VOCABULARY),
        ];
        for (name, file) in pairs {
            let json = file.text();
            let path = format!("{}/src/data/{name}.toml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("data file");
            let mut from_toml: serde_json::Value = toml::from_str(&text).expect("TOML");
            for (_, section, key) in super::UNREAD.iter().filter(|(file, _, _)| *file == name) {
                for entry in from_toml.get_mut(*section).and_then(|v| v.as_array_mut()).into_iter().flatten() {
                    entry.as_object_mut().map(|m| m.remove(*key));
                }
            }
            let embedded: serde_json::Value = serde_json::from_str(json).expect("JSON");
            assert_eq!(from_toml, embedded, "{name}");
            assert!(json.len() < text.len(), "{name}: the embedded form is smaller than the file");
        }
    }

    /// Every embedded file read by `FromData` (`from_embedded`) equals what serde's reader by key reads: under
    /// `cfg(test)` each such read also reads by key and asserts that both agree (their `Debug` forms), so loading
    /// every file here is the comparison; the loaders must also succeed.
    #[test]
    fn embedded_data_read_in_order_equals_the_reading_by_key() {
        use crate::rules::{catalogue::Catalogue, destination::Measures, end_use, goods::Goods, red_flags};
        assert!(Catalogue::from_json(super::CONTROLS.text()).is_ok_and(|c| c.errors().is_empty()));
        assert!(Measures::from_json(super::MEASURES.text()).is_ok());
        assert!(red_flags::Rules::from_json(super::RED_FLAGS.text()).is_ok());
        assert!(end_use::Rules::from_json(super::END_USE.text()).is_ok());
        assert!(Goods::from_json(super::GOODS.text()).is_ok());
        assert!(crate::verdict::read_policy(super::VERDICT.text()).is_ok());
        assert!(crate::normalize::tables_ok());
        assert!(crate::geo::geo().errors().is_empty(), "{:?}", crate::geo::geo().errors());
        assert!(crate::order::data_errors().is_empty(), "{:?}", crate::order::data_errors());
    }

    /// The citations left out of the embedded form (`UNREAD`) are in the files, one per entry; no entry is without.
    #[test]
    fn every_entry_of_the_name_tables_is_cited() {
        for (name, section, key) in super::UNREAD {
            let path = format!("{}/src/data/{name}.toml", env!("CARGO_MANIFEST_DIR"));
            let doc: serde_json::Value = toml::from_str(&std::fs::read_to_string(&path).expect("file")).expect("TOML");
            let entries = doc.get(*section).and_then(|v| v.as_array()).expect("the section is there");
            assert!(!entries.is_empty(), "{name}: [[{section}]]");
            for (i, e) in entries.iter().enumerate() {
                let cited = e.get(*key).and_then(|v| v.as_str()).is_some_and(|s| !s.trim().is_empty());
                assert!(cited, "{name}: [[{section}]] #{}: no `{key}`", i + 1);
            }
        }
    }

    #[test]
    fn the_embedded_data_decompresses_whole() {
        assert_eq!(super::all().len(), super::TOTAL);
        assert!(super::unpack(b"not packed").is_none());
        assert!(super::unpack(b"").is_none());
    }

    #[test]
    fn demo_list_checksum_is_of_the_toml_file() {
        let text = std::fs::read(format!("{}/src/data/demo_list.toml", env!("CARGO_MANIFEST_DIR"))).expect("file");
        use sha2::Digest as _;
        let hex: String = sha2::Sha256::digest(&text).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, super::DEMO_LIST_SHA256);
    }
}
