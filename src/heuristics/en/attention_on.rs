use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:pay|pays|paid|paying|draw|draws|drew|drawn|drawing)\s+(?:(?i:more|much|less|little|no|special|close|great|particular|any|some|enough|serious|careful|your|their|our|his|her|my)\s+)?(?i:attention)\s+(?i:on|for|at)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "pay / draw attention on (for, at)" instead of "pay attention to": "the government should
    /// pay attention on this problem", "we must pay more attention for it".
    ///
    /// ## Why it signals Russian interference
    /// Russian «обращать внимание на» takes «на» (on); learners keep it. A Russian (East
    /// Slavic) preposition calque.
    ///
    /// ## Fires on
    /// "The government should pay attention on this problem", "we pay more attention for it",
    /// "I want to draw attention on the fact".
    ///
    /// ## Must not fire on
    /// "pay attention to this problem", "focus attention on", "attention on the details is
    /// key", "they paid for attention" (different order).
    ///
    /// ## Known false positives
    /// "draw attention on social media" (on = the medium) would fire; none found in the native
    /// sets. Gold recall and native rates: `docs/heuristics.md`, section "Recall on real
    /// Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 9 hits in 9 chunks, overlapping 7 (0.50%) of
    /// the prepositions family's gold error spans; 78% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct AttentionOn {
        code: "RU-EN-PREP-021",
        name: "attention-on",
        family: Prepositions,
        lang: En,
        weight: 0.5,
        fires_on: [
            "The government should pay attention on this problem",
            "The problem can be solved if we pay more attention for it",
            "I want to draw attention on the fact that prices rise",
        ],
        must_not_fire_on: [
            "The government should pay attention to this problem",
            "We should focus attention on the details",
            "They paid for attention with their money",
        ],
        triggers: ["attention"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
