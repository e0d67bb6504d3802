//! X / Twitter: API v1.1 tweet objects, API v2 responses, and the Twitter information
//! operations archive CSV.
//!
//! - v1.1: the text is `extended_tweet.full_text`, else `full_text`, else `text` (a retweet's
//!   is the original's, as `RT @author: …`, since the retweet's own text is cut at 140
//!   characters); `entities.urls[].expanded_url` become links shown by their `t.co` URL;
//!   `user.screen_name` is the author, `created_at` the timestamp.
//! - v2: a response `{"data": [...] | {...}, "includes": {"users": [...], "tweets": [...]}}`
//!   gives one item per tweet of `data`, its author's `username` joined from
//!   `includes.users`; `note_tweet.text` (long posts) wins over `text`; a retweet's text is the
//!   original's from `includes.tweets`; `entities.urls[].unwound_url` / `expanded_url` become
//!   links.
//! - The information operations archive CSV (`tweetid`, `userid`, `user_screen_name`,
//!   `tweet_text`, `tweet_time`, `urls`, `hashtags`, `retweet_tweetid`…): read by `csv_input`;
//!   this module names its columns and turns its `urls` cell into links.

use super::json_value::{lookup, str_at};
use super::Unreadable;
use crate::record::{Link, Record, RejectReason, Span};
use serde_json::Value;
use std::collections::HashMap;

/// Whether `value` is an API v1.1 tweet.
pub fn is_v1(value: &Value) -> bool {
    value.get("id_str").is_some()
        && value.get("user").is_some_and(Value::is_object)
        && ["full_text", "text", "extended_tweet"]
            .iter()
            .any(|k| value.get(*k).is_some())
}

/// Whether `value` is an API v2 response: tweets under `data`.
pub fn is_v2_response(value: &Value) -> bool {
    match value.get("data") {
        Some(Value::Array(tweets)) => tweets.first().is_none_or(is_v2_tweet),
        Some(tweet @ Value::Object(_)) => is_v2_tweet(tweet),
        _ => false,
    }
}

/// Whether `value` is an API v2 tweet object (`author_id` or `edit_history_tweet_ids`, which
/// v2 returns by default, tell it from any object with an id and a text).
pub fn is_v2_tweet(value: &Value) -> bool {
    value.get("id").is_some_and(Value::is_string)
        && value.get("text").is_some_and(Value::is_string)
        && (value.get("author_id").is_some() || value.get("edit_history_tweet_ids").is_some())
}

fn tweet_url(author: &str, id: &str) -> String {
    if author.is_empty() {
        format!("https://x.com/i/status/{id}")
    } else {
        format!("https://x.com/{author}/status/{id}")
    }
}

/// Links of `entities.urls[]` (`url` shown in the text, the target in one of `targets`),
/// placed where `text` shows them.
fn entity_links(text: &str, entities: Option<&Value>, targets: &[&str]) -> Vec<Link> {
    let Some(Value::Array(urls)) = entities.and_then(|e| e.get("urls")) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    for u in urls {
        let Some(target) = targets.iter().find_map(|k| str_at(u, k)) else {
            continue;
        };
        if text.contains(target.as_ref()) {
            continue; // written in the text already
        }
        let shown = u.get("url").and_then(Value::as_str).unwrap_or("");
        let link = match text.find(shown).filter(|_| !shown.is_empty()) {
            Some(at) => Link {
                url: target.into_owned(),
                span: Span::new(at, at + shown.len()),
            },
            None => Link::unshown(target, text, links.len()),
        };
        links.push(link);
    }
    links
}

