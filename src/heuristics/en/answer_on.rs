use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:answer|answers|answered|answering|reply|replies|replied|replying|respond|responded) on (?:(?:the|my|his|her|your|this|that|our|their|these|those|all|any|a|an|simple|easy|main|direct|many|some)\s+){0,2}(?:questions?|letters?|messages?|emails?|comments?)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "answer / reply on the question (letter, message)" instead of "answer the question" or
    /// "reply to".
    ///
    /// ## Why it signals Russian interference
    /// Russian «ответить на вопрос» («на» = "on"). Listed as PREP_ANSWER_ON.
    ///
    /// ## Fires on
    /// "answer on my question", "he never answered on the questions", "replied on my letter".
    ///
    /// ## Must not fire on
    /// "answer my question", "replied to my letter", "answered on Twitter", "answered on Monday".
    ///
    /// ## Known false positives
    /// None expected: the object must be a question, letter, message, email or comment.
    pub struct AnswerOn {
        code: "RU-EN-PREP-009",
        name: "answer-on",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Please answer on my question",
            "He never answered on the questions of journalists",
            "Nobody replied on my letter",
            "NOBODY ANSWERED ON MY QUESTIONS",
        ],
        must_not_fire_on: [
            "Please answer my question",
            "Nobody replied to my letter",
            "He answered on Twitter on Monday",
        ],
        triggers: [
            "answer on", "answers on", "answered on", "answering on", "reply on", "replies on",
            "replied on", "replying on", "respond on", "responded on",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
