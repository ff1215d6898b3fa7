//! Lower and upper case, as the standard library maps them (`char::to_lowercase`, `str::to_lowercase` with its
//! final sigma, and the upper-case pair), from tables `build.rs` (`build/case.rs`) takes from the standard library
//! of the toolchain: most mappings are runs of characters moved by the same distance, so they are written as runs
//! instead of core's one pair per character. Used wherever the crate changes case, so that core's tables stay out
//! of the wasm (with the Cased and Case_Ignorable tables of `str::to_lowercase` and std's per-call-site iterator
//! code: 693,683 -> 681,956 B gzipped). The tests compare every code point with the standard library; a new
//! `to_lowercase` / `to_uppercase` in the library's code brings core's tables back.

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// What one character becomes: one to three characters, as `char::to_lowercase` / `to_uppercase` give them.
#[derive(Clone, Debug)]
pub struct Mapped {
    chars: [char; 3],
    next: u8,
    len: u8,
}

impl Iterator for Mapped {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        let c = *self.chars.get(usize::from(self.next)).filter(|_| self.next < self.len)?;
        self.next += 1;
        Some(c)
    }
}

/// The single-character mapping of `c` in a run table, if a run holds it.
fn in_runs(runs: &[u32], deltas: &[i32], c: char) -> Option<char> {
    let cp = c as u32;
    let i = runs.partition_point(|&r| r & 0x1f_ffff <= cp).checked_sub(1)?;
    let r = runs[i];
    let (start, stride, len) = (r & 0x1f_ffff, (r >> 21 & 1) + 1, r >> 22);
    let k = (cp - start) / stride;
    let d = *deltas.get(i)?;
    ((cp - start).is_multiple_of(stride) && k < len).then(|| char::from_u32(cp.wrapping_add_signed(d)))?
}

/// The mapping of `c` to several characters in a `*_MULTI` table ("c" then its mapping, each entry ended by '\0').
fn in_multi(table: &'static str, c: char) -> Option<Mapped> {
    let entry = table.split('\0').find(|e| e.starts_with(c))?;
    let mut m = Mapped { chars: ['\0'; 3], next: 0, len: 0 };
    for (slot, d) in m.chars.iter_mut().zip(entry.chars().skip(1)) {
        *slot = d;
        m.len += 1;
    }
    Some(m)
}

fn one(c: char) -> Mapped {
    Mapped { chars: [c, '\0', '\0'], next: 0, len: 1 }
}

/// `c.to_lowercase()`.
pub fn lower_char(c: char) -> Mapped {
    if c.is_ascii() {
        return one(c.to_ascii_lowercase());
    }
    in_runs(&LOWER_RUNS, &LOWER_DELTAS, c).map(one).or_else(|| in_multi(LOWER_MULTI, c)).unwrap_or_else(|| one(c))
}

/// `c.to_uppercase()`.
pub fn upper_char(c: char) -> Mapped {
    if c.is_ascii() {
        return one(c.to_ascii_uppercase());
    }
    in_runs(&UPPER_RUNS, &UPPER_DELTAS, c).map(one).or_else(|| in_multi(UPPER_MULTI, c)).unwrap_or_else(|| one(c))
}

/// `s.to_lowercase()`, with its one contextual rule: a capital sigma at the end of a word is 'ς', else 'σ'.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            let end = i + 'Σ'.len_utf8();
            let last = cased_after_ignorable(s[..i].chars().rev()) && !cased_after_ignorable(s[end..].chars());
            out.push(if last { 'ς' } else { 'σ' });
        } else {
            out.extend(lower_char(c));
        }
    }
    out
}

/// `s.to_uppercase()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    s.chars().flat_map(upper_char).collect()
}

/// Whether the first character that is not case-ignorable is cased (Unicode's Final_Sigma test, as the standard
/// library applies it).
fn cased_after_ignorable(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !case_ignorable(c)).is_some_and(cased)
}

