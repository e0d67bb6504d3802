use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:est|sont|était|étaient|sera|seront|n'est\s+pas|ne\s+sont\s+pas|n'était\s+pas)\s+(?:(?:pas|plus|jamais|toujours|vraiment|seulement)\s+)?(leur|leurs|notre|nos|votre|vos|mon|ma|mes|ton|ta|tes)\s*(?:[.!?;]|$)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A possessive determiner left as a predicate with no noun: "cette terre n'est pas leur.",
    /// "la victoire sera notre !", where French says "n'est pas à eux / la leur", "sera la
    /// nôtre".
    ///
    /// ## Why it signals Russian interference
    /// Russian «эта земля не их», «победа будет наша» uses the same word as determiner and
    /// predicate; the English analogue ("this land is not their") is the issue's example
    /// (RU-EN-PRON-001). A Russian transfer error.
    ///
    /// ## Fires on
    /// "Cette terre n'est pas leur.", "La victoire sera notre !", "Ce pays est notre."
    ///
    /// ## Must not fire on
    /// "Cette terre n'est pas la leur.", "C'est leur maison.", "La victoire sera la nôtre !",
    /// "est notre priorité".
    ///
    /// ## Known false positives
    /// None found in the native sets (ParisStories, Rhapsodie, gettext catalogues).
    ///
    /// ## Measured
    /// Native items fired on: 0 of 335 ParisStories, 0 of 341 Rhapsodie, 0 of 33,902 French gettext
    /// strings. Recall cannot be measured: no French written by Russian speakers is available.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct PredicativePossessive {
        code: "RU-FR-PRON-001",
        name: "possessif-attribut",
        family: Pronouns,
        lang: Fr,
        weight: 0.45,
        fires_on: [
            "Cette terre n'est pas leur.",
            "La victoire sera notre !",
            "Ce pays est notre.",
        ],
        must_not_fire_on: [
            "Cette terre n'est pas la leur.",
            "C'est leur maison.",
            "La victoire sera la nôtre !",
            "La paix est notre priorité.",
        ],
        triggers: ["leur", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "ton", "ta", "tes"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |_, _| true);
    }
}
