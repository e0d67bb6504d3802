//! Ranking with bounded memory.
//!
//! Rows are ordered by score (descending), then input order (ascending), so ties are broken
//! deterministically. Rows (already encoded) are buffered up to a memory budget; past it the
//! buffer is sorted and spilled to a temporary run file, and the runs are merged at the end
//! (external merge sort). With `--top N` only the best N rows are ever kept. Memory is
//! therefore bounded by the budget (or N rows) whatever the input size; disk use by the
//! report's own size.
//!
//! Most items of a batch score exactly 0, and rows arrive in input order, so those rows are
//! already in report order: they skip sorting and merging and go, in arrival order, to a
//! *zero tail* written after every row scoring above 0.

use super::encode::ReportWriter;
use super::streaming::{DropBehindReader, DropBehindWriter, ReadAhead};
use super::ReportRow;
use crate::error::{Fatal, Result};
use std::cmp::Ordering;
use std::collections::binary_heap::{BinaryHeap, PeekMut};
use std::io::{BufReader, BufWriter, Read, Seek, Write};

/// Sort order of the report: best score first, then earliest input.
pub fn rank_order(a: &ReportRow, b: &ReportRow) -> Ordering {
    b.score.total_cmp(&a.score).then(a.seq.cmp(&b.seq))
}

/// Whether a row belongs to the zero tail: a score of exactly +0.0 (`-0.0` and anything below
/// rank after it under `total_cmp`, so they take the general path).
fn in_zero_tail(score: f64) -> bool {
    score.to_bits() == 0
}

pub struct Ranker {
    /// Rows not in the zero tail, in memory.
    rows: Vec<ReportRow>,
    /// Encoded rows scoring 0, in input order, while they fit in memory (until the first spill).
    zero_rows: Vec<Vec<u8>>,
    /// Rows scoring 0, in input order (length-prefixed), from the first spill on.
    zero_file: Option<BufWriter<DropBehindWriter>>,
    /// Input position of the last row pushed: rows must arrive in input order.
    last_seq: Option<u64>,
    bytes: usize,
    budget: usize,
    top: Option<usize>,
    min_score: f64,
    runs: Vec<std::fs::File>,
    /// Rows dropped by `--min-score` or `--top`.
    pub filtered: u64,
}

fn spill_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot use a temporary file for ranking: {e}"))
}

impl Ranker {
    /// `budget`: bytes of rows kept in memory before spilling; `top`: keep only the best N;
    /// `min_score`: drop rows scoring below it.
    pub fn new(budget: usize, top: Option<usize>, min_score: f64) -> Self {
        Ranker {
            rows: Vec::new(),
            zero_rows: Vec::new(),
            zero_file: None,
            last_seq: None,
            bytes: 0,
            budget: budget.max(1),
            top,
            min_score,
            runs: Vec::new(),
            filtered: 0,
        }
    }

    /// Add a row. Rows must be pushed in input order (increasing `seq`), as the scan's sink
    /// does; an out-of-order row is an error rather than a silently misranked report.
    pub fn push(&mut self, row: ReportRow) -> Result<()> {
        self.push_encoded(row.score, row.seq, &row.encoded)
    }

