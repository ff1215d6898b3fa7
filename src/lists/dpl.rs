//! The BIS Denied Persons List as BIS publishes it: a tab-separated text file (`dpl.txt`; every field quoted,
//! header `Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
//! Standard_Order, Last_Update, Action, FR_Citation`), and the comma-separated `dpl_MMDDYYYY.csv` of the same
//! columns (DOMAIN.md §2.7). One entry per row (a person listed at two addresses is two rows, as published); the
//! file has no ids, so each row gets a stable hash of its name, address and effective date. Part of `lists`.

use rustc_hash::FxHashSet as HashSet;

use super::model::{Address, Effect, EntityKind, Entry, ParsedList};
use super::text::{
    csv_error, csv_reader, first_line, iso_date, looks_like_organization, opt, record_line, short_hash, DateOrder,
};
use crate::error::{Error, Result};
use crate::text::csv;

const SOURCE: &str = "Denied Persons List (DPL) - Bureau of Industry and Security";
const URL: &str = "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls/denied-persons-list";

/// The two-letter codes of US states, DC and the territories.
fn is_us_state(s: &str) -> bool {
    const STATES: &str =
        "AK AL AR AS AZ CA CO CT DC DE FL GA GU HI IA ID IL IN KS KY LA MA MD ME MI MN MO MP MS MT NC ND NE \
                          NH NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UT VA VI VT WA WI WV WY";
    s.len() == 2 && STATES.split_whitespace().any(|x| x.eq_ignore_ascii_case(s))
}

/// Parses a DPL file.
pub(crate) fn parse(text: &str) -> Result<ParsedList> {
    let delimiter = if first_line(text).contains('\t') { b'\t' } else { b',' };
    let mut rdr = csv_reader(text, delimiter);
    let mut rec = csv::StringRecord::new();
    if !rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        return Err(Error::list_format("no header line"));
    }
    let col = |name: &str| rec.iter().position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name));
    let Some(c_name) = col("Name") else {
        return Err(Error::list_format("line 1: expected the DPL header (Name, Street_Address, City, …)"));
    };
    let c = |name: &str| col(name).unwrap_or(usize::MAX);
    let [c_street, c_city, c_state, c_country, c_postal, c_eff, c_exp, c_action, c_fr] = [
        c("Street_Address"),
        c("City"),
        c("State"),
        c("Country"),
        c("Postal_Code"),
        c("Effective_Date"),
        c("Expiration_Date"),
        c("Action"),
        c("FR_Citation"),
    ];
    let header_len = rec.len();
    let mut ids: HashSet<String> = HashSet::default();
    let mut entries = Vec::new();
    while rdr.read_record(&mut rec).map_err(|e| csv_error(text, &e))? {
        let line = || record_line(text, &rec);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != header_len {
            return Err(Error::list_format(format!(
                "line {}: expected {header_len} fields, found {}",
                line(),
                rec.len()
            )));
        }
        let f = |k: usize| rec.get(k).unwrap_or("").trim();
        let name = f(c_name);
        if name.is_empty() {
            return Err(Error::list_format(format!("line {}: empty Name", line())));
        }
        let mut country = f(c_country).to_ascii_uppercase();
        // US addresses usually leave Country empty and give a state.
        if country.is_empty() && is_us_state(f(c_state)) {
            country = "US".into();
        }
        let parts: Vec<&str> = [f(c_street), f(c_city), f(c_state), f(c_postal), country.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut id = short_hash(&[name, f(c_street), f(c_city), f(c_eff)]);
        if !ids.insert(id.clone()) {
            // The csv crate's own count (it lags in CRLF files): cheap per row, and ids stay as they were.
            id = format!("{id}-{}", rec.position().map_or(0, |p| p.line()));
            ids.insert(id.clone());
        }
        entries.push(Entry {
            id,
            kind: if looks_like_organization(name) { EntityKind::Organization } else { EntityKind::Unknown },
            name: name.to_string(),
            addresses: vec![Address {
                full: parts.join(", "),
                city: opt(f(c_city)),
                country: (!country.is_empty()).then_some(country),
            }],
            source: SOURCE.into(),
            list_code: "DPL".into(),
            effect: Effect::Prohibition,
            start_date: iso_date(f(c_eff), DateOrder::MonthFirst),
            end_date: iso_date(f(c_exp), DateOrder::MonthFirst),
            remarks: opt(f(c_action)),
            federal_register: opt(f(c_fr)),
            source_url: Some(URL.into()),
            ..Entry::default()
        });
    }
    Ok(ParsedList {
        format: "bis-dpl".into(),
        name: "BIS Denied Persons List".into(),
        published: None,
        entries,
        supplement_for: None,
    })
}
