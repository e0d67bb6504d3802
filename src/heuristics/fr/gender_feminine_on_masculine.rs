use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(la|une|cette|ma|ta|sa|quelle|toute) (?:(?:grande|vraie|nouvelle|seule|m[êe]me|principale|premi[èe]re|derni[èe]re|bonne|petite|mauvaise|autre|meilleure|pire|propre|v[ée]ritable|vieille|belle|seconde|grave|[ée]norme|s[ée]rieuse|simple|telle) )?(\p{L}+)\b").unwrap()
});

/// French masculine nouns whose Russian counterpart is feminine (folded spelling). Left out on
/// purpose: "modèle" ("une modèle" is a female model), "prix" ("la prix Nobel" is a laureate),
/// "parti" (a native typo for "partie").
const NOUNS: &[&str] = &[
    "probleme",
    "systeme",
    "programme",
    "theme",
    "schema",
    "dilemme",
    "drame",
    "role",
    "groupe",
    "diagramme",
    "panorama",
    "paradigme",
    "poeme",
    "telegramme",
    "theoreme",
    "pays",
    "mensonge",
    "silence",
    "travail",
    "journal",
    "reseau",
];

crate::heuristic! {
    /// ## What it detects
    /// A feminine determiner (la, une, cette, ma, ta, sa, quelle, toute) before a French
    /// masculine noun whose Russian counterpart is feminine: "la problème" (проблема), "cette
    /// système" (система), "la programme", "la rôle" (роль), "la groupe" (группа), "la pays"
    /// (страна). Accents are optional ("la probleme").
    ///
    /// ## Why it signals Russian interference
    /// Russian speakers carry the gender of the Russian word over to the French cognate or
    /// translation. Learners with other first languages make gender errors at random; this
    /// list targets the mismatches that Russian predicts. Measured at 0 hits on 37.8k native
    /// words (UD French-GSD) once the gender-neutral "leur/notre/votre" were left out.
    ///
    /// ## Fires on
    /// "la solution de la problème", "cette système est corrompu", "une vraie drame".
    ///
    /// ## Must not fire on
    /// "le problème", "leur rôle", "on la programme pour demain" (object pronoun + verb),
    /// "une modèle" (a female model), "la problématique".
    ///
    /// ## Known false positives
    /// Native typos; "la" as an object pronoun before a verb homograph not preceded by a subject
    /// pronoun ("la groupe" in an elliptic headline).
    pub struct GenderFeminineOnMasculine {
        code: "RU-FR-GEND-001",
        name: "feminine-article-on-masculine-noun",
        family: Gender,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Il faut trouver la solution de la problème",
            "Cette système est corrompu jusqu'à la moelle",
            "C'est une vraie drame pour les habitants",
            "La rôle de la France est honteux",
            "Macron a détruit la pays",
            "Il a écrit une poème sur la guerre",
            "La théorème de Pythagore est fausse",
            "Ils ont détruit la réseau électrique",
            "La thème du débat est imposé",
            "Cette schéma ne marche pas",
        ],
        must_not_fire_on: [
            "Il faut trouver la solution du problème",
            "Leur rôle est essentiel",
            "On la programme pour demain soir",
            "Je te la programme tout de suite",
            "Une modèle célèbre défile à Paris",
            "La problématique est complexe",
        ],
        triggers: ["probl", "syst", "gramm", "theme", "théme", "thème", "thême", "thëme", "thÉme", "thÈme", "thÊme", "thËme", "sch", "dilemm", "drame", "role", "rôle", "rÔle", "group", "panoram", "paradigm", "poeme", "poéme", "poème", "poême", "poëme", "poÉme", "poÈme", "poÊme", "poËme", "pœme", "pŒme", "theor", "théor", "thèor", "thêor", "thëor", "thÉor", "thÈor", "thÊor", "thËor", "pays", "mensong", "silenc", "travail", "journal", "seau"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 2, text, hits, |text, caps| {
            let det = caps.get(1).unwrap();
            let noun = words::fold(caps.get(2).unwrap().as_str());
            NOUNS.contains(&noun.as_str())
                && words::is_determiner_use(text, det.start())
        });
    }
}

#[cfg(test)]
mod tests {
    /// The list is the heuristic's real trigger: each word's accent-free spelling must contain
    /// a trigger, or the engine would skip texts where the heuristic fires.
    #[test]
    fn every_listed_word_contains_a_trigger() {
        crate::heuristics::assert_words_have_triggers(&super::GenderFeminineOnMasculine, super::NOUNS);
    }
}
