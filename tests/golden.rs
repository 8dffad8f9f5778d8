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
