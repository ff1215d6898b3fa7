//! Stage 5: rules over the understood order — items against the control-list catalogue, end use, destination
//! measures and "know your customer" red flags. Rules are data (`src/data/*.toml`), each with its citation.
//!
//! [`assess`] runs them in a fixed order, because later rules use what earlier ones found:
//! 1. items ([`items`]): candidate control entries per item, watch items;
//! 2. end use ([`end_use`]): nuclear, missile, UAV, chemical, biological, military, surveillance;
//! 3. destination ([`destination`]): embargoes, arms embargoes, Russia/Belarus, regions, country groups —
//!    stricter when an item is controlled or a sensitive end use was found;
//! 4. watch items: `info`, or `review` for destinations of concern or a WMD end use;
//! 5. red flags ([`red_flags`]): the BIS "know your customer" indicators visible in the order.
//!
//! Every flag carries its evidence spans (byte offsets into the pasted text, absent for an order object) and its
//! citation.

pub mod catalogue;
pub mod destination;
pub mod end_use;
pub mod goods;
pub mod items;
pub mod red_flags;
pub mod terms;
pub mod vocab;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::order::{self, Order};
use crate::report::{Flag, ItemReport, PartyReport, Severity, Span};
use crate::{geo, text};
use vocab::{Condition, Role};

/// What the rules found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assessment {
    pub items: Vec<ItemReport>,
    pub flags: Vec<Flag>,
    /// Conditions the rules established (controlled item, nuclear end use, destination of concern, ...), for tests
    /// and explanations.
    pub conditions: Vec<Condition>,
}

/// A country the goods go to, and which party or field puts it there.
#[derive(Clone, Debug, PartialEq)]
pub struct Destination {
    pub code: String,
    /// "final destination", "end user", "consignee", "buyer", ...
    pub role: String,
    pub span: Option<Span>,
}

/// What every rule sees: the order, the text searched (the pasted text, or one written from the order object),
/// its tokens and sentences, the countries involved and the conditions found so far.
pub struct Ctx<'a> {
    pub order: &'a Order,
    pub parties: &'a [PartyReport],
    pub text: String,
    /// Whether `text` is the pasted text (spans can carry offsets).
    pub from_text: bool,
    pub toks: Cow<'a, [text::Token]>,
    /// Matching keys of `toks` for the item and end-use words ([`terms::keys`]).
    pub keys: Vec<String>,
    pub sentences: Vec<(usize, usize)>,
    pub destinations: Vec<Destination>,
    pub via: Vec<String>,
    /// Byte ranges of the seller's name (its own words are not evidence about the customer).
    pub seller_ranges: Vec<(usize, usize)>,
    pub conditions: BTreeSet<Condition>,
    pub items: Vec<ItemReport>,
    /// Completed items (parameters read from descriptions) in the same order as `items`.
    pub order_items: Vec<order::Item>,
    /// The kind of goods of each item (food, machinery, ...), in the same order as `items`; for an order without
    /// items, one entry for the goods named in the text.
    pub item_kinds: Vec<goods::ItemKinds>,
}

