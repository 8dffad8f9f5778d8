//! Questions a reader browsing the archive asks (the web pages of `trichdan serve`): a report's
//! stored text with the citations in it, the facet counts of a search, the latest conflicts, the
//! neighbourhood of a document, and whether what was typed is a symbol and nothing else.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::Result;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED, TantivyDocument};

use super::{Archive, Citation, DocRecord, SearchQuery, all_of, text_of, tq, u64_of};
use crate::extract::Relation;
use crate::index::By;
use crate::resolve::Conflict;

/// A report of the archive as the index stores it: its header and its decoded text, with every
/// citation in it (offsets are bytes of `text`).
#[derive(Clone, Debug, Serialize)]
pub struct ReportText {
    pub path: String,
    /// Key of the document this report is.
    pub key: Option<String>,
    pub symbol: Option<String>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub body: Option<String>,
    pub place: Option<String>,
    pub province: Option<String>,
    pub signer: Option<String>,
    pub text: String,
    /// The citations in this file, in the order of the text.
    pub mentions: Vec<Citation>,
}

/// How many of a search's results have one value of a filter.
#[derive(Clone, Debug, Serialize)]
pub struct FacetCount {
    /// What to give the filter (`--type`, `--issuer`, `--province`, `--year`).
    pub value: String,
    /// What to show.
    pub label: String,
    pub count: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    pub types: Vec<FacetCount>,
    pub issuers: Vec<FacetCount>,
    pub provinces: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GraphNode {
    pub key: String,
    /// Steps from the document asked about (0 for itself).
    pub depth: usize,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    /// The report that is this document, when it is in the archive.
    pub file: Option<String>,
    pub cited_in: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct GraphEdge {
    /// The citing document.
    pub from: String,
    pub to: String,
    pub relation: Relation,
}

/// The documents around one, following citations both ways.
#[derive(Clone, Debug, Serialize)]
pub struct Neighbourhood {
    pub center: String,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// Some documents were left out to keep the picture readable.
    pub truncated: bool,
}

/// Collects the matching documents of each segment and counts them by year (a fast field).
struct Matches;

struct SegmentMatches {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
    ymd: Option<tantivy::columnar::Column<u64>>,
    years: BTreeMap<u64, usize>,
}

impl Collector for Matches {
    type Fruit = (Vec<(SegmentOrdinal, Vec<DocId>)>, BTreeMap<u64, usize>);
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentMatches {
            segment,
            docs: Vec::new(),
            ymd: reader.fast_fields().u64("ymd").ok(),
            years: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<DocId>, BTreeMap<u64, usize>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut years = BTreeMap::new();
        let mut docs = Vec::new();
        for (seg, d, y) in fruits {
            for (k, n) in y {
                *years.entry(k).or_insert(0) += n;
            }
            docs.push((seg, d));
        }
        Ok((docs, years))
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = (SegmentOrdinal, Vec<DocId>, BTreeMap<u64, usize>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(doc);
        if let Some(y) = self.ymd.as_ref().and_then(|c| c.first(doc)) {
            *self.years.entry(y / 10000).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.docs, self.years)
    }
}

/// Values of a filter field among the matching documents, from the field's postings (the
/// filter fields are few-valued, so reading every posting list is cheaper than every document).
fn count_terms(
    s: &tantivy::Searcher,
    field: Field,
    matches: &[(SegmentOrdinal, Vec<DocId>)],
) -> Result<HashMap<String, usize>> {
    let mut out = HashMap::new();
    for (seg, docs) in matches {
        if docs.is_empty() {
            continue;
        }
        let reader = s.segment_reader(*seg);
        let mut hit = vec![false; reader.max_doc() as usize];
        for &d in docs {
            hit[d as usize] = true;
        }
        let inv = reader.inverted_index(field)?;
        let mut st = inv.terms().stream()?;
        while st.advance() {
            let Ok(value) = std::str::from_utf8(st.key()) else {
                continue;
            };
            let mut postings =
                inv.read_postings_from_terminfo(st.value(), IndexRecordOption::Basic)?;
            let mut n = 0;
            let mut d = postings.doc();
            while d != TERMINATED {
                n += usize::from(hit[d as usize]);
                d = postings.advance();
            }
            if n > 0 {
                *out.entry(value.to_string()).or_insert(0) += n;
            }
        }
    }
    Ok(out)
}

fn sorted(counts: HashMap<String, usize>, label: impl Fn(&str) -> String) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(value, count)| FacetCount {
            label: label(&value),
            value,
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    v
}

impl Archive {
    /// A report by its path in the archive, with its stored text and the citations in it.
    pub fn report(&self, path: &str) -> Result<Option<ReportText>> {
        let f = &self.f;
        let s = self.searcher();
        let q = all_of(vec![tq(f.kind, "report"), tq(f.path, path)]);
        let top = s.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, a)) = top.into_iter().next() else {
            return Ok(None);
        };
        let d: TantivyDocument = s.doc(a)?;
        let own = all_of(vec![tq(f.kind, "document"), tq(f.path, path)]);
        let key = self
            .docs(&own, 1)?
            .first()
            .and_then(|d| self.record(d))
            .map(|r| r.doc.key);
        let (mut mentions, _) = self.citations(By::File, &[path.to_string()], None, 100_000)?;
        mentions.sort_by_key(|c| (c.start, c.end));
        Ok(Some(ReportText {
            path: path.to_string(),
            key,
            symbol: text_of(&d, f.symbol),
            type_name: text_of(&d, f.type_name),
            title: text_of(&d, f.title),
            date: u64_of(&d, f.ymd)
                .map(|v| format!("{:04}-{:02}-{:02}", v / 10000, v / 100 % 100, v % 100)),
            body: text_of(&d, f.body),
            place: text_of(&d, f.place),
            province: text_of(&d, f.province)
                .map(|p| crate::extract::header::province_of(&p).unwrap_or(p)),
            signer: text_of(&d, f.signer),
            text: text_of(&d, f.text).unwrap_or_default(),
            mentions,
        }))
    }

    /// How the results of a search spread over types, issuers, provinces and years.
    pub fn facets(&self, q: &SearchQuery) -> Result<Facets> {
        let query = self.matching_query(q, &self.search_query(q)?);
        let s = self.searcher();
        let (matches, years) = s.search(query.as_ref(), &Matches)?;
        let lex = crate::lexicon::lexicon();
        let f = &self.f;
        Ok(Facets {
            types: sorted(count_terms(&s, f.type_code, &matches)?, |c| {
                lex.types
                    .get(c)
                    .map(|t| t.names.first().map_or(t.code, |n| n).to_string())
                    .unwrap_or_else(|| c.to_uppercase())
            }),
            issuers: sorted(count_terms(&s, f.issuer, &matches)?, |c| {
                lex.issuers
                    .get(c)
                    .map(|i| i.code.to_string())
                    .unwrap_or_else(|| c.to_uppercase())
            }),
            provinces: sorted(count_terms(&s, f.province, &matches)?, |p| {
                crate::extract::header::province_of(p).unwrap_or_else(|| p.to_string())
            })
            .into_iter()
            // the filter takes the province's name
            .map(|c| FacetCount {
                value: c.label.clone(),
                ..c
            })
            .collect(),
            years: {
                let mut v: Vec<FacetCount> = years
                    .into_iter()
                    .filter(|(y, _)| *y > 0)
                    .map(|(y, n)| FacetCount {
                        value: y.to_string(),
                        label: y.to_string(),
                        count: n,
                    })
                    .collect();
                v.reverse();
                v
            },
        })
    }

    /// How many citations of `key` (of one relation) each year of the citing documents has, the
    /// most recent year first.
    pub fn citing_years(&self, key: &str, relation: Option<Relation>) -> Result<Vec<(u16, usize)>> {
        Ok(self
            .table()?
            .years(key, relation)
            .into_iter()
            .rev()
            .filter(|(y, _)| *y > 0)
            .collect())
    }

    /// Up to `limit` conflicts, those of the most recent documents first.
    pub fn recent_conflicts(&self, limit: usize) -> Result<Vec<Conflict>> {
        let s = self.searcher();
        let top = s.search(
            &*tq(self.f.kind, "conflict"),
            &TopDocs::with_limit(5000).order_by_score(),
        )?;
        let mut out: Vec<Conflict> = Vec::new();
        for (_, a) in top {
            let d: TantivyDocument = s.doc(a)?;
            if let Some(c) = text_of(&d, self.f.json).and_then(|j| serde_json::from_str(&j).ok()) {
                out.push(c);
            }
        }
        let year = |c: &Conflict| -> u32 {
            c.key
                .split_once('@')
                .and_then(|(_, r)| r.get(..4))
                .and_then(|y| y.parse().ok())
                .unwrap_or(0)
        };
        out.sort_by(|a, b| year(b).cmp(&year(a)).then(a.key.cmp(&b.key)));
        out.truncate(limit);
        Ok(out)
    }

    /// The documents that are what was typed when it is a symbol and nothing else ("25/nq-tw",
    /// "25-NQ/TW@2013"); `None` for words to search.
    pub fn symbol_only(&self, input: &str) -> Option<Vec<DocRecord>> {
        let input = input.trim();
        let sym_part = input.split_once('@').map_or(input, |(a, _)| a).trim();
        let folded = crate::text::Folded::new(sym_part);
        let found = crate::extract::symbol::find_symbols(&folded);
        let [one] = found.as_slice() else {
            return None;
        };
        let r = folded.src_range(one.start, one.end);
        let rest = format!("{}{}", &sym_part[..r.start], &sym_part[r.end..]);
        if rest.chars().any(|c| c.is_alphanumeric()) {
            return None;
        }
        self.find(input).ok()
    }

    /// The documents within `depth` citations of `key`, either way, at most `max_nodes` of them.
    pub fn neighbourhood(
        &self,
        key: &str,
        depth: usize,
        max_nodes: usize,
    ) -> Result<Neighbourhood> {
        let mut depth_of: HashMap<String, usize> = HashMap::from([(key.to_string(), 0)]);
        let mut order = vec![key.to_string()];
        let mut edges: BTreeMap<(String, String), Relation> = BTreeMap::new();
        let mut frontier = vec![key.to_string()];
        let mut truncated = false;
        for level in 1..=depth.clamp(1, 3) {
            if frontier.is_empty() {
                break;
            }
            let incoming = self.citations(By::Cited, &frontier, None, max_nodes * 8)?;
            let outgoing = self.citations(By::Source, &frontier, None, max_nodes * 8)?;
            truncated |= incoming.1 > incoming.0.len() || outgoing.1 > outgoing.0.len();
            let mut next = Vec::new();
            for c in incoming.0.into_iter().chain(outgoing.0) {
                if c.source == c.cited {
                    continue;
                }
                for k in [&c.source, &c.cited] {
                    if !depth_of.contains_key(k) {
                        if depth_of.len() >= max_nodes {
                            truncated = true;
                            continue;
                        }
                        depth_of.insert(k.clone(), level);
                        order.push(k.clone());
                        next.push(k.clone());
                    }
                }
                if depth_of.contains_key(&c.source) && depth_of.contains_key(&c.cited) {
                    edges
                        .entry((c.source.clone(), c.cited.clone()))
                        .and_modify(|r| {
                            if c.relation.is_implementing() && !r.is_implementing() {
                                *r = c.relation;
                            }
                        })
                        .or_insert(c.relation);
                }
            }
            frontier = next;
        }
        let mut nodes = Vec::new();
        let mut seen = HashSet::new();
        for k in order {
            if !seen.insert(k.clone()) {
                continue;
            }
            let rec = self.document(&k)?;
            let d = rec.as_ref().map(|r| &r.doc);
            let own = d.and_then(|d| d.own.as_ref());
            nodes.push(GraphNode {
                depth: depth_of[&k],
                type_name: own
                    .and_then(|o| o.type_name.clone())
                    .or_else(|| d.and_then(|d| d.types.first().cloned())),
                date: own
                    .and_then(|o| o.date)
                    .or(d.and_then(|d| d.date))
                    .map(|x| x.to_string()),
                title: own
                    .and_then(|o| o.title.clone())
                    .or_else(|| d.and_then(|d| d.titles.first().cloned())),
                file: own.map(|o| o.file.clone()),
                cited_in: rec.as_ref().map_or(0, |r| r.cited_in_count),
                key: k,
            });
        }
        Ok(Neighbourhood {
            center: key.to_string(),
            nodes,
            edges: edges
                .into_iter()
                .map(|((from, to), relation)| GraphEdge { from, to, relation })
                .collect(),
            truncated,
        })
    }
}
