//! How evidence becomes scores. Documented in `docs/scoring.md`; every formula here is
//! mirrored there.

use crate::config::Config;

/// Word tokens (runs of letters/digits) in `text`.
pub fn count_tokens(text: &str) -> usize {
    if text.is_ascii() {
        return count_ascii_tokens(text.as_bytes());
    }
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// [`count_tokens`] for ASCII text: a token starts at each alphanumeric byte that follows a
/// non-alphanumeric one (or opens the text). Branch-free over byte pairs, so it vectorizes.
fn count_ascii_tokens(bytes: &[u8]) -> usize {
    let alnum = |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10);
    let first = bytes.first().map_or(0, |&b| usize::from(alnum(b)));
    let starts = bytes
        .iter()
        .zip(&bytes[1.min(bytes.len())..])
        .fold(0usize, |n, (&before, &b)| {
            n + usize::from(alnum(b) & (1 - alnum(before)))
        });
    first + starts
}

/// Length dilution: 1 up to `reference_tokens`, then the square root of the length ratio,
/// so one weak tell in a long transcript fades while many tells still add up.
pub fn length_factor(tokens: usize, config: &Config) -> f64 {
    (tokens as f64 / config.interference.reference_tokens)
        .max(1.0)
        .sqrt()
}

/// Contribution of one heuristic that fired `hits` times, before length dilution.
pub fn heuristic_contribution(weight: f64, hits: usize, config: &Config) -> f64 {
    weight * (hits.min(config.interference.max_repeats) as f64).sqrt()
}

/// Interference score in [0, 1) from the summed contributions of an item of `tokens` tokens.
pub fn interference_score(sum_contributions: f64, tokens: usize, config: &Config) -> f64 {
    interference_from_density(sum_contributions / length_factor(tokens, config), config)
}

/// Interference score in [0, 1) from the density: contributions already diluted by length.
pub fn interference_from_density(density: f64, config: &Config) -> f64 {
    1.0 - (-density / config.interference.scale).exp()
}

/// Campaign score: noisy-OR of the weights of the indicators that fired, so one indicator
/// gives exactly its weight and each further one closes part of the remaining gap.
pub fn campaign_score(weights: impl IntoIterator<Item = f64>) -> f64 {
    1.0 - weights
        .into_iter()
        .fold(1.0, |miss, w| miss * (1.0 - w.clamp(0.0, 1.0)))
}

/// Overall score combining the best campaign score, the interference score and the
/// narrative score (0 when no known claim matched).
pub fn overall_score(campaign: f64, interference: f64, narrative: f64, config: &Config) -> f64 {
    let s = &config.score;
    1.0 - (1.0 - s.campaign_weight * campaign)
        * (1.0 - s.interference_weight * interference)
        * (1.0 - s.narrative_weight * narrative)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counting by chars, as for any text: what the ASCII fast path must equal.
    fn count_tokens_by_chars(text: &str) -> usize {
        let mut n = 0;
        let mut in_word = false;
        for c in text.chars() {
            let w = c.is_alphanumeric();
            n += usize::from(w && !in_word);
            in_word = w;
        }
        n
    }

    #[test]
    fn ascii_token_count_equals_counting_by_chars() {
        use crate::normalize::test_inputs;
        let mut texts: Vec<String> = (0..=0x7Fu8)
            .flat_map(|b| {
                let c = b as char;
                [
                    format!("{c}"),
                    format!("{c}a{c}{c}9 Z{c}"),
                    format!("ab{c}cd"),
                ]
            })
            .collect();
        texts.extend(test_inputs::samples_and_fixtures());
        texts.extend(test_inputs::generated(3_000));
        let mut ascii = 0;
        for text in texts.iter().filter(|t| t.is_ascii()) {
            assert_eq!(count_tokens(text), count_tokens_by_chars(text), "{text:?}");
            ascii += 1;
        }
        assert!(ascii > 500, "only {ascii} ASCII texts");
        assert_eq!(count_tokens("It's 3pm, o'clock!"), 5);
        assert_eq!(count_tokens(""), 0);
    }

    #[test]
    fn three_strong_tells_in_a_tweet_score_high_one_weak_in_a_transcript_does_not() {
        let c = Config::default();
        let tweet = interference_score(3.0 * heuristic_contribution(0.8, 1, &c), 20, &c);
        assert!(tweet > 0.9, "{tweet}");
        let transcript = interference_score(heuristic_contribution(0.3, 1, &c), 2000, &c);
        assert!(transcript < 0.05, "{transcript}");
    }

    #[test]
    fn repeats_of_one_heuristic_saturate() {
        let c = Config::default();
        assert_eq!(
            heuristic_contribution(0.5, 3, &c),
            heuristic_contribution(0.5, 30, &c)
        );
        assert!(heuristic_contribution(0.5, 2, &c) > heuristic_contribution(0.5, 1, &c));
    }

    #[test]
    fn campaign_score_is_noisy_or() {
        assert_eq!(campaign_score([]), 0.0);
        assert!((campaign_score([0.3]) - 0.3).abs() < 1e-12);
        assert!((campaign_score([0.5, 0.5]) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn interference_alone_or_a_narrative_alone_cannot_reach_high() {
        let c = Config::default();
        let s = overall_score(0.0, 0.999, 0.0, &c);
        assert!(overall_score(0.0, 0.0, 1.0, &c) < c.score.high);
        assert!(s < c.score.high, "{s}");
        assert!(overall_score(0.7, 0.0, 0.0, &c) >= c.score.high);
    }

    #[test]
    fn counts_word_tokens() {
        assert_eq!(count_tokens("Hello, world! It's 2024."), 5);
        assert_eq!(count_tokens(""), 0);
    }
}
