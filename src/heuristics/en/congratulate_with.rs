use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)congratulat(?:e|es|ed|ing|ion|ions)(?: (?:you|him|her|them|us|everyone|everybody|all|someone|\w+))? with(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "congratulate (someone) with" an occasion and "congratulations with…".
    ///
    /// ## Why it signals Russian interference
    /// Russian «поздравить с» (instrumental «с» = "with"); English congratulates "on". A teacher's
    /// list of Russian speakers' mistakes has "Congratulations with Teachers' Day!"; an IRA tweet:
    /// "congratulate someone with birthday".
    ///
    /// ## Fires on
    /// "Congratulations with Victory Day!", "I congratulate you with the New Year", "congratulate
    /// someone with birthday".
    ///
    /// ## Must not fire on
    /// "Congratulations on your victory", "congratulated him with a handshake" (instrument),
    /// "congratulations to everyone with a ticket".
    ///
    /// ## Known false positives
    /// Instrument and manner uses ("with a hug / call / letter", "with all my heart", "with
    /// pride") are excluded.
    pub struct CongratulateWith {
        code: "RU-EN-PREP-008",
        name: "congratulate-with",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Congratulations with Victory Day, dear veterans!",
            "I congratulate you with the New Year",
            "Apps order me to congratulate someone with birthday",
            "CONGRATULATIONS WITH VICTORY DAY!",
        ],
        must_not_fire_on: [
            "Congratulations on your victory",
            "He congratulated him with a handshake",
            "Congratulations to everyone with a ticket",
            "Congratulations with all my heart, dear friends",
        ],
        triggers: ["congratulat"],
    }
    fn check(text, hits) {
        static INSTRUMENT: Pattern = Pattern::new(|| {
            Regex::new(r"(?i)^\s+(?:a |an |his |her |their |warm |big )?(?:handshake|hug|kiss|call|phone call|letter|toast|message|note|card|flowers|tweet|video|speech|all (?:my|our) (?:heart|hearts|love)|love|pride|joy)").unwrap()
        });
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            !INSTRUMENT.is_match(support::after(text, caps.get(0).unwrap().end(), 30))
        });
    }
}
