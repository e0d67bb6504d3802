use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:spasibo|privet|davai|davay|blyat|blyad|khorosho|horosho|konechno|pozhaluysta|pozhaluista|nichego|zdravstvuyte|poka-poka|nu ladno|molodets|molodec|tovarishch|tovarisch|bratishka|vatniki)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Everyday Russian words written in Latin letters inside English text: "spasibo", "privet",
    /// "davai", "khorosho", "blyat", "nu ladno", "molodets".
    ///
    /// ## Why it signals Russian interference
    /// Code-switching into transliterated Russian (translit) is how Russian speakers write Russian
    /// on Latin keyboards; an English text that slips into it comes from a Russian-speaking writer
    /// (interference-research §2.9, "Russian words in Latin script"). English loanwords (vodka,
    /// dacha, babushka, sputnik) are deliberately not listed.
    ///
    /// ## Fires on
    /// "spasibo, my friend", "Davai, let's go", "Putin molodets!".
    ///
    /// ## Must not fire on
    /// "a glass of vodka at the dacha", "my babushka", "Sputnik V".
    ///
    /// ## Known false positives
    /// English texts about Russian culture quoting the words; weight low.
    pub struct TranslitRussianWords {
        code: "RU-EN-TRANS-003",
        name: "translit-russian-words",
        family: Transliteration,
        lang: En,
        weight: 0.35,
        fires_on: [
            "Spasibo, my friend, for your support",
            "Davai, let's go and vote",
            "Putin molodets! He showed them",
            "Thank you, tovarishch, for your help",
        ],
        must_not_fire_on: [
            "We drank vodka at the dacha",
            "My babushka knits scarves",
            "Sputnik V is a vaccine",
        ],
        triggers: [
            "spasibo", "privet", "davai", "davay", "blyat", "blyad", "horosho", "konechno",
            "pozhalu", "nichego", "zdravstvuyte", "poka-poka", "nu ladno", "molodets", "molodec",
            "tovaris", "bratishka", "vatniki",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
