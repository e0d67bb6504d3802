use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"№\s?\d*"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// The numero sign № in English text: "Law №15", "school № 5".
    ///
    /// ## Why it signals Russian interference
    /// № is the standard Russian number abbreviation and has its own key on the Russian keyboard;
    /// English writes "No." or "#" (TYPO_NUMERO).
    ///
    /// ## Fires on
    /// "Law №15 of Ukraine", "School № 5 was shelled", "order №231".
    ///
    /// ## Must not fire on
    /// "Law No. 15", "School #5", "Nº 5" (Spanish/Portuguese ordinal indicator).
    ///
    /// ## Known false positives
    /// Copy-pasted Russian or Ukrainian documents — still a trace of a Cyrillic source.
    pub struct NumeroSign {
        code: "RU-EN-TYPO-003",
        name: "numero-sign",
        family: Typography,
        lang: En,
        weight: 0.6,
        fires_on: [
            "Law №15 of Ukraine bans Russian",
            "School № 5 was shelled today",
            "Read order №231 of the ministry",
        ],
        must_not_fire_on: [
            "Law No. 15 of Ukraine bans Russian",
            "School #5 was shelled today",
            "Nº 5 de la lista",
        ],
        triggers: ["№"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
