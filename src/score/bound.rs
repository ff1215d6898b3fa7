//! An upper bound on a candidate's score before it is scored (stage 4). Most names a query reaches share a word or
//! two with it and cannot reach the threshold; scoring them (every word pair, joined words, acronyms, the
//! alignment and its rules) was most of a query's time.
//!
//! The bound is the score [`super::score_tokens_tails`] would give if every word that could pair with some word of
//! the other name did, with the best similarity it could get: each side's coverage is then at most the weight of
//! those words (times that similarity) over the side's total, and the score at most `0.45·lo + 0.55·hi` and
//! `lo + 0.35` of the two coverages. The rules after the blend only lower a score (caps and factors), or give back
//! one they lowered ([`super::lift_slip_with_legal_form`]). A word pair counts as alike when the query's [`Memo`]
//! says so, or when the memo does not hold it and the cheap tests of [`super::similarity`] do not reject it; joined
//! words, acronyms and initials count as [`super::multi_pairings`] finds them, a joined run as alike without
//! comparing it, and Latin words against Han transcriptions as [`super::sound::pairings`] scores them.

use super::{bits, multi_pairings, number_value, similarity, Memo, Pairing, WTok, MAX_TOKENS, NUMBER_SIM};

/// Added to the bound: the memo's later uses of a similarity are rounded to `f32`, which can lie a few parts in
/// 10^8 above the value the bound read, and sums of weights round in their last bits.
const MARGIN: f64 = 1e-6;

/// The most [`super::score_tokens_tails`] can give two names whose query and listed coverages are at most `q` and
/// `c` (the blend and its limit there; both grow with either coverage), plus a margin for rounding.
pub(crate) fn score_at_most(q: f64, c: f64) -> f64 {
    let (lo, hi) = if q < c { (q, c) } else { (c, q) };
    (0.45 * lo + 0.55 * hi).min(lo + 0.35) + MARGIN
}

/// Whether [`super::score_tokens_tails`] may give `q` and `c` (`tails` as there) a score of `floor` or more.
/// Word pairs are compared through `memo` (kept there for the scorer's first use, so that nothing it answers
/// changes); joined words, acronyms and initials count as [`super::multi_pairings`] finds them, first without
/// comparing joined runs (each counts as alike), and compared only when that alone would not set the name aside.
/// `pairs` is a buffer the caller reuses.
pub(crate) fn may_reach(
    q: &[WTok],
    c: &[WTok],
    tails: (&str, &str),
    floor: f64,
    memo: &mut Memo,
    pairs: &mut Vec<Pairing>,
) -> bool {
    let q = &q[..q.len().min(MAX_TOKENS)];
    let c = &c[..c.len().min(MAX_TOKENS)];
    // The best credit each word can get.
    let (mut best_q, mut best_c) = ([0.0f64; MAX_TOKENS], [0.0f64; MAX_TOKENS]);
    let mut up = |i: usize, j: usize, sim: f64| {
        best_q[i] = best_q[i].max(sim);
        best_c[j] = best_c[j].max(sim);
    };
    for (i, a) in q.iter().enumerate() {
        for (j, b) in c.iter().enumerate() {
            // The tests of `score_tokens_tails`, in its order.
            match (number_value(a), number_value(b)) {
                (Some(x), Some(y)) if x != y => continue,
                (Some(_), Some(_)) if (a.roman || b.roman) && a.text != b.text => {
                    up(i, j, NUMBER_SIM);
                    continue;
                }
                _ if (a.roman || b.roman) && a.text != b.text => continue,
                _ => {}
            }
            if matches!((a.symbol, b.symbol), (Some(x), Some(y)) if x == y && a.text != b.text) {
                up(i, j, 1.0);
            }
            match memo.peek_or(i, b.id, || similarity(a.text, &a.shape, b.text, &b.shape)) {
                // A pair past its budget is credited its square.
                Some((s, how)) => up(i, j, if how == "partial" { s * s } else { s }),
                // Consonants compared ("mhmd" / "muhammad").
                None if (a.loose || b.loose) && !a.numeric && !b.numeric && !a.stopword && !b.stopword => up(i, j, 1.0),
                None => {}
            }
        }
    }
    let fits = |bq: &[f64; MAX_TOKENS], bc: &[f64; MAX_TOKENS]| {
        score_at_most(query_coverage(q, bq), listed_coverage(c, bc)) >= floor
    };
    if fits(&best_q, &best_c) {
        return true;
    }
    for compare in [false, true] {
        let (mut bq, mut bc) = (best_q, best_c);
        pairs.clear();
        multi_pairings(q, c, tails.1, false, !compare, pairs);
        multi_pairings(c, q, tails.0, true, !compare, pairs);
        // Latin words against Han runs read by sound, as the scorer pairs them.
        super::sound::pairings(q, c, false, pairs);
        super::sound::pairings(c, q, true, pairs);
        for p in pairs.iter() {
            for i in bits(p.q).filter(|&i| i < q.len()) {
                bq[i] = bq[i].max(p.sim);
            }
            for j in bits(p.c).filter(|&j| j < c.len()) {
                bc[j] = bc[j].max(p.sim);
            }
        }
        if !fits(&bq, &bc) {
            return false;
        }
    }
    true
}

