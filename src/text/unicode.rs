//! Unicode decompositions (canonical and compatibility) and combining marks, for folding and transliteration.
//!
//! The answers are those of the unicode-normalization crate: `build.rs` (`build/unicode.rs`) asks it about every
//! code point and writes the results as compact tables (by 256-character page, one byte per key, the
//! decompositions in one UTF-8 string), embedded packed (`crate::data::unpack`) and unpacked at the first use; they cost
//! about a sixth of the crate's own tables in the wasm. The tests below compare every code point with the crate. Hangul syllables decompose by arithmetic, as in the crate.

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// Decompositions of the characters of 256-character pages: `pages[p]..pages[p + 1]` are the entries of page `p`,
/// `low[i]` the low byte of entry `i`'s code point, its decomposition `pool[end[i - 1]..end[i]]`.
pub(super) struct Table {
    pages: Vec<u16>,
    low: Vec<u8>,
    end: Vec<u16>,
    pool: String,
}

/// The canonical and the compatibility table, decompressed once (both empty if the embedded bytes are malformed,
/// which the tests rule out: every code point is compared with the crate).
fn tables() -> &'static (Table, Table) {
    static T: std::sync::OnceLock<(Table, Table)> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let empty = || Table { pages: Vec::new(), low: Vec::new(), end: Vec::new(), pool: String::new() };
        let read = || {
            let bytes = crate::data::unpack(include_bytes!(concat!(env!("OUT_DIR"), "/unicode_tables.ppmd")))?;
            let (canonical, rest) = Table::read(&bytes, CANONICAL_LENS)?;
            let (compatible, rest) = Table::read(rest, COMPATIBLE_LENS)?;
            rest.is_empty().then_some((canonical, compatible))
        };
        read().unwrap_or_else(|| (empty(), empty()))
    })
}

impl Table {
    /// One table as `build/unicode.rs` lays it out (page starts as u16, low bytes, decomposition lengths, pool),
    /// with `[pages, entries, pool bytes]` as given; the rest of `bytes` after it.
    fn read(bytes: &[u8], [pages, entries, pool]: [usize; 3]) -> Option<(Table, &[u8])> {
        let (page_bytes, rest) = bytes.split_at_checked(pages * 2)?;
        let (low, rest) = rest.split_at_checked(entries)?;
        let (lens, rest) = rest.split_at_checked(entries)?;
        let (pool_bytes, rest) = rest.split_at_checked(pool)?;
        let pages = page_bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        let end = lens
            .iter()
            .scan(0u16, |end, &n| {
                *end = end.checked_add(u16::from(n))?;
                Some(*end)
            })
            .collect::<Vec<_>>();
        (end.len() == entries).then_some(())?;
        let pool = String::from_utf8(pool_bytes.to_vec()).ok()?;
        Some((Table { pages, low: low.to_vec(), end, pool }, rest))
    }

