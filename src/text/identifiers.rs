//! Identifiers (IMO numbers, registration and tax numbers, LEIs, passports, SWIFT/BIC codes): the typed vocabulary
//! both sides read into (`src/data/identifiers.toml`, one citation per kind), the normal form they are compared in,
//! and the finder of identifiers in pasted text.
//!
//! - A list publishes an identifier as a type label and a value ("Tax ID No." / "7736640919"): [`listed`] reads the
//!   label into an [`IdKind`] and normalises the value; a label the vocabulary does not name (gender, website) is not
//!   an identifier for matching.
//! - An order writes an identifier after a label ("ИНН 7736640919", "Reg. No.: 2676701", "IMO 9116412") or, for an
//!   IMO number, bare: [`find`] reads them in one pass over the text (linear: each position tries the few labels
//!   that start with its letter, and a value is at most [`MAX_VALUE`] bytes).
//!
//! Values are compared normalised ([`normalise`]): letters and digits only, upper case, an IMO number without its
//! "IMO" prefix, so "IMO 9 116 412" and "IMO9116412" are one value. IMO numbers and LEIs must pass their check
//! digits.

use crate::text::case::Case as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What an identifier identifies, as the vocabulary types it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IdKind {
    Imo,
    Registration,
    Tax,
    Lei,
    Passport,
    NationalId,
    Bic,
    Other,
}

/// One kind of the vocabulary file.
struct KindDef {
    kind: IdKind,
    name: String,
    citation: String,
}

/// An order label: its folded bytes (words apart by one space), its kind.
struct Label {
    bytes: Vec<u8>,
    kind: IdKind,
    /// A label in a script written without spaces (Han): no word boundary is needed before or after it.
    unspaced: bool,
}

/// Buckets of order labels, by their first byte modulo this.
const BUCKETS: usize = 64;

struct Vocab {
    defs: Vec<KindDef>,
    /// Published types, folded.
    listed: Vec<(String, IdKind)>,
    /// Order labels by their first byte, in [`BUCKETS`] buckets.
    order: Vec<Vec<Label>>,
}

/// The kinds as the vocabulary file writes them (the serde names of [`IdKind`]).
const KIND_NAMES: [(&str, IdKind); 8] = [
    ("imo", IdKind::Imo),
    ("registration", IdKind::Registration),
    ("tax", IdKind::Tax),
    ("lei", IdKind::Lei),
    ("passport", IdKind::Passport),
    ("nationalId", IdKind::NationalId),
    ("bic", IdKind::Bic),
    ("other", IdKind::Other),
];

fn bucket(b: u8) -> usize {
    b as usize % BUCKETS
}

/// The vocabulary, read from the embedded file once. Read from the parsed JSON tree by hand: a serde struct
/// would add its own deserializer to the wasm.
fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vocab { defs: Vec::new(), listed: Vec::new(), order: (0..BUCKETS).map(|_| Vec::new()).collect() };
        let doc = crate::data::parse(crate::data::IDENTIFIERS.text()).unwrap_or_default();
        let strs = |d: &Value, k: &str| -> Vec<String> {
            d.get(k).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(fold_label).collect()
        };
        for d in doc.get("kind").and_then(Value::as_array).into_iter().flatten() {
            let s = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            let Some(&(_, kind)) = KIND_NAMES.iter().find(|(n, _)| *n == s("kind")) else { continue };
            v.listed.extend(strs(d, "listed").into_iter().map(|l| (l, kind)));
            for l in strs(d, "order") {
                // Bytes compare case-blind for ASCII only: a label in another script is tried in lower and upper
                // case ("инн", "ИНН").
                let upper = (!l.is_ascii()).then(|| l.to_upper());
                for l in std::iter::once(l).chain(upper) {
                    let Some(&first) = l.as_bytes().first() else { continue };
                    let unspaced = l.chars().next().is_some_and(|c| c as u32 >= 0x3000);
                    v.order[bucket(first)].push(Label { bytes: l.into_bytes(), kind, unspaced });
                }
            }
            v.defs.push(KindDef { kind, name: s("name"), citation: s("citation") });
        }
        v
    })
}

/// Lower case, every run of other characters than letters and digits one space.
fn fold_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(crate::text::case::lower_char) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// What the vocabulary calls a kind ("IMO ship identification number").
pub fn kind_name(kind: IdKind) -> &'static str {
    vocab().defs.iter().find(|d| d.kind == kind).map_or("identifier", |d| d.name.as_str())
}

/// The public source the vocabulary cites for a kind.
pub fn citation(kind: IdKind) -> &'static str {
    vocab().defs.iter().find(|d| d.kind == kind).map_or("", |d| d.citation.as_str())
}

