//! Goods lines: an item read from a line (and its continuation lines), from a labelled block of goods, from
//! prose ("we need 20 gyroscopes"), and from unlabelled list lines; a caller's item completed from its
//! description.

use crate::text::case::Case as _;
use rustc_hash::FxHashSet as HashSet;

use super::labels::{
    clean_value, greeting_at_start, labelled_line, match_label, strip_bullet, strip_position, truncate_at_char,
    FieldDef,
};
use super::quantity::{find_hs, find_quantity, parameters, parameters_in, read_hs_digits, read_number, read_unit};
use super::{Item, Parser, MAX_DESCRIPTION, MAX_ITEMS};
use crate::text;

/// Reads one goods line (plus continuation lines): description, quantity, HS code and parameters.
pub(super) fn item_from(text: &str, line: &str, extra: &[&str]) -> Item {
    item_read(text, line, extra, true)
}

/// [`item_from`]; `read_quantity` false when a table column gives the quantity (a number in the description,
/// "Maraging steel 350 sheet", is then part of it).
pub(super) fn item_read(text: &str, line: &str, extra: &[&str], read_quantity: bool) -> Item {
    let line = strip_position(strip_bullet(line));
    let line = truncate_at_char(line, MAX_DESCRIPTION);
    let mut description = clean_value(line).to_string();
    for e in extra {
        description.push_str("; ");
        description.push_str(clean_value(strip_bullet(e)));
    }
    let description = truncate_at_char(&description, MAX_DESCRIPTION).to_string();
    let qty = if read_quantity { line_quantity(&description) } else { None };
    let hs = find_hs(&description);
    let mut skip = qty.as_ref().map(|q| (q.3, q.4));
    if let (Some((_, a, z)), None) = (&hs, skip) {
        skip = Some((*a, *z));
    }
    let mut params = parameters_in(&description, skip, text);
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

/// Units of measure (mass, length, volume) that a goods line may give as a capacity or a size rather than as its
/// count: "2 Spiralkneter, 80 kg Teig" is two mixers, "1 Etagenbackofen, 4 m²" one oven.
const MEASURE_UNITS: &[&str] = &[
    "kg",
    "kgs",
    "g",
    "t",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "mt",
    "mts",
    "lb",
    "lbs",
    "m",
    "m2",
    "m3",
    "cbm",
    "sqm",
    "meters",
    "metres",
    "litres",
    "liters",
    "l",
    "gallons",
    "yards",
    "公斤",
    "吨",
    "米",
    "平方米",
];

/// The quantity of a goods line: a count with its unit anywhere ("20 pcs", "Qty: 4"), except that a bare count
/// opening the line ("2 Spiralkneter, 80 kg Teig") is the count when the unit found later is a measure.
fn line_quantity(description: &str) -> Option<(String, f64, String, usize, usize)> {
    let found = find_quantity(description);
    let leading = leading_count(description);
    match (found, leading) {
        (Some(f), Some(l)) if f.3 > 0 && MEASURE_UNITS.contains(&f.2.to_lower().as_str()) => Some(l),
        (Some(f), _) => Some(f),
        (None, l) => l,
    }
}

/// `s` without the byte ranges `cuts`, tidied (empty brackets, doubled separators and spaces removed). `s` itself
/// when too little would be left.
pub(super) fn without(s: &str, cuts: &[(usize, usize)]) -> String {
    if cuts.is_empty() {
        return s.to_string();
    }
    let mut cuts: Vec<(usize, usize)> = cuts.to_vec();
    crate::sort::sort(&mut cuts);
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
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || [',', ';', ':', '-', '–', '—', '/', '|', '.', '，', '；', '：', '。'].contains(&c)
    });
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return s.to_string();
    }
    t.to_string()
}

