use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(
        r"\b(?:1[5-9]\d\d|20\d\d)(?:\s?[-–]\s?(?:1[5-9]\d\d|20\d\d))?\s?(?:гг?\.|г\b|год[ауе]?\b)",
    )
    .unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// The Russian abbreviation «г.» (год, year) or the word «года» left after a year in French
    /// text: "2014 г.", "24.02.2022 г.", "1941-1945 гг.", "2014 года".
    ///
    /// ## Why it signals Russian interference
    /// A Russian date format passed through by a writer typing on a Russian keyboard, by
    /// copy-paste from a Russian source or by machine translation. French has no such marker.
    ///
    /// ## Fires on
    /// "le 24.02.2022 г.", "en 2014 г. la Crimée", "la guerre de 1941-1945 гг.".
    ///
    /// ## Must not fire on
    /// "en 2014", "le 24/02/2022", "2014 g" (Latin g), "г. Moscou" (the city abbreviation
    /// without a year before it).
    ///
    /// ## Known false positives
    /// A French text quoting a Russian document with its date; the quotation itself is
    /// Russian-language evidence, so the weight stays high.
    pub struct YearGAbbreviation {
        code: "RU-FR-NUM-003",
        name: "year-g-abbreviation",
        family: Numbers,
        lang: Fr,
        weight: 0.7,
        fires_on: [
            "Décret du 24.02.2022 г. signé par Poutine",
            "En 2014 г. la Crimée est revenue",
            "La grande guerre patriotique de 1941-1945 гг. reste sacrée",
        ],
        must_not_fire_on: [
            "En 2014 la Crimée a été annexée",
            "Décret du 24/02/2022 signé par Poutine",
            "En 2014 g la Crimée",
            "Né à г. Moscou",
        ],
        triggers: ["г"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
