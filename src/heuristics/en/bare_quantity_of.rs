use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:in|to|from|of|for|with|by|on|at|about|between|is|was|are|were|show|shows|showed|illustrate|illustrates|reduce|reduces|increase|increases|decrease|decreases|compare|compares|describe|describes|give|gives|gave|provide|provides|represent|represents|depict|depicts|reflect|reflects|whereas|while|affect|affects|see|saw|has|had|have|calculate|measure|measures|estimate|estimates|on|influence|influences|determine|determines)\s+(number|percentage|proportion|amount|majority|quantity|level|rate|minority)\s+of(?-u:\b)").unwrap()
});

static COMPOUND: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:((?i:in|to|from|of|for|with|by|on|at|about|between|whereas|while|and|but|that|is|was|show|shows|showed|see|compare|compares|illustrates|describes|where|when|as|since|because|if))\s+)?((?i:unemployment|birth|death|crime|inflation|mortality|literacy|employment|poverty|suicide|divorce|fertility|obesity|marriage|participation)\s+rate|(?:Number|Percentage|Proportion|Amount|Majority|Quantity|Level)\s+of)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A singular noun of quantity ("number", "percentage", "proportion", "amount",
    /// "majority", "quantity", "level", "rate", "minority") followed by "of", with no
    /// article, right after a preposition or a verb or opening a sentence of prose: "the graph
    /// shows number of people", "changes in amount of unemployed", "stabilised on level of
    /// 3.9%", ". Percentage of adults is…"; and a bare rate compound ("unemployment rate",
    /// "birth rate", "crime rate") as a subject or after a preposition: "Unemployment rate in
    /// EU fell", "changes in unemployment rate".
    ///
    /// ## Why it signals Russian interference
    /// Russian «количество / процент / доля / уровень» take no article; English needs "the"
    /// (or "a" in "a number of"). Missing determiners are the most over-represented error of
    /// Russian-L1 writers (FCE: 1.93× other L1s, rank 1 of 14); typical of article-less L1s
    /// (Slavic, also Japanese, Korean, Turkish), not of Russian alone.
    ///
    /// ## Fires on
    /// "The chart shows number of people", "changes in amount of unemployed people", "it
    /// stabilised on level of 3.9%".
    ///
    /// ## Must not fire on
    /// "the number of", "a number of", "what level of detail", "that number of personnel",
    /// "their present rate of growth" (a determiner or adjective comes first), headings and
    /// list items at a sentence start ("Number of hearings: 8"), headline-style text.
    ///
    /// ## Known false positives
    /// Transcribed native speech: "in percentage of expenditures" (1 of 5,000 presidential
    /// news-conference items). Gold recall and native rates: `docs/heuristics.md`, section
    /// "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 250 hits in 212 chunks, overlapping 90
    /// (2.33%) of the articles family's gold error spans; 45% of its hits lie on an annotated error
    /// (read samples of the others are mostly real errors the annotators left). Native items fired
    /// on: 0 of 381 ArgRewrite, 1 of 2,715 EWT, 1 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured
    /// with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct BareQuantityOf {
        code: "RU-EN-ART-009",
        name: "bare-quantity-of",
        family: Articles,
        lang: En,
        weight: 0.35,
        fires_on: [
            "The chart shows number of people who use the bus",
            "We can see changes in amount of unemployed people in the regions",
            "In South Asia the rate stabilised on level of 3.9% in 2015.",
            "We can see a fall. Unemployment rate in EU fell in 2015.",
            "The bars show the data. Percentage of adults is lower than of teens.",
        ],
        must_not_fire_on: [
            "The chart shows the number of people who use the bus",
            "There is a number of reasons for it",
            "We saw that number of personnel drop",
            "If both countries sustain their present rate of growth, it is fine.",
            "Number of hearings: 8. Number of votes: 0.",
            "Number of jobless claims falls to record low",
            "VII. Amount of Benefit Payments reads as follows in the plan",
            "The unemployment rate and the inflation rate fell.",
            "We discussed interest rate hikes and the exchange rate outlook.",
        ],
        triggers: [
            "number of", "percentage of", "proportion of", "amount of", "majority of",
            "quantity of", "level of", "rate of", "minority of", "ment rate", "birth rate",
            "death rate", "crime rate", "ation rate", "acy rate", "ity rate", "ide rate",
            "rce rate", "age rate", "poverty rate",
        ],
    }
    fn check(text, hits) {
        let mut telegraphic = None;
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            // "in-depth level of": the preposition is part of a hyphenated word.
            !support::before(text, m.start(), 1).ends_with(['-', '\''])
                && !*telegraphic.get_or_insert_with(|| support::looks_telegraphic(text))
        });
        // A rate compound, or a quantity noun opening a sentence of prose: "Unemployment
        // rate in EU fell", ". Percentage of young people is…".
        support::push_group_if(&COMPOUND, 2, text, hits, |text, caps| {
            let noun = caps.get(2).unwrap();
            let placed = match caps.get(1) {
                Some(lead) => !lead.as_str().eq_ignore_ascii_case("and"),
                None => {
                    support::is_prose_sentence_start(text, noun.start())
                        || (support::before(text, noun.start(), 2).trim_end().ends_with(',')
                            && support::verb_follows(support::after(text, noun.end(), 16)))
                }
            };
            let sentence_start = caps.get(1).is_none() && support::is_prose_sentence_start(text, noun.start());
            let next = support::after(text, noun.end(), 16);
            let rate = noun.as_str().to_ascii_lowercase().ends_with("rate");
            placed
                && (!rate
                    || sentence_start
                    || support::ends_noun_phrase(text, noun.end())
                    || support::verb_follows(next))
                && !*telegraphic.get_or_insert_with(|| support::looks_telegraphic(text))
        });
    }
}
