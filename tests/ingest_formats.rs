//! `calque scan` over the formats fact-checkers have (issue 12): Telegram exports, X/Twitter
//! API v1.1 and v2 and the information operations archive, Mastodon and ActivityPub, Bluesky,
//! SubRip and WebVTT subtitles, Whisper and YouTube transcripts, CSV dialects. The fixtures in
//! `tests/fixtures/formats/` were written by hand from each format's public documentation.
//! Every run must reconcile and leave its inputs unchanged (see `common::scan`).

mod common;

use common::*;
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

fn formats(name: &str) -> String {
    fixture(&format!("formats/{name}"))
}

/// The report row at `position` (a JSON path or a transcript's cues).
fn at<'a>(run: &'a Run, position: &str) -> &'a Row {
    run.report
        .iter()
        .find(|r| r["position"] == position)
        .unwrap_or_else(|| panic!("no row at {position}: {:?}", positions(run)))
}

fn positions(run: &Run) -> Vec<&str> {
    run.report.iter().map(|r| r["position"].as_str()).collect()
}

fn reject_at<'a>(run: &'a Run, position: &str) -> &'a Row {
    run.rejects
        .iter()
        .find(|r| r["position"] == position)
        .unwrap_or_else(|| panic!("no reject at {position}"))
}

/// id, author, timestamp, url of a row.
fn columns(row: &Row) -> [&str; 4] {
    [&row["id"], &row["author"], &row["timestamp"], &row["url"]].map(String::as_str)
}

#[test]
fn telegram_single_chat_export() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(
        dir.path(),
        &[&formats("telegram_chat.json")],
        &["--keep-cols", "chat.name,forwarded_from"],
        None,
    );
    assert_eq!(run.summary["scored"], 3);
    assert_eq!(run.summary["rejected_by_reason"]["not_a_post"], 1);
    assert_eq!(run.summary["rejected_by_reason"]["empty_text"], 1);
    let post = at(&run, "messages[2]");
    assert_eq!(
        post["text"],
        "The whole truth is here. Share before they delete it! #truth"
    );
    assert_eq!(
        columns(post),
        [
            "3",
            "Example Channel",
            "2024-03-01T11:00:00",
            "https://t.me/c/1712345678/3"
        ]
    );
    assert_eq!(post["platform"], "telegram");
    assert_eq!(post["chat.name"], "Example Channel");
    assert_eq!(post["forwarded_from"], "Other News");
    // The text_link's target is link evidence, shown by its anchor.
    assert_eq!(post["campaign"], "doppelganger");
    assert!(
        post["evidence"].contains("DOP-002: \"here\" <https://rrn.media/fr/article-123>"),
        "{}",
        post["evidence"]
    );
    assert!(
        post["source"].ends_with("telegram_chat.json:33"),
        "{}",
        post["source"]
    );
    let linked = at(&run, "messages[4]");
    assert_eq!(
        linked["text"],
        "Read https://example.org/report and ask @somebody now"
    );
    assert_eq!(reject_at(&run, "messages[0]")["reason"], "not_a_post");
    assert_eq!(reject_at(&run, "messages[3]")["reason"], "empty_text");
}

#[test]
fn telegram_full_account_export() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(
        dir.path(),
        &[&formats("telegram_account.json")],
        &["--keep-cols", "chat.name"],
        None,
    );
    assert_eq!(
        positions(&run).len(),
        4,
        "every message of every chat, left chats included"
    );
    let reply = at(&run, "chats.list[0].messages[1]");
    assert_eq!(reply["author"], "Test User");
    assert_eq!(reply["chat.name"], "Alice");
    assert_eq!(reply["url"], "", "no public link to a personal chat");
    assert!(reply["campaign_rules"].contains("DOP-001"), "{:?}", reply);
    let group = at(&run, "chats.list[1].messages[0]");
    assert_eq!(
        columns(group),
        [
            "7",
            "Bob",
            "2024-04-03T18:00:00",
            "https://t.me/c/1600000001/7"
        ]
    );
    let left = at(&run, "left_chats.list[0].messages[0]");
    assert_eq!(left["text"], "A farewell post before the channel closes.");
}

