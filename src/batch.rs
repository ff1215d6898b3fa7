//! Batch screening of a parties file (an ERP or CRM export): CSV, semicolon-separated or tab-separated text with a
//! header row is read into party queries, screened one by one, and the results written back as CSV with every
//! cell that a spreadsheet would run as a formula neutralised. Used by the page's Web Worker and the command line.

use crate::text::case::Case as _;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::report::PartyResult;
use crate::screener::PartyQuery;
use crate::text::csv;

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
    /// Every column the address was read from, joined in this order (street, postal code, city when the file has
    /// no whole-address column); the first is `address_column`.
    #[serde(default)]
    pub address_columns: Vec<String>,
    pub rows: Vec<BatchRow>,
    /// Rows left out because their name cell was empty.
    pub skipped: usize,
}

// Headers are compared folded: lower case, and `_ - : / .` read as spaces, so "NAME_1", "Name-1" and "name 1" are
// one header, and "Address 1: Country/Region" (Microsoft Dynamics) reads "address 1 country region". Each list is
// in order of preference. ERP technical names: SAP's customer and vendor masters (KNA1/LFA1: NAME1, LAND1, ORT01,
// PSTLZ, STRAS) and business partner addresses (NAME_ORG1, COUNTRY, CITY1, POST_CODE1, STREET); Salesforce
// (BillingCountry, BillingCity, BillingStreet); Oracle TCA (PARTY_NAME, ADDRESS1, POSTAL_CODE).
const NAME_HEADERS: &[&str] = &[
    "name",
    "party name",
    "company name",
    "customer name",
    "business partner name",
    "partner name",
    "account name",
    "organisation name",
    "organization name",
    "supplier name",
    "vendor name",
    "legal name",
    "name 1",
    "name1",
    "name org1",
    "kundenname",
    "firmenname",
    "raison sociale",
    "razon social",
    "nombre",
    "nom",
    "company",
    "party",
    "organisation",
    "organization",
    "firma",
    "firm",
    "entity",
    "consignee",
    "buyer",
    "end user",
    // Often an id in ERP exports (SAP's PARTNER is the business partner number): last.
    "customer",
    "kunde",
    "business partner",
    "partner",
    "account",
    "supplier",
    "vendor",
    "lieferant",
];
const COUNTRY_HEADERS: &[&str] = &[
    "country",
    "country code",
    "country key",
    "iso country",
    "land",
    "land1",
    "laenderschluessel",
    "länderschlüssel",
    "pays",
    "pais",
    "país",
    "country region",
    "address 1 country region",
    "billingcountry",
    "billing country",
    "shippingcountry",
    "shipping country",
    "country name",
    "ctry",
    "destination",
];
/// A column holding the whole address.
const ADDRESS_HEADERS: &[&str] = &[
    "address",
    "address line 1",
    "address 1",
    "address1",
    "street address",
    "full address",
    "billing address",
    "adresse",
    "anschrift",
    "direccion",
    "dirección",
];
/// Columns holding parts of it, read together when there is no whole-address column: street, postal code, city.
const STREET_HEADERS: &[&str] = &[
    "street",
    "stras",
    "strasse",
    "straße",
    "street 1",
    "address 1 street 1",
    "billingstreet",
    "billing street",
    "rue",
    "calle",
];
const POSTCODE_HEADERS: &[&str] = &[
    "postal code",
    "postcode",
    "post code",
    "post code1",
    "pstlz",
    "zip",
    "zip code",
    "plz",
    "postleitzahl",
    "address 1 zip postal code",
    "billingpostalcode",
    "billing postal code",
    "code postal",
    "codigo postal",
];
const CITY_HEADERS: &[&str] = &[
    "city",
    "ort01",
    "ort",
    "city1",
    "town",
    "address 1 city",
    "billingcity",
    "billing city",
    "stadt",
    "ville",
    "ciudad",
];

