//! The CSV and JSON Lines encodings of report rows, and the writer of a ranked report.
//!
//! Rows are encoded by the worker threads ([`RowEncoder::row`]) into the bytes of every
//! column but `rank`, so that ranking moves opaque byte strings and the writer only prepends
//! the rank.

use super::cells::is_formula_like;
use super::NUMERIC_COLUMNS;
use crate::error::{Fatal, Result};
use std::io::Write;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Csv,
    Jsonl,
}

fn out_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot write the report: {e}"))
}

/// Encodes report rows in one format; shared by the worker threads.
#[derive(Debug, Clone)]
pub struct RowEncoder {
    format: ReportFormat,
    raw_cells: bool,
    header: Vec<String>,
    numeric: Vec<bool>,
    /// Per column, what precedes its value in a JSON line: `,"name":`.
    json_keys: Vec<Vec<u8>>,
    /// A CSV report starts with a UTF-8 byte-order mark (for Excel on Windows).
    bom: bool,
}

impl RowEncoder {
    /// `header` includes the leading `rank` column.
    pub fn new(format: ReportFormat, raw_cells: bool, header: Vec<String>) -> Self {
        let numeric = header
            .iter()
            .map(|h| NUMERIC_COLUMNS.contains(&h.as_str()))
            .collect();
        let json_keys = header
            .iter()
            .map(|h| {
                let mut key = b",".to_vec();
                serde_json::to_writer(&mut key, h).expect("writing to memory");
                key.push(b':');
                key
            })
            .collect();
        RowEncoder {
            bom: false,
            format,
            raw_cells,
            header,
            numeric,
            json_keys,
        }
    }

    /// Start encoding a row (every column but `rank`) at the end of `out`; write its cells in
    /// header order, then call [`RowWriter::finish`].
    pub fn row<'a>(&'a self, out: &'a mut Vec<u8>) -> RowWriter<'a> {
        RowWriter {
            encoder: self,
            out,
            column: 1,
        }
    }

    /// Encode every column but `rank` (cells in header order, without the rank).
    pub fn encode<S: AsRef<str>>(&self, cells: &[S]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut row = self.row(&mut out);
        for cell in cells {
            row.text(cell.as_ref());
        }
        row.finish();
        out
    }

    /// Start a CSV report with a UTF-8 byte-order mark when `bom` (JSON Lines never gets one).
    pub fn with_bom(mut self, bom: bool) -> Self {
        self.bom = bom && self.format == ReportFormat::Csv;
        self
    }

    /// The report's columns, `rank` first.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    pub fn format(&self) -> ReportFormat {
        self.format
    }

    fn write_header(&self, out: &mut impl Write) -> Result<()> {
        if self.bom {
            out.write_all(b"\xEF\xBB\xBF").map_err(out_err)?;
        }
        if self.format == ReportFormat::Csv {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&self.header).map_err(out_err)?;
            out.write_all(&w.into_inner().map_err(|e| out_err(e.error()))?)
                .map_err(out_err)?;
        }
        Ok(())
    }

    fn write_ranked(&self, out: &mut impl Write, rank: u64, encoded: &[u8]) -> Result<()> {
        let mut digits = itoa::Buffer::new();
        let rank = digits.format(rank).as_bytes();
        match self.format {
            ReportFormat::Csv => {
                out.write_all(rank).map_err(out_err)?;
                out.write_all(b",").map_err(out_err)?;
            }
            ReportFormat::Jsonl => {
                out.write_all(b"{\"rank\":").map_err(out_err)?;
                out.write_all(rank).map_err(out_err)?;
            }
        }
        out.write_all(encoded).map_err(out_err)
    }
}

/// Writes the cells of one row, in header order, straight into the row's bytes.
///
/// CSV: the `csv` crate's encoding (fields quoted only when they hold a comma, a quote or a line
/// break, quotes doubled, `\n` after the record), each cell neutralised unless `--raw-cells`.
/// JSON Lines: `,"column":value` per cell, numeric columns as bare numbers, then `}\n`.
pub struct RowWriter<'a> {
    encoder: &'a RowEncoder,
    out: &'a mut Vec<u8>,
    /// Header index of the next cell (0 is `rank`, written with the ranked row).
    column: usize,
}

