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
//!
//! Each run is an open (unnamed) temporary file, so runs cost file descriptors. At most
//! `fan_in` runs are open at once: when a spill brings them to `fan_in`, the smaller half is
//! merged into one run (a multi-pass merge, done as the runs accumulate), and the final merge
//! reads at most `fan_in` runs. The fan-in comes from the descriptor limit
//! ([`fan_in_for_descriptors`], checked before the scan). Rows are totally ordered (score,
//! then input position), so any grouping of merges gives the same report, byte for byte.

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
    /// (input position, encoded row): the position gives the row its coordination cluster.
    zero_rows: Vec<(u64, Vec<u8>)>,
    /// Rows scoring 0, in input order (length-prefixed), from the first spill on.
    zero_file: Option<BufWriter<DropBehindWriter>>,
    /// Input position of the last row pushed: rows must arrive in input order.
    last_seq: Option<u64>,
    bytes: usize,
    budget: usize,
    top: Option<usize>,
    min_score: f64,
    runs: Vec<Run>,
    /// Most runs open at once: runs are merged before there are more.
    fan_in: usize,
    /// Rows pushed, kept or not: rows filtered are those pushed and not written.
    pushed: u64,
    /// Merges done before the final one, to keep at most `fan_in` runs open.
    pub intermediate_merges: usize,
    /// The most runs open at once.
    pub peak_runs: usize,
}

/// A sorted run on disk, and how many rows it holds.
struct Run {
    file: std::fs::File,
    rows: u64,
}

/// Descriptors a scan holds besides the ranking's runs: standard streams, the input being
/// read, the report, rejects and summary and their temporary files, the zero tail, the run
/// being written, and slack for the libraries.
pub const RESERVED_DESCRIPTORS: u64 = 16;

/// Largest fan-in: more runs at once only costs read buffers and one row each in memory.
pub const MAX_FAN_IN: usize = 64;

/// Smallest fan-in that can merge at all.
pub const MIN_FAN_IN: usize = 2;

/// The merge fan-in that the open-file limit (`ulimit -n`, RLIMIT_NOFILE) allows, given the
/// descriptors already open: at most [`MAX_FAN_IN`]. An error naming the limit when it is too
/// low for a scan to rank its report at all, so that the scan fails before reading its input
/// rather than after.
pub fn fan_in_for_descriptors() -> Result<usize> {
    let Some((limit, open)) = descriptor_limit() else {
        return Ok(MAX_FAN_IN);
    };
    let needed = open + RESERVED_DESCRIPTORS + MIN_FAN_IN as u64;
    if limit < needed {
        return Err(Fatal::output(format!(
            "the open-file limit (ulimit -n) is {limit} and {open} files are open: a scan \
needs at least {needed} ({RESERVED_DESCRIPTORS} for inputs and outputs, {MIN_FAN_IN} for \
temporary sort runs); raise it, e.g. `ulimit -n 1024`"
        )));
    }
    let spare = limit - open - RESERVED_DESCRIPTORS;
    Ok(usize::try_from(spare).map_or(MAX_FAN_IN, |n| n.min(MAX_FAN_IN)))
}

/// The soft open-file limit and the number of descriptors open now; `None` where unknown.
#[cfg(target_os = "linux")]
fn descriptor_limit() -> Option<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one `rlimit` into the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    if limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    // The listing itself holds one descriptor while it runs.
    let open = std::fs::read_dir("/proc/self/fd")
        .ok()?
        .count()
        .saturating_sub(1);
    Some((limit.rlim_cur, open as u64))
}

#[cfg(not(target_os = "linux"))]
fn descriptor_limit() -> Option<(u64, u64)> {
    None
}

fn spill_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot use a temporary file for ranking: {e}"))
}

