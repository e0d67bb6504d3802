//! `calque narratives`: check claim databases, and list the claims texts match.

use super::common::{claim_langid, EngineArgs};
use calque::ingest::{self, ColumnSpec, IngestOptions, InputFormat};
use calque::narratives::load::{self, NarrativeSpec};
use calque::narratives::NarrativeSet;
use calque::record::Event;
use calque::{Fatal, Result};
use clap::{Args, Subcommand};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct NarrativesArgs {
    #[command(subcommand)]
    command: NarrativesCommand,
}

#[derive(Subcommand, Debug)]
enum NarrativesCommand {
    /// Load claim databases and report what they hold: claims per language, claims skipped
    /// and why (with line numbers or JSON paths), claims no item can match.
    #[command(after_help = "Examples:
  calque narratives check euvsdisinfo.csv
  calque narratives check claimreview.json summary=my-claims.csv

A malformed file stops with its line (and column, or JSON path) and exit code 4.")]
    Check {
        /// Claim databases, as for --narratives ([COLUMN=]FILE).
        #[arg(required = true, value_name = "[COLUMN=]FILE")]
        files: Vec<NarrativeSpec>,
    },
    /// For every record of the inputs, the best-matching claims (no threshold): a CSV of
    /// id, lang, rank, score, terms, claim, claim_source. For testing a database or the
    /// matching itself (scripts/eval-narratives.sh).
    #[command(after_help = "Example:
  calque narratives match --narratives claims.csv posts.csv --top 5 -o matches.csv")]
    Match {
        /// Inputs (CSV, TSV, JSON Lines or text).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Claims listed per record.
        #[arg(long, default_value_t = 5, value_name = "K")]
        top: usize,
        /// Fewest shared claim words (default: the config's narratives.min_terms).
        #[arg(long, value_name = "N")]
        min_terms: Option<usize>,
        /// Column holding the text (default: discovered, as in scan).
        #[arg(long, value_name = "NAME")]
        text_col: Option<String>,
        /// Column holding the id.
        #[arg(long, value_name = "NAME")]
        id_col: Option<String>,
        /// Input format, instead of guessing from the extension.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Output file (- for standard output).
        #[arg(short, long, default_value = "-", value_name = "FILE")]
        output: String,
        #[command(flatten)]
        engine: Box<EngineArgs>,
    },
}

pub fn run(args: NarrativesArgs) -> Result<()> {
    match args.command {
        NarrativesCommand::Check { files } => check(&files),
        NarrativesCommand::Match {
            inputs,
            top,
            min_terms,
            text_col,
            id_col,
            input_format,
            output,
            engine,
        } => {
            let options = IngestOptions {
                columns: ColumnSpec {
                    text: text_col,
                    id: id_col,
                    ..ColumnSpec::default()
                },
                ..IngestOptions::default()
            };
            matches(
                &inputs,
                top,
                min_terms,
                &options,
                input_format,
                &output,
                &engine,
            )
        }
    }
}

fn check(files: &[NarrativeSpec]) -> Result<()> {
    let langid = claim_langid()?;
    for spec in files {
        let (claims, report) = load::load_file(spec, &langid)?;
        out!("{}", report.render());
        if claims.is_empty() {
            return Err(Fatal::rules(format!(
                "{}: no claim could be loaded",
                spec.path.display()
            )));
        }
        let set = NarrativeSet::build(claims);
        let unmatchable = set.unmatchable();
        if !unmatchable.is_empty() {
            let at: Vec<&str> = unmatchable
                .iter()
                .take(5)
                .map(|&c| set.claims[c].origin.as_str())
                .collect();
            outln!(
                "  {} claims can never match: no informative word (only stop words or words common to the database) (at {}{})",
                unmatchable.len(),
                at.join(", "),
                if unmatchable.len() > at.len() { ", …" } else { "" }
            );
        }
        for (lang, n) in set.counts() {
            if n == 0 {
                continue;
            }
            let common = set.common_terms(lang);
            if !common.is_empty() {
                let shown: Vec<&str> = common.iter().take(30).copied().collect();
                outln!(
                    "  {lang}: {} stems too common to tell claims apart, left out: {}{}",
                    common.len(),
                    shown.join(" "),
                    if common.len() > shown.len() {
                        " …"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    Ok(())
}

fn matches(
    inputs: &[String],
    top: usize,
    min_terms: Option<usize>,
    options: &IngestOptions,
    input_format: Option<InputFormat>,
    output: &str,
    engine: &EngineArgs,
) -> Result<()> {
    let analyzer = engine.analyzer()?;
    let Some(set) = analyzer.narratives.as_ref() else {
        return Err(Fatal::input(
            "no claims loaded: give --narratives FILE (or rules that declare narratives)",
        ));
    };
    let min_terms = min_terms.unwrap_or(analyzer.config.narratives.min_terms);
    let mut w = csv::Writer::from_writer(Vec::new());
    let write_err = |e: csv::Error| Fatal::output(format!("{output}: {e}"));
    w.write_record([
        "id",
        "lang",
        "rank",
        "score",
        "terms",
        "claim_terms",
        "weight",
        "claim_weight",
        "window",
        "claim",
        "claim_source",
    ])
    .map_err(write_err)?;
    for input in inputs {
        let mut reader = ingest::open(input, input_format, options, Arc::new(AtomicU64::new(0)))?;
        while let Some(event) = reader.next_event()? {
            let Event::Record(_, r) = event else { continue };
            let script = calque::script::measure(&r.text);
            let lang = analyzer
                .langid
                .detect(&r.text, script.cyrillic_share())
                .code;
            for (rank, m) in set.ranked(&r.text, lang, min_terms, top).iter().enumerate() {
                let claim = &set.claims[m.claim];
                w.write_record([
                    r.id.as_str(),
                    lang,
                    &(rank + 1).to_string(),
                    &format!("{:.4}", m.score),
                    &m.terms.to_string(),
                    &m.claim_terms.to_string(),
                    &format!("{:.3}", m.weight),
                    &format!("{:.3}", m.claim_weight),
                    &m.window.to_string(),
                    &claim.text,
                    claim.source(),
                ])
                .map_err(write_err)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Fatal::output(format!("{output}: {e}")))?;
    // Never over an input: the items read or a claim database.
    let mut read: Vec<String> = inputs.to_vec();
    read.extend(
        engine
            .narratives
            .iter()
            .map(|n| n.path.display().to_string()),
    );
    calque::output::write_whole(&read, output, "-o", &bytes)
}
