//! Incremental, atomic indexing.
//!
//! A run reads only new and changed files (by content hash), writes their report records at once
//! (so memory holds mentions, not texts), resolves the whole collection from the cache, rewrites
//! the mention records of the files whose resolution changed and the document records whose
//! content changed, and commits everything in one tantivy commit whose payload names the matching
//! cache file. A crash or Ctrl-C before the commit leaves the previous commit and its cache as
//! they were; the next run redoes the work.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyDocument, TantivyError};

use super::cache::{Cache, CachedFile};
use super::{FORMAT, Fields, Meta, VERSION, filter_value, open_or_create, term};
use crate::corpus::{self, Report, Skipped};
use crate::resolve::{Detail, Document, Graph, resolve_with};

/// How to index.
#[derive(Clone, Debug)]
pub struct Options {
    /// Memory budget of the tantivy writer, in megabytes (tantivy needs at least 15 per thread).
    pub memory_mb: usize,
    /// Writer threads (None: tantivy's choice within the budget).
    pub threads: Option<usize>,
    /// Decode every file in this encoding instead of detecting it.
    pub encoding: Option<crate::text::Encoding>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            memory_mb: 256,
            threads: None,
            encoding: None,
        }
    }
}

/// Progress of a run, for a progress bar.
#[derive(Clone, Copy, Debug)]
pub enum Progress {
    /// `done` of `total` files read.
    Files {
        done: usize,
        total: usize,
    },
    /// Resolving the collection and writing records.
    Resolving,
    Committing,
}

/// What a run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub deleted: usize,
    pub skipped: Vec<Skipped>,
    pub documents: usize,
    pub mentions: usize,
    pub conflicts: usize,
    pub seconds: f64,
    /// The files read in this run and the encoding each was read in.
    pub read: Vec<(String, String)>,
    /// Seconds spent in each phase (reading, resolving, writing, committing), and the process's
    /// resident memory at its end in MB (where the system tells).
    pub phases: Vec<(&'static str, f64, Option<u64>)>,
}

/// Resident memory of this process in MB (Linux), for the phase report.
fn rss_mb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / 1_000_000)
}

fn kind_and(f: &Fields, kind: &str, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(term(f.kind, kind), IndexRecordOption::Basic))
                as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(TermQuery::new(term(field, value), IndexRecordOption::Basic)),
        ),
    ]))
}

fn kind_only(f: &Fields, kind: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(term(f.kind, kind), IndexRecordOption::Basic))
}

fn hash64<T: Hash>(t: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// What a document record stores (the graph node without its mention list, which lives in the
/// mention records).
#[derive(Serialize)]
pub(crate) struct DocumentRecord<'a> {
    #[serde(flatten)]
    pub doc: &'a Document,
    pub cited_by_count: usize,
    pub cited_in_count: usize,
}

fn ymd(d: Option<crate::extract::context::Date>) -> Option<u64> {
    d.map(|d| d.y as u64 * 10000 + d.m as u64 * 100 + d.d as u64)
}

fn report_doc(f: &Fields, r: &Report, text: &str, hash: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, "report");
    d.add_text(f.path, &r.path);
    d.add_text(f.hash, hash);
    // stored as decoded: the analyzer folds NFC and NFD alike, with offsets into this text
    d.add_text(f.text, text);
    let h = &r.header;
    if let Some(t) = &h.title {
        d.add_text(f.title, t);
    }
    if let Some(s) = &h.symbol {
        d.add_text(f.symbol, s);
    }
    if let Some(s) = &h.sym {
        d.add_text(f.sym, s.id());
        d.add_text(
            f.issuer,
            filter_value(s.issuer.split('-').next().unwrap_or("")),
        );
    }
    if let Some(c) = &h.type_code {
        d.add_text(f.type_code, filter_value(c));
    }
    if let Some(t) = &h.type_name {
        d.add_text(f.type_name, t);
    }
    if let Some(b) = &h.body {
        d.add_text(f.body, b);
    }
    if let Some(p) = &h.place {
        d.add_text(f.place, p);
    }
    if let Some(p) = &h.province {
        d.add_text(f.province, filter_value(p));
    }
    if let Some(v) = ymd(h.date) {
        d.add_u64(f.ymd, v);
        d.add_u64(f.year, v / 10000);
    }
    if let Some(s) = &h.signer {
        d.add_text(f.signer, s);
    }
    d
}

