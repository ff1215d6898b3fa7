//! Stage 2: names → comparable tokens, the same way for list names (once, at load) and for queries.
//!
//! The steps run in a fixed order:
//! 1. split a published name into the names it contains ([`name_variants`]: bracketed acronyms, "a.k.a.",
//!    "and subordinate entity", inverted legal forms); a place in brackets stays in the name;
//! 2. fold each character ([`fold`]): other scripts transliterated to Latin (`text::translit`), NFKD with marks
//!    dropped, lower case, apostrophes removed, `&` read as "and";
//! 3. split into tokens on anything not alphanumeric, and join runs of single letters ("s.a." → "sa",
//!    "m/s" → "ms");
//! 4. drop honorifics at the start ("M/s", "Messrs", "Dr", "Engr") and legal forms (our own multi-language
//!    table in `src/data/legal_forms.toml`; also when their words are written together or one is misspelt,
//!    "Jointstock", "Jooint Stock Company"; the longest of overlapping forms wins), recording each as ignored;
//! 5. map abbreviations and spelling variants to one form ("intl" → "international", "centre" → "center");
//! 6. mark generic tokens (company words, place names) that must not carry a match on their own.
//!
//! The result, [`NormName`], is what the index and the scorer work on.

mod fold;
mod keys;
pub mod sound;
mod tables;
mod variants;

pub use fold::fold;
pub use keys::{consonants, deletion_hashes, phonetic_key, translit_key};
pub use sound::Transcribed;

pub use tables::tables_ok;
pub use variants::{name_variants, query_variants};

use fold::simple_tokens;
use tables::{canonical_of, correct, correct_legal_word, in_multiword_form, legal_key, tables};

use crate::config::MAX_LEGAL_FORMS;

/// Why a token was left out of matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    LegalForm,
    Honorific,
}

impl IgnoreReason {
    pub fn as_str(self) -> &'static str {
        match self {
            IgnoreReason::LegalForm => "legal form",
            IgnoreReason::Honorific => "honorific",
        }
    }
}

/// What a token stands for besides its spelling, from `src/data/name_symbols.toml`: tokens with one symbol
/// correspond whatever their spelling ("2nd" / "Second" / "Zweite"; "Pavlo" / "Pavel").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A number or ordinal, by its value.
    Number(u32),
    /// A given name, by its group of variants.
    GivenName(u32),
    /// A word of a registered name in one of the lists' languages, by the concept it names ("sanaye" / "industry",
    /// "zavod" / "plant", "gongsi" / "company", "zhongguo" / "China"): generic, compared as equal across languages.
    Concept(u32),
}

/// One comparable token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Canonical form ("international" for "Intl").
    pub text: String,
    /// The word as written (folded), when a canonical rewrite changed it ("technic" beside "technology"); empty
    /// when it is `text`. Words written together are compared in both forms ("Aero Technic" / "Aerotechnic").
    pub written: String,
    /// Weak evidence on its own: company words, place names, articles.
    pub generic: bool,
    /// Contains a digit: compared exactly, never fuzzily.
    pub numeric: bool,
    /// Articles and joiners ("and", "of", "al"): almost no weight.
    pub stopword: bool,
    /// A place name (country, region, city): generic, and when a query has one its listed name lacks, it is
    /// taken as an address written into the name ("M/s Hasan Scientific Corp, Lahore").
    pub place: bool,
    /// Transliterated from a script that does not write short vowels (Arabic, Persian, Urdu): compared by its
    /// consonants too ("محمد" → "mhmd" ~ "Muhammad").
    pub loose: bool,
    /// A number, ordinal or given name the token stands for.
    pub symbol: Option<Symbol>,
    /// A business-activity word: the name is an organisation's.
    pub org: bool,
    /// A patronymic ("Sergeevich", "Petrovna", "oglu"): weak evidence, often left out.
    pub patronymic: bool,
    /// A Roman numeral ending a name of three words or more ("Tc Lng Explorer III", "Marie de Lourdes V"): the
    /// scorer reads it as a number in an organisation's or vessel's name, so that two different ones disagree,
    /// and as a letter in a person's (an initial). See [`trailing_roman`].
    pub roman: bool,
    /// Transliterated from a script written in syllables (Han, Hangul, Kana), or a short name written in Latin
    /// letters whose every word is a pinyin syllable ("Na Lin", [`pinyin_name`]): each token is one romanised
    /// syllable or name, exactly, so a different spelling is another syllable ("liang" is not "ling").
    pub syllabic: bool,
    /// Read from Han characters used for their sound in a transcribed foreign name ("斯特拉" Stella): compared with
    /// Latin words by sound too ([`sound`]).
    pub transcribed: Transcribed,
}

