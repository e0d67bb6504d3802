use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(Kharkov|Nikolaev|Nikolayev|Lugansk|Zaporozhye|Zaporozhie|Artemovsk|Dnepropetrovsk|Dnepr|Krivoy Rog|Chernigov|Rovno|Lvov|Vinnitsa|Kirovograd|Ivano-Frankovsk|Kiev|Odessa)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Russian-based spellings of Ukrainian place names: Kharkov, Nikolaev, Lugansk,
    /// Zaporozhye, Artemovsk, Lvov…, and the weaker Kiev and Odessa.
    ///
    /// ## Why it signals Russian interference
    /// Since 2019 English-language media use the Ukrainian forms (Kharkiv, Mykolaiv, Luhansk,
    /// Zaporizhzhia, Kyiv); Russian speakers and Russian state media keep the Russian ones. It
    /// is one of the few tells that separates Russian from Ukrainian writers.
    ///
    /// ## Fires on
    /// "shelling of Kharkov", "in Nikolaev region", "the Kiev regime".
    ///
    /// ## Must not fire on
    /// "Kharkiv", "Mykolaiv", "Chicken Kiev", "Odessa, Texas".
    ///
    /// ## Known false positives
    /// Native text from before 2019 ("Kiev", "Odessa"), so the weight is moderate.
    pub struct RussianToponyms {
        code: "RU-EN-TRANS-001",
        name: "russian-toponyms",
        family: Transliteration,
        lang: En,
        weight: 0.45,
        fires_on: [
            "Another night of shelling in Kharkov",
            "Ukrainian nazis retreat from Nikolaev region",
            "The Kiev regime bombs Donetsk again",
        ],
        must_not_fire_on: [
            "Another night of shelling in Kharkiv",
            "We had Chicken Kiev for dinner",
            "He grew up in Odessa, Texas",
        ],
        triggers: ["kharkov", "nikolaev", "nikolayev", "lugansk", "zaporozh", "artemovsk", "dnepr", "krivoy rog", "chernigov", "rovno", "lvov", "vinnitsa", "kirovograd", "ivano-frankovsk", "kiev", "odessa"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let left = support::before(text, m.start(), 8).to_lowercase();
            let right = support::after(text, m.end(), 8).to_lowercase();
            !(left.ends_with("chicken ") || right.starts_with(", tx") || right.starts_with(", texas") || right.starts_with(" texas"))
        });
    }
}
