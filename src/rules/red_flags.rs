//! "Know your customer" red flags (`src/data/red_flags.toml`): the BIS indicators of Supp. No. 3 to 15 CFR Part 732
//! that an order can show — forwarder or trading company as consignee or end user, end user not disclosed, cash,
//! advance or third-party payment, routing through a transshipment hub, a product that does not fit the buyer,
//! unusual quantities, refused installation, neutral packing, vague delivery, questions about thresholds. Each
//! flag carries the words or parties it rests on, and is weighed by what the other rules found (a technical item,
//! a destination of concern).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet as HashSet};

use serde::Deserialize;

use super::catalogue::{LanguageSource, Words};
use super::items::catalogue;
use super::terms::{self, TermSet};
use super::vocab::{read_document, read_entries, Check, Condition, Role, Scope};
use super::{escalate, role_label, Ctx, REVIEW_CONFIDENCE};
use crate::geo::geo;
use crate::report::{Flag, Severity, Span};
use crate::text;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagDef {
    pub code: String,
    pub bis: u32,
    pub title: String,
    pub check: Check,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    /// The wording in other languages (`terms`, `not`).
    #[serde(default)]
    pub words: Vec<Words>,
    #[serde(default)]
    pub partial: bool,
    pub severity: Severity,
    #[serde(default)]
    pub escalate: BTreeMap<Condition, Severity>,
    pub message: String,
    pub action: String,
    pub citation: String,
}

crate::data::readable!(FlagDef {
    code,
    bis,
    title,
    check,
    scope: default,
    roles: default,
    terms: default,
    not: default,
    words: default,
    partial: default,
    severity,
    escalate: default,
    message,
    action,
    citation,
});

#[derive(Debug, Default)]
pub struct Rules {
    pub flags: Vec<FlagDef>,
    pub languages: Vec<LanguageSource>,
    terms: Vec<TermSet<()>>,
    not: Vec<TermSet<()>>,
    pub errors: Vec<String>,
}

const FILE: &str = "src/data/red_flags.toml";

impl Rules {
    /// Reads the red flags from the embedded JSON form of `src/data/red_flags.toml`.
    pub fn from_json(json: &str) -> Result<Rules, String> {
        let doc = read_document(FILE, json, &["language", "flag"])?;
        let flags: Vec<FlagDef> = read_entries(FILE, &doc, "flag", "code")?;
        let mut r = Rules { languages: read_entries(FILE, &doc, "language", "lang")?, ..Rules::default() };
        for d in &flags {
            if let Some(w) = d.words.iter().find(|w| !r.languages.iter().any(|l| l.lang == w.lang)) {
                return Err(format!(
                    "{FILE}: [[flag]] \"{}\": words in {:?} without a [[language]] source",
                    d.code, w.lang
                ));
            }
            let mut t = TermSet::new();
            for w in d.terms.iter().chain(d.words.iter().flat_map(|w| &w.terms)) {
                t.add(w, ());
            }
            let mut n = TermSet::new();
            for w in d.not.iter().chain(d.words.iter().flat_map(|w| &w.not)) {
                n.add(w, ());
            }
            r.terms.push(t);
            r.not.push(n);
        }
        r.flags = flags;
        Ok(r)
    }
}

pub fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        Rules::from_json(crate::data::RED_FLAGS.text())
            .unwrap_or_else(|e| Rules { errors: vec![e], ..Rules::default() })
    })
}

/// Words that make a sentence one about payment, delivery, the end user or packing.
const PAYMENT_WORDS: &[&str] = &[
    "pay",
    "payment",
    "payments",
    "paid",
    "paying",
    "remit",
    "remittance",
    "transfer",
    "tt",
    "lc",
    "credit",
    "invoice",
    "cash",
    "prepayment",
    "advance",
    "zahlung",
    "zahle",
    "zahlen",
    "bezahlen",
    "rechnung",
    "vorauskasse",
    "paiement",
    "pago",
    "оплата",
    "предоплата",
    "наличные",
    "наличными",
    "bank",
    "account",
    "zahlungsbedingungen",
    "bezahlung",
    "reglement",
    "pagos",
    "odeme",
    "оплаты",
    "оплату",
    "оплатой",
    "платеж",
    "платежа",
    "расчет",
    "付款",
    "支付",
    "货款",
    "结算",
];
const DELIVERY_WORDS: &[&str] = &[
    "deliver",
    "delivery",
    "destination",
    "ship",
    "shipment",
    "shipping",
    "dispatch",
    "lieferung",
    "livraison",
    "entrega",
    "поставка",
    "доставка",
    "incoterms",
    "eta",
    "etd",
    "date",
    "lieferbedingungen",
    "versand",
    "expedition",
    "envio",
    "teslim",
    "sevkiyat",
    "отгрузка",
    "отгрузки",
    "поставки",
    "доставки",
    "交货",
    "发货",
    "运输",
    "目的地",
];
const END_USER_WORDS: &[&str] = &[
    "end",
    "user",
    "use",
    "purpose",
    "customer",
    "client",
    "usage",
    "application",
    "disclose",
    "endverwender",
    "endkunde",
    "endkunden",
    "endverbleib",
    "verwendungszweck",
    "cliente",
    "clientes",
    "заказчик",
    "заказчика",
    "конечного",
    "конечныи",
    "utilisateur",
    "utilisation",
    "usuario",
    "kullanici",
    "kullanim",
    "пользователь",
    "использование",
    "назначение",
    "最终用户",
    "用途",
    "使用",
];
const PACKING_WORDS: &[&str] = &[
    "pack",
    "packing",
    "packed",
    "packaging",
    "package",
    "label",
    "labels",
    "labelling",
    "labeling",
    "marking",
    "markings",
    "marks",
    "marked",
    "box",
    "boxes",
    "carton",
    "cartons",
    "logo",
    "serial",
    "crate",
    "crates",
    "verpackung",
    "emballage",
    "embalaje",
    "упаковка",
    "маркировки",
    "etiketten",
    "kennzeichnung",
    "marquage",
    "etiquettes",
    "marcas",
    "etiquetas",
    "ambalaj",
    "etiket",
    "маркировка",
    "этикетки",
    "包装",
    "标签",
    "唛头",
    "标识",
];

