//! The only WebAssembly boundary. Each export reads its input as JSON data with the crate's data reader, makes one
//! call into the plain-Rust core, and gives the result back as JSON text parsed by the engine; every error crosses
//! as a JS `Error` with the core's message. The TypeScript declarations below are written by hand and mirror `src/report.rs`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::data::{readable, FromData};
use crate::lists::model::LoadOptions;
use crate::order::Order;
use crate::screener::{self, NameKind, OrderInput, PartyQuery};
use crate::Config;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type Verdict = "clear" | "review" | "stop";
export type Effect = "prohibition" | "licenceRequired" | "redFlag";
export type EntityKind = "person" | "organization" | "vessel" | "aircraft" | "unknown";

export interface Config {
  /** Score (0..1) from which a name match is a hit. Default 0.80. */
  threshold?: number;
  /** Hits at or above this score on a prohibiting or licence list stop the order. Default 0.90. */
  stopThreshold?: number;
  /** Most hits per party. Default 10. */
  maxHits?: number;
  /** Load the embedded demo list. Default true. */
  demoList?: boolean;
  /** Largest pasted order in bytes. Default 1 MiB. */
  maxOrderBytes?: number;
  /** Largest list file in bytes. Default 256 MiB. */
  maxListBytes?: number;
  /** Longest name, address or country of a party screened, in bytes. Default 4096. */
  maxFieldBytes?: number;
  /** Most parties in one screenParties / screenPartiesCompact call; default rows of parseParties. Default 200,000. */
  maxBatchRows?: number;
}

export interface LoadOptions {
  /** The file name: a hint for format detection, and named in error messages. */
  filename?: string;
  /** Force a format ("csl-csv", "ofac-sdn-csv", …) instead of detecting it. */
  format?: string;
  /** Display name for the list. */
  name?: string;
  /** Publication date (YYYY-MM-DD) for a file that carries none, e.g. the day it was downloaded. A date read
   * from the file itself takes precedence. */
  published?: string;
}

/** Where a list's date comes from: stated in the file, the newest listing date among its entries (the file states
 * none), given at load (`LoadOptions.published`), or unknown. */
export type DateBasis = "file" | "entries" | "user" | "unknown";
/** The date a list speaks for (YYYY-MM-DD; null exactly when the basis is "unknown"). */
export interface AsOf { date: string | null; basis: DateBasis; }

export interface ListInfo {
  id: string; name: string; format: string; entries: number; names: number;
  /** The publication date the file states, or else the one given at load. */
  published?: string;
  /** The date to judge the list's age by, and its basis. */
  asOf: AsOf;
  sha256: string; demo: boolean; files: string[];
  /** What loading changed without refusing the file, one message per case naming the entry (a name longer than
   * the limit was cut). Absent when nothing was changed. */
  warnings?: string[];
}

export interface TokenPair { query: string; listed: string; similarity: number; how: string; weight: number; key?: string; }
export interface Ignored { token: string; reason: string; side: "query" | "listed"; }
export type IdentifierKind = "imo" | "registration" | "tax" | "lei" | "passport" | "nationalId" | "bic" | "other";
/** An identifier written in the order compared with a listed entry's (evidence of kind "identifier"). */
export interface IdentifierEvidence {
  kind: IdentifierKind;
  /** As written in the order (label and value), with its byte offsets. */
  written: Span;
  /** The normalised value compared: letters and digits, upper case, an IMO number without "IMO". */
  value: string;
  /** The listed identifier as published (the equal one; for a disagreeing one, the entry's of that kind). */
  listed: string;
  /** The identifier type as the list publishes it ("Tax ID No.", "Vessel Registration Identification"). */
  listedType: string;
  /** The list's display name and the entry's id on it. */
  list: string; entryId: string;
  /** The public source of the identifier kind. */
  citation: string;
}
export interface Evidence {
  /** "country", "address", "weak", "identifier", "text". */
  kind: string; supports: boolean; detail: string; adjustment: number;
  /** For kind "identifier": which identifier, from which list. Absent otherwise. */
  identifier?: IdentifierEvidence;
}
export interface Explanation {
  matchedName: string; matchedAlias: "aka" | "fka" | "nka" | "variant" | "derived" | null;
  aliasStrength: "strong" | "weak" | "unknown" | null;
  pairs: TokenPair[]; unmatchedQuery: string[]; unmatchedListed: string[]; ignored: Ignored[];
  evidence: Evidence[]; nameScore: number; summary: string;
}

