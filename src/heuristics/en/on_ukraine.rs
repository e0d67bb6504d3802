use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:[Ll]ive|[Ll]ives|[Ll]ived|[Ll]iving|[Bb]orn|[Hh]appened|[Hh]appens|[Hh]appening|[Rr]eside|[Rr]esides|[Rr]esided|[Ss]tay|[Ss]tayed|[Ss]taying|[Gg]rew up|[Tt]ook place|[Ss]ituation|[Ee]vents|[Pp]eople|[Ll]ife|[Hh]ere|[Tt]here) on (?:the )?Ukraine(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "on (the) Ukraine" used as a location: "lives on Ukraine", "born on the Ukraine",
    /// "what happened on Ukraine".
    ///
    /// ## Why it signals Russian interference
    /// Russian says «на Украине» (the preposition of regions); Ukrainians and English say "in
    /// Ukraine" («в Украине»). With a verb of location it is one of the few tells that separates
    /// Russian from Ukrainian writers (interference-research §2.2, ON_UKRAINE).
    ///
    /// ## Fires on
    /// "people who live on Ukraine", "he was born on the Ukraine", "what happened on Ukraine".
    ///
    /// ## Must not fire on
    /// "the attack on Ukraine", "sanctions on Ukraine", "a hearing on Ukraine policy",
    /// "born on Ukraine Independence Day" (the noun phrase goes on).
    ///
    /// ## Known false positives
    /// Older native usage "the Ukraine" with "on" is not idiomatic; rare.
    pub struct OnUkraine {
        code: "RU-EN-PREP-012",
        name: "on-ukraine",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Russian people who live on Ukraine are in danger",
            "My grandfather was born on the Ukraine",
            "Nobody knows what really happened on Ukraine.",
        ],
        must_not_fire_on: [
            "The attack on Ukraine continues",
            "New sanctions on Ukraine were announced",
            "He was born on Ukraine Independence Day",
        ],
        triggers: ["on ukraine", "on the ukraine"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::ends_noun_phrase(text, caps.get(0).unwrap().end())
        });
    }
}