/// The listed coverage of `c` if each word got the credit `best` (the scorer's total counts every word whole).
fn listed_coverage(c: &[WTok], best: &[f64; MAX_TOKENS]) -> f64 {
    let total: f64 = c.iter().map(|t| t.weight).sum();
    let got: f64 = c.iter().zip(best).map(|(t, b)| t.weight * b).sum();
    if total > 0.0 {
        got / total
    } else {
        0.0
    }
}

/// The query coverage of `q` if each word got at most the credit `best`. An unpaired word counts in the scorer's
/// total for its weight times 1, a half (generic) or at least a fifth (a place); with `got` the credited weight of
/// the words that may pair, the coverage is at most got / (got + unpaired), which grows with `got`.
fn query_coverage(q: &[WTok], best: &[f64; MAX_TOKENS]) -> f64 {
    let (mut got, mut unpaired) = (0.0, 0.0);
    for (t, &b) in q.iter().zip(best) {
        if b > 0.0 {
            got += t.weight * b;
        } else {
            unpaired += t.weight
                * match (t.place, t.generic) {
                    (true, _) => 0.2,
                    (false, true) => 0.5,
                    (false, false) => 1.0,
                };
        }
    }
    if got > 0.0 {
        got / (got + unpaired)
    } else {
        0.0
    }
}

