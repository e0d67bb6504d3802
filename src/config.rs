//! Scoring configuration: `--config calque.toml`, defaults embedded (`data/calque.toml`
//! documents them and a test keeps it equal to [`Config::default`]).

use crate::error::{line_col, Fatal, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub score: ScoreConfig,
    pub interference: InterferenceConfig,
    pub narratives: NarrativesConfig,
    pub langid: LangIdConfig,
    /// Weight overrides by heuristic code or indicator id, each in [0, 1].
    pub weights: BTreeMap<String, f64>,
    /// The accounts rollup: level rule and native base rates (`src/accounts/config.rs`).
    pub accounts: crate::accounts::AccountsConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoreConfig {
    /// How much the best campaign score counts in the overall score.
    pub campaign_weight: f64,
    /// How much the interference score counts in the overall score. Below `high`, so that
    /// language evidence alone never makes an item "high".
    pub interference_weight: f64,
    /// How much the best narrative score counts in the overall score. Below `high`, so that
    /// a known narrative alone never makes an item "high".
    pub narrative_weight: f64,
    /// Highest overall score of an item whose text debunks or reports on what it matched.
    pub context_cap: f64,
    /// Overall score at or above which an item's level is "high".
    pub high: f64,
    /// Overall score at or above which an item's level is "medium".
    pub medium: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InterferenceConfig {
    /// Item length (in word tokens) up to which tells are not diluted: a tweet.
    pub reference_tokens: f64,
    /// Saturation scale: interference = 1 - exp(-density / scale).
    pub scale: f64,
    /// Repeated hits of one heuristic count up to this many times (as a square root).
    pub max_repeats: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NarrativesConfig {
    /// Lowest narrative score reported (share of the claim's BM25 weight the item covers).
    pub threshold: f64,
    /// Fewest distinct claim terms an item must share with a claim.
    pub min_terms: usize,
}

impl Default for NarrativesConfig {
    fn default() -> Self {
        NarrativesConfig {
            threshold: 0.4,
            min_terms: 3,
        }
    }
}

impl NarrativesConfig {
    pub fn params(&self) -> crate::narratives::MatchParams {
        crate::narratives::MatchParams {
            threshold: self.threshold,
            min_terms: self.min_terms,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LangIdConfig {
    /// Languages whatlang may answer (ISO 639-1). Empty: the languages the heuristics and
    /// rules cover plus Russian and Ukrainian.
    pub allow: Vec<String>,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            campaign_weight: 1.0,
            interference_weight: 0.6,
            narrative_weight: 0.6,
            context_cap: 0.6,
            high: 0.7,
            medium: 0.4,
        }
    }
}

impl Default for InterferenceConfig {
    fn default() -> Self {
        InterferenceConfig {
            reference_tokens: 25.0,
            scale: 1.0,
            max_repeats: 3,
        }
    }
}

/// The documented defaults, as shipped in `data/calque.toml`.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../data/calque.toml");

/// Level of an overall score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

impl Config {
    /// Parse a config file; errors name the file, line and column.
    pub fn parse(origin: &str, text: &str) -> Result<Self> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            Fatal::config(format!("{origin}:{line}:{col}: {}", e.message()))
        })?;
        config.validate(origin)?;
        Ok(config)
    }

    pub fn load(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Fatal::config(format!("{}: cannot read config: {e}", path.display())))?;
        Self::parse(&path.display().to_string(), &text)
    }

    fn validate(&self, origin: &str) -> Result<()> {
        let s = &self.score;
        let unit = |name: &str, v: f64| -> Result<()> {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(Fatal::config(format!(
                    "{origin}: {name} = {v} must be within [0, 1]"
                )))
            }
        };
        unit("score.campaign_weight", s.campaign_weight)?;
        unit("score.interference_weight", s.interference_weight)?;
        unit("score.narrative_weight", s.narrative_weight)?;
        unit("score.context_cap", s.context_cap)?;
        unit("narratives.threshold", self.narratives.threshold)?;
        if self.narratives.min_terms == 0 {
            return Err(Fatal::config(format!(
                "{origin}: narratives.min_terms must be at least 1"
            )));
        }
        unit("score.high", s.high)?;
        unit("score.medium", s.medium)?;
        if s.medium > s.high {
            return Err(Fatal::config(format!(
                "{origin}: score.medium ({}) must not exceed score.high ({})",
                s.medium, s.high
            )));
        }
        if self.interference.reference_tokens <= 0.0
            || self.interference.scale <= 0.0
            || self.interference.max_repeats == 0
        {
            return Err(Fatal::config(format!(
                "{origin}: interference.reference_tokens, scale and max_repeats must be positive"
            )));
        }
        for (code, w) in &self.weights {
            unit(&format!("weights.{code}"), *w)?;
        }
        self.accounts.validate(origin)
    }

    pub fn level(&self, score: f64) -> Level {
        if score >= self.score.high {
            Level::High
        } else if score >= self.score.medium {
            Level::Medium
        } else {
            Level::Low
        }
    }

    /// Serialize as TOML (used by `calque tune`).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("config serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_file_matches_the_built_in_defaults() {
        assert_eq!(
            Config::parse("data/calque.toml", DEFAULT_CONFIG_TOML).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn partial_files_keep_other_defaults() {
        let c = Config::parse(
            "c.toml",
            "[score]\nhigh = 0.8\n[weights]\n\"RU-EN-LEX-001\" = 0.2\n",
        )
        .unwrap();
        assert_eq!(c.score.high, 0.8);
        assert_eq!(c.score.medium, ScoreConfig::default().medium);
        assert_eq!(c.weights["RU-EN-LEX-001"], 0.2);
    }

    #[test]
    fn invalid_values_are_reported_with_location() {
        let e = Config::parse("c.toml", "[score]\nhihg = 0.8\n").unwrap_err();
        assert!(e.message.starts_with("c.toml:2:1:"), "{}", e.message);
        let e = Config::parse("c.toml", "[score]\nhigh = 0.3\nmedium = 0.5\n").unwrap_err();
        assert!(e.message.contains("must not exceed"), "{}", e.message);
        let e = Config::parse("c.toml", "[weights]\nX = 2.0\n").unwrap_err();
        assert!(e.message.contains("weights.X"), "{}", e.message);
    }

    #[test]
    fn levels_follow_thresholds() {
        let c = Config::default();
        assert_eq!(c.level(0.7), Level::High);
        assert_eq!(c.level(0.69), Level::Medium);
        assert_eq!(c.level(0.4), Level::Medium);
        assert_eq!(c.level(0.39), Level::Low);
    }

    #[test]
    fn round_trips_through_toml() {
        let mut c = Config::default();
        c.weights.insert("MAT-001".into(), 0.25);
        assert_eq!(Config::parse("x", &c.to_toml()).unwrap(), c);
    }
}
