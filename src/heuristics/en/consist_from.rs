use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)consist(?:s|ed|ing)? from(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "consist from" instead of "consist of".
    ///
    /// ## Why it signals Russian interference
    /// Russian «состоять из» ("from"). Listed as PREP_CONSIST_FROM with very low native risk.
    ///
    /// ## Fires on
    /// "The army consists from mercenaries", "consisted from three parts", "consisting from".
    ///
    /// ## Must not fire on
    /// "consists of", "consistent from start to finish", "consists, from my point of view, of".
    ///
    /// ## Known false positives
    /// None expected.
    pub struct ConsistFrom {
        code: "RU-EN-PREP-007",
        name: "consist-from",
        family: Prepositions,
        lang: En,
        weight: 0.7,
        fires_on: [
            "The Ukrainian army consists from foreign mercenaries",
            "The plan consisted from three parts",
            "A government consisting from oligarchs",
            "THE ARMY CONSISTS FROM MERCENARIES",
        ],
        must_not_fire_on: [
            "The army consists of conscripts",
            "He was consistent from start to finish",
            "It consists, from my point of view, of lies",
        ],
        triggers: ["consist from", "consists from", "consisted from", "consisting from"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
