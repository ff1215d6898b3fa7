//! The writer introducing themselves: "hello, Farid from Caspian Tech Supply, Baku", "this is Reza from Van Sınır
//! Ticaret Ltd.", "le escribe Rosa de Acabados Miraflores S.A.C." (the customer writing).

use super::labels::{is_in, labels};
use super::prose::{capitalised, prose_party};
use super::Parser;
use crate::geo::{geo, PlaceKind};
use crate::text;

/// Words that may stand before the writer's name when they introduce themselves (folded): greetings, "this is",
/// "my name is", "le escribe", "je suis", "меня зовут".
const INTRO_WORDS: &[&str] = &[
    "this",
    "is",
    "it",
    "s",
    "i",
    "am",
    "im",
    "my",
    "name",
    "le",
    "les",
    "escribe",
    "escribo",
    "escribimos",
    "soy",
    "mi",
    "nombre",
    "es",
    "je",
    "suis",
    "c",
    "est",
    "ich",
    "bin",
    "ben",
    "это",
    "меня",
    "зовут",
    "я",
];

/// An introduction word or a word of a greeting (src/data/labels.toml `greetings`: "Guten Tag, ich bin ...").
fn intro_word(w: &str) -> bool {
    INTRO_WORDS.contains(&w) || is_in(&labels().greeting_words, w)
}

/// The word that ties the writer to the company they write for: "Farid from Caspian Tech Supply", "Rosa de
/// Acabados Miraflores", "Андрей из компании ...".
const INTRO_LINKS: &[&str] = &["from", "of", "at", "de", "von", "из"];

/// Verbs of writing that may introduce the company the writer writes from ("les escribo de Iberia Sourcing").
const WRITING: &[&str] = &[
    "escribo",
    "escribe",
    "escribimos",
    "writing",
    "write",
    "ecris",
    "ecrivons",
    "schreibe",
    "schreiben",
    "пишу",
    "пишем",
];

/// Courtesy titles before a surname (folded): English, German, French, Spanish, Italian, Dutch.
const TITLES: &[&str] =
    &["mr", "mrs", "ms", "dr", "herr", "frau", "m", "mme", "mlle", "sr", "sra", "srta", "sig", "dhr", "mevr"];

/// Words after the company that end an introduction without naming the company ("Farid from sales").
const INTRO_HERE: &[&str] = &["here", "writing", "speaking", "calling"];

/// Words that open the verb of ordering after its subject (folded): "would like to order", "wishes to purchase",
/// "hereby orders", "souhaite commander", "desea comprar".
const ORDERING_OPEN: &[&str] = &[
    "would",
    "wishes",
    "wish",
    "hereby",
    "intends",
    "plans",
    "confirms",
    "souhaite",
    "voudrait",
    "confirme",
    "desea",
    "quisiera",
    "confirma",
    "möchte",
    "mochte",
    "bestätigt",
    "bestatigt",
];

/// Verbs of ordering (folded), within four words of [`ORDERING_OPEN`]: "order", "purchase", "go ahead with".
const ORDERING_VERBS: &[&str] = &[
    "order",
    "orders",
    "purchase",
    "purchases",
    "buy",
    "procure",
    "ahead",
    "commander",
    "acheter",
    "pedir",
    "comprar",
    "bestellen",
    "kaufen",
];

/// Words that may stand between the subject's name and its verb, with place names: "St. Cyprian's School in Kumasi,
/// Ghana would like to order".
const SUBJECT_PLACE_WORDS: &[&str] = &["in", "at", "of", "from", "en", "à", "a", "de", "aus"];

