//! `calque scan` over awkward inputs (issue 11, input items): runaway quotes, literal TSV,
//! lone carriage returns, byte-order marks, formats sniffed on standard input, gzip by its
//! magic bytes, rejects kept byte for byte, UTF-16 and named encodings, a huge field read with
//! bounded memory. Every run must reconcile (read = scored + rejected = report rows + reject
//! rows) and leave its inputs unchanged.

mod common;

use base64::Engine as _;
use common::*;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn a_stray_quote_in_a_thousand_rows_costs_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = b"id,text\n".to_vec();
    for i in 1..=1000 {
        match i {
            10 => csv.extend_from_slice(b"10,\"Breaking: the stray quote\n"),
            600 => csv.extend_from_slice(b"600,\"A quoted, proper field\"\n"),
            _ => csv.extend_from_slice(format!("{i},Post number {i}\n").as_bytes()),
        }
    }
    let input = write(dir.path(), "stray.csv", &csv);
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.summary["records_read"], 1000);
    assert_eq!(run.summary["scored"], 999);
    assert_eq!(run.summary["rejected_by_reason"]["runaway_quote"], 1);
    assert_eq!(
        run.reasons(),
        [("11".to_string(), "runaway_quote".to_string())]
    );
    assert_eq!(run.rejects[0]["raw"], "10,\"Breaking: the stray quote");
    assert!(run.texts().contains(&"A quoted, proper field"));
}

#[test]
fn tsv_fields_are_literal() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "posts.tsv",
        b"id\ttext\n1\t\"Quoted at the start\n2\tplain\n3\t\"both\"\n4\tx\n5\ty\n6\tz\n7\tend \"\n",
    );
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.summary["scored"], 7);
    let texts = run.texts();
    assert_eq!(texts[0], "\"Quoted at the start");
    assert_eq!(texts[2], "\"both\"");
}

#[test]
fn lone_carriage_returns_end_records() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(
        dir.path(),
        "old-mac.txt",
        b"first post\rsecond post\rthird post\r",
    );
    let jsonl = write(
        dir.path(),
        "old-mac.jsonl",
        b"{\"text\":\"first\"}\r{\"text\":\"second\"}\r",
    );
    let run = scan(dir.path(), &[&text], &[], None);
    assert_eq!(run.texts(), ["first post", "second post", "third post"]);
    let run = scan(dir.path(), &[&jsonl], &[], None);
    assert_eq!(run.texts(), ["first", "second"]);
}

#[test]
fn standard_input_is_sniffed_and_gzip_found_by_magic() {
    let dir = tempfile::tempdir().unwrap();
    // CSV on stdin: the header is a header, not a post.
    let run = scan(
        dir.path(),
        &["-"],
        &[],
        Some(b"id,author,text\n1,@a,First post\n2,@b,Second post\n"),
    );
    assert_eq!(run.texts(), ["First post", "Second post"]);
    assert_eq!(run.report[0]["author"], "@a");
    // JSON Lines with a BOM on stdin: every line read as JSON.
    let run = scan(
        dir.path(),
        &["-"],
        &[],
        Some(b"\xEF\xBB\xBF{\"text\":\"one\"}\n{\"text\":\"two\"}\n"),
    );
    assert_eq!(run.texts(), ["one", "two"]);
    // Gzipped CSV on stdin.
    let run = scan(
        dir.path(),
        &["-"],
        &[],
        Some(&gzip(b"id;text\n1;Compressed and semicolons\n")),
    );
    assert_eq!(run.texts(), ["Compressed and semicolons"]);
    // A gzipped file without .gz, with trailing bytes: read, with a warning.
    let mut bytes = gzip(b"id,text\n1,hello\n");
    bytes.extend_from_slice(&[0; 100]);
    let input = write(dir.path(), "export.csv", &bytes);
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.texts(), ["hello"]);
    let warnings = run.summary["warnings"].as_array().unwrap();
    assert!(
        warnings[0].as_str().unwrap().contains("100 bytes"),
        "{warnings:?}"
    );
}

