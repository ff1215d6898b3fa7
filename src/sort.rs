//! Stable sorting with one copy of the sort in the wasm.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site compiles its own copy of
//! the standard library's stable sort (about 3 KB of wasm each). [`sort_by`] sorts the positions `0..n` with the
//! one instance of that sort, through a `dyn` comparison, and then moves the elements into place along the
//! permutation's cycles. The result is the same as `slice::sort_by`'s: a stable sort has only one possible
//! output, and this is a stable sort (the standard one, on positions); the cost is O(n log n) comparisons and
//! one vector of positions.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = {
        let items = &*v;
        sorted_positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` gives, as `v.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// Sorts `v` into ascending order, as `v.sort()` does, and as `v.sort_unstable()` does for a type whose equal values
/// cannot be told apart (integers, chars, strings and tuples of them: the only kind this is used for), where a
/// stable and an unstable sort give the same result. Each `slice::sort_unstable` element type compiles its own
/// copy of the standard library's unstable sort (about 2 KB of wasm); the sorts that are not on a hot path go
/// through this one instead.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp)
}

/// The positions `0..n` in the stable order of `cmp` (one instance of the standard library's stable sort).
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that the element at `k` is the one that was at `order[k]`, in place, one swap per element
/// moved; `order` is used up (each entry is set to its own position once done).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as the standard library's stable sort, ties kept in input order, on many shapes of input.
    #[test]
    fn same_as_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [0usize, 1, 2, 3, 5, 8, 17, 20, 33, 64, 100, 1000] {
            for keys in [2u64, 5, 1000] {
                let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % keys, i)).collect();
                let mut ours = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = v.clone();
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "n = {n}, keys = {keys}");
                let mut ours = v.clone();
                sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
                let mut std = v;
                std.sort_by_key(|x| std::cmp::Reverse(x.0));
                assert_eq!(ours, std, "n = {n}, keys = {keys}, reversed");
            }
        }
    }

    /// `sort` gives what `sort_unstable` gives for the types it is used for (equal values indistinguishable).
    #[test]
    fn sort_equals_the_standard_unstable_sort() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for n in [0usize, 1, 2, 7, 30, 500] {
            let v: Vec<(usize, char)> = (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 9) as usize, char::from(b'a' + (seed >> 8) as u8 % 5))
                })
                .collect();
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v;
            std.sort_unstable();
            assert_eq!(ours, std, "n = {n}");
        }
        let mut words = vec!["kiwi", "fig", "apple", "fig", "banana"];
        sort(&mut words);
        assert_eq!(words, ["apple", "banana", "fig", "fig", "kiwi"]);
    }

    #[test]
    fn moves_elements_that_are_not_copy() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi", "banana"].map(String::from).to_vec();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "apple", "banana"]);
    }
}
