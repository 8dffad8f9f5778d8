//! The NDJSON export matches the Quickwit and OpenSearch mappings shipped in deploy/.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

fn field_types_opensearch() -> HashMap<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("deploy/opensearch/trichdan.json").unwrap())
            .unwrap();
    assert_eq!(v["mappings"]["dynamic"], "strict");
    v["mappings"]["properties"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, p)| (k.clone(), p["type"].as_str().unwrap().to_string()))
        .collect()
}

fn field_types_quickwit() -> HashMap<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("deploy/quickwit/trichdan.json").unwrap())
            .unwrap();
    assert_eq!(v["doc_mapping"]["mode"], "strict");
    let tokenizers: Vec<String> = v["doc_mapping"]["tokenizers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    v["doc_mapping"]["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            if let Some(t) = f["tokenizer"].as_str() {
                assert!(
                    ["raw", "default"].contains(&t) || tokenizers.iter().any(|x| x == t),
                    "undeclared tokenizer {t}"
                );
            }
            (
                f["name"].as_str().unwrap().to_string(),
                f["type"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fits(ty: &str, v: &serde_json::Value) -> bool {
    match ty {
        "keyword" | "text" => v.is_string(),
        "integer" | "long" | "u64" => v.is_u64(),
        "boolean" | "bool" => v.is_boolean(),
        "date" | "datetime" => v
            .as_str()
            .is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'),
        _ => false,
    }
}

#[test]
fn ndjson_matches_both_mappings() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let exe = env!("CARGO_BIN_EXE_trichdan");
    let seeds: Vec<std::path::PathBuf> = fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let o = Command::new(exe)
        .args(["index", "--index", idx.to_str().unwrap()])
        .args(&seeds)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(exe)
        .args(["export", "--index", idx.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let os = field_types_opensearch();
    let qw = field_types_quickwit();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object().unwrap();
        for (k, val) in obj {
            let t = os
                .get(k)
                .unwrap_or_else(|| panic!("{k} not in the OpenSearch mapping"));
            assert!(fits(t, val), "{k}={val} is not {t} (OpenSearch)");
            let t = qw
                .get(k)
                .unwrap_or_else(|| panic!("{k} not in the Quickwit mapping"));
            assert!(fits(t, val), "{k}={val} is not {t} (Quickwit)");
        }
        *kinds
            .entry(obj["kind"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(kinds["report"], seeds.len());
    assert!(kinds["mention"] > 90 && kinds["document"] > 50);

    // the _bulk form alternates action and source lines
    let o = Command::new(exe)
        .args([
            "export",
            "--format",
            "bulk",
            "--index-name",
            "vn",
            "--index",
            idx.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() % 2, 0);
    for pair in lines.chunks(2) {
        let action: serde_json::Value = serde_json::from_str(pair[0]).unwrap();
        let doc: serde_json::Value = serde_json::from_str(pair[1]).unwrap();
        assert_eq!(action["index"]["_index"], "vn");
        assert_eq!(action["index"]["_id"], doc["id"]);
    }
}
