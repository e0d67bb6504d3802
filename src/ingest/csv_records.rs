//! CSV/TSV records with bounded memory, and without letting a quote that never closes swallow
//! the rest of a file.
//!
//! The `csv` crate can neither cap a field's size nor step back after a quote that opens by
//! mistake: a stray `"` at the start of a field makes every following row part of one field.
//! Here `csv_core` (the `csv` crate's parser) splits records and fields over a buffer of our
//! own, which never holds more than `limit + 1` bytes of a record: a longer record is skipped
//! to its end by a scan that knows just enough of CSV quoting (a `"` at the start of a field
//! opens a quoted field, `""` inside one is a quote, `\n`, `\r\n` and a lone `\r` end a record
//! outside quotes), keeping a prefix. A record holding line breaks is scanned the same way to
//! learn where its first line ends, so that a record found to be a runaway quote can be
//! rejected line by line: the caller rejects its first line and reading resumes on the next.

use std::io::{self, Read};

/// Bytes read from the input at a time.
const CHUNK: usize = 1 << 16;

/// One record as found in the input, or why it could not be kept.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan<'a> {
    Record(RecordBytes<'a>),
    /// A record longer than the limit: its first `limit + 1` bytes; reading resumes after
    /// its end.
    TooLarge {
        prefix: &'a [u8],
        /// The record's full length in bytes.
        len: u64,
        line: u64,
        last_line: u64,
    },
    /// A quoted field still open once its record is over the limit and holds a line break:
    /// the record's first line (its first `limit + 1` bytes at most); reading resumes at the
    /// line after `last_line`.
    Runaway {
        bytes: &'a [u8],
        line: u64,
        last_line: u64,
    },
}

/// A record's bytes (without its line ending), its fields, and what the scanner saw of its
/// quotes.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordBytes<'a> {
    pub bytes: &'a [u8],
    pub fields: Fields<'a>,
    /// Line where the record starts (1-based, counting `\n`, `\r\n` and lone `\r`).
    pub line: u64,
    /// Line where it ends.
    pub last_line: u64,
    /// A quoted field holds a line break.
    pub multiline: bool,
    /// A closing quote is followed by something other than the delimiter or a line end (told
    /// for records holding a line break only: elsewhere it merges nothing).
    pub stray_after_quote: bool,
    /// The input ended inside a quoted field.
    pub unclosed: bool,
}

/// The fields of a record, unescaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.bytes[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// The last record returned, for [`RecordScanner::reject_first_line`].
#[derive(Debug, Clone, Copy)]
struct Last {
    start: usize,
    /// Offset (from `start`) just after the record's first line ending, if it spans lines.
    first_line_end: Option<usize>,
    line: u64,
}

pub struct RecordScanner {
    input: Box<dyn Read + Send>,
    buf: Vec<u8>,
    /// First byte not yet returned.
    pos: usize,
    /// End of the bytes read.
    filled: usize,
    eof: bool,
    /// Line of `buf[pos]`.
    line: u64,
    /// The last record ended with `\r`: a `\n` right after it belongs to that ending.
    pending_lf: bool,
    delimiter: u8,
    quoting: bool,
    limit: usize,
    last: Option<Last>,
    /// Splits a record into fields.
    parser: csv_core::Reader,
    /// The last record's fields, unescaped, one after the other, and where each ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
}

/// Where a quote-aware scan of bytes stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Outside,
    Inside,
    /// A `"` inside a quoted field: a doubled quote or the closing one, told by the next byte.
    QuoteInside,
}

impl RecordScanner {
    pub fn new(input: Box<dyn Read + Send>, delimiter: u8, quoting: bool, limit: usize) -> Self {
        RecordScanner {
            input,
            buf: vec![0; CHUNK],
            pos: 0,
            filled: 0,
            eof: false,
            line: 1,
            pending_lf: false,
            delimiter,
            quoting,
            limit,
            last: None,
            parser: csv_core::ReaderBuilder::new()
                .delimiter(delimiter)
                .quoting(quoting)
                .build(),
            fields: Vec::new(),
            ends: vec![0; 64],
            count: 0,
        }
    }

