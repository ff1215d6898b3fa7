//! Batch screening of a parties file (an ERP or CRM export): CSV, semicolon-separated or tab-separated text with a
//! header row is read into party queries, screened one by one, and the results written back as CSV with every
//! cell that a spreadsheet would run as a formula neutralised. Used by the page's Web Worker and the command line.

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::PartyResult;
use crate::screener::PartyQuery;

/// One row of a parties file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct BatchRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub query: PartyQuery,
    /// Every cell of the row, as read, under the file's own headers.
    pub cells: Vec<String>,
}

/// A parsed parties file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PartiesFile {
    pub headers: Vec<String>,
    /// Which header was read as the name, the country and the address.
    pub name_column: String,
    pub country_column: Option<String>,
    pub address_column: Option<String>,
    pub rows: Vec<BatchRow>,
    /// Rows left out because their name cell was empty.
    pub skipped: usize,
}

const NAME_HEADERS: &[&str] = &[
    "name",
    "party",
    "party name",
    "company",
    "company name",
    "customer",
    "customer name",
    "business partner",
    "partner",
    "account",
    "account name",
    "organisation",
    "organization",
    "consignee",
    "buyer",
    "end user",
    "supplier",
    "vendor",
    "entity",
    "firm",
    "name 1",
    "name1",
    "kunde",
    "firma",
    "raison sociale",
    "nom",
    "razon social",
    "nombre",
];
const COUNTRY_HEADERS: &[&str] = &[
    "country",
    "country code",
    "iso country",
    "land",
    "pays",
    "pais",
    "país",
    "country/region",
    "ctry",
    "destination",
];
const ADDRESS_HEADERS: &[&str] = &["address", "street", "city", "adresse", "direccion", "dirección", "address line 1"];

fn find(headers: &[String], wanted: &[&str]) -> Option<usize> {
    let norm: Vec<String> =
        headers.iter().map(|h| h.trim().trim_matches('"').to_lowercase().replace(['_', '-'], " ")).collect();
    wanted.iter().find_map(|w| norm.iter().position(|h| h == w))
}

/// Reads a parties file. The delimiter (comma, semicolon or tab) is taken from the header line. A file of more than
/// [`Config::max_batch_rows`] rows, or a row whose name, country or address is longer than
/// [`Config::max_field_bytes`], is refused with its line number.
pub fn parse_parties(text: &str, limits: &Config) -> Result<PartiesFile> {
    let max_rows = limits.max_batch_rows;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first =
        text.lines().find(|l| !l.trim().is_empty()).ok_or_else(|| Error::invalid("the parties file is empty"))?;
    let delim =
        [b'\t', b';', b','].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut rdr =
        csv::ReaderBuilder::new().delimiter(delim).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::invalid(format!("parties file: header line: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let name_col = find(&headers, NAME_HEADERS).ok_or_else(|| {
        Error::invalid(format!(
            "parties file: no column for the party's name (expected a header such as \"name\", \"company\" or \"customer\"; found: {})",
            headers.join(", ")
        ))
    })?;
    let country_col = find(&headers, COUNTRY_HEADERS);
    let address_col = find(&headers, ADDRESS_HEADERS);
    let mut rows = Vec::new();
    let mut skipped = 0;
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| Error::invalid(format!("parties file line {line}: {e}")))?;
        if rows.len() >= max_rows {
            return Err(Error::new(
                crate::ErrorKind::TooLarge,
                format!("parties file: more than {max_rows} rows; split it into smaller files"),
            ));
        }
        let cell =
            |c: Option<usize>| c.and_then(|i| rec.get(i)).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let Some(name) = cell(Some(name_col)) else {
            skipped += 1;
            continue;
        };
        let query = PartyQuery { name, country: cell(country_col), address: cell(address_col) };
        limits.check_fields(&query).map_err(|e| e.context(format!("parties file line {line}")))?;
        rows.push(BatchRow { line, query, cells: rec.iter().map(str::to_string).collect() });
    }
    Ok(PartiesFile {
        name_column: headers[name_col].clone(),
        country_column: country_col.map(|c| headers[c].clone()),
        address_column: address_col.map(|c| headers[c].clone()),
        headers,
        rows,
        skipped,
    })
}

