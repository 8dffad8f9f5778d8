//! Properties of extraction on generated text: offsets, robustness, normalisation.

use proptest::prelude::*;
use trichdan::extract::{Mention, extract};
use trichdan::text::decode;
use unicode_normalization::UnicodeNormalization;

const WORDS: &[&str] = &[
    "Đảng",
    "ủy",
    "Tỉnh uỷ",
    "Tỉnh ủy",
    "khoá",
    "khóa",
    "XII",
    "cán bộ",
    "đảng viên",
    "chi bộ",
    "thực hiện",
    "tiếp tục thực hiện",
    "quán triệt",
    "căn cứ",
    "bãi bỏ",
    "sao lục",
    "công tác",
    "dân vận",
    "Ban Chấp hành Trung ương Đảng",
    "của Bộ Chính trị",
    "của Ban Thường vụ",
    "Nghị quyết",
    "Quyết định",
    "Kế hoạch",
    "số",
    "Số",
    "ngày",
    "tháng",
    "năm",
    "về",
    "và",
    "các",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "“",
    "”",
    "\"",
    "-",
    "–",
    "/",
    "5.120",
    "1/3",
    "quý III/2025",
    "0232.3822.555",
    "0232-3822555",
    "2021-2025",
    "2021 - 2025",
    "03/6/2013",
    "Điều 5, khoản 2",
    "mẫu số 01-ĐĐN-CT",
    "NGHỊ QUYẾT",
    "BÁO CÁO",
    "hoà",
    "Ðảng",
    "18,",
    "19",
    "25",
    "NQ/TW",
];

const SPACES: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u{a0}", "  ", "",
];

const MARKUP: &[&str] = &[
    "**",
    "*",
    "<sup>1</sup>",
    "<sup>",
    "</sup>",
    "<b>",
    "</b>",
    "<br>",
    "&nbsp;",
    "&amp;",
    "|",
    "#",
    "[^2]",
    "\\",
    "<",
    ">",
    "&",
    "¹",
    "\u{200b}",
    "\u{0301}",
    "\u{0323}",
];

/// Leftovers that stay multi-byte in the folded text (bullets, an en dash as a numeric entity);
/// only in `wild_text`, whose property is ignored while they make `extract` panic.
const WILD: &[&str] = &["&#8211;", "•", "\u{F0B7}", "→", "№", "§"];

const TYPES: &[&str] = &[
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "Quy định",
    "Kế hoạch",
    "Chương trình hành động",
    "Hướng dẫn",
    "Sao lục",
    "Thông báo",
    "Nghị định",
    "Thông tư",
    "Công văn",
    "",
];

const PARTY: &[(&str, &str)] = &[
    ("NQ", "TW"),
    ("CT", "TW"),
    ("KL", "TW"),
    ("QĐ", "TW"),
    ("KH", "TU"),
    ("CTr", "TU"),
    ("HD", "BDVTU"),
    ("SL", "ĐUK"),
    ("NQ", "ÐUK"),
    ("KH", "HU"),
];

const STATE: &[(&str, &str)] = &[
    ("NĐ", "CP"),
    ("NĐ/", "CP"),
    ("QĐ", "TTg"),
    ("CT", "TTg"),
    ("QĐ", "UBND"),
    ("TT", "BNV"),
    ("NQ", "HĐND"),
    ("NĐ", "C\u{0420}"),
];

const DASHES: &[&str] = &["-", "-", "-", "–", "—", "‐", " - ", "- "];

/// A citation in one of the shapes of SPEC §1 and §2, with random numbers.
fn citation() -> impl Strategy<Value = String> {
    (
        0usize..10,
        1u32..3000,
        1u32..3000,
        1u32..32,
        1u32..13,
        1990u32..2030,
        prop::sample::select(TYPES),
        prop::sample::select(PARTY),
        prop::sample::select(STATE),
        prop::sample::select(DASHES),
        any::<bool>(),
    )
        .prop_map(
            |(shape, n, n2, d, m, y, ty, (pc, pi), (sc, si), dash, zero)| {
                let num = if zero && n < 10 {
                    format!("0{n}")
                } else {
                    n.to_string()
                };
                let date = match n2 % 5 {
                    0 => format!(" ngày {d}/{m}/{y}"),
                    1 => format!(", ngày {d:02}/{m}/{y}"),
                    2 => format!(" ngày {d} tháng {m} năm {y}"),
                    3 => format!(" ngày {d}{dash}{m}{dash}{y}"),
                    _ => String::new(),
                };
                let sc = sc.trim_end_matches('/');
                let state_dash = if sc == "NĐ" && n2 % 7 == 0 { "/" } else { "-" };
                match shape {
                    0 => format!("{ty} số {num}{dash}{pc}/{pi}{date}"),
                    1 => format!("{ty} số {num}/{y}/{sc}{state_dash}{si}{date}"),
                    2 => format!("{ty} số {num}/{sc}-{si}{date}"),
                    3 => format!("Công văn số {num}/UBND-VX{date}"),
                    4 => format!("Luật Lưu trữ số {num}/{y}/QH15{date}"),
                    5 => format!("các {ty} số {num}, {n2}-{pc}/{pi}{date}"),
                    6 => format!("{ty} {num}-{pc}/{pi} và {ty} {n2}-{pc}/{pi}{date}"),
                    7 => format!("Nghị quyết Trung ương {} (khóa XII, XIII)", n % 15),
                    8 => format!("**{ty} số {num} - {pc} / {pi}**{date}<sup>1</sup>"),
                    _ => format!(
                        "Thực hiện {ty} số {num}-{pc}/{pi}{date} của Ban Thường vụ\n\nTỉnh ủy"
                    ),
                }
            },
        )
}

