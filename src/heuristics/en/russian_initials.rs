use crate::heuristics::support::{self, Pattern};
use regex::Regex;

static RE: Pattern = Pattern::new(|| Regex::new(r#"(?-u:\b)(?:(Putin|Lenin|Stalin|Naryshkin|Rogozin|Mishustin|Sechin|Dugin|Prigozhin|Kudrin|Volodin|Zhirinovsky|Shoigu|[A-Z][a-z]+(?:ov|ova|ev|eva|sky|skiy|skaya|enko|uk|ich|vich|chuk|yk|ovich|evich|ovna|evna))\s([A-Z])\.\s?([A-Z])\.|([A-Z])\.\s?([A-Z])\.\s?(Putin|Lenin|Stalin|Naryshkin|Rogozin|Mishustin|Sechin|Dugin|Prigozhin|Kudrin|Volodin|Zhirinovsky|Shoigu|[A-Z][a-z]+(?:ov|ova|ev|eva|sky|skiy|skaya|enko|uk|ich|vich|chuk|yk|ovich|evich|ovna|evna))(?-u:\b))"#).unwrap());

crate::heuristic! {
    /// ## What it detects
    /// Russian-style name-and-patronymic initials: surname followed by two initials ("Putin V.V.",
    /// "Lavrov S.V.") or two initials before a Russian-looking surname ("V.V. Putin").
    ///
    /// ## Why it signals Russian interference
    /// Russian documents and media write «Путин В.В.» / «В.В. Путин» (first name + patronymic
    /// initials); English uses the first name ("Vladimir Putin") (TYPO_INITIALS).
    ///
    /// ## Fires on
    /// "Putin V.V. signed the decree", "meeting with V.V. Putin", "Lavrov S. V. said".
    ///
    /// ## Must not fire on
    /// "Vladimir Putin", "J.K. Rowling" (no Russian surname ending), "Washington D.C.".
    ///
    /// ## Known false positives
    /// Bibliographies ("Ivanov A.B. (2010)") — also Russian-style. Surnames must carry a Slavic
    /// ending (-ov, -ev, -sky, -enko, -uk, -ich…) or be one of a few Russian public names ending
    /// in "-in" (Putin, Lenin…), so "U.S. Virgin Islands" and "J.R. Martin" do not fire.
    pub struct RussianInitials {
        code: "RU-EN-TYPO-007",
        name: "russian-initials",
        family: Typography,
        lang: En,
        weight: 0.45,
        fires_on: [
            "Putin V.V. signed the decree on mobilisation",
            "The meeting with V.V. Zhirinovsky took place",
            "Lavrov S. V. said that the West lies",
            "Putin V.\u{a0}V. signed the decree",
        ],
        must_not_fire_on: [
            "Vladimir Putin signed the decree",
            "J.K. Rowling wrote a new book",
            "He lives in Washington D.C. now",
            "Aid reached the U.S. Virgin Islands",
        ],
    }
    fn check(text, hits) {
        if has_two_initials(text) {
            support::push_all(&RE, text, hits);
        }
    }
}

/// Whether `text` holds two initials in a row ("V.V.", "S. V."), as every match of the pattern
/// does: a cheap scan of the full stops that spares the regex on most texts.
fn has_two_initials(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices('.').any(|(dot, _)| {
        if dot == 0 || !bytes[dot - 1].is_ascii_uppercase() {
            return false;
        }
        // `\s?` in the pattern: at most one whitespace character between the initials.
        let mut rest = &text[dot + 1..];
        if let Some(space) = rest.chars().next().filter(|c| c.is_whitespace()) {
            rest = &rest[space.len_utf8()..];
        }
        let next = rest.as_bytes();
        next.len() >= 2 && next[0].is_ascii_uppercase() && next[1] == b'.'
    })
}
