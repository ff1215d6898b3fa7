//! Numbers, units, quantities, HS codes and technical parameters as orders write them ("2,500", "0,01",
//! "5 × 10^3", "20 pcs", "HS 9014.20", "bias stability 0.01 deg/h").

use crate::text::case::Case as _;
use std::sync::OnceLock;

use super::labels::{is_in, labels};
use super::Parameter;
use crate::text;

/// Reads a number at the start of `s` ("2,500", "0,01", "1.5e3", "5 × 10^3"): value and bytes read.
pub(super) fn read_number(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    while end < b.len() {
        let c = b.get(end).copied().unwrap_or(b' ');
        let next_digit = b.get(end + 1).is_some_and(|x| x.is_ascii_digit());
        if c.is_ascii_digit() || ((c == b'.' || c == b',') && next_digit) {
            end += 1;
        } else {
            break;
        }
    }
    let raw = s.get(..end)?;
    let commas = raw.matches(',').count();
    let dots = raw.matches('.').count();
    let normal: String = if commas > 0 && dots > 0 {
        let dec = if raw.rfind(',') > raw.rfind('.') { ',' } else { '.' };
        raw.chars()
            .filter(|&c| c != if dec == ',' { '.' } else { ',' })
            .map(|c| if c == ',' { '.' } else { c })
            .collect()
    } else if commas > 0 {
        let groups: Vec<&str> = raw.split(',').collect();
        let thousands = groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.first().is_some_and(|g| g.len() <= 3 && !g.starts_with('0'));
        if thousands {
            raw.replace(',', "")
        } else if commas == 1 {
            raw.replace(',', ".")
        } else {
            return None;
        }
    } else if dots > 1 {
        let groups: Vec<&str> = raw.split('.').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) {
            raw.replace('.', "")
        } else {
            return None;
        }
    } else {
        raw.to_string()
    };
    // Digits with at most one dot here: read as `str::parse` reads them (text::decimal).
    let mut value = text::decimal::parse(&normal)?;
    // Exponents: "1.5e3", "5x10^3", "5 × 10⁶", "5*10^-3"
    let rest = s.get(end..).unwrap_or_default();
    if let Some((exp, used)) = read_exponent(rest) {
        value *= 10f64.powi(exp);
        end += used;
    }
    value.is_finite().then_some((value, end))
}

pub(super) fn read_exponent(rest: &str) -> Option<(i32, usize)> {
    let t = rest.trim_start_matches(' ');
    let lead = rest.len() - t.len();
    if let Some(e) = t.strip_prefix(['e', 'E']) {
        let (sign, e2) = match e.strip_prefix(['-', '−']) {
            Some(x) => (-1, x),
            None => (1, e.strip_prefix('+').unwrap_or(e)),
        };
        let digits: String = e2.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = e2.get(digits.len()..).unwrap_or_default();
        if !digits.is_empty() && digits.len() <= 3 && !after.starts_with(|c: char| c.is_alphanumeric()) {
            let n: i32 = digits.parse().ok()?;
            return Some((sign * n, lead + (t.len() - after.len())));
        }
        return None;
    }
    let x = t.strip_prefix(['x', 'X', '×', '*'])?;
    let x = x.trim_start_matches(' ');
    let x = x.strip_prefix("10")?;
    let (sign, body, caret) = if let Some(y) = x.strip_prefix('^') {
        match y.strip_prefix(['-', '−']) {
            Some(z) => (-1, z, true),
            None => (1, y, true),
        }
    } else if let Some(y) = x.strip_prefix('⁻') {
        (-1, y, false)
    } else {
        (1, x, false)
    };
    let mut n = 0i32;
    let mut used = 0;
    for c in body.chars() {
        let d = if caret {
            c.to_digit(10)
        } else {
            "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).map(|p| p as u32)
        };
        match d {
            Some(d) if used < 9 => {
                n = n * 10 + d as i32;
                used += c.len_utf8();
            }
            _ => break,
        }
    }
    if used == 0 {
        return None;
    }
    let after = body.get(used..).unwrap_or_default();
    Some((sign * n, lead + (t.len() - after.len())))
}

/// The unit written at the start of `s` (after at most one space or a hyphen): normalised unit, factor,
/// offset and bytes read.
pub(super) fn read_unit(s: &str) -> Option<(&'static str, f64, f64, usize)> {
    let t = s.strip_prefix(' ').or_else(|| s.strip_prefix('-')).or_else(|| s.strip_prefix('\u{a0}')).unwrap_or(s);
    let lead = s.len() - t.len();
    for (w, unit, factor, offset) in &labels().units {
        if let Some(rest) = t.strip_prefix(w.as_str()) {
            let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '²' && c != '³');
            if boundary {
                return Some((unit, *factor, *offset, lead + w.len()));
            }
        }
    }
    None
}

