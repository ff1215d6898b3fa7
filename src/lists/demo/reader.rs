//! Reads the part of TOML the demo-list format uses and writes it as JSON text, which the caller deserialises with
//! serde_json (the same code that reads the embedded list), so the wasm carries no TOML library.
//!
//! Read: comments; `[name]` and `[[name]]` headers with one key; `key = value` lines with bare or quoted keys;
//! values that are basic and literal strings (also multi-line, with every TOML escape), integers, floats, booleans,
//! arrays and inline tables, nested and spread over lines. Refused with the line number: dotted keys and headers,
//! dates and times, hexadecimal/octal/binary numbers, inf/nan, duplicate keys and tables, anything else.
//! The JSON keeps the file's line numbers (values start on the JSON line of their TOML line), so an error found
//! later by serde_json ("unknown field", "missing field") names the right line of the file.

use std::fmt::Write as _;

/// A value with the line it starts on.
enum Value {
    Str(String),
    /// The number as written, checked, in JSON form.
    Num(String),
    Bool(bool),
    Array(Vec<(usize, Value)>),
    Table(Table),
}

/// Keys in file order, each with its line.
type Table = Vec<(String, usize, Value)>;

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    line: usize,
    /// Arrays and inline tables open around the current value.
    depth: usize,
}

/// Nesting refused beyond this (a hostile file must not exhaust the stack; the format needs 2).
const MAX_DEPTH: usize = 32;

type Res<T> = std::result::Result<T, String>;

