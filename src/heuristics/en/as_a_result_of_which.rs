use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)as a result of which(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "…, as a result of which …" linking a cause to a consequence.
    ///
    /// ## Why it signals Russian interference
    /// Calque of «в результате чего», a fixed connective of Russian news and official prose; English
    /// prefers "killing three", "so that", "and as a result". Found in a state-linked SPOTTED tweet:
    /// "a powerful explosion occurred, as a result of which at least three … were killed".
    ///
    /// ## Fires on
    /// "shelled the city, as a result of which two people died", "As a result of which the
    /// prices rose", "an accident occurred as a result of which".
    ///
    /// ## Must not fire on
    /// "as a result, two people died", "as a result of the shelling", "which resulted in".
    ///
    /// ## Known false positives
    /// Formal native prose uses it occasionally; weight low.
    pub struct AsAResultOfWhich {
        code: "RU-EN-LEX-011",
        name: "as-a-result-of-which",
        family: LexicalCalques,
        lang: En,
        weight: 0.3,
        fires_on: [
            "Ukrainian forces shelled the city, as a result of which two civilians died",
            "Sanctions were imposed, as a result of which the prices rose",
            "An explosion occurred as a result of which three people were injured",
            "Prices rose, AS A RESULT OF WHICH people suffer",
        ],
        must_not_fire_on: [
            "As a result, two civilians died",
            "Two civilians died as a result of the shelling",
            "The shelling resulted in two deaths",
        ],
        triggers: ["result of which"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
