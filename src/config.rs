//! One `Config` for the whole pipeline, with documented defaults. The page and embedders pass overrides as a
//! plain object (`new Screener({ threshold: 0.85 })`); every field is optional.
//!
//! The size limits live here too, so that the page, the Web Worker and the command line apply the same ones: no
//! input makes the work grow faster than its size (`tests/growth.rs` measures it). What a caller sends is refused
//! with a message naming the field and the limit ([`Config::check_party`], `max_order_bytes`, `max_list_bytes`,
//! `max_batch_rows`); what a list file holds is cut and reported, so the rest of the file still loads
//! ([`crate::lists::MAX_NAME_BYTES`], [`crate::lists::MAX_ENTRIES`]).

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::screener::PartyQuery;

/// Tokens (words) longer than this many characters are matched exactly only: they get no one-letter deletion keys,
/// no spelling correction and no fuzzy comparison, whose cost grows with the square of a token's length. The
/// longest word in the published lists, once normalised, has 24 characters ("neftepererabatyvayuschey"); a longer
/// "word" is a code, a URL or junk.
pub const MAX_FUZZY_TOKEN_CHARS: usize = 64;

/// Most names one published name or query is split into ("X a.k.a. Y", "X, and subordinate entity Y", bracketed
/// acronyms), and how deep such markers nest: the published lists need 4 and 2; a name of thousands of markers is
/// read as its first ones (splitting it all would cost the square of its length).
pub const MAX_NAME_VARIANTS: usize = 32;
pub const MAX_VARIANT_DEPTH: usize = 8;

/// Most legal forms removed from one name ("Ltd", "OOO", "Joint Stock Company"); the published lists need 3. Past
/// them a name's words stay as they are (each removal rescans the name).
pub const MAX_LEGAL_FORMS: usize = 8;

/// The default match threshold: a party whose best score reaches it is a hit. Chosen on the evaluation in
/// `scripts/eval` (see README, "Matching quality"); `matchNames(...).match` uses the same value.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Score (0..1) from which a name match is reported as a hit.
    pub threshold: f64,
    /// Hits at or above this score on a prohibiting or licence list stop the order; hits between `threshold`
    /// and this score ask for review.
    pub stop_threshold: f64,
    /// Most hits returned per party.
    pub max_hits: usize,
    /// Load the embedded demo list when the screener is created.
    pub demo_list: bool,
    /// Largest pasted order accepted, in bytes.
    pub max_order_bytes: usize,
    /// Largest list file accepted, in bytes.
    pub max_list_bytes: usize,
    /// Longest name, address or country of a party screened, in bytes. The longest compound Entity List names run
    /// to about 500 characters; a megabyte "name" is a mistake or an attack, and would keep the page busy.
    pub max_field_bytes: usize,
    /// Most parties screened in one batch call (`screen_parties`), and the default for the rows a parties file
    /// may hold ([`crate::batch::parse_parties`]).
    pub max_batch_rows: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: DEFAULT_THRESHOLD,
            stop_threshold: 0.90,
            max_hits: 10,
            demo_list: true,
            max_order_bytes: 1 << 20,
            max_list_bytes: 256 << 20,
            max_field_bytes: 4096,
            max_batch_rows: 200_000,
        }
    }
}

impl Config {
    /// Checks the values a caller may have set, so a typo fails loudly instead of silently screening nothing.
    pub fn validate(&self) -> crate::Result<()> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if !unit(self.threshold) || !unit(self.stop_threshold) {
            return Err(crate::Error::invalid(format!(
                "config: threshold and stopThreshold must lie in 0..1 (got {} and {})",
                crate::text::num::shortest(self.threshold),
                crate::text::num::shortest(self.stop_threshold)
            )));
        }
        if self.max_hits == 0 {
            return Err(crate::Error::invalid("config: maxHits must be at least 1"));
        }
        if self.max_field_bytes == 0 || self.max_batch_rows == 0 {
            return Err(crate::Error::invalid("config: maxFieldBytes and maxBatchRows must be at least 1"));
        }
        Ok(())
    }

    /// Checks one field of a party (`what` names it: "name", "address", "first name") against
    /// [`Config::max_field_bytes`].
    pub fn check_field(&self, what: &str, value: &str) -> Result<()> {
        if value.len() > self.max_field_bytes {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the {what} is {} bytes long; names and addresses longer than {} bytes are not screened \
                     (maxFieldBytes)",
                    value.len(),
                    self.max_field_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Checks that no field of a party is longer than [`Config::max_field_bytes`] (for batch rows, where a row
    /// without a name simply has no hits).
    pub fn check_fields(&self, q: &PartyQuery) -> Result<()> {
        self.check_field("name", &q.name)?;
        self.check_field("address", q.address.as_deref().unwrap_or(""))?;
        self.check_field("country", q.country.as_deref().unwrap_or(""))
    }

    /// Checks one party before it is screened: [`Config::check_fields`], and a name.
    pub fn check_party(&self, q: &PartyQuery) -> Result<()> {
        self.check_fields(q)?;
        if q.name.trim().is_empty() {
            return Err(Error::invalid("the party has no name (expected a name, or {name, country?, address?})"));
        }
        Ok(())
    }

    /// Checks the number of parties of one batch call against [`Config::max_batch_rows`].
    pub fn check_batch(&self, parties: usize) -> Result<()> {
        if parties > self.max_batch_rows {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "{parties} parties in one call; the limit is {} (maxBatchRows): screen them in smaller batches",
                    self.max_batch_rows
                ),
            ));
        }
        Ok(())
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub(crate) fn cut_at(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_party_names_the_field_and_the_limit() {
        let c = Config::default();
        let long = "x".repeat(c.max_field_bytes + 1);
        let e = c.check_party(&PartyQuery { name: long.clone(), ..Default::default() }).expect_err("too long");
        assert_eq!(e.kind(), &ErrorKind::TooLarge);
        assert!(e.message().starts_with("the name is 4097 bytes long; "), "{e}");
        assert!(e.message().contains("longer than 4096 bytes"), "{e}");
        let e = c
            .check_party(&PartyQuery { name: "Example".into(), address: Some(long), ..Default::default() })
            .expect_err("too long");
        assert!(e.message().starts_with("the address is"), "{e}");
        let e = c.check_party(&PartyQuery { name: " ".into(), ..Default::default() }).expect_err("no name");
        assert_eq!(e.kind(), &ErrorKind::InvalidInput);
        assert!(e.message().contains("has no name"), "{e}");
        assert!(c.check_party(&PartyQuery { name: "x".repeat(4096), ..Default::default() }).is_ok());
    }

    #[test]
    fn check_batch_counts_parties() {
        let c = Config { max_batch_rows: 2, ..Config::default() };
        assert!(c.check_batch(2).is_ok());
        let e = c.check_batch(3).expect_err("too many");
        assert_eq!(e.kind(), &ErrorKind::TooLarge);
        assert!(e.message().contains("3 parties in one call; the limit is 2"), "{e}");
    }

    #[test]
    fn validate_refuses_zero_limits() {
        let e = Config { max_field_bytes: 0, ..Config::default() }.validate().expect_err("zero");
        assert!(e.message().contains("maxFieldBytes"), "{e}");
    }

    #[test]
    fn cut_at_keeps_whole_characters() {
        assert_eq!(cut_at("abc", 5), "abc");
        assert_eq!(cut_at("aéb", 2), "a");
        assert_eq!(cut_at("aéb", 3), "aé");
    }
}
