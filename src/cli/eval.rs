//! `calque eval`, and the labelled-input options it shares with `calque tune`.

use super::common::{EngineArgs, SelectionArgs};
use super::values;
use calque::eval::report::EvalReport;
use calque::eval::{self, CollectOptions, Dataset, LabelSpec, LabelledInput};
use calque::ingest::{ColumnSpec, IngestOptions, InputFormat};
use calque::output;
use calque::{Analyzer, Fatal, Result};
use clap::Args;

/// Labelled inputs and how to read them (shared by `eval` and `tune`).
#[derive(Args, Debug)]
pub struct LabelledArgs {
    /// Labelled inputs (CSV, TSV, JSON Lines, text; .gz too) whose label is in --label-col.
    #[arg(value_name = "LABELLED")]
    pub inputs: Vec<String>,
    /// Column (CSV) or dotted field (JSON Lines) holding each record's label.
    #[arg(long, value_name = "COL")]
    pub label_col: Option<String>,
    /// The label value meaning "positive"; every other non-empty value is then negative.
    /// Default: 1, 1.0, true, yes are positive and 0, 0.0, false, no negative (any case);
    /// other values are counted as unreadable and left out.
    #[arg(long, value_name = "VALUE", requires = "label_col")]
    pub positive: Option<String>,
    /// Give every record of FILE the label 1 or 0 (no label column needed). Repeatable; FILE
    /// may also be listed as LABELLED. Example: --label-file trolls.csv=1 --label-file news.csv=0
    #[arg(long, value_name = "FILE=1|0", value_parser = eval::parse_label_file)]
    pub label_file: Vec<LabelledInput>,
    /// Input format, instead of guessing from the extension.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Column (CSV) or dotted field (JSON Lines) holding the text (default: discovered, as in scan).
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// Records larger than this many bytes are rejected (and counted); 1 to 1073741824.
    #[arg(long, default_value = "1048576", value_name = "BYTES", value_parser = values::record_bytes)]
    pub max_record_bytes: usize,
    /// Replace invalid UTF-8 bytes with U+FFFD instead of skipping the record.
    #[arg(long)]
    pub lossy_utf8: bool,
    /// Worker threads (0: one per core; at most 4 per core). Results are identical whatever
    /// the number.
    #[arg(long, default_value = "0", value_name = "N", value_parser = values::threads)]
    pub threads: usize,
    /// Records analysed per parallel batch (1 to 1048576).
    #[arg(long, default_value = "4096", value_name = "N", value_parser = values::batch_size)]
    pub batch_size: usize,
}

impl LabelledArgs {
    pub fn input_names(&self) -> Vec<String> {
        self.labelled_inputs().into_iter().map(|i| i.path).collect()
    }

    /// Positional inputs in order (a --label-file for the same path fixes its label), then
    /// the --label-file inputs not listed positionally.
    fn labelled_inputs(&self) -> Vec<LabelledInput> {
        let mut inputs: Vec<LabelledInput> = self
            .inputs
            .iter()
            .map(|p| LabelledInput {
                path: p.clone(),
                fixed: self
                    .label_file
                    .iter()
                    .rev()
                    .find(|l| &l.path == p)
                    .and_then(|l| l.fixed),
            })
            .collect();
        for l in &self.label_file {
            if !inputs.iter().any(|i| i.path == l.path) {
                inputs.push(l.clone());
            }
        }
        inputs
    }

    pub fn collect(&self, analyzer: &Analyzer) -> Result<Dataset> {
        let options = CollectOptions {
            inputs: self.labelled_inputs(),
            input_format: self.input_format,
            ingest: IngestOptions {
                columns: ColumnSpec {
                    text: self.text_col.clone(),
                    ..ColumnSpec::default()
                },
                max_record_bytes: self.max_record_bytes,
                lossy_utf8: self.lossy_utf8,
                ..IngestOptions::default()
            },
            label: LabelSpec {
                column: self.label_col.clone(),
                positive: self.positive.clone(),
            },
            threads: values::capped_threads(self.threads),
            batch_size: self.batch_size,
        };
        let data = eval::collect(analyzer, &options)?;
        let dropped: u64 = data
            .inputs
            .iter()
            .map(|c| c.missing_label + c.unparseable_label)
            .sum();
        if dropped > 0 {
            eprintln!("calque: {dropped} records without a readable label were left out (per input counts in the Inputs table)");
        }
        if data.items.is_empty() {
            return Err(Fatal::input(
                "no labelled record to evaluate (check --label-col / --positive)",
            ));
        }
        Ok(data)
    }
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque eval labelled.csv --label-col is_troll
  calque eval spotted.csv --label-col target --positive 1.0 --out metrics.json
  calque eval --label-file ira.csv=1 --label-file news.csv=0 --out metrics.csv
  calque eval labelled.jsonl --label-col meta.label --config tuned.toml

Prints Markdown tables: per input, what was read and left out; per score (overall,
interference, each campaign), overall and per detected language: ROC-AUC (ties count one
half), PR-AUC (average precision), precision at 10/100/1000 (ties by input order), the best-F1
threshold and the false/true-positive rates at the config's \"high\" threshold; per heuristic and
per indicator: fires on positives/negatives, precision, recall, lift. Definitions:
docs/EVALUATION.md.")]
pub struct EvalArgs {
    #[command(flatten)]
    labelled: LabelledArgs,
    /// Also write the figures: FILE.json (everything, nested) or FILE.csv (long format:
    /// table,language,subject,metric,value).
    #[arg(long, value_name = "FILE")]
    out: Option<String>,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    selection: SelectionArgs,
}

pub fn run(args: EvalArgs) -> Result<()> {
    let analyzer = args.engine.analyzer_selecting(&args.selection)?;
    let data = args.labelled.collect(&analyzer)?;
    let report = EvalReport::build(&analyzer, &data);
    if let Some(path) = &args.out {
        let body = if path.to_ascii_lowercase().ends_with(".json") {
            serde_json::to_string_pretty(&report)
                .map_err(|e| Fatal::output(format!("{path}: {e}")))?
                + "\n"
        } else if path.to_ascii_lowercase().ends_with(".csv") {
            report.to_csv()
        } else {
            return Err(Fatal::output(format!(
                "{path}: --out must end in .json or .csv"
            )));
        };
        output::write_whole(&args.labelled.inputs, path, "--out", body.as_bytes())?;
    }
    out!("{}", report.to_markdown());
    Ok(())
}
