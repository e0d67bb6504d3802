use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:yesterday,? (?:I|we|you|they|he|she)(?: have| has|\'ve|’ve) (?:already |just |also )?(?:\w+ed|seen|been|done|gone|made|written|read|heard|met|bought|told|said|got|gotten|given|taken|found|known|sent|spoken|eaten|lost|won|come|become|begun|left|had|put|shown|thought|watched|visited|received|signed)|(?:I|we|you|they|he|she)(?: have| has|\'ve|’ve) (?:already |just |also )?(?:\w+ed|seen|been|done|gone|made|written|read|heard|met|bought|told|said|got|gotten|given|taken|found|known|sent|spoken|eaten|lost|won|come|become|begun|left|had|put|shown|thought|watched|visited|received|signed)(?: [\w\'’]+){0,5}? (?:yesterday|last (?:night|week|month|year|summer|winter|spring|autumn|fall|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d+ (?:days|weeks|months|years) ago))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The present perfect with a finished past time: "Yesterday I have seen", "I have seen him
    /// yesterday", "we have visited Crimea 2 years ago".
    ///
    /// ## Why it signals Russian interference
    /// Russian has one past tense and marks aspect instead; learners map perfective aspect onto
    /// "have + participle" and keep the time adverb (TENSE_PERF_WITH_PAST).
    ///
    /// ## Fires on
    /// "Yesterday I have seen the video", "I have watched the debate last night", "We have visited
    /// Crimea 2 years ago".
    ///
    /// ## Must not fire on
    /// "Yesterday I saw the video", "I have been waiting since yesterday", "we have had rain for
    /// the last week".
    ///
    /// ## Known false positives
    /// German and French writers share it; the time expression must not follow "since", "for"
    /// or "until", and the weight is low.
    pub struct PerfectWithPastTime {
        code: "RU-EN-VERB-003",
        name: "perfect-with-past-time",
        family: Verbs,
        lang: En,
        weight: 0.35,
        fires_on: [
            "Yesterday I have seen the video from Mariupol",
            "I have watched the debate last night",
            "We have visited Crimea 2 years ago",
            "I've been there last year and loved it",
            "WE HAVE SEEN HIM LAST WEEK",
        ],
        must_not_fire_on: [
            "Yesterday I saw the video from Mariupol",
            "I have been waiting for you since yesterday",
            "We have had rain for the last week",
        ],
        triggers: [
            "yesterday", "last night", "last week", "last month", "last year", "last summer",
            "last winter", "last spring", "last autumn", "last fall", "last monday", "last tuesday",
            "last wednesday", "last thursday", "last friday", "last saturday", "last sunday",
            "days ago", "weeks ago", "months ago", "years ago",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |_, caps| {
            let m = caps.get(0).unwrap().as_str().to_ascii_lowercase();
            ![" since ", " for ", " until ", " till ", " in the ", " over the "]
                .iter()
                .any(|w| m.contains(w))
        });
    }
}
