//! The letter tables of the alphabets [`super`] reads letter by letter: each letter's primary Latin form, indexed
//! by its offset in its Unicode block (arrays rather than `match` arms: a third of the code in the wasm). The
//! rules that depend on a letter's place or language are in [`super`]; the systems are cited there.

/// Cyrillic U+0430–U+045F (Russian BGN/PCGN for the basic letters; Serbian and Macedonian letters folded).
const CYRILLIC: [&str; 48] = [
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
    "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", // а–я
    "e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u", "dz", // ѐ–џ
];

/// A lower-case Cyrillic letter's primary form.
pub fn cyrillic(c: char) -> Option<&'static str> {
    let cp = c as u32;
    if (0x430..=0x45F).contains(&cp) {
        return CYRILLIC.get((cp - 0x430) as usize).copied();
    }
    // Ukrainian ґ; Kazakh, Kyrgyz, Uzbek, Tajik, Bashkir letters (BGN/PCGN); Caucasian palochka (a mark).
    Some(match c {
        'ґ' => "g",
        'ғ' => "gh",
        'қ' => "q",
        'ң' => "ng",
        'ү' | 'ұ' | 'ӯ' => "u",
        'ҳ' | 'һ' => "h",
        'ҷ' => "j",
        'ә' => "a",
        'ө' => "o",
        'ӣ' => "i",
        'ҫ' => "s",
        'ҙ' => "z",
        'ӏ' => "",
        _ => return None,
    })
}

/// Greek α–ω (U+03B1–U+03C9), ELOT 743 single letters.
const GREEK: [&str; 25] = [
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f",
    "ch", "ps", "o",
];

pub fn greek(c: char) -> Option<&'static str> {
    (c as u32).checked_sub(0x3B1).and_then(|k| GREEK.get(k as usize)).copied()
}

/// Armenian ա–ֆ (U+0561–U+0586), BGN/PCGN 1981 without apostrophes.
const ARMENIAN: [&str; 38] = [
    "a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz", "gh", "ch", "m", "y", "n",
    "sh", "o", "ch", "p", "j", "rr", "s", "v", "t", "r", "ts", "v", "p", "k", "o", "f",
];

pub fn armenian(c: char) -> Option<&'static str> {
    (c as u32).checked_sub(0x561).and_then(|k| ARMENIAN.get(k as usize)).copied()
}

/// Hebrew א–ת (U+05D0–U+05EA) inside a word and without points: ב כ פ are v kh f, ו o, י i.
const HEBREW: [&str; 27] = [
    "a", "v", "g", "d", "h", "o", "z", "kh", "t", "i", "kh", "kh", "l", "m", "m", "n", "n", "s", "", "f", "f", "ts",
    "ts", "k", "r", "sh", "t",
];

pub fn hebrew(c: char) -> Option<&'static str> {
    (c as u32).checked_sub(0x5D0).and_then(|k| HEBREW.get(k as usize)).copied()
}

/// Arabic U+0621–U+064A (BGN/PCGN 1956 consonants; hamza, ʿayn and tatweel unwritten, ta marbuta "a").
const ARABIC: [&str; 42] = [
    "", "a", "a", "", "a", "", "a", "b", "a", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t",
    "z", "", "gh", "", "", "", "", "", "", "f", "q", "k", "l", "m", "n", "h", "u", "a", "i",
];

/// An Arabic-script letter's form inside a word: Arabic, then Persian, Urdu and Pashto letters (BGN/PCGN Persian
/// 1958; ALA-LC Urdu and Pashto for the letters BGN/PCGN lacks).
pub fn arabic(c: char) -> Option<&'static str> {
    let cp = c as u32;
    if (0x621..=0x64A).contains(&cp) {
        return ARABIC.get((cp - 0x621) as usize).copied();
    }
    Some(match c {
        'ٱ' | '\u{0670}' => "a",
        'ٹ' | 'ټ' => "t",
        'پ' => "p",
        'ځ' => "dz",
        'څ' => "ts",
        'چ' => "ch",
        'ڈ' | 'ډ' => "d",
        'ڑ' | 'ړ' => "r",
        'ږ' | 'ژ' => "zh",
        'ښ' => "sh",
        'ڤ' => "f",
        'ک' => "k",
        'ګ' | 'گ' => "g",
        'ں' | 'ڼ' => "n",
        'ھ' | 'ۀ' | 'ہ' | 'ۃ' | 'ە' => "h",
        'ۆ' | 'ۇ' => "u",
        'ی' | 'ۍ' => "i",
        'ێ' | 'ې' | 'ے' | 'ۓ' => "e",
        _ => return None,
    })
}
