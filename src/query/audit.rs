//! For an auditor: the implementation tree below a directive — which programmes, plans and
//! reports implement it, by whom and when, with the evidence — and the documents that cite it
//! without any implementing act.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use super::{Archive, Citation, DocRecord};
use crate::extract::Relation;

/// One implementing document under its parent.
#[derive(Clone, Debug, Serialize)]
pub struct AuditNode {
    pub key: String,
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
    fn describe(&self, key: &str) -> Option<DocRecord> {
        self.document(key).ok().flatten()
    }

    fn implementers(
        &self,
        key: &str,
        seen: &mut HashSet<String>,
        depth: usize,
    ) -> Result<Vec<AuditNode>> {
        if depth > MAX_DEPTH {
            return Ok(vec![]);
        }
        let (cits, _) = self.citations_of(key, None, PER_LEVEL)?;
        let mut by_source: BTreeMap<String, Vec<Citation>> = BTreeMap::new();
        for c in cits.into_iter().filter(|c| c.relation.is_implementing()) {
            by_source.entry(c.source.clone()).or_default().push(c);
        }
        let mut out = Vec::new();
        for (source, evidence) in by_source {
            if source == key || !seen.insert(source.clone()) {
                continue;
            }
            let rec = self.describe(&source);
            let own = rec.as_ref().and_then(|r| r.doc.own.clone());
            let relation = evidence
                .iter()
                .map(|c| c.relation)
                .max_by_key(|r| rank(*r))
                .unwrap_or(Relation::Implements);
            let children = self.implementers(&source, seen, depth + 1)?;
            out.push(AuditNode {
                type_name: own
                    .as_ref()
                    .and_then(|o| o.type_name.clone())
                    .or_else(|| rec.as_ref().and_then(|r| r.doc.types.first().cloned())),
                date: own
                    .as_ref()
                    .and_then(|o| o.date)
                    .or(rec.as_ref().and_then(|r| r.doc.date))
                    .map(|d| d.to_string()),
                body: own
                    .as_ref()
                    .and_then(|o| o.body.clone())
                    .or(rec.as_ref().and_then(|r| r.doc.body.clone())),
                place: own
                    .as_ref()
                    .and_then(|o| o.province.clone())
                    .or(rec.as_ref().and_then(|r| r.doc.place.clone())),
                title: own
                    .as_ref()
                    .and_then(|o| o.title.clone())
                    .or(rec.as_ref().and_then(|r| r.doc.titles.first().cloned())),
                file: own.map(|o| o.file),
                key: source,
                relation,
                evidence,
                children,
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
        Ok(out)
    }

    pub fn audit(&self, input: &str) -> Result<Vec<Audit>> {
        let mut out = Vec::new();
        for target in self.find(input)? {
            let key = target.doc.key.clone();
            let mut seen = HashSet::from([key.clone()]);
            let tree = self.implementers(&key, &mut seen, 1)?;
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
                let rec = self.describe(&c.source);
                let own = rec.as_ref().and_then(|r| r.doc.own.clone());
                without_act.push(Uncommitted {
                    key: c.source.clone(),
                    relation: c.relation,
                    type_name: own
                        .as_ref()
                        .and_then(|o| o.type_name.clone())
                        .or_else(|| rec.as_ref().and_then(|r| r.doc.types.first().cloned())),
                    date: own
                        .as_ref()
                        .and_then(|o| o.date)
                        .or(rec.as_ref().and_then(|r| r.doc.date))
                        .map(|d| d.to_string()),
                    file: own.map(|o| o.file),
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
}
