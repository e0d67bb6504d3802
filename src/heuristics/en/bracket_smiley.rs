use crate::record::Span;

crate::heuristic! {
    /// ## What it detects
    /// Closing brackets used as a smiley, the Russian-internet convention: "thanks))", "cool)))",
    /// "LOL))", i.e. a run of two or more ")" that closes no "(".
    ///
    /// ## Why it signals Russian interference
    /// On the Russian internet ")" / "))" / ")))" is the smile (and "((" the frown), typed without
    /// eyes. IRA tweets: "amusing)))))", "LOL))", "just found the video)))"
    /// (TYPO_RU_SMILEY; implemented by bracket balance, not a regex).
    ///
    /// ## Fires on
    /// "amusing)))))", "LOL)) look at this", "my friends feel the same))".
    ///
    /// ## Must not fire on
    /// Balanced nested parentheses "(see (2005))", a Western ":)" smiley, list markers "1)".
    ///
    /// ## Known false positives
    /// A text truncated before its opening bracket. A single ")" does not count, nor ":))" with
    /// eyes (also a Western double smile); ":)))" and longer runs do.
    pub struct BracketSmiley {
        code: "RU-EN-TYPO-008",
        name: "bracket-smiley",
        family: Typography,
        lang: En,
        weight: 0.5,
        fires_on: [
            "amusing))))) https://t.co/x",
            "LOL)) look at this",
            "my friends feel the same))",
        ],
        must_not_fire_on: [
            "The study (see Smith (2005)) was wrong",
            "Nice to see you :)",
            "Two options: 1) stay 2) go",
            "Happy birthday :)) love you",
        ],
        triggers: ["))"],
    }
    fn check(text, hits) {
        // Every hit is a run of at least two closing brackets.
        if !text.contains("))") {
            return;
        }
        let mut depth = 0usize;
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, hits: &mut Vec<Span>| {
            if let Some((start, count)) = run.take() {
                // ":))" with eyes is also a Western double smile; eyeless runs and ":)))" are not.
                let eyes = text[..start].ends_with([':', ';', '=']);
                if count >= 3 || count == 2 && !eyes {
                    hits.push(Span::new(start, start + count));
                }
            }
        };
        for (i, c) in text.char_indices() {
            match c {
                '(' => {
                    flush(&mut run, hits);
                    depth += 1;
                }
                ')' if depth > 0 => {
                    flush(&mut run, hits);
                    depth -= 1;
                }
                ')' => match run.as_mut() {
                    Some((start, count)) if *start + *count == i => *count += 1,
                    _ => {
                        flush(&mut run, hits);
                        run = Some((i, 1));
                    }
                },
                _ => flush(&mut run, hits),
            }
        }
        flush(&mut run, hits);
    }
}