impl Ranker {
    /// `budget`: bytes of rows kept in memory before spilling; `top`: keep only the best N;
    /// `min_score`: drop rows scoring below it. The fan-in is what the descriptor limit
    /// allows ([`fan_in_for_descriptors`]; [`MIN_FAN_IN`] if it allows too few).
    pub fn new(budget: usize, top: Option<usize>, min_score: f64) -> Self {
        let fan_in = fan_in_for_descriptors().unwrap_or(MIN_FAN_IN);
        Self::with_fan_in(budget, top, min_score, fan_in)
    }

    /// [`Self::new`] with a given fan-in (at least [`MIN_FAN_IN`]).
    pub fn with_fan_in(budget: usize, top: Option<usize>, min_score: f64, fan_in: usize) -> Self {
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
            fan_in: fan_in.max(MIN_FAN_IN),
            pushed: 0,
            intermediate_merges: 0,
            peak_runs: 0,
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
        self.pushed += 1;
        if score < self.min_score {
            return Ok(());
        }
        let owned = |encoded: &[u8]| ReportRow {
            score,
            seq,
            encoded: encoded.to_vec(),
        };
        if let Some(n) = self.top {
            // The best N rows, in memory while they fit (a small N never spills), else in
            // runs of at most N rows each.
            let row = owned(encoded);
            self.bytes += row.heap_bytes();
            self.rows.push(row);
            if self.rows.len() >= n.max(1024).saturating_mul(2) {
                self.truncate_to_top(n);
            }
            if self.bytes > self.budget {
                self.spill_run()?;
                self.bytes = 0;
            }
            return Ok(());
        }
        if in_zero_tail(score) {
            // Once the tail has a file, rows go straight to it: the sink then writes a little
            // at every row rather than a budget's worth at once, which stalled the analysis.
            if let Some(w) = self.zero_file.as_mut() {
                return write_zero_row(w, seq, encoded);
            }
            self.bytes += encoded.len() + std::mem::size_of::<(u64, Vec<u8>)>();
            self.zero_rows.push((seq, encoded.to_vec()));
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
        self.rows.truncate(n);
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
            for (seq, encoded) in self.zero_rows.drain(..) {
                write_zero_row(w, seq, &encoded)?;
            }
        }
        if !self.rows.is_empty() {
            self.spill_run()?;
        }
        self.bytes = 0;
        Ok(())
    }

    /// Sort the non-tail rows and write them as a run (with `--top N`, only the best N).
    fn spill_run(&mut self) -> Result<()> {
        self.rows.sort_unstable_by(rank_order);
        if let Some(n) = self.top {
            self.rows.truncate(n);
        }
        let mut w = RunWriter::new()?;
        for row in self.rows.drain(..) {
            w.write(&row)?;
        }
        self.add_run(w.finish()?)
    }

    /// Keep a new run, first merging the smaller half of the runs into one if there are
    /// `fan_in` already: never more than `fan_in` runs (plus the one being written) are open.
    fn add_run(&mut self, run: Run) -> Result<()> {
        self.runs.push(run);
        self.peak_runs = self.peak_runs.max(self.runs.len());
        if self.runs.len() >= self.fan_in {
            // Largest first: the smallest runs are at the end. Merging the smaller half keeps
            // the rows each pass rewrites few, as in a tiered merge.
            self.runs.sort_by_key(|r| std::cmp::Reverse(r.rows));
            let smaller = self
                .runs
                .split_off(self.runs.len() - (self.fan_in / 2).max(2));
            let mut w = RunWriter::new()?;
            let limit = self.top.map_or(u64::MAX, |n| n as u64);
            Merge::new(smaller)?.for_each(|row| {
                if w.rows < limit {
                    w.write(row)?;
                }
                Ok(())
            })?;
            self.runs.push(w.finish()?);
            self.intermediate_merges += 1;
        }
        Ok(())
    }

