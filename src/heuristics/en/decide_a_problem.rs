use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:decide|decides|decided|deciding) (?:a|the|this|that|these|those|our|their|his|her|my|your|all|many|such|any|its|every) (?:[a-z]+ )?(?:problems?|tasks?)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "decide a / the problem (task)" instead of "solve a problem".
    ///
    /// ## Why it signals Russian interference
    /// Russian «решить» means both "decide" and "solve": «решить проблему» becomes "decide the
    /// problem". Listed as LEX_DECIDE_PROBLEM.
    ///
    /// ## Fires on
    /// "we must decide this problem", "Putin decided the problem", "deciding all tasks".
    ///
    /// ## Must not fire on
    /// "solve the problem", "decide the issue" (legal English), "decided the problem was serious"
    /// is excluded only when a verb follows (see below).
    ///
    /// ## Known false positives
    /// "decided the problem was…" (decide + clause) would match; excluded when "was/is/were/are/had"
    /// follows the noun.
    pub struct DecideAProblem {
        code: "RU-EN-LEX-003",
        name: "decide-a-problem",
        family: LexicalCalques,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Only Russia can decide this problem",
            "The government decided the housing problem in one year",
            "They are deciding all tasks together",
            "WE MUST DECIDE THIS PROBLEM TOGETHER",
        ],
        must_not_fire_on: [
            "Only Russia can solve this problem",
            "The court will decide the issue",
            "He decided the problem was too serious",
        ],
        triggers: ["decid"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 8).to_ascii_lowercase();
            ![" was", " is ", " were", " are ", " had", " has ", " would", " will", " could", " needed"]
                .iter()
                .any(|w| next.starts_with(w))
        });
    }
}