    /// Read more input after `filled`, making room by moving the unreturned bytes to the front
    /// or by growing the buffer. `false` at the end of the input.
    fn more(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.filled == self.buf.len() {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.filled, 0);
                self.filled -= self.pos;
                self.pos = 0;
            } else {
                self.buf.resize(self.buf.len() + CHUNK, 0);
            }
        }
        loop {
            match self.input.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next byte not yet returned, reading more if needed.
    fn peek(&mut self) -> io::Result<Option<u8>> {
        if self.pos == self.filled && !self.more()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.pos]))
    }

    /// The next record with its fields, `None` at the end of the input. Empty lines are
    /// skipped.
    ///
    /// `csv_core` finds the record's end and its fields in one pass; only a record holding a
    /// line break (or still open at the end of the input, or over the limit) is scanned again
    /// by [`scan_quotes`], for what `csv_core` does not tell: where its first line ends and
    /// whether a quote closed with other text after it.
    pub fn next_record(&mut self) -> io::Result<Option<Scan<'_>>> {
        self.last = None;
        loop {
            match self.peek()? {
                None => return Ok(None),
                Some(b'\n') if self.pending_lf => self.pending_lf = false,
                Some(b'\n') => self.line += 1,
                Some(b'\r') => {
                    self.line += 1;
                    self.pending_lf = true;
                    self.pos += 1;
                    continue;
                }
                Some(_) => break,
            }
            self.pos += 1;
        }
        self.pending_lf = false;
        // Bytes given to the parser, field bytes and field ends it wrote.
        let (mut fed, mut out, mut ends) = (0usize, 0usize, 0usize);
        loop {
            if self.pos + fed == self.filled {
                if self.filled - self.pos > self.limit {
                    self.restart_parser();
                    let data = &self.buf[self.pos..self.filled];
                    let q = scan_quotes(data, self.delimiter, self.quoting, false);
                    return self.overflow(q.stop, q.in_quotes, q.first_line_end, q.breaks_inside);
                }
                if !self.more()? {
                    // The last record, without a line ending.
                    let (_, _, written, ended) = self.parser.read_record(
                        &[],
                        &mut self.fields[out..],
                        &mut self.ends[ends..],
                    );
                    self.count = ends + ended;
                    debug_assert!(out + written <= self.fields.len());
                    self.restart_parser();
                    let len = self.filled - self.pos;
                    let data = &self.buf[self.pos..self.filled];
                    let q = scan_quotes(data, self.delimiter, self.quoting, true);
                    return Ok(Some(self.finish(
                        len,
                        len,
                        q.in_quotes,
                        q.first_line_end,
                        q.breaks_inside,
                        q.stray_after_quote,
                    )));
                }
                continue;
            }
            // Field bytes are never more than the record's bytes.
            let available = self.filled - self.pos;
            if self.fields.len() < available {
                self.fields.resize(available, 0);
            }
            let (result, read, written, ended) = self.parser.read_record(
                &self.buf[self.pos + fed..self.filled],
                &mut self.fields[out..],
                &mut self.ends[ends..],
            );
            fed += read;
            out += written;
            ends += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2 + 1;
                    self.fields.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => {
                    self.count = ends;
                    let data = &self.buf[self.pos..self.pos + fed];
                    let len = trim_line_ending(data).len();
                    self.pending_lf = data.last() == Some(&b'\r');
                    let record = &data[..len];
                    if memchr::memchr2(b'\n', b'\r', record).is_none() {
                        return Ok(Some(self.finish(len, fed, false, None, 0, false)));
                    }
                    let q = scan_quotes(record, self.delimiter, self.quoting, true);
                    return Ok(Some(self.finish(
                        len,
                        fed,
                        false,
                        q.first_line_end,
                        q.breaks_inside,
                        q.stray_after_quote,
                    )));
                }
            }
        }
    }

    /// Start the field parser afresh (after the end of the input or a record cut short), fed
    /// an empty line so that it does not take a record's first bytes for a byte-order mark.
    fn restart_parser(&mut self) {
        self.parser.reset();
        let (mut none, mut no_ends) = ([0u8; 1], [0usize; 1]);
        self.parser.read_record(b"\n", &mut none, &mut no_ends);
    }

    /// Return the record of the first `len` bytes at `pos`, and move past `consumed` bytes.
    fn finish(
        &mut self,
        len: usize,
        consumed: usize,
        unclosed: bool,
        first_line_end: Option<usize>,
        breaks_inside: u64,
        stray_after_quote: bool,
    ) -> Scan<'_> {
        let start = self.pos;
        let line = self.line;
        self.pos += consumed;
        let last_line = line + breaks_inside;
        self.line = last_line + u64::from(consumed > len);
        if len > self.limit {
            return Scan::TooLarge {
                prefix: &self.buf[start..start + self.limit + 1],
                len: len as u64,
                line,
                last_line,
            };
        }
        self.last = Some(Last {
            start,
            first_line_end,
            line,
        });
        Scan::Record(RecordBytes {
            bytes: &self.buf[start..start + len],
            fields: Fields {
                bytes: &self.fields,
                ends: &self.ends[..self.count],
            },
            line,
            last_line,
            multiline: first_line_end.is_some(),
            stray_after_quote,
            unclosed,
        })
    }

    /// The record at `pos` is over the limit and not finished: scanned up to `off`.
    fn overflow(
        &mut self,
        off: usize,
        in_quotes: bool,
        first_line_end: Option<usize>,
        breaks_inside: u64,
    ) -> io::Result<Option<Scan<'_>>> {
        let line = self.line;
        let start = self.pos;
        let keep = self.limit + 1;
        if let (true, Some(end)) = (in_quotes, first_line_end) {
            // An open quote across lines and over the limit: a runaway. Its first line goes,
            // the rest is read again from the next line.
            self.pos += end;
            self.line += 1;
            self.pending_lf = self.buf[start + end - 1] == b'\r';
            return Ok(Some(Scan::Runaway {
                bytes: trim_line_ending(&self.buf[start..start + end.min(keep)]),
                line,
                last_line: line,
            }));
        }
        // Keep a prefix; scan the rest without keeping it, jumping to the bytes that may
        // change the state.
        let mut state = if in_quotes {
            Quoting::Inside
        } else {
            Quoting::Outside
        };
        // The byte before the next one (None at the record's start): a quote opens a field
        // only after a delimiter.
        let mut prev = off.checked_sub(1).map(|i| self.buf[start + i]);
        let mut off = off;
        let mut len = off as u64;
        loop {
            while self.pos + off < self.filled {
                if state != Quoting::QuoteInside {
                    let rest = &self.buf[self.pos + off..self.filled];
                    let k = memchr::memchr3(b'"', b'\n', b'\r', rest).unwrap_or(rest.len());
                    if k > 0 {
                        prev = Some(rest[k - 1]);
                        off += k;
                        len += k as u64;
                        continue;
                    }
                }
                let b = self.buf[self.pos + off];
                off += 1;
                len += 1;
                if b == b'\n' || b == b'\r' {
                    // The record ends here, or its open quote does not close on this line.
                    self.pending_lf = b == b'\r';
                    let runaway = state == Quoting::Inside;
                    return Ok(Some(self.skipped(
                        keep,
                        off,
                        len - 1,
                        breaks_inside,
                        runaway,
                    )));
                }
                state = match state {
                    Quoting::Outside
                        if b == b'"'
                            && self.quoting
                            && prev.is_none_or(|p| p == self.delimiter) =>
                    {
                        Quoting::Inside
                    }
                    Quoting::Inside if b == b'"' => Quoting::QuoteInside,
                    Quoting::Inside => Quoting::Inside,
                    Quoting::QuoteInside if b == b'"' => Quoting::Inside,
                    _ => Quoting::Outside,
                };
                prev = Some(b);
            }
            // Drop what was scanned past the prefix, then read on.
            self.filled = self.pos + keep;
            off = keep;
            if !self.more()? {
                let runaway = state == Quoting::Inside;
                return Ok(Some(self.skipped(keep, off, len, breaks_inside, runaway)));
            }
        }
    }

    /// Return the kept prefix of a record skipped up to offset `off` (just after its line
    /// ending, if any), `len` bytes long, and move past it.
    fn skipped(
        &mut self,
        keep: usize,
        off: usize,
        len: u64,
        breaks_inside: u64,
        runaway: bool,
    ) -> Scan<'_> {
        let start = self.pos;
        // What follows the record moves up to the end of the kept prefix.
        self.buf.copy_within(start + off..self.filled, start + keep);
        self.filled -= off - keep;
        self.pos = start + keep;
        let line = self.line;
        let last_line = line + breaks_inside;
        self.line = last_line + 1;
        let prefix = &self.buf[start..start + keep];
        if runaway {
            Scan::Runaway {
                bytes: trim_line_ending(prefix),
                line,
                last_line,
            }
        } else {
            Scan::TooLarge {
                prefix,
                len,
                line,
                last_line,
            }
        }
    }

    /// Bytes of buffer held (for tests of the memory bound).
    #[cfg(test)]
    pub fn buffered_bytes(&self) -> usize {
        self.buf.len()
    }

    /// The first line of the record just returned, which turned out to be a runaway quote:
    /// reading resumes on its second line. `None` if that record holds one line.
    pub fn reject_first_line(&mut self) -> Option<(&[u8], u64)> {
        let last = self.last.take()?;
        let end = last.first_line_end?;
        self.pos = last.start + end;
        self.line = last.line + 1;
        self.pending_lf = self.buf[last.start + end - 1] == b'\r';
        Some((
            trim_line_ending(&self.buf[last.start..last.start + end]),
            last.line,
        ))
    }
}

