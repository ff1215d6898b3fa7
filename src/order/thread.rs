//! E-mail threads: a reply or a forward pasted with the messages below it, each opened by its own "From:" header
//! (Outlook's "-----Original Message-----" block, Gmail's quoted headers). The senders are not all the customer: the
//! exporter's own staff confirm ("we confirm PO 4471") or forward inside the company ("Please process"), and their
//! signatures name the exporter. The order is the earliest message that asks for goods (the bottom-most one with
//! words of ordering and none of offering: "please find our quotation" is the exporter's); its sender and the company it names are the customer, the other senders are parties to
//! screen and say nothing about the destination.

use super::labels::labelled_line;
use super::Parser;
use crate::text;

/// Words of ordering (folded), in the corpus's languages ("go ahead with"; Turkish "siparişimizi", "our order" in the
/// accusative, as well as "sipariş").
const ORDER_WORDS: &[&str] = &[
    "order",
    "orders",
    "ordering",
    "supply",
    "quote",
    "quotation",
    "need",
    "needs",
    "require",
    "requires",
    "purchase",
    "buy",
    "rfq",
    "enquiry",
    "inquiry",
    "bestellen",
    "bestellung",
    "bestellt",
    "benotigen",
    "commande",
    "commandons",
    "commander",
    "pedido",
    "necesitamos",
    "solicitamos",
    "заказ",
    "заказываем",
    "нужны",
    "нужно",
    "siparis",
    "siparisi",
    "siparisimiz",
    "siparisimizi",
    "ihtiyacimiz",
    "订购",
    "采购",
    "需要",
    "询价",
    "arrange",
    "ahead",
    "procure",
    "sourcing",
    "requirement",
    "requirements",
    "required",
    "anfrage",
    "angebot",
    "devis",
    "cotizacion",
    "запрос",
    "teklif",
    "报价",
];

/// Words of offering (folded): a message that sends the exporter's quotation ("please find our quotation") is the
/// exporter's, whatever words of ordering it holds; the order is in another message.
const OFFER_PHRASES: &[&str] = &[
    "our quotation",
    "our quote",
    "our offer",
    "our proforma",
    "we are pleased to quote",
    "we are pleased to offer",
    "we can offer",
    "unser angebot",
    "unserem angebot",
    "notre offre",
    "notre devis",
    "nuestra oferta",
    "nuestra cotizacion",
    "наше предложение",
    "我司报价",
    "我们的报价",
];

impl Parser<'_> {
    /// Finds the order message of a thread (two "From:" headers or more): the byte range from its "From:" line to
    /// the next one (or the end).
    pub(super) fn find_order_message(&mut self) {
        let mut heads: Vec<usize> = Vec::new();
        for i in 0..self.lines.len() {
            let line = self.line(i);
            if labelled_line(line).is_some_and(|(d, _, _)| d.kind == "header" && d.key == "from") {
                heads.push(self.lines.get(i).map_or(0, |l| l.0));
            }
        }
        if heads.len() < 2 || self.document_headers {
            return;
        }
        crate::sort::sort(&mut heads);
        let text = self.text;
        let ranges: Vec<(usize, usize)> =
            heads.iter().enumerate().map(|(k, &s)| (s, heads.get(k + 1).copied().unwrap_or(text.len()))).collect();
        let asks = |&(s, e): &(usize, usize)| {
            let body = text.get(s..e).unwrap_or_default();
            // The body below the header lines ("Subject: Order ..." is not the order).
            let body = body.split_once("\n\n").map_or(body, |(_, b)| b);
            let words = text::words(body);
            let joined = format!(" {} ", words.join(" "));
            words.iter().any(|w| ORDER_WORDS.contains(&w.as_str()))
                && !OFFER_PHRASES
                    .iter()
                    .any(|o| joined.contains(&format!(" {o} ")) || (!o.is_ascii() && body.contains(o)))
        };
        self.order_message = ranges.iter().rev().find(|r| asks(r)).or(ranges.last()).copied();
    }

    /// Whether byte `at` lies outside the order message of a thread (false when the text is not a thread).
    pub(super) fn in_other_message(&self, at: usize) -> bool {
        self.order_message.is_some_and(|(s, e)| at < s || at >= e)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn thread_buyer_is_the_customer_of_the_order_message() {
        let text = "From: Tom Becker <t.becker@muehlenbau-example.de>\nSent: 12 March 2026 08:15\nTo: Order Processing\nSubject: FW: Order maize mill\n\nPlease process. Customer is known to us since 2019.\nTom Becker\nMühlenbau Becker GmbH, Braunschweig, Germany\n\n-----Original Message-----\nFrom: Grace Wanjiru <grace@rift-millers.co.ke>\nSent: 11 March 2026 16:02\nTo: Tom Becker\nSubject: Order maize mill\n\nDear Tom,\nRift Valley Millers Ltd, P.O. Box 220, Eldoret, Kenya, orders 1 maize milling plant 60 t/day.\nRegards, Grace Wanjiru";
        let o = parse(text);
        let buyer = o.parties.iter().find(|p| p.role == "buyer").unwrap_or_else(|| panic!("{:?}", o.parties));
        assert!(buyer.name.contains("Rift Valley Millers"), "{:?}", o.parties);
        assert_eq!(o.destination.as_deref(), Some("KE"));
        assert!(!o.parties.iter().any(|p| p.role == "buyer" && p.name.contains("Becker")), "{:?}", o.parties);
    }
}
