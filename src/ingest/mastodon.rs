//! Mastodon statuses (the REST API's `Status` entity: `content`, `account.acct`, `created_at`,
//! `url`, `reblog`, `spoiler_text`) and ActivityPub objects (an account export's `outbox.json`:
//! `Create` activities wrapping `Note`s with `content`, `attributedTo`, `published`, `url`).
//!
//! `content` is HTML: its text is kept (`<br>` and paragraph breaks as line breaks, character
//! references decoded by the `html5gum` tokenizer) and the targets of its `<a href>` links
//! become links of the record, shown by their anchor text; mentions and hashtags (anchors
//! starting with `@` or `#`) are not links to screen. A boost's text is the boosted status's.

use super::json_value::str_at;
use super::Unreadable;
use crate::record::{Link, Record, RejectReason, Span};
use serde_json::Value;

/// Whether `value` is a Mastodon API status.
pub fn is_status(value: &Value) -> bool {
    value.get("content").is_some() && value.get("account").is_some_and(Value::is_object)
}

/// Whether `value` is an ActivityPub object or activity with content.
pub fn is_activity(value: &Value) -> bool {
    matches!(
        value.get("type").and_then(Value::as_str),
        Some("Note" | "Article" | "Page" | "Question" | "Create" | "Announce")
    ) && (value.get("content").is_some() || value.get("object").is_some())
}

/// Map a Mastodon API status.
pub fn map_status(status: &Value) -> Result<Record, Unreadable> {
    let shown = status
        .get("reblog")
        .filter(|r| r.is_object())
        .unwrap_or(status);
    let mut record = content(shown, "spoiler_text")?;
    record.id = str_at(status, "id").unwrap_or_default().into_owned();
    record.author = str_at(status, "account.acct")
        .unwrap_or_default()
        .into_owned();
    record.timestamp = str_at(status, "created_at")
        .unwrap_or_default()
        .into_owned();
    // A boost's own URL is often null: the boosted status's.
    record.url = [status, shown]
        .iter()
        .find_map(|s| str_at(s, "url"))
        .or_else(|| str_at(shown, "uri"))
        .unwrap_or_default()
        .into_owned();
    record.platform = "mastodon".into();
    Ok(record)
}

/// Map an ActivityPub object, or the object of a `Create` activity.
pub fn map_activity(activity: &Value) -> Result<Record, Unreadable> {
    let note = match activity.get("type").and_then(Value::as_str) {
        Some("Create" | "Announce") => match activity.get("object") {
            Some(object @ Value::Object(_)) => object,
            Some(Value::String(url)) => {
                return Err(Unreadable::new(
                    RejectReason::NotAPost,
                    format!("a boost of {url}, whose content is not in the export"),
                ))
            }
            _ => {
                return Err(Unreadable::new(
                    RejectReason::MissingText,
                    "an activity without an object",
                ))
            }
        },
        _ => activity,
    };
    let mut record = content(note, "summary")?;
    record.id = str_at(note, "id").unwrap_or_default().into_owned();
    record.author = str_at(note, "attributedTo")
        .or_else(|| str_at(activity, "actor"))
        .unwrap_or_default()
        .into_owned();
    record.timestamp = str_at(note, "published")
        .or_else(|| str_at(activity, "published"))
        .unwrap_or_default()
        .into_owned();
    record.url = str_at(note, "url")
        .or_else(|| str_at(note, "id"))
        .unwrap_or_default()
        .into_owned();
    record.platform = "mastodon".into();
    Ok(record)
}

/// A record holding the text and links of `object`'s HTML `content`, after its content
/// warning (the member `warning`); `Err` when there is no text.
fn content(object: &Value, warning: &str) -> Result<Record, Unreadable> {
    let mut record = Record::default();
    html_text(
        str_at(object, warning).as_deref(),
        object.get("content").and_then(Value::as_str).unwrap_or(""),
        &mut record,
    );
    if record.text.trim().is_empty() {
        return Err(Unreadable::new(RejectReason::EmptyText, "no text"));
    }
    Ok(record)
}

