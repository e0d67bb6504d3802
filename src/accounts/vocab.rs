//! What the rollup needs to know of the analyzer: heuristic codes with their family and
//! language, campaign and indicator ids with the indicators' weights, and the native base
//! rate of each language. Posts refer to heuristics, campaigns and indicators by their index
//! here (the analyzer's own indices), so aggregates stay small and merge by index.

use crate::analyze::Analyzer;
use crate::config::Config;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub struct HeuristicEntry {
    pub code: &'static str,
    pub family: &'static str,
    pub lang: &'static str,
}

#[derive(Debug, Clone)]
pub struct IndicatorEntry {
    pub id: String,
    pub campaign: usize,
    /// Effective weight (config override or rule file); 0 for `part` building blocks.
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub heuristics: Vec<HeuristicEntry>,
    pub campaigns: Vec<String>,
    pub indicators: Vec<IndicatorEntry>,
    heuristic_index: HashMap<&'static str, u32>,
    campaign_index: HashMap<String, u32>,
    indicator_index: HashMap<String, u32>,
    /// Per language, the expected hits per word of a native writer: the sum of the base
    /// rates of the families that have a heuristic with a positive weight.
    pub rate_per_word: BTreeMap<&'static str, f64>,
    /// `lang/family` pairs with heuristics but no measured base rate (they took the
    /// language's highest rate).
    pub fallback_families: Vec<String>,
    pub config: Config,
}

impl Vocabulary {
    pub fn new(analyzer: &Analyzer) -> Self {
        let heuristics: Vec<HeuristicEntry> = analyzer
            .heuristics
            .iter()
            .map(|(h, _)| HeuristicEntry {
                code: h.info().code,
                family: h.info().family.as_str(),
                lang: h.info().lang.code(),
            })
            .collect();
        let set = &analyzer.campaigns;
        let campaigns: Vec<String> = set.campaigns.iter().map(|c| c.id.clone()).collect();
        let indicators: Vec<IndicatorEntry> = set
            .indicators
            .iter()
            .zip(&analyzer.indicator_weights)
            .map(|(i, &w)| IndicatorEntry {
                id: i.id.clone(),
                campaign: i.campaign,
                weight: if i.part { 0.0 } else { w },
            })
            .collect();
        // Families that can fire: those with a heuristic of positive weight.
        let mut active: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
        for ((_, weight), entry) in analyzer.heuristics.iter().zip(&heuristics) {
            if *weight > 0.0 {
                let families = active.entry(entry.lang).or_default();
                if !families.contains(&entry.family) {
                    families.push(entry.family);
                }
            }
        }
        let config = &analyzer.config;
        let mut rate_per_word = BTreeMap::new();
        let mut fallback_families = Vec::new();
        for (lang, families) in &active {
            let mut total = 0.0;
            for family in families {
                if let Some((rate, fallback)) = config.accounts.base_rate(lang, family) {
                    total += rate / 1000.0;
                    if fallback {
                        fallback_families.push(format!("{lang}/{family}"));
                    }
                }
            }
            rate_per_word.insert(*lang, total);
        }
        Vocabulary {
            heuristic_index: heuristics
                .iter()
                .enumerate()
                .map(|(i, h)| (h.code, i as u32))
                .collect(),
            campaign_index: campaigns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), i as u32))
                .collect(),
            indicator_index: indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| (ind.id.clone(), i as u32))
                .collect(),
            heuristics,
            campaigns,
            indicators,
            rate_per_word,
            fallback_families,
            config: config.clone(),
        }
    }

    pub fn heuristic(&self, code: &str) -> Option<u32> {
        self.heuristic_index.get(code).copied()
    }

    pub fn campaign(&self, id: &str) -> Option<u32> {
        self.campaign_index.get(id).copied()
    }

    pub fn indicator(&self, id: &str) -> Option<u32> {
        self.indicator_index.get(id).copied()
    }

    /// Expected native hits per word of text in `lang`: 0 where no heuristic runs.
    pub fn rate(&self, lang: &str) -> f64 {
        self.rate_per_word.get(lang).copied().unwrap_or(0.0)
    }
}
