//! WebVTT (`.vtt`) subtitles: a `WEBVTT` header, then blocks separated by blank lines: cues
//! (an optional identifier, a timing line `00:01:12.400 --> 00:01:15.000` with optional cue
//! settings, payload lines), and `NOTE`, `STYLE` and `REGION` blocks, which are skipped.
//! Payload markup (`<i>`, `<c.class>`, `<00:00:01.500>` timestamps, `<v Speaker>` voices) never
//! reaches the text; the voices' names become the item's author. A cue whose timing cannot be
//! read is rejected as `invalid_cue` with its line.
//!
//! As for SubRip, a file is read block by block so that one bad cue costs only itself.

use super::srt::decode_lines;
use super::transcript::{parse_timing, Block, CueStream, CueText};
use super::{IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Provenance, Reject, RejectReason};
use std::io::BufRead;
use std::sync::Arc;

pub struct VttReader {
    stream: CueStream,
    header_seen: bool,
}

impl VttReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        VttReader {
            stream: CueStream::new(input, source, options),
            header_seen: false,
        }
    }
}

/// One block of the file: a cue, or a rejected one.
fn cue_block(s: &mut CueStream, header_seen: &mut bool, block: Block) {
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
    let first = block.lines.first().map(Vec::as_slice).unwrap_or_default();
    let header = !*header_seen && first.starts_with(b"WEBVTT");
    *header_seen = true;
    let keyword = |k: &[u8]| {
        first.starts_with(k) && first.get(k.len()).is_none_or(|b| b.is_ascii_whitespace())
    };
    if header || keyword(b"NOTE") || keyword(b"STYLE") || keyword(b"REGION") {
        return;
    }
    let position = format!("cue {}", s.cues + 1);
    s.cues += 1;
    if block.too_large {
        let detail = "a cue over --max-record-bytes".into();
        s.queue
            .push_back(reject(RejectReason::TooLarge, detail, position));
        return;
    }
    let lines = match decode_lines(&block.lines, s.lossy_utf8) {
        Ok(lines) => lines,
        Err(detail) => {
            s.queue
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

impl RecordReader for VttReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let header_seen = &mut self.header_seen;
        self.stream
            .next_event(|stream, block| cue_block(stream, header_seen, block))
    }
}
