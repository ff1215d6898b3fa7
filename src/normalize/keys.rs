//! Spelling and sound keys of a token, and its one-letter deletions: what the index looks tokens up by and what
//! the scorer compares besides the written form.

/// Hashes of a word and of each of its one-letter deletions (FNV-1a over the bytes; no allocation per deletion).
/// A word longer than [`crate::config::MAX_FUZZY_TOKEN_CHARS`] gets only its own hash (its deletions would cost the
/// square of its length).
pub fn deletion_hashes(w: &str) -> Vec<u64> {
    fn fnv_skip(b: &[u8], from: usize, to: usize) -> u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        for (k, &x) in b.iter().enumerate() {
            if k >= from && k < to {
                continue;
            }
            h ^= x as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h.wrapping_mul(0x100000001b3)
    }
    let b = w.as_bytes();
    if w.chars().nth(crate::config::MAX_FUZZY_TOKEN_CHARS).is_some() {
        return vec![fnv_skip(b, 0, 0)];
    }
    let mut out = Vec::with_capacity(b.len() + 1);
    out.push(fnv_skip(b, 0, 0));
    for (i, c) in w.char_indices() {
        out.push(fnv_skip(b, i, i + c.len_utf8()));
    }
    out
}

/// A spelling key that joins common transliteration variants of one name while keeping its vowels' places:
/// x/ks, kh/h, ph/f, ck/k, q/k, w/v, y/i, zh/j, o/u, e/i, shch/sch/sh, ts/c before a vowel, doubled letters
/// ("Aleksey" / "Alexei", "Mansoor" / "Mansur", "Hameed" / "Hamid", "Mohsen" / "Muhsin"). Used for tokens of four
/// letters or more.
pub fn translit_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let (c, next) = (b[i], b.get(i + 1).copied().unwrap_or(0));
        let (emit, step): (&[u8], usize) = match (c, next) {
            // Russian дж written "dzh" ("Dzhafar" / "Jafar"); ц written "tz" ("Otvetztvennost", "Kuznetzov").
            (b'd', b'z') if b.get(i + 2) == Some(&b'h') => (b"j", 3),
            // щ written "shch", "sch" or "shc" ("Obshchestvo" / "Obschestvo" / "Obshcestvo").
            (b's', b'h') if b.get(i + 2..i + 4) == Some(b"ch") => (b"sh", 4),
            (b's', b'c') if b.get(i + 2) == Some(&b'h') => (b"sh", 3),
            (b's', b'h') if b.get(i + 2) == Some(&b'c') => (b"sh", 3),
            // ц written "ts", "tz" or "c" before a vowel ("Tsentr" / "Centr", "Kuznetsov" / "Kuznecov").
            (b't', b's' | b'z') if b.get(i + 2).is_some_and(|&v| b"aeiouy".contains(&v)) => (b"c", 2),
            (b't', b'z') => (b"ts", 2),
            // A final "que" for q in French-influenced romanisations of Arabic and Urdu (Mustaque / Mushtaq,
            // Tarique / Tariq, Shafique / Shafiq).
            (b'q', b'u') if i + 3 == b.len() && b[i + 2] == b'e' => (b"k", 3),
            (b'k', b'h') => (b"h", 2),
            (b'p', b'h') => (b"f", 2),
            (b'c', b'k') => (b"k", 2),
            (b'z', b'h') | (b'd', b'j') => (b"j", 2),
            (b'x', _) => (b"ks", 1),
            (b'q', _) => (b"k", 1),
            (b'w', _) => (b"v", 1),
            (b'y', _) | (b'e', _) => (b"i", 1),
            (b'o', _) => (b"u", 1),
            _ => (&b[i..i + 1], 1),
        };
        for &e in emit {
            if out.last() != Some(&e) {
                out.push(e);
            }
        }
        i += step;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A coarse sound key for candidate generation: transliteration variants (kh/h, ts/tz/c, ph/f, w/v, q/k, ou/u,
/// doubled letters, vowels after the first letter) fall together. Never used as a score by itself.
pub fn phonetic_key(token: &str) -> String {
    let b = token.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    let mut last: u8 = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(0);
        let (code, step) = match (c, next) {
            // х/خ: kh, ch and h fall together (and are dropped inside a word, like vowels)
            (b'k', b'h') | (b'c', b'h') => (b'h', 2),
            (b'g', b'h') => (b'g', 2),
            (b's', b'h') => (b's', 2),
            (b'z', b'h') => (b'j', 2),
            (b'p', b'h') => (b'f', 2),
            (b't', b'h') => (b't', 2),
            (b't', b's') | (b't', b'z') | (b'c', b'z') => (b's', 2),
            (b'c', b'k') => (b'k', 2),
            (b'c', b'e') | (b'c', b'i') | (b'c', b'y') => (b's', 1),
            (b'q', _) | (b'c', _) | (b'x', _) => (b'k', 1),
            (b'w', _) => (b'v', 1),
            _ => (c, 1),
        };
        i += step;
        let is_vowel = matches!(code, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if out.is_empty() {
            out.push(if is_vowel { 'a' } else { code as char });
            last = code;
            continue;
        }
        if is_vowel || code == b'h' || code == last {
            last = code;
            continue;
        }
        out.push(code as char);
        last = code;
    }
    out
}

/// The consonants of a word, for comparing a word transliterated from Arabic script with a Latin spelling:
/// the sound key without its leading vowel ("ali" → "l", "علي" → "li" → "l"; "mhmd" and "muhammad" → "mmd").
pub fn consonants(token: &str) -> String {
    let k = phonetic_key(token);
    match k.strip_prefix('a') {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => k,
    }
}
