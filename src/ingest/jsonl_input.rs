//! JSON Lines input: one JSON object per line; fields found by name or dotted path.

use super::columns::{self, ColumnSpec};
use super::lines::Lines;
use super::{IngestOptions, RecordReader};
use crate::error::Result;
use crate::record::{Event, Record, Reject, RejectReason};
use serde_json::Value;
use std::io::BufRead;
use std::sync::Arc;

pub struct JsonlReader {
    lines: Lines,
    columns: ColumnSpec,
    max_record_bytes: usize,
    lossy_utf8: bool,
}

impl JsonlReader {
    pub fn new(input: Box<dyn BufRead + Send>, source: Arc<str>, options: &IngestOptions) -> Self {
        JsonlReader {
            lines: Lines::new(input, source, options.max_record_bytes),
            columns: options.columns.clone(),
            max_record_bytes: options.max_record_bytes,
            lossy_utf8: options.lossy_utf8,
        }
    }
}

/// The value at a dotted path ("user.screen_name"); a literal key containing dots wins.
pub fn lookup<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(v) = object.get(path) {
        return Some(v);
    }
    path.split('.').try_fold(object, |v, key| v.get(key))
}

/// A field's text: strings as-is, numbers and booleans printed, arrays of strings or of
/// `{"text": …}` objects (Telegram exports) concatenated; null and objects give `None`.
pub fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let mut out = String::new();
            for item in items {
                match item {
                    Value::String(s) => out.push_str(s),
                    Value::Object(_) => {
                        if let Some(Value::String(s)) = item.get("text") {
                            out.push_str(s);
                        }
                    }
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn field(object: &Value, named: &Option<String>, candidates: &[&str]) -> Option<String> {
    match named {
        Some(path) => lookup(object, path).and_then(as_text),
        None => candidates
            .iter()
            .find_map(|c| lookup(object, c).and_then(as_text)),
    }
}

impl RecordReader for JsonlReader {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let Some((provenance, len)) = self.lines.next_nonblank()? else {
            return Ok(None);
        };
        let line = &self.lines.buf;
        let repaired;
        let json = if self.lossy_utf8 && std::str::from_utf8(line).is_err() {
            repaired = String::from_utf8_lossy(line).into_owned().into_bytes();
            &repaired
        } else {
            line
        };
        let raw = || line.clone();
        let reject = |reason, detail: String, raw: Vec<u8>| {
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
            return reject(
                RejectReason::TooLarge,
                format!(
                    "line is {len} bytes, over --max-record-bytes {}",
                    self.max_record_bytes
                ),
                raw(),
            );
        }
        let object: Value = match serde_json::from_slice(json) {
            Ok(v) => v,
            Err(e)
                if e.classify() == serde_json::error::Category::Syntax
                    || e.classify() == serde_json::error::Category::Eof =>
            {
                let reason = if std::str::from_utf8(json).is_err() {
                    RejectReason::InvalidUtf8
                } else {
                    RejectReason::InvalidJson
                };
                return reject(reason, e.to_string(), raw());
            }
            Err(e) => return reject(RejectReason::InvalidJson, e.to_string(), raw()),
        };
        if !object.is_object() {
            return reject(
                RejectReason::NotAnObject,
                "each line must be a JSON object".into(),
                raw(),
            );
        }
        let c = &self.columns;
        let text = match field(&object, &c.text, columns::TEXT_NAMES) {
            Some(t) => t,
            None => {
                let looked = c
                    .text
                    .clone()
                    .unwrap_or_else(|| columns::TEXT_NAMES.join(", "));
                return reject(
                    RejectReason::MissingText,
                    format!("no text field (looked for {looked})"),
                    raw(),
                );
            }
        };
        if text.trim().is_empty() {
            return reject(
                RejectReason::EmptyText,
                "the text field is empty".into(),
                raw(),
            );
        }
        let record = Record {
            text,
            id: field(&object, &c.id, columns::ID_NAMES).unwrap_or_default(),
            author: field(&object, &c.author, columns::AUTHOR_NAMES).unwrap_or_default(),
            timestamp: field(&object, &c.timestamp, columns::TIME_NAMES).unwrap_or_default(),
            url: field(&object, &c.url, columns::URL_NAMES).unwrap_or_default(),
            platform: field(&object, &c.platform, columns::PLATFORM_NAMES).unwrap_or_default(),
            kept: c
                .keep
                .iter()
                .map(|k| lookup(&object, k).and_then(as_text).unwrap_or_default())
                .collect(),
        };
        Ok(Some(Event::Record(provenance, record)))
    }
}
