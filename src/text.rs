//! Byte-level scanning of text, shared by the stages that split items into white-space
//! separated tokens: ASCII bytes are tested one by one, and only characters beyond ASCII are
//! decoded, with the same answers as `char::is_whitespace` and `str::split_whitespace`.

/// White space in the sense of `char::is_whitespace`, for an ASCII byte.
pub const fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The bytes that may end a token: ASCII white space, and the first byte of every non-ASCII
/// character (decoded to tell whether it is white space).
static MAY_END_TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || is_ascii_white_space(b as u8);
        b += 1;
    }
    table
};

/// Byte offset of the first character at or after byte `from` of `text` (a character
/// boundary) that is not white space, or the text's length.
pub fn skip_white_space(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !is_ascii_white_space(b) {
                break;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// End (byte offset) of the token starting at byte `start` of `text`: the next white space
/// or the text's end; with the number of UTF-8 continuation bytes in the token (its length in
/// characters is its length in bytes minus those).
pub fn token_end(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut i, mut continuation_bytes) = (start, 0);
    loop {
        while let Some(&b) = bytes.get(i) {
            if MAY_END_TOKEN[b as usize] {
                break;
            }
            i += 1;
        }
        match bytes.get(i) {
            Some(b) if !b.is_ascii() => {}
            _ => break,
        }
        match text[i..].chars().next() {
            Some(c) if !c.is_whitespace() => {
                i += c.len_utf8();
                continuation_bytes += c.len_utf8() - 1;
            }
            _ => break,
        }
    }
    (i, continuation_bytes)
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
pub fn starts_with_ignore_ascii_case(s: &[u8], prefix: &[u8]) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}
