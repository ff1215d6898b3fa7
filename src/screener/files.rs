//! What the screener needs to know of a list file before it parses it: its sha256, a caller's publication date
//! checked, and the format family a supplement file (OFAC's add.csv, alt.csv) extends.

use crate::text::sha256;

use crate::error::{Error, Result};

/// A caller's publication date: YYYY-MM-DD, or an ISO date-time whose date part is kept.
pub(super) fn valid_date(date: &str) -> Result<String> {
    let d = date.trim().get(..10).unwrap_or("");
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) && {
        let (m, day) = (&d[5..7], &d[8..10]);
        ("01"..="12").contains(&m) && ("01"..="31").contains(&day)
    };
    if ok && (date.trim().len() == 10 || date.trim().as_bytes()[10] == b'T') {
        Ok(d.to_string())
    } else {
        Err(Error::invalid(format!("published: \"{date}\" is not a date (expected YYYY-MM-DD)")))
    }
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    sha256::hex(&sha256::digest(bytes))
}

/// The format family a supplement file extends ("ofac-sdn-csv" belongs to "ofac-csv").
pub(super) fn family(format: &str) -> &str {
    if format.starts_with("ofac-") && format.ends_with("-csv") {
        "ofac-csv"
    } else {
        format
    }
}