/// A quantity in `s`: (text, value, unit, byte range in s).
pub(super) fn find_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let lower = s.to_lower();
    // 1. labelled: "Qty: 20 pcs", "Quantity 20", "Menge: 20 Stück"
    for lab in [
        "qty",
        "quantity",
        "menge",
        "anzahl",
        "stückzahl",
        "quantité",
        "qté",
        "cantidad",
        "количество",
        "кол-во",
        "数量",
    ] {
        if let Some(p) = lower.find(lab) {
            let at = p + lab.len();
            if lower.get(p.saturating_sub(1)..p).is_some_and(|c| c.chars().all(char::is_alphanumeric) && !c.is_empty())
            {
                continue;
            }
            let rest = s.get(at..).unwrap_or_default();
            let skip = rest.len() - rest.trim_start_matches([':', '：', '.', ' ', '=', '\t', '-']).len();
            let num_at = at + skip;
            if let Some((v, used)) = s.get(num_at..).and_then(read_count) {
                let after = s.get(num_at + used..).unwrap_or_default();
                let unit = count_unit_at(after);
                let end = num_at + used + unit.as_ref().map(|u| u.1).unwrap_or(0);
                let text = s.get(p..end).unwrap_or_default().to_string();
                return Some((text, v, unit.map(|u| u.0).unwrap_or_default(), p, end));
            }
        }
    }
    // 2. "20 pcs", "2,000 kg", "20 x ", "order 2 machines"; 3. "x20", "× 4"; 4. "four units"
    count_quantity(s).or_else(|| times_quantity(s)).or_else(|| word_quantity(s))
}

/// "four units of ...", "zwei Stück", "dos juegos": a count written as a word (`number_words` of
/// `src/data/units.toml`, from CLDR) followed by a count unit.
pub(super) fn word_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let words = &labels().number_words;
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                start = None;
                let Some(&v) = s.get(a..i).and_then(|w| words.get(&text::fold(w))) else { continue };
                if let Some((u, ul)) = count_unit_at(s.get(i..).unwrap_or_default()) {
                    return Some((s.get(a..i + ul).unwrap_or_default().to_string(), v, u, a, i + ul));
                }
            }
            _ => {}
        }
    }
    None
}

/// "Vacuum pump x2", "gyroscope × 20": a count written after a multiplication sign (not a dimension "640 x 512"
/// or "x 20 mm").
pub(super) fn times_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    for (i, c) in s.char_indices() {
        if !matches!(c, 'x' | 'X' | '×') {
            continue;
        }
        let before = s.get(..i).unwrap_or_default();
        if !(before.is_empty() || before.ends_with([' ', '(', ',', '-', '\t'])) {
            continue;
        }
        // "640 x 512": a number before the sign makes it a dimension.
        if before.trim_end().chars().last().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = s.get(i + c.len_utf8()..).unwrap_or_default();
        let num = rest.strip_prefix(' ').unwrap_or(rest);
        let Some((v, used)) = read_number(num) else { continue };
        let raw = num.get(..used).unwrap_or_default();
        let after = num.get(used..).unwrap_or_default();
        let boundary = after.is_empty() || after.starts_with([',', ';', ')', ' ', '\t', '.']);
        let next_word = after.trim_start_matches([' ', ')', ',', ';', '.']);
        if !boundary
            || raw.contains('.')
            || read_unit(after).is_some()
            || next_word.starts_with(|c: char| c.is_ascii_digit() || c == 'x' || c == '×')
            || !(1.0..1e7).contains(&v)
        {
            continue;
        }
        let end = i + c.len_utf8() + (rest.len() - num.len()) + used;
        return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, String::new(), i, end));
    }
    None
}

/// Where "twenty (20)" starts, given the position of its "(": at the number word, or at the bracket.
pub(super) fn number_word_before(s: &str, paren: usize) -> usize {
    const WORDS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "a",
    ];
    let before = s.get(..paren).unwrap_or_default();
    let trimmed = before.trim_end();
    let word_start = trimmed.rfind(|c: char| !(c.is_alphabetic() || c == '-')).map(|p| p + 1).unwrap_or(0);
    let word = trimmed.get(word_start..).unwrap_or_default().to_lower();
    if !word.is_empty() && word.split('-').all(|w| WORDS.contains(&w)) {
        word_start
    } else {
        paren
    }
}

