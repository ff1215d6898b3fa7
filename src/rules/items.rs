//! Items against the control-list catalogue (`src/data/controls.toml`: EU Reg. 2021/821 Annex I entries and the
//! Common Military List, each cited): candidate entries per item with a confidence, the evidence (`why`), a
//! decision when the order's parameters settle it, and the question to ask when they do not. Also finds the
//! "watch items" (ring-rolling machines, CNC controllers, specialty steel) that are not listed but recur in
//! procurement cases, for the catch-all rules.
//!
//! Evidence needed to propose an entry: a specific term ("fibre optic gyroscope", "maraging steel"), or a weak
//! term ("pump", "bioreactor") corroborated by a context word, the HS heading or a parameter of the entry. The
//! HS code alone never proposes an entry: control depends on technical parameters, not on tariff headings.

use std::collections::BTreeMap;

pub use super::catalogue::{catalogue, regimes, Catalogue, EntryDef, ParamDef, WatchDef};
use super::catalogue::{fit_key, name_fits};
use super::terms;
use super::vocab::{Comparator, Logic, ParamRole};
use crate::order::{Item, Parameter};
use crate::report::{ControlMatch, Span};
use crate::text;

/// Standard gravity, for specific modulus and strength (m = Pa / (kg/m³ · m/s²)).
const G0: f64 = 9.806_65;

/// How much each kind of evidence adds to the confidence of a candidate entry.
pub const WEAK_BASE: f64 = 0.25;
pub const CONTEXT_BONUS_WEAK: f64 = 0.2;
pub const CONTEXT_BONUS_STRONG: f64 = 0.05;
pub const HS_BONUS: f64 = 0.1;
pub const PARAM_BONUS: f64 = 0.15;
pub const DECIDED_CONTROLLED: f64 = 0.85;
pub const NAMED_CONTROLLED: f64 = 0.8;
/// Candidates below this confidence are not reported (unless a parameter decided them).
pub const LIST_CONFIDENCE: f64 = 0.4;
/// Most candidates reported per item.
const MAX_CANDIDATES: usize = 6;

fn hs_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Whether the item's HS code falls under one of the entry's indicative headings.
fn hs_match(item_hs: Option<&str>, heads: &[String]) -> Option<String> {
    let d = hs_digits(item_hs?);
    if d.len() < 4 {
        return None;
    }
    heads
        .iter()
        .find(|h| {
            let hd = hs_digits(h);
            // "8458.11" matches "8458.11.00"; a 4-digit item code matches a heading in the same position.
            !hd.is_empty() && (d.starts_with(&hd) || (d.len() == 4 && hd.starts_with(&d)))
        })
        .cloned()
}

/// Whether a stated bound settles the comparison: "< 0.01 °/h" meets "< 0.5 °/h"; "> 1 °/h" fails it; "< 1 °/h"
/// does not tell.
fn bound_decides(comparator: &str, stated: f64, cmp: Comparator, threshold: f64) -> Option<bool> {
    let below = comparator.starts_with('<');
    let wants_below = cmp.below();
    match (below, wants_below) {
        (true, true) => (stated <= threshold).then_some(true),
        (false, false) => (stated >= threshold).then_some(true),
        (true, false) => (stated <= threshold).then_some(false),
        (false, true) => (stated >= threshold).then_some(false),
    }
}

/// Display of a value in the threshold's unit ("0.01 deg/h", "16.4×10⁶ m").
fn show(v: f64, unit: &str) -> String {
    let a = v.abs();
    let num = if a != 0.0 && !(1e-3..1e6).contains(&a) {
        crate::text::num::exp(v, 3)
    } else {
        let s = crate::text::num::fixed(v, 4);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    format!("{num} {unit}")
}

/// The outcome of comparing one catalogue threshold with the item's parameters.
struct ParamOutcome {
    met: Option<bool>,
    why: Option<String>,
}

/// Of two values of one parameter, the one that decides: several unbounded values (a range, "from 600 Hz to
/// 1 800 Hz") are decided by the most capable, the highest for a "≥" threshold, the lowest for a "≤" one; a bounded
/// value ("< 0.5 °/h") keeps its place.
fn more_capable<'a>(below: bool, a: (&'a Parameter, f64), b: (&'a Parameter, f64)) -> (&'a Parameter, f64) {
    let (va, vb) = (a.0.value * a.1, b.0.value * b.1);
    let better = if below { vb < va } else { vb > va };
    if a.0.comparator.is_none() && b.0.comparator.is_none() && better {
        b
    } else {
        a
    }
}

