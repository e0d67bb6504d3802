use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\bsur\s+le\s+territoire\s+(?:de\s+l['’]\s?Ukraine|de\s+la\s+(?:F[ée]d[ée]ration\s+de\s+Russie|Russie|RPD|RPL|Crim[ée]e)|du\s+Donbass?|des\s+(?:r[ée]gions|r[ée]publiques)\s+de\s+(?:Donetsk|Lougansk|Louhansk))\b|\bla\s+partie\s+(?:russe|ukrainienne|am[ée]ricaine|occidentale)\s+(?:a|n['’]a|est|sont|va|n['’]est|consid[èe]re|estime|insiste|propose|d[ée]clare|souligne|refuse|reste|se)\b|\bles\s+parties\s+russe\s+et\s+(?:ukrainienne|am[ée]ricaine)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Bureaucratic calques that machine translation from Russian leaves in French: "sur le
    /// territoire de l'Ukraine / de la Fédération de Russie / du Donbass" (на территории), "la
    /// partie russe a déclaré" (российская сторона, for "Russia" or "Moscow").
    ///
    /// ## Why it signals Russian interference
    /// Russian official prose names countries as «сторона» (side) and places as «на
    /// территории»; literal translation keeps both. French diplomatic prose uses "la partie
    /// russe" too, so this is one weak cue to combine with others.
    ///
    /// ## Fires on
    /// "sur le territoire de l'Ukraine", "la partie russe a proposé", "sur le territoire de la
    /// Fédération de Russie".
    ///
    /// ## Must not fire on
    /// "en Ukraine", "sur le territoire français", "la partie russe du territoire" (a part of
    /// a territory), "une partie ukrainienne du public".
    ///
    /// ## Known false positives
    /// Native diplomatic and legal French ("la partie russe a refusé" in a treaty report);
    /// the weight is low.
    pub struct MtBureaucraticCalques {
        code: "RU-FR-MT-001",
        name: "mt-bureaucratic-calques-fr",
        family: MachineTranslation,
        lang: Fr,
        weight: 0.15,
        fires_on: [
            "Des frappes ont eu lieu sur le territoire de l'Ukraine",
            "La partie russe a proposé un cessez-le-feu",
            "Des saboteurs arrêtés sur le territoire de la Fédération de Russie",
        ],
        must_not_fire_on: [
            "Des frappes ont eu lieu en Ukraine",
            "Des frappes ont eu lieu sur le territoire français",
            "La partie russe du territoire est occupée",
            "Une partie ukrainienne du public a applaudi",
        ],
        triggers: ["territoire", "partie"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