#[test]
fn rejects_keep_each_record_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let rows: [&[u8]; 4] = [
        b"1,\"=quoted, \"\"twice\"\"\",extra",
        b"2,caf\xe9 \xff",
        b"3,\"multi\r\nline\",too,many",
        b"4,",
    ];
    let mut csv = b"id,text\n".to_vec();
    for row in rows {
        csv.extend_from_slice(row);
        csv.push(b'\n');
    }
    let input = write(dir.path(), "bad.csv", &csv);
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.rejects.len(), 4);
    for (reject, row) in run.rejects.iter().zip(rows) {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&reject["raw_base64"])
            .unwrap();
        assert_eq!(bytes, row, "line {}", reject["line"]);
    }
    assert_eq!(run.rejects[1]["raw"], "2,caf\u{FFFD} \u{FFFD}");
}

#[test]
fn utf16_exports_and_named_encodings_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated, saved as .txt.
    let text = "id\ttext\r\n1\tЭто тест, не более\r\n2\tLe deuxième\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let input = write(dir.path(), "unicode.txt", &utf16);
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.texts(), ["Это тест, не более", "Le deuxième"]);
    // cp1251 without a BOM: rejected as invalid UTF-8 with a hint, read with --encoding.
    let mut csv = b"id,text\n".to_vec();
    for i in 0..10 {
        csv.extend_from_slice(format!("{i},").as_bytes());
        csv.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2\n");
    }
    let input = write(dir.path(), "cp1251.csv", &csv);
    let run = scan(dir.path(), &[&input], &[], None);
    assert_eq!(run.summary["rejected_by_reason"]["invalid_utf8"], 10);
    let warnings = run.summary["warnings"].to_string();
    assert!(warnings.contains("--encoding"), "{warnings}");
    let run = scan(dir.path(), &[&input], &["--encoding", "cp1251"], None);
    assert_eq!(run.summary["scored"], 10);
    assert!(run.texts().iter().all(|t| *t == "Привет"));
    let bad = calque(&["scan", &input, "--encoding", "klingon", "-o", "-"], None);
    assert_eq!(bad.status.code(), Some(2));
}

/// A 48 MiB field is skipped, keeping a bounded prefix: the process's peak memory stays far
/// below the field's size (before the fix it held the field about twice over: 86 MB).
///
/// `ru_maxrss` of a child includes the test process's own resident memory when the child was
/// started (the exec'd image inherits that high-water mark), so both runs share that floor and
/// their difference shows calque's own growth once it exceeds the floor.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_field_does_not_fill_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = b"id,text\n1,\"".to_vec();
    csv.resize(csv.len() + (48 << 20), b'x');
    csv.extend_from_slice(b"\"\n2,after the huge one\n");
    let input = write(dir.path(), "huge.csv", &csv);
    drop(csv);
    // Waited for with wait4, which also gives the child's resource usage.
    #[allow(clippy::zombie_processes)]
    let peak_kib = |args: &[String]| -> i64 {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_calque"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = child.id() as libc::pid_t;
        assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
        assert_eq!(status, 0);
        usage.ru_maxrss
    };
    let small = write(dir.path(), "small.csv", b"id,text\n1,short\n");
    let base = peak_kib(&scan_args(dir.path(), &[&small], &["--threads", "1"]));
    let huge = peak_kib(&scan_args(dir.path(), &[&input], &["--threads", "1"]));
    assert!(
        huge - base < 16 << 10,
        "peak {huge} KiB for a 48 MiB field, {base} KiB for a small file"
    );
    let run = outputs(dir.path());
    assert_eq!(run.texts(), ["after the huge one"]);
    assert_eq!(run.reasons(), [("2".to_string(), "too_large".to_string())]);
    assert_eq!(run.rejects[0]["raw"].len(), (1 << 20) + 1);
}