/// Whether a number is written as a whole count ("20", "1,000"), not a decimal.
pub(super) fn raw_integer(raw: &str) -> bool {
    !raw.contains('.') && raw.split(',').skip(1).all(|g| g.len() == 3)
}

/// At most the last `max` bytes of `s[..end]`, cut at a character boundary.
pub(super) fn tail(s: &str, end: usize, max: usize) -> &str {
    let mut start = end.saturating_sub(max);
    while start > 0 && !s.is_char_boundary(start) {
        start -= 1;
    }
    s.get(start..end).unwrap_or_default()
}

/// A count as written in any locale: "2,000", "2.000" (a dot before three digits is a thousands separator in a
/// count), "2 000" and "2\u{202f}000" (French and Swiss grouping). Value and bytes read.
pub(super) fn read_count(s: &str) -> Option<(f64, usize)> {
    let (v, mut used) = read_number(s)?;
    let raw = s.get(..used)?;
    let mut v = european_thousands(raw, v);
    if raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_digit()) {
        let mut total = raw.to_string();
        while let Some(rest) = s.get(used..) {
            let Some(sep) = [' ', '\u{a0}', '\u{202f}'].into_iter().find(|c| rest.starts_with(*c)) else { break };
            let after = rest.get(sep.len_utf8()..).unwrap_or_default();
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let next = after.get(digits..).and_then(|r| r.chars().next());
            if digits != 3 || next.is_some_and(|c| c == '.' || c == ',') || total.len() > 9 {
                break;
            }
            total.push_str(after.get(..3).unwrap_or_default());
            used += sep.len_utf8() + 3;
        }
        if total.len() > raw.len() {
            v = text::decimal::parse(&total)?;
        }
    }
    Some((v, used))
}

/// Whether `s` writes a decimal with a comma ("0,1 mbar", "7,5 kW": a comma followed by one, two or four or more
/// digits; "2,000" may be a thousands group and says nothing).
fn writes_decimal_commas(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len()).any(|i| {
        b.get(i) == Some(&b',') && b.get(i - 1).is_some_and(u8::is_ascii_digit) && {
            let digits = b.get(i + 1..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && digits != 3
        }
    })
}

/// Whether a written number that is a single dot before three digits ("1.000 Hz", "2.400 MPa") groups thousands in
/// `s`, told by the locale evidence in the text: a decimal comma elsewhere ("0,1 mbar") says yes; a decimal dot
/// elsewhere ("7.5 kW", "0.05 %": a dot before other than three digits) says no; otherwise the language of the text
/// decides, told by letters English does not write (German, French, Spanish, Portuguese, Turkish, Cyrillic), since
/// those languages group thousands with a dot or a space and write decimals with a comma (CLDR number symbols:
/// `decimal` "," and `group` "." or " " in de, es, pt, tr, fr, ru; https://cldr.unicode.org, `common/main/*.xml`).
pub(super) fn dots_group_thousands(s: &str) -> bool {
    if writes_decimal_commas(s) {
        return true;
    }
    if writes_decimal_dots(s) {
        return false;
    }
    s.chars().any(|c| {
        matches!(
            c,
            'ä' | 'ö'
                | 'ü'
                | 'ß'
                | 'é'
                | 'è'
                | 'ê'
                | 'à'
                | 'â'
                | 'ç'
                | 'á'
                | 'í'
                | 'ó'
                | 'ú'
                | 'ñ'
                | 'ã'
                | 'õ'
                | 'ı'
                | 'ş'
                | 'ğ'
                | 'İ'
                | 'Ş'
                | '\u{400}'..='\u{4ff}'
        )
    })
}

/// Whether `s` writes a decimal with a dot: a number with one dot followed by one, two or four or more digits
/// ("7.5 kW", "0.05 %"); dates and codes with several dots ("11.11.26", "8504.40.00") say nothing.
fn writes_decimal_dots(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < b.len() {
        if !digit(i) || (i > 0 && (digit(i - 1) || b.get(i - 1) == Some(&b'.'))) {
            i += 1;
            continue;
        }
        let mut j = i;
        while digit(j) {
            j += 1;
        }
        if b.get(j) == Some(&b'.') && digit(j + 1) {
            let mut k = j + 1;
            while digit(k) {
                k += 1;
            }
            let another = b.get(k) == Some(&b'.') && digit(k + 1);
            if !another && k - j - 1 != 3 {
                return true;
            }
            while digit(k) || (b.get(k) == Some(&b'.') && digit(k + 1)) {
                k += 1;
            }
            i = k;
        } else {
            i = j;
        }
    }
    false
}