impl<'a> Ctx<'a> {
    fn new(order: &'a Order, parties: &'a [PartyReport], text_tokens: Option<&'a [text::Token]>) -> Ctx<'a> {
        let (text, from_text) = match &order.text {
            Some(t) if !t.trim().is_empty() => (t.clone(), true),
            _ => (synthesize(order), false),
        };
        let toks = match text_tokens {
            Some(t) if from_text => Cow::Borrowed(t),
            _ => Cow::Owned(text::tokens(&text)),
        };
        let keys = terms::keys(&toks);
        let sentences = text::sentences(&text);
        let g = geo::geo();
        let mut destinations: Vec<Destination> = Vec::new();
        let mut push = |code: &str, role: &str, span: Option<Span>| {
            if !destinations.iter().any(|d| d.code == code && d.role == role) {
                destinations.push(Destination { code: code.to_string(), role: role.to_string(), span });
            }
        };
        if let Some(d) = order.destination.as_deref() {
            let code = normalise_country(d);
            let span = order.fields.iter().find(|f| f.key == "destination").and_then(|f| f.span.clone());
            push(&code, "final destination", span);
        }
        for p in &order.parties {
            if Role::Seller.is(&p.role) {
                continue;
            }
            if let Some(c) = p.country.as_deref() {
                push(&normalise_country(c), &role_label(&p.role), p.span.clone());
            }
        }
        let seller_ranges = order
            .parties
            .iter()
            .filter(|p| Role::Seller.is(&p.role))
            .filter_map(|p| p.span.as_ref())
            .filter_map(|s| Some((s.start?, s.end?)))
            .collect();
        let via = order.via.iter().map(|c| normalise_country(c)).filter(|c| g.is_code(c)).collect();
        Ctx {
            order,
            parties,
            text,
            from_text,
            toks,
            keys,
            sentences,
            destinations,
            via,
            seller_ranges,
            conditions: BTreeSet::new(),
            items: Vec::new(),
            order_items: Vec::new(),
            item_kinds: Vec::new(),
        }
    }

    /// A span of the searched text; offsets only when it is the pasted text.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let mut s = text::span(&self.text, start, end);
        if !self.from_text {
            s.start = None;
            s.end = None;
        }
        s
    }

    /// Whether a byte range lies in the seller's name.
    pub fn in_seller(&self, start: usize, end: usize) -> bool {
        self.seller_ranges.iter().any(|&(s, e)| start < e && end > s)
    }

    /// The sentence (byte range) containing `at`.
    pub fn sentence_of(&self, at: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|&(_, e)| e <= at);
        self.sentences.get(i).copied().filter(|&(s, e)| at >= s && at < e).unwrap_or((at, at))
    }

    pub fn has(&self, condition: Condition) -> bool {
        self.conditions.contains(&condition)
    }

    /// Destinations in any of the groups.
    pub fn destinations_in(&self, groups: &[String]) -> Vec<&Destination> {
        let g = geo::geo();
        self.destinations.iter().filter(|d| groups.iter().any(|gr| g.in_group(&d.code, gr))).collect()
    }
}

/// ISO-2 code for a code or a name the caller wrote.
fn normalise_country(c: &str) -> String {
    let t = c.trim();
    match geo::iso2(t) {
        Some(code) => code.to_string(),
        None if t.len() == 2 => t.to_ascii_uppercase(),
        None => t.to_string(),
    }
}

/// How a role reads in a message.
pub fn role_label(role: &str) -> String {
    match role {
        "endUser" => "end user".into(),
        "intermediate" => "intermediate consignee".into(),
        "notify" => "notify party".into(),
        "forwarder" => "freight forwarder".into(),
        "vessel" => "vessel".into(),
        "namedInText" => "party named in the text".into(),
        other => other.to_string(),
    }
}

/// A text for the rules when the caller passed an order object without text.
fn synthesize(order: &Order) -> String {
    let mut t = String::new();
    for p in &order.parties {
        t.push_str(&format!("{}: {}", role_label(&p.role), p.name));
        if let Some(a) = &p.address {
            t.push_str(&format!(", {a}"));
        }
        if let Some(d) = &p.descriptor {
            t.push_str(&format!(" ({d})"));
        }
        t.push('\n');
    }
    for i in &order.items {
        t.push_str(&format!("Item: {}\n", i.description));
    }
    for (label, v) in [("End use", &order.end_use), ("Payment", &order.payment), ("Delivery", &order.delivery)] {
        if let Some(v) = v {
            t.push_str(&format!("{label}: {v}\n"));
        }
    }
    for f in &order.fields {
        if !["endUse", "payment", "delivery"].contains(&f.key.as_str()) {
            t.push_str(&format!("{}: {}\n", f.label, f.value));
        }
    }
    t
}