export interface Hit {
  listId: string; list: string; listCode: string; source: string; effect: Effect;
  entryId: string; name: string; matchedName: string; score: number; type: EntityKind;
  aliases: string[]; countries: string[]; addresses: string[]; programs: string[];
  remarks: string | null; licenseRequirement: string | null; licensePolicy: string | null;
  federalRegister: string | null; sourceUrl: string | null; startDate: string | null;
  explanation: Explanation;
  /** The reviewer's decision in force on this hit (`Screener.setDecisions`); absent when none. */
  decision?: Decision;
  /** A decision on this hit that expired before the day decisions are judged on: it applies nowhere. */
  expiredDecision?: Decision;
  /** Every list and entry that lists this party, this hit's own first: the CSL's copies of one party, its SDN row
   * and the same entry of sdn.csv, a demo entry and its official copy are one hit. A decision on any of them
   * covers the hit; the verdict counts the strongest effect among them. */
  listings: Listing[];
}

/** One list entry of a listed party. */
export interface Listing {
  listId: string; list: string; entryId: string; source: string; programs: string[];
  listCode: string; effect: Effect; name: string;
}

export type DecisionKind = "false-positive" | "confirmed";
/**
 * A reviewer's decision on one hit. It covers a later hit when `entryId` is the hit's, `listId` is the hit's
 * `listId` or its list's `format` ("csl-csv", stable across sessions), the party's name is the same once
 * normalised (case, accents, punctuation, legal forms, transliteration), and — when the decision gives a country —
 * the party's country is the same ISO code (a decision without a country covers the name in any country).
 * A false positive sets the hit aside; a confirmed match counts as a certain match.
 */
export interface Decision {
  party: string | { name: string; country?: string | null; address?: string | null };
  entryId: string;
  listId: string;
  kind: DecisionKind;
  /** Why (required by the page for a false positive). */
  note?: string;
  /** Who decided. */
  by?: string;
  /** Last day (YYYY-MM-DD) the decision is in force; absent or null: no expiry. */
  expires?: string | null;
  /** When it was decided (ISO date or date-time), for the record. */
  decidedAt?: string;
  /** For a false positive on a strong stop-list match: the reason given at the second confirmation. */
  strongMatchReason?: string;
  /** For the record: the listed name and the list's name when it was decided. */
  listedName?: string;
  list?: string;
  /** An identifier of the caller's choosing, returned as given on the hits it covers. */
  id?: string;
}

export interface PartyQuery { name: string; address?: string; country?: string; }
/** The best hit of a party without its explanation (`screenPartiesCompact`). */
export interface BriefHit {
  listId: string; listCode: string; entryId: string; name: string; matchedName: string; score: number; effect: Effect;
  /** The reviewer's decision in force on this hit, if any. */
  decision?: Decision;
}
/** `setAside`: of the `hits`, how many a false-positive decision in force sets aside. */
export interface PartyBrief { hits: number; best: BriefHit | null; setAside: number; }
/** `decisionsAsOf`: the day decisions were judged on, when the screener has decisions. */
export interface PartyResult { hits: Hit[]; threshold: number; decisionsAsOf?: string; }
export interface NameMatch { score: number; match: boolean; threshold: number; explanation: Explanation; }

