//! External sort of (key, payload) records with bounded memory, as `report::rank` sorts report
//! rows: records are buffered up to a budget; past it the buffer is sorted and spilled to a
//! temporary run file (on a thread of its own, while the next buffer fills), and the runs are
//! merged at the end with a bounded fan-in (runs beyond [`FAN_IN`] are first merged into
//! longer runs). The merged stream can be read more than once ([`Sorted::merge`] rewinds the
//! runs), which the edge stage uses to read the pairs twice.
//!
//! Keys are fixed-width and totally ordered; callers make them unique (they end with the
//! post's input position), so the order is the same whatever the budget or thread count.

use crate::error::{Fatal, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;
use std::thread::JoinHandle;

/// Runs merged at once: each holds a read buffer of [`RUN_READ_BUFFER`] bytes.
pub const FAN_IN: usize = 64;
const RUN_READ_BUFFER: usize = 256 << 10;

/// A fixed-width sort key.
pub trait SortKey: Copy + Ord + Send + 'static {
    const BYTES: usize;
    fn write(&self, out: &mut Vec<u8>);
    fn read(bytes: &[u8]) -> Self;
}

pub(crate) fn spill_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("cannot use a temporary file for coordination: {e}"))
}

/// Records in memory: keys with the place of their payload in one byte buffer.
struct Buffer<K> {
    entries: Vec<(K, u32, u32)>,
    payload: Vec<u8>,
}

impl<K: SortKey> Buffer<K> {
    fn new() -> Self {
        Buffer {
            entries: Vec::new(),
            payload: Vec::new(),
        }
    }
    fn bytes(&self) -> usize {
        self.entries.len() * std::mem::size_of::<(K, u32, u32)>() + self.payload.len()
    }
    fn sort(&mut self) {
        self.entries.sort_unstable_by_key(|e| e.0);
    }
    fn payload_of(&self, i: usize) -> &[u8] {
        let (_, start, len) = self.entries[i];
        &self.payload[start as usize..(start + len) as usize]
    }
    fn clear(&mut self) {
        self.entries.clear();
        self.payload.clear();
    }
}

/// Sort the buffer and write it as a run: per record, the key, the payload length, the payload.
fn write_run<K: SortKey>(buffer: &mut Buffer<K>, dir: Option<&PathBuf>) -> Result<File> {
    buffer.sort();
    let file = match dir {
        Some(d) => tempfile::tempfile_in(d),
        None => tempfile::tempfile(),
    }
    .map_err(spill_err)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut key = Vec::with_capacity(K::BYTES);
    for i in 0..buffer.entries.len() {
        key.clear();
        buffer.entries[i].0.write(&mut key);
        let payload = buffer.payload_of(i);
        w.write_all(&key).map_err(spill_err)?;
        w.write_all(&(payload.len() as u32).to_le_bytes())
            .map_err(spill_err)?;
        w.write_all(payload).map_err(spill_err)?;
    }
    let mut file = w.into_inner().map_err(|e| spill_err(e.error()))?;
    file.rewind().map_err(spill_err)?;
    Ok(file)
}

type SpillJob<K> = JoinHandle<Result<(File, Buffer<K>)>>;

/// Accepts records in any order; hands them back sorted by key.
pub struct ExternalSorter<K: SortKey> {
    buffer: Buffer<K>,
    /// The buffer of the spill under way is given back when it is done.
    spare: Option<Buffer<K>>,
    spilling: Option<SpillJob<K>>,
    runs: Vec<File>,
    /// Bytes of one buffer: two exist while a spill runs.
    buffer_budget: usize,
    dir: Option<PathBuf>,
    records: u64,
}

impl<K: SortKey> ExternalSorter<K> {
    /// `budget`: bytes of memory for records (two buffers of half of it); `dir`: where the
    /// temporary runs go (the system's temporary directory when `None`).
    pub fn new(budget: usize, dir: Option<PathBuf>) -> Self {
        ExternalSorter {
            buffer: Buffer::new(),
            spare: None,
            spilling: None,
            runs: Vec::new(),
            buffer_budget: (budget / 2).max(1 << 12),
            dir,
            records: 0,
        }
    }

