use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:married|marry|marries|marrying|marriage) with(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "married with someone" / "marry with" instead of "married to" / "marry someone".
    ///
    /// ## Why it signals Russian interference
    /// Russian «жениться на / быть в браке с» uses an instrumental «с» ("with"). Listed as
    /// PREP_MARRIED_WITH.
    ///
    /// ## Fires on
    /// "he is married with a Ukrainian woman", "she married with an American", "marriage with him".
    ///
    /// ## Must not fire on
    /// "married to", "married with two children" / "married with kids" (idiomatic), the sitcom
    /// "Married with Children", "married with a (small) ceremony".
    ///
    /// ## Known false positives
    /// Other L1s (Romance languages: "casado con") make the same error; weight moderate.
    pub struct MarriedWith {
        code: "RU-EN-PREP-005",
        name: "married-with",
        family: Prepositions,
        lang: En,
        weight: 0.45,
        fires_on: [
            "He is married with a Ukrainian woman from Kharkiv",
            "She married with an American soldier",
            "Her marriage with him lasted two years",
            "SHE IS MARRIED WITH A FRENCHMAN",
        ],
        must_not_fire_on: [
            "He is married to a Ukrainian woman",
            "He is married with two children",
            "We watched Married with Children all night",
            "We were married with a beautiful ceremony in June",
        ],
        triggers: ["married with", "marry with", "marries with", "marrying with", "marriage with"],
    }
    fn check(text, hits) {
        static FAMILY: Pattern = Pattern::new(|| {
            Regex::new(r"(?i)^\s+(?:(?:two|three|four|five|six|\d+|a|young|small|grown|no|three grown)\s+)?(?:children|kids|child|kid|baby|babies|family|a family|a (?:beautiful |small |simple |lovely )?(?:ceremony|wedding))(?-u:\b)")
                .unwrap()
        });
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let end = caps.get(0).unwrap().end();
            !FAMILY.is_match(support::after(text, end, 40))
        });
    }
}