fn evaluate_param(def: &ParamDef, params: &[Parameter], all_defs: &[ParamDef]) -> ParamOutcome {
    let (unit_needed, density_from_item) =
        if def.specific { ("MPa", density(params)) } else { (def.unit.as_str(), None) };
    let same_unit_defs =
        all_defs.iter().filter(|d| if d.specific { "MPa" } else { d.unit.as_str() } == unit_needed).count();
    let found = params
        .iter()
        .filter_map(|p| {
            let factor = unit_factor(&p.unit, unit_needed)?;
            // A range that starts at zero ("0–10 kPa") is capable of its upper end, not of its zero.
            if p.value == 0.0 && p.comparator.is_none() && def.cmp.below() {
                return None;
            }
            (name_fits(&p.name, &def.names) || (p.name.trim().is_empty() && same_unit_defs == 1)).then_some((p, factor))
        })
        .reduce(|a, b| more_capable(def.cmp.below(), a, b));
    let Some((p, factor)) = found else { return ParamOutcome { met: None, why: None } };
    let verify = if def.verify && !def.meaning.contains("[verify") { " [threshold to verify]" } else { "" };
    let (value, threshold_unit) = if def.specific {
        let rho = density_from_item.or(def.density).unwrap_or(1.8) * 1000.0;
        (p.value * factor * 1e6 / (rho * G0), "m")
    } else {
        (p.value * factor, def.unit.as_str())
    };
    let met = match p.comparator.as_deref() {
        Some(c) => bound_decides(c, value, def.cmp, def.value),
        None => Some(def.cmp.holds(value, def.value)),
    };
    let stated = if def.specific {
        format!(
            "{} (\"{}\": {} at {} g/cm³{})",
            show(value, threshold_unit),
            p.text,
            def.name,
            crate::text::num::shortest(density_from_item.or(def.density).unwrap_or(1.8)),
            if density_from_item.is_some() { "" } else { " assumed" }
        )
    } else {
        format!("\"{}\"", p.text)
    };
    let why = match met {
        Some(true) => format!(
            "{stated} meets {} {} {}: {}{verify}",
            def.name,
            def.cmp.symbol(),
            show(def.value, threshold_unit),
            def.meaning
        ),
        Some(false) => {
            format!("{stated} is outside {} {} {}{verify}", def.name, def.cmp.symbol(), show(def.value, threshold_unit))
        }
        None => format!(
            "{stated} does not settle {} {} {}{verify}",
            def.name,
            def.cmp.symbol(),
            show(def.value, threshold_unit)
        ),
    };
    ParamOutcome { met, why: Some(why) }
}

fn density(params: &[Parameter]) -> Option<f64> {
    let names = ["density", "Dichte", "densité", "densidad", "плотность", "yoğunluk", "密度"].map(fit_key);
    params.iter().find(|p| p.unit == "g/cm3" && name_fits(&p.name, &names)).map(|p| p.value)
}

/// Units the parser keeps apart that a threshold can be compared in: (written in, compared in, factor).
const UNIT_FACTORS: &[(&str, &str, f64)] = &[("m3/h", "m3/s", 1.0 / 3600.0), ("m3/s", "m3/h", 3600.0)];

/// The factor that turns a value in `from` into `to`, when the units are the same or convertible.
fn unit_factor(from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(1.0);
    }
    UNIT_FACTORS.iter().find(|(a, b, _)| *a == from && *b == to).map(|x| x.2)
}

/// A watch item found in a description.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchHit {
    pub index: usize,
    /// Byte range in the description.
    pub start: usize,
    pub end: usize,
}

/// Candidate control entries for one item, best first, and the watch items it mentions.
pub fn classify(item: &Item) -> (Vec<ControlMatch>, Vec<WatchHit>) {
    let cat = catalogue();
    let desc = item.description.as_str();
    let toks = text::tokens(desc);
    let keys = terms::keys(&toks);
    let mut strong: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut weak: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut context: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut excluded: BTreeMap<usize, String> = BTreeMap::new();
    let words = |s: usize, e: usize| desc.get(s..e).unwrap_or_default().to_string();
    // Overlapping terms of one entry ("fibre optic gyroscope" and "gyroscope") are reported once, the longest.
    let outermost = |found: Vec<text::Found<usize>>| -> Vec<text::Found<usize>> {
        found
            .iter()
            .filter(|f| {
                !found.iter().any(|g| {
                    g.value == f.value && g.start <= f.start && g.end >= f.end && (g.end - g.start) > (f.end - f.start)
                })
            })
            .cloned()
            .collect()
    };
    for f in outermost(cat.strong.find_all(desc, &toks, &keys)) {
        push_unique(strong.entry(f.value).or_default(), words(f.start, f.end));
    }
    for f in outermost(cat.weak.find_all(desc, &toks, &keys)) {
        push_unique(weak.entry(f.value).or_default(), words(f.start, f.end));
    }
    for f in cat.context.find_all(desc, &toks, &keys) {
        push_unique(context.entry(f.value).or_default(), words(f.start, f.end));
    }
    // Wording that rules an entry out, and the notes of an entry that release the goods (finished sporting
    // goods under the note to 1A002, ...): the entry is not a candidate.
    for f in cat.not.find_all(desc, &toks, &keys) {
        excluded.insert(f.value, words(f.start, f.end));
    }
    let kept: Vec<(usize, usize)> =
        cat.notes_unless.find_all(desc, &toks, &keys).into_iter().map(|f| f.value).collect();
    for f in cat.notes.find_all(desc, &toks, &keys) {
        if !kept.contains(&f.value) {
            excluded.insert(f.value.0, words(f.start, f.end));
        }
    }
    let mut candidates: Vec<usize> = strong.keys().chain(weak.keys()).copied().collect();
    crate::sort::sort(&mut candidates);
    candidates.dedup();
    let mut out: Vec<ControlMatch> = Vec::new();
    for i in candidates {
        if excluded.contains_key(&i) {
            continue;
        }
        let Some(e) = cat.entries.get(i) else { continue };
        if let Some(m) = assess_entry(e, item, strong.get(&i), weak.get(&i), context.get(&i)) {
            out.push(m);
        }
    }
    apply_stated(desc, &mut out);
    crate::sort::sort_by(&mut out, |a, b| {
        let rank = |c: &ControlMatch| match c.controlled {
            Some(true) => 0,
            None => 1,
            Some(false) => 2,
        };
        rank(a).cmp(&rank(b)).then(b.confidence.total_cmp(&a.confidence)).then(a.entry.cmp(&b.entry))
    });
    out.truncate(MAX_CANDIDATES);
    let watch = cat
        .watch_terms
        .find_longest(desc, &toks, &keys)
        .into_iter()
        .map(|f| WatchHit { index: f.value, start: f.start, end: f.end })
        .collect();
    (out, watch)
}

