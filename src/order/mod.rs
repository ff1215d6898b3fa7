//! Stage 1: pasted order text (labelled fields, e-mail prose, CSV/TSV rows) or an order object → [`Order`]:
//! parties with roles, items with quantities, HS codes and technical parameters, destination, routing, end use,
//! payment and delivery.
//!
//! The parser reads, in this order: tables with a recognised header row ([`tables`]: `role,name,country` or
//! order-like columns); labelled fields ([`labelled`]: `Buyer:`, `Käufer:`, `Грузополучатель:`, labels from
//! `src/data/labels.toml` ([`labels`]), with the value on the same line or in the block below); e-mail prose
//! ([`prose`]: "we are buying for our customer X", "the goods will be shipped via Dubai"); a signature block after
//! "Best regards" ([`signature`]); and list lines that look like goods ([`items`], with numbers, units and
//! parameters read by [`quantity`]). Every party, item and field keeps a [`Span`] (byte offsets into the text)
//! so the page can highlight it. Countries come from country names, a gazetteer of cities ([`crate::geo`]) and
//! ISO codes.
//!
//! It never fails and does a bounded amount of work per byte (lines, tokens and phrase sets indexed by first
//! word), so a large paste of junk costs time linear in its size. Text it cannot place is still searched by the
//! rules.

use serde::{Deserialize, Serialize};

use crate::geo::{self, geo, PlaceKind};
use crate::report::Span;
use crate::text;

mod chat;
mod columns;
mod companies;
mod intro;
mod items;
mod labelled;
mod labels;
mod premises;
mod prose;
mod quantity;
#[cfg(test)]
mod route_tests;
mod signature;
mod swift;
mod tables;
mod tender;
#[cfg(test)]
mod tests;
mod thread;
mod vessel;

pub use items::complete_item;
pub(crate) use labels::known_words;
pub use labels::{data_errors, role_for};
pub use quantity::parameters;

use labels::truncate_at_char;
use tables::split_cells;

