//! Replays the fuzz regression inputs (`tests/fixtures/fuzz/<target>/`, see its README) through the checks of
//! their fuzz target (`fuzz/fuzz_targets/<target>.rs`), each within a time limit: what once crashed or took too
//! long stays fixed. `scripts/fuzz.sh` adds to them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use export_screen::{Config, LoadOptions, NameKind, OrderInput, PartyQuery, Screener};

/// What once took too long must grow linearly now: each input is timed whole and cut to its first quarter in the
/// same run (a ratio, so it holds on a loaded machine: absolute limits failed there), and the whole may cost at
/// most [`RATIO`] times the quarter (linear: 4; quadratic: 16), plus [`FLOOR`] so tiny inputs are not judged on
/// noise. [`BACKSTOP`] stops a hang (the old code took 28 s for the bracketed names of match_names in a debug build
/// of an idle machine; the current one 2 s, and up to 10 s on a machine loaded five times over).
const RATIO: u32 = 8;
const FLOOR: Duration = Duration::from_millis(200);
const BACKSTOP: Duration = Duration::from_secs(90);

/// The first quarter of `data` (cut at a character boundary when it is text).
fn quarter(data: &[u8]) -> &[u8] {
    let end = match std::str::from_utf8(data) {
        Ok(text) => (0..=data.len() / 4).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0),
        Err(_) => data.len() / 4,
    };
    &data[..end]
}

/// The shortest of `runs` timings of `check(data)`.
fn timed(check: &mut impl FnMut(&[u8]), data: &[u8], runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            check(data);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Times `check` on `data` whole and on its first quarter, and fails when the cost grows faster than linearly in
/// each of three measurements (a load spike can distort one; quadratic work exceeds the ratio every time).
fn linear(path: &str, check: &mut impl FnMut(&[u8]), data: &[u8]) {
    for look in 1..=3 {
        let whole = timed(check, data, 2);
        assert!(whole < BACKSTOP, "{path}: took {whole:.2?}");
        let part = timed(check, quarter(data), 3);
        eprintln!("{path}: {whole:.2?}, its first quarter {part:.2?} (look {look})");
        if whole <= part * RATIO + FLOOR {
            return;
        }
        assert!(
            look < 3,
            "{path}: took {whole:.2?}, more than {RATIO} times its first quarter ({part:.2?}), in 3 measurements: the cost grows faster than linearly"
        );
    }
}

/// The files of one target's regression directory.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{target}: no regression inputs in {}", dir.display());
    files
}

/// Runs `check` on every input of `target`, each growing linearly (see [`linear`]).
fn replay(target: &str, mut check: impl FnMut(&[u8])) {
    for (path, data) in inputs(target) {
        linear(&path, &mut check, &data);
    }
}

#[test]
fn list_parse_inputs_load_or_fail_cleanly_in_time() {
    // As fuzz_targets/list_parse.rs: the first byte picks a file-name hint for the rest.
    let names = [
        "consolidated.csv",
        "consolidated.json",
        "sdn.csv",
        "add.csv",
        "alt.csv",
        "SDN.XML",
        "dpl.txt",
        "consolidated.xml",
        "ConList.csv",
        "UK_Sanctions_List.csv",
        "sanctions.xml",
        "targets.simple.csv",
        "entities.ftm.json",
        "cons_prim.csv",
        "sdn_comments.csv",
        "CONS_ENHANCED.XML",
        "eu.csv",
    ];
    let mut s = Screener::new(Config::default()).expect("screener");
    let before = s.lists();
    replay("list_parse", |data| {
        // The whole file as it is, and through the screener with the hint.
        if let Ok(list) = export_screen::lists::parse(data, &LoadOptions::default()) {
            assert!(!list.entries.is_empty());
        }
        let Some((&b, rest)) = data.split_first() else { return };
        let opts = LoadOptions { filename: Some(names[b as usize % names.len()].into()), ..LoadOptions::default() };
        match s.load_list(rest, &opts) {
            Err(_) => assert_eq!(s.lists(), before, "a failed load changes nothing"),
            Ok(info) => {
                let r = s.screen_party(&PartyQuery { name: "Example Trading Co".into(), ..PartyQuery::default() });
                assert!(r.hits.iter().all(|h| (0.0..=1.0).contains(&h.score)));
                s.remove_list(&info.id).expect("removable");
                assert_eq!(s.lists(), before);
            }
        }
    });
    // The regression files are whole files (no hint byte): loaded as they are, they must load, linearly.
    let load = |data: &[u8]| {
        let mut s = Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener");
        s.load_list(data, &LoadOptions { filename: Some("list.csv".into()), ..LoadOptions::default() })
    };
    for (path, data) in inputs("list_parse") {
        let info = load(&data).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!info.warnings.is_empty(), "{path}: a name was cut");
        linear(&format!("{path} as a whole file"), &mut |d| drop(load(d)), &data);
    }
}

#[test]
fn match_names_inputs_score_in_time() {
    // The embedded name data is unpacked on first use: not part of any input's time.
    export_screen::match_names("warm", "up", NameKind::Any);
    replay("match_names", |data| {
        let text = String::from_utf8_lossy(data);
        let mid = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
        let (a, b) = text.split_at(mid);
        let m = export_screen::match_names(a, b, NameKind::Any);
        assert!((0.0..=1.0).contains(&m.score));
        if !export_screen::normalize::normalize(a).tokens.is_empty() {
            assert_eq!(export_screen::match_names(a, a, NameKind::Any).score, 1.0, "{a:?} matches itself");
        }
    });
}

#[test]
fn order_screen_inputs_give_a_report_in_time() {
    let s = Screener::new(Config::default()).expect("screener");
    replay("order_screen", |data| {
        let text = String::from_utf8_lossy(data).into_owned();
        let r = s.screen_order(&OrderInput::Text(text)).expect("a report");
        assert!(r.parties.iter().flat_map(|p| &p.hits).all(|h| (0.0..=1.0).contains(&h.score)));
    });
}

/// Each input as the body of a version 1 snapshot (postcard, no longer read: always refused) and of a version 2 one
/// with its checksum appended (FNV-1a 64, as `src/snapshot/compact.rs` checks it), as the fuzz target builds them.
#[test]
fn snapshot_load_inputs_are_refused_or_whole_in_time() {
    replay("snapshot_load", |data| {
        let checksum =
            data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        for version in [1u32, 2] {
            let mut bytes = export_screen::snapshot::MAGIC.to_vec();
            bytes.extend_from_slice(&version.to_le_bytes());
            bytes.extend_from_slice(data);
            if version == 2 {
                bytes.extend_from_slice(&checksum.to_le_bytes());
            }
            match export_screen::snapshot::decode(&bytes) {
                Ok((list, _)) => assert!(version == 2 && !list.entries.is_empty()),
                Err(e) => assert_eq!(e.kind(), &export_screen::ErrorKind::ListFormat, "{e}"),
            }
        }
    });
}
