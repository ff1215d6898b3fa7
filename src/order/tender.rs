//! Calls for tenders and requests for offers: "The Ministry invites offers for the supply of: ...", under a heading
//! that names the ministry ("MINISTRY OF HEALTH AND POPULATION – CENTRAL ADMINISTRATION OF LABORATORIES"). The body
//! that invites the offers buys the goods: the buyer, read from the heading when the sentence names it by a word of
//! its name ("the Ministry", "the Authority"), or from the sentence when it is written out.

use super::labels::{is_in, labels};
use super::prose::{capitalised, prose_party};
use super::{Parser, Party};
use crate::geo::geo;
use crate::text;

/// Verbs of inviting offers (folded): "invites", "lädt ... ein", "invite", "invita", "convoca", "приглашает",
/// "davet eder" (the wording of calls for tenders: EU Directive 2014/24/EU, Annex V part C "invitation to tender";
/// World Bank Standard Procurement Documents, "Invitation for Bids"; their French, Spanish, German, Russian and
/// Turkish versions).
const INVITE: &[&str] = &[
    "invites",
    "invite",
    "invited",
    "invitation",
    "lädt",
    "ladt",
    "invita",
    "invitan",
    "convoca",
    "приглашает",
    "davet",
];

/// What is invited: offers, bids, tenders, quotations, proposals (folded).
const OFFERS: &[&str] = &[
    "offers",
    "bids",
    "tenders",
    "quotations",
    "proposals",
    "offres",
    "soumissions",
    "ofertas",
    "propuestas",
    "angebote",
    "предложения",
    "заявки",
    "teklif",
    "teklifler",
    "teklife",
];

/// How many lines of a heading are searched for the name a sentence refers to.
const HEADING_LINES: usize = 8;

/// Titles of a request for quotations or proposals (folded), which the buyer issues: "REQUEST FOR QUOTATION", "RFQ",
/// "RFP", "Demande de prix", "Solicitud de cotización", "Angebotsanfrage", "Запрос котировок", "Teklif talebi",
/// "询价单" (World Bank Standard Procurement Documents, "Request for Quotations"; EU Directive 2014/24/EU, Art. 5
/// "request to participate"; their French, Spanish, German, Russian, Turkish and Chinese versions).
const RFQ_TITLES: &[&str] = &[
    "request for quotation",
    "request for quotations",
    "request for quote",
    "request for proposal",
    "request for proposals",
    "rfq",
    "rfp",
    "demande de prix",
    "demande de cotation",
    "demande de devis",
    "solicitud de cotizacion",
    "solicitud de oferta",
    "angebotsanfrage",
    "preisanfrage",
    "запрос котировок",
    "запрос предложении",
    "teklif talebi",
    "询价单",
];

/// The label of the body issuing a request (folded): "Issued by", "Émis par", "Emitido por", "Ausgestellt von",
/// "Herausgegeben von", "Выдан", "Düzenleyen".
const ISSUED_BY: &[&str] =
    &["issued by", "issuer", "emis par", "emitido por", "ausgestellt von", "herausgegeben von", "выдан", "duzenleyen"];

impl Parser<'_> {
    pub(super) fn tender_issuer(&mut self) {
        if self.order.parties.iter().any(|p| matches!(p.role.as_str(), "buyer" | "consignee" | "endUser")) {
            return;
        }
        if self.rfq_issuer() {
            return;
        }
        let (text, toks) = (self.text, self.toks);
        for (s, e) in text::sentences(text) {
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            let Some(stoks) = toks.get(a..b) else { continue };
            let Some(k) = stoks.iter().position(|t| INVITE.contains(&t.norm.as_str())) else { continue };
            let offers = stoks.get(k + 1..(k + 5).min(stoks.len()));
            if k == 0 || !offers.is_some_and(|w| w.iter().any(|t| OFFERS.contains(&t.norm.as_str()))) {
                continue;
            }
            let party = match stoks.get(..k) {
                // "The Ministry invites ...": the heading line that holds the word.
                Some([art, noun]) if is_in(&labels().articles, &art.norm) && capitalised(text, noun) => {
                    self.heading_with(&noun.norm, s)
                }
                _ => prose_party(text, toks, a, a + k, "buyer"),
            };
            if let Some(p) = party {
                self.add_party(p);
                return;
            }
        }
    }

    /// A request for quotations (its title among the first lines) names the body that issues it on an "Issued by:"
    /// line: the buyer. On an invoice or a credit, "issued by" names the seller or a bank, so the line is read only
    /// under such a title. Whether a buyer was read.
    fn rfq_issuer(&mut self) -> bool {
        if !self.rfq_titled() {
            return false;
        }
        for i in 0..self.lines.len().min(HEADING_LINES * 2) {
            let line = self.line(i);
            let Some((label, value)) = line.split_once([':', '：']) else { continue };
            let label = text::words(label).join(" ");
            if !ISSUED_BY.contains(&label.as_str()) || value.trim().is_empty() {
                continue;
            }
            let mut p = self.party_from("buyer", value.trim(), &[], "label");
            p.descriptor = Some("issues the request for quotations".into());
            self.add_party(p);
            return true;
        }
        false
    }

    /// Whether one of the text's first three lines is the title of a request for quotations: a document the buyer
    /// issues, so its "From:" is the buyer and its "To:" the supplier addressed.
    pub(super) fn rfq_titled(&self) -> bool {
        let heads: Vec<usize> = (0..self.lines.len()).filter(|&i| !self.line(i).trim().is_empty()).take(3).collect();
        heads.iter().any(|&i| {
            let w = text::words(self.line(i)).join(" ");
            RFQ_TITLES.iter().any(|t| w == *t || w.starts_with(&format!("{t} ")))
        })
    }

    /// A heading line above byte `before`, among the text's first lines, whose words hold `word`: the party it names
    /// (up to a dash or a comma), in the country the heading's lines name.
    fn heading_with(&self, word: &str, before: usize) -> Option<Party> {
        let text = self.text;
        let lines: Vec<&str> = (0..self.lines.len())
            .filter(|&i| self.lines.get(i).is_some_and(|l| l.1 <= before && l.1 > l.0))
            .map(|i| self.line(i))
            .take(HEADING_LINES)
            .collect();
        let line = lines.iter().find(|l| text::words(l).iter().any(|w| w == word))?;
        let name = line.split([',', '–', '—']).next().unwrap_or_default();
        let name = name.split(" - ").next().unwrap_or_default().trim();
        if name.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            return None;
        }
        Some(Party {
            role: "buyer".into(),
            name: name.to_string(),
            address: None,
            country: geo().country_of(&lines.join("\n")),
            span: Some(text::slice_span(text, name)),
            descriptor: Some("invites the offers (a call for tenders)".into()),
            read_from: "letterhead".into(),
        })
    }
}