export interface Span { text: string; start: number | null; end: number | null; }
export interface Party {
  role: string; name: string; address?: string | null; country?: string | null; span?: Span | null;
  /** Words the text uses about the party ("our forwarder"). */
  descriptor?: string | null;
  /** How the party was read: "label", "table", "prose", "signature" (empty for a caller's object). */
  readFrom?: string;
}
export interface Parameter { name: string; value: number; unit: string; text: string; comparator?: "<" | "<=" | ">" | ">=" | null; }
export interface Item {
  description: string; quantity?: string | null; hs?: string | null; parameters?: Parameter[]; span?: Span | null;
  quantityValue?: number | null; unit?: string | null;
}
export interface Field { key: string; label: string; value: string; span?: Span | null; }
export interface Order {
  parties: Party[]; items: Item[]; destination?: string | null; endUse?: string | null;
  payment?: string | null; delivery?: string | null; text?: string | null;
  /** Transit countries named in the routing ("via Dubai"). */
  via?: string[];
  /** Every labelled value read from the text. */
  fields?: Field[];
  [key: string]: unknown;
}

export interface ControlMatch {
  entry: string; title: string; regimes: string[]; eccn: string[]; confidence: number; why: string[];
  parameterCheck: string | null; controlled: boolean | null; citation: string;
  /** The threshold behind this entry is marked [verify] in the catalogue. */
  verify: boolean;
  [key: string]: unknown;
}
export interface ItemReport {
  description: string; hs: string | null; quantity: string | null; controls: ControlMatch[];
  span: Span | null; parameters: Parameter[]; [key: string]: unknown;
}
export interface Flag {
  code: string; severity: "stop" | "review" | "info"; message: string; evidence: Span[]; citation: string;
  /** What to do about it. */
  action: string | null; [key: string]: unknown;
}
export interface Reason {
  verdict: Verdict; code: string; message: string; citation: string; evidence: Span[];
  /** For a list hit ("party.*"): the index of the party in `Report.parties`. */
  party?: number;
  /** Present when a reviewer's decision changed this reason: its verdict after the decisions ("clear": cleared). */
  afterDecisions?: Verdict;
  [key: string]: unknown;
}
export interface PartyReport {
  /** "buyer", "consignee", "endUser", ... as read by the parser; "namedInText" for a listed name found written in
   * the text that no parsed party carries (the safety net under the parser): its `span` is where, its hits why. */
  role: string; name: string; country: string | null; address: string | null; hits: Hit[]; span: Span | null;
}

export interface BatchRow { line: number; query: PartyQuery; cells: string[]; }
export interface PartiesFile {
  headers: string[]; nameColumn: string; countryColumn: string | null; addressColumn: string | null;
  /** Every column the address was read from (street, postal code, city), joined in this order. */
  addressColumns: string[];
  rows: BatchRow[]; skipped: number;
}

/** One thing a screening run checked (`Report.checks`). */
export interface Check {
  code: "parties" | "text" | "items" | "destination" | "endUse" | "rules" | string; what: string; count: number;
  /** Whether it covered everything it should have (false: see the flags, e.g. "order.no-recipient"). */
  complete: boolean;
}
export interface Report {
  schemaVersion: number; verdict: Verdict; reasons: Reason[]; parties: PartyReport[];
  items: ItemReport[]; flags: Flag[]; lists: ListInfo[]; order: Order; threshold: number; version: string;
  /** The verdict once the reviewer's decisions are applied; equals `verdict` when none applies. */
  verdictAfterDecisions: Verdict;
  /** The day the decisions were judged on (expiry), when the screener has decisions. */
  decisionsAsOf?: string;
  /** What was checked, so a reader sees what the verdict rests on. */
  checks: Check[];
}
"#;

/// Writes a result as JSON text and lets the engine's `JSON.parse` build the JS value: the JS-visible value is what
/// serde-wasm-bindgen's JSON-compatible serializer gave (`null` for `None`, objects for maps, every f64 exact: the
/// text is the shortest that reads back to the same number), each output type's writing is compiled once, for
/// serde_json (which the order-size check also uses), and one string crosses the boundary instead of one call per
/// field.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    parse_json(serde_json::to_string(value))
}

