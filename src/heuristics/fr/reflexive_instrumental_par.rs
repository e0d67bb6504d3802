use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?:\b([smt])['’]\s?|\b(nous|vous|se|me|te)\s+)(?:int[ée]ress|passionn|occup|enthousiasm)\w*\s+par\s+(?:la|le|les|l['’]|des|du|ce|cet|cette|ces)\s*(\p{L}+)").unwrap()
});

/// Fixed adverbial phrases with "par" that native French uses after any verb.
const ADVERBIAL_NOUNS: &[&str] = &[
    "suite",
    "passe",
    "biais",
    "intermediaire",
    "meme",
    "fait",
    "moyen",
    "voie",
    "force",
    "ailleurs",
    "exemple",
    "hasard",
    "temps",
    "menu",
];

/// Whether the clitic at `start` is reflexive: "se" always is; "me", "te", "nous", "vous"
/// only after the matching subject ("je m'intéresse", but "ce film m'intéresse par son sujet"
/// is the native "interest someone by something").
fn is_reflexive(text: &str, start: usize, clitic: &str) -> bool {
    let mut subject = words::fold(words::word_before(text, start));
    if subject == "ne" || subject == "n" {
        let ne = text[..start].rfind(['n', 'N']).unwrap_or(0);
        subject = words::fold(words::word_before(text, ne));
    }
    match words::fold(clitic).as_str() {
        "s" | "se" => true,
        "m" | "me" => subject == "je" || subject == "j",
        "t" | "te" => subject == "tu",
        "nous" => subject == "nous",
        "vous" => subject == "vous",
        _ => false,
    }
}

crate::heuristic! {
    /// ## What it detects
    /// A reflexive verb of interest or occupation followed by "par" + its object: "s'intéresser
    /// par la politique", "je m'occupe par le sport", "se passionner par l'histoire", where
    /// French says "s'intéresser à", "s'occuper de", "se passionner pour".
    ///
    /// ## Why it signals Russian interference
    /// Russian governs these verbs with the instrumental case («интересоваться политикой»),
    /// which learners render with "par". The participle "intéressé par" is correct French and
    /// is not matched: only reflexive forms are.
    ///
    /// ## Fires on
    /// "Il s'intéresse par la politique", "Je m'intéresse par l'histoire russe", "Elle se
    /// passionne par la musique".
    ///
    /// ## Must not fire on
    /// "Il est intéressé par la politique", "Il s'intéresse à la politique", "Il s'y est
    /// intéressé par la suite", "Ce film m'intéresse par la qualité de ses dialogues"
    /// (non-reflexive: the film interests me by its dialogues).
    ///
    /// ## Known false positives
    /// A reflexive verb followed by an agent or means phrase not in the adverbial list ("il
    /// s'occupe par l'envoi de colis" = by sending parcels).
    pub struct ReflexiveInstrumentalPar {
        code: "RU-FR-PREP-003",
        name: "s-interesser-par",
        family: Prepositions,
        lang: Fr,
        weight: 0.55,
        fires_on: [
            "Il s'intéresse par la politique depuis longtemps",
            "Je m'intéresse par l'histoire russe",
            "Elle se passionne par la musique classique",
            "Je ne m'intéresse par la politique",
            "Vous vous intéressez par le sport",
        ],
        must_not_fire_on: [
            "Il est intéressé par la politique",
            "Il s'intéresse à la politique depuis longtemps",
            "Il s'y est intéressé par la suite",
            "Il s'occupe par la force des choses de tout",
            "Ce film m'intéresse par la qualité de ses dialogues",
            "Ce projet vous intéresse par le défi qu'il représente",
        ],
        triggers: ["nteress", "ntéress", "ntÉress", "passionn", "occup", "enthousiasm"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let clitic = caps.get(1).or_else(|| caps.get(2)).unwrap();
            let noun = words::fold(caps.get(3).unwrap().as_str());
            !ADVERBIAL_NOUNS.contains(&noun.as_str()) && is_reflexive(text, clitic.start(), clitic.as_str())
        });
    }
}
