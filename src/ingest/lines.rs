//! Bounded line reading: a line longer than the limit is consumed but not kept whole.

use crate::error::Result;
use crate::record::Provenance;
use std::io::{self, BufRead};
use std::sync::Arc;

/// The non-blank lines of a line-oriented input, each with its provenance. Blank lines
/// separate nothing and are not records; lines over `limit` bytes are consumed, with only
/// their first `limit + 1` bytes kept.
pub struct Lines {
    input: Box<dyn BufRead + Send>,
    /// The current line's bytes (without its line ending).
    pub buf: Vec<u8>,
    line: u64,
    source: Arc<str>,
    limit: usize,
}

impl Lines {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, limit: usize) -> Self {
        Lines {
            input,
            buf: Vec::new(),
            line: 0,
            source,
            limit,
        }
    }

    /// Advance to the next non-blank line: its provenance and full length in bytes.
    pub fn next_nonblank(&mut self) -> Result<Option<(Provenance, usize)>> {
        loop {
            let len = match read_bounded_line(&mut *self.input, &mut self.buf, self.limit) {
                Ok(Some(len)) => len,
                Ok(None) => return Ok(None),
                Err(e) => return Err(super::io_error(&self.source, self.line + 1, e)),
            };
            self.line += 1;
            if !self.buf.iter().all(u8::is_ascii_whitespace) {
                let provenance = Provenance::new(self.source.clone(), self.line);
                return Ok(Some((provenance, len)));
            }
        }
    }
}

/// Read one line (without its line ending: `\n`, `\r\n` or a lone `\r`) into `buf`, keeping
/// at most `limit + 1` bytes. Returns `None` at end of input, else the line's full length in
/// bytes.
pub fn read_bounded_line<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut saw_any = false;
    loop {
        let available = fill(reader)?;
        if available.is_empty() {
            break;
        }
        saw_any = true;
        let end = memchr::memchr2(b'\n', b'\r', available);
        let chunk = &available[..end.unwrap_or(available.len())];
        let room = (limit + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        total += chunk.len();
        let Some(end) = end else {
            let used = available.len();
            reader.consume(used);
            continue;
        };
        let cr = available[end] == b'\r';
        reader.consume(end + 1);
        // A `\n` right after a `\r` ends the same line.
        if cr && fill(reader)?.first() == Some(&b'\n') {
            reader.consume(1);
        }
        break;
    }
    Ok(saw_any.then_some(total))
}

/// The reader's buffered bytes, read again after an interruption.
fn fill<R: BufRead + ?Sized>(reader: &mut R) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            Ok(_) => break,
        }
    }
    reader.fill_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_full_length() {
        let mut input: &[u8] = b"short\r\nthis line is long\nlast";
        let mut buf = Vec::new();
        assert_eq!(
            read_bounded_line(&mut input, &mut buf, 100).unwrap(),
            Some(5)
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_bounded_line(&mut input, &mut buf, 4).unwrap(),
            Some(17)
        );
        assert!(buf.len() <= 5);
        assert_eq!(
            read_bounded_line(&mut input, &mut buf, 100).unwrap(),
            Some(4)
        );
        assert_eq!(buf, b"last");
        assert_eq!(read_bounded_line(&mut input, &mut buf, 100).unwrap(), None);
    }

    /// `\r`, `\n` and `\r\n` end a line alike, also when a `\r\n` is split between two
    /// reads of the underlying stream.
    #[test]
    fn lone_carriage_returns_end_lines() {
        let bytes: &[u8] = b"one\rtwo\r\nthree\n\rfive\r";
        for capacity in [1, 2, 3, 64] {
            let mut input = std::io::BufReader::with_capacity(capacity, bytes);
            let mut buf = Vec::new();
            let mut lines = Vec::new();
            while read_bounded_line(&mut input, &mut buf, 100)
                .unwrap()
                .is_some()
            {
                lines.push(String::from_utf8(buf.clone()).unwrap());
            }
            assert_eq!(
                lines,
                ["one", "two", "three", "", "five"],
                "capacity {capacity}"
            );
        }
    }
}
