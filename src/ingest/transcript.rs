//! Transcripts: the cues of a subtitle file (`srt`, `vtt`) or of a speech-to-text JSON output
//! (`whisper_json`, `youtube_json`) become items with their cue times kept.
//!
//! By default a file is one item (its cues joined by spaces, so that a sentence split across
//! cues reads whole); `--transcript-window 60s` cuts it into windows of about that length,
//! closing a window at a sentence end when one comes within the last fifth of the window or
//! the first quarter past it, and at the cue after that otherwise. An item never grows past
//! `--max-record-bytes`: it is closed before the cue that would take it over. Each item keeps
//! where each cue's text starts, so that the report can say at which time of the video a tell
//! occurs.

use super::{io_error, IngestOptions};
use crate::error::Result as CalqueResult;
use crate::record::{Cue, Event, Provenance, Record, Reject, RejectReason};
use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::sync::Arc;

/// One cue as read: its number in the file, its line, times and text lines (tags removed).
#[derive(Debug, Clone, Default)]
pub struct CueText {
    pub number: u64,
    pub line: u64,
    pub start_ms: u64,
    pub end_ms: u64,
    pub lines: Vec<String>,
    pub speaker: Option<String>,
}

impl CueText {
    /// A cue from its text lines (those after the timing line): tags removed, the speaker of
    /// a `<v Name>` voice tag kept.
    pub fn new(number: u64, line: u64, (start_ms, end_ms): (u64, u64), lines: &[String]) -> Self {
        let mut speaker = None;
        let lines = lines
            .iter()
            .map(|l| clean_cue_line(l, &mut speaker))
            .collect();
        CueText {
            number,
            line,
            start_ms,
            end_ms,
            lines,
            speaker,
        }
    }
}

/// Builds the items of one transcript from its cues.
pub struct Transcript {
    source: Arc<str>,
    window_ms: Option<u64>,
    max_bytes: usize,
    record: Record,
    /// Number, line and start of the current item's first cue.
    first: Option<(u64, u64, u64)>,
    last_number: u64,
    /// The last text line of the previous cue, to drop it when the next cue repeats it
    /// (YouTube's automatic captions roll their lines that way).
    previous_line: String,
}

impl Transcript {
    pub fn new(source: Arc<str>, window_ms: Option<u64>, max_bytes: usize) -> Self {
        Transcript {
            source,
            window_ms,
            max_bytes,
            record: Record::default(),
            first: None,
            last_number: 0,
            previous_line: String::new(),
        }
    }

    /// Add a cue; returns the item it closed, if it starts a new one.
    pub fn push(&mut self, cue: CueText) -> Option<Event> {
        let mut lines: Vec<&str> = cue
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        if lines.first() == Some(&self.previous_line.as_str()) {
            lines.remove(0);
        }
        if let Some(last) = lines.last() {
            self.previous_line = (*last).to_owned();
        }
        let text = lines.join(" ");
        if text.is_empty() {
            return None;
        }
        let closed = match self.first {
            Some((_, _, start)) if self.closes_before(start, &cue, text.len()) => self.take(),
            _ => None,
        };
        if self.first.is_none() {
            self.first = Some((cue.number, cue.line, cue.start_ms));
        }
        if !self.record.text.is_empty() {
            self.record.text.push(' ');
        }
        self.record.cues.push(Cue {
            offset: self.record.text.len(),
            start_ms: cue.start_ms,
            end_ms: cue.end_ms.max(cue.start_ms),
        });
        self.record.text.push_str(&text);
        if let Some(speaker) = cue.speaker.filter(|s| !s.is_empty()) {
            if !self.record.author.split("; ").any(|a| a == speaker) {
                if !self.record.author.is_empty() {
                    self.record.author.push_str("; ");
                }
                self.record.author.push_str(&speaker);
            }
        }
        self.last_number = cue.number;
        closed
    }

    /// Text that belongs to the last cue (a subtitle line after a blank line inside a cue).
    pub fn continue_cue(&mut self, line: &str) {
        let line = line.trim();
        if !line.is_empty() && self.first.is_some() {
            self.record.text.push(' ');
            self.record.text.push_str(line);
            self.previous_line = line.to_owned();
        }
    }

