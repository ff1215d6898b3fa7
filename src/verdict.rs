//! Stage 6: from party hits, item controls and rule flags to one verdict (`clear` / `review` / `stop`), with
//! every reason cited.

use crate::config::Config;
use crate::lists::model::Effect;
use crate::report::{Flag, ItemReport, PartyReport, Reason, Verdict};

/// The verdict is the most severe reason; no reason means `clear`.
pub fn decide(
    parties: &[PartyReport],
    items: &[ItemReport],
    flags: &[Flag],
    config: &Config,
) -> (Verdict, Vec<Reason>) {
    let mut reasons = Vec::new();
    for p in parties {
        for h in &p.hits {
            let severe = h.score >= config.stop_threshold && h.effect != Effect::RedFlag;
            let verdict = if severe { Verdict::Stop } else { Verdict::Review };
            reasons.push(Reason {
                verdict,
                code: format!("party.{}", h.list_code.to_lowercase()),
                message: format!(
                    "{} \"{}\" matches \"{}\" on the {} (score {:.2})",
                    p.role, p.name, h.matched_name, h.source, h.score
                ),
                citation: h.federal_register.clone().unwrap_or_else(|| h.source.clone()),
            });
        }
    }
    for i in items {
        for c in &i.controls {
            reasons.push(Reason {
                verdict: Verdict::Review,
                code: format!("item.{}", c.entry),
                message: format!("\"{}\" may be controlled under {} ({})", i.description, c.entry, c.title),
                citation: c.citation.clone(),
            });
        }
    }
    for f in flags {
        let verdict = match f.severity.as_str() {
            "stop" => Verdict::Stop,
            "review" => Verdict::Review,
            _ => continue,
        };
        reasons.push(Reason {
            verdict,
            code: f.code.clone(),
            message: f.message.clone(),
            citation: f.citation.clone(),
        });
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.verdict));
    let verdict = reasons.first().map(|r| r.verdict).unwrap_or(Verdict::Clear);
    (verdict, reasons)
}