/// The stricter of `base` and the severities `table` gives for the conditions present, and the conditions that
/// raised it.
pub fn escalate(
    base: Severity,
    table: &BTreeMap<Condition, Severity>,
    has: impl Fn(Condition) -> bool,
) -> (Severity, Vec<Condition>) {
    let mut best = base;
    let mut why = Vec::new();
    for (&cond, &sev) in table {
        if has(cond) && sev > best {
            best = sev;
            why = vec![cond];
        } else if has(cond) && sev == best && sev > base {
            why.push(cond);
        }
    }
    (best, why)
}

/// Review-level confidence for a candidate entry without a decision (the verdict's policy uses the same value).
pub const REVIEW_CONFIDENCE: f64 = 0.5;

/// Applies every rule to the order; `parties` carries the list hits already found for each party.
pub fn assess(order: &Order, parties: &[PartyReport], config: &Config) -> Assessment {
    assess_tokens(order, parties, config, None)
}

/// [`assess`], given the [`text::tokens`] of `order.text` when the caller has them (screening cuts the pasted
/// text into tokens once, for the parser, the rules and the safety net).
pub fn assess_tokens(
    order: &Order,
    parties: &[PartyReport],
    config: &Config,
    text_tokens: Option<&[text::Token]>,
) -> Assessment {
    let _ = config;
    let mut ctx = Ctx::new(order, parties, text_tokens);
    let mut flags: Vec<Flag> = Vec::new();
    data_error_flags(&mut flags);

    // 1. items
    let mut watch: Vec<(usize, Span)> = Vec::new();
    let mut order_items: Vec<order::Item> = order.items.iter().map(order::complete_item).collect();
    // Each item classified once: (candidate entries, watch-list words).
    let mut classes: Vec<_> = order_items.iter().map(items::classify).collect();
    // When the items read name no entry (none read, an item cut short, a "Technical data:" line not taken as an
    // item), the sentences of the text that name a listed item are classified as items too.
    if classes.iter().all(|(controls, _)| controls.is_empty()) {
        if let Some(t) = order.text.as_deref() {
            // The items read: their descriptions, and their spans by start with the furthest end up to each (so that
            // whether a sentence overlaps one is a binary search, not a pass over every item).
            let mut read: rustc_hash::FxHashSet<String> = order_items.iter().map(|it| it.description.clone()).collect();
            let mut spans: Vec<(usize, usize)> =
                order_items.iter().filter_map(|it| it.span.as_ref().and_then(|s| Some((s.start?, s.end?)))).collect();
            crate::sort::sort(&mut spans);
            let reach: Vec<usize> = spans
                .iter()
                .scan(0usize, |m, &(_, b)| {
                    *m = (*m).max(b);
                    Some(*m)
                })
                .collect();
            for (desc, span) in items::items_in_text(t) {
                if !read.insert(desc.clone()) {
                    continue;
                }
                // A sentence that holds an item already read is that item, not a second one, unless it names an
                // entry the item read does not (an item cut short).
                let overlaps = match (span.start, span.end) {
                    (Some(c), Some(d)) => {
                        let before = spans.partition_point(|&(a, _)| a < d);
                        before > 0 && reach[before - 1] > c
                    }
                    _ => false,
                };
                let mut it = order::complete_item(&order::Item { description: desc, ..order::Item::default() });
                let class = items::classify(&it);
                if overlaps && class.0.is_empty() {
                    continue;
                }
                it.span = Some(span);
                order_items.push(it);
                classes.push(class);
            }
        }
    }
    for (it, (controls, w)) in order_items.iter().zip(classes) {
        for hit in w {
            let span = it
                .span
                .as_ref()
                .and_then(|s| {
                    let start = s.start? + hit.start;
                    let end = s.start? + hit.end;
                    let want = it.description.get(hit.start..hit.end)?;
                    if ctx.text.get(start..end) == Some(want) {
                        return Some(ctx.span(start, end));
                    }
                    // The description was tidied (quantity, HS code taken out): find the words in the item's span.
                    let (a, z) = (s.start?, s.end?);
                    let at = ctx.text.get(a..z)?.find(want)? + a;
                    Some(ctx.span(at, at + want.len()))
                })
                .unwrap_or_else(|| Span {
                    text: it.description.get(hit.start..hit.end).unwrap_or_default().to_string(),
                    start: None,
                    end: None,
                });
            watch.push((hit.index, span));
        }
        ctx.items.push(ItemReport {
            description: it.description.clone(),
            hs: it.hs.clone(),
            quantity: it.quantity.clone(),
            controls,
            span: it.span.clone(),
            parameters: it.parameters.clone(),
        });
    }
    ctx.item_kinds = order_items.iter().map(goods::classify).collect();
    if ctx.item_kinds.is_empty() && ctx.from_text {
        let named = goods::goods().kinds_named_in(&ctx.text, &ctx.toks, &ctx.keys);
        if !named.is_empty() {
            ctx.item_kinds.push(goods::ItemKinds {
                kinds: named.iter().map(|(k, _)| *k).collect(),
                by: goods::By::Words(named.into_iter().map(|(_, w)| w).collect()),
            });
        }
    }
    ctx.order_items = order_items;
    item_conditions(&mut ctx, !watch.is_empty());

    // 2. end use
    flags.extend(end_use::assess(&mut ctx));
    // 3. destination
    flags.extend(destination::assess(&mut ctx));
    // 4. watch items
    flags.extend(watch_flags(&ctx, &watch));
    // 5. red flags
    flags.extend(red_flags::assess(&mut ctx));

    // Most severe first; stable within a severity.
    crate::sort::sort_by_key(&mut flags, |f| std::cmp::Reverse(f.severity));
    Assessment { items: ctx.items, flags, conditions: ctx.conditions.into_iter().collect() }
}

