//! CSV and TSV input: a header row, then one record per row (quoted fields may span lines in
//! CSV; TSV fields are read literally). `csv_records` finds each record with bounded memory,
//! `csv_core` splits it into fields.

use super::columns::{self, ColumnSpec};
use super::csv_records::{Fields, RecordScanner, Scan};
use super::twitter::{self, ArchiveColumns};
use super::{io_error, IngestOptions, RecordReader, SparePool};
use crate::error::{Fatal, Result};
use crate::record::{Event, Provenance, Record, Reject, RejectReason};
use std::io::Read;
use std::sync::Arc;

/// Column indices resolved from the header.
pub struct Layout {
    pub text: usize,
    pub id: Option<usize>,
    pub author: Option<usize>,
    pub timestamp: Option<usize>,
    pub url: Option<usize>,
    pub platform: Option<usize>,
    pub keep: Vec<usize>,
    pub width: usize,
}

pub struct CsvReader {
    records: RecordScanner,
    layout: Layout,
    /// The columns of the Twitter information operations archive, when the input is one.
    archive: Option<ArchiveColumns>,
    source: Arc<str>,
    max_record_bytes: usize,
    lossy_utf8: bool,
    spares: SparePool,
}

impl CsvReader {
    /// `quoting`: whether `"` quotes fields (CSV) or is a plain byte (TSV read literally).
    pub fn new(
        input: Box<dyn Read + Send>,
        delimiter: u8,
        quoting: bool,
        source: Arc<str>,
        options: &IngestOptions,
    ) -> Result<Self> {
        let mut records = RecordScanner::new(input, delimiter, quoting, options.max_record_bytes);
        let header_error = |what: &str, line: u64| {
            Fatal::input(format!(
                "{source}:{line}: the header row {what}; a CSV input needs a header naming its columns"
            ))
        };
        let headers: Vec<String> =
            match records.next_record().map_err(|e| io_error(&source, 1, e))? {
                None => {
                return Err(Fatal::input(format!(
                    "{source}:1: empty input or header row; a CSV input needs a header naming its columns"
                )))
            }
                Some(Scan::Record(r)) if r.unclosed => {
                    return Err(header_error("has a quote that never closes", r.line))
                }
                Some(Scan::Record(r)) => r
                    .fields
                    .iter()
                    .map(|h| String::from_utf8_lossy(h).trim().to_string())
                    .collect(),
                Some(Scan::TooLarge { line, .. } | Scan::Runaway { line, .. }) => {
                    return Err(header_error("is over --max-record-bytes", line))
                }
            };
        if headers.iter().all(|h| h.is_empty()) {
            return Err(header_error("is empty", 1));
        }
        let layout = resolve(&headers, &options.columns, &source)?;
        Ok(CsvReader {
            records,
            layout,
            archive: ArchiveColumns::detect(&headers),
            source,
            max_record_bytes: options.max_record_bytes,
            lossy_utf8: options.lossy_utf8,
            spares: SparePool::default(),
        })
    }

    /// Bytes of buffer held (for tests of the memory bound).
    #[cfg(test)]
    pub fn buffered_bytes(&self) -> usize {
        self.records.buffered_bytes()
    }
}

/// Overwrite `slot` with field `index` of `fields` ("" when absent); `Err(index)` when the
/// field is not UTF-8 (and not read lossily).
fn fill(
    fields: &Fields<'_>,
    lossy_utf8: bool,
    index: Option<usize>,
    slot: &mut String,
) -> std::result::Result<(), usize> {
    slot.clear();
    match index.and_then(|i| fields.get(i)) {
        Some(bytes) if lossy_utf8 => slot.push_str(&String::from_utf8_lossy(bytes)),
        Some(bytes) => slot.push_str(std::str::from_utf8(bytes).map_err(|_| index.unwrap_or(0))?),
        None => {}
    }
    Ok(())
}

/// Which header is the text, id… (named in `spec`, else discovered), as every table-shaped
/// input resolves them: CSV here, Arrow tables in the Python binding.
pub fn resolve(headers: &[String], spec: &ColumnSpec, source: &str) -> Result<Layout> {
    let named = |name: &Option<String>, candidates: &[&str], what: &str| -> Result<Option<usize>> {
        match name {
            Some(n) => columns::find(headers, n).map(Some).ok_or_else(|| {
                Fatal::input(format!(
                    "{source}: no column named {n:?} (for {what}); the columns are: {}",
                    headers.join(", ")
                ))
            }),
            None => Ok(columns::discover(headers, candidates)),
        }
    };
    let text = named(&spec.text, columns::TEXT_NAMES, "the text")?.ok_or_else(|| {
        Fatal::input(format!(
            "{source}: no text column found (looked for {}); name it with --text-col. The columns are: {}",
            columns::TEXT_NAMES.join(", "),
            headers.join(", ")
        ))
    })?;
    let mut keep = Vec::new();
    for k in &spec.keep {
        keep.push(columns::find(headers, k).ok_or_else(|| {
            Fatal::input(format!(
                "{source}: no column named {k:?} (in --keep-cols); the columns are: {}",
                headers.join(", ")
            ))
        })?);
    }
    Ok(Layout {
        text,
        id: named(&spec.id, columns::ID_NAMES, "the id")?,
        author: named(&spec.author, columns::AUTHOR_NAMES, "the author")?,
        timestamp: named(&spec.timestamp, columns::TIME_NAMES, "the timestamp")?,
        url: named(&spec.url, columns::URL_NAMES, "the url")?,
        platform: named(&spec.platform, columns::PLATFORM_NAMES, "the platform")?,
        keep,
        width: headers.len(),
    })
}

