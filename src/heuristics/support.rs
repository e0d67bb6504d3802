//! Small helpers shared by heuristics.

use crate::record::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A regex compiled on first use. Heuristic patterns are constants, so a bad one is a bug
/// caught by that heuristic's example test.
pub type Pattern = LazyLock<Regex>;

/// Push every match of `re` in `text`.
pub fn push_all(re: &Regex, text: &str, hits: &mut Vec<Span>) {
    hits.extend(re.find_iter(text).map(|m| Span::new(m.start(), m.end())));
}

/// Push every match of `re` (or of its capture group `group`, when present) for which `keep`
/// says yes; `keep` sees the whole text and the match.
pub fn push_group_if(
    re: &Regex,
    group: usize,
    text: &str,
    hits: &mut Vec<Span>,
    mut keep: impl FnMut(&str, &regex::Captures) -> bool,
) {
    // Most texts do not match: decide that with the fast engines before asking for captures,
    // which need the slower backtracker.
    if !re.is_match(text) {
        return;
    }
    for caps in re.captures_iter(text) {
        if !keep(text, &caps) {
            continue;
        }
        if let Some(m) = caps.get(group).or_else(|| caps.get(0)) {
            hits.push(Span::new(m.start(), m.end()));
        }
    }
}

/// The text just before `at`, at most `max_chars` characters.
pub fn before(text: &str, at: usize, max_chars: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .nth(max_chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &head[start..]
}

/// The text just after `at`, at most `max_chars` characters.
pub fn after(text: &str, at: usize, max_chars: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .nth(max_chars)
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Whether `text` around `[start, end)` sits inside double quotes or after a distancing
/// phrase ("so-called", "what Russia calls"), i.e. the words are reported, not used.
pub fn is_quoted_or_distanced(text: &str, start: usize, end: usize) -> bool {
    let left = before(text, start, 40).to_lowercase();
    let right = after(text, end, 3);
    let opens = left
        .chars()
        .rev()
        .take(2)
        .any(|c| matches!(c, '"' | '“' | '«' | '\'' | '‘'));
    let closes = right
        .chars()
        .take(2)
        .any(|c| matches!(c, '"' | '”' | '»' | '\'' | '’'));
    (opens && closes)
        || [
            "what russia calls",
            "what moscow calls",
            "what the kremlin calls",
            "kremlin's so-called",
            "russia's so-called",
            "dubbed",
        ]
        .iter()
        .any(|p| left.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_windows_respect_char_boundaries() {
        let t = "абв где";
        assert_eq!(before(t, t.len(), 3), "где");
        assert_eq!(after(t, 0, 2), "аб");
    }

    #[test]
    fn detects_quoted_and_distanced_use() {
        let t = "what Russia calls a special military operation";
        let s = t.find("special").unwrap();
        assert!(is_quoted_or_distanced(t, s, t.len()));
        let q = "the \"special military operation\" began";
        let s = q.find("special").unwrap();
        assert!(is_quoted_or_distanced(
            q,
            s,
            s + "special military operation".len()
        ));
        let plain = "the special military operation goes on";
        let s = plain.find("special").unwrap();
        assert!(!is_quoted_or_distanced(plain, s, s + 26));
    }
}
