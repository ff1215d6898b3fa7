//! Stage 4: how well a query name matches one listed name, as a calibrated 0..1 score and its pieces.
//!
//! Both names arrive normalised ([`crate::normalize`]). Tokens are aligned one-to-one (greedy on similarity ×
//! weight) with these kinds of pair: exact, fuzzy (Jaro-Winkler with an edit-distance guard, never for numbers or
//! tokens of three letters or fewer), phonetic (transliteration variants), prefix (a truncated query token), joined
//! or split tokens ("Luoluo" / "Luo Luo") and acronyms in either direction ("PAEC" / "Pakistan Atomic Energy
//! Commission"). Each side's coverage is the weighted share of its tokens that found a partner; the score blends
//! the two coverages so that a partial name still matches while a listed name with distinctive tokens the query
//! lacks does not. Generic tokens (company words, place names) weigh little and can never carry a match alone.
//! An exact match of a listed name or alias (after normalisation) is 1.0.

use strsim::{jaro_winkler, osa_distance};

use crate::normalize::{phonetic_key, NormName, Token};
use crate::report::{Explanation, Ignored, TokenPair};

/// Weight of a token that the loaded lists do not tell us about.
pub const DEFAULT_WEIGHT: f64 = 1.0;
/// Most a generic token (company word, place name) can weigh.
pub const GENERIC_WEIGHT: f64 = 0.25;
/// Weight of an article or joiner.
pub const STOPWORD_WEIGHT: f64 = 0.05;
/// Highest score a name can reach when only generic tokens agree.
pub const GENERIC_ONLY_CAP: f64 = 0.5;

/// A token with its weight, as the scorer sees it.
#[derive(Clone, Debug)]
pub struct WTok<'a> {
    pub text: &'a str,
    pub weight: f64,
    pub generic: bool,
    pub numeric: bool,
    pub stopword: bool,
}

/// Default weight of a token when no list statistics are at hand (`matchNames`).
pub fn prior_weight(t: &Token) -> f64 {
    if t.stopword {
        STOPWORD_WEIGHT
    } else if t.numeric {
        DEFAULT_WEIGHT
    } else if t.generic {
        GENERIC_WEIGHT
    } else if t.text.chars().count() <= 2 {
        0.6
    } else {
        DEFAULT_WEIGHT
    }
}

/// Weighs a normalised name's tokens with `w`.
pub fn weigh<'a>(n: &'a NormName, w: impl Fn(&Token) -> f64) -> Vec<WTok<'a>> {
    n.tokens
        .iter()
        .map(|t| WTok { text: &t.text, weight: w(t), generic: t.generic, numeric: t.numeric, stopword: t.stopword })
        .collect()
}

/// Similarity of two single tokens, with how it was reached; `None` when they do not correspond.
pub fn token_similarity(q: &str, c: &str) -> Option<(f64, &'static str)> {
    if q == c {
        return Some((1.0, "exact"));
    }
    let has_digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    if has_digit(q) || has_digit(c) {
        return None;
    }
    let (lq, lc) = (q.chars().count(), c.chars().count());
    if lq.min(lc) <= 3 {
        return None;
    }
    let jw = jaro_winkler(q, c);
    let dist = osa_distance(q, c);
    let allowed = match lq.min(lc) {
        0..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    if dist <= allowed && jw >= 0.84 {
        return Some((jw, "fuzzy"));
    }
    if jw >= 0.75 && phonetic_key(q) == phonetic_key(c) {
        return Some((jw.max(0.9), "phonetic"));
    }
    // A truncated query token ("Scient" for "Scientific"): at least four letters and most of the word.
    if lq >= 4 && lc > lq && c.starts_with(q) && lq * 2 >= lc {
        return Some((0.85, "prefix"));
    }
    None
}

/// One accepted alignment between query tokens and listed tokens.
#[derive(Clone, Debug)]
struct Pairing {
    q: Vec<usize>,
    c: Vec<usize>,
    sim: f64,
    how: &'static str,
}

/// The scored comparison of two names.
#[derive(Clone, Debug, Default)]
pub struct NameScore {
    pub score: f64,
    pub query_coverage: f64,
    pub listed_coverage: f64,
    pub pairs: Vec<TokenPair>,
    pub unmatched_query: Vec<String>,
    pub unmatched_listed: Vec<String>,
    /// Whether a non-generic token took part in the match.
    pub distinctive: bool,
}

fn initials(toks: &[WTok]) -> String {
    toks.iter().filter(|t| !t.stopword).filter_map(|t| t.text.chars().next()).collect()
}

/// Candidate multi-token pairings: joined/split tokens and acronyms, query side `a` against listed side `b`.
/// `flip` says the roles are swapped (so the pairing is recorded the right way round).
fn multi_pairings(a: &[WTok], b: &[WTok], flip: bool, out: &mut Vec<Pairing>) {
    let mk = |ai: Vec<usize>, bi: Vec<usize>, sim: f64, how: &'static str| {
        if flip {
            Pairing { q: bi, c: ai, sim, how }
        } else {
            Pairing { q: ai, c: bi, sim, how }
        }
    };
    for (i, t) in a.iter().enumerate() {
        if t.numeric || t.stopword {
            continue;
        }
        // Joined: one token here equals two adjacent tokens there.
        for j in 0..b.len().saturating_sub(1) {
            let joined = format!("{}{}", b[j].text, b[j + 1].text);
            if joined == t.text {
                out.push(mk(vec![i], vec![j, j + 1], 1.0, "joined"));
            } else if joined.len() >= 6 {
                if let Some((s, _)) = token_similarity(t.text, &joined) {
                    if s >= 0.92 {
                        out.push(mk(vec![i], vec![j, j + 1], s * 0.98, "joined"));
                    }
                }
            }
        }
        // Acronym: one token here is the initials of a run of two or more tokens there.
        let len = t.text.chars().count();
        if (2..=8).contains(&len) && t.text.chars().all(|c| c.is_ascii_alphabetic()) {
            for start in 0..b.len() {
                for end in (start + 2)..=b.len() {
                    let run = &b[start..end];
                    if run.first().is_some_and(|x| x.stopword) || run.last().is_some_and(|x| x.stopword) {
                        continue;
                    }
                    let ini = initials(run);
                    if ini.len() > len {
                        break;
                    }
                    if ini == t.text {
                        let idx: Vec<usize> = (start..end).filter(|k| !b[*k].stopword).collect();
                        out.push(mk(vec![i], idx, 0.92, "acronym"));
                    }
                }
            }
        }
    }
}