#[test]
fn twitter_v1_extended_text_retweets_and_expanded_links() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("twitter_v1.jsonl")], &[], None);
    assert_eq!(run.summary["scored"], 3);
    let texts = run.texts();
    assert!(texts[0]
        .ends_with("one hundred and forty characters. The full story: https://t.co/bbbbbbbbbb"));
    assert!(texts[1].starts_with("RT @original_author: The original words"));
    assert!(
        texts[1].ends_with("See https://t.co/cccccccccc"),
        "{}",
        texts[1]
    );
    let long = run
        .report
        .iter()
        .find(|r| r["id"] == "1050118621198921728")
        .unwrap();
    assert_eq!(
        columns(long),
        [
            "1050118621198921728",
            "example_person",
            "Wed Oct 10 20:19:24 +0000 2018",
            "https://x.com/example_person/status/1050118621198921728"
        ]
    );
    assert!(
        long["evidence"].contains("\"https://t.co/bbbbbbbbbb\" <https://www.lemonde.ltd/"),
        "{}",
        long["evidence"]
    );
}

#[test]
fn twitter_v2_response_joins_authors_and_originals() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("twitter_v2.json")], &[], None);
    assert_eq!(positions(&run).len(), 2);
    let first = at(&run, "data[0]");
    assert_eq!(
        columns(first),
        [
            "1700000000000000001",
            "first_user",
            "2023-09-08T10:00:00.000Z",
            "https://x.com/first_user/status/1700000000000000001"
        ]
    );
    // The unwound URL of the t.co link is the evidence, not the bit.ly hop.
    assert!(first["evidence"].contains("<https://www.spiegel.ltd/politik/wahl>"));
    let retweet = at(&run, "data[1]");
    assert!(retweet["text"].starts_with("RT @second_user: The original, in full:"));
    // A nested path reaches any field of the tweet.
    let run = scan(
        dir.path(),
        &[&formats("twitter_v2.json")],
        &["--keep-cols", "entities.urls.0.display_url"],
        None,
    );
    assert_eq!(
        at(&run, "data[0]")["entities.urls.0.display_url"],
        "bit.ly/3xyz"
    );
}

#[test]
fn twitter_information_operations_archive() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("twitter_io_archive.csv")], &[], None);
    let row = &run
        .report
        .iter()
        .find(|r| r["id"] == "812345678901234567")
        .unwrap();
    assert_eq!(
        columns(row),
        [
            "812345678901234567",
            "example_patriot",
            "2017-01-15 12:00",
            "https://x.com/i/status/812345678901234567"
        ]
    );
    assert_eq!(row["platform"], "twitter");
    // The `urls` cell holds a link the text shows only as t.co: it is evidence on its own.
    assert!(
        row["evidence"].contains("DOP-002: <https://rrn.media/en/hidden-truth>"),
        "{}",
        row["evidence"]
    );
}

#[test]
fn mastodon_statuses_and_activitypub_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("mastodon_statuses.json")], &[], None);
    let status = at(&run, "[0]");
    assert_eq!(
        status["text"],
        "Independent journalists finally tell the real story & nobody else does.\n\nAsk @bob #news"
    );
    assert_eq!(
        columns(status),
        [
            "110000000000000001",
            "alice",
            "2024-05-01T09:00:00.000Z",
            "https://social.example/@alice/110000000000000001"
        ]
    );
    assert!(status["evidence"].contains("\"the real story\" <https://www.spiegel.ltd/politik/x>"));
    let boost = at(&run, "[1]");
    assert_eq!(boost["text"], "politics\n\nLine one\nline two");
    assert_eq!(boost["author"], "carol@other.example");
    assert_eq!(
        boost["url"],
        "https://other.example/@dave/109999999999999999"
    );

    let run = scan(dir.path(), &[&formats("mastodon_outbox.json")], &[], None);
    assert_eq!(run.summary["scored"], 2);
    assert_eq!(reject_at(&run, "orderedItems[1]")["reason"], "not_a_post");
    let note = at(&run, "orderedItems[0]");
    assert_eq!(
        columns(note),
        [
            "https://social.example/users/alice/statuses/1",
            "https://social.example/users/alice",
            "2024-05-02T08:00:00Z",
            "https://social.example/@alice/1"
        ]
    );
    assert!(at(&run, "orderedItems[2]")["campaign_rules"].contains("DOP-002"));
}

