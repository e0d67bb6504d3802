use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:in)\s+(?:\d+(?:[.,]\d+)?|(?i:two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|hundred|a thousand|a few|several|many|one and a half))\s+(?i:times)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "in N times" for a multiple: "the rent rose in three times", "in 2 times lower", "it is
    /// bigger in six times", where English says "threefold", "by a factor of three" or "three
    /// times higher".
    ///
    /// ## Why it signals Russian interference
    /// Russian «в три раза» (больше, выросло) is rendered word for word; the catalogue lists it
    /// among the Russian lexical calques ("grew in two times"). East Slavic, not a generic
    /// learner error.
    ///
    /// ## Fires on
    /// "The rent rose in three times", "chemical goods were in 2 times lower", "transport by
    /// rail is bigger in six times."
    ///
    /// ## Must not fire on
    /// "three times higher", "in three times as many cases", "in 2 times out of 3", "in ten
    /// times the time", "twice in three times at bat".
    ///
    /// ## Known false positives
    /// None found in the native sets. Gold recall and native rates: `docs/heuristics.md`,
    /// section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 5 hits in 5 chunks, overlapping 0 (0.00%) of
    /// the prepositions family's gold error spans; 60% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct InNTimes {
        code: "RU-EN-PREP-015",
        name: "in-n-times",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "The rent rose in three times after the crisis",
            "Chemical goods were in 2 times lower than machinery",
            "Transporting machinery by rail is bigger in six times.",
        ],
        must_not_fire_on: [
            "The rent is three times higher now",
            "It happens in three times as many cases",
            "He scored in 2 times out of 3",
            "It took in ten times the usual time",
        ],
        triggers: ["times"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let rest = support::after(text, caps.get(0).unwrap().end(), 16).to_ascii_lowercase();
            let next: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            // End of the phrase, or a comparative: "in 3 times more", "in 2 times lower".
            let ends = rest.is_empty() || rest.starts_with(['.', ',', ';', ':', '!', '?', ')']);
            let comparative = next == "more"
                || next == "less"
                || next == "than"
                || (next.len() > 3 && next.ends_with("er") && next != "per" && next != "after" && next != "over" && next != "under");
            // "rose in three times": after a verb of change.
            let left = support::before(text, caps.get(0).unwrap().start(), 24).to_ascii_lowercase();
            let after_change = left.split_whitespace().last().is_some_and(|w| {
                ["increas", "decreas", "rose", "rise", "grew", "grow", "fell", "fall", "drop", "reduc", "declin", "climb", "jump", "went up", "went down"]
                    .iter()
                    .any(|v| w.starts_with(v))
            });
            ends || comparative || after_change
        });
    }
}
