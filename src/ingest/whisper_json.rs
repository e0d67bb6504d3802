//! Whisper-style speech-to-text JSON (openai-whisper's `--output_format json`, faster-whisper,
//! WhisperX, the OpenAI API's `verbose_json`): `{"text": …, "segments": [{"start": 0.0,
//! "end": 4.2, "text": " …"}], "language": …}`. Each segment is a cue (times in seconds);
//! `json_input` streams the segments and `transcript` builds the items.

use super::transcript::CueText;
use serde_json::Value;

/// The cue of a segment, numbered `number`, starting on `line`; `Err` says why it cannot be
/// read.
pub fn cue(segment: &Value, number: u64, line: u64) -> Result<CueText, String> {
    let seconds = |key: &str| {
        segment
            .get(key)
            .and_then(Value::as_f64)
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| (s * 1000.0).round() as u64)
    };
    let start_ms = seconds("start").ok_or("a segment without a valid \"start\" (seconds)")?;
    let end_ms = seconds("end").unwrap_or(start_ms);
    let text = segment
        .get("text")
        .and_then(Value::as_str)
        .ok_or("a segment without \"text\"")?;
    Ok(CueText {
        number,
        line,
        start_ms,
        end_ms,
        lines: text.lines().map(String::from).collect(),
        speaker: segment
            .get("speaker")
            .and_then(Value::as_str)
            .map(String::from),
    })
}
