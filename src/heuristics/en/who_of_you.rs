use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)who of (?:you|us|them|these|those)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "Who of you / us / them…" as a partitive question.
    ///
    /// ## Why it signals Russian interference
    /// Russian «кто из вас» ("who from you") maps onto "who of you"; English says "which of you"
    /// or "who among you" (WHO_OF_YOU, Swan & Smith's Russian chapter). An IRA tweet: "Who of them
    /// is the best?".
    ///
    /// ## Fires on
    /// "Who of you believes this?", "Who of them is the best?", "who of us will survive".
    ///
    /// ## Must not fire on
    /// "Which of you believes this?", "Who among you", "the fate of those who of course…".
    ///
    /// ## Known false positives
    /// Archaic or poetic native English ("who of us has not…"); weight moderate.
    pub struct WhoOfYou {
        code: "RU-EN-LEX-015",
        name: "who-of-you",
        family: LexicalCalques,
        lang: En,
        weight: 0.4,
        fires_on: [
            "Who of you believes this nonsense?",
            "Who of them is the best? Nobody",
            "Nobody knows who of us will survive",
            "WHO OF YOU BELIEVES THIS?",
        ],
        must_not_fire_on: [
            "Which of you believes this nonsense?",
            "Who among you has not sinned?",
            "Think of those who often help us",
        ],
        triggers: ["who of"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
