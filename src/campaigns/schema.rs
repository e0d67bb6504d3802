//! The TOML rule-file format (documented in `docs/rules.md`) and its validation.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub campaign: CampaignDef,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<IndicatorDef>,
    /// Claims the campaign spreads, matched like `--narratives` claims (`docs/rules.md`).
    #[serde(default, rename = "narrative")]
    pub narratives: Vec<NarrativeDef>,
}

/// A known claim of the campaign: matched by the narrative index, never a phrase.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeDef {
    /// Unique across all indicators and narratives, e.g. "S1516-N01".
    pub id: Spanned<String>,
    /// "en" or "fr": the language of the claim and of the items it is matched against.
    pub lang: Spanned<String>,
    /// The claim, in one sentence, as a fact-checker would summarise it.
    pub claim: Spanned<String>,
    /// Where it comes from: report and date.
    pub source: Spanned<String>,
    /// A fact-check or report URL, shown in `narrative_source`.
    #[serde(default)]
    pub url: String,
    /// Texts the claim must be the best match of (at or above the threshold).
    pub fires_on: Vec<String>,
    /// Texts it must not be matched on.
    #[serde(default)]
    pub must_not_fire_on: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignDef {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
    /// DISARM technique ids, e.g. "T0084.001".
    #[serde(default)]
    pub disarm: Vec<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Literal phrases matched on the normalized view, at word boundaries.
    Phrase,
    /// One regular expression matched on the normalized view.
    Regex,
    /// Hosts (and their subdomains) linked or named in the text.
    Domain,
    /// Links to given pages or accounts: a URL's host and the start of its path
    /// ("t.me/channel", "youtube.com/@name"), for platforms where a domain says nothing.
    Url,
    /// Hashtags, without '#'.
    Hashtag,
    /// A link whose host imitates a protected outlet's domain (see `data/outlets.toml`).
    Typosquat,
    /// Fires when every indicator in `of` fires.
    AllOf,
    /// Fires when at least `min` (default 1) indicators in `of` fire.
    AnyOf,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Phrase => "phrase",
            Kind::Regex => "regex",
            Kind::Domain => "domain",
            Kind::Url => "url",
            Kind::Hashtag => "hashtag",
            Kind::Typosquat => "typosquat",
            Kind::AllOf => "all_of",
            Kind::AnyOf => "any_of",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: Spanned<String>,
    pub kind: Spanned<Kind>,
    /// Contribution in [0, 1] when the indicator fires (0 for building blocks).
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    /// A building block: used by `all_of`/`any_of`, contributes nothing alone.
    #[serde(default)]
    pub part: bool,
    /// ISO 639-1 codes of the item languages the indicator applies to; empty means any.
    #[serde(default)]
    pub languages: Vec<Spanned<String>>,
    pub description: String,
    pub source: Spanned<String>,
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub domains: Vec<Spanned<String>>,
    #[serde(default)]
    pub urls: Vec<Spanned<String>>,
    #[serde(default)]
    pub hashtags: Vec<Spanned<String>>,
    /// Outlet ids from `data/outlets.toml` for `typosquat` (empty means every outlet).
    #[serde(default)]
    pub outlets: Vec<Spanned<String>>,
    #[serde(default)]
    pub of: Vec<Spanned<String>>,
    #[serde(default)]
    pub min: Option<Spanned<usize>>,
    #[serde(default)]
    pub fires_on: Vec<String>,
    #[serde(default)]
    pub must_not_fire_on: Vec<String>,
}
