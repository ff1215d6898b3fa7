//! Han characters to toneless Hanyu Pinyin, one syllable per character, from the Unicode Han Database field
//! kMandarin (Unicode 17.0.0), read from the table `scripts/data/han_pinyin.py` generates (its header names the
//! source and its layout). Covers CJK Unified Ideographs (U+4E00–U+9FFF) and Extension A (U+3400–U+4DBF);
//! compatibility ideographs reach here as their unified form (NFKC). `build.rs` embeds the table packed
//! (from its `syllables:` line on; `crate::data::unpack`); it is unpacked at the first use.

use std::sync::OnceLock;

const TABLE_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/han_pinyin.ppmd"));
const EXT_A: std::ops::RangeInclusive<u32> = 0x3400..=0x4DBF;
const UNIFIED: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;
const EXT_A_LEN: usize = 0x4DBF - 0x3400 + 1;
const COUNT: usize = EXT_A_LEN + (0x9FFF - 0x4E00 + 1);

struct Table {
    syllables: Vec<&'static str>,
    low: &'static [u8],
    high: &'static [u8],
}

/// The parsed table; empty if the embedded file is malformed (a test checks it is not).
fn table() -> &'static Table {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let bytes = BYTES.get_or_init(|| crate::data::unpack(TABLE_PACKED).unwrap_or_default());
        parse(bytes).unwrap_or(Table { syllables: Vec::new(), low: &[], high: &[] })
    })
}

fn parse(bytes: &'static [u8]) -> Option<Table> {
    const MARK: &[u8] = b"\nsyllables: ";
    let start = bytes.windows(MARK.len()).position(|w| w == MARK)? + MARK.len();
    let end = start + bytes[start..].iter().position(|&b| b == 0)?;
    let line = std::str::from_utf8(&bytes[start..end]).ok()?.trim_end();
    let syllables: Vec<&'static str> = line.split(' ').collect();
    let data = &bytes[end + 1..];
    let (low, high) = (data.get(..COUNT)?, data.get(COUNT..COUNT + COUNT.div_ceil(8))?);
    Some(Table { syllables, low, high })
}

/// Whether `c` is a Han character this table covers.
pub fn is_covered(c: char) -> bool {
    EXT_A.contains(&(c as u32)) || UNIFIED.contains(&(c as u32))
}

/// Characters whose reading in names differs from kMandarin's first value (which is that of running text):
/// 长 is "chang" in 长江, 长城, 长春, 长沙, 长安 (kMandarin zhǎng, "to grow"); 都 is "du" in 成都, 首都, 京都
/// (kMandarin dōu, the adverb "all", never in a name); 曾 is the surname Zeng (kMandarin céng, "once"); 什 is "shi"
/// in 什邡 Shifang and in transcribed names (奥什科什 Oshkosh; kMandarin shén, of 什么 "what").
/// Source: the official Hanyu Pinyin spellings of those place names (PRC Ministry of Civil Affairs, administrative
/// divisions; GB/T 16159-2012) and the surname as Chinese passports write it.
const NAME_READINGS: [(char, &str); 4] = [('长', "chang"), ('都', "du"), ('曾', "zeng"), ('什', "shi")];

/// Two-character words whose reading differs from their characters' ("重庆" Chongqing, not "zhong qing"), from
/// the same official place-name spellings; 银行 is "yinhang" (bank) as in 中国银行 "Zhongguo Yinhang", Bank of
/// China's registered pinyin name.
const WORDS: [([char; 2], [&str; 2]); 7] = [
    (['重', '庆'], ["chong", "qing"]),
    (['厦', '门'], ["xia", "men"]),
    (['银', '行'], ["yin", "hang"]),
    (['西', '藏'], ["xi", "zang"]),
    (['六', '安'], ["lu", "an"]),
    (['蚌', '埠'], ["beng", "bu"]),
    (['番', '禺'], ["pan", "yu"]),
];

/// The readings of a word at the start of `chars` that reads differently from its characters.
pub fn word(chars: &[char]) -> Option<[&'static str; 2]> {
    let pair = chars.get(..2)?;
    WORDS.iter().find(|(w, _)| w[..] == *pair).map(|(_, r)| *r)
}

/// Whether `s` is a toneless Hanyu Pinyin syllable of the table ("zhang", "wei", "xiu"): a Chinese name written in
/// Latin letters is made of them ("Zhang Wei", "Na Lin").
pub fn is_syllable(s: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| table().syllables.iter().copied().collect()).contains(s)
}

/// The toneless pinyin of a Han character ("华" → "hua"), or `None` outside the table or without a reading.
pub fn pinyin(c: char) -> Option<&'static str> {
    if let Some((_, r)) = NAME_READINGS.iter().find(|(k, _)| *k == c) {
        return Some(r);
    }
    let cp = c as u32;
    let i = if EXT_A.contains(&cp) {
        (cp - 0x3400) as usize
    } else if UNIFIED.contains(&cp) {
        EXT_A_LEN + (cp - 0x4E00) as usize
    } else {
        return None;
    };
    let t = table();
    let hi = (*t.high.get(i / 8)? >> (i % 8)) & 1;
    let n = *t.low.get(i)? as usize | (hi as usize) << 8;
    n.checked_sub(1).and_then(|k| t.syllables.get(k)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded table is the file's, from its `syllables:` line on (the build compresses, it does not edit).
    #[test]
    fn embedded_table_equals_the_file() {
        let file = include_bytes!("han_pinyin.bin");
        let embedded = crate::data::unpack(TABLE_PACKED).expect("unpacks");
        assert!(embedded.starts_with(b"\nsyllables: "));
        assert!(file.ends_with(&embedded), "{} of {} bytes", embedded.len(), file.len());
    }

    #[test]
    fn table_parses_and_covers_the_blocks() {
        let t = table();
        assert!(t.syllables.len() > 400 && t.syllables.len() < 511, "{}", t.syllables.len());
        assert!(t.syllables.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())));
        let covered = EXT_A.chain(UNIFIED).filter_map(char::from_u32).filter(|&c| pinyin(c).is_some()).count();
        // 26,703 of 27,584 code points have a reading in Unihan 17.0.0.
        assert!(covered > 26_000, "{covered}");
    }

    #[test]
    fn pinyin_known_characters() {
        assert_eq!(pinyin('华'), Some("hua"));
        assert_eq!(pinyin('为'), Some("wei"));
        assert_eq!(pinyin('中'), Some("zhong"));
        assert_eq!(pinyin('吕'), Some("lu"));
        assert_eq!(pinyin('㐀'), Some("qiu"));
        assert_eq!(pinyin('a'), None);
        assert_eq!(pinyin('\u{20000}'), None);
    }

    #[test]
    fn syllables_of_latin_names() {
        for s in ["zhang", "wei", "na", "lin", "xiu", "ling", "chen", "guang", "ming"] {
            assert!(is_syllable(s), "{s}");
        }
        for s in ["mingyang", "john", "lee", "smith", "anna", "", "Zhang"] {
            assert!(!is_syllable(s), "{s}");
        }
    }

    #[test]
    fn pinyin_name_readings_and_words() {
        assert_eq!(pinyin('长'), Some("chang"));
        assert_eq!(pinyin('都'), Some("du"));
        assert_eq!(word(&['重', '庆', '市']), Some(["chong", "qing"]));
        assert_eq!(word(&['重']), None);
    }
}
