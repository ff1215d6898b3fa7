//! `matchNames`: two names compared with the list-independent weights, by the scorer the screener uses (see
//! `tests/parity.rs` and the evaluation's parity check: a listed name loaded alone scores the same both ways).

use super::NameKind;
use crate::config::{cut_at, Config};
use crate::error::Result;
use crate::index::content_hash;
use crate::normalize::{name_variants, normalize, NormName};
use crate::report::NameMatch;
use crate::score::{self, explain, NameScore};

/// [`match_names`] after checking both names against the default [`Config::max_field_bytes`].
pub fn try_match_names(a: &str, b: &str, kind: NameKind) -> Result<NameMatch> {
    let config = Config::default();
    config.check_field("first name", a)?;
    config.check_field("second name", b)?;
    Ok(match_names(a, b, kind))
}

/// Most names of one string (its a.k.a.s and bracketed short forms, [`name_variants`]) compared with each name of
/// the other, besides the whole string: every pair is scored, so a string of a few kilobytes split into 32 names
/// scored 1,000 pairs of names nearly as long as itself (0.9 s natively, found by fuzzing). The published lists need
/// four names to a string.
const MAX_COMPARED_NAMES: usize = 8;

/// Scores two names with the list-independent weights; `match` uses the default threshold. Names longer than the
/// default [`Config::max_field_bytes`] are compared on their first that many bytes ([`try_match_names`] refuses
/// them).
pub fn match_names(a: &str, b: &str, kind: NameKind) -> NameMatch {
    // A person's name has no company words: words that are generic in company names weigh fully there.
    let person = kind == NameKind::Person;
    let max = Config::default().max_field_bytes;
    let (a, b) = (cut_at(a, max), cut_at(b, max));
    let mut best: Option<(NameScore, NormName, NormName, String)> = None;
    // The names each string holds, and the string as a whole (so a string always matches itself).
    let variants = |s: &str| {
        let mut v = name_variants(s);
        v.truncate(MAX_COMPARED_NAMES);
        if !v.iter().any(|x| x == s) {
            v.push(s.to_string());
        }
        v
    };
    // The listed string's own names: past the first, short forms derived from it (a bracketed acronym).
    let listed_variants = name_variants(b);
    // Each side's names normalised and weighed once (not once per name of the other side: a long string has up to
    // MAX_NAME_VARIANTS names, each nearly as long as the string).
    let normalized = |s: &str| -> Vec<(String, NormName)> {
        variants(s)
            .into_iter()
            .map(|v| (normalize(&v), v))
            .filter(|(n, _)| !n.tokens.is_empty())
            .map(|(n, v)| (v, n))
            .collect()
    };
    let (an, bn) = (normalized(a), normalized(b));
    let aw: Vec<Vec<score::WTok>> = an.iter().map(|(_, n)| score::weigh_prior(n, person)).collect();
    let bw: Vec<Vec<score::WTok>> = bn.iter().map(|(_, n)| score::weigh_prior(n, person)).collect();
    for ((_, na), wa) in an.iter().zip(&aw) {
        for ((vb, nb), wb) in bn.iter().zip(&bw) {
            let tails = (na.legal_tail.as_str(), nb.legal_tail.as_str());
            let mut s = score::score_names_tails(
                content_hash(na),
                wa,
                content_hash(nb),
                wb,
                tails,
                &mut score::Memo::default(),
            );
            if s.score >= 1.0 && score::one_generic_word(wa) && !score::same_legal_forms(na, nb) {
                s = score::score_tokens(wa, wb);
            }
            score::lift_slip_with_legal_form(&mut s, na, nb);
            score::hold_registered_one_word(&mut s, wa, wb, nb);
            score::hold_registered_one_word_query(&mut s, wa, wb, na);
            // A short form derived from the listed name's brackets, which the query only spells out: as the
            // screener holds it (see `Screener::adjust`).
            let derived = listed_variants.iter().position(|x| x == vb).is_some_and(|k| k > 0);
            if derived && s.score > score::ONE_WORD_CAP && score::spells_out_one_word(&s, wb) {
                s.score = score::ONE_WORD_CAP;
                s.capped = Some("the query spells out the initials of the listed short form, not the listed name");
            }
            // A common name alone, as the screener holds it (see `Screener::adjust`).
            if s.score > score::COMMON_NAME_CAP && score::two_syllables(wa) && score::two_syllables(wb) {
                s.score = score::COMMON_NAME_CAP;
                s.capped = Some("a Chinese name of two syllables, which many people share");
            } else if s.score > score::COMMON_NAME_CAP && !person && score::person_against_company(na, nb) {
                s.score = score::COMMON_NAME_CAP;
                s.capped = Some("the query is written as a person, the listed name as a company");
            }
            if best.as_ref().is_none_or(|b| s.score > b.0.score) {
                best = Some((s, na.clone(), nb.clone(), vb.clone()));
            }
        }
    }
    let threshold = crate::config::DEFAULT_THRESHOLD;
    match best {
        Some((s, na, nb, vb)) => {
            let explanation =
                explain(&vb, &na, &score::weigh_prior(&na, person), &nb, &score::weigh_prior(&nb, person), &s);
            let score = score::round3(s.score);
            NameMatch { score, is_match: score >= threshold, threshold, explanation }
        }
        None => NameMatch {
            score: 0.0,
            is_match: false,
            threshold,
            explanation: crate::report::Explanation {
                summary: "One of the names has nothing to compare once legal forms and punctuation are removed.".into(),
                ..Default::default()
            },
        },
    }
}