impl RowWriter<'_> {
    /// A cell of text.
    pub fn text(&mut self, cell: &str) {
        let numeric = self.encoder.format == ReportFormat::Jsonl
            && self.encoder.numeric[self.column]
            && !cell.is_empty()
            && cell.parse::<f64>().is_ok();
        self.cell(cell, numeric);
    }

    /// A cell holding a number formatted by Rust (`{:.N}` of an `f64`, or an integer), which
    /// always parses as a number: JSON Lines writes it bare in numeric columns without checking.
    pub fn number(&mut self, cell: &str) {
        let numeric =
            self.encoder.format == ReportFormat::Jsonl && self.encoder.numeric[self.column];
        debug_assert!(cell.parse::<f64>().is_ok(), "{cell:?} is not a number");
        self.cell(cell, numeric);
    }

    fn cell(&mut self, cell: &str, numeric: bool) {
        let column = self.column;
        self.column += 1;
        let out = &mut *self.out;
        match self.encoder.format {
            ReportFormat::Csv => {
                if column > 1 {
                    out.push(b',');
                }
                let neutralise = !self.encoder.raw_cells && is_formula_like(cell);
                let bytes = cell.as_bytes();
                if !needs_quotes(bytes) {
                    if neutralise {
                        out.push(b'\'');
                    }
                    out.extend_from_slice(bytes);
                } else {
                    out.push(b'"');
                    if neutralise {
                        out.push(b'\'');
                    }
                    // Each '"' doubled.
                    let mut from = 0;
                    for quote in memchr::memchr_iter(b'"', bytes) {
                        out.extend_from_slice(&bytes[from..=quote]);
                        out.push(b'"');
                        from = quote + 1;
                    }
                    out.extend_from_slice(&bytes[from..]);
                    out.push(b'"');
                }
            }
            ReportFormat::Jsonl => {
                out.extend_from_slice(&self.encoder.json_keys[column]);
                if cell.is_empty() && self.encoder.numeric[column] {
                    // A numeric column with no value for this item.
                    out.extend_from_slice(b"null");
                } else if numeric {
                    out.extend_from_slice(cell.as_bytes());
                } else {
                    serde_json::to_writer(&mut *out, cell).expect("writing to memory");
                }
            }
        }
    }

    /// End the row.
    pub fn finish(self) {
        match self.encoder.format {
            ReportFormat::Csv => self.out.push(b'\n'),
            ReportFormat::Jsonl => self.out.extend_from_slice(b"}\n"),
        }
    }
}

/// Whether a CSV cell must be quoted. An OR over every byte, without an early exit, so that
/// it vectorizes: cells are short and most need no quotes.
fn needs_quotes(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |any, &b| {
        any | matches!(b, b',' | b'"' | b'\n' | b'\r')
    })
}

/// Writes the header, then ranked rows.
pub struct ReportWriter<W: Write> {
    encoder: RowEncoder,
    out: W,
    /// With `scan --coordination`: a last `cluster` cell, from the row's input position.
    last_cell: Option<Box<dyn Fn(u64) -> Option<u32> + Send>>,
    /// The first rows written (cells without the rank, as written), kept for the HTML page
    /// and the workbook.
    first_rows: Vec<Vec<u8>>,
    keep_first: usize,
}

impl<W: Write> ReportWriter<W> {
    pub fn new(mut out: W, encoder: RowEncoder) -> Result<Self> {
        encoder.write_header(&mut out)?;
        Ok(ReportWriter {
            encoder,
            out,
            last_cell: None,
            first_rows: Vec::new(),
            keep_first: 0,
        })
    }

    /// Keep a copy of the first `n` rows written ([`Self::take_first_rows`]).
    pub fn keep_first_rows(&mut self, n: usize) {
        self.keep_first = n;
    }

