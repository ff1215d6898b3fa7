//! Pairings of one word with several: words joined or split, acronyms in either direction, initials.

use super::*;

/// Candidate multi-token pairings: joined/split tokens and acronyms, query side `a` against listed side `b`.
/// `flip` says the roles are swapped (so the pairing is recorded the right way round). `b_tail` holds the first
/// letters of the legal-form words that ended `b` ([`NormName::legal_tail`]).
/// With `bound`, a run that would be compared with the token as a word is taken as alike (similarity 1.0), without
/// comparing: the pairings that may exist, for [`bound::listed_coverage`].
pub(super) fn multi_pairings(a: &[WTok], b: &[WTok], b_tail: &str, flip: bool, bound: bool, out: &mut Vec<Pairing>) {
    let mk = |am: u64, bm: u64, sim: f64, how: &'static str| {
        if flip {
            Pairing { q: bm, c: am, sim, how }
        } else {
            Pairing { q: am, c: bm, sim, how }
        }
    };
    for (i, t) in a.iter().enumerate() {
        if t.numeric || t.stopword || t.roman {
            continue;
        }
        let tl = t.text.len();
        // Joined: one token here equals (or nearly equals) a run of two to four adjacent tokens there ("Luoluo" /
        // "Luo Luo", "Vanderbilt" / "Van der Bilt", "Huawei" / "Hua Wei" from Han syllables). Each side as written
        // too, where a canonical rewrite changed a word ("Aero Technic" / "Aerotechnic", not "Aero Technology").
        let word_forms = [t.text, t.written];
        let word_forms = if t.written == t.text { &word_forms[..1] } else { &word_forms[..] };
        // Half-open ranges: at opt-level "z" a `..=` loop calls RangeInclusive::next out of line each step.
        for k in 2..MAX_JOIN.min(b.len()) + 1 {
            for j in 0..b.len() - k + 1 {
                let run = &b[j..j + k];
                if run.iter().any(|x| x.numeric || x.roman) {
                    continue;
                }
                let m = (j..j + k).fold(0u64, |m, x| m | (1u64 << x));
                // The run as written differs only where one of its words was rewritten.
                let run_written = run.iter().any(|x| x.written != x.text);
                let sim = word_forms
                    .iter()
                    .flat_map(|word| [(word, false), (word, true)])
                    .filter(|&(_, written)| !written || run_written)
                    .filter_map(|(word, written)| joined::joined_pairing(word, run, written, bound))
                    .reduce(f64::max);
                if let Some(sim) = sim {
                    out.push(mk(1u64 << i, m, sim, "joined"));
                }
            }
        }
        // Re-segmented: two adjacent tokens here and two there read the same once joined ("Evr oPolis" / "Evro
        // Polis", "Tradin gFZC" / "Trading FZC"). Checked once, from the query side.
        if !flip && i + 1 < a.len() && !a[i + 1].numeric && !a[i + 1].roman {
            let (x1, x2) = (t.text, a[i + 1].text);
            for j in 0..b.len().saturating_sub(1) {
                let (y1, y2) = (b[j].text, b[j + 1].text);
                if x1.len() + x2.len() == y1.len() + y2.len()
                    && x1 != y1
                    && x1.bytes().chain(x2.bytes()).eq(y1.bytes().chain(y2.bytes()))
                {
                    let (am, bm) = ((1u64 << i) | (1u64 << (i + 1)), (1u64 << j) | (1u64 << (j + 1)));
                    out.push(mk(am, bm, 0.95, "joined"));
                }
            }
        }
        // Initials: a token of one to three letters ("A", "AQ" from "A. Q.") stands for as many adjacent words
        // there ("Abdul Qadeer"), as persons' given names are written. Weak evidence: never distinctive alone.
        if (1..=3).contains(&tl) && t.text.bytes().all(|c| c.is_ascii_alphabetic()) {
            let tb = t.text.as_bytes();
            for start in 0..b.len() {
                let run = b.get(start..start + tl).unwrap_or(&[]);
                if run.len() == tl
                    && run.iter().zip(tb).all(|(w, &c)| {
                        !w.stopword
                            && !w.numeric
                            && !w.roman
                            && w.text.len() > tl
                            && w.text.as_bytes().first() == Some(&c)
                    })
                {
                    let m = (start..start + tl).fold(0u64, |m, k| m | (1u64 << k));
                    out.push(mk(1u64 << i, m, INITIALS_SIM, "initials"));
                }
            }
        }
        // Acronym: one token here is the initials of a run of two or more tokens there. A run that ends the name
        // may be followed by the initials of the legal form that ended it ("SMIC" / "Semiconductor Manufacturing
        // International Corporation", "RNCB" / "Russian National Commercial Bank"), when two words or more spell
        // the rest.
        // A word's initial is read as written too, where a canonical rewrite changed it ("NZPP" / "Novosibirski
        // Zavod Poluprovodnikovykh Priborov", "zavod" read "factory").
        let begins = |x: &WTok, c: Option<&u8>| {
            x.text.as_bytes().first() == c || x.written != x.text && x.written.as_bytes().first() == c
        };
        if (4..=8).contains(&tl) && t.text.bytes().all(|c| c.is_ascii_alphabetic()) {
            let tb = t.text.as_bytes();
            let last = b.iter().rposition(|x| !x.stopword);
            for start in 0..b.len() {
                if b[start].stopword || !begins(&b[start], tb.first()) {
                    continue;
                }
                let (mut k, mut m) = (0usize, 0u64);
                for (end, tok) in b.iter().enumerate().skip(start) {
                    if !tok.stopword {
                        if k >= tb.len() || !begins(tok, tb.get(k)) {
                            break;
                        }
                        k += 1;
                        m |= 1u64 << end;
                    }
                    if k == tb.len() && k >= 2 && !tok.stopword {
                        out.push(mk(1u64 << i, m, 0.9, "acronym"));
                        break;
                    }
                    if k >= 2 && k < tb.len() && Some(end) == last && b_tail.as_bytes().starts_with(&tb[k..]) {
                        out.push(mk(1u64 << i, m, 0.9, "acronym"));
                        break;
                    }
                }
            }
        }
    }
}
