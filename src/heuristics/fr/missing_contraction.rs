use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern =
    Pattern::new(|| Regex::new(r"\b([Dd]e|à|À) (le|les) (\p{L}[\p{L}-]*)").unwrap());

/// Words after "de le" / "à les" that show "le/les" is an object pronoun ("essayer de le lui
/// dire", "de les y envoyer", "à le plus souvent").
const PRONOUN_CONTEXT: &[&str] = &[
    "y", "en", "lui", "leur", "ne", "plus", "moins", "mieux", "bien", "tout", "tous", "toujours",
    "jamais", "aussi", "deja", "encore", "vraiment", "meme", "tres", "pas",
];

/// Whether `word` looks like an infinitive, i.e. "le/les" is an object pronoun before a verb.
fn looks_infinitive(word: &str) -> bool {
    ["er", "ir", "re", "oir", "dre"]
        .iter()
        .any(|e| word.ends_with(e))
}

crate::heuristic! {
    /// ## What it detects
    /// A missing contraction of preposition + article before a noun: "de le président" (du),
    /// "à le peuple" (au), "de les Ukrainiens" (des), "à les habitants" (aux).
    ///
    /// ## Why it signals Russian interference
    /// Russian prepositions never fuse with a following word; learners assemble "de" + "le"
    /// literally. Native writers contract without thinking.
    ///
    /// ## Fires on
    /// "la politique de le gouvernement", "une lettre à le président", "l'avis de les
    /// Ukrainiens".
    ///
    /// ## Must not fire on
    /// "essayer de le faire" (pronoun + infinitive), "de le lui dire", "la voiture de Le Pen",
    /// "à les entendre".
    ///
    /// ## Known false positives
    /// A pronoun before a verb form that does not look like an infinitive; the title of a work
    /// starting with "Le" written in lower case.
    pub struct MissingContraction {
        code: "RU-FR-ART-002",
        name: "missing-contraction",
        family: Articles,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "La politique de le gouvernement est un désastre",
            "J'ai écrit une lettre à le président",
            "Personne ne demande l'avis de les Ukrainiens",
            "Il faut donner la parole à les habitants",
        ],
        must_not_fire_on: [
            "Il faut essayer de le faire vite",
            "Il a oublié de le lui dire",
            "La voiture de Le Pen est garée ici",
            "À les entendre, tout va bien",
        ],
        triggers: ["de le", "à le", "À le"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_text, caps| {
            let word = words::fold(caps.get(3).unwrap().as_str());
            !looks_infinitive(&word) && !PRONOUN_CONTEXT.contains(&word.as_str())
        });
    }
}
