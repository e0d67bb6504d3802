//! Every numeric option of every subcommand refuses values that would wrap, overflow, hang or
//! mean nothing, with a usage error (exit 2) naming the option — before any input is read
//! (issue 11, item 9). `--threads` is capped at a multiple of the cores, with a warning.

mod common;

use common::*;

const LABELLED: &str = "tests/fixtures/labelled.csv";

/// (subcommand and its required arguments, option, refused value).
fn refused() -> Vec<(Vec<String>, &'static str, &'static str)> {
    let scan = vec!["scan".to_string(), sample("posts.csv")];
    let labelled = |cmd: &str| {
        vec![
            cmd.to_string(),
            repo().join(LABELLED).display().to_string(),
            "--label-col".into(),
            "is_troll".into(),
        ]
    };
    let mut tune = labelled("tune");
    tune.extend(["-o".into(), "never-written.toml".into()]);
    let mut rows = vec![
        // Wrapped to 0 (`limit + 1`): every record was rejected, or a debug build panicked.
        (scan.clone(), "--max-record-bytes", "18446744073709551615"),
        (scan.clone(), "--max-record-bytes", "18446744073709551616"),
        (scan.clone(), "--max-record-bytes", "0"),
        (scan.clone(), "--max-record-bytes", "2000000000"),
        // 2^44 MiB is 2^64 bytes: the budget wrapped to 0 and every row spilled.
        (scan.clone(), "--sort-memory-mib", "17592186044416"),
        (scan.clone(), "--sort-memory-mib", "0"),
        (scan.clone(), "--min-score", "NaN"),
        (scan.clone(), "--min-score", "inf"),
        (scan.clone(), "--min-score", "1.5"),
        (scan.clone(), "--min-score", "-0.1"),
        (scan.clone(), "--top", "0"),
        (scan.clone(), "--top", "-3"),
        (scan.clone(), "--batch-size", "0"),
        // A batch's slots are allocated up front: "capacity overflow".
        (scan.clone(), "--batch-size", "18446744073709551615"),
        (scan.clone(), "--threads", "-1"),
        (scan.clone(), "--threads", "many"),
    ];
    for cmd in [labelled("eval"), tune.clone()] {
        rows.push((cmd.clone(), "--batch-size", "0"));
        rows.push((cmd.clone(), "--batch-size", "18446744073709551615"));
        rows.push((cmd.clone(), "--max-record-bytes", "18446744073709551615"));
        rows.push((cmd.clone(), "--max-record-bytes", "0"));
        rows.push((cmd, "--threads", "-1"));
    }
    rows.push((tune.clone(), "--l2", "NaN"));
    rows.push((tune.clone(), "--l2", "-1"));
    rows.push((tune.clone(), "--folds", "1"));
    // One fit per fold: 10^18 folds never ended.
    rows.push((tune, "--folds", "1000000000000000000"));
    rows
}

#[test]
fn out_of_range_numbers_are_usage_errors_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    for (mut args, option, value) in refused() {
        if args[0] == "scan" {
            args.extend(["-o".into(), path_str(&report), "-q".into()]);
        }
        // `--opt=-1`: a separate "-1" would be read as a flag.
        args.push(format!("{option}={value}"));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = calque(&argv, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{option} {value} should be refused: {stderr}"
        );
        assert!(
            stderr.contains(option) && stderr.contains("expected"),
            "{option} {value}: {stderr}"
        );
        assert!(!report.exists(), "{option} {value} wrote a report");
    }
}

#[test]
fn more_folds_than_labelled_items_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("w.toml");
    let out = calque(
        &[
            "tune",
            &repo().join(LABELLED).display().to_string(),
            "--label-col",
            "is_troll",
            "-o",
            &path_str(&config),
            "--folds",
            "1000",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--folds 1000 is more than the"), "{stderr}");
    assert!(!config.exists());
}

#[test]
fn too_many_threads_are_capped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("s.json");
    let out = calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&dir.path().join("r.csv")),
        "--summary",
        &path_str(&summary),
        "-q",
        "--threads",
        "100000",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: --threads 100000"), "{stderr}");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    let threads = summary["threads"].as_u64().unwrap() as usize;
    assert!(threads <= 4 * cores, "{threads} threads on {cores} cores");
}

#[test]
fn values_in_range_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&report),
        "-q",
        "--top",
        "3",
        "--min-score",
        "0",
        "--max-record-bytes",
        "1073741824",
        "--sort-memory-mib",
        "1",
        "--batch-size",
        "1",
        "--threads",
        "1",
    ]);
    assert_eq!(read_csv(&report).len(), 3);
}
