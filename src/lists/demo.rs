//! The embedded demo list (`src/data/demo_list.toml`): a few dozen real entries written by us from public facts,
//! each with its Federal Register notice or list reference. A demo: real screening loads the official files.

use serde::Deserialize;

use super::model::{Entry, ParsedList};
use crate::error::{Error, Result};

pub const DEMO_LIST_TOML: &str = include_str!("../data/demo_list.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    list: DemoHeader,
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoHeader {
    name: String,
    published: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

pub fn parse(text: &str) -> Result<ParsedList> {
    let file: DemoFile = toml::from_str(text).map_err(|e| Error::list_format(format!("demo list: {e}")))?;
    Ok(ParsedList {
        format: "demo-toml".into(),
        name: file.list.name,
        published: file.list.published,
        entries: file.entry,
        supplement_for: None,
    })
}
