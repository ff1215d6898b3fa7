//! Stage 4: how well a query name matches one listed name, as a calibrated 0..1 score and its pieces.
//!
//! Both names arrive normalised ([`crate::normalize`]). Tokens are aligned one-to-one (greedy on similarity ×
//! weight) with these kinds of pair: exact, fuzzy (Jaro-Winkler with an edit-distance guard, never for numbers or
//! tokens of three letters or fewer), phonetic (transliteration variants), prefix (a truncated query token), joined
//! or split tokens ("Luoluo" / "Luo Luo"), acronyms in either direction ("PAEC" / "Pakistan Atomic Energy
//! Commission") and given names written as initials ("A.Q." / "Abdul Qadeer", never distinctive on their own).
//! Each side's coverage is the weighted share of its tokens that found a partner; the score blends the two
//! coverages so that a partial name still matches while a listed name with distinctive tokens the query lacks
//! does not. Generic tokens (company words, place names) weigh little and can never carry a match alone.
//! An exact match of a listed name or alias (after normalisation) is 1.0.

pub(crate) mod bound;
mod explain;
mod holds;
mod joined;
mod memo;
mod multi;
mod slips;
mod sound;
mod spelling;
mod token;

pub use explain::explain;
pub use holds::{
    all_generic_words, hold_registered_one_word, hold_registered_one_word_query, lift_slip_with_legal_form,
    one_generic_word, person_against_company, same_legal_forms, spells_out_one_word, two_syllables, written_as_company,
    written_as_person,
};
pub use memo::Memo;
use multi::multi_pairings;
pub use slips::SHORT_NAME_SYLLABLES;
use slips::{lone_syllable, loose_sim, one_typo, same_spelt, swapped};

pub use token::{letter_set, similarity, token_similarity, Shape, PARTIAL_MAX};

use crate::normalize::{consonants, NormName, Symbol, Token, Transcribed};

/// Weight of a token that the loaded lists do not tell us about.
pub const DEFAULT_WEIGHT: f64 = 1.0;
/// Most a generic token (company word, place name) can weigh.
pub const GENERIC_WEIGHT: f64 = 0.25;
/// Most a token of one or two letters can weigh (initials, stray letters).
pub const SHORT_WEIGHT: f64 = 0.4;
/// Weight of an article or joiner.
pub const STOPWORD_WEIGHT: f64 = 0.05;
/// Highest score a name can reach when only generic tokens agree.
pub const GENERIC_ONLY_CAP: f64 = 0.5;
/// Factor on a score that rests on a single distinctive word with other words unexplained.
pub const SINGLE_WORD_FACTOR: f64 = 0.92;

