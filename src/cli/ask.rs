//! The index commands: `index` with its progress bar and summary, and the questions, printed as
//! tables for people or as JSON for scripts.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use comfy_table::Table;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use trichdan::extract::Relation;
use trichdan::index::{self, Options, Progress};
use trichdan::query::{Archive, AuditNode, SearchQuery};

use super::print::table;

fn out() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

fn json<T: Serialize>(v: &T) -> Result<i32> {
    let mut o = out();
    serde_json::to_writer_pretty(&mut o, v)?;
    writeln!(o)?;
    o.flush()?;
    Ok(0)
}

fn dash(s: Option<&str>) -> String {
    s.filter(|x| !x.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| "—".into())
}

/// "2013-06-03" as "03/06/2013".
fn vn_date(s: Option<&str>) -> String {
    match s.map(|x| x.split('-').collect::<Vec<_>>()) {
        Some(p) if p.len() == 3 => format!("{}/{}/{}", p[2], p[1], p[0]),
        _ => "—".into(),
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{}…", t.trim_end())
    }
}

pub fn index(
    dir: &Path,
    memory: usize,
    paths: Vec<PathBuf>,
    read: &super::ReadArgs,
) -> Result<i32> {
    let (encoding, verbose) = (read.encoding, read.verbose);
    let paths = if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    };
    let bar = if io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} files ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b.set_message("reading");
        Some(b)
    } else {
        None
    };
    let progress = |p: Progress| {
        if let Some(b) = &bar {
            match p {
                Progress::Files { done, total } => {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                }
                Progress::Resolving => b.set_message("resolving"),
                Progress::Committing => b.set_message("committing"),
            }
        }
    };
    let opts = Options {
        memory_mb: memory,
        encoding,
        ocr: read.ocr,
        ..Options::default()
    };
    let summary = index::update(dir, &paths, &opts, &progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let s = summary?;
    if verbose {
        for (path, enc) in &s.read {
            eprintln!("trichdan: read {path} as {enc}");
        }
        for (name, secs, rss) in &s.phases {
            let mem = rss
                .map(|m| format!(", {m} MB resident"))
                .unwrap_or_default();
            eprintln!("trichdan: {name}: {secs:.2} s{mem}");
        }
    }
    for k in &s.skipped {
        eprintln!("trichdan: skipped {}: {}", k.path, k.reason);
    }
    eprintln!(
        "indexed {} files into {} ({} new, {} changed, {} unchanged, {} removed, {} skipped): \
         {} documents, {} mentions, {} conflicts in {:.2} s",
        s.files,
        dir.display(),
        s.new,
        s.changed,
        s.unchanged,
        s.deleted,
        s.skipped.len(),
        s.documents,
        s.mentions,
        s.conflicts,
        s.seconds
    );
    Ok(if s.skipped.is_empty() { 0 } else { 1 })
}

pub fn search(a: &Archive, q: &SearchQuery, as_json: bool) -> Result<i32> {
    let r = a.search(q)?;
    if as_json {
        return json(&r);
    }
    let mut o = out();
    let color = io::stdout().is_terminal();
    writeln!(o, "{} report(s) match “{}”", r.total, q.text)?;
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(
            o,
            "\n{}. {}  {}  {}",
            i + 1,
            h.file,
            dash(h.symbol.as_deref()),
            vn_date(h.date.as_deref())
        )?;
        if let Some(t) = &h.title {
            writeln!(o, "   {} {}", dash(h.type_name.as_deref()), short(t, 120))?;
        }
        // the snippet with its matches marked: bold on a terminal, «…» otherwise
        let mut line = String::new();
        let mut at = 0;
        for &(s, e) in &h.highlights {
            if s < at || e > h.snippet.len() {
                continue;
            }
            line.push_str(&h.snippet[at..s]);
            if color {
                line.push_str(&format!("\x1b[1m{}\x1b[0m", &h.snippet[s..e]));
            } else {
                line.push_str(&format!("«{}»", &h.snippet[s..e]));
            }
            at = e;
        }
        line.push_str(&h.snippet[at..]);
        writeln!(o, "   {}", line.replace('\n', " "))?;
    }
    o.flush()?;
    Ok(0)
}

