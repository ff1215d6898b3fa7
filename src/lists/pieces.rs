//! Loading a CSV list file from the caller's copy in pieces (the page's `Uint8Array`), so that wasm memory never
//! holds the whole file while it is parsed: one pass checks it and computes its sha256, a second parses it through
//! [`CsvInput`]. Only files that need nothing else take this path: UTF-8, a format the CSV parsers read and that
//! detection tells from its first two lines, no forced format; any other file (and any file with an error before
//! parsing) is read whole, as before, so answers and messages are the same either way. Part of `lists`.

use sha2::{Digest, Sha256};

use super::model::{LoadOptions, ParsedList};
use super::text::{check_not_binary, utf16_without_bom, CsvInput, ListFile};
use super::{csl, detect, finish, opensanctions, uk, uk_fcdo, MAX_ENTRIES};
use crate::error::Result;

/// Bytes read from the caller at a time in the checking pass (the parsers read through their own buffer).
const PIECE: usize = 1 << 16;

/// A file that can be parsed in pieces: its format, where its text starts (after a UTF-8 byte-order mark) and the
/// sha256 of all its bytes.
pub(crate) struct Checked {
    pub format: &'static str,
    pub start: usize,
    pub sha256: [u8; 32],
}

/// Whether `file` can be parsed in pieces, in one pass over it; `None` when it must be read whole.
pub(crate) fn check(file: &dyn ListFile, opts: &LoadOptions) -> Option<Checked> {
    if opts.format.as_deref().is_some_and(|f| !f.trim().is_empty()) {
        return None;
    }
    let size = file.size();
    // A piece, and room before it for the bytes of a character cut by the end of the one before.
    let mut piece = vec![0u8; PIECE.min(size) + 4];
    let head = piece.get_mut(..PIECE.min(size))?;
    file.read_at(0, head);
    let head = &*head;
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") || utf16_without_bom(head).is_some() {
        return None;
    }
    // Both look at the first 8 KB only.
    if check_not_binary(head).is_err() || crate::snapshot::is_snapshot(head) {
        return None;
    }
    let start = if head.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let text = match std::str::from_utf8(head.get(start..)?) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(head.get(start..start + e.valid_up_to())?).ok()?,
        Err(_) => return None,
    };
    let format = match detect::detect(text, opts.filename.as_deref()) {
        Ok(detect::Detected::Format(f)) if STREAMED.contains(&f) => f,
        _ => return None,
    };
    // Detection of these formats reads the first two lines: they must be whole in the head.
    let t = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if head.len() < size && t.bytes().filter(|&b| b == b'\n').count() < 2 {
        return None;
    }
    let mut sha = Sha256::new();
    let mut lines = 0usize;
    let mut carry = 0usize;
    let mut at = 0usize;
    while at < size {
        let n = PIECE.min(size - at);
        let new = piece.get_mut(carry..carry + n)?;
        file.read_at(at, new);
        sha.update(&*new);
        lines += new.iter().filter(|&&b| b == b'\n').count();
        // UTF-8 from `start` on (nothing is carried into the first piece).
        let from = if at == 0 { start } else { 0 };
        match std::str::from_utf8(piece.get(from..carry + n)?) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = from + e.valid_up_to();
                piece.copy_within(valid..carry + n, 0);
                carry = carry + n - valid;
            }
            Err(_) => return None,
        }
        at += n;
    }
    // More lines than the limit: the whole-file path gives the message.
    if carry != 0 || lines > MAX_ENTRIES + 10 {
        return None;
    }
    Some(Checked { format, start, sha256: sha.finalize().into() })
}

/// Formats whose parser reads through [`CsvInput`] and that detection tells from the first two lines.
const STREAMED: [&str; 5] = ["csl-csv", "csl-tsv", "uk-ofsi-csv", "uk-sl-csv", "opensanctions-csv"];

/// Parses a file that [`check`] accepted, as [`super::parse`] parses it whole.
pub(crate) fn parse(file: &dyn ListFile, checked: &Checked, opts: &LoadOptions) -> Result<ParsedList> {
    let label = opts.filename.clone().unwrap_or_else(|| "list file".to_string());
    parse_csv(checked.format, CsvInput::pieces(file, checked.start))
        .and_then(|mut list| {
            finish(&mut list)?;
            Ok(list)
        })
        .map_err(|e| e.context(&label))
}

/// The parser of each format of [`STREAMED`], called from here alone (whole or in pieces), so that the wasm holds
/// each once.
pub(crate) fn parse_csv(format: &str, input: CsvInput<'_>) -> Result<ParsedList> {
    match format {
        "csl-csv" => csl::parse_csv_from(input, b','),
        "csl-tsv" => csl::parse_csv_from(input, b'\t'),
        "uk-ofsi-csv" => uk::parse_ofsi(input),
        "uk-sl-csv" => uk_fcdo::parse_csv(input),
        _ => opensanctions::parse_csv(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lists").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn checked(bytes: &[u8], format: Option<&str>) -> Option<&'static str> {
        let opts = LoadOptions { format: format.map(str::to_string), ..LoadOptions::default() };
        check(&bytes, &opts).map(|c| c.format)
    }

    #[test]
    fn check_takes_the_csv_lists_and_leaves_the_rest_whole() {
        for (name, format) in [
            ("example_csl.csv", "csl-csv"),
            ("example_uk_conlist.csv", "uk-ofsi-csv"),
            ("example_uk_sanctions_list.csv", "uk-sl-csv"),
            ("example_targets.simple.csv", "opensanctions-csv"),
        ] {
            let bytes = fixture(name);
            assert_eq!(checked(&bytes, None), Some(format), "{name}");
            let bom = [b"\xef\xbb\xbf".as_slice(), &bytes].concat();
            assert_eq!(check(&bom.as_slice(), &LoadOptions::default()).map(|c| c.start), Some(3), "{name} with a BOM");
            // A forced format, text that is not UTF-8 and a character cut at the end are read whole.
            assert_eq!(checked(&bytes, Some(format)), None, "{name} forced");
            assert_eq!(checked(&[bytes.as_slice(), b"\xe9 x\n"].concat(), None), None, "{name} in Windows-1252");
            assert_eq!(checked(&[bytes.as_slice(), b"\xd0"].concat(), None), None, "{name} cut");
        }
        for name in ["example_sdn.csv", "example_un.xml", "example_csl.json", "example_eu_fsf.csv", "example_dpl.txt"] {
            assert_eq!(checked(&fixture(name), None), None, "{name}");
        }
    }

    #[test]
    fn check_reads_characters_cut_between_pieces() {
        // A three-byte character across the end of the first piece, a two-byte one across the second's.
        let mut text = String::from("_id,source,name\nA,EL,B\n0,EL,");
        while text.len() < PIECE - 1 {
            text.push('x');
        }
        text.push_str("北京\n1,EL,");
        while text.len() < 2 * PIECE - 1 {
            text.push('x');
        }
        text.push_str("Жук\n");
        for i in 2..2000 {
            text.push_str(&format!("{i},EL,Жук Ωmega {i}\n"));
        }
        let bytes = text.into_bytes();
        assert!(std::str::from_utf8(&bytes[..PIECE]).is_err() && std::str::from_utf8(&bytes[..2 * PIECE]).is_err());
        let c = check(&bytes.as_slice(), &LoadOptions::default()).expect("checked");
        assert_eq!(c.format, "csl-csv");
        assert_eq!(c.sha256.as_slice(), Sha256::digest(&bytes).as_slice());
    }
}
