//! One-word short forms of listed names that the text writes as names (src/mentions.rs): in brackets or quotes
//! after a name, as a parsed party's whole name, or as an acronym with a place the entry gives.

use super::{country_after, ALONE_WEIGHT};
use crate::lists::model::EntityKind;
use crate::report::{Hit, PartyReport};
use crate::screener::Screener;
use crate::text::Token;

use super::Casing;

/// Least score of a hit on a one-word short form that the text's brackets or quotes may carry: the screener's hold
/// on a one-word alias ([`crate::score::ONE_WORD_CAP`], or just under a lower threshold).
pub(super) const SHORT_FORM_FLOOR: f64 = crate::score::ONE_WORD_CAP;

/// How the text writes a one-word short form as a name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ShortForm {
    /// Alone in brackets or quotes right after a name.
    Bracketed,
    /// As the whole name of a party the parser read (brackets aside).
    Party,
    /// As an acronym with a place after it in its line; the entry must give that place's country.
    Placed,
}

impl ShortForm {
    pub(super) fn detail(self) -> &'static str {
        match self {
            ShortForm::Bracketed => {
                "the text writes this short form of the listed name in brackets or quotes, right after a name"
            }
            ShortForm::Party => "the order gives this short form of the listed name as a party",
            ShortForm::Placed => "the text writes this short form of the listed name with a place the entry gives",
        }
    }
}

/// Whether a hit's country evidence agrees (the place written with the name is one the entry gives).
pub(super) fn country_agrees(h: &Hit) -> bool {
    h.explanation.evidence.iter().any(|e| e.kind == "country" && e.supports)
}

/// Whether a hit's country evidence disagrees (the party's country is not one the entry gives).
pub(super) fn country_disagrees(h: &Hit) -> bool {
    h.explanation.evidence.iter().any(|e| e.kind == "country" && !e.supports)
}

/// How token `i` is written as a short form, if it is one: an acronym of four capitals or more (in a text not
/// written in capitals) or a word of four letters or more in another script, alone in brackets or quotes, right
/// after a capitalised word of its line ("Radschlepperwerk (MZKT)", "НПО «Ижмаш»"); or an acronym of three
/// capitals or more that is the whole name of `party` (the parsed party it lies in, with its name's words, brackets
/// aside, and each part of it between commas or dashes: "PDVSA", "KRET (…)", "MZKT – Usine de tracteurs à roues de
/// Minsk"), or that a place follows in its line ("DJI in Shenzhen", "MZKT in Minsk").
pub(super) fn short_form(
    text: &str,
    toks: &[Token],
    i: usize,
    casing: Casing,
    party: Option<(&PartyReport, &[String])>,
    ptext: &str,
) -> Option<ShortForm> {
    let t = toks.get(i)?;
    let w = text.get(t.start..t.end).unwrap_or_default();
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let other_script = w.chars().all(|c| c.is_alphabetic() && u32::from(c) >= 0x370);
    let capitals = !casing.shouting && w.chars().all(|c| c.is_ascii_uppercase());
    if bracketed_short_form(text, toks, i, letters, capitals || other_script) {
        return Some(ShortForm::Bracketed);
    }
    let acronym = capitals && letters >= 3 || other_script && letters >= 4;
    if !acronym {
        return None;
    }
    if party.is_some_and(|(p, cores)| p.hits.is_empty() && cores.contains(&t.norm)) {
        return Some(ShortForm::Party);
    }
    (capitals && country_after(ptext, toks, i + 1).is_some()).then_some(ShortForm::Placed)
}

