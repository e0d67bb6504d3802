use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?i)(?-u:\b)in the first turn(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// "in the first turn" meaning "first of all".
    ///
    /// ## Why it signals Russian interference
    /// Word-for-word calque of «в первую очередь» (очередь = queue, turn). Listed as
    /// LEX_IN_FIRST_TURN; appears in weak human or machine translation.
    ///
    /// ## Fires on
    /// "In the first turn, we must help", "the West, in the first turn, the USA", "it is needed in
    /// the first turn by pensioners".
    ///
    /// ## Must not fire on
    /// "first of all", "he crashed in the first turn of the race", "in the first turn of the game"
    /// (a literal turn in racing or games).
    ///
    /// ## Known false positives
    /// Motorsport and board-game texts: excluded when "of" follows or racing words are near.
    pub struct InTheFirstTurn {
        code: "RU-EN-LEX-009",
        name: "in-the-first-turn",
        family: LexicalCalques,
        lang: En,
        weight: 0.6,
        fires_on: [
            "In the first turn, we must help our veterans",
            "The West, in the first turn, the USA, wants war",
            "This money is needed in the first turn by pensioners",
            "IN THE FIRST TURN we must help pensioners",
        ],
        must_not_fire_on: [
            "First of all, we must help our veterans",
            "He crashed in the first turn of the race",
            "Verstappen passed him in the first turn and led the lap",
        ],
        triggers: ["first turn"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let next = support::after(text, m.end(), 4).to_ascii_lowercase();
            let around = format!(
                "{} {}",
                support::before(text, m.start(), 60),
                support::after(text, m.end(), 60)
            )
            .to_lowercase();
            !next.starts_with(" of")
                && ![
                    "race", "lap", "crash", "driver", "corner", "track", "pole", "nascar", "f1",
                    "game", "player", "card", "poker", "chess",
                ]
                .iter()
                .any(|w| around.contains(w))
        });
    }
}