/// Weight of a patronymic relative to a name word: lists and orders often leave it out ("Maxim Mikhailov" /
/// "Maksim Sergeevich Mikhailov").
pub const PATRONYMIC_FACTOR: f64 = 0.4;
/// Similarity of two tokens that stand for one number ("2nd" / "Second") or one given name ("Pavlo" / "Pavel").
pub const NUMBER_SIM: f64 = 0.95;
pub const GIVEN_NAME_SIM: f64 = 0.9;
/// Similarity of two words that name one concept in two languages ("sanaye" / "industry", "gongsi" / "company"):
/// generic words both, so they weigh little whatever their similarity.
pub const CONCEPT_SIM: f64 = 0.95;
/// Below this similarity, the one distinctive word of a listed name is only resembled ("Samsara" / "Sansara"):
/// no match on that word alone.
pub const LOOSE_SIM: f64 = 0.91;
/// Below this similarity, a word only resembles its partner ("Minoru" / "Menara", "Nazim" / "Naeem"): beside one
/// other word that agrees only through a spelling key, not a match ("Minoru Sato" / "Menara Satu"). Transliterations
/// of one name stay above it ("Hamsho" / "Hemasho", "Eqtesad" / "Eghtesad").
pub const RESEMBLES_SIM: f64 = 0.82;
/// Letters from which the one distinctive word of a listed name may differ from the query's by a slip and still
/// carry a match: shorter words one letter apart are as often other names.
pub const LONG_WORD_CHARS: u32 = 8;
/// Letters of a word too short to carry a match alone when the names differ in other words ("IBEX" / "IBEX
/// SHIPPING"): such words are as often initials.
pub const SHORT_DISTINCTIVE_CHARS: u32 = 4;
/// Highest score of two names made of the same generic words only, two or more besides places ("Credit Bank
/// of Moscow"), or written alike when they are two generic words alone ("Integrated Solutions"): a hit for
/// review, never a certain one, and below the default stop threshold (0.90) unless other evidence supports it
/// (issue #13: "a generic-only match never scores above review"; "evidence decides the weak cases"): a country
/// that agrees lifts it to a stop ("General Technology Limited" of Hong Kong), one that disagrees holds it below
/// the threshold (see `Screener::adjust`). One generic word ("FINANCIAL CORPORATION") is held at
/// [`GENERIC_ONLY_CAP`].
pub const GENERIC_ALL_CAP: f64 = 0.88;
/// Factor on a score whose names hold patronymics that disagree.
pub const PATRONYMIC_MISMATCH_FACTOR: f64 = 0.85;
/// Highest score of a match that rests on weak evidence (one distinctive word with other words unexplained, a
/// weak or one-word alias, a person's name against a company): below the threshold, whatever else agrees,
/// unless an identifier agrees too.
pub const ONE_WORD_CAP: f64 = 0.75;
/// Factor on a score whose names hold numbers that disagree ("Unit 340" / "Unit 6000"), and the most such a
/// score can be: well below the threshold, whatever country evidence adds.
pub const NUMBER_MISMATCH_FACTOR: f64 = 0.7;
/// Highest score of a common name on its own ([`two_syllables`]): a hit for review below the default stop
/// threshold (0.90).
pub const COMMON_NAME_CAP: f64 = 0.85;
pub const NUMBER_MISMATCH_CAP: f64 = 0.7;

/// The number a token stands for: digits ("12", "2nd"), a number word or ordinal ("second", "zweite"), a Roman
/// numeral ending an organisation's name ("III").
fn number_value(t: &WTok) -> Option<u32> {
    if t.roman {
        return crate::normalize::roman_value(t.text);
    }
    match t.symbol {
        Some(Symbol::Number(n)) => Some(n),
        _ => None,
    }
}

/// Syllables of at most this many letters romanised from Han, Hangul or Kana are compared whole: spelt otherwise,
/// they are other syllables.
pub const SHORT_WORD_CHARS: u32 = 5;

/// Similarity of initials with the words they stand for ("A. Q." / "Abdul Qadeer").
pub const INITIALS_SIM: f64 = 0.75;

/// A token with its weight, as the scorer sees it.
#[derive(Clone, Debug)]
pub struct WTok<'a> {
    pub text: &'a str,
    /// The word as written ([`crate::normalize::Token::written`]) when a canonical rewrite changed it, else `text`:
    /// words joined are compared in both forms. A listed name's words as written are kept by the index beside their
    /// canonical tokens, so screening and `matchNames` read the same forms.
    pub written: &'a str,
    /// What token comparison reads besides the text, computed once per token rather than once per pair.
    pub shape: Shape<'a>,
    pub weight: f64,
    pub generic: bool,
    pub numeric: bool,
    pub stopword: bool,
    pub place: bool,
    pub loose: bool,
    /// A number, ordinal or given name the token stands for.
    pub symbol: Option<Symbol>,
    /// A patronymic: weighs [`PATRONYMIC_FACTOR`] of a name word.
    pub patronymic: bool,
    /// A Roman numeral ending an organisation's or vessel's name ([`crate::normalize::trailing_roman`]): compared as
    /// a number (never fuzzily, never as part of a joined word or initials); cleared in a person's name.
    pub roman: bool,
    /// Romanised from a script written in syllables ([`crate::normalize::Token::syllabic`]).
    pub syllabic: bool,
    /// Read from Han characters used for their sound ([`crate::normalize::Token::transcribed`]).
    pub transcribed: Transcribed,
    /// The token's id in the index's vocabulary ([`NO_ID`] for a token the index does not hold), so that a query
    /// compares each of its tokens with each vocabulary word once however many candidates hold it ([`Memo`]).
    pub id: u32,
}

/// [`WTok::id`] of a token outside the index's vocabulary.
pub const NO_ID: u32 = u32::MAX;

