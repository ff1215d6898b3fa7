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

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

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

#[derive(Deserialize)]
struct KindDef {
    kind: IdKind,
    name: String,
    citation: String,
    listed: Vec<String>,
    order: Vec<String>,
}

#[derive(Deserialize)]
struct VocabFile {
    kind: Vec<KindDef>,
}

/// A label as words, with its kind.
struct Label {
    words: Vec<Vec<char>>,
    kind: IdKind,
    /// A label in a script written without spaces (Han): no word boundary is needed before or after it.
    unspaced: bool,
}

struct Vocab {
    defs: Vec<KindDef>,
    /// Published types, folded, longest first.
    listed: Vec<(String, IdKind)>,
    /// Order labels by their first character (lower case), longest first.
    order: FxHashMap<char, Vec<Label>>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let file: VocabFile =
            crate::data::read(crate::data::IDENTIFIERS.text()).unwrap_or(VocabFile { kind: Vec::new() });
        let mut listed: Vec<(String, IdKind)> =
            file.kind.iter().flat_map(|d| d.listed.iter().map(|l| (fold_label(l), d.kind))).collect();
        listed.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
        let mut order: FxHashMap<char, Vec<Label>> = FxHashMap::default();
        for d in &file.kind {
            for l in &d.order {
                let words: Vec<Vec<char>> = fold_label(l).split(' ').map(|w| w.chars().collect()).collect();
                let Some(&first) = words.first().and_then(|w| w.first()) else { continue };
                let unspaced = first as u32 >= 0x3000;
                order.entry(first).or_default().push(Label { words, kind: d.kind, unspaced });
            }
        }
        for labels in order.values_mut() {
            labels.sort_by_key(|l| std::cmp::Reverse(l.words.iter().map(Vec::len).sum::<usize>() + l.words.len()));
        }
        Vocab { defs: file.kind, listed, order }
    })
}

/// Lower case, every run of other characters than letters and digits one space.
fn fold_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
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

/// The compared form of a value: letters and digits only, upper case; an IMO number without its "IMO" prefix.
pub fn normalise(kind: IdKind, value: &str) -> String {
    let mut out: String = value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect();
    if kind == IdKind::Imo && out.starts_with("IMO") {
        out.drain(..3);
    }
    out
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
    let kind = vocab()
        .listed
        .iter()
        .find(|(l, _)| label == *l || (label.starts_with(l.as_str()) && label.as_bytes().get(l.len()) == Some(&b' ')))
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

/// Characters between a label and its value.
fn separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | ':' | '：' | '.' | '#' | '№' | '-' | '–' | '(' | ')' | '/' | '=' | '\u{a0}')
}

/// Characters joining the parts of one value ("900015699-8", "78.865.882", "HRB 12345").
fn joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '/')
}

/// Words that may stand between a label and its value ("Tax ID Number 123", "VAT No 123").
const FILLERS: &[&str] = &["no", "nr", "number", "num", "code", "id", "nо", "номер", "no."];

