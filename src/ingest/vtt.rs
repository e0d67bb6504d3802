//! WebVTT (`.vtt`) subtitles: a `WEBVTT` header, then blocks separated by blank lines: cues
//! (an optional identifier, a timing line `00:01:12.400 --> 00:01:15.000` with optional cue
//! settings, payload lines), and `NOTE`, `STYLE` and `REGION` blocks, which are skipped.
//! Payload markup (`<i>`, `<c.class>`, `<00:00:01.500>` timestamps, `<v Speaker>` voices) never
//! reaches the text; the voices' names become the item's author. A cue whose timing cannot be
//! read is rejected as `invalid_cue` with its line.
//!
//! As for SubRip, a file is read block by block so that one bad cue costs only itself.

use super::srt::decode_lines;
use super::transcript::{parse_timing, Block, Blocks, CueText, Transcript};
use super::{io_error, IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Provenance, Reject, RejectReason};
use std::collections::VecDeque;
use std::io::BufRead;
use std::sync::Arc;

pub struct VttReader {
    blocks: Blocks,
    transcript: Transcript,
    source: Arc<str>,
    lossy_utf8: bool,
    queue: VecDeque<Event>,
    cues: u64,
    header_seen: bool,
    done: bool,
}

impl VttReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        VttReader {
            blocks: Blocks::new(input, options.max_record_bytes),
            transcript: Transcript::new(
                source.clone(),
                options.transcript_window_ms,
                options.max_record_bytes,
            ),
            source,
            lossy_utf8: options.lossy_utf8,
            queue: VecDeque::new(),
            cues: 0,
            header_seen: false,
            done: false,
        }
    }

    fn block(&mut self, block: Block) {
        let reject = |reason, detail: String, position: String| {
            Event::Reject(
                Provenance::at(self.source.clone(), block.line, position),
                Reject {
                    reason,
                    detail,
                    raw: block.raw(),
                },
            )
        };
        let first = block.lines.first().map(Vec::as_slice).unwrap_or_default();
        let header = !self.header_seen && first.starts_with(b"WEBVTT");
        self.header_seen = true;
        let keyword = |k: &[u8]| {
            first.starts_with(k) && first.get(k.len()).is_none_or(|b| b.is_ascii_whitespace())
        };
        if header || keyword(b"NOTE") || keyword(b"STYLE") || keyword(b"REGION") {
            return;
        }
        let position = format!("cue {}", self.cues + 1);
        self.cues += 1;
        if block.too_large {
            let detail = "a cue over --max-record-bytes".into();
            self.queue
                .push_back(reject(RejectReason::TooLarge, detail, position));
            return;
        }
        let lines = match decode_lines(&block.lines, self.lossy_utf8) {
            Ok(lines) => lines,
            Err(detail) => {
                self.queue
                    .push_back(reject(RejectReason::InvalidUtf8, detail, position));
                return;
            }
        };
        let timing_at = if lines[0].contains("-->") { 0 } else { 1 };
        let timing = lines.get(timing_at).and_then(|l| parse_timing(l));
        let Some((start_ms, end_ms)) = timing else {
            let detail = format!(
                "not a cue: no readable timing line (START --> END) in {:?}",
                lines.get(timing_at).map_or("", |l| l.trim())
            );
            self.queue
                .push_back(reject(RejectReason::InvalidCue, detail, position));
            return;
        };
        let cue = CueText::new(
            self.cues,
            block.line,
            (start_ms, end_ms),
            &lines[timing_at + 1..],
        );
        self.queue.extend(self.transcript.push(cue));
    }
}

impl RecordReader for VttReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Ok(Some(event));
            }
            if self.done {
                return Ok(None);
            }
            match self.blocks.next_block() {
                Ok(Some(block)) => self.block(block),
                Ok(None) => {
                    self.done = true;
                    self.queue.extend(self.transcript.take());
                }
                Err(e) => return Err(io_error(&self.source, 0, e)),
            }
        }
    }
}
