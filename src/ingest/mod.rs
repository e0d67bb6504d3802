//! Ingestion: turn input files into a stream of [`Event`]s, one per record read, never holding
//! more than one record of an input in memory (a transcript item: its cues).
//!
//! A new input format is a new module here implementing [`RecordReader`] plus one arm in
//! [`InputFormat`] and [`open`]; a new kind of JSON object is a module mapping one object,
//! called from `json_input`.

mod bluesky;
mod columns;
mod csv_input;
mod csv_records;
mod decode;
mod json_input;
mod json_value;
mod lines;
mod mastodon;
mod sniff;
mod srt;
mod telegram;
mod text_input;
mod transcript;
mod twitter;
mod vtt;
mod whisper_json;
mod youtube_json;

pub use columns::ColumnSpec;
pub use csv_input::{resolve as resolve_columns, Layout as ColumnLayout};
pub use decode::InputEncoding;
pub use transcript::parse_duration;

use crate::error::{Fatal, Result};
use crate::record::{Event, Record, RejectReason};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Input formats calque reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Comma-separated values with a header row (delimiter sniffed: , ; tab |).
    Csv,
    /// Tab-separated values with a header row, fields read literally (a `"` is a character
    /// like any other). For tabs with CSV quoting: --input-format csv --delimiter tab.
    Tsv,
    /// JSON: JSON Lines, an array, or a document (Telegram export, X API response, Whisper
    /// or YouTube transcript…); each object's format is told from its shape.
    #[value(alias = "jsonl", alias = "ndjson")]
    Json,
    /// Plain text: one item per non-empty line.
    Text,
    /// SubRip subtitles: the transcript is one item (or windows: --transcript-window).
    Srt,
    /// WebVTT subtitles, as SubRip.
    Vtt,
    /// JSON whose objects are Telegram export messages.
    Telegram,
    /// JSON whose objects are X/Twitter API v1.1 tweets or v2 responses.
    Twitter,
    /// JSON whose objects are Mastodon statuses or ActivityPub objects.
    Mastodon,
    /// JSON whose objects are Bluesky posts.
    Bluesky,
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
            "json" | "jsonl" | "ndjson" | "json3" => InputFormat::Json,
            "txt" | "text" => InputFormat::Text,
            "srt" => InputFormat::Srt,
            "vtt" | "webvtt" => InputFormat::Vtt,
            _ => return None,
        })
    }
}

/// Inputs with directories replaced by the files under them whose extension names a format
/// (`.gz` looked through), in name order, hidden entries left out.
pub fn expand_inputs(inputs: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input != "-" && path.is_dir() {
            let before = out.len();
            collect_files(path, &mut out)?;
            if out.len() == before {
                return Err(Fatal::input(format!(
                    "{input}: is a directory without input files (.csv .tsv .json .jsonl .txt .srt .vtt, optionally .gz)"
                )));
            }
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn collect_files(dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| Fatal::input(format!("{}: cannot list: {e}", dir.display())))?;
    let mut entries: Vec<std::path::PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_files(&entry, out)?;
        } else if InputFormat::from_path(&entry.to_string_lossy()).is_some() {
            out.push(entry.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// Why an object or cue could not become a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub reason: RejectReason,
    pub detail: String,
}

impl Unreadable {
    pub fn new(reason: RejectReason, detail: impl Into<String>) -> Self {
        Unreadable {
            reason,
            detail: detail.into(),
        }
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
    /// Encoding of inputs without a byte-order mark (None: UTF-8).
    pub encoding: Option<InputEncoding>,
    /// CSV field delimiter (None: sniffed from the header among `,` `;` tab `|`).
    pub delimiter: Option<u8>,
    /// Cut transcripts into windows of about this many milliseconds (None: one item per
    /// transcript).
    pub transcript_window_ms: Option<u64>,
    /// What the readers noticed without rejecting a record (ignored trailing bytes,
    /// replaced characters), for the run summary.
    pub warnings: Warnings,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            columns: ColumnSpec::default(),
            max_record_bytes: 1 << 20,
            lossy_utf8: false,
            encoding: None,
            delimiter: None,
            transcript_window_ms: None,
            warnings: Warnings::default(),
        }
    }
}

/// Warnings shared by the readers of a run (cheap to clone: one list).
#[derive(Debug, Clone, Default)]
pub struct Warnings(Arc<Mutex<Vec<String>>>);

impl Warnings {
    pub fn push(&self, warning: String) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(warning);
    }

    /// The warnings so far, leaving none.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// A CSV delimiter from `--delimiter`: one ASCII character, or its name.
pub fn parse_delimiter(s: &str) -> std::result::Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        _ if s.len() == 1 && s.is_ascii() && !matches!(s, "\"" | "\n" | "\r") => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "{s:?} is not a delimiter: give one ASCII character other than a quote or a line break, or comma, semicolon, tab, pipe"
        )),
    }
}

