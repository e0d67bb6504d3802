use crate::heuristics::support;

crate::heuristic! {
    /// ## What it detects
    /// Dates written day.month.year with dots: "24.02.2022", "9.05.2015".
    ///
    /// ## Why it signals Russian interference
    /// dd.mm.yyyy is the Russian date format; English writes "February 24, 2022" or uses slashes
    /// (US month first). Also a machine-translation pass-through (TYPO_DATE_DOTTED).
    ///
    /// ## Fires on
    /// "24.02.2022", "Victory parade on 9.05.2015", "order of 13.12.2019".
    ///
    /// ## Must not fire on
    /// "02/24/2022", "Feb. 24, 2022", version and section numbers ("version 2.3.2019",
    /// "1.2.2018.1"), dates inside URLs ("?date=24.02.2022").
    ///
    /// ## Known false positives
    /// German, Polish, Swiss and Scandinavian writers use the same format, and a US writer may
    /// dot a month-first date ("12.05.2019"); the weight is low.
    pub struct DottedDate {
        code: "RU-EN-TYPO-005",
        name: "dotted-date",
        family: Typography,
        lang: En,
        weight: 0.25,
        fires_on: [
            "The special operation started on 24.02.2022",
            "Victory parade on 9.05.2015 in Moscow",
            "Order of the ministry of 13.12.2019",
            "The war began on 1.09.1939 in Poland",
        ],
        must_not_fire_on: [
            "The war started on 02/24/2022",
            "The war started on Feb. 24, 2022",
            "Update to version 1.2.3 now",
            "Version 2.3.2019 released",
            "Archive: https://example.com/news?date=24.02.2022",
        ],
        triggers: [".19", ".20"],
    }
    fn check(text, hits) {
        support::push_dotted_dates(text, hits);
    }
}
