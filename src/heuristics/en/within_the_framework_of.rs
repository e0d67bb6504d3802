use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:within|in) the framework of(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "within / in the framework of" a visit, programme or operation.
    ///
    /// ## Why it signals Russian interference
    /// Calque of «в рамках», the most frequent bureaucratic connective of Russian official and
    /// news prose; machine translation and Russian official English keep it (interference-research
    /// §4, bureaucratic calques).
    ///
    /// ## Fires on
    /// "within the framework of the special operation", "in the framework of the visit",
    /// "Within the framework of the forum".
    ///
    /// ## Must not fire on
    /// "as part of the visit", "a framework of rules", "the framework agreement".
    ///
    /// ## Known false positives
    /// Native diplomatic and EU English use it too, so the weight is low; it counts in aggregate.
    pub struct WithinTheFrameworkOf {
        code: "RU-EN-MT-001",
        name: "within-the-framework-of",
        family: MachineTranslation,
        lang: En,
        weight: 0.2,
        fires_on: [
            "Within the framework of the special operation, the army liberated the city",
            "Talks were held in the framework of the visit",
            "within the framework of the forum",
            "WITHIN THE FRAMEWORK OF the visit",
        ],
        must_not_fire_on: [
            "Talks were held as part of the visit",
            "We need a framework of rules",
            "The framework agreement was signed",
        ],
        triggers: ["in the framework of"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