/// Which sentences speak of payment, delivery, the end user or packing, computed in one pass over the tokens, so
/// that checking a match costs a lookup even in one huge sentence.
struct SentenceTopics {
    payment: Vec<bool>,
    delivery: Vec<bool>,
    end_user: Vec<bool>,
    packing: Vec<bool>,
    partial: Vec<bool>,
}

impl SentenceTopics {
    fn new(ctx: &Ctx<'_>) -> SentenceTopics {
        let n = ctx.sentences.len();
        let mut t = SentenceTopics {
            payment: vec![false; n],
            delivery: vec![false; n],
            end_user: vec![false; n],
            packing: vec![false; n],
            partial: vec![false; n],
        };
        // Each topic's words, looked up once per token (a bit per topic).
        static TOPIC_WORDS: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
        let topic_words = TOPIC_WORDS.get_or_init(|| {
            let mut m: FxHashMap<&'static str, u8> = FxHashMap::default();
            for (bit, words) in [PAYMENT_WORDS, DELIVERY_WORDS, END_USER_WORDS, PACKING_WORDS].iter().enumerate() {
                for w in *words {
                    *m.entry(w).or_default() |= 1 << bit;
                }
            }
            m
        });
        let mut i = 0;
        for tok in ctx.toks.iter() {
            while ctx.sentences.get(i).is_some_and(|&(_, e)| e <= tok.start) {
                i += 1;
            }
            let Some(&(s, e)) = ctx.sentences.get(i) else { break };
            if tok.start < s || tok.start >= e {
                continue;
            }
            let w = tok.norm.as_str();
            // Chinese is written without spaces: a topic word counts inside a token.
            let cjk = !w.is_ascii() && w.chars().any(terms::is_cjk);
            let topics = topic_words.get(w).copied().unwrap_or(0);
            for (bit, (v, words)) in [
                (&mut t.payment, PAYMENT_WORDS),
                (&mut t.delivery, DELIVERY_WORDS),
                (&mut t.end_user, END_USER_WORDS),
                (&mut t.packing, PACKING_WORDS),
            ]
            .into_iter()
            .enumerate()
            {
                if topics & (1 << bit) != 0
                    || (cjk && words.iter().any(|x| x.chars().any(terms::is_cjk) && w.contains(x)))
                {
                    if let Some(x) = v.get_mut(i) {
                        *x = true;
                    }
                }
            }
            // "30% advance": a number below 100 followed by a per-cent sign
            let pct = ctx.text.get(tok.end..).is_some_and(|r| r.trim_start_matches(' ').starts_with('%'));
            if pct && w.parse::<u32>().is_ok_and(|n| n < 100) {
                if let Some(x) = t.partial.get_mut(i) {
                    *x = true;
                }
            }
        }
        t
    }

    fn of(v: &[bool], ctx: &Ctx<'_>, at: usize) -> bool {
        let i = ctx.sentences.partition_point(|&(_, e)| e <= at);
        ctx.sentences.get(i).is_some_and(|&(s, _)| s <= at) && v.get(i).copied().unwrap_or(false)
    }
}

struct Found {
    evidence: Vec<Span>,
    detail: Option<String>,
    /// A severity the finding has by itself (a known diversion route), above the flag's default.
    raise: Option<Severity>,
}

