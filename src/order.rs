//! Stage 1: pasted order text (labelled fields, e-mail prose, CSV/TSV rows) or an order object → [`Order`]:
//! parties with roles, items with quantities, HS codes and technical parameters, destination, routing, end use,
//! payment and delivery.
//!
//! The parser reads, in this order: tables with a recognised header row (`role,name,country` or order-like
//! columns); labelled fields (`Buyer:`, `Käufer:`, `Грузополучатель:`, labels from `src/data/labels.toml`, with the
//! value on the same line or in the block below); e-mail prose ("we are buying for our customer X", "the goods
//! will be shipped via Dubai"); a signature block after "Best regards"; and list lines that look like goods.
//! Every party, item and field keeps a [`Span`] (byte offsets into the text) so the page can highlight it.
//! Countries come from country names, a gazetteer of cities ([`crate::rules::geo`]) and ISO codes.
//!
//! It never fails and does a bounded amount of work per byte (lines, tokens and phrase sets indexed by first
//! word), so a large paste of junk costs time linear in its size. Text it cannot place is still searched by the
//! rules.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::report::Span;
use crate::rules::geo::{geo, PlaceKind};
use crate::rules::text::{self, PhraseSet, Token};

const LABELS_TOML: &str = include_str!("data/labels.toml");

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
    /// "buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party".
    pub role: String,
    pub name: String,
    pub address: Option<String>,
    /// ISO-2 country code.
    pub country: Option<String>,
    /// Where the party was read from in the text.
    pub span: Option<Span>,
    /// Words the text uses about the party ("our forwarder", "a nuclear power station in Chashma").
    pub descriptor: Option<String>,
    /// How the party was read: "label", "table", "prose", "signature" (empty for a caller's object).
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

// ---------------------------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDef {
    key: String,
    kind: String,
    labels: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    label_fillers: Vec<String>,
    non_names: Vec<String>,
    legal_words: Vec<String>,
    count_units: Vec<String>,
    param_stop: Vec<String>,
    pre_name: Vec<String>,
    not_names: Vec<String>,
    connectors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitDef {
    unit: String,
    factor: f64,
    #[serde(default)]
    offset: f64,
    written: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComparatorDef {
    op: String,
    written: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerDef {
    kind: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    priority: Option<u8>,
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    field: Vec<FieldDef>,
    words: Words,
    unit: Vec<UnitDef>,
    comparator: Vec<ComparatorDef>,
    trigger: Vec<TriggerDef>,
}

/// A written unit: (as written, normalised unit, factor, offset).
type Unit = (String, String, f64, f64);

#[derive(Debug, Default)]
struct Labels {
    defs: Vec<FieldDef>,
    by_words: HashMap<Vec<String>, usize>,
    longest: usize,
    label_fillers: HashSet<String>,
    non_names: HashSet<String>,
    legal_words: HashSet<String>,
    count_units: HashSet<String>,
    param_stop: HashSet<String>,
    pre_name: HashSet<String>,
    not_names: HashSet<String>,
    connectors: HashSet<String>,
    /// Longest written form first.
    units: Vec<Unit>,
    /// (as written, operator), longest first.
    comparators: Vec<(String, String)>,
    triggers: PhraseSet<Trigger>,
    error: Option<String>,
}

fn labels() -> &'static Labels {
    static L: OnceLock<Labels> = OnceLock::new();
    L.get_or_init(|| match toml::from_str::<LabelsFile>(LABELS_TOML) {
        Ok(f) => {
            let mut l = Labels::default();
            for (i, d) in f.field.iter().enumerate() {
                for lab in &d.labels {
                    let w = text::words(lab);
                    l.longest = l.longest.max(w.len());
                    l.by_words.entry(w).or_insert(i);
                }
            }
            l.defs = f.field;
            let set = |v: Vec<String>| v.into_iter().collect::<HashSet<String>>();
            l.label_fillers = set(f.words.label_fillers);
            l.non_names = set(f.words.non_names);
            l.legal_words = set(f.words.legal_words);
            l.count_units = set(f.words.count_units);
            l.param_stop = set(f.words.param_stop);
            l.pre_name = set(f.words.pre_name);
            l.not_names = set(f.words.not_names);
            l.connectors = set(f.words.connectors);
            for u in f.unit {
                for w in u.written {
                    l.units.push((w, u.unit.clone(), u.factor, u.offset));
                }
            }
            l.units.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
            for c in f.comparator {
                for w in c.written {
                    l.comparators.push((w, c.op.clone()));
                }
            }
            l.comparators.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
            for t in f.trigger {
                let trigger = match (t.kind.as_str(), t.role) {
                    ("party", Some(role)) => Trigger::Party(role),
                    ("via", _) => Trigger::Via,
                    ("destination", _) => Trigger::Destination(t.priority.unwrap_or(1)),
                    ("end-use", _) => Trigger::EndUse,
                    ("payment", _) => Trigger::Payment,
                    ("delivery", _) => Trigger::Delivery,
                    (other, _) => {
                        l.error = Some(format!("src/data/labels.toml: unknown trigger kind \"{other}\""));
                        continue;
                    }
                };
                for ph in &t.phrases {
                    l.triggers.add(ph, trigger.clone(), false);
                }
            }
            l
        }
        Err(e) => Labels { error: Some(format!("src/data/labels.toml: {e}")), ..Labels::default() },
    })
}

/// Whether a folded word is in one of the vocabulary's word lists.
fn is_in(set: &HashSet<String>, w: &str) -> bool {
    set.contains(w)
}

/// Data errors of the label table (empty when it parsed).
pub fn data_errors() -> Vec<String> {
    labels().error.iter().cloned().collect()
}

/// The field a label stands for. `strict` allows no filler words (a line that is only a label, a table cell).
fn match_label(label: &str, strict: bool) -> Option<&'static FieldDef> {
    let l = labels();
    // Parenthesised remarks and alternatives after a slash do not name the field: "Consignee (ship to)".
    let mut cleaned = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let first = cleaned.split(" / ").next().unwrap_or_default();
    let mut words = text::words(first);
    while words.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
        words.remove(0);
    }
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let filler = |ws: &[String]| ws.iter().all(|w| is_in(&l.label_fillers, w));
    for n in (1..=l.longest.min(words.len())).rev() {
        let (head, rest) = words.split_at(n);
        if let Some(&i) = l.by_words.get(head) {
            if rest.is_empty() || (!strict && rest.len() <= 4 && filler(rest)) {
                return l.defs.get(i);
            }
        }
    }
    if !strict {
        for k in 1..words.len() {
            let (lead, tail) = words.split_at(k);
            if let Some(&i) = l.by_words.get(tail) {
                if filler(lead) {
                    return l.defs.get(i);
                }
            }
        }
    }
    None
}

/// The role a table cell or a caller's word names ("End user" → "endUser"), if it names one.
pub fn role_for(label: &str) -> Option<String> {
    let t = label.trim();
    if ["buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party"].contains(&t) {
        return Some(t.to_string());
    }
    match_label(t, true).filter(|d| d.kind == "party").map(|d| d.key.clone())
}

// ---------------------------------------------------------------------------------------------------------------
// Small lexical helpers
// ---------------------------------------------------------------------------------------------------------------

fn is_non_name(v: &str) -> bool {
    let w = text::words(v).join(" ");
    w.is_empty() || is_in(&labels().non_names, &w) || w.chars().all(|c| !c.is_alphanumeric() || c == ' ')
}

fn is_legal_segment(seg: &str) -> bool {
    let w = text::words(seg);
    !w.is_empty() && w.len() <= 4 && w.iter().all(|x| is_in(&labels().legal_words, x))
}

/// Splits `s` at commas and semicolons outside brackets, returning trimmed sub-slices.
fn segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(s.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or_default());
    out.into_iter().map(str::trim).filter(|x| !x.is_empty()).collect()
}

/// Removes list bullets and numbering from the start of a line ("1. ", "- ", "• ", "a) ", "**").
fn strip_bullet(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        let before = s;
        s = s.trim_start_matches(['-', '*', '•', '·', '#', '>', '–', '—', '▪', '◦']).trim_start();
        let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
        if (1..=3).contains(&digits) {
            let rest = s.get(digits..).unwrap_or_default();
            if let Some(r) = rest.strip_prefix(['.', ')']) {
                if r.starts_with(' ') || r.starts_with('\t') {
                    s = r.trim_start();
                }
            }
        } else if s.len() > 2
            && s.as_bytes().get(1) == Some(&b')')
            && s.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase())
        {
            s = s.get(2..).unwrap_or_default().trim_start();
        }
        if s == before {
            return s;
        }
    }
}

/// A value as written, without surrounding markdown or quotes.
fn clean_value(v: &str) -> &str {
    v.trim().trim_matches(|c: char| c == '*' || c == '"' || c == '_' || c == '`').trim()
}

fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers, units, quantities, HS codes, parameters
// ---------------------------------------------------------------------------------------------------------------

