use crate::record::Span;

crate::heuristic! {
    /// ## What it detects
    /// A run of two or more closing brackets used as a smiley: "merci))", "c'était génial)))".
    /// Runs that close brackets opened earlier ("(voir (2005))") and Western emoticons (":))",
    /// ";))", "=))") do not count.
    ///
    /// ## Why it signals Russian interference
    /// The bare-bracket smiley is a Russian (RuNet) chat convention: the number of brackets
    /// marks the intensity. French writers use ":)" or emoji.
    ///
    /// ## Fires on
    /// "Merci beaucoup))", "C'était génial)))", "Bonne nuit à tous ))".
    ///
    /// ## Must not fire on
    /// "(voir (2005))", "Merci :))", "Merci :-))", "Il est parti (enfin)".
    ///
    /// ## Known false positives
    /// Unbalanced nested brackets in hand-typed text ("(comme (prévu))" with one "(" lost);
    /// Romanian and Turkish chat writers also use "))".
    pub struct BracketSmiley {
        code: "RU-FR-TYPO-003",
        name: "bracket-smiley",
        family: Typography,
        lang: Fr,
        weight: 0.35,
        fires_on: [
            "Merci beaucoup))",
            "C'était génial))) on recommence",
            "Bonne nuit à tous ))",
        ],
        must_not_fire_on: [
            "Les chiffres (voir (2005)) sont faux",
            "Merci :))",
            "Merci :-))",
            "Il est parti (enfin)",
        ],
        triggers: ["))"],
    }
    fn check(text, hits) {
        let mut open = 0usize;
        let mut iter = text.char_indices().peekable();
        let mut prev: Option<char> = None;
        while let Some((i, c)) = iter.next() {
            match c {
                '(' => open += 1,
                ')' => {
                    let mut end = i + 1;
                    let mut run = 1;
                    while let Some(&(j, ')')) = iter.peek() {
                        end = j + 1;
                        run += 1;
                        iter.next();
                    }
                    let emoticon =
                        matches!(prev, Some(':' | ';' | '=' | '8' | 'x' | 'X' | '^' | '-'));
                    if run >= 2 && run > open && !emoticon {
                        hits.push(Span::new(i, end));
                    }
                    open = open.saturating_sub(run);
                    prev = Some(')');
                    continue;
                }
                _ => {}
            }
            prev = Some(c);
        }
    }
}
