//! Plain-text input: one item per non-empty line. Blank lines separate nothing and are not
//! records.

use super::lines::read_bounded_line;
use super::{io_error, IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Provenance, Record, Reject, RejectReason};
use std::io::BufRead;
use std::sync::Arc;

pub struct TextReader {
    input: Box<dyn BufRead + Send>,
    buf: Vec<u8>,
    line: u64,
    source: Arc<str>,
    max_record_bytes: usize,
    lossy_utf8: bool,
}

impl TextReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        TextReader {
            input,
            buf: Vec::new(),
            line: 0,
            source,
            max_record_bytes: options.max_record_bytes,
            lossy_utf8: options.lossy_utf8,
        }
    }
}

impl RecordReader for TextReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        loop {
            let len =
                match read_bounded_line(&mut *self.input, &mut self.buf, self.max_record_bytes) {
                    Ok(Some(len)) => len,
                    Ok(None) => return Ok(None),
                    Err(e) => return Err(io_error(&self.source, self.line + 1, e)),
                };
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let provenance = Provenance {
                source: self.source.clone(),
                line: self.line,
            };
            let raw = String::from_utf8_lossy(&self.buf).into_owned();
            if len > self.max_record_bytes {
                let detail = format!(
                    "line is {len} bytes, over --max-record-bytes {}",
                    self.max_record_bytes
                );
                return Ok(Some(Event::Reject(
                    provenance,
                    Reject {
                        reason: RejectReason::TooLarge,
                        detail,
                        raw,
                    },
                )));
            }
            if self.lossy_utf8 {
                let text = String::from_utf8_lossy(&self.buf).into_owned();
                return Ok(Some(Event::Record(
                    provenance,
                    Record {
                        text,
                        ..Record::default()
                    },
                )));
            }
            return Ok(Some(
                match String::from_utf8(std::mem::take(&mut self.buf)) {
                    Ok(text) => Event::Record(
                        provenance,
                        Record {
                            text,
                            ..Record::default()
                        },
                    ),
                    Err(e) => {
                        let detail =
                            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to());
                        Event::Reject(
                            provenance,
                            Reject {
                                reason: RejectReason::InvalidUtf8,
                                detail,
                                raw,
                            },
                        )
                    }
                },
            ));
        }
    }
}
