//! Compacts the readable, cited data files under `src/data/*.toml` for embedding.
//!
//! The TOML files stay the source of truth (reviewed, commented, cited). Here each one is parsed and written to
//! `$OUT_DIR/<name>.json` as minified JSON: comments and layout go, every key and value stays. The crate embeds
//! those (`src/data/mod.rs`) and reads them with serde_json, which it needs anyway for the JSON list formats, so
//! the wasm carries neither the TOML text nor a TOML parser for its own data. The demo list's SHA-256 (shown in
//! its `ListInfo`) is taken of the TOML file here, so it stays the checksum of the file a reader can inspect.

use std::fmt::Write as _;
use std::path::Path;

#[path = "build/unicode.rs"]
mod unicode;

const FILES: &[&str] = &[
    "cities",
    "controls",
    "countries",
    "demo_list",
    "end_use",
    "goods",
    "labels",
    "legal_forms",
    "legal_forms_elf",
    "name_symbols",
    "measures",
    "red_flags",
    "verdict",
    "vocabulary",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/unicode.rs");
    unicode::write(Path::new(&out));
    for name in FILES {
        let src = format!("src/data/{name}.toml");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let value: serde_json::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
        check(&value, &src);
        let json = serde_json::to_string(&value).expect("a TOML document is valid JSON");
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json).expect("write OUT_DIR");
        if *name == "demo_list" {
            use sha2::Digest as _;
            let mut hex = String::with_capacity(64);
            for b in sha2::Sha256::digest(text.as_bytes()) {
                let _ = write!(hex, "{b:02x}");
            }
            std::fs::write(Path::new(&out).join("demo_list.sha256"), hex).expect("write OUT_DIR");
        }
    }
}

/// Refuses what JSON would not carry faithfully: TOML dates and times (they would arrive as a private map), and
/// floats that do not read back to the same bits with serde_json's parser (none today; the values are short
/// decimals such as 0.45).
fn check(v: &serde_json::Value, src: &str) {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                let back: f64 = serde_json::from_str(&n.to_string()).expect("a number reads back");
                assert!(back.to_bits() == f.to_bits(), "{src}: the float {f} does not survive JSON");
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| check(x, src)),
        serde_json::Value::Object(m) => {
            assert!(!m.keys().any(|k| k.starts_with("$__toml")), "{src}: TOML dates are not supported, quote them");
            m.values().for_each(|x| check(x, src));
        }
        _ => {}
    }
}
