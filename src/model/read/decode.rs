//! The decoding stage: the bytes of a text table to text, with the encoding detected.
//!
//! Detection, in order (the model is what spreadsheet programs write):
//! 1. A byte-order mark decides: UTF-8, UTF-16 LE or UTF-16 BE (Excel's "Unicode text" is
//!    UTF-16 LE with a BOM, tab-separated). A BOM wins over `--encoding`, as in the WHATWG
//!    decode algorithm.
//! 2. `--encoding LABEL` (any WHATWG label: `utf-8`, `utf-16le`, `windows-1252`, `latin1`,
//!    `shift_jis`, ...) decodes the whole file; bytes invalid in it become U+FFFD, with a
//!    warning naming their lines.
//! 3. Otherwise UTF-8. A file valid UTF-8 except on some lines (one stray byte pasted from an
//!    old export) gets those lines decoded as Windows-1252, with a warning naming them; a
//!    file where every non-ASCII line is invalid UTF-8 is Windows-1252 throughout (what older
//!    Excel writes; `latin1` is a WHATWG label of the same encoding).
//!
//! Decoding uses [`encoding_rs`] (the decoder of Firefox), not hand-written tables.

use crate::model::diagnostic::{Diagnostic, Diagnostics};
use encoding_rs::{Encoding as Codec, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;
use std::path::Path;

/// Character encoding of input files: detected (the default) or named by a WHATWG label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Encoding(Option<&'static Codec>);

impl Encoding {
    /// Detect from the bytes (see the module documentation).
    pub const AUTO: Encoding = Encoding(None);
    /// UTF-8, no fallback.
    pub const UTF8: Encoding = Encoding(Some(UTF_8));
    /// Windows-1252, which the WHATWG labels `latin1` and `iso-8859-1` also name.
    pub const WINDOWS_1252: Encoding = Encoding(Some(WINDOWS_1252));

    /// The encoding of a WHATWG label (`utf-8`, `latin1`, `utf-16le`, `shift_jis`...), or
    /// `auto`; `utf8` without the dash is accepted too.
    pub fn from_label(label: &str) -> Result<Encoding, String> {
        let l = label.trim().to_ascii_lowercase();
        if l == "auto" || l.is_empty() {
            return Ok(Encoding::AUTO);
        }
        let l = match l.as_str() {
            "utf8" => "utf-8",
            "utf16le" | "utf16" => "utf-16le",
            "utf16be" => "utf-16be",
            other => other,
        };
        match Codec::for_label(l.as_bytes()) {
            Some(c) if c == encoding_rs::REPLACEMENT => Err(format!(
                "--encoding {label:?}: this label names an encoding that cannot be decoded \
                 safely (WHATWG maps it to the replacement encoding)"
            )),
            Some(c) => Ok(Encoding(Some(c))),
            None => Err(format!(
                "--encoding {label:?}: not an encoding label; expected auto or a WHATWG label \
                 such as utf-8, utf-16le, windows-1252, latin1, iso-8859-2, shift_jis, gb18030"
            )),
        }
    }

    /// The encoding's name (`UTF-8`, `windows-1252`), or `auto`.
    pub fn name(self) -> &'static str {
        self.0.map_or("auto", |c| c.name())
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Encoding::from_label(s)
    }
}

impl serde::Serialize for Encoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// At most this many line numbers are listed in a warning.
const LINES_SHOWN: usize = 8;

/// The 1-based line of byte offset `at` in `bytes` (LF-counted).
fn line_of(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

/// `2, 7 and 9` / `2, 7, ... (12 lines)`.
fn list_lines(lines: &[u64]) -> String {
    let shown: Vec<String> = lines
        .iter()
        .take(LINES_SHOWN)
        .map(|l| l.to_string())
        .collect();
    if lines.len() > LINES_SHOWN {
        format!("{}, ... ({} lines)", shown.join(", "), lines.len())
    } else if shown.len() > 1 {
        let (last, rest) = shown.split_last().unwrap();
        format!("{} and {last}", rest.join(", "))
    } else {
        shown.join("")
    }
}

/// Whether `bytes` look like binary data rather than text in some 8-bit encoding: more than
/// 1 in 20 of the first 4 KiB are control bytes other than tab, CR and LF.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n') || b == 0x7F)
        .count();
    control * 20 > head.len()
}

