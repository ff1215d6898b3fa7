//! Every list parser, through format detection: any bytes give a list or an error, never a panic; a failed load
//! leaves the screener as it was, and a list that loads can be screened against and removed again.
#![no_main]
use std::cell::RefCell;

use export_screen::{Config, LoadOptions, Screener};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // One screener for the whole run (building the demo list's index per input made the target 100x slower); each
    // input leaves it as it found it.
    static SCREENER: RefCell<Option<Screener>> = RefCell::new(Screener::new(Config::default()).ok());
}

fuzz_target!(|data: &[u8]| {
    let _ = export_screen::lists::parse(data, &LoadOptions::default());
    // The first byte picks a file-name hint, so each format's own path is reached too.
    let names = ["consolidated.csv", "consolidated.json", "sdn.csv", "add.csv", "alt.csv", "SDN.XML", "dpl.txt",
        "consolidated.xml", "ConList.csv", "UK_Sanctions_List.csv", "sanctions.xml", "targets.simple.csv", "entities.ftm.json",
        "cons_prim.csv", "sdn_comments.csv", "CONS_ENHANCED.XML", "eu.csv"];
    let Some((&b, rest)) = data.split_first() else { return };
    let opts = LoadOptions { filename: Some(names[b as usize % names.len()].to_string()), ..LoadOptions::default() };
    SCREENER.with(|cell| {
        let mut guard = cell.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        let before = s.lists();
        match s.load_list(rest, &opts) {
            Err(_) => assert_eq!(s.lists(), before, "a failed load must not change the loaded lists"),
            Ok(info) => {
                let _ = s.screen_party(&export_screen::PartyQuery { name: "Example Trading Co".into(), ..Default::default() });
                // A supplement merges into a loaded list instead of adding one: start again from the demo list.
                if s.remove_list(&info.id).is_err() || s.lists() != before {
                    *guard = Screener::new(Config::default()).ok();
                }
            }
        }
    });
});
