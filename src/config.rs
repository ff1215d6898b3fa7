//! One `Config` for the whole pipeline, with documented defaults. The page and embedders pass overrides as a
//! plain object (`new Screener({ threshold: 0.85 })`); every field is optional.

use serde::{Deserialize, Serialize};

/// The default match threshold: a party whose best score reaches it is a hit. Chosen on the evaluation in
/// `scripts/eval` (see README, "Matching quality"); `matchNames(...).match` uses the same value.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Score (0..1) from which a name match is reported as a hit.
    pub threshold: f64,
    /// Hits at or above this score on a prohibiting or licence list stop the order; hits between `threshold`
    /// and this score ask for review.
    pub stop_threshold: f64,
    /// Most hits returned per party.
    pub max_hits: usize,
    /// Load the embedded demo list when the screener is created.
    pub demo_list: bool,
    /// Largest pasted order accepted, in bytes.
    pub max_order_bytes: usize,
    /// Largest list file accepted, in bytes.
    pub max_list_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: DEFAULT_THRESHOLD,
            stop_threshold: 0.90,
            max_hits: 10,
            demo_list: true,
            max_order_bytes: 1 << 20,
            max_list_bytes: 256 << 20,
        }
    }
}

impl Config {
    /// Checks the values a caller may have set, so a typo fails loudly instead of silently screening nothing.
    pub fn validate(&self) -> crate::Result<()> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if !unit(self.threshold) || !unit(self.stop_threshold) {
            return Err(crate::Error::invalid(format!(
                "config: threshold and stopThreshold must lie in 0..1 (got {} and {})",
                self.threshold, self.stop_threshold
            )));
        }
        if self.max_hits == 0 {
            return Err(crate::Error::invalid("config: maxHits must be at least 1"));
        }
        Ok(())
    }
}