/// Keeps a cell from being run as a formula by a spreadsheet (a leading = + - @ tab or carriage return).
pub fn inert_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes the rows with their results as CSV: the file's own columns, then hits, best score, list, entry id,
/// listed name and matched name.
pub fn results_csv(file: &PartiesFile, results: &[PartyResult]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = file.headers.iter().map(|h| inert_cell(h)).collect();
    head.extend(
        ["hits", "best_score", "best_list", "best_entry_id", "best_listed_name", "matched_name"].map(String::from),
    );
    w.write_record(&head).map_err(|e| Error::invalid(e.to_string()))?;
    for (row, r) in file.rows.iter().zip(results) {
        let mut out: Vec<String> = row.cells.iter().map(|c| inert_cell(c)).collect();
        out.resize(file.headers.len(), String::new());
        out.push(r.hits.len().to_string());
        match r.hits.first() {
            Some(h) => out.extend(
                [
                    format!("{:.3}", h.score),
                    h.list_code.clone(),
                    h.entry_id.clone(),
                    h.name.clone(),
                    h.matched_name.clone(),
                ]
                .iter()
                .map(|c| inert_cell(c)),
            ),
            None => out.extend(std::iter::repeat_n(String::new(), 5)),
        }
        w.write_record(&out).map_err(|e| Error::invalid(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| Error::invalid(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Config {
        Config { max_batch_rows: n, ..Config::default() }
    }

    #[test]
    fn parse_parties_detects_columns_and_delimiter() {
        let f = parse_parties(
            "\u{feff}Kunden-Nr;Firma;Land\n1;M/s Hasan Scientific Corp;PK\n2;;DE\n3;Acme GmbH;DE\n",
            &rows(10),
        )
        .expect("parses");
        assert_eq!(f.name_column, "Firma");
        assert_eq!(f.country_column.as_deref(), Some("Land"));
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.skipped, 1);
        assert_eq!(f.rows[0].query.country.as_deref(), Some("PK"));
        assert_eq!(f.rows[1].line, 4);
    }

    #[test]
    fn parse_parties_needs_a_name_column() {
        let e = parse_parties("id,amount\n1,2\n", &rows(10)).expect_err("no name column");
        assert!(e.message().contains("no column for the party's name"), "{e}");
    }

    #[test]
    fn parse_parties_bounds_rows() {
        let text = format!("name\n{}", "x\n".repeat(11));
        let e = parse_parties(&text, &rows(10)).expect_err("too many rows");
        assert_eq!(e.kind(), &crate::ErrorKind::TooLarge);
        assert!(e.message().contains("more than 10 rows"), "{e}");
        assert!(parse_parties(&format!("name\n{}", "x\n".repeat(10)), &rows(10)).is_ok());
    }

    #[test]
    fn parse_parties_refuses_an_overlong_cell_with_its_line() {
        let text = format!("name,country\nAcme,DE\n{},DE\n", "x".repeat(5000));
        let e = parse_parties(&text, &Config::default()).expect_err("too long");
        assert_eq!(e.kind(), &crate::ErrorKind::TooLarge);
        assert!(e.message().starts_with("parties file line 3: the name is 5000 bytes long"), "{e}");
        let text = format!("name,address\nAcme,{}\n", "x".repeat(5000));
        let e = parse_parties(&text, &Config::default()).expect_err("too long");
        assert!(e.message().starts_with("parties file line 2: the address is"), "{e}");
    }

    #[test]
    fn results_csv_neutralises_formulas() {
        let f = parse_parties("name,note\n=HYPERLINK(\"http://x\"),@SUM(A1)\n", &rows(10)).expect("parses");
        let csv = results_csv(&f, &[PartyResult::default()]).expect("writes");
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains("'@SUM"), "{csv}");
    }
}