/// Default weight of a token when no list statistics are at hand (`matchNames`).
pub fn prior_weight(t: &Token) -> f64 {
    if t.stopword {
        STOPWORD_WEIGHT
    } else if t.numeric {
        DEFAULT_WEIGHT
    } else if t.generic {
        GENERIC_WEIGHT
    } else if t.text.chars().count() <= 2 {
        SHORT_WEIGHT
    } else {
        DEFAULT_WEIGHT
    }
}

/// For a name known to be a person's: company words and place names are ordinary names there ("Li Hong",
/// "GOLD, Ali", "Young"), so they weigh as any other word and may carry a match.
pub fn as_person(w: &mut [WTok]) {
    for t in w.iter_mut() {
        t.roman = false;
    }
    for t in w.iter_mut().filter(|t| (t.generic || t.place) && !t.stopword && !t.numeric) {
        t.generic = false;
        t.place = false;
        t.weight = if t.text.chars().count() <= 2 { SHORT_WEIGHT } else { DEFAULT_WEIGHT };
    }
}

/// The list-independent weights of a name ([`prior_weight`]), as a person's name when `person` is set.
pub fn weigh_prior(n: &NormName, person: bool) -> Vec<WTok<'_>> {
    let mut w = weigh(n, prior_weight);
    if person {
        as_person(&mut w);
    }
    w
}

/// Weighs a normalised name's tokens with `w`.
pub fn weigh<'a>(n: &'a NormName, w: impl Fn(&Token) -> f64) -> Vec<WTok<'a>> {
    n.tokens
        .iter()
        .map(|t| WTok {
            text: &t.text,
            written: t.written(),
            shape: Shape::of(&t.text),
            weight: w(t) * if t.patronymic { PATRONYMIC_FACTOR } else { 1.0 },
            generic: t.generic,
            numeric: t.numeric,
            stopword: t.stopword,
            place: t.place,
            loose: t.loose,
            id: NO_ID,
            symbol: t.symbol,
            patronymic: t.patronymic,
            roman: t.roman,
            syllabic: t.syllabic,
            transcribed: t.transcribed,
        })
        .collect()
}

/// Names longer than this many tokens are compared on their first 64 tokens (token sets are bit masks).
pub const MAX_TOKENS: usize = 64;

/// Most tokens one token can be split into ("Van der Bilt").
const MAX_JOIN: usize = 4;

/// One accepted alignment between query tokens and listed tokens (as bit masks of token positions).
#[derive(Clone, Copy, Debug)]
pub struct Pairing {
    pub q: u64,
    pub c: u64,
    pub sim: f64,
    pub how: &'static str,
}

/// The scored comparison of two names; the explanation is built from it only for hits.
#[derive(Clone, Debug, Default)]
pub struct NameScore {
    pub score: f64,
    pub query_coverage: f64,
    pub listed_coverage: f64,
    pub chosen: Vec<Pairing>,
    /// Whether a non-generic token took part in the match.
    pub distinctive: bool,
    /// Why the score was held below the threshold, when it was ("generic words only", "one distinctive word"):
    /// the explanation names it.
    pub capped: Option<&'static str>,
    /// The score before [`ONE_WORD_CAP`] held it, when nothing held it but a slip of the keyboard in the listed
    /// name's one distinctive word ("Orofino" / "Oroino"): a second signal, a legal form both names give, lifts the
    /// hold ([`lift_slip_with_legal_form`]).
    pub slip_held: Option<f64>,
}

/// The positions set in a mask, lowest first.
fn bits(mut m: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            i
        })
    })
}

fn mask_weight(toks: &[WTok], m: u64) -> f64 {
    bits(m).filter_map(|i| toks.get(i)).map(|t| t.weight).sum()
}

/// Scores a query against one listed name. `q` and `c` are weighed tokens of the normalised names.
pub fn score_tokens(q: &[WTok], c: &[WTok]) -> NameScore {
    score_tokens_memo(q, c, &mut Memo::default())
}

/// [`score_tokens`] with the token similarities of this query kept in `memo` across candidates.
pub fn score_tokens_memo(q: &[WTok], c: &[WTok], memo: &mut Memo) -> NameScore {
    score_tokens_tails(q, c, ("", ""), memo)
}