/// Map an API v1.1 tweet.
pub fn map_v1(tweet: &Value) -> Result<Record, Unreadable> {
    let retweeted = tweet.get("retweeted_status").filter(|v| v.is_object());
    let shown = retweeted.unwrap_or(tweet);
    let (body, entities) = match lookup(shown, "extended_tweet.full_text") {
        Some(Value::String(full)) => (full.as_str(), lookup(shown, "extended_tweet.entities")),
        _ => (
            shown
                .get("full_text")
                .or_else(|| shown.get("text"))
                .and_then(Value::as_str)
                .unwrap_or(""),
            shown.get("entities"),
        ),
    };
    let mut record = Record::default();
    if let Some(rt) = retweeted {
        let original = str_at(rt, "user.screen_name").unwrap_or_default();
        record.text = format!("RT @{original}: ");
    }
    record.text.push_str(body);
    if record.text.trim().is_empty() {
        return Err(Unreadable::new(
            RejectReason::EmptyText,
            "the tweet has no text",
        ));
    }
    record.links = entity_links(&record.text, entities, &["expanded_url"]);
    record.id = str_at(tweet, "id_str").unwrap_or_default().into_owned();
    record.author = str_at(tweet, "user.screen_name")
        .unwrap_or_default()
        .into_owned();
    record.timestamp = str_at(tweet, "created_at").unwrap_or_default().into_owned();
    record.url = tweet_url(&record.author, &record.id);
    record.platform = "twitter".into();
    Ok(record)
}

/// The tweets of an API v2 response, each with its JSON path (`data[3]`).
pub fn expand_v2(response: &Value) -> Vec<(String, Value, Result<Record, Unreadable>)> {
    let users: HashMap<&str, &str> = match lookup(response, "includes.users") {
        Some(Value::Array(users)) => users
            .iter()
            .filter_map(|u| Some((u.get("id")?.as_str()?, u.get("username")?.as_str()?)))
            .collect(),
        _ => HashMap::new(),
    };
    let included: HashMap<&str, &Value> = match lookup(response, "includes.tweets") {
        Some(Value::Array(tweets)) => tweets
            .iter()
            .filter_map(|t| Some((t.get("id")?.as_str()?, t)))
            .collect(),
        _ => HashMap::new(),
    };
    let tweets: Vec<(String, &Value)> = match response.get("data") {
        Some(Value::Array(tweets)) => tweets
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("data[{i}]"), t))
            .collect(),
        Some(tweet) => vec![("data".to_string(), tweet)],
        None => Vec::new(),
    };
    tweets
        .into_iter()
        .map(|(path, tweet)| {
            let mapped = map_v2(tweet, &users, &included);
            (path, tweet.clone(), mapped)
        })
        .collect()
}

/// Map an API v2 tweet met on its own (no `includes` to join).
pub fn map_v2_alone(tweet: &Value) -> Result<Record, Unreadable> {
    map_v2(tweet, &HashMap::new(), &HashMap::new())
}

fn map_v2(
    tweet: &Value,
    users: &HashMap<&str, &str>,
    included: &HashMap<&str, &Value>,
) -> Result<Record, Unreadable> {
    if !tweet.is_object() {
        return Err(Unreadable::new(
            RejectReason::NotAnObject,
            "a tweet must be a JSON object",
        ));
    }
    let username = |t: &Value| {
        t.get("author_id")
            .and_then(Value::as_str)
            .map(|id| users.get(id).copied().unwrap_or(id).to_owned())
            .unwrap_or_default()
    };
    let body = |t: &'_ Value| -> (String, Option<Value>) {
        match lookup(t, "note_tweet.text") {
            Some(Value::String(long)) => (long.clone(), lookup(t, "note_tweet.entities").cloned()),
            _ => (
                str_at(t, "text").unwrap_or_default().into_owned(),
                t.get("entities").cloned(),
            ),
        }
    };
    let retweeted = match tweet.get("referenced_tweets") {
        Some(Value::Array(refs)) => refs.iter().find_map(|r| {
            (r.get("type")?.as_str()? == "retweeted")
                .then(|| included.get(r.get("id")?.as_str()?).copied())
                .flatten()
        }),
        _ => None,
    };
    let mut record = Record::default();
    let entities = match retweeted {
        Some(original) => {
            let (text, entities) = body(original);
            record.text = format!("RT @{}: {text}", username(original));
            entities
        }
        None => {
            let (text, entities) = body(tweet);
            record.text = text;
            entities
        }
    };
    if record.text.trim().is_empty() {
        return Err(Unreadable::new(
            RejectReason::EmptyText,
            "the tweet has no text",
        ));
    }
    record.links = entity_links(
        &record.text,
        entities.as_ref(),
        &["unwound_url", "expanded_url"],
    );
    record.id = str_at(tweet, "id").unwrap_or_default().into_owned();
    record.author = username(tweet);
    record.timestamp = str_at(tweet, "created_at").unwrap_or_default().into_owned();
    record.url = tweet_url(
        users
            .get(tweet.get("author_id").and_then(Value::as_str).unwrap_or(""))
            .copied()
            .unwrap_or(""),
        &record.id,
    );
    record.platform = "twitter".into();
    Ok(record)
}

