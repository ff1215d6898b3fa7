//! Step 2 of normalisation: characters folded to lower-case Latin (transliteration, NFKD without marks), and
//! step 3's plain split into tokens.

use crate::text::case::Case as _;
use crate::text::unicode::{is_combining_mark, Nfkd as _};

/// Apostrophes and ʿayn/hamza marks join ("Xi'an" → "xian", "'ABBAS" → "abbas"); `&` is read as "and".
fn punct(c: char) -> Option<&'static str> {
    Some(match c {
        '\'' | '’' | '‘' | '`' | 'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' | '´' => "",
        '&' => " and ",
        _ => return None,
    })
}

/// Folds text to lower-case Latin: transliteration ([`crate::text::translit`]), NFKD without marks, apostrophes
/// removed, `&` → "and". Everything that is not a letter or digit becomes a space (runs of spaces are kept;
/// tokenizers split them).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    fold_chars(&crate::text::translit::to_latin(s))
}

/// [`fold`] of text in Latin letters, character by character.
fn fold_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lower();
        for lc in lower {
            if lc.is_ascii_alphanumeric() {
                out.push(lc);
            } else if let Some(t) = punct(lc) {
                out.push_str(t);
            } else if lc.is_ascii() {
                out.push(if lc == '.' || lc == '/' { '.' } else { ' ' });
            } else {
                for d in lc.nfkd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    if d.is_ascii_alphanumeric() {
                        out.push(d.to_ascii_lowercase());
                    } else if let Some(t) = punct(d) {
                        out.push_str(t);
                    } else if d.is_alphanumeric() {
                        // Scripts without a table (Thai, Han beyond Extension A, ...) are kept as they are.
                        out.push(d);
                    } else {
                        out.push(' ');
                    }
                }
            }
        }
    }
    out
}

/// [`fold`] of ASCII text, byte by byte: what the character loop does for ASCII, without its per-character
/// lower-casing and decomposition calls (nearly every listed name is ASCII, and loading a list folds each one).
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b if b.is_ascii_alphanumeric() => out.push(b.to_ascii_lowercase() as char),
            b'\'' | b'`' => {}
            b'&' => out.push_str(" and "),
            b'.' | b'/' => out.push('.'),
            _ => out.push(' '),
        }
    }
    out
}

/// Splits folded text into tokens and joins runs of single letters ("s a de c v" → "sa de cv").
pub(crate) fn simple_tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out: Vec<String> = Vec::new();
    // Single letters are joined within a written chunk ("S.A.", "M/s", "P.B."), not across chunks, so that
    // "M/s P.B. Sadr" reads "ms pb sadr" (and the honorific can go), not "mspb sadr".
    for chunk in folded.split(' ') {
        let mut run = String::new();
        for part in chunk.split('.').filter(|p| !p.is_empty()) {
            if part.chars().count() == 1 && part.chars().all(|c| c.is_alphabetic()) {
                run.push_str(part);
                continue;
            }
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(part.to_string());
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII path folds every ASCII character as the character loop does, alone and between letters.
    #[test]
    fn fold_ascii_is_fold_chars() {
        for b in 0u8..128 {
            let c = b as char;
            for s in [c.to_string(), format!("Ab{c}Cd"), format!("{c}{c} x")] {
                assert_eq!(fold_ascii(&s), fold_chars(&s), "{s:?}");
            }
        }
        assert_eq!(fold("M/S. O'Brien & Co-Op"), "m.s. obrien  and  co op");
    }
}
