//! Chat transcripts: the time stamp and speaker in front of each message ("[12/03/2026 10:14] Vadim: ...",
//! WhatsApp's "12/03/2026, 10:14 - Vadim: ...", Telegram's "Vadim, [12.03.2026 10:14]:") are cut off each line
//! before the other readers run, so a message is read like any other line: "firma: X" as a label, "30 pcs servo
//! motors" as an item, "müşteri Tahran'da" as prose. Also the forms copied from desktop apps, where the speaker and
//! the time stand on a line of their own above the message (WeChat's "陈静 2026-03-12 10:21:05", Skype's
//! "Vadim Petrov 10:14 AM"), exports that open lines with invisible direction marks (WhatsApp on iOS writes U+200E)
//! or put a narrow no-break space and the locale's "p. m." after the time (WhatsApp on Android), and a conversation
//! pasted without time stamps whose speakers are named by role ("Customer: hi, we need ...", "Me: which end
//! user?"), told apart from a labelled order by its speakers taking turns in messages.

use super::labels::{greeting_at_start, is_in};
use crate::text::case::Case as _;

/// Most bytes a speaker's name may take ("+971 50 123 4567", "李方伟 Li Fangwei").
const MAX_SPEAKER: usize = 48;
/// Most bytes a bracketed time stamp may take ("[2026/03/06 09:12:45]").
const MAX_STAMP: usize = 32;

/// The byte length of the chat prefix (time stamp, speaker) of a line, or 0 when the line has none.
pub(super) fn prefix(line: &str) -> usize {
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || is_direction_mark(c));
    let lead = line.len() - body.len();
    let stamp = if body.starts_with('[') {
        body.find(']').filter(|&p| p <= MAX_STAMP && is_stamp(body.get(1..p).unwrap_or_default())).map(|p| p + 1)
    } else {
        dash_stamp(body).or_else(|| telegram(body))
    };
    match stamp {
        Some(n) => {
            let rest = body.get(n..).unwrap_or_default();
            lead + n + speaker(rest)
        }
        None if header_line(body) => line.len(),
        None => 0,
    }
}

/// Invisible marks that set the direction of text (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the byte-order
/// mark: WhatsApp's iOS export opens lines with U+200E.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Whether `s` is a date and/or time: digits with separators (any space, the narrow no-break space too), at least
/// three digits, and at most the locale's mark of the half day ("PM", "p. m.", "下午", "午後").
fn is_stamp(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let mut rest = s.to_string();
    for half in ["上午", "下午", "午前", "午後", "晚上", "早上"] {
        rest = rest.replace(half, " ");
    }
    let letters: String = rest.chars().filter(|c| c.is_alphabetic()).collect::<String>().to_ascii_lowercase();
    digits >= 3
        && matches!(letters.as_str(), "" | "am" | "pm" | "a" | "p")
        && rest.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_whitespace()
                || matches!(c, '.' | '/' | '-' | ':' | ',' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm')
        })
        && s.contains([':', '/', '.', '-'])
}

/// A line that only names the speaker and the time of the message below it: "陈静 2026-03-12 10:21:05", "Vadim
/// Petrov 10:14 AM" (a name of at most four words with no colon, then a stamp that gives a time).
fn header_line(body: &str) -> bool {
    let t = body.trim_end();
    let cut = t
        .char_indices()
        .rev()
        .take_while(|&(_, c)| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '/' | '-' | ':' | ',' | 'A' | 'P' | 'M')
        })
        .last()
        .map(|(i, _)| i);
    let Some(cut) = cut else { return false };
    // The stamp opens with its first digit: "Delivery: 2026-03-20 10:00" keeps its colon with the name.
    let Some(cut) = t.get(cut..).and_then(|x| x.find(|c: char| c.is_ascii_digit())).map(|d| cut + d) else {
        return false;
    };
    let (name, stamp) = (t.get(..cut).unwrap_or_default().trim(), t.get(cut..).unwrap_or_default().trim());
    let words = name.split_whitespace().count();
    is_stamp(stamp)
        && stamp.contains(':')
        && !name.is_empty()
        && name.len() <= MAX_SPEAKER
        && (1..=4).contains(&words)
        && !name.contains([':', '：', '[', ']'])
        && name.chars().any(char::is_alphabetic)
}