    /// [`Self::push`] for a row given by its parts; its bytes are copied only if the row is
    /// kept in memory, so rows straight to the zero tail cost no allocation.
    pub fn push_encoded(&mut self, score: f64, seq: u64, encoded: &[u8]) -> Result<()> {
        if self.last_seq.is_some_and(|last| seq <= last) {
            return Err(Fatal::output(format!(
                "internal error: report row {seq} ranked after row {}",
                self.last_seq.unwrap_or(0)
            )));
        }
        self.last_seq = Some(seq);
        if score < self.min_score {
            self.filtered += 1;
            return Ok(());
        }
        let owned = |encoded: &[u8]| ReportRow {
            score,
            seq,
            encoded: encoded.to_vec(),
        };
        if let Some(n) = self.top {
            let row = owned(encoded);
            self.bytes += row.heap_bytes();
            self.rows.push(row);
            if self.rows.len() >= 2 * n.max(1024) {
                self.truncate_to_top(n);
            }
            return Ok(());
        }
        if in_zero_tail(score) {
            // Once the tail has a file, rows go straight to it: the sink then writes a little
            // at every row rather than a budget's worth at once, which stalled the analysis.
            if let Some(w) = self.zero_file.as_mut() {
                return write_bytes(w, encoded);
            }
            self.bytes += encoded.len() + std::mem::size_of::<Vec<u8>>();
            self.zero_rows.push(encoded.to_vec());
        } else {
            let row = owned(encoded);
            self.bytes += row.heap_bytes();
            self.rows.push(row);
        }
        if self.bytes > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    fn truncate_to_top(&mut self, n: usize) {
        self.rows.sort_unstable_by(rank_order);
        if self.rows.len() > n {
            self.filtered += (self.rows.len() - n) as u64;
            self.rows.truncate(n);
        }
        self.bytes = self.rows.iter().map(ReportRow::heap_bytes).sum();
    }

    /// Number of temporary runs written so far.
    pub fn spilled_runs(&self) -> usize {
        self.runs.len()
    }

    /// Move every row in memory to disk: the zero tail appended to its file, the other rows
    /// sorted into a new run.
    fn spill(&mut self) -> Result<()> {
        if !self.zero_rows.is_empty() {
            if self.zero_file.is_none() {
                let file = tempfile::tempfile()
                    .and_then(DropBehindWriter::new)
                    .map_err(spill_err)?;
                self.zero_file = Some(BufWriter::with_capacity(1 << 20, file));
            }
            let w = self.zero_file.as_mut().expect("just created");
            for encoded in self.zero_rows.drain(..) {
                write_bytes(w, &encoded)?;
            }
        }
        if !self.rows.is_empty() {
            self.spill_run()?;
        }
        self.bytes = 0;
        Ok(())
    }

    /// Sort the non-tail rows and write them as a run: per row, score bits, seq, length, bytes.
    fn spill_run(&mut self) -> Result<()> {
        self.rows.sort_unstable_by(rank_order);
        let file = tempfile::tempfile()
            .and_then(DropBehindWriter::new)
            .map_err(spill_err)?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        for row in self.rows.drain(..) {
            w.write_all(&row.score.to_bits().to_le_bytes())
                .map_err(spill_err)?;
            w.write_all(&row.seq.to_le_bytes()).map_err(spill_err)?;
            write_bytes(&mut w, &row.encoded)?;
        }
        let mut file = w
            .into_inner()
            .map_err(|e| spill_err(e.error()))?
            .into_inner();
        file.rewind().map_err(spill_err)?;
        self.runs.push(file);
        Ok(())
    }

    /// Write every kept row in rank order; returns (rows written, rows filtered).
    pub fn finish<W: Write>(mut self, out: &mut ReportWriter<W>) -> Result<(u64, u64)> {
        if let Some(n) = self.top {
            self.truncate_to_top(n);
        }
        let mut zero_tail = self.take_zero_tail()?;
        let mut rank = 0;
        if self.runs.is_empty() {
            self.rows.sort_unstable_by(rank_order);
            let above = self
                .rows
                .partition_point(|r| r.score.total_cmp(&0.0).is_gt());
            for row in &self.rows[..above] {
                rank += 1;
                out.write_ranked(rank, &row.encoded)?;
            }
            zero_tail.write(out, &mut rank)?;
            for row in &self.rows[above..] {
                rank += 1;
                out.write_ranked(rank, &row.encoded)?;
            }
            return Ok((rank, self.filtered));
        }
        if !self.rows.is_empty() {
            self.spill_run()?;
        }
        let mut readers = Vec::with_capacity(self.runs.len());
        for run in self.runs.drain(..) {
            let run = DropBehindReader::new(run).map_err(spill_err)?;
            readers.push(BufReader::with_capacity(1 << 16, run));
        }
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            let mut row = ReportRow {
                score: 0.0,
                seq: 0,
                encoded: Vec::new(),
            };
            if read_run_row(r, &mut row)? {
                heap.push(HeapEntry { row, run: i });
            }
        }
        let mut tail_written = false;
        // Each run's next row is read into the buffer of the row just written.
        while let Some(mut entry) = heap.peek_mut() {
            if !tail_written && !entry.row.score.total_cmp(&0.0).is_gt() {
                zero_tail.write(out, &mut rank)?;
                tail_written = true;
            }
            rank += 1;
            out.write_ranked(rank, &entry.row.encoded)?;
            let run = entry.run;
            if !read_run_row(&mut readers[run], &mut entry.row)? {
                PeekMut::pop(entry);
            }
        }
        if !tail_written {
            zero_tail.write(out, &mut rank)?;
        }
        Ok((rank, self.filtered))
    }