/// A normalised name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormName {
    pub tokens: Vec<Token>,
    /// Tokens removed before matching, with the reason.
    pub ignored: Vec<(String, IgnoreReason)>,
    /// The first letters of the legal-form words removed after the name's last word ("c" for "Semiconductor
    /// Manufacturing International Corporation", "cl" for "... Company Limited"): acronyms often spell them
    /// ("SMIC", "CCCC"), so the scorer's acronym rule may read them after the name's words.
    pub legal_tail: String,
    /// Whether a legal form was removed at the start or the end of the name ("OOO Navigator", "Volkswagen AG"):
    /// only there does it make the name an organisation's. Letters inside a name that spell a form ("Ahmed AG
    /// ALBACHAR", the Tuareg "ag", son of) are removed for matching but say nothing of the kind of party.
    pub legal_edge: bool,
}

impl Token {
    /// The word as written ([`Token::written`]), or its canonical form when that is how it was written.
    pub fn written(&self) -> &str {
        if self.written.is_empty() {
            &self.text
        } else {
            &self.written
        }
    }
}

impl NormName {
    /// The canonical tokens joined by spaces: equal keys mean an exact match.
    pub fn key(&self) -> String {
        let mut s = String::new();
        for t in &self.tokens {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
}

/// What normalisation makes of single words, kept while many names are normalised in a row (a list being indexed:
/// the CSL's 103,000 words are 24,000 distinct ones). Every entry is what the step computes for that word alone, so
/// [`normalize_with`] gives exactly what [`normalize`] gives; the memo only saves the table look-ups (legal forms
/// written together, spelling corrections, canonical forms, the word's flags).
#[derive(Debug, Default)]
pub struct Memo {
    /// Step 3–5 for a split word: `None` when the word stays as it is, else the words it becomes (canonical and
    /// as written).
    words: rustc_hash::FxHashMap<String, Option<Box<[CanonicalWritten]>>>,
    /// Step 6 for a final word.
    flags: rustc_hash::FxHashMap<String, WordFlags>,
}

impl Memo {
    /// Past this many words a memo starts again (a bound on its memory; real lists stay far below it).
    const MAX_WORDS: usize = 1 << 17;
}

/// A word's canonical form and the word as written.
type CanonicalWritten = (String, String);

/// The flags of step 6 that depend on the word alone.
#[derive(Clone, Copy, Debug)]
struct WordFlags {
    generic: bool,
    place: bool,
    stopword: bool,
    symbol: Option<Symbol>,
    org: bool,
    patronymic: bool,
}

impl WordFlags {
    fn of(t: &tables::Tables, text: &str) -> WordFlags {
        WordFlags {
            generic: t.generic.contains(text),
            place: t.places.contains(text),
            stopword: t.stopwords.contains(text),
            symbol: symbol_of(t, text),
            org: t.business.contains(text),
            patronymic: is_patronymic(text),
        }
    }
}

/// Normalises one name (use [`name_variants`] first to split a published name that holds several).
pub fn normalize(name: &str) -> NormName {
    normalize_inner(name, None)
}

/// [`normalize`], keeping what it learns of single words in `memo` for the next names (same result).
pub fn normalize_with(name: &str, memo: &mut Memo) -> NormName {
    if memo.words.len() > Memo::MAX_WORDS || memo.flags.len() > Memo::MAX_WORDS {
        *memo = Memo::default();
    }
    normalize_inner(name, Some(memo))
}

fn normalize_inner(name: &str, mut memo: Option<&mut Memo>) -> NormName {
    let abjad = name.chars().any(crate::text::translit::is_abjad);
    // A name written in Han characters alone has no Latin legal form: a syllable that spells one is a syllable
    // ("萨" sa, "奥" ao).
    let han_only = name.chars().any(is_han) && !name.chars().any(|c| c.is_ascii_alphabetic());
    let (mut n, rejoined) = normalize_once(name, han_only, memo.as_deref_mut());
    // Removing a legal form can bring single letters together, which may spell another legal form ("A Co. O"), and
    // a word transliterated from another script can spell one ("سا" is "sa"): repeat until nothing changes, so that
    // normalising a normalised name is a no-op. Each round only removes.
    let mut rejoined = rejoined || name.chars().any(|c| c > '\u{24F}' && c.is_alphabetic());
    for _ in 0..4 {
        if !rejoined {
            break;
        }
        let key = n.key();
        let (again, again_rejoined) = normalize_once(&key, han_only, memo.as_deref_mut());
        if again.key() == key {
            break;
        }
        rejoined = again_rejoined;
        // The pass reads the canonical words: the written forms are the first pass's, where a word is kept.
        let mut again = again;
        if again.tokens.len() == n.tokens.len() {
            for (a, b) in again.tokens.iter_mut().zip(&n.tokens) {
                if a.text == b.text {
                    a.written.clone_from(&b.written);
                }
            }
        }
        let mut ignored = std::mem::take(&mut n.ignored);
        ignored.extend(again.ignored.iter().cloned());
        // A legal form removed on this pass ended the name before the first pass's tail.
        let legal_tail = again.legal_tail + &n.legal_tail;
        n = NormName { tokens: again.tokens, ignored, legal_tail, legal_edge: n.legal_edge || again.legal_edge };
    }
    if abjad {
        for t in &mut n.tokens {
            t.loose = true;
        }
    }
    let syllabic = name.chars().any(|c| {
        matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
    });
    if syllabic {
        // Romanised syllables are never articles or joiners ("an", "de", "le", "bin" are 安, 德, 乐, 빈).
        let latin = name.chars().any(|c| c.is_ascii_alphabetic());
        for t in &mut n.tokens {
            t.syllabic = true;
            t.stopword &= latin;
        }
        // A short name is a person's as often as not, and given names are often words ("建设" Jianshe, "中华"
        // Zhonghua): only an organisation's words are read as words (a legal form removed, or more syllables than a
        // person's name has).
        let org = n.ignored.iter().any(|(_, why)| *why == IgnoreReason::LegalForm)
            || n.tokens.iter().filter(|t| !t.stopword).count() > crate::score::SHORT_NAME_SYLLABLES;
        if org && name.chars().any(is_han) {
            join_han_words(&mut n.tokens);
        }
        if name.chars().any(is_han) {
            sound::mark(name, &mut n.tokens);
        }
    } else if pinyin_name(&n) {
        // A short name made only of pinyin syllables is a Chinese name written in Latin letters ("Na Lin", "WEI,
        // Lin Na", "Gang Meng"): its syllables are spelt as exactly as those romanised from Han here.
        for t in &mut n.tokens {
            t.syllabic = true;
        }
    }
    n
}

/// Whether a character is a Han ideograph (CJK Unified Ideographs, Extension A, Compatibility Ideographs).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Most syllables of one Han word that [`join_han_words`] reads.
const HAN_WORD_SYLLABLES: usize = 3;

/// Han text is romanised syllable by syllable ("国际贸易" → "guo ji mao yi"); a run of two or three syllables that
/// spells a word of the concept table ("guoji", "maoyi", `src/data/name_symbols.toml`) is that word, one token
/// standing for the concept ("international", "trade"), so that it pairs with its translation. The longest run
/// wins; syllables outside such words stay as they are.
fn join_han_words(tokens: &mut Vec<Token>) {
    let t = tables();
    // Where the words are (start, syllables, word), found in one pass; then the tokens rebuilt once, so the cost
    // stays linear in the name's length.
    let mut joins: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let joined = (2..=HAN_WORD_SYLLABLES).rev().find_map(|k| {
            let run = tokens.get(i..i + k)?;
            if run.iter().any(|x| !x.syllabic || x.numeric) {
                return None;
            }
            let word: String = run.iter().map(|x| x.text.as_str()).collect();
            matches!(t.symbols.get(&word), Some(Symbol::Concept(_))).then_some((k, word))
        });
        match joined {
            Some((k, word)) => {
                joins.push((i, k, word));
                i += k;
            }
            None => i += 1,
        }
    }
    if joins.is_empty() {
        return;
    }
    let mut joins = joins.into_iter().peekable();
    let mut skip = 0;
    for (i, tok) in std::mem::take(tokens).into_iter().enumerate() {
        if skip > 0 {
            skip -= 1;
        } else if let Some((_, k, word)) = joins.next_if(|j| j.0 == i) {
            let f = WordFlags::of(t, &word);
            tokens.push(Token {
                generic: f.generic,
                place: f.place,
                numeric: false,
                stopword: false,
                loose: false,
                symbol: f.symbol,
                org: f.org,
                patronymic: false,
                roman: false,
                syllabic: true,
                transcribed: Transcribed::No,
                written: String::new(),
                text: word,
            });
            skip = k - 1;
        } else {
            tokens.push(tok);
        }
    }
}

/// Most words of a name that [`pinyin_name`] reads as a Chinese name written in Latin letters: a surname and a given
/// name of one or two syllables, each syllable written apart.
const PINYIN_NAME_WORDS: usize = 3;

/// Whether a name is two or three words, each a toneless Hanyu Pinyin syllable ([`crate::text::translit::han`]'s
/// table, from the Unicode Han Database): a Chinese person's name written in Latin letters ("Zhang Wei", "Lin Na").
/// Western words of the same letters are rarely all syllables ("Anna", "John", "Lee" are not).
fn pinyin_name(n: &NormName) -> bool {
    (2..=PINYIN_NAME_WORDS).contains(&n.tokens.len())
        && n.tokens.iter().all(|t| {
            !t.stopword
                && !t.generic
                && t.text.bytes().all(|b| b.is_ascii_lowercase())
                && crate::text::translit::han::is_syllable(&t.text)
        })
}

/// Legal-form abbreviations that are written onto a name without a space often enough, and end no ordinary word.
const JOINED_SUFFIXES: [&str; 6] = ["gmbh", "llc", "ltd", "plc", "sarl", "corp"];

/// The symbol of a token: a number written in digits ("12", "2nd"), a number word or ordinal, a given name.
fn symbol_of(t: &tables::Tables, text: &str) -> Option<Symbol> {
    if let Some(s) = t.symbols.get(text) {
        return Some(*s);
    }
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &text[digits.len()..];
    if !digits.is_empty()
        && digits.len() <= 6
        && matches!(rest, "" | "st" | "nd" | "rd" | "th" | "e" | "er" | "eme" | "o" | "a" | "te" | "ter")
    {
        return digits.parse().ok().map(Symbol::Number);
    }
    None
}

/// Roman numerals from 1 to 20.
const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii",
    "xviii", "xix", "xx",
];

