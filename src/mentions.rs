//! The safety net under the parser, between parsing and the rules: the whole pasted text is screened against the
//! loaded lists, whatever its layout, so that a listed name the parser did not read as a party (written into a
//! sentence, a signature, a letterhead, "they will be forwarded to X in Y") is still found. A listed entry that
//! no parsed party matched becomes a party "named in the text" (role `namedInText`) with its span and its hits;
//! the verdict policy gives it at least a review.
//!
//! How it stays cheap and linear in the text: the text is cut into runs of name-like words (capitalised words and
//! the joiners between them, inside one line and one clause; every word in a text written without capitals), and
//! only windows of at most [`MAX_WINDOW`] words around a *seed* are screened. A seed is a word that some listed
//! name holds and that is rare among listed names (its learnt weight in the index is at least [`SEED_WEIGHT`]),
//! not a company word, a place or a joiner. Each window goes through the matcher's own API
//! ([`Screener::screen_party_brief`], then [`Screener::screen_party`] for the few that hit), so it benefits from
//! every improvement of the matcher; identical windows are screened once. At most [`MAX_QUERIES`] windows are
//! screened per text: past that, the report says the text was screened in part.
//!
//! A window's hit must be at least as strong as a parsed party's, and stronger evidence is asked of a window than
//! of a party the parser read, because a text holds many windows: the listed name's distinctive words must all be
//! in the window, and a single word must be a rare one written as the list writes it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::geo::{geo, PlaceKind};
use crate::lists::model::{AliasKind, EntityKind};
use crate::normalize::{normalize, IgnoreReason, NormName};
use crate::report::{Hit, PartyReport};
use crate::screener::{PartyQuery, Screener};
use crate::text::{self, Token};

/// Longest window screened, in words (listed names longer than this are still found by their first words).
pub(crate) const MAX_WINDOW: usize = 6;
/// A seed's least learnt weight (a word held by few listed names).
pub(crate) const SEED_WEIGHT: f64 = 0.5;
/// A rare word's least learnt weight when it is written alone as a name and is a listed organisation's whole name.
const ALONE_WEIGHT: f64 = 0.7;
/// Most windows screened in one text.
pub(crate) const MAX_QUERIES: usize = 6_000;

/// Joiners that may stand between the words of a name, never at its edge.
const JOINERS: &[&str] = &[
    "of", "and", "for", "the", "de", "del", "der", "des", "du", "da", "di", "do", "dos", "la", "le", "les", "al", "el",
    "ul", "bin", "ibn", "von", "van", "y", "e", "et", "und", "i", "fur",
];

/// Words that never begin or end a listed name, in any case ("To Changzhou Utek ...").
const EDGE_WORDS: &[&str] =
    &["to", "in", "on", "at", "from", "with", "by", "via", "into", "an", "the", "and", "of", "for"];

/// What the safety net found and what it covered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Screened {
    /// One party per listed name found that no parsed party matched (role `namedInText`).
    pub parties: Vec<PartyReport>,
    /// Windows of the text screened against the lists.
    pub windows: usize,
    /// Whether every window was screened (false when [`MAX_QUERIES`] was reached).
    pub complete: bool,
}

/// How the text uses capitals.
#[derive(Clone, Copy, Default)]
struct Casing {
    /// Written without capitals (a chat message): every word may be part of a name.
    caseless: bool,
    /// Written mostly in capitals (a letter of credit, a telex): a word in capitals is no acronym.
    shouting: bool,
}

/// What a word of the text is, for cutting runs and choosing seeds.
#[derive(Clone, Copy, Default)]
struct Word {
    /// Written with a capital (or in a script without case, or a number).
    name_like: bool,
    joiner: bool,
    seed: bool,
    /// A legal form word ("corp", "OOO", "GmbH").
    legal: bool,
    /// Written in lower case in a text with capitals, and a legal form follows it within a window in its clause
    /// ("they go to hassan scientific corp"): part of a run only for windows ending in that legal form.
    lower: bool,
    /// This word and the next, written together, are a seed ("hik vision"): a window of the two is screened as
    /// one word.
    joined: bool,
}

/// How a window is written in its text, for what evidence its hit needs.
#[derive(Clone, Copy, Default)]
struct Context {
    /// It holds words in lower case in a text with capitals (and ends in a legal form).
    lower: bool,
    /// It is one word written as a name: capitalised inside a sentence, or in quotes.
    alone: bool,
    /// A place follows it in its clause ("Universal Enterprises Ltd. in Kowloon", "rockside enterprize, karachi").
    placed: bool,
    /// The name of one of its units follows it, up to the end of its clause ("mahan air cargo dept, IKA airport").
    unit: bool,
}

/// A window that hit, before overlapping windows are resolved.
struct Found {
    first: usize,
    last: usize,
    score: f64,
}