/// Words before a number that say it is a control-list classification ("ECCN 3A001", "Annex I entry 1C010").
const CLASSIFICATION_WORDS: &[&str] = &[
    "eccn",
    "eccns",
    "ecn",
    "annex",
    "entry",
    "classification",
    "classified",
    "classify",
    "al",
    "ausfuhrliste",
    "ausfuhrlistennummer",
    "ausfuhrlistenposition",
    "dual",
    "controlled",
];

/// Control-list numbers written in `s` ("ECCN 3A001.a.5", "1C010", "AL-Nr. 2B001"): the number (category digit,
/// group letter, three digits, optional sub-items) and its byte range. A number the catalogue does not know is
/// kept only after a classification word, so part numbers are not read as entries.
pub fn stated_entries(s: &str) -> Vec<(String, usize, usize)> {
    let cat = catalogue();
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= b.len() && out.len() < 8 {
        let at = |k: usize| b.get(k).copied().unwrap_or(b' ');
        let prev_ok = i == 0 || !(at(i - 1).is_ascii_alphanumeric() || matches!(at(i - 1), b'-' | b'/' | b'.' | b'_'));
        let shape = at(i).is_ascii_digit()
            && matches!(at(i + 1).to_ascii_uppercase(), b'A'..=b'E')
            && at(i + 2).is_ascii_digit()
            && at(i + 3).is_ascii_digit()
            && at(i + 4).is_ascii_digit();
        if !(prev_ok && shape) {
            i += 1;
            continue;
        }
        let mut end = i + 5;
        // sub-items ".a.5", ".b.4"
        while at(end) == b'.' && at(end + 1).is_ascii_alphanumeric() {
            let mut k = end + 1;
            while k < b.len() && k - end <= 3 && at(k).is_ascii_alphanumeric() {
                k += 1;
            }
            if k - end > 3 {
                break;
            }
            end = k;
        }
        if at(end).is_ascii_alphanumeric() {
            i = end;
            continue;
        }
        let raw = s.get(i..end).unwrap_or_default();
        let mut code = raw.get(..1).unwrap_or_default().to_string();
        code.push_str(&raw.get(1..2).unwrap_or_default().to_ascii_uppercase());
        code.push_str(raw.get(2..).unwrap_or_default());
        let head_start = i.saturating_sub(40);
        let head = s.get(head_start..i).or_else(|| s.get(..i)).unwrap_or_default();
        let labelled = text::words(head).iter().rev().take(4).any(|w| CLASSIFICATION_WORDS.contains(&w.as_str()));
        if labelled || !entries_for(cat, &code).is_empty() {
            out.push((code, i, end));
        }
        i = end;
    }
    out
}

/// Catalogue entries a stated number names: the entry itself, its sub-entries ("3A001" → "3A001.a", "3A001.b"),
/// the entry a sub-item belongs to ("3A001.a.5" → "3A001.a"), or an entry whose ECCN equivalents include it.
fn entries_for(cat: &Catalogue, code: &str) -> Vec<usize> {
    let related = |a: &str, b: &str| {
        a.eq_ignore_ascii_case(b)
            || a.len() > b.len()
                && a.get(..b.len()).is_some_and(|x| x.eq_ignore_ascii_case(b))
                && a.as_bytes().get(b.len()) == Some(&b'.')
            || b.len() > a.len()
                && b.get(..a.len()).is_some_and(|x| x.eq_ignore_ascii_case(a))
                && b.as_bytes().get(a.len()) == Some(&b'.')
    };
    let direct: Vec<usize> =
        cat.entries.iter().enumerate().filter(|(_, e)| related(&e.entry, code)).map(|(i, _)| i).collect();
    // "5A992", "3A991": the US numbers for goods that fall outside the listed entry; they name no entry.
    if !direct.is_empty() || code.as_bytes().get(2) == Some(&b'9') {
        return direct;
    }
    cat.entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.eccn.iter().any(|x| related(x.split_whitespace().next().unwrap_or_default(), code)))
        .map(|(i, _)| i)
        .collect()
}