/// TOML text → JSON text, or `"line N: what is wrong"`.
pub fn to_json(text: &str) -> Res<String> {
    let mut r = Reader { s: text.as_bytes(), i: 0, line: 1, depth: 0 };
    let mut root: Table = Vec::new();
    // The table key-value lines go to: None = the root, Some(k) = root[k] (a table, or the last table of an array).
    let mut current: Option<usize> = None;
    loop {
        r.skip_blank(true);
        let Some(c) = r.peek() else { break };
        let line = r.line;
        if c == b'[' {
            r.i += 1;
            let array = r.eat(b'[');
            r.skip_blank(false);
            let key = r.key()?;
            r.skip_blank(false);
            if r.peek() == Some(b'.') {
                return Err(r.err("dotted table names are not supported"));
            }
            if !r.eat(b']') || (array && !r.eat(b']')) {
                return Err(r.err(if array {
                    "expected ]] after the table name"
                } else {
                    "expected ] after the table name"
                }));
            }
            r.end_of_line()?;
            let (k, created) = match root.iter().position(|(n, _, _)| *n == key) {
                Some(k) => (k, false),
                None => {
                    root.push((
                        key.clone(),
                        line,
                        if array { Value::Array(Vec::new()) } else { Value::Table(Vec::new()) },
                    ));
                    (root.len() - 1, true)
                }
            };
            match (&mut root[k].2, array) {
                (Value::Array(a), true) if created || a.first().is_some_and(|(_, v)| matches!(v, Value::Table(_))) => {
                    a.push((line, Value::Table(Vec::new())))
                }
                (Value::Table(_), false) if created => {}
                _ => return Err(format!("line {line}: \"{key}\" is defined twice")),
            }
            current = Some(k);
            continue;
        }
        let (key, value) = r.key_value()?;
        r.end_of_line()?;
        let table = match current {
            None => &mut root,
            Some(k) => match &mut root[k].2 {
                Value::Table(t) => t,
                Value::Array(a) => match a.last_mut() {
                    Some((_, Value::Table(t))) => t,
                    _ => unreachable!("[[arrays]] hold tables"),
                },
                _ => unreachable!("headers make tables"),
            },
        };
        insert(table, key, line, value)?;
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = 1;
    write_table(&root, &mut out, &mut lines);
    Ok(out)
}

fn insert(table: &mut Table, key: String, line: usize, value: Value) -> Res<()> {
    if table.iter().any(|(k, _, _)| *k == key) {
        return Err(format!("line {line}: the key \"{key}\" is defined twice"));
    }
    table.push((key, line, value));
    Ok(())
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let yes = self.peek() == Some(c);
        self.i += usize::from(yes);
        yes
    }

    fn err(&self, what: &str) -> String {
        format!("line {}: {what}", self.line)
    }

    /// Skips spaces, tabs and comments; also newlines when `newlines`.
    fn skip_blank(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' => self.i += 1,
                b'#' => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.i += 1;
                    }
                }
                b'\r' if newlines => self.i += 1,
                b'\n' if newlines => {
                    self.i += 1;
                    self.line += 1;
                }
                _ => break,
            }
        }
    }

    fn end_of_line(&mut self) -> Res<()> {
        self.skip_blank(false);
        self.eat(b'\r');
        match self.peek() {
            None | Some(b'\n') => Ok(()),
            Some(_) => Err(self.err("expected the end of the line")),
        }
    }

    fn key(&mut self) -> Res<String> {
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => self.string(q),
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')) {
                    self.i += 1;
                }
                if self.i == start {
                    return Err(self.err("expected a key"));
                }
                Ok(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
            }
        }
    }

    fn key_value(&mut self) -> Res<(String, Value)> {
        let key = self.key()?;
        self.skip_blank(false);
        if self.peek() == Some(b'.') {
            return Err(self.err("dotted keys are not supported"));
        }
        if !self.eat(b'=') {
            return Err(self.err(&format!("expected = after \"{key}\"")));
        }
        self.skip_blank(false);
        Ok((key, self.value()?))
    }

    fn value(&mut self) -> Res<Value> {
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => self.string(q).map(Value::Str),
            Some(c @ (b'[' | b'{')) => {
                if self.depth == MAX_DEPTH {
                    return Err(self.err("arrays or tables nested too deep"));
                }
                self.depth += 1;
                let v = if c == b'[' { self.array() } else { self.inline_table() };
                self.depth -= 1;
                v
            }
            Some(_) => self.scalar(),
            None => Err(self.err("expected a value")),
        }
    }

    fn array(&mut self) -> Res<Value> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank(true);
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            let line = self.line;
            items.push((line, self.value()?));
            self.skip_blank(true);
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.err("expected , or ] in the array"));
            }
        }
    }

    fn inline_table(&mut self) -> Res<Value> {
        self.i += 1;
        let mut table = Vec::new();
        loop {
            self.skip_blank(true);
            if self.eat(b'}') {
                return Ok(Value::Table(table));
            }
            let line = self.line;
            let (key, value) = self.key_value()?;
            insert(&mut table, key, line, value)?;
            self.skip_blank(true);
            if self.eat(b'}') {
                return Ok(Value::Table(table));
            }
            if !self.eat(b',') {
                return Err(self.err("expected , or } in the inline table"));
            }
        }
    }

    /// true, false, or a decimal number.
    fn scalar(&mut self) -> Res<Value> {
        let start = self.i;
        while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'+' | b'.' | b':')) {
            self.i += 1;
        }
        let word = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        match word {
            "true" => return Ok(Value::Bool(true)),
            "false" => return Ok(Value::Bool(false)),
            "" => return Err(self.err("expected a value")),
            _ => {}
        }
        let bad = || self.err(&format!("\"{word}\" is not a supported value (quote text and dates)"));
        let digits = word.strip_prefix(['+', '-']).unwrap_or(word);
        // TOML: underscores only between digits, no leading zeros, a digit on both sides of the point.
        let b = digits.as_bytes();
        let ok_underscores = b.iter().enumerate().all(|(k, &c)| {
            c != b'_' || (k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit())
        });
        let plain: String = digits.chars().filter(|&c| c != '_').collect();
        let int_part = plain.split(['.', 'e', 'E']).next().unwrap_or("");
        let frac_ok = plain.split_once('.').is_none_or(|(_, f)| f.starts_with(|c: char| c.is_ascii_digit()));
        if !ok_underscores
            || int_part.is_empty()
            || !int_part.bytes().all(|c| c.is_ascii_digit())
            || int_part.len() > 1 && int_part.starts_with('0')
            || !frac_ok
        {
            return Err(bad());
        }
        let sign = if word.starts_with('-') { "-" } else { "" };
        if plain.bytes().all(|c| c.is_ascii_digit()) {
            let n: i64 = format!("{sign}{plain}").parse().map_err(|_| bad())?;
            return Ok(Value::Num(n.to_string()));
        }
        match plain.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Num(format!("{sign}{plain}"))),
            _ => Err(bad()),
        }
    }

    /// A basic (`"..."`, `"""..."""`, with escapes) or literal (`'...'`, `'''...'''`) string; `q` is its quote.
    fn string(&mut self, q: u8) -> Res<String> {
        let opened = self.line;
        self.i += 1;
        let multi = self.peek() == Some(q) && self.s.get(self.i + 1) == Some(&q);
        if multi {
            self.i += 2;
            // A newline right after the opening quotes is not part of the string.
            self.eat(b'\r');
            if self.eat(b'\n') {
                self.line += 1;
            }
        }
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.peek() else { return Err(format!("line {opened}: unterminated string")) };
            match c {
                _ if c == q && !multi => {
                    self.i += 1;
                    break;
                }
                _ if c == q => {
                    // Up to two quotes may end the content, right before the closing three.
                    let run = self.s[self.i..].iter().take_while(|&&b| b == q).count();
                    if run > 5 {
                        return Err(self.err("too many quotes"));
                    }
                    out.extend(std::iter::repeat_n(q, if run >= 3 { run - 3 } else { run }));
                    self.i += run;
                    if run >= 3 {
                        break;
                    }
                }
                b'\n' if multi => {
                    out.push(c);
                    self.i += 1;
                    self.line += 1;
                }
                b'\r' if multi && self.s.get(self.i + 1) == Some(&b'\n') => {
                    out.push(c);
                    self.i += 1;
                }
                b'\\' if q == b'"' => {
                    self.i += 1;
                    self.escape(multi, &mut out)?;
                }
                b'\n' => return Err(self.err("unterminated string")),
                _ if (c < 0x20 && c != b'\t') || c == 0x7f => return Err(self.err("control character in a string")),
                _ => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8"))
    }

    /// The escape after a backslash in a basic string.
    fn escape(&mut self, multi: bool, out: &mut Vec<u8>) -> Res<()> {
        let c = self.peek().ok_or_else(|| self.err("unterminated string"))?;
        if multi && matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            // A backslash ending a line drops it and the blanks that follow, up to the next text.
            while matches!(self.peek(), Some(b' ' | b'\t')) {
                self.i += 1;
            }
            self.eat(b'\r');
            if !self.eat(b'\n') {
                return Err(self.err("unknown escape \\ "));
            }
            self.line += 1;
            while let Some(b) = self.peek().filter(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                self.line += usize::from(b == b'\n');
                self.i += 1;
            }
            return Ok(());
        }
        self.i += 1;
        let simple = match c {
            b'b' => Some(b'\x08'),
            b't' => Some(b'\t'),
            b'n' => Some(b'\n'),
            b'f' => Some(b'\x0c'),
            b'r' => Some(b'\r'),
            b'e' => Some(b'\x1b'),
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            return Ok(());
        }
        let n = match c {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => return Err(self.err(&format!("unknown escape \\{}", c as char))),
        };
        let hex = self.s.get(self.i..self.i + n).and_then(|h| std::str::from_utf8(h).ok());
        let ch = hex
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .ok_or_else(|| self.err("invalid \\x, \\u or \\U escape"))?;
        self.i += n;
        let mut buf = [0; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }
}

