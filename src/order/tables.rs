//! Tables with a header row: CSV, TSV, semicolon, Markdown `|` and space-aligned columns, the columns found by
//! their header (`role,name,country`, order-like columns such as Description / Qty / HS code).

use super::items::item_read;
use super::labels::{is_non_name, match_label, role_for, FieldDef};
use super::quantity::{read_hs_digits, read_number};
use super::{country_from_field, Parser, Party};
use crate::geo::geo;

impl<'a> Parser<'a> {
    pub(super) fn tables(&mut self) {
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

    pub(super) fn table_row(&mut self, row: &'a str, delim: char, keys: &[Option<&'static FieldDef>]) {
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
            // Without a role column, the company of an order's row (a sales-order export: the customer's name
            // beside the material and the quantity) is the customer; in a list of parties, a party to screen.
            let order_row = keys.iter().any(|k| k.is_some_and(|d| d.kind == "item" || d.key == "quantity"));
            let unnamed_role = if order_row { "buyer" } else { "party" };
            let role = cell("role").and_then(role_for).unwrap_or_else(|| unnamed_role.into());
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
        // "Product | Model | Description": every goods column describes the item. Without one, rows of part numbers
        // ("buyer,address,country,part_no,qty"): the part number is the item.
        let goods_key = if keys.iter().any(|d| d.is_some_and(|d| d.key == "item")) { "item" } else { "partNumber" };
        let goods: Vec<&'a str> = keys
            .iter()
            .enumerate()
            .filter(|(_, d)| d.is_some_and(|d| d.key == goods_key))
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
}

/// Splits a table line into trimmed cells (double quotes respected).
pub(super) fn split_cells(line: &str, delim: char) -> Vec<&str> {
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
pub(super) const MULTI_SPACE: char = '\u{1f}';

/// Splits at runs of two or more spaces.
pub(super) fn split_spaces(line: &str) -> Vec<&str> {
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
pub(super) fn header(line: &str) -> Option<(char, Vec<Option<&'static FieldDef>>)> {
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

#[cfg(test)]
mod tests {
    use super::header;
    use crate::order::parse;

    /// The field keys of a header row's columns ("-" for a column read as nothing).
    fn keys(line: &str) -> Vec<String> {
        let (_, keys) = header(line).expect("a header row");
        keys.iter().map(|k| k.map_or("-".into(), |d| d.key.clone())).collect()
    }

    #[test]
    fn part_numbers_are_the_items_of_a_table_without_descriptions() {
        assert_eq!(
            keys("buyer,address,country,part_no,qty,remarks"),
            ["buyer", "address", "country", "partNumber", "quantity", "ignore"]
        );
        let o = parse(
            "buyer,country,part_no,qty\nHayk Trade LLC,Armenia,XC7A100T-2FGG484I,200\nHayk Trade LLC,Armenia,AD9361BBCZ,150",
        );
        let parts: Vec<&str> = o.items.iter().map(|i| i.description.as_str()).collect();
        assert_eq!(parts, ["XC7A100T-2FGG484I", "AD9361BBCZ"]);
        assert_eq!(o.items.iter().map(|i| i.quantity_value).collect::<Vec<_>>(), [Some(200.0), Some(150.0)]);
        // With a description column, the part number stays out of the item.
        let o = parse("description,part no,qty\nVacuum pump,HiPace 700,3");
        assert_eq!(o.items.iter().map(|i| i.description.as_str()).collect::<Vec<_>>(), ["Vacuum pump"]);
    }

    #[test]
    fn item_table_headers_in_turkish_and_russian_are_read_by_column() {
        let tr = "Kalem  Açıklama                 Miktar   Birim   Birim fiyat   GTIP";
        let ru = "№ п/п | Наименование товара | Ед. изм. | Кол-во | Цена за единицу измерения | Код ТН ВЭД";
        assert_eq!(keys(tr), ["ignore", "item", "quantity", "unit", "ignore", "hs"]);
        assert_eq!(keys(ru), ["ignore", "item", "unit", "quantity", "ignore", "hs"]);
        let o = parse(&format!(
            "{tr}\n1     Mikrodenetleyici STM32H743   3000     adet    11,40         8542.31\n\n\
             {ru}\n1 | Подшипник шариковый 6205 | шт | 500 | 1,20 | 8482.10"
        ));
        let descriptions: Vec<&str> = o.items.iter().map(|i| i.description.as_str()).collect();
        assert_eq!(descriptions, ["Mikrodenetleyici STM32H743", "Подшипник шариковый 6205"]);
        assert_eq!(o.items.iter().map(|i| i.quantity_value).collect::<Vec<_>>(), [Some(3000.0), Some(500.0)]);
        assert_eq!(o.items.iter().map(|i| i.unit.as_deref()).collect::<Vec<_>>(), [Some("adet"), Some("шт")]);
        assert!(o.items.iter().zip(["8542", "8482"]).all(|(i, h)| i.hs.as_deref().is_some_and(|s| s.starts_with(h))));
    }
}
