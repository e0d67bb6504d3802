//! `calque accounts` end to end: from CSV and JSON Lines reports, the summary, labels, base
//! rates, and the outputs it refuses to write.

mod common;

use common::*;
use std::fs;

/// The bundled sample scanned once for all the tests, to a CSV and a JSON Lines report (in
/// cargo's temporary directory for integration tests).
fn sample_reports(_dir: &std::path::Path) -> (String, String) {
    static REPORTS: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    REPORTS
        .get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("accounts_cli");
            fs::create_dir_all(&dir).unwrap();
            let csv_report = path_str(&dir.join("report.csv"));
            let jsonl_report = path_str(&dir.join("report.jsonl"));
            calque_ok(&["scan", &sample("posts.csv"), "-o", &csv_report, "-q"]);
            calque_ok(&[
                "scan",
                &sample("posts.csv"),
                "-o",
                &jsonl_report,
                "--format",
                "jsonl",
                "-q",
            ]);
            (csv_report, jsonl_report)
        })
        .clone()
}

#[test]
fn csv_and_jsonl_reports_give_the_same_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_report, jsonl_report) = sample_reports(dir.path());
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    let summary = dir.path().join("summary.json");
    let out = calque_ok(&[
        "accounts",
        &csv_report,
        "-o",
        &path_str(&a),
        "--summary",
        &path_str(&summary),
    ]);
    calque_ok(&["accounts", &jsonl_report, "-o", &path_str(&b), "-q"]);
    // The reports name their source file differently; nothing else may differ.
    let (a, b) = (
        fs::read_to_string(&a).unwrap(),
        fs::read_to_string(&b).unwrap(),
    );
    assert_eq!(a.replace("report.csv", "report.jsonl"), b);
    let rows = read_csv(&dir.path().join("a.csv"));
    assert_eq!(rows.len(), 40, "one account per author in the sample");
    assert_eq!(rows[0]["rank"], "1");
    assert_eq!(rows[0]["level"], "high");
    assert!(rows
        .iter()
        .all(|r| r["level"] != "low" || r["posts"] != "1"));
    let s: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["accounts"], 40);
    assert_eq!(s["posts"], 40);
    assert_eq!(s["accounts_schema_version"], "2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("40 accounts"), "{stderr}");
}

#[test]
fn scan_accounts_writes_the_table_calque_accounts_writes_from_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = path_str(&dir.path().join("r.csv"));
    let during = dir.path().join("during.csv");
    let after = dir.path().join("after.csv");
    let summary = dir.path().join("s.json");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &report,
        "--accounts",
        &path_str(&during),
        "--summary",
        &path_str(&summary),
        "-q",
    ]);
    calque_ok(&["accounts", &report, "-o", &path_str(&after), "-q"]);
    assert_eq!(fs::read(&during).unwrap(), fs::read(&after).unwrap());
    let s: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["accounts"]["accounts"], 40, "{s}");
    // Without --accounts, the summary has no accounts entry.
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &report,
        "--summary",
        &path_str(&summary),
        "-q",
    ]);
    let s: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&summary).unwrap()).unwrap();
    assert!(s.get("accounts").is_none());
}

#[test]
fn jsonl_table_has_numbers_and_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_report, _) = sample_reports(dir.path());
    let out = calque_ok(&[
        "accounts",
        &csv_report,
        "-o",
        "-",
        "--format",
        "jsonl",
        "-q",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["rank"], 1);
    assert!(first["score"].is_number() && first["posts"].is_number());
    assert!(first["interference_p"].is_number());
    for column in calque::accounts::table::COLUMNS {
        assert!(first.get(column).is_some(), "{column}");
    }
    assert_eq!(text.lines().count(), 40);
}

#[test]
fn labels_give_roc_auc_from_calque_s_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_report, _) = sample_reports(dir.path());
    let rows = read_csv(&std::path::PathBuf::from(&csv_report));
    // Label the authors of campaign posts 1, the others 0.
    let mut labels = String::from("platform,account,label\n");
    for r in &rows {
        let author = r["author"].trim_start_matches('\'');
        let label = u8::from(!r["campaign"].is_empty());
        labels += &format!("{},{author},{label}\n", r["platform"]);
    }
    let labels_path = dir.path().join("labels.csv");
    fs::write(&labels_path, labels).unwrap();
    let eval = dir.path().join("eval.json");
    calque_ok(&[
        "accounts",
        &csv_report,
        "-o",
        &path_str(&dir.path().join("acc.csv")),
        "-q",
        "--eval-labels",
        &path_str(&labels_path),
        "--eval-out",
        &path_str(&eval),
    ]);
    let e: serde_json::Value = serde_json::from_str(&fs::read_to_string(&eval).unwrap()).unwrap();
    assert_eq!(e["unlabelled_accounts"], 0, "{e}");
    // Campaign accounts are exactly those with a campaign score: the score separates them.
    assert_eq!(e["roc_auc_score"], 1.0, "{e}");
    assert!(e["positive"]["accounts"].as_u64().unwrap() > 0);
}

#[test]
fn base_rates_are_fitted_from_native_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_report, _) = sample_reports(dir.path());
    let rates = dir.path().join("rates.toml");
    calque_ok(&[
        "accounts",
        "--fit-base-rates",
        &csv_report,
        "-o",
        &path_str(&rates),
        "-q",
    ]);
    let text = fs::read_to_string(&rates).unwrap();
    assert!(text.contains("[accounts.base_rates.en]"), "{text}");
    // The fitted file is a config that scan and accounts accept.
    calque_ok(&[
        "accounts",
        &csv_report,
        "--config",
        &path_str(&rates),
        "-o",
        &path_str(&dir.path().join("acc.csv")),
        "-q",
    ]);
}

#[test]
fn bad_inputs_and_outputs_fail_with_their_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_report, _) = sample_reports(dir.path());
    // Not a report: the posts themselves.
    let out = calque(&["accounts", &sample("posts.csv"), "-o", "-"], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a calque report"));
    // The output would overwrite the input.
    let copy = path_str(&dir.path().join("copy.csv"));
    fs::copy(&csv_report, &copy).unwrap();
    let out = calque(&["accounts", &copy, "-o", &copy], None);
    assert_eq!(out.status.code(), Some(2), "a usage error, as for scan");
    assert_eq!(fs::read(&copy).unwrap(), fs::read(&csv_report).unwrap());
    // A missing input.
    let out = calque(&["accounts", "nope.csv", "-o", "-"], None);
    assert_eq!(out.status.code(), Some(3));
    // An invalid config section.
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[accounts]\nfdr_high = 2\n").unwrap();
    let out = calque(
        &[
            "accounts",
            &csv_report,
            "--config",
            &path_str(&bad),
            "-o",
            "-",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(5));
}
