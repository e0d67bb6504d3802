//! The researchers' loop: measure calque against labelled data (`calque eval`), fit weights
//! (`calque tune`) and show one item's full analysis (`calque explain`).
//!
//! [`collect`] reads labelled inputs with the ordinary readers (the label column comes back as a
//! kept column), analyses every record in parallel batches and keeps, per item, its label,
//! scores and which rules fired. Items come back in input order whatever the thread count, so
//! every figure computed from them is reproducible.

pub mod explain;
pub mod logistic;
pub mod metrics;
pub mod report;
pub mod tune;

use crate::analyze::Analyzer;
use crate::error::{Fatal, Result};
use crate::ingest::{self, IngestOptions, InputFormat};
use crate::record::Event;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Label values taken as positive when `--positive` is not given (case-insensitive).
pub const DEFAULT_POSITIVE: &[&str] = &["1", "1.0", "true", "yes"];
/// Label values taken as negative when `--positive` is not given (case-insensitive).
pub const DEFAULT_NEGATIVE: &[&str] = &["0", "0.0", "false", "no"];

/// What a label value means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Positive,
    Negative,
    /// Empty or absent.
    Missing,
    /// Present but not a recognised value.
    Unparseable,
}

/// How to read a record's label from its label column.
#[derive(Debug, Clone, Default)]
pub struct LabelSpec {
    /// The column (CSV) or dotted field (JSON Lines) holding the label.
    pub column: Option<String>,
    /// The value meaning "positive"; every other non-empty value is negative. None: the
    /// [`DEFAULT_POSITIVE`] / [`DEFAULT_NEGATIVE`] values, anything else is unparseable.
    pub positive: Option<String>,
}

impl LabelSpec {
    pub fn parse(&self, value: &str) -> Label {
        let v = value.trim();
        if v.is_empty() {
            return Label::Missing;
        }
        match &self.positive {
            Some(p) if v == p.trim() => Label::Positive,
            Some(_) => Label::Negative,
            None if DEFAULT_POSITIVE.iter().any(|p| v.eq_ignore_ascii_case(p)) => Label::Positive,
            None if DEFAULT_NEGATIVE.iter().any(|n| v.eq_ignore_ascii_case(n)) => Label::Negative,
            None => Label::Unparseable,
        }
    }
}

/// One labelled input: read its labels from the label column, or give all its records one label.
#[derive(Debug, Clone)]
pub struct LabelledInput {
    pub path: String,
    pub fixed: Option<bool>,
}

/// Parse `FILE=1` / `FILE=0` (also true/false, yes/no, pos/neg).
pub fn parse_label_file(spec: &str) -> std::result::Result<LabelledInput, String> {
    let (path, value) = spec
        .rsplit_once('=')
        .ok_or_else(|| format!("{spec:?}: expected FILE=1 or FILE=0"))?;
    let fixed = match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "pos" | "positive" => true,
        "0" | "false" | "no" | "neg" | "negative" => false,
        other => return Err(format!("{spec:?}: label {other:?} is not 1 or 0")),
    };
    if path.is_empty() {
        return Err(format!("{spec:?}: empty file name"));
    }
    Ok(LabelledInput {
        path: path.to_string(),
        fixed: Some(fixed),
    })
}

/// Options for [`collect`].
#[derive(Debug, Clone)]
pub struct CollectOptions {
    pub inputs: Vec<LabelledInput>,
    pub input_format: Option<InputFormat>,
    /// Column options; the label column is added to `keep` for inputs that need it.
    pub ingest: IngestOptions,
    pub label: LabelSpec,
    /// Worker threads (0: one per core). Results do not depend on it.
    pub threads: usize,
    pub batch_size: usize,
}

/// One labelled, analysed item: what evaluation and tuning need, nothing more.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: bool,
    /// Index into [`Dataset::inputs`].
    pub input: usize,
    pub lang: &'static str,
    pub tokens: usize,
    /// (heuristic index, number of distinct spans) for each heuristic that fired.
    pub heuristics: Vec<(usize, usize)>,
    /// Indices of the indicators that fired (parts included).
    pub indicators: Vec<usize>,
    /// The hits themselves, with their spans (to count each piece of evidence once).
    pub indicator_hits: Vec<crate::campaigns::IndicatorHit>,
    /// The narrative match (score, matched spans), if any.
    pub narrative: Option<(f64, Vec<crate::record::Span>)>,
    /// The item's context (debunk/report caps its score).
    pub context: crate::context::ContextKind,
    pub score: f64,
    pub interference: f64,
    /// Score of every campaign of the set, in campaign order (0 when nothing counted).
    pub campaigns: Vec<f64>,
}