#[test]
fn bluesky_records_views_and_feed_items() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("bluesky_posts.jsonl")], &[], None);
    assert_eq!(run.summary["scored"], 3);
    let by_id = |rkey: &str| run.report.iter().find(|r| r["id"].ends_with(rkey)).unwrap();
    let view = by_id("3kabc222");
    assert_eq!(
        columns(view)[1..],
        [
            "runner.bsky.social",
            "2024-06-01T08:00:00.000Z",
            "https://bsky.app/profile/runner.bsky.social/post/3kabc222"
        ]
    );
    assert!(view["evidence"].contains("\"read the report\" <https://www.bild.pics/politik/report>"));
    assert_eq!(
        by_id("3kabc111")["author"],
        "did:plc:abcdefghijklmnopqrstuvwx"
    );
    assert_eq!(by_id("3kdef333")["text"], "Today's briefing");
}

#[test]
fn subrip_transcript_with_cue_times() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("transcript.srt")], &[], None);
    assert_eq!(run.summary["scored"], 1);
    let item = at(&run, "cues 1-5");
    assert_eq!(
        item["text"],
        "Good evening. Tonight we look at the new bridge over the river. We will publish the whole video in the nearest time. Thank you & good night."
    );
    assert_eq!(item["cue_time"], "00:00:01.000-00:01:33.000");
    assert!(
        item["evidence"].contains("\"in the nearest time\" @00:01:12.400"),
        "{}",
        item["evidence"]
    );
    let bad = reject_at(&run, "cue 4");
    assert_eq!(
        (bad["line"].as_str(), bad["reason"].as_str()),
        ("14", "invalid_cue")
    );
    // Windows of 30 s: the first two cues, then the rest.
    let run = scan(
        dir.path(),
        &[&formats("transcript.srt")],
        &["--transcript-window", "30s"],
        None,
    );
    assert_eq!(positions(&run).len(), 2, "{:?}", positions(&run));
    assert_eq!(
        at(&run, "cues 1-2")["cue_time"],
        "00:00:01.000-00:00:07.500"
    );
    assert_eq!(
        at(&run, "cues 3-5")["text"],
        "We will publish the whole video in the nearest time. Thank you & good night."
    );
}

#[test]
fn webvtt_transcript_with_voices() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("transcript.vtt")], &[], None);
    let item = at(&run, "cues 1-3");
    assert_eq!(
        item["text"],
        "Welcome to the programme. Our guest explains what happened on the territory of the plant. It is so, <really>. Thank you."
    );
    assert_eq!(item["author"], "Anna Petrova; Guest");
    assert_eq!(item["cue_time"], "00:00:00.000-00:00:09.000");
    assert!(
        item["evidence"].contains("@00:00:03.000"),
        "{}",
        item["evidence"]
    );
    assert_eq!(reject_at(&run, "cue 4")["reason"], "invalid_cue");
}

#[test]
fn whisper_and_youtube_transcripts() {
    let dir = tempfile::tempdir().unwrap();
    let run = scan(dir.path(), &[&formats("whisper.json")], &[], None);
    let item = at(&run, "cues 1-4");
    assert_eq!(
        item["text"],
        "Hello and welcome. Today we will speak about the elections. In the nearest time we will publish everything."
    );
    assert!(
        item["evidence"].contains("@00:01:12.400"),
        "{}",
        item["evidence"]
    );
    assert_eq!(reject_at(&run, "segments[2]")["reason"], "invalid_cue");
    let run = scan(dir.path(), &[&formats("youtube.json3")], &[], None);
    assert_eq!(run.texts(), ["so today we look at the news"]);
    assert_eq!(run.report[0]["cue_time"], "00:00:01.000-00:00:06.500");
}

