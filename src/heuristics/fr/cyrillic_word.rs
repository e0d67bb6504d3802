use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

// A run of Cyrillic letters that is a whole word (no Latin letter glued to it: that case is
// RU-FR-SCRIPT-001), optionally a hashtag.
static RE: Pattern =
    Pattern::new(|| Regex::new(r"#?\p{Cyrillic}{2,}(?:[\p{Cyrillic}\d_]*)").unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A whole Cyrillic word or hashtag inside French text: "Merci pour la vérité!
    /// #СпасибоЗаПравду", "c'est génial спс", "#позоршарли".
    ///
    /// ## Why it signals Russian interference
    /// Code-switching into Russian, and Russian hashtags pasted into French posts, show a
    /// writer (or an operator's template) working in Russian. IRA French-language tweets carry
    /// Russian hashtags this way. Words inside quotation marks (a journalist citing «война»)
    /// do not count.
    ///
    /// ## Fires on
    /// "Merci pour la vérité! #СпасибоЗаПравду", "C'était super спс", "Honte à Charlie
    /// #позоршарли".
    ///
    /// ## Must not fire on
    /// "Le mot russe « война » signifie guerre", "Macrоn" (a mixed word: RU-FR-SCRIPT-001),
    /// "Kiev et Odessa", a whole Russian post ("@ami не гони") that language identification
    /// called French, mojibake ("вЂ“" for a dash).
    ///
    /// ## Known false positives
    /// French posts by Serbian, Bulgarian or Ukrainian writers using their own Cyrillic
    /// hashtags; a quoted Russian title without quotation marks.
    pub struct CyrillicWord {
        code: "RU-FR-SCRIPT-002",
        name: "cyrillic-word-in-french",
        family: ScriptMixing,
        lang: Fr,
        weight: 0.4,
        fires_on: [
            "Merci pour la vérité! #СпасибоЗаПравду",
            "C'était super спс",
            "Honte à Charlie #позоршарли",
        ],
        must_not_fire_on: [
            "Le mot russe « война » signifie guerre",
            "Macrоn a menti aux Français",
            "Kiev et Odessa sont bombardées",
            "Le mot russe \"война\" signifie guerre",
            "@ami не гони",
            "Le prix des billets вЂ“ trop cher pour nous",
        ],
    }
    fn check(text, hits) {
        // Whole Russian posts that language identification called French are not "a Cyrillic
        // word in French text": require French around the word. The cheap tests come first:
        // most texts have no Cyrillic at all (no trigger list covers a whole script).
        if text.is_ascii() || !RE.is_match(text) || !words::looks_french(text) {
            return;
        }
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            let prev = text[..m.start()].chars().next_back();
            let next = text[m.end()..].chars().next();
            !glued(prev)
                && !glued(next)
                && !words::is_mojibake(m.as_str())
                && !support::is_quoted_or_distanced(text, m.start(), m.end())
        });
    }
}