/// A classification the order states is the classification of whoever wrote it (often the supplier's): the
/// entry is taken as met, to be confirmed, unless the order's parameters contradict it (then it asks).
fn apply_stated(desc: &str, out: &mut Vec<ControlMatch>) {
    let cat = catalogue();
    for (code, _, _) in stated_entries(desc) {
        let why = format!("the order states the classification {code}");
        let found = entries_for(cat, &code);
        if found.is_empty() {
            if out.iter().any(|m| m.entry == code) {
                continue;
            }
            // "5A992", "3A991": US anti-terrorism-only numbers (third digit 9) need a licence for few destinations.
            let at_only = code.as_bytes().get(2) == Some(&b'9');
            out.push(ControlMatch {
                entry: code.clone(),
                title: format!("Classification {code} stated in the order (not in this catalogue)"),
                regimes: if at_only { vec![] } else { regimes(&code) },
                eccn: vec![code.clone()],
                confidence: if at_only { 0.45 } else { 0.7 },
                why: vec![why],
                parameter_check: Some(format!(
                    "The order states {code}, which this catalogue does not hold: check the entry in the current Annex I or Commerce Control List and the licence requirement for the destination."
                )),
                controlled: None,
                citation: "Regulation (EU) 2021/821, Annex I; 15 CFR Part 774, Supp. No. 1 (Commerce Control List)".into(),
                verify: true,
            });
            continue;
        }
        for i in found {
            let Some(e) = cat.entries.get(i) else { continue };
            match out.iter_mut().find(|m| m.entry == e.entry) {
                Some(m) => {
                    m.why.insert(0, why.clone());
                    m.confidence = m.confidence.max(DECIDED_CONTROLLED);
                    m.controlled = match m.controlled {
                        Some(false) => None,
                        _ => Some(true),
                    };
                    if m.controlled.is_none() {
                        m.parameter_check.get_or_insert_with(|| e.question.clone());
                    }
                }
                None => out.push(ControlMatch {
                    entry: e.entry.clone(),
                    title: e.title.clone(),
                    regimes: regimes(&e.entry),
                    eccn: e.eccn.clone(),
                    confidence: DECIDED_CONTROLLED,
                    why: vec![why.clone()],
                    parameter_check: (!e.param.is_empty()).then(|| e.question.clone()),
                    controlled: Some(true),
                    citation: e.citation.clone(),
                    verify: false,
                }),
            }
        }
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
        v.push(s);
    }
}

fn assess_entry(
    e: &EntryDef,
    item: &Item,
    strong: Option<&Vec<String>>,
    weak: Option<&Vec<String>>,
    context: Option<&Vec<String>>,
) -> Option<ControlMatch> {
    let mut why: Vec<String> = Vec::new();
    let is_strong = strong.is_some_and(|s| !s.is_empty());
    let mut confidence;
    if let Some(s) = strong {
        why.push(format!("the description names it: {}", quote_list(s)));
        confidence = e.base.unwrap_or(0.6);
    } else {
        confidence = WEAK_BASE;
        if let Some(w) = weak {
            why.push(format!("general wording that fits: {}", quote_list(w)));
        }
    }
    let mut corroborated = false;
    if let Some(c) = context {
        why.push(format!("supporting words: {}", quote_list(c)));
        confidence += if is_strong { CONTEXT_BONUS_STRONG } else { CONTEXT_BONUS_WEAK };
        corroborated = true;
    }
    if let Some(h) = hs_match(item.hs.as_deref(), &e.hs) {
        why.push(format!(
            "HS {} falls under the indicative heading {h} (HS codes only correlate; parameters decide)",
            item.hs.as_deref().unwrap_or_default()
        ));
        confidence += HS_BONUS;
        corroborated |= is_strong;
    }
    let controls: Vec<&ParamDef> = e.param.iter().filter(|p| p.role == ParamRole::Control).collect();
    let exclusions: Vec<&ParamDef> = e.param.iter().filter(|p| p.role == ParamRole::Exclude).collect();
    let mut results: Vec<Option<bool>> = Vec::new();
    let mut any_param = false;
    let mut verify = false;
    for d in &controls {
        let o = evaluate_param(d, &item.parameters, &e.param);
        if let Some(w) = o.why {
            why.push(w);
            any_param = true;
            verify |= d.verify;
        }
        results.push(o.met);
    }
    let mut excluded = false;
    for d in &exclusions {
        let o = evaluate_param(d, &item.parameters, &e.param);
        if let Some(w) = o.why {
            any_param = true;
            verify |= d.verify;
            if o.met == Some(true) {
                excluded = true;
                why.push(format!("exclusion applies: {w}"));
            } else {
                why.push(w);
            }
        }
    }
    // Indicative figures corroborate, as a parameter and as a supporting word, when the order states them all and
    // all are inside the entry (a 0-10 kPa transducer of ±0.2 %; not an HVAC sensor of ±2 %, nor ±0.25 % alone).
    let indicative: Vec<ParamOutcome> = e
        .param
        .iter()
        .filter(|p| p.role == ParamRole::Indicative)
        .map(|d| evaluate_param(d, &item.parameters, &e.param))
        .collect();
    if !indicative.is_empty() && indicative.iter().all(|o| o.met == Some(true)) {
        why.extend(indicative.into_iter().filter_map(|o| o.why));
        any_param = true;
        confidence += CONTEXT_BONUS_WEAK;
    }
    if any_param {
        confidence += PARAM_BONUS;
        corroborated = true;
    }
    if !is_strong && !corroborated {
        return None;
    }
    let logic_any = e.logic == Logic::Any;
    let mut controlled = if results.is_empty() {
        None
    } else if logic_any {
        if results.contains(&Some(true)) {
            Some(true)
        } else if results.iter().all(|r| *r == Some(false)) {
            Some(false)
        } else {
            None
        }
    } else if results.contains(&Some(false)) {
        Some(false)
    } else if results.iter().all(|r| *r == Some(true)) {
        Some(true)
    } else {
        None
    };
    if controlled.is_none() && results.is_empty() && e.named && is_strong {
        controlled = Some(true);
        confidence = confidence.max(NAMED_CONTROLLED);
        why.push("the entry controls the named goods as such".into());
    }
    if excluded {
        controlled = Some(false);
    }
    if controlled == Some(true) {
        confidence = confidence.max(DECIDED_CONTROLLED);
    }
    let confidence = (confidence.min(0.95) * 100.0).round() / 100.0;
    if confidence < LIST_CONFIDENCE && controlled.is_none() {
        return None;
    }
    let parameter_check = match controlled {
        None => Some(e.question.clone()),
        Some(true) if e.named && !e.param.is_empty() => Some(e.question.clone()),
        _ => None,
    };
    Some(ControlMatch {
        entry: e.entry.clone(),
        title: e.title.clone(),
        regimes: regimes(&e.entry),
        eccn: e.eccn.clone(),
        confidence,
        why,
        parameter_check,
        controlled,
        citation: e.citation.clone(),
        verify,
    })
}