    pub fn push(&mut self, key: K, payload: &[u8]) -> Result<()> {
        let start = self.buffer.payload.len();
        if start + payload.len() > u32::MAX as usize {
            self.spill()?;
        }
        let start = self.buffer.payload.len() as u32;
        self.buffer.payload.extend_from_slice(payload);
        self.buffer.entries.push((key, start, payload.len() as u32));
        self.records += 1;
        if self.buffer.bytes() >= self.buffer_budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Records pushed so far.
    pub fn len(&self) -> u64 {
        self.records
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len() + usize::from(self.spilling.is_some())
    }

    fn wait_for_spill(&mut self) -> Result<()> {
        if let Some(job) = self.spilling.take() {
            let (file, mut buffer) = job
                .join()
                .map_err(|_| spill_err("the spill thread panicked"))??;
            buffer.clear();
            self.runs.push(file);
            self.spare = Some(buffer);
        }
        Ok(())
    }

    /// Hand the buffer to a thread that sorts and writes it, and go on with the spare one.
    fn spill(&mut self) -> Result<()> {
        self.wait_for_spill()?;
        let next = self.spare.take().unwrap_or_else(Buffer::new);
        let mut full = std::mem::replace(&mut self.buffer, next);
        let dir = self.dir.clone();
        self.spilling = Some(std::thread::spawn(move || {
            let file = write_run(&mut full, dir.as_ref())?;
            Ok((file, full))
        }));
        Ok(())
    }

    /// Every record pushed, ready to be read in key order.
    pub fn finish(mut self) -> Result<Sorted<K>> {
        self.wait_for_spill()?;
        if self.runs.is_empty() {
            self.buffer.sort();
            return Ok(Sorted {
                memory: Some(self.buffer),
                runs: Vec::new(),
                records: self.records,
            });
        }
        if !self.buffer.entries.is_empty() {
            let file = write_run(&mut self.buffer, self.dir.as_ref())?;
            self.runs.push(file);
        }
        drop(self.spare.take());
        let mut runs = std::mem::take(&mut self.runs);
        // Bounded fan-in: merge groups of runs into longer runs until few enough remain.
        while runs.len() > FAN_IN {
            let mut longer = Vec::with_capacity(runs.len().div_ceil(FAN_IN));
            let mut rest = runs.into_iter();
            loop {
                let group: Vec<File> = rest.by_ref().take(FAN_IN).collect();
                if group.is_empty() {
                    break;
                }
                longer.push(merge_into_run::<K>(group, self.dir.as_ref())?);
            }
            runs = longer;
        }
        Ok(Sorted {
            memory: None,
            runs,
            records: self.records,
        })
    }
}

/// Merge `group` into one new run file.
fn merge_into_run<K: SortKey>(group: Vec<File>, dir: Option<&PathBuf>) -> Result<File> {
    let mut sorted = Sorted::<K> {
        memory: None,
        runs: group,
        records: 0,
    };
    let file = match dir {
        Some(d) => tempfile::tempfile_in(d),
        None => tempfile::tempfile(),
    }
    .map_err(spill_err)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut merge = sorted.merge()?;
    let mut key = Vec::with_capacity(K::BYTES);
    while let Some((k, payload)) = merge.next_record()? {
        key.clear();
        k.write(&mut key);
        w.write_all(&key).map_err(spill_err)?;
        w.write_all(&(payload.len() as u32).to_le_bytes())
            .map_err(spill_err)?;
        w.write_all(payload).map_err(spill_err)?;
    }
    drop(merge);
    let mut file = w.into_inner().map_err(|e| spill_err(e.error()))?;
    file.rewind().map_err(spill_err)?;
    Ok(file)
}

/// Sorted records: in memory, or in at most [`FAN_IN`] sorted runs.
pub struct Sorted<K: SortKey> {
    memory: Option<Buffer<K>>,
    runs: Vec<File>,
    records: u64,
}

impl<K: SortKey> Sorted<K> {
    pub fn len(&self) -> u64 {
        self.records
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// A reader of every record in key order, from the start (runs are rewound).
    pub fn merge(&mut self) -> Result<Merge<'_, K>> {
        if let Some(buffer) = &self.memory {
            return Ok(Merge {
                source: Source::Memory { buffer, next: 0 },
            });
        }
        let mut readers = Vec::with_capacity(self.runs.len());
        for run in &mut self.runs {
            run.rewind().map_err(spill_err)?;
            let file = run.try_clone().map_err(spill_err)?;
            readers.push(RunReader {
                input: BufReader::with_capacity(RUN_READ_BUFFER, file),
                key: None,
                payload: Vec::new(),
                header: vec![0; K::BYTES + 4],
            });
        }
        let mut heap = BinaryHeap::with_capacity(readers.len());
        for (i, r) in readers.iter_mut().enumerate() {
            if r.advance()? {
                heap.push(Reverse((r.key.expect("just read"), i)));
            }
        }
        Ok(Merge {
            source: Source::Runs {
                readers,
                heap,
                current: None,
            },
        })
    }
}

struct RunReader<K> {
    input: BufReader<File>,
    key: Option<K>,
    payload: Vec<u8>,
    header: Vec<u8>,
}

impl<K: SortKey> RunReader<K> {
    /// Read the next record; false at the end of the run.
    fn advance(&mut self) -> Result<bool> {
        match self.input.read_exact(&mut self.header) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                self.key = None;
                return Ok(false);
            }
            Err(e) => return Err(spill_err(e)),
        }
        self.key = Some(K::read(&self.header[..K::BYTES]));
        let len_bytes: [u8; 4] = self.header[K::BYTES..].try_into().expect("4 bytes");
        self.payload
            .resize(u32::from_le_bytes(len_bytes) as usize, 0);
        self.input
            .read_exact(&mut self.payload)
            .map_err(|_| spill_err("a run ends inside a record"))?;
        Ok(true)
    }
}

