use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:la|le|les|une|un|des)\s+propres?\s+(?:opinions?|avis|points?\s+de\s+vue|positions?|visions?|pens[ée]es?|id[ée]es?|convictions?|choix|d[ée]cisions?|volont[ée]|int[ée]r[êe]ts?|identit[ée]|culture|langue|histoire|monnaie|arm[ée]e|politique)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "propre" (own) after an article instead of a possessive: "la propre opinion", "avoir
    /// une propre opinion", "le propre point de vue", where French says "sa propre opinion",
    /// "avoir son propre avis" or "une opinion personnelle".
    ///
    /// ## Why it signals Russian interference
    /// Russian «собственное мнение» / «своё мнение» needs no possessive pronoun matching the
    /// subject, and learners keep the article. Native French requires the possessive before
    /// "propre" in this sense ("sa propre opinion").
    ///
    /// ## Fires on
    /// "chacun a la propre opinion", "l'Europe n'a pas une propre politique", "ils défendent
    /// les propres intérêts".
    ///
    /// ## Must not fire on
    /// "chacun a sa propre opinion", "la propre fille du président", "le propre de l'homme".
    ///
    /// ## Known false positives
    /// "la propre opinion de X" is excluded (native with a complement); otherwise none known.
    pub struct OwnOpinionArticle {
        code: "RU-FR-LEX-003",
        name: "la-propre-opinion",
        family: LexicalCalques,
        lang: Fr,
        weight: 0.45,
        fires_on: [
            "Chacun a la propre opinion sur cette guerre",
            "L'Europe n'a pas une propre politique étrangère",
            "Ils défendent les propres intérêts",
        ],
        must_not_fire_on: [
            "Chacun a sa propre opinion sur cette guerre",
            "La propre fille du président était là",
            "Le rire est le propre de l'homme",
            "Les propres intérêts de la France sont en jeu",
        ],
        triggers: ["propre"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 5).to_lowercase();
            !(next.starts_with(" de ") || next.starts_with(" du ") || next.starts_with(" des ")
                || next.starts_with(" d'") || next.starts_with(" d’"))
        });
    }
}
