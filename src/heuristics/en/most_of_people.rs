use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:(?i:most|many|some|all|part) of (?:people|citizens|countries|politicians|experts|students|children|Americans|Russians|Ukrainians|Europeans|Germans|journalists|voters|users|men|women|scientists|doctors|soldiers|refugees|migrants|residents|Democrats|Republicans)|(?i:the most part of))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "most of people", "many of citizens", "the most part of" — a quantifier with "of" before a
    /// bare plural noun.
    ///
    /// ## Why it signals Russian interference
    /// Russian «большинство людей» has no article to trigger "of the"; learners keep the "of" and
    /// drop the article. A teachers' survey lists "most of people" among typical mistakes
    /// (interference-research §2.1e). An IRA tweet: "Most of Americans say they are Christians".
    ///
    /// ## Fires on
    /// "Most of Americans say", "many of people think", "the most part of students".
    ///
    /// ## Must not fire on
    /// "most people", "most of the people", "most of us", "many of people's problems" (possessive),
    /// "half of Americans" (native).
    ///
    /// ## Known false positives
    /// Native typos; rare.
    pub struct MostOfPeople {
        code: "RU-EN-ART-005",
        name: "most-of-people",
        family: Articles,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Most of Americans say they are Christians",
            "Many of people think Ukraine is a democracy",
            "The most part of students support the war",
        ],
        must_not_fire_on: [
            "Most Americans say they are Christians",
            "Most of the people think so",
            "Most of us want peace",
            "Half of Americans support the bill",
        ],
        triggers: [
            "of people", "of citizens", "of countries", "of politicians", "of experts",
            "of students", "of children", "of americans", "of russians", "of ukrainians",
            "of europeans", "of germans", "of journalists", "of voters", "of users", "of men",
            "of women", "of scientists", "of doctors", "of soldiers", "of refugees", "of migrants",
            "of residents", "of democrats", "of republicans", "most part of",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 1);
            next != "'" && next != "’"
        });
    }
}