pub fn assess(ctx: &mut Ctx<'_>) -> Vec<Flag> {
    let r = rules();
    let topics = SentenceTopics::new(ctx);
    let mut out = Vec::new();
    for (i, d) in r.flags.iter().enumerate() {
        let (Some(terms), Some(not)) = (r.terms.get(i), r.not.get(i)) else { continue };
        let found = match d.check {
            Check::Phrases => phrases(ctx, &topics, d, terms, not),
            Check::PartyWords => party_words(ctx, terms, &d.roles),
            Check::TradingBuyer => {
                if ctx.order.parties.iter().any(|p| Role::EndUser.is(&p.role)) {
                    None
                } else {
                    party_words(ctx, terms, &d.roles)
                }
            }
            Check::Undisclosed => undisclosed(ctx, &topics, terms),
            Check::NoEndUser => {
                ctx.has(Condition::NoEndUser).then(|| Found { evidence: vec![], detail: None, raise: None })
            }
            Check::Unnamed => unnamed(ctx),
            Check::Transshipment => transshipment(ctx),
            Check::Mismatch => {
                if ctx.has(Condition::TechnicalEquipment) {
                    party_words(ctx, terms, &d.roles)
                } else {
                    None
                }
            }
            Check::Quantity => quantity(ctx),
            Check::Packing => packing(ctx, &topics, terms),
            Check::FreeMail => free_mail(ctx, &d.terms),
            Check::PartNumbers => part_numbers(ctx, &d.terms),
            Check::ForwarderWords => forwarder_words(ctx, terms, &d.roles),
        };
        let Some(found) = found else { continue };
        let (mut severity, raised_by) = escalate(d.severity, &d.escalate, |c| ctx.has(c));
        if let Some(r) = found.raise {
            severity = severity.max(r);
        }
        if severity == Severity::None {
            continue;
        }
        let mut message = format!("{} (BIS red flag {})", d.message, d.bis);
        if let Some(detail) = found.detail {
            message.push_str(&format!(": {detail}"));
        } else if !found.evidence.is_empty() {
            let words: Vec<String> = found.evidence.iter().take(4).map(|s| format!("\"{}\"", s.text)).collect();
            message.push_str(&format!(": {}", words.join(", ")));
        }
        message.push('.');
        if !raised_by.is_empty() {
            let why: Vec<&str> = raised_by.iter().map(|c| c.words()).collect();
            message.push_str(&format!(" Weighs more because {}.", why.join(" and ")));
        }
        out.push(Flag {
            code: d.code.clone(),
            severity,
            message,
            evidence: found.evidence,
            citation: d.citation.clone(),
            action: Some(d.action.clone()),
        });
    }
    out
}

/// Items named only by part numbers ("P/N XC7K325T-2FFG900I QTY 150"): no word of the line says what the goods
/// are, so neither the control list nor the destination measures can be applied to them. `terms` are the words
/// such a line may hold besides its codes ("P/N", "qty", "pcs"). Raised to review when the goods pass or end in a
/// transshipment hub (countries.toml `[[hub]]`), where unidentified parts are the usual diversion pattern.
fn part_numbers(ctx: &Ctx<'_>, marks: &[String]) -> Option<Found> {
    let mut evidence = Vec::new();
    // An HS code says what the goods are.
    for it in ctx.order_items.iter().filter(|it| it.hs.is_none()) {
        // Whitespace-separated chunks: "ADSP-21489KSWZ-4B" is one code although its first token is letters only.
        let (mut codes, mut words) = (0, 0);
        for chunk in it.description.split_whitespace() {
            let digit = chunk.chars().any(|c| c.is_ascii_digit());
            if digit && chunk.is_ascii() && chunk.chars().any(|c| c.is_ascii_alphabetic()) && chunk.len() >= 5 {
                codes += 1;
            } else if !digit
                && chunk.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !text::words(chunk).iter().all(|w| marks.contains(w))
            {
                words += 1;
            }
        }
        if codes > 0 && words == 0 {
            let span = it.span.clone().unwrap_or_else(|| Span { text: it.description.clone(), start: None, end: None });
            evidence.push(span);
        }
    }
    if evidence.is_empty() {
        return None;
    }
    let g = geo();
    let hub = ctx.via.iter().chain(ctx.destinations.iter().map(|d| &d.code)).any(|c| g.hub(c).is_some());
    Some(Found { evidence, detail: None, raise: hub.then_some(Severity::Review) })
}