/// Decodes the bytes of a text table. Warnings (BOM, fallback lines, replaced bytes) go to
/// `diags`; `None` is a file that is not text (reported there too).
pub fn decode<'a>(
    bytes: &'a [u8],
    encoding: Encoding,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Cow<'a, str>> {
    if let Some((codec, bom_len)) = Codec::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if codec == UTF_8 {
            diags.push(
                Diagnostic::warning(
                    path,
                    "starts with a UTF-8 byte-order mark (as Excel writes it); accepted and ignored",
                )
                .at_line(1),
            );
            return Some(utf8_with_fallback(body, path, diags));
        }
        diags.push(
            Diagnostic::warning(
                path,
                format!(
                    "{} text with a byte-order mark (Excel's \"Unicode text\"); decoded",
                    codec.name()
                ),
            )
            .at_line(1),
        );
        return Some(Cow::Owned(decode_whole(body, codec, path, diags)));
    }
    match encoding.0 {
        Some(codec) if codec == UTF_8 => {
            if std::str::from_utf8(bytes).is_ok() {
                return Some(Cow::Borrowed(std::str::from_utf8(bytes).unwrap()));
            }
            Some(Cow::Owned(decode_whole(bytes, codec, path, diags)))
        }
        Some(codec) => Some(Cow::Owned(decode_whole(bytes, codec, path, diags))),
        None => {
            if let Ok(s) = std::str::from_utf8(bytes) {
                return Some(Cow::Borrowed(s));
            }
            if looks_binary(bytes) {
                diags.push(Diagnostic::error(
                    path,
                    "this is a binary file, not a text table: it is neither UTF-8, UTF-16 \
                     nor Windows-1252 text (expected a CSV export of a spreadsheet or a \
                     workbook)",
                ));
                return None;
            }
            Some(utf8_with_fallback(bytes, path, diags))
        }
    }
}

/// Decodes all of `bytes` as `codec`; malformed sequences become U+FFFD, with a warning naming
/// their lines.
fn decode_whole(
    bytes: &[u8],
    codec: &'static Codec,
    path: &Path,
    diags: &mut Diagnostics,
) -> String {
    let (text, malformed) = codec.decode_without_bom_handling(bytes);
    if malformed {
        let lines: Vec<u64> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains('\u{FFFD}'))
            .map(|(i, _)| i as u64 + 1)
            .collect();
        let first = lines.first().copied().unwrap_or(1);
        diags.push(
            Diagnostic::warning(
                path,
                format!(
                    "bytes that are not valid {} on line{} {}: shown as \u{FFFD}; is \
                     --encoding right?",
                    codec.name(),
                    if lines.len() == 1 { "" } else { "s" },
                    list_lines(&lines)
                ),
            )
            .at_line(first),
        );
    }
    text.into_owned()
}

/// UTF-8 with Windows-1252 for the lines that are not valid UTF-8.
fn utf8_with_fallback<'a>(bytes: &'a [u8], path: &Path, diags: &mut Diagnostics) -> Cow<'a, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut bad: Vec<u64> = vec![];
    let mut utf8_non_ascii = false;
    let mut start = 0;
    let mut line = 1u64;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p + 1);
        let chunk = &bytes[start..end];
        match std::str::from_utf8(chunk) {
            Ok(s) => {
                utf8_non_ascii |= !s.is_ascii();
                out.push_str(s);
            }
            Err(_) => {
                bad.push(line);
                let (s, _) = WINDOWS_1252.decode_without_bom_handling(chunk);
                out.push_str(&s);
            }
        }
        start = end;
        line += 1;
    }
    let message = if utf8_non_ascii {
        format!(
            "not valid UTF-8 on line{} {} (the rest of the file is UTF-8): {} read as \
             Windows-1252; check {} (or give --encoding)",
            if bad.len() == 1 { "" } else { "s" },
            list_lines(&bad),
            if bad.len() == 1 { "it is" } else { "they are" },
            if bad.len() == 1 {
                "its accents"
            } else {
                "their accents"
            },
        )
    } else {
        format!(
            "not UTF-8: read as Windows-1252 (what older Excel writes; non-ASCII text on \
             line{} {}); if accents look wrong, give --encoding",
            if bad.len() == 1 { "" } else { "s" },
            list_lines(&bad)
        )
    };
    diags.push(Diagnostic::warning(path, message).at_line(bad[0]));
    Cow::Owned(out)
}

/// Whether `bytes` start like UTF-16 text (a UTF-16 byte-order mark).
pub fn is_utf16(bytes: &[u8]) -> bool {
    matches!(Codec::for_bom(bytes), Some((c, _)) if c == UTF_16LE || c == UTF_16BE)
}