fn quote_list(v: &[String]) -> String {
    v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

/// When an order has no items, sentences of the text that name a listed item are reported as items, so a pasted
/// e-mail is still classified: a specific (strong) term alone, or a weak term ("Frequenzumrichter", "biorreactor")
/// that the same sentence corroborates as [`classify`] asks (a context word or a parameter of the entry).
pub fn items_in_text(text: &str) -> Vec<(String, Span)> {
    let cat = catalogue();
    let mut out = Vec::new();
    for (s, e) in text::sentences(text) {
        if out.len() >= 20 {
            break;
        }
        let Some(sentence) = text.get(s..e) else { continue };
        if sentence.len() > 600 {
            continue;
        }
        let toks = text::tokens(sentence);
        let keys = terms::keys(&toks);
        let corroborated = || {
            !cat.weak.find_all(sentence, &toks, &keys).is_empty() && {
                let it = Item { description: sentence.trim().to_string(), ..Item::default() };
                !classify(&crate::order::complete_item(&it)).0.is_empty()
            }
        };
        if !cat.strong.find_all(sentence, &toks, &keys).is_empty()
            || !cat.watch_terms.find_all(sentence, &toks, &keys).is_empty()
            || !stated_entries(sentence).is_empty()
            || corroborated()
        {
            out.push((sentence.trim().to_string(), text::span(text, s, e)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{complete_item, Item};

    #[test]
    fn stated_entries_forms() {
        let codes = |t: &str| stated_entries(t).into_iter().map(|c| c.0).collect::<Vec<_>>();
        assert_eq!(codes("FPGA, ECCN 3A001.a.1, HS 8542.39"), vec!["3A001.a.1"]);
        assert_eq!(codes("carbon fibre (Annex I 1C010)"), vec!["1C010"]);
        assert_eq!(codes("AL-Nr. 2B001; ECCN 5A992"), vec!["2B001", "5A992"]);
        // part numbers and codes the catalogue does not know, without a classification word
        assert!(codes("spare part 4B123, article XK-3A001").is_empty());
    }

    #[test]
    fn classify_stated_classification() {
        let (c, _) = classify(&complete_item(&Item {
            description: "encryption module, ECCN 5A002.a.1".into(),
            ..Item::default()
        }));
        assert!(c.iter().any(|m| m.entry == "5A002" && m.controlled == Some(true)), "{c:?}");
        let (c, _) = classify(&complete_item(&Item { description: "router, ECCN 5A992.c".into(), ..Item::default() }));
        let m = c.iter().find(|m| m.entry == "5A992.c").expect("an unknown stated number is shown");
        assert!(m.controlled.is_none() && m.confidence < 0.5, "{m:?}");
    }

    fn item(desc: &str, hs: Option<&str>) -> Item {
        complete_item(&Item { description: desc.into(), hs: hs.map(str::to_string), ..Item::default() })
    }

    fn entries(ms: &[ControlMatch]) -> Vec<&str> {
        ms.iter().map(|m| m.entry.as_str()).collect()
    }

    #[test]
    fn catalogue_parses_and_is_complete() {
        let c = catalogue();
        assert!(c.errors().is_empty(), "{:?}", c.errors());
        assert!(c.entries.len() >= 120, "{}", c.entries.len());
        assert!(!c.watch.is_empty());
        for cat in '0'..='9' {
            assert!(c.entries.iter().any(|e| e.entry.starts_with(cat)), "no entry in category {cat}");
        }
        for n in 1..=22 {
            assert!(c.entry(&format!("ML{n}")).is_some(), "ML{n} missing");
        }
        for e in &c.entries {
            assert!(!e.citation.is_empty() && !e.question.is_empty(), "{}", e.entry);
            assert!(!e.terms.is_empty() || !e.weak.is_empty(), "{} has no wording", e.entry);
            assert!(!regimes(&e.entry).is_empty(), "{}: no regime", e.entry);
            let wa_citation = e.citation.contains("Wassenaar");
            if regimes(&e.entry) == ["WA"] {
                assert!(wa_citation, "{}: a Wassenaar entry should cite the WA list", e.entry);
            }
        }
        for entry in [
            "7A001",
            "7A101",
            "7A002",
            "7A102",
            "7A003",
            "7A103",
            "7A005",
            "7A105",
            "1C010",
            "1C210",
            "1C116",
            "1C216",
            "1C202",
            "1C117",
            "1C111",
            "1C011",
            "1C239",
            "1C350",
            "1C351",
            "1C450",
            "1B001",
            "1B101",
            "1B201",
            "1B115",
            "1B117",
            "2B001",
            "2B201",
            "2B004",
            "2B104",
            "2B204",
            "2B009",
            "2B109",
            "2B209",
            "2B116",
            "2B119",
            "2B219",
            "2B006",
            "2B206",
            "2B226",
            "2B227",
            "2B228",
            "2B230",
            "2B231",
            "2A226",
            "2B350",
            "2B351",
            "2B352",
            "3A001.a",
            "3A002",
            "3A225",
            "3A226",
            "3A227",
            "3A228",
            "3A229",
            "3A230",
            "3A231",
            "3A232",
            "3A233",
            "3A201",
            "4A003",
            "5A001.f",
            "5A001.j",
            "5A002",
            "6A002",
            "6A003.b.4",
            "6A203",
            "6A202",
            "6A005",
            "6A205",
            "1A004",
            "9A012",
            "9B117",
            "0B001",
        ] {
            assert!(c.entry(entry).is_some(), "DOMAIN §3.3 entry {entry} missing");
        }
    }

    #[test]
    fn regimes_from_numbering() {
        assert_eq!(regimes("7A002"), ["WA"]);
        assert_eq!(regimes("7A102"), ["MTCR"]);
        assert_eq!(regimes("2B201"), ["NSG"]);
        assert_eq!(regimes("2B350"), ["AG"]);
        assert_eq!(regimes("1C450"), ["CWC"]);
        assert_eq!(regimes("0B001"), ["NSG"]);
        assert_eq!(regimes("ML4"), ["ML"]);
    }

    #[test]
    fn classify_gyro_with_drift_is_controlled() {
        let (m, _) = classify(&item("Fibre optic gyroscope, three-axis, bias stability 0.01 deg/h", Some("9014.20")));
        assert_eq!(&entries(&m)[..2], ["7A002", "7A102"], "{m:?}");
        assert!(m.iter().take(2).all(|c| c.controlled == Some(true) && c.confidence >= 0.85));
        assert!(m[0].why.iter().any(|w| w.contains("meets")));
    }

    #[test]
    fn classify_gyro_without_parameter_asks() {
        let (m, _) = classify(&item("3-axis fiber optic gyroscopes", None));
        let g = m.iter().find(|c| c.entry == "7A002").expect("7A002");
        assert_eq!(g.controlled, None);
        assert!(g.parameter_check.as_deref().unwrap_or_default().contains("bias"));
    }

    #[test]
    fn classify_gyro_outside_threshold() {
        let (m, _) = classify(&item("MEMS gyro, bias stability 10 deg/h", None));
        let g = m.iter().find(|c| c.entry == "7A002").expect("7A002");
        assert_eq!(g.controlled, Some(false));
    }

    #[test]
    fn classify_carbon_fibre_specific_modulus() {
        let (m, _) = classify(&item("Carbon fibre 12K tow, tensile modulus 290 GPa, tensile strength 1900 MPa", None));
        let nsg = m.iter().find(|c| c.entry == "1C210").expect("1C210");
        assert_eq!(nsg.controlled, Some(true), "{nsg:?}");
        let wa = m.iter().find(|c| c.entry == "1C010").expect("1C010");
        assert_eq!(wa.controlled, Some(false), "{wa:?}");
    }

    #[test]
    fn classify_maraging_needs_thickness() {
        let (m, _) =
            classify(&item("Maraging steel 300 plate, tensile strength 2000 MPa, thickness 3 mm", Some("7225.50")));
        assert_eq!(m.iter().find(|c| c.entry == "1C116").and_then(|c| c.controlled), Some(true));
        assert_eq!(m.iter().find(|c| c.entry == "1C216").and_then(|c| c.controlled), Some(true));
        let (m, _) = classify(&item("Maraging steel bar, tensile strength 1600 MPa", None));
        assert_eq!(m.iter().find(|c| c.entry == "1C216").and_then(|c| c.controlled), Some(false));
        assert_eq!(m.iter().find(|c| c.entry == "1C116").and_then(|c| c.controlled), None);
    }

    #[test]
    fn classify_machine_tool_accuracy() {
        let (m, _) = classify(&item("CNC lathe, positioning accuracy 4 µm", Some("8458.11")));
        assert_eq!(m.iter().find(|c| c.entry == "2B201").and_then(|c| c.controlled), Some(true));
    }

    #[test]
    fn classify_frequency_changer_below_threshold() {
        let (m, _) = classify(&item("Variable frequency drive 75 kW, output frequency 0-400 Hz", Some("8504.40")));
        let f = m.iter().find(|c| c.entry == "3A225").expect("3A225");
        assert_eq!(f.controlled, Some(false));
    }

    #[test]
    fn classify_range_upper_bound_decides() {
        // "from 100 Hz to 1 800 Hz": the upper bound meets 3A225's "600 Hz or more"; "0-400 Hz" stays outside.
        let (m, _) = classify(&item("Frequency converter, output frequency from 100 Hz to 1 800 Hz", None));
        assert_eq!(m.iter().find(|c| c.entry == "3A225").and_then(|c| c.controlled), Some(true));
        let (m, _) = classify(&item("Frequency converter, output frequency from 100 Hz to 400 Hz", None));
        assert_eq!(m.iter().find(|c| c.entry == "3A225").and_then(|c| c.controlled), Some(false));
    }

    #[test]
    fn classify_named_chemical() {
        let (m, _) = classify(&item("Thiodiglycol 99%, 200 kg drums", None));
        assert_eq!(m.first().map(|c| (c.entry.as_str(), c.controlled)), Some(("1C350", Some(true))));
    }

    #[test]
    fn classify_thermal_camera_frame_rate_exclusion() {
        let (m, _) = classify(&item("Thermal imaging camera 640x512, frame rate 9 Hz", None));
        assert_eq!(m.iter().find(|c| c.entry == "6A003.b.4").and_then(|c| c.controlled), Some(false));
        let (m, _) = classify(&item("Thermal imaging camera 640x512, frame rate 30 Hz", None));
        assert_eq!(m.iter().find(|c| c.entry == "6A003.b.4").and_then(|c| c.controlled), None);
    }

    #[test]
    fn classify_ordinary_goods_have_no_candidates() {
        for d in [
            "Work rolls for hot strip mill, forged steel, 2 pcs",
            "Spare parts for hydropower turbine: runner blades, guide vanes, shaft seals",
            "Liquefied natural gas (LNG), 65,000 t",
            "Borosilicate glass beakers 250 ml, Erlenmeyer flasks, burettes, desiccator",
            "Cotton knitted fabric 180 gsm, dyed",
            "Office chairs, ergonomic, mesh back; office desks 160x80 cm",
            "Centrifugal pumps, cast iron, for potable water supply, 45 kW",
            "Steel mill spares: bearings, chocks, gear couplings, hydraulic cylinders",
            "Laboratory centrifuge with fixed-angle rotor, 6 x 50 ml tubes",
            "Carbon fibre bicycle frames",
            "Hand and foot contamination monitor",
        ] {
            let (m, _) = classify(&item(d, None));
            assert!(m.is_empty(), "{d}: {m:?}");
        }
    }

    #[test]
    fn classify_watch_ring_rolling() {
        let (m, w) = classify(&item("Radial-axial ring rolling machine, ring diameter 2500 mm", Some("8463.90")));
        assert!(m.iter().all(|c| c.controlled != Some(true)), "{m:?}");
        assert_eq!(w.len(), 1);
        assert_eq!(catalogue().watch.get(w[0].index).map(|x| x.code.as_str()), Some("item.watch.ring-rolling"));
    }

    #[test]
    fn items_in_text_finds_strong_mentions() {
        let t = "Dear Sir, please quote. We need fibre optic gyroscopes for our project. Regards.";
        let found = items_in_text(t);
        assert_eq!(found.len(), 1);
        assert!(found[0].0.contains("gyroscopes"));
    }

    #[test]
    fn items_in_text_finds_corroborated_weak_mentions() {
        let t =
            "Necesitamos un biorreactor de 50 litros, esterilizable in situ. Saludos. Our lab also has a bioreactor.";
        let found = items_in_text(t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.contains("50 litros"));
    }

    /// The item words of issue 14 in every language find their entry, and the parameter names of each language
    /// are read as the parameter the entry tests.
    #[test]
    fn classify_items_in_every_language() {
        let with = |d: &str, entry: &str| {
            let (m, w) = classify(&item(d, None));
            let watch: Vec<&str> =
                w.iter().filter_map(|h| catalogue().watch.get(h.index).map(|x| x.code.as_str())).collect();
            (m.into_iter().find(|c| c.entry == entry), watch)
        };
        // (description, entry, decided: Some(controlled) when the parameter settles it)
        let cases: &[(&str, &str, Option<bool>)] = &[
            ("Vakuumpumpe, Saugvermögen 20 m³/s", "2B231", Some(true)),
            ("Turbomolekularpumpe, Saugvermögen 1200 m³/h", "2B231", Some(false)),
            ("pompe à vide, vitesse de pompage 20 m³/s", "2B231", Some(true)),
            ("bomba de vacío, velocidad de bombeo 20 m³/s", "2B231", Some(true)),
            ("вакуумный насос, быстрота действия 20 m³/s", "2B231", Some(true)),
            ("vakum pompası, pompalama hızı 20 m³/s", "2B231", Some(true)),
            ("涡轮分子泵，抽速 20 m³/s", "2B231", Some(true)),
            ("Massenspektrometer, Massenbereich bis 300 u, hohe Auflösung", "3A233", None),
            ("spectromètre de masse, haute résolution", "3A233", None),
            ("масс-спектрометр, высокое разрешение", "3A233", None),
            ("faseroptischer Kreisel, Biasstabilität 0.01 deg/h", "7A002", Some(true)),
            ("gyroscope à fibre optique, dérive 5 deg/h", "7A002", Some(false)),
            ("волоконно-оптический гироскоп", "7A002", None),
            ("fiber optik jiroskop", "7A002", None),
            ("光纤陀螺仪，零偏稳定性 0.01 deg/h", "7A002", Some(true)),
            ("Kohlenstofffaser 12K, Zugfestigkeit 4900 MPa, Zugmodul 230 GPa", "1C210", Some(true)),
            ("fibre de carbone 12K", "1C010", None),
            ("углеродное волокно 12K", "1C010", None),
            ("碳纤维 12K", "1C010", None),
            ("martensitaushärtender Stahl, Blech", "1C116", None),
            ("acero maraging, chapa", "1C116", None),
            ("мартенситно-стареющая сталь, лист", "1C116", None),
            ("马氏体时效钢板", "1C216", None),
            ("CNC-Drehmaschine, Positioniergenauigkeit 4 µm", "2B201", Some(true)),
            ("tour à commande numérique, précision de positionnement 4 µm", "2B201", Some(true)),
            ("токарный станок с ЧПУ", "2B001", None),
            ("数控车床，定位精度 4 µm", "2B201", Some(true)),
            ("Frequenzumrichter, Ausgangsfrequenz 1000 Hz", "3A225", None),
            ("преобразователь частоты, выходная частота 50 Hz", "3A225", Some(false)),
            ("Drückwalzmaschine mit drei Rollen", "2B209", None),
            ("旋压机", "2B009", None),
            ("Faserwickelmaschine", "1B001", None),
            ("máquina de devanado de filamentos", "1B001", None),
            ("Nachtsichtgerät", "ML15", None),
            ("прибор ночного видения", "ML15", None),
            ("беспилотный летательный аппарат", "9A012", None),
            ("insansız hava aracı", "9A012", None),
        ];
        for (d, entry, decided) in cases {
            let (m, _) = with(d, entry);
            let m = m.unwrap_or_else(|| panic!("{d}: no {entry}: {:?}", classify(&item(d, None)).0));
            if let Some(c) = decided {
                assert_eq!(m.controlled, Some(*c), "{d}: {m:?}");
            }
        }
        for (d, code) in [
            ("Ringwalzmaschine, Ringdurchmesser 2500 mm", "item.watch.ring-rolling"),
            ("кольцераскатная машина", "item.watch.ring-rolling"),
            ("数控辗环机", "item.watch.ring-rolling"),
            ("Kontaminationsmonitor für Hände und Füße", "item.watch.radiation-monitoring"),
            ("contrôleur mains-pieds", "item.watch.radiation-monitoring"),
        ] {
            let (_, w) = with(d, "");
            assert!(w.contains(&code), "{d}: {w:?}");
        }
    }

    /// Issue 14, second batch: parameter names with a one-letter word ("résistance à la traction"), thermal
    /// imaging cores, spherical aluminium powder in every language, and "BZ" only as the agent's name.
    #[test]
    fn classify_issue_14_second_batch() {
        let find = |d: &str, entry: &str| classify(&item(d, None)).0.into_iter().find(|c| c.entry == entry);
        let fibre = "Fibre de carbone PAN 12K, module de traction 294 GPa, résistance à la traction 5 490 MPa, densité 1,80 g/cm³";
        assert_eq!(find(fibre, "1C010").and_then(|c| c.controlled), Some(true));
        let weak = "Fibre de carbone PAN 12K, module de traction 230 GPa, résistance à la traction 3 530 MPa";
        assert_eq!(find(weak, "1C010").and_then(|c| c.controlled), Some(false));
        for d in ["uncooled thermal imaging core, 640 × 512, 30 Hz frame rate", "Wärmebildkerne 640 × 512, 30 Hz"] {
            assert!(find(d, "6A003.b.4").is_some(), "{d}");
        }
        for d in [
            "polvo de aluminio esférico, tamaño de partícula 5 µm",
            "poudre d'aluminium sphérique",
            "sphärisches Aluminiumpulver",
            "сферический алюминиевый порошок",
            "küresel alüminyum tozu",
            "球形铝粉",
        ] {
            assert!(find(d, "1C111").is_some(), "{d}");
        }
        assert!(find("Lager in der Industriezone 8, 39028 Schlanders (BZ), Italien", "1C450").is_none());
        assert!(find("Agent BZ (3-quinuclidinyl benzilate), 5 kg", "1C450").is_some());
    }

    #[test]
    fn classify_notes_release_the_goods_they_name() {
        for d in [
            "Carbon fibre bicycle forks",
            "碳纤维自行车车架",
            "Kohlefaser-Fahrradrahmen",
            "CNC gear hobbing machine",
            "Smartphone, mass market, AES encryption",
            "Superconducting magnet for MRI",
        ] {
            let (m, _) = classify(&item(d, None));
            assert!(m.iter().all(|c| c.controlled != Some(true) && c.confidence < 0.5), "{d}: {m:?}");
        }
        // the fibre itself, even when bought for frames
        let (m, _) = classify(&item("Carbon fibre 12K tow for bicycle frames", None));
        assert!(m.iter().any(|c| c.entry == "1C010"), "{m:?}");
    }
}

#[cfg(test)]
#[path = "items_words_tests.rs"]
mod words_tests;
