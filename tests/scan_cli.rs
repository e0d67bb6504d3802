//! `calque scan` end to end: formats, stdin, gzip, determinism, reconciled counts, formula
//! neutralisation, atomic output, exit codes and the golden report of the bundled sample.

mod common;

use common::*;
use std::fs;
use std::io::Write;

fn summary_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn golden_report_of_the_bundled_sample() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.csv");
    calque_ok(&["scan", &sample("posts.csv"), "-o", &path_str(&report), "-q"]);
    let actual = fs::read_to_string(&report).unwrap();
    // The source column holds the path as given; make it independent of the checkout.
    let actual = actual.replace(&sample("posts.csv"), "data/samples/posts.csv");
    let golden = repo().join("tests/golden/sample-report.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&golden, &actual).unwrap();
    }
    let expected = fs::read_to_string(&golden)
        .expect("golden file exists (UPDATE_GOLDEN=1 cargo test writes it)");
    assert_eq!(actual, expected, "report differs from tests/golden/sample-report.csv; if the change is intended, rerun with UPDATE_GOLDEN=1");
}

#[test]
fn sample_report_ranks_campaign_items_first_and_explains_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    calque_ok(&["scan", &sample("posts.csv"), "-o", &path_str(&report), "-q"]);
    let rows = read_csv(&report);
    assert_eq!(rows.len(), 40);
    let header: Vec<&str> = calque::report::COLUMNS.to_vec();
    let mut rdr = csv::Reader::from_path(&report).unwrap();
    assert_eq!(rdr.headers().unwrap().iter().collect::<Vec<_>>(), header);
    // Ranks are 1..=N and scores never increase down the report.
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["rank"], (i + 1).to_string());
    }
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // The fact-checker solicitation with an outlet's name is at the top, explained.
    let top = &rows[0];
    assert_eq!(top["level"], "high");
    assert_eq!(top["campaign"], "matryoshka");
    assert!(top["evidence"].contains("MAT-"), "{}", top["evidence"]);
    // Every flagged row says why; every plain row has empty explanations.
    for r in &rows {
        let flagged = r["score"] != "0.0000";
        assert_eq!(flagged, !r["evidence"].is_empty(), "row {}", r["id"]);
        if !r["interference_rules"].is_empty() {
            for code in r["interference_rules"].split(';') {
                assert!(
                    r["evidence"].contains(code),
                    "{code} missing from evidence of {}",
                    r["id"]
                );
            }
        }
    }
    // Plain posts stay low.
    for id in ["p001", "p003", "p009", "p019", "p040"] {
        let r = rows.iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(r["level"], "low", "{id}");
    }
}

#[test]
fn every_input_format_gzip_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);

    // JSON Lines with a nested author.
    calque_ok(&[
        "scan",
        &sample("posts.jsonl"),
        "-o",
        &path_str(&out("j.csv")),
        "-q",
    ]);
    let rows = read_csv(&out("j.csv"));
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().any(|r| r["author"] == "'@truth_seeker_eu"));

    // Plain text, one item per line.
    calque_ok(&[
        "scan",
        &sample("posts.txt"),
        "-o",
        &path_str(&out("t.csv")),
        "-q",
    ]);
    assert_eq!(read_csv(&out("t.csv")).len(), 5);

    // TSV, gzip-compressed.
    let tsv = out("posts.tsv.gz");
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(&tsv).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(b"id\tmessage\nt1\tCan you verify this BBC video? Is this real?\nt2\tLovely weather today.\n").unwrap();
    gz.finish().unwrap();
    calque_ok(&[
        "scan",
        &path_str(&tsv),
        "-o",
        &path_str(&out("g.csv")),
        "-q",
    ]);
    let rows = read_csv(&out("g.csv"));
    assert_eq!(
        rows.iter().map(|r| r["id"].as_str()).collect::<Vec<_>>(),
        vec!["t1", "t2"]
    );

    // Several inputs in one run keep their provenance.
    calque_ok(&[
        "scan",
        &sample("posts.txt"),
        &sample("posts.jsonl"),
        "-o",
        &path_str(&out("m.csv")),
        "-q",
    ]);
    let rows = read_csv(&out("m.csv"));
    assert_eq!(rows.len(), 15);
    assert!(rows.iter().any(|r| r["source"].ends_with("posts.txt:3")));
    assert!(rows.iter().any(|r| r["source"].ends_with("posts.jsonl:10")));

    // stdin, JSON Lines in and out.
    let input = fs::read(sample("posts.jsonl")).unwrap();
    let res = calque(
        &["scan", "-", "--format", "jsonl", "-o", "-", "-q"],
        Some(&input),
    );
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(res.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[0]["rank"], 1);
    assert!(lines[0]["score"].as_f64().unwrap() > 0.5);
    assert_eq!(lines[0]["source"], "<stdin>:2");
}

