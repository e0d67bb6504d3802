//! Graded densities of long English texts, reported as context next to the interference
//! score and never added to it: the share of articles among words, and the share of
//! complementisers ("that", "what", "whether") that follow a comma.
//!
//! Russian has no articles and puts a comma before every subordinate clause, so Russian-L1
//! English tends to fewer articles and more such commas. Both rates mostly measure genre on
//! short texts (headlines drop articles, speech transcripts have few commas), so they are only
//! computed on texts of [`MIN_TOKENS`] words or more, and shown with the range measured on
//! native English of several genres ([`NATIVE_RANGE`], from `scripts/long-text-rates.sh`).

/// Shortest text, in word tokens, on which the rates are computed.
pub const MIN_TOKENS: usize = 150;

/// 5th and 95th percentiles of both rates over native documents of 150+ words, pooled over
/// ArgRewrite essays, EWT web text and US presidents' news conferences (documents rebuilt
/// from their chunks). Measured with `scripts/long-text-rates.sh`; see docs/heuristics.md.
pub const NATIVE_RANGE: NativeRange = NativeRange {
    article_rate: (0.045, 0.106),
    subordinate_comma_rate: (0.0, 0.176),
    documents: 727,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NativeRange {
    pub article_rate: (f64, f64),
    pub subordinate_comma_rate: (f64, f64),
    /// Native documents the range was measured on.
    pub documents: usize,
}

/// The rates of one long text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongTextRates {
    /// a / an / the per word token.
    pub article_rate: f64,
    /// Complementisers right after a comma, per complementiser; `None` when the text has none.
    pub subordinate_comma_rate: Option<f64>,
}

/// "if", "how" and "why" are left out: natives often write them after a comma (", if
/// necessary,"), which blurs the measure (scripts/long-text-rates.sh).
const COMPLEMENTISERS: &[&str] = &["that", "what", "whether"];

/// The rates of `text` (of `tokens` word tokens, as counted by `score::count_tokens`), or
/// `None` when it is shorter than [`MIN_TOKENS`]. One pass over the words.
pub fn measure(text: &str, tokens: usize) -> Option<LongTextRates> {
    if tokens < MIN_TOKENS {
        return None;
    }
    let (mut articles, mut complementisers, mut after_comma) = (0usize, 0usize, 0usize);
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(rest.len());
        // What separates this word from the previous one ends with a comma.
        let comma_before = rest[..start].trim_end().ends_with(',');
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if ["a", "an", "the"]
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a))
        {
            articles += 1;
        } else if COMPLEMENTISERS.iter().any(|c| word.eq_ignore_ascii_case(c)) {
            complementisers += 1;
            // "that" of ", that is," is no complementiser; "that's" either.
            let next = &rest[end..];
            let idiom = word.eq_ignore_ascii_case("that")
                && (next.starts_with(" is,") || next.starts_with('\'') || next.starts_with('’'));
            if comma_before && !idiom {
                after_comma += 1;
            }
        }
        rest = &rest[end..];
    }
    Some(LongTextRates {
        article_rate: articles as f64 / tokens as f64,
        subordinate_comma_rate: (complementisers > 0)
            .then(|| after_comma as f64 / complementisers as f64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::count_tokens;

    fn rates(text: &str) -> Option<LongTextRates> {
        measure(text, count_tokens(text))
    }

    #[test]
    fn short_texts_have_no_rates() {
        assert_eq!(rates("The cat said, that it is hungry."), None);
        assert_eq!(measure("word ".repeat(149).as_str(), 149), None);
    }

    #[test]
    fn counts_articles_and_commas_before_complementisers() {
        // 150 words: 10 sentences of 15 words, each with 2 articles; 5 with a Russian comma.
        let with_comma = "He said, that the man saw a dog near our old house in town today. ";
        let without = "He said that the man saw a dog near our old house in town today. ";
        let text = format!("{}{}", with_comma.repeat(5), without.repeat(5));
        assert_eq!(count_tokens(&text), 150);
        let r = rates(&text).unwrap();
        assert!((r.article_rate - 20.0 / 150.0).abs() < 1e-9, "{r:?}");
        assert_eq!(r.subordinate_comma_rate, Some(0.5));
    }

    #[test]
    fn the_that_is_aside_and_thats_do_not_count() {
        let text = "I know, that is, I think so, that's it. ".repeat(20);
        let r = rates(&text).unwrap();
        assert_eq!(r.subordinate_comma_rate, Some(0.0));
        let none = "Words and more words here. ".repeat(40);
        assert_eq!(rates(&none).unwrap().subordinate_comma_rate, None);
    }
}
