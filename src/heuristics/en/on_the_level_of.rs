use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:on)\s+(?:(?i:the|a)\s+)?(?:(?i:same|stable|constant|high|low|similar|previous|steady)\s+)?(?i:level)(?:\s+(?i:of))?\s+(?:(?i:about|approximately|around|nearly|almost|roughly)\s+)?~?\d").unwrap()
});

static STAYING: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:remain|remains|remained|remaining|stay|stays|stayed|staying|stable|kept|keep|keeps|stood|stand|stands|stabilised|stabilized|continues\s+to\s+stay)\s+on\s+(?i:the|this|that|a|its|their)\s+(?:(?i:same|stable|constant|high|low|similar|previous|steady|unemployment|current)\s+)?(?i:level|point|position|mark)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "on (the) level of" a figure: "it stabilised on level of 3.9%", "it maintains on the
    /// level of 12.5%", where English says "at (the) level of" or "at 3.9%"; and "remained /
    /// stayed on the same level", where English says "at the same level".
    ///
    /// ## Why it signals Russian interference
    /// Russian «на уровне 12,5%» uses «на» (on); learners keep it. A Russian (East Slavic)
    /// preposition calque, frequent in descriptions of figures.
    ///
    /// ## Fires on
    /// "The rate in South Asia stabilised on level of 3.9%", "It maintains on the level of
    /// 12.5%", "It was on level of 12,5% both years".
    ///
    /// ## Must not fire on
    /// "at the level of 3.9%", "on a personal level", "on the same level as his brother", "on
    /// level 5 of the game" is left alone only when no digit follows the level word directly
    /// (a level number matches).
    ///
    /// ## Known false positives
    /// Game and building levels ("on level 3") match; none found in the native sets. Gold
    /// recall and native rates: `docs/heuristics.md`, section "Recall on real Russian-L1
    /// errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 19 hits in 18 chunks, overlapping 6 (0.42%)
    /// of the prepositions family's gold error spans; 42% of its hits lie on an annotated error
    /// (read samples of the others are mostly real errors the annotators left). Native items fired
    /// on: 0 of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured
    /// with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct OnTheLevelOf {
        code: "RU-EN-PREP-019",
        name: "on-the-level-of",
        family: Prepositions,
        lang: En,
        weight: 0.45,
        fires_on: [
            "The rate in South Asia stabilised on level of 3.9% in 2015.",
            "It maintains on the level of 12.5% in both years.",
            "It was on level of 12,5% both years.",
            "The rate has remained on this level since 2014.",
        ],
        must_not_fire_on: [
            "The rate in South Asia stabilised at the level of 3.9% in 2015.",
            "It matters on a personal level to me",
            "He is on the same level as his brother",
            "He stayed on the same level as the others",
        ],
        triggers: ["level"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
        // "remained on the same level": a verb of staying, no figure; "on the same level as"
        // (equal rank) is English.
        support::push_group_if(&STAYING, 0, text, hits, |text, caps| {
            let rest = support::after(text, caps.get(0).unwrap().end(), 6).to_ascii_lowercase();
            !(rest.starts_with(" as") || rest.starts_with(" with") || rest.starts_with(" of "))
        });
    }
}
