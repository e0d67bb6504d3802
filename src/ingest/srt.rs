//! SubRip (`.srt`) subtitles: blocks of a cue number, a timing line (`00:01:12,400 -->
//! 00:01:15,000`, optionally followed by coordinates) and text lines, separated by blank
//! lines. Formatting tags (`<i>`, `<font …>`, SubStation `{\an8}`), cue numbers and timings
//! never reach the text. A block without a number nor a timing line after a cue is that cue's
//! text (blank lines inside a cue are common); one before any cue, or a cue whose timing
//! cannot be read, is rejected as `invalid_cue` with its line.
//!
//! Subtitle crates parse a whole file and fail on its first bad cue without saying which; a
//! file here is read block by block so that one bad cue is rejected and the others read.

use super::transcript::{clean_cue_line, parse_timing, Block, Blocks, CueText, Transcript};
use super::{io_error, IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Provenance, Reject, RejectReason};
use std::collections::VecDeque;
use std::io::BufRead;
use std::sync::Arc;

pub struct SrtReader {
    blocks: Blocks,
    transcript: Transcript,
    source: Arc<str>,
    lossy_utf8: bool,
    queue: VecDeque<Event>,
    cues: u64,
    done: bool,
}

impl SrtReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        SrtReader {
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
        let position = format!("cue {}", self.cues + 1);
        if block.too_large {
            self.cues += 1;
            let event = reject(
                RejectReason::TooLarge,
                "a cue over --max-record-bytes".into(),
                position,
            );
            self.queue.push_back(event);
            return;
        }
        let lines = match decode_lines(&block.lines, self.lossy_utf8) {
            Ok(lines) => lines,
            Err(detail) => {
                self.cues += 1;
                let event = reject(RejectReason::InvalidUtf8, detail, position);
                self.queue.push_back(event);
                return;
            }
        };
        let numbered = lines[0].trim().bytes().all(|b| b.is_ascii_digit());
        // The timing line is the first or second (after the cue number).
        let Some(timing_at) = lines.iter().take(2).position(|l| l.contains("-->")) else {
            if !numbered && self.cues > 0 {
                for line in &lines {
                    self.transcript
                        .continue_cue(&clean_cue_line(line, &mut None));
                }
                return;
            }
            self.cues += 1;
            let detail = "not a cue: no timing line (START --> END)".into();
            self.queue
                .push_back(reject(RejectReason::InvalidCue, detail, position));
            return;
        };
        let timing = &lines[timing_at];
        self.cues += 1;
        let Some((start_ms, end_ms)) = parse_timing(timing) else {
            let detail = format!("the timing line {:?} cannot be read", timing.trim());
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

/// The lines of a block as text; an error message if one is not UTF-8 (and not repaired).
pub fn decode_lines(lines: &[Vec<u8>], lossy: bool) -> std::result::Result<Vec<String>, String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| match std::str::from_utf8(l) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) if lossy => Ok(String::from_utf8_lossy(l).into_owned()),
            Err(e) => Err(format!(
                "line {} of the cue is not valid UTF-8 (at byte {})",
                i + 1,
                e.valid_up_to()
            )),
        })
        .collect()
}

impl RecordReader for SrtReader {
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
