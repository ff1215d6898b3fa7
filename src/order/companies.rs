//! The last reading of an order that named no buyer, consignee or end user in any layout the other readers know: the
//! first company written with its legal form ("BOULANGERIE DU LAC SARL" on a letterhead, "Agro Pampa Repuestos
//! S.R.L. (...) solicita:", "ben Ayşe, Anatolia Feinkost GmbH'den") is the customer writing; in an end-user
//! statement, the end user. Also whether the text is an end-user statement at all.

use super::labels::{greeting_at_start, is_in, labelled_line, labels, truncate_at_char};
use super::prose::capitalised;
use super::{Parser, Party};
use crate::geo::{geo, PlaceKind};
use crate::normalize::{normalize, IgnoreReason};
use crate::text::{self, Token};

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

/// Words of a person's title before the company they work for ("Managing Director of X Ltd").
const TITLE_WORDS: &[&str] = &[
    "managing",
    "director",
    "general",
    "manager",
    "chief",
    "executive",
    "officer",
    "head",
    "president",
    "chairman",
    "owner",
    "partner",
    "ceo",
    "cfo",
    "purchasing",
    "procurement",
    "sales",
    "export",
    "import",
    "deputy",
    "senior",
];

/// The bracketed word of legal forms written "(Private) Limited", "(Pvt.) Ltd." (Companies Act 2017 of Pakistan,
/// s. 10: a private company's name ends in "(Private) Limited"; India and Sri Lanka write "Private Limited").
const PRIVATE: &[&str] = &["private", "pvt", "pte"];

/// Whether a gap between two words of a name may stand inside it.
fn joins(gap: &str) -> bool {
    !gap.contains(['\n', ',', '(', ')', ':', ';', '\t', '"', '/', '|', '»', '«'])
        && !gap.contains("  ")
        && gap.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '&' | '-' | '\''))
}

/// The legal forms that end a Chinese company name (Company Law of the People's Republic of China, Art. 7: a
/// limited liability company carries 有限责任公司 or 有限公司 in its name, a company limited by shares 股份有限公司
/// or 股份公司; Hong Kong's Companies Ordinance, Cap. 622, s. 100: 有限公司), longest first.
const CJK_LEGAL_FORMS: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "股份公司"];

/// Words before a Chinese company name that introduce it ("我们是", we are; "我司", our company), cut off the name.
const CJK_INTRO: &[&str] = &["我们是", "我司是", "我公司是", "这里是", "我是", "我们", "我司", "本公司", "是"];

/// The first Chinese company name in `text` written with its legal form: the run of Han characters that ends in it,
/// without the words that introduce it ("你好，我们是宁波华纺服饰有限公司" → "宁波华纺服饰有限公司").
pub(super) fn cjk_company(text: &str) -> Option<&str> {
    let (at, form) = CJK_LEGAL_FORMS
        .iter()
        .filter_map(|f| text.find(f).map(|p| (p, *f)))
        .min_by_key(|&(p, f)| (p, usize::MAX - f.len()))?;
    let end = at + form.len();
    let before = text.get(..at)?;
    let start = before.char_indices().rev().take_while(|&(_, c)| is_han(c)).last().map_or(at, |(i, _)| i);
    let mut name = text.get(start..end)?;
    if let Some((p, w)) = CJK_INTRO.iter().filter_map(|w| name.rfind(w).map(|p| (p, *w))).max_by_key(|&(p, _)| p) {
        if p + w.len() < name.len() - form.len() {
            name = name.get(p + w.len()..)?;
        }
    }
    (name.chars().count() >= form.chars().count() + 2).then_some(name)
}

/// "Компания «Талын Мах» ХХК", "ТОО «Алатау Сүт»": token `i`, a legal form or a company word, right before a name in
/// guillemets (within its line, 80 bytes at most), and a legal form right after it: the whole, a slice of `text`.
fn quoted_after<'t>(text: &'t str, toks: &[Token], i: usize) -> Option<&'t str> {
    let t = toks.get(i)?;
    let v = labels();
    if !(is_in(&v.legal_words, &t.norm) && t.norm.chars().count() > 1 || is_in(&v.company_words, &t.norm)) {
        return None;
    }
    let after = text.get(t.end..)?;
    let quoted = after.trim_start_matches(' ');
    let close = quoted.strip_prefix('«')?.find('»').filter(|&c| c <= 80)?;
    let inner = quoted.get('«'.len_utf8()..'«'.len_utf8() + close)?;
    if inner.contains('\n') || inner.trim().is_empty() {
        return None;
    }
    let mut stop = t.end + (after.len() - quoted.len()) + '«'.len_utf8() + close + '»'.len_utf8();
    let next = toks.partition_point(|x| x.start < stop);
    if let Some(form) = toks.get(next).filter(|f| is_in(&v.legal_words, &f.norm) && f.norm.chars().count() > 1) {
        if text.get(stop..form.start) == Some(" ") {
            stop = form.end;
        }
    }
    text.get(t.start..stop)
}

