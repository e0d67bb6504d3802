//! `calque tune`.

use super::common::EngineArgs;
use super::eval::LabelledArgs;
use super::values;
use calque::eval::logistic::FitOptions;
use calque::eval::report::table;
use calque::eval::tune::{self, TuneOptions, TuneReport};
use calque::output::{OutputSet, Staged};
use calque::{Fatal, Result};
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque tune labelled.csv --label-col is_troll -o weights.toml
  calque tune --label-file ira.csv=1 --label-file news.csv=0 -o weights.toml --folds 10 --seed 7
  calque scan posts.csv --config weights.toml -o report.csv

Fits the weights of the heuristics and campaign indicators with an L2-regularised logistic
regression (coefficients >= 0), maps them to [0, 1] (w = 1 - exp(-s * coef), s picked on the
training folds) and writes a config that `scan --config` and `eval --config` read. Reports the
k-fold cross-validated ROC-AUC of the overall score, as computed by calque's real scoring formula,
before (the starting config) and after (the tuned config). Rules that fired on fewer than
--min-fires items keep their weight. The built-in defaults stay hand-set: a tuned config is
your choice, fitted to your data (method: docs/EVALUATION.md).")]
pub struct TuneArgs {
    #[command(flatten)]
    labelled: LabelledArgs,
    /// Where to write the tuned config (TOML).
    #[arg(short, long, value_name = "FILE")]
    output: String,
    /// Cross-validation folds (2 to 1000, and at most the number of labelled items).
    #[arg(long, default_value = "5", value_name = "K", value_parser = values::folds)]
    folds: usize,
    /// Seed of the fold shuffle.
    #[arg(long, default_value_t = 42, value_name = "N")]
    seed: u64,
    /// L2 penalty on the coefficients (objective: mean log-loss + l2/2 * |coef|^2).
    #[arg(long, default_value = "0.01", value_name = "X", value_parser = values::non_negative)]
    l2: f64,
    /// Only rules that fired on at least this many (training) items are tuned.
    #[arg(long, default_value_t = 5, value_name = "N")]
    min_fires: usize,
    /// Also write the fit (folds, coefficients, weights before/after) as JSON.
    #[arg(long, value_name = "FILE")]
    report: Option<String>,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Write `body` to a staged file and mark it ready.
fn fill(outputs: &mut OutputSet, mut file: Staged, body: &str) -> Result<()> {
    file.write_all(body.as_bytes())
        .map_err(|e| Fatal::output(format!("{}: {e}", file.name())))?;
    outputs.ready(file)
}

fn render(r: &TuneReport) -> String {
    let f = |x: Option<f64>| x.map_or("n/a".into(), |v| format!("{v:.4}"));
    let mut out = format!(
        "{} items ({} positive). Cross-validated ROC-AUC of the overall score: {} before, {} after \
(in-sample on all items: {} before, {} after).\n\n",
        r.items,
        r.positives,
        f(r.cv_roc_auc_before),
        f(r.cv_roc_auc_after),
        f(r.roc_auc_before_all),
        f(r.roc_auc_after_all)
    );
    let folds: Vec<Vec<String>> = r
        .folds
        .iter()
        .map(|x| {
            vec![
                x.fold.to_string(),
                x.test_items.to_string(),
                x.scale.to_string(),
                f(x.roc_auc_before),
                f(x.roc_auc_after),
            ]
        })
        .collect();
    out += &table(
        &[
            "fold",
            "test items",
            "scale",
            "ROC-AUC before",
            "ROC-AUC after",
        ],
        &folds,
    );
    let rows: Vec<Vec<String>> = r
        .tuned
        .iter()
        .map(|t| {
            vec![
                t.code.clone(),
                t.fires.to_string(),
                format!("{:.4}", t.coefficient),
                format!("{:.4}", t.before),
                format!("{:.4}", t.after),
            ]
        })
        .collect();
    out += &format!("\nTuned weights (scale {}):\n\n", r.scale);
    out += &table(
        &[
            "rule",
            "fires",
            "coefficient",
            "weight before",
            "weight after",
        ],
        &rows,
    );
    if !r.untouched.is_empty() {
        out += &format!(
            "\nKept at their current weight (too few firings): {}\n",
            r.untouched.join(", ")
        );
    }
    out
}

pub fn run(args: TuneArgs) -> Result<()> {
    let analyzer = args.engine.analyzer()?;
    let extraction = tune::extraction_analyzer(&analyzer)?;
    let data = args.labelled.collect(&extraction)?;
    if args.folds > data.items.len() {
        return Err(Fatal::usage(format!(
            "--folds {} is more than the {} labelled items",
            args.folds,
            data.items.len()
        )));
    }
    let opts = TuneOptions {
        folds: args.folds,
        seed: args.seed,
        fit: FitOptions {
            l2: args.l2,
            ..FitOptions::default()
        },
        min_fires: args.min_fires,
    };
    // Both files are checked before the fit and appear together after it.
    let mut outputs = OutputSet::new(&args.labelled.inputs);
    let config_file = outputs.stage(&args.output, "-o")?;
    let report_file = match &args.report {
        Some(path) => Some(outputs.stage(path, "--report")?),
        None => None,
    };
    let result = tune::tune(&analyzer, &data.items, &opts);
    let config = result.config_toml(&args.labelled.input_names(), &opts);
    fill(&mut outputs, config_file, &config)?;
    if let Some(file) = report_file {
        let body = serde_json::to_string_pretty(&result).expect("the fit serializes");
        fill(&mut outputs, file, &(body + "\n"))?;
    }
    outputs.commit()?;
    out!("{}", render(&result));
    eprintln!("calque: wrote the tuned config to {}", args.output);
    Ok(())
}
