//! Sound classes: a Latin word and a run of Han characters used for their sound (哈德森 Hudson, 霍尼韦尔 Honeywell,
//! 斯特拉 Stella) compared by their consonants, as Chinese transcribes foreign names.
//!
//! Chinese writes a foreign name syllable by syllable: it adds a vowel after a consonant that ends a word or
//! starts a cluster (斯 si, 特 te, 克 ke), hears l for r and drops an r after a vowel (格什曼 Gershman), and has
//! one sound for several English letters (d/t, b/p, g/k, s/sh/z/j/ch). So both sides are reduced to a skeleton
//! of consonant classes, vowels left out, and the skeletons are aligned with graded costs ([`compare`]). Which Han
//! characters are read this way is data (`src/data/name_symbols.toml`, `[[transcription]]`, from Xinhua's
//! transcription table): a run holding any other character means something, and is never read by sound
//! ([`mark`]).

use super::{tables::tables, Token};

/// Consonant classes, as bits: a Latin letter may be heard as more than one ("ch" as s or k).
pub const P: u8 = 1;
pub const T: u8 = 2;
pub const K: u8 = 4;
pub const S: u8 = 8;
pub const F: u8 = 16;
pub const L: u8 = 32;
pub const M: u8 = 64;
pub const N: u8 = 128;

/// Fewest consonants of a skeleton that may carry a comparison: shorter ones agree by chance too often ("Cox" /
/// 考克斯 is k-s, as are hundreds of words).
pub const MIN_SKELETON: usize = 3;

/// Most a comparison of two skeletons that differ scores: below every pair of equal ones.
pub const GRADED_MAX: f64 = 0.85;

/// Most syllables of a Han run compared with one Latin word (Schwarzenegger is 施瓦辛格, four; the longest names of
/// the lists' Western companies take six).
pub const MAX_RUN: usize = 7;

/// Most letters of a Latin word compared by sound (longer ones are not names Chinese transcribes).
pub const MAX_WORD: usize = 24;

/// Whether a token was read from Han characters used for their sound, and where its word starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Transcribed {
    /// Not a transcription syllable.
    #[default]
    No,
    /// The first syllable of a run (a transcribed word starts here: after a name separator "·", a space, or a
    /// character that is not a transcription one).
    Starts,
    /// A syllable continuing the run before it.
    Continues,
}

/// One consonant of a Latin word: the classes it may be heard as, and whether Chinese may leave it out (an r after
/// a vowel, an h before a consonant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Consonant {
    pub classes: u8,
    pub optional: bool,
}

/// The consonant skeleton of a Latin word in lower-case ASCII letters (empty for anything else), into `out`.
pub fn latin_skeleton(w: &str, out: &mut Vec<Consonant>) {
    out.clear();
    let b = w.as_bytes();
    if b.len() > MAX_WORD || !b.iter().all(u8::is_ascii_lowercase) {
        return;
    }
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut push = |classes: u8, optional: bool| match out.last_mut() {
        // Letters of one class in a row are one sound ("ss", "ck", "dt").
        Some(last) if last.classes == classes => last.optional &= optional,
        _ => out.push(Consonant { classes, optional }),
    };
    let mut i = 0;
    while i < b.len() {
        let (c, n) = (b[i], at(i + 1));
        let (classes, step, optional) = match (c, n) {
            _ if vowel(c) => (0, 1, false),
            (b's', b'c') if at(i + 2) == b'h' => (S, 3, false),
            (b's', b'h') | (b'z', b'h') => (S, 2, false),
            (b't', b's') | (b't', b'z') => (S, 2, false),
            (b't', b'h') => (T | S, 2, false),
            (b'p', b'h') => (F, 2, false),
            (b'c', b'h') => (S | K, 2, false),
            (b'c', b'k') => (K, 2, false),
            (b'c', b'e' | b'i' | b'y') => (S, 1, false),
            (b'k', b'h') => (K | F, 2, false),
            (b'k', b'n') if i == 0 => (0, 1, false),
            (b'g', b'h') => (if i == 0 { K } else { 0 }, 2, false),
            (b'g', b'e' | b'i' | b'y') => (K | S, 1, false),
            (b'w', b'h') => (F, 2, false),
            (b'w', _) => (if vowel(n) { F } else { 0 }, 1, false),
            // Chinese hears "hee", "hi" as 希 xi (洛克希德 Lockheed).
            (b'h', b'e' | b'i' | b'y') => (F | S, 1, false),
            (b'h', _) => (F, 1, !vowel(n)),
            (b'r', _) => (L, 1, i > 0 && !vowel(n)),
            (b'n', b'g') if !vowel(at(i + 2)) => (N, 2, false),
            (b'x', _) => {
                if i > 0 {
                    push(K, false);
                }
                (S, 1, false)
            }
            (b'b' | b'p', _) => (P, 1, false),
            (b'd' | b't', _) => (T, 1, false),
            (b'c' | b'g' | b'k' | b'q', _) => (K, 1, false),
            (b's' | b'z' | b'j', _) => (S, 1, false),
            (b'f' | b'v', _) => (F, 1, false),
            (b'l', _) => (L, 1, false),
            (b'm', _) => (M, 1, false),
            (b'n', _) => (N, 1, false),
            _ => (0, 1, false),
        };
        if classes != 0 {
            push(classes, optional);
        }
        i += step;
    }
}