/// What happened to the records of one input.
#[derive(Debug, Clone, Default, Serialize)]
pub struct InputCounts {
    pub path: String,
    /// "column <name>" or "fixed 1" / "fixed 0".
    pub label_source: String,
    pub records_read: u64,
    /// Records the reader rejected (malformed, empty text…): not evaluated.
    pub rejected: u64,
    pub positives: u64,
    pub negatives: u64,
    /// Records whose label was empty or absent: not evaluated.
    pub missing_label: u64,
    /// Records whose label could not be read: not evaluated.
    pub unparseable_label: u64,
    /// Up to three distinct unparseable values, to help fix `--positive`.
    pub unparseable_examples: Vec<String>,
}

/// Every labelled item of a run, in input order, with per-input counts.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub items: Vec<Item>,
    pub inputs: Vec<InputCounts>,
}

impl Dataset {
    pub fn labels(&self) -> Vec<bool> {
        self.items.iter().map(|i| i.label).collect()
    }
}

/// The per-item summary [`Item`] of one analysed text (label and input set by the caller).
pub fn summarize(analyzer: &Analyzer, text: &str, label: bool, input: usize) -> Item {
    let a = analyzer.analyze(text);
    let mut campaigns = vec![0.0; analyzer.campaigns.campaigns.len()];
    for c in &a.campaigns {
        campaigns[c.campaign] = c.score;
    }
    let mut indicators: Vec<usize> = a.indicator_hits.iter().map(|h| h.indicator).collect();
    indicators.sort_unstable();
    indicators.dedup();
    Item {
        label,
        input,
        lang: a.lang.code,
        tokens: a.tokens,
        heuristics: a
            .heuristic_hits
            .iter()
            .map(|h| (h.heuristic, h.spans.len()))
            .collect(),
        indicators,
        narrative: a.narrative.as_ref().map(|m| (m.score, m.spans.clone())),
        context: a.context.kind,
        indicator_hits: a.indicator_hits,
        score: a.score,
        interference: a.interference_score,
        campaigns,
    }
}

