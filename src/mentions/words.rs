//! Words of the safety net's texts and names: acronyms, bracketed parts, capitals (src/mentions.rs).

use crate::text;

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
