//! The reader of the embedded data files into their types, without serde's derived readers.
//!
//! The embedded data is fixed at build time, so its reader needs no more than to walk the parsed JSON tree and
//! build each struct; serde's derived readers for the same took about 110 KB of the wasm's code (each struct's
//! visitor, its field seeds and drop paths, every enum's variant visitors, instantiated per type and per
//! deserializer). Here a type is read by [`FromData::read`]: a struct by [`readable!`] (one line that lists its
//! fields, each found by key with [`field`] or [`field_or_default`]), a unit enum by [`readable_enum!`] (its
//! variants and their names). What it reads is what serde reads from the same tree: a missing `Option` is `None`,
//! a missing field marked `default` takes its default, a missing field otherwise is "missing field `x`", a key that
//! is not a field is skipped. The types keep their `Deserialize` derives (the readers of user input and of tests);
//! under `cfg(test)` [`read_embedded`] also reads every document through serde key by key and asserts that both
//! agree (their `Debug` forms), and returns serde's error when that fails, so a misspelt key in a data file, a
//! field list that leaves one out or names one as optional that is not, or a variant's name that differs from
//! serde's all fail the tests that load the files (`data::tests`).

use serde_json::{Map, Value};

use super::reader::ReadError;

/// A type read from the embedded data's JSON tree.
pub(crate) trait FromData: Sized {
    fn read(v: &Value) -> Result<Self, ReadError>;

    /// What stands in for a field that could not be read while the rest of its struct is read (the struct's read
    /// then fails as a whole): building every struct whole and dropping it once on an error is much less code
    /// than returning at the first error, which drops the fields read so far, a different set at each field.
    fn fallback() -> Self;

    /// What a table without this field gives: "missing field", but `None` for an `Option` (as serde).
    fn missing(name: &'static str) -> Result<Self, ReadError> {
        Err(missing_field(name))
    }
}

/// Reads a JSON document of the embedded data into `T`; under `cfg(test)`, also through serde (see the module).
pub(crate) fn read_embedded<T: FromData + Same>(json: &str) -> Result<T, ReadError> {
    from_embedded(&super::parse(json)?)
}

/// Reads a part of an embedded data document into `T`; under `cfg(test)`, also through serde (see the module).
pub(crate) fn from_embedded<T: FromData + Same>(value: &Value) -> Result<T, ReadError> {
    let read = T::read(value);
    #[cfg(test)]
    {
        let by_key = super::from_value::<T>(value)?;
        assert_eq!(
            format!("{read:?}"),
            format!("Ok({by_key:?})"),
            "the embedded data read by FromData and by serde differ"
        );
    }
    read
}

/// What [`read_embedded`] needs of a type besides [`FromData`]: under `cfg(test)`, serde's reader and `Debug` (to
/// compare the two readings); nothing otherwise.
#[cfg(test)]
pub(crate) trait Same: serde::de::DeserializeOwned + std::fmt::Debug {}
#[cfg(test)]
impl<T: serde::de::DeserializeOwned + std::fmt::Debug> Same for T {}
/// What [`read_embedded`] needs of a type besides [`FromData`]: under `cfg(test)`, serde's reader and `Debug`.
#[cfg(not(test))]
pub(crate) trait Same {}
#[cfg(not(test))]
impl<T> Same for T {}

/// The field `name` of a table: read, or what `T` makes of its absence ([`FromData::missing`]); on an error, the
/// first one is kept in `err` and `T`'s fallback stands in (see [`FromData::fallback`]). One copy per field type.
#[inline(never)]
pub(crate) fn field<T: FromData>(m: &Map<String, Value>, name: &'static str, err: &mut Option<ReadError>) -> T {
    let read = match lookup(m, name) {
        Some(v) => T::read(v).map_err(|e| e.in_key(name)),
        None => T::missing(name),
    };
    read.unwrap_or_else(|e| keep(err, e))
}

/// The field `name` of a table, or `T`'s default when the table does not have it (serde's `#[serde(default)]`);
/// errors as [`field`].
#[inline(never)]
pub(crate) fn field_or_default<T: FromData + Default>(
    m: &Map<String, Value>,
    name: &'static str,
    err: &mut Option<ReadError>,
) -> T {
    match lookup(m, name) {
        Some(v) => T::read(v).unwrap_or_else(|e| keep(err, e.in_key(name))),
        None => T::default(),
    }
}

