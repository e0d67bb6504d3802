//! `calque accounts`: roll the posts of existing reports up to accounts.

use super::common::EngineArgs;
use calque::accounts::fit::{self, Tally};
use calque::accounts::report_input::{read_report, ReadOptions};
use calque::accounts::{evaluate, partial, table, Accounts, Vocabulary};
use calque::report::sink::{AtomicOutput, ReportFormat};
use calque::{Fatal, Result};
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque scan posts.csv -o report.csv
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
    #[arg(long, value_name = "FILE", requires = "eval_labels")]
    eval_out: Option<String>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Refuse to write over an input, or over anything but a regular file.
fn check_output(output: &str, inputs: &[String]) -> Result<()> {
    if output == "-" {
        return Ok(());
    }
    if let Ok(meta) = std::fs::symlink_metadata(output) {
        if !meta.file_type().is_file() {
            return Err(Fatal::output(format!(
                "{output}: exists and is not a regular file; not replacing it"
            )));
        }
        let target = std::fs::canonicalize(output).ok();
        for input in inputs {
            if target.is_some() && std::fs::canonicalize(input).ok() == target {
                return Err(Fatal::output(format!(
                    "{output}: is also an input; not overwriting it"
                )));
            }
        }
    }
    Ok(())
}

fn write_file(path: &str, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut out = AtomicOutput::create(path)?;
    write(&mut out)?;
    out.commit()
}

pub fn run(args: AccountsArgs) -> Result<()> {
    check_output(&args.output, &args.inputs)?;
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
        write_file(&args.output, |out| {
            out.write_all(text.as_bytes())
                .map_err(|e| Fatal::output(format!("{}: {e}", args.output)))
        })?;
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
        write_file(&args.output, |out| partial::write(&accounts, &vocab, out))?;
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
    write_file(&args.output, |out| {
        table::write(&table, args.format, args.raw_cells, out)
    })?;
    if let Some(path) = &args.summary {
        write_file(path, |out| {
            serde_json::to_writer_pretty(&mut *out, &table.summary)
                .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
            out.write_all(b"\n")
                .map_err(|e| Fatal::output(format!("{path}: {e}")))
        })?;
    }
    if let (Some(labels), Some(path)) = (&args.eval_labels, &args.eval_out) {
        let result = evaluate::evaluate(&table, &evaluate::read_labels(labels)?);
        write_file(path, |out| {
            serde_json::to_writer_pretty(&mut *out, &result)
                .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
            out.write_all(b"\n")
                .map_err(|e| Fatal::output(format!("{path}: {e}")))
        })?;
    }
    if !args.quiet {
        eprint!("{}", render(&table.summary, rows, &args.output));
    }
    Ok(())
}

/// The summary as lines for stderr.
pub fn render(s: &table::TableSummary, rows: u64, output: &str) -> String {
    let levels: Vec<String> = s.by_level.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let mut out = format!(
        "calque: {rows} posts, {} accounts ({} tested): {}\n",
        s.accounts,
        s.accounts_tested,
        levels.join(", ")
    );
    out += &format!(
        "calque: posts without author {}; timestamps missing {}, unparseable {}, without zone {}\n",
        s.totals.posts_without_author,
        s.totals.timestamps_missing,
        s.totals.timestamps_unparseable,
        s.totals.timestamps_without_zone
    );
    if !s.base_rate_fallbacks.is_empty() {
        out += &format!(
            "calque: warning: no native base rate for {} (took the language's highest; rerun scripts/base-rates.sh)\n",
            s.base_rate_fallbacks.join(", ")
        );
    }
    out += &format!("calque: wrote {} accounts to {output}\n", s.accounts);
    out
}