/// Columns of the information operations archive CSV, when a header is one.
#[derive(Debug, Clone, Copy)]
pub struct ArchiveColumns {
    pub tweetid: usize,
    pub urls: Option<usize>,
}

impl ArchiveColumns {
    /// The archive's columns, if `headers` are those of the archive (`tweetid`, `userid` and
    /// `tweet_text`).
    pub fn detect(headers: &[String]) -> Option<Self> {
        let find = |name: &str| headers.iter().position(|h| h == name);
        find("userid")?;
        find("tweet_text")?;
        Some(ArchiveColumns {
            tweetid: find("tweetid")?,
            urls: find("urls"),
        })
    }

    /// The tweet's URL from its id.
    pub fn url(tweetid: &str) -> String {
        tweet_url("", tweetid)
    }
}

/// The links of an archive `urls` cell (`[https://a, https://b]`, with or without quotes)
/// that `text` does not show.
pub fn archive_links(cell: &str, text: &str) -> Vec<Link> {
    cell.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|u| u.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        .filter(|u| !u.is_empty() && !text.contains(u))
        .enumerate()
        .map(|(n, u)| Link::unshown(u, text, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_extended_and_retweeted_text_with_expanded_links() {
        let tweet: Value = serde_json::from_str(
            r#"{"id_str": "10", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                "text": "RT @orig: cut short…", "user": {"screen_name": "amplifier"},
                "retweeted_status": {"id_str": "9", "user": {"screen_name": "orig"},
                  "text": "cut short… https://t.co/a", "truncated": true,
                  "extended_tweet": {"full_text": "The whole text https://t.co/abc",
                    "entities": {"urls": [{"url": "https://t.co/abc",
                      "expanded_url": "https://rrn.media/story"}]}}}}"#,
        )
        .unwrap();
        assert!(is_v1(&tweet));
        let r = map_v1(&tweet).unwrap();
        assert_eq!(r.text, "RT @orig: The whole text https://t.co/abc");
        assert_eq!(r.author, "amplifier");
        assert_eq!(r.url, "https://x.com/amplifier/status/10");
        assert_eq!(r.links[0].url, "https://rrn.media/story");
        assert_eq!(r.links[0].span.slice(&r.text), "https://t.co/abc");
    }

    #[test]
    fn v2_responses_join_authors_and_originals() {
        let response: Value = serde_json::from_str(
            r#"{"data": [
                 {"id": "1", "text": "Own post https://t.co/x", "author_id": "u1",
                  "entities": {"urls": [{"start": 9, "end": 23, "url": "https://t.co/x",
                    "expanded_url": "https://bit.ly/y", "unwound_url": "https://target.example/z"}]}},
                 {"id": "2", "text": "RT @b: cut", "author_id": "u1",
                  "referenced_tweets": [{"type": "retweeted", "id": "3"}]}],
               "includes": {"users": [{"id": "u1", "username": "alice"}, {"id": "u2", "username": "bob"}],
                 "tweets": [{"id": "3", "text": "cut", "author_id": "u2",
                   "note_tweet": {"text": "The long original"}}]}}"#,
        )
        .unwrap();
        assert!(is_v2_response(&response));
        let items = expand_v2(&response);
        let first = items[0].2.as_ref().unwrap();
        assert_eq!(
            (items[0].0.as_str(), first.author.as_str()),
            ("data[0]", "alice")
        );
        assert_eq!(first.links[0].url, "https://target.example/z");
        let second = items[1].2.as_ref().unwrap();
        assert_eq!(second.text, "RT @bob: The long original");
        assert_eq!(second.url, "https://x.com/alice/status/2");
    }

    #[test]
    fn archive_url_cells() {
        let links = archive_links(
            "['https://a.example/x', 'http://b.example']",
            "see a.example",
        );
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].url, "http://b.example");
        assert!(archive_links("[]", "").is_empty());
        assert!(
            ArchiveColumns::detect(&["tweetid".into(), "userid".into(), "tweet_text".into()])
                .is_some()
        );
    }
}
