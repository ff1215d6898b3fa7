//! Order text through parsing, party screening, rules and verdict: always a report or an error.
#![no_main]
use export_screen::{Config, OrderInput, Screener};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // One screener for the whole run: screening does not change it, and building the demo list's index per input
    // made the target far slower.
    static SCREENER: Option<Screener> = Screener::new(Config::default()).ok();
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = export_screen::order::parse(&text);
    SCREENER.with(|s| {
        let Some(s) = s else { return };
        if let Ok(r) = s.screen_order(&OrderInput::Text(text)) {
            for p in &r.parties {
                for h in &p.hits {
                    assert!((0.0..=1.0).contains(&h.score));
                }
            }
        }
    });
});
