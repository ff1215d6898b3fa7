//! Documentary credits pasted as SWIFT MT700 messages: each field opens with its tag between colons, then the
//! field's name as the bank prints it, then the value (":50: APPLICANT ROCKSIDE ENTERPRISE", ":44F: PORT OF
//! DISCHARGE KARACHI"), with no colon after the name; several fields may share a printed line. The tag says what
//! the field is (SWIFT Standards MT, Category 7, MT700 "Issue of a Documentary Credit": 50 Applicant, 59
//! Beneficiary, 44A Place of Taking in Charge/Dispatch from .../Place of Receipt, 44E Port of Loading/Airport of
//! Departure, 44F Port of Discharge/Airport of Destination, 44B Place of Final Destination/For Transportation
//! to .../Place of Delivery, 45A Description of Goods and/or Services): the applicant buys, the beneficiary sells.

use super::labels::{match_label, FieldDef};
use crate::text;

/// MT700 tags and the label (of `src/data/labels.toml`) each field stands for.
const TAGS: &[(&str, &str)] = &[
    ("50", "applicant"),
    ("59", "beneficiary"),
    ("44A", "place of receipt"),
    ("44E", "port of loading"),
    ("44F", "port of discharge"),
    ("44B", "final destination"),
    ("45A", "description of goods"),
];

/// The length of a SWIFT tag at the start of `s` (":50:", ":44F:"), if there is one.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b':') {
        return None;
    }
    if !b.get(1..3).is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let n = if b.get(3).is_some_and(u8::is_ascii_uppercase) { 4 } else { 3 };
    (b.get(n) == Some(&b':')).then_some(n + 1)
}

/// Lines that hold several tagged fields (":44E: PORT OF LOADING HAMBURG  :44F: PORT OF DISCHARGE KARACHI") are cut
/// before each tag after the first, so that each field is a line of its own.
pub(super) fn split(text: &str, lines: &mut Vec<(usize, usize)>) {
    if !lines.iter().any(|&(s, e)| text.get(s..e).is_some_and(|l| tag_len(l.trim_start()).is_some())) {
        return;
    }
    let mut out = Vec::with_capacity(lines.len());
    for &(s, e) in lines.iter() {
        let line = text.get(s..e).unwrap_or_default();
        let mut from = s;
        for (p, _) in line.match_indices(" :") {
            let at = s + p + 1;
            if at > from && text.get(at..e).is_some_and(|r| tag_len(r).is_some()) {
                out.push((from, at - 1));
                from = at;
            }
        }
        out.push((from, e));
    }
    *lines = out;
}

/// A tagged MT700 field: the field its tag stands for, the label (the tag and the printed name) and the value after
/// the printed name. `None` for another line or a tag not in [`TAGS`].
pub(super) fn tagged_line(body: &str) -> Option<(&'static FieldDef, &str, &str)> {
    let body = body.trim_start();
    let n = tag_len(body)?;
    let tag = body.get(1..n - 1)?;
    let label = TAGS.iter().find(|(t, _)| *t == tag).map(|(_, l)| *l)?;
    let def = match_label(label, true)?;
    let rest = body.get(n..).unwrap_or_default().trim_start();
    // The printed name: the longest run of words from the start of the value that is a label of the same field
    // ("APPLICANT", "PORT OF DISCHARGE"), at most six words.
    let mut name_end = 0;
    let mut ends = rest.char_indices().filter(|&(_, c)| c == ' ').map(|(p, _)| p).chain([rest.len()]);
    for _ in 0..6 {
        let Some(p) = ends.next() else { break };
        let head = rest.get(..p).unwrap_or_default();
        if match_label(head, true).is_some_and(|d| d.key == def.key) && !text::words(head).is_empty() {
            name_end = p;
        }
    }
    let value = rest.get(name_end..).unwrap_or_default().trim_start_matches([' ', ':']).trim();
    let label = body.get(..body.len() - rest.len() + name_end).unwrap_or_default().trim();
    Some((def, label, value))
}

#[cfg(test)]
mod tests {
    use super::{split, tagged_line};

    #[test]
    fn mt700_tags_name_the_field_and_the_printed_name_is_left_out() {
        let (d, label, value) = tagged_line(":50: APPLICANT ROCKSIDE ENTERPRISE").expect("applicant");
        assert_eq!((d.key.as_str(), label, value), ("buyer", ":50: APPLICANT", "ROCKSIDE ENTERPRISE"));
        let (d, _, value) = tagged_line(":59: BENEFICIARY ALU-HALBZEUG SUED GMBH, STUTTGART").expect("beneficiary");
        assert_eq!((d.key.as_str(), value), ("seller", "ALU-HALBZEUG SUED GMBH, STUTTGART"));
        let (d, _, value) = tagged_line(":44F: PORT OF DISCHARGE KARACHI").expect("port");
        assert_eq!((d.key.as_str(), value), ("port", "KARACHI"));
        // A value printed without the field's name, and a tag the table does not read.
        assert_eq!(tagged_line(":50:Hasan Scientific Corp").map(|x| x.2), Some("Hasan Scientific Corp"));
        assert!(tagged_line(":20: DOCUMENTARY CREDIT NUMBER 0741").is_none());
        assert!(tagged_line("10:30 call").is_none());
    }

    #[test]
    fn fields_sharing_a_line_are_cut_apart() {
        let text = ":44E: PORT OF LOADING HAMBURG  :44F: PORT OF DISCHARGE KARACHI\nTime 10:30 :x";
        let nl = text.find('\n').unwrap_or_default();
        let mut lines = vec![(0, nl), (nl + 1, text.len())];
        split(text, &mut lines);
        let got: Vec<&str> = lines.iter().map(|&(s, e)| text.get(s..e).unwrap_or_default()).collect();
        assert_eq!(got, [":44E: PORT OF LOADING HAMBURG ", ":44F: PORT OF DISCHARGE KARACHI", "Time 10:30 :x"]);
    }
}