/// Shortest normalised value compared: shorter numbers (a five-digit registry number) name too many parties.
pub const MIN_LEN: usize = 5;

/// Longest value read after a label in an order, in bytes.
pub const MAX_VALUE: usize = 40;

/// The compared form of a value: letters and digits only, ASCII letters upper case; an IMO number without its
/// "IMO" prefix.
pub fn normalise(kind: IdKind, value: &str) -> String {
    let out: String = value.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    match out.strip_prefix("IMO") {
        Some(rest) if kind == IdKind::Imo => rest.to_string(),
        _ => out,
    }
}

/// An IMO ship number: seven digits, the last the sum of the first six weighted 7, 6, 5, 4, 3, 2, modulo 10.
pub fn imo_valid(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 7 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..6].iter().zip([7u32, 6, 5, 4, 3, 2]).map(|(d, w)| u32::from(d - b'0') * w).sum();
    sum % 10 == u32::from(b[6] - b'0')
}

/// An LEI (ISO 17442): 20 letters and digits whose value, letters as 10..35, is 1 modulo 97 (ISO/IEC 7064).
pub fn lei_valid(s: &str) -> bool {
    if s.len() != 20 || !s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        return false;
    }
    let mut r: u32 = 0;
    for b in s.bytes() {
        let v = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
        r = if v >= 10 { (r * 100 + v) % 97 } else { (r * 10 + v) % 97 };
    }
    r == 1
}

/// A published identifier read into the vocabulary: its kind and normalised value, or `None` when the type is not
/// an identifier the vocabulary names or the value is too short. A value that only looks right for another kind is
/// read as that kind where it checks (an untyped OpenSanctions identifier "IMO9116412" is an IMO number), and an
/// IMO-typed value that fails the check digit is "other".
pub fn listed(kind_label: &str, value: &str) -> Option<(IdKind, String)> {
    let label = fold_label(kind_label);
    // The longest published type the label is or starts with (as whole words).
    let kind = vocab()
        .listed
        .iter()
        .filter(|(l, _)| label == *l || (label.starts_with(l.as_str()) && label.as_bytes().get(l.len()) == Some(&b' ')))
        .max_by_key(|(l, _)| l.len())
        .map(|(_, k)| *k)?;
    let imo = normalise(IdKind::Imo, value);
    let norm = normalise(kind, value);
    let kind = match kind {
        IdKind::Imo if imo_valid(&norm) => IdKind::Imo,
        IdKind::Imo => IdKind::Other,
        IdKind::Other if imo_valid(&imo) && norm.starts_with("IMO") => IdKind::Imo,
        IdKind::Other | IdKind::Registration if lei_valid(&norm) => IdKind::Lei,
        k => k,
    };
    let norm = if kind == IdKind::Imo { imo } else { norm };
    (norm.chars().count() >= MIN_LEN).then_some((kind, norm))
}

/// Whether an identifier found in an order and a listed one of these kinds, equal once normalised, are the same
/// identifier: the same kind; or, for a value of 8 characters or more, a registration and a tax number (one number
/// serves as both in many countries: the Chinese unified social credit code) or a listed identifier of unstated
/// kind. IMO numbers and LEIs carry check digits, so their kind is never in doubt.
pub fn same_kind(order: IdKind, listed: IdKind, len: usize) -> bool {
    let company = |k| matches!(k, IdKind::Registration | IdKind::Tax | IdKind::Other);
    order == listed || (len >= 8 && company(order) && company(listed))
}

/// An identifier found in pasted text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub kind: IdKind,
    /// Normalised ([`normalise`]).
    pub value: String,
    /// Byte offsets of the label and value (of the number alone for a bare IMO number).
    pub start: usize,
    pub end: usize,
}

/// The length of the separator at `j` (between a label and its value, or between a label's words), or 0.
fn sep_len(b: &[u8], j: usize) -> usize {
    let rest = b.get(j..).unwrap_or_default();
    match rest.first() {
        Some(b' ' | b'\t' | b':' | b'.' | b'#' | b'-' | b'(' | b')' | b'/' | b'=') => 1,
        // Full-width colon, numero sign, no-break space.
        _ if rest.starts_with("：".as_bytes()) || rest.starts_with("№".as_bytes()) => 3,
        _ if rest.starts_with("\u{a0}".as_bytes()) => 2,
        _ => 0,
    }
}

/// A byte of a word: an ASCII letter or digit, or part of a character of another script.
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Words that may stand between a label and its value ("Tax ID Number 123", "VAT No 123", "ИНН номер").
const FILLERS: &[&str] = &["no", "nr", "number", "num", "code", "id", "номер"];

