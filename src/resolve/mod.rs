//! From mentions to knowledge (SPEC §3–§4): which document each mention means, one node per
//! document, typed edges from citing to cited, and the findings where the archive contradicts
//! itself.

mod cites;
mod conflict;
pub mod key;
mod title;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use cites::{Cited, Cites, Interner, Resolved, Str};
pub use conflict::{Conflict, ConflictKind, ConflictValue, Evidence};
use key::{Base, file_key, named_key, place_for, render};
pub use title::TitleMatch;

use crate::corpus::Report;
use crate::extract::context::Date;
use crate::extract::named::{NamedKind, law_title};
use crate::extract::{Family, Relation, Symbol};
use crate::text::fold_str;

/// Where a mention is, and what it does.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MentionRef {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub relation: Relation,
    /// Key of the document the relation is from.
    pub source: String,
    pub date: Option<Date>,
    pub body: Option<String>,
    pub term: Option<String>,
    pub sentence: String,
    /// For a reference by title alone: the title it matched and how well.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_match: Option<title::TitleMatch>,
}

/// What a report says about itself (only for documents that are files of the archive).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Own {
    pub file: String,
    /// Other files of the archive that hold the same document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub title: Option<String>,
    pub place: Option<String>,
    pub province: Option<String>,
    pub date: Option<Date>,
    pub body: Option<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
    pub encoding: String,
}

/// One document: cited, in the archive, or both.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    pub key: String,
    pub symbol: Option<String>,
    pub family: Family,
    pub type_code: Option<String>,
    /// Type names written for it, most frequent first.
    pub types: Vec<String>,
    /// Symbol spellings seen, most frequent first.
    pub spellings: Vec<String>,
    pub date: Option<Date>,
    pub year: Option<u16>,
    pub body: Option<String>,
    pub term: Option<String>,
    pub titles: Vec<String>,
    pub place: Option<String>,
    /// The report that is this document, when it is in the archive.
    pub own: Option<Own>,
    /// For an undated symbol that fits several documents: their keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
    pub mentions: Vec<MentionRef>,
    /// Keys of the documents that cite it (reports and, for nested citations, cited documents);
    /// in a full graph only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<String>,
    /// Files whose text cites it; in a full graph only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_in: Vec<String>,
    /// How many documents and files cite it (in every graph).
    #[serde(skip)]
    pub cited_by_count: usize,
    #[serde(skip)]
    pub cited_in_count: usize,
}

/// A typed edge from the citing to the cited document, with its evidence.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Graph {
    pub documents: Vec<Document>,
    pub edges: Vec<Edge>,
    pub conflicts: Vec<Conflict>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Graph {
    pub fn get(&self, key: &str) -> Option<&Document> {
        self.index.get(key).map(|&i| &self.documents[i])
    }

    /// The key of the document a report file is.
    pub fn key_of_file(&self, path: &str) -> Option<&str> {
        self.documents
            .iter()
            .find(|d| d.own.as_ref().is_some_and(|o| o.file == path))
            .map(|d| d.key.as_str())
    }
}

/// What a numbered mention claims about its document.
struct Claim {
    report: u32,
    mention: u32,
    year: Option<u16>,
    date: Option<Date>,
    /// Folded, shared.
    title: Option<Str>,
    term: Option<Str>,
    body: Option<Str>,
}

/// Which document each citation means: a table with a row per report.
struct MentionDocs(Vec<Vec<u32>>);

impl MentionDocs {
    const NONE: u32 = u32::MAX;

    fn new(reports: &[Cites]) -> Self {
        MentionDocs(
            reports
                .iter()
                .map(|r| vec![Self::NONE; r.mentions.len()])
                .collect(),
        )
    }

    fn insert(&mut self, (ri, mi): (usize, usize), di: usize) {
        self.0[ri][mi] = di as u32;
    }

    fn get(&self, ri: usize, mi: usize) -> Option<usize> {
        let d = self.0[ri][mi];
        (d != Self::NONE).then_some(d as usize)
    }