/// Most parties and items read from one text (the rest is ignored: an order has a handful).
const MAX_PARTIES: usize = 40;
const MAX_ITEMS: usize = 400;
/// Longest item description or field value kept, in bytes.
const MAX_DESCRIPTION: usize = 2000;
/// Most labelled fields kept.
const MAX_FIELDS: usize = 400;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Party {
    /// "buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party", "vessel" (a ship
    /// named on the order: OFAC and the UK list vessels).
    pub role: String,
    pub name: String,
    pub address: Option<String>,
    /// ISO-2 country code.
    pub country: Option<String>,
    /// Where the party was read from in the text.
    pub span: Option<Span>,
    /// Words the text uses about the party ("our forwarder", "a nuclear power station in Chashma").
    pub descriptor: Option<String>,
    /// How the party was read: "label", "table", "prose", "signature", "header" (an e-mail's From line), "form"
    /// ("Company: ..."), "company" (a company written with its legal form), "letterhead" (empty for a caller's
    /// object).
    pub read_from: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Parameter {
    /// As written, lower case ("bias stability", "tensile modulus").
    pub name: String,
    /// In `unit`.
    pub value: f64,
    /// Normalised unit ("deg/h", "MPa", "mm", "Hz", ...).
    pub unit: String,
    /// The text it was read from ("bias stability 0.01 deg/h").
    pub text: String,
    /// "<", "<=", ">" or ">=" when the text gives a bound ("drift < 0.01 °/h").
    pub comparator: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Item {
    pub description: String,
    pub quantity: Option<String>,
    pub hs: Option<String>,
    pub parameters: Vec<Parameter>,
    pub span: Option<Span>,
    /// The number in `quantity`.
    pub quantity_value: Option<f64>,
    /// The unit in `quantity` ("pcs", "kg").
    pub unit: Option<String>,
}

/// A labelled value read from the text (every one, so the page can show what was understood).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Field {
    /// "buyer", "endUse", "payment", "hs", ... (keys of `src/data/labels.toml`).
    pub key: String,
    /// The label as written.
    pub label: String,
    pub value: String,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Order {
    pub parties: Vec<Party>,
    pub items: Vec<Item>,
    /// ISO-2 code of the final destination.
    pub destination: Option<String>,
    pub end_use: Option<String>,
    pub payment: Option<String>,
    pub delivery: Option<String>,
    /// The pasted text the order was read from (absent when the caller passed an object).
    pub text: Option<String>,
    /// ISO-2 codes of countries on the route other than the final destination (transit, port of discharge,
    /// intermediate consignee).
    pub via: Vec<String>,
    /// Every labelled field read.
    pub fields: Vec<Field>,
}

/// What was read before the thing it belongs to (an HS code, a quantity or a classification before its item;
/// destination evidence before the parties are known), resolved in [`Parser::finish`].
#[derive(Default)]
struct Pending {
    hs: Option<String>,
    quantity: Option<(String, f64, String)>,
    eccn: Option<String>,
    /// A labelled destination ("Country of destination: ...").
    destination: Option<String>,
    /// A labelled port of discharge.
    port: Option<String>,
    /// A destination stated in prose, with its priority (a trigger's `priority` in `src/data/labels.toml`).
    prose_destination: Option<(u8, String)>,
    /// The country of the sender's e-mail domain ("hasansci.com.pk" → PK), for a sender whose address names none.
    sender_country: Option<String>,
}

struct Parser<'a> {
    text: &'a str,
    lines: Vec<(usize, usize)>,
    /// (start, index) of `lines`, by start: the lines are not in text order where columns were read one by one.
    by_start: Vec<(usize, usize)>,
    /// Lines already read as labelled fields or table rows (prose rules skip them).
    consumed: Vec<bool>,
    order: Order,
    /// "From:"/"To:" headers of a document (a proforma invoice from the seller to the buyer), not of an e-mail.
    document_headers: bool,
    /// The text is an end-user statement: the party that writes "We, X, ..." is the end user.
    end_user_statement: bool,
    pending: Pending,
    /// The text's tokens ([`text::tokens`]).
    toks: &'a [text::Token],
    /// Parties guessed from how the text is written rather than read from a label or a phrase that gives their role
    /// (a company with its legal form, the writer introducing themselves), by [`text::words`] of their name: their
    /// country is the destination only when the text names no other.
    weak: Vec<String>,
    /// In an e-mail thread, the byte range of the message that orders ([`thread`]).
    order_message: Option<(usize, usize)>,
    /// In a chat transcript, the byte offsets where messages begin (after their time stamp and speaker): a
    /// labelled block does not run on into the next message.
    message_starts: Vec<usize>,
}

/// Reads an order from pasted text. Never fails: text it cannot place is still searched by the rules.
pub fn parse(text: &str) -> Order {
    parse_tokens(text, &text::tokens(text))
}

/// [`parse`], given the text's [`text::tokens`] (screening cuts the text into tokens once, for every stage). A text
/// in traditional Chinese characters is read in simplified ones (the labels, triggers and places are written
/// so), and a chat typed without capitals with capitals at the start of its words ([`chat::capitalised_lower_case`]:
/// names and places are told from other words by their capitals), at the same byte offsets; what was read keeps
/// the characters as written where its span shows it.
pub fn parse_tokens(text: &str, toks: &[text::Token]) -> Order {
    let simplified = labels::simplified(text);
    let capitalised = chat::capitalised_lower_case(simplified.as_deref().unwrap_or(text));
    let Some(simple) = capitalised.or(simplified) else { return parse_text(text, toks) };
    let mut order = parse_text(&simple, &text::tokens(&simple));
    // A value copied whole from the text (an address, a name copied for "同上") is found where it stands: at its
    // span when it is the span's text, else by a search of the text. The searches together read at most eight
    // times the text (each may read up to the value's place: unbounded, values x text would be quadratic in a long
    // paste); past that, a value keeps its simplified characters.
    let budget = std::cell::Cell::new(text.len().saturating_mul(8));
    let found_as_written = |s: &mut String, at: Option<usize>| {
        if s.is_empty() {
            return;
        }
        let a = match at.filter(|&a| simple.get(a..a + s.len()) == Some(s.as_str())) {
            Some(a) => Some(a),
            None if budget.get() >= simple.len() => {
                budget.set(budget.get() - simple.len());
                simple.find(s.as_str())
            }
            None => None,
        };
        if let Some(was) = a.and_then(|a| text.get(a..a + s.len())) {
            *s = was.to_string();
        }
    };
    let as_written = |s: &mut String, span: &mut Option<Span>| {
        let mut at = None;
        if let Some(sp) = span.as_mut() {
            if let (Some(a), Some(b)) = (sp.start, sp.end) {
                if let Some(was) = text.get(a..b) {
                    sp.text = was.to_string();
                }
                at = Some(a);
            }
        }
        found_as_written(s, at);
    };
    for p in &mut order.parties {
        as_written(&mut p.name, &mut p.span);
        if let Some(a) = p.address.as_mut() {
            found_as_written(a, None);
        }
    }
    for i in &mut order.items {
        as_written(&mut i.description, &mut i.span);
    }
    for f in &mut order.fields {
        as_written(&mut f.value, &mut f.span);
        found_as_written(&mut f.label, None);
    }
    order.text = Some(text.to_string());
    order
}

fn parse_text(text: &str, toks: &[text::Token]) -> Order {
    let mut p = Parser {
        text,
        toks,
        lines: Vec::new(),
        by_start: Vec::new(),
        consumed: Vec::new(),
        order: Order { text: Some(text.to_string()), ..Order::default() },
        document_headers: false,
        end_user_statement: false,
        pending: Pending::default(),
        weak: Vec::new(),
        order_message: None,
        message_starts: Vec::new(),
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let end = if i > start && text.as_bytes().get(i - 1) == Some(&b'\r') { i - 1 } else { i };
            p.lines.push((start, end));
            start = i + 1;
        }
    }
    if start <= text.len() {
        p.lines.push((start, text.len()));
    }
    // A chat transcript: each message is read without its time stamp and speaker.
    let cut: Vec<usize> = p.lines.iter().map(|&(s, e)| chat::prefix(text.get(s..e).unwrap_or_default())).collect();
    let cut = if cut.iter().filter(|&&n| n > 0).count() >= 2 {
        Some(cut)
    } else {
        // A conversation pasted without time stamps, its speakers named ("Customer: ...", "Me: ...").
        let lines: Vec<&str> = p.lines.iter().map(|&(s, e)| text.get(s..e).unwrap_or_default()).collect();
        chat::speaker_prefixes(&lines)
    };
    if let Some(cut) = cut {
        let mut header_above = false;
        for (line, n) in p.lines.iter_mut().zip(&cut) {
            let whole = line.0 + n >= line.1 && *n > 0;
            line.0 = (line.0 + n).min(line.1);
            if (*n > 0 && !whole) || (header_above && line.0 < line.1) {
                p.message_starts.push(line.0);
                header_above = false;
            }
            if whole {
                header_above = true;
            }
        }
    }
    // A reply quotes the message it answers with "> " before each line (RFC 3676, 4.5; nested: "> > "): the
    // quoted lines are read without the marks, when at least two lines carry them.
    let quoted = |l: &str| l.trim_start().starts_with('>');
    if p.lines.iter().filter(|&&(s, e)| quoted(text.get(s..e).unwrap_or_default())).count() >= 2 {
        for line in p.lines.iter_mut() {
            let l = text.get(line.0..line.1).unwrap_or_default();
            if quoted(l) {
                let body = l.trim_start_matches(['>', ' ', '\t']);
                line.0 = (line.0 + (l.len() - body.len())).min(line.1);
            }
        }
    }
    // Party blocks side by side ("Bill to:      Ship to:") are read column by column.
    columns::split(text, &mut p.lines);
    // Fields of a SWIFT message that share a line (":44E: ... :44F: ...") are read one by one.
    swift::split(text, &mut p.lines);
    p.by_start = p.lines.iter().enumerate().map(|(i, &(s, _))| (s, i)).collect();
    crate::sort::sort_by_key(&mut p.by_start, |&(s, _)| s);
    p.consumed = vec![false; p.lines.len()];
    p.document_headers = p.is_document_with_headers();
    p.find_order_message();
    p.end_user_statement = companies::is_end_user_statement(text);
    p.tables();
    p.labelled();
    p.chat_answers();
    p.prose();
    p.tender_issuer();
    p.introductions();
    p.ordering_subject();
    p.signature();
    p.list_items();
    p.company_fallback();
    p.premises();
    p.finish();
    p.order
}
impl<'a> Parser<'a> {
    fn line(&self, i: usize) -> &'a str {
        let text: &'a str = self.text;
        self.lines.get(i).and_then(|&(s, e)| text.get(s..e)).unwrap_or_default()
    }

    /// Whether byte `at` lies on a line already read as a field or a table row (binary search over the lines).
    fn is_consumed(&self, at: usize) -> bool {
        let k = self.by_start.partition_point(|&(s, _)| s <= at).saturating_sub(1);
        let i = self.by_start.get(k).map_or(0, |&(_, i)| i);
        self.consumed.get(i).copied().unwrap_or(false)
    }

    /// Whether line `i` opens a new chat message.
    fn opens_message(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| self.message_starts.binary_search(&l.0).is_ok())
    }

    fn consume_lines(&mut self, from: usize, to_inclusive: usize) {
        for i in from..=to_inclusive {
            if let Some(c) = self.consumed.get_mut(i) {
                *c = true;
            }
        }
    }

    fn push_field(&mut self, key: &str, label: &str, value: &'a str) {
        if self.order.fields.len() >= MAX_FIELDS {
            return;
        }
        let value = truncate_at_char(value, MAX_DESCRIPTION);
        let span = Some(text::slice_span(self.text, value));
        self.order.fields.push(Field {
            key: key.into(),
            label: label.trim().to_string(),
            value: value.to_string(),
            span,
        });
    }

    fn add_party(&mut self, mut party: Party) {
        // A job title or a department ("Headmistress", "Satınalma") signs for a party but is none.
        if self.order.parties.len() >= MAX_PARTIES || party.name.trim().is_empty() || labels::is_job_title(&party.name)
        {
            return;
        }
        let key = text::words(&party.name).join(" ");
        if let Some(existing) =
            self.order.parties.iter_mut().find(|q| q.role == party.role && text::words(&q.name).join(" ") == key)
        {
            if existing.country.is_none() {
                existing.country = party.country.take();
            }
            return;
        }
        self.order.parties.push(party);
    }

    fn add_item(&mut self, item: Item) {
        if self.order.items.len() < MAX_ITEMS && item.description.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            self.order.items.push(item);
        }
    }

    // --- destination, route, pending fields --------------------------------------------------------------------

    fn finish(&mut self) {
        // The sender of an e-mail is the buyer only when the order names no other buyer (else a party to screen).
        let named_buyers: Vec<String> = self
            .order
            .parties
            .iter()
            .filter(|p| p.role == "buyer" && p.read_from != "header" && p.read_from != "form")
            .map(|p| text::words(&p.name).join(" "))
            .collect();
        if !named_buyers.is_empty() {
            let mut kept: Vec<Party> = Vec::new();
            for mut p in std::mem::take(&mut self.order.parties) {
                if p.role == "buyer" && (p.read_from == "header" || p.read_from == "form") {
                    let key = text::words(&p.name).join(" ");
                    if named_buyers.iter().any(|b| b == &key) {
                        continue;
                    }
                    p.role = "party".into();
                }
                kept.push(p);
            }
            self.order.parties = kept;
        }
        if let Some(c) = self.pending.sender_country.clone() {
            let order_message = self.order_message;
            for p in self.order.parties.iter_mut() {
                // In a thread, the parties of the other messages are not the sender's.
                let elsewhere = order_message
                    .is_some_and(|(s, e)| p.span.as_ref().and_then(|x| x.start).is_some_and(|at| at < s || at >= e));
                if p.country.is_none() && !elsewhere && matches!(p.read_from.as_str(), "header" | "signature" | "form")
                {
                    p.country = Some(c.clone());
                }
            }
        }
        self.letterhead_country();
        if let Some(e) = self.pending.eccn.take() {
            if let Some(it) = self.order.items.last_mut() {
                it.description.push_str(&format!(" (classification stated: {e})"));
            }
        }
        if self.order.parties.iter().any(|p| p.role == "endUser") {
            self.order.fields.retain(|f| f.key != "unnamedEndUser");
        }
        if let Some(h) = self.pending.hs.take() {
            if let Some(it) = self.order.items.iter_mut().find(|i| i.hs.is_none()) {
                it.hs = Some(h);
            }
        }
        if let Some((t, v, u)) = self.pending.quantity.take() {
            if let Some(it) = self.order.items.iter_mut().find(|i| i.quantity.is_none()) {
                it.quantity = Some(t);
                it.quantity_value = Some(v);
                it.unit = (!u.is_empty()).then_some(u);
            }
        }
        let country_of =
            |role: &str| self.order.parties.iter().filter(|p| p.role == role).find_map(|p| p.country.clone());
        let strong_country_of = |role: &str| {
            self.order.parties.iter().filter(|p| p.role == role && !self.is_weak(p)).find_map(|p| p.country.clone())
        };
        let high_prose = self.pending.prose_destination.as_ref().filter(|(p, _)| *p >= 2).map(|(_, c)| c.clone());
        let low_prose = self.pending.prose_destination.as_ref().map(|(_, c)| c.clone());
        let destination = self
            .pending
            .destination
            .clone()
            .or(high_prose)
            .or_else(|| country_of("endUser"))
            .or_else(|| country_of("consignee"))
            .or(low_prose)
            .or_else(|| self.pending.port.clone())
            .or_else(|| strong_country_of("buyer"))
            .or_else(|| strong_country_of("party"))
            .or_else(|| self.mentioned_country())
            .or_else(|| self.mentioned_embargoed())
            .or_else(|| country_of("buyer"))
            .or_else(|| country_of("party"));
        self.order.destination = destination.clone();
        if let Some(d) = &destination {
            let mut via = std::mem::take(&mut self.order.via);
            if let Some(p) = &self.pending.port {
                push_unique(&mut via, p);
            }
            for role in ["intermediate", "consignee"] {
                if let Some(c) = country_of(role) {
                    push_unique(&mut via, &c);
                }
            }
            // The buyer in another country than the final destination (a trader in Istanbul, a distributor in
            // Almaty buying for a plant in Russia) is on the route: the goods reach the buyer first, or the buyer
            // sends them on.
            if let Some(c) = country_of("buyer") {
                push_unique(&mut via, &c);
            }
            via.retain(|c| c != d);
            self.order.via = via;
        }
    }

    /// A party whose part in the order is a guess ([`Parser::weak`]).
    fn is_weak(&self, p: &Party) -> bool {
        let key = text::words(&p.name).join(" ");
        self.weak.contains(&key)
    }

    /// For prose that names no party with a country: the first country or city the text mentions outside the
    /// route ("... in Pyongyang").
    fn mentioned_country(&self) -> Option<String> {
        if self.order.parties.iter().any(|p| p.country.is_some()) {
            return None;
        }
        geo()
            .places_in(self.text)
            .into_iter()
            .find(|f| f.value.kind != PlaceKind::Adjective && !self.order.via.contains(&f.value.code))
            .map(|f| f.value.code)
    }

    /// When only a guessed party (the writer's own company) has a country: a country under embargo (EAR Country
    /// Groups E:1 and E:2) or under the Russia and Belarus measures, or a city in it, that the text names outside
    /// the route and outside the parties' countries is where the goods go ("Farid from X Trading, Van ... our
    /// partner in Tabriz"). The text's other places are not used: a street, an origin or a port of loading names
    /// places too.
    fn mentioned_embargoed(&self) -> Option<String> {
        if self.order.parties.iter().any(|p| p.country.is_some() && !self.is_weak(p)) {
            return None;
        }
        let own: Vec<&String> = self.order.parties.iter().filter_map(|p| p.country.as_ref()).collect();
        let g = geo();
        g.places_in(self.text)
            .into_iter()
            .find(|f| {
                let c = &f.value.code;
                f.value.kind != PlaceKind::Adjective
                    && !self.order.via.contains(c)
                    && !own.contains(&c)
                    && (g.in_group(c, "E:1") || g.in_group(c, "E:2") || g.in_group(c, "RU-BY"))
            })
            .map(|f| f.value.code)
    }
}

fn append(slot: &mut Option<String>, value: &str) {
    match slot {
        Some(s) => {
            s.push_str("; ");
            s.push_str(value);
        }
        None => *slot = Some(value.to_string()),
    }
}

fn push_unique(v: &mut Vec<String>, c: &str) {
    if !v.iter().any(|x| x == c) {
        v.push(c.to_string());
    }
}

/// A country from a field value: an ISO code, a country name ([`geo::iso2`]), or the place named in it. A
/// two-letter value counts as a code only in capitals ("no" is no answer from Norway).
fn country_from_field(v: &str) -> Option<String> {
    let t = v.trim().trim_end_matches('.');
    let lower_pair = t.len() == 2 && !t.chars().all(|c| c.is_ascii_uppercase());
    if !lower_pair {
        if let Some(c) = geo::iso2(t) {
            return Some(c.to_string());
        }
    }
    geo().country_of(t)
}
