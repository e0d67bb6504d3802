use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?:[Aa]nyone|[Aa]nybody|[Ss]omebody|[Ss]omeone|[Ee]verybody|[Ee]veryone) (?:knows|wants|has|needs|thinks|remembers|likes|cares|sees|tried|uses|watches)(?-u:\b)[^?.!\n]{0,80}\?"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A yes/no question opened by "anyone / somebody / everybody" with a third-person "-s" verb
    /// and no auxiliary: "Anyone knows how to…?", "Somebody has a charger?".
    ///
    /// ## Why it signals Russian interference
    /// Russian asks yes/no questions by intonation alone («Кто-нибудь знает…?»), so writers keep
    /// statement order and agreement. Casual native English drops "does" but then uses the bare
    /// verb ("Anyone know…?"); the "-s" form gives the learner away. An IRA tweet: "Anyone knows
    /// how to detect contamination?".
    ///
    /// ## Fires on
    /// "Anyone knows how to detect contamination?", "Anybody wants to get a fever?", "Somebody
    /// has a charger?".
    ///
    /// ## Must not fire on
    /// "Does anyone know how…?", "Anyone know how…?" (native ellipsis), "Everyone knows that." (a
    /// statement, no question mark).
    ///
    /// ## Known false positives
    /// Rhetorical echo questions ("Everyone knows that?"); statements with a tag ("…, right?")
    /// are excluded; weight low.
    pub struct AnyoneKnowsQuestion {
        code: "RU-EN-WORD-003",
        name: "anyone-knows-question",
        family: WordOrder,
        lang: En,
        weight: 0.3,
        fires_on: [
            "Anyone knows how to detect contamination?",
            "Anybody wants to get a fever? Buy this turkey",
            "Somebody has a charger for iPhone?",
            "Someone tried the new vaccine already?",
        ],
        must_not_fire_on: [
            "Does anyone know how to detect contamination?",
            "Anyone know how to detect contamination?",
            "Everyone knows that. Why ask?",
            "Everybody wants to rule the world, right?",
        ],
        triggers: ["anyone", "anybody", "somebody", "someone", "everybody", "everyone"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            // "Everybody wants to rule the world, right?": a statement with a tag question.
            let tail = m.as_str().rsplit(',').next().unwrap_or("");
            let tagged = m.as_str().contains(',') && tail.split_whitespace().count() <= 3;
            !tagged && support::is_sentence_start(text, m.start())
        });
    }
}
