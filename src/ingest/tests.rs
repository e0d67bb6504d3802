use super::*;
use crate::record::Event;
use std::io::Write;

fn events(path: &str, format: Option<InputFormat>, options: &IngestOptions) -> Result<Vec<Event>> {
    let mut reader = open(path, format, options, Arc::new(AtomicU64::new(0)))?;
    let mut out = Vec::new();
    while let Some(e) = reader.next_event()? {
        out.push(e);
    }
    Ok(out)
}

fn file_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_string_lossy().into_owned();
    (dir, p)
}

fn summary(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e {
            Event::Record(p, r) => format!("{}:{}", p.line, r.text),
            Event::Reject(p, r) => format!("{}!{}", p.line, r.reason.as_str()),
        })
        .collect()
}

#[test]
fn csv_discovers_columns_and_keeps_line_numbers() {
    let (_d, p) = file_with(
        "a.csv",
        b"tweet_id,user.screen_name,created_at,content,extra\n1,alice,2024-01-01,\"hello\nworld\",x\n2,bob,2024-01-02,second,y\n",
    );
    let opts = IngestOptions {
        columns: ColumnSpec {
            keep: vec!["extra".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let ev = events(&p, None, &opts).unwrap();
    assert_eq!(summary(&ev), vec!["2:hello\nworld", "4:second"]);
    match &ev[1] {
        Event::Record(_, r) => {
            assert_eq!(
                (r.id.as_str(), r.author.as_str(), r.timestamp.as_str()),
                ("2", "bob", "2024-01-02")
            );
            assert_eq!(r.kept, vec!["y"]);
        }
        _ => panic!(),
    }
}

#[test]
fn csv_rejects_bad_rows_and_goes_on() {
    let mut bytes = b"id,text\n1,good\n2,too,many\n3,\n4,bad \xff utf8\n5,fine\n".to_vec();
    bytes.extend_from_slice(b"6,");
    bytes.extend(std::iter::repeat_n(b'a', 50));
    bytes.push(b'\n');
    let (_d, p) = file_with("b.csv", &bytes);
    let opts = IngestOptions {
        max_record_bytes: 40,
        ..Default::default()
    };
    let ev = events(&p, None, &opts).unwrap();
    assert_eq!(
        summary(&ev),
        vec![
            "2:good",
            "3!malformed_csv",
            "4!empty_text",
            "5!invalid_utf8",
            "6:fine",
            "7!too_large"
        ]
    );
}

#[test]
fn csv_without_text_column_or_with_unknown_named_column_stops() {
    let (_d, p) = file_with("c.csv", b"a,b\n1,2\n");
    let e = events(&p, None, &IngestOptions::default()).unwrap_err();
    assert!(
        e.message.contains("no text column") && e.message.contains("a, b"),
        "{}",
        e.message
    );
    let opts = IngestOptions {
        columns: ColumnSpec {
            text: Some("nope".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let e = events(&p, None, &opts).unwrap_err();
    assert!(
        e.message.contains("no column named \"nope\""),
        "{}",
        e.message
    );
}

#[test]
fn tsv_and_gzip_inputs() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"message\tid\nbonjour\t7\n").unwrap();
    let (_d, p) = file_with("d.tsv.gz", &gz.finish().unwrap());
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2:bonjour"]
    );
}

#[test]
fn jsonl_reads_nested_fields_and_rejects_bad_lines() {
    let (_d, p) = file_with(
        "e.jsonl",
        b"{\"text\":\"one\",\"user\":{\"screen_name\":\"al\"}}\n\n{bad json}\n[1,2]\n{\"other\":1}\n{\"text\":[\"tele\",{\"type\":\"bold\",\"text\":\"gram\"}]}\n{\"text\":\"  \"}\n",
    );
    let ev = events(&p, None, &IngestOptions::default()).unwrap();
    assert_eq!(
        summary(&ev),
        vec![
            "1:one",
            "3!invalid_json",
            "4!not_an_object",
            "5!missing_text",
            "6:telegram",
            "7!empty_text"
        ]
    );
    match &ev[0] {
        Event::Record(_, r) => assert_eq!(r.author, "al"),
        _ => panic!(),
    }
}

#[test]
fn jsonl_named_dotted_text_field() {
    let (_d, p) = file_with(
        "f.ndjson",
        b"{\"post\":{\"body\":\"deep\"},\"text\":\"shallow\"}\n",
    );
    let opts = IngestOptions {
        columns: ColumnSpec {
            text: Some("post.body".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(summary(&events(&p, None, &opts).unwrap()), vec!["1:deep"]);
}

#[test]
fn text_input_one_item_per_non_empty_line() {
    let (_d, p) = file_with("g.txt", b"first\r\n\n   \nsecond \xfe\nthird");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["1:first", "4!invalid_utf8", "5:third"]
    );
}

#[test]
fn unknown_extension_and_missing_file_are_clear_errors() {
    let (_d, p) = file_with("h.xyz", b"x");
    assert!(events(&p, None, &IngestOptions::default())
        .unwrap_err()
        .message
        .contains("--input-format"));
    assert_eq!(
        summary(&events(&p, Some(InputFormat::Text), &IngestOptions::default()).unwrap()),
        vec!["1:x"]
    );
    let e = events("/nonexistent/in.csv", None, &IngestOptions::default()).unwrap_err();
    assert!(
        e.message.starts_with("/nonexistent/in.csv: cannot open"),
        "{}",
        e.message
    );
}

#[test]
fn corrupt_gzip_stops_with_the_file_name() {
    let (_d, p) = file_with("i.txt.gz", b"\x1f\x8b\x08\x00garbage-garbage-garbage");
    let e = events(&p, None, &IngestOptions::default()).unwrap_err();
    assert!(
        e.message.contains("i.txt.gz") && e.message.contains("read error"),
        "{}",
        e.message
    );
}

#[test]
fn lossy_utf8_repairs_instead_of_rejecting() {
    let (_d, p) = file_with("l.csv", b"id,text\n1,caf\xe9 ok\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2!invalid_utf8"]
    );
    let lossy = IngestOptions {
        lossy_utf8: true,
        ..Default::default()
    };
    assert_eq!(
        summary(&events(&p, None, &lossy).unwrap()),
        vec!["2:caf\u{FFFD} ok"]
    );
    let (_d2, t) = file_with("l.txt", b"bad \xff line\n");
    assert_eq!(
        summary(&events(&t, None, &lossy).unwrap()),
        vec!["1:bad \u{FFFD} line"]
    );
    let (_d3, j) = file_with("l.jsonl", b"{\"text\":\"bad \xff\"}\n");
    assert_eq!(
        summary(&events(&j, None, &lossy).unwrap()),
        vec!["1:bad \u{FFFD}"]
    );
}

/// A recycled record is filled again field by field: nothing of the record it was survives,
/// whether the new values are shorter, empty or read lossily.
#[test]
fn recycled_records_carry_nothing_over() {
    let (_d, p) = file_with(
        "r.csv",
        b"id,author,text,url,extra\nlong-id-1,somebody,a long first text,https://a.example/x,kept-one\n2,,short,,\n3,c,\xff bad,,z\n",
    );
    let opts = IngestOptions {
        columns: ColumnSpec {
            keep: vec!["extra".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let mut reader = open(&p, None, &opts, Arc::new(AtomicU64::new(0))).unwrap();
    let first = match reader.next_event().unwrap() {
        Some(Event::Record(_, r)) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(first.kept, vec!["kept-one"]);
    reader.recycle(first);
    match reader.next_event().unwrap() {
        Some(Event::Record(_, r)) => {
            assert_eq!(
                (
                    r.id.as_str(),
                    r.author.as_str(),
                    r.text.as_str(),
                    r.url.as_str()
                ),
                ("2", "", "short", "")
            );
            assert_eq!(r.kept, vec![""]);
            reader.recycle(r);
        }
        other => panic!("{other:?}"),
    }
    // Invalid UTF-8 in a recycled record is still rejected with its reason.
    match reader.next_event().unwrap() {
        Some(Event::Reject(_, r)) => assert_eq!(r.reason.as_str(), "invalid_utf8"),
        other => panic!("{other:?}"),
    }
    let lossy = IngestOptions {
        lossy_utf8: true,
        ..opts
    };
    let mut reader = open(&p, None, &lossy, Arc::new(AtomicU64::new(0))).unwrap();
    for expected in ["a long first text", "short", "\u{FFFD} bad"] {
        match reader.next_event().unwrap() {
            Some(Event::Record(_, r)) => {
                assert_eq!(r.text, expected);
                reader.recycle(r);
            }
            other => panic!("{other:?}"),
        }
    }
}

/// The pool of spare records stays small whatever is handed back: by count, by bytes, and
/// without records whose text buffer grew long.
#[test]
fn spare_pool_is_bounded() {
    let with_text = |len: usize| Record {
        text: "x".repeat(len),
        ..Record::default()
    };
    let mut pool = SparePool::default();
    pool.put(with_text(SparePool::MAX_SPARE_TEXT + 1));
    assert!(pool.take().text.is_empty(), "a long record is not kept");
    for _ in 0..10_000 {
        pool.put(with_text(8 << 10));
    }
    assert!(pool.bytes <= SparePool::MAX_BYTES);
    let kept = std::iter::from_fn(|| Some(pool.take()))
        .take_while(|r| !r.text.is_empty())
        .count();
    assert_eq!(kept, SparePool::MAX_BYTES / (8 << 10));
    assert_eq!(pool.bytes, 0);
    for _ in 0..SparePool::MAX_SPARES + 10 {
        pool.put(with_text(1));
    }
    assert_eq!(pool.spares.len(), SparePool::MAX_SPARES);
}
