//! Destination rules (`src/data/measures.toml`): comprehensive embargoes, arms embargoes, Russia and Belarus,
//! occupied regions, non-NPT states and EAR country groups, applied to the final destination and to the country
//! of every party except the seller, and to transit countries. A measure's severity rises with what the other
//! rules found (a controlled item, a military or WMD end use), as its `escalate` table says.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::goods::{goods, By, ItemKinds};
use super::vocab::{read_document, read_entries, Condition, MeasureKind, Role};
use super::{escalate, Ctx, Destination};
use crate::geo::{geo, PlaceKind};
use crate::report::{Flag, Severity, Span};
use crate::text::{self, Found, PhraseSet};

/// A rule that fires when a party or the final destination is in one of `countries`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub code: String,
    pub kind: MeasureKind,
    pub countries: Vec<String>,
    pub severity: Severity,
    pub message: String,
    pub citation: String,
    #[serde(default)]
    pub verify: bool,
    /// Condition → severity: the measure becomes stricter when the order also shows the condition.
    #[serde(default)]
    pub escalate: BTreeMap<Condition, Severity>,
    /// The kinds of goods the measure lists, and what an item of them weighs.
    #[serde(default)]
    pub scope: Vec<ScopeRule>,
    /// The kinds of goods the measure leaves out.
    #[serde(default)]
    pub outside: Option<ScopeRule>,
    /// Conditions the measure establishes for the rules that run later (the red flags) when it applies.
    #[serde(default)]
    pub sets: Vec<Condition>,
}

/// Kinds of goods (codes of `src/data/goods.toml`) a measure lists or leaves out, what that means, and where.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeRule {
    pub goods: Vec<String>,
    pub severity: Severity,
    pub says: String,
    pub citation: String,
    #[serde(default)]
    pub verify: bool,
}

/// A region inside a country with measures of its own (Crimea, the so-called DNR and LNR).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub code: String,
    pub country: String,
    pub names: Vec<String>,
    pub severity: Severity,
    pub message: String,
    pub citation: String,
    #[serde(default)]
    pub verify: bool,
}

crate::data::readable!(Measure {
    code,
    kind,
    countries,
    severity,
    message,
    citation,
    verify: default,
    escalate: default,
    scope: default,
    outside: default,
    sets: default,
});
crate::data::readable!(ScopeRule { goods, severity, says, citation, verify: default });
crate::data::readable!(Region { code, country, names, severity, message, citation, verify: default });

/// The destination rules, parsed once.
#[derive(Debug, Default)]
pub struct Measures {
    pub measures: Vec<Measure>,
    pub regions: Vec<Region>,
    region_names: PhraseSet<usize>,
    pub errors: Vec<String>,
}

const FILE: &str = "src/data/measures.toml";

impl Measures {
    /// Reads the measures from the embedded JSON form of `src/data/measures.toml`.
    pub fn from_json(json: &str) -> Result<Measures, String> {
        let doc = read_document(FILE, json, &["measure", "region"])?;
        let mut m = Measures {
            measures: read_entries(FILE, &doc, "measure", "code")?,
            regions: read_entries(FILE, &doc, "region", "code")?,
            ..Measures::default()
        };
        for (i, r) in m.regions.iter().enumerate() {
            for n in &r.names {
                m.region_names.add(n, i, true);
            }
        }
        let kinds = goods();
        for x in &m.measures {
            for g in x.scope.iter().chain(&x.outside).flat_map(|r| &r.goods) {
                if kinds.kind(g).is_none() {
                    return Err(format!(
                        "{FILE}: [[measure]] \"{}\": unknown kind of goods \"{g}\" (src/data/goods.toml)",
                        x.code
                    ));
                }
            }
        }
        Ok(m)
    }

    /// Regions with measures named in `s` (index into [`Measures::regions`] and where).
    pub fn regions_in(&self, s: &str) -> Vec<Found<usize>> {
        let toks = text::tokens(s);
        self.region_names.find_longest(s, &toks)
    }
}

/// The measures, parsed on first use; a data error leaves them empty and is reported in `errors`.
pub fn measures() -> &'static Measures {
    static M: OnceLock<Measures> = OnceLock::new();
    M.get_or_init(|| {
        Measures::from_json(crate::data::MEASURES.text())
            .unwrap_or_else(|e| Measures { errors: vec![e], ..Measures::default() })
    })
}

