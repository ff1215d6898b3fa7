//! Reading the words of the text: name-like words, joiners, seeds, runs, clause breaks and places after a window.

use super::*;

/// Reads each word: name-like (capitalised, or any word of a text written without capitals), a joiner, a seed;
/// and whether the text is written without capitals.
pub(super) fn classify(s: &Screener, text: &str, ptext: &str, toks: &[Token]) -> (Vec<Word>, Casing) {
    let written = |t: &Token| text.get(t.start..t.end).unwrap_or_default();
    let cased: Vec<bool> = toks
        .iter()
        .filter_map(|t| written(t).chars().next())
        .filter(|c| c.is_alphabetic() && (c.is_uppercase() || c.is_lowercase()))
        .map(char::is_uppercase)
        .collect();
    // A chat message or a text in lower case throughout: every word may be part of a name.
    let caseless = cased.iter().filter(|&&u| u).count() * 20 < cased.len().max(1);
    let capitals = toks
        .iter()
        .map(&written)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().any(char::is_uppercase))
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    let shouting = capitals * 2 >= cased.len().max(1);
    let mut seeds: HashMap<String, bool> = HashMap::default();
    // Whether a word is a legal form, read once per distinct word, and only where it matters: after a comma
    // ("Co., Ltd" goes on) and, in a text with capitals, in lower case ("hassan scientific corp").
    let mut legal_forms: HashMap<String, bool> = HashMap::default();
    let mut words: Vec<Word> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let w = written(t);
            let first = w.chars().next().unwrap_or(' ');
            let after_comma =
                i > 0 && toks.get(i - 1).and_then(|p| text.get(p.end..t.start)).is_some_and(|g| g.contains(','));
            let legal = (after_comma || (!caseless && first.is_lowercase()))
                && *legal_forms.entry(t.norm.clone()).or_insert_with(|| {
                    // After another word, so that a legal form alone is read as one.
                    let n = normalize(&format!("x {w}"));
                    n.tokens.len() == 1 && n.ignored.iter().any(|(_, why)| *why == IgnoreReason::LegalForm)
                });
            // "named after" (Russian "imeni") joins an organisation's name to the person it honours.
            let named_after = first.is_lowercase()
                && match t.norm.as_str() {
                    "named" => toks.get(i + 1).is_some_and(|n| n.norm == "after"),
                    "after" => i > 0 && toks.get(i - 1).is_some_and(|n| n.norm == "named"),
                    _ => false,
                };
            let joiner = (JOINERS.contains(&t.norm.as_str()) && !first.is_uppercase())
                || EDGE_WORDS.contains(&t.norm.as_str())
                || named_after;
            let name_like = caseless || !first.is_lowercase();
            let seed = name_like && !joiner && is_seed(&mut seeds, s, t, w);
            Word { name_like, joiner, seed, legal, lower: false, joined: false }
        })
        .collect();
    // In a text with capitals, words in lower case before a legal form in their clause may be a name written in
    // lower case ("they go to hassan scientific corp"); windows holding them must end in that legal form. So may
    // words in lower case right before a place ("invoice to rockside enterprize, karachi"): windows holding them
    // must end before the place and hold a seed.
    if !caseless {
        let placed = places_before(ptext, toks);
        let unit = unit::units_after(text, toks, &words);
        for j in (0..words.len()).rev() {
            let before_place = j + 1 < words.len() && placed.get(j + 1).copied().unwrap_or(false);
            let before_unit = unit.get(j + 1).copied().unwrap_or(false);
            if !words.get(j).is_some_and(|w| (w.legal || before_place || before_unit) && !w.name_like) {
                continue;
            }
            let mut i = j;
            for _ in 0..2 * MAX_WINDOW {
                let brk = i == 0 || breaks_between(text, toks, i, &words);
                let Some(w) = words.get_mut(i) else { break };
                if w.lower && i != j {
                    break;
                }
                if !w.name_like && !w.joiner {
                    w.lower = true;
                    if let Some(t) = toks.get(i) {
                        w.seed = is_seed(&mut seeds, s, t, written(t));
                    }
                }
                if brk {
                    break;
                }
                i -= 1;
            }
        }
    }
    // A brand written as two words ("hik vision" for Hikvision): both are seeds when the word they make is one.
    for i in 1..toks.len() {
        let member = |j: usize| words.get(j).is_some_and(|w| (w.name_like || w.lower) && !w.joiner && !w.seed);
        let (Some(a), Some(b)) = (toks.get(i - 1), toks.get(i)) else { continue };
        let letters = |t: &Token| t.norm.chars().count() >= 2 && t.norm.chars().all(|c| c.is_ascii_alphabetic());
        if !member(i - 1) || !member(i) || !letters(a) || !letters(b) || text.get(a.end..b.start) != Some(" ") {
            continue;
        }
        let joined = format!("{}{}", a.norm, b.norm);
        let probe = Token { norm: joined.clone(), ..b.clone() };
        if is_seed(&mut seeds, s, &probe, &joined) {
            for w in words.get_mut(i - 1..=i).into_iter().flatten() {
                w.seed = true;
            }
            if let Some(w) = words.get_mut(i - 1) {
                w.joined = true;
            }
        }
    }
    // Initials written with dots ("P.A.E.C."): the run is a seed when the acronym it spells is one.
    let mut i = 0;
    while i < toks.len() {
        let initial = |j: usize| {
            toks.get(j).is_some_and(|t| {
                let w = written(t);
                w.chars().count() == 1 && w.chars().all(char::is_uppercase)
            })
        };
        let mut j = i;
        let dot = |j: usize| match (toks.get(j.wrapping_sub(1)), toks.get(j)) {
            (Some(p), Some(t)) => text.get(p.end..t.start) == Some("."),
            _ => false,
        };
        while initial(j) && (j == i || dot(j)) {
            j += 1;
        }
        if j - i >= 3 {
            let acronym: String = toks.get(i..j).unwrap_or_default().iter().map(|t| t.norm.as_str()).collect();
            if let (Some(w), Some(t)) = (words.get_mut(i), toks.get(i)) {
                let probe = Token { norm: acronym.clone(), ..t.clone() };
                w.seed = w.name_like && is_seed(&mut seeds, s, &probe, &acronym);
            }
        }
        i = j.max(i + 1);
    }
    (words, Casing { caseless, shouting })
}

