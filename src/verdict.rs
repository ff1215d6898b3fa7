//! Stage 6: from party hits, item controls and rule flags to one verdict (`clear` / `review` / `stop`), with
//! every reason cited.
//!
//! The policy is data (`src/data/verdict.toml`): which list effects stop the order for which party roles, and
//! when an item candidate asks for review. `stop`: a party above `config.stop_threshold` on a prohibiting or
//! licence list in a stopping role, an embargo, a WMD end use to a country of concern (the rules' `stop` flags).
//! `review`: a controlled or probable control-list item, a catch-all trigger, a red flag, a weaker party hit or a
//! red-flag list hit. `clear`: no reason.

use crate::text::case::Case as _;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::config::Config;
use crate::lists::model::Effect;
use crate::report::{Flag, Hit, ItemReport, PartyReport, Reason, Verdict};
use crate::rules::vocab::{read_document, read_entries, Role};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EffectPolicy {
    effect: Effect,
    stop_roles: Vec<Role>,
    meaning: String,
    citation: String,
}

#[derive(Clone, Debug)]
struct PartyPolicy {
    effect: Vec<EffectPolicy>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemPolicy {
    review_confidence: f64,
    controlled_citation_note: String,
    military_citation_note: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListBasis {
    code: String,
    citation: String,
}

crate::data::readable!(EffectPolicy { effect, stop_roles, meaning, citation });
crate::data::readable!(ItemPolicy { review_confidence, controlled_citation_note, military_citation_note });
crate::data::readable!(ListBasis { code, citation });

#[derive(Clone, Debug)]
pub(crate) struct Policy {
    party: PartyPolicy,
    items: ItemPolicy,
    list: Vec<ListBasis>,
}

const FILE: &str = "src/data/verdict.toml";

/// Reads the policy from the embedded JSON form of `src/data/verdict.toml`; an error names the file and the
/// section or entry.
pub(crate) fn read_policy(json: &str) -> Result<Policy, String> {
    let doc = read_document(FILE, json, &["party", "items", "list"])?;
    let party = doc.get("party").cloned().unwrap_or_default();
    let effect: Vec<EffectPolicy> = read_entries(FILE, &party, "effect", "effect")?;
    if let Some(k) = party.as_object().and_then(|m| m.keys().find(|k| *k != "effect")) {
        return Err(format!("{FILE}: [party]: unknown key \"{k}\""));
    }
    let items: ItemPolicy = crate::data::from_embedded(doc.get("items").unwrap_or(&serde_json::Value::Null))
        .map_err(|e| format!("{FILE}: [items]: {e}"))?;
    Ok(Policy { party: PartyPolicy { effect }, items, list: read_entries(FILE, &doc, "list", "code")? })
}

/// The policy, or `Err` with the parse error (the verdict then asks for review rather than trusting a default).
fn policy() -> &'static Result<Policy, String> {
    static P: OnceLock<Result<Policy, String>> = OnceLock::new();
    P.get_or_init(|| read_policy(crate::data::VERDICT.text()))
}

fn role_words(role: &str) -> String {
    crate::rules::role_label(role)
}

/// The verdict is the most severe reason; no reason means `clear`.
pub fn decide(
    parties: &[PartyReport],
    items: &[ItemReport],
    flags: &[Flag],
    config: &Config,
) -> (Verdict, Vec<Reason>) {
    let mut reasons = Vec::new();
    let policy = match policy() {
        Ok(p) => Some(p),
        Err(e) => {
            reasons.push(Reason {
                verdict: Verdict::Review,
                code: "verdict.data-error".into(),
                message: format!(
                    "The verdict policy could not be read ({e}); every finding is treated as needing review."
                ),
                citation: "export-screen src/data/verdict.toml".into(),
                evidence: vec![],
                party: None,
                after_decisions: None,
            });
            None
        }
    };
    for (pi, p) in parties.iter().enumerate() {
        // One reason per party and list: the best hit, and how many more entries of the same list matched
        // (a parent body and its subordinate rows).
        let mut seen: Vec<&str> = Vec::new();
        for h in &p.hits {
            if seen.contains(&h.list_code.as_str()) {
                continue;
            }
            seen.push(&h.list_code);
            let more = p.hits.iter().filter(|x| x.list_code == h.list_code).count().saturating_sub(1);
            // A party listed several times counts with its strongest listing (an SDN entry beside its SSI row).
            let effect = h.strongest_effect();
            let ep = policy.and_then(|pol| pol.party.effect.iter().find(|e| e.effect == effect));
            let stopping_role = ep.is_some_and(|e| e.stop_roles.iter().any(|r| r.is(&p.role)));
            let severe = h.score >= config.stop_threshold && effect != Effect::RedFlag && stopping_role;
            let verdict = if severe { Verdict::Stop } else { Verdict::Review };
            let mut message = format!(
                "The {} \"{}\" matches \"{}\" on the {} (score {}{})",
                role_words(&p.role),
                p.name,
                h.matched_name,
                if h.source.is_empty() { h.list.as_str() } else { h.source.as_str() },
                crate::text::num::fixed(h.score, 2),
                if h.score < config.stop_threshold {
                    ", below the stop threshold: confirm or rule out the identity"
                } else {
                    ""
                }
            );
            if more > 0 {
                message.push_str(&format!(
                    " and {more} more entr{} of the same list",
                    if more == 1 { "y" } else { "ies" }
                ));
            }
            let also = also_listed(h);
            if !also.is_empty() {
                message.push_str(&format!("; the same party is also listed {also}"));
            }
            if let Some(e) = ep {
                message.push_str(&format!(": {}", e.meaning));
            }
            message.push('.');
            if let Some(l) = &h.license_requirement {
                message.push_str(&format!(" Licence requirement: {}.", l.trim().trim_end_matches('.')));
            }
            if let Some(l) = &h.license_policy {
                message.push_str(&format!(" Licence policy: {}.", l.trim().trim_end_matches('.')));
            }
            let basis = policy
                .and_then(|pol| pol.list.iter().find(|l| l.code == h.list_code))
                .map(|l| l.citation.clone())
                .or_else(|| ep.map(|e| e.citation.clone()));
            let notice = h.federal_register.clone().filter(|f| !f.trim().is_empty());
            let citation = match (basis, notice) {
                (Some(b), Some(n)) => format!("{b}; {n}"),
                (Some(b), None) => format!("{b}; {}", h.source),
                (None, Some(n)) => n,
                (None, None) => h.source.clone(),
            };
            reasons.push(Reason {
                verdict,
                code: format!("party.{}", h.list_code.to_lower()),
                message,
                citation,
                evidence: p.span.clone().into_iter().collect(),
                party: Some(pi),
                after_decisions: None,
            });
        }
    }
    let review_confidence = policy.map(|p| p.items.review_confidence).unwrap_or(0.0);
    for i in items {
        for c in &i.controls {
            let (code, message) = match c.controlled {
                Some(true) => (
                    format!("item.controlled.{}", c.entry),
                    format!(
                        "\"{}\" meets {} ({}){}: a licence is needed to export it.",
                        i.description,
                        c.entry,
                        c.title,
                        if c.verify { " [threshold to verify against the current annex]" } else { "" }
                    ),
                ),
                None if c.confidence >= review_confidence => (
                    format!("item.candidate.{}", c.entry),
                    format!(
                        "\"{}\" may be controlled under {} ({}), confidence {}. {}",
                        i.description,
                        c.entry,
                        c.title,
                        crate::text::num::fixed(c.confidence, 2),
                        c.parameter_check.clone().unwrap_or_default()
                    ),
                ),
                _ => continue,
            };
            let note = policy.map(|p| {
                if c.entry.starts_with("ML") {
                    p.items.military_citation_note.clone()
                } else {
                    p.items.controlled_citation_note.clone()
                }
            });
            reasons.push(Reason {
                verdict: Verdict::Review,
                code,
                message: message.trim().to_string(),
                citation: match note {
                    Some(n) => format!("{}; {n}", c.citation),
                    None => c.citation.clone(),
                },
                evidence: i.span.clone().into_iter().collect(),
                party: None,
                after_decisions: None,
            });
        }
    }
    for f in flags {
        let Some(verdict) = f.severity.verdict() else { continue };
        reasons.push(Reason {
            verdict,
            code: f.code.clone(),
            message: f.message.clone(),
            citation: f.citation.clone(),
            evidence: f.evidence.clone(),
            party: None,
            after_decisions: None,
        });
    }
    crate::sort::sort_by_key(&mut reasons, |r| std::cmp::Reverse(r.verdict));
    let verdict = reasons.first().map(|r| r.verdict).unwrap_or(Verdict::Clear);
    (verdict, reasons)
}

/// The other listings of a hit's party, in words: "on the Specially Designated Nationals (SDN) - Treasury Department
/// (OFAC Specially Designated Nationals (SDN) List, entry 25578)", joined with ", and ".
fn also_listed(h: &Hit) -> String {
    let others: Vec<String> = h
        .listings
        .iter()
        .filter(|l| !(l.list_id == h.list_id && l.entry_id == h.entry_id))
        .map(|l| {
            let source = if l.source.is_empty() { l.list_code.as_str() } else { l.source.as_str() };
            format!("on the {source} ({}, entry {})", l.list, l.entry_id)
        })
        .collect();
    others.join(", and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::model::EntityKind;
    use crate::report::{ControlMatch, Explanation, Hit};

    fn hit(effect: Effect, score: f64) -> Hit {
        Hit {
            list_id: "demo".into(),
            list: "Demo".into(),
            list_code: "EL".into(),
            source: "Entity List".into(),
            effect,
            entry_id: "x".into(),
            name: "Hassan Scientific Corporation".into(),
            matched_name: "Hassan Scientific Corporation".into(),
            score,
            kind: EntityKind::Organization,
            aliases: vec![],
            countries: vec!["PK".into()],
            addresses: vec![],
            programs: vec![],
            remarks: None,
            license_requirement: Some("For all items subject to the EAR.".into()),
            license_policy: None,
            federal_register: Some("86 FR 29193".into()),
            source_url: None,
            start_date: None,
            explanation: Explanation::default(),
            decision: None,
            expired_decision: None,
            listings: vec![],
        }
    }

    fn party(role: &str, hits: Vec<Hit>) -> PartyReport {
        PartyReport {
            role: role.into(),
            name: "M/s Hasan Scientific Corp".into(),
            country: None,
            address: None,
            hits,
            span: None,
        }
    }

    #[test]
    fn policy_parses_and_matches_rules() {
        let p = policy().as_ref().expect("verdict.toml parses");
        assert_eq!(p.party.effect.len(), 3);
        assert!(p.list.iter().any(|l| l.code == "EL") && p.list.iter().all(|l| !l.citation.is_empty()));
        assert!((p.items.review_confidence - crate::rules::REVIEW_CONFIDENCE).abs() < 1e-9);
    }

    #[test]
    fn decide_nothing_is_clear() {
        let (v, r) = decide(&[], &[], &[], &Config::default());
        assert_eq!(v, Verdict::Clear);
        assert!(r.is_empty());
    }

    #[test]
    fn decide_entity_list_buyer_stops_seller_reviews() {
        let c = Config::default();
        let (v, r) = decide(&[party("buyer", vec![hit(Effect::LicenceRequired, 0.95)])], &[], &[], &c);
        assert_eq!(v, Verdict::Stop);
        assert!(r[0].citation.contains("86 FR 29193") && r[0].citation.contains("744.11"));
        assert_eq!(r.len(), 1);
        let (v, _) = decide(&[party("seller", vec![hit(Effect::LicenceRequired, 0.95)])], &[], &[], &c);
        assert_eq!(v, Verdict::Review);
        let (v, _) = decide(&[party("seller", vec![hit(Effect::Prohibition, 0.95)])], &[], &[], &c);
        assert_eq!(v, Verdict::Stop);
    }

    #[test]
    fn decide_groups_entries_of_one_list() {
        let (_, r) = decide(
            &[party("endUser", vec![hit(Effect::LicenceRequired, 1.0), hit(Effect::LicenceRequired, 0.97)])],
            &[],
            &[],
            &Config::default(),
        );
        assert_eq!(r.len(), 1);
        assert!(r[0].message.contains("1 more entry"), "{}", r[0].message);
    }

    #[test]
    fn decide_weak_hit_and_red_flag_list_review() {
        let c = Config::default();
        let (v, _) = decide(&[party("endUser", vec![hit(Effect::LicenceRequired, 0.85)])], &[], &[], &c);
        assert_eq!(v, Verdict::Review);
        let (v, _) = decide(&[party("endUser", vec![hit(Effect::RedFlag, 0.99)])], &[], &[], &c);
        assert_eq!(v, Verdict::Review);
    }

    #[test]
    fn decide_items_by_decision_and_confidence() {
        let c = Config::default();
        let item = |controlled, confidence| ItemReport {
            description: "gyro".into(),
            controls: vec![ControlMatch {
                entry: "7A002".into(),
                controlled,
                confidence,
                citation: "x".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(decide(&[], &[item(Some(true), 0.9)], &[], &c).0, Verdict::Review);
        assert_eq!(decide(&[], &[item(None, 0.6)], &[], &c).0, Verdict::Review);
        assert_eq!(decide(&[], &[item(None, 0.45)], &[], &c).0, Verdict::Clear);
        assert_eq!(decide(&[], &[item(Some(false), 0.9)], &[], &c).0, Verdict::Clear);
    }

    #[test]
    fn decide_flags_by_severity() {
        let c = Config::default();
        use crate::report::Severity;
        let f = |s: Severity| Flag { code: "x".into(), severity: s, citation: "c".into(), ..Default::default() };
        assert_eq!(decide(&[], &[], &[f(Severity::Info)], &c).0, Verdict::Clear);
        assert_eq!(decide(&[], &[], &[f(Severity::Review), f(Severity::Stop)], &c).0, Verdict::Stop);
    }
}