    /// Whether a cue must start a new item, the current one starting at `start`.
    fn closes_before(&self, start: u64, cue: &CueText, text_len: usize) -> bool {
        if self.record.text.len() + 1 + text_len > self.max_bytes {
            return true;
        }
        let Some(window) = self.window_ms else {
            return false;
        };
        let end = self.record.cues.last().map_or(start, |c| c.end_ms);
        let sentence_done = ends_sentence(&self.record.text);
        (sentence_done && end - start >= window - window / 5 && cue.end_ms > start + window)
            || cue.start_ms >= start + window + window / 4
    }

    /// The item built so far, if any.
    pub fn take(&mut self) -> Option<Event> {
        let (number, line, _) = self.first.take()?;
        let mut record = std::mem::take(&mut self.record);
        record.platform = "transcript".into();
        let position = if number == self.last_number {
            format!("cue {number}")
        } else {
            format!("cues {number}-{}", self.last_number)
        };
        let provenance = Provenance::at(self.source.clone(), line, position);
        if record.text.len() > self.max_bytes {
            let mut raw = record.text.into_bytes();
            raw.truncate(self.max_bytes + 1);
            return Some(Event::Reject(
                provenance,
                Reject {
                    reason: RejectReason::TooLarge,
                    detail: format!("a cue is over --max-record-bytes {}", self.max_bytes),
                    raw,
                },
            ));
        }
        Some(Event::Record(provenance, record))
    }
}

/// Whether `text` ends a sentence (`.`, `!`, `?`, `…`, possibly followed by a closing quote or
/// bracket).
fn ends_sentence(text: &str) -> bool {
    let trimmed = text
        .trim_end()
        .trim_end_matches(['"', '\'', '»', '”', ')', ']']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Milliseconds of a cue time: `HH:MM:SS,mmm`, `HH:MM:SS.mmm`, `MM:SS.mmm`, one or more hour
/// digits, one to three (or more, cut) fraction digits.
pub fn parse_time(s: &str) -> Option<u64> {
    let s = s.trim();
    let (clock, fraction) = match s.rfind([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| digits(p)) {
        return None;
    }
    if !fraction.is_empty() && !digits(fraction) {
        return None;
    }
    let number = |p: &str| p.parse::<u64>().ok();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        [m, s] => (0, number(m)?, number(s)?),
        _ => return None,
    };
    if minutes >= 60 && parts.len() == 3 || seconds >= 60 {
        return None;
    }
    let mut millis = 0;
    for (i, d) in fraction.bytes().take(3).enumerate() {
        millis += u64::from(d - b'0') * [100, 10, 1][i];
    }
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

/// Start and end of a timing line `START --> END [settings]`.
pub fn parse_timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((parse_time(start)?, parse_time(end)?))
}

/// A cue's text without markup: `<...>` tags removed (a WebVTT voice `<v Name>` gives the
/// speaker), SubStation `{\...}` overrides removed, character references decoded.
pub fn clean_cue_line(line: &str, speaker: &mut Option<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['<', '{', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let closing = match rest.as_bytes()[0] {
            b'<' => '>',
            b'{' if rest.starts_with("{\\") => '}',
            b'&' => ';',
            c => {
                out.push(c as char);
                rest = &rest[1..];
                continue;
            }
        };
        match rest.find(closing).filter(|&j| closing != ';' || j <= 10) {
            Some(j) => {
                let inner = &rest[1..j];
                if closing == ';' {
                    match decode_reference(inner) {
                        Some(c) => out.push(c),
                        None => out.push_str(&rest[..=j]),
                    }
                } else if let Some(name) = inner
                    .strip_prefix('v')
                    .filter(|n| n.starts_with([' ', '.', '\t']))
                {
                    // `<v Name>` or `<v.class Name>`.
                    let name = name.split_once([' ', '\t']).map_or("", |(_, n)| n).trim();
                    *speaker = Some(name.to_owned());
                }
                rest = &rest[j + 1..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of a reference's name (`amp`, `#233`, `#xE9`).
fn decode_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        _ => {
            let code = name.strip_prefix('#')?;
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(n)?
        }
    })
}

/// A `--transcript-window` duration: `90`, `90s`, `2m`, `1m30s`, `1h`, `00:01:30`.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let bad = || {
        format!("{s:?} is not a duration: give seconds (90, 90s), minutes (2m, 1m30s) or HH:MM:SS")
    };
    let s = s.trim();
    let ms = if s.contains(':') {
        parse_time(s).ok_or_else(bad)?
    } else if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse::<u64>().map_err(|_| bad())? * 1000
    } else {
        let mut total = 0u64;
        let mut number = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit = match c {
                'h' => 3_600_000,
                'm' => 60_000,
                's' => 1000,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(unit)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(bad)?;
            number.clear();
        }
        if !number.is_empty() {
            return Err(bad());
        }
        total
    };
    if ms == 0 {
        return Err(format!("{s:?}: a window must last at least a second"));
    }
    Ok(ms)
}

/// What every cue-file reader (SubRip, WebVTT) keeps: the blocks of the file, the transcript
/// they build, and the events ready to hand out. A reader supplies what to do with one block.
pub struct CueStream {
    blocks: Blocks,
    pub transcript: Transcript,
    pub source: Arc<str>,
    pub lossy_utf8: bool,
    pub queue: VecDeque<Event>,
    /// Cues met so far, rejected ones included: the next cue is number `cues + 1`.
    pub cues: u64,
    done: bool,
}

impl CueStream {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        CueStream {
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

    /// The next event: queued ones first, else blocks handed to `on_block` until one queues
    /// something; at the end of the file, the transcript's last item.
    pub fn next_event(
        &mut self,
        mut on_block: impl FnMut(&mut CueStream, Block),
    ) -> CalqueResult<Option<Event>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Ok(Some(event));
            }
            if self.done {
                return Ok(None);
            }
            match self.blocks.next_block() {
                Ok(Some(block)) => on_block(self, block),
                Ok(None) => {
                    self.done = true;
                    self.queue.extend(self.transcript.take());
                }
                Err(e) => return Err(io_error(&self.source, 0, e)),
            }
        }
    }
}