/// "2.000 unidades": a dot followed by three digits before a count unit is a thousands separator.
pub(super) fn european_thousands(raw: &str, v: f64) -> f64 {
    let mut parts = raw.split('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) if !a.is_empty() && a.len() <= 3 && b.len() == 3 && !a.starts_with('0') => {
            text::decimal::parse(&format!("{a}{b}")).unwrap_or(v)
        }
        _ => v,
    }
}

pub(super) fn count_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !b.get(i - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b','));
        if starts {
            // "2 000 kg": a grouped count before a unit
            if let Some((v, used)) = s.get(i..).and_then(read_count) {
                if let Some((u, ul)) = count_unit_at(s.get(i + used..).unwrap_or_default()) {
                    let end = i + used + ul;
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, u, i, end));
                }
            }
            if let Some((v, used)) = s.get(i..).and_then(read_number) {
                let after = s.get(i + used..).unwrap_or_default();
                // "twenty (20) units"
                if s.get(..i).is_some_and(|b| b.ends_with('(')) {
                    if let Some((u, ul)) = after.strip_prefix(')').and_then(count_unit_at) {
                        let end = i + used + 1 + ul;
                        let start = number_word_before(s, i - 1);
                        return Some((s.get(start..end).unwrap_or_default().trim().to_string(), v, u, start, end));
                    }
                }
                if let Some((u, ul)) = count_unit_at(after) {
                    let end = i + used + ul;
                    let v = european_thousands(s.get(i..i + used).unwrap_or_default(), v);
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, u, i, end));
                }
                let t = after.trim_start();
                let times = t.starts_with("x ") || t.starts_with("× ") || t.starts_with("X ");
                let t_after = t.get(t.chars().next().map(char::len_utf8).unwrap_or(1)..).unwrap_or_default();
                // "2 x vacuum pumps" anywhere; "2 x 4" is a dimension
                let word_follows = t_after.trim_start().starts_with(char::is_alphabetic);
                let times_word = (t.starts_with(['x', 'X', '×']) && t_after.starts_with(' ')) && word_follows;
                if (times && i == 0) || (times_word && raw_integer(s.get(i..i + used).unwrap_or_default())) {
                    let xlen = t.chars().next().map(char::len_utf8).unwrap_or(1);
                    let end = i + used + (after.len() - t.len()) + xlen;
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, String::new(), i, end));
                }
                // "order 1 coffee roasting machine", "need 20 gyroscopes": a number right after an order verb
                let before = text::words(tail(s, i, 24));
                let word_after = after.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_alphabetic));
                // Also in the corpus's other languages: "wir benötigen 6 Vakuumpumpen", "besoin de 6 pompes",
                // "нужны 12 осциллографов", "necesitamos 8 bombas".
                let last = before.last().map(String::as_str);
                let verb = matches!(
                    last,
                    Some(
                        "order"
                            | "need"
                            | "require"
                            | "quote"
                            | "supply"
                            | "purchase"
                            | "buy"
                            | "benotigen"
                            | "brauchen"
                            | "bestellen"
                            | "commandons"
                            | "commander"
                            | "necesitamos"
                            | "pedimos"
                            | "solicitamos"
                            | "нужны"
                            | "нужно"
                            | "нужен"
                            | "требуется"
                            | "заказываем"
                            | "закупаем"
                    )
                ) || (last == Some("de")
                    && before.len() >= 2
                    && before.get(before.len() - 2).is_some_and(|w| w == "besoin"));
                if word_after && v < 1e6 && verb {
                    let end = i + used;
                    return Some((s.get(i..end).unwrap_or_default().to_string(), v, String::new(), i, end));
                }
                i += used.max(1);
                continue;
            }
        }
        i += 1;
    }
    None
}

pub(super) fn count_unit_at(after: &str) -> Option<(String, usize)> {
    let t = after.trim_start_matches([' ', '\u{a0}']);
    let lead = after.len() - t.len();
    if lead > 2 {
        return None;
    }
    let word: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    if word.is_empty() {
        return None;
    }
    // Chinese writes the measure word against the goods, without a space: "20 台工业内窥镜", "5000 件T恤".
    if word.chars().next().is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
        let unit = labels()
            .count_units
            .iter()
            .filter(|u| u.chars().next().is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}')))
            .filter(|u| word.starts_with(u.as_str()))
            .max_by_key(|u| u.len())?;
        return Some((unit.clone(), lead + unit.len()));
    }
    let w = word.to_lower();
    // "450 m3/h", "5 kg/m": a rate, not a quantity
    if t.get(word.len()..).is_some_and(|r| r.starts_with('/')) {
        return None;
    }
    let dot = t.get(word.len()..).is_some_and(|r| r.starts_with('.'));
    // "12 шт.", "5 Stk.", "No. 4": the abbreviation's dot goes with the unit.
    let abbreviated = dot && ["no", "шт", "stk", "st", "pcs", "pc", "pce", "nos"].contains(&w.as_str());
    is_in(&labels().count_units, &w).then(|| (word.clone(), lead + word.len() + usize::from(abbreviated)))
}

