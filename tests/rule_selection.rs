//! `--select` / `--ignore`: deselected rules are not compiled (so cost nothing per item), the
//! building blocks of a selected combination still run but count only through it, and a
//! selector that matches nothing is an error.

mod common;

use calque::campaigns::{outlets::Outlets, CampaignSet, RuleSources};
use calque::config::Config;
use calque::rule_selection::RuleSelection;
use calque::{Analyzer, FatalKind};
use common::*;

fn analyzer(select: &[&str], ignore: &[&str], config: Config) -> calque::Result<Analyzer> {
    let selection = RuleSelection::new(select, ignore);
    let mut sources = RuleSources::embedded();
    sources.select(selection.clone());
    let set = CampaignSet::load(&sources, Outlets::embedded()?)?;
    Analyzer::with_selection(config, set, &selection)
}

const SOLICITATION: &str =
    "You can see on the photo. @AFPFactCheck can you verify this BBC video? Is this real?";

#[test]
fn deselected_heuristics_and_indicators_are_not_compiled() {
    let all = analyzer(&[], &[], Config::default()).unwrap();
    let only_prep = analyzer(&["ru-en-prep"], &[], Config::default()).unwrap();
    assert!(!only_prep.heuristics.is_empty());
    assert!(only_prep.heuristics.len() < all.heuristics.len());
    for (h, _) in &only_prep.heuristics {
        assert!(
            h.info().code.starts_with("RU-EN-PREP-"),
            "{}",
            h.info().code
        );
    }
    // Only heuristics selected: no campaign is compiled at all.
    assert!(only_prep.campaigns.indicators.is_empty());
    assert!(only_prep.campaigns.left_out.len() == all.campaigns.indicators.len());

    let a = only_prep.analyze(SOLICITATION);
    assert!(a.indicator_hits.is_empty());
    assert_eq!(a.heuristic_hits.len(), 1);
    // The same text with every rule: campaign evidence too.
    assert!(!all.analyze(SOLICITATION).campaigns.is_empty());
}

#[test]
fn parts_of_a_selected_combination_run_but_count_only_through_it() {
    let an = analyzer(&["MAT-005"], &[], Config::default()).unwrap();
    let ids: Vec<&str> = an
        .campaigns
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["MAT-001", "MAT-003", "MAT-005"]);
    // MAT-001 counts alone when every rule runs; here it is only a building block.
    let mat001 = &an.campaigns.indicators[0];
    assert!(mat001.part, "MAT-001 should be demoted to a part");
    let a = an.analyze(SOLICITATION);
    let best = a.best_campaign().unwrap();
    let counted: Vec<&str> = best
        .counted
        .iter()
        .map(|&k| {
            an.campaigns.indicators[a.indicator_hits[k].indicator]
                .id
                .as_str()
        })
        .collect();
    assert_eq!(counted, ["MAT-005"]);
    // A verification request without an outlet name: MAT-001 alone must not score.
    let bare = an.analyze("@someone can you verify this?");
    assert!(bare.campaigns.is_empty(), "{:?}", bare.campaigns);
}

#[test]
fn ignore_wins_ties_and_the_more_specific_selector_wins() {
    let an = analyzer(&["RU-EN-PREP-001"], &["RU-"], Config::default()).unwrap();
    let codes: Vec<&str> = an.heuristics.iter().map(|(h, _)| h.info().code).collect();
    assert_eq!(codes, ["RU-EN-PREP-001"]);
    let an = analyzer(&[], &["MAT-", "RU-FR-"], Config::default()).unwrap();
    assert!(an
        .campaigns
        .indicators
        .iter()
        .all(|i| !i.id.starts_with("MAT-")));
    assert!(an.campaigns.campaigns.iter().all(|c| c.id != "matryoshka"));
    assert!(an
        .heuristics
        .iter()
        .all(|(h, _)| !h.info().code.starts_with("RU-FR-")));
}

#[test]
fn unknown_selectors_are_errors_and_weights_of_deselected_rules_are_not() {
    let err = analyzer(&["RU-EN-PREPP"], &[], Config::default())
        .err()
        .expect("a typo must not silently select nothing");
    assert_eq!(err.kind, FatalKind::Config);
    assert!(err.message.contains("RU-EN-PREPP"), "{}", err.message);

    let mut config = Config::default();
    config.weights.insert("MAT-001".into(), 0.2);
    config.weights.insert("RU-FR-ART-001".into(), 0.2);
    analyzer(&["RU-EN-"], &[], config.clone()).expect("deselected codes are still known");
    config.weights.insert("NOPE-1".into(), 0.2);
    assert!(analyzer(&["RU-EN-"], &[], config).is_err());
}

#[test]
fn scan_and_explain_take_select_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    calque_ok(&[
        "scan",
        &sample("posts.csv"),
        "-o",
        &path_str(&report),
        "-q",
        "--ignore",
        "MAT-",
    ]);
    let rows = read_csv(&report);
    assert_eq!(rows.len(), 40);
    assert!(rows.iter().all(|r| r["campaign"] != "matryoshka"));
    assert!(rows.iter().all(|r| !r["evidence"].contains("MAT-")));

    let out = calque(&["explain", "--select", "XYZ-", "text"], None);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("XYZ-"));
    let out = calque_ok(&[
        "explain",
        "--select",
        "RU-EN-PREP",
        "--format",
        "json",
        SOLICITATION,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["indicators"].as_array().unwrap().len(), 0);
    assert_eq!(v["heuristics"][0]["code"], "RU-EN-PREP-001");
}
