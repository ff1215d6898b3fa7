//! The safety net on one spelling of the text: windows around seeds screened, then short forms.

use super::*;
use crate::text::case::Case as _;

/// The safety net on one spelling of the text: `text` is screened, `written` (of the same byte length) names what
/// was found.
pub(super) fn screen_spelling(
    s: &Screener,
    text: &str,
    written: &str,
    toks: &[Token],
    parsed: &[PartyReport],
) -> Screened {
    let mut out = Screened { complete: true, ..Screened::default() };
    if s.index().is_empty() || text.trim().is_empty() {
        return out;
    }
    // Places are read with every word capitalised (same byte offsets): a chat writes them in lower case ("for hik
    // vision hangzhou").
    let ptext = text::title_case(text);
    let (mut words, casing) = classify(s, text, &ptext, toks);
    // A Russian noun declined before a name ("на концерне Калашников") is screened in the nominative the lists write.
    let heads = cases::declined_heads(s, text, toks, &mut words);
    // The parser's parties were screened under their full names: a part of one is not a new name (by place in
    // the text, or by words). A party that had no hit may still hold a listed name written in full with something
    // the list does not write around it ("National Supercomputing Center Jinan (国家超级计算济南中心)"): its name
    // without brackets is screened again, nothing shorter.
    // So is each name it writes in brackets, and each part of its name between commas ("中国工程物理研究院（China
    // Academy of Engineering Physics, Institute of Fluid Physics）": the English name is screened on its own) or
    // dashes ("MZKT – Usine de tracteurs à roues de Minsk": the acronym is the party's name, the rest its gloss).
    let cores: Vec<Vec<String>> = parsed
        .iter()
        .map(|p| {
            let bare = without_brackets(&p.name);
            let mut c = vec![text::words(&bare).join(" ")];
            for inner in bracketed_parts(&p.name).into_iter().chain([bare.as_str()]) {
                c.push(text::words(inner).join(" "));
                c.extend(parts(inner).into_iter().map(|part| text::words(part).join(" ")));
            }
            c.retain(|k| !k.is_empty());
            c
        })
        .collect();
    let spans: Vec<(usize, usize, usize)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.span.as_ref().and_then(|s| Some((s.start?, s.end?, i))))
        .collect();
    let in_party: Vec<Option<usize>> =
        toks.iter().map(|t| spans.iter().find(|&&(a, b, _)| t.start < b && t.end > a).map(|&(_, _, i)| i)).collect();
    let mut party_words: HashSet<String> = HashSet::default();
    for (p, core) in parsed.iter().zip(&cores) {
        let w = text::words(&p.name);
        for i in 0..w.len() {
            for j in i + 1..=w.len().min(i + MAX_WINDOW) {
                party_words.insert(w.get(i..j).unwrap_or_default().join(" "));
            }
        }
        if p.hits.is_empty() {
            for c in core {
                party_words.remove(c);
            }
        }
    }
    // A window overlapping a party with hits is that party; a window overlapping a party without hits is a part
    // of it (only its core is screened again), unless it holds the whole party and more: a longer reading of a
    // name the parser cut short ("El cliente final es OJSC KEREMET BANK" read as "OJSC KEREMET").
    let blocked = |key: &str, first: usize, last: usize| {
        let overlap = in_party.get(first..last).unwrap_or_default();
        let party = overlap.iter().flatten().next().copied();
        let by_place = party.is_some_and(|i| {
            let inside = overlap.iter().all(|&p| p == Some(i));
            let at = |t: usize| in_party.get(t).copied().flatten();
            let whole = (first == 0 || at(first - 1).is_none()) && at(last).is_none();
            parsed.get(i).is_some_and(|p| !p.hits.is_empty())
                || if inside { cores.get(i).is_none_or(|c| !c.iter().any(|c| c == key)) } else { !whole }
        });
        by_place || party_words.contains(key)
    };
    let runs = runs(text, toks, &words);
    let placed = places_before(&ptext, toks);
    let unit_after = unit::units_after(text, toks, &words);
    let mut starts_place = vec![false; toks.len()];
    for p in geo().places_in_tokens(&ptext, toks) {
        if p.value.kind != PlaceKind::Adjective {
            if let Some(x) = starts_place.get_mut(p.first) {
                *x = true;
            }
        }
    }
    // Windows around seeds, each screened once by its text.
    let mut memo: HashMap<String, Option<f64>> = HashMap::default();
    let mut found: Vec<Found> = Vec::new();
    // Seeds before each token, to tell in constant time whether a window holds one.
    let mut seeds_before = vec![0usize; toks.len() + 1];
    for (i, w) in words.iter().enumerate() {
        seeds_before[i + 1] = seeds_before[i] + usize::from(w.seed);
    }
    let mut lower_before = vec![0usize; toks.len() + 1];
    for (i, w) in words.iter().enumerate() {
        lower_before[i + 1] = lower_before[i] + usize::from(w.lower);
    }
    let edge = |i: usize| words.get(i).is_some_and(|w| !w.joiner);
    // What a window is screened as: as written, a split brand as one word ("hik vision" as "hikvision"), or with
    // its declined words in the nominative ("концерне Калашников" as "концерн Калашников").
    let query_name = |first: usize, last: usize| match (toks.get(first), toks.get(last.wrapping_sub(1))) {
        (Some(a), Some(b)) if last == first + 2 && words.get(first).is_some_and(|w| w.joined) => {
            format!("{}{}", a.norm, b.norm)
        }
        (Some(a), Some(b)) => {
            let mut q = String::new();
            let mut at = a.start;
            for (t, head) in
                toks.get(first..last).unwrap_or_default().iter().zip(heads.get(first..last).unwrap_or_default())
            {
                if let Some(h) = head {
                    q.push_str(text.get(at..t.start).unwrap_or_default());
                    q.push_str(h);
                    at = t.end;
                }
            }
            q.push_str(text.get(at..b.end).unwrap_or_default());
            q
        }
        _ => String::new(),
    };
    let mut key = String::new();
    'runs: for &(a, b) in &runs {
        for first in (a..b).filter(|&i| edge(i)) {
            // At most MAX_WINDOW words, not counting joiners and initials ("Ministry of Finance of the Russian
            // Federation", "Iskra ... JSC named after I.I. Kartukov"), and at most twice as many tokens.
            let mut counted = 0;
            for last in first + 1..=(first + 2 * MAX_WINDOW).min(b) {
                let (Some(w), Some(t)) = (words.get(last - 1), toks.get(last - 1)) else { break };
                counted += usize::from(!w.joiner && t.norm.chars().nth(1).is_some());
                if counted > MAX_WINDOW {
                    break;
                }
                // A word in lower case among capitals is part of a name only before a legal form, which is then
                // the evidence (such windows are few: at most one per word before each legal form); any other
                // window must hold a seed.
                let lower = lower_before[last] > lower_before[first];
                let seeded = seeds_before[last] > seeds_before[first];
                let before_place = placed.get(last).copied().unwrap_or(false);
                // Or a window right before a place: with a seed when it holds words in lower case, and of two
                // words or more when it holds none (a listed name of company words only).
                let placed_ok = before_place && if lower { seeded } else { counted >= 2 }
                    // Or a window of three words or more that begins with a place ("Harbin Inst. of Tech."): a listed
                    // name of a place and company words.
                    || (!lower && counted >= 3 && starts_place.get(first).copied().unwrap_or(false));
                // Or, in lower case, with a seed and a unit's name after it ("mahan air cargo dept").
                let unit_ok = lower && seeded && unit_after.get(last).copied().unwrap_or(false);
                if !edge(last - 1) || (lower && !w.legal && !placed_ok && !unit_ok) || (!lower && !seeded && !placed_ok)
                {
                    continue;
                }
                if toks.get(first).is_none() || toks.get(last - 1).is_none() {
                    continue;
                }
                key.clear();
                for t in toks.get(first..last).unwrap_or_default() {
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(&t.norm);
                }
                if blocked(&key, first, last) {
                    continue;
                }
                let score = match memo.get(&key) {
                    Some(v) => *v,
                    None => {
                        if out.windows >= MAX_QUERIES {
                            out.complete = false;
                            break 'runs;
                        }
                        out.windows += 1;
                        let q = PartyQuery { name: query_name(first, last), ..PartyQuery::default() };
                        let best = s.screen_party_brief(&q).best.map(|h| h.score);
                        memo.insert(key.clone(), best);
                        best
                    }
                };
                if let Some(score) = score {
                    found.push(Found { first, last, score });
                }
            }
        }
    }
    // Best window first (then the longer one): a window overlapping a better one is the same name, or a part of it.
    crate::sort::sort_by(&mut found, |x, y| {
        y.score.total_cmp(&x.score).then((y.last - y.first).cmp(&(x.last - x.first)))
    });
    // The best score a parsed party got on each entry: a window that finds the entry more convincingly (the parser
    // read the name with a word too many or too few) is still reported, so the stronger evidence decides.
    let mut known: HashMap<(&str, &str), f64> = HashMap::default();
    for h in parsed.iter().flat_map(|p| p.hits.iter()) {
        let best = known.entry((h.list_id.as_str(), h.entry_id.as_str())).or_insert(h.score);
        *best = best.max(h.score);
    }
    let mut taken = vec![false; toks.len()];
    let mut reported: HashSet<(String, String)> = HashSet::default();
    let mut full: HashMap<String, Vec<Hit>> = HashMap::default();
    for f in found {
        if taken.get(f.first..f.last).is_none_or(|w| w.iter().any(|&x| x)) {
            continue;
        }
        let (Some(ft), Some(lt)) = (toks.get(f.first), toks.get(f.last - 1)) else { continue };
        let (start, end) = (ft.start, lt.end);
        let query = query_name(f.first, f.last);
        let name = query.as_str();
        let as_written = written.get(start..end).unwrap_or_default();
        let country = country_after(&ptext, toks, f.last);
        // One word, two words that make one ("Rosoboron Export" for Rosoboronexport), or initials written with
        // dots ("P.A.E.C.").
        let one_word = f.last - f.first == 1
            || (f.last - f.first == 2 && words.get(f.first).is_some_and(|w| w.joined))
            || toks.get(f.first..f.last).is_some_and(|w| w.iter().all(|t| t.norm.chars().count() == 1));
        let ctx = Context {
            lower: lower_before[f.last] > lower_before[f.first],
            placed: country.is_some(),
            unit: unit_after.get(f.last).copied().unwrap_or(false),
            street: crate::geo::in_street_name(text, toks, f.first, f.last),
            alone: one_word && written_as_name(text, toks, f.first) && {
                // Alone: no name-like word beside it in its clause ("Mark Jensen" is a person's name, not
                // "Jensen"; "forwarded to Belneftekhim in Minsk" holds one name).
                let beside = |j: usize| {
                    words.get(j).is_some_and(|w| w.name_like && !w.joiner)
                        && !breaks_between(text, toks, j.max(f.first), &words)
                };
                !f.first.checked_sub(1).is_some_and(beside) && !beside(f.last)
            },
        };
        // A one-word listed name that is an ordinary word needs the text's support (ordinary.rs), which depends on
        // where the window is: part of the key of the screenings kept.
        let support = if ordinary::quoted(text, toks, f.first, f.last) {
            Some(ordinary::Support::Quoted)
        } else if !casing.shouting && !casing.caseless && acronym_written(name) {
            Some(ordinary::Support::Capitals)
        } else {
            None
        };
        let key = format!(
            "{} {} {} {} {} {} {} {:?}",
            ctx.street,
            ctx.placed,
            ctx.unit,
            text::words(name).join(" "),
            country.as_deref().unwrap_or_default(),
            ctx.lower,
            ctx.alone,
            support
        );
        let hits = full
            .entry(key)
            .or_insert_with(|| {
                let q = PartyQuery { name: name.to_string(), country: country.clone(), ..PartyQuery::default() };
                let qn = normalize(name);
                s.screen_party(&q)
                    .hits
                    .into_iter()
                    .filter(|h| convincing(s, name, &qn, h, casing, ctx))
                    .filter_map(|mut h| ordinary::vouch(&mut h.explanation.evidence, &qn, support).then_some(h))
                    .collect()
            })
            .clone();
        if hits.is_empty() {
            continue;
        }
        for t in taken.iter_mut().take(f.last).skip(f.first) {
            *t = true;
        }
        let hits: Vec<Hit> = hits
            .into_iter()
            .filter(|h| known.get(&(h.list_id.as_str(), h.entry_id.as_str())).is_none_or(|&k| h.score > k + 1e-9))
            .filter(|h| reported.insert((h.list_id.clone(), h.entry_id.clone())))
            .collect();
        if hits.is_empty() {
            continue;
        }
        out.parties.push(PartyReport {
            role: "namedInText".into(),
            name: as_written.to_string(),
            country,
            address: None,
            hits,
            span: Some(text::span(written, start, end)),
        });
    }
    // A listed organisation's one-word short form that the text writes as a name: in brackets or quotes right after
    // a name ("das Minsker Radschlepperwerk (MZKT)", "İran Uçak Sanayii (HESA)", "НПО «Ижмаш»"), as the whole name
    // of a party the parser read ("Cliente final: PDVSA"), or as an acronym with a place after it ("to DJI in
    // Shenzhen"). The scorer holds a one-word alias below the threshold on its own; the way the text writes it is
    // the second signal, and the listed country written with it a third (issue #13: "evidence decides the weak
    // cases": a country that agrees lifts a hit to a stop).
    let mut shorts: HashSet<String> = HashSet::default();
    for i in 0..toks.len() {
        let Some(t) = toks.get(i) else { break };
        // Initials written with dots ("Carrier: I.R.I.S.L.") are one short form, the acronym they spell.
        let dotted = short::dotted_initials(text, toks, i);
        if taken.get(i).copied().unwrap_or(true) || (dotted == 0 && blocked(&t.norm, i, i + 1)) {
            continue;
        }
        // The parsed party the token lies in, with its name's words, brackets aside (computed once per party).
        let p = in_party.get(i).copied().flatten();
        let party = p.and_then(|p| parsed.get(p));
        let core = p.and_then(|p| cores.get(p)).map(Vec::as_slice);
        let (end, norm) = if dotted > 0 {
            let acronym: String = toks.get(i..i + dotted).unwrap_or_default().iter().map(|t| t.norm.as_str()).collect();
            if party.is_some_and(|p| !p.hits.is_empty()) || party_words.contains(&acronym) {
                continue;
            }
            (i + dotted, acronym)
        } else {
            (i + 1, t.norm.clone())
        };
        let why = if dotted > 0 {
            short::dotted_short_form(&norm, toks, end, party.zip(core), &ptext)
        } else {
            short_form(text, toks, i, casing, party.zip(core), &ptext)
        };
        let Some(why) = why else { continue };
        if !shorts.insert(norm.clone()) {
            continue;
        }
        if out.windows >= MAX_QUERIES {
            out.complete = false;
            break;
        }
        out.windows += 1;
        let end_byte = toks.get(end - 1).map_or(t.end, |e| e.end);
        let upper = norm.to_upper();
        let name = if dotted > 0 { upper.as_str() } else { text.get(t.start..t.end).unwrap_or_default() };
        let country = match why {
            ShortForm::Party => party.and_then(|p| p.country.clone()),
            _ => None,
        }
        .or_else(|| country_after(&ptext, toks, end));
        let q = PartyQuery { name: name.to_string(), country: country.clone(), ..PartyQuery::default() };
        let threshold = s.config().threshold;
        let stop = s.config().stop_threshold.max(threshold);
        let floor = SHORT_FORM_FLOOR.min(threshold - 0.05);
        let hits: Vec<Hit> = s
            .screen_party_at(&q, floor)
            .into_iter()
            .filter(|h| short_form_hit(s, h, floor))
            .filter(|h| match why {
                // The place written with it must be the entry's; a party's country must not be another.
                ShortForm::Placed => country_agrees(h),
                ShortForm::Party => !country_disagrees(h),
                ShortForm::Bracketed => true,
            })
            .map(|mut h| {
                let lift = if country_agrees(&h) { stop } else { threshold };
                if h.score < lift {
                    h.explanation.evidence.push(crate::report::Evidence {
                        kind: "text".into(),
                        supports: true,
                        detail: why.detail().into(),
                        adjustment: crate::score::round3(lift - h.score),
                        identifier: None,
                    });
                    h.score = lift;
                }
                h
            })
            .filter(|h| known.get(&(h.list_id.as_str(), h.entry_id.as_str())).is_none_or(|&k| h.score > k + 1e-9))
            .filter(|h| reported.insert((h.list_id.clone(), h.entry_id.clone())))
            .collect();
        if hits.is_empty() {
            continue;
        }
        // The name the short form stands beside ("Korea Mining Development Trading Corp. (KOMID)"): where it names
        // the same entry more convincingly, its hit stands (a name of company words and a place, which no seed
        // brought to a window, is thus found by its listed acronym).
        let mut a = i.saturating_sub(1);
        let mut n = 1;
        while a > 0
            && n < MAX_WINDOW
            && !breaks_between(text, toks, a, &words)
            && words.get(a - 1).is_some_and(|w| w.name_like || w.joiner)
        {
            a -= 1;
            n += 1;
        }
        while a + 1 < i && words.get(a).is_some_and(|w| w.joiner) {
            a += 1;
        }
        let mut start = t.start;
        let mut hits = hits;
        if let (Some(ta), Some(tb)) = (toks.get(a), toks.get(i.wrapping_sub(1))) {
            let before = text.get(ta.start..tb.end).unwrap_or_default();
            let q = PartyQuery { name: before.to_string(), country: country.clone(), ..PartyQuery::default() };
            let named = s.screen_party(&q).hits;
            for h in hits.iter_mut() {
                if let Some(b) = named.iter().find(|b| b.list_id == h.list_id && b.entry_id == h.entry_id) {
                    if b.score > h.score {
                        *h = b.clone();
                        start = ta.start;
                    }
                }
            }
        }
        for x in taken.iter_mut().take(end).skip(a) {
            *x = true;
        }
        out.parties.push(PartyReport {
            role: "namedInText".into(),
            name: written.get(start..end_byte).unwrap_or(name).to_string(),
            country,
            address: None,
            hits,
            span: Some(text::span(written, start, end_byte)),
        });
    }
    crate::sort::sort_by_key(&mut out.parties, |p| p.span.as_ref().and_then(|s| s.start));
    out
}
