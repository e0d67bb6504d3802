//! Ranking with bounded memory.
//!
//! Rows are ordered by score (descending), then input order (ascending), so ties are broken
//! deterministically. Rows (already encoded) are buffered up to a memory budget; past it the
//! buffer is sorted and spilled to a temporary run file, and the runs are merged at the end
//! (external merge sort). With `--top N` only the best N rows are ever kept. Memory is
//! therefore bounded by the budget (or N rows) whatever the input size; disk use by the
//! report's own size.

use super::sink::ReportWriter;
use super::ReportRow;
use crate::error::{Fatal, Result};
use std::cmp::Ordering;
use std::collections::binary_heap::{BinaryHeap, PeekMut};
use std::io::{BufReader, BufWriter, Read, Seek, Write};

/// Sort order of the report: best score first, then earliest input.
pub fn rank_order(a: &ReportRow, b: &ReportRow) -> Ordering {
    b.score.total_cmp(&a.score).then(a.seq.cmp(&b.seq))
}

pub struct Ranker {
    rows: Vec<ReportRow>,
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
            bytes: 0,
            budget: budget.max(1),
            top,
            min_score,
            runs: Vec::new(),
            filtered: 0,
        }
    }

    pub fn push(&mut self, row: ReportRow) -> Result<()> {
        if row.score < self.min_score {
            self.filtered += 1;
            return Ok(());
        }
        self.bytes += row.heap_bytes();
        self.rows.push(row);
        if let Some(n) = self.top {
            if self.rows.len() >= 2 * n.max(1024) {
                self.truncate_to_top(n);
            }
        } else if self.bytes > self.budget {
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

    /// Sort the buffer and write it as a run: per row, score bits, seq, length, bytes.
    fn spill(&mut self) -> Result<()> {
        self.rows.sort_unstable_by(rank_order);
        let mut file = tempfile::tempfile().map_err(spill_err)?;
        {
            let mut w = BufWriter::with_capacity(1 << 20, &mut file);
            for row in self.rows.drain(..) {
                w.write_all(&row.score.to_bits().to_le_bytes())
                    .map_err(spill_err)?;
                w.write_all(&row.seq.to_le_bytes()).map_err(spill_err)?;
                w.write_all(&(row.encoded.len() as u64).to_le_bytes())
                    .map_err(spill_err)?;
                w.write_all(&row.encoded).map_err(spill_err)?;
            }
            w.flush().map_err(spill_err)?;
        }
        file.rewind().map_err(spill_err)?;
        self.runs.push(file);
        self.bytes = 0;
        Ok(())
    }

    /// Write every kept row in rank order; returns (rows written, rows filtered).
    pub fn finish<W: Write>(mut self, out: &mut ReportWriter<W>) -> Result<(u64, u64)> {
        if let Some(n) = self.top {
            self.truncate_to_top(n);
        }
        if self.runs.is_empty() {
            self.rows.sort_unstable_by(rank_order);
            for (i, row) in self.rows.iter().enumerate() {
                out.write_ranked(i as u64 + 1, &row.encoded)?;
            }
            return Ok((self.rows.len() as u64, self.filtered));
        }
        if !self.rows.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<BufReader<std::fs::File>> = self
            .runs
            .drain(..)
            .map(|f| BufReader::with_capacity(1 << 16, f))
            .collect();
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
        let mut rank = 0;
        // Each run's next row is read into the buffer of the row just written.
        while let Some(mut entry) = heap.peek_mut() {
            rank += 1;
            out.write_ranked(rank, &entry.row.encoded)?;
            let run = entry.run;
            if !read_run_row(&mut readers[run], &mut entry.row)? {
                PeekMut::pop(entry);
            }
        }
        Ok((rank, self.filtered))
    }
}

/// Read a run's next row into `row` (reusing its buffer); false at the end of the run.
fn read_run_row(r: &mut impl Read, row: &mut ReportRow) -> Result<bool> {
    let mut word = [0u8; 8];
    match r.read_exact(&mut word) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(spill_err(e)),
    }
    row.score = f64::from_bits(u64::from_le_bytes(word));
    r.read_exact(&mut word).map_err(spill_err)?;
    row.seq = u64::from_le_bytes(word);
    r.read_exact(&mut word).map_err(spill_err)?;
    row.encoded.clear();
    row.encoded.resize(u64::from_le_bytes(word) as usize, 0);
    r.read_exact(&mut row.encoded).map_err(spill_err)?;
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
    use crate::report::sink::{ReportFormat, RowEncoder};

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