/// A struct read whole ([`readable!`]): itself, or the first error of its fields.
pub(crate) fn done<T>(read: T, err: Option<ReadError>) -> Result<T, ReadError> {
    match err {
        None => Ok(read),
        Some(e) => Err(e),
    }
}

/// The value of `name` in a table (one copy for every field).
#[inline(never)]
fn lookup<'a>(m: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    m.get(name)
}

/// Keeps the first error in `err`; `T`'s fallback stands in for the value.
fn keep<T: FromData>(err: &mut Option<ReadError>, e: ReadError) -> T {
    err.get_or_insert(e);
    T::fallback()
}

/// The table a struct is read from.
pub(crate) fn table<'a>(v: &'a Value, what: &'static str) -> Result<&'a Map<String, Value>, ReadError> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(invalid(v, what)),
    }
}

/// The index of a unit variant in `names`, from its name (a string).
pub(crate) fn variant(v: &Value, names: &'static [&'static str]) -> Result<usize, ReadError> {
    let Value::String(s) = v else { return Err(invalid(v, "a variant name")) };
    names.iter().position(|n| n == s).ok_or_else(|| unknown_variant(s, names))
}

#[cold]
#[inline(never)]
fn unknown_variant(s: &str, names: &[&str]) -> ReadError {
    ReadError::new(format!("unknown variant `{s}`, expected one of `{}`", names.join("`, `")))
}

#[cold]
#[inline(never)]
fn missing_field(name: &str) -> ReadError {
    ReadError::new(format!("missing field `{name}`"))
}

/// "invalid type: X, expected Y", X written as serde writes it (`integer \`5\``, `string "x"`, `map`), so a
/// caller sees what it gave.
#[cold]
#[inline(never)]
fn invalid(v: &Value, expected: &str) -> ReadError {
    let given = match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        // serde_json writes the number (its own float formatting, not core's).
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    ReadError::new(format!("invalid type: {given}, expected {expected}"))
}

/// The first key of a table that is not one of `fields`, as serde's `deny_unknown_fields` reports it; kept in
/// `err` as the fields' errors are.
#[inline(never)]
pub(crate) fn deny_unknown(m: &Map<String, Value>, fields: &[&str], err: &mut Option<ReadError>) {
    if let Some(k) = m.keys().find(|k| !fields.contains(&k.as_str())) {
        err.get_or_insert_with(|| unknown_field(k, fields));
    }
}

#[cold]
#[inline(never)]
fn unknown_field(k: &str, fields: &[&str]) -> ReadError {
    ReadError::new(format!("unknown field `{k}`, expected one of `{}`", fields.join("`, `")))
}

/// The field `name` of a table, or `default` when the table does not have it (serde's container-level
/// `#[serde(default)]` over a hand-written `Default`); errors as [`field`].
#[inline(never)]
pub(crate) fn field_or<T: FromData>(
    m: &Map<String, Value>,
    name: &'static str,
    default: T,
    err: &mut Option<ReadError>,
) -> T {
    match lookup(m, name) {
        Some(v) => T::read(v).unwrap_or_else(|e| keep(err, e.in_key(name))),
        None => default,
    }
}

impl FromData for String {
    fn read(v: &Value) -> Result<Self, ReadError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            _ => Err(invalid(v, "a string")),
        }
    }

    fn fallback() -> Self {
        String::new()
    }
}

impl FromData for crate::lists::Shared {
    fn read(v: &Value) -> Result<Self, ReadError> {
        String::read(v).map(Self::from)
    }

    fn fallback() -> Self {
        Self::default()
    }
}

impl FromData for bool {
    fn read(v: &Value) -> Result<Self, ReadError> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(invalid(v, "a boolean")),
        }
    }

    fn fallback() -> Self {
        false
    }
}

impl FromData for f64 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        match v {
            Value::Number(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
            _ => Err(invalid(v, "f64")),
        }
    }

    fn fallback() -> Self {
        0.0
    }
}

/// An unsigned integer that fits `max`.
fn unsigned(v: &Value, max: u64) -> Result<u64, ReadError> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(invalid(v, "an unsigned integer in range")),
    }
}

impl FromData for u32 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        unsigned(v, u32::MAX.into()).map(|n| n as u32)
    }

    fn fallback() -> Self {
        0
    }
}

impl FromData for usize {
    fn read(v: &Value) -> Result<Self, ReadError> {
        unsigned(v, usize::MAX as u64).map(|n| n as usize)
    }

    fn fallback() -> Self {
        0
    }
}

impl FromData for u8 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        unsigned(v, u8::MAX.into()).map(|n| n as u8)
    }

    fn fallback() -> Self {
        0
    }
}

