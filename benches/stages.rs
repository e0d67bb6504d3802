//! Per-stage throughput on real text: `cargo bench --bench stages [-- CORPUS.csv [STAGE…]]`.
//!
//! Reads the text column of a CSV (default: a corpus built from ../shared/corpora by
//! scripts/make-bench-corpus.py, or the bundled sample) and times each per-item stage over
//! every text, single-threaded, printing µs/item and MB/s. Figures go to docs/PERFORMANCE.md.

use calque::analyze::Analyzer;
use calque::campaigns::CampaignSet;
use calque::config::Config;
use std::hint::black_box;
use std::time::Instant;

fn load_texts(path: &str) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(path).expect("readable CSV");
    let headers = rdr.headers().unwrap().clone();
    let col = ["text", "content", "tweet_text"]
        .iter()
        .find_map(|c| headers.iter().position(|h| h == *c))
        .expect("a text column");
    rdr.records()
        .filter_map(|r| r.ok())
        .map(|r| r[col].to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn time<F: FnMut(&str)>(name: &str, texts: &[String], mut f: F) {
    if !selected(name) {
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = Instant::now();
    for t in texts {
        f(t);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name:<22} {:>8.2} µs/item {:>8.1} MB/s",
        secs * 1e6 / texts.len() as f64,
        bytes as f64 / 1e6 / secs
    );
}

/// Stages named after the corpus on the command line (substrings); all when none is named.
fn selected(stage: &str) -> bool {
    let names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .skip(1)
        .collect();
    names.is_empty() || names.iter().any(|n| stage.contains(n.as_str()))
}

fn main() {
    let default = format!("{}/data/samples/posts.csv", env!("CARGO_MANIFEST_DIR"));
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or(default);
    let mut texts = load_texts(&path);
    texts.truncate(200_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} texts, {:.1} MB, mean {:.0} bytes, from {path}",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / texts.len() as f64
    );
    let analyzer = Analyzer::new(Config::default(), CampaignSet::embedded().unwrap()).unwrap();

    time("script::measure", &texts, |t| {
        black_box(calque::script::measure(t));
    });
    time("normalize", &texts, |t| {
        black_box(calque::normalize::normalize(t));
    });
    time("langid", &texts, |t| {
        black_box(analyzer.langid.detect(t, 0.0));
    });
    time("langid (whatlang only)", &texts, |t| {
        black_box(
            whatlang::Detector::with_allowlist(vec![
                whatlang::Lang::Eng,
                whatlang::Lang::Fra,
                whatlang::Lang::Deu,
                whatlang::Lang::Rus,
                whatlang::Lang::Ukr,
            ])
            .detect(t),
        );
    });
    let langs: Vec<&'static str> = texts
        .iter()
        .map(|t| {
            analyzer
                .langid
                .detect(t, calque::script::measure(t).cyrillic_share())
                .code
        })
        .collect();
    let mut k = 0;
    time("heuristics (gated)", &texts, |t| {
        black_box(analyzer.heuristic_hits(t, langs[k % langs.len()], 20));
        k += 1;
    });
    let mut spans = Vec::new();
    time("heuristics (ungated)", &texts, |t| {
        for (h, _) in &analyzer.heuristics {
            spans.clear();
            h.check(t, &mut spans);
        }
        black_box(&spans);
    });
    time("campaigns", &texts, |t| {
        let n = calque::normalize::normalize(t);
        black_box(analyzer.campaigns.matches(t, &n, "en"));
    });
    // The campaign phrase automaton alone, over normalized texts: the crate's overlapping
    // iterator against `multi_search`'s walk in pieces (same occurrences, see its tests).
    if selected("phrase search") {
        let normalized: Vec<String> = texts
            .iter()
            .map(|t| calque::normalize::normalize(t).text)
            .collect();
        let patterns = analyzer.campaigns.phrase_patterns();
        let crate_dfa = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .unwrap();
        let pieces = calque::multi_search::MultiSearch::new(patterns, false).unwrap();
        time("phrase search (aho-corasick iterator)", &normalized, |t| {
            black_box(crate_dfa.find_overlapping_iter(t).count());
        });
        time("phrase search (multi_search)", &normalized, |t| {
            let mut n = 0;
            pieces.for_each(t.as_bytes(), |_, _, _| n += 1);
            black_box(n);
        });
    }
    time("analyze (all stages)", &texts, |t| {
        black_box(analyzer.analyze(t));
    });
    if selected("report row") {
        report_rows(&analyzer, &texts);
    }
}

/// Building and encoding each item's CSV report row (`report::build_row`), analyses precomputed.
fn report_rows(analyzer: &Analyzer, texts: &[String]) {
    use calque::record::{Provenance, Record};
    use calque::report::{self, encode};
    let texts = &texts[..texts.len().min(50_000)];
    let analyses: Vec<_> = texts.iter().map(|t| analyzer.analyze(t)).collect();
    let provenance = Provenance::new("bench.csv".into(), 12345);
    let records: Vec<Record> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Record {
            text: t.clone(),
            id: format!("item{i}"),
            author: "someone".into(),
            timestamp: "2024-05-01T12:00:00Z".into(),
            ..Record::default()
        })
        .collect();
    for (name, format) in [
        ("report row (csv)", encode::ReportFormat::Csv),
        ("report row (jsonl)", encode::ReportFormat::Jsonl),
    ] {
        let encoder = encode::RowEncoder::new(format, false, report::header(&[]));
        // Ten rounds over the items: row building is quick next to the analyses above.
        let rounds: Vec<String> = texts
            .iter()
            .cycle()
            .take(10 * texts.len())
            .cloned()
            .collect();
        let mut k = 0;
        time(name, &rounds, |_| {
            let (r, a) = (&records[k % texts.len()], &analyses[k % texts.len()]);
            black_box(report::build_row(
                analyzer,
                &encoder,
                k as u64,
                &provenance,
                r,
                a,
            ));
            k += 1;
        });
    }
}