/// An HS/CN code in `s`: normalised ("9014.20.00") and its byte range.
pub(super) fn find_hs(s: &str) -> Option<(String, usize, usize)> {
    // A code has at least four digits ([`read_hs_digits`]): most lines of a text have fewer, and need no search.
    if s.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    let lower = s.to_lower();
    for lab in hs_labels() {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|x| x.find(lab.as_str())).map(|x| x + from) {
            from = p + lab.len();
            let before_ok = p == 0 || !lower.get(..p).and_then(|x| x.chars().last()).is_some_and(char::is_alphanumeric);
            let after = s.get(p + lab.len()..).unwrap_or_default();
            if !before_ok || after.starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            let trimmed = after.trim_start_matches([':', '.', ' ', '#', '-', '\t', '=']);
            let trimmed = trimmed.strip_prefix("no").or_else(|| trimmed.strip_prefix("No")).unwrap_or(trimmed);
            let trimmed = trimmed.trim_start_matches([':', '.', ' ', '#']);
            let at = p + lab.len() + (after.len() - trimmed.len());
            if let Some((code, used)) = read_hs_digits(trimmed) {
                return Some((code, p, at + used));
            }
        }
    }
    // An unlabelled code written with at least two dot groups ("8458.11.00").
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !b.get(i - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.'))
        {
            let rest = s.get(i..).unwrap_or_default();
            if let Some((code, used)) = read_hs_digits(rest) {
                if code.matches('.').count() >= 2 && rest.get(..used).is_some_and(|r| r.matches('.').count() >= 2) {
                    return Some((code, i, i + used));
                }
            }
        }
    }
    None
}

/// Labels that introduce an HS/CN code in running text, longest first: the `hs` labels of `src/data/labels.toml`
/// and their short forms.
pub(super) fn hs_labels() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| {
        let mut v: Vec<String> = HS_SHORT.iter().map(|x| x.to_string()).collect();
        for d in labels().defs.iter().filter(|d| d.key == "hs") {
            for lab in &d.labels {
                let l = lab.to_lower();
                if !v.contains(&l) {
                    v.push(l);
                }
            }
        }
        crate::sort::sort_by_key(&mut v, |x| std::cmp::Reverse(x.len()));
        v
    })
}

pub(super) const HS_SHORT: &[&str] = &["h.s.", "hts", "hs", "cn", "tariff", "тн вэд"];

pub(super) fn read_hs_digits(s: &str) -> Option<(String, usize)> {
    let mut digits = String::new();
    let mut used = 0;
    let mut last_digit_end = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            digits.push(c);
            last_digit_end = i + 1;
            if digits.len() > 10 {
                return None;
            }
        } else if (c == '.' || c == ' ')
            && !digits.is_empty()
            && s.get(i + 1..).is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))
        {
            if c == ' ' && !digits.len().is_multiple_of(2) {
                break;
            }
        } else {
            break;
        }
        used = i + c.len_utf8();
    }
    let _ = used;
    if !(4..=10).contains(&digits.len()) || !digits.len().is_multiple_of(2) {
        return None;
    }
    let chapter: u32 = digits.get(..2)?.parse().ok()?;
    if !(1..=97).contains(&chapter) {
        return None;
    }
    let mut code = digits.get(..4)?.to_string();
    let mut k = 4;
    while k < digits.len() {
        code.push('.');
        code.push_str(digits.get(k..(k + 2).min(digits.len()))?);
        k += 2;
    }
    Some((code, last_digit_end))
}

/// Technical parameters written with units in `s` ("bias stability 0.01 deg/h"), skipping the byte range `skip`
/// (the quantity).
pub fn parameters(s: &str, skip: Option<(usize, usize)>) -> Vec<Parameter> {
    read_parameters(s, skip, dots_group_thousands(s))
}

/// How many bytes at the head of a text tell its number style (a letter's language shows in its first lines);
/// bounded, so that reading every line of a long text stays linear.
const STYLE_EVIDENCE: usize = 4096;

