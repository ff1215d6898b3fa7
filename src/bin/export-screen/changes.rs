//! What changed in one list between two bundles: entries added, removed and changed, matched by the publisher's
//! id (OFAC ent_num, the CSL's `_id`, the UN reference number, the UK unique id, the EU logical id). An entry
//! without an id is matched by its name and sub-list. Both sides are read from snapshots, so a field the snapshot
//! does not keep can never show as a change.

use std::collections::HashMap;

use export_screen::Entry;
use serde_json::{json, Value};

/// How many entries of each kind the manifest names (the counts are always whole); the page shows them.
pub const LISTED: usize = 100;

#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// (key, name) of entries in the new list only.
    pub added: Vec<(String, String)>,
    /// (key, name) of entries in the previous list only.
    pub removed: Vec<(String, String)>,
    /// (key, name, fields that differ) of entries in both.
    pub changed: Vec<(String, String, Vec<String>)>,
}

/// Keys an entry by its id, or by name and sub-list when it has none; a key seen again gets "#2", "#3", ...
fn keyed(entries: &[Entry]) -> Vec<(String, &Entry)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    entries
        .iter()
        .map(|e| {
            let base = if e.id.trim().is_empty() { format!("{} ({})", e.name, e.list_code) } else { e.id.clone() };
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            (if *n == 1 { base } else { format!("{base}#{n}") }, e)
        })
        .collect()
}

/// The fields (as the JSON model names them) whose values differ.
fn fields_differing(a: &Entry, b: &Entry) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return vec!["entry".into()];
    };
    let mut out: Vec<String> =
        a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).map(|k| k.to_string()).collect();
    out.sort();
    out.dedup();
    out
}

/// Compares two versions of one list, in the new list's order (removed ones in the old list's order).
pub fn compare(old: &[Entry], new: &[Entry]) -> Changes {
    let old_keyed = keyed(old);
    let new_keyed = keyed(new);
    let old_by: HashMap<&str, &Entry> = old_keyed.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    let new_by: HashMap<&str, &Entry> = new_keyed.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    let mut c = Changes::default();
    for (k, e) in &new_keyed {
        match old_by.get(k.as_str()) {
            None => c.added.push((k.clone(), e.name.clone())),
            Some(o) if *o != *e => c.changed.push((k.clone(), e.name.clone(), fields_differing(o, e))),
            Some(_) => {}
        }
    }
    for (k, e) in &old_keyed {
        if !new_by.contains_key(k.as_str()) {
            c.removed.push((k.clone(), e.name.clone()));
        }
    }
    c
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The manifest's `changes`: counts, and the first [`LISTED`] entries of each kind by id and name.
    pub fn to_json(&self, since: Option<&str>) -> Value {
        let pairs = |v: &[(String, String)]| -> Vec<Value> {
            v.iter().take(LISTED).map(|(id, name)| json!({"id": id, "name": name})).collect()
        };
        let changed: Vec<Value> = self
            .changed
            .iter()
            .take(LISTED)
            .map(|(id, name, fields)| json!({"id": id, "name": name, "fields": fields}))
            .collect();
        json!({
            "first": false, "since": since,
            "added": self.added.len(), "removed": self.removed.len(), "changed": self.changed.len(),
            "addedEntries": pairs(&self.added), "removedEntries": pairs(&self.removed), "changedEntries": changed,
        })
    }

    /// "3 added, 1 removed, 2 changed" or "no change".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [(self.added.len(), "added"), (self.removed.len(), "removed"), (self.changed.len(), "changed")]
        {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if self.is_empty() {
            "no change".into()
        } else {
            parts.join(", ")
        }
    }

    /// One line per entry for the command's summary, at most `max` of each kind.
    pub fn lines(&self, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut kind = |sign: &str, items: Vec<String>| {
            let n = items.len();
            out.extend(items.into_iter().take(max).map(|s| format!("    {sign} {s}")));
            if n > max {
                out.push(format!("    {sign} ... and {} more (manifest.json lists the first {LISTED})", n - max));
            }
        };
        kind("+", self.added.iter().map(|(k, n)| format!("{k}  {n}")).collect());
        kind("-", self.removed.iter().map(|(k, n)| format!("{k}  {n}")).collect());
        kind("~", self.changed.iter().map(|(k, n, f)| format!("{k}  {n}  ({})", f.join(", "))).collect());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str) -> Entry {
        Entry { id: id.into(), name: name.into(), list_code: "SDN".into(), ..Default::default() }
    }

    #[test]
    fn compare_matches_by_publisher_id_and_names_the_fields_changed() {
        let old = vec![entry("1", "ALPHA"), entry("2", "BRAVO"), entry("3", "CHARLIE")];
        let mut renamed = entry("2", "BRAVO LTD");
        renamed.programs = vec!["IRAN".into()];
        let new = vec![entry("1", "ALPHA"), renamed, entry("4", "DELTA")];
        let c = compare(&old, &new);
        assert_eq!(c.added, [("4".to_string(), "DELTA".to_string())]);
        assert_eq!(c.removed, [("3".to_string(), "CHARLIE".to_string())]);
        assert_eq!(c.changed, [("2".to_string(), "BRAVO LTD".to_string(), vec!["name".into(), "programs".into()])]);
        assert_eq!(c.summary(), "1 added, 1 removed, 1 changed");
        let j = c.to_json(Some("2026-12-01T00:00:00Z"));
        assert_eq!((j["added"].as_u64(), j["changedEntries"][0]["fields"][1].as_str()), (Some(1), Some("programs")));
    }

    #[test]
    fn compare_keys_entries_without_an_id_by_name_and_repeats_by_count() {
        let old = vec![entry("", "ALPHA"), entry("7", "X"), entry("7", "Y")];
        let new = vec![entry("", "ALPHA"), entry("7", "X"), entry("7", "Y"), entry("7", "Z")];
        let c = compare(&old, &new);
        assert_eq!(c.added, [("7#3".to_string(), "Z".to_string())]);
        assert!(c.removed.is_empty() && c.changed.is_empty());
        assert!(compare(&new, &new).is_empty());
        assert_eq!(compare(&new, &new).summary(), "no change");
    }
}
