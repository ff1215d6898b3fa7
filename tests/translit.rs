//! Transliteration cases from tests/cases/translit.toml, natively; and a property test of `to_latin` on any
//! input: no panic, output at most a constant times the input's length, idempotent on its own output's words.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use proptest::prelude::*;

use export_screen::text::translit::to_latin;

#[test]
fn translit_cases_native() {
    let (failures, lines) = common::run_translit_cases();
    eprintln!("{}", lines.join("\n"));
    assert!(failures.is_empty(), "{} transliteration case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// Characters from every block the transliterator reads, their neighbours, marks and ASCII.
fn any_script_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range(' ', '~'),
        proptest::char::range('\u{0300}', '\u{0370}'),
        proptest::char::range('\u{0370}', '\u{0530}'),
        proptest::char::range('\u{0530}', '\u{0700}'),
        proptest::char::range('\u{0900}', '\u{0D80}'),
        proptest::char::range('\u{10A0}', '\u{1100}'),
        proptest::char::range('\u{1100}', '\u{1200}'),
        proptest::char::range('\u{1F00}', '\u{2000}'),
        proptest::char::range('\u{3000}', '\u{3100}'),
        proptest::char::range('\u{3400}', '\u{A000}'),
        proptest::char::range('\u{AC00}', '\u{D7A4}'),
        proptest::char::range('\u{F900}', '\u{FFFF}'),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn to_latin_any_input_is_bounded(chars in proptest::collection::vec(any_script_char(), 0..40)) {
        let s: String = chars.into_iter().collect();
        let out = to_latin(&s);
        // NFKC can expand a character up to 18-fold (U+FDFA); each transliterated character writes at most
        // 8 bytes for its 2 or 3.
        prop_assert!(out.len() <= 18 * 4 * s.chars().count().max(1), "{s:?} -> {out:?}");
        // ASCII output stays as it is.
        let again = to_latin(&out);
        if out.is_ascii() {
            prop_assert_eq!(again.as_ref(), out.as_ref());
        }
    }
}