    /// (report, mention, document), in the order of the reports.
    fn iter(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.0.iter().enumerate().flat_map(|(ri, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, d)| **d != Self::NONE)
                .map(move |(mi, &d)| (ri, mi, d as usize))
        })
    }
}

/// The warning the resolver gives an undated citation that fits several documents.
const AMBIGUOUS: &str = "ambiguous: ";

/// How much of the graph to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Every mention under its document and every edge with its evidence (exports, `graph`).
    Full,
    /// Documents, their cited-by sets and conflicts only: what the index stores (the mentions
    /// themselves are written from the reports).
    Lean,
}

/// Resolves every mention of the collection: fills `key` and `source` and builds the graph.
pub fn resolve(reports: &mut [Report]) -> Graph {
    resolve_with(reports, Detail::Full)
}

/// [`resolve`], building the graph in the given detail.
pub fn resolve_with(reports: &mut [Report], detail: Detail) -> Graph {
    let mut i = Interner::default();
    let cites: Vec<Cites> = reports
        .iter()
        .map(|r| Cites::of(r, detail == Detail::Full, &mut i))
        .collect();
    drop(i);
    let (g, out) = resolve_cites(&cites, detail);
    for (r, o) in reports.iter_mut().zip(out) {
        for (m, x) in r.mentions.iter_mut().zip(o) {
            x.apply(m);
        }
    }
    g
}