/// The value of a Roman numeral from 1 to 20 ("i" … "xx").
pub fn roman_value(text: &str) -> Option<u32> {
    ROMAN.iter().position(|r| *r == text).map(|p| p as u32 + 1)
}

/// The position of a Roman numeral (1 to 20) that ends a name of two or more other words ("Marie de Lourdes I",
/// "Explorer Vi"), given the name's tokens and whether each is an article. Vessels and units of one group are
/// numbered this way.
pub fn trailing_roman<'a>(tokens: impl Iterator<Item = (&'a str, bool)>) -> Option<usize> {
    let (mut before, mut last) = (0usize, None);
    for (k, (text, stopword)) in tokens.enumerate() {
        if let Some((_, (_, false))) = last {
            before += 1;
        }
        last = Some((k, (text, stopword)));
    }
    last.filter(|(_, (text, _))| before >= 2 && ROMAN.contains(text)).map(|(k, _)| k)
}

/// Russian, Ukrainian and Belarusian patronymics (-ovich, -evich, -ovna, -evna, -ich, -ichna, -ivna, -ovych) and
/// Turkic ones (-oglu, -ogly, -kyzy, -qizi), as written in romanised names.
fn is_patronymic(text: &str) -> bool {
    text.len() >= 7
        && [
            "ovich", "evich", "ovna", "evna", "ichna", "ivna", "ovych", "evych", "ovych", "yevich", "ievich", "oglu",
            "ogly", "kyzy", "qizi",
        ]
        .iter()
        .any(|s| text.ends_with(s))
}

