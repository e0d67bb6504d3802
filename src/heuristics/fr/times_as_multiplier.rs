use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:augment\w*|accr\w*|r[ée]dui\w*|diminu\w*|baiss\w*|grandi\w*|hauss\w*|chut\w*|cr[ûu]s?|cro[îi]t\w*|gonfl\w*|recul\w*|d[ée]pass\w*|d[ée]cupl\w*)\s+(?:\p{L}+\s+)?en\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|cent|mille|\d+(?:[.,]\d+)?)\s+fois\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "en N fois" after a verb of increase or decrease, meaning "N times" ("les prix ont
    /// augmenté en deux fois" = doubled), where French says "ont doublé", "ont été multipliés
    /// par deux" or "divisés par deux".
    ///
    /// ## Why it signals Russian interference
    /// A calque of Russian «увеличиться в два раза» (increase in two times). Native "en deux
    /// fois" means "in two goes" ("payer en trois fois"), which the verb guard keeps out.
    ///
    /// ## Fires on
    /// "les prix ont augmenté en deux fois", "la population a diminué en trois fois", "le
    /// budget a été réduit en 2 fois".
    ///
    /// ## Must not fire on
    /// "payer en trois fois sans frais", "les prix ont doublé", "fait en deux fois plus de
    /// temps".
    ///
    /// ## Known false positives
    /// A change made in several steps ("la TVA sera augmentée en deux fois, en janvier puis en
    /// juillet"); weight kept low.
    pub struct TimesAsMultiplier {
        code: "RU-FR-LEX-002",
        name: "en-deux-fois-multiplicatif",
        family: LexicalCalques,
        lang: Fr,
        weight: 0.35,
        fires_on: [
            "Les prix du gaz ont augmenté en deux fois",
            "La population a diminué en trois fois depuis 1991",
            "Le budget a été réduit en 2 fois",
        ],
        must_not_fire_on: [
            "Vous pouvez payer en trois fois sans frais",
            "Les prix du gaz ont doublé",
            "Le travail a été fait en deux fois plus de temps",
        ],
        triggers: ["fois"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let next = support::after(text, caps.get(0).unwrap().end(), 6).to_lowercase();
            !(next.starts_with(" plus") || next.starts_with(" moins"))
        });
    }
}
