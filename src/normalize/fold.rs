//! Step 2 of normalisation: characters folded to lower-case Latin (transliteration, NFKD without marks), and
//! step 3's plain split into tokens.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Transliteration of one non-Latin character, or `None` to fall through to NFKD.
fn translit(c: char) -> Option<&'static str> {
    Some(match c {
        // Russian / Ukrainian / Belarusian (a practical BGN/PCGN-like scheme; variants are bridged by the scorer)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Greek
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        // Arabic and Persian (consonantal skeleton; short vowels are not written)
        'ا' | 'أ' | 'إ' | 'آ' | 'ى' => "a",
        'ب' => "b",
        'پ' => "p",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'چ' => "ch",
        'ح' | 'ه' | 'ة' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'ژ' => "zh",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ض' => "d",
        'ع' | 'ء' | 'ئ' | 'ؤ' => "",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' => "u",
        'ي' | 'ی' => "i",
        // Latin letters that NFKD does not decompose
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        // Apostrophes and ʿayn/hamza marks join ("Xi'an" → "xian", "'ABBAS" → "abbas")
        '\'' | '’' | '‘' | '`' | 'ʻ' | 'ʼ' | 'ʿ' | 'ʾ' | '´' => "",
        '&' => " and ",
        _ => return None,
    })
}

/// Folds text to lower-case Latin: transliteration, NFKD without marks, apostrophes removed, `&` → "and".
/// Everything that is not a letter or digit becomes a space (runs of spaces are kept; tokenizers split them).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase();
        for lc in lower {
            if lc.is_ascii_alphanumeric() {
                out.push(lc);
            } else if let Some(t) = translit(lc) {
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
                    } else if let Some(t) = translit(d) {
                        out.push_str(t);
                    } else if d.is_alphanumeric() {
                        // Scripts without a table (CJK, Hangul, ...) are kept as they are, one token per run.
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
