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
fn unknown_extensions_are_read_by_content_and_a_missing_file_is_a_clear_error() {
    let (_d, p) = file_with("h.xyz", b"x");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["1:x"]
    );
    let (_d, p) = file_with("export", b"id;text\n1;bonjour\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2:bonjour"]
    );
    let (_d, p) = file_with("export.dat", b"{\"text\":\"hi\"}\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["1:hi"]
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

fn raw_of(event: &Event) -> &[u8] {
    match event {
        Event::Reject(_, r) => &r.raw,
        Event::Record(..) => panic!("{event:?} is not a reject"),
    }
}

/// Issue 11, item 6: one stray quote no longer swallows the rest of a CSV file.
#[test]
fn a_stray_quote_rejects_one_line_and_the_rest_is_read() {
    let mut csv = b"id,text\n".to_vec();
    for i in 1..=1000 {
        if i == 3 {
            csv.extend_from_slice(b"3,\"a stray quote\n");
        } else if i == 500 {
            csv.extend_from_slice(b"500,\"quoted, properly\"\n");
        } else {
            csv.extend_from_slice(format!("{i},row {i}\n").as_bytes());
        }
    }
    let (_d, p) = file_with("q.csv", &csv);
    let ev = events(&p, None, &IngestOptions::default()).unwrap();
    assert_eq!(ev.len(), 1000);
    let got = summary(&ev);
    assert_eq!(got[2], "4!runaway_quote");
    assert_eq!(raw_of(&ev[2]), b"3,\"a stray quote");
    assert_eq!(got[3], "5:row 4");
    assert_eq!(got[499], "501:quoted, properly");
    assert_eq!(got[999], "1001:row 1000");
    // Without any closing quote further on, the same.
    let (_d, p) = file_with("q2.csv", b"id,text\n1,\"open\n2,two\n3,three\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2!runaway_quote", "3:two", "4:three"]
    );
    // A legitimate multi-line field is one record.
    let (_d, p) = file_with("q3.csv", b"id,text\n1,\"two\nlines\"\n2,next\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2:two\nlines", "4:next"]
    );
}

/// Issue 11, item 6: TSV fields are literal; a leading quote neither merges rows nor is
/// stripped.
#[test]
fn tsv_reads_quotes_literally() {
    let tsv = b"id\ttext\n1\t\"quoted start\n2\tplain\n3\t\"x\"\n4\tsay \"hi\"\n5\tx\n6\ty\n7\tz\n";
    let (_d, p) = file_with("t.tsv", tsv);
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec![
            "2:\"quoted start",
            "3:plain",
            "4:\"x\"",
            "5:say \"hi\"",
            "6:x",
            "7:y",
            "8:z"
        ]
    );
}

/// Issue 11, item 7: a lone `\r` ends a line of text, JSON Lines and CSV like `\n`.
#[test]
fn lone_carriage_returns_separate_records() {
    let (_d, t) = file_with("cr.txt", b"one\rtwo\r\rthree");
    assert_eq!(
        summary(&events(&t, None, &IngestOptions::default()).unwrap()),
        vec!["1:one", "2:two", "4:three"]
    );
    let (_d, j) = file_with("cr.jsonl", b"{\"text\":\"a\"}\r{\"text\":\"b\"}\r");
    assert_eq!(
        summary(&events(&j, None, &IngestOptions::default()).unwrap()),
        vec!["1:a", "2:b"]
    );
    let (_d, c) = file_with("cr.csv", b"id,text\r1,a\r2,b\r");
    assert_eq!(
        summary(&events(&c, None, &IngestOptions::default()).unwrap()),
        vec!["2:a", "3:b"]
    );
}

/// Issue 11, item 8: a UTF-8 BOM is not part of the first record, in any format.
#[test]
fn a_utf8_bom_costs_no_record() {
    for (name, body, expected) in [
        (
            "b.jsonl",
            &b"{\"text\":\"first\"}\n{\"text\":\"second\"}\n"[..],
            vec!["1:first", "2:second"],
        ),
        ("b.csv", b"text,id\nfirst,1\n", vec!["2:first"]),
        ("b.txt", b"first\n", vec!["1:first"]),
    ] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(body);
        let (_d, p) = file_with(name, &bytes);
        assert_eq!(
            summary(&events(&p, None, &IngestOptions::default()).unwrap()),
            expected,
            "{name}"
        );
    }
}

