//! Questions to the index: search, cited-by, cites, show, top, audit. Each returns a value that
//! the command line prints as a table or as JSON, and the web server serves.

mod audit;
mod browse;
mod records;
mod search;
mod stored;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, Executor, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument,
};

pub use audit::{Audit, AuditNode, Uncommitted};
pub use browse::{FacetCount, Facets, GraphEdge, GraphNode, Neighbourhood, ReportText};
pub use records::FlatRecord;
pub use search::{Hit, SearchQuery, SearchResults};
use stored::Stored;

use crate::extract::{Relation, Symbol};
use crate::index::{self, Fields, Meta, term};
use crate::resolve::{Conflict, Document};
use crate::text::fold_str;

/// A document as the index holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocRecord {
    #[serde(flatten)]
    pub doc: Document,
    pub cited_by_count: usize,
    pub cited_in_count: usize,
}

impl DocRecord {
    /// Reads a document record's JSON. The document and the counts beside it are read in two
    /// passes: serde's `flatten` buffers every value first, and made this most of the time of
    /// finding the documents a symbol names.
    pub fn parse(json: &str) -> Option<DocRecord> {
        #[derive(Deserialize)]
        struct Counts {
            cited_by_count: usize,
            cited_in_count: usize,
        }
        let doc: Document = serde_json::from_str(json).ok()?;
        let c: Counts = serde_json::from_str(json).ok()?;
        Some(DocRecord {
            doc,
            cited_by_count: c.cited_by_count,
            cited_in_count: c.cited_in_count,
        })
    }
}

/// A citation as the index holds it.
#[derive(Clone, Debug, Serialize)]
pub struct Citation {
    /// Key of the citing document.
    pub source: String,
    /// Key of the cited document.
    pub cited: String,
    pub relation: Relation,
    pub file: String,
    pub line: u64,
    pub start: u64,
    pub end: u64,
    pub sentence: String,
    #[serde(flatten)]
    pub mention: index::StoredMention,
    /// What is known of the citing document (read with the citation, no other record).
    #[serde(skip)]
    pub about: Option<index::SourceInfo>,
}

impl From<index::Row> for Citation {
    fn from(r: index::Row) -> Citation {
        Citation {
            source: r.source,
            cited: r.cited,
            relation: r.relation,
            file: r.file,
            line: r.line,
            start: r.start,
            end: r.end,
            sentence: r.sentence,
            mention: r.mention,
            about: r.about,
        }
    }
}