/// What a quote-aware scan of a record's bytes found (see [`scan_quotes`]).
#[derive(Debug, Default)]
struct Quotes {
    /// Where the scan stopped: the end of the bytes, a line ending outside quotes, or a quote
    /// inside quotes whose meaning depends on the byte after the bytes.
    stop: usize,
    in_quotes: bool,
    breaks_inside: u64,
    /// Offset just after the first line ending inside quotes.
    first_line_end: Option<usize>,
    /// A closing quote followed by something other than the delimiter or a line end.
    stray_after_quote: bool,
}

/// Scan `data`, from a record's start, with just enough of CSV quoting to find line breaks
/// inside quoted fields: a `"` at the start of a field opens one, `""` inside one is a quote,
/// a `"` followed by anything else closes it. `at_end`: nothing follows `data`.
fn scan_quotes(data: &[u8], delimiter: u8, quoting: bool, at_end: bool) -> Quotes {
    let mut q = Quotes::default();
    let mut off = 0usize;
    loop {
        let rest = &data[off..];
        let found = if quoting {
            memchr::memchr3(b'"', b'\n', b'\r', rest)
        } else {
            memchr::memchr2(b'\n', b'\r', rest)
        };
        let Some(k) = found else {
            q.stop = data.len();
            return q;
        };
        let j = off + k;
        match data[j] {
            b'"' if q.in_quotes => {
                if j + 1 == data.len() && !at_end {
                    q.stop = j;
                    return q;
                }
                match data.get(j + 1) {
                    Some(b'"') => off = j + 2,
                    next => {
                        q.in_quotes = false;
                        off = j + 1;
                        if !matches!(next, None | Some(b'\n' | b'\r')) && next != Some(&delimiter) {
                            q.stray_after_quote = true;
                        }
                    }
                }
            }
            b'"' => {
                if j == 0 || data[j - 1] == delimiter {
                    q.in_quotes = true;
                }
                off = j + 1;
            }
            b'\n' if q.in_quotes && j > 0 && data[j - 1] == b'\r' => {
                // The second half of a `\r\n` already counted.
                if q.first_line_end == Some(j) {
                    q.first_line_end = Some(j + 1);
                }
                off = j + 1;
            }
            _ if q.in_quotes => {
                q.breaks_inside += 1;
                q.first_line_end.get_or_insert(j + 1);
                off = j + 1;
            }
            _ => {
                q.stop = j;
                return q;
            }
        }
    }
}

