//! Ships named on an order: "Vessel: ADRIAN DARYA 1 / V.023E", "Vessel/Voyage: EVER GIVEN 012W", a line "MV
//! ADRIAN DARYA 1", "shipped per M/V Grace 1". OFAC and the UK list vessels (OFAC SDN entries of type "vessel",
//! with their IMO numbers), so a ship the order names is a party to screen, with the role `vessel`: the labels and
//! prose phrases that introduce one are in `src/data/labels.toml` (the "vessel" field and trigger). A ship has a
//! flag, not an address, so no country is read for it.

use crate::text::{self, Token};

use super::Party;

/// Words that end a ship's name: a voyage number ("V.023E", "Voy. 12"), an IMO number, the flag.
const NAME_STOP: &[&str] = &["v", "voy", "voyage", "imo", "flag", "ex", "fka", "rotation", "eta", "etd", "sailing"];

/// Words that mark a ship before its name ("MV", "M/V", "MT", "SS").
const MARKERS: &[&str] = &["m", "mv", "mt", "ss", "v", "t", "per"];

/// The ship named from token `from` on (not past `end`): capitalised words and numbers on one line, up to a voyage
/// or IMO number, at most six words. `capitals`: the name must be written in capitals (after "MV" or "MT" alone).
pub(super) fn vessel_at(text: &str, toks: &[Token], from: usize, end: usize, capitals: bool) -> Option<Party> {
    let mut j = from;
    // "M/V", "M.V." written as a label's value or after "per": the marker is not part of the name.
    while j < end && toks.get(j).is_some_and(|t| MARKERS.contains(&t.norm.as_str())) && j < from + 3 {
        let next_gap = match (toks.get(j), toks.get(j + 1)) {
            (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or_default(),
            _ => "",
        };
        if next_gap.contains('\n') {
            return None;
        }
        j += 1;
    }
    let first = toks.get(j).filter(|_| j < end)?;
    let written = |t: &Token| text.get(t.start..t.end).unwrap_or_default();
    let capital = |t: &Token| written(t).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !capital(first) || first.norm.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut last = j;
    let mut k = j + 1;
    while k < end && k - j < 6 {
        let (Some(prev), Some(t)) = (toks.get(k - 1), toks.get(k)) else { break };
        let gap = text.get(prev.end..t.start).unwrap_or_default();
        if !gap.chars().all(|c| c == ' ' || c == '-') || NAME_STOP.contains(&t.norm.as_str()) || !capital(t) {
            break;
        }
        last = k;
        k += 1;
    }
    let name = text.get(first.start..toks.get(last)?.end)?.trim();
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 || super::labels::is_non_name(name) {
        return None;
    }
    if capitals && name.chars().any(char::is_lowercase) {
        return None;
    }
    Some(Party {
        role: "vessel".into(),
        name: name.to_string(),
        span: Some(text::slice_span(text, name)),
        read_from: "vessel".into(),
        ..Party::default()
    })
}

/// The ship a labelled value names ("ADRIAN DARYA 1 / V.023E", "M/V Ever Given, voy. 012W").
pub(super) fn vessel_in_value(text: &str, toks: &[Token], value: &str) -> Option<Party> {
    let at = text::offset_in(text, value)?;
    let a = toks.partition_point(|t| t.start < at);
    let b = toks.partition_point(|t| t.start < at + value.len());
    vessel_at(text, toks, a, b, false)
}

/// Whether the prose trigger that introduced a ship is "MV" or "MT" alone (a name in capitals must follow) and
/// whether it stands after a number ("500 MT urea": a weight, no ship).
pub(super) fn bare_marker(text: &str, toks: &[Token], first: usize, after: usize) -> (bool, bool) {
    let bare = after == first + 1 && toks.get(first).is_some_and(|t| matches!(t.norm.as_str(), "mv" | "mt"));
    let after_number = first > 0
        && toks.get(first - 1).is_some_and(|t| t.norm.chars().next().is_some_and(|c| c.is_ascii_digit()))
        && toks
            .get(first - 1)
            .zip(toks.get(first))
            .is_some_and(|(p, t)| text.get(p.end..t.start).is_some_and(|g| g.trim().is_empty() && !g.contains('\n')));
    (bare, after_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<String> {
        let toks = text::tokens(s);
        vessel_in_value(s, &toks, s).map(|p| p.name)
    }

    #[test]
    fn vessel_in_value_stops_at_voyage() {
        assert_eq!(read("ADRIAN DARYA 1 / V.023E").as_deref(), Some("ADRIAN DARYA 1"));
        assert_eq!(read("M/V Ever Given voy. 012W").as_deref(), Some("Ever Given"));
        assert_eq!(read("MSC ANNA V. 245N").as_deref(), Some("MSC ANNA"));
        assert_eq!(read("tbn"), None);
        assert_eq!(read("TBA"), None);
    }
}
