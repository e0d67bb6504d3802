use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:it should be (?:noted|emphasi[sz]ed|stressed|underlined|mentioned|recalled|reminded) that(?-u:\b)|as is (?:well )?known,|it is known that(?-u:\b))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Impersonal framing formulas: "It should be noted that", "It should be emphasized that",
    /// "As is known,", "It is known that".
    ///
    /// ## Why it signals Russian interference
    /// Calques of «следует отметить, что», «как известно», «известно, что» — staples of Russian
    /// official prose that machine translation renders literally (interference-research §4).
    ///
    /// ## Fires on
    /// "It should be noted that Kyiv ignored", "As is known, NATO promised", "It is known that
    /// the lab worked".
    ///
    /// ## Must not fire on
    /// "Note that", "As we know,", "it is well known for its beaches" (no "that").
    ///
    /// ## Known false positives
    /// Academic native English ("It should be noted that the sample…"); weight very low.
    pub struct ItShouldBeNoted {
        code: "RU-EN-MT-003",
        name: "it-should-be-noted",
        family: MachineTranslation,
        lang: En,
        weight: 0.15,
        fires_on: [
            "It should be noted that Kyiv ignored the agreements",
            "As is known, NATO promised not to expand",
            "It is known that the lab worked for the Pentagon",
            "IT SHOULD BE EMPHASIZED THAT the West lies",
        ],
        must_not_fire_on: [
            "Note that Kyiv ignored the agreements",
            "As we know, NATO promised not to expand",
            "The town is known for its beaches",
        ],
        triggers: [
            "should be noted", "should be emphasi", "should be stressed", "should be underlined",
            "should be mentioned", "should be recalled", "should be reminded", "as is known",
            "as is well known", "is known that",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