pub fn assess(ctx: &mut Ctx<'_>) -> Vec<Flag> {
    let g = geo();
    let mut out = Vec::new();
    for m in &measures().measures {
        let hits: Vec<Destination> =
            ctx.destinations.iter().filter(|d| m.countries.contains(&d.code)).cloned().collect();
        if hits.is_empty() {
            // An embargoed country on the route only.
            if (m.kind == MeasureKind::Embargo && m.severity == Severity::Stop) || m.kind == MeasureKind::Sectoral {
                if let Some(v) = ctx.via.iter().find(|c| m.countries.contains(c)) {
                    out.push(Flag {
                        code: format!("{}.transit", m.code),
                        severity: Severity::Review,
                        message: format!(
                            "The route passes through {} (transit or transshipment): {}",
                            g.name(v),
                            m.message
                        ),
                        evidence: place_spans(ctx, v),
                        citation: m.citation.clone(),
                        action: Some("Change the route or check the transit rules of the embargo.".into()),
                    });
                } else if let Some(c) = named_only(ctx, m) {
                    // The text names the embargoed country, or a city in it, where no destination, route or
                    // party was read: what it says about it was not understood, so it is not cleared.
                    out.push(Flag {
                        code: format!("{}.named", m.code),
                        severity: Severity::Review,
                        message: format!(
                            "The text names {} (or a place in it), but the order as read neither goes there nor has a party there: check where the goods go and who uses them. {}",
                            g.name(&c),
                            m.message
                        ),
                        evidence: place_spans(ctx, &c),
                        citation: m.citation.clone(),
                        action: Some("Find out what the text says about this country before proceeding.".into()),
                    });
                }
            }
            continue;
        }
        let scoped = scope(ctx, m);
        let (severity, raised_by) = escalate(scoped.severity, &m.escalate, |c| ctx.has(c));
        // A measure that only speaks about some goods says nothing when the order has none of them.
        if severity == Severity::None {
            continue;
        }
        ctx.conditions.extend(m.sets.iter().copied());
        let mut roles: Vec<String> = Vec::new();
        for d in &hits {
            let r = format!("{} ({})", d.role, g.name(&d.code));
            if !roles.contains(&r) {
                roles.push(r);
            }
        }
        let mut message = format!("{} Applies to: {}.", m.message, roles.join(", "));
        for note in &scoped.notes {
            message.push(' ');
            message.push_str(note);
        }
        if !raised_by.is_empty() {
            let why: Vec<&str> = raised_by.iter().map(|c| c.words()).collect();
            message.push_str(&format!(" Severity raised because {}.", why.join(" and ")));
        }
        if m.verify {
            message.push_str(" [verify: the current scope could not be checked against the primary text]");
        }
        let mut evidence: Vec<Span> = hits.iter().filter_map(|d| d.span.clone()).collect();
        evidence.extend(scoped.evidence);
        let mut citation = m.citation.clone();
        for c in scoped.citations {
            citation.push_str("; ");
            citation.push_str(&c);
        }
        out.push(Flag {
            code: m.code.clone(),
            severity,
            message,
            evidence,
            citation,
            action: Some(action_for(m.kind).into()),
        });
    }
    out.extend(regions(ctx));
    out.extend(country_groups(ctx));
    out
}

/// A country of an embargo measure that the pasted text names (a country or a city, not an adjective) though no
/// destination, route or party was read there; `None` for an order object or when the measure applies already.
fn named_only(ctx: &Ctx<'_>, m: &Measure) -> Option<String> {
    if !ctx.from_text {
        return None;
    }
    geo()
        .places_in_tokens(&ctx.text, &ctx.toks)
        .into_iter()
        .find(|f| f.value.kind != PlaceKind::Adjective && m.countries.contains(&f.value.code))
        .map(|f| f.value.code)
}

/// What a measure's scope makes of the order's goods.
struct Scoped {
    severity: Severity,
    notes: Vec<String>,
    evidence: Vec<Span>,
    citations: Vec<String>,
}

/// How one item's kind was found, for a message: "HS 8414.10" or the words.
fn how(k: &ItemKinds) -> String {
    match &k.by {
        By::Hs(h) => format!("HS {h}"),
        By::Words(w) => w.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", "),
    }
}