/// [`parameters`] of a line of a longer `text` ("3-phasig, Ausgangsfrequenz bis 1.000 Hz" in a German chat): the
/// line's own decimals decide whether a dot groups thousands; when it writes none, the text's head decides.
pub(super) fn parameters_in(s: &str, skip: Option<(usize, usize)>, text: &str) -> Vec<Parameter> {
    let dots = if writes_decimal_commas(s) {
        true
    } else if writes_decimal_dots(s) || !dot_before_digit(s) {
        // Without a dot before a digit no number holds a dot (`read_number`), and the style changes no value
        // (`european_thousands`): the text's head is not read.
        false
    } else {
        dots_group_thousands(s) || dots_group_thousands(head(text, STYLE_EVIDENCE))
    };
    read_parameters(s, skip, dots)
}

/// Whether `s` writes a dot before a digit: [`read_number`] reads a dot into a number only there.
fn dot_before_digit(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w[0] == b'.' && w[1].is_ascii_digit())
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
fn head(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

fn read_parameters(s: &str, skip: Option<(usize, usize)>, comma_decimals: bool) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = Vec::new();
    let b = s.as_bytes();
    let mut last_end = 0;
    let mut i = 0;
    while i < b.len() && out.len() < 40 {
        let digit = b.get(i).is_some_and(|c| c.is_ascii_digit());
        let prev_ok = i == 0
            || !b.get(i - 1).is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || *c == b'.'
                    || *c == b','
                    || *c == b'-' && i >= 2 && b.get(i - 2).is_some_and(|c| c.is_ascii_alphabetic())
            });
        if !(digit && prev_ok) || skip.is_some_and(|(a, z)| i >= a && i < z) {
            i += 1;
            continue;
        }
        let Some((value, used)) = s.get(i..).and_then(read_number) else {
            i += 1;
            continue;
        };
        // "Saugvermögen 1.200 m³/h, Enddruck 0,1 mbar": where decimals are written with a comma, a dot before three
        // digits groups thousands.
        let value =
            if comma_decimals { european_thousands(s.get(i..i + used).unwrap_or_default(), value) } else { value };
        // "5 490 MPa", "1 800 Hz": digits grouped by a space (French, Russian) before a unit are one number.
        let grouped = s.get(i..).and_then(read_count).filter(|&(_, n)| {
            n > used && s.get(i + n..).is_some_and(|r| !r.starts_with(char::is_alphanumeric) && read_unit(r).is_some())
        });
        let (value, used) = grouped.unwrap_or((value, used));
        let after = s.get(i + used..).unwrap_or_default();
        let Some((unit, factor, offset, ulen)) = read_unit(after) else {
            i += used.max(1);
            continue;
        };
        let end = i + used + ulen;
        let before = s.get(..i).unwrap_or_default();
        let (comparator, name_end) = comparator_before(before);
        let mut name = param_name(s.get(..name_end).unwrap_or_default());
        let mut text_start = name_start(s, name_end, &name);
        let mut text_end = end;
        let tail = s.get(end..).unwrap_or_default();
        // "50 litros de volumen total", "20 litres of working volume": the name follows the value after "de"/"of",
        // and is kept beside the words before it ("biorreactor de acero inoxidable de").
        let of_name = ["de ", "of ", "d'", "d’"].iter().any(|p| tail.trim_start_matches(' ').starts_with(p));
        // "from 600 Hz to 1 800 Hz", "von 400 bis 1.000 Hz", "600 Hz – 2 000 Hz": the upper value of a range takes
        // the name of the lower one, so a threshold is read against either bound.
        let range_of = out.last().filter(|_| {
            let between = s.get(last_end..name_end).unwrap_or_default().trim();
            last_end > 0 && RANGE_WORDS.contains(&text::fold(between).as_str())
        });
        if let Some(prev) = range_of {
            name = prev.name.clone();
        } else if name.is_empty() || of_name {
            // "0.01 deg/h bias stability": the name after the value
            let cut = tail.find([',', ';', '(', ')', '\n', '|', '\t']).unwrap_or(tail.len());
            let words: Vec<String> = text::words(tail.get(..cut).unwrap_or_default())
                .into_iter()
                .filter(|w| !is_in(&labels().param_stop, w))
                .take(3)
                .collect();
            if !words.is_empty() {
                let after = words.join(" ");
                name = if name.is_empty() { after } else { format!("{name} {after}") };
                text_end = end + cut;
                if !of_name {
                    text_start = i;
                }
            }
        }
        last_end = end;
        out.push(Parameter {
            name,
            value: value * factor + offset,
            unit: unit.to_string(),
            text: s.get(text_start..text_end).unwrap_or_default().trim().to_string(),
            comparator,
        });
        i = end;
    }
    out
}

