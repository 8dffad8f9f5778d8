//! One test per shape of SPEC §1 (what gets cited) and §2 (what real text looks like), on
//! crafted Vietnamese sentences.

use trichdan::extract::{Family, Mention, extract};
use trichdan::text::decode;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------------
// helpers

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn dump(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "  {:?} symbol={:?} number={:?} date={:?} body={:?} term={:?} type={:?} code={:?} \
                 title={:?} rel={} warn={:?} span={}..{} text={:?}",
                m.family,
                m.symbol,
                m.number,
                m.date.map(|d| d.to_string()),
                m.body,
                m.term,
                m.type_name,
                m.type_code,
                m.title,
                m.relation.as_str(),
                m.warnings,
                m.start,
                m.end,
                m.text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Offsets are on char boundaries, in order, and the slice holds the mention's number.
fn check_span(text: &str, m: &Mention) {
    assert!(
        m.start <= m.end && m.end <= text.len(),
        "bad span {}..{} for {:?}",
        m.start,
        m.end,
        m.symbol
    );
    assert!(
        text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
        "span {}..{} not on char boundaries for {:?}",
        m.start,
        m.end,
        m.symbol
    );
    if let Some(n) = &m.number {
        let slice = &text[m.start..m.end];
        assert!(
            slice.contains(n.as_str()),
            "slice {slice:?} of {:?} does not contain its number {n:?}",
            m.symbol
        );
    }
}

/// Extracts and checks every mention's span.
fn run(text: &str) -> Vec<Mention> {
    let ms = extract(text).mentions;
    for m in &ms {
        check_span(text, m);
    }
    ms
}

/// The one mention with this canonical symbol.
fn one<'a>(text: &str, ms: &'a [Mention], symbol: &str) -> &'a Mention {
    let found: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some(symbol))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one mention {symbol} in {text:?}; got:\n{}",
        dump(ms)
    );
    check_span(text, found[0]);
    found[0]
}

fn iso(m: &Mention) -> Option<String> {
    m.date.map(|d| d.to_string())
}

