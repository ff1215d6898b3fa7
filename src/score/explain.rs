//! The explanation of a name comparison: the pairs of tokens, what made each (a key, a symbol, initials), the
//! words left over and why the score was held.

use super::{bits, consonants, mask_weight, number_value, round3, NameScore, Pairing, WTok, MAX_TOKENS};
use crate::normalize::NormName;
use crate::report::{Explanation, Ignored, TokenPair};

/// What made a pair other than its written form, for the explanation: the number or given name both tokens stand
/// for, the spelling or consonant key they share, the letters of initials or an acronym. `None` for a pair of
/// written forms (exact, fuzzy, prefix).
fn pair_key(qw: &[WTok], cw: &[WTok], p: &Pairing) -> Option<String> {
    fn one<'t, 'a>(toks: &'t [WTok<'a>], m: u64) -> Option<&'t WTok<'a>> {
        (m.count_ones() == 1).then(|| toks.get(m.trailing_zeros() as usize)).flatten()
    }
    let (a, b) = (one(qw, p.q), one(cw, p.c));
    match p.how {
        "number" => a.and_then(number_value).or_else(|| b.and_then(number_value)).map(|n| format!("number {n}")),
        "given-name equivalent" => Some("given-name variants (name_symbols.toml)".to_string()),
        "same concept" => Some("one concept in two languages (name_symbols.toml)".to_string()),
        "transliteration" => {
            let (a, b) = (a?, b?);
            let (ka, kb) = (a.shape.key.as_ref(), b.shape.key.as_ref());
            Some(if ka == kb { format!("spelling key \"{ka}\"") } else { format!("spelling keys \"{ka}\" ~ \"{kb}\"") })
        }
        "consonants" => Some(format!("consonants \"{}\"", consonants(a?.text))),
        "joined" => Some("words written together or apart".to_string()),
        "acronym" => Some("initials of the words (acronym)".to_string()),
        "initials" => Some("initials of given names".to_string()),
        super::sound::HOW => {
            let latin = if a.is_some_and(|t| !t.syllabic) { a } else { b };
            Some(format!(
                "consonant classes \"{}\" as Chinese transcribes foreign names (name_symbols.toml)",
                crate::normalize::sound::describe(latin?.text)
            ))
        }
        _ => None,
    }
}

/// The explanation of a name comparison, without list evidence (the screener adds country/address evidence).
pub fn explain(matched_name: &str, q: &NormName, qw: &[WTok], c: &NormName, cw: &[WTok], s: &NameScore) -> Explanation {
    let mut ignored = Vec::new();
    for (side, n) in [("query", q), ("listed", c)] {
        for (tok, why) in &n.ignored {
            ignored.push(Ignored { token: tok.clone(), reason: why.as_str().into(), side: side.into() });
        }
        for t in &n.tokens {
            if t.generic {
                ignored.push(Ignored { token: t.text.clone(), reason: "generic".into(), side: side.into() });
            }
        }
    }
    let total_c: f64 = cw.iter().map(|t| t.weight).sum();
    let text =
        |toks: &[WTok], m: u64| bits(m).filter_map(|i| toks.get(i)).map(|t| t.text).collect::<Vec<_>>().join(" ");
    let pairs: Vec<TokenPair> = s
        .chosen
        .iter()
        .map(|p| TokenPair {
            query: text(qw, p.q),
            listed: text(cw, p.c),
            similarity: round3(p.sim),
            how: p.how.to_string(),
            weight: if total_c > 0.0 { round3(mask_weight(cw, p.c) / total_c) } else { 0.0 },
            key: pair_key(qw, cw, p),
        })
        .collect();
    // The symbols and keys that made pairs other than the written form, named in the summary too.
    let through: Vec<String> = pairs
        .iter()
        .filter_map(|p| p.key.as_ref().map(|k| format!("{k} (\"{}\" / \"{}\")", p.query, p.listed)))
        .collect();
    let (used_q, used_c) = s.chosen.iter().fold((0u64, 0u64), |(a, b), p| (a | p.q, b | p.c));
    let unmatched = |toks: &[WTok], used: u64| -> Vec<String> {
        toks.iter()
            .enumerate()
            .filter(|(i, t)| !t.stopword && (*i >= MAX_TOKENS || used & (1u64 << i) == 0))
            .map(|(_, t)| t.text.to_string())
            .collect()
    };
    let mut summary = if s.score >= 1.0 {
        format!("Same name as the listed \"{matched_name}\" once legal forms, case and punctuation are set aside.")
    } else {
        format!(
            "{}% of the query and {}% of the listed name \"{}\" correspond{}.",
            crate::text::num::fixed(s.query_coverage * 100.0, 0),
            crate::text::num::fixed(s.listed_coverage * 100.0, 0),
            matched_name,
            match (s.distinctive, s.capped) {
                (true, _) => "",
                // Every word of both names agrees, all generic ("Defence Industries Organisation" / "Sazemane Sanaye
                // Defa"): a match that is never a certain one (`GENERIC_ALL_CAP`).
                (false, Some(c)) if c.starts_with("every word agrees") => {
                    " (every word agrees, but all are generic words, so this is never a certain match)"
                }
                (false, _) => " (only generic words agree, so this cannot be a match)",
            }
        )
    };
    if !through.is_empty() {
        summary.push_str(&format!(" Matched through {}.", through.join("; ")));
    }
    if let Some(why) = s.capped.filter(|_| s.distinctive) {
        summary.push_str(&format!(" Held below the threshold: {why}."));
    }
    Explanation {
        matched_name: matched_name.to_string(),
        pairs,
        unmatched_query: unmatched(qw, used_q),
        unmatched_listed: unmatched(cw, used_c),
        ignored,
        name_score: round3(s.score),
        summary,
        ..Explanation::default()
    }
}
