//! The sources file of `export-screen lists update`: which official lists to download and from where, one cited
//! block per list (`data/list-sources.toml` is built in; `--sources FILE` reads another, e.g. a local mirror).

use serde::Deserialize;

/// The built-in sources: the publishers' documented download addresses.
pub const DEFAULT: &str = include_str!("../../../data/list-sources.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    list: Vec<Source>,
}

/// One list to download.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The list's key in the bundle (its snapshot is `<id>.esnap`).
    pub id: String,
    pub name: String,
    pub url: String,
    /// The file name given to the parser; default: the url's last path segment.
    #[serde(default)]
    pub file: Option<String>,
    /// The format family (or exact format) the file must be read as.
    #[serde(default)]
    pub format: Option<String>,
    /// Files merged into this list after the first (OFAC's legacy add.csv, alt.csv).
    #[serde(default)]
    pub supplements: Vec<String>,
    /// The publisher's page that documents the address and format.
    pub citation: String,
}

impl Source {
    /// The file name the parser is told for `url`.
    pub fn file_name(&self, url: &str) -> String {
        if url == self.url {
            if let Some(f) = &self.file {
                return f.clone();
            }
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("download").to_string()
    }
}

/// Reads a sources file; `label` names it in errors.
pub fn parse(text: &str, label: &str) -> Result<Vec<Source>, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("{label}: {e}"))?;
    if file.list.is_empty() {
        return Err(format!("{label}: names no [[list]]"));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, s) in file.list.iter().enumerate() {
        let at = format!("{label}: list {} ({})", i + 1, s.id);
        let id_ok = !s.id.is_empty()
            && s.id.len() <= 40
            && s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !id_ok {
            return Err(format!("{at}: id must be 1-40 characters a-z, 0-9, '-' or '_'"));
        }
        if !seen.insert(s.id.as_str()) {
            return Err(format!("{at}: id \"{}\" is used twice", s.id));
        }
        for url in std::iter::once(&s.url).chain(&s.supplements) {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("{at}: \"{url}\" is not an http(s) address"));
            }
        }
        if s.citation.trim().is_empty() {
            return Err(format!("{at}: citation is empty (name the publisher's page that documents the address)"));
        }
    }
    Ok(file.list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_the_built_in_sources_with_a_citation_each() {
        let list = parse(DEFAULT, "data/list-sources.toml").expect("parses");
        let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["csl", "ofac-sdn", "ofac-cons", "un", "uk", "eu"]);
        for s in &list {
            assert!(s.url.starts_with("https://") && s.citation.starts_with("https://"), "{s:?}");
        }
        // OFAC's XML files are told apart by name; the EU's address ends in a query.
        assert_eq!(list[2].file_name(&list[2].url), "CONSOLIDATED.XML");
        assert_eq!(list[5].file_name(&list[5].url), "xmlFullSanctionsList_1_1.xml");
    }

    #[test]
    fn parse_names_the_list_and_field_at_fault() {
        let bad = DEFAULT.replace("id = \"un\"", "id = \"U N\"");
        assert!(parse(&bad, "s.toml").unwrap_err().contains("s.toml: list 4 (U N): id must be"));
        let bad = DEFAULT.replace("https://scsanctions", "ftp://scsanctions");
        assert!(parse(&bad, "s.toml").unwrap_err().contains("is not an http(s) address"));
        let bad = DEFAULT.replace("format = \"un\"", "fromat = \"un\"");
        assert!(parse(&bad, "s.toml").unwrap_err().contains("fromat"));
        let bad = DEFAULT.replace("id = \"eu\"", "id = \"un\"");
        assert!(parse(&bad, "s.toml").unwrap_err().contains("is used twice"));
    }
}
