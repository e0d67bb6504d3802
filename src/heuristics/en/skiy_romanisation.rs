use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:[A-Z][a-z]+(?:skiy|tskiy|zkiy|ckiy|skii|nskiy)|Dmitriy|Vasiliy|Grigoriy|Gennadiy|Evgeniy|Yevgeniy|Arkadiy|Georgiy)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Russian passport-style romanisation of names: the "-skiy" surname ending ("Zelenskiy",
    /// "Dostoevskiy") and Russian first-name forms ending in "-iy" ("Dmitriy", "Vasiliy").
    ///
    /// ## Why it signals Russian interference
    /// Russian-language sources romanise «-ский» as "-skiy" and «Дмитрий» as "Dmitriy"; English
    /// convention is "-sky" (Tchaikovsky, Dostoevsky) and "Dmitry", and Ukrainian forms differ
    /// ("Zelenskyy", "Dmytro", "Serhiy") (TRANSLIT_IY).
    ///
    /// ## Fires on
    /// "Zelenskiy", "Dmitriy Peskov", "Vasiliy Nebenzya".
    ///
    /// ## Must not fire on
    /// "Zelensky", "Zelenskyy", "Tchaikovsky", "Serhiy" / "Andriy" (Ukrainian romanisation),
    /// "Sergey Brin" ("-ey" forms are the usual English spelling and are not matched).
    ///
    /// ## Known false positives
    /// The BGN/PCGN system used by the US and UK governments also writes "-iy" ("Dmitriy"),
    /// Reuters spelled "Zelenskiy" until 2022 and NASA writes cosmonauts' passport names ("Oleg
    /// Novitskiy": 1 of 6,791 native negatives), so the weight is low; it matters in aggregate.
    pub struct SkiyRomanisation {
        code: "RU-EN-TRANS-002",
        name: "skiy-romanisation",
        family: Transliteration,
        lang: En,
        weight: 0.25,
        fires_on: [
            "Zelenskiy begs for more weapons",
            "Dmitriy Peskov commented on the sanctions",
            "Vasiliy Nebenzya spoke at the UN",
        ],
        must_not_fire_on: [
            "Zelensky begs for more weapons",
            "Zelenskyy addressed the Congress",
            "Tchaikovsky and Andriy Shevchenko",
            "Surprise visit of Sergey Brin from Google",
            "Vitaliy Klitschko is the mayor of Kyiv",
        ],
        triggers: [
            "kiy", "skii", "dmitriy", "vasiliy", "grigoriy", "gennadiy", "evgeniy", "arkadiy",
            "georgiy",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
