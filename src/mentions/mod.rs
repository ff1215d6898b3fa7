//! The safety net under the parser, between parsing and the rules: the whole pasted text is screened against the
//! loaded lists, whatever its layout, so that a listed name the parser did not read as a party (written into a
//! sentence, a signature, a letterhead, "they will be forwarded to X in Y") is still found. A listed entry that
//! no parsed party matched becomes a party "named in the text" (role `namedInText`) with its span and its hits;
//! the verdict policy gives it at least a review.
//!
//! How it stays cheap and linear in the text: the text is cut into runs of name-like words (capitalised words and
//! the joiners between them, inside one line and one clause; every word in a text written without capitals), and
//! only windows of at most [`MAX_WINDOW`] words around a *seed* are screened. A seed is a word that some listed
//! name holds and that is rare among listed names (its learnt weight in the index is at least [`SEED_WEIGHT`]),
//! not a company word, a place or a joiner. Each window goes through the matcher's own API
//! ([`Screener::screen_party_brief`], then [`Screener::screen_party`] for the few that hit), so it benefits from
//! every improvement of the matcher; identical windows are screened once. At most [`MAX_QUERIES`] windows are
//! screened per text: past that, the report says the text was screened in part.
//!
//! A window's hit must be at least as strong as a parsed party's, and stronger evidence is asked of a window than
//! of a party the parser read, because a text holds many windows: the listed name's distinctive words must all be
//! in the window, and a single word must be a rare one written as the list writes it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::geo::{geo, PlaceKind};
use crate::lists::model::{AliasKind, EntityKind};
use crate::normalize::{normalize, IgnoreReason, NormName};
use crate::report::{Hit, PartyReport};
use crate::screener::{PartyQuery, Screener};
use crate::text::{self, Token};

/// Longest window screened, in words (listed names longer than this are still found by their first words).
pub(crate) const MAX_WINDOW: usize = 6;
/// A seed's least learnt weight (a word held by few listed names).
pub(crate) const SEED_WEIGHT: f64 = 0.5;
/// A rare word's least learnt weight when it is written alone as a name and is a listed organisation's whole name.
const ALONE_WEIGHT: f64 = 0.7;
/// Most windows screened in one text.
pub(crate) const MAX_QUERIES: usize = 6_000;

/// Joiners that may stand between the words of a name, never at its edge.
const JOINERS: &[&str] = &[
    "of", "and", "for", "the", "de", "del", "der", "des", "du", "da", "di", "do", "dos", "la", "le", "les", "al", "el",
    "ul", "bin", "ibn", "von", "van", "y", "e", "et", "und", "i", "fur",
];

/// Words that never begin or end a listed name, in any case ("To Changzhou Utek ...").
const EDGE_WORDS: &[&str] =
    &["to", "in", "on", "at", "from", "with", "by", "via", "into", "an", "the", "and", "of", "for"];

/// What the safety net found and what it covered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Screened {
    /// One party per listed name found that no parsed party matched (role `namedInText`).
    pub parties: Vec<PartyReport>,
    /// Windows of the text screened against the lists.
    pub windows: usize,
    /// Whether every window was screened (false when [`MAX_QUERIES`] was reached).
    pub complete: bool,
}

/// How the text uses capitals.
#[derive(Clone, Copy, Default)]
struct Casing {
    /// Written without capitals (a chat message): every word may be part of a name.
    caseless: bool,
    /// Written mostly in capitals (a letter of credit, a telex): a word in capitals is no acronym.
    shouting: bool,
}

/// What a word of the text is, for cutting runs and choosing seeds.
#[derive(Clone, Copy, Default)]
struct Word {
    /// Written with a capital (or in a script without case, or a number).
    name_like: bool,
    joiner: bool,
    seed: bool,
    /// A legal form word ("corp", "OOO", "GmbH").
    legal: bool,
    /// Written in lower case in a text with capitals, and a legal form follows it within a window in its clause
    /// ("they go to hassan scientific corp"): part of a run only for windows ending in that legal form.
    lower: bool,
    /// This word and the next, written together, are a seed ("hik vision"): a window of the two is screened as
    /// one word.
    joined: bool,
}

/// How a window is written in its text, for what evidence its hit needs.
#[derive(Clone, Copy, Default)]
struct Context {
    /// It holds words in lower case in a text with capitals (and ends in a legal form).
    lower: bool,
    /// It is one word written as a name: capitalised inside a sentence, or in quotes.
    alone: bool,
    /// A place follows it in its clause ("Universal Enterprises Ltd. in Kowloon", "rockside enterprize, karachi").
    placed: bool,
    /// The name of one of its units follows it, up to the end of its clause ("mahan air cargo dept, IKA airport").
    unit: bool,
    /// It is (part of) a street's name ("27 Heydar Aliyev Ave"): an address, not a party.
    street: bool,
}

