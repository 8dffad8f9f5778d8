//! Every encoding a Vietnamese office has produced, detected without being told, on real report
//! text converted into it, on short lines, and on files that mix two encodings.

use std::fs;

use trichdan::extract::extract;
use trichdan::text::legacy::{encode_1258, encode_tcvn3, encode_vni};
use trichdan::text::{Encoding, decode, decode_as, fold_str};

fn seeds() -> Vec<String> {
    let mut v: Vec<_> = fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("00"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| decode(&fs::read(p).unwrap()).text)
        .collect()
}

fn symbols_and_dates(text: &str) -> Vec<(Option<String>, Option<String>)> {
    extract(text)
        .mentions
        .iter()
        .map(|m| (m.symbol.clone(), m.date.map(|d| d.to_string())))
        .collect()
}

type Encoder = fn(&str) -> Vec<u8>;

fn encoders() -> [(Encoding, Encoder); 3] {
    [
        (Encoding::Tcvn3, encode_tcvn3),
        (Encoding::Vni, encode_vni),
        (Encoding::Windows1258, encode_1258),
    ]
}

/// What an 8-bit office file holds: straight quotes and hyphens where Unicode has curly ones.
fn eight_bit(text: &str) -> String {
    text.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace(['–', '—'], "-")
        .replace('…', "...")
}

fn same(a: &str, b: &str) -> bool {
    fold_str(a) == fold_str(b)
}

#[test]
fn real_reports_in_each_legacy_encoding() {
    for text in seeds() {
        let text = eight_bit(&text);
        let want = symbols_and_dates(&text);
        for (enc, encode) in encoders() {
            let bytes = encode(&text);
            let d = decode(&bytes);
            assert_eq!(
                d.encoding,
                enc,
                "{} detected as {}",
                enc.name(),
                d.encoding.name()
            );
            // TCVN3 has no codes for marked capitals: compare without case
            assert!(same(&d.text, &text), "{} does not round-trip", enc.name());
            assert_eq!(symbols_and_dates(&d.text), want, "{}", enc.name());
        }
    }
}

#[test]
fn short_lines_are_not_mistaken() {
    for line in [
        "Nghị quyết số 25-NQ/TW ngày 03/6/2013",
        "Thực hiện Chỉ thị số 16/CT-TTg",
        "Căn cứ Luật Đất đai năm 2024;",
        "Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp",
        "Báo cáo tổng kết",
    ] {
        for (enc, encode) in encoders() {
            let d = decode(&encode(line));
            assert_eq!(d.encoding, enc, "{line:?} in {}", enc.name());
            assert_eq!(fold_str(&d.text), fold_str(line));
        }
    }
}

#[test]
fn mixed_files_keep_their_utf8_lines() {
    let utf8_part =
        "Báo cáo của Ủy ban nhân dân tỉnh.\nThực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013.\n";
    let old_part =
        "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ về thực hiện dân chủ.\n";
    for (enc, encode) in encoders() {
        let mut bytes = utf8_part.as_bytes().to_vec();
        bytes.extend(encode(old_part));
        let d = decode(&bytes);
        assert!(
            d.encoding.name().starts_with("utf-8+"),
            "{} gave {}",
            enc.name(),
            d.encoding.name()
        );
        assert!(d.encoding.name().ends_with(enc.name()));
        assert_eq!(
            fold_str(&d.text),
            fold_str(&format!("{utf8_part}{old_part}"))
        );
        let x = extract(&d.text);
        let syms: Vec<_> = x.mentions.iter().filter_map(|m| m.symbol.clone()).collect();
        assert_eq!(syms, ["25-NQ/TW", "04/2015/NĐ-CP"]);
    }
}

#[test]
fn utf16_without_bom_and_the_override() {
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    assert_eq!(decode(&le).encoding, Encoding::Utf16Le);
    assert_eq!(decode(&le).text, text);
    assert_eq!(decode(&be).encoding, Encoding::Utf16Be);
    assert_eq!(decode(&be).text, text);
    // told the encoding, trichdan does what it is told
    let vni = encode_vni(text);
    assert_eq!(decode_as(&vni, Encoding::Vni).text, text);
    assert_eq!(Encoding::parse("TCVN-3"), Some(Encoding::Tcvn3));
    assert_eq!(Encoding::parse("cp1258"), Some(Encoding::Windows1258));
}

#[test]
fn a_utf8_file_with_a_stray_byte_stays_utf8_with_a_warning() {
    let mut bytes = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 \u{1EA1}"
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(" của Ban Chấp hành.".as_bytes());
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Utf8Lossy);
    assert_eq!(d.warnings.len(), 1);
    assert!(d.text.contains("Nghị quyết số 25-NQ/TW"));
}
