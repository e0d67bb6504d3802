use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't)\s+(?:(?i:not|only|also|all|still|really|now|no longer|surely|definitely)\s+)?|(?i:of)\s+)(their|our|your|my)[.!?;,]").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A possessive determiner (their, our, your, my) used as a predicate or after "of" with
    /// no noun: "this land is not their", "the victory is our", "a friend of their.", where
    /// English uses the possessive pronoun ("theirs", "ours", "yours", "mine").
    ///
    /// ## Why it signals Russian interference
    /// Russian has one form for both uses: «это их земля» and «эта земля не их» — «их», «наш»,
    /// «ваш», «мой» stand alone as predicates, so learners write the determiner form. A
    /// Russian-L1 transfer error (the issue's "this land is not their").
    ///
    /// ## Fires on
    /// "This land is not their.", "The victory will be our!", "a friend of their, who".
    ///
    /// ## Must not fire on
    /// "This land is not theirs.", "It is their land.", "is their, um, land" is not matched
    /// by a full stop, "it is my turn", "of their own".
    ///
    /// ## Known false positives
    /// Typos of "there" at the end of a clause ("nothing is their,"). The possessive must be
    /// glued to the punctuation that ends the clause ("is their ." with a space is missed). None found in the native
    /// sets. Gold recall and native rates: `docs/heuristics.md`, section "Recall on real
    /// Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 1 hits in 1 chunks, overlapping 0 (0.00%) of
    /// the pronouns family's gold error spans; 100% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 0 of 2,715 EWT, 1 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct PredicativePossessive {
        code: "RU-EN-PRON-001",
        name: "predicative-possessive",
        family: Pronouns,
        lang: En,
        weight: 0.45,
        fires_on: [
            "This land is not their.",
            "The victory will be our!",
            "He is a friend of their, who lives in Moscow",
        ],
        must_not_fire_on: [
            "This land is not theirs.",
            "It is their land and their home.",
            "It is my turn now",
            "They did it of their own free will",
        ],
        // The word glued to its punctuation: "their", "our", "my" alone occur in most texts.
        triggers: [
            "their.", "their!", "their?", "their;", "their,", "our.", "our!", "our?", "our;",
            "our,", "my.", "my!", "my?", "my;", "my,",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