/// Letters of a legal-form word's key from which a slip of one letter past a form's first word is still the form.
const LEGAL_SLIP_CHARS: usize = 8;

/// Joiners that may end a name's words when a legal form followed them ("Johnson & Co." is "johnson and").
const JOINERS: [&str; 7] = ["and", "und", "et", "y", "e", "i", "of"];

/// An article stands before a word of the name ("al Rashid", "de la Cruz", "van der Bilt") and a joiner between
/// two: a stopword after the name's last word is a word of its own, as in Vietnamese and Chinese names ("Bảo Lê",
/// "Su Bin", "Bao An"), unless it is a joiner that a removed legal form followed (`legal_tail` not empty).
fn words_after_the_last(tokens: &mut [Token], legal_tail: &str) {
    let last_word = tokens.iter().rposition(|t| !t.stopword);
    for (k, tok) in tokens.iter_mut().enumerate() {
        let joiner_before_form = JOINERS.contains(&tok.text.as_str()) && !legal_tail.is_empty();
        if tok.stopword && last_word.is_none_or(|w| k > w) && !joiner_before_form {
            tok.stopword = false;
        }
    }
}

/// One pass of steps 3–6; also says whether single letters were joined after a removal (then another pass may
/// find a legal form the join spelt).
/// Steps 3–5 for one split word: the words it becomes, pushed onto `toks` (canonical form, and as written).
fn word_tokens(t: &tables::Tables, s: String, toks: &mut Vec<(String, String)>) {
    // Legal-form words written together ("Jointstock Company", "Openjoint Stock") are split first.
    if let Some(parts) = t.legal_joined.get(&s) {
        toks.extend(parts.iter().map(|p| (canonical_of(&t.canonical, p), p.clone())));
        return;
    }
    // A legal form written onto the name ("BoschGmbH", "AcmeLLC"): split off, when what is left is a word.
    if let Some(form) = JOINED_SUFFIXES
        .iter()
        .find(|f| s.len() >= f.len() + 3 && s.ends_with(*f) && !t.canonical.contains_key(&s) && !t.generic.contains(&s))
    {
        let stem = s[..s.len() - form.len()].to_string();
        toks.push((canonical_of(&t.canonical, &stem), stem));
        toks.push((canonical_of(&t.canonical, form), form.to_string()));
        return;
    }
    let fixed = correct(t, &s);
    toks.push((canonical_of(&t.canonical, fixed.as_ref().unwrap_or(&s)), s));
}