fn vn_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(WORDS).prop_map(String::from),
        2 => prop::sample::select(MARKUP).prop_map(String::from),
        3 => citation(),
        1 => (0u32..100_000).prop_map(|n| n.to_string()),
    ]
}

/// Text made of Vietnamese words, whitespace, markup and citations.
fn vn_text() -> impl Strategy<Value = String> {
    prop::collection::vec((vn_piece(), prop::sample::select(SPACES)), 0..60).prop_map(|v| {
        let mut s = String::new();
        for (p, sep) in v {
            s.push_str(&p);
            s.push_str(sep);
        }
        s
    })
}

/// The same with arbitrary characters mixed in.
fn wild_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop_oneof![
                6 => vn_piece(),
                1 => any::<char>().prop_map(|c| c.to_string()),
                1 => prop::sample::select(WILD).prop_map(String::from),
                1 => "[a-zA-Z0-9/ .,\\-–]{0,12}",
            ],
            prop::sample::select(SPACES),
        ),
        0..60,
    )
    .prop_map(|v| {
        let mut s = String::new();
        for (p, sep) in v {
            s.push_str(&p);
            s.push_str(sep);
        }
        s
    })
}

fn check_spans(text: &str, ms: &[Mention]) -> Result<(), TestCaseError> {
    for m in ms {
        prop_assert!(
            m.start <= m.end && m.end <= text.len(),
            "span {}..{} out of range for {:?}",
            m.start,
            m.end,
            m.symbol
        );
        prop_assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "span {}..{} not on char boundaries for {:?}",
            m.start,
            m.end,
            m.symbol
        );
        if let Some(n) = &m.number {
            // as written, or as OCR misread it ("l71-NQ/TW" is 171, with a warning)
            let read = text[m.start..m.end]
                .replace(['l', 'i'], "1")
                .replace('o', "0");
            prop_assert!(
                text[m.start..m.end].contains(n.as_str()) || read.contains(n.as_str()),
                "slice {:?} does not contain number {n:?} of {:?}",
                &text[m.start..m.end],
                m.symbol
            );
        }
    }
    Ok(())
}

fn pairs(text: &str) -> Vec<(Option<String>, Option<String>)> {
    extract(text)
        .mentions
        .iter()
        .map(|m| (m.symbol.clone(), m.date.map(|d| d.to_string())))
        .collect()
}

/// What the property below once found: a combining mark after an ASCII letter of a code ("W"
/// and U+0301 is "Ẃ" in NFC) ended the code in NFD, not in NFC.
#[test]
fn nfc_and_nfd_agree_on_a_mark_inside_a_code() {
    let text = "các Nghị quyết số 1, 1674-NQ/TW\u{301}Nghị quyết số 1-NQ/TW, ngày 01/1/1990 ";
    let nfc: String = text.nfc().collect();
    let nfd: String = text.nfd().collect();
    assert_eq!(pairs(&nfc), pairs(&nfd));
    assert_eq!(pairs(&nfc).len(), 3);
    // a mark on the lower-case letter of a mixed-case code: "TTǵ" in NFC
    let text = "Nghị quyết số 1/1990/QĐ-TTg\u{301} ";
    let nfc: String = text.nfc().collect();
    let nfd: String = text.nfd().collect();
    assert_eq!(pairs(&nfc), pairs(&nfd));
    assert_eq!(pairs(&nfc)[0].0.as_deref(), Some("1/1990/QĐ-TTg"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// (a) offsets are on char boundaries and slice to text holding the mention's number.
    #[test]
    fn spans_hold_their_number(text in vn_text()) {
        let ms = extract(&text).mentions;
        check_spans(&text, &ms)?;
    }

    /// (a) the same with arbitrary characters around the citations.
    #[test]
    fn spans_hold_their_number_wild(text in wild_text()) {
        let ms = extract(&text).mentions;
        check_spans(&text, &ms)?;
    }

    /// (a) the same on NFD text, where one letter is several chars.
    #[test]
    fn spans_hold_their_number_nfd(text in vn_text()) {
        let text: String = text.nfd().collect();
        let ms = extract(&text).mentions;
        check_spans(&text, &ms)?;
    }

    /// (b) random bytes through decode and extract never panic.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4000)) {
        let d = decode(&bytes);
        let ex = extract(&d.text);
        check_spans(&d.text, &ex.mentions)?;
    }

    /// (b) random bytes behind a byte-order mark (UTF-16 paths) never panic either.
    #[test]
    fn random_bytes_with_bom_never_panic(
        bom in prop::sample::select(vec![&b"\xFF\xFE"[..], &b"\xFE\xFF"[..], &b"\xEF\xBB\xBF"[..]]),
        bytes in prop::collection::vec(any::<u8>(), 0..4000),
    ) {
        let mut all = bom.to_vec();
        all.extend_from_slice(&bytes);
        let d = decode(&all);
        let ex = extract(&d.text);
        check_spans(&d.text, &ex.mentions)?;
    }

    /// (b) generated text encoded as UTF-8 and UTF-16 decodes back and extracts the same.
    #[test]
    fn utf16_round_trip(text in vn_text()) {
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le);
        prop_assert_eq!(&d.text, &text);
        prop_assert_eq!(pairs(&d.text), pairs(&text));
    }

    /// (c) NFC and NFD versions of a text give the same (symbol, date) list.
    #[test]
    fn nfc_and_nfd_agree(text in vn_text()) {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        prop_assert_eq!(pairs(&nfc), pairs(&nfd), "NFC text: {:?}", nfc);
    }
}
