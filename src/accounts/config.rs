//! The `[accounts]` section of the configuration: the level rule's thresholds and the native
//! base rates of the interference test (`docs/scoring.md`, "Accounts").
//!
//! The base rates' defaults are the `[accounts.base_rates.*]` tables of the shipped
//! `data/calque.toml`, which `scripts/base-rates.sh` writes: the file is their single source,
//! so a refit changes no code. A config file's `[accounts.base_rates.LANG]` entries override
//! the defaults one by one.

use crate::error::{Fatal, Result};
use crate::heuristics;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    /// Fewer words than this in the languages the heuristics cover (or fewer than `min_posts`
    /// posts): the interference test is not decided and the account is "insufficient".
    pub min_words: u64,
    pub min_posts: u64,
    /// Interference makes an account "medium" when its Benjamini–Hochberg adjusted p-value
    /// (q) is at most `fdr_medium`, "high" at most `fdr_high`.
    pub fdr_high: f64,
    pub fdr_medium: f64,
    /// Interference alone never rests on one post: at least this many posts with a hit.
    pub min_posts_with_interference: u64,
    /// "high" from interference also needs hits of this many distinct heuristics, so that
    /// one writer's single habit is not enough.
    pub high_min_distinct_heuristics: u64,
    /// A campaign indicator matched in n posts counts as sqrt(min(n, this)) matches.
    pub campaign_max_repeats: u64,
    /// Ids of this many best-scored evidence posts are listed per account.
    pub top_evidence: usize,
    /// Native rate of interference hits (one per heuristic per post) per 1,000 words, by
    /// language and heuristic family.
    pub base_rates: BaseRates,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        AccountsConfig {
            min_words: 500,
            min_posts: 10,
            fdr_high: 0.01,
            fdr_medium: 0.05,
            min_posts_with_interference: 2,
            high_min_distinct_heuristics: 2,
            campaign_max_repeats: 3,
            top_evidence: 3,
            base_rates: BaseRates::default(),
        }
    }
}

/// Base rates per 1,000 words: language code → family name → rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct BaseRates(pub BTreeMap<String, BTreeMap<String, f64>>);

impl Default for BaseRates {
    fn default() -> Self {
        BaseRates(shipped_base_rates().clone())
    }
}

impl<'de> Deserialize<'de> for BaseRates {
    /// The given entries over the shipped defaults.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let given = BTreeMap::<String, BTreeMap<String, f64>>::deserialize(d)?;
        let mut rates = shipped_base_rates().clone();
        for (lang, families) in given {
            rates.entry(lang).or_default().extend(families);
        }
        Ok(BaseRates(rates))
    }
}

/// The `[accounts.base_rates]` tables of the shipped `data/calque.toml`.
fn shipped_base_rates() -> &'static BTreeMap<String, BTreeMap<String, f64>> {
    static RATES: OnceLock<BTreeMap<String, BTreeMap<String, f64>>> = OnceLock::new();
    RATES.get_or_init(|| {
        let table: toml::Table =
            toml::from_str(crate::config::DEFAULT_CONFIG_TOML).expect("data/calque.toml parses");
        table
            .get("accounts")
            .and_then(|a| a.get("base_rates"))
            .cloned()
            .map(|v| {
                v.try_into()
                    .expect("data/calque.toml: base rates are numbers")
            })
            .unwrap_or_default()
    })
}

