//! The data that ingestion hands to the rest of the pipeline.

use std::sync::Arc;

/// Where a record came from: the input's display name and the 1-based line where it starts
/// (for CSV, the line of the record's first byte; for JSON Lines and text, the line itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: Arc<str>,
    pub line: u64,
}

impl Provenance {
    pub fn new(source: Arc<str>, line: u64) -> Self {
        Provenance { source, line }
    }
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
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
        }
    }
}

/// A record that could not be screened, with the reason and its raw bytes (lossily decoded).
#[derive(Debug, Clone)]
pub struct Reject {
    pub reason: RejectReason,
    /// Human-readable detail, e.g. the JSON parser's message.
    pub detail: String,
    pub raw: String,
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
