use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:special military operation|kiev regime|kyiv regime|collective west|denazification|demilitari[sz]ation and denazification|russophobi[ac]|anglo-saxons|neo-nazi junta|kiev junta|nato expansion to the east|golden billion|banderites|ukronazis?)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// Kremlin vocabulary used in the writer's own voice: "special military operation",
    /// "Kiev regime", "collective West", "denazification", "Russophobia", "Anglo-Saxons".
    ///
    /// ## Why it signals Russian interference
    /// These terms come from Russian state discourse and travel into English through
    /// translation of Russian sources. They are narrative evidence, not evidence about the
    /// writer's first language, so the family keeps its own weight.
    ///
    /// ## Fires on
    /// "the special military operation goes to plan", "the Kiev regime", "the collective West".
    ///
    /// ## Must not fire on
    /// Quoted or distanced uses: "what Russia calls a 'special military operation'",
    /// "the so-called \"collective West\"", "the western alliance".
    ///
    /// ## Known false positives
    /// News reports quoting the terms without quotation marks.
    pub struct KremlinLexicon {
        code: "RU-EN-KREM-001",
        name: "kremlin-lexicon",
        family: KremlinLexicon,
        lang: En,
        weight: 0.5,
        fires_on: [
            "The special military operation goes according to plan",
            "The Kiev regime shells civilians again",
            "The collective West wants war with Russia",
            "THE COLLECTIVE WEST WANTS WAR",
        ],
        must_not_fire_on: [
            "This is what Russia calls a special military operation",
            "Moscow keeps talking about the \"collective West\" in its statements",
            "The western alliance met in Brussels",
        ],
        triggers: ["special military", "regime", "collective west", "denazification", "russophob", "anglo-saxon", "junta", "expansion to the east", "golden billion", "banderite", "ukronazi"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            !support::is_quoted_or_distanced(text, m.start(), m.end())
        });
    }
}
