use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:listen|listens|listened|listening)\s+(?:(?:the|some|new|good|classical|popular|loud|modern|different|their|his|her|my|your|our|this|that|these|those)\s+)?(?:music|musics|songs?|radio|it|him|her|them|me|us|lectures?|podcasts?|tracks?|albums?|compositions?|audiobooks?|records?|singers?|bands?|concerts?|rock|rap|jazz|teachers?|parents|news)(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "listen" with a direct object, without "to": "listen music", "listening songs",
    /// "listen it", "listened the radio".
    ///
    /// ## Why it signals Russian interference
    /// Russian «слушать музыку» is transitive: the object takes the accusative with no
    /// preposition, so the calque drops "to". Listed among Russian-L1 preposition calques
    /// (interference-research §2.2, PREP_LISTEN_NO_TO); other L1s with a transitive "listen"
    /// make it too (a learner error of several L1s, most frequent where the L1 verb is
    /// transitive).
    ///
    /// ## Fires on
    /// "I like listening music", "people listen it for free", "we listened the radio".
    ///
    /// ## Must not fire on
    /// "listen to music", "listen up", "a listening session", "listening post", "Listen,
    /// music is", "listen carefully".
    ///
    /// ## Known false positives
    /// None found in the native sets (ArgRewrite, EWT, presidential transcripts, 538 tweets).
    /// Gold recall and native rates: `docs/heuristics.md`, section "Recall on real Russian-L1
    /// errors".
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): 23 hits in 21 chunks, overlapping 18 (1.27%)
    /// of the prepositions family's gold error spans; 83% of its hits lie on an annotated error
    /// (read samples of the others are mostly real errors the annotators left). Native items fired
    /// on: 0 of 381 ArgRewrite, 0 of 2,715 EWT, 0 of 5,000 POTUS, 0 of 6,439 538 tweets. Measured
    /// with `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct ListenWithoutTo {
        code: "RU-EN-PREP-013",
        name: "listen-without-to",
        family: Prepositions,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Seeing films and listening music is a good way to relax",
            "People are listening it for free every day",
            "In the evening we listened the radio together",
        ],
        must_not_fire_on: [
            "Seeing films and listening to music is a good way to relax",
            "Great listening session with the CEOs this morning",
            "Listen, music is not a crime",
            "Listen up, everyone",
            "Many in our listening audience are aware of it",
        ],
        triggers: ["listen"],
    }
    fn check(text, hits) {
        support::push_all(&RE, text, hits);
    }
}