/// Scores a query against one listed name. `q` and `c` are weighed tokens of the normalised names.
pub fn score_tokens(q: &[WTok], c: &[WTok]) -> NameScore {
    let mut cands: Vec<Pairing> = Vec::new();
    for (i, a) in q.iter().enumerate() {
        for (j, b) in c.iter().enumerate() {
            if let Some((sim, how)) = token_similarity(a.text, b.text) {
                cands.push(Pairing { q: vec![i], c: vec![j], sim, how });
            }
        }
    }
    multi_pairings(q, c, false, &mut cands);
    multi_pairings(c, q, true, &mut cands);

    let value = |p: &Pairing| {
        let wq: f64 = p.q.iter().map(|&i| q[i].weight).sum();
        let wc: f64 = p.c.iter().map(|&j| c[j].weight).sum();
        p.sim * (wq + wc)
    };
    cands.sort_by(|a, b| value(b).total_cmp(&value(a)).then(b.sim.total_cmp(&a.sim)));
    let mut used_q = vec![false; q.len()];
    let mut used_c = vec![false; c.len()];
    let mut chosen: Vec<Pairing> = Vec::new();
    for p in cands {
        if p.q.iter().any(|&i| used_q[i]) || p.c.iter().any(|&j| used_c[j]) {
            continue;
        }
        for &i in &p.q {
            used_q[i] = true;
        }
        for &j in &p.c {
            used_c[j] = true;
        }
        chosen.push(p);
    }

    // An unmatched generic word (a city appended to the name, "Trading") says little about identity: it counts
    // half in the total, so it lowers coverage less than an unmatched distinctive word.
    let total = |toks: &[WTok], used: &[bool]| -> f64 {
        toks.iter().zip(used).map(|(t, u)| if !u && t.generic { t.weight * 0.5 } else { t.weight }).sum()
    };
    let total_q = total(q, &used_q);
    let total_c = total(c, &used_c);
    let mut got_q = 0.0;
    let mut got_c = 0.0;
    let mut distinctive = false;
    let mut pairs = Vec::with_capacity(chosen.len());
    for p in &chosen {
        let wq: f64 = p.q.iter().map(|&i| q[i].weight).sum();
        let wc: f64 = p.c.iter().map(|&j| c[j].weight).sum();
        got_q += wq * p.sim;
        got_c += wc * p.sim;
        if p.q.iter().any(|&i| !q[i].generic && !q[i].stopword) && p.c.iter().any(|&j| !c[j].generic && !c[j].stopword)
        {
            distinctive = true;
        }
        pairs.push(TokenPair {
            query: p.q.iter().map(|&i| q[i].text).collect::<Vec<_>>().join(" "),
            listed: p.c.iter().map(|&j| c[j].text).collect::<Vec<_>>().join(" "),
            similarity: round3(p.sim),
            how: p.how.to_string(),
            weight: if total_c > 0.0 { round3(wc / total_c) } else { 0.0 },
        });
    }
    let cov_q = if total_q > 0.0 { got_q / total_q } else { 0.0 };
    let cov_c = if total_c > 0.0 { got_c / total_c } else { 0.0 };
    let (lo, hi) = if cov_q < cov_c { (cov_q, cov_c) } else { (cov_c, cov_q) };
    let mut score = 0.45 * lo + 0.55 * hi;
    // The higher coverage alone must not lift a name whose other side is mostly unexplained.
    score = score.min(lo + 0.35);
    // Generic words alone never carry a match, unless the two names are the same words in another order.
    if !distinctive && (cov_q < 0.99 || cov_c < 0.99) {
        score = score.min(GENERIC_ONLY_CAP);
    }
    let unmatched_query =
        q.iter().enumerate().filter(|(i, t)| !used_q[*i] && !t.stopword).map(|(_, t)| t.text.to_string()).collect();
    let unmatched_listed =
        c.iter().enumerate().filter(|(j, t)| !used_c[*j] && !t.stopword).map(|(_, t)| t.text.to_string()).collect();
    NameScore {
        score: score.clamp(0.0, 1.0),
        query_coverage: cov_q,
        listed_coverage: cov_c,
        pairs,
        unmatched_query,
        unmatched_listed,
        distinctive,
    }
}

