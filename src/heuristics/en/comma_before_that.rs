use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:said|says|say|think|thinks|thought|know|knows|knew|believe|believes|told|tell|imagine|clear|obvious|sure|claimed|claims|stated|states|noted|notes|reported|known|understand|understood|hope|announced|seems|seemed|remember|sure|forget|means|shows|showed|explained|admitted|confirmed)(, (?:that|what|whether))(?-u:\b)").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// A comma between a verb of saying, thinking or knowing and the clause it introduces:
    /// "He said, that…", "I don't know, what to do".
    ///
    /// ## Why it signals Russian interference
    /// Russian punctuation requires a comma before «что», «чтобы», «ли»; English forbids it.
    /// In the FCE learner corpus, an unnecessary comma before "that" is 4× more frequent in
    /// Russian-L1 essays than in the 13 other L1s, and the highest of all.
    ///
    /// ## Fires on
    /// "Zelensky said, that the army", "It is clear, that", "I don't know, what to do".
    ///
    /// ## Must not fire on
    /// "He said that the army", "He said, 'that is a lie'", "He said, that's it", parallel
    /// clauses ("what you think, what you say"), the aside ", that is,", a demonstrative "that"
    /// ("He said, that is the question"), "what with". ", if" is not matched: after "say",
    /// "remember" or "know" it mostly opens a conditional aside ("I don't know, if you ask me…").
    ///
    /// ## Known false positives
    /// German and Polish writers share the rule; a parenthetical "I think, that is…" reading.
    pub struct CommaBeforeThat {
        code: "RU-EN-PUNCT-001",
        name: "comma-before-that",
        family: Punctuation,
        lang: En,
        weight: 0.7,
        fires_on: [
            "Zelensky said, that the army will attack in spring",
            "It is clear, that Europe is preparing for war",
            "I really don't know, what to do with this government",
            "HE SAID, THAT the army will attack",
        ],
        must_not_fire_on: [
            "Zelensky said that the army will attack in spring",
            "He said, \"that is a lie\" and left",
            "She said, that's it, we are done",
            "It matters what you think, what you say and what you do",
            "The simple rule to remember, if you want to match a brace, is to escape it",
            "I don't know, if you ask me, it's a scam",
            "He said, that is the question",
        ],
        triggers: [", that", ", what", ", whether"],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 1, text, hits, |text, caps| {
            let whole = caps.get(0).unwrap();
            let next = support::after(text, whole.end(), 2);
            // "what you think, what you say": a list of parallel clauses, not a Russian comma.
            let word = caps.get(1).unwrap().as_str()[2..].to_ascii_lowercase();
            let left = support::before(text, whole.start(), 30).to_ascii_lowercase();
            let parallel = left.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w == word);
            let aside = support::after(text, whole.end(), 4) == " is,";
            // "He said, that is the question": a demonstrative subject; "what with": an idiom.
            let tail = support::after(text, whole.end(), 5).to_ascii_lowercase();
            let demonstrative = word == "that" && [" is ", " was ", " is.", " was."].iter().any(|w| tail.starts_with(w));
            let what_with = word == "what" && tail.starts_with(" with");
            let imperative = support::is_sentence_start(text, whole.start());
            !(next.starts_with('\'') || next.starts_with('’') || aside || parallel || demonstrative || what_with || imperative)
        });
    }
}
