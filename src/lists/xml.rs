//! A guarded streaming XML reader for the XML list formats (OFAC, UN, EU): quick-xml underneath, element text
//! handed over when an element closes, and the defences a page that reads files from strangers needs. No entity is
//! ever expanded: a DOCTYPE that declares entities is refused, a reference to anything but the five XML entities and
//! character references is an error, nesting is capped, and a file that ends inside an element says which one.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::text::line_at;
use crate::error::{Error, Result};

/// Deepest nesting any list format needs is about 10; anything past this is an attack or junk.
pub(crate) const MAX_DEPTH: usize = 64;

/// What the reader hands a parser.
pub(crate) enum Node<'a> {
    /// An element opened (empty elements open and close): its local name (namespace prefix dropped) and the tag
    /// with its attributes.
    Open(String, BytesStart<'a>),
    /// An element closed: its local name and its text content (trimmed; the text of the element's own text nodes).
    Close(String, String),
    /// End of the document.
    Eof,
}

pub(crate) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    src: &'a str,
    stack: Vec<String>,
    text: String,
    seen_root: bool,
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut reader = Reader::from_str(src);
        let cfg = reader.config_mut();
        cfg.expand_empty_elements = true;
        cfg.check_end_names = true;
        cfg.trim_text(false);
        XmlReader { reader, src, stack: Vec::new(), text: String::new(), seen_root: false }
    }

    fn line(&self) -> usize {
        line_at(self.src, usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX))
    }

    fn inside(&self) -> String {
        match self.stack.last() {
            Some(name) => format!(" inside <{name}>"),
            None => String::new(),
        }
    }

    /// An error at the reader's current line.
    pub(crate) fn error(&self, msg: impl std::fmt::Display) -> Error {
        Error::list_format(format!("line {}{}: {msg}", self.line(), self.inside()))
    }

    /// The local name of the innermost open element: after a `Close`, the parent of the element that closed;
    /// after an `Open`, the element that opened itself (its parent is `ancestor(1)`).
    pub(crate) fn parent(&self) -> &str {
        self.stack.last().map_or("", String::as_str)
    }

    /// The local name `n` levels up from the current position (0 = `parent()`).
    pub(crate) fn ancestor(&self, n: usize) -> &str {
        self.stack.len().checked_sub(n + 1).and_then(|i| self.stack.get(i)).map_or("", String::as_str)
    }

    /// The value of an attribute of a tag, unescaped; `None` when absent.
    pub(crate) fn attr(&self, e: &BytesStart<'_>, name: &str) -> Result<Option<String>> {
        for a in e.attributes() {
            let a = a.map_err(|err| self.error(format!("bad attribute: {err}")))?;
            if a.key.local_name().as_ref() == name.as_bytes() {
                let v = a
                    .decode_and_unescape_value(self.reader.decoder())
                    .map_err(|err| self.error(format!("attribute {name}: {err}")))?;
                return Ok(Some(v.trim().to_string()));
            }
        }
        Ok(None)
    }

    /// The next element event.
    pub(crate) fn next(&mut self) -> Result<Node<'a>> {
        loop {
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let pos = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
                    return Err(Error::list_format(format!(
                        "line {}{}: malformed XML ({e})",
                        line_at(self.src, pos),
                        self.inside()
                    )));
                }
            };
            match ev {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    if self.stack.is_empty() && self.seen_root {
                        return Err(self.error(format!("a second root element <{name}> after the document's end")));
                    }
                    self.seen_root = true;
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(self.error(format!(
                            "elements nested deeper than {MAX_DEPTH} levels: not a list file (or a hostile one)"
                        )));
                    }
                    self.text.clear();
                    self.stack.push(name.clone());
                    return Ok(Node::Open(name, e));
                }
                Event::End(_) => {
                    let name = self.stack.pop().unwrap_or_default();
                    let text = std::mem::take(&mut self.text);
                    let trimmed = text.trim();
                    let text = if trimmed.len() == text.len() { text } else { trimmed.to_string() };
                    return Ok(Node::Close(name, text));
                }
                Event::Text(t) => {
                    if self.stack.is_empty() {
                        let junk = t.decode().map_err(|e| self.error(e))?;
                        if !junk.trim().is_empty() {
                            return Err(self.error("text outside the root element: not an XML list file"));
                        }
                        continue;
                    }
                    let s = t.xml10_content().map_err(|e| self.error(e))?;
                    self.text.push_str(&s);
                }
                Event::CData(t) => {
                    let s = t.decode().map_err(|e| self.error(e))?;
                    self.text.push_str(&s);
                }
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => self.text.push(c),
                            _ => return Err(self.error("invalid character reference")),
                        }
                    } else {
                        let name = r.decode().map_err(|e| self.error(e))?;
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(v) => self.text.push_str(v),
                            None => {
                                return Err(self.error(format!(
                                    "reference to the undeclared entity &{name}; (entities are never expanded)"
                                )))
                            }
                        }
                    }
                }
                Event::DocType(d) => {
                    let body = d.decode().map_err(|e| self.error(e))?;
                    if body.contains("ENTITY") {
                        return Err(self.error(
                            "the DOCTYPE declares entities (<!ENTITY …>): refused, list files never do and entities \
                             are never expanded",
                        ));
                    }
                }
                Event::Eof => {
                    if let Some(open) = self.stack.last() {
                        return Err(Error::list_format(format!(
                            "line {}: the file ends inside <{open}> (truncated download?)",
                            self.line()
                        )));
                    }
                    if !self.seen_root {
                        return Err(Error::list_format("no XML element found"));
                    }
                    return Ok(Node::Eof);
                }
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    /// The first element of the document (the root), or an error when the file does not start with one.
    pub(crate) fn root(&mut self) -> Result<(String, BytesStart<'a>)> {
        match self.next()? {
            Node::Open(name, e) => Ok((name, e)),
            _ => Err(Error::list_format("no XML root element found")),
        }
    }
}

/// The local name of the root element, read without parsing the whole document (for format detection).
pub(crate) fn root_name(src: &str) -> Result<String> {
    let mut r = XmlReader::new(src);
    r.root().map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(src: &str) -> Result<Vec<(String, String)>> {
        let mut r = XmlReader::new(src);
        let mut out = Vec::new();
        loop {
            match r.next()? {
                Node::Close(n, t) => out.push((n, t)),
                Node::Open(..) => {}
                Node::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn next_joins_text_and_predefined_entities() {
        let v = read_all("<a><b>KOREA &amp; CO &#65;</b><c/></a>").expect("parses");
        assert_eq!(v[0], ("b".to_string(), "KOREA & CO A".to_string()));
        assert_eq!(v[1].0, "c");
    }

    #[test]
    fn next_refuses_entity_declarations_and_unknown_entities() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><x>&b;</x>";
        assert!(read_all(bomb).expect_err("refused").message().contains("declares entities"));
        let ext = "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x>&xxe;</x>";
        assert!(read_all(ext).expect_err("refused").message().contains("undeclared entity"));
    }

    #[test]
    fn next_caps_depth_and_names_truncation() {
        let deep = "<a>".repeat(10_000);
        assert!(read_all(&deep).expect_err("refused").message().contains("nested deeper"));
        let cut = "<list>\n<entry>\n<name>X</name>\n";
        let e = read_all(cut).expect_err("refused");
        assert!(e.message().contains("ends inside <entry>"), "{}", e.message());
    }
}
