use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)[Ss]uch (?:(?:big|small|great|terrible|huge|stupid|simple|important|serious|bad|good|nice|beautiful|strange|horrible|awful|interesting|wonderful|ridiculous|shameful|obvious|blatant|brutal|cynical)\s+)?(problem|situation|question|idea|person|man|woman|country|decision|mistake|attack|crime|event|case|way|story|film|movie|book|thing|leader|president|government|law|lie|war|joke|fail|tragedy|disaster|shame|pity|place|city|day|moment|statement|provocation|company|idiot|hero|guy|girl|politician|opportunity|result|game|video|photo|article)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "such" directly before a singular count noun: "such problem", "such situation", "in such
    /// way".
    ///
    /// ## Why it signals Russian interference
    /// Russian «такая проблема» has no article; English needs "such a problem". Listed in the
    /// article-omission family (interference-research §2.1d).
    ///
    /// ## Fires on
    /// "I have never seen such situation", "in such way", "Such provocation is a crime".
    ///
    /// ## Must not fire on
    /// "such a situation", "no such thing", "any such case", "such thing as" / "such …s as" lists,
    /// legal "such person shall".
    ///
    /// ## Known false positives
    /// Legal and formal "such" meaning "the said" ("any such request"): excluded after no/any/
    /// every/each/one/said/all/other and before "as" and "shall".
    pub struct SuchBareNoun {
        code: "RU-EN-ART-004",
        name: "such-bare-noun",
        family: Articles,
        lang: En,
        weight: 0.45,
        fires_on: [
            "I have never seen such situation in my life",
            "They do it in such way that nobody sees",
            "Such provocation is a crime against Russia",
        ],
        must_not_fire_on: [
            "I have never seen such a situation",
            "There is no such thing as a free lunch",
            "Any such case must be reported",
            "Such person shall pay the fine",
        ],
        triggers: ["such"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let left = support::before(text, m.start(), 12).to_ascii_lowercase();
            let prev = left.split_whitespace().last().unwrap_or("");
            let next = support::after(text, m.end(), 8).to_ascii_lowercase();
            !matches!(prev, "no" | "any" | "every" | "each" | "one" | "said" | "all" | "other" | "another" | "some")
                && !next.starts_with(" as ")
                && !next.starts_with(" shall")
                && !next.starts_with('s')
        });
    }
}
