//! The index on the seeds, in a temporary folder: every question, incremental updates, a process
//! killed while indexing, and the sentences users get when something is wrong.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use trichdan::index::{self, Options};
use trichdan::query::{Archive, SearchQuery};

fn exe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trichdan"))
}

fn seeds_copy(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    fs::create_dir_all(&c).unwrap();
    // the five seeds only (the demo archive in corpus/ holds more)
    for e in fs::read_dir("corpus").unwrap() {
        let p = e.unwrap().path();
        let n = p.file_name().unwrap().to_string_lossy().into_owned();
        if n.starts_with("00") && n.as_bytes().get(3) == Some(&b'_') {
            fs::copy(&p, c.join(&n)).unwrap();
        }
    }
    c
}

fn build(dir: &Path, corpus: &Path) -> index::Summary {
    index::update(
        &dir.join("idx"),
        &[corpus.to_path_buf()],
        &Options::default(),
        &|_| {},
    )
    .unwrap()
}

fn prefix(path: &str) -> String {
    Path::new(path).file_name().unwrap().to_string_lossy()[..3].to_string()
}

#[test]
fn questions_on_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    let s = build(tmp.path(), &corpus);
    assert_eq!((s.files, s.new), (5, 5));
    let a = Archive::open(&tmp.path().join("idx")).unwrap();

    // cited-by 25-NQ/TW: 000, 002, 004, and 003 by title; any spelling of the symbol
    for spelling in ["25-NQ/TW", "25/NQ-TW", "25 - nq/tw", "25-NQ/TW@2013"] {
        let r = a.cited_by(spelling, None, 1, 1000).unwrap();
        assert_eq!(r.targets.len(), 1, "{spelling}");
        assert_eq!(r.targets[0].doc.key, "25-NQ/TW@2013");
        let mut files: Vec<String> = r.rows.iter().map(|x| prefix(&x.citation.file)).collect();
        files.sort();
        files.dedup();
        assert_eq!(files, ["000", "002", "003", "004"], "{spelling}");
        let by_title = r
            .rows
            .iter()
            .find(|x| prefix(&x.citation.file) == "003")
            .unwrap();
        assert!(by_title.citation.sentence.contains("Nghị quyết về"));
    }
    // relation filter
    let r = a
        .cited_by(
            "25-NQ/TW",
            Some(trichdan::extract::Relation::Implements),
            1,
            100,
        )
        .unwrap();
    assert!(!r.rows.is_empty());
    assert!(
        r.rows
            .iter()
            .all(|x| x.citation.relation.as_str() == "implements")
    );
    // transitive: 45-NQ/TW <- 27-CTr/TU <- 108-KH/ĐUK
    let r = a.cited_by("45-NQ/TW", None, 2, 100).unwrap();
    assert!(
        r.rows
            .iter()
            .any(|x| x.depth == 1 && x.citation.source.starts_with("27-CTr/TU"))
    );
    assert!(
        r.rows
            .iter()
            .any(|x| x.depth == 2 && x.citation.source.starts_with("108-KH/ĐUK"))
    );

    // audit 43-NQ/TW shows 111-KH/ĐUK implementing it
    let au = a.audit("43-NQ/TW").unwrap();
    assert!(au[0].tree.iter().any(|n| n.key.starts_with("111-KH/ĐUK")
        && n.evidence.iter().any(|e| e.sentence.contains("111-KH/ĐUK"))));
    // audit 25-NQ/TW: who implements it, and 000 cites it also without implementing? no:
    // every citing report here implements or continues it, so the list is of the others
    let au = a.audit("45-NQ/TW").unwrap();
    let chain = &au[0].tree;
    assert!(chain.iter().any(|n| n.key.starts_with("27-CTr/TU")
        && n.children.iter().any(|c| c.key.starts_with("108-KH/ĐUK"))));
    // the Tỉnh ủy's programme is of the province's level
    let n = chain
        .iter()
        .find(|n| n.key.starts_with("27-CTr/TU"))
        .unwrap();
    assert_eq!(n.level, Some("Tỉnh"), "{:?}", n.body);
    // the Đảng ủy Khối's plan below it: a province's bloc committee, of the province's level
    let k = n
        .children
        .iter()
        .find(|c| c.key.starts_with("108-KH/ĐUK"))
        .unwrap();
    assert_eq!(k.level, Some("Tỉnh"), "{:?} {:?}", k.body, k.place);

    // search without diacritics and case finds the reports with them; phrases work
    let hits = a
        .search(&SearchQuery {
            text: "dan van kheo".into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(hits.total, 5);
    let phrase = a
        .search(&SearchQuery {
            text: "\"DANG UY KHOI\"".into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert!(phrase.total >= 1);
    assert!(phrase.hits.iter().all(|h| !h.highlights.is_empty()));
    // phrases are matched on word pairs; a slop keeps them on the words: the same reports
    let total = |text: &str| {
        a.search(&SearchQuery {
            text: text.into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap()
        .total
    };
    for p in [
        "dân vận khéo",
        "cong tac dan van",
        "Ban Thường vụ Đảng ủy Khối",
        "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "vận dân",
        "quy chế dân chủ ở cơ sở",
    ] {
        let on_pairs = total(&format!("\"{p}\""));
        assert_eq!(on_pairs, total(&format!("\"{p}\"~0")), "{p}");
        assert_eq!(on_pairs > 0, p != "vận dân", "{p}: {on_pairs}");
    }
    // filters
    let nq = a
        .search(&SearchQuery {
            text: "dân vận".into(),
            type_filter: Some("nghị quyết".into()),
            year: Some(2023),
            province: Some("Quảng Bình".into()),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(nq.total, 1);
    assert_eq!(prefix(&nq.hits[0].file), "002");

    // cites: by file and by symbol
    let c = a
        .cites(
            &corpus.join("003_440da34c60843b84.txt").to_string_lossy(),
            100,
        )
        .unwrap();
    assert!(c.rows.iter().any(|x| x.cited == "479-KH/TU@2025 Ninh Bình"));
    let c = a.cites("108-KH/ĐUK", 100).unwrap();
    assert!(c.rows.iter().any(|x| x.cited.starts_with("27-CTr/TU")));

    // show: attributes, spellings, conflicts, cited-by count, the file
    let sh = a.show("05-CT/TW").unwrap();
    assert!(sh[0].conflicts.iter().any(|c| c.kind.as_str() == "date"));
    let sh = a.show("08-NQ/ĐUK").unwrap();
    assert!(sh[0].document.doc.own.is_some());

    // top: the most cited
    let top = a.top(None, None, 5).unwrap();
    assert!(top.iter().any(|t| t.key == "25-NQ/TW@2013"));
    assert!(top.windows(2).all(|w| w[0].cited_in >= w[1].cited_in));
    let top_nq = a.top(Some("NQ"), Some(2020), 10).unwrap();
    assert!(
        top_nq
            .iter()
            .all(|t| t.date.as_deref().unwrap_or("2020") >= "2020")
    );
    assert!(top_nq.iter().any(|t| t.key.starts_with("45-NQ/TW")));

    // an unknown symbol suggests near matches
    let e = a.cited_by("25-NQ/TX", None, 1, 10).unwrap_err().to_string();
    assert!(e.contains("25-NQ/TW@2013"), "{e}");
}

#[test]
fn a_symbol_of_several_documents_asks_about_all_of_them_in_any_spelling() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("corpus");
    fs::create_dir_all(&c).unwrap();
    for (name, text) in [
        (
            "a.txt",
            "Thực hiện Nghị quyết số 09-NQ/TW ngày 08/01/2002 của Bộ Chính trị về cựu chiến binh.",
        ),
        (
            "b.txt",
            "Quán triệt Nghị quyết số 09-NQ/TW ngày 09/10/2023 của Bộ Chính trị về doanh nhân.",
        ),
        (
            "c.txt",
            "Tiếp tục thực hiện Nghị quyết số 09-NQ/TW của Bộ Chính trị.",
        ),
    ] {
        fs::write(c.join(name), text).unwrap();
    }
    build(tmp.path(), &c);
    let a = Archive::open(&tmp.path().join("idx")).unwrap();
    let answer = |q: &str| {
        let r = a.cited_by(q, None, 1, 1000).unwrap();
        let mut keys: Vec<String> = r.targets.iter().map(|t| t.doc.key.clone()).collect();
        keys.sort();
        let mut files: Vec<String> = r.rows.iter().map(|x| prefix(&x.citation.file)).collect();
        files.sort();
        (keys, files)
    };
    let all = answer("09-NQ/TW");
    assert_eq!(all.0, ["09-NQ/TW", "09-NQ/TW@2002", "09-NQ/TW@2023"]);
    assert_eq!(all.1, ["a.t", "b.t", "c.t"]);
    for spelling in ["09-nq/tw", "09/NQ-TW", " 09 - NQ/TW "] {
        assert_eq!(answer(spelling), all, "{spelling}");
    }
    assert_eq!(answer("09-NQ/TW@2023").0, ["09-NQ/TW@2023"]);
}

#[test]
fn command_line_questions_and_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    let idx = tmp.path().join("idx");
    let run =
        |args: &[&str]| -> Output { exe().current_dir(tmp.path()).args(args).output().unwrap() };
    // a missing index says how to build it
    let o = run(&["cited-by", "25-NQ/TW", "--index", idx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("trichdan index"), "{err}");

    // with no PATH, ./corpus; with no --index, ./.trichdan
    let o = run(&["index"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 files") && err.contains("documents") && err.contains("mentions"));
    assert!(tmp.path().join(".trichdan/meta.json").exists());
    let _ = corpus;

    let o = run(&["cited-by", "25/NQ-TW", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["targets"][0]["key"], "25-NQ/TW@2013");
    assert!(v["rows"].as_array().unwrap().len() >= 5);

    for args in [
        vec!["search", "dan van kheo"],
        vec!["search", "dân vận", "--type", "BC", "--json"],
        vec!["cites", "corpus/003_440da34c60843b84.txt"],
        vec!["show", "21-KL/TW"],
        vec!["top", "--limit", "3"],
        vec!["audit", "43-NQ/TW"],
        vec!["audit", "43-NQ/TW", "--json"],
    ] {
        let o = run(&args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
    let o = run(&["audit", "43-NQ/TW"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("111-KH/ĐUK"));
    let o = run(&["show", "25-NQ/TX"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"));
    let o = run(&["search", "x", "--type", "nonsense"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown document type"));
}

#[test]
fn incremental_change_delete_add() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    build(tmp.path(), &corpus);

    // change 004: it now cites 33/CT-TTg no more, and cites 16/CT-TTg instead
    let p4 = corpus.join("004_28357bb6bacf4e0b.txt");
    let t4 = fs::read_to_string(&p4)
        .unwrap()
        .replace("33/CT-TTg", "16/CT-TTg");
    fs::write(&p4, t4).unwrap();
    // delete 001 (the only citer of 16/CT-TTg before), add a new report
    fs::remove_file(corpus.join("001_36f1b5e99e324163.txt")).unwrap();
    fs::write(
        corpus.join("005_new.txt"),
        "BÁO CÁO\n\nThực hiện Kế hoạch số 111-KH/ĐUK ngày 03/6/2024 của Ban Thường vụ Đảng ủy Khối, \
         chi bộ đã tổ chức quán triệt Nghị quyết số 43-NQ/TW ngày 24/11/2023.\n",
    )
    .unwrap();
    let s = build(tmp.path(), &corpus);
    assert_eq!((s.new, s.changed, s.unchanged, s.deleted), (1, 1, 3, 1));

    let a = Archive::open(&tmp.path().join("idx")).unwrap();
    assert!(a.find("33/CT-TTg").is_err(), "gone with the change");
    let r = a.cited_by("16/CT-TTg", None, 1, 100).unwrap();
    let files: Vec<String> = r.rows.iter().map(|x| prefix(&x.citation.file)).collect();
    assert_eq!(files, ["004"], "001 was deleted, 004 changed");
    let r = a.cited_by("111-KH/ĐUK", None, 1, 100).unwrap();
    assert!(r.rows.iter().any(|x| prefix(&x.citation.file) == "005"));
    let r = a.cited_by("05-CT/TW", None, 1, 100).unwrap();
    assert!(r.rows.iter().all(|x| prefix(&x.citation.file) != "001"));
    // the index and its records agree
    let (reports, _, mentions) = a.counts().unwrap();
    assert_eq!(reports, 5);
    assert_eq!(mentions, a.meta.mentions);

    // a run with nothing changed changes nothing, and redoes nothing: the last commit resolved
    // these very files, so its records and citers table stand as they are
    let idx = tmp.path().join("idx");
    let listing = || {
        let mut v: Vec<String> = fs::read_dir(&idx)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let (files_before, answers_before) = (listing(), cited_by_answers(&idx));
    let s = build(tmp.path(), &corpus);
    assert_eq!((s.new, s.changed, s.unchanged, s.deleted), (0, 0, 5, 0));
    let phases: Vec<&str> = s.phases.iter().map(|p| p.0).collect();
    assert_eq!(phases, ["read"], "nothing resolved or written again");
    assert_eq!(
        (s.mentions, s.documents),
        (a.meta.mentions, a.meta.documents)
    );
    assert_eq!(listing(), files_before, "no commit, no file left behind");
    assert_eq!(cited_by_answers(&idx), answers_before);
    drop(a);
    // one byte more in one file, and the collection is resolved again
    let p2 = corpus.join("002_ebe3f063ba1ddde8.txt");
    let mut t2 = fs::read(&p2).unwrap();
    t2.push(b'\n');
    fs::write(&p2, t2).unwrap();
    let s = build(tmp.path(), &corpus);
    assert_eq!((s.new, s.changed, s.unchanged, s.deleted), (0, 1, 4, 0));
    let phases: Vec<&str> = s.phases.iter().map(|p| p.0).collect();
    assert_eq!(
        phases,
        ["read", "resolve", "documents", "reports", "commit"]
    );
    assert_eq!(
        cited_by_answers(&idx),
        answers_before,
        "a blank line cites nothing"
    );
}

#[test]
fn killed_while_indexing_the_index_opens_and_the_next_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    let idx = tmp.path().join("idx");
    build(tmp.path(), &corpus);
    // a bigger batch to kill the indexer in the middle of
    let big = tmp.path().join("big");
    fs::create_dir_all(&big).unwrap();
    let devset: Vec<PathBuf> = fs::read_dir("../shared/devset")
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    let sources: Vec<PathBuf> = if devset.is_empty() {
        fs::read_dir("corpus")
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    } else {
        devset
    };
    for i in 0..12 {
        for p in &sources {
            let name = format!("{i}-{}", p.file_name().unwrap().to_string_lossy());
            fs::copy(p, big.join(name)).unwrap();
        }
    }
    for delay in [30u64, 120, 300, 700] {
        let mut child = exe()
            .args(["index", "--index", idx.to_str().unwrap()])
            .arg(&corpus)
            .arg(&big)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // the last good state opens and answers, consistently
        let a = Archive::open(&idx).unwrap();
        let r = a.cited_by("25-NQ/TW", None, 1, 1000).unwrap();
        assert!(!r.rows.is_empty());
        let (_, _, mentions) = a.counts().unwrap();
        assert_eq!(mentions, a.meta.mentions, "records match the commit");
    }
    // the next run completes the work
    let o = exe()
        .args(["index", "--index", idx.to_str().unwrap()])
        .arg(&corpus)
        .arg(&big)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = Archive::open(&idx).unwrap();
    let (reports, _, mentions) = a.counts().unwrap();
    assert_eq!(
        reports,
        5 + sources.iter().filter(|p| p.is_file()).count() * 12
    );
    assert_eq!(mentions, a.meta.mentions);
    // a second indexer on the same index is refused while the first holds it
    for e in fs::read_dir(&big).unwrap() {
        let p = e.unwrap().path();
        let mut t = fs::read(&p).unwrap();
        t.extend_from_slice(b"\n");
        fs::write(&p, t).unwrap();
    }
    let mut first = exe()
        .args(["index", "--index", idx.to_str().unwrap()])
        .arg(&corpus)
        .arg(&big)
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let second = exe()
        .args(["index", "--index", idx.to_str().unwrap()])
        .arg(&corpus)
        .output()
        .unwrap();
    let first_ok = first.wait().unwrap().success();
    assert!(first_ok);
    if second.status.success() {
        eprintln!(
            "SKIPPED: the first indexer finished before the second started; lock not exercised"
        );
    } else {
        assert!(
            String::from_utf8_lossy(&second.stderr).contains("another trichdan is indexing"),
            "{}",
            String::from_utf8_lossy(&second.stderr)
        );
    }
}

#[test]
fn a_foreign_folder_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let foreign = tmp.path().join("photos");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("a.jpg"), b"\xFF\xD8\xFF").unwrap();
    let o = exe()
        .args(["index", "--index", foreign.to_str().unwrap(), "corpus"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a trichdan index"));
    let names: Vec<String> = fs::read_dir(&foreign)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.jpg"]);
}

/// Every cited-by answer over a generated archive, as JSON: each document, with and without a
/// relation, two levels deep, and a short limit (whose rows at equal dates may be any of them:
/// their dates and the total are compared).
#[test]
fn another_build_reads_every_file_again() {
    // an index written by another build of trichdan (one whose extractor was fixed since) is not
    // taken from its cache: every file is read again, and the answers are as a fresh build's
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    let idx = tmp.path().join("idx");
    build(tmp.path(), &corpus);
    let answers = cited_by_answers(&idx);
    let again = build(tmp.path(), &corpus);
    assert_eq!(
        (again.new, again.unchanged),
        (0, 5),
        "the same build keeps its readings"
    );
    // what another build would have written in the commit's payload
    let meta_path = idx.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&fs::read(&meta_path).unwrap()).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    assert_eq!(
        payload["build"].as_str(),
        index::build_id(),
        "the commit names its build"
    );
    payload["build"] = serde_json::json!("0123456789abcdef");
    meta["payload"] = serde_json::Value::String(payload.to_string());
    fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();

    let s = build(tmp.path(), &corpus);
    assert_eq!(
        (s.new, s.changed, s.unchanged),
        (5, 0, 0),
        "every file read again"
    );
    assert_eq!(s.read.len(), 5);
    let a = Archive::open(&idx).unwrap();
    let (reports, _, mentions) = a.counts().unwrap();
    assert_eq!(reports, 5, "no report twice");
    assert_eq!(mentions, a.meta.mentions);
    drop(a);
    assert_eq!(cited_by_answers(&idx), answers);
}

fn cited_by_answers(idx: &Path) -> Vec<String> {
    use trichdan::extract::Relation;
    let a = Archive::open(idx).unwrap();
    let mut out = Vec::new();
    for key in a.keys().unwrap() {
        for (relation, depth) in [(None, 1), (Some(Relation::Implements), 1), (None, 2)] {
            let r = a.cited_by(&key, relation, depth, 100_000).unwrap();
            out.push(serde_json::to_string(&r).unwrap());
        }
        let r = a.cited_by(&key, None, 1, 3).unwrap();
        let mut dates: Vec<Option<String>> = r.rows.iter().map(|x| x.source_date.clone()).collect();
        dates.sort();
        out.push(format!("{key} {} {dates:?}", r.total));
    }
    out
}

/// Every citation as the table gives it file by file: (file, start, cited, source).
fn all_citations(a: &Archive) -> Vec<(String, u64, String, String)> {
    let mut out = Vec::new();
    a.for_each_record(|r| {
        if r.kind == "mention" {
            out.push((
                r.path.unwrap(),
                r.start.unwrap(),
                r.cited.unwrap(),
                r.source.unwrap(),
            ));
        }
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn the_citations_table_answers_every_way_and_is_written_again_when_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let g = exe()
        .args(["generate", "--count", "400", "--seed", "11"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(g.status.success(), "{}", String::from_utf8_lossy(&g.stderr));
    let idx = tmp.path().join("idx");
    // the same citations, whichever way they are asked for
    let check = |round: &str| {
        let a = Archive::open(&idx).unwrap();
        let all = all_citations(&a);
        assert_eq!(all.len(), a.meta.mentions, "{round}");
        assert!(all.len() > 2000, "{round}: {} citations", all.len());
        let mut by_cited: std::collections::HashMap<&str, usize> = Default::default();
        let mut by_source: std::collections::HashMap<&str, Vec<(&str, u64)>> = Default::default();
        for (file, start, cited, source) in &all {
            *by_cited.entry(cited).or_default() += 1;
            by_source
                .entry(source)
                .or_default()
                .push((file.as_str(), *start));
        }
        let keys = a.keys().unwrap();
        for key in &keys {
            let (rows, total) = a.citations_of(key, None, 100_000).unwrap();
            let want = by_cited.get(key.as_str()).copied().unwrap_or(0);
            assert_eq!((total, rows.len()), (want, want), "{round}: {key}");
            assert!(rows.iter().all(|x| &x.cited == key));
            let (limited, total) = a.citations_of(key, None, 3).unwrap();
            assert_eq!(
                (limited.len(), total),
                (want.min(3), want),
                "{round}: {key}"
            );
        }
        let mut outgoing = 0;
        for (source, mut want) in by_source {
            let Ok(c) = a.cites(source, 100_000) else {
                continue;
            };
            if c.document.doc.key != source {
                continue;
            }
            let got: std::collections::HashSet<(&str, u64)> =
                c.rows.iter().map(|x| (x.file.as_str(), x.start)).collect();
            want.retain(|w| !got.contains(w));
            assert!(want.is_empty(), "{round}: {source} cites {want:?} too");
            outgoing += c.rows.len();
        }
        assert!(outgoing > all.len() / 2, "{round}: {outgoing}");
        // a report's view: its citations in the order of its text
        let (file, ..) = &all[all.len() / 2];
        let view = a.report(file).unwrap().unwrap();
        let want: Vec<u64> = all.iter().filter(|c| &c.0 == file).map(|c| c.1).collect();
        let got: Vec<u64> = view.mentions.iter().map(|c| c.start).collect();
        assert_eq!(got, want, "{round}: {file}");
        let problems = a.verify().unwrap();
        assert!(problems.is_empty(), "{round}: {problems:#?}");
        cited_by_answers(&idx)
    };
    let update = |dir: &Path| {
        index::update(
            dir,
            std::slice::from_ref(&archive),
            &Options::default(),
            &|_| {},
        )
        .unwrap()
    };
    update(&idx);
    check("from scratch");

    // a few files change: the table is written again with their new citations, as a build from
    // scratch of the same files writes it
    let mut files: Vec<PathBuf> = walk(&archive);
    files.sort();
    for p in files.iter().step_by(37) {
        let mut b = fs::read(p).unwrap();
        if std::str::from_utf8(&b).is_ok() {
            b.extend_from_slice(
                "\nThực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.\n"
                    .as_bytes(),
            );
            fs::write(p, b).unwrap();
        }
    }
    fs::remove_file(&files[5]).unwrap();
    let s = update(&idx);
    assert!(s.changed > 5 && s.deleted == 1, "{s:?}");
    let answers = check("after a change");
    let fresh = tmp.path().join("fresh");
    update(&fresh);
    let from_scratch = cited_by_answers(&fresh);
    assert_eq!(answers.len(), from_scratch.len());
    for (a, b) in answers.iter().zip(&from_scratch) {
        assert!(a == b, "incremental = from scratch:\n{a}\n{b}");
    }

    // the table is lost: searching still works, questions about citations say what to do,
    // verify says what is missing, and the next run writes it again though no file changed
    let table: Vec<PathBuf> = fs::read_dir(&idx)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("citers-")
        })
        .collect();
    assert_eq!(table.len(), 1, "one citations table, of the last commit");
    fs::remove_file(&table[0]).unwrap();
    let out = exe()
        .args(["cited-by", "25-NQ/TW", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("citers-")
            && err.contains("citations table")
            && err.contains("trichdan index"),
        "{err}"
    );
    let found = exe()
        .args(["search", "Nghị quyết", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(found.status.success() && !found.stdout.is_empty());
    let problems = Archive::open(&idx).unwrap().verify().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("citations table citers-") && p.contains("cannot be read")),
        "{problems:#?}"
    );
    let s = index::update(&idx, &[archive], &Options::default(), &|_| {}).unwrap();
    assert_eq!((s.new, s.changed, s.deleted), (0, 0, 0));
    assert!(answers == check("written again"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if !p.to_string_lossy().ends_with(".jsonl") {
            out.push(p);
        }
    }
    out
}