/// The identifiers in a text: labelled ones, then bare IMO numbers (seven digits that pass the check digit) outside
/// them. Linear in the text.
pub fn find(text: &str) -> Vec<Found> {
    let v = vocab();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let lc = c.to_lowercase().next().unwrap_or(c);
        let boundary = i == 0 || !chars[i - 1].1.is_alphanumeric();
        let mut next = i + 1;
        if let Some(labels) = v.order.get(&lc) {
            for l in labels.iter().filter(|l| boundary || l.unspaced) {
                let Some(after) = match_label(&chars, i, l) else { continue };
                if let Some((value, end)) = read_value(&chars, after, l.kind) {
                    out.push(Found { kind: l.kind, value, start, end: chars.get(end).map_or(text.len(), |c| c.0) });
                    next = end.max(i + 1);
                    break;
                }
            }
        }
        i = next;
    }
    // Bare IMO numbers: a run of exactly seven digits, not part of a longer number ("+90 212 1234567" is a phone's
    // last group: the check digit and the list decide).
    let mut taken = out.iter().map(|f| (f.start, f.end)).collect::<Vec<_>>().into_iter().peekable();
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if !bytes[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let s = k;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        let glued = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b"+-./,".contains(b) || *b >= 0x80);
        if k - s != 7 || glued(s.checked_sub(1).and_then(|p| bytes.get(p))) || glued(bytes.get(k)) {
            continue;
        }
        while taken.peek().is_some_and(|&(_, e)| e <= s) {
            taken.next();
        }
        if taken.peek().is_some_and(|&(ts, _)| ts <= s) {
            continue;
        }
        let digits = &text[s..k];
        if imo_valid(digits) {
            out.push(Found { kind: IdKind::Imo, value: digits.to_string(), start: s, end: k });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Where a label ends when it is written at `i` (its words in order, up to three separators between them, and not
/// followed by a letter), or `None`.
fn match_label(chars: &[(usize, char)], i: usize, l: &Label) -> Option<usize> {
    let mut j = i;
    for (wi, w) in l.words.iter().enumerate() {
        if wi > 0 {
            let s = j;
            while j < chars.len() && j - s < 3 && separator(chars[j].1) {
                j += 1;
            }
            if j == s {
                return None;
            }
        }
        for &lc in w {
            let c = chars.get(j)?.1;
            if c != lc && c.to_lowercase().next() != Some(lc) {
                return None;
            }
            j += 1;
        }
    }
    let next_is_letter = chars.get(j).is_some_and(|c| c.1.is_alphabetic());
    (l.unspaced || !next_is_letter).then_some(j)
}

/// The value after a label ending at `j`: separators and filler words skipped, then parts of letters and digits
/// joined by `-./` or single spaces, each part after the first holding a digit. Returns the normalised value and
/// where it ends, or `None` when nothing that can be this kind's value follows.
fn read_value(chars: &[(usize, char)], mut j: usize, kind: IdKind) -> Option<(String, usize)> {
    for _ in 0..3 {
        let s = j;
        while j < chars.len() && j - s < 8 && separator(chars[j].1) {
            j += 1;
        }
        let w_end = (j..chars.len()).find(|&k| !chars[k].1.is_alphabetic()).unwrap_or(chars.len());
        let word: String = chars[j..w_end].iter().flat_map(|c| c.1.to_lowercase()).collect();
        if w_end > j && FILLERS.contains(&word.as_str()) {
            j = w_end;
        } else {
            break;
        }
    }
    let first = j;
    let mut end = j;
    let mut raw = String::new();
    let mut parts = 0;
    while j < chars.len() && chars[j].0 - chars[first].0 < MAX_VALUE {
        let s = j;
        while j < chars.len()
            && (chars[j].1.is_alphanumeric()
                || (joiner(chars[j].1) && chars.get(j + 1).is_some_and(|c| c.1.is_alphanumeric()) && j > s))
        {
            j += 1;
        }
        if j == s {
            break;
        }
        let part: String = chars[s..j].iter().map(|c| c.1).collect();
        let digit = part.chars().any(|c| c.is_ascii_digit());
        let ok = digit
            || (parts == 0 && kind == IdKind::Imo && part.eq_ignore_ascii_case("imo"))
            || (parts == 0 && kind == IdKind::Bic && matches!(part.len(), 8 | 11) && part.is_ascii())
            // A country prefix written apart ("DE 123456789").
            || (parts == 0 && part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()));
        if !ok {
            break;
        }
        raw.push_str(&part);
        parts += 1;
        end = j;
        // One space, then another part.
        if chars.get(j).is_some_and(|c| c.1 == ' ') && chars.get(j + 1).is_some_and(|c| c.1.is_alphanumeric()) {
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
        _ => norm.chars().count() >= MIN_LEN,
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