pub fn cited_by(
    a: &Archive,
    symbol: &str,
    relation: Option<Relation>,
    depth: usize,
    limit: usize,
    as_json: bool,
) -> Result<i32> {
    let r = a.cited_by(symbol, relation, depth, limit)?;
    if as_json {
        return json(&r);
    }
    let mut o = out();
    for t in &r.targets {
        writeln!(
            o,
            "{} — {} {}, cited in {} file(s)",
            t.doc.key,
            dash(t.doc.types.first().map(String::as_str)),
            dash(t.doc.titles.first().map(|s| short(s, 80)).as_deref()),
            t.cited_in_count
        )?;
        if !t.doc.ambiguous.is_empty() {
            writeln!(
                o,
                "  (undated mentions that fit: {})",
                t.doc.ambiguous.join(", ")
            )?;
        }
    }
    let mut t = table(&[
        "cited",
        "cited by",
        "date",
        "type",
        "relation",
        "file:line",
        "sentence",
    ]);
    for row in &r.rows {
        let c = &row.citation;
        let by = if row.depth > 1 {
            format!("{}{}", "↳ ".repeat(row.depth - 1), c.source)
        } else {
            c.source.clone()
        };
        t.add_row(vec![
            c.cited.clone(),
            by,
            vn_date(row.source_date.as_deref()),
            dash(row.source_type.as_deref()),
            c.relation.as_str().to_string(),
            format!("{}:{}", c.file, c.line),
            short(&c.sentence, 160),
        ]);
    }
    writeln!(o, "{t}")?;
    if r.total > r.rows.len() {
        writeln!(
            o,
            "({} citations in all; raise --limit to see more)",
            r.total
        )?;
    }
    o.flush()?;
    Ok(0)
}

pub fn cites(a: &Archive, target: &str, limit: usize, as_json: bool) -> Result<i32> {
    let r = a.cites(target, limit)?;
    if as_json {
        return json(&r);
    }
    let mut o = out();
    writeln!(
        o,
        "{} cites {} document(s):",
        r.document.doc.key,
        r.rows.len()
    )?;
    let mut t = table(&["cited", "as written", "relation", "from", "file:line"]);
    for c in &r.rows {
        t.add_row(vec![
            c.cited.clone(),
            short(&c.mention.text, 70),
            c.relation.as_str().to_string(),
            c.source.clone(),
            format!("{}:{}", c.file, c.line),
        ]);
    }
    writeln!(o, "{t}")?;
    o.flush()?;
    Ok(0)
}

