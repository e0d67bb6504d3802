use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:buy|bought|buying|clean|cleaned|watch|watched|watching|saw|see|seen|read|visit|visited|need|needs|needed|want|wants|wanted|found|find|have|has|had|got|get|make|made|write|wrote|written|sell|sold|open|opened|lost|lose|took|take|ask|asked|give|gave|bring|brought|rent|rented|invite|invited|meet|met) (?:(?:new|old|big|small|nice|beautiful|good|bad|great|interesting|strange|funny|terrible|real|little|huge|important|serious|difficult|simple|stupid|better)\s+)?(?-i:(car|house|apartment|dog|cat|video|photo|picture|film|movie|book|question|problem|idea|ticket|phone|computer|girlfriend|boyfriend|wife|husband|bathroom|kitchen|letter|friend|gift|solution|mistake|decision|plan|article|bottle|job|chance|feeling|dream|opportunity|possibility|president|leader|garden|bike|bicycle|camera|laptop|passport|visa))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A transitive verb followed by a bare singular count noun from a closed, lower-case list: "I
    /// have question", "I saw video where", "I don't wanna clean bathroom", "we need solution".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles; the object noun comes out bare (missing determiners: 1.93× other
    /// L1s in the FCE corpus). IRA tweets: "clean bathroom", "I found strange article at
    /// wikipedia", "you have problem".
    ///
    /// ## Fires on
    /// "I have question about this", "I found strange article at wikipedia", "I don't wanna clean
    /// bathroom".
    ///
    /// ## Must not fire on
    /// "I have a question", imperative call-to-action at the start of a sentence ("Watch video:"),
    /// compounds ("have car insurance"), headline-style text ("Man lost job after tweet").
    ///
    /// ## Known false positives
    /// Casual native omissions; only lower-case nouns from a closed list of count nouns count.
    pub struct VerbBareNoun {
        code: "RU-EN-ART-006",
        name: "verb-bare-noun",
        family: Articles,
        lang: En,
        weight: 0.4,
        fires_on: [
            "I have question about this law",
            "I found strange article at wikipedia about it",
            "I don’t wanna clean bathroom",
        ],
        must_not_fire_on: [
            "I have a question about this law",
            "Thanks to my new found friend in Ottawa",
            "Watch video: Putin meets Xi",
            "We have car insurance for you",
            "Man lost job after tweet",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            // "my new found friend": "found" as an adjective.
            let left = support::before(text, m.start(), 8).to_ascii_lowercase();
            let adjectival = m.as_str().to_ascii_lowercase().starts_with("found")
                && (left.ends_with("new ") || left.ends_with("newly "));
            !adjectival
                && !support::is_sentence_start(text, m.start())
                && support::ends_noun_phrase(text, m.end())
                && !support::looks_telegraphic(text)
        });
    }
}
