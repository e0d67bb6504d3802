//! Plain-text input: one item per non-empty line. Blank lines separate nothing and are not
//! records.

use super::lines::Lines;
use super::{IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Record, Reject, RejectReason};
use std::io::BufRead;
use std::sync::Arc;

pub struct TextReader {
    lines: Lines,
    max_record_bytes: usize,
    lossy_utf8: bool,
}

impl TextReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        TextReader {
            lines: Lines::new(input, source, options.max_record_bytes),
            max_record_bytes: options.max_record_bytes,
            lossy_utf8: options.lossy_utf8,
        }
    }
}

impl RecordReader for TextReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let Some((provenance, len)) = self.lines.next_nonblank()? else {
            return Ok(None);
        };
        let buf = &mut self.lines.buf;
        let reject = |reason, detail, buf: &[u8]| {
            let raw = buf.to_vec();
            Ok(Some(Event::Reject(
                provenance.clone(),
                Reject {
                    reason,
                    detail,
                    raw,
                },
            )))
        };
        if len > self.max_record_bytes {
            let detail = format!(
                "line is {len} bytes, over --max-record-bytes {}",
                self.max_record_bytes
            );
            return reject(RejectReason::TooLarge, detail, buf);
        }
        let text = if self.lossy_utf8 {
            String::from_utf8_lossy(buf).into_owned()
        } else {
            match std::str::from_utf8(buf) {
                Ok(text) => text.to_owned(),
                Err(e) => {
                    let detail = format!("invalid UTF-8 at byte {}", e.valid_up_to());
                    return reject(RejectReason::InvalidUtf8, detail, buf);
                }
            }
        };
        Ok(Some(Event::Record(
            provenance,
            Record {
                text,
                ..Record::default()
            },
        )))
    }
}