/// Resolves a collection as the resolver sees it: the graph, and what each citation (in the order
/// of `reports` and their mentions) resolves to.
pub fn resolve_cites(reports: &[Cites], detail: Detail) -> (Graph, Vec<Vec<Resolved>>) {
    let file_keys: Vec<String> = reports.iter().map(|r| file_key(&r.path)).collect();
    let province = |i: usize| reports[i].header.province.clone();

    // 1. numbered claims by base (symbol + place); own headers are authoritative claims
    let mut folded = Interner::default();
    let mut bases: BTreeMap<Base, Vec<Claim>> = BTreeMap::new();
    // reports that are numbered documents, by base, in input order
    let mut owners: BTreeMap<Base, Vec<(usize, Option<u16>)>> = BTreeMap::new();
    for (ri, r) in reports.iter().enumerate() {
        if let Some(sym) = &r.header.sym {
            let place = place_for(
                sym,
                r.header.body.as_deref(),
                r.header.province.as_deref(),
                &file_keys[ri],
            );
            let year = sym.year.or(r.header.date.map(|d| d.y)).or(r.header.year);
            owners
                .entry(Base {
                    sym: sym.id(),
                    place,
                })
                .or_default()
                .push((ri, year));
        }
        for (mi, m) in r.mentions.iter().enumerate() {
            let Some(sym) = &m.sym else { continue };
            let place = place_for(
                sym,
                m.body.as_deref(),
                province(ri).as_deref(),
                &file_keys[ri],
            );
            bases
                .entry(Base {
                    sym: sym.id(),
                    place,
                })
                .or_default()
                .push(Claim {
                    report: ri as u32,
                    mention: mi as u32,
                    year: sym.year.or(m.date.map(|d| d.y)).or(m.year),
                    date: m.date,
                    title: m.title.as_deref().map(|t| folded.str(&fold_str(t))),
                    term: m.term.clone(),
                    body: m.body.clone(),
                });
        }
    }
    for b in owners.keys() {
        bases.entry(b.clone()).or_default();
    }

    let mut b = Builder {
        full: detail == Detail::Full,
        ..Builder::default()
    };
    // 2. per base: settle years, merge wrong dates into the document they mean, place undated
    //    mentions. Each base is settled on its own (on every core); its documents are then made
    //    base by base, in the order one thread made them.
    let base_list: Vec<(&Base, &Vec<Claim>)> = bases.iter().collect();
    let no_owner: Vec<(usize, Option<u16>)> = Vec::new();
    let owners_of = |base: &Base| owners.get(base).unwrap_or(&no_owner);
    let settled: Vec<Settled> = base_list
        .par_iter()
        .map(|(base, claims)| settle(base, claims, owners_of(base), reports))
        .collect();
    let mut mention_doc = MentionDocs::new(reports);
    let mut own_doc: HashMap<usize, usize> = HashMap::new();
    for ((base, claims), s) in base_list.iter().zip(settled) {
        let own = owners_of(base);
        let owner = own.first().copied();
        let mut year_doc: BTreeMap<Option<u16>, usize> = BTreeMap::new();
        for &y in &s.years {
            let di = b.numbered(base, Some(y), claims_sym(claims, reports, owner));
            year_doc.insert(Some(y), di);
        }
        for (&(ri, _), &y) in own.iter().zip(&s.own_years) {
            let di = match year_doc.get(&y) {
                Some(&di) => di,
                None => {
                    let di = b.numbered(base, y, claims_sym(claims, reports, owner));
                    year_doc.insert(y, di);
                    di
                }
            };
            own_doc.insert(ri, di);
        }
        for (c, y) in claims.iter().zip(&s.claim_years) {
            let di = match y {
                Some(_) => year_doc[y],
                None => *year_doc
                    .entry(None)
                    .or_insert_with(|| b.numbered(base, None, claims_sym(claims, reports, owner))),
            };
            mention_doc.insert((c.report as usize, c.mention as usize), di);
        }
        if !s.ambiguous.is_empty() {
            let di = year_doc[&None];
            let amb = b.ambiguous.entry(di).or_default();
            amb.extend(s.ambiguous.iter().map(|y| year_doc[&Some(*y)]));
            amb.sort_unstable();
            amb.dedup();
        }
        for (y, why) in s.reasons {
            if let Some(&di) = year_doc.get(&Some(y)) {
                b.reasons.insert(di, why);
            }
        }
        for (y, others) in s.shared {
            let di = year_doc[&Some(y)];
            let od: Vec<usize> = others.iter().map(|o| year_doc[&Some(*o)]).collect();
            b.shared.push((di, od));
        }
    }

    drop(bases);
    drop(owners);
    drop(folded);

    // 3. reports without a symbol are documents of their own
    for (ri, r) in reports.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(e) = own_doc.entry(ri) {
            let di = b.new_doc(Family::Named, None);
            b.docs[di].key = file_keys[ri].clone();
            b.docs[di].type_code = r.header.type_code.clone();
            e.insert(di);
        }
        let di = own_doc[&ri];
        let h = &r.header;
        if let Some(o) = &mut b.docs[di].own {
            // the same document saved twice: one node, every file listed
            o.copies.push(r.path.to_string());
            continue;
        }
        b.docs[di].own = Some(Own {
            copies: vec![],
            file: r.path.to_string(),
            type_name: h.type_name.clone(),
            title: h.title.clone(),
            place: h.place.clone(),
            province: h.province.clone(),
            date: h.date,
            body: h.body.clone(),
            signer: h.signer.clone(),
            recipients: h.recipients.clone(),
            encoding: r.encoding.to_string(),
        });
        if let Some(t) = &h.title {
            b.docs[di].titles.push(t.clone());
        }
        if let Some(s) = &h.symbol {
            b.spell(di, s);
        }
    }

    // 4. named references; a law named without its year is the one of that name the collection
    // dates, when there is one ("Luật Đấu thầu" and "Luật Đấu thầu năm 2023" in one report)
    let mut law_years: HashMap<String, Vec<u16>> = HashMap::new();
    for m in reports.iter().flat_map(|r| &r.mentions) {
        if let (Some(NamedKind::Law { name }), Some(y)) = (m.named.as_deref(), m.year) {
            let v = law_years.entry(name.clone()).or_default();
            if !v.contains(&y) {
                v.push(y);
            }
        }
    }
    for (ri, r) in reports.iter().enumerate() {
        for (mi, m) in r.mentions.iter().enumerate() {
            if m.sym.is_some() {
                continue;
            }
            let dated = match m.named.as_deref() {
                Some(NamedKind::Law { name }) if m.year.is_none() => {
                    // (a report cannot cite a law passed after it)
                    let citing = r.header.date.map(|d| d.y).or(r.header.year);
                    match law_years.get(name).map(Vec::as_slice) {
                        Some(&[y]) if citing.is_none_or(|c| y <= c) => {
                            Some(format!("{} năm {y}", law_title(name)))
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(k) = dated.or_else(|| named_key(m, province(ri).as_deref())) {
                let di = b.named(&k);
                mention_doc.insert((ri, mi), di);
            }
        }
    }

    // 5. aggregate attributes so that titles are known, then match references by title alone
    for (ri, mi, di) in mention_doc.iter() {
        b.absorb(di, &reports[ri].mentions[mi], ri, mi);
    }
    let mut title_matches: HashMap<(usize, usize), title::TitleMatch> = HashMap::new();
    let titles = title::TitleIndex::new(b.docs.iter().enumerate().map(|(i, d)| {
        let mut ts: Vec<&str> = d.titles.iter().map(String::as_str).collect();
        if let Some(t) = b.tally.get(&i) {
            ts.extend(t.titles(reports));
        }
        (i, d.type_code.as_deref(), ts)
    }));
    type Match = Option<(usize, title::TitleMatch)>;
    // the same title is cited by many reports: each is matched once, all of them on every core
    // (the index of titles stands still while the references are placed)
    let mut asked: Vec<(Option<Str>, Option<Str>)> = reports
        .iter()
        .flat_map(|r| &r.mentions)
        .filter(|m| m.named.as_deref() == Some(&NamedKind::TitleOnly))
        .map(|m| (m.title.clone(), m.type_name.clone()))
        .collect();
    asked.sort_unstable();
    asked.dedup();
    let matched: HashMap<(Option<Str>, Option<Str>), Match> = asked
        .into_par_iter()
        .map(|(t, ty)| {
            let found = titles.best_match(t.as_deref().unwrap_or(""), ty.as_deref());
            ((t, ty), found)
        })
        .collect();
    for (ri, r) in reports.iter().enumerate() {
        for (mi, m) in r.mentions.iter().enumerate() {
            if m.named.as_deref() != Some(&NamedKind::TitleOnly) {
                continue;
            }
            let t = m.title.as_deref().unwrap_or("");
            let found = matched[&(m.title.clone(), m.type_name.clone())].clone();
            let di = match found {
                Some((di, tm)) => {
                    title_matches.insert((ri, mi), tm);
                    di
                }
                None => b.named(&format!(
                    "{} về “{}”",
                    m.type_name.as_deref().unwrap_or("Văn bản"),
                    t
                )),
            };
            b.absorb(di, m, ri, mi);
            mention_doc.insert((ri, mi), di);
        }
    }

    // 6. keys, then sources and edges
    b.finish_keys();
    let doc_keys: Vec<Str> = b.docs.iter().map(|d| Str::from(d.key.as_str())).collect();
    let mut edges = Vec::new();
    let mut out = Vec::with_capacity(reports.len());
    for (ri, r) in reports.iter().enumerate() {
        let own_key = doc_keys[own_doc[&ri]].clone();
        let keys: Vec<Option<Str>> = (0..r.mentions.len())
            .map(|mi| mention_doc.get(ri, mi).map(|d| doc_keys[d].clone()))
            .collect();
        let mut resolved = Vec::with_capacity(r.mentions.len());
        for (mi, m) in r.mentions.iter().enumerate() {
            let source = m
                .source_mention
                .and_then(|j| keys[j as usize].clone())
                .unwrap_or_else(|| own_key.clone());
            let mut x = Resolved {
                key: keys[mi].clone(),
                source: source.clone(),
                ambiguous: None,
            };
            if let Some(di) = mention_doc.get(ri, mi) {
                if let Some(amb) = b.ambiguous.get(&di) {
                    let names: Vec<&str> = amb.iter().map(|&d| &*doc_keys[d]).collect();
                    x.ambiguous = Some(format!("{AMBIGUOUS}fits {}", names.join(", ")));
                }
                b.citers.entry(di).or_default().push((source.clone(), ri));
                if detail == Detail::Full {
                    let sentence = m.sentence.as_deref().unwrap_or("").to_string();
                    b.docs[di].mentions.push(MentionRef {
                        file: r.path.to_string(),
                        start: m.start,
                        end: m.end,
                        line: m.line as usize,
                        text: m.text.as_deref().unwrap_or("").to_string(),
                        relation: m.relation,
                        source: source.to_string(),
                        date: m.date,
                        body: m.body.as_deref().map(str::to_string),
                        term: m.term.as_deref().map(str::to_string),
                        sentence: sentence.clone(),
                        title_match: title_matches.get(&(ri, mi)).cloned(),
                    });
                    edges.push(Edge {
                        from: source.to_string(),
                        to: b.docs[di].key.clone(),
                        relation: m.relation,
                        file: r.path.to_string(),
                        start: m.start,
                        end: m.end,
                        sentence,
                    });
                }
            }
            resolved.push(x);
        }
        out.push(resolved);
    }
    let g = b.into_graph(edges, reports);
    (g, out)
}

/// What one base settles, by year (its documents are made afterwards, in base order): the years
/// that are documents, the year each owning report and each claim stands for (none: the undated
/// document), the years an undated claim fits several of, and the plan's reasons and shared
/// symbols.
struct Settled {
    years: Vec<u16>,
    own_years: Vec<Option<u16>>,
    claim_years: Vec<Option<u16>>,
    ambiguous: Vec<u16>,
    reasons: HashMap<u16, String>,
    shared: Vec<(u16, Vec<u16>)>,
}

fn settle(
    base: &Base,
    claims: &[Claim],
    own: &[(usize, Option<u16>)],
    reports: &[Cites],
) -> Settled {
    let own_years: Vec<u16> = own.iter().filter_map(|(_, y)| *y).collect();
    let plan = conflict::settle_years(base, claims, &own_years, reports);
    let merged = |y: u16| plan.merged.get(&y).copied().unwrap_or(y);
    let own_keys: Vec<Option<u16>> = own
        .iter()
        .map(|&(_, y)| match (y.map(merged), plan.years.as_slice()) {
            // a report that does not say its year is the one dated document of its symbol
            (None, [only]) => Some(*only),
            (y, _) => y,
        })
        .collect();
    let mut years: Vec<u16> = plan.years.clone();
    years.extend(own_keys.iter().flatten());
    years.sort_unstable();
    years.dedup();
    let cands: Vec<conflict::Candidate> = years
        .iter()
        .map(|&y| {
            let own_titles = own
                .iter()
                .zip(&own_keys)
                .filter(|(_, k)| **k == Some(y))
                .filter_map(|((ri, _), _)| reports[*ri].header.title.as_deref().map(fold_str))
                .collect();
            conflict::Candidate::new(y, claims, own_titles)
        })
        .collect();
    let mut ambiguous = Vec::new();
    let claim_years = claims
        .iter()
        .map(|c| match c.year {
            Some(y) => Some(merged(y)),
            None => {
                let citing_year = reports[c.report as usize].header.date.map(|d| d.y);
                let fit = conflict::fit_undated(c, &cands, citing_year);
                match fit.as_slice() {
                    [d] => Some(d.year),
                    _ => {
                        if fit.len() > 1 {
                            ambiguous.extend(fit.iter().map(|d| d.year));
                        }
                        None
                    }
                }
            }
        })
        .collect();
    Settled {
        years: plan.years,
        own_years: own_keys,
        claim_years,
        ambiguous,
        reasons: plan.reasons,
        shared: plan.shared,
    }
}

/// The symbol (for spelling and family) of a base: from any claim, or the owner's header.
fn claims_sym(claims: &[Claim], reports: &[Cites], owner: Option<(usize, Option<u16>)>) -> Symbol {
    claims
        .first()
        .and_then(|c| {
            reports[c.report as usize].mentions[c.mention as usize]
                .sym
                .as_deref()
                .cloned()
        })
        .or_else(|| owner.and_then(|(ri, _)| reports[ri].header.sym.clone()))
        .expect("a base has a claim or an owner")
}

/// A stable sort on every core that moves each (large) item once: their positions are sorted, then
/// the items put in place cycle by cycle (a merge sort of the items themselves would hold a second
/// copy of them all: +74 MB at the peak of 100,000 reports).
fn sort_on_all_cores<T: Sync>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.par_sort_by(|&a, &b| cmp(&v[a], &v[b]));
    // v[i] takes the item at order[i]
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let k = order[j];
            order[j] = j;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[derive(Default)]
struct Builder {
    docs: Vec<Document>,
    /// Numbered documents: (base, year) for keys, and the symbol.
    numbered_of: HashMap<usize, (Base, Option<u16>, Symbol)>,
    named_of: HashMap<String, usize>,
    spellings: HashMap<usize, Vec<(String, usize)>>,
    tally: HashMap<usize, Tally>,
    ambiguous: HashMap<usize, Vec<usize>>,
    /// Why wrong dates were merged into a document.
    reasons: HashMap<usize, String>,
    /// Documents that share a symbol with others.
    shared: Vec<(usize, Vec<usize>)>,
    /// Per document: the key each citation relates from, and the report it stands in.
    citers: HashMap<usize, Vec<(Str, usize)>>,
    /// A full graph (lists of citers), or a lean one (their counts).
    full: bool,
}

/// Where a value was read: a mention of a report, by index (the evidence is written out only
/// for the values that disagree).
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
    report: u32,
    mention: u32,
}

impl At {
    fn evidence(self, reports: &[Cites]) -> Evidence {
        let r = &reports[self.report as usize];
        let m = &r.mentions[self.mention as usize];
        Evidence {
            file: r.path.to_string(),
            start: m.start,
            end: m.end,
            line: m.line as usize,
            sentence: m.sentence.as_deref().unwrap_or("").to_string(),
        }
    }
}

/// The citations of one document, for its majority values and conflicts (what each says is read
/// from the citation itself when the document is aggregated).
#[derive(Default)]
struct Tally {
    at: Vec<At>,
}

impl Tally {
    fn cited<'r>(&'r self, reports: &'r [Cites]) -> impl Iterator<Item = (&'r Cited, At)> + 'r {
        self.at
            .iter()
            .map(move |&a| (&reports[a.report as usize].mentions[a.mention as usize], a))
    }

    fn titles<'r>(&'r self, reports: &'r [Cites]) -> impl Iterator<Item = &'r str> + 'r {
        self.cited(reports)
            .filter(|(m, _)| m.named.as_deref() != Some(&NamedKind::TitleOnly))
            .filter_map(|(m, _)| m.title.as_deref())
    }
}

