use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:arrive|arrives|arrived|arriving) to (\w+)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "arrive to" a place instead of "arrive in / at".
    ///
    /// ## Why it signals Russian interference
    /// Russian «приехать / прибыть в» (motion "into") maps onto "to". Listed as PREP_ARRIVE_TO; one of
    /// the few calques seen in the IRA "Fearmonger" tweets ("should never arrive to my town").
    ///
    /// ## Fires on
    /// "arrived to Moscow", "will arrive to the airport", "should never arrive to my town".
    ///
    /// ## Must not fire on
    /// "arrived in Moscow", "arrived to find the house empty" (infinitive of purpose/result),
    /// "arrived to cheers" is not excluded but rare.
    ///
    /// ## Known false positives
    /// Spanish and Italian writers make the same error; some US speakers say "arrive to". Only fires
    /// when "to" is followed by a capitalised place name or a definite/possessive determiner —
    /// not by a verb, nor by "a/an" ("arrived to a hero's welcome").
    pub struct ArriveTo {
        code: "RU-EN-PREP-006",
        name: "arrive-to",
        family: Prepositions,
        lang: En,
        weight: 0.35,
        fires_on: [
            "Our delegation arrived to Moscow yesterday",
            "The convoy will arrive to the airport soon",
            "Poisoned turkey should never arrive to my town",
            "THE PRESIDENT ARRIVED TO MOSCOW",
        ],
        must_not_fire_on: [
            "Our delegation arrived in Moscow yesterday",
            "Police arrived to find the house empty",
            "They arrived to help the victims",
            "The team arrived to a hero's welcome",
        ],
        triggers: ["arrive to", "arrives to", "arrived to", "arriving to"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            let next = caps.get(1).unwrap().as_str();
            next.starts_with(|c: char| c.is_ascii_uppercase())
                || matches!(
                    next.to_ascii_lowercase().as_str(),
                    "the" | "my" | "our" | "your" | "his" | "her" | "their" | "this" | "that"
                )
        });
    }
}
