use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)[Tt]he (Europe|Russia|Germany|France|Italy|Spain|Poland|Moscow|America|China|Britain|Japan|Canada|Israel|Syria|Iran|Belarus|Kyiv|Kiev|(Latin America|North Africa|Northern Africa|South Asia|Southern Asia|South America|North America|Africa|Asia|Australia|Eastern Europe|Western Europe|Central Asia|East Asia|Southeast Asia|Scandinavia|Siberia|Facebook|Instagram|LinkedIn))(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// The definite article before the name of a country, continent, region, capital or social
    /// network that takes no article in English: "the Europe", "the Russia", "the Germany",
    /// "the North Africa", "the Latin America", "the Facebook".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles; writers who learned them as a rule over-apply "the" to proper
    /// names (a classic item in teachers' lists of mistakes by Russian speakers).
    ///
    /// ## Fires on
    /// "sanctions destroyed the Europe economy", "the Russia will answer".
    ///
    /// ## Must not fire on
    /// "the UK", "the US", "the Netherlands", "the Ukraine" (older native usage), and uses
    /// that need the article: "the Russia of the 1990s", "the Germany team", "the France
    /// of de Gaulle".
    ///
    /// ## Known false positives
    /// Attributive uses not covered by the exclusion list. Before the list of attributive heads
    /// ("the Iran deal", "the Russia hoax", "the Syria attack", "the Russia/CIA card") it fired
    /// on 7 of 6,791 native-English negatives (0.10%); weight kept low.
    pub struct TheBeforeCountry {
        code: "RU-EN-ART-001",
        name: "the-before-country",
        family: Articles,
        lang: En,
        weight: 0.35,
        fires_on: [
            "Sanctions destroyed the Europe economy completely",
            "Soon the Russia will answer to this provocation",
            "Refugees in the Germany commit crimes every day",
            "The unemployment rate in the North Africa was the highest.",
            "Most teenagers use the Instagram every day.",
        ],
        must_not_fire_on: [
            "The UK and the US announced new sanctions",
            "This is not the Russia of the 1990s",
            "The Germany team won the match",
            "Schumer hated the Iran deal made by Obama",
            "The Russia-Trump collusion story is a hoax",
            "He fought in the North Africa campaign of 1942",
            "I saw the Facebook post about it",
        ],
        triggers: [
            "the latin", "the north", "the south", "the africa", "the asia", "the australia",
            "the eastern", "the western", "the central", "the east", "the southeast",
            "the scandinav", "the siberia", "the facebook", "the instagram", "the linkedin",
            "the europe", "the russia", "the germany", "the france", "the italy", "the spain",
            "the poland", "the moscow", "the america", "the china", "the britain", "the japan",
            "the canada", "the israel", "the syria", "the iran", "the belarus", "the kyiv",
            "the kiev",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let end = caps.get(0).unwrap().end();
            let next = support::after(text, end, 16).to_lowercase();
            let word = next
                .trim_start()
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            // Regions and networks (added for the REALEC gold errors "the North Africa", "the
            // Facebook"): only as a whole noun phrase, since attributive uses abound ("the North
            // Africa campaign", "the Facebook post").
            if caps.get(2).is_some()
                && !(support::ends_noun_phrase(text, end) || support::verb_follows(&next))
            {
                return false;
            }
            !(next.starts_with(" of ")
                || next.starts_with("'s")
                || next.starts_with("’s")
                || next.starts_with(['-', '/', '–'])
                || [" we ", " that ", " which ", " i "].iter().any(|w| next.starts_with(w))
                || ATTRIBUTIVE_HEADS.contains(&word))
        });
    }
}

/// Nouns that the country name modifies ("the Iran deal", "the Russia hoax", "the Syria
/// attack"): the article belongs to them, not to the country.
const ATTRIBUTIVE_HEADS: &[&str] = &[
    "team", "match", "game", "squad", "side", "national", "deal", "hoax", "story", "investigation",
    "investigations", "probe", "attack", "attacks", "strike", "strikes", "collusion", "card",
    "nuclear", "sanctions", "policy", "issue", "crisis", "agreement", "talks", "summit", "border",
    "scandal", "dossier", "thing", "connection", "narrative", "witch", "case", "question",
    "conflict", "file", "report", "ties", "meddling", "interference", "bill", "act", "trip",
    "visit", "hawks", "problem", "stuff", "angle", "situation", "pipeline", "war", "front",
];
