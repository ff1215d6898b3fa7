//! The readers' error, and (tests only) a serde deserializer over a parsed JSON tree (`serde_json::Value`).
//!
//! The embedded data files and the JS API's inputs (queries, orders, the configuration, decisions, load options)
//! are read by [`super::fields`]' `FromData`, without serde's derived readers (a smaller wasm). The tests read the
//! same trees through the types' `Deserialize` derives with this deserializer, key by key, and compare the two. It
//! reads a struct only from a table (never from an array, as serde_json also allows). An error names the place in
//! the document (`param[2].cmp: unknown variant "lq", expected one of ...`).

use serde::de;
#[cfg(test)]
use serde::de::{value::BorrowedStrDeserializer, DeserializeSeed, Unexpected, Visitor};
#[cfg(test)]
use serde::forward_to_deserialize_any;
#[cfg(test)]
use serde_json::Map;
use serde_json::Value;

/// What went wrong, and where in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    path: String,
    message: String,
}

impl ReadError {
    /// An error at the place being read (its path is added on the way out).
    pub(crate) fn new(message: String) -> ReadError {
        ReadError { path: String::new(), message }
    }

    /// The same error, inside `key` of a table (`key` is prepended to the path).
    pub(crate) fn in_key(mut self, key: &str) -> ReadError {
        self.path = match self.path.is_empty() {
            true => key.to_string(),
            false if self.path.starts_with('[') => format!("{key}{}", self.path),
            false => format!("{key}.{}", self.path),
        };
        self
    }

    /// The same error, inside element `i` (from 1) of an array.
    pub(crate) fn in_element(mut self, i: usize) -> ReadError {
        self.path = match self.path.is_empty() {
            true => format!("[{i}]"),
            false if self.path.starts_with('[') => format!("[{i}]{}", self.path),
            false => format!("[{i}].{}", self.path),
        };
        self
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path.is_empty() {
            true => f.write_str(&self.message),
            false => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ReadError { path: String::new(), message: msg.to_string() }
    }
}

/// Reads a JSON document into `T` (the tests' way).
#[cfg(test)]
pub(crate) fn read<T: de::DeserializeOwned>(json: &str) -> Result<T, ReadError> {
    from_value(&parse(json)?)
}

/// Parses a JSON document for [`from_value`]: one copy for every `T` (a smaller wasm).
#[inline(never)]
pub(crate) fn parse(json: &str) -> Result<Value, ReadError> {
    serde_json::from_str(json).map_err(|e| ReadError { path: String::new(), message: e.to_string() })
}

/// Reads a part of a parsed document into `T`.
#[cfg(test)]
pub(crate) fn from_value<'a, T: de::Deserialize<'a>>(value: &'a Value) -> Result<T, ReadError> {
    T::deserialize(Node(value))
}

/// How a value appears in "invalid type" errors.
#[cfg(test)]
fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// A node of the tree.
#[cfg(test)]
#[derive(Clone, Copy)]
struct Node<'a>(&'a Value);

#[cfg(test)]
impl<'de> Node<'de> {
    /// One copy for every visitor (a smaller wasm): the visitor says what it expected through `Expected`.
    fn invalid(self, expected: &dyn de::Expected) -> ReadError {
        de::Error::invalid_type(unexpected(self.0), expected)
    }

    fn unsigned<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Number(n) if n.is_u64() => visitor.visit_u64(n.as_u64().unwrap_or_default()),
            Value::Number(n) if n.is_i64() => visitor.visit_i64(n.as_i64().unwrap_or_default()),
            _ => Err(self.invalid(&visitor)),
        }
    }
}

#[cfg(test)]
impl<'de> de::Deserializer<'de> for Node<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => visitor.visit_seq(Seq { items: a.iter(), at: 0 }),
            Value::Object(m) => visitor.visit_map(Table::new(m)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Number(n) => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.unsigned(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Array(a) => visitor.visit_seq(Seq { items: a.iter(), at: 0 }),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(m) => visitor.visit_map(Table::new(m)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    /// A struct is a table (never an array).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_map(visitor)
    }

    /// Enums are written as their variant's name (`cmp = "gte"`); only unit variants.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(BorrowedStrDeserializer::<ReadError>::new(s)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! { i128 u128 char bytes byte_buf tuple_struct }
}

#[cfg(test)]
struct Seq<'a> {
    items: std::slice::Iter<'a, Value>,
    at: usize,
}

