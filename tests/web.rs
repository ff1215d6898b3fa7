//! The same cases as the native tests, in headless Chromium through wasm-bindgen-test: same answers in the
//! browser as natively.
#![cfg(target_arch = "wasm32")]
mod common;

use export_screen::{Config, OrderInput, PartyQuery, Screener, Verdict};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn name_cases_in_browser() {
    let failures = common::run_name_cases();
    assert!(failures.is_empty(), "{} name case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[wasm_bindgen_test]
fn translit_cases_in_browser() {
    let (failures, _) = common::run_translit_cases();
    assert!(failures.is_empty(), "{} transliteration case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[wasm_bindgen_test]
fn demo_order_stops_in_browser() {
    let s = Screener::new(Config::default()).expect("screener");
    let r = s
        .screen_order(&OrderInput::Text(
            "Buyer: M/s Hasan Scientific Corp, Lahore, Pakistan\nItems: 6 hand-foot contamination monitors".into(),
        ))
        .expect("report");
    assert_eq!(r.verdict, Verdict::Stop);
    let hit = s.screen_party(&PartyQuery { name: "Hasan Scientific Corp".into(), ..Default::default() });
    assert_eq!(hit.hits.first().map(|h| h.name.as_str()), Some("Hassan Scientific Corporation"));
}

#[wasm_bindgen_test]
fn bad_list_is_an_error_not_a_trap() {
    let mut s = Screener::new(Config::default()).expect("screener");
    let before = s.lists();
    let err = s.load_list(&[0, 159, 146, 150, 0, 0, 1], &Default::default()).expect_err("not a list");
    assert_eq!(err.kind(), &export_screen::ErrorKind::ListFormat);
    assert!(err.message().starts_with("list file: "), "{err}");
    assert_eq!(s.lists(), before);
}