impl<T: FromData> FromData for Option<T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        match v {
            Value::Null => Ok(None),
            _ => T::read(v).map(Some),
        }
    }

    fn fallback() -> Self {
        None
    }

    fn missing(_: &'static str) -> Result<Self, ReadError> {
        Ok(None)
    }
}

impl<T: FromData> FromData for Vec<T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let a = elements(v)?;
        let mut out = Vec::with_capacity(a.len());
        each(a, &mut |x| T::read(x).map(|t| out.push(t)))?;
        Ok(out)
    }

    fn fallback() -> Self {
        Vec::new()
    }
}

/// The elements of an array (one copy for every element type).
#[inline(never)]
fn elements(v: &Value) -> Result<&[Value], ReadError> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(invalid(v, "a sequence")),
    }
}

/// Reads each element with `read`, stopping at the first error, which names the element (from 1): the loop and
/// the error's place in one copy for every element type (the `Vec` readers were 36 copies of about 0.5 KB).
#[inline(never)]
fn each(a: &[Value], read: &mut dyn FnMut(&Value) -> Result<(), ReadError>) -> Result<(), ReadError> {
    for (i, x) in a.iter().enumerate() {
        read(x).map_err(|e| e.in_element(i + 1))?;
    }
    Ok(())
}

/// A table whose keys are read as `K` (unit enums by name, strings).
impl<K: FromData + Ord, V: FromData> FromData for std::collections::BTreeMap<K, V> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let m = table(v, "a map")?;
        let mut out = std::collections::BTreeMap::new();
        for (k, x) in m {
            let key = K::read(&Value::String(k.clone()))?;
            out.insert(key, V::read(x).map_err(|e| e.in_key(k))?);
        }
        Ok(out)
    }

    fn fallback() -> Self {
        std::collections::BTreeMap::new()
    }
}

/// Implements [`FromData`] for a struct: `readable!(Name { a, b: default, c as "cKey", d: skip })` lists every
/// field: `default` for a field serde reads with `#[serde(default)]`, `skip` for one it skips (its default),
/// `as "key"` for a key other than the field's name.
macro_rules! readable {
    ($t:ident { $($f:ident $(as $key:literal)? $(: $mode:ident)?),* $(,)? }) => {
        impl $crate::data::FromData for $t {
            fn read(v: &serde_json::Value) -> ::core::result::Result<Self, $crate::data::ReadError> {
                let m = $crate::data::table(v, concat!("struct ", stringify!($t)))?;
                let mut err = None;
                let read = $t { $($f: $crate::data::readable!(@field m, err, $f, [$($key)?], $($mode)?),)* };
                $crate::data::done(read, err)
            }

            fn fallback() -> Self {
                $t { $($f: $crate::data::readable!(@fallback $($mode)?),)* }
            }
        }
    };
    (@field $m:ident, $e:ident, $f:ident, [], ) => { $crate::data::field($m, stringify!($f), &mut $e) };
    (@field $m:ident, $e:ident, $f:ident, [$key:literal], ) => { $crate::data::field($m, $key, &mut $e) };
    (@field $m:ident, $e:ident, $f:ident, [], default) => {
        $crate::data::field_or_default($m, stringify!($f), &mut $e)
    };
    (@field $m:ident, $e:ident, $f:ident, [$key:literal], default) => {
        $crate::data::field_or_default($m, $key, &mut $e)
    };
    (@field $m:ident, $e:ident, $f:ident, [], skip) => { Default::default() };
    (@fallback skip) => { Default::default() };
    (@fallback $($mode:ident)?) => { $crate::data::FromData::fallback() };
}
pub(crate) use readable;

