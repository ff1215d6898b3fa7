//! Stage 1: pasted order text (labelled fields, e-mail prose, CSV/TSV rows) or an order object → [`Order`]:
//! parties with roles, items with quantities, HS codes and technical parameters, destination, routing, end use,
//! payment and delivery.
//!
//! The parser reads, in this order: tables with a recognised header row (`role,name,country` or order-like
//! columns); labelled fields (`Buyer:`, `Käufer:`, `Грузополучатель:`, labels from `src/data/labels.toml`, with the
//! value on the same line or in the block below); e-mail prose ("we are buying for our customer X", "the goods
//! will be shipped via Dubai"); a signature block after "Best regards"; and list lines that look like goods.
//! Every party, item and field keeps a [`Span`] (byte offsets into the text) so the page can highlight it.
//! Countries come from country names, a gazetteer of cities ([`crate::geo`]) and ISO codes.
//!
//! It never fails and does a bounded amount of work per byte (lines, tokens and phrase sets indexed by first
//! word), so a large paste of junk costs time linear in its size. Text it cannot place is still searched by the
//! rules.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::geo::{geo, PlaceKind};
use crate::report::Span;
use crate::text::{self, PhraseSet, Token};

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
    /// How the party was read: "label", "table", "prose", "signature", "header" (an e-mail's From line), "form"
    /// ("Company: ...") (empty for a caller's object).
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
    company_words: Vec<String>,
    generic_tlds: Vec<String>,
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
    company_words: HashSet<String>,
    generic_tlds: HashSet<String>,
    /// Longest written form first.
    units: Vec<Unit>,
    /// (as written, operator), longest first.
    comparators: Vec<(String, String)>,
    triggers: PhraseSet<Trigger>,
    error: Option<String>,
}

fn labels() -> &'static Labels {
    static L: OnceLock<Labels> = OnceLock::new();
    L.get_or_init(|| match crate::data::read::<LabelsFile>(crate::data::LABELS) {
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
            l.company_words = set(f.words.company_words);
            l.generic_tlds = set(f.words.generic_tlds);
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

/// Whether a line names a company (a legal form or a word such as "Trading", "Institute", "Works").
fn is_company_like(l: &str) -> bool {
    let v = labels();
    text::words(l).iter().any(|w| is_in(&v.legal_words, w) && w.len() > 1 || is_in(&v.company_words, w))
}

/// The name part of an e-mail header value: `"Ali Raza" <ali@example.pk>`, `Hasan Scientific Corp [mailto:x@y]`,
/// `sales@example.com` (nothing). A sub-slice of `value`, so its span points into the text.
fn sender_name(value: &str) -> &str {
    let mut end = value.len();
    for (i, c) in value.char_indices() {
        if c == '<'
            || c == '['
            || (c == '(' && value.get(i..).is_some_and(|r| r.split(')').next().is_some_and(|x| x.contains('@'))))
        {
            end = i;
            break;
        }
    }
    let mut v = value.get(..end).unwrap_or_default();
    // A bare address: cut at the word that contains '@'.
    if let Some(at) = v.find('@') {
        let start = v.get(..at).and_then(|b| b.rfind(char::is_whitespace)).map(|p| p + 1).unwrap_or(0);
        v = v.get(..start).unwrap_or_default();
    }
    v.trim().trim_matches(|c: char| c == '"' || c == '\'' || c == ',' || c == ';' || c.is_whitespace())
}

/// The country of the first e-mail address in `s` by its country-code top-level domain ("ali@hasansci.com.pk" →
/// PK); none for generic and vanity domains (".com", ".io", ".co").
fn domain_country(s: &str) -> Option<String> {
    let at = s.find('@')?;
    let domain: String =
        s.get(at + 1..)?.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    let tld = domain.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    if tld.len() != 2 || is_in(&labels().generic_tlds, &tld) {
        return None;
    }
    let code = if tld == "uk" { "GB".to_string() } else { tld.to_ascii_uppercase() };
    geo().is_code(&code).then_some(code)
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

/// Removes a position number from the start of a goods line ("Pos 10: ", "Pos. 20 - ", "Line 3) ", "No. 4: ").
fn strip_position(line: &str) -> &str {
    let t = line.trim_start();
    let lower: String = t.chars().take(12).collect::<String>().to_lowercase();
    for p in ["position", "pos.", "pos", "line", "no.", "nr.", "nr", "#"] {
        if !lower.starts_with(p) {
            continue;
        }
        let rest = t.get(p.len()..).unwrap_or_default().trim_start();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if !(1..=4).contains(&digits) {
            continue;
        }
        let after = rest.get(digits..).unwrap_or_default();
        for sep in [":", ")", ".", " -", " –", " :"] {
            if let Some(r) = after.strip_prefix(sep) {
                if r.starts_with([' ', '\t']) && r.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    return r.trim_start();
                }
            }
        }
    }
    line
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
    for lab in
        ["qty", "quantity", "menge", "anzahl", "stückzahl", "quantité", "qté", "cantidad", "количество", "кол-во"]
    {
        if let Some(p) = lower.find(lab) {
            let at = p + lab.len();
            if lower.get(p.saturating_sub(1)..p).is_some_and(|c| c.chars().all(char::is_alphanumeric) && !c.is_empty())
            {
                continue;
            }
            let rest = s.get(at..).unwrap_or_default();
            let skip = rest.len() - rest.trim_start_matches([':', '.', ' ', '=', '\t', '-']).len();
            let num_at = at + skip;
            if let Some((v, used)) = s.get(num_at..).and_then(read_count) {
                let after = s.get(num_at + used..).unwrap_or_default();
                let unit = count_unit_at(after);
                let end = num_at + used + unit.as_ref().map(|u| u.1).unwrap_or(0);
                let text = s.get(p..end).unwrap_or_default().to_string();
                return Some((text, v, unit.map(|u| u.0).unwrap_or_default(), p, end));
            }
        }
    }
    // 2. "20 pcs", "2,000 kg", "20 x ", "order 2 machines"; 3. "x20", "× 4"
    count_quantity(s).or_else(|| times_quantity(s))
}

/// "Vacuum pump x2", "gyroscope × 20": a count written after a multiplication sign (not a dimension "640 x 512"
/// or "x 20 mm").
fn times_quantity(s: &str) -> Option<(String, f64, String, usize, usize)> {
    for (i, c) in s.char_indices() {
        if !matches!(c, 'x' | 'X' | '×') {
            continue;
        }
        let before = s.get(..i).unwrap_or_default();
        if !(before.is_empty() || before.ends_with([' ', '(', ',', '-', '\t'])) {
            continue;
        }
        // "640 x 512": a number before the sign makes it a dimension.
        if before.trim_end().chars().last().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = s.get(i + c.len_utf8()..).unwrap_or_default();
        let num = rest.strip_prefix(' ').unwrap_or(rest);
        let Some((v, used)) = read_number(num) else { continue };
        let raw = num.get(..used).unwrap_or_default();
        let after = num.get(used..).unwrap_or_default();
        let boundary = after.is_empty() || after.starts_with([',', ';', ')', ' ', '\t', '.']);
        let next_word = after.trim_start_matches([' ', ')', ',', ';', '.']);
        if !boundary
            || raw.contains('.')
            || read_unit(after).is_some()
            || next_word.starts_with(|c: char| c.is_ascii_digit() || c == 'x' || c == '×')
            || !(1.0..1e7).contains(&v)
        {
            continue;
        }
        let end = i + c.len_utf8() + (rest.len() - num.len()) + used;
        return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, String::new(), i, end));
    }
    None
}

