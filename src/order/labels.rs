//! The order vocabulary (`src/data/labels.toml`: field labels in several languages, word lists and the prose
//! triggers; `src/data/units.toml`: units, counts written as words and comparators); matching a label and reading
//! a `Label: value` line; small lexical helpers shared by every layout.

use crate::text::case::Case as _;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::split_cells;
use crate::text::{self, PhraseSet};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldDef {
    pub(super) key: String,
    pub(super) kind: String,
    pub(super) labels: Vec<String>,
}

#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct Words {
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
    /// Place names that are also ordinary words, not read as places when written in lower case after a route word.
    lower_case_not_places: Vec<String>,
    /// Words that make a line a job title or a department wherever they stand ("Manager", "Einkauf").
    job_titles: Vec<String>,
    /// Words of job titles and departments with the others only ("General", "Factory", "отдела").
    title_words: Vec<String>,
    /// Pairs of a traditional Chinese character and its simplified form, several pairs to a string.
    traditional: Vec<String>,
    /// Words of the writer's own ("our", "unser", "notre").
    possessives: Vec<String>,
    /// Premises of a company where goods are delivered ("warehouse", "Lager", "usine").
    premises: Vec<String>,
    /// Articles before a word of a party's own name ("the school", "die Schule").
    articles: Vec<String>,
    /// Words before premises the goods leave from ("ex our warehouse", "ab unserem Lager").
    leaving_from: Vec<String>,
    /// Question words asking where ("куда поставка?").
    where_words: Vec<String>,
    /// Greetings and salutations a letter or a message opens with ("Dear", "Guten Tag", "Здравствуйте").
    greetings: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct UnitDef {
    unit: String,
    factor: f64,
    #[serde(default)]
    offset: f64,
    written: Vec<String>,
}