/// The consonant classes of one pinyin syllable ("si" → s, "sen" → s n, "er" → l, "wei" → f), appended to `out`
/// (one class in a row with the last is the same sound).
pub fn push_syllable(syl: &str, out: &mut Vec<u8>) {
    let b = syl.as_bytes();
    let initial = match b {
        [b'z' | b'c' | b's', b'h', ..] => S,
        [b'b' | b'p', ..] => P,
        [b'm', ..] => M,
        [b'f' | b'h' | b'w', ..] => F,
        [b'd' | b't', ..] => T,
        [b'n', ..] => N,
        [b'l' | b'r', ..] => L,
        [b'g' | b'k', ..] => K,
        [b'j' | b'q' | b'x' | b'z' | b'c' | b's', ..] => S,
        _ => 0,
    };
    let last = if syl == "er" {
        L
    } else if syl.len() > 1 && syl.ends_with('n') || syl.ends_with("ng") {
        N
    } else {
        0
    };
    for c in [initial, last] {
        if c != 0 && out.last() != Some(&c) {
            out.push(c);
        }
    }
}

/// Cost of aligning a Latin skeleton with a Han one: a consonant heard as the other's class costs nothing, a near
/// one (m/n, b/f, t/s) half, another one; a Latin consonant Chinese may drop costs nothing, another one left out
/// one; a nasal Chinese adds (布朗伯格 for Bromberg) 0.6, another added consonant one. O(n·m) on two skeletons of
/// at most [`MAX_WORD`] and 2 × [`MAX_RUN`] classes.
pub fn cost(latin: &[Consonant], han: &[u8]) -> f64 {
    let near = |a: u8, b: u8| {
        let pair = |x: u8, y: u8| (a & x != 0 && b == y) || (a & y != 0 && b == x);
        pair(M, N) || pair(P, F) || pair(T, S)
    };
    let m = han.len();
    let mut row: Vec<f64> = (0..=m).map(|j| han[..j].iter().map(|&h| add_cost(h)).sum()).collect();
    for l in latin {
        let del = if l.optional { 0.0 } else { 1.0 };
        let mut prev_diag = row[0];
        row[0] += del;
        for j in 1..=m {
            let h = han[j - 1];
            let sub = if l.classes & h != 0 {
                0.0
            } else if near(l.classes, h) {
                0.5
            } else {
                1.0
            };
            let v = (prev_diag + sub).min(row[j] + del).min(row[j - 1] + add_cost(h));
            prev_diag = row[j];
            row[j] = v;
        }
    }
    row[m]
}

fn add_cost(h: u8) -> f64 {
    if h == N {
        0.6
    } else {
        1.0
    }
}

/// Similarity of a Latin word's skeleton with a Han run's: `None` when either is shorter than [`MIN_SKELETON`] or
/// they differ in more than a quarter of their consonants. The same consonants score by length (three 0.86, four
/// 0.9, five or more 0.93); others less, never above [`GRADED_MAX`].
pub fn compare(latin: &[Consonant], han: &[u8]) -> Option<f64> {
    let firm = latin.iter().filter(|c| !c.optional).count();
    if firm.min(han.len()) < MIN_SKELETON {
        return None;
    }
    let len = firm.max(han.len()) as f64;
    let c = cost(latin, han);
    let base = match firm.min(han.len()) {
        3 => 0.86,
        4 => 0.9,
        _ => 0.93,
    };
    if c <= 0.0 {
        return Some(base);
    }
    let ratio = c / len;
    (ratio <= 0.25).then(|| (base * (1.0 - ratio)).min(GRADED_MAX))
}

/// A Latin word's skeleton as letters, for explanations: each consonant by the first class it may be heard as, one
/// Chinese may drop in brackets ("hudson" → "h-t-s-n", "gershman" → "k-(l)-s-m-n").
pub fn describe(w: &str) -> String {
    let mut sk = Vec::new();
    latin_skeleton(w, &mut sk);
    let letter = |c: u8| match c & c.wrapping_neg() {
        P => "p",
        T => "t",
        K => "k",
        S => "s",
        F => "h",
        L => "l",
        M => "m",
        _ => "n",
    };
    let parts: Vec<String> = sk
        .iter()
        .map(|c| if c.optional { format!("({})", letter(c.classes)) } else { letter(c.classes).into() })
        .collect();
    parts.join("-")
}

