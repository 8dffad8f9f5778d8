//! Every record of the index, flattened for other engines (Quickwit, OpenSearch): reports with
//! their text, documents of the graph, and citations (mentions) with their evidence. The field
//! names and types are those of `deploy/opensearch/trichdan.json` and
//! `deploy/quickwit/trichdan.json`.

use anyhow::Result;
use serde::Serialize;
use tantivy::TantivyDocument;

use super::{Archive, DocRecord, text_of, u64_of};

/// One flat record. Absent values are left out.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FlatRecord {
    pub kind: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_in: Option<u64>,
    /// Provenance of a report's text, and of a mention: the file's format, what turned it into
    /// text, whether OCR did, the mention's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
}

fn iso(ymd: Option<u64>) -> Option<String> {
    ymd.map(|v| format!("{:04}-{:02}-{:02}", v / 10000, v / 100 % 100, v % 100))
}

impl Archive {
    /// Calls `each` for every report and document record, segment by segment, then for every
    /// citation, file by file.
    pub fn for_each_record(&self, mut each: impl FnMut(FlatRecord) -> Result<()>) -> Result<()> {
        self.for_each_stored(&mut each)?;
        self.for_each_citation(each)
    }

    /// Every citation as a flat record, file by file.
    pub(super) fn for_each_citation(
        &self,
        mut each: impl FnMut(FlatRecord) -> Result<()>,
    ) -> Result<()> {
        self.table()?.for_each(|r| {
            let m = r.mention;
            each(FlatRecord {
                kind: "mention",
                id: format!("{}#{}", r.file, r.start),
                path: Some(r.file),
                source: Some(r.source),
                cited: Some(r.cited),
                relation: Some(r.relation.as_str().to_string()),
                start: Some(r.start),
                end: Some(r.end),
                line: Some(r.line),
                sentence: Some(r.sentence),
                symbol: m.symbol,
                type_name: m.type_name,
                date: m.date,
                text: Some(m.text),
                page: m.page.map(u64::from),
                ocr: m.ocr.then_some(true),
                ..FlatRecord::default()
            })
        })
    }

    /// Every report and document record, segment by segment.
    pub(super) fn for_each_stored(
        &self,
        mut each: impl FnMut(FlatRecord) -> Result<()>,
    ) -> Result<()> {
        let f = &self.f;
        let s = self.searcher();
        for seg in s.segment_readers() {
            let store = seg.get_store_reader(64)?;
            for id in seg.doc_ids_alive() {
                let d: TantivyDocument = store.get(id)?;
                let kind = text_of(&d, f.kind).unwrap_or_default();
                let rec = match kind.as_str() {
                    "report" => FlatRecord {
                        kind: "report",
                        id: text_of(&d, f.path).unwrap_or_default(),
                        path: text_of(&d, f.path),
                        symbol: text_of(&d, f.symbol),
                        type_name: text_of(&d, f.type_name),
                        title: text_of(&d, f.title),
                        text: text_of(&d, f.text),
                        body: text_of(&d, f.body),
                        date: iso(u64_of(&d, f.ymd)),
                        year: u64_of(&d, f.year),
                        place: text_of(&d, f.place),
                        province: text_of(&d, f.province),
                        signer: text_of(&d, f.signer),
                        format: text_of(&d, f.format),
                        extractor: text_of(&d, f.extractor),
                        ocr: text_of(&d, f.ocr).map(|o| o == "true"),
                        ..FlatRecord::default()
                    },
                    "document" => {
                        let Some(r): Option<DocRecord> =
                            text_of(&d, f.json).and_then(|j| serde_json::from_str(&j).ok())
                        else {
                            continue;
                        };
                        let doc = r.doc;
                        FlatRecord {
                            kind: "document",
                            id: doc.key.clone(),
                            key: Some(doc.key.clone()),
                            symbol: doc.symbol.clone(),
                            type_name: doc.types.first().cloned(),
                            title: doc.titles.first().cloned(),
                            body: doc.body.clone(),
                            date: doc.date.map(|x| x.to_string()),
                            year: doc.year.map(u64::from),
                            term: doc.term.clone(),
                            place: doc.place.clone(),
                            file: doc.own.as_ref().map(|o| o.file.clone()),
                            cited_in: Some(r.cited_in_count as u64),
                            ..FlatRecord::default()
                        }
                    }
                    _ => continue,
                };
                each(rec)?;
            }
        }
        Ok(())
    }
}
