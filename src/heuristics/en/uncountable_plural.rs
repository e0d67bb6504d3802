use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:([Ii]nformations|[Aa]dvices|[Kk]nowledges|[Ee]quipments|[Ff]urnitures|[Hh]omeworks|[Ll]uggages|[Bb]aggages|[Mm]usics|[Ee]vidences)|(?i:an?)\s+(information|advice|furniture|equipment|homework|luggage|baggage))(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// An uncountable English noun used as a count noun: in the plural ("informations",
    /// "advices", "knowledges", "musics", "equipments", "homeworks", "evidences") or with
    /// "a / an" ("an advice", "an information").
    ///
    /// ## Why it signals Russian interference
    /// Russian «советы», «знания», «доказательства», «домашние задания» are plural count
    /// nouns; English "advice", "knowledge", "evidence", "homework" are not (interference-
    /// research §2.4: NEWS / MONEY plural, "informations / advices"). Not Russian-specific:
    /// French and Spanish L1 writers make the same error ("informations", "advices") —
    /// the catalogue rates it weak, so the weight is low; "knowledges" and "advices" are the
    /// forms closest to Russian plurals.
    ///
    /// ## Fires on
    /// "They don't have enough knowledges", "advices from teachers", "files of musics", "give
    /// an advice".
    ///
    /// ## Must not fire on
    /// "knowledge", "a piece of advice", "an information form", "an advice column", "a
    /// baggage claim", "this evidences the trend" (the verb).
    ///
    /// ## Known false positives
    /// Hotel e-mails by non-native staff in EWT ("storage for your luggages"). Gold recall and
    /// native rates: `docs/heuristics.md`, section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 35 hits in 33 chunks, overlapping 5 (0.43%)
    /// of the numbers family's gold error spans; 37% of its hits lie on an annotated error (read
    /// samples of the others are mostly real errors the annotators left). Native items fired on: 0
    /// of 381 ArgRewrite, 1 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct UncountablePlural {
        code: "RU-EN-NUM-004",
        name: "uncountable-plural",
        family: Numbers,
        lang: En,
        weight: 0.3,
        fires_on: [
            "They might not have enough knowledges for using the Internet",
            "With advices from teachers they will learn",
            "A good teacher will give an advice in hard moments",
        ],
        must_not_fire_on: [
            "They might not have enough knowledge for using the Internet",
            "The test, along with an information form, is available",
            "She writes an advice column for the paper",
            "This evidences the trend we saw",
        ],
        triggers: [
            "informations", "advice", "knowledges", "equipment", "furniture", "homework",
            "luggage", "baggage", "musics", "evidences", "information",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            match caps.get(2) {
                // "a/an + noun": only where the noun phrase ends ("an information form").
                Some(noun) => support::ends_noun_phrase(text, noun.end()),
                None => {
                    // "evidences" before a determiner is the verb ("this evidences the…").
                    let next = support::after(text, m.end(), 8).to_ascii_lowercase();
                    let verb = m.as_str().eq_ignore_ascii_case("evidences")
                        && [" the ", " a ", " an ", " this ", " that ", " his ", " her ", " their "]
                            .iter()
                            .any(|d| next.starts_with(d));
                    !verb
                }
            }
        });
    }
}
