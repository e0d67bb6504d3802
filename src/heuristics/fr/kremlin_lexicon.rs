use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:op[ée]ration militaire sp[ée]ciale|r[ée]gime de (?:kiev|kyiv)|junte de kiev|occident collectif|d[ée]nazification|russophobie|n[ée]onazis ukrainiens|milliard dor[ée])\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Kremlin vocabulary in French used in the writer's own voice: "opération militaire
    /// spéciale", "régime de Kiev", "Occident collectif", "dénazification", "russophobie".
    ///
    /// ## Why it signals Russian interference
    /// Translations of Russian state terms; narrative evidence, kept in its own family.
    /// ("Anglo-Saxons" is ordinary French and is not listed.)
    ///
    /// ## Fires on
    /// "l'opération militaire spéciale avance", "le régime de Kiev", "l'Occident collectif".
    ///
    /// ## Must not fire on
    /// "ce que Moscou appelle « opération militaire spéciale »", "les Anglo-Saxons",
    /// "l'Occident".
    ///
    /// ## Known false positives
    /// Press articles quoting the terms without quotation marks.
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
        ],
        must_not_fire_on: [
            "Ce que Moscou appelle « opération militaire spéciale » est une guerre",
            "Les Anglo-Saxons ont gagné le match",
            "L'Occident soutient l'Ukraine",
        ],
        triggers: ["militaire sp", "gime de k", "junte de k", "occident collectif", "nazification", "russophobie", "onazis", "milliard dor"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let left = support::before(text, m.start(), 30).to_lowercase();
            !(support::is_quoted_or_distanced(text, m.start(), m.end())
                || left.contains("appelle")
                || left.contains("soi-disant"))
        });
    }
}
