//! Bluesky `app.bsky.feed.post` records: bare records (`{"$type": "app.bsky.feed.post",
//! "text", "createdAt", "facets", "embed"}`), repository listings (`{"uri", "cid", "value":
//! record}`), post views (`{"uri", "author": {"handle"}, "record"}`) and feed items
//! (`{"post": post view}`), as JSON Lines, arrays, or API responses (`feed`, `posts`,
//! `records`).
//!
//! Link facets (`app.bsky.richtext.facet#link`, with UTF-8 byte offsets into `text`) and an
//! external embed (`app.bsky.embed.external`, a link card not shown in the text) become links
//! of the record. The URL is `https://bsky.app/profile/<handle or DID>/post/<record key>`.

use super::json_value::str_at;
use super::Unreadable;
use crate::record::{Link, Record, RejectReason, Span};
use serde_json::Value;

const POST: &str = "app.bsky.feed.post";

fn is_record(value: &Value) -> bool {
    value.get("$type").and_then(Value::as_str) == Some(POST)
}

/// Whether `value` is a post in one of the shapes above.
pub fn is_post(value: &Value) -> bool {
    is_record(value)
        || value.get("record").is_some_and(is_record)
        || value.get("value").is_some_and(is_record)
        || value
            .get("post")
            .is_some_and(|p| p.get("record").is_some_and(is_record))
}

/// Map a post in any of the shapes above.
pub fn map(value: &Value) -> Result<Record, Unreadable> {
    let view = value.get("post").unwrap_or(value);
    let (post, uri) = if is_record(view) {
        (view, None)
    } else if let Some(record) = view.get("record").filter(|r| is_record(r)) {
        (record, str_at(view, "uri"))
    } else if let Some(record) = view.get("value").filter(|r| is_record(r)) {
        (record, str_at(view, "uri"))
    } else {
        return Err(Unreadable::new(
            RejectReason::MissingText,
            format!("not an {POST} record"),
        ));
    };
    let mut record = Record {
        text: str_at(post, "text").unwrap_or_default().into_owned(),
        ..Record::default()
    };
    if let Some(Value::Array(facets)) = post.get("facets") {
        for facet in facets {
            let (Some(start), Some(end)) = (
                facet.pointer("/index/byteStart").and_then(Value::as_u64),
                facet.pointer("/index/byteEnd").and_then(Value::as_u64),
            ) else {
                continue;
            };
            let (start, end) = (start as usize, end as usize);
            let span = if start <= end && record.text.get(start..end).is_some() {
                Span::new(start, end)
            } else {
                Span::new(record.text.len(), record.text.len())
            };
            for feature in facet
                .get("features")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if feature.get("$type").and_then(Value::as_str)
                    == Some("app.bsky.richtext.facet#link")
                {
                    if let Some(url) = feature.get("uri").and_then(Value::as_str) {
                        if !span.slice(&record.text).contains(url) {
                            record.links.push(Link {
                                url: url.to_owned(),
                                span,
                            });
                        }
                    }
                }
            }
        }
    }
    if let Some(url) = post.pointer("/embed/external/uri").and_then(Value::as_str) {
        if !record.text.contains(url) {
            let n = unshown(&record);
            record.links.push(Link::unshown(url, &record.text, n));
        }
    }
    if record.text.trim().is_empty() && record.links.is_empty() {
        return Err(Unreadable::new(
            RejectReason::EmptyText,
            "the post has no text",
        ));
    }
    let uri = uri.unwrap_or_default();
    // at://<did>/app.bsky.feed.post/<rkey>
    let mut parts = uri.trim_start_matches("at://").split('/');
    let (did, rkey) = (parts.next().unwrap_or(""), parts.nth(1).unwrap_or(""));
    record.id = uri.clone().into_owned();
    record.author = str_at(view, "author.handle")
        .map(|h| h.into_owned())
        .unwrap_or_else(|| did.to_owned());
    record.timestamp = str_at(post, "createdAt").unwrap_or_default().into_owned();
    if !record.author.is_empty() && !rkey.is_empty() {
        record.url = format!("https://bsky.app/profile/{}/post/{rkey}", record.author);
    }
    record.platform = "bluesky".into();
    Ok(record)
}

/// How many of the record's links its text does not show.
fn unshown(record: &Record) -> usize {
    record
        .links
        .iter()
        .filter(|l| l.is_unshown(&record.text))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_and_external_embeds_are_links() {
        let view: Value = serde_json::from_str(
            r#"{"uri": "at://did:plc:abc/app.bsky.feed.post/3kxyz", "author": {"handle": "al.bsky.social"},
                "record": {"$type": "app.bsky.feed.post", "text": "Voilà: read this", "createdAt": "2024-05-01T00:00:00Z",
                  "facets": [{"index": {"byteStart": 8, "byteEnd": 17},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://rrn.media/a"}]}],
                  "embed": {"$type": "app.bsky.embed.external", "external": {"uri": "https://card.example/b"}}}}"#,
        )
        .unwrap();
        assert!(is_post(&view));
        let r = map(&view).unwrap();
        assert_eq!(r.links[0].span.slice(&r.text), "read this");
        assert_eq!(r.links[1].url, "https://card.example/b");
        assert_eq!(r.url, "https://bsky.app/profile/al.bsky.social/post/3kxyz");
        assert_eq!(r.author, "al.bsky.social");
    }
}
