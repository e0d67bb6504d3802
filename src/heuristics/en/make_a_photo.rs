use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:make|makes|made|making) (?:a |an |the |some |this |that |these |many |lots of |a few |few |\d+ )?(?:(?:nice|good|great|beautiful|funny|new|quick|little|few|couple of)\s+)?(?:photos?|photographs?|selfies?|snapshots?|photoshoot)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "make a photo / photos / selfie" instead of "take a photo".
    ///
    /// ## Why it signals Russian interference
    /// Calque of «сделать фото» (сделать = make/do). Listed as LEX_MAKE_PHOTO; German and Dutch
    /// writers ("ein Foto machen") share it.
    ///
    /// ## Fires on
    /// "I made a photo of the column", "let's make some photos", "she is making selfies".
    ///
    /// ## Must not fire on
    /// "take a photo", "made a photo album", "make a photo op" (the noun phrase goes on),
    /// "make photography more accessible".
    ///
    /// ## Known false positives
    /// German/Dutch L1 writers; compounds after "photo" are excluded.
    pub struct MakeAPhoto {
        code: "RU-EN-LEX-002",
        name: "make-a-photo",
        family: LexicalCalques,
        lang: En,
        weight: 0.55,
        fires_on: [
            "I made a photo of the military column",
            "Let's make some photos near the Kremlin",
            "She is making selfies all day",
            "WE MADE A FEW PHOTOS THERE",
        ],
        must_not_fire_on: [
            "I took a photo of the military column",
            "We made a photo album for grandma",
            "They want to make photography more accessible",
        ],
        triggers: ["photo", "selfie", "snapshot"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::ends_noun_phrase(text, caps.get(0).unwrap().end())
        });
    }
}
