use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern =
    Pattern::new(|| Regex::new(r"(?i)(?-u:\b)in the nearest (?:time|future|days|weeks|months|hours)(?-u:\b)").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "in the nearest time / future / days".
    ///
    /// ## Why it signals Russian interference
    /// Word-for-word calque of «в ближайшее время»; English says "soon" or "in the near
    /// future". Teachers of Russian speakers list it among the commonest calques.
    ///
    /// ## Fires on
    /// "We will publish it in the nearest time", "in the nearest future", "in the nearest days".
    ///
    /// ## Must not fire on
    /// "in the near future", "the nearest hospital", "at the nearest time slot available".
    ///
    /// ## Known false positives
    /// None seen on native text.
    pub struct InTheNearestTime {
        code: "RU-EN-LEX-001",
        name: "in-the-nearest-time",
        family: LexicalCalques,
        lang: En,
        weight: 0.8,
        fires_on: [
            "We will publish the full video in the nearest time",
            "Prices will grow in the nearest future",
            "The offensive is expected in the nearest days",
            "PRICES WILL GROW IN THE NEAREST FUTURE",
        ],
        must_not_fire_on: [
            "Prices will grow in the near future",
            "Go to the nearest hospital",
            "Book the nearest time slot available",
        ],
        triggers: ["nearest"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
