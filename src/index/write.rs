//! Incremental, atomic indexing.
//!
//! A run reads only new and changed files (by content hash), spools their texts (so memory holds
//! mentions, not texts), resolves the whole collection from the cache, writes the report records
//! of the files read, the document records whose content changed and the citations table whole,
//! and commits everything in one tantivy commit whose payload names the matching cache file and
//! citations table. A crash or Ctrl-C before the commit leaves the previous commit and its cache as
//! they were; the next run redoes the work.

use std::collections::{BTreeMap, HashMap};
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

use super::cache::{self, Cache, CachedFile};
use super::citers;
use super::{FORMAT, Fields, Meta, VERSION, filter_value, open_or_create, term};
use crate::corpus::{self, Report, Skipped};
use crate::resolve::{Cites, Detail, Document, Graph, Interner, resolve_cites};

/// How to index.
#[derive(Clone, Debug)]
pub struct Options {
    /// Memory budget of the tantivy writer, in megabytes (tantivy needs at least 15 per thread).
    pub memory_mb: usize,
    /// Writer threads (None: tantivy's choice within the budget).
    pub threads: Option<usize>,
    /// Decode every file in this encoding instead of detecting it.
    pub encoding: Option<crate::text::Encoding>,
    /// OCR scans and images.
    pub ocr: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            memory_mb: 256,
            threads: None,
            encoding: None,
            ocr: false,
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

/// Returns freed memory to the system (glibc keeps it otherwise, and the writing phase would
/// add the index writer's buffers on top of what resolution used).
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's heap.
    unsafe {
        libc::malloc_trim(0);
    }
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
/// citations table).
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
    d.add_text(f.format, &r.format);
    d.add_text(f.extractor, &r.extractor);
    d.add_text(f.ocr, if r.ocr { "true" } else { "false" });
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
#[derive(Serialize, serde::Deserialize, Clone, Debug, Default)]
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
    /// The page of the citing file it stands on (PDF, scans).
    #[serde(default)]
    pub page: Option<u32>,
    /// Whether the citing file was read by OCR.
    #[serde(default)]
    pub ocr: bool,
}

impl StoredMention {
    fn of(m: &crate::extract::Mention, ocr: bool) -> StoredMention {
        StoredMention {
            text: m.text.clone(),
            type_name: m.type_name.clone(),
            symbol: m.symbol.clone(),
            date: m.date.map(|x| x.to_string()),
            body: m.body.clone(),
            term: m.term.clone(),
            title: m.title.clone(),
            warnings: m.warnings.clone(),
            page: m.page,
            ocr,
        }
    }
}

/// The citers table's rows of a report: its resolved mentions, with their cited keys and the
/// dates of the documents they relate from.
fn citer_rows(r: &Report, about: &HashMap<String, About>) -> Vec<(Option<u64>, citers::Encoded)> {
    r.mentions
        .iter()
        .filter_map(|m| {
            let cited = m.key.clone()?;
            let source = m.source.clone().unwrap_or_default();
            let a = about.get(&source);
            let row = citers::Row {
                cited,
                relation: m.relation,
                file: r.path.clone(),
                line: m.line as u64,
                start: m.start as u64,
                end: m.end as u64,
                sentence: m.sentence.clone(),
                mention: StoredMention::of(m, r.ocr),
                about: a.map(|a| a.info.clone()),
                source,
            };
            Some((a.and_then(|a| a.ymd), row.encode()))
        })
        .collect()
}

/// What a citation says of the document it relates from.
#[derive(Serialize, serde::Deserialize, Clone, Debug, Default, Hash, PartialEq)]
pub struct SourceInfo {
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub place: Option<String>,
    pub file: Option<String>,
}

impl SourceInfo {
    /// From a document of the graph: its own header first, what its citations say else.
    pub fn of(d: &Document) -> SourceInfo {
        let own = d.own.as_ref();
        SourceInfo {
            type_name: own
                .and_then(|o| o.type_name.as_deref())
                .map(|t| crate::lexicon::lexicon().type_display(t))
                .or_else(|| d.types.first().cloned()),
            date: own.and_then(|o| o.date).or(d.date).map(|x| x.to_string()),
            title: own
                .and_then(|o| o.title.clone())
                .or_else(|| d.titles.first().cloned()),
            body: own.and_then(|o| o.body.clone()).or_else(|| d.body.clone()),
            place: own
                .and_then(|o| o.province.clone())
                .or_else(|| d.place.clone()),
            file: own.map(|o| o.file.clone()),
        }
    }
}