/// Screens the text, whose [`text::tokens`] are `toks`; `parsed` are the parties the parser read, already screened
/// (their entries are not reported again).
pub(crate) fn screen(s: &Screener, text: &str, toks: &[Token], parsed: &[PartyReport]) -> Screened {
    let mut out = screen_spelling(s, text, text, toks, parsed);
    // A text read by OCR ("Hasan Scient1fic C0rp") is screened once more as repaired: the repair keeps every byte
    // offset, so spans and names stay the text's own; what the first reading found (or the parser's parties with
    // hits) is not reported again.
    if let Some(fixed) = ocr::ocr_repaired(text) {
        let ftoks = text::tokens(&fixed);
        let known: Vec<PartyReport> = parsed
            .iter()
            .chain(&out.parties)
            .map(|p| PartyReport { name: ocr::ocr_repaired(&p.name).unwrap_or_else(|| p.name.clone()), ..p.clone() })
            .collect();
        let more = screen_spelling(s, &fixed, text, &ftoks, &known);
        out.windows += more.windows;
        out.complete &= more.complete;
        out.parties.extend(more.parties);
    }
    // A name read with a label before it, in a script without spaces ("发票开给常州联拓…").
    let mut queries = 0;
    for mut p in prefix::screen(s, text, parsed, s.config().stop_threshold, &mut queries) {
        p.hits.retain(|h| {
            !out.parties.iter().flat_map(|q| &q.hits).any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id)
        });
        if !p.hits.is_empty() {
            out.parties.push(p);
        }
    }
    // A listed Han name with the name of one of its units after it ("哈尔滨工业大学 航天学院").
    for mut p in unit::screen(s, text, toks, parsed, s.config().stop_threshold, &mut queries) {
        p.hits.retain(|h| {
            !out.parties.iter().flat_map(|q| &q.hits).any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id)
        });
        if !p.hits.is_empty() {
            out.parties.push(p);
        }
    }
    out.windows += queries;
    crate::sort::sort_by_key(&mut out.parties, |p| p.span.as_ref().and_then(|s| s.start));
    out
}

/// The safety net on one spelling of the text: `text` is screened, `written` (of the same byte length) names what
/// was found.
fn screen_spelling(s: &Screener, text: &str, written: &str, toks: &[Token], parsed: &[PartyReport]) -> Screened {
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
            "{} {} {} {} {} {} {:?}",
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
        let upper = norm.to_uppercase();
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

/// Whether a window's hit rests on enough: nothing distinctive of the listed name is missing from the window (the
/// scorer weighs what is missing; here none of it may be rare), and a window with one distinctive word is an
/// organisation's rare name matched as written, in capitals or another script (not a generated acronym, a
/// person's or a vessel's name, a capitalised word, a word of a text written without capitals: "Atlantic",
/// "Pearl", "Class" or "NAME" in an order are ordinary words).
fn convincing(s: &Screener, written: &str, window: &NormName, h: &Hit, casing: Casing, ctx: Context) -> bool {
    let ex = &h.explanation;
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

/// Reads each word: name-like (capitalised, or any word of a text written without capitals), a joiner, a seed;
/// and whether the text is written without capitals.
fn classify(s: &Screener, text: &str, ptext: &str, toks: &[Token]) -> (Vec<Word>, Casing) {
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
fn is_seed(memo: &mut HashMap<String, bool>, s: &Screener, t: &Token, written: &str) -> bool {
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
fn runs(text: &str, toks: &[Token], words: &[Word]) -> Vec<(usize, usize)> {
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
fn places_before(text: &str, toks: &[Token]) -> Vec<bool> {
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
fn breaks_between(text: &str, toks: &[Token], i: usize, words: &[Word]) -> bool {
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
fn country_after(text: &str, toks: &[Token], from: usize) -> Option<String> {
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

/// The flag of a text too long to screen whole: the verdict cannot be clear on the part left unscreened.
pub(crate) fn partial_flag(windows: usize) -> crate::report::Flag {
    crate::report::Flag {
        code: "text.screened-in-part".into(),
        severity: crate::report::Severity::Review,
        message: format!(
            "The pasted text holds more candidate names than one screening covers ({windows} were screened against \
             the lists); names further down were not checked. Screen the parties as a batch or in smaller parts."
        ),
        evidence: vec![],
        citation: "export-screen: safety net under the order parser (src/mentions.rs)".into(),
        action: Some("Split the text, or screen its parties as a batch.".into()),
    }
}

mod cases;
mod ocr;
pub(crate) mod ordinary;
mod prefix;
mod short;
mod unit;
mod words;

use short::{country_agrees, country_disagrees, short_form, short_form_hit, ShortForm, SHORT_FORM_FLOOR};
pub(crate) use words::without_brackets;
use words::{acronym_written, bracketed_parts, bracketed_words, only_places, parts, written_as_name};
#[cfg(test)]
mod tests;
