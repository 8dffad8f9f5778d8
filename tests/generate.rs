//! The archive generator: determinism, sane files, and the extractor's recall on what it plants.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use trichdan::extract::extract;
use trichdan::generate::{Options, Stats, file_name, truth_path, write_archive};
use trichdan::text::{Encoding, decode};
use unicode_normalization::UnicodeNormalization;

fn make(dir: &Path, count: usize, seed: u64, utf16_every: usize) -> Stats {
    write_archive(
        dir,
        &Options {
            count,
            seed,
            utf16_every,
            // legacy 8-bit files at a third of the UTF-16 rate
            legacy_every: utf16_every * 3,
        },
    )
    .expect("write archive")
}

fn truth(dir: &Path) -> Vec<Value> {
    fs::read_to_string(truth_path(dir))
        .expect("truth file")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad truth line {l}: {e}")))
        .collect()
}

#[test]
fn same_seed_same_bytes() {
    let t = tempfile::tempdir().unwrap();
    let (a, b, c, d) = (
        t.path().join("a"),
        t.path().join("b"),
        t.path().join("c"),
        t.path().join("d"),
    );
    let sa = make(&a, 60, 7, 6);
    let sb = make(&b, 60, 7, 6);
    make(&c, 60, 8, 6);
    make(&d, 25, 7, 6);
    assert_eq!(sa, sb);
    let read = |dir: &Path, i: usize| fs::read(dir.join(file_name(i))).unwrap();
    for i in 0..60 {
        assert_eq!(
            read(&a, i),
            read(&b, i),
            "file {i} differs under the same seed"
        );
    }
    assert_eq!(
        fs::read(truth_path(&a)).unwrap(),
        fs::read(truth_path(&b)).unwrap()
    );
    let differ = (0..60).filter(|&i| read(&a, i) != read(&c, i)).count();
    assert!(
        differ > 55,
        "only {differ} of 60 files differ under another seed"
    );
    // the first files do not depend on how many are asked for
    for i in 0..25 {
        assert_eq!(read(&a, i), read(&d, i), "file {i} depends on count");
    }
}

#[test]
fn two_hundred_sane_files() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("arch");
    let st = make(&dir, 200, 42, 10);
    assert_eq!(st.files, 200);
    // the truth is next to the archive, not in it
    assert_eq!(truth_path(&dir), t.path().join("arch.truth.jsonl"));
    let listed: Vec<_> = fs::read_dir(&dir).unwrap().collect();
    assert_eq!(listed.len(), 200);
    let mut utf8_total = 0u64;
    let mut utf8_files = 0u64;
    for i in 0..200 {
        let bytes = fs::read(dir.join(file_name(i))).unwrap();
        let n = bytes.len();
        assert!((1_500..=80_000).contains(&n), "file {i} has {n} bytes");
        let dec = decode(&bytes);
        assert!(dec.warnings.is_empty(), "file {i}: {:?}", dec.warnings);
        assert!(!dec.text.contains('\u{FFFD}'), "file {i} decodes badly");
        let legacy = (i + 1 + 15) % 30 == 0;
        if legacy {
            assert!(
                matches!(
                    dec.encoding,
                    Encoding::Tcvn3 | Encoding::Vni | Encoding::Windows1258
                ),
                "file {i} should be in a legacy encoding, read as {}",
                dec.encoding.name()
            );
            assert!(trichdan::text::fold_str(&dec.text).contains("noi nhan"));
            continue;
        }
        assert!(
            dec.text.contains("Nơi nhận")
                || dec.text.nfc().collect::<String>().contains("Nơi nhận")
        );
        if (i + 1) % 10 == 0 {
            assert!(
                matches!(dec.encoding, Encoding::Utf16Le | Encoding::Utf16Be),
                "file {i} should be UTF-16"
            );
        } else {
            assert!(matches!(dec.encoding, Encoding::Utf8 | Encoding::Utf8Bom));
            utf8_total += n as u64;
            utf8_files += 1;
        }
    }
    let mean = utf8_total / utf8_files;
    assert!((6_000..=16_000).contains(&mean), "mean size {mean}");
    let tr = truth(&dir);
    assert_eq!(tr.len(), st.citations);
    let rels = [
        "implements",
        "based_on",
        "continues",
        "disseminates",
        "copies",
        "mentions",
    ];
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    for v in &tr {
        let file = v["file"].as_str().unwrap();
        assert!(dir.join(file).exists());
        *per_file.entry(file).or_default() += 1;
        let sym = v["symbol"].as_str().unwrap();
        assert!(
            sym.contains('/') && !sym.contains('Ð') && !sym.contains(' '),
            "{sym}"
        );
        if let Some(d) = v["date"].as_str() {
            assert_eq!(d.len(), 10, "{d}");
            assert_eq!(v["year"].as_u64(), d[..4].parse::<u64>().ok());
        }
        assert!(rels.contains(&v["relation"].as_str().unwrap()), "{v}");
        assert!(v["source"].as_str().is_some_and(|s| s.contains('/')));
    }
    assert_eq!(per_file.len(), 200, "every file cites something");
    let avg = tr.len() as f64 / 200.0;
    assert!((4.0..=25.0).contains(&avg), "{avg} citations a file");
}