    fn take_zero_tail(&mut self) -> Result<ZeroTail> {
        let file = match self.zero_file.take() {
            Some(w) => {
                let mut file = w
                    .into_inner()
                    .map_err(|e| spill_err(e.error()))?
                    .into_inner();
                file.rewind().map_err(spill_err)?;
                let file = DropBehindReader::new(file).map_err(spill_err)?;
                Some(ReadAhead::new(file))
            }
            None => None,
        };
        Ok(ZeroTail {
            file,
            rows: std::mem::take(&mut self.zero_rows),
        })
    }
}

/// The rows scoring 0, in input order: first those on disk, then those still in memory.
struct ZeroTail {
    file: Option<ReadAhead>,
    rows: Vec<Vec<u8>>,
}

impl ZeroTail {
    fn write<W: Write>(&mut self, out: &mut ReportWriter<W>, rank: &mut u64) -> Result<()> {
        if let Some(r) = self.file.as_mut() {
            let mut encoded = Vec::new();
            while read_bytes(r, &mut encoded)? {
                *rank += 1;
                out.write_ranked(*rank, &encoded)?;
            }
        }
        for encoded in self.rows.drain(..) {
            *rank += 1;
            out.write_ranked(*rank, &encoded)?;
        }
        Ok(())
    }
}

/// Write `bytes` preceded by their length, as the run and tail readers expect.
fn write_bytes(w: &mut impl Write, bytes: &[u8]) -> Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())
        .map_err(spill_err)?;
    w.write_all(bytes).map_err(spill_err)
}

/// The next little-endian word of a spill file; `None` at its end.
fn read_word(r: &mut impl Read) -> Result<Option<u64>> {
    let mut word = [0u8; 8];
    match r.read_exact(&mut word) {
        Ok(()) => Ok(Some(u64::from_le_bytes(word))),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(spill_err(e)),
    }
}

/// Read length-prefixed bytes (see [`write_bytes`]) into `buf`, reusing it; false at the end.
fn read_bytes(r: &mut impl Read, buf: &mut Vec<u8>) -> Result<bool> {
    let Some(len) = read_word(r)? else {
        return Ok(false);
    };
    buf.clear();
    buf.resize(len as usize, 0);
    r.read_exact(buf).map_err(spill_err)?;
    Ok(true)
}

/// Read a run's next row into `row` (reusing its buffer); false at the end of the run.
fn read_run_row(r: &mut impl Read, row: &mut ReportRow) -> Result<bool> {
    let Some(score) = read_word(r)? else {
        return Ok(false);
    };
    let truncated = || spill_err("a ranking run ends inside a row");
    row.score = f64::from_bits(score);
    row.seq = read_word(r)?.ok_or_else(truncated)?;
    if !read_bytes(r, &mut row.encoded)? {
        return Err(truncated());
    }
    Ok(true)
}

struct HeapEntry {
    row: ReportRow,
    run: usize,
}

