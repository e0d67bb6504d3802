use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:vais|vas|va|allons|allez|vont|aller|all[ée]e?s?|irai|iras|ira|irons|irez|iront|allais|allait|allaient|venir|viens|vient|venons|venez|viennent|venue?s?|invit[ée]e?s?)\s+sur\s+(?:le|la|l['’]\s?)\s*(?:concerts?|f[êe]tes?|le[çc]ons?|r[ée]unions?|mariages?|anniversaires?|spectacles?|expositions?|conf[ée]rences?|soir[ée]es?|banquets?|s[ée]minaires?|examens?|excursions?|c[ée]r[ée]monies?)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A verb of going or inviting + "sur" + an event: "aller sur le concert", "je vais sur la
    /// fête", "venu sur la réunion", where French says "aller au concert / à la fête".
    ///
    /// ## Why it signals Russian interference
    /// Russian marks events as destinations with «на» («пойти на концерт», «на собрание»),
    /// which learners translate as "sur".
    ///
    /// ## Fires on
    /// "Je vais sur le concert ce soir", "Nous sommes allés sur la fête", "Il est venu sur la
    /// réunion".
    ///
    /// ## Must not fire on
    /// "un article sur le concert", "je vais au concert", "revenir sur le concert d'hier",
    /// "venu sur le théâtre des opérations", "venez sur le festival" (on-site, not listed).
    ///
    /// ## Known false positives
    /// Professional "sur" of place ("venir sur la soirée" for staff working on site); rare in
    /// posts. Festivals, theatres and cinemas are left out for that reason.
    pub struct GoOnEvent {
        code: "RU-FR-PREP-004",
        name: "aller-sur-evenement",
        family: Prepositions,
        lang: Fr,
        weight: 0.5,
        fires_on: [
            "Je vais sur le concert ce soir",
            "Nous sommes allés sur la fête de la ville",
            "Il est venu sur la réunion en retard",
            "Je vais sur la leçon de français",
            "On est invités sur la soirée de samedi",
            "Il est allé sur la conférence de presse",
        ],
        must_not_fire_on: [
            "J'ai lu un article sur le concert",
            "Je vais au concert ce soir",
            "Nous allons revenir sur le concert d'hier",
            "Les renforts sont venus sur le théâtre des opérations",
        ],
        triggers: ["concert", "fete", "fête", "fÊte", "lecon", "leçon", "leÇon", "union", "mariage", "anniversaire", "spectacle", "exposition", "conference", "conférence", "confÉrence", "soiree", "soirée", "soirÉe", "banquet", "minaire", "examen", "excursion", "monie"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
