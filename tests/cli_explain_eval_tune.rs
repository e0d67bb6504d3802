//! The researchers' loop, driven through the binary: `calque explain`, `eval` and `tune`.
//! Fixtures under tests/fixtures/labelled* are SYNTHETIC texts written for these tests.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn calque(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_calque"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run calque")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(args: &[&str]) -> String {
    let o = calque(args);
    assert!(
        o.status.success(),
        "calque {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

fn close(v: &Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - x).abs() < 1e-9)
}

const LEX: &str = "The meeting will take place in the nearest time.";

#[test]
fn explain_text_shows_spans_contributions_and_the_formula() {
    let out = ok(&["explain", LEX]);
    assert!(out.contains("language:      en"), "{out}");
    assert!(out.contains("RU-EN-LEX-001"), "{out}");
    assert!(out.contains("28..47 \"in the nearest time\""), "{out}");
    assert!(
        out.contains("overall = 1 - (1 - 1 × 0.0000) × (1 - 0.6 × 0.5507) × (1 - 0.6 × 0.0000)"),
        "{out}"
    );
}

#[test]
fn explain_json_has_the_numbers() {
    let v: Value = serde_json::from_str(&ok(&["explain", "--format", "json", LEX])).unwrap();
    assert_eq!(v["language"]["code"], "en");
    assert_eq!(
        v["normalized"],
        "the meeting will take place in the nearest time."
    );
    let h = &v["heuristics"][0];
    assert_eq!(h["code"], "RU-EN-LEX-001");
    assert_eq!(h["spans"][0]["start"], 28);
    assert_eq!(h["spans"][0]["end"], 47);
    assert_eq!(h["spans"][0]["text"], "in the nearest time");
    // One hit of weight 0.8 in a 9-token item: contribution 0.8; interference 1 - e^-0.8;
    // overall 0.6 × interference.
    assert!(close(&h["contribution"], 0.8));
    let interference = 1.0 - (-0.8f64).exp();
    assert!(close(&v["interference_score"], interference));
    assert!(close(&v["score"], 0.6 * interference));
    assert_eq!(v["level"], "low");
}

#[test]
fn explain_shows_combinations_and_their_parts() {
    let text =
        "Is this real? A BBC video says Ukrainian refugees attacked a church. Can you verify?";
    let v: Value = serde_json::from_str(&ok(&["explain", "--format", "json", text])).unwrap();
    let inds = v["indicators"].as_array().unwrap();
    let combo = inds
        .iter()
        .find(|i| i["id"] == "MAT-005")
        .expect("MAT-005 fired");
    assert_eq!(combo["counted"], true);
    assert_eq!(
        combo["parts_fired"],
        serde_json::json!(["MAT-003", "MAT-001"])
    );
    let part = inds
        .iter()
        .find(|i| i["id"] == "MAT-003")
        .expect("MAT-003 fired");
    assert_eq!(part["part"], true);
    assert_eq!(part["counted"], false);
    assert!(part["weight"].is_null());
    assert!(part["part_of"]
        .as_array()
        .unwrap()
        .contains(&"MAT-005".into()));
    assert_eq!(v["level"], "high");
}

#[test]
fn explain_picks_one_record_of_a_batch_by_id() {
    let out = ok(&[
        "explain",
        "--input",
        "tests/fixtures/labelled.csv",
        "--id",
        "p02",
    ]);
    assert!(out.contains("RU-EN-PREP-001"), "{out}");
    assert!(out.contains("0..12 \"On the photo\""), "{out}");
    let missing = calque(&[
        "explain",
        "--input",
        "tests/fixtures/labelled.csv",
        "--id",
        "nope",
    ]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no record with id \"nope\""));
    assert_eq!(calque(&["explain"]).status.code(), Some(2));
}

