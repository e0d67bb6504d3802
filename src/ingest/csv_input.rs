//! CSV and TSV input: a header row, then one record per row (quoted fields may span lines).

use super::columns::{self, ColumnSpec};
use super::{io_error, IngestOptions, RecordReader, SparePool};
use crate::error::{Fatal, Result};
use crate::record::{Event, Provenance, Record, Reject, RejectReason};
use std::io::BufRead;
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
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    record: csv::ByteRecord,
    layout: Layout,
    source: Arc<str>,
    delimiter: u8,
    max_record_bytes: usize,
    lossy_utf8: bool,
    spares: SparePool,
}

impl CsvReader {
    pub fn new(
        input: Box<dyn BufRead + Send>,
        delimiter: u8,
        source: Arc<str>,
        options: &IngestOptions,
    ) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let headers: Vec<String> = reader
            .byte_headers()
            .map_err(|e| io_error(&source, 1, e))?
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{FEFF}')
                    .to_string()
            })
            .collect();
        if headers.iter().all(|h| h.is_empty()) {
            return Err(Fatal::input(format!("{source}:1: empty input or header row; a CSV input needs a header naming its columns")));
        }
        let layout = resolve(&headers, &options.columns, &source)?;
        Ok(CsvReader {
            reader,
            record: csv::ByteRecord::new(),
            layout,
            source,
            delimiter,
            max_record_bytes: options.max_record_bytes,
            lossy_utf8: options.lossy_utf8,
            spares: SparePool::default(),
        })
    }

    fn raw(&self) -> String {
        let mut raw = Vec::with_capacity(self.record.as_slice().len() + self.record.len());
        for (i, field) in self.record.iter().enumerate() {
            if i > 0 {
                raw.push(self.delimiter);
            }
            raw.extend_from_slice(&field[..field.len().min(self.max_record_bytes)]);
        }
        String::from_utf8_lossy(&raw).into_owned()
    }

    /// Overwrite `slot` with field `index` ("" when absent); `Err(index)` when the field is
    /// not UTF-8 (and not read lossily).
    fn fill(&self, index: Option<usize>, slot: &mut String) -> std::result::Result<(), usize> {
        slot.clear();
        match index.and_then(|i| self.record.get(i)) {
            Some(bytes) if self.lossy_utf8 => slot.push_str(&String::from_utf8_lossy(bytes)),
            Some(bytes) => {
                slot.push_str(std::str::from_utf8(bytes).map_err(|_| index.unwrap_or(0))?)
            }
            None => {}
        }
        Ok(())
    }
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
        let more = match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => more,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(io_error(&self.source, line, e));
            }
        };
        if !more {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let provenance = Provenance {
            source: self.source.clone(),
            line,
        };
        let reject = |reason, detail: String, raw: String| {
            Ok(Some(Event::Reject(
                provenance.clone(),
                Reject {
                    reason,
                    detail,
                    raw,
                },
            )))
        };
        let size = self.record.as_slice().len();
        if size > self.max_record_bytes {
            return reject(
                RejectReason::TooLarge,
                format!(
                    "record is {size} bytes, over --max-record-bytes {}",
                    self.max_record_bytes
                ),
                self.raw(),
            );
        }
        if self.record.len() != self.layout.width {
            return reject(
                RejectReason::MalformedCsv,
                format!(
                    "expected {} fields as in the header, found {}",
                    self.layout.width,
                    self.record.len()
                ),
                self.raw(),
            );
        }
        let l = &self.layout;
        let mut rec = self.spares.take();
        let fields = [
            (Some(l.text), &mut rec.text),
            (l.id, &mut rec.id),
            (l.author, &mut rec.author),
            (l.timestamp, &mut rec.timestamp),
            (l.url, &mut rec.url),
            (l.platform, &mut rec.platform),
        ];
        rec.kept.resize_with(l.keep.len(), String::new);
        let kept = l.keep.iter().map(|&k| Some(k)).zip(rec.kept.iter_mut());
        for (index, slot) in fields.into_iter().chain(kept) {
            if let Err(col) = self.fill(index, slot) {
                return reject(
                    RejectReason::InvalidUtf8,
                    format!("field {} is not valid UTF-8", col + 1),
                    self.raw(),
                );
            }
        }
        if rec.text.trim().is_empty() {
            return reject(
                RejectReason::EmptyText,
                "the text field is empty".into(),
                self.raw(),
            );
        }
        Ok(Some(Event::Record(provenance, rec)))
    }

    fn recycle(&mut self, spare: Record) {
        self.spares.put(spare);
    }
}