fn phrases(
    ctx: &Ctx<'_>,
    topics: &SentenceTopics,
    d: &FlagDef,
    terms: &TermSet<()>,
    not: &TermSet<()>,
) -> Option<Found> {
    // Sentences (by start) where a cancelling phrase occurs ("third party inspection").
    let cancelled: HashSet<usize> =
        not.find_all(&ctx.text, &ctx.toks, &ctx.keys).into_iter().map(|n| ctx.sentence_of(n.start).0).collect();
    let mut evidence: Vec<Span> = Vec::new();
    for f in terms.find_longest(&ctx.text, &ctx.toks, &ctx.keys) {
        // A phrase that states a negation itself ("not write the end user") is not undone by another negation
        // before it ("without your logo, and do not write the end user ...").
        let says_not = ctx.toks.get(f.first..f.last).is_some_and(|w| w.iter().any(|t| text::is_negation(&t.norm)));
        if ctx.in_seller(f.start, f.end) || (!says_not && text::negated(&ctx.text, &ctx.toks, f.first)) {
            continue;
        }
        let sent = ctx.sentence_of(f.start);
        let ok_scope = match d.scope {
            Scope::Payment => SentenceTopics::of(&topics.payment, ctx, f.start),
            Scope::Delivery => SentenceTopics::of(&topics.delivery, ctx, f.start),
            Scope::Text => true,
        };
        if !ok_scope || cancelled.contains(&sent.0) {
            continue;
        }
        if d.partial && SentenceTopics::of(&topics.partial, ctx, f.start) {
            continue;
        }
        if evidence.len() < 6 {
            evidence.push(ctx.span(f.start, f.end));
        }
    }
    (!evidence.is_empty()).then_some(Found { evidence, detail: None, raise: None })
}

/// Parties with one of `roles` whose name, description or address contains one of the terms.
fn party_words(ctx: &Ctx<'_>, terms: &TermSet<()>, roles: &[Role]) -> Option<Found> {
    let mut evidence = Vec::new();
    let mut details = Vec::new();
    for p in &ctx.order.parties {
        if !roles.iter().any(|r| r.is(&p.role)) {
            continue;
        }
        let mut hay = p.name.clone();
        for extra in [&p.descriptor, &p.address].into_iter().flatten() {
            hay.push_str(" ; ");
            hay.push_str(extra);
        }
        let toks = text::tokens(&hay);
        let hits = terms.find_longest(&hay, &toks, &terms::keys(&toks));
        let Some(first) = hits.first() else { continue };
        let word = hay.get(first.start..first.end).unwrap_or_default();
        details.push(format!("{} \"{}\" (\"{}\")", role_label(&p.role), p.name, word));
        evidence.push(
            p.span
                .clone()
                .map(|s| if ctx.from_text { s } else { Span { start: None, end: None, ..s } })
                .unwrap_or(Span { text: p.name.clone(), start: None, end: None }),
        );
    }
    (!evidence.is_empty()).then(|| Found { evidence, detail: Some(details.join("; ")), raise: None })
}

/// [`party_words`] for forwarders and free-zone warehouses, raised to review when a forwarder is the last party
/// the order names (BIS red flag 10: "a freight forwarding firm is listed as the product's final destination"): no
/// end user is named, the forwarder is in the final destination, and no buyer there (other than a forwarder)
/// receives the goods from it. A clearing agent for a named buyer in its own country is ordinary business.
fn forwarder_words(ctx: &Ctx<'_>, terms: &TermSet<()>, roles: &[Role]) -> Option<Found> {
    let mut found = party_words(ctx, terms, roles)?;
    let forwarder = |p: &crate::order::Party| {
        let toks = text::tokens(&p.name);
        !terms.find_longest(&p.name, &toks, &terms::keys(&toks)).is_empty()
    };
    let dest = ctx.order.destination.as_deref();
    let last = !ctx.order.parties.iter().any(|p| Role::EndUser.is(&p.role))
        && ctx.order.parties.iter().any(|p| {
            roles.iter().any(|r| r.is(&p.role)) && p.country.as_deref().is_some_and(|c| Some(c) == dest) && forwarder(p)
        })
        && !ctx
            .order
            .parties
            .iter()
            .any(|p| Role::Buyer.is(&p.role) && p.country.as_deref().is_some_and(|c| Some(c) == dest) && !forwarder(p));
    if last {
        found.raise = Some(Severity::Review);
        if let Some(d) = found.detail.as_mut() {
            d.push_str(", and no one after it is named: the forwarder is the final destination");
        }
    }
    Some(found)
}

fn undisclosed(ctx: &Ctx<'_>, topics: &SentenceTopics, terms: &TermSet<()>) -> Option<Found> {
    let mut evidence = Vec::new();
    let mut details = Vec::new();
    // Short field values that say nothing: "End user: N/A", "End use: for stock".
    for f in &ctx.order.fields {
        if f.key != "endUser" && f.key != "endUse" {
            continue;
        }
        let words = text::words(&f.value);
        if words.len() > 6 {
            continue;
        }
        let toks = text::tokens(&f.value);
        let hit = terms.find_longest(&f.value, &toks, &terms::keys(&toks));
        let covers = hit.iter().any(|h| h.first == 0) || words.is_empty();
        if covers {
            details.push(format!("{} \"{}\"", if f.key == "endUser" { "end user" } else { "end use" }, f.value));
            evidence.push(
                f.span
                    .clone()
                    .map(|s| if ctx.from_text { s } else { Span { start: None, end: None, ..s } })
                    .unwrap_or(Span { text: f.value.clone(), start: None, end: None }),
            );
        }
    }
    // Prose: "the end user cannot be disclosed", "for stock".
    for f in terms.find_longest(&ctx.text, &ctx.toks, &ctx.keys) {
        if f.last - f.first < 2 || text::negated(&ctx.text, &ctx.toks, f.first) {
            continue;
        }
        if evidence.iter().any(|s: &Span| s.start.is_some_and(|a| a <= f.start) && s.end.is_some_and(|z| z >= f.end)) {
            continue;
        }
        if SentenceTopics::of(&topics.end_user, ctx, f.start) && evidence.len() < 6 {
            evidence.push(ctx.span(f.start, f.end));
        }
    }
    (!evidence.is_empty()).then(|| Found {
        evidence,
        detail: (!details.is_empty()).then(|| details.join("; ")),
        raise: None,
    })
}