/// A count at the very start of a goods line, without a unit: "6 hand-foot contamination monitors", "2x vacuum
/// pumps". Not a grade, a model year or a measurement ("316 stainless", "24 V motor").
pub(super) fn leading_count(s: &str) -> Option<(String, f64, String, usize, usize)> {
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
/// Count units that are the goods' own noun ("40 machines à coudre", "3 systems"): they stay in the description.
const NOUN_UNITS: &[&str] = &[
    "machines",
    "machine",
    "systems",
    "system",
    "kits",
    "kit",
    "modules",
    "panels",
    "assemblies",
    "lines",
    "cylinders",
    "cylinder",
];

/// Words that end the goods named after a count in a long sentence: the verb or the purpose that follows them
/// ("the 2 units of freeze dryers supplied by X will be used at ...").
const GOODS_END: &[&str] = &[
    " will ",
    " shall ",
    " are ",
    " is ",
    " to be ",
    " supplied ",
    " delivered ",
    " ordered ",
    " purchased ",
    " for ",
    " from ",
    " seront ",
    " sera ",
    " sont ",
    " pour ",
    " fournis ",
    " werden ",
    " wird ",
    " für ",
    " serán ",
    " será ",
    " para ",
    " будут ",
    " будет ",
    " для ",
    " поставленные ",
    " olarak ",
    " için ",
    " exclusively ",
    " solely ",
    " ausschließlich ",
    " ausschliesslich ",
    " exclusivement ",
];

/// A bare count inside a sentence, a number after a space that [`leading_count`] reads as a count of the words that
/// follow: "… requests your quotation for 60 electric hospital beds …", "… dass die gelieferten 3 CNC-Drehmaschinen
/// …", not a postcode before its town. Byte range in `s`. Linear: each try reads at most the number and the next
/// word.
pub(super) fn inner_count(s: &str) -> Option<(String, f64, String, usize, usize)> {
    s.match_indices(' ').find_map(|(p, _)| {
        let at = p + 1;
        let rest = s.get(at..).filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))?;
        let q = leading_count(rest)?;
        // "73430 Aalen": a postcode before its town is no count.
        let digits = q.0.chars().filter(char::is_ascii_digit).count();
        let town = rest.get(q.4..).and_then(|r| r.trim_start().chars().next()).is_some_and(char::is_uppercase);
        if (4..=6).contains(&digits) && q.0.chars().all(|c| c.is_ascii_digit()) && town {
            return None;
        }
        Some((q.0, q.1, q.2, at + q.3, at + q.4))
    })
}

/// In a long sentence (a statement, a letter), the goods named right after a count: "… certify that the 2 units of
/// industrial freeze dryers supplied by Frost GmbH will be used …" → "industrial freeze dryers".
pub(super) fn goods_after_count(sentence: &str) -> Option<String> {
    if text::words(sentence).len() <= 12 {
        return None;
    }
    let q = find_quantity(sentence).or_else(|| inner_count(sentence))?;
    let start = if NOUN_UNITS.contains(&q.2.to_lower().as_str()) { q.4 - q.2.len() } else { q.4 };
    let tail = sentence.get(start..)?.trim_start();
    let tail = ["of ", "de ", "d'", "x ", "× "].iter().find_map(|p| tail.strip_prefix(p)).unwrap_or(tail);
    let stop = GOODS_END
        .iter()
        .filter_map(|w| tail.find(w))
        .chain(tail.find([',', ';', '.', '(', '，', '。']))
        .min()
        .unwrap_or(tail.len());
    let goods = tail.get(..stop)?.trim();
    let fits = |g: &str| g.chars().filter(|c| c.is_alphabetic()).count() >= 3 && text::words(g).len() <= 8;
    if fits(goods) {
        return Some(goods.to_string());
    }
    // The count after the goods: "… подтверждает, что насосы центробежные, 4 шт., будут …".
    let before = sentence.get(..q.3)?.trim_end().trim_end_matches([',', ':', '，', '：']);
    let clause = before.rsplit([',', ';', ':', '，', '：']).next()?.trim();
    let clause = ["что ", "that ", "dass ", "que ", "the ", "die ", "les ", "des "]
        .iter()
        .find_map(|w| clause.strip_prefix(w))
        .unwrap_or(clause)
        .trim();
    fits(clause).then(|| clause.to_string())
}

