//! The name matcher on arbitrary pairs: scores in 0..1, symmetric inputs give 1.0 when the name has tokens.
#![no_main]
use export_screen::{match_names, NameKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map(|(i, _)| i).unwrap_or(0));
    let m = match_names(a, b, NameKind::Any);
    assert!((0.0..=1.0).contains(&m.score));
    let own = match_names(a, a, NameKind::Any);
    if !export_screen::normalize::normalize(a).tokens.is_empty() {
        assert_eq!(own.score, 1.0, "{a:?} must match itself");
    }
});