/// Whether Chinese text names a company (a name ending in its legal form).
pub(super) fn names_company(text: &str) -> bool {
    cjk_company(text).is_some()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

impl Parser<'_> {
    pub(super) fn company_fallback(&mut self) {
        if self.order.parties.iter().any(|p| matches!(p.role.as_str(), "buyer" | "consignee" | "endUser")) {
            // In a thread, a company named in another message (an intermediary forwarding "the request of our
            // client", the exporter's own reply) is still a party to screen.
            if let Some((s, e)) = self.order_message {
                let toks = self.toks;
                let at = |b: usize| toks.partition_point(|t| t.start < b);
                self.company_in((0, at(s)), "party");
                self.company_in((at(e), toks.len()), "party");
            }
            return;
        }
        if self.cjk_company_fallback() {
            return;
        }
        let role = if self.end_user_statement { "endUser" } else { "buyer" };
        let toks = self.toks;
        // In a thread, the company named in the order message is the customer; the first company of each other
        // message (the exporter's own reply, an intermediary forwarding) is a party to screen, not left out.
        // A letterhead names the company writing, as written on its first line, before any company the text
        // names with its legal form (the addressee, often the seller).
        let Some((s, e)) = self.order_message else {
            if !self.letterhead() {
                self.company_in((0, toks.len()), role);
            }
            return;
        };
        let range = |a: usize, b: usize| (toks.partition_point(|t| t.start < a), toks.partition_point(|t| t.start < b));
        let found = self.company_in(range(s, e), role);
        self.company_in(range(0, s), "party");
        self.company_in(range(e, self.text.len()), "party");
        if !found {
            self.letterhead();
        }
    }

    /// The first company written with its legal form among tokens `from..to`, added with `role`; whether one was.
    fn company_in(&mut self, (from, stop): (usize, usize), role: &str) -> bool {
        let text = self.text;
        let toks = self.toks;
        let sellers: Vec<String> =
            self.order.parties.iter().filter(|p| p.role == "seller").map(|p| text::words(&p.name).join(" ")).collect();
        let mut i = from;
        while i < stop {
            let Some(t) = toks.get(i) else { break };
            if !capitalised(text, t) {
                i += 1;
                continue;
            }
            // "Компания «Талын Мах» ХХК", "ТОО «Алатау Сүт»": a company word or legal form before a name in
            // guillemets, with a legal form after it.
            if let Some(name) = quoted_after(text, toks, i) {
                let end = toks.partition_point(|x| x.start < text::slice_span(text, name).end.unwrap_or(0));
                if self.add_company(name, end, role, &sellers) {
                    return true;
                }
                i = end.max(i + 1);
                continue;
            }
            // A run of capitalised words (and joiners between them) inside one line and one clause.
            let mut j = i + 1;
            while j < toks.len() && j - i < 8 {
                let (Some(prev), Some(next)) = (toks.get(j - 1), toks.get(j)) else { break };
                let gap = text.get(prev.end..next.start).unwrap_or_default();
                let joiner = ["of", "and", "de", "du", "des", "la", "del", "y", "et", "und", "for", "ve"]
                    .contains(&next.norm.as_str());
                // "Innovative Equipment (Private) Limited", "(Pvt.) Ltd.": the bracketed part of a legal form.
                let bracketed_form = |w: &Token| PRIVATE.contains(&w.norm.as_str());
                let in_form = (gap.trim() == "(" && bracketed_form(next))
                    || (matches!(gap.trim(), ")" | ".)") && bracketed_form(prev));
                // "Sp. z o.o.", "s.r.o.": a legal form written in small letters after the capitalised words.
                let small_form = j > i + 1 && is_in(&labels().legal_words, &next.norm);
                if !in_form && (!joins(gap) || !(capitalised(text, next) || joiner || small_form)) {
                    break;
                }
                j += 1;
            }
            // Shortest name ending in a legal form, from the start of the run.
            let found = (i + 2..=j).find_map(|end| {
                let (first, last) = (toks.get(i)?, toks.get(end - 1)?);
                // Not inside the brackets of "(Private) Limited".
                if PRIVATE.contains(&last.norm.as_str())
                    && text.get(last.end..).is_some_and(|r| r.starts_with(')') || r.starts_with(".)"))
                {
                    return None;
                }
                let mut stop = last.end;
                if text.get(stop..).is_some_and(|r| r.starts_with('.')) {
                    stop += 1;
                }
                let name = text.get(first.start..stop)?;
                let n = normalize(name);
                let squeezed = |x: &str| text::fold(x).split_whitespace().collect::<String>();
                // The name ends in its legal form, as written or abbreviated ("Ltd", which the normaliser
                // records as "limited").
                let legal_forms = |n: &crate::normalize::NormName| {
                    n.ignored.iter().filter(|(_, why)| *why == IgnoreReason::LegalForm).count()
                };
                let ends_legal = || {
                    let before = text.get(first.start..last.start).unwrap_or_default();
                    legal_forms(&normalize(before)) < legal_forms(&n)
                };
                let legal = n.ignored.iter().any(|(w, why)| {
                    *why == IgnoreReason::LegalForm && (squeezed(name).ends_with(&squeezed(w)) || ends_legal())
                });
                (legal && !n.tokens.is_empty()).then_some((name, end))
            });
            let Some((mut name, mut end)) = found else {
                i = j.max(i + 1);
                continue;
            };
            // "Pvt. Ltd.", "Co., Ltd.": the legal form goes on over its next words.
            while end < j
                && toks.get(end).is_some_and(|t| is_in(&labels().legal_words, &t.norm) && t.norm != "and")
                && toks.get(end - 1).zip(toks.get(end)).is_some_and(|(a, b)| {
                    text.get(a.end..b.start)
                        .is_some_and(|g| g.len() <= 3 && g.chars().all(|c| matches!(c, '.' | ' ' | ',')))
                })
            {
                end += 1;
                if let (Some(f), Some(l)) = (toks.get(i), toks.get(end - 1)) {
                    let stop = if text.get(l.end..).is_some_and(|r| r.starts_with('.')) { l.end + 1 } else { l.end };
                    name = text.get(f.start..stop).unwrap_or(name);
                }
            }
            // "Настоящим ТОО «Каспий Нефтесервис»", "OOO \"Tatprom\"": a legal form written before the quoted name
            // is the company with it, not the words before the form.
            if let Some(form) = toks.get(end - 1) {
                let after = text.get(form.end..).unwrap_or_default();
                let gap = after.len() - after.trim_start().len();
                let quoted = after.trim_start();
                if let Some(close) = quoted.strip_prefix('«').and_then(|q| q.find('»')).filter(|&c| c <= 80) {
                    let stop = form.end + gap + '«'.len_utf8() + close + '»'.len_utf8();
                    name = text.get(form.start..stop).unwrap_or(name);
                    end = toks.partition_point(|t| t.start < stop);
                }
            }
            // "Managing Director of Deccan Agro Processors Pvt. Ltd.": a title before "of" is not the company's.
            if let Some(p) = name.find(" of ") {
                let head = text::words(name.get(..p).unwrap_or_default());
                if !head.is_empty() && head.iter().all(|w| TITLE_WORDS.contains(&w.as_str())) {
                    name = name.get(p + 4..).unwrap_or(name).trim_start();
                }
            }
            if self.add_company(name, end, role, &sellers) {
                return true;
            }
            i = end;
        }
        false
    }

    /// Adds `name` (a company found in the text, its last token before `end`) with `role`, unless it is the
    /// seller's; whether it was added.
    fn add_company(&mut self, name: &str, end: usize, role: &str, sellers: &[String]) -> bool {
        let (text, toks) = (self.text, self.toks);
        if sellers.iter().any(|s| *s == text::words(name).join(" ")) || self.is_consumed_by_seller(name) {
            return false;
        }
        self.weak.push(text::words(name).join(" "));
        // The country: a place later on the same line, or on the next line (a letterhead's address).
        let after = toks.get(end - 1).map(|t| t.end).unwrap_or(0);
        let mut lines = text.get(after..).unwrap_or_default().split('\n');
        let rest = lines.next().unwrap_or_default();
        let g = geo();
        // The address ends with its sentence: "…, Colón, Panamá. El pago lo hará una empresa en Miami."
        let country = text::sentences(rest)
            .into_iter()
            .find_map(|(a, b)| {
                let found = g.places_in(rest.get(a..b).unwrap_or_default());
                found.into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective).map(|f| f.value.code)
            })
            .or_else(|| lines.next().and_then(|l| g.country_of(l)))
            .or_else(|| {
                // Chinese writes the place before the company: "我们是越南胡志明市 Minh Phat Mechanical Co., Ltd".
                let at = text::slice_span(text, name).start?;
                let head = text.get(..at)?.rsplit('\n').next()?;
                let clause = head.rsplit([',', '，', '、', ':', '：', '。']).next()?;
                let han = clause.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                let found = g.places_in(clause).into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective);
                found.filter(|_| han).map(|f| f.value.code)
            });
        self.add_party(Party {
            role: role.into(),
            name: name.to_string(),
            address: None,
            country,
            span: Some(text::slice_span(text, name)),
            descriptor: Some("company written in the text with its legal form".into()),
            read_from: "company".into(),
        });
        true
    }

    /// A letterhead: the text opens with a name on a line of its own (at most eight words, no label, no sentence, no
    /// document title or greeting) and an address line with a place under it ("NEW AUTO ENGINEERING (NAE)" above
    /// "72, Industrial Area, Peshawar Road, Rawalpindi, Pakistan"): the company writing, the customer.
    fn letterhead(&mut self) -> bool {
        const NOT_NAMES: &[&str] = &[
            "invoice",
            "proforma",
            "pro",
            "forma",
            "request",
            "quotation",
            "rfq",
            "order",
            "purchase",
            "bill",
            "lading",
            "packing",
            "list",
            "enquiry",
            "inquiry",
            "offer",
            "contract",
            "statement",
            "certificate",
            "declaration",
            "rechnung",
            "angebot",
            "bestellung",
            "anfrage",
            "facture",
            "devis",
            "commande",
            "factura",
            "pedido",
            "cotizacion",
            "solicitud",
            "счет",
            "заказ",
            "запрос",
            "fatura",
            "siparis",
            "teklif",
            "to",
            "from",
            "subject",
            "re",
            "fw",
            "date",
            "ref",
            "no",
        ];
        let mut nonempty = (0..self.lines.len()).filter(|&i| !self.line(i).trim().is_empty());
        let (Some(a), Some(b)) = (nonempty.next(), nonempty.next()) else { return false };
        if b != a + 1 {
            return false;
        }
        let (head, next) = (self.line(a).trim(), self.line(b).trim());
        let words = text::words(head);
        let first_upper = head.chars().next().is_some_and(|c| c.is_uppercase());
        // "… SAN. VE TİC. A.Ş.", "… CAFÉ LOS VOLCANES, S.A.": a name may end in the dot of its legal form.
        let legal_end = words.last().is_some_and(|w| is_in(&labels().legal_words, w));
        if !first_upper
            || words.is_empty()
            || words.len() > 10
            || head.len() > 90
            || head.contains([':', '：', '?', '!', '@'])
            || (head.trim_end().ends_with('.') && !legal_end)
            // A salutation ends in a comma ("Dzień dobry,", "Gentile fornitore,", "Bonjour Monsieur,"); a name does not.
            || head.trim_end().ends_with([',', '，', ';'])
            || words.iter().any(|w| NOT_NAMES.contains(&w.as_str()))
            || greeting_at_start(&words).is_some()
            || labelled_line(head).is_some()
        {
            return false;
        }
        let g = geo();
        let place = |l: &str| g.places_in(l).into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective);
        // The address under the name, on one line or two (street, then city and country).
        let third = nonempty.next().filter(|&c| c == b + 1).map(|c| self.line(c).trim());
        let Some(country) = place(next).or_else(|| third.and_then(place)).map(|f| f.value.code) else {
            return false;
        };
        if g.places_in(head).iter().any(|p| p.start == 0 && p.end >= head.len().saturating_sub(1)) {
            return false;
        }
        let role = if self.end_user_statement { "endUser" } else { "buyer" };
        self.weak.push(words.join(" "));
        self.add_party(Party {
            role: role.into(),
            name: head.to_string(),
            address: Some(next.to_string()),
            country: Some(country),
            span: Some(text::slice_span(self.text, head)),
            descriptor: Some("letterhead".into()),
            read_from: "letterhead".into(),
        });
        true
    }

    /// A party without a country that the letterhead names (the text's first line, "KIRINYAGA HIGHLANDS … LTD" over
    /// "P.O. Box 412-10300, Kerugoya, Kenya", signed "For: Kirinyaga Highlands … Ltd") is at the letterhead's
    /// address: the country of a place on one of the two lines under it, else of the e-mail address (its
    /// country-code domain) on one of the three.
    pub(super) fn letterhead_country(&mut self) {
        let mut nonempty = (0..self.lines.len()).filter(|&i| !self.line(i).trim().is_empty());
        let Some(a) = nonempty.next() else { return };
        let head = text::words(self.line(a)).join(" ");
        if head.is_empty() || !self.order.parties.iter().any(|p| p.country.is_none()) {
            return;
        }
        let g = geo();
        let place = |l: &str| g.places_in(l).into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective);
        // The address lines under the name, else the e-mail address of its contact line ("zakupy@agronasinnia.ua"):
        // where the company is, whatever the language the letter is written in.
        let below: Vec<usize> = nonempty.take(3).collect();
        let Some(c) = below
            .iter()
            .take(2)
            .find_map(|&i| place(self.line(i)))
            .map(|f| f.value.code)
            .or_else(|| below.iter().find_map(|&i| super::labelled::domain_country(self.line(i))))
        else {
            return;
        };
        for p in self.order.parties.iter_mut() {
            if p.country.is_none() && text::words(&p.name).join(" ") == head {
                p.country = Some(c.clone());
            }
        }
    }

    /// [`cjk_company`] read as the customer writing, unless it is the seller's; whether a party was added.
    fn cjk_company_fallback(&mut self) -> bool {
        let text = self.text;
        let Some(name) = cjk_company(text) else { return false };
        if self.is_consumed_by_seller(name) {
            return false;
        }
        let key = text::words(name).join(" ");
        if self.order.parties.iter().any(|p| text::words(&p.name).join(" ") == key) {
            return false;
        }
        let role = if self.end_user_statement { "endUser" } else { "buyer" };
        self.weak.push(key);
        self.add_party(Party {
            role: role.into(),
            name: name.to_string(),
            address: None,
            country: geo().country_of(name),
            span: Some(text::slice_span(text, name)),
            descriptor: Some("company written in the text with its legal form".into()),
            read_from: "company".into(),
        });
        true
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

#[cfg(test)]
mod tests {
    use super::cjk_company;

    #[test]
    fn chinese_company_names_end_in_their_legal_form() {
        assert_eq!(cjk_company("你好，我们是宁波华纺服饰有限公司，需要精梳棉纱 40 吨"), Some("宁波华纺服饰有限公司"));
        assert_eq!(cjk_company("买方：常州联拓复合材料有限公司（Changzhou Utek）"), Some("常州联拓复合材料有限公司"));
        assert_eq!(cjk_company("深圳市华强电子股份有限公司"), Some("深圳市华强电子股份有限公司"));
        assert_eq!(cjk_company("有限公司"), None);
        assert_eq!(cjk_company("需要精梳棉纱 40 吨"), None);
    }

    #[test]
    fn letterhead_is_the_company_writing() {
        let o = super::super::parse("NEW AUTO ENGINEERING (NAE)\n72, Industrial Area, Peshawar Road, Rawalpindi, Pakistan\n\nPlease quote 12 drive axles.");
        let p = o.parties.first().unwrap_or_else(|| panic!("{:?}", o.parties));
        assert_eq!(
            (p.role.as_str(), p.name.as_str(), p.country.as_deref()),
            ("buyer", "NEW AUTO ENGINEERING (NAE)", Some("PK"))
        );
        for text in [
            "REQUEST FOR QUOTATION\nRawalpindi, Pakistan\nPlease quote 12 drive axles.",
            "Dear Sirs\nKarachi, Pakistan",
            "Please quote 12 drive axles.\nKarachi, Pakistan",
            // A salutation over the text, with the address further down.
            "Dzień dobry,\nprosimy o ofertę na 3 sprężarki, Radom, Polska",
            "Gentile fornitore,\nvi chiediamo un'offerta, Bologna, Italia",
        ] {
            assert!(super::super::parse(text).parties.is_empty(), "{text}");
        }
    }
}
