//! Loading a large list file from the caller's copy in pieces (the page's `Uint8Array`), so that wasm memory never
//! holds the whole file while it is parsed: one pass checks it and computes its sha256, a second parses it a part at
//! a time. Only the OFSI ConList CSV takes this path (at 14.7 MB the largest file, whose copy set the wasm's
//! high-water mark with every list loaded), and only when it needs nothing else: UTF-8, no forced format, detected
//! from its first two lines. Any other file, and any file whose parse in parts fails, is read whole as before, so
//! answers and messages are the same either way (tests/load_same.rs). Part of `lists`.

use super::model::{LoadOptions, ParsedList};
use super::{detect, finish, text, uk, MAX_ENTRIES};
use crate::text::sha256::Sha256;

/// Bytes read from the caller at a time.
const PIECE: usize = 1 << 18;

/// A list file the caller holds and hands over in pieces.
pub trait ListFile {
    /// The file's length in bytes.
    fn size(&self) -> usize;
    /// Copies the bytes at `offset..offset + buf.len()` (always within the file) into `buf`.
    fn read_at(&self, offset: usize, buf: &mut [u8]);
    /// Bytes to read at a time (smaller in tests, to cut records and characters in many places).
    fn piece(&self) -> usize {
        PIECE
    }
}

impl ListFile for &[u8] {
    fn size(&self) -> usize {
        self.len()
    }
    fn read_at(&self, offset: usize, buf: &mut [u8]) {
        if let Some(src) = self.get(offset..offset + buf.len()) {
            buf.copy_from_slice(src);
        }
    }
}

/// A file that can be parsed in pieces: where its text starts (after a UTF-8 byte-order mark) and the sha256 of
/// all its bytes.
pub(crate) struct Checked {
    start: usize,
    pub sha256: [u8; 32],
}

/// Whether `file` can be parsed in pieces, in one pass over it; `None` when it must be read whole.
pub(crate) fn check(file: &dyn ListFile, opts: &LoadOptions) -> Option<Checked> {
    if opts.format.as_deref().is_some_and(|f| !f.trim().is_empty()) {
        return None;
    }
    let (size, step) = (file.size(), file.piece().max(64));
    if size <= step {
        return None;
    }
    let mut piece = vec![0u8; step + 4];
    let head = piece.get_mut(..step)?;
    file.read_at(0, head);
    let head = &*head;
    // UTF-16, binary data and snapshots are read whole (`text::decode` looks at the first 8 KB for binary data).
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") || text::utf16_without_bom(head).is_some() {
        return None;
    }
    if text::check_not_binary(head).is_err() || crate::snapshot::is_snapshot(head) {
        return None;
    }
    let start = if head.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    let text = match std::str::from_utf8(head.get(start..)?) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(head.get(start..start + e.valid_up_to())?).ok()?,
        Err(_) => return None,
    };
    // Detection reads the first two lines: they must be whole in the head.
    let lead = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if lead.bytes().filter(|&b| b == b'\n').count() < 3 {
        return None;
    }
    match detect::detect(text, opts.filename.as_deref()) {
        Ok(detect::Detected::Format("uk-ofsi-csv")) => {}
        _ => return None,
    }
    let mut sha = Sha256::new();
    let mut lines = 0usize;
    let mut carry = 0usize;
    let mut at = 0usize;
    while at < size {
        let n = step.min(size - at);
        let new = piece.get_mut(carry..carry + n)?;
        file.read_at(at, new);
        sha.update(new);
        lines += new.iter().filter(|&&b| b == b'\n').count();
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
    if carry != 0 || lines > MAX_ENTRIES {
        return None;
    }
    Some(Checked { start, sha256: sha.finalize() })
}

/// Parses a file that [`check`] accepted, as [`super::parse`] parses it whole; `None` when it must be read whole
/// after all (an error: the whole file gives the message).
pub(crate) fn parse(file: &dyn ListFile, checked: &Checked) -> Option<ParsedList> {
    let mut parts =
        Parts { file, at: checked.start, cur: Vec::new(), pending: Vec::new(), lines: 0, done: false, failed: false };
    let mut list = uk::parse_ofsi_parts(|keep| parts.next(keep)).ok()?;
    if parts.failed || !parts.done {
        return None;
    }
    finish(&mut list).ok()?;
    Some(list)
}

/// The parts of a file's text, each the end of the one before (as much as the parser keeps) and the next piece.
struct Parts<'a> {
    file: &'a dyn ListFile,
    /// The next byte to read.
    at: usize,
    /// The text of the part handed over last.
    cur: Vec<u8>,
    /// The bytes of a character cut by the end of a piece.
    pending: Vec<u8>,
    /// Lines (`\n`) before `cur`.
    lines: u64,
    done: bool,
    failed: bool,
}

impl Parts<'_> {
    fn next(&mut self, keep: usize) -> Option<(String, u64, bool)> {
        if self.done || self.failed {
            return None;
        }
        let cut = self.cur.len().saturating_sub(keep);
        self.lines += self.cur.get(..cut)?.iter().filter(|&&b| b == b'\n').count() as u64;
        self.cur.drain(..cut);
        // A record longer than a piece: the parts double, so reading it again stays linear.
        let n = self.file.piece().max(64).max(self.cur.len()).min(self.file.size() - self.at);
        self.cur.append(&mut self.pending);
        let old = self.cur.len();
        self.cur.resize(old + n, 0);
        self.file.read_at(self.at, self.cur.get_mut(old..)?);
        self.at += n;
        let last = self.at >= self.file.size();
        if let Err(e) = std::str::from_utf8(&self.cur) {
            if e.error_len().is_some() || last {
                self.failed = true;
                return None;
            }
            self.pending = self.cur.split_off(e.valid_up_to());
        }
        self.done = last;
        match String::from_utf8(self.cur.clone()) {
            Ok(text) => Some((text, self.lines, last)),
            Err(_) => {
                self.failed = true;
                None
            }
        }
    }
}
