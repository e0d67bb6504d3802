use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)it is (?:necessary|worth|important) to (?:note|mention|say|emphasi[sz]e|stress|underline|point out|add|notice|remind)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "it is necessary to note / say / emphasize", "it is worth to mention".
    ///
    /// ## Why it signals Russian interference
    /// Calque of «необходимо отметить», «стоит отметить» / «стоит сказать» (impersonal modal +
    /// infinitive). English says "note that", "it is worth noting" (gerund) or "it should be
    /// noted". A translation-studies tell of Russian→English text (interference-research §4).
    ///
    /// ## Fires on
    /// "It is necessary to note that", "it is worth to mention", "it is important to underline".
    ///
    /// ## Must not fire on
    /// "it is worth noting", "it is necessary to act now", "it is important to vote".
    ///
    /// ## Known false positives
    /// "It is important to note / stress / add that" is ordinary native formal English, so with
    /// "important" only "underline" (Russian «подчеркнуть») counts; weight moderate.
    pub struct NecessaryToNote {
        code: "RU-EN-LEX-005",
        name: "necessary-to-note",
        family: LexicalCalques,
        lang: En,
        weight: 0.45,
        fires_on: [
            "It is necessary to note that the West lies",
            "It is worth to mention the role of NATO",
            "It is important to underline that Russia is right",
            "IT IS NECESSARY TO NOTE that the West lies",
        ],
        must_not_fire_on: [
            "It is worth noting that the West lies",
            "It is necessary to act now",
            "It is important to vote on Tuesday",
            "It is important to stress that turnout was high",
        ],
        triggers: ["is necessary to", "is worth to", "important to underline"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            let m = caps.get(0).unwrap().as_str().to_ascii_lowercase();
            // "it is important to note/stress/add" is native register; «важно подчеркнуть» → "underline".
            !m.contains("important") || m.ends_with(" underline")
        });
    }
}
