//! From the bytes of a file to UTF-8 text: gzip recognised by its magic bytes (any number of
//! members; bytes after the last one ignored with a warning), then a byte-order mark or
//! `--encoding` decides the character encoding. UTF-8 passes through untouched (a BOM is
//! dropped); every other encoding is transcoded to UTF-8 as it streams.

use super::Warnings;
use crate::error::{Fatal, Result};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::Arc;

/// The character encoding of an input without a byte-order mark (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEncoding {
    /// UTF-8: bytes pass through; invalid sequences are rejected per record (or replaced
    /// with `--lossy-utf8`).
    Utf8,
    /// Any encoding of the WHATWG Encoding Standard (cp1251, latin1, utf-16le, koi8-r…).
    Whatwg(&'static encoding_rs::Encoding),
    /// UTF-32, which the Encoding Standard leaves out.
    Utf32 { big_endian: bool },
}

impl InputEncoding {
    /// An encoding from its label as `encoding_rs` knows them (`cp1251`, `latin1`,
    /// `utf-16le`…), plus `utf-32`, `utf-32le` and `utf-32be`.
    pub fn from_label(label: &str) -> std::result::Result<Self, String> {
        let lower = label.trim().to_ascii_lowercase();
        match lower.as_str() {
            "utf-32" | "utf32" | "utf-32le" | "utf32le" => {
                return Ok(InputEncoding::Utf32 { big_endian: false })
            }
            "utf-32be" | "utf32be" => return Ok(InputEncoding::Utf32 { big_endian: true }),
            _ => {}
        }
        match encoding_rs::Encoding::for_label(lower.as_bytes()) {
            Some(e) if e == encoding_rs::UTF_8 => Ok(InputEncoding::Utf8),
            Some(e) => Ok(InputEncoding::Whatwg(e)),
            None => Err(format!(
                "unknown encoding {label:?}; use a label such as utf-8, cp1251, latin1, utf-16le, utf-16be, utf-32le, koi8-r, iso-8859-15"
            )),
        }
    }

    fn name(self) -> &'static str {
        match self {
            InputEncoding::Utf8 => "UTF-8",
            InputEncoding::Whatwg(e) => e.name(),
            InputEncoding::Utf32 { big_endian: false } => "UTF-32LE",
            InputEncoding::Utf32 { big_endian: true } => "UTF-32BE",
        }
    }
}

/// Bytes read ahead of a stream, then the stream itself.
pub type Peeked<R> = io::Chain<Cursor<Vec<u8>>, R>;

/// Read up to `n` bytes of `reader` ahead (fewer only at its end), and hand back a reader
/// that yields them again, then the rest.
pub fn peek<R: Read>(mut reader: R, n: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    Ok((head.clone(), Cursor::new(head).chain(reader)))
}

type Stream = Box<dyn Read + Send>;

/// The UTF-8 text of an input: decompressed if it starts with gzip's magic bytes, decoded
/// from the encoding its byte-order mark names (else `encoding`, else UTF-8), BOM removed.
pub fn text_stream(
    raw: Box<dyn BufRead + Send>,
    encoding: Option<InputEncoding>,
    source: &Arc<str>,
    warnings: &Warnings,
) -> Result<Stream> {
    let fail = |e: io::Error| Fatal::input(format!("{source}: read error: {e}"));
    let (magic, raw) = peek(raw, 2).map_err(fail)?;
    let plain: Stream = if magic == [0x1f, 0x8b] {
        Box::new(GzMembers::new(
            BufReader::with_capacity(1 << 16, raw),
            source.clone(),
            warnings.clone(),
        ))
    } else {
        Box::new(raw)
    };
    let (bom, plain) = peek(plain, 4).map_err(fail)?;
    let (declared, bom_len) = match bom.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => (InputEncoding::Utf8, 3),
        [0xFF, 0xFE, 0, 0] => (InputEncoding::Utf32 { big_endian: false }, 4),
        [0, 0, 0xFE, 0xFF] => (InputEncoding::Utf32 { big_endian: true }, 4),
        [0xFF, 0xFE, ..] => (InputEncoding::Whatwg(encoding_rs::UTF_16LE), 2),
        [0xFE, 0xFF, ..] => (InputEncoding::Whatwg(encoding_rs::UTF_16BE), 2),
        _ => (encoding.unwrap_or(InputEncoding::Utf8), 0),
    };
    let mut plain = plain;
    io::copy(&mut (&mut plain).take(bom_len), &mut io::sink()).map_err(fail)?;
    Ok(match declared {
        InputEncoding::Utf8 => Box::new(plain),
        other => Box::new(Transcoder::new(
            plain,
            other,
            source.clone(),
            warnings.clone(),
        )),
    })
}

