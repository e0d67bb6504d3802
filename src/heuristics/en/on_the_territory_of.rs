use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:on|at) (?:the )?territory of(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "on / at the territory of" a country or region.
    ///
    /// ## Why it signals Russian interference
    /// Calque of «на территории» (на = on), frequent in machine translation and in official Russian
    /// English (MID, TASS). English says "in" or simply names the place. Listed as
    /// LEX_TERRITORY_OF (interference-research §2.3 and §4).
    ///
    /// ## Fires on
    /// "on the territory of Ukraine", "at the territory of the plant", "on territory of Donbass".
    ///
    /// ## Must not fire on
    /// "in the territory of Guam", "the territory of the United States", "on territory".
    ///
    /// ## Known false positives
    /// International-law English ("operations on the territory of a third state") uses it; weight
    /// moderate.
    pub struct OnTheTerritoryOf {
        code: "RU-EN-LEX-004",
        name: "on-the-territory-of",
        family: LexicalCalques,
        lang: En,
        weight: 0.4,
        fires_on: [
            "NATO biolabs on the territory of Ukraine",
            "Explosions at the territory of the plant",
            "Nazis shell civilians on territory of Donbass",
            "BIOLABS ON THE TERRITORY OF UKRAINE",
        ],
        must_not_fire_on: [
            "Elections were held in the territory of Guam",
            "The territory of the United States is vast",
            "They fought over territory",
        ],
        triggers: [
            "on territory of", "on the territory of", "at territory of", "at the territory of",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
