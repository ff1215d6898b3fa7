//! Every list parser, through format detection: any bytes give a list or an error, never a panic; a failed load
//! leaves the screener as it was.
#![no_main]
use export_screen::{Config, LoadOptions, Screener};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = export_screen::lists::parse(data, &LoadOptions::default());
    // The first byte picks a file-name hint, so each format's own path is reached too.
    let names = ["consolidated.csv", "consolidated.json", "sdn.csv", "add.csv", "alt.csv", "SDN.XML", "dpl.txt",
        "consolidated.xml", "ConList.csv", "UK_Sanctions_List.csv", "sanctions.xml", "targets.simple.csv", "entities.ftm.json",
        "cons_prim.csv", "sdn_comments.csv", "CONS_ENHANCED.XML", "eu.csv"];
    if let Some((&b, rest)) = data.split_first() {
        let opts = LoadOptions { filename: Some(names[b as usize % names.len()].to_string()), ..LoadOptions::default() };
        if let Ok(mut s) = Screener::new(Config::default()) {
            let before = s.lists();
            if s.load_list(rest, &opts).is_err() {
                assert_eq!(s.lists(), before, "a failed load must not change the loaded lists");
            }
        }
    }
});
