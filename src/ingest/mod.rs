//! Ingestion: turn input files into a stream of [`Event`]s, one per record read, never holding
//! more than one record of an input in memory.
//!
//! A new input format is a new module here implementing [`RecordReader`] plus one arm in
//! [`InputFormat`] and [`open`].

mod columns;
mod csv_input;
mod jsonl_input;
mod lines;
mod text_input;

pub use columns::ColumnSpec;
pub use csv_input::{resolve as resolve_columns, Layout as ColumnLayout};

use crate::error::{Fatal, Result};
use crate::record::{Event, Record};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Input formats calque reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// Plain text: one item per non-empty line.
    Text,
}

impl InputFormat {
    /// Format from a file name's extension (`.gz` is looked through).
    pub fn from_path(path: &str) -> Option<Self> {
        let lower = path.to_ascii_lowercase();
        let name = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = Path::new(name).extension()?.to_str()?;
        Some(match ext {
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "txt" | "text" => InputFormat::Text,
            _ => return None,
        })
    }
}

/// Options shared by every reader.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub columns: ColumnSpec,
    /// Records longer than this many bytes are rejected as `too_large`.
    pub max_record_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the record as `invalid_utf8`.
    pub lossy_utf8: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            columns: ColumnSpec::default(),
            max_record_bytes: 1 << 20,
            lossy_utf8: false,
        }
    }
}

/// A source of events: records to screen and records rejected, in input order.
pub trait RecordReader: Send {
    /// The next record, `None` at the end; `Err` only for failures that stop the run
    /// (an I/O error, a corrupt gzip stream).
    fn next_event(&mut self) -> Result<Option<Event>>;

    /// A record the pipeline is done with, whose buffers the reader may fill again instead of
    /// allocating new ones (see [`SparePool`]). Readers without reuse just drop it.
    fn recycle(&mut self, spare: Record) {
        drop(spare);
    }
}

/// Records handed back for reuse, so that reading a record of a long input allocates nothing:
/// a reader thread allocating fields that other threads free was a tenth of the scan's cost
/// in the allocator.
#[derive(Default)]
pub struct SparePool {
    spares: Vec<Record>,
    /// Bytes the spares' buffers hold.
    bytes: usize,
}

impl SparePool {
    /// Spares kept at most: the batches in flight in a scan with the default batch size, so
    /// that in the steady state every record is a spare.
    const MAX_SPARES: usize = 6 * 4096;
    /// Bytes of buffers kept at most, whatever the length of the records.
    const MAX_BYTES: usize = 32 << 20;
    /// A spare whose text buffer grew past this is dropped: a few long records do not keep
    /// their buffers alive.
    const MAX_SPARE_TEXT: usize = 16 << 10;

    pub fn put(&mut self, spare: Record) {
        let bytes = held_bytes(&spare);
        if self.spares.len() < Self::MAX_SPARES
            && spare.text.capacity() <= Self::MAX_SPARE_TEXT
            && self.bytes + bytes <= Self::MAX_BYTES
        {
            self.bytes += bytes;
            self.spares.push(spare);
        }
    }

    /// A record to fill: a spare if there is one. Its fields hold old values: the reader
    /// overwrites every one of them.
    pub fn take(&mut self) -> Record {
        match self.spares.pop() {
            Some(spare) => {
                self.bytes -= held_bytes(&spare);
                spare
            }
            None => Record::default(),
        }
    }
}

/// Bytes held by a record's buffers.
fn held_bytes(r: &Record) -> usize {
    [&r.text, &r.id, &r.author, &r.timestamp, &r.url, &r.platform]
        .iter()
        .map(|s| s.capacity())
        .sum::<usize>()
        + r.kept.iter().map(String::capacity).sum::<usize>()
}

/// Adds the bytes it reads to a shared counter (for the progress bar and throughput).
struct CountingReader<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Size in bytes of an input, when known (for the progress bar).
pub fn input_size(path: &str) -> Option<u64> {
    if path == "-" {
        return None;
    }
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// Open `path` ("-" for stdin) as a reader of `format` (or the format its name implies).
pub fn open(
    path: &str,
    format: Option<InputFormat>,
    options: &IngestOptions,
    counter: Arc<AtomicU64>,
) -> Result<Box<dyn RecordReader>> {
    let display: Arc<str> = if path == "-" {
        Arc::from("<stdin>")
    } else {
        Arc::from(path)
    };
    let raw: Box<dyn Read + Send> = if path == "-" {
        Box::new(io::stdin())
    } else {
        let file =
            File::open(path).map_err(|e| Fatal::input(format!("{path}: cannot open: {e}")))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Fatal::input(format!(
                "{path}: is a directory, not an input file"
            )));
        }
        Box::new(file)
    };
    let counted = CountingReader {
        inner: raw,
        counter,
    };
    let gz = path.to_ascii_lowercase().ends_with(".gz");
    let mut reader: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    };
    let format = match format.or_else(|| InputFormat::from_path(path)) {
        Some(f) => f,
        None if path == "-" => sniff(&mut reader, &display)?,
        None => {
            return Err(Fatal::input(format!(
                "{path}: cannot tell the format from the extension; use --input-format csv|tsv|jsonl|text"
            )))
        }
    };
    Ok(match format {
        InputFormat::Csv => Box::new(csv_input::CsvReader::new(reader, b',', display, options)?),
        InputFormat::Tsv => Box::new(csv_input::CsvReader::new(reader, b'\t', display, options)?),
        InputFormat::Jsonl => Box::new(jsonl_input::JsonlReader::new(reader, display, options)),
        InputFormat::Text => Box::new(text_input::TextReader::new(reader, display, options)),
    })
}

/// Guess the format of stdin: JSON Lines if the first non-blank byte is `{`, else text.
fn sniff(reader: &mut Box<dyn BufRead + Send>, display: &str) -> Result<InputFormat> {
    let buf = reader
        .fill_buf()
        .map_err(|e| Fatal::input(format!("{display}: {e}")))?;
    let first = buf.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    })
}

fn io_error(source: &str, line: u64, e: impl std::fmt::Display) -> Fatal {
    Fatal::input(format!("{source}:{line}: read error: {e}"))
}

#[cfg(test)]
mod tests;