/// The line (1-based) of the first byte not valid UTF-8 in `bytes`, when there is one.
pub fn first_invalid_utf8_line(bytes: &[u8]) -> Option<u64> {
    std::str::from_utf8(bytes)
        .err()
        .map(|e| line_of(bytes, e.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8], enc: Encoding) -> (Option<String>, Diagnostics) {
        let mut d = Diagnostics::default();
        let r = decode(bytes, enc, Path::new("t.csv"), &mut d).map(|c| c.into_owned());
        (r, d)
    }

    fn utf16le_with_bom(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn plain_utf8_is_borrowed_without_warning() {
        let mut d = Diagnostics::default();
        let c = decode(
            "São Paulo\n".as_bytes(),
            Encoding::AUTO,
            Path::new("t"),
            &mut d,
        )
        .unwrap();
        assert!(matches!(c, Cow::Borrowed(_)));
        assert!(d.0.is_empty());
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "city\tprogram\nMünchen\tC40\n";
        let (r, d) = run(&utf16le_with_bom(text), Encoding::AUTO);
        assert_eq!(r.unwrap(), text);
        assert!(d.0[0].message.contains("UTF-16LE"), "{:?}", d.0);
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let (r, d) = run(&be, Encoding::AUTO);
        assert_eq!(r.unwrap(), text);
        assert!(d.0[0].message.contains("UTF-16BE"));
        // A BOM wins over the label, as in WHATWG's decode.
        let (r, _) = run(&utf16le_with_bom(text), Encoding::WINDOWS_1252);
        assert_eq!(r.unwrap(), text);
    }

    #[test]
    fn one_windows_1252_line_in_utf8_is_named() {
        let bytes = b"city,program\nS\xC3\xA3o Paulo,C40\nMalm\xF6,C40\nK\xC3\xB6ln,C40\n";
        let (r, d) = run(bytes, Encoding::AUTO);
        assert_eq!(
            r.unwrap(),
            "city,program\nSão Paulo,C40\nMalmö,C40\nKöln,C40\n"
        );
        assert_eq!(d.0.len(), 1);
        assert_eq!(d.0[0].line, Some(3));
        assert!(d.0[0].message.contains("line 3 "), "{}", d.0[0].message);
        assert!(d.0[0].message.contains("Windows-1252"));
    }

    #[test]
    fn whole_windows_1252_file_and_the_euro_sign() {
        // 0x80 is € in Windows-1252 (a C1 control in ISO-8859-1).
        let bytes = b"city,program\nMalm\xF6,C40\nZ\xFCrich,\x80 fund\n";
        let (r, d) = run(bytes, Encoding::AUTO);
        assert_eq!(r.unwrap(), "city,program\nMalmö,C40\nZürich,€ fund\n");
        assert!(d.0[0]
            .message
            .starts_with("not UTF-8: read as Windows-1252"));
        assert!(d.0[0].message.contains("lines 2 and 3"));
        let (r, d) = run(bytes, Encoding::from_label("latin1").unwrap());
        assert_eq!(r.unwrap(), "city,program\nMalmö,C40\nZürich,€ fund\n");
        assert!(d.0.is_empty());
    }

    #[test]
    fn labels() {
        assert_eq!(
            Encoding::from_label("latin1").unwrap().name(),
            "windows-1252"
        );
        assert_eq!(Encoding::from_label("UTF8").unwrap().name(), "UTF-8");
        assert_eq!(Encoding::from_label("utf-16le").unwrap().name(), "UTF-16LE");
        assert_eq!(
            Encoding::from_label("shift_jis").unwrap().name(),
            "Shift_JIS"
        );
        assert_eq!(Encoding::from_label("auto").unwrap(), Encoding::AUTO);
        assert!(Encoding::from_label("klingon")
            .unwrap_err()
            .contains("WHATWG"));
        assert!(Encoding::from_label("iso-2022-kr").is_err());
    }

    #[test]
    fn explicit_label_decodes_whole_and_names_bad_lines() {
        let (r, d) = run(b"a\nb\xFFc\n", Encoding::UTF8);
        assert_eq!(r.unwrap(), "a\nb\u{FFFD}c\n");
        assert_eq!(d.0[0].line, Some(2));
        let sjis = b"\x93\x8C\x8B\x9E,C40\n";
        let (r, d) = run(sjis, Encoding::from_label("shift_jis").unwrap());
        assert_eq!(r.unwrap(), "東京,C40\n");
        assert!(d.0.is_empty());
    }

    #[test]
    fn binary_is_refused() {
        let (r, d) = run(b"\x01\x02\x03\x04\xFF\x05\x06", Encoding::AUTO);
        assert!(r.is_none());
        assert!(d.0[0].message.contains("binary"));
    }
}