impl Builder {
    fn new_doc(&mut self, family: Family, symbol: Option<&Symbol>) -> usize {
        self.docs.push(Document {
            key: String::new(),
            symbol: None,
            family,
            type_code: symbol.and_then(|s| s.type_code.clone()),
            types: vec![],
            spellings: vec![],
            date: None,
            year: None,
            body: None,
            term: None,
            titles: vec![],
            place: None,
            own: None,
            ambiguous: vec![],
            mentions: vec![],
            cited_by: vec![],
            cited_in: vec![],
            cited_by_count: 0,
            cited_in_count: 0,
        });
        self.docs.len() - 1
    }

    fn numbered(&mut self, base: &Base, year: Option<u16>, sym: Symbol) -> usize {
        let di = self.new_doc(sym.family, Some(&sym));
        self.docs[di].year = year;
        self.docs[di].place = base.place.clone();
        self.numbered_of.insert(di, (base.clone(), year, sym));
        di
    }

    fn named(&mut self, key: &str) -> usize {
        if let Some(&d) = self.named_of.get(key) {
            return d;
        }
        let di = self.new_doc(Family::Named, None);
        self.docs[di].key = key.to_string();
        self.named_of.insert(key.to_string(), di);
        di
    }

    fn spell(&mut self, di: usize, s: &str) {
        let v = self.spellings.entry(di).or_default();
        match v.iter_mut().find(|(x, _)| x == s) {
            Some((_, n)) => *n += 1,
            None => v.push((s.to_string(), 1)),
        }
    }

