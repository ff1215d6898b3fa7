//! # export-screen
//!
//! Export-control screening that runs where the order is: a plain-Rust core, compiled to WebAssembly for a static
//! page (`src/wasm.rs` is the only boundary), and natively for tests, benchmarks and the command line.
//!
//! Data flows one way, one module per stage, each a pure function of its inputs:
//!
//! ```text
//! order text ─▶ order (parse) ─▶ normalize ─▶ index (candidates) ─▶ score ─▶ rules ─▶ verdict ─▶ report ─▶ decisions
//!                                    ▲             ▲
//!            list files ─▶ lists ────┴─────────────┘   (every name and alias, normalised once at load)
//! ```
//!
//! - [`order`]: pasted text or an order object → parties with roles, items, destination, end use.
//! - [`normalize`]: Unicode folding, transliteration, legal forms and honorifics, tokens.
//! - [`lists`]: official list formats → one [`Entry`] model.
//! - `mentions`: the safety net under the parser: every listed name written anywhere in the pasted text, found
//!   through the index, becomes a party "named in the text" when no parsed party carries it.
//! - [`index`]: candidate generation (tokens, phonetic keys, one-edit neighbourhoods, acronyms).
//! - [`score`]: token alignment with learnt weights → a calibrated 0..1 score and its [`Explanation`].
//! - [`rules`]: control-list catalogue, end use, destination, red flags (rules are cited data files).
//! - [`checks`]: what was checked, and a review when no buyer, consignee or end user could be read (a clear
//!   verdict must be earned).
//! - [`verdict`]: clear / review / stop with every reason.
//! - [`report`]: the types an embedder sees.
//! - [`decisions`]: a reviewer's decisions on hits (false positive, confirmed match), applied to every result.
//!
//! [`Screener`] holds the loaded lists and their index; [`match_names`] scores two names with the same scorer.
#![forbid(unsafe_code)]

pub mod batch;
pub mod checks;
pub mod config;
mod data;
pub mod decisions;
pub mod error;
pub mod geo;
pub mod index;
pub mod listings;
pub mod lists;
mod mentions;
pub mod normalize;
pub mod order;
pub mod report;
pub mod rules;
pub mod score;
mod screener;
pub mod snapshot;
mod sort;
pub mod text;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::{Config, DEFAULT_THRESHOLD};
pub use decisions::{Decision, DecisionKind, DecisionParty};
pub use error::{Error, ErrorKind, Result};
pub use lists::model::{Entry, ListInfo, LoadOptions, ParsedList, Shared};
pub use order::Order;
pub use report::{Explanation, Hit, NameMatch, PartyResult, Report, Verdict};
pub use screener::{match_names, try_match_names, BriefHit, NameKind, OrderInput, PartyBrief, PartyQuery, Screener};

/// The crate version, reported in every report and by `version()` in JS.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
