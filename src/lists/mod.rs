//! Restricted-party lists: every official format parsed into one model ([`model::Entry`]), locally.
//!
//! `parse` detects the format from the content (the file name is only a hint), runs that format's parser and
//! finishes every entry (compound names split, bracketed acronyms, countries de-duplicated). A file either parses
//! whole or fails with an error naming the file, line or element: nothing half-loads.

pub mod model;

pub mod csl;
pub mod demo;

use crate::error::{Error, ErrorKind, Result};
use model::{LoadOptions, ParsedList};

/// Parses one list file.
pub fn parse(bytes: &[u8], opts: &LoadOptions) -> Result<ParsedList> {
    let label = opts.filename.clone().unwrap_or_else(|| "list file".to_string());
    parse_inner(bytes, opts).map_err(|e| e.context(&label))
}

fn parse_inner(bytes: &[u8], opts: &LoadOptions) -> Result<ParsedList> {
    if bytes.is_empty() {
        return Err(Error::list_format("the file is empty"));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Error::list_format("not a list file: binary data (a NUL byte in the first 8 KiB)"));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::list_format(format!("not UTF-8 text (invalid byte at offset {})", e.valid_up_to())))?;
    let format = match opts.format.as_deref() {
        Some(f) => f.to_string(),
        None if text.starts_with("_id,source,") => "csl-csv".to_string(),
        None if text.trim_start().starts_with("[list]") || text.contains("[[entry]]") => "demo-toml".to_string(),
        None => {
            return Err(Error::new(
                ErrorKind::UnknownFormat,
                "not a list format this page reads (expected the US Consolidated Screening List CSV, or an export-screen list)",
            ))
        }
    };
    match format.as_str() {
        "demo-toml" => demo::parse(text),
        "csl-csv" => csl::parse_csv(text),
        other => Err(Error::new(ErrorKind::UnknownFormat, format!("unknown list format \"{other}\""))),
    }
}

/// Merges a supplement file (OFAC `add.csv`, `alt.csv`, `sdn_comments.csv`) into its base list by entry id and
/// returns the number of entries it touched. Used by src/screener.rs: keep this signature.
pub fn merge(base: &mut ParsedList, sup: ParsedList) -> Result<usize> {
    let _ = (base, sup);
    Err(Error::new(ErrorKind::UnknownFormat, "supplement files are not supported yet"))
}
