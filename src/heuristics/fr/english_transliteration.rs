use super::words;
use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| {
    Regex::new(r"\b(?:Putin|Shoigu|Shoygu|Gorbachev|Gorbachov|Yeltsin|Prigozhin|Zhirinovsky|Khrushchev|Dostoevsky|Dostoyevsky|Tolstoy|Chekhov|Pushkin|Solzhenitsyn|Dugin|Surkov|Gerasimov|Patrushev|Naryshkin|Sechin|Rogozin|Sobyanin|Volodin|Lukashenko|Mishustin|Nebenzya|Ryabkov|Kiriyenko|Belousov|Zelenskiy|Chernobyl|Chechnya|Yekaterinburg|Nizhny|Mariupol|Lugansk|Sergey|Sergei|Andrey|Alexey|Alexei|Aleksey|Dmitriy|Dmitry|Yevgeny|Yevgeniy|Evgeniy|Nikolay|Vasiliy|Vyacheslav|Gennadiy)\b").unwrap()
});

crate::heuristic! {
    /// ## What it detects
    /// English or passport-style transliterations of Russian names in French text: "Putin"
    /// (French: Poutine), "Shoigu" (Choïgou), "Gorbachev" (Gorbatchev), "Yeltsin" (Eltsine),
    /// "Prigozhin" (Prigojine), "Zhirinovsky" (Jirinovski), "Chernobyl" (Tchernobyl), first
    /// names in -ey / -iy ("Sergey", "Dmitriy"; French: Sergueï, Dmitri), and "Zelenskiy", the
    /// Russian-passport form of Zelensky.
    ///
    /// ## Why it signals Russian interference
    /// French transliterates Russian with ou / ch / j / tch; a writer who uses the English or
    /// passport forms learned the names outside French. French spellings ("Poutine",
    /// "Zelensky", "Zelenski", "Kiev", "Odessa", "Donbass") never fire. Hashtags, handles and
    /// URLs are ignored.
    ///
    /// ## Fires on
    /// "Putin a raison", "le ministre Shoigu", "Sergey Lavrov a déclaré", "Zelenskiy ment".
    ///
    /// ## Must not fire on
    /// "Poutine a raison", "#Putin", "Zelensky ment", "le ministre Choïgou", an English post
    /// misidentified as French ("Putin says the war…").
    ///
    /// ## Known false positives
    /// Francophones quoting English sources, and machine translation from English; German
    /// "Putin" when a German text is misidentified as French.
    pub struct EnglishTransliteration {
        code: "RU-FR-TRANS-001",
        name: "english-transliteration-fr",
        family: Transliteration,
        lang: Fr,
        weight: 0.4,
        fires_on: [
            "Putin a raison sur toute la ligne",
            "Le ministre Shoigu a visité le front",
            "Sergey Lavrov a déclaré que la France ment",
            "Zelenskiy ment encore une fois",
        ],
        must_not_fire_on: [
            "Poutine a raison sur toute la ligne",
            "Regardez #Putin sur https://t.co/Putin",
            "Zelensky ment encore une fois",
            "Le ministre Choïgou a visité le front",
            "Putin says the war is going well",
        ],
        triggers: ["putin", "shoigu", "shoygu", "gorbach", "yeltsin", "prigozhin", "zhirinovsk", "khrushch", "dostoevsk", "dostoyevsk", "tolstoy", "chekhov", "pushkin", "solzhenitsyn", "dugin", "surkov", "gerasimov", "patrushev", "naryshkin", "sechin", "rogozin", "sobyanin", "volodin", "lukashenko", "mishustin", "nebenzya", "ryabkov", "kiriyenko", "belousov", "zelenskiy", "chernobyl", "chechnya", "yekaterinburg", "nizhny", "mariupol", "lugansk", "serge", "andrey", "alexe", "aleksey", "dmitr", "evgen", "nikolay", "vasiliy", "vyacheslav", "gennadiy"],
    }
    fn check(text, hits) {
        // The same spellings are normal in English, German and Spanish posts.
        if !words::looks_french(text) {
            return;
        }
        support::push_group_if(&RE, 0, text, hits, |text, caps| {
            let m = caps.get(0).unwrap();
            let tail = &text[m.end()..];
            let english_possessive = tail.starts_with("'s") || tail.starts_with("’s");
            !words::in_tag_or_url(text, m.start()) && !english_possessive
        });
    }
}