/// Words besides the greetings (src/data/labels.toml `greetings`) that open a chat message before the goods, folded.
const OPENERS: &[&str] = &["ok", "okay", "sir"];

/// Turkish puts the request after the goods: "… drone motoru lazım", "… istiyoruz", folded.
const TRAILING_REQUESTS: &[&str] = &["lazim", "gerekli", "istiyoruz", "ihtiyacimiz", "var", "lazimdir"];

pub(super) fn prose_item(text: &str, sentence: &str) -> Item {
    let mut item = item_from(text, sentence, &[]);
    // "merhaba, 200 adet drone motoru lazım": the greeting before the comma and the request after the goods.
    if let Some((head, rest)) = item.description.split_once([',', '，']) {
        let words = text::words(head);
        let opener = greeting_at_start(&words).or(words.first().filter(|w| OPENERS.contains(&w.as_str())).map(|_| 1));
        if opener.is_some_and(|n| words.len() <= n + 1) && !rest.trim().is_empty() {
            item.description = rest.trim().to_string();
        }
    }
    if let Some((head, last)) = item.description.trim_end_matches(['.', '!']).rsplit_once(' ') {
        if TRAILING_REQUESTS.contains(&text::fold(last).as_str())
            && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        {
            item.description = head.trim().to_string();
        }
    }
    let d = item.description.clone();
    let toks = text::tokens(&d);
    const VERBS: &[&str] = &[
        "order",
        "need",
        "needs",
        "wants",
        "requires",
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
        "requests",
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
        "arrange",
        "нужны",
        "нужно",
        "нужен",
        "требуется",
        "требуются",
        "закупаем",
        "заказываем",
        "benotigen",
        "brauchen",
        "bestellen",
        "besoin",
        "commandons",
        "necesitamos",
        "solicitamos",
        "ihtiyacimiz",
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
        "de",
        "des",
        "d",
    ];
    if let Some(v) = toks.iter().take(10).position(|t| VERBS.contains(&t.norm.as_str())) {
        let mut k = v + 1;
        while toks.get(k).is_some_and(|t| FILLERS.contains(&t.norm.as_str())) {
            k += 1;
        }
        if let Some(rest) = toks.get(k).and_then(|t| d.get(t.start..)) {
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                item.description = rest.trim_end_matches(['.', ' ', ':']).to_string();
                // "customer needs 3 RF signal generators": the count opens what is left.
                if item.quantity_value.is_none() {
                    if let Some(q) = leading_count(&item.description) {
                        let cut = without(&item.description, &[(q.3, q.4)]);
                        item.quantity = Some(q.0);
                        item.quantity_value = Some(q.1);
                        item.unit = (!q.2.is_empty()).then_some(q.2);
                        item.description = cut;
                    }
                }
            }
        }
    }
    // Chinese writes the request verb right before the goods, after a greeting and the company in the same
    // sentence: "你好，我们是宁波华纺服饰有限公司，需要精梳棉纱" → "精梳棉纱".
    const CJK_VERBS: &[&str] = &["需要", "求购", "采购", "订购", "购买", "询价", "报价", "要买", "想买"];
    if let Some((p, v)) = CJK_VERBS.iter().filter_map(|v| item.description.find(v).map(|p| (p, *v))).max_by_key(|x| x.0)
    {
        let rest = item.description.get(p + v.len()..).unwrap_or_default().trim_start_matches(['：', ':', ' ']);
        if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            item.description = rest.trim_end_matches(['。', '.', ' ', '，', ',']).to_string();
        }
    }
    // The clauses after the goods that speak of the parties, the price or the delivery are not the goods:
    // "高压球阀 DN50，40 个，最终用户为 ...。请报 FOB 天津价格".
    const CJK_NOT_GOODS: &[&str] =
        &["最终用户", "用户", "客户", "请", "付款", "交货", "目的", "发往", "运往", "报价", "价格"];
    if item.description.contains(['，', '。']) {
        let kept: Vec<&str> = item
            .description
            .split(['，', '。'])
            .take_while(|c| !CJK_NOT_GOODS.iter().any(|w| c.contains(w)))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if kept.iter().any(|c| c.chars().filter(|x| x.is_alphabetic()).count() >= 2) {
            item.description = kept.join("，");
        }
    }
    item
}

