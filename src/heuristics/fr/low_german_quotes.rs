use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r"„[^„“”\n]{1,200}[“”]").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Low-high quotation marks „ “ in French text.
    ///
    /// ## Why it signals Russian interference
    /// „ “ is the Russian (and German) handwritten/secondary quotation style; French uses
    /// « » — which is normal and must never fire — or " ".
    ///
    /// ## Fires on
    /// "le „plan de paix“ de Zelensky", "les „experts“ de Bruxelles", "une „démocratie“".
    ///
    /// ## Must not fire on
    /// "le « plan de paix »", "les \"experts\"", "une démocratie".
    ///
    /// ## Known false positives
    /// French text quoting German; rare.
    pub struct LowGermanQuotes {
        code: "RU-FR-TYPO-001",
        name: "low-high-quotes",
        family: Typography,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "Le „plan de paix“ de Zelensky est un mensonge",
            "Les „experts“ de Bruxelles mentent encore",
            "Voilà votre „démocratie“ occidentale",
        ],
        must_not_fire_on: [
            "Le « plan de paix » de Zelensky est un mensonge",
            "Les \"experts\" de Bruxelles mentent encore",
            "Voilà votre démocratie occidentale",
        ],
        triggers: ["„"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