/// Where "twenty (20)" starts, given the position of its "(": at the number word, or at the bracket.
fn number_word_before(s: &str, paren: usize) -> usize {
    const WORDS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "a",
    ];
    let before = s.get(..paren).unwrap_or_default();
    let trimmed = before.trim_end();
    let word_start = trimmed.rfind(|c: char| !(c.is_alphabetic() || c == '-')).map(|p| p + 1).unwrap_or(0);
    let word = trimmed.get(word_start..).unwrap_or_default().to_lowercase();
    if !word.is_empty() && word.split('-').all(|w| WORDS.contains(&w)) {
        word_start
    } else {
        paren
    }
}

/// Whether a number is written as a whole count ("20", "1,000"), not a decimal.
fn raw_integer(raw: &str) -> bool {
    !raw.contains('.') && raw.split(',').skip(1).all(|g| g.len() == 3)
}

/// At most the last `max` bytes of `s[..end]`, cut at a character boundary.
fn tail(s: &str, end: usize, max: usize) -> &str {
    let mut start = end.saturating_sub(max);
    while start > 0 && !s.is_char_boundary(start) {
        start -= 1;
    }
    s.get(start..end).unwrap_or_default()
}

/// A count as written in any locale: "2,000", "2.000" (a dot before three digits is a thousands separator in a
/// count), "2 000" and "2\u{202f}000" (French and Swiss grouping). Value and bytes read.
fn read_count(s: &str) -> Option<(f64, usize)> {
    let (v, mut used) = read_number(s)?;
    let raw = s.get(..used)?;
    let mut v = european_thousands(raw, v);
    if raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_digit()) {
        let mut total = raw.to_string();
        while let Some(rest) = s.get(used..) {
            let Some(sep) = [' ', '\u{a0}', '\u{202f}'].into_iter().find(|c| rest.starts_with(*c)) else { break };
            let after = rest.get(sep.len_utf8()..).unwrap_or_default();
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let next = after.get(digits..).and_then(|r| r.chars().next());
            if digits != 3 || next.is_some_and(|c| c == '.' || c == ',') || total.len() > 9 {
                break;
            }
            total.push_str(after.get(..3).unwrap_or_default());
            used += sep.len_utf8() + 3;
        }
        if total.len() > raw.len() {
            v = total.parse().ok()?;
        }
    }
    Some((v, used))
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
            // "2 000 kg": a grouped count before a unit
            if let Some((v, used)) = s.get(i..).and_then(read_count) {
                if let Some((u, ul)) = count_unit_at(s.get(i + used..).unwrap_or_default()) {
                    let end = i + used + ul;
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, u, i, end));
                }
            }
            if let Some((v, used)) = s.get(i..).and_then(read_number) {
                let after = s.get(i + used..).unwrap_or_default();
                // "twenty (20) units"
                if s.get(..i).is_some_and(|b| b.ends_with('(')) {
                    if let Some((u, ul)) = after.strip_prefix(')').and_then(count_unit_at) {
                        let end = i + used + 1 + ul;
                        let start = number_word_before(s, i - 1);
                        return Some((s.get(start..end).unwrap_or_default().trim().to_string(), v, u, start, end));
                    }
                }
                if let Some((u, ul)) = count_unit_at(after) {
                    let end = i + used + ul;
                    let v = european_thousands(s.get(i..i + used).unwrap_or_default(), v);
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, u, i, end));
                }
                let t = after.trim_start();
                let times = t.starts_with("x ") || t.starts_with("× ") || t.starts_with("X ");
                let t_after = t.get(t.chars().next().map(char::len_utf8).unwrap_or(1)..).unwrap_or_default();
                // "2 x vacuum pumps" anywhere; "2 x 4" is a dimension
                let word_follows = t_after.trim_start().starts_with(char::is_alphabetic);
                let times_word = (t.starts_with(['x', 'X', '×']) && t_after.starts_with(' ')) && word_follows;
                if (times && i == 0) || (times_word && raw_integer(s.get(i..i + used).unwrap_or_default())) {
                    let xlen = t.chars().next().map(char::len_utf8).unwrap_or(1);
                    let end = i + used + (after.len() - t.len()) + xlen;
                    return Some((s.get(i..end).unwrap_or_default().trim().to_string(), v, String::new(), i, end));
                }
                // "order 1 coffee roasting machine", "need 20 gyroscopes": a number right after an order verb
                let before = text::words(tail(s, i, 24));
                let word_after = after.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_alphabetic));
                if word_after
                    && v < 1e6
                    && matches!(
                        before.last().map(String::as_str),
                        Some("order" | "need" | "require" | "quote" | "supply" | "purchase" | "buy")
                    )
                {
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
    for lab in hs_labels() {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|x| x.find(lab.as_str())).map(|x| x + from) {
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
    // An unlabelled code written with at least two dot groups ("8458.11.00").
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b.get(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !b.get(i - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.'))
        {
            let rest = s.get(i..).unwrap_or_default();
            if let Some((code, used)) = read_hs_digits(rest) {
                if code.matches('.').count() >= 2 && rest.get(..used).is_some_and(|r| r.matches('.').count() >= 2) {
                    return Some((code, i, i + used));
                }
            }
        }
    }
    None
}

/// Labels that introduce an HS/CN code in running text, longest first: the `hs` labels of `src/data/labels.toml`
/// and their short forms.
fn hs_labels() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| {
        let mut v: Vec<String> = HS_SHORT.iter().map(|x| x.to_string()).collect();
        for d in labels().defs.iter().filter(|d| d.key == "hs") {
            for lab in &d.labels {
                let l = lab.to_lowercase();
                if !v.contains(&l) {
                    v.push(l);
                }
            }
        }
        v.sort_by_key(|x| std::cmp::Reverse(x.len()));
        v
    })
}

