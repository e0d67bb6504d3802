//! `calque eval`'s figures: ranking metrics per score (overall, interference, each campaign),
//! overall and per language, and firing statistics per heuristic and per indicator. Rendered as
//! Markdown tables (readable in a terminal, pasted as-is into docs) or written as CSV / JSON.

use super::metrics::ScoreMetrics;
use super::{Dataset, InputCounts};
use crate::analyze::Analyzer;
use serde::Serialize;
use std::collections::BTreeMap;

/// Metrics of one score over one slice of the items.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow {
    /// "all" or a language code.
    pub language: String,
    /// "overall", "interference" or "campaign:<id>".
    pub score: String,
    #[serde(flatten)]
    pub metrics: ScoreMetrics,
}

/// How often one heuristic or indicator fired on positives and negatives.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub code: String,
    /// The heuristic's language, or the indicator's campaign id.
    pub group: String,
    pub weight: f64,
    pub fires_on_positives: u64,
    pub fires_on_negatives: u64,
    /// Positives among the items it fired on.
    pub precision: Option<f64>,
    /// Share of all positives it fired on.
    pub recall: Option<f64>,
    /// Precision over the positive base rate: >1 means it fires more on positives than chance.
    pub lift: Option<f64>,
}

/// Everything `calque eval` reports.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub inputs: Vec<InputCounts>,
    pub items: usize,
    pub positives: usize,
    pub negatives: usize,
    pub high_threshold: f64,
    /// Scope "all" first, then each language (by code).
    pub scores: Vec<ScoreRow>,
    pub heuristics: Vec<RuleRow>,
    pub indicators: Vec<RuleRow>,
}

/// Named score extractors: overall, interference, then each campaign.
fn score_columns(analyzer: &Analyzer) -> Vec<String> {
    let mut names = vec!["overall".to_string(), "interference".to_string()];
    for c in &analyzer.campaigns.campaigns {
        names.push(format!("campaign:{}", c.id));
    }
    names
}

fn score_of(item: &super::Item, column: usize) -> f64 {
    match column {
        0 => item.score,
        1 => item.interference,
        k => item.campaigns[k - 2],
    }
}

fn rule_row(code: &str, group: &str, weight: f64, pos: u64, neg: u64, p: u64, n: u64) -> RuleRow {
    let fired = pos + neg;
    let precision = (fired > 0).then(|| pos as f64 / fired as f64);
    let base = if p + n > 0 {
        p as f64 / (p + n) as f64
    } else {
        0.0
    };
    RuleRow {
        code: code.to_string(),
        group: group.to_string(),
        weight,
        fires_on_positives: pos,
        fires_on_negatives: neg,
        precision,
        recall: (p > 0).then(|| pos as f64 / p as f64),
        lift: precision.filter(|_| base > 0.0).map(|pr| pr / base),
    }
}

impl EvalReport {
    pub fn build(analyzer: &Analyzer, data: &Dataset) -> Self {
        let high = analyzer.config.score.high;
        let labels = data.labels();
        let p = labels.iter().filter(|&&l| l).count();
        let n = labels.len() - p;
        let columns = score_columns(analyzer);

        let mut scopes: Vec<(String, Vec<usize>)> =
            vec![("all".to_string(), (0..data.items.len()).collect())];
        let mut by_lang: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, item) in data.items.iter().enumerate() {
            by_lang.entry(item.lang).or_default().push(i);
        }
        scopes.extend(by_lang.into_iter().map(|(l, ix)| (l.to_string(), ix)));

        let mut scores = Vec::new();
        for (scope, indices) in &scopes {
            let scope_labels: Vec<bool> = indices.iter().map(|&i| labels[i]).collect();
            for (k, name) in columns.iter().enumerate() {
                let s: Vec<f64> = indices
                    .iter()
                    .map(|&i| score_of(&data.items[i], k))
                    .collect();
                scores.push(ScoreRow {
                    language: scope.clone(),
                    score: name.clone(),
                    metrics: ScoreMetrics::compute(&s, &scope_labels, high),
                });
            }
        }

