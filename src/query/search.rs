//! Full-text search over the reports, diacritic- and case-insensitive, with filters and
//! highlighted snippets.

use std::ops::Bound;

use anyhow::Result;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, EnableScoring, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};
use unicode_normalization::UnicodeNormalization;

use super::{Archive, all_of, text_of, tq, type_query, u64_of};
use crate::extract::context::Date;
use crate::index::filter_value;

/// A search with its filters.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    pub type_filter: Option<String>,
    pub issuer: Option<String>,
    pub year: Option<u16>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub province: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub file: String,
    pub score: f32,
    pub symbol: Option<String>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub body: Option<String>,
    /// A passage of the text around the best matches.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched.
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Symbols in a query, in any spelling ("25/NQ-TW", "25 - nq/tw"), become phrases of their
/// parts so that they match the symbol as the text writes it (and "-" is not read as "not").
fn symbols_as_phrases(q: &str) -> String {
    let f = crate::text::Folded::new(q);
    let found = crate::extract::symbol::find_symbols(&f);
    if found.is_empty() {
        return q.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    for s in found {
        let r = f.src_range(s.start, s.end);
        if r.start < at {
            continue;
        }
        out.push_str(&q[at..r.start]);
        let sym = &s.symbol;
        let mut parts = vec![sym.number.clone()];
        if let Some(y) = sym.year {
            parts.push(y.to_string());
        }
        if let Some(t) = &sym.type_code {
            parts.push(t.clone());
        }
        parts.extend(sym.issuer.split('-').map(str::to_string));
        out.push_str(&format!("\"{}\"", parts.join(" ")));
        at = r.end;
    }
    out.push_str(&q[at..]);
    out
}

fn ymd(d: Date) -> u64 {
    d.y as u64 * 10000 + d.m as u64 * 100 + d.d as u64
}

impl Archive {
    /// The question a search asks: its words and its filters, on report records.
    pub(super) fn search_query(&self, q: &SearchQuery) -> Result<BooleanQuery> {
        let f = &self.f;
        let mut parser = QueryParser::for_index(self.index(), vec![f.title, f.text, f.body]);
        parser.set_field_boost(f.title, 3.0);
        parser.set_field_boost(f.body, 1.5);
        parser.set_conjunction_by_default();
        let text = symbols_as_phrases(&q.text.nfc().collect::<String>());
        let (text_query, _errors) = parser.parse_query_lenient(&text);
        let mut qs: Vec<Box<dyn Query>> = vec![tq(f.kind, "report"), text_query];
        if let Some(t) = &q.type_filter {
            qs.push(type_query(f, t)?);
        }
        if let Some(i) = &q.issuer {
            qs.push(tq(f.issuer, &filter_value(i)));
        }
        if let Some(p) = &q.province {
            let canon = crate::extract::header::province_of(p).unwrap_or_else(|| p.clone());
            qs.push(tq(f.province, &filter_value(&canon)));
        }
        let (lo, hi) = match (q.year, q.from, q.to) {
            (Some(y), _, _) => (
                Bound::Included(y as u64 * 10000),
                Bound::Included(y as u64 * 10000 + 9999),
            ),
            (None, from, to) => (
                from.map_or(Bound::Unbounded, |d| Bound::Included(ymd(d))),
                to.map_or(Bound::Unbounded, |d| Bound::Included(ymd(d))),
            ),
        };
        if !matches!((&lo, &hi), (Bound::Unbounded, Bound::Unbounded)) {
            let t = |b: Bound<u64>| b.map(|v| Term::from_field_u64(f.ymd, v));
            qs.push(Box::new(RangeQuery::new(t(lo), t(hi))));
        }
        Ok(all_of(qs))
    }

    /// The query that finds what `search_query` asks: phrases in the text are matched on its
    /// word pairs ("công tác dân vận" is the pairs "cong tac", "tac dan", "dan van" in a row, two
    /// words one pair), which are rare where their words are common. A phrase with a slop ("…"~2)
    /// stays on the words.
    pub(super) fn matching_query(&self, q: &SearchQuery, words: &BooleanQuery) -> Box<dyn Query> {
        if q.text.contains('~') {
            Box::new(words.clone())
        } else {
            self.on_pairs(words)
        }
    }

    fn on_pairs(&self, q: &dyn Query) -> Box<dyn Query> {
        if let Some(b) = q.downcast_ref::<BooleanQuery>() {
            let clauses = b
                .clauses()
                .iter()
                .map(|(o, c)| (*o, self.on_pairs(c.as_ref())))
                .collect();
            let mut out = BooleanQuery::new(clauses);
            out.set_minimum_number_should_match(b.get_minimum_number_should_match());
            return Box::new(out);
        }
        if let Some(p) = q.downcast_ref::<PhraseQuery>()
            && p.field() == self.f.text
        {
            let words: Vec<String> = p
                .phrase_terms()
                .iter()
                .filter_map(|t| t.value().as_str().map(str::to_string))
                .collect();
            let pairs: Vec<Term> = words
                .windows(2)
                .map(|w| Term::from_field_text(self.f.text, &format!("{} {}", w[0], w[1])))
                .collect();
            return match pairs.len() {
                0 => q.box_clone(),
                1 => Box::new(TermQuery::new(
                    pairs[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(pairs)),
            };
        }
        q.box_clone()
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let f = &self.f;
        let words = self.search_query(q)?;
        let query = self.matching_query(q, &words);
        let s = self.searcher();
        let limit = q.limit.clamp(1, 1000);
        let (top, total) = s.search_with_executor(
            query.as_ref(),
            &(
                TopDocs::with_limit(limit)
                    .and_offset(q.offset)
                    .order_by_score(),
                Count,
            ),
            self.pool(),
            EnableScoring::enabled_from_searcher(&s),
        )?;
        let mut snippets = SnippetGenerator::create(&s, &words as &dyn Query, f.text)?;
        snippets.set_max_num_chars(240);
        let mut hits = Vec::new();
        for (score, a) in top {
            let d: TantivyDocument = s.doc(a)?;
            let sn = snippets.snippet_from_doc(&d);
            let snippet = sn.fragment().to_string();
            let highlights = sn.highlighted().iter().map(|r| (r.start, r.end)).collect();
            hits.push(Hit {
                file: text_of(&d, f.path).unwrap_or_default(),
                score,
                symbol: text_of(&d, f.symbol),
                type_name: text_of(&d, f.type_name),
                title: text_of(&d, f.title),
                date: u64_of(&d, f.ymd)
                    .map(|v| format!("{:04}-{:02}-{:02}", v / 10000, v / 100 % 100, v % 100)),
                place: text_of(&d, f.place),
                body: text_of(&d, f.body),
                snippet: if snippet.is_empty() {
                    text_of(&d, f.text)
                        .map(|t| t.chars().take(200).collect())
                        .unwrap_or_default()
                } else {
                    snippet
                },
                highlights,
            });
        }
        Ok(SearchResults { total, hits })
    }
}