fn assert_date(m: &Mention, want: &str, ms: &[Mention]) {
    assert_eq!(
        iso(m).as_deref(),
        Some(want),
        "date of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
}

fn assert_body(m: &Mention, want: &str, ms: &[Mention]) {
    assert_eq!(
        m.body.as_deref().map(nfc).as_deref(),
        Some(want),
        "body of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
}

fn assert_term(m: &Mention, want: &str, ms: &[Mention]) {
    assert_eq!(
        m.term.as_deref(),
        Some(want),
        "term of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
}

fn assert_type(m: &Mention, name: &str, code: &str, ms: &[Mention]) {
    assert_eq!(
        m.type_name.as_deref().map(nfc).as_deref(),
        Some(name),
        "type name of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
    assert_eq!(
        m.type_code.as_deref(),
        Some(code),
        "type code of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
}

fn assert_rel(m: &Mention, rel: &str, ms: &[Mention]) {
    assert_eq!(
        m.relation.as_str(),
        rel,
        "relation of {:?}; all:\n{}",
        m.symbol,
        dump(ms)
    );
}

fn assert_none(text: &str) {
    let ms = run(text);
    assert!(
        ms.is_empty(),
        "expected no mention in {text:?}; got:\n{}",
        dump(&ms)
    );
}

const RES25: &str = "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương \
Đảng (khóa XI) về “Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình \
hình mới”, Đảng ủy Khối đã ban hành kế hoạch triển khai.";

fn check_res25(text: &str) {
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_eq!(m.family, Family::Party);
    assert_type(m, "Nghị quyết", "NQ", &ms);
    assert_eq!(m.number.as_deref(), Some("25"));
    assert_eq!(m.issuer_code.as_deref(), Some("TW"));
    assert_eq!(m.year, Some(2013));
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XI", &ms);
    assert_rel(m, "implements", &ms);
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(
        title.starts_with("Tăng cường và đổi mới") && title.contains("tình hình mới"),
        "title {title:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// SPEC §1: what gets cited

#[test]
fn s1_party_full_context() {
    check_res25(RES25);
}

#[test]
fn s1_party_type_codes() {
    let text = "Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 27-CTr/TU ngày 12/01/2021, \
Kế hoạch số 96-KH/ĐUK ngày 02/3/2022 của Đảng ủy Khối và Hướng dẫn số 02-HD/BDVTU ngày 15/4/2022 \
của Ban Dân vận Tỉnh ủy.";
    let ms = run(text);
    let a = one(text, &ms, "27-CTr/TU");
    assert_type(a, "Chương trình hành động", "CTr", &ms);
    assert_date(a, "2021-01-12", &ms);
    let b = one(text, &ms, "96-KH/ĐUK");
    assert_type(b, "Kế hoạch", "KH", &ms);
    assert_date(b, "2022-03-02", &ms);
    let c = one(text, &ms, "02-HD/BDVTU");
    assert_type(c, "Hướng dẫn", "HD", &ms);
    assert_date(c, "2022-04-15", &ms);
    assert_body(c, "Ban Dân vận Tỉnh ủy", &ms);
    assert_eq!(c.number.as_deref(), Some("02"));
}

#[test]
fn s1_party_leading_zero_kept() {
    let text = "Quán triệt Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05.";
    let ms = run(text);
    let m = one(text, &ms, "01-KL/TW");
    assert_type(m, "Kết luận", "KL", &ms);
    assert_date(m, "2021-05-18", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
    assert_rel(m, "disseminates", &ms);
}

#[test]
fn s1_state_normative() {
    let text = "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ về thực hiện dân chủ \
trong hoạt động của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập;";
    let ms = run(text);
    let m = one(text, &ms, "04/2015/NĐ-CP");
    assert_eq!(m.family, Family::State);
    assert_type(m, "Nghị định", "NĐ", &ms);
    assert_eq!(m.year, Some(2015));
    assert_eq!(m.number.as_deref(), Some("04"));
    assert_date(m, "2015-01-09", &ms);
    assert_body(m, "Chính phủ", &ms);
    assert_rel(m, "based_on", &ms);
}

#[test]
fn s1_state_other() {
    let text = "Thực hiện Quyết định số 1619/QĐ-TTg ngày 14/9/2020 của Thủ tướng Chính phủ ban hành Kế hoạch tổ chức phong trào thi đua.";
    let ms = run(text);
    let m = one(text, &ms, "1619/QĐ-TTg");
    assert_eq!(m.family, Family::State);
    assert_type(m, "Quyết định", "QĐ", &ms);
    assert_eq!(m.issuer_code.as_deref(), Some("TTg"));
    assert_eq!(m.year, Some(2020));
    assert_date(m, "2020-09-14", &ms);
    assert_body(m, "Thủ tướng Chính phủ", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s1_state_body_written_before() {
    let text = "Triển khai Chương trình phát triển của Thủ tướng Chính phủ tại Quyết định số 1619/QĐ-TTg ngày 14/9/2020.";
    let ms = run(text);
    let m = one(text, &ms, "1619/QĐ-TTg");
    assert_body(m, "Thủ tướng Chính phủ", &ms);
    assert_date(m, "2020-09-14", &ms);
}

#[test]
fn s1_state_slash_slip() {
    let text = "Theo Nghị định số 04/2015/NĐ/CP ngày 09/01/2015 của Chính phủ, các cơ quan phải công khai.";
    let ms = run(text);
    let m = one(text, &ms, "04/2015/NĐ-CP");
    assert_eq!(m.family, Family::State);
    assert_date(m, "2015-01-09", &ms);
}

#[test]
fn s1_state_cong_van() {
    let text = "Thực hiện Công văn số 1234/UBND-VX ngày 12/3/2024 của UBND tỉnh về việc tổ chức Tết Nguyên đán.";
    let ms = run(text);
    let m = one(text, &ms, "1234/UBND-VX");
    assert_eq!(m.family, Family::State);
    assert_eq!(nfc(m.type_name.as_deref().unwrap_or("")), "Công văn");
    assert_date(m, "2024-03-12", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s1_state_cong_van_without_unit() {
    // devset 44: a fund's letter whose symbol has no unit after its code
    let text = "Theo đề nghị của Hội đồng quản lý Quỹ tại Tờ trình số 20/TTr-HĐQL ngày 09/7/2024 \
và văn bản số 1102/QDPTTCHC ngày 04/12/2024 về việc bãi bỏ Quyết định số 28/2019/QĐ-UBND.";
    let ms = run(text);
    let m = one(text, &ms, "1102/QDPTTCHC");
    assert_eq!(m.family, Family::State);
    assert_date(m, "2024-12-04", &ms);
    // only where the text says it is a letter, and only a code in capitals
    assert_none("Mức hỗ trợ 1.000 đồng/người, mỗi lớp 30 học sinh, số 5/lớp; Báo cáo số 12/BC.");
    assert_none("Công văn số 3/Sở Nội vụ.");
}

#[test]
fn s1_law_numbered() {
    let text = "Luật Lưu trữ số 33/2024/QH15 ngày 21/6/2024 có hiệu lực từ ngày 01/7/2025.";
    let ms = run(text);
    let m = one(text, &ms, "33/2024/QH15");
    assert_eq!(m.family, Family::Law, "{}", dump(&ms));
    assert_eq!(m.year, Some(2024));
    assert_date(m, "2024-06-21", &ms);
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(title.contains("Lưu trữ"), "title {title:?}");
    assert!(m.text.contains("Luật Lưu trữ"), "text {:?}", m.text);
}

#[test]
fn s1_law_by_number_only() {
    let text = "Căn cứ Luật số 59/2020/QH14 ngày 17/6/2020 của Quốc hội;";
    let ms = run(text);
    let m = one(text, &ms, "59/2020/QH14");
    assert_eq!(m.family, Family::Law, "{}", dump(&ms));
    assert_date(m, "2020-06-17", &ms);
    assert_rel(m, "based_on", &ms);
}

/// The mentions of one report read from `text`, resolved (keys, sources) as a collection of one.
fn resolved(name: &str, text: &str) -> Vec<Mention> {
    let mut reports = vec![trichdan::corpus::read_bytes(name, text.as_bytes(), false)];
    trichdan::resolve::resolve(&mut reports);
    reports.remove(0).mentions
}

fn named<'a>(ms: &'a [Mention], contains: &str) -> Vec<&'a Mention> {
    ms.iter()
        .filter(|m| m.family == Family::Named && nfc(&m.text).contains(contains))
        .collect()
}

#[test]
fn s1_named_law_amended_with_year() {
    let text =
        "Tuyên truyền, phổ biến Luật Đất đai (sửa đổi) năm 2024 đến cán bộ, đảng viên và Nhân dân.";
    let ms = run(text);
    let found = named(&ms, "Luật Đất đai");
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    let m = found[0];
    assert_eq!(m.symbol, None);
    assert_eq!(m.year, Some(2024), "{}", dump(&ms));
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(title.contains("Đất đai"), "title {title:?}");
    assert_rel(m, "disseminates", &ms);
}

#[test]
fn s1_named_law_amended_without_year_is_not_the_old_law() {
    // devset 41: the amended Law on Health Insurance is still to be drafted; the Law of 2008,
    // cited with its date in the same document, is another document
    let text = "Căn cứ Luật bảo hiểm y tế ngày 14 tháng 11 năm 2008;\n\n- Rà soát, xây dựng Luật Bảo hiểm y tế sửa đổi. \n\n10.  Xây dựng Luật Bảo hiểm y tế (sửa đổi) trình Quốc hội.";
    let ms = &resolved("qd.txt", text);
    let keys: Vec<(String, Option<&str>)> = named(ms, "Luật")
        .iter()
        .map(|m| (nfc(&m.text), m.key.as_deref()))
        .collect();
    assert_eq!(
        keys,
        [
            (
                "Luật bảo hiểm y tế".to_string(),
                Some("Luật Bảo hiểm y tế năm 2008")
            ),
            (
                "Luật Bảo hiểm y tế sửa đổi".to_string(),
                Some("Luật Bảo hiểm y tế (sửa đổi)")
            ),
            (
                "Luật Bảo hiểm y tế (sửa đổi)".to_string(),
                Some("Luật Bảo hiểm y tế (sửa đổi)")
            ),
        ],
        "{}",
        dump(ms)
    );
    // "sửa đổi, bổ sung" after a law's name is what a text does to it, not its name
    let text = "Đề xuất Luật Đất đai sửa đổi, bổ sung các quy định về thu hồi đất.";
    let ms = run(text);
    let found = named(&ms, "Luật Đất đai");
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    assert_eq!(nfc(&found[0].text), "Luật Đất đai", "{}", dump(&ms));
}

#[test]
fn s1_named_law_plain() {
    let text = "Các chi bộ tổ chức thực hiện Luật Thực hiện dân chủ ở cơ sở trong cơ quan, đơn vị.";
    let ms = run(text);
    let found = named(&ms, "Luật Thực hiện dân chủ ở cơ sở");
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    let m = found[0];
    assert_eq!(m.symbol, None);
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(
        title.contains("Thực hiện dân chủ ở cơ sở"),
        "title {title:?}"
    );
    assert_rel(m, "implements", &ms);
}

#[test]
fn s1_named_plenum_two_terms() {
    let text = "Đảng ủy tiếp tục thực hiện Nghị quyết Trung ương 4 (khóa XII, XIII) về xây dựng, chỉnh đốn Đảng và hệ thống chính trị.";
    let ms = run(text);
    let found = named(&ms, "Trung ương 4");
    assert_eq!(found.len(), 2, "{}", dump(&ms));
    let mut terms: Vec<_> = found.iter().map(|m| m.term.clone()).collect();
    terms.sort();
    assert_eq!(
        terms,
        vec![Some("XII".to_string()), Some("XIII".to_string())],
        "{}",
        dump(&ms)
    );
    for m in found {
        assert_eq!(m.symbol, None);
        assert_rel(m, "continues", &ms);
    }
}

#[test]
fn s1_named_congress() {
    let text = "Cấp ủy đã lãnh đạo quán triệt Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII đến toàn thể đảng viên.";
    let ms = run(text);
    let found = named(&ms, "Đại hội Đảng toàn quốc lần thứ XIII");
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    assert_eq!(found[0].symbol, None);
    assert_rel(found[0], "disseminates", &ms);
}

#[test]
fn s1_named_local_congress_after_its_ordinal() {
    // a provincial congress named after its ordinal is not the national one; "đại biểu" or not,
    // one congress
    let text = "Trên 99% đảng viên học tập Nghị quyết Đại hội XI Đảng bộ tỉnh nhiệm kỳ 2020-2025. \
Triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025. \
Quán triệt Nghị quyết Đại hội XIII của Đảng.";
    let ms = run(text);
    let kinds: Vec<_> = ms.iter().map(|m| (nfc(&m.text), m.named.clone())).collect();
    let local = trichdan::extract::named::NamedKind::Congress {
        of: "dang bo tinh".into(),
        ordinal: "XI".into(),
    };
    let national = trichdan::extract::named::NamedKind::Congress {
        of: "toan quoc".into(),
        ordinal: "XIII".into(),
    };
    assert_eq!(
        kinds,
        vec![
            (
                "Nghị quyết Đại hội XI Đảng bộ tỉnh".to_string(),
                Some(local.clone())
            ),
            (
                "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI".to_string(),
                Some(local)
            ),
            (
                "Nghị quyết Đại hội XIII của Đảng".to_string(),
                Some(national)
            ),
        ],
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_named_title_only() {
    let text = "Các chi bộ đã triển khai học tập Nghị quyết về “Tăng cường và đổi mới sự lãnh đạo của Đảng \
đối với công tác dân vận trong tình hình mới” đến đảng viên.";
    let ms = run(text);
    let found: Vec<&Mention> = ms.iter().filter(|m| m.family == Family::Named).collect();
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    let title = found[0].title.as_deref().map(nfc).unwrap_or_default();
    assert_eq!(
        title,
        "Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới"
    );
}

#[test]
fn s1_short_form_without_so() {
    let text = "Thực hiện Quyết định 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị ban hành Quy chế giám sát và phản biện xã hội.";
    let ms = run(text);
    let m = one(text, &ms, "217-QĐ/TW");
    assert_type(m, "Quyết định", "QĐ", &ms);
    assert_date(m, "2013-12-12", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
}

#[test]
fn s1_number_without_code_dated_and_issued_by_a_central_body() {
    // news articles drop the code: type, number, date and the Central Committee identify it
    let text = "Ban Thường vụ Tỉnh ủy tổ chức Hội nghị tổng kết việc thực hiện Nghị quyết số 18 ngày \
25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XII về 'Một số vấn đề về tiếp tục đổi mới, sắp \
xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả' trên địa bàn tỉnh.";
    let ms = run(text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    let m = one(text, &ms, "18-NQ/TW");
    assert_date(m, "2017-10-25", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XII", &ms);
    assert!(
        m.title.as_deref().map(nfc).as_deref()
            == Some(
                "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"
            ),
        "{}",
        dump(&ms)
    );
    // a number with a date and no body names nothing
    assert_none("Năm 2024, Nghị quyết số 18 ngày 25-10-2017 được quán triệt.");
}

#[test]
fn s1_issuer_tu_with_horn_is_the_central_committee() {
    // "TƯ" (Trung ương) folds like "TU" (Tỉnh ủy); the short forms after it stay unambiguous
    let text = "Nội dung của Chỉ thị số 05-CT/TƯ nhằm khắc phục hạn chế trong thực hiện Chỉ thị số \
03-CT/TW của Bộ Chính trị khóa XI. Việc thực hiện Chỉ thị 05 còn hình thức.";
    let ms = run(text);
    let fives: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("05-CT/TW"))
        .collect();
    assert_eq!(fives.len(), 2, "{}", dump(&ms));
    assert!(
        ms.iter().all(|m| m.issuer_code.as_deref() == Some("TW")),
        "{}",
        dump(&ms)
    );
    one(text, &ms, "03-CT/TW");
}

#[test]
fn s1_short_name_in_parentheses_is_no_second_citation() {
    let text = "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và \
làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05), các cấp công đoàn luôn sáng tạo.";
    let ms = run(text);
    let m = one(text, &ms, "05-CT/TW");
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    assert_eq!(
        m.title.as_deref().map(nfc).as_deref(),
        Some("đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    );
}

#[test]
fn s1_state_symbol_without_type_code_after_type_name_and_so() {
    let text = "Theo đề nghị của Sở Kế hoạch và Đầu tư tại Tờ trình số 126/SKHĐT ngày 23/01/2007,";
    let ms = run(text);
    let m = one(text, &ms, "126/SKHĐT");
    assert_eq!(m.type_name.as_deref(), Some("Tờ trình"));
    assert_date(m, "2007-01-23", &ms);
    // without the type name and "số" the same shape is no citation
    assert_none("Tỷ lệ đạt 126/SKHĐT trong năm.");
}

#[test]
fn s1_joint_issuers_after_giua_and_a_law_by_its_short_name() {
    let text = "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003; Căn cứ Thông tư liên tịch số: \
183/2010/TTLT/BTC-BNN, ngày 15 tháng 11 năm 2010 giữa Bộ Tài chính và Bộ Nông nghiệp và PTNT hướng \
dẫn chế độ quản lý;";
    let ms = run(text);
    let m = one(text, &ms, "183/2010/TTLT-BTC-BNN");
    assert_body(m, "Bộ Tài chính và Bộ Nông nghiệp và PTNT", &ms);
    let law = named(&ms, "Luật Tổ chức HĐND và UBND");
    assert_eq!(law.len(), 1, "{}", dump(&ms));
    assert_eq!(iso(law[0]).as_deref(), Some("2003-11-26"), "{}", dump(&ms));
    assert_eq!(
        law[0].named,
        Some(trichdan::extract::named::NamedKind::Law {
            name: "Tổ chức Hội đồng nhân dân và Ủy ban nhân dân".into()
        }),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_body_and_term_written_before_the_verb() {
    let text = "Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh khóa XIII đã ban hành Nghị quyết số \
10-NQ/TU về huy động nguồn lực đầu tư kết cấu hạ tầng.";
    let ms = run(text);
    let m = one(text, &ms, "10-NQ/TU");
    assert_body(m, "Ban Chấp hành Đảng bộ tỉnh", &ms);
    assert_term(m, "XIII", &ms);
    assert_date(m, "2016-11-14", &ms);
}

#[test]
fn s1_short_form_with_number_and_year() {
    // "Thông tư 02/2024" repeats "02/2024/TT-BKHĐT"; with a central body it stands alone
    let text = "Căn cứ Thông tư số 02/2024/TT-BKHĐT ngày 06/3/2024 của Bộ Kế hoạch và Đầu tư. Sửa Điều \
7 Thông tư 02/2024 như sau. Thông tư 14/2018 của Bộ Giáo dục và Đào tạo. Thông tư 15/2018 hướng dẫn.";
    let ms = run(text);
    let twos: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("02/2024/TT-BKHĐT"))
        .collect();
    assert_eq!(twos.len(), 2, "{}", dump(&ms));
    assert_eq!(nfc(&twos[1].text), "Thông tư 02/2024");
    let m = one(text, &ms, "14/2018/TT-BGDĐT");
    assert_body(m, "Bộ Giáo dục và Đào tạo", &ms);
    // no code spelled out anywhere and no body: nothing to name it by
    assert_eq!(ms.len(), 3, "{}", dump(&ms));
}

#[test]
fn s1_abbreviated_body_before_co() {
    // "UBND" is in capitals by nature: the words after it are judged as written
    for (text, sym, body) in [
        (
            "UBND huyện có Công văn số 1167/UBND-TH về báo cáo số liệu.",
            "1167/UBND-TH",
            "UBND huyện",
        ),
        (
            "Ngày 24-10, UBND tỉnh có văn bản số 4912/UBND-NC về việc thực hiện.",
            "4912/UBND-NC",
            "UBND tỉnh",
        ),
    ] {
        let ms = run(text);
        assert_body(one(text, &ms, sym), body, &ms);
    }
}

#[test]
fn s1_body_and_date_before_ra() {
    // news style: "Bộ Chính trị ra Quyết định …"; "Quốc gia" stays in the body's name
    let text = "Ngày 10/3/1993, Bộ Chính trị ra Quyết định số 61-QĐ/TW về việc chuyển Trường Đảng \
Trung ương thành Học viện. Theo Kế hoạch số 57-KH/HVCTQG ngày 05/02/2025 của Học viện Chính trị \
Quốc gia Hồ Chí Minh.";
    let ms = run(text);
    let m = one(text, &ms, "61-QĐ/TW");
    assert_body(m, "Bộ Chính trị", &ms);
    assert_date(m, "1993-03-10", &ms);
    let k = one(text, &ms, "57-KH/HVCTQG");
    assert_body(k, "Học viện Chính trị Quốc gia Hồ Chí Minh", &ms);
}

#[test]
fn s1_number_without_code_of_a_local_body() {
    // the body names a local code as well as a central one; a day without its year is skipped
    let text = "Các cấp ủy khẩn trương triển khai thực hiện Kế hoạch số 80 ngày 24/11 của Ban Thường \
vụ Tỉnh ủy Yên Bái.";
    let ms = run(text);
    let m = one(text, &ms, "80-KH/TU");
    assert_body(m, "Ban Thường vụ Tỉnh ủy Yên Bái", &ms);
    assert_eq!(m.date, None);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    // "Thành ủy" is TU or TPU: no code to give it; a State body's may carry a year or not
    assert_none("Thực hiện Kế hoạch số 80 của Thành ủy.");
    assert_none("Thực hiện Nghị quyết 05 của Ủy ban nhân dân tỉnh Lai Châu.");
}

#[test]
fn s1_list_member_takes_the_type_its_code_is_written_for() {
    // the law named inside the first member's title is no type for the second member
    let text = "Căn cứ các Nghị định của Chính phủ: Số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 quy định \
chi tiết và hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật; số 187/2025/NĐ-CP ngày 01 \
tháng 7 năm 2025 sửa đổi, bổ sung một số điều của Nghị định số 78/2025/NĐ-CP;";
    let ms = run(text);
    let m = one(text, &ms, "187/2025/NĐ-CP");
    assert_eq!(m.type_name.as_deref(), Some("Nghị định"), "{}", dump(&ms));
    // a list number glued to a type name ("- 6Nghị quyết …")
    let text = "- 6Nghị quyết 120/2020/QH14 về phê duyệt chủ trương đầu tư do Quốc hội ban hành";
    let ms = run(text);
    let m = one(text, &ms, "120/2020/QH14");
    assert_eq!(m.type_name.as_deref(), Some("Nghị quyết"), "{}", dump(&ms));
}

#[test]
fn s1_number_without_code_after_the_body_that_issued_it() {
    let text = "Ngày 6/8/2019, Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17 về việc tăng \
cường sự lãnh đạo của các cấp ủy.";
    let ms = run(text);
    let m = one(text, &ms, "17-CT/TU");
    assert_body(m, "Ban Thường vụ Tỉnh ủy Yên Bái", &ms);
    assert_date(m, "2019-08-06", &ms);
    // a page number alone on its line between a type name and the symbol is no short form
    let text = "Ngày 25/12/2017, Bộ Chính trị ban hành Chỉ thị số \n\n2 \n\n18-CT/TW về đẩy mạnh.";
    let ms = run(text);
    one(text, &ms, "18-CT/TW");
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
}

#[test]
fn s1_page_number_alone_between_blank_lines() {
    // a PDF's page number inside a list of symbols is read as the blank lines around it; a month
    // alone on its line is the date's
    let text = "Tiếp tục thực hiện Nghị quyết số 18-NQ/TW, Nghị quyết số 19 - \n\n3 \n\nNQ/TW ngày \
25/10/2017 \n\ncủa Ban Chấp hành Trung ương khóa XII. Thực hiện Chương trình số 47-CTr/TU ngày 10 \
tháng \n\n12 \n\nnăm 2019 của Ban Thường vụ Tỉnh ủy Ninh Bình, các nhiệm vụ cơ bản được hoàn thành.";
    let ms = run(text);
    let m = one(text, &ms, "19-NQ/TW");
    assert_date(m, "2017-10-25", &ms);
    let p = one(text, &ms, "47-CTr/TU");
    assert_date(p, "2019-12-10", &ms);
    assert_body(p, "Ban Thường vụ Tỉnh ủy Ninh Bình", &ms);
    // "cơ bản" after a body is no part of it
    let text = "Kế hoạch số 317-KH/TU của Ban Thường vụ Thành ủy cơ bản được hoàn thành.";
    let ms = run(text);
    assert_body(one(text, &ms, "317-KH/TU"), "Ban Thường vụ Thành ủy", &ms);
}

#[test]
fn s1_number_without_code_of_the_party_delegation_of_the_national_assembly() {
    let text = "Tổng thư ký thông tin về Kế hoạch số 527 của Đảng đoàn Quốc hội, theo đó yêu cầu.";
    let ms = run(text);
    assert_body(one(text, &ms, "527-KH/ĐĐQH"), "Đảng đoàn Quốc hội", &ms);
}

#[test]
fn s1_short_form_later_in_text() {
    let text = "Thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng. \
Qua 6 tháng triển khai Quy định 144, đảng viên đã nêu cao tinh thần trách nhiệm.";
    let ms = run(text);
    let all: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("144-QĐ/TW"))
        .collect();
    assert_eq!(all.len(), 2, "{}", dump(&ms));
    assert!(all[1].start > all[0].end);
}

#[test]
fn s1_list_two_full_symbols() {
    let text = "Các cấp ủy thực hiện tốt Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị.";
    let ms = run(text);
    let a = one(text, &ms, "217-QĐ/TW");
    let b = one(text, &ms, "218-QĐ/TW");
    for m in [a, b] {
        assert_type(m, "Quyết định", "QĐ", &ms);
        assert_date(m, "2013-12-12", &ms);
        assert_body(m, "Bộ Chính trị", &ms);
        assert_rel(m, "implements", &ms);
    }
    assert!(a.end <= b.start);
}

#[test]
fn s1_list_numbers_before_shared_code() {
    let text = "Đảng ủy tổ chức quán triệt các Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng (khóa XII).";
    let ms = run(text);
    let a = one(text, &ms, "18-NQ/TW");
    let b = one(text, &ms, "19-NQ/TW");
    for m in [a, b] {
        assert_eq!(m.type_code.as_deref(), Some("NQ"));
        assert_date(m, "2017-10-25", &ms);
        assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
        assert_term(m, "XII", &ms);
        assert_rel(m, "disseminates", &ms);
    }
    assert!(a.end <= b.start);
}

#[test]
fn s1_list_full_symbols_shared_date() {
    let text = "Tiếp tục thực hiện Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII.";
    let ms = run(text);
    let a = one(text, &ms, "18-NQ/TW");
    let b = one(text, &ms, "19-NQ/TW");
    assert_date(a, "2017-10-25", &ms);
    assert_date(b, "2017-10-25", &ms);
    assert_rel(a, "continues", &ms);
    assert_rel(b, "continues", &ms);
}

#[test]
fn s1_list_of_three_state() {
    let text =
        "Thực hiện các Công điện số 217, 218 và 219/CĐ-TTg ngày 10/3/2024 của Thủ tướng Chính phủ.";
    let ms = run(text);
    for s in ["217/CĐ-TTg", "218/CĐ-TTg", "219/CĐ-TTg"] {
        let m = one(text, &ms, s);
        assert_date(m, "2024-03-10", &ms);
    }
}

#[test]
fn s1_own_header_symbol_not_a_mention() {
    let text = "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 08 - NQ/ĐUK\n\n\
ĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Bình, ngày 08 tháng 5 năm 2023\n\nNGHỊ QUYẾT\n\
về tăng cường công tác dân vận trong tình hình mới\n\n\
Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI), \
Ban Chấp hành Đảng bộ Khối quyết nghị:\n";
    let ex = extract(text);
    assert_eq!(ex.header.symbol.as_deref(), Some("08-NQ/ĐUK"));
    for m in &ex.mentions {
        check_span(text, m);
    }
    assert!(
        !ex.mentions
            .iter()
            .any(|m| m.symbol.as_deref() == Some("08-NQ/ĐUK")),
        "own symbol reported as a mention:\n{}",
        dump(&ex.mentions)
    );
    let m = one(text, &ex.mentions, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ex.mentions);
}

#[test]
fn s1_type_name_contradicts_code() {
    let text = "Thực hiện Nghị quyết số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (khóa XIII) về tăng cường xây dựng, chỉnh đốn Đảng.";
    let ms = run(text);
    let m = one(text, &ms, "21-KL/TW");
    assert_eq!(m.type_code.as_deref(), Some("KL"));
    assert_eq!(m.type_name.as_deref(), Some("Nghị quyết"));
    assert!(!m.warnings.is_empty(), "no warning:\n{}", dump(&ms));
    assert_date(m, "2021-10-25", &ms);
    assert_term(m, "XIII", &ms);
}

#[test]
fn s1_same_document_two_dates_both_kept() {
    let text = "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. \
Sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2021 của Bộ Chính trị.";
    let ms = run(text);
    let all: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("05-CT/TW"))
        .collect();
    assert_eq!(all.len(), 2, "{}", dump(&ms));
    assert_eq!(iso(all[0]).as_deref(), Some("2016-05-15"));
    assert_eq!(iso(all[1]).as_deref(), Some("2021-05-15"));
}

// ---------------------------------------------------------------------------------------------
// SPEC §2: what real text looks like

#[test]
fn s2_nfc_and_nfd_agree() {
    let nfc_text = nfc(RES25);
    let nfd_text = nfd(RES25);
    assert_ne!(nfc_text, nfd_text);
    check_res25(&nfc_text);
    check_res25(&nfd_text);
}

#[test]
fn s2_nfd_state_and_body() {
    let text = nfd("Căn cứ Quyết định số 1619/QĐ-TTg ngày 14/9/2020 của Thủ tướng Chính phủ;");
    let ms = run(&text);
    let m = one(&text, &ms, "1619/QĐ-TTg");
    assert_date(m, "2020-09-14", &ms);
    assert_body(m, "Thủ tướng Chính phủ", &ms);
    assert_rel(m, "based_on", &ms);
}

#[test]
fn s2_old_and_new_tone_placement() {
    for (body, term) in [("Tỉnh uỷ", "khoá"), ("Tỉnh ủy", "khóa")] {
        let text = format!(
            "Thực hiện Kết luận số 14-KL/TU ngày 20/02/2023 của Ban Thường vụ {body} ({term} XIX) về công tác cán bộ."
        );
        let ms = run(&text);
        let m = one(&text, &ms, "14-KL/TU");
        assert_date(m, "2023-02-20", &ms);
        assert_body(m, &format!("Ban Thường vụ {body}"), &ms);
        assert_term(m, "XIX", &ms);
    }
    let text = "Thực hiện Nghị quyết số 05-NQ/HU của Huyện uỷ (khoá XXIII) về hoà giải ở cơ sở.";
    let ms = run(text);
    let m = one(text, &ms, "05-NQ/HU");
    assert_term(m, "XXIII", &ms);
}

#[test]
fn s2_eth_for_d_with_stroke() {
    let text = "Thực hiện Nghị quyết số 08-NQ/ÐUK ngày 08/5/2023 của Ban Chấp hành Ðảng bộ Khối về công tác dân vận.";
    let ms = run(text);
    let m = one(text, &ms, "08-NQ/ĐUK");
    assert_eq!(m.issuer_code.as_deref(), Some("ĐUK"));
    assert_date(m, "2023-05-08", &ms);
    let text = "Căn cứ Nghị định số 04/2015/NÐ-CP ngày 09/01/2015 của Chính phủ;";
    let ms = run(text);
    let m = one(text, &ms, "04/2015/NĐ-CP");
    assert_eq!(m.type_code.as_deref(), Some("NĐ"));
}

#[test]
fn s2_dash_variants_in_symbols() {
    for dash in ['–', '—', '‐'] {
        let text = format!(
            "Thực hiện Nghị quyết số 25{dash}NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)."
        );
        let ms = run(&text);
        let m = one(&text, &ms, "25-NQ/TW");
        assert_date(m, "2013-06-03", &ms);
        assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
        let text = format!("Căn cứ Nghị định số 04/2015/NĐ{dash}CP ngày 09/01/2015 của Chính phủ;");
        let ms = run(&text);
        let m = one(&text, &ms, "04/2015/NĐ-CP");
        assert_date(m, "2015-01-09", &ms);
    }
}

#[test]
fn s2_dash_variants_in_dates() {
    for dash in ['-', '–', '—', '‐'] {
        let text =
            format!("Thực hiện Chỉ thị số 05-CT/TW ngày 15{dash}5{dash}2016 của Bộ Chính trị.");
        let ms = run(&text);
        let m = one(&text, &ms, "05-CT/TW");
        assert_date(m, "2016-05-15", &ms);
        assert_body(m, "Bộ Chính trị", &ms);
    }
}

#[test]
fn s2_spaces_inside_symbols() {
    let text = "Ban Thường vụ đã lãnh đạo triển khai Nghị quyết Số 08 - NQ/ĐUK ngày 08/5/2023 của Ban Chấp hành Đảng bộ Khối.";
    let ms = run(text);
    let m = one(text, &ms, "08-NQ/ĐUK");
    assert_date(m, "2023-05-08", &ms);
    assert_type(m, "Nghị quyết", "NQ", &ms);

    let text = "Thực hiện Nghị quyết số 25 - NQ / TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_term(m, "XI", &ms);

    let text = "Căn cứ Quyết định số 1619 / QĐ - TTg ngày 14/9/2020 của Thủ tướng Chính phủ;";
    let ms = run(text);
    let m = one(text, &ms, "1619/QĐ-TTg");
    assert_date(m, "2020-09-14", &ms);
}

#[test]
fn s2_single_hard_line_break() {
    let text = "Thực hiện Nghị quyết số\n25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương\nĐảng (khóa XI) về công tác dân vận.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_type(m, "Nghị quyết", "NQ", &ms);
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XI", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s2_line_break_between_date_and_body() {
    let text = "Thực hiện Chỉ thị số 05-CT/TW ngày\n15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.";
    let ms = run(text);
    let m = one(text, &ms, "05-CT/TW");
    assert_date(m, "2016-05-15", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
}

#[test]
fn s2_blank_line_wrap() {
    let text = "Thực hiện Kế hoạch số 479-KH/TU ngày 05/5/2025 của Ban Thường vu\n\nTỉnh ủy Ninh Bình về tổ chức đại hội đảng bộ các cấp.";
    let ms = run(text);
    let m = one(text, &ms, "479-KH/TU");
    assert_date(m, "2025-05-05", &ms);
    let body = m.body.as_deref().map(nfc).unwrap_or_default();
    assert!(
        body.starts_with("Ban Thường v") && body.ends_with("Tỉnh ủy Ninh Bình"),
        "body {body:?}:\n{}",
        dump(&ms)
    );
    assert_rel(m, "implements", &ms);
}

#[test]
fn s2_blank_line_wrap_spelled_right() {
    let text = "Thực hiện Kế hoạch số 479-KH/TU ngày 05/5/2025 của Ban Thường vụ\n\nTỉnh ủy Ninh Bình về tổ chức đại hội đảng bộ các cấp.";
    let ms = run(text);
    let m = one(text, &ms, "479-KH/TU");
    assert_date(m, "2025-05-05", &ms);
    assert_body(m, "Ban Thường vụ Tỉnh ủy Ninh Bình", &ms);
}

#[test]
fn s2_blank_line_wrap_inside_date() {
    let text =
        "Thực hiện Kế hoạch số 479-KH/TU ngày\n\n05/5/2025 của Ban Thường vụ Tỉnh ủy Ninh Bình.";
    let ms = run(text);
    let m = one(text, &ms, "479-KH/TU");
    assert_date(m, "2025-05-05", &ms);
}

#[test]
fn s2_date_forms() {
    let cases = [
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Bộ Chính trị.",
            "25-NQ/TW",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Bộ Chính trị.",
            "25-NQ/TW",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 08-NQ/ĐUK ngày 08 tháng 5 năm 2023 của Ban Chấp hành Đảng bộ Khối.",
            "08-NQ/ĐUK",
            "2023-05-08",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03-6-2013 của Bộ Chính trị.",
            "25-NQ/TW",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW (03-6-2013) của Bộ Chính trị.",
            "25-NQ/TW",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03.6.2013 của Bộ Chính trị.",
            "25-NQ/TW",
            "2013-06-03",
        ),
        (
            "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/8/2019 của Thủ tướng Chính phủ.",
            "33/CT-TTg",
            "2019-08-20",
        ),
    ];
    for (text, sym, date) in cases {
        let ms = run(text);
        let m = one(text, &ms, sym);
        assert_date(m, date, &ms);
        assert!(m.body.is_some(), "no body in {text:?}:\n{}", dump(&ms));
    }
}

#[test]
fn s2_date_split_across_lines() {
    let text = "Thực hiện Kế hoạch số 12-KH/TU ngày 19\ntháng 11 năm 2025 của Ban Thường vụ Tỉnh ủy về tổng kết công tác năm.";
    let ms = run(text);
    let m = one(text, &ms, "12-KH/TU");
    assert_date(m, "2025-11-19", &ms);
    assert_body(m, "Ban Thường vụ Tỉnh ủy", &ms);
}

#[test]
fn s2_markdown_bold() {
    let text = "Thực hiện **Nghị quyết số 25-NQ/TW** ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_type(m, "Nghị quyết", "NQ", &ms);
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XI", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s2_markdown_italic() {
    let text = "Quán triệt *Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị* đến đảng viên.";
    let ms = run(text);
    let m = one(text, &ms, "05-CT/TW");
    assert_date(m, "2016-05-15", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
    assert_rel(m, "disseminates", &ms);
}

#[test]
fn s2_footnote_marker_after_date() {
    let text = "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021<sup>1</sup> của Bộ Chính trị, Đảng ủy đã ban hành kế hoạch.";
    let ms = run(text);
    let m = one(text, &ms, "01-KL/TW");
    assert_date(m, "2021-05-18", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
    let text =
        "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021<sup>12</sup>, Đảng ủy đã ban hành kế hoạch.";
    let ms = run(text);
    let m = one(text, &ms, "01-KL/TW");
    assert_date(m, "2021-05-18", &ms);
}

#[test]
fn s2_html_tags_and_entities() {
    let text = "Thực hiện <b>Nghị quyết số 25-NQ/TW</b> ngày 03/6/2013<br>của Ban Chấp hành Trung ương Đảng (khóa XI).";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_type(m, "Nghị quyết", "NQ", &ms);
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);

    let text = "Thực hiện Nghị quyết số&nbsp;25-NQ/TW&nbsp;ngày 03/6/2013&nbsp;của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_type(m, "Nghị quyết", "NQ", &ms);
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
}

#[test]
fn s2_unaccented_text() {
    let text = "Kinh gui cac dong chi. Thuc hien Nghi quyet so 57-NQ/TW ngay 22/12/2024 cua Bo Chinh tri ve dot pha phat trien khoa hoc, cong nghe.";
    let ms = run(text);
    let m = one(text, &ms, "57-NQ/TW");
    assert_date(m, "2024-12-22", &ms);
    assert_eq!(m.type_code.as_deref(), Some("NQ"));
}

#[test]
fn s2_cyrillic_lookalike() {
    // U+0420 CYRILLIC CAPITAL LETTER ER for "P"
    let text = "Căn cứ Nghị định số 04/2015/NĐ-C\u{0420} ngày 09/01/2015 của Chính phủ;";
    let ms = run(text);
    let m = one(text, &ms, "04/2015/NĐ-CP");
    assert_date(m, "2015-01-09", &ms);
    assert_eq!(m.issuer_code.as_deref(), Some("CP"));
}

#[test]
fn s2_utf16_with_bom() {
    let src = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).";
    let mut bytes = vec![0xFF, 0xFE];
    for u in src.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let d = decode(&bytes);
    assert_eq!(d.text, src);
    let ms = run(&d.text);
    let m = one(&d.text, &ms, "25-NQ/TW");
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
}

const LEGACY: &str =
    "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.";

fn check_legacy(bytes: &[u8], what: &str) {
    let d = decode(bytes);
    assert_eq!(
        nfc(&d.text),
        LEGACY,
        "{what} not decoded (got encoding {:?})",
        d.encoding
    );
    let ms = run(&d.text);
    let m = one(&d.text, &ms, "25-NQ/TW");
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
}

fn latin1_bytes(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1 char"))
        .collect()
}

#[test]
fn s2_windows_1258() {
    // encode with encoding_rs's own Windows-1258 table: base letters with their vowel marks
    // precomposed, tone marks as combining characters
    let enc = encoding_rs::WINDOWS_1258;
    let mut table = std::collections::HashMap::new();
    for b in 0u8..=255 {
        let one_byte = [b];
        let (s, _, _) = enc.decode(&one_byte);
        if let Some(c) = s.chars().next() {
            table.entry(c).or_insert(b);
        }
    }
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut bytes = vec![];
    for c in LEGACY.chars() {
        if let Some(&b) = table.get(&c) {
            bytes.push(b);
            continue;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        let base: String = parts.iter().filter(|p| !tones.contains(p)).collect();
        let base: String = base.nfc().collect();
        for p in base
            .chars()
            .chain(parts.iter().copied().filter(|p| tones.contains(p)))
        {
            bytes.push(
                *table
                    .get(&p)
                    .unwrap_or_else(|| panic!("no cp1258 byte for {p:?}")),
            );
        }
    }
    let (back, _, _) = enc.decode(&bytes);
    assert_eq!(nfc(&back), LEGACY, "test encoder is wrong");
    check_legacy(&bytes, "Windows-1258");
}

#[test]
fn s2_tcvn3() {
    let tcvn3 =
        "Thùc hiÖn NghÞ quyÕt sè 25-NQ/TW ngµy 03/6/2013 cña Ban ChÊp hµnh Trung \u{AD}¬ng §¶ng.";
    check_legacy(&latin1_bytes(tcvn3), "TCVN3");
}

#[test]
fn s2_vni() {
    let vni = "Thöïc hieän Nghò quyeát soá 25-NQ/TW ngaøy 03/6/2013 cuûa Ban Chaáp haønh Trung öông Ñaûng.";
    check_legacy(&latin1_bytes(vni), "VNI");
}

// ---------------------------------------------------------------------------------------------
// things that are not citations

#[test]
fn not_member_count() {
    assert_none("Toàn Đảng bộ hiện có 5.120 đảng viên, sinh hoạt tại 86 chi bộ trực thuộc.");
}

#[test]
fn not_bare_date() {
    assert_none("Tính đến 03/6/2013, đã có 45 chi bộ hoàn thành việc kiểm điểm.");
}

#[test]
fn not_quarter() {
    assert_none("Trong quý III/2025, Đảng ủy tập trung lãnh đạo hoàn thành các chỉ tiêu.");
}

#[test]
fn not_ratio() {
    assert_none(
        "Có 1/3 số chi bộ đạt hoàn thành xuất sắc nhiệm vụ; 2/3 số còn lại hoàn thành tốt.",
    );
}

#[test]
fn not_phone_numbers() {
    assert_none("Điện thoại: 0232.3822.555; Fax: 0232-3822555.");
}

#[test]
fn not_year_ranges() {
    assert_none("Nhiệm kỳ 2021-2025, Đảng bộ đã lãnh đạo hoàn thành 18/20 chỉ tiêu.");
    assert_none("Trong giai đoạn 2021 - 2025, kinh tế tăng trưởng bình quân 6,5%.");
    assert_none("Trong giai đoạn 2021 – 2025, kinh tế tăng trưởng bình quân 6,5%.");
}

#[test]
fn not_article_clause() {
    assert_none("Việc kỷ luật thực hiện theo Điều 5, khoản 2 của Điều lệ về thi hành kỷ luật.");
}

#[test]
fn not_form_number() {
    assert_none("Đảng viên kê khai theo mẫu số 01-ĐĐN-CT kèm theo hướng dẫn này.");
}

#[test]
fn not_bare_unit_code_without_cong_van() {
    assert_none("Tỷ lệ hồ sơ đạt 1234/UBND-VX được tính theo tháng.");
}

// ---------------------------------------------------------------------------------------------
// relations (SPEC §4, exercised through the sentences of §1 and §2)

#[test]
fn rel_implements() {
    let text = "Thực hiện Kế hoạch số 479-KH/TU ngày 05/5/2025 của Ban Thường vụ Tỉnh ủy, Đảng ủy Khối xây dựng kế hoạch.";
    let ms = run(text);
    assert_rel(one(text, &ms, "479-KH/TU"), "implements", &ms);
}

#[test]
fn rel_based_on() {
    let text = "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ;\nCăn cứ Quyết định số 1619/QĐ-TTg ngày 14/9/2020 của Thủ tướng Chính phủ;";
    let ms = run(text);
    assert_rel(one(text, &ms, "04/2015/NĐ-CP"), "based_on", &ms);
    assert_rel(one(text, &ms, "1619/QĐ-TTg"), "based_on", &ms);
}

#[test]
fn rel_copies() {
    let text = "Ban Thường vụ Đảng ủy Khối đã ban hành Sao lục số 215-SL/ĐUK ngày 23/5/2024 sao lục Quy định 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới.";
    let ms = run(text);
    let sl = one(text, &ms, "215-SL/ĐUK");
    assert_date(sl, "2024-05-23", &ms);
    let m = one(text, &ms, "144-QĐ/TW");
    assert_rel(m, "copies", &ms);
    assert_date(m, "2024-05-09", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
    let si = ms
        .iter()
        .position(|x| x.symbol.as_deref() == Some("215-SL/ĐUK"))
        .unwrap();
    assert_eq!(m.source_mention, Some(si), "{}", dump(&ms));
}

#[test]
fn rel_continues() {
    let text = "Các cấp ủy tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.";
    let ms = run(text);
    assert_rel(one(text, &ms, "05-CT/TW"), "continues", &ms);
}

#[test]
fn rel_repeals() {
    let text = "Ủy ban nhân dân tỉnh quyết định bãi bỏ Quyết định số 28/2019/QĐ-UBND ngày 20/8/2019 của Ủy ban nhân dân tỉnh.";
    let ms = run(text);
    let m = one(text, &ms, "28/2019/QĐ-UBND");
    assert_rel(m, "repeals", &ms);
    assert_date(m, "2019-08-20", &ms);
}

#[test]
fn rel_amends_and_replaces() {
    let text = "Quyết định này sửa đổi, bổ sung Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của Ủy ban nhân dân tỉnh.";
    let ms = run(text);
    assert_rel(one(text, &ms, "12/2020/QĐ-UBND"), "amends", &ms);
    let text =
        "Quy chế này thay thế Quy chế số 03-QC/TU ngày 10/01/2016 của Ban Thường vụ Tỉnh ủy.";
    let ms = run(text);
    assert_rel(one(text, &ms, "03-QC/TU"), "replaces", &ms);
}

#[test]
fn rel_guides() {
    let text = "Ban Tuyên giáo Tỉnh ủy hướng dẫn thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị.";
    let ms = run(text);
    assert_rel(one(text, &ms, "144-QĐ/TW"), "guides", &ms);
}

#[test]
fn rel_mentions_by_default() {
    let text = "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng đã đi vào cuộc sống.";
    let ms = run(text);
    assert_rel(one(text, &ms, "25-NQ/TW"), "mentions", &ms);
}

#[test]
fn rel_nested_plan_implements_resolution() {
    let text = "Đảng ủy Khối ban hành Kế hoạch số 111-KH/ĐUK ngày 03/6/2024 thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng (khóa XIII).";
    let ms = run(text);
    let plan = one(text, &ms, "111-KH/ĐUK");
    assert_date(plan, "2024-06-03", &ms);
    let m = one(text, &ms, "43-NQ/TW");
    assert_rel(m, "implements", &ms);
    assert_date(m, "2023-11-24", &ms);
    assert_term(m, "XIII", &ms);
    let pi = ms
        .iter()
        .position(|x| x.symbol.as_deref() == Some("111-KH/ĐUK"))
        .unwrap();
    assert_eq!(m.source_mention, Some(pi), "{}", dump(&ms));
}

// ---------------------------------------------------------------------------------------------
// more shapes of §1 and §2

#[test]
fn s2_blank_line_wrap_after_date() {
    let text = "Thực hiện Kế hoạch số 479-KH/TU ngày 05/5/2025\n\ncủa Ban Thường vụ Tỉnh ủy Ninh Bình về tổ chức đại hội.";
    let ms = run(text);
    let m = one(text, &ms, "479-KH/TU");
    assert_date(m, "2025-05-05", &ms);
    assert_body(m, "Ban Thường vụ Tỉnh ủy Ninh Bình", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s2_blank_line_wrap_after_symbol() {
    let text = "Thực hiện Nghị quyết số 25-NQ/TW\n\nngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XI", &ms);
}

#[test]
fn s2_blank_line_wrap_before_symbol() {
    let text = "Ban Thường vụ Đảng ủy Khối tổ chức quán triệt\n\nNghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_rel(m, "disseminates", &ms);
}

#[test]
fn s2_blank_line_wrap_before_term() {
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng\n\n(khóa XI) về công tác dân vận.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_term(m, "XI", &ms);
}

#[test]
fn s2_crlf_line_breaks() {
    let text = "Thực hiện Nghị quyết số\r\n25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương\r\n\r\nĐảng (khóa XI) về công tác dân vận.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_term(m, "XI", &ms);
    assert_eq!(m.line, 1);
}

#[test]
fn s2_line_number() {
    let text =
        "Dòng một.\nDòng hai.\nThực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_eq!(m.line, 3);
}

#[test]
fn s2_nbsp_and_zero_width() {
    let text = "Thực hiện Nghị quyết số\u{a0}25-NQ/TW\u{a0}ngày\u{a0}03/6/2013 của Ban\u{a0}Chấp hành Trung ương Đảng.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_type(m, "Nghị quyết", "NQ", &ms);
    let text = "Thực hiện Nghị quyết số 25\u{200b}-NQ/TW ngày 03/6/2013 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Bộ\u{202f}Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
}

#[test]
fn s2_numeric_html_entity_dash() {
    let text = "Thực hiện Nghị quyết số 25&#8211;NQ/TW ngày 03/6/2013 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
}

#[test]
fn s2_numeric_html_entities_in_words() {
    let text = "Th&#7921;c hi&#7879;n Ngh&#7883; quy&#7871;t s&#7889; 25-NQ/TW ng&#224;y 03/6/2013 c&#7911;a B&#7897; Ch&#237;nh tr&#7883;.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_eq!(m.type_code.as_deref(), Some("NQ"));
    assert_rel(m, "implements", &ms);
    assert!(m.body.is_some(), "{}", dump(&ms));
}

#[test]
fn s2_footnote_markers_more() {
    let text = "Thực hiện Nghị quyết số 25-NQ/TW<sup>2</sup> ngày 03/6/2013 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013[^3] của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013¹ của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_body(m, "Bộ Chính trị", &ms);
}

#[test]
fn s2_markdown_table_and_list() {
    let text = "| STT | Văn bản | Ngày |\n|---|---|---|\n| 1 | Nghị quyết số 25-NQ/TW | 03/6/2013 |\n| 2 | Chỉ thị số 05-CT/TW | 15/5/2016 |\n";
    let ms = run(text);
    one(text, &ms, "25-NQ/TW");
    one(text, &ms, "05-CT/TW");
    let text = "- Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Bộ Chính trị;\n- Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.";
    let ms = run(text);
    assert_date(one(text, &ms, "25-NQ/TW"), "2013-06-03", &ms);
    assert_date(one(text, &ms, "05-CT/TW"), "2016-05-15", &ms);
}

#[test]
fn s2_markdown_link() {
    let text = "Xem [Nghị quyết số 25-NQ/TW](https://example.vn/nq25.pdf) ngày 03/6/2013 của Bộ Chính trị.";
    let ms = run(text);
    one(text, &ms, "25-NQ/TW");
}

#[test]
fn s2_uppercase_heading() {
    let text = "BÁO CÁO SƠ KẾT 10 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 25-NQ/TW NGÀY 03/6/2013 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG (KHÓA XI)";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ms);
    assert_term(m, "XI", &ms);
    // a heading in capitals is cited in the usual spelling
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
    assert_eq!(m.type_name.as_deref(), Some("Nghị quyết"));
    assert_eq!(m.type_code.as_deref(), Some("NQ"));
}

#[test]
fn s1_bodies() {
    let cases = [
        (
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Bí thư Trung ương Đảng về",
            "Ban Bí thư Trung ương Đảng",
        ),
        (
            "Kế hoạch số 310/KH-UBND ngày 21/8/2024 của UBND tỉnh Đồng Tháp về",
            "UBND tỉnh Đồng Tháp",
        ),
        (
            "Quyết định số 28/2019/QĐ-UBND ngày 20/8/2019 của Ủy ban nhân dân tỉnh Quảng Bình về",
            "Ủy ban nhân dân tỉnh Quảng Bình",
        ),
        (
            "Nghị quyết số 12/2024/NQ-HĐND ngày 10/7/2024 của Hội đồng nhân dân tỉnh về",
            "Hội đồng nhân dân tỉnh",
        ),
        (
            "Thông tư số 01/2024/TT-BNV ngày 12/3/2024 của Bộ Nội vụ về",
            "Bộ Nội vụ",
        ),
        (
            "Kết luận số 14-KL/TU ngày 20/02/2023 của Tỉnh ủy về",
            "Tỉnh ủy",
        ),
        (
            "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương về",
            "Ban Chấp hành Trung ương",
        ),
        (
            "Kế hoạch số 96-KH/ĐUK ngày 02/3/2022 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh về",
            "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
        ),
        (
            "Nghị quyết số 59/2020/QH14 ngày 17/6/2020 của Quốc hội về",
            "Quốc hội",
        ),
    ];
    let mut bad = vec![];
    for (text, body) in cases {
        let ms = run(text);
        let got = ms.first().and_then(|m| m.body.clone());
        if got.as_deref() != Some(body) {
            bad.push(format!(
                "{text:?}: want {body:?}, got {got:?}\n{}",
                dump(&ms)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s1_list_different_kinds_do_not_share_date() {
    let text =
        "Thực hiện Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.";
    let ms = run(text);
    let a = one(text, &ms, "05-CT/TW");
    let b = one(text, &ms, "01-KL/TW");
    assert_date(b, "2021-05-18", &ms);
    assert_eq!(iso(a), None, "{}", dump(&ms));
    assert_body(a, "Bộ Chính trị", &ms);
    assert_rel(a, "implements", &ms);
    assert_rel(b, "implements", &ms);
}

#[test]
fn s1_list_members_cited_by_a_part() {
    // devset 33: each member named by a part of it; the cue governs both
    let text = "Thực hiện theo Mục III Kế hoạch\nsố 13-KH/TU và Mục II Hướng dẫn số 01-HD/BTCTU.";
    let ms = run(text);
    assert_rel(one(text, &ms, "13-KH/TU"), "implements", &ms);
    assert_rel(one(text, &ms, "01-HD/BTCTU"), "implements", &ms);
    let text =
        "Căn cứ khoản 2 Điều 5 Nghị định số 04/2015/NĐ-CP, Điều 3 của Thông tư số 01/2016/TT-BNV.";
    let ms = run(text);
    assert_rel(one(text, &ms, "04/2015/NĐ-CP"), "based_on", &ms);
    assert_rel(one(text, &ms, "01/2016/TT-BNV"), "based_on", &ms);
}

#[test]
fn s1_semicolon_list_item_opened_by_its_own_words() {
    // devset 25: "; Các Công điện: số …" stands on what "Căn cứ" opened
    let text = "Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về ứng phó lũ; Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND ngày 19/11/2025 của UBND tỉnh.";
    let ms = run(text);
    for s in ["223/CĐ-TTg", "007/CĐ-UBND", "008/CĐ-UBND"] {
        assert_rel(one(text, &ms, s), "based_on", &ms);
    }
}

#[test]
fn s1_list_body_written_once_after_its_members() {
    // devset 25: "của UBND tỉnh" after the last of four công điện issues all four; a member after
    // "; số" without its type goes on the list
    let text = "Căn cứ Công điện số\n223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về tập trung ứng phó lũ đặc\nbiệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai; Các Công điện: số 007/CĐ-UBND ngày\n17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND\nngày 20/11/2025 của UBND tỉnh về khẩn trương tập trung ứng phó.";
    let ms = run(text);
    assert_body(one(text, &ms, "223/CĐ-TTg"), "Thủ tướng Chính phủ", &ms);
    for (s, d) in [
        ("007/CĐ-UBND", "2025-11-17"),
        ("008/CĐ-UBND", "2025-11-19"),
        ("009/CĐ-UBND", "2025-11-19"),
        ("010/CĐ-UBND", "2025-11-20"),
    ] {
        let m = one(text, &ms, s);
        assert_body(m, "UBND tỉnh", &ms);
        assert_date(m, d, &ms);
        assert_type(m, "Công điện", "CĐ", &ms);
        assert_rel(m, "based_on", &ms);
    }
    // a member with its own type after "; " is another item, whose body is its own
    let text = "Căn cứ Nghị định số 98/2021/NĐ-CP ngày 08/11/2021; Quyết định số 02110/QĐ-UBND ngày 20/11/2025 của UBND tỉnh Đắk Lắk.";
    let ms = run(text);
    assert_eq!(one(text, &ms, "98/2021/NĐ-CP").body, None, "{}", dump(&ms));
}

#[test]
fn s1_bodies_joined_before_a_va_that_goes_on_to_other_things() {
    // devset 06: "và các quy định liên quan" is not a third body, and does not cut the second off
    let text = "**Lưu ý: **Căn cứ Quy định\n377 của Bộ Chính trị, các Kết luận số 187, 188- KL/TW ngày 29/8/2025 của Bộ\nChính trị, Ban Bí thư và các quy định liên quan; đồng thời, trên cơ sở nguồn nhân sự.";
    let ms = run(text);
    for s in ["187-KL/TW", "188-KL/TW"] {
        let m = one(text, &ms, s);
        assert_body(m, "Bộ Chính trị, Ban Bí thư", &ms);
        assert_date(m, "2025-08-29", &ms);
        assert_rel(m, "based_on", &ms);
    }
    // a body after "và" is still one of them
    let text = "Căn cứ Kết luận số 188-KL/TW ngày 29/8/2025 của Bộ Chính trị, Ban Bí thư và Ban Tổ chức Trung ương.";
    let ms = run(text);
    assert_body(
        one(text, &ms, "188-KL/TW"),
        "Bộ Chính trị, Ban Bí thư và Ban Tổ chức Trung ương",
        &ms,
    );
}

#[test]
fn s4_a_guidance_guides_what_its_title_names() {
    // devset 06: the type heading "HƯỚNG DẪN" is the predicate of the title under it
    let text = "Số 45-HD/BTCTW\n\n**HƯỚNG DẪN**\n\nMỘT SỐ NỘI DUNG QUY ĐỊNH SỐ 377-QĐ/TW NGÀY\n08/10/2025 CỦA BỘ CHÍNH TRỊ VỀ PHÂN CẤP QUẢN LÝ CÁN BỘ\n\n**-----**\n\nBan Tổ chức Trung ương nêu tại Quy định số 368-QĐ/TW ngày 08/9/2025 như sau.";
    let ms = run(text);
    let m = one(text, &ms, "377-QĐ/TW");
    assert_rel(m, "guides", &ms);
    assert_date(m, "2025-10-08", &ms);
    // under another heading, or further into the text, it does not
    assert_rel(one(text, &ms, "368-QĐ/TW"), "mentions", &ms);
    let text = "**BÁO CÁO**\n\nMỘT SỐ NỘI DUNG QUY ĐỊNH SỐ 377-QĐ/TW NGÀY 08/10/2025";
    let ms = run(text);
    assert_rel(one(text, &ms, "377-QĐ/TW"), "mentions", &ms);
}

#[test]
fn s4_a_citation_joined_by_va_is_governed_by_the_cue_of_the_one_before() {
    // devset 29: "Thực hiện ý kiến … tại Văn bản số 9151 … về triển khai … và Văn bản số 9671 …"
    let text = "Thực hiện ý kiến của Ban Tổ chức\nTrung ương tại Văn bản số 9151- CV/BTCTW ngày 29/7/2025 về triển khai các kết\nluận của Bộ Chính trị, Ban Bí thư và Văn bản số 9671-CV/BTCTW ngày 17/9/2025 về\nhoàn thiện vị trí việc làm.";
    let ms = run(text);
    assert_rel(one(text, &ms, "9151-CV/BTCTW"), "implements", &ms);
    assert_rel(one(text, &ms, "9671-CV/BTCTW"), "implements", &ms);
    // devset 27: "theo quy định tại Điều 19 Luật … và quy định tại Điều 21 Nghị định …"
    let text = "Cá nhân tham gia tổ chuyên gia theo quy định tại Điều 19 Luật Đấu thầu số 22/2023/QH15 và quy định tại Điều 21 Nghị định 214/2025/NĐ-CP ngày 04 tháng 8 năm 2025 của Chính phủ;";
    let ms = run(text);
    assert_rel(one(text, &ms, "214/2025/NĐ-CP"), "based_on", &ms);
    // in parentheses it is said of something else; after a clause break it is on its own
    let text = "Thống nhất với Báo cáo triển khai thực hiện Nghị quyết số 18-NQ/TW do Ban Tổ chức Trung ương và Đảng uỷ Chính phủ trình (Báo cáo số 386-BC/BTCTW, ngày 14/5/2025). Đồng ý với Ban Tổ chức Trung ương và Tờ trình số 12-TTr/ĐU.";
    let ms = run(text);
    assert_rel(one(text, &ms, "18-NQ/TW"), "implements", &ms);
    assert_rel(one(text, &ms, "386-BC/BTCTW"), "mentions", &ms);
    assert_rel(one(text, &ms, "12-TTr/ĐU"), "mentions", &ms);
}

#[test]
fn s2_gazette_page_break_inside_a_sentence() {
    // devset 42 (a Công báo PDF as text): the running head and page number of the next page stand
    // between "hội nhập quốc" and "tế"; the sentence, its title and its cue go on across them
    let text = "- Góp phần thực hiện chủ trương, đường lối của Đảng, các nhiệm vụ, giải pháp trọng tâm của Nghị quyết \r\nsố 59-NQ/TW ngày 24 tháng 01 năm 2025 của Bộ Chính trị về hội nhập quốc \r\n\r\nCÔNG BÁO/Số 302/Ngày 02-06-2026 \r\n46\r\n \r\n \r\ntế trong tình hình mới và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW ngày \r\n19 tháng 5 năm 2018 của Trung ương khóa XII về xây dựng đội ngũ cán bộ các \r\ncấp. \r\n";
    let ms = run(text);
    let a = one(text, &ms, "59-NQ/TW");
    assert_eq!(
        a.title.as_deref().map(nfc).as_deref(),
        Some("hội nhập quốc tế trong tình hình mới"),
        "{}",
        dump(&ms)
    );
    assert_rel(a, "implements", &ms);
    let b = one(text, &ms, "26-NQ/TW");
    assert_rel(b, "implements", &ms);
    assert_date(b, "2018-05-19", &ms);
    assert_term(b, "XII", &ms);
    assert!(
        ms.iter().all(|m| !m.text.contains("CÔNG BÁO")),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_list_second_without_type() {
    let text = "Thực hiện Nghị quyết số 18-NQ/TW và 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng (khóa XII).";
    let ms = run(text);
    let a = one(text, &ms, "18-NQ/TW");
    let b = one(text, &ms, "19-NQ/TW");
    for m in [a, b] {
        assert_type(m, "Nghị quyết", "NQ", &ms);
        assert_date(m, "2017-10-25", &ms);
        assert_term(m, "XII", &ms);
        assert_rel(m, "implements", &ms);
    }
}

#[test]
fn s1_list_three_numbers() {
    let text = "Quán triệt các Nghị quyết số 18, 19, 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng (khóa XII).";
    let ms = run(text);
    for s in ["18-NQ/TW", "19-NQ/TW", "20-NQ/TW"] {
        let m = one(text, &ms, s);
        assert_date(m, "2017-10-25", &ms);
        assert_rel(m, "disseminates", &ms);
    }
}

#[test]
fn s1_list_numbers_with_va() {
    let text = "Thực hiện các Nghị quyết số 18 và 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng.";
    let ms = run(text);
    for s in ["18-NQ/TW", "19-NQ/TW"] {
        let m = one(text, &ms, s);
        assert_date(m, "2017-10-25", &ms);
    }
}

#[test]
fn s1_own_header_symbol_variants() {
    let heads = [
        "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố: 08-NQ/ĐUK\n",
        "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\n**Số 08 – NQ/ÐUK**\n",
        "| ĐẢNG BỘ TỈNH QUẢNG BÌNH | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| Số 08 - NQ/ĐUK | Quảng Bình, ngày 08 tháng 5 năm 2023 |\n",
        "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 08 - NQ/ĐUK                 Quảng Bình, ngày 08 tháng 5 năm 2023\n",
    ];
    let body = "\nNGHỊ QUYẾT\nvề công tác dân vận\n\nThực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI), Ban Chấp hành Đảng bộ Khối quyết nghị:\n";
    let mut bad = vec![];
    for h in heads {
        for text in [format!("{h}{body}"), nfd(&format!("{h}{body}"))] {
            let ex = extract(&text);
            let own = ex
                .mentions
                .iter()
                .any(|m| m.symbol.as_deref() == Some("08-NQ/ĐUK"));
            let cited = ex
                .mentions
                .iter()
                .any(|m| m.symbol.as_deref() == Some("25-NQ/TW"));
            if ex.header.symbol.as_deref() != Some("08-NQ/ĐUK") || own || !cited {
                bad.push(format!(
                    "{text:?}: header {:?}\n{}",
                    ex.header.symbol,
                    dump(&ex.mentions)
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s2_wrap_to_line_start_so_near_top() {
    let text = "Thực hiện Nghị quyết\nSố 08 - NQ/ĐUK ngày 08/5/2023 của Ban Chấp hành Đảng bộ Khối về công tác dân vận, các chi bộ đã xây dựng kế hoạch.";
    let ex = extract(text);
    assert_eq!(ex.header.symbol, None, "{}", dump(&ex.mentions));
    let m = one(text, &ex.mentions, "08-NQ/ĐUK");
    assert_date(m, "2023-05-08", &ex.mentions);
}

#[test]
fn s1_named_variants() {
    let cases: [(&str, &str, usize); 6] = [
        (
            "Tiếp tục thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.",
            "Trung ương 4",
            1,
        ),
        (
            "Thực hiện Nghị quyết Hội nghị Trung ương 6 (khoá XII) về sắp xếp bộ máy.",
            "Trung ương 6",
            1,
        ),
        (
            "Quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII đến đảng viên.",
            "Đại hội",
            1,
        ),
        ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Điều lệ Đảng", 1),
        (
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
            "Hiến pháp",
            1,
        ),
        (
            "Tuyên truyền Luật Đất đai năm 2024 đến Nhân dân.",
            "Đất đai",
            1,
        ),
    ];
    let mut bad = vec![];
    for (text, needle, n) in cases {
        let ms = run(text);
        let found = named(&ms, needle);
        if found.len() != n || ms.len() != n {
            bad.push(format!(
                "{text:?}: want {n} named with {needle:?}\n{}",
                dump(&ms)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s1_law_numbered_not_also_named() {
    let text = "Thi hành Luật Đất đai số 31/2024/QH15 ngày 18/01/2024 của Quốc hội.";
    let ms = run(text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    let m = one(text, &ms, "31/2024/QH15");
    assert_eq!(m.family, Family::Law);
    assert_date(m, "2024-01-18", &ms);
}

#[test]
fn s1_type_names_match_codes_without_warning() {
    let cases = [
        (
            "Thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị.",
            "144-QĐ/TW",
        ),
        (
            "Thực hiện Thông tri số 05-TT/TU ngày 09/5/2024 của Ban Thường vụ Tỉnh ủy.",
            "05-TT/TU",
        ),
        (
            "Căn cứ Thông tư số 01/2024/TT-BNV ngày 12/3/2024 của Bộ Nội vụ;",
            "01/2024/TT-BNV",
        ),
        (
            "Thực hiện Chương trình hành động số 27-CTr/TU ngày 12/01/2021 của Tỉnh ủy.",
            "27-CTr/TU",
        ),
        (
            "Căn cứ Thông tư liên tịch số 03/2016/TTLT-BNV-BTC ngày 12/3/2016 của Bộ Nội vụ;",
            "03/2016/TTLT-BNV-BTC",
        ),
        (
            "Thực hiện Công văn số 120-CV/ĐUK ngày 12/3/2024 của Đảng ủy Khối.",
            "120-CV/ĐUK",
        ),
    ];
    let mut bad = vec![];
    for (text, sym) in cases {
        let ms = run(text);
        let ok = ms
            .iter()
            .any(|m| m.symbol.as_deref() == Some(sym) && m.warnings.is_empty() && m.date.is_some());
        if !ok {
            bad.push(format!(
                "{text:?}: want {sym} without warnings\n{}",
                dump(&ms)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s1_type_name_contradicts_code_other() {
    let text = "Thực hiện Chỉ thị số 05-NQ/TW ngày 15/5/2016 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "05-NQ/TW");
    assert!(!m.warnings.is_empty(), "{}", dump(&ms));
}

#[test]
fn s2_cyrillic_in_type_and_issuer() {
    let text = "Thực hiện Chỉ thị số 05-\u{0421}T/\u{0422}W ngày 15/5/2016 của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "05-CT/TW");
    assert_date(m, "2016-05-15", &ms);
}

#[test]
fn rel_more() {
    let cases = [
        (
            "Ủy ban nhân dân tỉnh huỷ bỏ Quyết định số 28/2019/QĐ-UBND ngày 20/8/2019.",
            "28/2019/QĐ-UBND",
            "repeals",
        ),
        (
            "Ban Thường vụ triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            "57-NQ/TW",
            "implements",
        ),
        (
            "Các chi bộ tổ chức thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            "57-NQ/TW",
            "implements",
        ),
        (
            "Theo Quyết định số 1619/QĐ-TTg ngày 14/9/2020 của Thủ tướng Chính phủ, tỉnh phải hoàn thành.",
            "1619/QĐ-TTg",
            "based_on",
        ),
        (
            "Đảng ủy tuyên truyền Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            "57-NQ/TW",
            "disseminates",
        ),
        (
            "Đảng ủy phổ biến Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            "57-NQ/TW",
            "disseminates",
        ),
        (
            "Quyết định này thay thế Quyết định số 28/2019/QĐ-UBND ngày 20/8/2019 của UBND tỉnh.",
            "28/2019/QĐ-UBND",
            "replaces",
        ),
        (
            "Đảng ủy theo dõi Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
            "57-NQ/TW",
            "mentions",
        ),
        (
            "Đảng ủy đã thực hiện tốt nhiệm vụ năm 2024. Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị là đột phá.",
            "57-NQ/TW",
            "mentions",
        ),
        (
            "Căn cứ Điều lệ Đảng; Căn cứ Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương Đảng về thi hành Điều lệ Đảng;",
            "24-QĐ/TW",
            "based_on",
        ),
        (
            "Thực hiện Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng.",
            "18-NQ/TW",
            "implements",
        ),
    ];
    let mut bad = vec![];
    for (text, sym, rel) in cases {
        let ms = run(text);
        let got: Vec<&str> = ms
            .iter()
            .filter(|m| m.symbol.as_deref() == Some(sym))
            .map(|m| m.relation.as_str())
            .collect();
        if got != [rel] {
            bad.push(format!(
                "{text:?}: want {sym} {rel}, got {got:?}\n{}",
                dump(&ms)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn rel_nested_title_cue() {
    let text = "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.";
    let ms = run(text);
    let a = one(text, &ms, "01-KL/TW");
    let b = one(text, &ms, "05-CT/TW");
    assert_rel(a, "implements", &ms);
    assert_rel(b, "continues", &ms);
    assert_date(b, "2016-05-15", &ms);
}

#[test]
fn not_more() {
    let cases = [
        "Tháng 6/2013, Đảng ủy tổ chức hội nghị sơ kết.",
        "Năm học 2024/2025 có 98% học sinh lên lớp.",
        "Đạt 12/12 chỉ tiêu, trong đó 3/12 chỉ tiêu vượt kế hoạch.",
        "Luật sư Nguyễn Văn An tham gia tư vấn pháp lý cho Nhân dân.",
        "Địa chỉ: Số 12/3 đường Lý Thường Kiệt, phường Đồng Phú.",
        "Tỷ lệ tăng trưởng đạt 6,5% (kế hoạch 6-6,5%).",
        "Sở GD&ĐT; Sở Y tế; Sở Nội vụ phối hợp thực hiện.",
        "Hội nghị lần thứ 18, 19 của Ban Chấp hành được tổ chức vào quý IV/2024.",
        "Lúc 14h30 ngày 05/5/2025, tại Hội trường số 2.",
        "Kết nạp 125 đảng viên mới (đạt 104,2% Nghị quyết đề ra).",
    ];
    let mut bad = vec![];
    for text in cases {
        let ms = run(text);
        if !ms.is_empty() {
            bad.push(format!("{text:?}\n{}", dump(&ms)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s2_date_variants() {
    let cases = [
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03 / 6 / 2013 của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03 tháng 06 năm 2013 của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW, ban hành ngày 03/6/2013 của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013, của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW (ngày 03/6/2013) của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 19\n\ntháng 11 năm 2013 của Bộ Chính trị.",
            "2013-11-19",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW của Bộ Chính trị ngày 03/6/2013.",
            "2013-06-03",
        ),
        (
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03–6–2013 của Bộ Chính trị.",
            "2013-06-03",
        ),
        (
            "Thuc hien Nghi quyet so 25-NQ/TW ngay 03 thang 6 nam 2013 cua Bo Chinh tri.",
            "2013-06-03",
        ),
    ];
    let mut bad = vec![];
    for (text, date) in cases {
        let ms = run(text);
        let got: Vec<Option<String>> = ms
            .iter()
            .filter(|m| m.symbol.as_deref() == Some("25-NQ/TW"))
            .map(iso)
            .collect();
        if got != [Some(date.to_string())] {
            bad.push(format!("{text:?}: want {date}, got {got:?}\n{}", dump(&ms)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s2_spaces_inside_symbols_more() {
    let cases = [
        (
            "Căn cứ Nghị định số 04 / 2015 / NĐ - CP ngày 09/01/2015 của Chính phủ;",
            "04/2015/NĐ-CP",
        ),
        (
            "Căn cứ Nghị định số 04/2015/NĐ - CP ngày 09/01/2015 của Chính phủ;",
            "04/2015/NĐ-CP",
        ),
        (
            "Căn cứ Quyết định số 1619/QĐ–TTg ngày 14/9/2020 của Thủ tướng Chính phủ;",
            "1619/QĐ-TTg",
        ),
        (
            "Thực hiện Hướng dẫn số 02 - HD/BDVTU ngày 15/4/2022 của Ban Dân vận Tỉnh ủy.",
            "02-HD/BDVTU",
        ),
        (
            "Thực hiện Nghị quyết số 08 -NQ/ĐUK ngày 08/5/2023 của Đảng ủy Khối.",
            "08-NQ/ĐUK",
        ),
        (
            "Thực hiện Nghị quyết số 08- NQ/ĐUK ngày 08/5/2023 của Đảng ủy Khối.",
            "08-NQ/ĐUK",
        ),
    ];
    let mut bad = vec![];
    for (text, sym) in cases {
        let ms = run(text);
        let ok = ms
            .iter()
            .any(|m| m.symbol.as_deref() == Some(sym) && m.date.is_some());
        if !ok {
            bad.push(format!("{text:?}: want {sym}\n{}", dump(&ms)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn s2_nfd_full_paragraph() {
    let src = "Thực hiện Kế hoạch số 479-KH/TU ngày 05/5/2025 của Ban Thường vụ Tỉnh uỷ Ninh Bình (khoá XXII) và Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Đảng uỷ Khối quán triệt Nghị quyết số 08-NQ/ÐUK ngày 08 tháng 5 năm 2023; huỷ bỏ Quyết định số 28/2019/QĐ-UBND.";
    let a = run(&nfc(src));
    let b = run(&nfd(src));
    type Key = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let key = |ms: &[Mention]| -> Vec<Key> {
        ms.iter()
            .map(|m| {
                (
                    m.symbol.clone(),
                    iso(m),
                    m.body.as_deref().map(nfc),
                    m.term.clone(),
                    m.relation.as_str().to_string(),
                    m.type_name.as_deref().map(nfc),
                )
            })
            .collect()
    };
    assert_eq!(key(&a), key(&b), "NFC:\n{}\nNFD:\n{}", dump(&a), dump(&b));
    assert_eq!(a.len(), 4, "{}", dump(&a));
}

#[test]
fn s2_wrap_lowercase_so_near_top() {
    let text = "Thời gian qua, các chi bộ trong Đảng bộ Khối đã tổ chức thực hiện nghiêm túc Nghị quyết\nsố 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về công tác dân vận.";
    let ex = extract(text);
    let m = one(text, &ex.mentions, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ex.mentions);
    assert_eq!(ex.header.symbol, None);
}

#[test]
fn s1_law_bo_luat_numbered() {
    let text = "Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;";
    let ms = run(text);
    let m = one(text, &ms, "45/2019/QH14");
    assert_eq!(m.family, Family::Law, "{}", dump(&ms));
}

#[test]
fn s1_symbol_at_text_edges() {
    for text in [
        "Thực hiện Nghị quyết số 25-NQ/TW",
        "Thực hiện Nghị quyết số 25-NQ/TW.",
        "(Nghị quyết số 25-NQ/TW)",
        "“Nghị quyết số 25-NQ/TW”",
        "25-NQ/TW",
    ] {
        let ms = run(text);
        let m = one(text, &ms, "25-NQ/TW");
        assert_eq!(m.number.as_deref(), Some("25"));
    }
}

#[test]
fn s2_unaccented_body_and_relation() {
    let text = "Thuc hien Chi thi so 05-CT/TW ngay 15/5/2016 cua Bo Chinh tri (khoa XII), chi bo da xay dung ke hoach.";
    let ms = run(text);
    let m = one(text, &ms, "05-CT/TW");
    assert_date(m, "2016-05-15", &ms);
    assert_body(m, "Bo Chinh tri", &ms);
    assert_term(m, "XII", &ms);
    assert_rel(m, "implements", &ms);
}

#[test]
fn s1_term_after_comma() {
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng, khoá XI về công tác dân vận.";
    let ms = run(text);
    let m = one(text, &ms, "25-NQ/TW");
    assert_term(m, "XI", &ms);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ms);
}

#[test]
fn s1_named_bo_luat() {
    let text = "Tuyên truyền Bộ luật Lao động năm 2019 đến người lao động.";
    let ms = run(text);
    let found = named(&ms, "Bộ luật Lao động");
    assert_eq!(found.len(), 1, "{}", dump(&ms));
    assert_eq!(found[0].year, Some(2019), "{}", dump(&ms));
    let title = found[0].title.as_deref().map(nfc).unwrap_or_default();
    assert!(title.contains("Lao động"), "title {title:?}");
}

/// Bullets left by Word conversions ("•", U+F0B7) stay multi-byte in the folded text; a window
/// that starts a fixed number of bytes before a citation must not cut them.
fn bullet_sweep(exact: &str, make: impl Fn(&str) -> String, want: &str) {
    let r = std::panic::catch_unwind(|| run(exact));
    let ms = r.unwrap_or_else(|_| panic!("extract panicked on {exact:?}"));
    one(exact, &ms, want);
    for bullet in ["•", "\u{F0B7}", "→"] {
        for k in 0..100 {
            let pad = format!("{bullet} {}", "x".repeat(k));
            let text = make(&pad);
            let r = std::panic::catch_unwind(|| run(&text));
            let ms = r.unwrap_or_else(|_| panic!("extract panicked on {text:?}"));
            one(&text, &ms, want);
        }
    }
}

#[test]
fn s2_bullet_before_numbered_without_type_no_panic() {
    bullet_sweep(
        "• Năm 2022, Đảng ủy Khối đã ban hành nhiều văn bản lãnh đạo, chỉ đạo quan trọng khác (số 96-KH/ĐUK ngày 02/3/2022).",
        |pad| format!("{pad} văn bản chỉ đạo (số 96-KH/ĐUK ngày 02/3/2022)."),
        "96-KH/ĐUK",
    );
}

#[test]
fn s2_bullet_before_body_lookup_no_panic() {
    bullet_sweep(
        "• Các sở, ngành đã triển khai Chương trình chuyển đổi số quốc gia của Thủ tướng Chính phủ theo Quyết định số 1619/QĐ-TTg ngày 14/9/2020.",
        |pad| {
            format!("{pad} của Thủ tướng Chính phủ theo Quyết định số 1619/QĐ-TTg ngày 14/9/2020.")
        },
        "1619/QĐ-TTg",
    );
}

#[test]
fn s1_citation_in_header_title_is_a_mention() {
    let text = "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 120 - BC/ĐUK\n\nQuảng Bình, ngày 10 tháng 6 năm 2023\n\nBÁO CÁO\nSơ kết 10 năm thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013\ncủa Ban Chấp hành Trung ương Đảng (khóa XI)\n\nI. KẾT QUẢ THỰC HIỆN\n";
    let ex = extract(text);
    assert_eq!(ex.header.symbol.as_deref(), Some("120-BC/ĐUK"));
    let m = one(text, &ex.mentions, "25-NQ/TW");
    assert_date(m, "2013-06-03", &ex.mentions);
    assert_body(m, "Ban Chấp hành Trung ương Đảng", &ex.mentions);
    assert_term(m, "XI", &ex.mentions);
    assert_rel(m, "implements", &ex.mentions);
    assert!(
        !ex.mentions
            .iter()
            .any(|m| m.symbol.as_deref() == Some("120-BC/ĐUK")),
        "{}",
        dump(&ex.mentions)
    );
}

// ---------------------------------------------------------------------------------------------
// shapes found in the development set (web portals, article pages, căn cứ blocks); each sentence
// is taken from a real document there

fn source_of<'a>(ms: &'a [Mention], m: &Mention) -> Option<&'a Mention> {
    m.source_mention.map(|j| &ms[j])
}

#[test]
fn real_a_document_never_cites_itself() {
    // the attachment caption repeats the file's own symbol
    let text = "BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG\nSố 1147-QĐ/BTGDVTW\nHà Nội, ngày 01 tháng 12 năm 2025\nQUYẾT ĐỊNH\nBan hành Quy chế\n\nQUY CHẾ\n*(Ban hành kèm theo Quyết định số 1147-QĐ/BTGDVTW, ngày 01 tháng 12 năm 2025\ncủa Trưởng Ban Tuyên giáo và Dân vận Trung ương)*\nTheo Quy định số 350-QĐ/TW, ngày 29/8/2025 của Ban Bí thư.";
    let ms = run(text);
    assert!(
        ms.iter()
            .all(|m| m.symbol.as_deref() != Some("1147-QĐ/BTGDVTW")),
        "{}",
        dump(&ms)
    );
    one(text, &ms, "350-QĐ/TW");
}

#[test]
fn real_an_article_is_about_the_document_in_its_headline() {
    let text = "# Toàn văn Công văn 9671-CV/BTCTW 2025 về hoàn thiện vị trí việc làm?\n\n**Toàn văn Công văn 9671-CV/BTCTW 2025 về hoàn thiện vị trí việc làm?**\n\nTheo đó, thực hiện các kết luận của Bộ Chính trị, Ban Tổ chức Trung ương đã có Công văn 9151-CV/BTCTW năm 2025 đề nghị.";
    let x = extract(text);
    assert_eq!(x.header.symbol.as_deref(), Some("9671-CV/BTCTW"));
    assert_eq!(x.header.year, Some(2025));
    let ms = &x.mentions;
    assert!(
        ms.iter()
            .all(|m| m.symbol.as_deref() != Some("9671-CV/BTCTW")),
        "{}",
        dump(ms)
    );
    assert_body(one(text, ms, "9151-CV/BTCTW"), "Ban Tổ chức Trung ương", ms);
}

#[test]
fn real_a_portal_page_keeps_the_document_header() {
    // thuvienphapluat: the site's metadata table comes before the document's own header
    let mut text = String::from("|\n|\nĐang tải văn bản...\n#\n**Số hiệu:**\n|\n223/CĐ-TTg\n|\n");
    for _ in 0..60 {
        text.push_str("|\n");
    }
    text.push_str("**THỦ TƯỚNG CHÍNH\nPHỦ**\n-------\n|\nSố: 223/CĐ-TTg\n|\n*Hà Nội, ngày 20\ntháng 11 năm 2025 *\n|\n**CÔNG ĐIỆN**\nTiếp theo Công điện số 217/CĐ-TTg ngày 16/11/2025.\n\n**THÔNG BÁO **\n**Kính gửi:** Quý Thành viên,\nNghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân yêu cầu xác nhận sự đồng ý của thành viên khi quý khách sử dụng.\nThực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới.\n");
    let x = extract(&text);
    assert_eq!(x.header.symbol.as_deref(), Some("223/CĐ-TTg"));
    assert_eq!(
        x.header.date.map(|d| d.to_string()).as_deref(),
        Some("2025-11-20")
    );
    let syms: Vec<&str> = x
        .mentions
        .iter()
        .filter_map(|m| m.symbol.as_deref())
        .collect();
    assert_eq!(
        syms,
        ["217/CĐ-TTg"],
        "the own header and the site's notice are not citations"
    );
}

#[test]
fn real_organ_names_and_nouns_are_not_cues() {
    for (text, sym, rel) in [
        (
            "Số lượng ủy viên ban chấp hành theo Kết luận số 187-KL/TW ngày 29/8/2025.",
            "187-KL/TW",
            "based_on",
        ),
        (
            "Ngày 18/7/2025, Ban Chấp hành Trung ương đã có Thông báo số 81-TB/TW.",
            "81-TB/TW",
            "mentions",
        ),
        (
            "Đội ngũ báo cáo viên, tuyên truyền viên theo Quy định số 350-QĐ/TW, ngày 29/8/2025.",
            "350-QĐ/TW",
            "based_on",
        ),
        (
            "Số 221-KL/TW\n*(Kèm theo Báo cáo số 565-BC/BTCTW, ngày 27/11/2025 của Ban Tổ chức Trung ương).*",
            "565-BC/BTCTW",
            "mentions",
        ),
        (
            "Tuổi rà soát, bổ sung quy hoạch cán bộ các cấp theo Nghị định số 135/2020/NĐ-CP ngày 18/11/2020.",
            "135/2020/NĐ-CP",
            "based_on",
        ),
        (
            "Giữ ổn định biên chế (bao gồm số đã bổ sung trong giai đoạn 2022-2026), y tế của các địa phương để thực hiện Nghị quyết 71-NQ/TW năm 2025.",
            "71-NQ/TW",
            "implements",
        ),
        (
            "Chứng chỉ hết hiệu lực theo quy định tại khoản 1 Điều 8 Thông tư 02/2024/TT-BKHĐT.",
            "02/2024/TT-BKHĐT",
            "based_on",
        ),
        (
            "- Thực hiện thủ tục bổ nhiệm Kế toán trưởng theo quy định (cụ thể theo Công văn 9522/BTC-QLKT năm 2025).",
            "9522/BTC-QLKT",
            "based_on",
        ),
    ] {
        let ms = run(text);
        assert_rel(one(text, &ms, sym), rel, &ms);
    }
}

#[test]
fn real_passive_amendments_nest() {
    let text = "- Luật Đấu thầu số 22/2023/QH15 được sửa đổi, bổ sung tại Luật số 57/2024/QH15, Luật số 90/2025/QH15;\n- Thông tư 02/2024/TT-BKHĐT (được sửa đổi, bổ sung tại khoản 7 Điều 1 Thông tư 105/2025/TT-BTC).";
    let ms = run(text);
    // "A được sửa đổi, bổ sung tại B": B amends A
    for (sym, by) in [
        ("22/2023/QH15", "57/2024/QH15"),
        ("02/2024/TT-BKHĐT", "105/2025/TT-BTC"),
    ] {
        let m = one(text, &ms, sym);
        assert_rel(m, "amends", &ms);
        assert_eq!(
            source_of(&ms, m).and_then(|s| s.symbol.as_deref()),
            Some(by),
            "{}",
            dump(&ms)
        );
    }
    // and B is cited for what A was: by the report itself
    assert_eq!(
        one(text, &ms, "105/2025/TT-BTC").source_mention,
        None,
        "{}",
        dump(&ms)
    );
    assert_eq!(
        one(text, &ms, "90/2025/QH15").source_mention,
        None,
        "{}",
        dump(&ms)
    );
}

#[test]
fn real_titles_that_open_with_a_verb_and_where_titles_end() {
    let text = "Căn cứ Nghị định số 53/2022/NĐ-CP ngày 15/8/2022 của Chính phủ quy định chi tiết một số điều của Luật An ninh mạng;\nThực hiện Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị về phân cấp quản lý cán bộ (sau đây gọi tắt là Quy định 377), Ban Tổ chức Trung ương hướng dẫn.\nThực hiện Kết luận số 121-KL/TW, ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng về tổng kết Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khoá XII và Kết luận số 126-KL/TW, ngày 14/02/2025 của Bộ Chính trị, Ban Bí thư về một số nội dung.\nthay thế Quy định số 270-QĐ/TW, ngày 06/12/2014 của Ban Bí thư về Phông lưu trữ Đảng Cộng sản Việt Nam và có hiệu lực thi hành kể từ ngày ký.";
    let ms = run(text);
    let title = |sym: &str| one(text, &ms, sym).title.clone().map(|t| nfc(&t));
    assert_eq!(
        title("53/2022/NĐ-CP").as_deref(),
        Some("quy định chi tiết một số điều của Luật An ninh mạng")
    );
    assert_eq!(
        title("377-QĐ/TW").as_deref(),
        Some("phân cấp quản lý cán bộ")
    );
    assert_eq!(
        title("121-KL/TW").as_deref(),
        Some("tổng kết Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khoá XII")
    );
    assert_eq!(
        title("270-QĐ/TW").as_deref(),
        Some("Phông lưu trữ Đảng Cộng sản Việt Nam")
    );
    // the alias is not another citation
    assert_eq!(
        ms.iter()
            .filter(|m| m.symbol.as_deref() == Some("377-QĐ/TW"))
            .count(),
        1
    );
    // a citation in a title relates from the document whose title it is; the list goes on from
    // that document; the bodies written once are every member's
    let inner = one(text, &ms, "18-NQ/TW");
    assert_eq!(
        source_of(&ms, inner).and_then(|s| s.symbol.as_deref()),
        Some("121-KL/TW")
    );
    let next = one(text, &ms, "126-KL/TW");
    assert_eq!(next.source_mention, None, "{}", dump(&ms));
    assert_rel(next, "implements", &ms);
    assert_body(next, "Bộ Chính trị, Ban Bí thư", &ms);
    let law = named(&ms, "Luật An ninh mạng");
    assert_eq!(law.len(), 1, "{}", dump(&ms));
    assert_rel(law[0], "guides", &ms);
}

#[test]
fn real_amending_laws_are_one_citation() {
    let text = "*Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật kế toán, Luật Quản lý, sử dụng tài sản công, Luật Xử lý vi phạm hành chính ngày 29 tháng 11 năm 2024;*";
    let ms = run(text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    let m = &ms[0];
    assert_eq!(m.family, Family::Named);
    assert!(
        nfc(&m.text).ends_with("Luật Xử lý vi phạm hành chính"),
        "{}",
        dump(&ms)
    );
    assert_date(m, "2024-11-29", &ms);
    assert_rel(m, "based_on", &ms);
}

#[test]
fn real_law_names_years_and_codes() {
    let text = "Điều 14 Luật Cán bộ công chức 2025; Bộ luật Lao động hiện hành; Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19/02/2025; Căn cứ Hướng dẫn số 06-HD/BTCTW-BTGTW,\nngày 15/8/2011 của Ban Tổ chức Trung ương và Ban Tuyên giáo Trung ương; Ngày 18/7/2025, Bộ Chính trị đã có Thông báo 81-TB/TW 2025 Kết luận.";
    let ms = run(text);
    let law = named(&ms, "Luật Cán bộ công chức");
    assert_eq!(law.len(), 1, "{}", dump(&ms));
    assert_eq!(law[0].year, Some(2025));
    let code = named(&ms, "Bộ luật Lao động");
    assert_eq!(code.len(), 1, "{}", dump(&ms));
    assert_eq!(
        code[0].title.as_deref().map(nfc).as_deref(),
        Some("Bộ luật Lao động")
    );
    let m = one(text, &ms, "64/2025/QH15");
    assert!(nfc(&m.text).starts_with("Luật Ban hành"), "{}", dump(&ms));
    assert_date(one(text, &ms, "06-HD/BTCTW-BTGTW"), "2011-08-15", &ms);
    let tb = one(text, &ms, "81-TB/TW");
    assert_eq!(tb.year, Some(2025));
    assert_body(tb, "Bộ Chính trị", &ms);
}

#[test]
fn real_short_form_lists() {
    let text = "Trước mắt là các Nghị quyết 57, 59, 66, 68, 70, 71, 72 của Bộ Chính trị (tại địa chỉ https://theodoinq.dcs.vn).";
    let ms = run(text);
    let syms: Vec<&str> = ms.iter().filter_map(|m| m.symbol.as_deref()).collect();
    assert_eq!(
        syms,
        [
            "57-NQ/TW", "59-NQ/TW", "66-NQ/TW", "68-NQ/TW", "70-NQ/TW", "71-NQ/TW", "72-NQ/TW"
        ]
    );
    assert!(
        ms.iter().all(|m| m.body.as_deref() == Some("Bộ Chính trị")),
        "{}",
        dump(&ms)
    );
    // a number alone says nothing
    assert_none("Kế hoạch 5 năm; Nghị quyết 15 của Hội đồng nhân dân tỉnh.");
}

#[test]
fn real_parentheses_close_the_citation_not_the_span() {
    let text = "(Tờ trình số 973/TTr-BGDĐT, ngày 15/7/2025), Bộ Chính trị kết luận.";
    let ms = run(text);
    let m = one(text, &ms, "973/TTr-BGDĐT");
    assert!(!text[m.start..m.end].ends_with(')'), "{}", dump(&ms));
    assert_date(m, "2025-07-15", &ms);
}

#[test]
fn real_party_documents_by_name() {
    let text = "Căn cứ Quy chế làm việc của Ban Chấp hành Trung\nương, Bộ Chính trị và Ban Bí thư khoa XIII;\nchấp hành nghiêm chỉnh Cương lĩnh chính trị, Điều lệ Đảng; triển khai thực hiện Đề án “Nâng cao nhận thức, phổ cập kỹ năng chuyển đổi số quốc gia” (ban hành theo Quyết định 146/QĐ-TTg năm 2022).";
    let ms = run(text);
    let rules = named(&ms, "Quy chế làm việc");
    assert_eq!(rules.len(), 1, "{}", dump(&ms));
    assert_rel(rules[0], "based_on", &ms);
    assert_eq!(named(&ms, "Cương lĩnh chính trị").len(), 1, "{}", dump(&ms));
    let scheme = named(&ms, "Đề án");
    assert_eq!(scheme.len(), 1, "{}", dump(&ms));
    assert_rel(scheme[0], "implements", &ms);
    // a local body's working rules are left alone (their identity needs the place)
    assert!(named(&run("Thực hiện Quy chế làm việc của UBND tỉnh."), "Quy chế").is_empty());
}

#[test]
fn real_a_headerless_copy_names_itself_on_its_appendix() {
    // (devset 10: the text quotes another document's annex caption before its own)
    let text = "**HƯỚNG DẪN**\n\n- Căn cứ Quyết định số 907-QĐ/BTGDVTW ngày 17/9/2025 của Ban Tuyên giáo và Dân vận Trung ương;\n\n**QUY CHẾ**\n*(ban hành kèm theo Quyết định số 907-QĐ/BTGDVTW, ngày 17/9/2025 của Ban Tuyên giáo và Dân vận Trung ương)*\n\n**PHỤ LỤC**\n\n*(Kèm theo Hướng dẫn số 40-HD/BTGDVTW, ngày 27/11/2025 của Ban Tuyên giáo và Dân vận Trung ương)*\n";
    let x = extract(text);
    assert_eq!(x.header.symbol.as_deref(), Some("40-HD/BTGDVTW"));
    assert_eq!(x.header.year, Some(2025));
    let syms: Vec<&str> = x
        .mentions
        .iter()
        .filter_map(|m| m.symbol.as_deref())
        .collect();
    assert_eq!(syms, ["907-QĐ/BTGDVTW", "907-QĐ/BTGDVTW"]);
}

#[test]
fn real_central_bodies_name_their_documents_and_codes_their_assembly() {
    let text = "Số 212-KL/TW\n*Hà Nội, ngày 18 tháng 11 năm 2025*\n\nBộ Chính trị nhất trí với Tờ trình số 03-TTr/ĐU, ngày 17/10/2025 của Đảng uỷ Chính phủ; căn cứ Luật Lưu trữ số 33/2024/QH15, ngày 21/6/2024.";
    let ms = &resolved("kl.txt", text);
    // a body of no province is the document's issuer, not the citing report's province
    assert_eq!(
        one(text, ms, "03-TTr/ĐU").key.as_deref(),
        Some("03-TTr/ĐU@2025 Đảng ủy Chính phủ")
    );
    let law = one(text, ms, "33/2024/QH15");
    assert_body(law, "Quốc hội", ms);
    assert_term(law, "XV", ms);
}

#[test]
fn real_a_decree_guides_the_law_it_names() {
    let text = "a) Nghiên cứu, triển khai có hiệu quả các Nghị định, Thông tư hướng dẫn Luật Viễn thông theo hướng tạo điều kiện.";
    let ms = run(text);
    let law = named(&ms, "Luật Viễn thông");
    assert_eq!(law.len(), 1, "{}", dump(&ms));
    assert_rel(law[0], "guides", &ms);
    // "pháp luật" in capitals is no law
    assert_none("Theo quy định của Pháp Luật hiện hành.");
}

#[test]
fn real_legal_basis_lines() {
    let text = "I. CĂN CỨ PHÁP LÝ\n\n- Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n\n- Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;\n\nTiếp tục thực hiện Nghị quyết số 36-NQ/TW ngày 22/10/2018, Hội nghị lần thứ tám Ban chấp hành Trung ương Đảng khóa XII về phát triển bền vững kinh tế biển Việt Nam đến năm 2030;\nXét Báo cáo thẩm tra số 84/BC-KTNS ngày 24 tháng 6 năm 2025 của Ban Kinh tế - Ngân sách;\n1. Về đề nghị nghiên cứu, sửa đổi, bổ sung Nghị quyết số 66.4/2025/NQ-CP đối với nội dung về rừng.";
    let ms = run(text);
    // a heading of legal bases governs the list under it
    assert_rel(one(text, &ms, "30/2020/NĐ-CP"), "based_on", &ms);
    // a numbered amending law is cited by its own name
    let law = one(text, &ms, "87/2025/QH15");
    assert!(
        nfc(&law.text).starts_with("Luật sửa đổi, bổ sung"),
        "{}",
        dump(&ms)
    );
    assert_eq!(
        law.title.as_deref().map(nfc).as_deref(),
        Some("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật")
    );
    // the plenum between date and body
    let nq = one(text, &ms, "36-NQ/TW");
    assert_body(nq, "Ban chấp hành Trung ương Đảng", &ms);
    assert_term(nq, "XII", &ms);
    assert_rel(nq, "continues", &ms);
    let bc = one(text, &ms, "84/BC-KTNS");
    assert!(
        nfc(&bc.text).starts_with("Báo cáo thẩm tra"),
        "{}",
        dump(&ms)
    );
    assert_body(bc, "Ban Kinh tế - Ngân sách", &ms);
    // a proposal to amend is not the amendment
    assert_rel(one(text, &ms, "66.4/2025/NQ-CP"), "mentions", &ms);
}

#[test]
fn s1_steering_committee_body_keeps_what_it_is_about() {
    // devset 02: the committee's name holds "về" and commas; the title is what follows it
    let text = "- Căn cứ Quy định số 05-QĐ/BCĐTW, ngày 27/8/2025 của\nBan Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và\nchuyển đổi số về Mô hình liên thông số thống nhất, hiệu quả và quản trị dựa\ntrên dữ liệu trong hệ thống chính trị;";
    let ms = run(text);
    let m = one(text, &ms, "05-QĐ/BCĐTW");
    assert_body(
        m,
        "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        &ms,
    );
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(
        title.starts_with("Mô hình liên thông số"),
        "title {title:?}"
    );
}

#[test]
fn s4_amended_later_after_the_title() {
    // devset 36: the amending decision stands after the amended one's title, which ends there
    let text = "*Căn cứ Quyết định số\n35/2025/QĐ-TTg của Thủ tướng Chính phủ sửa đổi, bổ sung một số điều của Quyết định\nsố 39/2021/QĐ-TTg ngày 30 tháng 12 năm 2021 của Thủ tướng Chính phủ quy định\nnguyên tắc, tiêu chí, định mức phân bổ vốn ngân sách trung ương, giai đoạn I: Từ năm 2021 đến năm 2025, đã được sửa đổi, bổ sung và bãi bỏ\nmột số điều tại Quyết định số 18/2023/QĐ-TTg ngày 01 tháng 7 năm 2023 của Thủ\ntướng Chính phủ;*";
    let ms = run(text);
    let amended = one(text, &ms, "39/2021/QĐ-TTg");
    let title = amended.title.as_deref().map(nfc).unwrap_or_default();
    assert!(title.ends_with("đến năm 2025"), "title {title:?}");
    // 35/2025 amends 39/2021 (its title says so); the report stands on 18/2023 as on 35/2025
    assert_eq!(
        source_of(&ms, amended).and_then(|s| s.symbol.as_deref()),
        Some("35/2025/QĐ-TTg")
    );
    let later = one(text, &ms, "18/2023/QĐ-TTg");
    assert_rel(later, "based_on", &ms);
    assert_eq!(later.source_mention, None, "{}", dump(&ms));
    // devset 39: "…, sửa đổi, bổ sung tại Quyết định …" without "được"
    let text = "Mã cơ quan theo quy định tại\nQuyết định số 20/2020/QĐ- TTg ngày 22/7/2020, sửa đổi, bổ sung tại Quyết định\nsố 09/2025/QĐ-TTg ngày 14/4/2025 của Thủ tướng Chính phủ về mã định danh điện\ntử của các cơ quan, tổ chức.";
    let ms = run(text);
    let old = one(text, &ms, "20/2020/QĐ-TTg");
    assert_rel(old, "amends", &ms);
    assert_eq!(
        source_of(&ms, old).and_then(|s| s.symbol.as_deref()),
        Some("09/2025/QĐ-TTg")
    );
    assert_rel(one(text, &ms, "09/2025/QĐ-TTg"), "based_on", &ms);
}

#[test]
fn s1_unquoted_title_ends_where_the_sentence_turns() {
    // devset 32, 37: ", cùng với …" and ", có trụ sở tại …" go on about something else
    let text = "triển khai Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về đột phá phát triển giáo dục và đào tạo, cùng với nhiều chủ trương, chính sách lớn của Đảng.";
    let ms = run(text);
    let m = one(text, &ms, "71-NQ/TW");
    assert_eq!(
        m.title.as_deref().map(nfc).as_deref(),
        Some("đột phá phát triển giáo dục và đào tạo")
    );
    // a title of a "thủ tục hành chính được sửa đổi, bổ sung" keeps it (devset 28)
    let text = "Quyết định số 3740/QĐ-BTC ngày 24/10/2025 của Bộ Tài chính về việc công bố thủ tục hành chính được sửa đổi, bổ sung, bãi bỏ lĩnh vực đấu thầu.";
    let ms = run(text);
    let title = one(text, &ms, "3740/QĐ-BTC")
        .title
        .as_deref()
        .map(nfc)
        .unwrap_or_default();
    assert!(title.ends_with("lĩnh vực đấu thầu"), "title {title:?}");
}

#[test]
fn s2_a_paragraph_line_ends_its_paragraph() {
    // corpus 000: a footnote line broken off mid-phrase, then a blank line and the next
    // paragraph; the footnote's title does not run into it
    let long = "Kế hoạch số 100-KH/ĐUK ngày 01/3/2024 về triển khai thực hiện Chuyên đề năm 2024 - 2025 của Đảng bộ tỉnh: “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về thi đua yêu nước, quyết tâm thực hiện thắng lợi nghị quyết đại hội đảng các cấp và các nhiệm vụ, mục tiêu phát triển kinh tế - xã hội, quốc phòng, an ninh của tỉnh trong thời gian tới, góp phần xây dựng đảng các";
    let text = format!(
        "{long}\n\nChỉ đạo Ban Chỉ đạo ban hành Kế hoạch năm 2024, theo nội dung Nghị quyết số 25-NQ/TW của Ban chấp hành Trung ương Đảng (khóa XI)."
    );
    let ms = run(&text);
    let plan = one(&text, &ms, "100-KH/ĐUK");
    let title = plan.title.as_deref().map(nfc).unwrap_or_default();
    assert!(!title.contains("Chỉ đạo"), "title {title:?}");
    let nq = one(&text, &ms, "25-NQ/TW");
    assert_eq!(nq.source_mention, None, "{}", dump(&ms));
    assert_rel(nq, "based_on", &ms);
}

#[test]
fn s1_body_written_after_an_unquoted_title() {
    // devset 31: "… về <title> của Bộ Chính trị": the body its code stands for closes the title
    let text = "Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết 71-NQ/TW về đột phá phát triển giáo dục và đào tạo của Bộ Chính trị.";
    let ms = run(text);
    let m = one(text, &ms, "71-NQ/TW");
    assert_body(m, "Bộ Chính trị", &ms);
    assert_eq!(
        m.title.as_deref().map(nfc).as_deref(),
        Some("đột phá phát triển giáo dục và đào tạo")
    );
    // a body inside the title that the code does not stand for stays in it
    let text = "Thực hiện Nghị quyết số 12-NQ/TW về nâng cao chất lượng hoạt động của Hội đồng nhân dân các cấp.";
    let ms = run(text);
    let m = one(text, &ms, "12-NQ/TW");
    assert_eq!(m.body, None, "{}", dump(&ms));
    let title = m.title.as_deref().map(nfc).unwrap_or_default();
    assert!(
        title.ends_with("Hội đồng nhân dân các cấp"),
        "title {title:?}"
    );
}

#[test]
fn s1_version_note_before_the_body() {
    // devset 03: "(sửa đổi)" between a list's last symbol and the body they share
    let text = "Thực hiện Chỉ thị số 35-CT/TW và Quy định số 11-QĐi/TW (sửa đổi) của Bộ Chính trị về tổ chức đại hội.";
    let ms = run(text);
    assert_body(one(text, &ms, "11-QĐi/TW"), "Bộ Chính trị", &ms);
    assert_body(one(text, &ms, "35-CT/TW"), "Bộ Chính trị", &ms);
}

#[test]
fn s2_portal_page_after_its_see_more_line() {
    // devset 18, 27: a portal's "Xem chi tiết thêm tại <the document>" closes the document; its
    // Q&A after it cites other texts, except where a question is about the document itself
    let text = "# Đã có Công văn 309-CV/ĐU tuyên truyền kỷ niệm 80 năm Ngày truyền thống Công an nhân dân ra sao?\n\n\
Thực hiện Hướng dẫn số 19-HD/BTGDVTW ngày 01/7/2025 của Ban Tuyên giáo và Dân vận Trung ương về tuyên truyền kỷ niệm.\n\n\
Xem chi tiết thêm tại Công văn 309-CV/ĐU năm 2025 ban hành ngày 21/7/2025.\n\n\
*Đã có Công văn 309-CV/ĐU tuyên truyền kỷ niệm 80 năm ra sao? (Hình từ Internet)*\n\n\
**Nhiệm vục ủa Đảng viên ra sao?**\n\n\
Căn cứ theo Hướng dẫn 06-HD/TW năm 2025 quy định về quy trình tổ chức đại hội như sau:\n\n\
**Điều khoản thi hành Công văn 309-CV/ĐU ra sao?**\n\n\
Công văn 309-CV/ĐU thay thế Công văn số 100-CV/ĐU ngày 02/01/2024.\n";
    let ms = resolved("18.txt", text);
    let symbols: Vec<_> = ms.iter().filter_map(|m| m.symbol.as_deref()).collect();
    assert!(symbols.contains(&"19-HD/BTGDVTW"), "{}", dump(&ms));
    assert!(!symbols.contains(&"06-HD/TW"), "{}", dump(&ms));
    assert!(symbols.contains(&"100-CV/ĐU"), "{}", dump(&ms));
    // a report's own "Xem chi tiết tại Phụ lục 01" closes nothing
    let text = "Thực hiện Kế hoạch số 12-KH/TU ngày 01/3/2024 của Tỉnh ủy.\n\nXem chi tiết tại Phụ lục 01 kèm theo.\n\nCăn cứ Hướng dẫn số 06-HD/TW ngày 1/3/2025 của Ban Bí thư, các chi bộ tổ chức đại hội.\n";
    let ms = resolved("r.txt", text);
    assert!(
        ms.iter().any(|m| m.symbol.as_deref() == Some("06-HD/TW")),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s4_replacing_an_annex_amends_the_document_far_after_the_cue() {
    // devset 43: the annex's long name stands between "Thay thế" and the resolution it is of
    let text = "2. Thay thế Phụ lục số 03 - Tỷ lệ phần trăm (%) phân chia nguồn thu giữa các cấp ngân sách Thành phố giai đoạn 2023-2025 ban hành kèm theo Nghị quyết số 22/2022/NQ-HĐND ngày 18 tháng 12 năm 2022 của Hội đồng nhân dân Thành phố bằng Phụ lục số 03 (sửa đổi) ban hành kèm theo Nghị quyết này.";
    let ms = run(text);
    assert_rel(one(text, &ms, "22/2022/NQ-HĐND"), "amends", &ms);
    // a whole document replaced acts only on what is named right after the cue
    let text = "Thay thế toàn bộ các quy định trước đây về chế độ công tác phí, chế độ chi hội nghị đối với các cơ quan nhà nước và đơn vị sự nghiệp công lập của Thành phố, thực hiện theo Nghị quyết số 05/2023/NQ-HĐND.";
    let ms = run(text);
    assert_ne!(
        one(text, &ms, "05/2023/NQ-HĐND").relation.as_str(),
        "replaces",
        "{}",
        dump(&ms)
    );
}

#[test]
fn s4_one_citation_per_line_is_no_list_headed_by_the_line_before() {
    // a portal's list of related documents: each line relates from the file, none from the
    // document that the first line's cue acts on
    let text = "Thông tư 77/2014/tt-btc hướng dẫn nghị định 46/2014/nđ-cp\n\nthông tư liên tịch 17/2015/ttlt-btp-bqp\n\nQuyết định 439/QĐ-TTg 2023 BCĐ quản lý vị trí việc làm trong các cơ quan\n";
    let ms = run(text);
    assert_rel(one(text, &ms, "46/2014/NĐ-CP"), "guides", &ms);
    for s in ["17/2015/TTLT-BTP-BQP", "439/QĐ-TTg"] {
        let m = one(text, &ms, s);
        assert_rel(m, "mentions", &ms);
        assert_eq!(m.source_mention, None, "{}", dump(&ms));
    }
    // a list wrapped at a line break still is one ("…18-NQ/TW,⏎19-NQ/TW")
    let text = "Thực hiện các Nghị quyết số 18-NQ/TW,\n19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.";
    let ms = run(text);
    for s in ["18-NQ/TW", "19-NQ/TW"] {
        assert_rel(one(text, &ms, s), "implements", &ms);
    }
}

#[test]
fn s1_ministries_and_departments_by_their_whole_names() {
    // commas, dashes and lower-case words inside a known name do not end it
    for (body, want) in [
        (
            "Bộ Nông nghiệp và Phát triển nông thôn và Bộ Nội vụ",
            "Bộ Nông nghiệp và Phát triển nông thôn và Bộ Nội vụ",
        ),
        (
            "Bộ Văn hóa, Thể thao và Du lịch",
            "Bộ Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Bộ Lao động - Thương binh và Xã hội",
            "Bộ Lao động - Thương binh và Xã hội",
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam",
        ),
        ("Bộ Tài chính", "Bộ Tài chính"),
    ] {
        let text = format!(
            "Căn cứ Thông tư liên tịch số 11/2004/TTLT-BNN-BNV ngày 02/4/2004 của {body} hướng dẫn chức năng, nhiệm vụ;"
        );
        let ms = run(&text);
        let m = one(&text, &ms, "11/2004/TTLT-BNN-BNV");
        assert_eq!(m.body.as_deref(), Some(want), "{}", dump(&ms));
    }
}

#[test]
fn s1_proposal_by_an_office_holder_names_the_body_of_the_submission() {
    // "Theo đề nghị của Giám đốc Sở … tại Tờ trình số …": the department submitted it; a
    // proposal is no legal basis
    let text = "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\nTheo đề nghị của Giám đốc Sở Tài chính tại Tờ\ntrình số 160/TTr-STC ngày 30 tháng 12 năm 2022.\nQUYẾT ĐỊNH:";
    let ms = run(text);
    let m = one(text, &ms, "160/TTr-STC");
    assert_eq!(m.body.as_deref(), Some("Sở Tài chính"), "{}", dump(&ms));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2022-12-30"));
    assert_rel(m, "mentions", &ms);
    // an issuer code with "&", written with a space and a line break inside
    let text = "Xét đề nghị của Giám đốc\nSở Nông nghiệp & Phát triển nông thôn tỉnh tại Tờ trình số 473/TTr -\nNN&PTNT ngày 21/5/2007 và của Giám đốc Sở Nội vụ tỉnh,";
    let ms = run(text);
    let m = one(text, &ms, "473/TTr-NN&PTNT");
    assert_eq!(
        m.date.map(|d| d.to_string()).as_deref(),
        Some("2007-05-21"),
        "{}",
        dump(&ms)
    );
    assert_eq!(
        m.body.as_deref(),
        Some("Sở Nông nghiệp & Phát triển nông thôn tỉnh"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_plenum_named_by_an_ordinal_in_words() {
    let text = "Thực hiện Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, hoàn thiện thể chế.";
    let ms = resolved("r.txt", text);
    let keys: Vec<_> = ms.iter().filter_map(|m| m.key.as_deref()).collect();
    assert_eq!(keys, ["Nghị quyết Trung ương 5 khóa XIII"], "{}", dump(&ms));
    assert_rel(&ms[0], "implements", &ms);
    // a conference is no resolution, whatever its ordinal
    assert_none(
        "Ban Thường vụ Tỉnh uỷ tổ chức hội nghị thông báo nhanh kết quả Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII.",
    );
    // a word that is no ordinal names nothing
    assert_none("Nghị quyết Hội nghị lần thứ nhiều Ban Chấp hành Trung ương.");
}

#[test]
fn s2_a_law_whose_name_lost_the_space_before_its_date() {
    let text = "Căn cứ Luật tổ chức Chính phủngày 25 tháng 12 năm 2001;";
    let ms = resolved("r.txt", text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    assert_eq!(
        ms[0].key.as_deref(),
        Some("Luật Tổ chức Chính phủ năm 2001")
    );
    assert_eq!(
        ms[0].date.map(|d| d.to_string()).as_deref(),
        Some("2001-12-25")
    );
    assert_rel(&ms[0], "based_on", &ms);
}

#[test]
fn s2_a_scanned_tu_with_a_horn_after_a_provincial_body_stays_the_province() {
    // "TƯ" is Trung ương, unless the body says the committee is the province's
    let text = "Sau 10 năm thực hiện Nghị quyết 13-NQ/TƯ của Tỉnh ủy (khóa XIV), hệ thống kết cấu hạ tầng có bước phát triển.";
    let ms = run(text);
    let m = one(text, &ms, "13-NQ/TU");
    assert!(m.warnings.iter().any(|w| w.contains("TƯ")), "{}", dump(&ms));
    let text = "Thực hiện Chỉ thị số 05-CT/TƯ ngày 15/5/2016 của Bộ Chính trị.";
    let ms = run(text);
    one(text, &ms, "05-CT/TW");
}

#[test]
fn s1_a_steering_committee_by_its_number() {
    let text =
        "Căn cứ Quyết định số 1234/QĐ-BCĐ ngày 3/3/2021 của Ban Chỉ đạo 389 quốc gia về kế hoạch.";
    let ms = run(text);
    let m = one(text, &ms, "1234/QĐ-BCĐ");
    assert_eq!(
        m.body.as_deref(),
        Some("Ban Chỉ đạo 389 quốc gia"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_resolutions_and_conclusions_of_a_plenum_over_several_terms() {
    // devset 21: one resolution per term
    let text = "Triển khai các nghị quyết, kết luận Hội nghị Trung ương 4 khoá XI, XII, XIII về xây dựng, chỉnh đốn Đảng.";
    let ms = resolved("r.txt", text);
    let keys: Vec<_> = ms.iter().filter_map(|m| m.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "Nghị quyết Trung ương 4 khóa XI",
            "Nghị quyết Trung ương 4 khóa XII",
            "Nghị quyết Trung ương 4 khóa XIII"
        ],
        "{}",
        dump(&ms)
    );
}

#[test]
fn s2_symbols_whose_hyphen_a_conversion_dropped() {
    // a PDF conversion that lost every hyphen ("NQCP", "NĐCP", "QĐUBND"), and a number with a
    // letter ("30c")
    let text = "Căn cứ Nghị quyết số 30c/NQCP ngày 08 tháng 11 năm 2011 của Chính phủ ban hành Chương trình Tổng thể cải cách hành chính nhà nước giai đoạn 20112020;\nCăn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 Chính phủ về thực hiện cơ chế một cửa;\nCăn cứ Thông tư số 01/2018/TTVPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ;\nCăn cứ Quyết định số 2468/QĐUBND ngày 02 tháng 11 năm 2018 của Ủy ban nhân dân tỉnh;";
    let ms = run(text);
    for s in [
        "30c/NQ-CP",
        "61/2018/NĐ-CP",
        "01/2018/TT-VPCP",
        "2468/QĐ-UBND",
    ] {
        let m = one(text, &ms, s);
        assert!(
            m.warnings.iter().any(|w| w.contains("hyphen")),
            "{}",
            dump(&ms)
        );
        assert_rel(m, "based_on", &ms);
    }
    assert_eq!(ms.len(), 4, "{}", dump(&ms));
    // a code that is no type and issuer joined stays what it was
    let text = "Căn cứ văn bản số 1102/QDPTTCHC ngày 04/12/2024 của Quỹ.";
    let ms = run(text);
    one(text, &ms, "1102/QDPTTCHC");
}

#[test]
fn s1_a_ministry_with_a_comma_for_its_dash() {
    let text = "Thực hiện Công văn số 2928/LĐTBXH-BVCSTE ngày 12/8/2014 của Bộ Lao động, Thương binh và Xã hội về việc triển khai.";
    let ms = run(text);
    let m = one(text, &ms, "2928/LĐTBXH-BVCSTE");
    assert_eq!(
        m.body.as_deref(),
        Some("Bộ Lao động, Thương binh và Xã hội"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_a_type_code_for_its_name_in_a_short_form() {
    // "NQ 18", "CT 05": a short form only where the text spells the symbol out
    let text = "Thực hiện NQ số 18-NQ/TW ngày 25/10/2017 của BCH TW khóa XII, các cấp ủy đã sắp xếp tổ chức bộ máy. Theo tinh thần NQ 18, việc sắp xếp phải đồng bộ.\nTriển khai thực hiện CT 05-CT/TW của Bộ Chính trị; tiếp tục thực hiện CT 05.";
    let ms = run(text);
    let nq: Vec<_> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("18-NQ/TW"))
        .collect();
    assert_eq!(nq.len(), 2, "{}", dump(&ms));
    assert_eq!(nq[0].body.as_deref(), Some("BCH TW"), "{}", dump(&ms));
    assert_eq!(
        nq[1].type_name.as_deref(),
        Some("Nghị quyết"),
        "{}",
        dump(&ms)
    );
    let ct: Vec<_> = ms
        .iter()
        .filter(|m| m.symbol.as_deref() == Some("05-CT/TW"))
        .collect();
    assert_eq!(ct.len(), 2, "{}", dump(&ms));
    assert_rel(ct[1], "continues", &ms);
    // a code and a number the text never spells out are nothing
    assert_none("Tổng số 120 hộ, trong đó NQ 18 hộ, CT 05 hộ.");
}

#[test]
fn s3_the_national_assemblys_header_names_the_type_with_the_number() {
    // "Nghị quyết số: 653/2019/UBTVQH14" on its own line is the file's own symbol, and so are the
    // portal's title lines above it
    let text = "Nghị quyết 653/2019/UBTVQH14\n\nNghị quyết 653/2019/UBTVQH14 về sắp xếp các đơn vị hành chính cấp huyện, xã trong giai đoạn 2019-2021 do Ủy ban Thường vụ Quốc hội ban hành\n\nỦY BAN THƯỜNG VỤ\nQUỐC HỘI\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\nNghị quyết số: 653/2019/UBTVQH14\n\nHà Nội, ngày 12 tháng 3 năm 2019\n\nNGHỊ QUYẾT\n\nVỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP HUYỆN, CẤP XÃ TRONG GIAI ĐOẠN 2019 - 2021\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;\n\nCăn cứ Nghị quyết số 56/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc hội về việc tiếp tục cải cách tổ chức bộ máy;\n";
    let ms = run(text);
    let symbols: Vec<_> = ms.iter().filter_map(|m| m.symbol.as_deref()).collect();
    assert_eq!(symbols, ["57/2014/QH13", "56/2017/QH14"], "{}", dump(&ms));
    // a law's header, and the law naming itself
    let text = "QUỐC HỘI\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nLuật số: 59/2020/QH14\n\nLUẬT\nDOANH NGHIỆP\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Doanh nghiệp.\n\nThực hiện Nghị quyết số: 12/2021/QH15 ngày 10/1/2021 của Quốc hội về thí điểm.\n";
    let ms = run(text);
    assert!(
        !ms.iter()
            .any(|m| m.symbol.as_deref() == Some("59/2020/QH14")
                || nfc(&m.text).to_lowercase().contains("doanh nghiệp")),
        "{}",
        dump(&ms)
    );
    one(text, &ms, "12/2021/QH15");
    assert_eq!(ms.len(), 2, "{}", dump(&ms));
}

#[test]
fn s1_the_body_of_a_list_heading_is_each_members() {
    let text = "Căn cứ các Nghị định của Chính phủ: số 24/2010/NĐ-CP ngày 15/3/2010 quy định về tuyển dụng, sử dụng và quản lý công chức; số 93/2010/NĐ-CP ngày 31/8/2010 sửa đổi một số điều của Nghị định số 24/2010/NĐ-CP;\nCăn cứ các Thông tư của Bộ Nội vụ: số 13/2010/TT-BNV ngày 30/12/2010; số 05/2012/TT-BNV ngày 24/10/2012;";
    let ms = run(text);
    for (s, body) in [
        ("93/2010/NĐ-CP", "Chính phủ"),
        ("13/2010/TT-BNV", "Bộ Nội vụ"),
        ("05/2012/TT-BNV", "Bộ Nội vụ"),
    ] {
        assert_eq!(
            one(text, &ms, s).body.as_deref(),
            Some(body),
            "{}",
            dump(&ms)
        );
    }
    let first = ms
        .iter()
        .find(|m| m.symbol.as_deref() == Some("24/2010/NĐ-CP"))
        .unwrap();
    assert_eq!(first.body.as_deref(), Some("Chính phủ"), "{}", dump(&ms));
    // a later clause on the same line is no member
    let text = "Căn cứ các Nghị định của Chính phủ: số 24/2010/NĐ-CP ngày 15/3/2010; số 93/2010/NĐ-CP ngày 31/8/2010; Căn cứ Quyết định số 45/QĐ-UBND ngày 1/1/2020;";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "93/2010/NĐ-CP").body.as_deref(),
        Some("Chính phủ")
    );
    assert_eq!(one(text, &ms, "45/QĐ-UBND").body, None, "{}", dump(&ms));
    // members joined by "và"
    let text = "Căn cứ các Thông tư của Bộ Tài chính: số 13/2010/TT-BTC ngày 30/12/2010 và số 05/2012/TT-BTC ngày 24/10/2012;";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "05/2012/TT-BTC").body.as_deref(),
        Some("Bộ Tài chính"),
        "{}",
        dump(&ms)
    );
    // a colon that heads no list of that body gives nothing
    let text = "Nội dung chính: số 12/2020/NĐ-CP ngày 1/2/2020 về tinh giản biên chế.";
    let ms = run(text);
    assert_eq!(one(text, &ms, "12/2020/NĐ-CP").body, None, "{}", dump(&ms));
}

#[test]
fn s2_a_law_name_with_two_of_its_words_glued() {
    // a conversion lost the space inside the name: the whole known name is still read
    let text = "Căn cứ Luật tổ chức Hội đồng nhândân và Ủy ban nhân dân ngày 26/11/2003;";
    let ms = resolved("r.txt", text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    assert_eq!(
        ms[0].key.as_deref(),
        Some("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân năm 2003"),
        "{}",
        dump(&ms)
    );
    assert!(ms[0].text.ends_with("Ủy ban nhân dân"), "{}", dump(&ms));
    // and the amending law whose "một số" lost its space
    let text = "Căn cứ Luật Sửa đổi, bổ sung mộtsố điều của các Luật liên quan đến đầu tư xây dựng cơ bản ngày 19/6/2009;";
    let ms = run(text);
    assert_eq!(ms.len(), 1, "{}", dump(&ms));
    assert!(
        ms[0].text.ends_with("đầu tư xây dựng cơ bản"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s2_a_body_with_a_dash_in_its_name_and_central_after_it() {
    let text = "Thực hiện Kế hoạch số 16/KH-HĐTĐKT ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng Trung ương, Ủy ban nhân dân tỉnh ban hành Kế hoạch.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "16/KH-HĐTĐKT").body.as_deref(),
        Some("Hội đồng Thi đua - Khen thưởng Trung ương"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s2_the_law_header_with_a_rule_glued_before_it_is_the_own_symbol() {
    let text = "QUỐC HỘI\n\n———————-Luật số : 77/2015 / QH13\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập – Tự do – Hạnh phúc\n\n——————————-\n\nLUẬT\n\nTỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\nQuốc hội ban hành Luật tổ chức chính quyền địa phương.\n";
    let r = extract(text);
    assert_eq!(
        r.header.symbol.as_deref(),
        Some("77/2015/QH13"),
        "{}",
        dump(&r.mentions)
    );
    // what is left is the Constitution: the law's own name is no citation
    assert_eq!(r.mentions.len(), 1, "{}", dump(&r.mentions));
    assert_eq!(r.mentions[0].type_name.as_deref(), Some("Hiến pháp"));
}

#[test]
fn s4_a_document_replaced_by_the_one_cited_is_not_replaced_by_the_report() {
    // "bị bãi bỏ, thay thế bởi B": B did it (to the first), the report only tells it
    let text = "Kể từ ngày 15-12-2015, Thông tư liên tịch số 02/2011/TTLT-VPCP-BNV ngày 28/01/2011 giữa Chủ nhiệm Văn Phòng Chính Phủ và Bộ trưởng Bộ Nội vụ hướng dẫn chức năng, nhiệm vụ của Văn phòng Ủy ban nhân dân tỉnh (Văn bản hết hiệu lực) bị bãi bỏ, thay thế bởi Thông tư liên tịch số 01/2015/TTLT-VPCP-BNV ngày 23/10/2015 giữa Chủ nhiệm Văn Phòng Chính Phủ và Bộ trưởng Bộ Nội vụ.";
    let ms = run(text);
    assert_rel(one(text, &ms, "01/2015/TTLT-VPCP-BNV"), "mentions", &ms);
    // after a citation: "A … đã được thay thế bởi B"
    let text = "Quyết định 119/QĐ-UBND bổ sung thủ tục hành chính đã được thay thế bởi Quyết định 366/QĐ-UBND của UBND tỉnh Bắc Giang.";
    let ms = run(text);
    assert_rel(one(text, &ms, "366/QĐ-UBND"), "mentions", &ms);
    // the active voice still replaces
    let text = "Quyết định này thay thế Quyết định số 44/2010/QĐ-UBND ngày 28/10/2010 của UBND tỉnh Long An.";
    let ms = run(text);
    assert_rel(one(text, &ms, "44/2010/QĐ-UBND"), "replaces", &ms);
}

#[test]
fn s1_a_law_in_a_list_takes_no_body_from_the_next_member() {
    let text = "Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều của Luật Hộ tịch và Quyết định số 101/QĐ-TTg ngày 23/01/2017 của Thủ tướng Chính phủ về việc phê duyệt Chương trình hành động quốc gia;";
    let ms = run(text);
    let laws = named(&ms, "Luật Hộ tịch");
    assert_eq!(laws.len(), 2, "{}", dump(&ms));
    assert!(laws.iter().all(|m| m.body.is_none()), "{}", dump(&ms));
    assert_eq!(
        one(text, &ms, "123/2015/NĐ-CP").body.as_deref(),
        Some("Chính phủ")
    );
}

#[test]
fn s2_a_known_body_ends_before_the_verb_after_it() {
    let text = "Thực hiện Hướng dẫn số 96-HD/BTGTW ngày 22/02/2023 của Ban Tuyên giáo Trung ương tuyên truyền kỷ niệm 110 năm Ngày sinh đồng chí Chu Huy Mân.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "96-HD/BTGTW").body.as_deref(),
        Some("Ban Tuyên giáo Trung ương"),
        "{}",
        dump(&ms)
    );
    // its place goes on: "Ủy ban nhân dân thành phố Hà Nội"
    let text = "Xét Tờ trình số 426/TTr-UBND ngày 10/11/2025 của Ủy ban nhân dân thành phố Hà Nội về việc ban hành Nghị quyết.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "426/TTr-UBND").body.as_deref(),
        Some("Ủy ban nhân dân thành phố Hà Nội"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s3_a_committee_of_a_provincial_council_is_the_province_s() {
    // "Ban Dân tộc" names no place: the citing report's province is the document's
    let text = "HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐẮK LẮK\n\nSố: 05/2025/NQ-HĐND\n\nĐắk Lắk, ngày 15 tháng 9 năm 2025\n\nNGHỊ QUYẾT\n\nXét Báo cáo thẩm tra số 71/BC-HĐND ngày 13 tháng 9 năm 2025 của Ban Dân tộc của Hội đồng nhân dân tỉnh.\n";
    let ms = resolved("dl.txt", text);
    let m = one(text, &ms, "71/BC-HĐND");
    assert_eq!(m.body.as_deref(), Some("Ban Dân tộc"), "{}", dump(&ms));
    assert_eq!(
        m.key.as_deref(),
        Some("71/BC-HĐND@2025 Đắk Lắk"),
        "{}",
        dump(&ms)
    );
    // a central body still names the issuer of a local code
    let text = "Thực hiện Kế hoạch số 16/KH-HĐTĐKT ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng Trung ương.";
    let ms = resolved("x.txt", text);
    assert_eq!(
        one(text, &ms, "16/KH-HĐTĐKT").key.as_deref(),
        Some("16/KH-HĐTĐKT@2021 Hội đồng Thi đua - Khen thưởng Trung ương"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_laws_whose_names_hold_cua() {
    let text = "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015; Căn cứ Luật Hoạt động giám sát của Quốc hội và HĐND ngày 20/11/2015;";
    let ms = resolved("r.txt", text);
    assert_eq!(ms.len(), 2, "{}", dump(&ms));
    for m in &ms {
        assert_eq!(
            m.key.as_deref(),
            Some("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân năm 2015"),
            "{}",
            dump(&ms)
        );
        assert_eq!(m.body, None, "{}", dump(&ms));
    }
}

#[test]
fn s2_an_issuer_code_with_a_dot() {
    let text = "Xét tờ trình số 07/TTr-TT.HĐND ngày 02 tháng 12 năm 2016 của Thường trực Hội đồng nhân dân tỉnh; Quyết định số 12/QĐ-UBND.Theo đó, các sở thực hiện.";
    let ms = run(text);
    one(text, &ms, "07/TTr-TT.HĐND");
    one(text, &ms, "12/QĐ-UBND");
}

#[test]
fn s1_the_subject_that_issued_it_with_an_adverb_before_the_verb() {
    let text = "BTV Tỉnh ủy đã kịp thời ban hành Kế hoạch số 248-KH/TU ngày 9-8-2019 triển khai thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "248-KH/TU").body.as_deref(),
        Some("BTV Tỉnh ủy"),
        "{}",
        dump(&ms)
    );
    let text = "Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành động số 30-CTr/TU thực hiện Nghị quyết số 57-NQ/TW.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "30-CTr/TU").body.as_deref(),
        Some("Ban Thường vụ Tỉnh ủy"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_a_plenum_as_the_issuing_body() {
    let text = "Sau gần 15 năm thực hiện Nghị quyết 26-NQ/TW ngày 5-8-2008 của Hội nghị Trung ương 7 khóa X “về nông nghiệp, nông dân, nông thôn”, bên cạnh những thành tựu to lớn.";
    let ms = run(text);
    let m = one(text, &ms, "26-NQ/TW");
    assert_eq!(
        m.body.as_deref(),
        Some("Hội nghị Trung ương 7"),
        "{}",
        dump(&ms)
    );
    assert_eq!(m.term.as_deref(), Some("X"), "{}", dump(&ms));
    assert_eq!(
        m.title.as_deref(),
        Some("nông nghiệp, nông dân, nông thôn"),
        "{}",
        dump(&ms)
    );
    // the plenum that adopted it, as the subject: its committee, and the day it did
    let text = "Ngày 5/8/2008, Hội nghị lần thứ 7 của Ban Chấp hành Trung ương Đảng đã thông qua Nghị quyết số 26-NQ/TW về nông nghiệp, nông dân, nông thôn.";
    let ms = run(text);
    let m = one(text, &ms, "26-NQ/TW");
    assert_eq!(
        m.body.as_deref(),
        Some("Ban Chấp hành Trung ương Đảng"),
        "{}",
        dump(&ms)
    );
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2008-08-05"));
}

#[test]
fn s3_a_plenum_and_its_committee_are_one_body() {
    let a =
        "Thực hiện Nghị quyết số 26-NQ/TW ngày 5/8/2008 của Ban Chấp hành Trung ương Đảng khóa X.";
    let b =
        "Sau 15 năm thực hiện Nghị quyết 26-NQ/TW ngày 5-8-2008 của Hội nghị Trung ương 7 khóa X.";
    let mut reports = vec![
        trichdan::corpus::read_bytes("a.txt", a.as_bytes(), false),
        trichdan::corpus::read_bytes("b.txt", b.as_bytes(), false),
    ];
    let graph = trichdan::resolve::resolve(&mut reports);
    assert!(
        graph
            .conflicts
            .iter()
            .all(|c| !c.key.starts_with("26-NQ/TW")),
        "{:?}",
        graph.conflicts
    );
}

#[test]
fn s3_a_provincial_department_s_code_is_local() {
    // "STTTT" is every province's Sở Thông tin và Truyền thông: the place is part of its key
    let text = "UỶ BAN NHÂN DÂN\nXÃ DÂN LỰC\n\nDân Lực, ngày 18 tháng 02 năm 2021\n\nKẾ HOẠCH\n\nThực hiện Kế hoạch số 21/KH-UBND ngày 31/01/2021 của UBND tỉnh Thanh Hóa; Công văn số 197/STTTT ngày 02/2/2021 của Sở Thông tin và Truyền thông.\n";
    let ms = resolved("k.txt", text);
    assert_eq!(
        one(text, &ms, "197/STTTT").key.as_deref(),
        Some("197/STTTT@2021 Thanh Hóa"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s2_a_space_for_the_hyphen_after_so() {
    let text = "Căn cứ Quy chế hoạt động ban hành kèm theo Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013 của Ban Chấp hành Trung ương Đoàn; thực hiện Nghị quyết số 26 NQ/TW về nông nghiệp, nông dân, nông thôn.";
    let ms = run(text);
    let m = one(text, &ms, "84-QĐ/TWĐTN");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2013-02-22"));
    assert!(
        m.warnings.iter().any(|w| w.contains("hyphen")),
        "{}",
        dump(&ms)
    );
    one(text, &ms, "26-NQ/TW");
    // a count is no symbol
    assert_none("Năm 2024, Tỉnh ủy đã ban hành 12 NQ/TU và 30 CT/TU.");
}

#[test]
fn s2_a_ministry_by_its_abbreviated_name() {
    let text = "Thực hiện Công văn số 2191/BNN-TCTL ngày 03 tháng 7 năm 2013 của Bộ Nông nghiệp & PTNT - Tổng cục Thủy Lợi về việc xây dựng kế hoạch. Căn cứ Công văn số 123/BGDĐT-GDTH ngày 5/1/2024 của Bộ GD&ĐT về việc hướng dẫn; Công văn số 45/SNN-KH ngày 2/2/2024 của Sở NN&PTNT tỉnh Quảng Nam.";
    let ms = resolved("r.txt", text);
    let body = |s: &str| one(text, &ms, s).body.clone();
    assert_eq!(
        body("2191/BNN-TCTL").as_deref(),
        Some("Bộ Nông nghiệp & PTNT")
    );
    assert_eq!(body("123/BGDĐT-GDTH").as_deref(), Some("Bộ GD&ĐT"));
    assert_eq!(
        body("45/SNN-KH").as_deref(),
        Some("Sở NN&PTNT tỉnh Quảng Nam")
    );
    assert_eq!(
        one(text, &ms, "45/SNN-KH").key.as_deref(),
        Some("45/SNN-KH@2024 Quảng Nam")
    );
}

#[test]
fn s3_a_ministry_by_two_of_its_names_is_no_conflict() {
    let a = "Thực hiện Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ Giáo dục và Đào tạo.";
    let b = "Căn cứ Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ GD&ĐT.";
    let c = "Theo Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Bộ Chính trị.";
    let d = "Theo Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.";
    let mut reports: Vec<_> = [a, b, c, d]
        .iter()
        .enumerate()
        .map(|(i, t)| trichdan::corpus::read_bytes(&format!("{i}.txt"), t.as_bytes(), false))
        .collect();
    let graph = trichdan::resolve::resolve(&mut reports);
    let keys: Vec<&str> = graph.conflicts.iter().map(|c| c.key.as_str()).collect();
    assert!(!keys.iter().any(|k| k.starts_with("32/2020")), "{keys:?}");
    // the Politburo is not the Central Committee: that one is a finding
    assert!(keys.iter().any(|k| k.starts_with("25-NQ/TW")), "{keys:?}");
}

#[test]
fn s2_an_office_then_a_known_body_across_a_line_break() {
    let text = "Thực hiện Chỉ\nthị số 8008/CT-TCTL ngày 25/10/2019 của Bộ trưởng Bộ Nông nghiệp và Phát triển\nnông thôn về việc tăng cường thực hiện các giải pháp thủy lợi phòng, chống hạn hán.";
    let ms = run(text);
    assert_eq!(
        one(text, &ms, "8008/CT-TCTL").body.as_deref(),
        Some("Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn"),
        "{}",
        dump(&ms)
    );
}

#[test]
fn s1_a_numbers_list_takes_the_body_written_after_the_next_member() {
    let text = "Ban Thường vụ Huyện ủy đã ban hành các Nghị quyết số 01, 02, 03-NQ/HU ngày 15/3/2021 và Nghị quyết số 05-NQ/HU ngày 20/8/2021 của Ban Chấp hành Đảng bộ huyện.";
    let ms = run(text);
    for s in ["01-NQ/HU", "02-NQ/HU", "03-NQ/HU", "05-NQ/HU"] {
        assert_eq!(
            one(text, &ms, s).body.as_deref(),
            Some("Ban Chấp hành Đảng bộ huyện"),
            "{}",
            dump(&ms)
        );
    }
    assert_eq!(
        one(text, &ms, "01-NQ/HU")
            .date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-03-15")
    );
}

#[test]
fn s2_a_type_name_glued_to_the_word_before_it() {
    // a conversion lost the space before the capital of the type name
    let text = "Căn cứ tạiNghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng, \
                theo đề nghị tạiTờ trình số 46/TTr-UBND ngày 5/7/2024 của UBND tỉnh.";
    for t in [text.to_string(), nfd(text)] {
        let ms = run(&t);
        let nq = one(&t, &ms, "25-NQ/TW");
        assert_eq!(
            nfc(&nq.text),
            "Nghị quyết số 25-NQ/TW ngày 03/6/2013",
            "{}",
            dump(&ms)
        );
        assert_type(nq, "Nghị quyết", "NQ", &ms);
        assert_date(nq, "2013-06-03", &ms);
        let tt = one(&t, &ms, "46/TTr-UBND");
        assert!(
            nfc(&tt.text).starts_with("Tờ trình số 46/TTr-UBND"),
            "{}",
            dump(&ms)
        );
        assert_type(tt, "Tờ trình", "TTr", &ms);
        // nothing glued is split in a symbol's code
        assert_eq!(tt.symbol.as_deref(), Some("46/TTr-UBND"));
    }
}