/// Reads a number at the start of `s` ("2,500", "0,01", "1.5e3", "5 × 10^3"): value and bytes read.
fn read_number(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    while end < b.len() {
        let c = b.get(end).copied().unwrap_or(b' ');
        let next_digit = b.get(end + 1).is_some_and(|x| x.is_ascii_digit());
        if c.is_ascii_digit() || ((c == b'.' || c == b',') && next_digit) {
            end += 1;
        } else {
            break;
        }
    }
    let raw = s.get(..end)?;
    let commas = raw.matches(',').count();
    let dots = raw.matches('.').count();
    let normal: String = if commas > 0 && dots > 0 {
        let dec = if raw.rfind(',') > raw.rfind('.') { ',' } else { '.' };
        raw.chars()
            .filter(|&c| c != if dec == ',' { '.' } else { ',' })
            .map(|c| if c == ',' { '.' } else { c })
            .collect()
    } else if commas > 0 {
        let groups: Vec<&str> = raw.split(',').collect();
        let thousands = groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.first().is_some_and(|g| g.len() <= 3 && !g.starts_with('0'));
        if thousands {
            raw.replace(',', "")
        } else if commas == 1 {
            raw.replace(',', ".")
        } else {
            return None;
        }
    } else if dots > 1 {
        let groups: Vec<&str> = raw.split('.').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) {
            raw.replace('.', "")
        } else {
            return None;
        }
    } else {
        raw.to_string()
    };
    let mut value: f64 = normal.parse().ok()?;
    // Exponents: "1.5e3", "5x10^3", "5 × 10⁶", "5*10^-3"
    let rest = s.get(end..).unwrap_or_default();
    if let Some((exp, used)) = read_exponent(rest) {
        value *= 10f64.powi(exp);
        end += used;
    }
    value.is_finite().then_some((value, end))
}

fn read_exponent(rest: &str) -> Option<(i32, usize)> {
    let t = rest.trim_start_matches(' ');
    let lead = rest.len() - t.len();
    if let Some(e) = t.strip_prefix(['e', 'E']) {
        let (sign, e2) = match e.strip_prefix(['-', '−']) {
            Some(x) => (-1, x),
            None => (1, e.strip_prefix('+').unwrap_or(e)),
        };
        let digits: String = e2.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = e2.get(digits.len()..).unwrap_or_default();
        if !digits.is_empty() && digits.len() <= 3 && !after.starts_with(|c: char| c.is_alphanumeric()) {
            let n: i32 = digits.parse().ok()?;
            return Some((sign * n, lead + (t.len() - after.len())));
        }
        return None;
    }
    let x = t.strip_prefix(['x', 'X', '×', '*'])?;
    let x = x.trim_start_matches(' ');
    let x = x.strip_prefix("10")?;
    let (sign, body, caret) = if let Some(y) = x.strip_prefix('^') {
        match y.strip_prefix(['-', '−']) {
            Some(z) => (-1, z, true),
            None => (1, y, true),
        }
    } else if let Some(y) = x.strip_prefix('⁻') {
        (-1, y, false)
    } else {
        (1, x, false)
    };
    let mut n = 0i32;
    let mut used = 0;
    for c in body.chars() {
        let d = if caret {
            c.to_digit(10)
        } else {
            "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).map(|p| p as u32)
        };
        match d {
            Some(d) if used < 9 => {
                n = n * 10 + d as i32;
                used += c.len_utf8();
            }
            _ => break,
        }
    }
    if used == 0 {
        return None;
    }
    let after = body.get(used..).unwrap_or_default();
    Some((sign * n, lead + (t.len() - after.len())))
}

/// The unit written at the start of `s` (after at most one space or a hyphen): normalised unit, factor,
/// offset and bytes read.
fn read_unit(s: &str) -> Option<(&'static str, f64, f64, usize)> {
    let t = s.strip_prefix(' ').or_else(|| s.strip_prefix('-')).or_else(|| s.strip_prefix('\u{a0}')).unwrap_or(s);
    let lead = s.len() - t.len();
    for (w, unit, factor, offset) in &labels().units {
        if let Some(rest) = t.strip_prefix(w.as_str()) {
            let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '²' && c != '³');
            if boundary {
                return Some((unit, *factor, *offset, lead + w.len()));
            }
        }
    }
    None
}

/// A quantity in `s`: (text, value, unit, byte range in s).
fn find_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let lower = s.to_lowercase();
    // 1. labelled: "Qty: 20 pcs", "Quantity 20", "Menge: 20 Stück"
    for lab in ["qty", "quantity", "menge", "quantité", "qté", "cantidad", "количество", "кол-во"] {
        if let Some(p) = lower.find(lab) {
            let at = p + lab.len();
            if lower.get(p.saturating_sub(1)..p).is_some_and(|c| c.chars().all(char::is_alphanumeric) && !c.is_empty())
            {
                continue;
            }
            let rest = s.get(at..).unwrap_or_default();
            let skip = rest.len() - rest.trim_start_matches([':', '.', ' ', '=', '\t', '-']).len();
            let num_at = at + skip;
            if let Some((v, used)) = s.get(num_at..).and_then(read_number) {
                let after = s.get(num_at + used..).unwrap_or_default();
                let unit = count_unit_at(after);
                let end = num_at + used + unit.as_ref().map(|u| u.1).unwrap_or(0);
                let text = s.get(p..end).unwrap_or_default().to_string();
                return Some((text, v, unit.map(|u| u.0).unwrap_or_default(), p, end));
            }
        }
    }
    // 2. "20 pcs", "2,000 kg", "20 x ", "order 2 machines"
    count_quantity(s)
}

/// At most the last `max` bytes of `s[..end]`, cut at a character boundary.
fn tail(s: &str, end: usize, max: usize) -> &str {
    let mut start = end.saturating_sub(max);
    while start > 0 && !s.is_char_boundary(start) {
        start -= 1;
    }
    s.get(start..end).unwrap_or_default()
}

/// "2.000 unidades": a dot followed by three digits before a count unit is a thousands separator.
fn european_thousands(raw: &str, v: f64) -> f64 {
    let mut parts = raw.split('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) if !a.is_empty() && a.len() <= 3 && b.len() == 3 && !a.starts_with('0') => {
            format!("{a}{b}").parse().unwrap_or(v)
        }
        _ => v,
    }
}

fn count_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !b.get(i - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b','));
        if starts {
            if let Some((v, used)) = s.get(i..).and_then(read_number) {
                let after = s.get(i + used..).unwrap_or_default();
                if let Some((u, ul)) = count_unit_at(after) {
                    let end = i + used + ul;
                    let v = european_thousands(s.get(i..i + used).unwrap_or_default(), v);
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, u, i, end));
                }
                let t = after.trim_start();
                if (t.starts_with("x ") || t.starts_with("× ") || t.starts_with("X ")) && i == 0 {
                    let end = i + used;
                    return Some((s.get(i..end).unwrap_or_default().to_string(), v, String::new(), i, end));
                }
                // "order 1 coffee roasting machine", "need 20 gyroscopes": a number right after an order verb
                let before = text::words(tail(s, i, 24));
                if matches!(
                    before.last().map(String::as_str),
                    Some("order" | "need" | "require" | "quote" | "supply" | "purchase" | "buy")
                ) {
                    let end = i + used;
                    return Some((s.get(i..end).unwrap_or_default().to_string(), v, String::new(), i, end));
                }
                i += used.max(1);
                continue;
            }
        }
        i += 1;
    }
    None
}

fn count_unit_at(after: &str) -> Option<(String, usize)> {
    let t = after.trim_start_matches([' ', '\u{a0}']);
    let lead = after.len() - t.len();
    if lead > 2 {
        return None;
    }
    let word: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    if word.is_empty() {
        return None;
    }
    let w = word.to_lowercase();
    // "450 m3/h", "5 kg/m": a rate, not a quantity
    if t.get(word.len()..).is_some_and(|r| r.starts_with('/')) {
        return None;
    }
    let dot = t.get(word.len()..).is_some_and(|r| r.starts_with('.'));
    is_in(&labels().count_units, &w).then(|| (word.clone(), lead + word.len() + usize::from(dot && w == "no")))
}

/// An HS/CN code in `s`: normalised ("9014.20.00") and its byte range.
fn find_hs(s: &str) -> Option<(String, usize, usize)> {
    let lower = s.to_lowercase();
    const LABELS: &[&str] = &[
        "hs code",
        "hs-code",
        "h.s. code",
        "h.s.",
        "hts",
        "hs",
        "cn code",
        "cn",
        "tariff code",
        "tariff",
        "customs code",
        "commodity code",
        "zolltarifnummer",
        "warentarifnummer",
        "code sh",
        "тн вэд",
        "тнвэд",
    ];
    for lab in LABELS {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|x| x.find(lab)).map(|x| x + from) {
            from = p + lab.len();
            let before_ok = p == 0 || !lower.get(..p).and_then(|x| x.chars().last()).is_some_and(char::is_alphanumeric);
            let after = s.get(p + lab.len()..).unwrap_or_default();
            if !before_ok || after.starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            let trimmed = after.trim_start_matches([':', '.', ' ', '#', '-', '\t', '=']);
            let trimmed = trimmed.strip_prefix("no").or_else(|| trimmed.strip_prefix("No")).unwrap_or(trimmed);
            let trimmed = trimmed.trim_start_matches([':', '.', ' ', '#']);
            let at = p + lab.len() + (after.len() - trimmed.len());
            if let Some((code, used)) = read_hs_digits(trimmed) {
                return Some((code, p, at + used));
            }
        }
    }
    // An unlabelled code with at least two dot groups ("8458.11.00").
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !b.get(i - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.'))
        {
            let rest = s.get(i..).unwrap_or_default();
            if let Some((code, used)) = read_hs_digits(rest) {
                if code.matches('.').count() >= 2 {
                    return Some((code, i, i + used));
                }
            }
        }
    }
    None
}