/// How many tokens from `i` are initials written with dots that spell an acronym of three letters or more
/// ("I.R.I.S.L.", "P.A.E.C."): single capitals, a dot right after each (the last one's may be left out), and not
/// the tail of a longer run; 0 if none.
pub(super) fn dotted_initials(text: &str, toks: &[Token], i: usize) -> usize {
    let initial = |j: usize| {
        toks.get(j).is_some_and(|t| {
            let mut c = text.get(t.start..t.end).unwrap_or_default().chars();
            c.next().is_some_and(char::is_uppercase) && c.next().is_none()
        })
    };
    let dot = |j: usize| match (toks.get(j.wrapping_sub(1)), toks.get(j)) {
        (Some(p), Some(t)) => text.get(p.end..t.start) == Some("."),
        _ => false,
    };
    if !initial(i) || (i > 0 && initial(i - 1) && dot(i)) {
        return 0;
    }
    let mut j = i + 1;
    while initial(j) && dot(j) {
        j += 1;
    }
    if j - i >= 3 {
        j - i
    } else {
        0
    }
}

/// How an acronym written as dotted initials (`acronym`, folded, ending before token `end`) is written as a name:
/// the whole name of `party` (or of a part of it between commas or dashes), or with a place after it in its line.
pub(super) fn dotted_short_form(
    acronym: &str,
    toks: &[Token],
    end: usize,
    party: Option<(&PartyReport, &[String])>,
    ptext: &str,
) -> Option<ShortForm> {
    let squeezed = |c: &String| c.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    if party.is_some_and(|(p, cores)| p.hits.is_empty() && cores.iter().any(|c| squeezed(c) == acronym)) {
        return Some(ShortForm::Party);
    }
    country_after(ptext, toks, end).is_some().then_some(ShortForm::Placed)
}

/// Whether token `i` (of `letters` letters, written as an acronym or in another script when `shaped`) stands alone
/// in brackets or quotes right after a capitalised word of its line.
fn bracketed_short_form(text: &str, toks: &[Token], i: usize, letters: usize, shaped: bool) -> bool {
    let (Some(prev), Some(t)) = (i.checked_sub(1).and_then(|p| toks.get(p)), toks.get(i)) else { return false };
    if letters < 4 || !shaped {
        return false;
    }
    let before = text.get(prev.end..t.start).unwrap_or_default();
    let after = toks.get(i + 1).map_or_else(|| text.get(t.end..), |n| text.get(t.end..n.start)).unwrap_or_default();
    let opened = before.trim_end().ends_with(['(', '（', '«', '"', '“', '„']) && !before.contains(['\n', '\r']);
    let closed = after.trim_start().starts_with([')', '）', '»', '"', '”', '“']);
    let named = text
        .get(prev.start..prev.end)
        .and_then(|p| p.chars().next())
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase() && u32::from(c) >= 0x370));
    opened && closed && named
}

/// Whether a hit on a short form is the listed organisation's one-word name or alias, matched whole and as written
/// (or transliterated from another script), not an alias its source calls weak, and a rare word among listed names.
pub(super) fn short_form_hit(s: &Screener, h: &Hit, floor: f64) -> bool {
    let ex = &h.explanation;
    let [p] = ex.pairs.as_slice() else { return false };
    matches!(h.kind, EntityKind::Organization)
        && matches!(p.how.as_str(), "exact" | "transliteration")
        && ex.unmatched_query.is_empty()
        && ex.unmatched_listed.is_empty()
        && ex.alias_strength != Some(crate::lists::model::Strength::Weak)
        && s.index().learnt(&p.listed).unwrap_or(0.0) >= ALONE_WEIGHT
        && h.score >= floor - 1e-9
}

#[cfg(test)]
mod tests {
    use super::dotted_initials;

    #[test]
    fn dotted_initials_spell_an_acronym_of_three_letters_or_more() {
        let count = |text: &str, i: usize| dotted_initials(text, &crate::text::tokens(text), i);
        assert_eq!(count("I.R.I.S.L.", 0), 5);
        assert_eq!(count("Carrier: I.R.I.S.L. Vessel", 1), 5);
        assert_eq!(count("for P.A.E.C project", 1), 4);
        // Not from the middle of a run, not two initials, not initials with spaces or in lower case.
        assert_eq!(count("I.R.I.S.L.", 1), 0);
        assert_eq!(count("J.R. Smith", 0), 0);
        assert_eq!(count("I R I S L", 0), 0);
        assert_eq!(count("i.r.i.s.l.", 0), 0);
    }
}
