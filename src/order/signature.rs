//! The signature block after a closing line ("Best regards"): the sender's company, read as the buyer unless the
//! order names one elsewhere.

use super::labelled::domain_country;
use super::labels::{is_company_like, is_job_title, is_non_name, names_title, segments};
use super::Parser;
use crate::text;
use crate::text::case::Case as _;

/// Closing lines of a letter or an e-mail; the signature block follows them.
pub(super) const CLOSINGS: &[&str] = &[
    "regards",
    "best regards",
    "kind regards",
    "warm regards",
    "with regards",
    "sincerely",
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "thanks and regards",
    "thanks regards",
    "thanks",
    "thank you",
    "best wishes",
    "best",
    "cheers",
    "many thanks",
    "all the best",
    "mit freundlichen grussen",
    "mit freundlichen grüßen",
    "freundliche grusse",
    "viele grusse",
    "mfg",
    "cordialement",
    "bien cordialement",
    "salutations",
    "saludos",
    "atentamente",
    "un saludo",
    "с уважением",
    "с наилучшими пожеланиями",
    "beste grusse",
    "freundliche grusse",
    "herzliche grusse",
    "bien a vous",
    "salutations distinguees",
    "sinceres salutations",
    "saludos cordiales",
    "un cordial saludo",
    "cordiales saludos",
    "saygilarimizla",
    "saygilarimla",
    "saygilar",
    "iyi calismalar",
    "tesekkurler",
    "此致敬礼",
    "此致 敬礼",
    "顺祝商祺",
    "谢谢",
];

/// Words before a company's name in a signature that sign for it ("For: X Ltd", "pour X", "i.A."), lower case.
const SIGNS_FOR: &[&str] =
    &["for and on behalf of", "for & on behalf of", "on behalf of", "for", "p.p.", "pp.", "pour", "por", "für", "i.a."];

impl<'a> Parser<'a> {
    pub(super) fn signature(&mut self) {
        let Some(close) = (0..self.lines.len()).rev().find(|&i| {
            let w = text::words(self.line(i)).join(" ");
            !w.is_empty() && CLOSINGS.contains(&w.as_str())
        }) else {
            return;
        };
        let mut lines: Vec<&'a str> = Vec::new();
        let mut j = close + 1;
        let consumed_to = {
            let mut k = close + 1;
            let mut n = 0;
            while k < self.lines.len() && n < 8 {
                if self.line(k).trim().is_empty() {
                    if n > 0 {
                        break;
                    }
                } else {
                    n += 1;
                }
                k += 1;
            }
            k
        };
        // The signature block is not goods (list_items skips it).
        self.consume_lines(close, consumed_to.saturating_sub(1).max(close));
        // A buyer read from an e-mail's "From:" line does not make the signature redundant: it names the company.
        if self.order.parties.iter().any(|p| p.role == "buyer" && p.read_from != "header" && p.read_from != "form") {
            return;
        }
        while j < self.lines.len() && lines.len() < 8 {
            let l = self.line(j).trim();
            j += 1;
            if l.is_empty() {
                if lines.is_empty() {
                    continue;
                }
                break;
            }
            lines.push(l);
        }
        let contact = |l: &str| {
            let f = text::fold(l);
            l.contains('@')
                || l.contains("www.")
                || l.contains("http")
                || l.trim_start().starts_with('+')
                || ["tel", "phone", "mob", "mobile", "cell", "fax", "whatsapp", "email", "skype"]
                    .iter()
                    .any(|w| f.split_whitespace().next() == Some(*w))
        };
        // A job title or a department (`job_titles`, `title_words` in `src/data/labels.toml`), on its own or first.
        let title = |l: &str| names_title(l) || segments(l).first().is_some_and(|f| is_job_title(f));
        let company_words = |l: &str| is_company_like(l);
        // A line that names a company, or one whose comma-separated part after the title does.
        let titled_company = |l: &str| segments(l).iter().skip(1).any(|g| company_words(g) && !title(g)) && !contact(l);
        // "Headmistress, Asante Hills Senior High School", "Obmann, Obstgenossenschaft Vinschgau-Süd": after a title,
        // the name of what the sender works for, whatever words it has.
        let after_title = |l: &'a str| -> Option<&'a str> {
            let segs = segments(l);
            let first = segs.first()?;
            if segs.len() < 2 || !title(first) || company_words(first) || contact(l) {
                return None;
            }
            segs.iter()
                .skip(1)
                .find(|g| !title(g) && g.chars().next().is_some_and(char::is_uppercase))
                .filter(|g| !g.chars().any(|c| c.is_ascii_digit()))
                .copied()
        };
        let mut company: Option<usize> = lines
            .iter()
            .position(|l| company_words(l) && !contact(l) && !title(l))
            .or_else(|| lines.iter().position(|l| titled_company(l)))
            .or_else(|| lines.iter().position(|l| after_title(l).is_some()));
        if company.is_none() {
            // person, [title], company: the first plain line after the person's name
            company = lines
                .iter()
                .enumerate()
                .skip(1)
                .find(|(_, l)| {
                    !contact(l) && !title(l) && !l.chars().any(|c| c.is_ascii_digit()) && text::words(l).len() <= 6
                })
                .map(|(i, _)| i);
        }
        if let Some(c) = lines.iter().find_map(|l| domain_country(l)) {
            self.pending.sender_country.get_or_insert(c);
        }
        let Some(ci) = company else { return };
        let Some(mut name_line) = lines.get(ci).copied() else { return };
        // "Einkauf, Piekarnia Złota Kłos Sp. z o.o.", "Procurement, Rift Valley Millers Ltd": the title before the
        // company on one line is not its name.
        if let Some(at) = after_title(name_line).and_then(|seg| text::offset_in(name_line, seg)) {
            name_line = name_line.get(at..).unwrap_or(name_line);
        }
        let segs = segments(name_line);
        if segs.len() >= 2 && segs.first().is_some_and(|f| title(f) && !company_words(f)) {
            if let Some(seg) = segs.iter().skip(1).find(|g| company_words(g) && !title(g)) {
                if let Some(at) = text::offset_in(name_line, seg) {
                    name_line = name_line.get(at..).unwrap_or(name_line);
                }
            }
        }
        // "For: Kirinyaga … Ltd", "p.p. X GmbH", "i.A. …": the words that sign for a company are not its name.
        let lower = name_line.to_lower();
        if let Some(w) = SIGNS_FOR.iter().find(|w| lower.starts_with(*w)) {
            let rest = name_line.get(w.len()..).unwrap_or_default();
            if rest.starts_with([' ', ':', '\t']) && !rest.trim().is_empty() {
                name_line = rest.trim_start_matches([' ', ':', '\t']);
            }
        }
        let address: Vec<&'a str> = lines.iter().skip(ci + 1).take_while(|l| !contact(l)).take(3).copied().collect();
        if is_non_name(name_line) {
            return;
        }
        let mut p = self.party_from("buyer", name_line, &address, "signature");
        p.descriptor = Some("sender of the message".into());
        self.add_party(p);
    }
}