/// Issue 11, item 8: gzip is recognised by its magic bytes, whatever the file's name; bytes
/// after the last member are ignored with a warning.
#[test]
fn gzip_without_its_extension_and_with_trailing_garbage() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"id,text\n1,compressed\n").unwrap();
    let mut bytes = gz.finish().unwrap();
    bytes.extend_from_slice(b"\0\0\0 trailing junk");
    let (_d, p) = file_with("posts.csv", &bytes);
    let options = IngestOptions::default();
    assert_eq!(
        summary(&events(&p, None, &options).unwrap()),
        vec!["2:compressed"]
    );
    let warnings = options.warnings.take();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("17 bytes"), "{warnings:?}");
}

/// Issue 11, item 10: a reject keeps the record's bytes exactly: quotes, line breaks inside
/// quotes, invalid UTF-8.
#[test]
fn rejects_keep_the_raw_bytes() {
    let csv = b"id,text\n1,\"a, \"\"quoted\"\" field\",extra\n2,caf\xe9 \xd0\xbf\xd1\n3,\"multi\r\nline\",x\n";
    let (_d, p) = file_with("raw.csv", csv);
    let ev = events(&p, None, &IngestOptions::default()).unwrap();
    assert_eq!(
        summary(&ev),
        vec!["2!malformed_csv", "3!invalid_utf8", "4!malformed_csv"]
    );
    assert_eq!(raw_of(&ev[0]), b"1,\"a, \"\"quoted\"\" field\",extra");
    assert_eq!(raw_of(&ev[1]), b"2,caf\xe9 \xd0\xbf\xd1");
    let (_d, t) = file_with("raw.txt", b"ok\nbad \xff\xfe\n");
    let ev = events(&t, None, &IngestOptions::default()).unwrap();
    assert_eq!(raw_of(&ev[1]), b"bad \xff\xfe");
}

/// Issue 11, item 11: UTF-16 with a BOM (Excel's "Unicode text") and a named encoding.
#[test]
fn utf16_and_named_encodings_are_decoded() {
    let text = "id\ttext\n1\tПривет, мир\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let (_d, p) = file_with("unicode.txt", &utf16);
    // The content, once decoded, is a tab-separated header and row.
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2:Привет, мир"]
    );
    let (_d, p) = file_with("cp.csv", b"id,text\n1,\xcf\xf0\xe8\xe2\xe5\xf2\n");
    assert_eq!(
        summary(&events(&p, None, &IngestOptions::default()).unwrap()),
        vec!["2!invalid_utf8"]
    );
    let cp1251 = IngestOptions {
        encoding: Some(InputEncoding::from_label("windows-1251").unwrap()),
        ..Default::default()
    };
    assert_eq!(
        summary(&events(&p, None, &cp1251).unwrap()),
        vec!["2:Привет"]
    );
}

#[test]
fn encoding_hint_above_a_few_percent() {
    assert_eq!(encoding_hint(100, 2), None);
    assert!(encoding_hint(100, 3).unwrap().contains("--encoding"));
    assert_eq!(encoding_hint(0, 0), None);
}

/// Issue 11, item 13: a huge field is not held in memory: reading it keeps a bounded prefix.
#[test]
fn a_huge_field_is_skipped_with_bounded_memory() {
    /// `id,text` then a record whose field is `len` bytes long, quoted, then a short record;
    /// produced as it is read.
    struct HugeField {
        len: usize,
        at: usize,
    }
    impl Read for HugeField {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let head = b"id,text\n1,\"";
            let tail = b"\"\n2,after\n";
            let total = head.len() + self.len + tail.len();
            let mut n = 0;
            while n < buf.len() && self.at < total {
                buf[n] = if self.at < head.len() {
                    head[self.at]
                } else if self.at < head.len() + self.len {
                    b'x'
                } else {
                    tail[self.at - head.len() - self.len]
                };
                n += 1;
                self.at += 1;
            }
            Ok(n)
        }
    }
    let options = IngestOptions {
        max_record_bytes: 1000,
        ..Default::default()
    };
    let input = HugeField {
        len: 8 << 20,
        at: 0,
    };
    let mut reader =
        csv_input::CsvReader::new(Box::new(input), b',', true, Arc::from("huge"), &options)
            .unwrap();
    match reader.next_event().unwrap() {
        Some(Event::Reject(p, r)) => {
            assert_eq!((p.line, r.reason.as_str()), (2, "too_large"));
            assert_eq!(r.raw.len(), 1001);
            assert!(
                r.detail.contains(&format!("{} bytes", (8 << 20) + 4)),
                "{}",
                r.detail
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        reader.buffered_bytes() < 4 << 16,
        "{} bytes buffered",
        reader.buffered_bytes()
    );
    match reader.next_event().unwrap() {
        Some(Event::Record(p, r)) => assert_eq!((p.line, r.text.as_str()), (3, "after")),
        other => panic!("{other:?}"),
    }
}
