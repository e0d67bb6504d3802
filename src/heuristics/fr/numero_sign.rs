use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r"№\s?\d*").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The numero sign «№» ("№5", "№ 12"), where French writes "n°" or "no".
    ///
    /// ## Why it signals Russian interference
    /// «№» is the standard Russian way to write "number" and sits on the Russian keyboard
    /// (Shift+3); French keyboards do not offer it and French typography uses "n°".
    ///
    /// ## Fires on
    /// "la loi №5", "l'école № 12", "décret №123 du président".
    ///
    /// ## Must not fire on
    /// "la loi n°5", "l'école no 12", "le N° 1 mondial".
    ///
    /// ## Known false positives
    /// Texts copied from some Unicode-heavy sources (rare in French).
    pub struct NumeroSign {
        code: "RU-FR-TYPO-002",
        name: "numero-sign",
        family: Typography,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Selon la loi №5 sur les médias",
            "Les enfants de l'école № 12 ont été évacués",
            "Le décret №123 du président est clair",
        ],
        must_not_fire_on: [
            "Selon la loi n°5 sur les médias",
            "Les enfants de l'école no 12 ont été évacués",
            "Le N° 1 mondial du tennis",
        ],
        triggers: ["№"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
