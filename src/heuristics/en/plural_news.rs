use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:(?i:these|those|several|few|many) news|(?:[Tt]he|[Tt]his|[Tt]hese|[Ll]atest|[Gg]ood|[Bb]ad|[Ss]uch|[Ff]resh) news (?:are|were))(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "news" treated as a plural: "these news", "several news", "the news are".
    ///
    /// ## Why it signals Russian interference
    /// Russian «новости» is plural («эти новости»), so learners write "these news"; English "news"
    /// is an uncountable singular ("this news", "the news is") (NEWS plural, interference-research
    /// §2.4). An IRA tweet: "after these news from #NY".
    ///
    /// ## Fires on
    /// "after these news from NY", "The news are terrible", "I read several news today".
    ///
    /// ## Must not fire on
    /// "this news", "the news is terrible", compounds ("these news outlets", "many news agencies").
    ///
    /// ## Known false positives
    /// French and Spanish writers share "the news are" («les nouvelles», «las noticias»); weight
    /// moderate.
    pub struct PluralNews {
        code: "RU-EN-NUM-003",
        name: "plural-news",
        family: Numbers,
        lang: En,
        weight: 0.45,
        fires_on: [
            "Just threw my turkey away after these news from NY",
            "The news are terrible today",
            "I read several news about it today.",
        ],
        must_not_fire_on: [
            "Just threw my turkey away after this news",
            "The news is terrible today",
            "These news outlets lie and many news agencies copy them",
        ],
        triggers: [
            "these news", "those news", "several news", "few news", "many news", "news are",
            "news were",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            m.as_str().ends_with("are")
                || m.as_str().ends_with("were")
                || support::ends_noun_phrase(text, m.end())
        });
    }
}