/// The cardinals two to twelve of one language, in order.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct NumberWordsDef {
    lang: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct ComparatorDef {
    op: String,
    written: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct TriggerDef {
    kind: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    priority: Option<u8>,
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct LabelsFile {
    field: Vec<FieldDef>,
    words: Words,
    trigger: Vec<TriggerDef>,
}

/// `src/data/units.toml`.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct UnitsFile {
    unit: Vec<UnitDef>,
    number_words: Vec<NumberWordsDef>,
    comparator: Vec<ComparatorDef>,
}

crate::data::readable!(FieldDef { key, kind, labels });
crate::data::readable!(Words {
    label_fillers,
    non_names,
    legal_words,
    count_units,
    param_stop,
    pre_name,
    not_names,
    connectors,
    company_words,
    generic_tlds,
    lower_case_not_places,
    job_titles,
    title_words,
    traditional,
    possessives,
    premises,
    articles,
    leaving_from,
    where_words,
    greetings,
});
crate::data::readable!(UnitDef { unit, factor, offset: default, written });
crate::data::readable!(ComparatorDef { op, written });
crate::data::readable!(TriggerDef { kind, role: default, priority: default, phrases });
crate::data::readable!(NumberWordsDef { lang, words });
crate::data::readable!(LabelsFile { field, words, trigger });
crate::data::readable!(UnitsFile { unit, number_words, comparator });

/// A written unit: (as written, normalised unit, factor, offset).
pub(super) type Unit = (String, String, f64, f64);

#[derive(Debug, Default)]
pub(super) struct Labels {
    pub(super) defs: Vec<FieldDef>,
    pub(super) by_words: HashMap<Vec<String>, usize>,
    pub(super) longest: usize,
    /// Every word of a label or a filler: a text with any other word is no label.
    pub(super) label_vocabulary: HashSet<String>,
    pub(super) label_fillers: HashSet<String>,
    pub(super) non_names: HashSet<String>,
    pub(super) legal_words: HashSet<String>,
    pub(super) count_units: HashSet<String>,
    pub(super) param_stop: HashSet<String>,
    pub(super) pre_name: HashSet<String>,
    pub(super) not_names: HashSet<String>,
    pub(super) connectors: HashSet<String>,
    pub(super) company_words: HashSet<String>,
    pub(super) generic_tlds: HashSet<String>,
    pub(super) lower_case_not_places: HashSet<String>,
    pub(super) job_titles: HashSet<String>,
    pub(super) title_words: HashSet<String>,
    pub(super) possessives: HashSet<String>,
    pub(super) premises: HashSet<String>,
    pub(super) articles: HashSet<String>,
    pub(super) leaving_from: HashSet<String>,
    /// Question words asking where ("where", "куда"), folded.
    pub(super) where_words: HashSet<String>,
    /// Greetings and salutations, each as its folded words ("guten tag" is ["guten", "tag"]).
    pub(super) greetings: Vec<Vec<String>>,
    /// Every word of a greeting, folded.
    pub(super) greeting_words: HashSet<String>,
    /// (traditional Chinese character, its simplified form), sorted by the first.
    pub(super) traditional: Vec<(char, char)>,
    /// Longest written form first.
    pub(super) units: Vec<Unit>,
    /// (as written, operator), longest first.
    pub(super) comparators: Vec<(String, String)>,
    /// Counts written as words, folded: (word, value).
    pub(super) number_words: HashMap<String, f64>,
    pub(super) triggers: PhraseSet<Trigger>,
    /// The trigger phrases written in Chinese characters, which stand inside unspaced text ("最终用户在伊朗").
    pub(super) cjk_triggers: Vec<(String, Trigger)>,
    pub(super) error: Option<String>,
}

pub(super) fn labels() -> &'static Labels {
    static L: OnceLock<Labels> = OnceLock::new();
    L.get_or_init(|| match crate::data::read_embedded::<LabelsFile>(crate::data::LABELS.text()) {
        Ok(f) => {
            let mut l = Labels::default();
            for (i, d) in f.field.iter().enumerate() {
                for lab in &d.labels {
                    let w = text::words(lab);
                    l.longest = l.longest.max(w.len());
                    l.label_vocabulary.extend(w.iter().cloned());
                    l.by_words.entry(w).or_insert(i);
                }
            }
            l.defs = f.field;
            let set = |v: Vec<String>| v.into_iter().collect::<HashSet<String>>();
            l.label_fillers = set(f.words.label_fillers);
            l.label_vocabulary.extend(l.label_fillers.iter().cloned());
            l.non_names = set(f.words.non_names);
            l.legal_words = set(f.words.legal_words);
            l.count_units = set(f.words.count_units);
            l.param_stop = set(f.words.param_stop);
            l.pre_name = set(f.words.pre_name);
            l.not_names = set(f.words.not_names);
            l.connectors = set(f.words.connectors);
            l.company_words = set(f.words.company_words);
            l.lower_case_not_places = set(f.words.lower_case_not_places);
            l.generic_tlds = set(f.words.generic_tlds);
            let folded = |v: Vec<String>| v.iter().flat_map(|w| text::words(w)).collect::<HashSet<String>>();
            l.job_titles = folded(f.words.job_titles);
            l.title_words = folded(f.words.title_words);
            l.possessives = folded(f.words.possessives);
            l.premises = folded(f.words.premises);
            l.articles = folded(f.words.articles);
            l.leaving_from = folded(f.words.leaving_from);
            l.where_words = folded(f.words.where_words);
            l.greetings = f.words.greetings.iter().map(|g| text::words(g)).filter(|w| !w.is_empty()).collect();
            l.greeting_words = l.greetings.iter().flatten().cloned().collect();
            for pair in f.words.traditional.iter().flat_map(|s| s.split_whitespace()) {
                let mut cs = pair.chars();
                match (cs.next(), cs.next(), cs.next()) {
                    (Some(t), Some(s), None) if t.len_utf8() == s.len_utf8() => l.traditional.push((t, s)),
                    _ => {
                        l.error = Some(format!(
                            "src/data/labels.toml: `traditional` pair \"{pair}\" is not two characters of one UTF-8 length"
                        ));
                    }
                }
            }
            crate::sort::sort(&mut l.traditional);
            read_units(&mut l);
            for t in f.trigger {
                let trigger = match (t.kind.as_str(), t.role) {
                    ("party", Some(role)) => Trigger::Party(role),
                    ("via", _) => Trigger::Via,
                    ("onward", _) => Trigger::Onward,
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
                    if ph.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
                        l.cjk_triggers.push((ph.clone(), trigger.clone()));
                    }
                }
            }
            l
        }
        Err(e) => Labels { error: Some(format!("src/data/labels.toml: {e}")), ..Labels::default() },
    })
}

