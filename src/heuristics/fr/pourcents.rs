use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b\d+(?:[.,]\d+)?\s*pour[- ]?cents\b|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|trente|quarante|cinquante|soixante|cent)\s+pour[- ]?cents\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "pourcents" / "pour cents" in the plural after a number: "35 pourcents", "5 pour cents",
    /// where French writes "35 pour cent" (invariable) or "35 %".
    ///
    /// ## Why it signals Russian interference
    /// Russian inflects the noun «процент» after numerals («35 процентов»), so learners
    /// pluralise "pour cent". Native writers never do.
    ///
    /// ## Fires on
    /// "35 pourcents des Français", "5 pour cents de croissance", "trente pourcents".
    ///
    /// ## Must not fire on
    /// "35 pour cent des Français", "35 % des Français", "un pourcentage élevé", "pour cents
    /// euros" without a number before (a spelling slip for "cent"), "exprimé en pourcents"
    /// (the Swiss noun "pour-cent", found in native software translations).
    ///
    /// ## Known false positives
    /// None known.
    pub struct Pourcents {
        code: "RU-FR-NUM-002",
        name: "pourcents",
        family: Numbers,
        lang: Fr,
        weight: 0.7,
        fires_on: [
            "Seulement 35 pourcents des Français soutiennent Macron",
            "L'inflation a atteint 5 pour cents",
            "Trente pourcents des électeurs",
        ],
        must_not_fire_on: [
            "Seulement 35 pour cent des Français soutiennent Macron",
            "Seulement 35 % des Français",
            "Un pourcentage élevé de la population",
            "Il l'a vendu pour cents euros",
            "La marge, exprimée en pourcents, autour de la zone active",
        ],
        triggers: ["cent"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
