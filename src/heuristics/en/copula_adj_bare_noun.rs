use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?i:it is|it was|it\'s|it’s|that is|that was|that\'s|that’s|this is|this was|he is|he was|she is|she was|he\'s|she\'s|he’s|she’s|is|was|has|have|had) (?:(?i:very|really|so|quite|extremely|too|pretty|truly|such|rather)\s+)?(?:interesting|good|great|bad|nice|beautiful|terrible|horrible|awful|big|huge|small|long|short|important|serious|real|wonderful|excellent|amazing|strange|difficult|stupid|funny|sad|true|dangerous|typical|perfect|brilliant|fantastic|crazy|simple|ridiculous|disgusting|shameful|useful|honest|clever|smart|cool|awesome|boring|very good|new|old|significant|main|major|common|popular|effective|harmful|necessary|special|possible|easy|hard|illegal|legal|normal|natural|modern|positive|negative|strong|weak|high|low|large|slight|sharp|steady|dramatic|considerable|enormous|different|similar|opposite|global|crucial|certain|particular|unique|reasonable|fair|cheap|expensive|complicated|controversial|complex|urgent|acute|vital|essential|key|interesting|obvious|widespread|global|social|economic|political|criminal|pressing|painful|topical) (film|movie|idea|book|question|problem|man|woman|person|place|country|decision|mistake|example|story|song|article|video|photo|answer|choice|step|plan|situation|president|leader|friend|guy|girl|player|lie|event|solution|opportunity|chance|argument|joke|speech|provocation|crime|tragedy|disaster|city|politician|journalist|actor|singer|writer|teacher|doctor|way|reason|possibility|trend|decision|result|difference|issue|habit|job|part|role|tool|source|factor|consequence|disadvantage|advantage|benefit|threat|risk|method|approach|thing|point|opinion|view|attitude|level|rate|number|amount|increase|decrease|rise|fall|gap|price|salary|income|career|business|industry|market|product|system|law|rule|activity|copy|version|site|website|platform|network|device|computer|phone|album|artist|musician|producer|author|creator|company|region)(?-u:\b)"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// A copula (or "have"), an adjective and a bare singular count noun: "it was interesting
    /// film", "this is very good idea", "he is great leader", "there is opposite opinion", "it
    /// has positive effect", "we have very low level of unemployment".
    ///
    /// ## Why it signals Russian interference
    /// Russian has no articles and no copula in the present («это интересный фильм»); writers
    /// leave out the "a". ART_COP_ADJ_NOUN fired on 0.4% of Russian-L1 texts and never on other L1s
    /// or natives (interference-research §2.1b).
    ///
    /// ## Fires on
    /// "It was interesting film", "This is very good idea", "Putin is great leader".
    ///
    /// ## Must not fire on
    /// "It was an interesting film", uncountable nouns ("it is good news", "that's great work"),
    /// compounds ("is big data company": the noun phrase goes on), headline-style text.
    ///
    /// ## Known false positives
    /// Casual native tweets that drop articles ("It was great game") — only nouns on a closed list
    /// count and text without any article or first/second person pronoun is skipped. Nouns
    /// with an uncountable use ("service", "influence", "application") and superlatives
    /// without "the" in reviews ("best place") are left out: they fired on EWT reviews.
    pub struct CopulaAdjBareNoun {
        code: "RU-EN-ART-003",
        name: "copula-adj-bare-noun",
        family: Articles,
        lang: En,
        weight: 0.5,
        fires_on: [
            "Yesterday I watched it, it was interesting film",
            "This is very good idea for our country",
            "I think Putin is great leader.",
            "But, there is opposite opinion, that copying is a crime",
            "In South Asia we have very low level of unemployment",
        ],
        must_not_fire_on: [
            "It was an interesting film",
            "It is good news for everyone",
            "Explosion was big problem for Texas town",
            "I have never had better service in my life",
            "The family has had considerable influence over him",
        ],
        triggers: [
            "film", "movie", "idea", "book", "question", "problem", "man", "person", "place",
            "country", "decision", "mistake", "example", "story", "song", "article", "video",
            "photo", "answer", "choice", "step", "plan", "situation", "president", "leader",
            "friend", "guy", "girl", "player", "lie", "event", "solution", "opportunity", "chance",
            "argument", "joke", "speech", "provocation", "crime", "tragedy", "disaster", "city",
            "politician", "journalist", "actor", "singer", "writer", "teacher", "doctor", "way",
            "reason", "possibilit", "trend", "result", "difference", "issue", "habit", "job",
            "part", "role", "tool", "source", "factor", "consequence", "advantage", "benefit",
            "threat", "risk", "method", "approach", "thing", "point", "opinion", "view",
            "attitude", "level", "rate", "number", "amount", "increase", "decrease", "rise",
            "fall", "gap", "price", "salary", "income", "career", "business", "industry",
            "market", "product", "system", "law", "rule", "activity", "copy", "version", "site",
            "platform", "network", "device", "computer", "phone", "album", "artist", "musician",
            "producer", "author", "creator", "company", "region", "woman",
        ],
    }
    fn check(text, hits) {
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            support::ends_noun_phrase(text, caps.get(0).unwrap().end()) && !support::looks_telegraphic(text)
        });
    }
}
