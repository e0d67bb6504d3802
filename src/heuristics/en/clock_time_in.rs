use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?i:in)\s+(?:(?:[01]?\d|2[0-3])[:.](?:00|15|30|45)|\d{1,2}(?:[:.][0-5]\d)?\s?(?i:o'clock|o’clock|a\.m\.|p\.m\.|am|pm))(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// "in" before a clock time: "the meeting starts in 9:00", "in 7 o'clock", "in 10 pm",
    /// where English says "at".
    ///
    /// ## Why it signals Russian interference
    /// Russian «в девять часов», «в 9:00» uses «в» (in) for clock times; the catalogue lists
    /// "in 14:00" among Russian typographic and prepositional habits. East Slavic (Polish «o
    /// dziewiątej» differs), not a generic learner error.
    ///
    /// ## Fires on
    /// "The meeting starts in 9:00", "We met in 7 o'clock", "The shop closes in 10 pm".
    ///
    /// ## Must not fire on
    /// "at 9:00", "in 9:58" (a race time), "in 10 minutes", "in 2:30 hours", "in 2015".
    ///
    /// ## Known false positives
    /// Durations written as clock times with round minutes ("finished in 2:30") after verbs of
    /// finishing are skipped; others would fire. None found in the native sets.
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): no hit (the exam genre has no such context);
    /// native items fired on: none of ArgRewrite, EWT, POTUS or the 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct ClockTimeIn {
        code: "RU-EN-PREP-016",
        name: "clock-time-in",
        family: Prepositions,
        lang: En,
        weight: 0.5,
        fires_on: [
            "The meeting starts in 9:00 tomorrow",
            "We met in 7 o'clock near the station",
            "The shop closes in 10 pm on Sundays",
        ],
        must_not_fire_on: [
            "The meeting starts at 9:00 tomorrow",
            "He ran the mile in 9:58 last year",
            "Dinner is ready in 10 minutes",
            "The film lasts, in 2:30 hours, too long",
            "He finished the marathon in 2:30 and was happy",
        ],
        triggers: [
            ":00", ":15", ":30", ":45", ".00", ".15", ".30", ".45", "clock", " am", " pm", "a.m.",
            "p.m.", "0am", "1am", "2am", "3am", "4am", "5am", "6am", "7am", "8am", "9am", "0pm",
            "1pm", "2pm", "3pm", "4pm", "5pm", "6pm", "7pm", "8pm", "9pm",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let rest = support::after(text, m.end(), 10).to_ascii_lowercase();
            let left = support::before(text, m.start(), 24).to_ascii_lowercase();
            let duration = ["hour", "min", "sec", "h ", "h.", "s "]
                .iter()
                .any(|u| rest.trim_start().starts_with(u));
            let finishing = ["finished", "ran", "run", "completed", "won", "did it", "done"]
                .iter()
                .any(|v| left.contains(v));
            !duration && !finishing
        });
    }
}
