//! Snapshot decoding: corrupted or truncated snapshots are errors, never panics or partial lists. The first byte
//! picks the version: an even byte the version 1 header (postcard, no longer read: refused), an odd one 2 (the
//! compact layout, with the body's checksum appended here so that the fuzzer reaches the reader behind it).
#![no_main]
use export_screen::snapshot;
use libfuzzer_sys::fuzz_target;

/// FNV-1a 64, as `src/snapshot/compact.rs` checks it.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let mut bytes = snapshot::MAGIC.to_vec();
    if pick % 2 == 0 {
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(body);
    } else {
        bytes.extend_from_slice(&2u32.to_le_bytes());
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(&checksum(body).to_le_bytes());
    }
    if let Ok((list, _)) = snapshot::decode(&bytes) {
        assert!(!list.entries.is_empty());
    }
});
