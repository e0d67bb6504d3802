use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:depend|depends|depended|depending|dependent) (?:from|of)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "depend from / of" and "dependent of" instead of "depend on".
    ///
    /// ## Why it signals Russian interference
    /// Russian «зависеть от» ("from") is rendered word for word. An FCE Russian-L1 essay: "it's all
    /// depends of teacher" (interference-research §2.2, PREP_DEPEND_FROM).
    ///
    /// ## Fires on
    /// "It depends from the situation", "everything depends of Washington", "dependent from gas".
    ///
    /// ## Must not fire on
    /// "depends on", "independent of" (a different word), "it depends, of course, on you",
    /// "depends of course on the weather".
    ///
    /// ## Known false positives
    /// None expected; "depends of course" without commas is excluded.
    pub struct DependFrom {
        code: "RU-EN-PREP-004",
        name: "depend-from",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Everything depends from the position of Washington",
            "It all depends of the teacher",
            "Europe is dependent from Russian gas",
            "EVERYTHING DEPENDS FROM WASHINGTON",
        ],
        must_not_fire_on: [
            "Everything depends on Washington",
            "The court is independent of the government",
            "It depends of course on the weather",
        ],
        triggers: [
            "depend from", "depend of", "depends from", "depends of", "depended from",
            "depended of", "depending from", "depending of", "dependent from", "dependent of",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            !support::after(text, caps.get(0).unwrap().end(), 8)
                .to_ascii_lowercase()
                .starts_with(" course")
        });
    }
}
