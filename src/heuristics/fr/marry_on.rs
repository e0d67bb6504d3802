use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\bmari(?:er|e|es|ons|ez|ent|é|ée|és|ées|ait|aient|era|erai|eras|erons|erez|eront|ant)\s+sur\s+(moi|toi|lui|elle|eux|elles|une|la|sa|ma|ta|cette|[A-ZÀ-Ý]\p{L}+)\b").unwrap()
});

/// Nouns after "sur une/la …" that make the complement a person (the spouse).
const PERSON_NOUNS: &[&str] = &[
    "fille",
    "femme",
    "russe",
    "ukrainienne",
    "francaise",
    "americaine",
    "etrangere",
    "soeur",
    "cousine",
    "veuve",
    "princesse",
    "actrice",
    "chanteuse",
    "voisine",
    "collegue",
    "etudiante",
    "infirmiere",
    "blonde",
    "brune",
    "fiancee",
    "amie",
    "camarade",
    "beaute",
];

crate::heuristic! {
    /// ## What it detects
    /// "se marier sur" / "marié sur" + the spouse: "il s'est marié sur elle", "se marier sur
    /// une Russe", where French says "se marier avec" / "épouser".
    ///
    /// ## Why it signals Russian interference
    /// A calque of Russian «жениться на ком-то»: the spouse takes «на» (on). Native French
    /// never marks the spouse with "sur".
    ///
    /// ## Fires on
    /// "Il s'est marié sur elle en 2010", "Il veut se marier sur une Ukrainienne", "marié sur
    /// la fille du maire".
    ///
    /// ## Must not fire on
    /// "Ils se sont mariés sur la plage", "Il s'est marié sur le tard", "se marier sur Paris"
    /// (regional "sur" = in), "marié avec elle".
    ///
    /// ## Known false positives
    /// "marié sur elle" in an unrelated construction is very unlikely; none known.
    pub struct MarryOn {
        code: "RU-FR-PREP-002",
        name: "se-marier-sur",
        family: Prepositions,
        lang: Fr,
        weight: 0.6,
        fires_on: [
            "Il s'est marié sur elle en 2010",
            "Il veut se marier sur une Ukrainienne",
            "Il est marié sur la fille du maire",
        ],
        must_not_fire_on: [
            "Ils se sont mariés sur la plage",
            "Il s'est marié sur le tard",
            "Ils vont se marier sur Paris cet été",
            "Il s'est marié avec elle en 2010",
        ],
        triggers: ["mari"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let object = caps.get(1).unwrap();
            let folded = words::fold(object.as_str());
            if matches!(folded.as_str(), "moi" | "toi" | "lui" | "elle" | "eux" | "elles") {
                return true;
            }
            let noun = if object.as_str().starts_with(char::is_uppercase)
                && !matches!(folded.as_str(), "une" | "la" | "sa" | "ma" | "ta" | "cette")
            {
                // A capitalised word straight after "sur" is a place ("sur Paris") or a name;
                // only nationality nouns count.
                folded
            } else {
                words::fold(words::word_after(text, object.end()))
            };
            PERSON_NOUNS.contains(&noun.as_str())
        });
    }
}
