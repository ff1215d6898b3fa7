//! Format detection: which parser a list file needs, from its content (root element, header row, JSON keys, the
//! shape of OFAC's headerless CSV rows). The file name is only a hint (OFAC `cons_*` vs `sdn*` files have the same
//! shape). Part of `lists`, between decoding and the format parsers; a file of another kind gets an error saying
//! what it looks like and what was expected.

use serde_json::Value;

use super::text::first_line;
use super::{ofac, xml};
use crate::error::{Error, ErrorKind, Result};

/// A JSON list document: one value, or JSON lines (one object per line, as FollowTheMoney exports are).
pub(crate) enum JsonDoc<'a> {
    Value(Value),
    Lines(&'a str),
}

impl JsonDoc<'_> {
    pub(crate) fn into_value(self) -> Result<Value> {
        match self {
            JsonDoc::Value(v) => Ok(v),
            JsonDoc::Lines(_) => {
                Err(Error::list_format("JSON lines (one object per line) where one JSON document was expected"))
            }
        }
    }
}

/// What detection found.
pub(crate) enum Detected<'a> {
    Format(&'static str),
    Json(&'static str, JsonDoc<'a>),
}

impl Detected<'_> {
    pub(crate) fn format(&self) -> &'static str {
        match self {
            Detected::Format(f) | Detected::Json(f, _) => f,
        }
    }
}

const EXPECTED: &str = "expected the US Consolidated Screening List (CSV, TSV or JSON), an OFAC file (sdn.csv, \
    cons_prim.csv, add.csv, alt.csv, sdn_comments.csv, SDN.XML, SDN_ENHANCED.XML, CONS_ENHANCED.XML), the BIS Denied \
    Persons List (dpl.txt), the UN consolidated list XML, the UK Sanctions List (CSV or XML) or OFSI's ConList.csv, \
    the EU financial sanctions file (XML or CSV), an OpenSanctions export (targets.simple.csv, FollowTheMoney JSON), \
    or an export-screen list (TOML)";

fn unknown(what: String) -> Error {
    Error::new(ErrorKind::UnknownFormat, format!("not a list format this page reads: {what}; {EXPECTED}"))
}

/// A short, printable excerpt of a line for error messages.
fn excerpt(line: &str) -> String {
    let mut s: String = line.chars().filter(|c| !c.is_control()).take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn is_json_lines(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else { return false };
    first.starts_with('{') && lines.next().is_some_and(|l| l.starts_with('{')) && {
        serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object())
    }
}

/// Parses a JSON list document (or recognises JSON lines).
pub(crate) fn json_value(text: &str) -> Result<JsonDoc<'_>> {
    let t = text.trim_start_matches('\u{feff}').trim();
    if is_json_lines(t) {
        return Ok(JsonDoc::Lines(t));
    }
    serde_json::from_str::<Value>(t).map(JsonDoc::Value).map_err(|e| {
        if e.is_eof() {
            Error::list_format(format!("line {}: the JSON ends early (truncated file?)", e.line()))
        } else {
            Error::list_format(format!("line {} column {}: invalid JSON ({e})", e.line(), e.column()))
        }
    })
}

fn has_keys(v: &Value, keys: &[&str]) -> bool {
    v.as_object().is_some_and(|o| keys.iter().all(|k| o.contains_key(*k)))
}

fn classify_json(v: &Value) -> Option<&'static str> {
    let first = match v {
        Value::Array(a) => a.first()?,
        Value::Object(o) => {
            if let Some(Value::Array(r)) = o.get("results") {
                return r.first().is_none_or(|x| has_keys(x, &["name"])).then_some("csl-json");
            }
            if has_keys(v, &["list_id", "entities"]) {
                return Some("nsfreg-json");
            }
            if has_keys(v, &["schema", "properties"]) {
                return Some("ftm-json");
            }
            return None;
        }
        _ => return None,
    };
    if has_keys(first, &["schema", "properties"]) {
        Some("ftm-json")
    } else if has_keys(first, &["entity_name", "list_id"]) {
        Some("xyna-json")
    } else if has_keys(first, &["name", "source"]) {
        Some("csl-json")
    } else {
        None
    }
}

fn detect_json(text: &str) -> Result<Detected<'_>> {
    let doc = json_value(text)?;
    let format = match &doc {
        JsonDoc::Lines(_) => Some("ftm-json"),
        JsonDoc::Value(v) => classify_json(v),
    };
    match format {
        Some(f) => Ok(Detected::Json(f, doc)),
        None => {
            let keys = match &doc {
                JsonDoc::Value(Value::Object(o)) => o.keys().take(6).cloned().collect::<Vec<_>>().join(", "),
                JsonDoc::Value(Value::Array(a)) => a
                    .first()
                    .and_then(Value::as_object)
                    .map(|o| o.keys().take(6).cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            Err(unknown(format!("JSON of another kind (keys: {keys})")))
        }
    }
}

fn detect_xml(text: &str) -> Result<Detected<'static>> {
    let lower: String = text.chars().take(300).collect::<String>().to_ascii_lowercase();
    if lower.contains("<!doctype html") || lower.contains("<html") {
        let head: String = text.chars().take(4000).collect();
        if head.contains("UK Sanctions List") {
            return Err(unknown(
                "the UK Sanctions List as a web page (HTML, for reading: load UK-Sanctions-List.csv or \
                 UK-Sanctions-List.xml, which hold the same data in a layout this page reads)"
                    .to_string(),
            ));
        }
        return Err(unknown("an HTML page (save the list file itself, not the web page that links to it)".to_string()));
    }
    let root = xml::root_name(text)?;
    let format =
        match root.as_str() {
            "sdnList" => "ofac-xml",
            "sanctionsData" => "ofac-enhanced-xml",
            "CONSOLIDATED_LIST" => "un-xml",
            "export" => "eu-fsf-xml",
            "Designations" => "uk-sl-xml",
            "ArrayOfFinancialSanctionsTarget" => return Err(unknown(
                "OFSI's ConList.xml (the OFSI Consolidated List, retired on 28 January 2026; not read here: load the \
                 UK Sanctions List, UK-Sanctions-List.csv or .xml, or a kept ConList.csv)"
                    .to_string(),
            )),
            "Sanctions" => {
                return Err(unknown(
                    "an OFAC SDN_ADVANCED.XML file (not read here: load SDN.XML, SDN_ENHANCED.XML or sdn.csv instead)"
                        .to_string(),
                ))
            }
            other => {
                return Err(unknown(format!(
                "an XML file with root element <{other}> (expected <sdnList>, <sanctionsData>, <CONSOLIDATED_LIST>, \
                 the UK <Designations> or the EU <export>)"
            )))
            }
        };
    Ok(Detected::Format(format))
}