/// Implements [`FromData`] for a unit enum (`Copy`): `readable_enum!(Name { A = "a", B = "b" })`, each variant by
/// the name serde gives it.
macro_rules! readable_enum {
    ($t:ident { $($v:ident = $name:literal),* $(,)? }) => {
        impl $t {
            const READABLE: &'static [$t] = &[$($t::$v),*];
        }

        impl $crate::data::FromData for $t {
            fn read(v: &serde_json::Value) -> ::core::result::Result<Self, $crate::data::ReadError> {
                $crate::data::variant(v, &[$($name),*]).map(|i| Self::READABLE[i])
            }

            fn fallback() -> Self {
                Self::READABLE[0]
            }
        }
    };
}
pub(crate) use readable_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Cmp {
        Gte,
        LessThan,
    }
    readable_enum!(Cmp { Gte = "gte", LessThan = "less-than" });

    #[derive(Debug, PartialEq, Deserialize)]
    struct Param {
        name: String,
        cmp: Cmp,
        value: f64,
        #[serde(default)]
        count: Option<u8>,
        note: Option<String>,
        #[serde(skip)]
        seen: Vec<String>,
    }
    readable!(Param { name, cmp, value, count: default, note, seen: skip });

    #[derive(Debug, PartialEq, Deserialize)]
    struct Entry {
        entry: String,
        #[serde(default)]
        param: Vec<Param>,
        #[serde(default)]
        named: bool,
        #[serde(default, rename = "byCmp")]
        by_cmp: std::collections::BTreeMap<Cmp, u32>,
    }
    readable!(Entry { entry, param: default, named: default, by_cmp as "byCmp": default });

    fn ours(json: &str) -> Result<Entry, String> {
        super::super::parse(json).and_then(|v| Entry::read(&v)).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_serde_reads() {
        for json in [
            r#"{"entry":"3A001","named":true,"param":[{"name":"f","cmp":"gte","value":5},
                {"name":"g","cmp":"less-than","value":0.45,"count":3,"note":"n"}],"byCmp":{"gte":2}}"#,
            r#"{"param":[{"value":1,"cmp":"gte","name":"f","count":null}],"entry":"x","unknown":1}"#,
            r#"{"entry":"x"}"#,
        ] {
            let theirs: Entry = serde_json::from_str(json).expect("serde reads it");
            assert_eq!(ours(json), Ok(theirs), "{json}");
        }
        assert_eq!(ours(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":5}]}"#).unwrap().param[0].value, 5.0);
    }

    #[test]
    fn errors_name_the_place() {
        let e = ours(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1},{"name":"g","cmp":"lq","value":1}]}"#);
        assert_eq!(e.unwrap_err(), "param[2].cmp: unknown variant `lq`, expected one of `gte`, `less-than`");
        assert_eq!(ours(r#"{"param":[]}"#).unwrap_err(), "missing field `entry`");
        let e = ours(r#"{"entry":"x","param":[{"name":"f","value":1}]}"#);
        assert_eq!(e.unwrap_err(), "param[1]: missing field `cmp`");
        let e = ours(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":"5"}]}"#);
        assert_eq!(e.unwrap_err(), r#"param[1].value: invalid type: string "5", expected f64"#);
        let e = ours(r#"{"entry":"x","param":[{"name":"f","cmp":"gte","value":1,"count":300}]}"#);
        assert_eq!(
            e.unwrap_err(),
            "param[1].count: invalid type: integer `300`, expected an unsigned integer in range"
        );
        assert_eq!(ours(r#"["x"]"#).unwrap_err(), "invalid type: sequence, expected struct Entry");
        assert_eq!(
            ours(r#"{"entry":"x","byCmp":{"lt":1}}"#).unwrap_err(),
            "byCmp: unknown variant `lt`, expected one of `gte`, `less-than`"
        );
    }

    /// Under `cfg(test)`, `read_embedded` also reads through serde, so a document the field list reads differently
    /// fails: here a required field that serde's derive reads (`b`) but the field list takes as defaulted.
    #[test]
    fn read_embedded_checks_against_serde() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Two {
            a: u32,
            b: u32,
        }
        impl FromData for Two {
            fn read(v: &Value) -> Result<Self, ReadError> {
                let m = table(v, "struct Two")?;
                let mut err = None;
                let a = field(m, "a", &mut err);
                done(Two { a, b: field_or_default(m, "b", &mut err) }, err)
            }

            fn fallback() -> Self {
                Two { a: 0, b: 0 }
            }
        }
        assert!(read_embedded::<Two>(r#"{"a":1,"b":2}"#).is_ok_and(|t| t.a == 1 && t.b == 2));
        let e = read_embedded::<Two>(r#"{"a":1}"#).expect_err("serde's reader needs b");
        assert_eq!(e.to_string(), "missing field `b`");
        // A key that is not a field is skipped by `FromData`, refused by serde (`deny_unknown_fields`): so a
        // misspelt key in a data file fails the tests that load it.
        assert!(Two::read(&super::super::parse(r#"{"a":1,"b":2,"c":3}"#).unwrap()).is_ok());
        let e = read_embedded::<Two>(r#"{"a":1,"b":2,"c":3}"#).expect_err("under cfg(test), serde refuses c");
        assert!(e.to_string().starts_with("unknown field `c`"), "{e}");
    }
}
