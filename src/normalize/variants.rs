//! Step 1 of normalisation: the names a published name (or a query) holds: bracketed acronyms, "a.k.a.",
//! "and subordinate entity".

use super::normalize;
use super::tables::tables;
use crate::config::{MAX_NAME_VARIANTS, MAX_VARIANT_DEPTH};

/// Byte position of an ASCII `marker` in `lower` (the name, ASCII-lower-cased: every byte stays where it was) that
/// starts a word ("aka " is found in "x aka y", not in "kaka y"); always a char boundary of the name.
fn find_ci(lower: &str, marker: &str) -> Option<usize> {
    let word_marker = marker.starts_with(|m: char| m.is_ascii_alphanumeric());
    lower
        .match_indices(marker)
        .map(|(i, _)| i)
        .find(|&i| !word_marker || !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

const MARKERS: [&str; 9] = [
    ", and subordinate entity ",
    " and subordinate entity ",
    "subordinate institution -",
    "affiliated entity:",
    "a.k.a.",
    "f.k.a.",
    "n.k.a.",
    "aka ",
    "fka ",
];

/// Whether `lower` holds one of [`MARKERS`]. Nearly no name does, so one pass over its bytes first looks for three
/// letters that every marker holds one of ("k.a", "ka ", "bor" of "subordinate", "lia" of "affiliated"), and only a
/// name that has them is searched for each marker.
fn has_marker(lower: &str) -> bool {
    lower.as_bytes().windows(3).any(|w| matches!(w, b"k.a" | b"ka " | b"bor" | b"lia"))
        && MARKERS.iter().any(|m| lower.contains(m))
}

/// Whether `s` holds an opening bracket of [`OPEN`] (the full-width ones only in text that is not ASCII).
fn has_bracket(s: &str) -> bool {
    s.bytes().any(|b| b == b'(' || b == b'[') || !s.is_ascii() && s.contains(OPEN)
}

/// Opening and closing brackets, with the full-width ones of Chinese and Japanese text ("（青岛中融通贸易发展有限公司）").
const OPEN: [char; 5] = ['(', '[', '（', '［', '【'];
const CLOSE: [char; 5] = [')', ']', '）', '］', '】'];

/// The names a published name stands for: itself without bracketed parts, each bracketed part that looks like a
/// name or acronym, the parts of "X, a.k.a. Y" / "X (f.k.a. Y)", and the subordinate of "X, and subordinate
/// entity Y" / "X. Affiliated Entity: Y". The first element is the main name.
pub fn name_variants(published: &str) -> Vec<String> {
    variants(published, true, 0)
}

/// The names a query stands for: as [`name_variants`], but bracketed parts stay out: on an order they are
/// usually a place or a short form ("(HK)", "(Pvt)") that would match unrelated entries on their own.
pub fn query_variants(query: &str) -> Vec<String> {
    variants(query, false, 0)
}

/// `depth`: how many markers were split off above (past [`MAX_VARIANT_DEPTH`] the rest stays one name, and at most
/// [`MAX_NAME_VARIANTS`] names are kept, so that a name of thousands of markers costs time linear in its length).
fn variants(published: &str, brackets: bool, depth: usize) -> Vec<String> {
    let s = published.trim();
    let lower = s.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        let v = v.trim().trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c == ':' || c.is_whitespace());
        let v = v.strip_prefix("and ").unwrap_or(v).trim();
        if out.len() < MAX_NAME_VARIANTS
            && v.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && !out.iter().any(|o| o == v)
        {
            out.push(v.to_string());
        }
    };
    // Most names hold one name: no brackets, no markers.
    if depth >= MAX_VARIANT_DEPTH || !has_bracket(s) && !has_marker(&lower) {
        push(s);
        if out.is_empty() && !s.is_empty() {
            out.push(s.to_string());
        }
        return out;
    }

    // Compound Entity List names: "X (ABC), and subordinate entity Y (DEF)", "X.  Subordinate Institution - Y",
    // "X.  Affiliated Entity:  Y".
    for marker in
        [", and subordinate entity ", " and subordinate entity ", "subordinate institution -", "affiliated entity:"]
    {
        if let Some(pos) = find_ci(&lower, marker) {
            let (head, tail) = (&s[..pos], &s[pos + marker.len()..]);
            for v in variants(tail, brackets, depth + 1) {
                push(&v);
            }
            for v in variants(head, brackets, depth + 1) {
                push(&v);
            }
            return out;
        }
    }
    // "X, a.k.a. Y" / "X a.k.a. Y" / "X (f.k.a. Y)".
    for marker in ["a.k.a.", "f.k.a.", "n.k.a.", "aka ", "fka "] {
        if let Some(pos) = find_ci(&lower, marker) {
            if pos > 0 {
                let head = s[..pos].trim_end_matches(['(', ',', ' ', ';']);
                let tail = s[pos + marker.len()..].trim_matches([')', ',', ' ', ':']);
                for v in variants(head, brackets, depth + 1) {
                    push(&v);
                }
                for part in tail.split(';').take(MAX_NAME_VARIANTS) {
                    for v in variants(part, brackets, depth + 1) {
                        push(&v);
                    }
                }
                return out;
            }
        }
    }

    // Bracketed parts: removed from the main name, and kept as names of their own when they carry a
    // distinctive word (an acronym such as "PAEC"; not "(HK)", "(Pvt.)" or "(Shenzhen)").
    let mut main = String::new();
    // Each bracketed part, with where the main name stood when it closed.
    let mut inner: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            c if OPEN.contains(&c) => {
                if depth == 0 {
                    cur.clear();
                } else {
                    cur.push(c);
                }
                depth += 1;
            }
            c if CLOSE.contains(&c) && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    // A place in brackets stays in the name ("Panda Electronics (Nanjing) Co." is the Nanjing
                    // company): place names weigh little, and they tell a group's companies apart.
                    let n = normalize(&cur);
                    main.push(' ');
                    if !n.tokens.is_empty() && n.tokens.iter().all(|t| t.place) {
                        main.push_str(&cur);
                        main.push(' ');
                    }
                    inner.push((std::mem::take(&mut cur), main.len()));
                } else {
                    cur.push(c);
                }
            }
            _ if depth > 0 => cur.push(c),
            _ => main.push(c),
        }
    }
    let whole = main.split_whitespace().collect::<Vec<_>>().join(" ");
    push(&whole);
    if brackets {
        for (i, at) in inner.into_iter().take(MAX_NAME_VARIANTS) {
            let n = normalize(&i);
            let legal_word = |w: &str| tables().legal.iter().any(|(f, _)| f.len() == 1 && f[0] == w);
            if n.tokens.iter().any(|t| !t.generic && !t.stopword && !legal_word(&t.text)) && n.ignored.is_empty() {
                // An acronym stands for the words before it: the words after it still belong to the name
                // ("Islamic Revolutionary Guard Corps Quds Force (IRGC-QF) Unit 6000" is "IRGC-QF Unit 6000", not
                // "IRGC-QF", which every unit of the force would share).
                let tail = main.get(at..).unwrap_or("");
                if normalize(tail).tokens.iter().any(|t| !t.stopword) {
                    push(&format!("{i} {}", tail.split_whitespace().collect::<Vec<_>>().join(" ")));
                } else {
                    push(&i);
                }
            }
        }
    }
    if out.is_empty() && !s.is_empty() {
        out.push(s.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass checks find every marker and bracket that the plain searches find.
    #[test]
    fn quick_checks_are_the_plain_searches() {
        let mut texts = vec!["acme ltd".to_string(), "kaka kabul".into(), "（青岛）".into(), "x [y]".into()];
        for m in MARKERS {
            texts.push(m.to_string());
            texts.push(format!("x{m}y"));
        }
        for t in &texts {
            assert_eq!(has_marker(t), MARKERS.iter().any(|m| t.contains(m)), "{t:?}");
            assert_eq!(has_bracket(t), t.contains(OPEN), "{t:?}");
        }
        assert!(has_bracket("a （b）") && !has_bracket("a b") && has_marker("x a.k.a. y") && !has_marker("kaka"));
    }
}
