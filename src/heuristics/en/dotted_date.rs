use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?-u:\b)"#).unwrap());

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
    /// "02/24/2022", "Feb. 24, 2022", version numbers such as "1.2.3", a month-first dotted date
    /// ("11.08.2016" where both parts are ≤ 12 is still counted; see below).
    ///
    /// ## Known false positives
    /// German, Polish, Swiss and Scandinavian writers use the same format; the weight is low.
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
        ],
        must_not_fire_on: [
            "The war started on 02/24/2022",
            "The war started on Feb. 24, 2022",
            "Update to version 1.2.3 now",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
