//! OCR damage repaired before the safety net screens a text once more.

/// OCR damage inside words read as the letters it stands for: a digit 0, 1, 3 or 5 standing between letters
/// ("C0rp", "Scient1fic", "f00t") becomes o, i or l (l after a vowel: "Ho11and"), e, s, in the case of the letter
/// before it. A word holding any other digit, or a digit at its edge ("PI-2026", "1C010", "AD9361", "N0"), stays as
/// written: part, model and registration numbers are not names. Every replacement is one ASCII byte for one, so
/// offsets into the text still hold. `None` when nothing was repaired.
pub(super) fn ocr_repaired(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = word.chars().collect();
        let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
        let digits = chars.iter().filter(|c| c.is_numeric()).count();
        let confusable = chars.iter().filter(|c| c.is_numeric()).all(|c| matches!(c, '0' | '1' | '3' | '5'));
        if digits == 0 || !confusable || letters < 2 || letters < digits {
            out.push_str(word);
            continue;
        }
        // The nearest character that is not a digit, before and after each position (two passes: linear in the
        // word, however long its runs of digits).
        let mut after_of: Vec<Option<char>> = vec![None; chars.len()];
        let mut next = None;
        for (i, &c) in chars.iter().enumerate().rev() {
            after_of[i] = next;
            if !c.is_numeric() {
                next = Some(c);
            }
        }
        let mut before = None;
        for (i, &c) in chars.iter().enumerate() {
            let (b_now, a_now) = (before, after_of[i]);
            if !c.is_numeric() {
                before = Some(c);
            }
            let (Some(b), Some(a)) = (b_now, a_now) else {
                out.push(c);
                continue;
            };
            if !c.is_ascii_digit() || !b.is_alphabetic() || !a.is_alphabetic() {
                out.push(c);
                continue;
            }
            let vowel = matches!(b.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u');
            let letter = match c {
                '0' => 'o',
                '1' if vowel => 'l',
                '1' => 'i',
                '3' => 'e',
                _ => 's',
            };
            out.push(if b.is_uppercase() && (a.is_uppercase() || !a.is_alphabetic()) {
                letter.to_ascii_uppercase()
            } else {
                letter
            });
            changed = true;
        }
    }
    changed.then_some(out)
}
