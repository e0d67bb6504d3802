use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:\d+(?:[.,]\d+)?|few|several|many|some|ten|hundreds of|tens of) ?percents(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The plural "percents" after a number: "35 percents", "several percents".
    ///
    /// ## Why it signals Russian interference
    /// Russian «35 процентов» is a plural noun; English "percent" does not inflect. NUM_PERCENTS:
    /// 0.3% of Russian-L1 texts, none among other L1s or natives (interference-research §2.4).
    ///
    /// ## Fires on
    /// "35 percents of Ukrainians", "inflation is 12,5 percents", "only few percents".
    ///
    /// ## Must not fire on
    /// "35 percent", "35%", "percentages".
    ///
    /// ## Known false positives
    /// None expected.
    pub struct Percents {
        code: "RU-EN-NUM-002",
        name: "percents",
        family: Numbers,
        lang: En,
        weight: 0.7,
        fires_on: [
            "35 percents of Ukrainians speak Russian",
            "Inflation in the EU is 12,5 percents",
            "Only few percents support Zelensky",
            "ONLY 5 PERCENTS voted for him",
        ],
        must_not_fire_on: [
            "35 percent of Ukrainians speak Russian",
            "Inflation is 12.5%",
            "The percentages are wrong",
        ],
        triggers: ["percents"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