/// The identifiers in a text: labelled ones in text order, then bare IMO numbers (seven digits that pass the check
/// digit) outside them, in text order. Linear in the text: each position tries the labels of its bucket, and a
/// value is read over at most [`MAX_VALUE`] bytes.
pub fn find(text: &str) -> Vec<Found> {
    let v = vocab();
    let b = text.as_bytes();
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !word_byte(b[i - 1]);
        let mut next = i + 1;
        // The longest label written here that a value follows.
        let mut best: Option<(usize, &Label)> = None;
        if b[i] & 0xC0 != 0x80 {
            for l in v.order[bucket(b[i].to_ascii_lowercase())].iter().filter(|l| boundary || l.unspaced) {
                if let Some(after) = match_label(b, i, l).filter(|&a| best.is_none_or(|(x, _)| a > x)) {
                    best = Some((after, l));
                }
            }
        }
        if let Some((after, l)) = best {
            if let Some((value, end)) = read_value(text, after, l.kind) {
                out.push(Found { kind: l.kind, value, start: i, end });
                next = end;
            }
        }
        i = next;
    }
    // Bare IMO numbers: a run of exactly seven digits, not part of a longer number ("+90 212 1234567" is a phone's
    // last group: the check digit and the list decide).
    let labelled = out.len();
    let mut taken = 0;
    let mut k = 0;
    while k < b.len() {
        if !b[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let s = k;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        let glued = |x: Option<&u8>| x.is_some_and(|&x| word_byte(x) || b"+-./,".contains(&x));
        if k - s != 7 || glued(s.checked_sub(1).and_then(|p| b.get(p))) || glued(b.get(k)) {
            continue;
        }
        while taken < labelled && out[taken].end <= s {
            taken += 1;
        }
        if (taken < labelled && out[taken].start <= s) || !imo_valid(&text[s..k]) {
            continue;
        }
        out.push(Found { kind: IdKind::Imo, value: text[s..k].to_string(), start: s, end: k });
    }
    out
}

/// Where a label ends when it is written at `i` (ASCII case-blind; one to three separators where it has a space;
/// not followed by a letter unless it is written without spaces), or `None`.
fn match_label(b: &[u8], i: usize, l: &Label) -> Option<usize> {
    let mut j = i;
    for &lb in &l.bytes {
        if lb == b' ' {
            let s = j;
            while j - s < 3 && sep_len(b, j) > 0 {
                j += sep_len(b, j);
            }
            if j == s {
                return None;
            }
        } else if b.get(j)?.to_ascii_lowercase() == lb {
            j += 1;
        } else {
            return None;
        }
    }
    let letter = b.get(j).is_some_and(|&x| sep_len(b, j) == 0 && (x.is_ascii_alphabetic() || x >= 0x80));
    (l.unspaced || !letter).then_some(j)
}

