use crate::heuristics::support;

crate::heuristic! {
    /// ## What it detects
    /// Dates written day.month.year with dots in French text: "le 24.02.2022",
    /// "depuis le 01.09.2023", "l'ordonnance du 9.05.2015".
    ///
    /// ## Why it signals Russian interference
    /// dd.mm.yyyy is the Russian date format (24.02.2022); French writes "24/02/2022" or
    /// "24 février 2022". Writers used to the Russian format, and machine translation from
    /// Russian, carry the dots over. Same detection as the English RU-EN-TYPO-005 (shared in
    /// `support::push_dotted_dates`).
    ///
    /// ## Fires on
    /// "le 24.02.2022", "depuis le 01.09.2023", "le décret du 13.12.2019".
    ///
    /// ## Must not fire on
    /// "le 24/02/2022", "le 24 février 2022", decimal numbers and times ("3.5", "14.30"),
    /// IP addresses ("192.168.1.20"), version and article numbers ("version 2.3.2019",
    /// "article 5.10.2010", "1.2.2018.1") and dates inside URLs.
    ///
    /// ## Known false positives
    /// Swiss French writes dates with dots as a national convention, and German-speaking
    /// writers do too; French Wikipedia-style data lines ("(01.01.2012)") also use it. The
    /// weight is therefore low, as for the English heuristic.
    pub struct DottedDate {
        code: "RU-FR-TYPO-005",
        name: "dotted-date",
        family: Typography,
        lang: Fr,
        weight: 0.25,
        fires_on: [
            "L'opération militaire spéciale a commencé le 24.02.2022",
            "Depuis le 01.09.2023 les prix ont explosé",
            "Selon le décret du 13.12.2019 signé par le président",
            "Le défilé du 9.05.2015 à Moscou était grandiose",
        ],
        must_not_fire_on: [
            "L'opération a commencé le 24/02/2022",
            "L'opération a commencé le 24 février 2022",
            "Mettez à jour vers la version 2.3.2019 dès maintenant",
            "Le taux est passé de 3.5 à 4.2, rendez-vous à 14.30",
            "Le serveur 192.168.1.20 ne répond plus",
            "Voir l'article 5.10.2010 du règlement",
            "Lire ici : https://exemple.fr/actu?date=24.02.2022",
        ],
        triggers: [".19", ".20"],
    }
    fn check(text, hits) {
        support::push_dotted_dates(text, hits);
    }
}
