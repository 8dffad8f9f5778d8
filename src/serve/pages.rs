//! The HTML pages: home, search, a report, a document, audit and graph. Each asks the query
//! layer the question its JSON twin asks and renders the answer with a template.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

use super::api::{self, CitedByParams, GraphParams, MAX_NODES, MAX_ROWS, SearchParams};
use super::view::{self, doc_url, render, v};
use super::{Failure, Shared, guard, svg};
use crate::query::{AuditNode, Citation, Hit};

/// Results on one page of the search page.
const PAGE: usize = 10;
/// Citing documents listed on a document page (the most recent; the filters and the API reach
/// the others).
const SHOWN_ROWS: usize = 200;

/// A page, or the error page with the failure's status.
pub struct Page(Result<Response, Failure>);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(r) => r,
            Err(f) => failure_page(f),
        }
    }
}

impl From<Result<Response, Failure>> for Page {
    fn from(r: Result<Response, Failure>) -> Page {
        Page(r)
    }
}

pub fn failure_page(f: Failure) -> Response {
    let title = match f.status {
        StatusCode::NOT_FOUND => "Không tìm thấy",
        StatusCode::BAD_REQUEST => "Yêu cầu không hợp lệ",
        StatusCode::PAYLOAD_TOO_LARGE => "Yêu cầu quá lớn",
        StatusCode::SERVICE_UNAVAILABLE => "Máy chủ đang bận",
        _ => "Lỗi",
    };
    let body = render(
        "error.html",
        context! { title, message => f.message, status => f.status.as_u16() },
    )
    .unwrap_or_else(|_| "Lỗi".to_string());
    (f.status, Html(body)).into_response()
}

fn html(s: String) -> Response {
    Html(s).into_response()
}

pub async fn not_found() -> Response {
    failure_page(Failure::not_found("Không có trang này."))
}

pub async fn home(State(st): State<Shared>) -> Page {
    st.ask(|a| {
        let top = a.top(None, None, 15)?;
        let conflicts = a.recent_conflicts(10)?;
        let m = &a.meta;
        render(
            "home.html",
            context! {
                files => m.files, documents => m.documents, mentions => m.mentions,
                conflict_count => m.conflicts, top => v(&top), conflicts => v(&conflicts),
            },
        )
        .map(html)
    })
    .await
    .into()
}

/// A piece of text, marked or not.
#[derive(Serialize)]
struct Piece {
    text: String,
    mark: bool,
}

/// The snippet of a hit cut at its highlighted ranges.
fn pieces(h: &Hit) -> Vec<Piece> {
    let s = &h.snippet;
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in &h.highlights {
        if a < at || b > s.len() || a >= b || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            continue;
        }
        out.push(Piece {
            text: s[at..a].to_string(),
            mark: false,
        });
        out.push(Piece {
            text: s[a..b].to_string(),
            mark: true,
        });
        at = b;
    }
    out.push(Piece {
        text: s[at..].to_string(),
        mark: false,
    });
    out
}

#[derive(Serialize)]
struct HitView {
    hit: Hit,
    url: String,
    pieces: Vec<Piece>,
}

#[derive(Serialize)]
struct FacetLink {
    label: String,
    count: usize,
    url: String,
    on: bool,
}

fn qs(v: &str) -> String {
    utf8_percent_encode(v, NON_ALPHANUMERIC).to_string()
}

/// The search page's URL with one parameter set (or cleared), back on page 1 unless it is the page.
fn search_url(p: &SearchParams, set: &str, value: Option<&str>) -> String {
    let mut fields: Vec<(&str, Option<String>)> = vec![
        ("q", Some(p.q.clone())),
        ("type", p.type_filter.clone()),
        ("issuer", p.issuer.clone()),
        ("province", p.province.clone()),
        ("year", p.year.clone()),
        ("from", p.from.clone()),
        ("to", p.to.clone()),
        ("page", None),
    ];
    if set == "year" {
        // a year replaces a range
        for f in fields.iter_mut().filter(|f| f.0 == "from" || f.0 == "to") {
            f.1 = None;
        }
    }
    for f in fields.iter_mut().filter(|f| f.0 == set) {
        f.1 = value.map(str::to_string);
    }
    let parts: Vec<String> = fields
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.trim().is_empty())
                .map(|v| format!("{k}={}", qs(&v)))
        })
        .collect();
    format!("/search?{}", parts.join("&"))
}

