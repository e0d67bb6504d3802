use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)(?:khokhols?|khokhly|ukrops?|ukry|svidomy|svidomo|svidomites?|banderovtsy|benderovtsy|gayropa|novorossiya|novorossia|liberasts?|pindos|pindosy|pindostan|ukro-?nazis?|ukrainazis?|zelensky regime|kiev nazis|kyiv nazis|nazi regime in ki(?:e|y)v|western curators|us biolabs|pentagon biolabs|american biolabs)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Russian pro-Kremlin coinages and ethnic slurs written in Latin letters ("khokhol", "ukrop",
    /// "svidomy", "pindos", "liberast", "Gayropa", "Novorossiya") and a few Kremlin war formulas
    /// not in RU-EN-KREM-001 ("Nazi regime in Kiev", "Western curators", "US biolabs").
    ///
    /// ## Why it signals Russian interference
    /// These words exist only in Russian internet and state discourse; transliterating them into
    /// English shows a writer who thinks in that vocabulary (interference-research §2.9 and §2.11).
    /// Like RU-EN-KREM-001 this is narrative evidence, not evidence about the writer's first
    /// language.
    ///
    /// ## Fires on
    /// "the khokhols will lose", "ukrops shell Donetsk", "the Nazi regime in Kiev".
    ///
    /// ## Must not fire on
    /// Quoted or distanced uses ("what Moscow calls \"Novorossiya\""), "Ukrainians", "pinto beans".
    ///
    /// ## Known false positives
    /// Journalists and researchers quoting the terms without quotation marks; "Novorossiya" in
    /// historical writing.
    pub struct RussianSlurs {
        code: "RU-EN-KREM-002",
        name: "russian-slurs",
        family: KremlinLexicon,
        lang: En,
        weight: 0.5,
        fires_on: [
            "The khokhols will lose this war",
            "Ukrops shell Donetsk every night",
            "The Nazi regime in Kiev must fall",
            "THE UKRONAZIS SHELL DONETSK",
        ],
        must_not_fire_on: [
            "This is what Moscow calls \"Novorossiya\" in its propaganda",
            "Ukrainians shell nobody",
            "We cooked pinto beans",
        ],
        triggers: [
            "khokh", "ukro", "ukry", "svidom", "banderovtsy", "benderovtsy", "gayropa", "novorossi",
            "liberast", "pindos", "ukrainazi", "zelensky regime", "kiev nazis", "kyiv nazis",
            "nazi regime in ki", "western curators", "biolabs",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            !support::is_quoted_or_distanced(text, m.start(), m.end())
        });
    }
}
