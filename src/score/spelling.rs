//! Graded spelling distance for the one distinctive word of a listed name (issue 13): an edit budget that grows
//! with the word's length, and letters that stand for one sound in the lists' romanisations (c/k, c/s, h/x, k/q,
//! s/z, i/y, e/i, o/u, v/w) cost half an edit. "Cetelem" / "Setelem" is one word spelt two ways; shorter words one
//! such letter apart ("Alcon" / "Alkon", "Marcus" / "Markus", "Pascal" / "Paskal") are as often other names.

use super::{Pairing, WTok};

/// Letters from which a word may differ by one confusable letter and still be the same word ([`HALF_BUDGET`]).
pub const CONFUSABLE_CHARS: u32 = 7;
/// Edit budget of a word of [`CONFUSABLE_CHARS`] letters or more: one confusable letter.
pub const HALF_BUDGET: f64 = 0.5;
/// Letters from which the budget is one whole edit of a confusable letter and another ([`FULL_BUDGET`]).
pub const FULL_BUDGET_CHARS: u32 = 9;
pub const FULL_BUDGET: f64 = 1.0;

/// Letter pairs that spell one sound in some romanisation (c/k "Ilogic" / "Ilogik", c/s before e and i, х as h or
/// x, q for k, s/z, and the vowels that transliterations swap).
const CONFUSABLE: [(u8, u8); 9] = [
    (b'c', b'k'),
    (b'c', b's'),
    (b'h', b'x'),
    (b'k', b'q'),
    (b's', b'z'),
    (b'i', b'y'),
    (b'e', b'i'),
    (b'o', b'u'),
    (b'v', b'w'),
];

fn cost(x: u8, y: u8) -> f64 {
    if x == y {
        0.0
    } else if CONFUSABLE.iter().any(|&(a, b)| (a, b) == (x, y) || (a, b) == (y, x)) {
        HALF_BUDGET
    } else {
        1.0
    }
}

/// Longest word compared letter by letter; longer words are compared whole (names' words are far shorter).
const MAX_WORD: usize = 48;

/// Levenshtein distance with confusable substitutions at half cost, or infinity past `budget`. Every insertion or
/// deletion costs a whole edit, so an alignment within the budget never leaves the band of `budget` diagonals
/// around the main one: only that band is computed, in two rows on the stack (no allocation, O(len × budget)).
fn weighted_distance(a: &[u8], b: &[u8], budget: f64) -> f64 {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) as f64 > budget || budget < 0.0 {
        return f64::INFINITY;
    }
    if n > MAX_WORD || m > MAX_WORD {
        return if a == b { 0.0 } else { f64::INFINITY };
    }
    let k = budget as usize;
    let mut rows = [[f64::INFINITY; MAX_WORD + 1]; 2];
    for (j, v) in rows[0].iter_mut().enumerate().take(m.min(k) + 1) {
        *v = j as f64;
    }
    for i in 1..n + 1 {
        let (lo, hi) = (i.saturating_sub(k), (i + k).min(m));
        let [r0, r1] = &mut rows;
        let (prev, cur) = if i % 2 == 1 { (&*r0, r1) } else { (&*r1, r0) };
        // The cell left of the band is outside it (or the first column).
        let mut row_min = f64::INFINITY;
        if lo == 0 {
            cur[0] = i as f64;
            row_min = cur[0];
        } else {
            cur[lo - 1] = f64::INFINITY;
        }
        for j in lo.max(1)..hi + 1 {
            let v = (prev[j - 1] + cost(a[i - 1], b[j - 1])).min(prev[j] + 1.0).min(cur[j - 1] + 1.0);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > budget {
            return f64::INFINITY;
        }
    }
    rows[n % 2][m]
}

/// Whether a one-token pair is one word spelt with confusable letters within the budget of its length: compared
/// as written and as transliteration keys (the written form is never lost to the key).
pub fn confusable_spelling(q: &[WTok], c: &[WTok], p: &Pairing) -> bool {
    if p.q.count_ones() != 1 || p.c.count_ones() != 1 {
        return false;
    }
    let (Some(a), Some(b)) = (q.get(p.q.trailing_zeros() as usize), c.get(p.c.trailing_zeros() as usize)) else {
        return false;
    };
    let chars = a.shape.chars.min(b.shape.chars);
    if chars < CONFUSABLE_CHARS || a.syllabic || b.syllabic || a.shape.digit || b.shape.digit {
        return false;
    }
    let budget = if chars >= FULL_BUDGET_CHARS { FULL_BUDGET } else { HALF_BUDGET };
    let within = |x: &str, y: &str| {
        x.is_ascii() && y.is_ascii() && weighted_distance(x.as_bytes(), y.as_bytes(), budget) <= budget
    };
    within(a.text, b.text) || within(&a.shape.key, &b.shape.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> f64 {
        weighted_distance(a.as_bytes(), b.as_bytes(), 2.0)
    }

    #[test]
    fn confusable_letters_cost_half_an_edit() {
        assert_eq!(d("cetelem", "setelem"), 0.5);
        assert_eq!(d("marcus", "markus"), 0.5);
        assert_eq!(d("cniihm", "cniixm"), 0.5);
        assert_eq!(d("alcon", "alton"), 1.0);
        assert_eq!(d("narinco", "narjinco"), 1.0);
        assert!(d("paeksol", "baeksul") > HALF_BUDGET);
    }

    /// The plain Levenshtein recurrence with the same costs, over the whole table.
    fn full(a: &[u8], b: &[u8]) -> f64 {
        let mut prev: Vec<f64> = (0..=b.len()).map(|j| j as f64).collect();
        for (i, &x) in a.iter().enumerate() {
            let mut cur = vec![(i + 1) as f64; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + cost(x, y)).min(prev[j + 1] + 1.0).min(cur[j] + 1.0);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn banded_distance_is_the_full_distance_within_the_budget() {
        let words = [
            "cetelem",
            "setelem",
            "marcus",
            "markus",
            "narinco",
            "narjinco",
            "optolink",
            "optolnik",
            "a",
            "",
            "sanyong",
            "sanyongg",
            "ab",
            "ba",
            "komsomolsk",
            "komsomolsky",
            "xkomsomolsk",
        ];
        for budget in [0.0, 0.5, 1.0, 2.0, 3.0] {
            for a in words {
                for b in words {
                    let (got, want) =
                        (weighted_distance(a.as_bytes(), b.as_bytes(), budget), full(a.as_bytes(), b.as_bytes()));
                    if want <= budget {
                        assert_eq!(got, want, "{a} / {b} within {budget}");
                    } else {
                        assert!(got > budget, "{a} / {b} past {budget}: {got}");
                    }
                }
            }
        }
    }
}