/// What a citation says of the document it relates from, ready to store: the `SourceInfo` and its
/// date (cited-by lists the most recent first).
struct About {
    info: SourceInfo,
    ymd: Option<u64>,
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
    d.add_u64(f.cited_count, doc.cited_in_count as u64);
    d.add_text(f.json, json);
    d
}

/// Which segments to merge, by their bytes on disk: the small ones of incremental runs, once there
/// are a few, never the big ones a large run flushes (each about a budget's worth). A merge reads
/// its segments through memory maps, which count as the process's memory (merging the big
/// segments of a 100,000-report run took the peak from 1.0 to 1.3 GB and the commit from 2 to 16
/// s), and searches run over segments in parallel anyway. A segment that is mostly deleted
/// records is rewritten alone.
#[derive(Debug)]
struct SmallSegments {
    dir: PathBuf,
}

/// Segments under this many bytes are small.
const SMALL_SEGMENT: u64 = 16 << 20;
/// Small segments are merged when there are this many.
const MERGE_AT: usize = 8;

impl tantivy::indexer::MergePolicy for SmallSegments {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        use tantivy::index::SegmentComponent as C;
        let bytes = |s: &tantivy::index::SegmentMeta| -> u64 {
            [C::Postings, C::Positions, C::Terms, C::Store]
                .into_iter()
                .filter_map(|c| std::fs::metadata(self.dir.join(s.relative_path(c))).ok())
                .map(|m| m.len())
                .sum()
        };
        let mut out = Vec::new();
        let mut small = Vec::new();
        for s in segments {
            if s.num_deleted_docs() * 2 > s.max_doc() {
                out.push(tantivy::indexer::MergeCandidate(vec![s.id()]));
            } else if bytes(s) < SMALL_SEGMENT {
                small.push(s.id());
            }
        }
        if small.len() >= MERGE_AT {
            out.push(tantivy::indexer::MergeCandidate(small));
        }
        out
    }
}

/// Records on their way to tantivy's indexing threads. tantivy queues up to 10,000 of them
/// whatever their size, and the run makes them faster than tantivy takes them in: 10,000 reports
/// are over 100 MB of text waiting, on top of the writer's budget. A report's text counts against
/// a share of the budget from when it is made until a thread has indexed it (its record is
/// dropped there), and the run waits while that share is full.
struct Gate {
    /// bytes in flight, and how many threads wait for room
    state: std::sync::Mutex<(usize, usize)>,
    freed: std::sync::Condvar,
    limit: usize,
}

/// Bytes of one record, in flight until dropped.
struct InFlight {
    gate: std::sync::Arc<Gate>,
    n: usize,
}

impl Gate {
    fn new(limit: usize) -> Gate {
        Gate {
            state: std::sync::Mutex::new((0, 0)),
            freed: std::sync::Condvar::new(),
            limit,
        }
    }

