use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:[Ww]e|I) with (?:my|our) (?:friends?|wife|husband|mom|mum|mother|dad|father|brother|sister|family|colleagues?|girlfriend|boyfriend|son|daughter|kids|children|parents|grandma|granny)(?: \w+)?"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "We with my friend went…", "I with my wife visited…" as the subject of a sentence.
    ///
    /// ## Why it signals Russian interference
    /// Russian «мы с другом» ("we with friend" = my friend and I) is rendered word for word.
    /// Teachers' lists of Russian speakers' mistakes (LEX_WE_WITH_FRIEND).
    ///
    /// ## Fires on
    /// "We with my friend went to the rally", "I with my wife visited Crimea", "we with my family
    /// moved".
    ///
    /// ## Must not fire on
    /// "My friend and I went", "I, with my wife, visited" (commas), "What do we do with my friend's
    /// car" (not a subject).
    ///
    /// ## Known false positives
    /// The words after the noun must look like a verb phrase (a past-tense or present verb);
    /// comma-separated asides are excluded.
    pub struct WeWithFriend {
        code: "RU-EN-LEX-012",
        name: "we-with-friend",
        family: LexicalCalques,
        lang: En,
        weight: 0.6,
        fires_on: [
            "We with my friend went to the rally yesterday",
            "I with my wife visited Crimea last summer",
            "In 2014 we with my family moved to Rostov",
        ],
        must_not_fire_on: [
            "My friend and I went to the rally yesterday",
            "I, with my wife, visited Crimea",
            "What do we do with my friend car",
        ],
        triggers: ["we with my", "we with our", "i with my", "i with our"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let tail = m.as_str().rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            let verb_like = tail.ends_with("ed")
                || [
                    "went", "go", "are", "were", "have", "had", "was", "saw", "live", "lived", "will",
                    "moved", "visited", "made", "took", "came", "met", "like", "love", "decided",
                ]
                .contains(&tail.as_str());
            // "what do we do with my friend" — the pronoun is an object of a preceding verb there.
            let left = support::before(text, m.start(), 12).to_ascii_lowercase();
            verb_like && !left.trim_end().ends_with(" do") && !left.trim_end().ends_with(" did")
        });
    }
}
