use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    // `(?:^|\W)` and a checked end rather than `\b`: see `support::word_char_at`.
    Regex::new(r"(?i)(?:^|\W)((?:(?:en|dans|de|depuis|jusqu['’]en|d[èe]s|avant|apr[èe]s|vers|au|pour)\s+(?:l['’]\s?)?(?:1[5-9]\d\d|20\d\d)|\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\s+(?:1[5-9]\d\d|20\d\d))\s+(?:de\s+l['’]\s?)?(?:ann[ée]e|an))").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// The word "année" (year) after a year number: "en 2014 année", "depuis 1991 année", "le
    /// 24 février 2022 année", "le 9 mai 1945 de l'année".
    ///
    /// ## Why it signals Russian interference
    /// Russian always adds «год» to a year («в 2014 году», «24 февраля 2022 года»); learners
    /// and literal machine translation carry it over. French says "en 2014".
    ///
    /// ## Fires on
    /// "en 2014 année", "Depuis 1991 année l'Ukraine", "le 24 février 2022 année".
    ///
    /// ## Must not fire on
    /// "En 2014, année électorale", "l'année 2014", "en 2014 à Paris", "2016 année record"
    /// (a headline without a preposition), "depuis 2014 année après année".
    ///
    /// ## Known false positives
    /// None known; the comma in the native apposition "en 2014, année de …" is required by
    /// French punctuation.
    pub struct YearAnnee {
        code: "RU-FR-NUM-001",
        name: "year-annee",
        family: Numbers,
        lang: Fr,
        weight: 0.7,
        fires_on: [
            "Tout a commencé en 2014 année avec le coup d'État",
            "Depuis 1991 année l'Ukraine est indépendante",
            "L'opération a commencé le 24 février 2022 année",
        ],
        must_not_fire_on: [
            "En 2014, année électorale, tout a changé",
            "L'année 2014 a tout changé",
            "Tout a commencé en 2014 à Kiev",
            "2016 année record pour le tourisme",
            "Depuis 2014 année après année les prix montent",
        ],
        triggers: ["15", "16", "17", "18", "19", "20"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            let end = caps.get(1).unwrap().end();
            // "depuis 2014 année après année" is the native idiom, not a year marker.
            let next = support::after(text, end, 8).to_lowercase();
            !(support::word_char_at(text, end)
                || next.starts_with(" après")
                || next.starts_with(" apres"))
        });
    }
}
