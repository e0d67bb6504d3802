//! Large files written or read once, front to back, without filling the page cache.
//!
//! The report of a large scan, and the ranking's spill files, are gigabytes that calque writes
//! once and reads at most once. Left in the page cache, every page of them is a page of memory
//! the kernel must find and fill: on the 2-core machine of `docs/PERFORMANCE.md`, writing 2 GB
//! and syncing it took 2.6–5.1 s of kernel time, against 0.6 s when each chunk was written back
//! and dropped as the file grew, so that the same few pages served over and over
//! (`scripts/page-cache-write.py`).
//!
//! So on Linux, every [`CHUNK`] bytes, [`DropBehindWriter`] starts the write-back of the chunk
//! just written (`sync_file_range`) and drops from the cache one written a few chunks earlier
//! (`POSIX_FADV_DONTNEED`), without waiting for the disk; [`DropBehindReader`] drops what it
//! has read. The page cache then holds a few chunks of each file. Elsewhere both are plain pass-throughs. Neither changes a byte of the file: the
//! calls are advice, and their failures are ignored (a real I/O error still surfaces from
//! `write`, `read` or the final `sync_all`).

use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Bytes between two drops: large enough that the calls cost nothing next to the copying,
/// small enough that the cache holds only a few MB of each file.
pub const CHUNK: u64 = 8 << 20;

/// Writes a file front to back, dropping from the page cache what has reached the disk.
/// Unbuffered: wrap it in a `BufWriter`.
pub struct DropBehindWriter {
    file: File,
    /// Bytes written so far.
    written: u64,
    /// Write-back has been started for everything before this offset.
    started: u64,
    /// Chunks whose write-back was started, oldest first, not yet dropped.
    in_flight: std::collections::VecDeque<(u64, u64)>,
}

/// Chunks written back before the oldest is dropped: by then its write-back has finished
/// (pages still being written are simply left in the cache), so the writer never waits for
/// the disk.
const CHUNKS_IN_FLIGHT: usize = 4;

impl DropBehindWriter {
    /// Takes over `file`, to be written from its current position on.
    pub fn new(mut file: File) -> io::Result<Self> {
        let start = file.stream_position()?;
        Ok(DropBehindWriter {
            file,
            written: start,
            started: start,
            in_flight: std::collections::VecDeque::new(),
        })
    }

    /// The file, with everything written so far handed to the kernel.
    pub fn into_inner(self) -> File {
        self.file
    }

    fn advise(&mut self) {
        if self.written - self.started < CHUNK {
            return;
        }
        let chunk = (self.started, self.written - self.started);
        os::start_writeback(&self.file, chunk.0, chunk.1);
        self.in_flight.push_back(chunk);
        if self.in_flight.len() > CHUNKS_IN_FLIGHT {
            let (offset, len) = self.in_flight.pop_front().expect("more than one in flight");
            os::drop_cached(&self.file, offset, len);
        }
        self.started = self.written;
    }
}

impl Write for DropBehindWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        self.advise();
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Reads a file front to back, dropping from the page cache what has been read.
/// Unbuffered: wrap it in a `BufReader`.
pub struct DropBehindReader {
    file: File,
    read: u64,
    dropped: u64,
}

impl DropBehindReader {
    /// Takes over `file`, to be read from its current position on.
    pub fn new(mut file: File) -> io::Result<Self> {
        let start = file.stream_position()?;
        os::sequential(&file);
        Ok(DropBehindReader {
            file,
            read: start,
            dropped: start,
        })
    }
}

impl Read for DropBehindReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(buf)?;
        self.read += n as u64;
        if self.read - self.dropped >= CHUNK {
            os::drop_cached(&self.file, self.dropped, self.read - self.dropped);
            self.dropped = self.read;
        }
        Ok(n)
    }
}

/// Bytes handed over at a time by [`WriteBehind`] and [`ReadAhead`].
const BLOCK: usize = 4 << 20;

