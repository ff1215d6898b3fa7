//! A listed Han name followed by the name of one of its units, in a script written without spaces or with one
//! space: "买方：哈尔滨工业大学 航天学院" (the university and its school of astronautics), "最终用户是西北工业大学航天学院".
//! Scored whole, the name with its unit is a review (the unit's words are not in the list); the Latin reading of the
//! same thing ("School of Astronautics, Harbin Institute of Technology") is screened by its part between commas.
//! Here the name is cut at the end of the listed alias found whole in it: the party or the run of text is screened
//! once, and a Han name of a hit found in it, at most [`MOST_PREFIX`] characters from its start (a label or a verb
//! before it), followed by nothing or by a unit's name (a few Han characters ending with a unit word of
//! `[[unit]]` in `src/data/ordinary.toml`), is screened alone; its hits written exactly stand.

use std::sync::OnceLock;

use serde::Deserialize;

use super::prefix::{han, MOST_PREFIX};
use super::{breaks_between, Word};
use crate::report::{Hit, PartyReport};
use crate::screener::{PartyQuery, Screener};
use crate::text::Token;

/// Least characters of a listed Han name looked for.
const LEAST_NAME: usize = 4;
/// Most characters of a unit's name after the listed name ("航天学院", "电子工程系").
const MOST_UNIT: usize = 8;
/// Most characters of a party or run looked at: a label or verb, a listed name of up to 50 characters and a unit's
/// name. A longer run of Han text (a paragraph without punctuation) is not screened whole: its cost would grow with
/// the text, and nothing in it could be cut.
const MOST_RUN: usize = MOST_PREFIX + 50 + MOST_UNIT;
/// Least score of the hits of the whole party or run whose names are looked for in it (the index's candidates).
const FLOOR: f64 = 0.4;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct UnitFile {
    #[serde(default)]
    unit: Vec<Unit>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct Unit {
    #[serde(default)]
    words: Vec<String>,
}

crate::data::readable!(UnitFile { unit: default });
crate::data::readable!(Unit { words: default });

/// The unit words, longest first.
pub(super) fn unit_words() -> &'static [String] {
    static W: OnceLock<Vec<String>> = OnceLock::new();
    W.get_or_init(|| {
        // The file is ours and covered by tests; a broken file yields no unit words rather than a panic in the wasm.
        let file = crate::data::read_embedded::<UnitFile>(crate::data::ORDINARY.text())
            .unwrap_or(UnitFile { unit: Vec::new() });
        let mut w: Vec<String> = file.unit.into_iter().flat_map(|u| u.words).collect();
        crate::sort::sort_by_key(&mut w, |x| std::cmp::Reverse(x.chars().count()));
        w
    })
}

/// Whether `rest` (what follows a listed name) is nothing or the name of a unit: Han characters ending with a unit
/// word, and more than the unit word alone only up to [`MOST_UNIT`] characters.
fn unit_or_nothing(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty()
        || (rest.chars().all(han)
            && rest.chars().count() <= MOST_UNIT
            && unit_words().iter().any(|w| rest.ends_with(w.as_str())))
}

/// The Han names of `candidates` found whole in `name`, at most [`MOST_PREFIX`] characters from its start and
/// followed by a unit's name or nothing: (byte offset, name).
fn cuts<'h>(name: &str, candidates: impl IntoIterator<Item = &'h str>) -> Vec<(usize, &'h str)> {
    // Longest first: a listed name inside a longer one found is not cut again.
    let mut names: Vec<&str> = candidates.into_iter().collect();
    crate::sort::sort_by_key(&mut names, |m| std::cmp::Reverse(m.len()));
    let mut out: Vec<(usize, &str)> = Vec::new();
    for m in names {
        if m.chars().count() < LEAST_NAME || !m.chars().all(han) || out.iter().any(|&(_, k)| k.contains(m)) {
            continue;
        }
        let Some(off) = name.find(m) else { continue };
        let before = name.get(..off).unwrap_or_default();
        if before.chars().count() <= MOST_PREFIX
            && before.chars().all(han)
            && unit_or_nothing(name.get(off + m.len()..).unwrap_or_default())
        {
            out.push((off, m));
        }
    }
    out
}

