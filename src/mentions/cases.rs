//! Russian nouns written in another case than the lists write them (src/mentions.rs). A list writes a name in
//! the nominative ("Концерн Калашников"); a sentence declines the noun that heads it ("станки стоят на концерне
//! Калашников", "для концерна", "с корпорацией"). A word in lower case in Cyrillic right before a name is read in
//! its nominative when that form is a word the loaded lists hold: the window is screened under it. The endings are
//! data: `[[declension]]` in `src/data/ordinary.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{breaks_between, Word};
use crate::normalize::normalize;
use crate::screener::Screener;
use crate::text::Token;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct DeclensionFile {
    #[serde(default)]
    declension: Vec<Declension>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct Declension {
    #[serde(default)]
    nominative: String,
    #[serde(default)]
    oblique: Vec<String>,
}

crate::data::readable!(DeclensionFile { declension: default });
crate::data::readable!(Declension { nominative: default, oblique: default });

/// Endings of the singular oblique cases and the nominative ending each replaces, by declension, in the order
/// tried (`[[declension]]` in `src/data/ordinary.toml`, which cites the grammar they are from).
fn endings() -> &'static [(String, String)] {
    static E: OnceLock<Vec<(String, String)>> = OnceLock::new();
    E.get_or_init(|| {
        // The file is ours and covered by tests; a broken file yields no endings rather than a panic in the wasm.
        let file = crate::data::read_embedded::<DeclensionFile>(crate::data::ORDINARY.text())
            .unwrap_or(DeclensionFile { declension: Vec::new() });
        file.declension
            .into_iter()
            .flat_map(|d| {
                let nom = d.nominative;
                d.oblique.into_iter().map(move |o| (o, nom.clone()))
            })
            .collect()
    })
}

/// The nominative of a Russian noun written in an oblique case, when the loaded lists hold that form: a word of
/// Cyrillic lower-case letters, its stem three letters or more.
pub(super) fn nominative(s: &Screener, word: &str) -> Option<String> {
    if !word.chars().all(|c| ('\u{0430}'..='\u{044f}').contains(&c) || c == 'ё') {
        return None;
    }
    let index = s.index();
    endings().iter().find_map(|(end, nom)| {
        let stem = word.strip_suffix(end.as_str())?;
        if stem.chars().count() < 3 {
            return None;
        }
        let form = format!("{stem}{nom}");
        let n = normalize(&form);
        let [t] = n.tokens.as_slice() else { return None };
        (!t.stopword && index.learnt(&t.text).is_some()).then_some(form)
    })
}

/// Per token: the nominative under which a declined word heading a name is screened ("концерне" before
/// "Калашников" is screened as "концерн"); such a word becomes part of the name's run.
pub(super) fn declined_heads(s: &Screener, text: &str, toks: &[Token], words: &mut [Word]) -> Vec<Option<String>> {
    let mut out = vec![None; toks.len()];
    for i in 0..toks.len().saturating_sub(1) {
        let next = words.get(i + 1).is_some_and(|w| w.name_like && !w.joiner);
        if !next || words.get(i).is_some_and(|w| w.joiner) || breaks_between(text, toks, i + 1, words) {
            continue;
        }
        let Some(t) = toks.get(i) else { break };
        let Some(form) = text.get(t.start..t.end).and_then(|w| nominative(s, w)) else { continue };
        if let Some(w) = words.get_mut(i) {
            w.name_like = true;
        }
        if let Some(x) = out.get_mut(i) {
            *x = Some(form);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::endings;

    #[test]
    fn the_endings_are_read_from_the_data_file_in_order() {
        let e = endings();
        let at = |end: &str, nom: &str| e.iter().position(|(o, n)| o == end && n == nom);
        for (end, nom) in [("ией", "ия"), ("ии", "ия"), ("ия", "ие"), ("ом", ""), ("а", ""), ("ой", "а"), ("ы", "а")]
        {
            assert!(at(end, nom).is_some(), "{end} → {nom}");
        }
        // "-ии" is read as a feminine in -ия before a neuter in -ие; "-е" as a hard-stem masculine before a
        // feminine in -а.
        assert!(at("ии", "ия") < at("ии", "ие"));
        assert!(at("е", "") < at("е", "а"));
    }
}
