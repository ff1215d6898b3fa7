//! The last reading of an order that named no buyer, consignee or end user in any layout the other readers know: the
//! first company written with its legal form ("BOULANGERIE DU LAC SARL" on a letterhead, "Agro Pampa Repuestos
//! S.R.L. (...) solicita:", "ben Ayşe, Anatolia Feinkost GmbH'den") is the customer writing; in an end-user
//! statement, the end user. Also whether the text is an end-user statement at all.

use super::labels::truncate_at_char;
use super::prose::capitalised;
use super::{Parser, Party};
use crate::geo::{geo, PlaceKind};
use crate::normalize::{normalize, IgnoreReason};
use crate::text;

/// Titles of end-user statements and certificates, folded.
const STATEMENT_TITLES: &[&str] = &[
    "end user statement",
    "end use statement",
    "end user certificate",
    "statement by ultimate consignee",
    "declaration d utilisateur final",
    "certificat d utilisateur final",
    "declaracion de usuario final",
    "certificado de usuario final",
    "endverbleibserklarung",
    "endverbleibsbescheinigung",
    "заявление конечного пользователя",
    "сертификат конечного пользователя",
    "nihai kullanici beyani",
    "son kullanici beyani",
    "最终用户声明",
    "最终用户证明",
];

/// Whether the text is an end-user statement (its title, in its first lines).
pub(super) fn is_end_user_statement(text: &str) -> bool {
    let head = format!(" {} ", text::words(truncate_at_char(text, 400)).join(" "));
    STATEMENT_TITLES.iter().any(|t| head.contains(&format!(" {t} ")) || head.contains(t) && !t.is_ascii())
}

/// Whether a gap between two words of a name may stand inside it.
fn joins(gap: &str) -> bool {
    !gap.contains(['\n', ',', '(', ')', ':', ';', '\t', '"', '/', '|', '»', '«'])
        && !gap.contains("  ")
        && gap.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '&' | '-' | '\''))
}

impl Parser<'_> {
    pub(super) fn company_fallback(&mut self) {
        if self.order.parties.iter().any(|p| matches!(p.role.as_str(), "buyer" | "consignee" | "endUser")) {
            return;
        }
        let text = self.text;
        let toks = self.toks;
        let sellers: Vec<String> =
            self.order.parties.iter().filter(|p| p.role == "seller").map(|p| text::words(&p.name).join(" ")).collect();
        let mut i = 0;
        while i < toks.len() {
            let Some(t) = toks.get(i) else { break };
            if !capitalised(text, t) {
                i += 1;
                continue;
            }
            // A run of capitalised words (and joiners between them) inside one line and one clause.
            let mut j = i + 1;
            while j < toks.len() && j - i < 8 {
                let (Some(prev), Some(next)) = (toks.get(j - 1), toks.get(j)) else { break };
                let gap = text.get(prev.end..next.start).unwrap_or_default();
                let joiner = ["of", "and", "de", "du", "des", "la", "del", "y", "et", "und", "for"]
                    .contains(&next.norm.as_str());
                if !joins(gap) || !(capitalised(text, next) || joiner) {
                    break;
                }
                j += 1;
            }
            // Shortest name ending in a legal form, from the start of the run.
            let found = (i + 2..=j).find_map(|end| {
                let (first, last) = (toks.get(i)?, toks.get(end - 1)?);
                let mut stop = last.end;
                if text.get(stop..).is_some_and(|r| r.starts_with('.')) {
                    stop += 1;
                }
                let name = text.get(first.start..stop)?;
                let n = normalize(name);
                let squeezed = |x: &str| text::fold(x).split_whitespace().collect::<String>();
                let legal = n
                    .ignored
                    .iter()
                    .any(|(w, why)| *why == IgnoreReason::LegalForm && squeezed(name).ends_with(&squeezed(w)));
                (legal && !n.tokens.is_empty()).then_some((name, end))
            });
            let Some((name, end)) = found else {
                i = j.max(i + 1);
                continue;
            };
            if sellers.iter().any(|s| *s == text::words(name).join(" ")) || self.is_consumed_by_seller(name) {
                i = end;
                continue;
            }
            let role = if self.end_user_statement { "endUser" } else { "buyer" };
            // The country: a place later on the same line, or on the next line (a letterhead's address).
            let after = toks.get(end - 1).map(|t| t.end).unwrap_or(0);
            let mut lines = text.get(after..).unwrap_or_default().split('\n');
            let rest = lines.next().unwrap_or_default();
            let g = geo();
            let country = g
                .places_in(rest)
                .into_iter()
                .rev()
                .find(|f| f.value.kind != PlaceKind::Adjective)
                .map(|f| f.value.code)
                .or_else(|| lines.next().and_then(|l| g.country_of(l)));
            self.add_party(Party {
                role: role.into(),
                name: name.to_string(),
                address: None,
                country,
                span: Some(text::slice_span(text, name)),
                descriptor: Some("company written in the text with its legal form".into()),
                read_from: "company".into(),
            });
            return;
        }
    }

    /// Whether a name lies on a line read as the seller's.
    fn is_consumed_by_seller(&self, name: &str) -> bool {
        let Some(at) = text::offset_in(self.text, name) else { return false };
        self.order.parties.iter().filter(|p| p.role == "seller").filter_map(|p| p.span.as_ref()).any(|s| {
            let line = |x: usize| self.text.get(..x).map_or(0, |b| b.matches('\n').count());
            s.start.is_some_and(|st| line(st) == line(at))
        })
    }
}