const HS_SHORT: &[&str] = &["h.s.", "hts", "hs", "cn", "tariff", "тн вэд"];

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
    item_read(text, line, extra, true)
}

/// [`item_from`]; `read_quantity` false when a table column gives the quantity (a number in the description,
/// "Maraging steel 350 sheet", is then part of it).
fn item_read(text: &str, line: &str, extra: &[&str], read_quantity: bool) -> Item {
    let line = strip_position(strip_bullet(line));
    let line = truncate_at_char(line, MAX_DESCRIPTION);
    let mut description = clean_value(line).to_string();
    for e in extra {
        description.push_str("; ");
        description.push_str(clean_value(strip_bullet(e)));
    }
    let description = truncate_at_char(&description, MAX_DESCRIPTION).to_string();
    let qty = if read_quantity { find_quantity(&description).or_else(|| leading_count(&description)) } else { None };
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
    // The description names the goods: the quantity and the HS code have fields of their own.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    if let Some(q) = &qty {
        let of = description.get(q.4..).and_then(|r| r.strip_prefix(" of ")).map(|_| 3).unwrap_or(0);
        // "swabs 10 x 10 cm x 2,000 packs": the sign before the count goes with it
        let before = description.get(..q.3).unwrap_or_default();
        let times = [" x ", " X ", " × "].iter().find(|t| before.ends_with(**t)).map(|t| t.len() - 1).unwrap_or(0);
        cuts.push((q.3 - times, q.4 + of));
    }
    if let Some((_, a, z)) = &hs {
        cuts.push((*a, *z));
    }
    let description = without(&description, &cuts);
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

/// `s` without the byte ranges `cuts`, tidied (empty brackets, doubled separators and spaces removed). `s` itself
/// when too little would be left.
fn without(s: &str, cuts: &[(usize, usize)]) -> String {
    if cuts.is_empty() {
        return s.to_string();
    }
    let mut cuts: Vec<(usize, usize)> = cuts.to_vec();
    cuts.sort_unstable();
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (a, z) in cuts {
        if a > at {
            out.push_str(s.get(at..a).unwrap_or_default());
        }
        at = at.max(z);
    }
    out.push_str(s.get(at..).unwrap_or_default());
    // Tidy: "monitors (), ;" -> "monitors"
    let mut t = out;
    for (from, to) in [
        ("()", ""),
        ("[]", ""),
        ("( )", ""),
        ("[ ]", ""),
        ("  ", " "),
        (" ,", ","),
        (" ;", ";"),
        (",,", ","),
        (";;", ";"),
        (", ;", ";"),
        ("; ,", ";"),
        (", ,", ","),
        ("; ;", ";"),
    ] {
        let mut guard = 0;
        while t.contains(from) && guard < 64 {
            t = t.replace(from, to);
            guard += 1;
        }
    }
    let t = t.trim_matches(|c: char| c.is_whitespace() || [',', ';', ':', '-', '–', '—', '/', '|', '.'].contains(&c));
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return s.to_string();
    }
    t.to_string()
}

