use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:1\d|20)\d\d(?:[-–](?:1\d|20)\d\d)?\s?(?:гг?\.|года|году|г(?:\s|$|[,;)]))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The Cyrillic year abbreviation "г." (or «года/году») after a year in English text: "2014
    /// г.", "1941-1945 гг.".
    ///
    /// ## Why it signals Russian interference
    /// Russian writes «2014 г.» for "the year 2014"; a Cyrillic г inside English is a direct trace
    /// of a Russian source or keyboard (TYPO_GOD_ABBR, strong).
    ///
    /// ## Fires on
    /// "since 2014 г.", "in 1941-1945 гг.", "on 9 May 2015 года".
    ///
    /// ## Must not fire on
    /// "since 2014", "2000 g of flour" (grams, Latin g), "2014 goals".
    ///
    /// ## Known false positives
    /// None expected in English text.
    pub struct YearAbbreviation {
        code: "RU-EN-TYPO-006",
        name: "year-abbreviation",
        family: Typography,
        lang: En,
        weight: 0.75,
        fires_on: [
            "Crimea is Russian since 2014 г.",
            "The heroes of 1941-1945 гг. will never be forgotten",
            "The parade on 9 May 2015 года was huge",
        ],
        must_not_fire_on: [
            "Crimea is Russian since 2014",
            "Add 2000 g of flour",
            "He scored 2014 goals",
        ],
        triggers: ["г"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
