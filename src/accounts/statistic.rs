//! The account-level interference test.
//!
//! Under the null hypothesis, the account writes like the native writers of the base-rate
//! corpora: its interference hits (one per heuristic per post) are a Poisson count with mean
//! `λ0 = Σ_lang words_lang · rate_lang`, the rate being the sum of the native base rates of the
//! language's heuristic families. The p-value is the exact upper tail `P(X ≥ k | λ0)`, from the
//! regularized incomplete gamma function (`statrs`). Across the accounts of a batch, the
//! p-values are adjusted by the Benjamini–Hochberg step-up procedure (`adjustp`), so that among
//! accounts called "high" or "medium" on this evidence the expected share of natives stays at
//! most the configured false discovery rate — as far as the base rates hold for them.

use statrs::distribution::{DiscreteCDF, Poisson};

/// `P(X ≥ hits)` for `X ~ Poisson(expected)`: 1 when nothing was seen; 0 when hits were seen
/// where none can be expected.
pub fn poisson_upper_tail(hits: u64, expected: f64) -> f64 {
    if hits == 0 {
        return 1.0;
    }
    // Also NaN: no native expectation at all.
    if expected.is_nan() || expected <= 0.0 {
        return 0.0;
    }
    match Poisson::new(expected) {
        // sf(x) = P(X > x).
        Ok(d) => d.sf(hits - 1).clamp(0.0, 1.0),
        Err(_) => 0.0,
    }
}

/// Benjamini–Hochberg adjusted p-values (q-values), in the order given.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    adjustp::adjust(p, adjustp::Procedure::BenjaminiHochberg)
}
