use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:op[ée]ration militaire sp[ée]ciale|r[ée]gime (?:n[ée]o-?nazi |nazi |criminel )?de (?:kiev|kyiv|zelensky|zelenski)|junte (?:n[ée]o-?nazie )?de (?:kiev|kyiv)|occident collectif|d[ée]nazification|russophobie|n[ée]o-?nazis (?:ukrainiens|de (?:kiev|kyiv))|nazis (?:de (?:kiev|kyiv)|ukrainiens)|milliard (?:dor[ée]|d['’]or)|bio-?laboratoires|laboratoires biologiques (?:am[ée]ricains|militaires|secrets)|band[ée]ristes|g[ée]nocide (?:du|au|dans le) donbass?|huit ans de (?:bombardements|génocide|genocide)|curateurs (?:occidentaux|am[ée]ricains|anglo-saxons)|gayropa|gayrope|r[ée]volutions? de couleur)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Kremlin vocabulary in French used in the writer's own voice: "opération militaire
    /// spéciale", "régime de Kiev", "junte de Kiev", "Occident collectif", "dénazification",
    /// "russophobie", "néonazis de Kiev", "biolaboratoires", "bandéristes", "milliard
    /// doré", "génocide du Donbass", "curateurs occidentaux".
    ///
    /// ## Why it signals Russian interference
    /// Translations of Russian state terms; narrative evidence, kept in its own family.
    /// ("Anglo-Saxons" is ordinary French and is not listed; "Kiev" alone is the usual French
    /// spelling; "monde multipolaire" is also Gaullist diplomatic vocabulary and is left out.)
    ///
    /// ## Fires on
    /// "l'opération militaire spéciale avance", "le régime de Kiev", "l'Occident collectif",
    /// "les biolaboratoires américains", "les néonazis de Kiev".
    ///
    /// ## Must not fire on
    /// "ce que Moscou appelle « opération militaire spéciale »", "les Anglo-Saxons",
    /// "l'Occident", "la soi-disant dénazification".
    ///
    /// ## Known false positives
    /// Press articles quoting the terms without quotation marks; fact-checks that name the
    /// narrative ("le mythe des biolaboratoires").
    pub struct KremlinLexicon {
        code: "RU-FR-KREM-001",
        name: "kremlin-lexicon-fr",
        family: KremlinLexicon,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "L'opération militaire spéciale avance selon le plan",
            "Le régime de Kiev bombarde encore Donetsk",
            "L'Occident collectif veut la guerre",
            "Les biolaboratoires américains en Ukraine ont été découverts",
            "Les néonazis de Kiev tuent des civils",
        ],
        must_not_fire_on: [
            "Ce que Moscou appelle « opération militaire spéciale » est une guerre",
            "Les Anglo-Saxons ont gagné le match",
            "L'Occident soutient l'Ukraine",
            "La soi-disant dénazification est un prétexte",
            "Le mythe des biolaboratoires a été démenti",
        ],
        triggers: ["militaire sp", "gime", "junte", "occident collectif", "nazi", "russophobie", "milliard", "laboratoire", "band", "nocide", "huit ans de", "curateurs", "gayrop", "de couleur"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let left = support::before(text, m.start(), 30).to_lowercase();
            !(support::is_quoted_or_distanced(text, m.start(), m.end())
                || left.contains("appelle")
                || left.contains("soi-disant")
                || left.contains("prétendu")
                || left.contains("pretendu")
                || left.contains("mythe")
                || left.contains("narratif")
                || left.contains("propagande"))
        });
    }
}
