use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)explain(?:s|ed|ing)? (?:me|us)(?-u:\b)(\s*\w*)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "explain me / us" with the person as a bare indirect object: "explain me why".
    ///
    /// ## Why it signals Russian interference
    /// Russian «объясни мне» uses the dative without a preposition; English needs "explain to me".
    ///
    /// ## Fires on
    /// "Can someone explain me why", "explain us what happened", "He explained me everything".
    ///
    /// ## Must not fire on
    /// "explain to me why", "explain myself", "explain us to ourselves" (the person is the object).
    ///
    /// ## Known false positives
    /// Indian and other L2 Englishes share it; "explain us to" (object use) is excluded.
    pub struct ExplainMe {
        code: "RU-EN-LEX-006",
        name: "explain-me",
        family: LexicalCalques,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Can someone explain me why we pay for this war?",
            "Please explain us what happened in Bucha",
            "He explained me everything",
            "EXPLAIN ME WHY WE PAY",
        ],
        must_not_fire_on: [
            "Can someone explain to me why we pay?",
            "I need to explain myself",
            "This book tries to explain us to ourselves",
        ],
        triggers: [
            "explain me", "explain us", "explains me", "explains us", "explained me",
            "explained us", "explaining me", "explaining us",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            !caps.get(1).unwrap().as_str().trim().eq_ignore_ascii_case("to")
        });
    }
}
