//! The scripts whose letters are read in context: the Brahmic scripts of India (Devanagari and the eight that
//! share its layout), Hangul syllables and Japanese kana. Each function reads one run of its script from
//! `chars[i..]`, writes lower-case ASCII, and returns where the run ends (always past `i`).

/// The nine Brahmic blocks laid out like ISCII: a letter's offset in its block names the same sound in each.
pub fn indic_block(c: char) -> Option<u32> {
    let cp = c as u32;
    (0x0900..=0x0D7F).contains(&cp).then_some(cp & !0x7F)
}

/// Hunterian transcription (Survey of India; letters identified as in ISO 15919, long vowels and retroflexes
/// written without marks) of the letters at each offset of a Brahmic block.
fn indic_letter(off: u32) -> Option<(&'static str, Kind)> {
    use Kind::*;
    Some(match off {
        0x01 | 0x02 => ("n", Nasal),
        0x03 => ("h", Coda),
        0x04..=0x06 => ("a", Vowel),
        0x07 | 0x08 => ("i", Vowel),
        0x09 | 0x0A => ("u", Vowel),
        0x0B | 0x60 => ("ri", Vowel),
        0x0C | 0x61 => ("li", Vowel),
        0x0D..=0x0F => ("e", Vowel),
        0x10 => ("ai", Vowel),
        0x11..=0x13 => ("o", Vowel),
        0x14 => ("au", Vowel),
        0x15 => ("k", Consonant),
        0x16 | 0x59 => ("kh", Consonant),
        0x17 => ("g", Consonant),
        0x18 | 0x5A => ("gh", Consonant),
        0x19 | 0x1E | 0x23 | 0x28 | 0x29 => ("n", Consonant),
        0x1A => ("ch", Consonant),
        0x1B => ("chh", Consonant),
        0x1C => ("j", Consonant),
        0x1D => ("jh", Consonant),
        0x1F | 0x24 => ("t", Consonant),
        0x20 | 0x25 => ("th", Consonant),
        0x21 | 0x26 => ("d", Consonant),
        0x22 | 0x27 => ("dh", Consonant),
        0x2A => ("p", Consonant),
        0x2B => ("ph", Consonant),
        0x2C => ("b", Consonant),
        0x2D => ("bh", Consonant),
        0x2E => ("m", Consonant),
        0x2F | 0x5F => ("y", Consonant),
        0x30 | 0x31 | 0x5C => ("r", Consonant),
        0x32 | 0x33 => ("l", Consonant),
        0x34 => ("zh", Consonant),
        0x35 => ("v", Consonant),
        0x36 | 0x37 => ("sh", Consonant),
        0x38 => ("s", Consonant),
        0x39 => ("h", Consonant),
        0x58 => ("q", Consonant),
        0x5B => ("z", Consonant),
        0x5D => ("rh", Consonant),
        0x5E => ("f", Consonant),
        0x3E => ("a", Sign),
        0x3F | 0x40 => ("i", Sign),
        0x41 | 0x42 => ("u", Sign),
        0x43 | 0x44 => ("ri", Sign),
        0x62 | 0x63 => ("li", Sign),
        0x45..=0x47 => ("e", Sign),
        0x48 => ("ai", Sign),
        0x49..=0x4B => ("o", Sign),
        0x4C => ("au", Sign),
        0x50 => ("om", Vowel),
        0x66..=0x6F => (DIGITS[(off - 0x66) as usize], Other),
        // Bengali khanda ta; Malayalam chillu letters (a consonant without its vowel).
        0x4E => ("t", Coda),
        0x7A | 0x7B => ("n", Coda),
        0x7C => ("r", Coda),
        0x7D | 0x7E => ("l", Coda),
        0x7F => ("k", Coda),
        // Nukta, virama, avagraha, stress and length marks: handled by the reader or silent.
        _ => return None,
    })
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Consonant,
    /// An independent vowel letter.
    Vowel,
    /// A dependent vowel sign, replacing the consonant's inherent "a".
    Sign,
    /// Anusvara and candrabindu: "m" before a labial, else "n".
    Nasal,
    /// Visarga and chillu letters: a consonant closing a syllable.
    Coda,
    Other,
}