pub async fn search(State(st): State<Shared>, Query(p): Query<SearchParams>) -> Page {
    let run = async {
        let page = p.page()?.min(api::MAX_OFFSET / PAGE);
        let q = p.query(PAGE, (page - 1) * PAGE)?;
        let p2 = p.clone();
        st.ask(move |a| {
            let p = p2;
            if q.text.trim().is_empty() {
                return render("search.html", context! { p => v(&p), searched => false }).map(html);
            }
            // a symbol in any spelling is a document, not words to look for
            if let Some(docs) = a.symbol_only(&q.text) {
                let to = match docs.as_slice() {
                    [one] => doc_url(&one.doc.key),
                    _ => doc_url(q.text.trim()),
                };
                return Ok(Redirect::to(&to).into_response());
            }
            let results = a.search(&q)?;
            let facets = a.facets(&q)?;
            let links = |set: &str, current: &Option<String>, fs: &[crate::query::FacetCount]| {
                fs.iter()
                    .take(20)
                    .map(|f| {
                        let on = current.as_deref().map(str::trim) == Some(f.value.as_str());
                        FacetLink {
                            label: f.label.clone(),
                            count: f.count,
                            url: search_url(&p, set, if on { None } else { Some(&f.value) }),
                            on,
                        }
                    })
                    .collect::<Vec<_>>()
            };
            let types = links("type", &p.type_filter, &facets.types);
            let issuers = links("issuer", &p.issuer, &facets.issuers);
            let provinces = links("province", &p.province, &facets.provinces);
            let years = links("year", &p.year, &facets.years);
            let pages = results.total.div_ceil(PAGE).min(api::MAX_OFFSET / PAGE);
            let prev = (page > 1).then(|| search_url(&p, "page", Some(&(page - 1).to_string())));
            let next =
                (page < pages).then(|| search_url(&p, "page", Some(&(page + 1).to_string())));
            let total = results.total;
            let hits: Vec<HitView> = results
                .hits
                .into_iter()
                .map(|h| HitView {
                    url: view::report_url(&h.file),
                    pieces: pieces(&h),
                    hit: h,
                })
                .collect();
            render(
                "search.html",
                context! {
                    p => v(&p), searched => true, total, hits => v(&hits), page, pages, prev, next,
                    types => v(&types), issuers => v(&issuers), provinces => v(&provinces),
                    years => v(&years),
                },
            )
            .map(html)
        })
        .await
    };
    run.await.into()
}

/// A piece of a report's text: plain, or a citation linked to the document it cites.
#[derive(Serialize)]
struct Span {
    text: String,
    href: Option<String>,
    title: Option<String>,
    conflict: bool,
}

pub async fn report(State(st): State<Shared>, Path(path): Path<String>) -> Page {
    let run = async {
        guard::param(&path)?;
        st.ask(move |a| {
            // an index built from absolute paths: its URLs drop the leading slash
            let r = match a.report(&path)? {
                Some(r) => r,
                None => a
                    .report(&format!("/{path}"))?
                    .ok_or_else(|| Failure::not_found(format!("Không có báo cáo “{path}”.")))?,
            };
            let cited: BTreeSet<&str> = r.mentions.iter().map(|m| m.cited.as_str()).collect();
            let mut conflicted = BTreeSet::new();
            let mut conflicts = Vec::new();
            for k in cited.iter().copied().chain(r.key.as_deref()) {
                let cs = a.conflicts_of(k)?;
                if !cs.is_empty() {
                    conflicted.insert(k.to_string());
                    conflicts.extend(cs);
                }
            }
            let mut spans = Vec::new();
            let text = &r.text;
            let mut at = 0;
            for m in &r.mentions {
                let (s, e) = (m.start as usize, m.end as usize);
                // a citation inside another one is shown by the outer one
                if s < at || e > text.len() || s >= e {
                    continue;
                }
                if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                    continue;
                }
                spans.push(Span {
                    text: text[at..s].to_string(),
                    href: None,
                    title: None,
                    conflict: false,
                });
                let conflict = conflicted.contains(&m.cited);
                spans.push(Span {
                    text: text[s..e].to_string(),
                    href: Some(doc_url(&m.cited)),
                    title: Some(format!(
                        "{} → {}{}",
                        view::relation_label(m.relation.as_str()),
                        m.cited,
                        if conflict {
                            " — ⚠ có mâu thuẫn"
                        } else {
                            ""
                        }
                    )),
                    conflict,
                });
                at = e;
            }
            spans.push(Span {
                text: text[at..].to_string(),
                href: None,
                title: None,
                conflict: false,
            });
            let cites: Vec<&Citation> = r.mentions.iter().collect();
            render(
                "report.html",
                context! { r => v(&r), spans => v(&spans), conflicts => v(&conflicts), cites => v(&cites) },
            )
            .map(html)
        })
        .await
    };
    run.await.into()
}