/// Every member of a gzip stream in turn; bytes after the last member that do not start
/// another one are counted and ignored with a warning (as `gzip -d` does).
struct GzMembers<R: BufRead> {
    member: Option<flate2::bufread::GzDecoder<R>>,
    source: Arc<str>,
    warnings: Warnings,
}

impl<R: BufRead> GzMembers<R> {
    fn new(input: R, source: Arc<str>, warnings: Warnings) -> Self {
        GzMembers {
            member: Some(flate2::bufread::GzDecoder::new(input)),
            source,
            warnings,
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while let Some(member) = &mut self.member {
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // This member is complete: another one, the end, or trailing bytes.
            let mut input = self.member.take().expect("a member").into_inner();
            let next = input.fill_buf()?;
            if next.is_empty() {
                return Ok(0);
            }
            if next[0] == 0x1f && (next.len() == 1 || next[1] == 0x8b) {
                self.member = Some(flate2::bufread::GzDecoder::new(input));
                continue;
            }
            let ignored = io::copy(&mut input, &mut io::sink())?;
            self.warnings.push(format!(
                "{}: {ignored} bytes after the end of the gzip data were ignored (not a gzip member)",
                self.source
            ));
        }
        Ok(0)
    }
}

/// Decodes a stream in another encoding to UTF-8 as it is read. Malformed sequences become
/// U+FFFD, reported once at the end of the input.
struct Transcoder<R: Read> {
    inner: R,
    decoding: Decoding,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    done: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// Whether a malformed sequence was replaced.
    replaced: bool,
    encoding: InputEncoding,
    source: Arc<str>,
    warnings: Warnings,
}

enum Decoding {
    Whatwg(encoding_rs::Decoder),
    Utf32 { big_endian: bool },
}

const TRANSCODE_CHUNK: usize = 1 << 15;

impl<R: Read> Transcoder<R> {
    fn new(inner: R, encoding: InputEncoding, source: Arc<str>, warnings: Warnings) -> Self {
        let decoding = match encoding {
            InputEncoding::Whatwg(e) => Decoding::Whatwg(e.new_decoder_without_bom_handling()),
            InputEncoding::Utf32 { big_endian } => Decoding::Utf32 { big_endian },
            InputEncoding::Utf8 => unreachable!("UTF-8 is not transcoded"),
        };
        Transcoder {
            inner,
            decoding,
            input: vec![0; TRANSCODE_CHUNK],
            in_start: 0,
            in_end: 0,
            eof: false,
            done: false,
            // UTF-8 of one input chunk: at most 3 bytes per UTF-16 unit, 4 per UTF-32 unit,
            // 3 per byte of a single-byte encoding.
            output: vec![0; TRANSCODE_CHUNK * 3 + 16],
            out_start: 0,
            out_end: 0,
            replaced: false,
            encoding,
            source,
            warnings,
        }
    }

