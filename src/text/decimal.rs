//! Decimal text to `f64`, correctly rounded, without core's `f64::from_str`: core's parser (Eisel-Lemire with its
//! 651-entry table of 128-bit powers of five, 10.4 KB that gzip cannot shrink, and a big-decimal fallback) was about
//! 12 KB of the gzipped wasm for the two places that read a float from text (a quantity in an order, and
//! [`super::num::shortest`]'s check that its digits read back). Both read only ASCII digits with at most one dot.
//!
//! [`parse`] gives what `text.parse::<f64>().ok()` gives for such text: the nearest `f64` to the exact decimal
//! value, a tie to even (the tests compare the two over many values, the hard cases among them). A value that fits
//! Clinger's fast path (at most 2^53 and a power of ten up to 10^22, exact in `f64`) takes one multiplication or
//! division; any other is computed exactly with a small big integer: the top bits of the value's quotient and
//! whether anything is left below them, rounded once.

/// `text` read as an `f64` as `text.parse::<f64>().ok()` reads it, for text of ASCII digits with at most one dot
/// and at least one digit ("12", "0.5", "3.", ".25"); `None` for any other text (where core's parser would also
/// accept signs, exponents, "inf" and "NaN", which no caller gives).
pub(crate) fn parse(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = || int.bytes().chain(frac.bytes());
    if int.len() + frac.len() == 0 || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // value = D × 10^e, D the digits without leading zeros (at most MAX_DIGITS of them, then a sticky 1).
    let mut d: Vec<u8> = digits().skip_while(|&b| b == b'0').map(|b| b - b'0').collect();
    let mut e = -(frac.len() as i64);
    while d.last() == Some(&0) {
        d.pop();
        e += 1;
    }
    if d.is_empty() {
        return Some(0.0);
    }
    // The magnitude: 10^(len + e - 1) <= value < 10^(len + e).
    let magnitude = d.len() as i64 + e;
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -330 {
        return Some(0.0);
    }
    if d.len() > MAX_DIGITS {
        // Digits beyond the first MAX_DIGITS only decide a rounding as "something more": one nonzero digit keeps
        // that (no f64 rounding boundary has more than 767 significant digits).
        e += (d.len() - MAX_DIGITS - 1) as i64;
        d.truncate(MAX_DIGITS);
        d.push(1);
    }
    let small = (d.len() <= 16).then(|| d.iter().fold(0u64, |n, &x| n * 10 + u64::from(x))).filter(|&n| n <= 1 << 53);
    if let Some(n) = small.filter(|_| (-22..=22).contains(&e)) {
        let p = POW10[e.unsigned_abs() as usize];
        return Some(if e >= 0 { n as f64 * p } else { n as f64 / p });
    }
    let mut num = Big::from_digits(&d);
    if e >= 0 {
        num.mul_pow5(e as u32);
        let (q, sticky, shift) = num.top(TOP_BITS);
        return Some(round(q, sticky, shift as i64 + e));
    }
    // value = D / 5^-e × 2^e: the quotient scaled by 2^k to TOP_BITS or TOP_BITS + 1 bits.
    let mut den = Big::one();
    den.mul_pow5(e.unsigned_abs() as u32);
    let k = TOP_BITS as i64 + den.bits() as i64 - num.bits() as i64;
    if k >= 0 {
        num.shl(k as u32);
    } else {
        den.shl(k.unsigned_abs() as u32);
    }
    let (q, sticky) = num.divide(&den, TOP_BITS + 1);
    Some(round(q, sticky, e - k))
}

/// Digits kept of a longer number (core's parser keeps 768); the rest are summed up in one nonzero digit.
const MAX_DIGITS: usize = 800;

/// The bits of the value [`round`] is given: enough above the 53 of an `f64` for one correct rounding.
const TOP_BITS: u32 = 64;

/// 10^0 ..= 10^22, each exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The `f64` nearest to (q + something below 1 when `sticky`) × 2^e2, a tie to even: normal, subnormal, zero or
/// infinite as IEEE 754 rounds it.
fn round(q: u128, sticky: bool, e2: i64) -> f64 {
    let bits = 128 - i64::from(q.leading_zeros());
    // The exponent of the result's last bit: 53 significant bits, or fewer below the normal range.
    let mut lsb = (bits - 53 + e2).max(-1074);
    let shift = lsb - e2;
    let mut m = if shift >= 128 {
        0
    } else if shift <= 0 {
        q << shift.unsigned_abs()
    } else {
        let m = q >> shift;
        let rest = q & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        m + u128::from(rest > half || (rest == half && (sticky || m & 1 == 1)))
    };
    if m == 1 << 53 {
        m = 1 << 52;
        lsb += 1;
    }
    if m < 1 << 52 {
        // Subnormal (lsb is -1074) or zero: the bits are the value in units of 2^-1074.
        return f64::from_bits(m as u64);
    }
    let biased = lsb + 52 + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (m as u64 & ((1 << 52) - 1)))
}

