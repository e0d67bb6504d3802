//! `calque narratives check|match` and `scan --narratives`: claim databases in every layout,
//! errors with their position, the narrative and context columns of the report.

mod common;

use common::*;
use std::fs;

fn narr(name: &str) -> String {
    fixture(&format!("narratives/{name}"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_reports_claims_per_language_and_what_was_skipped_where() {
    let out = stdout(&calque_ok(&["narratives", "check", &narr("claims.csv")]));
    assert!(
        out.contains("(csv, column \"title\"): 2 claims loaded (en 2)"),
        "{out}"
    );
    assert!(
        out.contains("skipped 1: duplicate of an earlier claim (at 4 = 3)"),
        "{out}"
    );
    assert!(out.contains("skipped 1: empty claim text (at 5)"), "{out}");
    let out = stdout(&calque_ok(&[
        "narratives",
        "check",
        &narr("claimreview.json"),
    ]));
    assert!(out.contains("2 claims loaded (en 1, fr 1)"), "{out}");
    assert!(out.contains("(at $[2])"), "{out}");
    let out = stdout(&calque_ok(&[
        "narratives",
        "check",
        &narr("search-export.json"),
    ]));
    assert!(out.contains("(json): 2 claims loaded (en 2)"), "{out}");
    let out = stdout(&calque_ok(&["narratives", "check", &narr("claims.jsonl")]));
    assert!(out.contains("1 claims loaded (en 1)"), "{out}");
    assert!(
        out.contains("language de: only English and French claims are matched (at line 3)"),
        "{out}"
    );
    assert!(
        out.contains("ClaimReview without claimReviewed (at line 4)"),
        "{out}"
    );
}

#[test]
fn malformed_databases_stop_with_their_position_and_exit_code_4() {
    let out = calque(&["narratives", "check", &narr("broken.jsonl")], None);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.jsonl:3:"), "{err}");
    let named = format!("summary={}", narr("claims.csv"));
    let out = calque(&["narratives", "check", &named], None);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claims.csv:1: no column \"summary\""));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "title,id\n\"ok\",1\n\"unterminated,2\nx,y,z\n").unwrap();
    let out = calque(&["narratives", "check", &path_str(&bad)], None);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.csv:"),
        "{out:?}"
    );
}

#[test]
fn scan_reports_the_claim_its_source_the_matched_words_and_the_context() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    fs::write(
        &input,
        "id,author,text\n\
         1,@someone,\"Maia Sandu embezzled $24 million and she is addicted to psychotropic drugs!\"\n\
         2,@AFPFactCheck,\"Maia Sandu embezzled $24 million and is addicted to psychotropic drugs? False.\"\n\
         3,@someone,The weather in Chisinau is lovely today\n",
    )
    .unwrap();
    let report = dir.path().join("report.csv");
    calque_ok(&[
        "scan",
        &path_str(&input),
        "--narratives",
        &narr("claimreview.json"),
        // Without the embedded Matryoshka rules, which declare the same claim.
        "--no-embedded-rules",
        "--rules",
        &repo().join("data/campaigns/ira.toml").display().to_string(),
        "-o",
        &path_str(&report),
        "-q",
    ]);
    let rows = read_csv(&report);
    let by_id = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    let post = by_id("1");
    assert!(
        post["narrative"].starts_with("Maia Sandu embezzled"),
        "{post:?}"
    );
    assert_eq!(
        post["narrative_source"],
        "https://example.org/fact-check/sandu-24-million"
    );
    assert!(post["narrative_score"].parse::<f64>().unwrap() >= 0.4);
    assert!(post["evidence"].contains("NARRATIVE"), "{post:?}");
    assert!(post["evidence"].contains("\"Sandu\""), "{post:?}");
    // evidence_spans: the same NARRATIVE entry, every matched word as byte offsets.
    let spans = post["evidence_spans"]
        .split(';')
        .find_map(|e| e.strip_prefix("NARRATIVE:"))
        .unwrap_or_else(|| panic!("{post:?}"));
    let words: Vec<&str> = spans
        .split(',')
        .map(|s| {
            let (a, b) = s.split_once('-').unwrap();
            &post["text"][a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()]
        })
        .collect();
    assert!(
        words.contains(&"Sandu") && words.contains(&"psychotropic"),
        "{words:?}"
    );
    assert_eq!(post["context"], "none");
    // The fact-checker's own post: same claim, context debunk (its author), capped.
    let check = by_id("2");
    assert_eq!(check["context"], "debunk", "{check:?}");
    assert!(
        check["evidence"].contains("author @AFPFactCheck"),
        "{check:?}"
    );
    // A cue found in the text is in evidence_spans too; the author (no span) is not.
    assert!(
        check["evidence_spans"].contains("NARRATIVE:")
            && !check["evidence_spans"].contains("author"),
        "{check:?}"
    );
    assert_ne!(check["level"], "high");
    // Nothing matched: context not looked for.
    let other = by_id("3");
    assert_eq!(other["narrative"], "");
    assert_eq!(other["context"], "");
}

#[test]
fn match_lists_the_best_claims_with_their_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("q.csv");
    fs::write(
        &input,
        "id,text\nq1,\"Pentagon runs secret bioweapons laboratories in Ukraine, the United States admits\"\n",
    )
    .unwrap();
    let out = dir.path().join("m.csv");
    calque_ok(&[
        "narratives",
        "match",
        &path_str(&input),
        "--narratives",
        &narr("search-export.json"),
        "--no-embedded-rules",
        "--rules",
        &repo().join("data/campaigns/ira.toml").display().to_string(),
        "-o",
        &path_str(&out),
    ]);
    let rows = read_csv(&out);
    assert_eq!(rows[0]["id"], "q1");
    assert_eq!(rows[0]["rank"], "1");
    assert_eq!(
        rows[0]["claim_source"],
        "https://example.org/fact-check/biolabs"
    );
}

#[test]
fn reports_with_claims_loaded_are_identical_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("id,text\n");
    let claims = [
        "Maia Sandu embezzled 24 million dollars and is addicted to psychotropic drugs",
        "The United States runs secret bioweapons laboratories in Ukraine",
        "La France instaure une taxe sur chaque transaction bancaire pour financer l'Ukraine",
        "FACT CHECK: Koch Farms turkeys did not poison families with salmonella, a hoax",
        "A perfectly ordinary sentence about the weather and the garden.",
    ];
    for i in 0..600 {
        text.push_str(&format!("{i},\"{} #{i}\"\n", claims[i % claims.len()]));
    }
    let input = dir.path().join("many.csv");
    fs::write(&input, text).unwrap();
    let mut reports = Vec::new();
    for threads in ["1", "4"] {
        let out = dir.path().join(format!("r{threads}.csv"));
        calque_ok(&[
            "scan",
            &path_str(&input),
            "--narratives",
            &narr("claimreview.json"),
            "--narratives",
            &narr("search-export.json"),
            "--threads",
            threads,
            "--batch-size",
            "97",
            "-o",
            &path_str(&out),
            "-q",
        ]);
        reports.push(fs::read(&out).unwrap());
    }
    assert_eq!(reports[0], reports[1]);
    let rows = read_csv(&dir.path().join("r1.csv"));
    assert!(rows.iter().filter(|r| !r["narrative"].is_empty()).count() >= 400);
    assert!(rows.iter().any(|r| r["context"] == "debunk"));
}
