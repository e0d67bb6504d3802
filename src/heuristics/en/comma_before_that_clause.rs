use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:it)\s+(?:is|was|seems|seemed|(?:can|could|may|might|must|should|will)\s+be|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?(?:important|true|evident|seen|noticed|thought|believed|possible|necessary|impossible|noticeable|apparent|undeniable|essential|crucial|vital|natural|logical|argued|considered|expected|assumed|supposed|understood|shown|proved|proven|found|estimated|predicted|mentioned|emphasized|emphasised|highlighted|observed|interesting|surprising|worth\s+noting|worth\s+mentioning|no\s+secret|a\s+fact|common\s+knowledge)(?:\s+to\s+(?:note|say|mention|add|understand|remember|notice|emphasize|emphasise|stress|point\s+out|admit|realize|realise|see))?|(?i:the|this|that|an?|my|our|their|his|her|one|opposite|common|popular|widespread|general)\s+(?:[a-z]+\s+)?(?:fact|opinion|idea|view|belief|statement|conclusion|notion|assumption|impression|point\s+of\s+view|feeling)|(?i:I|we|you|they|one|people|should|must|can|could|to)\s+(?:[a-z]+\s+)?(?:note|notice|mention|add|emphasize|emphasise|stress|agree|suppose|consider|realize|realise|admit|assume|predict|argue|guess|conclude|see|feel|point\s+out|prove|deny|ensure|insist|suggest|recommend|doubt|convinced|aware|afraid))(, that)\s+([A-Za-z']+)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A comma before "that" opening a clause in frames RU-EN-PUNCT-001 does not cover: after
    /// an extraposed adjective or participle ("It is important to note, that…", "It is easily
    /// seen, that…", "It is true, that…"), after a noun whose content the clause gives ("the
    /// fact, that…", "the opposite opinion, that…"), and after verbs of noticing, agreeing or
    /// arguing ("we should notice, that…", "I agree, that…").
    ///
    /// ## Why it signals Russian interference
    /// Russian punctuation requires a comma before «что» in every such clause («Важно
    /// отметить, что…», «тот факт, что…»); English forbids it. In the FCE learner corpus an
    /// unnecessary comma before "that" is 4× more frequent in Russian-L1 essays than in the
    /// 13 other L1s, and the highest of all; Polish and German writers share the habit
    /// (Slavic and German comma rules), so it points to those L1s, Russian first.
    ///
    /// ## Fires on
    /// "It is important to note, that in some regions…", "Despite the fact, that in 2 regions
    /// there are…", "First of all, we should notice, that the level…".
    ///
    /// ## Must not fire on
    /// "It is important to note that…", "the fact, that is, the truth", "I agree, that's
    /// right", "this statement, that will be available" (a relative "that" before a verb),
    /// "It is likely, but not certain, that…", "in fact, that…".
    ///
    /// ## Known false positives
    /// Transcribed speech, where commas are the transcriber's pauses. Gold recall and native
    /// rates: `docs/heuristics.md`, section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 115 hits in 114 chunks, overlapping 56
    /// (2.27%) of the punctuation family's gold error spans; 47% of its hits lie on an annotated
    /// error (read samples of the others are mostly real errors the annotators left). Native items
    /// fired on: 0 of 381 ArgRewrite, 0 of 2,715 EWT, 1 of 5,000 POTUS, 0 of 6,439 538 tweets.
    /// Measured with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct CommaBeforeThatClause {
        code: "RU-EN-PUNCT-002",
        name: "comma-before-that-clause",
        family: Punctuation,
        lang: En,
        weight: 0.5,
        fires_on: [
            "It is important to note, that in some of the regions the rate fell",
            "Despite the fact, that in 2 regions there are decreases, the rate grew",
            "First of all, we should notice, that the worldwide level is stable",
        ],
        must_not_fire_on: [
            "It is important to note that in some of the regions the rate fell",
            "I agree, that's right",
            "Here is a copy of this statement, that will all be available",
            "It is likely, but not certain, that they will be deported",
            "So huge in fact, that Toronto slang is influenced by it",
            "I feel that, that we have to do it",
        ],
        triggers: [", that"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            let whole = caps.get(0).unwrap();
            let next = caps.get(2).unwrap().as_str().to_ascii_lowercase();
            let relative_or_demonstrative = matches!(
                next.as_str(),
                "is" | "was" | "are" | "were" | "will" | "would" | "can" | "could" | "may"
                    | "might" | "should" | "must" | "has" | "have" | "had" | "does" | "do" | "did"
                    | "makes" | "made" | "means" | "said" | "says" | "being" | "that" | "that's"
                    | "that’s" | "'s" | "seems" | "became" | "becomes" | "leads" | "led"
            ) || next.starts_with("that'")
                || next.starts_with("that’");
            let left = support::before(text, whole.start(), 4).to_ascii_lowercase();
            !relative_or_demonstrative && !left.ends_with("in ")
        });
    }
}