impl AccountsConfig {
    pub fn validate(&self, origin: &str) -> Result<()> {
        let err = |m: String| Err(Fatal::config(format!("{origin}: accounts.{m}")));
        for (name, v) in [("fdr_high", self.fdr_high), ("fdr_medium", self.fdr_medium)] {
            if !(v > 0.0 && v < 1.0) {
                return err(format!("{name} = {v} must be within (0, 1)"));
            }
        }
        if self.fdr_high > self.fdr_medium {
            return err(format!(
                "fdr_high ({}) must not exceed fdr_medium ({})",
                self.fdr_high, self.fdr_medium
            ));
        }
        if self.campaign_max_repeats == 0 || self.top_evidence > 100 {
            return err(
                "campaign_max_repeats must be positive and top_evidence at most 100".into(),
            );
        }
        for (lang, families) in &self.base_rates.0 {
            let known: Vec<&str> = heuristics::all()
                .filter(|h| h.info().lang.code() == lang)
                .map(|h| h.info().family.as_str())
                .collect();
            if known.is_empty() {
                return err(format!(
                    "base_rates.{lang}: no heuristic covers language {lang:?}"
                ));
            }
            for (family, rate) in families {
                if !known.contains(&family.as_str()) {
                    return err(format!(
                        "base_rates.{lang}.{family}: no {lang} heuristic is in family {family:?} (families: {})",
                        dedup(known).join(", ")
                    ));
                }
                if !(rate.is_finite() && *rate > 0.0) {
                    return err(format!(
                        "base_rates.{lang}.{family} = {rate} must be a positive rate per 1,000 words"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The base rate per 1,000 words of `family` in `lang`. A family without a measured rate
    /// (a heuristic family added since the last `scripts/base-rates.sh`) takes the language's
    /// highest rate: the cautious guess. `None` for a language without rates.
    pub fn base_rate(&self, lang: &str, family: &str) -> Option<(f64, bool)> {
        let families = self.base_rates.0.get(lang)?;
        match families.get(family) {
            Some(&r) => Some((r, false)),
            None => families
                .values()
                .copied()
                .max_by(f64::total_cmp)
                .map(|r| (r, true)),
        }
    }
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    #[test]
    fn shipped_base_rates_cover_every_family_of_every_language() {
        let c = Config::default();
        for h in crate::heuristics::all() {
            let info = h.info();
            let (rate, fallback) = c
                .accounts
                .base_rate(info.lang.code(), info.family.as_str())
                .unwrap();
            assert!(
                rate > 0.0 && !fallback,
                "{}: rerun scripts/base-rates.sh",
                info.code
            );
        }
    }

    #[test]
    fn a_config_overrides_single_rates_and_keeps_the_others() {
        let c = Config::parse("c.toml", "[accounts.base_rates.en]\narticles = 0.5\n").unwrap();
        let d = Config::default();
        assert_eq!(c.accounts.base_rate("en", "articles"), Some((0.5, false)));
        assert_eq!(
            c.accounts.base_rate("en", "punctuation"),
            d.accounts.base_rate("en", "punctuation")
        );
        assert_eq!(c.accounts.base_rates.0["fr"], d.accounts.base_rates.0["fr"]);
    }

    #[test]
    fn invalid_accounts_settings_are_reported() {
        for (text, expected) in [
            (
                "[accounts.base_rates.en]\nbogus = 0.1\n",
                "accounts.base_rates.en.bogus",
            ),
            (
                "[accounts.base_rates.en]\narticles = -1.0\n",
                "must be a positive rate",
            ),
            (
                "[accounts.base_rates.de]\narticles = 0.1\n",
                "no heuristic covers",
            ),
            (
                "[accounts]\nfdr_high = 0.2\nfdr_medium = 0.1\n",
                "must not exceed",
            ),
            ("[accounts]\nfdr_medium = 1.5\n", "within (0, 1)"),
            ("[accounts]\nmin_word = 3\n", "c.toml:2:1"),
        ] {
            let e = Config::parse("c.toml", text).unwrap_err();
            assert!(e.message.contains(expected), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn a_family_without_a_rate_takes_the_language_s_highest() {
        let mut c = Config::default();
        let en = c.accounts.base_rates.0.get_mut("en").unwrap();
        let highest = en.values().copied().fold(0.0, f64::max);
        en.remove("verbs");
        assert_eq!(c.accounts.base_rate("en", "verbs"), Some((highest, true)));
        assert_eq!(c.accounts.base_rate("de", "verbs"), None);
    }
}