pub fn show(a: &Archive, symbol: &str, as_json: bool) -> Result<i32> {
    let shows = a.show(symbol)?;
    if as_json {
        return json(&shows);
    }
    let mut o = out();
    for s in &shows {
        let d = &s.document.doc;
        writeln!(o, "{}", d.key)?;
        let mut t = Table::new();
        t.load_style(comfy_table::presets::NOTHING);
        let mut row = |k: &str, v: String| {
            t.add_row(vec![format!("  {k}"), v]);
        };
        row("symbol", dash(d.symbol.as_deref()));
        row("type", dash(Some(&d.types.join(", "))));
        row("date", vn_date(d.date.map(|x| x.to_string()).as_deref()));
        row("issued by", dash(d.body.as_deref()));
        row(
            "term",
            dash(d.term.as_deref().map(|x| format!("khóa {x}")).as_deref()),
        );
        row("place", dash(d.place.as_deref()));
        row("spellings", dash(Some(&d.spellings.join(", "))));
        for (i, title) in d.titles.iter().enumerate() {
            row(if i == 0 { "title" } else { "" }, short(title, 160));
        }
        row(
            "cited by",
            format!(
                "{} document(s) in {} file(s){}",
                s.document.cited_by_count,
                s.cited_by,
                if s.relations.is_empty() {
                    String::new()
                } else {
                    format!(
                        " — {}",
                        s.relations
                            .iter()
                            .map(|(r, n)| format!("{} {n}", r.as_str()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        );
        if let Some(own) = &d.own {
            row("in the archive", own.file.clone());
            if let Some(sg) = &own.signer {
                row("signed by", sg.clone());
            }
            if !own.recipients.is_empty() {
                row("sent to", own.recipients.join("; "));
            }
        }
        if !d.ambiguous.is_empty() {
            row("ambiguous", d.ambiguous.join(", "));
        }
        writeln!(o, "{t}")?;
        for c in &s.conflicts {
            writeln!(o, "  conflict [{}]: {}", c.kind.as_str(), c.conclusion)?;
            for v in &c.values {
                writeln!(o, "    • {} ({}×)", v.value, v.count)?;
                for e in &v.evidence {
                    writeln!(
                        o,
                        "        {}:{}  {}",
                        e.file,
                        e.line,
                        short(&e.sentence, 160)
                    )?;
                }
            }
        }
    }
    o.flush()?;
    Ok(0)
}

pub fn top(
    a: &Archive,
    type_filter: Option<&str>,
    since: Option<u16>,
    limit: usize,
    as_json: bool,
) -> Result<i32> {
    let rows = a.top(type_filter, since, limit)?;
    if as_json {
        return json(&rows);
    }
    let mut t = table(&[
        "#",
        "document",
        "cited in",
        "type",
        "date",
        "issued by",
        "title",
    ]);
    for (i, r) in rows.iter().enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            r.key.clone(),
            r.cited_in.to_string(),
            dash(r.type_name.as_deref()),
            vn_date(r.date.as_deref()),
            dash(r.body.as_deref()),
            dash(r.title.as_deref().map(|t| short(t, 60)).as_deref()),
        ]);
    }
    let mut o = out();
    writeln!(o, "{t}")?;
    o.flush()?;
    Ok(0)
}

fn tree(o: &mut impl Write, nodes: &[AuditNode], indent: usize) -> io::Result<()> {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let pad = "   ".repeat(indent);
        writeln!(
            o,
            "{pad}{} {}{} — {} {}, {} [{}]",
            if last { "└─" } else { "├─" },
            n.level.map(|l| format!("({l}) ")).unwrap_or_default(),
            n.key,
            dash(n.type_name.as_deref()),
            vn_date(n.date.as_deref()),
            dash(n.body.as_deref().or(n.place.as_deref())),
            n.relation.as_str()
        )?;
        for e in n.evidence.iter().take(2) {
            writeln!(
                o,
                "{pad}   │  {}:{}  {}",
                e.file,
                e.line,
                short(&e.sentence, 140)
            )?;
        }
        tree(o, &n.children, indent + 1)?;
    }
    Ok(())
}

pub fn audit(a: &Archive, symbol: &str, as_json: bool) -> Result<i32> {
    let audits = a.audit(symbol)?;
    if as_json {
        return json(&audits);
    }
    let mut o = out();
    for au in &audits {
        let d = &au.target.doc;
        writeln!(
            o,
            "{} — {} {} {}",
            d.key,
            dash(d.types.first().map(String::as_str)),
            vn_date(d.date.map(|x| x.to_string()).as_deref()),
            dash(d.titles.first().map(|t| short(t, 80)).as_deref())
        )?;
        if au.tree.is_empty() {
            writeln!(o, "  no implementing act in the archive")?;
        } else {
            writeln!(o, "  implemented by:")?;
            tree(&mut o, &au.tree, 1)?;
        }
        if !au.without_act.is_empty() {
            writeln!(o, "  cited without an implementing act:")?;
            for u in &au.without_act {
                writeln!(
                    o,
                    "   • {} — {} {} [{}]  {}:{}",
                    u.key,
                    dash(u.type_name.as_deref()),
                    vn_date(u.date.as_deref()),
                    u.relation.as_str(),
                    u.citation.file,
                    u.citation.line
                )?;
            }
        }
        writeln!(o)?;
    }
    o.flush()?;
    Ok(0)
}

fn lines(p: &Option<PathBuf>) -> Result<Vec<String>> {
    Ok(match p {
        Some(p) => std::fs::read_to_string(p)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        None => vec![],
    })
}

#[derive(Serialize)]
struct Latency {
    question: &'static str,
    count: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_results: f64,
}

fn measure(
    question: &'static str,
    qs: &[String],
    runs: usize,
    mut f: impl FnMut(&str) -> usize,
) -> Option<Latency> {
    if qs.is_empty() {
        return None;
    }
    // one warm-up pass, then the timed passes
    for q in qs {
        f(q);
    }
    let mut times = Vec::new();
    let mut results = 0usize;
    for _ in 0..runs.max(1) {
        for q in qs {
            let t = std::time::Instant::now();
            results += f(q);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Some(Latency {
        question,
        count: times.len(),
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        max_ms: *times.last().unwrap_or(&0.0),
        mean_results: results as f64 / times.len() as f64,
    })
}

pub fn bench_queries(
    a: &Archive,
    cited_by: Option<PathBuf>,
    search: Option<PathBuf>,
    audit: Option<PathBuf>,
    runs: usize,
) -> Result<i32> {
    let mut out = Vec::new();
    out.extend(measure("cited-by", &lines(&cited_by)?, runs, |q| {
        a.cited_by(q, None, 1, 100).map(|r| r.total).unwrap_or(0)
    }));
    out.extend(measure("search", &lines(&search)?, runs, |q| {
        a.search(&SearchQuery {
            text: q.to_string(),
            limit: 10,
            ..SearchQuery::default()
        })
        .map(|r| r.total)
        .unwrap_or(0)
    }));
    out.extend(measure("audit", &lines(&audit)?, runs, |q| {
        a.audit(q)
            .map(|r| r.iter().map(|x| x.tree.len()).sum())
            .unwrap_or(0)
    }));
    json(&out)
}
