//! Destination rules (`src/data/countries.toml`): comprehensive embargoes, arms embargoes, Russia and Belarus,
//! occupied regions, non-NPT states and EAR country groups, applied to the final destination and to the country
//! of every party except the seller, and to transit countries. A measure's severity rises with what the other
//! rules found (a controlled item, a military or WMD end use), as its `escalate` table says.

use super::{condition_words, escalate, Ctx};
use crate::geo::geo;
use crate::report::{Flag, Span};

pub fn assess(ctx: &Ctx<'_>) -> Vec<Flag> {
    let g = geo();
    let mut out = Vec::new();
    for m in &g.measures {
        let hits: Vec<_> = ctx.destinations.iter().filter(|d| m.countries.contains(&d.code)).collect();
        if hits.is_empty() {
            // An embargoed country on the route only.
            if m.kind == "embargo" && m.severity == "stop" {
                if let Some(v) = ctx.via.iter().find(|c| m.countries.contains(c)) {
                    out.push(Flag {
                        code: format!("{}.transit", m.code),
                        severity: "review".into(),
                        message: format!(
                            "The route passes through {} (transit or transshipment): {}",
                            g.name(v),
                            m.message
                        ),
                        evidence: place_spans(ctx, v),
                        citation: m.citation.clone(),
                        action: Some("Change the route or check the transit rules of the embargo.".into()),
                    });
                }
            }
            continue;
        }
        let (severity, raised_by) = escalate(&m.severity, &m.escalate, |c| ctx.has(c));
        let mut roles: Vec<String> = Vec::new();
        for d in &hits {
            let r = format!("{} ({})", d.role, g.name(&d.code));
            if !roles.contains(&r) {
                roles.push(r);
            }
        }
        let mut message = format!("{} Applies to: {}.", m.message, roles.join(", "));
        if !raised_by.is_empty() {
            let why: Vec<&str> = raised_by.iter().map(|c| condition_words(c)).collect();
            message.push_str(&format!(" Severity raised because {}.", why.join(" and ")));
        }
        if m.verify {
            message.push_str(" [verify: the current scope could not be checked against the primary text]");
        }
        let evidence: Vec<Span> = hits.iter().filter_map(|d| d.span.clone()).collect();
        out.push(Flag {
            code: m.code.clone(),
            severity,
            message,
            evidence,
            citation: m.citation.clone(),
            action: Some(action_for(&m.kind).into()),
        });
    }
    out.extend(regions(ctx));
    out.extend(country_groups(ctx));
    out
}

fn action_for(kind: &str) -> &'static str {
    match kind {
        "embargo" => "Do not proceed without checking the embargo and obtaining any licence required.",
        "arms-embargo" => {
            "Check that the goods are not military items and not for a military end use; otherwise a licence is needed."
        }
        "sectoral" => {
            "Check the CN code against the annexes of the sanctions regulation and include a no-re-export clause."
        }
        "nuclear" => "Check NSG and nuclear end-use requirements before shipping nuclear-related items.",
        _ => "Check the licence requirements for this destination.",
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
    let g = geo();
    let mut places: Vec<String> = Vec::new();
    for p in &ctx.order.parties {
        if p.role == "seller" {
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
        for f in g.regions_in(s) {
            let name = s.get(f.start..f.end).unwrap_or_default().to_string();
            if !found.iter().any(|(i, n)| *i == f.value && *n == name) {
                found.push((f.value, name));
            }
        }
    }
    let mut out: Vec<Flag> = Vec::new();
    for (i, name) in found {
        let Some(r) = g.regions.get(i) else { continue };
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
            severity: r.severity.clone(),
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
        severity: "info".into(),
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
    use crate::config::Config;
    use crate::order::parse;
    use crate::rules::assess;

    fn codes(t: &str) -> Vec<(String, String)> {
        assess(&parse(t), &[], &Config::default()).flags.into_iter().map(|f| (f.code, f.severity)).collect()
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
    fn embargoed_transit_reviews() {
        let c = codes("Buyer: Kabul Traders, Kabul, Afghanistan\nRoute: via Bandar Abbas\nItems: rice");
        assert!(c.iter().any(|(code, sev)| code == "dest.embargo.IR.transit" && sev == "review"), "{c:?}");
    }
}
