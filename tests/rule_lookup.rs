//! One lookup for every rule: `calque rule CODE` resolves every heuristic code and every
//! campaign indicator id that the listings name; the listings' CSV and JSON agree.

mod common;

use common::*;

fn json_codes(args: &[&str]) -> Vec<serde_json::Value> {
    let out = calque_ok(args);
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
}

#[test]
fn every_listed_code_is_resolvable_by_calque_rule() {
    let heuristics = json_codes(&["heuristics", "--format", "json"]);
    let indicators = json_codes(&["rules", "list", "--format", "json"]);
    assert!(heuristics.len() >= 90, "{} heuristics", heuristics.len());
    assert!(indicators.len() >= 50, "{} indicators", indicators.len());
    assert!(heuristics.iter().all(|h| h["type"] == "heuristic"));
    assert!(indicators.iter().all(|i| i["type"] == "indicator"));
    let codes: Vec<String> = heuristics
        .iter()
        .chain(&indicators)
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    // Every code at once, in lower case: one process, one answer per code, in order.
    let lower: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
    let mut args = vec!["rule", "--format", "json"];
    args.extend(lower.iter().map(String::as_str));
    let resolved = json_codes(&args);
    let got: Vec<&str> = resolved
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(got, codes);
    for r in &resolved {
        assert!(
            !r["description"].as_str().unwrap().is_empty(),
            "{} has no description",
            r["code"]
        );
        if r["type"] == "indicator" {
            assert!(!r["source"].as_str().unwrap().is_empty(), "{}", r["code"]);
            assert!(!r["disarm"].as_array().unwrap().is_empty(), "{}", r["code"]);
        }
    }
}

#[test]
fn rule_prints_description_examples_source_and_disarm() {
    let out = calque_ok(&["rule", "MAT-005"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "MAT-005 — all_of indicator of campaign matryoshka",
        "What it detects",
        "Source",
        "DISARM techniques",
        "T0087",
        "Examples that fire",
        "https://",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let out = calque_ok(&["rule", "RU-EN-PREP-001"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("interference heuristic on-the-photo"));
    assert!(text.contains("+ You can see on the photo"));

    let out = calque(&["rule", "MAT-999"], None);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean MAT-"), "{err}");
    // `calque heuristics CODE` points to `calque rule` for indicators.
    let out = calque(&["heuristics", "MAT-005"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("calque rule MAT-005"));
}

#[test]
fn rules_list_csv_has_one_row_per_indicator_with_every_field() {
    let out = calque_ok(&["rules", "list", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    for col in [
        "code",
        "group",
        "description",
        "source",
        "disarm",
        "references",
    ] {
        assert!(header.iter().any(|h| h == col), "{col}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let indicators = json_codes(&["rules", "list", "--format", "json"]);
    assert_eq!(rows.len(), indicators.len());
    let mat = rows.iter().find(|r| &r[0] == "MAT-005").unwrap();
    assert_eq!(&mat[3], "matryoshka");
    assert!(mat[12].contains("T0087"));
}