/// Applies a measure's scope to the order's goods: the items of the kinds it lists raise it; when every item is
/// of a kind it leaves out, it falls to the `outside` severity.
fn scope(ctx: &Ctx<'_>, m: &Measure) -> Scoped {
    let g = goods();
    let code = |k: usize| g.kinds.get(k).map(|x| x.code.as_str()).unwrap_or_default();
    let mut s = Scoped { severity: m.severity, notes: vec![], evidence: vec![], citations: vec![] };
    let kinds = &ctx.item_kinds;
    if let Some(o) = &m.outside {
        let all_outside = !kinds.is_empty()
            && kinds
                .iter()
                .all(|k| !k.kinds.is_empty() && k.kinds.iter().all(|&x| o.goods.iter().any(|c| c == code(x))));
        if all_outside {
            s.severity = o.severity;
            let found: Vec<String> = kinds.iter().map(how).collect();
            s.notes.push(format!(
                "The goods ({}) are outside the goods this measure lists: {}.{}",
                found.join("; "),
                o.says,
                if o.verify { " [verify]" } else { "" }
            ));
            s.citations.push(o.citation.clone());
        }
    }
    for r in &m.scope {
        let mut named: Vec<String> = Vec::new();
        for (i, k) in kinds.iter().enumerate() {
            if !k.kinds.iter().any(|&x| r.goods.iter().any(|c| c == code(x))) {
                continue;
            }
            let desc = ctx.items.get(i).map(|it| it.description.as_str()).unwrap_or("the goods named in the text");
            named.push(format!("\"{}\" ({})", desc.chars().take(80).collect::<String>(), how(k)));
            if let Some(span) = ctx.items.get(i).and_then(|it| it.span.clone()) {
                s.evidence.push(if ctx.from_text { span } else { Span { start: None, end: None, ..span } });
            }
        }
        if named.is_empty() {
            continue;
        }
        s.severity = s.severity.max(r.severity);
        s.notes.push(format!("{}: {}.", named.join(", "), r.says));
        s.citations.push(r.citation.clone());
    }
    s
}

fn action_for(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Embargo => "Do not proceed without checking the embargo and obtaining any licence required.",
        MeasureKind::ArmsEmbargo => {
            "Check that the goods are not military items and not for a military end use; otherwise a licence is needed."
        }
        MeasureKind::Sectoral => {
            "Check the CN code against the annexes of the sanctions regulation and include a no-re-export clause."
        }
        MeasureKind::Nuclear => "Check NSG and nuclear end-use requirements before shipping nuclear-related items.",
        MeasureKind::CountryGroup | MeasureKind::EndUseRule => "Check the licence requirements for this destination.",
        MeasureKind::Diversion => {
            "Ask for the end user and end use in writing, check that the goods stay in the country, and include a 'no re-export to Russia' clause."
        }
    }
}

/// Spans of the first mentions of a country (by name or city) in the text.
fn place_spans(ctx: &Ctx<'_>, code: &str) -> Vec<Span> {
    geo()
        .places_in_tokens(&ctx.text, &ctx.toks)
        .into_iter()
        .filter(|f| f.value.code == code)
        .take(3)
        .map(|f| ctx.span(f.start, f.end))
        .collect()
}