/// The blocks of a subtitle file: runs of non-blank lines, each with the line where it starts.
pub struct Blocks {
    input: Box<dyn BufRead + Send>,
    line: u64,
    limit: usize,
    buf: Vec<u8>,
}

/// One block: its lines (without line endings) and first line; `too_large` if it passed the
/// limit (its lines are then cut).
pub struct Block {
    pub line: u64,
    pub lines: Vec<Vec<u8>>,
    pub too_large: bool,
}

impl Block {
    /// The block's bytes, lines joined by `\n`.
    pub fn raw(&self) -> Vec<u8> {
        self.lines.join(&b'\n')
    }
}

impl Blocks {
    pub fn new(input: Box<dyn BufRead + Send>, limit: usize) -> Self {
        Blocks {
            input,
            line: 0,
            limit,
            buf: Vec::new(),
        }
    }

    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        let mut block: Option<Block> = None;
        let mut size = 0usize;
        loop {
            let read =
                super::lines::read_bounded_line(&mut *self.input, &mut self.buf, self.limit)?;
            let Some(len) = read else {
                return Ok(block);
            };
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                if block.is_some() {
                    return Ok(block);
                }
                continue;
            }
            let b = block.get_or_insert_with(|| Block {
                line: self.line,
                lines: Vec::new(),
                too_large: false,
            });
            size += len + 1;
            if size > self.limit {
                b.too_large = true;
            } else {
                b.lines.push(self.buf.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(number: u64, start_s: u64, end_s: u64, text: &str) -> CueText {
        CueText {
            number,
            line: number * 4,
            start_ms: start_s * 1000,
            end_ms: end_s * 1000,
            lines: text.lines().map(String::from).collect(),
            speaker: None,
        }
    }

    fn texts(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                Event::Record(p, r) => format!("{} {}", p.position, r.text),
                Event::Reject(p, r) => format!("{} !{}", p.position, r.reason.as_str()),
            })
            .collect()
    }