/// The text of `html` (after a content warning, if any) into `record.text`, and its link
/// targets into `record.links`.
pub fn html_text(warning: Option<&str>, html: &str, record: &mut Record) {
    use html5gum::{Token, Tokenizer};
    let text = &mut record.text;
    if let Some(warning) = warning.filter(|w| !w.trim().is_empty()) {
        text.push_str(warning);
        text.push_str("\n\n");
    }
    let mut anchor: Option<(String, usize)> = None;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => match tag.name.as_slice() {
                b"br" => text.push('\n'),
                b"p" if !text.is_empty() && !text.ends_with('\n') => text.push_str("\n\n"),
                b"a" => {
                    anchor = tag
                        .attributes
                        .get(b"href".as_slice())
                        .map(|href| (String::from_utf8_lossy(href).into_owned(), text.len()));
                }
                _ => {}
            },
            Token::EndTag(tag) if tag.name.as_slice() == b"a" => {
                if let Some((href, start)) = anchor.take() {
                    let shown = &text[start..];
                    let tag_like = shown.starts_with('@') || shown.starts_with('#');
                    if !tag_like && !href.is_empty() && !shown.contains(href.as_str()) {
                        record.links.push(Link {
                            url: href,
                            span: Span::new(start, text.len()),
                        });
                    }
                }
            }
            Token::String(s) => text.push_str(&String::from_utf8_lossy(&s)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_content_becomes_text_and_links() {
        let status: Value = serde_json::from_str(
            r#"{"id": "1", "created_at": "2024-01-01T00:00:00.000Z", "url": "https://m.example/@a/1",
                "account": {"acct": "a@m.example"}, "spoiler_text": "",
                "content": "<p>Read &amp; share: <a href=\"https://rrn.media/x\" rel=\"nofollow\"><span class=\"invisible\">https://</span>rrn.media/x</a></p><p>by <span class=\"h-card\"><a href=\"https://m.example/@b\" class=\"u-url mention\">@<span>b</span></a></span> <a href=\"https://m.example/tags/news\" class=\"mention hashtag\">#<span>news</span></a><br>end</p>"}"#,
        )
        .unwrap();
        let r = map_status(&status).unwrap();
        assert_eq!(
            r.text,
            "Read & share: https://rrn.media/x\n\nby @b #news\nend"
        );
        // The visible URL holds the target: no extra link; mentions and tags are not links.
        assert!(r.links.is_empty(), "{:?}", r.links);
        let mut hidden = Record::default();
        html_text(
            None,
            "<p>see <a href=\"https://doppel.example/a\">this story</a></p>",
            &mut hidden,
        );
        assert_eq!(hidden.links[0].url, "https://doppel.example/a");
        assert_eq!(hidden.links[0].span.slice(&hidden.text), "this story");
        assert_eq!(r.author, "a@m.example");
    }

    #[test]
    fn activitypub_create_and_boosts() {
        let create: Value = serde_json::from_str(
            r#"{"type": "Create", "actor": "https://m.example/users/a",
                "object": {"type": "Note", "id": "https://m.example/users/a/statuses/1",
                  "attributedTo": "https://m.example/users/a", "published": "2024-02-02T00:00:00Z",
                  "summary": "CW", "content": "<p>Hello</p>"}}"#,
        )
        .unwrap();
        assert!(is_activity(&create));
        let r = map_activity(&create).unwrap();
        assert_eq!(r.text, "CW\n\nHello");
        assert_eq!(r.timestamp, "2024-02-02T00:00:00Z");
        let boost: Value = serde_json::from_str(
            r#"{"type": "Announce", "object": "https://other.example/notes/9"}"#,
        )
        .unwrap();
        assert_eq!(
            map_activity(&boost).unwrap_err().reason,
            RejectReason::NotAPost
        );
    }
}