fn parse_json(json: serde_json::Result<String>) -> Result<JsValue, JsValue> {
    let json = json.map_err(|e| into_error(format!("internal: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| into_error("internal: the result is not JSON"))
}

/// Turns any error into a JS `Error` carrying its message.
fn into_error(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

/// Reads a JS value into `T` with the crate's one data reader (`crate::data`'s `FromData`, which the data files
/// also use), over the value as JSON data: no serde deserializer for the inputs in the wasm. Errors name the field
/// (`screenParty: name: invalid type: integer `5`, expected a string`).
fn from_js<T: FromData>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let json = json_of(&value, what)?;
    crate::data::read_input(&json).map_err(|e| read_error(what, &e))
}

/// [`from_js`] for an array, one element at a time: the JSON form of one element is held at once, not of all
/// (a batch of 200,000 parties or results). With `names`, an element that is a string is read as `{name: string}`
/// (a party given by its name).
fn from_js_each<T: FromData>(value: JsValue, what: &str, names: bool) -> Result<Vec<T>, JsValue> {
    if !js_sys::Array::is_array(&value) {
        return Err(into_error(format!("{what}: expected an array")));
    }
    let mut out = Vec::new();
    for (i, v) in value.unchecked_ref::<js_sys::Array>().iter().enumerate() {
        let json = element_json(&v, i, what, names)?;
        out.push(crate::data::read_input(&json).map_err(|e| read_error(what, &e.in_element(i + 1)))?);
    }
    Ok(out)
}

/// Element `i` of [`from_js_each`] as JSON data.
fn element_json(v: &JsValue, i: usize, what: &str, names: bool) -> Result<serde_json::Value, JsValue> {
    if let Some(name) = v.as_string().filter(|_| names) {
        return Ok(serde_json::Value::Object(
            [("name".to_string(), serde_json::Value::String(name))].into_iter().collect(),
        ));
    }
    to_json(v, 1).map_err(|(path, m)| json_error(what, &join(format!("[{}]", i + 1), path), &m))
}

#[cold]
#[inline(never)]
fn read_error(what: &str, e: &crate::data::ReadError) -> JsValue {
    into_error(format!("{what}: {e}"))
}

#[cold]
#[inline(never)]
fn json_error(what: &str, path: &str, message: &str) -> JsValue {
    match path.is_empty() {
        true => into_error(format!("{what}: {message}")),
        false => into_error(format!("{what}: {path}: {message}")),
    }
}

/// A JS value as JSON data: properties that are `undefined`, functions or symbols are left out (as `JSON.stringify`
/// does) and `undefined` array elements are `null`; strings are read as wasm-bindgen reads them (a lone surrogate
/// becomes U+FFFD). What JSON cannot carry is an error naming where it is: BigInt, a function or symbol given as a
/// value, Maps, Sets and other iterables, `NaN` and infinities, and nesting deeper than [`MAX_DEPTH`] (a cyclic
/// object).
fn json_of(value: &JsValue, what: &str) -> Result<serde_json::Value, JsValue> {
    to_json(value, 0).map_err(|(path, message)| json_error(what, &path, &message))
}

/// `outer` then `inner`, as the data reader writes a path (`parties[2].name`); "…" (too deep) stays as it is.
fn join(outer: String, inner: String) -> String {
    match inner.is_empty() {
        true => outer,
        false if inner.starts_with('…') => inner,
        false if inner.starts_with('[') => outer + &inner,
        false => outer + "." + &inner,
    }
}

/// How deep an input may nest (an order object is 4 levels deep, a party result 5).
const MAX_DEPTH: usize = 32;

/// [`json_of`]; the error is (path, message), the path written as the data reader writes it (`parties[2].name`).
fn to_json(v: &JsValue, depth: usize) -> Result<serde_json::Value, (String, String)> {
    use serde_json::Value;
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(n) = v.as_f64() {
        // Integers as integers (the reader's integer fields take only those), the rest as floats.
        return match n == n.trunc() && n.abs() <= 9_007_199_254_740_991.0 {
            true if n >= 0.0 => Ok(Value::from(n as u64)),
            true => Ok(Value::from(n as i64)),
            false => serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or_else(|| (String::new(), "NaN or an infinity where a finite number is expected".to_string())),
        };
    }
    let fail = |message: &str| Err((String::new(), message.to_string()));
    if depth >= MAX_DEPTH {
        // No path: a cycle's would be the same key 32 times.
        return Err(("…".to_string(), "nested more than 32 levels deep (a cyclic object?)".to_string()));
    }
    if js_sys::Array::is_array(v) {
        let mut items = Vec::new();
        for (i, x) in v.unchecked_ref::<js_sys::Array>().iter().enumerate() {
            items.push(to_json(&x, depth + 1).map_err(|(path, m)| (join(format!("[{}]", i + 1), path), m))?);
        }
        return Ok(Value::Array(items));
    }
    if v.is_bigint() {
        return fail("a BigInt (give a number)");
    }
    if v.is_function() {
        return fail("a function where data is expected");
    }
    if !v.is_object() {
        return fail("a symbol where data is expected");
    }
    if js_sys::Symbol::iterator().js_in(v) {
        return fail("a Map, Set or other iterable object (give an array or a plain object)");
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    let mut map = serde_json::Map::new();
    for key in js_sys::Object::keys(obj).iter() {
        let k = key.as_string().unwrap_or_default();
        let x = js_sys::Reflect::get(obj, &key).map_err(|_| (k.clone(), "could not be read".to_string()))?;
        // Left out as `JSON.stringify` leaves them out: a method or symbol beside the data is not an error (the type
        // reads its fields; a missing required one is).
        if x.is_undefined() || x.is_function() || x.is_symbol() {
            continue;
        }
        let x = to_json(&x, depth + 1).map_err(|(path, m)| (join(k.clone(), path), m))?;
        map.insert(k, x);
    }
    Ok(Value::Object(map))
}

fn optional<T: FromData + Default>(value: Option<JsValue>, what: &str) -> Result<T, JsValue> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, what),
        _ => Ok(T::default()),
    }
}

/// Screens parties and orders against the loaded lists (the embedded demo list, unless `{demoList: false}`).
#[wasm_bindgen]
pub struct Screener {
    inner: screener::Screener,
}

#[wasm_bindgen]
impl Screener {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Config")] config: Option<JsValue>) -> Result<Screener, JsValue> {
        // The reader skips the fields a type does not know, so a misspelt option would be ignored silently:
        // compare the keys with those of the default config first.
        if let Some(config) = config.as_ref().filter(|c| c.is_object()) {
            let known = js_sys::Object::keys(&js_sys::Object::from(to_js(&Config::default())?));
            for key in js_sys::Object::keys(&js_sys::Object::from(config.clone())).iter() {
                if !known.includes(&key, 0) {
                    let list: Vec<String> = known.iter().filter_map(|k| k.as_string()).collect();
                    return Err(into_error(format!(
                        "config: unknown option \"{}\" (known: {})",
                        key.as_string().unwrap_or_default(),
                        list.join(", ")
                    )));
                }
            }
        }
        let config: Config = optional(config, "config")?;
        screener::Screener::new(config).map(|inner| Screener { inner }).map_err(into_error)
    }

    /// Parses a list file locally and adds it; on error the loaded lists stay as they were.
    #[wasm_bindgen(js_name = loadList, unchecked_return_type = "ListInfo")]
    pub fn load_list(
        &mut self,
        // Owned, so that the copy of the file in wasm memory is freed before the list is indexed.
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | number[]")] bytes: Vec<u8>,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions")] opts: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let opts: LoadOptions = optional(opts, "loadList options")?;
        let info = self.inner.load_list_owned(bytes, &opts).map_err(into_error)?;
        to_js(&info)
    }

    #[wasm_bindgen(unchecked_return_type = "ListInfo[]")]
    pub fn lists(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.lists())
    }

    /// Loads the embedded demo list again, after `removeList("demo")` set it aside.
    #[wasm_bindgen(js_name = addDemoList, unchecked_return_type = "ListInfo")]
    pub fn add_demo_list(&mut self) -> Result<JsValue, JsValue> {
        let info = self.inner.add_demo_list().map_err(into_error)?;
        to_js(&info)
    }

    #[wasm_bindgen(js_name = removeList)]
    pub fn remove_list(&mut self, id: &str) -> Result<(), JsValue> {
        self.inner.remove_list(id).map_err(into_error)
    }

    /// Screens one party: `{name, address?, country?}` or just a name.
    #[wasm_bindgen(js_name = screenParty, unchecked_return_type = "PartyResult")]
    pub fn screen_party(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PartyQuery | string")] party: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q: PartyQuery = match party.as_string() {
            Some(name) => PartyQuery { name, ..PartyQuery::default() },
            None => from_js(party, "screenParty")?,
        };
        to_js(&self.inner.try_screen_party(&q).map_err(|e| into_error(e.context("screenParty")))?)
    }

    /// Screens an order given as pasted text or as an order object (e.g. `report.order`, corrected by the user).
    #[wasm_bindgen(js_name = screenOrder, unchecked_return_type = "Report")]
    pub fn screen_order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let input = match order.as_string() {
            Some(text) => OrderInput::Text(text),
            None => OrderInput::Order(from_js::<Order>(order, "screenOrder")?),
        };
        let report = self.inner.screen_order(&input).map_err(into_error)?;
        to_js(&report)
    }

    /// Benchmark baseline: Jaro-Winkler of `name` against every indexed name (no index), as
    /// `{ name, similarity }` of the best one. Not for screening: it exists so benchmarks can compare, and is built
    /// only with the `bench` feature (`scripts/build.sh --bench`, into `target/bench-pkg/`).
    #[cfg(feature = "bench")]
    #[wasm_bindgen(js_name = benchBruteForce, unchecked_return_type = "{ name: string, similarity: number } | null")]
    pub fn bench_brute_force(&self, name: &str) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Best {
            name: String,
            similarity: f64,
        }
        to_js(&self.inner.brute_force(name).map(|(name, similarity)| Best { name, similarity }))
    }

    /// Screens many parties in one call (batch screening in a Web Worker): one result per party, in order.
    #[wasm_bindgen(js_name = screenParties, unchecked_return_type = "PartyResult[]")]
    pub fn screen_parties(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PartyQuery[]")] parties: JsValue,
    ) -> Result<JsValue, JsValue> {
        let qs: Vec<PartyQuery> = from_js_each(parties, "screenParties", false)?;
        to_js(&self.inner.screen_parties(&qs).map_err(|e| into_error(e.context("screenParties")))?)
    }

    /// A compact binary snapshot of one loaded list, which `loadList` accepts back (to keep lists in IndexedDB, or
    /// to hand them to a Web Worker without parsing the official file again).
    #[wasm_bindgen]
    pub fn snapshot(&self, id: &str) -> Result<Vec<u8>, JsValue> {
        self.inner.snapshot(id).map_err(into_error)
    }

    /// Batch screening for throughput (a Web Worker over a parties file): per party, only the number of hits and
    /// the best one (`{hits, best: {listId, listCode, entryId, name, matchedName, score, effect} | null}`), without
    /// explanations. `hits` and `best` equal `screenParty(p).hits.length` and its first hit; call `screenParty`
    /// for the full result of a row the user opens.
    #[wasm_bindgen(js_name = screenPartiesCompact, unchecked_return_type = "PartyBrief[]")]
    pub fn screen_parties_compact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(PartyQuery | string)[]")] parties: JsValue,
    ) -> Result<JsValue, JsValue> {
        let qs: Vec<PartyQuery> = from_js_each(parties, "screenPartiesCompact", true)?;
        to_js(&self.inner.screen_parties_brief(&qs).map_err(|e| into_error(e.context("screenPartiesCompact")))?)
    }

    /// Replaces the reviewer's decisions; every screening that follows applies them (`hit.decision`,
    /// `verdictAfterDecisions`). `asOf` (YYYY-MM-DD) is the day they are judged on, for expiry; without it, today's
    /// date in the local time zone when this is called.
    #[wasm_bindgen(js_name = setDecisions)]
    pub fn set_decisions(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Decision[]")] decisions: JsValue,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
    ) -> Result<(), JsValue> {
        if !js_sys::Array::is_array(&decisions) {
            return Err(into_error("setDecisions: expected an array of decisions"));
        }
        let mut list = Vec::new();
        for (i, d) in decisions.unchecked_ref::<js_sys::Array>().iter().enumerate() {
            // An unknown field is refused by the reader (`Decision` denies unknown fields).
            list.push(from_js::<crate::Decision>(d, &format!("setDecisions: decision {}", i + 1))?);
        }
        let as_of = as_of.unwrap_or_else(|| {
            let now = js_sys::Date::new_0();
            format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
        });
        self.inner.set_decisions(list, &as_of).map_err(|e| into_error(format!("setDecisions: {e}")))
    }

    /// Sets the match threshold (0..1) for the screenings that follow; reports record the threshold used.
    #[wasm_bindgen(js_name = setThreshold)]
    pub fn set_threshold(&mut self, threshold: f64) -> Result<(), JsValue> {
        self.inner.set_threshold(threshold).map_err(|e| into_error(format!("setThreshold: {e}")))
    }

    /// The configuration in force (defaults merged with the constructor's overrides).
    #[wasm_bindgen(unchecked_return_type = "Required<Config>")]
    pub fn config(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.config())
    }
}

