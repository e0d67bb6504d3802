//! One lookup for every rule: `calque rule CODE` resolves every heuristic code, campaign
//! indicator id, narrative id and context cue that the listings name, and every code a report's
//! `evidence_spans` column names; the listings' CSV and JSON agree.

mod common;

use common::*;

fn json_codes(args: &[&str]) -> Vec<serde_json::Value> {
    let out = calque_ok(args);
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
}

/// `calque rule --format json CODES…` (one process), asserting one answer per code, in order:
/// the rules as `wanted` names them.
fn resolve(codes: &[String], wanted: &[String]) -> Vec<serde_json::Value> {
    let mut args = vec!["rule", "--format", "json"];
    args.extend(codes.iter().map(String::as_str));
    let resolved = json_codes(&args);
    let got: Vec<&str> = resolved
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(got, wanted);
    resolved
}

#[test]
fn every_listed_code_is_resolvable_by_calque_rule() {
    let heuristics = json_codes(&["heuristics", "--format", "json"]);
    let indicators = json_codes(&["rules", "list", "--format", "json"]);
    assert!(heuristics.len() >= 90, "{} heuristics", heuristics.len());
    assert!(heuristics.iter().all(|h| h["type"] == "heuristic"));
    // `rules list` lists what the rule files and context lists define, each with its type.
    let of_type = |t: &str| indicators.iter().filter(|i| i["type"] == t).count();
    assert!(
        of_type("indicator") >= 50,
        "{} indicators",
        of_type("indicator")
    );
    assert!(
        of_type("narrative") >= 10,
        "{} narratives",
        of_type("narrative")
    );
    assert!(
        of_type("context") >= 8,
        "{} context cues",
        of_type("context")
    );
    assert_eq!(
        of_type("indicator") + of_type("narrative") + of_type("context"),
        indicators.len()
    );
    for code in ["NARRATIVE", "CTX-EN-VERDICT", "CTX-QUOTE", "MAT-N01"] {
        assert!(indicators.iter().any(|i| i["code"] == code), "{code}");
    }
    let codes: Vec<String> = heuristics
        .iter()
        .chain(&indicators)
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    // Every code at once, in lower case: one process, one answer per code, in order.
    let lower: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
    let resolved = resolve(&lower, &codes);
    for r in &resolved {
        assert!(
            !r["description"].as_str().unwrap().is_empty(),
            "{} has no description",
            r["code"]
        );
        if r["type"] != "heuristic" {
            assert!(!r["source"].as_str().unwrap().is_empty(), "{}", r["code"]);
        }
        if r["type"] == "indicator" || (r["type"] == "narrative" && r["code"] != "NARRATIVE") {
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

/// The codes of a report's `evidence_spans` column, each once, in order of appearance.
fn evidence_codes(run: &Run) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for row in &run.report {
        let entries = calque::report::evidence_spans::parse(&row["evidence_spans"])
            .unwrap_or_else(|e| panic!("{e}: {row:?}"));
        for e in entries {
            if !codes.contains(&e.code) {
                codes.push(e.code);
            }
        }
    }
    codes
}

#[test]
fn every_code_in_evidence_spans_resolves_with_calque_rule() {
    let dir = tempfile::tempdir().unwrap();
    // Items that bring the derived context signs: the matched claim quoted with reported
    // speech (CTX-QUOTE), a link to a fact-check (CTX-ORG-LINK), a fact-checker's own post.
    let posts = write(
        dir.path(),
        "posts.csv",
        b"id,author,url,text\n\
          q1,@someone,,\"The post claims that \"\"Maia Sandu embezzled $24 million and is addicted to psychotropic drugs\"\" - no evidence.\"\n\
          l1,@someone,,\"False: Maia Sandu embezzled $24 million and is addicted to psychotropic drugs. See https://factuel.afp.com/doc.afp.com.34XY7\"\n\
          a1,@AFPFactCheck,https://factuel.afp.com/x,\"Maia Sandu embezzled $24 million and is addicted to psychotropic drugs? False.\"\n",
    );
    let run = scan(
        dir.path(),
        &[
            &sample("posts.csv"),
            &fixture("context/hard-negatives.csv"),
            &posts,
        ],
        &["--narratives", &fixture("narratives/claimreview.json")],
        None,
    );
    let codes = evidence_codes(&run);
    // The scan exercises every kind of code, so that the lookup below means something.
    for code in [
        "NARRATIVE",
        "CTX-EN-VERDICT",
        "CTX-ATTRIBUTION",
        "CTX-QUOTE",
        "CTX-ORG-LINK",
        "MAT-012",
        "RU-EN-PREP-001",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} not in {codes:?}");
    }
    // No free text where a code belongs: every code is an upper-case id.
    for code in &codes {
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "{code:?} is not a code"
        );
    }
    resolve(&codes, &codes);
    // The fact-checker's own post names the spanless signs in `evidence`, with what was seen.
    let a1 = run.report.iter().find(|r| r["id"] == "a1").unwrap();
    assert!(
        a1["evidence"].contains("CTX-ORG-AUTHOR (author @AFPFactCheck is AFP"),
        "{a1:?}"
    );
    assert!(
        a1["evidence"].contains("CTX-ORG-URL (url on a site of AFP"),
        "{a1:?}"
    );
    let q1 = run.report.iter().find(|r| r["id"] == "q1").unwrap();
    assert!(
        q1["evidence"].contains("CTX-QUOTE (quotes the matched text): \"Maia\""),
        "{q1:?}"
    );
}

#[test]
fn context_cues_narrative_ids_and_the_narrative_entry_are_described() {
    let text = |args: &[&str]| String::from_utf8(calque_ok(args).stdout).unwrap();
    // One process for the three (each `calque rule` loads every rule file).
    let all = text(&["rule", "ctx-en-verdict", "MAT-N02", "NARRATIVE"]);
    let cue = all.split("\nMAT-N02 — ").next().unwrap();
    for part in [
        "CTX-EN-VERDICT — context cue (debunk)",
        "languages: en",
        "context.toml:",
        "caps the overall score at context_cap (0.60)",
        "\"never aired\"",
    ] {
        assert!(cue.contains(part), "{part:?} missing from:\n{cue}");
    }
    let claim = &all[cue.len()..];
    for part in [
        "MAT-N02 — known claim (narrative) of campaign matryoshka",
        "languages: en",
        "Maia Sandu embezzled 24 million dollars",
        "NewsGuard (2025, Moldova wave)",
        "https://militarnyi.com/",
        "matryoshka.toml:",
        "+ Maia Sandu embezzled $24 million",
    ] {
        assert!(claim.contains(part), "{part:?} missing from:\n{claim}");
    }
    let entry = all.split("\nNARRATIVE — ").nth(1).unwrap();
    assert!(entry.contains("narrative_source"), "{entry}");
    assert!(entry.contains("docs/scoring.md"), "{entry}");
    // A claim database's claim, by its id, only when the database is given.
    let url = "https://example.org/case/usaid-celebrities";
    let db = text(&[
        "rule",
        url,
        "--narratives",
        &fixture("narratives/claims.csv"),
    ]);
    assert!(
        db.contains("USAID paid Hollywood celebrities") && db.contains("claims.csv:3"),
        "{db}"
    );
    let out = calque(&["rule", url], None);
    assert_eq!(out.status.code(), Some(3));
}