/// A nonnegative integer, 32-bit limbs from the least significant.
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(d: &[u8]) -> Big {
        let mut b = Big(Vec::with_capacity(d.len() / 9 + 1));
        for chunk in d.chunks(9) {
            let (mul, add) = chunk.iter().fold((1u32, 0u32), |(m, a), &x| (m * 10, a * 10 + u32::from(x)));
            b.mul_add(mul, add);
        }
        b
    }

    /// self = self × m + a.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// self = self × 5^n.
    fn mul_pow5(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(13);
            self.mul_add(5u32.pow(step), 0);
            n -= step;
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        self.0.get(..top).and_then(|l| l.last()).map_or(0, |&l| (top as u32) * 32 - l.leading_zeros())
    }

    fn bit(&self, i: u32) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|&l| l >> (i % 32) & 1 == 1)
    }

    /// self = self × 2^n.
    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = *limb;
                *limb = (x << bits) | carry;
                carry = x >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// The top `n` bits (all of them when there are fewer), whether any bit below them is set, and how many bits
    /// are below them: self = (q + something below 1 when sticky) × 2^shift.
    fn top(&self, n: u32) -> (u128, bool, u32) {
        let bits = self.bits();
        let shift = bits.saturating_sub(n);
        let q = (shift..bits).rev().fold(0u128, |q, i| q << 1 | u128::from(self.bit(i)));
        (q, (0..shift).any(|i| self.bit(i)), shift)
    }

    /// The quotient self / den (known to be below 2^n) and whether there is a remainder; self is used up.
    fn divide(&mut self, den: &Big, n: u32) -> (u128, bool) {
        let mut q = 0u128;
        for i in (0..n).rev() {
            let mut d = Big(den.0.clone());
            d.shl(i);
            q <<= 1;
            if self.at_least(&d) {
                self.sub(&d);
                q |= 1;
            }
        }
        (q, self.bits() > 0)
    }

    fn at_least(&self, other: &Big) -> bool {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self = self - other (other at most self).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(x < 0);
            *limb = x.rem_euclid(1 << 32) as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        assert_eq!(parse(text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits), "{text:?}");
    }

    #[test]
    fn reads_as_core_reads() {
        for t in [
            "0", "00", "0.0", "1", "12", "0.5", "3.", ".25", "007.50", "2500", "0.01", "1.5", "123456.789",
            "9007199254740993", "9007199254740992", "9007199254740991", "18446744073709551615",
            "18446744073709551616", "0.1", "0.2", "0.3", "1.005", "99.995", "0.285",
            // Ties and near-ties in binary, long and short.
            "9007199254740993.0000000000000000000000000000001", "9007199254740992.9999999999999",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000022250738585072011",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000049406564584124654",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024703282292062327",
            "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024703282292062328",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "179769313486231580000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1797693134862315708145274237317043567981000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1", "10000000000000000000000", "100000000000000000000000", "123456789012345678901234567890",
        ] {
            same(t);
        }
        for t in ["", ".", "1.2.3", "1,5", "-1", "+1", "1e5", "inf", "NaN", " 1", "1 "] {
            assert_eq!(parse(t), None, "{t:?}");
        }
        // Very long numbers: the digits past MAX_DIGITS decide only as "something more".
        let long = format!("9007199254740993{}1", "0".repeat(900));
        same(&long);
        let long = format!("0.{}9007199254740993{}1", "0".repeat(290), "0".repeat(900));
        same(&long);
        same(&format!("1{}", "0".repeat(400)));
        same(&format!("0.{}1", "0".repeat(400)));
    }

    /// The digits `shortest` and `fixed` write, and random digit strings of every length and scale.
    #[test]
    fn reads_random_numbers_as_core_reads() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3_000 {
            let v = f64::from_bits(next() % 0x7FF0_0000_0000_0000);
            for d in [1, 3, 15, 16, 17] {
                let t = super::super::num::exp(v, d);
                let (m, k) = t.split_once('e').expect("exp writes an exponent");
                let k: i64 = k.parse().expect("exponent");
                let digits = m.replace('.', "");
                // digits × 10^(k - d) written without an exponent.
                let s = k - i64::from(d);
                let text = if s >= 0 {
                    format!("{digits}{}", "0".repeat(s as usize))
                } else {
                    let s = s.unsigned_abs() as usize;
                    let padded = format!("{}{digits}", "0".repeat((s + 1).saturating_sub(digits.len())));
                    format!("{}.{}", &padded[..padded.len() - s], &padded[padded.len() - s..])
                };
                same(&text);
            }
            let len = (next() % 40 + 1) as usize;
            let digits: String = (0..len).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            let dot = (next() % (len as u64 + 1)) as usize;
            same(&format!("{}.{}", &digits[..dot], &digits[dot..]));
            same(&digits);
        }
    }
}