/// Scores two normalised names: exact normalised equality is 1.0, otherwise the token alignment.
pub fn score_names(q: &NormName, qw: &[WTok], c: &NormName, cw: &[WTok]) -> NameScore {
    if !q.tokens.is_empty() && content_key(q) == content_key(c) {
        let pairs = qw
            .iter()
            .filter(|t| !t.stopword)
            .map(|t| TokenPair {
                query: t.text.into(),
                listed: t.text.into(),
                similarity: 1.0,
                how: "exact".into(),
                weight: 0.0,
            })
            .collect();
        return NameScore {
            score: 1.0,
            query_coverage: 1.0,
            listed_coverage: 1.0,
            pairs,
            distinctive: true,
            ..NameScore::default()
        };
    }
    score_tokens(qw, cw)
}

/// The name's tokens without articles, in order: equal content keys are an exact match.
fn content_key(n: &NormName) -> String {
    let mut s = String::new();
    for t in n.tokens.iter().filter(|t| !t.stopword) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}

/// Rounds for reports (scores are shown to people; three decimals are plenty and keep JSON stable).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The explanation of a name comparison, without list evidence (the screener adds country/address evidence).
pub fn explain(matched_name: &str, q: &NormName, c: &NormName, s: &NameScore) -> Explanation {
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
    let summary = if s.score >= 1.0 {
        format!("Same name as the listed \"{matched_name}\" once legal forms, case and punctuation are set aside.")
    } else {
        format!(
            "{:.0}% of the query and {:.0}% of the listed name \"{}\" correspond{}.",
            s.query_coverage * 100.0,
            s.listed_coverage * 100.0,
            matched_name,
            if s.distinctive { "" } else { " (only generic words agree, so this cannot be a match)" }
        )
    };
    Explanation {
        matched_name: matched_name.to_string(),
        pairs: s.pairs.clone(),
        unmatched_query: s.unmatched_query.clone(),
        unmatched_listed: s.unmatched_listed.clone(),
        ignored,
        name_score: round3(s.score),
        summary,
        ..Explanation::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn s(a: &str, b: &str) -> f64 {
        let (na, nb) = (normalize(a), normalize(b));
        let (wa, wb) = (weigh(&na, prior_weight), weigh(&nb, prior_weight));
        score_names(&na, &wa, &nb, &wb).score
    }

    #[test]
    fn score_exact_is_one() {
        assert_eq!(s("Hassan Scientific Corporation", "HASSAN SCIENTIFIC CORP."), 1.0);
    }

    #[test]
    fn score_typo_and_legal_form() {
        assert!(s("M/s Hasan Scientific Corp", "Hassan Scientific Corporation") > 0.85);
        assert!(s("Hassan Scientfic Co Ltd", "Hassan Scientific Corporation") > 0.85);
    }

    #[test]
    fn score_acronym_both_ways() {
        assert!(s("PAEC", "Pakistan Atomic Energy Commission") > 0.85);
        assert!(s("Pakistan Atomic Energy Commission", "PAEC") > 0.85);
    }

    #[test]
    fn score_joined_tokens() {
        assert!(
            s("Beijing Luoluo Technology Development", "Beijing Luo Luo Technology Development Co., Limited") > 0.9
        );
    }

    #[test]
    fn score_generic_only_is_capped() {
        assert!(s("Jinan International Trading Company", "Jinan Technology Trading Co") <= GENERIC_ONLY_CAP);
    }

    #[test]
    fn score_numbers_are_hard_evidence() {
        assert!(s("140 Repair Plant", "141 Repair Plant") < 0.8);
    }

    #[test]
    fn score_unrelated_is_low() {
        assert!(s("Siemens Healthineers", "Hassan Scientific Corporation") < 0.3);
        assert!(s("Jinan Metal Forming Machinery", "National Supercomputing Center Jinan") < 0.5);
    }

    #[test]
    fn token_similarity_guards_short_tokens() {
        assert_eq!(token_similarity("abc", "abd"), None);
        assert!(token_similarity("hassan", "hasan").is_some());
        assert!(token_similarity("tehnocenter", "technocenter").is_some());
    }
}
