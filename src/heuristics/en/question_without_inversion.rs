use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?:Why|Where|What|How|When|Who|Whom) (?:you|they|we|he|she|it|this|that|i|I) ([a-z\'’]+)[^?.!\n]{0,60}\?|(?i:what means (?:this|that|it))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A direct question that keeps statement word order: "Why you say this?", "How it is
    /// possible?", "Where they were?", and "What means this?".
    ///
    /// ## Why it signals Russian interference
    /// Russian forms questions by intonation, without "do"-support or inversion («Почему ты так
    /// говоришь?», «Как это возможно?», «Что это значит?») (Q_NO_DO_SUPPORT).
    ///
    /// ## Fires on
    /// "Why you say this?", "How it is possible?", "What means this?".
    ///
    /// ## Must not fire on
    /// "Why do you say this?", "How is it possible?", embedded questions ("I know why you say
    /// this"), casual native ellipsis ("What you gonna do?", "Where you at?", "Why you mad?"),
    /// headlines without a question mark ("Why it matters").
    ///
    /// ## Known false positives
    /// Casual native speech drops the auxiliary ("What you doing?", "Where you going?"); such
    /// forms (gonna, gotta, got, any -ing form, at, mad, think) are excluded and the weight is
    /// low. Dialects without do-support in questions ("Why you say that?") remain a risk.
    pub struct QuestionWithoutInversion {
        code: "RU-EN-WORD-002",
        name: "question-without-inversion",
        family: WordOrder,
        lang: En,
        weight: 0.35,
        fires_on: [
            "Why you say this about Russia?",
            "How it is possible? Nobody knows",
            "What means this?",
        ],
        must_not_fire_on: [
            "Why do you say this about Russia?",
            "I know why you say this about Russia",
            "What you gonna do about it?",
            "Where you going tonight?",
            "Why it matters",
        ],
        // The pattern puts a space after the pronoun: "what i " skips "what is".
        triggers: [
            "why you ", "why they ", "why we ", "why he ", "why she ", "why it ", "why this ",
            "why that ", "why i ", "where you ", "where they ", "where we ", "where he ",
            "where she ", "where it ", "where this ", "where that ", "where i ", "what you ",
            "what they ", "what we ", "what he ", "what she ", "what it ", "what this ",
            "what that ", "what i ", "how you ", "how they ", "how we ", "how he ", "how she ",
            "how it ", "how this ", "how that ", "how i ", "when you ", "when they ", "when we ",
            "when he ", "when she ", "when it ", "when this ", "when that ", "when i ", "who you ",
            "who they ", "who we ", "who he ", "who she ", "who it ", "who this ", "who that ",
            "who i ", "whom you ", "whom they ", "whom we ", "whom he ", "whom she ", "whom it ",
            "whom this ", "whom that ", "whom i ", "what means",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let Some(verb) = caps.get(1) else {
                return true;
            };
            let verb = verb.as_str();
            !verb.ends_with("ing")
                && support::is_sentence_start(text, caps.get(0).unwrap().start())
                && !matches!(
                    verb,
                    "gonna" | "gotta" | "got" | "doing" | "at" | "mad" | "think" | "know" | "mean" | "guys"
                        | "all" | "wanna" | "need" | "been"
                )
        });
    }
}