/// Detects the format of a decoded list file.
pub(crate) fn detect<'a>(text: &'a str, filename: Option<&str>) -> Result<Detected<'a>> {
    let t = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if t.starts_with('<') {
        return detect_xml(t);
    }
    if t.starts_with('{') || t.starts_with('[') {
        return detect_json(t);
    }
    let line1 = first_line(t);
    let line2 = t.lines().nth(1).unwrap_or("").trim_end_matches('\r');
    let bare1 = line1.replace('"', "");
    let bare2 = line2.replace('"', "");
    let format = if bare1.starts_with("_id,source,") {
        "csl-csv"
    } else if bare1.starts_with("_id\tsource\t") {
        "csl-tsv"
    } else if bare1.starts_with("Name") && bare1.contains("Street_Address") && bare1.contains("FR_Citation") {
        "bis-dpl"
    } else if (bare1.starts_with("Last Updated,") && bare2.starts_with("Name 6,"))
        || (bare1.starts_with("Name 6,") && bare1.contains("Group ID"))
    {
        "uk-ofsi-csv"
    } else if bare1.starts_with("Report Date")
        || [&bare1, &bare2].iter().any(|l| l.contains("Unique ID") && l.contains("Name 6"))
    {
        "uk-sl-csv"
    } else if bare1.contains("Entity_LogicalId") || bare2.contains("Entity_LogicalId") {
        "eu-fsf-csv"
    } else if bare1.starts_with("id,schema,name,") {
        "opensanctions-csv"
    } else if let Some(shape) = ofac::shape(t) {
        let cons = filename.is_some_and(|f| f.to_ascii_lowercase().contains("cons"));
        if shape == "ofac-sdn-csv" && cons {
            "ofac-cons-csv"
        } else {
            shape
        }
    } else {
        let what = if line1.contains(',') || line1.contains(';') || line1.contains('\t') {
            format!("a table whose first line is \"{}\"", excerpt(line1))
        } else {
            format!("text whose first line is \"{}\"", excerpt(line1))
        };
        return Err(unknown(what));
    };
    Ok(Detected::Format(format))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match detect(text, None) {
            Ok(d) => d.format().to_string(),
            Err(e) => format!("error: {}", e.message()),
        }
    }

    #[test]
    fn detect_tells_formats_apart_by_content() {
        assert_eq!(fmt("_id,source,entity_number\n"), "csl-csv");
        assert_eq!(fmt("\"Name\"\t\"Street_Address\"\t\"FR_Citation\"\n"), "bis-dpl");
        assert_eq!(fmt("Last Updated,10/04/2025\nName 6,Name 1,Group ID\n"), "uk-ofsi-csv");
        assert_eq!(fmt("Report Date: 13-Feb-2026\nLast Updated,Unique ID,OFSI Group ID,Name 6\n"), "uk-sl-csv");
        assert_eq!(fmt("\u{feff}fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n"), "eu-fsf-csv");
        assert_eq!(fmt("\"id\",\"schema\",\"name\",\"aliases\"\n"), "opensanctions-csv");
        assert_eq!(fmt("<sdnList><x/></sdnList>"), "ofac-xml");
        assert_eq!(fmt("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>"), "un-xml");
        assert_eq!(
            fmt("<?xml version=\"1.0\"?>\n<Designations><DateGenerated>02/10/2026</DateGenerated>"),
            "uk-sl-xml"
        );
        // The FCDO CSV with its "Report Date" line removed is still the FCDO file, not OFSI's.
        assert_eq!(
            fmt("Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6\n04/08/2026,RUS1,1,,X\n"),
            "uk-sl-csv"
        );
        assert_eq!(fmt("{\"results\":[{\"name\":\"X\",\"source\":\"Y\"}]}"), "csl-json");
        assert_eq!(fmt("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n{\"id\":\"b\"}\n"), "ftm-json");
    }

    #[test]
    fn detect_names_what_an_unknown_file_looks_like() {
        let e = fmt("a,b,c\n1,2,3\n");
        assert!(e.contains("a table whose first line is \"a,b,c\""), "{e}");
        assert!(e.contains("expected the US Consolidated Screening List"), "{e}");
        assert!(fmt("<html><body>x</body></html>").contains("HTML page"));
        assert!(fmt("{\"foo\": 1}").contains("JSON of another kind (keys: foo)"));
        assert!(fmt("<rss><channel/></rss>").contains("root element <rss>"));
        assert!(fmt("<ArrayOfFinancialSanctionsTarget/>").contains("retired on 28 January 2026"));
        let html = "<!DOCTYPE html><html><head><title>UK Sanctions List</title></head><body></body></html>";
        assert!(fmt(html).contains("load UK-Sanctions-List.csv"), "{}", fmt(html));
    }
}
