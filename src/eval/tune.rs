//! `calque tune`: fit heuristic and indicator weights on labelled data.
//!
//! 1. Every item is analysed once with every weight set to 1, so every rule runs and its hits
//!    are recorded ([`extraction_analyzer`]); scores for any other weights are then recomputed
//!    with the real formulas of `score.rs` ([`rescore`]), without re-running the rules.
//! 2. Features: per heuristic, its contribution per unit of weight,
//!    √min(hits, max_repeats) / length_factor — the quantity its weight multiplies in the
//!    interference density; per (non-part) indicator, 1 if it fired and is not subsumed by a
//!    fired combination. Parts of combinations count only through their combination, as in
//!    scoring.
//! 3. An L2-regularised logistic regression with coefficients ≥ 0 is fitted ([`logistic`]).
//! 4. Mapping to config weights: w = 1 − exp(−s·β), monotone, 0 for β = 0 and < 1 always.
//!    For an indicator with s = 1 this is exact in one sense: the campaign score is a noisy-OR,
//!    −ln(1 − campaign) = Σ −ln(1 − wᵢ), so w = 1 − e^(−β) makes that sum equal the model's
//!    indicator logit. For heuristics it is only monotone. Because the overall score is not the
//!    logistic model, the scale s is picked from a small grid by the ROC-AUC of the *resulting
//!    config under the real scoring formula* on the training items, and the figures reported
//!    are those of the resulting config, never of the logistic model.
//! 5. Only rules that fired on at least `min_fires` training items are tuned; the others keep
//!    their current weight (a rule never seen in the data should not be switched off by it).
//!
//! Cross-validation: stratified k folds from a seeded splitmix64 shuffle; for each fold the
//! whole procedure (3–5) runs on the other folds and both the starting config ("before") and the
//! tuned one ("after") are scored on the held-out fold. The written config is then fitted on
//! all items.

use super::logistic::{self, FitOptions, Row};
use super::metrics::{roc_auc, Scored};
use super::Item;
use crate::analyze::Analyzer;
use crate::config::Config;
use crate::error::Result;
use crate::score;
use serde::Serialize;
use std::collections::BTreeMap;

/// Scales tried for the coefficient → weight mapping, in order of preference: on equal
/// training ROC-AUC the earlier wins, so the natural s = 1 is kept unless another ranks better.
pub const SCALES: &[f64] = &[1.0, 0.5, 2.0, 0.25, 4.0];

#[derive(Debug, Clone, Copy)]
pub struct TuneOptions {
    pub folds: usize,
    pub seed: u64,
    pub fit: FitOptions,
    pub min_fires: usize,
}

impl Default for TuneOptions {
    fn default() -> Self {
        TuneOptions {
            folds: 5,
            seed: 42,
            fit: FitOptions::default(),
            min_fires: 5,
        }
    }
}

/// Effective weights of every heuristic and indicator (indexed like the analyzer's lists).
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub heuristics: Vec<f64>,
    pub indicators: Vec<f64>,
}

impl Weights {
    pub fn of(analyzer: &Analyzer) -> Self {
        Weights {
            heuristics: analyzer.heuristics.iter().map(|(_, w)| *w).collect(),
            indicators: analyzer.indicator_weights.clone(),
        }
    }
}

/// An analyzer with the same config and rules but every weight 1, so that every rule runs.
pub fn extraction_analyzer(base: &Analyzer) -> Result<Analyzer> {
    let mut config = base.config.clone();
    for (h, _) in &base.heuristics {
        config.weights.insert(h.info().code.to_string(), 1.0);
    }
    for ind in &base.campaigns.indicators {
        config.weights.insert(ind.id.clone(), 1.0);
    }
    Analyzer::new(config, base.campaigns.clone())
}

