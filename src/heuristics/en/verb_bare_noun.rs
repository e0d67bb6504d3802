use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:buy|bought|buying|clean|cleaned|watch|watched|watching|saw|see|seen|read|visit|visited|need|needs|needed|want|wants|wanted|found|find|have|has|had|got|get|make|made|write|wrote|written|sell|sold|open|opened|lost|lose|took|take|ask|asked|give|gave|bring|brought|rent|rented|invite|invited|meet|met) (?:(?:new|old|big|small|nice|beautiful|good|bad|great|interesting|strange|funny|terrible|real|little|huge|important|serious|difficult|simple|stupid|better)\s+)?(?-i:(car|house|apartment|dog|cat|video|photo|picture|film|movie|book|question|problem|idea|ticket|phone|computer|girlfriend|boyfriend|wife|husband|bathroom|kitchen|letter|friend|gift|solution|mistake|decision|plan|article|bottle|job|chance|feeling|dream|opportunity|possibility|garden|bike|bicycle|camera|laptop|passport|visa))(?-u:\b)"#).unwrap());

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
    /// compounds ("have car insurance"), headline-style text ("Man lost job after tweet"),
    /// participles used as adjectives ("an open letter", "my lost phone"), repetition idioms
    /// ("mistake after mistake").
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
            "Read the open letter to the president",
            "He made mistake after mistake",
            "Watch video: Putin meets Xi",
            "We have car insurance for you",
            "Man lost job after tweet",
        ],
        triggers: [
            "car", "house", "apartment", "dog", "cat", "video", "photo", "picture", "film", "movie",
            "book", "question", "problem", "idea", "ticket", "phone", "computer", "wife", "husband",
            "bathroom", "kitchen", "letter", "friend", "gift", "solution", "mistake", "decision",
            "plan", "article", "bottle", "job", "chance", "feeling", "dream", "opportunity",
            "possibility", "garden", "bike", "bicycle", "camera", "laptop", "passport", "visa",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let left = support::before(text, m.start(), 12).to_ascii_lowercase();
            let prev = left.split_whitespace().last().unwrap_or("");
            // "an open letter", "my lost phone", "my new found friend": the "verb" is an
            // adjective inside a noun phrase.
            let adjectival = matches!(
                prev,
                "a" | "an" | "the" | "my" | "your" | "his" | "her" | "our" | "their" | "its"
                    | "this" | "that" | "new" | "newly" | "recently" | "freshly"
            );
            // "mistake after mistake", "book after book": an idiom of repetition.
            let noun = caps.get(1).unwrap().as_str();
            let repeated = support::after(text, m.end(), noun.len() + 8)
                .strip_prefix(" after ")
                .is_some_and(|rest| rest.starts_with(noun));
            !adjectival
                && !repeated
                && !support::is_sentence_start(text, m.start())
                && support::ends_noun_phrase(text, m.end())
                && !support::looks_telegraphic(text)
        });
    }
}
