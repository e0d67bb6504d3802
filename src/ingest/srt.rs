//! SubRip (`.srt`) subtitles: blocks of a cue number, a timing line (`00:01:12,400 -->
//! 00:01:15,000`, optionally followed by coordinates) and text lines, separated by blank
//! lines. Formatting tags (`<i>`, `<font …>`, SubStation `{\an8}`), cue numbers and timings
//! never reach the text. A block without a number nor a timing line after a cue is that cue's
//! text (blank lines inside a cue are common); one before any cue, or a cue whose timing
//! cannot be read, is rejected as `invalid_cue` with its line.
//!
//! Subtitle crates parse a whole file and fail on its first bad cue without saying which; a
//! file here is read block by block so that one bad cue is rejected and the others read.

use super::transcript::{clean_cue_line, parse_timing, Block, CueStream, CueText};
use super::{IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Provenance, Reject, RejectReason};
use std::io::BufRead;
use std::sync::Arc;

pub struct SrtReader {
    stream: CueStream,
}

impl SrtReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        SrtReader {
            stream: CueStream::new(input, source, options),
        }
    }
}

/// One block of the file: a cue, or a rejected one.
fn cue_block(s: &mut CueStream, block: Block) {
    let reject = |reason, detail: String, position: String| {
        Event::Reject(
            Provenance::at(s.source.clone(), block.line, position),
            Reject {
                reason,
                detail,
                raw: block.raw(),
            },
        )
    };
    let position = format!("cue {}", s.cues + 1);
    if block.too_large {
        s.cues += 1;
        let event = reject(
            RejectReason::TooLarge,
            "a cue over --max-record-bytes".into(),
            position,
        );
        s.queue.push_back(event);
        return;
    }
    let lines = match decode_lines(&block.lines, s.lossy_utf8) {
        Ok(lines) => lines,
        Err(detail) => {
            s.cues += 1;
            let event = reject(RejectReason::InvalidUtf8, detail, position);
            s.queue.push_back(event);
            return;
        }
    };
    let numbered = lines[0].trim().bytes().all(|b| b.is_ascii_digit());
    // The timing line is the first or second (after the cue number).
    let Some(timing_at) = lines.iter().take(2).position(|l| l.contains("-->")) else {
        if !numbered && s.cues > 0 {
            for line in &lines {
                s.transcript.continue_cue(&clean_cue_line(line, &mut None));
            }
            return;
        }
        s.cues += 1;
        let detail = "not a cue: no timing line (START --> END)".into();
        s.queue
            .push_back(reject(RejectReason::InvalidCue, detail, position));
        return;
    };
    let timing = &lines[timing_at];
    s.cues += 1;
    let Some((start_ms, end_ms)) = parse_timing(timing) else {
        let detail = format!("the timing line {:?} cannot be read", timing.trim());
        s.queue
            .push_back(reject(RejectReason::InvalidCue, detail, position));
        return;
    };
    let cue = CueText::new(
        s.cues,
        block.line,
        (start_ms, end_ms),
        &lines[timing_at + 1..],
    );
    s.queue.extend(s.transcript.push(cue));
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
        self.stream.next_event(cue_block)
    }
}
