//! Counts over every item of a report, for the summary and the plots: a few map updates per
//! item (O(1), no per-item allocation once a key has been seen), memory bounded by the number
//! of distinct levels, languages, campaigns, rule codes and days — the last capped.

use crate::timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// Bins of the score histogram over (0, 1]; items scoring exactly 0 are counted apart (they
/// are most of any batch and would flatten the picture).
pub const SCORE_BINS: usize = 20;

/// Most distinct (campaign, day) pairs counted; past it, items are counted in
/// [`Aggregates::days_dropped`] (a corpus spanning 30 years with 9 campaigns stays below it).
pub const MAX_DAY_KEYS: usize = 100_000;

/// Levels in display order.
pub const LEVELS: [&str; 3] = ["high", "medium", "low"];

/// What the aggregates need of one item (besides its rule codes): cells of its report row.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFacts<'a> {
    pub score: f64,
    pub level: &'a str,
    pub lang: &'a str,
    /// Best-matching campaign id, empty if none.
    pub campaign: &'a str,
    pub timestamp: &'a str,
}

/// Counts over every item.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Aggregates {
    pub items: u64,
    pub by_level: BTreeMap<String, u64>,
    pub by_language: BTreeMap<String, u64>,
    /// Items whose best campaign is this one.
    pub by_campaign: BTreeMap<String, u64>,
    /// Campaign → language → items (items with a campaign only).
    pub campaign_language: BTreeMap<String, BTreeMap<String, u64>>,
    /// Rule code → items on which it counted (heuristics that fired, indicators that counted
    /// for the best campaign).
    pub by_rule: BTreeMap<String, u64>,
    /// Level → histogram of scores > 0 in [`SCORE_BINS`] bins of equal width.
    pub score_histogram: BTreeMap<String, [u64; SCORE_BINS]>,
    /// Items scoring exactly 0.
    pub zero_scores: u64,
    /// Day (days since 1970-01-01, UTC) → items.
    pub per_day: BTreeMap<i64, u64>,
    /// Campaign → day → items whose best campaign it is.
    pub per_day_campaign: BTreeMap<String, BTreeMap<i64, u64>>,
    pub timestamps_missing: u64,
    pub timestamps_unreadable: u64,
    /// Items with a readable timestamp not counted per day because of [`MAX_DAY_KEYS`].
    pub days_dropped: u64,
    day_keys: usize,
}

/// Count one more `key` in `map`, allocating the key only the first time.
fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_owned(), 1);
        }
    }
}

/// The entry of `key` in `map`, inserted with its default the first time.
fn entry<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key).expect("just inserted")
}

/// The histogram bin of a score > 0.
pub fn score_bin(score: f64) -> usize {
    ((score * SCORE_BINS as f64).ceil() as usize).clamp(1, SCORE_BINS) - 1
}

impl Aggregates {
    /// Count one item, with the codes of the rules that counted on it (the report's
    /// `interference_rules` and `campaign_rules`).
    pub fn add<'r>(&mut self, item: &ItemFacts<'_>, rules: impl IntoIterator<Item = &'r str>) {
        self.items += 1;
        bump(&mut self.by_level, item.level);
        bump(&mut self.by_language, item.lang);
        if item.score > 0.0 {
            entry(&mut self.score_histogram, item.level)[score_bin(item.score)] += 1;
        } else {
            self.zero_scores += 1;
        }
        if !item.campaign.is_empty() {
            bump(&mut self.by_campaign, item.campaign);
            bump(entry(&mut self.campaign_language, item.campaign), item.lang);
        }
        for code in rules {
            bump(&mut self.by_rule, code);
        }
        self.add_day(item);
    }

    fn add_day(&mut self, item: &ItemFacts<'_>) {
        if item.timestamp.trim().is_empty() {
            self.timestamps_missing += 1;
            return;
        }
        let Some(day) = utc_day(item.timestamp) else {
            self.timestamps_unreadable += 1;
            return;
        };
        let new_keys = usize::from(!self.per_day.contains_key(&day))
            + usize::from(
                !item.campaign.is_empty()
                    && !self
                        .per_day_campaign
                        .get(item.campaign)
                        .is_some_and(|days| days.contains_key(&day)),
            );
        if self.day_keys + new_keys > MAX_DAY_KEYS {
            self.days_dropped += 1;
            return;
        }
        self.day_keys += new_keys;
        *self.per_day.entry(day).or_default() += 1;
        if !item.campaign.is_empty() {
            *entry(&mut self.per_day_campaign, item.campaign)
                .entry(day)
                .or_default() += 1;
        }
    }

    /// Items with a readable timestamp, counted per day.
    pub fn dated_items(&self) -> u64 {
        self.per_day.values().sum()
    }
}

