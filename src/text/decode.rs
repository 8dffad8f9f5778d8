//! Bytes to text. Every later offset refers to the string this module returns.

use std::borrow::Cow;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Invalid UTF-8, decoded with replacement characters.
    Utf8Lossy,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Utf8Lossy => "utf-8-lossy",
        }
    }
}

/// A decoded file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Human-readable problems met while decoding (the caller names the file).
    pub warnings: Vec<String>,
}

/// Detects the encoding from a byte-order mark or the bytes themselves and decodes.
///
/// The order of attempts is the extension point for legacy 8-bit encodings: a detector that
/// recognises one returns before the lossy UTF-8 fallback.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(&bytes[2..], encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(&bytes[2..], encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    utf8(bytes, Encoding::Utf8)
}

fn utf8(bytes: &[u8], enc: Encoding) -> Decoded {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => Decoded {
            text: s.to_string(),
            encoding: enc,
            warnings: vec![],
        },
        Cow::Owned(s) => {
            let bad = s.matches('\u{FFFD}').count();
            Decoded {
                text: s,
                encoding: Encoding::Utf8Lossy,
                warnings: vec![format!(
                    "not valid UTF-8; {bad} invalid byte sequence(s) replaced with U+FFFD"
                )],
            }
        }
    }
}

fn utf16(bytes: &[u8], codec: &'static encoding_rs::Encoding, enc: Encoding) -> Decoded {
    let (text, had_errors) = codec.decode_without_bom_handling(bytes);
    let mut warnings = vec![];
    if had_errors {
        warnings.push(format!(
            "malformed {}; invalid units replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms() {
        let s = "Nghị quyết số 25-NQ/TW";
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&b).text, s);
        assert_eq!(decode(&b).encoding, Encoding::Utf8Bom);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).text, s);
        assert_eq!(decode(&le).encoding, Encoding::Utf16Le);
        assert_eq!(decode(&be).text, s);
        assert_eq!(decode(&be).encoding, Encoding::Utf16Be);
    }

    #[test]
    fn lossy_warns() {
        let d = decode(b"Ngh\xFF quy\xE1t 25-NQ/TW");
        assert_eq!(d.encoding, Encoding::Utf8Lossy);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.text.contains("25-NQ/TW"));
    }
}
