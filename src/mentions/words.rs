//! Words of the safety net's texts and names: acronyms, bracketed parts, capitals (src/mentions.rs).

use crate::text::{self, Token};

/// Whether a word of `written` is written as an acronym: three letters or more, all capitals ("HESA", "P.A.E.C.").
pub(super) fn acronym_written(written: &str) -> bool {
    written.split_whitespace().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    })
}

/// The words a listed name writes in brackets (its acronym or short form), folded.
pub(super) fn bracketed_words(name: &str) -> Vec<String> {
    bracketed_parts(name).into_iter().flat_map(text::words).map(|w| text::fold(&w)).collect()
}

/// What a name writes in brackets, each bracketed part as written.
pub(super) fn bracketed_parts(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = name;
    while let Some(open) = rest.find(['(', '（']) {
        let after = rest.get(open..).unwrap_or_default();
        let skip = after.chars().next().map(char::len_utf8).unwrap_or(1);
        let inner = after.get(skip..).unwrap_or_default();
        let close = inner.find([')', '）']).unwrap_or(inner.len());
        out.push(inner.get(..close).unwrap_or_default());
        rest = inner.get(close..).unwrap_or_default();
        if rest.is_empty() {
            break;
        }
        rest = rest.get(rest.chars().next().map(char::len_utf8).unwrap_or(1)..).unwrap_or_default();
    }
    out
}

/// The parts of a name between commas, or between dashes written with a space on each side ("MZKT – Usine de
/// tracteurs à roues de Minsk", "Rosoboronexport - Moscow"); none for a name of one part. A hyphen inside a word
/// ("Military-Industrial") cuts nothing.
pub(super) fn parts(name: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for part in name.split([',', '，']) {
        let mut rest = part;
        while let Some((at, dash)) = [" – ", " — ", " - "].iter().filter_map(|d| rest.find(d).map(|a| (a, *d))).min()
        {
            out.push(rest.get(..at).unwrap_or_default());
            rest = rest.get(at + dash.len()..).unwrap_or_default();
        }
        out.push(rest);
    }
    out.retain(|p| !p.trim().is_empty());
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// A name without its bracketed parts ("Optolink (Оптолинк)" → "Optolink").
pub(crate) fn without_brackets(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether token `i` is written as a name on its own: capitalised after another word of its sentence and line
/// ("they go to Hikvision warehouse"), or in quotes ("«Optolink»", "\"Optolink\"").
pub(super) fn written_as_name(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    let before = i.checked_sub(1).and_then(|p| toks.get(p)).map_or("", |p| text.get(p.end..t.start).unwrap_or(""));
    let after =
        toks.get(i + 1).map_or_else(|| text.get(t.end..).unwrap_or(""), |n| text.get(t.end..n.start).unwrap_or(""));
    let quoted = before.trim_end().ends_with(['"', '“', '«', '„', '\''])
        && after.trim_start().starts_with(['"', '”', '»', '“', '\'']);
    let capitalised = text.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let mid_sentence = i > 0 && !before.contains(['\n', '\r', '.', '!', '?', ':', ';', '(', '[', '\t']);
    quoted || (capitalised && mid_sentence)
}

/// Whether every word of `written` belongs to a place name of the gazetteer ("São Paulo", "Buenos Aires").
pub(super) fn only_places(written: &str) -> bool {
    let toks = text::tokens(written);
    let places = crate::geo::geo().places_in_tokens(written, &toks);
    (0..toks.len()).all(|i| places.iter().any(|p| p.first <= i && i < p.last))
}

#[cfg(test)]
mod tests {
    use super::parts;

    #[test]
    fn parts_of_a_name_between_commas_and_spaced_dashes() {
        assert_eq!(
            parts("MZKT – Usine de tracteurs à roues de Minsk"),
            ["MZKT", "Usine de tracteurs à roues de Minsk"]
        );
        assert_eq!(parts("ACME - Moscow branch, Russia"), ["ACME", "Moscow branch", " Russia"]);
        assert_eq!(parts("China Academy, Institute — Mianyang"), ["China Academy", " Institute", "Mianyang"]);
        // A hyphen inside a word cuts nothing; a name of one part has no parts.
        assert!(parts("Military-Industrial Corporation").is_empty());
        assert!(parts("Rosoboronexport").is_empty());
    }
}