#[test]
fn explain_reads_a_whole_file_as_one_item() {
    let out = ok(&[
        "explain",
        "--file",
        "tests/fixtures/labelled_pos.txt",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v["heuristics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"RU-EN-PREP-001") && codes.contains(&"RU-EN-LEX-001"),
        "{codes:?}"
    );
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn path_in(dir: &tempfile::TempDir, name: &str) -> String {
    let p: PathBuf = dir.path().join(name);
    p.display().to_string()
}

#[test]
fn eval_metrics_match_a_hand_worked_case() {
    // p1 fires RU-EN-LEX-001 (score 0.6·(1-e^-0.8) ≈ 0.33); p2, n1, n2 score 0.
    // ROC-AUC: p1 beats both negatives (2), p2 ties both (2 × ½) → 3/4.
    // AP: {p1} precision 1 for recall ½; {p2, n1, n2} precision 2/4 for recall ½ → 3/4.
    // Best F1: at p1's score P=1, R=½ → ⅔; at 0, P=½, R=1 → ⅔; tie → the higher threshold.
    let dir = temp_dir();
    let json = path_in(&dir, "m.json");
    let csv = path_in(&dir, "m.csv");
    let fixture = "tests/fixtures/labelled_small.jsonl";
    let table = ok(&["eval", fixture, "--label-col", "meta.label", "--out", &json]);
    assert!(table.contains("| overall "), "{table}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["positives"], 2);
    assert_eq!(v["negatives"], 2);
    let overall = v["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["language"] == "all" && r["score"] == "overall")
        .unwrap();
    assert!(close(&overall["roc_auc"], 0.75));
    assert!(close(&overall["pr_auc"], 0.75));
    let p1 = 0.6 * (1.0 - (-0.8f64).exp());
    assert!(close(&overall["best_f1"]["threshold"], p1));
    assert!(close(&overall["best_f1"]["f1"], 2.0 / 3.0));
    assert!(close(&overall["fpr_at_high"], 0.0));
    assert!(overall["precision_at_10"].is_null(), "fewer than 10 items");
    let lex = v["heuristics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["code"] == "RU-EN-LEX-001")
        .unwrap();
    assert_eq!(lex["fires_on_positives"], 1);
    assert_eq!(lex["fires_on_negatives"], 0);
    assert!(close(&lex["precision"], 1.0));
    assert!(close(&lex["recall"], 0.5));
    assert!(close(&lex["lift"], 2.0));

    ok(&["eval", fixture, "--label-col", "meta.label", "--out", &csv]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("table,language,subject,metric,value\n"),
        "{text}"
    );
    assert!(
        text.contains("\nscores,all,overall,roc_auc,0.75\n"),
        "{text}"
    );
    assert!(
        text.contains("\nheuristics,en,RU-EN-LEX-001,fires_on_positives,1\n"),
        "{text}"
    );
}

#[test]
fn eval_counts_records_it_could_not_label() {
    let dir = temp_dir();
    let json = path_in(&dir, "m.json");
    ok(&[
        "eval",
        "tests/fixtures/labelled.csv",
        "--label-col",
        "is_troll",
        "--out",
        &json,
    ]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let input = &v["inputs"][0];
    assert_eq!(input["records_read"], 43);
    assert_eq!(input["rejected"], 1);
    assert_eq!(input["missing_label"], 1);
    assert_eq!(input["unparseable_label"], 1);
    assert_eq!(v["positives"], 20);
    assert_eq!(v["negatives"], 20);
}

#[test]
fn eval_with_fixed_labels_per_file() {
    let dir = temp_dir();
    let json = path_in(&dir, "m.json");
    ok(&[
        "eval",
        "--label-file",
        "tests/fixtures/labelled_pos.txt=1",
        "--label-file",
        "tests/fixtures/labelled_neg.txt=0",
        "--out",
        &json,
    ]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["positives"], 3);
    assert_eq!(v["negatives"], 2);
    assert_eq!(v["inputs"][1]["label_source"], "fixed 0");
    let overall = &v["scores"][0];
    assert!(close(&overall["roc_auc"], 1.0), "{overall}");

    let unlabelled = calque(&["eval", "tests/fixtures/labelled.csv"]);
    assert_eq!(unlabelled.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&unlabelled.stderr).contains("--label-col"));
    let wrong = calque(&["eval", "tests/fixtures/labelled.csv", "--label-col", "nope"]);
    assert_eq!(wrong.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&wrong.stderr)
        .contains("no label column named \"nope\" (--label-col)"));
    let bad = calque(&["eval", "--label-file", "x.csv=maybe"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn score_of(report_csv: &str, id: &str) -> f64 {
    let mut r = csv::Reader::from_reader(report_csv.as_bytes());
    let headers = r.headers().unwrap().clone();
    let id_col = headers.iter().position(|h| h == "id").unwrap();
    let score_col = headers.iter().position(|h| h == "score").unwrap();
    r.records()
        .map(|rec| rec.unwrap())
        .find(|rec| &rec[id_col] == id)
        .map(|rec| rec[score_col].parse().unwrap())
        .unwrap()
}

#[test]
fn tune_writes_a_config_that_scan_reads_and_that_changes_scores() {
    let dir = temp_dir();
    let weights = path_in(&dir, "weights.toml");
    let out = ok(&[
        "tune",
        "tests/fixtures/labelled.csv",
        "--label-col",
        "is_troll",
        "--min-fires",
        "3",
        "-o",
        &weights,
    ]);
    assert!(out.contains("Cross-validated ROC-AUC"), "{out}");
    let config = std::fs::read_to_string(&weights).unwrap();
    assert!(config.contains("[weights]"), "{config}");
    // Transliterations fire only on the fixture's negatives: switched off.
    assert!(config.contains("RU-EN-TRANS-001 = 0.0"), "{config}");

    let fixture = "tests/fixtures/labelled.csv";
    // The fixture's ragged comment row is rejected: into /dev/null, not the working directory.
    let quiet = ["-o", "-", "-q", "--rejects", "/dev/null"];
    let default = ok(&[&["scan", fixture][..], &quiet].concat());
    let tuned = ok(&[&["scan", fixture][..], &quiet, &["--config", &weights]].concat());
    assert!(score_of(&default, "n01") > 0.0);
    assert_eq!(score_of(&tuned, "n01"), 0.0);

    // eval reads the same config, and on this (training) data it ranks better.
    let auc = |extra: &[&str]| {
        let json = path_in(&dir, "m.json");
        let mut args = vec!["eval", fixture, "--label-col", "is_troll", "--out", &json];
        args.extend_from_slice(extra);
        ok(&args);
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        v["scores"][0]["roc_auc"].as_f64().unwrap()
    };
    assert!(auc(&["--config", &weights]) > auc(&[]));
}
