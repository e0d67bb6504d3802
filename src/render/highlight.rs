//! A text cut into pieces at the evidence spans, for highlighting: each piece knows which
//! rules cover it and which rule spans start at it, so overlapping spans of several rules
//! render as nested-free runs of marked text. Long texts are shortened to windows around the
//! evidence.

use crate::record::Span;

/// A rule's span in the text (`rule` indexes the caller's list of rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub rule: usize,
    pub span: Span,
}

/// One run of the text with the same covering rules, or a gap where text was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text {
        text: &'a str,
        /// Rules whose spans cover this run, sorted.
        covered_by: Vec<usize>,
        /// Rules with a span starting at this run, sorted.
        starts: Vec<usize>,
    },
    /// Characters left out of a long text.
    Gap { chars: usize },
}

/// Characters of context kept on each side of a span in a shortened text.
pub const CONTEXT_CHARS: usize = 160;

/// The nearest character boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset `chars` characters before (negative) or after `from`.
fn step_chars(text: &str, from: usize, chars: isize) -> usize {
    if chars >= 0 {
        text[from..]
            .char_indices()
            .nth(chars as usize)
            .map_or(text.len(), |(i, _)| from + i)
    } else {
        text[..from]
            .char_indices()
            .rev()
            .nth((-chars - 1) as usize)
            .map_or(0, |(i, _)| i)
    }
}

/// Cut `text` at the marks. Marks that do not fall on character boundaries inside the text
/// are ignored. A text longer than `max_chars` characters is shortened: its head and the
/// context around each mark are kept, the rest becomes [`Piece::Gap`]s.
pub fn pieces<'a>(text: &'a str, marks: &[Mark], max_chars: usize) -> Vec<Piece<'a>> {
    let marks: Vec<Mark> = marks
        .iter()
        .copied()
        .filter(|m| {
            m.span.start < m.span.end
                && m.span.end <= text.len()
                && text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
        })
        .collect();
    let windows = visible_windows(text, &marks, max_chars);
    let mut out = Vec::new();
    let mut previous_end = 0;
    for (from, to) in windows {
        if from > previous_end {
            out.push(Piece::Gap {
                chars: text[previous_end..from].chars().count(),
            });
        }
        let mut cuts: Vec<usize> = marks
            .iter()
            .flat_map(|m| [m.span.start, m.span.end])
            .filter(|&b| b > from && b < to)
            .chain([from, to])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mut covered_by: Vec<usize> = marks
                .iter()
                .filter(|m| m.span.start <= a && m.span.end >= b)
                .map(|m| m.rule)
                .collect();
            covered_by.sort_unstable();
            covered_by.dedup();
            // A mark whose start was cut away by shortening is labelled where it reappears.
            let mut starts: Vec<usize> = marks
                .iter()
                .filter(|m| m.span.start == a || (a == from && m.span.start < a && m.span.end > a))
                .map(|m| m.rule)
                .collect();
            starts.sort_unstable();
            starts.dedup();
            out.push(Piece::Text {
                text: &text[a..b],
                covered_by,
                starts,
            });
        }
        previous_end = to;
    }
    if previous_end < text.len() {
        out.push(Piece::Gap {
            chars: text[previous_end..].chars().count(),
        });
    }
    out
}

/// Byte ranges of `text` to show: the whole text if short enough, else the head and the
/// context of each mark, merged, in order.
fn visible_windows(text: &str, marks: &[Mark], max_chars: usize) -> Vec<(usize, usize)> {
    if text.len() <= max_chars || text.chars().count() <= max_chars {
        return vec![(0, text.len())];
    }
    let head = max_chars.min(2 * CONTEXT_CHARS);
    let mut windows = vec![(0, step_chars(text, 0, head as isize))];
    for m in marks {
        let from = step_chars(text, m.span.start, -(CONTEXT_CHARS as isize));
        let to = step_chars(text, m.span.end, CONTEXT_CHARS as isize);
        windows.push((floor_boundary(text, from), floor_boundary(text, to)));
    }
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut shown = 0;
    for (from, to) in windows {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => {
                // Past the budget, further evidence is left out (still listed per rule).
                if shown >= max_chars {
                    break;
                }
                merged.push((from, to));
            }
        }
        shown = merged.iter().map(|(a, b)| b - a).sum();
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(rule: usize, start: usize, end: usize) -> Mark {
        Mark {
            rule,
            span: Span::new(start, end),
        }
    }

    fn text_of(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => text.to_string(),
                Piece::Gap { chars } => format!("[{chars}]"),
            })
            .collect()
    }

    #[test]
    fn overlapping_marks_cut_the_text_into_runs() {
        let text = "can you verify this BBC video";
        let p = pieces(
            text,
            &[mark(0, 0, 14), mark(1, 4, 23), mark(2, 20, 23)],
            1000,
        );
        assert_eq!(text_of(&p), text);
        let runs: Vec<(&str, Vec<usize>, Vec<usize>)> = p
            .iter()
            .map(|p| match p {
                Piece::Text {
                    text,
                    covered_by,
                    starts,
                } => (*text, covered_by.clone(), starts.clone()),
                Piece::Gap { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(
            runs,
            vec![
                ("can ", vec![0], vec![0]),
                ("you verify", vec![0, 1], vec![1]),
                (" this ", vec![1], vec![]),
                ("BBC", vec![1, 2], vec![2]),
                (" video", vec![], vec![]),
            ]
        );
    }

    #[test]
    fn bad_marks_are_ignored_never_a_panic() {
        let text = "é!";
        let p = pieces(text, &[mark(0, 1, 2), mark(1, 0, 9), mark(2, 2, 2)], 100);
        assert_eq!(
            p,
            vec![Piece::Text {
                text,
                covered_by: vec![],
                starts: vec![]
            }]
        );
    }

    #[test]
    fn long_texts_keep_head_and_context_of_marks() {
        let text = format!("{}NEEDLE{}", "a".repeat(5000), "b".repeat(5000));
        let p = pieces(&text, &[mark(7, 5000, 5006)], 1000);
        let shown = text_of(&p);
        assert!(shown.starts_with(&"a".repeat(2 * CONTEXT_CHARS)));
        assert!(shown.contains(&format!(
            "{}NEEDLE{}",
            "a".repeat(CONTEXT_CHARS),
            "b".repeat(CONTEXT_CHARS)
        )));
        let gaps: usize = p
            .iter()
            .map(|p| match p {
                Piece::Gap { chars } => *chars,
                _ => 0,
            })
            .sum();
        assert_eq!(gaps, 10_006 - (2 * CONTEXT_CHARS + 2 * CONTEXT_CHARS + 6));
        assert!(p.iter().any(
            |p| matches!(p, Piece::Text { text: "NEEDLE", starts, .. } if starts == &vec![7])
        ));
    }
}