/// One row of `cited-by`: a citation with what is known of the document that makes it.
#[derive(Clone, Debug, Serialize)]
pub struct CitedByRow {
    /// 1 for direct citations, 2 for citations of those, and so on.
    pub depth: usize,
    pub citation: Citation,
    pub source_type: Option<String>,
    pub source_date: Option<String>,
    pub source_title: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CitedBy {
    pub targets: Vec<DocRecord>,
    pub rows: Vec<CitedByRow>,
    /// Citations found in all, before the limit.
    pub total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cites {
    /// The document asked about.
    pub document: DocRecord,
    pub rows: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Show {
    pub document: DocRecord,
    pub conflicts: Vec<Conflict>,
    pub cited_by: usize,
    pub relations: Vec<(Relation, usize)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TopRow {
    pub key: String,
    pub cited_in: usize,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub date: Option<String>,
    pub body: Option<String>,
    pub title: Option<String>,
}

/// An open index, ready for questions.
pub struct Archive {
    index: Index,
    reader: IndexReader,
    /// Full-text search runs over the segments in parallel (a phrase found in most reports is
    /// checked position by position in every one of them); the small exact questions stay on
    /// the calling thread, where a pool's hand-off would cost more than it saves.
    pool: std::sync::OnceLock<Executor>,
    pub f: Fields,
    pub meta: Meta,
    /// The citations table of the commit the reader holds; None when it cannot be read.
    citers: Option<index::Citers>,
}

fn tq(field: tantivy::schema::Field, v: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(term(field, v), IndexRecordOption::Basic))
}

fn all_of(qs: Vec<Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(qs.into_iter().map(|q| (Occur::Must, q)).collect())
}

fn text_of(d: &TantivyDocument, f: tantivy::schema::Field) -> Option<String> {
    d.get_first(f).and_then(|v| v.as_str()).map(str::to_string)
}

fn u64_of(d: &TantivyDocument, f: tantivy::schema::Field) -> Option<u64> {
    d.get_first(f).and_then(|v| v.as_u64())
}

impl Archive {
    pub fn open(dir: &Path) -> Result<Archive> {
        let mut tries = 0;
        loop {
            let (index, f, meta) = index::open(dir)?;
            let reader: IndexReader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            let citers = meta
                .citers
                .as_ref()
                .map(|name| index::Citers::open(&dir.join(name)));
            // the reader and the table must be of one commit: when a run committed in between
            // (and may have removed this table), open again
            tries += 1;
            if tries < 5 && index::read_meta(&index, dir)?.citers != meta.citers {
                continue;
            }
            let citers = match citers {
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => {
                    // search still works; questions about citations say why they cannot
                    eprintln!(
                        "trichdan: {e:#}; citations cannot be listed until `trichdan index` \
                         writes the table again (the reports and documents are kept)"
                    );
                    None
                }
                None => None,
            };
            return Ok(Archive {
                index,
                reader,
                pool: std::sync::OnceLock::new(),
                f,
                meta,
                citers,
            });
        }
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    fn pool(&self) -> &Executor {
        self.pool.get_or_init(|| {
            let n = std::thread::available_parallelism().map_or(1, |n| n.get());
            Executor::multi_thread(n, "trichdan-search").unwrap_or(Executor::SingleThread)
        })
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    fn docs(&self, q: &dyn Query, limit: usize) -> Result<Vec<TantivyDocument>> {
        let s = self.searcher();
        let top = s.search(
            q,
            &TopDocs::with_limit(limit.max(1)).order_by_u64_field("cited_count", Order::Desc),
        )?;
        top.into_iter()
            .map(|(_, a): (Option<u64>, DocAddress)| Ok(s.doc(a)?))
            .collect()
    }

    fn record(&self, d: &TantivyDocument) -> Option<DocRecord> {
        DocRecord::parse(&text_of(d, self.f.json)?)
    }

    /// The document with exactly this key.
    pub fn document(&self, key: &str) -> Result<Option<DocRecord>> {
        let q = all_of(vec![tq(self.f.kind, "document"), tq(self.f.key, key)]);
        Ok(self.exact(&q, 1)?.into_iter().next())
    }

    /// The records of a question that few documents answer (a key, a path, a symbol), the most
    /// cited first: collected as a set, with no per-segment ranking by a fast field.
    fn exact(&self, q: &dyn Query, limit: usize) -> Result<Vec<DocRecord>> {
        let s = self.searcher();
        let mut found: Vec<DocAddress> = s.search(q, &DocSetCollector)?.into_iter().collect();
        found.sort();
        let mut out = Vec::with_capacity(found.len());
        for a in found {
            let mut d: Stored = s.doc(a)?;
            if let Some(r) = d.take(self.f.json).and_then(|j| DocRecord::parse(&j)) {
                out.push(r);
            }
        }
        // (by key where the counts tie: the answer does not depend on how segments lie)
        out.sort_by(|a: &DocRecord, b: &DocRecord| {
            b.cited_in_count
                .cmp(&a.cited_in_count)
                .then_with(|| a.doc.key.cmp(&b.doc.key))
        });
        out.truncate(limit);
        Ok(out)
    }

    /// Documents meant by what a user typed: a key, a symbol in any spelling (optionally
    /// "@year"), a file of the archive, or a name ("Luật Đất đai"). An unknown input is an
    /// error that suggests near matches.
    pub fn find(&self, input: &str) -> Result<Vec<DocRecord>> {
        let input = input.trim();
        // A bare symbol names every document that bears it (dated, undated, of any place), so
        // "25-NQ/TW" and "25-nq/tw" give the same answer; only a full key is taken as one document.
        let bare_symbol = !input.contains('@') && Symbol::parse(input).is_some();
        if !bare_symbol && let Some(d) = self.document(input)? {
            return Ok(vec![d]);
        }
        // a file of the archive (a symbol is not a path: it is looked up as one first)
        let by_path = all_of(vec![tq(self.f.kind, "document"), tq(self.f.path, input)]);
        if !bare_symbol {
            let found = self.exact(&by_path, 10)?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        // a symbol, with an optional year and place: "25-NQ/TW", "25 - nq/tw@2013"
        let (sym_part, rest) = match input.split_once('@') {
            Some((a, b)) => (a, Some(b.trim())),
            None => (input, None),
        };
        if let Some(sym) = Symbol::parse(sym_part) {
            let q = all_of(vec![tq(self.f.kind, "document"), tq(self.f.sym, &sym.id())]);
            let mut found = self.exact(&q, 1000)?;
            if let Some(rest) = rest {
                let (year, place) = match rest.split_once(' ') {
                    Some((y, p)) => (y, Some(fold_str(p))),
                    None => (rest, None),
                };
                found.retain(|d| {
                    d.doc.year.map(|y| y.to_string()).as_deref() == Some(year)
                        && place.as_ref().is_none_or(|p| {
                            d.doc.place.as_deref().map(fold_str).as_ref() == Some(p)
                        })
                });
            }
            if !found.is_empty() {
                return Ok(found);
            }
            if let Some(d) = self.document(input)? {
                return Ok(vec![d]);
            }
        }
        if bare_symbol {
            let found = self.exact(&by_path, 10)?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        // a name: keys that contain what was typed, without diacritics
        let want = fold_str(input);
        let mut found = Vec::new();
        for k in self.keys()? {
            if fold_str(&k).contains(&want) {
                if let Some(d) = self.document(&k)? {
                    found.push(d);
                }
                if found.len() >= 20 {
                    break;
                }
            }
        }
        if !found.is_empty() {
            return Ok(found);
        }
        bail!("{}", self.unknown(input)?)
    }

    /// Every document key, from the term dictionary.
    pub fn keys(&self) -> Result<Vec<String>> {
        let s = self.searcher();
        let mut out = Vec::new();
        for seg in s.segment_readers() {
            let inv = seg.inverted_index(self.f.key)?;
            let alive = seg.alive_bitset();
            let mut st = inv.terms().stream()?;
            while st.advance() {
                // a segment keeps the terms of its deleted records until it is merged
                if let Some(alive) = alive {
                    use tantivy::DocSet;
                    let mut p =
                        inv.read_postings_from_terminfo(st.value(), IndexRecordOption::Basic)?;
                    let mut d = p.doc();
                    while d != tantivy::TERMINATED && !alive.is_alive(d) {
                        d = p.advance();
                    }
                    if d == tantivy::TERMINATED {
                        continue;
                    }
                }
                if let Ok(k) = std::str::from_utf8(st.key()) {
                    out.push(k.to_string());
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The sentence for an unknown input, with the nearest keys.
    fn unknown(&self, input: &str) -> Result<String> {
        let want = Symbol::parse(input)
            .map(|s| s.to_string())
            .unwrap_or_else(|| input.to_string());
        let wf = fold_str(&want);
        let mut scored: Vec<(f64, String)> = self
            .keys()?
            .into_iter()
            .map(|k| {
                let kf = fold_str(k.split('@').next().unwrap_or(&k));
                (strsim::normalized_levenshtein(&wf, &kf), k)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let near: Vec<String> = scored
            .into_iter()
            .take(5)
            .filter(|(s, _)| *s > 0.5)
            .map(|(_, k)| k)
            .collect();
        Ok(if near.is_empty() {
            format!("no document “{input}” in the index")
        } else {
            format!(
                "no document “{input}” in the index; did you mean: {}?",
                near.join(", ")
            )
        })
    }

    /// The citations table, or why it cannot be read.
    fn table(&self) -> Result<&index::Citers> {
        self.citers.as_ref().ok_or_else(|| {
            anyhow::anyhow!(
                "the citations table of this index cannot be read; `trichdan index [PATH...] \
                 --index DIR` writes it again (the reports and documents are kept)"
            )
        })
    }

    /// Citations found `by` any of `keys` and of one of `relations` (all when `None`), in one
    /// question: at most `limit` of them (at least one), the most recent citing document first;
    /// and how many there are in all.
    fn citations(
        &self,
        by: index::By,
        keys: &[String],
        relations: Option<&[Relation]>,
        limit: usize,
    ) -> Result<(Vec<Citation>, usize)> {
        let (rows, total) = self.table()?.select(by, keys, relations, limit.max(1))?;
        Ok((rows.into_iter().map(Citation::from).collect(), total))
    }

    /// Citations of a document key (optionally of one relation).
    pub fn citations_of(
        &self,
        key: &str,
        relation: Option<Relation>,
        limit: usize,
    ) -> Result<(Vec<Citation>, usize)> {
        self.citations_of_any(&[key.to_string()], relation, limit)
    }

    /// Citations of any of `keys`, in one question; `limit` bounds the rows, not the count.
    fn citations_of_any(
        &self,
        keys: &[String],
        relation: Option<Relation>,
        limit: usize,
    ) -> Result<(Vec<Citation>, usize)> {
        let one = relation.map(|r| [r]);
        self.citations(index::By::Cited, keys, one.as_ref().map(|r| &r[..]), limit)
    }

    /// Every document and report that cites what `input` means; `depth` > 1 follows citations
    /// of the citing documents too. `limit` bounds the rows of each level (the most recent
    /// citing documents first); the total counts them all.
    pub fn cited_by(
        &self,
        input: &str,
        relation: Option<Relation>,
        depth: usize,
        limit: usize,
    ) -> Result<CitedBy> {
        let targets = self.find(input)?;
        let mut rows = Vec::new();
        let mut total = 0;
        let mut seen: std::collections::HashSet<String> =
            targets.iter().map(|t| t.doc.key.clone()).collect();
        let mut frontier: Vec<String> = targets.iter().map(|t| t.doc.key.clone()).collect();
        let mut info: HashMap<String, Option<DocRecord>> = HashMap::new();
        for level in 1..=depth.max(1) {
            let mut next = Vec::new();
            let (cits, n) = self.citations_of_any(&frontier, relation, limit)?;
            total += n;
            for c in cits {
                // (records written before they carried their source's attributes)
                let about = match &c.about {
                    Some(a) => Some(a.clone()),
                    None => info
                        .entry(c.source.clone())
                        .or_insert_with(|| self.document(&c.source).ok().flatten())
                        .as_ref()
                        .map(|d| index::SourceInfo::of(&d.doc)),
                };
                if seen.insert(c.source.clone()) {
                    next.push(c.source.clone());
                }
                rows.push(CitedByRow {
                    depth: level,
                    source_type: about.as_ref().and_then(|a| a.type_name.clone()),
                    source_date: about.as_ref().and_then(|a| a.date.clone()),
                    source_title: about.as_ref().and_then(|a| a.title.clone()),
                    citation: c,
                });
            }
            frontier = next;
            if frontier.is_empty() {
                break;
            }
        }
        rows.sort_by(|a, b| {
            a.depth
                .cmp(&b.depth)
                .then(a.citation.cited.cmp(&b.citation.cited))
                .then(a.source_date.cmp(&b.source_date))
                .then(a.citation.file.cmp(&b.citation.file))
                .then(a.citation.start.cmp(&b.citation.start))
        });
        Ok(CitedBy {
            targets,
            rows,
            total,
        })
    }

    /// What a report (by file) or a document cites.
    pub fn cites(&self, input: &str, limit: usize) -> Result<Cites> {
        let found = self.find(input)?;
        let document = found.into_iter().next().expect("find returns one or errs");
        // what the document cites, and whatever else its own file cites (a citation the
        // resolver gave to another source, e.g. a quoted letter)
        let key = [document.doc.key.clone()];
        let (mut rows, _) = self.citations(index::By::Source, &key, None, limit)?;
        if let Some(o) = &document.doc.own {
            let (more, _) =
                self.citations(index::By::File, std::slice::from_ref(&o.file), None, limit)?;
            rows.extend(more.into_iter().filter(|c| c.source != document.doc.key));
        }
        rows.sort_by(|a, b| a.file.cmp(&b.file).then(a.start.cmp(&b.start)));
        rows.truncate(limit.max(1));
        Ok(Cites { document, rows })
    }

    pub fn conflicts_of(&self, key: &str) -> Result<Vec<Conflict>> {
        let q = all_of(vec![tq(self.f.kind, "conflict"), tq(self.f.key, key)]);
        let s = self.searcher();
        let top = s.search(&q, &TopDocs::with_limit(100).order_by_score())?;
        let mut out = Vec::new();
        for (_, a) in top {
            let d: TantivyDocument = s.doc(a)?;
            if let Some(c) = text_of(&d, self.f.json).and_then(|j| serde_json::from_str(&j).ok()) {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Everything known about a document.
    pub fn show(&self, input: &str) -> Result<Vec<Show>> {
        let mut out = Vec::new();
        for d in self.find(input)? {
            let conflicts = self.conflicts_of(&d.doc.key)?;
            let mut relations = Vec::new();
            for r in Relation::ALL {
                let (_, n) = self.citations_of(&d.doc.key, Some(r), 1)?;
                if n > 0 {
                    relations.push((r, n));
                }
            }
            out.push(Show {
                cited_by: d.cited_in_count,
                document: d,
                conflicts,
                relations,
            });
        }
        Ok(out)
    }

    /// The most cited documents, optionally of one type and issued since a year.
    pub fn top(
        &self,
        type_filter: Option<&str>,
        since: Option<u16>,
        limit: usize,
    ) -> Result<Vec<TopRow>> {
        let f = &self.f;
        let mut qs = vec![tq(f.kind, "document")];
        if let Some(t) = type_filter {
            qs.push(type_query(f, t)?);
        }
        if let Some(y) = since {
            qs.push(Box::new(RangeQuery::new(
                std::ops::Bound::Included(tantivy::Term::from_field_u64(f.year, y as u64)),
                std::ops::Bound::Unbounded,
            )));
        }
        let q = all_of(qs);
        Ok(self
            .docs(&q, limit)?
            .iter()
            .filter_map(|d| self.record(d))
            .filter(|d| d.cited_in_count > 0)
            .map(|d| TopRow {
                key: d.doc.key.clone(),
                cited_in: d.cited_in_count,
                type_name: d.doc.types.first().cloned(),
                date: d.doc.date.map(|x| x.to_string()),
                body: d.doc.body.clone(),
                title: d.doc.titles.first().cloned(),
            })
            .collect())
    }

    /// Checks that the records agree with each other and with the commit: every citation's cited
    /// document and report exist, and the counts are those the commit recorded. Returns the
    /// problems found (none for a sound index).
    pub fn verify(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let keys: std::collections::HashSet<String> = self.keys()?.into_iter().collect();
        let mut reports = std::collections::HashSet::new();
        let mut mentions = Vec::new();
        let mut documents = 0;
        self.for_each_stored(|r| {
            match r.kind {
                "report" => {
                    reports.insert(r.id.clone());
                }
                "document" => documents += 1,
                _ => {}
            }
            Ok(())
        })?;
        if self.citers.is_some() {
            self.for_each_citation(|r| {
                mentions.push((r.path.unwrap_or_default(), r.cited.unwrap_or_default()));
                Ok(())
            })?;
        }
        if mentions.len() != self.meta.mentions {
            problems.push(format!(
                "{} citations, the commit says {}",
                mentions.len(),
                self.meta.mentions
            ));
        }
        if documents != self.meta.documents {
            problems.push(format!(
                "{documents} document records, the commit says {}",
                self.meta.documents
            ));
        }
        if reports.len() != self.meta.files {
            problems.push(format!(
                "{} report records, the commit says {}",
                reports.len(),
                self.meta.files
            ));
        }
        // the table's way by cited document holds the citations read file by file
        match (&self.meta.citers, &self.citers) {
            (Some(name), None) => {
                problems.push(format!("the citations table {name} cannot be read"))
            }
            (_, Some(c)) => {
                let mut want: HashMap<&str, usize> = HashMap::new();
                for (_, cited) in &mentions {
                    *want.entry(cited.as_str()).or_default() += 1;
                }
                for (key, n) in c.counts() {
                    let m = want.remove(key.as_str()).unwrap_or(0);
                    if m != n {
                        problems.push(format!(
                            "the citations table finds {n} citations of {key} by what they cite, \
                             {m} file by file"
                        ));
                    }
                }
                for (key, m) in want {
                    problems.push(format!(
                        "the citations table finds no citation of {key} by what they cite, {m} \
                         file by file"
                    ));
                }
            }
            (None, None) => {}
        }
        for (path, cited) in &mentions {
            if !keys.contains(cited) {
                problems.push(format!(
                    "a mention in {path} cites {cited}, which has no record"
                ));
            }
            if !reports.contains(path) {
                problems.push(format!("a mention in {path}, which has no report record"));
            }
        }
        Ok(problems)
    }

    /// How many reports, documents and citations the index holds.
    pub fn counts(&self) -> Result<(usize, usize, usize)> {
        let s = self.searcher();
        let n = |k: &str| s.search(&*tq(self.f.kind, k), &Count);
        Ok((n("report")?, n("document")?, self.table()?.len()))
    }
}

/// `--type` as a user writes it: a code ("NQ"), a name ("Nghị quyết", "nghi quyet").
pub fn type_query(f: &Fields, t: &str) -> Result<Box<dyn Query>> {
    let lex = crate::lexicon::lexicon();
    let folded = fold_str(t.trim());
    let codes: Vec<String> = if lex.types.contains_key(&folded) {
        vec![folded.clone()]
    } else if let Some(cs) = lex.type_names.get(&folded) {
        cs.iter().map(|c| fold_str(c)).collect()
    } else {
        bail!(
            "unknown document type “{t}”: give a code such as NQ, CT, KL, QĐ, KH, BC or a name such as “Nghị quyết”"
        )
    };
    Ok(Box::new(BooleanQuery::new(
        codes
            .iter()
            .map(|c| (Occur::Should, tq(f.type_code, c)))
            .collect(),
    )))
}