/// A header as compared: lower case, `_ - : / .` as spaces, spaces single.
fn fold_header(h: &str) -> String {
    h.trim()
        .trim_matches('"')
        .to_lower()
        .replace(['_', '-', ':', '/', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn find(headers: &[String], wanted: &[&str]) -> Option<usize> {
    let norm: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    wanted.iter().find_map(|w| norm.iter().position(|h| h == w))
}

/// The columns the address is read from: a whole-address column, else the street, postal code and city columns
/// found (in that order), which are joined.
fn address_columns(headers: &[String]) -> Vec<usize> {
    if let Some(whole) = find(headers, ADDRESS_HEADERS) {
        return vec![whole];
    }
    [STREET_HEADERS, POSTCODE_HEADERS, CITY_HEADERS].iter().filter_map(|w| find(headers, w)).collect()
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
    // The first record is the header (none: no columns); reading text as CSV never fails.
    let mut rdr = csv::Reader::new(text, delim);
    let mut rec = csv::StringRecord::new();
    let Ok(_) = rdr.read_record(&mut rec);
    let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
    let name_col = find(&headers, NAME_HEADERS).ok_or_else(|| {
        Error::invalid(format!(
            "parties file: no column for the party's name (expected a header such as \"name\", \"company\" or \"customer\"; found: {})",
            headers.join(", ")
        ))
    })?;
    let country_col = find(&headers, COUNTRY_HEADERS);
    let address_cols = address_columns(&headers);
    let mut rows = Vec::new();
    let mut skipped = 0;
    let mut i = 0;
    while let Ok(true) = rdr.read_record(&mut rec) {
        // The record's number plus one (blank lines are skipped and not counted).
        let line = i + 2;
        i += 1;
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
        let parts: Vec<String> = address_cols.iter().filter_map(|&c| cell(Some(c))).collect();
        let address = (!parts.is_empty()).then(|| parts.join(", "));
        let query = PartyQuery { name, country: cell(country_col), address };
        limits.check_fields(&query).map_err(|e| e.context(format!("parties file line {line}")))?;
        rows.push(BatchRow { line, query, cells: rec.iter().map(str::to_string).collect() });
    }
    Ok(PartiesFile {
        name_column: headers[name_col].clone(),
        country_column: country_col.map(|c| headers[c].clone()),
        address_column: address_cols.first().map(|&c| headers[c].clone()),
        address_columns: address_cols.iter().map(|&c| headers[c].clone()).collect(),
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
    let mut w = csv::Writer::new();
    let mut head: Vec<String> = file.headers.iter().map(|h| inert_cell(h)).collect();
    head.extend(
        ["hits", "best_score", "best_list", "best_entry_id", "best_listed_name", "matched_name"].map(String::from),
    );
    w.write_record(&head);
    for (row, r) in file.rows.iter().zip(results) {
        let mut out: Vec<String> = row.cells.iter().map(|c| inert_cell(c)).collect();
        out.resize(file.headers.len(), String::new());
        out.push(r.hits.len().to_string());
        match r.hits.first() {
            Some(h) => out.extend(
                [
                    crate::text::num::fixed(h.score, 3),
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
        w.write_record(&out);
    }
    Ok(w.into_string())
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
    fn parse_parties_reads_erp_technical_headers() {
        let sap = "KUNNR;NAME1;NAME2;STRAS;PSTLZ;ORT01;LAND1\n100;M/s Hasan Scientific Corp;;50 Akbari Road;54000;Lahore;PK\n";
        let f = parse_parties(sap, &rows(10)).expect("parses");
        assert_eq!((f.name_column.as_str(), f.country_column.as_deref()), ("NAME1", Some("LAND1")));
        assert_eq!(f.address_columns, ["STRAS", "PSTLZ", "ORT01"]);
        assert_eq!(f.rows[0].query.address.as_deref(), Some("50 Akbari Road, 54000, Lahore"));
        let bp = parse_parties("PARTNER,NAME_ORG1,COUNTRY,CITY1\n1,Acme,DE,Berlin\n", &rows(10)).expect("parses");
        assert_eq!((bp.name_column.as_str(), bp.address_column.as_deref()), ("NAME_ORG1", Some("CITY1")));
        let dynamics = "Account Name,Address 1: City,Address 1: Country/Region\nAcme,Oslo,Norway\n";
        let d = parse_parties(dynamics, &rows(10)).expect("parses");
        assert_eq!(d.country_column.as_deref(), Some("Address 1: Country/Region"));
        assert_eq!(d.rows[0].query.address.as_deref(), Some("Oslo"));
        let sf = parse_parties("Name,BillingStreet,BillingCity,BillingCountry\nAcme,1 Main St,Austin,US\n", &rows(10))
            .expect("parses");
        assert_eq!(sf.rows[0].query.country.as_deref(), Some("US"));
        assert_eq!(sf.rows[0].query.address.as_deref(), Some("1 Main St, Austin"));
        // A whole-address column is read alone, as before.
        let whole = parse_parties("name,address,city\nAcme,1 Main St,Austin\n", &rows(10)).expect("parses");
        assert_eq!(whole.rows[0].query.address.as_deref(), Some("1 Main St"));
        assert_eq!(whole.address_columns, ["address"]);
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