#[derive(Default)]
struct MatchOptions {
    kind: NameKind,
}
readable!(MatchOptions { kind: default });

/// Scores two names with the same scorer the screener uses; `match` applies the default threshold.
#[wasm_bindgen(js_name = matchNames, unchecked_return_type = "NameMatch")]
pub fn match_names(
    a: &str,
    b: &str,
    #[wasm_bindgen(unchecked_param_type = "{ kind?: 'person' | 'organization' | 'any' }")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts: MatchOptions = optional(opts, "matchNames options")?;
    to_js(&screener::try_match_names(a, b, opts.kind).map_err(|e| into_error(e.context("matchNames")))?)
}

/// Reads a parties file (CSV, semicolon- or tab-separated, with a header row) for batch screening.
#[wasm_bindgen(js_name = parseParties, unchecked_return_type = "PartiesFile")]
pub fn parse_parties(text: &str, max_rows: Option<u32>) -> Result<JsValue, JsValue> {
    let defaults = Config::default();
    let config = Config { max_batch_rows: max_rows.map_or(defaults.max_batch_rows, |m| m as usize), ..defaults };
    to_js(&crate::batch::parse_parties(text, &config).map_err(into_error)?)
}

/// What the CSV exports read of a party's result (a `PartyResult` as `screenParty`/`screenParties` return it): its
/// hits' list, entry, names, score, effect and decisions, and the threshold. The rest of a hit (explanation,
/// aliases, addresses, listings, ...) is not read, so the wasm holds no reader for those types, which nothing else
/// reads from JS.
struct CsvResult {
    hits: Vec<CsvHit>,
    threshold: f64,
}
readable!(CsvResult { hits, threshold });