/// `bytes` without a trailing `\n`, `\r\n` or `\r`.
fn trim_line_ending(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every scan of `input` as text, resyncing after any multi-line record that `reject`
    /// (given its bytes) turns down, as the CSV reader does.
    fn scan_all(input: &[u8], limit: usize, reject: impl Fn(&[u8]) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        for chunk_size in [1usize, 3, 7, 1 << 16] {
            let chunked = Chunked {
                bytes: input.to_vec(),
                at: 0,
                size: chunk_size,
            };
            let mut scanner = RecordScanner::new(Box::new(chunked), b',', true, limit);
            let mut got = Vec::new();
            while let Some(scan) = scanner.next_record().unwrap() {
                let (text, turned_down) = match scan {
                    Scan::Record(r) => (
                        format!(
                            "{}-{}:{}{}{}{}",
                            r.line,
                            r.last_line,
                            String::from_utf8_lossy(r.bytes),
                            if r.multiline { " [multi]" } else { "" },
                            if r.stray_after_quote { " [stray]" } else { "" },
                            if r.unclosed { " [unclosed]" } else { "" },
                        ),
                        r.multiline && reject(r.bytes),
                    ),
                    Scan::TooLarge {
                        prefix,
                        len,
                        line,
                        last_line,
                    } => (
                        format!(
                            "{line}-{last_line}:too large {len} {}",
                            String::from_utf8_lossy(prefix)
                        ),
                        false,
                    ),
                    Scan::Runaway {
                        bytes,
                        line,
                        last_line,
                    } => (
                        format!(
                            "{line}-{last_line}:runaway {}",
                            String::from_utf8_lossy(bytes)
                        ),
                        false,
                    ),
                };
                if turned_down {
                    let (first, line) = scanner.reject_first_line().unwrap();
                    got.push(format!(
                        "{line}:first line {}",
                        String::from_utf8_lossy(first)
                    ));
                } else {
                    got.push(text);
                }
            }
            if chunk_size == 1 {
                out = got;
            } else {
                assert_eq!(got, out, "chunks of {chunk_size}");
            }
        }
        out
    }

    /// A reader that hands out at most `size` bytes per read.
    struct Chunked {
        bytes: Vec<u8>,
        at: usize,
        size: usize,
    }

    impl Read for Chunked {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.size).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn records_end_at_any_line_ending_outside_quotes() {
        let got = scan_all(
            b"a,b\r\n1,\"x\r\ny\"\r2,\"say \"\"hi\"\"\"\n\n\r\n3,c\r",
            100,
            |_| false,
        );
        assert_eq!(
            got,
            [
                "1-1:a,b",
                "2-3:1,\"x\r\ny\" [multi]",
                "4-4:2,\"say \"\"hi\"\"\"",
                "7-7:3,c"
            ]
        );
    }

    /// Fields come out the same whatever the reads the input arrives in.
    #[test]
    fn fields_whatever_the_chunks() {
        let input = b"a,b,c\r\n\"x, \"\"y\"\"\",,z\n\"multi\nline\",2,3";
        let mut expected: Option<Vec<Vec<String>>> = None;
        for size in [1, 2, 5, 1 << 16] {
            let chunked = Chunked {
                bytes: input.to_vec(),
                at: 0,
                size,
            };
            let mut scanner = RecordScanner::new(Box::new(chunked), b',', true, 100);
            let mut got = Vec::new();
            while let Some(Scan::Record(r)) = scanner.next_record().unwrap() {
                got.push(
                    r.fields
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect::<Vec<_>>(),
                );
            }
            assert_eq!(got[1], ["x, \"y\"", "", "z"], "chunks of {size}");
            assert_eq!(got[2], ["multi\nline", "2", "3"], "chunks of {size}");
            match &expected {
                Some(e) => assert_eq!(&got, e, "chunks of {size}"),
                None => expected = Some(got),
            }
        }
    }

    #[test]
    fn quotes_open_only_at_a_field_start() {
        let got = scan_all(b"1,5\" screen,x\n2,\"a\"b\n3,x\n", 100, |_| false);
        assert_eq!(got, ["1-1:1,5\" screen,x", "2-2:2,\"a\"b", "3-3:3,x"]);
        let got = scan_all(b"1,\"a\nb\"c\n", 100, |_| false);
        assert_eq!(got, ["1-2:1,\"a\nb\"c [multi] [stray]"]);
    }

    #[test]
    fn a_record_turned_down_is_read_again_from_its_second_line() {
        let input = b"1,\"oops\n2,fine\n3,\"quoted\" text\n4,last\n";
        let got = scan_all(input, 1000, |bytes| bytes.starts_with(b"1,"));
        assert_eq!(
            got,
            [
                "1:first line 1,\"oops",
                "2-2:2,fine",
                "3-3:3,\"quoted\" text",
                "4-4:4,last"
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_flagged() {
        let got = scan_all(b"1,\"never\nclosed", 1000, |_| false);
        assert_eq!(got, ["1-2:1,\"never\nclosed [multi] [unclosed]"]);
    }

    #[test]
    fn long_records_keep_a_prefix_and_the_rest_is_read() {
        let mut input = b"1,".to_vec();
        input.extend(std::iter::repeat_n(b'a', 50));
        input.extend_from_slice(b"\r\n2,\"");
        input.extend(std::iter::repeat_n(b'b', 50));
        input.extend_from_slice(b"\"\n3,ok\n");
        let got = scan_all(&input, 10, |_| false);
        assert_eq!(
            got,
            [
                "1-1:too large 52 1,aaaaaaaaa",
                "2-2:too large 54 2,\"bbbbbbbb",
                "3-3:3,ok"
            ]
        );
    }

    #[test]
    fn an_open_quote_over_the_limit_rejects_its_first_line_only() {
        // Across lines: the first line goes, the next lines are read again.
        let mut input = b"1,\"open\n".to_vec();
        for i in 2..40 {
            input.extend_from_slice(format!("{i},row\n").as_bytes());
        }
        let got = scan_all(&input, 64, |_| false);
        assert_eq!(got.len(), 39);
        assert_eq!(got[0], "1-1:runaway 1,\"open");
        assert_eq!(got[1], "2-2:2,row");
        assert_eq!(got[38], "39-39:39,row");
        // On one long line: that line goes up to its end, nothing more.
        let mut input = b"1,\"".to_vec();
        input.extend(std::iter::repeat_n(b'z', 100));
        input.extend_from_slice(b"\n2,after\n");
        let got = scan_all(&input, 10, |_| false);
        assert_eq!(got, ["1-1:runaway 1,\"zzzzzzzz", "2-2:2,after"]);
    }

    #[test]
    fn without_quoting_quotes_are_plain_bytes() {
        let mut scanner = RecordScanner::new(Box::new(&b"\"a\tb\n\"c\td\n"[..]), b'\t', false, 100);
        let mut lines = Vec::new();
        while let Some(Scan::Record(r)) = scanner.next_record().unwrap() {
            lines.push(String::from_utf8_lossy(r.bytes).into_owned());
        }
        assert_eq!(lines, ["\"a\tb", "\"c\td"]);
    }
}
