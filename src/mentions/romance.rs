//! A listed name written in the word order of French, Spanish, Italian or Portuguese: the lists write "Harbin
//! Institute of Technology", "Minsk Wheel Tractor Plant" or "Chashma Nuclear Power Plant", a French or Spanish
//! text writes "l'Institut de technologie de Harbin", "la Planta de Tractores de Ruedas de Minsk", "la centrale
//! nucléaire de Chashma": the proper name comes last, after "de", and the words before it are often in lower case,
//! so no run of capitalised words holds the name. Each "de Y" where Y is a place or a rare listed word written with
//! a capital ends a few windows (the up to [`MAX_WINDOW`] words before it, in its clause), each screened as "Y"
//! followed by its words (their translations are the index's canonical forms: "institut" is "institute",
//! "technologie" "technology"). A hit stands only when it is an organisation's listed name written whole: every
//! word of the window matched as the list writes it (or its canonical form), at least three of them, nothing of the
//! listed name left out but company words.

use rustc_hash::FxHashMap as HashMap;

use super::classify::{breaks_between, is_seed};
use super::MAX_WINDOW;
use crate::geo::{geo, PlaceKind};
use crate::lists::model::EntityKind;
use crate::normalize::normalize;
use crate::report::{Hit, PartyReport};
use crate::screener::{PartyQuery, Screener};
use crate::text::{self, Token};

/// The joiners that put a proper name after the words it qualifies ("de", "di", "del", "du", "da", "do").
const OF: &[&str] = &["de", "di", "del", "du", "da", "do", "della", "dello", "dos", "das"];

/// Least score of a hit found so.
const LEAST: f64 = 0.9;

/// The names written in a Romance language's word order in `text` (whose tokens are `toks`), as parties named in the
/// text; `queries` counts the windows screened.
pub(super) fn screen(
    s: &Screener,
    text: &str,
    toks: &[Token],
    parsed: &[PartyReport],
    queries: &mut usize,
) -> Vec<PartyReport> {
    let mut out: Vec<PartyReport> = Vec::new();
    if s.index().is_empty() || !toks.iter().any(|t| OF.contains(&t.norm.as_str())) {
        return out;
    }
    let ptext = text::title_case(text);
    // Places by their first token: one past their last token and their country.
    let mut places: HashMap<usize, (usize, String)> = HashMap::default();
    for p in geo().places_in_tokens(&ptext, toks) {
        if p.value.kind != PlaceKind::Adjective {
            places.insert(p.first, (p.last, p.value.code));
        }
    }
    // The best score a parsed party got on each entry: what is found again must be stronger.
    let mut known: HashMap<(&str, &str), f64> = HashMap::default();
    for h in parsed.iter().flat_map(|p| p.hits.iter()) {
        let best = known.entry((h.list_id.as_str(), h.entry_id.as_str())).or_insert(h.score);
        *best = best.max(h.score);
    }
    let stop = s.config().stop_threshold;
    let strong: Vec<(usize, usize)> = parsed
        .iter()
        .filter(|p| p.hits.iter().any(|h| h.score >= stop))
        .filter_map(|p| p.span.as_ref().and_then(|sp| Some((sp.start?, sp.end?))))
        .collect();
    let mut seeds: HashMap<String, bool> = HashMap::default();
    let mut memo: HashMap<String, Vec<Hit>> = HashMap::default();
    let written = |t: &Token| text.get(t.start..t.end).unwrap_or_default();
    let capital = |t: &Token| written(t).chars().next().is_some_and(char::is_uppercase);
    for j in 1..toks.len() {
        let (Some(of), Some(y)) = (toks.get(j), toks.get(j + 1)) else { break };
        if !OF.contains(&of.norm.as_str()) || breaks_between(text, toks, j + 1, &[]) {
            continue;
        }
        // Y: a place, or a rare listed word written with a capital.
        let (end, country) = match places.get(&(j + 1)) {
            Some((last, code)) => (*last, Some(code.clone())),
            None if capital(y) && is_seed(&mut seeds, s, y, written(y)) => (j + 2, None),
            None => continue,
        };
        let (Some(first_y), Some(last_y)) = (toks.get(j + 1), toks.get(end - 1)) else { continue };
        let proper = text.get(first_y.start..last_y.end).unwrap_or_default();
        // The words before "de Y", nearest first, in its clause; elided articles ("l'", "d'") left out.
        let mut words: Vec<&str> = Vec::new();
        let mut best: Option<(usize, Vec<Hit>)> = None;
        let mut k = j;
        while k > 0 && !breaks_between(text, toks, k, &[]) {
            k -= 1;
            let Some(t) = toks.get(k) else { break };
            let w = written(t);
            if w.chars().count() < 2 {
                continue;
            }
            words.insert(0, w);
            if words.iter().filter(|w| !OF.contains(&text::fold(w).as_str())).count() > MAX_WINDOW {
                break;
            }
            // A window begins with a word of the name, not with an article or a joiner.
            let lead = text::fold(w);
            if super::JOINERS.contains(&lead.as_str()) || super::EDGE_WORDS.contains(&lead.as_str()) {
                continue;
            }
            if strong.iter().any(|&(a, b)| t.start < b && last_y.end > a) {
                break;
            }
            let name = format!("{proper} {}", words.join(" "));
            let hits = match memo.get(&name) {
                Some(h) => h.clone(),
                None => {
                    if *queries >= super::MAX_QUERIES {
                        return out;
                    }
                    *queries += 1;
                    let q = PartyQuery { name: name.clone(), country: country.clone(), ..PartyQuery::default() };
                    let hits: Vec<Hit> = if s.screen_party_brief(&q).best.is_some() {
                        s.screen_party(&q).hits.into_iter().filter(written_whole).collect()
                    } else {
                        Vec::new()
                    };
                    memo.insert(name, hits.clone());
                    hits
                }
            };
            if !hits.is_empty() {
                best = Some((k, hits));
            }
        }
        let Some((k, hits)) = best else { continue };
        let hits: Vec<Hit> = hits
            .into_iter()
            .filter(|h| known.get(&(h.list_id.as_str(), h.entry_id.as_str())).is_none_or(|&b| h.score > b + 1e-9))
            .filter(|h| !out.iter().flat_map(|p| &p.hits).any(|o| o.list_id == h.list_id && o.entry_id == h.entry_id))
            .collect();
        let Some(start) = toks.get(k).map(|t| t.start) else { continue };
        if hits.is_empty() {
            continue;
        }
        out.push(PartyReport {
            role: "namedInText".into(),
            name: text.get(start..last_y.end).unwrap_or_default().to_string(),
            country,
            address: None,
            hits,
            span: Some(text::span(text, start, last_y.end)),
        });
    }
    out
}