#[test]
fn report_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    // A bigger input: the sample 30 times, so batches really run in parallel.
    let big = dir.path().join("big.csv");
    let text = fs::read_to_string(sample("posts.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let body: Vec<&str> = lines.collect();
    let mut out = String::from(header);
    out.push('\n');
    for _ in 0..30 {
        for l in &body {
            out.push_str(l);
            out.push('\n');
        }
    }
    fs::write(&big, out).unwrap();
    let mut reports = Vec::new();
    for threads in ["1", "2", "4"] {
        let report = dir.path().join(format!("r{threads}.csv"));
        calque_ok(&[
            "scan",
            &path_str(&big),
            "-o",
            &path_str(&report),
            "--threads",
            threads,
            "--batch-size",
            "7",
            "-q",
        ]);
        reports.push(fs::read(&report).unwrap());
    }
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
    assert_eq!(read_csv(&dir.path().join("r1.csv")).len(), 1200);
}

#[test]
fn broken_input_is_reconciled_and_rejected_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    let summary = dir.path().join("s.json");
    calque_ok(&[
        "scan",
        &fixture("broken.csv"),
        &fixture("invalid-utf8.csv"),
        "-o",
        &path_str(&report),
        "--summary",
        &path_str(&summary),
        "-q",
    ]);
    let s = summary_json(&summary);
    let read = s["records_read"].as_u64().unwrap();
    let scored = s["scored"].as_u64().unwrap();
    let rejected = s["rejected"].as_u64().unwrap();
    assert_eq!(read, scored + rejected);
    assert_eq!(read_csv(&report).len() as u64, scored);
    let (elapsed, report_secs) = (
        s["elapsed_seconds"].as_f64().unwrap(),
        s["report_seconds"].as_f64().unwrap(),
    );
    assert!(
        (0.0..=elapsed).contains(&report_secs),
        "report_seconds {report_secs} is part of elapsed_seconds {elapsed}"
    );
    let rejects = read_csv(&dir.path().join("r.rejects.csv"));
    assert_eq!(rejects.len() as u64, rejected);
    let reasons: Vec<(String, String)> = rejects
        .iter()
        .map(|r| (r["line"].clone(), r["reason"].clone()))
        .collect();
    assert!(
        reasons.contains(&("3".into(), "malformed_csv".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("4".into(), "empty_text".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("3".into(), "invalid_utf8".into())),
        "{reasons:?}"
    );
    assert!(rejects
        .iter()
        .all(|r| r["source"].ends_with(".csv") && !r["raw"].is_empty()
            || r["reason"] == "empty_text"));
    assert_eq!(s["rejected_by_reason"]["invalid_utf8"], 1);
    // The unterminated quote costs its own line only; the row after it is read.
    assert!(
        reasons.contains(&("5".into(), "runaway_quote".into())),
        "{reasons:?}"
    );
    assert_eq!(scored, 4, "b1, b5, u1 and u3 are readable");
}

#[test]
fn formula_cells_are_neutralised_unless_raw_cells() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    calque_ok(&["scan", &sample("posts.csv"), "-o", &path_str(&report), "-q"]);
    let rows = read_csv(&report);
    let p017 = rows.iter().find(|r| r["id"] == "p017").unwrap();
    assert!(p017["text"].starts_with("'=HYPERLINK("));
    assert!(p017["author"].starts_with("'@"));
    let p016 = rows.iter().find(|r| r["id"] == "p016").unwrap();
    assert!(p016["text"].starts_with("'-5 degrees"));

    let raw = dir.path().join("raw.csv");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&raw),
        "--raw-cells",
        "-q",
    ]);
    let rows = read_csv(&raw);
    let p017 = rows.iter().find(|r| r["id"] == "p017").unwrap();
    assert!(p017["text"].starts_with("=HYPERLINK("));
    assert_eq!(p017["author"], "@macro_trader");
}