    fn get(&'static self, c: char) -> Option<&'static str> {
        let cp = c as u32;
        let page = (cp >> 8) as usize;
        let (from, to) = (*self.pages.get(page)? as usize, *self.pages.get(page + 1)? as usize);
        let i = from + self.low.get(from..to)?.binary_search(&(cp as u8)).ok()?;
        let start = match i {
            0 => 0,
            _ => *self.end.get(i - 1)? as usize,
        };
        self.pool.get(start..*self.end.get(i)? as usize)
    }
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = 19 * N_COUNT;

/// The full decomposition of one character, as an iterator (the character itself if it has none).
#[derive(Clone, Debug)]
pub struct Decomposition {
    chars: [char; 3],
    len: u8,
    pos: u8,
    rest: std::str::Chars<'static>,
}

impl Iterator for Decomposition {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.pos < self.len {
            self.pos += 1;
            return self.chars.get(usize::from(self.pos - 1)).copied();
        }
        self.rest.next()
    }
}

fn decomposition(c: char, compatible: bool) -> Decomposition {
    let mut d = Decomposition { chars: [c, '\0', '\0'], len: 1, pos: 0, rest: "".chars() };
    let cp = c as u32;
    if cp < 0xA0 {
        return d;
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        let (l, v, t) = (L_BASE + s / N_COUNT, V_BASE + (s % N_COUNT) / T_COUNT, s % T_COUNT);
        let jamo = |x| char::from_u32(x).unwrap_or(c);
        d.chars = [jamo(l), jamo(v), jamo(T_BASE + t)];
        d.len = if t > 0 { 3 } else { 2 };
        return d;
    }
    let (canonical, compatible_table) = tables();
    let found = if compatible { compatible_table.get(c).or_else(|| canonical.get(c)) } else { canonical.get(c) };
    if let Some(s) = found {
        d.len = 0;
        d.rest = s.chars();
    }
    d
}

/// Calls `emit` with each character of `c`'s full canonical decomposition ("é" → "e", U+0301), or with `c`.
pub fn decompose_canonical(c: char, emit: impl FnMut(char)) {
    decomposition(c, false).for_each(emit);
}

/// Calls `emit` with each character of `c`'s full compatibility decomposition ("ﬁ" → "f", "i"), or with `c`.
pub fn decompose_compatible(c: char, emit: impl FnMut(char)) {
    decomposition(c, true).for_each(emit);
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    let cp = c as u32;
    cp >= 0x300
        && MARKS
            .binary_search_by(|&(from, to)| {
                if to < cp {
                    std::cmp::Ordering::Less
                } else if from > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// NFKD of one character: `c.nfkd()` as in the unicode-normalization crate (a lone character's compatibility
/// decomposition is already in canonical order; `build.rs` checks it for every code point).
pub trait Nfkd {
    fn nfkd(self) -> Decomposition;
}

impl Nfkd for char {
    fn nfkd(self) -> Decomposition {
        decomposition(self, true)
    }
}

/// The Unicode version of the tables.
pub const fn unicode_version() -> (u8, u8, u8) {
    UNICODE_VERSION
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::Nfkd as _;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    /// Every code point decomposes, canonically and for compatibility, exactly as the crate says.
    #[test]
    fn decompositions_equal_the_crate_for_every_code_point() {
        let (mut ours, mut theirs) = (String::new(), String::new());
        for c in all_chars() {
            for compatible in [false, true] {
                ours.clear();
                theirs.clear();
                if compatible {
                    super::decompose_compatible(c, |d| ours.push(d));
                    unicode_normalization::char::decompose_compatible(c, |d| theirs.push(d));
                } else {
                    super::decompose_canonical(c, |d| ours.push(d));
                    unicode_normalization::char::decompose_canonical(c, |d| theirs.push(d));
                }
                assert_eq!(ours, theirs, "U+{:04X} (compatible: {compatible})", c as u32);
            }
            assert!(c.nfkd().eq(unicode_normalization::UnicodeNormalization::nfkd(c)), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn combining_marks_equal_the_crate_for_every_code_point() {
        for c in all_chars() {
            assert_eq!(
                super::is_combining_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn examples() {
        assert_eq!('é'.nfkd().collect::<String>(), "e\u{301}");
        assert_eq!('ﬁ'.nfkd().collect::<String>(), "fi");
        assert_eq!('한'.nfkd().collect::<String>(), "\u{1112}\u{1161}\u{11AB}");
        assert_eq!('a'.nfkd().collect::<String>(), "a");
        let mut canon = String::new();
        super::decompose_canonical('ﬁ', |d| canon.push(d));
        assert_eq!(canon, "ﬁ", "a compatibility decomposition is not canonical");
        assert!(super::is_combining_mark('\u{301}') && !super::is_combining_mark('e'));
        assert_eq!(super::unicode_version(), unicode_normalization::UNICODE_VERSION);
    }
}