/// "Ship to our customer in Pakistan": the parser's `unnamedEndUser` fields, when no end user is named.
fn unnamed(ctx: &Ctx<'_>) -> Option<Found> {
    if ctx.order.parties.iter().any(|p| Role::EndUser.is(&p.role)) {
        return None;
    }
    let mut evidence = Vec::new();
    let mut details = Vec::new();
    for f in ctx.order.fields.iter().filter(|f| f.key == "unnamedEndUser").take(3) {
        details.push(format!("\"{}\"", f.value));
        evidence.push(
            f.span
                .clone()
                .map(|s| if ctx.from_text { s } else { Span { start: None, end: None, ..s } })
                .unwrap_or(Span { text: f.value.clone(), start: None, end: None }),
        );
    }
    (!evidence.is_empty()).then(|| Found { evidence, detail: Some(details.join("; ")), raise: None })
}

fn transshipment(ctx: &Ctx<'_>) -> Option<Found> {
    let g = geo();
    // Where the goods end up: the final destination, the end user's and the buyer's countries.
    let mut ends: Vec<&str> = Vec::new();
    for role in ["final destination", "end user", "buyer", "party"] {
        for d in ctx.destinations.iter().filter(|d| d.role == role) {
            if !ends.contains(&d.code.as_str()) {
                ends.push(&d.code);
            }
        }
    }
    // Where they pass: the route, the port, intermediate parties and the consignee.
    let mut hubs: Vec<String> = ctx.via.clone();
    for d in &ctx.destinations {
        if (d.role == "consignee"
            || d.role == "intermediate consignee"
            || d.role == "freight forwarder"
            || d.role == "notify party")
            && !hubs.contains(&d.code)
        {
            hubs.push(d.code.clone());
        }
    }
    // A buyer in a hub buying for an end user or destination elsewhere (a shell in a third country).
    let elsewhere = |code: &str| {
        ctx.destinations.iter().any(|d| (d.role == "end user" || d.role == "final destination") && d.code != code)
    };
    for d in ctx.destinations.iter().filter(|d| d.role == "buyer") {
        if elsewhere(&d.code) && !hubs.contains(&d.code) {
            hubs.push(d.code.clone());
        }
    }
    let mut details = Vec::new();
    let mut evidence = Vec::new();
    let mut raise = None;
    for h in &hubs {
        let Some(hub) = g.hub(h) else { continue };
        let targets: Vec<&str> = ends
            .iter()
            .copied()
            .filter(|e| {
                *e != h.as_str()
                    && !hubs.iter().any(|x| {
                        x == e
                            && g.hub(e).is_some()
                            && !ctx.destinations.iter().any(|d| d.code == *e && d.role == "end user")
                    })
            })
            .collect();
        let Some(end) = targets.first() else { continue };
        let diverts = targets.iter().any(|e| hub.diverts_to.iter().any(|x| x == e));
        details.push(format!(
            "{} is a transshipment hub and the goods end up in {}{}",
            g.name(h),
            g.name(end),
            if diverts { ", a known diversion route" } else { "" }
        ));
        evidence.extend(
            g.places_in_tokens(&ctx.text, &ctx.toks)
                .into_iter()
                .filter(|f| f.value.code == *h)
                .take(2)
                .map(|f| ctx.span(f.start, f.end)),
        );
        // A known diversion route through a party in the hub (a consignee, intermediary or buyer there) is a review
        // whatever the goods; a port of call alone weighs only with technical goods.
        let party_in_hub = ctx.destinations.iter().any(|d| d.code == *h && d.role != "final destination");
        if diverts && party_in_hub {
            raise = Some(Severity::Review);
        }
    }
    (!details.is_empty()).then(|| Found { evidence, detail: Some(details.join("; ")), raise })
}

