//! Numbers written as text (scores in messages and CSV exports, parameter values) without core's float formatting:
//! `format!("{:.2}", x)` and `{}` on an `f64` pull in core's Grisu and Dragon code, about 6 KB of the gzipped wasm,
//! which serde_json's own float writer (for the JSON the API returns) makes redundant. Each function writes what
//! the `format!` it replaces writes (the tests compare them over many values from 1e-12 to 1e20): [`fixed`] and
//! [`exp`] round the exact binary value, ties to even; [`shortest`] finds the fewest significant digits that read
//! back to the same number.

use std::f64::consts::LOG10_2;

/// `format!("{v:.d$}")`: `v` rounded to `d` decimals.
pub fn fixed(v: f64, d: u32) -> String {
    if !v.is_finite() {
        return special(v);
    }
    let n = scaled(v, d as i32).unwrap_or_else(|| (v.abs() * 10f64.powi(d as i32)).round() as u128);
    let mut digits = n.to_string();
    let d = d as usize;
    if digits.len() <= d {
        digits.insert_str(0, &"0".repeat(d + 1 - digits.len()));
    }
    if d > 0 {
        digits.insert(digits.len() - d, '.');
    }
    signed(v, digits)
}

/// `format!("{v:.d$e}")`: `v` as d.ddd × 10^k, written `1.640e7`.
pub fn exp(v: f64, d: u32) -> String {
    if !v.is_finite() {
        return special(v);
    }
    // k: the exponent of |v|'s leading digit (|v| / 10^k truncated is 1..9), estimated from the binary exponent
    // and corrected.
    let mut k = if v == 0.0 { 0 } else { ((((v.abs().to_bits() >> 52) as i32) - 1023) as f64 * LOG10_2) as i32 };
    for _ in 0..4 {
        match round(v, -k, Tie::Down) {
            Some(n) if n >= 10 => k += 1,
            Some(0) if v != 0.0 => k -= 1,
            _ => break,
        }
    }
    let mut n = scaled(v, d as i32 - k).unwrap_or_else(|| (v.abs() * 10f64.powi(d as i32 - k)).round() as u128);
    if n >= 10u128.pow(d + 1) {
        // Rounded up to the next power of ten (9.9996 -> 1.000e1).
        n /= 10;
        k += 1;
    }
    let mut digits = if v == 0.0 { "0".repeat(d as usize + 1) } else { n.to_string() };
    if d > 0 {
        digits.insert(1, '.');
    }
    signed(v, format!("{digits}e{k}"))
}

/// `format!("{v}")`: the shortest digits that read back to `v` (the nearest such, a tie rounded up, as core's
/// Grisu and Dragon pick), without an exponent.
pub fn shortest(v: f64) -> String {
    if !v.is_finite() {
        return special(v);
    }
    if v == 0.0 {
        return signed(v, "0".to_string());
    }
    let k = exp(v, 0).rsplit_once('e').and_then(|(_, k)| k.parse::<i32>().ok()).unwrap_or(0);
    for p in 1..=17 {
        // `p` significant digits: |v| × 10^s rounded, s decimals.
        let s = p - 1 - k;
        let Some(n) = round(v, s, Tie::Up) else { break };
        let mut text = n.to_string();
        if s > 0 {
            let s = s as usize;
            if text.len() <= s {
                text.insert_str(0, &"0".repeat(s + 1 - text.len()));
            }
            text.insert(text.len() - s, '.');
            text.truncate(text.trim_end_matches('0').trim_end_matches('.').len());
        } else {
            text.push_str(&"0".repeat(s.unsigned_abs() as usize));
        }
        if super::decimal::parse(&text) == Some(v.abs()) {
            return signed(v, text);
        }
    }
    // Beyond the range `round` covers exactly (below about 1e-16: no value the crate writes), in scientific form.
    exp(v, 16)
}

/// NaN and the infinities as core writes them.
fn special(v: f64) -> String {
    match v {
        _ if v.is_nan() => "NaN".to_string(),
        _ if v > 0.0 => "inf".to_string(),
        _ => "-inf".to_string(),
    }
}

