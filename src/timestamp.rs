//! Timestamps as real exports write them, read into one instant: milliseconds since the Unix
//! epoch, UTC.
//!
//! Accepted forms (a value with no zone is taken as UTC, and says so through [`Parsed::zoned`]):
//! - ISO 8601 / RFC 3339: `2018-10-10T20:19:24Z`, `2018-10-10T20:19:24.123+02:00`,
//!   `2018-10-10 20:19:24`, `2018-10-10T20:19`, `2018-10-10`;
//! - Unix time: seconds (`1539202764`, `1539202764.5`) or milliseconds (`1539202764123`),
//!   told apart by magnitude (a value of 10^11 or more is milliseconds: that is year 5138 in
//!   seconds but 1973 in milliseconds);
//! - the IRA CSVs' `M/D/YYYY H:MM` (and `H:MM:SS`);
//! - Twitter API v1.1's `Wed Oct 10 20:19:24 +0000 2018`;
//! - RFC 2822 (mail, RSS): `Wed, 10 Oct 2018 20:19:24 +0000`.
//!
//! Anything else is `None`: callers count unparseable timestamps, they never fail on one.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// A parsed timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Parsed {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub millis: i64,
    /// Whether the text gave a zone or offset (Unix times count as zoned); without one, the
    /// value was read as UTC.
    pub zoned: bool,
}

/// Formats with an explicit offset, tried after RFC 3339.
const ZONED_FORMATS: &[&str] = &[
    "%a %b %d %H:%M:%S %z %Y", // Twitter API v1.1
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

/// Formats without a zone, read as UTC.
const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

/// Read `text` as a timestamp; `None` when it is in none of the accepted forms.
pub fn parse(text: &str) -> Option<Parsed> {
    let s = text.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Some(p) = parse_unix(s) {
        return Some(p);
    }
    let zoned = |dt: DateTime<chrono::FixedOffset>| Parsed {
        millis: dt.timestamp_millis(),
        zoned: true,
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(zoned(dt));
    }
    if let Some(dt) = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix(" UTC"))
        .and_then(parse_naive)
    {
        return Some(Parsed {
            millis: dt.and_utc().timestamp_millis(),
            zoned: true,
        });
    }
    for format in ZONED_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Some(zoned(dt));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(zoned(dt));
    }
    parse_naive(s).map(|dt| Parsed {
        millis: dt.and_utc().timestamp_millis(),
        zoned: false,
    })
}

/// A date and time without a zone, or a bare date (midnight).
fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    NAIVE_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// Unix seconds or milliseconds, optionally with a fraction.
fn parse_unix(s: &str) -> Option<Parsed> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || whole.len() > 16
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let value: f64 = s.parse().ok()?;
    let millis = if value.abs() >= 1e11 {
        value
    } else {
        value * 1000.0
    };
    // Years 0..=9999 only, as chrono can print them.
    (millis.abs() < 253_402_300_800_000.0).then_some(Parsed {
        millis: millis.round() as i64,
        zoned: true,
    })
}

/// `millis` as ISO 8601 in UTC with second precision (`2018-10-10T20:19:24Z`).
pub fn format_utc(millis: i64) -> String {
    match DateTime::from_timestamp_millis(millis) {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => String::new(),
    }
}

/// The UTC calendar day of `millis` (`2018-10-10`), for per-day counts.
pub fn format_day(millis: i64) -> String {
    match DateTime::from_timestamp_millis(millis) {
        Some(dt) => dt.format("%Y-%m-%d").to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OCT_10_2018_20_19_24: i64 = 1_539_202_764_000;

    fn millis(s: &str) -> Option<i64> {
        parse(s).map(|p| p.millis)
    }

    #[test]
    fn one_instant_in_every_accepted_form() {
        for s in [
            "2018-10-10T20:19:24Z",
            "2018-10-10T20:19:24+00:00",
            "2018-10-10T22:19:24+02:00",
            "2018-10-10 20:19:24+00:00",
            "2018-10-10 20:19:24 +0000",
            "2018-10-10T20:19:24.000Z",
            "2018-10-10T20:19:24",
            "2018-10-10 20:19:24",
            "2018-10-10 20:19:24 UTC",
            "1539202764",
            "1539202764000",
            "1539202764.0",
            "10/10/2018 20:19:24",
            "Wed Oct 10 20:19:24 +0000 2018",
            "Wed, 10 Oct 2018 20:19:24 +0000",
            "  2018-10-10T20:19:24Z \n",
        ] {
            assert_eq!(millis(s), Some(OCT_10_2018_20_19_24), "{s:?}");
        }
    }

    #[test]
    fn minute_and_day_precision_forms() {
        // The IRA CSVs: month/day/year, hour without a leading zero.
        assert_eq!(millis("1/31/2017 2:39"), millis("2017-01-31T02:39:00Z"));
        assert_eq!(millis("12/1/2016 22:05"), millis("2016-12-01T22:05:00Z"));
        assert_eq!(millis("2017-01-31T02:39"), millis("2017-01-31T02:39:00Z"));
        assert_eq!(millis("2017-01-31"), millis("2017-01-31T00:00:00Z"));
        assert_eq!(millis("2018-10-10T20:19:24.5Z"), Some(1_539_202_764_500));
        assert_eq!(millis("1539202764123"), Some(1_539_202_764_123));
    }

    #[test]
    fn zone_is_reported() {
        assert!(parse("2018-10-10T20:19:24Z").unwrap().zoned);
        assert!(parse("1539202764").unwrap().zoned);
        assert!(!parse("2018-10-10 20:19:24").unwrap().zoned);
        assert!(!parse("1/31/2017 2:39").unwrap().zoned);
    }

    #[test]
    fn garbage_is_none_never_a_panic() {
        for s in [
            "",
            "   ",
            "yesterday",
            "2018-13-45",
            "2018-02-30T00:00:00Z",
            "99999999999999999999999",
            "1e400",
            "-",
            ".",
            "12:30",
            "NaN",
            "inf",
            "Wed Oct 10 25:19:24 +0000 2018",
            &"9".repeat(200),
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn formats_back_to_iso() {
        assert_eq!(format_utc(OCT_10_2018_20_19_24), "2018-10-10T20:19:24Z");
        assert_eq!(format_day(OCT_10_2018_20_19_24), "2018-10-10");
        assert_eq!(format_utc(i64::MAX), "");
    }
}
