//! Shared helpers for the list parsers: bytes to text (UTF-8 with or without BOM, UTF-16 with BOM, the
//! Windows-1252 fallback that only single-byte formats accept), refusal of binary files, CSV reading, dates to ISO
//! `YYYY-MM-DD`, and small string utilities. Part of `lists`: runs before any format parser.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::text::csv;
use crate::text::sha256::{self, Sha256};

/// The text of a list file and how it was obtained.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The bytes were not UTF-8 and were read as Windows-1252: only formats known to be single-byte accept that.
    pub single_byte: bool,
    /// Where the first non-UTF-8 byte was (for the error message when the format must be UTF-8).
    pub first_bad: Option<(usize, u8)>,
}

/// Names of well-known binary formats by their first bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods workbook, or a zipped download: unzip it, or save as CSV)"),
        (b"\x1f\x8b", "a gzip archive (decompress it first)"),
        (b"\xd0\xcf\x11\xe0", "an old Excel/Office document (save it as CSV)"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
    ];
    MAGIC.iter().find(|(m, _)| bytes.starts_with(m)).map(|(_, name)| *name)
}

/// Control bytes that never occur in a text list (NUL and the C0 controls other than tab, line ends, form feed and
/// the DOS end-of-file byte 0x1A that OFAC's CSV files end with).
fn is_binary_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a)
}

fn check_not_binary(bytes: &[u8]) -> Result<()> {
    if let Some(what) = magic(bytes) {
        return Err(Error::list_format(format!("not a list file: binary data ({what})")));
    }
    let head = bytes.get(..8192).unwrap_or(bytes);
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(Error::list_format(format!("not a list file: binary data (a NUL byte at offset {pos})")));
    }
    let controls = head.iter().filter(|&&b| is_binary_byte(b)).count();
    if controls * 100 > head.len().max(1) {
        return Err(Error::list_format(format!(
            "not a list file: binary data ({controls} control bytes in the first {} bytes)",
            head.len()
        )));
    }
    Ok(())
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::list_format("UTF-16 text with an odd number of bytes (truncated file?)"));
    }
    let units = bytes.chunks_exact(2).map(|c| match c {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(Error::list_format(format!(
                    "invalid UTF-16 text (an unpaired surrogate at byte offset {})",
                    i * 2
                )))
            }
        }
    }
    Ok(out)
}

/// UTF-16 without a BOM: text whose high bytes are mostly zero (ASCII and Latin-1 characters) on one side of each
/// byte pair and never zero on the other. Two pairs in three suffice, so names in Cyrillic or Greek near the start
/// of the file do not hide the encoding. `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = bytes.get(..bytes.len().min(512) & !1)?;
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros = |skip: usize| head.iter().skip(skip).step_by(2).filter(|&&b| b == 0).count();
    let (even_zero, odd_zero) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 3 >= pairs * 2;
    if mostly(odd_zero) && even_zero == 0 {
        Some(true)
    } else if mostly(even_zero) && odd_zero == 0 {
        Some(false)
    } else {
        None
    }
}

/// Windows-1252 code points for the bytes 0x80..=0x9F (0 where the code page leaves a hole).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => {
                let cp = CP1252_HIGH.get(usize::from(b - 0x80)).copied().unwrap_or(0);
                char::from_u32(u32::from(if cp == 0 { u16::from(b) } else { cp })).unwrap_or('\u{fffd}')
            }
            _ => char::from(b),
        })
        .collect()
}