fn normalize_once(name: &str, han_only: bool, mut memo: Option<&mut Memo>) -> (NormName, bool) {
    let t = tables();
    // "He" is an honorific only when written "H.E." (His Excellency); otherwise it is a surname (何 "He").
    let lower = name.to_ascii_lowercase();
    let he_honorific = lower.contains("h.e") || lower.contains("h. e");
    let mut pairs: Vec<(String, String)> = Vec::new();
    for s in simple_tokens(name) {
        let Some(m) = memo.as_deref_mut() else {
            word_tokens(t, s, &mut pairs);
            continue;
        };
        match m.words.get(&s) {
            Some(None) => pairs.push((s.clone(), s)),
            Some(Some(out)) => pairs.extend(out.iter().cloned()),
            None => {
                let start = pairs.len();
                word_tokens(t, s.clone(), &mut pairs);
                let same = pairs.len() == start + 1 && pairs[start].0 == s && pairs[start].1 == s;
                m.words.insert(s, (!same).then(|| pairs[start..].into()));
            }
        }
    }
    // The canonical words, which the steps below read, and each word as written beside it.
    let (mut toks, written): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
    // A misspelt legal-form word is read as that word when the correction completes a multi-word legal form
    // ("Jooint Stock Company", "Joint Stck Company"); "Stork Joint Stock" keeps its "Stork".
    // Whether each word is a legal-form word, looked up once per word (and again for a word corrected below).
    let mut legal: Vec<bool> = toks.iter().map(|w| t.legal_word_set.contains(w.as_str())).collect();
    for i in 0..toks.len() {
        let next_to_legal = (i > 0 && legal[i - 1]) || legal.get(i + 1).copied().unwrap_or(false);
        if !next_to_legal || in_multiword_form(t, &toks, i) {
            continue;
        }
        if let Some(fixed) = correct_legal_word(t, &toks[i]) {
            let old = std::mem::replace(&mut toks[i], fixed);
            if !in_multiword_form(t, &toks, i) {
                toks[i] = old;
            } else {
                legal[i] = t.legal_word_set.contains(toks[i].as_str());
            }
        }
    }
    // A name that is a legal form and nothing else ("JOINT STOCK COMPANY", "S.A.") keeps its words, since a name is
    // never emptied, but they name no one: they weigh as generic words and never carry a match (issue #14).
    let only_forms = legal.iter().all(|l| *l);
    let mut ignored = Vec::new();
    let mut keep = vec![true; toks.len()];
    // How many tokens are kept, and the first and last of them, kept up to date as tokens are removed (counting
    // them again at every step made a name of many legal forms or honorifics cost the square of its length).
    let mut left = toks.len();
    let edges = |keep: &[bool]| (keep.iter().position(|k| *k).unwrap_or(0), keep.iter().rposition(|k| *k).unwrap_or(0));

    // Honorifics at the start ("M/s", "Messrs.", "Dr", "Engr", "Haji"), before and after legal forms
    // ("Co. M/s X" and "M/s Co. X" end the same).
    let strip_honorifics = |keep: &mut Vec<bool>, ignored: &mut Vec<(String, IgnoreReason)>, left: &mut usize| {
        let mut from = 0;
        while *left > 1 {
            let Some(first) = keep[from..].iter().position(|k| *k).map(|p| p + from) else { break };
            if !t.honorifics.contains(&toks[first]) || (toks[first] == "he" && !he_honorific) {
                break;
            }
            keep[first] = false;
            *left -= 1;
            from = first + 1;
            ignored.push((toks[first].clone(), IgnoreReason::Honorific));
        }
    };
    strip_honorifics(&mut keep, &mut ignored, &mut left);

    // Legal forms, longest spelling first; edge-only spellings just at the start or end. Never empty a name.
    // The length of the longest form starting at `i` among the kept tokens (0 for none); `(first_kept, last_kept)`
    // are the edges.
    // Each word's transliteration key, for forms written in another romanisation ([`legal_key`]).
    let keys: Vec<String> = toks.iter().map(|w| legal_key(w)).collect();
    let keyed = |i: usize| {
        let k = &keys[i];
        (!k.is_empty()).then(|| t.legal_by_key.get(k)).flatten().map(Vec::as_slice).unwrap_or(&[])
    };
    // A form's words are the name's words at `i`, as written or by their keys; past the first word of a form of
    // several, a long word's key may be one letter off besides ("Otvetzvennostyu" for "otvetstvennostyu").
    let spelt_at = |i: usize, k: usize, form: &[String]| {
        form.iter().enumerate().all(|(x, w)| {
            let (tok, key) = (&toks[i + x], &keys[i + x]);
            tok == w
                || t.legal_keys.get(k).is_some_and(|f| {
                    !key.is_empty()
                        && (f[x] == *key
                            || x > 0
                                && key.len().min(f[x].len()) >= LEGAL_SLIP_CHARS
                                && strsim::osa_distance(&f[x], key) <= 1)
                })
        })
    };
    let longest_at = |i: usize, keep: &[bool], (first_kept, last_kept): (usize, usize)| -> usize {
        if !keep[i] {
            return 0;
        }
        let exact = t.legal_by_first.get(&toks[i]).map(Vec::as_slice).unwrap_or(&[]);
        let mut best = 0;
        for &k in exact.iter().chain(keyed(i)) {
            let Some((form, edge_only)) = t.legal.get(k) else { continue };
            let n = form.len();
            if n <= best || i + n > toks.len() || !spelt_at(i, k, form) || keep[i..i + n].iter().any(|k| !k) {
                continue;
            }
            if *edge_only && i != first_kept && i + n - 1 != last_kept {
                continue;
            }
            if han_only && n == 1 && crate::text::translit::han::is_syllable(&toks[i]) {
                continue;
            }
            best = n;
        }
        best
    };
    let mut i = 0;
    let mut edge = edges(&keep);
    let mut removed = 0;
    let mut legal_edge = false;
    while i < toks.len() && removed < MAX_LEGAL_FORMS {
        if !keep[i] {
            i += 1;
            continue;
        }
        let mut matched = longest_at(i, &keep, edge);
        // A longer form overlapping this one wins ("Holding Limited Liability Company" is "Holding" and an LLC,
        // not "Holding Limited" and a stray "Liability").
        if (i + 1..i + matched)
            .any(|j| j + longest_at(j, &keep, edge) > i + matched && longest_at(j, &keep, edge) > matched)
        {
            matched = 0;
        }
        if matched > 0 && left > matched {
            legal_edge |= i == edge.0 || i + matched - 1 == edge.1;
            for k in keep.iter_mut().skip(i).take(matched) {
                *k = false;
            }
            left -= matched;
            removed += 1;
            edge = edges(&keep);
            ignored.push((toks[i..i + matched].join(" "), IgnoreReason::LegalForm));
            // A removal can put another edge-only form at the new edge ("A AS OOO"): scan again from the start
            // (from the first kept token: everything before it is removed).
            i = edge.0;
            continue;
        }
        i += 1;
    }
    strip_honorifics(&mut keep, &mut ignored, &mut left);
    let legal_tail: String = match keep.iter().rposition(|k| *k) {
        Some(last) => toks[last + 1..].iter().filter_map(|w| w.chars().next()).collect(),
        None => String::new(),
    };

    // Single letters left next to each other once a legal form between them is gone are joined again, as in
    // step 3, so that normalising a normalised name changes nothing.
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut last_single = false;
    let mut rejoined = false;
    for ((text, wr), _) in toks.into_iter().zip(written).zip(keep).filter(|(_, k)| *k) {
        let single = text.chars().count() == 1 && text.chars().all(char::is_alphabetic);
        match texts.last_mut() {
            Some(prev) if single && last_single => {
                prev.0.push_str(&text);
                prev.1.push_str(&wr);
                rejoined = true;
            }
            _ => texts.push((text, wr)),
        }
        last_single = single;
    }
    let roman_at = trailing_roman(texts.iter().map(|x| (x.0.as_str(), t.stopwords.contains(&x.0))));
    let tokens = texts
        .into_iter()
        .enumerate()
        .map(|(k, text)| (text, roman_at == Some(k)))
        .map(|((text, wr), roman)| {
            let f = match memo.as_deref_mut() {
                None => WordFlags::of(t, &text),
                Some(m) => match m.flags.get(&text) {
                    Some(f) => *f,
                    None => *m.flags.entry(text.clone()).or_insert(WordFlags::of(t, &text)),
                },
            };
            Token {
                generic: f.generic || only_forms,
                place: f.place,
                numeric: text.chars().any(|c| c.is_ascii_digit()),
                stopword: f.stopword,
                loose: false,
                symbol: f.symbol,
                org: f.org,
                patronymic: f.patronymic,
                roman,
                syllabic: false,
                transcribed: Transcribed::No,
                written: if wr == text { String::new() } else { wr },
                text,
            }
        })
        .collect();
    let mut tokens: Vec<Token> = tokens;
    words_after_the_last(&mut tokens, &legal_tail);
    (NormName { tokens, ignored, legal_tail, legal_edge }, rejoined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        normalize(s).key()
    }

    #[test]
    fn tables_parse() {
        assert!(tables_ok());
        assert!(tables().legal.len() > 50);
        assert!(tables().generic.len() > 50);
    }

    #[test]
    fn fold_scripts() {
        assert_eq!(fold("Оптолинк").trim(), "optolink");
        assert_eq!(fold("Ünal Çelik").trim(), "unal celik");
        assert_eq!(fold("Xi'an"), "xian");
        assert_eq!(fold("ΑΘΗΝΑ"), "athina");
    }

    #[test]
    fn normalize_legal_form_at_the_edge_only_marks_an_organisation() {
        for (name, edge) in
            [("Ahmed AG ALBACHAR", false), ("Volkswagen AG", true), ("OOO Navigator", true), ("Ahmed ALBACHAR", false)]
        {
            assert_eq!(normalize(name).legal_edge, edge, "{name}");
        }
        // Removed for matching all the same.
        assert_eq!(normalize("Ahmed AG ALBACHAR").key(), normalize("Ahmed ALBACHAR").key());
    }

    #[test]
    fn normalize_legal_forms_in_other_romanisations() {
        for name in [
            "AKTSIONERNOE OBSHCESTVO INSTITUT STROIPROEKT",
            "Aktsionernoye Obschestvo Institut Stroiproekt",
            "Institut Stroiproekt Aktsionernoe Obshchestvo",
        ] {
            assert_eq!(key(name), key("Institut Stroiproekt AO"), "{name}");
            assert!(normalize(name).legal_edge, "{name}");
        }
        assert_eq!(key("Publichnoe Aktsionernoe Obschestvo Sberbank"), key("PAO Sberbank"));
        // The adjective romanised, the noun translated.
        assert_eq!(key("Publichnoye Joint-Stock Company Uralkhimmash"), key("PAO Uralkhimmash"));
        // A slip past the form's first word: "otvetzvennostyu" has ц as "tz" and a "t" left out.
        assert_eq!(key("Obshchestvo s Ogranichennoi Otvetzvennostyu Vr-Resurs"), key("Vr-Resurs OOO"));
        // Abbreviations are compared as written: "Zoa" is no "ZAO".
        assert_eq!(key("Zoa Stroiproekt"), "zoa stroiproekt");
    }

    #[test]
    fn normalize_legal_forms_and_honorifics() {
        assert_eq!(key("M/s Hasan Scientific Corp."), key("Hasan Scientific Corporation"));
        assert_eq!(key("Messrs. Business World (Pvt.) Ltd."), "business world");
        assert_eq!(key("OOO NPK Optolink"), key("Optolink"));
        assert_eq!(key("Grupo Ejemplo S.A. de C.V."), "group ejemplo");
        assert_eq!(key("Company Limited"), "company");
    }

    #[test]
    fn normalize_legal_tail_initials() {
        assert_eq!(normalize("Semiconductor Manufacturing International Corporation").legal_tail, "c");
        assert_eq!(normalize("China Communications Construction Co., Ltd.").legal_tail, "cl");
        assert_eq!(normalize("OOO Optolink").legal_tail, "");
        assert_eq!(normalize("Optolink").legal_tail, "");
    }

    #[test]
    fn normalize_stopword_ending_a_name_is_a_word() {
        let stop = |s: &str| normalize(s).tokens.iter().map(|t| t.stopword).collect::<Vec<_>>();
        assert_eq!(stop("Bảo Lê"), [false, false]);
        assert_eq!(stop("Su Bin"), [false, false]);
        assert_eq!(stop("Osama bin Laden"), [false, true, false]);
        // A joiner before a removed legal form stays a joiner ("Johnson & Co." is "johnson and").
        assert_eq!(stop("Johnson & Co."), [false, true]);
        // Romanised Han syllables are never articles: 安丹 is "an dan".
        assert_eq!(stop("安丹"), [false, false]);
    }

    #[test]
    fn normalize_abbreviations() {
        assert_eq!(key("Xian Longde Tech Dev Co"), key("Xi'an Longde Technology Development Company"));
        assert_eq!(key("Intl Engg Centre"), key("International Engineering Center"));
    }

    #[test]
    fn normalize_legal_form_words_joined_or_misspelt() {
        assert_eq!(key("Jointstock Company Helicopter Service"), "helicopter service");
        assert_eq!(key("Openjoint Stock Company Chayka"), "chayka");
        assert_eq!(key("Jooint Stock Company Chayka"), "chayka");
        assert_eq!(key("Joint Stck Company Chayka"), "chayka");
        // A name word one letter from a legal-form word stays when no legal form would result.
        assert_eq!(key("Point Limited"), "point");
        assert_eq!(key("Stork Joint Stock Company"), "stork");
    }

    #[test]
    fn normalize_overlapping_legal_forms_longest_wins() {
        assert_eq!(key("Magus Holding Limited Liability Company"), "magus holding");
        assert_eq!(key("Magus Holding Limited Liability Companyy"), "magus holding");
    }

    #[test]
    fn normalize_misspelt_known_words() {
        assert_eq!(key("Paktech Enginirs"), key("Paktech Engineers"));
        assert_eq!(key("Mohamda"), "muhammad");
        // A known word with a letter added is a name of its own.
        assert_eq!(key("Mohammadi"), "mohammadi");
    }

    #[test]
    fn query_variants_keep_places_in_brackets() {
        assert_eq!(query_variants("Panda Electronics (Nanjing) Co., Ltd.")[0], "Panda Electronics Nanjing Co., Ltd");
        assert_eq!(query_variants("Business World (Pvt.) Ltd")[0], "Business World Ltd");
    }

    #[test]
    fn translit_key_tz_and_dzh() {
        assert_eq!(translit_key("kuznetzov"), translit_key("kuznetsov"));
        assert_eq!(translit_key("yunidzhet"), translit_key("yunidjet"));
        assert_ne!(translit_key("jiang"), translit_key("yang"));
    }

    #[test]
    fn normalize_is_idempotent_on_keys() {
        // "سا" transliterates to "sa", which read again is a legal form (found by tests/properties.rs).
        for s in [
            "M/s Hasan Scientific Corp, Lahore",
            "ООО НПК Оптолинк",
            "Beijing Luo Luo Technology Development",
            "Co. M/s سا &",
        ] {
            let k = key(s);
            assert_eq!(key(&k), k);
        }
    }

    #[test]
    fn name_variants_compound() {
        let v = name_variants(
            "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Development Complex (NDC) ",
        );
        assert!(v.contains(&"National Development Complex".to_string()), "{v:?}");
        assert!(v.contains(&"NDC".to_string()), "{v:?}");
        assert!(v.contains(&"Pakistan Atomic Energy Commission".to_string()), "{v:?}");
        assert!(v.contains(&"PAEC".to_string()), "{v:?}");
    }

    #[test]
    fn name_variants_aka() {
        let v = name_variants(
            "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)",
        );
        assert_eq!(v[0], "Chitron Electronics Company Ltd");
        assert!(v.iter().any(|x| x.starts_with("Chi-Chung Electronics")), "{v:?}");
    }

    #[test]
    fn name_variants_marker_needs_word_start() {
        assert_eq!(name_variants("Ahmad Hassan Kaka AL-UBAYDI"), vec!["Ahmad Hassan Kaka AL-UBAYDI".to_string()]);
        assert_eq!(name_variants("Alpha aka Beta").len(), 2);
        // Full-width brackets hold a name of their own, as ASCII ones do.
        let v = name_variants("ZHEJIANG QINGJI INDUSTRIAL CO., LTD （浙江轻机实业有限公司）");
        assert!(v.contains(&"ZHEJIANG QINGJI INDUSTRIAL CO., LTD".to_string()), "{v:?}");
    }

    #[test]
    fn phonetic_key_variants() {
        assert_eq!(phonetic_key("muhammad"), phonetic_key("mohammed"));
        assert_eq!(phonetic_key("tehnocenter"), phonetic_key("technocenter"));
        assert_eq!(phonetic_key("hassan"), phonetic_key("hasan"));
        assert_eq!(phonetic_key("yusuf"), phonetic_key("yousef"));
        assert_ne!(phonetic_key("optolink"), phonetic_key("hassan"));
    }
}