/// Where a symbol stands in a text, for a human to look at.
fn context(text: &str, symbol: &str) -> String {
    let t: String = text.nfc().collect::<String>().replace('Ð', "Đ");
    let num_end = symbol.find(['-', '/']).unwrap_or(symbol.len());
    let num = &symbol[..num_end];
    let tail = symbol.rsplit(['/', '-']).next().unwrap_or("");
    let b = t.as_bytes();
    let mut best = None;
    for (k, _) in t.match_indices(num) {
        let before_ok = k == 0 || !b[k - 1].is_ascii_digit();
        let after_ok = b.get(k + num.len()).is_none_or(|c| !c.is_ascii_digit());
        if !before_ok || !after_ok {
            continue;
        }
        let mut e = (k + 60).min(t.len());
        while !t.is_char_boundary(e) {
            e -= 1;
        }
        let win: String = t[k..e].chars().filter(|c| !c.is_whitespace()).collect();
        if win.to_lowercase().contains(&tail.to_lowercase()) {
            best = Some(k);
            break;
        }
    }
    let Some(k) = best else {
        return "(not found in the text)".into();
    };
    let mut a = k.saturating_sub(150);
    while !t.is_char_boundary(a) {
        a -= 1;
    }
    let mut e = (k + 150).min(t.len());
    while !t.is_char_boundary(e) {
        e += 1;
    }
    t[a..e].replace("\r\n", "⏎").replace('\n', "⏎")
}