/// Bytes to text: UTF-8 (a BOM is dropped), UTF-16 with a BOM (or plainly ASCII-in-UTF-16), otherwise
/// Windows-1252 with `single_byte` set. Binary files are refused here.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::list_format("the file is empty"));
    }
    let utf16 = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        Some((rest, true))
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        Some((rest, false))
    } else {
        utf16_without_bom(bytes).map(|le| (bytes, le))
    };
    if let Some((rest, le)) = utf16 {
        let text = decode_utf16(rest, le)?;
        check_not_binary(text.as_bytes())?;
        return Ok(Decoded { text: Cow::Owned(text), single_byte: false, first_bad: None });
    }
    check_not_binary(bytes)?;
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        let text = std::str::from_utf8(rest).map_err(|e| {
            Error::list_format(format!(
                "the file starts with a UTF-8 byte-order mark but is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to() + 3
            ))
        })?;
        return Ok(Decoded { text: Cow::Borrowed(text), single_byte: false, first_bad: None });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), single_byte: false, first_bad: None }),
        Err(e) => {
            let pos = e.valid_up_to();
            let byte = bytes.get(pos).copied().unwrap_or(0);
            Ok(Decoded { text: Cow::Owned(decode_cp1252(bytes)), single_byte: true, first_bad: Some((pos, byte)) })
        }
    }
}

/// 1-based line number of a byte offset.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes().get(..end).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1
}

/// The first line of a text, without its line end.
pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end_matches('\r')
}

/// A CSV reader with no header handling (the parsers read the header themselves) and flexible row lengths (they
/// check lengths themselves, with a message naming the line).
pub(crate) fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<'_> {
    csv::Reader::new(text, delimiter)
}

/// A CSV error as a list-format error with its line. Reading text as CSV never fails (`crate::text::csv`); the
/// parsers keep their error paths for the reader's `Result`.
pub(crate) fn csv_error(_text: &str, e: &std::convert::Infallible) -> Error {
    match *e {}
}

/// The 1-based line a CSV record starts on, from its byte position in `text`. The csv crate's own line count lags one
/// line behind in CRLF files (it counts the `\n` of a line end when it reads the next record) and most published list
/// files end their lines with CRLF. Costs the text up to the record: call it for a message, not for every row.
pub(crate) fn csv_line(text: &str, pos: &csv::Position) -> u64 {
    let mut at = usize::try_from(pos.byte()).unwrap_or(usize::MAX);
    // The record starts after the line end that closed the one before it.
    while text.as_bytes().get(at).is_some_and(|b| *b == b'\n' || *b == b'\r') {
        at += 1;
    }
    line_at(text, at) as u64
}

/// [`csv_line`] of a record (0 when the reader gave it no position).
pub(crate) fn record_line(text: &str, rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| csv_line(text, p))
}

/// The trimmed value, or `None` when it is empty.
pub(crate) fn opt(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Trimmed, non-empty parts of a multi-valued field joined with `sep` (whose first character must be ASCII, as
/// "; " and ";" are). Cheaper than `str::split` with a string pattern, which sets up a substring searcher per call.
pub(crate) fn split_list<'a>(v: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    SplitSep { rest: Some(v), sep }.map(str::trim).filter(|x| !x.is_empty())
}

struct SplitSep<'a> {
    rest: Option<&'a str>,
    sep: &'a str,
}

impl<'a> Iterator for SplitSep<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let first = self.sep.as_bytes().first().copied().unwrap_or(0);
        let bytes = rest.as_bytes();
        let mut from = 0;
        while let Some(pos) = bytes.get(from..).and_then(|b| b.iter().position(|&c| c == first)).map(|p| p + from) {
            if bytes.get(pos..pos + self.sep.len()) == Some(self.sep.as_bytes()) {
                self.rest = rest.get(pos + self.sep.len()..);
                return rest.get(..pos);
            }
            from = pos + 1;
        }
        self.rest = None;
        Some(rest)
    }
}

/// Pushes a value unless it is empty or already there.
pub(crate) fn push_unique(v: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A short stable id from the parts that identify a row (for formats without ids of their own).
pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.trim().as_bytes());
        h.update(&[0x1f]);
    }
    sha256::hex(&h.finalize()[..6])
}

/// The order of day and month in slashed dates: US files write MM/DD/YYYY, UK and EU files DD/MM/YYYY.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateOrder {
    MonthFirst,
    DayFirst,
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == n).and_then(|i| u32::try_from(i + 1).ok())
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` from parts where 0 means unknown.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1000..=9999).contains(&y) || m > 12 || d > 31 {
        return None;
    }
    Some(match (m, d) {
        (0, _) => format!("{y:04}"),
        (m, 0) => format!("{y:04}-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// A date as ISO `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that is known). Reads ISO dates and timestamps,