impl RecordReader for CsvReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let limit = self.max_record_bytes;
        let scan = match self.records.next_record() {
            Ok(Some(scan)) => scan,
            Ok(None) => return Ok(None),
            Err(e) => return Err(io_error(&self.source, 0, e)),
        };
        let reject = |line, reason, detail: String, raw: &[u8]| {
            let provenance = Provenance::new(self.source.clone(), line);
            Ok(Some(Event::Reject(
                provenance,
                Reject {
                    reason,
                    detail,
                    raw: raw.to_vec(),
                },
            )))
        };
        let record = match scan {
            Scan::Record(r) => r,
            Scan::TooLarge {
                prefix,
                len,
                line,
                last_line,
            } => {
                return reject(
                    line,
                    RejectReason::TooLarge,
                    format!(
                        "record{} is {len} bytes, over --max-record-bytes {limit}; its first {} bytes are kept here",
                        line_range(line, last_line),
                        prefix.len()
                    ),
                    prefix,
                )
            }
            Scan::Runaway {
                bytes,
                line,
                last_line,
            } => {
                return reject(
                    line,
                    RejectReason::RunawayQuote,
                    format!(
                        "a quoted field opened here is still open after --max-record-bytes {limit}; line{} rejected, reading resumes on the next line",
                        if last_line > line { format!("s {line}-{last_line}") } else { format!(" {line}") }
                    ),
                    bytes,
                )
            }
        };
        let fields = record.fields;
        let width = self.layout.width;
        let count = fields.len();
        let line = record.line;
        if record.multiline && (record.unclosed || record.stray_after_quote) {
            // A quote that opened by mistake ran over line ends (it never closes, or closes
            // with more text after it): reject the first line and read the others again.
            let last_line = record.last_line;
            let why = if record.unclosed {
                "never closes"
            } else {
                "closes with a quote followed by other text"
            };
            let (first, line) = self
                .records
                .reject_first_line()
                .expect("a multi-line record");
            return reject(
                line,
                RejectReason::RunawayQuote,
                format!(
                    "a quoted field opened on this line runs over lines {line}-{last_line} and {why}; this line is rejected and reading resumes on the next one"
                ),
                first,
            );
        }
        if record.unclosed {
            return reject(
                line,
                RejectReason::RunawayQuote,
                "a quoted field opened on this line never closes".into(),
                record.bytes,
            );
        }
        if count != width {
            return reject(
                line,
                RejectReason::MalformedCsv,
                format!("expected {width} fields as in the header, found {count}"),
                record.bytes,
            );
        }
        let l = &self.layout;
        let mut rec = self.spares.take();
        let slots = [
            (Some(l.text), &mut rec.text),
            (l.id, &mut rec.id),
            (l.author, &mut rec.author),
            (l.timestamp, &mut rec.timestamp),
            (l.url, &mut rec.url),
            (l.platform, &mut rec.platform),
        ];
        rec.kept.resize_with(l.keep.len(), String::new);
        let kept = l.keep.iter().map(|&k| Some(k)).zip(rec.kept.iter_mut());
        for (index, slot) in slots.into_iter().chain(kept) {
            if let Err(col) = fill(&fields, self.lossy_utf8, index, slot) {
                return reject(
                    line,
                    RejectReason::InvalidUtf8,
                    format!("field {} is not valid UTF-8", col + 1),
                    record.bytes,
                );
            }
        }
        if rec.text.trim().is_empty() {
            return reject(
                line,
                RejectReason::EmptyText,
                "the text field is empty".into(),
                record.bytes,
            );
        }
        if let Some(archive) = &self.archive {
            let cell = |i: usize| String::from_utf8_lossy(fields.get(i).unwrap_or_default());
            if l.url.is_none() {
                rec.url = ArchiveColumns::url(&cell(archive.tweetid));
            }
            if l.platform.is_none() {
                rec.platform.push_str("twitter");
            }
            if let Some(urls) = archive.urls {
                rec.links = twitter::archive_links(&cell(urls), &rec.text);
            }
        }
        let provenance = Provenance::new(self.source.clone(), line);
        Ok(Some(Event::Record(provenance, rec)))
    }

    fn recycle(&mut self, spare: Record) {
        self.spares.put(spare);
    }
}

/// " (lines A-B)" for a record spanning lines, else "".
fn line_range(line: u64, last_line: u64) -> String {
    if last_line > line {
        format!(" (lines {line}-{last_line})")
    } else {
        String::new()
    }
}
