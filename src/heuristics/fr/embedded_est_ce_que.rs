use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)\b(?:(?:sai[st]|savais|savait|savons|savez|savent|su|comprends|comprend)\s+pas|(?:me|te|se|nous|vous)\s+demand\w*|demand[ée]\w*(?:\s+à\s+\p{L}+)?|pas\s+s[ûu]re?s?|aucune\s+id[ée]e)(\s*,)?\s+(est[- ]ce\s+qu(?:e|['’]))").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "est-ce que" introducing an indirect yes/no question after a verb of knowing or asking:
    /// "je ne sais pas est-ce que c'est vrai", "il m'a demandé est-ce que je viens", where
    /// French uses "si".
    ///
    /// ## Why it signals Russian interference
    /// Russian marks embedded yes/no questions with the particle «ли» («не знаю, правда ли
    /// это»); learners look for a French question marker and reach for "est-ce que".
    ///
    /// ## Fires on
    /// "Je ne sais pas est-ce que c'est vrai", "Je me demande, est-ce que Macron comprend",
    /// "Il m'a demandé est-ce que je viens".
    ///
    /// ## Must not fire on
    /// "Je ne sais pas si c'est vrai", "Je ne sais pas. Est-ce que c'est vrai ?", "Je me
    /// demande : est-ce que c'est vrai ?", "Je ne sais pas, est-ce que c'est vrai ?" (a
    /// direct question after a comma).
    ///
    /// ## Known false positives
    /// Spoken informal French (notably in Québec) also embeds "est-ce que"; transcripts of
    /// speech are the main risk.
    pub struct EmbeddedEstCeQue {
        code: "RU-FR-SYNT-001",
        name: "est-ce-que-indirect",
        family: WordOrder,
        lang: Fr,
        weight: 0.4,
        fires_on: [
            "Je ne sais pas est-ce que c'est vrai",
            "Je me demande, est-ce que Macron comprend la situation.",
            "Il m'a demandé est-ce que je viens demain",
        ],
        must_not_fire_on: [
            "Je ne sais pas si c'est vrai",
            "Je ne sais pas. Est-ce que c'est vrai ?",
            "Je me demande : est-ce que c'est vrai ?",
            "Je ne sais pas, est-ce que c'est vrai ?",
        ],
        triggers: ["est-ce", "est ce"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 2, text, hits, |text, caps| {
            // After a comma, a question mark at the end makes it a direct question.
            caps.get(1).is_none()
                || !words::sentence_is_question(text, caps.get(2).unwrap().start())
        });
    }
}