/// slashed or dotted dates in the given order ("00" parts mean unknown, as in UK files), "07 Oct 1952",
/// "13-Feb-2026", "Oct 1952" and a bare year. `None` when the text is not one of these.
pub(crate) fn iso_date(s: &str, order: DateOrder) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("circa ").or_else(|| s.strip_prefix("Circa ")).unwrap_or(s).trim();
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    // ISO date or timestamp: 2026-02-27, 2026-02-27T00:00:09.554Z, 2025/01/10
    if b.len() >= 10 && b.get(4).is_some_and(|c| *c == b'-' || *c == b'/') && b.get(7) == b.get(4) {
        let (y, m, d) = (num(s.get(..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?);
        if b.len() == 10 || b.get(10).is_some_and(|c| matches!(c, b'T' | b' ' | b'Z' | b'+')) {
            return ymd(y, m, d);
        }
        return None;
    }
    if b.len() == 7 && b.get(4) == Some(&b'-') {
        return ymd(num(s.get(..4)?)?, num(s.get(5..)?)?, 0);
    }
    if b.len() == 4 {
        return ymd(num(s)?, 0, 0);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-', ' ', ',']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [a, b, c] => {
            if let (Some(a), Some(b), Some(c)) = (num(a), num(b), num(c)) {
                if c < 100 {
                    return None;
                }
                return match order {
                    DateOrder::MonthFirst => ymd(c, a, b),
                    DateOrder::DayFirst => ymd(c, b, a),
                };
            }
            // 07 Oct 1952, 13-Feb-2026, Oct 07 1952
            if let (Some(d), Some(m), Some(y)) = (num(a), month_number(b), num(c)) {
                return ymd(y, m, d);
            }
            if let (Some(m), Some(d), Some(y)) = (month_number(a), num(b), num(c)) {
                return ymd(y, m, d);
            }
            None
        }
        [m, y] => ymd(num(y)?, month_number(m).or_else(|| num(m))?, 0),
        _ => None,
    }
}

/// A date of birth: ISO where it can be read, otherwise the published text trimmed ("1960 to 1962").
pub(crate) fn birth_date(s: &str, order: DateOrder) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    Some(iso_date(t, order).unwrap_or_else(|| t.to_string()))
}

/// Words that mark a name as an organisation's, for lists that do not say whether a row is a person.
const ORG_WORDS: &[&str] = &[
    "academy",
    "agency",
    "aviation",
    "bank",
    "bureau",
    "center",
    "centre",
    "co",
    "college",
    "commission",
    "company",
    "corp",
    "corporation",
    "department",
    "electronics",
    "engineering",
    "enterprise",
    "enterprises",
    "establishment",
    "export",
    "exports",
    "factory",
    "firm",
    "foundation",
    "fzc",
    "fzco",
    "fze",
    "gmbh",
    "group",
    "holding",
    "holdings",
    "import",
    "imports",
    "inc",
    "industrial",
    "industries",
    "industry",
    "institute",
    "international",
    "jsc",
    "laboratory",
    "limited",
    "llc",
    "llp",
    "ltd",
    "ministry",
    "oao",
    "ojsc",
    "ooo",
    "pjsc",
    "plant",
    "plc",
    "pte",
    "pvt",
    "sa",
    "sarl",
    "services",
    "shipping",
    "solutions",
    "srl",
    "systems",
    "technologies",
    "technology",
    "trading",
    "university",
    "zao",
];