/// Read, label and analyse every input.
pub fn collect(analyzer: &Analyzer, opts: &CollectOptions) -> Result<Dataset> {
    if opts.inputs.is_empty() {
        return Err(Fatal::input(
            "no labelled input given (INPUT with --label-col, or --label-file FILE=1)",
        ));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Fatal::input(format!("cannot start worker threads: {e}")))?;
    let batch_size = opts.batch_size.max(1);
    let mut data = Dataset::default();
    for (index, input) in opts.inputs.iter().enumerate() {
        let mut ingest_opts = opts.ingest.clone();
        let label_col = match (input.fixed, &opts.label.column) {
            (Some(_), _) => None,
            (None, Some(col)) => Some(col.clone()),
            (None, None) => {
                return Err(Fatal::input(format!(
                    "{}: no label: give --label-col COLUMN, or label the whole file with --label-file {}=1 (or =0)",
                    input.path, input.path
                )))
            }
        };
        // The label is read as one more kept column, after any the caller asked for.
        let label_slot = label_col.as_ref().map(|col| {
            ingest_opts.columns.keep.push(col.clone());
            ingest_opts.columns.keep.len() - 1
        });
        let mut counts = InputCounts {
            path: input.path.clone(),
            label_source: match (input.fixed, &label_col) {
                (Some(l), _) => format!("fixed {}", u8::from(l)),
                (None, Some(c)) => format!("column {c}"),
                (None, None) => unreachable!("checked above"),
            },
            ..InputCounts::default()
        };
        let mut reader = ingest::open(
            &input.path,
            opts.input_format,
            &ingest_opts,
            Arc::new(AtomicU64::new(0)),
        )
        .map_err(|mut e| {
            // The label column is read as a kept column; name the flag the user gave.
            if let Some(col) = &label_col {
                let kept = format!("no column named {col:?} (in --keep-cols)");
                e.message = e.message.replace(
                    &kept,
                    &format!("no label column named {col:?} (--label-col)"),
                );
            }
            e
        })?;
        let mut batch: Vec<(bool, String)> = Vec::with_capacity(batch_size);
        let mut done = false;
        while !done {
            batch.clear();
            while batch.len() < batch_size {
                let Some(event) = reader.next_event()? else {
                    done = true;
                    break;
                };
                counts.records_read += 1;
                let record = match event {
                    Event::Record(_, r) => r,
                    Event::Reject(..) => {
                        counts.rejected += 1;
                        continue;
                    }
                };
                let label = match (input.fixed, label_slot) {
                    (Some(true), _) => Label::Positive,
                    (Some(false), _) => Label::Negative,
                    (None, Some(slot)) => {
                        let value = record.kept.get(slot).map_or("", String::as_str);
                        let label = opts.label.parse(value);
                        if label == Label::Unparseable
                            && counts.unparseable_examples.len() < 3
                            && !counts.unparseable_examples.iter().any(|v| v == value)
                        {
                            counts.unparseable_examples.push(value.to_string());
                        }
                        label
                    }
                    (None, None) => unreachable!("checked above"),
                };
                match label {
                    Label::Positive => {
                        counts.positives += 1;
                        batch.push((true, record.text));
                    }
                    Label::Negative => {
                        counts.negatives += 1;
                        batch.push((false, record.text));
                    }
                    Label::Missing => counts.missing_label += 1,
                    Label::Unparseable => counts.unparseable_label += 1,
                }
            }
            let mut items = Vec::new();
            pool.install(|| {
                batch
                    .par_iter()
                    .map(|(label, text)| summarize(analyzer, text, *label, index))
                    .collect_into_vec(&mut items)
            });
            data.items.append(&mut items);
        }
        data.inputs.push(counts);
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_label_values() {
        let spec = LabelSpec::default();
        for v in ["1", "1.0", "TRUE", " yes "] {
            assert_eq!(spec.parse(v), Label::Positive, "{v}");
        }
        for v in ["0", "0.0", "false", "No"] {
            assert_eq!(spec.parse(v), Label::Negative, "{v}");
        }
        assert_eq!(spec.parse(""), Label::Missing);
        assert_eq!(spec.parse("  "), Label::Missing);
        assert_eq!(spec.parse("troll"), Label::Unparseable);
        assert_eq!(spec.parse("2"), Label::Unparseable);
    }

    #[test]
    fn explicit_positive_value_makes_every_other_value_negative() {
        let spec = LabelSpec {
            column: Some("category".into()),
            positive: Some("RightTroll".into()),
        };
        assert_eq!(spec.parse("RightTroll"), Label::Positive);
        assert_eq!(spec.parse("LeftTroll"), Label::Negative);
        assert_eq!(spec.parse("1"), Label::Negative);
        assert_eq!(spec.parse(""), Label::Missing);
    }

    #[test]
    fn collection_counts_everything_and_ignores_the_thread_count() {
        use crate::campaigns::CampaignSet;
        use crate::config::Config;
        let analyzer = Analyzer::new(Config::default(), CampaignSet::embedded().unwrap()).unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/labelled.csv");
        let opts = |threads, batch_size| CollectOptions {
            inputs: vec![LabelledInput {
                path: path.into(),
                fixed: None,
            }],
            input_format: None,
            ingest: IngestOptions::default(),
            label: LabelSpec {
                column: Some("is_troll".into()),
                positive: None,
            },
            threads,
            batch_size,
        };
        let one = collect(&analyzer, &opts(1, 1)).unwrap();
        let many = collect(&analyzer, &opts(4, 7)).unwrap();
        let c = &one.inputs[0];
        assert_eq!((c.records_read, c.rejected), (43, 1));
        assert_eq!((c.positives, c.negatives), (20, 20));
        assert_eq!((c.missing_label, c.unparseable_label), (1, 1));
        assert_eq!(c.unparseable_examples, ["maybe"]);
        let key = |d: &Dataset| {
            d.items
                .iter()
                .map(|i| (i.label, i.score.to_bits(), i.heuristics.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&one), key(&many));
        assert!(one.items[0].label && !one.items[39].label);
    }

    #[test]
    fn label_file_specs() {
        let l = parse_label_file("a=b.csv=1").unwrap();
        assert_eq!((l.path.as_str(), l.fixed), ("a=b.csv", Some(true)));
        assert_eq!(parse_label_file("x.csv=neg").unwrap().fixed, Some(false));
        assert!(parse_label_file("x.csv").is_err());
        assert!(parse_label_file("x.csv=maybe").is_err());
        assert!(parse_label_file("=1").is_err());
    }
}