/// Records in `memo` the first use of every word pair that [`super::score_tokens_tails`] would look up for `q` and
/// `c`, for a candidate the bound sets aside: the candidates after it then get the values they got when it was
/// scored (a pair's first use is exact, later ones are rounded, see [`Memo`]).
pub(crate) fn pass(q: &[WTok], c: &[WTok], memo: &mut Memo) {
    let q = &q[..q.len().min(MAX_TOKENS)];
    let c = &c[..c.len().min(MAX_TOKENS)];
    for (i, a) in q.iter().enumerate() {
        for b in c {
            match (number_value(a), number_value(b)) {
                (Some(x), Some(y)) if x != y => continue,
                _ if (a.roman || b.roman) && a.text != b.text => continue,
                _ => memo.pass(i, b.id),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::score::{score_tokens_tails, weigh_prior};

    /// Names that exercise every kind of pairing: fuzzy and transliterated words, prefixes, joined and split words,
    /// acronyms both ways and with a legal tail, initials, numbers and Roman numerals, consonants of Arabic script,
    /// Latin names against their Han transcriptions.
    const NAMES: &[&str] = &[
        "Hasan Scientific Corp",
        "HASSAN SCIENTIFIC CORPORATION",
        "HASAN, Ali Mohammed Khan",
        "Scient Instruments",
        "Luo Luo Trading",
        "Luoluo Trading Co",
        "Beijing Luoluo Technology Development",
        "Van der Bilt Corp",
        "Vanderbilt Corp",
        "Semiconductor Manufacturing International Corporation",
        "SMIC",
        "Russian National Commercial Bank",
        "RNCB",
        "A. Q. Khan",
        "Abdul Qadeer Khan",
        "Muhammad Kamran Wali",
        "محمد كامران",
        "Explorer III",
        "Explorer 3",
        "Unit 190",
        "Unit 6000",
        "Second Bank of Commerce",
        "2nd Bank of Commerce",
        "Evr oPolis",
        "Evro Polis",
        "Tele Communications Company",
        "Telecommunication Co",
        "Dmtri Ivanov",
        "Dmitriy Ivanov",
        "Ivanov Sergei Petrovich",
        "Pakistan Atomic Energy Commission",
        "PAEC",
        "Tehnocenter Ltd",
        "Technocenter",
        "Rosoboronexport OAO",
        "ROSOBORONEKSPORT",
        "Credit Bank of Moscow",
        "Bank Melli Iran",
        "Mahan Air",
        "Karim Traders",
        "KARIM",
        "张伟",
        "Zhang Wei",
        "Hudson Trading",
        "哈德森",
        "Honeywell International",
        "霍尼韦尔国际公司",
        "Scott Simon",
        "斯科特·西蒙",
    ];

    #[test]
    fn coverages_bound_every_score() {
        let (mut below, mut vocab): (usize, Vec<String>) = (0, Vec::new());
        for a in NAMES {
            for b in NAMES {
                for person in [false, true] {
                    let (qn, cn) = (normalize(a), normalize(b));
                    let (mut qw, mut cw) = (weigh_prior(&qn, person), weigh_prior(&cn, person));
                    // Listed words carry vocabulary ids, so that the memo keeps their comparisons.
                    for t in cw.iter_mut() {
                        t.id = NAMES.iter().flat_map(|n| n.split_whitespace()).count() as u32
                            + vocab.iter().position(|w| *w == t.text).unwrap_or_else(|| {
                                vocab.push(t.text.to_string());
                                vocab.len() - 1
                            }) as u32;
                    }
                    qw.iter_mut().for_each(|t| t.id = crate::score::NO_ID);
                    let tails = (qn.legal_tail.as_str(), cn.legal_tail.as_str());
                    let mut memo = Memo::default();
                    let s = score_tokens_tails(&qw, &cw, tails, &mut Memo::default());
                    // The bound lets every name be scored up to its score.
                    assert!(
                        may_reach(&qw, &cw, tails, s.score, &mut memo, &mut Vec::new()),
                        "{a} / {b}: {} set aside",
                        s.score
                    );
                    below += usize::from(!may_reach(&qw, &cw, tails, 0.77, &mut memo, &mut Vec::new()));
                    // Comparing through the memo changes nothing the scorer answers.
                    let again = score_tokens_tails(&qw, &cw, tails, &mut memo);
                    assert_eq!(format!("{s:?}"), format!("{again:?}"), "{a} / {b}");
                }
            }
        }
        // The bound sets most unrelated pairs aside (it is not the trivial 1.0).
        assert!(below > NAMES.len() * NAMES.len(), "{below} pairs set aside below 0.77");
    }

    #[test]
    fn pass_leaves_later_uses_as_a_first_use_would() {
        let f = || Some((0.1 + 0.2, "fuzzy"));
        let (mut scored, mut passed) = (Memo::default(), Memo::default());
        assert_eq!(scored.get_or(0, 7, f), Some((0.1 + 0.2, "fuzzy")));
        passed.pass(0, 7);
        // Later uses are rounded to f32 in both.
        assert_eq!(scored.get_or(0, 7, f), Some((0.3f32 as f64, "fuzzy")));
        assert_eq!(passed.get_or(0, 7, f), Some((0.3f32 as f64, "fuzzy")));
        // A pair the candidate search kept: passing it is its first use.
        let mut kept = Memo::default();
        assert!(kept.corresponds(1, 3, f));
        assert_eq!(kept.peek_or(1, 3, || None), Some((0.1 + 0.2, "fuzzy")));
        kept.pass(1, 3);
        assert_eq!(kept.get_or(1, 3, f), Some((0.3f32 as f64, "fuzzy")));
    }
}