/// One sound of a word being read.
#[derive(Clone, Copy)]
struct Unit {
    text: &'static str,
    kind: Sound,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sound {
    /// A consonant; `cluster` when it follows another consonant with no vowel between (after a virama).
    Consonant {
        cluster: bool,
    },
    Vowel,
    /// The inherent vowel of a consonant: "a", unless Hindi pronunciation drops it (see [`delete_schwas`]).
    Schwa {
        kept: bool,
    },
    /// Anusvara, candrabindu, tippi: written by the consonant after it.
    Nasal,
    Other,
}

/// Reads a run of one Brahmic script. North Indian scripts (Devanagari, Bengali, Gurmukhi, Gujarati) drop the
/// inherent vowel as names are romanised ("अमित" → "amit", "मनमोहन" → "manmohan"); the southern ones and Oriya
/// keep it.
pub fn indic(chars: &[char], i: usize, out: &mut String) -> usize {
    let Some(block) = chars.get(i).and_then(|&c| indic_block(c)) else { return i + 1 };
    let drops_schwa = block <= 0x0A80;
    let in_block = |c: char| c as u32 & !0x7F == block;
    let mut j = i;
    let mut word: Vec<Unit> = Vec::new();
    while j < chars.len() && in_block(chars[j]) {
        let off = chars[j] as u32 & 0x7F;
        let next = |k: usize| chars.get(j + k).filter(|&&c| in_block(c)).map(|&c| c as u32 & 0x7F);
        // Gurmukhi addak doubles the next consonant; tippi is a nasal like the anusvara.
        if block == 0x0A00 && off == 0x71 {
            if let Some((t, Kind::Consonant)) = next(1).and_then(indic_letter) {
                word.push(Unit { text: &t[..1], kind: Sound::Other });
            }
            j += 1;
            continue;
        }
        let off = if block == 0x0A00 && off == 0x70 { 0x02 } else { off };
        let Some((mut text, kind)) = indic_letter(off) else {
            j += 1;
            continue;
        };
        let mut used = 1;
        let sound = match kind {
            Kind::Consonant => {
                // A nukta below the letter makes the Perso-Arabic sound ("ज़" → "z").
                if next(1) == Some(0x3C) {
                    let with_nukta = match off {
                        0x15 => 0x58,
                        0x16 => 0x59,
                        0x17 => 0x5A,
                        0x1C => 0x5B,
                        0x21 => 0x5C,
                        0x22 => 0x5D,
                        0x2B => 0x5E,
                        0x2F => 0x5F,
                        o => o,
                    };
                    text = indic_letter(with_nukta).map_or(text, |l| l.0);
                    used += 1;
                }
                // ज्ञ is said, and written in names, "gy" ("Gyan").
                if block == 0x0900 && off == 0x1C && next(used) == Some(0x4D) && next(used + 1) == Some(0x1E) {
                    text = "gy";
                    used += 2;
                }
                Sound::Consonant { cluster: matches!(word.last(), Some(Unit { kind: Sound::Consonant { .. }, .. })) }
            }
            Kind::Vowel | Kind::Sign => Sound::Vowel,
            Kind::Nasal => Sound::Nasal,
            Kind::Coda => Sound::Consonant { cluster: false },
            Kind::Other => Sound::Other,
        };
        word.push(Unit { text, kind: sound });
        if kind == Kind::Consonant {
            match next(used) {
                Some(0x4D) => used += 1,
                Some(o) if indic_letter(o).is_some_and(|l| l.1 == Kind::Sign) => {}
                _ => word.push(Unit { text: "a", kind: Sound::Schwa { kept: true } }),
            }
        }
        j += used;
    }
    if drops_schwa {
        delete_schwas(&mut word);
    }
    let mut units = word.iter().filter(|u| u.kind != Sound::Schwa { kept: false }).peekable();
    while let Some(u) = units.next() {
        if u.kind == Sound::Nasal {
            // "m" before p, ph, b, bh, m ("अंबानी" → "ambani"); "ng" before h ("सिंह" → "singh").
            let next = units.peek().filter(|w| matches!(w.kind, Sound::Consonant { .. })).map_or("", |w| w.text);
            out.push_str(if next.starts_with(['p', 'b', 'm']) {
                "m"
            } else if next == "h" {
                "ng"
            } else {
                "n"
            });
        } else {
            out.push_str(u.text);
        }
    }
    j.max(i + 1)
}

/// Hindi schwa deletion: a word's last inherent vowel goes after a single consonant ("राम" → "ram"; not after a
/// conjunct: "नरेन्द्र" → "narendra"); inside a word, scanning from the end, one goes between a vowel and a single
/// consonant before it and a single consonant and a vowel after it (Ohala 1983: "मनमोहन" → "manmohan").
fn delete_schwas(word: &mut [Unit]) {
    let vowels = word.iter().filter(|u| matches!(u.kind, Sound::Vowel | Sound::Schwa { .. })).count();
    let is_vowel = |u: &Unit| matches!(u.kind, Sound::Vowel | Sound::Schwa { kept: true });
    let is_single = |u: &Unit| u.kind == Sound::Consonant { cluster: false };
    let n = word.len();
    if vowels >= 2 && n >= 2 && matches!(word[n - 1].kind, Sound::Schwa { .. }) && is_single(&word[n - 2]) {
        word[n - 1].kind = Sound::Schwa { kept: false };
    }
    for k in (2..n.saturating_sub(2)).rev() {
        if word[k].kind == (Sound::Schwa { kept: true })
            && is_single(&word[k - 1])
            && is_vowel(&word[k - 2])
            && is_single(&word[k + 1])
            && is_vowel(&word[k + 2])
        {
            word[k].kind = Sound::Schwa { kept: false };
        }
    }
}

/// Revised Romanization of Korean (Ministry of Culture and Tourism, notice 2000-8), syllable by syllable as names
/// are romanised (no sound changes across syllables), each syllable a word of its own so that a matcher can join
/// them as lists write them ("김영복" → "gim yeong bok"; lists: "KIM YONG BOK").
pub fn hangul(c: char) -> Option<[&'static str; 3]> {
    const INITIAL: [&str; 19] =
        ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    const MEDIAL: [&str; 21] = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
        "eu", "ui", "i",
    ];
    const FINAL: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
        "t", "t", "k", "t", "p", "t",
    ];
    let s = (c as u32).checked_sub(0xAC00).filter(|&s| s < 11172)? as usize;
    Some([INITIAL[s / 588], MEDIAL[(s % 588) / 28], FINAL[s % 28]])
}