impl Parser<'_> {
    /// A letter whose sentence has the ordering organisation as its subject: "St. Cyprian's Senior High School in
    /// Kumasi, Ghana would like to order thirty microscopes", "Pesquera Reloncaví S.A. would like to go ahead with
    /// ...". The subject (capitalised words, after the start of the sentence or of a clause, a place written after
    /// it) is the buyer, when no buyer or end user was read. "Our clinic SmileDent Medical Centre LLP (Almaty,
    /// Kazakhstan) confirms the order": a possessive and a common noun may stand before the name.
    pub(super) fn ordering_subject(&mut self) {
        if self.order.parties.iter().any(|p| matches!(p.role.as_str(), "buyer" | "endUser")) {
            return;
        }
        let (text, toks) = (self.text, self.toks);
        let g = geo();
        for (s, e) in text::sentences(text) {
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            let Some(v) = (a + 1..b).find(|&k| {
                toks.get(k).is_some_and(|t| ORDERING_OPEN.contains(&t.norm.as_str()))
                    && toks
                        .get(k + 1..(k + 5).min(b))
                        .is_some_and(|w| w.iter().any(|t| ORDERING_VERBS.contains(&t.norm.as_str())))
            }) else {
                continue;
            };
            if self.is_consumed(s) {
                continue;
            }
            // Where the subject may start: the sentence's start and each word after a comma, nearest first,
            // within sixteen words of the verb.
            let starts = (a.max(v.saturating_sub(16))..v).rev().filter(|&k| {
                k == a
                    || match (toks.get(k - 1), toks.get(k)) {
                        (Some(x), Some(y)) => text.get(x.end..y.start).is_some_and(|gap| gap.contains(',')),
                        _ => false,
                    }
            });
            let verb_at = toks.get(v).map_or(e, |t| t.start);
            for k in starts {
                // "Our clinic SmileDent ...": the name after the possessive and its noun.
                let own_noun = toks.get(k).is_some_and(|t| is_in(&labels().possessives, &t.norm))
                    && toks
                        .get(k + 1)
                        .is_some_and(|t| !capitalised(text, t) && t.norm.chars().all(char::is_alphabetic));
                let k = if own_noun { k + 2 } else { k };
                let Some(mut party) = prose_party(text, toks, k, v, "buyer") else { continue };
                // A place after a comma ("(Almaty, Kazakhstan) confirms ...") is not the subject.
                let mut unplaced = party.name.clone();
                for f in g.places_in(&party.name).into_iter().rev() {
                    unplaced.replace_range(f.start..f.end, " ");
                }
                if text::words(&unplaced).is_empty() {
                    continue;
                }
                let Some(name_end) = party.span.as_ref().and_then(|x| x.end) else { continue };
                let named_at_start = party.span.as_ref().and_then(|x| x.start) == toks.get(k).map(|t| t.start);
                // Between the name and the verb: only places and the words that join them to the name.
                let gap = text.get(name_end..verb_at).unwrap_or_default();
                let mut rest = gap.to_string();
                for f in g.places_in(gap).into_iter().rev() {
                    rest.replace_range(f.start..f.end, " ");
                }
                let only_places = text::words(&rest).iter().all(|w| SUBJECT_PLACE_WORDS.contains(&w.as_str()));
                if !named_at_start || !only_places {
                    continue;
                }
                if party.country.is_none() {
                    party.country = g.country_of(gap);
                }
                party.descriptor = Some("the subject of the sentence that orders".into());
                self.weak.push(text::words(&party.name).join(" "));
                self.add_party(party);
                return;
            }
        }
    }

    /// The writer introducing themselves at the start of a message or letter: "hello, Farid from Caspian Tech
    /// Supply, Baku", "this is Reza from Van Sınır Ticaret Ltd.", "Asif here from Rockside Enterprise", "le escribe
    /// Rosa de Acabados Miraflores S.A.C." The company is the customer writing (the buyer), unless a party of the
    /// same name was read already. Only the words before the link may be greetings, introduction words and at most
    /// three capitalised words of a person's name, so "goods from Germany" or "payment from a UAE company" are not
    /// introductions.
    pub(super) fn introductions(&mut self) {
        let text = self.text;
        let toks = self.toks;
        for i in 0..self.lines.len() {
            let (s, e) = self.lines.get(i).copied().unwrap_or_default();
            if self.is_consumed(s) || e <= s {
                continue;
            }
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            // Capitalised words since the last introduction word (a person's name, at most three), and in all: in
            // "Good morning Mr Weber, this is Jean-Bosco from ..." the addressee's name comes before "this is".
            let mut names = 0;
            let mut named = 0;
            let mut here = false;
            let mut j = a;
            let link = loop {
                let Some(t) = toks.get(j).filter(|_| j < b && j < a + 14) else { break None };
                let w = t.norm.as_str();
                // "Farid from ...", and "les escribo de ...", "writing from ..." (a verb of writing before the link).
                let wrote = j > a && toks.get(j - 1).is_some_and(|p| WRITING.contains(&p.norm.as_str()));
                // "Dear Mr. de Vries", "Sehr geehrter Herr von Arnim": after a courtesy title, "de" and "von" are part
                // of a surname, not the link to a company.
                let titled = j > a && toks.get(j - 1).is_some_and(|p| TITLES.contains(&p.norm.as_str()));
                if INTRO_LINKS.contains(&w) && (named > 0 || wrote) && !titled {
                    break Some(j);
                }
                if INTRO_HERE.contains(&w) && named > 0 {
                    here = true;
                } else if intro_word(w) && !(names > 0 && capitalised(text, t) && w.len() > 2) {
                    names = 0;
                } else if capitalised(text, t) && names < 3 && named < 6 && !w.chars().any(|c| c.is_ascii_digit()) {
                    names += 1;
                    named += 1;
                } else {
                    break None;
                }
                j += 1;
            };
            let Some(link) = link else { continue };
            // "Farid from Caspian ...": a bare "Name from" opens the message, or an introduction word is there.
            let introduced = here || toks.get(a..link).is_some_and(|ts| ts.iter().any(|t| intro_word(&t.norm)));
            if !introduced && !here {
                continue;
            }
            let end = toks.partition_point(|t| t.start < e).min(b);
            let Some(mut party) = prose_party(text, toks, link + 1, end, "buyer") else { continue };
            let key = text::words(&party.name).join(" ");
            if self.order.parties.iter().any(|p| text::words(&p.name).join(" ") == key) {
                continue;
            }
            // An address follows the company on the line: its last place is the country ("calle del Espíritu
            // Santo 12, Madrid").
            let rest = text.get(party.span.as_ref().and_then(|x| x.end).unwrap_or(e).min(e)..e).unwrap_or_default();
            if let Some(c) = geo()
                .places_in(rest)
                .into_iter()
                .rev()
                .find(|f| f.value.kind != PlaceKind::Adjective)
                .map(|f| f.value.code)
            {
                party.country = Some(c);
            }
            party.descriptor = Some("the writer introduces themselves as from this company".into());
            self.weak.push(key);
            self.add_party(party);
            return;
        }
    }
}