/// Share of records rejected as invalid UTF-8 above which the summary suggests an encoding.
const INVALID_UTF8_HINT_SHARE: f64 = 0.02;

/// A hint for the summary when more than a few percent of `read` records were rejected as
/// invalid UTF-8: the input is probably in another encoding.
pub fn encoding_hint(read: u64, invalid_utf8: u64) -> Option<String> {
    if read == 0 || (invalid_utf8 as f64) / (read as f64) <= INVALID_UTF8_HINT_SHARE {
        return None;
    }
    Some(format!(
        "{invalid_utf8} of {read} records ({:.1}%) were rejected as invalid UTF-8: if the input is in another encoding, name it with --encoding (e.g. cp1251, latin1, utf-16le), or read it with --lossy-utf8",
        100.0 * invalid_utf8 as f64 / read as f64
    ))
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
            Some(mut spare) => {
                self.bytes -= held_bytes(&spare);
                spare.clear_extras();
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
        + r.links.iter().map(|l| l.url.capacity()).sum::<usize>()
        + r.cues.capacity() * std::mem::size_of::<crate::record::Cue>()
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

/// Bytes looked at to tell an input's format from its content.
const SNIFF_BYTES: usize = 1 << 14;

/// Open `path` ("-" for stdin) as a reader of `format`, else of the format its name implies,
/// else of the format its first bytes show. Gzip is recognised by its magic bytes and the
/// encoding by a byte-order mark (else `--encoding`, else UTF-8), whatever the name.
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
    let counted = BufReader::with_capacity(
        1 << 16,
        CountingReader {
            inner: raw,
            counter,
        },
    );
    let text = decode::text_stream(
        Box::new(counted),
        options.encoding,
        &display,
        &options.warnings,
    )?;
    let (head, text) = decode::peek(text, SNIFF_BYTES)
        .map_err(|e| Fatal::input(format!("{display}: read error: {e}")))?;
    let sniffed = || sniff::format(&head, &options.columns);
    let named = format.or_else(|| {
        (path != "-")
            .then(|| InputFormat::from_path(path))
            .flatten()
    });
    let format = match named {
        // Excel saves "Unicode text" and "Text (Tab delimited)" as .txt: tab-separated
        // columns under a header.
        Some(InputFormat::Text) if format.is_none() && sniffed() == InputFormat::Tsv => {
            InputFormat::Tsv
        }
        Some(f) => f,
        None => sniffed(),
    };
    let delimiter = || {
        options
            .delimiter
            .or_else(|| sniff::header_delimiter(&head, &options.columns))
            .unwrap_or(b',')
    };
    let reader = Box::new(BufReader::with_capacity(1 << 16, text));
    Ok(match format {
        InputFormat::Csv => Box::new(csv_input::CsvReader::new(
            reader,
            delimiter(),
            true,
            display,
            options,
        )?),
        InputFormat::Tsv => Box::new(csv_input::CsvReader::new(
            reader,
            options.delimiter.unwrap_or(b'\t'),
            false,
            display,
            options,
        )?),
        InputFormat::Text => Box::new(text_input::TextReader::new(reader, display, options)),
        InputFormat::Srt => Box::new(srt::SrtReader::new(reader, display, options)),
        InputFormat::Vtt => Box::new(vtt::VttReader::new(reader, display, options)),
        json => {
            use json_input::Flavour;
            let flavour = match json {
                InputFormat::Telegram => Some(Flavour::Telegram),
                InputFormat::Twitter => Some(Flavour::Twitter),
                InputFormat::Mastodon => Some(Flavour::Mastodon),
                InputFormat::Bluesky => Some(Flavour::Bluesky),
                _ => None,
            };
            let lower = path.to_ascii_lowercase();
            let name = lower.strip_suffix(".gz").unwrap_or(&lower);
            let lines = name.ends_with(".jsonl") || name.ends_with(".ndjson");
            Box::new(json_input::JsonInput::new(
                reader, &head, lines, display, flavour, options,
            ))
        }
    })
}

fn io_error(source: &str, line: u64, e: impl std::fmt::Display) -> Fatal {
    Fatal::input(format!("{source}:{line}: read error: {e}"))
}

#[cfg(test)]
mod tests;
