//! JSON values read with a size bound from a streaming reader, and fields found in them by
//! name or dotted path.
//!
//! The streaming reader is `struson`: a pull parser (`begin_array`, `has_next`, …) that fits a
//! reader handing out one record at a time without a thread of its own, reads string values
//! through a `Read` so that a huge one is never held whole, and says where it stands (line,
//! byte) for error messages. `serde_json` parses documents whole or pushes values to a
//! visitor, which would need a thread and a channel to serve records one by one.

use serde_json::{Map, Number, Value};
use std::io::Read;
use struson::reader::{JsonReader, ReaderError, ValueType};

/// What stopped a value from being read whole.
#[derive(Debug)]
pub enum ValueError {
    /// Over the byte limit: the value was consumed to its end without being kept.
    TooLarge,
    /// The document cannot be read on (syntax error, I/O error, invalid UTF-8).
    Reader(ReaderError),
    /// Reading a string value failed (an I/O error or invalid UTF-8 inside it).
    Io(std::io::Error),
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueError::TooLarge => f.write_str("over the size limit"),
            ValueError::Reader(e) => write!(f, "{e}"),
            ValueError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<ReaderError> for ValueError {
    fn from(e: ReaderError) -> Self {
        ValueError::Reader(e)
    }
}

impl From<std::io::Error> for ValueError {
    fn from(e: std::io::Error) -> Self {
        ValueError::Io(e)
    }
}

/// Read the next value whole, keeping at most `limit` bytes of names, strings and numbers;
/// past that the rest of the value is consumed without being kept and `TooLarge` returned.
pub fn read_bounded<J: JsonReader>(json: &mut J, limit: usize) -> Result<Value, ValueError> {
    read_bounded_without(json, limit, &[])
}

/// As [`read_bounded`], with the members named in `skipped` of an object value skipped
/// unread (members nobody asked for that would cost more to build than the rest).
pub fn read_bounded_without<J: JsonReader>(
    json: &mut J,
    limit: usize,
    skipped: &[&str],
) -> Result<Value, ValueError> {
    let mut left = limit;
    let value = STRING_SCRATCH.with(|scratch| {
        let scratch = &mut scratch.borrow_mut();
        if skipped.is_empty() || json.peek()? != ValueType::Object {
            return read(json, &mut left, scratch);
        }
        json.begin_object()?;
        let mut map = Map::new();
        while json.has_next()? {
            let name = json.next_name_owned()?;
            if skipped.contains(&name.as_str()) {
                json.skip_value()?;
                continue;
            }
            charge(&mut left, name.len());
            let value = read(json, &mut left, scratch)?;
            if left != usize::MAX {
                map.insert(name, value);
            }
        }
        json.end_object()?;
        Ok(Value::Object(map))
    })?;
    if left == usize::MAX {
        return Err(ValueError::TooLarge);
    }
    Ok(value)
}

thread_local! {
    /// The bytes of one string value as it is read, reused from string to string: reading
    /// into a fresh buffer grew it again for every string.
    static STRING_SCRATCH: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `left`: bytes that may still be kept; `usize::MAX` once the limit was passed.
fn read<J: JsonReader>(
    json: &mut J,
    left: &mut usize,
    scratch: &mut Vec<u8>,
) -> Result<Value, ValueError> {
    Ok(match json.peek()? {
        ValueType::Object => {
            json.begin_object()?;
            let mut map = Map::new();
            while json.has_next()? {
                let name = json.next_name()?;
                charge(left, name.len());
                let name = if *left == usize::MAX {
                    String::new()
                } else {
                    name.to_owned()
                };
                let value = read(json, left, scratch)?;
                if *left != usize::MAX {
                    map.insert(name, value);
                }
            }
            json.end_object()?;
            Value::Object(map)
        }
        ValueType::Array => {
            json.begin_array()?;
            let mut items = Vec::new();
            while json.has_next()? {
                let value = read(json, left, scratch)?;
                if *left != usize::MAX {
                    items.push(value);
                }
            }
            json.end_array()?;
            Value::Array(items)
        }
        ValueType::String => {
            scratch.clear();
            let mut reader = json.next_string_reader()?;
            // Read in small chunks into the reused buffer: `read_to_end` would zero its spare
            // capacity for every string (measured: twice the reading cost).
            let mut chunk = [0u8; 256];
            loop {
                let n = reader.read(&mut chunk)?;
                if n == 0 {
                    break;
                }
                if *left != usize::MAX {
                    let room = (*left + 1).saturating_sub(scratch.len());
                    scratch.extend_from_slice(&chunk[..n.min(room)]);
                    if n > room {
                        *left = usize::MAX;
                    }
                }
            }
            charge(left, scratch.len());
            if *left == usize::MAX {
                Value::Null
            } else {
                // A whole string value, which the reader checked is UTF-8.
                Value::String(std::str::from_utf8(scratch).unwrap_or_default().to_owned())
            }
        }
        ValueType::Number => {
            let number = json.next_number_as_str()?;
            charge(left, number.len());
            number.parse::<Number>().map_or(Value::Null, Value::Number)
        }
        ValueType::Boolean => Value::Bool(json.next_bool()?),
        ValueType::Null => {
            json.next_null()?;
            Value::Null
        }
    })
}

fn charge(left: &mut usize, bytes: usize) {
    if *left != usize::MAX {
        *left = left.checked_sub(bytes).unwrap_or(usize::MAX);
    }
}

/// The value at a dotted path (`user.screen_name`, `data.text`); a literal key containing dots
/// wins, and a number in the path indexes an array (`entities.urls.0.expanded_url`).
pub fn lookup<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(v) = object.get(path) {
        return Some(v);
    }
    path.split('.').try_fold(object, |v, key| match v {
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => v.get(key),
    })
}

/// A field's text: strings as-is, numbers and booleans printed, arrays of strings or of
/// `{"text": …}` objects (Telegram's rich text) concatenated; null and objects give `None`.
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

/// The text at `path`, if any.
pub fn text_at(object: &Value, path: &str) -> Option<String> {
    lookup(object, path).and_then(as_text)
}

/// The string at `path`, if it is a non-empty string (or a number, printed).
pub fn str_at<'a>(object: &'a Value, path: &str) -> Option<std::borrow::Cow<'a, str>> {
    match lookup(object, path)? {
        Value::String(s) if !s.is_empty() => Some(s.as_str().into()),
        Value::Number(n) => Some(n.to_string().into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use struson::reader::JsonStreamReader;

    #[test]
    fn values_within_the_limit_are_read_whole() {
        let json = r#"{"a": [1, 2.5, "x", true, null], "b": {"c": "déjà"}}"#;
        let mut reader = JsonStreamReader::new(json.as_bytes());
        let value = read_bounded(&mut reader, 1000).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(json).unwrap());
    }

    #[test]
    fn values_over_the_limit_are_consumed_not_kept() {
        let long = "y".repeat(10_000);
        let json = format!(r#"[{{"text": "{long}", "n": 1}}, {{"text": "short"}}]"#);
        let mut reader = JsonStreamReader::new(json.as_bytes());
        reader.begin_array().unwrap();
        assert!(matches!(
            read_bounded(&mut reader, 100),
            Err(ValueError::TooLarge)
        ));
        // The reader stands at the next element.
        let next = read_bounded(&mut reader, 100).unwrap();
        assert_eq!(next["text"], "short");
    }

    #[test]
    fn dotted_paths_and_array_indices() {
        let v: Value = serde_json::from_str(
            r#"{"user": {"screen_name": "al"}, "a.b": 1, "urls": [{"u": "x"}]}"#,
        )
        .unwrap();
        assert_eq!(text_at(&v, "user.screen_name").as_deref(), Some("al"));
        assert_eq!(text_at(&v, "a.b").as_deref(), Some("1"));
        assert_eq!(text_at(&v, "urls.0.u").as_deref(), Some("x"));
        assert_eq!(text_at(&v, "user.none"), None);
    }
}
