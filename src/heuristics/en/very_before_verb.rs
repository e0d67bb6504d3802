use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:(?:I|[Ww]e|[Tt]hey|[Yy]ou|[Hh]e|[Ss]he) very (?:like|likes|liked|love|loves|loved|want|wants|wanted|hope|hoped|enjoy|enjoyed|miss|missed|respect|respected|appreciate|appreciated|need|needed|wait|waited|thank)|Very (?:I|we|they) (?:like|love|want|hope|enjoy|miss)|(?i:like|likes|liked|love|loves|loved|enjoy|enjoyed) very much (?:it|this|that|him|her|them|you|my|your|our|his|the)(?-u:\b))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "very" before a verb ("I very like", "we very hope"), fronted "Very I like it", and "like
    /// very much it" (adverb between verb and object).
    ///
    /// ## Why it signals Russian interference
    /// Russian «я очень люблю» puts the intensifier before the verb and allows free adverb order
    /// (WO_VERY_LIKE, WO_ADV_BEFORE_OBJ; very low native risk).
    ///
    /// ## Fires on
    /// "I very like this country", "We very hope for peace", "I like very much this song".
    ///
    /// ## Must not fire on
    /// "I very much like this country" (native), "I like this song very much", "you very well know"
    /// is not matched (only the listed verbs).
    ///
    /// ## Known false positives
    /// None expected.
    pub struct VeryBeforeVerb {
        code: "RU-EN-WORD-001",
        name: "very-before-verb",
        family: WordOrder,
        lang: En,
        weight: 0.55,
        fires_on: [
            "I very like this country and its people",
            "We very hope for peace in Donbass",
            "I like very much this song",
        ],
        must_not_fire_on: [
            "I very much like this country",
            "I like this song very much",
            "This is a very likeable man",
        ],
        // Spaces are part of the pattern: "very i " skips "very important".
        triggers: [
            "i very ", "we very ", "they very ", "you very ", "he very ", "very i ", "very we ",
            "very they ", "very much ",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
