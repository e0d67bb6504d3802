//! Telegram Desktop exports (`result.json`, "Export chat history" or "Export Telegram data" in
//! JSON): the messages of one chat (`{"name", "type", "id", "messages": [...]}`) or of every
//! chat of an account (`{"chats": {"list": [chat, ...]}, "left_chats": {...}}`). The document
//! is streamed by `json_input`; this module maps one message.
//!
//! A message's `text` is a string or an array of strings and entity objects (`{"type":
//! "text_link", "text": "here", "href": "https://…"}`, mentions, hashtags, bold…): the item's
//! text is their concatenation, and `text_link` targets become links of the record (the
//! visible text is the anchor). `from` (else `from_id`) is the author, `date` the timestamp
//! (as written: the exporting computer's local time), `id` the message id; channels and
//! supergroups get a `https://t.me/c/<chat id>/<message id>` link. `--keep-cols` reaches the
//! message's own fields (`from_id`, `forwarded_from`, `reply_to_message_id`…) and the chat's
//! as `chat.name`, `chat.type`, `chat.id`.

use super::json_value::str_at;
use super::Unreadable;
use crate::record::{Link, Record, RejectReason, Span};
use serde_json::Value;

/// Whether `value` looks like a message of a Telegram export.
pub fn is_message(value: &Value) -> bool {
    matches!(
        value.get("type").and_then(Value::as_str),
        Some("message" | "service")
    ) && value.get("id").is_some()
        && value.get("date").is_some()
}

/// Map one message; `chat` holds the chat's `name`, `type` and `id` when known.
pub fn map(message: &Value, chat: Option<&Value>) -> Result<Record, Unreadable> {
    if message.get("type").and_then(Value::as_str) == Some("service") {
        let action = str_at(message, "action").unwrap_or_default();
        return Err(Unreadable::new(
            RejectReason::NotAPost,
            format!("a service message ({action}), not a post"),
        ));
    }
    let mut record = Record::default();
    match message.get("text") {
        Some(Value::String(s)) => record.text.push_str(s),
        Some(Value::Array(parts)) => {
            for part in parts {
                match part {
                    Value::String(s) => record.text.push_str(s),
                    Value::Object(_) => {
                        let shown = part.get("text").and_then(Value::as_str).unwrap_or("");
                        let start = record.text.len();
                        record.text.push_str(shown);
                        if let Some(href) = part.get("href").and_then(Value::as_str) {
                            if !href.is_empty() && href != shown {
                                record.links.push(Link {
                                    url: href.to_owned(),
                                    span: Span::new(start, record.text.len()),
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    if record.text.trim().is_empty() {
        let media = ["media_type", "photo", "file", "sticker_emoji", "poll"]
            .iter()
            .find(|k| message.get(**k).is_some())
            .map_or(String::new(), |k| format!(" ({k})"));
        return Err(Unreadable::new(
            RejectReason::EmptyText,
            format!("a message without text{media}"),
        ));
    }
    record.id = str_at(message, "id").unwrap_or_default().into_owned();
    record.author = str_at(message, "from")
        .or_else(|| str_at(message, "from_id"))
        .or_else(|| str_at(message, "actor"))
        .unwrap_or_default()
        .into_owned();
    record.timestamp = str_at(message, "date").unwrap_or_default().into_owned();
    record.platform = "telegram".into();
    if let Some(chat) = chat {
        let linkable = chat
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.contains("channel") || t.contains("supergroup"));
        if let (true, Some(id)) = (linkable, str_at(chat, "id")) {
            // Bot API ids of channels carry a -100 prefix; t.me/c/ links take the bare id.
            let id = id.trim_start_matches("-100").trim_start_matches('-');
            record.url = format!("https://t.me/c/{id}/{}", record.id);
        }
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_text_is_concatenated_and_hidden_links_kept() {
        let message: Value = serde_json::from_str(
            r#"{"id": 42, "type": "message", "date": "2024-03-01T10:00:00", "from": "Chan",
                "from_id": "channel1", "text": ["Read ", {"type": "text_link", "text": "this",
                "href": "https://rrn.media/x"}, " and ", {"type": "link", "text": "https://a.example"}]}"#,
        )
        .unwrap();
        let chat: Value =
            serde_json::from_str(r#"{"name": "Chan", "type": "public_channel", "id": 100}"#)
                .unwrap();
        let r = map(&message, Some(&chat)).unwrap();
        assert_eq!(r.text, "Read this and https://a.example");
        assert_eq!(
            r.links,
            [Link {
                url: "https://rrn.media/x".into(),
                span: Span::new(5, 9)
            }]
        );
        assert_eq!(
            (r.id.as_str(), r.author.as_str(), r.url.as_str()),
            ("42", "Chan", "https://t.me/c/100/42")
        );
    }

    #[test]
    fn service_and_media_only_messages_are_not_posts() {
        let service: Value = serde_json::from_str(
            r#"{"id": 1, "type": "service", "date": "2024-01-01T00:00:00", "action": "pin_message"}"#,
        )
        .unwrap();
        assert_eq!(
            map(&service, None).unwrap_err().reason,
            RejectReason::NotAPost
        );
        let photo: Value = serde_json::from_str(
            r#"{"id": 2, "type": "message", "date": "2024-01-01T00:00:00", "photo": "p.jpg", "text": ""}"#,
        )
        .unwrap();
        let e = map(&photo, None).unwrap_err();
        assert_eq!(e.reason, RejectReason::EmptyText);
        assert!(e.detail.contains("photo"), "{}", e.detail);
    }
}
