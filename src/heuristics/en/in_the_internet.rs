use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:in|at) (?:the )?internet(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "in (the) internet" / "at the internet" as the place where something is found or said.
    ///
    /// ## Why it signals Russian interference
    /// Calque of «в интернете» (locative в); English says "on the internet". Listed among the
    /// preposition calques of Russian speakers (interference-research §2.2, PREP_IN_INTERNET).
    ///
    /// ## Fires on
    /// "I read it in the internet.", "in internet there are many fakes", "at the internet everyone lies".
    ///
    /// ## Must not fire on
    /// "on the internet", compounds such as "in internet marketing", "in the internet age",
    /// "in Internet Explorer" (the noun phrase goes on after "internet").
    ///
    /// ## Known false positives
    /// Rare. Measured on the native-English negatives (538 tweets + SPOTTED news accounts): see
    /// docs/heuristics-en-notes.md.
    pub struct InTheInternet {
        code: "RU-EN-PREP-002",
        name: "in-the-internet",
        family: Prepositions,
        lang: En,
        weight: 0.5,
        fires_on: [
            "I read it in the internet.",
            "In internet there are many fakes about Russia",
            "At the internet everyone is an expert",
            "I READ IT IN THE INTERNET.",
        ],
        must_not_fire_on: [
            "I read it on the internet.",
            "He works in internet marketing",
            "Privacy in the internet age is dead",
        ],
        triggers: ["in internet", "in the internet", "at internet", "at the internet"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::ends_noun_phrase(text, caps.get(0).unwrap().end())
        });
    }
}
