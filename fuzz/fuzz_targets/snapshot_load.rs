//! Snapshot decoding: corrupted or truncated snapshots are errors, never panics or partial lists.
#![no_main]
use export_screen::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = snapshot::MAGIC.to_vec();
    bytes.extend_from_slice(&1u32.to_le_bytes());
    bytes.extend_from_slice(data);
    if let Ok((list, _)) = snapshot::decode(&bytes) {
        assert!(!list.entries.is_empty());
    }
});
