//! The JSON API: one route per question, each answering exactly what the command line prints
//! with `--json` (the same values of the query layer, serialised by the same serde types).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Failure, Shared, guard};
use crate::extract::Relation;
use crate::extract::context::Date;
use crate::query::SearchQuery;

/// Largest page of search results.
pub const MAX_LIMIT: usize = 100;
/// Deepest page of search results.
pub const MAX_OFFSET: usize = 10_000;
/// Most citation rows in one answer.
pub const MAX_ROWS: usize = 1000;

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// A search as a URL gives it (the form of the search page and `/api/search` alike). Empty
/// fields are no filter, as an HTML form sends them.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(rename = "type")]
    pub type_filter: Option<String>,
    pub issuer: Option<String>,
    pub province: Option<String>,
    /// One year, or with `from`/`to` a range: years ("2020") or dates ("01/06/2020").
    pub year: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

fn given(v: &Option<String>) -> Result<Option<String>, Failure> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => Ok(Some(guard::param(s)?.to_string())),
    }
}

fn number(v: &Option<String>, what: &str) -> Result<Option<usize>, Failure> {
    given(v)?
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| Failure::bad(format!("{what} phải là một số: “{s}”")))
        })
        .transpose()
}

/// A year ("2020") as its first or last day, or a date as written.
fn bound(v: &Option<String>, last: bool) -> Result<Option<Date>, Failure> {
    let Some(s) = given(v)? else { return Ok(None) };
    if let Ok(y) = s.parse::<u16>() {
        return Ok(Some(if last {
            Date { y, m: 12, d: 31 }
        } else {
            Date { y, m: 1, d: 1 }
        }));
    }
    Date::parse(&s)
        .map(Some)
        .ok_or_else(|| Failure::bad(format!("“{s}” không phải là năm hay ngày (dd/mm/yyyy)")))
}

impl SearchParams {
    pub fn query(&self, limit: usize, offset: usize) -> Result<SearchQuery, Failure> {
        let year = number(&self.year, "năm")?
            .map(|y| u16::try_from(y).map_err(|_| Failure::bad("năm không hợp lệ")))
            .transpose()?;
        Ok(SearchQuery {
            text: guard::query_text(&self.q)?.to_string(),
            type_filter: given(&self.type_filter)?,
            issuer: given(&self.issuer)?,
            province: given(&self.province)?,
            year,
            from: bound(&self.from, false)?,
            to: bound(&self.to, true)?,
            limit: limit.clamp(1, MAX_LIMIT),
            offset: offset.min(MAX_OFFSET),
        })
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> Result<usize, Failure> {
        Ok(number(&self.page, "trang")?.unwrap_or(1).max(1))
    }

    fn api_query(&self) -> Result<SearchQuery, Failure> {
        let limit = number(&self.limit, "limit")?.unwrap_or(10);
        let offset = number(&self.offset, "offset")?.unwrap_or(0);
        self.query(limit, offset)
    }
}

pub async fn search(
    State(st): State<Shared>,
    Query(p): Query<SearchParams>,
) -> Result<Response, Failure> {
    let q = p.api_query()?;
    let r = st.ask(move |a| Ok(a.search(&q)?)).await?;
    Ok(Json(r).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct CitedByParams {
    pub relation: Option<String>,
    pub depth: Option<String>,
    pub limit: Option<String>,
    pub year: Option<String>,
    /// the document page's page of citing documents (1, 2, …)
    pub page: Option<String>,
}

impl CitedByParams {
    pub fn page(&self) -> Result<usize, Failure> {
        Ok(number(&self.page, "trang")?.unwrap_or(1).max(1))
    }
}

pub fn relation(v: &Option<String>) -> Result<Option<Relation>, Failure> {
    given(v)?
        .map(|s| {
            Relation::parse(&s).ok_or_else(|| {
                let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                Failure::bad(format!(
                    "quan hệ không rõ “{s}”; một trong: {}",
                    all.join(", ")
                ))
            })
        })
        .transpose()
}

pub fn depth(v: &Option<String>, max: usize) -> Result<usize, Failure> {
    Ok(number(v, "depth")?.unwrap_or(1).clamp(1, max))
}

pub async fn document(
    State(st): State<Shared>,
    Path(key): Path<String>,
) -> Result<Response, Failure> {
    guard::param(&key)?;
    let r = st.ask(move |a| Ok(a.show(&key)?)).await?;
    Ok(Json(r).into_response())
}

pub async fn cited_by(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<CitedByParams>,
) -> Result<Response, Failure> {
    guard::param(&key)?;
    let rel = relation(&p.relation)?;
    let depth = depth(&p.depth, 5)?;
    let limit = number(&p.limit, "limit")?
        .unwrap_or(MAX_ROWS)
        .clamp(1, MAX_ROWS);
    let r = st
        .ask(move |a| Ok(a.cited_by(&key, rel, depth, limit)?))
        .await?;
    Ok(Json(r).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct LimitParams {
    pub limit: Option<String>,
}

pub async fn cites(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<LimitParams>,
) -> Result<Response, Failure> {
    guard::param(&key)?;
    let limit = number(&p.limit, "limit")?
        .unwrap_or(MAX_ROWS)
        .clamp(1, MAX_ROWS);
    let r = st.ask(move |a| Ok(a.cites(&key, limit)?)).await?;
    Ok(Json(r).into_response())
}

pub async fn audit(State(st): State<Shared>, Path(key): Path<String>) -> Result<Response, Failure> {
    guard::param(&key)?;
    let r = st.ask(move |a| Ok(a.audit(&key)?)).await?;
    Ok(Json(r).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct GraphParams {
    pub depth: Option<String>,
}

/// Most documents drawn in one neighbourhood.
pub const MAX_NODES: usize = 80;

pub async fn graph(
    State(st): State<Shared>,
    Path(key): Path<String>,
    Query(p): Query<GraphParams>,
) -> Result<Response, Failure> {
    guard::param(&key)?;
    let depth = depth(&p.depth, 3)?;
    let r = st
        .ask(move |a| {
            let d = a.find(&key)?;
            let key = &d.first().expect("find returns one or errs").doc.key;
            Ok(a.neighbourhood(key, depth, MAX_NODES)?)
        })
        .await?;
    Ok(Json(r).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct TopParams {
    #[serde(rename = "type")]
    pub type_filter: Option<String>,
    pub since: Option<String>,
    pub limit: Option<String>,
}

pub async fn top(
    State(st): State<Shared>,
    Query(p): Query<TopParams>,
) -> Result<Response, Failure> {
    let t = given(&p.type_filter)?;
    let since = number(&p.since, "since")?.map(|y| y.min(u16::MAX as usize) as u16);
    let limit = number(&p.limit, "limit")?.unwrap_or(20).clamp(1, MAX_LIMIT);
    let r = st
        .ask(move |a| Ok(a.top(t.as_deref(), since, limit)?))
        .await?;
    Ok(Json(r).into_response())
}