    /// Write every kept row in rank order; returns (rows written, rows filtered by
    /// `--min-score` or `--top`).
    pub fn finish<W: Write>(mut self, out: &mut ReportWriter<W>) -> Result<(u64, u64)> {
        if let Some(n) = self.top {
            self.truncate_to_top(n);
        }
        let pushed = self.pushed;
        let mut zero_tail = self.take_zero_tail()?;
        let mut rank = 0;
        if self.runs.is_empty() {
            self.rows.sort_unstable_by(rank_order);
            let above = self
                .rows
                .partition_point(|r| r.score.total_cmp(&0.0).is_gt());
            for row in &self.rows[..above] {
                rank += 1;
                out.write_ranked(rank, row.seq, &row.encoded)?;
            }
            zero_tail.write(out, &mut rank)?;
            for row in &self.rows[above..] {
                rank += 1;
                out.write_ranked(rank, row.seq, &row.encoded)?;
            }
            return Ok((rank, pushed - rank));
        }
        if !self.rows.is_empty() {
            self.spill_run()?;
        }
        let limit = self.top.map_or(u64::MAX, |n| n as u64);
        let mut tail_written = false;
        Merge::new(std::mem::take(&mut self.runs))?.for_each(|row| {
            if !tail_written && !row.score.total_cmp(&0.0).is_gt() {
                zero_tail.write(out, &mut rank)?;
                tail_written = true;
            }
            if rank < limit {
                rank += 1;
                out.write_ranked(rank, row.seq, &row.encoded)?;
            }
            Ok(())
        })?;
        if !tail_written {
            zero_tail.write(out, &mut rank)?;
        }
        Ok((rank, pushed - rank))
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
    rows: Vec<(u64, Vec<u8>)>,
}

impl ZeroTail {
    fn write<W: Write>(&mut self, out: &mut ReportWriter<W>, rank: &mut u64) -> Result<()> {
        if let Some(r) = self.file.as_mut() {
            let mut encoded = Vec::new();
            while let Some(seq) = read_word(r)? {
                if !read_bytes(r, &mut encoded)? {
                    return Err(spill_err("the zero tail ends inside a row"));
                }
                *rank += 1;
                out.write_ranked(*rank, seq, &encoded)?;
            }
        }
        for (seq, encoded) in self.rows.drain(..) {
            *rank += 1;
            out.write_ranked(*rank, seq, &encoded)?;
        }
        Ok(())
    }
}

/// Writes one run: per row, score bits, seq, length, bytes.
struct RunWriter {
    w: BufWriter<DropBehindWriter>,
    rows: u64,
}

impl RunWriter {
    fn new() -> Result<Self> {
        let file = tempfile::tempfile()
            .and_then(DropBehindWriter::new)
            .map_err(spill_err)?;
        Ok(RunWriter {
            w: BufWriter::with_capacity(1 << 20, file),
            rows: 0,
        })
    }

    fn write(&mut self, row: &ReportRow) -> Result<()> {
        self.w
            .write_all(&row.score.to_bits().to_le_bytes())
            .map_err(spill_err)?;
        self.w
            .write_all(&row.seq.to_le_bytes())
            .map_err(spill_err)?;
        write_bytes(&mut self.w, &row.encoded)?;
        self.rows += 1;
        Ok(())
    }

    /// The run, rewound for reading.
    fn finish(self) -> Result<Run> {
        let mut file = self
            .w
            .into_inner()
            .map_err(|e| spill_err(e.error()))?
            .into_inner();
        file.rewind().map_err(spill_err)?;
        Ok(Run {
            file,
            rows: self.rows,
        })
    }
}

/// A k-way merge of sorted runs, through a heap holding each run's next row.
struct Merge {
    readers: Vec<BufReader<DropBehindReader>>,
    heap: BinaryHeap<HeapEntry>,
}

impl Merge {
    fn new(runs: Vec<Run>) -> Result<Self> {
        let mut readers = Vec::with_capacity(runs.len());
        for run in runs {
            let run = DropBehindReader::new(run.file).map_err(spill_err)?;
            readers.push(BufReader::with_capacity(1 << 16, run));
        }
        let mut heap = BinaryHeap::with_capacity(readers.len());
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
        Ok(Merge { readers, heap })
    }