#[test]
fn csv_dialects_are_sniffed_or_named() {
    let dir = tempfile::tempdir().unwrap();
    // Excel in a French locale: BOM, semicolons, CRLF, French column names.
    let run = scan(dir.path(), &[&formats("excel_fr.csv")], &[], None);
    assert_eq!(
        run.texts(),
        [
            "Bonjour à tous, voici les nouvelles du jour",
            "Il a dit : \"on verra\"; puis il est parti"
        ]
    );
    assert_eq!(run.report[0]["author"], "@marie");
    // A pipe-separated file without a telling extension, and a named delimiter.
    let piped = write(dir.path(), "export.dat", b"id|text|author\n1|a, b; c|@x\n");
    let run = scan(dir.path(), &[&piped], &[], None);
    assert_eq!(run.texts(), ["a, b; c"]);
    let odd = write(dir.path(), "odd.csv", b"id#text\n1#hash separated\n");
    let run = scan(dir.path(), &[&odd], &["--delimiter", "#"], None);
    assert_eq!(run.texts(), ["hash separated"]);
}

#[test]
fn json_as_one_object_an_array_or_lines_with_nested_paths() {
    let dir = tempfile::tempdir().unwrap();
    let object = write(
        dir.path(),
        "one.json",
        b"{\n  \"post\": {\"body\": \"A single object\", \"by\": \"me\"}\n}\n",
    );
    let array = write(
        dir.path(),
        "many.json",
        b"[\n {\"post\": {\"body\": \"first\", \"by\": \"a\"}},\n {\"post\": {\"body\": \"second\", \"by\": \"b\"}},\n 3\n]\n",
    );
    let lines = write(
        dir.path(),
        "lines.jsonl",
        b"{\"post\": {\"body\": \"one\", \"by\": \"a\"}}\n{\"post\": {\"body\": \"two\", \"by\": \"b\"}}\n",
    );
    let args = ["--text-col", "post.body", "--author-col", "post.by"];
    let run = scan(dir.path(), &[&object], &args, None);
    assert_eq!(run.texts(), ["A single object"]);
    assert_eq!(run.report[0]["author"], "me");
    let run = scan(dir.path(), &[&array], &args, None);
    assert_eq!(run.texts(), ["first", "second"]);
    assert_eq!(reject_at(&run, "[2]")["reason"], "not_an_object");
    let run = scan(dir.path(), &[&lines], &args, None);
    assert_eq!(run.texts(), ["one", "two"]);
    // --text-col also overrides what a format module picks.
    let run = scan(
        dir.path(),
        &[&formats("telegram_chat.json")],
        &["--text-col", "text_entities.0.text"],
        None,
    );
    assert!(
        run.texts().contains(&"The whole truth is "),
        "{:?}",
        run.texts()
    );
}

#[test]
fn a_truncated_document_keeps_what_was_read_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(formats("telegram_chat.json")).unwrap();
    let cut = write(dir.path(), "cut.json", &whole[..whole.len() * 3 / 4]);
    let run = scan(dir.path(), &[&cut], &[], None);
    assert_eq!(run.summary["scored"], 2, "{:?}", run.texts());
    let last = run.rejects.last().unwrap();
    assert_eq!(last["reason"], "invalid_json");
    assert!(
        last["detail"].contains("cannot be read"),
        "{}",
        last["detail"]
    );
    assert!(run.summary["warnings"].to_string().contains("not read"));
}

#[test]
fn formats_named_on_the_command_line_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let subtitles = dir.path().join("subs");
    std::fs::create_dir(&subtitles).unwrap();
    std::fs::copy(formats("transcript.srt"), subtitles.join("a.srt")).unwrap();
    std::fs::copy(formats("transcript.vtt"), subtitles.join("b.vtt")).unwrap();
    std::fs::write(subtitles.join("notes.bin"), b"\x00\x01").unwrap();
    let run = scan(dir.path(), &[&path_str(&subtitles)], &[], None);
    assert_eq!(run.summary["scored"], 2);
    assert_eq!(run.summary["inputs"].as_array().unwrap().len(), 2);
    // A Telegram message per line, named as such.
    let lines = write(
        dir.path(),
        "messages.jsonl",
        b"{\"id\": 9, \"type\": \"message\", \"date\": \"2024-01-01T00:00:00\", \"from\": \"X\", \"text\": [\"a \", {\"type\": \"text_link\", \"text\": \"b\", \"href\": \"https://rrn.media/\"}]}\n",
    );
    let run = scan(dir.path(), &[&lines], &["--input-format", "telegram"], None);
    assert_eq!(run.texts(), ["a b"]);
    assert!(run.report[0]["campaign_rules"].contains("DOP-002"));
}