    /// The first rows written, in rank order (every cell but the rank).
    pub fn take_first_rows(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.first_rows)
    }

    /// End every row with a number (or an empty cell, `null` in JSON Lines) given by the row's
    /// input position; the header already names that last column.
    pub fn set_last_cell(&mut self, cell: Box<dyn Fn(u64) -> Option<u32> + Send>) {
        self.last_cell = Some(cell);
    }

    /// Write one row: its rank, then the encoded cells of every other column.
    pub fn write_ranked(&mut self, rank: u64, seq: u64, encoded: &[u8]) -> Result<()> {
        let keep = self.first_rows.len() < self.keep_first;
        let Some(cell) = &self.last_cell else {
            if keep {
                self.first_rows.push(encoded.to_vec());
            }
            return self.encoder.write_ranked(&mut self.out, rank, encoded);
        };
        let value = cell(seq);
        let mut digits = itoa::Buffer::new();
        let (end, before, after): (&[u8], &[u8], &[u8]) = match self.encoder.format {
            ReportFormat::Csv => (b"\n", b",", b"\n"),
            ReportFormat::Jsonl => (b"}\n", b",\"cluster\":", b"}\n"),
        };
        let body = encoded.strip_suffix(end).unwrap_or(encoded);
        self.encoder.write_ranked(&mut self.out, rank, body)?;
        let text: &[u8] = match (value, self.encoder.format) {
            (Some(v), _) => digits.format(v).as_bytes(),
            (None, ReportFormat::Csv) => b"",
            (None, ReportFormat::Jsonl) => b"null",
        };
        for part in [before, text, after] {
            self.out.write_all(part).map_err(out_err)?;
        }
        if keep {
            self.first_rows.push([body, before, text, after].concat());
        }
        Ok(())
    }

    /// Flush and return the underlying writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.flush().map_err(out_err)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::cells::neutralize;

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
        w.write_ranked(1, 0, &enc.encode(&["0.5000", "=cmd, \"x\""]))
            .unwrap();
        w.write_ranked(2, 1, &enc.encode(&["0.1000", "plain"]))
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            out,
            "rank,score,text\n1,0.5000,\"'=cmd, \"\"x\"\"\"\n2,0.1000,plain\n"
        );
    }

    /// Cells that exercise quoting, quote doubling, line breaks and formula neutralisation.
    const AWKWARD_CELLS: &[&str] = &[
        "",
        "plain",
        "a,b",
        "say \"hi\"",
        "\"",
        "\"\"",
        "line\nbreak",
        "cr\rhere",
        "=1+2",
        "=a,b",
        "-\"x\"",
        "@",
        "+",
        "\t",
        "\tx,y",
        "\r\n",
        " =x",
        "a=b",
        "'=x",
        "é, ü – ё",
        "tab\tinside",
        "0.5000",
        "-0.0000",
        "NaN",
        "1e5",
    ];

    #[test]
    fn csv_cells_are_encoded_as_the_csv_crate_does() {
        for raw_cells in [false, true] {
            let mut header = vec!["rank".to_string()];
            header.extend((0..AWKWARD_CELLS.len()).map(|i| format!("c{i}")));
            let enc = RowEncoder::new(ReportFormat::Csv, raw_cells, header);
            let mut expected = csv::Writer::from_writer(Vec::new());
            expected
                .write_record(AWKWARD_CELLS.iter().map(|c| {
                    if raw_cells {
                        c.to_string()
                    } else {
                        neutralize(c).into_owned()
                    }
                }))
                .unwrap();
            let expected = expected.into_inner().unwrap();
            assert_eq!(
                String::from_utf8(enc.encode(AWKWARD_CELLS)).unwrap(),
                String::from_utf8(expected).unwrap(),
                "raw cells: {raw_cells}"
            );
        }
    }

    #[test]
    fn jsonl_cells_are_escaped_and_numbers_bare_only_in_numeric_columns() {
        // Every awkward cell once in a numeric column ("score"), once in a text one.
        let mut header = vec!["rank".to_string()];
        for i in 0..AWKWARD_CELLS.len() {
            header.push(if i % 2 == 0 { "score" } else { "text" }.into());
        }
        let enc = RowEncoder::new(ReportFormat::Jsonl, false, header.clone());
        for shift in 0..2 {
            let cells: Vec<&str> = (0..AWKWARD_CELLS.len())
                .map(|i| AWKWARD_CELLS[(i + shift) % AWKWARD_CELLS.len()])
                .collect();
            let mut expected = String::new();
            for (i, cell) in cells.iter().enumerate() {
                expected += ",";
                expected += &serde_json::to_string(&header[i + 1]).unwrap();
                expected += ":";
                if header[i + 1] == "score" && cell.is_empty() {
                    expected += "null";
                } else if header[i + 1] == "score" && cell.parse::<f64>().is_ok() {
                    expected += cell;
                } else {
                    expected += &serde_json::to_string(cell).unwrap();
                }
            }
            expected += "}\n";
            assert_eq!(String::from_utf8(enc.encode(&cells)).unwrap(), expected);
        }
    }

    #[test]
    fn number_cells_are_bare_in_numeric_json_columns_and_neutralised_in_csv() {
        let header = vec!["rank".to_string(), "score".into(), "id".into()];
        let mut out = Vec::new();
        let enc = RowEncoder::new(ReportFormat::Jsonl, false, header.clone());
        let mut row = enc.row(&mut out);
        row.number("-0.2500");
        row.number("7");
        row.finish();
        assert_eq!(out, b",\"score\":-0.2500,\"id\":\"7\"}\n");
        out.clear();
        let enc = RowEncoder::new(ReportFormat::Csv, false, header);
        let mut row = enc.row(&mut out);
        row.number("-0.2500");
        row.number("7");
        row.finish();
        assert_eq!(out, b"'-0.2500,7\n");
    }

    #[test]
    fn jsonl_rows_have_typed_numbers() {
        let enc = RowEncoder::new(ReportFormat::Jsonl, false, header());
        let mut w = ReportWriter::new(Vec::new(), enc.clone()).unwrap();
        w.write_ranked(3, 2, &enc.encode(&["0.5000", "=not neutralised in JSON"]))
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["rank"], 3);
        assert_eq!(v["score"], 0.5);
        assert_eq!(v["text"], "=not neutralised in JSON");
    }

    #[test]
    fn jsonl_empty_numeric_cells_are_null() {
        let enc = RowEncoder::new(ReportFormat::Jsonl, false, header());
        let encoded = enc.encode(&["", ""]);
        let line = format!("{{\"rank\":1{}", String::from_utf8(encoded).unwrap());
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert!(v["score"].is_null(), "{line}");
        assert_eq!(v["text"], "");
    }
}
