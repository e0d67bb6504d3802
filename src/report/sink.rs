//! Writers: atomic output files, the CSV and JSON Lines report formats, the rejects file.

use super::cells::neutralize;
use super::NUMERIC_COLUMNS;
use crate::error::{Fatal, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Csv,
    Jsonl,
}

/// An output that appears at its path only when complete: written to a temporary file in the
/// same directory, then renamed over the target. Standard output ("-") is written directly.
pub struct AtomicOutput {
    target: Option<PathBuf>,
    temp: Option<tempfile::NamedTempFile>,
    writer: Box<dyn Write>,
}

impl AtomicOutput {
    pub fn create(path: &str) -> Result<Self> {
        if path == "-" {
            return Ok(AtomicOutput {
                target: None,
                temp: None,
                writer: Box::new(BufWriter::new(io::stdout())),
            });
        }
        let target = PathBuf::from(path);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".calque-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| {
                Fatal::output(format!(
                    "{path}: cannot create a temporary file in {}: {e}",
                    dir.display()
                ))
            })?;
        let file = temp
            .reopen()
            .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
        Ok(AtomicOutput {
            target: Some(target),
            temp: Some(temp),
            writer: Box::new(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.target.as_deref()
    }

    /// Flush and move the finished file into place.
    pub fn commit(mut self) -> Result<()> {
        let name = self
            .target
            .as_ref()
            .map_or("<stdout>".into(), |p| p.display().to_string());
        self.writer
            .flush()
            .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
        drop(self.writer);
        if let (Some(temp), Some(target)) = (self.temp.take(), self.target.take()) {
            temp.as_file()
                .sync_all()
                .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
            temp.persist(&target).map_err(|e| {
                Fatal::output(format!("{name}: cannot move into place: {}", e.error))
            })?;
        }
        Ok(())
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes report rows in one format.
pub struct ReportWriter<W: Write> {
    format: ReportFormat,
    raw_cells: bool,
    header: Vec<String>,
    numeric: Vec<bool>,
    csv: Option<csv::Writer<W>>,
    plain: Option<W>,
    line: String,
}

fn out_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot write the report: {e}"))
}

impl<W: Write> ReportWriter<W> {
    pub fn new(out: W, format: ReportFormat, raw_cells: bool, header: Vec<String>) -> Result<Self> {
        let numeric = header
            .iter()
            .map(|h| NUMERIC_COLUMNS.contains(&h.as_str()))
            .collect();
        let mut w = ReportWriter {
            format,
            raw_cells,
            header,
            numeric,
            csv: None,
            plain: None,
            line: String::new(),
        };
        match format {
            ReportFormat::Csv => {
                let mut csv = csv::WriterBuilder::new().from_writer(out);
                csv.write_record(&w.header).map_err(out_err)?;
                w.csv = Some(csv);
            }
            ReportFormat::Jsonl => w.plain = Some(out),
        }
        Ok(w)
    }

    /// Write one row: its rank, then the cells of every other column.
    pub fn write_row<S: AsRef<str>>(&mut self, rank: u64, cells: &[S]) -> Result<()> {
        let rank = rank.to_string();
        let all = std::iter::once(rank.as_str()).chain(cells.iter().map(|c| c.as_ref()));
        match self.format {
            ReportFormat::Csv => {
                let raw = self.raw_cells;
                let csv = self.csv.as_mut().expect("csv writer");
                let record: Vec<std::borrow::Cow<str>> = all
                    .map(|c| if raw { c.into() } else { neutralize(c) })
                    .collect();
                csv.write_record(record.iter().map(|c| c.as_bytes()))
                    .map_err(out_err)
            }
            ReportFormat::Jsonl => {
                self.line.clear();
                self.line.push('{');
                for (i, cell) in all.enumerate() {
                    if i > 0 {
                        self.line.push(',');
                    }
                    self.line
                        .push_str(&serde_json::to_string(&self.header[i]).expect("string"));
                    self.line.push(':');
                    if self.numeric[i] && !cell.is_empty() && cell.parse::<f64>().is_ok() {
                        self.line.push_str(cell);
                    } else {
                        self.line
                            .push_str(&serde_json::to_string(cell).expect("string"));
                    }
                }
                self.line.push_str("}\n");
                self.plain
                    .as_mut()
                    .expect("plain writer")
                    .write_all(self.line.as_bytes())
                    .map_err(out_err)
            }
        }
    }

    /// Flush and return the underlying writer.
    pub fn finish(self) -> Result<W> {
        match (self.csv, self.plain) {
            (Some(csv), _) => csv.into_inner().map_err(|e| out_err(e.error())),
            (_, Some(mut w)) => {
                w.flush().map_err(out_err)?;
                Ok(w)
            }
            _ => unreachable!("one writer is always set"),
        }
    }
}

/// Columns of the rejects file.
pub const REJECT_COLUMNS: &[&str] = &["source", "line", "reason", "detail", "raw"];

/// The rejects CSV: every record that could not be screened, with why.
pub struct RejectsWriter {
    csv: csv::Writer<AtomicOutput>,
    raw_cells: bool,
    pub written: u64,
}

impl RejectsWriter {
    pub fn create(path: &str, raw_cells: bool) -> Result<Self> {
        let out = AtomicOutput::create(path)?;
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(REJECT_COLUMNS)
            .map_err(|e| Fatal::output(format!("{path}: {e}")))?;
        Ok(RejectsWriter {
            csv,
            raw_cells,
            written: 0,
        })
    }

    pub fn write(
        &mut self,
        provenance: &crate::record::Provenance,
        reject: &crate::record::Reject,
    ) -> Result<()> {
        let line = provenance.line.to_string();
        let cells = [
            &*provenance.source,
            line.as_str(),
            reject.reason.as_str(),
            reject.detail.as_str(),
            reject.raw.as_str(),
        ];
        let raw = self.raw_cells;
        self.csv
            .write_record(
                cells
                    .iter()
                    .map(|c| if raw { (*c).into() } else { neutralize(c) })
                    .collect::<Vec<_>>()
                    .iter()
                    .map(|c| c.as_bytes()),
            )
            .map_err(|e| Fatal::output(format!("cannot write the rejects file: {e}")))?;
        self.written += 1;
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        let out = self
            .csv
            .into_inner()
            .map_err(|e| Fatal::output(format!("cannot write the rejects file: {}", e.error())))?;
        out.commit()
    }
}