/// Whether a hit is an organisation's listed name written whole: every word of the window matched, as the list
/// writes it or in its canonical form, at least three; nothing of the listed name left out but company words.
fn written_whole(h: &Hit) -> bool {
    let ex = &h.explanation;
    let content = |t: &String| normalize(t).tokens.iter().any(|n| !n.generic && !n.stopword);
    matches!(h.kind, EntityKind::Organization)
        && h.score >= LEAST
        && ex.pairs.len() >= 3
        && ex.pairs.iter().all(|p| matches!(p.how.as_str(), "exact" | "synonym"))
        && !ex.unmatched_query.iter().any(|t| normalize(t).tokens.iter().any(|n| !n.stopword))
        && !ex.unmatched_listed.iter().any(content)
}

#[cfg(test)]
mod tests {
    use crate::{Config, OrderInput, Screener};

    /// The parties named in the text with the entry of their best hit.
    fn named(text: &str) -> Vec<(String, String)> {
        let s = Screener::new(Config::default()).expect("screener");
        let r = s.screen_order(&OrderInput::Text(text.to_string())).expect("report");
        r.parties
            .iter()
            .filter(|p| !p.hits.is_empty())
            .map(|p| (p.name.clone(), p.hits.first().map(|h| h.entry_id.clone()).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_name_written_in_french_word_order_is_found() {
        let found =
            named("Bonjour, le client final c'est l'Institut de technologie de Harbin, l'école d'astronautique.");
        assert!(
            found.iter().any(|(n, e)| n == "Institut de technologie de Harbin" && e == "demo-el-harbin-institute-of-technology"),
            "{found:?}"
        );
    }

    #[test]
    fn ordinary_words_before_a_place_raise_no_hit() {
        for text in [
            "Nous livrons les pompes de laboratoire de Harbin par camion.",
            "El usuario final es la fábrica de muebles de Minsk.",
            "Il materiale di consumo di Milano arriva lunedì.",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }
}