#[cfg(test)]
impl<'de> de::SeqAccess<'de> for Seq<'de> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ReadError> {
        let Some(v) = self.items.next() else { return Ok(None) };
        self.at += 1;
        let at = self.at;
        seed.deserialize(Node(v)).map(Some).map_err(|e| e.in_element(at))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

#[cfg(test)]
struct Table<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
}

#[cfg(test)]
impl<'a> Table<'a> {
    fn new(m: &'a Map<String, Value>) -> Table<'a> {
        Table { entries: m.iter(), value: None }
    }
}

#[cfg(test)]
impl<'de> de::MapAccess<'de> for Table<'de> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        let Some((k, v)) = self.entries.next() else { return Ok(None) };
        self.value = Some((k, v));
        // An unknown key names itself ("unknown field `nmed`"); the path stays that of the table.
        seed.deserialize(BorrowedStrDeserializer::<ReadError>::new(k)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        match self.value.take() {
            Some((k, v)) => seed.deserialize(Node(v)).map_err(|e| e.in_key(k)),
            None => Err(no_key()),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The error of a value asked for before its key (serde's derived readers never do): one copy, not one per type.
#[cfg(test)]
#[cold]
#[inline(never)]
fn no_key() -> ReadError {
    de::Error::custom("a value without a key")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Cmp {
        Gte,
        Lt,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Param {
        name: String,
        cmp: Cmp,
        value: f64,
        #[serde(default)]
        count: Option<u32>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        entry: String,
        #[serde(default)]
        param: Vec<Param>,
        #[serde(default)]
        named: bool,
        #[serde(default)]
        words: std::collections::BTreeMap<String, Vec<String>>,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let json = r#"{"entry":"3A001","named":true,"param":[{"name":"f","cmp":"gte","value":5},
            {"name":"g","cmp":"lt","value":0.45,"count":3}],"words":{"de":["Frequenz"]}}"#;
        let ours: Entry = read(json).expect("reads");
        let theirs: Entry = serde_json::from_str(json).expect("reads");
        assert_eq!(ours, theirs);
        assert_eq!(ours.param[0].value, 5.0);
        assert_eq!(ours.param[1].count, Some(3));
    }

    #[test]
    fn errors_name_the_place() {
        let e = read::<Entry>(
            r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1},{"name":"g","cmp":"lq","value":1}]}"#,
        )
        .expect_err("unknown variant");
        assert!(e.to_string().starts_with("param[2].cmp: unknown variant `lq`"), "{e}");
        let e = read::<Entry>(r#"{"entry":"x","nmed":true}"#).expect_err("unknown field");
        assert!(e.to_string().starts_with("unknown field `nmed`"), "{e}");
        let e =
            read::<Entry>(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1,"x":1}]}"#).expect_err("unknown");
        assert!(e.to_string().starts_with("param[1]: unknown field `x`"), "{e}");
        let e = read::<Entry>(r#"{"param":[]}"#).expect_err("missing field");
        assert_eq!(e.to_string(), "missing field `entry`");
        let e = read::<Entry>(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":"5"}]}"#).expect_err("type");
        assert_eq!(e.to_string(), "param[1].value: invalid type: string \"5\", expected f64");
        let e = read::<Entry>(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1,"count":-1}]}"#)
            .expect_err("negative count");
        assert!(e.to_string().starts_with("param[1].count: invalid value: integer `-1`"), "{e}");
        let e = read::<Entry>(r#"["x"]"#).expect_err("a struct is a table");
        assert_eq!(e.to_string(), "invalid type: sequence, expected struct Entry");
        assert!(read::<Entry>("{").is_err());
    }
}