/// A mention as stored: what `cited-by` and `cites` print besides the keys.
#[derive(Serialize, serde::Deserialize, Clone, Debug)]
pub struct StoredMention {
    pub text: String,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub body: Option<String>,
    pub term: Option<String>,
    pub title: Option<String>,
    pub warnings: Vec<String>,
}

fn mention_docs(f: &Fields, r: &Report) -> Vec<TantivyDocument> {
    r.mentions
        .iter()
        .filter_map(|m| {
            let key = m.key.as_deref()?;
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, "mention");
            d.add_text(f.path, &r.path);
            d.add_text(f.cited, key);
            d.add_text(f.source, m.source.as_deref().unwrap_or(""));
            d.add_text(f.relation, m.relation.as_str());
            if let Some(s) = &m.sym {
                d.add_text(f.sym, s.id());
            }
            d.add_u64(f.start, m.start as u64);
            d.add_u64(f.end, m.end as u64);
            d.add_u64(f.line, m.line as u64);
            d.add_text(f.sentence, &m.sentence);
            let stored = StoredMention {
                text: m.text.clone(),
                type_name: m.type_name.clone(),
                symbol: m.symbol.clone(),
                date: m.date.map(|x| x.to_string()),
                body: m.body.clone(),
                term: m.term.clone(),
                title: m.title.clone(),
                warnings: m.warnings.clone(),
            };
            d.add_text(
                f.mention,
                serde_json::to_string(&stored).unwrap_or_default(),
            );
            Some(d)
        })
        .collect()
}

fn document_doc(f: &Fields, doc: &Document, json: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, "document");
    d.add_text(f.key, &doc.key);
    if let Some(s) = &doc.symbol {
        d.add_text(f.symbol, s);
        if let Some(sym) = crate::extract::Symbol::parse(s) {
            d.add_text(f.sym, sym.id());
        }
    }
    if let Some(o) = &doc.own {
        d.add_text(f.path, &o.file);
        for c in &o.copies {
            d.add_text(f.path, c);
        }
    }
    if let Some(c) = &doc.type_code {
        d.add_text(f.type_code, filter_value(c));
    }
    if let Some(y) = doc.year {
        d.add_u64(f.year, y as u64);
    }
    if let Some(v) = ymd(doc.date) {
        d.add_u64(f.ymd, v);
    }
    d.add_u64(f.cited_count, doc.cited_in.len() as u64);
    d.add_text(f.json, json);
    d
}

/// Signature of a file's resolution: when it is unchanged, so are its mention records.
fn resolved_sig(r: &Report) -> u64 {
    hash64(
        &r.mentions
            .iter()
            .map(|m| {
                (
                    m.start,
                    m.end,
                    m.key.clone(),
                    m.source.clone(),
                    m.relation,
                    m.warnings.clone(),
                    m.sentence.clone(),
                )
            })
            .collect::<Vec<_>>(),
    )
}

fn writer(index: &tantivy::Index, dir: &Path, opts: &Options) -> Result<IndexWriter> {
    let budget = opts.memory_mb.max(16) * 1_000_000;
    let w = match opts.threads {
        Some(n) => index.writer_with_num_threads(n.max(1), budget),
        None => index.writer(budget),
    };
    w.map_err(|e| match e {
        TantivyError::LockFailure(..) => anyhow::anyhow!(
            "another trichdan is indexing into {} right now; wait for it to finish (its work is \
             not affected)",
            dir.display()
        ),
        e => anyhow::Error::new(e).context(format!("cannot write the index in {}", dir.display())),
    })
}

