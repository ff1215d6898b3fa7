//! A list file read from the caller's copy in pieces (`Screener::load_list_file`, as the wasm's `loadList` reads
//! a `Uint8Array`) loads the same list as the file read whole: same ListInfo, same entries (snapshot bytes), same
//! error message; the OFSI ConList is never read whole when its parse in parts succeeds.

mod common;

use std::cell::Cell;

use export_screen::lists::model::LoadOptions;
use export_screen::lists::ListFile;
use export_screen::{Config, Screener};

use common::shared_lists;

/// A file handed over in pieces of `piece` bytes, noting the largest read.
struct Pieces<'a> {
    bytes: &'a [u8],
    piece: usize,
    largest: Cell<usize>,
}

impl ListFile for Pieces<'_> {
    fn size(&self) -> usize {
        self.bytes.len()
    }
    fn read_at(&self, offset: usize, buf: &mut [u8]) {
        self.largest.set(self.largest.get().max(buf.len()));
        buf.copy_from_slice(&self.bytes[offset..offset + buf.len()]);
    }
    fn piece(&self) -> usize {
        self.piece
    }
}

fn screener() -> Screener {
    Screener::new(Config { demo_list: false, ..Config::default() }).expect("screener")
}

/// What a load gives: the ListInfo and snapshot as JSON and bytes, or the error message.
fn load(bytes: &[u8], piece: Option<usize>, name: &str) -> (String, Vec<u8>, usize) {
    let mut s = screener();
    let opts = LoadOptions { filename: Some(name.to_string()), ..LoadOptions::default() };
    let file = Pieces { bytes, piece: piece.unwrap_or(usize::MAX), largest: Cell::new(0) };
    let got = match piece {
        Some(_) => s.load_list_file(&file, &opts),
        None => s.load_list(bytes, &opts),
    };
    match got {
        Ok(info) => {
            let snap = s.snapshot(&info.id).expect("snapshot");
            (serde_json::to_string(&info).expect("json"), snap, file.largest.get())
        }
        Err(e) => (format!("error: {e}"), Vec::new(), file.largest.get()),
    }
}

/// Loads `bytes` whole and in pieces of several sizes; returns whether every load in pieces avoided a whole read.
fn same_whole_and_in_pieces(bytes: &[u8], name: &str, pieces: &[usize]) -> bool {
    let whole = load(bytes, None, name);
    let mut never_whole = true;
    for &p in pieces {
        let (info, snap, largest) = load(bytes, Some(p), name);
        assert_eq!(info, whole.0, "{name} in pieces of {p}");
        assert!(snap == whole.1, "{name} in pieces of {p}: the entries differ");
        never_whole &= largest < bytes.len();
    }
    never_whole
}

fn conlist() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists/example_uk_conlist.csv");
    let text = std::fs::read_to_string(path).expect("fixture");
    // Rows repeated under new group IDs, so the file spans many pieces.
    let mut lines = text.lines();
    let mut out: Vec<String> = lines.by_ref().take(2).map(str::to_string).collect();
    let rows: Vec<&str> = lines.collect();
    for k in 0..40 {
        for r in &rows {
            let (head, id) = r.rsplit_once(',').expect("a group id");
            out.push(format!("{head},{}{k}", id.trim()));
        }
    }
    (out.join("\n") + "\n").into_bytes()
}

#[test]
fn the_ofsi_conlist_loads_the_same_in_pieces() {
    let base = String::from_utf8(conlist()).expect("utf-8");
    let pieces = [1024, 1500, 4099];
    assert!(same_whole_and_in_pieces(base.as_bytes(), "ConList.csv", &pieces), "read in pieces");
    // Altered: CRLF line ends, a BOM, blank lines, a quoted field across lines, characters of 2-4 bytes, no final
    // line end.
    let crlf = base.replace('\n', "\r\n");
    let bom = format!("\u{feff}{base}");
    let blank = base.replace("\nEXAMPLOFF", "\n\n\r\nEXAMPLOFF");
    let quoted = base.replace(
        "(UK Sanctions List Ref):RUS9901. (UK Statement of Reasons):Invented entry for tests. (Gender):Male",
        "\"(UK Sanctions List Ref):RUS9901. (UK Statement of Reasons):Invented,\nentry \"\"for\"\"\r\ntests. (Gender):Male\"",
    );
    let wide = base.replace("Moscow", "Москва 北京 𝔐");
    let open = base.trim_end().to_string();
    for (what, text) in
        [("crlf", &crlf), ("bom", &bom), ("blank", &blank), ("quoted", &quoted), ("wide", &wide), ("open", &open)]
    {
        assert!(same_whole_and_in_pieces(text.as_bytes(), "ConList.csv", &pieces), "{what}: read in pieces");
    }
    // Errors give the same message (the file is then read whole): an extra field, an open quote to the end.
    let extra = base.replacen(",Individual,", ",Individual,x,", 30);
    let unterminated = format!("{base}\"EXAMPLOV,Ivan\n");
    for text in [&extra, &unterminated] {
        same_whole_and_in_pieces(text.as_bytes(), "ConList.csv", &pieces);
    }
    assert!(!load(quoted.as_bytes(), None, "c.csv").0.starts_with("error"), "the quoted rows are read");
    let msg = load(extra.as_bytes(), Some(1024), "c.csv").0;
    assert!(msg.contains("fields, found"), "the error is kept: {msg}");
    // Not UTF-8 (Windows-1252) and a forced format: read whole, same list.
    let mut bytes = base.replace("Moscow", "Mosc\u{1}w").into_bytes();
    for b in &mut bytes {
        if *b == 1 {
            *b = 0xf4;
        }
    }
    assert!(!same_whole_and_in_pieces(&bytes, "ConList.csv", &pieces), "Windows-1252 is read whole");
}

#[test]
fn other_lists_are_read_whole_and_load_the_same() {
    for name in ["example_csl.csv", "example_sdn.csv", "example_un.xml", "example_uk_sanctions_list.csv"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(name);
        let bytes = std::fs::read(path).expect("fixture");
        assert!(!same_whole_and_in_pieces(&bytes, name, &[300]), "{name} is read whole");
    }
}

#[test]
fn the_real_ofsi_conlist_loads_the_same_in_pieces() {
    let Some(dir) = shared_lists() else { return };
    let bytes = std::fs::read(dir.join("uk/ofsi_conlist_2025-04-10.csv")).expect("the OFSI ConList");
    assert!(same_whole_and_in_pieces(&bytes, "ConList.csv", &[1 << 16, 1 << 18]), "read in pieces");
}
