use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:millions|thousands|hundreds|billions|dozens|tens)\s+(?:people|peoples|dollars|euros|rubles|roubles|pounds|users|years|children|citizens|copies|viewers|fans|customers|listeners|visitors|tons|tonnes|families|workers|students|songs|films|movies|books|albums|internet\s+users|refugees|soldiers|lives|jobs|kilometres|kilometers|miles)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A plural numeral noun followed directly by a plural noun, without "of": "millions
    /// people", "billions dollars", "thousands copies", where English says "millions of
    /// people".
    ///
    /// ## Why it signals Russian interference
    /// Russian «миллионы людей», «тысячи копий» put the counted noun in the genitive with no
    /// preposition; learners drop "of". A calque of Russian (and other Slavic) case government.
    ///
    /// ## Fires on
    /// "They get respect from millions people", "The studio lost 3,5 billions dollars",
    /// "hundreds copies were sold".
    ///
    /// ## Must not fire on
    /// "millions of people", "thousands calling on Senate leaders", "helped millions get
    /// covered", "hundreds dead along the coast", "a few billions you can reduce".
    ///
    /// ## Known false positives
    /// None found in the native sets (the counted nouns are a closed list, so verbs and
    /// adjectives after "millions" do not match). Gold recall and native rates:
    /// `docs/heuristics.md`, section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 9 hits in 8 chunks, overlapping 2 (0.14%) of
    /// the prepositions family's gold error spans; 44% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct NumeralWithoutOf {
        code: "RU-EN-PREP-020",
        name: "numeral-without-of",
        family: Prepositions,
        lang: En,
        weight: 0.45,
        fires_on: [
            "They get fame and respect from millions people",
            "The studio lost 3,5 billions dollars since 2008",
            "Hundreds copies were sold on the first day",
        ],
        must_not_fire_on: [
            "They get fame and respect from millions of people",
            "Add your voice to the thousands calling on Senate leaders",
            "Volunteers helped millions get covered",
            "You're going to be looking at hundreds dead along the coast",
        ],
        triggers: ["millions", "thousands", "hundreds", "billions", "dozens", "tens "],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