/// The index key of a skeleton: its classes in order, each as the lowest class it may be heard as (so "ch" keys
/// as s, "th" as t). `None` below [`MIN_SKELETON`].
pub fn key<I: IntoIterator<Item = u8>>(classes: I) -> Option<u64> {
    let mut h: u64 = 0x5157_4e44; // "SND": apart from the other keys of one table
    let mut n = 0;
    for c in classes {
        h = (h ^ u64::from(c & c.wrapping_neg())).wrapping_mul(0x100000001b3);
        n += 1;
    }
    (n >= MIN_SKELETON).then_some(h)
}

/// Most index keys of one Latin word ([`latin_keys`]).
pub const MAX_KEYS: usize = 8;

/// The index keys of a Latin word: its skeleton with the consonants Chinese may drop left out, and kept, and the
/// first two consonants heard two ways ("ch", "th", a soft g) each way.
pub fn latin_keys(w: &str) -> Vec<u64> {
    let mut sk = Vec::new();
    latin_skeleton(w, &mut sk);
    let mut out = Vec::new();
    let ambiguous: Vec<usize> = (0..sk.len()).filter(|&i| sk[i].classes.count_ones() > 1).take(2).collect();
    for choice in 0..(1u8 << ambiguous.len()) {
        let pick = |i: usize, c: u8| match ambiguous.iter().position(|&a| a == i) {
            // The lowest or the highest class of the two.
            Some(k) if choice >> k & 1 == 1 => 1u8 << (7 - c.leading_zeros()),
            _ => c & c.wrapping_neg(),
        };
        for drop_optional in [true, false] {
            let classes =
                sk.iter().enumerate().filter(|(_, c)| !(drop_optional && c.optional)).map(|(i, c)| pick(i, c.classes));
            if let Some(k) = key(dedup(classes)) {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
    }
    out
}

/// Classes in a row that are the same (once a consonant between them is left out) are one.
fn dedup(it: impl Iterator<Item = u8>) -> impl Iterator<Item = u8> {
    let mut last = 0u8;
    it.filter(move |&c| {
        let keep = c != last;
        last = c;
        keep
    })
}

/// Calls `f` with the key of every run of one to [`MAX_RUN`] transcription syllables within one word of `tokens`:
/// linear in the name's length.
pub fn run_keys(tokens: &[Token], mut f: impl FnMut(u64)) {
    let mut han = Vec::new();
    for start in 0..tokens.len() {
        if tokens[start].transcribed == Transcribed::No {
            continue;
        }
        han.clear();
        for (k, tok) in tokens[start..].iter().take(MAX_RUN).enumerate() {
            if tok.transcribed == Transcribed::No || k > 0 && tok.transcribed == Transcribed::Starts {
                break;
            }
            push_syllable(&tok.text, &mut han);
            if let Some(h) = key(han.iter().copied()) {
                f(h);
            }
        }
    }
}

/// Marks the tokens of `name` (normalised into `tokens`) that were read from transcription characters. The Han
/// characters of the name and the tokens are walked together, each token matched to the next character that reads
/// as it (legal forms removed and words joined leave characters without a token); linear in the name's length.
pub fn mark(name: &str, tokens: &mut [Token]) {
    let t = tables();
    if chinese_person(name) {
        return;
    }
    // (reading, transcription character, starts a run) of each Han character.
    let mut chars: Vec<(&'static str, bool, bool)> = Vec::new();
    let mut boundary = true;
    for c in name.chars() {
        match crate::text::translit::han::pinyin(c) {
            Some(r) => {
                let sound = t.transcription.binary_search(&c).is_ok();
                chars.push((r, sound, boundary || !sound));
                boundary = !sound;
            }
            None => boundary = true,
        }
    }
    const LOOKAHEAD: usize = 24;
    let mut at = 0;
    for tok in tokens.iter_mut() {
        if !tok.syllabic {
            continue;
        }
        let Some(k) = chars.iter().skip(at).take(LOOKAHEAD).position(|(r, _, _)| *r == tok.text) else {
            continue;
        };
        let (_, sound, starts) = chars[at + k];
        // A character skipped (a removed legal form) ends the run before it.
        let starts = starts || k > 0;
        tok.transcribed = match (sound, starts) {
            (false, _) => Transcribed::No,
            (true, true) => Transcribed::Starts,
            (true, false) => Transcribed::Continues,
        };
        at += k + 1;
    }
}

/// Most Han characters of a Chinese person's name ([`chinese_person`]).
const PERSON_CHARS: usize = 3;

/// Whether a name is a Chinese person's: two or three Han characters and nothing else but spaces, the first or the
/// last a common surname (孙丽, 马丽娜; 秀玲 陈 written given name first). Transcribed names of that length that
/// start with a surname character (罗斯 Ross, 史密斯 Smith) are surnames alone, which carry no match by themselves.
fn chinese_person(name: &str) -> bool {
    let t = tables();
    let mut han = name.chars().filter(|c| !c.is_whitespace());
    let (first, count, mut last) = (han.next(), 1 + han.clone().count(), None);
    for c in han {
        if crate::text::translit::han::pinyin(c).is_none() {
            return false;
        }
        last = Some(c);
    }
    let surname = |c: Option<char>| c.is_some_and(|c| t.surnames.binary_search(&c).is_ok());
    first.is_some_and(|c| crate::text::translit::han::pinyin(c).is_some())
        && (2..=PERSON_CHARS).contains(&count)
        && (surname(first) || surname(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(syllables: &[&str]) -> Vec<u8> {
        let mut v = Vec::new();
        for s in syllables {
            push_syllable(s, &mut v);
        }
        v
    }

    fn sim(w: &str, syllables: &[&str]) -> Option<f64> {
        let mut l = Vec::new();
        latin_skeleton(w, &mut l);
        compare(&l, &han(syllables))
    }

    #[test]
    fn compare_transcriptions() {
        // 哈德森 Hudson, 霍尼韦尔 Honeywell, 斯特拉 Stella, 亨索尔特 Hensoldt, 格什曼 Gershman, 莱多斯 Leidos.
        assert!(sim("hudson", &["ha", "de", "sen"]).is_some_and(|s| s >= 0.9));
        assert!(sim("honeywell", &["huo", "ni", "wei", "er"]).is_some_and(|s| s >= 0.9));
        assert!(sim("stella", &["si", "te", "la"]).is_some());
        assert!(sim("hensoldt", &["heng", "suo", "er", "te"]).is_some_and(|s| s >= 0.9));
        assert!(sim("gershman", &["ge", "shi", "man"]).is_some_and(|s| s >= 0.9));
        assert!(sim("leidos", &["lai", "duo", "si"]).is_some());
        assert!(sim("washington", &["hua", "sheng", "dun"]).is_some_and(|s| s >= 0.9));
        // A nasal Chinese adds, m heard as n: graded.
        assert!(sim("bromberg", &["bu", "lang", "bo", "ge"]).is_some_and(|s| s < 0.9));
    }

    #[test]
    fn compare_rejects_other_sounds_and_short_skeletons() {
        assert_eq!(sim("hudson", &["ma", "li", "na"]), None);
        assert_eq!(sim("stella", &["wang", "xiu", "ying"]), None);
        // Two consonants are too few to tell anything.
        assert_eq!(sim("cox", &["kao", "ke", "si"]), None);
    }

    #[test]
    fn mark_chinese_persons_are_not_read_by_sound() {
        let marked = |s: &str| {
            let n = crate::normalize::normalize(s);
            n.tokens.iter().filter(|t| t.transcribed != Transcribed::No).count()
        };
        assert_eq!(marked("孙丽"), 0);
        assert_eq!(marked("马丽娜"), 0);
        // 王 and 秀 mean something; 英 alone is one syllable, too few consonants to compare.
        assert_eq!(marked("王秀英"), 1);
        assert_eq!(marked("哈德森"), 3);
        // A separator starts a word; a character that means something ends the run (国际 is "international").
        let n = crate::normalize::normalize("斯科特·西蒙");
        let marks: Vec<Transcribed> = n.tokens.iter().map(|t| t.transcribed).collect();
        use Transcribed::*;
        assert_eq!(marks, [Starts, Continues, Continues, Starts, Continues]);
        assert_eq!(marked("霍尼韦尔国际公司"), 4);
    }

    #[test]
    fn describe_skeletons() {
        assert_eq!(describe("hudson"), "h-t-s-n");
        assert_eq!(describe("gershman"), "k-(l)-s-m-n");
    }

    #[test]
    fn latin_keys_find_the_han_key() {
        let k = key(han(&["ha", "de", "sen"])).unwrap_or_default();
        assert!(latin_keys("hudson").contains(&k));
        let k = key(han(&["ge", "shi", "man"])).unwrap_or_default();
        assert!(latin_keys("gershman").contains(&k));
        let k = key(han(&["cha", "er", "si"])).unwrap_or_default();
        assert!(latin_keys("charles").contains(&k));
        assert!(latin_keys("ab").is_empty());
    }
}
