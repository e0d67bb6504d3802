use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:(?:in|from|since|by|of|until|till|before|after|the|this|that|last|to) (?:1[5-9][0-9]{2}|20[0-9]{2}) year|(?:to|and) (?:1[5-9][0-9]{2}|20[0-9]{2}) years|(?:1[5-9][0-9]{2}|20[0-9]{2})[-–](?:1[5-9][0-9]{2}|20[0-9]{2}) years?)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A calendar year followed by "year": "in 1990 year", "since 2014 year", "from 1940 to 2040
    /// years".
    ///
    /// ## Why it signals Russian interference
    /// Russian says «в 1990 году» (in 1990 year); the word «год» is obligatory after a year.
    /// NUM_YEAR_YEARS fired on 0.5% of Russian-L1 texts and never on other L1s or natives
    /// (interference-research §2.4).
    ///
    /// ## Fires on
    /// "in 2014 year", "since 1991 year", "to 2040 years".
    ///
    /// ## Must not fire on
    /// "in 2014", "in 2000 years of history" (a duration, excluded when "of/old/ago" follows),
    /// "the 2016 year-end review", "2000 years ago".
    ///
    /// ## Known false positives
    /// Durations such as "in 2000 years": the plural "years" only counts after "to"/"and" or a
    /// year range; "ago/old/of/from now/later" after the match exclude it.
    pub struct YearAfterNumber {
        code: "RU-EN-NUM-001",
        name: "year-after-number",
        family: Numbers,
        lang: En,
        weight: 0.7,
        fires_on: [
            "In 2014 year the coup happened in Kyiv",
            "Crimea is Russian since 1783 year",
            "The plan covers the period from 2020 to 2040 years",
            "IN 2014 YEAR the coup happened",
        ],
        must_not_fire_on: [
            "In 2014 the coup happened in Kyiv",
            "Rome has 2000 years of history",
            "For the first time in 2000 years the river froze",
            "We published the 2016 year-end review",
        ],
        triggers: [
            "0 year", "1 year", "2 year", "3 year", "4 year", "5 year", "6 year", "7 year",
            "8 year", "9 year",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 10).to_ascii_lowercase();
            !(next.starts_with('-')
                || next.starts_with('\'')
                || next.starts_with('’')
                || [" ago", " old", " of", " from now", " later", " in review", " earlier", " before", " after"]
                    .iter()
                    .any(|w| next.starts_with(w)))
        });
    }
}