fn read_hs_digits(s: &str) -> Option<(String, usize)> {
    let mut digits = String::new();
    let mut used = 0;
    let mut last_digit_end = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            digits.push(c);
            last_digit_end = i + 1;
            if digits.len() > 10 {
                return None;
            }
        } else if (c == '.' || c == ' ')
            && !digits.is_empty()
            && s.get(i + 1..).is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))
        {
            if c == ' ' && !digits.len().is_multiple_of(2) {
                break;
            }
        } else {
            break;
        }
        used = i + c.len_utf8();
    }
    let _ = used;
    if !(4..=10).contains(&digits.len()) || !digits.len().is_multiple_of(2) {
        return None;
    }
    let chapter: u32 = digits.get(..2)?.parse().ok()?;
    if !(1..=97).contains(&chapter) {
        return None;
    }
    let mut code = digits.get(..4)?.to_string();
    let mut k = 4;
    while k < digits.len() {
        code.push('.');
        code.push_str(digits.get(k..(k + 2).min(digits.len()))?);
        k += 2;
    }
    Some((code, last_digit_end))
}

/// Technical parameters written with units in `s` ("bias stability 0.01 deg/h"), skipping the byte range `skip`
/// (the quantity).
pub fn parameters(s: &str, skip: Option<(usize, usize)>) -> Vec<Parameter> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < 40 {
        let digit = b.get(i).is_some_and(|c| c.is_ascii_digit());
        let prev_ok = i == 0
            || !b.get(i - 1).is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || *c == b'.'
                    || *c == b','
                    || *c == b'-' && i >= 2 && b.get(i - 2).is_some_and(|c| c.is_ascii_alphabetic())
            });
        if !(digit && prev_ok) || skip.is_some_and(|(a, z)| i >= a && i < z) {
            i += 1;
            continue;
        }
        let Some((value, used)) = s.get(i..).and_then(read_number) else {
            i += 1;
            continue;
        };
        let after = s.get(i + used..).unwrap_or_default();
        let Some((unit, factor, offset, ulen)) = read_unit(after) else {
            i += used.max(1);
            continue;
        };
        let end = i + used + ulen;
        let before = s.get(..i).unwrap_or_default();
        let (comparator, name_end) = comparator_before(before);
        let mut name = param_name(s.get(..name_end).unwrap_or_default());
        let mut text_start = name_start(s, name_end, &name);
        let mut text_end = end;
        if name.is_empty() {
            // "0.01 deg/h bias stability": the name after the value
            let tail = s.get(end..).unwrap_or_default();
            let cut = tail.find([',', ';', '(', ')', '\n', '|', '\t']).unwrap_or(tail.len());
            let words: Vec<String> = text::words(tail.get(..cut).unwrap_or_default())
                .into_iter()
                .filter(|w| !is_in(&labels().param_stop, w))
                .take(3)
                .collect();
            if !words.is_empty() {
                name = words.join(" ");
                text_end = end + cut;
                text_start = i;
            }
        }
        out.push(Parameter {
            name,
            value: value * factor + offset,
            unit: unit.to_string(),
            text: s.get(text_start..text_end).unwrap_or_default().trim().to_string(),
            comparator,
        });
        i = end;
    }
    out
}

fn comparator_before(before: &str) -> (Option<String>, usize) {
    let t = before.trim_end_matches([' ', ':', '=', '\t', '~', '±', '≈']);
    let lower = t.to_lowercase();
    for (w, c) in &labels().comparators {
        if lower.ends_with(w) {
            let at = t.len().saturating_sub(w.len());
            let boundary = !w.chars().all(char::is_alphabetic)
                || lower.get(..at).and_then(|x| x.chars().last()).is_none_or(|c| !c.is_alphanumeric());
            if boundary && t.is_char_boundary(at) {
                return (Some((*c).to_string()), at);
            }
        }
    }
    (None, t.len())
}

fn param_name(before: &str) -> String {
    let cut = before.rfind([',', ';', '(', ')', '\n', '|', '\t', ':']).map(|p| p + 1).unwrap_or(0);
    let seg = before.get(cut..).unwrap_or_default();
    // A name is the words just before the value; earlier words belong to the description.
    let words: Vec<String> = text::words(seg);
    let mut picked: Vec<String> = Vec::new();
    for w in words.iter().rev() {
        if ["with", "and", "having", "incl", "including", "for", "in"].contains(&w.as_str())
            || w.chars().all(|c| c.is_ascii_digit())
        {
            break;
        }
        if is_in(&labels().param_stop, w) {
            continue;
        }
        picked.push(w.clone());
        if picked.len() >= 4 {
            break;
        }
    }
    picked.reverse();
    picked.join(" ")
}

/// Where the parameter's text starts: at its first name word, found backwards from `end`.
fn name_start(s: &str, end: usize, name: &str) -> usize {
    let Some(first) = name.split(' ').next().filter(|w| !w.is_empty()) else { return end };
    let head = s.get(..end).unwrap_or_default();
    let lower = text::fold(head);
    // fold keeps byte lengths for ASCII; for other text fall back to the value itself
    if lower.len() != head.len() {
        return end;
    }
    lower.rfind(first).unwrap_or(end)
}

/// Reads one goods line (plus continuation lines): description, quantity, HS code and parameters.
fn item_from(text: &str, line: &str, extra: &[&str]) -> Item {
    let line = strip_bullet(line);
    let line = truncate_at_char(line, MAX_DESCRIPTION);
    let mut description = clean_value(line).to_string();
    for e in extra {
        description.push_str("; ");
        description.push_str(clean_value(strip_bullet(e)));
    }
    let description = truncate_at_char(&description, MAX_DESCRIPTION).to_string();
    let qty = find_quantity(&description);
    let hs = find_hs(&description);
    let mut skip = qty.as_ref().map(|q| (q.3, q.4));
    if let (Some((_, a, z)), None) = (&hs, skip) {
        skip = Some((*a, *z));
    }
    let mut params = parameters(&description, skip);
    if let Some((_, a, z)) = &hs {
        params.retain(|p| !p.text.is_empty() && !(description.find(&p.text).is_some_and(|x| x >= *a && x < *z)));
    }
    let start = text::offset_in(text, line);
    let last = extra.last().copied().unwrap_or(line);
    let end = text::offset_in(text, last).map(|o| o + last.len());
    let span = match (start, end) {
        (Some(s), Some(e)) if e >= s => Some(text::span(text, s, e)),
        _ => Some(text::slice_span(text, line)),
    };
    Item {
        description,
        quantity: qty.as_ref().map(|q| q.0.clone()),
        quantity_value: qty.as_ref().map(|q| q.1),
        unit: qty.as_ref().map(|q| q.2.clone()).filter(|u| !u.is_empty()),
        hs: hs.map(|h| h.0),
        parameters: params,
        span,
    }
}

/// Completes a caller's item: parameters, quantity and HS code read from its description when absent.
pub fn complete_item(item: &Item) -> Item {
    let mut it = item.clone();
    if it.parameters.is_empty() {
        let q = find_quantity(&it.description);
        it.parameters = parameters(&it.description, q.as_ref().map(|q| (q.3, q.4)));
    }
    if it.quantity_value.is_none() {
        if let Some(q) = it.quantity.as_deref().and_then(find_quantity).or_else(|| find_quantity(&it.description)) {
            it.quantity_value = Some(q.1);
            if it.unit.is_none() && !q.2.is_empty() {
                it.unit = Some(q.2);
            }
            if it.quantity.is_none() {
                it.quantity = Some(q.0);
            }
        }
    }
    if it.hs.is_none() {
        it.hs = find_hs(&it.description).map(|h| h.0);
    } else if let Some(h) = it.hs.as_deref() {
        if let Some((code, _)) = read_hs_digits(h.trim()) {
            it.hs = Some(code);
        }
    }
    it
}

// ---------------------------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------------------------

/// What a prose phrase introduces (`[[trigger]]` in `src/data/labels.toml`).
#[derive(Clone, Debug, PartialEq)]
enum Trigger {
    Party(String),
    Via,
    Destination(u8),
    EndUse,
    Payment,
    Delivery,
}

fn capitalised(text: &str, t: &Token) -> bool {
    text.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_abbrev_word(w: &str) -> bool {
    ["co", "ltd", "pvt", "inc", "corp", "s", "no", "bros", "mfg", "intl", "st"].contains(&w)
}

struct Parser<'a> {
    text: &'a str,
    lines: Vec<(usize, usize)>,
    /// Lines already read as labelled fields or table rows (prose rules skip them).
    consumed: Vec<bool>,
    order: Order,
    pending_hs: Option<String>,
    pending_qty: Option<(String, f64, String)>,
    explicit_destination: Option<String>,
    port: Option<String>,
    prose_destination: Option<(u8, String)>,
}

