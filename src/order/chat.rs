//! Chat transcripts: the time stamp and speaker in front of each message ("[12/03/2026 10:14] Vadim: ...",
//! WhatsApp's "12/03/2026, 10:14 - Vadim: ...", Telegram's "Vadim, [12.03.2026 10:14]:") are cut off each line
//! before the other readers run, so a message is read like any other line: "firma: X" as a label, "30 pcs servo
//! motors" as an item, "müşteri Tahran'da" as prose.

/// Most bytes a speaker's name may take ("+971 50 123 4567", "李方伟 Li Fangwei").
const MAX_SPEAKER: usize = 48;
/// Most bytes a bracketed time stamp may take ("[2026/03/06 09:12:45]").
const MAX_STAMP: usize = 32;

/// The byte length of the chat prefix (time stamp, speaker) of a line, or 0 when the line has none.
pub(super) fn prefix(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let body = line.get(lead..).unwrap_or_default();
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
        None => 0,
    }
}

/// Whether `s` is a date and/or time: digits with separators, at least one digit group of two.
fn is_stamp(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | ':' | ',' | ' ' | 'A' | 'P' | 'M'))
        && s.contains([':', '/', '.', '-'])
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

#[cfg(test)]
mod tests {
    use super::prefix;

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
    fn prefix_none_for_ordinary_lines() {
        for line in ["Buyer: Hasan Scientific, Lahore", "[1] Turbomolecular pump", "10:30 meeting", "1. Pumps - 6 sets"]
        {
            assert_eq!(prefix(line), 0, "{line}");
        }
    }
}