/// The listed Han names read with a unit after them: in each parsed party without a hit at `least` whose name
/// begins with Han characters, and in each run of Han characters of the text outside the parsed parties. Returns
/// them as parties named in the text; `queries` counts the names screened.
pub(super) fn screen(
    s: &Screener,
    written: &str,
    toks: &[Token],
    parsed: &[PartyReport],
    least: f64,
    queries: &mut usize,
) -> Vec<PartyReport> {
    // (name, where it starts in `written` if known, the hits it already has)
    let mut names: Vec<(&str, Option<usize>, &[Hit])> = Vec::new();
    for p in parsed {
        let name = p.name.as_str();
        if p.hits.iter().any(|h| h.score >= least)
            || !name.chars().next().is_some_and(han)
            || name.chars().nth(MOST_RUN).is_some()
        {
            continue;
        }
        let at = p.span.as_ref().and_then(|sp| sp.start).filter(|&st| written.get(st..st + name.len()) == Some(name));
        names.push((name, at, &p.hits));
    }
    let spans: Vec<(usize, usize)> =
        parsed.iter().filter_map(|p| p.span.as_ref().and_then(|sp| Some((sp.start?, sp.end?)))).collect();
    for t in toks {
        let run = written.get(t.start..t.end).unwrap_or_default();
        if run.chars().nth(LEAST_NAME).is_some()
            && run.chars().nth(MOST_RUN).is_none()
            && run.chars().all(han)
            && !spans.iter().any(|&(a, b)| t.start < b && t.end > a)
        {
            names.push((run, Some(t.start), &[]));
        }
    }
    let mut out = Vec::new();
    for (name, at, had) in names {
        *queries += 1;
        let q = PartyQuery { name: name.to_string(), ..PartyQuery::default() };
        let candidates = s.screen_party_at(&q, FLOOR);
        // Every name of a candidate entry, not only the one that matched best: the whole party may match a Latin
        // alias read from the Han ("国防科技大学 电子科学学院" matches "Hunan Guofang Keji University" best), and the
        // Han alias it holds whole is then another of the entry's names.
        let names = candidates.iter().flat_map(|h| {
            [h.matched_name.as_str(), h.name.as_str()].into_iter().chain(h.aliases.iter().map(String::as_str))
        });
        for (off, m) in cuts(name, names) {
            *queries += 1;
            let q = PartyQuery { name: m.to_string(), ..PartyQuery::default() };
            let hits: Vec<Hit> = s
                .screen_party(&q)
                .hits
                .into_iter()
                .filter(|h| h.matched_name == m && super::prefix::written_exactly(h, least, had))
                .collect();
            if hits.is_empty() {
                continue;
            }
            out.push(PartyReport {
                role: "namedInText".into(),
                name: m.to_string(),
                country: None,
                address: None,
                hits,
                span: at.map(|st| crate::text::span(written, st + off, st + off + m.len())),
            });
        }
    }
    out
}

/// Per token index `i`: whether the tokens from `i` to the end of their clause are the name of a unit of an
/// organisation written in lower case: a unit word of `[[unit]]` (`src/data/ordinary.toml`), or one word and a unit
/// word ("cargo dept"). Linear in the tokens.
pub(super) fn units_after(text: &str, toks: &[Token], words: &[Word]) -> Vec<bool> {
    let lower = |k: usize| words.get(k).is_some_and(|w| !w.name_like && !w.joiner);
    let unit = |k: usize| lower(k) && toks.get(k).is_some_and(|t| unit_words().contains(&t.norm));
    let ends = |k: usize| k + 1 >= toks.len() || breaks_between(text, toks, k + 1, words);
    (0..=toks.len()).map(|i| lower(i) && ((unit(i) && ends(i)) || (!ends(i) && unit(i + 1) && ends(i + 1)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_han_characters_ending_with_a_unit_word() {
        for rest in ["", " ", "航天学院", " 航天学院", "电子工程系", "第三研究所", "北京分公司"]
        {
            assert!(unit_or_nothing(rest), "{rest}");
        }
        // Not a unit: no unit word at the end, Latin letters, or too long to be a unit's name.
        for rest in ["附属中学", "航天学院 Xi'an", "有限公司", "航天航空与力学工程技术学院"] {
            assert!(!unit_or_nothing(rest), "{rest}");
        }
    }

    #[test]
    fn a_listed_han_name_is_cut_where_it_ends_before_a_unit() {
        let c = ["西北工业大学", "Northwestern Polytechnical University", "工业大学"];
        assert_eq!(cuts("最终用户是西北工业大学航天学院", c), vec![(15, "西北工业大学")]);
        assert_eq!(cuts("西北工业大学 航天学院", c), vec![(0, "西北工业大学")]);
        // Followed by something that is not a unit, or too far from the start: no cut.
        assert!(cuts("西北工业大学附属中学", c).is_empty());
        assert!(cuts("我们的最终用户应该是西北工业大学航天学院", c).is_empty());
    }

    #[test]
    fn a_han_alias_is_cut_before_a_unit_when_a_latin_alias_matched_the_whole_name_best() {
        // The whole name matches "Hunan Guofang Keji University" (read from the Han) best; its Han alias is found.
        let s = crate::Screener::new(crate::Config::default()).expect("screener");
        let name = "国防科技大学 电子科学学院";
        let party = PartyReport {
            role: "buyer".into(),
            name: name.into(),
            country: None,
            address: None,
            hits: Vec::new(),
            span: None,
        };
        let mut queries = 0;
        let found = screen(&s, name, &[], std::slice::from_ref(&party), s.config().stop_threshold, &mut queries);
        assert!(
            found.iter().any(|p| p.name == "国防科技大学" && p.hits.iter().any(|h| h.entry_id == "demo-el-nudt")),
            "{found:?}"
        );
        // Followed by something that is not a unit: nothing.
        let name = "国防科技大学附属中学";
        let party = PartyReport { name: name.into(), ..party };
        let mut queries = 0;
        assert!(screen(&s, name, &[], &[party], s.config().stop_threshold, &mut queries).is_empty());
    }
}
