//! Bytes to text. Every later offset refers to the string this module returns.

use std::borrow::Cow;

use super::legacy;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
    Vni,
    /// UTF-8 with some lines in a legacy encoding (files pieced together from old and new).
    Utf8Tcvn3,
    Utf8Vni,
    Utf8Windows1258,
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
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Utf8Tcvn3 => "utf-8+tcvn3",
            Encoding::Utf8Vni => "utf-8+vni",
            Encoding::Utf8Windows1258 => "utf-8+windows-1258",
            Encoding::Utf8Lossy => "utf-8-lossy",
        }
    }

    /// The encoding a user names with `--encoding` (case and punctuation do not matter).
    pub fn parse(s: &str) -> Option<Encoding> {
        let k: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        Some(match k.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16le" | "utf16" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "vn3" => Encoding::Tcvn3,
            "vni" | "vniwindows" => Encoding::Vni,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni";
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
/// Valid UTF-8 is UTF-8. Otherwise each legacy Vietnamese encoding is tried on the lines that are
/// not UTF-8, and the one whose text reads most like Vietnamese wins (see [`legacy::score`]);
/// lines that are valid UTF-8 stay UTF-8. Nothing readable: lossy UTF-8 with a warning.
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
    // valid UTF-8 (nearly every file): validated once, at SIMD speed, and copied once
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: Encoding::Utf8,
            warnings: vec![],
        };
    }
    if let Some(le) = utf16_without_bom(bytes) {
        return if le {
            utf16(bytes, encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            utf16(bytes, encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
    }
    legacy_or_lossy(bytes)
}

/// Decodes in the encoding the user named.
pub fn decode_as(bytes: &[u8], enc: Encoding) -> Decoded {
    let plain = |text: String| Decoded {
        text,
        encoding: enc,
        warnings: vec![],
    };
    match enc {
        Encoding::Utf16Le => utf16(
            bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes),
            encoding_rs::UTF_16LE,
            enc,
        ),
        Encoding::Utf16Be => utf16(
            bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes),
            encoding_rs::UTF_16BE,
            enc,
        ),
        Encoding::Windows1258 | Encoding::Utf8Windows1258 => plain(legacy::decode_1258(bytes)),
        Encoding::Tcvn3 | Encoding::Utf8Tcvn3 => plain(legacy::decode_tcvn3(bytes)),
        Encoding::Vni | Encoding::Utf8Vni => plain(legacy::decode_vni(bytes)),
        Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Utf8Lossy => utf8(
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
            Encoding::Utf8,
        ),
    }
}

/// UTF-16 without a byte-order mark: many NUL bytes, all on one side.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    if odd * 10 > half * 3 && even * 20 < half {
        Some(true)
    } else if even * 10 > half * 3 && odd * 20 < half {
        Some(false)
    } else {
        None
    }
}

type Decoder = fn(&[u8]) -> String;

const LEGACY: [(Encoding, Encoding, Decoder); 3] = [
    (Encoding::Tcvn3, Encoding::Utf8Tcvn3, legacy::decode_tcvn3),
    (Encoding::Vni, Encoding::Utf8Vni, legacy::decode_vni),
    (
        Encoding::Windows1258,
        Encoding::Utf8Windows1258,
        legacy::decode_1258,
    ),
];

/// The legacy encoding whose decoding of `bytes` reads most like Vietnamese, if it reads better
/// than `baseline` (the [`legacy::score`] of the text as it is).
pub(crate) fn best_legacy(bytes: &[u8], baseline: f64) -> Option<(Encoding, f64)> {
    LEGACY
        .iter()
        .map(|(whole, _, dec)| (*whole, legacy::score(&dec(bytes))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|b| b.1 > 0.0 && b.1 > baseline)
}

/// The decoder of a legacy encoding.
pub(crate) fn legacy_decoder(enc: Encoding) -> Decoder {
    LEGACY
        .iter()
        .find(|l| l.0 == enc || l.1 == enc)
        .map(|l| l.2)
        .unwrap_or(legacy::decode_1258)
}

fn legacy_or_lossy(bytes: &[u8]) -> Decoded {
    // lines with valid UTF-8 letters stay UTF-8; the others are legacy candidates
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let is_legacy = |l: &[u8]| {
        let mut utf8_letters = 0;
        let mut invalid = 0;
        for ch in l.utf8_chunks() {
            utf8_letters += ch.valid().chars().filter(|c| !c.is_ascii()).count();
            invalid += ch.invalid().len();
        }
        invalid > 0 && utf8_letters == 0
    };
    let legacy_bytes: Vec<u8> = lines
        .iter()
        .filter(|l| is_legacy(l))
        .flat_map(|l| l.iter().copied())
        .collect();
    let lossy_score = legacy::score(&String::from_utf8_lossy(&legacy_bytes));
    let best = LEGACY
        .iter()
        .map(|(whole, mixed, dec)| (legacy::score(&dec(&legacy_bytes)), *whole, *mixed, *dec))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let Some((score, whole, mixed, dec)) = best.filter(|b| b.0 > 0.0 && b.0 > lossy_score) else {
        return utf8(bytes, Encoding::Utf8);
    };
    let _ = score;
    let all_legacy = lines.iter().all(|l| is_legacy(l) || l.is_ascii());
    if all_legacy {
        return Decoded {
            text: dec(bytes),
            encoding: whole,
            warnings: vec![],
        };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut lossy = 0;
    for l in lines {
        if is_legacy(l) {
            text.push_str(&dec(l));
        } else {
            let s = String::from_utf8_lossy(l);
            lossy += s.matches('\u{FFFD}').count();
            text.push_str(&s);
        }
    }
    let warnings = if lossy > 0 {
        vec![format!(
            "not valid UTF-8; {lossy} invalid byte sequence(s) replaced with U+FFFD"
        )]
    } else {
        vec![]
    };
    Decoded {
        text,
        encoding: mixed,
        warnings,
    }
}

fn utf8(bytes: &[u8], enc: Encoding) -> Decoded {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: enc,
            warnings: vec![],
        };
    }
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
