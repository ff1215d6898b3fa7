//! Holds and lifts on a scored pair from the names' shapes: generic words alone, a registered one-word name,
//! a slip with an agreeing legal form, initials spelt out, legal forms compared.

use super::*;

/// Whether a name is two generic words and nothing else besides articles ("Integrated Solutions", "Global
/// Trading"): many companies bear such a name, and no word of it names one party. A place ("Credit Bank of
/// Moscow") or a third word ("China North Industries Group") makes a name that few parties share.
pub fn all_generic_words(w: &[WTok]) -> bool {
    let content = || w.iter().filter(|t| !t.stopword);
    content().all(|t| t.generic && !t.place) && content().count() == 2
}

/// Whether a name is one generic word once legal forms and articles are set aside ("BV Financial, Inc.",
/// "FINANCIAL CORPORATION, S.A.", "Power REIT"): then equal words are an exact match only when the legal forms
/// agree too ([`same_legal_forms`]); otherwise the names only share a generic word.
pub fn one_generic_word(w: &[WTok]) -> bool {
    let mut content = w.iter().filter(|t| !t.stopword);
    matches!((content.next(), content.next()), (Some(t), None) if t.generic)
}

/// A listed name that is one word and a legal form ("MERCURY LLC", "Loop SA", "OOO Navigator") is that company's
/// whole registered name: a query that adds a word of its own, even a generic one ("Mercury Systems Inc", "Loop
/// Media"), is another company's name, and `s` is held below the threshold. A one-word name written without a
/// legal form is a short form ("Huawei", "DJI") that the full name extends, and stays as scored.
pub fn hold_registered_one_word(s: &mut NameScore, qw: &[WTok], cw: &[WTok], listed: &NormName) {
    let used = s.chosen.iter().filter(|p| p.how != "initials").fold(0u64, |m, p| m | p.q);
    if registered_one_word(s, cw, listed) && extra_word(qw, used | restated(qw, cw)) {
        s.score = ONE_WORD_CAP;
        s.capped = Some("the listed name is one word and a legal form, and the query adds a word of its own");
    }
}

/// The mirror of [`hold_registered_one_word`]: a query that is one word and a legal form ("Largo Inc.", "Seapeak
/// LLC") is that company's whole registered name, and a listed name that adds a word of its own ("LARGO LEASING
/// LTD", "Seapeak Maritime Ltd") is another company's.
pub fn hold_registered_one_word_query(s: &mut NameScore, qw: &[WTok], cw: &[WTok], query: &NormName) {
    let used = s.chosen.iter().filter(|p| p.how != "initials").fold(0u64, |m, p| m | p.c);
    if registered_one_word(s, qw, query) && extra_word(cw, used | restated(cw, qw)) {
        s.score = ONE_WORD_CAP;
        s.capped = Some("the query is one word and a legal form, and the listed name adds a word of its own");
    }
}

/// Whether `w` (the tokens of `n`) is one word and a legal form, and `s` a match not yet held or certain.
fn registered_one_word(s: &NameScore, w: &[WTok], n: &NormName) -> bool {
    s.score > ONE_WORD_CAP
        && s.score < 1.0
        && w.iter().filter(|t| !t.stopword).count() == 1
        && n.ignored.iter().any(|(_, why)| *why == crate::normalize::IgnoreReason::LegalForm)
}

/// The generic words of `w` that the one word of `one` already holds ("LUKOIL OIL COMPANY" / "LUKOIL OAO"): they
/// say again what the registered word says, and are not a word of another company's.
fn restated(w: &[WTok], one: &[WTok]) -> u64 {
    let Some(word) = one.iter().find(|t| !t.stopword) else {
        return 0;
    };
    w.iter().enumerate().take(64).fold(0u64, |m, (i, t)| {
        let held = t.generic && t.text.len() >= 3 && word.text.len() > t.text.len() && word.text.contains(t.text);
        if held {
            m | (1u64 << i)
        } else {
            m
        }
    })
}