/// The value after a label ending at `j`: separators and filler words skipped, then parts of ASCII letters and
/// digits joined by `-./` or single spaces, each part after the first holding a digit. Returns the normalised value
/// and where it ends, or `None` when nothing that can be this kind's value follows.
fn read_value(text: &str, mut j: usize, kind: IdKind) -> Option<(String, usize)> {
    let b = text.as_bytes();
    for _ in 0..3 {
        let s = j;
        while j - s < 8 && sep_len(b, j) > 0 {
            j += sep_len(b, j);
        }
        // A filler is a short word: look no further than its longest ("номер", 10 bytes).
        let stop = b.len().min(j + 12);
        let w_end = (j..stop).find(|&k| !word_byte(b[k]) || b[k].is_ascii_digit()).unwrap_or(stop);
        let word = text.get(j..w_end).unwrap_or_default();
        if w_end > j && FILLERS.iter().any(|f| f.eq_ignore_ascii_case(word) || word.to_lower() == *f) {
            j = w_end;
        } else {
            break;
        }
    }
    let first = j;
    let (mut end, mut parts) = (j, 0);
    let mut raw = String::new();
    while j < b.len() && j - first < MAX_VALUE {
        let s = j;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric()
                || (j > s && b"-./".contains(&b[j]) && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric)))
        {
            j += 1;
        }
        let part = &text[s..j];
        let ok = part.bytes().any(|x| x.is_ascii_digit())
            || (parts == 0 && kind == IdKind::Imo && part.eq_ignore_ascii_case("imo"))
            || (parts == 0 && kind == IdKind::Bic && matches!(part.len(), 8 | 11))
            // A country prefix written apart ("DE 123456789").
            || (parts == 0 && part.len() == 2 && part.bytes().all(|x| x.is_ascii_alphabetic()));
        if j == s || !ok {
            break;
        }
        raw.push_str(part);
        parts += 1;
        end = j;
        // One space, then another part.
        if b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        } else {
            break;
        }
    }
    let norm = normalise(kind, &raw);
    let ok = match kind {
        IdKind::Imo => imo_valid(&norm),
        IdKind::Lei => lei_valid(&norm),
        IdKind::Bic => matches!(norm.len(), 8 | 11),
        _ => norm.len() >= MIN_LEN,
    };
    ok.then_some((norm, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        // IMO Resolution A.1078(28): IMO 9074729 is the resolution's own example.
        assert!(imo_valid("9074729"));
        assert!(!imo_valid("9074728"));
        assert!(imo_valid("9116412"));
        // GLEIF's own LEI (ISO 17442 example on gleif.org).
        assert!(lei_valid("506700GE1G29325QX363"));
        assert!(!lei_valid("506700GE1G29325QX364"));
    }

    #[test]
    fn published_types_read_into_kinds() {
        assert_eq!(listed("Tax ID No.", "7736640919"), Some((IdKind::Tax, "7736640919".into())));
        assert_eq!(listed("Vessel Registration Identification", "IMO 9116412"), Some((IdKind::Imo, "9116412".into())));
        assert_eq!(listed("Vessel Registration Identification", "IMO 9116413").map(|x| x.0), Some(IdKind::Other));
        assert_eq!(listed("Identifier", "IMO9116412"), Some((IdKind::Imo, "9116412".into())));
        assert_eq!(listed("SWIFT/BIC", "AIIFIQBA"), Some((IdKind::Bic, "AIIFIQBA".into())));
        assert_eq!(
            listed("Unified Social Credit Code (USCC)", "91610131742838531E").map(|x| x.0),
            Some(IdKind::Registration)
        );
        assert_eq!(listed("NIT #", "900015699-8"), Some((IdKind::Tax, "9000156998".into())));
        assert_eq!(listed("Gender", "Male"), None);
        assert_eq!(listed("Website", "http://www.example.ru"), None);
        assert_eq!(listed("Passport", "A12"), None);
    }

    fn values(text: &str) -> Vec<(IdKind, String)> {
        find(text).into_iter().map(|f| (f.kind, f.value)).collect()
    }

    #[test]
    fn labelled_identifiers_in_orders() {
        assert_eq!(values("Vessel: GRACE 1, IMO 9 116 412, flag Panama"), [(IdKind::Imo, "9116412".into())]);
        assert_eq!(values("IMO9116412"), [(IdKind::Imo, "9116412".into())]);
        assert_eq!(
            values("ООО Ромашка, ИНН 7735105059, ОГРН 1027700040719\n"),
            [(IdKind::Tax, "7735105059".into()), (IdKind::Registration, "1027700040719".into())]
        );
        assert_eq!(values("Reg. No.: 2676701 (Hong Kong)"), [(IdKind::Registration, "2676701".into())]);
        assert_eq!(
            values("统一社会信用代码：91610131742838531E"),
            [(IdKind::Registration, "91610131742838531E".into())]
        );
        assert_eq!(values("Vergi No: 1234567890 Kadıköy VD"), [(IdKind::Tax, "1234567890".into())]);
        assert_eq!(
            values("Amtsgericht Berlin, Handelsregister HRB 123456 B"),
            [(IdKind::Registration, "123456".into())]
        );
        assert_eq!(values("SIRET 552 100 554 00025"), [(IdKind::Registration, "55210055400025".into())]);
        assert_eq!(values("NTN: 1234567-8"), [(IdKind::Tax, "12345678".into())]);
        assert_eq!(values("LEI: 506700GE1G29325QX363"), [(IdKind::Lei, "506700GE1G29325QX363".into())]);
        assert_eq!(values("VAT Number: DE 123456789"), [(IdKind::Tax, "DE123456789".into())]);
        assert_eq!(values("Tax ID Number 7736640919"), [(IdKind::Tax, "7736640919".into())]);
    }

    #[test]
    fn words_that_only_contain_a_label_are_not_labels() {
        // "inn" inside "Holiday Inn" has no digits after it; "vat" inside "private" is not a word of its own.
        assert!(values("Holiday Inn Express, private VAT-free zone").is_empty());
        assert!(values("IMO 9116413").is_empty(), "check digit fails");
    }

    #[test]
    fn bare_imo_numbers_pass_the_check_digit() {
        assert_eq!(values("tanker 9116412 loading"), [(IdKind::Imo, "9116412".into())]);
        assert!(values("invoice 9116413").is_empty());
        assert!(values("phone +90-9116412, order 19116412").is_empty());
    }
}
