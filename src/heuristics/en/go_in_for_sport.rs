use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:go|goes|went|going|gone) in for (?:sports?|fitness|swimming|football|tennis|running|boxing|athletics|dancing|yoga|skiing|wrestling|hockey|gymnastics|martial arts)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "go in for sport(s)" meaning "do sport / exercise".
    ///
    /// ## Why it signals Russian interference
    /// Soviet-textbook English for «заниматься спортом»; near zero among natives today
    /// (LEX_GO_IN_FOR_SPORT).
    ///
    /// ## Fires on
    /// "I go in for sport", "she goes in for swimming", "young people went in for sports".
    ///
    /// ## Must not fire on
    /// "I do sport", "he went in for surgery", "went in for the kill".
    ///
    /// ## Known false positives
    /// Dated British English; only sport and activity nouns are matched.
    pub struct GoInForSport {
        code: "RU-EN-LEX-010",
        name: "go-in-for-sport",
        family: LexicalCalques,
        lang: En,
        weight: 0.55,
        fires_on: [
            "Every morning I go in for sport",
            "She goes in for swimming twice a week",
            "In the USSR young people went in for sports",
            "HE GOES IN FOR BOXING",
        ],
        must_not_fire_on: [
            "Every morning I do sport",
            "He went in for surgery on Monday",
            "The lion went in for the kill",
        ],
        triggers: ["go in for", "goes in for", "went in for", "going in for", "gone in for"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