    fn enter(self: &std::sync::Arc<Self>, n: usize) -> InFlight {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // (one record always goes, however big)
        while s.0 > 0 && s.0 + n > self.limit {
            s.1 += 1;
            s = self.freed.wait(s).unwrap_or_else(|e| e.into_inner());
            s.1 -= 1;
        }
        s.0 += n;
        InFlight {
            gate: self.clone(),
            n,
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut s = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 -= self.n;
        // a wake-up is a system call: only for threads that wait, once a quarter is free again
        // (a report's drop otherwise woke them to find too little room)
        if s.1 > 0 && s.0 <= self.gate.limit - self.gate.limit / 4 {
            self.gate.freed.notify_all();
        }
    }
}

/// A record for the writer, with the bytes it holds in flight (none for the small ones).
struct Queued {
    doc: TantivyDocument,
    _flight: Option<InFlight>,
}

impl From<TantivyDocument> for Queued {
    fn from(doc: TantivyDocument) -> Queued {
        Queued { doc, _flight: None }
    }
}

impl tantivy::Document for Queued {
    type Value<'a> = <TantivyDocument as tantivy::Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as tantivy::Document>::FieldsValuesIter<'a>;
    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

type Writer = IndexWriter<Queued>;

fn writer(index: &tantivy::Index, dir: &Path, opts: &Options) -> Result<Writer> {
    let budget = opts.memory_mb.max(16) * 1_000_000;
    let w = match opts.threads {
        Some(n) => index.writer_with_num_threads(n.max(1), budget),
        None => index.writer(budget),
    };
    let w = w.inspect(|w| {
        w.set_merge_policy(Box::new(SmallSegments {
            dir: dir.to_path_buf(),
        }))
    });
    w.map_err(|e| match e {
        TantivyError::LockFailure(tantivy::directory::error::LockError::IoError(io), _) => {
            anyhow::anyhow!(
                "cannot write the index in {}: {} (the index was not changed)",
                dir.display(),
                io
            )
        }
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
        Some(m) if m.build.as_deref() != super::build_id() => {
            // the same records, read by another build: its readings are not this one's
            eprintln!(
                "trichdan: the index in {} was written by another build of trichdan; reading \
                 every file again",
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
    let mut summary = Summary {
        files: total,
        ..Summary::default()
    };

    // the new cache is written as the files are read; a failed run removes it
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let cache_name = format!("cache-{stamp}.bin");
    let cache_path = dir.join(&cache_name);
    let mut unfinished = Unfinished(Some(cache_path.clone()));
    let mut out = cache::Writer::create(&cache_path)?;
    let citers_name = format!("citers-{stamp}.bin");
    let citers_path = dir.join(&citers_name);
    let mut unfinished_citers = Unfinished(Some(citers_path.clone()));
    let mut citers = citers::Writer::create(&citers_path)?;

    // 1. read new and changed files (their report records go to the index at once), take the
    //    others from the cache; keep only what the resolver needs of each. The files are read in
    //    parallel while one thread writes their reports to the new cache, through a short queue
    //    that holds memory to a few reports.
    let spool_path = dir.join(format!("spool-{stamp}.tmp"));
    let _spool_guard = Unfinished(Some(spool_path.clone()));
    let mut spool = cache::Writer::create(&spool_path)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Seen)>(2 * READ_QUEUE);
    let gathered = std::thread::scope(|scope| {
        let old = &old;
        let out = &mut out;
        let spool = &mut spool;
        let consumer = scope.spawn(move || -> Result<Gathered> {
            let mut g = Gathered::default();
            let mut interner = Interner::default();
            for (i, s) in rx {
                let (name, hash, report, blob, fresh) = match s {
                    Seen::Skip(s) => {
                        g.skipped.push(s);
                        continue;
                    }
                    Seen::Same { name, report, blob } => {
                        g.unchanged += 1;
                        let c = &old.table.files[&name];
                        (name, c.hash.clone(), report, blob, None)
                    }
                    Seen::Fresh {
                        name,
                        hash,
                        existed,
                        report,
                        blob,
                        text,
                    } => {
                        g.read.push((name.clone(), report.how_read()));
                        if existed {
                            g.changed += 1;
                        } else {
                            g.new += 1;
                        }
                        let (at, len) = spool.append(text.as_bytes())?;
                        (name, hash, report, blob, Some((at, len, existed)))
                    }
                };
                let (at, len) = out.append(&blob)?;
                g.files.push((
                    i,
                    Entry {
                        name,
                        file: CachedFile { hash, at, len },
                        fresh,
                    },
                    Cites::of(&report, false, &mut interner),
                ));
            }
            Ok(g)
        });
        files
            .par_iter()
            .enumerate()
            .for_each_with(tx, |tx, (i, p)| {
                let s = read_one(p, old, opts);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(Progress::Files { done: n, total });
                let _ = tx.send((i, s));
            });
        consumer.join().expect("the cache writer does not panic")
    })?;
    // in the order of the files, whatever order the threads read them in
    let mut gathered = gathered;
    gathered.files.sort_by_key(|(i, _, _)| *i);
    let mut entries: Vec<Entry> = Vec::with_capacity(gathered.files.len());
    let mut cites: Vec<Cites> = Vec::with_capacity(gathered.files.len());
    for (_, e, c) in gathered.files {
        old.table.files.remove(&e.name);
        entries.push(e);
        cites.push(c);
    }
    summary.unchanged = gathered.unchanged;
    summary.changed = gathered.changed;
    summary.new = gathered.new;
    summary.read = gathered.read;
    skipped.extend(gathered.skipped);
    let mut interner = Interner::default();
    // files indexed before: gone from disk are removed, unreadable ones are kept as they were
    for (name, c) in std::mem::take(&mut old.table.files) {
        if Path::new(&name).exists() {
            let blob = old.blob(&c)?;
            let report = cache::decode(&blob)?;
            let (at, len) = out.append(&blob)?;
            cites.push(Cites::of(&report, false, &mut interner));
            entries.push(Entry {
                name,
                file: CachedFile { at, len, ..c },
                fresh: None,
            });
        } else {
            summary.deleted += 1;
            w.delete_query(kind_and(&f, "report", f.path, &name))?;
        }
    }
    drop(interner);
    // what the collection's resolution depends on: every file's content, in this order
    let inputs = hash64(
        &entries
            .iter()
            .map(|e| (&e.name, &e.file.hash))
            .collect::<Vec<_>>(),
    );
    if let Some(m) = &meta
        && m.version == VERSION
        && m.citers
            .as_ref()
            .is_some_and(|c| citers::Citers::open(&dir.join(c)).is_ok())
        && m.inputs == Some(inputs)
        && summary.new + summary.changed + summary.deleted == 0
    {
        // the last commit resolved these very files: its records, graph and citations table stand
        // (redoing them cost 40 s at 100,000 reports); this run's cache and table are let go
        summary.documents = m.documents;
        summary.mentions = m.mentions;
        summary.conflicts = m.conflicts;
        summary.skipped = skipped;
        summary
            .phases
            .push(("read", t0.elapsed().as_secs_f64(), rss_mb()));
        summary.seconds = t0.elapsed().as_secs_f64();
        return Ok(summary);
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

    // 2. resolve the whole collection (afresh each run: it depends on every file)
    progress(Progress::Resolving);
    let (mut graph, resolved) = resolve_cites(&cites, Detail::Lean);
    drop(cites);
    give_back_memory();
    phase(&mut summary, "resolve");

    // 3. the report records of the files read, and every file's citations
    let written = out.reader()?;
    let spooled = spool.reader()?;
    let mut table = cache::Table::default();
    // the documents and conflicts first: the graph is let go before the files' records
    {
        let located: HashMap<&str, &CachedFile> =
            entries.iter().map(|e| (e.name.as_str(), &e.file)).collect();
        fill_evidence(&mut graph, &located, &written)?;
    }
    write_documents(&w, &f, &graph, &old.table.documents, &mut table)?;
    w.delete_query(kind_only(&f, "conflict"))?;
    for c in &graph.conflicts {
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, "conflict");
        d.add_text(f.key, &c.key);
        d.add_text(f.json, serde_json::to_string(c)?);
        w.add_document(d.into())?;
    }
    table.conflicts = graph.conflicts.iter().map(|c| c.key.clone()).collect();
    summary.documents = graph.documents.len();
    summary.conflicts = graph.conflicts.len();
    // what citations say of the documents they relate from
    let about: HashMap<String, About> = graph
        .documents
        .iter()
        .map(|d| {
            let info = SourceInfo::of(d);
            let date = d.own.as_ref().and_then(|o| o.date).or(d.date);
            (
                d.key.clone(),
                About {
                    info,
                    ymd: ymd(date),
                },
            )
        })
        .collect();
    drop(graph);
    give_back_memory();
    phase(&mut summary, "documents");
    citers.reserve(resolved.iter().map(Vec::len).sum());
    let gate = std::sync::Arc::new(Gate::new(opts.memory_mb.max(16) * 1_000_000 / 16));
    for (chunk, res) in entries
        .chunks_mut(READ_CHUNK)
        .zip(resolved.chunks(READ_CHUNK))
    {
        type Rows = Vec<(Option<u64>, citers::Encoded)>;
        let results: Vec<Result<(usize, Rows)>> = chunk
            .par_iter_mut()
            .zip(res)
            .map(|(e, r)| -> Result<(usize, Rows)> {
                // every report is read: the citations table is written whole
                let mut report = written.report(&e.file)?;
                for (m, x) in report.mentions.iter_mut().zip(r) {
                    x.apply(m);
                }
                if let Some((at, len, existed)) = e.fresh {
                    let bytes = spooled.bytes(at, len)?;
                    let text = simdutf8::basic::from_utf8(&bytes)
                        .map_err(|_| anyhow::anyhow!("the spool is damaged"))?;
                    // (a file new to the index has no record to delete: each delete is kept and
                    // run against every segment until the commit)
                    if existed {
                        w.delete_query(kind_and(&f, "report", f.path, &e.name))?;
                    }
                    let flight = gate.enter(text.len());
                    w.add_document(Queued {
                        doc: report_doc(&f, &report, text, &e.file.hash),
                        _flight: Some(flight),
                    })?;
                }
                Ok((
                    r.iter().filter(|x| x.key.is_some()).count(),
                    citer_rows(&report, &about),
                ))
            })
            .collect();
        for r in results {
            let (n, rows) = r?;
            summary.mentions += n;
            for (ymd, row) in rows {
                citers.add(ymd, row)?;
            }
        }
    }
    for e in entries {
        table.files.insert(e.name, e.file);
    }
    summary.skipped = skipped;

    phase(&mut summary, "reports");
    progress(Progress::Committing);
    let files_indexed = table.files.len();
    let meta = Meta {
        format: FORMAT.into(),
        version: VERSION,
        cache: cache_name.clone(),
        citers: Some(citers_name.clone()),
        inputs: Some(inputs),
        build: super::build_id().map(str::to_string),
        files: files_indexed,
        documents: summary.documents,
        mentions: summary.mentions,
        conflicts: summary.conflicts,
    };
    // the cache and the citations table are written out while tantivy writes its last segments;
    // the commit names them only once both are whole
    let mut unwritten = None;
    let commit = std::thread::scope(|scope| -> Result<()> {
        let written = scope.spawn(move || -> Result<()> {
            out.finish(&table)?;
            citers.finish()
        });
        let prepared = w.prepare_commit();
        match written.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                unwritten = Some(e);
                return prepared
                    .and_then(|p| p.abort())
                    .map(|_| ())
                    .map_err(Into::into);
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
        let mut prepared = prepared?;
        prepared.set_payload(&serde_json::to_string(&meta)?);
        prepared.commit()?;
        Ok(())
    });
    if let Some(e) = unwritten {
        return Err(e.context("the index was not changed"));
    }
    if let Err(e) = commit {
        return Err(e.context(format!(
            "the index in {} was not changed (its last good state is kept)",
            dir.display()
        )));
    }
    unfinished.0 = None;
    unfinished_citers.0 = None;
    // older caches and citers tables belong to older commits, which tantivy has let go (a reader
    // that has one open keeps it until it is done)
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let old = (n.starts_with("cache-") || n.starts_with("citers-"))
                && n.ends_with(".bin")
                && n != cache_name
                && n != citers_name;
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    w.wait_merging_threads()?;
    phase(&mut summary, "commit");
    summary.seconds = t0.elapsed().as_secs_f64();
    Ok(summary)
}

/// Reports waiting for the cache writer (per thread): what is in memory of them while reading.
const READ_QUEUE: usize = 32;

/// Files whose records and citations are made at once.
const READ_CHUNK: usize = 512;

/// What the reading threads hand over.
#[derive(Default)]
struct Gathered {
    files: Vec<(usize, Entry, Cites)>,
    unchanged: usize,
    changed: usize,
    new: usize,
    read: Vec<(String, String)>,
    skipped: Vec<Skipped>,
}

/// A file of this run and what the cache keeps of it.
struct Entry {
    name: String,
    file: CachedFile,
    /// Read in this run (its records are written anew): where its text waits in the spool, and
    /// whether the index has an older version of it.
    fresh: Option<(u64, u32, bool)>,
}

enum Seen {
    Same {
        name: String,
        report: Report,
        blob: Vec<u8>,
    },
    Fresh {
        name: String,
        hash: String,
        existed: bool,
        report: Report,
        blob: Vec<u8>,
        text: String,
    },
    Skip(Skipped),
}

/// Removes a cache file that no commit names (a run that failed), unless disarmed.
struct Unfinished(Option<PathBuf>);

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Reads one file: from the cache when its bytes are unchanged, else decoded and extracted.
fn read_one(p: &Path, old: &Cache, opts: &Options) -> Seen {
    let name = p.to_string_lossy().into_owned();
    let skip = |reason: String| {
        Seen::Skip(Skipped {
            path: name.clone(),
            reason,
        })
    };
    if let Ok(m) = std::fs::metadata(p)
        && m.len() > corpus::MAX_FILE_BYTES
    {
        return skip(format!(
            "{} MB, larger than the {} MB a file may have",
            m.len() / 1_048_576,
            corpus::MAX_FILE_BYTES / 1_048_576
        ));
    }
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(e) => return skip(e.to_string()),
    };
    let mut hash = blake3::hash(&bytes).to_hex().to_string();
    // a scan read with OCR is not the same reading as without it
    if opts.ocr
        && matches!(
            crate::text::formats::sniff(&bytes),
            crate::text::formats::Format::Pdf | crate::text::formats::Format::Image
        )
    {
        hash.push_str("+ocr");
    }
    if let Some(c) = old.table.files.get(&name).filter(|c| c.hash == hash) {
        // a damaged cache entry is read again from the file
        if let Ok(blob) = old.blob(c)
            && let Ok(report) = cache::decode(&blob)
        {
            return Seen::Same { name, report, blob };
        }
    }
    let read = corpus::ReadOptions {
        evidence: true,
        encoding: opts.encoding,
        ocr: opts.ocr,
    };
    let (report, text) = match corpus::read_text(&name, &bytes, &read) {
        Ok(x) => x,
        Err(reason) => return skip(reason),
    };
    let existed = old.table.files.contains_key(&name);
    let blob = match cache::encode(&report) {
        Ok(b) => b,
        Err(e) => return skip(format!("{e:#}")),
    };
    Seen::Fresh {
        name,
        hash,
        existed,
        report,
        blob,
        text,
    }
}

/// The sentences of the conflicts' evidence (the lean resolution leaves them out), read from the
/// reports in the cache, each report once.
fn fill_evidence(
    graph: &mut Graph,
    located: &HashMap<&str, &CachedFile>,
    cache: &Cache,
) -> Result<()> {
    let mut by_file: BTreeMap<String, Vec<&mut crate::resolve::Evidence>> = BTreeMap::new();
    for c in &mut graph.conflicts {
        for v in &mut c.values {
            for e in &mut v.evidence {
                if e.sentence.is_empty() {
                    by_file.entry(e.file.clone()).or_default().push(e);
                }
            }
        }
    }
    // (each file's report decoded on any thread: at 100,000 reports this was seconds on one)
    let mut by_file: Vec<(String, Vec<&mut crate::resolve::Evidence>)> =
        by_file.into_iter().collect();
    by_file
        .par_iter_mut()
        .try_for_each(|(file, evs)| -> Result<()> {
            let Some(c) = located.get(file.as_str()) else {
                return Ok(());
            };
            let report = cache.report(c)?;
            for e in evs.iter_mut() {
                if let Some(m) = report
                    .mentions
                    .iter()
                    .find(|m| m.start == e.start && m.end == e.end)
                {
                    e.sentence = m.sentence.clone();
                }
            }
            Ok(())
        })
}

fn write_documents(
    w: &Writer,
    f: &Fields,
    graph: &Graph,
    old: &BTreeMap<String, u64>,
    cache: &mut cache::Table,
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
            cited_by_count: doc.cited_by_count,
            cited_in_count: doc.cited_in_count,
        })?;
        let h = hash64(&json);
        if old.get(&doc.key) != Some(&h) {
            if old.contains_key(&doc.key) {
                w.delete_query(kind_and(f, "document", f.key, &doc.key))?;
            }
            w.add_document(document_doc(f, &slim, &json).into())?;
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
