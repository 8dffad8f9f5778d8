//! The 8-bit encodings older Vietnamese archives are written in: TCVN3 (ABC, the .VnTime fonts),
//! VNI (VNI-Times), and Windows-1258 (base letters with combining tone marks), and the scoring
//! that tells them apart on the text itself.

use unicode_normalization::UnicodeNormalization;

/// TCVN3 (TCVN 5712:1993, VN3): lower-case letters with their marks in 0xA1–0xFE; capitals are
/// written with the same codes in capital-only fonts, so only Ă Â Ê Ô Ơ Ư Đ have codes of their
/// own.
const TCVN3: [(u8, char); 67] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
];
/// The rest of TCVN3's table (split for rustfmt's sake).
const TCVN3_MORE: [(u8, char); 7] = [
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut table = ['\0'; 256];
    for (b, c) in TCVN3.iter().chain(TCVN3_MORE.iter()) {
        table[*b as usize] = *c;
    }
    bytes
        .iter()
        .map(|&b| {
            let c = table[b as usize];
            if c != '\0' {
                c
            } else if b < 0x80 {
                b as char
            } else {
                // unassigned: read as Latin-1 so nothing is lost
                b as char
            }
        })
        .collect()
}

/// A VNI byte: a letter on its own, or a mark that goes on the vowel before it.
#[derive(Clone, Copy)]
enum Vni {
    Letter(char),
    /// Combining marks (vowel modifier and/or tone) for the preceding vowel.
    Marks(&'static str),
}

fn vni(b: u8) -> Option<Vni> {
    use Vni::*;
    Some(match b {
        // tones on their own
        0xF9 => Marks("\u{301}"),
        0xF8 => Marks("\u{300}"),
        0xFB => Marks("\u{309}"),
        0xF5 => Marks("\u{303}"),
        0xEF => Marks("\u{323}"),
        0xD9 => Marks("\u{301}"),
        0xD8 => Marks("\u{300}"),
        0xDB => Marks("\u{309}"),
        0xD5 => Marks("\u{303}"),
        0xCF => Marks("\u{323}"),
        // circumflex, alone and with each tone
        0xE2 | 0xC2 => Marks("\u{302}"),
        0xE1 | 0xC1 => Marks("\u{302}\u{301}"),
        0xE0 | 0xC0 => Marks("\u{302}\u{300}"),
        0xE5 | 0xC5 => Marks("\u{302}\u{309}"),
        0xE3 | 0xC3 => Marks("\u{302}\u{303}"),
        0xE4 | 0xC4 => Marks("\u{302}\u{323}"),
        // breve, alone and with each tone
        0xEA | 0xCA => Marks("\u{306}"),
        0xE9 | 0xC9 => Marks("\u{306}\u{301}"),
        0xE8 | 0xC8 => Marks("\u{306}\u{300}"),
        0xFA | 0xDA => Marks("\u{306}\u{309}"),
        0xFC | 0xDC => Marks("\u{306}\u{303}"),
        0xEB | 0xCB => Marks("\u{306}\u{323}"),
        // letters of their own
        0xF6 => Letter('ư'),
        0xD6 => Letter('Ư'),
        0xF4 => Letter('ơ'),
        0xD4 => Letter('Ơ'),
        0xF1 => Letter('đ'),
        0xD1 => Letter('Đ'),
        0xED => Letter('í'),
        0xEC => Letter('ì'),
        0xE6 => Letter('ỉ'),
        0xF3 => Letter('ĩ'),
        0xF2 => Letter('ị'),
        0xCD => Letter('Í'),
        0xCC => Letter('Ì'),
        0xC6 => Letter('Ỉ'),
        0xD3 => Letter('Ĩ'),
        0xD2 => Letter('Ị'),
        _ => return None,
    })
}

fn is_vowel_base(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
        || matches!(c, 'ư' | 'Ư' | 'ơ' | 'Ơ')
}

pub fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut prev: Option<char> = None;
    for &b in bytes {
        match vni(b) {
            Some(Vni::Marks(m)) if prev.is_some_and(is_vowel_base) => {
                out.push_str(m);
                prev = None;
            }
            Some(Vni::Letter(c)) => {
                out.push(c);
                prev = Some(c);
            }
            _ => {
                let c = b as char; // ASCII, or Latin-1 for bytes VNI does not use
                out.push(c);
                prev = Some(c);
            }
        }
    }
    out.nfc().collect()
}