impl PartialEq for HeapEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for HeapEntry {}
impl PartialOrd for HeapEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapEntry {
    // BinaryHeap pops the greatest: the greatest must be the best-ranked row.
    fn cmp(&self, other: &Self) -> Ordering {
        rank_order(&other.row, &self.row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::encode::{ReportFormat, RowEncoder};

    fn encoder() -> RowEncoder {
        RowEncoder::new(
            ReportFormat::Csv,
            true,
            vec!["rank".into(), "score".into(), "id".into()],
        )
    }

    fn row(score: f64, seq: u64) -> ReportRow {
        ReportRow {
            score,
            seq,
            encoded: encoder().encode(&[format!("{score}"), format!("item{seq}")]),
        }
    }

    fn ranked(mut ranker: Ranker, rows: &[(f64, u64)]) -> Vec<String> {
        for &(s, q) in rows {
            ranker.push(row(s, q)).unwrap();
        }
        let mut w = ReportWriter::new(Vec::new(), encoder()).unwrap();
        ranker.finish(&mut w).unwrap();
        String::from_utf8(w.finish().unwrap())
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    }

    fn input() -> Vec<(f64, u64)> {
        (0..500u64)
            .map(|i| (((i * 7919) % 13) as f64 / 13.0, i))
            .collect()
    }

    #[test]
    fn spilling_gives_the_same_order_as_in_memory() {
        let in_memory = ranked(Ranker::new(usize::MAX, None, 0.0), &input());
        let mut tiny = Ranker::new(1000, None, 0.0);
        for &(s, q) in &input() {
            tiny.push(row(s, q)).unwrap();
        }
        assert!(tiny.spilled_runs() > 3, "the budget should force spills");
        assert_eq!(in_memory, ranked(tiny, &[]));
        assert_eq!(in_memory.len(), 500);
    }

    /// The report order by definition: every row sorted with `rank_order`.
    fn reference(rows: &[(f64, u64)]) -> Vec<String> {
        let mut all: Vec<ReportRow> = rows.iter().map(|&(s, q)| row(s, q)).collect();
        all.sort_by(rank_order);
        all.iter()
            .enumerate()
            .map(|(i, r)| {
                format!(
                    "{},{}",
                    i + 1,
                    String::from_utf8_lossy(&r.encoded).trim_end()
                )
            })
            .collect()
    }

    #[test]
    fn rows_scoring_zero_follow_every_better_row_in_input_order() {
        // Mostly zeros, as in a real batch, plus -0.0 and a negative score, which rank after
        // the zeros under `total_cmp`.
        let rows: Vec<(f64, u64)> = (0..2000u64)
            .map(|i| match i % 11 {
                0 => ((i % 7) as f64 / 7.0, i),
                1 if i % 3 == 0 => (-0.0, i),
                2 if i % 5 == 0 => (-0.25, i),
                _ => (0.0, i),
            })
            .collect();
        let expected = reference(&rows);
        assert_eq!(ranked(Ranker::new(usize::MAX, None, -1.0), &rows), expected);
        let mut tiny = Ranker::new(3000, None, -1.0);
        for &(s, q) in &rows {
            tiny.push(row(s, q)).unwrap();
        }
        assert!(tiny.spilled_runs() > 3, "the budget should force spills");
        assert!(
            tiny.zero_file.is_some(),
            "zeros should have left memory too"
        );
        assert_eq!(ranked(tiny, &[]), expected);
        // Only zeros, spilled: the tail alone.
        let zeros: Vec<(f64, u64)> = (0..300).map(|i| (0.0, i)).collect();
        assert_eq!(
            ranked(Ranker::new(500, None, 0.0), &zeros),
            reference(&zeros)
        );
    }

    #[test]
    fn rows_out_of_input_order_are_an_error() {
        let mut ranker = Ranker::new(usize::MAX, None, 0.0);
        ranker.push(row(0.0, 5)).unwrap();
        assert!(ranker.push(row(0.5, 3)).is_err());
    }

    #[test]
    fn ties_keep_input_order_and_best_comes_first() {
        let out = ranked(
            Ranker::new(usize::MAX, None, 0.0),
            &[(0.5, 0), (0.9, 1), (0.5, 2), (0.9, 3)],
        );
        assert_eq!(
            out,
            vec!["1,0.9,item1", "2,0.9,item3", "3,0.5,item0", "4,0.5,item2"]
        );
    }

    #[test]
    fn top_and_min_score_limit_rows() {
        let top = ranked(Ranker::new(usize::MAX, Some(3), 0.0), &input());
        let all = ranked(Ranker::new(usize::MAX, None, 0.0), &input());
        assert_eq!(top, all[..3].to_vec());
        let min = ranked(Ranker::new(usize::MAX, None, 0.9), &input());
        assert!(min
            .iter()
            .all(|l| l.split(',').nth(1).unwrap().parse::<f64>().unwrap() >= 0.9));
        assert!(!min.is_empty());
    }
}
