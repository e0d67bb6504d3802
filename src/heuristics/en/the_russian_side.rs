use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)[Tt]he (?:Russian|Ukrainian|American|Belarusian|Chinese|Turkish|Syrian|Kazakh|German|French|Polish|Iranian|US|U\.S\.) side (?:is|was|has|had|will|would|does|did|said|says|stated|believes|insists|expects|proposed|offered|noted|considers|informed|agreed|rejected|refused|demands|demanded|calls|called|handed|received|hopes|assumes|confirmed|denied|provided|expressed)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "the Russian / Ukrainian / American side" as the subject of a diplomatic verb: "The Russian
    /// side believes", "the Ukrainian side refused".
    ///
    /// ## Why it signals Russian interference
    /// Calque of «российская сторона» / «украинская сторона», the standard way Russian official
    /// texts name a party to talks; English says "Russia" or "Moscow" (interference-research §4).
    ///
    /// ## Fires on
    /// "The Russian side is ready for talks", "the Ukrainian side refused", "The American side
    /// proposed".
    ///
    /// ## Must not fire on
    /// "Russia is ready for talks", "on the Ukrainian side of the border" (no verb follows),
    /// "the Russian side of the family".
    ///
    /// ## Known false positives
    /// Diplomatic reporting in native English uses it occasionally ("the Chinese side said");
    /// weight low.
    pub struct TheRussianSide {
        code: "RU-EN-MT-002",
        name: "the-russian-side",
        family: MachineTranslation,
        lang: En,
        weight: 0.3,
        fires_on: [
            "The Russian side is ready for negotiations",
            "The Ukrainian side refused to exchange prisoners",
            "The American side proposed new conditions",
            "The U.S. side refused to comment",
        ],
        must_not_fire_on: [
            "Russia is ready for negotiations",
            "Shells fell on the Ukrainian side of the border",
            "The Russian side of the family lives in Omsk",
        ],
        triggers: [
            "russian side", "ukrainian side", "american side", "belarusian side", "chinese side",
            "turkish side", "syrian side", "kazakh side", "german side", "french side",
            "polish side", "iranian side", "us side", "u.s. side",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