/// The overall score `analyzer` would give `item` with `weights`, by the formulas of `score.rs`.
pub fn rescore(analyzer: &Analyzer, item: &Item, weights: &Weights) -> f64 {
    let config = &analyzer.config;
    let sum: f64 = item
        .heuristics
        .iter()
        .filter(|&&(h, _)| weights.heuristics[h] > 0.0)
        .map(|&(h, n)| score::heuristic_contribution(weights.heuristics[h], n, config))
        .fold(0.0, |acc, c| acc + c);
    let interference = score::interference_score(sum, item.tokens, config);
    let mut campaigns = crate::evidence::campaign_scores(
        &analyzer.campaigns,
        &weights.indicators,
        &item.indicator_hits,
    );
    let narrative = match &item.narrative {
        Some((s, spans)) => {
            let count = crate::evidence::count_narrative(
                &mut campaigns,
                &weights.indicators,
                &item.indicator_hits,
                spans,
                config.score.narrative_weight * s,
            );
            if count.counted {
                *s
            } else {
                0.0
            }
        }
        None => 0.0,
    };
    let campaign = campaigns.first().map_or(0.0, |c| c.score);
    let score = score::overall_score(campaign, interference, narrative, config);
    let evaluated = campaign > 0.0 || item.narrative.is_some();
    if evaluated && item.context != crate::context::ContextKind::None {
        score.min(config.score.context_cap)
    } else {
        score
    }
}

/// What a feature column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Heuristic(usize),
    Indicator(usize),
}

struct FeatureSpace {
    targets: Vec<Target>,
    rows: Vec<Row>,
}

fn features(analyzer: &Analyzer, items: &[Item]) -> FeatureSpace {
    let mut targets: Vec<Target> = (0..analyzer.heuristics.len())
        .map(Target::Heuristic)
        .collect();
    let mut column_of_indicator = vec![usize::MAX; analyzer.campaigns.indicators.len()];
    for (i, ind) in analyzer.campaigns.indicators.iter().enumerate() {
        if !ind.part {
            column_of_indicator[i] = targets.len();
            targets.push(Target::Indicator(i));
        }
    }
    let config = &analyzer.config;
    let rows = items
        .iter()
        .map(|item| {
            let length = score::length_factor(item.tokens, config);
            let mut row: Row = item
                .heuristics
                .iter()
                .map(|&(h, n)| (h, score::heuristic_contribution(1.0, n, config) / length))
                .collect();
            let subsumed = analyzer.campaigns.subsumed(&item.indicators);
            row.extend(
                item.indicators
                    .iter()
                    .filter(|&&i| column_of_indicator[i] != usize::MAX && !subsumed.contains(&i))
                    .map(|&i| (column_of_indicator[i], 1.0)),
            );
            row
        })
        .collect();
    FeatureSpace { targets, rows }
}

