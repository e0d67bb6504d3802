//! Numbers in report cells, written straight into a `String`.
//!
//! Every report row carries several fixed-decimal scores; `format!("{x:.4}")` costs far more
//! than the digits are worth (the exact-mode float formatter plus the `fmt` machinery), so
//! [`push_fixed`] computes the same digits with integer arithmetic. It is byte-identical to
//! `format!` (tests compare them over many values), including the rounding of exact ties.

/// `10^d` for the supported numbers of decimals.
const POW10: [u64; MAX_DECIMALS + 1] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];
/// Most decimals handled without `format!`.
const MAX_DECIMALS: usize = 9;
/// Magnitudes from here on (and non-finite values) go through `format!`: below it, the scaled
/// value `|x| · 10^9 < 10^24` fits a `u128` and its integer part a `u64`.
const FAST_LIMIT: f64 = 1e15;

/// Append `x` with `decimals` digits after the point, exactly as `format!("{x:.decimals$}")`.
pub fn push_fixed(out: &mut String, x: f64, decimals: usize) {
    // NaN and infinities fail `is_finite`; huge values go to `format!` too.
    if decimals > MAX_DECIMALS || !x.is_finite() || x.abs() >= FAST_LIMIT {
        use std::fmt::Write;
        let _ = write!(out, "{x:.decimals$}");
        return;
    }
    let bits = x.to_bits();
    if bits == 0 {
        // +0.0, most scores of most rows.
        out.push('0');
        if decimals > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', decimals));
        }
        return;
    }
    let biased_exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased_exponent == 0 {
        (fraction, -1074) // subnormal (or zero)
    } else {
        (fraction | (1u64 << 52), biased_exponent - 1075)
    };
    // x = mantissa · 2^exponent, so x · 10^d = mantissa · 5^d · 2^(exponent + d), exactly.
    let scaled = mantissa as u128 * 5u128.pow(decimals as u32);
    let shift = exponent + decimals as i32;
    let units: u128 = if shift >= 0 {
        scaled << shift
    } else {
        let s = shift.unsigned_abs();
        if s >= 128 {
            0 // scaled < 2^75, so the value is far below one half
        } else {
            // Round to nearest, ties to even (what `format!` does on exact ties).
            let quotient = scaled >> s;
            let remainder = scaled & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            if remainder > half || (remainder == half && quotient & 1 == 1) {
                quotient + 1
            } else {
                quotient
            }
        }
    };
    let pow = POW10[decimals] as u128;
    // |x| < 10^15: the whole part fits a u64; the fraction is below 10^decimals.
    let (whole, frac) = ((units / pow) as u64, (units % pow) as u64);
    if x.is_sign_negative() {
        out.push('-');
    }
    push_uint(out, whole);
    if decimals > 0 {
        out.push('.');
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(frac);
        for _ in digits.len()..decimals {
            out.push('0');
        }
        out.push_str(digits);
    }
}

/// Append an unsigned integer in decimal.
pub fn push_uint(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(x: f64, decimals: usize) -> String {
        let mut s = String::new();
        push_fixed(&mut s, x, decimals);
        s
    }

    fn assert_same(x: f64) {
        for d in 0..=10 {
            assert_eq!(
                fixed(x, d),
                format!("{x:.d$}"),
                "{x:e} ({:#x}) .{d}",
                x.to_bits()
            );
        }
    }

    /// A deterministic stream of 64-bit values (SplitMix64).
    fn splitmix(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn edge_cases_match_format() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.5,
            2.5,
            0.00005,
            0.99995,
            0.999_95,
            0.999_949_999,
            0.000_049_999,
            0.03125,  // exact tie at 4 decimals
            0.015625, // exact tie at 5 decimals
            0.125,
            0.375,
            0.0625,
            1e-300,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            0.1,
            0.2,
            0.3,
            2.0 / 3.0,
            1.0 / 3.0,
            123456.789,
            999_999_999_999_999.0,
            1e15 - 0.5,
            1e15,
            1e16,
            1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            -0.00001,
            -0.00005,
            -0.03125,
        ] {
            assert_same(x);
        }
    }

    #[test]
    fn every_4_decimal_boundary_matches_format() {
        // Values at, just below and just above each k/10^4 and each midpoint (k + 0.5)/10^4 in
        // [0, 2]: where rounding decides the last digit.
        for k in 0..=40_000u32 {
            for base in [k as f64 / 1e4, (k as f64 + 0.5) / 1e4] {
                let up = f64::from_bits(base.to_bits() + 1);
                let down = if base > 0.0 {
                    f64::from_bits(base.to_bits() - 1)
                } else {
                    base
                };
                for x in [base, up, down, -base] {
                    for d in [2, 3, 4] {
                        assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} .{d}");
                    }
                }
            }
        }
    }

    #[test]
    fn random_values_match_format() {
        let mut seed = 42;
        for i in 0..200_000 {
            let r = splitmix(&mut seed);
            let x = match i % 4 {
                // Scores: uniform in [0, 1).
                0 => (r >> 11) as f64 / (1u64 << 53) as f64,
                // Ratios of small integers, as shares and densities are.
                1 => ((r & 0xffff) as f64) / (((r >> 16) & 0xffff) as f64 + 1.0),
                // Any bit pattern at all.
                2 => f64::from_bits(r),
                // Dyadic values: exact ties at some number of decimals.
                _ => ((r & 0xfffff) as f64) / (1u64 << ((r >> 20) % 40)) as f64,
            };
            for d in [0, 1, 2, 3, 4, 6, 9] {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} .{d}");
            }
        }
    }

    #[test]
    fn uints_match_display() {
        let mut s = String::new();
        for n in [0, 7, 10, 99, 12345, u64::MAX] {
            s.clear();
            push_uint(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