#[test]
fn extractor_recall() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("recall");
    let n = 2000;
    let t0 = Instant::now();
    let st = make(&dir, n, 2024, 25);
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "generated {n} files, {} bytes ({} a file), {} citations, in {secs:.2}s: {:.0} files/s",
        st.bytes,
        st.bytes / n as u64,
        st.citations,
        n as f64 / secs
    );
    let tr = truth(&dir);
    // what the extractor finds: file → symbol → dates
    let mut found: HashMap<String, HashMap<String, HashSet<Option<String>>>> = HashMap::new();
    // and how often: (file, symbol) and (file, symbol, date) → extracted mentions
    let mut found_n: HashMap<(String, String), usize> = HashMap::new();
    let mut found_dn: HashMap<(String, String, String), usize> = HashMap::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut own_ok = 0usize;
    let mut own_total = 0usize;
    let mut own_of: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for v in &tr {
        *own_of
            .entry(v["file"].as_str().unwrap().to_string())
            .or_default()
            .entry(v["source"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let t1 = Instant::now();
    for i in 0..n {
        let name = file_name(i);
        let dec = decode(&fs::read(dir.join(&name)).unwrap());
        let ex = extract(&dec.text);
        let m = found.entry(name.clone()).or_default();
        for mention in &ex.mentions {
            if let Some(s) = &mention.symbol {
                m.entry(s.clone())
                    .or_default()
                    .insert(mention.date.map(|d| d.to_string()));
                *found_n.entry((name.clone(), s.clone())).or_default() += 1;
                if let Some(d) = mention.date {
                    *found_dn
                        .entry((name.clone(), s.clone(), d.to_string()))
                        .or_default() += 1;
                }
            }
        }
        if let Some(own) = own_of
            .get(&name)
            .and_then(|c| c.iter().max_by_key(|(s, k)| (**k, (*s).clone())))
        {
            own_total += 1;
            if ex.header.symbol.as_deref() == Some(own.0.as_str()) {
                own_ok += 1;
            } else if std::env::var_os("GENERATE_SHOW").is_some() {
                println!(
                    "own symbol of {name}: planted {}, read {:?}",
                    own.0, ex.header.symbol
                );
            }
        }
        texts.insert(name, dec.text);
    }
    println!("extracted in {:.2}s", t1.elapsed().as_secs_f64());

    let mut pairs: HashSet<(&str, &str)> = HashSet::new();
    let mut dates: HashSet<(&str, &str, &str)> = HashSet::new();
    let mut example: HashMap<(&str, &str), &str> = HashMap::new();
    for v in &tr {
        let f = v["file"].as_str().unwrap();
        let s = v["symbol"].as_str().unwrap();
        pairs.insert((f, s));
        example.entry((f, s)).or_insert(v["text"].as_str().unwrap());
        if let Some(d) = v["date"].as_str() {
            dates.insert((f, s, d));
        }
    }
    let mut pair_miss: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .filter(|(f, s)| !found.get(*f).is_some_and(|m| m.contains_key(*s)))
        .collect();
    pair_miss.sort();
    let mut date_miss: Vec<(&str, &str, &str)> = dates
        .iter()
        .copied()
        .filter(|(f, s, d)| {
            !found
                .get(*f)
                .and_then(|m| m.get(*s))
                .is_some_and(|ds| ds.contains(&Some(d.to_string())))
        })
        .collect();
    date_miss.sort();
    let recall = 1.0 - pair_miss.len() as f64 / pairs.len() as f64;
    let date_recall = 1.0 - date_miss.len() as f64 / dates.len() as f64;
    println!(
        "symbols: {} of {} (file, symbol) pairs found, recall {:.2}%",
        pairs.len() - pair_miss.len(),
        pairs.len(),
        100.0 * recall
    );
    println!(
        "dates: {} of {} planted dates extracted, recall {:.2}%",
        dates.len() - date_miss.len(),
        dates.len(),
        100.0 * date_recall
    );
    println!(
        "own header symbol read in {own_ok} of {own_total} files ({:.1}%)",
        100.0 * own_ok as f64 / own_total.max(1) as f64
    );
    let show = |out: &mut String| {
        out.push_str("missed symbols:\n");
        for (f, s) in pair_miss.iter().take(20) {
            out.push_str(&format!(
                "  {f} {s}\n    planted: {}\n    text: {}\n",
                example[&(*f, *s)],
                context(&texts[*f], s)
            ));
        }
        out.push_str("missed dates:\n");
        for (f, s, d) in date_miss.iter().take(20) {
            let got = found.get(*f).and_then(|m| m.get(*s));
            out.push_str(&format!(
                "  {f} {s} {d} (extracted {got:?})\n    text: {}\n",
                context(&texts[*f], s)
            ));
        }
    };
    let mut report = String::new();
    show(&mut report);

    // The same per mention (diagnostic only): a document cited three times in a file should be
    // found three times, each dated mention with its date. This shows shapes that the pair
    // measures hide when another mention of the same document in the file is read.
    let mut planted_n: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    let mut planted_dn: HashMap<(&str, &str, &str), Vec<&str>> = HashMap::new();
    for v in &tr {
        let (f, s) = (v["file"].as_str().unwrap(), v["symbol"].as_str().unwrap());
        let text = v["text"].as_str().unwrap();
        planted_n.entry((f, s)).or_default().push(text);
        if let Some(d) = v["date"].as_str() {
            planted_dn.entry((f, s, d)).or_default().push(text);
        }
    }
    let short = |planted: usize, got: usize| planted.saturating_sub(got);
    let mut m_miss: Vec<(&str, &str, usize, &Vec<&str>)> = vec![];
    for ((f, s), texts) in &planted_n {
        let got = found_n
            .get(&(f.to_string(), s.to_string()))
            .copied()
            .unwrap_or(0);
        if short(texts.len(), got) > 0 {
            m_miss.push((f, s, short(texts.len(), got), texts));
        }
    }
    let mut d_miss: Vec<(&str, &str, &str, usize, &Vec<&str>)> = vec![];
    for ((f, s, d), texts) in &planted_dn {
        let got = found_dn
            .get(&(f.to_string(), s.to_string(), d.to_string()))
            .copied()
            .unwrap_or(0);
        if short(texts.len(), got) > 0 {
            d_miss.push((f, s, d, short(texts.len(), got), texts));
        }
    }
    m_miss.sort();
    d_miss.sort();
    let m_total: usize = planted_n.values().map(Vec::len).sum();
    let d_total: usize = planted_dn.values().map(Vec::len).sum();
    let m_missed: usize = m_miss.iter().map(|x| x.2).sum();
    let d_missed: usize = d_miss.iter().map(|x| x.3).sum();
    println!(
        "per mention: {} of {m_total} symbol mentions ({:.2}%), {} of {d_total} dated mentions with their date ({:.2}%)",
        m_total - m_missed,
        100.0 * (1.0 - m_missed as f64 / m_total as f64),
        d_total - d_missed,
        100.0 * (1.0 - d_missed as f64 / d_total as f64)
    );
    if std::env::var_os("GENERATE_SHOW").is_some() {
        println!("mentions short of what was planted (missed count, planted texts):");
        for (f, s, k, texts) in
            m_miss
                .iter()
                .take(if std::env::var_os("GENERATE_SHOW_ALL").is_some() {
                    usize::MAX
                } else {
                    40
                })
        {
            println!("  {f} {s} -{k}: {texts:?}");
        }
        println!("dated mentions without their date (missed count, planted texts):");
        for (f, s, d, k, texts) in
            d_miss
                .iter()
                .take(if std::env::var_os("GENERATE_SHOW_ALL").is_some() {
                    usize::MAX
                } else {
                    60
                })
        {
            println!("  {f} {s} {d} -{k}: {texts:?}");
        }
    }
    if std::env::var_os("GENERATE_SHOW").is_some() {
        println!("{report}");
    }
    // Measured on this archive: symbols 99.8%, dates 97.4%. What the extractor still misses (run
    // with GENERATE_SHOW=1 to list them), all shapes of real archives:
    // - the date written before the symbol: "Ngày 20/6/2020, Ban Thường vụ Huyện ủy đã ký ban
    //   hành Kế hoạch số 173-KH/HU" (most of the date misses);
    // - a footnote marker between symbol and date: "Thông tư số 87/2019/TT–BTC[4] ngày 02
    //   tháng 9 năm 2019" (`<sup>4</sup>` is read);
    // - a PDF page number inside a date: "Nghị quyết số 47–NQ/TW, ngày ⏎⏎3 ⏎⏎14/12/2004";
    // - the body before the date: "Thông tư số 93/2019/TT-BTC của Bộ trưởng Bộ Tài chính ngày
    //   22 tháng 9 năm 2019";
    // - OCR confusions in scanned files: "59-NQ/TVV", "l69/KH-UBND", "O8-KH/ĐUK";
    // - a symbol glued to the next word: "1–NQ/TUngày 4/10/2025", "29-CTr/TUcủa".
    const SYMBOL_RECALL: f64 = 0.97;
    const DATE_RECALL: f64 = 0.95;
    assert!(
        recall >= SYMBOL_RECALL && date_recall >= DATE_RECALL,
        "recall {:.2}% (want {:.0}%), date recall {:.2}% (want {:.0}%)\n{report}",
        100.0 * recall,
        100.0 * SYMBOL_RECALL,
        100.0 * date_recall,
        100.0 * DATE_RECALL
    );
}

/// Writes an archive to keep and look at: `GENERATE_DIR=/tmp/arch GENERATE_COUNT=2000
/// cargo test --release --test generate write_sample -- --ignored --nocapture`.
#[test]
#[ignore]
fn write_sample() {
    let dir = std::env::var("GENERATE_DIR").unwrap_or_else(|_| "/tmp/trichdan-archive".into());
    let count = std::env::var("GENERATE_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000);
    let seed = std::env::var("GENERATE_SEED")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let t0 = Instant::now();
    let st = make(Path::new(&dir), count, seed, 50);
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{st:?} in {secs:.2}s: {:.0} files/s, {} bytes a file, truth in {}",
        count as f64 / secs,
        st.bytes / count.max(1) as u64,
        truth_path(Path::new(&dir)).display()
    );
}
