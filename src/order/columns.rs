//! Party blocks laid out side by side: an invoice prints "Bill to:" and "Ship to:" (or "Seller" and "Buyer",
//! "Rechnungsadresse" and "Lieferadresse") on one line, each party's lines below its label in the same column
//! (UN Layout Key for Trade Documents, UN/ECE Recommendation No. 1: the seller, buyer and consignee boxes sit side
//! by side at the top of the form). Read line by line, each physical line mixes two parties. The block is read
//! column by column instead: the ranges of the parser's lines are replaced by each column's cells, the first column
//! first, so the labelled reader sees "Bill to:" with its own lines below it, then "Ship to:" with its own.

use super::labels::labelled_line;

/// Most columns of one header line.
const MAX_COLUMNS: usize = 4;
/// Most lines of one block below its header.
const MAX_BLOCK: usize = 10;
/// How far (in characters) a cell may start from its header's column.
const SLACK: usize = 4;

/// The character columns where the cells of a header line start, when the line holds two or more party labels
/// separated by a wide gap (three spaces or more, or a tab): "Bill to:            Ship to:".
fn header_columns(line: &str) -> Option<Vec<usize>> {
    let cells = cells(line);
    if cells.len() < 2 || cells.len() > MAX_COLUMNS {
        return None;
    }
    let all_parties = cells
        .iter()
        .all(|&(_, a, b)| line.get(a..b).and_then(labelled_line).is_some_and(|(d, _, _)| d.kind == "party"));
    all_parties.then(|| cells.iter().map(|&(c, _, _)| c).collect())
}

/// The cells of a line separated by three spaces or more (or a tab): (character column, byte start, byte end).
fn cells(line: &str) -> Vec<(usize, usize, usize)> {
    runs(line, 3)
}

/// Runs of text separated by `min_gap` spaces or more (a tab counts as `min_gap`): (character column, byte start,
/// byte end).
fn runs(line: &str, min_gap: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut gap = 0usize;
    let mut last_end = 0usize;
    for (col, (b, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '\t' {
            gap += if c == '\t' { min_gap } else { 1 };
            continue;
        }
        match start {
            None => start = Some((col, b)),
            Some((sc, sb)) if gap >= min_gap => {
                out.push((sc, sb, last_end));
                start = Some((col, b));
            }
            Some(_) => {}
        }
        gap = 0;
        last_end = b + c.len_utf8();
    }
    if let Some((sc, sb)) = start {
        out.push((sc, sb, last_end));
    }
    out
}

/// Cuts a line of the block at the header's columns: for each column, the byte range of its cell (empty when the
/// line has nothing there). A cell must start within [`SLACK`] characters of its column, after a gap of two spaces
/// or more; a line that cannot be cut so is `None`.
fn cut(line: &str, columns: &[usize]) -> Option<Vec<(usize, usize)>> {
    // Runs of text separated by two spaces or more.
    let runs = runs(line, 2);
    let mut out = vec![(0usize, 0usize); columns.len()];
    for (col, a, b) in runs {
        // The column this run starts in: the last header column at or before it (with slack).
        let k = columns.iter().rposition(|&c| col + SLACK >= c)?;
        let (s, e) = out.get(k).copied()?;
        // Two runs in one column are one cell (a wide gap inside a party's line).
        let cell = if s == e { (a, b) } else { (s, b) };
        *out.get_mut(k)? = cell;
    }
    Some(out)
}

/// Rewrites `lines` (byte ranges into `text`) so that each block of side-by-side party columns is read column by
/// column. Lines outside such blocks are kept as they are. The ranges stay inside their physical lines.
pub(super) fn split(text: &str, lines: &mut Vec<(usize, usize)>) {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some(&(s, e)) = lines.get(i) else { break };
        let line = text.get(s..e).unwrap_or_default();
        let Some(columns) = header_columns(line) else {
            out.push((s, e));
            i += 1;
            continue;
        };
        // The block: the lines below the header up to a blank line, each cut at the header's columns.
        let mut block: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut j = i + 1;
        while j < lines.len() && block.len() < MAX_BLOCK {
            let Some(&(ls, le)) = lines.get(j) else { break };
            let l = text.get(ls..le).unwrap_or_default();
            if l.trim().is_empty() {
                break;
            }
            match cut(l, &columns) {
                Some(cells) => block.push(cells.into_iter().map(|(a, b)| (ls + a, ls + b)).collect()),
                None => break,
            }
            j += 1;
        }
        let header: Vec<(usize, usize)> = cells(line).into_iter().map(|(_, a, b)| (s + a, s + b)).collect();
        for (k, h) in header.iter().enumerate() {
            out.push(*h);
            for row in &block {
                if let Some(&(a, b)) = row.get(k).filter(|(a, b)| b > a) {
                    out.push((a, b));
                }
            }
        }
        i = j;
    }
    *lines = out;
}

#[cfg(test)]
mod tests {
    use super::split;

    fn read(text: &str) -> Vec<&str> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                lines.push((start, i));
                start = i + 1;
            }
        }
        lines.push((start, text.len()));
        split(text, &mut lines);
        lines.iter().map(|&(a, b)| text.get(a..b).unwrap_or_default()).collect()
    }

    #[test]
    fn side_by_side_blocks_are_read_column_by_column() {
        let text = "Bill to:                        Ship to:\nVictoria Harbour Electronics    Hangzhou Hikvision Co., Ltd.\n18/F, 99 Queen's Road           No. 555 Qianmo Road\nHong Kong                       Hangzhou, China\n\nQty   Description";
        assert_eq!(
            read(text),
            [
                "Bill to:",
                "Victoria Harbour Electronics",
                "18/F, 99 Queen's Road",
                "Hong Kong",
                "Ship to:",
                "Hangzhou Hikvision Co., Ltd.",
                "No. 555 Qianmo Road",
                "Hangzhou, China",
                "",
                "Qty   Description"
            ]
        );
    }

    #[test]
    fn columns_by_characters_and_a_short_left_cell() {
        let text = "Rechnungsadresse:       Lieferadresse:\nDonau Versicherung AG   Donau AG\n                        Lager Simmering\n1010 Wien, Österreich   1110 Wien, Österreich";
        let r = read(text);
        assert_eq!(
            r.get(..4),
            Some(&["Rechnungsadresse:", "Donau Versicherung AG", "1010 Wien, Österreich", "Lieferadresse:"][..])
        );
        assert_eq!(r.get(4..), Some(&["Donau AG", "Lager Simmering", "1110 Wien, Österreich"][..]));
    }

    #[test]
    fn ordinary_lines_are_kept() {
        for text in [
            "Buyer: Hasan Scientific, Lahore\nConsignee: same",
            "Qty     Description      HS Code\n5,000   CMOS sensor      8542.31",
            "Bill to: ACME Ltd, Oslo    Payment: 30 days",
        ] {
            let lines: Vec<&str> = text.split('\n').collect();
            assert_eq!(read(text), lines, "{text}");
        }
    }
}
