use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:I am|I\'m|I’m|you are|you\'re|you’re|we are|we\'re|we’re|they are|they\'re|they’re|he is|he\'s|he’s|she is|she\'s|she’s)(?: not| really| still| also| just| all| now)? (?:knowing|belonging|consisting|containing|seeming|possessing|preferring|deserving|owing)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A stative verb in the progressive after a personal pronoun: "I am knowing", "he is
    /// belonging", "they are deserving".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no progressive/simple contrast, so learners apply "-ing" to verbs that English
    /// keeps simple (interference-catalogue: verbs, stative progressive).
    ///
    /// ## Fires on
    /// "I am knowing this man", "They are deserving better", "We are knowing the truth".
    ///
    /// ## Must not fire on
    /// "I know this man", "The secret is knowing when to stop" (gerund after a noun subject), "I'm
    /// loving it" (not in the list), "I'm understanding more" (colloquial native, not in the list).
    ///
    /// ## Known false positives
    /// Indian English uses the stative progressive too; weight moderate.
    pub struct StativeProgressive {
        code: "RU-EN-VERB-001",
        name: "stative-progressive",
        family: Verbs,
        lang: En,
        weight: 0.45,
        fires_on: [
            "I am knowing this man for years",
            "They are deserving better leaders",
            "We are knowing the truth about Bucha",
            "WE ARE KNOWING THE TRUTH",
        ],
        must_not_fire_on: [
            "I know this man",
            "The secret to creativity is knowing how to hide your sources",
            "I'm loving it",
        ],
        // The pattern always puts a space before the verb: " owing" is sound, "owing" alone
        // would also wake on "showing" and "following".
        triggers: [
            " knowing", " belonging", " consisting", " containing", " seeming", " possessing",
            " preferring", " deserving", " owing",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
