//! Negation before a term ("the goods will not be used for military purposes", "非军事用途"): the words of each
//! language are data (`src/data/negation.toml`, cited), read once.

use std::sync::OnceLock;

use serde::Deserialize;

use super::Token;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct NegationFile {
    language: Vec<Language>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
struct Language {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    chars: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
}

crate::data::readable!(NegationFile { language });
crate::data::readable!(Language { words: default, chars: default, not: default });

/// The negations of every language together.
#[derive(Default)]
struct Negations {
    /// Whole words (folded, as tokens' `norm`).
    words: Vec<String>,
    /// Characters that negate in unspaced text.
    chars: Vec<char>,
    /// Ordinary words holding such a character (不锈钢, 无锡), and the longest one's length in characters.
    not: Vec<String>,
    not_len: usize,
}

fn negations() -> &'static Negations {
    static N: OnceLock<Negations> = OnceLock::new();
    N.get_or_init(|| {
        // The file is ours and covered by tests (`negation_ok`); a broken file yields no negations rather than a
        // panic inside the wasm module.
        let file = crate::data::read_embedded::<NegationFile>(crate::data::NEGATION.text())
            .unwrap_or(NegationFile { language: Vec::new() });
        let mut n = Negations::default();
        for l in file.language {
            n.words.extend(l.words.iter().map(|w| super::fold(w)));
            n.chars.extend(l.chars.iter().filter_map(|c| c.chars().next()));
            n.not.extend(l.not);
        }
        n.not_len = n.not.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        n
    })
}

/// Whether the negation words read (checked by tests).
pub fn negation_ok() -> bool {
    let n = negations();
    !n.words.is_empty() && !n.chars.is_empty()
}

/// Characters of the clause read back from a term: at most this many, and never past a clause's end.
const CJK_REACH: usize = 6;

/// Whether a term at byte `at` of Chinese text is negated: a negating character among the few characters before
/// it in the same clause ("不用于军事用途", "非军事用途", "不得用于"), unless that character belongs to an ordinary word
/// of the data's `not` list (the 不 of 不锈钢, the 无 of 无锡 or 无人机). Reads a bounded window.
pub fn cjk_negated(text: &str, at: usize) -> bool {
    let n = negations();
    let before = text.get(..at).unwrap_or_default();
    // The clause before the term, as (byte offset, char), nearest first.
    let clause: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take(CJK_REACH)
        .take_while(|(_, c)| !matches!(c, '。' | '，' | '；' | '！' | '？' | '、' | '\n' | '.' | ',' | ';'))
        .collect();
    clause.iter().any(|&(i, c)| n.chars.contains(&c) && !in_ordinary_word(text, i, n))
}

/// Whether the character at byte `i` is inside one of the ordinary words that hold a negating character: any such
/// word covering `i`, looked for in the few characters around it.
fn in_ordinary_word(text: &str, i: usize, n: &Negations) -> bool {
    let lo = text.get(..i).unwrap_or_default().char_indices().rev().take(n.not_len).last().map_or(i, |(j, _)| j);
    let window_end = text.get(i..).unwrap_or_default().char_indices().nth(n.not_len).map_or(text.len(), |(j, _)| i + j);
    let window = text.get(lo..window_end).unwrap_or_default();
    n.not.iter().any(|w| window.match_indices(w.as_str()).any(|(k, m)| lo + k <= i && i < lo + k + m.len()))
}

/// Whether a token (its `norm`) is a negation word ("not", "nicht", "без").
pub fn is_negation(norm: &str) -> bool {
    negations().words.iter().any(|w| w == norm)
}

/// Whether the term at token `i` is negated: a negation word among the few tokens before it, in the same clause
/// (no sentence end between them).
pub fn negated(text: &str, toks: &[Token], i: usize) -> bool {
    let words = &negations().words;
    let lo = i.saturating_sub(8);
    let mut j = i;
    while j > lo {
        j -= 1;
        let (Some(a), Some(b)) = (toks.get(j), toks.get(j + 1)) else { break };
        let gap = text.get(a.end..b.start).unwrap_or_default();
        if gap.contains(['.', ';', '!', '?', '\n']) {
            break;
        }
        if words.contains(&a.norm) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tokens;
    use super::*;

    #[test]
    fn negation_words_read() {
        assert!(negation_ok());
        assert!(negations().words.iter().any(|w| w == "nicht"));
    }

    #[test]
    fn negated_within_clause() {
        let text = "The goods will not be used for military purposes. Military use.";
        let toks = tokens(text);
        let i = toks.iter().position(|t| t.norm == "military").unwrap();
        assert!(negated(text, &toks, i));
        let j = toks.iter().rposition(|t| t.norm == "military").unwrap();
        assert!(!negated(text, &toks, j));
    }

    /// The term "军工" / "军用" at its place in `text`.
    fn negated_at(text: &str, term: &str) -> bool {
        cjk_negated(text, text.find(term).expect("term in text"))
    }

    #[test]
    fn chinese_negation_and_ordinary_words() {
        // A promise of no military use.
        assert!(negated_at("本产品不用于军用目的", "军用"));
        assert!(negated_at("保证非军用", "军用"));
        // The negating character is part of an ordinary word: stainless steel, the city of Wuxi, a drone, "not only".
        assert!(!negated_at("不锈钢军用管道", "军用"));
        assert!(!negated_at("无锡军工厂", "军工"));
        assert!(!negated_at("该无人机军用型号", "军用"));
        assert!(!negated_at("不仅民用也军用", "军用"));
        // A clause's end stops the reading back.
        assert!(!negated_at("不含税。军用", "军用"));
        // An ordinary word and a real negation in the same clause: the negation counts.
        assert!(negated_at("无锡不得军用", "军用"));
    }
}
