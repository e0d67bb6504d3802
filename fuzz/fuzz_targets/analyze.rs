//! `Analyzer::analyze` on arbitrary UTF-8, with the embedded rules and outlets: no panic, no
//! hang, scores in [0, 1], and every span of evidence inside the text on character
//! boundaries (the report and `explain` quote the text through them).
#![no_main]

use calque::campaigns::CampaignSet;
use calque::config::Config;
use calque::{Analyzer, Span};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        Analyzer::new(
            Config::default(),
            CampaignSet::embedded().expect("embedded rules"),
        )
        .expect("analyzer")
    })
}

fn check_span(text: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{what} span {}..{} is not a slice of a {}-byte text",
        span.start,
        span.end,
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let a = analyzer().analyze(text);
    for score in [a.score, a.interference_score, a.campaign_score] {
        assert!((0.0..=1.0).contains(&score), "score {score} out of [0, 1]");
    }
    for hit in &a.heuristic_hits {
        for span in &hit.spans {
            check_span(text, span, "heuristic");
        }
    }
    for hit in &a.indicator_hits {
        for span in &hit.spans {
            check_span(text, span, "indicator");
        }
    }
});
