use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:the|a|main|one|two|three|several|many|some|major|key|other|this|these|first|second|third|last|possible|my|their|our|its|his|her|real|true|only|primary|biggest|most important)\s+((?i:reason|reasons)\s+of)\s+([A-Za-z]+)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "reason(s) of" for the cause of something: "the reasons of their behaviour", "the main
    /// reason of this trend", "several reasons of it", where English says "the reason for".
    ///
    /// ## Why it signals Russian interference
    /// Russian «причина чего» takes the genitive, which learners render as "of": «причины
    /// такого поведения» → "the reasons of such behaviour". A calque of Russian (and other
    /// Slavic) case government; the catalogue's preposition family lists such genitive
    /// calques.
    ///
    /// ## Fires on
    /// "It is important to understand the reasons of their behaviour", "The main reason of it
    /// is money", "There are several reasons of this trend".
    ///
    /// ## Must not fire on
    /// "the reasons for their behaviour", "for reasons of security", "by reason of insanity",
    /// "reasons of state", "for reasons of health".
    ///
    /// ## Known false positives
    /// Fixed formal phrases with a bare noun ("reasons of state / security / health /
    /// conscience") are excluded. None found in the native sets. Gold recall and native
    /// rates: `docs/heuristics.md`, section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 82 hits in 81 chunks, overlapping 2 (0.14%)
    /// of the prepositions family's gold error spans; 22% of its hits lie on an annotated error
    /// (read samples of the others are mostly real errors the annotators left). Native items fired
    /// on: 0 of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured
    /// with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct ReasonOf {
        code: "RU-EN-PREP-018",
        name: "reason-of",
        family: Prepositions,
        lang: En,
        weight: 0.45,
        fires_on: [
            "It is important to understand the reasons of their behaviour",
            "The main reason of it is money",
            "There are several reasons of this terrifying trend",
        ],
        must_not_fire_on: [
            "It is important to understand the reasons for their behaviour",
            "It was kept secret for reasons of security",
            "He was found not guilty by reason of insanity",
            "They did it for reasons of state and of health",
        ],
        triggers: ["reason of", "reasons of"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |_, caps| {
            !matches!(
                caps.get(2).unwrap().as_str().to_ascii_lowercase().as_str(),
                "state" | "security" | "health" | "conscience" | "time" | "space" | "economy"
                    | "convenience" | "privacy" | "national" | "public" | "cost" | "safety"
                    | "policy" | "insanity" | "principle" | "clarity" | "brevity" | "efficiency"
            )
        });
    }
}