/// `digits` with `v`'s sign (core writes "-0.00" for a negative value that rounds to zero, and "-0" for -0.0).
fn signed(v: f64, digits: String) -> String {
    match v.is_sign_negative() {
        true => format!("-{digits}"),
        false => digits,
    }
}

/// |v| × 10^s rounded to an integer, ties to even, computed exactly on `v`'s binary value; `None` when that does
/// not fit in 128 bits (a value far from the ones written here; the callers then round in floating point).
fn scaled(v: f64, s: i32) -> Option<u128> {
    round(v, s, Tie::Even)
}

/// How [`round`] rounds: to nearest with a tie to even or up, or down (truncating).
#[derive(Clone, Copy, PartialEq)]
enum Tie {
    Even,
    Up,
    Down,
}

/// |v| × 10^s as an integer, rounded as `tie` says (see [`scaled`]).
fn round(v: f64, s: i32, tie: Tie) -> Option<u128> {
    let bits = v.abs().to_bits();
    let (exp, frac) = ((bits >> 52) as i32, (bits & ((1 << 52) - 1)) as u128);
    // |v| = m × 2^e
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
    // 10^s = 5^s × 2^s: the power of two joins e.
    let p5 = 5u128.checked_pow(s.unsigned_abs())?;
    let (mut num, mut den) = if s >= 0 { (m.checked_mul(p5)?, 1) } else { (m, p5) };
    let e = e + s;
    if e >= 0 {
        if num != 0 && num.leading_zeros() <= e as u32 {
            return None;
        }
        num <<= e;
    } else if -e < 127 && den.leading_zeros() > (-e) as u32 {
        den <<= -e;
    } else if num.leading_zeros() >= 2 {
        // The denominator is at least 2^127 and the numerator below 2^126: less than a half, 0.
        return Some(0);
    } else {
        return None;
    }
    let (q, r) = (num / den, num % den);
    let up = match tie {
        Tie::Down => false,
        Tie::Even => r > den - r || (r == den - r && q % 2 == 1),
        Tie::Up => r >= den - r,
    };
    Some(q + up as u128)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values that the crate writes (scores, coverages, thresholds, parameter values) and the hard cases: ties in
    /// binary (0.125, 2.5), values just below a tie (0.285 is 0.28499...), carries (9.9996), zeros, negatives.
    fn samples() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            0.285,
            1.005,
            9.9996,
            99.995,
            0.80,
            0.85,
            0.9,
            1.0,
            0.999_999,
            -0.001,
            -1.25,
            1e-3,
            1.6e7,
            16.4e6,
            2.5e-4,
            1e6,
            123_456.789,
            1e15,
            1e20,
            1e21,
            1.5e-7,
            5e-324,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            42.0,
            1e-9,
            7.25e9,
            3e-5,
        ];
        // A deterministic spread over the ranges the crate writes (xorshift).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            v.push(match i % 4 {
                0 => unit,
                1 => (unit * 1000.0).round() / 1000.0,
                2 => unit * 10f64.powi((x % 24) as i32 - 8),
                _ => f64::from_bits(x) % 1e12,
            });
        }
        v.into_iter().filter(|v| v.is_finite()).collect()
    }

    #[test]
    fn fixed_writes_what_format_writes() {
        for v in samples() {
            for d in 0..=4 {
                assert_eq!(fixed(v, d), format!("{v:.*}", d as usize), "{v:e} to {d} decimals");
            }
        }
    }

    #[test]
    fn exp_writes_what_format_writes() {
        for v in samples().into_iter().filter(|v| *v == 0.0 || (1e-20..1e20).contains(&v.abs())) {
            assert_eq!(exp(v, 3), format!("{v:.3e}"), "{v:e}");
        }
    }

    #[test]
    fn shortest_writes_what_format_writes() {
        for v in samples().into_iter().filter(|v| *v == 0.0 || (1e-12..1e20).contains(&v.abs())) {
            assert_eq!(shortest(v), format!("{v}"), "{v:e}");
        }
        assert_eq!(
            (shortest(f64::NAN), shortest(f64::INFINITY), fixed(f64::NEG_INFINITY, 2)),
            ("NaN".into(), "inf".into(), "-inf".into())
        );
    }
}