/// Message words a speaker's turn opens with (folded), in the languages of the corpus: a greeting, a pronoun, a
/// yes or no, a request.
const MESSAGE_OPENERS: &[&str] = &[
    "good",
    "ok",
    "okay",
    "yes",
    "no",
    "thanks",
    "thank",
    "we",
    "i",
    "our",
    "my",
    "pls",
    "please",
    "can",
    "could",
    "what",
    "which",
    "where",
    "when",
    "how",
    "sure",
    "this",
    "need",
    "necesitamos",
    "si",
    "merci",
    "nous",
    "oui",
    "wir",
    "ja",
    "selam",
    "evet",
    "tamam",
    "да",
    "нет",
    "мы",
    "нужны",
    "нужно",
];

/// For a conversation pasted without time stamps, the length of each line's "Speaker: " prefix; `None` when the
/// lines do not read as one. A transcript has at least two speakers (one to three words before a colon at the start
/// of a line), a speaker who speaks again after the other, and at least two turns that read as messages (a
/// question, or a greeting, pronoun, yes or no first): "Customer: hi, we need 8 spindles / Me: what is the final
/// destination? / Customer: ...". A labelled order ("Buyer: X Ltd / Consignee: Y") is not.
pub(super) fn speaker_prefixes(lines: &[&str]) -> Option<Vec<usize>> {
    let mut cut = vec![0; lines.len()];
    let mut turns: Vec<String> = Vec::new();
    let mut messages = 0;
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start_matches(|c: char| c.is_whitespace() || is_direction_mark(c));
        let Some(p) = body.find(':').or_else(|| body.find('：')) else { continue };
        let who = body.get(..p).unwrap_or_default().trim();
        let words = who.split_whitespace().count();
        if who.is_empty() || p > MAX_SPEAKER || !(1..=3).contains(&words) || !who.chars().any(char::is_alphabetic) {
            continue;
        }
        if who.chars().any(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | ',' | '/' | '.')) {
            continue;
        }
        // A field label ("Subject:", "Payment:", "From:") makes the text a document or an e-mail, not a chat; a
        // party word ("Customer:", "Supplier:") may name a speaker.
        if super::labels::match_label(who, true).is_some_and(|d| d.kind != "party") {
            return None;
        }
        let sep = body.get(p..).and_then(|x| x.chars().next()).map(char::len_utf8).unwrap_or(1);
        let after = body.get(p + sep..).unwrap_or_default();
        let msg = after.trim();
        if msg.is_empty() {
            continue;
        }
        let first = crate::text::words(msg.get(..msg.len().min(40)).unwrap_or(msg));
        if msg.ends_with(['?', '？'])
            || (first.first().is_some_and(|w| MESSAGE_OPENERS.contains(&w.as_str()))
                || greeting_at_start(&first).is_some())
        {
            messages += 1;
        }
        cut[i] = (line.len() - body.len()) + p + sep + (after.len() - after.trim_start().len());
        turns.push(crate::text::fold(who));
    }
    let mut speakers = turns.clone();
    crate::sort::sort(&mut speakers);
    speakers.dedup();
    // A speaker who speaks again after another one has spoken (turns taken).
    let returns = turns.iter().enumerate().any(|(i, a)| {
        turns
            .get(i + 1..)
            .is_some_and(|r| r.iter().position(|b| b != a).is_some_and(|k| r.get(k..).is_some_and(|x| x.contains(a))))
    });
    (speakers.len() >= 2 && returns && messages >= 2).then_some(cut)
}

/// WhatsApp's exported form: "12/03/2026, 10:14 - " (also with "–" and an AM/PM time); the length of it.
fn dash_stamp(body: &str) -> Option<usize> {
    let first = body.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    let p = body.find(" - ").map(|p| (p, 3)).or_else(|| body.find(" – ").map(|p| (p, " – ".len())))?;
    (p.0 <= MAX_STAMP && is_stamp(body.get(..p.0)?) && body.get(..p.0)?.contains(':')).then_some(p.0 + p.1)
}