/// [`score_tokens_memo`] knowing the initials of the legal forms that ended each name ([`NormName::legal_tail`],
/// query's first), which acronyms may spell.
pub fn score_tokens_tails(q: &[WTok], c: &[WTok], tails: (&str, &str), memo: &mut Memo) -> NameScore {
    let q = &q[..q.len().min(MAX_TOKENS)];
    let c = &c[..c.len().min(MAX_TOKENS)];
    let mut cands: Vec<Pairing> = Vec::new();
    for (i, a) in q.iter().enumerate() {
        for (j, b) in c.iter().enumerate() {
            // Two different numbers never correspond ("Unit 190" / "Unit 6000", "Explorer III" / "Explorer VI"),
            // and a Roman numeral corresponds only to itself or its number.
            match (number_value(a), number_value(b)) {
                (Some(x), Some(y)) if x != y => continue,
                (Some(_), Some(_)) if (a.roman || b.roman) && a.text != b.text => {
                    cands.push(Pairing { q: 1u64 << i, c: 1u64 << j, sim: NUMBER_SIM, how: "number" });
                    continue;
                }
                _ if (a.roman || b.roman) && a.text != b.text => continue,
                _ => {}
            }
            let sym = match (a.symbol, b.symbol) {
                (Some(x), Some(y)) if x == y && a.text != b.text => Some(x),
                _ => None,
            };
            if let Some(x) = sym {
                let (sim, how) = match x {
                    Symbol::Number(_) => (NUMBER_SIM, "number"),
                    Symbol::GivenName(_) => (GIVEN_NAME_SIM, "given-name equivalent"),
                    Symbol::Concept(_) => (CONCEPT_SIM, "same concept"),
                };
                cands.push(Pairing { q: 1u64 << i, c: 1u64 << j, sim, how });
            }
            let loose = (a.loose || b.loose) && !a.numeric && !b.numeric && !a.stopword && !b.stopword;
            if let Some((sim, how)) = memo.get_or(i, b.id, || similarity(a.text, &a.shape, b.text, &b.shape)) {
                // A syllable romanised from Han, Hangul or Kana is spelt exactly: a short word spelt otherwise is
                // another syllable ("Liang" / "Ling", "Meng" / "Ming", "Huan" / "Huang"). Unless their spelling keys
                // agree, such a pair ranks a name but carries no more than a partial one.
                // A romanised syllable is a whole word: the start of a longer one is another name ("jian" 建 /
                // "jiantong").
                // A romanised syllable is spelt exactly against a longer word too: "zhong" 钟 is not "Zhihong", a
                // given name of two syllables.
                let longer = |x: &WTok, y: &WTok| x.syllabic && x.shape.chars < y.shape.chars;
                let short = (a.syllabic || b.syllabic) && a.shape.chars.max(b.shape.chars) <= SHORT_WORD_CHARS
                    || matches!(how, "fuzzy" | "transliteration") && (longer(a, b) || longer(b, a))
                    || how == "prefix"
                        && (a.syllabic && a.shape.chars < b.shape.chars || b.syllabic && b.shape.chars < a.shape.chars);
                // Two neighbouring letters swapped is a slip of the keyboard, not another syllable ("Qiagn" /
                // "Qiang", "Cehn" / "Chen").
                let (sim, how) = if short
                    && matches!(how, "fuzzy" | "transliteration" | "prefix")
                    && a.shape.key != b.shape.key
                    && !swapped(a.text, b.text)
                {
                    (sim.min(PARTIAL_MAX), "partial")
                } else {
                    (sim, how)
                };
                cands.push(Pairing { q: 1u64 << i, c: 1u64 << j, sim, how });
            } else if loose {
                // Arabic script leaves short vowels unwritten: compare consonants ("mhmd" / "muhammad").
                let (ka, kb) = (consonants(a.text), consonants(b.text));
                // An abjad writes a word's first vowel (alef, ayin): "ntn" (נתן, Natan) is not "Antonio".
                let vowel_start = |t: &WTok| t.text.starts_with(['a', 'e', 'i', 'o', 'u']);
                let first_vowel_lost = a.loose != b.loose
                    && if a.loose { vowel_start(b) && !vowel_start(a) } else { vowel_start(a) && !vowel_start(b) };
                if ka == kb && !first_vowel_lost && (ka.len() >= 2 || a.text.len().max(b.text.len()) <= 4) {
                    cands.push(Pairing { q: 1u64 << i, c: 1u64 << j, sim: loose_sim(a, b), how: "consonants" });
                }
            }
        }
    }
    multi_pairings(q, c, tails.1, false, false, &mut cands);
    multi_pairings(c, q, tails.0, true, false, &mut cands);
    sound::pairings(q, c, false, &mut cands);
    sound::pairings(c, q, true, &mut cands);

    // Greedy alignment: the most valuable pairings first (stable, so ties keep their order), each token used once.
    // The chosen pairings stay in the candidates' own buffer.
    let value = |p: &Pairing| p.sim * (mask_weight(q, p.q) + mask_weight(c, p.c));
    crate::sort::sort_by(&mut cands, |a, b| value(b).total_cmp(&value(a)).then(b.sim.total_cmp(&a.sim)));
    let (mut used_q, mut used_c) = (0u64, 0u64);
    cands.retain(|p| {
        if p.q & used_q != 0 || p.c & used_c != 0 {
            return false;
        }
        used_q |= p.q;
        used_c |= p.c;
        true
    });
    let chosen = cands;

    // An unmatched generic word in the query (a city appended to the name, "Trading") says little about identity:
    // it counts half, so it lowers coverage less than an unmatched distinctive word. The listed name counts whole.
    // An unmatched place name in the query is most likely an address written into the name: it counts a fifth,
    // unless the listed name has a place of its own that the query lacks ("Huawei Cloud Chile" / "Huawei Cloud
    // Switzerland"): then the two places disagree, and it counts whole.
    let listed_other_place = c.iter().enumerate().any(|(j, t)| t.place && used_c & (1u64 << j) == 0);
    let place_share = if listed_other_place { 1.0 } else { 0.2 };
    let total_q: f64 = q
        .iter()
        .enumerate()
        .map(|(i, t)| match (used_q & (1u64 << i) != 0, t.place, t.generic) {
            (true, _, _) => t.weight,
            (false, true, _) => t.weight * place_share,
            (false, false, true) => t.weight * 0.5,
            (false, false, false) => t.weight,
        })
        .sum();
    let total_c: f64 = c.iter().map(|t| t.weight).sum();
    let (mut got_q, mut got_c) = (0.0, 0.0);
    let mut distinctive_pairs = 0usize;
    let mut inexact_distinctive = false;
    for p in &chosen {
        // A pair past its edit budget ranks a name above one with no pair there, but lends it little coverage.
        let credit = if p.how == "partial" { p.sim * p.sim } else { p.sim };
        got_q += mask_weight(q, p.q) * credit;
        got_c += mask_weight(c, p.c) * credit;
        let strong = |toks: &[WTok], m: u64| bits(m).filter_map(|i| toks.get(i)).any(|t| !t.generic && !t.stopword);
        // An acronym spells a whole run of words, generic ones too ("SMIC" / "Semiconductor Manufacturing
        // International"): the acronym itself is the distinctive word.
        let acronym = p.how == "acronym" && (strong(q, p.q) || strong(c, p.c));
        if !matches!(p.how, "initials" | "partial") && (acronym || strong(q, p.q) && strong(c, p.c)) {
            distinctive_pairs += 1;
            // A single listed word that the query only resembles ("SYSCO" / "SISCO").
            let listed_words = c.iter().filter(|t| !t.stopword).count();
            inexact_distinctive |= p.sim < 1.0 && listed_words == 1 && p.q.count_ones() == 1;
        }
    }
    let distinctive = distinctive_pairs > 0;
    // Two distinctive words that both only resemble their partners, neither written alike nor with one spelling key
    // ("Florian Hermans" / "Florez Hermanos", "Sanya Babu" / "BABA, Samiya"): two approximations are likelier by
    // chance than one word that agrees.
    let same_key = |p: &Pairing| {
        let (Some(a), Some(b)) = (q.get(p.q.trailing_zeros() as usize), c.get(p.c.trailing_zeros() as usize)) else {
            return false;
        };
        p.q.count_ones() == 1 && p.c.count_ones() == 1 && a.shape.key == b.shape.key
    };
    let written = |p: &Pairing| {
        matches!(p.how, "exact" | "number" | "given-name equivalent" | "acronym")
            || p.how == "joined" && p.sim >= 1.0
            || p.how != "consonants" && same_key(p)
            || p.how == sound::HOW && p.sim >= sound::EXACT
    };
    let strong_pair = |p: &Pairing| {
        let strong = |toks: &[WTok], m: u64| bits(m).filter_map(|i| toks.get(i)).any(|t| !t.generic && !t.stopword);
        !matches!(p.how, "initials" | "partial") && strong(q, p.q) && strong(c, p.c)
    };
    // A spelling key shared by one pair does not make up for a pair that only resembles its partner, neither a
    // slip of the keyboard nor one word spelt two ways ("Minoru Sato" / "Menara Satu", "Nazim al-Sheikh" / "Naeem
    // Sheikh"): unless some distinctive word is written alike, the two are likelier other names.
    let written_alike = |p: &Pairing| {
        matches!(p.how, "exact" | "number" | "given-name equivalent" | "acronym")
            || p.how == "joined" && p.sim >= 1.0
            || p.how == sound::HOW && p.sim >= sound::EXACT
    };
    let strong_pairs = || chosen.iter().filter(|p| strong_pair(p));
    let loose_pair = |p: &Pairing| p.sim < RESEMBLES_SIM && !one_typo(q, c, p) && !same_spelt(q, c, p);
    let approximate_only = distinctive_pairs == 2
        && (!strong_pairs().any(written) || !strong_pairs().any(written_alike) && strong_pairs().any(loose_pair));
    let cov_q = if total_q > 0.0 { got_q / total_q } else { 0.0 };
    let cov_c = if total_c > 0.0 { got_c / total_c } else { 0.0 };
    let (lo, hi) = if cov_q < cov_c { (cov_q, cov_c) } else { (cov_c, cov_q) };
    let mut score = 0.45 * lo + 0.55 * hi;
    // The higher coverage alone must not lift a name whose other side is mostly unexplained.
    score = score.min(lo + 0.35);
    let all_used = |toks: &[WTok], used: u64, skip_places: bool| {
        toks.iter().enumerate().all(|(i, t)| t.stopword || (skip_places && t.place) || used & (1u64 << i) != 0)
    };
    let all_paired = all_used(q, used_q, true) && all_used(c, used_c, false);
    // A match that rests on one distinctive word while other words stay unexplained is weaker evidence than the
    // coverages say ("Atlas Corp" / "ATLAS SHIPPING"): two agreeing distinctive words are far less likely by chance.
    // The same holds when the listed name is one word that the query only resembles ("SYSCO" / "SISCO").
    if distinctive_pairs == 1 && (!all_paired || inexact_distinctive) {
        score *= SINGLE_WORD_FACTOR;
    }
    // A word of four letters or fewer is as often some other company's initials ("IBEX", "SES", "IAC", "XPO"): alone
    // beside listed words the query lacks ("IBEX" / "IBEX SHIPPING"), it ranks a name but does not carry a match. A
    // listed short form that the query extends ("DJI" / "Shenzhen DJI Technology") still does.
    let short_word_only = distinctive_pairs == 1
        && !all_used(c, used_c, false)
        && chosen.iter().filter(|p| strong_pair(p)).all(|p| {
            !matches!(p.how, "acronym" | sound::HOW)
                && bits(p.c).filter_map(|j| c.get(j)).all(|t| t.shape.chars <= SHORT_DISTINCTIVE_CHARS)
        });
    // Numbers that disagree ("Unit 340" / "Unit 6000", "140 Repair Plant" / "141"): a number on each side left
    // without its equal is a different entity, whatever the words say.
    let number = |t: &WTok| number_value(t).is_some() || t.numeric;
    let unmatched_number =
        |toks: &[WTok], used: u64| toks.iter().enumerate().any(|(i, t)| number(t) && used & (1u64 << i) == 0);
    let numbers_disagree = unmatched_number(q, used_q) && unmatched_number(c, used_c);
    // Generic words alone never carry a match, unless the two names are the same words in another order.
    // Initials and truncated words are too loose for that ("Business World" / "Business Worldwide").
    let mut capped = None;
    // When every word of both names pairs up, the two are one name made of generic words ("Credit Bank of Moscow",
    // "International Trading Company" in another order): a match, but never a certain one.
    let generic_words = |toks: &[WTok]| toks.iter().filter(|t| !t.stopword && !t.place).count();
    if !distinctive
        && all_paired
        && generic_words(c) >= 2
        && !chosen.iter().any(|p| matches!(p.how, "initials" | "prefix" | "partial"))
    {
        score = score.min(GENERIC_ALL_CAP);
        capped = Some("every word agrees, but all are generic words");
    } else if !distinctive {
        score = score.min(GENERIC_ONLY_CAP);
        capped = Some("only generic words agree");
    }
    // Patronymics that disagree ("Veniamin Eduardovich" / "Veniamin Ivanovich"): different fathers.
    let unmatched_patronymic =
        |toks: &[WTok], used: u64| toks.iter().enumerate().any(|(i, t)| t.patronymic && used & (1u64 << i) == 0);
    if unmatched_patronymic(q, used_q) && unmatched_patronymic(c, used_c) {
        score *= PATRONYMIC_MISMATCH_FACTOR;
    }
    // A listed name with one distinctive word carries a match only when the query has that word (exactly, or as a
    // transliteration, number or given-name variant) and no other word of its own besides places: "Rexford
    // Industrial Realty" is not "REXFORD LTD", "Samsara" is not "SANSARA".
    // A single letter ("SOFIA K", "Ariel S") is an initial, not a distinctive word of its own.
    let listed_distinctive = c.iter().filter(|t| !t.generic && !t.stopword && t.text.chars().nth(1).is_some()).count();
    let mut slip_score = None;
    if listed_distinctive == 1 && distinctive && capped.is_none() {
        // A short word one letter or sound from the listed one is often another name ("Nike" / "Nikea", "Tetra" /
        // "Terra", "Alcon" / "Alkon"); a long one rarely is ("Rosoboronexpotr").
        let long = |p: &Pairing| bits(p.c).filter_map(|j| c.get(j)).all(|t| t.shape.chars >= LONG_WORD_CHARS);
        let loose_pair = chosen.iter().any(|p| {
            bits(p.c).filter_map(|j| c.get(j)).any(|t| !t.generic && !t.stopword)
                && !matches!(p.how, "number" | "given-name equivalent" | "same concept" | "acronym")
                && !(p.how == sound::HOW && p.sim >= sound::STRONG)
                && (p.sim < LOOSE_SIM && !one_typo(q, c, p) || p.sim < 1.0 && !long(p) && !same_spelt(q, c, p))
                && !spelling::confusable_spelling(q, c, p)
        });
        // Extra query words: one distinctive word, or two generic ones ("Industrial Realty"); one generic word
        // ("Hasan Scientific Trading Corp" / "Hassan Scientific Corporation") is how orders add a company word.
        // A query word that only an initial of the listed name stands for is unexplained ("Sonia Kanik" /
        // "SOFIA K").
        let explained = chosen.iter().filter(|p| p.how != "initials").fold(0u64, |m, p| m | p.q);
        let extra = |generic: bool| {
            q.iter()
                .enumerate()
                .filter(|(i, t)| !t.stopword && !t.place && t.generic == generic && explained & (1u64 << i) == 0)
                .count()
        };
        // Generic words added to a listed name of two words or more that the query carries whole ("Korea Ryonha
        // Machinery Joint Venture Corporation" / "Ryonha Machinery Corporation") describe the same company.
        let whole_listed = c.iter().filter(|t| !t.stopword).count() >= 2 && all_used(c, used_c, false);
        let query_extra = extra(false) >= 1 || extra(true) >= 2 && !whole_listed;
        if loose_pair || query_extra {
            // Held only for a slip of the keyboard (a letter left out or struck for its neighbour)?
            let slip = !query_extra
                && chosen.iter().all(|p| {
                    p.sim >= 1.0
                        || !bits(p.c).filter_map(|j| c.get(j)).any(|t| !t.generic && !t.stopword)
                        || one_typo(q, c, p)
                });
            slip_score = slip.then_some(score);
            score = score.min(ONE_WORD_CAP);
            capped = Some("the listed name has one distinctive word");
        }
    }
    // A match that rests only on spelling keys (transliteration variants, consonants of a word written without
    // vowels) must hold in every word: an extra key makes resemblance likelier, so it asks more agreement than
    // the written form ("Omri Kohen" / "Chechen Omar").
    let keyed = |p: &Pairing| matches!(p.how, "transliteration" | "consonants" | sound::HOW);
    let key_only = chosen.iter().any(keyed)
        && chosen.iter().all(|p| keyed(p) || matches!(p.how, "initials" | "partial" | "prefix"));
    if key_only && !all_paired && capped.is_none() && score > ONE_WORD_CAP {
        score = ONE_WORD_CAP;
        capped = Some("the names agree only through spelling keys, and not in every word");
    }
    if short_word_only && capped.is_none() && score > ONE_WORD_CAP {
        score = ONE_WORD_CAP;
        capped = Some("the names share one short word and no other");
    }
    if lone_syllable(q, c, &chosen) && capped.is_none() && score > ONE_WORD_CAP {
        score = ONE_WORD_CAP;
        capped = Some("a syllable of one name has no partner in the other");
    }
    if approximate_only && capped.is_none() && score > ONE_WORD_CAP {
        score = ONE_WORD_CAP;
        capped = Some("the names agree in two words, neither of them exactly");
    }
    // Numbers that disagree: numbered units, vessels and plants of one group are different entities ("IRGC-QF Unit
    // 190" / "Unit 6000", "Tc Lng Explorer III" / "VI", "140 Repair Plant" / "141"), whatever else agrees.
    if numbers_disagree {
        score = (score * NUMBER_MISMATCH_FACTOR).min(NUMBER_MISMATCH_CAP);
        capped = Some("the names hold numbers that disagree");
    }
    // The one-word hold rested on a slip alone when no other hold would have applied.
    let slip_held = slip_score.filter(|_| !key_only && !short_word_only && !approximate_only && !numbers_disagree);
    NameScore {
        score: score.clamp(0.0, 1.0),
        query_coverage: cov_q,
        listed_coverage: cov_c,
        chosen,
        distinctive,
        capped,
        slip_held,
    }
}

