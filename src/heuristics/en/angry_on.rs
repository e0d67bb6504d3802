use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:angry|mad|offended|furious|upset) on (?:me|you|him|her|us|them|everyone|everybody)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "angry / offended / mad on someone" instead of "angry with / at".
    ///
    /// ## Why it signals Russian interference
    /// Russian «злиться на / обижаться на» («на» = "on"). Listed as PREP_ANGRY_ON.
    ///
    /// ## Fires on
    /// "Don't be angry on me", "she is offended on him", "why are you mad on us".
    ///
    /// ## Must not fire on
    /// "angry with me", "angry on Twitter", "mad on Monday", "upset on behalf of".
    ///
    /// ## Known false positives
    /// Only pronoun objects are matched, so "angry on social media" does not fire.
    pub struct AngryOn {
        code: "RU-EN-PREP-010",
        name: "angry-on",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Please don't be angry on me",
            "She is offended on him for a week",
            "Why are you mad on us?",
            "WHY ARE YOU SO FURIOUS ON HIM?",
        ],
        must_not_fire_on: [
            "Please don't be angry with me",
            "People are angry on Twitter",
            "She was upset on behalf of her son",
        ],
        triggers: ["angry on", "mad on", "offended on", "furious on", "upset on"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