/// A writer whose writes happen on a thread of their own: the caller fills a block while the
/// thread writes the previous one, so that encoding rows and the kernel's copying of them run
/// on two cores. Blocks go back to the caller for reuse.
pub struct WriteBehind {
    block: Vec<u8>,
    to_writer: Option<SyncSender<Vec<u8>>>,
    /// Emptied blocks, and the answer to each flush.
    from_writer: Receiver<Returned>,
    spare: Vec<Vec<u8>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

enum Returned {
    Empty(Vec<u8>),
    Flushed(io::Result<()>),
}

impl WriteBehind {
    pub fn new<W: Write + Send + 'static>(mut inner: W) -> Self {
        // Two blocks in flight at most: one being written, one waiting.
        let (to_writer, blocks) = sync_channel::<Vec<u8>>(1);
        let (back, from_writer) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || -> io::Result<()> {
            for mut block in blocks {
                // An empty block asks for a flush.
                if block.is_empty() {
                    let flushed = inner.flush();
                    let failed = flushed.as_ref().err().map(clone_error);
                    let _ = back.send(Returned::Flushed(flushed));
                    if let Some(e) = failed {
                        return Err(e);
                    }
                    continue;
                }
                inner.write_all(&block)?;
                block.clear();
                let _ = back.send(Returned::Empty(block));
            }
            inner.flush()
        });
        WriteBehind {
            block: Vec::with_capacity(BLOCK),
            to_writer: Some(to_writer),
            from_writer,
            spare: Vec::new(),
            thread: Some(thread),
        }
    }

    /// The writer thread stopped early: its error.
    fn writer_error(&mut self) -> io::Error {
        self.to_writer = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(Err(e))) => e,
            _ => io::Error::other("the report's writer thread stopped"),
        }
    }

    fn send(&mut self, block: Vec<u8>) -> io::Result<()> {
        let sent = match &self.to_writer {
            Some(tx) => tx.send(block).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            Err(self.writer_error())
        }
    }

    fn send_block(&mut self) -> io::Result<()> {
        if self.block.is_empty() {
            return Ok(());
        }
        while let Ok(returned) = self.from_writer.try_recv() {
            if let Returned::Empty(b) = returned {
                self.spare.push(b);
            }
        }
        let next = self
            .spare
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(BLOCK));
        let full = std::mem::replace(&mut self.block, next);
        self.send(full)
    }
}

fn clone_error(e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), e.to_string())
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.block.len() + buf.len() > BLOCK {
            self.send_block()?;
        }
        self.block.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Returns once everything written so far has been written and flushed by the thread.
    fn flush(&mut self) -> io::Result<()> {
        self.send_block()?;
        self.send(Vec::new())?;
        loop {
            match self.from_writer.recv() {
                Ok(Returned::Empty(b)) => self.spare.push(b),
                Ok(Returned::Flushed(result)) => return result,
                Err(_) => return Err(self.writer_error()),
            }
        }
    }
}

impl Drop for WriteBehind {
    fn drop(&mut self) {
        // As `BufWriter` does, write what is left, ignoring errors: `flush` is the way to see them.
        let _ = self.send_block();
        self.to_writer = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A reader whose reads happen on a thread of their own, a few blocks ahead of the caller.
pub struct ReadAhead {
    block: Vec<u8>,
    at: usize,
    blocks: Receiver<io::Result<Vec<u8>>>,
    /// Consumed blocks, back to the reader thread for reuse.
    spent: SyncSender<Vec<u8>>,
    done: bool,
}

impl ReadAhead {
    pub fn new<R: Read + Send + 'static>(mut inner: R) -> Self {
        let (tx, blocks) = sync_channel::<io::Result<Vec<u8>>>(2);
        let (spent, recycled) = sync_channel::<Vec<u8>>(4);
        std::thread::spawn(move || loop {
            let mut block = recycled
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(BLOCK));
            block.clear();
            let result = (&mut inner)
                .take(BLOCK as u64)
                .read_to_end(&mut block)
                .map(|_| block);
            let end = matches!(&result, Ok(b) if b.is_empty()) || result.is_err();
            if tx.send(result).is_err() || end {
                return;
            }
        });
        ReadAhead {
            block: Vec::new(),
            at: 0,
            blocks,
            spent,
            done: false,
        }
    }
}

