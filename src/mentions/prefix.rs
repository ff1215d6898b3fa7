//! A party the parser read with a label or a verb before its name, in a script written without spaces
//! ("发票开给常州联拓复合材料有限公司": "invoice made out to" and the name): the text has no word boundary to cut
//! a window at, so the name is screened again without its first characters.

use crate::report::{Hit, PartyReport};
use crate::screener::{PartyQuery, Screener};

/// Most characters of a label or a verb read before a name ("发票开给", "最终用户为").
pub(super) const MOST_PREFIX: usize = 6;
/// Fewest characters left for the name.
const LEAST_NAME: usize = 4;

pub(super) fn han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Per parsed party without a hit at `least`: the rest of its name, once its first characters are dropped, whose
/// hit is a listed name written exactly (every word matched as written, nothing of the query left over). Returns
/// the parties found, named as `written` writes them where the party's span says where; `queries` counts the
/// names screened.
/// A hit on a part cut out of a party stands only when the part is the listed name written exactly (every word pair
/// exact, nothing of the part left over, at least `least`) and the party does not already hold that entry as high.
pub(super) fn written_exactly(h: &Hit, least: f64, known: &[Hit]) -> bool {
    let ex = &h.explanation;
    h.score >= least
        && ex.unmatched_query.is_empty()
        && ex.pairs.iter().all(|x| x.how == "exact")
        && !known.iter().any(|k| k.list_id == h.list_id && k.entry_id == h.entry_id && k.score >= h.score)
}

pub(super) fn screen(
    s: &Screener,
    written: &str,
    parsed: &[PartyReport],
    least: f64,
    queries: &mut usize,
) -> Vec<PartyReport> {
    let mut out = Vec::new();
    for p in parsed {
        if p.hits.iter().any(|h| h.score >= least) {
            continue;
        }
        let name = p.name.as_str();
        let chars: Vec<(usize, char)> = name.char_indices().collect();
        if chars.len() < LEAST_NAME + 1 || !chars.iter().take(MOST_PREFIX.min(chars.len())).all(|&(_, c)| han(c)) {
            continue;
        }
        let at = p.span.as_ref().and_then(|sp| sp.start).filter(|&st| written.get(st..st + name.len()) == Some(name));
        for &(off, _) in chars.iter().skip(1).take(MOST_PREFIX.min(chars.len() - LEAST_NAME)) {
            let rest = name.get(off..).unwrap_or_default();
            *queries += 1;
            let q = PartyQuery { name: rest.to_string(), country: p.country.clone(), ..PartyQuery::default() };
            let hits: Vec<Hit> =
                s.screen_party(&q).hits.into_iter().filter(|h| written_exactly(h, least, &p.hits)).collect();
            if hits.is_empty() {
                continue;
            }
            out.push(PartyReport {
                role: "namedInText".into(),
                name: rest.to_string(),
                country: p.country.clone(),
                address: None,
                hits,
                span: at.map(|st| crate::text::span(written, st + off, st + name.len())),
            });
            break;
        }
    }
    out
}
