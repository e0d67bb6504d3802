//! `calque scan`: the streaming pipeline.
//!
//! Three stages joined by bounded channels: a reader thread reads the inputs in order into
//! batches of events; the analysis stage analyses up to `BATCHES_IN_FLIGHT` batches at once in
//! parallel with rayon and encodes their report rows (`collect_into_vec` keeps the order within
//! a batch); a sink thread puts finished batches back in input order, writes rejects, counts,
//! and hands rows to the ranker. Two batches wait for the analysis and at most three are in
//! flight, so memory is bounded by about five batches of records plus the ranking budget, and
//! the report is byte-identical whatever the number of threads.

use crate::analyze::Analyzer;
use crate::error::{Fatal, Result};
use crate::ingest::{self, IngestOptions, InputFormat};
use crate::output::OutputSet;
use crate::record::Event;
use crate::report;
use crate::report::encode::ReportFormat;
use crate::sinks::{self, AnyExtract, AnySink, Finish, Item};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub inputs: Vec<String>,
    pub input_format: Option<InputFormat>,
    pub ingest: IngestOptions,
    /// Report path, "-" for standard output.
    pub output: String,
    pub format: ReportFormat,
    /// Rejects path; None: next to the report (or `calque.rejects.csv` when writing to stdout,
    /// created only if something was rejected).
    pub rejects: Option<String>,
    pub summary: Option<String>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub batch_size: usize,
    pub top: Option<usize>,
    pub min_score: f64,
    pub raw_cells: bool,
    /// Start a CSV report with a UTF-8 byte-order mark, which Excel on Windows needs to read
    /// it as UTF-8.
    pub bom: bool,
    pub progress: bool,
    /// Bytes of report rows kept in memory before ranking spills to disk.
    pub sort_memory: usize,
    /// `--coordination DIR`: the coordination files go there (see `coordinate::sink`).
    pub coordination: Option<(std::path::PathBuf, crate::coordinate::CoordOptions)>,
    /// Accounts table path (`--accounts`), if asked for.
    pub accounts: Option<String>,
    /// The HTML page and the workbook (`--html`, `--xlsx`), if asked for.
    pub page: Option<crate::sinks::page::PageOutputs>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            inputs: Vec::new(),
            input_format: None,
            ingest: IngestOptions::default(),
            output: "report.csv".into(),
            format: ReportFormat::Csv,
            rejects: None,
            summary: None,
            threads: 0,
            batch_size: 4096,
            top: None,
            min_score: 0.0,
            raw_cells: false,
            bom: false,
            progress: false,
            sort_memory: 64 << 20,
            coordination: None,
            accounts: None,
            page: None,
        }
    }
}

/// The run summary (printed on stderr, and written as JSON with `--summary`; read back by
/// `calque render --summary`, fields missing from the file left at their defaults).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    pub schema_version: String,
    pub inputs: Vec<String>,
    pub report: String,
    pub rejects_file: Option<String>,
    pub records_read: u64,
    pub scored: u64,
    pub rejected: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub rows_written: u64,
    pub rows_filtered: u64,
    pub by_language: BTreeMap<String, u64>,
    pub by_level: BTreeMap<String, u64>,
    /// Items whose best-matching campaign is this one.
    pub by_campaign: BTreeMap<String, u64>,
    pub bytes_read: u64,
    pub threads: usize,
    pub elapsed_seconds: f64,
    /// Of `elapsed_seconds`, the time spent after the last item was analysed: merging the
    /// ranking and writing the report.
    pub report_seconds: f64,
    pub mb_per_second: f64,
    pub items_per_second: f64,
    /// What the readers noticed without rejecting a record, and hints (e.g. an encoding to
    /// try when many records are not UTF-8).
    pub warnings: Vec<String>,
    /// The accounts table's counts (`--accounts`).
    /// Not read back by `calque render`.
    #[serde(skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub accounts: Option<crate::accounts::table::TableSummary>,
}

