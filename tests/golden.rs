//! Golden test: the citations of the five seed reports, written down by reading the texts
//! (tests/golden/seeds.tsv), against what the extractor finds.

use std::fs;

use trichdan::extract::{Family, extract};
use trichdan::text::decode;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    kind: String,
    name: String,
    date: String,
    type_name: String,
    body: String,
    term: String,
}

fn golden() -> Vec<(String, Row)> {
    let text = fs::read_to_string("tests/golden/seeds.tsv").unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (
                c[0].to_string(),
                Row {
                    kind: c[1].to_string(),
                    name: c[2].to_string(),
                    date: c[3].to_string(),
                    type_name: c[4].to_string(),
                    body: c[5].to_string(),
                    term: c[6].to_string(),
                },
            )
        })
        .collect()
}

fn seed_path(prefix: &str) -> String {
    let dir = "corpus";
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{prefix}_"))
        })
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn dash(s: Option<&str>) -> String {
    s.map(str::to_string).unwrap_or_else(|| "-".into())
}

/// Consecutive identical rows count once ("khóa XII, XII" may give one record or two).
fn dedup(mut v: Vec<Row>) -> Vec<Row> {
    v.dedup();
    v
}

#[test]
fn seeds_match_golden() {
    let gold = golden();
    let mut failures = vec![];
    let mut total_num = 0;
    for prefix in ["000", "001", "002", "003", "004"] {
        let bytes = fs::read(seed_path(prefix)).unwrap();
        let x = extract(&decode(&bytes).text);
        let want: Vec<Row> = gold
            .iter()
            .filter(|(f, r)| f == prefix && r.kind != "own")
            .map(|(_, r)| r.clone())
            .collect();
        let got: Vec<Row> = x
            .mentions
            .iter()
            .map(|m| {
                let titled = m.family == Family::Named && m.symbol.is_none() && m.named_is_title();
                Row {
                    kind: match (m.family, titled) {
                        (Family::Named, true) => "title".into(),
                        (Family::Named, false) => "named".into(),
                        _ => "num".into(),
                    },
                    name: if titled {
                        m.title.clone().unwrap_or_default()
                    } else {
                        m.symbol.clone().unwrap_or_else(|| m.text.clone())
                    },
                    date: m.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    type_name: dash(m.type_name.as_deref()),
                    body: dash(m.body.as_deref()),
                    term: dash(m.term.as_deref()),
                }
            })
            .collect();
        total_num += got.iter().filter(|r| r.kind == "num").count();
        // numbered citations: exactly, in order
        let wn: Vec<&Row> = want.iter().filter(|r| r.kind == "num").collect();
        let gn: Vec<&Row> = got.iter().filter(|r| r.kind == "num").collect();
        for i in 0..wn.len().max(gn.len()) {
            if wn.get(i) != gn.get(i) {
                failures.push(format!(
                    "{prefix} #{i}\n  want {:?}\n  got  {:?}",
                    wn.get(i),
                    gn.get(i)
                ));
            }
        }
        // named and title references: the name as written starts the record's text
        let wnm = dedup(want.into_iter().filter(|r| r.kind != "num").collect());
        let gnm = dedup(got.into_iter().filter(|r| r.kind != "num").collect());
        for i in 0..wnm.len().max(gnm.len()) {
            let ok = match (wnm.get(i), gnm.get(i)) {
                (Some(w), Some(g)) => {
                    w.kind == g.kind
                        && g.name.starts_with(&w.name)
                        && w.term == g.term
                        && w.type_name == g.type_name
                }
                _ => false,
            };
            if !ok {
                failures.push(format!(
                    "{prefix} named #{i}\n  want {:?}\n  got  {:?}",
                    wnm.get(i),
                    gnm.get(i)
                ));
            }
        }
    }
    assert_eq!(total_num, 70, "the seeds hold 70 numbered citations");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn own_header_symbol_is_not_a_citation() {
    let bytes = fs::read(seed_path("002")).unwrap();
    let x = extract(&decode(&bytes).text);
    assert_eq!(x.header.symbol.as_deref(), Some("08-NQ/ĐUK"));
    assert!(
        x.mentions
            .iter()
            .all(|m| m.symbol.as_deref() != Some("08-NQ/ĐUK"))
    );
}

#[test]
fn a_conclusion_of_a_person_is_issued_by_the_office() {
    // the header of 432-TB/VPTW (devset 09) as the portal holds it: the notice gives the
    // conclusion "CỦA ĐỒNG CHÍ TỔNG BÍ THƯ", the Office of the Central Committee issues it
    let text = "BAN CHẤP HÀNH\nTRUNG ƯƠNG\n**VĂN PHÒNG**\n*****\n|\n**ĐẢNG CỘNG\nSẢN VIỆT NAM**\n\
        ---------------\n|\n|\nSố 432-TB/VPTW\n|\n*Hà Nội, ngày\n26 tháng 11 năm 2025*\n|\n\
        **THÔNG BÁO KẾT LUẬN**\nCỦA ĐỒNG CHÍ TỔNG BÍ THƯ\nTẠI BUỔI LÀM VIỆC VỚI ĐẢNG UỶ BỘ Y TẾ \
        VÀ CÁC BAN, BỘ, NGÀNH TRUNG ƯƠNG VỀ\nCÔNG TÁC CHĂM SÓC VÀ BẢO VỆ TRẺ EM CÓ HOÀN CẢNH ĐẶC \
        BIỆT\n**-----**\nNgày 24/11/2025, tại Trụ sở\nTrung ương Đảng, đồng chí Tổng Bí thư đã có \
        buổi làm việc với Đảng uỷ Bộ Y tế,\ncác ban, bộ, ngành Trung ương và địa phương về công \
        tác chăm sóc\nvà bảo vệ trẻ em có hoàn cảnh đặc biệt khó khăn. Sau khi nghe Đảng uỷ Bộ Y \
        tế\nbáo cáo, ý kiến của các cơ quan liên quan, đồng chí Tổng Bí thư kết luận như\nsau:\n";
    let x = extract(text);
    assert_eq!(x.header.symbol.as_deref(), Some("432-TB/VPTW"));
    assert_eq!(
        x.header.body.as_deref(),
        Some("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG")
    );
    assert!(x.mentions.is_empty(), "{:?}", x.mentions);
    // a body after "CỦA" is still read: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" under the type (seed 001)
    let bytes = fs::read(seed_path("001")).unwrap();
    let x = extract(&decode(&bytes).text);
    let body = x.header.body.unwrap_or_default();
    assert!(body.contains("BAN THƯỜNG VỤ TỈNH ỦY"), "{body}");
}

#[test]
fn a_portals_commentary_after_the_document_is_not_the_documents() {
    // corpus/13 (devset 13): the portal reproduces Công văn 9671-CV/BTCTW, closes it with "Trên
    // đây là "Toàn văn Công văn 9671-CV/BTCTW 2025 …"" and answers questions of its own, citing
    // Nghị quyết 71-NQ/TW, 72-NQ/TW and Công văn 10989/BNV-TCBC, which the letter does not cite
    let bytes = fs::read("corpus/13_btctw-cv-9671-vi-tri-viec-lam-bien-che.txt").unwrap();
    let text = decode(&bytes).text;
    let closing = text
        .find("Trên đây là \"Toàn văn")
        .expect("the portal's closing");
    let x = extract(&text);
    assert!(!x.mentions.is_empty());
    assert!(
        x.mentions.iter().all(|m| m.start < closing),
        "{:?}",
        x.mentions
    );
    for s in ["71-NQ/TW", "72-NQ/TW", "10989/BNV-TCBC"] {
        assert!(
            x.mentions.iter().all(|m| m.symbol.as_deref() != Some(s)),
            "{s}"
        );
    }
    // corpus/26 (devset 26): the portal's commentary on Nghị định 243/2025/NĐ-CP quotes its
    // Điều 81 ("Điều 81 Nghị định 243/2025/NĐ-CP nêu rõ hiệu lực thi hành như sau:"): the decree's
    // own words, whose repeals are the decree's; the portal's question after it is not
    let bytes = fs::read("corpus/26_cp-nd-243-2025-ppp.txt").unwrap();
    let text = decode(&bytes).text;
    let closing = text.find("Trên đây là \"Toàn văn").unwrap();
    let x = extract(&text);
    assert_eq!(x.header.symbol.as_deref(), Some("243/2025/NĐ-CP"));
    let after: Vec<(&str, &str)> = x
        .mentions
        .iter()
        .filter(|m| m.start > closing && m.source_mention.is_none())
        .filter_map(|m| Some((m.symbol.as_deref()?, m.relation.as_str())))
        .collect();
    assert_eq!(
        after,
        [
            ("35/2021/NĐ-CP", "repeals"),
            ("35/2021/NĐ-CP", "mentions"),
            ("71/2025/NĐ-CP", "repeals"),
            ("125/2025/NĐ-CP", "amends")
        ],
        "{:?}",
        x.mentions
    );
    let questions = text[closing..].find("Quý khách cần hỏi thêm").unwrap() + closing;
    assert!(x.mentions.iter().all(|m| m.start < questions));
    // a document's own closing ("Trên đây là Kế hoạch triển khai …") keeps what follows
    let text = "Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị.\n\nTrên đây là \
        Kế hoạch triển khai Đợt thi đua.\n\nNơi nhận: theo Kế hoạch số 12-KH/TU.\n";
    let x = extract(text);
    let symbols: Vec<&str> = x
        .mentions
        .iter()
        .filter_map(|m| m.symbol.as_deref())
        .collect();
    assert_eq!(symbols, ["45-CT/TW", "12-KH/TU"]);
}