/// The words between the two values of a range ("600 Hz to 1 800 Hz"), folded: English, German, French, Spanish,
/// Portuguese, Russian, Turkish ("600 Hz ile 1 800 Hz arası") and dashes.
const RANGE_WORDS: &[&str] =
    &["to", "-", "–", "—", "bis", "a", "à", "hasta", "ate", "до", "ile", "and", "und", "et", "y"];

pub(super) fn comparator_before(before: &str) -> (Option<String>, usize) {
    let t = before.trim_end_matches([' ', ':', '=', '\t', '~', '±', '≈']);
    let lower = t.to_lower();
    for (w, c) in &labels().comparators {
        if lower.ends_with(w) {
            let at = t.len().saturating_sub(w.len());
            let boundary = !w.chars().all(char::is_alphabetic)
                || lower.get(..at).and_then(|x| x.chars().last()).is_none_or(|c| !c.is_alphanumeric());
            if boundary && t.is_char_boundary(at) {
                return (Some((*c).to_string()), at);
            }
        }
    }
    (None, t.len())
}

pub(super) fn param_name(before: &str) -> String {
    let cut = before.rfind([',', ';', '(', ')', '\n', '|', '\t', ':']).map(|p| p + 1).unwrap_or(0);
    let seg = before.get(cut..).unwrap_or_default();
    // A name is the words just before the value; earlier words belong to the description.
    let words: Vec<String> = text::words(seg);
    let mut picked: Vec<String> = Vec::new();
    for w in words.iter().rev() {
        if ["with", "and", "having", "incl", "including", "for", "in"].contains(&w.as_str())
            || w.chars().all(|c| c.is_ascii_digit())
        {
            break;
        }
        if is_in(&labels().param_stop, w) {
            continue;
        }
        picked.push(w.clone());
        if picked.len() >= 4 {
            break;
        }
    }
    picked.reverse();
    picked.join(" ")
}