/// Scores two normalised names: exact normalised equality is 1.0, otherwise the token alignment.
/// `qkey` and `ckey` are hashes of the names' [`content_key`]s, computed once (see `index::content_hash`).
pub fn score_names(qkey: u64, qw: &[WTok], ckey: u64, cw: &[WTok]) -> NameScore {
    score_names_memo(qkey, qw, ckey, cw, &mut Memo::default())
}

/// [`score_names`] with a [`Memo`] kept across the candidates of one query.
pub fn score_names_memo(qkey: u64, qw: &[WTok], ckey: u64, cw: &[WTok], memo: &mut Memo) -> NameScore {
    score_names_tails(qkey, qw, ckey, cw, ("", ""), memo)
}

/// [`score_names_memo`] knowing the initials of the legal forms that ended each name ([`score_tokens_tails`]).
pub fn score_names_tails(
    qkey: u64,
    qw: &[WTok],
    ckey: u64,
    cw: &[WTok],
    tails: (&str, &str),
    memo: &mut Memo,
) -> NameScore {
    let content = |w: &[WTok]| w.iter().filter(|t| !t.stopword).count();
    if !qw.is_empty() && qkey == ckey && content(qw) == content(cw) {
        let n = qw.len().min(MAX_TOKENS);
        let chosen = (0..n)
            .filter(|&i| !qw[i].stopword)
            .filter_map(|i| {
                let j = cw.iter().position(|t| t.text == qw[i].text)?;
                Some(Pairing { q: 1u64 << i, c: 1u64 << j.min(MAX_TOKENS - 1), sim: 1.0, how: "exact" })
            })
            .collect();
        // An exact listed name or alias is 1.0, even when its words are generic ones ("Credit Bank of Moscow"),
        // unless it is two generic words alone ("Integrated Solutions"): many companies bear such a name, so the
        // same words are a match for review, never a certain one ([`GENERIC_ALL_CAP`]). One generic word is left
        // to the callers ([`one_generic_word`]).
        let generic_only = all_generic_words(qw);
        return NameScore {
            score: if generic_only { GENERIC_ALL_CAP } else { 1.0 },
            query_coverage: 1.0,
            listed_coverage: 1.0,
            chosen,
            distinctive: !generic_only,
            capped: generic_only.then_some("every word agrees, but all are generic words"),
            slip_held: None,
        };
    }
    score_tokens_tails(qw, cw, tails, memo)
}

/// The name's tokens without articles, in order: equal content keys are an exact match.
pub fn content_key(n: &NormName) -> String {
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

#[cfg(test)]
mod tests;