/// A sentence that counts two goods, "3 RF signal generators up to 20 GHz and 2 power meters": cut before each
/// "and"/"und"/"et"/"y"/"и"/"ve" that a count follows (a number and a word, or a number with its unit) when a count
/// stands before it too, so each goods line is an item of its own (a comma is not cut: "pumps, 2 stage"). At most
/// 8 parts; slices of `s`.
pub(super) fn counted_parts(s: &str) -> Vec<&str> {
    const JOINS: &[&str] = &[" and ", " und ", " et ", " y ", " и ", " ve ", " plus "];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while cuts.len() < 7 {
        let Some((p, j)) = JOINS.iter().filter_map(|j| s.get(from..)?.find(j).map(|p| (from + p, j.len()))).min()
        else {
            break;
        };
        let after = s.get(p + j..).unwrap_or_default();
        let counted = after.starts_with(|c: char| c.is_ascii_digit())
            && (leading_count(after).is_some() || find_quantity(after).is_some_and(|q| q.3 == 0));
        // A count before the cut too: "3 generators and 2 meters", not "Pumps, 2 stage".
        let before = s.get(..p).unwrap_or_default();
        if counted
            && (find_quantity(before).is_some()
                || leading_count(before.trim_start()).is_some()
                || cuts.is_empty() && before.split_whitespace().any(|w| w.chars().all(|c| c.is_ascii_digit())))
        {
            cuts.push((p, p + j));
        }
        from = p + j;
    }
    if cuts.is_empty() {
        return vec![s];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (a, z) in cuts {
        out.push(s.get(at..a).unwrap_or_default());
        at = z;
    }
    out.push(s.get(at..).unwrap_or_default());
    out.retain(|x| x.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    out
}

/// Volume units a quantity may be written in (folded).
const VOLUME_UNITS: &[&str] = &[
    "l",
    "litre",
    "litres",
    "liter",
    "liters",
    "litro",
    "litros",
    "litri",
    "литр",
    "литра",
    "литров",
    "л",
    "m3",
    "m³",
];

/// Whether a volume read as an item's quantity (`unit`, at `start..end` of `s`) is the capacity of the thing named
/// before it: written after "de"/"of"/"von"/"di"/"da"/"объёмом" ("un fermenteur de 100 litres, stérilisable") and not
/// followed by what it measures ("100 litres d'éthanol", "200 liters of oil").
fn is_capacity(s: &str, unit: &str, start: usize, end: usize) -> bool {
    if !VOLUME_UNITS.contains(&text::fold(unit).as_str()) {
        return false;
    }
    let before = text::fold(s.get(..start).unwrap_or_default());
    let after = text::fold(s.get(end..).unwrap_or_default());
    let after = after.trim_start();
    let before_word = before.split_whitespace().next_back().unwrap_or_default();
    ["de", "of", "von", "mit", "di", "da", "do", "объемом", "емкостью"].contains(&before_word)
        && !["de ", "d'", "d’", "of ", "di ", "da ", "do "].iter().any(|w| after.starts_with(w))
}

/// Completes a caller's item: parameters, quantity and HS code read from its description when absent.
pub fn complete_item(item: &Item) -> Item {
    let mut it = item.clone();
    if it.parameters.is_empty() {
        let q = find_quantity(&it.description);
        // A volume read as the quantity may be the vessel's capacity: then it is a parameter too.
        let capacity = q.as_ref().filter(|q| is_capacity(&it.description, &q.2, q.3, q.4));
        let skip = q.as_ref().filter(|_| capacity.is_none()).map(|q| (q.3, q.4));
        it.parameters = parameters(&it.description, skip);
        // "un fermenteur de 100 litres": the vessel's volume, whatever words stand before it.
        if let Some(c) = capacity {
            if let Some(p) = it.parameters.iter_mut().find(|p| p.unit == "L" && p.text.ends_with(c.0.as_str())) {
                p.name = "volume".into();
            }
        }
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

/// Whether a labelled line under a goods line describes that item ("HS code: 9030.10", "Qty: 6", "ECCN: 3A001",
/// "Model: RTM-860").
pub(super) fn item_attribute(def: &FieldDef, label: &str) -> bool {
    if matches!(def.key.as_str(), "hs" | "quantity" | "eccn" | "unit") {
        return true;
    }
    def.kind == "ignore"
        && text::words(label).first().is_some_and(|w| {
            [
                "model",
                "brand",
                "part",
                "article",
                "art",
                "type",
                "make",
                "manufacturer",
                "maker",
                "型号",
                "规格型号",
                "品牌",
            ]
            .contains(&w.as_str())
        })
}

/// "Bias stability: 0.01 deg/h": a parameter of the item above, not a new item.
/// A line that orders a part by its number ("P/N XC7K325T-2FFG900I  QTY 150", "MPN: LTC6655BHMS8-2.5 x 1000"):
/// a part-number mark, then a code of letters and digits.
pub(super) fn part_number_line(line: &str) -> bool {
    let s = strip_bullet(line).trim();
    let lower = s.to_ascii_lowercase();
    let Some(mark) = ["p/n", "p / n", "mpn", "pn", "part number", "part no.", "part no", "part nr."]
        .into_iter()
        .find(|m| lower.starts_with(m) && !lower.get(m.len()..).is_some_and(|r| r.starts_with(char::is_alphanumeric)))
    else {
        return false;
    };
    let rest = s.get(mark.len()..).unwrap_or_default().trim_start_matches([' ', ':', '#', '.', '\t']);
    rest.split_whitespace().next().is_some_and(|c| {
        c.len() >= 5 && c.chars().any(|x| x.is_ascii_digit()) && c.chars().any(|x| x.is_ascii_alphabetic())
    })
}

pub(super) fn param_line(line: &str) -> bool {
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

impl<'a> Parser<'a> {
    pub(super) fn labelled_items(&mut self, value: &'a str, i: usize) -> usize {
        let mut j = i + 1;
        let mut lines: Vec<&'a str> = Vec::new();
        if !value.is_empty() {
            lines.push(value);
        }
        let mut blank_run = 0;
        let mut attributes: HashSet<usize> = HashSet::default();
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

    // --- goods lines without a label ---------------------------------------------------------------------------

    /// An item read from a sentence; in an end-user statement, whose goods stand inside a long sentence of
    /// assurance, only the goods named by the count ([`goods_after_count`]).
    fn statement_item(&self, part: &str) -> Item {
        let mut item = prose_item(self.text, part);
        // A bare count inside a long sentence (no unit, not where the sentence opens): it counts the goods after it.
        let bare = item.quantity_value.is_none().then(|| inner_count(part)).flatten();
        if self.end_user_statement || bare.is_some() {
            if let Some(goods) = goods_after_count(part) {
                item.description = goods;
            }
        }
        if let Some(q) = bare.filter(|_| text::words(part).len() > 12) {
            item.quantity = Some(q.0);
            item.quantity_value = Some(q.1);
        }
        item
    }

    /// Whether line `i` (which opens with a bare count) stands in a list of goods: the first line above the run of
    /// such lines it belongs to ends in a colon ("We would like to order:").
    fn in_counted_list(&self, i: usize) -> bool {
        let counted = |k: usize| {
            let l = self.line(k).trim();
            !l.is_empty() && labelled_line(l).is_none() && leading_count(l).is_some()
        };
        let mut k = i;
        while k > 0 {
            k -= 1;
            let l = self.line(k).trim();
            if counted(k) {
                continue;
            }
            if l.ends_with([':', '：']) {
                return true;
            }
            break;
        }
        false
    }

    pub(super) fn list_items(&mut self) {
        if !self.order.items.is_empty() {
            return;
        }
        // The item the last line or sentence read: a following line that only gives parameters describes it
        // ("wir brauchen 10 Frequenzumrichter" / "3-phasig, Ausgangsfrequenz bis 1.000 Hz"), up to a blank line.
        let mut read_here: Option<usize> = None;
        for i in 0..self.lines.len() {
            let (s, _) = self.lines.get(i).copied().unwrap_or_default();
            if self.is_consumed(s) {
                continue;
            }
            let whole = self.line(i);
            if whole.trim().is_empty() || labelled_line(whole).is_some() {
                read_here = None;
                continue;
            }
            // A paragraph of prose on one long line is read sentence by sentence; a sentence that only gives
            // parameters ("each unit must deliver 45 kW ... from 600 Hz to 1 800 Hz") describes the goods of the
            // sentence before it.
            let parts: Vec<&str> = if whole.trim().len() > MAX_ITEM_LINE {
                text::sentences(whole).into_iter().filter_map(|(a, z)| whole.get(a..z)).collect()
            } else {
                vec![whole]
            };
            for line in parts {
                let t = line.trim();
                if t.is_empty() || t.len() > MAX_ITEM_LINE {
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
                        " needs ",
                        " require ",
                        " requires ",
                        " wants ",
                        " order ",
                        " purchase ",
                        " buy ",
                        " quote ",
                        " quotation ",
                        " supply ",
                        " looking for ",
                        " price for ",
                        " prices for ",
                        " price of ",
                        " interested in ",
                        " offer ",
                        " besoin ",
                        " commandons ",
                        " benotigen ",
                        " brauchen ",
                        " bestellen ",
                        " necesitamos ",
                        " solicitamos ",
                        " нужны ",
                        " нужно ",
                        " требуется ",
                        " заказываем ",
                    ]
                    .iter()
                    .any(|v| f.contains(v))
                };
                let stated = !crate::rules::items::stated_entries(t).is_empty();
                // In an end-user statement the goods stand inside its long sentence of assurance.
                let counted = qty.as_ref().is_some_and(|q| !q.2.is_empty() || q.0.contains(['x', 'X', '×']))
                    && (text::words(t).len() <= 30 || self.end_user_statement)
                    && !text::words(t).first().is_some_and(|w| {
                        [
                            "total", "net", "gross", "weight", "packing", "payment", "delivery", "shipment", "lead",
                            "price",
                        ]
                        .contains(&w.as_str())
                    });
                let leading = leading_count(strip_bullet(t)).is_some();
                // "We would like to order:" / "wir bestellen hiermit:" followed by "2 espresso machines": lines that
                // open with a bare count, under a line that ends in a colon.
                let listed = leading && !bullet && self.in_counted_list(i);
                if hs
                    || part_number_line(t)
                    || listed
                    || starts_with_qty
                    || stated
                    || counted
                    || (bullet && (qty.is_some() || has_param || leading))
                    || (order_verb && (qty.is_some() || has_param))
                    || ((order_verb || self.end_user_statement && text::words(t).len() > 12)
                        && inner_count(t).is_some())
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
                                for part in counted_parts(sent) {
                                    let item = self.statement_item(part);
                                    self.add_item(item);
                                }
                            }
                        }
                    } else {
                        for part in counted_parts(line) {
                            let item = self.statement_item(part);
                            self.add_item(item);
                        }
                    }
                    read_here = self.order.items.len().checked_sub(1);
                } else if let Some(it) = read_here.and_then(|k| self.order.items.get_mut(k)) {
                    if qty.is_none() && has_param {
                        for p in parameters_in(t, None, self.text) {
                            if it.parameters.len() < MAX_ITEM_PARAMETERS {
                                it.parameters.push(p);
                            }
                        }
                    } else {
                        read_here = None;
                    }
                }
            }
        }
    }
}

/// Longest line (or sentence of a long line) read for goods, in bytes.
const MAX_ITEM_LINE: usize = 400;

/// Most parameters an item takes from the sentences after it.
const MAX_ITEM_PARAMETERS: usize = 40;