/// Hepburn of the kana at `c` (hiragana, or katakana by the same offset), with the small letters marked.
fn kana_syllable(c: char) -> Option<(&'static str, bool)> {
    const KANA: [&str; 86] = [
        "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
        "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", "ta", "da", "chi", "ji", "", "tsu", "zu", "te",
        "de", "to", "do", "na", "ni", "nu", "ne", "no", "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he",
        "be", "pe", "ho", "bo", "po", "ma", "mi", "mu", "me", "mo", "ya", "ya", "yu", "yu", "yo", "yo", "ra", "ri",
        "ru", "re", "ro", "wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke",
    ];
    // The small letters: ぁぃぅぇぉ っ ゃゅょ ゎ ゕゖ.
    const SMALL: [usize; 13] = [0, 2, 4, 6, 8, 34, 66, 68, 70, 77, 84, 85, 85];
    let cp = c as u32;
    let off = match cp {
        0x3041..=0x3096 => cp - 0x3041,
        0x30A1..=0x30F6 => cp - 0x30A1,
        0x30F7..=0x30FA => return Some((["va", "vi", "ve", "vo"][(cp - 0x30F7) as usize], false)),
        _ => return None,
    } as usize;
    Some((KANA[off], SMALL.contains(&off)))
}

pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x309D..=0x309E | 0x30A1..=0x30FA | 0x30FC..=0x30FE)
}

