//! Writers: atomic output files, the CSV and JSON Lines report encodings, the rejects file.
//!
//! Rows are encoded by the worker threads ([`RowEncoder::encode`]) into the bytes of every
//! column but `rank`, so that ranking moves opaque byte strings and the writer only prepends
//! the rank.

use super::cells::neutralize;
use super::NUMERIC_COLUMNS;
use crate::error::{Fatal, Result};
use std::cell::RefCell;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

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
    writer: Box<dyn Write + Send>,
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

fn out_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot write the report: {e}"))
}

/// A byte buffer that a reused CSV writer fills and the encoder empties after each row.
#[derive(Clone, Default)]
struct SharedBuf(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

thread_local! {
    /// One CSV encoder per thread, reused for every row.
    static CSV_ROW: (RefCell<csv::Writer<SharedBuf>>, SharedBuf) = {
        let buf = SharedBuf::default();
        (RefCell::new(csv::WriterBuilder::new().from_writer(buf.clone())), buf)
    };
}

/// Encodes report rows in one format; shared by the worker threads.
#[derive(Debug, Clone)]
pub struct RowEncoder {
    format: ReportFormat,
    raw_cells: bool,
    header: Vec<String>,
    numeric: Vec<bool>,
}

impl RowEncoder {
    /// `header` includes the leading `rank` column.
    pub fn new(format: ReportFormat, raw_cells: bool, header: Vec<String>) -> Self {
        let numeric = header
            .iter()
            .map(|h| NUMERIC_COLUMNS.contains(&h.as_str()))
            .collect();
        RowEncoder {
            format,
            raw_cells,
            header,
            numeric,
        }
    }

    /// Encode every column but `rank` (cells in header order, without the rank).
    pub fn encode<S: AsRef<str>>(&self, cells: &[S]) -> Vec<u8> {
        match self.format {
            ReportFormat::Csv => CSV_ROW.with(|(w, buf)| {
                let mut w = w.borrow_mut();
                let raw = self.raw_cells;
                w.write_record(
                    cells
                        .iter()
                        .map(|c| {
                            if raw {
                                c.as_ref().into()
                            } else {
                                neutralize(c.as_ref())
                            }
                        })
                        .collect::<Vec<_>>()
                        .iter()
                        .map(|c| c.as_bytes()),
                )
                .expect("writing to memory");
                w.flush().expect("writing to memory");
                std::mem::take(&mut *buf.0.borrow_mut())
            }),
            ReportFormat::Jsonl => {
                let mut line = String::with_capacity(512);
                for (i, cell) in cells.iter().enumerate() {
                    let cell = cell.as_ref();
                    let col = i + 1;
                    line.push(',');
                    line.push_str(&serde_json::to_string(&self.header[col]).expect("string"));
                    line.push(':');
                    if self.numeric[col] && !cell.is_empty() && cell.parse::<f64>().is_ok() {
                        line.push_str(cell);
                    } else {
                        line.push_str(&serde_json::to_string(cell).expect("string"));
                    }
                }
                line.push_str("}\n");
                line.into_bytes()
            }
        }
    }

    fn write_header(&self, out: &mut impl Write) -> Result<()> {
        if self.format == ReportFormat::Csv {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&self.header).map_err(out_err)?;
            out.write_all(&w.into_inner().map_err(|e| out_err(e.error()))?)
                .map_err(out_err)?;
        }
        Ok(())
    }

    fn write_ranked(&self, out: &mut impl Write, rank: u64, encoded: &[u8]) -> Result<()> {
        match self.format {
            ReportFormat::Csv => write!(out, "{rank},").map_err(out_err)?,
            ReportFormat::Jsonl => write!(out, "{{\"rank\":{rank}").map_err(out_err)?,
        }
        out.write_all(encoded).map_err(out_err)
    }
}

/// Writes the header, then ranked rows.
pub struct ReportWriter<W: Write> {
    encoder: RowEncoder,
    out: W,
}

impl<W: Write> ReportWriter<W> {
    pub fn new(mut out: W, encoder: RowEncoder) -> Result<Self> {
        encoder.write_header(&mut out)?;
        Ok(ReportWriter { encoder, out })
    }

    /// Write one row: its rank, then the encoded cells of every other column.
    pub fn write_ranked(&mut self, rank: u64, encoded: &[u8]) -> Result<()> {
        self.encoder.write_ranked(&mut self.out, rank, encoded)
    }

    /// Flush and return the underlying writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.flush().map_err(out_err)?;
        Ok(self.out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Vec<String> {
        ["rank", "score", "text"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn csv_rows_are_quoted_and_neutralised() {
        let enc = RowEncoder::new(ReportFormat::Csv, false, header());
        let mut w = ReportWriter::new(Vec::new(), enc.clone()).unwrap();
        w.write_ranked(1, &enc.encode(&["0.5000", "=cmd, \"x\""]))
            .unwrap();
        w.write_ranked(2, &enc.encode(&["0.1000", "plain"]))
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            out,
            "rank,score,text\n1,0.5000,\"'=cmd, \"\"x\"\"\"\n2,0.1000,plain\n"
        );
    }

    #[test]
    fn jsonl_rows_have_typed_numbers() {
        let enc = RowEncoder::new(ReportFormat::Jsonl, false, header());
        let mut w = ReportWriter::new(Vec::new(), enc.clone()).unwrap();
        w.write_ranked(3, &enc.encode(&["0.5000", "=not neutralised in JSON"]))
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["rank"], 3);
        assert_eq!(v["score"], 0.5);
        assert_eq!(v["text"], "=not neutralised in JSON");
    }
}