#[derive(Serialize, Deserialize)]
struct RelationLink {
    relation: String,
    count: usize,
    url: String,
    on: bool,
}

pub async fn document(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<CitedByParams>,
) -> Page {
    let run = async {
        guard::param(&key)?;
        let rel = api::relation(&p.relation)?;
        let year = p.year.clone().filter(|y| !y.trim().is_empty());
        if let Some(y) = &year {
            guard::param(y)?;
        }
        // pages of citing documents, the most recent first, as far as the rows a question reads
        let page = p.page()?.min(MAX_ROWS / SHOWN_ROWS);
        st.ask(move |a| {
            let found = a.find(&key)?;
            let d = match found.as_slice() {
                [one] => one,
                _ => {
                    return render("choose.html", context! { input => key, found => v(&found) })
                        .map(html);
                }
            };
            if d.doc.key != key {
                return Ok(Redirect::to(&doc_url(&d.doc.key)).into_response());
            }
            let show = a.show(&key)?.into_iter().next();
            let Some(mut show) = show else {
                return Err(Failure::not_found(format!("Không có văn bản “{key}”.")));
            };
            // the page shows the citations from the cited-by question, not the record's list
            show.document.doc.mentions = Vec::new();
            // the most recent citations are shown; a year filter looks further back
            let limit = if year.is_some() {
                MAX_ROWS
            } else {
                page * SHOWN_ROWS
            };
            let cited_by = a.cited_by(&key, rel, 1, limit)?;
            let years: BTreeMap<String, usize> = a
                .citing_years(&key, rel)?
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect();
            let rows: Vec<_> = cited_by
                .rows
                .iter()
                .filter(|r| {
                    year.as_deref().is_none_or(|y| {
                        r.source_date.as_deref().and_then(|d| d.get(..4)) == Some(y.trim())
                    })
                })
                .collect();
            // how many match: all the relation's citations, or those of the year
            let matching = match &year {
                Some(y) => years.get(y.trim()).copied().unwrap_or(rows.len()),
                None => cited_by.total,
            };
            let from = ((page - 1) * SHOWN_ROWS).min(rows.len());
            let rows = &rows[from..rows.len().min(from + SHOWN_ROWS)];
            let base = doc_url(&key);
            let paged = |r: Option<&str>, y: Option<&str>, n: usize| {
                let mut q = Vec::new();
                if let Some(r) = r {
                    q.push(format!("relation={}", qs(r)));
                }
                if let Some(y) = y {
                    q.push(format!("year={}", qs(y)));
                }
                if n > 1 {
                    q.push(format!("page={n}"));
                }
                if q.is_empty() {
                    base.clone()
                } else {
                    format!("{base}?{}", q.join("&"))
                }
            };
            let with = |r: Option<&str>, y: Option<&str>| paged(r, y, 1);
            let here = (rel.map(|r| r.as_str()), year.as_deref());
            let prev = (page > 1).then(|| paged(here.0, here.1, page - 1));
            let next = (from + rows.len() < matching.min(MAX_ROWS) && !rows.is_empty())
                .then(|| paged(here.0, here.1, page + 1));
            let relations: Vec<RelationLink> = show
                .relations
                .iter()
                .map(|(r, n)| {
                    let on = rel == Some(*r);
                    RelationLink {
                        relation: r.as_str().to_string(),
                        count: *n,
                        url: with((!on).then_some(r.as_str()), year.as_deref()),
                        on,
                    }
                })
                .collect();
            let year_links: Vec<RelationLink> = years
                .iter()
                .rev()
                .map(|(y, n)| {
                    let on = year.as_deref().map(str::trim) == Some(y.as_str());
                    RelationLink {
                        relation: y.clone(),
                        count: *n,
                        url: with(rel.map(|r| r.as_str()), (!on).then_some(y.as_str())),
                        on,
                    }
                })
                .collect();
            let all_url = with(None, None);
            let cites = a.cites(&key, 500)?;
            let outgoing: Vec<&Citation> = cites.rows.iter().filter(|c| c.source == key).collect();
            render(
                "document.html",
                context! {
                    d => v(&show.document.doc),
                    cited_in => show.document.cited_in_count,
                    cited_by_docs => show.document.cited_by_count,
                    conflicts => v(&show.conflicts),
                    relations => v(&relations), years => v(&year_links), all_url,
                    filtered => rel.is_some() || year.is_some(),
                    rows => v(&rows), total => cited_by.total, matching,
                    first => from + 1, last => from + rows.len(), prev, next,
                    outgoing => v(&outgoing),
                },
            )
            .map(html)
        })
        .await
    };
    run.await.into()
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    pub format: Option<String>,
}