/// A window that hit, before overlapping windows are resolved.
struct Found {
    first: usize,
    last: usize,
    score: f64,
}

/// Screens the text, whose [`text::tokens`] are `toks`; `parsed` are the parties the parser read, already screened
/// (their entries are not reported again).
pub(crate) fn screen(s: &Screener, text: &str, toks: &[Token], parsed: &[PartyReport]) -> Screened {
    let mut out = screen_spelling(s, text, text, toks, parsed);
    // A text read by OCR ("Hasan Scient1fic C0rp") is screened once more as repaired: the repair keeps every byte
    // offset, so spans and names stay the text's own; what the first reading found (or the parser's parties with
    // hits) is not reported again.
    if let Some(fixed) = ocr::ocr_repaired(text) {
        let ftoks = text::tokens(&fixed);
        let known: Vec<PartyReport> = parsed
            .iter()
            .chain(&out.parties)
            .map(|p| PartyReport { name: ocr::ocr_repaired(&p.name).unwrap_or_else(|| p.name.clone()), ..p.clone() })
            .collect();
        let more = screen_spelling(s, &fixed, text, &ftoks, &known);
        out.windows += more.windows;
        out.complete &= more.complete;
        out.parties.extend(more.parties);
    }
    // A text with Turkish letters ("Kalaşnikof Konserni") is screened once more as the lists romanise it, in the
    // same way.
    if let Some(respelled) = respell::turkish_respelled(text) {
        let rtoks = text::tokens(&respelled);
        let known: Vec<PartyReport> = parsed
            .iter()
            .chain(&out.parties)
            .map(|p| PartyReport {
                name: respell::turkish_respelled(&p.name).unwrap_or_else(|| p.name.clone()),
                ..p.clone()
            })
            .collect();
        let more = screen_spelling(s, &respelled, text, &rtoks, &known);
        out.windows += more.windows;
        out.complete &= more.complete;
        out.parties.extend(more.parties);
    }
    // A name read with a label before it, in a script without spaces ("发票开给常州联拓…").
    let mut queries = 0;
    for mut p in prefix::screen(s, text, parsed, s.config().stop_threshold, &mut queries) {
        p.hits.retain(|h| {
            !out.parties.iter().flat_map(|q| &q.hits).any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id)
        });
        if !p.hits.is_empty() {
            out.parties.push(p);
        }
    }
    // A listed Han name with the name of one of its units after it ("哈尔滨工业大学 航天学院").
    for mut p in unit::screen(s, text, toks, parsed, s.config().stop_threshold, &mut queries) {
        p.hits.retain(|h| {
            !out.parties.iter().flat_map(|q| &q.hits).any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id)
        });
        if !p.hits.is_empty() {
            out.parties.push(p);
        }
    }
    // A name written in a Romance language's word order ("l'Institut de technologie de Harbin").
    for mut p in romance::screen(s, text, toks, parsed, &mut queries) {
        p.hits.retain(|h| {
            !out.parties.iter().flat_map(|q| &q.hits).any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id)
        });
        if !p.hits.is_empty() {
            out.parties.push(p);
        }
    }
    out.windows += queries;
    crate::sort::sort_by_key(&mut out.parties, |p| p.span.as_ref().and_then(|s| s.start));
    out
}

/// The flag of a text too long to screen whole: the verdict cannot be clear on the part left unscreened.
pub(crate) fn partial_flag(windows: usize) -> crate::report::Flag {
    crate::report::Flag {
        code: "text.screened-in-part".into(),
        severity: crate::report::Severity::Review,
        message: format!(
            "The pasted text holds more candidate names than one screening covers ({windows} were screened against \
             the lists); names further down were not checked. Screen the parties as a batch or in smaller parts."
        ),
        evidence: vec![],
        citation: "export-screen: safety net under the order parser (src/mentions.rs)".into(),
        action: Some("Split the text, or screen its parties as a batch.".into()),
    }
}

mod cases;
mod classify;
mod convincing;
mod ocr;
pub(crate) mod ordinary;
mod prefix;
mod respell;
mod romance;
mod short;
mod spelling;
mod unit;
mod words;

use classify::{breaks_between, classify, country_after, places_before, runs};
use convincing::convincing;
use short::{country_agrees, country_disagrees, short_form, short_form_hit, ShortForm, SHORT_FORM_FLOOR};
use spelling::screen_spelling;
pub(crate) use words::without_brackets;
use words::{acronym_written, bracketed_parts, bracketed_words, only_places, parts, written_as_name};
#[cfg(test)]
mod tests;