/// Regions with measures of their own (Crimea, so-called DNR/LNR), named in a party's address or name (not the
/// seller's) or in a destination, port or route field.
fn regions(ctx: &Ctx<'_>) -> Vec<Flag> {
    let m = measures();
    let mut places: Vec<String> = Vec::new();
    for p in &ctx.order.parties {
        if Role::Seller.is(&p.role) {
            continue;
        }
        places.push(p.name.clone());
        if let Some(a) = &p.address {
            places.push(a.clone());
        }
    }
    for f in &ctx.order.fields {
        if ["destination", "port", "via", "delivery"].contains(&f.key.as_str()) {
            places.push(f.value.clone());
        }
    }
    if ctx.order.parties.is_empty() {
        places.push(ctx.text.clone());
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for s in &places {
        for f in m.regions_in(s) {
            let name = s.get(f.start..f.end).unwrap_or_default().to_string();
            if !found.iter().any(|(i, n)| *i == f.value && *n == name) {
                found.push((f.value, name));
            }
        }
    }
    let mut out: Vec<Flag> = Vec::new();
    for (i, name) in found {
        let Some(r) = m.regions.get(i) else { continue };
        let span = ctx.text.find(&name).map(|at| ctx.span(at, at + name.len()));
        if let Some(existing) = out.iter_mut().find(|f| f.code == r.code) {
            existing.evidence.extend(span);
            continue;
        }
        let mut message = format!("\"{name}\": {}", r.message);
        if r.verify {
            message.push_str(" [verify]");
        }
        out.push(Flag {
            code: r.code.clone(),
            severity: r.severity,
            message,
            evidence: span.into_iter().collect(),
            citation: r.citation.clone(),
            action: Some(
                "Do not proceed without confirming where exactly the goods go and which measures apply.".into(),
            ),
        });
    }
    out
}

/// The EAR country groups of the final destination, for information.
fn country_groups(ctx: &Ctx<'_>) -> Vec<Flag> {
    let g = geo();
    let Some(d) = ctx.destinations.iter().find(|d| d.role == "final destination").or_else(|| ctx.destinations.first())
    else {
        return vec![];
    };
    let groups = g.ear_groups(&d.code);
    if groups.is_empty() {
        return vec![];
    }
    let verify = groups.iter().any(|c| g.group(c).is_some_and(|gr| gr.verify));
    vec![Flag {
        code: format!("dest.ear-groups.{}", d.code),
        severity: Severity::Info,
        message: format!(
            "{} is in EAR Country Group{} {}{}: check the Commerce Country Chart for the reasons for control of any listed item.",
            g.name(&d.code),
            if groups.len() > 1 { "s" } else { "" },
            groups.join(", "),
            if verify { " [verify: memberships change]" } else { "" }
        ),
        evidence: d.span.clone().into_iter().collect(),
        citation: "15 CFR Part 740, Supplement No. 1 (Country Groups); 15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)".into(),
        action: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::order::parse;
    use crate::rules::assess;

    #[test]
    fn data_parses_and_is_cited() {
        let m = measures();
        assert!(m.errors.is_empty(), "{:?}", m.errors);
        assert!(m.measures.len() >= 20 && m.regions.len() >= 3);
        let g = geo();
        for x in &m.measures {
            assert!(!x.citation.is_empty(), "{} has no citation", x.code);
            // A measure of severity none speaks only through its scope (the goods it lists).
            assert!(x.severity > Severity::None || !x.scope.is_empty(), "{}", x.code);
            for c in &x.countries {
                assert!(g.is_code(c), "{}: unknown country {c}", x.code);
            }
        }
        for r in &m.regions {
            assert!(!r.citation.is_empty() && g.is_code(&r.country), "{}", r.code);
        }
    }

    #[test]
    fn regions_found_by_city() {
        let m = measures();
        let r = m.regions_in("ul. Lenina 5, Simferopol");
        assert_eq!(r.len(), 1);
        assert_eq!(m.regions.get(r[0].value).map(|r| r.code.as_str()), Some("dest.region.crimea"));
    }

    fn codes(t: &str) -> Vec<(String, String)> {
        assess(&parse(t), &[], &Config::default()).flags.into_iter().map(|f| (f.code, f.severity.to_string())).collect()
    }

    #[test]
    fn iran_is_an_embargo_stop() {
        let c = codes("Buyer: Pars Trading, Tehran, Iran\nItems: office chairs");
        assert!(c.contains(&("dest.embargo.IR".into(), "stop".into())), "{c:?}");
    }

    #[test]
    fn russia_escalates_with_controlled_item() {
        let c = codes("Buyer: OOO Romashka, Moscow, Russia\nItems: office chairs");
        assert!(c.contains(&("dest.russia".into(), "review".into())), "{c:?}");
        let c = codes("Buyer: OOO Romashka, Moscow, Russia\nItems: fibre optic gyroscope, bias stability 0.01 deg/h");
        assert!(c.contains(&("dest.russia".into(), "stop".into())), "{c:?}");
    }

    #[test]
    fn crimea_region_stops() {
        let c = codes("Consignee: Krym Agro LLC, ul. Lenina 1, Simferopol\nItems: tractor spare parts");
        assert!(c.iter().any(|(code, sev)| code == "dest.region.crimea" && sev == "stop"), "{c:?}");
    }

    #[test]
    fn arms_embargo_alone_is_info() {
        let c = codes("Buyer: Khartoum Textiles Ltd, Khartoum, Sudan\nItems: cotton yarn");
        assert!(c.contains(&("dest.arms-embargo.SD".into(), "info".into())), "{c:?}");
        assert!(c.iter().all(|(_, s)| s != "stop" && s != "review"), "{c:?}");
    }

    #[test]
    fn embargoed_country_named_only_in_the_text_reviews() {
        // Not read as the destination or a party's country: still not cleared.
        let c = codes(
            "Buyer: Van Sinir Ticaret Ltd, Van, Turkey\nItems: 8 spindle motors\nRemark: partner in Tabriz, Iran",
        );
        assert!(c.iter().any(|(code, sev)| code.starts_with("dest.embargo.IR") && sev != "info"), "{c:?}");
        let clear = codes("Buyer: Van Sinir Ticaret Ltd, Van, Turkey\nItems: 8 spindle motors");
        assert!(!clear.iter().any(|(code, _)| code.starts_with("dest.embargo")), "{clear:?}");
    }

    #[test]
    fn embargoed_transit_reviews() {
        let c = codes("Buyer: Kabul Traders, Kabul, Afghanistan\nRoute: via Bandar Abbas\nItems: rice");
        assert!(c.iter().any(|(code, sev)| code == "dest.embargo.IR.transit" && sev == "review"), "{c:?}");
    }
}