fn item_conditions(ctx: &mut Ctx<'_>, any_watch: bool) {
    let g = geo::geo();
    let mut conds: BTreeSet<Condition> = BTreeSet::new();
    for i in &ctx.items {
        for c in &i.controls {
            let review = c.controlled == Some(true) || (c.controlled.is_none() && c.confidence >= REVIEW_CONFIDENCE);
            if review || c.confidence >= REVIEW_CONFIDENCE && c.controlled != Some(false) {
                conds.insert(Condition::Technical);
                // Equipment, not materials or chemicals (group C): what a garments trader has no use for.
                if c.entry.chars().nth(1) != Some('C') {
                    conds.insert(Condition::TechnicalEquipment);
                }
            }
            if review {
                conds.insert(Condition::ControlledItem);
                if c.entry.starts_with("ML") {
                    conds.insert(Condition::MilitaryItem);
                }
                if c.regimes.iter().any(|r| r == "NSG") {
                    conds.insert(Condition::NuclearItem);
                }
            }
        }
    }
    if any_watch {
        conds.insert(Condition::Technical);
        conds.insert(Condition::TechnicalEquipment);
    }
    if !ctx.order.parties.iter().any(|p| Role::EndUser.is(&p.role)) {
        conds.insert(Condition::NoEndUser);
    }
    if ctx.destinations.iter().any(|d| g.in_group(&d.code, "concern")) {
        conds.insert(Condition::Concern);
    }
    ctx.conditions.extend(conds);
}

