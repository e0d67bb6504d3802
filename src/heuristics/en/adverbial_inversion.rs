use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?-u:\b)(?:In|On|At|During|After|Before|From|Since|Over|By|Recently|Lately|Then|Nowadays|Today|Yesterday|Later)\b[^,.;:!?\n]{0,40}?\s(appeared|appears|exist|exists|existed|took\s+place|takes\s+place|was\s+held|were\s+held|happened|happens|occurred|occurs|emerged|emerges|arose|arises|increased|increases|decreased|decreases|rose|rises|fell|falls|grew|grows|dropped|drops|declined|declines|began|begins|started|starts)\s+(?:the|a|an|many|some|several|new|more|\d+)\s").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A sentence that opens with an adverbial of place or time and puts an intransitive verb
    /// before its subject: "In the network appeared new photos", "In 2015 increased the number
    /// of…", "Yesterday took place a meeting".
    ///
    /// ## Why it signals Russian interference
    /// Russian word order puts new information last: «В сети появились новые фото», «В 2015
    /// году выросло число…». English keeps the subject before the verb. Listed in the research
    /// notes (WO_ADVERBIAL_INVERSION, medium) as a Russian word-order transfer.
    ///
    /// ## Fires on
    /// "In the network appeared new photos of the site", "In 2015 increased the number of
    /// unemployed people", "Yesterday took place a meeting of ministers".
    ///
    /// ## Must not fire on
    /// "In 2015 the number of unemployed people increased", "In the corner stood a lamp"
    /// (literary inversion with a verb not in the list), "There appeared a man", "In 2010
    /// increased taxes hit the poor" (an adjective: no determiner follows), "At first it
    /// appears the same".
    ///
    /// ## Known false positives
    /// A subject pronoun or noun between the adverbial and the verb ("In 2015 it increased the
    /// tax") is excluded by requiring that no pronoun or article precede the verb inside the
    /// adverbial. None found in the native sets.
    ///
    /// ## Measured
    /// REALEC (Russian-L1 exam essays, 6,713 chunks): no hit (the exam genre has no such context);
    /// native items fired on: none of ArgRewrite, EWT, POTUS or the 538 tweets. Measured with
    /// `scripts/gold-recall.sh` (docs/heuristics.md).
    pub struct AdverbialInversion {
        code: "RU-EN-WORD-005",
        name: "adverbial-inversion",
        family: WordOrder,
        lang: En,
        weight: 0.4,
        fires_on: [
            "In the network appeared new photos of the site",
            "In 2015 increased the number of unemployed people",
            "Yesterday took place a meeting of ministers",
        ],
        must_not_fire_on: [
            "In 2015 the number of unemployed people increased",
            "In the corner stood a lamp",
            "In 2015 it increased the tax on fuel",
            "At first it appears the same",
            "In 2010 increased taxes hit the poor",
        ],
        triggers: [
            "appear", "exist", "took place", "takes place", "held", "happen", "occur", "emerge",
            "arose", "arise", "increase", "decrease", "rose", "rise", "fell", "falls", "grew",
            "grows", "dropped", "drops", "decline", "began", "begins", "started", "starts",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            if !support::is_sentence_start(text, m.start()) {
                return false;
            }
            // The words between the opening word and the verb: no subject among them.
            let verb = caps.get(1).unwrap();
            let between = text[m.start()..verb.start()].to_ascii_lowercase();
            let mut words = between.split_whitespace();
            let first = words.next().unwrap_or("");
            let words: Vec<&str> = words.collect();
            let adverb = matches!(
                first,
                "then" | "recently" | "lately" | "nowadays" | "today" | "yesterday" | "later"
            );
            if adverb {
                // "Yesterday took place a meeting": the verb right after the adverb.
                return words.is_empty();
            }
            let subject = |w: &&str| {
                matches!(
                    *w,
                    "i" | "we" | "you" | "he" | "she" | "it" | "they" | "there" | "this" | "that"
                        | "these" | "those" | "who" | "which" | "people" | "everyone"
                        | "everybody" | "nobody" | "someone" | "what"
                )
            };
            // A plural noun right before the verb is its subject ("In 2015 taxes increased
            // the cost"), unless it is a span of time ("In recent years appeared…").
            let plural_subject = words.last().is_some_and(|w| {
                w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && !matches!(*w, "years" | "days" | "months" | "decades" | "weeks" | "times" | "hours" | "centuries" | "1990s" | "2000s")
            });
            !words.is_empty() && !words.iter().any(subject) && !plural_subject
        });
    }
}