/// The units, comparators and counts written as words of `src/data/units.toml`, into `l`.
fn read_units(l: &mut Labels) {
    let f = match crate::data::read_embedded::<UnitsFile>(crate::data::UNITS.text()) {
        Ok(f) => f,
        Err(e) => {
            l.error = Some(format!("src/data/units.toml: {e}"));
            return;
        }
    };
    for u in f.unit {
        for w in u.written {
            l.units.push((w, u.unit.clone(), u.factor, u.offset));
        }
    }
    crate::sort::sort_by_key(&mut l.units, |u| std::cmp::Reverse(u.0.len()));
    for c in f.comparator {
        for w in c.written {
            l.comparators.push((w, c.op.clone()));
        }
    }
    crate::sort::sort_by_key(&mut l.comparators, |c| std::cmp::Reverse(c.0.len()));
    for n in f.number_words {
        if n.words.len() != 11 {
            l.error = Some(format!(
                "src/data/units.toml: number_words \"{}\" has {} words, expected two to twelve (11)",
                n.lang,
                n.words.len()
            ));
        }
        for (k, w) in n.words.iter().enumerate() {
            l.number_words.insert(text::fold(w), (k + 2) as f64);
        }
    }
}

/// The text with its traditional Chinese characters written in their simplified forms (`traditional` in
/// `src/data/labels.toml`), byte for byte at the same offsets; `None` when it holds none.
pub(super) fn simplified(text: &str) -> Option<String> {
    let map = &labels().traditional;
    let simple = |c: char| map.binary_search_by_key(&c, |&(t, _)| t).ok().and_then(|i| map.get(i)).map(|&(_, s)| s);
    if !text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}') && simple(c).is_some()) {
        return None;
    }
    Some(text.chars().map(|c| simple(c).unwrap_or(c)).collect())
}

/// Whether a folded word is in one of the vocabulary's word lists.
pub(super) fn is_in(set: &HashSet<String>, w: &str) -> bool {
    set.contains(w)
}

/// Data errors of the label table (empty when it parsed).
pub fn data_errors() -> Vec<String> {
    labels().error.iter().cloned().collect()
}

/// The words the parser knows from its label table: every word of a field label, and the units of quantities and
/// parameters as written (for the safety net's ordinary words, `crate::mentions::ordinary`).
pub(crate) fn known_words() -> (impl Iterator<Item = &'static str>, impl Iterator<Item = &'static str>) {
    let l = labels();
    let labels = l.label_vocabulary.iter().map(String::as_str);
    let units = l.count_units.iter().map(String::as_str).chain(l.units.iter().map(|u| u.0.as_str()));
    (labels, units)
}

/// The field a label stands for. `strict` allows no filler words (a line that is only a label, a table cell).
pub(super) fn match_label(label: &str, strict: bool) -> Option<&'static FieldDef> {
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
    // Bilingual labels ("Sprzedawca / Seller", "买方 / Buyer"): the first alternative that is a label.
    let mut parts = cleaned.split(" / ");
    let first = parts.next().unwrap_or_default();
    let found = match_one(l, first, strict);
    if found.is_some() {
        return found;
    }
    parts.find_map(|p| match_one(l, p, strict))
}

