//! YouTube's timed-text JSON (`json3`, as `yt-dlp --sub-format json3` saves it): `{"events":
//! [{"tStartMs": 0, "dDurationMs": 4000, "segs": [{"utf8": "Hello"}, {"utf8": " world",
//! "tOffsetMs": 500}]}]}`. Each event with text segments is a cue; events without segments
//! (window definitions) and line-break-only appends are skipped. `json_input` streams the
//! events and `transcript` builds the items.

use super::transcript::CueText;
use serde_json::Value;

/// The cue of an event, numbered `number`, starting on `line`: `Ok(None)` for an event
/// without text, `Err` saying why it cannot be read.
pub fn cue(event: &Value, number: u64, line: u64) -> Result<Option<CueText>, String> {
    let Some(segments) = event.get("segs").and_then(Value::as_array) else {
        return Ok(None);
    };
    let start_ms = event
        .get("tStartMs")
        .and_then(Value::as_u64)
        .ok_or("an event without \"tStartMs\" (milliseconds)")?;
    let duration = event
        .get("dDurationMs")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let text: String = segments
        .iter()
        .filter_map(|s| s.get("utf8").and_then(Value::as_str))
        .collect();
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(CueText {
        number,
        line,
        start_ms,
        end_ms: start_ms + duration,
        lines: text.lines().map(String::from).collect(),
        speaker: None,
    }))
}