/// A count at the very start of a goods line, without a unit: "6 hand-foot contamination monitors", "2x vacuum
/// pumps". Not a grade, a model year or a measurement ("316 stainless", "24 V motor").
fn leading_count(s: &str) -> Option<(String, f64, String, usize, usize)> {
    let (v, used) = read_number(s)?;
    let raw = s.get(..used)?;
    if raw.contains('.') || (raw.contains(',') && !raw.split(',').skip(1).all(|g| g.len() == 3)) {
        return None;
    }
    let rest = s.get(used..)?;
    let (times, rest) = match rest.strip_prefix(['x', 'X', '×']) {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let after = rest.strip_prefix(' ')?;
    if !after.starts_with(|c: char| c.is_alphabetic()) || (!times && read_unit(rest).is_some()) {
        return None;
    }
    let next = text::words(after.get(..after.len().min(40)).unwrap_or(after));
    let next = next.first().map(String::as_str).unwrap_or_default();
    const NOT_A_COUNT: &[&str] = &[
        "stainless",
        "steel",
        "alloy",
        "aluminium",
        "aluminum",
        "grade",
        "series",
        "model",
        "type",
        "year",
        "years",
        "days",
        "weeks",
        "months",
        "hours",
        "minutes",
        "percent",
        "per",
        "series",
        "mesh",
        "gauge",
        "bit",
        "core",
        "pin",
        "way",
        "ply",
        "axis",
        "channel",
        "phase",
        "pole",
        "inch",
        "in",
        "to",
        "and",
        "or",
        "of",
        "from",
        "at",
    ];
    if NOT_A_COUNT.contains(&next) || !(1.0..1e7).contains(&v) || (raw.len() == 4 && (1900.0..2100.0).contains(&v)) {
        return None;
    }
    let end = used + usize::from(times);
    Some((s.get(..end)?.to_string(), v, String::new(), 0, end))
}

/// An item read from a sentence of prose: "We would like to order 20 units of fibre optic gyroscopes" is an item
/// "fibre optic gyroscopes" with quantity 20 units.
fn prose_item(text: &str, sentence: &str) -> Item {
    let mut item = item_from(text, sentence, &[]);
    let d = item.description.clone();
    let toks = text::tokens(&d);
    const VERBS: &[&str] = &[
        "order",
        "need",
        "require",
        "purchase",
        "buy",
        "quote",
        "supply",
        "offer",
        "send",
        "procure",
        "source",
        "import",
        "ordering",
        "requesting",
        "request",
        "quotation",
        "price",
        "prices",
        "interested",
        "looking",
        "requirement",
        "requirements",
        "enquiry",
        "inquiry",
        "rfq",
    ];
    const FILLERS: &[&str] = &[
        "us",
        "you",
        "for",
        "the",
        "following",
        "of",
        "a",
        "an",
        "your",
        "best",
        "price",
        "prices",
        "offer",
        "on",
        "to",
        "me",
        "kindly",
        "please",
        "following",
        "goods",
        "items",
        "quotation",
        "in",
        "is",
        "are",
        "as",
        "follows",
    ];
    if let Some(v) = toks.iter().take(10).position(|t| VERBS.contains(&t.norm.as_str())) {
        let mut k = v + 1;
        while toks.get(k).is_some_and(|t| FILLERS.contains(&t.norm.as_str())) {
            k += 1;
        }
        if let Some(rest) = toks.get(k).and_then(|t| d.get(t.start..)) {
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                item.description = rest.trim_end_matches(['.', ' ', ':']).to_string();
            }
        }
    }
    item
}

