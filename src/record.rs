//! The data that ingestion hands to the rest of the pipeline.

use std::sync::Arc;

/// Where a record came from: the input's display name and the 1-based line where it starts
/// (for CSV, the line of the record's first byte; for JSON Lines and text, the line itself),
/// and where inside a structured input it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: Arc<str>,
    pub line: u64,
    /// Within the input, for formats where a line is not enough: a JSON path such as
    /// `messages[1234]` or `chats.list[2].messages[7]`, or a transcript's cues (`cues 1-40`).
    /// Empty for CSV, text and JSON Lines objects read one per line.
    pub position: String,
}

impl Provenance {
    pub fn new(source: Arc<str>, line: u64) -> Self {
        Provenance {
            source,
            line,
            position: String::new(),
        }
    }

    pub fn at(source: Arc<str>, line: u64, position: String) -> Self {
        Provenance {
            source,
            line,
            position,
        }
    }
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.source, self.line)?;
        if !self.position.is_empty() {
            write!(f, " {}", self.position)?;
        }
        Ok(())
    }
}

/// One item to screen: its text and the metadata columns the report carries.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub text: String,
    pub id: String,
    pub author: String,
    pub timestamp: String,
    pub url: String,
    pub platform: String,
    /// Values of the `--keep-cols` columns, in the order they were asked for.
    pub kept: Vec<String>,
    /// Links the item carries besides the ones written in its text (a Telegram `text_link`'s
    /// href, a tweet's expanded URL, a Bluesky link facet, a Mastodon `<a href>`), each with
    /// the span of the text that shows it. Empty for most inputs (no allocation).
    pub links: Vec<Link>,
    /// For a transcript: where each cue's text starts in `text`, with its times, in order.
    pub cues: Vec<Cue>,
}

impl Record {
    /// Empty the fields a reader that recycles records does not always fill.
    pub fn clear_extras(&mut self) {
        self.links.clear();
        self.cues.clear();
    }
}

/// A link carried by an item outside its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    /// The text that shows the link (an anchor, a `t.co` short link); when the text does not
    /// show it, an empty span past the end of the text, each such link its own
    /// ([`Link::unshown`]), so that evidence can tell which link fired.
    pub span: Span,
}

impl Link {
    /// A link that `text` does not show, the `n`th such link of its item (from 0).
    pub fn unshown(url: impl Into<String>, text: &str, n: usize) -> Self {
        let at = text.len() + 1 + n;
        Link {
            url: url.into(),
            span: Span::new(at, at),
        }
    }

    /// Whether the text does not show this link.
    pub fn is_unshown(&self, text: &str) -> bool {
        self.span.start > text.len()
    }
}

/// A transcript cue: its text starts at byte `offset` of the item's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub offset: usize,
    /// Start and end in milliseconds from the start of the media.
    pub start_ms: u64,
    pub end_ms: u64,
}

/// `HH:MM:SS.mmm` for a time in milliseconds.
pub fn format_media_time(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Why a record could not be screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectReason {
    MalformedCsv,
    InvalidJson,
    NotAnObject,
    InvalidUtf8,
    MissingText,
    EmptyText,
    TooLarge,
    /// A quoted CSV field that never closes properly: its record's first line is rejected and
    /// reading resumes at the next line.
    RunawayQuote,
    /// An object that is not a post: a Telegram service message (a pin, a join), a boost
    /// whose content is not in the export.
    NotAPost,
    /// A subtitle or transcript cue whose timing cannot be read.
    InvalidCue,
}

impl RejectReason {
    /// Stable identifier written in the rejects file and the summary.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::MalformedCsv => "malformed_csv",
            RejectReason::InvalidJson => "invalid_json",
            RejectReason::NotAnObject => "not_an_object",
            RejectReason::InvalidUtf8 => "invalid_utf8",
            RejectReason::MissingText => "missing_text",
            RejectReason::EmptyText => "empty_text",
            RejectReason::TooLarge => "too_large",
            RejectReason::RunawayQuote => "runaway_quote",
            RejectReason::NotAPost => "not_a_post",
            RejectReason::InvalidCue => "invalid_cue",
        }
    }
}

/// A record that could not be screened, with the reason and its raw bytes.
#[derive(Debug, Clone)]
pub struct Reject {
    pub reason: RejectReason,
    /// Human-readable detail, e.g. the JSON parser's message.
    pub detail: String,
    /// The record's bytes as read (after decompression and decoding of a declared encoding),
    /// without its line ending; for a record over `--max-record-bytes`, a bounded prefix.
    pub raw: Vec<u8>,
}

/// What an input reader yields: every record read is either screened or rejected.
#[derive(Debug, Clone)]
pub enum Event {
    Record(Provenance, Record),
    Reject(Provenance, Reject),
}

impl Event {
    pub fn provenance(&self) -> &Provenance {
        match self {
            Event::Record(p, _) | Event::Reject(p, _) => p,
        }
    }
}

/// A half-open byte range `[start, end)` in an item's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The spanned text, or "" if the span does not fall on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}