/// Reads an order from pasted text. Never fails: text it cannot place is still searched by the rules.
pub fn parse(text: &str) -> Order {
    let mut p = Parser {
        text,
        lines: Vec::new(),
        consumed: Vec::new(),
        order: Order { text: Some(text.to_string()), ..Order::default() },
        pending_hs: None,
        pending_qty: None,
        explicit_destination: None,
        port: None,
        prose_destination: None,
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
    p.consumed = vec![false; p.lines.len()];
    p.tables();
    p.labelled();
    p.prose();
    p.signature();
    p.list_items();
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
        let i = self.lines.partition_point(|&(s, _)| s <= at).saturating_sub(1);
        self.consumed.get(i).copied().unwrap_or(false)
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
        if self.order.parties.len() >= MAX_PARTIES || party.name.trim().is_empty() {
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

    // --- tables ------------------------------------------------------------------------------------------------

    fn tables(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.line(i);
            let Some((delim, keys)) = header(line) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < self.lines.len() {
                let row = self.line(j);
                if row.trim().is_empty() || split_cells(row, delim).len() < 2 {
                    break;
                }
                self.table_row(row, delim, &keys);
                j += 1;
            }
            self.consume_lines(i, j.saturating_sub(1).max(i));
            i = j;
        }
    }

    fn table_row(&mut self, row: &'a str, delim: char, keys: &[Option<&'static FieldDef>]) {
        let cells = split_cells(row, delim);
        let cell = |k: &str| -> Option<&'a str> {
            keys.iter()
                .position(|d| d.is_some_and(|d| d.key == k))
                .and_then(|i| cells.get(i).copied())
                .filter(|c| !c.is_empty())
        };
        let country = cell("country").and_then(country_from_field);
        let address = match (cell("address"), cell("city")) {
            (Some(a), Some(c)) => Some(format!("{a}, {c}")),
            (Some(a), None) => Some(a.to_string()),
            (None, Some(c)) => Some(c.to_string()),
            (None, None) => None,
        };
        let mut row_parties: Vec<Party> = Vec::new();
        if let Some(name) = cell("name") {
            let role = cell("role").and_then(role_for).unwrap_or_else(|| "party".into());
            if !is_non_name(name) {
                row_parties.push(self.party_from(&role, name, &[], "table"));
            }
        }
        for (i, d) in keys.iter().enumerate() {
            let (Some(d), Some(v)) = (d, cells.get(i)) else { continue };
            if d.kind == "party" && !v.is_empty() {
                self.push_field(&d.key, &d.key, v);
                if !is_non_name(v) {
                    row_parties.push(self.party_from(&d.key, v, &[], "table"));
                }
            }
        }
        for mut p in row_parties {
            if p.address.is_none() {
                p.address = address.clone();
            }
            if let Some(c) = &country {
                p.country = Some(c.clone());
            } else if p.country.is_none() {
                p.country = p.address.as_deref().and_then(|a| geo().country_of(a));
            }
            self.add_party(p);
        }
        if let Some(desc) = cell("item") {
            let mut item = item_from(self.text, desc, &[]);
            if let Some(h) = cell("hs").and_then(|h| read_hs_digits(h.trim())) {
                item.hs = Some(h.0);
            }
            if let Some(q) = cell("quantity") {
                let unit = cell("unit").map(str::trim).unwrap_or_default();
                let qt = if unit.is_empty() { q.trim().to_string() } else { format!("{} {unit}", q.trim()) };
                if let Some((v, _)) = read_number(q.trim()) {
                    item.quantity_value = Some(v);
                }
                item.unit = (!unit.is_empty()).then(|| unit.to_string()).or(item.unit);
                item.quantity = Some(qt);
            }
            self.add_item(item);
        }
        for key in ["endUse", "payment", "delivery", "destination", "via", "port", "packing"] {
            if let Some(v) = cell(key) {
                self.field_value(key, key, v);
            }
        }
    }

    // --- labelled fields ---------------------------------------------------------------------------------------

    fn labelled(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let (s, _) = self.lines.get(i).copied().unwrap_or_default();
            if self.is_consumed(s) {
                i += 1;
                continue;
            }
            let line = self.line(i);
            let Some((def, label, value)) = labelled_line(line) else {
                i += 1;
                continue;
            };
            let value = truncate_at_char(clean_value(value), MAX_DESCRIPTION);
            let next = match def.kind.as_str() {
                "party" => self.labelled_party(def, label, value, i),
                "item" => self.labelled_items(value, i),
                "field" => {
                    let mut j = i + 1;
                    let mut extra: Vec<&'a str> = Vec::new();
                    if def.key == "endUse" || (value.is_empty() && def.key != "hs" && def.key != "quantity") {
                        while j < self.lines.len() && extra.len() < 5 {
                            let l = self.line(j);
                            if l.trim().is_empty() || labelled_line(l).is_some_and(|d| d.0.kind != "column") {
                                break;
                            }
                            extra.push(l.trim());
                            j += 1;
                        }
                    }
                    let v: &'a str = if value.is_empty() { extra.first().copied().unwrap_or_default() } else { value };
                    self.field_value(&def.key, label, v);
                    if def.key == "endUse" {
                        let more: Vec<&str> = extra.iter().skip(usize::from(value.is_empty())).copied().collect();
                        if !more.is_empty() {
                            if let Some(eu) = self.order.end_use.as_mut() {
                                eu.push(' ');
                                eu.push_str(&more.join(" "));
                            }
                        }
                    }
                    j
                }
                _ => i + 1,
            };
            self.consume_lines(i, next.saturating_sub(1).max(i));
            i = next.max(i + 1);
        }
    }

    /// Reads a party field and the lines that continue it; returns the next line to read.
    fn labelled_party(&mut self, def: &FieldDef, label: &str, value: &'a str, i: usize) -> usize {
        let mut j = i + 1;
        let mut block: Vec<&'a str> = Vec::new();
        let max = if value.is_empty() { 8 } else { 5 };
        while j < self.lines.len() && block.len() < max {
            let l = self.line(j);
            if l.trim().is_empty() {
                if value.is_empty() && block.is_empty() {
                    j += 1;
                    continue;
                }
                break;
            }
            match labelled_line(l) {
                Some((d, _, _)) if d.kind == "ignore" => {
                    j += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            if !value.is_empty() && !address_like(l) {
                break;
            }
            if value.is_empty()
                && block.is_empty()
                && !address_like(l)
                && !l.trim().chars().next().is_some_and(char::is_uppercase)
            {
                break;
            }
            block.push(l.trim());
            j += 1;
        }
        let (v, rest): (&'a str, &[&'a str]) = if value.is_empty() {
            match block.split_first() {
                Some((f, r)) => (clean_value(f), r),
                None => ("", &[]),
            }
        } else {
            (value, &block[..])
        };
        if v.is_empty() {
            return j;
        }
        self.push_field(&def.key, label, v);
        let folded = text::words(v).join(" ");
        if folded.starts_with("same as") || folded == "as above" || folded == "dito" || folded == "ditto" {
            let src = ["buyer", "consignee", "endUser"]
                .into_iter()
                .find(|r| folded.contains(&r.to_lowercase().replace("enduser", "end user")));
            let copy = match src {
                Some(r) => self.order.parties.iter().find(|p| p.role == r).cloned(),
                None => self.order.parties.last().cloned(),
            };
            if let Some(mut c) = copy {
                c.role = def.key.clone();
                c.span = Some(text::slice_span(self.text, v));
                self.add_party(c);
            }
            return j;
        }
        if is_non_name(v) {
            return j;
        }
        let party = self.party_from(&def.key, v, rest, "label");
        // "Buyer / Consignee:", "Buyer and end user:": the same party in each role the label names.
        let extra = extra_roles(label, &def.key);
        self.add_party(party.clone());
        for role in extra {
            let mut p = party.clone();
            p.role = role;
            self.add_party(p);
        }
        j
    }

    /// A party from a value such as "M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan".
    fn party_from(&self, role: &str, value: &'a str, extra: &[&'a str], read_from: &str) -> Party {
        let segs = segments(value);
        let mut name_end =
            segs.first().map(|s| text::offset_in(value, s).unwrap_or(0) + s.len()).unwrap_or(value.len());
        let mut k = 1;
        while let Some(seg) = segs.get(k) {
            if is_legal_segment(seg) {
                name_end = text::offset_in(value, seg).map(|o| o + seg.len()).unwrap_or(name_end);
                k += 1;
            } else {
                break;
            }
        }
        let mut name_slice = value.get(..name_end).unwrap_or(value).trim().trim_end_matches([',', ';']).trim();
        // "Al Futtaim Engineering LLC for residential towers in Dubai": the words after " for " describe the party.
        let mut descriptor = None;
        for sep in [" for ", " at ", " in ", " - "] {
            if let Some(p) = name_slice.find(sep) {
                let rest = name_slice.get(p + sep.len()..).unwrap_or_default();
                if p > 0 && rest.chars().next().is_some_and(char::is_lowercase) {
                    descriptor = Some(rest.trim().to_string());
                    name_slice = name_slice.get(..p).unwrap_or(name_slice).trim();
                    break;
                }
            }
        }
        let mut address_parts: Vec<String> = segs.iter().skip(k).map(|s| s.to_string()).collect();
        address_parts.extend(extra.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        let address = (!address_parts.is_empty()).then(|| address_parts.join(", "));
        let g = geo();
        let country = address.as_deref().and_then(|a| g.country_of(a)).or_else(|| {
            g.places_in(value).iter().rev().find(|f| f.value.kind != PlaceKind::Adjective).map(|f| f.value.code.clone())
        });
        Party {
            role: role.to_string(),
            name: name_slice.to_string(),
            address,
            country,
            span: Some(text::slice_span(self.text, name_slice)),
            descriptor,
            read_from: read_from.to_string(),
        }
    }

    fn labelled_items(&mut self, value: &'a str, i: usize) -> usize {
        let mut j = i + 1;
        let mut lines: Vec<&'a str> = Vec::new();
        if !value.is_empty() {
            lines.push(value);
        }
        let mut blank_run = 0;
        while j < self.lines.len() && lines.len() < MAX_ITEMS {
            let l = self.line(j);
            if l.trim().is_empty() {
                if lines.is_empty() && blank_run == 0 {
                    blank_run += 1;
                    j += 1;
                    continue;
                }
                break;
            }
            let (s, _) = self.lines.get(j).copied().unwrap_or_default();
            if self.is_consumed(s) {
                break;
            }
            if labelled_line(l).is_some_and(|d| d.0.kind != "column") && !param_line(l) {
                break;
            }
            lines.push(l);
            j += 1;
        }
        // Parameter lines and indented lines continue the item above them.
        let mut groups: Vec<(&'a str, Vec<&'a str>)> = Vec::new();
        for l in lines {
            let continues = param_line(l)
                || (l.starts_with(['\t', ' '])
                    && l.len() - l.trim_start().len() >= 2
                    && !groups.is_empty()
                    && !strip_bullet(l).eq(l.trim()));
            match groups.last_mut() {
                Some(g) if continues => g.1.push(l),
                _ => groups.push((l, Vec::new())),
            }
        }
        for (first, extra) in groups {
            let item = item_from(self.text, first, &extra);
            self.add_item(item);
        }
        j
    }

    /// A value for the order (end use, payment, HS code, ...).
    fn field_value(&mut self, key: &str, label: &str, value: &'a str) {
        let value = clean_value(value);
        if value.is_empty() {
            return;
        }
        self.push_field(key, label, value);
        let g = geo();
        match key {
            "endUse" if self.order.end_use.is_none() => self.order.end_use = Some(value.to_string()),
            "payment" => append(&mut self.order.payment, value),
            "delivery" => {
                append(&mut self.order.delivery, value);
                for f in g.places_in(value) {
                    if f.value.kind != PlaceKind::Adjective {
                        let via_word = text::fold(value.get(..f.start).unwrap_or_default());
                        if via_word.contains("via") || via_word.contains("through") || via_word.contains("transit") {
                            push_unique(&mut self.order.via, &f.value.code);
                        }
                    }
                }
            }
            "hs" => {
                if let Some((code, _)) = read_hs_digits(value).or_else(|| find_hs(value).map(|h| (h.0, 0))) {
                    match self.order.items.iter_mut().rev().find(|i| i.hs.is_none()) {
                        Some(it) => it.hs = Some(code),
                        None => self.pending_hs = Some(code),
                    }
                }
            }
            "quantity" => {
                let q = find_quantity(value).map(|q| (q.0, q.1, q.2)).or_else(|| {
                    read_number(value).map(|(v, used)| {
                        (value.to_string(), v, value.get(used..).unwrap_or_default().trim().to_string())
                    })
                });
                if let Some((t, v, u)) = q {
                    let t = if t.trim().chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                        value.to_string()
                    } else {
                        t
                    };
                    match self.order.items.iter_mut().rev().find(|i| i.quantity.is_none()) {
                        Some(it) => {
                            it.quantity = Some(t);
                            it.quantity_value = Some(v);
                            it.unit = (!u.is_empty()).then_some(u);
                        }
                        None => self.pending_qty = Some((t, v, u)),
                    }
                }
            }
            "destination" => {
                if let Some(c) = country_from_field(value) {
                    self.explicit_destination.get_or_insert(c);
                }
            }
            "port" => {
                if let Some(c) = country_from_field(value) {
                    self.port.get_or_insert(c);
                }
            }
            "via" => {
                for f in g.places_in(value) {
                    if f.value.kind != PlaceKind::Adjective {
                        push_unique(&mut self.order.via, &f.value.code);
                    }
                }
                if let Some(c) = country_from_field(value) {
                    push_unique(&mut self.order.via, &c);
                }
            }
            "country" => {
                let Some(c) = country_from_field(value) else { return };
                match self.order.parties.last_mut() {
                    Some(p) if p.country.is_none() => p.country = Some(c),
                    Some(_) => {}
                    None => {
                        self.explicit_destination.get_or_insert(c);
                    }
                }
            }
            _ => {}
        }
    }

    // --- prose -------------------------------------------------------------------------------------------------

    fn prose(&mut self) {
        let text = self.text;
        let toks = text::tokens(text);
        let trig = &labels().triggers;
        let sentences = text::sentences(text);
        let g = geo();
        for (s, e) in sentences {
            let a = toks.partition_point(|t| t.start < s);
            let b = toks.partition_point(|t| t.start < e);
            let Some(stoks) = toks.get(a..b) else { continue };
            let sentence = text.get(s..e).unwrap_or_default();
            let consumed_sentence = self.is_consumed(s);
            let payment_sentence = stoks.iter().any(|t| {
                ["pay", "payment", "paid", "cash", "remit", "remittance", "transfer", "funds", "money", "account"]
                    .contains(&t.norm.as_str())
            });
            for f in trig.find_all(text, stoks) {
                let first = a + f.first;
                let after = a + f.last;
                match f.value {
                    Trigger::Party(role) => {
                        if self.is_consumed(f.start) {
                            continue;
                        }
                        if let Some(p) = prose_party(text, &toks, after, b, &role) {
                            self.add_party(p);
                        }
                    }
                    Trigger::Via => {
                        // "payment through our associate in Hong Kong" is a payment route, not a shipping route
                        if payment_sentence {
                            continue;
                        }
                        if let Some(place) = place_after(text, &toks, after, b, 5) {
                            // "via Dubai to Karachi": the first place is the route
                            push_unique(&mut self.order.via, &place);
                        }
                    }
                    Trigger::Destination(prio) => {
                        if let Some(place) = place_after(text, &toks, after, b, 6) {
                            let better = self.prose_destination.as_ref().is_none_or(|(p, _)| prio >= *p);
                            if better {
                                self.prose_destination = Some((prio, place));
                            }
                        }
                    }
                    Trigger::EndUse => {
                        if self.order.end_use.is_none() && !consumed_sentence {
                            self.order.end_use = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                    Trigger::Payment => {
                        if self.order.payment.is_none() && !consumed_sentence {
                            self.order.payment = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                    Trigger::Delivery => {
                        if self.order.delivery.is_none() && !consumed_sentence {
                            self.order.delivery = Some(truncate_at_char(sentence.trim(), MAX_DESCRIPTION).to_string());
                        }
                    }
                }
                let _ = first;
            }
            let _ = g;
        }
    }

    // --- signature ---------------------------------------------------------------------------------------------

    fn signature(&mut self) {
        if self.order.parties.iter().any(|p| p.role == "buyer") {
            return;
        }
        const CLOSINGS: &[&str] = &[
            "regards",
            "best regards",
            "kind regards",
            "warm regards",
            "with regards",
            "sincerely",
            "yours sincerely",
            "yours faithfully",
            "yours truly",
            "thanks and regards",
            "thanks regards",
            "thanks",
            "thank you",
            "best wishes",
            "best",
            "mit freundlichen grussen",
            "mit freundlichen grüßen",
            "freundliche grusse",
            "viele grusse",
            "mfg",
            "cordialement",
            "bien cordialement",
            "salutations",
            "saludos",
            "atentamente",
            "un saludo",
            "с уважением",
        ];
        let Some(close) = (0..self.lines.len()).rev().find(|&i| {
            let w = text::words(self.line(i)).join(" ");
            !w.is_empty() && CLOSINGS.contains(&w.as_str())
        }) else {
            return;
        };
        let mut lines: Vec<&'a str> = Vec::new();
        let mut j = close + 1;
        while j < self.lines.len() && lines.len() < 8 {
            let l = self.line(j).trim();
            j += 1;
            if l.is_empty() {
                if lines.is_empty() {
                    continue;
                }
                break;
            }
            lines.push(l);
        }
        let contact = |l: &str| {
            let f = text::fold(l);
            l.contains('@')
                || l.contains("www.")
                || l.contains("http")
                || l.trim_start().starts_with('+')
                || ["tel", "phone", "mob", "mobile", "cell", "fax", "whatsapp", "email", "skype"]
                    .iter()
                    .any(|w| f.split_whitespace().next() == Some(*w))
        };
        let title = |l: &str| {
            let f = text::words(l);
            f.iter().any(|w| {
                [
                    "manager",
                    "director",
                    "officer",
                    "engineer",
                    "head",
                    "purchase",
                    "purchasing",
                    "procurement",
                    "sales",
                    "ceo",
                    "cfo",
                    "coo",
                    "md",
                    "president",
                    "chairman",
                    "owner",
                    "proprietor",
                    "executive",
                    "department",
                    "dept",
                    "assistant",
                    "coordinator",
                    "buyer",
                    "secretary",
                    "specialist",
                ]
                .contains(&w.as_str())
            })
        };
        let company_words = |l: &str| {
            let f = text::words(l);
            f.iter().any(|w| {
                is_in(&labels().legal_words, w)
                    || [
                        "corporation",
                        "company",
                        "trading",
                        "traders",
                        "enterprises",
                        "enterprise",
                        "industries",
                        "international",
                        "group",
                        "technologies",
                        "technology",
                        "scientific",
                        "engineering",
                        "solutions",
                        "systems",
                        "world",
                        "services",
                        "associates",
                        "sons",
                        "brothers",
                        "complex",
                        "commission",
                        "institute",
                        "laboratories",
                        "laboratory",
                        "labs",
                        "factory",
                        "works",
                        "center",
                        "centre",
                        "organization",
                        "organisation",
                        "bureau",
                        "agency",
                        "ministry",
                        "university",
                        "hospital",
                        "impex",
                        "import",
                        "export",
                        "industrial",
                        "instruments",
                        "supplies",
                        "suppliers",
                        "electronics",
                        "metals",
                        "steel",
                        "textiles",
                        "mills",
                    ]
                    .contains(&w.as_str())
            })
        };
        let mut company: Option<usize> = lines.iter().position(|l| company_words(l) && !contact(l) && !title(l));
        if company.is_none() {
            // person, [title], company: the first plain line after the person's name
            company = lines
                .iter()
                .enumerate()
                .skip(1)
                .find(|(_, l)| {
                    !contact(l) && !title(l) && !l.chars().any(|c| c.is_ascii_digit()) && text::words(l).len() <= 6
                })
                .map(|(i, _)| i);
        }
        let Some(ci) = company else { return };
        let Some(name_line) = lines.get(ci).copied() else { return };
        let address: Vec<&'a str> = lines.iter().skip(ci + 1).take_while(|l| !contact(l)).take(3).copied().collect();
        if is_non_name(name_line) {
            return;
        }
        let mut p = self.party_from("buyer", name_line, &address, "signature");
        p.descriptor = Some("sender of the message".into());
        self.add_party(p);
    }

    // --- goods lines without a label ---------------------------------------------------------------------------

    fn list_items(&mut self) {
        if !self.order.items.is_empty() {
            return;
        }
        for i in 0..self.lines.len() {
            let (s, _) = self.lines.get(i).copied().unwrap_or_default();
            if self.is_consumed(s) {
                continue;
            }
            let line = self.line(i);
            let t = line.trim();
            if t.is_empty() || t.len() > 400 || labelled_line(line).is_some() {
                continue;
            }
            let bullet = strip_bullet(line) != t;
            let qty = find_quantity(t);
            let starts_with_qty = qty.as_ref().is_some_and(|q| q.3 == 0);
            let hs = find_hs(t).is_some();
            let has_param = !parameters(t, None).is_empty();
            let order_verb = {
                let f = format!(" {} ", text::fold(t));
                [
                    " need ",
                    " require ",
                    " order ",
                    " purchase ",
                    " buy ",
                    " quote ",
                    " quotation ",
                    " supply ",
                    " looking for ",
                    " interested in ",
                    " offer ",
                ]
                .iter()
                .any(|v| f.contains(v))
            };
            if hs
                || starts_with_qty
                || (bullet && (qty.is_some() || has_param))
                || (order_verb && (qty.is_some() || has_param))
            {
                // A line of prose with several sentences: keep the sentences that name the goods.
                let sents = text::sentences(line);
                if sents.len() > 1 {
                    for (a, z) in sents {
                        let sent = line.get(a..z).unwrap_or_default();
                        if find_quantity(sent).is_some()
                            || find_hs(sent).is_some()
                            || !parameters(sent, None).is_empty()
                        {
                            let item = item_from(self.text, sent, &[]);
                            self.add_item(item);
                        }
                    }
                } else {
                    let item = item_from(self.text, line, &[]);
                    self.add_item(item);
                }
            }
        }
    }

    // --- destination, route, pending fields --------------------------------------------------------------------

    fn finish(&mut self) {
        if let Some(h) = self.pending_hs.take() {
            if let Some(it) = self.order.items.iter_mut().find(|i| i.hs.is_none()) {
                it.hs = Some(h);
            }
        }
        if let Some((t, v, u)) = self.pending_qty.take() {
            if let Some(it) = self.order.items.iter_mut().find(|i| i.quantity.is_none()) {
                it.quantity = Some(t);
                it.quantity_value = Some(v);
                it.unit = (!u.is_empty()).then_some(u);
            }
        }
        let country_of =
            |role: &str| self.order.parties.iter().find(|p| p.role == role).and_then(|p| p.country.clone());
        let high_prose = self.prose_destination.as_ref().filter(|(p, _)| *p >= 2).map(|(_, c)| c.clone());
        let low_prose = self.prose_destination.as_ref().map(|(_, c)| c.clone());
        let destination = self
            .explicit_destination
            .clone()
            .or(high_prose)
            .or_else(|| country_of("endUser"))
            .or_else(|| country_of("consignee"))
            .or(low_prose)
            .or_else(|| self.port.clone())
            .or_else(|| country_of("buyer"))
            .or_else(|| country_of("party"))
            .or_else(|| self.mentioned_country());
        self.order.destination = destination.clone();
        if let Some(d) = &destination {
            let mut via = std::mem::take(&mut self.order.via);
            if let Some(p) = &self.port {
                push_unique(&mut via, p);
            }
            for role in ["intermediate", "consignee"] {
                if let Some(c) = country_of(role) {
                    push_unique(&mut via, &c);
                }
            }
            via.retain(|c| c != d);
            self.order.via = via;
        }
    }
}

impl Parser<'_> {
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

/// A country from a field value: an ISO code, a country name, or the place named in it.
fn country_from_field(v: &str) -> Option<String> {
    let t = v.trim().trim_end_matches('.');
    let g = geo();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_uppercase()) && g.is_code(t) {
        return Some(t.to_string());
    }
    g.code_for_name(t).or_else(|| g.country_of(t))
}

/// The other party roles a combined label names ("Buyer / Consignee" → consignee when read as buyer).
fn extra_roles(label: &str, first: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lower = label.to_lowercase();
    for part in lower.split(['/', '&', ',', '+']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" und ")) {
        if let Some(d) = match_label(part, true) {
            if d.kind == "party" && d.key != first && !out.contains(&d.key) {
                out.push(d.key.clone());
            }
        }
    }
    out
}

/// `Label: value` (or `Label<TAB>value`, `Label - value`, or a line that is only a label): the field, the label
/// and the value (empty when the value is on the lines below).
fn labelled_line(line: &str) -> Option<(&'static FieldDef, &str, &str)> {
    // A two-column table row: "| Buyer | Hasan Scientific Corp, Lahore |"
    if line.trim_start().starts_with('|') {
        let cells: Vec<&str> = split_cells(line, '|').into_iter().filter(|c| !c.is_empty()).collect();
        if let (Some(label), Some(value)) = (cells.first(), cells.get(1)) {
            if let Some(d) = match_label(label, false) {
                return Some((d, label, value));
            }
        }
        return None;
    }
    let body = strip_bullet(line);
    let head_limit = 64;
    if let Some(p) = body.find([':', '：']) {
        if p <= head_limit {
            let label = body.get(..p).unwrap_or_default();
            let sep = body.get(p..).and_then(|r| r.chars().next()).map(char::len_utf8).unwrap_or(1);
            let value = body.get(p + sep..).unwrap_or_default();
            // "10:30", "http://": not a label
            if !value.starts_with("//") && !label.trim().is_empty() {
                if let Some(d) = match_label(label, false) {
                    return Some((d, label, value.trim()));
                }
            }
        }
    }
    if let Some(p) = body.find('\t') {
        let label = body.get(..p).unwrap_or_default();
        if let Some(d) = match_label(label, false) {
            return Some((d, label, body.get(p + 1..).unwrap_or_default().trim()));
        }
    }
    for sep in [" - ", " – ", " — "] {
        if let Some(p) = body.find(sep) {
            if p <= head_limit {
                let label = body.get(..p).unwrap_or_default();
                if let Some(d) = match_label(label, true) {
                    return Some((d, label, body.get(p + sep.len()..).unwrap_or_default().trim()));
                }
            }
        }
    }
    let whole = body.trim().trim_end_matches([':', '：']).trim();
    if !whole.is_empty() && whole.len() <= head_limit {
        if let Some(d) = match_label(whole, true) {
            if d.kind != "ignore" && d.kind != "column" {
                return Some((d, whole, ""));
            }
        }
    }
    None
}

/// "Bias stability: 0.01 deg/h": a parameter of the item above, not a new item.
fn param_line(line: &str) -> bool {
    let body = strip_bullet(line);
    let Some(p) = body.find(':') else { return false };
    let label = body.get(..p).unwrap_or_default();
    let value = body.get(p + 1..).unwrap_or_default().trim();
    let words = text::words(label).len();
    if words == 0 || words > 5 || match_label(label, false).is_some_and(|d| d.kind != "column") {
        return false;
    }
    let v = value.trim_start_matches(['<', '>', '≤', '≥', '~', '±', ' ', '=']);
    v.starts_with(|c: char| c.is_ascii_digit()) || !parameters(body, None).is_empty()
}

/// Whether a line below a party value continues its address.
fn address_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 140 {
        return false;
    }
    let words = text::words(t);
    let first = words.first().map(String::as_str).unwrap_or_default();
    if ["we", "i", "please", "dear", "kindly", "thank", "thanks", "our", "the", "regards", "best", "hello", "hi"]
        .contains(&first)
    {
        return false;
    }
    let sentence_end = t.ends_with(['.', '?', '!']) && words.len() >= 6;
    if sentence_end || words.len() > 14 {
        return false;
    }
    t.chars().any(|c| c.is_ascii_digit()) || t.contains(',') || !geo().places_in(t).is_empty() || words.len() <= 6
}

