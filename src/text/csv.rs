//! CSV, read and written as the csv crate (1.4, csv-core 0.1) does with the settings the crate used: the list files
//! and parties files are read with a one-byte delimiter, `"` quotes (doubled inside a quoted field), any of `\r`,
//! `\n` or `\r\n` ending a record, blank lines skipped, a UTF-8 byte-order mark skipped, and rows of any length; the
//! batch exports are written with `,`, `\n` and quotes only where a field needs them.
//!
//! Why not the crate: every CSV here is a `&str` held whole in memory, so its buffered, incremental state machine and
//! its byte-record/UTF-8 layers (11 KB of the gzipped wasm) are not needed. The reading is the crate's to the byte,
//! its leniencies included (a quote inside an unquoted field is a character; text after a closing quote continues the
//! field; an unterminated quote runs to the end of the text), and so are the record positions the list parsers
//! name lines by; `tests` compares the two on the fixtures and on generated texts.
//!
//! Reading never fails: like the crate's reader over text, every byte sequence is some CSV. `read_record` keeps the
//! crate's `Result` so the parsers' error paths stay as they are.

use std::convert::Infallible;

/// Where a record starts, as the csv crate counts it: the byte offset where its reading began (after the first
/// byte of the previous record's line end) and the line there (1 + the `\n` read before it, so one behind in CRLF
/// files; `lists::text::csv_line` makes the line of the record itself from the byte).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Position {
    byte: u64,
    line: u64,
}

impl Position {
    pub(crate) fn byte(&self) -> u64 {
        self.byte
    }

    pub(crate) fn line(&self) -> u64 {
        self.line
    }
}

/// One record: its fields' text one after the other and where each ends.
#[derive(Clone, Debug, Default)]
pub(crate) struct StringRecord {
    text: String,
    ends: Vec<usize>,
    pos: Option<Position>,
}

impl StringRecord {
    pub(crate) fn new() -> StringRecord {
        StringRecord::default()
    }

    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` (from 0), if the record has it.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    pub(crate) fn position(&self) -> Option<&Position> {
        self.pos.as_ref()
    }
}

/// Reads the records of a text one after the other.
pub(crate) struct Reader<'a> {
    text: &'a str,
    delimiter: u8,
    /// Where the next reading starts.
    at: usize,
    /// 1 + the `\n` before `at`.
    line: u64,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str, delimiter: u8) -> Reader<'a> {
        Reader { text, delimiter, at: 0, line: 1 }
    }

    /// Reads the next record into `rec`; `false` at the end of the text (`rec` then has no fields).
    pub(crate) fn read_record(&mut self, rec: &mut StringRecord) -> Result<bool, Infallible> {
        rec.text.clear();
        rec.ends.clear();
        rec.pos = Some(Position { byte: self.at as u64, line: self.line });
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut at = start;
        if at == 0 && self.text.starts_with('\u{feff}') {
            at = 3;
        }
        // The rest of the previous line end, and blank lines.
        while bytes.get(at).is_some_and(|&b| b == b'\r' || b == b'\n') {
            at += 1;
        }
        let found = at < bytes.len();
        if found {
            at = self.fields(at, rec);
        }
        self.line += bytes[start..at].iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = at;
        Ok(found)
    }

    /// Reads the fields of a record that starts at `at` (not a line end, not the end) into `rec`; returns where
    /// the next reading starts: after the first byte of the line end, or at the end.
    fn fields(&self, mut at: usize, rec: &mut StringRecord) -> usize {
        let (text, bytes, delim) = (self.text, self.text.as_bytes(), self.delimiter);
        let plain = |b: &u8| *b != delim && *b != b'\r' && *b != b'\n';
        loop {
            // A field: quoted parts first (a doubled quote inside is one quote), then unquoted text to its end.
            if bytes.get(at) == Some(&b'"') {
                at += 1;
                loop {
                    let Some(q) = bytes[at..].iter().position(|&b| b == b'"').map(|q| at + q) else {
                        // An unterminated quote runs to the end of the text.
                        rec.text.push_str(&text[at..]);
                        rec.ends.push(rec.text.len());
                        return bytes.len();
                    };
                    rec.text.push_str(&text[at..q]);
                    at = q + 1;
                    if bytes.get(at) != Some(&b'"') {
                        break;
                    }
                    rec.text.push('"');
                    at += 1;
                }
            }
            let end = bytes[at..].iter().position(|b| !plain(b)).map_or(bytes.len(), |n| at + n);
            rec.text.push_str(&text[at..end]);
            rec.ends.push(rec.text.len());
            match bytes.get(end) {
                None => return end,
                Some(&b) if b == delim => at = end + 1,
                // `\r` or `\n`: the record ends with it.
                Some(_) => return end + 1,
            }
        }
    }
}

/// Writes records as the csv crate's writer does by default: fields separated by `,`, each record ended by `\n`, a
/// field quoted only when it holds `,`, `"`, `\r` or `\n` (its quotes doubled), and a record of one empty field
/// written as `""` (so it is not a blank line, which a reader skips).
#[derive(Default)]
pub(crate) struct Writer {
    out: String,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer::default()
    }

    pub(crate) fn write_record(&mut self, fields: &[String]) {
        let start = self.out.len();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            if f.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
                self.out.push('"');
                for (j, part) in f.split('"').enumerate() {
                    if j > 0 {
                        self.out.push_str("\"\"");
                    }
                    self.out.push_str(part);
                }
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        if self.out.len() == start {
            self.out.push_str("\"\"");
        }
        self.out.push('\n');
    }

