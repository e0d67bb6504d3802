use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:feel|feels|feeling|felt) (?:myself|yourself|himself|herself|ourselves|themselves|itself) (?:(?:so+|very|really|much|quite|completely|absolutely|totally|a bit|a little|even|more|less|not)\s+)?(?:good|bad|better|worse|well|comfortable|uncomfortable|happy|unhappy|sad|tired|sick|ill|free|safe|unsafe|guilty|lonely|alone|confident|great|fine|awful|terrible|strange|old|young|stupid|useless|at home|like)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "feel myself good / tired / at home" instead of "feel good".
    ///
    /// ## Why it signals Russian interference
    /// Russian «чувствовать себя» requires the reflexive pronoun; English "feel" does not. First
    /// item of teachers' lists of Russian speakers' mistakes (LEX_FEEL_MYSELF). An IRA tweet:
    /// "Feel myself sooo tired".
    ///
    /// ## Fires on
    /// "I feel myself good", "Feel myself sooo tired", "she felt herself at home".
    ///
    /// ## Must not fire on
    /// "I feel good", "I could feel myself falling" (perception of oneself), "feel yourself
    /// getting stronger".
    ///
    /// ## Known false positives
    /// Literary "he felt himself lucky" is rare; only an adjective (or "at home", "like") may follow.
    pub struct FeelMyself {
        code: "RU-EN-LEX-008",
        name: "feel-myself",
        family: LexicalCalques,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Today I feel myself good",
            "Feel myself sooo tired",
            "In Moscow she felt herself at home",
            "I FEEL MYSELF VERY BAD",
        ],
        must_not_fire_on: [
            "Today I feel good",
            "I could feel myself falling",
            "Feel yourself getting stronger every day",
        ],
        triggers: [
            "feel myself", "feel yourself", "feel himself", "feel herself", "feel ourselves",
            "feel themselves", "feel itself", "feels myself", "feels yourself", "feels himself",
            "feels herself", "feels ourselves", "feels themselves", "feels itself",
            "feeling myself", "feeling yourself", "feeling himself", "feeling herself",
            "feeling ourselves", "feeling themselves", "feeling itself", "felt myself",
            "felt yourself", "felt himself", "felt herself", "felt ourselves", "felt themselves",
            "felt itself",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
