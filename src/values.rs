//! Parsers for numeric options. A value out of range is a usage error (exit 2) that names the
//! option and what it accepts, before anything is read: no value may wrap, overflow a
//! computation or ask for an unbounded allocation later on. The CLI's flags and the Python
//! binding's keywords go through the same parsers.

/// Largest `--max-record-bytes`: a record is held whole in memory, several batches at once.
pub const MAX_RECORD_BYTES: u64 = 1 << 30;

/// Largest `--sort-memory-mib` (1 TiB): far above any machine's memory, far below a wrap.
pub const MAX_SORT_MEMORY_MIB: u64 = 1 << 20;

/// Largest `--batch-size`: a batch's slots are allocated up front.
pub const MAX_BATCH_SIZE: u64 = 1 << 20;

/// Largest `--folds`: each fold is a full fit; more folds than this is a typo.
pub const MAX_FOLDS: u64 = 1000;

/// Worker threads per core beyond which `--threads` is capped (with a warning): more only
/// adds memory and scheduling, and 100 000 threads never finish starting.
pub const THREADS_PER_CORE: usize = 4;

/// A whole number in `min..=max`.
fn whole_number_in(s: &str, min: u64, max: u64) -> Result<u64, String> {
    let range = if max == u64::MAX {
        format!("a whole number of at least {min}")
    } else {
        format!("a whole number from {min} to {max}")
    };
    match s.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("expected {range}")),
    }
}

/// `--max-record-bytes`: 1 byte to 1 GiB.
pub fn record_bytes(s: &str) -> Result<usize, String> {
    whole_number_in(s, 1, MAX_RECORD_BYTES).map(|n| n as usize)
}

/// `--sort-memory-mib`: 1 MiB to 1 TiB, returned in bytes.
pub fn sort_memory_bytes(s: &str) -> Result<usize, String> {
    let mib = whole_number_in(s, 1, MAX_SORT_MEMORY_MIB)?;
    usize::try_from(mib << 20).map_err(|_| "more memory than this machine can address".into())
}

/// `--batch-size`: 1 to 1 048 576 records.
pub fn batch_size(s: &str) -> Result<usize, String> {
    whole_number_in(s, 1, MAX_BATCH_SIZE).map(|n| n as usize)
}

/// `--top`: at least 1 row (0 would write an empty report).
pub fn top(s: &str) -> Result<usize, String> {
    whole_number_in(s, 1, u64::MAX).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// `--folds`: 2 to 1000.
pub fn folds(s: &str) -> Result<usize, String> {
    whole_number_in(s, 2, MAX_FOLDS).map(|n| n as usize)
}

/// `--threads`: any whole number (0: one per core); capped later by [`capped_threads`].
pub fn threads(s: &str) -> Result<usize, String> {
    whole_number_in(s, 0, u64::MAX).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// A score threshold: a number from 0 to 1 (NaN and infinities refused).
pub fn score(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a number from 0 to 1".into()),
    }
}

/// A finite number of at least 0.
pub fn non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("expected a finite number of at least 0".into()),
    }
}

/// `requested` worker threads, capped at [`THREADS_PER_CORE`] per core with a warning on
/// standard error.
pub fn capped_threads(requested: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = cores.saturating_mul(THREADS_PER_CORE);
    if requested > cap {
        eprintln!(
            "calque: warning: --threads {requested} is more than {THREADS_PER_CORE} per core \
({cores} cores here); using {cap}"
        );
        cap
    } else {
        requested
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_are_refused_not_wrapped() {
        assert_eq!(record_bytes("1048576"), Ok(1 << 20));
        assert!(record_bytes("18446744073709551615").is_err());
        assert!(record_bytes("18446744073709551616").is_err());
        assert!(record_bytes("0").is_err());
        assert!(record_bytes("-1").is_err());
        assert_eq!(sort_memory_bytes("64"), Ok(64 << 20));
        assert!(sort_memory_bytes("17592186044416").is_err()); // 2^44 MiB = 2^64 bytes
        assert!(sort_memory_bytes("0").is_err());
        assert!(batch_size("0").is_err());
        assert!(batch_size("18446744073709551615").is_err());
        assert!(top("0").is_err());
        assert_eq!(top("18446744073709551615"), Ok(usize::MAX));
        assert!(folds("1").is_err() && folds("1001").is_err() && folds("5") == Ok(5));
        assert_eq!(threads("0"), Ok(0));
        for bad in ["NaN", "nan", "inf", "-0.1", "1.01", "", "x"] {
            assert!(score(bad).is_err(), "{bad}");
        }
        assert_eq!(score("0.4"), Ok(0.4));
        assert_eq!(score("1"), Ok(1.0));
        for bad in ["NaN", "inf", "-1e-9", "x"] {
            assert!(non_negative(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn threads_are_capped_at_a_multiple_of_the_cores() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(capped_threads(0), 0);
        assert_eq!(capped_threads(1), 1);
        assert_eq!(capped_threads(100_000), cores * THREADS_PER_CORE);
    }
}