    pub(crate) fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as ours reads it: fields, position byte and line.
    fn ours(text: &str, delim: u8) -> Vec<(Vec<String>, u64, u64)> {
        let mut rdr = Reader::new(text, delim);
        let mut rec = StringRecord::new();
        let mut out = Vec::new();
        while rdr.read_record(&mut rec).unwrap_or_else(|e| match e {}) {
            let p = rec.position().expect("position").clone();
            assert_eq!(rec.iter().count(), rec.len());
            out.push((rec.iter().map(str::to_string).collect(), p.byte(), p.line()));
        }
        assert!(!rdr.read_record(&mut rec).unwrap_or_else(|e| match e {}), "the end stays the end");
        assert_eq!(rec.len(), 0);
        out
    }

    /// The same, as the csv crate reads it with the settings the crate used (`lists::text::csv_reader`).
    fn theirs(text: &str, delim: u8) -> Vec<(Vec<String>, u64, u64)> {
        let mut rdr =
            ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
        let mut rec = ::csv::StringRecord::new();
        let mut out = Vec::new();
        while rdr.read_record(&mut rec).expect("the csv crate reads text") {
            let p = rec.position().expect("position").clone();
            out.push((rec.iter().map(str::to_string).collect(), p.byte(), p.line()));
        }
        out
    }

    fn written_by_theirs(records: &[Vec<String>]) -> String {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        for r in records {
            w.write_record(r).expect("writes");
        }
        String::from_utf8(w.into_inner().expect("flushes")).expect("UTF-8")
    }

    #[test]
    fn read_record_as_the_csv_crate_on_edge_cases() {
        for text in [
            "",
            "\n",
            "\r\n\r\n",
            "a",
            "a,b\nc,d",
            "a,b\r\nc,d\r\n",
            "a,b\rc,d\r",
            "\u{feff}name,country\r\nACME,IR\r\n",
            "\u{feff}\"q\",x",
            "\u{feff}",
            "a,\n,b\n,\n",
            "a,",
            "\"a,b\",\"c\"\"d\",\"e\nf\"\n",
            "\"ab\"cd\"e,f\n",
            "a\"b,c\n",
            "\"unterminated,\nline\n",
            "\"\"",
            "\"\"\"\"",
            "\"a\"\r\n\"b\"",
            "x\n\n\n\ny\r\n\r\nz",
            " , ,\t\n",
            "é,ü\"ß\",\"日本\"語\n",
            "a;b,c;\"d;e\"\n",
        ] {
            for delim in [b',', b';', b'\t'] {
                assert_eq!(ours(text, delim), theirs(text, delim), "{text:?} with {:?}", delim as char);
            }
        }
    }

    /// Generated texts over an alphabet of the bytes that matter (delimiters, quotes, line ends, a BOM, a
    /// multi-byte letter): every prefix of every string of up to 6 symbols would be 10^6 texts, so a fixed pseudo-
    /// random sample of longer ones is read by both.
    #[test]
    fn read_record_as_the_csv_crate_on_generated_texts() {
        const ALPHABET: [&str; 10] = ["a", ",", ";", "\t", "\"", "\r", "\n", "\u{feff}", "é", " "];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let mut text = String::new();
            let mut s = seed;
            for _ in 0..len {
                text.push_str(ALPHABET[(s % 10) as usize]);
                s /= 10;
                if s == 0 {
                    s = seed.rotate_left(29) | 1;
                }
            }
            for delim in [b',', b';', b'\t'] {
                assert_eq!(ours(&text, delim), theirs(&text, delim), "{text:?} with {:?}", delim as char);
            }
        }
    }

    /// The CSV, TSV and text files under `dir` and its folders, with the delimiters to read them with.
    fn csv_files(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                csv_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "csv" || e == "tsv" || e == "txt") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path, text));
                }
            }
        }
    }

    #[test]
    fn read_record_as_the_csv_crate_on_the_fixture_lists() {
        let mut files = Vec::new();
        csv_files(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lists")), &mut files);
        assert!(files.len() >= 10, "{} fixture files", files.len());
        for (path, text) in &files {
            for delim in [b',', b';', b'\t'] {
                assert_eq!(ours(text, delim), theirs(text, delim), "{path:?} with {:?}", delim as char);
            }
        }
    }

    /// The published lists of `../shared/lists` (40 MB of CSV), each with the delimiter of its kind.
    #[test]
    fn read_record_as_the_csv_crate_on_the_shared_lists() {
        let mut files = Vec::new();
        csv_files(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/lists")), &mut files);
        if files.is_empty() {
            assert!(std::env::var_os("CI").is_none(), "../shared/lists is absent under CI");
            eprintln!("skipped: ../shared/lists is absent");
            return;
        }
        for (path, text) in &files {
            let delim = if path.extension().is_some_and(|e| e == "csv") { b',' } else { b'\t' };
            assert_eq!(ours(text, delim), theirs(text, delim), "{path:?}");
        }
    }

    #[test]
    fn write_record_as_the_csv_crate() {
        let cases: Vec<Vec<Vec<String>>> = vec![
            vec![vec!["a".into(), "b".into()], vec!["c,d".into(), "e\"f".into()]],
            vec![vec!["".into()], vec!["".into()]],
            vec![vec!["".into(), "".into()]],
            vec![vec![]],
            vec![vec!["line\nbreak".into(), "cr\rx".into(), "\"".into(), " sp ".into(), "'=1".into()]],
            vec![vec!["é".into(), "日本;語".into(), "tab\there".into(), "#x".into()]],
        ];
        for records in cases {
            let mut w = Writer::new();
            for r in &records {
                w.write_record(r);
            }
            assert_eq!(w.into_string(), written_by_theirs(&records), "{records:?}");
        }
    }
}