    /// Takes what a mention says about its document into the tallies.
    fn absorb(&mut self, di: usize, m: &Cited, ri: usize, mi: usize) {
        if let Some(s) = &m.symbol {
            self.spell(di, s);
        }
        self.tally.entry(di).or_default().at.push(At {
            report: ri as u32,
            mention: mi as u32,
        });
    }

    /// Keys of numbered documents from their most frequent spelling, titles known so far.
    fn finish_keys(&mut self) {
        for (&di, (base, year, sym)) in &self.numbered_of {
            let spelling = self
                .spellings
                .get(&di)
                .and_then(|v| v.iter().max_by_key(|(_, n)| *n).map(|(s, _)| s.clone()))
                .unwrap_or_else(|| sym.to_string());
            let d = &mut self.docs[di];
            d.symbol = Some(spelling.clone());
            d.key = render(&spelling, sym.year.is_some(), *year, base.place.as_deref());
        }
    }

    fn into_graph(mut self, edges: Vec<Edge>, reports: &[Cites]) -> Graph {
        let mut conflicts = Vec::new();
        for (di, others) in &self.shared {
            let d = &self.docs[*di];
            let keys: Vec<String> = others.iter().map(|&o| self.docs[o].key.clone()).collect();
            conflicts.push(conflict::shared_symbol(
                &d.key,
                d.symbol.as_deref().unwrap_or(&d.key),
                &keys,
            ));
        }
        // each document's attributes and conflicts are its own: worked out on all cores, in the
        // documents' order
        let work: Vec<(Tally, Vec<(Str, usize)>)> = (0..self.docs.len())
            .map(|di| {
                (
                    self.tally.remove(&di).unwrap_or_default(),
                    self.citers.remove(&di).unwrap_or_default(),
                )
            })
            .collect();
        let (reasons, spellings, full) = (&self.reasons, &self.spellings, self.full);
        let per_doc: Vec<Vec<Conflict>> = self
            .docs
            .par_iter_mut()
            .zip(work)
            .enumerate()
            .map(|(di, (doc, (tally, citers)))| {
                let found =
                    conflict::aggregate(doc, &tally, reasons.get(&di).map(String::as_str), reports);
                if let Some(v) = spellings.get(&di) {
                    let mut v = v.clone();
                    v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                    doc.spellings = v.into_iter().map(|(s, _)| s).collect();
                }
                let mut files: Vec<usize> = citers.iter().map(|(_, r)| *r).collect();
                files.sort_unstable();
                files.dedup();
                let mut by: Vec<&str> = citers.iter().map(|(s, _)| &**s).collect();
                by.sort_unstable();
                by.dedup();
                doc.cited_by_count = by.len();
                doc.cited_in_count = files.len();
                if full {
                    doc.cited_by = by.into_iter().map(str::to_string).collect();
                    let mut files: Vec<String> = files
                        .into_iter()
                        .map(|r| reports[r].path.to_string())
                        .collect();
                    files.sort();
                    files.dedup();
                    doc.cited_in = files;
                }
                found
            })
            .collect();
        conflicts.extend(per_doc.into_iter().flatten());
        for (di, amb) in &self.ambiguous {
            let mut keys: Vec<String> = amb.iter().map(|&d| self.docs[d].key.clone()).collect();
            keys.sort();
            keys.dedup();
            self.docs[*di].ambiguous = keys;
        }
        // documents in key order; keys are unique (a clash would be two bases rendering alike)
        sort_on_all_cores(&mut self.docs, |a, b| a.key.cmp(&b.key));
        let mut index = HashMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            index.entry(d.key.clone()).or_insert(i);
        }
        sort_on_all_cores(&mut conflicts, |a, b| {
            a.key.cmp(&b.key).then(a.kind.cmp(&b.kind))
        });
        Graph {
            documents: self.docs,
            edges,
            conflicts,
            index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_on_all_cores;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard stable sort, ties included.
        #[test]
        fn sorting_on_all_cores_is_the_stable_sort(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            sort_on_all_cores(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = v;
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
