//! Words written together or apart ([`super::multi_pairings`]): one word against a run of adjacent words joined,
//! the run's words canonical or as written ([`crate::normalize::Token::written`]).
use super::{token_similarity, WTok};

/// A token's word, canonical or as written.
fn form_of<'b>(x: &WTok<'b>, written: bool) -> &'b str {
    if written {
        x.written
    } else {
        x.text
    }
}

/// What one word is worth against a run of adjacent words joined ([`multi_pairings`]), the run's words canonical
/// or as written: 1.0 when they spell it, a little less when they nearly do, `None` when they are other words.
/// With `bound`, a run compared as a word is taken as alike.
pub(super) fn joined_pairing(word: &str, run: &[WTok], written: bool, bound: bool) -> Option<f64> {
    let k = run.len();
    let tl = word.len();
    if form_of(&run[0], written).as_bytes().first() != word.as_bytes().first() {
        return None;
    }
    let jl: usize = run.iter().map(|x| form_of(x, written).len()).sum();
    if jl > tl + 2 || jl + 2 < tl {
        return None;
    }
    // Whether the run's words, in order, spell the word exactly.
    let spells = |r: &[WTok]| {
        r.iter().map(|x| form_of(x, written).len()).sum::<usize>() == tl && {
            let mut rest = word;
            r.iter().all(|x| rest.strip_prefix(form_of(x, written)).map(|r| rest = r).is_some())
        }
    };
    if spells(run) {
        return Some(1.0);
    }
    // A run whose first or last words alone spell the token is the token and another word ("Xiaohong" /
    // "Xiaohong Ma"): each is paired on its own.
    if jl < 6 || spells(&run[1..]) || spells(&run[..k - 1]) {
        return None;
    }
    if bound {
        return Some(1.0);
    }
    let joined: String = run.iter().map(|x| form_of(x, written)).collect();
    // A run that only begins with the token is the token and more ("Xiaohong" / "Xiaohong Ma").
    match token_similarity(word, &joined) {
        Some((s, how)) if s >= 0.85 && !matches!(how, "partial" | "prefix") => Some(s * 0.98),
        _ => None,
    }
}
