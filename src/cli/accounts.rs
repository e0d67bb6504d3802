//! `calque accounts`: roll the posts of existing reports up to accounts.

use super::common::EngineArgs;
use calque::accounts::fit::{self, Tally};
use calque::accounts::report_input::{read_report, ReadOptions};
use calque::accounts::{evaluate, partial, table, Accounts, Vocabulary};
use calque::output::{OutputSet, Staged};
use calque::report::encode::ReportFormat;
use calque::{Fatal, Result};
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque scan posts.csv -o report.csv --accounts accounts.csv   # during the scan, or later:
  calque accounts report.csv -o accounts.csv
  calque accounts report.jsonl --format jsonl -o accounts.jsonl
  calque accounts report.csv --author-col user_id -o accounts.csv   # a --keep-cols column
  calque accounts --fit-base-rates native1.report.csv native2.report.csv -o rates.toml
  calque accounts part1.csv --partial -o part1.jsonl      # on each worker, then:
  calque accounts part1.jsonl part2.jsonl -o accounts.csv # partial aggregates merge exactly

One row per (platform, account), ranked by level (high, medium, low, insufficient), then score.
Posts without an author are counted under the empty account. The interference level is a test:
the account's hits against the native base rates of the config ([accounts] in data/calque.toml),
Benjamini-Hochberg across the accounts of the run. Give the same --config and --rules as the scan.
Columns: docs/report-schema.md; the rule: docs/scoring.md.")]
pub struct AccountsArgs {
    /// Reports written by `calque scan` (CSV or JSON Lines, optionally .gz), or partial
    /// aggregates written by --partial; - reads standard input. All are rolled up together.
    #[arg(required = true, value_name = "REPORT")]
    inputs: Vec<String>,
    /// Accounts table path (- for standard output); with --fit-base-rates, the TOML written.
    #[arg(short, long, default_value = "accounts.csv", value_name = "FILE")]
    output: String,
    /// Table format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
    format: ReportFormat,
    /// Report column holding the account, instead of `author` (e.g. a --keep-cols column).
    #[arg(long, value_name = "NAME")]
    author_col: Option<String>,
    /// The reports were written with --raw-cells, and so is the table: cells as they are.
    #[arg(long)]
    raw_cells: bool,
    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<String>,
    /// Write the partial aggregates (JSON Lines) to --output instead of the table: parts of a
    /// batch rolled up on several workers, given together as REPORTs later, merge exactly.
    #[arg(long, conflicts_with_all = ["fit_base_rates", "eval_labels", "format"])]
    partial: bool,
    /// Measure native base rates instead: the REPORTs are scans of native text, one per set;
    /// writes [accounts.base_rates.*] tables to --output (scripts/base-rates.sh uses this).
    #[arg(long, conflicts_with_all = ["eval_labels", "format"])]
    fit_base_rates: bool,
    /// Compare the table with account labels (CSV: account, label 1/0, optional platform) and
    /// write ROC-AUC and levels per label as JSON to --eval-out.
    #[arg(long, value_name = "FILE", requires = "eval_out")]
    eval_labels: Option<String>,
    /// Where --eval-labels writes its figures (JSON).
    #[arg(long, value_name = "FILE", requires = "eval_labels")]
    eval_out: Option<String>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Write `body` into `staged` and mark it complete.
fn fill(
    outputs: &mut OutputSet,
    mut staged: Staged,
    body: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    body(&mut staged)?;
    outputs.ready(staged)
}

fn json(path: &str, value: &impl serde::Serialize) -> impl FnOnce(&mut dyn Write) -> Result<()> {
    let text = serde_json::to_string_pretty(value).expect("serializes") + "\n";
    let path = path.to_string();
    move |out| {
        out.write_all(text.as_bytes())
            .map_err(|e| Fatal::output(format!("{path}: {e}")))
    }
}

pub fn run(args: AccountsArgs) -> Result<()> {
    // Every output is staged, checked against the inputs and each other, before anything is
    // read; all are moved into place together once everything succeeded.
    let mut outputs = OutputSet::new(&args.inputs);
    let output = outputs.stage(&args.output, "-o")?;
    let summary_file = match &args.summary {
        Some(path) => Some(outputs.stage(path, "--summary")?),
        None => None,
    };
    let eval_file = match &args.eval_out {
        Some(path) => Some(outputs.stage(path, "--eval-out")?),
        None => None,
    };
    let analyzer = args.engine.analyzer()?;
    let vocab = Vocabulary::new(&analyzer);
    let read = ReadOptions {
        author_col: args.author_col.clone(),
        raw_cells: args.raw_cells,
    };
    let top = analyzer.config.accounts.top_evidence;
    if args.fit_base_rates {
        let mut sets = Vec::new();
        for input in &args.inputs {
            let mut accounts = Accounts::new(top);
            read_report(input, &vocab, &read, &mut accounts)?;
            sets.push((input.clone(), Tally::of(&accounts, &vocab)));
        }
        let fit = fit::fit(sets, &vocab);
        let mut text = String::new();
        for line in fit.per_set_lines() {
            text += &format!("# {line}\n");
        }
        text += &fit.to_toml();
        fill(&mut outputs, output, |out| {
            out.write_all(text.as_bytes())
                .map_err(|e| Fatal::output(format!("{}: {e}", args.output)))
        })?;
        outputs.commit()?;
        if !args.quiet {
            eprintln!("calque: wrote base rates to {}", args.output);
        }
        return Ok(());
    }
    let mut accounts = Accounts::new(top);
    let mut rows = 0;
    for input in &args.inputs {
        rows += read_report(input, &vocab, &read, &mut accounts)?;
    }
    if args.partial {
        fill(&mut outputs, output, |out| {
            partial::write(&accounts, &vocab, out)
        })?;
        outputs.commit()?;
        if !args.quiet {
            eprintln!(
                "calque: {rows} posts, {} accounts: partial aggregates written to {}",
                accounts.len(),
                args.output
            );
        }
        return Ok(());
    }
    let table = table::build(&accounts, &vocab);
    fill(&mut outputs, output, |out| {
        table::write(&table, args.format, args.raw_cells, out)
    })?;
    if let (Some(file), Some(path)) = (summary_file, &args.summary) {
        fill(&mut outputs, file, json(path, &table.summary))?;
    }
    if let (Some(labels), Some(file), Some(path)) = (&args.eval_labels, eval_file, &args.eval_out) {
        let result = evaluate::evaluate(&table, &evaluate::read_labels(labels)?);
        fill(&mut outputs, file, json(path, &result))?;
    }
    outputs.commit()?;
    if !args.quiet {
        eprint!("{}", render(&table.summary, rows, &args.output));
    }
    Ok(())
}

/// The summary as lines for stderr.
fn render(s: &table::TableSummary, rows: u64, output: &str) -> String {
    format!(
        "calque: {rows} posts\n{}calque: wrote {} accounts to {output}\n",
        table::render_summary(s),
        s.accounts
    )
}