/// One fitted feature, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct FittedWeight {
    pub code: String,
    /// Items (of all items) the rule fired on.
    pub fires: usize,
    pub coefficient: f64,
    pub before: f64,
    pub after: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FoldResult {
    pub fold: usize,
    pub test_items: usize,
    pub scale: f64,
    pub roc_auc_before: Option<f64>,
    pub roc_auc_after: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TuneReport {
    pub items: usize,
    pub positives: usize,
    pub folds: Vec<FoldResult>,
    /// Mean over folds (with both classes in the test fold) of the held-out ROC-AUC.
    pub cv_roc_auc_before: Option<f64>,
    pub cv_roc_auc_after: Option<f64>,
    /// On all items, of the written config (in-sample: optimistic).
    pub roc_auc_before_all: Option<f64>,
    pub roc_auc_after_all: Option<f64>,
    pub scale: f64,
    pub tuned: Vec<FittedWeight>,
    /// Rules left at their current weight: fired on fewer than `min_fires` items.
    pub untouched: Vec<String>,
    #[serde(skip)]
    pub config: Config,
}

struct Fitted {
    weights: Weights,
    scale: f64,
    coef: Vec<f64>,
    tuned: Vec<bool>,
}

fn auc_of(analyzer: &Analyzer, items: &[&Item], weights: &Weights) -> Option<f64> {
    let scores: Vec<f64> = items
        .iter()
        .map(|i| rescore(analyzer, i, weights))
        .collect();
    let labels: Vec<bool> = items.iter().map(|i| i.label).collect();
    roc_auc(&Scored::new(&scores, &labels))
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Fit on `train` (indices into items) and map to weights (rounded to 4 decimals, as written).
fn fit_weights(
    analyzer: &Analyzer,
    items: &[Item],
    space: &FeatureSpace,
    train: &[usize],
    base: &Weights,
    opts: &TuneOptions,
) -> Fitted {
    let rows: Vec<Row> = train.iter().map(|&i| space.rows[i].clone()).collect();
    let labels: Vec<bool> = train.iter().map(|&i| items[i].label).collect();
    let dims = space.targets.len();
    let mut fires = vec![0usize; dims];
    for row in &rows {
        for &(j, _) in row {
            fires[j] += 1;
        }
    }
    let tuned: Vec<bool> = fires.iter().map(|&f| f >= opts.min_fires.max(1)).collect();
    // Rare features are left out of the fit entirely (their column is dropped).
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| r.into_iter().filter(|&(j, _)| tuned[j]).collect())
        .collect();
    let model = logistic::fit(&rows, &labels, dims, opts.fit);
    let weights_at = |scale: f64| {
        let mut w = base.clone();
        for (j, target) in space.targets.iter().enumerate() {
            if !tuned[j] {
                continue;
            }
            let v = round4(1.0 - (-scale * model.coef[j]).exp());
            match *target {
                Target::Heuristic(h) => w.heuristics[h] = v,
                Target::Indicator(i) => w.indicators[i] = v,
            }
        }
        w
    };
    let train_items: Vec<&Item> = train.iter().map(|&i| &items[i]).collect();
    let mut best: Option<(f64, f64)> = None;
    for &s in SCALES {
        let auc = auc_of(analyzer, &train_items, &weights_at(s)).unwrap_or(0.0);
        if best.is_none_or(|(b, _)| auc > b) {
            best = Some((auc, s));
        }
    }
    let scale = best.map_or(1.0, |(_, s)| s);
    Fitted {
        weights: weights_at(scale),
        scale,
        coef: model.coef,
        tuned,
    }
}

/// Cross-validate, then fit on everything and build the tuned config from `analyzer`'s config.
/// `items` must come from [`extraction_analyzer`] (every rule run).
pub fn tune(analyzer: &Analyzer, items: &[Item], opts: &TuneOptions) -> TuneReport {
    let space = features(analyzer, items);
    let base = Weights::of(analyzer);
    let labels: Vec<bool> = items.iter().map(|i| i.label).collect();
    let k = opts.folds.max(2);
    let fold_of = logistic::stratified_folds(&labels, k, opts.seed);
    let mut folds = Vec::new();
    for f in 0..k {
        let train: Vec<usize> = (0..items.len()).filter(|&i| fold_of[i] != f).collect();
        let test: Vec<&Item> = (0..items.len())
            .filter(|&i| fold_of[i] == f)
            .map(|i| &items[i])
            .collect();
        let fitted = fit_weights(analyzer, items, &space, &train, &base, opts);
        folds.push(FoldResult {
            fold: f,
            test_items: test.len(),
            scale: fitted.scale,
            roc_auc_before: auc_of(analyzer, &test, &base),
            roc_auc_after: auc_of(analyzer, &test, &fitted.weights),
        });
    }
    let mean = |get: fn(&FoldResult) -> Option<f64>| {
        let v: Vec<f64> = folds.iter().filter_map(get).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    // Both are defined exactly when the test fold holds both classes.
    let cv_before = mean(|r| r.roc_auc_before);
    let cv_after = mean(|r| r.roc_auc_after);

    let all: Vec<usize> = (0..items.len()).collect();
    let fitted = fit_weights(analyzer, items, &space, &all, &base, opts);
    let all_items: Vec<&Item> = items.iter().collect();
    let mut fires = vec![0usize; space.targets.len()];
    for row in &space.rows {
        for &(j, _) in row {
            fires[j] += 1;
        }
    }
    let mut config = analyzer.config.clone();
    let mut tuned = Vec::new();
    let mut untouched = Vec::new();
    for (j, target) in space.targets.iter().enumerate() {
        let (code, before, after) = match *target {
            Target::Heuristic(h) => (
                analyzer.heuristics[h].0.info().code.to_string(),
                base.heuristics[h],
                fitted.weights.heuristics[h],
            ),
            Target::Indicator(i) => (
                analyzer.campaigns.indicators[i].id.clone(),
                base.indicators[i],
                fitted.weights.indicators[i],
            ),
        };
        if fitted.tuned[j] {
            config.weights.insert(code.clone(), after);
            tuned.push(FittedWeight {
                code,
                fires: fires[j],
                coefficient: fitted.coef[j],
                before,
                after,
            });
        } else {
            untouched.push(code);
        }
    }
    TuneReport {
        items: items.len(),
        positives: labels.iter().filter(|&&l| l).count(),
        cv_roc_auc_before: cv_before,
        cv_roc_auc_after: cv_after,
        roc_auc_before_all: auc_of(analyzer, &all_items, &base),
        roc_auc_after_all: auc_of(analyzer, &all_items, &fitted.weights),
        folds,
        scale: fitted.scale,
        tuned,
        untouched,
        config,
    }
}

impl TuneReport {
    /// The tuned config as TOML, with a header saying how it was made.
    pub fn config_toml(&self, inputs: &[String], opts: &TuneOptions) -> String {
        let f = |x: Option<f64>| x.map_or("n/a".into(), |v| format!("{v:.4}"));
        let mut head = format!(
            "# Weights fitted by `calque tune` on {} labelled items ({} positive) from:\n",
            self.items, self.positives
        );
        for i in inputs {
            head += &format!("#   {i}\n");
        }
        head += &format!(
            "# L2 logistic regression (l2 = {}, coefficients >= 0), weight = 1 - exp(-{} * coef);\n\
# {}-fold cross-validated ROC-AUC (seed {}): {} before, {} after.\n\
# Rules that fired on fewer than {} items keep their weight. Use with --config.\n\n",
            opts.fit.l2,
            self.scale,
            opts.folds.max(2),
            opts.seed,
            f(self.cv_roc_auc_before),
            f(self.cv_roc_auc_after),
            opts.min_fires
        );
        head + &self.config.to_toml()
    }

    /// Weights by code, for callers that want the map.
    pub fn weights(&self) -> BTreeMap<String, f64> {
        self.tuned
            .iter()
            .map(|t| (t.code.clone(), t.after))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::CampaignSet;
    use crate::eval::summarize;

    const TEXTS: &[&str] = &[
        "We will publish the results in the nearest time. On the photo you see «experts».",
        "Is this real? A BBC video says Ukrainian refugees attacked a church. Can you verify?",
        "Heading to Kiev next week for the energy conference.",
        "He said, that the Europe is tired. Everybody knows, that the sanctions do not work.",
        "Le régime de Kiev et l'Occident collectif mentent encore, selon „les experts“.",
        "A perfectly ordinary sentence about the weather and the garden.",
    ];

    fn analyzer(config: Config) -> Analyzer {
        Analyzer::new(config, CampaignSet::embedded().unwrap()).unwrap()
    }

    #[test]
    fn rescoring_reproduces_the_analyzer_scores() {
        let mut config = Config::default();
        config.weights.insert("RU-EN-TRANS-001".into(), 0.0);
        config.weights.insert("MAT-001".into(), 0.9);
        let real = analyzer(config);
        let extraction = extraction_analyzer(&real).unwrap();
        let weights = Weights::of(&real);
        for text in TEXTS {
            let item = summarize(&extraction, text, true, 0);
            let expected = real.analyze(text).score;
            let got = rescore(&real, &item, &weights);
            assert!(
                (expected - got).abs() < 1e-12,
                "{text}: {expected} vs {got}"
            );
        }
        // Sanity: the texts exercise both heuristics and indicators.
        let fired: Vec<Item> = TEXTS
            .iter()
            .map(|t| summarize(&extraction, t, true, 0))
            .collect();
        assert!(fired.iter().any(|i| !i.heuristics.is_empty()));
        assert!(fired.iter().any(|i| !i.indicators.is_empty()));
    }

    #[test]
    fn tuning_switches_off_a_rule_that_fires_only_on_negatives() {
        let real = analyzer(Config::default());
        let extraction = extraction_analyzer(&real).unwrap();
        let mut items = Vec::new();
        for i in 0..12 {
            // The defaults rank these the wrong way round: two transliterations (0.45 each)
            // outweigh one pair of guillemets (0.5).
            let pos = format!("Item {i}: the «experts» will tell you more about it.");
            let neg = format!("Item {i}: our team flies from Kharkov to Lugansk tomorrow.");
            items.push(summarize(&extraction, &pos, true, 0));
            items.push(summarize(&extraction, &neg, false, 0));
        }
        let report = tune(&real, &items, &TuneOptions::default());
        let w = report.weights();
        assert_eq!(w["RU-EN-TRANS-001"], 0.0);
        assert!(w["RU-EN-TYPO-001"] > 0.0);
        assert_eq!(report.cv_roc_auc_after, Some(1.0));
        assert_eq!(report.cv_roc_auc_before, Some(0.0));
        // Same data, same seed: same result.
        let again = tune(&real, &items, &TuneOptions::default());
        assert_eq!(again.weights(), w);
    }
}
