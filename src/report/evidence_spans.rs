//! The `evidence_spans` column: where in `text` each rule fired, as machine-readable offsets.
//!
//! Format: `CODE:start-end,start-end;CODE:start-end`, one entry per heuristic or indicator of
//! the `evidence` column, in the same order, with every span (not only the three quoted).
//! Offsets are **Unicode code points** (characters) into the `text` column, half-open: in
//! Python `text[start:end]`, in Rust `text.chars().skip(start).take(end - start)`. Characters
//! rather than bytes because the people who read them back do so from CSV and JSON in
//! languages whose strings are indexed by character (Python, R, pandas, SQL); byte offsets
//! would be wrong there on any accented or Cyrillic text. (JavaScript counts UTF-16 units: a
//! character beyond U+FFFF counts 2 there.) Each entry is split at its last `:`, so a code may
//! contain `:` but never `;`.

use crate::record::Span;

/// Append the cell for `entries` (rule code, byte spans in `text`) to `out`.
pub fn push_cell<'a>(
    out: &mut String,
    text: &str,
    entries: impl Iterator<Item = (&'a str, &'a [Span])> + Clone,
) {
    // On ASCII text (most items) a byte offset is a character offset.
    let offsets = if text.is_ascii() {
        None
    } else {
        Some(CharOffsets::new(
            text,
            entries
                .clone()
                .flat_map(|(_, spans)| spans.iter().flat_map(|s| [s.start, s.end])),
        ))
    };
    let chars = |byte: usize| offsets.as_ref().map_or(byte, |o| o.of(byte));
    let mut digits = itoa::Buffer::new();
    for (i, (code, spans)) in entries.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(code);
        out.push(':');
        for (k, span) in spans.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(digits.format(chars(span.start)));
            out.push('-');
            out.push_str(digits.format(chars(span.end)));
        }
    }
}

/// Byte offsets of a text mapped to character offsets in one pass over the text.
struct CharOffsets {
    /// (byte offset, character offset), sorted by byte offset.
    map: Vec<(usize, usize)>,
}

impl CharOffsets {
    fn new(text: &str, bytes: impl Iterator<Item = usize>) -> Self {
        let mut sorted: Vec<usize> = bytes.collect();
        sorted.sort_unstable();
        sorted.dedup();
        let (mut at_byte, mut at_char) = (0, 0);
        let map = sorted
            .into_iter()
            .map(|b| {
                let b = b.min(text.len());
                at_char += text.get(at_byte..b).map_or(0, |s| s.chars().count());
                at_byte = b;
                (b, at_char)
            })
            .collect();
        CharOffsets { map }
    }

    fn of(&self, byte: usize) -> usize {
        match self.map.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.map[i].1,
            Err(_) => byte, // not collected: cannot happen, every offset was
        }
    }
}

/// One entry of the column: a rule code and its spans in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceSpans {
    pub code: String,
    /// Half-open ranges of character offsets into the text.
    pub spans: Vec<(usize, usize)>,
}

/// Parse an `evidence_spans` cell; the error names the entry that is malformed.
pub fn parse(cell: &str) -> Result<Vec<EvidenceSpans>, String> {
    let mut entries = Vec::new();
    for entry in cell.split(';').filter(|e| !e.is_empty()) {
        let (code, ranges) = entry
            .rsplit_once(':')
            .ok_or_else(|| format!("{entry:?} is not CODE:start-end"))?;
        let mut spans = Vec::new();
        for range in ranges.split(',') {
            let parsed = range
                .split_once('-')
                .and_then(|(s, e)| Some((s.parse::<usize>().ok()?, e.parse::<usize>().ok()?)))
                .filter(|(s, e)| s <= e);
            spans.push(parsed.ok_or_else(|| {
                format!("{range:?} in {entry:?} is not a range start-end of characters")
            })?);
        }
        entries.push(EvidenceSpans {
            code: code.to_string(),
            spans,
        });
    }
    Ok(entries)
}

/// Character ranges of `text` as byte spans; ranges past the end of the text are dropped.
pub fn to_byte_spans(text: &str, ranges: &[(usize, usize)]) -> Vec<Option<Span>> {
    let mut wanted: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // Character offset → byte offset, for every wanted offset, in one pass.
    let mut bytes_of = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (ch, (byte, _)) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .enumerate()
    {
        while next.peek().is_some_and(|&&w| w == ch) {
            bytes_of.push((ch, byte));
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    let byte = |ch: usize| {
        bytes_of
            .binary_search_by_key(&ch, |&(c, _)| c)
            .ok()
            .map(|i| bytes_of[i].1)
    };
    ranges
        .iter()
        .map(|&(s, e)| Some(Span::new(byte(s)?, byte(e)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, entries: &[(&str, Vec<Span>)]) -> String {
        let mut out = String::new();
        push_cell(
            &mut out,
            text,
            entries.iter().map(|(c, s)| (*c, s.as_slice())),
        );
        out
    }

    #[test]
    fn ascii_offsets_are_bytes_and_round_trip() {
        let text = "on the photo and in the nearest time";
        let entries = [
            ("RU-EN-PREP-001", vec![Span::new(0, 12)]),
            ("RU-EN-LEX-001", vec![Span::new(17, 36), Span::new(20, 23)]),
        ];
        let c = cell(text, &entries);
        assert_eq!(c, "RU-EN-PREP-001:0-12;RU-EN-LEX-001:17-36,20-23");
        let parsed = parse(&c).unwrap();
        assert_eq!(parsed[1].code, "RU-EN-LEX-001");
        assert_eq!(parsed[1].spans, vec![(17, 36), (20, 23)]);
        let back = to_byte_spans(text, &parsed[0].spans);
        assert_eq!(back, vec![Some(Span::new(0, 12))]);
    }

    #[test]
    fn offsets_count_characters_on_accented_and_cyrillic_text() {
        // "é" is 2 bytes, "ж" 2, "😀" 4: character offsets differ from byte offsets.
        let text = "é😀 жжж и «на фото» end";
        let start = text.find("на фото").unwrap();
        let span = Span::new(start, start + "на фото".len());
        let c = cell(text, &[("X-1", vec![span])]);
        let chars_before = text[..start].chars().count();
        assert_eq!(
            c,
            format!(
                "X-1:{}-{}",
                chars_before,
                chars_before + "на фото".chars().count()
            )
        );
        let parsed = parse(&c).unwrap();
        let (s, e) = parsed[0].spans[0];
        let sliced: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(sliced, "на фото");
        assert_eq!(to_byte_spans(text, &parsed[0].spans), vec![Some(span)]);
    }

    #[test]
    fn codes_with_colons_parse_from_the_last_one_and_bad_cells_are_errors() {
        assert_eq!(
            parse("IOC:X-1:0-3").unwrap(),
            vec![EvidenceSpans {
                code: "IOC:X-1".into(),
                spans: vec![(0, 3)]
            }]
        );
        assert_eq!(parse("").unwrap(), vec![]);
        for bad in ["X", "X:1", "X:a-b", "X:5-2", "X:1-2,"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        // A range past the text's end gives no span rather than a panic.
        assert_eq!(to_byte_spans("abc", &[(1, 9), (0, 3)])[0], None);
        assert_eq!(
            to_byte_spans("abc", &[(1, 9), (0, 3)])[1],
            Some(Span::new(0, 3))
        );
    }
}