/// Newlines until the JSON is on `line`, so that serde_json's line numbers are the file's.
fn to_line(out: &mut String, lines: &mut usize, line: usize) {
    while *lines < line {
        out.push('\n');
        *lines += 1;
    }
}

fn write_table(t: &Table, out: &mut String, lines: &mut usize) {
    out.push('{');
    for (n, (key, line, value)) in t.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        to_line(out, lines, *line);
        write_str(key, out);
        out.push(':');
        write_value(value, out, lines);
    }
    out.push('}');
}

fn write_value(v: &Value, out: &mut String, lines: &mut usize) {
    match v {
        Value::Str(s) => write_str(s, out),
        Value::Num(n) => out.push_str(n),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Table(t) => write_table(t, out, lines),
        Value::Array(a) => {
            out.push('[');
            for (n, (line, item)) in a.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                to_line(out, lines, *line);
                write_value(item, out, lines);
            }
            out.push(']');
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::to_json;

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(&to_json(text).expect("reads")).expect("valid JSON")
    }

    /// What the reader accepts, it reads as the toml crate does.
    #[test]
    fn reads_like_the_toml_crate() {
        let text = r#"
# comment
title = "a \"quoted\" \\ word\tand \u00e9 \U0001F600 \x41" # trailing comment
'literal key' = 'C:\path'
n = -1_000
f = 0.45
g = +1.5e3
yes = true
[list]
name = "Demo"
nested = [[1, 2], [], ["x"]]
[[entry]]
id = "a"
aliases = [
  { name = "A1", kind = "aka" },   # comment inside an array
  { name = "A2" },
]
[[entry]]
id = "b"
countries = ["PK", "IR",]
remarks = """
first line
second \
   continued, "quoted" ""twice"" \u00e9 end"""
raw = '''
C:\path 'x' '''
five = """""five"""""
after = "the line count held"
"#;
        let expected: serde_json::Value = toml::from_str(text).expect("toml");
        assert_eq!(json(text), expected);
    }

    #[test]
    fn reads_the_demo_list_like_the_toml_crate() {
        let expected: serde_json::Value = toml::from_str(super::super::DEMO_LIST_TOML).expect("toml");
        assert_eq!(json(super::super::DEMO_LIST_TOML), expected);
    }

    #[test]
    fn json_lines_are_the_file_lines() {
        let out = to_json("[list]\nname = \"\"\"\nx\ny\"\"\"\n[[entry]]\nid = \"a\"\nbogus = 1\n").expect("reads");
        let line_of_bogus = out.lines().position(|l| l.contains("bogus")).expect("bogus") + 1;
        assert_eq!(line_of_bogus, 7);
    }

    #[test]
    fn refuses_what_it_does_not_read_with_the_line() {
        let deep = format!("a = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
        for (text, want) in [
            ("a = 1\nb.c = 2\n", "line 2: dotted keys"),
            (deep.as_str(), "nested too deep"),
            ("[a.b]\n", "line 1: dotted table"),
            ("\n\nd = 2021-06-01\n", "line 3: \"2021-06-01\" is not a supported value"),
            ("a = 0x1F\n", "not a supported value"),
            ("a = 012\n", "not a supported value"),
            ("a = 1.\n", "not a supported value"),
            ("a = inf\n", "not a supported value"),
            ("a = 1\na = 2\n", "line 2: the key \"a\" is defined twice"),
            ("[t]\n[t]\n", "line 2: \"t\" is defined twice"),
            ("[t]\n[[t]]\n", "line 2: \"t\" is defined twice"),
            ("a = \"open\n", "line 1: unterminated string"),
            ("\na = \"\"\"open\n\nb = 1\n", "line 2: unterminated string"),
            ("a = \"\"\"x\"\"\"\"\"\"\n", "too many quotes"),
            ("a = \"\\q\"\n", "unknown escape \\q"),
            ("a = 1 b = 2\n", "line 1: expected the end of the line"),
            ("a = [1 2]\n", "expected , or ]"),
            ("= 1\n", "expected a key"),
            ("a 1\n", "expected = after \"a\""),
        ] {
            let err = to_json(text).expect_err(text);
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