#[test]
fn a_failed_run_leaves_no_report_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    fs::write(&report, "previous report\n").unwrap();
    // A corrupt gzip stream after a good input: the run fails midway.
    let bad = dir.path().join("bad.txt.gz");
    fs::write(&bad, b"\x1f\x8b\x08\x00not really gzip data at all").unwrap();
    let res = calque(
        &[
            "scan",
            &sample("posts.csv"),
            &path_str(&bad),
            "-o",
            &path_str(&report),
            "-q",
        ],
        None,
    );
    assert_eq!(
        res.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("bad.txt.gz"), "{err}");
    assert_eq!(fs::read_to_string(&report).unwrap(), "previous report\n");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn exit_codes_and_messages_for_bad_input_rules_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let out = path_str(&dir.path().join("r.csv"));

    let res = calque(&["scan", "/no/such/file.csv", "-o", &out], None);
    assert_eq!(res.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&res.stderr).contains("/no/such/file.csv: cannot open"));

    let res = calque(
        &[
            "scan",
            &sample("posts.csv"),
            "--text-col",
            "nope",
            "-o",
            &out,
        ],
        None,
    );
    assert_eq!(res.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&res.stderr).contains("no column named \"nope\""));

    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    fs::write(
        rules.join("bad.toml"),
        "[campaign]\nid = \"x\"\nname = \"X\"\n\n[[indicator]]\nid = \"X-1\"\nkind = \"regex\"\n",
    )
    .unwrap();
    let res = calque(
        &[
            "scan",
            &sample("posts.csv"),
            "--rules",
            &path_str(&rules),
            "-o",
            &out,
        ],
        None,
    );
    assert_eq!(res.status.code(), Some(4));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("bad.toml:") && err.contains("missing field"),
        "{err}"
    );

    let config = dir.path().join("c.toml");
    fs::write(&config, "[score]\nhigh = 2\n").unwrap();
    let res = calque(
        &[
            "scan",
            &sample("posts.csv"),
            "--config",
            &path_str(&config),
            "-o",
            &out,
        ],
        None,
    );
    assert_eq!(res.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&res.stderr).contains("score.high"));

    let res = calque(&["scan", &sample("posts.csv"), "--no-such-flag"], None);
    assert_eq!(res.status.code(), Some(2));
    assert!(
        !dir.path().join("r.csv").exists(),
        "failed runs write no report"
    );
}

#[test]
fn top_and_min_score_limit_rows_and_summary_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.csv");
    calque_ok(&["scan", &sample("posts.csv"), "-o", &path_str(&all), "-q"]);
    let all_rows = read_csv(&all);

    let top = dir.path().join("top.csv");
    let summary = dir.path().join("s.json");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&top),
        "--top",
        "5",
        "--summary",
        &path_str(&summary),
        "-q",
    ]);
    let top_rows = read_csv(&top);
    assert_eq!(top_rows, all_rows[..5].to_vec());
    let s = summary_json(&summary);
    assert_eq!(s["rows_written"], 5);
    assert_eq!(s["rows_filtered"], 35);

    let min = dir.path().join("min.csv");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&min),
        "--min-score",
        "0.4",
        "-q",
    ]);
    let min_rows = read_csv(&min);
    let expected: Vec<_> = all_rows
        .iter()
        .filter(|r| r["score"].parse::<f64>().unwrap() >= 0.4)
        .cloned()
        .collect();
    assert_eq!(min_rows, expected);
    assert!(!min_rows.is_empty() && min_rows.len() < all_rows.len());
}

#[test]
fn keep_cols_and_named_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(
        &input,
        "post_body,who,likes,shares\n\"Is this real? Can you verify this BBC video?\",@me,10,2\n",
    )
    .unwrap();
    let report = dir.path().join("r.csv");
    calque_ok(&[
        "scan",
        &path_str(&input),
        "--text-col",
        "post_body",
        "--author-col",
        "who",
        "--keep-cols",
        "likes,shares",
        "-o",
        &path_str(&report),
        "-q",
    ]);
    let rows = read_csv(&report);
    assert_eq!(rows[0]["likes"], "10");
    assert_eq!(rows[0]["shares"], "2");
    assert_eq!(rows[0]["author"], "'@me");
}

#[test]
fn summary_on_stderr_reconciles_counts() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    let res = calque_ok(&["scan", &fixture("broken.csv"), "-o", &path_str(&report)]);
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("read 5 records: 2 scored, 3 rejected"),
        "{err}"
    );
    assert!(err.contains("rejects in"), "{err}");
}

#[test]
fn language_allow_list_is_configurable_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    // With only Russian and Ukrainian allowed, no item can be English or French.
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "--allow-langs",
        "ru,uk",
        "-o",
        &path_str(&report),
        "-q",
    ]);
    let rows = read_csv(&report);
    assert!(
        rows.iter().all(|r| r["lang"] != "en" && r["lang"] != "fr"),
        "{:?}",
        rows.iter().map(|r| &r["lang"]).collect::<Vec<_>>()
    );
    let res = calque(
        &[
            "scan",
            &sample("posts.csv"),
            "--allow-langs",
            "xx",
            "-o",
            &path_str(&report),
        ],
        None,
    );
    assert_eq!(res.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&res.stderr).contains("unknown language code"));
}
