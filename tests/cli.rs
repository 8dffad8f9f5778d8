//! The command line as a user meets it: output formats, stdin, exit statuses, messages.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

fn trichdan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trichdan"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = trichdan().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn jsonl_records_follow_the_contract() {
    let (code, out, _) = run(&["extract", "corpus"]);
    assert_eq!(code, 0);
    let mut n = 0;
    for line in out.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "file",
            "start",
            "end",
            "page",
            "text",
            "family",
            "type",
            "type_code",
            "number",
            "year",
            "issuer_code",
            "symbol",
            "key",
            "date",
            "body",
            "term",
            "title",
            "relation",
            "source",
            "warnings",
        ] {
            assert!(r.get(field).is_some(), "missing {field} in {line}");
        }
        // offsets slice the decoded original to the mention
        let file = fs::read_to_string(r["file"].as_str().unwrap()).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let slice = &file[s..e];
        if let Some(num) = r["number"].as_str() {
            assert!(slice.contains(num), "{slice:?} lacks {num}");
        }
        assert!(
            r["key"].is_string(),
            "every mention resolves to a key: {line}"
        );
        assert!(r["source"].is_string());
        n += 1;
    }
    assert!(n >= 90, "{n} records");
}

#[test]
fn json_and_table_formats() {
    let (code, out, _) = run(&[
        "extract",
        "--format",
        "json",
        "corpus/004_28357bb6bacf4e0b.txt",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr[0]["symbol"], "25-NQ/TW");
    assert_eq!(arr[0]["date"], "2013-06-03");
    let (code, out, _) = run(&[
        "extract",
        "--format",
        "table",
        "corpus/004_28357bb6bacf4e0b.txt",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("file") && out.contains("symbol") && out.contains("body"));
    assert!(out.contains("33/CT-TTg") && out.contains("26/11/2021"));
    assert!(out.contains("Thủ tướng Chính phủ"));
}

#[test]
fn reads_stdin() {
    let mut child = trichdan()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(r["file"], "-");
    assert_eq!(r["symbol"], "04/2015/NĐ-CP");
    assert_eq!(r["relation"], "based_on");
}

#[test]
fn unreadable_input_is_named_and_the_rest_is_processed() {
    let (code, out, err) = run(&[
        "extract",
        "no/such/file.txt",
        "corpus/004_28357bb6bacf4e0b.txt",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(out.contains("25-NQ/TW"));
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(&["extract", "--format", "xml", "corpus"]);
    assert_eq!(code, 2);
    assert!(err.contains("xml"));
    let (code, _, _) = run(&["extract"]);
    assert_eq!(code, 2);
}

#[test]
fn utf16_and_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.";
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let p16 = dir.path().join("utf16.txt");
    fs::write(&p16, le).unwrap();
    let mut bad = text.as_bytes().to_vec();
    bad.extend_from_slice(b" \xFF\xFE tail");
    let pbad = dir.path().join("broken.txt");
    fs::write(&pbad, bad).unwrap();
    let (code, out, err) = run(&["extract", p16.to_str().unwrap(), pbad.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    for line in out.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(r["symbol"], "25-NQ/TW");
        assert_eq!(r["date"], "2013-06-03");
    }
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("broken.txt") && warnings[0].contains("UTF-8"));
}

/// jsonl is written as the files are read and resolved at the end (memory holds no record);
/// it must give exactly the records of the json format, which resolves in memory: keys that
/// need the whole collection, an undated citation that fits two documents, across more files
/// than one batch, with an unreadable file among them.
#[test]
fn streamed_jsonl_gives_the_records_of_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("a.txt"),
        "Thực hiện Nghị quyết số 09-NQ/TW ngày 08/01/2002 của Bộ Chính trị (khóa IX) về công tác cựu chiến binh.",
    )
    .unwrap();
    fs::write(
        d.join("b.txt"),
        "Quán triệt Nghị quyết số 09-NQ/TW ngày 09/10/2023 của Bộ Chính trị về xây dựng đội ngũ doanh nhân.",
    )
    .unwrap();
    fs::write(
        d.join("c.txt"),
        "Tiếp tục thực hiện Nghị quyết số 09-NQ/TW của Bộ Chính trị; Kế hoạch số 12-KH/TU.",
    )
    .unwrap();
    fs::write(d.join("broken.pdf"), b"%PDF-1.4 damaged").unwrap();
    for seed in fs::read_dir("corpus").unwrap() {
        let p = seed.unwrap().path();
        fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
    }
    // an undated plan cited in many files, dated in one: every mention resolves to its year
    fs::write(
        d.join("plan.txt"),
        "Căn cứ Kế hoạch số 12-KH/TU ngày 05/3/2021 của Tỉnh ủy Quảng Bình.",
    )
    .unwrap();
    for i in 0..1100 {
        fs::write(
            d.join(format!("r{i:04}.txt")),
            format!(
                "TỈNH ỦY QUẢNG BÌNH\nSố {}-BC/TU\n\nThực hiện Kế hoạch số 12-KH/TU của Tỉnh ủy, năm qua đã tổ chức {i} hội nghị.",
                i + 100
            ),
        )
        .unwrap();
    }
    let path = d.to_str().unwrap();
    let (code_l, out_l, err_l) = run(&["extract", "--format", "jsonl", path]);
    let (code_j, out_j, err_j) = run(&["extract", "--format", "json", path]);
    assert_eq!((code_l, code_j), (1, 1), "{err_l}");
    assert!(
        err_l.contains("broken.pdf") && err_j.contains("broken.pdf"),
        "{err_l}"
    );
    let lines: Vec<serde_json::Value> = out_l
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let all: Vec<serde_json::Value> = serde_json::from_str(&out_j).unwrap();
    assert_eq!(lines.len(), all.len());
    assert_eq!(lines, all);
    let undated = lines
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("c.txt") && r["symbol"] == "09-NQ/TW")
        .expect("c.txt cites 09-NQ/TW");
    assert!(
        undated["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("ambiguous: fits")),
        "{undated}"
    );
    let plan = lines
        .iter()
        .filter(|r| r["symbol"] == "12-KH/TU" && r["file"].as_str().unwrap().contains("/r"))
        .collect::<Vec<_>>();
    assert_eq!(plan.len(), 1100);
    assert!(
        plan.iter().all(|r| r["key"] == "12-KH/TU@2021 Quảng Bình"),
        "{}",
        plan[0]
    );
}
