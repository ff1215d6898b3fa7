//! The index's storage (stage 3): names in blocks and key tables in shards, so that adding a list never moves
//! the index's largest arrays (wasm memory keeps every block a move needed).

use super::{fold32, IndexedName};

/// The indexed names, in blocks of [`Names::BLOCK`]: adding a list never moves the names indexed before (one
/// array of megabytes moved on every load, and wasm memory keeps every block a move needed).
#[derive(Clone, Debug, Default)]
pub(super) struct Names {
    blocks: Vec<Vec<IndexedName>>,
    len: usize,
}

impl Names {
    pub(super) const BLOCK: usize = 4096;

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn get(&self, id: usize) -> Option<&IndexedName> {
        self.blocks.get(id / Self::BLOCK)?.get(id % Self::BLOCK)
    }

    pub(super) fn push(&mut self, name: IndexedName) {
        match self.blocks.last_mut() {
            Some(b) if b.len() < Self::BLOCK => b.push(name),
            _ => {
                let mut b = Vec::with_capacity(Self::BLOCK);
                b.push(name);
                self.blocks.push(b);
            }
        }
        self.len += 1;
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &IndexedName> {
        self.blocks.iter().flatten()
    }

    pub(super) fn bytes(&self) -> usize {
        self.blocks.iter().map(|b| b.capacity() * std::mem::size_of::<IndexedName>()).sum()
    }
}

/// A table of (key, id) pairs sorted by key, with the start of every bucket of keys sharing their top
/// [`KeyTable::BITS`] bits, so that a lookup reads one bucket (a few cache lines) instead of binary-searching the
/// whole table. Keys are 64-bit hashes folded to 32 bits to halve the tables' memory; a rare collision only adds a
/// candidate, which the scorer then rejects.
#[derive(Clone, Debug, Default)]
pub(super) struct KeyTable {
    /// The pairs in [`KeyTable::SHARDS`] sorted runs by the key's top bits: adding a list grows each by its share
    /// instead of moving one table of megabytes (wasm memory keeps every block a move needed).
    pairs: Vec<Vec<(u32, u32)>>,
    /// `starts[b]` is the position in its shard of the first pair whose key's top bits are `b` or more (`1 << BITS`
    /// entries; a bucket ends where the next starts, or at the end of its shard).
    starts: Vec<u32>,
    /// A one-hash Bloom filter over the keys (about four bits per key): most keys a query looks up are absent
    /// (one-letter deletions of its words), and this answers them without reading the table.
    pub(super) present: Vec<u64>,
}

impl KeyTable {
    pub(super) const BITS: u32 = 14;
    pub(super) const SHARD_BITS: u32 = 4;
    pub(super) const SHARDS: usize = 1 << Self::SHARD_BITS;

    pub(super) fn bucket(key: u32) -> usize {
        (key >> (32 - Self::BITS)) as usize
    }

    pub(super) fn shard(key: u32) -> usize {
        (key >> (32 - Self::SHARD_BITS)) as usize
    }

    /// The pairs of bucket `b`.
    pub(super) fn run(&self, b: usize) -> &[(u32, u32)] {
        let shard = b >> (Self::BITS - Self::SHARD_BITS);
        let Some(pairs) = self.pairs.get(shard) else { return &[] };
        let lo = self.starts.get(b).map_or(pairs.len(), |&x| x as usize);
        let last = (b + 1).is_multiple_of(1 << (Self::BITS - Self::SHARD_BITS));
        let hi = if last { pairs.len() } else { self.starts.get(b + 1).map_or(pairs.len(), |&x| x as usize) };
        pairs.get(lo..hi).unwrap_or(&[])
    }

    /// The ids stored under a key, appended to `out`.
    pub(super) fn lookup(&self, key: u64, out: &mut Vec<u32>) {
        let key = fold32(key);
        if !self.may_hold(key) {
            return;
        }
        let run = self.run(Self::bucket(key));
        let start = run.partition_point(|(k, _)| *k < key);
        out.extend(run[start..].iter().take_while(|(k, _)| *k == key).map(|(_, id)| *id));
    }

