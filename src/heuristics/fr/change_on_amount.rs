use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:augment\w*|r[ée]dui\w*|diminu\w*|baiss\w*|hauss\w*|chut\w*|cr[ûu]s?|cro[îi]t\w*|recul\w*|progress\w*|grimp\w*|mont[ée]\w*|tomb[ée]\w*|hausse|baisse|croissance|diminution|augmentation|r[ée]duction)\s+(?:(?:environ|approximativement|presque|seulement|d[ée]j[àa])\s+)?(sur)\s+(?:environ\s+)?\d+(?:[.,]\d+)?\s?(?:%|pour\s*cents?|points?|pourcents?)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "sur" before the amount of a change: "les prix ont augmenté sur 5 %", "le chômage a
    /// baissé sur 1,4 point", "une hausse sur 2 %", where French says "de 5 %".
    ///
    /// ## Why it signals Russian interference
    /// Russian marks the size of a change with «на» («выросли на 5 %»), which learners render
    /// as "sur"; the English analogue ("decreased for 1%", "increased on 0.4%") is one of the
    /// most frequent preposition errors of Russian-L1 writers in the REALEC essays
    /// (RU-EN-PREP-014). East Slavic, not a generic learner error.
    ///
    /// ## Fires on
    /// "Les prix ont augmenté sur 5 % en un an", "Le chômage a baissé sur 1,4 point", "une
    /// hausse sur 2 % des salaires".
    ///
    /// ## Must not fire on
    /// "Les prix ont augmenté de 5 %", "une hausse de 2 % sur un an", "augmenté sur 5 ans",
    /// "la croissance sur 10 ans".
    ///
    /// ## Known false positives
    /// None found in the native sets (ParisStories, Rhapsodie, gettext catalogues).
    ///
    /// ## Measured
    /// Native items fired on: 0 of 335 ParisStories, 0 of 341 Rhapsodie, 0 of 33,902 French gettext
    /// strings. Recall cannot be measured: no French written by Russian speakers is available.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct ChangeOnAmount {
        code: "RU-FR-PREP-008",
        name: "variation-sur-montant",
        family: Prepositions,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "Les prix ont augmenté sur 5 % en un an",
            "Le chômage a baissé sur 1,4 point en 2015",
            "On observe une hausse sur 2 % des salaires",
        ],
        must_not_fire_on: [
            "Les prix ont augmenté de 5 % en un an",
            "Une hausse de 2 % sur un an",
            "Les prix ont augmenté sur 5 ans",
        ],
        triggers: [
            "augment", "rédui", "redui", "diminu", "baiss", "hauss", "chut", "crû", "cru",
            "croît", "croit", "recul", "progress", "grimp", "mont", "tomb", "croissance",
            "réduction", "reduction",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |_, _| true);
    }
}
