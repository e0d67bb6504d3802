use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)thanks god(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "Thanks God" instead of "Thank God".
    ///
    /// ## Why it signals Russian interference
    /// Russian «слава богу» / «спасибо Богу» is rendered with the familiar noun "thanks" (as in
    /// «спасибо»); the English formula is the verb "Thank God" (LEX_THANKS_GOD). IRA
    /// "Fearmonger" tweets used it repeatedly: "Thanks God that #turkey i ate few days ago was
    /// good".
    ///
    /// ## Fires on
    /// "Thanks God it's Friday", "Thanks God that turkey was good", "thanks god nobody died".
    ///
    /// ## Must not fire on
    /// "Thank God it's Friday", "Thanks, God!" (addressing God, with a comma), "thanks to God".
    ///
    /// ## Known false positives
    /// Native typos of "Thank God"; rare.
    pub struct ThanksGod {
        code: "RU-EN-LEX-013",
        name: "thanks-god",
        family: LexicalCalques,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Thanks God it's Friday",
            "Thanks God that turkey i ate was good",
            "The fire is out, thanks god nobody died",
            "THANKS GOD it's over",
        ],
        must_not_fire_on: [
            "Thank God it's Friday",
            "Thanks, God! You saved us",
            "All thanks to God and our doctors",
        ],
        triggers: ["thanks god"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