/// Splits a table line into trimmed cells (double quotes respected).
fn split_cells(line: &str, delim: char) -> Vec<&str> {
    if delim == MULTI_SPACE {
        return split_spaces(line);
    }
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delim && !quoted {
            out.push(line.get(start..i).unwrap_or_default());
            start = i + c.len_utf8();
        }
    }
    out.push(line.get(start..).unwrap_or_default());
    out.into_iter().map(|c| c.trim().trim_matches('"').trim()).collect()
}

/// The "delimiter" of a table whose columns are aligned with runs of spaces (copied from a PDF or plain text).
const MULTI_SPACE: char = '\u{1f}';

/// Splits at runs of two or more spaces.
fn split_spaces(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut run_start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c == ' ' || c == '\t' {
            run_start.get_or_insert(i);
        } else {
            if let Some(r) = run_start.take() {
                if i - r >= 2 || line.get(r..i).is_some_and(|x| x.contains('\t')) {
                    out.push(line.get(start..r).unwrap_or_default());
                    start = i;
                }
            }
        }
    }
    out.push(line.get(start..).unwrap_or_default());
    out.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// A table header: the delimiter and each column's field.
fn header(line: &str) -> Option<(char, Vec<Option<&'static FieldDef>>)> {
    for delim in ['\t', '|', ';', ',', MULTI_SPACE] {
        if !(line.contains(delim) || (delim == MULTI_SPACE && line.trim().contains("  "))) {
            continue;
        }
        let cells: Vec<&str> = split_cells(line, delim).into_iter().collect();
        let cells: Vec<&str> = if delim == '|' { cells.into_iter().filter(|c| !c.is_empty()).collect() } else { cells };
        if cells.len() < 2 || cells.iter().any(|c| c.len() > 48) {
            continue;
        }
        let keys: Vec<Option<&'static FieldDef>> = cells.iter().map(|c| match_label(c, false)).collect();
        let known = keys.iter().filter(|k| k.is_some()).count();
        let useful = keys.iter().filter(|k| k.is_some_and(|d| d.kind != "ignore")).count();
        let has_subject =
            keys.iter().any(|k| k.is_some_and(|d| d.kind == "party" || d.kind == "item" || d.key == "name"));
        if known >= 2 && useful >= 1 && has_subject && known * 2 >= cells.len() {
            if delim == '|' {
                // Markdown tables: keep the column positions of the raw split
                let raw: Vec<Option<&'static FieldDef>> = split_cells(line, delim)
                    .into_iter()
                    .map(|c| if c.is_empty() { None } else { match_label(c, false) })
                    .collect();
                return Some((delim, raw));
            }
            return Some((delim, keys));
        }
    }
    None
}