impl Read for ReadAhead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.block.len() {
            if self.done {
                return Ok(0);
            }
            let next = match self.blocks.recv() {
                Ok(Ok(block)) => block,
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(_) => Vec::new(),
            };
            if next.is_empty() {
                self.done = true;
            }
            let spent = std::mem::replace(&mut self.block, next);
            let _ = self.spent.try_send(spent);
            self.at = 0;
        }
        let n = buf.len().min(self.block.len() - self.at);
        buf[..n].copy_from_slice(&self.block[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(target_os = "linux")]
mod os {
    use std::fs::File;
    use std::os::fd::AsRawFd;

    fn range(offset: u64, len: u64) -> (libc::off64_t, libc::off64_t) {
        (offset as libc::off64_t, len as libc::off64_t)
    }

    /// Queue the range for writing to disk, without waiting.
    pub fn start_writeback(file: &File, offset: u64, len: u64) {
        let (offset, len) = range(offset, len);
        // SAFETY: plain syscall on a file descriptor `file` keeps open; no memory is passed.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
        }
    }

    /// Drop a range from the page cache: the pages that are clean (read, or written back).
    pub fn drop_cached(file: &File, offset: u64, len: u64) {
        let (offset, len) = range(offset, len);
        // SAFETY: as above.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), offset, len, libc::POSIX_FADV_DONTNEED);
        }
    }

    /// The file will be read front to back: a larger read-ahead.
    pub fn sequential(file: &File) {
        // SAFETY: as above.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_SEQUENTIAL);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod os {
    use std::fs::File;
    pub fn start_writeback(_: &File, _: u64, _: u64) {}
    pub fn drop_cached(_: &File, _: u64, _: u64) {}
    pub fn sequential(_: &File) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, BufWriter, SeekFrom};

    /// Bytes that differ from one position to the next, so that a lost, repeated or reordered
    /// chunk shows.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
    }

    #[test]
    fn what_is_written_across_many_chunks_reads_back_identical() {
        let data = pattern(3 * CHUNK as usize + 12_345);
        let mut w = BufWriter::with_capacity(
            1 << 16,
            DropBehindWriter::new(tempfile::tempfile().unwrap()).unwrap(),
        );
        // Uneven pieces, so that writes straddle chunk boundaries.
        for piece in data.chunks(777_777) {
            w.write_all(piece).unwrap();
        }
        let mut file = w
            .into_inner()
            .map_err(|e| e.into_error())
            .unwrap()
            .into_inner();
        assert_eq!(file.metadata().unwrap().len(), data.len() as u64);
        file.rewind().unwrap();
        let mut back = Vec::new();
        BufReader::new(DropBehindReader::new(file).unwrap())
            .read_to_end(&mut back)
            .unwrap();
        assert!(
            back == data,
            "the file read back differs from what was written"
        );
    }

    /// Accepts `limit` bytes, then fails every write.
    struct FailingAfter {
        limit: usize,
        taken: usize,
    }

    impl Write for FailingAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken + buf.len() > self.limit {
                return Err(io::Error::other("disk full (simulated)"));
            }
            self.taken += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Yields `limit` bytes, then fails.
    struct FailingRead {
        limit: usize,
        given: usize,
    }

    impl Read for FailingRead {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.given >= self.limit {
                return Err(io::Error::other("bad sector (simulated)"));
            }
            let n = buf.len().min(self.limit - self.given);
            buf[..n].fill(b'x');
            self.given += n;
            Ok(n)
        }
    }

    #[test]
    fn write_behind_writes_every_block_in_order_before_flush_returns() {
        let data = pattern(2 * BLOCK + 4321);
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut w = WriteBehind::new(file.reopen().unwrap());
        for piece in data.chunks(100_003) {
            w.write_all(piece).unwrap();
        }
        w.flush().unwrap();
        // Flushed: the bytes are in the file while the writer is still alive.
        assert!(std::fs::read(file.path()).unwrap() == data);
        w.write_all(b"more").unwrap();
        drop(w);
        let back = std::fs::read(file.path()).unwrap();
        assert!(
            back.len() == data.len() + 4 && back.ends_with(b"more"),
            "dropping writes what is left"
        );
    }

    #[test]
    fn write_behind_reports_the_writer_threads_error() {
        let mut w = WriteBehind::new(FailingAfter {
            limit: BLOCK + 10,
            taken: 0,
        });
        let data = pattern(3 * BLOCK);
        let written = data.chunks(65_536).try_for_each(|p| w.write_all(p));
        let flushed = w.flush();
        let err = written
            .and(flushed)
            .expect_err("a failed write must not go unnoticed");
        assert!(err.to_string().contains("disk full"), "{err}");
    }

    #[test]
    fn read_ahead_reads_back_every_block_in_order() {
        let data = pattern(3 * BLOCK + 99);
        let mut back = Vec::new();
        ReadAhead::new(io::Cursor::new(data.clone()))
            .read_to_end(&mut back)
            .unwrap();
        assert!(back == data);
        let mut empty = Vec::new();
        ReadAhead::new(io::empty()).read_to_end(&mut empty).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn read_ahead_reports_the_readers_error() {
        let mut sink = Vec::new();
        let err = ReadAhead::new(FailingRead {
            limit: BLOCK + 5,
            given: 0,
        })
        .read_to_end(&mut sink)
        .expect_err("a failed read must not look like the end of the file");
        assert!(err.to_string().contains("bad sector"), "{err}");
    }

    #[test]
    fn reading_starts_where_the_file_is_positioned() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"header|body").unwrap();
        file.seek(SeekFrom::Start(7)).unwrap();
        let mut rest = String::new();
        DropBehindReader::new(file)
            .unwrap()
            .read_to_string(&mut rest)
            .unwrap();
        assert_eq!(rest, "body");
    }
}