/// Watch items: not listed, but the catch-all may apply.
fn watch_flags(ctx: &Ctx<'_>, watch: &[(usize, Span)]) -> Vec<Flag> {
    let cat = items::catalogue();
    let mut by_code: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
    for (i, s) in watch {
        by_code.entry(*i).or_default().push(s.clone());
    }
    let mut out = Vec::new();
    for (i, spans) in by_code {
        let Some(w) = cat.watch.get(i) else { continue };
        let concern = ctx.destinations_in(&w.concern);
        let wmd = ctx.has(Condition::WmdEndUse);
        let severity = if !concern.is_empty() || wmd { Severity::Review } else { Severity::Info };
        let mut message = format!("{}: {}", w.title, w.message);
        if let Some(d) = concern.first() {
            message.push_str(&format!(
                " The {} is in {} ({}), a destination of concern for this item.",
                d.role,
                geo::geo().name(&d.code),
                w.concern.iter().filter(|gr| geo::geo().in_group(&d.code, gr)).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        if wmd {
            message.push_str(" The order also shows a WMD end use.");
        }
        out.push(Flag {
            code: w.code.clone(),
            severity,
            message,
            evidence: spans,
            citation: w.citation.clone(),
            action: Some("Ask for the end user and end use in writing and check them against the catch-all (EU Art. 4; EAR 744.2-744.4).".into()),
        });
    }
    out
}

/// A data file that fails to parse is a bug caught by the unit tests; at run time it shows as a flag instead of a
/// panic, so a review is never silently skipped.
fn data_error_flags(flags: &mut Vec<Flag>) {
    let mut errors: Vec<String> = Vec::new();
    errors.extend(geo::geo().errors().iter().cloned());
    errors.extend(destination::measures().errors.iter().cloned());
    errors.extend(goods::goods().errors.iter().cloned());
    errors.extend(items::catalogue().errors().iter().cloned());
    errors.extend(end_use::rules().errors.iter().cloned());
    errors.extend(red_flags::rules().errors.iter().cloned());
    errors.extend(order::data_errors());
    for e in errors {
        flags.push(Flag {
            code: "rules.data-error".into(),
            severity: Severity::Review,
            message: format!("A rules data file could not be read, so some checks did not run: {e}"),
            evidence: vec![],
            citation: "export-screen src/data".into(),
            action: Some("Report this error; screen the order manually.".into()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escalate_takes_the_strictest() {
        let mut m = BTreeMap::new();
        m.insert(Condition::ControlledItem, Severity::Review);
        m.insert(Condition::MilitaryItem, Severity::Stop);
        let (s, why) = escalate(Severity::Info, &m, |c| c == Condition::ControlledItem);
        assert_eq!((s, why), (Severity::Review, vec![Condition::ControlledItem]));
        let (s, _) = escalate(Severity::Info, &m, |_| true);
        assert_eq!(s, Severity::Stop);
        let (s, why) = escalate(Severity::Info, &m, |_| false);
        assert_eq!((s, why.len()), (Severity::Info, 0));
    }

    #[test]
    fn assess_ordinary_order_has_no_review() {
        let o = order::parse(
            "Seller: Muster Maschinen GmbH, Stuttgart, Germany\nBuyer: Tata Steel Ltd, Jamshedpur, India\n\
             Items: Work rolls for hot strip mill, forged steel, 4 pcs, HS 8455.30\nPayment: L/C at sight\nDelivery: CIF Mumbai",
        );
        let a = assess(&o, &[], &Config::default());
        assert!(a.flags.iter().all(|f| f.severity < Severity::Review), "{:#?}", a.flags);
        assert!(a.items.iter().all(|i| i.controls.is_empty()), "{:#?}", a.items);
    }

    #[test]
    fn assess_object_without_text_uses_fields() {
        let o = Order {
            parties: vec![order::Party {
                role: "endUser".into(),
                name: "Khan Research Laboratories".into(),
                country: Some("PK".into()),
                ..Default::default()
            }],
            items: vec![order::Item {
                description: "Fibre optic gyroscope, drift 0.01 deg/h".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let a = assess(&o, &[], &Config::default());
        assert!(
            a.flags.iter().any(|f| f.code == "end-use.nuclear-fuel-cycle" && f.severity == "stop"),
            "{:#?}",
            a.flags
        );
        assert!(a.flags.iter().all(|f| f.evidence.iter().all(|s| s.start.is_none())));
        assert!(a.items.first().is_some_and(|i| i.controls.iter().any(|c| c.controlled == Some(true))));
    }
}
