use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:take|takes|took|taken|taking) part at (\w+)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "take part at" an event instead of "take part in".
    ///
    /// ## Why it signals Russian interference
    /// Russian «участвовать в / принимать участие в» is often rendered with "at" because the
    /// event is a place (на конференции → "at the conference"). Listed as PREP_TAKE_PART_AT.
    ///
    /// ## Fires on
    /// "took part at the elections", "take part at this conference", "taking part at protests".
    ///
    /// ## Must not fire on
    /// "took part in the elections", "took part at first reluctantly", "took part at least twice".
    ///
    /// ## Known false positives
    /// "participate at the Olympics" is acceptable English but is not matched; fixed adverbials after
    /// "at" (first, least, all, times, once, last) are excluded.
    pub struct TakePartAt {
        code: "RU-EN-PREP-003",
        name: "take-part-at",
        family: Prepositions,
        lang: En,
        weight: 0.55,
        fires_on: [
            "Thousands took part at the elections in Donbass",
            "I will take part at this conference",
            "Students are taking part at protests every week",
            "THEY TOOK PART AT THE ELECTIONS",
        ],
        must_not_fire_on: [
            "Thousands took part in the elections",
            "He took part at first reluctantly, then with passion",
            "She has taken part at least twice",
        ],
        triggers: ["part at"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            let next = caps.get(1).unwrap().as_str().to_ascii_lowercase();
            !matches!(next.as_str(), "first" | "least" | "all" | "times" | "once" | "last" | "most" | "best")
        });
    }
}
