//! `calque explain`.

use super::common::{EngineArgs, SelectionArgs};
use calque::eval::explain::Explanation;
use calque::ingest::{self, ColumnSpec, IngestOptions, InputFormat};
use calque::record::Event;
use calque::{Fatal, Result};
use clap::{Args, ValueEnum};
use std::io::Read;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Tables for a human.
    Text,
    /// One JSON object (fields documented in docs/EVALUATION.md).
    Json,
}

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque explain \"The meeting will take place in the nearest time.\"
  calque explain --file transcript.txt --format json
  calque explain --input tweets.csv --id 815963007977213952
  calque explain --input posts.jsonl --id-col post.id --id abc123 --config tuned.toml

Shows the language and its confidence, the normalized view, every heuristic and campaign
indicator that fired with its byte span in the original text and the text there, each one's
contribution, and how they combine into the final score (formulas in docs/scoring.md).")]
pub struct ExplainArgs {
    /// The text to explain.
    #[arg(value_name = "TEXT", conflicts_with_all = ["file", "input"], required_unless_present_any = ["file", "input"])]
    text: Option<String>,
    /// Explain the whole content of this file as one item (- reads standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "input")]
    file: Option<String>,
    /// Explain one record of this batch input (CSV, TSV, JSON Lines, text), picked with --id.
    #[arg(long, value_name = "INPUT", requires = "id")]
    input: Option<String>,
    /// Id of the record to explain (the first record with this id is taken).
    #[arg(long, value_name = "ID", requires = "input")]
    id: Option<String>,
    /// Input format of --input, instead of guessing from the extension.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Column (CSV) or dotted field (JSON Lines) holding the text (default: discovered).
    #[arg(long, value_name = "NAME")]
    text_col: Option<String>,
    /// Column holding the id (default: id, tweet_id, post_id…).
    #[arg(long, value_name = "NAME")]
    id_col: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    format: ExplainFormat,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    selection: SelectionArgs,
}

fn read_file(path: &str) -> Result<String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| Fatal::input(format!("{path}: cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Fatal::input(format!(
            "{path}: not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn find_record(args: &ExplainArgs, path: &str, id: &str) -> Result<String> {
    let options = IngestOptions {
        columns: ColumnSpec {
            text: args.text_col.clone(),
            id: args.id_col.clone(),
            ..ColumnSpec::default()
        },
        ..IngestOptions::default()
    };
    let mut reader = ingest::open(
        path,
        args.input_format,
        &options,
        Arc::new(AtomicU64::new(0)),
    )?;
    let (mut records, mut rejected) = (0u64, 0u64);
    while let Some(event) = reader.next_event()? {
        match event {
            Event::Record(_, r) if r.id == id => return Ok(r.text),
            Event::Record(..) => records += 1,
            Event::Reject(..) => rejected += 1,
        }
    }
    Err(Fatal::input(format!(
        "{path}: no record with id {id:?} among {records} readable records \
({rejected} unreadable; is --id-col right?)"
    )))
}

pub fn run(args: ExplainArgs) -> Result<()> {
    let analyzer = args.engine.analyzer_selecting(&args.selection)?;
    let text = match (&args.text, &args.file, &args.input, &args.id) {
        (Some(t), _, _, _) => t.clone(),
        (None, Some(f), _, _) => read_file(f)?,
        (None, None, Some(input), Some(id)) => find_record(&args, input, id)?,
        _ => {
            return Err(Fatal::input(
                "give TEXT, --file FILE, or --input INPUT --id ID",
            ))
        }
    };
    let analysis = analyzer.analyze(&text);
    let explanation = Explanation::build(&analyzer, &text, &analysis);
    match args.format {
        ExplainFormat::Text => out!("{}", explanation.render()),
        ExplainFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&explanation)
                .map_err(|e| Fatal::output(format!("cannot write JSON: {e}")))?
        ),
    }
    Ok(())
}