/// Whether a word is a seed: it holds a word that some listed name holds and that is rare among listed names
/// (not a company word, a place, a number or a joiner); read once per distinct word.
pub(super) fn is_seed(memo: &mut HashMap<String, bool>, s: &Screener, t: &Token, written: &str) -> bool {
    if let Some(&v) = memo.get(t.norm.as_str()) {
        return v;
    }
    let index = s.index();
    // After another word, so that a legal form or an honorific alone ("GmbH") is read as one.
    let v = normalize(&format!("x {written}")).tokens.iter().skip(1).any(|n| {
        !n.generic
            && !n.stopword
            && !n.place
            && !n.numeric
            && n.text.chars().count() >= 3
            && index.learnt(&n.text).is_some_and(|l| l >= SEED_WEIGHT)
    });
    memo.insert(t.norm.clone(), v);
    v
}

/// Runs of name-like words (and joiners between them) inside one line and one clause: token ranges.
pub(super) fn runs(text: &str, toks: &[Token], words: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..toks.len() {
        let w = words.get(i).copied().unwrap_or_default();
        let member = w.name_like || w.joiner || w.lower;
        let breaks = i == 0 || breaks_between(text, toks, i, words);
        if breaks || !member {
            if let Some(a) = start.take() {
                out.push((a, i));
            }
        }
        if member {
            start.get_or_insert(i);
        }
    }
    if let Some(a) = start {
        out.push((a, toks.len()));
    }
    out
}

/// Per token index `i`: whether a place (a country or a city, not an adjective) begins within the four tokens from
/// `i`, in the same line, as [`country_after`] reads one for a window ending before `i`. Linear in the tokens.
pub(super) fn places_before(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut out = vec![false; toks.len() + 1];
    for p in geo().places_in_tokens(text, toks) {
        if p.value.kind == PlaceKind::Adjective {
            continue;
        }
        for i in p.first.saturating_sub(3)..=p.first {
            let line = match (i.checked_sub(1).and_then(|a| toks.get(a)), toks.get(p.first)) {
                (Some(a), Some(b)) => text.get(a.end..b.start).is_some_and(|g| !g.contains(['\n', '\r'])),
                _ => false,
            };
            if line {
                if let Some(x) = out.get_mut(i) {
                    *x = true;
                }
            }
        }
    }
    out
}

/// Whether a name cannot go on from token `i - 1` to token `i`: a line break, a clause mark, a column gap, a
/// sentence end, or a comma not followed by a legal form ("Co., Ltd" goes on).
pub(super) fn breaks_between(text: &str, toks: &[Token], i: usize, words: &[Word]) -> bool {
    let (Some(prev), Some(t)) = (toks.get(i.wrapping_sub(1)), toks.get(i)) else { return true };
    let gap = text.get(prev.end..t.start).unwrap_or_default();
    // An opening quote after a capitalised word goes on: Russian writes an organisation's kind before its quoted
    // name ("Концерн «Созвездие»", "НПО «Ижмаш»"), and lists write it so ("Концерн «Созвездие»").
    let opening = gap.trim();
    if !opening.is_empty()
        && opening.chars().all(|c| matches!(c, '«' | '„'))
        && words.get(i - 1).is_some_and(|w| w.name_like && !w.joiner)
        && text.get(prev.start..prev.end).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
    {
        return false;
    }
    if gap.contains(['\n', '\r', ';', ':', '!', '?', '"', '|', '\t', '(', ')', '[', ']', '<', '>', '=', '*', '#', '@'])
        || gap.contains("  ")
        || gap.contains(['“', '”', '«', '»', '•', '（', '）'])
    {
        return true;
    }
    if gap.contains(',') {
        return !words.get(i).is_some_and(|w| w.legal);
    }
    if gap.contains('.') {
        let abbrev = prev.norm.chars().count() == 1
            || [
                "co", "ltd", "inc", "corp", "pvt", "st", "no", "jsc", "llc", "bros", "mfg", "intl", "mr", "dr", "ms",
                "cia", "cie", "ltda", "pte", "inst", "tech", "univ", "acad", "sci", "natl", "dept", "lab", "eng",
            ]
            .contains(&prev.norm.as_str());
        return !abbrev;
    }
    false
}

/// The country of a place written right after a window ("Al Noor Instruments, Karachi (Pakistan)").
pub(super) fn country_after(text: &str, toks: &[Token], from: usize) -> Option<String> {
    let g = geo();
    let mut i = from;
    while i < toks.len() && i < from + 4 {
        if let Some(f) = g.place_at(text, toks, i) {
            if f.value.kind != PlaceKind::Adjective {
                return Some(f.value.code);
            }
            i = f.last;
            continue;
        }
        i += 1;
    }
    None
}