pub fn decode_1258(bytes: &[u8]) -> String {
    let (s, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    s.nfc().collect()
}

/// Encodes text in TCVN3, as old archives hold it: capitals with marks have no code of their
/// own and are written with the lower-case code (the capital-only font showed them); what TCVN3
/// cannot write becomes '?'.
pub fn encode_tcvn3(text: &str) -> Vec<u8> {
    let mut map = std::collections::HashMap::new();
    for (b, c) in TCVN3.iter().chain(TCVN3_MORE.iter()) {
        map.insert(*c, *b);
    }
    text.nfc()
        .map(|c| {
            if c.is_ascii() {
                return c as u8;
            }
            if let Some(&b) = map.get(&c) {
                return b;
            }
            let lower = c.to_lowercase().next().unwrap_or(c);
            *map.get(&lower).unwrap_or(&b'?')
        })
        .collect()
}

/// Encodes text in VNI: base letters followed by mark bytes.
pub fn encode_vni(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let d: Vec<char> = c.to_string().nfd().collect();
        let base = d[0];
        let upper = base.is_uppercase();
        let has = |m: char| d.contains(&m);
        let tone = d
            .iter()
            .copied()
            .find(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        match c {
            'đ' => {
                out.push(0xF1);
                continue;
            }
            'Đ' => {
                out.push(0xD1);
                continue;
            }
            _ => {}
        }
        let lb = base.to_ascii_lowercase();
        if lb == 'i' && tone.is_some() {
            let b = match (tone, upper) {
                (Some('\u{301}'), false) => 0xED,
                (Some('\u{300}'), false) => 0xEC,
                (Some('\u{309}'), false) => 0xE6,
                (Some('\u{303}'), false) => 0xF3,
                (Some('\u{323}'), false) => 0xF2,
                (Some('\u{301}'), true) => 0xCD,
                (Some('\u{300}'), true) => 0xCC,
                (Some('\u{309}'), true) => 0xC6,
                (Some('\u{303}'), true) => 0xD3,
                _ => 0xD2,
            };
            out.push(b);
            continue;
        }
        let tone_byte = |t: char| -> u8 {
            let lo = match t {
                '\u{301}' => 0xF9,
                '\u{300}' => 0xF8,
                '\u{309}' => 0xFB,
                '\u{303}' => 0xF5,
                _ => 0xEF,
            };
            if upper { lo - 0x20 } else { lo }
        };
        if has('\u{31B}') {
            // horn: ư, ơ are letters of their own
            out.push(match (lb, upper) {
                ('u', false) => 0xF6,
                ('u', true) => 0xD6,
                ('o', false) => 0xF4,
                _ => 0xD4,
            });
            if let Some(t) = tone {
                out.push(tone_byte(t));
            }
            continue;
        }
        out.push(base as u8);
        let modifier = if has('\u{302}') {
            Some(0u8)
        } else if has('\u{306}') {
            Some(1u8)
        } else {
            None
        };
        let b = match (modifier, tone) {
            (None, Some(t)) => {
                out.push(tone_byte(t));
                continue;
            }
            (None, None) => continue,
            (Some(0), None) => 0xE2,
            (Some(0), Some('\u{301}')) => 0xE1,
            (Some(0), Some('\u{300}')) => 0xE0,
            (Some(0), Some('\u{309}')) => 0xE5,
            (Some(0), Some('\u{303}')) => 0xE3,
            (Some(0), Some(_)) => 0xE4,
            (_, None) => 0xEA,
            (_, Some('\u{301}')) => 0xE9,
            (_, Some('\u{300}')) => 0xE8,
            (_, Some('\u{309}')) => 0xFA,
            (_, Some('\u{303}')) => 0xFC,
            (_, Some(_)) => 0xEB,
        };
        out.push(if upper { b - 0x20 } else { b });
    }
    out
}

/// Encodes text in Windows-1258: letters the code page has whole, tone marks combining.
pub fn encode_1258(text: &str) -> Vec<u8> {
    let enc = encoding_rs::WINDOWS_1258;
    let mut table = std::collections::HashMap::new();
    for b in 0u8..=255 {
        let one = [b];
        let (s, _, _) = enc.decode(&one);
        if let Some(c) = s.chars().next() {
            table.entry(c).or_insert(b);
        }
    }
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if let Some(&b) = table.get(&c) {
            out.push(b);
            continue;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        let base: String = parts.iter().filter(|p| !tones.contains(p)).collect();
        let base: String = base.nfc().collect();
        for p in base
            .chars()
            .chain(parts.iter().copied().filter(|p| tones.contains(p)))
        {
            out.push(*table.get(&p).unwrap_or(&b'?'));
        }
    }
    out
}

/// Words that fill any Vietnamese report, by folded form.
const COMMON: &[&str] = &[
    "của",
    "và",
    "các",
    "được",
    "trong",
    "thực",
    "hiện",
    "người",
    "những",
    "năm",
    "với",
    "cho",
    "công",
    "tác",
    "nghị",
    "quyết",
    "định",
    "đảng",
    "ủy",
    "nhân",
    "dân",
    "tỉnh",
    "về",
    "là",
    "có",
    "không",
    "đã",
    "theo",
    "quản",
    "lý",
    "cán",
    "bộ",
    "chỉ",
    "đạo",
    "việc",
    "cơ",
    "quan",
    "số",
    "ngày",
    "tháng",
    "hội",
    "nhà",
    "nước",
    "tổ",
    "chức",
    "xây",
    "dựng",
    "phát",
    "triển",
    "kế",
    "hoạch",
    "báo",
    "cáo",
    "ban",
    "thường",
    "vụ",
    "chính",
    "phủ",
    "trung",
    "ương",
];

/// How much a decoding reads like Vietnamese: common words found, and syllables made only of
/// Vietnamese letters, against characters no Vietnamese text has.
pub fn score(text: &str) -> f64 {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| COMMON.iter().copied().collect());
    let mut good = 0.0;
    let mut bad = 0.0;
    for w in text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
        if w.is_empty() || w.is_ascii() {
            continue;
        }
        let lw = w.to_lowercase();
        if words.contains(lw.as_str()) {
            good += 3.0;
        } else if lw.chars().all(is_vietnamese_letter) && marks_ok(&lw) {
            good += 1.0;
        } else {
            bad += 2.0;
        }
    }
    good - bad
}

