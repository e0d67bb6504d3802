use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:know|knows|knew|tell me|understand|explain|see|idea) (?:what|where|why|how|when|who) (?:is|are|am|was|were|do|does|did|can|will|should|could) (?:I|you|he|she|we|they)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Question word order inside an indirect question: "I don't know what am I supposed to do",
    /// "Who knows where can I buy…", "see what are they doing".
    ///
    /// ## Why it signals Russian interference
    /// Russian indirect questions keep the word order of the direct question («не знаю, что мне
    /// делать»), and learners invert as in a direct question (WO_EMBEDDED_Q). IRA tweets: "don't
    /// know what am I supposed to do", "Who knows where can I buy normal #Turkey?".
    ///
    /// ## Fires on
    /// "I don't know what am I supposed to do", "Who knows where can I buy a turkey?", "see what
    /// are they actually doing".
    ///
    /// ## Must not fire on
    /// "I don't know what I am supposed to do", "I know what is going on" (the subject is "what"),
    /// "Where can I buy a turkey?" (a direct question).
    ///
    /// ## Known false positives
    /// Casual native speech inverts after "wonder" and "ask" ("wondering what do YOU have to
    /// hide?", "people asked where will we be"): those verbs are not matched. Before that
    /// change the rule fired on 2 of 685 retweeted (mostly native) tweets in the IRA sample
    /// and on none of the 6,791 native negatives. Other learners invert too; only pronoun
    /// subjects count and the weight is low.
    pub struct EmbeddedQuestionInversion {
        code: "RU-EN-WORD-004",
        name: "embedded-question-inversion",
        family: WordOrder,
        lang: En,
        weight: 0.25,
        fires_on: [
            "Feeling bad... don't know what am I supposed to do",
            "Who knows where can I buy normal turkey?",
            "Stop listening to them and see what are they actually doing",
            "I DON'T KNOW WHERE CAN I BUY IT",
        ],
        must_not_fire_on: [
            "I don't know what I am supposed to do",
            "I know what is going on here",
            "Where can I buy normal turkey?",
            "Hearing you now and wondering what do YOU have to hide?",
            "Couple of people asked where will we be doing interviews",
        ],
        triggers: [
            "know what", "know where", "know why", "know how", "know when", "know who",
            "knows what", "knows where", "knows why", "knows how", "knows when", "knows who",
            "knew what", "knew where", "knew why", "knew how", "knew when", "knew who",
            "tell me what", "tell me where", "tell me why", "tell me how", "tell me when",
            "tell me who", "understand what", "understand where", "understand why",
            "understand how", "understand when", "understand who", "explain what", "explain where",
            "explain why", "explain how", "explain when", "explain who", "see what", "see where",
            "see why", "see how", "see when", "see who", "idea what", "idea where", "idea why",
            "idea how", "idea when", "idea who",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
