use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:(personne|rien)\s+|(aucune?|nul|nulle)\s+(?:\p{L}+\s+)?)n(?:e\s+|['’]\s?)((?:[\p{L}-]+['’]?\s*){1,3}?)\bpas\b").unwrap()
});

/// Words that make "personne" a noun ("une personne ne vient pas") or "rien" part of a
/// larger phrase, so no negative concord.
const NOUN_DETERMINERS: &[&str] = &[
    "une", "la", "cette", "chaque", "toute", "quelle", "de", "des", "les", "ces", "ma", "sa", "ta",
    "notre", "votre", "leur", "seule", "autre", "bonne", "certaine", "en", "un", "le", "du",
    "pour",
];

crate::heuristic! {
    /// ## What it detects
    /// A negative word (personne, rien, aucun, nul) doubled with "ne … pas" in the same
    /// clause: "personne ne vient pas", "rien ne marche pas", "aucun pays ne veut pas".
    ///
    /// ## Why it signals Russian interference
    /// Russian has obligatory negative concord («никто не приходит»: nobody not comes);
    /// French "personne ne" already negates, and adding "pas" is a classic Russian-L1 error.
    /// A missing "ne" ("je sais pas") is ordinary spoken French and is never counted.
    ///
    /// ## Fires on
    /// "Personne ne vient pas", "Rien ne marche pas dans ce pays", "Aucun journaliste n'a pas
    /// parlé de ça".
    ///
    /// ## Must not fire on
    /// "Personne ne vient", "Une personne ne vient pas ce soir", "Je sais pas", "Personne ne
    /// dit qu'il n'est pas coupable".
    ///
    /// ## Known false positives
    /// "pas" belonging to a following clause without "que" ("Personne ne sait pourquoi pas");
    /// regional or Québec spoken concord after the verb is deliberately not covered.
    pub struct NegativeConcord {
        code: "RU-FR-NEG-001",
        name: "negative-concord",
        family: Negation,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Personne ne vient pas à la manifestation",
            "Rien ne marche pas dans ce pays",
            "Aucun journaliste n'a pas parlé de ça",
            "Personne ne le voit pas",
        ],
        must_not_fire_on: [
            "Personne ne vient à la manifestation",
            "Une personne ne vient pas ce soir",
            "Je sais pas pourquoi personne vient",
            "Personne ne dit qu'il n'est pas coupable",
            "Rien ne va plus, pas même la météo",
            "Personne ne fait le premier pas",
            "Il ne demande jamais et ne démarre pas tout seul",
            "Le code personnel nul n'a pas encore été modifié",
        ],
        triggers: ["personne", "rien", "aucun", "nul"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let neg = caps.get(1).or_else(|| caps.get(2)).unwrap();
            let between = words::fold(caps.get(3).unwrap().as_str());
            let prev = words::fold(words::word_before(text, neg.start()));
            let crosses_clause = between.split(|c: char| !c.is_alphanumeric()).any(|w| {
                matches!(
                    w,
                    "que" | "qu" | "qui" | "ne" | "n" | "si" | "quand" | "plus" | "jamais" | "rien"
                )
            });
            // "personne ne fait le premier pas": "pas" is the noun (a step).
            let last = between.split_whitespace().last().unwrap_or("");
            let pas_is_noun = matches!(
                last,
                "un" | "le" | "ce" | "mon" | "ton" | "son" | "premier" | "faux" | "grand"
                    | "petit" | "au" | "du" | "de" | "dernier" | "seul"
            );
            // "nul" is a pronoun only as a clause-initial subject ("Nul n'est …"); after a noun
            // it is the adjective ("le code nul n'a pas été modifié").
            let adjective_nul = words::fold(neg.as_str()).starts_with("nul")
                && !words::starts_clause(text, neg.start());
            !NOUN_DETERMINERS.contains(&prev.as_str())
                && !crosses_clause
                && !pas_is_noun
                && !adjective_nul
        });
    }
}