/// The party a prose trigger introduces: "our customer Pakistan Atomic Energy Commission (PAEC), a nuclear power
/// station in Chashma".
fn prose_party(text: &str, toks: &[Token], from: usize, end: usize, role: &str) -> Option<Party> {
    let v = labels();
    let mut j = from;
    let mut descriptor: Vec<&str> = Vec::new();
    while j < end {
        let t = toks.get(j)?;
        if capitalised(text, t) && !(t.norm == "m" || is_in(&v.not_names, &t.norm) && !is_in(&v.pre_name, &t.norm)) {
            break;
        }
        if t.norm == "m" && capitalised(text, t) {
            break;
        }
        if !is_in(&v.pre_name, &t.norm) {
            return None;
        }
        descriptor.push(text.get(t.start..t.end).unwrap_or_default());
        j += 1;
        if descriptor.len() > 6 {
            return None;
        }
    }
    let first = toks.get(j).filter(|_| j < end)?;
    if is_in(&v.not_names, &first.norm) || !capitalised(text, first) {
        return None;
    }
    let mut last = j;
    let mut k = j + 1;
    let mut paren = false;
    while k < end && k - j < 14 {
        let (Some(prev), Some(t)) = (toks.get(k - 1), toks.get(k)) else { break };
        let gap = text.get(prev.end..t.start).unwrap_or_default();
        if gap.contains(['\n', ';', ':', '!', '?', '"']) {
            break;
        }
        if gap.contains(')') {
            paren = false;
        }
        if gap.contains('(') {
            paren = true;
            last = k;
            k += 1;
            continue;
        }
        if paren {
            last = k;
            k += 1;
            continue;
        }
        if gap.contains(',') {
            if is_in(&v.legal_words, &t.norm) && capitalised(text, t) && t.norm != "a" && t.norm != "and" {
                last = k;
                k += 1;
                continue;
            }
            break;
        }
        if gap.contains('.') && !(is_abbrev_word(&prev.norm) || prev.norm.len() == 1) {
            break;
        }
        if capitalised(text, t) || gap.contains('&') {
            if is_in(&v.not_names, &t.norm) && !is_in(&v.legal_words, &t.norm) {
                break;
            }
            last = k;
            k += 1;
            continue;
        }
        if is_in(&v.connectors, &t.norm) && toks.get(k + 1).is_some_and(|n| capitalised(text, n)) && k + 1 < end {
            k += 1;
            continue;
        }
        break;
    }
    let last_tok = toks.get(last)?;
    let mut name_end = last_tok.end;
    // include a closing bracket or a final abbreviation dot
    if let Some(rest) = text.get(name_end..) {
        if paren || rest.starts_with(')') {
            if let Some(p) = rest.find(')').filter(|p| *p < 40) {
                name_end += p + 1;
            }
        } else if rest.starts_with('.') && is_abbrev_word(&last_tok.norm) {
            name_end += 1;
        }
    }
    let name = text.get(first.start..name_end)?.trim();
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 || is_non_name(name) {
        return None;
    }
    let g = geo();
    // A place alone ("ship to Dubai") is a destination, not a party.
    let places = g.places_in(name);
    if places.len() == 1 && places.first().is_some_and(|p| p.start == 0 && p.end == name.len()) {
        return None;
    }
    // Appositive and place after the name: ", a nuclear power station in Chashma".
    let after_idx = toks.partition_point(|t| t.start < name_end);
    let window_end = (after_idx + 14).min(end);
    let tail_end = toks.get(window_end.saturating_sub(1)).map(|t| t.end).unwrap_or(name_end).max(name_end);
    let tail = text.get(name_end..tail_end).unwrap_or_default();
    let mut after_desc = None;
    let t2 = tail.trim_start_matches([',', ' ']);
    let fw = text::words(t2);
    if tail.trim_start().starts_with(',')
        && fw.first().is_some_and(|w| ["a", "an", "the", "which", "located", "based", "who"].contains(&w.as_str()))
    {
        let stop = t2.find([',', '.', ';', '\n']).unwrap_or(t2.len());
        after_desc = t2.get(..stop).map(|s| s.trim().to_string());
    }
    let country = place_after(text, toks, after_idx, window_end, 12).or_else(|| g.country_of(name));
    let mut desc: Vec<String> = Vec::new();
    if !descriptor.is_empty() {
        desc.push(descriptor.join(" "));
    }
    if let Some(a) = after_desc {
        desc.push(a);
    }
    Some(Party {
        role: role.to_string(),
        name: name.to_string(),
        address: None,
        country,
        span: Some(text::slice_span(text, name)),
        descriptor: (!desc.is_empty()).then(|| desc.join("; ")),
        read_from: "prose".into(),
    })
}