struct CsvHit {
    list: String,
    list_code: String,
    effect: crate::lists::model::Effect,
    entry_id: String,
    name: String,
    matched_name: String,
    score: f64,
    decision: Option<crate::Decision>,
    expired_decision: Option<crate::Decision>,
}
readable!(CsvHit {
    list,
    list_code as "listCode",
    effect,
    entry_id as "entryId",
    name,
    matched_name as "matchedName",
    score,
    decision,
    expired_decision as "expiredDecision",
});

/// What the CSV exports read of a parties file (a `PartiesFile` as `parseParties` returns it): its headers and the
/// cells of its rows.
struct CsvFile {
    headers: Vec<String>,
    rows: Vec<CsvRow>,
}
readable!(CsvFile { headers, rows });

struct CsvRow {
    cells: Vec<String>,
}
readable!(CsvRow { cells });

/// The parties file for the CSV writers, from what they read.
fn csv_file(file: JsValue, what: &str) -> Result<crate::batch::PartiesFile, JsValue> {
    let file: CsvFile = from_js(file, what)?;
    let row = |r: CsvRow| crate::batch::BatchRow { cells: r.cells, ..Default::default() };
    Ok(crate::batch::PartiesFile {
        headers: file.headers,
        rows: file.rows.into_iter().map(row).collect(),
        ..Default::default()
    })
}

