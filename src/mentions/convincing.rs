//! Whether a window's hit rests on enough evidence for a name found in running text.

use super::*;

/// Whether a window's hit rests on enough: nothing distinctive of the listed name is missing from the window (the
/// scorer weighs what is missing; here none of it may be rare), and a window with one distinctive word is an
/// organisation's rare name matched as written, in capitals or another script (not a generated acronym, a
/// person's or a vessel's name, a capitalised word, a word of a text written without capitals: "Atlantic",
/// "Pearl", "Class" or "NAME" in an order are ordinary words).
pub(super) fn convincing(
    s: &Screener,
    written: &str,
    window: &NormName,
    h: &Hit,
    casing: Casing,
    ctx: Context,
) -> bool {
    let ex = &h.explanation;
    // A street named after a person ("27 Heydar Aliyev Ave") names no party: not a listed person or ship, whose
    // names are people's and places' (issue #14). Nor is a common name held at review a name for the text net.
    if ctx.street && matches!(h.kind, EntityKind::Person | EntityKind::Vessel)
        || ex.evidence.iter().any(|e| e.kind == crate::screener::COMMON_NAME)
    {
        return false;
    }
    // At least one word of three letters or more matched as a word (not an initial, a prefix, a generated
    // acronym or a number).
    let strong = ex.pairs.iter().any(|p| {
        matches!(
            p.how.as_str(),
            "exact" | "fuzzy" | "phonetic" | "transliteration" | "consonants" | "joined" | "synonym"
        ) && p.query.chars().filter(|c| c.is_alphabetic()).count() >= 3
    });
    if !strong || only_places(written) {
        return false;
    }
    // A window is screened because it holds a rare listed word, so it must match as written: every pair exact,
    // joined or a synonym, or a close spelling of a long word (a transliteration only for a name written in
    // another script); no initials; and no distinctive word of the window left over ("信用证" is not "Yong Xin",
    // "Flat B" is not "Bm-flot", "Li Wei" is not "Wei, Lin Na").
    let other_script = written.chars().any(|c| c.is_alphabetic() && u32::from(c) >= 0x370);
    let as_written = ex.pairs.iter().all(|p| {
        let long = p.query.chars().count() >= 5 && p.similarity >= 0.85;
        match p.how.as_str() {
            "exact" | "joined" | "synonym" | "same concept" | "acronym" => true,
            "fuzzy" => long,
            "transliteration" | "consonants" | "phonetic" => other_script || long,
            _ => false,
        }
    });
    let leftover = ex
        .unmatched_query
        .iter()
        .any(|t| normalize(t).tokens.iter().any(|n| !n.generic && !n.stopword && !n.place && !n.numeric));
    if !as_written || leftover {
        return false;
    }
    let index = s.index();
    // A short form the list writes in brackets beside the name ("Advanced Engineering Research Organization
    // (AERO)") is another way of writing it, not a word the text leaves out.
    let bracketed = bracketed_words(&h.matched_name);
    // A word the listed name writes twice ("Beijing Luo Luo") and the window matched is not left out either.
    let matched = |t: &str| ex.pairs.iter().any(|p| p.listed.split_whitespace().any(|l| l == t));
    if ex
        .unmatched_listed
        .iter()
        .any(|t| index.learnt(t).unwrap_or(1.0) >= SEED_WEIGHT && !bracketed.contains(&text::fold(t)) && !matched(t))
    {
        return false;
    }
    // The listed name whole, every word as written, at least two of them, and a place after it in the text that
    // the entry gives ("Affiliates International, Keamari Karachi", "rockside enterprize, karachi pakistan"): a name
    // made of company words only, or written in lower case, is found when its listed place is written with it.
    let placed_whole = ctx.placed
        && ex.unmatched_query.is_empty()
        && ex.unmatched_listed.is_empty()
        && ex.pairs.len() >= 2
        && ex.pairs.iter().all(|p| matches!(p.how.as_str(), "exact" | "synonym"))
        && ex.evidence.iter().any(|e| e.kind == "country" && e.supports)
        && h.score >= 0.9;
    let content = window.tokens.iter().filter(|t| !t.stopword && !t.generic && !t.place && !t.numeric).count();
    // A listed organisation's one rare word, or the two words it is split into ("hik vision"), written in lower
    // case right before a place the entry gives ("for hik vision hangzhou"): matched whole, as written.
    let placed_rare = ctx.placed
        && matches!(h.kind, EntityKind::Organization)
        && ex.unmatched_query.is_empty()
        && ex.unmatched_listed.is_empty()
        && matches!(ex.pairs.as_slice(), [p] if matches!(p.how.as_str(), "exact" | "joined")
            && p.listed.chars().count() >= 5
            && index.learnt(&p.listed).unwrap_or(0.0) >= ALONE_WEIGHT)
        && ex.evidence.iter().any(|e| e.kind == "country" && e.supports)
        && h.score >= 0.9;
    if (ctx.lower || casing.caseless) && placed_rare {
        return true;
    }
    // A listed name of a place and company words, written whole with capitals, the place first ("Harbin Inst. of
    // Tech."): every word matched as the list writes it.
    let named_place = !casing.shouting
        && !ctx.lower
        && window.tokens.first().is_some_and(|t| t.place)
        && matches!(h.kind, EntityKind::Organization)
        && ex.unmatched_query.is_empty()
        && ex.unmatched_listed.is_empty()
        && ex.pairs.len() >= 3
        && ex.pairs.iter().all(|p| matches!(p.how.as_str(), "exact" | "synonym"))
        && h.score >= 0.95;
    if content == 0 {
        return (placed_whole || named_place) && !casing.shouting;
    }
    let words = window.tokens.iter().filter(|t| !t.stopword && !t.numeric).count();
    let legal = |side: &str| ex.ignored.iter().any(|i| i.side == side && i.reason == "legal form");
    let legal_form = window.ignored.iter().any(|(_, why)| *why == IgnoreReason::LegalForm);
    if ctx.lower {
        // Words in lower case among capitals, before a legal form ("hassan scientific corp"), or an organisation's
        // name before the name of one of its units ("mahan air cargo dept"): the listed name whole, every word as
        // written, and at least two of them.
        return (legal_form || placed_whole || (ctx.unit && matches!(h.kind, EntityKind::Organization)))
            && ex.unmatched_query.is_empty()
            && ex.unmatched_listed.is_empty()
            && ex.pairs.len() >= 2
            && ex.pairs.iter().all(|p| p.how == "exact")
            && h.score >= 0.95;
    }
    if content == 1 && words >= 2 {
        // One distinctive word among company words ("Scientific Production Company Optolink"): every word of the
        // window must be matched, as the list writes it.
        return ex.unmatched_query.is_empty() && ex.pairs.len() >= 2 && h.score >= 0.9;
    }
    if content == 1 && legal_form {
        // One word with its legal form ("Optolink OOO", "Sertal LLC"), against a listed company written with one.
        return ex.unmatched_query.is_empty() && legal("listed") && h.score >= 0.9;
    }
    if content == 1 {
        let organisation = matches!(h.kind, EntityKind::Organization | EntityKind::Unknown);
        let exact = ex.pairs.iter().all(|p| p.how == "exact");
        // A word that is the listed organisation's whole name or alias, written alone as a name, may be held by a
        // few more listed names (a group's short name shared by its listed affiliates: "Huawei").
        // An acronym the list itself gives in brackets beside the name ("Pakistan Atomic Energy Commission
        // (PAEC)", written "PAEC" or "P.A.E.C."), written alone as a name, may be shared by the entry's own
        // subordinate listings: rare among listed names is enough.
        let given = ctx.alone
            && acronym_written(written)
            && ex.unmatched_listed.is_empty()
            && (h.explanation.matched_alias == Some(AliasKind::Derived)
                || window.tokens.iter().all(|t| bracketed.contains(&t.text)));
        let least = if given {
            SEED_WEIGHT
        } else if ctx.alone && ex.unmatched_listed.is_empty() {
            ALONE_WEIGHT
        } else {
            0.8
        };
        let rare = window
            .tokens
            .iter()
            .filter(|t| !t.stopword && !t.generic && !t.place)
            .all(|t| t.text.chars().count() >= 4 && index.learnt(&t.text).unwrap_or(0.0) >= least);
        // Written as an acronym ("HESA", "NILOP") in a text that is not all capitals, or in another script
        // ("Оптолинк"): a capitalised English-looking word alone ("Class", "Aero") is too often an ordinary word.
        let acronym = !casing.shouting && acronym_written(written);
        // Or one capitalised word inside a sentence or in quotes ("they go to Hikvision warehouse", "«Optolink»")
        // that is the listed organisation's whole name or alias: a long word, no given name, nothing of the
        // listed name left over.
        let alone = ctx.alone
            && !casing.shouting
            && ex.unmatched_listed.is_empty()
            && written.chars().filter(|c| c.is_alphabetic()).count() >= 5
            && window.tokens.iter().all(|t| !matches!(t.symbol, Some(crate::normalize::Symbol::GivenName(_))));
        return organisation
            && exact
            && rare
            && !casing.caseless
            && (acronym || other_script || alone)
            && h.score >= 0.9;
    }
    true
}