/// The first place (country or city) within `window` tokens from `from`, not past `end`.
fn place_after(text: &str, toks: &[Token], from: usize, end: usize, window: usize) -> Option<String> {
    let g = geo();
    let stop = (from + window).min(end);
    let mut i = from;
    while i < stop {
        if let Some(f) = g.place_at(text, toks, i) {
            if f.value.kind != PlaceKind::Adjective {
                return Some(f.value.code);
            }
            i = f.last;
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party<'a>(o: &'a Order, role: &str) -> Option<&'a Party> {
        o.parties.iter().find(|p| p.role == role)
    }

    #[test]
    fn labels_parse() {
        assert!(data_errors().is_empty(), "{:?}", data_errors());
        let l = labels();
        assert!(l.defs.len() >= 15);
        assert!(l.units.len() >= 100 && l.comparators.len() >= 20 && !l.triggers.is_empty());
        assert!(!l.count_units.is_empty() && !l.non_names.is_empty() && !l.legal_words.is_empty());
        for (w, unit, factor, _) in &l.units {
            assert!(!w.is_empty() && !unit.is_empty() && factor.is_finite() && *factor > 0.0, "{w}");
        }
    }

    #[test]
    fn parse_labelled_party_with_address() {
        let t = "Buyer: M/s Hasan Scientific Corp, 50 Akbari Road, Lahore, Pakistan\nEnd user: PAEC";
        let o = parse(t);
        let b = party(&o, "buyer").expect("buyer");
        assert_eq!(b.name, "M/s Hasan Scientific Corp");
        assert_eq!(b.address.as_deref(), Some("50 Akbari Road, Lahore, Pakistan"));
        assert_eq!(b.country.as_deref(), Some("PK"));
        let sp = b.span.clone().expect("span");
        assert_eq!(&t[sp.start.unwrap()..sp.end.unwrap()], "M/s Hasan Scientific Corp");
        assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("PAEC"));
    }

    #[test]
    fn parse_multiline_block() {
        let t = "Consignee:\nBeijing Comfort Technology and Development Co., Ltd.\nNo. 5 Zhongguancun Street\nBeijing, China\n\nPayment: 100% advance";
        let o = parse(t);
        let c = party(&o, "consignee").expect("consignee");
        assert_eq!(c.name, "Beijing Comfort Technology and Development Co., Ltd.");
        assert_eq!(c.country.as_deref(), Some("CN"));
        assert_eq!(o.payment.as_deref(), Some("100% advance"));
    }

    #[test]
    fn parse_foreign_labels() {
        let o =
            parse("Käufer: Müller GmbH, Berlin\nEndverwender: Stadtwerke München\nVerwendungszweck: Wasserversorgung");
        assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("DE"));
        assert!(party(&o, "endUser").is_some());
        assert_eq!(o.end_use.as_deref(), Some("Wasserversorgung"));
        let o = parse("Покупатель: ООО Ромашка, Москва\nКонечный пользователь: АО Завод\nТовар: насос");
        assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("RU"));
        assert!(party(&o, "endUser").is_some());
        assert_eq!(o.items.len(), 1);
        let o = parse("Acheteur: Société X, Lyon, France\nUtilisateur final: Hôpital Y\nComprador: Z S.A., Madrid");
        assert_eq!(o.parties.len(), 3);
    }

    #[test]
    fn parse_items_with_parameters() {
        let t = "Items:\n1. Fibre optic gyroscope, bias stability 0.01 deg/h, 20 pcs, HS 9014.20\n2. Carbon fibre, tensile modulus 290 GPa, tensile strength 1900 MPa, 500 kg";
        let o = parse(t);
        assert_eq!(o.items.len(), 2, "{:?}", o.items);
        let g = &o.items[0];
        assert_eq!(g.quantity.as_deref(), Some("20 pcs"));
        assert_eq!(g.quantity_value, Some(20.0));
        assert_eq!(g.hs.as_deref(), Some("9014.20"));
        assert_eq!(g.parameters.len(), 1, "{:?}", g.parameters);
        assert_eq!(g.parameters[0].name, "bias stability");
        assert_eq!(g.parameters[0].unit, "deg/h");
        assert!((g.parameters[0].value - 0.01).abs() < 1e-12);
        let c = &o.items[1];
        let m = c.parameters.iter().find(|p| p.name == "tensile modulus").expect("modulus");
        assert_eq!((m.value, m.unit.as_str()), (290_000.0, "MPa"));
        assert!(c.parameters.iter().any(|p| p.name == "tensile strength" && p.value == 1900.0));
        let sp = g.span.clone().unwrap();
        assert!(t[sp.start.unwrap()..sp.end.unwrap()].starts_with("Fibre optic"));
    }

    #[test]
    fn parameters_units_normalised() {
        let p = parameters("ring diameter 2500 mm, positioning accuracy 4 µm, frame rate 30 Hz, drift < 0.5°/hr", None);
        let get = |n: &str| p.iter().find(|x| x.name == n).cloned();
        assert_eq!(get("ring diameter").map(|x| (x.value, x.unit)), Some((2500.0, "mm".to_string())));
        let acc = get("positioning accuracy").unwrap();
        assert!((acc.value - 0.004).abs() < 1e-12 && acc.unit == "mm");
        assert_eq!(get("frame rate").map(|x| x.value), Some(30.0));
        let d = get("drift").unwrap();
        assert_eq!((d.value, d.unit.as_str(), d.comparator.as_deref()), (0.5, "deg/h", Some("<")));
    }

    #[test]
    fn read_number_forms() {
        assert_eq!(read_number("2,500 mm").map(|x| x.0), Some(2500.0));
        assert_eq!(read_number("0,01").map(|x| x.0), Some(0.01));
        assert_eq!(read_number("1.5e3 ").map(|x| x.0), Some(1500.0));
        assert_eq!(read_number("5 x 10^3 Gy").map(|x| x.0), Some(5000.0));
        assert_eq!(read_number("1,234.5").map(|x| x.0), Some(1234.5));
    }

    #[test]
    fn find_hs_forms() {
        assert_eq!(find_hs("HS code: 8458.11.00").map(|h| h.0), Some("8458.11.00".into()));
        assert_eq!(find_hs("CN 9014 20 10").map(|h| h.0), Some("9014.20.10".into()));
        assert_eq!(find_hs("hs 901420").map(|h| h.0), Some("9014.20".into()));
        assert_eq!(find_hs("price 1234.56"), None);
        assert_eq!(find_hs("this is about it"), None);
    }

    #[test]
    fn parse_prose_email() {
        let t = "Dear Sir,\nWe are buying for our customer Pakistan Atomic Energy Commission, a nuclear power station in Chashma. \
                 The goods will be shipped via Dubai. We need 4 pcs hand and foot contamination monitors.\n\nBest regards,\nAli Raza\nPurchase Manager\nHasan Scientific Corp\n50 Akbari Road, Lahore\nTel: +92 42 1234567";
        let o = parse(t);
        let eu = party(&o, "endUser").expect("end user");
        assert_eq!(eu.name, "Pakistan Atomic Energy Commission");
        assert_eq!(eu.country.as_deref(), Some("PK"));
        assert!(eu.descriptor.as_deref().unwrap_or_default().contains("nuclear power station"));
        assert!(o.via.contains(&"AE".to_string()), "{:?}", o.via);
        assert_eq!(o.destination.as_deref(), Some("PK"));
        let b = party(&o, "buyer").expect("buyer from signature");
        assert_eq!(b.name, "Hasan Scientific Corp");
        assert_eq!(b.country.as_deref(), Some("PK"));
        assert_eq!(o.items.len(), 1, "{:?}", o.items);
        assert_eq!(o.items[0].quantity_value, Some(4.0));
    }

    #[test]
    fn parse_csv_parties() {
        let t = "role,name,country,address\nbuyer,Hasan Scientific Corp,PK,\"50 Akbari Road, Lahore\"\nend user,National Development Complex,Pakistan,Islamabad\n";
        let o = parse(t);
        assert_eq!(o.parties.len(), 2, "{:?}", o.parties);
        assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("National Development Complex"));
        assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("PK"));
    }

    #[test]
    fn parse_tsv_order_rows() {
        let t = "Buyer\tEnd user\tDescription\tQty\tHS code\nAl Noor Trading\tUnknown Works\tVacuum pump\t2\t8414.10\n";
        let o = parse(t);
        assert!(party(&o, "buyer").is_some() && party(&o, "endUser").is_some());
        assert_eq!(o.items.len(), 1);
        assert_eq!(o.items[0].hs.as_deref(), Some("8414.10"));
        assert_eq!(o.items[0].quantity_value, Some(2.0));
    }

    #[test]
    fn parse_na_end_user_is_a_field_not_a_party() {
        let o = parse("Buyer: X Traders, Karachi\nEnd user: N/A\nEnd use: general purposes");
        assert!(party(&o, "endUser").is_none());
        assert!(o.fields.iter().any(|f| f.key == "endUser" && f.value == "N/A"));
        assert_eq!(o.end_use.as_deref(), Some("general purposes"));
    }

    #[test]
    fn parse_destination_and_port() {
        let o = parse("Consignee: Al Noor Logistics FZE, Jebel Ali, UAE\nEnd user: Rawalpindi Works, Rawalpindi\nPort of discharge: Jebel Ali");
        assert_eq!(o.destination.as_deref(), Some("PK"));
        assert!(o.via.contains(&"AE".to_string()));
    }

    #[test]
    fn parse_large_junk_finishes() {
        let mut t = String::with_capacity(1 << 20);
        let chunk = "Buyer: ::: 1,2,3;;; via via via 9014.20.00 \u{feff} ааа Käufer\t|x|y|\n(((( M/s ))) 0.5 deg/h ";
        while t.len() < (1 << 20) {
            t.push_str(chunk);
        }
        let o = parse(&t);
        assert!(o.parties.len() <= MAX_PARTIES);
        assert!(o.items.len() <= MAX_ITEMS);
    }

    #[test]
    fn role_for_words() {
        assert_eq!(role_for("End user").as_deref(), Some("endUser"));
        assert_eq!(role_for("Käufer").as_deref(), Some("buyer"));
        assert_eq!(role_for("consignee").as_deref(), Some("consignee"));
        assert_eq!(role_for("price"), None);
    }
}
