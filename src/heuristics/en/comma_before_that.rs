use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:said|says|say|think|thinks|thought|know|knows|knew|believe|believes|told|tell|imagine|clear|obvious|sure|claimed|claims|stated|states|noted|notes|reported|known|understand|understood|hope|announced|seems|seemed|remember|sure|forget|means|shows|showed|explained|admitted|confirmed)(, (?:that|what|whether))(?-u:\b)").unwrap()
});

/// Words after which a comma ends an introduction, not a clause: "Moreover, I think, that…"
/// still has the Russian comma after "think".
const INTRODUCTIONS: &[&str] = &[
    "also", "moreover", "however", "first", "second", "third", "firstly", "secondly", "thirdly",
    "finally", "lastly", "besides", "furthermore", "personally", "opinion", "conclusion",
    "addition", "general", "fact", "course", "well", "so", "therefore", "thus", "hence",
    "nevertheless", "nowadays", "today", "honestly", "sum", "up", "all", "summary", "conclude",
    "summarize", "summarise", "view", "mind", "me", "anyway", "yes", "no", "although", "though",
    "but", "and", "then", "now", "actually", "really", "certainly", "obviously", "surely",
    "unfortunately", "fortunately", "consequently", "words", "result", "example", "instance",
];

/// Whether the verb at `verb_start` sits in an aside that commas enclose: "It will reveal, I
/// think, whether…", "…, as you know, that…", "This is to say, that…". Natives close such
/// asides with a comma, so it is no Russian comma. An introduction before the first comma
/// ("Moreover, I think, that…") is not an aside.
fn in_parenthesis(text: &str, verb_start: usize) -> bool {
    let left = support::before(text, verb_start, 60);
    let lower = left.to_ascii_lowercase();
    if lower.ends_with("is to ") {
        return true;
    }
    // The last clause boundary; the dot of "Mr." or "Dr." is none.
    let boundary = lower
        .match_indices([',', ';', ':', '.', '!', '?', '(', '\n'])
        .map(|(i, _)| i)
        .rfind(|&i| {
            !(lower.as_bytes()[i] == b'.'
                && ["mr", "mrs", "ms", "dr", "st"].iter().any(|t| lower[..i].ends_with(t)))
        });
    let Some(b) = boundary.filter(|&b| lower.as_bytes()[b] == b',') else {
        return false;
    };
    let words: Vec<&str> = lower[b + 1..].split_whitespace().collect();
    // ", as you know, that…", ", as Mr. Salinger said, that…"
    if words.first() == Some(&"as") && words.len() <= 5 {
        return true;
    }
    // "…, I think, that": a pronoun and a verb after a comma that ends a clause.
    let before_comma = lower[..b]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .rfind(|w| !w.is_empty());
    words.len() == 1
        && matches!(words.first(), Some(&("i" | "we" | "you")))
        && before_comma.is_some_and(|w| !INTRODUCTIONS.contains(&w))
}

/// Whether the matched verb reads as a noun ("the United States, that…", "peaceful means,
/// that…"): an -s form after a determiner, preposition or adjective, or capitalised mid-text.
fn noun_reading(text: &str, verb_start: usize, comma: usize) -> bool {
    let word = &text[verb_start..comma];
    if !word.ends_with(['s', 'S']) || word.ends_with("ss") {
        return false;
    }
    if word.starts_with(|c: char| c.is_ascii_uppercase())
        && word[1..].starts_with(|c: char| c.is_ascii_lowercase())
        && !support::is_sentence_start(text, verb_start)
    {
        return true;
    }
    let prev = support::before(text, verb_start, 20)
        .to_ascii_lowercase()
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_string();
    matches!(
        prev.as_str(),
        "the" | "these" | "those" | "united" | "other" | "peaceful" | "by" | "through" | "of"
            | "all" | "its" | "their" | "his" | "her" | "our" | "my" | "your" | "some" | "many"
            | "any" | "no" | "with" | "in" | "on" | "news" | "press"
    )
}

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
    /// Asides closed by a comma are skipped ("It will reveal, I think, whether…", "as you
    /// know, that…", "This is to say, that…"), and so are -s forms that read as nouns ("the
    /// United States, that…"): in transcribed speech (US presidents' news conferences) these
    /// made 16 of 5,000 items fire before.
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
            "Moreover, I think, that young people should work",
            "In my opinion, it means, that we need more laws",
        ],
        must_not_fire_on: [
            "Zelensky said that the army will attack in spring",
            "He said, \"that is a lie\" and left",
            "She said, that's it, we are done",
            "It matters what you think, what you say and what you do",
            "The simple rule to remember, if you want to match a brace, is to escape it",
            "I don't know, if you ask me, it's a scam",
            "He said, that is the question",
            "It will reveal, I think, whether we can deal with it",
            "France and the United States, that they can be best discussed",
            "This is to say, that in becoming new, cars change",
            "It was not intended to suggest, as Mr. Salinger said, that this meant war",
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
            let verb_start = caps.get(0).unwrap().start();
            !(next.starts_with('\'') || next.starts_with('’') || aside || parallel || demonstrative || what_with || imperative)
                && !in_parenthesis(text, verb_start)
                && !noun_reading(text, verb_start, caps.get(1).unwrap().start())
        });
    }
}
