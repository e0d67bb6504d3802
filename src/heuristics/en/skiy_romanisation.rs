use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:[A-Z][a-z]+(?:skiy|tskiy|zkiy|ckiy|skii|nskiy)|Dmitriy|Vasiliy|Grigoriy|Gennadiy|Evgeniy|Yevgeniy|Arkadiy|Georgiy|Nikolay|Aleksey|Alexey|Sergey|Andrey|Matvey|Timofey)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Russian passport-style romanisation of names: the "-skiy" surname ending ("Zelenskiy",
    /// "Dostoevskiy") and Russian first-name forms ending in "-iy"/"-ey"/"-ay" ("Dmitriy", "Sergey",
    /// "Nikolay").
    ///
    /// ## Why it signals Russian interference
    /// Russian-language sources romanise «-ский» as "-skiy" and «Дмитрий» as "Dmitriy"; English
    /// convention is "-sky" (Tchaikovsky, Dostoevsky) and "Dmitry", and Ukrainian forms differ
    /// ("Zelenskyy", "Dmytro", "Serhiy") (TRANSLIT_IY).
    ///
    /// ## Fires on
    /// "Zelenskiy", "Dmitriy Peskov", "Sergey Lavrov".
    ///
    /// ## Must not fire on
    /// "Zelensky", "Zelenskyy", "Tchaikovsky", "Serhiy" / "Andriy" (Ukrainian romanisation).
    ///
    /// ## Known false positives
    /// Reuters spelled "Zelenskiy" until 2022 and "Sergey Lavrov" is a common English spelling,
    /// so the weight is low; it mostly matters in aggregate with other tells.
    pub struct SkiyRomanisation {
        code: "RU-EN-TRANS-002",
        name: "skiy-romanisation",
        family: Transliteration,
        lang: En,
        weight: 0.25,
        fires_on: [
            "Zelenskiy begs for more weapons",
            "Dmitriy Peskov commented on the sanctions",
            "Sergey Lavrov met his Turkish colleague",
        ],
        must_not_fire_on: [
            "Zelensky begs for more weapons",
            "Zelenskyy addressed the Congress",
            "Tchaikovsky and Andriy Shevchenko",
        ],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