/// True when a name contains a word only organisations carry ("Ltd", "Institute", "Trading", ...).
pub(crate) fn looks_like_organization(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && w.len() <= 16).any(|w| {
        let mut buf = [0u8; 16];
        let lower = buf.get_mut(..w.len()).map(|b| {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            &*b
        });
        lower.and_then(|b| std::str::from_utf8(b).ok()).is_some_and(|l| ORG_WORDS.binary_search(&l).is_ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reads_utf16() {
        let d = decode(b"\xef\xbb\xbfabc,def\n").expect("utf-8 bom");
        assert_eq!(d.text, "abc,def\n");
        let mut le = vec![0xff, 0xfe];
        le.extend("Nämé\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).expect("utf-16le").text, "Nämé\n");
        let mut be = vec![0xfe, 0xff];
        be.extend("Nämé\n".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).expect("utf-16be").text, "Nämé\n");
    }

    #[test]
    fn decode_reads_utf16_without_bom_even_with_non_ascii_near_the_start() {
        let text = "Näme;Ünit;Страна\nExample GmbH;Köln;Россия\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).expect("utf-16le").text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).expect("utf-16be").text, text);
        // Binary data with scattered zero bytes is still refused.
        let e = decode(b"\x01\x00\x02\x03\x00\x05\x06\x00\x07\x08").expect_err("binary");
        assert_eq!(e.kind(), &crate::ErrorKind::ListFormat);
        assert!(e.message().contains("binary"), "{e}");
    }

    #[test]
    fn decode_falls_back_to_windows_1252_and_says_so() {
        let d = decode(b"PE\xd1A \x80 x").expect("decodes");
        assert!(d.single_byte);
        assert_eq!(d.text, "PEÑA € x");
        assert_eq!(d.first_bad, Some((2, 0xd1)));
    }

    #[test]
    fn decode_refuses_binary_and_empty() {
        for bytes in [&b"\x89PNG\r\n\x1a\n\0\0"[..], b"abc\0def", b"PK\x03\x04....", b"\x01\x02\x03\x04\x05abc"] {
            let e = decode(bytes).expect_err("refused");
            assert!(e.message().contains("not a list file: binary data"), "{}", e.message());
        }
        assert!(decode(b"  \n").expect_err("refused").message().contains("empty"));
    }

    #[test]
    fn iso_date_reads_the_formats_lists_use() {
        let m = DateOrder::MonthFirst;
        let d = DateOrder::DayFirst;
        assert_eq!(iso_date("06/19/2003", m).as_deref(), Some("2003-06-19"));
        assert_eq!(iso_date("10/04/2025", d).as_deref(), Some("2025-04-10"));
        assert_eq!(iso_date("00/00/1961", d).as_deref(), Some("1961"));
        assert_eq!(iso_date("00/05/1961", d).as_deref(), Some("1961-05"));
        assert_eq!(iso_date("2026-02-27T00:00:09.554Z", d).as_deref(), Some("2026-02-27"));
        assert_eq!(iso_date("07 Oct 1952", m).as_deref(), Some("1952-10-07"));
        assert_eq!(iso_date("13-Feb-2026", m).as_deref(), Some("2026-02-13"));
        assert_eq!(iso_date("12.9.2014", d).as_deref(), Some("2014-09-12"));
        assert_eq!(iso_date("1962", d).as_deref(), Some("1962"));
        assert_eq!(iso_date("circa 1962", d).as_deref(), Some("1962"));
        assert_eq!(iso_date("Oct 1952", d).as_deref(), Some("1952-10"));
        assert_eq!(iso_date("13/13/2020", m), None);
        assert_eq!(iso_date("1960 to 1962", m), None);
        assert_eq!(iso_date("", m), None);
    }

    #[test]
    fn split_list_splits_on_the_whole_separator() {
        assert_eq!(split_list("a; b;c; ; d", "; ").collect::<Vec<_>>(), vec!["a", "b;c", "d"]);
        assert_eq!(split_list("lr;pa;;sg", ";").collect::<Vec<_>>(), vec!["lr", "pa", "sg"]);
        assert_eq!(split_list("", "; ").count(), 0);
        assert_eq!(split_list("Mösco; w", "; ").collect::<Vec<_>>(), vec!["Mösco", "w"]);
    }

    #[test]
    fn looks_like_organization_finds_legal_words() {
        assert!(looks_like_organization("EXAMPLE TRADING LLC"));
        assert!(looks_like_organization("Example Research Institute"));
        assert!(!looks_like_organization("JOHN EXAMPLE SMITH"));
    }

    #[test]
    fn org_words_are_sorted_for_binary_search() {
        let mut sorted = ORG_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut given = ORG_WORDS.to_vec();
        given.dedup();
        assert_eq!(sorted, given);
    }
}
