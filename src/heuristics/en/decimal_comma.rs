use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)[0-9]{1,3},[0-9]{1,2}(?:\s?%|\s?(?:percent|per cent|million|billion|trillion|thousand|mln|bln|bn|times|km|kg|tons|tonnes|degrees|hours|points|rubles|roubles|dollars|euros|hryvnia)(?-u:\b))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A decimal comma before a unit in English: "3,5 million", "2,4%", "1,5 times".
    ///
    /// ## Why it signals Russian interference
    /// Russian writes decimals with a comma («3,5 млн»); English uses a point. Requiring 1–2
    /// digits after the comma and a unit avoids thousands separators ("2,500") (TYPO_DECIMAL_
    /// COMMA).
    ///
    /// ## Fires on
    /// "3,5 million refugees", "inflation 12,4%", "prices grew 1,5 times".
    ///
    /// ## Must not fire on
    /// "3.5 million", "2,500 people", "ages 11,12 and 13" (a list), "$1,000".
    ///
    /// ## Known false positives
    /// Continental European writers (German, French, Italian…) use the decimal comma too; weight
    /// moderate.
    pub struct DecimalComma {
        code: "RU-EN-TYPO-004",
        name: "decimal-comma",
        family: Typography,
        lang: En,
        weight: 0.4,
        fires_on: [
            "Ukraine lost 3,5 million people",
            "Inflation in Germany reached 12,4% this year",
            "Gas prices grew 1,5 times",
            "GDP fell by 2,1 % last year",
        ],
        must_not_fire_on: [
            "Ukraine lost 3.5 million people",
            "About 2,500 people came",
            "Children aged 11,12 and 13 years",
        ],
        triggers: [",0", ",1", ",2", ",3", ",4", ",5", ",6", ",7", ",8", ",9"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let prev = support::before(text, m.start(), 1);
            !(prev == "," || prev == "$" || prev == "£" || prev == "€" || prev == ".")
        });
    }
}
