use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?:Situation|situation) (?:is|was|in|with|on|around|at|has|became|remains|gets|got)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "Situation" without an article at the start of a sentence: "Situation is very bad",
    /// "Situation in Donbass is difficult".
    ///
    /// ## Why it signals Russian interference
    /// Russian «Ситуация очень плохая» has no article; the English subject needs "The situation".
    /// A textbook example of article omission by Russian speakers (interference-catalogue:
    /// "situation is very bad"). Unlike "Problem is, …" or "Thing is, …", natives do not clip
    /// "situation" colloquially.
    ///
    /// ## Fires on
    /// "Situation is very bad", "Situation in Donbass is difficult.", "Why nobody helps us?
    /// situation has become worse" (after a question mark, lower case).
    ///
    /// ## Must not fire on
    /// "The situation is very bad", "Situation Room briefing", headline-style text without any
    /// article or first/second person ("Situation in Syria: five things to know").
    ///
    /// ## Known false positives
    /// The military "Situation normal" and the White House "Situation Room" (not followed by a
    /// verb or preposition, so not matched).
    pub struct BareSituation {
        code: "RU-EN-ART-007",
        name: "bare-situation",
        family: Articles,
        lang: En,
        weight: 0.4,
        fires_on: [
            "Situation is very bad, we need help",
            "We are worried. Situation in Donbass is difficult for the people",
            "Why nobody helps us? situation has become worse since 2014",
        ],
        must_not_fire_on: [
            "The situation is very bad, we need help",
            "Live from the Situation Room briefing",
            "Situation in Syria: five things to know",
        ],
        triggers: ["situation"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::is_sentence_start(text, caps.get(0).unwrap().start()) && !support::looks_telegraphic(text)
        });
    }
}
