//! The format of an input whose name does not tell it (standard input, an unknown or missing
//! extension), from its first bytes; and the delimiter of a CSV file, from its header.

use super::columns::{self, ColumnSpec};
use super::InputFormat;

/// Delimiters a CSV header is tried with, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The format of an input starting with `head` (already decoded to UTF-8, without a BOM):
/// JSON if it starts with `{` or `[`, WebVTT after a `WEBVTT` line, SubRip if it starts with
/// a cue number and a timing line, CSV/TSV if its first line is a header naming a known
/// column, else plain text.
pub fn format(head: &[u8], spec: &ColumnSpec) -> InputFormat {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    match head.first() {
        Some(b'{' | b'[') => return InputFormat::Json,
        None => return InputFormat::Text,
        _ => {}
    }
    if head.starts_with(b"WEBVTT") {
        return InputFormat::Vtt;
    }
    let mut lines = head
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|l| !l.is_empty());
    if let (Some(number), Some(timing)) = (lines.next(), lines.next()) {
        let timing = String::from_utf8_lossy(timing);
        if number.iter().all(u8::is_ascii_digit)
            && super::transcript::parse_timing(&timing).is_some()
        {
            return InputFormat::Srt;
        }
    }
    match header_delimiter(head, spec) {
        Some(b'\t') => InputFormat::Tsv,
        Some(_) => InputFormat::Csv,
        None => InputFormat::Text,
    }
}

/// The delimiter that makes the first line of `head` a header naming at least one known
/// column (or a column named by a flag), with a second line (if any) holding at least as many
/// delimiters. On a tie, the one naming more known columns, then more fields.
pub fn header_delimiter(head: &[u8], spec: &ColumnSpec) -> Option<u8> {
    let mut lines = head
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|l| !l.is_empty());
    let header = std::str::from_utf8(lines.next()?).ok()?;
    let second = lines.next();
    let named: Vec<&str> = [
        &spec.text,
        &spec.id,
        &spec.author,
        &spec.timestamp,
        &spec.url,
        &spec.platform,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .chain(spec.keep.iter().map(String::as_str))
    .collect();
    let mut best: Option<(usize, usize, u8)> = None;
    for delimiter in DELIMITERS {
        let fields: Vec<&str> = header
            .split(delimiter as char)
            .map(|f| f.trim().trim_matches('"').trim())
            .collect();
        if fields.len() < 2 || !fields.iter().all(|f| looks_like_a_column_name(f)) {
            continue;
        }
        let known = fields
            .iter()
            .filter(|f| is_known_column(f) || named.iter().any(|n| n.eq_ignore_ascii_case(f)))
            .count();
        if known == 0 {
            continue;
        }
        if let Some(second) = second {
            let count = |line: &[u8]| line.iter().filter(|&&b| b == delimiter).count();
            if count(second) < fields.len() - 1 {
                continue;
            }
        }
        if best.is_none_or(|(k, n, _)| (known, fields.len()) > (k, n)) {
            best = Some((known, fields.len(), delimiter));
        }
    }
    best.map(|(_, _, d)| d)
}

/// A header cell: short, a few words of letters, digits and the punctuation of field names.
fn looks_like_a_column_name(field: &str) -> bool {
    !field.is_empty()
        && field.len() <= 64
        && field.split_whitespace().count() <= 4
        && field
            .chars()
            .all(|c| c.is_alphanumeric() || " _-.#@/():".contains(c))
}

fn is_known_column(field: &str) -> bool {
    [
        columns::TEXT_NAMES,
        columns::ID_NAMES,
        columns::AUTHOR_NAMES,
        columns::TIME_NAMES,
        columns::URL_NAMES,
        columns::PLATFORM_NAMES,
    ]
    .iter()
    .any(|names| names.iter().any(|n| n.eq_ignore_ascii_case(field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(head: &str) -> InputFormat {
        format(head.as_bytes(), &ColumnSpec::default())
    }

    #[test]
    fn formats_from_first_bytes() {
        assert_eq!(sniffed("  {\"text\":\"x\"}\n"), InputFormat::Json);
        assert_eq!(sniffed("[{\"text\":\"x\"}]"), InputFormat::Json);
        assert_eq!(
            sniffed("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"),
            InputFormat::Vtt
        );
        assert_eq!(
            sniffed("1\r\n00:00:01,000 --> 00:00:02,000\r\nhi\r\n"),
            InputFormat::Srt
        );
        assert_eq!(sniffed("id,text\n1,hello\n"), InputFormat::Csv);
        assert_eq!(sniffed("id\ttext\n1\thello\n"), InputFormat::Tsv);
        assert_eq!(
            sniffed("\"id\";\"Text\"\r\n1;bonjour\r\n"),
            InputFormat::Csv
        );
        assert_eq!(sniffed("Hello, world\nAnother line\n"), InputFormat::Text);
        // A first line that happens to start with a column name, without delimiters below.
        assert_eq!(
            sniffed("text, as they say, is cheap\nno commas here\n"),
            InputFormat::Text
        );
        assert_eq!(sniffed(""), InputFormat::Text);
        // A column named by a flag counts as known.
        let spec = ColumnSpec {
            text: Some("corps".into()),
            ..Default::default()
        };
        assert_eq!(format(b"ref|corps\n1|salut\n", &spec), InputFormat::Csv);
    }

    #[test]
    fn delimiters_from_the_header() {
        let spec = ColumnSpec::default();
        let d = |s: &str| header_delimiter(s.as_bytes(), &spec);
        assert_eq!(d("id;text;date\n1;a, b, c, d;2024\n"), Some(b';'));
        assert_eq!(d("id,text\n1,\"a; b\"\n"), Some(b','));
        assert_eq!(d("id|text|author\n1|x|y\n"), Some(b'|'));
        assert_eq!(d("just some words\n"), None);
    }
}