/// Reads a run of kana as Japanese passports write it (Hepburn, Ministry of Foreign Affairs of Japan): small tsu
/// doubles the next consonant ("ッ" + "ka" → "kka", before "ch" → "tch"), "n" is "m" before b, m, p, long vowels
/// are not written ("ー", "ou", "oo", "uu": "とうきょう" → "tokyo").
pub fn kana(chars: &[char], i: usize, out: &mut String) -> usize {
    let run_start = out.len();
    let mut j = i;
    let mut double = false;
    // The syllable written last, and where it starts in `out`.
    let (mut last, mut last_start): (&'static str, usize) = ("", run_start);
    while let Some(&c) = chars.get(j).filter(|&&c| is_kana(c)) {
        j += 1;
        let (syl, small) = match c as u32 {
            // Iteration marks repeat the syllable before; the long-vowel mark is not written.
            0x309D | 0x309E | 0x30FD | 0x30FE => (last, false),
            0x30FC => continue,
            _ => {
                // A voicing mark after the letter (half-width kana decompose to one): "ｶﾞ" is "ガ".
                let voiced = match chars.get(j) {
                    Some('\u{3099}') => 1,
                    Some('\u{309A}') => 2,
                    _ => 0,
                };
                let base =
                    if voiced > 0 && matches!(c, 'う' | 'ウ') { char::from_u32(c as u32 + 0x4E) } else { None };
                let marked = base.or_else(|| {
                    (voiced > 0).then(|| char::from_u32(c as u32 + voiced)).flatten().filter(|&m| {
                        kana_syllable(m).zip(kana_syllable(c)).is_some_and(|(a, b)| a.0.get(1..) == b.0.get(1..))
                    })
                });
                j += usize::from(voiced > 0);
                match kana_syllable(marked.unwrap_or(c)) {
                    Some(s) => s,
                    None => continue,
                }
            }
        };
        if syl.is_empty() {
            double = true;
            continue;
        }
        if small && !last.is_empty() {
            // A small letter replaces the vowel of the syllable before: "ki"+"ya" → "kya", "shi"+"yo" → "sho",
            // "fu"+"a" → "fa", "te"+"i" → "ti", "u"+"i" → "wi", "i"+"e" → "ye".
            let body = last.trim_end_matches(['a', 'e', 'i', 'o', 'u']);
            out.truncate(last_start);
            match (body, syl.strip_prefix('y')) {
                ("", _) if last == "u" => out.push('w'),
                ("", _) if last == "i" => out.push('y'),
                (b, Some(_)) if b.ends_with("sh") || b.ends_with("ch") || b.ends_with('j') => out.push_str(b),
                (b, _) => out.push_str(b),
            }
            let tail = match (body, syl.strip_prefix('y')) {
                (b, Some(t)) if b.ends_with("sh") || b.ends_with("ch") || b.ends_with('j') => t,
                _ => syl,
            };
            out.push_str(tail);
            last = "";
            continue;
        }
        if std::mem::take(&mut double) {
            match syl.as_bytes()[0] {
                b'c' => out.push('t'),
                b'a' | b'e' | b'i' | b'o' | b'u' | b'n' => {}
                b => out.push(b as char),
            }
        }
        if out.len() > run_start
            && (syl == "u" && (out.ends_with('o') || out.ends_with('u')) || syl == "o" && out.ends_with('o'))
        {
            continue;
        }
        if last == "n" && syl.starts_with(['b', 'm', 'p']) {
            out.pop();
            out.push('m');
        }
        last_start = out.len();
        out.push_str(syl);
        last = syl;
    }
    j.max(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&[char], usize, &mut String) -> usize, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let end = f(&chars, 0, &mut out);
        assert_eq!(end, chars.len(), "{s}");
        out
    }

    #[test]
    fn indic_schwa_deletion() {
        assert_eq!(run(indic, "अमित"), "amit");
        assert_eq!(run(indic, "मनमोहन"), "manmohan");
        assert_eq!(run(indic, "नरेन्द्र"), "narendra");
        assert_eq!(run(indic, "राजेंद्र"), "rajendra");
        assert_eq!(run(indic, "संजय"), "sanjay");
        assert_eq!(run(indic, "रतन"), "ratan");
        assert_eq!(run(indic, "न"), "na");
    }

    #[test]
    fn indic_nasal_nukta_conjuncts() {
        assert_eq!(run(indic, "अंबानी"), "ambani");
        assert_eq!(run(indic, "ज़मीन"), "zamin");
        assert_eq!(run(indic, "ज्ञान"), "gyan");
        assert_eq!(run(indic, "बच्चन"), "bachchan");
        assert_eq!(run(indic, "सिंह"), "singh");
    }

    #[test]
    fn indic_other_blocks() {
        // Tamil keeps the inherent vowel and marks a bare consonant with the pulli (virama).
        assert_eq!(run(indic, "தமிழ்"), "tamizh");
        // Gurmukhi with tippi and addak.
        assert_eq!(run(indic, "ਸਿੰਘ"), "singh");
    }

    #[test]
    fn hangul_syllables() {
        assert_eq!(hangul('김'), Some(["g", "i", "m"]));
        assert_eq!(hangul('영'), Some(["", "yeo", "ng"]));
        assert_eq!(hangul('리'), Some(["r", "i", ""]));
        assert_eq!(hangul('a'), None);
    }

    #[test]
    fn kana_hepburn() {
        assert_eq!(run(kana, "とうきょう"), "tokyo");
        assert_eq!(run(kana, "ソニー"), "soni");
        assert_eq!(run(kana, "きって"), "kitte");
        assert_eq!(run(kana, "まっちゃ"), "matcha");
        assert_eq!(run(kana, "しんぶん"), "shimbun");
        assert_eq!(run(kana, "ファイル"), "fairu");
        assert_eq!(run(kana, "ウィキ"), "wiki");
        assert_eq!(run(kana, "ティー"), "ti");
        assert_eq!(run(kana, "じゅう"), "ju");
        assert_eq!(run(kana, "ミツビシ"), "mitsubishi");
    }
}