/// The tree flattened for a spreadsheet: one row per implementing document, then one per
/// citing document without an implementing act.
fn audit_csv(audits: &[crate::query::Audit]) -> Result<String, Failure> {
    fn walk(
        w: &mut csv::Writer<Vec<u8>>,
        parent: &str,
        level: usize,
        nodes: &[AuditNode],
    ) -> csv::Result<()> {
        for n in nodes {
            let e = n.evidence.first();
            w.write_record([
                "tree",
                &level.to_string(),
                n.level.unwrap_or(""),
                parent,
                &n.key,
                n.relation.as_str(),
                n.type_name.as_deref().unwrap_or(""),
                n.date.as_deref().unwrap_or(""),
                n.body.as_deref().unwrap_or(""),
                n.place.as_deref().unwrap_or(""),
                n.file.as_deref().unwrap_or(""),
                e.map(|e| e.file.as_str()).unwrap_or(""),
                &e.map(|e| e.line.to_string()).unwrap_or_default(),
                e.map(|e| e.sentence.as_str()).unwrap_or(""),
            ])?;
            walk(w, &n.key, level + 1, &n.children)?;
        }
        Ok(())
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        w.write_record([
            "kind",
            "level",
            "government",
            "parent",
            "key",
            "relation",
            "type",
            "date",
            "body",
            "place",
            "file",
            "evidence_file",
            "evidence_line",
            "evidence_sentence",
        ])?;
        for au in audits {
            walk(w, &au.target.doc.key, 1, &au.tree)?;
            for u in &au.without_act {
                w.write_record([
                    "without_act",
                    "1",
                    "",
                    &au.target.doc.key,
                    &u.key,
                    u.relation.as_str(),
                    u.type_name.as_deref().unwrap_or(""),
                    u.date.as_deref().unwrap_or(""),
                    "",
                    "",
                    u.file.as_deref().unwrap_or(""),
                    &u.citation.file,
                    &u.citation.line.to_string(),
                    &u.citation.sentence,
                ])?;
            }
        }
        Ok(())
    };
    write(&mut w).map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    String::from_utf8(bytes)
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

pub async fn audit(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<AuditParams>,
) -> Page {
    let run = async {
        guard::param(&key)?;
        let csv = p.format.as_deref() == Some("csv");
        st.ask(move |a| {
            let audits = a.audit(&key)?;
            if csv {
                let name: String = key
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                return Ok((
                    [
                        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                        (
                            header::CONTENT_DISPOSITION,
                            format!("attachment; filename=\"audit-{name}.csv\""),
                        ),
                    ],
                    audit_csv(&audits)?,
                )
                    .into_response());
            }
            render(
                "audit.html",
                context! {
                    csv_url => format!("{}?format=csv", view::audit_url(&key)),
                    input => key, audits => v(&audits),
                },
            )
            .map(html)
        })
        .await
    };
    run.await.into()
}

pub async fn graph(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<GraphParams>,
) -> Page {
    let run = async {
        guard::param(&key)?;
        let depth = api::depth(&p.depth, 3)?;
        st.ask(move |a| {
            let found = a.find(&key)?;
            let d = &found.first().expect("find returns one or errs").doc;
            let n = a.neighbourhood(&d.key, depth, MAX_NODES)?;
            let picture = svg::draw(&n);
            let depths: Vec<(usize, String, bool)> = (1..=3)
                .map(|k| {
                    (
                        k,
                        format!("{}?depth={k}", view::graph_url(&d.key)),
                        k == depth,
                    )
                })
                .collect();
            render(
                "graph.html",
                context! {
                    key => &d.key, depth, depths => v(&depths),
                    picture => minijinja::Value::from_safe_string(picture),
                    nodes => v(&n.nodes), edges => v(&n.edges), truncated => n.truncated,
                },
            )
            .map(html)
        })
        .await
    };
    run.await.into()
}