/// Completes a caller's item: parameters, quantity and HS code read from its description when absent.
pub fn complete_item(item: &Item) -> Item {
    let mut it = item.clone();
    if it.parameters.is_empty() {
        let q = find_quantity(&it.description);
        it.parameters = parameters(&it.description, q.as_ref().map(|q| (q.3, q.4)));
    }
    if it.quantity_value.is_none() {
        if let Some(q) = it
            .quantity
            .as_deref()
            .and_then(|q| find_quantity(q).or_else(|| leading_count(q)))
            .or_else(|| find_quantity(&it.description))
        {
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

/// Closing lines of a letter or an e-mail; the signature block follows them.
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
    /// "From:"/"To:" headers of a document (a proforma invoice from the seller to the buyer), not of an e-mail.
    document_headers: bool,
    pending_eccn: Option<String>,
    /// The country of the sender's e-mail domain ("hasansci.com.pk" → PK), for a sender whose address names none.
    sender_domain_country: Option<String>,
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
        document_headers: false,
        pending_eccn: None,
        sender_domain_country: None,
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
    p.document_headers = p.is_document_with_headers();
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
        // "Product | Model | Description": every goods column describes the item.
        let goods: Vec<&'a str> = keys
            .iter()
            .enumerate()
            .filter(|(_, d)| d.is_some_and(|d| d.key == "item"))
            .filter_map(|(i, _)| cells.get(i).copied())
            .filter(|c| !c.is_empty())
            .collect();
        // A "Total" row is no item.
        let total = goods.first().is_some_and(|d| match_label(d, true).is_some_and(|f| f.kind == "ignore"));
        if let (Some((desc, rest)), false) = (goods.split_first(), total) {
            let mut item = item_read(self.text, desc, rest, cell("quantity").is_none());
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
        for key in ["endUse", "payment", "delivery", "destination", "via", "port", "packing", "eccn"] {
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
                "header" => {
                    self.header_party(&def.key, label, value);
                    i + 1
                }
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
                "column" if def.key == "name" => {
                    self.form_company(label, value);
                    i + 1
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
                // "Address: ...", "City: ...", "Country: ..." (and "Name: ..." first in a block under a bare label)
                // continue the party.
                Some((d, _, v))
                    if (matches!(d.key.as_str(), "address" | "city" | "country")
                        || (d.key == "name" && value.is_empty() && block.is_empty()))
                        && !v.is_empty() =>
                {
                    block.push(v.trim());
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
        if let Some(rest) = same_as(&folded) {
            let src = match_label(rest, true).filter(|d| d.kind == "party").map(|d| d.key.as_str()).or_else(|| {
                ["buyer", "consignee", "endUser"]
                    .into_iter()
                    .find(|r| rest.contains(&r.to_lowercase().replace("enduser", "end user")))
            });
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
        // "End user: our customer in Pakistan", "Ship to: a hospital in Karachi": a party described, not named.
        if matches!(def.key.as_str(), "endUser" | "consignee" | "intermediate") && described_not_named(v) {
            self.push_field("unnamedEndUser", label, v);
            let g = geo();
            if let Some(place) = g.places_in(v).into_iter().rev().find(|f| f.value.kind != PlaceKind::Adjective) {
                let better = self.prose_destination.as_ref().is_none_or(|(p, _)| 2 > *p);
                if better {
                    self.prose_destination = Some((2, place.value.code));
                }
            }
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

    /// Whether "From:"/"To:" lines head a document the seller wrote (a proforma invoice, a quotation: From = the
    /// seller, To = the buyer) rather than a message or order from the customer (From = the customer).
    fn is_document_with_headers(&self) -> bool {
        const SELLER_DOCUMENTS: &[&str] = &[
            "invoice",
            "proforma",
            "pro forma",
            "pro-forma",
            "quotation",
            "our offer",
            "offer no",
            "angebot",
            "rechnung",
            "facture",
            "devis",
            "factura",
            "cotizacion",
            "order confirmation",
            "auftragsbestatigung",
            "confirmation de commande",
            "счет",
            "инвойс",
        ];
        let mut to_company = false;
        let mut seller_document = false;
        for i in 0..self.lines.len() {
            let line = self.line(i);
            if let Some((def, _, value)) = labelled_line(line) {
                if def.kind == "header" {
                    if value.contains('@') {
                        return false;
                    }
                    if def.key == "to" && !sender_name(value).is_empty() {
                        to_company = true;
                    }
                    continue;
                }
            }
            if !seller_document {
                let f = format!(" {} ", text::words(truncate_at_char(line, 400)).join(" "));
                seller_document = SELLER_DOCUMENTS.iter().any(|w| f.contains(&format!(" {w} ")));
            }
        }
        to_company && seller_document
    }

    /// An e-mail or document header: "From: Hasan Scientific Corp, Lahore, Pakistan", "From: Ali Raza
    /// <ali@example.pk>", "To: M/s Business World, Rawalpindi". The sender of a pasted e-mail is the customer
    /// (a company as buyer, a person as a party to screen); the recipient is the exporter itself. In a document
    /// with "From:" and "To:" (a proforma invoice) the sender is the seller and the recipient the buyer.
    fn header_party(&mut self, key: &str, label: &str, value: &'a str) {
        if key == "from" && !self.document_headers {
            if let Some(c) = domain_country(value) {
                self.sender_domain_country.get_or_insert(c);
            }
        }
        let name = sender_name(value);
        if name.is_empty() || is_non_name(name) || name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return;
        }
        let segs = segments(name);
        let has_place = segs.iter().skip(1).any(|s| !geo().places_in(s).is_empty());
        let company = is_company_like(segs.first().copied().unwrap_or(name)) || has_place;
        let role = match (key, self.document_headers) {
            ("from", true) => "seller",
            ("to", true) => "buyer",
            ("from", false) if company => "buyer",
            ("from", false) => "party",
            _ => return,
        };
        self.push_field(key, label, name);
        let mut p = self.party_from(role, name, &[], "header");
        if !self.document_headers {
            p.descriptor =
                Some(if key == "from" { "sender of the message" } else { "addressee of the message" }.into());
        }
        self.add_party(p);
    }

    /// "Company: Al-Noor Traders, Karachi" in an enquiry form or a contact block: the customer, unless the order
    /// names its buyer elsewhere (then a party to screen).
    fn form_company(&mut self, label: &str, value: &'a str) {
        const COMPANY_LABELS: &[&str] = &[
            "company",
            "firma",
            "firmenname",
            "societe",
            "raison",
            "empresa",
            "razon",
            "organisation",
            "organization",
            "entity",
            "компания",
            "организация",
            "наименование",
        ];
        let v = clean_value(value);
        if v.is_empty() || is_non_name(v) {
            return;
        }
        let company_label = text::words(label).first().is_some_and(|w| COMPANY_LABELS.contains(&w.as_str()));
        if !company_label && !is_company_like(segments(v).first().copied().unwrap_or(v)) {
            return;
        }
        self.push_field("name", label, v);
        let p = self.party_from("buyer", v, &[], "form");
        self.add_party(p);
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
        let mut attributes: HashSet<usize> = HashSet::new();
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
            if let Some((d, label, _)) = labelled_line(l) {
                // "HS code:", "Qty:", "ECCN:", "Model:" under a goods line describe it; prices and dates are skipped.
                if item_attribute(d, label) {
                    if !lines.is_empty() {
                        attributes.insert(lines.len());
                        lines.push(l);
                    }
                    j += 1;
                    continue;
                }
                if d.kind == "ignore" && !lines.is_empty() {
                    j += 1;
                    continue;
                }
                if d.kind != "column" && !param_line(l) {
                    break;
                }
            }
            lines.push(l);
            j += 1;
        }
        // Parameter lines, attribute lines and indented lines continue the item above them.
        let mut groups: Vec<(&'a str, Vec<&'a str>)> = Vec::new();
        for (n, l) in lines.into_iter().enumerate() {
            let continues = attributes.contains(&n)
                || param_line(l)
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
                    read_count(value).map(|(v, used)| {
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
            "eccn" => {
                let v = truncate_at_char(value, 80);
                match self.order.items.last_mut() {
                    Some(it) if !it.description.contains(v) => {
                        it.description.push_str(&format!(" (classification stated: {v})"));
                    }
                    Some(_) => {}
                    None => self.pending_eccn = Some(v.to_string()),
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
                        match prose_party(text, &toks, after, b, &role) {
                            Some(p) => self.add_party(p),
                            None => self.unnamed_party(&toks, (f.start, first, after), b, &role),
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

    /// "Ship to our customer in Pakistan", "on behalf of our client in Iran": a customer or end user referred to
    /// but not named. Kept as an `unnamedEndUser` field (a red flag when no end user is named anywhere) and, with
    /// the place it is in, as the final destination.
    fn unnamed_party(&mut self, toks: &[Token], trigger: (usize, usize, usize), end: usize, role: &str) {
        const NOUNS: &[&str] = &[
            "customer",
            "customers",
            "client",
            "clients",
            "user",
            "users",
            "consignee",
            "buyer",
            "purchaser",
            "kunde",
            "kunden",
            "kundin",
            "cliente",
            "clientes",
            "клиент",
            "клиента",
            "заказчик",
            "заказчика",
        ];
        const FOLLOW: &[&str] = &[
            "in", "at", "from", "based", "located", "situated", "who", "whose", "which", "s", "has", "have", "needs",
            "need", "wants", "requires", "en", "au", "aux", "à", "a", "im", "aus", "в", "из",
        ];
        let (start, first, after) = trigger;
        if role != "endUser" && role != "consignee" {
            return;
        }
        let v = labels();
        let mut noun = toks.get(first..after).is_some_and(|ts| ts.iter().any(|t| NOUNS.contains(&t.norm.as_str())));
        let mut j = after;
        while j < end && j < after + 5 {
            let Some(t) = toks.get(j) else { break };
            if FOLLOW.contains(&t.norm.as_str()) || !is_in(&v.pre_name, &t.norm) {
                break;
            }
            noun |= NOUNS.contains(&t.norm.as_str());
            j += 1;
        }
        let follows = j >= end || toks.get(j).is_some_and(|t| FOLLOW.contains(&t.norm.as_str()));
        if !noun || !follows {
            return;
        }
        let text = self.text;
        let country = place_after(text, toks, j, end, 6);
        let stop = toks.get(end.saturating_sub(1)).map(|t| t.end).unwrap_or(start).max(start);
        let Some(value) = text.get(start..stop) else { return };
        let value = truncate_at_char(value, 160);
        let sentence_start = toks.get(first).map(|t| t.start).unwrap_or(start);
        let seen = self.order.fields.iter().any(|f| {
            f.key == "unnamedEndUser"
                && f.span.as_ref().and_then(|s| s.end).is_some_and(|e| e > sentence_start)
                && f.span.as_ref().and_then(|s| s.start).is_some_and(|s| s <= stop)
        });
        if seen {
            return;
        }
        let label =
            text.get(start..toks.get(after.saturating_sub(1)).map(|t| t.end).unwrap_or(start)).unwrap_or_default();
        self.push_field("unnamedEndUser", label, value);
        if let Some(c) = country {
            let better = self.prose_destination.as_ref().is_none_or(|(p, _)| 2 > *p);
            if better {
                self.prose_destination = Some((2, c));
            }
        }
    }

    // --- signature ---------------------------------------------------------------------------------------------

    fn signature(&mut self) {
        let Some(close) = (0..self.lines.len()).rev().find(|&i| {
            let w = text::words(self.line(i)).join(" ");
            !w.is_empty() && CLOSINGS.contains(&w.as_str())
        }) else {
            return;
        };
        let mut lines: Vec<&'a str> = Vec::new();
        let mut j = close + 1;
        let consumed_to = {
            let mut k = close + 1;
            let mut n = 0;
            while k < self.lines.len() && n < 8 {
                if self.line(k).trim().is_empty() {
                    if n > 0 {
                        break;
                    }
                } else {
                    n += 1;
                }
                k += 1;
            }
            k
        };
        // The signature block is not goods (list_items skips it).
        self.consume_lines(close, consumed_to.saturating_sub(1).max(close));
        // A buyer read from an e-mail's "From:" line does not make the signature redundant: it names the company.
        if self.order.parties.iter().any(|p| p.role == "buyer" && p.read_from != "header" && p.read_from != "form") {
            return;
        }
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
        let company_words = |l: &str| is_company_like(l);
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
        if let Some(c) = lines.iter().find_map(|l| domain_country(l)) {
            self.sender_domain_country.get_or_insert(c);
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
            let stated = !crate::rules::items::stated_entries(t).is_empty();
            let counted = qty.as_ref().is_some_and(|q| !q.2.is_empty() || q.0.contains(['x', 'X', '×']))
                && text::words(t).len() <= 30
                && !text::words(t).first().is_some_and(|w| {
                    ["total", "net", "gross", "weight", "packing", "payment", "delivery", "shipment", "lead", "price"]
                        .contains(&w.as_str())
                });
            let leading = leading_count(strip_bullet(t)).is_some();
            if hs
                || starts_with_qty
                || stated
                || counted
                || (bullet && (qty.is_some() || has_param || leading))
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
                            || !crate::rules::items::stated_entries(sent).is_empty()
                        {
                            let item = prose_item(self.text, sent);
                            self.add_item(item);
                        }
                    }
                } else {
                    let item = prose_item(self.text, line);
                    self.add_item(item);
                }
            }
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
        if let Some(c) = self.sender_domain_country.clone() {
            for p in self.order.parties.iter_mut() {
                if p.country.is_none() && matches!(p.read_from.as_str(), "header" | "signature" | "form") {
                    p.country = Some(c.clone());
                }
            }
        }
        if let Some(e) = self.pending_eccn.take() {
            if let Some(it) = self.order.items.last_mut() {
                it.description.push_str(&format!(" (classification stated: {e})"));
            }
        }
        if self.order.parties.iter().any(|p| p.role == "endUser") {
            self.order.fields.retain(|f| f.key != "unnamedEndUser");
        }
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

/// "Same as buyer", "as above", "wie Käufer", "idem acheteur": the words after the reference (possibly empty), when
/// a party value refers to another party.
fn same_as(folded: &str) -> Option<&str> {
    const LEADS: &[&str] = &[
        "same as the",
        "same as",
        "as above",
        "see above",
        "ditto",
        "dito",
        "idem",
        "wie der",
        "wie die",
        "wie oben",
        "siehe oben",
        "identisch mit dem",
        "identisch mit",
        "identisch",
        "gleich wie",
        "wie",
        "meme que le",
        "meme que l",
        "meme que",
        "comme ci dessus",
        "comme",
        "igual que el",
        "igual que",
        "igual al",
        "el mismo que",
        "как",
        "то же",
    ];
    for l in LEADS {
        if let Some(rest) = folded.strip_prefix(l) {
            if rest.is_empty() || rest.starts_with(' ') {
                let rest = rest.trim();
                // "Wien Trading GmbH" is a name, not "wie ..."
                if (*l == "wie" || *l == "comme" || *l == "как") && match_label(rest, true).is_none() {
                    continue;
                }
                return Some(rest);
            }
        }
    }
    None
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

/// Whether a labelled line under a goods line describes that item ("HS code: 9030.10", "Qty: 6", "ECCN: 3A001",
/// "Model: RTM-860").
fn item_attribute(def: &FieldDef, label: &str) -> bool {
    if matches!(def.key.as_str(), "hs" | "quantity" | "eccn" | "unit") {
        return true;
    }
    def.kind == "ignore"
        && text::words(label).first().is_some_and(|w| {
            ["model", "brand", "part", "article", "art", "type", "make", "manufacturer", "maker"].contains(&w.as_str())
        })
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

/// "our customer in Pakistan", "a nuclear power plant in Chashma", "the end user": a value that describes a party
/// without naming it (an article or possessive first, then no capitalised word but place names).
fn described_not_named(v: &str) -> bool {
    const LEADS: &[&str] = &[
        "our", "a", "an", "the", "their", "one", "my", "some", "various", "local", "unser", "unsere", "unseren", "ein",
        "eine", "einen", "notre", "nos", "un", "une", "nuestro", "nuestra", "un", "una",
    ];
    let toks = text::tokens(v);
    let Some(first) = toks.first() else { return false };
    if !LEADS.contains(&first.norm.as_str()) || toks.len() > 14 {
        return false;
    }
    let places = geo().places_in(v);
    toks.iter().skip(1).all(|t| {
        !v.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
            || places.iter().any(|p| p.start <= t.start && p.end >= t.end)
    })
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
    // "Ship to our customer in Pakistan", "End user: ...", "for use in ...": a statement, not an address line.
    if ["ship", "deliver", "send", "shipment", "delivery", "goods", "final", "payment", "end", "for", "to", "kindly"]
        .contains(&first)
    {
        return false;
    }
    let toks = text::tokens(t);
    if labels().triggers.find_all(t, &toks).iter().any(|f| {
        matches!(f.value, Trigger::Party(_) | Trigger::Destination(_) | Trigger::EndUse)
            || (f.value == Trigger::Payment && f.first == 0)
    }) {
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
    fn parse_from_header_sender_is_buyer() {
        let o =
            parse("From: Hasan Scientific Corp, Lahore, Pakistan\nSubject: RFQ\n\nDear Sir,\nPlease quote 6 monitors.");
        let b = party(&o, "buyer").expect("sender as buyer");
        assert_eq!(
            (b.name.as_str(), b.country.as_deref(), b.read_from.as_str()),
            ("Hasan Scientific Corp", Some("PK"), "header")
        );
        // A person with an address: screened as a party; the company comes from the signature, the country from the
        // e-mail domain.
        let o = parse("From: \"Ali Raza\" <ali@hasansci.com.pk>\nTo: sales@example.de\n\nDear Sir,\nWe need 2 pumps.\n\nRegards,\nAli Raza\nHasan Scientific Corp");
        assert_eq!(party(&o, "party").map(|p| p.name.as_str()), Some("Ali Raza"));
        let b = party(&o, "buyer").expect("buyer from the signature");
        assert_eq!((b.name.as_str(), b.country.as_deref()), ("Hasan Scientific Corp", Some("PK")));
        assert!(o.parties.iter().all(|p| !p.name.contains("sales")), "{:?}", o.parties);
    }

    #[test]
    fn parse_from_to_in_a_request_is_the_customer_writing() {
        let o = parse("From: Hasan Scientific Corp, Lahore, Pakistan\nTo: Example Instruments GmbH\nPlease quote 6 hand-foot contamination monitors.");
        assert_eq!(o.parties.len(), 1, "{:?}", o.parties);
        assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("PK"));
        assert_eq!(o.items.first().and_then(|i| i.quantity_value), Some(6.0));
    }

    #[test]
    fn parse_from_to_in_a_proforma_invoice() {
        let o = parse("PROFORMA INVOICE\nFrom: Rheinland Microsystems GmbH, Düsseldorf, Germany\nTo: Kowloon Bay Components Ltd, Hong Kong\nItems: FPGA, 20 pcs");
        assert_eq!(party(&o, "seller").and_then(|p| p.country.as_deref()), Some("DE"));
        assert_eq!(party(&o, "buyer").and_then(|p| p.country.as_deref()), Some("HK"));
        assert_eq!(o.destination.as_deref(), Some("HK"));
    }

    #[test]
    fn parse_ship_to_unnamed_customer_is_not_an_address() {
        let o = parse("Buyer: Gulf Star General Trading LLC, Dubai, UAE\nShip to our customer in Pakistan\nItems: 6 hand-foot contamination monitors, HS 9030.10");
        let b = party(&o, "buyer").expect("buyer");
        assert_eq!((b.country.as_deref(), b.address.as_deref()), (Some("AE"), Some("Dubai, UAE")));
        assert_eq!(o.destination.as_deref(), Some("PK"));
        assert!(o.fields.iter().any(|f| f.key == "unnamedEndUser" && f.value.contains("customer in Pakistan")));
        assert!(party(&o, "consignee").is_none() && party(&o, "endUser").is_none(), "{:?}", o.parties);
        // A named customer is a party, and no unnamed reference is kept.
        let o = parse("We are buying for our customer Pakistan Atomic Energy Commission in Islamabad.");
        assert!(party(&o, "endUser").is_some() && o.fields.iter().all(|f| f.key != "unnamedEndUser"));
        // "the end user certificate" is no reference to an end user.
        let o = parse("Please send the end user certificate. We need 2 pumps.");
        assert!(o.fields.iter().all(|f| f.key != "unnamedEndUser"), "{:?}", o.fields);
    }

    #[test]
    fn parse_items_quantity_forms() {
        let q = |t: &str| {
            let o = parse(&format!("Items: {t}"));
            let i = o.items.first().cloned().unwrap_or_default();
            (i.quantity_value, i.description)
        };
        assert_eq!(
            q("6 hand-foot contamination monitors, HS 9030.10"),
            (Some(6.0), "hand-foot contamination monitors".into())
        );
        assert_eq!(q("20 units of fibre optic gyroscopes"), (Some(20.0), "fibre optic gyroscopes".into()));
        assert_eq!(q("vacuum pumps x20"), (Some(20.0), "vacuum pumps".into()));
        assert_eq!(q("2x vacuum pumps"), (Some(2.0), "vacuum pumps".into()));
        assert_eq!(q("filing cabinets x 12 (4 drawers)"), (Some(12.0), "filing cabinets (4 drawers)".into()));
        assert_eq!(q("gyroscopes, qty: 20"), (Some(20.0), "gyroscopes".into()));
        assert_eq!(q("twenty (20) units hand and foot monitors"), (Some(20.0), "hand and foot monitors".into()));
        assert_eq!(q("aluminium rods, 2 000 kg"), (Some(2000.0), "aluminium rods".into()));
        assert_eq!(q("T-Shirts, Menge: 5.000 Stück"), (Some(5000.0), "T-Shirts".into()));
        // not counts: dimensions, grades, measurements
        assert_eq!(q("camera 640 x 512").0, None);
        assert_eq!(q("316 stainless steel tube").0, None);
        assert_eq!(q("24 V DC motor").0, None);
        assert_eq!(q("steel plates 2000 x 6000 x 12 mm, 50 sheets").0, Some(50.0));
    }

    #[test]
    fn parse_item_attribute_lines_stay_with_their_item() {
        let t = "Items:\n1. Fibre optic gyroscope, 20 pcs\n   HS code: 9014.20\n   ECCN: 7A003\nUnit price: USD 5,000\n2. Accelerometer, 10 pcs\nPayment: L/C";
        let o = parse(t);
        assert_eq!(o.items.len(), 2, "{:?}", o.items);
        assert_eq!(o.items[0].hs.as_deref(), Some("9014.20"));
        assert!(o.items[0].description.contains("7A003"), "{}", o.items[0].description);
        assert_eq!(o.items[1].quantity_value, Some(10.0));
        assert_eq!(o.payment.as_deref(), Some("L/C"));
    }

    #[test]
    fn parse_party_form_fields_and_references() {
        let o = parse("Buyer: Hasan Scientific Corp\nAddress: 50 Akbari Road\nCity: Lahore\nCountry: Pakistan\nProduct: 6 monitors");
        let b = party(&o, "buyer").expect("buyer");
        assert_eq!(
            (b.address.as_deref(), b.country.as_deref()),
            (Some("50 Akbari Road, Lahore, Pakistan"), Some("PK"))
        );
        let o = parse("Käufer: Anatolia Makina A.Ş., Bursa, Türkei\nEndverwender: wie Käufer");
        assert_eq!(party(&o, "endUser").map(|p| p.name.as_str()), Some("Anatolia Makina A.Ş."));
        let o = parse(
            "Name: Ali Raza\nCompany: Al-Noor Traders\nCountry: Pakistan\nMessage: we need 20 pcs accelerometers",
        );
        let b = party(&o, "buyer").expect("company of the enquiry form");
        assert_eq!((b.name.as_str(), b.country.as_deref()), ("Al-Noor Traders", Some("PK")));
    }

    #[test]
    fn find_hs_labels_from_data_and_dotted_codes_only() {
        assert_eq!(find_hs("Schedule B: 8504.40").map(|h| h.0), Some("8504.40".into()));
        assert_eq!(find_hs("Código arancelario: 8413.70").map(|h| h.0), Some("8413.70".into()));
        assert_eq!(find_hs("HS: 8479 89 00").map(|h| h.0), Some("8479.89.00".into()));
        assert_eq!(find_hs("Purchase order 4500912233"), None);
    }

    #[test]
    fn domain_country_of_sender() {
        assert_eq!(domain_country("ali@hasansci.com.pk").as_deref(), Some("PK"));
        assert_eq!(domain_country("x@example.co.uk").as_deref(), Some("GB"));
        assert_eq!(domain_country("x@startup.io"), None);
        assert_eq!(domain_country("x@example.com"), None);
    }

    #[test]
    fn parse_hostile_inputs_are_bounded() {
        let cases = [
            "Buyer: ".to_string() + &"x 1 ".repeat(60_000),
            "Buyer: Buyer: End user: our customer in Pakistan\n".repeat(5_000),
            "ship to our customer in Pakistan, on behalf of our client in Iran. ".repeat(4_000),
            "Items:\n".to_string()
                + &"- 6 monitors x20 (20) units 2 000 kg ECCN 3A001.a.1 HS 9030.10 1C010\n".repeat(3_000),
            "From: A <a@b.pk>\nTo: X Ltd\nSubject: s\n".repeat(8_000),
            "(".repeat(100_000) + &"x".repeat(100_000),
        ];
        for t in &cases {
            let o = parse(t);
            assert!(o.parties.len() <= MAX_PARTIES && o.items.len() <= MAX_ITEMS && o.fields.len() <= MAX_FIELDS);
            assert!(o.items.iter().all(|i| i.description.len() <= MAX_DESCRIPTION));
        }
    }

    #[test]
    fn role_for_words() {
        assert_eq!(role_for("End user").as_deref(), Some("endUser"));
        assert_eq!(role_for("Käufer").as_deref(), Some("buyer"));
        assert_eq!(role_for("consignee").as_deref(), Some("consignee"));
        assert_eq!(role_for("price"), None);
    }
}
