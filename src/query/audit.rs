//! For an auditor: the implementation tree below a directive — which programmes, plans and
//! reports implement it, by whom and when, with the evidence — and the documents that cite it
//! without any implementing act.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use super::{Archive, Citation, DocRecord};
use crate::extract::{Relation, Symbol};
use crate::index::{By, SourceInfo};
use crate::lexicon::lexicon;

/// One implementing document under its parent.
#[derive(Clone, Debug, Serialize)]
pub struct AuditNode {
    pub key: String,
    /// Level of government (Trung ương, Tỉnh, Huyện, Xã), from the body or the issuer code.
    pub level: Option<&'static str>,
    /// How it acts on its parent (the strongest relation among its citations of it).
    pub relation: Relation,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub date: Option<String>,
    pub body: Option<String>,
    pub place: Option<String>,
    pub title: Option<String>,
    /// The report that is this document, when it is in the archive.
    pub file: Option<String>,
    /// The citations that make it an implementing act.
    pub evidence: Vec<Citation>,
    pub children: Vec<AuditNode>,
}

/// A document that cites the directive but does not implement it.
#[derive(Clone, Debug, Serialize)]
pub struct Uncommitted {
    pub key: String,
    pub relation: Relation,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub date: Option<String>,
    pub file: Option<String>,
    pub citation: Citation,
}

#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub target: DocRecord,
    pub tree: Vec<AuditNode>,
    pub without_act: Vec<Uncommitted>,
}

const MAX_DEPTH: usize = 8;
const PER_LEVEL: usize = 10_000;

fn rank(r: Relation) -> u8 {
    match r {
        Relation::Implements => 3,
        Relation::Guides => 2,
        Relation::Continues => 1,
        _ => 0,
    }
}

impl Archive {
    /// The implementing citations of every document in `parents`, in one question.
    fn implementing_citations(&self, parents: &[String]) -> Result<Vec<Citation>> {
        let implementing: Vec<Relation> = Relation::ALL
            .iter()
            .copied()
            .filter(|r| r.is_implementing())
            .collect();
        let mut out = Vec::new();
        for chunk in parents.chunks(1024) {
            let (cits, _) = self.citations(By::Cited, chunk, Some(&implementing), PER_LEVEL)?;
            out.extend(cits);
        }
        Ok(out)
    }

    pub fn audit(&self, input: &str) -> Result<Vec<Audit>> {
        let mut out = Vec::new();
        for target in self.find(input)? {
            let key = target.doc.key.clone();
            // level by level, each level's citations in one question; a document is placed once,
            // at the first level it implements something
            let mut seen = HashSet::from([key.clone()]);
            let mut children: BTreeMap<String, Vec<(String, Vec<Citation>)>> = BTreeMap::new();
            let mut frontier = vec![key.clone()];
            for _ in 0..MAX_DEPTH {
                if frontier.is_empty() {
                    break;
                }
                let mut by_pair: BTreeMap<(String, String), Vec<Citation>> = BTreeMap::new();
                for c in self.implementing_citations(&frontier)? {
                    if c.source != c.cited {
                        by_pair
                            .entry((c.cited.clone(), c.source.clone()))
                            .or_default()
                            .push(c);
                    }
                }
                let mut next = Vec::new();
                for ((parent, source), evidence) in by_pair {
                    if !seen.insert(source.clone()) {
                        continue;
                    }
                    next.push(source.clone());
                    children.entry(parent).or_default().push((source, evidence));
                }
                frontier = next;
            }
            let tree = build(&key, &mut children);
            let (cits, _) = self.citations_of(&key, None, PER_LEVEL)?;
            let implementing: HashSet<&str> = cits
                .iter()
                .filter(|c| c.relation.is_implementing())
                .map(|c| c.source.as_str())
                .collect();
            let mut without_act: Vec<Uncommitted> = Vec::new();
            let mut listed = HashSet::new();
            for c in &cits {
                if implementing.contains(c.source.as_str())
                    || seen.contains(&c.source)
                    || !listed.insert(c.source.clone())
                {
                    continue;
                }
                let about = self.about(c);
                without_act.push(Uncommitted {
                    key: c.source.clone(),
                    relation: c.relation,
                    type_name: about.type_name,
                    date: about.date,
                    file: about.file,
                    citation: c.clone(),
                });
            }
            without_act.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
            out.push(Audit {
                target,
                tree,
                without_act,
            });
        }
        Ok(out)
    }

    /// What is known of the document a citation relates from: read with it, else looked up.
    fn about(&self, c: &Citation) -> SourceInfo {
        c.about.clone().unwrap_or_else(|| {
            self.document(&c.source)
                .ok()
                .flatten()
                .map(|d| SourceInfo::of(&d.doc))
                .unwrap_or_default()
        })
    }
}

/// The tree below `key` from the implementers found level by level.
fn build(
    key: &str,
    children: &mut BTreeMap<String, Vec<(String, Vec<Citation>)>>,
) -> Vec<AuditNode> {
    let Some(kids) = children.remove(key) else {
        return vec![];
    };
    let mut out: Vec<AuditNode> = kids
        .into_iter()
        .map(|(source, evidence)| {
            let about = evidence
                .iter()
                .find_map(|c| c.about.clone())
                .unwrap_or_default();
            let relation = evidence
                .iter()
                .map(|c| c.relation)
                .max_by_key(|r| rank(*r))
                .unwrap_or(Relation::Implements);
            let children = build(&source, children);
            let issuer =
                Symbol::parse(source.split('@').next().unwrap_or(&source)).map(|s| s.issuer);
            AuditNode {
                // a body named by no level's word ("Đảng ủy Khối") in a province is of the
                // province's level (a bloc committee stands under the provincial one)
                level: lexicon()
                    .level_of(about.body.as_deref(), issuer.as_deref())
                    .or_else(|| {
                        about
                            .place
                            .as_deref()
                            .and_then(crate::extract::header::province_of)
                            .map(|_| "Tỉnh")
                    }),
                type_name: about.type_name,
                date: about.date,
                body: about.body,
                place: about.place,
                title: about.title,
                file: about.file,
                key: source,
                relation,
                evidence,
                children,
            }
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
    out
}
