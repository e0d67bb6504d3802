//! `calque scan`.

use super::common::{EngineArgs, PostInputArgs, SelectionArgs};
use super::render::PageArgs;
use super::values;
use calque::ingest::{self, ColumnSpec};
use calque::pipeline::{self, ScanOptions};
use calque::report::encode::ReportFormat;
use calque::sinks::page::PageOutputs;
use calque::Result;
use clap::Args;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  calque scan data/samples/posts.csv -o report.csv
  calque scan tweets.csv.gz export.jsonl notes.txt -o report.csv --threads 8
  cat posts.jsonl | calque scan - --format jsonl -o -
  calque scan posts.csv --text-col body --keep-cols likes,shares --top 100 -o top.csv
  calque scan result.json --keep-cols chat.name,forwarded_from -o telegram.csv
  calque scan video.srt subtitles/ --transcript-window 60s -o transcripts.csv
  calque scan posts.csv -o report.csv --accounts accounts.csv
  calque scan posts.csv -o report.csv --html report.html --xlsx report.xlsx --bom

Every record read ends up in the report or in the rejects file (default: next to the report,
REPORT.rejects.csv) with a reason; the summary on stderr reconciles the counts.
Report columns are documented in docs/report-schema.md.")]
pub struct ScanArgs {
    /// Input files (CSV, TSV, JSON, JSON Lines, text, SRT/VTT subtitles, Telegram exports…,
    /// optionally gzipped) or directories of them; - reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Report path; - writes to standard output. The file appears only when complete.
    #[arg(short, long, default_value = "report.csv", value_name = "FILE")]
    output: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
    format: ReportFormat,
    #[command(flatten)]
    input: PostInputArgs,
    /// Column holding the item's URL (default: url, link, permalink…).
    #[arg(long, value_name = "NAME")]
    url_col: Option<String>,
    /// Column holding the platform (default: platform, network, site).
    #[arg(long, value_name = "NAME")]
    platform_col: Option<String>,
    /// Extra input columns copied to the end of the report. Example: --keep-cols likes,shares
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    keep_cols: Vec<String>,
    /// Also roll the posts up to accounts and write the accounts table here (JSON Lines if the
    /// name ends in .jsonl, CSV if in .csv, else as --format). Same table as
    /// `calque accounts REPORT`; columns in docs/report-schema.md.
    #[arg(long, value_name = "FILE")]
    accounts: Option<String>,
    /// Rejects file (records that could not be read, with source, line and reason).
    #[arg(long, value_name = "FILE")]
    rejects: Option<String>,
    /// Also write the run summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<String>,
    /// Worker threads (0: one per core; at most 4 per core). The report is identical whatever
    /// the number.
    #[arg(long, default_value = "0", value_name = "N", value_parser = values::threads)]
    threads: usize,
    /// Records analysed per parallel batch (1 to 1048576).
    #[arg(long, default_value = "4096", value_name = "N", value_parser = values::batch_size)]
    batch_size: usize,
    /// Keep only the N best-ranked rows (N >= 1).
    #[arg(long, value_name = "N", value_parser = values::top)]
    top: Option<usize>,
    /// Keep only rows scoring at least X (0–1). Example: --min-score 0.4 keeps medium and high.
    #[arg(long, default_value = "0", value_name = "X", value_parser = values::score)]
    min_score: f64,
    /// Memory for ranking before rows spill to temporary files, in MiB (1 to 1048576). More
    /// means fewer temporary files, not a faster scan: memory filled and freed over and over
    /// costs more than the merge it saves (docs/PERFORMANCE.md).
    #[arg(long = "sort-memory-mib", default_value = "64", value_name = "MIB", value_parser = values::sort_memory_bytes)]
    sort_memory: usize,
    /// Write cells as they are. By default a CSV cell starting with = + - @ tab or CR gets a
    /// leading ' so that spreadsheets do not run it as a formula.
    #[arg(long)]
    raw_cells: bool,
    /// Start the CSV report with a UTF-8 byte-order mark, so that Excel on Windows shows
    /// accents, «», and Cyrillic correctly when the file is opened by double-click (CSV only;
    /// JSON Lines never gets one).
    #[arg(long)]
    bom: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Also find coordinated accounts, with the defaults of `calque coordinate`, and write
    /// its files (pairs.csv, edges.csv, nodes.csv, clusters.csv, network.graphml,
    /// summary.json) into this directory; the report gains a `cluster` column.
    #[arg(long, value_name = "DIR")]
    coordination: Option<std::path::PathBuf>,
    #[command(flatten)]
    page: PageArgs,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    selection: SelectionArgs,
}

pub fn run(args: ScanArgs) -> Result<()> {
    // Ranking needs descriptors for its temporary runs: fail now, not after the whole scan.
    calque::report::rank::fan_in_for_descriptors()?;
    let analyzer = args.engine.analyzer_selecting(&args.selection)?;
    let page = args.page.any().then(|| {
        let mut settings = super::render::settings(&args.engine, &analyzer.config);
        let sel = &args.selection;
        if !sel.select.is_empty() || !sel.ignore.is_empty() {
            settings.push((
                "rules selected".into(),
                format!(
                    "--select {} --ignore {}",
                    sel.select.join(","),
                    sel.ignore.join(",")
                ),
            ));
        }
        PageOutputs {
            html: args.page.html.clone(),
            xlsx: args.page.xlsx.clone(),
            options: args.page.options(),
            settings,
        }
    });
    let options = ScanOptions {
        inputs: ingest::expand_inputs(&args.inputs)?,
        input_format: args.input.input_format,
        ingest: args.input.ingest(ColumnSpec {
            url: args.url_col,
            platform: args.platform_col,
            keep: args.keep_cols,
            ..ColumnSpec::default()
        }),
        output: args.output,
        format: args.format,
        rejects: args.rejects,
        summary: args.summary,
        threads: values::capped_threads(args.threads),
        batch_size: args.batch_size,
        top: args.top,
        min_score: args.min_score,
        raw_cells: args.raw_cells,
        bom: args.bom,
        progress: !args.quiet,
        sort_memory: args.sort_memory,
        coordination: args.coordination.map(|dir| {
            let options = calque::coordinate::CoordOptions {
                raw_cells: args.raw_cells,
                ..calque::coordinate::CoordOptions::default()
            };
            (dir, options)
        }),
        accounts: args.accounts,
        page,
    };
    let summary = pipeline::scan(&analyzer, &options)?;
    if !args.quiet {
        eprint!("{}", summary.render());
    }
    Ok(())
}
