use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:millions|milliers|centaines|milliards|dizaines)\s+(?:personnes|gens|euros|dollars|roubles|habitants|réfugiés|refugies|soldats|civils|enfants|citoyens|utilisateurs|spectateurs|morts|victimes|emplois|tonnes|kilomètres|kilometres|Ukrainiens|Russes|Français|Américains)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A plural numeral noun directly followed by the counted noun, without "de": "des
    /// millions personnes", "des milliers réfugiés", "trois milliards euros", where French says
    /// "des millions de personnes".
    ///
    /// ## Why it signals Russian interference
    /// Russian «миллионы людей», «тысячи беженцев» put the counted noun in the genitive with no
    /// preposition; learners drop "de". The English analogue ("millions people") is a REALEC
    /// gold error (RU-EN-PREP-020). A Russian (Slavic) case-government calque.
    ///
    /// ## Fires on
    /// "des millions personnes ont fui", "des milliers réfugiés arrivent", "trois milliards
    /// euros d'aide".
    ///
    /// ## Must not fire on
    /// "des millions de personnes", "des milliers d'euros", "les centaines restantes".
    ///
    /// ## Known false positives
    /// None found in the native sets (ParisStories, Rhapsodie, gettext catalogues).
    ///
    /// ## Measured
    /// Native items fired on: 0 of 335 ParisStories, 0 of 341 Rhapsodie, 0 of 33,902 French gettext
    /// strings. Recall cannot be measured: no French written by Russian speakers is available.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct NumeralWithoutDe {
        code: "RU-FR-PREP-009",
        name: "millions-sans-de",
        family: Prepositions,
        lang: Fr,
        weight: 0.45,
        fires_on: [
            "Des millions personnes ont fui le pays",
            "Des milliers réfugiés arrivent chaque jour",
            "L'Europe a donné trois milliards euros d'aide",
        ],
        must_not_fire_on: [
            "Des millions de personnes ont fui le pays",
            "Des milliers d'euros ont été volés",
            "Les centaines restantes sont parties",
        ],
        triggers: ["millions", "milliers", "centaines", "milliards", "dizaines"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