/// Brings the index in `dir` up to date with the files under `paths`.
pub fn update(
    dir: &Path,
    paths: &[PathBuf],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary> {
    run(dir, paths, opts, progress).map_err(|e| {
        // errors from opening the folder are sentences already; the rest get one
        if e.to_string().contains(&dir.display().to_string()) {
            e
        } else {
            e.context(format!(
                "indexing into {} stopped; the index was not changed and its last good state is kept",
                dir.display()
            ))
        }
    })
}

fn run(
    dir: &Path,
    paths: &[PathBuf],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary> {
    let t0 = Instant::now();
    let (index, f, meta) = open_or_create(dir)?;
    let mut w = writer(&index, dir, opts)?;
    // files a killed run left behind are not in the last commit; the same operations would write
    // them again under the same names
    w.garbage_collect_files()
        .wait()
        .with_context(|| format!("cannot clean up the index in {}", dir.display()))?;
    let mut old = match &meta {
        Some(m) if m.version != VERSION => {
            // an older trichdan wrote it (another analyzer, other records): built again
            eprintln!(
                "trichdan: the index in {} was written by an older trichdan; re-indexing everything",
                dir.display()
            );
            w.delete_all_documents()?;
            Cache::default()
        }
        Some(m) => match Cache::load(&dir.join(&m.cache)) {
            Ok(c) => c,
            Err(e) => {
                // the cache is lost: start again from the files, the records go with it
                eprintln!("trichdan: {e:#}; re-indexing everything");
                w.delete_all_documents()?;
                Cache::default()
            }
        },
        None => Cache::default(),
    };

    let (files, mut skipped) = corpus::files(paths);
    let total = files.len();
    let done = AtomicUsize::new(0);
    let writer_failed: std::sync::Mutex<Option<TantivyError>> = std::sync::Mutex::new(None);
    enum Seen {
        Same(String),
        Fresh(Box<Report>, String, bool),
        Skip(Skipped),
    }
    let seen: Vec<Seen> = files
        .par_iter()
        .map(|p| {
            let name = p.to_string_lossy().into_owned();
            let r = (|| {
                if let Ok(m) = std::fs::metadata(p)
                    && m.len() > corpus::MAX_FILE_BYTES
                {
                    return Err(Skipped {
                        path: name.clone(),
                        reason: format!(
                            "{} MB, larger than the {} MB a file may have",
                            m.len() / 1_048_576,
                            corpus::MAX_FILE_BYTES / 1_048_576
                        ),
                    });
                }
                let bytes = std::fs::read(p).map_err(|e| Skipped {
                    path: name.clone(),
                    reason: e.to_string(),
                })?;
                let hash = blake3::hash(&bytes).to_hex().to_string();
                if old.files.get(&name).is_some_and(|c| c.hash == hash) {
                    return Ok(Seen::Same(name.clone()));
                }
                let read = corpus::ReadOptions {
                    evidence: true,
                    encoding: opts.encoding,
                };
                let (report, text) =
                    corpus::read_text(&name, &bytes, &read).map_err(|reason| Skipped {
                        path: name.clone(),
                        reason,
                    })?;
                let existed = old.files.contains_key(&name);
                let written = if existed {
                    w.delete_query(kind_and(&f, "report", f.path, &name))
                        .map(|_| ())
                } else {
                    Ok(())
                }
                .and_then(|_| {
                    w.add_document(report_doc(&f, &report, &text, &hash))
                        .map(|_| ())
                });
                if let Err(e) = written {
                    // the writer itself failed (disk full, I/O error): the run stops
                    writer_failed.lock().unwrap().get_or_insert(e);
                }
                Ok(Seen::Fresh(Box::new(report), hash, existed))
            })();
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress::Files { done: n, total });
            match r {
                Ok(s) => s,
                Err(s) => Seen::Skip(s),
            }
        })
        .collect();

    if let Some(e) = writer_failed.into_inner().unwrap() {
        return Err(anyhow::Error::new(e).context("cannot write the index"));
    }
    let mut summary = Summary {
        files: total,
        ..Summary::default()
    };
    let mut current: BTreeMap<String, CachedFile> = BTreeMap::new();
    let mut fresh: HashSet<String> = HashSet::new();
    for s in seen {
        match s {
            Seen::Same(name) => {
                summary.unchanged += 1;
                let c = old.files.remove(&name).expect("cached");
                current.insert(name, c);
            }
            Seen::Fresh(report, hash, existed) => {
                summary
                    .read
                    .push((report.path.clone(), report.encoding.clone()));
                if existed {
                    summary.changed += 1;
                } else {
                    summary.new += 1;
                }
                old.files.remove(&report.path);
                fresh.insert(report.path.clone());
                current.insert(
                    report.path.clone(),
                    CachedFile {
                        hash,
                        report: *report,
                        resolved: 0,
                    },
                );
            }
            Seen::Skip(s) => skipped.push(s),
        }
    }
    // files indexed before: gone from disk are removed, unreadable ones are kept as they were
    for (name, c) in std::mem::take(&mut old.files) {
        if Path::new(&name).exists() {
            current.insert(name, c);
        } else {
            summary.deleted += 1;
            w.delete_query(kind_and(&f, "report", f.path, &name))?;
            w.delete_query(kind_and(&f, "mention", f.path, &name))?;
        }
    }

    let mut phase_t = Instant::now();
    let mut phase = |summary: &mut Summary, name: &'static str| {
        summary
            .phases
            .push((name, phase_t.elapsed().as_secs_f64(), rss_mb()));
        phase_t = Instant::now();
    };
    summary
        .phases
        .push(("read", t0.elapsed().as_secs_f64(), rss_mb()));
    progress(Progress::Resolving);
    // the reports move into the resolver and back into the cache: one copy of them in memory
    let mut names = Vec::with_capacity(current.len());
    let mut kept = Vec::with_capacity(current.len());
    let mut reports: Vec<Report> = Vec::with_capacity(current.len());
    for (name, c) in current {
        names.push(name);
        reports.push(c.report);
        kept.push((c.hash, c.resolved));
    }
    // (resolution is redone from the extraction each run: what it wrote last time is overwritten)
    let graph = resolve_with(&mut reports, Detail::Lean);
    phase(&mut summary, "resolve");
    let mut new_cache = Cache::default();
    for ((r, name), (hash, resolved)) in reports.iter_mut().zip(names).zip(kept) {
        let mut c = CachedFile {
            hash,
            report: Report::default(),
            resolved,
        };
        let sig = resolved_sig(r);
        if fresh.contains(&name) || c.resolved != sig {
            w.delete_query(kind_and(&f, "mention", f.path, &name))?;
            for d in mention_docs(&f, r) {
                w.add_document(d)?;
            }
        }
        summary.mentions += r.mentions.iter().filter(|m| m.key.is_some()).count();
        c.resolved = sig;
        c.report = std::mem::take(r);
        new_cache.files.insert(name, c);
    }
    write_documents(&w, &f, &graph, &old.documents, &mut new_cache)?;
    w.delete_query(kind_only(&f, "conflict"))?;
    for c in &graph.conflicts {
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, "conflict");
        d.add_text(f.key, &c.key);
        d.add_text(f.json, serde_json::to_string(c)?);
        w.add_document(d)?;
    }
    new_cache.conflicts = graph.conflicts.iter().map(|c| c.key.clone()).collect();
    summary.documents = graph.documents.len();
    summary.conflicts = graph.conflicts.len();
    summary.skipped = skipped;

    phase(&mut summary, "write");
    progress(Progress::Committing);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let cache_name = format!("cache-{stamp}.bin");
    new_cache
        .save(&dir.join(&cache_name))
        .context("the index was not changed")?;
    let meta = Meta {
        format: FORMAT.into(),
        version: VERSION,
        cache: cache_name.clone(),
        files: new_cache.files.len(),
        documents: summary.documents,
        mentions: summary.mentions,
        conflicts: summary.conflicts,
    };
    let commit = (|| -> Result<()> {
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&meta)?);
        prepared.commit()?;
        Ok(())
    })();
    if let Err(e) = commit {
        let _ = std::fs::remove_file(dir.join(&cache_name));
        return Err(e.context(format!(
            "the index in {} was not changed (its last good state is kept)",
            dir.display()
        )));
    }
    // older caches belong to older commits, which tantivy has let go
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("cache-") && n.ends_with(".bin") && n != cache_name {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    w.wait_merging_threads()?;
    phase(&mut summary, "commit");
    summary.seconds = t0.elapsed().as_secs_f64();
    Ok(summary)
}

fn write_documents(
    w: &IndexWriter,
    f: &Fields,
    graph: &Graph,
    old: &BTreeMap<String, u64>,
    cache: &mut Cache,
) -> Result<()> {
    let mut keys: HashMap<&str, ()> = HashMap::new();
    for doc in &graph.documents {
        if keys.insert(&doc.key, ()).is_some() {
            bail!("two documents render the same key {}", doc.key);
        }
        let mut slim = doc.clone();
        slim.mentions.clear();
        let json = serde_json::to_string(&DocumentRecord {
            doc: &slim,
            cited_by_count: doc.cited_by.len(),
            cited_in_count: doc.cited_in.len(),
        })?;
        let h = hash64(&json);
        if old.get(&doc.key) != Some(&h) {
            if old.contains_key(&doc.key) {
                w.delete_query(kind_and(f, "document", f.key, &doc.key))?;
            }
            w.add_document(document_doc(f, &slim, &json))?;
        }
        cache.documents.insert(doc.key.clone(), h);
    }
    for k in old.keys() {
        if !keys.contains_key(k.as_str()) {
            w.delete_query(kind_and(f, "document", f.key, k))?;
        }
    }
    Ok(())
}
