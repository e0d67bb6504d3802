use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:est|sont|suis|es|sommes|[êe]tes|[êe]tre|[ée]tait|[ée]taient|[ée]t[ée]|sera|seront|serait|reste|restent|rester|rest[ée]e?s?|combat\w*|se\s+range\w*|se\s+place\w*|se\s+met\w*)\s+(?:(?:toujours|clairement|aussi|donc|bien|ouvertement|encore)\s+)?sur\s+le\s+c[ôo]t[ée]\s+(?:de\s+(?:la\s+|l['’]\s?)?|du\s+|des\s+|d['’]\s?)(\p{L}+)").unwrap()
});

/// Lower-case nouns naming a party in a conflict (a proper noun always counts).
const PARTIES: &[&str] = &[
    "peuple",
    "gouvernement",
    "regime",
    "terroristes",
    "ennemi",
    "ennemis",
    "russes",
    "americains",
    "ukrainiens",
    "islamistes",
    "rebelles",
    "bien",
    "mal",
    "verite",
    "justice",
    "occident",
    "agresseur",
    "victime",
    "victimes",
    "nazis",
    "djihadistes",
    "jihadistes",
];

crate::heuristic! {
    /// ## What it detects
    /// "être sur le côté de" + a party: "Poutine est sur le côté de Daesh", "la France reste
    /// sur le côté des terroristes", where French says "être du côté de" or "dans le camp de".
    ///
    /// ## Why it signals Russian interference
    /// A calque of Russian «быть на стороне кого-то» (on the side of). Native "sur le côté de"
    /// is physical ("sur le côté de la route") and is kept out by requiring a proper noun or a
    /// noun naming a party after it.
    ///
    /// ## Fires on
    /// "Putin est sur le côté de Daesh?", "la France est sur le côté des terroristes",
    /// "l'Occident reste sur le côté de Kiev".
    ///
    /// ## Must not fire on
    /// "la France est du côté des terroristes", "la voiture est sur le côté de la route",
    /// "l'entrée est sur le côté du bâtiment".
    ///
    /// ## Known false positives
    /// A physical position next to a named building or place ("la sortie est sur le côté de
    /// l'Élysée"); rare.
    pub struct OnTheSideOf {
        code: "RU-FR-PREP-007",
        name: "sur-le-cote-de",
        family: Prepositions,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "Vous pensez que Putin est sur le côté de Daesh?",
            "La France est sur le côté des terroristes",
            "L'Occident reste toujours sur le côté de Kiev",
        ],
        must_not_fire_on: [
            "La France est du côté des terroristes",
            "La voiture est sur le côté de la route",
            "L'entrée est sur le côté du bâtiment",
        ],
        triggers: ["cot", "côt", "cÔt"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_text, caps| {
            let party = caps.get(1).unwrap().as_str();
            party.starts_with(char::is_uppercase) || PARTIES.contains(&words::fold(party).as_str())
        });
    }
}
