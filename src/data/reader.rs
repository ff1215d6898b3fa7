//! The one reader of data documents: a serde deserializer over a parsed JSON tree (`serde_json::Value`).
//!
//! Every embedded data file, the user-loaded demo lists and decision logs are read through it into their typed
//! structs. One deserializer for all of them means each type's deserialization is compiled once, and this one
//! reads a struct only from a table (never from an array, as serde_json also allows), so the array form of every
//! struct is not compiled at all; both keep the wasm small. An error names the place in the document
//! (`param[2].cmp: unknown variant "lq", expected one of ...`).

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

/// What went wrong, and where in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    path: String,
    message: String,
}

impl ReadError {
    /// The same error, inside `key` of a table (`key` is prepended to the path).
    fn in_key(mut self, key: &str) -> ReadError {
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

/// Reads a JSON document into `T` (the tests' way; the crate reads embedded data with `read_embedded`).
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
pub(crate) fn from_value<'a, T: de::Deserialize<'a>>(value: &'a Value) -> Result<T, ReadError> {
    T::deserialize(Node::<false>(value))
}

/// Reads a JSON document of the embedded data into `T`, structs field by field: see [`from_embedded`].
pub(crate) fn read_embedded<T: de::DeserializeOwned + Same>(json: &str) -> Result<T, ReadError> {
    from_embedded(&parse(json)?)
}

/// Reads a part of an embedded data document into `T` as [`from_value`] does, but a struct field by field in the
/// order it declares them (serde's reader of a struct from a sequence) rather than key by key (its reader from a
/// table): the sequence form has no matching of keys to fields, no check for a key given twice and no state per
/// field, so each type's reader is much smaller, and the types read only here compile only that form. What it
/// reads is the same: a missing field takes its default, a missing `Option` is `None`, a missing required field is
/// "missing field `x`", errors name the path. One difference: a key that is not a field is skipped, where a type
/// with `deny_unknown_fields` refuses it. The embedded files are fixed at build time, so the unit tests make up
/// for it: under `cfg(test)` every call also reads key by key; when that succeeds, both must agree (their `Debug`
/// forms), and when it fails, its error is returned, so a misspelt key in a data file fails the tests that load
/// the file (`data::tests`) and the tests of deliberately broken documents see the messages of the reader by key.
/// serde gives the sequence form the names of the fields it reads, in order; a field with `#[serde(alias)]` would
/// add a name, and `#[serde(flatten)]` makes serde ask for a table anyway: the same comparison catches either.
pub(crate) fn from_embedded<'a, T: de::Deserialize<'a> + Same>(value: &'a Value) -> Result<T, ReadError> {
    let read = T::deserialize(Node::<true>(value));
    #[cfg(test)]
    {
        let by_key = from_value::<T>(value)?;
        assert_eq!(format!("{read:?}"), format!("Ok({by_key:?})"), "the embedded data read in order and by key differ");
    }
    read
}

/// What [`from_embedded`] needs of a type besides `Deserialize`: under `cfg(test)`, `Debug` (to compare its two
/// readings); nothing otherwise.
#[cfg(test)]
pub(crate) trait Same: std::fmt::Debug {}
#[cfg(test)]
impl<T: std::fmt::Debug> Same for T {}
/// What [`from_embedded`] needs of a type besides `Deserialize`: under `cfg(test)`, `Debug`; nothing otherwise.
#[cfg(not(test))]
pub(crate) trait Same {}
#[cfg(not(test))]
impl<T> Same for T {}

/// How a value appears in "invalid type" errors.
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

/// A node of the tree. `IN_ORDER`: read a struct field by field in its declared order (the embedded data,
/// [`from_embedded`]); otherwise key by key as the table has them (everything a user gives).
#[derive(Clone, Copy)]
struct Node<'a, const IN_ORDER: bool>(&'a Value);

impl<'de, const IN_ORDER: bool> Node<'de, IN_ORDER> {
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

impl<'de, const IN_ORDER: bool> de::Deserializer<'de> for Node<'de, IN_ORDER> {
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
            Value::Array(a) => visitor.visit_seq(Seq::<IN_ORDER> { items: a.iter(), at: 0 }),
            Value::Object(m) => visitor.visit_map(Table::<IN_ORDER>::new(m)),
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
            Value::Array(a) => visitor.visit_seq(Seq::<IN_ORDER> { items: a.iter(), at: 0 }),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(m) => visitor.visit_map(Table::<IN_ORDER>::new(m)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    /// A struct is a table (never an array). In order: its `fields` are read one after the other (see [`Fields`]).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if !IN_ORDER {
            return self.deserialize_map(visitor);
        }
        let Value::Object(m) = self.0 else { return Err(self.invalid(&visitor)) };
        let mut access = Fields { table: m, names: fields.iter(), missing: None };
        let read = visitor.visit_seq(&mut access);
        read.map_err(|e| access.missing_error(e))
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

struct Seq<'a, const IN_ORDER: bool> {
    items: std::slice::Iter<'a, Value>,
    at: usize,
}

impl<'de, const IN_ORDER: bool> de::SeqAccess<'de> for Seq<'de, IN_ORDER> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ReadError> {
        let Some(v) = self.items.next() else { return Ok(None) };
        self.at += 1;
        let at = self.at;
        seed.deserialize(Node::<IN_ORDER>(v)).map(Some).map_err(|e| e.in_element(at))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Table<'a, const IN_ORDER: bool> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
}

