//! How current a loaded list is: the date it speaks for ([`AsOf`]) and where that date comes from. A list is only
//! as good as its date, so the date comes from the content, never from when a file was saved: the file's own
//! publication date where it states one (the UN's `dateGenerated`, OFAC's `Publish_Date`, the EU's
//! `generationDate`), else a date the caller gives at load (the day it was downloaded from the publisher), else the
//! newest listing date among the entries (the CSL CSV states none, but its newest `start_date` bounds it from
//! below), else unknown. Part of `lists`; the screener dates every list it loads with [`as_of`].

use serde::{Deserialize, Serialize};

use super::model::{Entry, ParsedList};

/// Where a list's [`AsOf`] date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Stated in the file itself (its publication or generation date).
    File,
    /// The newest listing date among the entries: the file states no date, and it is at least this recent.
    Entries,
    /// Given by whoever loaded the file (`LoadOptions.published`), e.g. the day it was downloaded.
    User,
    /// No date at all: the list's age cannot be judged.
    #[default]
    Unknown,
}

impl DateBasis {
    /// The basis in words, for pages and reports.
    pub fn describe(self) -> &'static str {
        match self {
            DateBasis::File => "date stated in the file",
            DateBasis::Entries => "newest listing date in the file (the file states no date)",
            DateBasis::User => "date given when the list was loaded",
            DateBasis::Unknown => "date unknown (the file states none)",
        }
    }
}

/// The date a list speaks for, and its basis. `date` is `YYYY-MM-DD`, or `None` exactly when the basis is
/// [`DateBasis::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AsOf {
    pub date: Option<String>,
    pub basis: DateBasis,
}

/// Listing dates outside these years are typing errors (the BIS DPL has a `Last_Update` of 3033-09-30, the CSL
/// start dates of 0017 and 0097): they must not make a list look current.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// A full `YYYY-MM-DD` date with a plausible year, or `None`.
fn full_date(d: &str) -> Option<&str> {
    let d = d.trim();
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10);
    let year: u32 = d.get(..4)?.parse().ok()?;
    (ok && PLAUSIBLE_YEARS.contains(&year)).then_some(d)
}

/// The newest listing (start) date among the entries, where any has one.
pub fn newest_listing(entries: &[Entry]) -> Option<String> {
    entries.iter().filter_map(|e| e.start_date.as_deref().and_then(full_date)).max().map(str::to_string)
}

/// The date of a freshly parsed list: the file's own date, else the caller's (`user`, already checked to be a date),
/// else the newest listing date, else unknown.
pub fn as_of(list: &ParsedList, user: Option<&str>) -> AsOf {
    if let Some(d) = list.published.as_deref().filter(|d| !d.trim().is_empty()) {
        return AsOf { date: Some(d.trim().to_string()), basis: DateBasis::File };
    }
    if let Some(d) = user {
        return AsOf { date: Some(d.to_string()), basis: DateBasis::User };
    }
    match newest_listing(&list.entries) {
        Some(d) => AsOf { date: Some(d), basis: DateBasis::Entries },
        None => AsOf::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(start: Option<&str>) -> Entry {
        Entry { name: "X".into(), start_date: start.map(str::to_string), ..Entry::default() }
    }

    fn list(published: Option<&str>, starts: &[Option<&str>]) -> ParsedList {
        ParsedList {
            published: published.map(str::to_string),
            entries: starts.iter().map(|s| entry(*s)).collect(),
            ..ParsedList::default()
        }
    }

    #[test]
    fn as_of_prefers_the_files_date() {
        let l = list(Some("2026-02-27"), &[Some("2026-03-01")]);
        assert_eq!(as_of(&l, Some("2026-12-01")), AsOf { date: Some("2026-02-27".into()), basis: DateBasis::File });
    }

    #[test]
    fn as_of_takes_the_callers_date_before_the_entries() {
        let l = list(None, &[Some("2022-04-21")]);
        assert_eq!(as_of(&l, Some("2026-12-01")), AsOf { date: Some("2026-12-01".into()), basis: DateBasis::User });
    }

    #[test]
    fn as_of_falls_back_to_the_newest_plausible_listing_date() {
        let l = list(None, &[Some("2021-06-01"), None, Some("2022-04-21"), Some("3033-09-30"), Some("0097-06-30")]);
        assert_eq!(as_of(&l, None), AsOf { date: Some("2022-04-21".into()), basis: DateBasis::Entries });
        assert_eq!(newest_listing(&list(None, &[Some("2022-04"), Some("circa 2020")]).entries), None);
    }

    #[test]
    fn as_of_is_unknown_without_any_date() {
        let l = list(None, &[None, Some("1961")]);
        assert_eq!(as_of(&l, None), AsOf { date: None, basis: DateBasis::Unknown });
        assert_eq!(serde_json::to_string(&as_of(&l, None)).expect("json"), r#"{"date":null,"basis":"unknown"}"#);
    }
}
