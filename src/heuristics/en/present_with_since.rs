use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:(?:I|we|they|you|he|she) (?:am |are |is |\'m |\'re |\'s |’m |’re |’s )?(?:live|lives|living|work|works|working|study|studies|studying|waiting|know (?:him|her|them|you|each other|this man|this woman)|knows (?:him|her|them|you|each other))(?: [a-z]+){0,3}? since (?:(?:19|20)\d\d|\d+ years|childhood|morning|last [a-z]+|january|february|march|april|may|june|july|august|september|october|november|december)|since (?:(?:19|20)\d\d|childhood),? (?:I|we|they|he|she) (?:live|lives|work|works|am living|is living|are living|am working|is working|are working|know|knows))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A present simple or present progressive verb with a "since" point in time: "I live here
    /// since 2010", "I am working here since 2015", "since 2014 he lives in Kyiv".
    ///
    /// ## Why it signals Russian interference
    /// Russian uses the present tense for a state that continues up to now («я живу здесь с
    /// 2010»); English requires the present perfect ("have lived"). Teachers' list item #10
    /// (TENSE_PRES_SINCE).
    ///
    /// ## Fires on
    /// "I live in Moscow since 2010", "I am working here since 2015", "Since 2014 he lives in
    /// Donetsk".
    ///
    /// ## Must not fire on
    /// "I have lived in Moscow since 2010", "I have been working here since 2015", "I know since
    /// 2016 prices rose" is not matched (only "know him/her/them since").
    ///
    /// ## Known false positives
    /// French, German and Spanish writers share it; weight moderate.
    pub struct PresentWithSince {
        code: "RU-EN-VERB-002",
        name: "present-with-since",
        family: Verbs,
        lang: En,
        weight: 0.45,
        fires_on: [
            "I live in Moscow since 2010",
            "I am working in this company since 2015",
            "Since 2014 he lives in Donetsk",
            "I LIVE IN MOSCOW SINCE 2010",
        ],
        must_not_fire_on: [
            "I have lived in Moscow since 2010",
            "I have been working in this company since 2015",
            "Since 2014 he has lived in Donetsk",
        ],
        triggers: ["since"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
