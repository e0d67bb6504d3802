use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)as usually(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "as usually" used as a sentence adverb ("As usually, the media lie") instead of "as usual".
    ///
    /// ## Why it signals Russian interference
    /// Russian «как обычно» is an adverb («обычно» = usually), so learners write "as usually".
    ///
    /// ## Fires on
    /// "As usually, CNN lies", "the West is silent, as usually.", "As usually the media lie".
    ///
    /// ## Must not fire on
    /// "as usual", "as usually happens" and "as usually understood" (adverb modifying a verb).
    ///
    /// ## Known false positives
    /// Only fires when punctuation, the end of the text, or a subject (a capitalised word, a
    /// pronoun or an article) follows.
    pub struct AsUsually {
        code: "RU-EN-LEX-007",
        name: "as-usually",
        family: LexicalCalques,
        lang: En,
        weight: 0.55,
        fires_on: [
            "As usually, CNN lies about Russia",
            "The West is silent, as usually.",
            "As usually the media lie",
            "AS USUALLY, the media lie",
        ],
        must_not_fire_on: [
            "As usual, CNN lies about Russia",
            "Prices rise, as usually happens in winter",
            "The word is used as usually understood",
        ],
        triggers: ["as usually"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let rest = support::after(text, caps.get(0).unwrap().end(), 12);
            let next = rest.trim_start();
            next.is_empty()
                || next.starts_with(|c: char| !c.is_alphanumeric())
                || ["the ", "i ", "we ", "they ", "he ", "she ", "it ", "you ", "our ", "this "]
                    .iter()
                    .any(|w| next.to_ascii_lowercase().starts_with(w))
                || rest.starts_with(' ') && next.starts_with(|c: char| c.is_uppercase())
        });
    }
}