/// [`match_label`] of one alternative of a label.
fn match_one(l: &'static Labels, first: &str, strict: bool) -> Option<&'static FieldDef> {
    let mut words = text::words(first);
    while words.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
        words.remove(0);
    }
    // A label is label words and fillers only (checked first: most cells and lines hold other words).
    if words.is_empty() || words.len() > 8 || !words.iter().all(|w| l.label_vocabulary.contains(w)) {
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
    combined_label(l, &words, strict)
}

/// Words that join the party labels of a combined label ("Buyer and consignee", "Acheteur et destinataire",
/// "Покупатель и грузополучатель", "Alıcı ve gönderilen"; "Buyer & Consignee" folds to no joining word), folded.
const LABEL_JOINS: &[&str] = &["and", "und", "et", "y", "ve", "и"];

/// A combined label: two party labels or more, joined by "and" or nothing, with fillers after the last when not
/// `strict` ("Buyer and consignee details"). The first label names the field; [`super::labelled::extra_roles`]
/// reads the others.
fn combined_label(l: &'static Labels, words: &[String], strict: bool) -> Option<&'static FieldDef> {
    let party_at = |at: usize| {
        (1..=l.longest.min(words.len().saturating_sub(at))).rev().find_map(|n| {
            let i = *l.by_words.get(words.get(at..at + n)?)?;
            l.defs.get(i).filter(|d| d.kind == "party").map(|d| (d, n))
        })
    };
    let (first, n) = party_at(0)?;
    let (mut at, mut labels_read) = (n, 1);
    while at < words.len() {
        let joined = words.get(at).is_some_and(|w| LABEL_JOINS.contains(&w.as_str()));
        let next = at + usize::from(joined);
        match party_at(next) {
            Some((_, n)) => {
                at = next + n;
                labels_read += 1;
            }
            None => break,
        }
    }
    let rest = words.get(at..).unwrap_or_default();
    let fillers_after =
        rest.is_empty() || (!strict && rest.len() <= 4 && rest.iter().all(|w| is_in(&l.label_fillers, w)));
    (labels_read >= 2 && fillers_after).then_some(first)
}

/// The role a table cell or a caller's word names ("End user" → "endUser"), if it names one.
pub fn role_for(label: &str) -> Option<String> {
    let t = label.trim();
    if ["buyer", "consignee", "endUser", "intermediate", "notify", "forwarder", "seller", "party", "vessel"]
        .contains(&t)
    {
        return Some(t.to_string());
    }
    match_label(t, true).filter(|d| d.kind == "party").map(|d| d.key.clone())
}

/// What a prose phrase introduces (`[[trigger]]` in `src/data/labels.toml`).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Trigger {
    Party(String),
    Via,
    /// The goods go on from the place named before ("d'où", "from there", "sonra"): that place is on the route.
    Onward,
    Destination(u8),
    EndUse,
    Payment,
    Delivery,
}

/// `Label: value` (or `Label<TAB>value`, `Label - value`, or a line that is only a label): the field, the label
/// and the value (empty when the value is on the lines below).
pub(super) fn labelled_line(line: &str) -> Option<(&'static FieldDef, &str, &str)> {
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
    // ":50: APPLICANT ROCKSIDE ENTERPRISE": a SWIFT field, its printed name without a colon.
    if let Some(field) = super::swift::tagged_line(line) {
        return Some(field);
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
    // "APPLICANT ....... X", "Käufer ........ X": a label, a leader of dots, the value.
    if let Some(p) = body.find("...").or_else(|| body.find('…')) {
        if p > 0 && p <= head_limit {
            let label = body.get(..p).unwrap_or_default();
            let value = body.get(p..).unwrap_or_default().trim_start_matches(['.', '…', ' ', ':', '\t']);
            if let Some(d) = match_label(label, false) {
                return Some((d, label, value.trim()));
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
        // A form's box title: "Shipper's Name and Address", "Consignee's name and address" (IATA air waybill,
        // bill of lading), the party's value in the lines below.
        let boxed = || {
            let w = text::words(whole);
            let boxed = w.iter().any(|x| matches!(x.as_str(), "name" | "address" | "names" | "addresses"));
            match_label(whole, false).filter(|d| boxed && d.kind == "party")
        };
        if let Some(d) = match_label(whole, true).or_else(boxed) {
            if d.kind != "ignore" && d.kind != "column" {
                return Some((d, whole, ""));
            }
        }
    }
    None
}

pub(super) fn is_non_name(v: &str) -> bool {
    let w = text::words(v).join(" ");
    w.is_empty() || is_in(&labels().non_names, &w) || w.chars().all(|c| !c.is_alphanumeric() || c == ' ')
}

/// Whether a line names a job title or a department somewhere ("Factory Manager", "Ingrid Hansen, Innkjøp").
pub(super) fn names_title(l: &str) -> bool {
    text::words(l).iter().any(|w| is_in(&labels().job_titles, w))
}

/// Whether a line is a job title or a department and nothing else ("Headmistress", "Verkauf Innendienst",
/// "Руководитель отдела снабжения", "Oficina de Logística"): never a party's name.
pub(super) fn is_job_title(l: &str) -> bool {
    let v = labels();
    let w = text::words(l);
    let own = |x: &String| is_in(&v.job_titles, x) || is_in(&v.title_words, x);
    w.len() <= 7 && w.iter().any(own) && w.iter().all(|x| own(x) || is_in(&v.connectors, x))
}

/// The number of words of the greeting `words` (folded) open with ("Guten Tag, Frau Weber" opens with two), if any.
pub(super) fn greeting_at_start(words: &[String]) -> Option<usize> {
    labels().greetings.iter().filter(|g| words.starts_with(g)).map(Vec::len).max()
}

/// Whether a line names a company (a legal form or a word such as "Trading", "Institute", "Works").
pub(super) fn is_company_like(l: &str) -> bool {
    let v = labels();
    text::words(l).iter().any(|w| is_in(&v.legal_words, w) && w.len() > 1 || is_in(&v.company_words, w))
}

pub(super) fn is_legal_segment(seg: &str) -> bool {
    let w = text::words(seg);
    !w.is_empty() && w.len() <= 4 && w.iter().all(|x| is_in(&labels().legal_words, x))
}

/// Splits `s` at commas and semicolons (also the full-width ones of Chinese text) outside brackets, returning trimmed sub-slices.
pub(super) fn segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '（' | '【' => depth += 1,
            ')' | ']' | '）' | '】' => depth -= 1,
            ',' | ';' | '，' | '；' if depth <= 0 => {
                out.push(s.get(start..i).unwrap_or_default());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or_default());
    out.into_iter().map(str::trim).filter(|x| !x.is_empty()).collect()
}

/// Removes list bullets and numbering from the start of a line ("1. ", "- ", "• ", "a) ", "**").
/// Removes the field tag of a SWIFT MT700 documentary credit (":50:", ":44F:", ":45A:"), which stands before the
/// field's own label ("APPLICANT:", "PORT OF DISCHARGE:").
fn strip_swift_tag(s: &str) -> &str {
    let b = s.as_bytes();
    let digits = b.get(1..3).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.first() != Some(&b':') || !digits {
        return s;
    }
    let close = if b.get(3) == Some(&b':') {
        3
    } else if b.get(3).is_some_and(u8::is_ascii_alphabetic) && b.get(4) == Some(&b':') {
        4
    } else {
        return s;
    };
    s.get(close + 1..).map(str::trim_start).unwrap_or(s)
}

pub(super) fn strip_bullet(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        let before = s;
        s = s.trim_start_matches(['-', '*', '•', '·', '#', '>', '–', '—', '▪', '◦']).trim_start();
        s = strip_swift_tag(s);
        let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
        if (1..=3).contains(&digits) {
            let rest = s.get(digits..).unwrap_or_default();
            if let Some(r) = rest.strip_prefix(['.', ')']) {
                if r.starts_with(' ') || r.starts_with('\t') {
                    s = r.trim_start();
                }
            } else if let Some(r) = rest.strip_prefix(['、', '．']) {
                // Chinese enumerates "1、真空泵 2台".
                s = r.trim_start();
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
pub(super) fn strip_position(line: &str) -> &str {
    let t = line.trim_start();
    let lower: String = t.chars().take(12).collect::<String>().to_lower();
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
pub(super) fn clean_value(v: &str) -> &str {
    v.trim().trim_matches(|c: char| c == '*' || c == '"' || c == '_' || c == '`').trim()
}

pub(super) fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn bilingual_labels_match_either_language() {
        assert_eq!(role_for("Sprzedawca / Seller").as_deref(), Some("seller"));
        assert_eq!(role_for("Nabywca / Buyer").as_deref(), Some("buyer"));
        assert_eq!(role_for("Buyer / Consignee").as_deref(), Some("buyer"));
    }

    #[test]
    fn role_for_words() {
        assert_eq!(role_for("End user").as_deref(), Some("endUser"));
        assert_eq!(role_for("Käufer").as_deref(), Some("buyer"));
        assert_eq!(role_for("consignee").as_deref(), Some("consignee"));
        assert_eq!(role_for("price"), None);
    }

    #[test]
    fn combined_labels_name_each_role() {
        use super::super::labelled::extra_roles;
        for (label, first, other) in [
            ("Buyer and consignee", "buyer", "consignee"),
            ("Buyer & End user", "buyer", "endUser"),
            ("Käufer und Warenempfänger", "buyer", "consignee"),
            ("Acheteur et destinataire", "buyer", "consignee"),
            ("Comprador y consignatario", "buyer", "consignee"),
            ("Покупатель и грузополучатель", "buyer", "consignee"),
            ("Alıcı ve teslim alan", "buyer", "consignee"),
        ] {
            let line = format!("{label}: Médi Composites SARL, Alger");
            let (def, l, value) = labelled_line(&line).unwrap_or_else(|| panic!("{label}: no label"));
            assert_eq!((def.key.as_str(), value), (first, "Médi Composites SARL, Alger"), "{label}");
            assert_eq!(extra_roles(l, first), vec![other.to_string()], "{label}");
        }
        // A party label and a word that is no party label is no combined label.
        assert!(match_label("Buyer and price", false).is_none());
        assert!(match_label("Buyer and consignee name", true).is_none());
        assert_eq!(match_label("Buyer and consignee name", false).map(|d| d.key.as_str()), Some("buyer"));
    }
}