    #[test]
    fn times_and_durations() {
        assert_eq!(parse_time("00:01:12,400"), Some(72_400));
        assert_eq!(parse_time("01:12.4"), Some(72_400));
        assert_eq!(parse_time("1:00:00.05"), Some(3_600_050));
        assert_eq!(parse_time("00:61:00.000"), None);
        assert_eq!(parse_time("aa:bb"), None);
        assert_eq!(
            parse_timing("00:00:01.000 --> 00:00:04.000 align:start position:10%"),
            Some((1000, 4000))
        );
        assert_eq!(parse_duration("60s"), Ok(60_000));
        assert_eq!(parse_duration("1m30s"), Ok(90_000));
        assert_eq!(parse_duration("00:02:00"), Ok(120_000));
        assert_eq!(parse_duration("90"), Ok(90_000));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("ten").is_err());
    }

    #[test]
    fn markup_never_reaches_the_text() {
        let mut speaker = None;
        assert_eq!(
            clean_cue_line(
                "<v.loud Anna Petrova>Hello <i>there</i> &amp; {\\an8}bye",
                &mut speaker
            ),
            "Hello there & bye"
        );
        assert_eq!(speaker.as_deref(), Some("Anna Petrova"));
        assert_eq!(
            clean_cue_line("a<00:00:01.500><c> word</c> 5 < 6 & co", &mut None),
            "a word 5 < 6 & co"
        );
    }

    #[test]
    fn whole_transcript_with_cue_offsets() {
        let mut t = Transcript::new("t.srt".into(), None, 1 << 20);
        assert!(t.push(cue(1, 1, 3, "We will publish")).is_none());
        assert!(t.push(cue(2, 3, 6, "in the nearest\ntime.")).is_none());
        let event = t.take().unwrap();
        let Event::Record(p, r) = &event else {
            panic!()
        };
        assert_eq!(r.text, "We will publish in the nearest time.");
        assert_eq!((p.line, p.position.as_str()), (4, "cues 1-2"));
        assert_eq!(r.cues[1].offset, 16);
        assert_eq!(r.cues[1].start_ms, 3000);
    }

    #[test]
    fn windows_close_at_sentence_ends_near_their_length() {
        let mut t = Transcript::new("t".into(), Some(60_000), 1 << 20);
        let mut events = Vec::new();
        let cues = [
            (0, 20, "First part."),
            (20, 50, "Second part goes"),
            (50, 58, "on and ends."),
            (58, 65, "Third starts"),
            (65, 80, "and runs."),
            (80, 150, "A long cue without an end"),
            (150, 160, "still going"),
        ];
        for (i, (s, e, text)) in cues.iter().enumerate() {
            events.extend(t.push(cue(i as u64 + 1, *s, *e, text)));
        }
        events.extend(t.take());
        assert_eq!(
            texts(&events),
            [
                "cues 1-3 First part. Second part goes on and ends.",
                "cues 4-6 Third starts and runs. A long cue without an end",
                "cue 7 still going"
            ]
        );
    }

    #[test]
    fn rolling_caption_lines_are_not_repeated() {
        let mut t = Transcript::new("t".into(), None, 1 << 20);
        t.push(cue(1, 0, 2, "hello world"));
        t.push(cue(2, 2, 3, "hello world\nthis is"));
        t.push(cue(3, 3, 4, "this is\nrolling"));
        let Some(Event::Record(_, r)) = t.take() else {
            panic!()
        };
        assert_eq!(r.text, "hello world this is rolling");
    }

    #[test]
    fn items_stay_under_the_byte_limit() {
        let mut t = Transcript::new("t".into(), None, 30);
        let mut events = Vec::new();
        for i in 0..5 {
            events.extend(t.push(cue(i + 1, i, i + 1, &format!("ten bytes{i}"))));
        }
        events.extend(t.take());
        assert_eq!(events.len(), 3);
    }
}