    /// Hand every row of every run to `f`, in rank order.
    fn for_each(mut self, mut f: impl FnMut(&ReportRow) -> Result<()>) -> Result<()> {
        // Each run's next row is read into the buffer of the row just handed over.
        while let Some(mut entry) = self.heap.peek_mut() {
            f(&entry.row)?;
            let run = entry.run;
            if !read_run_row(&mut self.readers[run], &mut entry.row)? {
                PeekMut::pop(entry);
            }
        }
        Ok(())
    }
}

/// A zero-tail row: its input position, then its bytes as [`write_bytes`] writes them.
fn write_zero_row(w: &mut impl Write, seq: u64, bytes: &[u8]) -> Result<()> {
    w.write_all(&seq.to_le_bytes()).map_err(spill_err)?;
    write_bytes(w, bytes)
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

    /// Rows in input order with varied scores: many zeros, ties, -0.0 and negatives.
    fn varied(count: u64) -> Vec<(f64, u64)> {
        (0..count)
            .map(|i| match (i * 7919) % 17 {
                0..=8 => (0.0, i),
                9 => (-0.0, i),
                10 => (-0.5, i),
                k => (((i * 31) % (k + 3)) as f64 / 20.0, i),
            })
            .collect()
    }

    /// What `ranker` fed `rows` gives: the report's bytes, (written, filtered), and the
    /// most runs open at once and the intermediate merges on the way.
    fn ranked_counts(
        mut ranker: Ranker,
        rows: &[(f64, u64)],
    ) -> (Vec<u8>, (u64, u64), usize, usize) {
        for &(s, q) in rows {
            ranker.push(row(s, q)).unwrap();
        }
        let (peak, merges) = (ranker.peak_runs, ranker.intermediate_merges);
        let mut w = ReportWriter::new(Vec::new(), encoder()).unwrap();
        let counts = ranker.finish(&mut w).unwrap();
        (w.finish().unwrap(), counts, peak, merges)
    }

    /// Issue 11, item 14: every run was open at once (EMFILE under `ulimit -n 64`). With a
    /// bounded fan-in the runs are merged in several passes, never more than the fan-in
    /// open, and the report is byte for byte the single-pass one.
    #[test]
    fn a_bounded_fan_in_merges_in_passes_to_the_same_bytes() {
        let rows = varied(3000);
        for (top, min_score) in [
            (None, -1.0),
            (None, 0.0),
            (Some(50), -1.0),
            (Some(2500), 0.1),
        ] {
            let (single, single_counts, peak, _) = ranked_counts(
                Ranker::with_fan_in(usize::MAX, top, min_score, usize::MAX),
                &rows,
            );
            assert_eq!(peak, 0, "all in memory");
            assert_eq!(single_counts.0 + single_counts.1, rows.len() as u64);
            for fan_in in [2, 3, 5, MAX_FAN_IN, usize::MAX] {
                let (bytes, counts, peak, merges) =
                    ranked_counts(Ranker::with_fan_in(1000, top, min_score, fan_in), &rows);
                let case = format!("top {top:?}, min {min_score}, fan-in {fan_in}: {peak} runs open at most, {merges} merges");
                assert!(bytes == single, "{case}: the report differs");
                assert_eq!(counts, single_counts, "{case}");
                assert!(peak <= fan_in, "{case}");
                if fan_in <= 5 || (fan_in == MAX_FAN_IN && top.is_none() && min_score < 0.0) {
                    assert!(merges >= 1, "{case}");
                } else if fan_in == usize::MAX {
                    assert_eq!(merges, 0, "{case}");
                }
            }
        }
    }

    #[test]
    fn the_descriptor_limit_gives_a_fan_in_or_a_clear_error() {
        // Whatever this process's limit, the answer is a usable fan-in or a message naming
        // `ulimit -n`; the binary's tests run it under small limits (tests/hostile_inputs.rs).
        match fan_in_for_descriptors() {
            Ok(n) => assert!((MIN_FAN_IN..=MAX_FAN_IN).contains(&n)),
            Err(e) => assert!(e.message.contains("ulimit -n"), "{e}"),
        }
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