/// Where the parameter's text starts: at its first name word, found backwards from `end`.
pub(super) fn name_start(s: &str, end: usize, name: &str) -> usize {
    let Some(first) = name.split(' ').next().filter(|w| !w.is_empty()) else { return end };
    let head = s.get(..end).unwrap_or_default();
    let lower = text::fold(head);
    // fold keeps byte lengths for ASCII; for other text fall back to the value itself
    if lower.len() != head.len() {
        return end;
    }
    lower.rfind(first).unwrap_or(end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_in_local_notation() {
        let p = super::parameters("résistance à la traction 5 490 MPa, densité 1,80 g/cm³", None);
        assert_eq!(p.first().map(|x| (x.name.as_str(), x.value)), Some(("resistance la traction", 5490.0)), "{p:?}");
        let p = super::parameters("çekme dayanımı 2.400 MPa, çapı 120 mm", None);
        assert_eq!(p.first().map(|x| x.value), Some(2400.0), "{p:?}");
        let p = super::parameters("tensile strength 2.400 MPa", None);
        assert_eq!(p.first().map(|x| x.value), Some(2.4), "{p:?}");
        let p = super::parameters("from 600 Hz to 1 800 Hz", None);
        assert_eq!(p.iter().map(|x| x.value).collect::<Vec<_>>(), [600.0, 1800.0], "{p:?}");
    }

    use super::*;

    #[test]
    fn parameters_units_normalised() {
        let p = parameters("ring diameter 2500 mm, positioning accuracy 4 µm, frame rate 30 Hz, drift < 0.5°/hr", None);
        let get = |n: &str| p.iter().find(|x| x.name == n).cloned();
        assert_eq!(get("ring diameter").map(|x| (x.value, x.unit)), Some((2500.0, "mm".to_string())));
        let acc = get("positioning accuracy").unwrap();
        assert!((acc.value - 0.004).abs() < 1e-12 && acc.unit == "mm");
        assert_eq!(get("frame rate").map(|x| x.value), Some(30.0));
        let d = get("drift").unwrap();
        assert_eq!((d.value, d.unit.as_str(), d.comparator.as_deref()), (0.5, "deg/h", Some("<")));
    }

    #[test]
    fn read_number_forms() {
        assert_eq!(read_number("2,500 mm").map(|x| x.0), Some(2500.0));
        assert_eq!(read_number("0,01").map(|x| x.0), Some(0.01));
        assert_eq!(read_number("1.5e3 ").map(|x| x.0), Some(1500.0));
        assert_eq!(read_number("5 x 10^3 Gy").map(|x| x.0), Some(5000.0));
        assert_eq!(read_number("1,234.5").map(|x| x.0), Some(1234.5));
        assert!(writes_decimal_commas("Enddruck 0,1 mbar") && !writes_decimal_commas("2,000 pcs, 7.5 kW"));
    }

    #[test]
    fn dots_group_thousands_by_locale_evidence() {
        // German text: "bis 1.000 Hz" is a thousand hertz; English text with a decimal dot elsewhere keeps 1.000.
        let p = parameters("3-phasig, Ausgangsfrequenz bis 1.000 Hz, für 15 kVA", None);
        assert_eq!(p.first().map(|x| x.value), Some(1000.0), "{p:?}");
        let p = parameters("Enddruck 0,1 mbar, Saugvermögen 1.200 m3/h", None);
        assert_eq!(p.get(1).map(|x| x.value), Some(1200.0), "{p:?}");
        let p = parameters("Motor 7.5 kW, Gewicht 1.250 kg, Größe groß", None);
        assert_eq!(p.get(1).map(|x| x.value), Some(1.25), "{p:?}");
        assert!(!dots_group_thousands("[11.11.26, 15:02] length 1.000 mm"));
        assert!(dots_group_thousands("Länge 1.000 mm"));
        assert!(!dots_group_thousands("length 1.000 mm, width 2.5 mm"));
        // A line without letters or decimals of its own takes the style of the text it stands in.
        let chat = "Guten Tag, wir brauchen 10 Frequenzumrichter\n3-phasig, Ausgangsfrequenz bis 1.000 Hz\nfür wen?";
        let p = parameters_in("3-phasig, Ausgangsfrequenz bis 1.000 Hz", None, chat);
        assert_eq!(p.first().map(|x| x.value), Some(1000.0), "{p:?}");
        let p = parameters_in("output frequency 1.000 Hz", None, "Dear Sirs, 7.5 kW, output frequency 1.000 Hz");
        assert_eq!(p.first().map(|x| x.value), Some(1.0), "{p:?}");
        // A line without a dot before a digit reads the same in any text (its head is not read).
        for line in ["Ausgangsfrequenz bis 1000 Hz", "Enddruck 0,1 mbar", "output 2,500 W at 1 800 Hz"] {
            assert_eq!(parameters_in(line, None, chat), parameters(line, None), "{line}");
            assert!(!dot_before_digit(line) && dot_before_digit("bis 1.000 Hz") && dot_before_digit("x .5 mm"));
        }
    }

    #[test]
    fn parameters_ranges_and_names_after_de() {
        let p = parameters("adjustable over the whole range from 600 Hz to 1 800 Hz", None);
        assert_eq!(
            p.iter().map(|x| (x.name.as_str(), x.value)).collect::<Vec<_>>(),
            [("adjustable whole range", 600.0), ("adjustable whole range", 1800.0)]
        );
        let p = parameters("un biorreactor de acero inoxidable de 50 litros de volumen total, esterilizable", None);
        let v = p.first().expect("volume");
        assert!(v.name.ends_with("volumen total") && v.value == 50.0 && v.unit == "L", "{p:?}");
    }

    #[test]
    fn word_quantity_in_the_products_languages() {
        assert_eq!(find_quantity("we would like to order four units of your converter").map(|q| q.1), Some(4.0));
        assert_eq!(find_quantity("wir brauchen zwei Stück").map(|q| (q.1, q.2)), Some((2.0, "Stück".into())));
        assert_eq!(word_quantity("dos juegos de sondas").map(|q| q.1), Some(2.0));
        assert_eq!(word_quantity("четыре комплекта").map(|q| q.1), Some(4.0));
        assert_eq!(word_quantity("two of them, one unit"), None);
    }

    #[test]
    fn find_hs_forms() {
        assert_eq!(find_hs("HS code: 8458.11.00").map(|h| h.0), Some("8458.11.00".into()));
        assert_eq!(find_hs("CN 9014 20 10").map(|h| h.0), Some("9014.20.10".into()));
        assert_eq!(find_hs("hs 901420").map(|h| h.0), Some("9014.20".into()));
        assert_eq!(find_hs("price 1234.56"), None);
        assert_eq!(find_hs("this is about it"), None);
    }

    #[test]
    fn find_hs_labels_from_data_and_dotted_codes_only() {
        assert_eq!(find_hs("Schedule B: 8504.40").map(|h| h.0), Some("8504.40".into()));
        assert_eq!(find_hs("Código arancelario: 8413.70").map(|h| h.0), Some("8413.70".into()));
        assert_eq!(find_hs("HS: 8479 89 00").map(|h| h.0), Some("8479.89.00".into()));
        assert_eq!(find_hs("Purchase order 4500912233"), None);
    }
}