/// The UTC day (days since 1970-01-01) of a timestamp, as [`timestamp::parse`] reads it.
pub fn utc_day(text: &str) -> Option<i64> {
    iso_utc_day(text).or_else(|| timestamp::parse(text).map(|p| p.millis.div_euclid(86_400_000)))
}

/// The day of the commonest form, ISO 8601 in UTC or without a zone (`2024-03-01`,
/// `2024-03-01T10:03`, `2024-03-01 10:03:00.5Z`), read without the general parser: its
/// date is its UTC day. `None` for anything else (an offset, a leap second, another form),
/// which [`utc_day`] hands to [`timestamp::parse`]. A test checks that both agree.
fn iso_utc_day(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let mut rest = &b[10..];
    if !rest.is_empty() {
        // [T ]HH:MM[:SS[.fraction]][Z]
        if !matches!(rest[0], b'T' | b' ') || rest.get(3) != Some(&b':') {
            return None;
        }
        let time = &rest[1..];
        let two = |at: usize| -> Option<u32> {
            let d = time.get(at..at + 2)?;
            (d[0].is_ascii_digit() && d[1].is_ascii_digit())
                .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
        };
        if two(0)? > 23 || two(3)? > 59 {
            return None;
        }
        rest = &time[5..];
        if rest.first() == Some(&b':') {
            if two(6)? > 59 {
                return None; // a leap second: the general parser decides
            }
            rest = &rest[3..];
            if let Some(fraction) = rest.strip_prefix(b".") {
                let digits = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
                if digits == 0 {
                    return None;
                }
                rest = &fraction[digits..];
            }
        }
        if rest == b"Z" {
            rest = b"";
        }
        if !rest.is_empty() {
            return None;
        }
    }
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some(i64::from(chrono::Datelike::num_days_from_ce(&date)) - EPOCH_DAYS_FROM_CE)
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// `day` (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn day_label(day: i64) -> String {
    timestamp::format_day(day.saturating_mul(86_400_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item<'a>(score: f64, level: &'a str, campaign: &'a str, ts: &'a str) -> ItemFacts<'a> {
        ItemFacts {
            score,
            level,
            lang: "en",
            campaign,
            timestamp: ts,
        }
    }

    /// Count an item with the rules its score and campaign imply.
    fn add(a: &mut Aggregates, item: ItemFacts<'_>) {
        let mut rules = Vec::new();
        if item.score > 0.5 {
            rules.extend(["RU-EN-A", "RU-EN-B"]);
        }
        if !item.campaign.is_empty() {
            rules.push("MAT-001");
        }
        a.add(&item, rules);
    }

    #[test]
    fn counts_levels_campaigns_rules_bins_and_days() {
        let mut a = Aggregates::default();
        add(&mut a, item(0.0, "low", "", "2024-03-01T09:00:00Z"));
        add(
            &mut a,
            item(0.97, "high", "matryoshka", "2024-03-01T23:59:59Z"),
        );
        add(&mut a, item(0.6, "medium", "matryoshka", "1/2/2024 3:04"));
        add(&mut a, item(0.05, "low", "", ""));
        add(&mut a, item(0.05, "low", "", "yesterday"));
        assert_eq!(a.items, 5);
        assert_eq!(a.by_level["low"], 3);
        assert_eq!(a.by_campaign["matryoshka"], 2);
        assert_eq!(a.campaign_language["matryoshka"]["en"], 2);
        assert_eq!(a.by_rule["RU-EN-A"], 2);
        assert_eq!(a.by_rule["MAT-001"], 2);
        assert_eq!(a.zero_scores, 1);
        assert_eq!(a.score_histogram["high"][19], 1);
        assert_eq!(a.score_histogram["medium"][11], 1); // (0.55, 0.60]
        assert_eq!(a.score_histogram["low"][0], 2);
        assert_eq!(a.timestamps_missing, 1);
        assert_eq!(a.timestamps_unreadable, 1);
        let march_1 = 19783; // 2024-03-01
        assert_eq!(day_label(march_1), "2024-03-01");
        assert_eq!(a.per_day[&march_1], 2);
        assert_eq!(a.per_day_campaign["matryoshka"][&march_1], 1);
        assert_eq!(a.per_day_campaign["matryoshka"][&(march_1 - 59)], 1); // 2024-01-02
        assert_eq!(a.dated_items(), 3);
    }

    #[test]
    fn the_fast_path_agrees_with_the_timestamp_parser() {
        let general = |s: &str| timestamp::parse(s).map(|p| p.millis.div_euclid(86_400_000));
        let mut fast = 0;
        for s in [
            "2024-03-01",
            "1970-01-01",
            "1969-12-31T23:59:59Z",
            "2024-02-29T10:03:00Z",
            "2023-02-29T10:03:00Z",
            "2024-03-01T10:03",
            "2024-03-01 10:03:00",
            "2024-03-01T10:03:00.123456Z",
            "2024-03-01T10:03:00.Z",
            "  2024-03-01T23:59:59Z\n",
            "2024-03-01T24:00:00Z",
            "2024-03-01T23:60:00Z",
            "2016-12-31T23:59:60Z",
            "2024-03-01T10:03:00+02:00",
            "2024-03-01T01:03:00-05:00",
            "2024-03-01T10:03:00 +0000",
            "2024-03-01T10:03:00 UTC",
            "2024-3-01",
            "2024-03-1T10:00:00Z",
            "2024-13-01",
            "2024-03-01X",
            "2024-03-01T1:03",
            "0001-01-01",
            "9999-12-31T23:59:59Z",
            "1/31/2017 2:39",
            "1539202764",
            "Wed Oct 10 20:19:24 +0000 2018",
            "",
        ] {
            if let Some(day) = iso_utc_day(s) {
                fast += 1;
                assert_eq!(Some(day), general(s), "{s:?}");
            }
            assert_eq!(utc_day(s), general(s), "{s:?}");
        }
        assert!(
            fast >= 10,
            "the fast path should take the common forms ({fast})"
        );
    }

    #[test]
    fn bins_cover_the_unit_interval() {
        assert_eq!(score_bin(1e-9), 0);
        assert_eq!(score_bin(0.05), 0);
        assert_eq!(score_bin(0.0500001), 1);
        assert_eq!(score_bin(1.0), SCORE_BINS - 1);
        assert_eq!(score_bin(7.0), SCORE_BINS - 1);
    }

    #[test]
    fn distinct_days_are_capped() {
        let mut a = Aggregates::default();
        let stamps: Vec<String> = (0..(MAX_DAY_KEYS as i64 + 10))
            .map(|d| (d * 86_400).to_string())
            .collect();
        for s in &stamps {
            add(&mut a, item(0.0, "low", "", s));
        }
        assert_eq!(a.per_day.len(), MAX_DAY_KEYS);
        assert_eq!(a.days_dropped, 10);
    }
}
