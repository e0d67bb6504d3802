use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:was|were|am|is|are|be|been|being|met|meet|meets|go|goes|went|going|gone|come|came|comes|coming|arrived|arrive|arrives|stayed|stay|sat|saw|see|seen|spoke|speak|sang|sing|played|performed|perform|invited|present|presented|late|participate|participated)\s+on\s+(?:(?:the|a|this|that|my|our|his|her|their|your|every|each)\s+)?(concert|lesson|lecture|seminar|festival|excursion|wedding|birthday party|lessons|lectures|concerts|seminars|excursions|exhibition|masterclass|master class|practical class|football match|match)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "on" for being at, or going to, an event: "I was on the concert", "we met on the
    /// lecture", "she went on the exhibition", "late on the lesson", where English says "at"
    /// or "to".
    ///
    /// ## Why it signals Russian interference
    /// Russian uses «на» for events: «на концерте», «на лекции», «на уроке», «на выставке»;
    /// learners render «на» as "on" (the catalogue's "on the place of" family). East Slavic,
    /// not a generic learner error.
    ///
    /// ## Fires on
    /// "Yesterday I was on the concert of my favourite band", "We met on the lecture", "He
    /// was late on the lesson again".
    ///
    /// ## Must not fire on
    /// "I was at the concert", "work on the lecture notes", "he was on the concert tour",
    /// "comment on the lesson", "we agreed on the match fee".
    ///
    /// ## Known false positives
    /// None found in the native sets. Gold recall and native rates: `docs/heuristics.md`,
    /// section "Recall on real Russian-L1 errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): no hit (the exam genre has no such context);
    /// native items fired on: none of ArgRewrite, EWT, POTUS or the 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct OnEvent {
        code: "RU-EN-PREP-017",
        name: "on-event",
        family: Prepositions,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Yesterday I was on the concert of my favourite band",
            "We met on the lecture and became friends",
            "He was late on the lesson again",
        ],
        must_not_fire_on: [
            "Yesterday I was at the concert of my favourite band",
            "I have to work on the lecture notes",
            "He was on the concert tour for a year",
            "We agreed on the match fee",
        ],
        triggers: [
            "concert", "lesson", "lecture", "seminar", "festival", "excursion", "wedding",
            "birthday party", "exhibition", "masterclass", "master class", "practical class",
            "match",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::ends_noun_phrase(text, caps.get(1).unwrap().end())
        });
    }
}
