//! `trichdan serve`: the archive as a local web application in Vietnamese, over the same `query`
//! layer as the command line. Pages are rendered on the server (they work without JavaScript) and
//! each has a JSON twin under `/api` whose shapes are those of the CLI's `--json`.
//!
//! Safe by default: it binds to 127.0.0.1, only reads, escapes every piece of document text (the
//! templates auto-escape), answers from the index alone (no URL reaches the file system), bounds
//! query sizes and pages, and runs the blocking index questions on a bounded number of threads so
//! that a slow one cannot starve the others. A re-built index is picked up without a restart.

mod api;
mod cache;
mod guard;
mod pages;
mod svg;
mod view;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tokio::sync::Semaphore;

use crate::query::Archive;

/// Longest query text accepted, in bytes.
pub const MAX_QUERY: usize = 1000;
/// Longest value of any other parameter (a key, a path, a filter), in bytes.
pub const MAX_PARAM: usize = 500;
/// How long a question may wait for a worker before the server says it is busy.
const QUEUE_WAIT: Duration = Duration::from_secs(10);
/// How long a whole request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the index folder is looked at for a new commit.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

pub struct Options {
    pub index: PathBuf,
    pub addr: SocketAddr,
}

/// What a commit of the index looks like from outside: tantivy rewrites `meta.json` (with
/// trichdan's payload) on every commit.
#[derive(Clone, PartialEq)]
struct Stamp(Option<SystemTime>, u64);

fn stamp(dir: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some(Stamp(m.modified().ok(), m.len()))
}

pub(crate) struct State {
    dir: PathBuf,
    archive: RwLock<Arc<Archive>>,
    stamp: Mutex<Option<Stamp>>,
    /// Index questions running at once.
    workers: Semaphore,
    /// Answers of the current index by URL.
    cache: cache::Cache,
}

/// Why a request could not be answered.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
    pub fn bad(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        let message = format!("{e:#}");
        // the query layer's own sentences for what a user typed wrong
        let status = if message.starts_with("no document") {
            StatusCode::NOT_FOUND
        } else if message.starts_with("unknown") {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        Failure { status, message }
    }
}

impl State {
    fn open(dir: &Path) -> Result<State> {
        let archive = Archive::open(dir)?;
        let n = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(State {
            dir: dir.to_path_buf(),
            archive: RwLock::new(Arc::new(archive)),
            stamp: Mutex::new(stamp(dir)),
            workers: Semaphore::new((2 * n).max(2)),
            cache: cache::Cache::new(),
        })
    }

    fn archive(&self) -> Arc<Archive> {
        self.archive
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Re-opens the index when a new commit has been written (a rebuild, an update).
    fn refresh(&self) {
        let now = stamp(&self.dir);
        let mut last = self.stamp.lock().unwrap_or_else(|e| e.into_inner());
        if now.is_none() || *last == now {
            return;
        }
        // an index in the middle of being rebuilt may not open yet: keep the old one until it does
        if let Ok(a) = Archive::open(&self.dir) {
            *self.archive.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(a);
            self.cache.clear();
            *last = now;
        }
    }

    /// Runs a blocking index question on a worker thread, at most `workers` at once.
    pub async fn ask<T: Send + 'static>(
        self: &Arc<Self>,
        question: impl FnOnce(&Archive) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let _permit = tokio::time::timeout(QUEUE_WAIT, self.workers.acquire())
            .await
            .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "máy chủ đang bận"))?
            .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "máy chủ đang dừng"))?;
        let archive = self.archive();
        tokio::task::spawn_blocking(move || question(&archive))
            .await
            .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    }
}

pub(crate) type Shared = Arc<State>;

fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/reports/{*path}", get(pages::report))
        .route("/documents/{*key}", get(pages::document))
        .route("/audit/{*key}", get(pages::audit))
        .route("/graph/{*key}", get(pages::graph))
        .route("/api/search", get(api::search))
        .route("/api/documents/{*key}", get(api::document))
        .route("/api/cited-by/{*key}", get(api::cited_by))
        .route("/api/cites/{*key}", get(api::cites))
        .route("/api/audit/{*key}", get(api::audit))
        .route("/api/graph/{*key}", get(api::graph))
        .route("/api/top", get(api::top))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::layer,
        ))
        .layer(axum::middleware::from_fn(guard::refuse_traversal))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
}

/// Serves until Ctrl-C (or SIGTERM). The first line on standard output is
/// "listening on http://ADDR", with the port the system gave when ADDR asked for port 0.
pub fn run(opts: &Options) -> Result<()> {
    let state = Arc::new(State::open(&opts.index)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .with_context(|| format!("cannot listen on {}", opts.addr))?;
        let addr = listener.local_addr()?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on http://{addr}")?;
            out.flush()?;
        }
        if !addr.ip().is_loopback() {
            eprintln!(
                "trichdan: warning: serving on {addr}, reachable from other machines; the archive is public to them"
            );
        }
        let watcher = {
            let state = state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(RELOAD_EVERY);
                loop {
                    tick.tick().await;
                    let s = state.clone();
                    let _ = tokio::task::spawn_blocking(move || s.refresh()).await;
                }
            })
        };
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .context("the server stopped")?;
        watcher.abort();
        eprintln!("trichdan: server stopped");
        Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