/// Unicode's Cased: lower case, upper case, or title case (a character both case mappings change, like 'ǅ').
fn cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || (lower_char(c).ne([c]) && upper_char(c).ne([c]))
}

/// Unicode's Case_Ignorable, from alternating LEB128 lengths of code points outside and inside it.
fn case_ignorable(c: char) -> bool {
    let (cp, mut at, mut inside) = (c as u32, 0u32, false);
    let mut bytes = CASE_IGNORABLE.iter();
    loop {
        let (mut n, mut shift) = (0u32, 0);
        for &b in bytes.by_ref() {
            n |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        if shift == 0 {
            return false;
        }
        at += n;
        if cp < at {
            return inside;
        }
        inside = !inside;
    }
}

/// `to_lower` / `to_upper` in place of std's `to_lowercase` / `to_uppercase`, with the same answers: a `String`
/// for text, a [`Mapped`] for a character.
pub trait Case {
    type Out;
    fn to_lower(&self) -> Self::Out;
    fn to_upper(&self) -> Self::Out;
}

impl Case for str {
    type Out = String;
    fn to_lower(&self) -> String {
        lower(self)
    }
    fn to_upper(&self) -> String {
        upper(self)
    }
}

impl Case for char {
    type Out = Mapped;
    fn to_lower(&self) -> Mapped {
        lower_char(*self)
    }
    fn to_upper(&self) -> Mapped {
        upper_char(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn lower_char_and_upper_char_equal_std_for_every_code_point() {
        for c in all() {
            assert!(lower_char(c).eq(c.to_lowercase()), "{c:?} {:x}", c as u32);
            assert!(upper_char(c).eq(c.to_uppercase()), "{c:?} {:x}", c as u32);
        }
    }

    /// The final sigma after and before every code point: after "A" and `c` it is final when `c` is case-ignorable
    /// or cased, after "1" and `c` when `c` is cased and not ignorable, before `c` when `c` is ignorable or not
    /// cased; so every character's Cased and Case_Ignorable are checked.
    #[test]
    fn lower_equals_std_around_a_sigma_for_every_code_point() {
        let mut s = String::new();
        for c in all() {
            for (pre, post) in [("A", None), ("1", None), ("aΣ", Some(c))] {
                s.clear();
                s.push_str(pre);
                match post {
                    Some(c) => s.push(c),
                    None => {
                        s.push(c);
                        s.push('Σ');
                    }
                }
                assert_eq!(lower(&s), s.to_lowercase(), "{s:?}");
            }
        }
    }

    #[test]
    fn lower_equals_std_on_mixed_text() {
        let samples = [
            "ΟΔΥΣΣΕΥΣ",
            "ΣΑΣ ΣΑΣ.",
            "Σ",
            "AΣ",
            "ἈΣ'Σ",
            "İstanbul İĞNE",
            "STRASSE Straße ǅemal ǈ",
            "ΌΣΟΣ, ΣΊΣΥΦΟΣ",
            "Ⅻ ⓐⒶ ＡＢＣ",
            "Dž ﬀ ŉ ǰ",
            "A\u{301}Σ\u{301}",
            "Σ\u{301}a",
            "",
            "plain ascii",
            "ΣΑΣ\u{345}",
        ];
        for s in samples {
            assert_eq!(lower(s), s.to_lowercase(), "{s:?}");
            assert_eq!(upper(s), s.to_uppercase(), "{s:?}");
        }
        // Random texts over the characters that matter to the rules (cased, ignorable, sigma, spaces).
        let pool: Vec<char> = "aAΣσςΐİ'\u{301}\u{345}.· 1ǅß\u{200d}ʰ".chars().collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for k in 0..(x % 9) {
                s.push(pool[((x >> (k * 5 + 8)) % pool.len() as u64) as usize]);
            }
            assert_eq!(lower(&s), s.to_lowercase(), "{s:?}");
        }
    }
}
