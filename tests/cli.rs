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