/// Telegram's copied form: "Vadim Petrov, [12.03.2026 10:14]" (the message follows, on the line or below).
fn telegram(body: &str) -> Option<usize> {
    let open = body.find(", [")?;
    if open == 0 || open > MAX_SPEAKER {
        return None;
    }
    let close = open + body.get(open..)?.find(']')?;
    is_stamp(body.get(open + 3..close)?).then_some(close + 1)
}

/// After the time stamp: the speaker up to its colon ("Vadim: "), or nothing ("]: " ends a Telegram header).
fn speaker(rest: &str) -> usize {
    let lead = rest.len() - rest.trim_start().len();
    let r = rest.get(lead..).unwrap_or_default();
    if let Some(x) = r.strip_prefix(':') {
        return lead + 1 + (x.len() - x.trim_start().len());
    }
    match r.find(':').or_else(|| r.find('：')) {
        Some(p) if p > 0 && p <= MAX_SPEAKER => {
            let sep = r.get(p..).and_then(|x| x.chars().next()).map(char::len_utf8).unwrap_or(1);
            let after = r.get(p + sep..).unwrap_or_default();
            lead + p + sep + (after.len() - after.trim_start().len())
        }
        _ => 0,
    }
}

/// A chat typed without capitals ("it's for serniya engineering, moscow"): the text with the first letter of each
/// word of its lower-case clauses in capitals, at the same byte offsets (a letter whose capital takes another number
/// of bytes stays as written), so names and places are found as in a text written with capitals; `None` for a text
/// that is not a chat or whose messages mostly carry capitals. Words the label vocabulary knows as words around a
/// name ("for", "the", "customer", "statement") stay as written, so they open no name. The parser keeps what it reads
/// as written.
pub(super) fn capitalised_lower_case(text: &str) -> Option<String> {
    let mut chat_lines = 0;
    let mut bodies: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let n = prefix(line);
        if n > 0 {
            chat_lines += 1;
        }
        let body = line.get(n..).unwrap_or_default();
        if body.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            bodies.push((start + n, start + line.len()));
        }
        start += line.len();
    }
    let lower = |s: &str| s.chars().any(|c| c.is_lowercase()) && !s.chars().any(char::is_uppercase);
    let lower_count = bodies.iter().filter(|&&(a, b)| lower(text.get(a..b).unwrap_or_default())).count();
    if chat_lines < 2 || lower_count < 2 || lower_count * 2 < bodies.len() {
        return None;
    }
    let v = super::labels::labels();
    let keep = |w: &str| {
        let f = crate::text::fold(w);
        [&v.not_names, &v.pre_name, &v.connectors, &v.non_names].iter().any(|list| is_in(list, &f))
    };
    let mut out = text.to_string();
    for &(a, b) in &bodies {
        let body = text.get(a..b).unwrap_or_default();
        // Clauses: a quoted voice-note transcript or the words after a label may be in lower case alone.
        let mut c0 = 0;
        for (k, c) in body.char_indices().chain(std::iter::once((body.len(), '.'))) {
            if !matches!(c, '"' | '“' | '”' | ':' | '.' | '!' | '?' | '(' | ')') {
                continue;
            }
            let clause = body.get(c0..k).unwrap_or_default();
            if lower(clause) {
                for t in crate::text::tokens(clause) {
                    let w = clause.get(t.start..t.end).unwrap_or_default();
                    let Some(first) = w.chars().next() else { continue };
                    let mut up = first.to_upper();
                    let (Some(u), None) = (up.next(), up.next()) else { continue };
                    let after_apostrophe = clause.get(..t.start).is_some_and(|b| b.ends_with(['\'', '’']));
                    if !first.is_lowercase() || u.len_utf8() != first.len_utf8() || after_apostrophe || keep(w) {
                        continue;
                    }
                    let at = a + c0 + t.start;
                    out.replace_range(at..at + first.len_utf8(), u.encode_utf8(&mut [0; 4]));
                }
            }
            c0 = k + c.len_utf8();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{prefix, speaker_prefixes};

    fn cut(line: &str) -> &str {
        line.get(prefix(line)..).unwrap_or_default()
    }

    #[test]
    fn prefix_of_chat_styles() {
        assert_eq!(cut("[05.03.2026 16:11] Mehmet: firma: Kapadokya"), "firma: Kapadokya");
        assert_eq!(cut("[14.06.22, 10:02] Vadim: Hi, need price"), "Hi, need price");
        assert_eq!(cut("[2026/03/06 09:12] 李方伟 Li Fangwei: 你好"), "你好");
        assert_eq!(cut("[08/03/26, 21:41] +971 50 123 4567: need price"), "need price");
        assert_eq!(cut("12/03/2026, 10:14 - Vadim Petrov: ship to Almaty"), "ship to Almaty");
        assert_eq!(cut("3/12/26, 9:05 PM - Asif: 200 pcs"), "200 pcs");
        assert_eq!(cut("Vadim Petrov, [12.03.2026 10:14]"), "");
        assert_eq!(cut("Vadim Petrov, [12.03.2026 10:14]: need 20 pumps"), "need 20 pumps");
        assert_eq!(cut("[客户] 你好"), "[客户] 你好");
    }

    #[test]
    fn prefix_of_exports_with_marks_and_local_times() {
        assert_eq!(cut("\u{200e}[06.03.26, 09:12:45] Farid: we need 10 pcs"), "we need 10 pcs");
        assert_eq!(cut("12/3/26, 4:05\u{202f}p. m. - Rosa Quispe: necesitamos"), "necesitamos");
        assert_eq!(cut("3/12/26, 9:05\u{202f}PM - Asif: 200 pcs"), "200 pcs");
        assert_eq!(cut("2026/3/6 下午9:12 - 李方伟: 你好"), "你好");
    }

    #[test]
    fn prefix_of_header_lines_is_the_whole_line() {
        assert_eq!(cut("陈静 2026-03-12 10:21:05"), "");
        assert_eq!(cut("Faisal Textile Mills 2026-03-12 10:25:40"), "");
        assert_eq!(cut("Vadim Petrov 10:14 AM"), "");
        for line in ["Delivery: 2026-03-20 10:00", "Order 4711 of 12.03.2026", "Lead time 10:00 to 12:00 daily ok"] {
            assert_eq!(prefix(line), 0, "{line}");
        }
    }

    #[test]
    fn speakers_by_role_without_stamps() {
        let chat = [
            "Customer: hi, this is Reza from Van Sınır Ticaret Ltd., Van, Turkey",
            "Customer: we need 8 pcs CNC spindle motors",
            "Me: what is the final destination?",
            "Customer: our workshop partner in Tabriz, Iran",
        ];
        let cut = speaker_prefixes(&chat).expect("a transcript");
        assert_eq!(chat[2].get(cut[2]..), Some("what is the final destination?"));
        assert_eq!(chat[0].get(cut[0]..), Some("hi, this is Reza from Van Sınır Ticaret Ltd., Van, Turkey"));
        // Labelled orders are not transcripts, even with a label repeated.
        for order in [
            &["Buyer: Hasan Scientific, Lahore", "Consignee: Hasan Scientific, Lahore", "Item: 6 monitors"][..],
            &["Item: 20 pcs vacuum pumps", "Qty: 20", "Item: 10 pcs valves", "Qty: 10"][..],
            &["Buyer: Nordic AS, Oslo", "Payment: 30 days", "Buyer: Nordic AS", "Payment: yes"][..],
            &[
                "From: Ali Raza",
                "Subject: please quote 20 pumps",
                "From: Sales",
                "To: Ali Raza",
                "Re: ok, which end user?",
            ][..],
        ] {
            assert!(speaker_prefixes(order).is_none(), "{order:?}");
        }
    }

    #[test]
    fn prefix_none_for_ordinary_lines() {
        for line in ["Buyer: Hasan Scientific, Lahore", "[1] Turbomolecular pump", "10:30 meeting", "1. Pumps - 6 sets"]
        {
            assert_eq!(prefix(line), 0, "{line}");
        }
    }
}
