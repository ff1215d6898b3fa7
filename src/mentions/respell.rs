//! A text written with Turkish letters, screened once more as the lists romanise the names it holds: Turkish writes
//! a foreign name by its sound with its own letters ("Kalaşnikof Konserni" for Kalashnikov Concern, "Gorbaçof"),
//! where the lists write "sh" and "ch", and it ends a Russian surname in "-of" where the lists write "-ov"
//! (Türk Dil Kurumu, Yazım Kılavuzu, "Yabancı özel adların yazılışı": Kalaşnikof, Molotof).

/// Letters only Turkish (and Azerbaijani) writes: a text holding none of them is not respelled.
const TURKISH: &[char] = &['ş', 'Ş', 'ğ', 'Ğ', 'ı', 'İ'];

/// The text with "ş" read as "sh", "ç" as "ch", and a word of five letters or more ending in "of" as ending in
/// "ov"; every replacement keeps the byte length (each letter is two bytes in UTF-8), so offsets into the text still
/// hold. `None` when the text holds no Turkish letter or nothing was respelled.
pub(super) fn turkish_respelled(text: &str) -> Option<String> {
    if !text.contains(TURKISH) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let body = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let tail = word.get(body.len()..).unwrap_or_default();
        let mut chars: Vec<char> = body.chars().collect();
        let upper = |i: usize, chars: &[char]| chars.get(i).is_some_and(|c| c.is_uppercase());
        let mut w = String::with_capacity(word.len());
        for i in 0..chars.len() {
            let c = chars[i];
            let next_upper = upper(i + 1, &chars);
            match c {
                'ş' => w.push_str("sh"),
                'ç' => w.push_str("ch"),
                'Ş' if next_upper => w.push_str("SH"),
                'Ş' => w.push_str("Sh"),
                'Ç' if next_upper => w.push_str("CH"),
                'Ç' => w.push_str("Ch"),
                _ => {
                    w.push(c);
                    continue;
                }
            }
            changed = true;
        }
        // "-of" at the end of a long word: the Russian "-ов" as Turkish writes it.
        let n = chars.len();
        if letters >= 5 && n >= 2 && chars.get(n - 2..).is_some_and(|e| matches!(e, ['o', 'f'] | ['O', 'F'])) {
            w.pop();
            w.push(if chars[n - 1] == 'F' { 'V' } else { 'v' });
            changed = true;
        }
        chars.clear();
        out.push_str(&w);
        out.push_str(tail);
    }
    debug_assert_eq!(out.len(), text.len());
    (changed && out.len() == text.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::turkish_respelled;

    #[test]
    fn turkish_letters_read_as_the_lists_romanise_them() {
        let text = "son kullanıcı İjevsk'teki Kalaşnikof Konserni, oraya; ÇAYKUR";
        let r = turkish_respelled(text).expect("respelled");
        assert_eq!(r, "son kullanıcı İjevsk'teki Kalashnikov Konserni, oraya; CHAYKUR");
        assert_eq!(r.len(), text.len());
    }

    #[test]
    fn a_text_without_turkish_letters_is_left_as_written() {
        // "ç" alone is French or Portuguese as well; "-of" alone is English ("Ministry of Defence").
        assert_eq!(turkish_respelled("Société Générale, Ministry of Defence, Gorbachof"), None);
        assert_eq!(turkish_respelled("İstanbul depo"), None);
    }
}