fn quantity(ctx: &Ctx<'_>) -> Option<Found> {
    let cat = catalogue();
    let mut details = Vec::new();
    let mut evidence = Vec::new();
    for (item, report) in ctx.order_items.iter().zip(&ctx.items) {
        let Some(q) = item.quantity_value else { continue };
        for c in &report.controls {
            if c.controlled == Some(false) || c.confidence < REVIEW_CONFIDENCE {
                continue;
            }
            let Some(limit) = cat.entry(&c.entry).and_then(|e| e.unusual_qty) else { continue };
            if q > limit {
                details.push(format!(
                    "{} of \"{}\" (a single civil user rarely needs more than {} for {})",
                    item.quantity.clone().unwrap_or_else(|| crate::text::num::shortest(q)),
                    item.description.chars().take(60).collect::<String>(),
                    crate::text::num::shortest(limit),
                    c.entry
                ));
                evidence.extend(item.span.clone());
                break;
            }
        }
    }
    (!details.is_empty()).then(|| Found { evidence, detail: Some(details.join("; ")), raise: None })
}

fn packing(ctx: &Ctx<'_>, topics: &SentenceTopics, terms: &TermSet<()>) -> Option<Found> {
    let mut evidence = Vec::new();
    for f in &ctx.order.fields {
        if f.key != "packing" {
            continue;
        }
        let toks = text::tokens(&f.value);
        if terms
            .find_longest(&f.value, &toks, &terms::keys(&toks))
            .iter()
            .any(|h| !text::negated(&f.value, &toks, h.first))
        {
            evidence.push(f.span.clone().unwrap_or(Span { text: f.value.clone(), start: None, end: None }));
        }
    }
    for f in terms.find_longest(&ctx.text, &ctx.toks, &ctx.keys) {
        // A phrase that states a negation itself ("без логотипов", "no logo") is not undone by a negation before it
        // ("do not name the end user, no logo").
        let says_not = ctx.toks.get(f.first..f.last).is_some_and(|w| w.iter().any(|t| text::is_negation(&t.norm)));
        if (!says_not && text::negated(&ctx.text, &ctx.toks, f.first)) || ctx.in_seller(f.start, f.end) {
            continue;
        }
        let multi = f.last - f.first >= 2;
        if (multi || SentenceTopics::of(&topics.packing, ctx, f.start)) && evidence.len() < 6 {
            let s = ctx.span(f.start, f.end);
            if !evidence.iter().any(|e: &Span| e.start.is_some() && e.start <= s.start && e.end >= s.end) {
                evidence.push(s);
            }
        }
    }
    (!evidence.is_empty()).then_some(Found { evidence, detail: None, raise: None })
}

