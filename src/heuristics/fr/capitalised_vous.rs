use crate::heuristics::support::{self, Pattern};
use regex::Regex;

// Spaces only between the words: a line break starts a new sentence in posts and lists.
static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?:^|[\s(«])(\p{Ll}[\p{Ll}'’-]+|à)[ \t\u{a0}]+(Vous|Votre|Vos)\b").unwrap()
});

/// Share of words in `text` that start with a capital letter.
fn capitalised_share(text: &str) -> f64 {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    caps as f64 / words.len() as f64
}

crate::heuristic! {
    /// ## What it detects
    /// The polite "Vous / Votre / Vos" capitalised in the middle of a sentence: "je Vous
    /// remercie pour Votre réponse", "merci à Vous".
    ///
    /// ## Why it signals Russian interference
    /// Russian capitalises the polite «Вы / Ваш» in letters and messages addressed to one
    /// person; French does not. A weak cue: some French formal correspondence and marketing
    /// also capitalise "Vous".
    ///
    /// ## Fires on
    /// "je Vous remercie pour Votre réponse", "Merci à Vous", "nous attendons Vos commentaires".
    ///
    /// ## Must not fire on
    /// "Vous avez raison" (sentence start), "je vous remercie", "Et Vous, Que Faites-Vous Ce
    /// Soir" (title case).
    ///
    /// ## Known false positives
    /// French business letters and advertising ("Nous sommes à Votre service"); weight low.
    pub struct CapitalisedVous {
        code: "RU-FR-TYPO-004",
        name: "capitalised-vous",
        family: Typography,
        lang: Fr,
        weight: 0.2,
        fires_on: [
            "Monsieur, je Vous remercie pour Votre réponse",
            "Merci à Vous pour tout",
            "Nous attendons Vos commentaires",
        ],
        must_not_fire_on: [
            "Vous avez raison, monsieur",
            "Monsieur, je vous remercie pour votre réponse",
            "Et Vous, Que Faites-Vous Ce Soir",
            "Voici les options seulement\nVous pouvez choisir",
            "%s Vos modifications sont enregistrées",
        ],
        triggers: ["vo"],
    }
    fn check(text, hits) {
        if capitalised_share(text) > 0.6 {
            return;
        }
        support::push_group_if(&RE, 2, text, hits, |_text, _caps| true);
    }
}
