use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?i:to|in|at|from|into|on|near|inside|behind|around|through|for|with|about) (?:(?:new|old|big|small|local|nice|beautiful|famous|huge|main|good|bad|little|large|expensive|cheap|nearest|central|same|other)\s+)?(apartment|airport|cafe|cinema|city|concert|exhibition|factory|forest|hotel|museum|restaurant|station|supermarket|theatre|theater|village|zoo|stadium|embassy|library|kitchen|garden|cemetery|situation|article|newspaper|magazine|region|world|dentist|doctor|island|shop|car|plane|bus|border|street|square|lake|river|conference|festival|pharmacy|bakery|gym|beach|park|hairdresser|bank|store|mall|market|chart|graph|diagram)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A preposition followed by a bare singular count noun from a closed, lower-case list of places
    /// and things that need an article: "went to cinema", "at airport", "in article", "in situation
    /// where".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles. Missing determiners are the single most over-represented error of
    /// Russian-L1 writers in the FCE corpus (1.93× other L1s, rank 1 of 14); this rule (ART_PREP_
    /// BARE_NOUN) fired on 0.9% of Russian-L1 texts, 0.2% of other L1s and 0% of natives.
    ///
    /// ## Fires on
    /// "I went to cinema with friends", "We met at airport", "I read it in article yesterday".
    ///
    /// ## Must not fire on
    /// Article-less idioms (at school / home / work, in bed / town / hospital / church / prison /
    /// office / court, by car), compounds ("in city council", "at hotel reception"), verbs after
    /// "to" ("to shop", "to park"), idioms "in concert", "in cinema" (the art), and headline-style
    /// text with no article and no first/second person anywhere ("Explosion at concert kills 22").
    ///
    /// ## Known false positives
    /// Telegraphic tweets that still contain one article elsewhere: 1 of 6,791 native-English
    /// negatives (0.01%, "the Clinton/Lynch secret meeting in plane."). The noun must be
    /// lower-case, so names ("into Palace Hotel") do not fire.
    pub struct PrepBareNoun {
        code: "RU-EN-ART-002",
        name: "prep-bare-noun",
        family: Articles,
        lang: En,
        weight: 0.45,
        fires_on: [
            "Yesterday I went to cinema with my friends",
            "We waited at airport for five hours",
            "I read about it in article on the site",
            "Yesterday I went to shop and bought some bread",
        ],
        must_not_fire_on: [
            "Yesterday I went to school with my friends",
            "Explosion at concert kills 22 in Manchester",
            "We met the mayor at hotel reception",
            "I want to shop for shoes with you",
            "We went to shop for shoes after lunch",
            "It uses a plug-in library for core math",
            "I spent 3 months going from shop to shop trying to fix it",
            "Let me know if you would like for me to conference you in.",
        ],
        triggers: [
            "apartment", "airport", "cafe", "cinema", "city", "concert", "exhibition", "factory",
            "forest", "hotel", "museum", "restaurant", "station", "theatre", "theater", "village",
            "zoo", "stadium", "embassy", "library", "kitchen", "garden", "cemetery", "situation",
            "article", "newspaper", "magazine", "region", "world", "dentist", "doctor", "island",
            "shop", "car", "plane", "bus", "border", "street", "square", "lake", "river",
            "conference", "festival", "pharmacy", "bakery", "gym", "beach", "park", "hairdresser",
            "bank", "store", "mall", "market", "chart", "graph", "diagram",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            // "plug-in library": the preposition is part of a hyphenated word.
            let glued = support::before(text, m.start(), 1) == "-";
            let prep = m.as_str().split(' ').next().unwrap_or("").to_ascii_lowercase();
            let noun = caps.get(1).unwrap().as_str();
            // "to shop" is a verb, except after a verb of motion when nothing follows that a
            // verb would take ("I went to shop and bought bread" vs "went to shop for shoes").
            let motion_to_place = {
                let left = support::before(text, m.start(), 12).to_ascii_lowercase();
                let right = support::after(text, m.end(), 8).to_ascii_lowercase();
                ["went ", "go ", "goes ", "going ", "gone ", "came ", "come ", "drove ", "walked ", "ran "]
                    .iter()
                    .any(|v| left.ends_with(v))
                    && (right.is_empty()
                        || right.starts_with(['.', ',', '!', '?', ';'])
                        || right.starts_with(" and ")
                        || right.starts_with(" with ")
                        || right.starts_with(" near "))
            };
            let verb_after_to = prep == "to"
                && matches!(noun, "shop" | "park" | "bus" | "bank" | "store" | "market" | "doctor" | "conference")
                && !motion_to_place;
            let idiom_after_in = prep == "in" && matches!(noun, "concert" | "cinema" | "conference" | "store" | "market" | "bank" | "park");
            // "from shop to shop", "from city to city": a distributive idiom without articles.
            let repeated = {
                let right = support::after(text, m.end(), 24).to_ascii_lowercase();
                let left = support::before(text, m.start(), 24).to_ascii_lowercase();
                let noun = noun.to_ascii_lowercase();
                right.starts_with(&format!(" to {noun}"))
                    || right.starts_with(&format!(" by {noun}"))
                    || right.starts_with(&format!(" after {noun}"))
                    || left.ends_with(&format!("{noun} "))
            };
            !glued
                && !repeated
                && !verb_after_to
                && !idiom_after_in
                && support::ends_noun_phrase(text, m.end())
                && !support::looks_telegraphic(text)
        });
    }
}