impl Summary {
    /// Human-readable lines for stderr.
    pub fn render(&self) -> String {
        let mut s = format!(
            "calque: read {} records: {} scored, {} rejected{}\n",
            self.records_read,
            self.scored,
            self.rejected,
            if self.rejected > 0 {
                format!(
                    " ({})",
                    self.rejected_by_reason
                        .iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            }
        );
        let counts = |m: &BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        s += &format!("calque: levels: {}\n", counts(&self.by_level));
        s += &format!("calque: languages: {}\n", counts(&self.by_language));
        if !self.by_campaign.is_empty() {
            s += &format!(
                "calque: best campaign match: {}\n",
                counts(&self.by_campaign)
            );
        }
        s += &format!(
            "calque: wrote {} rows to {}",
            self.rows_written, self.report
        );
        if self.rows_filtered > 0 {
            s += &format!(" ({} left out by --top/--min-score)", self.rows_filtered);
        }
        if let Some(r) = &self.rejects_file {
            s += &format!("; rejects in {r}");
        }
        for warning in &self.warnings {
            s += &format!("\ncalque: warning: {warning}");
        }
        if let Some(a) = &self.accounts {
            s += &format!("\n{}", crate::accounts::table::render_summary(a).trim_end());
        }
        s += &format!(
            "\ncalque: {:.1} MB in {:.2} s: {:.1} MB/s, {:.0} items/s on {} threads\n",
            self.bytes_read as f64 / 1e6,
            self.elapsed_seconds,
            self.mb_per_second,
            self.items_per_second,
            self.threads
        );
        s
    }
}

/// The default rejects path for a report path.
pub fn default_rejects_path(output: &str) -> String {
    if output == "-" {
        return "calque.rejects.csv".into();
    }
    let p = std::path::Path::new(output);
    let stem = p
        .file_stem()
        .map_or("report".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem
        .strip_suffix(".csv")
        .or_else(|| stem.strip_suffix(".jsonl"))
        .unwrap_or(&stem)
        .to_string();
    p.with_file_name(format!("{stem}.rejects.csv"))
        .display()
        .to_string()
}

pub(crate) type Batch = Vec<(u64, Event)>;

/// Batches being analysed or waiting for the sinks at any time: enough for a worker to always
/// find work, few enough to bound memory (with the reader's two queued batches).
const BATCHES_IN_FLIGHT: usize = 3;

/// Events analysed as one task: enough to amortise each sink's part, few enough to balance the
/// load between workers.
const EVENTS_PER_CHUNK: usize = 64;

/// Analyse consecutive events; each extractor keeps its part of them.
fn analyse_chunk(
    analyzer: &Analyzer,
    extractors: &[Box<dyn AnyExtract>],
    events: &[(u64, Event)],
) -> Vec<Box<dyn Any + Send>> {
    let mut parts: Vec<_> = extractors.iter().map(|e| e.begin(events)).collect();
    for (seq, event) in events {
        let analysis = match event {
            Event::Record(_, r) => Some(analyzer.analyze_record(r)),
            Event::Reject(..) => None,
        };
        let item = Item {
            analyzer,
            seq: *seq,
            event,
            analysis: analysis.as_ref(),
        };
        for (extractor, part) in extractors.iter().zip(&mut parts) {
            extractor.add(&mut **part, &item);
        }
    }
    parts
}

/// Fail early, before any output is staged, on inputs that cannot be read (none given,
/// standard input twice, a missing file); then the worker pool of `threads` threads (0: one
/// per core). Shared by `scan` and `coordinate`.
pub fn check_inputs_and_start_pool(inputs: &[String], threads: usize) -> Result<rayon::ThreadPool> {
    if inputs.is_empty() {
        return Err(Fatal::input("no input given (use - for standard input)"));
    }
    if inputs.iter().filter(|p| *p == "-").count() > 1 {
        return Err(Fatal::input("standard input (-) can be read only once"));
    }
    for path in inputs.iter().filter(|p| *p != "-") {
        if let Err(e) = std::fs::metadata(path) {
            return Err(Fatal::input(format!("{path}: cannot open: {e}")));
        }
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Fatal::input(format!("cannot start worker threads: {e}")))
}

/// Run the scan; returns the summary once every output is in place.
pub fn scan(analyzer: &Analyzer, opts: &ScanOptions) -> Result<Summary> {
    let started = Instant::now();
    let pool = check_inputs_and_start_pool(&opts.inputs, opts.threads)?;
    let threads = pool.current_num_threads();

    // Every output is staged (and checked against the inputs and each other) before anything
    // is read; none replaces a previous file unless the whole run succeeds.
    let mut outputs = OutputSet::new(&opts.inputs);
    let sinks = sinks::for_scan(analyzer, opts, &mut outputs)?;
    let summary_file = match &opts.summary {
        Some(path) => Some(outputs.stage(path, "--summary")?),
        None => None,
    };
    let extractors: Vec<Box<dyn AnyExtract>> = sinks.iter().map(|s| s.extractor()).collect();

    let bytes = Arc::new(AtomicU64::new(0));
    let total_bytes: Option<u64> = opts.inputs.iter().map(|p| ingest::input_size(p)).sum();
    let progress = make_progress(opts.progress, total_bytes);

    // Stage 1: read inputs into batches of events.
    let (batch_tx, batch_rx) = sync_channel::<Result<Batch>>(2);
    // Batches the sinks are done with go back to the reader, which fills their records again.
    let (spent_tx, spent_rx) = channel::<Batch>();
    let reader = spawn_reader(opts.clone(), bytes.clone(), batch_tx, spent_rx);

    // Stage 3: the sinks, in input order, off the analysis threads. Batches finish out of
    // order (several are analysed at once); the sink thread puts them back in order and hands
    // a slot back for each one it is done with.
    let (done_tx, done_rx) = channel::<(u64, Batch, Vec<Vec<Box<dyn Any + Send>>>)>();
    let (slot_tx, slot_rx) = sync_channel::<()>(BATCHES_IN_FLIGHT);
    for _ in 0..BATCHES_IN_FLIGHT {
        slot_tx.send(()).expect("the channel holds every slot");
    }
    let sink_thread = std::thread::spawn(move || -> Result<Vec<Box<dyn AnySink>>> {
        let mut sinks = sinks;
        let mut waiting = BTreeMap::new();
        let mut next = 0u64;
        for (index, batch, chunks) in done_rx {
            waiting.insert(index, (batch, chunks));
            while let Some((batch, chunks)) = waiting.remove(&next) {
                next += 1;
                for (events, parts) in batch.chunks(EVENTS_PER_CHUNK).zip(chunks) {
                    for (sink, part) in sinks.iter_mut().zip(parts) {
                        sink.consume(events, part)?;
                    }
                }
                // The reader may reuse the batch (and has stopped if this fails).
                let _ = spent_tx.send(batch);
                // The analysis may start one more batch.
                let _ = slot_tx.send(());
            }
        }
        Ok(sinks)
    });

    // Stage 2: analyse batches in parallel, several at once, so that a worker done with its
    // part of one batch takes up the next instead of waiting for the other worker;
    // `collect_into_vec` keeps the order within a batch.
    let mut failure = None;
    let mut items = 0u64;
    let extractors = &extractors;
    pool.in_place_scope(|scope| {
        for (index, batch) in (0u64..).zip(batch_rx) {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            if slot_rx.recv().is_err() {
                break; // the sink thread stopped on an error, reported below
            }
            items += batch.len() as u64;
            let done_tx = done_tx.clone();
            scope.spawn(move |_| {
                let mut chunks = Vec::with_capacity(batch.len().div_ceil(EVENTS_PER_CHUNK));
                batch
                    .par_chunks(EVENTS_PER_CHUNK)
                    .map(|events| analyse_chunk(analyzer, extractors, events))
                    .collect_into_vec(&mut chunks);
                // A closed channel means the sink thread stopped on an error, reported below.
                let _ = done_tx.send((index, batch, chunks));
            });
            if let Some(pb) = &progress {
                pb.set_position(bytes.load(Ordering::Relaxed));
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                pb.set_message(format!("{items} items, {:.0} items/s", items as f64 / secs));
            }
        }
    });
    drop(done_tx);
    let _ = reader.join();
    let sinks = sink_thread.join().expect("sink thread")?;
    if let Some(e) = failure {
        return Err(e);
    }

    let mut summary = Summary {
        schema_version: report::SCHEMA_VERSION.into(),
        inputs: opts.inputs.clone(),
        report: if opts.output == "-" {
            "<stdout>".into()
        } else {
            opts.output.clone()
        },
        threads,
        ..Summary::default()
    };
    let mut run = Finish::new(&mut summary, &mut outputs);
    for sink in sinks {
        sink.finish(&mut run)?;
    }
    drop(run);
    summary.warnings = opts.ingest.warnings.take();
    let invalid_utf8 = summary.rejected_by_reason.get("invalid_utf8");
    summary.warnings.extend(ingest::encoding_hint(
        summary.records_read,
        invalid_utf8.copied().unwrap_or(0),
    ));
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    summary.bytes_read = bytes.load(Ordering::Relaxed);
    let secs = started.elapsed().as_secs_f64();
    summary.elapsed_seconds = secs;
    summary.mb_per_second = summary.bytes_read as f64 / 1e6 / secs.max(1e-9);
    summary.items_per_second = summary.records_read as f64 / secs.max(1e-9);
    if let Some(mut file) = summary_file {
        let name = file.name().to_string();
        let mut json = serde_json::to_vec_pretty(&summary).expect("the summary serializes");
        json.push(b'\n');
        std::io::Write::write_all(&mut file, &json)
            .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
        outputs.ready(file)?;
    }
    outputs.commit()?;
    Ok(summary)
}

/// Read every input in order into batches of `batch_size` events, numbered across inputs;
/// the records of `spent` batches are filled again rather than allocated anew. Of `opts`, only
/// the inputs, their format, the ingest options and the batch size are used.
pub(crate) fn spawn_reader(
    opts: ScanOptions,
    bytes: Arc<AtomicU64>,
    tx: std::sync::mpsc::SyncSender<Result<Batch>>,
    spent: Receiver<Batch>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut seq = 0u64;
        let mut empty_batches: Vec<Batch> = Vec::new();
        for path in &opts.inputs {
            let mut source =
                match ingest::open(path, opts.input_format, &opts.ingest, bytes.clone()) {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
            loop {
                while let Ok(mut done) = spent.try_recv() {
                    for (_, ev) in done.drain(..) {
                        if let Event::Record(_, record) = ev {
                            source.recycle(record);
                        }
                    }
                    if empty_batches.len() < BATCHES_IN_FLIGHT {
                        empty_batches.push(done);
                    }
                }
                let mut batch = empty_batches
                    .pop()
                    .unwrap_or_else(|| Vec::with_capacity(opts.batch_size));
                let mut ended = false;
                while batch.len() < opts.batch_size {
                    match source.next_event() {
                        Ok(Some(ev)) => {
                            batch.push((seq, ev));
                            seq += 1;
                        }
                        Ok(None) => {
                            ended = true;
                            break;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
                if !batch.is_empty() && tx.send(Ok(batch)).is_err() {
                    return;
                }
                if ended {
                    break;
                }
            }
        }
    })
}

fn make_progress(enabled: bool, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !enabled || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = match total {
        Some(t) => indicatif::ProgressBar::new(t),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}"
    } else {
        "{spinner} {bytes} {bytes_per_sec} {msg}"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        pb.set_style(style);
    }
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    Some(pb)
}