enum Source<'a, K: SortKey> {
    Memory {
        buffer: &'a Buffer<K>,
        next: usize,
    },
    Runs {
        readers: Vec<RunReader<K>>,
        heap: BinaryHeap<Reverse<(K, usize)>>,
        /// The run whose record was handed out last: it advances on the next call.
        current: Option<usize>,
    },
}

/// Records in key order; each borrowed until the next call.
pub struct Merge<'a, K: SortKey> {
    source: Source<'a, K>,
}

impl<K: SortKey> Merge<'_, K> {
    pub fn next_record(&mut self) -> Result<Option<(K, &[u8])>> {
        match &mut self.source {
            Source::Memory { buffer, next } => {
                if *next >= buffer.entries.len() {
                    return Ok(None);
                }
                let i = *next;
                *next += 1;
                Ok(Some((buffer.entries[i].0, buffer.payload_of(i))))
            }
            Source::Runs {
                readers,
                heap,
                current,
            } => {
                if let Some(run) = current.take() {
                    if readers[run].advance()? {
                        heap.push(Reverse((readers[run].key.expect("just read"), run)));
                    }
                }
                let Some(Reverse((key, run))) = heap.pop() else {
                    return Ok(None);
                };
                *current = Some(run);
                Ok(Some((key, &readers[run].payload)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl SortKey for (u64, u64) {
        const BYTES: usize = 16;
        fn write(&self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.0.to_be_bytes());
            out.extend_from_slice(&self.1.to_be_bytes());
        }
        fn read(bytes: &[u8]) -> Self {
            (
                u64::from_be_bytes(bytes[..8].try_into().unwrap()),
                u64::from_be_bytes(bytes[8..16].try_into().unwrap()),
            )
        }
    }

    type Records = Vec<((u64, u64), Vec<u8>)>;

    fn sorted_with(budget: usize, n: u64) -> (Records, usize) {
        let mut sorter = ExternalSorter::<(u64, u64)>::new(budget, None);
        for i in 0..n {
            let key = ((i * 7919) % 101, i);
            sorter.push(key, format!("p{i}").as_bytes()).unwrap();
        }
        let runs = sorter.runs();
        let mut sorted = sorter.finish().unwrap();
        let mut out = Vec::new();
        // Read twice: the second reading must equal the first.
        for pass in 0..2 {
            let mut merge = sorted.merge().unwrap();
            let mut this = Vec::new();
            while let Some((k, p)) = merge.next_record().unwrap() {
                this.push((k, p.to_vec()));
            }
            if pass == 0 {
                out = this;
            } else {
                assert_eq!(out, this);
            }
        }
        (out, runs)
    }

    #[test]
    fn spilled_runs_merge_to_the_in_memory_order() {
        let (in_memory, runs) = sorted_with(usize::MAX / 2, 20_000);
        assert_eq!(runs, 0);
        assert_eq!(in_memory.len(), 20_000);
        assert!(in_memory.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(in_memory
            .iter()
            .all(|(k, p)| p == format!("p{}", k.1).as_bytes()));
        // A tiny budget: many runs, more than the fan-in, merged in two levels.
        let (spilled, runs) = sorted_with(8 << 10, 20_000);
        assert!(runs > FAN_IN, "only {runs} runs");
        assert_eq!(spilled, in_memory);
    }

    #[test]
    fn empty_input_gives_nothing() {
        let (out, _) = sorted_with(1 << 20, 0);
        assert!(out.is_empty());
    }
}
