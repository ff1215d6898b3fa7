//! The embedded demo list (`src/data/demo_list.toml`): a few dozen real entries written by us from public facts,
//! each with its Federal Register notice or list reference. A demo: real screening loads the official files.

use serde::Deserialize;

use super::model::{Entry, ParsedList};
use crate::error::{Error, Result};

/// The demo list's file as written (tests compare the embedded list with it). The screener embeds the compact form
/// instead ([`embedded`]), which `build.rs` makes from this file; the wasm carries no TOML reader.
pub const DEMO_LIST_TOML: &str = include_str!("../data/demo_list.toml");

/// SHA-256 (hex) of `DEMO_LIST_TOML`, for the embedded list's `ListInfo`.
pub const DEMO_LIST_SHA256: &str = crate::data::DEMO_LIST_SHA256;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct DemoFile {
    list: DemoHeader,
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
struct DemoHeader {
    name: String,
    published: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

crate::data::readable!(DemoFile { list, entry });
crate::data::readable!(DemoHeader { name, published, note });

/// The embedded demo list (format "demo-toml"), read from the compact form `build.rs` made of
/// `src/data/demo_list.toml`, by `FromData` as the other embedded data (`data::read_embedded`), so the wasm has
/// no serde reader of the list model's `Entry` and its parts.
pub fn embedded() -> Result<ParsedList> {
    let file: DemoFile = crate::data::read_embedded(crate::data::DEMO_LIST.text())
        .map_err(|e| Error::list_format(format!("demo list: {e}")))?;
    Ok(into_list(file))
}

fn into_list(file: DemoFile) -> ParsedList {
    ParsedList {
        format: "demo-toml".into(),
        name: file.list.name,
        published: file.list.published,
        entries: file.entry,
        supplement_for: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_is_the_toml_file() {
        // The toml crate (a dev-dependency) reads the file as written; build.rs must have embedded the same.
        let file: DemoFile = toml::from_str(DEMO_LIST_TOML).expect("src/data/demo_list.toml is valid");
        assert_eq!(embedded().expect("embedded"), into_list(file));
    }
}