    /// Decode what is buffered (all of it, once the input has ended) into `output`.
    fn decode(&mut self) {
        let src = &self.input[self.in_start..self.in_end];
        let (read, written) = match &mut self.decoding {
            Decoding::Whatwg(decoder) => {
                let (_, read, written, replaced) =
                    decoder.decode_to_utf8(src, &mut self.output, self.eof);
                self.replaced |= replaced;
                (read, written)
            }
            Decoding::Utf32 { big_endian } => {
                let mut written = 0;
                let mut units = src.chunks_exact(4);
                for unit in &mut units {
                    let unit = [unit[0], unit[1], unit[2], unit[3]];
                    let code = if *big_endian {
                        u32::from_be_bytes(unit)
                    } else {
                        u32::from_le_bytes(unit)
                    };
                    let c = char::from_u32(code).unwrap_or_else(|| {
                        self.replaced = true;
                        char::REPLACEMENT_CHARACTER
                    });
                    written += c.encode_utf8(&mut self.output[written..]).len();
                }
                let mut read = src.len() - units.remainder().len();
                if self.eof && read < src.len() {
                    // A truncated last unit.
                    self.replaced = true;
                    written += char::REPLACEMENT_CHARACTER
                        .encode_utf8(&mut self.output[written..])
                        .len();
                    read = src.len();
                }
                (read, written)
            }
        };
        self.in_start += read;
        self.out_start = 0;
        self.out_end = written;
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.eof && self.in_start == self.in_end {
                self.done = true;
                // (The last decode was told the input had ended: a sequence cut at the end
                // is among the replacements.)
                if self.replaced {
                    self.warnings.push(format!(
                        "{}: malformed {} sequences were replaced with U+FFFD",
                        self.source,
                        self.encoding.name()
                    ));
                }
                return Ok(0);
            }
            // Keep a partial unit, then read more.
            self.input.copy_within(self.in_start..self.in_end, 0);
            self.in_end -= self.in_start;
            self.in_start = 0;
            if !self.eof && self.in_end < self.input.len() {
                let n = loop {
                    match self.inner.read(&mut self.input[self.in_end..]) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        other => break other?,
                    }
                };
                if n == 0 {
                    self.eof = true;
                }
                self.in_end += n;
            }
            self.decode();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn decoded(bytes: &[u8], encoding: Option<InputEncoding>) -> (Vec<u8>, Vec<String>) {
        let warnings = Warnings::default();
        let mut out = Vec::new();
        text_stream(
            Box::new(Cursor::new(bytes.to_vec())),
            encoding,
            &Arc::from("t"),
            &warnings,
        )
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
        (out, warnings.take())
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn byte_order_marks_name_the_encoding_and_are_dropped() {
        let text = "id,text\n1,Привет é\n";
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(text.as_bytes());
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        let mut utf32le = vec![0xFF, 0xFE, 0, 0];
        let mut utf32be = vec![0, 0, 0xFE, 0xFF];
        for u in text.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
            utf16be.extend_from_slice(&u.to_be_bytes());
        }
        for c in text.chars() {
            utf32le.extend_from_slice(&(c as u32).to_le_bytes());
            utf32be.extend_from_slice(&(c as u32).to_be_bytes());
        }
        for input in [utf8, utf16le, utf16be, utf32le, utf32be] {
            let (out, warnings) = decoded(&input, None);
            assert_eq!(String::from_utf8(out).unwrap(), text, "{:?}", &input[..4]);
            assert!(warnings.is_empty());
        }
    }

    #[test]
    fn named_encodings_without_a_bom() {
        let (out, _) = decoded(
            b"\xcf\xf0\xe8\xe2\xe5\xf2",
            Some(InputEncoding::from_label("cp1251").unwrap()),
        );
        assert_eq!(String::from_utf8(out).unwrap(), "Привет");
        let (out, _) = decoded(
            b"caf\xe9",
            Some(InputEncoding::from_label("latin1").unwrap()),
        );
        assert_eq!(String::from_utf8(out).unwrap(), "café");
        // UTF-8 passes through byte for byte, invalid bytes included.
        let (out, _) = decoded(b"caf\xe9", None);
        assert_eq!(out, b"caf\xe9");
        assert!(InputEncoding::from_label("klingon").is_err());
    }

    #[test]
    fn malformed_sequences_are_replaced_and_reported() {
        // An unpaired surrogate, then an odd byte at the end.
        let (out, warnings) = decoded(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, b'c'], None);
        assert_eq!(String::from_utf8(out).unwrap(), "a\u{FFFD}b\u{FFFD}");
        assert!(
            warnings.iter().any(|w| w.contains("UTF-16LE")),
            "{warnings:?}"
        );
    }

    #[test]
    fn long_transcoded_inputs_keep_every_character() {
        let text: String = (0..20_000).map(|i| format!("строка {i}\n")).collect();
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(String::from_utf8(decoded(&utf16, None).0).unwrap(), text);
    }

    #[test]
    fn gzip_by_magic_bytes_with_members_and_trailing_garbage() {
        let mut bytes = gzip(b"one\n");
        bytes.extend(gzip(b"two\n"));
        let (out, warnings) = decoded(&bytes, None);
        assert_eq!(out, b"one\ntwo\n");
        assert!(warnings.is_empty());
        bytes.extend_from_slice(&[0; 512]);
        let (out, warnings) = decoded(&bytes, None);
        assert_eq!(out, b"one\ntwo\n");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("512 bytes"), "{warnings:?}");
        // A gzipped UTF-16 file: decompressed, then decoded.
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "hé\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decoded(&gzip(&utf16), None).0, "hé\n".as_bytes());
    }

    #[test]
    fn a_truncated_gzip_member_is_an_error() {
        let bytes = gzip(&vec![b'x'; 10_000]);
        let warnings = Warnings::default();
        let mut out = Vec::new();
        let result = text_stream(
            Box::new(Cursor::new(bytes[..bytes.len() / 2].to_vec())),
            None,
            &Arc::from("t"),
            &warnings,
        )
        .unwrap()
        .read_to_end(&mut out);
        assert!(result.is_err());
    }
}