fn is_vietnamese_letter(c: char) -> bool {
    if c.is_ascii_alphabetic() {
        return true;
    }
    let base: String = c.to_string().nfd().collect();
    let mut it = base.chars();
    let b = it.next().unwrap_or(c);
    matches!(b, 'a'..='z' | 'A'..='Z' | 'đ' | 'Đ')
        && it.all(|m| {
            matches!(
                m,
                '\u{300}'
                    | '\u{301}'
                    | '\u{303}'
                    | '\u{309}'
                    | '\u{323}'
                    | '\u{302}'
                    | '\u{306}'
                    | '\u{31B}'
            )
        })
}

/// At most one tone mark per syllable.
fn marks_ok(w: &str) -> bool {
    let tones = w
        .nfd()
        .filter(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .count();
    tones <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.";

    #[test]
    fn tcvn3_decodes() {
        let bytes: Vec<u8> = "Thùc hiÖn NghÞ quyÕt sè 25-NQ/TW ngµy 03/6/2013 cña Ban ChÊp hµnh Trung \u{AD}¬ng §¶ng."
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert_eq!(decode_tcvn3(&bytes), TEXT);
    }

    #[test]
    fn vni_decodes() {
        let bytes: Vec<u8> = "Thöïc hieän Nghò quyeát soá 25-NQ/TW ngaøy 03/6/2013 cuûa Ban Chaáp haønh Trung öông Ñaûng."
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert_eq!(decode_vni(&bytes), TEXT);
    }

    #[test]
    fn round_trips() {
        let t = "Ủy ban nhân dân tỉnh Đắk Lắk thực hiện Nghị quyết số 25-NQ/TW, ƯU TIÊN Ổn định";
        assert_eq!(decode_vni(&encode_vni(t)), t);
        assert_eq!(decode_1258(&encode_1258(t)), t);
        assert_eq!(
            decode_tcvn3(&encode_tcvn3(t)).to_lowercase(),
            t.to_lowercase()
        );
    }

    #[test]
    fn scores_prefer_the_right_decoding() {
        let tcvn: Vec<u8> = "Thùc hiÖn NghÞ quyÕt sè 25-NQ/TW ngµy 03/6/2013"
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert!(score(&decode_tcvn3(&tcvn)) > score(&decode_vni(&tcvn)));
        assert!(score(&decode_tcvn3(&tcvn)) > score(&decode_1258(&tcvn)));
    }
}
