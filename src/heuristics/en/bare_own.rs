use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:have|has|had|having|with|for|in|on|of|by|from|about|the|a|an|at|into|without|using|use|uses|create|creates|created|make|makes|made|protect|protects|defend|defends|express|expresses|find|found|choose|chose|buy|bought|earn|spend|start|started|open|opened)\s+own\s+([a-z]{3,})(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "own" as an adjective without a possessive before it: "they have own house", "people
    /// with own business", "to protect own citizens", "the own opinion".
    ///
    /// ## Why it signals Russian interference
    /// Russian «свой» is itself the possessive ("у них свой дом", «защищать своих
    /// граждан»); learners translate it as bare "own", where English needs "their own", "its
    /// own". Catalogued as a Russian lexical calque ("own citizens" without a possessive).
    /// Russian-specific (the reflexive possessive «свой», shared with other Slavic languages).
    ///
    /// ## Fires on
    /// "Now they have own house", "people with own business pay more taxes", "the government
    /// must protect own citizens".
    ///
    /// ## Must not fire on
    /// "they have their own house", "they own houses", "to own property", "scored an own goal",
    /// "own-brand products", "an own brand", "an own label".
    ///
    /// ## Known false positives
    /// None found in the native sets. Gold recall and native rates: `docs/heuristics.md`,
    /// section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 30 hits in 25 chunks, overlapping 2 (0.90%)
    /// of the pronouns family's gold error spans; 67% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct BareOwn {
        code: "RU-EN-PRON-002",
        name: "bare-own",
        family: Pronouns,
        lang: En,
        weight: 0.45,
        fires_on: [
            "Now they have own house near the sea",
            "People with own business pay more taxes",
            "The government must protect own citizens",
        ],
        must_not_fire_on: [
            "Now they have their own house near the sea",
            "In Russia people own houses in the village",
            "He scored an own goal in the final",
            "The supermarket sells an own brand of tea",
        ],
        triggers: ["own "],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            !matches!(
                caps.get(1).unwrap().as_str(),
                "goal" | "goals" | "use" | "account" | "brand" | "brands" | "label" | "labels" | "and" | "the" | "that" | "this" | "them" | "their" | "his" | "her" | "its" | "our" | "your" | "more" | "less" | "all" | "any" | "some" | "nothing"
            )
        });
    }
}
