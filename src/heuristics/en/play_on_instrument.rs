use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:I|we|you|they|he|she|to|can|can't|cannot|could|will|would|like|love|likes|loves|learn|learned|learning) play(?:s|ed|ing)? on (?:the |a |my |his |her |our )?(?:guitar|piano|violin|drums|bass|cello|flute|saxophone|sax|trumpet|accordion|balalaika|harmonica|keyboard|synthesizer)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "play on guitar / piano / violin" after a subject or an infinitive marker.
    ///
    /// ## Why it signals Russian interference
    /// Russian «играть на гитаре» («на» = "on"); English says "play the guitar". Listed as
    /// PREP_PLAY_ON.
    ///
    /// ## Fires on
    /// "I play on guitar", "she likes to play on piano", "he can play on the violin".
    ///
    /// ## Must not fire on
    /// "I play the guitar", "music played on the piano" (passive, no subject pronoun),
    /// "I play on the team".
    ///
    /// ## Known false positives
    /// "I played on the piano at the party" (a location sense) is possible but rare.
    pub struct PlayOnInstrument {
        code: "RU-EN-PREP-011",
        name: "play-on-instrument",
        family: Prepositions,
        lang: En,
        weight: 0.55,
        fires_on: [
            "In the evening I play on guitar with friends",
            "She likes to play on piano",
            "He can play on the violin very well",
            "SHE LIKES TO PLAY ON PIANO",
        ],
        must_not_fire_on: [
            "In the evening I play the guitar",
            "The music played on the piano was sad",
            "I play on the school team",
        ],
        triggers: ["play on", "plays on", "played on", "playing on"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