impl<'a, const IN_ORDER: bool> Table<'a, IN_ORDER> {
    fn new(m: &'a Map<String, Value>) -> Table<'a, IN_ORDER> {
        Table { entries: m.iter(), value: None }
    }
}

impl<'de, const IN_ORDER: bool> de::MapAccess<'de> for Table<'de, IN_ORDER> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        let Some((k, v)) = self.entries.next() else { return Ok(None) };
        self.value = Some((k, v));
        // An unknown key names itself ("unknown field `nmed`"); the path stays that of the table.
        seed.deserialize(BorrowedStrDeserializer::<ReadError>::new(k)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        match self.value.take() {
            Some((k, v)) => seed.deserialize(Node::<IN_ORDER>(v)).map_err(|e| e.in_key(k)),
            None => Err(no_key()),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The fields of a struct in the order it declares them, as a sequence (see [`from_embedded`]).
struct Fields<'a> {
    table: &'a Map<String, Value>,
    names: std::slice::Iter<'static, &'static str>,
    /// The last field that the table does not have.
    missing: Option<&'static str>,
}

impl Fields<'_> {
    /// serde's reader of a struct from a sequence says "invalid length" when a required field is missing (its
    /// element was `None`); here that is the missing field, named as the reader from a table names it.
    #[cold]
    #[inline(never)]
    fn missing_error(&self, e: ReadError) -> ReadError {
        match self.missing {
            Some(name) if e.path.is_empty() && e.message.starts_with("invalid length") => {
                de::Error::missing_field(name)
            }
            _ => e,
        }
    }
}

impl<'de> de::SeqAccess<'de> for Fields<'de> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ReadError> {
        let Some(&name) = self.names.next() else { return Ok(None) };
        match self.table.get(name) {
            Some(v) => seed.deserialize(Node::<true>(v)).map(Some).map_err(|e| e.in_key(name)),
            None => {
                // As serde's reader from a table: an `Option` is `None`; anything else is the field's default (the
                // struct's reader gives it for `None`) or, without one, an error (see `missing_error`).
                self.missing = Some(name);
                Ok(seed.deserialize(Missing).ok())
            }
        }
    }
}

/// A field the table does not have: `None` to an `Option`, an error to anything else.
struct Missing;

impl<'de> de::Deserializer<'de> for Missing {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ReadError> {
        Err(de::Error::custom("missing"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_none()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// The error of a value asked for before its key (serde's derived readers never do): one copy, not one per type.
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

    /// The embedded data's reader (a struct field by field in order) reads what the reader by key reads, and
    /// refuses what it refuses with the same message, but skips a key that is not a field.
    #[test]
    fn in_order_reads_and_refuses_as_by_key() {
        let in_order =
            |json: &str| parse(json).and_then(|v| Entry::deserialize(Node::<true>(&v))).map_err(|e| e.to_string());
        let by_key = |json: &str| read::<Entry>(json).map_err(|e| e.to_string());
        for json in [
            r#"{"entry":"3A001","named":true,"param":[{"name":"f","cmp":"gte","value":5},
                {"name":"g","cmp":"lt","value":0.45,"count":3}],"words":{"de":["Frequenz"]}}"#,
            r#"{"param":[{"value":1,"cmp":"lt","name":"f"}],"entry":"x"}"#,
            r#"{"entry":"x"}"#,
            r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1},{"name":"g","cmp":"lq","value":1}]}"#,
            r#"{"param":[]}"#,
            r#"{"entry":"x","param":[{"name":"f","value":1}]}"#,
            r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":"5"}]}"#,
            r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1,"count":-1}]}"#,
            r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1,"count":null}]}"#,
            r#"{"entry":"x","named":"yes"}"#,
            r#"["x"]"#,
            "{",
        ] {
            assert_eq!(in_order(json), by_key(json), "{json}");
        }
        // An `Option` without `#[serde(default)]` is `None` when missing; a required field is named.
        #[derive(Debug, PartialEq, Deserialize)]
        struct Bare {
            a: u32,
            note: Option<String>,
        }
        let bare = |json: &str| parse(json).and_then(|v| Bare::deserialize(Node::<true>(&v)));
        for json in [r#"{"a":1}"#, r#"{"note":"n","a":1}"#, r#"{"note":"n"}"#, r#"{"a":1,"note":2}"#] {
            assert_eq!(bare(json), read::<Bare>(json), "{json}");
        }
        assert_eq!(bare(r#"{"a":1}"#), Ok(Bare { a: 1, note: None }));
        let e = in_order(r#"{"param":[{"name":"f","value":1}],"entry":"x"}"#).expect_err("no cmp");
        assert_eq!(e, "param[1]: missing field `cmp`");
        // A key that is not a field is skipped; under cfg(test), `read_embedded` also reads by key, which refuses
        // it, so the tests that load every embedded file catch a misspelt key.
        assert!(in_order(r#"{"entry":"x","nmed":true}"#).is_ok());
        let e = read_embedded::<Entry>(r#"{"entry":"x","nmed":true}"#).expect_err("under cfg(test), by key");
        assert!(e.to_string().starts_with("unknown field `nmed`"), "{e}");
    }
}
