use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:vi[st]|vivons|vivez|vivent|vivre|v[ée]cu|vivais|vivait|vivaient|habit(?:e|es|ons|ez|ent|er|é|ée|és|ées|ait|aient|ais|ant)|né|née|nés|nées|situ[ée]e?s?|se\s+trouv\w*|s[ée]journ\w*|r[ée]sid\w*|install[ée]e?s?|domicili[ée]e?s?)\s+(?:(?:toujours|encore|aujourd['’]hui|maintenant|depuis\s+\d+\s+ans)\s+)?sur\s+(?:l['’]\s?Ukraine|le\s+Donbass?)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "sur l'Ukraine" (or "sur le Donbass") as a location after a verb of living, being born
    /// or being located: "ils vivent sur l'Ukraine", "né sur l'Ukraine", where French says "en
    /// Ukraine" / "dans le Donbass".
    ///
    /// ## Why it signals Russian interference
    /// Russian uses «на Украине», «на Донбассе» (on) for these regions; the preposition is
    /// even a political marker in Russian. Native French uses "en Ukraine". The verb guard
    /// keeps out the common native "pression sur l'Ukraine", "un livre sur l'Ukraine".
    ///
    /// ## Fires on
    /// "Mes parents vivent sur l'Ukraine", "Il est né sur l'Ukraine", "les gens qui habitent
    /// sur le Donbass".
    ///
    /// ## Must not fire on
    /// "la pression sur l'Ukraine", "ils vivent en Ukraine", "elle travaille sur l'Ukraine
    /// depuis des années" (a research topic).
    ///
    /// ## Known false positives
    /// "situé sur" in a figurative sense ("un débat situé sur l'Ukraine"); rare.
    pub struct OnUkraineLocation {
        code: "RU-FR-PREP-005",
        name: "sur-l-ukraine-locatif",
        family: Prepositions,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Mes parents vivent sur l'Ukraine",
            "Il est né sur l'Ukraine en 1985",
            "Les gens qui habitent sur le Donbass souffrent",
            "Elle vit toujours sur l’Ukraine",
        ],
        must_not_fire_on: [
            "La pression sur l'Ukraine augmente",
            "Mes parents vivent en Ukraine",
            "Elle travaille sur l'Ukraine depuis des années",
            "Un livre sur le Donbass vient de sortir",
        ],
        triggers: ["ukraine", "donbas"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