    /// Adds pairs, keeping the table sorted and deduplicated; the bucket starts and the filter are recounted.
    pub(super) fn merge(&mut self, mut new: Vec<(u32, u32)>) {
        // Each shard grown by exactly what is added and merged in place from the back, in linear time and without a
        // scratch buffer: wasm memory never shrinks, so a doubling or a merge buffer here would stay as peak memory.
        new.sort_unstable();
        self.pairs.resize_with(Self::SHARDS, Vec::new);
        let mut rest = new.as_slice();
        for (s, pairs) in self.pairs.iter_mut().enumerate() {
            let split = rest.partition_point(|(k, _)| Self::shard(*k) <= s);
            let (add, more) = rest.split_at(split);
            rest = more;
            if add.is_empty() {
                continue;
            }
            let (m, k) = (pairs.len(), add.len());
            pairs.reserve_exact(k);
            pairs.resize(m + k, (0, 0));
            let (mut i, mut w) = (m, m + k);
            for &x in add.iter().rev() {
                while i > 0 && pairs[i - 1] > x {
                    pairs[w - 1] = pairs[i - 1];
                    i -= 1;
                    w -= 1;
                }
                pairs[w - 1] = x;
                w -= 1;
            }
            pairs.dedup();
            pairs.shrink_to_fit();
        }
        drop(new);
        let buckets = 1usize << Self::BITS;
        self.starts.clear();
        self.starts.reserve_exact(buckets);
        let per_shard = 1usize << (Self::BITS - Self::SHARD_BITS);
        for pairs in &self.pairs {
            let mut i = 0usize;
            for b in self.starts.len()..self.starts.len() + per_shard {
                while i < pairs.len() && Self::bucket(pairs[i].0) < b {
                    i += 1;
                }
                self.starts.push(i as u32);
            }
        }
        let words = (self.len() * 4 / 64).next_power_of_two().max(64);
        self.present.clear();
        self.present.resize(words, 0);
        for &(k, _) in self.pairs.iter().flatten() {
            let bit = Self::filter_bit(k, words);
            self.present[bit / 64] |= 1u64 << (bit % 64);
        }
    }

    /// The filter bit of a key (its low bits: the top ones choose the bucket, and the filter should not repeat them).
    pub(super) fn filter_bit(key: u32, words: usize) -> usize {
        key.wrapping_mul(0x9e37_79b1) as usize % (words * 64)
    }

    pub(super) fn may_hold(&self, key: u32) -> bool {
        let words = self.present.len();
        if words == 0 {
            return false;
        }
        let bit = Self::filter_bit(key, words);
        self.present[bit / 64] & (1u64 << (bit % 64)) != 0
    }

    pub(super) fn len(&self) -> usize {
        self.pairs.iter().map(Vec::len).sum()
    }

    pub(super) fn bytes(&self) -> usize {
        self.pairs.iter().map(|p| p.capacity() * 8).sum::<usize>()
            + self.starts.capacity() * 4
            + self.present.capacity() * 8
    }

    /// The table as one sorted array with global bucket starts (`1 << BITS` + 1), for [`Index::digest`].
    pub(super) fn flat(&self) -> (Vec<(u32, u32)>, Vec<u32>) {
        let pairs: Vec<(u32, u32)> = self.pairs.iter().flatten().copied().collect();
        if self.starts.is_empty() {
            return (pairs, Vec::new());
        }
        let mut starts = Vec::with_capacity(self.starts.len() + 1);
        let per_shard = 1usize << (Self::BITS - Self::SHARD_BITS);
        let mut before = 0usize;
        for (b, &x) in self.starts.iter().enumerate() {
            if b > 0 && b % per_shard == 0 {
                before += self.pairs.get(b / per_shard - 1).map_or(0, Vec::len);
            }
            starts.push((before + x as usize) as u32);
        }
        starts.push(pairs.len() as u32);
        (pairs, starts)
    }
}
