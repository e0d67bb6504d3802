use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:is|are|was|were|see|saw|seen|shown|depicted|visible|look|here)\s+|(?:^|[.!?]\s+))(on\s+(?:the|this|that|these|those)\s+(?:photos?|pictures?|videos?|footage)(?-u:\b))").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "on the photo / picture / video" as the place where something is shown.
    ///
    /// ## Why it signals Russian interference
    /// Calque of Russian «на фото» / «на видео»; English says "in the photo".
    ///
    /// ## Fires on
    /// "You can see on the photo", "On the video soldiers are burning", "He is on this picture".
    ///
    /// ## Must not fire on
    /// "in the photo", "comment on the photo", "put a filter on the picture", "on the photo shoot".
    ///
    /// ## Known false positives
    /// Native speakers occasionally write "on the picture" when describing a surface; the
    /// pattern requires a verb of showing or a sentence start before it.
    pub struct OnThePhoto {
        code: "RU-EN-PREP-001",
        name: "on-the-photo",
        family: Prepositions,
        lang: En,
        weight: 0.6,
        fires_on: [
            "You can see on the photo the destroyed building",
            "On the video Ukrainian soldiers are burning the flag",
            "The man who is on this picture is a NATO mercenary",
            "YOU CAN SEE ON THE PHOTO THE RUINS",
        ],
        must_not_fire_on: [
            "You can see in the photo the destroyed building",
            "Please comment on the photo below",
            "She put a filter on the picture and posted it",
        ],
        triggers: ["photo", "picture", "video", "footage"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            let end = caps.get(1).unwrap().end();
            !support::after(text, end, 6).to_lowercase().starts_with(" shoot")
        });
    }
}