        let mut h_counts = vec![(0u64, 0u64); analyzer.heuristics.len()];
        let mut i_counts = vec![(0u64, 0u64); analyzer.campaigns.indicators.len()];
        for item in &data.items {
            let bump = |c: &mut (u64, u64)| {
                if item.label {
                    c.0 += 1
                } else {
                    c.1 += 1
                }
            };
            for &(h, _) in &item.heuristics {
                bump(&mut h_counts[h]);
            }
            for &i in &item.indicators {
                bump(&mut i_counts[i]);
            }
        }
        let (pu, nu) = (p as u64, n as u64);
        let heuristics = analyzer
            .heuristics
            .iter()
            .zip(&h_counts)
            .map(|((h, w), &(fp, fneg))| {
                rule_row(h.info().code, h.info().lang.code(), *w, fp, fneg, pu, nu)
            })
            .collect();
        let set = &analyzer.campaigns;
        let indicators = set
            .indicators
            .iter()
            .enumerate()
            .zip(&i_counts)
            .map(|((k, ind), &(fp, fneg))| {
                let w = if ind.part {
                    0.0
                } else {
                    analyzer.indicator_weights[k]
                };
                rule_row(
                    &ind.id,
                    &set.campaigns[ind.campaign].id,
                    w,
                    fp,
                    fneg,
                    pu,
                    nu,
                )
            })
            .collect();
        EvalReport {
            inputs: data.inputs.clone(),
            items: labels.len(),
            positives: p,
            negatives: n,
            high_threshold: high,
            scores,
            heuristics,
            indicators,
        }
    }

    /// The report as Markdown: prose counts and pipe tables with aligned columns.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        out += "### Inputs\n\n";
        let rows: Vec<Vec<String>> = self
            .inputs
            .iter()
            .map(|c| {
                vec![
                    c.path.clone(),
                    c.label_source.clone(),
                    c.records_read.to_string(),
                    c.rejected.to_string(),
                    c.positives.to_string(),
                    c.negatives.to_string(),
                    c.missing_label.to_string(),
                    if c.unparseable_examples.is_empty() {
                        c.unparseable_label.to_string()
                    } else {
                        format!(
                            "{} (e.g. {})",
                            c.unparseable_label,
                            c.unparseable_examples
                                .iter()
                                .map(|v| format!("{v:?}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                ]
            })
            .collect();
        out += &table(
            &[
                "input",
                "label",
                "read",
                "rejected",
                "positives",
                "negatives",
                "label missing",
                "label unreadable",
            ],
            &rows,
        );
        out += &format!(
            "\nEvaluated {} items: {} positive, {} negative. Rejected records and records without a \
readable label are counted above and not evaluated.\n",
            self.items, self.positives, self.negatives
        );
        let score_table = |rows: &[&ScoreRow], with_lang: bool| {
            let mut header = vec![];
            if with_lang {
                header.push("lang");
            }
            header.extend([
                "score",
                "n",
                "pos",
                "neg",
                "ROC-AUC",
                "PR-AUC",
                "P@10",
                "P@100",
                "P@1000",
                "best-F1 t",
                "F1",
                "FPR@high",
                "TPR@high",
            ]);
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let m = &r.metrics;
                    let mut cells = vec![];
                    if with_lang {
                        cells.push(r.language.clone());
                    }
                    cells.extend([
                        r.score.clone(),
                        m.items.to_string(),
                        m.positives.to_string(),
                        m.negatives.to_string(),
                        opt(m.roc_auc),
                        opt(m.pr_auc),
                        opt(m.precision_at_10),
                        opt(m.precision_at_100),
                        opt(m.precision_at_1000),
                        m.best_f1
                            .map_or("n/a".into(), |b| format!("{:.4}", b.threshold)),
                        m.best_f1.map_or("n/a".into(), |b| format!("{:.3}", b.f1)),
                        opt(m.fpr_at_high),
                        opt(m.tpr_at_high),
                    ]);
                    cells
                })
                .collect();
            table(&header, &body)
        };
        out += &format!(
            "\n### Scores, all items (\"high\" threshold: {})\n\n",
            self.high_threshold
        );
        let all: Vec<&ScoreRow> = self.scores.iter().filter(|r| r.language == "all").collect();
        out += &score_table(&all, false);
        out += "\n### Scores by detected language\n\n";
        let langs: Vec<&ScoreRow> = self.scores.iter().filter(|r| r.language != "all").collect();
        out += &score_table(&langs, true);
        let rule_table = |rows: &[RuleRow], group: &str| {
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.group.clone(),
                        format!("{:.2}", r.weight),
                        r.fires_on_positives.to_string(),
                        r.fires_on_negatives.to_string(),
                        opt(r.precision),
                        opt(r.recall),
                        r.lift.map_or("n/a".into(), |l| format!("{l:.2}")),
                    ]
                })
                .collect();
            table(
                &[
                    "rule",
                    group,
                    "weight",
                    "fires on pos",
                    "fires on neg",
                    "precision",
                    "recall",
                    "lift",
                ],
                &body,
            )
        };
        out += "\n### Heuristics\n\n";
        out += &rule_table(&self.heuristics, "lang");
        out += "\n### Campaign indicators (parts of combinations have weight 0: they count only through their combination)\n\n";
        out += &rule_table(&self.indicators, "campaign");
        out
    }

    /// Long-format CSV: `table,language,subject,metric,value`, one figure per row.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut put = |table: &str, lang: &str, subject: &str, metric: &str, value: String| {
            w.write_record([table, lang, subject, metric, value.as_str()])
                .expect("writing to memory");
        };
        put("table", "language", "subject", "metric", "value".into());
        for c in &self.inputs {
            for (metric, v) in [
                ("records_read", c.records_read),
                ("rejected", c.rejected),
                ("positives", c.positives),
                ("negatives", c.negatives),
                ("missing_label", c.missing_label),
                ("unparseable_label", c.unparseable_label),
            ] {
                put("inputs", "", &c.path, metric, v.to_string());
            }
        }
        let num = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v}"));
        for r in &self.scores {
            let m = &r.metrics;
            let figures: [(&str, String); 13] = [
                ("items", m.items.to_string()),
                ("positives", m.positives.to_string()),
                ("negatives", m.negatives.to_string()),
                ("roc_auc", num(m.roc_auc)),
                ("pr_auc", num(m.pr_auc)),
                ("precision_at_10", num(m.precision_at_10)),
                ("precision_at_100", num(m.precision_at_100)),
                ("precision_at_1000", num(m.precision_at_1000)),
                ("best_f1_threshold", num(m.best_f1.map(|b| b.threshold))),
                ("best_f1", num(m.best_f1.map(|b| b.f1))),
                ("high_threshold", format!("{}", m.high_threshold)),
                ("fpr_at_high", num(m.fpr_at_high)),
                ("tpr_at_high", num(m.tpr_at_high)),
            ];
            for (metric, v) in figures {
                put("scores", &r.language, &r.score, metric, v);
            }
        }
        for (table_name, rows) in [
            ("heuristics", &self.heuristics),
            ("indicators", &self.indicators),
        ] {
            for r in rows {
                for (metric, v) in [
                    ("weight", format!("{}", r.weight)),
                    ("fires_on_positives", r.fires_on_positives.to_string()),
                    ("fires_on_negatives", r.fires_on_negatives.to_string()),
                    ("precision", num(r.precision)),
                    ("recall", num(r.recall)),
                    ("lift", num(r.lift)),
                ] {
                    put(table_name, &r.group, &r.code, metric, v);
                }
            }
        }
        String::from_utf8(w.into_inner().expect("flushing to memory")).expect("UTF-8 cells")
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |v| format!("{v:.3}"))
}

/// A Markdown pipe table with columns padded to equal width (pipes in cells escaped).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(esc(cell).chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out += &line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for row in rows {
        out += &line(row.iter().map(|c| esc(c)).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_rows_by_hand() {
        // 4 positives, 6 negatives; the rule fires on 3 positives and 1 negative.
        let r = rule_row("X", "en", 0.5, 3, 1, 4, 6);
        assert_eq!(r.precision, Some(0.75));
        assert_eq!(r.recall, Some(0.75));
        // Base rate 0.4 → lift 0.75 / 0.4.
        assert!((r.lift.unwrap() - 1.875).abs() < 1e-12);
        let silent = rule_row("Y", "en", 0.5, 0, 0, 4, 6);
        assert_eq!(silent.precision, None);
        assert_eq!(silent.recall, Some(0.0));
        assert_eq!(silent.lift, None);
    }

    #[test]
    fn tables_align_and_escape_pipes() {
        let t = table(&["a", "bb"], &[vec!["x|y".into(), "1".into()]]);
        assert_eq!(t, "| a    | bb |\n| ---- | -- |\n| x\\|y | 1  |\n");
    }
}
