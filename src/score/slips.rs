//! Judgements on one-word pairs: a word without vowels, a slip of the keyboard, one word spelt two ways, a plural,
//! a romanised syllable left over.

use super::*;

/// What two words with the same consonants are worth when one is written without vowels: the more consonants
/// they share, the less likely by chance ("mhmd" / "muhammad", three or more, 0.88; "hyh" / "hayya"; "l" / "ali",
/// one, 0.6).
pub(super) fn loose_sim(a: &WTok, b: &WTok) -> f64 {
    let loose = if a.loose { a.text } else { b.text };
    match consonants(loose).len() {
        0 | 1 => 0.6,
        2 => 0.75,
        _ => 0.88,
    }
}

/// Whether two words differ only by two neighbouring letters swapped ("cehn" / "chen").
pub(super) fn swapped(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    matches!(diff[..], [i, j] if j == i + 1 && x[i] == y[j] && x[j] == y[i])
}

/// Whether a one-token pair differs by one slip of the keyboard: two neighbouring letters swapped ("Arym" /
/// "Army"), one letter left out or added ("Miado" / "Micado", "Narjinco" / "Narinco"), or a consonant struck for
/// its neighbour on the keyboard ("Sbervank" / "Sberbank"). A changed vowel or sound ("Vista" / "Vesta", "Alcon"
/// / "Alkon") is another word more often than a slip.
pub(super) fn one_typo(q: &[WTok], c: &[WTok], p: &Pairing) -> bool {
    if p.q.count_ones() != 1 || p.c.count_ones() != 1 {
        return false;
    }
    let (Some(a), Some(b)) = (q.get(p.q.trailing_zeros() as usize), c.get(p.c.trailing_zeros() as usize)) else {
        return false;
    };
    let (a, b) = (a.text.as_bytes(), b.text.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 || !long.is_ascii() || !short.is_ascii() {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if long.len() == short.len() + 1 {
        return short[head..] == long[head + 1..];
    }
    if long.len() != short.len() {
        return false;
    }
    let tail = |k: usize| short[k..] == long[k..];
    if head + 2 <= short.len() && short[head] == long[head + 1] && short[head + 1] == long[head] && tail(head + 2) {
        return true;
    }
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let neighbours =
        |x: u8, y: u8| ROWS.iter().any(|r| r.windows(2).any(|w| (w[0] == x && w[1] == y) || (w[0] == y && w[1] == x)));
    let consonant = |x: u8| !b"aeiouy".contains(&x);
    head < short.len()
        && tail(head + 1)
        && consonant(short[head])
        && consonant(long[head])
        && neighbours(short[head], long[head])
}

/// Whether a one-token pair is one word spelt two ways: the same spelling key (a transliteration: "Drujba" /
/// "Druzhba", "Pouya" / "Pooya"), a letter doubled or not ("Higonn" / "Higon"), a vowel left out inside the word
/// ("Parsan" / "Parsian"), or two neighbouring letters swapped past the first ("Arym" / "Army"). Another letter
/// changed, added or dropped is another word as often as not ("Alcon" / "Alkon", "Nike" / "Nikea", "Samina" /
/// "Sanmina").
pub(super) fn same_spelt(q: &[WTok], c: &[WTok], p: &Pairing) -> bool {
    if p.q.count_ones() != 1 || p.c.count_ones() != 1 {
        return false;
    }
    let (Some(a), Some(b)) = (q.get(p.q.trailing_zeros() as usize), c.get(p.c.trailing_zeros() as usize)) else {
        return false;
    };
    if a.shape.key == b.shape.key {
        return true;
    }
    let undoubled = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.dedup();
        v
    };
    if undoubled(a.text) == undoubled(b.text) {
        return true;
    }
    let (x, y) = (a.text.as_bytes(), b.text.as_bytes());
    // A vowel left out inside the word, as Arabic and Persian script leave short vowels unwritten ("Parsan" /
    // "Parsian", "Mahrus" / "Mahrous").
    let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
    if plural(short, long) {
        return true;
    }
    if long.len() == short.len() + 1 {
        let k = short.iter().zip(long).take_while(|(s, l)| s == l).count();
        return k >= 1 && k + 1 < long.len() && b"aeiou".contains(&long[k]) && short[k..] == long[k + 1..];
    }
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    matches!(diff[..], [i, j] if i >= 1 && j == i + 1 && x[i] == y[j] && x[j] == y[i])
}

/// Whether `long` is `short` (four letters or more, ending in a consonant other than "s") with the English plural
/// ending "-s" ("Air Weapon Complex" / "Air Weapons Complex", "Lasers" / "Laser"): one word in the singular and the
/// plural, not a letter added to another name. After a vowel an "s" is as often another name ("Nike" / "Nikes").
pub(super) fn plural(short: &[u8], long: &[u8]) -> bool {
    short.len() >= 4
        && long.len() == short.len() + 1
        && long.starts_with(short)
        && long.last() == Some(&b's')
        && short.last().is_some_and(|&x| x != b's' && !b"aeiouy".contains(&x))
}

/// Most syllables of a name romanised from Han, Hangul or Kana that [`lone_syllable`] reads as a person's name.
pub const SHORT_NAME_SYLLABLES: usize = 4;

/// Whether a short name romanised from Han, Hangul or Kana (a person's: four syllables or fewer) and the other name
/// differ by a whole syllable: a romanised syllable, not generic, has no partner, or only a partial one. Such names
/// are written syllable by syllable, so the syllable that is left over makes another given name ("李柏霖" Li Bai
/// Lin / "Li Bai", "志鴻 邱" Qiu Zhi Hong / "Qiu Hong", "송주원" Song Ju Won / "Song Won"). A Latin word left over
/// is often a Western given name beside the romanised one ("Miles Yu Maochun" / "余茂春").
pub(super) fn lone_syllable(q: &[WTok], c: &[WTok], chosen: &[Pairing]) -> bool {
    if !q.iter().chain(c).any(|t| t.syllabic) {
        return false;
    }
    let content = |toks: &[WTok]| toks.iter().filter(|t| !t.stopword).count();
    if content(q) > SHORT_NAME_SYLLABLES || content(c) > SHORT_NAME_SYLLABLES {
        return false;
    }
    let (used_q, used_c) =
        chosen.iter().filter(|p| p.how != "partial").fold((0u64, 0u64), |(a, b), p| (a | p.q, b | p.c));
    let lone = |toks: &[WTok], used: u64| {
        toks.iter()
            .enumerate()
            .any(|(i, t)| t.syllabic && !t.stopword && !t.generic && !t.place && used & (1u64 << i) == 0)
    };
    lone(q, used_q) || lone(c, used_c)
}