fn free_mail(ctx: &Ctx<'_>, domains: &[String]) -> Option<Found> {
    let mut evidence = Vec::new();
    for (at, _) in ctx.text.match_indices('@') {
        let rest = ctx.text.get(at + 1..).unwrap_or_default();
        let domain: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        if domains.contains(&domain) {
            let start = ctx
                .text
                .get(..at)
                .map(|b| b.rfind(|c: char| c.is_whitespace() || c == '<' || c == ':').map(|p| p + 1).unwrap_or(0))
                .unwrap_or(at);
            if !ctx.in_seller(start, at) && evidence.len() < 3 {
                evidence.push(ctx.span(start, at + 1 + domain.len()));
            }
        }
        if evidence.len() >= 3 {
            break;
        }
    }
    (!evidence.is_empty()).then_some(Found { evidence, detail: None, raise: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::order::parse;
    use crate::rules::assess as assess_order;

    fn flags(t: &str) -> Vec<(String, String)> {
        assess_order(&parse(t), &[], &Config::default())
            .flags
            .into_iter()
            .map(|f| (f.code, f.severity.to_string()))
            .collect()
    }

    fn has(f: &[(String, String)], code: &str, sev: &str) -> bool {
        f.iter().any(|(c, s)| c == code && s == sev)
    }

    #[test]
    fn data_parses_and_is_not_empty() {
        let r = rules();
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.flags.len() >= 12);
        for d in &r.flags {
            assert!(!d.citation.is_empty() && (1..=13).contains(&d.bis), "{}", d.code);
        }
    }

    #[test]
    fn cash_and_forwarder_and_undisclosed() {
        let f = flags(
            "Buyer: Business World, Rawalpindi, Pakistan\nConsignee: Al Noor Logistics FZE, Jebel Ali Free Zone, Dubai, UAE\n\
             End user: N/A\nItems: capacitance manometers, 10 pcs\nPayment: cash in advance",
        );
        assert!(has(&f, "kyc.cash-payment", "review"), "{f:?}");
        assert!(has(&f, "kyc.forwarder-consignee", "review"), "{f:?}");
        assert!(has(&f, "kyc.end-user-undisclosed", "review"), "{f:?}");
        assert!(has(&f, "kyc.transshipment", "review"), "{f:?}");
    }

    #[test]
    fn full_advance_flags_partial_does_not() {
        let f = flags("Buyer: X Ltd, Lagos, Nigeria\nItems: fibre optic gyroscopes, 5 pcs\nPayment: 100% advance");
        assert!(has(&f, "kyc.advance-payment", "review"), "{f:?}");
        let f = flags("Buyer: X Ltd, Lagos, Nigeria\nItems: fibre optic gyroscopes, 5 pcs\nPayment: 30% advance, payment in advance of shipment for the rest");
        assert!(f.iter().all(|(c, _)| c != "kyc.advance-payment"), "{f:?}");
    }

    #[test]
    fn ordinary_terms_do_not_flag() {
        let f = flags(
            "Buyer: Dhaka Knit Ltd, Gazipur, Bangladesh\nItems: cotton yarn 30s, 20 t\nPayment: 30% advance, balance against B/L\n\
             Third party inspection by SGS.\nPacking: export cartons on pallets",
        );
        assert!(f.iter().all(|(c, _)| !c.starts_with("kyc.")), "{f:?}");
    }

    #[test]
    fn neutral_packing_and_no_installation() {
        let f = flags("Buyer: X Co, Lagos, Nigeria\nItems: generators\nPacking: neutral, remove all labels\nNo installation required, we will commission ourselves.");
        assert!(has(&f, "kyc.neutral-packing", "review"), "{f:?}");
        assert!(f.iter().any(|(c, _)| c == "kyc.no-installation"), "{f:?}");
    }

    #[test]
    fn unnamed_customer_flags_until_named() {
        let f = flags("Buyer: Gulf Star General Trading LLC, Dubai, UAE\nShip to our customer in Pakistan\nItems: fibre optic gyroscopes, 6 pcs");
        assert!(has(&f, "kyc.end-user-unnamed", "review"), "{f:?}");
        assert!(has(&f, "kyc.transshipment", "review"), "{f:?}");
        let f = flags("Buyer: Gulf Star LLC, Dubai, UAE\nEnd user: Karachi Shipyard, Karachi, Pakistan\nShip to our customer in Pakistan\nItems: pumps");
        assert!(f.iter().all(|(c, _)| c != "kyc.end-user-unnamed"), "{f:?}");
    }

    #[test]
    fn product_mismatch_needs_technical_item() {
        let f = flags("Buyer: Lahore Garments (Pvt) Ltd, Lahore, Pakistan\nItems: fibre optic gyroscopes, 20 pcs");
        assert!(has(&f, "kyc.product-mismatch", "review"), "{f:?}");
        let f = flags("Buyer: Lahore Garments (Pvt) Ltd, Lahore, Pakistan\nItems: sewing machines, 20 pcs");
        assert!(f.iter().all(|(c, _)| c != "kyc.product-mismatch"), "{f:?}");
    }

    #[test]
    fn red_flags_in_every_language() {
        for (t, code, sev) in [
            ("Käufer: Nord Handel GmbH, Hamburg, Deutschland\nWare: Bürostühle\nZahlung: Barzahlung bei Abholung", "kyc.cash-payment", "review"),
            ("Покупатель: ООО Ромашка, Алматы, Казахстан\nТовар: насосы\nУпаковка: нейтральная упаковка, без маркировки", "kyc.neutral-packing", "review"),
            ("Acheteur : Société X, Dakar, Sénégal\nMarchandise : pompes\nPaiement : paiement par un tiers", "kyc.third-party-payment", "review"),
            ("买方：某贸易公司，迪拜，阿联酋\n货物：压力传感器\n付款方式：现金支付", "kyc.cash-payment", "review"),
        ] {
            let f = flags(t);
            assert!(has(&f, code, sev), "{t}: {f:?}");
        }
        let f = flags("Buyer: X Ltd, Shanghai, China\nItems: pumps\n付款：现金流良好的公司，30天付款");
        assert!(f.iter().all(|(c, _)| c != "kyc.cash-payment"), "{f:?}");
    }

    #[test]
    fn resale_to_unnamed_countries_weighs_with_diversion_goods_only() {
        // Instruments to Armenia (a Russia diversion country): resale to unnamed customers abroad is review.
        for t in [
            "Buyer: Arm Test LLC, Yerevan, Armenia\nItems: 4 spectrum analyzers\nThe equipment is for resale to our customers in CIS countries.",
            "Käufer: Arm Test LLC, Jerewan, Armenien\nWare: 4 Oszilloskope\nDie Geräte sind zum Weiterverkauf an unsere Kunden in den GUS-Staaten.",
            "Acheteur : Arm Test LLC, Erevan, Arménie\nMarchandise : 4 oscilloscopes\nLe matériel est destiné à la revente à nos clients dans les pays de la CEI.",
            "Comprador: Arm Test LLC, Ereván, Armenia\nMercancía: 4 osciloscopios\nEl equipo es para reventa a nuestros clientes en los países de la CEI.",
            "Покупатель: ООО Арм-Тест, Ереван, Армения\nТовар: осциллограф, 4 шт.\nОборудование приобретается для дальнейшей реализации нашим клиентам в странах СНГ.",
            "Alıcı: Arm Test LLC, Erivan, Ermenistan\nÜrün: 4 adet osiloskop\nCihazlar BDT ülkelerindeki müşterilerimize yeniden satış içindir.",
            "买方：Arm Test LLC，埃里温，亚美尼亚\n货物：示波器 4台\n设备将转售给我们的客户（独联体国家的客户）。",
            // The Eurasian Economic Union (Russia's customs union) named instead of the CIS.
            "Käufer: Arm Test LLC, Jerewan, Armenien\nWare: 4 Oszilloskope\nEin Teil der Ware geht an Kunden in der Eurasischen Wirtschaftsunion.",
            "Buyer: Arm Test LLC, Yerevan, Armenia\nItems: 4 oscilloscopes\nPart of the goods go to customers in the Eurasian Economic Union.",
            "Покупатель: ООО Арм-Тест, Ереван, Армения\nТовар: осциллограф, 4 шт.\nЧасть товара пойдёт клиентам в странах ЕАЭС.",
        ] {
            let f = flags(t);
            assert!(has(&f, "kyc.resale-unnamed", "review"), "{t}: {f:?}");
        }
        // Ordinary goods resold at home: reported, not weighed.
        let f = flags("Buyer: Weinhaus Meier GmbH, Munich, Germany\nItems: 600 bottles of red wine\nThe wine is for resale to our customers.");
        assert!(!f.iter().any(|(c, s)| c == "kyc.resale-unnamed" && s == "review"), "{f:?}");
        assert!(f.iter().all(|(_, s)| s != "review"), "{f:?}");
    }

    #[test]
    fn forwarder_as_final_destination_is_review_whatever_the_goods() {
        // The forwarder is the last party named: red flag 10 whatever the goods.
        let f = flags("Shipper: Teile GmbH, Michelstadt, Germany\nConsignee: Desert Link Cargo Services LLC, Dubai, UAE\nItems: spare parts, 40 pcs");
        assert!(has(&f, "kyc.forwarder-consignee", "review"), "{f:?}");
        // A clearing agent for a named buyer in its own country is ordinary business.
        let f = flags("Buyer: Nairobi Bakers Ltd, Nairobi, Kenya\nConsignee: Rift Clearing and Forwarding Ltd, Mombasa, Kenya\nItems: dough mixers, 2 pcs");
        assert!(has(&f, "kyc.forwarder-consignee", "info"), "{f:?}");
        let f = flags("Buyer: X GmbH, Hamburg, Germany\nConsignee: Gulf Cargo LLC, Dubai, UAE\nEnd user: Dubai Mall Cooling LLC, Dubai, UAE\nItems: fans");
        assert!(!has(&f, "kyc.forwarder-consignee", "review"), "{f:?}");
    }

    #[test]
    fn a_packing_phrase_that_says_not_is_not_undone_by_an_earlier_negation() {
        let f = flags("Покупатель: ТОО Ромашка, Алматы, Казахстан\nТовар: насосы\nКонечного пользователя в инвойсе не указывайте, упаковка нейтральная, без логотипов.");
        assert!(has(&f, "kyc.neutral-packing", "review"), "{f:?}");
        let f = flags("Buyer: X Co, Lagos, Nigeria\nItems: generators\nPlease do not use neutral packing.");
        assert!(f.iter().all(|(c, _)| c != "kyc.neutral-packing"), "{f:?}");
    }

    #[test]
    fn cash_and_third_party_payment_in_chat_wording() {
        let f = flags("Käufer: Nord Handel GmbH, Wien, Österreich\nWare: Bürostühle\nzahle bar bei Abholung der Rechnung, kein Problem");
        assert!(has(&f, "kyc.cash-payment", "review"), "{f:?}");
        let f = flags("Buyer: Okafor Ventures, Lagos, Nigeria\nItems: fuel filters, 50 pcs\npayment will come from my brother company in Lebanon");
        assert!(has(&f, "kyc.third-party-payment", "review"), "{f:?}");
        // "bar" alone (a bar of steel, a pressure in bar) is no payment.
        let f = flags("Käufer: Nord Handel GmbH, Wien, Österreich\nWare: Manometer 0-10 bar\nZahlung 30 Tage netto");
        assert!(f.iter().all(|(c, _)| c != "kyc.cash-payment"), "{f:?}");
    }

    #[test]
    fn payment_from_a_third_party_in_russian() {
        let f = flags("Покупатель: ОсОО Агро, Бишкек, Кыргызстан\nТовар: насосы, 20 шт.\nОплата 100 % предоплата от третьего лица.");
        assert!(has(&f, "kyc.third-party-payment", "review"), "{f:?}");
        // Drone flight controllers are aircraft parts (HS 88), goods that reach Russia through Kyrgyzstan.
        let f = flags("Покупатель: ОсОО Агро, Бишкек, Кыргызстан\nТовар: полётный контроллер, 2 000 шт.");
        assert!(f.iter().any(|(c, _)| c == "dest.russia-diversion"), "{f:?}");
    }
}
