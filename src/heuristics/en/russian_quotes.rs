use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r"«[^«»\n]{1,200}»|„[^„“”\n]{1,200}[“”]").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Guillemets « » or low-high quotes „ “ around words in English text.
    ///
    /// ## Why it signals Russian interference
    /// « » is the standard Russian quotation mark and „ “ the handwritten/secondary one; a
    /// Russian keyboard or a Russian source text carries them into English.
    ///
    /// ## Fires on
    /// "so-called «democracy»", "the „peace plan“ of Zelensky", "«experts» say".
    ///
    /// ## Must not fire on
    /// "so-called \"democracy\"", "the 'peace plan'", a lone « with no closing mark.
    ///
    /// ## Known false positives
    /// English text quoting French or German; runs only on items identified as English.
    pub struct RussianQuotes {
        code: "RU-EN-TYPO-001",
        name: "russian-quotes",
        family: Typography,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Welcome to so-called «democracy» of the West",
            "The „peace plan“ of Zelensky is a lie",
            "«Experts» from Brussels say that all is fine",
        ],
        must_not_fire_on: [
            "Welcome to so-called \"democracy\" of the West",
            "The 'peace plan' is a lie",
            "Price: 5 « 10 in this notation",
        ],
        triggers: ["«", "„"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