/// Whether a word of `w`, besides articles and places, is outside `used`.
fn extra_word(w: &[WTok], used: u64) -> bool {
    w.iter().enumerate().any(|(i, t)| !t.stopword && !t.place && i < 64 && used & (1u64 << i) == 0)
}

/// A slip of the keyboard in a listed name's one distinctive word ([`NameScore::slip_held`]) with a second signal:
/// both names give a legal form, and the same ("OROINO NV" / "OROFINO NV"). Short words one letter apart are as
/// often other names ("Miado" / "Micado" stays held), but two names that agree in their legal form as well are
/// likelier one company's than by chance.
pub fn lift_slip_with_legal_form(s: &mut NameScore, q: &NormName, c: &NormName) {
    let has_form = |n: &NormName| n.ignored.iter().any(|(_, why)| *why == crate::normalize::IgnoreReason::LegalForm);
    if let Some(x) = s.slip_held.take() {
        if has_form(q) && has_form(c) && same_legal_forms(q, c) {
            s.score = x;
            s.capped = None;
        }
    }
}

/// Whether a match rests on the query spelling out the initials of a listed name of one word ("American Eagle
/// Outfitters Inc" / "AEOI"). Against a short form that a list derived from the brackets of a full name ("ATOMIC
/// ENERGY ORGANISATION OF IRAN (AEOI)") this is weak evidence: the entity's own full name would match the full
/// name, and four initials agree by chance across thousands of names.
pub fn spells_out_one_word(s: &NameScore, cw: &[WTok]) -> bool {
    cw.iter().filter(|t| !t.stopword).count() == 1
        && s.chosen.iter().any(|p| p.how == "acronym" && p.c.count_ones() == 1)
}

/// Whether a name is a Chinese name of two syllables, surname and given name ("Wang Wei", "王伟"): the romanisation
/// drops the characters and tones, so thousands of people share each one, and the name alone is held at review
/// ([`COMMON_NAME_CAP`]) unless other evidence agrees (issue #14).
pub fn two_syllables(w: &[WTok]) -> bool {
    let mut content = w.iter().filter(|t| !t.stopword);
    content.clone().count() == 2 && content.all(|t| t.syllabic)
}

/// Whether `query` is written as a person's name ("Martín Gómez": two or three words, a given name first or last, no
/// legal form or company word) and `listed` as a company's (a legal form or a company word: "GOMEZ MARIN LTDA."):
/// many people bear such a name and a company named after one is another party, so the name alone is held at review
/// ([`super::COMMON_NAME_CAP`]), never stop (issue #14). A company written without its legal form ("Lockheed Martin
/// Aeronautics": the given name inside) or a sole proprietor's name with more words is not held.
pub fn person_against_company(query: &NormName, listed: &NormName) -> bool {
    written_as_person(query) && written_as_company(listed)
}

/// The query side of [`person_against_company`] (cheap: the screener asks it before normalising the listed name).
pub fn written_as_person(query: &NormName) -> bool {
    use crate::normalize::{IgnoreReason, Symbol};
    let content: Vec<_> = query.tokens.iter().filter(|t| !t.stopword).collect();
    let given =
        |t: Option<&&crate::normalize::Token>| t.is_some_and(|t| matches!(t.symbol, Some(Symbol::GivenName(_))));
    !written_as_company(query)
        && query.ignored.iter().all(|(_, why)| *why != IgnoreReason::LegalForm)
        && (2..=3).contains(&content.len())
        && (given(content.first()) || given(content.last()))
}

/// Whether a name is written as a company's: a legal form at its edge or a company word.
pub fn written_as_company(n: &NormName) -> bool {
    n.legal_edge || n.tokens.iter().any(|t| t.org)
}

/// Whether two names drop the same legal forms (in any order).
pub fn same_legal_forms(a: &NormName, b: &NormName) -> bool {
    fn forms(n: &NormName) -> Vec<&str> {
        let mut v: Vec<&str> = n
            .ignored
            .iter()
            .filter(|(_, why)| *why == crate::normalize::IgnoreReason::LegalForm)
            .map(|(f, _)| f.as_str())
            .collect();
        crate::sort::sort(&mut v);
        v
    }
    forms(a) == forms(b)
}