/// The results for the CSV writers, from what they read.
fn csv_results(results: JsValue, what: &str) -> Result<Vec<crate::report::PartyResult>, JsValue> {
    let results: Vec<CsvResult> = from_js_each(results, what, false)?;
    let hit = |h: CsvHit| crate::report::Hit {
        list_id: String::new(),
        list: h.list,
        list_code: h.list_code,
        source: String::new(),
        effect: h.effect,
        entry_id: h.entry_id,
        name: h.name,
        matched_name: h.matched_name,
        score: h.score,
        kind: Default::default(),
        aliases: Vec::new(),
        countries: Vec::new(),
        addresses: Vec::new(),
        programs: Vec::new(),
        remarks: None,
        license_requirement: None,
        license_policy: None,
        federal_register: None,
        source_url: None,
        start_date: None,
        explanation: Default::default(),
        decision: h.decision,
        expired_decision: h.expired_decision,
        listings: Vec::new(),
    };
    let result = |r: CsvResult| crate::report::PartyResult {
        hits: r.hits.into_iter().map(hit).collect(),
        threshold: r.threshold,
        decisions_as_of: None,
    };
    Ok(results.into_iter().map(result).collect())
}

/// Writes a parties file with its results as CSV (formula-like cells neutralised).
#[wasm_bindgen(js_name = batchResultsCsv)]
pub fn batch_results_csv(
    #[wasm_bindgen(unchecked_param_type = "PartiesFile")] file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PartyResult[]")] results: JsValue,
) -> Result<String, JsValue> {
    let file = csv_file(file, "batchResultsCsv file")?;
    let results = csv_results(results, "batchResultsCsv results")?;
    crate::batch::results_csv(&file, &results).map_err(into_error)
}

/// Writes a parties file with every hit (not only the best) and the reviewer's decision on each, as CSV
/// (formula-like cells neutralised).
#[wasm_bindgen(js_name = batchHitsCsv)]
pub fn batch_hits_csv(
    #[wasm_bindgen(unchecked_param_type = "PartiesFile")] file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PartyResult[]")] results: JsValue,
) -> Result<String, JsValue> {
    let file = csv_file(file, "batchHitsCsv file")?;
    let results = csv_results(results, "batchHitsCsv results")?;
    crate::decisions::hits_csv(&file, &results).map_err(into_error)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The default configuration.
#[wasm_bindgen(js_name = defaultConfig, unchecked_return_type = "Required<Config>")]
pub fn default_config() -> Result<JsValue, JsValue> {
    to_js(&Config::default())
}
