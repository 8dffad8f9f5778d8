//! Reading only the windows around possible citations finds exactly what reading the whole
//! text finds, on every real document at hand.

use std::fs;
use std::path::PathBuf;

use trichdan::extract::{extract, extract_whole};
use trichdan::text::decode;

fn texts() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in ["corpus", "../shared/devset"] {
        let Ok(rd) = fs::read_dir(dir) else { continue };
        for e in rd {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let t = decode(&fs::read(&p).unwrap()).text;
                out.push((p, t));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn windows_find_what_the_whole_text_finds() {
    let mut diffs = Vec::new();
    for (p, t) in texts() {
        let a = extract(&t);
        let b = extract_whole(&t);
        let key = |m: &trichdan::extract::Mention| {
            (
                m.start,
                m.end,
                m.symbol.clone(),
                m.date.map(|d| d.to_string()),
                m.body.clone(),
                m.term.clone(),
                m.title.clone(),
                m.relation,
                m.type_name.clone(),
                m.source_mention.map(|i| b_start(&b.mentions, i)),
            )
        };
        fn b_start(ms: &[trichdan::extract::Mention], i: usize) -> usize {
            ms[i].start
        }
        let ka: Vec<_> = a
            .mentions
            .iter()
            .map(|m| {
                let mut k = key(m);
                k.9 = m.source_mention.map(|i| a.mentions[i].start);
                k
            })
            .collect();
        let kb: Vec<_> = b.mentions.iter().map(key).collect();
        if ka != kb {
            for (x, y) in ka.iter().zip(kb.iter()).filter(|(x, y)| x != y).take(3) {
                diffs.push(format!(
                    "{}:\n  windows {x:?}\n  whole   {y:?}",
                    p.display()
                ));
            }
            if ka.len() != kb.len() {
                diffs.push(format!(
                    "{}: {} vs {} mentions",
                    p.display(),
                    ka.len(),
                    kb.len()
                ));
            }
        }
        assert_eq!(a.header.symbol, b.header.symbol, "{}", p.display());
        assert_eq!(a.header.title, b.header.title, "{}", p.display());
        assert_eq!(a.header.province, b.header.province, "{}", p.display());
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}
